// The bundled action on a Terraform configuration: principals discovered from the plan, their usage
// from the Access Analyzer emulator (STS from moto_server, GitHub's OIDC endpoint), findings at the
// lines of the .tf files that write the policies.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { applyPatch } from 'diff'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccessAnalyzerEmulator } from '../world/access-analyzer.js'
import { terraformPrincipals } from '../world/example-usage.js'
import { GitHubApiEmulator } from '../world/github-api.js'
import { existingRole, planResource, policyJson } from '../world/plan-json.js'
import { type ActionRun, pullRequestEvent, REPO_ROOT, runAction } from '../world/runner.js'
import { type OidcServer, type Stoppable, startMoto, startOidc } from '../world/servers.js'

const ACCOUNT = '111122223333'
const REPORTING = `arn:aws:iam::${ACCOUNT}:role/reporting`
const INGEST = `arn:aws:iam::${ACCOUNT}:role/worker-ingest`
const EXPORT = `arn:aws:iam::${ACCOUNT}:role/worker-export`
const CI = `arn:aws:iam::${ACCOUNT}:user/automation/ci`
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/app-prod-deployer`
const BREAKGLASS = `arn:aws:iam::${ACCOUNT}:group/breakglass`
const SHARED = `arn:aws:iam::${ACCOUNT}:policy/ops/shared`

let moto: Stoppable
let oidc: OidcServer
let emulator: AccessAnalyzerEmulator
let run: ActionRun
let workspace: string

interface Finding {
  kind: string
  principal: string
  file: string
  line: number
  actions: string[]
  source: { kind: string; address: string } | null
}
interface Report {
  verdict: string
  principals: {
    arn: string
    status: string
    error?: { code: string; message: string }
    source: { kind: string; address: string; file: string; line: number; from: string }
    boundary: { file: string; line: number; arn: string | null } | null
  }[]
  findings: Finding[]
}
let report: Report

beforeAll(async () => {
  ;[moto, oidc] = await Promise.all([startMoto(), startOidc()])
  emulator = await AccessAnalyzerEmulator.start({
    concurrencyQuota: 2,
    principals: terraformPrincipals(0),
  })
  workspace = await mkdtemp(join(tmpdir(), 'ipd-terraform-'))
  await cp(join(REPO_ROOT, 'examples', 'terraform'), join(workspace, 'infra'), { recursive: true })
  // A group no user of this code is in (its members are added elsewhere), read from its code alone.
  await mkdir(join(workspace, 'groups'))
  await writeFile(
    join(workspace, 'groups', 'main.tf'),
    [
      'resource "aws_iam_group" "breakglass" { name = "breakglass" }',
      'resource "aws_iam_group_policy_attachment" "breakglass" {',
      '  group      = aws_iam_group.breakglass.name',
      '  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"',
      '}',
      // A managed policy no one here has (attached by hand, or by another root).
      'resource "aws_iam_policy" "shared" {',
      '  name   = "shared"',
      '  path   = "/ops/"',
      '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })',
      '}',
      '',
    ].join('\n'),
  )
  await mkdir(join(workspace, '.github'))
  await writeFile(
    join(workspace, '.github', 'iam-policy-drift.yml'),
    [
      'cloudtrail:',
      `  trail-arn: arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-trail`,
      `  access-role-arn: arn:aws:iam::${ACCOUNT}:role/service-role/AccessAnalyzerMonitorServiceRole`,
      'terraform:',
      '  - plan: infra/plan.json',
      '  - root: groups',
      `    account: "${ACCOUNT}"`,
      '',
    ].join('\n'),
  )
  run = await runAction({
    workspace,
    inputs: {
      'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/iam-policy-drift`,
      'wait-timeout': '30s',
      'sarif-file': 'out.sarif',
    },
    env: {
      ...oidc.env,
      AWS_ENDPOINT_URL_STS: moto.url,
      AWS_ENDPOINT_URL_ACCESSANALYZER: emulator.url,
      // moto's IAM serves the AWS managed policies: their current version replaces the snapshot.
      AWS_ENDPOINT_URL_IAM: moto.url,
      AWS_REGION: 'us-east-1',
    },
  })
  report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
})

afterAll(async () => {
  await Promise.all([moto?.close(), oidc?.close(), emulator?.close()])
})

const at = (f: Finding) => `${f.kind} ${f.file}:${f.line}`

