// A CDK app's pull request in AWS mode: `cdk synth` writes cdk.out in the job, git does not hold it, so
// the base revision has none. The bundled action compares the assembly's stacks with their deployed
// templates (CloudFormation GetTemplate, on moto_server) instead: what the pull request leaves as
// deployed is existing, what it adds, a stack never deployed and one of an account it has no role for
// are new. A CloudFormation that refuses
// GetTemplate (a role without the permission) leaves the findings new, with a warning that says why.

import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateStackCommand } from '@aws-sdk/client-cloudformation'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccessAnalyzerEmulator } from '../world/access-analyzer.js'
import { startCountingProxy } from '../world/counting-proxy.js'
import { git, writeFiles } from '../world/git.js'
import { type ActionRun, pullRequestEvent, runAction } from '../world/runner.js'
import {
  motoCloudFormation,
  type OidcServer,
  type Stoppable,
  startMoto,
  startOidc,
} from '../world/servers.js'

const ACCOUNT = '111122223333'
const APP = `arn:aws:iam::${ACCOUNT}:role/app-handler`
const FRESH = `arn:aws:iam::${ACCOUNT}:role/fresh-handler`
const KEYS = 'arn:aws:iam::444455556666:role/keys-handler'

/**
 * A stack of one role with an inline policy of these statements, as cdk synth writes it: named `role`,
 * or, without one, named by CloudFormation when it creates it (CDK's default).
 */
const template = (role: string | undefined, statements: object[], path = role) =>
  `${JSON.stringify(
    {
      Resources: {
        HandlerRole1ABCD234: {
          Type: 'AWS::IAM::Role',
          Properties: {
            ...(role && { RoleName: role }),
            AssumeRolePolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
              ],
            },
            Policies: [
              { PolicyName: 'handler', PolicyDocument: { Version: '2012-10-17', Statement: statements } },
            ],
          },
          Metadata: { 'aws:cdk:path': `${path}/Handler/ServiceRole/Resource` },
        },
      },
    },
    null,
    1,
  )}\n`
/** `parent` with a CDK nested stack `Jobs` whose template is at `templateUrl`, and at `asset` in cdk.out. */
const withJobs = (parent: string, templateUrl: string) => {
  const template = JSON.parse(parent)
  template.Resources.JobsNestedStackResource = {
    Type: 'AWS::CloudFormation::Stack',
    Properties: { TemplateURL: templateUrl },
    Metadata: {
      'aws:asset:path': 'AppStackJobs.nested.template.json',
      'aws:cdk:path': 'AppStack/Jobs.NestedStack',
    },
  }
  return `${JSON.stringify(template, null, 1)}\n`
}
const S3 = { Effect: 'Allow', Action: 's3:*', Resource: '*' }
const DYNAMODB = { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }
const SQS = { Effect: 'Allow', Action: 'sqs:*', Resource: '*' }
const KMS = { Effect: 'Allow', Action: 'kms:*', Resource: '*' }
const SNS = { Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }
const STATES = { Effect: 'Allow', Action: 'states:*', Resource: '*' }
/** The nested stack's template, the same deployed as in the head. */
const JOBS = template('jobs-handler', [STATES], 'AppStack/Jobs')
/** The worker's stack: deployed under its artifact's id, and its role named by CloudFormation. */
const WORKER = template(undefined, [SNS], 'WorkerStack')

