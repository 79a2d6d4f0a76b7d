// Sharding over a matrix, end to end: dist/index.js run as two shards of a repository with principals
// in three accounts, then as the merge job over their reports, on a pull request against the GitHub
// API emulator: the shards comment nowhere and do not fail their jobs; the merge job gives one report,
// one comment and one verdict, and names a shard that is missing.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GitHubApiEmulator } from '../world/github-api.js'
import { runAction } from '../world/runner.js'

const MARKER = '<!-- iam-policy-drift:sticky-comment -->'
const ACCOUNTS = ['111122223333', '444455556666', '777788889999']
// 3, 2 and 1 principals: the shards get {3} and {2, 1}.
const PRINCIPALS = ACCOUNTS.flatMap((account, i) =>
  Array.from({ length: 3 - i }, (_, n) => `arn:aws:iam::${account}:role/app-${n}`),
)
const pullRequest = {
  pull_request: {
    number: 7,
    head: { sha: 'feedface', repo: { full_name: 'octo-org/infra', fork: false } },
    base: { repo: { full_name: 'octo-org/infra' } },
  },
}

let github: GitHubApiEmulator
let workspace: string

beforeAll(async () => {
  github = await GitHubApiEmulator.start()
  workspace = await mkdtemp(join(tmpdir(), 'ipd-shards-'))
  await mkdir(join(workspace, '.github'))
  await mkdir(join(workspace, 'iam'))
  await writeFile(
    join(workspace, 'iam', 'app.json'),
    `${JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [{ Sid: 'Wild', Effect: 'Allow', Action: 'sqs:*', Resource: '*' }],
      },
      null,
      2,
    )}\n`,
  )
  await writeFile(
    join(workspace, '.github', 'iam-policy-drift.yml'),
    [
      'principals:',
      ...PRINCIPALS.flatMap((arn) => [`  - arn: ${arn}`, '    policies: [iam/app.json]']),
      'ignore:',
      // Accepts a finding in shard 2 alone: not idle, though shard 1 accepted nothing with it.
      `  - principal: ${PRINCIPALS[5]}`,
      '    action: sqs:*',
      '    kind: wildcard-action',
      '    reason: the queue fan-out',
      // Accepts nothing anywhere: idle, which only the merge job can tell.
      '  - action: ec2:*',
      '    kind: wildcard-action',
      '    reason: gone',
      '',
    ].join('\n'),
  )
})
afterAll(async () => {
  await github?.close()
  if (workspace) await rm(workspace, { recursive: true, force: true })
})

const run = (inputs: Record<string, string>) =>
  runAction({
    workspace,
    inputs: { 'github-token': 'ghs_writer', ...inputs },
    eventName: 'pull_request',
    event: pullRequest,
    env: { GITHUB_API_URL: github.url },
  })

describe('shard and merge-reports', () => {
  it('checks whole accounts in each shard, and merges the reports into one comment and one verdict', async () => {
    const shards = [await run({ shard: '1/2' }), await run({ shard: '2/2' })]
    await mkdir(join(workspace, 'reports'), { recursive: true })
    const checked: string[][] = []
    for (const [i, shard] of shards.entries()) {
      // Findings at medium: reported, but the shard's job passes; the merge job decides.
      expect(shard.exitCode, shard.stdout).toBe(0)
      expect(shard.stdout).toContain('The job with merge-reports: gives the verdict.')
      // No shard tells an idle ignore: entry; each says what it saw, for the merge job.
      expect(shard.stdout).not.toContain('accepted no finding')
      const report = JSON.parse(await readFile(shard.outputs.report as string, 'utf8'))
      expect(report.shard).toEqual({ index: i + 1, count: 2 })
      checked.push(report.principals.map((p: { arn: string }) => p.arn))
      await copyFile(shard.outputs.report as string, join(workspace, 'reports', `shard-${i + 1}.json`))
    }
    // Whole accounts, balanced: the account of three alone, the other two together; each principal once.
    expect(checked[0]?.every((arn) => arn.includes('::111122223333:'))).toBe(true)
    expect(checked[0]).toHaveLength(3)
    expect([...(checked[0] ?? []), ...(checked[1] ?? [])].sort()).toEqual([...PRINCIPALS].sort())
    expect(github.commentsOn(7)).toEqual([])

    const merge = await run({ 'merge-reports': 'reports/*.json' })
    expect(merge.exitCode).toBe(1)
    const merged = JSON.parse(await readFile(merge.outputs.report as string, 'utf8'))
    expect(merged.principals.map((p: { arn: string }) => p.arn).sort()).toEqual([...PRINCIPALS].sort())
    expect(merged.merged).toEqual({ count: 2, shards: [1, 2], failedShards: [] })
    expect(merged.findings.filter((f: { kind: string }) => f.kind === 'wildcard-action')).toHaveLength(5)
    expect(merged.accepted.map((f: { principal: string }) => f.principal)).toEqual([PRINCIPALS[5]])
    expect(merged.ignores).toBeUndefined()
    // The entry no shard used, told once, at its line; the one shard 2 used, not at all.
    const idle = merge.commands.filter(
      (c) => c.command === 'notice' && c.message.includes('accepted no finding'),
    )
    expect(idle.map((c) => [c.properties.file, c.properties.line, c.message.split(' accepted')[0]])).toEqual([
      ['.github/iam-policy-drift.yml', '19', 'ignore: the entry for "ec2:*" (wildcard-action)'],
    ])
    expect(merged.verdict).toBe('fail')
    expect(merge.stdout).toContain('Merged 2 shard reports of 2: 6 principals.')
    const comments = github.commentsOn(7).filter((c) => c.body.includes(MARKER))
    expect(comments).toHaveLength(1)
    for (const arn of PRINCIPALS) expect(comments[0]?.body).toContain(arn)

    // A shard whose report did not arrive fails the merged verdict, named, whatever the findings.
    await rm(join(workspace, 'reports', 'shard-2.json'))
    const partial = await run({ 'merge-reports': 'reports/*.json', 'fail-on': 'never' })
    expect(partial.exitCode).toBe(1)
    const report = JSON.parse(await readFile(partial.outputs.report as string, 'utf8'))
    expect(report.reason).toContain('shard 2/2 is missing: no report of it was given')
    expect(
      partial.commands.some((c) => c.command === 'error' && c.message.includes('shard 2/2 is missing')),
    ).toBe(true)
  })

  it('says when no report matches, and refuses shard and merge-reports together', async () => {
    const none = await run({ 'merge-reports': 'nowhere/*.json' })
    expect(none.exitCode).toBe(1)
    expect(none.stdout).toContain('no file matches "nowhere/*.json"')
    const both = await run({ shard: '1/2', 'merge-reports': 'reports/*.json' })
    expect(both.exitCode).toBe(1)
    expect(both.stdout).toContain("inputs 'shard' and 'merge-reports' are for different jobs")
    const bad = await run({ shard: '3/2' })
    expect(bad.stdout).toContain(`input 'shard': "3/2" is not valid; expected K/N`)
  })
})
