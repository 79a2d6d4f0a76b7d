// Hostile input through the bundled action, as a pull request would bring it: mutated policy files and
// configs, thousands of nested brackets, an alias bomb. Each run ends in a verdict or in a clean error
// that names a file, with a report written; never in "failed unexpectedly".
import { cp, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT, runAction } from '../world/runner.js'

const EXAMPLES = join(REPO_ROOT, 'examples')
const CONFIG = '.github/iam-policy-drift.yml'
const POLICY = 'iam/app-deployer/main.json'
/** Stage artifacts of a hostile cloud assembly, each naming the assembly's own directory. */
const SELF = ['Self0', 'Self1', 'Self2', 'Self3', 'Self4', 'Self5']

function generator(seed: number) {
  let state = seed
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return Math.floor((state / 2 ** 31) * n)
  }
}

const PIECES = ['['.repeat(4000), '{"a":'.repeat(2000), '\t', '"', '*&x [*x, *x]', ']]]', '\u0000', ': - :']

function mutate(text: string, int: (n: number) => number): string {
  const at = int(text.length + 1)
  switch (int(3)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + int(30))
    case 1:
      return text.slice(0, at) + (PIECES[int(PIECES.length)] as string) + text.slice(at)
    default:
      return text.slice(0, at)
  }
}

async function workspaceWith(file: string, text: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ipd-hostile-'))
  await cp(EXAMPLES, root, { recursive: true })
  await writeFile(join(root, file), text)
  return root
}

