// Suggestions for policies written in .tf files, as edits of the .tf file in place. The property that
// holds them: the edited configuration, read again by the Terraform source, gives for every resource
// exactly the document the JSON suggestion gives; the diff applies to the repository's file; and where
// the code cannot be edited in place, the JSON document is given instead.
import { readFileSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { applyPatch } from 'diff'
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/analysis/analyse.js'
import type { SuggestedPolicy } from '../../src/analysis/least-privilege.js'
import { loadCatalog } from '../../src/catalog/catalog.js'
import { parsePolicy } from '../../src/policy/parse-policy.js'
import { loadWorkspace } from '../../src/sources/load-workspace.js'
import type { DiscoveredPrincipal } from '../../src/sources/policy-source.js'
import { codeEditChecker } from '../../src/sources/terraform/hcl.js'
import type { PolicyDocument } from '../../src/vocabulary/policy.js'
import type { PrincipalUsage } from '../../src/vocabulary/usage.js'
import { REPO_ROOT } from '../world/runner.js'
import { checkedUsage } from '../world/usage.js'

const catalog = loadCatalog()
const ACCOUNT = '111122223333'
const CONFIG = `terraform:\n  - root: infra\n    account: "${ACCOUNT}"\n`

async function workspace(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ipd-tf-edit-'))
  for (const [path, text] of Object.entries({ '.github/iam-policy-drift.yml': CONFIG, ...files })) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), text)
  }
  return root
}

async function principalsOf(root: string): Promise<DiscoveredPrincipal[]> {
  const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
  expect(problems).toEqual([])
  return [...(loaded?.principals ?? [])]
}

/** What each principal (by the end of its ARN) used: generated policies with these actions. */
function usageOf(
  principals: readonly DiscoveredPrincipal[],
  used: Record<string, readonly { actions: string[]; resource?: string }[]>,
): Map<string, PrincipalUsage> {
  const usage = new Map<string, PrincipalUsage>()
  for (const p of principals) {
    const statements = used[p.arn.slice(p.arn.lastIndexOf('/') + 1)]
    if (!statements) continue
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: statements.map((s) => ({ Effect: 'Allow', Action: s.actions, Resource: s.resource ?? '*' })),
    })
    for (const [arn, record] of checkedUsage(p.arn, { policies: [policy], isComplete: true }))
      usage.set(arn, record)
  }
  return usage
}

/** A document as IAM reads it: what each statement says, positions aside. */
function normal(doc: PolicyDocument | undefined) {
  return doc?.statements.map((s) => ({
    sid: s.sid,
    effect: s.effect,
    actions: s.actions.map((a) => a.value).sort(),
    notAction: s.notAction,
    resources: s.resources.map((r) => r.value).sort(),
    notResource: s.notResource,
    condition: s.condition?.value ?? null,
  }))
}

/**
 * Suggestions for the workspace in place and as JSON; each in-place diff applied to a copy of the
 * workspace, which is read again: the documents it gives, by address.
 */
async function roundTrip(root: string, used: Parameters<typeof usageOf>[1]) {
  const principals = await principalsOf(root)
  const usage = usageOf(principals, used)
  const read = (file: string) => readFileSafe(join(root, file))
  const files = new Map<string, string>()
  for (const p of principals) for (const d of p.policies) if (d.site) files.set(d.site.file, '')
  for (const file of files.keys()) files.set(file, (await readFile(join(root, file), 'utf8')) as string)
  const readSync = (file: string) => files.get(file) ?? read(file)
  const check = await codeEditChecker()
  const inPlace = analyse(principals, [], catalog, usage, readSync, check).suggestions
  const asJson = analyse(principals, [], catalog, usage, readSync, () => false).suggestions
  const copy = await mkdtemp(join(tmpdir(), 'ipd-tf-edited-'))
  await cp(root, copy, { recursive: true })
  for (const s of inPlace) {
    if (s.diff === null) continue
    // The diff applies to the repository's file and gives the suggested text.
    expect(applyPatch(files.get(s.file) ?? '', s.diff)).toBe(s.text)
    await writeFile(join(copy, s.file), s.text)
  }
  const after = new Map<string, PolicyDocument>()
  for (const p of await principalsOf(copy))
    for (const d of p.policies) if (d.source?.kind === 'terraform') after.set(d.source.address, d)
  return { inPlace, asJson, after, copy }
}

function readFileSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/**
 * Every resource the in-place suggestions edit now says what its JSON suggestion says; every other
 * JSON suggestion is still given as JSON.
 */
function expectSameAsJson(
  inPlace: readonly SuggestedPolicy[],
  asJson: readonly SuggestedPolicy[],
  after: ReadonlyMap<string, PolicyDocument>,
) {
  const edited = new Set(inPlace.flatMap((s) => s.addresses ?? []))
  const addressOf = (s: SuggestedPolicy) => (s.source?.kind === 'terraform' ? s.source.address : '')
  const stillJson = new Set(inPlace.filter((s) => s.diff === null).map(addressOf))
  expect(asJson.length).toBeGreaterThan(0)
  for (const s of asJson) {
    const address = addressOf(s)
    if (!edited.has(address)) {
      expect({ address, given: stillJson.has(address) }).toEqual({ address, given: true })
      continue
    }
    const expected = parsePolicy('x.json', s.text).policy
    expect({ address, doc: normal(after.get(address)) }).toEqual({ address, doc: normal(expected) })
  }
}

describe('suggestions as edits of .tf files', () => {
  it('edits jsonencode() statements in place: narrows, drops, adds, keeps references as written', async () => {
    const main = [
      'resource "aws_ebs_volume" "data" {',
      '  size = 10',
      '}',
      '',
      'resource "aws_iam_role" "app" {',
      '  name = "app"',
      '}',
      '',
      'resource "aws_iam_role_policy" "app" {',
      '  role = aws_iam_role.app.id',
      '  policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [',
      '      {',
      '        Sid    = "Instances"',
      '        Effect = "Allow"',
      '        Action = ["ec2:RunInstances", "ec2:StopInstances", "ec2:AttachVolume"]',
      '        Resource = [',
      '          "arn:aws:ec2:*:*:instance/*",',
      '          aws_ebs_volume.data.arn,',
      '          "arn:aws:ec2:*:*:volume/*",',
      '        ]',
      '      },',
      '      {',
      '        Sid      = "Rds"',
      '        Effect   = "Allow"',
      '        Action   = "rds:*"',
      '        Resource = "*"',
      '      },',
      '      {',
      '        Sid      = "Queues"',
      '        Effect   = "Allow"',
      '        Action   = ["sqs:ListQueues", "sqs:CreateQueue"]',
      '        Resource = "*"',
      '      },',
      '    ]',
      '  })',
      '}',
      '',
    ].join('\n')
    const root = await workspace({ 'infra/main.tf': main })
    const { inPlace, asJson, after } = await roundTrip(root, {
      app: [
        {
          actions: ['ec2:RunInstances'],
          resource: 'arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}',
        },
        { actions: ['sqs:ListQueues', 'iam:ListRoles'] },
      ],
    })
    expect(inPlace.map((s) => [s.file, s.diff !== null, s.addresses])).toEqual([
      ['infra/main.tf', true, ['aws_iam_role_policy.app']],
    ])
    expect(inPlace[0]?.text).toBe(
      main
        .replace('["ec2:RunInstances", "ec2:StopInstances", "ec2:AttachVolume"]', '["ec2:RunInstances"]')
        .replace('          "arn:aws:ec2:*:*:volume/*",\n', '')
        .replace(/ {6}\{\n {8}Sid {6}= "Rds"[^}]*\},\n/, '')
        .replace('["sqs:ListQueues", "sqs:CreateQueue"]', '["sqs:ListQueues"]')
        .replace(
          '    ]\n  })',
          [
            '      {',
            '        Sid      = "IamPolicyDriftUsedNotGranted"',
            '        Effect   = "Allow"',
            '        Action   = "iam:ListRoles"',
            '        Resource = "*"',
            '      },',
            '    ]',
            '  })',
          ].join('\n'),
        ),
    )
    expectSameAsJson(inPlace, asJson, after)
  })

  it('renames NotAction to Action where it is written, keeping the = signs aligned', async () => {
    const main = [
      'resource "aws_iam_role" "app" { name = "app" }',
      'resource "aws_iam_role_policy" "app" {',
      '  role = aws_iam_role.app.id',
      '  policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [',
      '      {',
      '        Effect    = "Allow"',
      '        NotAction = ["iam:*", "organizations:*"]',
      '        Resource  = "*"',
      '      },',
      '    ]',
      '  })',
      '}',
      '',
    ].join('\n')
    const root = await workspace({ 'infra/main.tf': main })
    const { inPlace, asJson, after } = await roundTrip(root, {
      app: [{ actions: ['ec2:DescribeInstances'] }],
    })
    expect(inPlace[0]?.text).toMatch(
      /\n {8}Effect {4}= "Allow"\n {8}Action {4}= \["[^\n]*"ec2:DescribeInstances"[^\n]*\]\n {8}Resource {2}= "\*"\n/,
    )
    expectSameAsJson(inPlace, asJson, after)
  })

  it('edits statement {} blocks of a policy document data source, conditions and all, and adds one', async () => {
    const main = [
      'resource "aws_iam_role" "app" { name = "app" }',
      '',
      'data "aws_iam_policy_document" "app" {',
      '  statement {',
      '    sid       = "Logs"',
      '    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]',
      '    resources = ["*"]',
      '  }',
      '',
      '  statement {',
      '    sid = "Tagged"',
      '    actions = [',
      '      "ec2:StartInstances",',
      '      "ec2:StopInstances",',
      '      "ec2:RebootInstances",',
      '    ]',
      '    resources = ["arn:aws:ec2:*:*:instance/*"]',
      '    condition {',
      '      test     = "StringEquals"',
      '      variable = "aws:ResourceTag/team"',
      '      values   = ["$${aws:PrincipalTag/team}"]',
      '    }',
      '  }',
      '}',
      '',
      'resource "aws_iam_role_policy" "app" {',
      '  role   = aws_iam_role.app.id',
      '  policy = data.aws_iam_policy_document.app.json',
      '}',
      '',
    ].join('\n')
    const root = await workspace({ 'infra/main.tf': main, 'infra/other.tf': '# nothing here\n' })
    const { inPlace, asJson, after } = await roundTrip(root, {
      app: [{ actions: ['ec2:StartInstances', 'ec2:StopInstances', 'sqs:SendMessage'] }],
    })
    expect(inPlace.filter((s) => s.diff !== null).map((s) => s.file)).toEqual(['infra/main.tf'])
    expect(inPlace[0]?.text).toBe(
      main
        .replace(/ {2}statement \{\n {4}sid {7}= "Logs"[^}]*\}\n\n/, '')
        .replace('      "ec2:RebootInstances",\n', '')
        .replace(
          '    }\n  }\n}\n',
          [
            '    }',
            '  }',
            '',
            '  statement {',
            '    sid       = "IamPolicyDriftUsedNotGranted"',
            '    effect    = "Allow"',
            '    actions   = ["sqs:SendMessage"]',
            '    resources = ["*"]',
            '  }',
            '}',
            '',
          ].join('\n'),
        ),
    )
    expectSameAsJson(inPlace, asJson, after)
  })

  it('edits a JSON heredoc written once for every instance of a module, from what all of them used', async () => {
    const worker = [
      'variable "name" { type = string }',
      'resource "aws_iam_role" "this" { name = "worker-${var.name}" }',
      'resource "aws_iam_role_policy" "this" {',
      '  role   = aws_iam_role.this.id',
      '  policy = <<-EOT',
      '    {',
      '      "Version": "2012-10-17",',
      '      "Statement": [',
      '        {',
      '          "Effect": "Allow",',
      '          "Action": ["sqs:*"],',
      '          "Resource": "arn:aws:sqs:us-east-1:111122223333:${var.name}"',
      '        },',
      '        {',
      '          "Effect": "Allow",',
      '          "Action": "kms:Decrypt",',
      '          "Resource": "*"',
      '        }',
      '      ]',
      '    }',
      '  EOT',
      '}',
      '',
    ].join('\r\n')
    const root = await workspace({
      'infra/main.tf':
        'module "worker" {\n  source   = "./worker"\n  for_each = toset(["a", "b"])\n  name     = each.key\n}\n',
      'infra/worker/main.tf': worker,
    })
    const { inPlace, asJson, after } = await roundTrip(root, {
      'worker-a': [{ actions: ['sqs:ReceiveMessage'] }],
      'worker-b': [{ actions: ['sqs:DeleteMessage'] }],
    })
    const edit = inPlace.find((s) => s.diff !== null)
    expect(edit?.addresses).toEqual([
      'module.worker["a"].aws_iam_role_policy.this',
      'module.worker["b"].aws_iam_role_policy.this',
    ])
    // sqs:* keeps what either used (and what the service cannot see); kms:Decrypt, used by neither, goes.
    expect(edit?.text).toContain('"Action": ["sqs:')
    expect(edit?.text).toContain('sqs:DeleteMessage')
    expect(edit?.text).toContain('sqs:ReceiveMessage')
    expect(edit?.text).not.toContain('kms:Decrypt')
    expect(edit?.text).toContain(
      '"Resource": "arn:aws:sqs:us-east-1:111122223333:${var.name}"\r\n        }\r\n      ]',
    )
    expect(edit?.text.replace(/\r\n/g, '')).not.toContain('\n')
    expectSameAsJson(inPlace, asJson, after)
  })

  it('adds to a list written on one line on that line, and follows a policy written in a local', async () => {
    const main = [
      'resource "aws_iam_user" "ci" { name = "ci" }',
      'locals {',
      '  policy = jsonencode({',
      '    Version   = "2012-10-17"',
      '    Statement = [{ Sid = "Pass", Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]',
      '  })',
      '}',
      'resource "aws_iam_user_policy" "ci" {',
      '  user   = aws_iam_user.ci.name',
      '  policy = local.policy',
      '}',
      '',
    ].join('\n')
    const root = await workspace({ 'infra/main.tf': main })
    const { inPlace, asJson, after } = await roundTrip(root, { ci: [{ actions: ['sts:GetCallerIdentity'] }] })
    expect(inPlace[0]?.text).toBe(
      main.replace(
        'Resource = "*" }]',
        'Resource = "*" }, { Sid = "IamPolicyDriftUsedNotGranted", Effect = "Allow", Action = "sts:GetCallerIdentity", Resource = "*" }]',
      ),
    )
    expectSameAsJson(inPlace, asJson, after)
  })

  it('gives the JSON document where the code cannot be edited in place', async () => {
    const main = [
      'resource "aws_iam_role" "app" { name = "app" }',
      'variable "actions" { default = ["ec2:StartInstances", "ec2:StopInstances"] }',
      'resource "aws_iam_role_policy" "app" {',
      '  role = aws_iam_role.app.id',
      '  policy = jsonencode({',
      '    Version   = "2012-10-17"',
      '    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }]',
      '  })',
      '}',
      'data "aws_iam_policy_document" "dyn" {',
      '  dynamic "statement" {',
      '    for_each = ["ec2", "rds"]',
      '    content {',
      '      actions   = ["${statement.value}:*"]',
      '      resources = ["*"]',
      '    }',
      '  }',
      '}',
      'resource "aws_iam_role_policy" "dyn" {',
      '  role   = aws_iam_role.app.id',
      '  policy = data.aws_iam_policy_document.dyn.json',
      '}',
      '',
    ].join('\n')
    const root = await workspace({ 'infra/main.tf': main })
    const { inPlace } = await roundTrip(root, {
      app: [{ actions: ['ec2:StartInstances', 'rds:DescribeDBInstances'] }],
    })
    expect(inPlace.map((s) => [s.diff, s.source?.kind === 'terraform' && s.source.address])).toEqual([
      [null, 'aws_iam_role_policy.app'],
      [null, 'aws_iam_role_policy.dyn'],
    ])
  })

  it('gives a document templatefile() writes as JSON, and leaves its template as it is', async () => {
    const main = [
      'resource "aws_iam_role" "app" { name = "app" }',
      'resource "aws_iam_role_policy" "app" {',
      '  role   = aws_iam_role.app.id',
      '  policy = templatefile("${path.module}/policy.json", { prefix = "web-", stop = true })',
      '}',
      '',
    ].join('\n')
    const template = [
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",',
      '  "Action": ["ec2:StartInstances"%{ if stop }, "ec2:StopInstances"%{ endif }],',
      '  "Resource": "arn:aws:ec2:*:*:instance/${prefix}*"}]}',
      '',
    ].join('\n')
    const root = await workspace({ 'infra/main.tf': main, 'infra/policy.json': template })
    const { inPlace } = await roundTrip(root, { app: [{ actions: ['ec2:StartInstances'] }] })
    expect(inPlace.map((s) => [s.file, s.diff, JSON.parse(s.text).Statement[0]])).toEqual([
      [
        'infra/policy.json',
        null,
        { Effect: 'Allow', Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2:*:*:instance/web-*' },
      ],
    ])
  })

  it('the check of an edit refuses text that does not parse, or that lost or gained a block', async () => {
    const check = await codeEditChecker()
    const before = 'resource "a" "b" {\n  x = [1, 2]\n}\n'
    expect(check('m.tf', before, 'resource "a" "b" {\n  x = [1]\n}\n')).toBe(true)
    expect(check('m.tf', before, 'resource "a" "b" {\n  x = [1,, 2]\n}\n')).toBe(false)
    expect(check('m.tf', before, 'resource "a" "b" {\n  y = [1, 2]\n}\n')).toBe(false)
    expect(check('m.tf', before, `${before}resource "a" "c" {}\n`)).toBe(false)
  })
})

