// The bundled action (dist/index.js, dist/post.js) run as a process, as a GitHub runner runs it.
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFiles } from '../world/git.js'
import { type Recorder, startRecorder } from '../world/recorder.js'
import { REPO_ROOT, runAction } from '../world/runner.js'
import { sarifValidator } from '../world/sarif-schema.js'

const fixture = (name: string) => join(REPO_ROOT, 'test', 'fixtures', name)
const EXAMPLES = join(REPO_ROOT, 'examples')
const DEPLOYER = 'arn:aws:iam::111122223333:role/app-deployer'

let recorder: Recorder
/** Every network endpoint the action could use, pointed at the recorder. */
let network: Record<string, string>

beforeAll(async () => {
  recorder = await startRecorder()
  network = {
    ACTIONS_ID_TOKEN_REQUEST_URL: `${recorder.url}/oidc/token`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runtime-token',
    AWS_ENDPOINT_URL_STS: `${recorder.url}/sts`,
    AWS_ENDPOINT_URL_ACCESSANALYZER: `${recorder.url}/access-analyzer`,
    GITHUB_API_URL: `${recorder.url}/github`,
    AWS_REGION: 'us-east-1',
  }
})
afterAll(() => recorder.close())

describe('a repository with scoped policies', () => {
  it('passes, reports every principal and sets the outputs', async () => {
    const run = await runAction({ workspace: fixture('clean') })
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ drift: 'false', findings: '0', 'job-ids': '{}' })
    expect(run.commands.filter((c) => c.command === 'error')).toEqual([])
    expect(run.summary).toContain('## ✅ IAM policy drift: pass')
    expect(run.summary).toContain('role/web`')
    expect(run.summary).toContain('user/ci/publisher`')

    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    expect(run.outputs.report?.startsWith(run.runnerTemp)).toBe(true)
    expect(report).toMatchObject({ version: 1, verdict: 'pass', findings: [], accepted: [] })
    expect(report.catalog.version).toMatch(/^\d+\.\d+\.\d{9}$/)
    expect(
      report.principals.map((p: { arn: string; status: string; files: string[] }) => [
        p.arn,
        p.status,
        p.files,
      ]),
    ).toEqual([
      ['arn:aws:iam::111122223333:role/web', 'static', ['iam/web.json']],
      ['arn:aws:iam::111122223333:user/ci/publisher', 'static', ['iam/publisher.json']],
    ])
  })
})

