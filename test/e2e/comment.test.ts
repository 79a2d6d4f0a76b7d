// The sticky pull-request comment: dist/index.js as a process against the GitHub API emulator.
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GitHubApiEmulator } from '../world/github-api.js'
import { REPO_ROOT, runAction } from '../world/runner.js'

const MARKER = '<!-- iam-policy-drift:sticky-comment -->'
let github: GitHubApiEmulator

beforeEach(async () => {
  github = await GitHubApiEmulator.start()
})
afterEach(() => github.close())

const pullRequest = {
  pull_request: {
    number: 42,
    head: { sha: 'feedface', repo: { full_name: 'octo-org/infra', fork: false } },
    base: { repo: { full_name: 'octo-org/infra' } },
  },
}

async function repoCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ipd-pr-'))
  await cp(join(REPO_ROOT, 'examples'), dir, { recursive: true })
  return dir
}

const onPullRequest = (workspace: string, inputs: Record<string, string> = {}, event: object = pullRequest) =>
  runAction({
    workspace,
    inputs: { 'github-token': 'ghs_writer', 'fail-on': 'never', ...inputs },
    eventName: 'pull_request',
    event,
    env: { GITHUB_API_URL: github.url },
  })

describe('sticky pull request comment', () => {
  it('comments once, edits the same comment on a rerun, and says when the drift is gone', async () => {
    github.seed(42, 130) // ours lands on the second page
    const workspace = await repoCopy()
    const first = await onPullRequest(workspace)
    expect(first.exitCode).toBe(0)
    const ours = () => github.commentsOn(42).filter((c) => c.body.includes(MARKER))
    expect(ours()).toHaveLength(1)
    const [comment] = ours()
    expect(comment?.body).toContain('IAM policy drift')
    expect(comment?.body).toContain('https://github.com/octo-org/infra/blob/feedface/iam/reporting.json#L13')
    expect(github.requests.find((r) => r.method === 'POST')?.authorization).toMatch(/ghs_writer$/)

    const second = await onPullRequest(workspace)
    expect(second.stdout).toContain('Pull request comment: updated')
    expect(ours()).toHaveLength(1)
    expect(ours()[0]?.id).toBe(comment?.id)

    // Fix the policies: the same comment now says there is no drift.
    const clean =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:GetCallerIdentity","Resource":"*"}]}'
    for (const file of ['iam/app-deployer/main.json', 'iam/reporting.json'])
      await writeFile(join(workspace, file), clean)
    const fixed = await onPullRequest(workspace)
    expect(fixed.outputs.findings).toBe('0')
    expect(ours()).toHaveLength(1)
    expect(ours()[0]?.body).toContain('✅ IAM policy drift: pass')
    expect(ours()[0]?.body).toContain('No findings.')
  })

  it('two runs at once that both find no comment leave one, with the report of one of them', async () => {
    github.holdListsUntil(2) // both look before either has written
    const [before, after] = [await repoCopy(), await repoCopy()] // a push mends a policy during the first run
    await writeFile(
      join(after, 'iam/reporting.json'),
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:GetCallerIdentity","Resource":"*"}]}',
    )
    const [first, second] = await Promise.all([onPullRequest(before), onPullRequest(after)])
    expect([first.exitCode, second.exitCode]).toEqual([0, 0])
    const posted = github.requests.filter((r) => r.method === 'POST')
    expect(posted).toHaveLength(2)
    const ours = github.commentsOn(42).filter((c) => c.body.includes(MARKER))
    expect(ours).toHaveLength(1)
    expect(ours[0]?.id).toBe(1000) // the first written is the one kept
    const outcomes = [first, second].map((run) => /Pull request comment: (\w+)/.exec(run.stdout)?.[1]).sort()
    expect(outcomes).toEqual(['created', 'updated'])
    const counted = (text = '') => /\d+ findings?/.exec(text)?.[0]
    expect(counted(first.summary)).not.toBe(counted(second.summary))
    expect([counted(first.summary), counted(second.summary)]).toContain(counted(ours[0]?.body))
  })

  it('deletes a duplicate an earlier race left, but never a comment of someone else', async () => {
    github.seed(42, 2, (i) => `${MARKER}\nold report ${i}`, 'github-actions[bot]')
    github.seed(42, 1, () => `> ${MARKER}\n> quoted by a reviewer`, 'octocat')
    const run = await onPullRequest(await repoCopy())
    expect(run.stdout).toContain('Pull request comment: updated')
    const left = github.commentsOn(42)
    expect(left.map((c) => c.id)).toEqual([1000, 1002])
    expect(left[0]?.body).toContain('IAM policy drift')
    expect(left[1]?.body).toContain('quoted by a reviewer')
    expect(github.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/repos/octo-org/infra/issues/comments/1001',
    ])
  })

  it('keeps a comment for each config, when two jobs with two configs check one pull request', async () => {
    const workspace = await repoCopy()
    await mkdir(join(workspace, 'infra'), { recursive: true })
    await cp(join(workspace, '.github/iam-policy-drift.yml'), join(workspace, 'infra/drift config.yml'))
    // A comment of an earlier version, before comments named their config: the first config takes it.
    github.seed(42, 1, () => `${MARKER}\nan earlier report`, 'github-actions[bot]')
    await onPullRequest(workspace)
    await onPullRequest(workspace, { config: './infra/drift config.yml' })
    const configs = () => github.commentsOn(42).map((c) => [c.id, ...c.body.split('\n').slice(0, 2)])
    const first = '<!-- iam-policy-drift:config .github%2Fiam-policy-drift.yml -->'
    const second = '<!-- iam-policy-drift:config infra%2Fdrift%20config.yml -->'
    expect(configs()).toEqual([
      [1000, MARKER, first],
      [1001, MARKER, second],
    ])
    // Each rerun edits its own config's comment, and neither takes the other's for a duplicate.
    const rerun = await onPullRequest(workspace, { config: 'infra/drift config.yml' })
    expect(rerun.stdout).toContain('Pull request comment: updated')
    await onPullRequest(workspace)
    expect(configs()).toEqual([
      [1000, MARKER, first],
      [1001, MARKER, second],
    ])
    expect(github.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([
      'PATCH /repos/octo-org/infra/issues/comments/1000',
      'POST /repos/octo-org/infra/issues/42/comments',
      'PATCH /repos/octo-org/infra/issues/comments/1001',
      'PATCH /repos/octo-org/infra/issues/comments/1000',
    ])
  })

  it('does not comment on a clean pull request in auto mode, but does with comment: always', async () => {
    const workspace = join(REPO_ROOT, 'test', 'fixtures', 'clean')
    const auto = await onPullRequest(workspace)
    expect(auto.stdout).toContain('Pull request comment: skipped')
    expect(github.commentsOn(42)).toEqual([])
    await onPullRequest(workspace, { comment: 'always' })
    expect(github.commentsOn(42)).toHaveLength(1)
  })

  it('with comment: never, or on a push, makes no GitHub call', async () => {
    const workspace = await repoCopy()
    await onPullRequest(workspace, { comment: 'never' })
    await runAction({
      workspace,
      inputs: { 'github-token': 'ghs_writer', 'fail-on': 'never' },
      eventName: 'push',
      env: { GITHUB_API_URL: github.url },
    })
    expect(github.requests).toEqual([])
  })

  it('warns when the token may not comment, and keeps the summary and the verdict', async () => {
    github.readOnlyTokens.add('ghs_reader')
    const run = await onPullRequest(await repoCopy(), { 'github-token': 'ghs_reader', 'fail-on': 'medium' })
    expect(run.exitCode).toBe(1)
    const warning = run.commands.find(
      (c) => c.command === 'warning' && c.message.startsWith('No pull request comment'),
    )
    expect(warning?.message).toContain('pull-requests: write')
    expect(warning?.message).toContain('HTTP 403')
    expect(run.summary).toContain('IAM policy drift: fail')
  })

  it('does not try to comment on a pull request from a fork', async () => {
    const fork = {
      pull_request: {
        ...pullRequest.pull_request,
        head: { sha: 'feedface', repo: { full_name: 'someone/infra', fork: true } },
      },
    }
    const run = await onPullRequest(await repoCopy(), {}, fork)
    expect(run.stdout).toContain('Pull request from a fork: no comment')
    expect(github.requests).toEqual([])
    expect(run.commands.filter((c) => c.command === 'warning' && c.message.includes('comment'))).toEqual([])
  })
})