/** Policies in every form the editor knows, several statements each, for random usage. */
const FORMS = {
  'infra/main.tf': [
    'resource "aws_iam_role" "app" { name = "app" }',
    'resource "aws_iam_role_policy" "object" {',
    '  role = aws_iam_role.app.id',
    '  policy = jsonencode({',
    '    Version = "2012-10-17"',
    '    Statement = [',
    '      { Sid = "A", Effect = "Allow", Action = ["ec2:StartInstances", "ec2:StopInstances"], Resource = "*" },',
    '      {',
    '        Sid    = "B"',
    '        Effect = "Allow"',
    '        Action = [',
    '          "rds:StartDBInstance",',
    '          "rds:StopDBInstance",',
    '          "rds:RebootDBInstance"',
    '        ]',
    '        Resource = ["arn:aws:rds:*:*:db:a", "arn:aws:rds:*:*:db:b"]',
    '      },',
    '      { Sid = "C", Effect = "Allow", Action = "sns:Publish", Resource = "*" },',
    '      {',
    '        Sid      = "D"',
    '        Effect   = "Allow"',
    '        Action   = ["cloudwatch:PutMetricData", "cloudwatch:GetMetricData"]',
    '        Resource = "*"',
    '      }',
    '    ]',
    '  })',
    '}',
    'resource "aws_iam_role_policy" "inline" {',
    '  role   = aws_iam_role.app.id',
    '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["ssm:GetParameter", "ssm:PutParameter"], Resource = "*" }, { Effect = "Allow", Action = "kms:Encrypt", Resource = "*" }] })',
    '}',
    'data "aws_iam_policy_document" "blocks" {',
    '  statement {',
    '    actions   = ["ecr:GetAuthorizationToken"]',
    '    resources = ["*"]',
    '  }',
    '  statement {',
    '    actions   = ["ecr:BatchGetImage", "ecr:PutImage", "ecr:InitiateLayerUpload"]',
    '    resources = ["arn:aws:ecr:us-east-1:111122223333:repository/app"]',
    '  }',
    '  statement {',
    '    effect    = "Deny"',
    '    actions   = ["ecr:DeleteRepository"]',
    '    resources = ["*"]',
    '  }',
    '  statement {',
    '    actions   = ["logs:CreateLogGroup", "logs:DescribeLogGroups"]',
    '    resources = ["*"]',
    '  }',
    '}',
    'resource "aws_iam_role_policy" "blocks" {',
    '  role   = aws_iam_role.app.id',
    '  policy = data.aws_iam_policy_document.blocks.json',
    '}',
    'resource "aws_iam_role_policy" "heredoc" {',
    '  role   = aws_iam_role.app.id',
    '  policy = <<EOF',
    '{',
    '  "Version": "2012-10-17",',
    '  "Statement": [',
    '    {"Effect": "Allow", "Action": ["glue:GetTable", "glue:GetTables"], "Resource": "*"},',
    '    {"Effect": "Allow", "Action": "athena:StartQueryExecution", "Resource": "*"},',
    '    {"Effect": "Allow", "Action": ["events:PutEvents"], "Resource": "*"}',
    '  ]',
    '}',
    'EOF',
    '}',
    '',
  ].join('\r\n'),
}

