// usage-source: last-accessed, end to end: dist/index.js as a process, assuming its role through OIDC
// (moto_server's STS), reading IAM's last-accessed data from the emulator with the real SDK client. The
// config has no cloudtrail: section: this source needs no trail.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccessAnalyzerEmulator } from '../world/access-analyzer.js'
import { IamLastAccessedEmulator } from '../world/iam-last-accessed.js'
import { runAction } from '../world/runner.js'
import { type OidcServer, type Stoppable, startMoto, startOidc } from '../world/servers.js'

const DEPLOYER = 'arn:aws:iam::111122223333:role/deployer'
const READER = 'arn:aws:iam::111122223333:role/reader'
const OPS = 'arn:aws:iam::111122223333:group/ops'
const SHARED = 'arn:aws:iam::111122223333:policy/shared'
const DAY = 86_400_000

let moto: Stoppable
let oidc: OidcServer
let iam: IamLastAccessedEmulator
let workspace: string

beforeAll(async () => {
  ;[moto, oidc, iam] = await Promise.all([
    startMoto(),
    startOidc(),
    IamLastAccessedEmulator.start({
      principals: {
        [DEPLOYER]: {
          latencyMs: 400,
          services: [
            {
              namespace: 'iam',
              lastUsedAgoMs: DAY,
              trackedActions: { CreateRole: DAY, DeleteRole: undefined, TagRole: 40 * DAY },
            },
            { namespace: 'sqs', lastUsedAgoMs: 2 * DAY },
          ],
        },
        [READER]: { latencyMs: 100, services: [{ namespace: 'sqs', lastUsedAgoMs: DAY }] },
        // What the group's members used through its policies.
        [OPS]: { latencyMs: 300, services: [{ namespace: 'sqs', lastUsedAgoMs: DAY }] },
        // What those who have the managed policy used through it.
        [SHARED]: { latencyMs: 200, services: [{ namespace: 'sqs', lastUsedAgoMs: DAY }] },
      },
    }),
  ])
  workspace = await mkdtemp(join(tmpdir(), 'ipd-last-accessed-'))
  await mkdir(join(workspace, '.github'))
  await mkdir(join(workspace, 'iam'))
  await writeFile(
    join(workspace, '.github', 'iam-policy-drift.yml'),
    `principals:\n  - arn: ${DEPLOYER}\n    policies: [iam/deployer.json]\n`,
  )
  await writeFile(
    join(workspace, 'iam', 'deployer.json'),
    `${JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Roles',
            Effect: 'Allow',
            Action: ['iam:CreateRole', 'iam:DeleteRole', 'iam:TagRole'],
            Resource: 'arn:aws:iam::111122223333:role/app-*',
          },
          { Sid: 'Queues', Effect: 'Allow', Action: 'sqs:CreateQueue', Resource: '*' },
          { Sid: 'Instances', Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' },
        ],
      },
      null,
      2,
    )}\n`,
  )
})
afterAll(async () => {
  await Promise.all([moto?.close(), oidc?.close(), iam?.close()])
  if (workspace) await rm(workspace, { recursive: true, force: true })
})

