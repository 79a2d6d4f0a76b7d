// What a Terraform plan marks sensitive, through the bundled action on a pull request: `terraform plan`
// prints "(sensitive value)", but `terraform show -json` holds the value in the clear, and a finding on
// a policy built from it quotes it. The log masks it (`::add-mask::`, before any line that holds it);
// the comment, the summary, the JSON report and the SARIF file, which the runner does not mask, hold
// *** instead. The finding itself stays, at its line.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commitFiles, git } from '../world/git.js'
import { GitHubApiEmulator } from '../world/github-api.js'
import { type ActionRun, pullRequestEvent, runAction, runCli } from '../world/runner.js'

const ACCOUNT = '111122223333'
// A sensitive root variable, passed as TF_VAR_exports_bucket from the repository's secrets.
const BUCKET = 'acme-payroll-exports-7f3a'
// A data source's sensitive attribute: the token a partner checks, from Secrets Manager. Its quote is
// escaped where a message quotes the Condition as JSON.
const TOKEN = 'pk-live-"90fd1c2e77'
/** What must not stand anywhere written, however it is quoted or escaped. */
const SECRET_PARTS = ['payroll-exports-7f3a', '90fd1c2e77']

const MAIN_TF = [
  'variable "exports_bucket" {', // 1
  '  type      = string',
  '  sensitive = true',
  '}',
  'data "aws_secretsmanager_secret_version" "partner" { secret_id = "partner-token" }', // 5
  'resource "aws_iam_role" "exporter" { name = "exporter" }',
  'resource "aws_iam_role_policy" "exporter" {',
  '  role = aws_iam_role.exporter.id',
  '  policy = jsonencode({ Version = "2012-10-17", Statement = [', // 9
  '    { Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::${var.exports_bucket}" },', // 10
  '    { Effect = "Allow", Action = ["sqs:SendMessage"], Resource = "*",', // 11
  '      Condition = { StringEquals = { "aws:RequestTag/token" = data.aws_secretsmanager_secret_version.partner.secret_string } } },',
  '  ] })',
  '}',
  '',
].join('\n')