describe('a Terraform plan as the policy source', () => {
  it('discovers every role and user, and gets usage for those that exist', () => {
    expect(
      run.stderr.replace(
        /\(node:\d+\) Warning: NodeVersionSupportWarning[\s\S]*?show where the warning was created\)\n/,
        '',
      ),
    ).toBe('')
    expect(report.principals.map((p) => [p.arn, p.status])).toEqual([
      [REPORTING, 'checked'],
      [CI, 'checked'],
      [DEPLOYER, 'new'],
      [INGEST, 'checked'],
      [EXPORT, 'checked'],
      [BREAKGLASS, 'static'],
      [SHARED, 'static'],
    ])
    expect(Object.keys(JSON.parse(run.outputs['job-ids'] as string)).sort()).toEqual(
      [REPORTING, CI, INGEST, EXPORT].sort(),
    )
    // The role this change creates has no usage to ask for, nor has a group (Access Analyzer generates
    // policies for roles and users): it is judged by what its policies grant, and the report says why.
    const started = emulator.calls('StartPolicyGeneration').map((c) => JSON.stringify(c.body))
    expect(started.some((b) => b.includes('deployer'))).toBe(false)
    expect(started.some((b) => b.includes('group/'))).toBe(false)
    expect(started.some((b) => b.includes(':policy/'))).toBe(false)
    expect(report.principals.find((p) => p.arn === BREAKGLASS)?.error?.code).toBe('GROUP')
    // Nor has a managed policy no one here has: its statements are judged as written.
    expect(report.principals.find((p) => p.arn === SHARED)?.error).toEqual({
      code: 'POLICY',
      message: expect.stringContaining('usage-source: auto or last-accessed'),
    })
    expect(
      report.findings.filter((f) => f.principal === SHARED).map((f) => `${f.kind} ${f.file}:${f.line}`),
    ).toEqual(['privilege-escalation groups/main.tf:9', 'wildcard-resource groups/main.tf:9'])
    expect(
      report.findings.filter((f) => f.principal === BREAKGLASS).map((f) => `${f.kind} ${f.file}:${f.line}`),
    ).toEqual(expect.arrayContaining(['wildcard-action groups/main.tf:4']))
    expect(report.principals.find((p) => p.arn === DEPLOYER)?.source).toEqual({
      kind: 'terraform',
      address: 'aws_iam_role.deployer',
      file: 'infra/main.tf',
      line: 28,
      from: 'plan',
    })
  })

  it('puts each finding on the .tf line that writes the statement, with the resource that writes it', () => {
    const reporting = report.findings.filter((f) => f.principal === REPORTING)
    // glue:* in the Glue statement of the policy document data source: its actions are on line 92.
    expect(reporting.map(at)).toEqual(
      expect.arrayContaining(['wildcard-action infra/main.tf:92', 'privilege-escalation infra/main.tf:92']),
    )
    const glue = reporting.find((f) => f.kind === 'unused-action' && f.line === 92)
    expect(glue?.source).toEqual({ kind: 'terraform', address: 'aws_iam_policy.reporting' })
    expect(glue?.actions).toContain('glue:DeleteTable')
    expect(glue?.actions).not.toContain('glue:GetTable')
    // Unused object actions of the Results statement are not observable (data events): never unused.
    expect(reporting.some((f) => f.kind === 'unused-action' && f.actions.includes('s3:DeleteObject'))).toBe(
      false,
    )
    // The AWS managed policy, on the line that attaches it, in its current version (read from IAM).
    const managed = reporting.filter((f) => f.file === 'infra/main.tf' && f.line === 109).map((f) => f.source)
    expect(managed.length).toBeGreaterThan(0)
    expect(managed[0]).toMatchObject({
      kind: 'aws-managed-policy',
      arn: 'arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess',
      address: 'aws_iam_role_policy_attachment.reporting_logs',
      document: 'current',
      version: expect.stringMatching(/^v\d+$/),
    })
    // A heredoc in a module, once per instance of the module.
    for (const worker of [INGEST, EXPORT])
      expect(report.findings.filter((f) => f.principal === worker).map(at)).toContain(
        'unused-action infra/modules/worker/main.tf:27',
      )
    // A group's policy applies to its member.
    expect(report.findings.filter((f) => f.principal === CI).map(at)).toContain(
      'privilege-escalation infra/main.tf:127',
    )
  })

  it('judges a role to be created statically, its policy built with the unknown bucket ARN as a placeholder', () => {
    const deployer = report.findings.filter((f) => f.principal === DEPLOYER)
    expect(deployer.map(at)).toEqual(
      expect.arrayContaining(['wildcard-action infra/main.tf:50', 'privilege-escalation infra/main.tf:50']),
    )
    expect(deployer.every((f) => !['unused-action', 'would-break'].includes(f.kind))).toBe(true)
    // The boundary (file() of policies/boundary.json) allows lambda, s3 and logs only.
    expect(deployer.flatMap((f) => f.actions).every((a) => /^(lambda|s3|logs):/.test(a))).toBe(true)
    // The report and the summary say it is there, and where: it is why the rest is not reported.
    expect(report.principals.find((p) => p.arn === DEPLOYER)?.boundary).toEqual({
      file: 'infra/policies/boundary.json',
      line: 4,
      arn: `arn:aws:iam::${ACCOUNT}:policy/app-prod-boundary`,
    })
    expect(run.summary).toContain('boundary: `policy/app-prod-boundary (infra/policies/boundary.json:4)`')
  })

  it('writes SARIF results at the .tf files and a summary that links to their lines', async () => {
    const sarif = JSON.parse(await readFile(join(workspace, 'out.sarif'), 'utf8'))
    const locations = sarif.runs[0].results.map(
      (r: {
        locations: {
          physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }
        }[]
      }) =>
        `${r.locations[0]?.physicalLocation.artifactLocation.uri}:${r.locations[0]?.physicalLocation.region.startLine}`,
    )
    expect(locations).toContain('infra/main.tf:92')
    expect(locations).toContain('infra/modules/worker/main.tf:27')
    expect(run.summary).toContain('/infra/main.tf#L92')
    expect(run.summary).toContain('🆕 new: static checks only')
    expect(report.verdict).toBe('fail')
    // A policy written inside a .tf file is suggested as an edit of that file, one diff per file for
    // every policy in it, which applies to the file as it is.
    type Suggestion = {
      file: string
      diff: string | null
      text: string
      source: { address: string } | null
      addresses?: string[]
      line: number
    }
    const suggestions = (report as unknown as { suggestions: Suggestion[] }).suggestions
    expect(suggestions.map((s) => [s.file, s.diff !== null, s.addresses])).toEqual([
      ['infra/main.tf', true, ['aws_iam_policy.reporting', 'aws_iam_group_policy.operators']],
      [
        'infra/modules/worker/main.tf',
        true,
        [
          'module.worker["ingest"].aws_iam_role_policy.this',
          'module.worker["export"].aws_iam_role_policy.this',
        ],
      ],
    ])
    for (const s of suggestions) {
      const original = await readFile(join(workspace, s.file), 'utf8')
      expect(applyPatch(original, s.diff ?? '')).toBe(s.text)
      // Next to the report: the edited file under its own name, and its diff.
      const written = join(dirname(run.outputs.report as string), 'suggested', s.file)
      expect(await readFile(written, 'utf8')).toBe(s.text)
      expect(await readFile(`${written}.diff`, 'utf8')).toBe(s.diff)
    }
    const main = suggestions[0]?.diff ?? ''
    // glue:* narrowed to what was used, where it is written; what the user used but no policy grants
    // added to the group's policy, on the line its statements are written on.
    expect(main).toContain('-    actions   = ["glue:*"]\n+    actions   = ["glue:GetTable"]\n')
    expect(main).toContain(
      '+    Statement = [{ Sid = "Passing", Effect = "Allow", Action = "iam:PassRole", Resource = "*" }, { Sid = "IamPolicyDriftUsedNotGranted", Effect = "Allow", Action = "sts:GetCallerIdentity", Resource = "*" }]\n',
    )
    expect(suggestions[1]?.diff).toContain('+          "Action": ["sqs:')
    expect(run.summary).toContain(
      'Suggested least-privilege <code>infra/main.tf</code>: <code>aws_iam_policy.reporting</code>, <code>aws_iam_group_policy.operators</code>',
    )
  })
})

