// Messages a newcomer meets on a workspace of their own: a glob that names a directory, and a Terraform
// file, a plan or a CloudFormation template caught by a policy glob, each named for what it is.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/analysis/analyse.js'
import { loadCatalog } from '../../src/catalog/catalog.js'
import { loadWorkspace } from '../../src/sources/load-workspace.js'
import { formatProblem } from '../../src/vocabulary/problems.js'
import { checkedUsage } from '../world/usage.js'

async function load(files: Record<string, string>, policies: string) {
  const root = await mkdtemp(join(tmpdir(), 'ipd-messages-'))
  const config = `principals:\n  - arn: arn:aws:iam::111122223333:role/app\n    policies: ${policies}\n`
  for (const [path, text] of Object.entries({ '.github/iam-policy-drift.yml': config, ...files })) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), text)
  }
  return loadWorkspace(root, '.github/iam-policy-drift.yml')
}

async function problemsOf(files: Record<string, string>, policies: string): Promise<string[]> {
  return (await load(files, policies)).problems.map(formatProblem)
}

describe('messages about a directory or a file where the other goes', () => {
  it('says what to give instead: the plan file or root:, templates or cdk-out:, the directory of a root', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ipd-messages-'))
    try {
      const files = {
        '.github/iam-policy-drift.yml': [
          'terraform:',
          '  - plan: infra',
          '  - plan: plans',
          '  - root: infra/main.tf',
          'cloudformation:',
          '  - template: cdk.out',
          '  - template: stacks',
          '  - cdk-out: cdk.out/App.template.json',
          '',
        ].join('\n'),
        'infra/main.tf': 'resource "aws_iam_role" "app" { name = "app" }\n',
        'plans/README.md': '# plans are written here by the workflow\n',
        'cdk.out/manifest.json': '{"version": "41.0.0", "artifacts": {}}\n',
        'cdk.out/App.template.json': '{"Resources": {}}\n',
        'stacks/app.yaml': 'Resources: {}\n',
        'stacks/web.yaml': 'Resources: {}\n',
        'stacks/params.json': '{}\n',
      }
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(root, path)), { recursive: true })
        await writeFile(join(root, path), text)
      }
      const { problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
      const config = '.github/iam-policy-drift.yml'
      expect(problems.map(formatProblem)).toEqual([
        `${config}:2: terraform: plan: "infra" matches no file in the workspace; it is a directory: its .tf files are read with root: "infra"; plan: names the JSON that terraform show -json writes, such as "infra/plan.json"`,
        `${config}:3: terraform: plan: "plans" matches no file in the workspace; it is a directory: name the plan file in it (what terraform show -json writes), such as "plans/plan.json"`,
        `${config}:4: terraform: root: "infra/main.tf" is a file; expected the directory of the configuration, such as "infra"`,
        `${config}:6: cloudformation: template: "cdk.out" matches no file in the workspace; it is a directory: a CDK cloud assembly: give it as cdk-out: cdk.out`,
        `${config}:7: cloudformation: template: "stacks" matches no file in the workspace; it is a directory: to name its templates, write "stacks/*.yaml"`,
        `${config}:8: cloudformation: cdk-out: "cdk.out/App.template.json" is a file; expected the directory cdk synth writes (cdk.out). A template on its own is given as template:`,
      ])
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})