const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::${BUCKET}` },
    {
      Effect: 'Allow',
      Action: ['sqs:SendMessage'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestTag/token': TOKEN } },
    },
  ],
})

/** The plan as `terraform show -json` writes it, in the documented format. */
const PLAN = {
  format_version: '1.2',
  terraform_version: '1.9.8',
  variables: { exports_bucket: { value: BUCKET } },
  planned_values: {
    root_module: {
      resources: [
        {
          address: 'aws_iam_role.exporter',
          mode: 'managed',
          type: 'aws_iam_role',
          name: 'exporter',
          values: { name: 'exporter', arn: `arn:aws:iam::${ACCOUNT}:role/exporter` },
          sensitive_values: {},
        },
        {
          address: 'aws_iam_role_policy.exporter',
          mode: 'managed',
          type: 'aws_iam_role_policy',
          name: 'exporter',
          values: { role: 'exporter', policy },
          sensitive_values: { policy: true },
        },
      ],
    },
  },
  prior_state: {
    values: {
      root_module: {
        resources: [
          {
            address: 'data.aws_secretsmanager_secret_version.partner',
            mode: 'data',
            type: 'aws_secretsmanager_secret_version',
            name: 'partner',
            values: { secret_id: 'partner-token', secret_string: TOKEN, version_stages: ['AWSCURRENT'] },
            sensitive_values: { secret_string: true, version_stages: [false] },
          },
        ],
      },
    },
  },
  resource_changes: [
    {
      address: 'aws_iam_role_policy.exporter',
      mode: 'managed',
      type: 'aws_iam_role_policy',
      name: 'exporter',
      change: {
        actions: ['create'],
        before: null,
        after: { role: 'exporter', policy },
        after_unknown: { id: true },
        before_sensitive: false,
        after_sensitive: { policy: true },
      },
    },
  ],
  configuration: {
    root_module: {
      variables: { exports_bucket: { sensitive: true } },
      resources: [],
    },
  },
}

let workspace: string
let github: GitHubApiEmulator
let run: ActionRun
let sarif: string

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'ipd-secrets-'))
  await mkdir(join(workspace, '.github'))
  await mkdir(join(workspace, 'infra'))
  await writeFile(
    join(workspace, '.github', 'iam-policy-drift.yml'),
    'terraform:\n  - plan: infra/plan.json\n    root: infra\n',
  )
  await writeFile(join(workspace, 'infra', 'main.tf'), MAIN_TF)
  await writeFile(join(workspace, 'infra', 'plan.json'), JSON.stringify(PLAN, null, 2))
  github = await GitHubApiEmulator.start()
  sarif = join(workspace, 'results.sarif')
  run = await runAction({
    workspace,
    eventName: 'pull_request',
    event: pullRequestEvent(4, 'feed'.repeat(10), 'base'.repeat(10)),
    inputs: { 'github-token': 'ghs_test', 'sarif-file': sarif, 'fail-on': 'never' },
    env: { GITHUB_API_URL: github.url },
  })
}, 60_000)

afterAll(async () => {
  await github?.close()
  await rm(workspace, { recursive: true, force: true })
})

describe("a plan's sensitive values", () => {
  it('are masked in the log before any line holds them', () => {
    expect(run.exitCode).toBe(0)
    const lines = run.stdout.split('\n')
    for (const part of SECRET_PARTS) {
      const mask = lines.findIndex((line) => line.startsWith('::add-mask::') && line.includes(part))
      expect(mask).toBeGreaterThanOrEqual(0)
      const first = lines.findIndex((line) => line.includes(part) && !line.startsWith('::add-mask::'))
      // Held by a later line (a finding's annotation), which the runner then masks; or by none.
      if (first >= 0) expect(first).toBeGreaterThan(mask)
    }
    // What the plan marks, and no more: the policy it makes of them is sensitive as a whole too; the
    // secret's id and its version stages (marked false) are not.
    const json = (text: string) => JSON.stringify(text).slice(1, -1)
    expect(lines.filter((line) => line.startsWith('::add-mask::')).sort()).toEqual(
      [BUCKET, policy, json(policy), TOKEN, json(TOKEN)].map((text) => `::add-mask::${text}`).sort(),
    )
  })

  it('are *** in the comment, the summary, the JSON report and SARIF; the findings stay at their lines', async () => {
    const [comment] = github.commentsOn(4)
    const report = await readFile(run.outputs.report as string, 'utf8')
    const written = {
      comment: comment?.body ?? '',
      summary: run.summary,
      report,
      sarif: await readFile(sarif, 'utf8'),
    }
    for (const [what, text] of Object.entries(written))
      for (const part of SECRET_PARTS) expect(text, what).not.toContain(part)
    const findings: { kind: string; file: string; line: number; message: string }[] =
      JSON.parse(report).findings
    const ineffective = findings.find((f) => f.kind === 'ineffective-grant')
    expect(ineffective).toMatchObject({ file: 'infra/main.tf', line: 10 })
    expect(ineffective?.message).toContain('"arn:aws:s3:::***"')
    expect(findings.map((f) => `${f.kind} ${f.file}:${f.line}`)).toContain(
      'wildcard-resource infra/main.tf:11',
    )
    expect(written.comment).toContain('arn:aws:s3:::***')
    // Said, so that a reader knows what *** is: the bucket, the token and the policy made of them.
    expect(JSON.parse(report).sensitive).toBe(3)
    for (const text of [written.comment, written.summary])
      expect(text).toContain(
        '> 3 values the Terraform plan or code marks sensitive stand as `***` here and in the reports.',
      )
  })

  it('are *** in what the command line prints, in each format', async () => {
    for (const format of ['text', 'markdown', 'json', 'sarif']) {
      const cli = await runCli(
        ['check', '--workspace', workspace, '--format', format, '--fail-on', 'never'],
        workspace,
      )
      expect(cli.exitCode, format).toBe(0)
      expect(cli.stdout, format).toContain('arn:aws:s3:::***')
      for (const part of SECRET_PARTS) expect(`${cli.stdout}${cli.stderr}`, format).not.toContain(part)
      if (format === 'text')
        expect(cli.stdout).toContain('3 values the Terraform plan or code marks sensitive stand as *** here')
    }
  })

  it('are *** in the summary and the report of a run that checks nothing, whose problem quotes one', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'ipd-secrets-broken-'))
    try {
      await mkdir(join(broken, '.github'))
      await mkdir(join(broken, 'infra'))
      await writeFile(
        join(broken, '.github', 'iam-policy-drift.yml'),
        'terraform:\n  - plan: infra/plan.json\n',
      )
      // The bucket where the plan wants an action: the policy is not valid, and the problem says what it has.
      const invalid = policy.replace('"s3:GetObject"', JSON.stringify(BUCKET))
      const plan = JSON.parse(
        JSON.stringify(PLAN).replaceAll(JSON.stringify(policy), JSON.stringify(invalid)),
      )
      await writeFile(join(broken, 'infra', 'plan.json'), JSON.stringify(plan, null, 2))
      const failed = await runAction({ workspace: broken })
      expect(failed.exitCode).toBe(1)
      const lines = failed.stdout.split('\n')
      // Masked, and the problems are said with *** already: no line but the mask holds it.
      expect(lines.filter((line) => line.includes(BUCKET))[0]).toBe(`::add-mask::${BUCKET}`)
      expect(lines.filter((line) => line.includes(BUCKET) && !line.startsWith('::add-mask::'))).toEqual([])
      const report = await readFile(failed.outputs.report as string, 'utf8')
      expect(JSON.parse(report)).toMatchObject({ verdict: 'error', sensitive: 3 })
      for (const text of [report, failed.summary]) expect(text).not.toContain(BUCKET)
      expect(JSON.parse(report).problems[0].message).toContain('"***" is not an IAM action')
      expect(failed.summary).toContain('"\\*\\*\\*" is not an IAM action')
    } finally {
      await rm(broken, { recursive: true, force: true })
    }
  })
  // A pull request that takes a secret out of the code: the base revision still holds it, and a problem
  // there was quoted in the log ("Every finding counts as new: …") and the report, as the base's own
  // sensitive values were not masked.
  it("are *** in what is said of the base revision's problems", async () => {
    const repo = await mkdtemp(join(tmpdir(), 'ipd-secrets-base-'))
    const SECRET = 'Allow-k3y-9c41d'
    try {
      const role = 'resource "aws_iam_role" "app" { name = "app" }\n'
      const policy = (effect: string) =>
        'resource "aws_iam_role_policy" "app" {\n  role   = aws_iam_role.app.id\n' +
        `  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = ${effect}, Action = "s3:GetObject", Resource = "*" }] })\n}\n`
      const base = await commitFiles(repo, {
        '.github/iam-policy-drift.yml': 'terraform:\n  - root: infra\n    account: "111122223333"\n',
        'infra/main.tf':
          `variable "effect" {\n  type      = string\n  sensitive = true\n  default   = "${SECRET}"\n}\n` +
          role +
          policy('var.effect'),
      })
      await writeFile(join(repo, 'infra', 'main.tf'), role + policy('"Allow"'))
      git(repo, 'commit', '--quiet', '-am', 'head')
      const head = git(repo, 'rev-parse', 'HEAD')
      const pr = await runAction({
        workspace: repo,
        eventName: 'pull_request',
        event: pullRequestEvent(7, head, base),
        inputs: { 'fail-on': 'never' },
      })
      expect(pr.exitCode).toBe(0)
      // Masked before the line that says it (which the runner then shows with ***).
      const lines = pr.stdout.split('\n')
      const mask = lines.indexOf(`::add-mask::${SECRET}`)
      const said = lines.findIndex((line) => line.includes('Every finding counts as new'))
      expect(mask).toBeGreaterThanOrEqual(0)
      expect(said).toBeGreaterThan(mask)
      const report = await readFile(pr.outputs.report as string, 'utf8')
      for (const text of [report, pr.summary]) expect(text).not.toContain(SECRET)
      expect(JSON.parse(report).base.unavailable).toContain('"***"')
    } finally {
      await rm(repo, { recursive: true, force: true })
    }
  })
})
