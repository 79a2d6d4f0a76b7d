// One run of the bundled action per way a workflow starts it, on a git checkout of the built-in example,
// against STS (moto_server), GitHub's OIDC endpoint, the Access Analyzer emulator and the GitHub API
// emulator: what each event comments, summarises and exits with.
import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AccessAnalyzerEmulator } from '../world/access-analyzer.js'
import { EXAMPLE_ROLES, examplePrincipals } from '../world/example-usage.js'
import { commitFiles } from '../world/git.js'
import { GitHubApiEmulator } from '../world/github-api.js'
import { type ActionRun, REPO_ROOT, runAction } from '../world/runner.js'
import { type OidcServer, type Stoppable, startMoto, startOidc } from '../world/servers.js'

const ROLE = 'arn:aws:iam::111122223333:role/iam-policy-drift'
const MARKER = '<!-- iam-policy-drift:sticky-comment -->'
const BASE_SHA = 'ba5e'.repeat(10)

let moto: Stoppable
let oidc: OidcServer
let aa: AccessAnalyzerEmulator
let github: GitHubApiEmulator

beforeAll(async () => {
  ;[moto, oidc] = await Promise.all([startMoto(), startOidc()])
})
afterAll(async () => {
  await Promise.all([moto?.close(), oidc?.close()])
})
beforeEach(async () => {
  oidc.requests.length = 0
  ;[aa, github] = await Promise.all([
    AccessAnalyzerEmulator.start({
      concurrencyQuota: 1,
      principals: examplePrincipals(100),
    }),
    GitHubApiEmulator.start(),
  ])
})
afterEach(async () => {
  await Promise.all([aa?.close(), github?.close()])
})

/** The example repository as actions/checkout leaves it: a git work tree at one commit. */
async function checkout(): Promise<{ workspace: string; sha: string }> {
  const workspace = await mkdtemp(join(tmpdir(), 'ipd-event-'))
  await cp(join(REPO_ROOT, 'examples'), workspace, { recursive: true })
  return { workspace, sha: await commitFiles(workspace, {}) }
}

function pullRequestEvent(headSha: string, fork: boolean) {
  const base = { full_name: 'octo-org/infra', fork: false }
  return {
    action: 'synchronize',
    number: 12,
    pull_request: {
      number: 12,
      state: 'open',
      head: {
        ref: 'tighten-iam',
        sha: headSha,
        repo: fork ? { full_name: 'someone/infra', fork: true } : base,
      },
      base: { ref: 'main', sha: BASE_SHA, repo: base },
    },
    repository: base,
  }
}

interface EventRun {
  readonly eventName: string
  readonly event: object
  readonly workspace: string
  readonly githubSha: string
  /** A fork's pull_request run: the runner gives it no OIDC token and a read-only GITHUB_TOKEN. */
  readonly forkToken?: boolean
  readonly inputs?: Record<string, string>
}

function runOn(options: EventRun): Promise<ActionRun> {
  if (options.forkToken) github.readOnlyTokens.add('ghs_fork')
  return runAction({
    workspace: options.workspace,
    eventName: options.eventName,
    event: options.event,
    inputs: {
      'role-to-assume': ROLE,
      'github-token': options.forkToken ? 'ghs_fork' : 'ghs_writer',
      'wait-timeout': '30s',
      ...options.inputs,
    },
    env: {
      ...(options.forkToken ? {} : oidc.env),
      AWS_ENDPOINT_URL_STS: moto.url,
      AWS_ENDPOINT_URL_ACCESSANALYZER: aa.url,
      AWS_REGION: 'us-east-1',
      GITHUB_API_URL: github.url,
      GITHUB_SHA: options.githubSha,
      GITHUB_REF: options.eventName.startsWith('pull_request') ? 'refs/pull/12/merge' : 'refs/heads/main',
      GITHUB_REF_NAME: options.eventName.startsWith('pull_request') ? '12/merge' : 'main',
    },
  })
}

