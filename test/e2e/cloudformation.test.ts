// The bundled action on CloudFormation templates (examples/cloudformation, and a stack deployed to
// moto_server's CloudFormation): principals discovered from the templates, a role without RoleName
// named by the deployed stack (stack-name:, DescribeStackResources) and judged statically with the
// reason when no stack is named, usage from the Access Analyzer emulator, findings at template lines,
// SARIF, and the suggestion as a diff of the YAML template.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateStackCommand, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation'
import { applyPatch } from 'diff'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccessAnalyzerEmulator } from '../world/access-analyzer.js'
import { startCountingProxy } from '../world/counting-proxy.js'
import { cloudFormationPrincipals } from '../world/example-usage.js'
import { git } from '../world/git.js'
import { type ActionRun, REPO_ROOT, runAction } from '../world/runner.js'
import { sarifValidator } from '../world/sarif-schema.js'
import {
  motoCloudFormation,
  type OidcServer,
  type Stoppable,
  startMoto,
  startOidc,
} from '../world/servers.js'

const ACCOUNT = '111122223333'
const API = `arn:aws:iam::${ACCOUNT}:role/api-prod`
const REPORTS = `arn:aws:iam::${ACCOUNT}:role/reports-prod`
const NOTIFIER = `arn:aws:iam::${ACCOUNT}:role/\${NotifierRole}`
// The stack moto deploys: a role CloudFormation names, in moto's account.
const WORKER_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: ecs-tasks.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: work
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [sqs:ReceiveMessage, sqs:DeleteMessage, sqs:PurgeQueue, sqs:GetQueueAttributes]
                Resource: '*'
  # A managed policy that other stacks attach: no role here has it. CloudFormation names it.
  SenderPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: sqs:SendMessage
            Resource: '*'
Outputs:
  WorkerRoleName:
    Value: !Ref WorkerRole
    Export:
      Name: !Sub \${AWS::StackName}-worker-role
`
// Another stack attaches a policy to the worker role by the name the worker stack exports: the
// worker's, found on the role the deployed stack names.
const WORKER_EXTRAS_TEMPLATE = `Resources:
  DeadLetters:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: dead-letters
      Roles: [!ImportValue worker-prod-worker-role]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: sqs:SetQueueAttributes
            Resource: arn:aws:sqs:us-east-1:111122223333:orders-dlq
`

// A parent template that nests another from the repository: the nested role has no RoleName.
const PLATFORM_TEMPLATE = `Resources:
  Consumers:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: nested/consumers.yml
      Parameters: { QueueName: orders-prod }
`
const CONSUMERS_TEMPLATE = `Parameters:
  QueueName: { Type: String }
Resources:
  ConsumerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: consume
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sqs:ReceiveMessage
                Resource: !Sub arn:aws:sqs:us-east-1:111122223333:\${QueueName}
