// The CloudFormation source: templates (YAML with short-form tags, and JSON) read with positions, the
// intrinsic functions evaluated, the IAM principals found with the policies that apply to them, and
// every template problem a precise error at its line.
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/analysis/analyse.js'
import { loadCatalog } from '../../src/catalog/catalog.js'
import { loadManagedPolicies } from '../../src/catalog/managed-policies.js'
import type { CloudFormationConfig } from '../../src/config/config-file.js'
import { codeSpan } from '../../src/report/markdown.js'
import { buildReport } from '../../src/report/report.js'
import { principalPlace, renderSummary } from '../../src/report/summary.js'
import { cloudFormationSource } from '../../src/sources/cloudformation/cloudformation-source.js'
import { discoverFromTemplate } from '../../src/sources/cloudformation/discover.js'
import { spanOf } from '../../src/sources/cloudformation/origin.js'
import { parseTemplate } from '../../src/sources/cloudformation/template.js'
import { type DiscoveredPrincipal, discoverPrincipals } from '../../src/sources/policy-source.js'
import { constructPath, managedPolicyNote } from '../../src/vocabulary/policy.js'
import { formatProblem } from '../../src/vocabulary/problems.js'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'cloudformation')
const APP = 'stacks/app.yml'

async function discover(
  text: string,
  options: { parameters?: Record<string, string>; account?: string | undefined; region?: string } = {},
) {
  const parsed = parseTemplate(APP, text)
  if (!parsed.root) return { principals: [], problems: parsed.problems.map(formatProblem) }
  const found = await discoverFromTemplate(APP, parsed.root, {
    parameters: new Map(Object.entries(options.parameters ?? {})),
    account: 'account' in options ? options.account : '111122223333',
    region: options.region,
    stackName: undefined,
    managedPolicies: loadManagedPolicies,
    text,
  })
  return {
    principals: found.principals,
    problems: found.problems.map(formatProblem),
    notes: (found.notes ?? []).map(formatProblem),
  }
}

/** Each principal's statements as `line: actions | resources`, with where each value was written. */
const statements = (p: DiscoveredPrincipal | undefined) =>
  (p?.policies ?? []).flatMap((d) =>
    d.statements.map(
      (s) =>
        `${s.line}: ${s.actions.map((a) => `${a.value}@${a.line}`).join(' ')} | ${s.resources.map((r) => `${r.value}@${r.line}`).join(' ')}`,
    ),
  )

/** Principals by their role's name in account 111122223333 (`${FnRole}` for one CloudFormation names). */
/**
 * The lines that open role `app` with one inline policy (`PolicyName: p` unless named), up to its
 * `Statement:`, after `Resources:`: the statements follow, indented by 14.
 */
const appRoleLines = (policyName = 'p') => [
  'Resources:',
  '  Role:',
  '    Type: AWS::IAM::Role',
  '    Properties:',
  '      RoleName: app',
  '      Policies:',
  `        - PolicyName: ${policyName}`,
  '          PolicyDocument:',
  '            Statement:',
]