describe('messages about what a policy glob names', () => {
  it('says how to name the policy files of a directory', async () => {
    expect(await problemsOf({ 'iam/a.json': '{}' }, '[iam]')).toEqual([
      '.github/iam-policy-drift.yml:3: policies: "iam" matches no file in the workspace; it is a directory: to name its policy files, write "iam/*.json"',
    ])
  })

  it('names a Terraform file, a plan, a CloudFormation template and a YAML policy for what they are', async () => {
    const problems = await problemsOf(
      {
        'infra/main.tf': 'resource "aws_iam_role" "app" {}\n',
        'infra/plan.json': JSON.stringify({ format_version: '1.2', planned_values: {} }),
        'infra/stack.json': JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: {} }),
        'infra/stack.yml': 'Resources:\n  Role:\n    Type: AWS::IAM::Role\n',
        // A policy kept in YAML, and YAML that is neither (a workflow).
        'infra/policy.yaml':
          'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: "*"\n',
        'infra/ci.yml': 'on: push\njobs: {}\n',
        // What a glob wider than the policy files catches beside them.
        'infra/README.md': '# IAM for the app\n',
        'infra/apply.sh': '#!/bin/sh\naws iam put-role-policy --role-name app\n',
        // terraform.tfstate, as Terraform 1.x writes it (format version 4).
        'infra/state.json': JSON.stringify({
          version: 4,
          terraform_version: '1.9.5',
          serial: 3,
          lineage: '0f5d6a8e-9c1b-4f3e-8a2d-6b7c8d9e0f1a',
          outputs: {},
          resources: [],
          check_results: null,
        }),
      },
      '[infra/*]',
    )
    const template =
      'a CloudFormation template, not an IAM policy document: name it in the config as cloudformation: [{ template: … }], and leave it out of policies:'
    const wider = (kind: string) =>
      `a .${kind} file, not an IAM policy document (a JSON file): the glob matches more than the policy files; narrow it to them, such as *.json, or leave it out of policies:`
    expect(problems).toEqual([
      `infra/README.md:1:1: ${wider('md')}`,
      `infra/apply.sh:1:1: ${wider('sh')}`,
      'infra/ci.yml:1:1: a YAML file, not an IAM policy document (policies are JSON); leave it out of policies:',
      'infra/main.tf:1:1: a Terraform file, not an IAM policy document: name its directory in the config as terraform: [{ root: … }], and leave it out of policies:',
      'infra/plan.json:1:1: a Terraform plan (terraform show -json), not an IAM policy document: name it in the config as terraform: [{ plan: … }], and leave it out of policies:',
      'infra/policy.yaml:1:1: an IAM policy written in YAML: IAM takes policy documents as JSON, and so does policies:. Convert it (yq -o=json) and name the JSON file',
      `infra/stack.json:1:1: ${template}`,
      `infra/stack.yml:1:1: ${template}`,
      'infra/state.json:1:1: a Terraform state file, not an IAM policy document: name the code in the config as terraform: [{ root: … }] (or its plan, as plan:), and leave it out of policies:',
    ])
  })

  it('says a policy file is empty rather than where a value is missing', async () => {
    const problems = await problemsOf({ 'iam/a.json': '', 'iam/b.json': '\ufeff \n\r\n\t' }, '[iam/*.json]')
    const expected =
      'the file is empty; expected an IAM policy document (a JSON object with "Version" and "Statement")'
    expect(problems).toEqual([`iam/a.json:1:1: ${expected}`, `iam/b.json:1:1: ${expected}`])
  })

  it('orders problems by file as findings are ordered, whatever the locale', async () => {
    // "Zeta" before "alpha" in code units, as the findings (and the suggestions) are sorted; a
    // collation (localeCompare) puts "alpha" first, and on another locale maybe elsewhere.
    const root = await mkdtemp(join(tmpdir(), 'ipd-messages-'))
    try {
      const config = [
        'principals:',
        '  - arn: arn:aws:iam::111122223333:role/app',
        '    policies: [iam/alpha.json, iam/Zeta.json, iam/beta.json]',
        '',
      ].join('\n')
      const bad =
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": 7, "Resource": "*"}]}\n'
      for (const [path, text] of Object.entries({
        '.github/iam-policy-drift.yml': config,
        'iam/alpha.json': bad,
        'iam/Zeta.json': bad,
        'iam/beta.json': bad,
      })) {
        await mkdir(dirname(join(root, path)), { recursive: true })
        await writeFile(join(root, path), text)
      }
      const { problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
      expect(problems.map((p) => p.file)).toEqual(['iam/Zeta.json', 'iam/alpha.json', 'iam/beta.json'])
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })

  // MAMIP (zoph-io/MAMIP) keeps AWS's managed policies as `aws iam get-policy-version` prints them, in
  // files without an extension. Such files were refused with advice to save the Document alone.
  it('reads the document inside what the AWS CLI prints about a policy, saved as it came', async () => {
    const document = (action: string) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
    })
    const { workspace, problems } = await load(
      {
        'iam/a-inline.json': JSON.stringify(
          { RoleName: 'app', PolicyName: 'inline', PolicyDocument: document('s3:*') },
          null,
          2,
        ),
        'iam/AWSAppSyncPushToCloudWatchLogs': JSON.stringify(
          { PolicyVersion: { VersionId: 'v3', IsDefaultVersion: true, Document: document('logs:*') } },
          null,
          4,
        ),
      },
      '[iam/*]',
    )
    expect(problems.map(formatProblem)).toEqual([])
    const policies = workspace?.principals[0]?.policies ?? []
    expect(
      policies.map((d) => [d.file, d.statements[0]?.line, d.statements[0]?.actions[0]?.value, d.templated]),
    ).toEqual([
      ['iam/AWSAppSyncPushToCloudWatchLogs', 8, 'logs:*', true],
      ['iam/a-inline.json', 7, 's3:*', true],
    ])
    // A document inside with a mistake: that mistake, where it is. All of an authorization details
    // export is no one policy.
    const broken = await problemsOf(
      {
        'iam/b-version.json': JSON.stringify(
          { PolicyVersion: { Document: { ...document('s3:*'), Version: '2012-10-18' } } },
          null,
          2,
        ),
        'iam/c-details.json': JSON.stringify({ UserDetailList: [], RoleDetailList: [], Policies: [] }),
      },
      '[iam/*.json]',
    )
    expect(broken).toEqual([
      'iam/b-version.json:4:18: "Version": "2012-10-18" is not valid; expected "2012-10-17" (or the older "2008-10-17")',
      'iam/c-details.json:1:1: the output of "aws iam get-account-authorization-details", not an IAM policy document: save each policy document alone as a file, or leave it out of policies:',
    ])
  })
})