describe('the same configuration without its plan', () => {
  /** The bundled action in static mode on the example, with the given terraform: entry. */
  async function staticRun(entry: string, withPlan: boolean): Promise<{ report: Report; run: ActionRun }> {
    const root = await mkdtemp(join(tmpdir(), 'ipd-terraform-code-'))
    await cp(join(REPO_ROOT, 'examples', 'terraform'), join(root, 'infra'), { recursive: true })
    if (!withPlan) await rm(join(root, 'infra', 'plan.json'))
    await mkdir(join(root, '.github'))
    await writeFile(join(root, '.github', 'iam-policy-drift.yml'), `terraform:\n${entry}\n`)
    const result = await runAction({ workspace: root, inputs: { 'fail-on': 'never' } })
    return { run: result, report: JSON.parse(await readFile(result.outputs.report as string, 'utf8')) }
  }
  const key = (f: Finding & { principal: string }) =>
    `${f.principal} ${f.kind} ${f.file}:${f.line} ${f.actions.join(',')}`

  it('gives the same static findings from the .tf files alone, and says the principals came from code', async () => {
    const [fromPlan, fromCode] = await Promise.all([
      staticRun('  - plan: infra/plan.json', true),
      staticRun('  - root: infra\n    account: "111122223333"', false),
    ])
    expect(fromCode.run.exitCode).toBe(0)
    expect(fromCode.report.findings.length).toBeGreaterThan(5)
    expect(fromCode.report.findings.map(key).sort()).toEqual(fromPlan.report.findings.map(key).sort())
    expect(fromCode.report.principals.map((p) => p.source.from)).toEqual(Array(5).fill('code'))
    expect(fromPlan.report.principals.map((p) => p.source.from)).toEqual(Array(5).fill('plan'))
    // Without a plan nothing says the deployer is new: its ARN is known, so it would be asked for usage.
    expect(fromCode.report.principals.find((p) => p.arn === DEPLOYER)?.status).toBe('static')
  })

  /** A workspace of `main.tf` files by root, with a config naming those roots in account 111122223333. */
  async function roots(files: Record<string, string[]>): Promise<string> {
    const root = await mkdtemp(join(tmpdir(), 'ipd-terraform-unread-'))
    await mkdir(join(root, '.github'))
    for (const [dir, lines] of Object.entries(files)) {
      await mkdir(join(root, dir))
      await writeFile(join(root, dir, 'main.tf'), `${lines.join('\n')}\n`)
    }
    const names = Object.keys(files).join(', ')
    await writeFile(
      join(root, '.github', 'iam-policy-drift.yml'),
      `terraform:\n  - root: [${names}]\n    account: "111122223333"\n`,
    )
    return root
  }

  it('says which modules a policy no one here has is given to, before `terraform init` installed them', async () => {
    // Two roots make the same policy (one ARN: one principal), each handing it to a module of its own.
    const given = (call: string) => [
      'resource "aws_iam_policy" "kubecost" {',
      '  name   = "kubecost"',
      '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "athena:*", Resource = "*" }] })',
      '}',
      `module "${call}" {`,
      '  source           = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks"',
      '  role_policy_arns = { kubecost = aws_iam_policy.kubecost.arn }',
      '}',
    ]
    const root = await roots({ infra: given('kubecost_irsa'), staging: given('kubecost_pod_identity') })
    const run = await runAction({ workspace: root, inputs: { 'fail-on': 'never' } })
    expect(run.exitCode).toBe(0)
    const report: Report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    const said =
      'no role, user or group in the code read here has this managed policy; module.kubecost_irsa (infra/main.tf:5), ' +
      'module.kubecost_pod_identity (staging/main.tf:5) are given its ARN, but their code is not in the workspace ' +
      '(`terraform init` installs it): its statements are checked as written'
    expect(report.principals.map((p) => [p.arn, p.error?.message])).toEqual([
      ['arn:aws:iam::111122223333:policy/kubecost', said],
    ])
    expect(run.summary).toContain('module.kubecost_irsa (infra/main.tf:5), module.kubecost_pod_identity')
  })

  it('checks a policy document the code gives to a module `terraform init` has not installed, at its line', async () => {
    const root = await roots({
      infra: [
        'data "aws_iam_policy_document" "worker" {',
        '  statement {',
        '    actions   = ["iam:PassRole"]',
        '    resources = ["*"]',
        '  }',
        '}',
        'module "worker" {',
        '  source      = "terraform-aws-modules/lambda/aws"',
        '  policy_json = data.aws_iam_policy_document.worker.json',
        '}',
      ],
    })
    const run = await runAction({ workspace: root, inputs: { 'fail-on': 'high' } })
    // iam:PassRole on "*" is critical: the document's own statement fails the run.
    expect(run.exitCode).toBe(1)
    const report: Report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    const arn = 'arn:aws:iam::111122223333:policy/${module.worker.policy_json}'
    expect(report.principals.map((p) => [p.arn, p.error?.message])).toEqual([
      [
        arn,
        'a policy document the code gives to module.worker (infra/main.tf:7), whose code is not in the workspace ' +
          '(`terraform init` installs it), which makes the role or policy that has it: its statements are checked as written',
      ],
    ])
    expect(report.findings.map((f) => [f.kind, f.file, f.line])).toEqual([
      ['privilege-escalation', 'infra/main.tf', 3],
      ['wildcard-resource', 'infra/main.tf', 4],
    ])
    expect(run.stdout).toContain(
      '::error title=privilege-escalation (critical)%3A policy/${module.worker.policy_json},file=infra/main.tf,line=3,',
    )
  })
})