/** The assembly of the head: the app's stack (deployed as app-dev) and a stack this pull request adds. */
const ASSEMBLY = {
  'cdk.out/manifest.json': JSON.stringify({
    version: '48.0.0',
    artifacts: {
      AppStack: {
        type: 'aws:cloudformation:stack',
        environment: `aws://${ACCOUNT}/us-east-1`,
        properties: { templateFile: 'AppStack.template.json', stackName: 'app-dev' },
        displayName: 'AppStack',
      },
      // No stackName: cdk deploy names the stack by its artifact's id.
      FreshStack: {
        type: 'aws:cloudformation:stack',
        environment: 'aws://unknown-account/unknown-region',
        properties: { templateFile: 'FreshStack.template.json' },
        displayName: 'FreshStack',
      },
      // A stack of the app as cdk synth writes most: no stackName, for it is the artifact's id; and in
      // a region of its own.
      WorkerStack: {
        type: 'aws:cloudformation:stack',
        environment: `aws://${ACCOUNT}/eu-west-1`,
        properties: { templateFile: 'WorkerStack.template.json' },
        displayName: 'WorkerStack',
      },
      // A stage of another account, which the config's accounts: does not name.
      'assembly-Shared': {
        type: 'cdk:cloud-assembly',
        properties: { directoryName: 'assembly-Shared', displayName: 'Shared' },
      },
    },
  }),
  'cdk.out/AppStack.template.json': withJobs(
    template('app-handler', [S3, DYNAMODB]),
    'https://s3.us-east-1.amazonaws.com/cdk-assets/jobs.json',
  ),
  'cdk.out/AppStackJobs.nested.template.json': JOBS,
  'cdk.out/FreshStack.template.json': template('fresh-handler', [SQS]),
  'cdk.out/WorkerStack.template.json': WORKER,
  'cdk.out/assembly-Shared/manifest.json': JSON.stringify({
    version: '48.0.0',
    artifacts: {
      SharedKeysStackA1B2C3D4: {
        type: 'aws:cloudformation:stack',
        environment: 'aws://444455556666/us-east-1',
        properties: { templateFile: 'SharedKeysStackA1B2C3D4.template.json', stackName: 'Shared-KeysStack' },
        displayName: 'Shared/KeysStack',
      },
    },
  }),
  'cdk.out/assembly-Shared/SharedKeysStackA1B2C3D4.template.json': template('keys-handler', [KMS]),
}

const CONFIG = [
  'cloudtrail:',
  `  trail-arn: arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-trail`,
  `  access-role-arn: arn:aws:iam::${ACCOUNT}:role/service-role/AccessAnalyzerMonitorServiceRole`,
  'cloudformation:',
  '  - cdk-out: cdk.out',
  '',
].join('\n')

let moto: Stoppable
let oidc: OidcServer
let emulator: AccessAnalyzerEmulator
let repo: string
let base: string
let head: string

beforeAll(async () => {
  ;[moto, oidc] = await Promise.all([startMoto(), startOidc()])
  // What main deployed: the app's stack before this pull request gave its role dynamodb:*.
  // The nested stack's template where cdk deploy uploads it: an asset bucket (moto's S3).
  const cfn = await motoCloudFormation(moto.url, ACCOUNT)
  const key = (await cfn.config.credentials()).accessKeyId
  cfn.destroy()
  const s3 = {
    'x-moto-account-id': ACCOUNT,
    authorization: `AWS4-HMAC-SHA256 Credential=${key}/20261201/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0`,
  }
  for (const [path, body] of [
    ['/cdk-assets', undefined],
    ['/cdk-assets/jobs.json', JOBS],
  ] as const) {
    const put = await fetch(`${moto.url}${path}`, { method: 'PUT', headers: s3, ...(body && { body }) })
    if (!put.ok) throw new Error(`moto S3 PUT ${path}: ${put.status} ${await put.text()}`)
  }
  await deploy(
    ACCOUNT,
    'app-dev',
    withJobs(template('app-handler', [S3]), 'https://s3.amazonaws.com/cdk-assets/jobs.json'),
  )
  await deploy(ACCOUNT, 'WorkerStack', WORKER, 'eu-west-1')
  emulator = await AccessAnalyzerEmulator.start({
    principals: { [APP]: { latencyMs: 0 }, [FRESH]: { latencyMs: 0 }, [KEYS]: { latencyMs: 0 } },
  })
  // The repository: the app's code (not read) and the config; cdk.out is the job's, never committed.
  repo = await mkdtemp(join(tmpdir(), 'ipd-cdk-base-'))
  await writeFiles(repo, {
    '.github/iam-policy-drift.yml': CONFIG,
    '.gitignore': 'cdk.out/\n',
    'lib/app.ts': '// the CDK app\n',
  })
  git(repo, 'init', '--quiet', '--initial-branch=main')
  git(repo, 'add', '--all')
  git(repo, 'commit', '--quiet', '-m', 'base')
  base = git(repo, 'rev-parse', 'HEAD')
  await writeFiles(repo, { 'lib/app.ts': '// the CDK app, with a table and a queue\n' })
  git(repo, 'commit', '--quiet', '-am', 'head')
  head = git(repo, 'rev-parse', 'HEAD')
  // cdk synth, in the job.
  await writeFiles(repo, ASSEMBLY)
}, 60_000)

