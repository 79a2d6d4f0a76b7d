import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadWorkspace } from '../../src/sources/load-workspace.js'
import { readPlan, sensitiveTexts } from '../../src/sources/terraform/plan.js'
import { formatProblem } from '../../src/vocabulary/problems.js'
import { Secrets } from '../../src/vocabulary/secrets.js'

describe('Secrets', () => {
  it('replaces every secret in a text by ***, the longest where two start alike', () => {
    const masked: string[] = []
    const secrets = new Secrets((s) => masked.push(s))
    secrets.add(['hunter22', 'hunter22-prod', 'abc', 'tok-1', 'hunter22'])
    expect(secrets.size).toBe(3)
    // Masked in the log once each; a text too short to keep is not.
    expect(masked).toEqual(['hunter22', 'hunter22-prod', 'tok-1'])
    expect(secrets.redact('a hunter22-prod and hunter22, tok-1tok-1; abc')).toBe('a *** and ***, ******; abc')
    const clean = 'nothing here'
    expect(secrets.redact(clean)).toBe(clean)
    expect(new Secrets().redact('hunter22')).toBe('hunter22')
  })

  it('replaces a secret as JSON writes it too, where a message quotes a Condition as JSON', () => {
    const masked: string[] = []
    const secrets = new Secrets((s) => masked.push(s))
    secrets.add(['pa"ss\\word'])
    expect(masked).toEqual(['pa"ss\\word', 'pa\\"ss\\\\word'])
    const condition = JSON.stringify({ StringEquals: { 'aws:RequestTag/token': 'pa"ss\\word' } })
    expect(secrets.redact(`Condition: ${condition}; as written: pa"ss\\word`)).toBe(
      'Condition: {"StringEquals":{"aws:RequestTag/token":"***"}}; as written: ***',
    )
  })

  it('masks a secret of several lines line by line, as the runner matches each line alone', () => {
    const masked: string[] = []
    new Secrets((s) => masked.push(s)).add(['-----BEGIN KEY-----\r\nMIIEabcd\nok\n-----END KEY-----'])
    expect(masked).toEqual([
      '-----BEGIN KEY-----',
      'MIIEabcd',
      '-----END KEY-----',
      // As JSON writes it, on one line.
      '-----BEGIN KEY-----\\r\\nMIIEabcd\\nok\\n-----END KEY-----',
    ])
  })

  it('redacts every string of a report but the file paths findings and annotations point at', () => {
    const secrets = new Secrets()
    const report = {
      verdict: 'fail',
      findings: [
        {
          file: 'infra/s3cr3t-bucket/main.tf',
          policyFile: 'infra/s3cr3t-bucket/p.json',
          line: 3,
          message: 'cannot act on "arn:aws:s3:::s3cr3t-bucket"',
          actions: ['s3:GetObject'],
        },
      ],
      principals: [{ files: ['infra/s3cr3t-bucket/main.tf'], arn: 'arn:aws:iam::1:role/s3cr3t-bucket' }],
      isComplete: true,
    }
    expect(secrets.redactDeep(report)).toBe(report)
    secrets.add(['s3cr3t-bucket'])
    expect(secrets.redactDeep(report)).toEqual({
      verdict: 'fail',
      findings: [
        {
          file: 'infra/s3cr3t-bucket/main.tf',
          policyFile: 'infra/s3cr3t-bucket/p.json',
          line: 3,
          message: 'cannot act on "arn:aws:s3:::***"',
          actions: ['s3:GetObject'],
        },
      ],
      principals: [{ files: ['infra/s3cr3t-bucket/main.tf'], arn: 'arn:aws:iam::1:role/***' }],
      isComplete: true,
    })
  })
})

describe('sensitiveTexts', () => {
  it('takes what a plan marks sensitive: root variables, attributes, outputs; each string inside', () => {
    const resource = (address: string, values: object, sensitive_values: object) => ({
      address,
      mode: 'managed',
      values,
      sensitive_values,
    })
    const texts = sensitiveTexts({
      format_version: '1.2',
      variables: {
        token: { value: 'tok-from-secrets' },
        ids: { value: { a: 'id-alpha', b: ['id-beta'], account: 444455556666, on: true } },
        region: { value: 'eu-west-1' },
      },
      configuration: {
        root_module: {
          variables: {
            token: { sensitive: true },
            ids: { sensitive: true },
            region: { description: 'plain' },
          },
        },
      },
      planned_values: {
        outputs: {
          key: { sensitive: true, value: 'out-secret' },
          name: { sensitive: false, value: 'out-plain' },
        },
        root_module: {
          resources: [resource('random_password.db', { result: 'pw-123456', length: 16 }, { result: true })],
          child_modules: [
            {
              resources: [
                resource(
                  'module.app.aws_ssm_parameter.p',
                  { name: 'plain-name', tags: ['t1', 'tag-secret'], value: { inner: 'deep-secret' } },
                  { tags: [false, true], value: true },
                ),
              ],
            },
          ],
        },
      },
      prior_state: {
        values: {
          root_module: {
            resources: [
              resource(
                'data.aws_secretsmanager_secret_version.s',
                { secret_string: 'sm-secret' },
                { secret_string: true },
              ),
            ],
          },
        },
      },
      resource_changes: [
        {
          address: 'aws_iam_user_login_profile.u',
          change: {
            before: { password: 'old-pass' },
            after: { password: 'new-pass' },
            before_sensitive: { password: true },
            after_sensitive: { password: true },
          },
        },
      ],
      resource_drift: [{ change: { after: { key: 'drift-key' }, after_sensitive: { key: true } } }],
      output_changes: {
        conn: { after: 'conn-string', after_sensitive: true },
        open: { after: 'open', after_sensitive: false },
      },
    })
    expect(texts.sort()).toEqual(
      [
        'conn-string',
        'deep-secret',
        'drift-key',
        'id-alpha',
        'id-beta',
        '444455556666',
        'new-pass',
        'old-pass',
        'out-secret',
        'pw-123456',
        'sm-secret',
        'tag-secret',
        'tok-from-secrets',
      ].sort(),
    )
  })

  it('takes nothing from a plan that marks nothing, or whose marks are not in its shape', () => {
    expect(sensitiveTexts({ format_version: '1.2' })).toEqual([])
    expect(
      sensitiveTexts({
        format_version: '1.2',
        variables: { token: 'not an object' },
        configuration: { root_module: { variables: { token: { sensitive: true } } } },
        planned_values: { root_module: { resources: [{ values: 'x', sensitive_values: { a: true } }] } },
        resource_changes: [null, { change: { after: ['a'], after_sensitive: { 0: true } } }],
      }),
    ).toEqual([])
  })
})