const byRoleName = (principals: readonly DiscoveredPrincipal[]) =>
  Object.fromEntries(principals.map((p) => [p.arn.replace(/^arn:aws:iam::111122223333:role\//, ''), p]))

const app = readFileSync(join(FIXTURES, 'app.yml'), 'utf8')

/** A `cloudformation:` entry of the config (at line 3): the templates of one glob in account 111122223333. */
const entryFor = (pattern: string, fields: Partial<CloudFormationConfig> = {}): CloudFormationConfig => ({
  template: [{ pattern, line: 3 }],
  cdkOut: undefined,
  stackName: undefined,
  account: '111122223333',
  region: 'us-east-1',
  parameters: new Map(),
  line: 3,
  ...fields,
})

/** A temporary workspace for nested templates, and a writer of its files (each given as its lines). */
function nestedWorkspace(): { root: string; write: (file: string, lines: string[]) => void } {
  const root = mkdtempSync(join(tmpdir(), 'ipd-nested-'))
  const write = (file: string, lines: string[]) => {
    mkdirSync(join(root, file, '..'), { recursive: true })
    writeFileSync(join(root, file), `${lines.join('\n')}\n`)
  }
  return { root, write }
}

describe('CloudFormation templates', () => {
  it('finds every role with its inline, managed and attached policies at the template lines', async () => {
    const { principals, problems } = await discover(app)
    expect(problems).toEqual([])
    expect(principals.map((p) => `${p.arn} ${p.lifecycle}`)).toEqual([
      'arn:aws:iam::111122223333:role/service/app-dev exists',
      // No RoleName: CloudFormation makes the name, so it is checked statically.
      'arn:aws:iam::111122223333:role/${WorkerRole} unknown',
      // A role the template does not define, named by a policy that attaches to it.
      'arn:aws:iam::111122223333:role/existing-role exists',
    ])
    const [role, worker] = principals
    expect(role?.source).toEqual({
      kind: 'cloudformation',
      template: APP,
      logicalId: 'AppRole',
      file: APP,
      line: 18,
    })
    expect(statements(role)).toEqual([
      // !If on a decided condition (Stage is dev): the s3:DeleteObject branch is AWS::NoValue, removed.
      // !Sub (at its tag) with a variable from !Select of a list parameter, the partition pseudo parameter.
      '36: s3:GetObject@39 | arn:aws:s3:::reports/*@41',
      // !Join with !FindInMap (where its tag is); the region is not known: a placeholder.
      '44: dynamodb:*@46 | arn:aws:dynamodb:${AWS::Region}:111122223333:table/orders-dev@47',
      // An undecided condition keeps both branches; an import stays a readable placeholder.
      '55: sqs:SendMessage@57 sns:Publish@57 | ${ImportValue:shared-topic}@58',
      // The AWS managed policy at the line that attaches it, the customer managed one at its own.
      '29: logs:CreateLogGroup@29 logs:CreateLogStream@29 logs:PutLogEvents@29 | *@29',
      '66: iam:PassRole@67 | *@68',
    ])
    expect(role?.policies.map((d) => d.source)).toEqual([
      // An inline policy is named by its PolicyName: a role may have several.
      { kind: 'cloudformation', template: APP, logicalId: 'AppRole', part: 'data' },
      expect.objectContaining({
        kind: 'aws-managed-policy',
        arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
        // What attaches it, as Terraform's attachments give their address.
        address: 'AppRole',
      }),
      { kind: 'cloudformation', template: APP, logicalId: 'SharedPolicy' },
    ])
    // The region is not known, so neither is the condition on it: both branches, and a note says so.
    const parsed = parseTemplate(APP, app)
    const found = await discoverFromTemplate(APP, parsed.root as never, {
      parameters: new Map(),
      account: '111122223333',
      region: undefined,
      stackName: undefined,
      managedPolicies: loadManagedPolicies,
    })
    // What a false condition leaves out of the stack is said, not dropped in silence.
    const prodOnly = `${APP}:84:3: Resources.ProdOnly (AWS::IAM::RolePolicy) is not in the stack with the parameters read here: the condition IsProd is false, so what it grants is not checked (give the parameters that make it true under parameters: to check it)`
    expect(found.notes?.map(formatProblem)).toEqual([
      `${APP}:12:3: the condition Unknown depends on values not known here (give its parameters under parameters:, or account: and region:): both branches of each Fn::If on it were checked`,
      prodOnly,
    ])
    // The resource's GetAtt is a placeholder; the RolePolicy under a false condition is not in the stack.
    expect(statements(worker)).toEqual(['81: sqs:ReceiveMessage@82 | ${Queue.Arn}@83'])
  })

  it('joins each branch of an undecided Fn::If in a Fn::Join, not both branches as parts', async () => {
    const text = [
      'Parameters:',
      '  Stage: { Type: String }',
      'Conditions:',
      '  IsProd: !Equals [!Ref Stage, prod]',
      ...appRoleLines('data'),
      '              - Effect: Allow',
      '                Action: s3:GetObject',
      "                Resource: !Join ['', ['arn:aws:s3:::', !If [IsProd, prod, dev], '-data/', !If [IsProd, '*', !Ref AWS::NoValue]]]",
      '              - Effect: Allow',
      '                Action: s3:ListBucket',
      "                Resource: !Join [':', [arn, aws, s3, '', '', !If [IsProd, !Ref AWS::NoValue, logs]]]",
      '',
    ].join('\n')
    const { principals, problems } = await discover(text)
    expect(problems).toEqual([])
    // Not arn:aws:s3:::proddev-data/* (both branches as parts); with NoValue, that part left out.
    expect(statements(principals[0])).toEqual([
      '14: s3:GetObject@15 | arn:aws:s3:::prod-data/*@16 arn:aws:s3:::prod-data/@16 arn:aws:s3:::dev-data/*@16 arn:aws:s3:::dev-data/@16',
      '17: s3:ListBucket@18 | arn:aws:s3:::logs@19 arn:aws:s3::@19',
    ])
    // Past 64 texts, the undecided parts are a placeholder.
    const many = text.replace(
      "Resource: !Join [':', [arn, aws, s3, '', '', !If [IsProd, !Ref AWS::NoValue, logs]]]",
      `Resource: !Join ['', [${Array.from({ length: 7 }, (_, i) => `!If [IsProd, a${i}, b${i}]`).join(', ')}]]`,
    )
    expect(statements((await discover(many)).principals[0])?.[1]).toBe(
      `17: s3:ListBucket@18 | ${'${Fn::If}'.repeat(7)}@19`,
    )
  })

  it('takes parameter values from the config over their defaults, and decides conditions with them', async () => {
    const { principals } = await discover(app, { parameters: { Stage: 'prod', Buckets: 'archive,exports' } })
    expect(principals[0]?.arn).toBe('arn:aws:iam::111122223333:role/service/app-prod')
    expect(statements(principals[0])[0]).toBe(
      '36: s3:GetObject@39 s3:DeleteObject@40 | arn:aws:s3:::archive/*@41',
    )
    // The RolePolicy whose condition holds in prod is in the stack now.
    expect(statements(principals[1])).toEqual([
      '81: sqs:ReceiveMessage@82 | ${Queue.Arn}@83',
      '92: *@93 | *@94',
    ])
  })

  it('without an account, keeps principals to static checks', async () => {
    const { principals } = await discover(app, { account: undefined })
    expect(principals[0]?.arn).toBe('arn:aws:iam::${AWS::AccountId}:role/service/app-dev')
    expect(principals[0]?.lifecycle).toBe('unknown')
  })

  // cfn_nag's group_with_cdl.yml: a CommaDelimitedList parameter whose Default is '' gives [''].
  it('says that a policy ARN is empty, not that a string is not a string', async () => {
    const { principals, problems } = await discover(
      [
        'Parameters:',
        "  Arns: {Type: CommaDelimitedList, Default: ''}",
        'Resources:',
        '  Group:',
        '    Type: AWS::IAM::Group',
        '    Properties:',
        '      ManagedPolicyArns: !Ref Arns',
      ].join('\n'),
    )
    expect(problems).toEqual([])
    expect(principals[0]?.unresolved?.map((u) => [u.line, u.reason])).toEqual([
      [7, 'the policy ARN is empty'],
    ])
  })

  // What the checks need to see a principal rewrite what is its own: a managed policy's ARN (what `Ref`
  // gives), and the groups a user is in.
  it("gives a managed policy its ARN and a user its groups, and the checks see them as the principal's own", async () => {
    const { principals, problems } = await discover(
      [
        'Resources:',
        '  Deployer:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      RoleName: deploy-role',
        '      AssumeRolePolicyDocument: {}',
        '  Release:',
        '    Type: AWS::IAM::ManagedPolicy',
        '    Properties:',
        '      ManagedPolicyName: deploy-release',
        '      Roles: [!Ref Deployer]',
        '      PolicyDocument:',
        '        Version: "2012-10-17"',
        '        Statement:',
        '          - Effect: Allow',
        '            Action: iam:CreatePolicyVersion',
        '            Resource: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/deploy-*',
        '  Unnamed:',
        '    Type: AWS::IAM::ManagedPolicy',
        '    Properties:',
        '      Users: [!Ref Ops]',
        '      PolicyDocument:',
        '        Version: "2012-10-17"',
        '        Statement:',
        '          - Effect: Allow',
        '            Action: [iam:SetDefaultPolicyVersion, iam:PutGroupPolicy]',
        '            Resource: [!Ref Unnamed, !GetAtt Admins.Arn]',
        '  Admins:',
        '    Type: AWS::IAM::Group',
        '    Properties:',
        '      GroupName: admins',
        '  Ops:',
        '    Type: AWS::IAM::User',
        '    Properties:',
        '      UserName: ops',
        '      Groups: [!Ref Admins]',
        '  Builder:', // 37: named by CloudFormation; the statement names it as !GetAtt does
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      AssumeRolePolicyDocument: {}',
        '      Policies:',
        '        - PolicyName: self',
        '          PolicyDocument:',
        '            Version: "2012-10-17"',
        '            Statement:',
        '              - Effect: Allow',
        '                Action: iam:AttachRolePolicy',
        '                Resource: !GetAtt Builder.Arn',
        '  Named:', // 48: named by another stack's export; the statement names it as !GetAtt does
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      RoleName: !ImportValue builder-name',
        '      AssumeRolePolicyDocument: {}',
        '      Policies:',
        '        - PolicyName: self',
        '          PolicyDocument:',
        '            Version: "2012-10-17"',
        '            Statement:',
        '              - Effect: Allow',
        '                Action: iam:PutRolePolicy',
        '                Resource: !GetAtt Named.Arn',
      ].join('\n'),
    )
    expect(problems).toEqual([])
    const role = principals.find((p) => p.arn.endsWith(':role/deploy-role'))
    const user = principals.find((p) => p.arn.endsWith(':user/ops'))
    expect(role?.policies.map((d) => d.arn)).toEqual(['arn:aws:iam::111122223333:policy/deploy-release'])
    expect(user?.policies.map((d) => d.arn)).toEqual(['${Unnamed}'])
    expect(user?.groups).toEqual(['arn:aws:iam::111122223333:group/admins'])
    const escalation = analyse(principals, [], loadCatalog()).findings.filter(
      (f) => f.kind === 'privilege-escalation',
    )
    expect(
      escalation.map((f) => [f.principal.replace(/^arn:aws:iam::\d{12}:/, ''), f.line, f.actions]),
    ).toEqual([
      ['role/deploy-role', 16, ['iam:CreatePolicyVersion']],
      ['user/ops', 26, ['iam:SetDefaultPolicyVersion']],
      ['user/ops', 26, ['iam:PutGroupPolicy']],
      ['role/${Builder}', 47, ['iam:AttachRolePolicy']],
      ['role/${ImportValue:builder-name}', 60, ['iam:PutRolePolicy']],
    ])
  })

  it('reads JSON templates in the long form the same way', async () => {
    const json = JSON.stringify(
      {
        Resources: {
          Deployer: {
            Type: 'AWS::IAM::User',
            Properties: {
              UserName: { 'Fn::Join': ['-', ['deploy', { Ref: 'AWS::Region' }]] },
              Groups: [{ Ref: 'Admins' }],
            },
          },
          Admins: {
            Type: 'AWS::IAM::Group',
            Properties: {
              GroupName: 'admins',
              Policies: [
                {
                  PolicyName: 'all',
                  PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] },
                },
              ],
            },
          },
        },
      },
      null,
      2,
    )
    const parsed = parseTemplate('t.json', json)
    const { principals, problems } = await discoverFromTemplate('t.json', parsed.root as never, {
      parameters: new Map(),
      account: '111122223333',
      region: 'eu-west-1',
      stackName: undefined,
      managedPolicies: loadManagedPolicies,
    })
    expect(problems).toEqual([])
    // Groups are not principals; a user gets its groups' policies.
    expect(principals.map((p) => p.arn)).toEqual(['arn:aws:iam::111122223333:user/deploy-eu-west-1'])
    expect(statements(principals[0])).toEqual(['33: iam:*@35 | *@36'])
  })

  it('checks a group no user of the template is in, and a managed policy no one here has, as principals of their own', async () => {
    const { principals, problems, notes } = await discover(
      [
        'Conditions:', // 1
        '  Never: !Equals [a, b]', // 2
        'Resources:', // 3
        '  Operators:', // 4
        '    Type: AWS::IAM::Group', // 5
        '    Properties:', // 6
        '      GroupName: operators', // 7
        '      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]', // 8
        '  Empty:', // 9
        '    Type: AWS::IAM::Group', // 10
        '  Shared:', // 11
        '    Type: AWS::IAM::ManagedPolicy', // 12
        '    Properties:', // 13
        '      PolicyDocument:', // 14
        '        Statement: [{ Effect: Allow, Action: "s3:*", Resource: "*" }]', // 15
        '  Used:', // 16
        '    Type: AWS::IAM::ManagedPolicy', // 17
        '    Properties:', // 18
        '      ManagedPolicyName: used', // 19
        '      PolicyDocument:', // 20
        '        Statement: [{ Effect: Allow, Action: "sqs:*", Resource: "*" }]', // 21
        '  App:', // 22
        '    Type: AWS::IAM::Role', // 23
        '    Properties:', // 24
        '      RoleName: app', // 25
        '      ManagedPolicyArns: [!Ref Used]', // 26
        '  Exported:', // 27
        '    Type: AWS::IAM::ManagedPolicy', // 28
        '    Properties:', // 29
        '      ManagedPolicyName: ci-deploy', // 30
        '      Path: /ci/', // 31
        '      PolicyDocument:', // 32
        '        Statement: [{ Effect: Allow, Action: "iam:CreatePolicyVersion", Resource: !Sub "arn:aws:iam::${AWS::AccountId}:policy/ci/ci-deploy" }]', // 33
        '  Orphan:', // 34
        '    Type: AWS::IAM::Policy', // 35
        '    Properties:', // 36
        '      PolicyName: orphan', // 37
        '      Roles: [!If [Never, app, !Ref AWS::NoValue]]', // 38
        '      PolicyDocument:', // 39
        '        Statement: [{ Effect: Allow, Action: "sns:*", Resource: "*" }]', // 40
      ].join('\n'),
    )
    expect(problems).toEqual([])
    // A group with no policy (Empty) is nothing to check; a managed policy another stack attaches is
    // checked as written, at its own ARN (a placeholder for the name CloudFormation gives it).
    expect(
      principals.map((p) => [p.arn, p.policies.map((d) => d.source?.kind), p.lifecycle, p.source.line]),
    ).toEqual([
      ['arn:aws:iam::111122223333:group/operators', ['aws-managed-policy'], 'exists', 4],
      ['arn:aws:iam::111122223333:role/app', ['cloudformation'], 'exists', 22],
      ['arn:aws:iam::111122223333:policy/${Shared}', ['cloudformation'], 'unknown', 11],
      ['arn:aws:iam::111122223333:policy/ci/ci-deploy', ['cloudformation'], 'exists', 27],
    ])
    const exported = principals[3]
    expect(exported?.policies[0]?.statements[0]?.line).toBe(33)
    expect(exported?.source).toMatchObject({ kind: 'cloudformation', logicalId: 'Exported' })
    // Its statements are judged as any principal's: whoever has a policy that may rewrite itself may
    // grant itself anything.
    const { findings } = analyse(principals, [], loadCatalog())
    expect(
      findings
        .filter((f) => f.principal.includes(':policy/'))
        .map((f) => `${f.kind} ${f.severity} ${f.line}`),
    ).toEqual(['wildcard-action high 15', 'wildcard-resource medium 15', 'privilege-escalation critical 33'])
    // An AWS::IAM::Policy has no ARN to be attached by elsewhere: what it grants goes nowhere here.
    expect(notes).toEqual([
      'stacks/app.yml:34:3: Resources.Orphan: no role, user or group in this template has this policy (it is attached elsewhere, or by what is not read here), so what it grants is not checked',
    ])
  })

  // checkov's example_LambdaEnvironmentCredentials/PASS3.yaml: a sample's placeholder left in was a
  // role of that name, whose policy generation AWS refuses in the middle of a run.
  it('refuses a Roles entry that is no role name, at its line', async () => {
    const { problems } = await discover(
      [
        'Resources:', // 1
        '  Access:', // 2
        '    Type: AWS::IAM::Policy', // 3
        '    Properties:', // 4
        '      PolicyName: access', // 5
        '      Roles:', // 6
        '        - <lambda-execution-role-arn>', // 7
        '        - worker', // 8
        '        - arn:aws:iam::111122223333:role/named-by-arn', // 9
        '      PolicyDocument:', // 10
        '        Statement: [{ Effect: Allow, Action: sqs:SendMessage, Resource: "*" }]', // 11
      ].join('\n'),
    )
    expect(problems).toEqual([
      'stacks/app.yml:7:11: "<lambda-execution-role-arn>" is not a role name, which IAM refuses; expected the name of a role (letters, digits and +=,.@_-), or a Ref of one',
    ])
  })

  // eijikominami/aws-cloudformation-templates' ssm.yaml attaches `arn:aws:iam::aws:policy/AWSSSMOpsInsightsServiceRolePolicy`,
  // a policy that is under aws-service-role/: that ARN names none, and IAM refuses to attach it.
  it('says which ARN was meant when an AWS managed policy is named without its path', async () => {
    const { principals, problems } = await discover(
      [
        'Resources:', // 1
        '  Explorer:', // 2
        '    Type: AWS::IAM::Role', // 3
        '    Properties:', // 4
        '      RoleName: explorer', // 5
        '      ManagedPolicyArns:', // 6
        '        - !Sub arn:${AWS::Partition}:iam::aws:policy/AWSSSMOpsInsightsServiceRolePolicy', // 7
        '        - arn:aws-us-gov:iam::aws:policy/AWSSSMOpsInsightsServiceRolePolicy', // 8
        '        - arn:aws:iam::aws:policy/NoSuchPolicyAnywhere', // 9
        '        - arn:aws:iam::aws:policy/ReadOnlyAccess', // 10
        // Deprecated, and renamed: AWS_ConfigRole.
        '        - arn:aws:iam::aws:policy/AWSConfigRole', // 11
      ].join('\n'),
    )
    expect(problems).toEqual([])
    expect(principals[0]?.policies.map((d) => d.source?.kind)).toEqual(['aws-managed-policy'])
    expect(principals[0]?.unresolved?.map((u) => [u.line, u.reason])).toEqual([
      [
        7,
        'arn:aws:iam::aws:policy/AWSSSMOpsInsightsServiceRolePolicy is no AWS managed policy: the one called AWSSSMOpsInsightsServiceRolePolicy ' +
          "is arn:aws:iam::aws:policy/aws-service-role/AWSSSMOpsInsightsServiceRolePolicy (an ARN holds the policy's path)",
      ],
      [
        8,
        'arn:aws-us-gov:iam::aws:policy/AWSSSMOpsInsightsServiceRolePolicy is no AWS managed policy: the one called AWSSSMOpsInsightsServiceRolePolicy ' +
          "is arn:aws-us-gov:iam::aws:policy/aws-service-role/AWSSSMOpsInsightsServiceRolePolicy (an ARN holds the policy's path)",
      ],
      [
        9,
        expect.stringMatching(
          /^arn:aws:iam::aws:policy\/NoSuchPolicyAnywhere is not in the snapshot of AWS managed policies of \d{4}-\d\d-\d\d$/,
        ),
      ],
      [
        11,
        expect.stringMatching(
          /^arn:aws:iam::aws:policy\/AWSConfigRole is not in the snapshot of AWS managed policies of [-\d]+; the nearest one there is arn:aws:iam::aws:policy\/service-role\/AWS_ConfigRole$/,
        ),
      ],
    ])
  })

  // aws-security-reference-architecture-examples' GuardDuty malware protection role: `${P.PolicyArn}`.
  it("attaches a template's managed policy named by its PolicyArn attribute, as by its Ref", async () => {
    const { principals, problems } = await discover(
      [
        'Resources:', // 1
        '  Unnamed:', // 2
        '    Type: AWS::IAM::ManagedPolicy', // 3
        '    Properties:', // 4
        '      PolicyDocument: { Statement: [{ Effect: Allow, Action: "s3:GetObject", Resource: "*" }] }', // 5
        '  Named:', // 6
        '    Type: AWS::IAM::ManagedPolicy', // 7
        '    Properties:', // 8
        '      ManagedPolicyName: reader', // 9
        '      PolicyDocument: { Statement: [{ Effect: Allow, Action: "sqs:ReceiveMessage", Resource: "*" }] }', // 10
        '  Worker:', // 11
        '    Type: AWS::IAM::Role', // 12
        '    Properties:', // 13
        '      RoleName: worker', // 14
        '      ManagedPolicyArns:', // 15
        '        - !Sub ${Unnamed.PolicyArn}', // 16
        '        - !GetAtt Named.PolicyArn', // 17
      ].join('\n'),
    )
    expect(problems).toEqual([])
    expect(principals[0]?.unresolved ?? []).toEqual([])
    expect(statements(principals[0])).toEqual(['5: s3:GetObject@5 | *@5', '10: sqs:ReceiveMessage@10 | *@10'])
  })

  // aws-cloudformation-templates' ExecutionRoleBuilder example: the boundary is a parameter with no Default.
  it('names the parameter with no value that a policy ARN is made of, and a policy really not there as such', async () => {
    const { principals, problems } = await discover(
      [
        'Parameters:', // 1
        '  BoundaryArn: { Type: String }', // 2
        '  Extra: { Type: String }', // 3
        '  Prefix: { Type: String, Default: team }', // 4
        'Resources:', // 5
        '  Worker:', // 6
        '    Type: AWS::IAM::Role', // 7
        '    Properties:', // 8
        '      PermissionsBoundary: !Ref BoundaryArn', // 9
        '      ManagedPolicyArns:', // 10
        '        - !Sub arn:aws:iam::${AWS::AccountId}:policy/${Prefix}-${Extra}', // 11
        '        - !Sub arn:aws:iam::${AWS::AccountId}:policy/${Prefix}-reader', // 12
        // cfn-lint's issues/sam_w_conditions.yaml: no parameter makes another stack's export known.
        "        - !ImportValue { 'Fn::Sub': '${Extra}-ReadPolicy' }", // 13
      ].join('\n'),
    )
    expect(problems).toEqual([])
    expect(principals[0]?.unresolved?.map((u) => [u.line, u.reason])).toEqual([
      [
        11,
        'arn:aws:iam::111122223333:policy/team-${Extra} depends on the parameter Extra, which has no value here (give it under parameters: to check the policy it names)',
      ],
      [12, 'arn:aws:iam::111122223333:policy/team-reader is a policy this template does not define'],
      [
        13,
        "${ImportValue:${Extra}-ReadPolicy} is another stack's export (Fn::ImportValue), known only where it is deployed",
      ],
      [
        9,
        '${BoundaryArn} depends on the parameter BoundaryArn, which has no value here (give it under parameters: to check the policy it names)',
      ],
    ])
  })

  // awslabs/aws-deployment-framework's bootstrap templates: the key's ARN is in Systems Manager, and the
  // parameter's Default, /adf/kms_arn, is the name it is kept under, not the ARN.
  it('reads what Systems Manager and Secrets Manager hold (an SSM parameter type, a dynamic reference) as not known here', async () => {
    const { principals, problems } = await discover(
      [
        'Parameters:', // 1
        '  KMSArn:', // 2
        "    Type: 'AWS::SSM::Parameter::Value<String>'", // 3
        '    Default: /adf/kms_arn', // 4
        '  Buckets: { Type: "AWS::SSM::Parameter::Value<List<String>>", Default: /adf/buckets }', // 5
        ...appRoleLines(), // 6-14
        '              - { Effect: Allow, Action: kms:Decrypt, Resource: !Ref KMSArn }', // 15
        "              - { Effect: Allow, Action: kms:Encrypt, Resource: '{{resolve:ssm:/adf/kms_arn}}' }", // 16
        '              - Effect: Allow', // 17
        '                Action: s3:GetObject', // 18
        '                Resource:', // 19
        "                  - !Sub 'arn:${AWS::Partition}:s3:::{{resolve:ssm:/adf/bucket:2}}/*'", // 20
        "                  - !Sub 'arn:aws:s3:::{{resolve:secretsmanager:app:SecretString:bucket}}-{{resolve:ssm:x}}/*'", // 21
        '              - { Effect: Allow, Action: s3:ListBucket, Resource: !Ref Buckets }', // 22
      ].join('\n'),
    )
    expect(problems).toEqual([])
    expect(statements(principals[0])).toEqual([
      '15: kms:Decrypt@15 | ${KMSArn}@15',
      '16: kms:Encrypt@16 | ${Resolve:ssm:/adf/kms_arn}@16',
      '17: s3:GetObject@18 | arn:aws:s3:::${Resolve:ssm:/adf/bucket:2}/*@20 arn:aws:s3:::${Resolve:secretsmanager:app:SecretString:bucket}-${Resolve:ssm:x}/*@21',
      '22: s3:ListBucket@22 | ${Buckets}@22',
    ])
    // A managed policy named so: said to be known only when deployed.
    const attached = await discover(
      [
        ...appRoleLines(),
        "              - { Effect: Allow, Action: s3:GetObject, Resource: '*' }",
        "      ManagedPolicyArns: ['{{resolve:ssm:/app/policy-arn}}']",
      ].join('\n'),
    )
    expect(attached.principals[0]?.unresolved?.map((u) => u.reason)).toEqual([
      '${Resolve:ssm:/app/policy-arn} is a dynamic reference ({{resolve:…}}): what Systems Manager or Secrets Manager holds when the stack is deployed',
    ])
    // What the config gives is the value.
    const given = await discover(
      [
        'Parameters:',
        '  KMSArn: { Type: "AWS::SSM::Parameter::Value<String>", Default: /adf/kms_arn }',
        ...appRoleLines(),
        '              - { Effect: Allow, Action: kms:Decrypt, Resource: !Ref KMSArn }',
      ].join('\n'),
      { parameters: { KMSArn: 'arn:aws:kms:us-east-1:111122223333:key/k' } },
    )
    expect(statements(given.principals[0])).toEqual([
      '12: kms:Decrypt@12 | arn:aws:kms:us-east-1:111122223333:key/k@12',
    ])
  })

  it('gives the policies of a group to the users an AWS::IAM::UserToGroupAddition puts in it', async () => {
    const { principals, problems } = await discover(
      [
        'Resources:', // 1
        '  Admins:', // 2
        '    Type: AWS::IAM::Group', // 3
        '    Properties:', // 4
        '      Policies:', // 5
        '        - PolicyName: all', // 6
        '          PolicyDocument:', // 7
        '            Statement: [{ Effect: Allow, Action: "iam:*", Resource: "*" }]', // 8
        '  Alice:', // 9
        '    Type: AWS::IAM::User', // 10
        '    Properties:', // 11
        '      UserName: alice', // 12
        '  Membership:', // 13
        '    Type: AWS::IAM::UserToGroupAddition', // 14
        '    Properties:', // 15
        '      GroupName: !Ref Admins', // 16
        '      Users: [!Ref Alice, bob]', // 17
      ].join('\n'),
    )
    expect(problems).toEqual([])
    // The group has members here: checked through them (bob, not in the template, by his name).
    expect(principals.map((p) => [p.arn, statements(p)])).toEqual([
      ['arn:aws:iam::111122223333:user/alice', ['8: iam:*@8 | *@8']],
      ['arn:aws:iam::111122223333:user/bob', ['8: iam:*@8 | *@8']],
    ])
  })

  it('expands a SAM function: its implicit role, managed policy names, policy templates and documents', async () => {
    const { principals, problems } = await discover(readFileSync(join(FIXTURES, 'sam.yml'), 'utf8'))
    expect(problems).toEqual([])
    // The function with Role: uses that role; the other gets <Id>Role, named by CloudFormation.
    expect(principals.map((p) => `${p.arn} ${p.lifecycle} ${p.source.line}`)).toEqual([
      'arn:aws:iam::111122223333:role/${OrdersRole} unknown 9',
    ])
    const [role] = principals
    const lines = (p: DiscoveredPrincipal | undefined) =>
      (p?.policies ?? []).map(
        (d) =>
          `${d.source?.kind === 'aws-managed-policy' ? d.source.arn.split('/').pop() : d.source?.kind}@${d.statements[0]?.line}`,
      )
    expect(lines(role)).toEqual([
      // What SAM adds: basic execution, X-Ray (Tracing from Globals), the SQS poller's role, the DLQ.
      'AWSLambdaBasicExecutionRole@9',
      'AWSXrayWriteOnlyAccess@9',
      'AWSLambdaSQSQueueExecutionRole@9',
      'cloudformation@14',
      // Its Policies: a managed policy by name, two policy templates, a document.
      'AmazonS3ReadOnlyAccess@22',
      'cloudformation@24',
      'cloudformation@26',
      'cloudformation@28',
      // An AWS::IAM::Policy that attaches to the implicit role by Ref.
      'cloudformation@44',
    ])
    // What SAM attaches by itself says so: narrowing it takes a Role of one's own, not another policy.
    const managed = (role?.policies ?? []).filter((d) => d.source?.kind === 'aws-managed-policy')
    expect(
      managed.map(
        (d) =>
          `${d.source?.kind === 'aws-managed-policy' && d.source.arn.split('/').pop()} ${d.source?.kind === 'aws-managed-policy' && (d.source.samImplicit ?? false)}`,
      ),
    ).toEqual([
      'AWSLambdaBasicExecutionRole true',
      'AWSXrayWriteOnlyAccess true',
      'AWSLambdaSQSQueueExecutionRole true',
      'AmazonS3ReadOnlyAccess false',
    ])
    expect(managedPolicyNote(managed[0]?.source)).toMatch(
      /^AWS managed policy service-role\/AWSLambdaBasicExecutionRole, in the action's snapshot .*; AWS SAM attaches it to the role it makes for this resource, so to narrow it, give the resource a Role of your own$/,
    )
    expect(managedPolicyNote(managed[3]?.source)).toMatch(
      /AWS writes it, so to narrow it, attach a policy of your own instead$/,
    )
    // The policy template's parameters in its definition; a Ref to a bucket stays a placeholder.
    expect(statements(role)[5]).toBe(
      '24: s3:GetObject@24 s3:ListBucket@24 s3:GetBucketLocation@24 s3:GetObjectVersion@24 s3:GetLifecycleConfiguration@24 | arn:aws:s3:::${Reports}@24 arn:aws:s3:::${Reports}/*@24',
    )
    expect(role?.unresolved).toEqual([
      expect.objectContaining({
        line: 31,
        // Which entry of the function's Policies it is.
        address: 'Orders.Policies[4]',
        reason: expect.stringMatching(
          /^"NoSuchPolicyTemplate" is not a SAM policy template \(aws\/serverless-application-model@7000d0a has 81\)$/,
        ),
      }),
    ])
  })

  it('gives a SAM state machine without Role the role SAM makes: X-Ray when traced, and its Policies', async () => {
    const text = [
      'Transform: AWS::Serverless-2016-10-31',
      'Globals:',
      '  Function: {Tracing: Active}',
      'Resources:',
      '  Process:',
      '    Type: AWS::Serverless::Function',
      '    Properties: {Runtime: python3.12, Handler: app.handler, CodeUri: src/}',
      '  Orders:',
      '    Type: AWS::Serverless::StateMachine',
      '    Properties:',
      '      DefinitionUri: statemachine/orders.asl.json',
      '      Tracing: {Enabled: true}',
      '      Policies:',
      '        - LambdaInvokePolicy: {FunctionName: !Ref Process}',
      '        - AmazonSQSReadOnlyAccess',
      '        - Statement:',
      '            - Effect: Allow',
      '              Action: dynamodb:PutItem',
      '              Resource: !Sub arn:aws:dynamodb:us-east-1:111122223333:table/orders',
      '      Events:',
      '        Nightly: {Type: Schedule, Properties: {Schedule: rate(1 day)}}',
      '        Given: {Type: ScheduleV2, Properties: {ScheduleExpression: rate(1 day), RoleArn: arn:aws:iam::111122223333:role/s}}',
      '        OnUpload: {Type: EventBridgeRule, Properties: {Pattern: {source: [aws.s3]}}}',
      '  Given:',
      '    Type: AWS::Serverless::StateMachine',
      '    Properties: {DefinitionUri: statemachine/given.asl.json, Role: !GetAtt OrdersRole.Arn}',
      '',
    ].join('\n')
    const { principals, problems } = await discover(text)
    expect(problems).toEqual([])
    // The function's role, the state machine's event roles (a schedule with RoleArn uses that one) and its
    // own role; the one with Role: uses that (Orders's) role.
    expect(principals.map((p) => `${p.arn} ${p.source.line}`)).toEqual([
      'arn:aws:iam::111122223333:role/${ProcessRole} 5',
      'arn:aws:iam::111122223333:role/${OrdersNightlyRole} 21',
      'arn:aws:iam::111122223333:role/${OrdersOnUploadRole} 23',
      'arn:aws:iam::111122223333:role/${OrdersRole} 8',
    ])
    // An event's role starts this state machine's executions, and nothing else.
    expect(statements(principals[1])).toEqual(['21: states:StartExecution@21 | ${Orders}@21'])
    const machine = principals[3]
    expect(
      machine?.policies.map((d) =>
        d.source?.kind === 'aws-managed-policy'
          ? d.source.arn.split('/').pop()
          : `${d.source?.kind}@${d.statements[0]?.line}`,
      ),
    ).toEqual(['AWSXrayWriteOnlyAccess', 'cloudformation@14', 'AmazonSQSReadOnlyAccess', 'cloudformation@17'])
    // The policy template, with the function's name as SAM's definition writes it; none of a function's roles.
    expect(statements(machine).find((line) => line.startsWith('14:'))).toBe(
      '14: lambda:InvokeFunction@14 | arn:aws:lambda:${AWS::Region}:111122223333:function:${Process}*@14',
    )
  })

  it('adds the roles SAM makes for a deployment preference, a scheduler event and a Role that may be none', async () => {
    const text = [
      'Parameters:',
      '  RoleArn: {Type: String}',
      'Conditions:',
      '  HasRole: !Not [!Equals [!Ref RoleArn, ""]]',
      'Resources:',
      '  Api:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      AutoPublishAlias: live',
      '      DeploymentPreference: {Type: Linear10PercentEvery1Minute}',
      '      Role: !If [HasRole, !Ref RoleArn, !Ref AWS::NoValue]',
      '      Events:',
      '        Nightly: {Type: ScheduleV2, Properties: {ScheduleExpression: rate(1 day)}}',
      '  Other:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Role: arn:aws:iam::111122223333:role/given',
      '      DeploymentPreference: {Type: AllAtOnce, Role: arn:aws:iam::111122223333:role/deployer}',
      '',
    ].join('\n')
    const { principals, problems } = await discover(text)
    expect(problems).toEqual([])
    expect(principals.map((p) => `${p.arn} ${p.source.line}`)).toEqual([
      // The scheduler's role to invoke the function, CodeDeploy's (once), and the function's own: its Role
      // is an undecided Fn::If that may be AWS::NoValue, so SAM may make it.
      'arn:aws:iam::111122223333:role/${ApiNightlyRole} 13',
      'arn:aws:iam::111122223333:role/${CodeDeployServiceRole} 10',
      'arn:aws:iam::111122223333:role/${ApiRole} 6',
    ])
    // With AutoPublishAlias, SAM points every event at the alias, and the scheduler invokes that.
    expect(statements(principals[0])).toEqual(['13: lambda:InvokeFunction@13 | ${ApiAliaslive}@13'])
    expect(
      principals[1]?.policies.map((d) => d.source?.kind === 'aws-managed-policy' && d.source.arn),
    ).toEqual(['arn:aws:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda'])
    // Decided, the same Role is a role of its own: no implicit one.
    const given = await discover(text, { parameters: { RoleArn: 'arn:aws:iam::111122223333:role/r' } })
    expect(given.principals.map((p) => p.arn)).not.toContain('arn:aws:iam::111122223333:role/${ApiRole}')
  })

  it("reads a hook's policy naming the CodeDeploy application SAM makes for gradual deployments", async () => {
    // As AWS's own example of a pre-traffic hook writes it (SAM's docs/safe_lambda_deployments.rst).
    const text = (preference: string, globals = '') =>
      [
        'Transform: AWS::Serverless-2016-10-31',
        ...(globals ? ['Globals:', '  Function:', `    ${globals}`] : []),
        'Resources:',
        '  Api:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      AutoPublishAlias: live',
        `      ${preference}`,
        '  PreTraffic:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      Policies:',
        '        - Statement:',
        '            - Effect: Allow',
        '              Action: codedeploy:PutLifecycleEventHookExecutionStatus',
        "              Resource: !Sub 'arn:aws:codedeploy:${AWS::Region}:${AWS::AccountId}:deploymentgroup:${ServerlessDeploymentApplication}/*'",
        '            - {Effect: Allow, Action: iam:GetRole, Resource: !GetAtt CodeDeployServiceRole.Arn}',
        '',
      ].join('\n')
    const hook = (found: Awaited<ReturnType<typeof discover>>) =>
      found.principals.find((p) => p.arn.endsWith('${PreTrafficRole}'))
    const own = await discover(
      text('DeploymentPreference: {Type: Linear10PercentEvery1Minute, Hooks: {PreTraffic: !Ref PreTraffic}}'),
    )
    expect(own.problems).toEqual([])
    expect(statements(hook(own))).toEqual([
      '8: logs:CreateLogGroup@8 logs:CreateLogStream@8 logs:PutLogEvents@8 | *@8',
      '13: codedeploy:PutLifecycleEventHookExecutionStatus@14 | arn:aws:codedeploy:${AWS::Region}:111122223333:deploymentgroup:${ServerlessDeploymentApplication}/*@15',
      '16: iam:GetRole@16 | ${CodeDeployServiceRole.Arn}@16',
    ])
    // From Globals too.
    const global = await discover(text('MemorySize: 256', 'DeploymentPreference: {Type: AllAtOnce}'))
    expect(global.problems).toEqual([])
    expect(statements(hook(global))).toHaveLength(3)
    // No function deploys gradually: SAM makes neither, and CloudFormation refuses the names.
    expect((await discover(text('MemorySize: 256'))).problems).toEqual([
      `${APP}:15:25: Resources.PreTraffic: Ref: "ServerlessDeploymentApplication" is neither a parameter nor a resource of this template`,
    ])
  })

  it("adds the roles SAM makes for a GraphQLApi: its logs' and each data source's without a ServiceRoleArn", async () => {
    const text = [
      'Resources:',
      '  Api:',
      '    Type: AWS::Serverless::GraphQLApi',
      '    Properties:',
      '      Auth: {Type: API_KEY}',
      '      DataSources:',
      '        DynamoDb:',
      '          Items:',
      '            TableName: !Ref Items',
      '          Orders:',
      '            TableName: orders',
      '            Region: eu-west-1',
      '            Permissions: [Read]',
      '          Given:',
      '            TableName: given',
      '            ServiceRoleArn: arn:aws:iam::111122223333:role/appsync',
      '        Lambda:',
      '          Resolve:',
      '            FunctionArn: !GetAtt Resolver.Arn',
      '  Quiet:',
      '    Type: AWS::Serverless::GraphQLApi',
      '    Properties:',
      '      Auth: {Type: API_KEY}',
      '      Logging: false',
      '  OwnLogs:',
      '    Type: AWS::Serverless::GraphQLApi',
      '    Properties:',
      '      Auth: {Type: API_KEY}',
      '      Logging: {FieldLogLevel: ERROR, CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/logs}',
      '  Items:',
      '    Type: AWS::DynamoDB::Table',
      '  Resolver:',
      '    Type: AWS::Serverless::Function',
      '    Properties: {Role: arn:aws:iam::111122223333:role/fn}',
      '',
    ].join('\n')
    const { principals, problems } = await discover(text)
    expect(problems).toEqual([])
    expect(principals.map((p) => `${p.arn} ${p.source.line}`)).toEqual([
      'arn:aws:iam::111122223333:role/${ApiCloudWatchRole} 2',
      'arn:aws:iam::111122223333:role/${ApiItemsDynamoDBDataSourceRole} 8',
      'arn:aws:iam::111122223333:role/${ApiOrdersDynamoDBDataSourceRole} 10',
      'arn:aws:iam::111122223333:role/${ApiResolveLambdaDataSourceRole} 18',
    ])
    expect(
      principals[0]?.policies.map((d) => d.source?.kind === 'aws-managed-policy' && d.source.arn),
    ).toEqual(['arn:aws:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs'])
    const read =
      'dynamodb:GetItem dynamodb:Query dynamodb:Scan dynamodb:BatchGetItem dynamodb:ConditionCheckItem dynamodb:PartiQLSelect'
    const write =
      'dynamodb:PutItem dynamodb:UpdateItem dynamodb:DeleteItem dynamodb:BatchWriteItem dynamodb:PartiQLDelete dynamodb:PartiQLInsert dynamodb:PartiQLUpdate'
    const actionsAndResources = (p: DiscoveredPrincipal | undefined) =>
      (p?.policies ?? []).flatMap((d) =>
        d.statements.map(
          (s) => `${s.actions.map((a) => a.value).join(' ')} | ${s.resources.map((r) => r.value).join(' ')}`,
        ),
      )
    const items = 'arn:aws:dynamodb:${AWS::Region}:111122223333:table/${Items}'
    expect(actionsAndResources(principals[1])).toEqual([
      `${read} | ${items} ${items}/index/*`,
      `${write} | ${items} ${items}/index/*`,
    ])
    const orders = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders'
    expect(actionsAndResources(principals[2])).toEqual([`${read} | ${orders} ${orders}/index/*`])
    expect(actionsAndResources(principals[3])).toEqual([
      'lambda:InvokeAsync lambda:InvokeFunction | ${Resolver.Arn} ${Resolver.Arn}:*',
    ])
    // Each data source's statements are at its name, the line to edit.
    expect(principals[3]?.policies[0]?.statements[0]?.actions[0]?.line).toBe(18)
  })

  it('adds the operator role SAM makes for a capacity provider that names none, itself or in Globals', async () => {
    const text = [
      'Resources:',
      '  Fleet:',
      '    Type: AWS::Serverless::CapacityProvider',
      '    Properties:',
      '      VpcConfig: {SubnetIds: [subnet-1], SecurityGroupIds: [sg-1]}',
      '  Given:',
      '    Type: AWS::Serverless::CapacityProvider',
      '    Properties:',
      '      OperatorRole: arn:aws:iam::111122223333:role/operator',
      '',
    ].join('\n')
    const { principals, problems } = await discover(text)
    expect(problems).toEqual([])
    expect(
      principals.map((p) => [
        `${p.arn} ${p.source.line}`,
        ...p.policies.map((d) => d.source?.kind === 'aws-managed-policy' && d.source.arn),
      ]),
    ).toEqual([
      [
        'arn:aws:iam::111122223333:role/${FleetOperatorRole} 2',
        'arn:aws:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator',
      ],
    ])
    // `Globals: CapacityProvider:` may give every provider its OperatorRole.
    const withGlobals = `Globals:\n  CapacityProvider:\n    OperatorRole: arn:aws:iam::111122223333:role/operator\n${text}`
    expect((await discover(withGlobals)).principals).toEqual([])
  })

  it("does not call an action of AWS SAM's policy templates unknown: the template's authors did not write it", async () => {
    const text = [
      'Resources:',
      '  Poller:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Policies:',
      '        - SQSPollerPolicy: {QueueName: jobs}',
      '        - Statement:',
      '            - Effect: Allow',
      '              Action: [sqs:SendMessageBatch]',
      '              Resource: arn:aws:sqs:us-east-1:111122223333:jobs',
      '',
    ].join('\n')
    const { principals, problems } = await discover(text)
    expect(problems).toEqual([])
    // SQSPollerPolicy names sqs:DeleteMessageBatch and sqs:ChangeMessageVisibilityBatch, which IAM does not
    // have (the batch calls are authorised by their single-message actions): AWS SAM's, not the template's.
    const fromSam = principals[0]?.policies.find(
      (d) => d.source?.kind === 'cloudformation' && d.source.samPolicyTemplate,
    )
    expect(fromSam?.statements.flatMap((s) => s.actions.map((a) => a.value))).toContain(
      'sqs:DeleteMessageBatch',
    )
    expect(fromSam?.source).toMatchObject({ part: 'Policies[0]', samPolicyTemplate: 'SQSPollerPolicy' })
    const unknown = analyse(principals, [], loadCatalog()).findings.filter((f) => f.kind === 'unknown-action')
    expect(unknown.map((f) => [f.actions, f.line])).toEqual([[['sqs:SendMessageBatch'], 9]])
  })

  it("does not call a grant of AWS SAM's policy templates ineffective: the template's authors cannot change it", async () => {
    const text = [
      'Resources:',
      '  Detector:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Policies:',
      '        - RekognitionNoDataAccessPolicy: {CollectionId: faces}',
      '        - Statement:',
      '            - Effect: Allow',
      '              Action: [rekognition:ListCollections]',
      '              Resource: arn:aws:rekognition:us-east-1:111122223333:collection/faces',
      '',
    ].join('\n')
    // RekognitionNoDataAccessPolicy grants rekognition:DetectFaces (no resource type) on the collection: as
    // AWS SAM defines it, a grant smaller than it reads. The statement the template's authors wrote is theirs.
    const { fromSam, ineffective } = await samDefined(text, 'samPolicyTemplate')
    expect(fromSam).toContain('rekognition:DetectFaces')
    expect(ineffective).toEqual([[['rekognition:ListCollections'], 9]])
  })

  /** The actions of the document AWS SAM defines here, and where ineffective grants are found. */
  async function samDefined(text: string, by: 'samPolicyTemplate' | 'samConnector') {
    const { principals, problems } = await discover(text, { region: 'us-east-1' })
    expect(problems).toEqual([])
    const document = principals[0]?.policies.find((d) => d.source?.kind === 'cloudformation' && d.source[by])
    return {
      fromSam: document?.statements.flatMap((s) => s.actions.map((a) => a.value)),
      ineffective: analyse(principals, [], loadCatalog())
        .findings.filter((f) => f.kind === 'ineffective-grant')
        .map((f) => [f.actions, f.line]),
    }
  }

  // AWS SAM's integration test connector_table_to_function_read: the connector's profile grants
  // dynamodb:ListStreams (no resource type) on the table's streams. SAM's, not the template's.
  it("does not call a grant of AWS SAM's connectors ineffective, nor their actions unknown", async () => {
    const text = [
      'Resources:',
      '  Table: {Type: AWS::DynamoDB::Table}',
      '  Reader:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Policies:',
      '        - Statement: [{Effect: Allow, Action: dynamodb:ListStreams, Resource: !Sub "${Table.Arn}/stream/*"}]',
      '  Connector:',
      '    Type: AWS::Serverless::Connector',
      '    Properties:',
      '      Source: {Id: Table}',
      '      Destination: {Id: Reader}',
      '      Permissions: [Read]',
      '',
    ].join('\n')
    const { fromSam, ineffective } = await samDefined(text, 'samConnector')
    expect(fromSam).toContain('dynamodb:ListStreams')
    // The statement the template's authors wrote is theirs.
    expect(ineffective).toEqual([[['dynamodb:ListStreams'], 7]])
  })

  // aws-cloudformation-templates' CodeBuild role: s3:GetObject on `!GetAtt PipelineS3Bucket.Arn` alone.
  it("judges a Ref or GetAtt of the template's bucket, log group, queue or table by the ARN its type has", async () => {
    const text = [
      'Resources:', // 1
      '  Bucket: {Type: AWS::S3::Bucket}', // 2
      '  Logs: {Type: AWS::Logs::LogGroup}', // 3
      '  Queue: {Type: AWS::SQS::Queue}', // 4
      '  Table: {Type: AWS::DynamoDB::Table}', // 5
      '  Machine: {Type: AWS::StepFunctions::StateMachine}', // 6
      '  Role:', // 7
      '    Type: AWS::IAM::Role', // 8
      '    Properties:', // 9
      '      RoleName: app', // 10
      '      AssumeRolePolicyDocument: {}', // 11
      '      Policies:', // 12
      '        - PolicyName: p', // 13
      '          PolicyDocument:', // 14
      '            Statement:', // 15
      '              - {Effect: Allow, Action: s3:GetObject, Resource: !GetAtt Bucket.Arn}', // 16
      '              - {Effect: Allow, Action: s3:GetObject, Resource: !Sub "${Bucket.Arn}/*"}', // 17
      '              - {Effect: Allow, Action: s3:ListBucket, Resource: !Sub "arn:aws:s3:::${Bucket}/*"}', // 18
      '              - {Effect: Allow, Action: logs:PutLogEvents, Resource: !GetAtt Logs.Arn}', // 19
      '              - {Effect: Allow, Action: sqs:SendMessage, Resource: !Ref Queue}', // 20
      '              - {Effect: Allow, Action: dynamodb:GetRecords, Resource: !GetAtt Table.Arn}', // 21
      '              - {Effect: Allow, Action: dynamodb:GetRecords, Resource: !GetAtt Table.StreamArn}', // 22
      '              - {Effect: Allow, Action: states:StopExecution, Resource: !Ref Machine}', // 23
      '              - {Effect: Allow, Action: s3:GetObject, Resource: !GetAtt Other.Arn}', // 24
      '              - {Effect: Allow, Action: kms:Decrypt, Resource: !Ref Key}', // 25
      '              - {Effect: Allow, Action: kms:Decrypt, Resource: !Sub "arn:aws:kms:*:*:key/${Key}"}', // 26
      '              - {Effect: Allow, Action: dynamodb:Query, Resource: !Sub "arn:aws:dynamodb:*:*:table/${Table}"}', // 27
      '  Other: {Type: AWS::CloudFront::Distribution}', // 28
      '  Key: {Type: AWS::KMS::Key}', // 29
    ].join('\n')
    const { principals, problems } = await discover(text)
    expect(problems).toEqual([])
    const findings = analyse(principals, [], loadCatalog()).findings
    // A bucket's Arn is not its objects, nor a name's `/*` the bucket; a queue's Ref is its URL, a table's
    // Arn not its stream, a state machine's Ref not its executions. A log group's Arn ends in `:*`, its
    // streams; what the check knows no shape of is left alone.
    expect(findings.map((f) => `${f.kind}@${f.line}: ${f.actions.join(' ')}`)).toEqual([
      'ineffective-grant@16: s3:GetObject',
      'ineffective-grant@18: s3:ListBucket',
      'ineffective-grant@20: sqs:SendMessage',
      'ineffective-grant@21: dynamodb:GetRecords',
      'ineffective-grant@23: states:StopExecution',
      // A key's Ref is its id, which in an ARN is the key.
      'ineffective-grant@25: kms:Decrypt',
    ])
    // Messages name the resource as written, and suggest first what the action's name says it acts on:
    // a bucket's objects, not an access point's (the catalog lists accesspointobject first).
    expect(findings[0]?.message).toMatch(
      /^"s3:GetObject" cannot act on "\$\{Bucket\.Arn\}": it acts on arn:\$\{Partition\}:s3:::\$\{BucketName\}\/\$\{ObjectName\}, /,
    )
    expect(findings[0]?.suggestion).toBe('arn:${Partition}:s3:::${BucketName}/${ObjectName}')
  })

  it("grants what SAM's connectors grant: standalone or embedded, by Id or by Type and RoleName, to the role SAM finds", async () => {
    const text = [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Writer:',
      '    Type: AWS::Serverless::Function',
      '    Connectors:',
      '      ToStores:',
      '        Properties:',
      '          Destination: [{Id: Table}, {Id: Queue}]',
      '          Permissions: [Write]',
      '  Table:',
      '    Type: AWS::DynamoDB::Table',
      '  Queue:',
      '    Type: AWS::SQS::Queue',
      '  Reader:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Role: !GetAtt ReaderRole.Arn',
      '  ReaderRole:',
      '    Type: AWS::IAM::Role',
      '  QueueToReader:',
      '    Type: AWS::Serverless::Connector',
      '    Properties:',
      '      Source: {Id: Queue}',
      '      Destination: {Id: Reader}',
      '      Permissions: [Read, Write]',
      '  Rule:',
      '    Type: AWS::Events::Rule',
      '    Properties:',
      '      Targets:',
      '        - {Id: Flow, Arn: !Ref Flow, RoleArn: !GetAtt RuleRole.Arn}',
      '  RuleRole:',
      '    Type: AWS::IAM::Role',
      '  Flow:',
      '    Type: AWS::StepFunctions::StateMachine',
      '  RuleToFlow:',
      '    Type: AWS::Serverless::Connector',
      '    Properties:',
      '      Source: {Id: Rule}',
      '      Destination: {Id: Flow}',
      '      Permissions: [Write]',
      '  Outside:',
      '    Type: AWS::Serverless::Connector',
      '    Properties:',
      '      Source: {Type: AWS::Lambda::Function, RoleName: worker}',
      '      Destination: {Type: AWS::S3::Bucket, Arn: arn:aws:s3:::reports}',
      '      Permissions: [Read]',
      '',
    ].join('\n')
    const { principals, problems } = await discover(text)
    expect(problems).toEqual([])
    const byRole = byRoleName(principals)
    const lines = (p: DiscoveredPrincipal | undefined) =>
      (p?.policies ?? [])
        .filter((d) => d.source?.kind === 'cloudformation')
        .flatMap((d) =>
          d.statements.map(
            (s) =>
              `${s.line}: ${s.actions.map((a) => a.value).join(' ')} | ${s.resources.map((r) => r.value).join(' ')}`,
          ),
        )
    // Embedded in the function: a policy of its implicit role per destination, at its Permissions.
    expect(lines(byRole['${WriterRole}'])).toEqual([
      '9: dynamodb:PutItem dynamodb:UpdateItem dynamodb:DeleteItem dynamodb:BatchWriteItem dynamodb:PartiQLDelete dynamodb:PartiQLInsert dynamodb:PartiQLUpdate | ${Table.Arn} ${Table.Arn}/index/*',
      '9: sqs:DeleteMessage sqs:SendMessage sqs:ChangeMessageVisibility sqs:PurgeQueue | ${Queue.Arn}',
    ])
    expect(
      byRole['${WriterRole}']?.policies.map((d) => d.source?.kind === 'cloudformation' && d.source.part),
    ).toContain('Connectors.ToStores.Destination[1]')
    // From a queue to a function: the function's role polls it (the profile's destination policy).
    expect(lines(byRole['${ReaderRole}'])).toEqual([
      '25: sqs:DeleteMessage | ${Queue.Arn}',
      '25: sqs:ReceiveMessage sqs:GetQueueAttributes | ${Queue.Arn}',
    ])
    // An events rule's role is that of its target that is the other end.
    expect(lines(byRole['${RuleRole}'])).toEqual(['40: states:StartExecution | ${Flow}'])
    // By Type and RoleName: the role of that name, outside the template.
    expect(lines(byRole.worker)).toEqual([
      '46: s3:GetObject s3:GetObjectAcl s3:GetObjectLegalHold s3:GetObjectRetention s3:GetObjectTorrent s3:GetObjectVersion s3:GetObjectVersionAcl s3:GetObjectVersionForReplication s3:GetObjectVersionTorrent s3:ListBucket s3:ListBucketMultipartUploads s3:ListBucketVersions s3:ListMultipartUploadParts | arn:aws:s3:::reports arn:aws:s3:::reports/*',
    ])
    // What SAM refuses is a problem at the line, as SAM words it.
    const refused = await discover(
      text
        .replace('Permissions: [Read]', 'Permissions: [Delete]')
        .replace('      ToStores:\n        Properties:', '      - ToStores:\n        Properties:'),
    )
    expect(refused.problems).toEqual([
      `${APP}:6:7: Resources.Writer.Connectors: expected a mapping of connectors by name`,
      `${APP}:46:20: Resources.Outside: Unsupported 'Permissions' ("Delete") provided for connector from AWS::Lambda::Function to AWS::S3::Bucket; valid values are: Read, Write.`,
    ])
  })

  it("substitutes the pseudo parameters of a connector's profile, as SAM's Fn::Sub does (its translator test connector_sfn_to_sfn)", async () => {
    const { principals, problems } = await discover(
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  Parent:',
        '    Type: AWS::Serverless::StateMachine',
        '    Properties: {Definition: {}}',
        '    Connectors:',
        '      ToChild:',
        '        Properties: {Destination: {Id: Child}, Permissions: [Write]}',
        '  Child:',
        '    Type: AWS::Serverless::StateMachine',
        '    Properties: {Definition: {}}',
        '',
      ].join('\n'),
      { region: 'eu-west-1' },
    )
    expect(problems).toEqual([])
    const statements = byRoleName(principals)['${ParentRole}']?.policies.flatMap((d) => d.statements) ?? []
    expect(
      statements.map(
        (s) => `${s.actions.map((a) => a.value).join(' ')} | ${s.resources.map((r) => r.value)}`,
      ),
    ).toEqual([
      'states:StartExecution | ${Child}',
      'states:StopExecution | arn:aws:states:eu-west-1:111122223333:execution:${Child.Name}:*',
      'events:PutTargets events:PutRule | arn:aws:events:eu-west-1:111122223333:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule',
    ])
  })

  it("points a SAM function's scheduler role at its AutoPublishAlias, as SAM points every event there", async () => {
    const template = (alias: string) =>
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  Fn:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      Runtime: python3.12',
        '      Handler: app.handler',
        '      InlineCode: x',
        alias,
        '      Events:',
        '        Nightly:',
        '          Type: ScheduleV2',
        '          Properties: {ScheduleExpression: rate(1 day)}',
        '',
      ].join('\n')
    const invoked = async (alias: string) => {
      const { principals, problems } = await discover(template(alias))
      expect(problems).toEqual([])
      return byRoleName(principals)['${FnNightlyRole}']?.policies.flatMap((d) =>
        d.statements.flatMap((s) => s.resources.map((r) => r.value)),
      )
    }
    // The alias's logical id spells its hyphens and underscores as D and U.
    expect(await invoked('      AutoPublishAlias: live-1_a')).toEqual(['${FnAliasliveD1Ua}'])
    expect(await invoked('      MemorySize: 128')).toEqual(['${Fn.Arn}'])
  })

  it('judges ARNs the template builds without a known account: iam:PassRole on every role of it is escalation', async () => {
    const text = [
      'Resources:',
      '  Deployer:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      Policies:',
      '        - PolicyName: deploy',
      '          PolicyDocument:',
      '            Statement:',
      '              - Effect: Allow',
      '                Action: iam:PassRole',
      '                Resource: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*',
      '              - Effect: Allow',
      '                Action: [sns:Publish, iam:PassRole]',
      '                Resource: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app-${AWS::Region}',
      '',
    ].join('\n')
    const { principals, problems } = await discover(text, { account: undefined })
    expect(problems).toEqual([])
    expect(principals.map((p) => p.arn)).toEqual(['arn:aws:iam::${AWS::AccountId}:role/${Deployer}'])
    const findings = analyse(principals, [], loadCatalog()).findings
    expect(findings.map((f) => `${f.line}:${f.column} ${f.kind} ${f.actions.join(' ')}`)).toEqual([
      '10:25 privilege-escalation iam:PassRole',
      '13:26 ineffective-grant sns:Publish',
    ])
  })

  it('reads a YAML template written in flow style, which starts with { as JSON does', async () => {
    const text =
      '{Resources: {R: {Type: "AWS::IAM::Role", Properties: {RoleName: r,\n' +
      '  Policies: [{PolicyName: p, PolicyDocument: {Statement: [{Effect: Allow, Action: "s3:*", Resource: "*"}]}}]}}}}\n'
    const { principals, problems } = await discover(text)
    expect(problems).toEqual([])
    expect(statements(byRoleName(principals).r)).toEqual(['2: s3:*@2 | *@2'])
    // Neither JSON nor YAML: JSON's error when it starts as JSON does, else YAML's.
    expect((await discover('{"Resources": {"R": }\n')).problems).toEqual([
      `${APP}:1:21: not valid JSON: expected a value (a doubled or trailing comma?)`,
    ])
    expect((await discover('{Resources: [}\n')).problems).toEqual([
      expect.stringMatching(/^stacks\/app\.yml:1:\d+: not valid YAML: /),
    ])
  })

  it('names the comments of a JSON template, which YAML would read into its keys, with its other JSON mistakes', () => {
    const role = '"R": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "r"}}'
    const problems = (name: string, text: string) =>
      parseTemplate(name, text).problems.map((p) => `${p.line}:${p.column} ${p.message}`)
    // Read as YAML, the comment would be part of the first key (`// the role "Resources"`): no template.
    expect(problems('t.json', `{\n  // the role\n  "Resources": {${role},}\n}\n`)).toEqual([
      '2:3 not valid JSON: comments are not allowed in JSON',
      '3:82 not valid JSON: expected a property name in double quotes (a doubled or trailing comma?)',
    ])
    // Inside a resource, it would be part of the resource's key: its Type lost.
    expect(problems('app.yml', `{"Resources": {"R": { /* note */ "Type": "AWS::IAM::Role"}}}`)).toEqual([
      '1:23 not valid JSON: comments are not allowed in JSON',
    ])
    // A trailing comma alone is YAML's flow style, which CloudFormation reads: the template is read.
    const read = parseTemplate('t.json', `{"Resources": {${role},},}`)
    expect(read.problems).toEqual([])
    expect(read.root?.type === 'object' && read.root.keys.map((k) => k.value)).toEqual(['Resources'])
  })

  it("takes a connector's role from a Ref as SAM does: a parameter names a role outside the template", async () => {
    const text = (role: string) =>
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Parameters:',
        '  WorkerRoleName: {Type: String, Default: worker}',
        'Resources:',
        '  Worker:',
        '    Type: AWS::Lambda::Function',
        '    Properties:',
        `      Role: ${role}`,
        '  Table:',
        '    Type: AWS::DynamoDB::Table',
        '  WorkerToTable:',
        '    Type: AWS::Serverless::Connector',
        '    Properties:',
        '      Source: {Id: Worker}',
        '      Destination: {Id: Table}',
        '      Permissions: [Read]',
        '',
      ].join('\n')
    const { principals, problems } = await discover(text('!Ref WorkerRoleName'))
    expect(problems).toEqual([])
    expect(statements(byRoleName(principals).worker)).toEqual([
      '16: dynamodb:GetItem@16 dynamodb:Query@16 dynamodb:Scan@16 dynamodb:BatchGetItem@16 dynamodb:ConditionCheckItem@16 dynamodb:PartiQLSelect@16 | ${Table.Arn}@16 ${Table.Arn}/index/*@16',
    ])
    // A role that is neither a parameter nor a resource: CloudFormation refuses the template so.
    expect((await discover(text('!GetAtt Missing.Arn'))).problems).toEqual([
      `${APP}:8:13: Resources.WorkerToTable: Ref: "Missing" is neither a parameter nor a resource of this template`,
    ])
    // A role given as an ARN has no name SAM can take: SAM's refusal, at the connector's Source.
    expect((await discover(text('arn:aws:iam::111122223333:role/worker'))).problems).toEqual([
      `${APP}:14:15: Resources.WorkerToTable: Unable to get IAM role name from 'Source' resource.`,
    ])
  })

  it('refuses a Fn::GetAtt of what is not a resource of the template, as CloudFormation refuses it', async () => {
    const text = (resource: string) =>
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Parameters:',
        '  QueueArn: {Type: String}',
        ...appRoleLines(),
        '              - Effect: Allow',
        '                Action: sqs:SendMessage',
        `                Resource: ${resource}`,
        '  Queue:',
        '    Type: AWS::SQS::Queue',
        '  Worker:',
        '    Type: AWS::Serverless::Function',
        '    Properties: {Handler: index.handler, Runtime: nodejs22.x, CodeUri: src}',
        '',
      ].join('\n')
    // The template's own queue, and the role SAM makes for the function: placeholders, as before.
    for (const named of ['!GetAtt Queue.Arn', '!GetAtt WorkerRole.Arn', '!Sub "${Queue.Arn}"']) {
      const { principals, problems } = await discover(text(named))
      expect(problems).toEqual([])
      expect(statements(byRoleName(principals).app)[0]).toMatch(/\| \$\{(Queue|WorkerRole)\.Arn\}@15$/)
    }
    // A typo: one problem at its line, and nothing read.
    expect(await discover(text('!GetAtt Queu.Arn'))).toMatchObject({
      principals: [],
      problems: [
        `${APP}:15:27: Resources.Role: Fn::GetAtt: "Queu" is not a resource of this template; expected the logical ID of one of its resources`,
      ],
    })
    expect((await discover(text('!Sub "${Queu.Arn}/*"'))).problems).toEqual([
      `${APP}:15:27: Resources.Role: Fn::Sub: \${Queu.Arn}: "Queu" is not a resource of this template; expected the logical ID of one of its resources`,
    ])
    expect((await discover(text('!GetAtt QueueArn.Value'))).problems).toEqual([
      `${APP}:15:27: Resources.Role: Fn::GetAtt: "QueueArn" is a parameter, not a resource; only a resource has attributes (the parameter's value is Ref: QueueArn)`,
    ])
  })

  it('reads a template with a transform CloudFormation runs (a macro) as written, and says so at Transform', async () => {
    const text = (transform: string, resource = '!GetAtt Made.Arn') =>
      [
        `Transform: ${transform}`,
        ...appRoleLines(),
        '              - Effect: Allow',
        '                Action: sqs:SendMessage',
        `                Resource: [${resource}, !Ref AlsoMade]`,
        '',
      ].join('\n')
    // What a macro makes the template may name: placeholders, not a refusal.
    const macro = await discover(text('[AWS::Serverless-2016-10-31, Count]'))
    expect(macro.problems).toEqual([])
    expect(statements(byRoleName(macro.principals).app)).toEqual([
      '11: sqs:SendMessage@12 | ${Made.Arn}@13 ${AlsoMade}@13',
    ])
    expect(macro.notes).toEqual([
      `${APP}:1:12: Transform: Count is not run here: CloudFormation runs it when it deploys the stack, so the template is checked as written, and what it adds or changes is not; to check what it deploys, name the processed template, as \`aws cloudformation get-template --template-stage Processed\` gives it`,
    ])
    // Two of them, one as {Name, Parameters} (AWS::Include's form): both named.
    const two = await discover(
      text('[Count, {Name: AWS::Include, Parameters: {Location: "s3://bucket/snippet.yaml"}}]'),
    )
    expect(two.notes?.[0]).toMatch(
      /^stacks\/app\.yml:1:12: Transform: Count, AWS::Include are not run here: CloudFormation runs them when it deploys the stack, so the template is checked as written, and what they add or change is not; /,
    )
    // SAM's and AWS::LanguageExtensions' are read here: nothing to say, and a Ref to nothing is refused.
    const read = await discover(text('[AWS::LanguageExtensions, AWS::Serverless-2016-10-31]', '!Ref Made'))
    expect(read.notes).toEqual([])
    expect(read.problems).toEqual([
      `${APP}:13:28: Resources.Role: Ref: "Made" is neither a parameter nor a resource of this template`,
    ])
    // Resources AWS::Include adds from S3, among the template's own: said at it, and may be named.
    const included = await discover(
      text('[AWS::Serverless-2016-10-31]').replace(
        'Resources:\n',
        'Resources:\n  Fn::Transform: {Name: AWS::Include, Parameters: {Location: "s3://bucket/queue.yaml"}}\n',
      ),
    )
    expect(included.problems).toEqual([])
    expect(statements(byRoleName(included.principals).app)).toEqual([
      '12: sqs:SendMessage@13 | ${Made.Arn}@14 ${AlsoMade}@14',
    ])
    expect(included.notes).toEqual([
      `${APP}:3:3: Resources: the resources Fn::Transform (AWS::Include of s3://bucket/queue.yaml) adds are not read here: CloudFormation runs it when it deploys the stack, so they are not checked; to check what it deploys, name the processed template, as \`aws cloudformation get-template --template-stage Processed\` gives it`,
    ])
    // A template only the macro makes valid (ShortHand's list of resources): the problem says so.
    const shorthand = await discover(
      ['Transform: ShortHand', 'Resources:', '  - S3::Bucket MyBucket', ''].join('\n'),
    )
    expect(shorthand.problems).toEqual([
      `${APP}:3:3: not a CloudFormation template: its Resources is not a mapping; expected each resource under its logical ID; the template's Transform ShortHand may change that when CloudFormation deploys the stack: to check what it deploys, name the processed template, as \`aws cloudformation get-template --template-stage Processed\` gives it`,
    ])
  })

  it("adds what SAM gives a function's own role for its event sources, failure destinations and invoke destinations", async () => {
    const text = [
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      "      Tracing: ''",
      '      EventInvokeConfig:',
      '        DestinationConfig:',
      '          OnSuccess: {Type: SNS}',
      '          OnFailure: {Type: Lambda, Destination: !GetAtt Fallback.Arn}',
      '      Events:',
      '        Broker:',
      '          Type: MQ',
      '          Properties:',
      '            Broker: arn:aws:mq:us-east-1:111122223333:broker:b:b-1',
      '            Queues: [jobs]',
      '            SecretsManagerKmsKeyId: 1234abcd',
      '            SourceAccessConfigurations: [{Type: BASIC_AUTH, URI: !Ref BrokerSecret}]',
      '        Stream:',
      '          Type: Kinesis',
      '          Properties:',
      '            Stream: arn:aws:kinesis:us-east-1:111122223333:stream/s',
      '            StartingPosition: LATEST',
      '            DestinationConfig: {OnFailure: {Type: SQS, Destination: !GetAtt Failed.Arn}}',
      '        Kafka:',
      '          Type: SelfManagedKafka',
      '          Properties:',
      '            KafkaBootstrapServers: [b-1:9092]',
      '            Topics: [orders]',
      '            SourceAccessConfigurations:',
      '              - {Type: SASL_SCRAM_512_AUTH, URI: arn:aws:secretsmanager:us-east-1:111122223333:secret:kafka}',
      '              - {Type: VPC_SUBNET, URI: subnet:subnet-1}',
      '              - {Type: VPC_SECURITY_GROUP, URI: security_group:sg-1}',
      '        Topic:',
      '          Type: SNS',
      '          Properties: {Topic: !Ref Notices, SqsSubscription: true}',
      '        Nightly:',
      '          Type: ScheduleV2',
      '          Properties: {ScheduleExpression: rate(1 day), DeadLetterConfig: {Type: SQS}}',
      '  Fallback:',
      '    Type: AWS::Serverless::Function',
      '    Properties: {Role: arn:aws:iam::111122223333:role/fallback}',
      '  Failed:',
      '    Type: AWS::SQS::Queue',
      '  Notices:',
      '    Type: AWS::SNS::Topic',
      '  BrokerSecret:',
      '    Type: AWS::SecretsManager::Secret',
      '',
    ].join('\n')
    const { principals, problems } = await discover(text)
    expect(problems).toEqual([])
    const byRole = byRoleName(principals)
    const fn = byRole['${FnRole}']
    // The SNS event through a queue polls it; an empty Tracing is none, so no X-Ray.
    expect(
      fn?.policies.flatMap((d) =>
        d.source?.kind === 'aws-managed-policy' ? [d.source.arn.split('/').pop()] : [],
      ),
    ).toEqual([
      'AWSLambdaBasicExecutionRole',
      'AWSLambdaKinesisExecutionRole',
      'AWSLambdaSQSQueueExecutionRole',
    ])
    const parts = (fn?.policies ?? [])
      .filter((d) => d.source?.kind === 'cloudformation')
      .flatMap((d) =>
        d.statements.map(
          (s) =>
            `${d.source?.kind === 'cloudformation' ? d.source.part : ''} ${s.line}: ${s.actions.map((a) => a.value).join(' ')} | ${s.resources.map((r) => r.value).join(' ')}`,
        ),
      )
    expect(parts).toEqual([
      'Events.Broker 11: secretsmanager:GetSecretValue | ${BrokerSecret}',
      'Events.Broker 11: mq:DescribeBroker | arn:aws:mq:us-east-1:111122223333:broker:b:b-1',
      'Events.Broker 11: kms:Decrypt | arn:aws:kms:${AWS::Region}:111122223333:key/1234abcd',
      'Events.Stream 18: sqs:SendMessage | ${Failed.Arn}',
      'Events.Kafka 24: secretsmanager:GetSecretValue | arn:aws:secretsmanager:us-east-1:111122223333:secret:kafka',
      'Events.Kafka 24: ec2:CreateNetworkInterface ec2:DescribeNetworkInterfaces ec2:DeleteNetworkInterface ec2:DescribeVpcs ec2:DescribeSubnets ec2:DescribeSecurityGroups | *',
      // SNS without a Destination: the topic SAM makes.
      'EventInvokeConfig.DestinationConfig.OnSuccess 8: sns:publish | ${FnEventInvokeConfigOnSuccessTopic}',
      'EventInvokeConfig.DestinationConfig.OnFailure 9: lambda:InvokeFunction | ${Fallback.Arn}',
    ])
    // The scheduler's role may send to the dead-letter queue SAM makes for it.
    expect(statements(byRole['${FnNightlyRole}'])).toEqual([
      '36: lambda:InvokeFunction@36 | ${Fn.Arn}@36',
      '36: sqs:SendMessage@36 | ${FnNightlyQueue.Arn}@36',
    ])
  })

  // AWS SAM's own integration test (basic_function_event_destinations): a Destination that is none under
  // a condition is the queue or topic SAM makes under it. The run stopped on a statement with no Resource.
  it('reads an invoke destination that is none under a condition as the queue or topic SAM makes', async () => {
    const text = (destination: string) =>
      [
        'Parameters:',
        '  Queue: { Type: String }',
        'Conditions:',
        "  HasQueue: !Not [!Equals [!Ref Queue, '']]",
        'Resources:',
        '  Fn:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      EventInvokeConfig:',
        '        DestinationConfig:',
        `          OnSuccess: {Type: SQS, Destination: ${destination}}`,
        '          OnFailure: {Type: SNS, Destination: !If [HasQueue, !Ref AWS::NoValue, !Ref AWS::NoValue]}',
        '',
      ].join('\n')
    const destinations = async (destination: string) => {
      const { principals, problems } = await discover(text(destination))
      expect(problems).toEqual([])
      return statements(byRoleName(principals)['${FnRole}']).filter((s) => !s.includes('logs:'))
    }
    expect(await destinations('!If [HasQueue, !Ref Queue, !Ref AWS::NoValue]')).toEqual([
      '11: sqs:SendMessage@11 | ${Queue}@11 ${FnEventInvokeConfigOnSuccessQueue.Arn}@11',
      '12: sns:publish@12 | ${FnEventInvokeConfigOnFailureTopic}@12',
    ])
    expect(await destinations('!If [HasQueue, !Ref AWS::NoValue, !Ref Queue]')).toEqual([
      '11: sqs:SendMessage@11 | ${FnEventInvokeConfigOnSuccessQueue.Arn}@11 ${Queue}@11',
      '12: sns:publish@12 | ${FnEventInvokeConfigOnFailureTopic}@12',
    ])
  })

  it('says which parameter a SAM policy template misses', async () => {
    const text =
      'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Policies:\n        - S3ReadPolicy: {}\n'
    expect((await discover(text)).problems).toEqual([
      `${APP}:6:25: S3ReadPolicy: the SAM policy template needs BucketName; BucketName is missing`,
    ])
  })

  it("reads AWS's public example templates: every role, with the statements written in it", async () => {
    const dir = join(FIXTURES, 'public')
    const found: string[] = []
    for (const name of readdirSync(dir)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort()) {
      const parsed = parseTemplate(name, readFileSync(join(dir, name), 'utf8'))
      expect(parsed.problems).toEqual([])
      const result = await discoverFromTemplate(name, parsed.root as never, {
        parameters: new Map(),
        account: '111122223333',
        region: 'us-east-1',
        stackName: undefined,
        managedPolicies: loadManagedPolicies,
      })
      expect(result.problems).toEqual([])
      for (const p of result.principals)
        found.push(
          `${name} ${p.arn.split(':').pop()} ${p.policies.map((d) => d.statements.length).join('+')}`,
        )
    }
    expect(found).toEqual([
      'Config_Config.yaml role/${LambdaExecutionRole} 1',
      // An inline policy of three statements, and AWS_ConfigRole (an AWS managed policy, by a !Sub ARN).
      'Config_Config.yaml role/${ConfigRole} 3+4',
      'S3_S3_LambdaTrigger.yaml role/${LambdaIAMRole} 1',
      'Solutions_CodeBuildAndCodePipeline_cloudformation-codepipeline-template.yaml role/${PipelineRole} 1+2+1',
      'Solutions_CodeBuildAndCodePipeline_cloudformation-codepipeline-template.yaml role/${EventRole} 1',
      'Solutions_VPCFlowLogs_templates_VPCFlowLogsCloudWatch.cfn.yaml role/${VPCFlowLogsRole} 1',
      'Solutions_VPCPeering_templates_VPCPeering-Accepter-Role.cfn.json role/${PeerRole} 1',
      'Solutions_VPCPeering_templates_VPCPeering-Accepter-Role.cfn.yaml role/${PeerRole} 1',
    ])
  })

  it('keeps a policy under an undecided !If in the Policies list (the other branch AWS::NoValue)', async () => {
    const text = [
      'Parameters:',
      '  KeyArn: { Type: String }',
      'Conditions:',
      '  HasKey: !Not [!Equals [!Ref KeyArn, ""]]',
      'Resources:',
      '  R:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      RoleName: r',
      '      Policies:',
      '        - !If',
      '          - HasKey',
      '          - PolicyName: key',
      '            PolicyDocument:',
      '              Statement:',
      '                - Effect: Allow',
      '                  Action: kms:Decrypt',
      '                  Resource: !Ref KeyArn',
      '          - !Ref AWS::NoValue',
      '',
    ].join('\n')
    const { principals, problems } = await discover(text)
    expect(problems).toEqual([])
    expect(statements(principals[0])).toEqual(['16: kms:Decrypt@17 | ${KeyArn}@18'])
  })

  it('keeps what only the deployed stack knows a placeholder through Split, Select and Join, and SAM aliases', async () => {
    const text = [
      'Transform: AWS::Serverless-2016-10-31',
      'Parameters:',
      '  Subnets: { Type: "List<AWS::EC2::Subnet::Id>" }',
      'Resources:',
      '  Table: { Type: AWS::DynamoDB::Table }',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      AutoPublishAlias: live',
      '  R:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      RoleName: r',
      '      Policies:',
      '        - PolicyName: p',
      '          PolicyDocument:',
      '            Statement:',
      '              - Effect: Allow',
      '                Action: dynamodb:GetRecords',
      '                Resource:',
      // A stream ARN split at "/": the label is part 3 of what the placeholder holds.
      '                  - !Sub ["arn:aws:dynamodb:::table/t/stream/${L}", { L: !Select [3, !Split ["/", !GetAtt Table.StreamArn]] }]',
      // Parts before the first placeholder are known; a placeholder stays whole.
      '                  - !Select [2, !Split [":", !Sub "arn:aws:iam::${AWS::AccountId}:role/x"]]',
      '                  - !Select [4, !Split [":", !Sub "arn:aws:iam::${AWS::AccountId}:role/x"]]',
      '                  - !Select [0, !GetAZs ""]',
      '                  - !Join [",", !Ref Subnets]',
      '              - Effect: Allow',
      '                Action: lambda:InvokeFunction',
      '                Resource: [!Ref Fn.Alias, !Ref Fn.Version]',
      '',
    ].join('\n')
    const { principals, problems } = await discover(text, { account: undefined })
    expect(problems).toEqual([])
    expect(
      principals
        .find((p) => p.arn.endsWith('role/r'))
        ?.policies[0]?.statements.map((s) => s.resources.map((r) => r.value)),
    ).toEqual([
      [
        'arn:aws:dynamodb:::table/t/stream/${Select:3:Table.StreamArn}',
        'iam',
        '${Select:4:arn:aws:iam::${AWS::AccountId}:role/x}',
        '${Select:0:GetAZs:${AWS::Region}}',
        '${Subnets}',
      ],
      ['${Fn.Alias}', '${Fn.Version}'],
    ])
    // What is known is still checked: an index past a list of known parts is the template's mistake.
    const wrong = await discover(
      text.replace('!Select [2, !Split [":", !Sub', '!Select [9, !Split [":", !Sub'),
    )
    expect(wrong.problems).toEqual([
      'stacks/app.yml:22:21: Resources.R: Fn::Select: index 9 is outside the list of 6',
    ])
    const unknownRef = await discover(text.replace('!Ref Fn.Alias', '!Ref Gone.Alias'))
    expect(unknownRef.problems).toEqual([
      expect.stringMatching(/Ref: "Gone\.Alias" is neither a parameter nor a resource of this template/),
    ])
  })

  it('reads quoted scalars whose later lines are indented no deeper than their key, folded as YAML folds them', async () => {
    // As AWS Quick Start templates write descriptions and JSON strings; CloudFormation deploys them.
    const text = [
      'Parameters:',
      '  Bucket:',
      "    Description: 'The bucket the role reads, with its objects; it is ",
      '    created by the other stack.',
      '',
      "    Keep the default unless you are customising.'",
      '    Type: String',
      '    Default: reports',
      'Resources:',
      '  R:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      RoleName: "app-',
      '      reader"',
      '      Tags: [{Key: team, Value: "data',
      '      platform"}]',
      '      Policies:',
      '        - PolicyName: p',
      "          PolicyDocument: '{",
      '            "Version": "2012-10-17",',
      '            "Statement": {"Effect": "Allow", "Action": "s3:GetObject",',
      '          "Resource": "arn:aws:s3:::reports/*"}',
      "          }'",
      '',
    ].join('\n')
    const { principals, problems } = await discover(text)
    expect(problems).toEqual([])
    // "app-\n      reader" folds to one space, as YAML folds a line break.
    expect(principals.map((p) => p.arn)).toEqual(['arn:aws:iam::111122223333:role/app- reader'])
    expect(statements(principals[0])).toEqual(['19: s3:GetObject@19 | arn:aws:s3:::reports/*@19'])
    const parsed = parseTemplate(APP, text)
    const parameters = parsed.root?.type === 'object' ? parsed.root.values[0] : undefined
    const bucket = parameters?.type === 'object' ? parameters.values[0] : undefined
    const description = bucket?.type === 'object' ? bucket.values[0] : undefined
    expect(description).toMatchObject({
      type: 'string',
      value:
        'The bucket the role reads, with its objects; it is created by the other stack.\nKeep the default unless you are customising.',
      line: 3,
      column: 19,
    })
    // Inside a flow collection written over lines too.
    expect(JSON.stringify(parsed.root).match(/"data[^"]*platform"/)?.[0]).toBe('"data platform"')
  })

  it('reads flow collections indented no deeper than their key, as CloudFormation does, at their lines', async () => {
    const text = [
      'Resources:',
      '  R:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      RoleName: r',
      '      Description: |',
      '        Not structure: [',
      '      Policies:',
      '        - PolicyName: p',
      '          PolicyDocument:',
      '            Statement:',
      '            - Effect: Allow',
      '              Action: [',
      '              "s3:GetObject", # the objects',
      "              's3:PutObject'",
      '              ]',
      '              Resource: !Sub [',
      '              "arn:aws:s3:::${B}/*",',
      '              B: reports-#1,',
      '              ]',
      '              Condition: {"StringEquals": {',
      '              "aws:ResourceTag/team": "a#b"},',
      '              }',
      '',
    ].join('\n')
    const { principals, problems } = await discover(text)
    expect(problems).toEqual([])
    expect(statements(principals[0])).toEqual([
      '12: s3:GetObject@14 s3:PutObject@15 | arn:aws:s3:::reports-#1/*@17',
    ])
    expect(principals[0]?.policies[0]?.statements[0]?.actions[1]?.column).toBe(16)
    expect(principals[0]?.policies[0]?.statements[0]?.condition?.value).toBe(
      '{"StringEquals":{"aws:ResourceTag/team":"a#b"}}',
    )
    // Indentation that is wrong outside a flow collection stays the error it is.
    const wrong = await discover(text.replace('      Policies:', '     Policies:'))
    expect(wrong.problems).toEqual([expect.stringMatching(/^stacks\/app\.yml:\d+:\d+: not valid YAML: /)])
  })

  it('says that a Rain directive is not CloudFormation, in YAML and in JSON, and where', async () => {
    const yaml = await discover('Resources:\n  Storage:\n    Type: !Rain::Module ../bucket.yml\n')
    expect(yaml.problems).toEqual([
      `${APP}:3:11: unknown tag !Rain::Module: a directive of the Rain tool, not CloudFormation: point template: at what \`rain pkg\` writes`,
    ])
    const json = await discover(
      '{"Resources": {\n  "Storage": {\n    "Type": {"Rain::Module": "../bucket.yml"}}}}\n',
    )
    expect(json.problems).toEqual([
      `${APP}:3:13: Resources.Storage: its Type is Rain::Module, a directive of the Rain tool, not CloudFormation: point template: at what \`rain pkg\` writes`,
    ])
  })

  it('leaves out the templates an exclusion names, and says how at the glob when some cannot be read', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipd-cfn-exclude-'))
    try {
      mkdirSync(join(root, 'stacks', 'rain'), { recursive: true })
      writeFileSync(join(root, APP), app)
      // Another tool's source among the templates: what `rain pkg` reads, not CloudFormation.
      writeFileSync(
        join(root, 'stacks/rain/site.yml'),
        'Resources:\n  Site:\n    Type: !Rain::Module site.yml\n',
      )
      const load = (...patterns: string[]) =>
        cloudFormationSource('cfg.yml', [
          { ...entryFor(''), template: patterns.map((pattern, i) => ({ pattern, line: 3 + i })) },
        ]).load(root)
      const all = await load('stacks/**/*.yml')
      expect(all.problems.map(formatProblem)).toEqual([
        expect.stringMatching(/^stacks\/rain\/site\.yml:3:11: unknown tag !Rain::Module: /),
        'cfg.yml:3: cloudformation: template: a template the glob matches has problems: fix it, or leave it out with an exclusion after the glob, such as "!stacks/rain/site.yml"',
      ])
      // The config caught by the glob (aws-cloudformation-templates, `**/*.yml`), with a problem of its own
      // (an exclusion that excludes nothing): not a template with problems, nor the one to leave out.
      writeFileSync(join(root, 'cfg.yml'), 'cloudformation: []\n')
      expect((await load('**/*.yml', '!none/*.yml')).problems.map(formatProblem)).toEqual([
        'cfg.yml:4: cloudformation: template: "!none/*.yml" excludes no file the globs before it match',
        expect.stringMatching(/^stacks\/rain\/site\.yml:3:11: unknown tag !Rain::Module: /),
        'cfg.yml:4: cloudformation: template: a template the glob matches has problems: fix it, or leave it out with an exclusion after the glob, such as "!stacks/rain/site.yml"',
      ])
      const left = await load('stacks/**/*.yml', '!stacks/rain')
      expect(left.problems).toEqual([])
      expect(left.principals.map((p) => p.arn)).toEqual(all.principals.map((p) => p.arn))
      expect(left.principals.length).toBeGreaterThan(0)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('passes over, with a notice, a file a template glob catches that has nothing of a template', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipd-cfn-search-'))
    mkdirSync(join(root, '.github', 'workflows'), { recursive: true })
    mkdirSync(join(root, 'stacks'))
    // With a note of its own besides (a key twice): still one file among those passed over.
    writeFileSync(join(root, '.github/workflows/ci.yml'), 'name: ci\non: push\njobs: {}\njobs: {}\n')
    writeFileSync(join(root, '.github/x.yml'), 'cloudformation:\n  - template: "**/*.yml"\n')
    writeFileSync(join(root, 'stacks/empty.yml'), 'AWSTemplateFormatVersion: "2010-09-09"\n')
    // Not YAML a parser takes: a Helm chart's template; and a template with a mistake in its YAML.
    mkdirSync(join(root, 'chart', 'templates'), { recursive: true })
    writeFileSync(join(root, 'chart/templates/sa.yml'), 'metadata:\n  name: {{ .Values.name }}\n  x: [\n')
    writeFileSync(join(root, 'stacks/broken.yml'), 'Resources:\n  R: [\n')
    // 60,000 blank lines: looking for a template's key from each line on through all the rest took 7 s.
    writeFileSync(join(root, 'chart/templates/long.yml'), `metadata:${' \n'.repeat(60_000)}  x: [\n`)
    writeFileSync(join(root, 'stacks/late.yml'), `${'\t\n'.repeat(1_000)}  "Resources" :\n  R: [\n`)
    writeFileSync(join(root, APP), app)
    const searched = await discoverPrincipals(
      [cloudFormationSource('.github/x.yml', [entryFor('**/*.yml')])],
      root,
    )
    // A file with a template's keys but no Resources is still an error: a template with a mistake.
    expect(searched.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^stacks\/broken\.yml:\d+:\d+: not valid YAML: /),
      'stacks/empty.yml:1:1: not a CloudFormation template: it has no Resources mapping',
      expect.stringMatching(/^stacks\/late\.yml:\d+:\d+: not valid YAML: /),
      // The other five are read: one line at the glob says how to leave the three out.
      '.github/x.yml:3: cloudformation: template: 3 of the 8 templates the glob matches have problems: fix them, or leave each out with an exclusion after the glob, such as "!stacks/broken.yml"',
    ])
    // Four of them: one notice at the glob, not four that take the notices a run shows; and nothing of
    // what is in them (the workflow's key given twice): they are not templates.
    expect(searched.notes.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^stacks\/app\.yml:84:3: Resources\.ProdOnly \(AWS::IAM::RolePolicy\) is not in the stack/,
      ),
      '.github/x.yml:3: cloudformation: template: 4 files the glob matches are not CloudFormation templates ' +
        "(none of a template's top-level keys: Resources, AWSTemplateFormatVersion, Transform, …): passed over: " +
        '".github/workflows/ci.yml", ".github/x.yml", "chart/templates/long.yml", … (1 more). An exclusion after ' +
        'the glob leaves them out, such as "!.github/workflows/ci.yml"',
    ])
    // One alone: its own notice, at the file, with why.
    const alone = async (pattern: string) =>
      (
        await discoverPrincipals([cloudFormationSource('.github/x.yml', [entryFor(pattern)])], root)
      ).notes.map(formatProblem)
    expect(await alone('.github/workflows/*.yml')).toEqual([
      '.github/workflows/ci.yml:1: not a CloudFormation template (none of its top-level keys: Resources, AWSTemplateFormatVersion, Transform, …): passed over; the template: glob matches it ("!.github/workflows/ci.yml" after it leaves it out)',
    ])
    expect(await alone('chart/templates/s*.yml')).toEqual([
      expect.stringMatching(
        /^chart\/templates\/sa\.yml:1: not read: not valid YAML: .*; nothing in it looks like a CloudFormation template .*, so it is passed over: the template: glob matches it \("!chart\/templates\/sa\.yml" after it leaves it out\)$/,
      ),
    ])
    expect(searched.principals.length).toBeGreaterThan(0)
    // Named by its path, the same file is an error.
    const named = await discoverPrincipals(
      [cloudFormationSource('.github/x.yml', [entryFor('.github/workflows/ci.yml')])],
      root,
    )
    expect(named.problems.map(formatProblem)).toEqual([
      '.github/workflows/ci.yml:1:1: not a CloudFormation template: it has no Resources mapping',
    ])
  })

  it("says what a tool wrote instead of a template: the AWS CLI's get-template, a cloud assembly's other files", async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipd-cfn-outputs-'))
    try {
      mkdirSync(join(root, 'stacks'))
      mkdirSync(join(root, 'cdk.out'))
      // `aws cloudformation get-template --stack-name app`: a JSON template's body is an object, a YAML
      // one's a string (and --output yaml writes the whole answer as YAML).
      const body = {
        Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } } },
      }
      writeFileSync(
        join(root, 'stacks/app.json'),
        JSON.stringify({ TemplateBody: body, StagesAvailable: ['Original', 'Processed'] }, null, 4),
      )
      writeFileSync(
        join(root, 'stacks/web.yml'),
        "StagesAvailable:\n- Original\n- Processed\nTemplateBody: 'Resources:\n\n  R:\n\n    Type: AWS::SNS::Topic\n\n  '\n",
      )
      // What `cdk synth` writes beside the templates (trimmed to their top-level keys).
      writeFileSync(join(root, 'cdk.out/manifest.json'), '{"version": "41.0.0", "artifacts": {}}\n')
      writeFileSync(
        join(root, 'cdk.out/App.assets.json'),
        '{"version": "41.0.0", "files": {}, "dockerImages": {}}\n',
      )
      writeFileSync(join(root, 'cdk.out/tree.json'), '{"version": "tree-0.1", "tree": {"id": "App"}}\n')
      writeFileSync(join(root, 'cdk.out/App.template.json'), JSON.stringify(body))
      const got = await discoverPrincipals(
        [cloudFormationSource('.github/x.yml', [entryFor('stacks/*'), entryFor('cdk.out/*.json')])],
        root,
      )
      const getTemplate =
        'not a template: the template is its TemplateBody. Save that alone: add --query TemplateBody (with --output json for a JSON template, --output text for a YAML one)'
      // Refused even when a glob caught it: the run would otherwise pass having read nothing of it.
      expect(got.problems.map(formatProblem)).toEqual([
        `stacks/app.json:1:1: the output of "aws cloudformation get-template", ${getTemplate}`,
        `stacks/web.yml:1:1: the output of "aws cloudformation get-template", ${getTemplate}`,
      ])
      const advice = "To read the assembly's stacks, name its directory with cdk-out: (cdk-out: cdk.out)"
      expect(got.notes.map(formatProblem)).toEqual([
        `cdk.out/App.assets.json:1: a CDK cloud assembly's asset manifest, not a template: passed over, the template: glob matches it. ${advice}`,
        `cdk.out/manifest.json:1: a CDK cloud assembly's manifest, not a template: passed over, the template: glob matches it. ${advice}`,
        `cdk.out/tree.json:1: a CDK cloud assembly's construct tree, not a template: passed over, the template: glob matches it. ${advice}`,
      ])
      // Named by its path, a cloud assembly's manifest is an error, with the same advice.
      const named = await discoverPrincipals(
        [cloudFormationSource('.github/x.yml', [entryFor('cdk.out/manifest.json')])],
        root,
      )
      expect(named.problems.map(formatProblem)).toEqual([
        `cdk.out/manifest.json:1:1: a CDK cloud assembly's manifest, not a template. ${advice}`,
      ])
      // A CodeBuild buildspec has a version and artifacts too: no template, and no cloud assembly's file.
      writeFileSync(
        join(root, 'buildspec.yml'),
        'version: 0.2\nphases:\n  build:\n    commands: [make]\nartifacts:\n  files: ["**/*"]\n',
      )
      const buildspec = await discoverPrincipals(
        [cloudFormationSource('.github/x.yml', [entryFor('buildspec.yml')])],
        root,
      )
      expect(buildspec.problems.map(formatProblem)).toEqual([
        'buildspec.yml:1:1: not a CloudFormation template: it has no Resources mapping',
      ])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('says that a Serverless Framework service is not a template, and where its template is written', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipd-cfn-serverless-'))
    try {
      writeFileSync(
        join(root, 'serverless.yml'),
        [
          'service: orders',
          'provider:',
          '  name: aws',
          '  iam:',
          '    role:',
          '      statements:',
          '        - { Effect: Allow, Action: "s3:*", Resource: "*" }',
          'functions:',
          '  place: { handler: handler.place }',
          'resources:',
          '  Resources:',
          '    Orders: { Type: AWS::DynamoDB::Table }',
          '',
        ].join('\n'),
      )
      const what = 'a Serverless Framework service (serverless.yml: service:, provider:), not a template'
      const advice =
        "The Serverless Framework writes its stack's template when it packages: run `serverless package` before " +
        'this step, and name what it writes with template: (.serverless/cloudformation-template-update-stack.json)'
      const named = await discoverPrincipals(
        [cloudFormationSource('.github/x.yml', [entryFor('serverless.yml')])],
        root,
      )
      expect(named.problems.map(formatProblem)).toEqual([`serverless.yml:1:1: ${what}. ${advice}`])
      const searched = await discoverPrincipals(
        [cloudFormationSource('.github/x.yml', [entryFor('*.yml')])],
        root,
      )
      expect(searched.problems).toEqual([])
      expect(searched.notes.map(formatProblem)).toEqual([
        `serverless.yml:1: ${what}: passed over, the template: glob matches it. ${advice}`,
      ])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it("passes over the files of a stack's parameter values that a glob of templates catches", async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipd-cfn-parameters-'))
    try {
      mkdirSync(join(root, 'stacks'))
      writeFileSync(
        join(root, 'stacks/app.json'),
        JSON.stringify({
          Parameters: { Capacity: { Type: 'Number', Default: 5 } },
          Resources: {
            R: {
              Type: 'AWS::IAM::Role',
              Properties: {
                RoleName: 'app',
                AssumeRolePolicyDocument: {},
                Policies: [
                  {
                    PolicyName: 'p',
                    PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
                  },
                ],
              },
            },
          },
        }),
      )
      // `aws cloudformation create-stack --parameters file://stacks/app-params.json`, as
      // awslabs/aws-cloudformation-templates keeps one (with the stack's Tags and a StackPolicy).
      writeFileSync(
        join(root, 'stacks/app-params.json'),
        JSON.stringify(
          {
            Parameters: [{ ParameterKey: 'Capacity', ParameterValue: '20' }],
            Tags: [{ Key: 'Environment', Value: 'Dev' }],
            StackPolicy: { Statement: [{ Effect: 'Allow', Action: '*', Principal: '*', Resource: '*' }] },
          },
          null,
          2,
        ),
      )
      // CodePipeline's template configuration file: each parameter a value.
      writeFileSync(
        join(root, 'stacks/prod.json'),
        JSON.stringify({ Parameters: { Capacity: '40' }, Tags: { Stage: 'prod' } }, null, 2),
      )
      // Parameters whose values are declarations are a template's, without Resources: still an error.
      writeFileSync(
        join(root, 'stacks/partial.json'),
        JSON.stringify({ Parameters: { Capacity: { Type: 'Number' } } }, null, 2),
      )
      const advice =
        'To check the template with these values, give them to its cloudformation: entry as parameters: { Name: value }'
      const searched = await discoverPrincipals(
        [cloudFormationSource('.github/x.yml', [entryFor('stacks/*.json')])],
        root,
      )
      expect(searched.notes.map(formatProblem)).toEqual([
        `stacks/app-params.json:1: a list of stack parameters (ParameterKey, ParameterValue) for the AWS CLI, not a template: passed over, the template: glob matches it. ${advice}`,
        `stacks/prod.json:1: a template configuration file (Parameters, Tags, StackPolicy) of CodePipeline's CloudFormation action, not a template: passed over, the template: glob matches it. ${advice}`,
      ])
      expect(searched.problems.map(formatProblem)).toEqual([
        'stacks/partial.json:1:1: not a CloudFormation template: it has no Resources mapping',
        expect.stringMatching(/^\.github\/x\.yml:\d+: cloudformation: template: a template the glob matches/),
      ])
      const checked = await discoverPrincipals(
        [cloudFormationSource('.github/x.yml', [entryFor('stacks/app*.json')])],
        root,
      )
      expect(checked.problems).toEqual([])
      expect(checked.principals.map((p) => p.arn)).toEqual(['arn:aws:iam::111122223333:role/app'])
      // Named by its path, it is an error, with the same advice.
      const named = await discoverPrincipals(
        [cloudFormationSource('.github/x.yml', [entryFor('stacks/prod.json')])],
        root,
      )
      expect(named.problems.map(formatProblem)).toEqual([
        `stacks/prod.json:1:1: a template configuration file (Parameters, Tags, StackPolicy) of CodePipeline's CloudFormation action, not a template. ${advice}`,
      ])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('keeps the last of a key given twice, as CloudFormation and SAM do, and says where', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipd-cfn-twice-'))
    try {
      mkdirSync(join(root, 'stacks'))
      const template = [
        'Resources:',
        '  R:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      RoleName: first',
        '      RoleName: second',
        '      Policies:',
        '        - PolicyName: p',
        '          PolicyDocument:',
        '            Statement:',
        '              - Effect: Allow',
        '                Action: s3:*',
        '                Resource: "*"',
        '                Action: s3:GetObject',
        '',
      ].join('\n')
      writeFileSync(join(root, APP), template)
      const result = await discoverPrincipals([cloudFormationSource('.github/x.yml', [entryFor(APP)])], root)
      expect(result.problems).toEqual([])
      expect(result.principals.map((p) => [p.arn, statements(p)])).toEqual([
        ['arn:aws:iam::111122223333:role/second', ['11: s3:GetObject@14 | *@13']],
      ])
      expect(result.notes.map(formatProblem)).toEqual([
        `${APP}:6:7: the key "RoleName" is given twice in this mapping; CloudFormation, like SAM, keeps the last`,
        `${APP}:14:17: the key "Action" is given twice in this mapping; CloudFormation, like SAM, keeps the last`,
      ])
      // A JSON template is read the same way (CloudFormation does), though JSON.parse would agree only on values.
      const json = [
        '{"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {',
        '  "RoleName": "first",',
        '  "RoleName": "second",',
        '  "Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [{',
        '    "Effect": "Allow", "Action": "s3:*", "Resource": "*",',
        '    "Action": "s3:GetObject"}]}}]}}}}',
        '',
      ].join('\n')
      writeFileSync(join(root, 'stacks/app.json'), json)
      const fromJson = await discoverPrincipals(
        [cloudFormationSource('.github/x.yml', [entryFor('stacks/app.json')])],
        root,
      )
      expect(fromJson.problems).toEqual([])
      expect(fromJson.principals.map((p) => [p.arn, statements(p)])).toEqual([
        ['arn:aws:iam::111122223333:role/second', ['4: s3:GetObject@6 | *@5']],
      ])
      expect(fromJson.notes.map(formatProblem)).toEqual([
        'stacks/app.json:3:3: the key "RoleName" is given twice in this mapping; CloudFormation, like SAM, keeps the last',
        'stacks/app.json:6:5: the key "Action" is given twice in this mapping; CloudFormation, like SAM, keeps the last',
      ])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it("gives Fn::FindInMap's DefaultValue (AWS::LanguageExtensions) for a key the mapping lacks", async () => {
    const template = (options: string) =>
      [
        'Transform: AWS::LanguageExtensions', // 1
        'Mappings:', // 2
        '  Buckets:', // 3
        '    prod: { Name: reports-prod }', // 4
        ...appRoleLines(), // 5-13
        `              - { Effect: Allow, Action: s3:GetObject, Resource: !Sub ['arn:aws:s3:::\${B}/*', { B: !FindInMap [Buckets, prod, Name${options}] }] }`, // 14
        `              - { Effect: Allow, Action: s3:PutObject, Resource: !Sub ['arn:aws:s3:::\${B}/*', { B: !FindInMap [Buckets, dev, Name${options}] }] }`, // 15
      ].join('\n')
    const { principals, problems } = await discover(
      template(', { DefaultValue: !Sub "${AWS::AccountId}-fallback" }'),
    )
    expect(problems).toEqual([])
    expect(statements(principals[0])).toEqual([
      '14: s3:GetObject@14 | arn:aws:s3:::reports-prod/*@14',
      '15: s3:PutObject@15 | arn:aws:s3:::111122223333-fallback/*@15',
    ])
    // Without one, CloudFormation refuses the template.
    expect((await discover(template(''))).problems).toEqual([
      expect.stringMatching(/Fn::FindInMap: no key "dev" in the mapping/),
    ])
  })

  it('expands Fn::ForEach of the AWS::LanguageExtensions transform', async () => {
    const text = [
      'Transform: AWS::LanguageExtensions',
      'Resources:',
      '  Fn::ForEach::Roles:',
      '    - Team',
      '    - [red, blue]',
      '    - ${Team}Role:',
      '        Type: AWS::IAM::Role',
      '        Properties:',
      '          RoleName: !Sub team-${Team}',
      '          Policies:',
      '            - PolicyName: own',
      '              PolicyDocument:',
      '                Statement:',
      '                  - Effect: Allow',
      '                    Action: s3:GetObject',
      '                    Resource: !Sub arn:aws:s3:::${Team}/*',
      '',
    ].join('\n')
    const { principals, problems } = await discover(text)
    expect(problems).toEqual([])
    expect(
      principals.map((p) => `${p.arn} ${p.source.kind === 'cloudformation' && p.source.logicalId}`),
    ).toEqual([
      'arn:aws:iam::111122223333:role/team-red redRole',
      'arn:aws:iam::111122223333:role/team-blue blueRole',
    ])
    expect(statements(principals[1])).toEqual(['14: s3:GetObject@15 | arn:aws:s3:::blue/*@16'])
  })

  it('refuses Fn::ForEach loops that multiply past 10,000 copies, before making them', async () => {
    // Three nested loops over 300 values: 27 million copies, which ran a runner out of memory.
    const values = JSON.stringify(Array.from({ length: 300 }, (_, i) => `v${i}`))
    const loop = (name: string, inner: string) => `{"Fn::ForEach::${name}": ["${name}", ${values}, ${inner}]}`
    const fragment = '{"Topic${A}${B}${C}": {"Type": "AWS::SNS::Topic"}}'
    const text = `{"Transform": "AWS::LanguageExtensions", "Resources": ${loop('A', loop('B', loop('C', fragment)))}}`
    const { problems, principals } = await discover(text)
    expect(principals).toEqual([])
    expect(problems).toEqual([
      expect.stringMatching(
        /^stacks\/app\.yml:1:\d+: Resources: Fn::ForEach::C: its loops make more than 10,000 copies of their fragments; CloudFormation takes 500 resources in a stack$/,
      ),
    ])
    // Under the bound, as many as the loops make.
    const two = `{"Transform": "AWS::LanguageExtensions", "Resources": ${loop('A', loop('B', '{"T${A}${B}": {"Type": "AWS::SNS::Topic"}}'))}}`
    expect((await discover(two)).problems).toEqual([expect.stringMatching(/more than 10,000 copies/)])
    const small = JSON.stringify(Array.from({ length: 90 }, (_, i) => `v${i}`))
    const fits = `{"Transform": "AWS::LanguageExtensions", "Resources": {"Fn::ForEach::A": ["A", ${small}, {"Fn::ForEach::B": ["B", ${small}, {"Role\${A}\${B}": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": {"Fn::Sub": "r-\${A}-\${B}"}}}}]}]}}`
    expect((await discover(fits)).principals).toHaveLength(8100)
  })

  it('leaves out a Fn::ForEach over values not known here that makes no IAM resource, and names the parameter', async () => {
    // As in cfn-lint's templates/good/functions/foreach.yaml: buckets over a mapping chosen by a parameter.
    const loop = (type: string, resource = '"*"') =>
      [
        'Transform: AWS::LanguageExtensions',
        'Parameters:',
        '  Environment: { Type: String }',
        'Mappings:',
        '  Buckets:',
        '    Production: { Identifiers: [A, B] }',
        'Resources:',
        '  Fn::ForEach::Buckets:',
        '    - Identifier',
        '    - !FindInMap [Buckets, !Ref Environment, Identifiers]',
        '    - S3Bucket${Identifier}:',
        `        Type: ${type}`,
        '  Role:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      RoleName: app',
        '      Policies:',
        '        - PolicyName: own',
        '          PolicyDocument:',
        '            Statement:',
        `              - { Effect: Allow, Action: s3:GetObject, Resource: ${resource} }`,
        '',
      ].join('\n')
    const buckets = await discover(loop('AWS::S3::Bucket'))
    expect(buckets.problems).toEqual([])
    expect(buckets.principals.map((p) => p.arn)).toEqual(['arn:aws:iam::111122223333:role/app'])
    expect(buckets.notes).toEqual([
      'stacks/app.yml:8:3: Resources: Fn::ForEach::Buckets was not expanded: its collection depends on the parameter Environment, ' +
        'which has no value here (give it under parameters:); it makes no IAM resource (AWS::S3::Bucket), so no principal or policy is missed',
    ])
    // A bucket it may make, named: a placeholder, as the template's own are; another id, refused.
    const named = await discover(
      loop('AWS::S3::Bucket', '[!GetAtt S3BucketA.Arn, !Sub "${S3BucketB.Arn}/*", !Ref S3BucketC]'),
    )
    expect(named.problems).toEqual([])
    expect(statements(byRoleName(named.principals).app)).toEqual([
      '21: s3:GetObject@21 | ${S3BucketA.Arn}@21 ${S3BucketB.Arn}/*@21 ${S3BucketC}@21',
    ])
    expect((await discover(loop('AWS::S3::Bucket', '!GetAtt Logs.Arn'))).problems).toEqual([
      'stacks/app.yml:21:66: Resources.Role: Fn::GetAtt: "Logs" is not a resource of this template; expected the logical ID of one of its resources',
    ])
    // Roles it would make cannot be left out: an error, saying what to give.
    const roles = await discover(loop('AWS::IAM::Role'))
    expect(roles.problems).toEqual([
      'stacks/app.yml:10:7: Resources: Fn::ForEach::Buckets: its collection depends on the parameter Environment, ' +
        'which has no value here (give it under parameters:)',
    ])
    // Given, the loop is expanded.
    const given = await discover(loop('AWS::IAM::Role'), { parameters: { Environment: 'Production' } })
    expect(given.problems).toEqual([])
    expect(given.principals.map((p) => p.arn)).toEqual([
      'arn:aws:iam::111122223333:role/${S3BucketA}',
      'arn:aws:iam::111122223333:role/${S3BucketB}',
      'arn:aws:iam::111122223333:role/app',
    ])
  })

  it("reads YAML's non-specific tag `!` and Fn::Sub variables written with spaces", async () => {
    // Both from cfn-lint's templates/good (no_value.yaml, generic.yaml): CloudFormation takes them.
    const text = [
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      RoleName: ! app',
      '      Policies:',
      '        - PolicyName: own',
      '          PolicyDocument:',
      '            Statement:',
      '              - Effect: Allow',
      '                Action: lambda:InvokeFunction',
      '                Resource:',
      '                  - Fn::Join: [":", ["arn:aws:lambda", !Ref "AWS::Region", ! "Ref": "AWS::AccountId", "function:f"]]',
      '                  - !Sub "arn:aws:sqs:${ AWS::Region }:${AWS::AccountId}:q"',
      '',
    ].join('\n')
    const { principals, problems } = await discover(text)
    expect(problems).toEqual([])
    expect(principals.map((p) => p.arn)).toEqual(['arn:aws:iam::111122223333:role/app'])
    expect(statements(principals[0])).toEqual([
      '10: lambda:InvokeFunction@11 | arn:aws:lambda:${AWS::Region}:111122223333:function:f@13 arn:aws:sqs:${AWS::Region}:111122223333:q@14',
    ])
  })

  it('lets a SAM template name the resources SAM makes: its implicit API, in a policy and as a connector end', async () => {
    const text = [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: index.handler',
      '      Runtime: nodejs20.x',
      '      CodeUri: src/',
      '      AutoPublishAlias: live',
      '      Events:',
      '        Get: { Type: Api, Properties: { Path: /x, Method: get } }',
      '  Invoke:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      Roles: [!Ref FnRole]',
      '      PolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Action: execute-api:Invoke',
      '            Resource: !Sub "arn:aws:execute-api:us-east-1:111122223333:${ServerlessRestApi}/${ServerlessRestApiProdStage}/*"',
      '          - Effect: Allow',
      '            Action: lambda:InvokeFunction',
      '            Resource: !Ref FnAliaslive',
      '  ApiToFn:',
      '    Type: AWS::Serverless::Connector',
      '    Properties:',
      '      Source: { Id: ServerlessRestApi }',
      '      Destination: { Id: Fn }',
      '      Permissions: [Write]',
      '',
    ].join('\n')
    const { principals, problems } = await discover(text)
    expect(problems).toEqual([])
    expect(statements(principals[0]).slice(-2)).toEqual([
      '18: execute-api:Invoke@19 | arn:aws:execute-api:us-east-1:111122223333:${ServerlessRestApi}/${ServerlessRestApiProdStage}/*@20',
      '21: lambda:InvokeFunction@22 | ${FnAliaslive}@23',
    ])
    // Without an Api event there is no implicit API, and naming it is the mistake it is.
    const none = await discover(
      text.replace('Get: { Type: Api,', 'Get: { Type: Api, Properties: { RestApiId: x } } #'),
    )
    expect(none.problems).toEqual([
      'stacks/app.yml:20:23: Resources.Invoke: Ref: "ServerlessRestApi" is neither a parameter nor a resource of this template',
      "stacks/app.yml:27:15: Resources.ApiToFn: Unable to find resource with logical ID 'ServerlessRestApi'.",
    ])
  })

  it('reads a policy document written as a string of JSON, at the lines of its block', async () => {
    // As in checkov's CloudFormation test templates: CloudFormation takes a JSON string as a document.
    const text = [
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      RoleName: app',
      '      Policies:',
      '        - PolicyName: plain',
      '          PolicyDocument: |',
      '            {"Version": "2012-10-17", "Statement": [',
      '              {',
      '                "Effect": "Allow",',
      '                "Action": ["s3:GetObject",',
      '                           "s3:PutObject"],',
      '                "Resource": "*"',
      '              }',
      '            ]}',
      '        - PolicyName: sub',
      '          PolicyDocument: !Sub |',
      '            {"Version": "2012-10-17", "Statement": [{',
      '              "Effect": "Allow",',
      '              "Action": "sqs:SendMessage",',
      '              "Resource": "arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:q"',
      '            }]}',
      '        - PolicyName: quoted',
      `          PolicyDocument: '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sns:Publish", "Resource": "*"}}'`,
      '',
    ].join('\n')
    const { principals, problems } = await discover(text)
    expect(problems).toEqual([])
    expect(statements(principals[0])).toEqual([
      '10: s3:GetObject@12 s3:PutObject@13 | *@14',
      '19: sqs:SendMessage@21 | arn:aws:sqs:${AWS::Region}:111122223333:q@22',
      // Not a block: every value at the string.
      '25: sns:Publish@25 | *@25',
    ])
    expect(principals[0]?.policies[0]?.statements[0]?.actions[1]?.column).toBe(28)
    // A string that is no policy is an error at its line, saying so.
    const broken = await discover(
      text.replace('"Resource": "*"\n              }', '"Resource": "*",\n              }'),
    )
    expect(broken.problems).toEqual([
      'stacks/app.yml:15:15: invalid JSON: expected a property name in double quotes (a doubled or trailing comma?) (in the policy document written as a string)',
    ])
  })

  it('reads a boundary or managed policies an Fn::If leaves out as none (widdix/aws-cf-templates)', async () => {
    const text = [
      'Parameters:',
      "  PermissionsBoundary: { Type: String, Default: '' }",
      "  ManagedPolicyArns: { Type: String, Default: '' }",
      'Conditions:',
      "  HasPermissionsBoundary: !Not [!Equals [!Ref PermissionsBoundary, '']]",
      "  HasManagedPolicyArns: !Not [!Equals [!Ref ManagedPolicyArns, '']]",
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      RoleName: app',
      "      ManagedPolicyArns: !If [HasManagedPolicyArns, !Split [',', !Ref ManagedPolicyArns], !Ref 'AWS::NoValue']",
      "      PermissionsBoundary: !If [HasPermissionsBoundary, !Ref PermissionsBoundary, !Ref 'AWS::NoValue']",
      '',
    ].join('\n')
    const none = await discover(text)
    expect(none.problems).toEqual([])
    expect(none.principals.map((p) => [p.arn, p.boundary, p.unresolved ?? []])).toEqual([
      ['arn:aws:iam::111122223333:role/app', null, []],
    ])
    const given = await discover(text, {
      parameters: {
        PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        ManagedPolicyArns: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
      },
    })
    expect(given.principals[0]?.boundary?.source).toMatchObject({
      arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    })
    expect(
      given.principals[0]?.policies.map((d) => d.source?.kind === 'aws-managed-policy' && d.source.arn),
    ).toEqual(['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'])
  })

  it('names a Sid IAM refuses at its line, and leaves one known only at deploy time to the deploy', async () => {
    const text = [
      ...appRoleLines(),
      '              - Sid: Allow use of KMS key',
      '                Effect: Allow',
      '                Action: kms:Decrypt',
      '                Resource: "*"',
      "              - Sid: !Sub '${AWS::StackName}Read'",
      '                Effect: Allow',
      '                Action: s3:GetObject',
      '                Resource: "*"',
      '',
    ].join('\n')
    expect((await discover(text)).problems).toEqual([
      'stacks/app.yml:10:22: Statement[0]: "Sid": "Allow use of KMS key" is not valid; expected letters and digits only (A-Z, a-z, 0-9), as IAM refuses the policy otherwise: such as "AllowUseOfKMSKey"',
    ])
  })

  // An AWS Quick Start: a stack made with the empty Default is refused, so the topic it is made with is
  // not known here. The run stopped on it.
  it('reads an empty Default that makes a policy invalid as a placeholder, and names the parameter', async () => {
    const text = [
      'Parameters:',
      "  AlarmTopic: { Type: String, Default: '' }",
      ...appRoleLines(),
      '              - Effect: Allow',
      '                Action: sns:Publish',
      '                Resource:',
      '                  - Ref: AlarmTopic',
      '',
    ].join('\n')
    const read = await discover(text)
    expect(read.problems).toEqual([])
    expect(statements(read.principals[0])).toEqual(['12: sns:Publish@13 | ${AlarmTopic}@15'])
    expect(read.notes).toEqual([
      'stacks/app.yml:11:13: the parameter AlarmTopic is empty by Default, with which this policy is not valid (a stack ' +
        'made so is refused): it was read with that value not known here, both branches of each condition on it ' +
        'checked (give it under parameters:)',
    ])
    const given = await discover(text, {
      parameters: { AlarmTopic: 'arn:aws:sns:us-east-1:111122223333:alarms' },
    })
    expect(given.problems).toEqual([])
    expect(given.notes).toEqual([])
    // Given empty in the config: that value, which is not valid.
    expect((await discover(text, { parameters: { AlarmTopic: '' } })).problems).toEqual([
      'stacks/app.yml:15:21: Statement[0]: "Resource": "" is not valid; expected a non-empty string or a list of them ' +
        '(the value of the parameter AlarmTopic here: give it under parameters:)',
    ])
  })

  it('reads a policy whose statements a condition on an empty Default leaves out with both branches', async () => {
    // An optional key: the policy's one statement, and a resource, only when it is given. With the
    // Default, "Statement" is empty and a statement has no "Resource": the run stopped on both.
    const text = [
      'Parameters:',
      "  KeyArn: { Type: String, Default: '' }",
      "  Other: { Type: String, Default: '' }",
      'Conditions:',
      "  HasKey: !Not [!Equals [!Ref KeyArn, '']]",
      ...appRoleLines('kms'),
      '              - !If',
      '                - HasKey',
      '                - { Effect: Allow, Action: kms:Decrypt, Resource: !Ref KeyArn }',
      '                - !Ref AWS::NoValue',
      '  Policy:',
      '    Type: AWS::IAM::Policy',
      '    Properties:',
      '      PolicyName: s3',
      '      Roles: [!Ref Role]',
      '      PolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Action: s3:GetObject',
      '            Resource: !If [HasKey, !Sub "arn:aws:s3:::${Other}/*", !Ref AWS::NoValue]',
      '',
    ].join('\n')
    const read = await discover(text)
    expect(read.problems).toEqual([])
    // Read as a stack made with other values would be: each empty Default, as not known.
    expect(statements(read.principals[0])).toEqual([
      '17: kms:Decrypt@17 | ${KeyArn}@17',
      '26: s3:GetObject@27 | arn:aws:s3:::${Other}/*@28',
    ])
    expect(read.notes?.map((n) => n.slice(0, n.indexOf(' (a stack')))).toEqual([
      `${APP}:14:13: the parameter KeyArn is empty by Default, with which this policy is not valid`,
      `${APP}:25:9: the parameters KeyArn and Other are empty by Default, with which this policy is not valid`,
    ])
    // Given in the config: as given.
    const given = await discover(text, { parameters: { KeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k' } })
    expect(given.problems).toEqual([])
    expect(given.notes).toEqual([])
    expect(statements(given.principals[0])).toEqual([
      '17: kms:Decrypt@17 | arn:aws:kms:us-east-1:111122223333:key/k@17',
      '26: s3:GetObject@27 | arn:aws:s3:::/*@28',
    ])
  })

  // AWS SAM's translator input function_with_event_dest: `Default: true`, which YAML reads as a boolean
  // and CloudFormation as the text "true". It was read as no Default, so the conditions on it undecided.
  it('reads a Default written as a YAML boolean or number as the text CloudFormation makes of it', async () => {
    const text = [
      'Parameters:',
      '  UseQueue: { Type: String, AllowedValues: [true, false], Default: true }',
      '  Retries: { Type: Number, Default: 3 }',
      'Conditions:',
      '  Queue: !Equals [!Ref UseQueue, true]',
      ...appRoleLines(),
      '              - Effect: Allow',
      '                Action: !If [Queue, sqs:SendMessage, sns:Publish]',
      '                Resource: !Sub "arn:aws:sqs:us-east-1:111122223333:q-${UseQueue}-${Retries}"',
      '',
    ].join('\n')
    const { principals, problems, notes } = await discover(text)
    expect(problems).toEqual([])
    expect(notes).toEqual([])
    expect(statements(principals[0])).toEqual([
      '15: sqs:SendMessage@16 | arn:aws:sqs:us-east-1:111122223333:q-true-3@17',
    ])
  })

  it('reads a name empty by its Default as a placeholder, and an empty name given as the error it is', async () => {
    const text = [
      'Parameters:',
      "  Name: { Type: String, Default: '' }",
      'Resources:',
      '  U:',
      '    Type: AWS::IAM::User',
      '    Properties:',
      '      UserName: !Ref Name',
      '      Policies:',
      '        - PolicyName: p',
      '          PolicyDocument:',
      '            Statement: [{ Effect: Allow, Action: sqs:SendMessage, Resource: "*" }]',
      '',
    ].join('\n')
    const read = await discover(text)
    expect(read.problems).toEqual([])
    expect(read.principals.map((p) => [p.arn, p.lifecycle])).toEqual([
      ['arn:aws:iam::111122223333:user/${Name}', 'unknown'],
    ])
    expect(read.notes).toEqual([
      `${APP}:7:17: the parameter Name is empty by Default, which is no valid value here: read as \${Name}, ` +
        'a value not known here (give it under parameters:)',
    ])
    expect((await discover(text, { parameters: { Name: '' } })).problems).toEqual([
      `${APP}:7:17: Resources.U: its UserName is empty, which CloudFormation refuses; give a name, or leave UserName out ` +
        'and CloudFormation names it (the value of the parameter Name here: give it under parameters:)',
    ])
  })

  it('names the parameter without a value that an action depends on', async () => {
    // From cfn_nag's test templates (MIT): an action spelt with a parameter that has no Default.
    const text = [
      'Parameters:',
      '  Action: { Type: String }',
      ...appRoleLines(),
      '              - Effect: Allow',
      '                Action: [logs:PutLogEvents, !Sub "elasticloadbalancing:${Action}"]',
      '                Resource: "*"',
      '',
    ].join('\n')
    expect((await discover(text)).problems).toEqual([
      'stacks/app.yml:13:45: Statement[0]: "elasticloadbalancing:${Action}" is not an IAM action; expected service:Action such as s3:GetObject, s3:Get* or * ' +
        '(it depends on the parameter Action, which has no value here: give it under parameters:)',
    ])
    const given = await discover(text, { parameters: { Action: 'DescribeLoadBalancers' } })
    expect(given.problems).toEqual([])
    expect(given.principals[0]?.policies[0]?.statements[0]?.actions.map((a) => a.value)).toEqual([
      'logs:PutLogEvents',
      'elasticloadbalancing:DescribeLoadBalancers',
    ])
  })

  it('reports a resource whose Condition is not defined once', async () => {
    const text = [
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Condition: Missing',
      '    Properties: { RoleName: app }',
      '',
    ].join('\n')
    expect((await discover(text)).problems).toEqual([
      'stacks/app.yml:2:3: Resources.Role: the condition "Missing" is not defined in Conditions',
    ])
  })

  it('reads a CDK cloud assembly: every stack, nested stages, environments and construct paths', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipd-cdk-'))
    try {
      cpSync(join(FIXTURES, '..', 'cdk-out'), join(root, 'cdk.out'), { recursive: true })
      const entry = CDK_OUT_ENTRY
      const { principals, problems } = await cloudFormationSource('.github/iam-policy-drift.yml', [
        entry,
      ]).load(root)
      expect(problems).toEqual([])
      expect(
        principals.map(
          (p) => `${p.arn} ${p.lifecycle} ${p.source.kind === 'cloudformation' ? p.source.cdkPath : ''}`,
        ),
      ).toEqual([
        // The stack's environment gives the account.
        'arn:aws:iam::111122223333:role/api-handler exists ApiStack/Handler/ServiceRole/Resource',
        // An environment-agnostic stack, without RoleName: static checks.
        'arn:aws:iam::${AWS::AccountId}:role/${WorkerRole1ABCD234} unknown WorkerStack/Handler/ServiceRole/Resource',
        // The stage's stack, from the nested assembly, in its own account.
        'arn:aws:iam::444455556666:role/prod-api-handler exists Prod/ApiStack/Handler/ServiceRole/Resource',
      ])
      const [api] = principals
      expect(api?.policies.map((d) => `${d.source?.kind} ${constructPath(d.source)}`)).toEqual([
        // The AWS managed policy its role attaches: in the role's construct, so its findings name it.
        'aws-managed-policy ApiStack/Handler/ServiceRole/Resource',
        'cloudformation ApiStack/Handler/ServiceRole/DefaultPolicy/Resource',
      ])
      expect(statements(api)[1]).toBe(
        '43: s3:GetObject@45 s3:List*@46 | ${Bucket83908E77.Arn}@50 ${Bucket83908E77.Arn}/*@56',
      )
      expect(api?.policies[1]?.file).toBe('cdk.out/ApiStack.template.json')
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('reads a real integ-test assembly, skipping the assertion stack CDK synthesizes without resources', async () => {
    // AWS Solutions Constructs' aws-lambda-polly integ snapshot (SOURCE.md): `IntegTest` adds a DeployAssert
    // stack whose template has only the bootstrap parameter and rule. CDK does not deploy a stack with no
    // resources; named by `template:`, such a file is still an error, as CloudFormation would refuse it.
    const root = mkdtempSync(join(tmpdir(), 'ipd-cdk-integ-'))
    try {
      cpSync(join(FIXTURES, '..', 'cdk-integ-snapshot', 'cdk.out'), join(root, 'cdk.out'), {
        recursive: true,
      })
      const entry = { ...entryFor('unused'), template: undefined, cdkOut: 'cdk.out', account: undefined }
      const { principals, problems } = await cloudFormationSource('.github/iam-policy-drift.yml', [
        entry,
      ]).load(root)
      expect(problems.map(formatProblem)).toEqual([])
      expect(principals.map((p) => p.arn)).toEqual([
        'arn:aws:iam::${AWS::AccountId}:role/${testlambdapollydefaultsyncLambdaFunctionServiceRole7AFC7AD9}',
      ])
      expect(principals[0]?.policies.flatMap((p) => p.statements.map((s) => `${p.file}:${s.line}`))).toEqual([
        'cdk.out/lamply-default-sync.template.json:22',
        'cdk.out/lamply-default-sync.template.json:116',
        'cdk.out/lamply-default-sync.template.json:140',
      ])
      // polly:SynthesizeSpeech on "*": a request without lexicons names no resource, so nothing to narrow.
      expect(analyse(principals, [], loadCatalog()).findings).toEqual([])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('follows nested stacks into their templates, with the parameters the parent gives them', async () => {
    const { root, write } = nestedWorkspace()
    const role = (id: string, name: string | null, resource: string) => [
      `  ${id}:`,
      '    Type: AWS::IAM::Role',
      '    Properties:',
      ...(name ? [`      RoleName: ${name}`] : []),
      '      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}',
      '      Policies:',
      '        - PolicyName: own',
      '          PolicyDocument:',
      '            Statement:',
      '              - Effect: Allow',
      '                Action: s3:GetObject',
      `                Resource: ${resource}`,
    ]
    try {
      write('stacks/parent.yml', [
        'Parameters:',
        '  Stage: {Type: String, Default: prod}',
        'Conditions:',
        '  Never: !Equals [a, b]',
        'Resources:',
        '  Data:',
        '    Type: AWS::S3::Bucket',
        '    Properties: {BucketName: !Sub "data-${Stage}"}',
        '  Child:',
        '    Type: AWS::CloudFormation::Stack',
        '    Properties:',
        '      TemplateURL: ./nested/child.yml',
        '      Parameters: {Bucket: !Sub "data-${Stage}", Other: !Ref Data, Stage: !Ref Stage, Regions: [a, b]}',
        '  Shared:',
        '    Type: AWS::Serverless::Application',
        '    Properties: {Location: ../shared/app.yml}',
        '  Remote:',
        '    Type: AWS::CloudFormation::Stack',
        '    Properties: {TemplateURL: "https://s3.amazonaws.com/templates/remote.yml"}',
        '  Missing:',
        '    Type: AWS::CloudFormation::Stack',
        '    Properties: {TemplateURL: nested/built-later.yml}',
        '  FromSar:',
        '    Type: AWS::Serverless::Application',
        '    Properties: {Location: {ApplicationId: "arn:aws:serverlessrepo:us-east-1:123456789012:applications/x", SemanticVersion: 1.0.0}}',
        '  FromParameterStore:',
        '    Type: AWS::CloudFormation::Stack',
        '    Properties: {TemplateURL: "{{resolve:ssm:/pipeline/template-url:1}}"}',
        '  Skipped:',
        '    Type: AWS::CloudFormation::Stack',
        '    Condition: Never',
        '    Properties: {TemplateURL: ../../outside.yml}',
      ])
      write('stacks/nested/child.yml', [
        'Parameters:',
        '  Bucket: {Type: String}',
        '  Stage: {Type: String, Default: dev}',
        '  Regions: {Type: CommaDelimitedList}',
        '  Other: {Type: String}',
        'Resources:',
        ...role('Reader', '!Sub reader-${Stage}', '!Sub "arn:aws:s3:::${Bucket}/*"'),
        // A value the parent cannot know (a bucket's generated name) arrives as its placeholder.
        ...role('Unnamed', null, '!Sub "arn:aws:s3:::${Other}/${AWS::Region}/${Regions}/*"'),
      ])
      write('shared/app.yml', ['Resources:', ...role('Shared', 'shared-app', '"arn:aws:s3:::shared/*"')])
      // The child matches the glob too: it is read once, as the parent nests it.
      const entry = entryFor('stacks/**/*.yml', {
        stackName: 'app',
        parameters: new Map([['Stage', 'test']]),
      })
      const { principals, problems, notes } = await cloudFormationSource('.github/iam-policy-drift.yml', [
        entry,
      ]).load(root)
      expect(problems.map(formatProblem)).toEqual([])
      expect(principals.map((p) => `${p.arn} ${p.lifecycle} ${p.source.file}`)).toEqual([
        // The parent's Stage (from the config) and bucket name reach the child.
        'arn:aws:iam::111122223333:role/reader-test exists stacks/nested/child.yml',
        'arn:aws:iam::111122223333:role/${Unnamed} unknown stacks/nested/child.yml',
        'arn:aws:iam::111122223333:role/shared-app exists shared/app.yml',
      ])
      expect(statements(principals[0])).toEqual(['16: s3:GetObject@17 | arn:aws:s3:::data-test/*@18'])
      expect(statements(principals[1])).toEqual([
        '27: s3:GetObject@28 | arn:aws:s3:::${Data}/us-east-1/a,b/*@29',
      ])
      const unnamed = principals[1]?.source
      // A nested stack's name is CloudFormation's, not the parent's stack-name: its roles' names are read
      // through the outermost stack, by the nested stack's logical id.
      expect(unnamed?.kind === 'cloudformation' && unnamed.nestedIn).toEqual({
        template: 'stacks/parent.yml',
        logicalId: 'Child',
        stackName: 'app',
        path: ['Child'],
      })
      expect(unnamed?.kind === 'cloudformation' && unnamed.stackName).toBeUndefined()
      expect((notes ?? []).map(formatProblem)).toEqual([
        'stacks/parent.yml:17:3: Resources.Remote: a nested stack whose roles are not checked: its template is at https://s3.amazonaws.com/templates/remote.yml, not in the repository (name its template under this cloudformation: entry to check them)',
        'stacks/parent.yml:20:3: Resources.Missing: a nested stack whose roles are not checked: its template "nested/built-later.yml" is not in the repository (name it under cloudformation: once it is)',
        'stacks/parent.yml:23:3: Resources.FromSar: a nested stack whose roles are not checked: it is an application of the AWS Serverless Application Repository (name its template under cloudformation: to check them)',
        'stacks/parent.yml:26:3: Resources.FromParameterStore: a nested stack whose roles are not checked: its TemplateURL is ${Resolve:ssm:/pipeline/template-url:1}, a dynamic reference ({{resolve:…}}): what Systems Manager or Secrets Manager holds when the stack is deployed (name its template under cloudformation: to check them)',
      ])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('follows a nested stack at a URL into the template of the entry whose path the URL ends with', async () => {
    // aws-quickstart's layout: each child is uploaded to <bucket>/<prefix>templates/<file> and named there.
    const { root, write } = nestedWorkspace()
    const stack = (id: string, url: string, parameters = '{}') => [
      `  ${id}:`,
      '    Type: AWS::CloudFormation::Stack',
      `    Properties: {TemplateURL: ${url}, Parameters: ${parameters}}`,
    ]
    const bucket = ['Resources:', '  B:', '    Type: AWS::S3::Bucket']
    try {
      write('templates/main.template.yaml', [
        'Parameters:',
        '  QSS3BucketName: {Type: String}',
        '  QSS3KeyPrefix: {Type: String, Default: quickstart-x/}',
        '  Stage: {Type: String, Default: prod}',
        'Resources:',
        ...stack(
          'IamStack',
          "!Sub 'https://${QSS3BucketName}.s3.${AWS::URLSuffix}/${QSS3KeyPrefix}templates/iam.template.yaml'",
          '{Stage: !Ref Stage}',
        ),
        ...stack('VpcStack', "'https://bucket.s3.amazonaws.com/quickstart-x/templates/vpc.yaml'"),
        ...stack('Other', "'https://bucket.s3.amazonaws.com/elsewhere/other.yaml'"),
      ])
      write('templates/iam.template.yaml', [
        'Parameters:',
        '  Stage: {Type: String, Default: dev}',
        'Resources:',
        '  Role:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      RoleName: !Sub app-${Stage}',
        '      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}',
        '      Policies: [{PolicyName: p, PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}}]',
      ])
      // Two templates end the URL's path as well as each other: which one is meant is not known.
      write('templates/a/vpc.yaml', bucket)
      write('templates/b/vpc.yaml', bucket)
      // Unless one of them is beside the template that nests it (DataDog's cloudformation-template
      // publishes aws/ and aws_quickstart/ under one prefix, and each nests its own).
      write('templates/b/stack.yaml', [
        'Resources:',
        ...stack('Vpc', "'https://bucket.s3.amazonaws.com/quickstart-x/templates/vpc.yaml'"),
      ])
      // Another team's template of the same name as this one: not this one, which cannot nest itself.
      write('templates/team/network.yaml', [
        'Resources:',
        ...stack('Theirs', "'https://bucket.s3.amazonaws.com/other-team/network.yaml'"),
      ])
      const { principals, problems, notes } = await cloudFormationSource('.github/iam-policy-drift.yml', [
        entryFor('templates/**/*.yaml'),
      ]).load(root)
      expect(problems.map(formatProblem)).toEqual([])
      // Read once, as the parent nests it, with the Stage the parent gives it.
      expect(principals.map((p) => `${p.arn} ${p.source.file}`)).toEqual([
        'arn:aws:iam::111122223333:role/app-prod templates/iam.template.yaml',
      ])
      const source = principals[0]?.source
      expect(source?.kind === 'cloudformation' && source.nestedIn?.logicalId).toBe('IamStack')
      expect((notes ?? []).map(formatProblem)).toEqual([
        'templates/b/stack.yaml:2:3: Resources.Vpc: a nested stack whose template is at https://bucket.s3.amazonaws.com/quickstart-x/templates/vpc.yaml: read as templates/b/vpc.yaml, the template of this cloudformation: entry whose path the URL ends with',
        'templates/main.template.yaml:6:3: Resources.IamStack: a nested stack whose template is at https://${QSS3BucketName}.s3.amazonaws.com/quickstart-x/templates/iam.template.yaml: read as templates/iam.template.yaml, the template of this cloudformation: entry whose path the URL ends with',
        'templates/main.template.yaml:9:3: Resources.VpcStack: a nested stack whose roles are not checked: its template is at https://bucket.s3.amazonaws.com/quickstart-x/templates/vpc.yaml, not in the repository (the URL ends with the path of templates/a/vpc.yaml and of templates/b/vpc.yaml: which one is meant is not known)',
        'templates/main.template.yaml:12:3: Resources.Other: a nested stack whose roles are not checked: its template is at https://bucket.s3.amazonaws.com/elsewhere/other.yaml, not in the repository (name its template under this cloudformation: entry to check them)',
        'templates/team/network.yaml:2:3: Resources.Theirs: a nested stack whose roles are not checked: its template is at https://bucket.s3.amazonaws.com/other-team/network.yaml, not in the repository (name its template under this cloudformation: entry to check them)',
      ])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('follows a path above the workspace, as a build directory names it, into the template of the entry it ends with', async () => {
    // aws-samples' serverless e-commerce platform: each service's template is packaged from its build/
    // directory, so it names the shared one as ../../shared/templates/dlq.yaml.
    const { root, write } = nestedWorkspace()
    const nests = (id: string, child: string) => [
      `  ${id}:`,
      '    Type: AWS::CloudFormation::Stack',
      `    Properties: {TemplateURL: ${child}, Parameters: {Stage: prod}}`,
    ]
    try {
      write('delivery/template.yaml', [
        'Resources:',
        ...nests('DeadLetterQueue', '../../shared/templates/dlq.yaml'),
        ...nests('Elsewhere', '../../../outside/nowhere.yaml'),
      ])
      write('shared/templates/dlq.yaml', [
        'Parameters:',
        '  Stage: {Type: String, Default: dev}',
        'Resources:',
        '  Redrive:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      RoleName: !Sub redrive-${Stage}',
        '      AssumeRolePolicyDocument: {Statement: []}',
        '      Policies: [{PolicyName: p, PolicyDocument: {Statement: [{Effect: Allow, Action: sqs:SendMessage, Resource: "*"}]}}]',
      ])
      const { principals, problems, notes } = await cloudFormationSource('.github/iam-policy-drift.yml', [
        entryFor('{delivery,shared/templates}/*.yaml'),
      ]).load(root)
      expect(problems.map(formatProblem)).toEqual([])
      // Read once, as the parent nests it, with the Stage the parent gives it.
      expect(principals.map((p) => `${p.arn} ${p.source.file}`)).toEqual([
        'arn:aws:iam::111122223333:role/redrive-prod shared/templates/dlq.yaml',
      ])
      expect((notes ?? []).map(formatProblem)).toEqual([
        'delivery/template.yaml:2:3: Resources.DeadLetterQueue: a nested stack whose template "../../shared/templates/dlq.yaml" lies above the workspace: read as shared/templates/dlq.yaml, the template of this cloudformation: entry whose path it ends with',
        'delivery/template.yaml:5:3: Resources.Elsewhere: a nested stack whose roles are not checked: its template "../../../outside/nowhere.yaml" lies above the workspace, so it is not read (name its template under this cloudformation: entry to check them)',
      ])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  // aws-samples' serverless e-commerce platform nests one environment template for tests, staging and
  // prod: three roles that all read role/${DeployRole}, in one file. The summary counted all their
  // findings on the first and none on the others, in rows nothing told apart.
  it('keeps the findings of each role of a template nested several times with that role, and says which nesting it is', async () => {
    const { root, write } = nestedWorkspace()
    const env = (id: string, stage: string) => [
      `  ${id}:`,
      '    Type: AWS::CloudFormation::Stack',
      `    Properties: {TemplateURL: environment.yaml, Parameters: {Stage: ${stage}}}`,
    ]
    try {
      write('pipeline/main.yaml', ['Resources:', ...env('Tests', 'tests'), ...env('Prod', 'prod')])
      write('pipeline/environment.yaml', [
        'Parameters:',
        '  Stage: {Type: String}',
        'Resources:',
        '  DeployRole:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      AssumeRolePolicyDocument: {Statement: []}',
        '      Policies:',
        '        - PolicyName: deploy',
        '          PolicyDocument:',
        '            Statement:',
        '              - {Effect: Allow, Action: "s3:*", Resource: !Sub "arn:aws:s3:::app-${Stage}/*"}',
        '              - {Effect: Allow, Action: "sqs:SendMessage", Resource: "*"}',
      ])
      const { principals, problems } = await cloudFormationSource('cfg.yml', [
        entryFor('pipeline/main.yaml'),
      ]).load(root)
      expect(problems).toEqual([])
      const report = buildReport({
        analysis: analyse(principals, [], loadCatalog()),
        principals: principals.map((p) => ({ arn: p.arn, files: [p.source.file], source: p.source })),
        usage: new Map(),
        failOn: 'medium',
        catalog: { version: 'test', date: '2026-09-26' },
        staticMode: null,
        now: new Date('2026-12-05T00:00:00Z'),
      })
      const ROLE = 'arn:aws:iam::111122223333:role/${DeployRole}'
      expect(report.principals.map((p) => p.arn)).toEqual([ROLE, ROLE])
      // Each finding says whose it is: two of each role's statements, each role's own.
      expect(report.findings.map((f) => [f.kind, f.principalIndex])).toEqual([
        ['wildcard-action', 0],
        ['wildcard-resource', 0],
        ['wildcard-action', 1],
        ['wildcard-resource', 1],
      ])
      expect(report.findings.filter((f) => f.kind === 'wildcard-action').map((f) => f.message)).toEqual([
        expect.stringContaining('"s3:*"'),
        expect.stringContaining('"s3:*"'),
      ])
      const md = renderSummary(report)
      const row = (nesting: string) =>
        `| ${codeSpan(ROLE)}<br>${codeSpan(`${nesting} (pipeline/main.yaml)`)} | ➖ static checks only | 2 (1 high, 1 medium) |`
      expect(md).toContain(row('Tests'))
      expect(md).toContain(row('Prod'))
      // A finding of a principal whose ARN is its own says nothing more.
      const single = analyse(principals.slice(0, 1), [], loadCatalog())
      expect(single.findings.map((f) => f.principalIndex)).toEqual([undefined, undefined])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('reads a template two levels down once, when the middle one sorts before its parent', async () => {
    const { root, write } = nestedWorkspace()
    const nests = (id: string, child: string) => [
      'Resources:',
      `  ${id}:`,
      '    Type: AWS::CloudFormation::Stack',
      `    Properties: {TemplateURL: ${child}}`,
    ]
    try {
      write('stacks/a-middle.yml', nests('Leaf', './c-leaf.yml'))
      write('stacks/b-top.yml', nests('Middle', './a-middle.yml'))
      write('stacks/c-leaf.yml', [
        'Resources:',
        '  Role:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      RoleName: leaf',
        '      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}',
        '      Policies: [{PolicyName: p, PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}}]',
      ])
      const { principals, problems } = await cloudFormationSource('.github/iam-policy-drift.yml', [
        entryFor('stacks/*.yml'),
      ]).load(root)
      expect(problems.map(formatProblem)).toEqual([])
      expect(
        principals.map((p) => [p.arn, p.source.kind === 'cloudformation' && p.source.nestedIn?.path]),
      ).toEqual([['arn:aws:iam::111122223333:role/leaf', ['Middle', 'Leaf']]])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('checks a template that several others nest the same way once, unless a stack name tells them apart', async () => {
    // aws-quickstart: each of three entry points nests the same prerequisites template, with its defaults.
    const { root, write } = nestedWorkspace()
    const entryPoint = (stage: string) => [
      'Resources:',
      '  Shared:',
      '    Type: AWS::CloudFormation::Stack',
      `    Properties: {TemplateURL: ./shared.yml, Parameters: {Stage: ${stage}}}`,
    ]
    try {
      write('stacks/entry-a.yml', entryPoint('prod'))
      write('stacks/entry-b.yml', entryPoint('prod'))
      write('stacks/entry-c.yml', entryPoint('dev'))
      write('stacks/shared.yml', [
        'Parameters:',
        '  Stage: {Type: String}',
        'Resources:',
        '  Role:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}',
        '      Policies: [{PolicyName: p, PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: !Sub "arn:aws:s3:::${Stage}/*"}]}}]',
      ])
      const read = async (fields: Partial<CloudFormationConfig> = {}) =>
        (
          await cloudFormationSource('.github/iam-policy-drift.yml', [entryFor('stacks/*.yml', fields)]).load(
            root,
          )
        ).principals.map((p) => {
          const nested = p.source.kind === 'cloudformation' ? p.source.nestedIn : undefined
          const place = principalPlace(p)?.text
          return `${p.arn} ${nested?.template} ${statements(p).join(' ')} (${place})`
        })
      // entry-b's is entry-a's: nothing here can tell the two apart, so one stands for both, and says so.
      // entry-c's grants another bucket.
      expect(await read()).toEqual([
        'arn:aws:iam::111122223333:role/${Role} stacks/entry-a.yml 8: s3:GetObject@8 | arn:aws:s3:::prod/*@8 (Shared (stacks/entry-a.yml), and 1 other nesting alike)',
        'arn:aws:iam::111122223333:role/${Role} stacks/entry-c.yml 8: s3:GetObject@8 | arn:aws:s3:::dev/*@8 (Shared (stacks/entry-c.yml))',
      ])
      // With a stack name, each is found in its own deployed stack: all three are kept.
      expect(await read({ stackName: 'app' })).toHaveLength(3)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('follows a CDK nested stack by its asset path, and refuses paths out of the workspace and cycles', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipd-nested-'))
    try {
      mkdirSync(join(root, 'cdk.out'))
      mkdirSync(join(root, 'stacks'))
      writeFileSync(join(root, 'secret.yml'), 'Resources: {}\n')
      const nestedStack = {
        Type: 'AWS::CloudFormation::Stack',
        Properties: {
          TemplateURL: {
            'Fn::Join': ['', ['https://s3.', { Ref: 'AWS::Region' }, '.amazonaws.com/cdk-assets/abc.json']],
          },
        },
        Metadata: {
          'aws:cdk:path': 'App/Nested.NestedStack/Nested.NestedStackResource',
          'aws:asset:path': 'AppNested1234.nested.template.json',
          'aws:asset:property': 'TemplateURL',
        },
      }
      writeFileSync(
        join(root, 'cdk.out', 'App.template.json'),
        JSON.stringify({ Resources: { Nested: nestedStack } }, null, 2),
      )
      writeFileSync(
        join(root, 'cdk.out', 'AppNested1234.nested.template.json'),
        JSON.stringify(
          {
            Resources: {
              Fn: {
                Type: 'AWS::IAM::Role',
                Properties: { RoleName: 'nested-fn', AssumeRolePolicyDocument: { Statement: [] } },
                Metadata: { 'aws:cdk:path': 'App/Nested/Fn/ServiceRole/Resource' },
              },
            },
          },
          null,
          2,
        ),
      )
      const stack = (url: string) =>
        `Resources:\n  S:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ${url}}\n`
      writeFileSync(join(root, 'stacks', 'escape.yml'), stack('../../secret.yml'))
      // A committed symlink to a file outside the workspace, named as a nested template.
      const outside = mkdtempSync(join(tmpdir(), 'ipd-outside-'))
      writeFileSync(join(outside, 'stolen.yml'), 'Resources: {}\n')
      mkdirSync(join(root, 'stacks', 'links'))
      symlinkSync(join(outside, 'stolen.yml'), join(root, 'stacks', 'links', 'stolen.yml'))
      writeFileSync(join(root, 'stacks', 'linked.yml'), stack('links/stolen.yml'))
      writeFileSync(join(root, 'stacks', 'absolute.yml'), stack('/etc/passwd'))
      writeFileSync(join(root, 'stacks', 'a.yml'), stack('b.yml'))
      writeFileSync(join(root, 'stacks', 'b.yml'), stack('./a.yml'))
      const entry = (template: string) => entryFor(template)
      const cdk = await cloudFormationSource('cfg.yml', [entry('cdk.out/App.template.json')]).load(root)
      expect(cdk.problems).toEqual([])
      expect(
        cdk.principals.map((p) => `${p.arn} ${p.source.kind === 'cloudformation' && p.source.cdkPath}`),
      ).toEqual(['arn:aws:iam::111122223333:role/nested-fn App/Nested/Fn/ServiceRole/Resource'])
      // A fan-out: each level nests the next ten times, eight levels down: stopped at 500 reads, named.
      mkdirSync(join(root, 'fan'))
      const tenTimes = (next: string) =>
        `Resources:\n${Array.from({ length: 10 }, (_, i) => `  S${i}:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ${next}}\n`).join('')}`
      for (let level = 0; level < 8; level++)
        writeFileSync(join(root, 'fan', `l${level}.yml`), tenTimes(`l${level + 1}.yml`))
      writeFileSync(join(root, 'fan', 'l8.yml'), 'Resources: {}\n')
      const fan = await cloudFormationSource('cfg.yml', [entry('fan/l0.yml')]).load(root)
      expect(fan.problems.map(formatProblem)).toEqual([
        expect.stringMatching(
          /^fan\/l\d\.yml:\d+:3: Resources\.S\d: a nested stack: more than 500 nested stacks under this cloudformation: entry; not read$/,
        ),
      ])
      const hostile = await cloudFormationSource('cfg.yml', [entry('stacks/*.yml')]).load(root)
      expect(hostile.principals).toEqual([])
      // The cycle is followed last: its two templates nest each other, so neither is a root.
      expect(hostile.problems.map(formatProblem)).toEqual([
        'stacks/absolute.yml:2:3: Resources.S: a nested stack: its template "/etc/passwd" leads outside the workspace; not read',
        'stacks/linked.yml:2:3: Resources.S: a nested stack: its template "links/stolen.yml" leads outside the workspace; not read',
        'stacks/b.yml:2:3: Resources.S: a nested stack: its template stacks/a.yml nests this one; a stack cannot contain itself',
        'cfg.yml:3: cloudformation: template: 3 of the 5 templates the glob matches have problems: fix them, or leave each out with an exclusion after the glob, such as "!stacks/absolute.yml"',
      ])
      // A relative path above the workspace is not read either, but it is how a template packaged from
      // a build directory names its neighbours: a note, and the run goes on.
      expect(hostile.notes?.map(formatProblem)).toEqual([
        'stacks/escape.yml:2:3: Resources.S: a nested stack whose roles are not checked: its template "../../secret.yml" lies above the workspace, so it is not read (name its template under this cloudformation: entry to check them)',
      ])
      rmSync(outside, { recursive: true, force: true })
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('names the nested stacks from the outermost one down, for their roles to be found in the deployed stacks', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipd-nested-'))
    try {
      mkdirSync(join(root, 'stacks', 'inner'), { recursive: true })
      const nest = (id: string, url: string) =>
        `Resources:\n  ${id}:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ${url}}\n`
      writeFileSync(join(root, 'stacks', 'top.yml'), nest('Middle', 'inner/middle.yml'))
      writeFileSync(join(root, 'stacks', 'inner', 'middle.yml'), nest('Bottom', './bottom.json'))
      writeFileSync(
        join(root, 'stacks', 'inner', 'bottom.json'),
        JSON.stringify({ Resources: { Worker: { Type: 'AWS::IAM::Role', Properties: {} } } }),
      )
      const entry = entryFor('stacks/top.yml', { stackName: 'platform-prod' })
      const { principals, problems } = await cloudFormationSource('cfg.yml', [entry]).load(root)
      expect(problems).toEqual([])
      expect(principals.map((p) => [p.arn, p.source.kind === 'cloudformation' && p.source.nestedIn])).toEqual(
        [
          [
            'arn:aws:iam::111122223333:role/${Worker}',
            {
              template: 'stacks/inner/middle.yml',
              logicalId: 'Bottom',
              stackName: 'platform-prod',
              path: ['Middle', 'Bottom'],
            },
          ],
        ],
      )
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it("keeps two stacks' unnamed roles of one logical id apart: CloudFormation names them differently", async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipd-unnamed-'))
    try {
      mkdirSync(join(root, 'stacks'))
      const stack = (action: string) =>
        [
          'Resources:',
          '  WorkerRole:',
          '    Type: AWS::IAM::Role',
          '    Properties:',
          '      Policies:',
          '        - PolicyName: own',
          `          PolicyDocument: {Statement: [{Effect: Allow, Action: ${action}, Resource: "*"}]}`,
          '',
        ].join('\n')
      writeFileSync(join(root, 'stacks', 'a.yml'), stack('sqs:ListQueues'))
      writeFileSync(join(root, 'stacks', 'b.yml'), stack('sns:ListTopics'))
      const entry = entryFor('stacks/*.yml')
      const { principals } = await discoverPrincipals([cloudFormationSource('cfg.yml', [entry])], root)
      expect(principals.map((p) => `${p.arn} ${p.policies.map((d) => d.file).join(',')}`)).toEqual([
        'arn:aws:iam::111122223333:role/${WorkerRole} stacks/a.yml',
        'arn:aws:iam::111122223333:role/${WorkerRole} stacks/b.yml',
      ])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  /** A config's `cdk-out: cdk.out` entry, at its line 3. */
  const CDK_OUT_ENTRY = {
    template: undefined,
    cdkOut: 'cdk.out',
    stackName: undefined,
    account: undefined,
    region: undefined,
    parameters: new Map(),
    line: 3,
  }

  it('reads each nested assembly once: a stage naming its own directory is said, not followed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipd-cdk-'))
    try {
      mkdirSync(join(root, 'cdk.out', 'stage'), { recursive: true })
      // Stages naming the assembly itself: followed, n ** 8 readings to the nesting limit (six took
      // minutes).
      const self = Object.fromEntries(
        [0, 1].map((i) => [`Self${i}`, { type: 'cdk:cloud-assembly', properties: { directoryName: '.' } }]),
      )
      const manifest = {
        artifacts: { ...self, Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: 'stage' } } },
      }
      writeFileSync(join(root, 'cdk.out', 'manifest.json'), JSON.stringify(manifest))
      // A symlink in the stage back to it, and a name out of the workspace that is not there: said to
      // lead out either way, whether or not something is there.
      symlinkSync(join(root, 'cdk.out', 'stage'), join(root, 'cdk.out', 'stage', 'again'))
      const stage = {
        artifacts: {
          Again: { type: 'cdk:cloud-assembly', properties: { directoryName: 'again' } },
          Probe: {
            type: 'aws:cloudformation:stack',
            properties: { templateFile: '../../../nowhere/x.json' },
          },
        },
      }
      writeFileSync(join(root, 'cdk.out', 'stage', 'manifest.json'), JSON.stringify(stage))
      const entry = CDK_OUT_ENTRY
      const { problems } = await cloudFormationSource('.github/iam-policy-drift.yml', [entry]).load(root)
      // Each said at the name's column on the manifest's one line.
      const again = (at: string, id: string, name: string) =>
        `${at}: artifacts.${id}: its directoryName "${name}" is an assembly read already (a stage cannot hold itself); not read again`
      expect(problems.map(formatProblem)).toEqual([
        again('cdk.out/manifest.json:1:82', 'Self0', '.'),
        again('cdk.out/manifest.json:1:155', 'Self1', '.'),
        again('cdk.out/stage/manifest.json:1:82', 'Again', 'again'),
        'cdk.out/stage/manifest.json:1:164: artifacts.Probe: "../../../nowhere/x.json" leads out of the assembly; not read',
      ])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('refuses a cloud assembly that leads out of itself, or is none', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipd-cdk-'))
    try {
      mkdirSync(join(root, 'cdk.out', 'inner'), { recursive: true })
      writeFileSync(join(root, 'secret.json'), '{}')
      const manifest = {
        artifacts: {
          Escape: { type: 'aws:cloudformation:stack', properties: { templateFile: '../secret.json' } },
          Missing: {
            type: 'aws:cloudformation:stack',
            properties: { templateFile: 'Missing.template.json' },
          },
          Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: 'inner' } },
          // Said where it is: the artifact when it has no properties to tell.
          Bare: { type: 'aws:cloudformation:stack' },
        },
      }
      // Each problem at the line of what it is about, as cdk synth indents the manifest.
      writeFileSync(join(root, 'cdk.out', 'manifest.json'), JSON.stringify(manifest, null, 2))
      const entry = CDK_OUT_ENTRY
      const { problems } = await cloudFormationSource('.github/iam-policy-drift.yml', [entry]).load(root)
      expect(problems.map(formatProblem)).toEqual([
        'cdk.out/manifest.json:6:25: artifacts.Escape: "../secret.json" leads out of the assembly; not read',
        'cdk.out/manifest.json:12:25: artifacts.Missing: its templateFile "Missing.template.json" is missing',
        'cdk.out/manifest.json:18:26: artifacts.Stage: its directoryName "inner" has no manifest.json, so it is not a CDK cloud assembly (run cdk synth)',
        'cdk.out/manifest.json:21:13: artifacts.Bare.properties: expected a templateFile',
      ])
      const none = { ...entry, cdkOut: 'nowhere' }
      const result = await cloudFormationSource('.github/iam-policy-drift.yml', [none]).load(root)
      expect(result.problems.map(formatProblem)).toEqual([
        '.github/iam-policy-drift.yml:3: cloudformation: cdk-out: "nowhere" is not a directory in the workspace (run cdk synth first)',
      ])
      // The CDK app's own directory (cdk.json beside the code) is not its assembly: cdk.json's "output"
      // says where cdk synth writes it, cdk.out when it does not. Said at the config's line: the
      // manifest.json it lacks is no file to annotate.
      mkdirSync(join(root, 'app'))
      writeFileSync(join(root, 'app', 'cdk.json'), '{ "app": "npx ts-node bin/app.ts" }\n')
      mkdirSync(join(root, 'infra'))
      writeFileSync(join(root, 'infra', 'cdk.json'), '{ "app": "python3 app.py", "output": "build/cdk" }\n')
      mkdirSync(join(root, 'empty'))
      const apps = await cloudFormationSource('.github/iam-policy-drift.yml', [
        { ...entry, cdkOut: 'empty' },
        { ...entry, cdkOut: 'app' },
        { ...entry, cdkOut: 'infra/' },
      ]).load(root)
      expect(apps.problems.map(formatProblem)).toEqual([
        '.github/iam-policy-drift.yml:3: cloudformation: cdk-out: "empty" has no manifest.json, so it is not a CDK cloud assembly (run cdk synth)',
        '.github/iam-policy-drift.yml:3: cloudformation: cdk-out: "app" has no manifest.json, so it is not a CDK cloud assembly: it is a CDK app (it has cdk.json), whose cloud assembly cdk synth writes to "app/cdk.out"; expected cdk-out: app/cdk.out (after cdk synth)',
        '.github/iam-policy-drift.yml:3: cloudformation: cdk-out: "infra/" has no manifest.json, so it is not a CDK cloud assembly: it is a CDK app (it has cdk.json), whose cloud assembly cdk synth writes to "infra/build/cdk"; expected cdk-out: infra/build/cdk (after cdk synth)',
      ])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  const broken: [string, string, string][] = [
    [
      'a Ref to nothing',
      'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: !Ref Nope\n',
      `${APP}:5:17: Resources.R: Ref: "Nope" is neither a parameter nor a resource of this template`,
    ],
    [
      'an unknown tag',
      'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: !Reff Name\n',
      `${APP}:5:17: unknown tag !Reff; expected one of`,
    ],
    [
      'a condition that depends on itself',
      'Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Condition: A\n',
      `${APP}:3:12: Resources.R: the condition "A" depends on itself`,
    ],
    [
      'a condition not defined',
      'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Condition: Missing\n',
      `${APP}:2:3: Resources.R: the condition "Missing" is not defined in Conditions`,
    ],
    [
      'no Resources',
      'AWSTemplateFormatVersion: "2010-09-09"\n',
      `${APP}:1:1: not a CloudFormation template: it has no Resources mapping`,
    ],
    [
      'a resource without Type',
      'Resources:\n  R:\n    Properties: {}\n',
      `${APP}:3:5: Resources.R: expected a mapping with a Type`,
    ],
    [
      'a bad policy statement',
      'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: r\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Statement:\n              - Effect: Permit\n                Action: s3:GetObject\n                Resource: "*"\n',
      `${APP}:10:25: Statement[0]: "Effect": "Permit"`,
    ],
    [
      'a customer managed policy with no statement, attached by !Ref',
      'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: {}\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: r\n      ManagedPolicyArns: [!Ref P]\n',
      `${APP}:5:23: not an IAM policy document: it has no "Statement"`,
    ],
    [
      'YAML that does not parse',
      'Resources:\n  R: [\n',
      `${APP}:2:6: not valid YAML: the bracket ([) that starts this value is not closed, so the lines under it are read into it: close it`,
    ],
    // A pre-build template (aws-solutions' deployment/ templates): js-yaml says "bad indentation".
    [
      'a value a build fills in',
      'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: %TEMPLATE_BUCKET_NAME%\n',
      `${APP}:5:19: not valid YAML: a plain value cannot start with "%", which YAML reserves: quote it ("%TEMPLATE_BUCKET_NAME%"), or, if a build fills it in, name the template the build writes`,
    ],
    // aws/aws-sam-cli-app-templates: a cookiecutter placeholder, which YAML reads as a flow mapping.
    [
      'a placeholder a build fills in',
      'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Metadata:\n      DockerTag: {{cookiecutter.runtime}}-v1\n',
      `${APP}:5:42: not valid YAML: "{{cookiecutter.runtime}}" is a template placeholder, which YAML reads as a mapping: if a build fills it in, name the template the build writes; else quote the value`,
    ],
    [
      'a tab on a line with a quoted dynamic reference',
      "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n\tBucketName: '{{resolve:ssm:/name}}'\n",
      `${APP}:5:1: not valid YAML: tab characters must not be used in indentation`,
    ],
    // aws-samples/serverless-patterns' rds-sns-event-notification: js-yaml says "bad indentation" here too.
    [
      'text after a quoted value',
      "Description: 'RDS Events' (uksb-1tthgi812)\nResources:\n  B:\n    Type: AWS::S3::Bucket\n",
      `${APP}:1:27: not valid YAML: "(uksb-1tthgi812)" follows a quoted value, which ends at its closing quote ('): put the whole value inside the quotes`,
    ],
    // aws-samples/serverless-patterns' apigw-custom-domain-edge: `MappingRestEdge:curc`, a key with no
    // `: `, is a plain value; js-yaml stops on the next line ("a multiline key may not be an implicit key").
    [
      'a key without its colon',
      'Resources:\n  B:\n    Type: AWS::S3::Bucket\n\n  Mapping:curc\n    # the mapping\n    Type: AWS::ApiGateway::BasePathMapping\n',
      `${APP}:5:3: not valid YAML: "Mapping:curc" is not a key, and the lines under it need one: a key ends with ":" (and a space follows that colon when its value is on the same line)`,
    ],
    // aws-samples/serverless-samples' serverless-graphql-api: js-yaml says "deficient indentation" on
    // the line after the one whose quote is not closed.
    [
      'a quote not closed on its line',
      'Resources:\n  A:\n    Type: AWS::AppSync::GraphQLApi\n    Properties:\n      Auth:\n        AdminGroupName:\n            !Sub "${Group}\n      XrayEnabled: true\n',
      `${APP}:7:18: not valid YAML: the quote (") that starts this value is not closed on its line, so the lines under it are read into the value: close it`,
    ],
    [
      'a single quote not closed on its line, after one that is',
      "Resources:\n  - 'it''s'\n  - 'a\n b: c\n",
      `${APP}:3:5: not valid YAML: the quote (') that starts this value is not closed on its line, so the lines under it are read into the value: close it`,
    ],
    // js-yaml says "deficient indentation" where the text ends, or on the next line indented less.
    [
      'a flow sequence not closed',
      'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      ManagedPolicyArns: [!Ref Policy, "arn:aws:iam::aws:policy/ReadOnlyAccess"\n',
      `${APP}:5:26: not valid YAML: the bracket ([) that starts this value is not closed, so the lines under it are read into it: close it`,
    ],
    [
      'a flow mapping not closed, before a line that goes on',
      'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: {RoleName: app,\n      Path: "/"\n  Q:\n    Type: AWS::SQS::Queue\n',
      `${APP}:4:17: not valid YAML: the bracket ({) that starts this value is not closed, so the lines under it are read into it: close it`,
    ],
    // On a line longer than a hand-written one, js-yaml's own words: the search for the quote is not made.
    [
      'text after a quoted value, on a line of 2,000 characters',
      `Description: '${'x'.repeat(2000)}' (tag)\nResources:\n  B:\n    Type: AWS::S3::Bucket\n`,
      `${APP}:1:2017: not valid YAML: bad indentation of a mapping entry`,
    ],
    // cfn-lint's test/fixtures/templates/bad/generic.yaml: `PolicyDocument1`.
    [
      'an inline policy whose PolicyDocument is misspelled',
      'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies:\n        - PolicyName: root\n          PolicyDocument1: {}\n',
      `${APP}:7:11: Resources.R.Policies[0]: unknown key "PolicyDocument1"; did you mean "PolicyDocument"? expected {PolicyName, PolicyDocument}`,
    ],
    [
      'an inline policy without its PolicyDocument',
      'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies:\n        - PolicyName: root\n',
      `${APP}:6:11: Resources.R.Policies[0]: it has no PolicyDocument; expected {PolicyName, PolicyDocument}`,
    ],
    [
      'a policy resource without its PolicyDocument',
      'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      Roles: [r]\n',
      `${APP}:2:3: Resources.P: it has no PolicyDocument; AWS::IAM::ManagedPolicy needs one`,
    ],
    // Checkmarx KICS's aws_iam_policies_without_groups test templates.
    [
      "a policy resource written as a role's inline policies",
      'Resources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      Policies:\n        - PolicyName: p\n          PolicyDocument: {Statement: []}\n',
      `${APP}:6:9: Resources.P: AWS::IAM::Policy takes no Policies (a role's, user's or group's property); expected its PolicyDocument as a property of its own, with the Roles, Users or Groups it applies to`,
    ],
    [
      'Properties that are a list',
      'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: [RoleName, r]\n',
      `${APP}:4:17: Resources.R.Properties: expected a mapping of the resource's properties`,
    ],
    // An empty value has no text of its own: it is placed where its key ends, never at column 0.
    [
      'an empty Resources',
      "AWSTemplateFormatVersion: '2010-09-09'\n\n# each resource here\nResources:\n",
      `${APP}:4:10: not a CloudFormation template: its Resources is empty; expected each resource under its logical ID`,
    ],
    [
      'an empty policy document',
      'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: r\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n',
      `${APP}:8:25: not an IAM policy document`,
    ],
    [
      'a name that refers to itself',
      'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: !GetAtt R.Arn\n',
      `${APP}:5:17: Resources.R: its RoleName depends on itself`,
    ],
    // From cfn_nag's test templates (MIT): not a role named "", which no ARN can hold.
    [
      'an empty name',
      'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: ""\n',
      `${APP}:5:18: Resources.R: its RoleName is empty, which CloudFormation refuses; give a name, or leave RoleName out and CloudFormation names it`,
    ],
  ]
  for (const [name, text, message] of broken)
    it(`says where the template is wrong: ${name}`, async () => {
      const { problems, principals } = await discover(text)
      expect(principals).toEqual([])
      expect(problems[0]?.slice(0, message.length)).toBe(message)
    })

  // Each invalid document walks the conditions it names for the empty Defaults it depends on: 400 of
  // them naming one condition over 2,000 others took 5 s (20,000 and 4,000: minutes), not 0.5 s.
  it('bounds the walk for the empty Defaults invalid documents depend on, whatever their conditions', async () => {
    const conditions: Record<string, unknown> = {}
    for (let i = 0; i < 2_000; i++) conditions[`C${i}`] = { 'Fn::Equals': [{ Ref: 'P' }, `x${i}`] }
    conditions.Any = { 'Fn::Or': Object.keys(conditions).map((c) => ({ Condition: c })) }
    const resources: Record<string, unknown> = {}
    for (let i = 0; i < 400; i++)
      resources[`R${i}`] = {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: `r${i}`,
          Policies: [
            {
              PolicyName: 'p',
              PolicyDocument: {
                Statement: [
                  {
                    'Fn::If': [
                      'Any',
                      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
                      { Ref: 'AWS::NoValue' },
                    ],
                  },
                ],
              },
            },
          ],
        },
      }
    const template = {
      Parameters: { P: { Type: 'String', Default: '' } },
      Conditions: conditions,
      Resources: resources,
    }
    const { problems, notes } = await discover(JSON.stringify(template))
    // Read with P not known while the walk lasts; past it, the documents' own error, as without the reading.
    expect(notes?.length).toBeGreaterThan(0)
    expect(problems.length).toBeGreaterThan(0)
    expect((notes?.length ?? 0) + problems.length).toBe(400)
    expect(problems[0]).toMatch(/"Statement" is empty; expected at least one statement$/)
  })

  it('keeps both branches of an undecided Fn::If over a list of 300,000 resources, not a RangeError', async () => {
    // The branch's items were added as arguments (push(...items)): past ~120,000, the stack ran out.
    const many = Array.from({ length: 300_000 }, (_, i) => `arn:aws:s3:::b/${i}`)
    const template = {
      Parameters: { Env: { Type: 'String' } },
      Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      Resources: {
        R: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: {},
            Policies: [
              {
                PolicyName: 'p',
                PolicyDocument: {
                  Version: '2012-10-17',
                  Statement: [
                    {
                      Effect: 'Allow',
                      Action: 's3:GetObject',
                      Resource: [{ 'Fn::If': ['Prod', many, 'arn:aws:s3:::x'] }],
                    },
                  ],
                },
              },
            ],
          },
        },
      },
    }
    const { principals, problems } = await discover(JSON.stringify(template))
    expect(problems).toEqual([])
    const resources = principals[0]?.policies[0]?.statements[0]?.resources ?? []
    expect(resources).toHaveLength(300_001)
    expect(resources.at(-1)?.value).toBe('arn:aws:s3:::x')
  })

  // Not a speed target (~2 s here): a guard. Fn::FindInMap searched the mapping's keys on each call, so
  // 80,000 statements each reading a mapping of as many keys took 23 s.
  it('reads 80,000 Fn::FindInMap of a mapping of as many keys in linear time', {
    timeout: 10_000,
  }, async () => {
    const n = 80_000
    const buckets = Object.fromEntries(
      Array.from({ length: n }, (_, i) => [`k${i}`, { Arn: `arn:aws:s3:::b${i}/*` }]),
    )
    const statements = Array.from({ length: n }, (_, i) => ({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: { 'Fn::FindInMap': ['Buckets', `k${i}`, 'Arn'] },
    }))
    const template = {
      Mappings: { Buckets: buckets },
      Resources: {
        R: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: {},
            Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
          },
        },
      },
    }
    const { principals, problems } = await discover(JSON.stringify(template))
    expect(problems).toEqual([])
    const found = principals[0]?.policies[0]?.statements ?? []
    expect(found).toHaveLength(n)
    expect([0, n - 1].map((i) => found[i]?.resources[0]?.value)).toEqual([
      'arn:aws:s3:::b0/*',
      `arn:aws:s3:::b${n - 1}/*`,
    ])
  })

  it('follows a chain of Refs or of conditions only so deep: a clean problem, not a RangeError', async () => {
    const roles = Array.from({ length: 700 }, (_, i) => [
      `  R${i}:`,
      '    Type: AWS::IAM::Role',
      `    Properties: { RoleName: !Sub "x-\${R${i + 1}}", AssumeRolePolicyDocument: {} }`,
    ])
    const refs = await discover(
      [
        'Resources:',
        ...roles.flat(),
        '  R700:',
        '    Type: AWS::IAM::Role',
        '    Properties: { RoleName: last }',
      ].join('\n'),
    )
    // Where the chain is cut: the 300th Sub down from R0.
    expect(refs.problems[0]).toBe(
      'stacks/app.yml:904:29: Resources.R0: it follows references more than 300 deep (a Ref of a resource whose name is a Ref of another …)',
    )
    const conditions = Array.from(
      { length: 5_000 },
      (_, i) => `  C${i}: !And [!Condition C${i + 1}, !Equals [a, a]]`,
    )
    const chained = await discover(
      [
        'Conditions:',
        ...conditions,
        '  C5000: !Equals [a, a]',
        'Resources:',
        '  R:',
        '    Type: AWS::IAM::Role',
        '    Condition: C0',
        '    Properties: { AssumeRolePolicyDocument: {} }',
      ].join('\n'),
    )
    // At the 300th condition down from C0.
    expect(chained.problems).toEqual([
      'stacks/app.yml:301:15: Resources.R: conditions name conditions more than 300 deep',
    ])
  })

  it('refuses hostile YAML with the same clean error: an alias bomb, deep nesting', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      )
    bomb.push('Resources: {}')
    const aliases = await discover(bomb.join('\n'))
    expect(aliases.problems[0]).toMatch(/expands to more than 500,000 values \(aliases included\); not read$/)
    // A chain of aliases, each holding the one before: every copy counts what it copied, so the
    // chain's 1,100 lines stand for some 600,000 values.
    const chain = ['a0: &a0 [x]']
    for (let i = 1; i < 1100; i++) chain.push(`a${i}: &a${i} [*a${i - 1}]`)
    chain.push('Resources: {}')
    expect((await discover(chain.join('\n'))).problems[0]).toMatch(/expands to more than 500,000 values/)
    expect((await discover(chain.slice(0, 900).concat('Resources: {}').join('\n'))).problems).toEqual([])
    const deep = await discover(`Resources: ${'['.repeat(300)}${']'.repeat(300)}\n`)
    expect(deep.problems[0]).toMatch(/nested deeper than 200 levels$/)
    const deepJson = await discover(`{"Resources": ${'['.repeat(300)}${']'.repeat(300)}}`)
    expect(deepJson.problems[0]).toMatch(
      /^stacks\/app\.yml:1:\d+: not valid JSON: nested deeper than 200 levels$/,
    )
  })

  // Not a speed target either (~40 ms here): a RegExp read on to the end from each `${a`, as no `}`
  // follows, and took 33 s for these.
  it('reads an Fn::Sub of 300,000 `${` without reading on from each', { timeout: 10_000 }, async () => {
    const many = '${a'.repeat(300_000)
    const { principals, problems } = await discover(
      [
        'Resources:',
        '  AppRole:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      Policies:',
        '        - PolicyName: p',
        '          PolicyDocument:',
        '            Statement:',
        '              - Effect: Allow',
        '                Action: s3:GetObject',
        `                Resource: !Sub "arn:aws:s3:::\${Bucket}/${many}"`,
        'Parameters:',
        '  Bucket: { Type: String }',
      ].join('\n'),
    )
    expect(problems).toEqual([])
    const [resource] = principals[0]?.policies[0]?.statements[0]?.resources ?? []
    expect(resource?.value).toBe(`arn:aws:s3:::\${Bucket}/${many}`)
  })

  // Not a speed target: a guard against a pull request's file that would keep the job running for
  // minutes (a pass over the keys per key took 22 s for 100,000 keys; one pass takes well under one).
  it('reads a JSON object of 150,000 keys, one given twice, in one pass', { timeout: 15_000 }, () => {
    const keys = Array.from({ length: 150_000 }, (_, i) => `"k${i}": ${i}`)
    const wide = parseTemplate(APP, `{"Resources": {}, "Metadata": {${keys.join(', ')}, "k7": "again"}}`)
    expect(wide.problems).toEqual([])
    expect(wide.notes?.map((n) => n.message)).toEqual([
      'the key "k7" is given twice in this mapping; CloudFormation, like SAM, keeps the last',
    ])
  })

  it("keeps each value's text, quotes and tags included, for the edits in place", () => {
    const text = [
      'Resources:',
      '  R:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      "      A: !Sub 'arn:${AWS::Partition}:s3:::b'   # quoted",
      '      B: [ "x", !GetAtt R.Arn, plain ]',
      '      C: !If',
      '        - Cond',
      '        - yes',
      '        - no',
      '      D: &d "anchored"',
      '      E: *d',
    ].join('\n')
    const root = parseTemplate(APP, text).root
    const field = (node: typeof root, key: string) =>
      node?.type === 'object' ? node.values[node.keys.findIndex((k) => k.value === key)] : undefined
    const properties = field(field(field(root, 'Resources'), 'R'), 'Properties')
    const textOf = (node: typeof root) => {
      const span = node && spanOf(node)
      return span && text.slice(span.start, span.end)
    }
    expect(textOf(field(properties, 'A'))).toBe("!Sub 'arn:${AWS::Partition}:s3:::b'")
    const b = field(properties, 'B')
    expect(textOf(b)).toBe('[ "x", !GetAtt R.Arn, plain ]')
    expect(b?.type === 'array' && b.items.map(textOf)).toEqual(['"x"', '!GetAtt R.Arn', 'plain'])
    expect(textOf(field(properties, 'C'))).toBe('!If\n        - Cond\n        - yes\n        - no')
    expect(textOf(field(properties, 'D'))).toBe('"anchored"')
    expect(textOf(field(properties, 'E'))).toBe('*d')
    // Keys keep theirs too, and every node its line and column.
    expect(
      properties?.type === 'object' && properties.keys.map((k) => `${k.value}@${k.line}:${k.column}`),
    ).toEqual(['A@5:7', 'B@6:7', 'C@7:7', 'D@11:7', 'E@12:7'])
  })
})

// A document that is one value known only when the stack is deployed: an AWS::Include snippet from S3
// (Fn::Transform), another stack's export, a parameter with no value. Its placeholder was read as the
// text of a JSON document, and the whole run stopped on "invalid JSON".
describe('a policy document known only when the stack is deployed', () => {
  it('is an unresolved-policy that says why, wherever the document is written', async () => {
    const text = [
      'Parameters:', // 1
      '  Document: { Type: String }', // 2
      'Resources:', // 3
      '  Role:', // 4
      '    Type: AWS::IAM::Role', // 5
      '    Properties:', // 6
      '      RoleName: app', // 7
      '      AssumeRolePolicyDocument: {}', // 8
      '      Policies:', // 9
      '        - PolicyName: included', // 10
      '          PolicyDocument:', // 11
      '            Fn::Transform:', // 12
      '              Name: AWS::Include', // 13
      '              Parameters: { Location: s3://bucket/policy.json }', // 14
      '        - PolicyName: given', // 15
      '          PolicyDocument: !Ref Document', // 16
      // A whole entry a macro writes (DataDog's integration role: its DatadogPolicy macro).
      '        - Fn::Transform:', // 17
      '            - Name: DatadogPolicy', // 18
      '              Parameters: { PolicyType: CloudTrail }', // 19
      '      ManagedPolicyArns: [!Ref Shared]', // 20
      '  Shared:', // 21
      '    Type: AWS::IAM::ManagedPolicy', // 22
      '    Properties:', // 23
      '      PolicyDocument: !ImportValue shared-policy', // 24
      '  Attached:', // 25
      '    Type: AWS::IAM::Policy', // 26
      '    Properties:', // 27
      '      PolicyName: attached', // 28
      '      Roles: [!Ref Role]', // 29
      '      PolicyDocument: !ImportValue shared-policy', // 30
    ].join('\n')
    const { principals, problems } = await discover(text)
    expect(problems).toEqual([])
    expect(principals.map((p) => [p.arn, p.policies.length])).toEqual([
      ['arn:aws:iam::111122223333:role/app', 0],
    ])
    expect(principals[0]?.unresolved?.map((u) => `${u.line} ${u.reason}`).sort()).toEqual([
      '12 the policy document is made by Fn::Transform (an AWS::Include snippet, or a macro), which CloudFormation runs only when it deploys the stack',
      '16 the policy document is the parameter Document, which has no value here (give it under parameters: to check it)',
      '17 the policy document is made by Fn::Transform (an AWS::Include snippet, or a macro), which CloudFormation runs only when it deploys the stack',
      "20 the policy document is ${ImportValue:shared-policy}, another stack's export (Fn::ImportValue), known only where it is deployed",
      "30 the policy document is ${ImportValue:shared-policy}, another stack's export (Fn::ImportValue), known only where it is deployed",
    ])
    // Given, the parameter's text is the document.
    const given = await discover(text, {
      parameters: { Document: '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}' },
    })
    expect(
      given.principals[0]?.policies.flatMap((d) => d.statements.map((s) => s.actions[0]?.value)),
    ).toEqual(['s3:GetObject'])
  })
})

describe('what a false condition leaves out of the stack', () => {
  it('is said once for the template, with its conditions and how to have it checked', async () => {
    const text = [
      'Transform: AWS::Serverless-2016-10-31', // 1
      'Parameters:', // 2
      "  CreateJoinRole: { Type: String, AllowedValues: ['Yes', 'No'], Default: 'No' }", // 3
      '  Stage: { Type: String, Default: dev }', // 4
      'Conditions:', // 5
      "  JoinRole: !Equals [!Ref CreateJoinRole, 'Yes']", // 6
      '  IsProd: !Equals [!Ref Stage, prod]', // 7
      'Resources:', // 8
      '  App:', // 9
      '    Type: AWS::IAM::Role', // 10
      '    Properties: { RoleName: app, AssumeRolePolicyDocument: {} }', // 11
      '  JoinRole:', // 12
      '    Type: AWS::IAM::Role', // 13
      '    Condition: JoinRole', // 14
      '    Properties:', // 15
      '      RoleName: join', // 16
      '      AssumeRolePolicyDocument: {}', // 17
      "      Policies: [{ PolicyName: p, PolicyDocument: { Statement: [{ Effect: Allow, Action: 'ds:*', Resource: '*' }] } }]", // 18
      '  ProdFunction:', // 19
      '    Type: AWS::Serverless::Function', // 20
      '    Condition: IsProd', // 21
      '    Properties: { Runtime: python3.12, Handler: a.b, Policies: [AdministratorAccess] }', // 22
      '  ProdBucket:', // 23
      '    Type: AWS::S3::Bucket', // 24
      '    Condition: IsProd', // 25
    ].join('\n')
    const byDefault = await discover(text)
    expect(byDefault.problems).toEqual([])
    expect(byDefault.principals.map((p) => p.arn)).toEqual(['arn:aws:iam::111122223333:role/app'])
    // The bucket grants nothing: it is not named.
    expect(byDefault.notes).toEqual([
      'stacks/app.yml:12:3: 2 resources that grant IAM permissions (Resources.JoinRole, Resources.ProdFunction) are not in the stack with the parameters read here: ' +
        'the conditions JoinRole, IsProd are false, so what they grant is not checked (give the parameters that make them true under parameters: to check them)',
    ])
    // Given the parameters that make them true, they are checked, and nothing is said.
    const given = await discover(text, { parameters: { CreateJoinRole: 'Yes', Stage: 'prod' } })
    expect(given.principals.map((p) => p.arn)).toEqual([
      'arn:aws:iam::111122223333:role/app',
      'arn:aws:iam::111122223333:role/join',
      'arn:aws:iam::111122223333:role/${ProdFunctionRole}',
    ])
    expect(given.notes).toEqual([])
  })
})

describe('Policies beside a Role of its own (AWS SAM)', () => {
  // SAM puts a function's Policies only in the role it makes: written beside a Role of the function's
  // own, they grant nothing, and were dropped without a word. A state machine with both SAM refuses.
  it('says a function grants nothing through them, and refuses a state machine with both', async () => {
    const role = (id: string, name: string) => [
      `  ${id}:`,
      '    Type: AWS::IAM::Role',
      `    Properties: { RoleName: ${name}, AssumeRolePolicyDocument: {} }`,
    ]
    const fn = (id: string, more: string[]) => [
      `  ${id}:`,
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Runtime: python3.12',
      '      Handler: a.b',
      ...more,
    ]
    const text = [
      'Transform: AWS::Serverless-2016-10-31', // 1
      'Conditions:', // 2
      '  Own: !Equals [!Ref AWS::Region, us-east-1]', // 3
      'Resources:', // 4
      ...role('Exec', 'exec'), // 5-7
      ...fn('WithBoth', [
        '      Role: !GetAtt Exec.Arn',
        "      Policies: [{ Statement: [{ Effect: Allow, Action: 'iam:*', Resource: '*' }] }]",
      ]), // 8-14
      ...fn('EmptyPolicies', ['      Role: !GetAtt Exec.Arn', '      Policies: []']), // 15-21
      // Role chosen by a condition SAM cannot decide: SAM makes its role for the other branch, with the Policies.
      ...fn('MaybeOwn', [
        "      Role: !If [Own, !GetAtt Exec.Arn, !Ref 'AWS::NoValue']",
        '      Policies: [AmazonS3ReadOnlyAccess]',
      ]), // 22-28
    ].join('\n')
    const found = await discover(text)
    expect(found.problems).toEqual([])
    expect(found.notes).toContain(
      'stacks/app.yml:14:17: Resources.WithBoth: its Policies grant nothing: the function has a Role of its own, and AWS SAM puts Policies only in the role it makes; grant them in that Role instead, or leave Role out',
    )
    expect(found.notes?.filter((n) => n.includes('grant nothing'))).toHaveLength(1)
    expect(
      found.principals.map((p) => [
        p.arn,
        p.policies.map((d) => d.statements.flatMap((st) => st.actions.map((a) => a.value)).join(' ')),
      ]),
    ).toEqual([
      ['arn:aws:iam::111122223333:role/exec', []],
      [
        'arn:aws:iam::111122223333:role/${MaybeOwnRole}',
        expect.arrayContaining([expect.stringContaining('s3:Get*')]),
      ],
    ])
    const machine = await discover(
      [
        'Transform: AWS::Serverless-2016-10-31', // 1
        'Resources:', // 2
        ...role('Exec', 'exec'), // 3-5
        '  Machine:', // 6
        '    Type: AWS::Serverless::StateMachine', // 7
        '    Properties:', // 8
        '      Definition: {}', // 9
        '      Role: !GetAtt Exec.Arn', // 10
        '      Policies: [AWSXrayWriteOnlyAccess]', // 11
      ].join('\n'),
    )
    expect(machine.problems).toEqual([
      'stacks/app.yml:11:17: Resources.Machine: AWS SAM refuses a state machine with both Role and Policies: give one',
    ])
  })
})

describe('a policy a macro writes when the stack is deployed', () => {
  it("is an unresolved-policy of a SAM function's Policies and of ManagedPolicyArns, saying so", async () => {
    const transform = (line: string) =>
      `${line} the policy is made by Fn::Transform (an AWS::Include snippet, or a macro), which CloudFormation runs only when it deploys the stack`
    const { principals, problems } = await discover(
      [
        'Transform: AWS::Serverless-2016-10-31', // 1
        'Resources:', // 2
        '  Fn:', // 3
        '    Type: AWS::Serverless::Function', // 4
        '    Properties:', // 5
        '      Runtime: python3.12', // 6
        '      Handler: app.handler', // 7
        '      Policies:', // 8
        '        - Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://b/p.yaml } }', // 9
        '        - S3ReadPolicy: { BucketName: data }', // 10
        '  Role:', // 11
        '    Type: AWS::IAM::Role', // 12
        '    Properties:', // 13
        '      RoleName: app', // 14
        '      AssumeRolePolicyDocument: {}', // 15
        '      ManagedPolicyArns:', // 16
        '        - Fn::Transform: { Name: PolicyMacro }', // 17
      ].join('\n'),
    )
    expect(problems).toEqual([])
    const reasons = principals.flatMap((p) => (p.unresolved ?? []).map((u) => `${u.line} ${u.reason}`))
    expect(reasons.sort()).toEqual([transform('17'), transform('9')])
    // What SAM's own templates give is checked beside it.
    const fn = principals.find((p) => p.arn.endsWith('${FnRole}'))
    expect(fn?.policies.length).toBeGreaterThan(0)
  })
})

// A permission set granting "*" on "*" passed with "no principals", in silence.
describe('an IAM Identity Center permission set', () => {
  it('is noted as not checked, with the properties that give it permissions; one without any is not', async () => {
    const { principals, problems, notes } = await discover(
      [
        'Conditions:',
        '  Never: !Equals [a, b]',
        'Resources:',
        '  Admins:',
        '    Type: AWS::SSO::PermissionSet',
        '    Properties:',
        '      InstanceArn: arn:aws:sso:::instance/ssoins-1234567890abcdef',
        '      Name: DataAdmins',
        '      ManagedPolicies: [arn:aws:iam::aws:policy/AmazonS3FullAccess]',
        '      InlinePolicy:',
        "        Statement: [{ Effect: Allow, Action: '*', Resource: '*' }]",
        '  Empty:',
        '    Type: AWS::SSO::PermissionSet',
        '    Properties: { InstanceArn: arn:aws:sso:::instance/ssoins-1234567890abcdef, Name: Empty }',
        '  Dropped:',
        '    Type: AWS::SSO::PermissionSet',
        '    Condition: Never',
        '    Properties:',
        '      InstanceArn: arn:aws:sso:::instance/ssoins-1234567890abcdef',
        '      Name: Dropped',
        '      PermissionsBoundary: { ManagedPolicyArn: arn:aws:iam::aws:policy/ReadOnlyAccess }',
        '',
      ].join('\n'),
    )
    expect([principals, problems]).toEqual([[], []])
    expect(notes).toEqual([
      `${APP}:4:3: Resources.Admins: the InlinePolicy and ManagedPolicies of this IAM Identity Center permission set are ` +
        'not checked: this action checks IAM roles, users and groups, and does not read the roles Identity Center makes ' +
        'of a permission set in each account it is assigned to',
    ])
  })

  it('notes many permission sets of one template once, at the first', async () => {
    const sets = Array.from({ length: 5 }, (_, i) => [
      `  Set${i}:`,
      '    Type: AWS::SSO::PermissionSet',
      `    Properties: { InstanceArn: arn:aws:sso:::instance/ssoins-1, Name: s${i}, ManagedPolicies: [arn:aws:iam::aws:policy/ReadOnlyAccess] }`,
    ]).flat()
    const { notes } = await discover(['Resources:', ...sets, ''].join('\n'))
    expect(notes).toEqual([
      `${APP}:2:3: 5 IAM Identity Center permission sets with policies are not checked (Resources.Set0, ` +
        'Resources.Set1, Resources.Set2, … (2 more)): this action checks IAM roles, users and groups, and does not ' +
        'read the roles Identity Center makes of a permission set in each account it is assigned to',
    ])
  })
})
