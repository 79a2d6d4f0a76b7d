// The command line (dist/cli.js) as a process: the same findings as the action on the examples, each
// output format, the exit status, a broken workspace, mistakes on the command line, and --aws against
// the Access Analyzer emulator with the credentials of the environment.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AccessAnalyzerEmulator } from '../world/access-analyzer.js'
import { examplePrincipals } from '../world/example-usage.js'
import { REPO_ROOT, runAction, runCli } from '../world/runner.js'
import { sarifValidator } from '../world/sarif-schema.js'

const EXAMPLES = join(REPO_ROOT, 'examples')
const ESC = '\x1b['

interface Finding {
  kind: string
  file: string
  line: number
  column: number
  principal: string
  message: string
}
const key = (f: Finding) => `${f.principal} ${f.file}:${f.line}:${f.column} ${f.kind} ${f.message}`

describe('iam-policy-drift check', () => {
  it('writes a JSON report of megabytes whole, and stops quietly when its reader does', async () => {
    // 400 principals on one broad policy: ~5 MB of JSON, written in pieces of about a MiB.
    const workspace = await mkdtemp(join(tmpdir(), 'ipd-cli-large-'))
    await mkdir(join(workspace, '.github'))
    await writeFile(
      join(workspace, 'policy.json'),
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['s3:*', 'dynamodb:*', 'ec2:*'], Resource: '*' },
          { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
        ],
      }),
    )
    const principals = Array.from(
      { length: 400 },
      (_, i) => `  - arn: arn:aws:iam::111122223333:role/r${i}\n    policies: [policy.json]`,
    )
    await writeFile(
      join(workspace, '.github/iam-policy-drift.yml'),
      `principals:\n${principals.join('\n')}\n`,
    )
    const whole = await runCli(['check', '-f', 'json'], workspace)
    expect(whole.stdout.length).toBeGreaterThan(3 * 1024 * 1024)
    const report = JSON.parse(whole.stdout)
    expect(report.principals).toHaveLength(400)
    expect(new Set(report.findings.map((f: Finding) => f.principal)).size).toBe(400)
    expect(whole.exitCode).toBe(1)
    // `| head`: the pipe closes after the first chunk. No EPIPE stack; the status is still the verdict's.
    const cut = await runCli(['check', '-f', 'json'], workspace, {}, { readOneChunk: true })
    expect(cut.stdout.length).toBeLessThan(whole.stdout.length)
    expect({ stderr: cut.stderr, exitCode: cut.exitCode }).toEqual({ stderr: '', exitCode: 1 })
  })

  it('says why nothing was checked when the only IAM code is in a module not installed', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'ipd-cli-uninstalled-'))
    await mkdir(join(workspace, '.github'))
    await mkdir(join(workspace, 'infra'))
    await writeFile(
      join(workspace, 'infra/main.tf'),
      'module "service" {\n  source  = "terraform-aws-modules/ecs/aws//modules/service"\n  version = "5.0.0"\n}\n',
    )
    await writeFile(join(workspace, '.github/iam-policy-drift.yml'), 'terraform:\n  - root: infra\n')
    const reason =
      'No principals to check: the config lists none, and none was found in the code it names; a note says what of it was not read.'
    const cli = await runCli(['check', '-f', 'json'], workspace)
    expect({ exitCode: cli.exitCode, reason: JSON.parse(cli.stdout).reason }).toEqual({ exitCode: 0, reason })
    const action = await runAction({ workspace })
    expect(action.exitCode).toBe(0)
    expect(action.outputs.findings).toBe('0')
    expect(action.stdout).toContain(
      'module.service: its code ("terraform-aws-modules/ecs/aws//modules/service") is not in the workspace',
    )
    expect(action.summary).toContain(reason)
  })

  it('reads a template a macro transforms as written and says so; refuses a Fn::GetAtt of what it lacks', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'ipd-cli-macro-'))
    await mkdir(join(workspace, '.github'))
    await mkdir(join(workspace, 'stacks'))
    const template = (transform: string, queue: string) =>
      `${transform}Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  App:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: app\n      AssumeRolePolicyDocument: {}\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: sqs:SendMessage\n                Resource: !GetAtt ${queue}.Arn\n`
    await writeFile(
      join(workspace, '.github/iam-policy-drift.yml'),
      'cloudformation:\n  - template: stacks/app.yml\n    account: "111122223333"\n',
    )
    // The queue the Count macro makes (Queue1, Queue2 …): named, and the macro said at Transform.
    await writeFile(
      join(workspace, 'stacks/app.yml'),
      template('Transform: [AWS::Serverless-2016-10-31, Count]\n', 'Queue1'),
    )
    const macro = await runAction({ workspace })
    expect(macro.exitCode).toBe(0)
    expect(macro.stdout).toContain(
      '::notice title=iam-policy-drift,file=stacks/app.yml,line=1,col=12::Transform: Count is not run here: CloudFormation runs it when it deploys the stack, so the template is checked as written',
    )
    const report = JSON.parse(await readFile(macro.outputs.report as string, 'utf8'))
    expect(report.principals.map((p: { arn: string }) => p.arn)).toEqual([
      'arn:aws:iam::111122223333:role/app',
    ])
    // Without the macro, the same name is a typo: the run stops at its line, before anything starts.
    await writeFile(join(workspace, 'stacks/app.yml'), template('', 'Queue1'))
    const typo = await runAction({ workspace })
    expect(typo.exitCode).toBe(1)
    expect(typo.stdout).toContain(
      '::error title=iam-policy-drift%3A configuration,file=stacks/app.yml,line=15,col=27::Resources.App: Fn::GetAtt: "Queue1" is not a resource of this template; expected the logical ID of one of its resources',
    )
    expect(JSON.parse(await readFile(typo.outputs.report as string, 'utf8')).reason).toMatch(
      /^Nothing was checked: stacks\/app\.yml:15:27: Resources\.App: Fn::GetAtt: "Queue1" is not a resource/,
    )
  })

  it('leaves out what an exclusion (!) after a glob names: a template it cannot read, a policy file', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'ipd-cli-exclude-'))
    await mkdir(join(workspace, '.github'))
    await mkdir(join(workspace, 'stacks', 'rain'), { recursive: true })
    await mkdir(join(workspace, 'iam', 'drafts'), { recursive: true })
    const role = (name: string) =>
      `Resources:\n  ${name}:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: ${name}\n      AssumeRolePolicyDocument: {}\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: s3:GetObject\n                Resource: arn:aws:s3:::b/*\n`
    await writeFile(join(workspace, 'stacks/app.yml'), role('App'))
    await writeFile(
      join(workspace, 'stacks/rain/site.yml'),
      'Resources:\n  Site:\n    Type: !Rain::Module site.yml\n',
    )
    const policy = (action: string) =>
      JSON.stringify({ Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] })
    await writeFile(join(workspace, 'iam/ops.json'), policy('sqs:ListQueues'))
    await writeFile(join(workspace, 'iam/drafts/wip.json'), policy('iam:PassRole'))
    const config = (exclusions: string) =>
      writeFile(
        join(workspace, '.github/iam-policy-drift.yml'),
        `principals:\n  - arn: arn:aws:iam::111122223333:role/ops\n    policies: ["iam/**/*.json"${exclusions ? ', "!iam/drafts"' : ''}]\ncloudformation:\n  - template:\n      - "stacks/**/*.yml"\n${exclusions ? '      - "!stacks/rain/**"\n' : ''}    account: "111122223333"\n`,
      )
    await config('')
    const before = await runAction({ workspace })
    expect(before.exitCode).toBe(1)
    expect(before.stdout).toContain(
      '::error title=iam-policy-drift%3A configuration,file=.github/iam-policy-drift.yml,line=6::cloudformation: template: a template the glob matches has problems: fix it, or leave it out with an exclusion after the glob, such as "!stacks/rain/site.yml"',
    )
    await config('yes')
    const after = await runAction({ workspace, inputs: { 'fail-on': 'critical' } })
    expect(after.exitCode).toBe(0)
    const report = JSON.parse(await readFile(after.outputs.report as string, 'utf8'))
    expect(report.principals.map((p: { arn: string; files: string[] }) => `${p.arn} ${p.files}`)).toEqual([
      'arn:aws:iam::111122223333:role/ops iam/ops.json',
      'arn:aws:iam::111122223333:role/App stacks/app.yml',
    ])
    expect(report.findings.map((f: Finding) => f.kind)).not.toContain('privilege-escalation')
  })

  it('finds what the action finds on the example, as text on a pipe: no colour, no progress', async () => {
    const [cli, json, action] = await Promise.all([
      runCli(['check'], EXAMPLES),
      runCli(['check', '--format', 'json'], EXAMPLES),
      runAction({ workspace: EXAMPLES }),
    ])
    expect(cli.exitCode).toBe(1)
    expect(cli.stdout).toMatch(/^iam-policy-drift: fail — 7 findings at or above fail-on 'medium'/)
    expect(cli.stdout).toContain('  iam/reporting.json:13:18  medium   unknown-action (Results)\n')
    expect(cli.stdout).toContain('      suggested: s3:GetObject\n')
    expect(cli.stdout).not.toContain(ESC)
    expect(cli.stderr).toBe('')
    const report = JSON.parse(json.stdout)
    const actionReport = JSON.parse(await readFile(action.outputs.report as string, 'utf8'))
    expect(report.findings.map(key)).toEqual(actionReport.findings.map(key))
    expect(report.findings.length).toBe(7)
    expect([json.exitCode, report.verdict]).toEqual([1, 'fail'])
  })

  it('writes SARIF that the schema accepts, markdown as the job summary, colour when asked', async () => {
    const [sarif, markdown, colour, never] = await Promise.all([
      runCli(['check', '-f', 'sarif'], EXAMPLES),
      runCli(['check', '-f', 'markdown'], EXAMPLES),
      runCli(['check'], EXAMPLES, { FORCE_COLOR: '1' }),
      runCli(['check', '--fail-on', 'never', '--workspace', EXAMPLES], REPO_ROOT),
    ])
    const validate = sarifValidator()
    expect(validate(JSON.parse(sarif.stdout))).toBe(true)
    expect(JSON.parse(sarif.stdout).runs[0].results).toHaveLength(7)
    expect(markdown.stdout).toMatch(/^## ❌ IAM policy drift: fail\n/)
    expect(colour.stdout).toContain(`${ESC}1m`)
    expect([never.exitCode, never.stdout.split('\n')[0]]).toEqual([
      0,
      "iam-policy-drift: pass — 7 findings (2 critical, 1 high, 4 medium); fail-on 'never' fails on none.",
    ])
  })

  it('lists every problem of a broken workspace with its line, and exits 1', async () => {
    const workspace = join(REPO_ROOT, 'test', 'fixtures', 'bad-config')
    const [text, json] = await Promise.all([
      runCli(['check', '--fail-on', 'hihg'], workspace),
      runCli(['check', '-f', 'json'], workspace),
    ])
    expect(text.exitCode).toBe(1)
    expect(text.stdout.split('\n').slice(0, 4)).toEqual([
      'iam-policy-drift: error — Nothing was checked: 6 problems in the inputs, the config or the files it names.',
      '',
      '  --fail-on: "hihg" is not valid; expected one of critical, high, medium, low, never',
      '  .github/iam-policy-drift.yml:4:18: cloudtrail.lookback-days: 120 is not valid; expected a whole number from 1 to 90 (Access Analyzer reads at most 90 days of CloudTrail)',
    ])
    const report = JSON.parse(json.stdout)
    expect([json.exitCode, report.verdict, report.problems.length]).toEqual([1, 'error', 5])
  })

  it('says what is wrong with the command line, with the usage, and exits 2', async () => {
    const [unknown, format, none, help, version] = await Promise.all([
      runCli(['check', '--bogus'], EXAMPLES),
      runCli(['check', '--format', 'xml'], EXAMPLES),
      runCli([], EXAMPLES),
      runCli(['--help'], EXAMPLES),
      runCli(['--version'], EXAMPLES),
    ])
    expect([unknown.exitCode, unknown.stderr.split('\n')[0]]).toEqual([
      2,
      "iam-policy-drift: Unknown option '--bogus'.",
    ])
    expect(unknown.stderr).toContain('Usage: iam-policy-drift check [options]')
    expect([format.exitCode, format.stderr]).toEqual([
      2,
      'iam-policy-drift: --format "xml": expected one of text, markdown, json, sarif\n',
    ])
    expect([none.exitCode, none.stderr.split('\n')[0]]).toEqual([
      2,
      'iam-policy-drift: no command given; expected: check',
    ])
    expect([help.exitCode, help.stdout.split('\n')[0]]).toEqual([
      0,
      'Usage: iam-policy-drift check [options]',
    ])
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8'))
    expect([version.exitCode, version.stdout]).toEqual([0, `${pkg.version}\n`])
  })

  it('with --aws, compares with the usage IAM Access Analyzer gives, with the credentials of the environment', async () => {
    const emulator = await AccessAnalyzerEmulator.start({ principals: examplePrincipals(0) })
    try {
      const env = {
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'cli-secret-for-the-emulator',
        AWS_ENDPOINT_URL_ACCESSANALYZER: emulator.url,
        AWS_ENDPOINT_URL_IAM: emulator.url,
      }
      const run = await runCli(['check', '--aws', '--region', 'us-east-1', '-f', 'json'], EXAMPLES, env)
      const report = JSON.parse(run.stdout)
      expect(run.exitCode).toBe(1)
      expect(report.staticMode).toBeNull()
      expect(report.principals.map((p: { status: string }) => p.status)).toEqual([
        'checked',
        'checked',
        'checked',
      ])
      expect(report.findings.some((f: Finding) => f.kind === 'unused-action')).toBe(true)
      expect(emulator.requests.filter((r) => r.operation === 'StartPolicyGeneration')).toHaveLength(3)
      expect(run.stdout + run.stderr).not.toContain('cli-secret-for-the-emulator')
      // Without credentials, --aws is a clear error, not a static run.
      const bare = await runCli(['check', '--aws', '--region', 'us-east-1'], EXAMPLES)
      expect(bare.exitCode).toBe(1)
      expect(bare.stdout).toContain('--aws: no AWS credentials')
    } finally {
      await emulator.close()
    }
  })
})