describe('policies edited in place for random usage', () => {
  it('give, read again, the JSON suggestion of every resource: the example and every form, 25 usages each', async () => {
    const example = await mkdtemp(join(tmpdir(), 'ipd-tf-example-'))
    await cp(join(REPO_ROOT, 'examples/terraform'), join(example, 'infra'), { recursive: true })
    await mkdir(join(example, '.github'), { recursive: true })
    await writeFile(join(example, '.github/iam-policy-drift.yml'), CONFIG)
    let seed = 7
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    let edited = 0
    for (const root of [example, await workspace(FORMS)]) {
      const principals = await principalsOf(root)
      for (let run = 0; run < 25; run++) {
        const used: Record<string, { actions: string[] }[]> = {}
        for (const p of principals) {
          const granted = p.policies.flatMap((d) =>
            d.statements.flatMap((s) => s.actions.flatMap((a) => catalog.expand(a.value))),
          )
          const names = [...new Set(granted)].map((id) => catalog.actions[id]?.name as string)
          const pick = names.filter(() => random() < 0.3).slice(0, 12)
          if (random() < 0.3) pick.push('sts:GetCallerIdentity')
          used[p.arn.slice(p.arn.lastIndexOf('/') + 1)] = [
            { actions: pick.length > 0 ? pick : ['sts:GetCallerIdentity'] },
          ]
        }
        const { inPlace, asJson, after } = await roundTrip(root, used)
        edited += inPlace.filter((s) => s.diff !== null).length
        // Every policy written in these .tf files can be edited in place: none is left as JSON.
        expect(inPlace.filter((s) => s.diff === null && !s.file.endsWith('.json'))).toEqual([])
        const inCode = asJson.filter((s) => s.source?.kind === 'terraform' && !s.file.endsWith('.json'))
        if (inCode.length > 0) expectSameAsJson(inPlace, inCode, after)
      }
    }
    expect(edited).toBeGreaterThan(40)
  })
})
