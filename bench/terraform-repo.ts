// A synthetic Terraform configuration for `npm run bench`: 300 instances of an app module, five module
// levels deep (3 × 2 × 2 × 5 × 5 for_each keys), each with a role, two inline policies (jsonencode), a
// customer managed policy rendered from a policy document data source and its attachment: about 2,000
// resources, 300 roles, 1,200 policies. Its plan is written as `terraform show -json` would write it.
// The same policies are also written as JSON files with a principals: config, for the ratio.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ACCOUNT = '111122223333'
const LEVELS: readonly { name: string; keys: readonly string[] }[] = [
  { name: 'l1', keys: ['a', 'b', 'c'] },
  { name: 'l2', keys: ['x', 'y'] },
  { name: 'l3', keys: ['p', 'q'] },
  { name: 'l4', keys: ['k1', 'k2', 'k3', 'k4', 'k5'] },
  { name: 'app', keys: ['s1', 's2', 's3', 's4', 's5'] },
]

const inline = (i: number) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Read',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: [`arn:aws:s3:::bucket-${i}`, `arn:aws:s3:::bucket-${i}/*`],
    },
    {
      Sid: 'Table',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
      Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t-${i}`,
    },
    { Sid: 'Logs', Effect: 'Allow', Action: 'logs:*', Resource: '*' },
  ],
})
const queue = (i: number) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Queue',
      Effect: 'Allow',
      Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'],
      Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:q-${i}`,
    },
  ],
})
const managed = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Describe',
      Effect: 'Allow',
      Action: ['ec2:Describe*', 'cloudwatch:GetMetricData'],
      Resource: '*',
    },
    {
      Sid: 'Params',
      Effect: 'Allow',
      Action: ['ssm:GetParameter', 'ssm:GetParameters'],
      Resource: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/app/*`,
    },
  ],
}

const APP_TF = `variable "name" { type = string }
variable "index" { type = number }

resource "aws_iam_role" "this" {
  name = "app-\${var.name}"
}

resource "aws_iam_role_policy" "data" {
  name = "data"
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Read"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:ListBucket"]
        Resource = ["arn:aws:s3:::bucket-\${var.index}", "arn:aws:s3:::bucket-\${var.index}/*"]
      },
      {
        Sid      = "Table"
        Effect   = "Allow"
        Action   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]
        Resource = "arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t-\${var.index}"
      },
      { Sid = "Logs", Effect = "Allow", Action = "logs:*", Resource = "*" },
    ]
  })
}

resource "aws_iam_role_policy" "queue" {
  name   = "queue"
  role   = aws_iam_role.this.id
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "Queue",
          "Effect": "Allow",
          "Action": ["sqs:SendMessage", "sqs:ReceiveMessage"],
          "Resource": "arn:aws:sqs:us-east-1:${ACCOUNT}:q-\${var.index}"
        }
      ]
    }
  EOT
}

data "aws_iam_policy_document" "shared" {
  statement {
    sid       = "Describe"
    actions   = ["ec2:Describe*", "cloudwatch:GetMetricData"]
    resources = ["*"]
  }
  statement {
    sid       = "Params"
    actions   = ["ssm:GetParameter", "ssm:GetParameters"]
    resources = ["arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/app/*"]
  }
}

resource "aws_iam_policy" "shared" {
  name   = "shared-\${var.name}"
  policy = data.aws_iam_policy_document.shared.json
}

resource "aws_iam_role_policy_attachment" "shared" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.shared.arn
}
`

/** Writes both repositories; returns their roots (config at .github/iam-policy-drift.yml in each). */
export async function makeTerraformRepositories(): Promise<{
  terraform: string
  json: string
  resources: number
}> {
  const terraform = await mkdtemp(join(tmpdir(), 'ipd-bench-tf-'))
  const json = await mkdtemp(join(tmpdir(), 'ipd-bench-tfjson-'))
  for (let level = 0; level < LEVELS.length; level++) {
    const { name } = LEVELS[level] as { name: string }
    const next = LEVELS[level + 1]
    const text =
      name === 'app'
        ? APP_TF
        : `variable "prefix" { type = string }\nvariable "base" { type = number }\n\nmodule "${next?.name}" {\n  source   = "../${next?.name}"\n  for_each = { ${next?.keys.map((k, i) => `"${k}" = ${i}`).join(', ')} }\n  ${next?.name === 'app' ? 'name  = "${var.prefix}-${each.key}"\n  index = var.base * 5 + each.value' : 'prefix = "${var.prefix}-${each.key}"\n  base   = var.base * ' + String(next?.keys.length) + ' + each.value'}\n}\n`
    await mkdir(join(terraform, 'modules', name), { recursive: true })
    await writeFile(join(terraform, 'modules', name, 'main.tf'), text)
  }
  const first = LEVELS[0] as { name: string; keys: readonly string[] }
  await writeFile(
    join(terraform, 'main.tf'),
    `module "l1" {\n  source   = "./modules/l1"\n  for_each = { ${first.keys.map((k, i) => `"${k}" = ${i}`).join(', ')} }\n  prefix   = each.key\n  base     = each.value\n}\n`,
  )

  // Instances: the module path of each app, its name and index, as the variables above compute them.
  const apps: { address: string; name: string; index: number }[] = []
  const walk = (level: number, address: string, prefix: string, base: number) => {
    const { name, keys } = LEVELS[level] as { name: string; keys: readonly string[] }
    keys.forEach((key, i) => {
      const here = `${address ? `${address}.` : ''}module.${name}["${key}"]`
      if (name === 'app') apps.push({ address: here, name: `${prefix}-${key}`, index: base * 5 + i })
      else
        walk(
          level + 1,
          here,
          level === 0 ? key : `${prefix}-${key}`,
          level === 0 ? i : base * (LEVELS[level]?.keys.length ?? 1) + i,
        )
    })
  }
  walk(0, '', '', 0)

  const resources: object[] = []
  const principals: string[] = ['principals:']
  await mkdir(join(json, 'iam'), { recursive: true })
  for (const app of apps) {
    const role = `app-${app.name}`
    const arn = `arn:aws:iam::${ACCOUNT}:role/${role}`
    const policyArn = `arn:aws:iam::${ACCOUNT}:policy/shared-${app.name}`
    const r = (type: string, name: string, values: object, mode = 'managed') => ({
      address: `${app.address}.${mode === 'data' ? 'data.' : ''}${type}.${name}`,
      mode,
      type,
      name,
      values,
    })
    resources.push(
      r('aws_iam_role', 'this', { arn, name: role, id: role, path: '/' }),
      r('aws_iam_role_policy', 'data', { name: 'data', role, policy: JSON.stringify(inline(app.index)) }),
      r('aws_iam_role_policy', 'queue', { name: 'queue', role, policy: JSON.stringify(queue(app.index)) }),
      r('aws_iam_policy', 'shared', {
        arn: policyArn,
        name: `shared-${app.name}`,
        policy: JSON.stringify(managed),
      }),
      r('aws_iam_role_policy_attachment', 'shared', { role, policy_arn: policyArn }),
      r('aws_iam_policy_document', 'shared', { json: JSON.stringify(managed) }, 'data'),
    )
    const dir = `iam/${role}`
    await mkdir(join(json, dir), { recursive: true })
    await writeFile(join(json, dir, 'data.json'), JSON.stringify(inline(app.index), null, 2))
    await writeFile(join(json, dir, 'queue.json'), JSON.stringify(queue(app.index), null, 2))
    await writeFile(join(json, dir, 'shared.json'), JSON.stringify(managed, null, 2))
    principals.push(`  - arn: ${arn}`, `    policies: [${dir}/*.json]`)
  }
  // planned_values and prior_state as nested child modules, and the configuration's module calls.
  const tree = (all: object[]) => {
    const root = { resources: [] as object[], child_modules: [] as object[] }
    const modules = new Map<string, { address: string; resources: object[]; child_modules: object[] }>()
    const moduleOf = (address: string): { resources: object[]; child_modules: object[] } => {
      if (address === '') return root
      const cached = modules.get(address)
      if (cached) return cached
      const made = { address, resources: [] as object[], child_modules: [] as object[] }
      modules.set(address, made)
      const parent = address.slice(0, Math.max(0, address.lastIndexOf('.module.')))
      moduleOf(parent).child_modules.push(made)
      return made
    }
    for (const res of all as { address: string }[])
      moduleOf(
        res.address.slice(
          0,
          res.address.lastIndexOf('.module.app[') +
            1 +
            res.address.slice(res.address.lastIndexOf('.module.app[') + 1).indexOf('.'),
        ),
      ).resources.push(res)
    return root
  }
  const calls = (level: number): object => {
    const item = LEVELS[level]
    if (!item) return {}
    return {
      module_calls: {
        [item.name]: { source: level === 0 ? './modules/l1' : `../${item.name}`, module: calls(level + 1) },
      },
    }
  }
  const plan = {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: {
      root_module: tree(resources.filter((x) => (x as { mode: string }).mode === 'managed')),
    },
    prior_state: { values: { root_module: tree(resources) } },
    resource_changes: [],
    configuration: { root_module: calls(0) },
  }
  await writeFile(join(terraform, 'plan.json'), JSON.stringify(plan))
  await mkdir(join(terraform, '.github'))
  await writeFile(join(terraform, '.github', 'iam-policy-drift.yml'), 'terraform:\n  - plan: plan.json\n')
  await mkdir(join(json, '.github'))
  await writeFile(join(json, '.github', 'iam-policy-drift.yml'), `${principals.join('\n')}\n`)
  return { terraform, json, resources: resources.length }
}