`
const CONSUMER = `arn:aws:iam::${ACCOUNT}:role/\${ConsumerRole}`
// The parent as deployed: \`aws cloudformation package\` put the nested template on S3.
const PLATFORM_DEPLOYED = PLATFORM_TEMPLATE.replace(
  'nested/consumers.yml',
  'https://s3.amazonaws.com/deploy-artifacts/consumers.yml',
)
/** The consumer role CloudFormation named in the deployed nested stack. */
let consumer: string

interface Finding {
  kind: string
  principal: string
  file: string
  line: number
  source: { kind: string; logicalId?: string; part?: string } | null
}
interface Report {
  verdict: string
  principals: {
    arn: string
    status: string
    error: { code: string; message: string } | null
    source: Record<string, unknown>
  }[]
  findings: Finding[]
  suggestions: { file: string; diff: string | null; text: string; addresses?: string[] }[]
}

let moto: Stoppable
let oidc: OidcServer
let emulator: AccessAnalyzerEmulator
let workspace: string
let worker: string
let sender: string
let run: ActionRun
let report: Report

beforeAll(async () => {
  ;[moto, oidc] = await Promise.all([startMoto(), startOidc()])
  // Deployed as a role of the account the action will be in.
  const cfn = await motoCloudFormation(moto.url, ACCOUNT)
  await cfn.send(
    new CreateStackCommand({
      StackName: 'worker-prod',
      TemplateBody: WORKER_TEMPLATE,
      Capabilities: ['CAPABILITY_IAM'],
    }),
  )
  const { StackResources = [] } = await cfn.send(
    new DescribeStackResourcesCommand({ StackName: 'worker-prod' }),
  )
  const name = StackResources.find((r) => r.LogicalResourceId === 'WorkerRole')?.PhysicalResourceId
  const account = StackResources[0]?.StackId?.split(':')[4]
  worker = `arn:aws:iam::${account}:role/${name}`
  // A managed policy's physical id is its ARN.
  sender = StackResources.find((r) => r.LogicalResourceId === 'SenderPolicy')?.PhysicalResourceId ?? ''
  // A stack that nests another: its template on moto's S3 (in the deployer's account), then the stack.
  const s3 = {
    'x-moto-account-id': account ?? ACCOUNT,
    authorization: `AWS4-HMAC-SHA256 Credential=${(await cfn.config.credentials()).accessKeyId}/20261201/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0`,
  }
  for (const [path, body] of [
    ['/deploy-artifacts', undefined],
    ['/deploy-artifacts/consumers.yml', CONSUMERS_TEMPLATE],
  ] as const) {
    const put = await fetch(`${moto.url}${path}`, { method: 'PUT', headers: s3, ...(body && { body }) })
    if (!put.ok) throw new Error(`moto S3 PUT ${path}: ${put.status} ${await put.text()}`)
  }
  await cfn.send(
    new CreateStackCommand({
      StackName: 'platform-prod',
      TemplateBody: PLATFORM_DEPLOYED,
      Capabilities: ['CAPABILITY_IAM'],
    }),
  )
  const parent = await cfn.send(new DescribeStackResourcesCommand({ StackName: 'platform-prod' }))
  const nestedId = parent.StackResources?.find((r) => r.LogicalResourceId === 'Consumers')?.PhysicalResourceId
  const nested = await cfn.send(new DescribeStackResourcesCommand({ StackName: nestedId }))
  const consumerName = nested.StackResources?.find(
    (r) => r.LogicalResourceId === 'ConsumerRole',
  )?.PhysicalResourceId
  if (!consumerName) throw new Error('moto did not create the nested stack')
  consumer = `arn:aws:iam::${account}:role/${consumerName}`
  cfn.destroy()
  emulator = await AccessAnalyzerEmulator.start({
    concurrencyQuota: 2,
    principals: {
      ...cloudFormationPrincipals(0),
      [worker]: {
        latencyMs: 0,
        policy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sqs:GetQueueAttributes', Resource: '*' }],
        },
      },
      [consumer]: {
        latencyMs: 0,
        policy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: '*' }],
        },
      },
    },
  })
  workspace = await mkdtemp(join(tmpdir(), 'ipd-cloudformation-'))
  await cp(join(REPO_ROOT, 'examples', 'cloudformation'), workspace, { recursive: true })
  await mkdir(join(workspace, 'deploy'))
  await writeFile(join(workspace, 'deploy', 'worker.yml'), WORKER_TEMPLATE)
  await writeFile(join(workspace, 'deploy', 'worker-extras.yml'), WORKER_EXTRAS_TEMPLATE)
  await mkdir(join(workspace, 'deploy', 'nested'))
  await writeFile(join(workspace, 'deploy', 'platform.yml'), PLATFORM_TEMPLATE)
  // The same nesting, of a stack not named in the config: its role stays static, and says why.
  await writeFile(join(workspace, 'deploy', 'platform-dev.yml'), PLATFORM_TEMPLATE)
  await writeFile(join(workspace, 'deploy', 'nested', 'consumers.yml'), CONSUMERS_TEMPLATE)
  const example = await readFile(join(workspace, '.github', 'iam-policy-drift.yml'), 'utf8')
  await writeFile(
    join(workspace, '.github', 'iam-policy-drift.yml'),
    `${example}  - template: deploy/worker.yml\n    stack-name: worker-prod\n    region: us-east-1\n` +
      '  - template: deploy/worker-extras.yml\n    region: us-east-1\n' +
      `  - template: deploy/platform.yml\n    stack-name: platform-prod\n    account: "${ACCOUNT}"\n    region: us-east-1\n` +
      `  - template: deploy/platform-dev.yml\n    account: "${ACCOUNT}"\n    region: us-east-1\n`,
  )
  run = await runAction({
    workspace,
    inputs: {
      'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/iam-policy-drift`,
      'wait-timeout': '30s',
      'sarif-file': 'out.sarif',
    },
    env: awsEnv(),
  })
  report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
}, 120_000)