describe('the built-in example', () => {
  it('fails on its findings, with an annotation on each file and line', async () => {
    const run = await runAction({ workspace: EXAMPLES })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ drift: 'true', findings: '7' })
    const annotations = run.commands
      .filter((c) => c.properties.file)
      .map(
        (c) =>
          `${c.command} ${c.properties.file}:${c.properties.line}:${c.properties.col} ${c.properties.title}`,
      )
    expect(annotations).toEqual([
      'error iam/app-deployer/main.json:18:19 wildcard-resource (medium): role/app-deployer',
      'error iam/app-deployer/main.json:23:18 privilege-escalation (critical): role/app-deployer',
      'error iam/app-deployer/main.json:23:18 wildcard-action (high): role/app-deployer',
      'error iam/app-deployer/main.json:23:30 privilege-escalation (critical): role/app-deployer',
      'error iam/app-deployer/main.json:24:19 wildcard-resource (medium): role/app-deployer',
      'error iam/reporting.json:8:19 wildcard-resource (medium): role/reporting',
      'error iam/reporting.json:13:18 unknown-action (medium): role/reporting',
    ])
    const failed = run.commands.filter((c) => c.command === 'error' && !c.properties.file)
    expect(failed.map((c) => c.message)).toEqual([
      "7 findings at or above fail-on 'medium' (2 critical, 1 high, 4 medium).",
    ])
  })

  it('writes the findings, the accepted ones and the catalog to the JSON report', async () => {
    const run = await runAction({ workspace: EXAMPLES })
    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    expect(report.verdict).toBe('fail')
    const typo = report.findings.find((f: { kind: string }) => f.kind === 'unknown-action')
    expect(typo).toMatchObject({
      severity: 'medium',
      principal: 'arn:aws:iam::111122223333:role/reporting',
      file: 'iam/reporting.json',
      line: 13,
      sid: 'Results',
      actions: ['s3:GetObjekt'],
      suggestion: 's3:GetObject',
      condition: '{"StringEquals":{"aws:ResourceAccount":"111122223333"}}',
    })
    expect(report.accepted).toHaveLength(1)
    expect(report.accepted[0]).toMatchObject({
      kind: 'wildcard-action',
      reason: expect.stringContaining('ad-hoc Athena'),
    })
    // The guardrail Deny in another file removes lambda:PublishLayerVersion from what lambda:* grants.
    const lambda = report.findings.find(
      (f: { kind: string; principal: string }) => f.kind === 'wildcard-action' && f.principal === DEPLOYER,
    )
    expect(lambda.actions).not.toContain('lambda:PublishLayerVersion')
    expect(lambda.actions).toContain('lambda:InvokeFunction')
  })

  it('writes a SARIF log that the SARIF 2.1.0 schema accepts, one result per finding', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ipd-sarif-'))
    const path = join(dir, 'out', 'drift.sarif')
    const run = await runAction({ workspace: EXAMPLES, inputs: { 'sarif-file': path } })
    const sarif = JSON.parse(await readFile(path, 'utf8'))
    const validate = sarifValidator()
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true)
    expect(sarif.runs[0].results).toHaveLength(Number(run.outputs.findings))
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'iam/app-deployer/main.json',
    )
  })

  it('refuses a sarif-file it cannot write before anything runs, and writes where it can', async () => {
    // A file on the way, a directory there: the write used to fail after the comment and the report.
    const dir = await mkdtemp(join(tmpdir(), 'ipd-sarif-'))
    await writeFile(join(dir, 'taken'), '')
    for (const [path, why] of [
      [join(dir, 'taken', 'drift.sarif'), `${join(dir, 'taken')} is not a directory`],
      [dir, 'it is a directory'],
    ] as const) {
      const run = await runAction({ workspace: EXAMPLES, inputs: { 'sarif-file': path } })
      expect(run.exitCode).toBe(1)
      expect(run.stdout).not.toMatch(/failed unexpectedly/)
      const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
      expect(report.verdict).toBe('error')
      expect(report.problems.map((p: { message: string }) => p.message)).toEqual([
        `input 'sarif-file': ${JSON.stringify(path)} cannot be written: ${why}; expected the path of a file to write, such as results.sarif`,
      ])
    }
    // Directories not there yet are made.
    const deep = join(dir, 'new', 'deeper', 'drift.sarif')
    await runAction({ workspace: EXAMPLES, inputs: { 'sarif-file': deep } })
    expect(JSON.parse(await readFile(deep, 'utf8')).version).toBe('2.1.0')
  })

  it('passes with fail-on: never, and fails with fail-on: critical', async () => {
    const never = await runAction({ workspace: EXAMPLES, inputs: { 'fail-on': 'never' } })
    expect(never.exitCode).toBe(0)
    expect(never.outputs.drift).toBe('true')
    expect(never.commands.some((c) => c.command === 'error')).toBe(false)
    const critical = await runAction({ workspace: EXAMPLES, inputs: { 'fail-on': 'critical' } })
    expect(critical.exitCode).toBe(1)
    expect(critical.commands.filter((c) => c.command === 'error' && c.properties.file)).toHaveLength(2)
  })
})

