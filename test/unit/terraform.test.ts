// The Terraform source on small configurations written here: plan errors, HCL errors, policy document
// data sources, module outputs it cannot follow, and hostile input.

import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/analysis/analyse.js'
import { loadCatalog } from '../../src/catalog/catalog.js'
import { loadWorkspace } from '../../src/sources/load-workspace.js'
import { boundaryPlaceOf, type DiscoveredPrincipal } from '../../src/sources/policy-source.js'
import { moduleProvider } from '../../src/sources/terraform/modules.js'
import { readPlan } from '../../src/sources/terraform/plan.js'
import type { Located, PolicyDocument, Statement } from '../../src/vocabulary/policy.js'
import { formatProblem } from '../../src/vocabulary/problems.js'
import { existingRole, planResource, policyJson } from '../world/plan-json.js'

const ACCOUNT = '111122223333'

/** A workspace with these files and a config naming `plan.json` of `infra/`. */
async function workspace(
  files: Record<string, string>,
  entry = '  - plan: infra/plan.json',
): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ipd-tf-'))
  const all = { '.github/iam-policy-drift.yml': `terraform:\n${entry}\n`, ...files }
  for (const [path, text] of Object.entries(all)) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), text)
  }
  return root
}

/** A plan of these resources (root module), as `terraform show -json` writes one; all exist. */
function plan(resources: { address: string; values: object; mode?: 'data' }[]): string {
  const items = resources.map((r) => {
    const [type, name] = r.address.replace(/^data\./, '').split('.')
    return { address: r.address, mode: r.mode ?? 'managed', type, name, values: r.values }
  })
  return JSON.stringify({
    format_version: '1.2',
    planned_values: { root_module: { resources: items.filter((r) => r.mode === 'managed') } },
    prior_state: { values: { root_module: { resources: items } } },
    resource_changes: [],
    configuration: { root_module: {} },
  })
}

/** A resource's change when this plan creates it: its ARN and id (or what `unknown` says) known after apply. */
function creation(r: {
  address?: string | undefined
  module?: string
  type: string
  name: string
  values: object
  unknown?: object
}) {
  return {
    address: r.address,
    module_address: r.module || undefined,
    mode: 'managed',
    type: r.type,
    name: r.name,
    change: { actions: ['create'], after: r.values, after_unknown: r.unknown ?? { arn: true, id: true } },
  }
}

const role = (name: string) => ({
  address: `aws_iam_role.${name}`,
  values: { arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, name, id: name, path: '/' },
})

async function load(root: string) {
  const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
  return {
    principals: loaded?.principals ?? [],
    problems: problems.map(formatProblem),
    notes: (loaded?.notes ?? []).map(formatProblem),
  }
}

/** Where an entry stands, and where it is written when that is another file. */
const at = (e: Located<string>) =>
  `${e.value}@${e.line}:${e.column}${e.written ? ` (${e.written.file}:${e.written.line}:${e.written.column})` : ''}`

/** Each statement of a document: its file, its place, and its entries' places. */
const where = (d: PolicyDocument) =>
  d.statements.map((s) => [
    d.file,
    `${s.line}:${s.column}`,
    s.actions.map(at).join(' '),
    s.resources.map(at).join(' '),
  ])

/** A policy document as HCL writes it with these statements (HCL objects, comma-separated). */
const jsonencoded = (statements: string) =>
  `jsonencode({ Version = "2012-10-17", Statement = [${statements}] })`

/** `jsonencoded` of one statement: `action` allowed on "*". */
const allowOnStar = (action: string) =>
  jsonencoded(`{ Effect = "Allow", Action = "${action}", Resource = "*" }`)

/** `variable "names"`, a list of `count` names (n0, n1, …) by default. */
const namesVariable = (count: number) =>
  `variable "names" {\n  type    = list(string)\n  default = [${Array.from({ length: count }, (_, i) => `"n${i}"`).join(', ')}]\n}`

/** The principals of `.tf` files read without a plan (`root: infra`); there must be no problem. */
async function fromCode(files: Record<string, string>) {
  const root = await workspace(files, `  - root: infra\n    account: "${ACCOUNT}"`)
  const { principals, problems } = await load(root)
  expect(problems).toEqual([])
  return principals
}

/** A document's actions, space-separated. */
const actions = (d: PolicyDocument) => d.statements.flatMap((s) => s.actions.map((a) => a.value)).join(' ')

/** The principals of a plan, written as `infra/plan.json` with `account:` given; there must be no problem. */
async function fromPlanText(text: string) {
  const root = await workspace(
    { 'infra/plan.json': JSON.stringify(JSON.parse(text), null, 2) },
    `  - plan: infra/plan.json\n    account: "${ACCOUNT}"`,
  )
  const { principals, problems } = await load(root)
  expect(problems).toEqual([])
  return principals
}

/** A principal as its ARN, each policy's actions, and how many of its policies are unresolved. */
const held = (p: DiscoveredPrincipal) => [p.arn, p.policies.map(actions), p.unresolved?.length ?? 0]

describe('readPlan', () => {
  it('says what is wrong with a file that is not a plan, and where', () => {
    expect(readPlan('p.json', '{\n  "a": 1,,\n}').problems.map(formatProblem)).toEqual([
      'p.json:2:10: not JSON: expected a property name in double quotes (a doubled or trailing comma?); expected the output of `terraform show -json <planfile>`',
    ])
    expect(readPlan('p.json', '{"values": {}}').problems[0]?.message).toMatch(
      /^not a Terraform plan: it has no "format_version"/,
    )
    expect(readPlan('p.json', '{"format_version": "2.0"}').problems[0]?.message).toBe(
      'format_version "2.0" is not supported; expected 0.x or 1.x (Terraform 0.12 and later)',
    )
    expect(readPlan('p.json', '{"format_version": "1.0"}').problems[0]?.message).toMatch(
      /none of "planned_values", "prior_state" and "resource_changes"/,
    )
    // `terraform show -json` with no plan file: the state.
    expect(
      readPlan('p.json', '{"format_version": "1.0", "values": {"root_module": {}}}').problems[0]?.message,
    ).toBe(
      'not a Terraform plan but a state: it has "values", not "planned_values" (`terraform show -json` was given no plan file); ' +
        'expected `terraform plan -out=tfplan` then `terraform show -json tfplan`',
    )
    // terraform.tfstate itself (format version 4), not `terraform show -json` of it.
    const state = {
      version: 4,
      terraform_version: '1.9.5',
      serial: 3,
      lineage: 'x',
      outputs: {},
      resources: [],
    }
    expect(readPlan('terraform.tfstate', JSON.stringify(state, null, 2)).problems.map(formatProblem)).toEqual(
      [
        'terraform.tfstate:1: not a Terraform plan but a state file (terraform.tfstate): it says what exists, not what the code will make; ' +
          'expected `terraform plan -out=tfplan` then `terraform show -json tfplan`',
      ],
    )
    // `terraform plan -json`: Terraform's machine-readable UI, a message a line (its documented shape).
    const log = [
      '{"@level":"info","@message":"Terraform 1.9.5","@module":"terraform.ui","@timestamp":"2024-09-04T10:00:00.000000Z","terraform":"1.9.5","type":"version","ui":"1.2"}',
      '{"@level":"info","@message":"aws_iam_role.app: Plan to create","@module":"terraform.ui","@timestamp":"2024-09-04T10:00:01.000000Z","change":{"resource":{"addr":"aws_iam_role.app","module":"","resource":"aws_iam_role.app","implied_provider":"aws","resource_type":"aws_iam_role","resource_name":"app","resource_key":null},"action":"create"},"type":"planned_change"}',
      '{"@level":"info","@message":"Plan: 1 to add, 0 to change, 0 to destroy.","@module":"terraform.ui","@timestamp":"2024-09-04T10:00:01.000000Z","changes":{"add":1,"change":0,"import":0,"remove":0,"operation":"plan"},"type":"change_summary"}',
    ]
    const uiLog =
      'p.json:1: not a Terraform plan but the log of `terraform plan -json` (one JSON message a line, "@level", "@message", "type"); ' +
      'expected `terraform plan -out=tfplan` then `terraform show -json tfplan`, which writes the plan as one document'
    expect(readPlan('p.json', `${log.join('\n')}\n`).problems.map(formatProblem)).toEqual([uiLog])
    expect(readPlan('p.json', log.join('\r\n')).problems.map(formatProblem)).toEqual([uiLog])
    // One line of it is a JSON document, still not a plan.
    expect(readPlan('p.json', log[0] as string).problems.map(formatProblem)).toEqual([uiLog])
    // The saved plan file itself, a zip archive, read as text.
    expect(
      readPlan('p.json', 'PK\u0003\u0004\u0014\u0000\b\u0000\b\u0000\ufffd\ufffdtfplan').problems.map(
        formatProblem,
      ),
    ).toEqual([
      'p.json:1: a saved plan file (the zip archive `terraform plan -out` writes), not its JSON; expected what `terraform show -json` prints of it: `terraform show -json tfplan > plan.json`',
    ])
    // A plan whose first line happens to be an object is not taken for a log.
    expect(readPlan('p.json', '{"a": 1}\n{"b": 2}').problems[0]?.message).toMatch(/^not JSON: /)
  })

  it('says when Terraform did not finish the plan, or deferred changes', async () => {
    const { REPO_ROOT } = await import('../world/runner.js')
    const { readFile } = await import('node:fs/promises')
    const plan = JSON.parse(await readFile(join(REPO_ROOT, 'examples', 'terraform', 'plan.json'), 'utf8'))
    const notesOf = (extra: object) =>
      readPlan('p.json', JSON.stringify({ ...plan, ...extra })).notes?.map(formatProblem) ?? []
    expect(notesOf({ errored: false, complete: true })).toEqual([])
    expect(notesOf({ errored: true })).toEqual([
      'p.json:1: Terraform could not finish this plan ("errored": true): resources after its errors are not in it, and are not checked. Fix what `terraform plan` reports first',
    ])
    expect(notesOf({ complete: false })).toEqual([
      'p.json:1: this plan is not complete ("complete": false): Terraform deferred changes it could not plan yet, and those resources are not in it, nor checked',
    ])
    // Still read: what it holds is checked.
    expect(readPlan('p.json', JSON.stringify({ ...plan, complete: false })).plan?.resources.length).toBe(
      readPlan('p.json', JSON.stringify(plan)).plan?.resources.length,
    )
  })

  it("reads a plan written through setup-terraform's wrapper, and says so", async () => {
    const { REPO_ROOT } = await import('../world/runner.js')
    const { readFile } = await import('node:fs/promises')
    const text = await readFile(join(REPO_ROOT, 'examples', 'terraform', 'plan.json'), 'utf8')
    const json = JSON.stringify(JSON.parse(text))
    // What `terraform show -json plan > plan.json` writes with terraform_wrapper: true, the default.
    const wrapped = [
      '[command]/home/runner/work/_temp/3d21/terraform-bin show -json plan.tfplan',
      json,
      '::debug::Terraform exited with code 0.',
      `::debug::stdout: ${json}%0A`,
      '::debug::stderr: ',
      '::set-output name=exitcode::0',
      '',
    ].join('\n')
    const plain = readPlan('infra/plan.json', json)
    const read = readPlan('infra/plan.json', wrapped)
    expect(read.problems).toEqual([])
    // The same plan, each resource at its place in this file: the JSON is its line 2.
    const resources = (r: typeof read) => r.plan?.resources.map((x) => [x.address, x.values, x.at?.line])
    expect(resources(read)).toEqual(
      resources(plain)?.map(([address, values, line]) => [address, values, line && 2]),
    )
    expect(read.plan?.resources.length).toBeGreaterThan(0)
    expect(read.notes?.map(formatProblem)).toEqual([
      "infra/plan.json:1: written through hashicorp/setup-terraform's wrapper: its `[command]` line and the `::` workflow commands after the plan are left out. `terraform_wrapper: false` on setup-terraform writes the plan alone",
    ])
    // A mistake in the plan itself is still said at its line.
    expect(
      readPlan('p.json', '[command]terraform show -json p\n{\n  "a": 1,,\n}\n::debug::x').problems.map(
        formatProblem,
      ),
    ).toEqual([
      'p.json:3:10: not JSON: expected a property name in double quotes (a doubled or trailing comma?); expected the output of `terraform show -json <planfile>`',
    ])
  })

  it('reads a plan of nested arrays thousands deep without exhausting the stack', () => {
    const deep = `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"x.y","values":{"v":${'['.repeat(50_000)}${']'.repeat(50_000)}}}]}}}`
    expect(readPlan('p.json', deep).problems).toEqual([])
  })
})

describe('the Terraform source', () => {
  it('renders a policy document with source and override documents and a dynamic statement, at its lines', async () => {
    const root = await workspace({
      'infra/main.tf': [
        'resource "aws_iam_role" "app" { name = "app" }', // 1
        'data "aws_iam_policy_document" "base" {', // 2
        '  statement {', // 3
        '    sid       = "Read"', // 4
        '    actions   = ["s3:GetObject"]', // 5
        '    resources = ["arn:aws:s3:::base/*"]', // 6
        '  }', // 7
        '}', // 8
        'data "aws_iam_policy_document" "app" {', // 9
        '  source_policy_documents = [data.aws_iam_policy_document.base.json]', // 10
        '  dynamic "statement" {', // 11
        '    for_each = ["sqs", "sns"]', // 12
        '    content {', // 13
        '      actions   = ["${statement.value}:*"]', // 14
        '      resources = ["*"]', // 15
        '    }', // 16
        '  }', // 17
        '  statement {', // 18
        '    sid       = "Read"', // 19
        '    actions   = ["s3:GetObject", "s3:ListBucket"]', // 20
        '    resources = ["arn:aws:s3:::app", "arn:aws:s3:::app/*"]', // 21
        '    condition {', // 22
        '      test     = "Bool"', // 23
        '      variable = "aws:SecureTransport"', // 24
        '      values   = ["true"]', // 25
        '    }', // 26
        '  }', // 27
        '}', // 28
        'resource "aws_iam_role_policy" "app" {', // 29
        '  role   = aws_iam_role.app.name', // 30
        '  policy = data.aws_iam_policy_document.final.json', // 31
        '}', // 32
        'data "aws_iam_policy_document" "final" {', // 33
        '  source_policy_documents   = [data.aws_iam_policy_document.app.json]', // 34
        '  override_policy_documents = [data.aws_iam_policy_document.narrow.json]', // 35
        '}', // 36
        'data "aws_iam_policy_document" "narrow" {', // 37
        '  statement {', // 38
        '    sid       = "Read"', // 39
        '    actions   = ["s3:GetObject"]', // 40
        '    resources = ["arn:aws:s3:::app/*"]', // 41
        '    condition {', // 42
        '      test     = "Bool"', // 43
        '      variable = "aws:SecureTransport"', // 44
        '      values   = ["true"]', // 45
        '    }', // 46
        '  }', // 47
        '}', // 48
      ].join('\n'),
      'infra/plan.json': plan([
        role('app'),
        { address: 'aws_iam_role_policy.app', values: { name: 'p', role: 'app', id: 'app:p' } },
      ]),
    })
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    const [doc] = principals[0]?.policies ?? []
    // The source document's Read statement is replaced, where it stood, by the one of the same Sid
    // (line 18); that one in turn by the override document's (line 38), each where it is written.
    expect(doc?.statements.map((s) => [s.sid, s.line, s.actions.map((a) => `${a.value}@${a.line}`)])).toEqual(
      [
        ['Read', 38, ['s3:GetObject@40']],
        [null, 13, ['sqs:*@14']],
        [null, 13, ['sns:*@14']],
      ],
    )
    expect(doc?.source).toEqual({ kind: 'terraform', address: 'aws_iam_role_policy.app' })
    // A single condition value is written as a string, as the provider renders it.
    expect(doc?.statements[0]?.condition?.value).toBe('{"Bool":{"aws:SecureTransport":"true"}}')
  })

  it('reports a policy it cannot follow as unresolved-policy, at the line that uses it', async () => {
    const root = await workspace({
      'infra/main.tf': [
        'resource "aws_iam_role" "app" { name = "app" }',
        'module "policies" { source = "git::https://example.com/policies.git" }',
        'resource "aws_iam_role_policy" "app" {',
        '  role   = aws_iam_role.app.name',
        '  policy = module.policies.json',
        '}',
      ].join('\n'),
      'infra/plan.json': plan([
        role('app'),
        { address: 'aws_iam_role_policy.app', values: { name: 'p', role: 'app' } },
      ]),
    })
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    expect(principals[0]?.unresolved).toEqual([
      {
        file: 'infra/main.tf',
        line: 5,
        column: 12,
        address: 'aws_iam_role_policy.app',
        reason: 'an output of module.policies, whose code is not in the workspace',
      },
    ])
    const { findings } = analyse(principals, [], loadCatalog())
    expect(findings.map((f) => [f.kind, f.severity, f.file, f.line])).toEqual([
      ['unresolved-policy', 'low', 'infra/main.tf', 5],
    ])
    expect(findings[0]?.message).toBe(
      'aws_iam_role_policy.app: this policy could not be resolved (an output of module.policies, whose code is not in the workspace); it is not checked. Look at it by hand.',
    )
  })

  it('says why an attached policy ARN leads nowhere: a reference in quotes, no ARN, one defined elsewhere', async () => {
    const attach = (name: string, arn: string) =>
      `resource "aws_iam_role_policy_attachment" "${name}" {\n  role       = aws_iam_role.app.name\n  policy_arn = ${arn}\n}`
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "app" { name = "app" }',
        attach('quoted', '"aws_iam_policy.policy.arn"'),
        attach('name', '"ReadOnly"'),
        attach('elsewhere', `"arn:aws:iam::${ACCOUNT}:policy/shared"`),
        attach('empty', '""'),
      ].join('\n'),
    })
    expect(principals[0]?.unresolved?.map((u) => `${u.address}:${u.line} ${u.reason}`)).toEqual([
      'aws_iam_role_policy_attachment.quoted:4 "aws_iam_policy.policy.arn" is not a policy ARN: a reference in quotes is text; write aws_iam_policy.policy.arn without them',
      'aws_iam_role_policy_attachment.name:8 "ReadOnly" is not a policy ARN',
      `aws_iam_role_policy_attachment.elsewhere:12 arn:aws:iam::${ACCOUNT}:policy/shared is a policy this configuration does not define`,
      'aws_iam_role_policy_attachment.empty:16 this configuration gives this policy ARN no value',
    ])
  })

  it('gives a role the policy the configuration defines that an attachment names by its ARN, written out', async () => {
    const policy = (name: string, action: string) =>
      `resource "aws_iam_policy" "${name}" {\n  name   = "team-${name}"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "${action}", Resource = "*" }] })\n}`
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "app" { name = "app" }', // 1
        policy('queue', 'sqs:SendMessage'), // 2-5
        policy('topic', 'sns:Publish'), // 6-9
        'resource "aws_iam_role_policy_attachment" "written" {', // 10
        '  role       = aws_iam_role.app.name',
        `  policy_arn = "arn:aws:iam::${ACCOUNT}:policy/team-topic"`,
        '}',
      ].join('\n'),
    })
    expect(principals[0]?.unresolved).toEqual([])
    expect(
      principals[0]?.policies.map(
        (d) => `${d.file}:${d.statements[0]?.line} ${d.statements[0]?.actions[0]?.value}`,
      ),
    ).toEqual(['infra/main.tf:8 sns:Publish'])
  })

  it('falls back to the plan when the code cannot be followed, and refuses hostile .tf files cleanly', async () => {
    const deep = `locals { x = ${'['.repeat(400)}${']'.repeat(400)} }\n`
    const root = await workspace({
      'infra/main.tf':
        'resource "aws_iam_role" "app" {\n  name = "app"\n}\nresource "aws_iam_role_policy" "app" {\n  role = "app"\n  policy = local.p\n}\n',
      'infra/deep.tf': deep,
      'infra/plan.json': plan([
        role('app'),
        {
          address: 'aws_iam_role_policy.app',
          values: {
            role: 'app',
            policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
            }),
          },
        },
      ]),
    })
    const { principals, problems } = await load(root)
    expect(problems).toEqual(['infra/deep.tf:1:80: nested more than 200 levels deep; not read'])
    expect(principals).toEqual([])
    // Without the hostile file: local.p is not declared, so the plan's policy stands, at the attribute.
    await writeFile(join(root, 'infra', 'deep.tf'), '')
    const fallback = await load(root)
    expect(fallback.problems).toEqual([])
    const doc = fallback.principals[0]?.policies[0]
    expect([doc?.file, doc?.statements[0]?.line, doc?.statements[0]?.actions[0]?.value]).toEqual([
      'infra/main.tf',
      6,
      's3:*',
    ])
  })

  it("reads a dynamic inline_policy whose for_each the code does not say from the plan's inline policies, at the block", async () => {
    const doc = (action: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
      })
    const code = (blocks: number) =>
      [
        'resource "aws_iam_role" "app" {', // 1
        '  name = "app"', // 2
        '  inline_policy {', // 3
        '    name   = "static"', // 4
        '    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "logs:PutLogEvents", Resource = "*" }] })', // 5
        '  }', // 6
        ...Array.from({ length: blocks }, () => [
          '  dynamic "inline_policy" {', // 7, 12
          '    for_each = csvdecode(file("${path.module}/policies.csv"))', // 8
          '    content {', // 9
          '      name   = inline_policy.value.name', // 10
          '      policy = file("${path.module}/${inline_policy.value.file}")', // 11
          '    }',
          '  }',
        ]).flat(),
        '}',
      ].join('\n')
    const values = {
      ...role('app').values,
      inline_policy: [
        { name: 'static', policy: doc('logs:PutLogEvents') },
        { name: 'admin', policy: doc('*') },
        { name: 'queue', policy: doc('sqs:*') },
      ],
    }
    const root = await workspace({
      'infra/main.tf': code(1),
      'infra/plan.json': plan([{ address: 'aws_iam_role.app', values }]),
    })
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    expect(principals[0]?.policies.map((d) => [d.file, d.statements[0]?.line, actions(d)])).toEqual([
      ['infra/main.tf', 5, 'logs:PutLogEvents'],
      ['infra/main.tf', 7, '*'],
      ['infra/main.tf', 7, 'sqs:*'],
    ])
    expect(principals[0]?.unresolved ?? []).toEqual([])
    // Two such blocks: which of the plan's policies is whose is not known, so both stay unresolved.
    await writeFile(join(root, 'infra', 'main.tf'), code(2))
    const two = await load(root)
    expect(two.principals[0]?.policies.map(actions)).toEqual(['logs:PutLogEvents'])
    expect(two.principals[0]?.unresolved?.map((u) => `${u.line} ${u.reason}`)).toEqual([
      '7 its dynamic "inline_policy" block\'s for_each is not known here: the function csvdecode() is not evaluated',
      '14 its dynamic "inline_policy" block\'s for_each is not known here: the function csvdecode() is not evaluated',
    ])
  })

  it('names the file and line of invalid HCL and of a policy that breaks IAM rules, and starts nothing', async () => {
    const root = await workspace({
      'infra/main.tf': [
        'resource "aws_iam_role" "app" { name = "app" }',
        'resource "aws_iam_role_policy" "app" {',
        '  role   = aws_iam_role.app.name',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "allow", Action = "s3:GetObject", Resource = "*" }] })',
        '}',
      ].join('\n'),
      'infra/broken.tf': 'resource "x" "y" {\n  a = [1,\n}\n',
      'infra/plan.json': plan([role('app'), { address: 'aws_iam_role_policy.app', values: { role: 'app' } }]),
    })
    const { problems } = await load(root)
    expect(problems).toEqual([
      'infra/broken.tf:2:7: invalid HCL: this "[" is not closed: expected "]"',
      'infra/main.tf:4:73: aws_iam_role_policy.app: Statement[0]: "Effect": "allow" is not valid; expected "Allow" or "Deny" (case matters)',
    ])
  })

  it('says an HCL bracket, quote or heredoc left open where it opens, not where the text ends', async () => {
    const cases: [string, string][] = [
      [
        'resource "aws_iam_role" "r" {\n  name = "r"\n',
        '1:29: invalid HCL: the block resource "aws_iam_role" "r" is not closed: expected "}" (or a "{", "[" or "(" inside it is the one left open)',
      ],
      // The inner block's "{" is the one left open; the outer block is missing the "}" it took.
      [
        'resource "aws_iam_role" "r" {\n  inline_policy {\n    name = "x"\n}\n',
        '1:29: invalid HCL: the block resource "aws_iam_role" "r" is not closed: expected "}" (or a "{", "[" or "(" inside it is the one left open)',
      ],
      [
        'locals {\n  a = "r\n}\n',
        '2:7: invalid HCL: the quote (") that starts this string is not closed on its line: close it',
      ],
      // Quotes in comments and heredocs are text; an interpolation closes on its line as well.
      [
        'locals {\n  # "quoted\n  /* "also\n  */\n  b = <<EOT\n"x\nEOT\n  a = "${var.x"\n}\n',
        '8:8: invalid HCL: the "${" in this string is not closed on its line: expected "}"',
      ],
      ['locals {\n  a = ["x", "y"\n}\n', '2:7: invalid HCL: this "[" is not closed: expected "]"'],
      ['locals {\n  a = concat(["x"], ["y"]\n}\n', '2:13: invalid HCL: this "(" is not closed: expected ")"'],
      [
        'locals {\n  a = <<EOT\nhello\n}\n',
        '2:7: invalid HCL: the heredoc <<EOT is not closed: expected a line that is "EOT" alone',
      ],
      // A list left open before a block's "}", which the parser reads as an object missing its "{"
      // (cisagov/cool-accounts' assume_role_policy_doc.tf, its "]" taken out).
      [
        'data "aws_iam_policy_document" "d" {\n  statement {\n    principals {\n      identifiers = [\n        "arn:aws:iam::111122223333:root",\n    }\n  }\n}\n',
        '4:21: invalid HCL: this "[" is not closed: expected "]" before the "}" on line 6',
      ],
      // Two attributes of an object on one line without a comma: Terraform refuses it.
      [
        'locals {\n  p = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*" Resource = "*" }] })\n}\n',
        '2:69: invalid HCL: expected "," or a new line before this attribute of the object (Terraform refuses it: "Missing attribute separator")',
      ],
      // A token the parser names, in words.
      [
        'output "arn" {\n  value = one(aws_iam_user.default[*.arn)\n}\n',
        '2:36: invalid HCL: expected a name',
      ],
      [
        'resource "aws_iam_role" "r" {\n  name "r"\n}\n',
        '2:3: invalid HCL: name "r" reads as the start of a block, which needs "{"; an argument needs "=" (name = value)',
      ],
    ]
    for (const [code, problem] of cases) {
      const root = await workspace({ 'infra/main.tf': code }, `  - root: infra\n    account: "${ACCOUNT}"`)
      const { problems } = await load(root)
      expect(problems).toEqual([`infra/main.tf:${problem}`])
    }
  })

  it('names a Sid IAM refuses at the line it is written, in a policy document data source', async () => {
    const root = await workspace({
      'infra/main.tf': [
        'resource "aws_iam_role" "app" { name = "app" }',
        'data "aws_iam_policy_document" "app" {',
        '  statement {',
        '    sid       = "Allow use of the key"',
        '    actions   = ["kms:Decrypt"]',
        '    resources = ["*"]',
        '  }',
        '  statement {',
        '    sid       = "Read${var.suffix}"',
        '    actions   = ["s3:GetObject"]',
        '    resources = ["*"]',
        '  }',
        '}',
        'variable "suffix" { type = string }',
        'resource "aws_iam_role_policy" "app" {',
        '  role   = aws_iam_role.app.name',
        '  policy = data.aws_iam_policy_document.app.json',
        '}',
      ].join('\n'),
      'infra/plan.json': plan([role('app'), { address: 'aws_iam_role_policy.app', values: { role: 'app' } }]),
    })
    expect((await load(root)).problems).toEqual([
      'infra/main.tf:4:17: aws_iam_role_policy.app: Statement[0]: "Sid": "Allow use of the key" is not valid; expected letters and digits only (A-Z, a-z, 0-9), as IAM refuses the policy otherwise: such as "AllowUseOfTheKey"',
    ])
  })

  it('refuses a principals block in a policy a role has, at the block, and reads dynamic ones by their for_each', async () => {
    const statement = (inner: string) => [
      '  statement {',
      '    actions   = ["s3:GetObject"]',
      '    resources = ["arn:aws:s3:::b/*"]',
      inner,
      '  }',
    ]
    const root = await workspace(
      {
        'infra/main.tf': [
          'resource "aws_iam_role" "app" { name = "app" }', // 1
          'variable "none" { default = [] }', // 2
          'variable "some" { default = [{ type = "AWS", identifiers = ["*"] }] }', // 3
          'data "aws_iam_policy_document" "app" {', // 4
          // The provider renders a dynamic block over nothing as no block: no Principal.
          ...statement(
            '    dynamic "principals" {\n      for_each = var.none\n      content {\n        type        = principals.value.type\n        identifiers = principals.value.identifiers\n      }\n    }',
          ), // 5-15
          ...statement(
            '    dynamic "not_principals" {\n      for_each = var.some\n      content {\n        type        = not_principals.value.type\n        identifiers = not_principals.value.identifiers\n      }\n    }',
          ), // 16-26
          ...statement(
            '    principals {\n      type        = "Service"\n      identifiers = ["ec2.amazonaws.com"]\n    }',
          ), // 27-34
          '}',
          'resource "aws_iam_role_policy" "app" {',
          '  role   = aws_iam_role.app.name',
          '  policy = data.aws_iam_policy_document.app.json',
          '}',
          // A trust policy holds principals, and is not read as a policy of the role.
          'data "aws_iam_policy_document" "trust" {',
          ...statement(
            '    principals {\n      type        = "Service"\n      identifiers = ["ec2.amazonaws.com"]\n    }',
          ),
          '}',
        ].join('\n'),
      },
      `  - root: infra\n    account: "${ACCOUNT}"`,
    )
    expect((await load(root)).problems).toEqual([
      'infra/main.tf:21:7: aws_iam_role_policy.app: Statement[1]: unknown key "NotPrincipal"; "NotPrincipal" belongs in resource-based policies, not in the identity policies this action checks',
      'infra/main.tf:30:5: aws_iam_role_policy.app: Statement[2]: unknown key "Principal"; "Principal" belongs in resource-based policies, not in the identity policies this action checks',
    ])
  })

  it('checks that plans exist and roots are directories', async () => {
    const root = await workspace({}, '  - plan: infra/*.json\n    root: nowhere\n    account: 1234')
    // A mistake in the entry does not hide the others: all of them, in the order of their lines.
    expect((await load(root)).problems).toEqual([
      '.github/iam-policy-drift.yml:2: terraform: root: "nowhere" is not a directory in the workspace',
      '.github/iam-policy-drift.yml:2: terraform: plan: "infra/*.json" matches no file in the workspace',
      '.github/iam-policy-drift.yml:4:14: terraform[0].account: 1234 is not valid; expected a 12-digit account id in quotes, such as "111122223333"',
    ])
    const other = await workspace({}, '  - plan: infra/*.json\n    root: nowhere')
    expect((await load(other)).problems).toEqual([
      '.github/iam-policy-drift.yml:2: terraform: root: "nowhere" is not a directory in the workspace',
      '.github/iam-policy-drift.yml:2: terraform: plan: "infra/*.json" matches no file in the workspace',
    ])
  })

  it('takes a list of plan globs, with exclusions (!) of the plans the globs before them match', async () => {
    const root = await workspace(
      {
        'envs/dev/plan.json': plan([role('dev')]),
        'envs/prod/plan.json': plan([role('prod')]),
        // Not a plan (what a half-finished job left): the exclusion is what lets the others be read.
        'envs/legacy/plan.json': '{"@level":"info","@message":"Terraform 1.9.5","type":"version"}\n',
      },
      '  - plan:\n      - "envs/*/plan.json"\n      - "!envs/legacy"',
    )
    const loaded = await load(root)
    expect(loaded.problems).toEqual([])
    expect(loaded.principals.map((p) => p.arn)).toEqual(
      ['dev', 'prod'].map((name) => `arn:aws:iam::${ACCOUNT}:role/${name}`),
    )
    await writeFile(
      join(root, '.github/iam-policy-drift.yml'),
      'terraform:\n  - plan: ["envs/*/plan.json", "!envs/staging/plan.json"]\n',
    )
    expect((await load(root)).problems).toEqual([
      '.github/iam-policy-drift.yml:2: terraform: plan: "!envs/staging/plan.json" excludes no file the globs before it match',
    ])
  })
})

describe("Terraform's JSON syntax (.tf.json), and a root without .tf files", () => {
  /** The line and column of the first `needle` in `text`, 1-based. */
  const place = (text: string, needle: string) => {
    const index = text.indexOf(needle)
    const before = text.slice(0, index)
    return `${before.split('\n').length}:${index - before.lastIndexOf('\n')}`
  }
  // What CDK for Terraform writes: comments under "//", providers as lists, blocks as lists of bodies,
  // templates with quotes inside their interpolations, a provider named by a string.
  const cdktf = JSON.stringify(
    {
      '//': { metadata: { version: '0.20.0', stackName: 'app' } },
      provider: {
        aws: [
          { region: 'us-east-1' },
          {
            alias: 'prod',
            region: 'us-east-1',
            assume_role: [{ role_arn: 'arn:aws:iam::222222222222:role/deploy' }],
          },
        ],
      },
      variable: { bucket: { type: 'string', default: 'assets' }, raw: { default: '${not.a.reference}' } },
      locals: { prefix: 'app-${var.bucket}' },
      data: {
        aws_iam_policy_document: {
          read: {
            statement: [
              { sid: 'Read', actions: ['s3:GetObject', 's3:*'], resources: ['arn:aws:s3:::${var.bucket}/*'] },
              {
                actions: ['sqs:SendMessage'],
                resources: ['*'],
                condition: [{ test: 'StringEquals', variable: 'aws:RequestedRegion', values: ['us-east-1'] }],
              },
            ],
          },
        },
      },
      resource: {
        aws_iam_role: {
          app: { '//': { metadata: { path: 'app/app' } }, name: '${local.prefix}', assume_role_policy: '{}' },
          ops: {
            provider: 'aws.prod',
            name: 'ops-${var.raw}',
            assume_role_policy: '{}',
            inline_policy: [
              {
                name: 'ops',
                policy:
                  '${jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = "ec2:*", Resource = "*"}]})}',
              },
            ],
          },
        },
        aws_iam_role_policy: {
          read: { role: '${aws_iam_role.app.id}', policy: '${data.aws_iam_policy_document.read.json}' },
        },
      },
    },
    null,
    2,
  )

  // A `.tf.json` string's interpolation is HCL: `...` expands a list into arguments there too.
  it("expands a call's last argument written with ... inside a JSON string", async () => {
    const principals = await fromCode({
      'infra/main.tf.json': JSON.stringify({
        locals: { groups: [['s3:GetObject'], ['s3:PutObject', 'sqs:SendMessage']] },
        resource: {
          aws_iam_role: { app: { name: 'app', assume_role_policy: '{}' } },
          aws_iam_role_policy: {
            app: {
              role: '${aws_iam_role.app.id}',
              policy:
                '${jsonencode({Statement = [{Effect = "Allow", Action = concat(local.groups...), Resource = "*"}]})}',
            },
          },
        },
      }),
    })
    expect(principals.map(held)).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/app`, ['s3:GetObject s3:PutObject sqs:SendMessage'], 0],
    ])
  })

  it('is read as the native syntax is: principals, accounts, policies and their lines', async () => {
    const principals = await fromCode({ 'infra/cdk.tf.json': cdktf })
    expect(principals.map((p) => p.arn)).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/app-assets`,
      // A variable's default is a value, never a template: "${not.a.reference}" is its text.
      'arn:aws:iam::222222222222:role/ops-${not.a.reference}',
    ])
    const [app, ops] = principals
    expect(app?.policies.flatMap(where)).toEqual([
      [
        'infra/cdk.tf.json',
        place(cdktf, '{\n            "sid"'),
        `s3:GetObject@${place(cdktf, '"s3:GetObject"')} s3:*@${place(cdktf, '"s3:*"')}`,
        `arn:aws:s3:::assets/*@${place(cdktf, '"arn:aws:s3')}`,
      ],
      [
        'infra/cdk.tf.json',
        place(cdktf, '{\n            "actions": [\n              "sqs'),
        `sqs:SendMessage@${place(cdktf, '"sqs:SendMessage"')}`,
        `*@${place(cdktf, '"*"\n            ],\n            "condition"')}`,
      ],
    ])
    expect(JSON.parse(app?.policies[0]?.statements[1]?.condition?.value ?? 'null')).toEqual({
      StringEquals: { 'aws:RequestedRegion': 'us-east-1' },
    })
    // The inline policy of a role its provider alias makes in another account, written by jsonencode in
    // a string: at that string's line.
    expect(ops?.policies.map((d) => [d.file, actions(d), d.statements[0]?.line])).toEqual([
      ['infra/cdk.tf.json', 'ec2:*', Number(place(cdktf, '"${jsonencode').split(':')[0])],
    ])
  })

  it('sits beside .tf files and in local modules, each resource read once', async () => {
    const module = JSON.stringify({
      variable: { name: { type: 'string' } },
      resource: {
        aws_iam_role: { this: { name: '${var.name}', assume_role_policy: '{}' } },
        aws_iam_role_policy: {
          this: {
            role: '${aws_iam_role.this.name}',
            policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }],
            }),
          },
        },
      },
      output: { arn: { value: '${aws_iam_role.this.arn}' } },
    })
    const principals = await fromCode({
      'infra/main.tf': 'module "app" {\n  source = "./modules/app"\n  name   = "app"\n}\n',
      'infra/users.tf.json': JSON.stringify({ resource: { aws_iam_user: { ci: { name: 'ci' } } } }),
      'infra/modules/app/main.tf.json': module,
    })
    expect(principals.map((p) => [p.arn, p.policies.map(actions)])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:user/ci`, []],
      [`arn:aws:iam::${ACCOUNT}:role/app`, ['sqs:*']],
    ])
    // The call itself in the JSON syntax, as CDK for Terraform writes a TerraformHclModule: its source is
    // a string, a template of one text, not a literal (it was taken as no source, and not followed).
    const called = await fromCode({
      'infra/main.tf.json': JSON.stringify({ module: { app: { source: './modules/app', name: 'app' } } }),
      'infra/modules/app/main.tf.json': module,
    })
    expect(called.map((p) => [p.arn, p.policies.map(actions)])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/app`, ['sqs:*']],
    ])
  })

  it('says which string is not a template, and where, and reads nothing of the root', async () => {
    const text =
      '{\n  "resource": {\n    "aws_iam_user": {\n      "ci": { "name": "ci-${var.env" }\n    }\n  }\n}\n'
    const root = await workspace({ 'infra/main.tf.json': text }, '  - root: infra')
    const { principals, problems } = await load(root)
    expect(principals).toEqual([])
    // Said in the file's terms: nothing of the text the strings are parsed as shows through.
    expect(problems).toEqual([
      'infra/main.tf.json:4:23: "ci-${var.env": a ${ } or %{ } that is not closed, or a %{ } without its end: expected a string, or a template such as "arn:aws:s3:::${var.bucket}/*"',
    ])
    const shapes = await load(
      await workspace({ 'infra/main.tf.json': '{"resource": {"aws_iam_user": ["ci"]}}' }, '  - root: infra'),
    )
    expect(shapes.problems).toEqual([
      'infra/main.tf.json:1:31: "resource"."aws_iam_user": a list is not valid here; expected an object of names',
    ])
    const deep = await load(
      await workspace(
        { 'infra/main.tf.json': `{"locals": {"a": ${'['.repeat(300)}${']'.repeat(300)}}}` },
        '  - root: infra',
      ),
    )
    expect(deep.problems).toEqual([
      expect.stringMatching(/^infra\/main\.tf\.json:1:\d+: nested more than 200 levels deep; not read$/),
    ])
  })

  it("reads what the Wing compiler writes through CDK for Terraform (winglang/wing's snapshot, MIT)", async () => {
    const { REPO_ROOT } = await import('../world/runner.js')
    const { readFile } = await import('node:fs/promises')
    const text = await readFile(
      join(REPO_ROOT, 'test', 'fixtures', 'terraform', 'winglang', 'main.tf.json'),
      'utf8',
    )
    const principals = await fromCode({ 'infra/main.tf.json': text })
    // Roles without a name, each with its inline policy and the managed policy its attachment names
    // through "${aws_iam_role.<name>.name}": three principals, not six.
    expect(principals.map((p) => p.arn)).toEqual(
      [
        'Queue-SetConsumer0_IamRole_7F9ED9ED',
        'q2-SetConsumer0_IamRole_910A96B5',
        'q3-SetConsumer0_IamRole_2934E47C',
      ].map((name) => `arn:aws:iam::${ACCOUNT}:role/\${aws_iam_role.${name}.name}`),
    )
    for (const principal of principals) {
      expect(principal.policies.map((d) => [d.file, d.statements[0]?.line, actions(d)])).toEqual([
        [
          'infra/main.tf.json',
          expect.any(Number),
          // The consumer's queue and counter; the second and third also send to the first queue.
          expect.stringMatching(
            /^sqs:ReceiveMessage sqs:ChangeMessageVisibility sqs:GetQueueUrl sqs:DeleteMessage sqs:GetQueueAttributes dynamodb:UpdateItem( sqs:GetQueueUrl sqs:SendMessage)?$/,
          ),
        ],
        [
          'infra/main.tf.json',
          expect.any(Number),
          'logs:CreateLogGroup logs:CreateLogStream logs:PutLogEvents',
        ],
      ])
      // Each at the line of the string that writes it: the policy, the attachment's policy_arn.
      const [inline, managed] = principal.policies.map((d) => d.statements[0]?.line as number)
      expect(text.split('\n')[(inline as number) - 1]).toMatch(/^\s+"policy": "\{/)
      expect(text.split('\n')[(managed as number) - 1]).toMatch(
        /^\s+"policy_arn": "arn:aws:iam::aws:policy\/service-role\/AWSLambdaBasicExecutionRole"/,
      )
    }
  })

  /** A configuration of one role named `name`, with an inline policy. */
  const roleCode = (name: string) =>
    `resource "aws_iam_role" "app" { name = "${name}" }\n` +
    'resource "aws_iam_role_policy" "app" {\n  role   = aws_iam_role.app.id\n' +
    '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })\n}\n'

  it('takes a glob of roots: each directory it matches with .tf files, once, never through a link out', async () => {
    const root = await workspace(
      {
        'envs/dev/main.tf': roleCode('dev'),
        'envs/prod/main.tf': roleCode('prod'),
        // Passed over: no configuration here, and what terraform init installed.
        'envs/README.md': '# one directory an environment\n',
        'envs/docs/notes.md': '# notes\n',
        'envs/prod/.terraform/modules/x/main.tf': roleCode('installed'),
      },
      `  - root: "envs/*"\n    account: "${ACCOUNT}"`,
    )
    // A symlink back up the tree: under ** it meets every directory again, read once all the same.
    await symlink('..', join(root, 'envs', 'dev', 'up'))
    const arns = async () => (await load(root)).principals.map((p) => [p.arn, p.policies.map((d) => d.file)])
    const expected = [
      [`arn:aws:iam::${ACCOUNT}:role/dev`, ['envs/dev/main.tf']],
      [`arn:aws:iam::${ACCOUNT}:role/prod`, ['envs/prod/main.tf']],
    ]
    expect(await arns()).toEqual(expected)
    await writeFile(
      join(root, '.github/iam-policy-drift.yml'),
      `terraform:\n  - root: "envs/**"\n    account: "${ACCOUNT}"\n`,
    )
    expect(await arns()).toEqual(expected)
    // A link out of the workspace is refused by its name: not walked, nothing beyond it named.
    await symlink('/', join(root, 'envs', 'disk'))
    expect((await load(root)).problems).toEqual([
      '.github/iam-policy-drift.yml:2: terraform: root: "envs/disk" is a symlink that leads outside the workspace; it is not read',
    ])
    // Matching nothing, or no configuration; and a glob beside plan:, which names one configuration.
    const none = await workspace(
      { 'envs/docs/notes.md': '# notes\n' },
      '  - root: "stacks/*"\n  - root: "envs/*"',
    )
    expect((await load(none)).problems).toEqual([
      '.github/iam-policy-drift.yml:2: terraform: root: "stacks/*" matches no directory in the workspace',
      '.github/iam-policy-drift.yml:3: terraform: root: "envs/*" matches a directory, none with a .tf (or .tofu) file; expected directories of Terraform configurations, where terraform plan runs',
    ])
    // A Terragrunt live repository: units, no configuration of their own.
    const unit = 'terraform {\n  source = "git::https://example.com/modules.git//iam?ref=v1"\n}\n'
    const live = await workspace(
      { 'live/dev/iam/terragrunt.hcl': unit, 'live/prod/iam/terragrunt.hcl': unit, 'live/root.hcl': '' },
      '  - root: "live/**"',
    )
    expect((await load(live)).problems).toEqual([
      '.github/iam-policy-drift.yml:2: terraform: root: "live/**" matches 5 directories, none with a .tf (or .tofu) file; expected directories of Terraform configurations, where terraform plan runs; ' +
        '"live/dev/iam/terragrunt.hcl" and the like are Terragrunt units, whose terraform { source } names the module Terragrunt runs: give those modules\' directories as root:, or the JSON of plans Terragrunt made as plan:',
    ])
    // Beside a configuration the glob reads, units are said, for the inputs they give are not read.
    const both = await workspace(
      {
        'live/dev/iam/terragrunt.hcl': unit,
        'modules/iam/main.tf': roleCode('app'),
      },
      '  - root: "**"',
    )
    const { workspace: read, problems } = await loadWorkspace(both, '.github/iam-policy-drift.yml')
    expect(problems).toEqual([])
    expect(read?.principals.map((p) => p.arn)).toEqual(['arn:aws:iam::<account>:role/app'])
    expect(read?.notes.map(formatProblem)).toContain(
      '.github/iam-policy-drift.yml:2: terraform: root: "**": "live/dev/iam/terragrunt.hcl" is a Terragrunt unit: the inputs it gives the module Terragrunt runs are not read here, ' +
        'so a module read here has its own defaults; give the JSON of the plans Terragrunt makes as plan: to check what it deploys',
    )
    const withPlan = await workspace(
      { 'envs/dev/plan.json': '{}' },
      '  - plan: envs/dev/plan.json\n    root: "envs/*"',
    )
    expect((await load(withPlan)).problems).toEqual([
      `.github/iam-policy-drift.yml:2: terraform: root: "envs/*" is a glob; with plan:, root: is the one directory of that plan's configuration (a glob of directories is taken without plan:)`,
    ])
  })

  // terraform/prod and terraform/dev call ../modules/app, which calls ./inner: `terraform/**` matches all
  // four. Read as roots of their own, the modules made a second role of each (`${aws_iam_role.this.name}`,
  // granting on `${var.bucket}`) with every finding twice (cloudposse's terraform-aws-components).
  it('takes a directory of a glob that another of its roots calls as a module as that module, not a root', async () => {
    const app =
      'variable "name" {}\nvariable "bucket" {}\n' +
      'module "inner" {\n  source = "./inner"\n  name   = "${var.name}-inner"\n}\n' +
      'resource "aws_iam_role" "this" { name = var.name }\n' +
      'resource "aws_iam_role_policy" "this" {\n  role   = aws_iam_role.this.id\n' +
      '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::${var.bucket}/*" }] })\n}\n'
    const env = (name: string) =>
      `module "app" {\n  source = "../modules/app"\n  name   = "app-${name}"\n  bucket = "${name}-data"\n}\n`
    const root = await workspace(
      {
        'terraform/prod/main.tf': env('prod'),
        'terraform/dev/main.tf': env('dev'),
        'terraform/modules/app/main.tf': app,
        'terraform/modules/app/inner/main.tf':
          'variable "name" {}\nresource "aws_iam_role" "inner" { name = var.name }\n',
        'terraform/tools/main.tf': roleCode('tools'),
      },
      `  - root: "terraform/**"\n    account: "${ACCOUNT}"`,
    )
    const read = async () => {
      const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
      expect(problems).toEqual([])
      return {
        arns: loaded?.principals.map((p) => p.arn.slice(`arn:aws:iam::${ACCOUNT}:role/`.length)),
        notes: loaded?.notes.map(formatProblem),
      }
    }
    const { arns, notes } = await read()
    expect(arns?.sort()).toEqual(['app-dev', 'app-dev-inner', 'app-prod', 'app-prod-inner', 'tools'])
    expect(notes).toContain(
      '.github/iam-policy-drift.yml:2: terraform: root: "terraform/**": 2 of the directories it matches are modules ' +
        'other roots call ("terraform/modules/app", called by "terraform/dev", …): each is checked through those calls, ' +
        'with the inputs given there, not as a configuration of its own',
    )
    // Named without a wildcard, a module's directory is a root, as asked: alone, or beside its callers.
    await writeFile(
      join(root, '.github/iam-policy-drift.yml'),
      `terraform:\n  - root: ["terraform/modules/app"]\n    account: "${ACCOUNT}"\n`,
    )
    expect((await read()).arns).toEqual(['${aws_iam_role.this.name}', '${var.name}-inner'])
    await writeFile(
      join(root, '.github/iam-policy-drift.yml'),
      `terraform:\n  - root: ["terraform/prod", "terraform/modules/app"]\n    account: "${ACCOUNT}"\n`,
    )
    expect((await read()).arns).toEqual([
      '${aws_iam_role.this.name}',
      '${var.name}-inner',
      'app-prod',
      'app-prod-inner',
    ])
  })

  // A repository whose top directory is a root that calls its own modules (aws-ia's Account Factory for
  // Terraform): `**` missed the top, so its modules were read as roots with none of their inputs, and
  // `root: [".", "examples/*"]` said "." matched no directory.
  it('takes the top directory as a root where named (".") and under "**", which is every directory', async () => {
    const root = await workspace(
      {
        'main.tf': 'module "app" {\n  source = "./modules/app"\n  name   = "top-app"\n}\n',
        'modules/app/main.tf': 'variable "name" {}\nresource "aws_iam_role" "this" { name = var.name }\n',
        'examples/ci/main.tf': roleCode('ci'),
      },
      `  - root: "**"\n    account: "${ACCOUNT}"`,
    )
    const arns = async (roots: string) => {
      await writeFile(
        join(root, '.github/iam-policy-drift.yml'),
        `terraform:\n  - root: ${roots}\n    account: "${ACCOUNT}"\n`,
      )
      const loaded = await load(root)
      expect(loaded.problems).toEqual([])
      return loaded.principals.map((p) => p.arn.slice(`arn:aws:iam::${ACCOUNT}:role/`.length)).sort()
    }
    for (const roots of [
      '"**"',
      '"./**"',
      '"**/"',
      '["examples/*", "."]',
      '[".", "examples/*"]',
      '["./", "examples/ci"]',
    ])
      expect(await arns(roots), roots).toEqual(['ci', 'top-app'])
    // Alone, as before; and not under a glob of one level (`*`), nor of the directories beneath (`*/**`).
    expect(await arns('"."')).toEqual(['top-app'])
    expect(await arns('"*/**"')).toEqual(['${aws_iam_role.this.name}', 'ci'])
  })

  it('takes a list of roots, with exclusions (!) of the directories the globs before them match', async () => {
    const root = await workspace(
      {
        'envs/dev/main.tf': roleCode('dev'),
        'envs/prod/main.tf': roleCode('prod'),
        // Broken: it would stop the run, and is what the exclusion is for.
        'envs/legacy/main.tf': 'resource "aws_iam_role" "old" {\n',
        'envs/legacy/nested/main.tf': roleCode('nested'),
        'tools/ci/main.tf': roleCode('ci'),
      },
      `  - root: ["envs/**", "!envs/legacy", "tools/ci"]\n    account: "${ACCOUNT}"`,
    )
    const loaded = await load(root)
    expect(loaded.problems).toEqual([])
    expect(loaded.principals.map((p) => p.arn)).toEqual(
      ['dev', 'prod', 'ci'].map((name) => `arn:aws:iam::${ACCOUNT}:role/${name}`),
    )
    const problems = async (roots: string) => {
      await writeFile(join(root, '.github/iam-policy-drift.yml'), `terraform:\n  - root: ${roots}\n`)
      return (await load(root)).problems
    }
    // Each at its own line, where the list gives one.
    expect(await problems('\n      - "envs/*"\n      - "!envs/staging"\n      - infra')).toEqual([
      '.github/iam-policy-drift.yml:4: terraform: root: "!envs/staging" excludes no directory the globs before it match',
      '.github/iam-policy-drift.yml:5: terraform: root: "infra" matches no directory in the workspace',
    ])
    // An exclusion with no glob before it to narrow is said, as in policies:, not passed over.
    expect(await problems('["!envs/legacy", "envs/*"]')).toEqual([
      '.github/iam-policy-drift.yml:2: terraform: root: "!envs/legacy" excludes from the globs before it, and there is none: list it after the globs it narrows, such as ["envs/*", "!envs/legacy"]',
    ])
    expect(await problems('["envs/*", "!envs"]')).toEqual([
      '.github/iam-policy-drift.yml:2: terraform: root: the exclusions (!) leave no directory of "envs/*", "!envs"',
    ])
    // Said by the config alone: nothing is read in their stead (the workspace's top was, for ../x).
    expect(await problems('["!envs/legacy"]')).toEqual([
      '.github/iam-policy-drift.yml:2:11: terraform[0].root: "!envs/legacy" only excludes; expected the directories to read first, such as ["envs/*", "!envs/legacy"]',
    ])
    expect(await problems('[envs/dev, ../shared]')).toEqual([
      '.github/iam-policy-drift.yml:2:22: terraform[0].root[1]: "../shared" is not valid; expected a directory inside the workspace, such as infra/prod, or a glob of directories such as envs/*',
    ])
  })

  it('is an error when the root has no Terraform file at all', async () => {
    const empty = await workspace({ 'infra/README.md': '# code in infra/prod' }, '  - root: infra')
    expect((await load(empty)).problems).toEqual([
      '.github/iam-policy-drift.yml:2: terraform: root: "infra" has no .tf (or .tofu) file; expected the directory of a Terraform configuration, where terraform plan runs',
    ])
  })

  // gruntwork-io/terragrunt-infrastructure-live-example: each unit is a terragrunt.hcl whose source is a
  // module in another repository; in a monorepo, one in the same repository.
  it("says where a Terragrunt unit's configuration is, when the root is one", async () => {
    const module = 'resource "aws_iam_role" "app" { name = "app" }\n'
    const unit = (source: string) => `terraform {\n  source = ${source}\n}\ninputs = { name = "app" }\n`
    const root = await workspace(
      {
        'modules/iam/main.tf': module,
        'live/prod/remote/terragrunt.hcl': unit('"git::git@github.com:acme/modules.git//iam?ref=v0.0.1"'),
        'live/prod/relative/terragrunt.hcl': unit('"../../../modules//iam"'),
        'live/prod/repo-root/terragrunt.hcl': unit('"${get_repo_root()}//modules/iam"'),
        'live/prod/missing/terragrunt.hcl': unit('"../../../modules//nothing"'),
        'live/prod/computed/terragrunt.hcl': unit('"${local.base}//iam"'),
      },
      ['remote', 'relative', 'repo-root', 'missing', 'computed']
        .map((u) => `  - root: live/prod/${u}`)
        .join('\n'),
    )
    const said = (await load(root)).problems.map((p) => p.replace(/^.*where terraform plan runs/, ''))
    const generic =
      "; it holds a terragrunt.hcl, whose terraform { source } names the module Terragrunt runs: give that module's " +
      'directory as root:, or the JSON of a plan Terragrunt made as plan:'
    expect(said).toEqual([
      '; it is a Terragrunt unit whose module comes from outside the repository ' +
        '("git::git@github.com:acme/modules.git//iam?ref=v0.0.1", live/prod/remote/terragrunt.hcl:2): give the ' +
        'JSON of a plan Terragrunt made as plan:',
      '; it is a Terragrunt unit, and its module (live/prod/relative/terragrunt.hcl:2) is "modules/iam": give that directory as root:',
      '; it is a Terragrunt unit, and its module (live/prod/repo-root/terragrunt.hcl:2) is "modules/iam": give that directory as root:',
      generic,
      generic,
    ])
  })

  it('reads no terragrunt.hcl that leads out of the workspace', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'ipd-tg-outside-'))
    await writeFile(join(outside, 'terragrunt.hcl'), 'terraform {\n  source = "../secret-name"\n}\n')
    const root = await workspace({}, '  - root: unit')
    await mkdir(join(root, 'unit'))
    await symlink(join(outside, 'terragrunt.hcl'), join(root, 'unit', 'terragrunt.hcl'))
    const [problem] = (await load(root)).problems
    expect(problem).toMatch(/it holds a terragrunt\.hcl, whose terraform \{ source \} names the module/)
    expect(problem).not.toContain('secret-name')
  })

  it('is refused, unread, when it is a symlink out of the workspace', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'ipd-tf-outside-'))
    await writeFile(join(outside, 'secret-name.tf.json'), '{}')
    const root = await workspace({}, '  - root: infra')
    await symlink(outside, join(root, 'infra'))
    expect((await load(root)).problems).toEqual([
      '.github/iam-policy-drift.yml:2: terraform: root: "infra" is a symlink that leads outside the workspace; it is not read',
    ])
    // Beside a plan, too: the plan is read only once the entry is right.
    await writeFile(join(root, 'plan.json'), plan([role('app')]))
    const withPlan = join(root, '.github', 'iam-policy-drift.yml')
    await writeFile(withPlan, 'terraform:\n  - plan: plan.json\n    root: infra\n')
    expect((await load(root)).problems).toEqual([
      '.github/iam-policy-drift.yml:2: terraform: root: "infra" is a symlink that leads outside the workspace; it is not read',
    ])
  })

  it('links a role named by "${aws_iam_role.app.name}", the syntax before Terraform 0.12, as a bare reference', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "app-1" {',
        '  assume_role_policy = "{}"',
        '}',
        'resource "aws_iam_role_policy" "p" {',
        '  role   = "${aws_iam_role.app-1.name}"',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:*", Resource = "*" }] })',
        '}',
      ].join('\n'),
    })
    // One role, with its policy: not a second principal made of the policy's unknown `role`.
    expect(principals.map((p) => [p.arn, p.policies.map(actions)])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/\${aws_iam_role.app-1.name}`, ['sqs:*']],
    ])
  })
})

describe('public plans (terraform-compliance, MIT)', () => {
  const dir = 'test/fixtures/terraform/public'
  it.each([
    [
      'test_issue-249.plan.json',
      4,
      'arn:aws:iam::123456789012:role/myapp-sandbox-instance-role-terraform',
      [5, 8],
    ],
    [
      'test_issue_522.plan.json',
      1,
      'arn:aws:iam::553479592532:role/terraform-20210620041514555500000001',
      [],
    ],
    ['actions_for_each_and_modules.plan.json', 2, 'arn:aws:iam::<account>:role/1234', []],
    ['test_issue-227.plan.json', 1, 'arn:aws:iam::<account>:role/${module.test.aws_iam_role.task.name}', []],
    [
      // Its policy_arn (`aws_iam_policy.default[count.index].arn`) is known after apply: the plan's
      // configuration names the policy, of the same count index.
      'test_non_created_module_resource_parameter.plan.json',
      1,
      'arn:aws:iam::740863752284:role/cc-testapi-logs-eu-west-1',
      [1],
    ],
  ])('%s: %i principals, all read without a problem', async (file, count, arn, statements) => {
    const { REPO_ROOT } = await import('../world/runner.js')
    const { readFile } = await import('node:fs/promises')
    const { discoverFromPlan } = await import('../../src/sources/terraform/discover.js')
    const { TfCode } = await import('../../src/sources/terraform/modules.js')
    const { loadManagedPolicies } = await import('../../src/catalog/managed-policies.js')
    const { plan, problems } = readPlan(`${dir}/${file}`, await readFile(join(REPO_ROOT, dir, file), 'utf8'))
    expect(problems).toEqual([])
    if (!plan) throw new Error('no plan')
    const found = await discoverFromPlan(plan, new TfCode(REPO_ROOT, dir, []), {
      managedPolicies: loadManagedPolicies,
    })
    expect(found.problems).toEqual([])
    expect(found.principals).toHaveLength(count)
    const principal = found.principals.find((p) => p.arn === arn)
    expect(principal?.policies.map((d) => d.statements.length)).toEqual(statements)
    // Blanked values are unresolved, never guessed and never an error.
    if (file === 'test_issue_522.plan.json')
      expect(principal?.unresolved?.map((u) => u.reason)).toContain('the plan gives this policy no text')
  })
})

describe('a public plan whose boundary a module creates (androzo/aws-validation, MIT)', () => {
  it("applies the boundary the module's output names, and checks nothing it blocks", async () => {
    const { REPO_ROOT } = await import('../world/runner.js')
    const { cp } = await import('node:fs/promises')
    const root = await workspace({}, '  - plan: infra/plan.json')
    await mkdir(join(root, 'infra'))
    await cp(
      join(REPO_ROOT, 'test/fixtures/terraform/androzo/boundary-module.plan.json'),
      join(root, 'infra/plan.json'),
    )
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    expect(principals.map((p) => [p.arn, p.policies.map(actions), p.unresolved?.length ?? 0])).toEqual([
      ['arn:aws:iam::<account>:role/deployment-roles/team-anders-deployment-role', ['s3:* s3:ListBucket'], 0],
    ])
    const boundary = principals[0]?.boundary
    expect(boundary && [actions(boundary), boundary.source]).toEqual([
      '* iam:Delete* iam:UpdateAssumeRolePolicy iam:PutRolePermissionsBoundary organizations:* account:* iam:PassRole',
      expect.objectContaining({ address: 'module.iam_permission_boundary.aws_iam_policy.boundary' }),
    ])
    // The report names it, at the plan's line of the policy's text.
    expect(boundaryPlaceOf(principals[0] as DiscoveredPrincipal)).toEqual({
      file: 'infra/plan.json',
      line: 98,
      arn: 'arn:aws:iam::<account>:policy/permission-boundaries/team-anders-deployment-permission-boundary',
    })
    // The boundary only denies (its author's "Deny * unless tagged team-anders" reads as a limit, but a
    // boundary caps at what it allows), so it allows nothing: the role's s3:* is no wildcard problem, as
    // SPEC has it for what a boundary blocks (before, the boundary was dropped and s3:* was reported);
    // that the role can do nothing is said once, where the boundary is.
    const catalog = loadCatalog()
    const findings = analyse(principals, [], catalog).findings
    expect(findings.map((f) => [f.kind, f.file, f.line, f.actions.length, f.suggestion])).toEqual([
      [
        'ineffective-grant',
        'infra/plan.json',
        98,
        catalog.expand('s3:*').length,
        '{ "Effect": "Allow", "Action": "*", "Resource": "*" }',
      ],
    ])
    expect(findings[0]?.message).toMatch(
      /^The permissions boundary policy\/permission-boundaries\/team-anders-deployment-permission-boundary has no Allow statement/,
    )
  })
})

describe('groups and policies no principal of the code has', () => {
  /** A workspace whose config names one of checkov's plans (Apache-2.0) as infra/plan.json. */
  async function checkovPlan(name: string): Promise<string> {
    const { REPO_ROOT } = await import('../world/runner.js')
    const { cp } = await import('node:fs/promises')
    const root = await workspace({}, '  - plan: infra/plan.json')
    await mkdir(join(root, 'infra'))
    await cp(
      join(REPO_ROOT, `test/fixtures/terraform/checkov/${name}.plan.json`),
      join(root, 'infra/plan.json'),
    )
    return root
  }

  it("checks a group no user here is in, and a policy nobody has, as principals of their own (checkov's plan, Apache-2.0)", async () => {
    const root = await checkovPlan('plan_with_iam_policies')
    const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    expect(problems).toEqual([])
    const principals = loaded?.principals ?? []
    // aws_iam_group.fail_2 has an inline policy and no member in the plan: what it grants is checked.
    expect(principals.map((p) => [p.arn, p.lifecycle])).toEqual([
      ['arn:aws:iam::<account>:group/example', 'new'],
      ['arn:aws:iam::<account>:role/${aws_iam_role.example.name}', 'new'],
      ['arn:aws:iam::<account>:user/example', 'new'],
      // aws_iam_policy.policy_pass is attached to nothing here: checked as written, on its own.
      ['arn:aws:iam::<account>:policy/policy_pass', 'new'],
    ])
    expect(principals[0]?.policies.map(actions)).toEqual(['s3:Get* iam:*'])
    const { findings } = analyse(principals, [], loadCatalog())
    expect(
      findings.filter((f) => f.principal.endsWith(':group/example')).map((f) => `${f.kind} ${f.line}`),
    ).toEqual(expect.arrayContaining(['privilege-escalation 21', 'wildcard-action 21']))
    expect(loaded?.notes).toEqual([])
    expect(principals[3]?.source).toMatchObject({ kind: 'terraform', address: 'aws_iam_policy.policy_pass' })
    expect(principals[3]?.policies.map(actions)).toEqual(['s3:*'])
  })

  // checkov's plan_tags (Terraform 0.12.23): its planned_values were trimmed to one resource, and the
  // IAM it creates is in resource_changes alone. It gave no principal, and said nothing.
  it('reads what a plan creates from resource_changes when planned_values leaves it out', async () => {
    const { principals, problems } = await load(await checkovPlan('plan_tags'))
    expect(problems).toEqual([])
    expect(principals.map((p) => [p.arn, p.lifecycle, p.policies.length])).toEqual([
      ['arn:aws:iam::123456789123:role/123456789123-acme-corp-role', 'new', 1],
      ['arn:aws:iam::123456789123:role/123456789123-acme-corp-iam-for-eks', 'new', 2],
      ['arn:aws:iam::123456789123:role/123456789123-acme-corp-analysis-lambda', 'new', 0],
      ['arn:aws:iam::123456789123:user/123456789123-acme-corp-user', 'new', 1],
    ])
    expect(principals[3]?.policies.map(actions)).toEqual(['ec2:* s3:* lambda:* cloudwatch:*'])
  })

  // The documented format, written by hand with resource_changes alone: each resource's "after" is what
  // it will be, and its "before" whether it exists. It was refused as "not a Terraform plan". A document
  // given as an object, not as Terraform's JSON text, was "known only after apply".
  it('reads a plan that gives its resources in resource_changes alone', async () => {
    const document = (action: string) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
    })
    const policy = (action: string) => JSON.stringify(document(action))
    const change = (address: string, actions: string[], before: object | null, after: object | null) => {
      const [type, name] = address.split('.')
      return { address, mode: 'managed', type, name, change: { actions, before, after, after_unknown: {} } }
    }
    const kept = { name: 'kept', path: '/', arn: `arn:aws:iam::${ACCOUNT}:role/kept` }
    const root = await workspace(
      {
        'infra/plan.json': JSON.stringify({
          format_version: '1.2',
          resource_changes: [
            change('aws_iam_role.app', ['create'], null, {
              name: 'app',
              path: '/',
              inline_policy: [{ name: 'pass', policy: document('iam:PassRole') }],
            }),
            change('aws_iam_role_policy.app', ['create'], null, { role: 'app', policy: document('s3:*') }),
            change('aws_iam_role.kept', ['no-op'], kept, kept),
            change(
              'aws_iam_role_policy.kept',
              ['update'],
              { role: 'kept', policy: policy('sqs:*') },
              {
                role: 'kept',
                policy: policy('sqs:SendMessage'),
              },
            ),
            change('aws_iam_role.gone', ['delete'], { name: 'gone', path: '/' }, null),
            change('aws_iam_role_policy.gone', ['delete'], { role: 'gone', policy: policy('*') }, null),
          ],
        }),
      },
      `  - plan: infra/plan.json\n    account: "${ACCOUNT}"`,
    )
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    expect(principals.map((p) => [p.arn, p.lifecycle, p.policies.map(actions)])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/app`, 'new', ['iam:PassRole', 's3:*']],
      [`arn:aws:iam::${ACCOUNT}:role/kept`, 'exists', ['sqs:SendMessage']],
    ])
  })

  // A real plan keeps what it destroys in prior_state: a pull request that deletes a role of `*` was
  // checked as if the role stayed, and failed on the permissions it takes away.
  it('leaves out what the plan destroys or forgets, which prior_state still holds, and says so', async () => {
    const policy = policyJson
    const resource = planResource
    const role = (name: string) => existingRole(ACCOUNT, name)
    const prior = [
      resource('aws_iam_role.gone', role('gone')),
      resource('aws_iam_role_policy.gone', { role: 'gone', name: 'all', policy: policy('*') }),
      resource('aws_iam_role.kept', role('kept')),
      resource('aws_iam_role_policy.kept', { role: 'kept', name: 'read', policy: policy('s3:GetObject') }),
      resource('aws_iam_role_policy.dropped', { role: 'kept', name: 'admin', policy: policy('iam:*') }),
      resource('aws_iam_role_policy.replaced', { role: 'kept', name: 'queue', policy: policy('sqs:*') }),
      resource('aws_iam_role.forgotten', role('forgotten')),
      resource('aws_iam_role_policy.forgotten', { role: 'forgotten', name: 'x', policy: policy('ec2:*') }),
      // What a create_before_destroy replacement left: written after the instance, at its address.
      {
        ...resource('aws_iam_role_policy.kept', { role: 'kept', name: 'read', policy: policy('kms:*') }),
        deposed_key: '00000001',
      },
    ]
    const change = (address: string, actions: string[], after: object | null) => {
      const [type, name] = address.split('.')
      const before = prior.find((r) => r.address === address)?.values ?? null
      return { address, mode: 'managed', type, name, change: { actions, before, after, after_unknown: {} } }
    }
    const replacement = { role: 'kept', name: 'queue', policy: policy('sqs:SendMessage') }
    // As Terraform writes it, and as a plan trimmed to resource_changes and prior_state has it.
    for (const trimmed of [false, true]) {
      const root = await workspace(
        {
          'infra/plan.json': JSON.stringify(
            {
              format_version: '1.2',
              planned_values: trimmed
                ? undefined
                : {
                    root_module: {
                      resources: [
                        resource('aws_iam_role.kept', role('kept')),
                        prior[3],
                        resource('aws_iam_role_policy.replaced', replacement),
                      ],
                    },
                  },
              resource_changes: [
                change('aws_iam_role.gone', ['delete'], null),
                change('aws_iam_role_policy.gone', ['delete'], null),
                change('aws_iam_role.kept', ['no-op'], role('kept')),
                // The kept policy has no entry of its own here: only its deposed object's deletion, which
                // must neither take the policy away nor stand in for it.
                change('aws_iam_role_policy.dropped', ['delete'], null),
                change('aws_iam_role_policy.replaced', ['delete', 'create'], replacement),
                change('aws_iam_role.forgotten', ['forget'], null),
                change('aws_iam_role_policy.forgotten', ['forget'], null),
                { ...change('aws_iam_role_policy.kept', ['delete'], null), deposed: '00000001' },
              ],
              prior_state: { format_version: '1.0', values: { root_module: { resources: prior } } },
            },
            null,
            1,
          ),
        },
        `  - plan: infra/plan.json\n    account: "${ACCOUNT}"`,
      )
      const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
      expect(problems).toEqual([])
      // In either order: trimmed, what only prior_state holds comes after what the changes give.
      expect(loaded?.principals.map((p) => [p.arn, p.lifecycle, p.policies.map(actions).sort()])).toEqual([
        [`arn:aws:iam::${ACCOUNT}:role/kept`, 'exists', ['s3:GetObject', 'sqs:SendMessage']],
      ])
      expect(loaded?.notes.map(formatProblem)).toEqual([
        expect.stringMatching(
          /^infra\/plan\.json:\d+:\d+: this plan destroys or stops managing 5 IAM resources \(aws_iam_role\.gone, aws_iam_role_policy\.gone, aws_iam_role_policy\.dropped, … \(2 more\)\): after the apply this configuration grants nothing through them, so they are not checked$/,
        ),
      ])
    }
  })

  // An import block takes over a role that exists: it is in no prior_state yet, and was read as new,
  // so its usage was never asked for.
  it('takes a resource an import block brings in as existing, as a created one is new', async () => {
    const resource = planResource
    const role = (name: string) => existingRole(ACCOUNT, name)
    const principals = await fromPlanText(
      JSON.stringify({
        format_version: '1.2',
        planned_values: {
          root_module: {
            resources: [
              resource('aws_iam_role.legacy', role('legacy')),
              resource('aws_iam_role.fresh', { name: 'fresh', path: '/' }),
            ],
          },
        },
        resource_changes: [
          {
            ...resource('aws_iam_role.legacy', {}),
            change: {
              actions: ['no-op'],
              before: role('legacy'),
              after: role('legacy'),
              after_unknown: {},
              importing: { id: 'legacy' },
            },
          },
          {
            ...resource('aws_iam_role.fresh', {}),
            change: {
              actions: ['create'],
              before: null,
              after: { name: 'fresh', path: '/' },
              after_unknown: { arn: true },
            },
          },
        ],
      }),
    )
    expect(principals.map((p) => [p.arn, p.lifecycle])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/legacy`, 'exists'],
      [`arn:aws:iam::${ACCOUNT}:role/fresh`, 'new'],
    ])
  })

  // fugue/regula's tests: `users = [""]`, a name IAM refuses, was said to be known only after apply.
  // A sample's `"<lambda-role-name>"` left in was a role of that name, whose generation AWS refuses.
  it('says an attachment names an empty user or a role IAM refuses, not one known only after apply', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_policy" "p" {', // 1
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })', // 2
        '}', // 3
        'resource "aws_iam_policy_attachment" "a" {', // 4
        '  name       = "a"', // 5
        '  users      = [""]', // 6
        '  policy_arn = aws_iam_policy.p.arn', // 7
        '}', // 8
        'resource "aws_iam_role_policy_attachment" "b" {', // 9
        '  role       = "<lambda-role-name>"', // 10
        '  policy_arn = aws_iam_policy.p.arn', // 11
        '}', // 12
      ].join('\n'),
    })
    expect(principals.map((p) => [p.arn, p.lifecycle, p.unresolved?.map((u) => u.reason)])).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:user/\${aws_iam_policy_attachment.a.users}`,
        'unknown',
        [`it names a user "" (an empty name, which IAM refuses); expected the user's name`],
      ],
      [
        `arn:aws:iam::${ACCOUNT}:role/\${aws_iam_role_policy_attachment.b.role}`,
        'unknown',
        [`it names a role "<lambda-role-name>" (not a name, which IAM refuses); expected the role's name`],
      ],
    ])
  })

  // ministryofjustice/modernisation-platform-environments (digital-prison-reporting): policies named
  // "${local.project}-…", attached by ARNs written out with the same local, whose value is not known here.
  it('attaches a policy by the ARN its name makes, a value not known here in both alike', async () => {
    const code = (twice: boolean) => ({
      'infra/main.tf': [
        'variable "project" { type = string }', // 1
        'resource "aws_iam_policy" "writer" {', // 2
        '  name   = "${var.project}-writer"', // 3
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "*" }] })', // 4
        '}', // 5
        // The same name made again (another module's, say): which one the ARN names is not known.
        ...(twice
          ? [
              'resource "aws_iam_policy" "other" {',
              '  name   = "${var.project}-writer"',
              '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })',
              '}',
            ]
          : []),
        'resource "aws_iam_role" "app" {',
        '  name               = "app"',
        '  assume_role_policy = "{}"',
        '}',
        'resource "aws_iam_role_policy_attachment" "writer" {',
        '  role       = aws_iam_role.app.name',
        `  policy_arn = "arn:aws:iam::${ACCOUNT}:policy/\${var.project}-writer"`,
        '}',
      ].join('\n'),
    })
    const app = (principals: Awaited<ReturnType<typeof fromCode>>) => {
      const role = principals.find((p) => p.arn.endsWith(':role/app'))
      return [role?.policies.map(actions), role?.unresolved?.map((u) => u.reason)]
    }
    expect(app(await fromCode(code(false)))).toEqual([['s3:PutObject'], []])
    expect(app(await fromCode(code(true)))).toEqual([
      [],
      [
        `arn:aws:iam::${ACCOUNT}:policy/\${var.project}-writer is the ARN of more than one policy of this configuration, by names that hold a value not known here`,
      ],
    ])
  })

  // plus3it/terraform-aws-tardigrade-iam-principals: a boundary and a policy named by the ARN made with
  // data.aws_caller_identity's account, which without account: is not known here, as the policies' own is not.
  it("finds a policy of the configuration by an ARN that names data.aws_caller_identity's account", async () => {
    const code = {
      'infra/main.tf': [
        'data "aws_caller_identity" "current" {}',
        'variable "suffix" { type = string }',
        'locals { base = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:policy" }',
        'resource "aws_iam_policy" "boundary" {',
        '  name   = "boundary-${var.suffix}"',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })',
        '}',
        'resource "aws_iam_policy" "reader" {',
        '  name   = "reader-${var.suffix}"',
        '  path   = "/team/"',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })',
        '}',
        'resource "aws_iam_role" "app" {',
        '  name                 = "app"',
        '  assume_role_policy   = "{}"',
        '  permissions_boundary = "${local.base}/boundary-${var.suffix}"',
        '}',
        'resource "aws_iam_role_policy_attachment" "reader" {',
        '  role       = aws_iam_role.app.name',
        '  policy_arn = "${local.base}/team/reader-${var.suffix}"',
        '}',
      ].join('\n'),
    }
    const { principals, problems } = await load(await workspace(code, '  - root: infra'))
    expect(problems).toEqual([])
    const app = principals.find((p) => p.arn === 'arn:aws:iam::<account>:role/app')
    expect([app?.policies.map(actions), app?.boundary && actions(app.boundary), app?.unresolved]).toEqual([
      ['s3:GetObject'],
      's3:*',
      [],
    ])
  })

  // alphagov/govuk-aws: `roles = ["${var.additional_policy_attachment_roles}"]`, Terraform 0.11's way
  // to write a list, whose default is []: it made a role "known only after apply" that got the policy.
  it("reads a list written in a list, Terraform 0.11's way, as its names", async () => {
    const code = (roles: string) => ({
      'infra/main.tf': [
        `variable "roles" { default = ${roles} }`, // 1
        'resource "aws_iam_policy" "p" {', // 2
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })', // 3
        '}', // 4
        'resource "aws_iam_user" "u" { name = "uploader" }', // 5
        'resource "aws_iam_policy_attachment" "a" {', // 6
        '  name       = "a"', // 7
        '  users      = ["${aws_iam_user.u.name}"]', // 8
        '  roles      = ["${var.roles}"]', // 9
        '  policy_arn = aws_iam_policy.p.arn', // 10
        '}', // 11
      ].join('\n'),
    })
    const attached = (principals: Awaited<ReturnType<typeof fromCode>>) =>
      principals.map((p) => [p.arn, p.policies.map(actions)])
    expect(attached(await fromCode(code('[]')))).toEqual([
      [`arn:aws:iam::${ACCOUNT}:user/uploader`, ['s3:GetObject']],
    ])
    expect(attached(await fromCode(code('["app", "worker"]')))).toEqual([
      [`arn:aws:iam::${ACCOUNT}:user/uploader`, ['s3:GetObject']],
      [`arn:aws:iam::${ACCOUNT}:role/app`, ['s3:GetObject']],
      [`arn:aws:iam::${ACCOUNT}:role/worker`, ['s3:GetObject']],
    ])
  })

  // A block Terraform refuses (`roles` for `role`, `policy` for `policy_arn`) was said to hold values
  // known only after apply, as if the plan would tell.
  it('names a required argument the code leaves out, and what it sets instead', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "app" {', // 1
        '  name               = "app"', // 2
        '  assume_role_policy = "{}"', // 3
        '}', // 4
        'resource "aws_iam_role_policy_attachment" "a" {', // 5
        '  roles      = aws_iam_role.app.name', // 6
        '  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"', // 7
        '}', // 8
        'resource "aws_iam_role_policy_attachment" "b" {', // 9
        '  role   = aws_iam_role.app.name', // 10
        '  policy = "arn:aws:iam::aws:policy/AdministratorAccess"', // 11
        '}', // 12
        'resource "aws_iam_role_policy" "c" {', // 13
        '  count = 1', // 14
        '  role  = aws_iam_role.app.name', // 15
        '}', // 16
      ].join('\n'),
    })
    const validate = '`terraform validate` refuses it'
    expect(principals.map((p) => [p.arn, p.unresolved?.map((u) => `${u.line} ${u.reason}`)])).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:role/app`,
        [
          `9 it has no \`policy_arn\`, which aws_iam_role_policy_attachment requires, but sets \`policy\`, which that type does not take: ${validate}`,
          `13 it has no \`policy\`, which aws_iam_role_policy requires: ${validate}`,
        ],
      ],
      [
        `arn:aws:iam::${ACCOUNT}:role/\${aws_iam_role_policy_attachment.a.role}`,
        [
          `5 the role it applies to is not known here: it has no \`role\`, which aws_iam_role_policy_attachment requires, but sets \`roles\`, which that type does not take: ${validate}`,
        ],
      ],
    ])
  })

  // cisagov/cool-accounts: a statement's resources made from a variable that is `[]` by default, its
  // values in a tfvars file the repository does not hold, stopped the whole run as an error in the code.
  it('leaves a statement whose list the values at hand make empty unresolved, and refuses one written empty', async () => {
    const files = (resources: string) => ({
      'infra/main.tf': [
        'variable "projects" {', // 1
        '  type    = list(string)', // 2
        '  default = []', // 3
        '}', // 4
        'data "aws_iam_policy_document" "state" {', // 5
        '  statement {', // 6
        '    actions   = ["s3:ListBucket"]', // 7
        '    resources = ["arn:aws:s3:::state"]', // 8
        '  }', // 9
        '  statement {', // 10
        '    actions   = ["s3:GetObject"]', // 11
        `    resources = ${resources}`, // 12
        '  }', // 13
        '}', // 14
        'resource "aws_iam_role" "backend" {', // 15
        '  name               = "backend"', // 16
        '  assume_role_policy = "{}"', // 17
        '}', // 18
        'resource "aws_iam_role_policy" "state" {', // 19
        '  role   = aws_iam_role.backend.name', // 20
        '  policy = data.aws_iam_policy_document.state.json', // 21
        '}', // 22
      ].join('\n'),
    })
    const principals = await fromCode(files('[for p in var.projects : "arn:aws:s3:::state/env:/*/${p}/*"]'))
    expect(
      principals.map((p) => [
        p.arn,
        p.policies.length,
        p.unresolved?.map((u) => `${u.line}:${u.column} ${u.reason}`),
      ]),
    ).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:role/backend`,
        0,
        [
          '12:17 Statement[1]: "Resource" comes out empty with the values the code has here (variable defaults, terraform.tfvars): ' +
            'AWS refuses such a statement, so the deployment gives others; set them in a .auto.tfvars file, or read a plan',
        ],
      ],
    ])
    // Given values, the statement is read with them.
    const root = await workspace(
      {
        ...files('[for p in var.projects : "arn:aws:s3:::state/env:/*/${p}/*"]'),
        'infra/terraform.tfvars': 'projects = ["pca"]\n',
      },
      `  - root: infra\n    account: "${ACCOUNT}"`,
    )
    const given = await load(root)
    expect(given.problems).toEqual([])
    expect(
      given.principals[0]?.policies.flatMap((d) =>
        d.statements.flatMap((s) => s.resources.map((e) => e.value)),
      ),
    ).toEqual(['arn:aws:s3:::state', 'arn:aws:s3:::state/env:/*/pca/*'])
    // alphagov/govuk-aws: the variable itself, `[]` by default, is the list.
    const variable = await fromCode(files('var.projects'))
    expect(variable.flatMap((p) => p.unresolved?.map((u) => `${u.file}:${u.line}:${u.column}`))).toEqual([
      'infra/main.tf:3:13',
    ])
    // Written empty, it is the code's mistake.
    const written = await load(await workspace(files('[ ]'), `  - root: infra\n    account: "${ACCOUNT}"`))
    expect(written.problems).toEqual([
      'infra/main.tf:12:17: aws_iam_role_policy.state: Statement[1]: "Resource" is empty; expected at least one entry',
    ])
  })

  // ministryofjustice/opg-terraform-aws-account's github_oidc_roles module: a document made only of the
  // documents a variable (`[]` by default) gives stopped the whole run as an error in the code.
  it('leaves a document whose statements the values at hand make empty unresolved, and refuses one written empty', async () => {
    const files = (document: string) => ({
      'infra/main.tf': [
        'variable "documents" {', // 1
        '  type    = list(string)', // 2
        '  default = []', // 3
        '}', // 4
        document, // 5
        'resource "aws_iam_role" "ci" {', // 6
        '  name               = "ci"', // 7
        '  assume_role_policy = "{}"', // 8
        '}', // 9
        'resource "aws_iam_role_policy" "ci" {', // 10
        '  role   = aws_iam_role.ci.name', // 11
        '  policy = local.policy', // 12
        '}', // 13
      ].join('\n'),
    })
    const merged = await fromCode(
      files(
        'data "aws_iam_policy_document" "all" { source_policy_documents = var.documents }\nlocals { policy = data.aws_iam_policy_document.all.json }',
      ),
    )
    expect(merged.map((p) => [p.policies.length, p.unresolved?.map((u) => `${u.line} ${u.reason}`)])).toEqual(
      [
        [
          0,
          [
            '5 "Statement" comes out empty with the values the code has here (variable defaults, terraform.tfvars): ' +
              'AWS refuses such a policy, so the deployment gives others; set them in a .auto.tfvars file, or read a plan',
          ],
        ],
      ],
    )
    const variable = await fromCode(
      files('locals { policy = jsonencode({ Version = "2012-10-17", Statement = var.documents }) }'),
    )
    expect(variable.flatMap((p) => p.unresolved?.map((u) => `${u.line}:${u.column}`))).toEqual(['3:13'])
    const written = await load(
      await workspace(
        files('locals { policy = jsonencode({ Version = "2012-10-17", Statement = [] }) }'),
        `  - root: infra\n    account: "${ACCOUNT}"`,
      ),
    )
    expect(written.problems).toEqual([
      'infra/main.tf:5:68: aws_iam_role_policy.ci: "Statement" is empty; expected at least one statement',
    ])
  })

  // cisagov/cool-accounts: users made for each name of a variable the repository gives no value, each
  // put in a group by a membership for each of the same names.
  it('puts in the group the one instance of a for_each not known here, which a key not known here picks', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'variable "names" { type = list(string) }', // 1
        'resource "aws_iam_group" "gods" { name = "gods" }', // 2
        'resource "aws_iam_user" "gods" {', // 3
        '  for_each = toset(var.names)', // 4
        '  name     = each.key', // 5
        '}', // 6
        'resource "aws_iam_user_group_membership" "gods" {', // 7
        '  for_each = toset(var.names)', // 8
        '  user     = aws_iam_user.gods[each.key].name', // 9
        '  groups   = [aws_iam_group.gods.name]', // 10
        '}', // 11
      ].join('\n'),
    })
    // The users' one instance stands for each, as the key that picks it is not known either: a member.
    expect(principals.map((p) => [p.arn, p.groups, p.unresolved ?? []])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:user/\${aws_iam_user.gods.name}`, [`arn:aws:iam::${ACCOUNT}:group/gods`], []],
    ])
  })

  // alphagov/govwifi-terraform: `Resource` written twice in one statement of a jsonencode().
  it('reads an object key written twice as HCL does, the last value alone', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "replication" {', // 1
        '  name               = "replication"', // 2
        '  assume_role_policy = "{}"', // 3
        '}', // 4
        'resource "aws_iam_role_policy" "replication" {', // 5
        '  role = aws_iam_role.replication.name', // 6
        '  policy = jsonencode({', // 7
        '    Version = "2012-10-17",', // 8
        '    Statement = [{', // 9
        '      Effect   = "Allow",', // 10
        '      Action   = ["s3:ListBucket"],', // 11
        '      Resource = "${aws_s3_bucket_versioning.certs.id}"', // 12
        '      Resource = ["arn:aws:s3:::certs-london", "arn:aws:s3:::certs-dublin"]', // 13
        '    }]', // 14
        '  })', // 15
        '}', // 16
      ].join('\n'),
    })
    expect(principals.map((p) => [p.arn, p.policies.flatMap(where)])).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:role/replication`,
        [
          [
            'infra/main.tf',
            '9:18',
            's3:ListBucket@11:19',
            'arn:aws:s3:::certs-london@13:19 arn:aws:s3:::certs-dublin@13:48',
          ],
        ],
      ],
    ])
  })

  // alphagov/govuk-aws: policies from `data "template_file"`, the template provider's way before
  // templatefile(), were left to a plan.
  it('renders a data "template_file" as templatefile() renders, at the template\'s lines', async () => {
    const principals = await fromCode({
      'infra/writer.json.tpl': [
        '{', // 1
        '  "Version": "2012-10-17",', // 2
        '  "Statement": [{', // 3
        '    "Effect": "Allow",', // 4
        '    "Action": ["s3:PutObject"],', // 5
        '    "Resource": "arn:aws:s3:::${bucket}/*"', // 6
        '  }]', // 7
        '}', // 8
      ].join('\n'),
      'infra/main.tf': [
        'resource "aws_iam_user" "writer" { name = "writer" }', // 1
        'data "template_file" "writer" {', // 2
        '  template = "${file("${path.module}/writer.json.tpl")}"', // 3
        '  vars = {', // 4
        '    bucket = "logs"', // 5
        '  }', // 6
        '}', // 7
        'resource "aws_iam_user_policy" "writer" {', // 8
        '  user   = aws_iam_user.writer.name', // 9
        '  policy = data.template_file.writer.rendered', // 10
        '}', // 11
        'data "template_file" "reader" {', // 12
        '  template = <<EOF', // 13
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",', // 14
        '  "Resource": "arn:aws:s3:::$${bucket}/*"}]}', // 15
        'EOF', // 16
        '  vars = { bucket = "reports" }', // 17
        '}', // 18
        'resource "aws_iam_user_policy" "reader" {', // 19
        '  user   = aws_iam_user.writer.name', // 20
        '  policy = data.template_file.reader.rendered', // 21
        '}', // 22
        'data "template_file" "nowhere" {', // 23
        '  template = file("${path.module}/missing.tpl")', // 24
        '}', // 25
        'resource "aws_iam_user_policy" "nowhere" {', // 26
        '  user   = aws_iam_user.writer.name', // 27
        '  policy = data.template_file.nowhere.rendered', // 28
        '}', // 29
      ].join('\n'),
    })
    expect(
      principals.map((p) => [
        p.arn,
        p.policies.flatMap(where),
        p.unresolved?.map((u) => `${u.address}: ${u.reason}`),
      ]),
    ).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:user/writer`,
        [
          ['infra/writer.json.tpl', '3:17', 's3:PutObject@5:16', 'arn:aws:s3:::logs/*@6:17'],
          ['infra/main.tf', '14:41', 's3:GetObject@14:71', 'arn:aws:s3:::reports/*@15:15'],
        ],
        ['aws_iam_user_policy.nowhere: file() reads infra/missing.tpl, which is not in the repository'],
      ],
    ])
  })

  // The Ministry of Justice's and cisagov's tfvars are kept encrypted with git-crypt: on a runner that
  // does not unlock them, their bytes stopped the whole run as invalid HCL.
  it('reads around files git-crypt keeps encrypted, and notes each', async () => {
    const root = await workspace(
      {
        'infra/main.tf': [
          'variable "bucket" { default = "reports" }', // 1
          'resource "aws_iam_role" "app" {', // 2
          '  name               = "app"', // 3
          '  assume_role_policy = "{}"', // 4
          '}', // 5
          'resource "aws_iam_role_policy" "read" {', // 6
          '  role   = aws_iam_role.app.name', // 7
          '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::${var.bucket}/*" }] })', // 8
          '}', // 9
          'resource "aws_iam_role_policy" "sealed" {', // 10
          '  role   = aws_iam_role.app.name', // 11
          '  policy = file("${path.module}/sealed.json")', // 12
          '}', // 13
        ].join('\n'),
      },
      `  - root: infra\n    account: "${ACCOUNT}"`,
    )
    const sealed = Buffer.concat([
      Buffer.from('\u0000GITCRYPT\u0000'),
      Buffer.from([0xc3, 0x28, 0xff, 0x00, 0x7b]),
    ])
    for (const name of ['terraform.tfvars', 'secrets.tf', 'sealed.json'])
      await writeFile(join(root, 'infra', name), sealed)
    const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    expect(problems).toEqual([])
    expect(
      loaded?.principals.map((p) => [
        p.arn,
        p.policies.map((d) => d.statements.flatMap((s) => s.resources.map((r) => r.value))),
        p.unresolved?.map((u) => u.reason),
      ]),
    ).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:role/app`,
        [['arn:aws:s3:::reports/*']],
        ['file() reads infra/sealed.json, which is encrypted with git-crypt'],
      ],
    ])
    const unlock = 'Run `git-crypt unlock` before this step to read it.'
    expect(loaded?.notes.map(formatProblem).sort()).toEqual([
      `infra/sealed.json:1: this file is encrypted with git-crypt, so what reads it is not checked. ${unlock}`,
      `infra/secrets.tf:1: this file is encrypted with git-crypt, so what it declares is not checked. ${unlock}`,
      `infra/terraform.tfvars:1: this file is encrypted with git-crypt, so the variables it sets keep their defaults here. ${unlock}`,
    ])
  })

  it('says a data "template_file" that renders itself is a cycle, once', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_user" "u" { name = "u" }',
        'data "template_file" "a" {',
        '  template = "$${x}"',
        '  vars     = { x = data.template_file.a.rendered }',
        '}',
        'data "template_file" "b" { template = data.template_file.c.rendered }',
        'data "template_file" "c" { template = data.template_file.b.rendered }',
        'resource "aws_iam_user_policy" "a" {',
        '  user   = aws_iam_user.u.name',
        '  policy = data.template_file.a.rendered',
        '}',
        'resource "aws_iam_user_policy" "b" {',
        '  user   = aws_iam_user.u.name',
        '  policy = data.template_file.b.rendered',
        '}',
      ].join('\n'),
    })
    expect(principals.flatMap((p) => (p.unresolved ?? []).map((u) => `${u.address}: ${u.reason}`))).toEqual([
      'aws_iam_user_policy.a: infra/main.tf: data.template_file.a depends on itself (Terraform refuses the cycle)',
      'aws_iam_user_policy.b: data.template_file.b depends on itself (Terraform refuses the cycle)',
    ])
  })

  // uktrade/terraform-platform-modules: a list a for expression makes of what is not known here stood
  // as its whole text, and the `}` of its own template ended the placeholder early: what followed was
  // judged as an ARN, and lambda:GetPolicy "cannot act" on it.
  it('writes the placeholder of a multi-line expression on one line, ended where it seems to be', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'variable "environments" { type = map(any) }',
        'resource "aws_iam_role" "pipeline" {',
        '  name               = "pipeline"',
        '  assume_role_policy = "{}"',
        '}',
        'data "aws_iam_policy_document" "rotate" {',
        '  statement {',
        '    actions   = ["lambda:GetPolicy"]',
        '    resources = [',
        '      for name, env in var.environments : "arn:aws:lambda:us-east-1:111122223333:function:${name}-rotate"',
        '    ]',
        '  }',
        '}',
        'resource "aws_iam_role_policy" "rotate" {',
        '  role   = aws_iam_role.pipeline.name',
        '  policy = data.aws_iam_policy_document.rotate.json',
        '}',
      ].join('\n'),
    })
    const [resource] = principals[0]?.policies[0]?.statements[0]?.resources ?? []
    expect(resource?.value).toBe(
      '${[ for name, env in var.environments : "arn:aws:lambda:us-east-1:111122223333:function:…}',
    )
    const { findings } = analyse(principals, [], loadCatalog(), new Map())
    expect(findings.map((f) => f.kind)).toEqual([])
  })

  it('checks what the code gives a group it does not define, as it does for roles and users', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_group_policy" "admins" {', // 1
        '  group  = "admins"', // 2
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }] })', // 3
        '}', // 4
        'resource "aws_iam_group_policy_attachment" "admins" {', // 5
        '  group      = "admins"', // 6
        '  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"', // 7
        '}', // 8
        'resource "aws_iam_user" "ci" { name = "ci" }', // 9
        'resource "aws_iam_user_group_membership" "ci" {', // 10
        '  user   = aws_iam_user.ci.name', // 11
        '  groups = ["developers"]', // 12
        '}', // 13
      ].join('\n'),
    })
    // developers holds no policy here: nothing to check, and ci gets nothing from it.
    expect(principals.map((p) => [p.arn, p.lifecycle, p.policies.map((d) => d.source?.kind)])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:user/ci`, 'exists', []],
      [`arn:aws:iam::${ACCOUNT}:group/admins`, 'exists', ['terraform', 'aws-managed-policy']],
    ])
    expect(principals[1]?.policies[0]?.statements[0]?.line).toBe(3)
  })

  it('gives a group to a placeholder, not to nobody, when its members come from what is not known here', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        // A registry module before `terraform init`: its code, and so its outputs, are not here.
        'module "ci" { source = "app.terraform.io/octo/user/aws" }', // 1
        'module "ops" {', // 2
        '  source = "./group"', // 3
        '  users  = [module.ci.name]', // 4
        '}', // 5
      ].join('\n'),
      'infra/group/main.tf': [
        'variable "users" { type = list(string) }', // 1
        'resource "aws_iam_group" "this" { name = "ops" }', // 2
        'resource "aws_iam_group_policy" "this" {', // 3
        '  group  = aws_iam_group.this.name', // 4
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:*", Resource = "*" }] })', // 5
        '}', // 6
        'resource "aws_iam_group_membership" "this" {', // 7
        '  name  = "ops"', // 8
        '  group = aws_iam_group.this.name', // 9
        '  users = var.users', // 10
        '}', // 11
      ].join('\n'),
    })
    // Its members are users the group's policies apply to: which, the code does not say here.
    expect(
      principals.map((p) => [
        p.arn,
        p.policies.map(actions),
        p.unresolved?.map((u) => `${u.file}:${u.line} ${u.reason}`),
      ]),
    ).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:user/\${module.ops.aws_iam_group_membership.this.users}`,
        ['ec2:*'],
        [
          'infra/group/main.tf:7 the user it applies to is not known here: module.ci.name: an output of module.ci, whose code is not in the workspace',
        ],
      ],
    ])
    // The group's policy is checked, on the placeholder: what is unknown is who its members are.
    const { findings } = analyse(principals, [], loadCatalog())
    expect(findings.find((f) => f.kind === 'unresolved-policy')?.message).toBe(
      'module.ops.aws_iam_group_membership.this: the user it applies to is not known here: module.ci.name: an output of module.ci, whose code is not in the workspace; ' +
        'what it gives is checked here, on this placeholder for that principal. Look at it by hand.',
    )
    expect(findings.filter((f) => f.kind === 'wildcard-action').map((f) => f.principal)).toEqual([
      principals[0]?.arn,
    ])
  })

  it('leaves out what exclude-principals: names, and says what each pattern left out', async () => {
    const policy =
      'jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })'
    const root = await workspace(
      {
        'infra/main.tf': [
          'resource "aws_iam_role" "app" { name = "app" }',
          'resource "aws_iam_role" "legacy" {\n  count = 4\n  name  = "legacy-${count.index}"\n}',
          'resource "aws_iam_group" "admins" { name = "admins" }',
          `resource "aws_iam_group_policy" "admins" {\n  group  = aws_iam_group.admins.name\n  policy = ${policy}\n}`,
        ].join('\n'),
      },
      [
        '  - root: infra',
        `    account: "${ACCOUNT}"`,
        'exclude-principals:',
        `  - arn:aws:iam::${ACCOUNT}:group/admins`,
        '  - arn:aws:iam::*:role/legacy-*',
        '  - arn:aws:iam::*:role/aws-service-role/*',
        'ignore:',
        `  - principal: arn:aws:iam::${ACCOUNT}:role/app`,
        '    action: "*"',
        '    reason: reviewed',
        `  - principal: arn:aws:iam::${ACCOUNT}:role/ap`,
        '    action: "*"',
        '    reason: a typo',
        `  - principal: arn:aws:iam::${ACCOUNT}:role/legacy-0`,
        '    action: "*"',
        '    reason: left out, but found',
      ].join('\n'),
    )
    const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    expect(problems).toEqual([])
    expect(loaded?.principals.map((p) => p.arn)).toEqual([`arn:aws:iam::${ACCOUNT}:role/app`])
    expect(loaded?.notes.map(formatProblem)).toEqual([
      `.github/iam-policy-drift.yml:5: exclude-principals: "arn:aws:iam::${ACCOUNT}:group/admins" leaves out 1 principal(s), not checked: arn:aws:iam::${ACCOUNT}:group/admins`,
      `.github/iam-policy-drift.yml:6: exclude-principals: "arn:aws:iam::*:role/legacy-*" leaves out 4 principal(s), not checked: arn:aws:iam::${ACCOUNT}:role/legacy-0, arn:aws:iam::${ACCOUNT}:role/legacy-1, arn:aws:iam::${ACCOUNT}:role/legacy-2, … (1 more)`,
      '.github/iam-policy-drift.yml:7: exclude-principals: "arn:aws:iam::*:role/aws-service-role/*" matches none of the 6 principal(s) found',
      // An ignore: entry for a principal not found (here a typo) accepts nothing, and is named.
      `.github/iam-policy-drift.yml:12: ignore: the entry for arn:aws:iam::${ACCOUNT}:role/ap names none of the 6 principal(s) found, so it accepts nothing`,
    ])
  })

  it('gives a group with members to its users only, and checks each policy no one here has on its own', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_group" "ops" { name = "ops" }', // 1
        `resource "aws_iam_group_policy" "ops" {\n  group  = aws_iam_group.ops.name\n  policy = ${allowOnStar('ec2:*')}\n}`, // 2-5
        'resource "aws_iam_user" "ci" { name = "ci" }', // 6
        'resource "aws_iam_user_group_membership" "ci" {\n  user   = aws_iam_user.ci.name\n  groups = [aws_iam_group.ops.name]\n}', // 7-10
        'resource "aws_iam_group" "empty" { name = "empty" }', // 11
        'resource "aws_iam_group" "auditors" { name = "auditors" }', // 12
        `resource "aws_iam_group_policy_attachment" "auditors" {\n  group      = aws_iam_group.auditors.name\n  policy_arn = "arn:aws:iam::aws:policy/SecurityAudit"\n}`, // 13-16
      ].join('\n'),
    })
    expect(principals.map((p) => [p.arn, p.policies.length])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:user/ci`, 1],
      [`arn:aws:iam::${ACCOUNT}:group/auditors`, 1],
    ])
    expect(principals[0]?.policies.map(actions)).toEqual(['ec2:*'])
    const root = await workspace(
      {
        'infra/main.tf': [
          'resource "aws_iam_role" "app" { name = "app" }', // 1
          `resource "aws_iam_policy" "shared" {\n  count  = 2\n  name   = "shared-\${count.index}"\n  policy = ${allowOnStar('s3:*')}\n}`, // 2-6
          `resource "aws_iam_policy" "boundary" {\n  name   = "boundary"\n  policy = ${allowOnStar('*')}\n}`, // 7-10
          'resource "aws_iam_role" "bounded" {\n  name                 = "bounded"\n  permissions_boundary = aws_iam_policy.boundary.arn\n}', // 11-14
          `resource "aws_iam_policy" "used" {\n  name   = "used"\n  policy = ${allowOnStar('sqs:*')}\n}`, // 15-18
          'resource "aws_iam_role_policy_attachment" "used" {\n  role       = aws_iam_role.app.name\n  policy_arn = aws_iam_policy.used.arn\n}', // 19-22
        ].join('\n'),
      },
      `  - root: infra\n    account: "${ACCOUNT}"`,
    )
    const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    expect(problems).toEqual([])
    // The boundary and the attached policy are had. Each instance of the counted one, which no role, user
    // or group here has, is checked as a principal of its own, at its ARN.
    expect(loaded?.notes).toEqual([])
    expect(
      loaded?.principals.map((p) => [p.arn, p.policies.map(actions), p.lifecycle, p.source.line]),
    ).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/app`, ['sqs:*'], 'exists', 1],
      [`arn:aws:iam::${ACCOUNT}:role/bounded`, [], 'exists', 11],
      [`arn:aws:iam::${ACCOUNT}:policy/shared-0`, ['s3:*'], 'exists', 2],
      [`arn:aws:iam::${ACCOUNT}:policy/shared-1`, ['s3:*'], 'exists', 2],
    ])
    const { findings } = analyse(loaded?.principals ?? [], [], loadCatalog())
    expect(
      findings
        .filter((f) => f.principal.includes(':policy/'))
        .map((f) => `${f.principal} ${f.kind} ${f.line}`),
    ).toEqual([
      `arn:aws:iam::${ACCOUNT}:policy/shared-0 wildcard-action 5`,
      `arn:aws:iam::${ACCOUNT}:policy/shared-0 wildcard-resource 5`,
      `arn:aws:iam::${ACCOUNT}:policy/shared-1 wildcard-action 5`,
      `arn:aws:iam::${ACCOUNT}:policy/shared-1 wildcard-resource 5`,
    ])
  })
})

describe('a managed policy one root or template defines and another attaches by its ARN', () => {
  // terraform-aws-eks: the root module creates AmazonEKS_CNI_IPv6_Policy, and the node groups of the
  // examples attach it by the ARN written out: an unresolved-policy on each, and the policy alone.
  it("is the attaching principal's, as its policy or its boundary, and no principal of its own", async () => {
    const root = await workspace(
      {
        'platform/main.tf': [
          'resource "aws_iam_policy" "ci" {', // 1
          '  name   = "ci-deploy"', // 2
          `  policy = ${allowOnStar('cloudformation:*')}`, // 3
          '}', // 4
          'resource "aws_iam_policy" "boundary" {', // 5
          '  name   = "boundary"', // 6
          `  policy = ${allowOnStar('s3:*')}`, // 7
          '}', // 8
        ].join('\n'),
        'app/main.tf': [
          'resource "aws_iam_role" "deploy" {', // 1
          '  name                 = "deploy"', // 2
          `  permissions_boundary = "arn:aws:iam::${ACCOUNT}:policy/boundary"`, // 3
          '}', // 4
          'resource "aws_iam_role_policy_attachment" "deploy" {', // 5
          '  role       = aws_iam_role.deploy.name', // 6
          `  policy_arn = "arn:aws:iam::${ACCOUNT}:policy/ci-deploy"`, // 7
          '}', // 8
        ].join('\n'),
        'stacks/shared.yml': [
          'Resources:', // 1
          '  Publish:', // 2
          '    Type: AWS::IAM::ManagedPolicy', // 3
          '    Properties:', // 4
          '      ManagedPolicyName: publish', // 5
          '      PolicyDocument:', // 6
          '        Statement: [{ Effect: Allow, Action: "sns:*", Resource: "*" }]', // 7
        ].join('\n'),
        'stacks/app.yml': [
          'Resources:', // 1
          '  Worker:', // 2
          '    Type: AWS::IAM::Role', // 3
          '    Properties:', // 4
          '      RoleName: worker', // 5
          '      ManagedPolicyArns:', // 6
          '        - !Sub arn:aws:iam::${AWS::AccountId}:policy/publish', // 7
          `        - arn:aws:iam::${ACCOUNT}:policy/elsewhere`, // 8
        ].join('\n'),
      },
      [
        '  - root: [platform, app]',
        `    account: "${ACCOUNT}"`,
        'cloudformation:',
        '  - template: stacks/*.yml',
        `    account: "${ACCOUNT}"`,
      ].join('\n'),
    )
    const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    expect(problems).toEqual([])
    expect(
      loaded?.principals.map((p) => [
        p.arn,
        p.policies.map((d) => `${actions(d)} ${d.file}:${d.statements[0]?.line}`),
        p.boundary ? actions(p.boundary) : null,
        (p.unresolved ?? []).map((u) => `${u.file}:${u.line} ${u.reason}`),
      ]),
    ).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/deploy`, ['cloudformation:* platform/main.tf:3'], 's3:*', []],
      [
        `arn:aws:iam::${ACCOUNT}:role/worker`,
        ['sns:* stacks/shared.yml:7'],
        null,
        [
          `stacks/app.yml:8 arn:aws:iam::${ACCOUNT}:policy/elsewhere is a policy this template does not define`,
        ],
      ],
    ])
  })

  // A stack that exports a managed policy and one that imports it (Fn::ImportValue): the export's name
  // made with the stack's name, which the config does not give, fits the import's when only it does.
  it("is the principal's that imports it from another template's export", async () => {
    const root = await workspace({
      'stacks/shared.yml': [
        'Resources:', // 1
        '  DeployPolicy:', // 2
        '    Type: AWS::IAM::ManagedPolicy', // 3
        '    Properties:', // 4
        '      PolicyDocument:', // 5
        '        Statement: [{ Effect: Allow, Action: "iam:PassRole", Resource: "*" }]', // 6
        '  PublishPolicy:', // 7
        '    Type: AWS::IAM::ManagedPolicy', // 8
        '    Properties:', // 9
        '      ManagedPolicyName: publish', // 10
        '      PolicyDocument:', // 11
        '        Statement: [{ Effect: Allow, Action: "sns:Publish", Resource: "*" }]', // 12
        'Outputs:', // 13
        '  Deploy:', // 14
        '    Value: !Ref DeployPolicy', // 15
        '    Export: { Name: !Sub "${AWS::StackName}-deploy-policy" }', // 16
        '  Publish:', // 17
        '    Value: !GetAtt PublishPolicy.PolicyArn', // 18
        '    Export: { Name: ci-publish }', // 19
        '  DeployId:', // 20
        '    Value: !GetAtt DeployPolicy.PolicyId', // 21
        '    Export: { Name: deploy-policy-id }', // 22
        // An export of no policy, on a condition not known here: not read, so nothing is said of it.
        '  Mode:', // 23
        '    Value: !If [IsProd, prod, dev]', // 24
        '    Export: { Name: mode }', // 25
        'Parameters: { Env: { Type: String } }', // 26
        'Conditions: { IsProd: !Equals [!Ref Env, prod] }', // 27
      ].join('\n'),
      'stacks/app.yml': [
        'Resources:', // 1
        '  Worker:', // 2
        '    Type: AWS::IAM::Role', // 3
        '    Properties:', // 4
        '      RoleName: worker', // 5
        '      ManagedPolicyArns:', // 6
        '        - !ImportValue shared-deploy-policy', // 7
        '        - !ImportValue ci-publish', // 8
        '        - !ImportValue nobody-exports-this', // 9
        // An export of the policy's id, not its ARN: attaching it names no policy.
        '        - !ImportValue deploy-policy-id', // 10
      ].join('\n'),
      '.github/iam-policy-drift.yml': `cloudformation:\n  - template: stacks/*.yml\n    account: "${ACCOUNT}"\n`,
    })
    const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    expect(problems).toEqual([])
    expect(loaded?.notes).toEqual([])
    expect(
      loaded?.principals.map((p) => [
        p.arn,
        p.policies.map((d) => `${actions(d)} ${d.file}:${d.statements[0]?.line}`),
        (p.unresolved ?? []).map((u) => `${u.file}:${u.line} ${u.reason}`),
      ]),
    ).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:role/worker`,
        ['iam:PassRole stacks/shared.yml:6', 'sns:Publish stacks/shared.yml:12'],
        [
          "stacks/app.yml:9 ${ImportValue:nobody-exports-this} is another stack's export (Fn::ImportValue), known only where it is deployed",
          "stacks/app.yml:10 ${ImportValue:deploy-policy-id} is another stack's export (Fn::ImportValue), known only where it is deployed",
        ],
      ],
    ])
  })
})

describe('a role, user or group another template names by its export (Roles: [!ImportValue …])', () => {
  // One stack makes the roles and exports their names; another attaches its policies to them by import.
  // Read alone, each import was a principal of its own (`role/${ImportValue:shared-app-role}`) and the
  // role it names another, with none of those policies.
  it('is that principal: one, where it is defined, with the policies of both', async () => {
    const root = await workspace({
      'stacks/roles.yml': [
        'Resources:', // 1
        '  AppRole:', // 2
        '    Type: AWS::IAM::Role', // 3
        '    Properties:', // 4
        '      RoleName: app', // 5
        '      Policies:', // 6
        '        - PolicyName: own', // 7
        '          PolicyDocument:', // 8
        '            Statement: [{ Effect: Allow, Action: "logs:PutLogEvents", Resource: "*" }]', // 9
        '  Deployer:', // 10
        '    Type: AWS::IAM::User', // 11
        '    Properties: { UserName: deployer }', // 12
        'Outputs:', // 13
        '  AppRoleName:', // 14
        '    Value: !Ref AppRole', // 15
        '    Export: { Name: shared-app-role }', // 16
        '  DeployerName:', // 17
        '    Value: !Ref Deployer', // 18
        '    Export: { Name: !Sub "${AWS::StackName}-deployer" }', // 19
        // The role's ARN: no name, so no Roles: entry can name the role by it.
        '  AppRoleArn:', // 20
        '    Value: !GetAtt AppRole.Arn', // 21
        '    Export: { Name: app-role-arn }', // 22
      ].join('\n'),
      'stacks/policies.yml': [
        'Resources:', // 1
        '  Shared:', // 2
        '    Type: AWS::IAM::ManagedPolicy', // 3
        '    Properties:', // 4
        '      Roles: [!ImportValue shared-app-role]', // 5
        '      Users: [!ImportValue roles-deployer]', // 6
        '      PolicyDocument:', // 7
        '        Statement: [{ Effect: Allow, Action: "s3:GetObject", Resource: "*" }]', // 8
        '  ByArn:', // 9
        '    Type: AWS::IAM::Policy', // 10
        '    Properties:', // 11
        '      PolicyName: by-arn', // 12
        '      Roles: [!ImportValue app-role-arn]', // 13
        '      PolicyDocument:', // 14
        '        Statement: [{ Effect: Allow, Action: "sqs:SendMessage", Resource: "*" }]', // 15
      ].join('\n'),
      '.github/iam-policy-drift.yml': `cloudformation:\n  - template: stacks/*.yml\n    account: "${ACCOUNT}"\n`,
    })
    const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    expect(problems).toEqual([])
    expect(
      loaded?.principals.map((p) => [
        p.arn,
        `${p.source.file}:${p.source.line}`,
        p.policies.map((d) => `${actions(d)} ${d.file}:${d.statements[0]?.line}`),
      ]),
    ).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:role/\${ImportValue:app-role-arn}`,
        'stacks/policies.yml:13',
        ['sqs:SendMessage stacks/policies.yml:15'],
      ],
      [
        `arn:aws:iam::${ACCOUNT}:role/app`,
        'stacks/roles.yml:2',
        ['logs:PutLogEvents stacks/roles.yml:9', 's3:GetObject stacks/policies.yml:8'],
      ],
      [
        `arn:aws:iam::${ACCOUNT}:user/deployer`,
        'stacks/roles.yml:10',
        ['s3:GetObject stacks/policies.yml:8'],
      ],
    ])
  })

  it('is not one in another account, nor one of two exports that fit', async () => {
    const role = (name: string, exported: string) => [
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      `    Properties: { RoleName: ${name} }`,
      'Outputs:',
      '  Name:',
      '    Value: !Ref Role',
      `    Export: { Name: ${exported} }`,
    ]
    const root = await workspace({
      'other/role.yml': role('elsewhere', 'other-role').join('\n'),
      'stacks/a.yml': role('a', '!Sub "${AWS::StackName}-role"').join('\n'),
      'stacks/b.yml': role('b', '!Sub "${AWS::StackName}-role"').join('\n'),
      'stacks/policies.yml': [
        'Resources:',
        '  Policy:',
        '    Type: AWS::IAM::Policy',
        '    Properties:',
        '      PolicyName: p',
        '      Roles: [!ImportValue other-role, !ImportValue x-role]',
        '      PolicyDocument:',
        '        Statement: [{ Effect: Allow, Action: "s3:GetObject", Resource: "*" }]',
      ].join('\n'),
      '.github/iam-policy-drift.yml': [
        'cloudformation:',
        '  - template: stacks/*.yml',
        `    account: "${ACCOUNT}"`,
        '  - template: other/*.yml',
        '    account: "444455556666"',
        '',
      ].join('\n'),
    })
    const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    expect(problems).toEqual([])
    expect(loaded?.principals.map((p) => [p.arn, p.policies.length])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/a`, 0],
      [`arn:aws:iam::${ACCOUNT}:role/b`, 0],
      [`arn:aws:iam::${ACCOUNT}:role/\${ImportValue:other-role}`, 1],
      [`arn:aws:iam::${ACCOUNT}:role/\${ImportValue:x-role}`, 1],
      ['arn:aws:iam::444455556666:role/elsewhere', 0],
    ])
  })
})

describe('a managed policy no one here has that the code names as a permissions boundary', () => {
  // AWS's delegation pattern: an administrator may create roles only with this boundary. A boundary
  // allows broadly and denies what it must; checked as a policy that grants, it was a wall of findings.
  it("is a note, not a principal: named by its Terraform reference, or by a template's !Ref", async () => {
    const root = await workspace(
      {
        'infra/main.tf': [
          'resource "aws_iam_policy" "boundary" {', // 1
          '  name   = "developer-boundary"', // 2
          `  policy = ${jsonencoded('{ Effect = "Allow", Action = "*", Resource = "*" }, { Effect = "Deny", Action = "iam:*", Resource = "*" }')}`, // 3
          '}', // 4
          'resource "aws_iam_policy" "other" {', // 5
          '  name   = "other"', // 6
          `  policy = ${jsonencoded('{ Effect = "Allow", Action = "s3:*", Resource = "*" }')}`, // 7
          '}', // 8
          'resource "aws_iam_role" "admin" { name = "delegated-admin" }', // 9
          'resource "aws_iam_role_policy" "admin" {', // 10
          '  role   = aws_iam_role.admin.name', // 11
          `  policy = ${jsonencoded('{ Effect = "Allow", Action = "iam:CreateRole", Resource = "*", Condition = { StringEquals = { "iam:PermissionsBoundary" = aws_iam_policy.boundary.arn } } }')}`, // 12
          '}', // 13
        ].join('\n'),
        'stacks/app.yml': [
          'Resources:', // 1
          '  Boundary:', // 2
          '    Type: AWS::IAM::ManagedPolicy', // 3
          '    Properties:', // 4
          '      PolicyDocument:', // 5
          '        Statement: [{ Effect: Allow, Action: "*", Resource: "*" }]', // 6
          '  Admin:', // 7
          '    Type: AWS::IAM::Role', // 8
          '    Properties:', // 9
          '      RoleName: stack-admin', // 10
          '      Policies:', // 11
          '        - PolicyName: create', // 12
          '          PolicyDocument:', // 13
          '            Statement:', // 14
          '              - Effect: Allow', // 15
          '                Action: iam:CreateRole', // 16
          '                Resource: "*"', // 17
          '                Condition: { ArnEquals: { iam:PermissionsBoundary: !Ref Boundary } }', // 18
        ].join('\n'),
      },
      `  - root: infra\n    account: "${ACCOUNT}"\ncloudformation:\n  - template: stacks/app.yml\n    account: "${ACCOUNT}"`,
    )
    const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    expect(problems).toEqual([])
    expect(loaded?.principals.map((p) => p.arn)).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/delegated-admin`,
      `arn:aws:iam::${ACCOUNT}:policy/other`,
      `arn:aws:iam::${ACCOUNT}:role/stack-admin`,
    ])
    expect(loaded?.notes.map(formatProblem)).toEqual([
      'infra/main.tf:1: aws_iam_policy.boundary: no role, user or group here has this managed policy, and infra/main.tf:12 ' +
        'names it in an iam:PermissionsBoundary condition: it bounds the roles and users created under that statement, ' +
        'so it is not checked as a policy that grants',
      'stacks/app.yml:2: Resources.Boundary: no role, user or group here has this managed policy, and stacks/app.yml:18 ' +
        'names it in an iam:PermissionsBoundary condition: it bounds the roles and users created under that statement, ' +
        'so it is not checked as a policy that grants',
    ])
  })
})

// What the checks need to see a principal rewrite what is its own: each aws_iam_policy's ARN, the groups
// a user is in, and a reference to an ARN known only after apply.
describe("a principal's own policies and groups", () => {
  it('gives each policy its ARN and each user its groups, named or known only after apply', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "app" {', // 1
        '  name_prefix        = "app-"', // 2
        '  assume_role_policy = "{}"', // 3
        '}', // 4
        'resource "aws_iam_policy" "base" {', // 5
        '  name_prefix = "base-"', // 6
        '  policy      = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:ListAllMyBuckets", Resource = "*" }] })', // 7
        '}', // 8
        'resource "aws_iam_policy" "deploy" {', // 9
        '  name   = "deploy"', // 10
        '  path   = "/ci/"', // 11
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [', // 12
        '    { Effect = "Allow", Action = "iam:CreatePolicyVersion", Resource = aws_iam_policy.base.arn },', // 13
        '    { Effect = "Allow", Action = "iam:PutRolePolicy", Resource = aws_iam_role.app.arn },', // 14
        '  ] })', // 15
        '}', // 16
        'resource "aws_iam_role_policy_attachment" "base" {', // 17
        '  role       = aws_iam_role.app.name', // 18
        '  policy_arn = aws_iam_policy.base.arn', // 19
        '}', // 20
        'resource "aws_iam_role_policy_attachment" "deploy" {', // 21
        '  role       = aws_iam_role.app.name', // 22
        '  policy_arn = aws_iam_policy.deploy.arn', // 23
        '}', // 24
        'resource "aws_iam_group" "ops" { name = "ops" }', // 25
        'resource "aws_iam_group_policy" "ops" {', // 26
        '  group  = aws_iam_group.ops.name', // 27
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PutGroupPolicy", Resource = "arn:aws:iam::*:group/op*" }] })', // 28
        '}', // 29
        'resource "aws_iam_user" "ci" { name = "ci" }', // 30
        'resource "aws_iam_user_group_membership" "ci" {', // 31
        '  user   = aws_iam_user.ci.name', // 32
        '  groups = [aws_iam_group.ops.name]', // 33
        '}', // 34
      ].join('\n'),
    })
    const role = principals.find((p) => p.arn.includes(':role/'))
    expect(role?.policies.map((d) => d.arn)).toEqual([
      `arn:aws:iam::${ACCOUNT}:policy/\${aws_iam_policy.base.name}`,
      `arn:aws:iam::${ACCOUNT}:policy/ci/deploy`,
    ])
    const user = principals.find((p) => p.arn.includes(':user/'))
    expect(user?.groups).toEqual([`arn:aws:iam::${ACCOUNT}:group/ops`])
    const escalation = analyse(principals, [], loadCatalog()).findings.filter(
      (f) => f.kind === 'privilege-escalation',
    )
    expect(escalation.map((f) => [f.principal.split(':').at(-1), f.line, f.actions])).toEqual([
      ['role/${aws_iam_role.app.name}', 13, ['iam:CreatePolicyVersion']],
      ['role/${aws_iam_role.app.name}', 14, ['iam:PutRolePolicy']],
      ['user/ci', 28, ['iam:PutGroupPolicy']],
    ])
    expect(escalation[1]?.message).toMatch(
      /^"iam:PutRolePolicy" on Resource "\$\{aws_iam_role\.app\.arn\}", which names its own role \(arn:aws:iam::111122223333:role\/\$\{aws_iam_role\.app\.name\}\), grants /,
    )
  })

  // pathfinding.cloud's iam-011, as DataDog/pathfinding-labs builds it: a group with no policy of its
  // own, named, and a member's policy that writes its ARN as a reference.
  it("sees a user's own group in the reference that names it, though the group's ARN is known by its name", async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_group" "escalation" { name = "escalation" }',
        'resource "aws_iam_user" "paul" { name = "paul" }',
        'resource "aws_iam_group_membership" "members" {',
        '  name  = "members"',
        '  users = [aws_iam_user.paul.name]',
        '  group = aws_iam_group.escalation.name',
        '}',
        'resource "aws_iam_user_policy" "paul" {',
        '  user   = aws_iam_user.paul.name',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PutGroupPolicy", Resource = aws_iam_group.escalation.arn }] })',
        '}',
      ].join('\n'),
    })
    const escalation = analyse(principals, [], loadCatalog()).findings.filter(
      (f) => f.kind === 'privilege-escalation',
    )
    expect(escalation.map((f) => [f.principal, f.line, f.actions])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:user/paul`, 10, ['iam:PutGroupPolicy']],
    ])
    expect(escalation[0]?.message).toContain(
      `on Resource "\${aws_iam_group.escalation.arn}", which names its own group (arn:aws:iam::${ACCOUNT}:group/escalation)`,
    )
  })

  it('sees a customer managed policy of its own in the reference that names it, though its name is known', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "app" {',
        '  name               = "app"',
        '  assume_role_policy = "{}"',
        '}',
        'resource "aws_iam_policy" "base" {',
        '  name   = "base"',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:ListAllMyBuckets", Resource = "*" }] })',
        '}',
        'resource "aws_iam_role_policy_attachment" "base" {',
        '  role       = aws_iam_role.app.name',
        '  policy_arn = aws_iam_policy.base.arn',
        '}',
        'resource "aws_iam_role_policy" "versions" {',
        '  role   = aws_iam_role.app.name',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:CreatePolicyVersion", Resource = aws_iam_policy.base.arn }] })',
        '}',
      ].join('\n'),
    })
    const escalation = analyse(principals, [], loadCatalog()).findings.filter(
      (f) => f.kind === 'privilege-escalation',
    )
    expect(escalation.map((f) => [f.line, f.actions])).toEqual([[15, ['iam:CreatePolicyVersion']]])
    expect(escalation[0]?.message).toContain(
      `which names one of its own policies (arn:aws:iam::${ACCOUNT}:policy/base)`,
    )
  })
})

describe('the Terraform source, more forms', () => {
  // github-aws-runners passes its runner role's ARN to a templatefile() as `arn_runner_instance_role`; a
  // module's role names itself as `aws_iam_role.x.arn`, whatever name it is given.
  // hashicorp's terraform-aws-terraform-enterprise: `try(data.aws_iam_role.existing_instance_role[0],
  // aws_iam_role.instance_role[0])`, the data source counted 0 unless an existing role is named.
  it("passes over the instance a counted data source does not have, as try() does on Terraform's error", async () => {
    const files = (existing: string) => ({
      'infra/main.tf': [
        `variable "existing_role" {\n  default = ${existing}\n}`,
        'data "aws_iam_role" "existing" {',
        '  count = var.existing_role == null ? 0 : 1',
        '  name  = var.existing_role',
        '}',
        'resource "aws_iam_role" "new" {',
        '  count              = var.existing_role == null ? 1 : 0',
        '  name               = "instance"',
        '  assume_role_policy = "{}"',
        '}',
        'locals { role = try(data.aws_iam_role.existing[0], aws_iam_role.new[0]) }',
        'resource "aws_iam_role_policy" "kms" {',
        '  role   = local.role.name',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "kms:Decrypt", Resource = "*" }] })',
        '}',
        '',
      ].join('\n'),
    })
    const created = await fromCode(files('null'))
    expect(created.map(held)).toEqual([[`arn:aws:iam::${ACCOUNT}:role/instance`, ['kms:Decrypt'], 0]])
    // An existing role named: the role the data source looks up by that name, the policy's principal.
    const existing = await fromCode(files('"legacy"'))
    expect(existing.map(held)).toEqual([[`arn:aws:iam::${ACCOUNT}:role/legacy`, ['kms:Decrypt'], 0]])
    expect(existing[0]?.unresolved ?? []).toEqual([])
  })

  // The common way to add a policy to a role made elsewhere (by hand, by another stack): look it up by
  // name and attach to what the data source gives. Its name is the argument; its ARN (with its path)
  // only Terraform reads.
  it('takes the role, user or group a data source looks up by name as the principal of what is attached to it', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'data "aws_iam_role" "exec" {', // 1
        '  name = "ecsTaskExecutionRole"', // 2
        '}', // 3
        'data "aws_iam_user" "ci" {', // 4
        '  user_name = "ci"', // 5
        '}', // 6
        'data "aws_iam_group" "ops" {', // 7
        '  group_name = "ops"', // 8
        '}', // 9
        'variable "unnamed" {}', // 10
        'data "aws_iam_role" "unnamed" {', // 11
        '  name = var.unnamed', // 12
        '}', // 13
        'resource "aws_iam_role_policy_attachment" "exec" {', // 14
        '  role       = data.aws_iam_role.exec.id', // 15
        '  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"', // 16
        '}', // 17
        'resource "aws_iam_user_policy" "ci" {', // 18
        '  user   = data.aws_iam_user.ci.user_name', // 19
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = data.aws_iam_role.exec.arn }] })', // 20
        '}', // 21
        'resource "aws_iam_group_policy" "ops" {', // 22
        '  group  = data.aws_iam_group.ops.group_name', // 23
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "kms:Decrypt", Resource = "*" }] })', // 24
        '}', // 25
        'resource "aws_iam_role_policy" "unnamed" {', // 26
        '  role   = data.aws_iam_role.unnamed.name', // 27
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })', // 28
        '}', // 29
        '',
      ].join('\n'),
    })
    expect(principals.map((p) => [p.arn, p.lifecycle, p.unresolved?.[0]?.reason])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`, 'exists', undefined],
      [`arn:aws:iam::${ACCOUNT}:user/ci`, 'exists', undefined],
      [`arn:aws:iam::${ACCOUNT}:group/ops`, 'exists', undefined],
      // A name not known here: a placeholder for the role, which says why.
      [
        `arn:aws:iam::${ACCOUNT}:role/\${data.aws_iam_role.unnamed.name}`,
        'unknown',
        expect.stringContaining('var.unnamed'),
      ],
    ])
    // The role's ARN holds its path, which only Terraform reads: a placeholder, not a made-up ARN.
    expect(
      principals[1]?.policies.flatMap((d) => d.statements.flatMap((s) => s.resources.map((r) => r.value))),
    ).toEqual(['${data.aws_iam_role.exec.arn}'])
  })

  // fivexl's sso-elevator: the module's root and its example (which calls it) both make the role, one
  // name, so one principal; a reference in one statement names another module path in each.
  it('takes a statement two roots read the same once, when another statement of its policy reads otherwise', async () => {
    const root = await workspace(
      {
        'main.tf': [
          'module "revoker" {', // 1
          '  source = "./revoker"', // 2
          '}', // 3
          'resource "aws_iam_role" "events" {', // 4
          '  name               = "events"', // 5
          '  assume_role_policy = "{}"', // 6
          '}', // 7
          'resource "aws_iam_role_policy" "events" {', // 8
          '  role = aws_iam_role.events.name', // 9
          '  policy = jsonencode({ Version = "2012-10-17", Statement = [', // 10
          '    { Effect = "Allow", Action = ["events:PutRule"], Resource = "*" },', // 11
          '    { Effect = "Allow", Action = ["lambda:InvokeFunction"], Resource = module.revoker.arn },', // 12
          '  ] })', // 13
          '}', // 14
          '',
        ].join('\n'),
        'revoker/main.tf':
          'output "arn" {\n  value = aws_lambda_function.f.arn\n}\nresource "aws_lambda_function" "f" {}\n',
        'examples/complete/main.tf': 'module "elevator" {\n  source = "../../"\n}\n',
      },
      `  - root: .\n    account: "${ACCOUNT}"\n  - root: examples/complete\n    account: "${ACCOUNT}"`,
    )
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    expect(principals.map((p) => p.arn)).toEqual([`arn:aws:iam::${ACCOUNT}:role/events`])
    expect(
      principals[0]?.policies.flatMap((d) => d.statements.map((s) => `${s.line} ${s.resources[0]?.value}`)),
    ).toEqual([
      '11 *',
      '12 ${module.revoker.aws_lambda_function.f.arn}',
      '12 ${module.elevator.module.revoker.aws_lambda_function.f.arn}',
    ])
    const findings = analyse(principals, [], loadCatalog()).findings
    expect(findings.map((f) => [f.kind, f.line, f.actions])).toEqual([
      ['wildcard-resource', 11, ['events:PutRule']],
    ])
  })

  it('reads a reference passed through a local, a variable or a template as what it is, and knows a role by it', async () => {
    const principals = await fromCode({
      'infra/main.tf': 'module "ci" {\n  source = "./ci"\n}\n',
      'infra/ci/main.tf': [
        'resource "aws_iam_role" "deploy" {', // 1
        '  name               = "deploy"', // 2
        '  assume_role_policy = "{}"', // 3
        '}', // 4
        'resource "aws_iam_role" "runner" {', // 5
        '  name_prefix        = "runner-"', // 6
        '  assume_role_policy = "{}"', // 7
        '}', // 8
        'locals { runner_arn = aws_iam_role.runner.arn }', // 9
        'resource "aws_iam_role_policy" "deploy" {', // 10
        '  role   = aws_iam_role.deploy.name', // 11
        '  policy = templatefile("${path.module}/deploy.json", { self = aws_iam_role.deploy.arn, runner = local.runner_arn })', // 12
        '}', // 13
        '',
      ].join('\n'),
      'infra/ci/deploy.json': [
        '{"Version": "2012-10-17", "Statement": [',
        '  {"Effect": "Allow", "Action": "iam:PutRolePolicy", "Resource": "${self}"},',
        '  {"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "${runner}"}',
        ']}',
        '',
      ].join('\n'),
    })
    const deploy = principals.find((p) => p.arn.endsWith(':role/deploy'))
    expect(deploy?.policies.flatMap((d) => d.statements.map((s) => s.resources.map((r) => r.value)))).toEqual(
      [['${module.ci.aws_iam_role.deploy.arn}'], ['${module.ci.aws_iam_role.runner.arn}']],
    )
    const findings = analyse(principals, [], loadCatalog()).findings
    expect(findings.map((f) => [f.kind, f.file, f.line, f.actions])).toEqual([
      ['privilege-escalation', 'infra/ci/deploy.json', 2, ['iam:PutRolePolicy']],
      ['ineffective-grant', 'infra/ci/deploy.json', 3, ['ec2:RunInstances']],
    ])
    expect(findings[0]?.message).toMatch(
      /^"iam:PutRolePolicy" on Resource "\$\{module\.ci\.aws_iam_role\.deploy\.arn\}", which names its own role \(arn:aws:iam::111122223333:role\/deploy\)/,
    )
  })

  // ministryofjustice/modernisation-platform-environments: a module attaches what its caller lists,
  // `for_each = { for idx, arn in var.additional_policy_arns : idx => arn }`, keyed by the indexes.
  it("attaches each policy of a list a module is given, keyed by the list's indexes", async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_policy" "queue" {',
        '  name   = "queue-${random_id.suffix.hex}"',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })',
        '}',
        'resource "aws_iam_policy" "bucket" {',
        '  name   = "bucket"',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })',
        '}',
        'module "app" {',
        '  source      = "./app"',
        '  policy_arns = [aws_iam_policy.queue.arn, aws_iam_policy.bucket.arn]',
        '}',
        '',
      ].join('\n'),
      'infra/app/main.tf': [
        'variable "policy_arns" { type = list(string) }',
        'resource "aws_iam_role" "app" {',
        '  name               = "app"',
        '  assume_role_policy = "{}"',
        '}',
        'resource "aws_iam_role_policy_attachment" "extra" {',
        '  for_each   = { for idx, arn in var.policy_arns : idx => arn }',
        '  role       = aws_iam_role.app.name',
        '  policy_arn = each.value',
        '}',
        '',
      ].join('\n'),
    })
    expect(principals.map((p) => p.arn)).toEqual(['arn:aws:iam::111122223333:role/app'])
    const [app] = principals
    expect(app?.unresolved).toEqual([])
    expect(
      app?.policies.flatMap((d) => d.statements.map((s) => [d.file, s.line, s.actions[0]?.value])),
    ).toEqual([
      ['infra/main.tf', 3, 'sqs:SendMessage'],
      ['infra/main.tf', 7, 's3:GetObject'],
    ])
  })

  // terraform-aws-modules/eventbridge: kms:Decrypt on the queues' ARNs; cloudgoat: s3:PutObject on a bucket's.
  it("judges a reference to a bucket's, log group's or function's ARN by the shape the provider gives it", async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_s3_bucket" "b" { bucket = "reports" }', // 1
        'resource "aws_cloudwatch_log_group" "lg" { name = "/app" }', // 2
        'resource "aws_lambda_function" "f" { function_name = "f" }', // 3
        'resource "aws_sqs_queue" "q" { name = "q" }', // 4
        'resource "aws_iam_role" "app" {', // 5
        '  name               = "app"', // 6
        '  assume_role_policy = "{}"', // 7
        '}', // 8
        'resource "aws_iam_role_policy" "p" {', // 9
        '  role = aws_iam_role.app.id', // 10
        '  policy = jsonencode({', // 11
        '    Version = "2012-10-17"', // 12
        '    Statement = [', // 13
        '      { Effect = "Allow", Action = "s3:GetObject", Resource = aws_s3_bucket.b.arn },', // 14
        '      { Effect = "Allow", Action = "s3:GetObject", Resource = "${aws_s3_bucket.b.arn}/*" },', // 15
        '      { Effect = "Allow", Action = "s3:ListBucket", Resource = "arn:aws:s3:::${aws_s3_bucket.b.id}/*" },', // 16
        '      { Effect = "Allow", Action = ["logs:CreateLogStream", "logs:DescribeLogStreams"], Resource = aws_cloudwatch_log_group.lg.arn },', // 17
        '      { Effect = "Allow", Action = "logs:PutLogEvents", Resource = "${aws_cloudwatch_log_group.lg.arn}:*" },', // 18
        '      { Effect = "Allow", Action = "lambda:InvokeFunction", Resource = aws_lambda_function.f.invoke_arn },', // 19
        '      { Effect = "Allow", Action = ["sqs:SendMessage", "kms:Decrypt"], Resource = aws_sqs_queue.q.arn },', // 20
        '      { Effect = "Allow", Action = "s3:GetObject", Resource = var.bucket_arn },', // 21
        '      { Effect = "Allow", Action = "sqs:SendMessage", Resource = aws_sqs_queue.q.id },', // 22
        '      { Effect = "Allow", Action = "sqs:SendMessage", Resource = "arn:aws:sqs:*:*:${aws_sqs_queue.q.name}" },', // 23
        '    ]', // 24
        '  })', // 25
        '}', // 26
        'variable "bucket_arn" { type = string }', // 27
      ].join('\n'),
    })
    const { findings } = analyse(principals, [], loadCatalog())
    // The bucket's ARN is not its objects, the log group's (without `:*`) not its streams, an invoke ARN
    // is API Gateway's, a queue's no key: each grants nothing. What a variable holds is not known.
    expect(findings.map((f) => `${f.kind}@${f.line}: ${f.actions.join(' ')}`)).toEqual([
      'ineffective-grant@14: s3:GetObject',
      'ineffective-grant@16: s3:ListBucket',
      'ineffective-grant@17: logs:CreateLogStream',
      'ineffective-grant@19: lambda:InvokeFunction',
      'ineffective-grant@20: kms:Decrypt',
      // A queue's id is its URL; its name, in an ARN, is the queue.
      'ineffective-grant@22: sqs:SendMessage',
    ])
    expect(findings[0]?.message).toMatch(
      /^"s3:GetObject" cannot act on "\$\{aws_s3_bucket\.b\.arn\}": it acts on /,
    )
  })

  it('reads a heredoc policy that indents the document it embeds', async () => {
    const principals = await fromCode({
      'infra/iam.tf': [
        'locals {',
        '  statements = [{ Effect = "Allow", Action = ["sqs:SendMessage"], Resource = "*" }]',
        '}',
        'resource "aws_iam_role" "app" { name = "app" }',
        'resource "aws_iam_role_policy" "heredoc" {',
        '  role   = aws_iam_role.app.id',
        '  policy = <<-EOT',
        '    {',
        '      "Version": "2012-10-17",',
        '      "Statement": ${indent(6, jsonencode(local.statements))}',
        '    }',
        '  EOT',
        '}',
      ].join('\n'),
    })
    expect(principals.map((p) => [p.arn, p.unresolved?.length ?? 0])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/app`, 0],
    ])
    expect(principals[0]?.policies.map(actions)).toEqual(['sqs:SendMessage'])
  })

  it('keeps each line in its own file: a data source in data.tf, locals in locals.tf, a heredoc local', async () => {
    const principals = await fromCode({
      'infra/locals.tf': [
        'locals {',
        '  deploy_actions = ["s3:GetObject", "iam:PassRole"]',
        '  heredoc = <<-EOT',
        '    {"Version": "2012-10-17", "Statement": [',
        '      {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]}',
        '  EOT',
        '}',
      ].join('\n'),
      'infra/data.tf': [
        '# policy documents',
        'data "aws_iam_policy_document" "app" {',
        '  statement {',
        '    actions   = ["kms:Decrypt"]',
        '    resources = local.deploy_actions',
        '  }',
        '}',
      ].join('\n'),
      'infra/iam.tf': [
        'resource "aws_iam_role" "app" { name = "app" }',
        'resource "aws_iam_role_policy" "inline" {',
        '  role   = aws_iam_role.app.id',
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Resource = "*",',
        '    Action = local.deploy_actions }] })',
        '}',
        'resource "aws_iam_role_policy" "data" {',
        '  role   = aws_iam_role.app.id',
        '  policy = data.aws_iam_policy_document.app.json',
        '}',
        'resource "aws_iam_role_policy" "heredoc" {',
        '  role   = aws_iam_role.app.id',
        '  policy = local.heredoc',
        '}',
      ].join('\n'),
    })
    expect(principals[0]?.policies.flatMap(where)).toEqual([
      // locals.tf's list, named in iam.tf: at the name in iam.tf, written in locals.tf (line 2).
      [
        'infra/iam.tf',
        '4:38',
        's3:GetObject@5:14 (infra/locals.tf:2:21) iam:PassRole@5:14 (infra/locals.tf:2:37)',
        '*@4:69',
      ],
      // The data source's statement where data.tf writes it; its resources from locals.tf likewise.
      [
        'infra/data.tf',
        '3:3',
        'kms:Decrypt@4:18',
        's3:GetObject@5:17 (infra/locals.tf:2:21) iam:PassRole@5:17 (infra/locals.tf:2:37)',
      ],
      // A heredoc local: its own lines, in locals.tf.
      ['infra/locals.tf', '5:7', 'sqs:SendMessage@5:37', '*@5:68'],
    ])
    // A finding stands where the entry is written, and names the policy's file when that is another.
    const { findings } = analyse(principals, [], await loadCatalog())
    const passRole = findings.filter((f) => f.kind === 'privilege-escalation')
    expect(passRole.map((f) => [f.file, f.line, f.column, f.policyFile, f.statementIndex])).toEqual([
      ['infra/locals.tf', 2, 37, 'infra/iam.tf', 0],
    ])
  })

  it('checks what each call of a module gives its role when the account is not known (provider aliases)', async () => {
    // Without a plan or an account, each role is arn:aws:iam::<account>:role/deployer: three principals
    // of one ARN, one for each call, as they are three roles in three accounts.
    const call = (name: string, actions: string) =>
      `module "${name}" {\n  source    = "./modules/deployer"\n  providers = { aws = aws.${name} }\n  actions   = ${actions}\n}\n`
    const root = await workspace(
      {
        'infra/main.tf': `${call('prod', '["s3:GetObject"]')}${call('dev', '["ec2:*"]')}${call('audit', '["s3:GetObject"]')}`,
        'infra/modules/deployer/main.tf': [
          'variable "actions" { type = list(string) }',
          'resource "aws_iam_role" "this" { name = "deployer" }',
          'resource "aws_iam_role_policy" "this" {',
          '  role   = aws_iam_role.this.id',
          '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })',
          '}',
        ].join('\n'),
      },
      '  - root: infra',
    )
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    expect(
      principals.map((p) => [
        p.arn,
        p.source.kind === 'terraform' && p.source.address,
        p.policies.map(actions),
      ]),
    ).toEqual([
      ['arn:aws:iam::<account>:role/deployer', 'module.prod.aws_iam_role.this', ['s3:GetObject']],
      ['arn:aws:iam::<account>:role/deployer', 'module.dev.aws_iam_role.this', ['ec2:*']],
      ['arn:aws:iam::<account>:role/deployer', 'module.audit.aws_iam_role.this', ['s3:GetObject']],
    ])
    // The call's list is in infra/main.tf: in the module's file, it is at the name that brings it, and
    // written on the dev call's line, which is where its findings stand.
    const [dev] = principals[1]?.policies ?? []
    expect([dev?.file, dev?.statements[0]?.actions[0]]).toEqual([
      'infra/modules/deployer/main.tf',
      { value: 'ec2:*', line: 5, column: 91, written: { file: 'infra/main.tf', line: 9, column: 16 } },
    ])
    const { findings } = analyse(principals, [], await loadCatalog())
    expect(
      findings.map((f) => `${f.principalIndex} ${f.kind} ${f.file}:${f.line}:${f.column} in ${f.policyFile}`),
    ).toEqual([
      '0 wildcard-resource infra/modules/deployer/main.tf:5:115 in undefined',
      '1 privilege-escalation infra/main.tf:9:16 in infra/modules/deployer/main.tf',
      '1 wildcard-action infra/main.tf:9:16 in infra/modules/deployer/main.tf',
      '1 wildcard-resource infra/modules/deployer/main.tf:5:115 in undefined',
      '2 wildcard-resource infra/modules/deployer/main.tf:5:115 in undefined',
    ])
  })

  it("keeps two roots' roles of one name apart when their account is not known", async () => {
    // envs/dev and envs/prod each make role/app, in accounts of their own: dev's Deny of iam:* takes
    // nothing from what prod grants, and prod's iam:PassRole on "*" is a finding.
    const role = (statements: string) =>
      [
        'resource "aws_iam_role" "app" {',
        '  name = "app"',
        '}',
        'resource "aws_iam_role_policy" "app" {',
        '  role   = aws_iam_role.app.name',
        `  policy = jsonencode({ Version = "2012-10-17", Statement = [${statements}] })`,
        '}',
      ].join('\n')
    const root = await workspace(
      {
        'envs/dev/main.tf': role(
          '{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }, { Effect = "Deny", Action = "iam:*", Resource = "*" }',
        ),
        'envs/prod/main.tf': role('{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }'),
      },
      '  - root: envs/*',
    )
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    expect(principals.map((p) => [p.arn, p.source.file, p.policies.map(actions)])).toEqual([
      ['arn:aws:iam::<account>:role/app', 'envs/dev/main.tf', ['s3:GetObject iam:*']],
      ['arn:aws:iam::<account>:role/app', 'envs/prod/main.tf', ['iam:PassRole']],
    ])
    const { findings } = analyse(principals, [], await loadCatalog())
    expect(
      findings.filter((f) => f.principalIndex === 1).map((f) => `${f.kind} ${f.file}:${f.line}`),
    ).toEqual(['privilege-escalation envs/prod/main.tf:6', 'wildcard-resource envs/prod/main.tf:6'])
  })

  it("makes each role in the account of its provider's instance (OpenTofu's provider for_each)", async () => {
    const principals = await fromCode({
      'infra/main.tofu': [
        'variable "accounts" { default = { dev = "222222222222", prod = "333333333333" } }',
        'provider "aws" {',
        '  alias    = "by_account"',
        '  for_each = var.accounts',
        '  assume_role { role_arn = "arn:aws:iam::${each.value}:role/deploy" }',
        '}',
        'resource "aws_iam_role" "app" {',
        '  for_each = var.accounts',
        '  provider = aws.by_account[each.key]',
        '  name     = "app-${each.key}"',
        '}',
        'variable "stage" { type = string }',
        'resource "aws_iam_role" "unknown" {',
        '  provider = aws.by_account[var.stage]',
        '  name     = "unknown"',
        '}',
      ].join('\n'),
    })
    expect(principals.map((p) => p.arn)).toEqual([
      'arn:aws:iam::222222222222:role/app-dev',
      'arn:aws:iam::333333333333:role/app-prod',
      // The instance is not known here: nor is its account.
      'arn:aws:iam::<account>:role/unknown',
    ])
  })

  it('makes each role in the account its provider configuration names, through module calls', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'provider "aws" { region = "us-east-1" }',
        'provider "aws" {',
        '  alias  = "east2"',
        '  region = "us-east-2"',
        '}',
        'provider "aws" {',
        '  alias = "prod"',
        '  assume_role { role_arn = "arn:aws:iam::222222222222:role/deploy" }',
        '}',
        'provider "aws" {',
        '  alias               = "dev"',
        '  allowed_account_ids = ["333333333333"]',
        '}',
        'variable "role_arn" { type = string }',
        'provider "aws" {',
        '  alias = "other"',
        '  assume_role { role_arn = var.role_arn }',
        '}',
        'resource "aws_iam_role" "here" { name = "here" }',
        'resource "aws_iam_role" "east2" {',
        '  provider = aws.east2',
        '  name     = "east2"',
        '}',
        'module "prod" {',
        '  source    = "./app"',
        '  providers = { aws = aws.prod }',
        '}',
        'module "dev" {',
        '  source    = "./app"',
        '  providers = { aws = aws.dev }',
        '}',
        'module "other" {',
        '  source    = "./app"',
        '  providers = { aws = aws.other }',
        '}',
        'module "plain" { source = "./app" }',
      ].join('\n'),
      'infra/app/main.tf': [
        'resource "aws_iam_role" "app" { name = "app" }',
        'resource "aws_iam_role_policy_attachment" "ops" {',
        '  role       = "ops"',
        '  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"',
        '}',
        'data "aws_caller_identity" "current" {}',
        'resource "aws_iam_role_policy" "app" {',
        '  role   = aws_iam_role.app.id',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "arn:aws:sqs:us-east-1:${data.aws_caller_identity.current.account_id}:jobs" }] })',
        '}',
      ].join('\n'),
    })
    // The account a policy builds its ARNs with is its provider's too.
    expect(
      principals
        .filter((p) => p.arn.endsWith('role/app'))
        .map((p) => `${p.arn.split(':')[4]} ${p.policies[0]?.statements[0]?.resources[0]?.value}`)
        .sort(),
    ).toEqual([
      `${ACCOUNT} arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`,
      '222222222222 arn:aws:sqs:us-east-1:222222222222:jobs',
      '333333333333 arn:aws:sqs:us-east-1:333333333333:jobs',
      '<account> arn:aws:sqs:us-east-1:${data.aws_caller_identity.current.account_id}:jobs',
    ])
    expect(principals.map((p) => `${p.arn} ${p.lifecycle}`).sort()).toEqual(
      [
        `arn:aws:iam::${ACCOUNT}:role/here exists`,
        `arn:aws:iam::${ACCOUNT}:role/east2 exists`,
        'arn:aws:iam::222222222222:role/app exists',
        'arn:aws:iam::222222222222:role/ops exists',
        'arn:aws:iam::333333333333:role/app exists',
        'arn:aws:iam::333333333333:role/ops exists',
        'arn:aws:iam::<account>:role/app unknown',
        'arn:aws:iam::<account>:role/ops unknown',
        `arn:aws:iam::${ACCOUNT}:role/app exists`,
        `arn:aws:iam::${ACCOUNT}:role/ops exists`,
      ].sort(),
    )
  })

  it('names the module block that calls installed code a problem is in, with and without a plan', async () => {
    const files = {
      'infra/main.tf': [
        'locals { name = "app" }',
        'module "iam" {',
        '  source = "acme/iam/aws"',
        '  name   = local.name',
        '}',
      ].join('\n'),
      'infra/.terraform/modules/modules.json': JSON.stringify({
        Modules: [
          { Key: '', Source: '', Dir: '.' },
          { Key: 'iam', Source: 'registry.terraform.io/acme/iam/aws', Dir: '.terraform/modules/iam' },
          { Key: 'iam.inner', Source: './inner', Dir: '.terraform/modules/iam/inner' },
        ],
      }),
      'infra/.terraform/modules/iam/main.tf':
        'variable "name" {}\nmodule "inner" {\n  source = "./inner"\n  name   = var.name\n}\n',
      'infra/.terraform/modules/iam/inner/main.tf': [
        'variable "name" {}',
        'resource "aws_iam_role" "this" { name = var.name }',
        'resource "aws_iam_role_policy" "this" {',
        '  role   = aws_iam_role.this.id',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "bad-sid", Effect = "Allow", Action = "s3:*", Resource = "*" }] })',
        '}',
      ].join('\n'),
    }
    const said =
      'infra/.terraform/modules/iam/inner/main.tf:5:70: module.iam.module.inner.aws_iam_role_policy.this: Statement[0]: "Sid": "bad-sid" is not valid; ' +
      'expected letters and digits only (A-Z, a-z, 0-9), as IAM refuses the policy otherwise: such as "badSid" ' +
      '(in module "iam", called at infra/main.tf:2: code terraform init installed)'
    const code = await load(await workspace(files, `  - root: infra\n    account: "${ACCOUNT}"`))
    expect(code.problems).toEqual([said])
    const address = 'module.iam.module.inner.aws_iam_role_policy.this'
    const withPlan = await load(
      await workspace({
        ...files,
        'infra/plan.json': JSON.stringify({
          format_version: '1.2',
          planned_values: {
            root_module: {
              child_modules: [
                {
                  address: 'module.iam.module.inner',
                  resources: [
                    {
                      address: 'module.iam.module.inner.aws_iam_role.this',
                      mode: 'managed',
                      type: 'aws_iam_role',
                      name: 'this',
                      values: { name: 'app' },
                    },
                    {
                      address,
                      mode: 'managed',
                      type: 'aws_iam_role_policy',
                      name: 'this',
                      values: { role: 'app' },
                    },
                  ],
                },
              ],
            },
          },
          resource_changes: [],
          configuration: {
            root_module: {
              module_calls: {
                iam: {
                  source: 'acme/iam/aws',
                  module: { module_calls: { inner: { source: './inner', module: {} } } },
                },
              },
            },
          },
        }),
      }),
    )
    expect(withPlan.problems).toEqual([said])
  })

  it('places what a registry module `terraform init` installed writes at the repository line that calls it', async () => {
    // .terraform/modules is Terraform's working copy, not the repository's code: no one edits it, and an
    // annotation there shows on no file of the pull request. What the caller passes in stays where the
    // caller writes it.
    const installed = [
      'variable "actions" { type = list(string) }',
      'variable "resources" { default = ["*"] }',
      'resource "aws_iam_role" "this" { name = "app" }',
      'resource "aws_iam_role_policy" "this" {',
      '  role   = aws_iam_role.this.id',
      '  policy = jsonencode({ Version = "2012-10-17", Statement = [',
      '    { Effect = "Allow", Action = var.actions, Resource = var.resources },',
      '    { Effect = "Allow", Action = ["logs:*"], Resource = "*" },',
      '  ] })',
      '}',
      'resource "aws_iam_role_policy_attachment" "ro" {',
      '  role       = aws_iam_role.this.id',
      '  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"',
      '}',
      'variable "extra_policy" { type = string }',
      'resource "aws_iam_role_policy_attachment" "extra" {',
      '  role       = aws_iam_role.this.id',
      '  policy_arn = var.extra_policy',
      '}',
      'module "inner" {',
      '  source  = "./modules/inner"',
      '  actions = ["sqs:*"]',
      '}',
    ].join('\n')
    const inner = [
      'variable "actions" { type = list(string) }',
      'resource "aws_iam_role" "inner" { name = "inner" }',
      'resource "aws_iam_role_policy" "inner" {',
      '  role   = aws_iam_role.inner.id',
      '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })',
      '}',
    ].join('\n')
    const principals = await fromCode({
      'infra/main.tf': [
        'locals {',
        '  extra = ["ec2:*"]',
        '}',
        'module "app" {',
        '  source  = "acme/app/aws"',
        '  actions = concat(["s3:*"], local.extra)',
        '  extra_policy = "arn:aws:iam::aws:policy/AWSXrayReadOnlyAccess"',
        '}',
      ].join('\n'),
      'infra/.terraform/modules/modules.json': JSON.stringify({
        Modules: [
          { Key: '', Source: '', Dir: '.' },
          { Key: 'app', Source: 'registry.terraform.io/acme/app/aws', Dir: '.terraform/modules/app' },
          { Key: 'app.inner', Source: './modules/inner', Dir: '.terraform/modules/app/modules/inner' },
        ],
      }),
      'infra/.terraform/modules/app/main.tf': installed,
      'infra/.terraform/modules/app/modules/inner/main.tf': inner,
    })
    const byArn = new Map(principals.map((p) => [p.arn.split('/').pop(), p]))
    const app = byArn.get('app')
    const inners = byArn.get('inner')
    expect([app?.source, inners?.source]).toMatchObject([
      { file: 'infra/main.tf', line: 4, address: 'module.app.aws_iam_role.this' },
      { file: 'infra/main.tf', line: 4, address: 'module.app.module.inner.aws_iam_role.inner' },
    ])
    expect(app?.policies.slice(0, 1).flatMap(where)).toEqual([
      // The caller's list where main.tf writes it; the module's own default and literals at the call.
      ['infra/main.tf', '4:1', 's3:*@4:1 (infra/main.tf:6:21) ec2:*@4:1 (infra/main.tf:2:12)', '*@4:1'],
      ['infra/main.tf', '4:1', 'logs:*@4:1', '*@4:1'],
    ])
    // The AWS managed policy the module attaches, at the call too; and no edit of installed code offered.
    expect(app?.policies.map((d) => [d.file, d.source?.kind, d.site === undefined])).toEqual([
      ['infra/main.tf', 'terraform', true],
      ['infra/main.tf', 'aws-managed-policy', true],
      ['infra/main.tf', 'aws-managed-policy', true],
    ])
    // One whose ARN the caller passes in stands where the caller writes the ARN.
    const xray = app?.policies[2]?.statements[0]?.actions[0]
    expect([xray?.line, xray?.written]).toEqual([4, { file: 'infra/main.tf', line: 7, column: 18 }])
    // Its statements stand in the document's file; only entries are written elsewhere.
    expect(app?.policies[2]?.statements.some((s) => 'written' in s)).toBe(false)
    // A literal of the installed module's own call to its submodule: at the repository's call as well.
    expect(inners?.policies.flatMap(where)).toEqual([['infra/main.tf', '4:1', 'sqs:*@4:1', '*@4:1']])
    const { findings } = analyse(principals, [], await loadCatalog())
    const places = new Set(findings.map((f) => `${f.file}:${f.line}:${f.column}`))
    expect([...places].sort()).toEqual([
      'infra/main.tf:2:12',
      'infra/main.tf:4:1',
      'infra/main.tf:6:21',
      'infra/main.tf:7:18',
    ])
    expect(findings.every((f) => f.policyFile === undefined)).toBe(true)
  })

  it('places the policies of a module whose code is not here at the module block that calls it', async () => {
    const root = await workspace({
      'infra/main.tf': 'module "iam" {\n  source = "terraform-aws-modules/iam/aws"\n}\n',
      'infra/plan.json': JSON.stringify({
        format_version: '1.2',
        planned_values: {
          root_module: {
            child_modules: [
              {
                address: 'module.iam',
                resources: [
                  {
                    ...role('ops'),
                    address: 'module.iam.aws_iam_role.ops',
                    mode: 'managed',
                    type: 'aws_iam_role',
                    name: 'ops',
                  },
                  {
                    address: 'module.iam.aws_iam_role_policy.ops',
                    mode: 'managed',
                    type: 'aws_iam_role_policy',
                    name: 'ops',
                    values: {
                      role: 'ops',
                      policy: JSON.stringify({
                        Version: '2012-10-17',
                        Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }],
                      }),
                    },
                  },
                ],
              },
            ],
          },
        },
        configuration: {
          root_module: { module_calls: { iam: { source: 'terraform-aws-modules/iam/aws', module: {} } } },
        },
      }),
    })
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    const doc = principals[0]?.policies[0]
    expect([
      principals[0]?.arn,
      doc?.file,
      doc?.statements[0]?.line,
      doc?.statements[0]?.actions[0]?.line,
    ]).toEqual([`arn:aws:iam::${ACCOUNT}:role/ops`, 'infra/main.tf', 1, 1])
  })

  it('counts only what the permissions boundary allows, and reads templatefile() documents at the template lines', async () => {
    const root = await workspace({
      'infra/main.tf': [
        'resource "aws_iam_policy" "ceiling" {', // 1
        '  name   = "ceiling"', // 2
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })', // 3
        '}', // 4
        'resource "aws_iam_role" "app" {', // 5
        '  name                 = "app"', // 6
        '  permissions_boundary = aws_iam_policy.ceiling.arn', // 7
        '}', // 8
        'resource "aws_iam_role_policy" "app" {', // 9
        '  role   = aws_iam_role.app.name', // 10
        '  policy = templatefile("${path.module}/app.json.tpl", { bucket = "data" })', // 11
        '}', // 12
      ].join('\n'),
      'infra/app.json.tpl': [
        '{', // 1
        '  "Version": "2012-10-17",', // 2
        '  "Statement": [', // 3
        '    {', // 4
        '      "Effect": "Allow",', // 5
        '      "Action": ["s3:GetObject", "dynamodb:*"],', // 6
        '      "Resource": ["arn:aws:s3:::${bucket}/*", "*"]', // 7
        '    }', // 8
        '  ]', // 9
        '}', // 10
      ].join('\n'),
      'infra/plan.json': plan([
        role('app'),
        {
          address: 'aws_iam_policy.ceiling',
          values: { arn: `arn:aws:iam::${ACCOUNT}:policy/ceiling`, name: 'ceiling' },
        },
        { address: 'aws_iam_role_policy.app', values: { role: 'app' } },
      ]),
    })
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    const [doc] = principals[0]?.policies ?? []
    expect([doc?.file, doc?.statements[0]?.line, doc?.statements[0]?.resources.map((r) => r.value)]).toEqual([
      'infra/app.json.tpl',
      4,
      ['arn:aws:s3:::data/*', '*'],
    ])
    expect(principals[0]?.boundary?.statements[0]?.actions.map((a) => a.value)).toEqual(['s3:*'])
    // dynamodb:* is outside the boundary: no wildcard or Resource "*" finding names a DynamoDB action.
    const { findings } = analyse(principals, [], loadCatalog())
    const named = findings.flatMap((f) => f.actions)
    expect(named.some((a) => a.startsWith('dynamodb:'))).toBe(false)
    expect(findings.some((f) => f.kind === 'wildcard-action')).toBe(false)
    // Without the boundary, the same policy grants DynamoDB broadly.
    const unbounded = analyse([{ ...principals[0], boundary: null } as never], [], loadCatalog())
    expect(
      unbounded.findings.some((f) => f.kind === 'wildcard-action' && f.actions.includes('dynamodb:GetItem')),
    ).toBe(true)
  })
})

describe('policies attached to principals the configuration does not define', () => {
  it('checks them for that principal by name, and a placeholder says when the name is unknown', async () => {
    const root = await workspace(
      {
        'infra/main.tf': [
          'resource "aws_iam_role_policy" "legacy" {', // 1
          '  role   = "legacy-app"', // 2
          '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })', // 3
          '}', // 4
          'resource "aws_iam_role_policy" "later" {', // 5
          '  role   = aws_iam_role.elsewhere.name', // 6
          '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:*", Resource = "*" }] })', // 7
          '}', // 8
        ].join('\n'),
        'infra/plan.json': plan([
          { address: 'aws_iam_role_policy.legacy', values: { role: 'legacy-app' } },
          { address: 'aws_iam_role_policy.later', values: {} },
        ]),
      },
      `  - plan: infra/plan.json\n    account: "${ACCOUNT}"`,
    )
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    expect(
      principals.map((p) => [p.arn, p.lifecycle, p.policies.length, p.unresolved?.map((u) => u.reason)]),
    ).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/legacy-app`, 'exists', 1, []],
      [
        `arn:aws:iam::${ACCOUNT}:role/\${aws_iam_role_policy.later.role}`,
        'unknown',
        1,
        ['the role it applies to is known only after apply'],
      ],
    ])
  })

  it('from the code alone, says why it does not know the principal: a resource not declared, a module output not here', async () => {
    // As in checkov's fixtures, which reference roles their directory does not declare.
    const policy =
      'jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:*", Resource = "*" }] })'
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role_policy" "later" {',
        '  role   = aws_iam_role.elsewhere.name',
        `  policy = ${policy}`,
        '}',
        'module "user" {',
        '  source = "git::https://example.com/user.git"',
        '}',
        'resource "aws_iam_user_policy" "out" {',
        '  user   = module.user.name',
        `  policy = ${policy}`,
        '}',
        'resource "aws_iam_user_policy" "nowhere" {',
        '  user   = module.users.name',
        `  policy = ${policy}`,
        '}',
      ].join('\n'),
    })
    expect(principals.flatMap((p) => (p.unresolved ?? []).map((u) => `${u.address}: ${u.reason}`))).toEqual([
      'aws_iam_role_policy.later: the role it applies to is not known here: aws_iam_role.elsewhere.name: aws_iam_role.elsewhere is not declared in infra',
      'aws_iam_user_policy.out: the user it applies to is not known here: module.user.name: an output of module.user, whose code is not in the workspace',
      'aws_iam_user_policy.nowhere: the user it applies to is not known here: module.users.name: module.users is not declared in infra',
    ])
  })

  it('reads the outputs of modules whose code is here: one call, count, for_each, nested, and cycles', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'module "app" { source = "./role" }', // 1
        'resource "aws_iam_role_policy" "app" {', // 2
        '  role   = module.app.role_name', // 3: an output naming a resource of the module
        `  policy = ${allowOnStar('sqs:*')}`, // 4
        '}', // 5
        'module "users" {', // 6
        '  source = "./user"', // 7
        '  for_each = toset(["alice", "bob"])', // 8
        '  name   = each.key', // 9
        '}', // 10
        'resource "aws_iam_group" "devs" { name = "devs" }', // 11
        'resource "aws_iam_group_policy" "devs" {', // 12
        '  group  = aws_iam_group.devs.name', // 13
        `  policy = ${allowOnStar('sns:*')}`, // 14
        '}', // 15
        'resource "aws_iam_group_membership" "devs" {', // 16
        '  name  = "devs"', // 17
        '  group = aws_iam_group.devs.name', // 18
        '  users = [for u in module.users : u.name]', // 19
        '}', // 20
        'module "ops" {', // 21
        '  source = "./user"', // 22
        '  count  = 2', // 23
        '  name   = "ops-${count.index}"', // 24
        '}', // 25
        'resource "aws_iam_user_policy" "ops" {', // 26
        '  user   = module.ops[1].name', // 27
        `  policy = ${allowOnStar('ec2:*')}`, // 28
        '}', // 29
        'module "wrapper" { source = "./wrapper" }', // 30
        'resource "aws_iam_user_policy" "nested" {', // 31
        '  user   = module.wrapper.inner_name', // 32: an output of an output
        `  policy = ${allowOnStar('kms:*')}`, // 33
        '}', // 34
        'module "loop" {', // 35
        '  source = "./loop"', // 36
        '  given  = module.loop.back', // 37: a cycle Terraform refuses: unknown here, not a hang
        '}', // 38
        'resource "aws_iam_user_policy" "loop" {', // 39
        '  user   = module.loop.back', // 40
        `  policy = ${allowOnStar('sqs:*')}`, // 41
        '}', // 42
        'resource "aws_iam_user_policy" "none" {', // 43
        '  user   = module.app.no_such_output', // 44
        `  policy = ${allowOnStar('sqs:*')}`, // 45
        '}', // 46
      ].join('\n'),
      'infra/role/main.tf': [
        'resource "aws_iam_role" "this" { name = "app-runner" }',
        'output "role_name" { value = aws_iam_role.this.name }',
      ].join('\n'),
      'infra/user/main.tf': [
        'variable "name" { type = string }',
        'resource "aws_iam_user" "this" { name = var.name }',
        'output "name" { value = aws_iam_user.this.name }',
      ].join('\n'),
      'infra/wrapper/main.tf': [
        'module "inner" {',
        '  source = "../user"',
        '  name   = "wrapped"',
        '}',
        'output "inner_name" { value = module.inner.name }',
      ].join('\n'),
      'infra/loop/main.tf': 'variable "given" {}\noutput "back" { value = var.given }\n',
    })
    const byArn = new Map(principals.map((p) => [p.arn.slice(p.arn.indexOf(':', 21) + 1), p]))
    const granted = (arn: string) => byArn.get(arn)?.policies.map(actions)
    expect(granted('role/app-runner')).toEqual(['sqs:*'])
    expect(byArn.get('role/app-runner')?.policies[0]?.statements[0]?.line).toBe(4)
    expect(granted('user/alice')).toEqual(['sns:*'])
    expect(granted('user/bob')).toEqual(['sns:*'])
    expect(granted('user/ops-0')).toEqual([])
    expect(granted('user/ops-1')).toEqual(['ec2:*'])
    expect(granted('user/wrapped')).toEqual(['kms:*'])
    expect(principals.flatMap((p) => (p.unresolved ?? []).map((u) => `${u.address}: ${u.reason}`))).toEqual([
      'aws_iam_user_policy.loop: the user it applies to is not known here: module.loop.back depends on itself',
      'aws_iam_user_policy.none: the user it applies to is not known here: module.app.no_such_output: the module has no output "no_such_output"',
    ])
  })

  it('with a plan, reads a module output from the planned values of the module it names', async () => {
    const bucket = {
      address: 'module.bucket.aws_s3_bucket.this',
      mode: 'managed',
      type: 'aws_s3_bucket',
      name: 'this',
      values: { arn: 'arn:aws:s3:::logs', bucket: 'logs' },
    }
    const resources = [
      { ...role('app'), mode: 'managed', type: 'aws_iam_role', name: 'app' },
      {
        address: 'aws_iam_role_policy.read',
        mode: 'managed',
        type: 'aws_iam_role_policy',
        name: 'read',
        values: { name: 'read', role: 'app' },
      },
    ]
    const module = { resources, child_modules: [{ address: 'module.bucket', resources: [bucket] }] }
    const root = await workspace({
      'infra/main.tf': [
        'module "bucket" { source = "./bucket" }', // 1
        'resource "aws_iam_role" "app" { name = "app" }', // 2
        'data "aws_iam_policy_document" "read" {', // 3
        '  statement {', // 4
        '    actions   = ["s3:GetObject"]', // 5
        '    resources = [module.bucket.arn]', // 6
        '  }', // 7
        '}', // 8
        'resource "aws_iam_role_policy" "read" {', // 9
        '  role   = aws_iam_role.app.id', // 10
        '  policy = data.aws_iam_policy_document.read.json', // 11
        '}', // 12
      ].join('\n'),
      'infra/bucket/main.tf':
        'resource "aws_s3_bucket" "this" { bucket = "logs" }\noutput "arn" { value = aws_s3_bucket.this.arn }\n',
      'infra/plan.json': JSON.stringify({
        format_version: '1.2',
        planned_values: { root_module: module },
        prior_state: { values: { root_module: module } },
        resource_changes: [],
        configuration: { root_module: { module_calls: { bucket: { source: './bucket', module: {} } } } },
      }),
    })
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    expect(principals.map((p) => [p.arn, p.policies.flatMap(where), p.unresolved])).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:role/app`,
        // The ARN is the plan's; the output that passes it on is written in the module.
        [['infra/main.tf', '4:3', 's3:GetObject@5:18', 'arn:aws:s3:::logs@6:18 (infra/bucket/main.tf:2:24)']],
        [],
      ],
    ])
    // s3:GetObject acts on objects, not on the bucket the output names: as written it grants nothing.
    const { findings } = analyse(principals, [], loadCatalog())
    expect(findings.map((f) => [f.kind, f.line])).toEqual([['ineffective-grant', 5]])
  })

  it('does not count a list flatten() made of what is not known here', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'variable "more" { type = list(string) }', // given by the caller: not known here
        'resource "aws_iam_user" "u" {',
        '  count = length(flatten([["a", "b"], var.more]))',
        '  name  = "u-${count.index}"',
        '}',
        'resource "aws_iam_user" "known" {',
        '  count = length(flatten([["a"], [["b", "c"]]]))',
        '  name  = "k-${count.index}"',
        '}',
      ].join('\n'),
    })
    // Terraform's length is unknown there: one instance, assumed, as for any count not known here;
    // not three, as if var.more were one user.
    expect(principals.map((p) => [p.arn.split(':').at(-1), p.lifecycle])).toEqual([
      ['user/u-0', 'exists'],
      ['user/k-0', 'exists'],
      ['user/k-1', 'exists'],
      ['user/k-2', 'exists'],
    ])
  })

  it('attaches a policy of one module to a role of another, both named by module outputs', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'module "role" {',
        '  source = "./role"',
        '  name   = "app"',
        '}',
        'module "policy" { source = "./policy" }',
        'resource "aws_iam_role_policy_attachment" "logs" {',
        '  role       = module.role.name',
        '  policy_arn = module.policy.arn',
        '}',
        'resource "aws_iam_role_policy_attachment" "ecs" {',
        '  role       = module.role.id', // known after apply: the role it is the id of
        '  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"',
        '}',
      ].join('\n'),
      'infra/role/main.tf': [
        'variable "name" {}',
        'resource "aws_iam_role" "this" { name = var.name }',
        'output "name" { value = aws_iam_role.this.name }',
        'output "id" { value = aws_iam_role.this.id }',
      ].join('\n'),
      'infra/policy/main.tf': [
        'resource "aws_iam_policy" "this" {',
        '  name   = "logs"',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "logs:*", Resource = "*" }] })',
        '}',
        'output "arn" { value = aws_iam_policy.this.arn }',
      ].join('\n'),
    })
    expect(principals.map((p) => [p.arn, p.policies.map((d) => d.file), p.unresolved])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/app`, ['infra/policy/main.tf', 'infra/main.tf'], []],
    ])
    expect(principals[0]?.policies.map(actions)).toEqual([
      'logs:*',
      expect.stringContaining('ecr:GetAuthorizationToken'),
    ])
  })
})

describe('hostile Terraform input', () => {
  it('follows a chain of locals or policy documents only so deep: the policy unresolved, not a RangeError', async () => {
    const role = 'resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = "{}"\n}'
    const locals = Array.from({ length: 2_000 }, (_, i) => `  a${i} = local.a${i + 1}`)
    const chained = await load(
      await workspace(
        {
          'infra/main.tf': [
            `locals {\n${locals.join('\n')}\n  a2000 = "s3:GetObject"\n}`,
            role,
            'resource "aws_iam_role_policy" "p" {',
            '  role   = aws_iam_role.r.id',
            '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = local.a0, Resource = "*" }] })',
            '}',
          ].join('\n'),
        },
        '  - root: infra',
      ),
    )
    expect(chained.problems).toEqual([])
    // Said for what it is, not as the placeholder it leaves ('"${local.a0}" is not an IAM action').
    expect(chained.principals[0]?.unresolved?.map((u) => [u.address, u.reason])).toEqual([
      ['aws_iam_role_policy.p', 'it follows references more than 250 deep (a local naming a local …)'],
    ])
    // Each document the source of the one before: 700 of them.
    const documents = Array.from(
      { length: 700 },
      (_, i) =>
        `data "aws_iam_policy_document" "d${i}" {\n  source_policy_documents = [data.aws_iam_policy_document.d${i + 1}.json]\n}`,
    )
    const sourced = await load(
      await workspace(
        {
          'infra/main.tf': [
            ...documents,
            'data "aws_iam_policy_document" "d700" {\n  statement {\n    actions   = ["s3:*"]\n    resources = ["*"]\n  }\n}',
            role,
            'resource "aws_iam_role_policy" "p" {',
            '  role   = aws_iam_role.r.id',
            '  policy = data.aws_iam_policy_document.d0.json',
            '}',
          ].join('\n'),
        },
        '  - root: infra',
      ),
    )
    expect(sourced.problems).toEqual([])
    expect(sourced.principals[0]?.unresolved?.map((u) => u.address)).toEqual(['aws_iam_role_policy.p'])
    expect(sourced.principals[0]?.unresolved?.[0]?.reason).toBe(
      'it follows references more than 250 deep (a local naming a local …)',
    )
  })

  const ROLE_WITH = (document: string) =>
    [
      'resource "aws_iam_role" "r" {\n  name               = "r"\n  assume_role_policy = "{}"\n}',
      `resource "aws_iam_role_policy" "p" {\n  role   = aws_iam_role.r.id\n  policy = data.aws_iam_policy_document.${document}.json\n}`,
    ].join('\n')

  it('says a policy document that is its own source is a cycle, as Terraform refuses it', async () => {
    const document = (name: string, source: string) =>
      `data "aws_iam_policy_document" "${name}" {\n  source_policy_documents = [data.aws_iam_policy_document.${source}.json]\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["*"]\n  }\n}`
    const { principals, problems } = await load(
      await workspace(
        { 'infra/main.tf': [document('a', 'b'), document('b', 'a'), ROLE_WITH('a')].join('\n') },
        '  - root: infra',
      ),
    )
    expect(problems).toEqual([])
    expect(principals[0]?.unresolved?.map((u) => u.reason)).toEqual([
      'a source policy document that is not known here: data.aws_iam_policy_document.a depends on itself (Terraform refuses the cycle)',
    ])
  })

  // Not a speed target (~0.1 s here): a guard. Each document was rendered wherever it was named, so one
  // naming its source twice doubled the work at each link: 20 links took 15 s, 150 would take ages.
  it.each([
    [40, null],
    [150, 'it follows references more than 250 deep (a local naming a local …)'],
  ])(
    'renders a chain of %i documents, each naming the one before twice, once each',
    {
      timeout: 10_000,
    },
    async (links, reason) => {
      const documents = Array.from({ length: links }, (_, i) => {
        const before = `data.aws_iam_policy_document.d${i - 1}.json`
        return [
          `data "aws_iam_policy_document" "d${i}" {`,
          i === 0 ? '' : `  source_policy_documents = [${before}, ${before}]`,
          `  statement {\n    sid       = "S${i}"\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::b/${i}/*"]\n  }`,
          '}',
        ].join('\n')
      })
      const { principals, problems } = await load(
        await workspace(
          { 'infra/main.tf': [...documents, ROLE_WITH(`d${links - 1}`)].join('\n') },
          '  - root: infra',
        ),
      )
      expect(problems).toEqual([])
      const [principal] = principals
      expect(principal?.unresolved?.map((u) => u.reason) ?? []).toEqual(reason ? [reason] : [])
      if (!reason) expect(principal?.policies[0]?.statements.map((s) => s.sid)).toHaveLength(links)
    },
  )

  it('keeps a text that outgrows what is read from ending the run: a doubling chain, a replace() of each letter', {
    timeout: 20_000,
  }, async () => {
    // Each local (or queue name) twice the one before: 2^30 characters ended the run with "Invalid
    // string length". And replace() of each of 200,000 letters by 200,000 others.
    const doubling = (link: (i: number) => string, last: string) => ({
      'infra/main.tf': [
        ...Array.from({ length: 40 }, (_, i) => link(i)),
        'resource "aws_iam_role" "r" {',
        `  name               = substr(${last}, 0, 10)`,
        '  assume_role_policy = "{}"',
        '}',
        'resource "aws_iam_role_policy" "p" {',
        '  role   = aws_iam_role.r.id',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage",',
        `    Resource = "arn:aws:sqs:us-east-1:111122223333:\${${last}}" }] })`,
        '}',
      ].join('\n'),
    })
    const locals = doubling(
      (i) => `locals {\n  q${i} = ${i === 0 ? '"q"' : `"\${local.q${i - 1}}\${local.q${i - 1}}"`}\n}`,
      'local.q39',
    )
    const queues = doubling(
      (i) =>
        `resource "aws_sqs_queue" "q${i}" {\n  name = ${i === 0 ? '"q"' : `"\${aws_sqs_queue.q${i - 1}.name}\${aws_sqs_queue.q${i - 1}.name}"`}\n}`,
      'aws_sqs_queue.q39.name',
    )
    const replaced = {
      'infra/big.txt': 'a'.repeat(200_000),
      'infra/main.tf': [
        'locals {',
        '  big = replace(file("${path.module}/big.txt"), "a", file("${path.module}/big.txt"))',
        '}',
        'resource "aws_iam_role" "r" {',
        '  name               = "app-${substr(local.big, 0, 3)}"',
        '  assume_role_policy = "{}"',
        '}',
      ].join('\n'),
    }
    // The role's name is not known, and says so: its cut of a text with a placeholder is not taken for
    // the placeholder's first letters.
    const cases: [Record<string, string>, string][] = [
      [locals, '${aws_iam_role.r.name}'],
      [queues, '${aws_iam_role.r.name}'],
      [replaced, 'app-${substr(local.big, 0, 3)}'],
    ]
    for (const [files, name] of cases) {
      const { principals, problems } = await load(
        await workspace(files, `  - root: infra\n    account: "${ACCOUNT}"`),
      )
      expect(problems).toEqual([])
      expect(principals.map((p) => p.arn)).toEqual([`arn:aws:iam::${ACCOUNT}:role/${name}`])
    }
  })

  // Not a speed target (~1 s here): a guard. Statements were merged by Sid with a search of those before
  // each, so 16,000 statements a dynamic block makes, each with a Sid of its own, took 14 s.
  it('merges many statements by Sid in linear time, the override in the place of the one it replaces', {
    timeout: 10_000,
  }, async () => {
    const root = await workspace(
      {
        'infra/main.tf': [
          'data "aws_iam_policy_document" "many" {',
          '  dynamic "statement" {',
          '    for_each = range(16000)',
          '    content {',
          '      sid       = "S${statement.value}"',
          '      actions   = ["s3:GetObject"]',
          '      resources = ["arn:aws:s3:::b${statement.value}/*"]',
          '    }',
          '  }',
          '}',
          'data "aws_iam_policy_document" "narrow" {',
          '  statement {',
          '    sid       = "S5"',
          '    actions   = ["s3:GetObject"]',
          '    resources = ["arn:aws:s3:::narrow/*"]',
          '  }',
          '}',
          'data "aws_iam_policy_document" "merged" {',
          '  source_policy_documents   = [data.aws_iam_policy_document.many.json]',
          '  override_policy_documents = [data.aws_iam_policy_document.narrow.json]',
          '}',
          'resource "aws_iam_role" "r" {',
          '  name               = "r"',
          '  assume_role_policy = "{}"',
          '}',
          'resource "aws_iam_role_policy" "p" {',
          '  role   = aws_iam_role.r.id',
          '  policy = data.aws_iam_policy_document.merged.json',
          '}',
        ].join('\n'),
      },
      `  - root: infra\n    account: "${ACCOUNT}"`,
    )
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    const statements = principals[0]?.policies[0]?.statements ?? []
    expect(statements).toHaveLength(16_000)
    expect(statements.slice(4, 7).map((s) => [s.sid, s.resources[0]?.value])).toEqual([
      ['S4', 'arn:aws:s3:::b4/*'],
      ['S5', 'arn:aws:s3:::narrow/*'],
      ['S6', 'arn:aws:s3:::b6/*'],
    ])
  })

  it('names a .tf file or plan that links out of the workspace, and reads neither', async () => {
    const { symlink } = await import('node:fs/promises')
    const outside = await mkdtemp(join(tmpdir(), 'ipd-outside-'))
    await writeFile(join(outside, 'secret.tf'), 'resource "aws_iam_role" "x" { name = "x" }\n')
    await writeFile(join(outside, 'plan.json'), plan([role('x')]))
    const root = await workspace({ 'infra/main.tf': '' })
    await symlink(join(outside, 'secret.tf'), join(root, 'infra', 'secret.tf'))
    await symlink(join(outside, 'plan.json'), join(root, 'infra', 'plan.json'))
    expect((await load(root)).problems).toEqual([
      '.github/iam-policy-drift.yml:2: terraform: plan: "infra/plan.json" is a symlink that leads outside the workspace; it is not read',
    ])
    const codeOnly = await workspace({ 'infra/main.tf': '' }, '  - root: infra')
    await symlink(join(outside, 'secret.tf'), join(codeOnly, 'infra', 'secret.tf'))
    expect((await load(codeOnly)).problems).toEqual([
      'infra/secret.tf:1: a symlink that leads outside the workspace; not read',
    ])
  })

  // A monorepo that links a shared module into each root: a pull request changes shared/role/*, and an
  // annotation on infra/modules/role/* (the link, one line of text in a diff) would show nowhere.
  it('names the files of a module reached through a symlink where they are, and resolves sources as written', async () => {
    const root = await workspace(
      {
        'infra/main.tf': 'module "app" {\n  source = "./modules/role"\n  name   = "app"\n}\n',
        'shared/role/main.tf': [
          'variable "name" { type = string }',
          'module "policy" { source = "../policy" }', // from the link: infra/modules/policy
          'resource "aws_iam_role" "r" {',
          '  name               = var.name',
          '  assume_role_policy = "{}"',
          '}',
          'resource "aws_iam_role_policy" "p" {',
          '  role   = aws_iam_role.r.id',
          '  policy = file("${path.module}/policy.json")',
          '}',
          '',
        ].join('\n'),
        'shared/role/policy.json':
          '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}',
        'infra/modules/policy/main.tf':
          'resource "aws_iam_user" "u" { name = "ci" }\nresource "aws_iam_user_policy" "u" {\n  user   = aws_iam_user.u.name\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })\n}\n',
      },
      `  - root: infra\n    account: "${ACCOUNT}"`,
    )
    await symlink('../../shared/role', join(root, 'infra', 'modules', 'role'))
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    expect(principals.map((p) => [p.arn, p.source?.file, p.policies.map((d) => d.file)])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/app`, 'shared/role/main.tf', ['shared/role/policy.json']],
      [`arn:aws:iam::${ACCOUNT}:user/ci`, 'infra/modules/policy/main.tf', ['infra/modules/policy/main.tf']],
    ])
    // Under `**` the module's directory is matched too: read through the root that calls it, not as a
    // root of its own (a second role named `${aws_iam_role.r.name}`).
    await writeFile(
      join(root, '.github', 'iam-policy-drift.yml'),
      `terraform:\n  - root: "**"\n    account: "${ACCOUNT}"\n`,
    )
    const all = await load(root)
    expect(all.problems).toEqual([])
    expect(all.principals.map((p) => p.arn)).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/app`,
      `arn:aws:iam::${ACCOUNT}:user/ci`,
    ])
  })

  it('refuses a module that calls itself, and follows only so many module calls', async () => {
    const calls = (source: string) =>
      [1, 2, 3, 4, 5, 6].map((i) => `module "c${i}" { source = "${source}" }`).join('\n')
    const cycle = await workspace(
      { 'infra/main.tf': `${calls('./')}\nresource "aws_iam_user" "u" { name = "u" }\n` },
      '  - root: infra',
    )
    expect((await load(cycle)).problems).toEqual([
      'infra/main.tf:1:1: module.c1: its source "./" is a module that calls it (infra): a cycle of modules, which Terraform refuses',
    ])
    // Sixteen levels of six calls each, without a cycle: millions of calls, followed to 2,000.
    const files: Record<string, string> = {
      'infra/main.tf': 'module "top" { source = "./m1" }\nresource "aws_iam_user" "u" { name = "u" }\n',
    }
    for (let level = 1; level <= 16; level++) files[`infra/m${level}/main.tf`] = calls(`../m${level + 1}`)
    const { principals, problems } = await load(await workspace(files, '  - root: infra'))
    expect(principals).toEqual([])
    expect(problems).toEqual([
      expect.stringMatching(
        /^infra\/m\d+\/main\.tf:1:1: module\.top(\.module\.c\d)+: more than 2,000 module calls in this configuration; its code is not followed that far\. Give the plan \(plan:\) instead$/,
      ),
    ])
  })

  it('reads nested counted modules only so far: a clean problem, or outputs left unknown, not an endless run', async () => {
    const files = (inner: string) => ({
      'infra/main.tf': [
        'module "a" {',
        '  source = "./a"',
        '  count  = 10000',
        '}',
        'resource "aws_iam_user_policy" "p" {',
        '  user   = module.a[9999].v[0]',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:*", Resource = "*" }] })',
        '}',
      ].join('\n'),
      'infra/a/main.tf':
        'module "b" {\n  source = "../b"\n  count  = 10000\n}\noutput "v" { value = [for x in module.b : x.v] }\n',
      'infra/b/main.tf': `output "v" { value = "x" }\n${inner}`,
    })
    // A hundred million module instances without an IAM resource: not walked; their outputs, as far as
    // the budget goes.
    const quiet = await fromCode(files(''))
    expect(quiet.flatMap((p) => (p.unresolved ?? []).map((u) => u.reason))).toEqual([
      expect.stringContaining('more module outputs than are evaluated here (100,000)'),
    ])
    // With one: a clean problem that names where, and nothing read.
    const root = await workspace(files('resource "aws_iam_user" "x" { name = "x" }\n'), '  - root: infra')
    const { principals, problems } = await load(root)
    expect(principals).toEqual([])
    expect(problems).toEqual([
      expect.stringMatching(
        /^infra\/[ab]\/main\.tf:\d+:1: module\.a\[\d+\]\.module\.b\S*: with the modules and resources around it, more than 20,000 instances \(count and for_each multiply down nested modules\); the code is not read that far\. Give the plan \(plan:\) instead$/,
      ),
    ])
  })

  it('refuses one count or for_each past the instance budget at its line, rather than reading the first 10,000', async () => {
    const role = (meta: string) =>
      `resource "aws_iam_role" "r" {\n  ${meta}\n  name               = "r-\${count.index}"\n  assume_role_policy = "{}"\n}\n`
    const counted = await load(
      await workspace({ 'infra/main.tf': role('count = 100000000') }, '  - root: infra'),
    )
    expect(counted.principals).toEqual([])
    expect(counted.problems).toEqual([
      'infra/main.tf:2:3: aws_iam_role.r: its count makes more than 20,000 instances; the code is not read that far. Give the plan (plan:) instead',
    ])
    const names = Array.from({ length: 20_001 }, (_, i) => `"r${i}"`).join(', ')
    const keyed = await load(
      await workspace(
        { 'infra/main.tf': role(`for_each = toset([${names}])`).replace('${count.index}', '${each.key}') },
        '  - root: infra',
      ),
    )
    expect(keyed.problems).toEqual([
      'infra/main.tf:2:3: aws_iam_role.r: its for_each makes more than 20,000 instances; the code is not read that far. Give the plan (plan:) instead',
    ])
    // Up to the budget, every instance is read.
    const many = await load(await workspace({ 'infra/main.tf': role('count = 12000') }, '  - root: infra'))
    expect(many.problems).toEqual([])
    expect(many.principals.length).toBe(12_000)
  })

  // Realistic, not hostile: a list of names in a variable, one role per name. Each reference made the
  // variable's list again, spending its length from the budget of values (MAX_VALUES) once per instance
  // and reference: at 500 names and two resources half the policies were "more values than one reading
  // makes", at 1,000 the roles too. Not a speed target (~2 s here) either: a guard, as the list shaped by
  // its type for each reference took 28 s for 19,000 roles.
  it.each([
    ['count = length(var.names)', 'var.names[count.index]'],
    ['for_each = toset(var.names)', 'each.value'],
  ])(
    'reads every instance of %s over a variable of 19,000 names',
    { timeout: 10_000 },
    async (meta, name) => {
      const count = 19_000
      const code = [
        namesVariable(count),
        'resource "aws_iam_role" "r" {',
        `  ${meta}`,
        `  name               = ${name}`,
        '  assume_role_policy = "{}"',
        '  inline_policy {',
        '    name   = "read"',
        `    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::\${${name}}/*" }] })`,
        '  }',
        '}',
      ].join('\n')
      const principals = await fromCode({ 'infra/main.tf': code })
      expect(principals).toHaveLength(count)
      expect(principals.filter((p) => p.unresolved?.length)).toEqual([])
      const last = principals.find((p) => p.arn.endsWith(`role/n${count - 1}`))
      const resources = last?.policies.flatMap((d) =>
        d.statements.flatMap((s) => s.resources.map((r) => r.value)),
      )
      expect(resources).toEqual([`arn:aws:s3:::n${count - 1}/*`])
    },
  )

  // A document of 100 statements for 3,000 roles: rendered wherever it was named, it spent the budget of
  // values on each, and the last roles' policies were "${…}" for actions, or not there at all.
  it('renders one policy document however many policies name it', async () => {
    const statements = Array.from(
      { length: 100 },
      (_, i) =>
        `  statement {\n    sid       = "S${i}"\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::b${i}/*"]\n  }`,
    )
    const code = [
      `data "aws_iam_policy_document" "shared" {\n${statements.join('\n')}\n}`,
      'resource "aws_iam_role" "r" {',
      '  count              = 3000',
      '  name               = "r-${count.index}"',
      '  assume_role_policy = "{}"',
      '}',
      'resource "aws_iam_role_policy" "p" {',
      '  count  = 3000',
      '  role   = aws_iam_role.r[count.index].id',
      '  policy = data.aws_iam_policy_document.shared.json',
      '}',
    ].join('\n')
    const principals = await fromCode({ 'infra/main.tf': code })
    expect(principals).toHaveLength(3_000)
    expect(principals.filter((p) => p.unresolved?.length)).toEqual([])
    expect(principals.map((p) => p.policies[0]?.statements.length)).toEqual(Array(3_000).fill(100))
  })

  // Each of 1,500 roles granted on all 1,500 buckets: 2.25 million values, past the budget of 2 million.
  // The policies past it said what the bound did, not that "${[…]}" (the placeholder of the list of
  // actions it cut) is not an IAM action.
  it('says a policy past the budget of values is unresolved for that reason', async () => {
    const code = [
      namesVariable(1_500),
      'data "aws_iam_policy_document" "all" {',
      '  count = length(var.names)',
      '  statement {',
      '    resources = [for n in var.names : "arn:aws:s3:::${n}/*"]',
      '    actions   = ["s3:GetObject"]',
      '  }',
      '}',
      'resource "aws_iam_role" "r" {',
      '  count              = length(var.names)',
      '  name               = var.names[count.index]',
      '  assume_role_policy = "{}"',
      '  inline_policy {',
      '    name   = "all"',
      '    policy = data.aws_iam_policy_document.all[count.index].json',
      '  }',
      '}',
    ].join('\n')
    const principals = await fromCode({ 'infra/main.tf': code })
    const reasons = new Set(principals.flatMap((p) => p.unresolved?.map((u) => u.reason) ?? []))
    expect([...reasons]).toEqual(['more values than one reading of the code makes here (2,000,000)'])
    // Those before the bound are read whole.
    expect(
      principals.find((p) => p.arn.endsWith('role/n0'))?.policies[0]?.statements[0]?.resources,
    ).toHaveLength(1_500)
  })

  // Not a speed target (~1 s here): a guard. Each role naming its own instance of a counted document made
  // the list of all of them again: 8,000 took 25 s.
  it('reads 10,000 roles each naming its instance of a counted policy document', {
    timeout: 10_000,
  }, async () => {
    const code = [
      'data "aws_iam_policy_document" "d" {',
      '  count = 10000',
      '  statement {',
      '    actions   = ["s3:GetObject"]',
      '    resources = ["arn:aws:s3:::b${count.index}/*"]',
      '  }',
      '}',
      'resource "aws_iam_role" "r" {',
      '  count              = 10000',
      '  name               = "r${count.index}"',
      '  assume_role_policy = "{}"',
      '  inline_policy {',
      '    name   = "read"',
      '    policy = data.aws_iam_policy_document.d[count.index].json',
      '  }',
      '}',
    ].join('\n')
    const principals = await fromCode({ 'infra/main.tf': code })
    expect(principals).toHaveLength(10_000)
    const last = principals.find((p) => p.arn.endsWith('role/r9999'))
    expect(last?.policies[0]?.statements[0]?.resources.map((r) => r.value)).toEqual(['arn:aws:s3:::b9999/*'])
  })

  // Two resources over one list: the budget was spent for each reference of each.
  it('reads a role and a policy for each of 1,000 names', async () => {
    const code = [
      namesVariable(1_000),
      'resource "aws_iam_role" "r" {',
      '  count              = length(var.names)',
      '  name               = var.names[count.index]',
      '  assume_role_policy = "{}"',
      '}',
      'resource "aws_iam_role_policy" "p" {',
      '  for_each = toset(var.names)',
      '  role     = aws_iam_role.r[index(var.names, each.key)].id',
      '  policy   = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::${each.value}/*" }] })',
      '}',
    ].join('\n')
    const principals = await fromCode({ 'infra/main.tf': code })
    expect(principals).toHaveLength(1_000)
    expect(principals.filter((p) => p.unresolved?.length)).toEqual([])
    expect(principals.every((p) => p.policies.length === 1)).toBe(true)
  })

  it('ends in principals or a clean problem for 300 mutations of the example plan and code, never a crash', async () => {
    const { REPO_ROOT } = await import('../world/runner.js')
    const { readFile } = await import('node:fs/promises')
    const tf = await readFile(join(REPO_ROOT, 'examples', 'terraform', 'main.tf'), 'utf8')
    const planText = await readFile(join(REPO_ROOT, 'examples', 'terraform', 'plan.json'), 'utf8')
    let seed = 20261201
    const random = (n: number) => {
      seed = (seed * 48271) % 2147483647
      return seed % n
    }
    const mutate = (text: string): string => {
      const at = random(text.length)
      switch (random(5)) {
        case 0:
          return text.slice(0, at) // truncated
        case 1:
          return `${text.slice(0, at)}${'[{('[random(3)]?.repeat(random(3000))}${text.slice(at)}` // deep
        case 2:
          return `${text.slice(0, at)}${text.slice(at + random(200))}` // a piece missing
        case 3:
          return `${text.slice(0, at)}${String.fromCharCode(random(0x3000))}${text.slice(at + 1)}` // a character changed
        default:
          return `${text.slice(0, at)}\${${text.slice(at, at + random(40))}}${text.slice(at)}` // an interpolation
      }
    }
    let outcomes = 0
    for (let i = 0; i < 300; i++) {
      const mutatePlan = i % 2 === 0
      const root = await workspace({
        'infra/main.tf': mutatePlan ? tf : mutate(tf),
        'infra/plan.json': mutatePlan ? mutate(planText) : planText,
      })
      const { principals, problems } = await load(root)
      // Every problem names a file; a run either has problems or principals to check.
      for (const problem of problems) expect(problem, problem).toMatch(/^(infra\/|\.github\/)\S+:\d+/)
      if (problems.length > 0 || principals.length > 0) outcomes++
    }
    expect(outcomes).toBe(300)
    // The Wing compiler's JSON syntax, mutated the same ways, read without a plan.
    const json = await readFile(
      join(REPO_ROOT, 'test', 'fixtures', 'terraform', 'winglang', 'main.tf.json'),
      'utf8',
    )
    for (let i = 0; i < 150; i++) {
      const root = await workspace(
        { 'infra/main.tf.json': mutate(json) },
        `  - root: infra\n    account: "${ACCOUNT}"`,
      )
      const { principals, problems } = await load(root)
      for (const problem of problems) expect(problem, problem).toMatch(/^(infra\/|\.github\/)\S+:\d+/)
      if (problems.length > 0 || principals.length > 0) outcomes++
    }
    // Nearly every mutation leaves roles to check or a problem to name; none crashes.
    expect(outcomes).toBeGreaterThan(400)
  }, 180_000)
})

describe('for expressions and operators, without a plan', () => {
  // claranet/terraform-aws-lambda's iam.tf (MIT): an optional policy, off by default. The grammar read the
  // chain as `(… ? 0 : var.enabled) ? 1 : 0`, and the module's every use was an unresolved policy.
  it('reads a chain of conditionals as HCL does: an optional policy left out is not there', async () => {
    const module = (policy: string) => ({
      [`infra/${policy}/main.tf`]: [
        'variable "policy" {',
        '  type    = object({ json = string })',
        '  default = null',
        '}',
        'variable "enabled" { default = true }',
        'resource "aws_iam_role" "lambda" {',
        `  name = "${policy}"`,
        '}',
        'resource "aws_iam_policy" "additional" {',
        '  count  = var.policy == null ? 0 : var.enabled ? 1 : 0',
        `  name   = "${policy}"`,
        '  policy = var.policy.json',
        '}',
        'resource "aws_iam_policy_attachment" "additional" {',
        '  count      = var.policy == null ? 0 : var.enabled ? 1 : 0',
        `  name       = "${policy}"`,
        '  roles      = [aws_iam_role.lambda.name]',
        '  policy_arn = aws_iam_policy.additional[0].arn',
        '}',
      ].join('\n'),
    })
    const principals = await fromCode({
      ...module('without'),
      ...module('with'),
      'infra/main.tf': [
        'module "without" { source = "./without" }',
        'module "with" {',
        '  source = "./with"',
        '  policy = { json = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] }) }',
        '}',
      ].join('\n'),
    })
    expect(principals.map(held)).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/without`, [], 0],
      [`arn:aws:iam::${ACCOUNT}:role/with`, ['sqs:SendMessage'], 0],
    ])
  })

  it('expands for_each over a for expression with a condition, and builds policies with them', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'variable "apps" {',
        '  default = { api = { enabled = true, size = 2 }, batch = { enabled = false, size = 1 }, web = { enabled = true, size = 3 } }',
        '}',
        'resource "aws_iam_role" "app" {',
        '  for_each = { for name, app in var.apps : name => app if app.enabled && app.size > 1 }',
        '  name     = "app-${each.key}"',
        '}',
        'resource "aws_iam_role_policy" "app" {',
        '  for_each = aws_iam_role.app',
        '  role     = each.value.name',
        '  policy = jsonencode({',
        '    Version   = "2012-10-17",',
        '    Statement = [for bucket in ["a", "b"] : { Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::${each.key}-${bucket}/*" } if bucket != "b" || each.key == "web"]',
        '  })',
        '}',
      ].join('\n'),
    })
    expect(
      principals.map((p) => [p.arn, p.policies[0]?.statements.map((s) => s.resources[0]?.value)]),
    ).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/app-api`, ['arn:aws:s3:::api-a/*']],
      [`arn:aws:iam::${ACCOUNT}:role/app-web`, ['arn:aws:s3:::web-a/*', 'arn:aws:s3:::web-b/*']],
    ])
    expect(principals[0]?.policies[0]?.statements[0]?.line).toBe(13)
  })

  it('attaches each policy to each role over a setproduct() of the two lists', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'variable "roles" { default = ["app", "ops"] }',
        'variable "policies" { default = ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess"] }',
        'resource "aws_iam_role" "r" {',
        '  for_each = toset(var.roles)',
        '  name     = each.key',
        '}',
        'resource "aws_iam_role_policy_attachment" "a" {',
        '  for_each   = { for pair in setproduct(var.roles, var.policies) : "${pair[0]}-${basename(pair[1])}" => { role = pair[0], arn = pair[1] } }',
        '  role       = aws_iam_role.r[each.value.role].name',
        '  policy_arn = each.value.arn',
        '}',
      ].join('\n'),
    })
    expect(
      principals.map((p) => [
        p.arn,
        p.policies.map((d) => (d.source?.kind === 'aws-managed-policy' ? d.source.arn : d.source?.kind)),
        p.unresolved ?? [],
      ]),
    ).toEqual(
      ['app', 'ops'].map((name) => [
        `arn:aws:iam::${ACCOUNT}:role/${name}`,
        [
          'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
          'arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess',
        ],
        [],
      ]),
    )
  })

  it('gives each counted instance its own of the instances it names (`aws_iam_role.app[count.index]`)', async () => {
    // The list the reference names is made once for the place that names it, and indexed per instance.
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "app" {',
        '  count = 300',
        '  name  = "app-${count.index}"',
        '}',
        'resource "aws_iam_role_policy" "app" {',
        '  count  = 300',
        '  role   = aws_iam_role.app[count.index].name',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b-${count.index}/*" }] })',
        '}',
      ].join('\n'),
    })
    expect(principals).toHaveLength(300)
    for (const p of principals) {
      const i = p.arn.slice(p.arn.lastIndexOf('-') + 1)
      expect(p.policies.flatMap((d) => d.statements.map((s) => s.resources[0]?.value))).toEqual([
        `arn:aws:s3:::b-${i}/*`,
      ])
    }
  })
})

describe('module calls whose code is not in the workspace, without a plan', () => {
  // terraform-aws-eks-blueprints' patterns: a policy made here, given to an IRSA module `terraform init`
  // installs. Its principal guessed at "another root, stack or person"; the code says who.
  it('names the unread module calls a managed policy no one here has is given to', async () => {
    const root = await workspace(
      {
        'infra/main.tf': [
          'resource "aws_iam_policy" "given" {', // 1
          '  name   = "given"',
          '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })',
          '}',
          'resource "aws_iam_policy" "kept" {', // 5
          '  name   = "kept"',
          '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })',
          '}',
          'module "irsa" {', // 9
          '  source           = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks"',
          '  role_policy_arns = { app = "${aws_iam_policy.given.arn}" }',
          '}',
          'module "local" {', // 13
          '  source = "./app"',
          '}',
          'resource "aws_iam_policy" "gone" {', // 16
          '  name   = "gone"',
          '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sns:Publish", Resource = "*" }] })',
          '}',
          'module "missing" {', // 20
          '  source      = "./not-here"',
          '  policy_arns = [aws_iam_policy.gone.arn]',
          '}',
          'resource "aws_iam_policy" "through_locals" {', // 24
          '  name   = "through-locals"',
          '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })',
          '}',
          'locals {', // 28
          '  policies = local.own',
          '  own      = { app = aws_iam_policy.through_locals.arn }',
          '}',
          'module "pod_identity" {', // 32
          '  source              = "terraform-aws-modules/eks-pod-identity/aws"',
          '  additional_policy_arns = local.policies',
          '}',
          '',
        ].join('\n'),
        'infra/app/main.tf': [
          'resource "aws_iam_policy" "inner" {',
          '  name   = "inner"',
          '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sns:Publish", Resource = "*" }] })',
          '}',
          'module "task" {', // 5
          '  source      = "cloudposse/ecs-task/aws"',
          '  policy_arns = [aws_iam_policy.inner.arn]',
          '}',
          'module "other" {', // 9
          '  source = "cloudposse/label/null"',
          '  tags   = { policy = aws_iam_policy.inner.id }',
          '}',
          '',
        ].join('\n'),
      },
      `  - root: infra\n    account: "${ACCOUNT}"`,
    )
    const { principals } = await load(root)
    expect(principals.map((p) => [p.arn, p.givenTo])).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:policy/given`,
        [{ address: 'module.irsa', file: 'infra/main.tf', line: 9, installable: true }],
      ],
      [`arn:aws:iam::${ACCOUNT}:policy/kept`, undefined],
      // A local directory that is not there: no `terraform init` installs it.
      [
        `arn:aws:iam::${ACCOUNT}:policy/gone`,
        [{ address: 'module.missing', file: 'infra/main.tf', line: 20, installable: false }],
      ],
      // Through a local that names a local.
      [
        `arn:aws:iam::${ACCOUNT}:policy/through-locals`,
        [{ address: 'module.pod_identity', file: 'infra/main.tf', line: 32, installable: true }],
      ],
      // Not module.other: a module for the null provider makes no IAM resource.
      [
        `arn:aws:iam::${ACCOUNT}:policy/inner`,
        [{ address: 'module.local.module.task', file: 'infra/app/main.tf', line: 5, installable: true }],
      ],
    ])
  })

  // modernisation-platform-environments: a policy made in one local module, its ARN an output, merged
  // into a local of the caller, passed down a variable to another local module, and from there to an
  // EC2 instance module `terraform init` installs; and one whose name is known only after apply.
  it("follows a policy's ARN through outputs, locals and variables to the unread call it reaches", async () => {
    const root = await workspace(
      {
        'infra/main.tf': [
          'module "shared" {', // 1
          '  source = "./shared"',
          '}',
          'locals {', // 4
          '  policies = [for v in values(module.shared.policies) : v.arn]',
          '}',
          'module "db" {', // 7
          '  source   = "./db"',
          '  count    = 2',
          '  policies = local.policies',
          '}',
          'module "unused" {', // 12
          '  source = "terraform-aws-modules/s3-bucket/aws"',
          '  bucket = module.shared.bucket',
          '}',
          '',
        ].join('\n'),
        'infra/shared/main.tf': [
          'resource "aws_iam_policy" "named" {',
          '  name   = "named"',
          '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })',
          '}',
          'resource "aws_iam_policy" "later" {',
          '  name_prefix = "later-"',
          '  policy      = jsonencode({ Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })',
          '}',
          'resource "aws_iam_policy" "alone" {',
          '  name   = "alone"',
          '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sns:Publish", Resource = "*" }] })',
          '}',
          'output "policies" {',
          '  value = { named = aws_iam_policy.named, later = aws_iam_policy.later }',
          '}',
          'output "bucket" {',
          '  value = "bucket-${aws_iam_policy.alone.name}"',
          '}',
          '',
        ].join('\n'),
        'infra/db/main.tf': [
          'variable "policies" {}',
          'module "instance" {', // 2
          '  source                    = "terraform-aws-modules/ec2-instance/aws"',
          '  instance_profile_policies = { for i, arn in var.policies : "p${i}" => arn }',
          '}',
          '',
        ].join('\n'),
      },
      `  - root: infra\n    account: "${ACCOUNT}"`,
    )
    const { principals } = await load(root)
    const instance = (i: number) => ({
      address: `module.db[${i}].module.instance`,
      file: 'infra/db/main.tf',
      line: 2,
      installable: true,
    })
    expect(principals.map((p) => [p.arn, p.givenTo])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:policy/named`, [instance(0), instance(1)]],
      [
        `arn:aws:iam::${ACCOUNT}:policy/\${module.shared.aws_iam_policy.later.name}`,
        [instance(0), instance(1)],
      ],
      // Its name is in what module.unused is given, not its ARN.
      [`arn:aws:iam::${ACCOUNT}:policy/alone`, undefined],
    ])
  })

  // aws-ia/terraform-aws-eks-blueprints-addons gives its controllers' documents to an addon module
  // (`source_policy_documents`); terraform-aws-modules/lambda takes `policy_json`. The role they make is
  // not read without `terraform init`; the statements are the repository's, and were not checked at all.
  it('checks the policy documents the code gives to an unread module call, at their lines, once a call', async () => {
    const root = await workspace(
      {
        'infra/main.tf': [
          'data "aws_iam_policy_document" "controller" {', // 1
          '  statement {',
          '    actions   = ["ec2:CreateSecurityGroup"]', // 3
          '    resources = ["*"]',
          '  }',
          '}',
          'data "aws_iam_policy_document" "trust" {', // 7
          '  statement {',
          '    actions = ["sts:AssumeRoleWithWebIdentity"]',
          '    principals {',
          '      type        = "Federated"',
          '      identifiers = ["arn:aws:iam::111122223333:oidc-provider/oidc.eks.amazonaws.com"]',
          '    }',
          '  }',
          '}',
          'module "controller" {', // 16
          '  source                  = "aws-ia/eks-blueprints-addon/aws"',
          '  count                   = 2',
          '  source_policy_documents = data.aws_iam_policy_document.controller[*].json',
          '  assume_role_policy      = data.aws_iam_policy_document.trust.json',
          '}',
          'module "lambda" {', // 22
          '  source      = "terraform-aws-modules/lambda/aws"',
          '  policy_json = jsonencode({',
          '    Version   = "2012-10-17"',
          '    Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }]', // 26
          '  })',
          '  policy_file = file("${path.module}/lambda.json")',
          '  # A boundary limits the role; it grants nothing, so an Allow * there is no finding.',
          '  permissions_boundary_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })',
          '}',
          'module "local" {', // 32
          '  source = "./local"',
          '  policy = data.aws_iam_policy_document.controller.json',
          '}',
          '',
        ].join('\n'),
        'infra/lambda.json':
          '{"Version": "2012-10-17",\n "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]}\n',
        'infra/local/main.tf': 'variable "policy" {}\n',
      },
      `  - root: infra\n    account: "${ACCOUNT}"`,
    )
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    const at = (address: string, line: number) => ({
      address,
      file: 'infra/main.tf',
      line,
      installable: true,
    })
    expect(
      principals.map((p) => [
        p.arn,
        p.source.file,
        p.source.line,
        p.givenTo,
        p.policies.flatMap((d) => d.statements.map((s) => `${d.file}:${s.line} ${s.actions[0]?.value}`)),
      ]),
    ).toEqual([
      // Both instances of the call, one principal; the trust policy is not a grant of its own.
      [
        `arn:aws:iam::${ACCOUNT}:policy/\${module.controller.source_policy_documents}`,
        'infra/main.tf',
        16,
        [
          { ...at('module.controller[0]', 16), as: 'document' },
          { ...at('module.controller[1]', 16), as: 'document' },
        ],
        ['infra/main.tf:2 ec2:CreateSecurityGroup'],
      ],
      [
        `arn:aws:iam::${ACCOUNT}:policy/\${module.lambda.policy_json}`,
        'infra/main.tf',
        22,
        [{ ...at('module.lambda', 22), as: 'document' }],
        ['infra/main.tf:26 sqs:SendMessage'],
      ],
      [
        `arn:aws:iam::${ACCOUNT}:policy/\${module.lambda.policy_file}`,
        'infra/main.tf',
        22,
        [{ ...at('module.lambda', 22), as: 'document' }],
        ['infra/lambda.json:2 s3:PutObject'],
      ],
    ])
  })

  // One local of many documents given to many calls is documents times calls: read up to a bound, said.
  it('reads no more than 2,000 documents given to unread calls, and says where it stopped', async () => {
    const root = await workspace(
      {
        'infra/main.tf': [
          'locals {',
          '  docs = [for i in range(700) : jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b${i}/*" }] })]',
          '}',
          'module "m" {', // 4
          '  source = "terraform-aws-modules/iam/aws"',
          '  count  = 3',
          '  docs   = local.docs',
          '}',
          '',
        ].join('\n'),
      },
      `  - root: infra\n    account: "${ACCOUNT}"`,
    )
    const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    expect(problems).toEqual([])
    const [given] = loaded?.principals ?? []
    expect(given?.policies).toHaveLength(700)
    expect(given?.givenTo?.map((c) => c.address)).toEqual(['module.m[0]', 'module.m[1]', 'module.m[2]'])
    expect(loaded?.notes.map(formatProblem).filter((n) => n.includes('2,000'))).toEqual([
      'infra/main.tf:4:1: module.m[2]: past 2,000 policy documents the code gives to module calls whose code is not in the workspace, those given from here on are not checked. Run `terraform init` before this step (the modules it installs are read from .terraform/modules), or give the plan of the configuration (`plan:`).',
    ])
  })

  it('says which ones and how to have them read, at the module block, and reads the rest', async () => {
    const root = await workspace(
      {
        'infra/main.tf': [
          'module "lambda_function" {',
          '  source  = "terraform-aws-modules/lambda/aws"',
          '  version = "~> 7.0"',
          '}',
          '',
          'module "local_gone" {',
          '  source = "./modules/gone"',
          '}',
          '',
          'module "local_here" {',
          '  source = "./modules/app"',
          '}',
        ].join('\n'),
        'infra/modules/app/main.tf': 'resource "aws_iam_role" "app" {\n  name = "app"\n}\n',
        // Installed by terraform init: read, so not a note.
        'infra2/main.tf': 'module "installed" {\n  source = "terraform-aws-modules/iam/aws"\n}\n',
        'infra2/.terraform/modules/modules.json': JSON.stringify({
          Modules: [
            { Key: '', Source: '', Dir: '.' },
            {
              Key: 'installed',
              Source: 'registry.terraform.io/x/iam/aws',
              Dir: '.terraform/modules/installed',
            },
          ],
        }),
        'infra2/.terraform/modules/installed/main.tf': 'resource "aws_iam_role" "x" {\n  name = "x"\n}\n',
      },
      `  - root: infra\n    account: "${ACCOUNT}"\n  - root: infra2\n    account: "${ACCOUNT}"`,
    )
    const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    expect(problems).toEqual([])
    expect(loaded?.principals.map((p) => p.arn)).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/app`,
      `arn:aws:iam::${ACCOUNT}:role/x`,
    ])
    expect(loaded?.notes.map(formatProblem)).toEqual([
      'infra/main.tf:1:1: module.lambda_function: its code ("terraform-aws-modules/lambda/aws") is not in the ' +
        'workspace, so the IAM resources it creates are not checked. Run `terraform init` before this step ' +
        '(the modules it installs are read from .terraform/modules), or give the plan of the configuration (`plan:`).',
      'infra/main.tf:6:1: module.local_gone: its source "./modules/gone" is not a directory in the workspace, ' +
        'so the IAM resources it creates are not checked.',
    ])
  })
  // aws-ia/terraform-aws-eks-blueprints-addons read at its own directory: every IAM resource is
  // `count = var.enable_x ? 1 : 0`, off by default, and the run came to "no principals" without a word.
  it("says which of the root's IAM blocks the variables read here make none of; not a module's, which its caller turns off", async () => {
    const notesOf = async (tfvars?: string) => {
      const root = await workspace(
        {
          'infra/variables.tf': [
            'variable "enable_aga" { default = false }',
            'variable "extra_policies" { default = {} }',
            'variable "enable_app" { default = false }',
          ].join('\n'),
          ...(tfvars !== undefined && { 'infra/terraform.tfvars': tfvars }),
          'infra/main.tf': [
            'resource "aws_iam_role" "always" { name = "always" }',
            'resource "aws_iam_policy" "aga" {',
            '  count  = var.enable_aga ? 1 : 0',
            '  name   = "aga"',
            '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "globalaccelerator:*", Resource = "*" }] })',
            '}',
            'resource "aws_iam_role_policy_attachment" "aga" {',
            '  count      = var.enable_aga ? 1 : 0',
            '  role       = aws_iam_role.always.name',
            '  policy_arn = aws_iam_policy.aga[0].arn',
            '}',
            'resource "aws_iam_role_policy_attachment" "extra" {',
            '  for_each   = var.extra_policies',
            '  role       = aws_iam_role.always.name',
            '  policy_arn = each.value',
            '}',
            // Not a grant: an instance profile, an OIDC provider.
            'resource "aws_iam_instance_profile" "off" {',
            '  count = 0',
            '  role  = aws_iam_role.always.name',
            '}',
            'module "app" {',
            '  source = "./app"',
            '  count  = var.enable_app ? 1 : 0',
            '}',
            'module "on" {',
            '  source  = "./app"',
            '  enabled = false',
            '}',
          ].join('\n'),
          'infra/app/main.tf': [
            'variable "enabled" { default = true }',
            'resource "aws_iam_role" "app" {',
            '  count = var.enabled ? 1 : 0',
            '  name  = "app"',
            '}',
          ].join('\n'),
        },
        `  - root: infra\n    account: "${ACCOUNT}"`,
      )
      const { principals, problems, notes } = await load(root)
      expect(problems).toEqual([])
      return { arns: principals.map((p) => p.arn), notes }
    }
    expect(await notesOf()).toEqual({
      arns: [`arn:aws:iam::${ACCOUNT}:role/always`],
      notes: [
        'infra/main.tf:2:1: 4 blocks with IAM resources (aws_iam_policy.aga (infra/main.tf:2), ' +
          'aws_iam_role_policy_attachment.aga (infra/main.tf:7), aws_iam_role_policy_attachment.extra ' +
          '(infra/main.tf:12), … (1 more)) have no instances with the values read here (variables from their ' +
          'defaults, terraform.tfvars and *.auto.tfvars; terraform.workspace as "default"): their count or ' +
          'for_each comes to none, so what they grant is not checked (give the plan (plan:), or set the ' +
          'variables that make them in terraform.tfvars, to check them)',
      ],
    })
    // The module call is the fourth; one block left is named alone.
    const some = await notesOf('enable_aga = true\nenable_app = true\n')
    expect(some.arns).toEqual([`arn:aws:iam::${ACCOUNT}:role/always`, `arn:aws:iam::${ACCOUNT}:role/app`])
    expect(some.notes).toEqual([
      'infra/main.tf:12:1: aws_iam_role_policy_attachment.extra has no instance with the values read here ' +
        '(variables from their defaults, terraform.tfvars and *.auto.tfvars; terraform.workspace as "default"): ' +
        'its count or for_each comes to none, so what it grants is not checked (give the plan (plan:), or set ' +
        'the variables that make it in terraform.tfvars, to check it)',
    ])
    const all = await notesOf(
      'enable_aga = true\nenable_app = true\nextra_policies = { logs = "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess" }\n',
    )
    expect(all.notes).toEqual([])
  })
  // cloudposse/terraform-aws-components without terraform init: 221 module blocks from the registry, a
  // notice each, took the notices a run annotates; past three, one at the config says it all.
  it('says it once at the config, naming them, when more than three blocks are not installed', async () => {
    const call = (name: string) => `module "${name}" {\n  source = "cloudposse/${name}/aws"\n}\n`
    const files = (names: string[]) => ({
      'infra/main.tf': names.map(call).join(''),
      'infra/iam.tf': 'module "local" {\n  source = "./missing"\n}\n',
    })
    const notesOf = async (names: string[]) => {
      const root = await workspace(files(names), `  - root: infra\n    account: "${ACCOUNT}"`)
      const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
      expect(problems).toEqual([])
      return loaded?.notes.map((n) => `${n.file}:${n.line} ${n.message}`) ?? []
    }
    const three = await notesOf(['a', 'b', 'c'])
    expect(three.filter((n) => n.includes('is not in the workspace'))).toHaveLength(3)
    const many = await notesOf(['a', 'b', 'c', 'd', 'e', 'f', 'g'])
    expect(many).toEqual([
      '.github/iam-policy-drift.yml:2 terraform: 7 module blocks call code that is not in the workspace, so the IAM ' +
        'resources they create are not checked: module.a (infra/main.tf:1), module.b (infra/main.tf:4), ' +
        'module.c (infra/main.tf:7), module.d (infra/main.tf:10), module.e (infra/main.tf:13), … (2 more). ' +
        'Run `terraform init` before this step (the modules it installs are read from .terraform/modules), ' +
        'or give the plan of the configuration (`plan:`).',
      // The others stay as they are: a local module whose directory is not there is no registry module.
      expect.stringMatching(/^infra\/iam\.tf:1 module\.local: /),
    ])
    const thousand = await notesOf(Array.from({ length: 1_200 }, (_, i) => `m${i}`))
    expect(thousand[0]).toMatch(
      /^\.github\/iam-policy-drift\.yml:2 terraform: 1,200 module blocks call code /,
    )
  })
  it('says it once when roots share the module that calls it', async () => {
    // terraform-aws-eks: each example calls the repository's own module, which calls the kms module.
    const caller = (root: string) => `module "eks" {\n  source = "../../shared"\n}\n# ${root}\n`
    const root = await workspace(
      {
        'examples/a/main.tf': caller('a'),
        'examples/b/main.tf': caller('b'),
        'shared/main.tf': 'module "kms" {\n  source = "terraform-aws-modules/kms/aws"\n}\n',
      },
      `  - root: examples/a\n    account: "${ACCOUNT}"\n  - root: examples/b\n    account: "${ACCOUNT}"`,
    )
    const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    expect(problems).toEqual([])
    expect(loaded?.notes.map((n) => `${n.file}:${n.line} ${n.message.slice(0, 40)}`)).toEqual([
      'shared/main.tf:1 module.kms: its code ("terraform-aws-mod',
    ])
  })
  it('says it once at the block when roots reach it by different calls', async () => {
    // cloudposse: the repository's root calls its modules, and examples/complete calls the root.
    const root = await workspace(
      {
        'main.tf': 'module "kms" {\n  source = "terraform-aws-modules/kms/aws"\n}\n',
        'examples/complete/main.tf': 'module "app" {\n  source = "../.."\n}\n',
      },
      `  - root: .\n    account: "${ACCOUNT}"\n  - root: examples/complete\n    account: "${ACCOUNT}"`,
    )
    const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    expect(problems).toEqual([])
    expect(loaded?.notes.map((n) => `${n.file}:${n.line} ${n.message.slice(0, 30)}`)).toEqual([
      'main.tf:1 module.kms: its code ("terrafo',
    ])
  })
  it('says nothing of a module written for another provider, which makes no AWS resources', async () => {
    const calls = [
      'cloudposse/label/null',
      'git::https://github.com/cloudposse/terraform-null-label.git?ref=0.25.0',
      'app.terraform.io/example-corp/k8s-cluster/azurerm',
      'github.com/org/terraform-google-network',
      'terraform-aws-modules/kms/aws',
      'git::https://github.com/org/terraform-aws-app.git//modules/role?ref=v1.2.0',
      's3::https://s3-eu-west-1.amazonaws.com/examplecorp-terraform-modules/vpc.zip',
    ]
    const root = await workspace(
      { 'infra/main.tf': calls.map((s, i) => `module "m${i}" {\n  source = "${s}"\n}\n`).join('') },
      `  - root: infra\n    account: "${ACCOUNT}"`,
    )
    const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    expect(problems).toEqual([])
    expect(loaded?.notes.map((n) => n.message.slice(0, 'module.m4'.length))).toEqual([
      'module.m4',
      'module.m5',
      'module.m6',
    ])
  })
})

describe('moduleProvider', () => {
  it('reads the provider a registry address or a module repository names', () => {
    expect(moduleProvider('cloudposse/label/null')).toBe('null')
    expect(moduleProvider('registry.terraform.io/hashicorp/consul/AWS')).toBe('aws')
    expect(moduleProvider('terraform-aws-modules/ecs/aws//modules/service')).toBe('aws')
    expect(moduleProvider('git@github.com:org/terraform-kubernetes-app.git')).toBe('kubernetes')
    expect(moduleProvider('github.com/org/terraform-aws-app?ref=v1')).toBe('aws')
    expect(moduleProvider('git::https://example.com/network.git//modules/vpc?ref=v1.2.0')).toBeUndefined()
    expect(moduleProvider('./modules/app')).toBeUndefined()
    expect(moduleProvider('../terraform-null-label')).toBeUndefined()
    expect(moduleProvider('hashicorp/consul')).toBeUndefined()
  })
})

describe('a terraform-aws-modules module, read from its code (Apache-2.0, test/fixtures/terraform/terraform-aws-iam)', () => {
  it('reads optional() attributes, dynamic statements and conditions, counted data sources, a policy passed in by ARN and one copied through data.aws_iam_policy', async () => {
    const { REPO_ROOT } = await import('../world/runner.js')
    const { cp } = await import('node:fs/promises')
    const root = await workspace({}, `  - root: infra\n    account: "${ACCOUNT}"`)
    await cp(join(REPO_ROOT, 'test/fixtures/terraform/terraform-aws-iam'), join(root, 'infra'), {
      recursive: true,
    })
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    // `module.disabled` (create = false) creates nothing; the role's name is known after apply (name_prefix).
    expect(principals.map((p) => [p.arn, p.boundary?.file ?? null, p.unresolved ?? []])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/function`, null, []],
      [`arn:aws:iam::${ACCOUNT}:role/\${module.app_role.aws_iam_role.this[0].name}`, null, []],
    ])
    // `policy = data.aws_iam_policy.eni[0].policy`, its ARN built with data.aws_partition: the snapshot's
    // document, placed at the line that uses it.
    const [copied] = principals[0]?.policies ?? []
    expect([copied?.source, copied?.statements[0]?.actions[0]?.line]).toEqual([
      expect.objectContaining({
        kind: 'aws-managed-policy',
        arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaENIManagementAccess',
      }),
      71,
    ])
    const shape = (s: Statement) =>
      [
        s.sid ?? '-',
        s.effect,
        `${s.notAction ? '!' : ''}${s.actions.map((a) => a.value).join(',')}`,
        s.resources.map((r) => r.value).join(','),
        s.condition?.value ?? '-',
      ].join(' | ')
    expect(principals[1]?.policies.map((d) => d.statements.map(shape))).toEqual([
      // `policies = { extra = aws_iam_policy.extra.arn }`, attached in the module with `policy_arn = each.value`.
      ['- | Allow | sqs:SendMessage | * | -'],
      // An AWS managed policy by its ARN: the snapshot's document.
      ['- | Allow | s3:Get*,s3:List*,s3:Describe*,s3-object-lambda:Get*,s3-object-lambda:List* | * | -'],
      // The inline policy: a statement per map entry, by key as Terraform takes them, its Sid the key;
      // attributes left out are null, so not given (an `effect` left out is optional()'s default, "Allow").
      [
        'NoIam | Deny | !s3:*,sqs:* | * | -',
        'S3Read | Allow | s3:GetObject | arn:aws:s3:::reports/* | {"StringEquals":{"aws:PrincipalTag/team":"reports"}}',
      ],
    ])
  })
})

describe('module variables', () => {
  it('takes the default of a variable that is not nullable when a module call gives it null', async () => {
    const module = [
      'variable "action" {',
      '  type     = string',
      '  default  = "s3:GetObject"',
      '  nullable = false',
      '}',
      'variable "resource" {',
      '  type    = string',
      '  default = "*"',
      '}',
      'resource "aws_iam_role" "this" {',
      '  name               = "app"',
      '  assume_role_policy = "{}"',
      '}',
      'resource "aws_iam_role_policy" "this" {',
      '  role   = aws_iam_role.this.id',
      '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.action, Resource = coalesce(var.resource, "arn:aws:s3:::b/*") }] })',
      '}',
    ].join('\n')
    const principals = await fromCode({
      'infra/main.tf':
        'module "app" {\n  source   = "./modules/app"\n  action   = null\n  resource = null\n}\n',
      'infra/modules/app/main.tf': `${module}\n`,
    })
    // A nullable variable given null is null (coalesce() passes over it to its next argument).
    expect(
      principals.map((p) =>
        p.policies.flatMap((d) => d.statements.map((s) => [s.actions[0]?.value, s.resources[0]?.value])),
      ),
    ).toEqual([[['s3:GetObject', 'arn:aws:s3:::b/*']]])
  })
})

describe('data "aws_iam_policy" by name', () => {
  it('attaches the policies of a managed_policy_arns the code builds and of the *_policy_attachments_exclusive resources', async () => {
    const principals = await fromCode({
      'infra/variables.tf': [
        'variable "extra_arns" {',
        '  default = ["arn:aws:iam::aws:policy/IAMFullAccess"]',
        '}',
      ].join('\n'),
      'infra/main.tf': [
        'resource "aws_iam_role" "built" {',
        '  name                = "built"',
        '  managed_policy_arns = concat(var.extra_arns, [aws_iam_policy.ops.arn])',
        '}',
        'resource "aws_iam_role" "unknown" {',
        '  name                = "unknown"',
        '  managed_policy_arns = var.not_declared',
        '}',
        'resource "aws_iam_policy" "ops" {',
        '  name   = "ops"',
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "ssm:*", Resource = "*" }] })',
        '}',
        'resource "aws_iam_role" "exclusive" { name = "exclusive" }',
        'resource "aws_iam_role_policy_attachments_exclusive" "exclusive" {',
        '  role_name   = aws_iam_role.exclusive.name',
        '  policy_arns = [aws_iam_policy.ops.arn, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]',
        '}',
        'resource "aws_iam_user_policy_attachments_exclusive" "someone" {',
        '  user_name   = "someone"',
        '  policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]',
        '}',
      ].join('\n'),
    })
    const attached = (p: (typeof principals)[number]) =>
      p.policies.map((d) => {
        const s = d.statements[0]
        const place = s?.actions[0]?.written ?? { file: d.file, ...s?.actions[0] }
        const what =
          d.source?.kind === 'aws-managed-policy' ? d.source.arn.split('/').pop() : s?.actions[0]?.value
        return `${what} at ${place.file}:${place.line}`
      })
    expect(
      Object.fromEntries(
        principals.map((p) => [
          p.arn.split(':').pop(),
          [
            ...attached(p),
            ...(p.unresolved ?? []).map((u) => `unresolved at ${u.file}:${u.line}: ${u.reason}`),
          ],
        ]),
      ),
    ).toEqual({
      // The variable's ARN where variables.tf writes it; the created policy where it is written.
      'role/built': ['IAMFullAccess at infra/variables.tf:2', 'ssm:* at infra/main.tf:11'],
      // Never skipped in silence: a list not known here is said so.
      'role/unknown': ['unresolved at infra/main.tf:7: the value of var.not_declared is not known here'],
      'role/exclusive': ['ssm:* at infra/main.tf:11', 'AmazonS3ReadOnlyAccess at infra/main.tf:16'],
      'user/someone': ['ReadOnlyAccess at infra/main.tf:20'],
    })
  })

  it('takes the root variables terraform.tfvars and *.auto.tfvars give, each entry on the line that writes it', async () => {
    const principals = await fromCode({
      'infra/variables.tf': [
        'variable "read" { default = ["s3:GetObject"] }',
        'variable "write" { default = [] }',
        'variable "extra" {',
        '  type    = object({ actions = list(string) })',
        '  default = { actions = [] }',
        '}',
      ].join('\n'),
      'infra/terraform.tfvars': [
        'read = [',
        '  "s3:GetObject",',
        '  "s3:ListBucket",',
        ']',
        'write = ["sqs:*"]',
      ].join('\n'),
      // Later files win, as Terraform reads them.
      'infra/prod.auto.tfvars': 'write = ["sqs:SendMessage", "kms:*"]\nextra = { actions = ["ec2:*"] }\n',
      'infra/main.tf': [
        'resource "aws_iam_role" "app" { name = "app" }',
        'resource "aws_iam_role_policy" "app" {',
        '  role   = aws_iam_role.app.id',
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Resource = "*",',
        '    Action = concat(var.read, var.write, var.extra.actions) }] })',
        '}',
      ].join('\n'),
    })
    expect(principals[0]?.policies.flatMap(where)).toEqual([
      [
        'infra/main.tf',
        '4:38',
        [
          's3:GetObject@5:21 (infra/terraform.tfvars:2:3)',
          's3:ListBucket@5:21 (infra/terraform.tfvars:3:3)',
          'sqs:SendMessage@5:31 (infra/prod.auto.tfvars:1:10)',
          'kms:*@5:31 (infra/prod.auto.tfvars:1:29)',
          'ec2:*@5:42 (infra/prod.auto.tfvars:2:22)',
        ].join(' '),
        '*@4:69',
      ],
    ])
  })

  it('takes terraform.tfvars.json and *.auto.tfvars.json in the order Terraform loads them, each entry at its line', async () => {
    const principals = await fromCode({
      'infra/variables.tf': [
        'variable "read" { default = [] }',
        'variable "write" { default = [] }',
        'variable "extra" { default = [] }',
      ].join('\n'),
      // terraform.tfvars, then terraform.tfvars.json, then every *.auto.tfvars(.json) by name.
      'infra/terraform.tfvars': 'read = ["s3:*"]\nwrite = ["sns:*"]\n',
      'infra/terraform.tfvars.json': '{\n  "read": [\n    "s3:GetObject"\n  ],\n  "write": ["sqs:*"]\n}\n',
      'infra/a.auto.tfvars.json': '{ "write": ["sqs:SendMessage"], "extra": ["kms:*"] }',
      'infra/b.auto.tfvars': 'extra = ["kms:Decrypt"]\n',
      'infra/main.tf': [
        'resource "aws_iam_role" "app" { name = "app" }',
        'resource "aws_iam_role_policy" "app" {',
        '  role   = aws_iam_role.app.id',
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Resource = "*",',
        '    Action = concat(var.read, var.write, var.extra) }] })',
        '}',
      ].join('\n'),
    })
    expect(principals[0]?.policies.flatMap(where)).toEqual([
      [
        'infra/main.tf',
        '4:38',
        [
          's3:GetObject@5:21 (infra/terraform.tfvars.json:3:5)',
          'sqs:SendMessage@5:31 (infra/a.auto.tfvars.json:1:13)',
          'kms:Decrypt@5:42 (infra/b.auto.tfvars:1:10)',
        ].join(' '),
        '*@4:69',
      ],
    ])
  })

  it('names the line of a .tfvars.json file that is not JSON, or not an object, and reads nothing of the root', async () => {
    const files = (json: string) => ({
      'infra/main.tf': 'variable "read" { default = [] }\nresource "aws_iam_role" "app" { name = "app" }\n',
      'infra/ci.auto.tfvars.json': json,
    })
    const broken = await load(await workspace(files('{\n  "read": ["s3:*"],\n}\n'), '  - root: infra'))
    expect(broken.problems).toEqual([
      expect.stringMatching(/^infra\/ci\.auto\.tfvars\.json:3:1: not valid JSON: /),
    ])
    const list = await load(await workspace(files('\n["read"]\n'), '  - root: infra'))
    expect(list.problems).toEqual([
      'infra/ci.auto.tfvars.json:2:1: a list at the top of a .tfvars.json file; expected an object of variable names and their values',
    ])
    expect(list.principals).toEqual([])
  })

  it('reads dynamic "inline_policy" blocks over a collection the code knows, and says which it cannot', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'variable "inline" {',
        '  default = {',
        '    admin = { actions = ["*"] }',
        '    read  = { actions = ["s3:GetObject"] }',
        '  }',
        '}',
        'variable "log_types" { default = ["api"] }',
        'resource "aws_iam_role" "a" {',
        '  name = "a"',
        '  dynamic "inline_policy" {',
        '    for_each = var.inline',
        '    iterator = p',
        '    content {',
        '      name   = p.key',
        '      policy = jsonencode({ Statement = [{ Sid = upper(p.key), Effect = "Allow", Action = p.value.actions, Resource = "*" }] })',
        '    }',
        '  }',
        '  dynamic "inline_policy" {',
        '    for_each = length(var.log_types) > 0 ? [1] : []',
        '    content {',
        '      name   = "logs"',
        '      policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "logs:CreateLogGroup", Resource = "*" }] })',
        '    }',
        '  }',
        '  dynamic "inline_policy" {',
        '    for_each = aws_s3_bucket.x.policy != "" ? [1] : []',
        '    content {',
        '      name   = "later"',
        '      policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    })
    const [role] = principals
    expect(role?.policies.flatMap(where)).toEqual([
      ['infra/main.tf', '15:42', '*@3:26', '*@15:119'],
      ['infra/main.tf', '15:42', 's3:GetObject@4:26', '*@15:119'],
      ['infra/main.tf', '22:42', 'logs:CreateLogGroup@22:71', '*@22:105'],
    ])
    expect(role?.policies.map((d) => d.statements[0]?.sid)).toEqual(['ADMIN', 'READ', null])
    expect(role?.unresolved?.map((u) => `${u.file}:${u.line}: ${u.reason}`)).toEqual([
      'infra/main.tf:25: its dynamic "inline_policy" block\'s for_each is not known here: aws_s3_bucket.x is not declared in infra',
    ])
  })

  it("renders a policy document's &{aws:username} as the policy variable ${aws:username}, as the AWS provider does", async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_user" "dev" { name = "dev" }',
        'data "aws_iam_policy_document" "home" {',
        '  statement {',
        '    actions   = ["s3:GetObject", "s3:PutObject"]',
        '    resources = ["arn:aws:s3:::home/&{aws:username}/*"]',
        '  }',
        '  statement {',
        '    actions   = ["s3:ListBucket"]',
        '    resources = ["arn:aws:s3:::home"]',
        '    condition {',
        '      test     = "StringLike"',
        '      variable = "s3:prefix"',
        '      values   = ["&{aws:username}/*"]',
        '    }',
        '  }',
        '}',
        'resource "aws_iam_user_policy" "home" {',
        '  user   = aws_iam_user.dev.name',
        '  policy = data.aws_iam_policy_document.home.json',
        '}',
      ].join('\n'),
    })
    const statements = principals[0]?.policies.flatMap((d) => d.statements) ?? []
    expect(statements.map((s) => s.resources.map((r) => r.value))).toEqual([
      ['arn:aws:s3:::home/${aws:username}/*'],
      ['arn:aws:s3:::home'],
    ])
    expect(statements[1]?.condition?.value).toBe('{"StringLike":{"s3:prefix":"${aws:username}/*"}}')
  })

  it('merges the values of two condition blocks of one test and variable, as the AWS provider does', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "deployer" {',
        '  name               = "deployer"',
        '  assume_role_policy = "{}"',
        '}',
        'data "aws_iam_policy_document" "deploy" {',
        '  statement {',
        '    actions   = ["iam:PassRole"]',
        '    resources = ["*"]',
        '    condition {',
        '      test     = "StringEquals"',
        '      variable = "iam:PassedToService"',
        '      values   = ["lambda.amazonaws.com"]',
        '    }',
        '    condition {',
        '      test     = "StringEquals"',
        '      variable = "iam:PassedToService"',
        '      values   = ["ec2.amazonaws.com"]',
        '    }',
        '  }',
        '  statement {',
        '    actions   = ["lambda:CreateFunction", "lambda:InvokeFunction"]',
        '    resources = ["*"]',
        '  }',
        '}',
        'resource "aws_iam_role_policy" "deploy" {',
        '  role   = aws_iam_role.deployer.id',
        '  policy = data.aws_iam_policy_document.deploy.json',
        '}',
      ].join('\n'),
    })
    const statements = principals[0]?.policies.flatMap((d) => d.statements) ?? []
    expect(statements[0]?.condition?.value).toBe(
      '{"StringEquals":{"iam:PassedToService":["lambda.amazonaws.com","ec2.amazonaws.com"]}}',
    )
    // Pinned to Lambda among others: the path through a new function is open.
    const escalation = analyse(principals, [], loadCatalog()).findings.filter(
      (f) => f.kind === 'privilege-escalation',
    )
    expect(escalation.some((f) => f.actions.includes('lambda:CreateFunction'))).toBe(true)
  })

  it('reads source_json and override_json (AWS provider < 5): merged first and last, as that provider merged them', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "app" { name = "app" }', // 1
        'data "aws_iam_policy_document" "base" {', // 2
        '  statement {', // 3
        '    sid       = "Logs"', // 4
        '    actions   = ["logs:*"]', // 5
        '    resources = ["*"]', // 6
        '  }', // 7
        '}', // 8
        'data "aws_iam_policy_document" "app" {', // 9
        '  source_json   = data.aws_iam_policy_document.base.json', // 10
        '  override_json = jsonencode({ Statement = [{ Sid = "Logs", Effect = "Allow", Action = "logs:PutLogEvents", Resource = "*" }] })', // 11
        '  statement {', // 12
        '    actions   = ["s3:GetObject"]', // 13
        '    resources = ["arn:aws:s3:::app/*"]', // 14
        '  }', // 15
        '}', // 16
        'data "aws_iam_policy_document" "old" {', // 17
        '  source_json = null', // 18
        '  statement {', // 19
        '    actions   = ["sqs:SendMessage"]', // 20
        '    resources = ["*"]', // 21
        '  }', // 22
        '}', // 23
        'resource "aws_iam_role_policy" "app" {', // 24
        '  role   = aws_iam_role.app.name', // 25
        '  policy = data.aws_iam_policy_document.app.json', // 26
        '}', // 27
        'resource "aws_iam_role_policy" "old" {', // 28
        '  role   = aws_iam_role.app.name', // 29
        '  policy = data.aws_iam_policy_document.old.json', // 30
        '}', // 31
      ].join('\n'),
    })
    expect(
      principals[0]?.policies.map((d) =>
        d.statements.map((s) => `${s.sid ?? '-'} ${s.actions.map((a) => `${a.value}@${a.line}`).join(' ')}`),
      ),
    ).toEqual([
      // The source's Logs statement, replaced where it stood by override_json's; then the own statement.
      ['Logs logs:PutLogEvents@11', '- s3:GetObject@13'],
      ['- sqs:SendMessage@20'],
    ])
    // A statement override_json replaces is not the one written: no edit in place is offered for it.
    const overridden = await fromCode({
      'infra/main.tf': [
        'locals { acts = ["logs:*"] }',
        'resource "aws_iam_role" "app" { name = "app" }',
        'data "aws_iam_policy_document" "app" {',
        '  override_json = jsonencode({ Statement = [{ Sid = "Logs", Effect = "Allow", Action = "logs:PutLogEvents", Resource = "*" }] })',
        '  statement {',
        '    sid       = "Logs"',
        '    actions   = local.acts',
        '    resources = ["*"]',
        '  }',
        '}',
        'resource "aws_iam_role_policy" "app" {',
        '  role   = aws_iam_role.app.name',
        '  policy = data.aws_iam_policy_document.app.json',
        '}',
      ].join('\n'),
    })
    const [doc] = overridden[0]?.policies ?? []
    expect([doc?.statements[0]?.actions[0]?.value, doc?.site]).toEqual(['logs:PutLogEvents', undefined])
  })

  it('merges an AWS managed policy named in source_policy_documents, at the line that names it', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "app" { name = "app" }', // 1
        'data "aws_iam_policy" "sqs" { arn = "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess" }', // 2
        'data "aws_iam_policy_document" "app" {', // 3
        '  source_policy_documents = [data.aws_iam_policy.sqs.policy]', // 4
        '  statement {', // 5
        '    actions   = ["sqs:SendMessage"]', // 6
        '    resources = ["*"]', // 7
        '  }', // 8
        '}', // 9
        'resource "aws_iam_role_policy" "app" {', // 10
        '  role   = aws_iam_role.app.id', // 11
        '  policy = data.aws_iam_policy_document.app.json', // 12
        '}', // 13
      ].join('\n'),
    })
    expect(principals.flatMap((p) => p.unresolved ?? [])).toEqual([])
    expect(
      principals.flatMap((p) =>
        p.policies.flatMap((d) =>
          d.statements.map((s) => `${s.line}: ${s.actions.map((a) => a.value).join(' ')}`),
        ),
      ),
    ).toEqual([
      '4: sqs:GetQueueAttributes sqs:GetQueueUrl sqs:ListDeadLetterSourceQueues sqs:ListQueues sqs:ListMessageMoveTasks sqs:ListQueueTags',
      '5: sqs:SendMessage',
    ])
  })

  it('merges source documents read by file() or written in a heredoc, at the lines that text writes them', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "app" { name = "app" }', // 1
        'data "aws_iam_policy_document" "app" {', // 2
        '  source_policy_documents = [', // 3
        '    file("${path.module}/base.json"),', // 4
        '    <<-EOT', // 5
        '    {', // 6
        '      "Statement": [', // 7
        '        { "Effect": "Allow", "Action": "sqs:*", "Resource": "*" }', // 8
        '      ]', // 9
        '    }', // 10
        '    EOT', // 11
        '  ]', // 12
        '}', // 13
        'resource "aws_iam_role_policy" "app" {', // 14
        '  role   = aws_iam_role.app.id', // 15
        '  policy = data.aws_iam_policy_document.app.json', // 16
        '}', // 17
      ].join('\n'),
      'infra/base.json':
        '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "logs:*",\n      "Resource": "*"\n    }\n  ]\n}\n',
    })
    expect(principals.flatMap((p) => p.unresolved ?? [])).toEqual([])
    expect(principals[0]?.policies.flatMap(where)).toEqual([
      // base.json's statement at file(), written on its own lines; the heredoc's, on its lines here.
      ['infra/main.tf', '4:5', 'logs:*@4:5 (infra/base.json:6:17)', '*@4:5 (infra/base.json:7:19)'],
      ['infra/main.tf', '8:9', 'sqs:*@8:40', '*@8:61'],
    ])
  })

  it('refuses, as the provider and jsondecode() do, a merged document or a decoded file that is not strict JSON', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "app" { name = "app" }', // 1
        'data "aws_iam_policy_document" "app" {', // 2
        '  source_policy_documents = [<<-EOT', // 3
        '    {', // 4
        '      "Statement": [', // 5
        '        { "Effect": "Allow", "Action": "sqs:*", "Resource": "*" },', // 6
        '      ]', // 7
        '    }', // 8
        '    EOT', // 9
        '  ]', // 10
        '}', // 11
        'resource "aws_iam_role_policy" "app" {', // 12
        '  role   = aws_iam_role.app.id', // 13
        '  policy = data.aws_iam_policy_document.app.json', // 14
        '}', // 15
        'resource "aws_iam_role_policy" "decoded" {', // 16
        '  role   = aws_iam_role.app.id', // 17
        '  policy = jsonencode(jsondecode(file("${path.module}/base.json")))', // 18
        '}', // 19
      ].join('\n'),
      // A trailing comma: YAML would read it, Terraform's JSON does not.
      'infra/base.json':
        '{\n  "Statement": [\n    { "Effect": "Allow", "Action": "logs:*", "Resource": "*" },\n  ]\n}\n',
    })
    expect(principals[0]?.policies).toEqual([])
    expect(principals[0]?.unresolved?.map((u) => `${u.line}: ${u.reason}`)).toEqual([
      '14: a policy document it merges: line 7: not valid JSON: expected a value (a doubled or trailing comma?)',
      '18: jsondecode(): infra/base.json:4: not valid JSON: expected a value (a doubled or trailing comma?)',
    ])
  })

  it('finds an AWS managed policy by its name (and path_prefix) in the snapshot, and says which names AWS does not manage', async () => {
    const role =
      'resource "aws_iam_role" "app" {\n  name               = "app"\n  assume_role_policy = "{}"\n}'
    const principals = await fromCode({
      'infra/main.tf': [
        role,
        'data "aws_iam_policy" "basic" {',
        '  name        = "AWSLambdaBasicExecutionRole"',
        '  path_prefix = "/service-role/"',
        '}',
        'data "aws_iam_policy" "view" {',
        '  name        = "ViewOnlyAccess"',
        '  path_prefix = null',
        '}',
        'data "aws_iam_policy" "ours" { name = "team-boundary" }',
        'data "aws_iam_policy" "elsewhere" {',
        '  name        = "AWSLambdaBasicExecutionRole"',
        '  path_prefix = "/job-function/"',
        '}',
        'resource "aws_iam_role_policy_attachment" "basic" {',
        '  role       = aws_iam_role.app.name',
        '  policy_arn = data.aws_iam_policy.basic.arn',
        '}',
        'resource "aws_iam_role_policy_attachment" "ours" {',
        '  role       = aws_iam_role.app.name',
        '  policy_arn = data.aws_iam_policy.ours.arn',
        '}',
        'resource "aws_iam_role_policy_attachment" "elsewhere" {',
        '  role       = aws_iam_role.app.name',
        '  policy_arn = data.aws_iam_policy.elsewhere.arn',
        '}',
        'resource "aws_iam_role_policy" "copy" {',
        '  role   = aws_iam_role.app.id',
        '  policy = data.aws_iam_policy.view.policy',
        '}',
      ].join('\n'),
    })
    const [app] = principals
    expect(app?.policies.map((d) => d.source)).toEqual([
      expect.objectContaining({ arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }),
      expect.objectContaining({ arn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess' }),
    ])
    expect(app?.policies[0]?.statements[0]?.actions.map((a) => a.value)).toEqual([
      'logs:CreateLogGroup',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ])
    expect(app?.unresolved?.map((u) => [u.address, u.line, u.reason])).toEqual([
      [
        'aws_iam_role_policy_attachment.ours',
        24,
        'AWS manages no policy named "team-boundary": a customer managed policy this configuration does not define',
      ],
      [
        'aws_iam_role_policy_attachment.elsewhere',
        28,
        'AWS manages no policy named "AWSLambdaBasicExecutionRole" under /job-function/: a customer managed policy this configuration does not define',
      ],
    ])
  })
})

describe('data "aws_caller_identity" without a plan', () => {
  it("is the config's account, and stays a placeholder when the config names none", async () => {
    const files = {
      'infra/main.tf': [
        'data "aws_caller_identity" "current" {}',
        'resource "aws_iam_role" "app" {',
        '  name               = "app"',
        '  assume_role_policy = "{}"',
        '}',
        'resource "aws_iam_role_policy" "p" {',
        '  role   = aws_iam_role.app.id',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage",',
        '    Resource = "arn:aws:sqs:us-east-1:${data.aws_caller_identity.current.account_id}:jobs",',
        '    Condition = { StringEquals = { "aws:PrincipalArn" = data.aws_caller_identity.current.arn } } }] })',
        '}',
      ].join('\n'),
    }
    const resources = (principals: readonly { policies: readonly PolicyDocument[] }[]) =>
      principals.flatMap((p) => p.policies.flatMap((d) => d.statements.map((s) => s.resources[0]?.value)))
    expect(resources(await fromCode(files))).toEqual([`arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`])
    const unnamed = await load(await workspace(files, '  - root: infra'))
    expect(unnamed.problems).toEqual([])
    expect(resources(unnamed.principals)).toEqual([
      'arn:aws:sqs:us-east-1:${data.aws_caller_identity.current.account_id}:jobs',
    ])
  })
})

describe("a resource other than IAM's, without a plan", () => {
  const resources = (principals: readonly { policies: readonly PolicyDocument[] }[]) =>
    principals.flatMap((p) =>
      p.policies.flatMap((d) => d.statements.flatMap((s) => s.resources.map((r) => r.value))),
    )

  it('is what its arguments say: a role named after a cluster, an ARN of a bucket by its name', async () => {
    // awslabs-style code (Ajay263/ai_deployment): `name = "${module.infra.cluster_name}-flow-logs-role"`,
    // the output `aws_ecs_cluster.this.name`, which the code writes.
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_ecs_cluster" "this" {',
        '  name = "orders"',
        '}',
        'resource "aws_s3_bucket" "reports" {',
        '  bucket = "${aws_ecs_cluster.this.name}-reports"',
        '}',
        'resource "aws_sqs_queue" "jobs" {',
        '  count = 2',
        '  name  = "jobs-${count.index}"',
        '}',
        'resource "aws_iam_role" "exec" {',
        '  name               = "${aws_ecs_cluster.this.name}-exec"',
        '  assume_role_policy = "{}"',
        '}',
        'resource "aws_iam_role_policy" "exec" {',
        '  role = aws_iam_role.exec.id',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [',
        '    { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::${aws_s3_bucket.reports.bucket}/*" },',
        '    { Effect = "Allow", Action = "sqs:SendMessage", Resource = "arn:aws:sqs:us-east-1:${var.account}:${aws_sqs_queue.jobs[1].name}" },',
        '    { Effect = "Allow", Action = "ecs:DescribeClusters", Resource = aws_ecs_cluster.this.arn },',
        '  ] })',
        '}',
        'variable "account" {',
        `  default = "${ACCOUNT}"`,
        '}',
      ].join('\n'),
    })
    expect(principals.map((p) => p.arn)).toEqual([`arn:aws:iam::${ACCOUNT}:role/orders-exec`])
    // What the provider sets, the ARN, stays a placeholder.
    expect(resources(principals)).toEqual([
      'arn:aws:s3:::orders-reports/*',
      `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs-1`,
      '${aws_ecs_cluster.this.arn}',
    ])
  })

  it('that names itself through another is not known where it comes round, as Terraform refuses the cycle', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_sqs_queue" "a" {',
        '  name = "${aws_sqs_queue.b.name}-a"',
        '}',
        'resource "aws_sqs_queue" "b" {',
        '  name = "${aws_sqs_queue.a.name}-b"',
        '}',
        'resource "aws_iam_role" "app" {',
        '  name               = "app"',
        '  assume_role_policy = "{}"',
        '}',
        'resource "aws_iam_role_policy" "app" {',
        '  role   = aws_iam_role.app.id',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage",',
        '    Resource = "arn:aws:sqs:us-east-1:111122223333:${aws_sqs_queue.a.name}" }] })',
        '}',
      ].join('\n'),
    })
    // a's name is b's and "-a", b's a's and "-b": read once round, a placeholder where it meets itself.
    expect(resources(principals)).toEqual(['arn:aws:sqs:us-east-1:111122223333:${aws_sqs_queue.a.name}-b-a'])
  })
})

describe('a for_each not known here', () => {
  it('says so in the unresolved policy it leaves, not that there is no for_each', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'variable "policies" { type = map(string) }',
        'resource "aws_iam_role" "app" {',
        '  name               = "app"',
        '  assume_role_policy = "{}"',
        '}',
        'resource "aws_iam_role_policy_attachment" "this" {',
        '  for_each   = var.policies',
        '  role       = aws_iam_role.app.name',
        '  policy_arn = each.value',
        '}',
        '',
      ].join('\n'),
    })
    expect(principals.flatMap((p) => (p.unresolved ?? []).map((u) => `${u.line}: ${u.reason}`))).toEqual([
      '9: its for_each is not known here: the value of var.policies is not known here',
    ])
  })

  // cloudposse's tfstate-backend: the role's inline policy is data.aws_iam_policy_document.tfstate[each.key],
  // over the same for_each, from module.this (a registry module). Read without a plan, "not in the plan"
  // named a plan there was none of.
  it("reads a data source's one instance for a for_each not known here, whatever key picks it", async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'variable "roles" { type = map(string) }',
        'data "aws_iam_policy_document" "p" {',
        '  for_each = var.roles',
        '  statement {',
        '    actions   = ["s3:GetObject"]',
        '    resources = [each.value]',
        '  }',
        '}',
        'resource "aws_iam_role" "app" {',
        '  name               = "app"',
        '  assume_role_policy = "{}"',
        '  inline_policy {',
        '    name   = "p"',
        '    policy = data.aws_iam_policy_document.p["app"].json',
        '  }',
        '}',
        '',
      ].join('\n'),
    })
    // Its statement, with each.value not known here as its placeholder: a resource the checks take as
    // specific, as for any value known only after apply.
    expect(principals.map(held)).toEqual([[`arn:aws:iam::${ACCOUNT}:role/app`, ['s3:GetObject'], 0]])
    expect(principals[0]?.policies[0]?.statements[0]?.resources.map((r) => r.value)).toEqual([
      '${each.value}',
    ])
  })

  /** `lines` and a role whose inline policy is their `data.aws_iam_policy_document.p`, after them. */
  const roleWithDocument = (...lines: string[]) =>
    [
      ...lines,
      'resource "aws_iam_role" "app" {',
      '  name               = "app"',
      '  assume_role_policy = "{}"',
      '}',
      'resource "aws_iam_role_policy" "p" {',
      '  role   = aws_iam_role.app.id',
      '  policy = data.aws_iam_policy_document.p.json',
      '}',
      '',
    ].join('\n')

  // terraform-aws-modules/eventbridge's pipe roles: a dynamic "statement" over the ARNs a for keeps, the
  // ARNs of a registry module not installed. The reason names that module, not only the for's condition.
  it('says what a dynamic "statement" block\'s for_each waits on, through fors and operations', async () => {
    const principals = await fromCode({
      'infra/main.tf': roleWithDocument(
        'module "queue" {',
        '  source = "terraform-aws-modules/sqs/aws"',
        '}',
        'locals {',
        '  arns = { sqs = [for arn in [module.queue.queue_arn] : arn if arn == "*" || length(arn) > 0] }',
        '}',
        'data "aws_iam_policy_document" "p" {',
        '  dynamic "statement" {',
        '    for_each = { for k, v in local.arns : k => v if length(v) > 0 }',
        '    content {',
        '      actions   = ["sqs:SendMessage"]',
        '      resources = statement.value',
        '    }',
        '  }',
        '}',
      ),
    })
    expect(principals.flatMap((p) => (p.unresolved ?? []).map((u) => `${u.line}: ${u.reason}`))).toEqual([
      '22: a dynamic "statement" block\'s for_each is not known here: an output of module.queue, whose code is not in the workspace',
    ])
  })

  // trussworks/terraform-aws-config: a statement toggled by a module output that may be null. As one
  // instance of a resource whose count is not known, it is read once: what it would grant is checked.
  it('reads once a dynamic "statement" toggled by a value not known here, with the rest of the document', async () => {
    const principals = await fromCode({
      'infra/main.tf': roleWithDocument(
        'module "key" {',
        '  source = "terraform-aws-modules/kms/aws"',
        '}',
        'data "aws_iam_policy_document" "p" {',
        '  dynamic "statement" {',
        '    for_each = module.key.key_arn != null ? [1] : []',
        '    content {',
        '      sid       = "UseKey"',
        '      actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]',
        '      resources = [module.key.key_arn]',
        '    }',
        '  }',
        '  statement {',
        '    actions   = ["s3:*"]',
        '    resources = ["*"]',
        '  }',
        '}',
      ),
    })
    expect(principals.map((p) => [p.unresolved?.length ?? 0, p.policies.map(actions)])).toEqual([
      [0, ['kms:Decrypt kms:GenerateDataKey* s3:*']],
    ])
    // Each statement at its block: the dynamic one's content, and the other.
    expect(principals[0]?.policies[0]?.statements.map((s) => s.line)).toEqual([7, 13])
  })

  it('leaves a policy whose dynamic "condition" blocks are not known unresolved, not unconditional', async () => {
    const principals = await fromCode({
      'infra/main.tf': roleWithDocument(
        'variable "conditions" {}',
        'data "aws_iam_policy_document" "p" {',
        '  statement {',
        '    actions   = ["s3:GetObject"]',
        '    resources = ["*"]',
        '    dynamic "condition" {',
        '      for_each = var.conditions',
        '      content {',
        '        test     = condition.value.test',
        '        variable = condition.value.variable',
        '        values   = condition.value.values',
        '      }',
        '    }',
        '  }',
        '}',
      ),
    })
    expect(principals.map((p) => [p.policies.length, (p.unresolved ?? []).map((u) => u.reason)])).toEqual([
      [
        0,
        [
          'a dynamic "condition" block\'s for_each is not known here: the value of var.conditions is not known here',
        ],
      ],
    ])
  })
})

describe('a plan without its code', () => {
  it('makes each new role in the account its provider configuration names when only the plan is here', async () => {
    // CDK for Terraform, or a plan made from code another repository holds: what the plan records of the
    // provider configurations (Terraform 1.1 and later resolve each resource's through the module calls).
    const roles = [
      ['aws_iam_role.here', '', 'aws'],
      ['aws_iam_role.east2', '', 'aws.east2'],
      ['module.prod.aws_iam_role.app', 'module.prod', 'aws.prod'],
      ['module.dev.aws_iam_role.app', 'module.dev', 'aws.dev'],
      ['module.staging.aws_iam_role.app', 'module.staging', 'aws.staging'],
      ['module.other.aws_iam_role.app', 'module.other', 'aws.other'],
      ['module.own.aws_iam_role.app', 'module.own', 'module.own:aws'],
    ]
    const resources = roles.map(([address]) => {
      const name = (address as string).split('.').at(-1) as string
      return { address, mode: 'managed', type: 'aws_iam_role', name, values: { name, path: '/' } }
    })
    // An existing role made through an alias into another account: not the configuration's account.
    const existing = {
      address: 'aws_iam_role.old',
      mode: 'managed',
      type: 'aws_iam_role',
      name: 'old',
      values: { name: 'old', path: '/', arn: 'arn:aws:iam::222222222222:role/old' },
    }
    const assume = (roleArn: object) => [{ role_arn: roleArn }]
    const text = JSON.stringify({
      format_version: '1.2',
      variables: {
        dev_account: { value: '333333333333' },
        staging_role: { value: 'arn:aws:iam::555555555555:role/ci' },
      },
      planned_values: { root_module: { resources: [...resources, existing] } },
      prior_state: { values: { root_module: { resources: [existing] } } },
      resource_changes: resources.map(creation),
      configuration: {
        provider_config: {
          aws: { name: 'aws', expressions: { region: { constant_value: 'us-east-1' } } },
          'aws.east2': {
            name: 'aws',
            alias: 'east2',
            expressions: { region: { constant_value: 'us-east-2' } },
          },
          'aws.prod': {
            name: 'aws',
            full_name: 'registry.terraform.io/hashicorp/aws',
            alias: 'prod',
            expressions: { assume_role: assume({ constant_value: 'arn:aws:iam::222222222222:role/deploy' }) },
          },
          // "arn:aws:iam::${var.dev_account}:role/deploy": the plan gives the reference, not the text.
          'aws.dev': {
            name: 'aws',
            alias: 'dev',
            expressions: { assume_role: assume({ references: ['var.dev_account'] }) },
          },
          'aws.staging': {
            name: 'aws',
            alias: 'staging',
            expressions: { assume_role: assume({ references: ['var.staging_role'] }) },
          },
          'aws.other': {
            name: 'aws',
            alias: 'other',
            expressions: { assume_role: assume({ references: ['local.role'] }) },
          },
          'module.own:aws': {
            name: 'aws',
            module_address: 'module.own',
            expressions: { allowed_account_ids: { constant_value: ['444444444444'] } },
          },
        },
        root_module: {
          resources: [
            { address: 'aws_iam_role.here', provider_config_key: 'aws' },
            { address: 'aws_iam_role.east2', provider_config_key: 'aws.east2' },
            { address: 'aws_iam_role.old', provider_config_key: 'aws.prod' },
          ],
          module_calls: Object.fromEntries(
            roles
              .filter(([, module]) => module !== '')
              .map(([, module, key]) => [
                (module as string).slice('module.'.length),
                {
                  source: './app',
                  module: { resources: [{ address: 'aws_iam_role.app', provider_config_key: key }] },
                },
              ]),
          ),
        },
      },
    })
    const root = await workspace(
      { 'infra/plan.json': text },
      `  - plan: infra/plan.json\n    account: "${ACCOUNT}"`,
    )
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    expect(principals.map((p) => `${p.arn} ${p.lifecycle}`).sort()).toEqual(
      [
        `arn:aws:iam::${ACCOUNT}:role/here new`,
        `arn:aws:iam::${ACCOUNT}:role/east2 new`,
        'arn:aws:iam::222222222222:role/old exists',
        'arn:aws:iam::222222222222:role/app new',
        'arn:aws:iam::333333333333:role/app new',
        'arn:aws:iam::555555555555:role/app new',
        'arn:aws:iam::<account>:role/app new',
        'arn:aws:iam::444444444444:role/app new',
      ].sort(),
    )
    // Without `account:`, the configuration's own account is read from what its own provider made, not
    // from the existing role the prod alias made.
    const bare = await workspace({ 'infra/plan.json': text })
    const { principals: unnamed } = await load(bare)
    expect(unnamed.find((p) => p.arn.endsWith(':role/here'))?.arn).toBe('arn:aws:iam::<account>:role/here')
  })

  it('attaches a policy to the role the configuration refers to when the role is created by the change', async () => {
    const doc = (bucket: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }],
      })
    const resources = [
      { address: 'aws_iam_role.app', type: 'aws_iam_role', name: 'app', values: { name: 'app', path: '/' } },
      ...[0, 1].map((index) => ({
        address: `aws_iam_role.worker[${index}]`,
        type: 'aws_iam_role',
        name: 'worker',
        index,
        values: { name: `worker-${index}`, path: '/' },
      })),
      {
        address: 'aws_iam_role_policy.app',
        type: 'aws_iam_role_policy',
        name: 'app',
        values: { name: 'app', policy: doc('app') },
      },
      ...[0, 1].map((index) => ({
        address: `aws_iam_role_policy.worker[${index}]`,
        type: 'aws_iam_role_policy',
        name: 'worker',
        index,
        values: { name: 'w', policy: doc(`worker-${index}`) },
      })),
    ].map((r) => ({ ...r, mode: 'managed' }))
    const text = JSON.stringify({
      format_version: '1.2',
      planned_values: { root_module: { resources } },
      resource_changes: resources.map((r) => ({
        address: r.address,
        mode: 'managed',
        type: r.type,
        name: r.name,
        change: {
          actions: ['create'],
          after: r.values,
          after_unknown: r.type === 'aws_iam_role' ? { arn: true, id: true } : { id: true, role: true },
        },
      })),
      configuration: {
        root_module: {
          resources: [
            {
              address: 'aws_iam_role_policy.app',
              expressions: { role: { references: ['aws_iam_role.app.id', 'aws_iam_role.app'] } },
            },
            {
              address: 'aws_iam_role_policy.worker',
              expressions: { role: { references: ['aws_iam_role.worker', 'count.index'] } },
            },
          ],
        },
      },
    })
    const pretty = JSON.stringify(JSON.parse(text), null, 2)
    const root = await workspace(
      { 'infra/plan.json': pretty },
      `  - plan: infra/plan.json\n    account: "${ACCOUNT}"`,
    )
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    expect(
      principals.map((p) => [
        p.arn,
        p.lifecycle,
        p.policies.flatMap((d) => d.statements.map((s) => s.resources[0]?.value)),
        p.unresolved ?? [],
      ]),
    ).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/app`, 'new', ['arn:aws:s3:::app/*'], []],
      [`arn:aws:iam::${ACCOUNT}:role/worker-0`, 'new', ['arn:aws:s3:::worker-0/*'], []],
      [`arn:aws:iam::${ACCOUNT}:role/worker-1`, 'new', ['arn:aws:s3:::worker-1/*'], []],
    ])
    // Without the code, a policy is placed where the plan gives its resource (planned_values first).
    const lines = pretty.split('\n')
    const line = lines.findIndex((l) => l.includes('"address": "aws_iam_role_policy.worker[1]"')) + 1
    const policy = principals[2]?.policies[0]
    expect([policy?.file, policy?.statements[0]?.line]).toEqual(['infra/plan.json', line])
    expect(line).toBeGreaterThan(1)
  })

  // Not speed targets (1–2.5 s here): guards. A plan on one line, as terraform show -json writes it, was read
  // to its end once per IAM address, looking for a line break (80,000 roles: 35 s); the instances of a
  // counted resource were copied to add each one (47 s for 40,000); and each policy whose role is written
  // without an index looked through every principal of the plan (10,000 of each: 24 s).
  const created = (count: number, policyOf?: (i: number) => string) => {
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }],
    })
    const resources = Array.from({ length: count }, (_, i) => ({
      address: `aws_iam_role.r[${i}]`,
      type: 'aws_iam_role',
      name: 'r',
      index: i,
      values: { name: `r-${i}`, path: '/' },
    }))
    const policies = policyOf
      ? Array.from({ length: count }, (_, i) => ({
          address: `aws_iam_role_policy.p${i}`,
          type: 'aws_iam_role_policy',
          name: `p${i}`,
          values: { name: 'p', policy: doc },
        }))
      : []
    const all = [...resources, ...policies].map((r) => ({ ...r, mode: 'managed' }))
    return JSON.stringify({
      format_version: '1.2',
      planned_values: { root_module: { resources: all } },
      resource_changes: all.map(creation),
      configuration: {
        root_module: {
          resources: policies.map((p, i) => ({
            address: p.address,
            expressions: { role: { references: [policyOf?.(i) ?? '', 'local.i'] } },
          })),
        },
      },
    })
  }

  it('reads a plan of 80,000 roles on one line in linear time', { timeout: 10_000 }, async () => {
    const root = await workspace(
      { 'infra/plan.json': created(80_000) },
      `  - plan: infra/plan.json\n    account: "${ACCOUNT}"`,
    )
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    expect(principals).toHaveLength(80_000)
    expect(principals[79_999]?.source).toMatchObject({ address: 'aws_iam_role.r[79999]', line: 1 })
  })

  // Not a speed target (~1 s here): a guard. The plan's value of a variable was made anew wherever it was
  // named: 10,000 roles naming `var.names[count.index]` of a list of 10,000 made 10^8 values (26 s).
  it("reads 10,000 roles that each name their item of a plan's variable", { timeout: 10_000 }, async () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `n${i}`)
    const policy = (name: string) =>
      JSON.stringify({
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` }],
      })
    const roles = names.map((name, i) => ({
      address: `aws_iam_role.r[${i}]`,
      mode: 'managed',
      type: 'aws_iam_role',
      name: 'r',
      index: i,
      values: { name, path: '/', inline_policy: [{ name: 'p', policy: policy(name) }] },
    }))
    const code = [
      'variable "names" {\n  type = list(string)\n}',
      'resource "aws_iam_role" "r" {',
      '  count              = length(var.names)',
      '  name               = var.names[count.index]',
      '  assume_role_policy = "{}"',
      '  inline_policy {',
      '    name   = "p"',
      '    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::${var.names[count.index]}/*" }] })',
      '  }',
      '}',
    ].join('\n')
    const planText = JSON.stringify({
      format_version: '1.2',
      variables: { names: { value: names } },
      planned_values: { root_module: { resources: roles } },
      resource_changes: roles.map(creation),
      configuration: { root_module: {} },
    })
    const root = await workspace(
      { 'infra/main.tf': code, 'infra/plan.json': planText },
      `  - plan: infra/plan.json\n    account: "${ACCOUNT}"`,
    )
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    expect(principals).toHaveLength(10_000)
    const last = principals.find((p) => p.arn.endsWith('role/n9999'))
    // The statement as the code writes it, at its line in main.tf.
    expect(last?.policies[0]?.statements[0]?.resources.map((r) => r.value)).toEqual(['arn:aws:s3:::n9999/*'])
    expect(last?.policies[0]?.file).toBe('infra/main.tf')
  })

  it('finds the roles of 10,000 policies written without an index in linear time', {
    timeout: 10_000,
  }, async () => {
    const root = await workspace(
      { 'infra/plan.json': created(10_000, () => 'aws_iam_role.r') },
      `  - plan: infra/plan.json\n    account: "${ACCOUNT}"`,
    )
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    // Which of the 10,000 roles is meant is not known: each policy is a principal of its own, unresolved.
    expect(principals.filter((p) => p.unresolved?.length)).toHaveLength(10_000)
  })

  it('finds the policy and the lists of roles an attachment names when both are created by the change', async () => {
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }],
    })
    const role = (name: string, values: object) => ({
      address: `aws_iam_role.${name}`,
      type: 'aws_iam_role',
      name,
      values: { path: '/', ...values },
      unknown: { arn: true, id: true, name: !('name' in values) },
    })
    const resources = [
      role('a', { name: 'a' }),
      // name_prefix: its name, and so the attachment's list, is known after apply.
      role('b', { name_prefix: 'b-' }),
      {
        address: 'aws_iam_policy.shared',
        type: 'aws_iam_policy',
        name: 'shared',
        values: { name: 'shared', policy: doc },
        unknown: { arn: true, id: true },
      },
      ...['listed', 'nowhere'].map((name) => ({
        address: `aws_iam_policy_attachment.${name}`,
        type: 'aws_iam_policy_attachment',
        name,
        values: { name, users: null, groups: null },
        unknown: { id: true, policy_arn: true, roles: true },
      })),
    ]
    const text = JSON.stringify({
      format_version: '1.2',
      planned_values: {
        root_module: { resources: resources.map(({ unknown: _, ...r }) => ({ ...r, mode: 'managed' })) },
      },
      resource_changes: resources.map(creation),
      configuration: {
        root_module: {
          resources: [
            {
              address: 'aws_iam_policy_attachment.listed',
              expressions: {
                policy_arn: { references: ['aws_iam_policy.shared.arn', 'aws_iam_policy.shared'] },
                roles: {
                  references: [
                    'aws_iam_role.a.name',
                    'aws_iam_role.a',
                    'aws_iam_role.b.name',
                    'aws_iam_role.b',
                  ],
                },
              },
            },
            // A configuration that does not say: its roles are unknown, and said to be.
            { address: 'aws_iam_policy_attachment.nowhere', expressions: {} },
          ],
        },
      },
    })
    const principals = await fromPlanText(text)
    expect(
      principals.map((p) => [
        p.arn,
        p.policies.flatMap((d) => d.statements.map((s) => s.actions[0]?.value)),
        (p.unresolved ?? []).map((u) => `${u.address}: ${u.reason}`),
      ]),
    ).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/a`, ['sqs:SendMessage'], []],
      [`arn:aws:iam::${ACCOUNT}:role/\${aws_iam_role.b.name}`, ['sqs:SendMessage'], []],
      [
        `arn:aws:iam::${ACCOUNT}:role/\${aws_iam_policy_attachment.nowhere.roles}`,
        [],
        [
          'aws_iam_policy_attachment.nowhere: the role it applies to is known only after apply',
          'aws_iam_policy_attachment.nowhere: its policy_arn is known only after apply',
        ],
      ],
    ])
  })

  // androzo/aws-validation's plan: the role's permissions_boundary is `module.boundary.policy_arn`, an
  // output of the module that creates the policy. Without the code the boundary was dropped in silence.
  it('follows module outputs and input variables to the policies the same change creates', async () => {
    const doc = (action: string, effect = 'Allow') =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: effect, Action: action, Resource: '*' }],
      })
    const created = (module: string, type: string, name: string, values: object, unknown: object) => ({
      address: `${module}${type}.${name}`,
      module: module.replace(/\.$/, ''),
      type,
      name,
      values,
      unknown: { arn: true, id: true, ...unknown },
    })
    const resources = [
      created('', 'aws_iam_role', 'app', { name: 'app', path: '/' }, { permissions_boundary: true }),
      created('', 'aws_iam_role', 'ops', { name: 'ops', path: '/' }, { managed_policy_arns: true }),
      created('', 'aws_iam_role', 'lost', { name: 'lost', path: '/' }, { permissions_boundary: true }),
      created('module.boundary.', 'aws_iam_policy', 'this', { name: 'b', policy: doc('s3:*') }, {}),
      created(
        'module.pol["x"].',
        'aws_iam_policy',
        'this',
        { name: 'x', policy: doc('sqs:SendMessage') },
        {},
      ),
      created('module.pol["y"].', 'aws_iam_policy', 'this', { name: 'y', policy: doc('sns:Publish') }, {}),
      created('', 'aws_iam_policy', 'ops', { name: 'ops', policy: doc('ec2:DescribeInstances') }, {}),
      created('', 'aws_iam_policy', 'kms', { name: 'kms', policy: doc('kms:Decrypt') }, {}),
      created('', 'aws_iam_role_policy_attachment', 'app', { role: 'app' }, { policy_arn: true }),
      created(
        'module.attach.',
        'aws_iam_role_policy_attachment',
        'this',
        { role: 'app' },
        { policy_arn: true },
      ),
    ]
    const refs = (...r: string[]) => ({ references: r })
    const text = JSON.stringify({
      format_version: '1.2',
      planned_values: { root_module: {} },
      resource_changes: resources.map(creation),
      configuration: {
        root_module: {
          resources: [
            {
              address: 'aws_iam_role.app',
              expressions: { permissions_boundary: refs('module.boundary.policy_arn', 'module.boundary') },
            },
            {
              address: 'aws_iam_role.ops',
              expressions: { managed_policy_arns: refs('aws_iam_policy.ops.arn', 'aws_iam_policy.ops') },
            },
            // A boundary the plan does not hold: said to be unresolved, not dropped.
            { address: 'aws_iam_role.lost', expressions: { permissions_boundary: refs('var.boundary_arn') } },
            {
              address: 'aws_iam_role_policy_attachment.app',
              expressions: {
                role: refs('aws_iam_role.app.name', 'aws_iam_role.app'),
                policy_arn: refs('module.pol["x"].arn', 'module.pol["x"]', 'module.pol'),
              },
            },
          ],
          module_calls: {
            boundary: {
              source: './boundary',
              module: {
                outputs: {
                  policy_arn: { expression: refs('aws_iam_policy.this.arn', 'aws_iam_policy.this') },
                },
              },
            },
            pol: {
              source: './pol',
              module: {
                outputs: { arn: { expression: refs('aws_iam_policy.this.arn', 'aws_iam_policy.this') } },
              },
            },
            // The module attaches what its caller passes in: `policy_arn = var.policy_arn`.
            attach: {
              source: './attach',
              expressions: { policy_arn: refs('aws_iam_policy.kms.arn', 'aws_iam_policy.kms') },
              module: {
                resources: [
                  {
                    address: 'aws_iam_role_policy_attachment.this',
                    expressions: { policy_arn: refs('var.policy_arn') },
                  },
                ],
              },
            },
          },
        },
      },
    })
    const principals = await fromPlanText(text)
    expect(
      principals.map((p) => [
        p.arn,
        p.policies.map(actions),
        p.boundary ? actions(p.boundary) : null,
        (p.unresolved ?? []).map((u) => `${u.address}: ${u.reason}${u.asBoundary ? ' (boundary)' : ''}`),
      ]),
    ).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/app`, ['sqs:SendMessage', 'kms:Decrypt'], 's3:*', []],
      [`arn:aws:iam::${ACCOUNT}:role/ops`, ['ec2:DescribeInstances'], null, []],
      [
        `arn:aws:iam::${ACCOUNT}:role/lost`,
        [],
        null,
        ['aws_iam_role.lost: its permissions_boundary is known only after apply (boundary)'],
      ],
      // module.pol["y"] is attached to no one here: checked on its own.
      [`arn:aws:iam::${ACCOUNT}:policy/y`, ['sns:Publish'], null, []],
    ])
  })
})

describe('a count the code alone does not know (`count = module.this.enabled ? 1 : 0`)', () => {
  it('reads one instance, decides && and || by a known side, and leaves an instance it cannot read unresolved', async () => {
    // The shape of cloudposse's components: `enabled` comes from a registry module that is not here, and
    // the pre-0.12 `join("", x.*.attr)` reads a counted resource.
    const principals = await fromCode({
      'infra/main.tf': [
        'module "this" {',
        '  source  = "cloudposse/label/null"',
        '  version = "0.25.0"',
        '}',
        'locals {',
        '  enabled = module.this.enabled',
        '}',
        'variable "ssm_parameters" { default = [] }',
        'variable "boundary" { default = "" }',
        'data "aws_partition" "current" {',
        '  count = local.enabled ? 1 : 0',
        '}',
        'data "aws_iam_policy_document" "default" {',
        '  count = local.enabled ? 1 : 0',
        '  statement {',
        '    actions   = ["sqs:SendMessage"]',
        '    resources = ["arn:aws:sqs:us-east-1:111122223333:jobs"]',
        '  }',
        '}',
        'data "aws_iam_policy_document" "ssm" {',
        '  count = local.enabled && length(var.ssm_parameters) > 0 ? 1 : 0',
        '  statement {',
        '    actions   = ["ssm:GetParameter"]',
        '    resources = var.ssm_parameters',
        '  }',
        '}',
        'data "aws_iam_policy_document" "empty" {',
        '  count                     = local.enabled ? 1 : 0',
        '  override_policy_documents = []',
        '}',
        'resource "aws_iam_role" "default" {',
        '  count                = local.enabled ? 1 : 0',
        '  name                 = "worker"',
        '  assume_role_policy   = "{}"',
        '  permissions_boundary = var.boundary',
        '  managed_policy_arns = [',
        '    join("", aws_iam_policy.default.*.arn),',
        '    "arn:${join("", data.aws_partition.current.*.partition)}:iam::aws:policy/AWSXRayDaemonWriteAccess",',
        '  ]',
        '}',
        'resource "aws_iam_policy" "default" {',
        '  count  = local.enabled ? 1 : 0',
        '  name   = "worker"',
        '  policy = join("", data.aws_iam_policy_document.default.*.json)',
        '}',
        'resource "aws_iam_policy" "ssm" {',
        '  count  = local.enabled && length(var.ssm_parameters) > 0 ? 1 : 0',
        '  name   = "ssm"',
        '  policy = data.aws_iam_policy_document.ssm[0].json',
        '}',
        'resource "aws_iam_role_policy_attachment" "ssm" {',
        '  count      = length(var.ssm_parameters) > 0 && local.enabled ? 1 : 0',
        '  role       = one(aws_iam_role.default[*].name)',
        '  policy_arn = aws_iam_policy.ssm[0].arn',
        '}',
        'resource "aws_iam_role_policy" "empty" {',
        '  count  = local.enabled || false ? 1 : 0',
        '  role   = one(aws_iam_role.default[*].name)',
        '  policy = one(data.aws_iam_policy_document.empty[*].json)',
        '}',
        'resource "aws_iam_role_policy" "listed" {',
        '  count  = local.enabled ? 1 : 0',
        '  role   = one(aws_iam_role.default[*].name)',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [for p in var.ssm_parameters :',
        '    { Effect = "Allow", Action = "ssm:GetParameter", Resource = p }] })',
        '}',
        'resource "aws_iam_role_policy" "tagged" {',
        '  count  = true || local.enabled ? 1 : 0',
        '  role   = join("", aws_iam_role.default.*.id)',
        '  policy = <<-EOT',
        '    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:TerminateInstances",',
        '      "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/cluster": "${lookup(module.this.tags, "Cluster", "none")}"}}}]}',
        '  EOT',
        '}',
        '',
      ].join('\n'),
    })
    // The ssm policy and its attachment have a count of 0 (`unknown && false`): no principal for them.
    expect(principals.map((p) => p.arn)).toEqual([`arn:aws:iam::${ACCOUNT}:role/worker`])
    const [worker] = principals
    // A permissions_boundary of "" is none, as the provider reads it.
    expect(worker?.boundary ?? null).toBeNull()
    expect(
      worker?.policies.map(
        (d) => `${d.source?.kind === 'aws-managed-policy' ? d.source.arn : d.file}: ${actions(d)}`,
      ),
    ).toEqual([
      'infra/main.tf: sqs:SendMessage',
      // `arn:${partition not known here}:iam::aws:policy/…` is the AWS managed policy.
      'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess: xray:PutTraceSegments xray:PutTelemetryRecords xray:GetSamplingRules xray:GetSamplingTargets xray:GetSamplingStatisticSummaries',
      'infra/main.tf: ec2:TerminateInstances',
    ])
    // A placeholder interpolated into JSON text keeps the text JSON.
    expect(worker?.policies[2]?.statements[0]?.condition?.value).toBe(
      `{"StringEquals":{"aws:ResourceTag/cluster":"\${lookup(module.this.tags, 'Cluster', 'none')}"}}`,
    )
    // As one instance, the empty document is not a policy: the count may be 0, so unresolved, not an error.
    expect(worker?.unresolved?.map((u) => `${u.line}: ${u.reason}`)).toEqual([
      `27: data.aws_iam_policy_document.empty: its count is not known here; as one instance, "Statement" is empty; expected at least one statement`,
      `64: aws_iam_role_policy.listed[0]: its count is not known here; as one instance, "Statement" is empty; expected at least one statement`,
    ])
  })
})

describe('a count or for_each a condition the code alone does not know decides between none and some', () => {
  it('reads the instances it may make: each name of a list, each ARN of a map', async () => {
    // cloudposse/terraform-aws-iam-role's shape: `for_each = module.this.enabled ? local.map : {}`
    // attaches the managed policies a caller gives, and `module.this` is a registry module not installed.
    const principals = await fromCode({
      'infra/main.tf': [
        'module "this" {',
        '  source = "cloudposse/label/null"',
        '}',
        'variable "names" { default = ["build", "deploy"] }',
        'locals {',
        '  arns = { read = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", own = aws_iam_policy.own.arn }',
        '}',
        'resource "aws_iam_role" "r" {',
        '  count              = module.this.enabled ? length(var.names) : 0',
        '  name               = var.names[count.index]',
        '  assume_role_policy = "{}"',
        '}',
        'resource "aws_iam_policy" "own" {',
        '  name   = "own"',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })',
        '}',
        'resource "aws_iam_role_policy_attachment" "each" {',
        '  for_each   = module.this.enabled ? local.arns : {}',
        '  role       = aws_iam_role.r[1].name',
        '  policy_arn = each.value',
        '}',
        '',
      ].join('\n'),
    })
    expect(
      principals.map((p) => [
        p.arn,
        p.policies.map((d) =>
          d.source?.kind === 'aws-managed-policy' ? d.source.arn : `${d.file}: ${actions(d)}`,
        ),
        (p.unresolved ?? []).map((u) => u.reason),
      ]),
    ).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/build`, [], []],
      [
        `arn:aws:iam::${ACCOUNT}:role/deploy`,
        ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', 'infra/main.tf: sqs:SendMessage'],
        [],
      ],
    ])
  })
})

describe('a principal named only after apply, passed on through a local, and policies keyed by md5()', () => {
  it('attaches to the user the local names, each policy of a map keyed by its digest', async () => {
    // cloudposse/terraform-aws-iam-system-user's shape: `user = local.username`, the local
    // `join("", aws_iam_user.default.*.name)`, and `for_each = { for p in var.policies : md5(p) => p }`.
    const principals = await fromCode({
      'infra/main.tf': [
        'module "this" {',
        '  source = "cloudposse/label/null"',
        '}',
        'variable "policies" {',
        '  default = [<<-EOT',
        '    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]}',
        '  EOT',
        '  ]',
        '}',
        'locals {',
        '  username = join("", aws_iam_user.default.*.name)',
        '  policies = { for p in var.policies : md5(p) => p }',
        '}',
        'resource "aws_iam_user" "default" {',
        '  count = module.this.enabled ? 1 : 0',
        '  name  = module.this.id',
        '}',
        'resource "aws_iam_user_policy" "inline" {',
        '  for_each = module.this.enabled ? local.policies : {}',
        '  user     = local.username',
        '  policy   = each.value',
        '}',
        '',
      ].join('\n'),
    })
    expect(
      principals.map((p) => [
        p.arn,
        p.policies.map((d) => actions(d)),
        (p.unresolved ?? []).map((u) => u.reason),
      ]),
    ).toEqual([[`arn:aws:iam::${ACCOUNT}:user/\${aws_iam_user.default[0].name}`, ['sqs:SendMessage'], []]])
  })

  it("attaches to the role whose ARN's basename() names it, passed in from another module", async () => {
    // braintrustdata/terraform-aws-braintrust-data-plane: one module makes the role and outputs its ARN,
    // another attaches policies to `basename(var.role_arn)`, the role's name (its path comes before it).
    const principals = await fromCode({
      'infra/main.tf': [
        'module "common" {',
        '  source = "./common"',
        '}',
        'module "services" {',
        '  source   = "./services"',
        '  role_arn = module.common.role_arn',
        '}',
        '',
      ].join('\n'),
      'infra/common/main.tf': [
        'resource "aws_iam_role" "api" {',
        '  name               = "api-handler"',
        '  path               = "/service/"',
        '  assume_role_policy = "{}"',
        '}',
        'output "role_arn" {',
        '  value = aws_iam_role.api.arn',
        '}',
        '',
      ].join('\n'),
      'infra/services/main.tf': [
        'variable "role_arn" {}',
        'locals {',
        '  role_name = basename(var.role_arn)',
        '}',
        'resource "aws_iam_policy" "lambdas" {',
        '  name   = "lambdas"',
        `  policy = ${allowOnStar('lambda:InvokeFunction')}`,
        '}',
        'resource "aws_iam_role_policy_attachment" "lambdas" {',
        '  role       = local.role_name',
        '  policy_arn = aws_iam_policy.lambdas.arn',
        '}',
        'resource "aws_iam_role_policy" "direct" {',
        '  role   = basename(var.role_arn)',
        `  policy = ${allowOnStar('sqs:SendMessage')}`,
        '}',
        '',
      ].join('\n'),
    })
    expect(principals.map(held)).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/service/api-handler`, ['lambda:InvokeFunction', 'sqs:SendMessage'], 0],
    ])
  })
  it('attaches to the role written `cond ? role : null`, or a module outputs so, its condition not known here', async () => {
    // philips-labs/terraform-aws-github-oidc: the module makes its role when `var.repo != null`, and
    // outputs it the same way; the caller's repo is a variable without a value.
    const principals = await fromCode({
      'infra/main.tf': [
        'variable "repo" { type = string }',
        'module "ci" {',
        '  source = "./role"',
        '  repo   = var.repo',
        '}',
        'resource "aws_iam_role_policy" "s3" {',
        '  role   = module.ci.role.name',
        `  policy = ${allowOnStar('s3:PutObject')}`,
        '}',
        '',
      ].join('\n'),
      'infra/role/main.tf': [
        'variable "repo" { default = null }',
        'resource "aws_iam_role" "main" {',
        '  count = var.repo != null ? 1 : 0',
        '  name  = "ci"',
        '}',
        'output "role" {',
        '  value = var.repo != null ? aws_iam_role.main[0] : null',
        '}',
        'output "arn" {',
        '  value = var.repo == null ? null : aws_iam_role.main[0].arn',
        '}',
        '',
      ].join('\n'),
      'infra/more.tf': [
        'resource "aws_iam_role_policy" "sqs" {',
        '  role   = basename(module.ci.arn)',
        `  policy = ${allowOnStar('sqs:SendMessage')}`,
        '}',
        // The same written where the role is made: a role taken as made, or null, is that role.
        'resource "aws_iam_role" "local" {',
        '  count = var.repo != null ? 1 : 0',
        '  name  = "local"',
        '}',
        'resource "aws_iam_role_policy" "kms" {',
        '  role   = var.repo != null ? aws_iam_role.local[0].name : null',
        `  policy = ${allowOnStar('kms:Decrypt')}`,
        '}',
        '',
      ].join('\n'),
    })
    expect(principals.map(held)).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/local`, ['kms:Decrypt'], 0],
      [`arn:aws:iam::${ACCOUNT}:role/ci`, ['s3:PutObject', 'sqs:SendMessage'], 0],
    ])
  })

  it("attaches to the role whose ARN's item 1 names it, split at its slashes", async () => {
    // Written in public code as `role = split("/", aws_iam_role.github_actions.arn)[1]`: for a role on
    // the default path, `arn:aws:iam::<account>:role/<name>` split at "/" is the role's name at [1].
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "ci" {',
        '  name               = "github-actions"',
        '  assume_role_policy = "{}"',
        '}',
        'locals {',
        '  role_name = try(split("/", aws_iam_role.ci.arn)[1], "")',
        '}',
        'resource "aws_iam_role_policy_attachment" "ecr" {',
        '  role       = split("/", aws_iam_role.ci.arn)[1]',
        '  policy_arn = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"',
        '}',
        'resource "aws_iam_role_policy" "direct" {',
        '  role   = element(split("/", aws_iam_role.ci.arn), 1)',
        `  policy = ${allowOnStar('sqs:SendMessage')}`,
        '}',
        'resource "aws_iam_role_policy" "local" {',
        '  role   = local.role_name',
        `  policy = ${allowOnStar('sns:Publish')}`,
        '}',
        // Item 0 is `arn:aws:iam::<account>:role`: no role's name.
        'resource "aws_iam_role_policy" "first" {',
        '  role   = split("/", aws_iam_role.ci.arn)[0]',
        `  policy = ${allowOnStar('kms:Decrypt')}`,
        '}',
        '',
      ].join('\n'),
    })
    expect(principals.map(held)).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:role/github-actions`,
        [expect.stringContaining('ecr:GetAuthorizationToken'), 'sqs:SendMessage', 'sns:Publish'],
        0,
      ],
      [`arn:aws:iam::${ACCOUNT}:role/\${aws_iam_role_policy.first.role}`, ['kms:Decrypt'], 1],
    ])
  })
})

// cloudposse/terraform-aws-components: a hundred roots, many with `aws_iam_role.default[0]` named by
// module.this.id, which the code alone does not know. One placeholder ARN is not one role.
describe('roles named only after apply in several roots', () => {
  it('keeps apart the roles of different code that read alike, and takes as one what one module makes', async () => {
    const root = (actions: string) =>
      [
        'module "this" {',
        '  source = "cloudposse/label/null"',
        '}',
        'resource "aws_iam_role" "default" {',
        '  count = module.this.enabled ? 1 : 0',
        '  name  = module.this.id',
        '}',
        'resource "aws_iam_role_policy" "default" {',
        '  count  = module.this.enabled ? 1 : 0',
        '  role   = aws_iam_role.default[0].id',
        `  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "${actions}", Resource = "*" }] })`,
        '}',
        '',
      ].join('\n')
    const call = 'module "worker" {\n  source = "../../modules/worker"\n}\n'
    const dir = await workspace(
      {
        'bastion/main.tf': root('ssm:StartSession'),
        'ssosync/main.tf': root('identitystore:ListUsers'),
        'modules/worker/main.tf': root('sqs:ReceiveMessage'),
        'live/a/main.tf': call,
        'live/b/main.tf': call,
      },
      ['bastion', 'ssosync', 'live/a', 'live/b']
        .map((r) => `  - root: ${r}\n    account: "${ACCOUNT}"`)
        .join('\n'),
    )
    const { principals, problems } = await load(dir)
    expect(problems).toEqual([])
    expect(principals.map((p) => [p.arn, p.source.file, p.policies.map(actions)])).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:role/\${aws_iam_role.default[0].name}`,
        'bastion/main.tf',
        ['ssm:StartSession'],
      ],
      [
        `arn:aws:iam::${ACCOUNT}:role/\${aws_iam_role.default[0].name}`,
        'ssosync/main.tf',
        ['identitystore:ListUsers'],
      ],
      // Two roots calling one module: the same resource of the same code, read the same, is checked once.
      [
        `arn:aws:iam::${ACCOUNT}:role/\${module.worker.aws_iam_role.default[0].name}`,
        'modules/worker/main.tf',
        ['sqs:ReceiveMessage'],
      ],
    ])
  })
})

describe('an index by a name, after a splat too (`one(aws_iam_role.ecs_task[*]["id"])`)', () => {
  it('is the attribute of that name, as HCL reads an object either way', async () => {
    // cloudposse/terraform-aws-ecs-alb-service-task writes its role and policy references so.
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "r" {',
        '  count              = 1',
        '  name               = "app"',
        '  assume_role_policy = "{}"',
        '}',
        'data "aws_iam_policy_document" "d" {',
        '  count = 1',
        '  statement {',
        '    actions   = ["sqs:SendMessage"]',
        '    resources = ["*"]',
        '  }',
        '}',
        'resource "aws_iam_role_policy" "p" {',
        '  role   = one(aws_iam_role.r[*]["id"])',
        '  policy = one(data.aws_iam_policy_document.d[*]["json"])',
        '}',
        'data "aws_iam_policy_document" "e" {',
        '  statement {',
        '    actions   = ["sns:Publish"]',
        '    resources = ["*"]',
        '  }',
        '}',
        'resource "aws_iam_role_policy" "q" {',
        '  role   = aws_iam_role.r[0]["name"]',
        '  policy = data.aws_iam_policy_document.e["json"]',
        '}',
        '',
      ].join('\n'),
    })
    expect(principals.map(held)).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/app`, ['sqs:SendMessage', 'sns:Publish'], 0],
    ])
  })
})

describe("a role's, user's or group's id, without a plan", () => {
  // hyprnz/terraform-aws-iam-module's user-to-group example: `user_groups = ["${aws_iam_group.test_group.id}"]`
  // into a module's `groups = var.user_groups`. The id was not known, and the group a placeholder.
  it('is its name, so a group passed by id through a module variable is that group', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_group" "ops" { name = "ops" }',
        'resource "aws_iam_group_policy" "ops" {',
        '  group  = aws_iam_group.ops.name',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:StartInstances", Resource = "*" }] })',
        '}',
        'module "member" {',
        '  source = "./member"',
        '  groups = ["${aws_iam_group.ops.id}"]',
        '}',
      ].join('\n'),
      'infra/member/main.tf': [
        'variable "groups" { type = list(string) }',
        'resource "aws_iam_user" "this" { name = "alice" }',
        'resource "aws_iam_user_group_membership" "this" {',
        '  user   = aws_iam_user.this.name',
        '  groups = var.groups',
        '}',
      ].join('\n'),
    })
    expect(principals.map(held)).toEqual([[`arn:aws:iam::${ACCOUNT}:user/alice`, ['ec2:StartInstances'], 0]])
  })
})

describe('a list of principals taken from what a function gives (`values(aws_iam_user.all)[*].name`)', () => {
  // trussworks/terraform-aws-iam-user-group's example (BSD-3-Clause): steps on a function's result were
  // "not evaluated", and the group's members a placeholder.
  it('puts each user of the list in the group', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_user" "all" {',
        '  for_each = toset(["foo", "bar"])',
        '  name     = each.value',
        '}',
        'resource "aws_iam_group" "ops" { name = "ops" }',
        'resource "aws_iam_group_policy" "ops" {',
        '  group  = aws_iam_group.ops.name',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::111122223333:role/ops" }] })',
        '}',
        'resource "aws_iam_group_membership" "ops" {',
        '  name  = "ops"',
        '  users = values(aws_iam_user.all)[*].name',
        '  group = aws_iam_group.ops.name',
        '}',
      ].join('\n'),
    })
    // In the set's order, as Terraform makes the instances: bar before foo.
    expect(principals.map(held)).toEqual([
      [`arn:aws:iam::${ACCOUNT}:user/bar`, ['sts:AssumeRole'], 0],
      [`arn:aws:iam::${ACCOUNT}:user/foo`, ['sts:AssumeRole'], 0],
    ])
  })
})

describe('a policy document whose actions are not known here', () => {
  // hyprnz/terraform-aws-iam-module's policy-and-role: `actions = var.policy_actions`, a variable with no
  // value. The placeholder was read as an action: '"${var.policy_actions}" is not an IAM action'.
  it('is unresolved because the actions are not known, whichever statement holds them', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'variable "actions" { type = list(string) }',
        'variable "more" { type = string }',
        'resource "aws_iam_role" "app" { name = "app" }',
        'data "aws_iam_policy_document" "all" {',
        '  statement {',
        '    actions   = var.actions',
        '    resources = ["*"]',
        '  }',
        '}',
        'data "aws_iam_policy_document" "one" {',
        '  statement {',
        '    actions   = ["s3:GetObject"]',
        '    resources = ["*"]',
        '  }',
        '  statement {',
        '    not_actions = ["iam:*", var.more]',
        '    resources   = ["*"]',
        '  }',
        '}',
        'resource "aws_iam_role_policy" "all" {',
        '  role   = aws_iam_role.app.name',
        '  policy = data.aws_iam_policy_document.all.json',
        '}',
        'resource "aws_iam_role_policy" "one" {',
        '  role   = aws_iam_role.app.name',
        '  policy = data.aws_iam_policy_document.one.json',
        '}',
      ].join('\n'),
    })
    expect(
      principals.map((p) => [p.arn, p.policies.length, p.unresolved?.map((u) => [u.line, u.reason])]),
    ).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:role/app`,
        0,
        [
          [22, 'the value of var.actions is not known here'],
          [26, 'the value of var.more is not known here'],
        ],
      ],
    ])
  })
})

describe('an AWS managed policy named without its path', () => {
  it('is unresolved, with the ARN that was meant', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "app" { name = "app" }',
        'resource "aws_iam_role_policy_attachment" "ecs" {',
        '  role       = aws_iam_role.app.name',
        '  policy_arn = "arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy"',
        '}',
      ].join('\n'),
    })
    expect(
      principals.map((p) => [p.arn, p.policies.length, p.unresolved?.map((u) => [u.line, u.reason])]),
    ).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:role/app`,
        0,
        [
          [
            4,
            'arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy is no AWS managed policy: the one called AmazonECSTaskExecutionRolePolicy ' +
              "is arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy (an ARN holds the policy's path)",
          ],
        ],
      ],
    ])
  })
})

// wellcomecollection/storage-service gives each ECS service's task role, an output of a module from
// another repository, a queue's, a topic's and a bucket's policy, each through a module of its own. Each
// attachment was a placeholder of its own: the role's policies were never seen together.
describe('policies attached to one role that is not known here', () => {
  it('are one principal, named after what the role is, and judged together', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'variable "ci_role" {}', // 1
        'module "worker" { source = "git::https://example.com/task.git" }', // 2
        'module "reader" {', // 3
        '  source     = "./queue"', // 4
        '  role_names = [module.worker.task_role_name]', // 5
        '}', // 6
        'module "other" {', // 7
        '  source     = "./queue"', // 8
        '  role_names = [module.worker.other_role_name]', // 9
        '}', // 10
        'resource "aws_iam_role_policy" "pass" {', // 11
        '  role   = module.worker.task_role_name', // 12
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::*:role/app-*" }] })', // 13
        '}', // 14
        'resource "aws_iam_role_policy" "ci_a" {', // 15
        '  role   = var.ci_role', // 16
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:ListBucket", Resource = "*" }] })', // 17
        '}', // 18
        'resource "aws_iam_role_policy" "ci_b" {', // 19
        '  role   = var.ci_role', // 20
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })', // 21
        '}', // 22
      ].join('\n'),
      'infra/queue/main.tf': [
        'variable "role_names" {}',
        'resource "aws_iam_role_policy" "run" {',
        '  count  = length(var.role_names)',
        '  role   = var.role_names[count.index]',
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" }] })',
        '}',
      ].join('\n'),
    })
    expect(principals.map(held)).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:role/\${module.worker.task_role_name}`,
        ['iam:PassRole', 'ec2:RunInstances'],
        1,
      ],
      [`arn:aws:iam::${ACCOUNT}:role/\${var.ci_role}`, ['s3:ListBucket', 's3:GetObject'], 1],
      [`arn:aws:iam::${ACCOUNT}:role/\${module.worker.other_role_name}`, ['ec2:RunInstances'], 1],
    ])
    // Together, the two policies of the task role let it start an instance with a role it passes.
    const { findings } = analyse(principals, [], loadCatalog())
    expect(
      findings.filter((f) => f.kind === 'privilege-escalation').map((f) => [f.principal, f.actions]),
    ).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/\${module.worker.task_role_name}`, ['iam:PassRole', 'ec2:RunInstances']],
    ])
  })

  it('are one principal whichever way the key into the value is written', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'module "worker" { source = "git::https://example.com/task.git" }',
        'locals { which = "app" }',
        'resource "aws_iam_role_policy" "literal" {',
        '  role   = module.worker.roles["app"]',
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })',
        '}',
        'resource "aws_iam_role_policy" "computed" {',
        '  role   = module.worker.roles[local.which]',
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "*" }] })',
        '}',
      ].join('\n'),
    })
    expect(principals.map(held)).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/\${module.worker.roles.app}`, ['s3:GetObject', 's3:PutObject'], 1],
    ])
  })

  // KICS's test files list roles their file does not declare: "known only after apply" said nothing.
  it('says why, for each entry of a list of principals, and joins an entry to the same unknown role', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'module "worker" { source = "git::https://example.com/task.git" }',
        'resource "aws_iam_role_policy" "pass" {',
        '  role   = module.worker.task_role_name',
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })',
        '}',
        'resource "aws_iam_policy" "p" {',
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "*" }] })',
        '}',
        'resource "aws_iam_policy_attachment" "both" {',
        '  name       = "both"',
        '  roles      = [module.worker.task_role_name, aws_iam_role.missing.name]',
        '  policy_arn = aws_iam_policy.p.arn',
        '}',
      ].join('\n'),
    })
    expect(
      principals.map((p) => [p.arn, p.policies.map(actions), p.unresolved?.map((u) => u.reason)]),
    ).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:role/\${module.worker.task_role_name}`,
        ['s3:GetObject', 's3:PutObject'],
        [
          expect.stringMatching(
            /^the role it applies to is not known here: module\.worker\.task_role_name: an output/,
          ),
        ],
      ],
      [
        `arn:aws:iam::${ACCOUNT}:role/\${aws_iam_policy_attachment.both.roles}`,
        ['s3:PutObject'],
        [
          'the role it applies to is not known here: aws_iam_role.missing.name: aws_iam_role.missing is not declared in infra',
        ],
      ],
    ])
  })

  // uktrade/terraform-platform-modules makes a role and its policy with `for_each = toset(local.cdn_enabled
  // ? [""] : [])` and names the role `aws_iam_role.x[""].name`: the policy went to a placeholder.
  it('is the role itself when it names by key the one instance of a for_each not known here', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'variable "enabled" {}',
        'resource "aws_iam_role" "exec" {',
        '  for_each           = toset(var.enabled ? [""] : [])',
        '  name               = "exec"',
        '  assume_role_policy = "{}"',
        '}',
        'resource "aws_iam_role_policy" "p" {',
        '  for_each = toset(var.enabled ? [""] : [])',
        '  role     = aws_iam_role.exec[""].name',
        '  policy   = data.aws_iam_policy_document.get[""].json',
        '}',
        'data "aws_iam_policy_document" "get" {',
        '  for_each = toset(var.enabled ? [""] : [])',
        '  statement {',
        '    actions   = ["s3:GetObject"]',
        '    resources = ["*"]',
        '  }',
        '}',
        // A for_each not known here at all: its one instance stands for each key.
        'variable "names" {}',
        'resource "aws_iam_role" "each" {',
        '  for_each           = var.names',
        '  name               = "each"',
        '  assume_role_policy = "{}"',
        '}',
        'resource "aws_iam_role_policy" "q" {',
        '  role   = aws_iam_role.each["app"].id',
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "*" }] })',
        '}',
      ].join('\n'),
    })
    expect(principals.map(held)).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/exec`, ['s3:GetObject'], 0],
      [`arn:aws:iam::${ACCOUNT}:role/each`, ['s3:PutObject'], 0],
    ])
  })

  // cloudposse/terraform-aws-components' aws-teams: roles and attachments for_each over the same map
  // variable, the attachment's key taken apart (`split("+", each.key)[0]`): not known here, either.
  it('is the role itself when it names by a key not known here the one instance of a for_each', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'variable "roles" {}',
        'resource "aws_iam_role" "default" {',
        '  for_each           = var.roles',
        '  name               = each.key',
        '  assume_role_policy = "{}"',
        '}',
        'resource "aws_iam_role_policy" "inline" {',
        '  for_each = var.roles',
        '  role     = aws_iam_role.default[each.key].name',
        '  policy   = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "*" }] })',
        '}',
        'resource "aws_iam_role_policy_attachment" "managed" {',
        '  for_each   = { for k, v in var.roles : "${k}+read" => "arn:aws:iam::aws:policy/ReadOnlyAccess" }',
        '  role       = aws_iam_role.default[split("+", each.key)[0]].name',
        '  policy_arn = each.value',
        '}',
      ].join('\n'),
    })
    expect(principals.map((p) => [p.arn, p.policies.length, (p.unresolved ?? []).length])).toEqual([
      // The inline policy; the attachment, whose policy is not known here either, unresolved on it.
      [`arn:aws:iam::${ACCOUNT}:role/\${aws_iam_role.default.name}`, 1, 1],
    ])
    expect(actions(principals[0]?.policies[0] as PolicyDocument)).toBe('s3:PutObject')
  })

  it("checks a policy document's one instance as well, for a for_each not known here", async () => {
    // The role's policy for each key, from a document for each key: what every instance grants is
    // checked on the role that stands for each; a statement that needs the key's value stays unresolved.
    const principals = await fromCode({
      'infra/main.tf': [
        'variable "roles" {}',
        'resource "aws_iam_role" "r" {',
        '  for_each           = var.roles',
        '  name               = each.key',
        '  assume_role_policy = "{}"',
        '}',
        'data "aws_iam_policy_document" "p" {',
        '  for_each = var.roles',
        '  statement {',
        '    actions   = ["s3:GetObject"]',
        '    resources = ["arn:aws:s3:::${each.key}/*"]',
        '  }',
        '  statement {',
        '    actions   = ["iam:PassRole"]',
        '    resources = ["*"]',
        '  }',
        '}',
        'resource "aws_iam_role_policy" "p" {',
        '  for_each = var.roles',
        '  role     = aws_iam_role.r[each.key].id',
        '  policy   = data.aws_iam_policy_document.p[each.key].json',
        '}',
        'data "aws_iam_policy_document" "q" {',
        '  for_each = var.roles',
        '  statement {',
        '    actions   = each.value.actions',
        '    resources = ["*"]',
        '  }',
        '}',
        'resource "aws_iam_role_policy" "q" {',
        '  for_each = var.roles',
        '  role     = aws_iam_role.r[each.key].id',
        '  policy   = data.aws_iam_policy_document.q[each.key].json',
        '}',
      ].join('\n'),
    })
    expect(principals.map(held)).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/\${aws_iam_role.r.name}`, ['s3:GetObject iam:PassRole'], 1],
    ])
    expect(principals[0]?.policies[0]?.statements[0]?.resources.map((r) => r.value)).toEqual([
      'arn:aws:s3:::${each.key}/*',
    ])
  })
})

// wellcomecollection/aws-account-infrastructure attaches `policy/EC2ImageBuilderCrossAccountDistributionAccess`
// in 13 accounts; AWS spells it `Ec2ImageBuilder…`. IAM resolves a managed policy's ARN without regard to
// case, so it attaches; and a case variant of AdministratorAccess is AdministratorAccess, not a policy to
// leave unchecked.
describe('an AWS managed policy ARN written in another case', () => {
  it("is the policy IAM attaches, checked as AWS's", async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "app" { name = "app" }',
        'resource "aws_iam_role_policy_attachment" "builder" {',
        '  role       = aws_iam_role.app.name',
        '  policy_arn = "arn:aws:iam::aws:policy/EC2ImageBuilderCrossAccountDistributionAccess"',
        '}',
        'resource "aws_iam_role_policy_attachment" "admin" {',
        '  role       = aws_iam_role.app.name',
        '  policy_arn = "arn:aws:iam::aws:policy/administratoraccess"',
        '}',
        'resource "aws_iam_role_policy_attachment" "pathless" {',
        '  role       = aws_iam_role.app.name',
        '  policy_arn = "arn:aws:iam::aws:policy/amazonecstaskexecutionrolepolicy"',
        '}',
      ].join('\n'),
    })
    const [app] = principals
    const actions = (d: PolicyDocument) => d.statements.flatMap((s) => s.actions.map((a) => a.value))
    expect(app?.policies.map((d) => [d.source?.kind, d.statements[0]?.line, actions(d)])).toEqual([
      [
        'aws-managed-policy',
        4,
        ['ec2:CreateTags', 'ec2:DescribeImages', 'ec2:CopyImage', 'ec2:ModifyImageAttribute'],
      ],
      ['aws-managed-policy', 8, ['*']],
    ])
    expect(app?.unresolved?.map((u) => [u.line, u.reason])).toEqual([
      [
        12,
        'arn:aws:iam::aws:policy/amazonecstaskexecutionrolepolicy is no AWS managed policy: the one called AmazonECSTaskExecutionRolePolicy ' +
          "is arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy (an ARN holds the policy's path)",
      ],
    ])
  })
})

describe('a reference to a principal through a conditional, or the legacy splat and an index', () => {
  // biptec/terraform-aws-lambda (Apache-2.0) writes both: the role of a module that may not create it,
  // and the old `aws_iam_role.cloudwatch.*.id[0]`. Each policy went to a placeholder of its own.
  it('attaches to the role the chosen result names, or both results name, with no placeholder', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'variable "name" {}',
        'variable "create" {}',
        'resource "aws_iam_role" "lambda" {',
        '  count = 1',
        '  name  = var.name',
        '}',
        'resource "aws_iam_role_policy" "chosen" {',
        '  role   = length(aws_iam_role.lambda) > 0 ? aws_iam_role.lambda[0].id : null',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })',
        '}',
        'resource "aws_iam_role_policy" "both" {',
        '  role   = var.create ? aws_iam_role.lambda[0].name : aws_iam_role.lambda[0].id',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sns:Publish", Resource = "*" }] })',
        '}',
        'resource "aws_iam_role" "cloudwatch" {',
        '  count = 1',
        '  name  = "cloudwatch"',
        '}',
        'resource "aws_iam_role_policy" "splat" {',
        '  role   = aws_iam_role.cloudwatch.*.id[0]',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "logs:PutLogEvents", Resource = "*" }] })',
        '}',
        'resource "aws_iam_role_policy" "unknown" {',
        '  role   = var.create ? aws_iam_role.lambda[0].id : aws_iam_role.cloudwatch[0].id',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "kms:Decrypt", Resource = "*" }] })',
        '}',
      ].join('\n'),
    })
    expect(principals.map(held)).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/\${aws_iam_role.lambda[0].name}`, ['sqs:SendMessage', 'sns:Publish'], 0],
      [`arn:aws:iam::${ACCOUNT}:role/cloudwatch`, ['logs:PutLogEvents'], 0],
      // Either role, as var.create decides: not known here, and said so.
      [`arn:aws:iam::${ACCOUNT}:role/\${aws_iam_role_policy.unknown.role}`, ['kms:Decrypt'], 1],
    ])
  })
})

/** Code of a role with an inline policy (`policy = ` and the text given, from line 7), and other files. */
const files = (policy: string, extra: Record<string, string> = {}) => ({
  'infra/main.tf': [
    'resource "aws_iam_role" "app" {',
    '  name               = "app"',
    '  assume_role_policy = "{}"',
    '}',
    'resource "aws_iam_role_policy" "p" {',
    '  role   = aws_iam_role.app.id',
    `  policy = ${policy}`,
    '}',
    '',
  ].join('\n'),
  ...extra,
})

describe('what the code alone cannot read', () => {
  it('is an error in a policy of a resource that is there for sure (no count)', async () => {
    const { problems } = await load(
      await workspace(
        files('jsonencode({ Version = "2012-10-17", Statement = [] })'),
        `  - root: infra\n    account: "${ACCOUNT}"`,
      ),
    )
    expect(problems).toEqual([
      // Once, at the empty list.
      'infra/main.tf:7:61: aws_iam_role_policy.p: "Statement" is empty; expected at least one statement',
    ])
  })

  it('leaves a policy not valid in a module called with a count not known here unresolved', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'variable "enabled" { type = bool }',
        'module "app" {',
        '  source = "./app"',
        '  count  = var.enabled ? 1 : 0',
        '}',
        '',
      ].join('\n'),
      ...Object.fromEntries(
        Object.entries(files('jsonencode({ Version = "2012-10-17", Statement = [] })')).map(
          ([path, text]) => [path.replace('infra/', 'infra/app/'), text],
        ),
      ),
    })
    expect(
      principals.flatMap((p) => (p.unresolved ?? []).map((u) => `${u.file}:${u.line}: ${u.reason}`)),
    ).toEqual([
      'infra/app/main.tf:7: module.app[0].aws_iam_role_policy.p: in module.app[0], whose count is not known here; as one instance, "Statement" is empty; expected at least one statement',
    ])
  })

  it('leaves a template whose directives depend on what is not known here unresolved, saying why', async () => {
    const template = [
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": "*"}',
      '%{ if kms }, {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "${key}"}%{ endif }]}',
      '',
    ].join('\n')
    const principals = await fromCode(
      files('templatefile("${path.module}/policy.tpl", { kms = aws_kms_key.k.policy != "", key = "k" })', {
        'infra/policy.tpl': template,
      }),
    )
    expect(principals.flatMap((p) => (p.unresolved ?? []).map((u) => `${u.line}: ${u.reason}`))).toEqual([
      // Said where it comes from, not only that an operation is on it.
      '7: infra/policy.tpl: aws_kms_key.k is not declared in infra',
    ])
  })
})

describe('templates', () => {
  /** Each statement's actions and resources, with the file and line each is written on. */
  const placed = (principals: Awaited<ReturnType<typeof fromCode>>) =>
    principals.flatMap((p) =>
      p.policies.flatMap((d) =>
        d.statements.flatMap((s) =>
          [...s.actions, ...s.resources].map((e) => `${d.file}:${e.line} ${e.value}`),
        ),
      ),
    )

  it('evaluates %{ for } and %{ if } in a heredoc, each entry at the line that writes it', async () => {
    const policy = [
      '<<-EOT', // 7
      '    {"Version": "2012-10-17", "Statement": [', // 8
      '    %{~ for i, service in ["sqs", "sns"] ~}', // 9
      '      %{ if i > 0 },%{ endif }', // 10
      '      {"Effect": "Allow",', // 11
      '       "Action": "${service}:Get*",', // 12
      '       "Resource": "*"}', // 13
      '    %{~ endfor ~}', // 14
      '    %{ if var.audit }', // 15
      '      , {"Effect": "Allow", "Action": "cloudtrail:LookupEvents", "Resource": "*"}', // 16
      '    %{ else }', // 17
      '      , {"Effect": "Allow", "Action": "logs:GetLogEvents", "Resource": "*"}', // 18
      '    %{ endif }', // 19
      '    ]}', // 20
      '  EOT', // 21
    ].join('\n')
    const principals = await fromCode(
      files(policy, { 'infra/variables.tf': 'variable "audit" {\n  default = false\n}\n' }),
    )
    expect(placed(principals)).toEqual([
      'infra/main.tf:12 sqs:Get*',
      'infra/main.tf:13 *',
      'infra/main.tf:12 sns:Get*',
      'infra/main.tf:13 *',
      'infra/main.tf:18 logs:GetLogEvents',
      'infra/main.tf:18 *',
    ])
    // What the directives write is not the heredoc's text: suggestions do not edit it in place.
    expect(principals.flatMap((p) => p.policies.map((d) => d.site))).toEqual([undefined])
  })

  it("evaluates templatefile()'s directives with its variables alone, at the template's lines", async () => {
    const template = [
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": "*"}', // 1
      '%{ if kms ~}', // 2
      ', {"Effect": "Allow", "Action": "kms:Decrypt",', // 3
      '   "Resource": ${jsonencode(keys)}}', // 4
      '%{~ endif }', // 5
      '%{ for bucket, prefix in buckets ~}', // 6
      ', {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${bucket}/${prefix}*"}', // 7
      '%{ endfor ~}', // 8
      ']}', // 9
      '',
    ].join('\n')
    const call = (kms: boolean) =>
      `templatefile("\${path.module}/policy.tpl", { kms = ${kms}, keys = ["k1", "k2"], buckets = { b = "x/", a = "y/" } })`
    expect(placed(await fromCode(files(call(true), { 'infra/policy.tpl': template })))).toEqual([
      'infra/policy.tpl:1 sns:Publish',
      'infra/policy.tpl:1 *',
      'infra/policy.tpl:3 kms:Decrypt',
      'infra/policy.tpl:4 k1',
      'infra/policy.tpl:4 k2',
      // A map's keys in order, as Terraform iterates them.
      'infra/policy.tpl:7 s3:GetObject',
      'infra/policy.tpl:7 arn:aws:s3:::a/y/*',
      'infra/policy.tpl:7 s3:GetObject',
      'infra/policy.tpl:7 arn:aws:s3:::b/x/*',
    ])
    expect(placed(await fromCode(files(call(false), { 'infra/policy.tpl': template })))).toEqual([
      'infra/policy.tpl:1 sns:Publish',
      'infra/policy.tpl:1 *',
      'infra/policy.tpl:7 s3:GetObject',
      'infra/policy.tpl:7 arn:aws:s3:::a/y/*',
      'infra/policy.tpl:7 s3:GetObject',
      'infra/policy.tpl:7 arn:aws:s3:::b/x/*',
    ])
  })

  it('puts what follows an indented directive that strips its newline at the line that writes it', async () => {
    // The indent before `%{ for … ~}` begins a line of the text that the body's first line ends: that
    // line is the body's, not the directive's, and the line after `%{ endfor ~}` is its own.
    const template = [
      '{', // 1
      '  "Version": "2012-10-17",', // 2
      '  "Statement": [', // 3
      '    %{ for q in queues ~}', // 4
      '    { "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:${q}" },', // 5
      '    %{ endfor ~}', // 6
      '    { "Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*" }', // 7
      '  ]', // 8
      '}', // 9
      '',
    ].join('\n')
    const call = 'templatefile("${path.module}/policy.json.tftpl", { queues = ["a", "b"] })'
    expect(placed(await fromCode(files(call, { 'infra/policy.json.tftpl': template })))).toEqual([
      'infra/policy.json.tftpl:5 sqs:SendMessage',
      'infra/policy.json.tftpl:5 arn:aws:sqs:us-east-1:111122223333:a',
      'infra/policy.json.tftpl:5 sqs:SendMessage',
      'infra/policy.json.tftpl:5 arn:aws:sqs:us-east-1:111122223333:b',
      'infra/policy.json.tftpl:7 logs:PutLogEvents',
      'infra/policy.json.tftpl:7 *',
    ])
  })

  // A statement written on one line after an interpolation was annotated as many columns to the left as
  // the value is shorter than `${…}` (and as many to the right as it is longer).
  it('puts each entry at its column in the template, past what interpolations wrote before it on its line', async () => {
    const columns = (principals: Awaited<ReturnType<typeof fromCode>>) =>
      principals.flatMap((p) =>
        p.policies.flatMap((d) =>
          d.statements.flatMap((s) =>
            [...s.actions, ...s.resources].map((e) => `${d.file}:${e.line}:${e.column} ${e.value}`),
          ),
        ),
      )
    const template = [
      '{"Version": "2012-10-17", "Statement": [', // 1
      '  %{ for q in queues }', // 2
      '  {"Resource": "arn:aws:sqs:us-east-1:111122223333:${q}", "Effect": "Allow", "Action": "sqs:*"},', // 3
      '  %{ endfor }', // 4
      '      %{ for b in buckets ~}', // 5
      '  {"Sid": "${upper(b)}${b}", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${b}/*"},', // 6
      '      %{~ endfor }', // 7
      '  {"Effect": "Allow", "Action": "sns:Publish", "Resource": ${jsonencode(topic)}}', // 8
      ']}', // 9
      '',
    ].join('\n')
    const call =
      'templatefile("${path.module}/policy.tftpl", { queues = ["a", "bb"], buckets = ["x"], topic = "arn:aws:sns:us-east-1:111122223333:t" })'
    const found = columns(await fromCode(files(call, { 'infra/policy.tftpl': template })))
    const column = (line: number, text: string) =>
      (template.split('\n')[line - 1] as string).indexOf(text) + 1
    expect(found).toEqual([
      `infra/policy.tftpl:3:${column(3, '"sqs:*"')} sqs:*`,
      `infra/policy.tftpl:3:${column(3, '"arn:aws:sqs')} arn:aws:sqs:us-east-1:111122223333:a`,
      `infra/policy.tftpl:3:${column(3, '"sqs:*"')} sqs:*`,
      `infra/policy.tftpl:3:${column(3, '"arn:aws:sqs')} arn:aws:sqs:us-east-1:111122223333:bb`,
      `infra/policy.tftpl:6:${column(6, '"s3:GetObject"')} s3:GetObject`,
      `infra/policy.tftpl:6:${column(6, '"arn:aws:s3')} arn:aws:s3:::x/*`,
      `infra/policy.tftpl:8:${column(8, '"sns:Publish"')} sns:Publish`,
      // A JSON value an interpolation wrote whole stands at its expression.
      `infra/policy.tftpl:8:${column(8, 'jsonencode')} arn:aws:sns:us-east-1:111122223333:t`,
    ])
    // A heredoc in the .tf file: its own columns, past an interpolation of another length.
    const heredoc = [
      '<<EOT',
      '{"Version": "2012-10-17", "Statement": [{"Resource": "${aws_iam_role.app.arn}", "Effect": "Allow", "Action": "iam:GetRole"}]}',
      'EOT',
    ].join('\n')
    const line8 = heredoc.split('\n')[1] as string
    expect(columns(await fromCode(files(heredoc)))).toEqual([
      `infra/main.tf:8:${line8.indexOf('"iam:GetRole"') + 1} iam:GetRole`,
      `infra/main.tf:8:${line8.indexOf('"${aws_iam_role') + 1} \${aws_iam_role.app.arn}`,
    ])
  })

  it('renders templatestring() (Terraform 1.9) as templatefile() renders a file, at the lines of its text', async () => {
    const locals = [
      'locals {', // 1
      '  policy = <<-EOT', // 2
      '    {"Version": "2012-10-17", "Statement": [', // 3
      '      %%{ for b in buckets ~}', // 4
      '      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::$${b}/*"},', // 5
      '      %%{ endfor ~}', // 6
      '      {"Effect": "Allow", "Action": "sns:Publish", "Resource": "$${topic}"}', // 7
      '    ]}', // 8
      '  EOT', // 9
      '  one_line = "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"$${action}\\", \\"Resource\\": \\"*\\"}]}"', // 10
      '}', // 11
      '',
    ].join('\n')
    const call =
      'templatestring(local.policy, { buckets = ["x", "y"], topic = "arn:aws:sns:us-east-1:111122223333:t" })'
    // The text is a local of another file: its lines are that file's.
    expect(placed(await fromCode(files(call, { 'infra/locals.tf': locals })))).toEqual([
      'infra/locals.tf:5 s3:GetObject',
      'infra/locals.tf:5 arn:aws:s3:::x/*',
      'infra/locals.tf:5 s3:GetObject',
      'infra/locals.tf:5 arn:aws:s3:::y/*',
      'infra/locals.tf:7 sns:Publish',
      'infra/locals.tf:7 arn:aws:sns:us-east-1:111122223333:t',
    ])
    expect(
      placed(
        await fromCode(
          files('templatestring(local.one_line, { action = "sqs:SendMessage" })', {
            'infra/locals.tf': locals,
          }),
        ),
      ),
    ).toEqual(['infra/locals.tf:10 sqs:SendMessage', 'infra/locals.tf:10 *'])
  })

  it('edits a JSON heredoc in place only when no directive writes its text', async () => {
    const heredoc = (action: string) => [
      '<<EOT',
      `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "${action}", "Resource": "*"}]}`,
      'EOT',
    ]
    const sites = async (action: string) =>
      (await fromCode(files(heredoc(action).join('\n')))).flatMap((p) =>
        p.policies.map((d) => `${d.statements[0]?.actions[0]?.value} ${d.site?.syntax}`),
      )
    expect(await sites('s3:GetObject')).toEqual(['s3:GetObject json'])
    expect(await sites('%{ if true }s3:GetObject%{ endif }')).toEqual(['s3:GetObject undefined'])
  })

  it('writes a resource ARN that jsonencode() makes JSON of as its placeholder, a string', async () => {
    // philips-labs/terraform-aws-github-runner's modules/webhook: the template writes the value as JSON.
    const template =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",\n "Action": "sqs:SendMessage", "Resource": ${arns}}]}\n'
    const principals = await fromCode(
      files('templatefile("${path.module}/policy.json", { arns = jsonencode(aws_sqs_queue.jobs[0].arn) })', {
        'infra/policy.json': template,
        'infra/queue.tf': 'resource "aws_sqs_queue" "jobs" {\n  count = 1\n}\n',
      }),
    )
    expect(placed(principals)).toEqual([
      'infra/policy.json:2 sqs:SendMessage',
      'infra/policy.json:2 ${aws_sqs_queue.jobs[0].arn}',
    ])
  })

  it('leaves unresolved, not an error, JSON text that holds a value not known here where only the value is valid', async () => {
    const template =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",\n "Action": "sqs:SendMessage", "Resource": ${arns}}]}\n'
    const call = (arns: string) => `templatefile("\${path.module}/policy.json", { arns = ${arns} })`
    const principals = await fromCode({
      ...files(call('jsonencode(var.config.queue_arns)'), { 'infra/policy.json': template }),
      'infra/variables.tf': 'variable "config" {\n  type = object({ queue_arns = list(string) })\n}\n',
    })
    expect(principals.map(held)).toEqual([['arn:aws:iam::111122223333:role/app', [], 1]])
    expect(
      principals.flatMap((p) => (p.unresolved ?? []).map((u) => `${u.file}:${u.line}: ${u.reason}`)),
    ).toEqual([
      'infra/main.tf:7: the value of var.config is not known here, and the JSON text writes it ' +
        '("arns") where only its value is valid JSON (infra/policy.json:2: invalid JSON: unexpected "$" where a value was expected)',
    ])
    // In a heredoc the same; a placeholder inside a JSON string is read as ever.
    const heredoc = (resource: string) =>
      `<<EOT\n{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": ${resource}}]}\nEOT`
    const unresolved = async (resource: string, extra: Record<string, string> = {}) =>
      (await fromCode(files(heredoc(resource), extra))).flatMap((p) =>
        (p.unresolved ?? []).map((u) => u.reason),
      )
    expect(await unresolved('${jsonencode(var.arns)}')).toEqual([
      'the value of var.arns is not known here, and the JSON text writes it ("jsonencode(var.arns)") ' +
        'where only its value is valid JSON (infra/main.tf:8: invalid JSON: unexpected "$" where a value was expected)',
    ])
    expect(await unresolved('"${var.arns}"')).toEqual([])
    // An expression of any length is said in a few words.
    const [long] = await unresolved(`\${jsonencode(concat(var.arns, [${'"x", '.repeat(2_000)}"y"]))}`)
    expect(long?.length).toBeLessThan(400)
    // An attribute a resource of the configuration gets on apply (KICS's authentication_without_mfa).
    const user = { 'infra/user.tf': 'resource "aws_iam_user" "ci" {\n  name = "ci"\n}\n' }
    expect(await unresolved('${aws_iam_user.ci.unique_id}', user)).toEqual([
      'aws_iam_user.ci.unique_id is known only after apply, and the JSON text writes it ("aws_iam_user.ci.unique_id") ' +
        'where only its value is valid JSON (infra/main.tf:8: invalid JSON: unexpected "$" where a value was expected)',
    ])
    const queue = { 'infra/queue.tf': 'resource "aws_sqs_queue" "jobs" {}\n' }
    expect(await unresolved('${jsonencode(aws_sqs_queue.jobs.tags)}', queue)).toEqual([
      'aws_sqs_queue.jobs.tags is known only after apply, and the JSON text writes it ("jsonencode(aws_sqs_queue.jobs.tags)") ' +
        'where only its value is valid JSON (infra/main.tf:8: invalid JSON: unexpected "$" where a value was expected)',
    ])
  })

  it('knows that an ARN this configuration creates is never null or empty, through variables and modules', async () => {
    // philips-labs/terraform-aws-github-runner: `kms_key_arn = var.kms_key_arn != null ? var.kms_key_arn : ""`,
    // given aws_kms_key.github.arn, and `%{ if kms_key_arn != "" }` in the template.
    const template = [
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"', // 1
      '%{ if kms_key_arn != "" ~}', // 2
      '}, {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "${kms_key_arn}"', // 3
      '%{ endif ~}', // 4
      '}]}', // 5
      '',
    ].join('\n')
    const module = (key: string) => ({
      'infra/main.tf': `resource "aws_kms_key" "github" {}\nmodule "runners" {\n  source      = "./runners"\n  kms_key_arn = ${key}\n}\n`,
      'infra/runners/policy.json': template,
      'infra/runners/main.tf': [
        'variable "kms_key_arn" {',
        '  default = null',
        '}',
        'locals {',
        '  kms_key_arn = var.kms_key_arn != null ? var.kms_key_arn : ""',
        '}',
        'resource "aws_iam_role" "app" {',
        '  name               = "app"',
        '  assume_role_policy = "{}"',
        '}',
        'resource "aws_iam_role_policy" "p" {',
        '  role   = aws_iam_role.app.id',
        '  policy = templatefile("${path.module}/policy.json", { kms_key_arn = local.kms_key_arn })',
        '}',
        // Decided too: a count that asks whether the key is there.
        'resource "aws_iam_role_policy_attachment" "kms" {',
        '  count      = var.kms_key_arn == null ? 0 : 1',
        '  role       = aws_iam_role.app.id',
        '  policy_arn = "arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser"',
        '}',
        '',
      ].join('\n'),
    })
    const withKey = await fromCode(module('aws_kms_key.github.arn'))
    expect(withKey.map(held)).toEqual([
      [
        'arn:aws:iam::111122223333:role/app',
        ['sqs:SendMessage kms:Decrypt', expect.stringContaining('kms:')],
        0,
      ],
    ])
    expect(placed(withKey).slice(0, 4)).toEqual([
      'infra/runners/policy.json:1 sqs:SendMessage',
      'infra/runners/policy.json:1 *',
      'infra/runners/policy.json:3 kms:Decrypt',
      'infra/runners/policy.json:3 ${aws_kms_key.github.arn}',
    ])
    // Without a key: no KMS statement and no attachment.
    expect((await fromCode(module('null'))).map(held)).toEqual([
      ['arn:aws:iam::111122223333:role/app', ['sqs:SendMessage'], 0],
    ])
  })

  it("reads the plan's text of a policy whose code holds a value not known here as JSON", async () => {
    const root = await workspace({
      ...files('templatefile("${path.module}/policy.json", { arns = jsonencode(var.arns) })', {
        'infra/policy.json':
          '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": ${arns}}]}\n',
        'infra/variables.tf': 'variable "arns" {}\n',
      }),
      'infra/plan.json': plan([
        role('app'),
        {
          address: 'aws_iam_role_policy.p',
          values: {
            role: 'app',
            policy:
              '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:*","Resource":["arn:aws:sqs:us-east-1:111122223333:jobs"]}]}',
          },
        },
      ]),
    })
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    expect(principals.map(held)).toEqual([['arn:aws:iam::111122223333:role/app', ['sqs:*'], 0]])
    expect(principals[0]?.policies[0]?.statements[0]?.resources.map((r) => r.value)).toEqual([
      'arn:aws:sqs:us-east-1:111122223333:jobs',
    ])
  })

  it('keeps the whitespace next to interpolations, so the lines after them stay where they are', async () => {
    const policy = [
      '<<EOT', // 7
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ${jsonencode(["sqs:SendMessage"])}', // 8
      '  , "Resource": "${replace("arn:aws:sqs:us-east-1:1:a b", " ", "-")}"', // 9
      '}]}', // 10
      'EOT', // 11
    ].join('\n')
    const principals = await fromCode(files(policy))
    expect(placed(principals)).toEqual([
      'infra/main.tf:8 sqs:SendMessage',
      'infra/main.tf:9 arn:aws:sqs:us-east-1:1:a-b',
    ])
  })

  it('ends in a reason, not a crash, for a template that repeats itself without end or does not parse', async () => {
    const unresolved = async (policy: string, extra: Record<string, string> = {}) =>
      (await fromCode(files(policy, extra))).flatMap((p) =>
        (p.unresolved ?? []).map((u) => `${u.line}: ${u.reason}`),
      )
    const nested = `%{ for a in x }%{ for b in x }%{ for c in x }%{ for d in x }.%{ endfor }%{ endfor }%{ endfor }%{ endfor }`
    const many = `[${Array.from({ length: 40 }, (_, i) => i).join(', ')}]`
    expect(
      await unresolved(`templatefile("\${path.module}/p.tpl", { x = ${many} })`, {
        'infra/p.tpl': nested,
      }),
    ).toEqual(['7: infra/p.tpl: a template that repeats its text past what is read here'])
    expect(
      await unresolved('templatefile("${path.module}/p.tpl", {})', {
        'infra/p.tpl': '{"a": %{ if }}',
      }),
    ).toEqual([
      '7: infra/p.tpl:1: not a template: a ${ } or %{ } that is not closed, or a %{ } without its end',
    ])
    expect(
      await unresolved('templatefile("${path.module}/p.tpl", {})', {
        'infra/p.tpl': '{\n"a": ${(}\n}\n',
      }),
    ).toEqual([
      '7: infra/p.tpl:2: not a template: this "(" is not closed: expected ")" before the "}" on line 2',
    ])
    // Closed, but nested past what is read: said so, not that something is not closed.
    const deep = `${'%{ if true }'.repeat(150)}x${'%{ endif }'.repeat(150)}`
    expect(await unresolved('templatefile("${path.module}/p.tpl", {})', { 'infra/p.tpl': deep })).toEqual([
      '7: infra/p.tpl:1: nested more than 200 levels deep; not read',
    ])
  })

  it('says which file a template or file() names that the repository does not have', async () => {
    const unresolved = async (policy: string) =>
      (await fromCode(files(policy))).flatMap((p) =>
        (p.unresolved ?? []).map((u) => `${u.line}: ${u.reason}`),
      )
    // Its variables known only after apply are not why: Terraform stops at the missing file first.
    expect(
      await unresolved('templatefile("${path.module}/gone.tftpl", { arn = aws_kms_key.k.arn })'),
    ).toEqual(['7: templatefile() reads infra/gone.tftpl, which is not in the repository'])
    expect(await unresolved('file("/etc/policy.json")')).toEqual([
      '7: file() reads /etc/policy.json: an absolute path, outside the repository',
    ])
  })
})

describe('yamldecode() and jsondecode() of a file', () => {
  it('reads policies written in YAML, each entry on the YAML line that writes it', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'locals { roles = yamldecode(file("${path.module}/roles.yaml")) }', // 1
        'resource "aws_iam_role" "r" {', // 2
        '  for_each = local.roles', // 3
        '  name     = each.key', // 4
        '}', // 5
        'resource "aws_iam_role_policy" "p" {', // 6
        '  for_each = local.roles', // 7
        '  role     = aws_iam_role.r[each.key].id', // 8
        '  policy   = jsonencode({ Version = "2012-10-17", Statement = each.value.statements })', // 9
        '}', // 10
        'resource "aws_iam_role" "doc" { name = "doc" }', // 11
        'resource "aws_iam_role_policy" "doc" {', // 12
        '  role   = aws_iam_role.doc.id', // 13
        '  policy = jsonencode(yamldecode(<<-EOT', // 14
        '    Statement:', // 15
        '      - Effect: Allow', // 16
        '        Action: [sqs:SendMessage]', // 17
        '        Resource: "*"', // 18
        '    EOT', // 19
        '  ))', // 20
        '}', // 21
      ].join('\n'),
      'infra/roles.yaml': [
        'app:', // 1
        '  statements:', // 2
        '    - Effect: Allow', // 3
        '      Action:', // 4
        '        - s3:GetObject', // 5
        '        - iam:PassRole', // 6
        '      Resource: "*"', // 7
        'ops:', // 8
        '  statements:', // 9
        '    - Effect: Allow', // 10
        '      Action: ec2:*', // 11
        '      Resource: ["arn:aws:ec2:*:*:instance/*"]', // 12
      ].join('\n'),
    })
    expect(principals.map((p) => [p.arn, p.policies.flatMap(where), p.unresolved ?? []])).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:role/app`,
        [
          [
            'infra/main.tf',
            '1:18',
            's3:GetObject@1:18 (infra/roles.yaml:5:11) iam:PassRole@1:18 (infra/roles.yaml:6:11)',
            '*@1:18 (infra/roles.yaml:7:18)',
          ],
        ],
        [],
      ],
      [
        `arn:aws:iam::${ACCOUNT}:role/ops`,
        [
          [
            'infra/main.tf',
            '1:18',
            'ec2:*@1:18 (infra/roles.yaml:11:15)',
            'arn:aws:ec2:*:*:instance/*@1:18 (infra/roles.yaml:12:19)',
          ],
        ],
        [],
      ],
      [
        `arn:aws:iam::${ACCOUNT}:role/doc`,
        // A heredoc's lines are the .tf file's own.
        [['infra/main.tf', '16:9', 'sqs:SendMessage@17:18', '*@18:20']],
        [],
      ],
    ])
  })

  it("keeps a JSON file's values where the file writes them", async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "app" { name = "app" }',
        'resource "aws_iam_role_policy" "app" {',
        '  role   = aws_iam_role.app.id',
        '  policy = jsonencode(merge(jsondecode(file("${path.module}/base.json")), { Version = "2012-10-17" }))',
        '}',
      ].join('\n'),
      'infra/base.json':
        '{\n  "Statement": [\n    { "Effect": "Allow", "Action": "logs:*", "Resource": "*" }\n  ]\n}\n',
    })
    expect(principals[0]?.policies.flatMap(where)).toEqual([
      // At the jsondecode() call, and where base.json writes each entry.
      ['infra/main.tf', '4:29', 'logs:*@4:29 (infra/base.json:3:36)', '*@4:29 (infra/base.json:3:58)'],
    ])
  })

  it('reads roles kept one YAML file each, which fileset() lists', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'locals {', // 1
        '  files = fileset("${path.module}/roles", "**/*.{yaml,yml}")', // 2
        '  roles = {', // 3
        '    for f in local.files :', // 4
        '    trimsuffix(trimsuffix(basename(f), ".yaml"), ".yml") => yamldecode(file("${path.module}/roles/${f}"))', // 5
        '    if fileexists("${path.module}/roles/${dirname(f)}/enabled")', // 6
        '  }', // 7
        '}', // 8
        'resource "aws_iam_role" "r" {', // 9
        '  for_each = local.roles', // 10
        '  name     = each.key', // 11
        '}', // 12
        'resource "aws_iam_role_policy" "p" {', // 13
        '  for_each = local.roles', // 14
        '  role     = aws_iam_role.r[each.key].id', // 15
        '  policy   = jsonencode(each.value.policy)', // 16
        '}', // 17
        'output "outside" { value = fileset("${path.module}/../..", "*") }', // 18
      ].join('\n'),
      'infra/roles/enabled': '',
      'infra/roles/build.yml':
        'policy:\n  Version: "2012-10-17"\n  Statement:\n    - Effect: Allow\n      Action: codebuild:*\n      Resource: "*"\n',
      'infra/roles/team/enabled': '',
      'infra/roles/team/deploy.yaml':
        'policy:\n  Statement:\n    Effect: Allow\n    Action: [lambda:UpdateFunctionCode]\n    Resource: "*"\n',
      'infra/roles/off/ignored.yaml': 'policy:\n  Statement: []\n',
      'infra/roles/notes.txt': 'not a role',
      // Terraform's fileset() lists what is under node_modules as any other directory.
      'infra/roles/node_modules/enabled': '',
      'infra/roles/node_modules/vendored.yml':
        'policy:\n  Statement:\n    Effect: Allow\n    Action: sqs:SendMessage\n    Resource: "*"\n',
    })
    expect(principals.map((p) => [p.arn, p.policies.flatMap(where)])).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:role/build`,
        [
          [
            'infra/main.tf',
            '5:61',
            'codebuild:*@5:61 (infra/roles/build.yml:5:15)',
            '*@5:61 (infra/roles/build.yml:6:18)',
          ],
        ],
      ],
      [
        `arn:aws:iam::${ACCOUNT}:role/vendored`,
        [
          [
            'infra/main.tf',
            '5:61',
            'sqs:SendMessage@5:61 (infra/roles/node_modules/vendored.yml:4:13)',
            '*@5:61 (infra/roles/node_modules/vendored.yml:5:16)',
          ],
        ],
      ],
      [
        `arn:aws:iam::${ACCOUNT}:role/deploy`,
        [
          [
            'infra/main.tf',
            '5:61',
            'lambda:UpdateFunctionCode@5:61 (infra/roles/team/deploy.yaml:4:14)',
            '*@5:61 (infra/roles/team/deploy.yaml:5:16)',
          ],
        ],
      ],
    ])
  })

  it('names a role after the directory Terraform runs in (`basename(path.cwd)`), as Terraform does', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'locals { name = "ex-${basename(path.cwd)}" }',
        'resource "aws_iam_role" "app" { name = local.name }',
        'resource "aws_iam_role" "here" { name = "at-${basename(path.module)}-${basename(dirname("a/b/c"))}" }',
      ].join('\n'),
    })
    expect(principals.map((p) => p.arn)).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/ex-infra`,
      `arn:aws:iam::${ACCOUNT}:role/at-.-b`,
    ])
  })

  it('says what is wrong with YAML it cannot read, and where, and reads no policy from it', async () => {
    const tf = (file: string) =>
      [
        'resource "aws_iam_role" "app" { name = "app" }',
        'resource "aws_iam_role_policy" "app" {',
        '  role   = aws_iam_role.app.id',
        `  policy = jsonencode(yamldecode(file("\${path.module}/${file}")))`,
        '}',
      ].join('\n')
    const bomb = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [*${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}]`,
      )
    const cases: [string, string][] = [
      [
        'Statement: [\n  - Effect: Allow\n',
        'yamldecode(): infra/p.yaml:1: not valid YAML: the bracket ([) that starts this value is not closed',
      ],
      [
        'Statement: !Ref Policy\n',
        "yamldecode(): infra/p.yaml:1: the tag !Ref: yamldecode() takes YAML's standard tags only",
      ],
      [
        'a: 1\n---\nb: 2\n',
        'yamldecode(): infra/p.yaml:1: more than one YAML document; yamldecode() takes one',
      ],
      [
        'Statement:\n  - Effect: Allow\n    Action: s3:GetObject\n    Action: "*"\n    Resource: "*"\n',
        'yamldecode(): infra/p.yaml:4: the key "Action" is given twice in a mapping, which yamldecode() refuses',
      ],
      [`${bomb.join('\n')}\n`, 'yamldecode(): infra/p.yaml:'],
    ]
    for (const [text, reason] of cases) {
      const root = await workspace(
        { 'infra/main.tf': tf('p.yaml'), 'infra/p.yaml': text },
        `  - root: infra\n    account: "${ACCOUNT}"`,
      )
      const { principals, problems } = await load(root)
      expect(problems).toEqual([])
      const [app] = principals
      expect(app?.policies).toEqual([])
      expect(app?.unresolved?.map((u) => `${u.file}:${u.line} ${u.reason}`)[0]).toContain(
        `infra/main.tf:4 ${reason}`,
      )
    }
  })
})

describe('override files (override.tf, *_override.tf), merged as Terraform merges them', () => {
  const ROLE = [
    'resource "aws_iam_role" "app" {', // 1
    '  name               = "app"', // 2
    '  assume_role_policy = "{}"', // 3
    '}', // 4
  ]
  const doc = (statement: string) =>
    `jsonencode({\n    Version = "2012-10-17"\n    Statement = [${statement}]\n  })`

  it("keeps the base block's arguments and takes the override's, each at the line that writes it", async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        ...ROLE,
        'resource "aws_iam_role_policy" "p" {', // 5
        '  role   = aws_iam_role.app.id', // 6
        `  policy = ${doc('{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }')}`,
        '}',
        '',
      ].join('\n'),
      'infra/override.tf': [
        'resource "aws_iam_role_policy" "p" {', // 1
        '  policy = jsonencode({', // 2
        '    Version = "2012-10-17"', // 3
        '    Statement = [{', // 4
        '      Effect   = "Allow"', // 5
        '      Action   = "s3:*"', // 6
        '      Resource = "*"', // 7
        '    }]', // 8
        '  })', // 9
        '}', // 10
        '',
      ].join('\n'),
    })
    // The role the base names, the document the override writes.
    expect(principals.map((p) => p.arn)).toEqual([`arn:aws:iam::${ACCOUNT}:role/app`])
    expect(principals[0]?.policies.map(where)).toEqual([
      [['infra/override.tf', '4:18', 's3:*@6:18', '*@7:18']],
    ])
  })

  it('reads override files after the others, in the order of their names, later ones winning', async () => {
    const principals = await fromCode({
      'infra/locals.tf': 'locals {\n  action = "s3:GetObject"\n  bucket = "logs"\n}\n',
      'infra/main.tf': [
        ...ROLE,
        'resource "aws_iam_role_policy" "p" {',
        '  role   = aws_iam_role.app.id',
        `  policy = ${doc('{ Effect = "Allow", Action = local.action, Resource = "arn:aws:s3:::${var.prefix}-${local.bucket}/*" }')}`,
        '}',
        '',
      ].join('\n'),
      // Sorted after override.tf, yet what it declares is the base the override changes.
      'infra/variables.tf': 'variable "prefix" {\n  type    = string\n  default = "dev"\n}\n',
      'infra/a_override.tf':
        'locals {\n  action = "s3:PutObject"\n}\nvariable "prefix" {\n  default = "staging"\n}\n',
      'infra/override.tf': 'variable "prefix" {\n  default = "prod"\n}\n',
    })
    const [policy] = principals[0]?.policies ?? []
    expect(policy?.statements.map((s) => [s.actions.map(at), s.resources.map((r) => r.value)])).toEqual([
      // local.bucket is still the base's: an override changes the values it names, one by one.
      [['s3:PutObject@9:47 (infra/a_override.tf:2:12)'], ['arn:aws:s3:::prod-logs/*']],
    ])
  })

  it('replaces all nested blocks of a type the override writes, dynamic ones too, and keeps the others', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        ...ROLE,
        'data "aws_iam_policy_document" "d" {', // 5
        '  version = "2012-10-17"',
        '  statement {',
        '    actions   = ["s3:GetObject"]',
        '    resources = ["arn:aws:s3:::a/*"]',
        '  }',
        '  dynamic "statement" {',
        '    for_each = ["sqs", "sns"]',
        '    content {',
        '      actions   = ["${statement.value}:Get*"]',
        '      resources = ["*"]',
        '    }',
        '  }',
        '}',
        'resource "aws_iam_role_policy" "p" {',
        '  role   = aws_iam_role.app.id',
        '  policy = data.aws_iam_policy_document.d.json',
        '}',
        '',
      ].join('\n'),
      'infra/policies_override.tf': [
        'data "aws_iam_policy_document" "d" {', // 1
        '  statement {', // 2
        '    sid       = "Logs"', // 3
        '    actions   = ["logs:PutLogEvents"]', // 4
        '    resources = ["arn:aws:logs:*:*:log-group:app:*"]', // 5
        '  }', // 6
        '}', // 7
        '',
      ].join('\n'),
    })
    const [policy] = principals[0]?.policies ?? []
    expect(policy?.statements.map((s) => [s.sid, s.actions.map(at), s.resources.map(at)])).toEqual([
      [
        'Logs',
        ['logs:PutLogEvents@5:1 (infra/policies_override.tf:4:18)'],
        ['arn:aws:logs:*:*:log-group:app:*@5:1 (infra/policies_override.tf:5:18)'],
      ],
    ])
  })

  it("follows a module call's source the override changes, and merges a provider argument by argument", async () => {
    const app = [...ROLE, 'resource "aws_iam_role_policy" "p" {', '  role   = aws_iam_role.app.id']
    const root = await workspace(
      {
        'infra/main.tf': [
          'provider "aws" {',
          '  region              = "us-east-1"',
          '  allowed_account_ids = ["444455556666"]',
          '}',
          'module "app" {',
          '  source = "./app-v1"',
          '}',
          '',
        ].join('\n'),
        'infra/override.tf':
          'provider "aws" {\n  region = "eu-west-1"\n}\nmodule "app" {\n  source = "./app-v2"\n}\n',
        'infra/app-v1/main.tf': [
          ...app,
          `  policy = ${doc('{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }')}`,
          '}',
          '',
        ].join('\n'),
        'infra/app-v2/main.tf': [
          ...app,
          `  policy = ${doc('{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }')}`,
          '}',
          '',
        ].join('\n'),
      },
      '  - root: infra',
    )
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    // The account of allowed_account_ids, which the override does not set; the code of app-v2.
    expect(principals.map((p) => [p.arn, p.policies.map(actions)])).toEqual([
      ['arn:aws:iam::444455556666:role/app', ['sqs:SendMessage']],
    ])
  })

  it("places a plan's policy at the override that writes it", async () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }
    const root = await workspace({
      'infra/plan.json': plan([
        role('app'),
        { address: 'aws_iam_role_policy.p', values: { role: 'app', policy: JSON.stringify(policy) } },
      ]),
      'infra/main.tf': [
        ...ROLE,
        'resource "aws_iam_role_policy" "p" {',
        '  role   = aws_iam_role.app.id',
        `  policy = ${doc('{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }')}`,
        '}',
        '',
      ].join('\n'),
      // Its name sorts before main.tf's: still read after it.
      'infra/iam_override.tf': [
        'resource "aws_iam_role_policy" "p" {',
        '  policy = jsonencode({',
        '    Version   = "2012-10-17"',
        '    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]',
        '  })',
        '}',
        '',
      ].join('\n'),
    })
    const { principals, problems } = await load(root)
    expect(problems).toEqual([])
    expect(principals.flatMap((p) => p.policies.map(where))).toEqual([
      [['infra/iam_override.tf', '4:18', 's3:*@4:47', '*@4:66']],
    ])
  })

  it('attaches a policy to the principals the override names, the policy the base names', async () => {
    const other = ROLE.map((line) => line.replaceAll('app', 'other'))
    const principals = await fromCode({
      'infra/main.tf': [
        ...ROLE,
        ...other,
        'resource "aws_iam_policy" "p" {',
        '  name   = "p"',
        `  policy = ${doc('{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }')}`,
        '}',
        'resource "aws_iam_policy_attachment" "a" {',
        '  name       = "a"',
        '  policy_arn = aws_iam_policy.p.arn',
        '  roles      = [aws_iam_role.app.name]',
        '}',
        '',
      ].join('\n'),
      'infra/override.tf':
        'resource "aws_iam_policy_attachment" "a" {\n  roles = [aws_iam_role.other.name]\n}\n',
    })
    expect(principals.map((p) => [p.arn, p.policies.map(actions)])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/app`, []],
      [`arn:aws:iam::${ACCOUNT}:role/other`, ['sqs:SendMessage']],
    ])
  })

  it('reads an override file in the JSON syntax (override.tf.json)', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        ...ROLE,
        'resource "aws_iam_role_policy" "p" {',
        '  role   = aws_iam_role.app.id',
        `  policy = ${doc('{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }')}`,
        '}',
        '',
      ].join('\n'),
      'infra/override.tf.json': JSON.stringify(
        {
          resource: {
            aws_iam_role_policy: {
              p: {
                policy:
                  '${jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = "kms:Decrypt", Resource = "*"}]})}',
              },
            },
          },
        },
        null,
        2,
      ),
    })
    expect(principals.map((p) => [p.arn, p.policies.map(actions), p.policies.map((d) => d.file)])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/app`, ['kms:Decrypt'], ['infra/override.tf.json']],
    ])
  })

  it("reads OpenTofu's .tofu files, each in the place of the .tf file of the same name", async () => {
    const policy = (action: string) => [
      'resource "aws_iam_role_policy" "p" {',
      '  role   = aws_iam_role.app.id',
      `  policy = ${doc(`{ Effect = "Allow", Action = "${action}", Resource = "*" }`)}`,
      '}',
      '',
    ]
    const principals = await fromCode({
      'infra/main.tf': [...ROLE, '', ...policy('s3:GetObject')].join('\n'),
      // A module written for both: OpenTofu reads main.tofu and not main.tf.
      'infra/main.tofu': [...ROLE, '', ...policy('sqs:SendMessage')].join('\n'),
      'infra/users.tofu': 'resource "aws_iam_user" "ci" {\n  name = "ci"\n}\n',
      'infra/users.tf.json': JSON.stringify({ resource: { aws_iam_user: { ops: { name: 'ops' } } } }),
      'infra/users_override.tofu.json': JSON.stringify({
        resource: { aws_iam_user: { ci: { name: 'ci-tofu' } } },
      }),
    })
    expect(principals.map((p) => [p.arn, p.policies.map(actions), p.policies.map((d) => d.file)])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:role/app`, ['sqs:SendMessage'], ['infra/main.tofu']],
      [`arn:aws:iam::${ACCOUNT}:user/ops`, [], []],
      [`arn:aws:iam::${ACCOUNT}:user/ci-tofu`, [], []],
    ])
    // A root of .tofu files alone is a configuration.
    const tofuOnly = await fromCode({ 'infra/main.tofu': [...ROLE, '', ...policy('sns:Publish')].join('\n') })
    expect(tofuOnly.map((p) => p.policies.map(actions))).toEqual([['sns:Publish']])
    // Which tool runs it, its dependency lock file says: Terraform reads no .tofu file.
    const both = (registry: string) =>
      fromCode({
        'infra/main.tf': [...ROLE, '', ...policy('s3:GetObject')].join('\n'),
        'infra/main.tofu': [...ROLE, '', ...policy('sqs:SendMessage')].join('\n'),
        'infra/.terraform.lock.hcl': `provider "${registry}/hashicorp/aws" {\n  version = "5.80.0"\n}\n`,
      })
    expect((await both('registry.terraform.io')).map((p) => p.policies.map(actions))).toEqual([
      ['s3:GetObject'],
    ])
    expect((await both('registry.opentofu.org')).map((p) => p.policies.map(actions))).toEqual([
      ['sqs:SendMessage'],
    ])
  })

  // Not a speed target (~2 s here): a guard. Each override was merged into a copy of the block before
  // it, so 40,000 of one block, each with a nested block and an argument of its own, took 109 s.
  it('merges many overrides of one block in linear time', { timeout: 10_000 }, async () => {
    const overrides = Array.from(
      { length: 20_000 },
      (_, i) => `resource "aws_iam_role" "app" {\n  tag${i} = ${i}\n  nested${i} {}\n}`,
    )
    const principals = await fromCode({
      'infra/main.tf': `${ROLE.join('\n')}\n`,
      'infra/override.tf': `${overrides.join('\n')}\nresource "aws_iam_role" "app" {\n  name = "last"\n}\n`,
    })
    expect(principals.map((p) => p.arn)).toEqual([`arn:aws:iam::${ACCOUNT}:role/last`])
  })

  it('refuses an override of what no other file writes, as Terraform does, naming it at its line', async () => {
    const root = await workspace(
      {
        'infra/main.tf': [
          ...ROLE,
          'provider "aws" {',
          '  region = "us-east-1"',
          '}',
          'locals {',
          '  a = 1',
          '}',
          '',
        ].join('\n'),
        'infra/override.tf': [
          'resource "aws_iam_role_policy" "p" {', // 1
          '  policy = "{}"',
          '}',
          'locals {', // 4
          '  a = 2',
          '  b = 3',
          '}',
          'provider "aws" {', // 8
          '  alias  = "prod"',
          '  region = "eu-west-1"',
          '}',
          'provider "google" {', // 12: a default configuration not written is an empty one
          '  project = "p"',
          '}',
          '',
        ].join('\n'),
      },
      `  - root: infra\n    account: "${ACCOUNT}"`,
    )
    expect((await load(root)).problems).toEqual([
      'infra/override.tf:1:1: resource "aws_iam_role_policy" "p" overrides nothing: no other file of the module writes it, and Terraform refuses an override without one',
      'infra/override.tf:4:1: local.b overrides nothing: no other file of the module writes it, and Terraform refuses an override without one',
      'infra/override.tf:8:1: provider "aws" with the alias "prod" overrides nothing: no other file of the module writes it, and Terraform refuses an override without one',
    ])
  })
})

// A data "aws_iam_policy_document" naming a resource the same change creates is read at apply: the plan
// gives its arguments as far as known (`after`: a list's unknown element null) and `after_unknown`, but
// no `json`, so every policy made from it is known only after apply (Terraform's jsonplan: "read"
// with action_reason read_because_config_unknown). Read from the code, the document is rendered; a plan
// alone left it unresolved, and so its `s3:*` on "*" unchecked.
describe('a plan without its code, whose policy document is read at apply', () => {
  /** A role with a policy made of `data.aws_iam_policy_document.p`, whose read this plan defers. */
  function deferredPlan(statement: object[], unknown: object, expressions: object[], module = ''): string {
    const prefix = module ? `${module}.` : ''
    const data = {
      address: `${prefix}data.aws_iam_policy_document.p`,
      ...(module && { module_address: module }),
      mode: 'data',
      type: 'aws_iam_policy_document',
      name: 'p',
    }
    const values = {
      override_policy_documents: null,
      source_policy_documents: null,
      statement,
      version: null,
    }
    const role = { address: 'aws_iam_role.r', mode: 'managed', type: 'aws_iam_role', name: 'r' }
    const rolePolicy = {
      address: 'aws_iam_role_policy.rp',
      mode: 'managed',
      type: 'aws_iam_role_policy',
      name: 'rp',
    }
    const policyRefs = module
      ? [`${module}.json`]
      : ['data.aws_iam_policy_document.p.json', 'data.aws_iam_policy_document.p']
    const dataConfig = {
      address: 'data.aws_iam_policy_document.p',
      mode: 'data',
      type: 'aws_iam_policy_document',
      name: 'p',
      expressions: { statement: expressions },
    }
    const child = {
      resources: [dataConfig],
      outputs: {
        json: {
          expression: {
            references: ['data.aws_iam_policy_document.p.json', 'data.aws_iam_policy_document.p'],
          },
        },
      },
    }
    return JSON.stringify(
      {
        format_version: '1.2',
        planned_values: {
          root_module: {
            resources: [
              { ...role, values: { name: 'reporter', path: '/' } },
              { ...rolePolicy, values: {} },
              ...(module ? [] : [{ ...data, values }]),
            ],
            ...(module && { child_modules: [{ address: module, resources: [{ ...data, values }] }] }),
          },
        },
        resource_changes: [
          {
            ...role,
            change: {
              actions: ['create'],
              after: { name: 'reporter', path: '/' },
              after_unknown: { arn: true, id: true },
            },
          },
          {
            ...rolePolicy,
            change: {
              actions: ['create'],
              after: {},
              after_unknown: { id: true, name: true, policy: true, role: true },
            },
          },
          {
            ...data,
            change: {
              actions: ['read'],
              after: values,
              after_unknown: { id: true, json: true, minified_json: true, ...unknown },
            },
            action_reason: 'read_because_config_unknown',
          },
        ],
        configuration: {
          root_module: {
            resources: [
              {
                ...rolePolicy,
                expressions: {
                  policy: { references: policyRefs },
                  role: { references: ['aws_iam_role.r.id', 'aws_iam_role.r'] },
                },
              },
              ...(module ? [] : [dataConfig]),
            ],
            ...(module && {
              module_calls: { [module.slice('module.'.length)]: { source: './policy', module: child } },
            }),
          },
        },
      },
      null,
      2,
    )
  }
  const statements = [
    {
      actions: ['s3:GetObject', 's3:PutObject'],
      effect: 'Allow',
      resources: null,
      condition: [],
      principals: [],
      not_principals: [],
    },
    {
      actions: ['s3:*'],
      effect: 'Allow',
      resources: ['*'],
      condition: [],
      principals: [],
      not_principals: [],
    },
  ]
  const unknownResources = { statement: [{ resources: true }, {}] }
  const bucketObjects = [
    {
      actions: { constant_value: ['s3:GetObject', 's3:PutObject'] },
      resources: { references: ['aws_s3_bucket.b.arn', 'aws_s3_bucket.b'] },
    },
    { actions: { constant_value: ['s3:*'] }, resources: { constant_value: ['*'] } },
  ]

  it('renders it from the arguments the plan gives, with what is known only after apply as a placeholder', async () => {
    const text = deferredPlan(statements, unknownResources, bucketObjects)
    const principals = await fromPlanText(text)
    expect(principals.map((p) => [p.arn, p.unresolved ?? [], p.policies.map(where)])).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:role/reporter`,
        [],
        [
          [
            // At the data source, where the plan gives it (the plan is re-indented by fromPlanText).
            [
              'infra/plan.json',
              expect.stringMatching(/^\d+:\d+$/),
              expect.stringContaining('s3:GetObject@'),
              expect.stringMatching(/^\$\{…aws_s3_bucket\.b\.arn…\}@/),
            ],
            [
              'infra/plan.json',
              expect.stringMatching(/^\d+:\d+$/),
              expect.stringContaining('s3:*@'),
              expect.stringMatching(/^\*@/),
            ],
          ],
        ],
      ],
    ])
    const lines = JSON.stringify(JSON.parse(text), null, 2).split('\n')
    const line = lines.findIndex((l) => l.includes('"address": "data.aws_iam_policy_document.p"')) + 1
    expect(principals[0]?.policies[0]?.statements[0]?.line).toBe(line)
    const findings = analyse(principals, [], loadCatalog()).findings
    expect(findings.map((f) => [f.kind, f.line])).toEqual([
      ['wildcard-action', line],
      ['wildcard-resource', line],
    ])
    // No ineffective-grant: the plan does not say what the expression adds to the bucket's ARN (`/*`).
  })

  it('reads an unknown element of a list, conditions, and a document of a child module', async () => {
    const withCondition = [
      {
        ...statements[0],
        resources: ['arn:aws:s3:::fixed/*', null],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceVpce', values: [null] }],
      },
    ]
    const unknown = { statement: [{ resources: [false, true], condition: [{ values: [true] }] }] }
    const expressions = [
      {
        resources: { references: ['aws_s3_bucket.b.arn', 'aws_s3_bucket.b'] },
        condition: [{ values: { references: ['aws_vpc_endpoint.s3.id', 'aws_vpc_endpoint.s3'] } }],
      },
    ]
    const [principal] = await fromPlanText(deferredPlan(withCondition, unknown, expressions, 'module.policy'))
    const [statement] = principal?.policies[0]?.statements ?? []
    expect(statement?.resources.map((r) => r.value)).toEqual([
      'arn:aws:s3:::fixed/*',
      '${…aws_s3_bucket.b.arn…}',
    ])
    expect(JSON.parse(statement?.condition?.value ?? 'null')).toEqual({
      StringEquals: { 'aws:SourceVpce': ['${…aws_vpc_endpoint.s3.id…}'] },
    })
    expect(principal?.unresolved ?? []).toEqual([])
  })

  it("reads a role's inline_policy made of it, and says when an inline policy is not known", async () => {
    const doc = JSON.parse(deferredPlan(statements, unknownResources, bucketObjects))
    // The role's policy is an inline_policy block now, not an aws_iam_role_policy.
    const inlineRole = (policy: object) => ({
      address: 'aws_iam_role.r',
      mode: 'managed',
      type: 'aws_iam_role',
      name: 'r',
      expressions: {
        name: { constant_value: 'reporter' },
        inline_policy: [{ name: { constant_value: 'reports' }, policy }],
      },
    })
    const withInline = (policy: object) => ({
      ...doc,
      planned_values: {
        root_module: {
          resources: doc.planned_values.root_module.resources
            .filter((r: { type: string }) => r.type !== 'aws_iam_role_policy')
            .map((r: { type: string; values: object }) =>
              r.type === 'aws_iam_role'
                ? { ...r, values: { ...r.values, inline_policy: [{ name: 'reports' }] } }
                : r,
            ),
        },
      },
      resource_changes: doc.resource_changes
        .filter((r: { type: string }) => r.type !== 'aws_iam_role_policy')
        .map((r: { type: string; change: { after_unknown: object } }) =>
          r.type === 'aws_iam_role'
            ? {
                ...r,
                change: {
                  ...r.change,
                  after_unknown: { ...r.change.after_unknown, inline_policy: [{ policy: true }] },
                },
              }
            : r,
        ),
      configuration: {
        root_module: {
          resources: [
            inlineRole(policy),
            ...doc.configuration.root_module.resources.filter((r: { mode: string }) => r.mode === 'data'),
          ],
        },
      },
    })
    const [principal] = await fromPlanText(
      JSON.stringify(
        withInline({ references: ['data.aws_iam_policy_document.p.json', 'data.aws_iam_policy_document.p'] }),
      ),
    )
    expect(
      principal?.policies.flatMap((d) => d.statements.map((s) => s.actions.map((a) => a.value).join(' '))),
    ).toEqual(['s3:GetObject s3:PutObject', 's3:*'])
    expect(principal?.unresolved ?? []).toEqual([])
    // Made of something else the plan does not know (before, left out without a word).
    const [other] = await fromPlanText(
      JSON.stringify(withInline({ references: ['aws_s3_bucket.b.policy', 'aws_s3_bucket.b'] })),
    )
    expect([other?.policies, other?.unresolved?.map((u) => u.reason)]).toEqual([
      [],
      ['its inline_policy is known only after apply'],
    ])
  })

  it('merges the documents it is made of that the plan reads at apply too', async () => {
    const doc = JSON.parse(
      deferredPlan([statements[1] as object], { statement: [{}] }, [bucketObjects[1] as object]),
    )
    // data.aws_iam_policy_document.p merges base, which names the bucket the change creates.
    const base = {
      address: 'data.aws_iam_policy_document.base',
      mode: 'data',
      type: 'aws_iam_policy_document',
      name: 'base',
    }
    const baseValues = { statement: [{ ...statements[0], sid: 'Objects' }] }
    const withBase = (p: { address: string; values?: object; change?: object }) =>
      p.address === 'data.aws_iam_policy_document.p'
        ? p.values
          ? { ...p, values: { ...p.values, source_policy_documents: [null] } }
          : {
              ...p,
              change: {
                ...(p.change as object),
                after_unknown: {
                  ...(p.change as { after_unknown: object }).after_unknown,
                  source_policy_documents: [true],
                },
              },
            }
        : p
    doc.planned_values.root_module.resources = [
      ...doc.planned_values.root_module.resources.map(withBase),
      { ...base, values: baseValues },
    ]
    doc.resource_changes = [
      ...doc.resource_changes.map(withBase),
      {
        ...base,
        change: {
          actions: ['read'],
          after: baseValues,
          after_unknown: { json: true, statement: [{ resources: true }] },
        },
      },
    ]
    doc.configuration.root_module.resources = [
      ...doc.configuration.root_module.resources.map((c: { address: string; expressions: object }) =>
        c.address === 'data.aws_iam_policy_document.p'
          ? {
              ...c,
              expressions: {
                ...c.expressions,
                source_policy_documents: {
                  references: ['data.aws_iam_policy_document.base.json', 'data.aws_iam_policy_document.base'],
                },
              },
            }
          : c,
      ),
      { ...base, expressions: { statement: [bucketObjects[0]] } },
    ]
    const [principal] = await fromPlanText(JSON.stringify(doc))
    expect(principal?.unresolved ?? []).toEqual([])
    expect(
      principal?.policies.flatMap((d) =>
        d.statements.map(
          (s) =>
            `${s.sid} ${s.actions.map((a) => a.value).join(' ')} ON ${s.resources.map((r) => r.value).join(' ')}`,
        ),
      ),
    ).toEqual(['Objects s3:GetObject s3:PutObject ON ${…aws_s3_bucket.b.arn…}', 'null s3:* ON *'])
  })

  it('is unresolved, saying why, when what it grants is what is not known', async () => {
    const unknownActions = { statement: [{ actions: true }, {}] }
    const [principal] = await fromPlanText(deferredPlan(statements, unknownActions, bucketObjects))
    expect(principal?.policies).toEqual([])
    expect(principal?.unresolved?.map((u) => u.reason)).toEqual([
      'data.aws_iam_policy_document.p: the actions of its statement 1 are known only after apply',
    ])
    const merged = { source_policy_documents: true }
    const [other] = await fromPlanText(deferredPlan(statements, merged, bucketObjects))
    expect(other?.unresolved?.map((u) => u.reason)).toEqual([
      'data.aws_iam_policy_document.p: its source_policy_documents is known only after apply',
    ])
  })
})

describe('renderDeferredDocument', () => {
  it('merges source and override documents by Sid, as the provider does, and renders principals', async () => {
    const { renderDeferredDocument } = await import('../../src/sources/terraform/deferred-document.js')
    const source = JSON.stringify({
      Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    })
    const override = JSON.stringify({ Statement: { Sid: 'Own', Effect: 'Deny', Action: '*', Resource: '*' } })
    const rendered = renderDeferredDocument(
      {
        policy_id: 'doc',
        source_policy_documents: [source],
        override_policy_documents: [override],
        statement: [
          {
            sid: 'Read',
            actions: ['s3:ListBucket'],
            resources: [null],
            principals: [{ type: 'AWS', identifiers: [null, '111122223333'] }],
          },
          { sid: 'Own', actions: ['s3:PutObject'], resources: ['*'] },
        ],
      },
      { statement: [{ resources: [true], principals: [{ identifiers: [true, false] }] }, {}] },
      (path) =>
        path === 'statement.0.principals.0.identifiers'
          ? ['aws_iam_role.reader.arn', 'aws_iam_role.reader']
          : [],
    )
    expect('text' in rendered && JSON.parse(rendered.text)).toEqual({
      Version: '2012-10-17',
      Id: 'doc',
      Statement: [
        {
          Sid: 'Read',
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: ['${a value known only after apply}'],
          Principal: { AWS: ['${…aws_iam_role.reader.arn…}', '111122223333'] },
        },
        { Sid: 'Own', Effect: 'Deny', Action: '*', Resource: '*' },
      ],
    })
    expect(renderDeferredDocument({ source_policy_documents: ['{'] }, {}, () => [])).toEqual({
      reason: 'a source policy document it merges is not a policy',
    })
  })
})

// plus3it/terraform-aws-tardigrade-iam-principals: an `*_policy_attachments_exclusive` lists the ARNs of
// the configuration's own attachments. Each policy an attachment could not resolve was said twice, once
// for the attachment and once for the exclusive list.
describe('an exclusive list made of the configuration’s own attachments', () => {
  it('leaves to each attachment what it attaches, and says an unresolved one once', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'resource "aws_iam_role" "app" {', // 1
        '  name               = "app"', // 2
        '  assume_role_policy = "{}"', // 3
        '}', // 4
        'resource "aws_iam_policy" "made" {', // 5
        '  name   = "made"', // 6
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })', // 7
        '}', // 8
        'locals {', // 9
        '  arns = { made = aws_iam_policy.made.arn, other = module.shared.policy_arn }', // 10
        '}', // 11
        'module "shared" {', // 12
        '  source = "registry.example.com/org/policy/aws"', // 13
        '}', // 14
        'resource "aws_iam_role_policy_attachment" "this" {', // 15
        '  for_each   = local.arns', // 16
        '  role       = aws_iam_role.app.name', // 17
        '  policy_arn = each.value', // 18
        '}', // 19
        'resource "aws_iam_role_policy_attachments_exclusive" "this" {', // 20
        '  role_name   = aws_iam_role.app.name', // 21
        '  policy_arns = [for name, a in aws_iam_role_policy_attachment.this : a.policy_arn]', // 22
        '}', // 23
      ].join('\n'),
    })
    expect(
      principals.map((p) => [
        p.arn,
        p.policies.flatMap((d) => d.statements.map((s) => s.actions[0]?.value)),
        (p.unresolved ?? []).map((u) => `${u.line} ${u.address}`),
      ]),
    ).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:role/app`,
        ['s3:GetObject'],
        ['18 aws_iam_role_policy_attachment.this["other"]'],
      ],
    ])
  })
})

// The AWS provider's own functions (provider 5.40+, Terraform 1.8+), written in policies to build
// ARNs: `provider::aws::arn_build(…)` and the parts of `provider::aws::arn_parse(…)`.
describe('the AWS provider functions', () => {
  it('builds, takes apart and trims ARNs as the provider does, placeholders kept', async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'data "aws_caller_identity" "current" {}',
        'variable "bucket_arn" {',
        '  default = "arn:aws:s3:::reports"',
        '}',
        'locals {',
        '  bucket = provider::aws::arn_parse(var.bucket_arn)',
        '  queue  = provider::aws::arn_build("aws", "sqs", "eu-west-1", data.aws_caller_identity.current.account_id, "jobs")',
        '  role   = provider::aws::trim_iam_role_path("arn:aws:iam::123456789012:role/service/deployer")',
        '  parts  = provider::aws::arn_parse("arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/a:b")',
        '  bad    = try(provider::aws::arn_parse("reports"), "not an ARN")',
        '}',
        'resource "aws_iam_role" "app" {',
        '  name               = "app"',
        '  assume_role_policy = "{}"',
        '}',
        'resource "aws_iam_role_policy" "app" {',
        '  role = aws_iam_role.app.id',
        '  policy = jsonencode({',
        '    Version = "2012-10-17"',
        '    Statement = [',
        '      { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:${local.bucket.partition}:s3:::${local.bucket.resource}/*" },',
        '      { Effect = "Allow", Action = "sqs:SendMessage", Resource = local.queue },',
        '      { Effect = "Allow", Action = "iam:PassRole", Resource = local.role },',
        '      { Effect = "Allow", Action = "iam:GetRole", Resource = "arn:aws:iam::${local.parts.account_id}:${local.parts.resource}" },',
        '      { Effect = "Allow", Action = "s3:ListBucket", Resource = "arn:aws:s3:::${local.bad}" },',
        '    ]',
        '  })',
        '}',
        '',
      ].join('\n'),
    })
    const [doc] = principals[0]?.policies ?? []
    expect(doc?.statements.map((s) => s.resources.map((r) => r.value))).toEqual([
      ['arn:aws:s3:::reports/*'],
      [`arn:aws:sqs:eu-west-1:${ACCOUNT}:jobs`],
      ['arn:aws:iam::123456789012:role/deployer'],
      [`arn:aws:iam::${ACCOUNT}:role/a:b`],
      ['arn:aws:s3:::not an ARN'],
    ])
    expect(principals[0]?.unresolved ?? []).toEqual([])
  })
})

// IAM Identity Center permission sets give the roles Identity Center makes in each account: not checked,
// and a permission set granting "*" on "*" passed in silence ("no principals").
describe('the policies of an IAM Identity Center permission set', () => {
  const notesOf = async (files: Record<string, string>, entry: string) => {
    const root = await workspace(files, entry)
    const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    expect(problems).toEqual([])
    return { arns: loaded?.principals.map((p) => p.arn), notes: loaded?.notes.map(formatProblem) }
  }
  const NOT_CHECKED =
    'what it gives an IAM Identity Center permission set is not checked: this action checks IAM roles, users and ' +
    'groups, and does not read the roles Identity Center makes of a permission set in each account it is assigned to'

  it('are noted at each block that gives them, in the code and in a module it calls', async () => {
    const sets = [
      'resource "aws_ssoadmin_permission_set" "admins" {',
      '  name         = "DataAdmins"',
      '  instance_arn = "arn:aws:sso:::instance/ssoins-1234567890abcdef"',
      '}',
      'resource "aws_ssoadmin_permission_set_inline_policy" "admins" {',
      '  inline_policy      = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })',
      '  instance_arn       = aws_ssoadmin_permission_set.admins.instance_arn',
      '  permission_set_arn = aws_ssoadmin_permission_set.admins.arn',
      '}',
      'resource "aws_ssoadmin_managed_policy_attachment" "admins" {',
      '  for_each           = toset(["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonS3FullAccess"])',
      '  instance_arn       = aws_ssoadmin_permission_set.admins.instance_arn',
      '  managed_policy_arn = each.value',
      '  permission_set_arn = aws_ssoadmin_permission_set.admins.arn',
      '}',
      '',
    ].join('\n')
    const { arns, notes } = await notesOf(
      {
        'infra/main.tf':
          'resource "aws_iam_role" "app" { name = "app" }\nmodule "sso" {\n  source = "./sso"\n}\n',
        'infra/sso/main.tf': sets,
      },
      `  - root: infra\n    account: "${ACCOUNT}"`,
    )
    expect(arns).toEqual([`arn:aws:iam::${ACCOUNT}:role/app`])
    // Once per block, however many instances (for_each) it has.
    expect(notes).toEqual([
      `infra/sso/main.tf:5:1: module.sso.aws_ssoadmin_permission_set_inline_policy.admins: ${NOT_CHECKED}`,
      `infra/sso/main.tf:10:1: module.sso.aws_ssoadmin_managed_policy_attachment.admins: ${NOT_CHECKED}`,
    ])
  })

  it('are noted from a plan', async () => {
    const plan = {
      format_version: '1.2',
      planned_values: { root_module: {} },
      resource_changes: [
        creation({
          address: 'aws_ssoadmin_customer_managed_policy_attachment.ops',
          type: 'aws_ssoadmin_customer_managed_policy_attachment',
          name: 'ops',
          values: { customer_managed_policy_reference: [{ name: 'ops', path: '/' }] },
        }),
      ],
    }
    const { arns, notes } = await notesOf(
      { 'infra/plan.json': JSON.stringify(plan, null, 2) },
      `  - plan: infra/plan.json\n    account: "${ACCOUNT}"`,
    )
    expect(arns).toEqual([])
    expect(notes).toEqual([
      `infra/plan.json:1:1: aws_ssoadmin_customer_managed_policy_attachment.ops: ${NOT_CHECKED}`,
    ])
  })

  it('are noted once, at the first, past three blocks (a module called for each team)', async () => {
    const { notes } = await notesOf(
      {
        'infra/main.tf':
          'module "team" {\n  source   = "./team"\n  for_each = toset(["a", "b", "c", "d"])\n  name     = each.key\n}\n',
        'infra/team/main.tf': [
          'variable "name" {}',
          'resource "aws_ssoadmin_permission_set" "this" {',
          '  name         = var.name',
          '  instance_arn = "arn:aws:sso:::instance/ssoins-1234567890abcdef"',
          '}',
          'resource "aws_ssoadmin_managed_policy_attachment" "this" {',
          '  instance_arn       = aws_ssoadmin_permission_set.this.instance_arn',
          '  managed_policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"',
          '  permission_set_arn = aws_ssoadmin_permission_set.this.arn',
          '}',
          '',
        ].join('\n'),
      },
      `  - root: infra\n    account: "${ACCOUNT}"`,
    )
    expect(notes).toEqual([
      'infra/team/main.tf:6:1: 4 blocks give IAM Identity Center permission sets policies that are not checked ' +
        '(module.team["a"].aws_ssoadmin_managed_policy_attachment.this, module.team["b"].aws_ssoadmin_managed_policy_attachment.this, ' +
        'module.team["c"].aws_ssoadmin_managed_policy_attachment.this, … (1 more)): this action checks IAM roles, users and groups, ' +
        'and does not read the roles Identity Center makes of a permission set in each account it is assigned to',
    ])
  })
})

// plus3it/terraform-aws-tardigrade-iam-principals: 69 unresolved-policy findings on a repository whose
// every policy is in it.
describe("a module's policies passed on through a data source and try()", () => {
  it('attaches the policy a data "aws_iam_policy" reads by the ARN of one the code creates', async () => {
    const principals = await fromCode({
      'infra/policy/main.tf': [
        'variable "name" {}',
        'variable "policy" {}',
        'resource "aws_iam_policy" "this" {',
        '  name   = var.name',
        '  policy = var.policy',
        '}',
        'output "policy" { value = aws_iam_policy.this }',
        '',
      ].join('\n'),
      'infra/role/main.tf': [
        'variable "name" {}',
        'variable "managed_policies" {}',
        'resource "aws_iam_role" "this" { name = var.name }',
        'data "aws_iam_policy" "this" {',
        '  for_each = { for policy in var.managed_policies : policy.name => policy }',
        '  arn      = each.value.arn',
        '}',
        'resource "aws_iam_role_policy_attachment" "this" {',
        '  for_each   = data.aws_iam_policy.this',
        '  role       = aws_iam_role.this.id',
        '  policy_arn = each.value.arn',
        '}',
        '',
      ].join('\n'),
      'infra/main.tf': [
        'locals {',
        '  reader = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })',
        '}',
        'module "policies" {',
        '  source   = "./policy"',
        '  for_each = { reader = local.reader }',
        '  name     = each.key',
        '  policy   = each.value',
        '}',
        'module "roles" {',
        '  source = "./role"',
        '  name   = "app"',
        '  managed_policies = [for policy in [{ name = "reader" }] : {',
        '    name = policy.name',
        '    arn  = try(module.policies[policy.name].policy.arn, policy.arn)',
        '  }]',
        '}',
        '',
      ].join('\n'),
    })
    expect(principals.map(held)).toEqual([[`arn:aws:iam::${ACCOUNT}:role/app`, ['s3:GetObject'], 0]])
  })

  it("passes over an index() of an item a list does not hold to try()'s next argument", async () => {
    const principals = await fromCode({
      'infra/main.tf': [
        'variable "known" { default = [] }',
        'resource "aws_iam_user" "u" {',
        '  for_each = { for name in ["ci"] : name => try(var.known[index(var.known, name)], name) }',
        '  name     = each.value',
        '}',
        '',
      ].join('\n'),
    })
    expect(principals.map((p) => p.arn)).toEqual([`arn:aws:iam::${ACCOUNT}:user/ci`])
  })
})

// `role =` in an aws_iam_policy_attachment (which takes `roles`) attached the policy to no one, in silence:
// the policy was checked alone, as one no role has.
describe('an argument a policy or attachment block does not take', () => {
  it('is a notice at it, with the argument meant; one a required argument stands for is the finding’s', async () => {
    const root = await workspace(
      {
        'infra/main.tf': [
          'resource "aws_iam_role" "app" {', // 1
          '  name               = "app"', // 2
          '  assume_role_policy = "{}"', // 3
          '}', // 4
          'resource "aws_iam_policy" "p" {', // 5
          '  name   = "p"', // 6
          '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })', // 7
          '}', // 8
          'resource "aws_iam_policy_attachment" "a" {', // 9
          '  count      = 2', // 10
          '  name       = "a"', // 11
          '  role       = aws_iam_role.app.name', // 12
          '  policy_arn = aws_iam_policy.p.arn', // 13
          '  colour     = "blue"', // 14
          '}', // 15
          'resource "aws_iam_role_policy_attachment" "b" {', // 16
          '  roles      = aws_iam_role.app.name', // 17
          '  policy_arn = aws_iam_policy.p.arn', // 18
          '}', // 19
          '',
        ].join('\n'),
      },
      `  - root: infra\n    account: "${ACCOUNT}"`,
    )
    const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    expect(problems).toEqual([])
    // Once per block, however many instances; `roles` of the last is its finding's (no `role`).
    expect(loaded?.notes.map(formatProblem)).toEqual([
      'infra/main.tf:12:3: aws_iam_policy_attachment.a: `role` is not an argument of aws_iam_policy_attachment (did you mean `roles`?): `terraform validate` refuses it, and it is not read here',
      'infra/main.tf:14:3: aws_iam_policy_attachment.a: `colour` is not an argument of aws_iam_policy_attachment: `terraform validate` refuses it, and it is not read here',
    ])
  })
})

// An aws_iam_role_policy_attachments_exclusive of no policies, on a role this configuration does not
// define, made a placeholder principal with an unresolved-policy finding, though it gives nothing.
describe('an exclusive attachment of no policies', () => {
  it('makes no principal of its own; one of policies does', async () => {
    const code = (arns: string) =>
      fromCode({
        'infra/main.tf': [
          'variable "role_name" {}',
          'variable "none" { default = [] }',
          'resource "aws_iam_role_policy_attachments_exclusive" "a" {',
          '  role_name   = var.role_name',
          `  policy_arns = ${arns}`,
          '}',
          '',
        ].join('\n'),
      })
    expect(await code('[]')).toEqual([])
    expect(await code('var.none')).toEqual([])
    expect((await code('["arn:aws:iam::aws:policy/ReadOnlyAccess"]')).map((p) => p.arn)).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/\${var.role_name}`,
    ])
  })
})

// A map of accounts in locals.tf, one entry named in each role of main.tf: the whole map was copied to
// each place that named it (`npm run bench -- --only locals` ran out of memory). Only the part named is
// moved now, and it must stand where the whole map's part stood.
describe('a part of a local of another file', () => {
  it('stands at the place that names it, written where the local writes it', async () => {
    const principals = await fromCode({
      'infra/locals.tf': [
        'locals {', // 1
        '  accounts = {', // 2
        '    a = { name = "alpha", buckets = ["a-1"] }', // 3
        '    b = { name = "beta", buckets = ["b-1", "b-2"] }', // 4
        '  }', // 5
        '}', // 6
        '',
      ].join('\n'),
      'infra/main.tf': [
        'resource "aws_iam_role" "app" {', // 1
        '  name               = local.accounts["b"].name', // 2
        '  assume_role_policy = "{}"', // 3
        '}', // 4
        'resource "aws_iam_role_policy" "app" {', // 5
        '  role   = aws_iam_role.app.id', // 6
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{', // 7
        '    Effect   = "Allow", Action = "s3:GetObject",', // 8
        '    Resource = local.accounts.b.buckets[1] }] })', // 9
        '}', // 10
        '',
      ].join('\n'),
    })
    expect(principals.map((p) => p.arn)).toEqual([`arn:aws:iam::${ACCOUNT}:role/beta`])
    const [resource] = principals[0]?.policies[0]?.statements[0]?.resources ?? []
    expect(resource && at(resource)).toBe('b-2@9:16 (infra/locals.tf:4:44)')
  })
})