// test/fixtures/terraform/iam-vulnerable (MIT): a policy scoped to `policy/fn2-*` is named `fn2-…` itself.
describe("a principal that may rewrite its own policy (Bishop Fox's iam-vulnerable)", () => {
  it('is critical escalation on the line of the statement; AWS managed policies, a denied iam:* and expired access are not', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ipd-terraform-own-'))
    await cp(join(REPO_ROOT, 'test', 'fixtures', 'terraform', 'iam-vulnerable'), join(root, 'iam'), {
      recursive: true,
    })
    await mkdir(join(root, '.github'))
    await writeFile(
      join(root, '.github', 'iam-policy-drift.yml'),
      `terraform:\n  - root: iam\n    account: "${ACCOUNT}"\n`,
    )
    const result = await runAction({ workspace: root, inputs: { 'fail-on': 'critical' } })
    const own: Report = JSON.parse(await readFile(result.outputs.report as string, 'utf8'))
    expect(own.principals.map((p) => p.arn).sort()).toEqual(
      [
        'fn2-exploitableResourceConstraint',
        'fp1-allow-and-deny',
        'fp4-nonExploitableResourceConstraint',
        'fp5-nonExploitableConditionConstraint',
      ]
        .flatMap((name) => [
          `arn:aws:iam::${ACCOUNT}:role/${name}-role`,
          `arn:aws:iam::${ACCOUNT}:user/${name}-user`,
        ])
        .sort(),
    )
    const escalation = own.findings.filter((f) => f.kind === 'privilege-escalation')
    expect(escalation.map((f) => [f.principal, f.file, f.line, f.actions])).toEqual([
      [
        `arn:aws:iam::${ACCOUNT}:role/fn2-exploitableResourceConstraint-role`,
        'iam/fn2-ExploitableResourceConstraint.tf',
        12,
        ['iam:CreatePolicyVersion'],
      ],
      [
        `arn:aws:iam::${ACCOUNT}:user/fn2-exploitableResourceConstraint-user`,
        'iam/fn2-ExploitableResourceConstraint.tf',
        12,
        ['iam:CreatePolicyVersion'],
      ],
    ])
    // fp5's access ran out in 2020: it grants nothing, and says so at its condition block.
    expect(
      own.findings.filter((f) => f.principal.includes('fp5')).map((f) => [f.kind, f.file, f.line]),
    ).toEqual([
      ['ineffective-grant', 'iam/fp5-NonExploitableConditionConstraint.tf', 15],
      ['ineffective-grant', 'iam/fp5-NonExploitableConditionConstraint.tf', 15],
    ])
    expect(result.exitCode).toBe(1)
    // One policy attached to a role and a user: one annotation at its line that names both.
    expect(
      result.commands
        .filter((c) => c.command === 'error' && c.properties.file)
        .map((c) => `${c.properties.file}:${c.properties.line} ${c.properties.title}`),
    ).toEqual([
      'iam/fn2-ExploitableResourceConstraint.tf:12 privilege-escalation (critical): role/fn2-exploitableResourceConstraint-role, user/fn2-exploitableResourceConstraint-user',
    ])
    expect(result.stdout).toContain(
      `which names one of its own policies (arn:aws:iam::${ACCOUNT}:policy/fn2-exploitableResourceConstraint)`,
    )
    await rm(root, { recursive: true, force: true })
  })
})