describe('the sensitive variables of Terraform code read without a plan', () => {
  it('are secrets as a .tfvars file a step may write gives them, else as their default', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ipd-secrets-code-'))
    try {
      const files = {
        '.github/iam-policy-drift.yml': 'terraform:\n  - root: infra\n    account: "111122223333"\n',
        'infra/main.tf': [
          'variable "bucket" {\n  type      = string\n  sensitive = true\n}',
          'variable "ids" {\n  sensitive = true\n  default   = { a = "id-from-default", b = ["id-in-list"] }\n}',
          'variable "region" { default = "eu-west-1" }',
          'variable "plain" {\n  sensitive = false\n  default   = "not-secret"\n}',
          'resource "aws_iam_role" "app" { name = "app" }',
          'resource "aws_iam_role_policy" "app" {',
          '  role   = aws_iam_role.app.id',
          '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::${var.bucket}/*" }] })',
          '}',
        ].join('\n'),
        // What a step writes from the repository's secrets before the action runs.
        'infra/secrets.auto.tfvars': 'bucket = "payroll-exports-7f3a"\n',
      }
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(root, path)), { recursive: true })
        await writeFile(join(root, path), text)
      }
      const loaded = await loadWorkspace(root, '.github/iam-policy-drift.yml')
      expect(loaded.problems).toEqual([])
      expect([...loaded.secrets].sort()).toEqual(['id-from-default', 'id-in-list', 'payroll-exports-7f3a'])
      // Still checked: the policy is built with the value.
      const [principal] = loaded.workspace?.principals ?? []
      expect(principal?.policies[0]?.statements[0]?.resources.map((r) => r.value)).toEqual([
        'arn:aws:s3:::payroll-exports-7f3a/*',
      ])
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})

describe('more sensitive values than one run masks', () => {
  const many = Array.from({ length: 10_001 }, (_, i) => `value-${i}`)

  it('refuses a plan that marks them, at its file, before anything is written', () => {
    const plan = {
      format_version: '1.2',
      variables: { keys: { value: many } },
      configuration: { root_module: { variables: { keys: { sensitive: true } } } },
      planned_values: { root_module: { resources: [] } },
    }
    const read = readPlan('infra/plan.json', JSON.stringify(plan))
    expect(read.plan).toBeUndefined()
    expect(read.problems).toEqual([
      {
        file: 'infra/plan.json',
        line: 1,
        message:
          'the plan marks 10,001 values sensitive, more than the 10,000 a run keeps out of its log and reports (each is masked with a line of the log): not read, so that none is written out',
      },
    ])
    // One fewer is read.
    const fewer = { ...plan, variables: { keys: { value: many.slice(1) } } }
    expect(readPlan('infra/plan.json', JSON.stringify(fewer)).plan?.sensitive).toHaveLength(10_000)
  })

  it('refuses code whose sensitive variables give them, at the variable that gives the most', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ipd-secrets-flood-'))
    try {
      const files = {
        '.github/iam-policy-drift.yml': 'terraform:\n  - root: infra\n    account: "111122223333"\n',
        'infra/main.tf': 'resource "aws_iam_role" "app" { name = "app" }\n',
        'infra/variables.tf': [
          'variable "one" {\n  sensitive = true\n  default   = "just-one"\n}',
          // The same text many times is one value, as a plan's are counted.
          `variable "same" {\n  sensitive = true\n  default   = ${JSON.stringify(Array(20_000).fill('just-one'))}\n}`,
          `variable "keys" {\n  sensitive = true\n  default   = ${JSON.stringify(many)}\n}`,
        ].join('\n'),
      }
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(root, path)), { recursive: true })
        await writeFile(join(root, path), text)
      }
      const loaded = await loadWorkspace(root, '.github/iam-policy-drift.yml')
      expect(loaded.workspace).toBeUndefined()
      expect(loaded.problems.map(formatProblem)).toEqual([
        'infra/variables.tf:9:1: the code marks 10,002 values sensitive, more than the 10,000 a run keeps out of its log and reports (each is masked with a line of the log): not read, so that none is written out; of its variables declared sensitive, this one gives the most',
      ])
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