describe('annotations', () => {
  it('puts a notice at an ignore: entry that accepted nothing, and none at one that did', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'ipd-idle-ignore-'))
    await writeFiles(workspace, {
      'iam/app.json': JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::bucket/*' }],
      }),
      '.github/iam-policy-drift.yml': [
        'principals:',
        '  - arn: arn:aws:iam::111122223333:role/app',
        '    policies: [iam/app.json]',
        'ignore:',
        '  - action: "s3:*"',
        '    kind: wildcard-action',
        '    reason: the app owns the bucket',
        '  - action: "ec2:*"',
        '    kind: wildcard-action',
        '    reason: the policy granted ec2:* until last year',
        '',
      ].join('\n'),
    })
    const run = await runAction({ workspace, inputs: { 'fail-on': 'never' } })
    expect(run.exitCode, run.stderr).toBe(0)
    const notices = run.commands.filter((c) => c.command === 'notice' && c.message.startsWith('ignore:'))
    expect(notices.map((c) => [c.properties.file, c.properties.line, c.message.slice(0, 70)])).toEqual([
      [
        '.github/iam-policy-drift.yml',
        '8',
        'ignore: the entry for "ec2:*" (wildcard-action) accepted no finding in',
      ],
    ])
    await rm(workspace, { recursive: true, force: true })
  })

  it("never shows more than GitHub's 10 of a level in a step, and says where the rest are", async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'ipd-annotations-'))
    await mkdir(join(workspace, '.github'))
    await mkdir(join(workspace, 'iam'))
    const roles = Array.from({ length: 15 }, (_, i) => `arn:aws:iam::111122223333:role/app-${i}`)
    for (const [i] of roles.entries())
      await writeFile(
        join(workspace, 'iam', `app-${i}.json`),
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 's3:*', Resource: '*' },
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket' },
          ],
        }),
      )
    await writeFile(
      join(workspace, '.github', 'iam-policy-drift.yml'),
      [
        'principals:',
        ...roles.flatMap((arn, i) => [`  - arn: ${arn}`, `    policies: [iam/app-${i}.json]`]),
        // Seven notes, each a pattern that leaves out nothing.
        'exclude-principals:',
        ...Array.from({ length: 7 }, (_, i) => `  - arn:aws:iam::111122223333:role/gone-${i}`),
        '',
      ].join('\n'),
    )
    const run = await runAction({ workspace, inputs: { 'fail-on': 'never' } })
    expect(run.exitCode, run.stderr).toBe(0)
    const shown = (level: string) => run.commands.filter((c) => c.command === level)
    // The static-mode warning and five notes come first; the findings take what room is left.
    expect(shown('warning')).toHaveLength(10)
    expect(shown('notice')).toHaveLength(10)
    expect(shown('error')).toHaveLength(0)
    expect(shown('notice').at(-1)?.message).toMatch(/^\d+ more findings are not annotated/)
    expect(shown('notice').filter((c) => c.message.startsWith('exclude-principals:'))).toHaveLength(5)
    expect(run.stdout).toContain('Note: .github/iam-policy-drift.yml:38: exclude-principals:')
  })
})

describe('a run left with no principal to check', () => {
  it('says why: exclude-principals left them all out, or they are in other shards', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'ipd-none-left-'))
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }
    const config = (exclude: string[]) =>
      writeFiles(workspace, {
        'iam/app.json': JSON.stringify(policy),
        '.github/iam-policy-drift.yml': [
          'principals:',
          '  - arn: arn:aws:iam::111122223333:role/app',
          '    policies: [iam/app.json]',
          '  - arn: arn:aws:iam::111122223333:role/worker',
          '    policies: [iam/app.json]',
          ...(exclude.length > 0 ? ['exclude-principals:', ...exclude.map((e) => `  - "${e}"`)] : []),
          '',
        ].join('\n'),
      })
    const reasonOf = async (run: Awaited<ReturnType<typeof runAction>>) =>
      JSON.parse(await readFile(run.outputs.report as string, 'utf8')).reason

    await config(['arn:aws:iam::111122223333:role/*'])
    const excluded = await runAction({ workspace })
    expect(excluded.exitCode, excluded.stderr).toBe(0)
    expect(await reasonOf(excluded)).toBe(
      'No principals to check: exclude-principals leaves out all 2 principals found.',
    )
    expect(excluded.summary).toContain('exclude-principals leaves out all 2 principals found')

    // Both principals are in one account, so one shard of two has them and the other has none.
    await config([])
    const shard = await runAction({ workspace, inputs: { shard: '2/2' } })
    expect(shard.exitCode, shard.stderr).toBe(0)
    expect(await reasonOf(shard)).toBe(
      'No principals to check in shard 2/2: the 2 principals found are all in other shards.',
    )
    const other = await runAction({ workspace, inputs: { shard: '1/2' } })
    expect(await reasonOf(other)).toMatch(/^4 findings at or above/)
  })
})

describe('static mode', () => {
  const pullRequest = (headRepo: string) => ({
    pull_request: {
      number: 7,
      head: { sha: 'abc123', repo: { full_name: headRepo, fork: headRepo !== 'octo-org/infra' } },
      base: { repo: { full_name: 'octo-org/infra' } },
    },
  })

  it('says a same-repository pull request without a token lacks id-token: write', async () => {
    const run = await runAction({
      workspace: fixture('clean'),
      inputs: { 'role-to-assume': 'arn:aws:iam::111122223333:role/iam-policy-drift' },
      eventName: 'pull_request',
      event: pullRequest('octo-org/infra'),
    })
    expect(run.exitCode).toBe(0)
    const warnings = run.commands
      .filter((c) => c.command === 'warning' && c.message.startsWith('Static mode'))
      .map((c) => c.message)
    expect(warnings).toEqual([
      'Static mode: no GitHub OIDC token is available, so usage checks were skipped: add `permissions: id-token: write` to the job (or the workflow).',
    ])
    expect(run.summary).toContain('Static mode: no GitHub OIDC token')
  })

  it('says a pull request from a fork gets no token, and still judges on the static checks', async () => {
    const run = await runAction({
      workspace: join(REPO_ROOT, 'examples'),
      inputs: { 'role-to-assume': 'arn:aws:iam::111122223333:role/iam-policy-drift' },
      eventName: 'pull_request',
      event: pullRequest('someone/infra'),
    })
    expect(run.exitCode).toBe(1)
    expect(run.commands.find((c) => c.command === 'warning')?.message).toMatch(
      /^Static mode: no GitHub OIDC token is available: this pull request comes from a fork/,
    )
    expect(run.outputs.findings).toBe('7')
  })

  it('warns that there are no credentials without role-to-assume', async () => {
    const run = await runAction({ workspace: fixture('clean') })
    expect(run.commands.find((c) => c.command === 'warning')?.message).toMatch(
      /^Static mode: no AWS credentials: set the role-to-assume input/,
    )
  })
})

describe('bad input', () => {
  it('reports every config and input problem with file, line and value, and starts nothing', async () => {
    const before = recorder.requests.length
    const run = await runAction({
      workspace: fixture('bad-config'),
      inputs: { 'role-to-assume': 'arn:aws:iam::111122223333:role/iam-policy-drift', 'fail-on': 'hihg' },
      env: network,
    })
    expect(run.exitCode).toBe(1)
    const annotated = run.commands
      .filter((c) => c.command === 'error' && c.properties.file)
      .map((c) => `${c.properties.file}:${c.properties.line}:${c.properties.col} ${c.message}`)
    // Every problem in one pass, sorted by file and line: the glob of the valid principal is checked
    // even though the config has mistakes elsewhere.
    expect(annotated).toEqual([
      '.github/iam-policy-drift.yml:4:18 cloudtrail.lookback-days: 120 is not valid; expected a whole number from 1 to 90 (Access Analyzer reads at most 90 days of CloudTrail)',
      '.github/iam-policy-drift.yml:7:undefined policies: "iam/*.json" matches no file in the workspace',
      '.github/iam-policy-drift.yml:8:5 principals[1]: policies is required: the policy files of this principal',
      '.github/iam-policy-drift.yml:8:10 principals[1].arn: "arn:aws:iam::1111:role/short-account" is not valid; expected arn:<partition>:iam::<12 digits>:role/<name> or …:user/<name>',
      ".github/iam-policy-drift.yml:9:5 principals[1].polices: unknown key; did you mean 'policies'? (expected one of arn, policies)",
    ])
    // Each problem once; the last line says how many and where to look.
    const errors = run.commands.filter((c) => c.command === 'error').map((c) => c.message)
    expect(errors.filter((m) => m.includes('lookback-days'))).toHaveLength(1)
    expect(errors.at(-1)).toBe(
      'Nothing was checked: 6 problems in the inputs, the config or the files it names (annotated above, and listed in the job summary and the JSON report).',
    )
    // Nothing started; the summary, the outputs and a report with verdict "error" say why.
    expect(recorder.requests.length - before).toBe(0)
    expect(run.outputs).toMatchObject({ drift: 'false', findings: '0' })
    const report = JSON.parse(readFileSync(run.outputs.report as string, 'utf8'))
    expect([report.verdict, report.problems.length, report.problems[0].message]).toEqual([
      'error',
      6,
      'input \'fail-on\': "hihg" is not valid; expected one of critical, high, medium, low, never',
    ])
    expect(existsSync(join(run.runnerTemp, 'iam-policy-drift', 'suggested'))).toBe(false)
    expect(run.summary).toContain('## ⛔ IAM policy drift: error')
    expect(run.summary).toContain(
      "| `.github/iam-policy-drift.yml:9:5` | principals\\[1\\].polices: unknown key; did you mean 'policies'? (expected one of arn, policies) |",
    )
  })

  it('annotates the first problems of thousands and bounds the log, the report keeping them all', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'ipd-many-problems-'))
    await mkdir(join(workspace, '.github'))
    const count = 1500
    const principals = Array.from(
      { length: count },
      (_, i) => `  - arn: arn:aws:iam::1111:role/r${i}\n    policies: [p.json]\n`,
    )
    await writeFile(join(workspace, '.github', 'iam-policy-drift.yml'), `principals:\n${principals.join('')}`)
    await writeFile(
      join(workspace, 'p.json'),
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}\n',
    )
    const run = await runAction({ workspace, env: network })
    expect(run.exitCode).toBe(1)
    const errors = run.commands.filter((c) => c.command === 'error')
    // GitHub shows 10 error annotations a step: nine problems and the closing line.
    expect(errors).toHaveLength(10)
    expect(errors.slice(0, 9).map((c) => c.properties.line)).toEqual(
      Array.from({ length: 9 }, (_, i) => String(2 + 2 * i)),
    )
    expect(errors.at(-1)?.message).toBe(
      'Nothing was checked: 1,500 problems in the inputs, the config or the files it names (the first 9 annotated above, and all of them in the JSON report).',
    )
    // The next thousand in the log, each with its place; the rest counted.
    const logged = run.stdout.split('\n').filter((l) => l.startsWith('  .github/iam-policy-drift.yml:'))
    expect(logged).toHaveLength(1000)
    expect(logged[0]).toMatch(
      /^ {2}\.github\/iam-policy-drift\.yml:20:10: principals\[9\]\.arn: "arn:aws:iam::1111:role\/r9"/,
    )
    expect(run.stdout).toContain('1,491 more problems (GitHub shows 10 annotations of each level per step):')
    expect(run.stdout).toContain('  … and 491 more: all of them are in the JSON report.')
    expect(run.stdout.length).toBeLessThan(400_000)
    const report = JSON.parse(readFileSync(run.outputs.report as string, 'utf8'))
    expect([report.verdict, report.problems.length]).toEqual(['error', count])
    expect(run.summary).toContain('The first are also annotated on their file and line')
    await rm(workspace, { recursive: true, force: true })
  })

  it('reports policy syntax errors and unmatched globs with their lines', async () => {
    const run = await runAction({ workspace: fixture('bad-policy'), env: network })
    expect(run.exitCode).toBe(1)
    const annotated = run.commands
      .filter((c) => c.command === 'error' && c.properties.file)
      .map((c) => `${c.properties.file}:${c.properties.line} ${c.message}`)
    expect(annotated).toEqual([
      '.github/iam-policy-drift.yml:3 policies: "iam/missing-*.json" matches no file in the workspace',
      'iam/jobs.json:4 Statement[0]: "batch SubmitJob" is not an IAM action; expected service:Action such as s3:GetObject, s3:Get* or *',
      'iam/web.json:4 invalid JSON: expected a property name in double quotes (a doubled or trailing comma?)',
    ])
    expect(run.outputs).toMatchObject({ drift: 'false', findings: '0' })
  })

  it('refuses a policy file nested thousands deep with its line, not a crash', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'ipd-deep-'))
    await mkdir(join(workspace, '.github'))
    await writeFile(
      join(workspace, '.github', 'iam-policy-drift.yml'),
      'principals:\n  - arn: arn:aws:iam::111122223333:role/app\n    policies: [deep.json]\n',
    )
    await writeFile(
      join(workspace, 'deep.json'),
      `{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ${'['.repeat(5000)}"*"${']'.repeat(5000)}}]\n}\n`,
    )
    const run = await runAction({ workspace, env: network })
    expect(run.exitCode).toBe(1)
    const errors = run.commands.filter((c) => c.command === 'error')
    expect(errors.map((c) => `${c.properties.file}:${c.properties.line} ${c.message}`)[0]).toBe(
      'deep.json:3 invalid JSON: nested more than 64 levels deep; an IAM policy nests a few levels at most',
    )
    expect(run.stdout).not.toContain('failed unexpectedly')
  })

  it('names the missing config file and the input that points at it', async () => {
    const run = await runAction({ workspace: fixture('clean'), inputs: { config: '.github/nope.yml' } })
    expect(run.exitCode).toBe(1)
    // Said once, in the closing line.
    const errors = run.commands.filter((c) => c.command === 'error').map((c) => c.message)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(
      /^Nothing was checked: \.github\/nope\.yml: config file not found \(input 'config' is "\.github\/nope\.yml"\)/,
    )
  })
})

describe('the post step', () => {
  it('exits cleanly when the main step left no job running', async () => {
    const run = await runAction({ workspace: fixture('clean'), entry: 'dist/post.js', env: network })
    expect(run.exitCode).toBe(0)
    expect(run.stderr).toBe('')
    expect(recorder.requests).toEqual([])
  })
})