describe('usage-source: last-accessed', () => {
  it("judges each principal by IAM's last-accessed data, and says at which level", async () => {
    const run = await runAction({
      workspace,
      inputs: {
        'role-to-assume': 'arn:aws:iam::111122223333:role/iam-policy-drift',
        'usage-source': 'last-accessed',
        'wait-timeout': '30s',
      },
      env: {
        ...oidc.env,
        AWS_ENDPOINT_URL_STS: moto.url,
        AWS_ENDPOINT_URL_IAM: iam.url,
        AWS_REGION: 'us-east-1',
      },
    })
    // Unused actions at medium fail the run; the run itself went through.
    expect(run.exitCode, run.stdout).toBe(1)
    const [generate] = iam.calls('GenerateServiceLastAccessedDetails')
    expect(generate?.params).toMatchObject({ Arn: DEPLOYER, Granularity: 'ACTION_LEVEL' })
    // With the assumed role's temporary credentials, the same identity asking and reading.
    expect(new Set(iam.requests.map((r) => r.accessKeyId)).size).toBe(1)
    expect(generate?.accessKeyId).toMatch(/^ASIA/)
    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    const [principal] = report.principals
    expect(principal.status).toBe('checked')
    expect(principal.usage).toMatchObject({
      source: 'last-accessed',
      level: 'service',
      actionLevelServices: ['iam'],
      serviceLevelServices: ['sqs'],
    })
    expect(principal.trackedActions).toBeUndefined()
    const unused = report.findings
      .filter((f: { kind: string }) => f.kind === 'unused-action')
      .flatMap((f: { actions: string[] }) => f.actions)
      .sort()
    // DeleteRole tracked and never used, TagRole last used before the 30-day window, EC2 not at all;
    // SQS was used, at service level: none of it is called unused.
    expect(unused).toEqual(['ec2:DescribeInstances', 'iam:DeleteRole', 'iam:TagRole'])
    expect(run.summary).toContain('✅ checked · last-accessed data, service level for sqs')
    expect(run.stdout).toContain('Last-accessed data for 1 principal(s)')
  })
  it('usage-source: auto generates within max-generations, and reads last-accessed data for the rest, for groups and for policies no one here has', async () => {
    const aa = await AccessAnalyzerEmulator.start({
      principals: Object.fromEntries([DEPLOYER, READER].map((arn) => [arn, { latencyMs: 200 }])),
    })
    const root = await mkdtemp(join(tmpdir(), 'ipd-auto-'))
    try {
      await mkdir(join(root, '.github'))
      await mkdir(join(root, 'iam'))
      await writeFile(
        join(root, 'iam', 'app.json'),
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['sts:GetCallerIdentity', 'sqs:CreateQueue'], Resource: '*' },
          ],
        }),
      )
      // A group no user of this code is in: no policy generation for it, its last-accessed data instead.
      await mkdir(join(root, 'infra'))
      await writeFile(
        join(root, 'infra', 'main.tf'),
        [
          'resource "aws_iam_group" "ops" { name = "ops" }',
          'resource "aws_iam_group_policy" "ops" {',
          '  group  = aws_iam_group.ops.name',
          '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["sqs:CreateQueue", "ec2:DescribeInstances"], Resource = "*" }] })',
          '}',
          // A managed policy no one here has (another root attaches it): likewise.
          'resource "aws_iam_policy" "shared" {',
          '  name   = "shared"',
          '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["sqs:CreateQueue", "sns:CreateTopic"], Resource = "*" }] })',
          '}',
          '',
        ].join('\n'),
      )
      await writeFile(
        join(root, '.github', 'iam-policy-drift.yml'),
        [
          'terraform:',
          '  - root: infra',
          '    account: "111122223333"',
          'cloudtrail:',
          '  trail-arn: arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail',
          '  access-role-arn: arn:aws:iam::111122223333:role/service-role/AccessAnalyzerMonitorServiceRole',
          'principals:',
          ...[DEPLOYER, READER].flatMap((arn) => [`  - arn: ${arn}`, '    policies: [iam/app.json]']),
          '',
        ].join('\n'),
      )
      const before = iam.calls('GenerateServiceLastAccessedDetails').length
      const run = await runAction({
        workspace: root,
        inputs: {
          'role-to-assume': 'arn:aws:iam::111122223333:role/iam-policy-drift',
          'usage-source': 'auto',
          'max-generations': '1',
          'wait-timeout': '30s',
        },
        env: {
          ...oidc.env,
          AWS_ENDPOINT_URL_STS: moto.url,
          AWS_ENDPOINT_URL_IAM: iam.url,
          AWS_ENDPOINT_URL_ACCESSANALYZER: aa.url,
          AWS_REGION: 'us-east-1',
        },
      })
      const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
      const sources = report.principals.map(
        (p: { arn: string; status: string; usage: { source: string } }) => [p.arn, p.status, p.usage?.source],
      )
      // The budget of one goes to the first principal (neither was ever generated); the other is read
      // from last-accessed data, in the same run.
      expect(sources).toEqual([
        [DEPLOYER, 'checked', 'policy-generation'],
        [READER, 'checked', 'last-accessed'],
        [OPS, 'checked', 'last-accessed'],
        [SHARED, 'checked', 'last-accessed'],
      ])
      expect(
        aa
          .calls('StartPolicyGeneration')
          .map(
            (c) =>
              (c.body as { policyGenerationDetails: { principalArn: string } }).policyGenerationDetails
                .principalArn,
          ),
      ).toEqual([DEPLOYER])
      expect(
        iam
          .calls('GenerateServiceLastAccessedDetails')
          .slice(before)
          .map((r) => r.params.Arn)
          .sort(),
      ).toEqual([OPS, READER, SHARED].sort())
      const unused = (principal: string) =>
        report.findings
          .filter(
            (f: { principal: string; kind: string }) =>
              f.principal === principal && f.kind === 'unused-action',
          )
          .map(
            (f: { actions: string[]; file: string; line: number }) =>
              `${f.actions.join(' ')} ${f.file}:${f.line}`,
          )
      // Its members used SQS through it, never EC2; those who have the policy never created a topic.
      expect(unused(OPS)).toEqual(['ec2:DescribeInstances infra/main.tf:4'])
      expect(unused(SHARED)).toEqual(['sns:CreateTopic infra/main.tf:8'])
      expect(run.stdout).toContain(
        'Last-accessed data for 1 group(s) and 1 managed policy(ies) no one in the code has: policy generation is for roles and users',
      )
      expect(run.stdout).toContain(
        'max-generations (1) reached in 111122223333: 1 principal(s) are left to another source',
      )
      expect(run.summary).toContain('✅ checked · last-accessed data, service level for sqs')
    } finally {
      await aa.close()
      await rm(root, { recursive: true, force: true })
    }
  })
})