describe('would-break', () => {
  it("stands on the principal's first policy file in the config's order, and speaks of one action as one", async () => {
    const allow = (action: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
      })
    const { workspace } = await load(
      { 'iam/z-main.json': allow('ec2:StartInstances'), 'iam/a-extra.json': allow('ec2:StopInstances') },
      '[iam/z-main.json, iam/a-extra.json]',
    )
    const principals = workspace?.principals ?? []
    expect(principals[0]?.policies.map((p) => p.file)).toEqual(['iam/z-main.json', 'iam/a-extra.json'])
    const arn = principals[0]?.arn ?? ''
    const usage = checkedUsage(arn, {
      policies: [
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['ec2:StartInstances', 'ec2:StopInstances', 'sts:GetCallerIdentity'],
              Resource: '*',
            },
          ],
        }),
      ],
      isComplete: true,
    })
    const wouldBreak = analyse(principals, [], loadCatalog(), usage).findings.find(
      (f) => f.kind === 'would-break',
    )
    expect(wouldBreak?.file).toBe('iam/z-main.json')
    expect(wouldBreak?.message).toMatch(
      /^sts:GetCallerIdentity was used .* Grant it, or confirm it is no longer needed\.$/,
    )
  })
})

describe('every mistake in one pass', () => {
  it('reports a bad ignore entry, globs that match nothing or leave the workspace, and broken policy files together, by file and line', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ipd-one-pass-'))
    const config = [
      'principals:',
      '  - arn: arn:aws:iam::111122223333:role/app',
      '    policies: [iam/app.json, iam/missing-*.json]',
      '  - arn: arn:aws:iam::111122223333:role/jobs',
      '    policies: [../outside/*.json, iam/jobs.json]',
      'ignore:',
      '  - kind: unused-action',
      '',
    ].join('\n')
    const files = {
      '.github/iam-policy-drift.yml': config,
      'iam/app.json':
        '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow",, "Action": "s3:GetObject", "Resource": "*"}\n  ]\n}\n',
      'iam/jobs.json':
        '{"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "batch:SubmitJob", "Resource": "*"}]}',
    }
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(root, path)), { recursive: true })
      await writeFile(join(root, path), text)
    }
    const { workspace, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    expect(workspace).toBeUndefined()
    expect(problems.map(formatProblem)).toEqual([
      '.github/iam-policy-drift.yml:3: policies: "iam/missing-*.json" matches no file in the workspace',
      '.github/iam-policy-drift.yml:5: policies: "../outside/*.json" leads outside the workspace; expected a glob relative to it, without \'..\'',
      '.github/iam-policy-drift.yml:7:5: ignore[0]: action is required (an IAM action or pattern, such as s3:Get*)',
      '.github/iam-policy-drift.yml:7:5: ignore[0]: reason is required: say why this finding is accepted',
      'iam/app.json:4:24: invalid JSON: expected a property name in double quotes (a doubled or trailing comma?)',
      'iam/jobs.json:1:52: Statement[0]: "Effect": "allow" is not valid; expected "Allow" or "Deny" (case matters)',
    ])
  })
})
