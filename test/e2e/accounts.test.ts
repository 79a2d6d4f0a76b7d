// Principals in several accounts, end to end: dist/index.js assumes its role through OIDC (moto_server's
// STS), chains into each account's role-arn (STS AssumeRole with the first session), and runs each
// account's generations in parallel, each within its own slot, signed by that account's session.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccessAnalyzerEmulator } from '../world/access-analyzer.js'
import { runAction } from '../world/runner.js'
import { type OidcServer, type Stoppable, startMoto, startOidc } from '../world/servers.js'

const HOME = '111122223333'
const OTHER = '444455556666'
const UNLISTED = '777788889999'
const role = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`
const PRINCIPALS = [
  role(HOME, 'a1'),
  role(HOME, 'a2'),
  role(OTHER, 'b1'),
  role(OTHER, 'b2'),
  role(UNLISTED, 'c1'),
]

let moto: Stoppable
let oidc: OidcServer
let workspace: string

beforeAll(async () => {
  ;[moto, oidc] = await Promise.all([startMoto(), startOidc()])
  workspace = await mkdtemp(join(tmpdir(), 'ipd-accounts-'))
  await mkdir(join(workspace, '.github'))
  await mkdir(join(workspace, 'iam'))
  await writeFile(
    join(workspace, 'iam', 'app.json'),
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }],
    }),
  )
  await writeFile(
    join(workspace, '.github', 'iam-policy-drift.yml'),
    [
      'cloudtrail:',
      '  trail-arn: arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail',
      '  access-role-arn: arn:aws:iam::111122223333:role/service-role/AccessAnalyzerMonitorServiceRole',
      'accounts:',
      `  "${OTHER}":`,
      `    role-arn: arn:aws:iam::${OTHER}:role/iam-policy-drift`,
      'principals:',
      ...PRINCIPALS.flatMap((arn) => [`  - arn: ${arn}`, '    policies: [iam/app.json]']),
      // A group and a managed policy of the account with no accounts: entry: no call to AWS is made for
      // them under policy generation, so it cannot reach them is no failure of theirs.
      'terraform:',
      '  - root: infra',
      `    account: "${UNLISTED}"`,
      '',
    ].join('\n'),
  )
  await mkdir(join(workspace, 'infra'))
  const statement = '{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }'
  await writeFile(
    join(workspace, 'infra', 'main.tf'),
    [
      'resource "aws_iam_group" "ops" { name = "ops" }',
      `resource "aws_iam_group_policy" "ops" {\n  group  = aws_iam_group.ops.name\n  policy = jsonencode({ Version = "2012-10-17", Statement = [${statement}] })\n}`,
      `resource "aws_iam_policy" "shared" {\n  name   = "shared"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [${statement}] })\n}`,
      '',
    ].join('\n'),
  )
})
afterAll(async () => {
  await Promise.all([moto?.close(), oidc?.close()])
  if (workspace) await rm(workspace, { recursive: true, force: true })
})

describe('accounts:', () => {
  it("checks each account's principals with its own session, in parallel, and names the one it cannot reach", async () => {
    const aa = await AccessAnalyzerEmulator.start({
      concurrencyQuota: 1,
      // Jobs long enough that the second account's (after its chained AssumeRole) starts while the first
      // account's run, even on a loaded machine.
      principals: Object.fromEntries(PRINCIPALS.map((arn) => [arn, { latencyMs: 2_000 }])),
    })
    try {
      const run = await runAction({
        workspace,
        inputs: { 'role-to-assume': role(HOME, 'iam-policy-drift'), 'wait-timeout': '60s' },
        env: {
          ...oidc.env,
          AWS_ENDPOINT_URL_STS: moto.url,
          AWS_ENDPOINT_URL_ACCESSANALYZER: aa.url,
          AWS_REGION: 'us-east-1',
        },
      })
      // The unreachable principal fails the run; the others are checked.
      expect(run.exitCode, run.stdout).toBe(1)
      const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
      const status = Object.fromEntries(
        report.principals.map((p: { arn: string; status: string }) => [p.arn, p.status]),
      )
      expect(status).toEqual({
        [role(HOME, 'a1')]: 'checked',
        [role(HOME, 'a2')]: 'checked',
        [role(OTHER, 'b1')]: 'checked',
        [role(OTHER, 'b2')]: 'checked',
        [role(UNLISTED, 'c1')]: 'failed',
        [`arn:aws:iam::${UNLISTED}:group/ops`]: 'static',
        [`arn:aws:iam::${UNLISTED}:policy/shared`]: 'static',
      })
      const unlisted = report.principals.find((p: { arn: string }) => p.arn === role(UNLISTED, 'c1'))
      expect(unlisted.error.code).toBe('NO_ACCOUNT_ACCESS')
      expect(unlisted.error.message).toContain(`accounts: "${UNLISTED}": { role-arn:`)

      // Each account's calls signed by its own session: the chained one is not the first one.
      const keyOf = (account: string) =>
        new Set(
          aa
            .calls('StartPolicyGeneration')
            .filter((r) =>
              (
                r.body as { policyGenerationDetails: { principalArn: string } }
              ).policyGenerationDetails.principalArn.includes(`::${account}:`),
            )
            .map((r) => r.accessKeyId),
        )
      const [home] = [...keyOf(HOME)]
      const [other] = [...keyOf(OTHER)]
      expect(keyOf(HOME).size).toBe(1)
      expect(keyOf(OTHER).size).toBe(1)
      expect(home).toMatch(/^ASIA/)
      expect(other).toMatch(/^ASIA/)
      expect(other).not.toBe(home)
      // Both sessions masked, and neither printed.
      const masked = run.commands.filter((c) => c.command === 'add-mask').map((c) => c.message)
      expect(masked).toEqual(expect.arrayContaining([home, other]))
      const printed = run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n')
      expect(masked.filter((m) => printed.includes(m) || run.stderr.includes(m))).toEqual([])
      // One slot per account, and the two accounts at once: two jobs in flight, never two in one account.
      expect(aa.maxInProgress).toBe(2)
      expect(run.stdout).toContain(`Account ${OTHER}: assumed arn:aws:iam::${OTHER}:role/iam-policy-drift`)
    } finally {
      await aa.close()
    }
  })
  it("has the post step cancel what a killed run left in each account, through that account's role", async () => {
    const aa = await AccessAnalyzerEmulator.start({
      principals: Object.fromEntries(PRINCIPALS.map((arn) => [arn, { neverFinish: true }])),
    })
    try {
      const env = {
        ...oidc.env,
        AWS_ENDPOINT_URL_STS: moto.url,
        AWS_ENDPOINT_URL_ACCESSANALYZER: aa.url,
        AWS_REGION: 'us-east-1',
      }
      const inputs = { 'role-to-assume': role(HOME, 'iam-policy-drift'), 'wait-timeout': '60s' }
      const main = await runAction({
        workspace,
        inputs,
        env,
        onSpawn: (child) => {
          const poll = setInterval(() => {
            if (aa.inProgress() < 2) return
            clearInterval(poll)
            setTimeout(() => child.kill('SIGKILL'), 200)
          }, 50)
          child.once('exit', () => clearInterval(poll))
        },
      })
      expect(main.exitCode).toBeNull()
      expect(aa.inProgress()).toBe(2)
      const saved = JSON.parse(main.state['in-flight-jobs'] ?? '[]')
      expect(saved.map((j: { roleArn?: string }) => j.roleArn ?? null).sort()).toEqual([
        `arn:aws:iam::${OTHER}:role/iam-policy-drift`,
        null,
      ])
      const post = await runAction({ workspace, entry: 'dist/post.js', inputs, env, state: main.state })
      expect(post.exitCode).toBe(0)
      expect(aa.inProgress()).toBe(0)
      // Each cancelled with its own account's session.
      expect(new Set(aa.calls('CancelPolicyGeneration').map((r) => r.accessKeyId)).size).toBe(2)
    } finally {
      await aa.close()
    }
  })
})
