// The mistakes a new user makes, run through the real loaders: the messages they get. The README's
// troubleshooting table is checked against these, so it quotes what the action really says.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { analyse, tooMuchToCheck } from '../../src/analysis/analyse.js'
import { loadCatalog } from '../../src/catalog/catalog.js'
import { parseConfig } from '../../src/config/config-file.js'
import { readSettings } from '../../src/config/inputs.js'
import { untrustedConfig } from '../../src/github/context.js'
import { sarifFileProblem } from '../../src/github/publish.js'
import { decideUsageMode } from '../../src/github/usage-mode.js'
import { parsePolicy } from '../../src/policy/parse-policy.js'
import { loadWorkspace } from '../../src/sources/load-workspace.js'
import { formatProblem } from '../../src/vocabulary/problems.js'

const CLOUDTRAIL = [
  'cloudtrail:',
  '  trail-arn: arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail',
  '  access-role-arn: arn:aws:iam::111122223333:role/service-role/AccessAnalyzerMonitorServiceRole',
]
const PRINCIPAL = [
  'principals:',
  '  - arn: arn:aws:iam::111122223333:role/app',
  '    policies: [iam/app.json]',
]

/** Config texts with one mistake each. */
const CONFIGS = [
  [...CLOUDTRAIL, '  lookback-days: 120', ...PRINCIPAL],
  [...CLOUDTRAIL, '  lookback-dayz: 30', ...PRINCIPAL],
  [...CLOUDTRAIL, 'principals:', '  - arn: arn:aws:iam::1111:role/app', '    policies: [iam/app.json]'],
  ['cloudtrail:', '  trail-arn: arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail', ...PRINCIPAL],
  [...CLOUDTRAIL],
  [...CLOUDTRAIL, ...PRINCIPAL, 'ignore:', '  - action: s3:*'],
  [...CLOUDTRAIL, ...PRINCIPAL, '  bad: [yaml'],
].map((lines) => `${lines.join('\n')}\n`)

const POLICIES = [
  '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow",, "Action": "s3:GetObject", "Resource": "*" }\n  ]\n}\n',
  '{ "Version": "2012-10-17", "Statement": [{ "Effect": "allow", "Action": "s3:GetObject", "Resource": "*" }] }',
  '{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3 GetObject", "Resource": "*" }] }',
  '{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": ["ec2:CreateImage,"], "Resource": "*" }] }',
  // The "е" is Cyrillic (U+0435), as a text copied from a chat or a translated page may have it.
  '{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObj\u0435ct", "Resource": "*" }] }',
  '{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*" }] }',
  '{ "Version": "2012-10-17", "Statement": [] }',
  '{ "Version": "2012-10-17", "Statement": [{ "Sid": "Allow use of the key", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*" }] }',
]

const INPUTS: Record<string, string>[] = [
  { 'fail-on': 'hihg' },
  { 'wait-timeout': '10 minutes' },
  { 'max-concurrent-jobs': '2.5' },
  { comment: 'sometimes' },
]