describe('hostile input through the bundled action', () => {
  it('matches exclude-principals: and ignore: patterns without backtracking through their stars', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ipd-hostile-'))
    await mkdir(join(root, '.github'))
    await mkdir(join(root, 'iam'))
    await writeFile(
      join(root, 'iam/app.json'),
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
    )
    // As RegExps, fourteen `*a` against a role name of 64 a's held the run for hours.
    const name = 'a'.repeat(64)
    const stars = '*a'.repeat(14)
    await writeFile(
      join(root, CONFIG),
      [
        'principals:',
        `  - arn: arn:aws:iam::111122223333:role/${name}`,
        '    policies: [iam/app.json]',
        `exclude-principals: ["arn:aws:iam::*:role/${stars}*b"]`,
        'ignore:',
        `  - { action: "s3:${stars}*b", reason: never matches }`,
        '',
      ].join('\n'),
    )
    const run = await runAction({ workspace: root, inputs: { 'fail-on': 'never' } })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain(
      `exclude-principals: "arn:aws:iam::*:role/${stars}*b" matches none of the 1 principal(s) found`,
    )
    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    expect(report.accepted).toEqual([])
    expect(report.findings.map((f: { kind: string }) => f.kind)).toContain('wildcard-action')
  }, 60_000)

  it('reads an unknown action of thousands of words, and many on thousands of resources, in one pass', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ipd-hostile-'))
    await mkdir(join(root, '.github'))
    await mkdir(join(root, 'iam'))
    // Each "Vector" spells part of the prefix, so each was a name to try without it: 20,000 tries as long
    // as the name held a run for minutes. And each unknown action was tried on each resource's service.
    const long = `s3vectors:Create${'VectorAb'.repeat(20_000)}`
    const unknown = Array.from({ length: 2_000 }, (_, i) => `kinesis:PutRecordBunch${i}`)
    const resources = Array.from({ length: 2_000 }, (_, i) => `arn:aws:firehose:*:*:deliverystream/s${i}`)
    await writeFile(
      join(root, 'iam/app.json'),
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: long, Resource: '*' },
          { Effect: 'Allow', Action: unknown, Resource: resources },
        ],
      }),
    )
    await writeFile(
      join(root, CONFIG),
      'principals:\n  - arn: arn:aws:iam::111122223333:role/app\n    policies: [iam/app.json]\n',
    )
    const run = await runAction({ workspace: root, inputs: { 'fail-on': 'never' } })
    expect(run.exitCode).toBe(0)
    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    const kinds = report.findings.map((f: { kind: string }) => f.kind)
    expect(kinds.filter((k: string) => k === 'unknown-action')).toHaveLength(2_001)
  }, 60_000)

  it('refuses a config whose principals hold more statements than one run checks, before reading usage', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ipd-hostile-'))
    await mkdir(join(root, '.github'))
    await mkdir(join(root, 'iam'))
    const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }
    await writeFile(
      join(root, 'iam/all.json'),
      JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 10_000 }, () => statement) }),
    )
    // 501 principals each given the same 10,000 statements: 5,010,000 to check.
    const entries = Array.from(
      { length: 501 },
      (_, i) => `  - arn: arn:aws:iam::111122223333:role/r${i}\n    policies: [iam/all.json]`,
    )
    await writeFile(join(root, CONFIG), `principals:\n${entries.join('\n')}\n`)
    const run = await runAction({ workspace: root })
    expect(run.stdout).not.toMatch(/failed unexpectedly/)
    expect(run.exitCode).toBe(1)
    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    expect(report.verdict).toBe('error')
    expect(report.problems).toEqual([
      {
        file: CONFIG,
        line: 1,
        message:
          'the 501 principals hold 5,010,000 statements in all, more than one run checks (5,000,000): a glob that ' +
          'names every file for each principal? Else check them in parts, with shard: K/N over a matrix',
      },
    ])
  }, 60_000)

  it('refuses Terraform whose for expressions multiply to millions of values: the policy unresolved, no crash', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ipd-hostile-'))
    await mkdir(join(root, '.github'))
    await writeFile(join(root, CONFIG), 'terraform:\n  - root: .\n')
    await writeFile(
      join(root, 'main.tf'),
      [
        // Four million pairs: before, the runner's memory ran out.
        'locals {',
        '  pairs = flatten([for i in range(2000) : [for j in range(2000) : [i, j]]])',
        '}',
        'resource "aws_iam_role" "app" {',
        '  name               = "app"',
        '  assume_role_policy = "{}"',
        '}',
        'resource "aws_iam_role_policy" "app" {',
        '  role   = aws_iam_role.app.id',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/${length(local.pairs)}" }] })',
        '}',
        '',
      ].join('\n'),
    )
    const run = await runAction({ workspace: root, env: { NODE_OPTIONS: '--max-old-space-size=512' } })
    expect(run.stdout).not.toMatch(/failed unexpectedly/)
    expect(run.exitCode).toBe(0)
    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    expect(report.findings.map((f: { kind: string; line: number }) => `${f.kind} main.tf:${f.line}`)).toEqual(
      ['unresolved-policy main.tf:10'],
    )
    expect(report.findings[0].message).toMatch(
      /more values than one reading of the code makes here \(2,000,000\)/,
    )
  }, 60_000)

  it('reads a plan whose sensitive values nest 200,000 deep, and masks what they hold, without a crash', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ipd-hostile-'))
    await mkdir(join(root, '.github'))
    await writeFile(join(root, CONFIG), 'terraform:\n  - plan: plan.json\n')
    const depth = 200_000
    const deep = `${'['.repeat(depth)}"deep-secret-7f3a"${']'.repeat(depth)}`
    const marks = `${'['.repeat(depth)}true${']'.repeat(depth)}`
    const policy = JSON.stringify(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::deep-secret-7f3a' }],
      }),
    )
    await writeFile(
      join(root, 'plan.json'),
      `{"format_version": "1.2", "variables": {"v": {"value": ${deep}}}, "configuration": {"root_module": {"variables": {"v": {"sensitive": true}}}}, ` +
        `"planned_values": {"root_module": {"resources": [{"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r", "values": {"name": "r", "tags": ${deep}, "inline_policy": [{"name": "p", "policy": ${policy}}]}, "sensitive_values": {"tags": ${marks}}}]}}}`,
    )
    const run = await runAction({ workspace: root, inputs: { 'fail-on': 'never' } })
    expect(run.stdout).not.toMatch(/failed unexpectedly/)
    expect(run.exitCode).toBe(0)
    const report = await readFile(run.outputs.report as string, 'utf8')
    expect(JSON.parse(report)).toMatchObject({ verdict: 'pass', sensitive: 1 })
    // The finding stays; what the plan marks stands as ***.
    expect(report).toContain('arn:aws:s3:::***')
    expect(report).not.toContain('deep-secret-7f3a')
  }, 60_000)

  it('ends every one of 24 runs in a verdict or a clean error with a report', async () => {
    const int = generator(17)
    const config = await readFile(join(EXAMPLES, CONFIG), 'utf8')
    const policy = await readFile(join(EXAMPLES, POLICY), 'utf8')
    const cases: [string, string][] = [
      [POLICY, `{"Version": "2012-10-17", "Statement": ${'['.repeat(20_000)}`],
      [CONFIG, `principals: ${'['.repeat(20_000)}\n`],
      [
        CONFIG,
        `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 10 }, (_, i) => `${'bcdefghijk'[i]}: &${'bcdefghijk'[i]} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]`).join('\n')}\nprincipals: *k\n`,
      ],
      ...Array.from({ length: 21 }, (_, i): [string, string] =>
        i % 2 === 0 ? [POLICY, mutate(policy, int)] : [CONFIG, mutate(config, int)],
      ),
    ]
    const outcomes: string[] = []
    for (let i = 0; i < cases.length; i += 6) {
      const batch = cases.slice(i, i + 6)
      const runs = await Promise.all(
        batch.map(async ([file, text]) => runAction({ workspace: await workspaceWith(file, text) })),
      )
      for (const [j, run] of runs.entries()) {
        const where = `case ${i + j} (${batch[j]?.[0]})`
        expect({ where, crashed: /failed unexpectedly/.test(run.stdout) }).toEqual({ where, crashed: false })
        expect({ where, exit: [0, 1].includes(run.exitCode ?? -1) }).toEqual({ where, exit: true })
        const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
        if (report.verdict === 'error')
          for (const p of report.problems)
            expect({ where, named: typeof p.file === 'string' }).toEqual({ where, named: true })
        outcomes.push(report.verdict)
      }
    }
    expect(outcomes.filter((v) => v === 'error').length).toBeGreaterThanOrEqual(3)
  }, 120_000)

  it('follows no symlink out of the workspace through a glob, and names nothing beyond one', async () => {
    // A pull request adds links to the runner's disk where the config's globs walk: `**` used to list
    // the whole disk through them and name each file it matched there in the problems.
    const root = await workspaceWith(
      CONFIG,
      [
        'principals:',
        '  - arn: arn:aws:iam::111122223333:role/app-deployer',
        '    policies: ["iam/**/*.json"]',
        'terraform:',
        '  - root: "envs/**"',
        '    account: "111122223333"',
        'cloudformation:',
        '  - template: "stacks/**/*.yml"',
        '',
      ].join('\n'),
    )
    for (const dir of ['iam', 'envs/prod', 'stacks']) {
      await mkdir(join(root, dir), { recursive: true })
      await symlink('/', join(root, dir, 'disk'))
    }
    const run = await runAction({ workspace: root })
    expect(run.stdout).not.toMatch(/failed unexpectedly/)
    expect(run.exitCode).toBe(1)
    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    expect(report.verdict).toBe('error')
    const out = (key: string, path: string) =>
      `${key}: "${path}" is a symlink that leads outside the workspace; it is not read`
    expect(report.problems.map((p: { message: string }) => p.message)).toEqual([
      out('policies', 'iam/disk'),
      out('terraform: root', 'envs/prod/disk'),
      out('cloudformation: template', 'stacks/disk'),
    ])
  })

  it('matches globs a pull request piles stars into in one pass, and says which globs are too large', async () => {
    // picomatch made each glob a RegExp: the first two backtracked without end on the names below, the
    // third was too large to compile and the fourth longer than it takes, both thrown out of the run.
    const root = await workspaceWith(
      CONFIG,
      [
        'principals:',
        '  - arn: arn:aws:iam::111122223333:role/app-deployer',
        `    policies: ["iam/${'*a'.repeat(12)}*b", "${'**/a*/'.repeat(12)}b"]`,
        'terraform:',
        `  - root: ["${'**/{a,b}/'.repeat(120)}", "!${'x*/'.repeat(400)}"]`,
        '',
      ].join('\n'),
    )
    await mkdir(join(root, 'iam', ...Array.from({ length: 60 }, () => 'aaaa')), { recursive: true })
    await writeFile(join(root, 'iam', 'a'.repeat(250)), '{}')
    const run = await runAction({ workspace: root })
    expect(run.stdout).not.toMatch(/failed unexpectedly/)
    expect(run.exitCode).toBe(1)
    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    expect(report.problems.map((p: { message: string }) => p.message.replace(/"\S*/, 'GLOB'))).toEqual([
      'policies: GLOB matches no file in the workspace',
      'policies: GLOB matches no file in the workspace',
      'terraform: root: GLOB is not a glob this action takes: 1,080 characters long; expected a glob of at most 1,024',
      'terraform: root: GLOB is not a glob this action takes: 1,200 characters long; expected a glob of at most 1,024',
    ])
  })

  it('names paths no file can be at, a CDK manifest pointing at them, and a policy file of 5 MiB', async () => {
    // Each of these made a file system call throw (ENOTDIR, ENAMETOOLONG, ERR_INVALID_ARG_VALUE, ELOOP,
    // EISDIR), and the run fail unexpectedly, where a missing file was a clean error.
    const paths = [`${POLICY}/x.json`, `iam/${'x'.repeat(300)}.json`, 'iam/\u0000.json', 'loop/x.json']
    const root = await workspaceWith(
      CONFIG,
      [
        'principals:',
        '  - arn: arn:aws:iam::111122223333:role/app-deployer',
        `    policies: [${paths.map((p) => `"${p}"`).join(', ')}, iam/huge.json]`,
        'terraform:',
        ...paths.flatMap((p) => [`  - plan: "${p}"`, `  - root: "${p}"`]),
        'cloudformation:',
        ...paths.flatMap((p) => [`  - template: "${p}"`, `  - cdk-out: "${p}"`]),
        '  - cdk-out: cdk.out',
        '',
      ].join('\n'),
    )
    await symlink('loop', join(root, 'loop'))
    await writeFile(join(root, 'iam/huge.json'), `{"Statement":[],"Pad":"${' '.repeat(5 * 1024 * 1024)}"}`)
    await mkdir(join(root, 'cdk.out'))
    await writeFile(
      join(root, 'cdk.out/manifest.json'),
      JSON.stringify({
        version: '36.0.0',
        artifacts: {
          Through: { type: 'aws:cloudformation:stack', properties: { templateFile: `../${POLICY}/x.json` } },
          Here: { type: 'aws:cloudformation:stack', properties: { templateFile: '.' } },
          // Stages naming the assembly itself: each followed to the nesting limit, 6 ** 8 readings.
          ...Object.fromEntries(
            SELF.map((id) => [id, { type: 'cdk:cloud-assembly', properties: { directoryName: '.' } }]),
          ),
        },
      }),
    )
    const run = await runAction({ workspace: root })
    expect(run.stdout).not.toMatch(/failed unexpectedly/)
    expect(run.exitCode).toBe(1)
    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    expect(report.verdict).toBe('error')
    const problems: { file: string; line: number; message: string }[] = report.problems
    // Each where it is written: the config's line, the file refused, the manifest.
    expect(problems.map((p) => `${p.file}:${p.line}`).sort()).toEqual(
      [
        ...paths.map(() => `${CONFIG}:3`),
        'iam/huge.json:1',
        ...paths.flatMap((_, i) => [`${CONFIG}:${5 + 2 * i}`, `${CONFIG}:${6 + 2 * i}`]),
        ...paths.flatMap((_, i) => [`${CONFIG}:${14 + 2 * i}`, `${CONFIG}:${15 + 2 * i}`]),
        'cdk.out/manifest.json:1',
        'cdk.out/manifest.json:1',
        ...SELF.map(() => 'cdk.out/manifest.json:1'),
      ].sort(),
    )
    const about = (file: string) => problems.filter((p) => p.file === file).map((p) => p.message)
    expect(about('iam/huge.json')).toEqual(['larger than 4 MiB; not read (IAM takes policies of a few KiB)'])
    expect(about('cdk.out/manifest.json')).toEqual([
      // Out of the assembly as written, and said so without looking there.
      `artifacts.Through: "../${POLICY}/x.json" leads out of the assembly; not read`,
      'artifacts.Here: its templateFile "." is not a file',
      ...SELF.map(
        (id) =>
          `artifacts.${id}: its directoryName "." is an assembly read already (a stage cannot hold itself); not read again`,
      ),
    ])
  }, 60_000)
  it('finds the roles a template names, by name and by import, thousands of them, without a search for each', async () => {
    // 11,000 roles, each exported by a name made with the stack's (not known here), and 11,000 policies
    // that name one by its name and one by an import no export fits: searched for name by name and export
    // by export, it held the run for over a minute.
    const n = 11_000
    const lines = ['Resources:']
    for (let i = 0; i < n; i++)
      lines.push(`  R${i}:`, '    Type: AWS::IAM::Role', '    Properties: { AssumeRolePolicyDocument: {} }')
    for (let i = 0; i < n; i++)
      lines.push(
        `  P${i}:`,
        '    Type: AWS::IAM::Policy',
        '    Properties:',
        `      PolicyName: p${i}`,
        `      Roles: [!ImportValue elsewhere-${i}, !Ref R${i}]`,
        '      PolicyDocument: { Statement: [{ Effect: Allow, Action: "s3:*", Resource: "*" }] }',
      )
    lines.push('Outputs:')
    for (let i = 0; i < n; i++)
      lines.push(`  O${i}:`, `    Value: !Ref R${i}`, `    Export: { Name: !Sub "\${AWS::StackName}-r${i}" }`)
    const root = await mkdtemp(join(tmpdir(), 'ipd-hostile-'))
    await mkdir(join(root, '.github'))
    await writeFile(join(root, 'many.yml'), `${lines.join('\n')}\n`)
    await writeFile(join(root, CONFIG), 'cloudformation:\n  - template: many.yml\n')
    const run = await runAction({ workspace: root, inputs: { 'fail-on': 'never' } })
    expect(run.exitCode, run.stdout).toBe(0)
    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    const arns: string[] = report.principals.map((p: { arn: string }) => p.arn)
    // Each role, with its policy's wildcard; each import a role of its own, as no export fits it.
    expect(arns.filter((arn) => arn.includes('${ImportValue:elsewhere-'))).toHaveLength(n)
    expect(arns.filter((arn) => /role\/\$\{R\d+\}$/.test(arn))).toHaveLength(n)
    const wildcards = report.findings.filter((f: { kind: string }) => f.kind === 'wildcard-action')
    expect(wildcards).toHaveLength(2 * n)
  }, 40_000)
  it('tells thousands of boundaries a template names from the managed policies it defines, without a search for each', async () => {
    // 10,000 managed policies no role has, and a role whose 10,000 statements each name a permissions
    // boundary (none of them those policies), in a template without a comment: each policy compared with
    // each condition, and each value's end looked for in the rest of the file, held the run for 35 s.
    const n = 10_000
    const lines = ['Resources:']
    for (let i = 0; i < n; i++)
      lines.push(
        `  M${i}:`,
        '    Type: AWS::IAM::ManagedPolicy',
        `    Properties: { ManagedPolicyName: m${i}, PolicyDocument: { Statement: [{ Effect: Allow, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] } }`,
      )
    lines.push(
      '  Admin:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument: {}',
      '      Policies:',
      '        - PolicyName: delegate',
      '          PolicyDocument:',
      '            Statement:',
    )
    for (let i = 0; i < n; i++)
      lines.push(
        '              - Effect: Allow',
        '                Action: iam:CreateRole',
        '                Resource: "*"',
        `                Condition: { StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/b${i}" } }`,
      )
    const root = await mkdtemp(join(tmpdir(), 'ipd-hostile-'))
    await mkdir(join(root, '.github'))
    await writeFile(join(root, 'many.yml'), `${lines.join('\n')}\n`)
    await writeFile(
      join(root, CONFIG),
      'cloudformation:\n  - template: many.yml\n    account: "111122223333"\n',
    )
    const run = await runAction({ workspace: root, inputs: { 'fail-on': 'never' } })
    expect(run.exitCode, run.stdout).toBe(0)
    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    // Each policy checked as one that grants (no condition names it), and the role.
    expect(report.principals).toHaveLength(n + 1)
    expect(report.findings.filter((f: { kind: string }) => f.kind === 'wildcard-resource')).toHaveLength(n)
  }, 25_000)
})