describe('a plan that destroys a role', () => {
  // The pull request that takes a role of "*" away is the fix: the plan's prior_state still holds the
  // role, which was checked as if it stayed, and failed the run.
  it('checks what stays, passes, and says what the plan destroys is not checked', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ipd-terraform-destroy-'))
    const policy = policyJson
    const resource = planResource
    const role = (name: string) => existingRole(ACCOUNT, name)
    const kept = [
      resource('aws_iam_role.reader', role('reader')),
      resource('aws_iam_role_policy.reader', {
        role: 'reader',
        name: 'read',
        policy: policy('sts:GetCallerIdentity'),
      }),
    ]
    const gone = [
      resource('aws_iam_role.admin', role('admin')),
      resource('aws_iam_role_policy.admin', { role: 'admin', name: 'all', policy: policy('*') }),
    ]
    const change = (r: (typeof kept)[number], actions: string[]) => ({
      ...r,
      values: undefined,
      change: {
        actions,
        before: r.values,
        after: actions[0] === 'delete' ? null : r.values,
        after_unknown: {},
      },
    })
    await mkdir(join(root, 'infra'), { recursive: true })
    await writeFile(
      join(root, 'infra', 'plan.json'),
      JSON.stringify(
        {
          format_version: '1.2',
          terraform_version: '1.9.5',
          planned_values: { root_module: { resources: kept } },
          resource_changes: [
            ...kept.map((r) => change(r, ['no-op'])),
            ...gone.map((r) => change(r, ['delete'])),
          ],
          prior_state: { format_version: '1.0', values: { root_module: { resources: [...kept, ...gone] } } },
          configuration: { root_module: {} },
        },
        null,
        2,
      ),
    )
    await mkdir(join(root, '.github'))
    await writeFile(join(root, '.github', 'iam-policy-drift.yml'), 'terraform:\n  - plan: infra/plan.json\n')
    const result = await runAction({ workspace: root })
    const report: Report = JSON.parse(await readFile(result.outputs.report as string, 'utf8'))
    expect(report.principals.map((p) => p.arn)).toEqual([`arn:aws:iam::${ACCOUNT}:role/reader`])
    expect(report.findings).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(
      result.commands.filter((c) => c.command === 'notice' && c.properties.file === 'infra/plan.json'),
    ).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^this plan destroys or stops managing 2 IAM resources \(aws_iam_role\.admin, aws_iam_role_policy\.admin\)/,
        ),
      }),
    ])
    await rm(root, { recursive: true, force: true })
  })
})

