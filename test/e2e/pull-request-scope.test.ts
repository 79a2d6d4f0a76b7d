// Pull request scope, with the bundled action on a real git history: a base commit (the example, which
// already grants too much) and a head commit that adds one broad grant and moves the old statements
// down. On pull_request, only what the head adds is new and fails; the base comes from the local
// history, from a shallow clone's one-commit fetch, or from the GitHub API's tarball; without any of
// them every finding is new and the summary says why. A schedule run judges everything.
import { execFileSync } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GitHubApiEmulator } from '../world/github-api.js'
import { type ActionRun, pullRequestEvent, REPO_ROOT, runAction } from '../world/runner.js'

interface Finding {
  kind: string
  file: string
  line: number
  scope: 'new' | 'existing' | null
  actions: string[]
}
interface Report {
  verdict: string
  reason: string
  findings: Finding[]
  base: { sha: string | null; via: string | null; unavailable: string | null } | null
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
  }).trim()

/** A commit by a test author, whatever the machine's git config says. */
const commit = (cwd: string, ...args: string[]) =>
  git(cwd, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', ...args)

let origin: string
let baseSha: string
let headSha: string

/** The example as the base commit; the head adds an ec2:* statement above the old ones. */
beforeAll(async () => {
  origin = await mkdtemp(join(tmpdir(), 'ipd-scope-origin-'))
  await cp(join(REPO_ROOT, 'examples'), origin, { recursive: true })
  git(origin, 'init', '-q', '-b', 'main')
  git(origin, 'config', 'user.email', 'test@example.com')
  git(origin, 'config', 'user.name', 'test')
  // GitHub serves any commit by sha; a local origin must be told to.
  git(origin, 'config', 'uploadpack.allowAnySHA1InWant', 'true')
  git(origin, 'add', '-A')
  git(origin, 'commit', '-q', '-m', 'base')
  baseSha = git(origin, 'rev-parse', 'HEAD')
  const file = join(origin, 'iam', 'reporting.json')
  const policy = JSON.parse(await readFile(file, 'utf8'))
  policy.Statement.unshift({ Sid: 'Instances', Effect: 'Allow', Action: 'ec2:*', Resource: '*' })
  await writeFile(file, `${JSON.stringify(policy, null, 2)}\n`)
  git(origin, 'commit', '-q', '-am', 'head: manage instances')
  headSha = git(origin, 'rev-parse', 'HEAD')
})

afterAll(async () => {
  await rm(origin, { recursive: true, force: true })
})

const prEvent = () => pullRequestEvent(9, headSha, baseSha)

/** The base revisions' directories a run left in its temporary directory: none, once it ends. */
async function leftBehind(run: ActionRun): Promise<string[]> {
  return (await readdir(run.runnerTemp)).filter((name) => name.startsWith('iam-policy-drift-base-'))
}

async function reportOf(run: ActionRun): Promise<Report> {
  return JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
}

describe('pull request scope', () => {
  it('fails only on what the head adds; the rest is existing, even where its lines moved', async () => {
    const run = await runAction({ workspace: origin, eventName: 'pull_request', event: prEvent() })
    const report = await reportOf(run)
    expect(report.base).toMatchObject({ sha: baseSha, via: 'git', unavailable: null })
    const fresh = report.findings.filter((f) => f.scope === 'new')
    expect(fresh.map((f) => f.kind).sort()).toEqual([
      'privilege-escalation',
      'wildcard-action',
      'wildcard-resource',
    ])
    expect(
      fresh.every((f) => f.file === 'iam/reporting.json' && f.actions.some((a) => a.startsWith('ec2:'))),
    ).toBe(true)
    // The typo was on line 13 in the base and is further down now: the same finding, existing.
    const typo = report.findings.find((f) => f.kind === 'unknown-action')
    expect([typo?.scope, (typo?.line ?? 0) > 13]).toEqual(['existing', true])
    expect(report.findings.filter((f) => f.scope === 'existing').length).toBe(7)
    expect(run.exitCode).toBe(1)
    expect(report.reason).toBe(
      "3 new findings at or above fail-on 'medium' (1 critical, 1 high, 1 medium). 7 existing findings the base revision has too (not failing).",
    )
    expect(run.summary).toContain(
      `<details><summary>Existing findings (7): the base revision \`${baseSha.slice(0, 12)}\` has them too; not failing</summary>`,
    )
    // Existing findings are warnings, not errors.
    const errors = run.commands.filter((c) => c.command === 'error' && c.properties.file)
    expect(errors.map((c) => c.properties.file)).toEqual([
      'iam/reporting.json',
      'iam/reporting.json',
      'iam/reporting.json',
    ])
    expect(await leftBehind(run)).toEqual([])
  })

  it('with a head whose config is broken: nothing checked, and the base unpacked meanwhile is removed', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'ipd-scope-broken-'))
    try {
      git(tmpdir(), 'clone', '-q', `file://${origin}`, broken)
      await writeFile(join(broken, '.github', 'iam-policy-drift.yml'), 'principals:\n  - arn: nope\n')
      commit(broken, '-am', 'head: break it')
      const event = prEvent()
      event.pull_request.head.sha = git(broken, 'rev-parse', 'HEAD')
      const run = await runAction({ workspace: broken, eventName: 'pull_request', event })
      expect(run.exitCode).toBe(1)
      expect(run.commands.filter((c) => c.command === 'error').at(-1)?.message).toMatch(
        /^Nothing was checked/,
      )
      expect(await leftBehind(run)).toEqual([])
    } finally {
      await rm(broken, { recursive: true, force: true })
    }
  })

  it("takes from git what the checkout has changed: a step's edit and a file it added are the head's alone", async () => {
    const work = await mkdtemp(join(tmpdir(), 'ipd-scope-edited-'))
    try {
      git(tmpdir(), 'clone', '-q', `file://${origin}`, work)
      // A step before the action edits a tracked policy and writes a new one; neither is committed.
      const deployer = join(work, 'iam', 'app-deployer', 'main.json')
      const policy = JSON.parse(await readFile(deployer, 'utf8'))
      policy.Statement.push({ Sid: 'Keys', Effect: 'Allow', Action: 'kms:*', Resource: '*' })
      await writeFile(deployer, `${JSON.stringify(policy, null, 2)}\n`)
      const added = join(work, 'iam', 'app-deployer', 'generated.json')
      await writeFile(
        added,
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sns:*', Resource: '*' }],
        }),
      )
      const runHere = () =>
        runAction({
          workspace: work,
          eventName: 'pull_request',
          event: prEvent(),
          env: { ACTIONS_STEP_DEBUG: 'true' },
        })
      const run = await runHere()
      const report = await reportOf(run)
      expect(report.base).toMatchObject({ via: 'git', unavailable: null })
      const fresh = report.findings.filter((f) => f.scope === 'new')
      expect(fresh.some((f) => f.actions.some((a) => a.startsWith('kms:')))).toBe(true)
      expect(fresh.some((f) => f.actions.some((a) => a.startsWith('sns:')))).toBe(true)
      expect(fresh.some((f) => f.actions.some((a) => a.startsWith('ec2:')))).toBe(true)
      // The typo the base has: existing, as before.
      expect(report.findings.find((f) => f.kind === 'unknown-action')?.scope).toBe('existing')
      // The rest of the base came from the checkout: two files differ from it.
      expect(run.stdout).toMatch(
        /::debug::Base revision \w{12}: \d+ file\(s\) as checked out \(linked\), 2 from git/,
      )
      expect(await leftBehind(run)).toEqual([])
      // The checkout is as it was: the base's links are gone with it, and nothing was written to its files.
      expect(JSON.parse(await readFile(deployer, 'utf8')).Statement.at(-1).Sid).toBe('Keys')

      // A second run on the same checkout (a self-hosted runner's), whose files' inodes the first run's
      // links changed, after a step edits one more file without changing its size: that edit is seen too.
      const reader = join(work, 'iam', 'audit-reader.json')
      const text = await readFile(reader, 'utf8')
      await writeFile(reader, text.replace('sts:GetCallerIdentity', 'sts:GetCallerIdentitx'))
      const again = await runHere()
      const second = await reportOf(again)
      expect(again.stdout).toMatch(
        /::debug::Base revision \w{12}: \d+ file\(s\) as checked out \(linked\), 3 from git/,
      )
      const typo = second.findings.find((f) => f.actions.includes('sts:GetCallerIdentitx'))
      expect(typo).toMatchObject({ kind: 'unknown-action', scope: 'new', file: 'iam/audit-reader.json' })
      // What the first run judged is judged the same.
      const scopes = (r: Report) =>
        r.findings
          .filter((f) => f.file !== 'iam/audit-reader.json')
          .map((f) => `${f.scope} ${f.kind} ${f.file}:${f.line}`)
      expect(scopes(second)).toEqual(scopes(report))
      expect(await leftBehind(again)).toEqual([])
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  })

  // A merge queue runs the required checks again on a group of pull requests made on the target branch:
  // judged whole, the check that passed each pull request failed the queue on the existing findings.
  it('compares a merge queue group with the commit it was made on, and pull_request_target as pull_request', async () => {
    const group = await runAction({
      workspace: origin,
      eventName: 'merge_group',
      event: {
        action: 'checks_requested',
        merge_group: {
          head_sha: headSha,
          head_ref: `refs/heads/gh-readonly-queue/main/pr-9-${baseSha}`,
          base_sha: baseSha,
          base_ref: 'refs/heads/main',
        },
      },
    })
    const target = await runAction({ workspace: origin, eventName: 'pull_request_target', event: prEvent() })
    for (const run of [group, target]) {
      const report = await reportOf(run)
      expect(report.base).toMatchObject({ sha: baseSha, via: 'git', unavailable: null })
      expect(report.findings.filter((f) => f.scope === 'new')).toHaveLength(3)
      expect(report.reason).toContain('7 existing findings the base revision has too (not failing).')
      expect(run.exitCode).toBe(1)
    }
    const { run } = JSON.parse(await readFile(group.outputs.report as string, 'utf8'))
    expect(run).toMatchObject({ event: 'merge_group', pullRequest: null })
    // The head checked out, as the README's workflow does: nothing to warn of.
    const checksBase = (r: ActionRun) =>
      r.commands.filter(
        (c) => c.command === 'warning' && c.message.includes("checks the base branch's files"),
      )
    expect(checksBase(target)).toEqual([])
    // A push judges everything, as before.
    const push = await runAction({ workspace: origin, eventName: 'push', event: {} })
    expect((await reportOf(push)).base).toBeNull()
  })

  it("warns when pull_request_target's default checkout leaves the pull request's changes out", async () => {
    const work = await mkdtemp(join(tmpdir(), 'ipd-scope-target-'))
    try {
      // actions/checkout on pull_request_target: the base branch's commit the run is for (GITHUB_SHA).
      git(tmpdir(), 'clone', '-q', `file://${origin}`, work)
      git(work, 'checkout', '-q', '--detach', baseSha)
      const run = await runAction({
        workspace: work,
        eventName: 'pull_request_target',
        event: prEvent(),
        env: { GITHUB_SHA: baseSha },
      })
      const report = await reportOf(run)
      // The base checked against itself: nothing is new, though the pull request adds ec2:*.
      expect(report.findings.filter((f) => f.scope === 'new')).toEqual([])
      expect(
        run.commands.filter((c) => c.command === 'warning').map((c) => c.message.split(':')[0]),
      ).toContain(
        `This pull_request_target run checks the base branch's files (the checkout is at ${baseSha.slice(0, 12)}, the commit the run is for), not pull request #9's (${headSha.slice(0, 12)})`,
      )
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  })

  it('with fail-on-scope: all, fails on every finding as before', async () => {
    const run = await runAction({
      workspace: origin,
      eventName: 'pull_request',
      event: prEvent(),
      inputs: { 'fail-on-scope': 'all' },
    })
    const report = await reportOf(run)
    expect(report.reason).toMatch(/^10 findings at or above fail-on 'medium' \(.*\), 3 of them new\.$/)
    expect(run.exitCode).toBe(1)
    expect(run.summary).toContain('has them too; failing too (fail-on-scope: all)</summary>')
  })

  it('fetches the base commit into a shallow clone, as actions/checkout leaves one', async () => {
    const shallow = await mkdtemp(join(tmpdir(), 'ipd-scope-shallow-'))
    git(tmpdir(), 'clone', '-q', '--depth=1', `file://${origin}`, shallow)
    expect(() => git(shallow, 'cat-file', '-e', `${baseSha}^{commit}`)).toThrow()
    const run = await runAction({ workspace: shallow, eventName: 'pull_request', event: prEvent() })
    const report = await reportOf(run)
    expect(report.base).toMatchObject({ via: 'git', unavailable: null })
    expect(report.findings.filter((f) => f.scope === 'new')).toHaveLength(3)
    expect(run.stdout).toContain(`Fetching the base revision ${baseSha.slice(0, 12)}`)
    await rm(shallow, { recursive: true, force: true })
  })

  it('gets the base from the GitHub API when there is no git history, and says why when there is neither', async () => {
    const bare = await mkdtemp(join(tmpdir(), 'ipd-scope-nogit-'))
    execFileSync('sh', ['-c', `git -C '${origin}' archive ${headSha} | tar -x -C '${bare}'`])
    const github = await GitHubApiEmulator.start()
    try {
      github.tarballs.set(
        baseSha,
        execFileSync(
          'git',
          ['archive', '--format=tar.gz', `--prefix=octo-org-infra-${baseSha.slice(0, 7)}/`, baseSha],
          {
            cwd: origin,
          },
        ),
      )
      const env = { GITHUB_API_URL: github.url }
      const viaApi = await runAction({
        workspace: bare,
        eventName: 'pull_request',
        event: prEvent(),
        inputs: { 'github-token': 'ghs_test', comment: 'never' },
        env,
      })
      const report = await reportOf(viaApi)
      expect(report.base).toMatchObject({ via: 'api', unavailable: null })
      expect(report.findings.filter((f) => f.scope === 'new')).toHaveLength(3)
      expect(github.requests.some((r) => r.path === `/repos/octo-org/infra/tarball/${baseSha}`)).toBe(true)

      const neither = await runAction({ workspace: bare, eventName: 'pull_request', event: prEvent(), env })
      const alone = await reportOf(neither)
      expect(alone.base?.unavailable).toMatch(
        /not in the local git history \(the workspace is not a git checkout\), and there is no github-token/,
      )
      expect(alone.findings.every((f) => f.scope === 'new')).toBe(true)
      expect(neither.summary).toContain('> Every finding counts as new: the base revision')
    } finally {
      await github.close()
      await rm(bare, { recursive: true, force: true })
    }
  })

  it("reads the base with the pull request's config when its own finds nothing: none yet, or one it mends", async () => {
    // The base's templates hold a Rain source, which stops its own config; the pull request leaves it
    // out and adds a grant. And a base with no config at all: the pull request brings the action in.
    const repo = await mkdtemp(join(tmpdir(), 'ipd-scope-config-'))
    try {
      const template = (actions: string[]) =>
        `Resources:\n  App:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: app\n      AssumeRolePolicyDocument: {}\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Statement:\n${actions.map((a) => `              - Effect: Allow\n                Action: ${a}\n                Resource: "*"\n`).join('')}`
      const config = (exclusion: boolean) =>
        `cloudformation:\n  - template: ["stacks/**/*.yml"${exclusion ? ', "!stacks/rain"' : ''}]\n    account: "111122223333"\n`
      await mkdir(join(repo, 'stacks', 'rain'), { recursive: true })
      await mkdir(join(repo, '.github'))
      await writeFile(join(repo, 'stacks/app.yml'), template(['s3:GetObject']))
      await writeFile(
        join(repo, 'stacks/rain/site.yml'),
        'Resources:\n  Site:\n    Type: !Rain::Module site.yml\n',
      )
      git(repo, 'init', '-q', '-b', 'main')
      git(repo, 'add', '-A')
      commit(repo, '-m', 'templates, no config')
      const bare = git(repo, 'rev-parse', 'HEAD')
      await writeFile(join(repo, '.github/iam-policy-drift.yml'), config(false))
      git(repo, 'add', '-A')
      commit(repo, '-m', 'a config that cannot read the Rain source')
      const broken = git(repo, 'rev-parse', 'HEAD')
      await writeFile(join(repo, '.github/iam-policy-drift.yml'), config(true))
      await writeFile(join(repo, 'stacks/app.yml'), template(['s3:GetObject', 'iam:PassRole']))
      commit(repo, '-am', 'leave the Rain source out; pass roles')
      const head = git(repo, 'rev-parse', 'HEAD')
      for (const [base, why] of [
        [broken, "the base revision's config or policy files have 2 problems"],
        [bare, 'the base revision has no .github/iam-policy-drift.yml'],
      ] as const) {
        const event = pullRequestEvent(3, head, base)
        const run = await runAction({ workspace: repo, eventName: 'pull_request', event })
        expect(run.stdout).toContain(`, read with this pull request's config: ${why}`)
        const report = await reportOf(run)
        expect(report.base?.unavailable).toBeNull()
        expect(report.findings.map((f) => `${f.kind} ${f.actions.join()} ${f.scope}`).sort()).toEqual([
          'privilege-escalation iam:PassRole new',
          'wildcard-resource iam:PassRole new',
          'wildcard-resource s3:GetObject existing',
        ])
      }
    } finally {
      await rm(repo, { recursive: true, force: true })
    }
  })

  it('brings the action in with a policy file the base has not: that one is new, the others compared', async () => {
    const repo = await mkdtemp(join(tmpdir(), 'ipd-scope-policies-'))
    try {
      const policy = (action: string) =>
        `${JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] }, null, 2)}\n`
      await mkdir(join(repo, 'iam'))
      await writeFile(join(repo, 'iam/reporting.json'), policy('s3:*'))
      git(repo, 'init', '-q', '-b', 'main')
      git(repo, 'add', '-A')
      commit(repo, '-m', 'a policy, no config')
      const base = git(repo, 'rev-parse', 'HEAD')
      await mkdir(join(repo, '.github'))
      await writeFile(
        join(repo, '.github/iam-policy-drift.yml'),
        [
          'principals:',
          '  - arn: arn:aws:iam::111122223333:role/reporting',
          '    policies: iam/reporting.json',
          '  - arn: arn:aws:iam::111122223333:role/deployer',
          '    policies: [iam/deployer.json, iam/deployer-*.json]',
          '',
        ].join('\n'),
      )
      await writeFile(join(repo, 'iam/deployer.json'), policy('ec2:*'))
      await writeFile(join(repo, 'iam/deployer-extra.json'), policy('sqs:*'))
      git(repo, 'add', '-A')
      commit(repo, '-m', 'bring the action in, with a new role')
      const head = git(repo, 'rev-parse', 'HEAD')
      const event = pullRequestEvent(4, head, base)
      const run = await runAction({ workspace: repo, eventName: 'pull_request', event })
      const report = await reportOf(run)
      expect(report.base).toMatchObject({
        unavailable: null,
        missing: ['iam/deployer.json', 'iam/deployer-*.json'],
      })
      const scopes = new Map<string, Set<string | null>>()
      for (const f of report.findings) scopes.set(f.file, (scopes.get(f.file) ?? new Set()).add(f.scope))
      expect(Object.fromEntries([...scopes].map(([file, s]) => [file, [...s]]))).toEqual({
        'iam/reporting.json': ['existing'],
        'iam/deployer.json': ['new'],
        'iam/deployer-extra.json': ['new'],
      })
      expect(run.stdout).toContain(
        '::notice title=iam-policy-drift,file=.github/iam-policy-drift.yml,line=5::The base revision has no file that policies: iam/deployer-*.json matches',
      )
    } finally {
      await rm(repo, { recursive: true, force: true })
    }
  })

  it('judges everything on a schedule run, with no scope', async () => {
    const run = await runAction({
      workspace: origin,
      eventName: 'schedule',
      event: { schedule: '17 3 * * *' },
    })
    const report = await reportOf(run)
    expect(report.base).toBeNull()
    expect(report.findings.every((f) => f.scope === null)).toBe(true)
    expect(report.reason).toMatch(/^10 findings at or above fail-on 'medium'/)
  })
})