/** Every message the mistakes above give, as `formatProblem` prints them (file:line:column: message). */
export async function mistakeMessages(): Promise<string[]> {
  const messages: string[] = []
  for (const text of CONFIGS) {
    messages.push(...parseConfig('.github/iam-policy-drift.yml', text).problems.map(formatProblem))
  }
  for (const text of POLICIES) messages.push(...parsePolicy('iam/x.json', text).problems.map(formatProblem))
  // One file of 10,000 statements given to 501 principals: more than one run checks.
  const statements = Array.from({ length: 10_000 }, () => ({
    Effect: 'Allow',
    Action: 's3:GetObject',
    Resource: '*',
  }))
  const { policy: all } = parsePolicy(
    'iam/all.json',
    JSON.stringify({ Version: '2012-10-17', Statement: statements }),
  )
  if (all) {
    const principals = Array.from({ length: 501 }, (_, i) => ({
      arn: `arn:aws:iam::111122223333:role/r${i}`,
      policies: [all],
    }))
    const heavy = tooMuchToCheck(principals, '.github/iam-policy-drift.yml')
    if (heavy) messages.push(formatProblem(heavy))
  }
  for (const inputs of INPUTS) {
    messages.push(...readSettings((name) => inputs[name] ?? '', {}).problems.map(formatProblem))
  }

  // A workspace: no config; a glob that matches nothing; one that leaves the workspace; a policy saved
  // as the AWS CLI printed it; a file far too large for a policy; a Terraform root that names a directory
  // with no .tf file; a template saved as the AWS CLI printed it; a glob of templates that catches
  // another tool's source. And a sarif-file input that names a directory.
  const root = await mkdtemp(join(tmpdir(), 'ipd-mistakes-'))
  messages.push(...(await loadWorkspace(root, '.github/iam-policy-drift.yml')).problems.map(formatProblem))
  const files = {
    '.github/iam-policy-drift.yml': [
      ...CLOUDTRAIL,
      'principals:',
      '  - arn: arn:aws:iam::111122223333:role/app',
      '    policies: [iam/app/*.json, ../shared/*.json, iam/saved/*.json, iam/export/*.json]',
      'terraform:',
      '  - root: infra',
      'cloudformation:',
      '  - template: stacks/app.json',
      '  - template: "stacks/**/*.yml"',
      '  - template: serverless.yml',
    ].join('\n'),
    // A Serverless Framework service named as a template: its template is what `serverless package` writes.
    'serverless.yml':
      'service: orders\nprovider:\n  name: aws\nfunctions:\n  place:\n    handler: handler.place\n',
    // `aws cloudformation get-template --stack-name app > stacks/app.json`
    'stacks/app.json': JSON.stringify(
      { TemplateBody: { Resources: {} }, StagesAvailable: ['Original', 'Processed'] },
      null,
      4,
    ),
    'iam/saved/details.json': JSON.stringify(
      { UserDetailList: [], GroupDetailList: [], RoleDetailList: [{ RoleName: 'app' }], Policies: [] },
      null,
      2,
    ),
    'infra/README.md': '# The Terraform code is in infra/prod\n',
    // Among the templates a glob matches, another tool's source: what `rain pkg` reads.
    'stacks/queue.yml': 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n',
    'stacks/rain/site.yml': 'Resources:\n  Site:\n    Type: !Rain::Module site.yml\n',
    'iam/export/everything.json': `{"Roles": [${'{"RoleName": "x"},'.repeat(300_000)}{}]}`,
  }
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), text)
  }
  messages.push(...(await loadWorkspace(root, '.github/iam-policy-drift.yml')).problems.map(formatProblem))
  // Terraform code with a block left open, and the log of `terraform plan -json` given as a plan.
  const code = await mkdtemp(join(tmpdir(), 'ipd-mistakes-'))
  await mkdir(join(code, '.github'))
  await mkdir(join(code, 'infra'))
  await mkdir(join(code, 'prod'))
  await writeFile(
    join(code, '.github', 'iam-policy-drift.yml'),
    'terraform:\n  - root: infra\n    account: "111122223333"\n  - plan: prod/plan.json\n',
  )
  await writeFile(join(code, 'infra', 'main.tf'), 'resource "aws_iam_role" "app" {\n  name = "app"\n')
  await writeFile(
    join(code, 'prod', 'plan.json'),
    [
      '{"@level":"info","@message":"Terraform 1.9.5","@module":"terraform.ui","@timestamp":"2024-09-04T10:00:00.000000Z","terraform":"1.9.5","type":"version","ui":"1.2"}',
      '{"@level":"info","@message":"Plan: 1 to add, 0 to change, 0 to destroy.","@module":"terraform.ui","@timestamp":"2024-09-04T10:00:01.000000Z","changes":{"add":1,"change":0,"import":0,"remove":0,"operation":"plan"},"type":"change_summary"}',
      '',
    ].join('\n'),
  )
  messages.push(...(await loadWorkspace(code, '.github/iam-policy-drift.yml')).problems.map(formatProblem))
  const sarif = sarifFileProblem(root, 'iam')
  if (sarif) messages.push(formatProblem(sarif))

  // Static mode: the reasons a run gives.
  const config = parseConfig(
    '.github/iam-policy-drift.yml',
    `${[...CLOUDTRAIL, ...PRINCIPAL].join('\n')}\n`,
  ).config
  if (!config) throw new Error('the base config must load')
  const settings = readSettings(
    (name) => (name === 'role-to-assume' ? 'arn:aws:iam::1:role/x' : ''),
    {},
  ).settings
  for (const readOnlyToken of [false, true]) {
    const plan = decideUsageMode(settings, config, {}, { readOnlyToken })
    if (plan.mode === 'static') messages.push(`Static mode: ${plan.reason}`)
  }

  // A fork's pull_request_target run with the pull request's config checked out.
  const context = {
    eventName: 'pull_request_target',
    repository: 'octo/infra',
    serverUrl: 'https://github.com',
    ref: 'main',
    sha: undefined,
    pullRequest: { number: 1, headSha: 'h'.repeat(40), baseSha: 'b'.repeat(40) },
    mergeGroup: undefined,
    fromFork: true,
    readOnlyToken: false,
  }
  const reason = untrustedConfig(
    context,
    { GITHUB_SHA: 'b'.repeat(40) },
    root,
    '.github/iam-policy-drift.yml',
  )
  if (reason) messages.push(`Static mode: ${reason}`)

  // A typo in an action: a finding, not an error.
  const policy = parsePolicy(
    'iam/app.json',
    '{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*" }] }',
  ).policy
  if (!policy) throw new Error('the typo policy must parse')
  const { findings } = analyse([{ arn: 'arn:aws:iam::1:role/x', policies: [policy] }], [], loadCatalog())
  messages.push(...findings.map((f) => f.message))
  return messages
}