describe('a pull request on a Terraform configuration', () => {
  it('gets one sticky comment with findings linked to the .tf lines at its head and the suggestions as diffs', async () => {
    const github = await GitHubApiEmulator.start()
    const aa = await AccessAnalyzerEmulator.start({ concurrencyQuota: 2, principals: terraformPrincipals(0) })
    try {
      const head = 'feed'.repeat(10)
      const pr = await runAction({
        workspace,
        eventName: 'pull_request',
        event: pullRequestEvent(7, head, 'base'.repeat(10)),
        inputs: {
          'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/iam-policy-drift`,
          'github-token': 'ghs_test',
        },
        env: {
          ...oidc.env,
          AWS_ENDPOINT_URL_STS: moto.url,
          AWS_ENDPOINT_URL_ACCESSANALYZER: aa.url,
          AWS_ENDPOINT_URL_IAM: moto.url,
          AWS_REGION: 'us-east-1',
          GITHUB_API_URL: github.url,
        },
      })
      expect(pr.exitCode).toBe(1)
      const [comment, ...more] = github.commentsOn(7)
      expect(more).toEqual([])
      expect(comment?.body).toContain(
        `[L92](https://github.com/octo-org/infra/blob/${head}/infra/main.tf#L92)`,
      )
      expect(comment?.body).toContain(
        `[L27](https://github.com/octo-org/infra/blob/${head}/infra/modules/worker/main.tf#L27)`,
      )
      expect(comment?.body).toContain(
        '<details><summary>Suggested least-privilege <code>infra/main.tf</code>: <code>aws_iam_policy.reporting</code>',
      )
      expect(comment?.body).toContain('+    actions   = ["glue:GetTable"]')
    } finally {
      await Promise.all([github.close(), aa.close()])
    }
  })
})