describe('pull request scope on Terraform modules and on build outputs git does not hold', () => {
  const MODULE = [
    'variable "actions" { type = list(string) }',
    'resource "aws_iam_role" "this" { name = "deployer" }',
    'resource "aws_iam_role_policy" "this" {',
    '  role   = aws_iam_role.this.id',
    '  policy = jsonencode({ Version = "2012-10-17", Statement = [',
    '    { Effect = "Allow", Action = var.actions, Resource = "*" },',
    '    { Effect = "Allow", Action = ["logs:PutLogEvents"], Resource = "*" },',
    '  ] })',
    '}',
    '',
  ].join('\n')
  const caller = (source: string, actions: string) =>
    [
      '# The deployer role, from the shared module.',
      'module "deployer" {',
      `  source  = "${source}"`,
      `  actions = ${actions}`,
      '}',
      '',
    ].join('\n')
  const repos: string[] = []
  afterAll(async () => {
    for (const repo of repos) await rm(repo, { recursive: true, force: true })
  })

  /** A repository whose base commit holds `files` (what .gitignore names stays in the checkout alone). */
  async function repoWith(files: Record<string, string>): Promise<{ repo: string; base: string }> {
    const repo = await mkdtemp(join(tmpdir(), 'ipd-scope-tf-'))
    repos.push(repo)
    const all = {
      '.github/iam-policy-drift.yml': 'terraform:\n  - root: infra\n    account: "111122223333"\n',
      ...files,
    }
    for (const [path, text] of Object.entries(all)) {
      await mkdir(dirname(join(repo, path)), { recursive: true })
      await writeFile(join(repo, path), text)
    }
    git(repo, 'init', '-q', '-b', 'main')
    git(repo, 'add', '-A')
    commit(repo, '-m', 'base')
    return { repo, base: git(repo, 'rev-parse', 'HEAD') }
  }

  /** The action on a pull request whose head commit writes `change` over the base. */
  async function pullRequest(repo: string, base: string, change: Record<string, string>): Promise<ActionRun> {
    for (const [path, text] of Object.entries(change)) await writeFile(join(repo, path), text)
    commit(repo, '-am', 'head')
    const head = git(repo, 'rev-parse', 'HEAD')
    return runAction({
      workspace: repo,
      eventName: 'pull_request',
      event: pullRequestEvent(3, head, base),
    })
  }
  const described = (report: Report) =>
    report.findings
      .map(
        (f) => `${f.scope} ${f.kind} ${f.file}:${f.line} ${(f as { policyFile?: string }).policyFile ?? '-'}`,
      )
      .sort()

  it("fails on the caller's new action, annotated on the caller's line; the module's own statement stays existing", async () => {
    const { repo, base } = await repoWith({
      'infra/main.tf': caller('./modules/deployer', '["s3:GetObject"]'),
      'infra/modules/deployer/main.tf': MODULE,
    })
    const run = await pullRequest(repo, base, {
      'infra/main.tf': caller('./modules/deployer', '["s3:GetObject", "iam:PassRole"]'),
    })
    const report = await reportOf(run)
    expect(report.base).toMatchObject({ sha: base, via: 'git', unavailable: null })
    expect(described(report)).toEqual([
      // The module's own statement, which the pull request leaves as it is.
      'existing wildcard-resource infra/modules/deployer/main.tf:7 -',
      // iam:PassRole on "*", written on line 4 of main.tf: new, on the line the pull request changed.
      'new privilege-escalation infra/main.tf:4 infra/modules/deployer/main.tf',
      // The statement the caller's list changed: its findings are new too (a changed statement).
      'new wildcard-resource infra/modules/deployer/main.tf:6 -',
    ])
    const errors = run.commands.filter((c) => c.command === 'error' && c.properties.file)
    expect(errors.map((c) => [c.properties.file, c.properties.line, c.properties.col])).toEqual([
      ['infra/main.tf', '4', '30'],
      ['infra/modules/deployer/main.tf', '6', '58'],
    ])
    expect(run.exitCode).toBe(1)
  })

  it('compares the documents given to a module `terraform init` has not installed: only what the head adds is new', async () => {
    const lambda = (actions: string) =>
      [
        'data "aws_iam_policy_document" "worker" {',
        '  statement {',
        '    actions   = ["logs:PutLogEvents"]',
        '    resources = ["*"]',
        '  }',
        '  statement {',
        `    actions   = ${actions}`,
        '    resources = ["*"]',
        '  }',
        '}',
        'module "worker" {',
        '  source      = "terraform-aws-modules/lambda/aws"',
        '  policy_json = data.aws_iam_policy_document.worker.json',
        '}',
        '',
      ].join('\n')
    const { repo, base } = await repoWith({ 'infra/main.tf': lambda('["s3:GetObject"]') })
    const run = await pullRequest(repo, base, { 'infra/main.tf': lambda('["s3:GetObject", "iam:PassRole"]') })
    const report = await reportOf(run)
    expect(report.base).toMatchObject({ sha: base, via: 'git', unavailable: null })
    expect(described(report)).toEqual([
      'existing wildcard-resource infra/main.tf:4 -',
      'new privilege-escalation infra/main.tf:7 -',
      'new wildcard-resource infra/main.tf:8 -',
    ])
    expect(run.exitCode).toBe(1)
  })

  it("reads the base without a root the job generates (cdktf synth's): the other roots are compared", async () => {
    const { repo, base } = await repoWith({
      '.github/iam-policy-drift.yml': [
        'terraform:',
        '  - root: infra',
        '    account: "111122223333"',
        '  - root: cdktf.out/stacks/app',
        '    account: "111122223333"',
        '',
      ].join('\n'),
      '.gitignore': 'cdktf.out/\n',
      'infra/main.tf': caller('./modules/deployer', '["s3:GetObject"]'),
      'infra/modules/deployer/main.tf': MODULE,
      // What `cdktf synth` writes: Terraform's JSON syntax.
      'cdktf.out/stacks/app/cdk.tf.json': `${JSON.stringify(
        {
          resource: {
            aws_iam_role: { worker: { name: 'worker', assume_role_policy: '{}' } },
            aws_iam_role_policy: {
              worker: {
                role: '${aws_iam_role.worker.name}',
                policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] }),
              },
            },
          },
        },
        null,
        2,
      )}\n`,
    })
    expect(git(repo, 'ls-files')).not.toContain('cdktf.out')
    const run = await pullRequest(repo, base, {
      'infra/main.tf': caller('./modules/deployer', '["s3:GetObject", "iam:PassRole"]'),
    })
    const report = await reportOf(run)
    expect(report.base).toMatchObject({ via: 'git', unavailable: null, missing: ['cdktf.out/stacks/app'] })
    expect(described(report)).toEqual([
      'existing wildcard-resource infra/modules/deployer/main.tf:7 -',
      'new privilege-escalation infra/main.tf:4 infra/modules/deployer/main.tf',
      'new wildcard-action cdktf.out/stacks/app/cdk.tf.json:12 -',
      'new wildcard-resource cdktf.out/stacks/app/cdk.tf.json:12 -',
      'new wildcard-resource infra/modules/deployer/main.tf:6 -',
    ])
    expect(run.stdout).toContain(
      '::notice title=iam-policy-drift,file=.github/iam-policy-drift.yml,line=4::The base revision has no root cdktf.out/stacks/app (a step builds it, such as cdktf synth, and git does not hold it, or this pull request adds it): the findings in it count as new',
    )
  })

  it('still compares a policy file whose glob the pull request mends: a glob the head lacks too is a mistake', async () => {
    const config = (glob: string) =>
      `principals:\n  - arn: arn:aws:iam::111122223333:role/reporting\n    policies: ${glob}\n`
    const { repo, base } = await repoWith({
      '.github/iam-policy-drift.yml': config('iam/reportng.json'),
      'iam/reporting.json': `${JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }, null, 2)}\n`,
    })
    const run = await pullRequest(repo, base, {
      '.github/iam-policy-drift.yml': config('iam/reporting.json'),
    })
    const report = await reportOf(run)
    // The base's own config names no file there or here: read with the pull request's config instead.
    expect(run.stdout).toContain(
      ", read with this pull request's config: the base revision's config or policy files have a problem",
    )
    expect(report.base).toEqual({ sha: base, via: 'git', unavailable: null, failOnScope: 'new' })
    expect([...new Set(report.findings.map((f) => f.scope))]).toEqual(['existing'])
  })

  it('gives the base the registry modules terraform init installed, which git does not hold: their findings stay existing', async () => {
    const { repo, base } = await repoWith({
      '.gitignore': '.terraform/\n',
      'infra/main.tf': caller('acme/deployer/aws', '["s3:GetObject"]'),
      'infra/.terraform/modules/modules.json': JSON.stringify({
        Modules: [
          { Key: '', Source: '', Dir: '.' },
          {
            Key: 'deployer',
            Source: 'registry.terraform.io/acme/deployer/aws',
            Dir: '.terraform/modules/deployer',
          },
        ],
      }),
      'infra/.terraform/modules/deployer/main.tf': MODULE,
    })
    expect(git(repo, 'ls-files')).not.toContain('.terraform')
    const run = await pullRequest(repo, base, {
      'infra/main.tf': caller('acme/deployer/aws', '["s3:GetObject", "iam:PassRole"]'),
    })
    const report = await reportOf(run)
    expect(report.base).toMatchObject({ sha: base, via: 'git', unavailable: null })
    expect(described(report)).toEqual([
      // The installed module's own statement, at the module block: the base has it too.
      'existing wildcard-resource infra/main.tf:2 -',
      'new privilege-escalation infra/main.tf:4 -',
      'new wildcard-resource infra/main.tf:2 -',
    ])
    // Nothing is written into the checkout's installed modules, and the base's copy is gone with the run.
    expect(await leftBehind(run)).toEqual([])
  })

  it("passes over what steps before it built or installed: sam build's copy is not a second, new role", async () => {
    const template = (actions: string) =>
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  Api:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      Runtime: nodejs22.x',
        '      Handler: index.handler',
        '      CodeUri: src/',
        '      Policies:',
        '        - Statement:',
        `            - { Effect: Allow, Action: ${actions}, Resource: "*" }`,
        '',
      ].join('\n')
    const { repo, base } = await repoWith({
      '.github/iam-policy-drift.yml':
        'cloudformation:\n  - template: "**/*.yaml"\n    account: "111122223333"\n',
      '.gitignore': '.aws-sam/\nnode_modules/\n',
      'app/template.yaml': template('"s3:*"'),
      // `sam build` in the job: the template again, its CodeUri pointing at the build.
      'app/.aws-sam/build/template.yaml': template('"s3:*"').replace('CodeUri: src/', 'CodeUri: Api'),
      // `npm ci`: a package that ships a template of its own.
      'node_modules/some-construct/template.yaml': template('"*"'),
    })
    expect(git(repo, 'ls-files')).toBe(
      ['.github/iam-policy-drift.yml', '.gitignore', 'app/template.yaml'].join('\n'),
    )
    const run = await pullRequest(repo, base, { 'app/template.yaml': template('["s3:*", "iam:PassRole"]') })
    const report = await reportOf(run)
    expect(report.base).toMatchObject({ sha: base, via: 'git', unavailable: null })
    expect(described(report)).toEqual([
      // s3:* was granted before; the managed policy SAM attaches is unchanged: one role, existing.
      'existing wildcard-action app/template.yaml:11 -',
      'existing wildcard-resource app/template.yaml:3 -',
      // The statement's new action: new, once.
      'new privilege-escalation app/template.yaml:11 -',
      'new wildcard-resource app/template.yaml:11 -',
    ])
  })

  it('compares the rest of the config when the base has no cdk.out or built template: only their findings are new, as it says', async () => {
    // The usual CDK workflow: `cdk synth` in the job writes cdk.out, which .gitignore keeps out of git,
    // so the base revision has none, and nothing here can synthesize the base's app; `serverless
    // package` and `sam build` likewise write templates.
    const policy = (actions: string) =>
      `${JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: JSON.parse(actions), Resource: '*' }] }, null, 2)}\n`
    const { repo, base } = await repoWith({
      '.github/iam-policy-drift.yml': [
        'principals:',
        '  - arn: arn:aws:iam::111122223333:role/reporting',
        '    policies: iam/reporting.json',
        'cloudformation:',
        '  - cdk-out: cdk.out',
        // `serverless package` writes its stack's template; the entry's other template is committed.
        '  - template: [.serverless/cloudformation-template-update-stack.json, stacks/*.yml]',
        '',
      ].join('\n'),
      '.gitignore': 'cdk.out/\n.serverless/\n',
      'iam/reporting.json': policy('["s3:*"]'),
      'stacks/queue.yml': [
        'Resources:',
        '  Consumer:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      RoleName: consumer',
        '      Policies:',
        '        - PolicyName: read',
        '          PolicyDocument:',
        '            Statement:',
        '              - { Effect: Allow, Action: "sqs:*", Resource: "*" }',
        '',
      ].join('\n'),
      '.serverless/cloudformation-template-update-stack.json': `${JSON.stringify({
        Resources: {
          FnRole: {
            Type: 'AWS::IAM::Role',
            Properties: {
              RoleName: 'fn',
              Policies: [
                {
                  PolicyName: 'fn',
                  PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }] },
                },
              ],
            },
          },
        },
      })}\n`,
    })
    await cp(join(REPO_ROOT, 'test', 'fixtures', 'cdk-out'), join(repo, 'cdk.out'), { recursive: true })
    const run = await pullRequest(repo, base, { 'iam/reporting.json': policy('["s3:*", "iam:PassRole"]') })
    const report = await reportOf(run)
    expect(report.base).toMatchObject({
      sha: base,
      via: 'git',
      unavailable: null,
      missing: ['cdk.out', '.serverless/cloudformation-template-update-stack.json'],
    })
    const scopes = (file: string) => [
      ...new Set(report.findings.filter((f) => f.file.startsWith(file)).map((f) => f.scope)),
    ]
    // The policy file is compared: its s3:* stays existing; the statement's added iam:PassRole is new.
    expect(described(report).filter((d) => d.includes('iam/reporting.json'))).toEqual([
      'existing wildcard-action iam/reporting.json:7 -',
      'new privilege-escalation iam/reporting.json:8 -',
      'new wildcard-resource iam/reporting.json:10 -',
    ])
    // The committed template beside the built one is compared: existing.
    expect(scopes('stacks/')).toEqual(['existing'])
    // The assembly's stacks and the built template have no base: new, each of them.
    expect(scopes('.serverless/')).toEqual(['new'])
    expect(scopes('cdk.out/')).toEqual(['new'])
    const said =
      'The base revision has no cdk.out (cdk synth makes it in the job, and git does not hold it): the findings in it count as new'
    expect(run.stdout).toContain(
      `::notice title=iam-policy-drift,file=.github/iam-policy-drift.yml,line=5::${said}`,
    )
    expect(run.stdout).toContain(
      '::notice title=iam-policy-drift,file=.github/iam-policy-drift.yml,line=6::The base revision has no file that template: .serverless/cloudformation-template-update-stack.json matches (a step builds it, and git does not hold it, or this pull request adds it): the findings in it count as new',
    )
    expect(run.summary).toContain(
      '> The base revision has nothing of `cdk.out`, `.serverless/cloudformation-template-update-stack.json` (what a step builds, such as the cdk.out of cdk synth, which git does not hold, or what this pull request adds): the findings in them count as new.',
    )
    expect(run.summary).not.toContain('Every finding counts as new')
  })

  it('counts what a registry module holds as new when the pull request changes its version', async () => {
    const versioned = (version: string) =>
      caller('acme/deployer/aws', '["s3:GetObject"]').replace(
        '  source  = "acme/deployer/aws"',
        `  source  = "acme/deployer/aws"\n  version = "${version}"`,
      )
    const manifest = JSON.stringify({
      Modules: [
        { Key: '', Source: '', Dir: '.' },
        {
          Key: 'deployer',
          Source: 'registry.terraform.io/acme/deployer/aws',
          Version: '1.0.0',
          Dir: '.terraform/modules/deployer',
        },
      ],
    })
    const { repo, base } = await repoWith({
      '.gitignore': '.terraform/\n',
      'infra/main.tf': versioned('1.0.0'),
      'infra/.terraform/modules/modules.json': manifest,
      'infra/.terraform/modules/deployer/main.tf': MODULE,
    })
    // Version 2.0.0 adds a statement; `terraform init` installed it for the head, and only it.
    const run = await pullRequest(repo, base, {
      'infra/main.tf': versioned('2.0.0'),
      'infra/.terraform/modules/modules.json': manifest.replace('1.0.0', '2.0.0'),
      'infra/.terraform/modules/deployer/main.tf': MODULE.replace(
        '  ] })',
        '    { Effect = "Allow", Action = ["iam:PassRole"], Resource = "*" },\n  ] })',
      ),
    })
    const report = await reportOf(run)
    expect(described(report)).toEqual([
      // The three statements of the installed module, the two version 1.0.0 had as well: which of them
      // 1.0.0 had, only its code (not here) would say.
      'new privilege-escalation infra/main.tf:2 -',
      'new wildcard-resource infra/main.tf:2 -',
      'new wildcard-resource infra/main.tf:2 -',
      'new wildcard-resource infra/main.tf:2 -',
    ])
    expect(
      run.commands.filter((c) => c.command === 'notice' && c.message.startsWith('module.deployer')),
    ).toEqual([
      expect.objectContaining({
        message:
          'module.deployer: this pull request changes it from "acme/deployer/aws" "1.0.0" to "acme/deployer/aws" "2.0.0"; ' +
          'terraform init installed only the new one, so the base revision is read without it and the findings in it count as new',
        properties: expect.objectContaining({ file: 'infra/main.tf', line: '2' }),
      }),
    ])
    // The checkout's manifest is the head's still: the base's copy was replaced, not written through.
    expect(await readFile(join(repo, 'infra/.terraform/modules/modules.json'), 'utf8')).toContain('2.0.0')
    expect(await leftBehind(run)).toEqual([])
    expect(run.exitCode).toBe(1)
  })
})