const startedJobs = () =>
  aa.requests.filter((r) => r.operation === 'StartPolicyGeneration' && r.status === 200)
const comments = () => github.commentsOn(12).filter((c) => c.body.includes(MARKER))
const warnings = (run: ActionRun) => run.commands.filter((c) => c.command === 'warning').map((c) => c.message)

/** The usage findings of the example: what the tests of every full run look for. */
function expectUsageFindings(text: string): void {
  expect(text).toContain('would-break')
  expect(text).toContain('ssm:GetParameter')
  expect(text).toContain('Suggested least-privilege <code>iam/app-deployer/main.json</code>')
}

describe('pull_request', () => {
  it('from the same repository: usage checked, one sticky comment linking to the head, fails on drift', async () => {
    const { workspace } = await checkout()
    const headSha = 'feed'.repeat(10)
    const run = await runOn({
      eventName: 'pull_request',
      event: pullRequestEvent(headSha, false),
      workspace,
      githubSha: 'e1e1'.repeat(10),
    })
    expect(run.exitCode).toBe(1)
    expect(startedJobs()).toHaveLength(3)
    expect(comments()).toHaveLength(1)
    const body = comments()[0]?.body ?? ''
    expectUsageFindings(body)
    expect(body).toContain(`https://github.com/octo-org/infra/blob/${headSha}/iam/reporting.json#L13`)
    expect(body).toContain('pull_request #12 at `feedfeedfeed`')
    expect(run.stdout).toContain(`Event pull_request, pull request #12, commit ${headSha.slice(0, 12)}`)
  })

  it('from a fork: static mode says why, nothing is requested from AWS or GitHub, the verdict stands', async () => {
    const { workspace } = await checkout()
    const run = await runOn({
      eventName: 'pull_request',
      event: pullRequestEvent('f0f0'.repeat(10), true),
      workspace,
      githubSha: 'e1e1'.repeat(10),
      forkToken: true,
    })
    expect(run.exitCode).toBe(1)
    expect(run.outputs.findings).toBe('7') // the static checks of the example
    expect(warnings(run)).toContain(
      'Static mode: no GitHub OIDC token is available: this pull request comes from a fork, and GitHub gives forks no token. The checks that need no AWS judge it; usage is checked on the nightly run or after merge.',
    )
    expect(warnings(run).filter((w) => w.includes('comment'))).toEqual([])
    expect(run.stdout).toContain('Pull request from a fork: no comment')
    // The only GitHub request is a read: the base revision's tarball, for pull request scope.
    const writes = github.requests.filter((r) => r.method !== 'GET')
    expect([aa.requests.length, oidc.requests.length, writes.length]).toEqual([0, 0, 0])
    expect(github.requests.every((r) => /\/tarball\//.test(r.path))).toBe(true)
    expect(run.summary).toContain('Static mode: no GitHub OIDC token is available')
  })
})

describe('pull_request_target from a fork', () => {
  it('with the base branch checked out (the default): usage checked and the comment posted', async () => {
    const { workspace, sha } = await checkout()
    const run = await runOn({
      eventName: 'pull_request_target',
      event: pullRequestEvent('f0f0'.repeat(10), true),
      workspace,
      githubSha: sha,
    })
    expect(run.exitCode).toBe(1)
    expect(startedJobs()).toHaveLength(3)
    expect(comments()).toHaveLength(1)
    expectUsageFindings(comments()[0]?.body ?? '')
    // The files read were the base's: the links say so.
    expect(comments()[0]?.body).toContain(`/blob/${sha}/iam/reporting.json#L13`)
  })

  it("with the pull request's code checked out: its config steers no AWS call, static checks judge", async () => {
    const { workspace, sha } = await checkout() // stands for the fork's head
    const run = await runOn({
      eventName: 'pull_request_target',
      event: pullRequestEvent(sha, true),
      workspace,
      githubSha: BASE_SHA,
    })
    expect(run.exitCode).toBe(1)
    expect(warnings(run)[0]).toBe(
      `Static mode: this pull_request_target run is for a pull request from a fork, and .github/iam-policy-drift.yml is at ${sha.slice(0, 12)}, not at a commit of the base branch (${BASE_SHA.slice(0, 12)}): a config from the pull request could choose whose usage your AWS role reads. Check out the base branch's config (see the README, pull_request_target).`,
    )
    expect([aa.requests.length, oidc.requests.length]).toEqual([0, 0])
    // The token of pull_request_target may comment: the static findings are there.
    expect(comments()).toHaveLength(1)
    expect(comments()[0]?.body).toContain('Static mode: this pull_request_target run')
  })

  it("the safe pattern: the base branch's config, the pull request's policy files", async () => {
    const { workspace, sha: headSha } = await checkout()
    const config = await readFile(join(workspace, '.github', 'iam-policy-drift.yml'), 'utf8')
    const baseSha = await commitFiles(join(workspace, '.base'), { '.github/iam-policy-drift.yml': config })
    const run = await runOn({
      eventName: 'pull_request_target',
      event: pullRequestEvent(headSha, true),
      workspace,
      githubSha: baseSha,
      inputs: { config: '.base/.github/iam-policy-drift.yml' },
    })
    expect(run.exitCode).toBe(1)
    expect(warnings(run).filter((w) => w.startsWith('Static mode'))).toEqual([])
    expect(startedJobs()).toHaveLength(3)
    const body = comments()[0]?.body ?? ''
    expectUsageFindings(body)
    expect(body).toContain(`/blob/${headSha}/iam/reporting.json#L13`)
  })
})

describe.each(['schedule', 'workflow_dispatch', 'push'])('%s', (eventName) => {
  const events: Record<string, (sha: string) => object> = {
    schedule: () => ({ schedule: '17 3 * * *' }),
    workflow_dispatch: () => ({
      inputs: {},
      ref: 'refs/heads/main',
      repository: { full_name: 'octo-org/infra' },
    }),
    push: (sha) => ({
      ref: 'refs/heads/main',
      before: '0'.repeat(40),
      after: sha,
      head_commit: { id: sha, message: 'Tighten the deployer role' },
      repository: { full_name: 'octo-org/infra' },
    }),
  }

  it('puts the full report in the job summary, comments nowhere, and fails on drift', async () => {
    const { workspace, sha } = await checkout()
    const make = events[eventName] as (sha: string) => object
    const run = await runOn({ eventName, event: make(sha), workspace, githubSha: sha })
    expect(run.exitCode).toBe(1)
    expect(startedJobs()).toHaveLength(3)
    expect(run.outputs.drift).toBe('true')
    expectUsageFindings(run.summary)
    expect(run.summary).toContain(`on \`main\` at \`${sha.slice(0, 12)}\` · fail-on`)
    expect(run.summary).toContain(`https://github.com/octo-org/infra/blob/${sha}/iam/reporting.json#L13`)
    expect(github.requests).toEqual([])
    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    expect(report.run).toEqual({ event: eventName, ref: 'main', sha, pullRequest: null })
    expect(report.principals.map((p: { status: string }) => p.status)).toEqual([
      'checked',
      'checked',
      'checked',
    ])
    expect(report.principals.find((p: { arn: string }) => p.arn === EXAMPLE_ROLES.auditReader)).toBeDefined()
  })
})

it('with comment: always and no pull request, says there is nothing to comment on and calls no GitHub API', async () => {
  const { workspace, sha } = await checkout()
  const run = await runOn({
    eventName: 'schedule',
    event: { schedule: '17 3 * * *' },
    workspace,
    githubSha: sha,
    inputs: { comment: 'always', 'fail-on': 'never' },
  })
  expect(run.exitCode).toBe(0)
  expect(run.stdout).toContain('No pull request comment: the schedule event has no pull request.')
  expect(github.requests).toEqual([])
})