afterAll(async () => {
  await Promise.all([moto?.close(), oidc?.close(), emulator?.close()])
  if (workspace) await rm(workspace, { recursive: true, force: true })
})

const at = (f: Finding) => `${f.kind} ${f.file}:${f.line}`
const awsEnv = () => ({
  ...oidc.env,
  AWS_ENDPOINT_URL_STS: moto.url,
  AWS_ENDPOINT_URL_CLOUDFORMATION: moto.url,
  AWS_ENDPOINT_URL_IAM: moto.url,
  AWS_ENDPOINT_URL_ACCESSANALYZER: emulator.url,
  AWS_REGION: 'us-east-1',
})

describe('CloudFormation templates as the policy source', () => {
  it('discovers every role; names the one CloudFormation named from the stack; says why one stays static', () => {
    expect(report.principals.map((p) => [p.arn, p.status])).toEqual([
      [API, 'checked'],
      [REPORTS, 'checked'],
      [NOTIFIER, 'static'],
      [worker, 'checked'],
      [sender, 'static'],
      [consumer, 'checked'],
      [CONSUMER, 'static'],
    ])
    // The nested stack's role, through the deployed parent (stack-name) and the nested stack's id.
    expect(consumer).toMatch(/^arn:aws:iam::111122223333:role\/\S+ConsumerRole\S*$/)
    expect(report.principals.find((p) => p.arn === consumer)?.source).toMatchObject({
      template: 'deploy/nested/consumers.yml',
      nestedIn: {
        template: 'deploy/platform.yml',
        logicalId: 'Consumers',
        stackName: 'platform-prod',
        path: ['Consumers'],
      },
    })
    // Its findings on the nested template's lines: it never used ListQueues.
    expect(report.findings.filter((f) => f.principal === consumer).map(at)).toEqual([])
    // Without stack-name: static, with what to set.
    const unnamed = report.principals.find((p) => p.arn === CONSUMER)
    expect(unnamed?.source).toMatchObject({
      nestedIn: { template: 'deploy/platform-dev.yml', logicalId: 'Consumers', path: ['Consumers'] },
    })
    expect(unnamed?.error?.message).toMatch(
      /nested stack Consumers of deploy\/platform-dev.yml: set stack-name: \(the outermost stack's\)/,
    )
    expect(worker).toMatch(/^arn:aws:iam::111122223333:role\/worker-prod-WorkerRole-\w+$/)
    // The managed policy no role has, named by the stack too: judged by its statements, saying why.
    expect(sender).toMatch(/^arn:aws:iam::111122223333:policy\/\S*SenderPolicy\S*$/)
    expect(report.principals.find((p) => p.arn === sender)?.error?.code).toBe('POLICY')
    expect(report.findings.filter((f) => f.principal === sender).map(at)).toEqual([
      'wildcard-resource deploy/worker.yml:27',
    ])
    const notifier = report.principals.find((p) => p.arn === NOTIFIER)
    expect(notifier?.error?.code).toBe('NO_PHYSICAL_NAME')
    expect(notifier?.error?.message).toMatch(/set stack-name: \(and account:\) on its cloudformation: entry/)
    expect(report.principals.find((p) => p.arn === API)?.source).toEqual({
      kind: 'cloudformation',
      template: 'stacks/app.yml',
      logicalId: 'ApiRole',
      file: 'stacks/app.yml',
      line: 17,
    })
    // Usage was asked for the roles that exist, the named one included; not for the unnamed one.
    const started = emulator.calls('StartPolicyGeneration').map((c) => JSON.stringify(c.body))
    expect(started.some((b) => b.includes('worker-prod-WorkerRole'))).toBe(true)
    expect(started.some((b) => b.includes('NotifierRole'))).toBe(false)
    expect(started.some((b) => b.includes('SenderPolicy'))).toBe(false)
  })

  it('puts each finding on the template line that writes the statement, with the resource and policy', () => {
    const api = report.findings.filter((f) => f.principal === API)
    expect(api.map(at)).toEqual(['wildcard-action stacks/app.yml:33', 'unused-action stacks/app.yml:33'])
    expect(api[0]?.source).toEqual({
      kind: 'cloudformation',
      template: 'stacks/app.yml',
      logicalId: 'ApiRole',
      part: 'orders',
    })
    // A SAM policy template and document, judged statically.
    expect(report.findings.filter((f) => f.principal === NOTIFIER).map(at)).toContain(
      'wildcard-action stacks/functions.yml:16',
    )
    // The deployed role: its unused actions at its template's lines.
    expect(report.findings.filter((f) => f.principal === worker).map(at)).toEqual([
      // What the other stack attaches to it by the exported name: the worker's too, and unused.
      'unused-action deploy/worker-extras.yml:10',
      'unused-action deploy/worker.yml:16',
      'wildcard-resource deploy/worker.yml:17',
    ])
  })

  it('writes SARIF at the template lines, a summary linking to them, and the suggestion as a template diff', async () => {
    const sarif = JSON.parse(await readFile(join(workspace, 'out.sarif'), 'utf8'))
    expect(sarifValidator()(sarif)).toBe(true)
    const locations = sarif.runs[0].results.map(
      (r: {
        locations: {
          physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }
        }[]
      }) =>
        `${r.locations[0]?.physicalLocation.artifactLocation.uri}:${r.locations[0]?.physicalLocation.region.startLine}`,
    )
    expect(locations).toContain('stacks/app.yml:33')
    expect(run.summary).toContain('/stacks/app.yml#L33')
    expect(run.summary).toContain('`NO_PHYSICAL_NAME`')
    const edit = report.suggestions.find((s) => s.file === 'stacks/app.yml')
    expect(edit?.addresses).toEqual(['ApiRole.orders'])
    const original = await readFile(join(workspace, 'stacks', 'app.yml'), 'utf8')
    expect(applyPatch(original, edit?.diff ?? '')).toBe(edit?.text)
    expect(edit?.diff).toContain(
      '-                Action: dynamodb:*\n+                Action: [dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query]\n',
    )
    expect(report.verdict).toBe('fail')
  })

  it('on a pull request, keeps the findings of roles the deployed stacks name as existing where it changes nothing of theirs', async () => {
    // The base as deployed; the head moves the worker's statements down a line and touches nothing else.
    const repo = await mkdtemp(join(tmpdir(), 'ipd-cloudformation-pr-'))
    try {
      await cp(workspace, repo, { recursive: true })
      await rm(join(repo, 'out.sarif'), { force: true })
      git(repo, 'init', '--quiet', '--initial-branch=main')
      git(repo, 'add', '--all')
      git(repo, 'commit', '--quiet', '-m', 'base')
      const baseSha = git(repo, 'rev-parse', 'HEAD')
      await writeFile(join(repo, 'deploy', 'worker.yml'), `# The queue worker.\n${WORKER_TEMPLATE}`)
      git(repo, 'commit', '--quiet', '--all', '-m', 'head')
      const headSha = git(repo, 'rev-parse', 'HEAD')
      const pr = await runAction({
        workspace: repo,
        inputs: { 'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/iam-policy-drift`, 'wait-timeout': '30s' },
        env: awsEnv(),
        eventName: 'pull_request',
        event: {
          pull_request: {
            number: 12,
            head: { sha: headSha, repo: { full_name: 'octo-org/infra', fork: false } },
            base: { sha: baseSha, repo: { full_name: 'octo-org/infra' } },
          },
        },
      })
      const scoped: (Finding & { scope: string })[] = JSON.parse(
        await readFile(pr.outputs.report as string, 'utf8'),
      ).findings
      // The worker's findings, a line further down: the base's were found on the role the stack names too.
      expect(scoped.filter((f) => f.principal === worker).map((f) => `${f.scope} ${at(f)}`)).toEqual([
        'existing unused-action deploy/worker-extras.yml:10',
        'existing unused-action deploy/worker.yml:17',
        'existing wildcard-resource deploy/worker.yml:18',
      ])
      expect(scoped.filter((f) => f.scope === 'new').map(at)).toEqual([])
      expect(pr.exitCode).toBe(0)
    } finally {
      await rm(repo, { recursive: true, force: true })
    }
  }, 60_000)

  it("names the roles of a stack in another account through that account's accounts: role", async () => {
    // The worker's template, deployed in another account of the organisation.
    const OTHER = '444455556666'
    const cfn = await motoCloudFormation(moto.url, OTHER)
    let ledger: string
    try {
      await cfn.send(
        new CreateStackCommand({
          StackName: 'ledger-prod',
          TemplateBody: WORKER_TEMPLATE,
          Capabilities: ['CAPABILITY_IAM'],
        }),
      )
      const { StackResources = [] } = await cfn.send(
        new DescribeStackResourcesCommand({ StackName: 'ledger-prod' }),
      )
      ledger = `arn:aws:iam::${OTHER}:role/${StackResources.find((r) => r.LogicalResourceId === 'WorkerRole')?.PhysicalResourceId}`
    } finally {
      cfn.destroy()
    }
    const repo = await mkdtemp(join(tmpdir(), 'ipd-cloudformation-account-'))
    const config = (accounts: string) =>
      `${accounts}cloudtrail:\n  trail-arn: arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-trail\n` +
      `  access-role-arn: arn:aws:iam::${ACCOUNT}:role/service-role/AccessAnalyzerMonitorServiceRole\n` +
      `cloudformation:\n  - template: deploy/ledger.yml\n    stack-name: ledger-prod\n    account: "${OTHER}"\n    region: us-east-1\n`
    const sts = await startCountingProxy(moto.url)
    const runIn = async (accounts: string) => {
      await writeFile(join(repo, '.github', 'iam-policy-drift.yml'), config(accounts))
      const run = await runAction({
        workspace: repo,
        inputs: { 'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/iam-policy-drift`, 'wait-timeout': '30s' },
        env: { ...awsEnv(), AWS_ENDPOINT_URL_STS: sts.url },
      })
      const { principals }: Report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
      return { run, principals: principals.map((p) => [p.arn, p.status]) }
    }
    try {
      await mkdir(join(repo, '.github'), { recursive: true })
      await mkdir(join(repo, 'deploy'))
      await writeFile(join(repo, 'deploy', 'ledger.yml'), WORKER_TEMPLATE)
      // No role there: not asked with the run's own (its account has no such stack), and said why.
      const without = await runIn('')
      expect(without.principals).toContainEqual([`arn:aws:iam::${OTHER}:role/\${WorkerRole}`, 'static'])
      expect(without.run.stdout).toContain(
        `::warning::Stack ledger-prod is in account ${OTHER}, which the config's accounts: does not name, so the names CloudFormation gave its roles are not read`,
      )
      // Through the account's role, as its usage is read: named, and checked.
      const through = await runIn(
        `accounts:\n  "${OTHER}":\n    role-arn: arn:aws:iam::${OTHER}:role/iam-policy-drift\n`,
      )
      expect(through.principals).toContainEqual([ledger, 'checked'])
      expect(through.run.stdout).toContain('Stack ledger-prod: 2 resource(s), the names of its roles read')
      // One session in that account for the run: the stack's role names and its usage share it.
      expect(sts.count('AssumeRole')).toBe(1)
    } finally {
      await sts.close()
      await rm(repo, { recursive: true, force: true })
    }
  }, 60_000)
})