/** Deploys a stack to moto in `account` and `region`. */
async function deploy(account: string, stackName: string, body: string, region?: string): Promise<void> {
  const cfn = await motoCloudFormation(moto.url, account, region)
  try {
    await cfn.send(
      new CreateStackCommand({
        StackName: stackName,
        TemplateBody: body,
        Capabilities: ['CAPABILITY_NAMED_IAM'],
      }),
    )
  } finally {
    cfn.destroy()
  }
}

afterAll(async () => {
  await Promise.all([moto?.close(), oidc?.close(), emulator?.close()])
  if (repo) await rm(repo, { recursive: true, force: true })
})

/** The bundled action on the pull request, in AWS mode; CloudFormation at `cloudFormation`, STS at `sts`. */
function onPullRequest(cloudFormation: string, sts = moto.url): Promise<ActionRun> {
  return runAction({
    workspace: repo,
    eventName: 'pull_request',
    event: pullRequestEvent(5, head, base),
    inputs: { 'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/iam-policy-drift`, 'wait-timeout': '30s' },
    env: {
      ...oidc.env,
      AWS_ENDPOINT_URL_STS: sts,
      AWS_ENDPOINT_URL_IAM: moto.url,
      AWS_ENDPOINT_URL_CLOUDFORMATION: cloudFormation,
      AWS_ENDPOINT_URL_ACCESSANALYZER: emulator.url,
      AWS_REGION: 'us-east-1',
    },
  })
}

interface Report {
  principals: { arn: string; status: string }[]
  base: { missing?: string[]; deployed?: string[]; unavailable: string | null } | null
  findings: { kind: string; principal: string; scope: string | null; actions: string[] }[]
}

const scoped = (report: Report) =>
  report.findings.map((f) => `${f.scope} ${f.kind} ${f.principal.split('/').at(-1)} ${f.actions[0]}`).sort()

describe('a CDK app on a pull request, in AWS mode', () => {
  it('compares the stacks with their deployed templates: only what the pull request adds is new', async () => {
    const run = await onPullRequest(moto.url)
    const report: Report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    expect(report.base).toMatchObject({ unavailable: null, deployed: ['cdk.out'] })
    expect(report.base?.missing).toBeUndefined()
    // The worker's role, named by CloudFormation in the stack cdk deploy named by the artifact's id, in
    // the stack's region: found there, its usage read, and its findings, deployed as they are, existing.
    const worker = report.principals.find((p) => /:role\/WorkerStack-HandlerRole1ABCD234-/.test(p.arn))
    expect(worker?.status).toBe('checked')
    const workers = scoped(report).filter((f) => f.includes(' WorkerStack-'))
    expect(workers.length).toBeGreaterThan(0)
    expect(workers.every((f) => f.startsWith('existing '))).toBe(true)
    // The nested stack's role, from the nested stack's deployed template: existing.
    const jobs = scoped(report).filter((f) => f.includes(' jobs-handler '))
    expect(jobs.length).toBeGreaterThan(0)
    expect(jobs.every((f) => f.startsWith('existing '))).toBe(true)
    // What was deployed (s3:*, and the action in use it lacks) is existing; dynamodb:* is what the pull
    // request adds, and FreshStack was never deployed: new.
    expect(scoped(report).filter((f) => !/ (WorkerStack-\S+|jobs-handler) /.test(f))).toEqual([
      'existing unused-action app-handler s3:AllowVendedLogDeliveryForResource',
      'existing wildcard-action app-handler s3:AbortMultipartUpload',
      'existing wildcard-resource app-handler s3:AbortMultipartUpload',
      'existing would-break app-handler sts:GetCallerIdentity',
      'new unused-action app-handler dynamodb:AssociateTableReplica',
      'new wildcard-action app-handler dynamodb:AssociateTableReplica',
      'new wildcard-action fresh-handler sqs:AddPermission',
      'new wildcard-action keys-handler kms:CancelKeyDeletion',
      'new wildcard-resource app-handler dynamodb:AssociateTableReplica',
      'new wildcard-resource fresh-handler sqs:AddPermission',
      'new wildcard-resource keys-handler kms:CancelKeyDeletion',
    ])
    expect(run.stdout).toContain(
      'Base revision: cdk.out as deployed (CloudFormation GetTemplate): 2 of 4 stack(s); not deployed: FreshStack; in an account accounts: does not name, so not read: Shared/KeysStack',
    )
    expect(run.summary).toContain(
      '> The base revision has no `cdk.out` (cdk synth makes it in the job, and git does not hold it): its stacks are compared with their deployed templates instead',
    )
  })

  it("reads a stage of another account through its accounts: entry's role, as usage is read", async () => {
    await deploy('444455556666', 'Shared-KeysStack', template('keys-handler', [KMS]))
    // The head's config names the account (the pull request adds the entry).
    await writeFiles(repo, {
      '.github/iam-policy-drift.yml': `${CONFIG}accounts:\n  "444455556666":\n    role-arn: arn:aws:iam::444455556666:role/iam-policy-drift\n`,
    })
    const sts = await startCountingProxy(moto.url)
    try {
      const run = await onPullRequest(moto.url, sts.url)
      const report: Report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
      expect(run.stdout).toContain(
        'Base revision: cdk.out as deployed (CloudFormation GetTemplate): 3 of 4 stack(s); not deployed: FreshStack\n',
      )
      // The account's role, assumed once for the run: the baseline's templates and usage share the session.
      expect([sts.count('AssumeRoleWithWebIdentity'), sts.count('AssumeRole')]).toEqual([1, 1])
      const keys = scoped(report).filter((f) => f.includes('keys-handler'))
      // Deployed as the head has it: existing, its usage (through the same role) too.
      expect(keys).toEqual([
        'existing unused-action keys-handler kms:CancelKeyDeletion',
        'existing wildcard-action keys-handler kms:CancelKeyDeletion',
        'existing wildcard-resource keys-handler kms:CancelKeyDeletion',
        'existing would-break keys-handler sts:GetCallerIdentity',
      ])
    } finally {
      await sts.close()
      await writeFiles(repo, { '.github/iam-policy-drift.yml': CONFIG })
    }
  })

  it("says why, and counts the stacks' findings as new, when CloudFormation refuses GetTemplate", async () => {
    // A role without cloudformation:GetTemplate: IAM's answer, as the query protocol gives it.
    const denied: Server = createServer((_req, res) => {
      res
        .writeHead(403, { 'content-type': 'text/xml' })
        .end(
          '<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type>' +
            '<Code>AccessDenied</Code><Message>User is not authorized to perform: cloudformation:GetTemplate</Message>' +
            '</Error><RequestId>1</RequestId></ErrorResponse>',
        )
    })
    await new Promise<void>((done) => denied.listen(0, '127.0.0.1', done))
    try {
      const run = await onPullRequest(`http://127.0.0.1:${(denied.address() as AddressInfo).port}`)
      const report: Report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
      expect(report.base).toMatchObject({ unavailable: null, missing: ['cdk.out'] })
      expect(report.base?.deployed).toBeUndefined()
      expect(scoped(report).every((f) => f.startsWith('new '))).toBe(true)
      expect(run.stdout).toMatch(
        /::warning::The base revision has no cdk\.out, and its stacks' deployed templates could not be read \(AccessDenied: User is not authorized to perform: cloudformation:GetTemplate\), so the findings in it count as new\. Give the workflow's role cloudformation:GetTemplate/,
      )
    } finally {
      denied.closeAllConnections()
      await new Promise((done) => denied.close(done))
    }
  })
})
