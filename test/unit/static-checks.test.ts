import { describe, expect, it } from 'vitest'
import { analyse, tooMuchToCheck } from '../../src/analysis/analyse.js'
import { PassedRoles } from '../../src/analysis/passed-roles.js'
import { operationPermissions } from '../../src/catalog/api-operations.js'
import { loadCatalog } from '../../src/catalog/catalog.js'
import { escalationReason } from '../../src/catalog/escalation.js'
import type { Finding, IgnoreRule } from '../../src/vocabulary/findings.js'
import type { PolicyDocument, PrincipalPolicies, Statement } from '../../src/vocabulary/policy.js'
import { parsed, policyOf } from '../world/policies.js'
import { checkedUsage } from '../world/usage.js'

const catalog = loadCatalog()
const ROLE = 'arn:aws:iam::111122223333:role/app'

const policy = policyOf

function check(policies: PolicyDocument[], ignore: IgnoreRule[] = []) {
  return analyse([{ arn: ROLE, policies }], ignore, catalog)
}

/** `kind@line: actions` — enough to see what was found where. */
const brief = (findings: readonly Finding[]) =>
  findings.map(
    (f) =>
      `${f.kind}@${f.line}: ${f.actions.length > 4 ? `${f.actions.length} actions` : f.actions.join(' ')}`,
  )

/** What the unknown-action finding on an Allow of `Action` on `Resource` suggests (undefined: no finding). */
const suggestionFor = (Action: string, Resource: string) =>
  check([policy('p.json', { Effect: 'Allow', Action, Resource })]).findings.find(
    (f) => f.kind === 'unknown-action',
  )?.suggestion

describe('static checks', () => {
  it('finds nothing in a scoped, known policy', () => {
    const p = policy(
      'a.json',
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: 'arn:aws:s3:::bucket/*',
      },
      { Effect: 'Allow', Action: ['sts:GetCallerIdentity', 'ec2:DescribeInstances'], Resource: '*' },
    )
    expect(check([p]).findings).toEqual([])
  })

  it('flags Action "*" on Resource "*": wildcard action, escalation and wildcard resource', () => {
    const { findings } = check([
      policy('admin.json', { Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' }),
    ])
    expect(findings.map((f) => [f.kind, f.severity, f.line, f.sid])).toEqual([
      ['privilege-escalation', 'critical', 7, 'Admin'],
      ['wildcard-action', 'high', 7, 'Admin'],
      ['wildcard-resource', 'medium', 8, 'Admin'],
    ])
    const [escalation, wildcard, resource] = findings
    expect(escalation?.actions).toEqual(
      expect.arrayContaining(['iam:PassRole', 'iam:CreatePolicyVersion', 'sts:AssumeRole']),
    )
    expect(wildcard?.actions).toHaveLength(catalog.actions.length)
    expect(wildcard?.message).toMatch(
      /^"\*" grants every action of every service: \d{1,3},\d{3} actions \(\d+ Permissions management, \d{1,3},\d{3} Write, /,
    )
    expect(resource?.actions).toContain('s3:GetObject')
    expect(resource?.actions).not.toContain('sts:GetCallerIdentity')
    expect(resource?.message).toMatch(
      /^Resource "\*" on \d{1,3},\d{3} actions that support resource-level permissions \(.*, … \(\d{1,3},\d{3} more\)\)\. /,
    )
  })

  it('flags service:* on its own line and names the escalation actions it includes', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: ['s3:GetObject', 'iam:*'],
      Resource: 'arn:aws:iam::111122223333:role/x',
    })
    // On a role, iam:* grants the actions that act on roles.
    const onRoles = catalog.actions.filter((a) => a.service === 'iam' && a.resourceTypes.includes('role'))
    expect(brief(check([p]).findings)).toEqual([
      // s3:GetObject acts on objects, not on a role: as written it grants nothing.
      'ineffective-grant@7: s3:GetObject',
      `wildcard-action@8: ${onRoles.length} actions`,
    ])
  })

  it('does not flag partial wildcards without usage data', () => {
    const p = policy('p.json', { Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::b/*' })
    expect(check([p]).findings).toEqual([])
  })

  it('flags escalation on Resource "*" once per action, on the entry that grants it', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: ['iam:PassRole', 'iam:Pass*', 'lambda:UpdateFunctionCode'],
      Resource: '*',
    })
    const escalation = check([p]).findings.filter((f) => f.kind === 'privilege-escalation')
    expect(brief(escalation)).toEqual([
      'privilege-escalation@7: iam:PassRole',
      'privilege-escalation@9: lambda:UpdateFunctionCode',
    ])
    expect(escalation[0]?.message).toBe(
      '"iam:PassRole" on Resource "*" grants an action that allows privilege escalation: iam:PassRole (hands a more privileged role to a service the principal controls (EC2, Lambda, Glue, …)). Scope it to the exact resources, or remove it.',
    )
  })

  it('does not flag escalation actions scoped to resources', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: 'arn:aws:iam::111122223333:role/app-task',
    })
    expect(check([p]).findings).toEqual([])
  })

  it('flags NotAction with Allow as a wildcard action on its first entry', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      NotAction: ['iam:*', 'organizations:*'],
      Resource: '*',
    })
    const findings = check([p]).findings.filter((f) => f.kind === 'wildcard-action')
    expect(brief(findings)).toEqual([
      `wildcard-action@7: ${catalog.actions.length - catalog.expand('iam:*').length - catalog.expand('organizations:*').length} actions`,
    ])
    expect(findings[0]?.actions).not.toContain('iam:PassRole')
    expect(findings[0]?.message).toMatch(
      /^"NotAction" with "Allow" grants every action except iam:\*, organizations:\*: /,
    )
  })

  it('says nothing of a NotAction statement an unconditional Deny of everything leaves with no action', () => {
    // PowerUserAccess's statement, on a user quarantined with AWSDenyAll: it was "0 actions ()", high.
    const power = policy('power.json', {
      Effect: 'Allow',
      NotAction: ['iam:*', 'organizations:*', 'account:*'],
      Resource: '*',
    })
    const denyAll = policy('deny.json', { Effect: 'Deny', Action: '*', Resource: '*' })
    expect(check([power, denyAll]).findings).toEqual([])
    // Denied in part, the rest is still the finding.
    const denyS3 = policy('deny.json', { Effect: 'Deny', Action: 's3:*', Resource: '*' })
    const [finding] = check([power, denyS3]).findings.filter((f) => f.kind === 'wildcard-action')
    expect(finding?.actions).not.toContain('s3:GetObject')
    expect(finding?.message).toMatch(/: \d{1,3},\d{3} actions \(/)
  })

  it('counts only what a NotAction statement grants on its resources: on a bucket, bucket actions', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      NotAction: ['iam:*', 'organizations:*'],
      Resource: 'arn:aws:s3:::b',
    })
    const [finding, ...rest] = check([p]).findings
    expect(rest).toEqual([])
    expect(finding?.kind).toBe('wildcard-action')
    const bucketActions = catalog.actions.filter(
      (a) => a.service === 's3' && a.resourceTypes.includes('bucket'),
    )
    // The bucket actions of S3 are all there, the object actions not, and of the other services only
    // those that take a bucket: ssm:SendCommand (its output bucket).
    const granted = finding?.actions ?? []
    expect(granted).toEqual(expect.arrayContaining(bucketActions.map((a) => a.name)))
    expect(granted).not.toContain('s3:GetObject')
    expect(granted.filter((n) => !n.startsWith('s3:'))).toEqual(['ssm:SendCommand'])
    expect(finding?.message).toMatch(
      /^"NotAction" with "Allow" grants every action except iam:\*, organizations:\* that can act on "arn:aws:s3:::b": \d+ actions/,
    )
  })

  it('counts of what "*" grants on a service\'s ARNs only the actions that can be asked for on them', () => {
    // KICS's lambda_functions_with_full_privileges: the actions without resource types of every other
    // service (a4b:ListSkills, …) were counted as granted on the log groups, 6,800 in all.
    const [finding, ...rest] = check([
      policy('p.json', { Effect: 'Allow', Action: '*', Resource: 'arn:aws:logs:*:*:*' }),
    ]).findings
    expect(rest.map((f) => f.kind)).toEqual([])
    expect(finding?.kind).toBe('wildcard-action')
    const logs = catalog.expand('logs:*')
    expect([...(finding?.actions ?? [])].sort()).toEqual(logs.map((id) => catalog.nameOf(id)).sort())
    expect(finding?.message).toMatch(
      new RegExp(
        `^"\\*" grants every action of every service that can act on "arn:aws:logs:\\*:\\*:\\*": ${logs.length} actions \\(`,
      ),
    )
  })

  it('counts only what a service wildcard grants on its resources, and flags one that grants nothing', () => {
    const objects = check([
      policy('p.json', { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }),
    ]).findings
    expect(objects.map((f) => f.kind)).toEqual(['wildcard-action'])
    const granted = objects[0]?.actions ?? []
    expect(granted).toContain('s3:GetObject')
    expect(granted).not.toContain('s3:ListBucket')
    expect(granted).not.toContain('s3:ListAllMyBuckets')
    expect(granted.length).toBeLessThan(catalog.expand('s3:*').length / 2)
    expect(objects[0]?.message).toMatch(
      /^"s3:\*" grants every action of the s3 service that can act on "arn:aws:s3:::b\/\*": \d+ actions \(/,
    )
    const table = 'arn:aws:dynamodb:us-east-1:111122223333:table/orders'
    const nothing = check([policy('p.json', { Effect: 'Allow', Action: 's3:*', Resource: table })]).findings
    expect(brief(nothing)).toEqual(['ineffective-grant@6: s3:*'])
    expect(nothing[0]?.message).toBe(
      `"s3:*" names ${catalog.expand('s3:*').length} actions, none of which can act on "${table}": as written it grants nothing. Name the resources its actions act on, or remove it.`,
    )
    // A pattern of one action names it (aws-service-catalog-reference-architectures' SageMaker product).
    const parameters = 'arn:aws:ssm:us-east-1:111122223333:parameter/MLWorkshop/*'
    const one = check([
      policy('p.json', { Effect: 'Allow', Action: 'ssm:DescribeParameter*', Resource: parameters }),
    ]).findings
    expect(one.map((f) => f.message)).toEqual([
      `"ssm:DescribeParameter*" names one action, ssm:DescribeParameters, which cannot act on "${parameters}": as written it grants nothing. Name the resources it acts on, or remove it.`,
    ])
  })

  it('says that a NotAction statement grants the escalation actions, not the entry it names', () => {
    const p = policy('p.json', { Effect: 'Allow', NotAction: ['iam:*', 'sts:*'], Resource: '*' })
    const escalation = check([p]).findings.find((f) => f.kind === 'privilege-escalation')
    expect(escalation?.message).toMatch(
      /^NotAction "iam:\*", "sts:\*" on Resource "\*" grants everything else, including \d+ actions that allow privilege escalation, among them /,
    )
    expect(escalation?.actions).toContain('lambda:UpdateFunctionCode')
    expect(escalation?.actions).not.toContain('iam:PassRole')
  })

  it('explains five of the escalating actions "*" grants, the IAM ones first, and names the others', () => {
    const p = policy('p.json', { Effect: 'Allow', Action: '*', Resource: '*' })
    const escalation = check([p]).findings.find((f) => f.kind === 'privilege-escalation')
    const actions = escalation?.actions ?? []
    expect(actions.length).toBeGreaterThan(20)
    const iam = actions.filter((a) => a.startsWith('iam:')).slice(0, 5)
    const others = actions.filter((a) => !iam.includes(a))
    expect(escalation?.message).toBe(
      `"*" on Resource "*" grants ${actions.length} actions that allow privilege escalation, among them ` +
        `${iam.map((a) => `${a} (${escalationReason(a)})`).join('; ')}; ` +
        `and ${others.slice(0, 4).join(', ')}, … (${others.length - 4} more). Scope them to the exact resources, or remove them.`,
    )
    // Five or fewer are each explained, as they were.
    const lambda = check([policy('p.json', { Effect: 'Allow', Action: 'lambda:*', Resource: '*' })]).findings
    expect(lambda.find((f) => f.kind === 'privilege-escalation')?.message).toMatch(
      /grants 2 actions that allow privilege escalation: lambda:UpdateFunctionCode \(runs its own code as the execution role of an existing function\); lambda:UpdateFunctionConfiguration \(/,
    )
  })

  it('does not flag Resource "*" on actions a request may send without a resource', () => {
    // PutMetricData without a dataset, DescribeDBInstances of every instance: only "*" allows them, so
    // naming the resources would break the calls. GetObject always names an object or access point.
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: ['cloudwatch:PutMetricData', 'rds:DescribeDBInstances', 's3:GetObject'],
      Resource: '*',
    })
    expect(brief(check([p]).findings)).toEqual(['wildcard-resource@11: s3:GetObject'])
  })

  // The AWS Load Balancer Controller's published policy keeps its writes to what it tagged.
  it('says when a Condition scopes Resource "*" by tag, and still finds it', () => {
    const tagged = (Action: string[], Condition: object) =>
      policy('p.json', { Effect: 'Allow', Action, Resource: '*', Condition })
    const messages = (p: PolicyDocument) => check([p]).findings.map((f) => `${f.kind}: ${f.message}`)
    expect(
      messages(
        tagged(['ec2:DeleteSecurityGroup', 'ec2:RevokeSecurityGroupIngress'], {
          Null: { 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'false' },
          StringEquals: { 'ec2:ResourceTag/Owner': 'lbc', 'aws:SourceVpc': 'vpc-1' },
        }),
      ),
    ).toEqual([
      'wildcard-resource: Resource "*" on 2 actions that support resource-level permissions (ec2:DeleteSecurityGroup, ec2:RevokeSecurityGroupIngress); ' +
        'its Condition scopes them by tag (aws:ResourceTag/elbv2.k8s.aws/cluster, ec2:ResourceTag/Owner). Name the resources instead, ' +
        'or, where tags are how these resources are told apart, accept it with an ignore: entry.',
    ])
    expect(
      messages(
        tagged(['elasticloadbalancing:CreateTargetGroup'], {
          StringLike: { 'aws:RequestTag/team': 'web-*' },
        }),
      ),
    ).toEqual([
      'wildcard-resource: Resource "*" on elasticloadbalancing:CreateTargetGroup, which supports resource-level permissions; ' +
        'its Condition requires the request to set a tag (aws:RequestTag/team), which limits the tags of what is created ' +
        'or tagged, not which resources are acted on. Name the resources instead, or, where tags are how these ' +
        'resources are told apart, accept it with an ignore: entry.',
    ])
    // Both: the resource's tag scopes the actions; the request's says which tags it may set.
    expect(
      messages(
        tagged(['ec2:CreateTags'], {
          StringEquals: {
            'aws:ResourceTag/team': 'web',
            'aws:RequestTag/team': 'web',
            'aws:RequestTag/env': 'prod',
          },
        }),
      ),
    ).toEqual([
      'wildcard-resource: Resource "*" on ec2:CreateTags, which supports resource-level permissions; ' +
        'its Condition scopes it by tag (aws:ResourceTag/team), and requires the request to set tags (aws:RequestTag/team, ' +
        'aws:RequestTag/env), which limits the tags of what is created or tagged, not which resources are acted on. ' +
        'Name the resources instead, or, where tags are how these resources are told apart, accept it with an ignore: entry.',
    ])
    // A tag that may be absent (…IfExists, Null: true) or need not match every value scopes nothing.
    for (const Condition of [
      { StringEqualsIfExists: { 'aws:ResourceTag/team': 'web' } },
      { Null: { 'aws:ResourceTag/team': 'true' } },
      { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } },
      { StringNotEquals: { 'aws:ResourceTag/team': 'web' } },
    ])
      expect(messages(tagged(['ec2:DeleteSecurityGroup'], Condition))).toEqual([
        'wildcard-resource: Resource "*" on ec2:DeleteSecurityGroup, which supports resource-level permissions. Name the resources instead.',
      ])
  })

  it('treats NotResource with Allow as a wildcard resource', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: 's3:GetObject',
      NotResource: 'arn:aws:s3:::secret/*',
    })
    const { findings } = check([p])
    expect(brief(findings)).toEqual(['wildcard-resource@7: s3:GetObject'])
    expect(findings[0]?.message).toBe(
      'NotResource "arn:aws:s3:::secret/*" (every other resource) on s3:GetObject, which supports resource-level permissions. Name the resources instead.',
    )
  })

  // Bishop Fox's iam-vulnerable, fp5: iam:CreatePolicyVersion on "*" only for sessions issued before 2020.
  it('says that a statement whose Condition allows only requests before a time now past grants nothing', () => {
    const until = (operator: string, key: string, value: unknown) =>
      check([
        policy('p.json', {
          Effect: 'Allow',
          Action: 'iam:CreatePolicyVersion',
          Resource: '*',
          Condition: { [operator]: { [key]: value } },
        }),
      ]).findings
    const expired = until('DateLessThan', 'aws:TokenIssueTime', '2020-01-01T00:00:01Z')
    expect(brief(expired)).toEqual(['ineffective-grant@8: iam:CreatePolicyVersion'])
    expect(expired[0]?.message).toBe(
      'Condition DateLessThan aws:TokenIssueTime "2020-01-01T00:00:01Z": that time has passed, so this statement grants nothing now (temporary access that ran out?). Remove it, or give it a new end.',
    )
    expect(
      brief(until('DateLessThanEquals', 'aws:CurrentTime', ['2019-05-01', '2024-06-30T12:00:00+02:00'])),
    ).toEqual(['ineffective-grant@8: iam:CreatePolicyVersion'])
    expect(until('DateLessThanEquals', 'aws:CurrentTime', ['2019-05-01', '2024-06-30'])[0]?.message).toMatch(
      /^Condition DateLessThanEquals aws:CurrentTime "2024-06-30": /,
    )
    expect(brief(until('DateLessThan', 'aws:EpochTime', 1577836800))).toEqual([
      'ineffective-grant@8: iam:CreatePolicyVersion',
    ])
    expect(brief(until('NumericLessThanEquals', 'aws:EpochTime', '1577836800'))).toEqual([
      'ineffective-grant@8: iam:CreatePolicyVersion',
    ])
    // A hostile list of dates: the latest found by a loop (a spread of 300,000 overflowed the stack).
    const many = Array.from(
      { length: 300_000 },
      (_, i) => `2019-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
    )
    expect(until('DateLessThan', 'aws:CurrentTime', many).map((f) => f.kind)).toEqual(['ineffective-grant'])
    // Still to come, or one of the values is; a request with a user's own keys has no aws:TokenIssueTime,
    // which …IfExists lets through; a date that is no ISO 8601 date; a time after it, not before.
    const escalation = [
      'privilege-escalation@6: iam:CreatePolicyVersion',
      'wildcard-resource@7: iam:CreatePolicyVersion',
    ]
    expect(brief(until('DateLessThan', 'aws:CurrentTime', '2999-01-01T00:00:00Z'))).toEqual(escalation)
    expect(brief(until('DateLessThan', 'aws:CurrentTime', ['2019-01-01', '2999-01-01']))).toEqual(escalation)
    expect(brief(until('DateLessThanIfExists', 'aws:TokenIssueTime', '2020-01-01'))).toEqual(escalation)
    expect(brief(until('DateLessThan', 'aws:CurrentTime', 'January 1, 2020'))).toEqual(escalation)
    expect(brief(until('DateGreaterThan', 'aws:CurrentTime', '2020-01-01'))).toEqual(escalation)
    // A number is a time for aws:EpochTime alone.
    expect(brief(until('NumericLessThan', 'aws:CurrentTime', 1577836800))).toEqual(escalation)
  })

  // cfn_nag's iam_role_not_resource.json: `"Action": "*", "NotResource": "*"` read as 22,091 actions on
  // every resource, when it excludes every resource and grants nothing.
  it('says that an Allow on NotResource "*" grants nothing, and nothing more', () => {
    const p = policy('p.json', { Effect: 'Allow', Action: '*', NotResource: '*' })
    const { findings } = check([p])
    expect(brief(findings)).toEqual(['ineffective-grant@7: *'])
    expect(findings[0]?.message).toBe(
      'NotResource "*" excludes every resource, so this statement grants nothing, whatever its Action names. Name the resources it should grant in Resource, or remove it.',
    )
    const notAction = policy('p.json', {
      Effect: 'Allow',
      NotAction: 's3:*',
      NotResource: ['arn:aws:s3:::b', '**'],
    })
    expect(brief(check([notAction]).findings)).toEqual(['ineffective-grant@9: s3:*'])
    // Another pattern with a star leaves what it does not match: roles are no bucket.
    const some = policy('p.json', { Effect: 'Allow', Action: 'iam:PassRole', NotResource: 'arn:aws:s3:::*' })
    expect(brief(check([some]).findings)).toEqual([
      'privilege-escalation@6: iam:PassRole',
      'wildcard-resource@7: iam:PassRole',
    ])
  })

  it('names what a NotResource statement leaves out when it grants escalation', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: 'lambda:UpdateFunctionCode',
      NotResource: ['arn:aws:lambda:*:*:function:a', 'arn:aws:lambda:*:*:function:b', 'c', 'd'],
    })
    const escalation = check([p]).findings.find((f) => f.kind === 'privilege-escalation')
    expect(escalation?.message).toMatch(
      /^"lambda:UpdateFunctionCode" on NotResource "arn:aws:lambda:\*:\*:function:a", "arn:aws:lambda:\*:\*:function:b", "c", … \(1 more\) \(every other resource\) grants an action that allows privilege escalation: /,
    )
  })

  // AmazonSageMakerFullAccess grants sagemaker:* on NotResource domain/*, user-profile/*, app/*, …: what
  // acts only on those is granted on nothing, and neither a risk nor a resource to name.
  it('leaves out of a NotResource statement what it leaves no resource to act on', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: ['iam:PassRole', 'iam:GetUser', 'sagemaker:DescribeDomain', 'sagemaker:DescribeModel'],
      NotResource: ['arn:aws:iam::*:role/*', 'arn:aws:sagemaker:*:*:domain/*'],
    })
    const { findings } = check([p])
    expect(brief(findings)).toEqual(['wildcard-resource@13: iam:GetUser sagemaker:DescribeModel'])
    expect(findings[0]?.message).toMatch(
      / on 2 actions that support resource-level permissions \(iam:GetUser, /,
    )
    // A pattern that leaves some of the type's resources (one role) takes nothing away.
    const one = policy('p.json', {
      Effect: 'Allow',
      Action: 'iam:PassRole',
      NotResource: 'arn:aws:iam::111122223333:role/admin',
    })
    expect(brief(check([one]).findings)).toEqual([
      'privilege-escalation@6: iam:PassRole',
      'wildcard-resource@7: iam:PassRole',
    ])
  })

  // Bishop Fox's iam-vulnerable, fn2: iam:CreatePolicyVersion on `policy/fn2-*` is no broad grant, but
  // the principal's own policy is one of them, and a new version of it may grant anything.
  describe("escalation on what is the principal's own", () => {
    const own = (arn: string, statements: object[], extra: Partial<PrincipalPolicies> = {}) =>
      analyse([{ arn, policies: [policy('p.json', ...statements)], ...extra }], [], catalog).findings.filter(
        (f) => f.kind === 'privilege-escalation',
      )
    const allow = (Action: string | string[], Resource: string | string[], more: object = {}) => ({
      Effect: 'Allow',
      Action,
      Resource,
      ...more,
    })

    it('flags a role that may write its own policies, and not one whose prefix leaves it out', () => {
      const role = 'arn:aws:iam::111122223333:role/app-deployer'
      const found = own(role, [
        allow(['iam:PutRolePolicy', 'iam:AttachRolePolicy'], 'arn:aws:iam::*:role/app-*'),
      ])
      expect(found.map((f) => [f.severity, f.line, f.actions])).toEqual([
        ['critical', 7, ['iam:PutRolePolicy']],
        ['critical', 8, ['iam:AttachRolePolicy']],
      ])
      expect(found[0]?.message).toBe(
        '"iam:PutRolePolicy" on Resource "arn:aws:iam::*:role/app-*", which names its own role (arn:aws:iam::111122223333:role/app-deployer), grants an action that allows privilege escalation: iam:PutRolePolicy (writes an arbitrary inline policy on a role). The principal can give itself any permission: leave its own role out of the resources, or remove it.',
      )
      expect(own(role, [allow('iam:PutRolePolicy', 'arn:aws:iam::*:role/svc-*')])).toEqual([])
      // Another account's roles, a path the role is not under, a role action on users: not its own.
      expect(own(role, [allow('iam:PutRolePolicy', 'arn:aws:iam::444455556666:role/app-*')])).toEqual([])
      expect(own(role, [allow('iam:PutRolePolicy', 'arn:aws:iam::*:role/ci/app-*')])).toEqual([])
      expect(own(role, [allow('iam:PutUserPolicy', 'arn:aws:iam::*:user/app-*')])).toEqual([])
      // Actions that act on the principal without widening what it may do.
      expect(own(role, [allow(['iam:TagRole', 'iam:UpdateAssumeRolePolicy'], role)])).toEqual([])
    })

    it("flags a user that may write its own policy through ${aws:username}, or its group's", () => {
      const user = 'arn:aws:iam::111122223333:user/ci/alice'
      const found = own(user, [allow('iam:PutUserPolicy', 'arn:aws:iam::*:user/ci/${aws:username}')])
      expect(found.map((f) => f.actions)).toEqual([['iam:PutUserPolicy']])
      expect(found[0]?.message).toContain(
        'which names its own user (arn:aws:iam::111122223333:user/ci/alice)',
      )
      const group = 'arn:aws:iam::111122223333:group/ops'
      const inGroup = own(user, [allow('iam:AttachGroupPolicy', 'arn:aws:iam::111122223333:group/op*')], {
        groups: [group],
      })
      expect(inGroup[0]?.message).toContain(`which names its own group (${group}),`)
      expect(inGroup[0]?.message).toContain('leave the groups it is in out of the resources')
      expect(own(user, [allow('iam:AttachGroupPolicy', 'arn:aws:iam::111122223333:group/op*')])).toEqual([])
    })

    it('flags a new version of a policy the principal has, by its ARN or its placeholder', () => {
      const role = 'arn:aws:iam::111122223333:role/fn2-role'
      const mine = 'arn:aws:iam::111122223333:policy/fn2-exploitable'
      const statements = [allow('iam:CreatePolicyVersion', 'arn:aws:iam::*:policy/fn2-*')]
      const withArn = { arn: mine, ...policy('p.json', ...statements) }
      const found = analyse([{ arn: role, policies: [withArn] }], [], catalog).findings
      expect(found.map((f) => [f.kind, f.severity, f.actions])).toEqual([
        ['privilege-escalation', 'critical', ['iam:CreatePolicyVersion']],
      ])
      expect(found[0]?.message).toContain(`which names one of its own policies (${mine}),`)
      // AWS's managed policies cannot be rewritten (iam-vulnerable's fp4): not its own.
      const aws = [allow('iam:CreatePolicyVersion', 'arn:aws:iam::aws:policy/fn2-*')]
      expect(
        analyse([{ arn: role, policies: [{ ...withArn, ...policy('p.json', ...aws) }] }], [], catalog)
          .findings,
      ).toEqual([])
      // A template's unnamed boundary policy: the statement names it as the code does (`!Ref Boundary`).
      const boundary = { arn: '${Boundary}', ...policy('b.json', allow('*', '*')) }
      const widen = policy('p.json', allow('iam:CreatePolicyVersion', '${Boundary}'))
      const onBoundary = analyse([{ arn: role, policies: [widen], boundary }], [], catalog).findings
      expect(onBoundary.map((f) => [f.kind, f.actions])).toEqual([
        ['privilege-escalation', ['iam:CreatePolicyVersion']],
      ])
      expect(analyse([{ arn: role, policies: [widen] }], [], catalog).findings).toEqual([])
    })

    it('matches a placeholder account to any, and a placeholder name only to itself', () => {
      const role = 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${AWS::StackName}-deployer'
      expect(own(role, [allow('iam:PutRolePolicy', 'arn:aws:iam::111122223333:role/*')])).toHaveLength(1)
      expect(
        own(role, [
          allow('iam:PutRolePolicy', 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${AWS::StackName}-*'),
        ]),
      ).toHaveLength(1)
      expect(own(role, [allow('iam:PutRolePolicy', 'arn:aws:iam::111122223333:role/app-*')])).toEqual([])
      expect(
        own('arn:aws:iam::<account>:role/app', [allow('iam:PutRolePolicy', 'arn:aws:iam::*:role/app')]),
      ).toHaveLength(1)
    })

    // A hostile principal of 300 policies, each naming 300 of them, weighed 27 million pairs (35 s).
    it('weighs up to a million entries and own resources in a run, and passes over the rest', () => {
      const role = 'arn:aws:iam::111122223333:role/r'
      const entries = Array.from({ length: 999 }, (_, i) => `arn:aws:iam::*:policy/other-${i}`)
      const run = (policies: number) => {
        const statement = allow('iam:CreatePolicyVersion', [...entries, 'arn:aws:iam::*:policy/mine-*'])
        const docs = Array.from({ length: policies }, (_, i) => ({
          ...policy(`p${i}.json`, i === 0 ? statement : allow('s3:GetObject', 'arn:aws:s3:::b/*')),
          arn: `arn:aws:iam::111122223333:policy/mine-${i}`,
        }))
        return analyse([{ arn: role, policies: docs }], [], catalog).findings.filter(
          (f) => f.kind === 'privilege-escalation',
        ).length
      }
      expect(run(1000)).toBe(1) // 1,000 entries × 1,000 policies
      expect(run(1001)).toBe(0)
    })

    it('lets an unconditional Deny on its own resource take it away, and says it once', () => {
      const role = 'arn:aws:iam::111122223333:role/app-deployer'
      const broad = allow('iam:PutRolePolicy', 'arn:aws:iam::*:role/app-*')
      const deny = { Effect: 'Deny', Action: 'iam:Put*', Resource: role }
      expect(own(role, [broad, deny])).toEqual([])
      // A Deny with a Condition may not apply: the finding stands.
      expect(
        own(role, [broad, { ...deny, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }]),
      ).toHaveLength(1)
      // Said once: on "*" it is the broad finding, not this one too.
      expect(
        own(role, [allow('iam:PutRolePolicy', ['*', 'arn:aws:iam::*:role/app-*'])]).map((f) => f.message),
      ).toEqual([expect.stringMatching(/^"iam:PutRolePolicy" on Resource "\*" grants/)])
      // On every role, with a Condition that pins the policies it may attach (AWS's QuickSetup policies):
      // the broad finding, at high, and not this one too.
      const pinned = allow('iam:AttachRolePolicy', 'arn:aws:iam::*:role/*', {
        Condition: { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' } },
      })
      expect(own(role, [pinned]).map((f) => [f.severity, f.message.slice(0, 94)])).toEqual([
        [
          'high',
          '"iam:AttachRolePolicy" on Resource "arn:aws:iam::*:role/*" (every resource of its type) grants',
        ],
      ])
    })
  })

  // `"Action": "*"` on a NotResource of 5,000 buckets weighed every pattern against every resource type
  // (30 s): a type is weighed against the patterns of its service, or of any, and past 32 of them not at
  // all, the statement then taken to grant what it names.
  it('weighs a resource type against the NotResource patterns of its service, up to 32 of them', () => {
    const passes = (NotResource: string[]) =>
      brief(check([policy('p.json', { Effect: 'Allow', Action: 'iam:PassRole', NotResource })]).findings)
    const users = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:iam::*:user/u${i}`)
    const buckets = Array.from({ length: 100 }, (_, i) => `arn:aws:s3:::b${i}/*`)
    expect(passes(['arn:aws:iam::*:role/*', ...users(31), ...buckets])).toEqual([])
    expect(passes(['arn:aws:*:*:*:*'])).toEqual([])
    expect(passes(['arn:aws:iam::*:role/*', ...users(32)])).toEqual([
      'privilege-escalation@6: iam:PassRole',
      'wildcard-resource@8: iam:PassRole',
    ])
  })

  it('suggests the ARN formats of the resource types for Resource "*"', () => {
    const p = policy('p.json', { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: ['*'] })
    expect(check([p]).findings[0]).toMatchObject({
      kind: 'wildcard-resource',
      line: 10,
      column: 9,
      suggestion: 'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}',
    })
  })

  // ec2:CreateTags accepts 106 resource types: listing its first three (application-status-check…) beside
  // ec2:TerminateInstances hid the one they share, as the github-runner module's scale-down policy has them.
  it('suggests what the actions act on first: the type each names or has alone, then the few of one that names none', () => {
    const suggested = (Action: string[]) =>
      check([policy('p.json', { Effect: 'Allow', Action, Resource: '*' })]).findings.find(
        (f) => f.kind === 'wildcard-resource',
      )?.suggestion
    const ec2 = (type: string) => `arn:\${Partition}:ec2:\${Region}:\${Account}:${type}`
    expect(suggested(['ec2:CreateTags', 'ec2:DeleteTags', 'ec2:TerminateInstances'])).toBe(
      ec2('instance/${InstanceId}'),
    )
    expect(suggested(['ec2:CreateFleet', 'ec2:CreateTags', 'ec2:RunInstances'])).toBe(
      `${ec2('fleet/${FleetId}')}, ${ec2('instance/${InstanceId}')}`,
    )
    expect(suggested(['ec2:AuthorizeSecurityGroupIngress'])).toBe(ec2('security-group/${SecurityGroupId}'))
    expect(suggested(['s3:GetObject'])).toBe('arn:${Partition}:s3:::${BucketName}/${ObjectName}')
    expect(suggested(['dynamodb:Query'])).toBe(
      'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}, arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}',
    )
    // Alone, a tagging action's types in the catalog's order: nothing tells which it is meant for.
    expect(suggested(['ec2:CreateTags'])?.split(', ')).toHaveLength(3)
  })

  // github-aws-runners' permissions-boundary example reads its boundary from another state: the finding
  // said "this policy could not be resolved; it is not checked" of a role whose policies were checked.
  it('says of a boundary it could not resolve that the policies are checked as if there were none', () => {
    const where = { file: 'main.tf', line: 8, column: 26, address: 'aws_iam_role.runner', reason: 'not here' }
    const messages = (asBoundary: boolean) =>
      analyse(
        [{ arn: ROLE, policies: [], unresolved: [{ ...where, ...(asBoundary && { asBoundary }) }] }],
        [],
        catalog,
      ).findings.map((f) => `${f.kind}@${f.line}: ${f.message}`)
    expect(messages(true)).toEqual([
      'unresolved-policy@8: aws_iam_role.runner: its permissions boundary could not be resolved (not here); what its policies grant is checked as if it had none. Look at it by hand.',
    ])
    expect(messages(false)).toEqual([
      'unresolved-policy@8: aws_iam_role.runner: this policy could not be resolved (not here); it is not checked. Look at it by hand.',
    ])
  })

  it('reports unknown actions with the nearest known one, in Allow and Deny alike', () => {
    const p = policy(
      'p.json',
      { Effect: 'Allow', Action: 's3:GetObjekt', Resource: 'arn:aws:s3:::b/*' },
      { Effect: 'Deny', Action: ['s4:GetObject', 's3:Gett*'], Resource: '*' },
    )
    const { findings } = check([p])
    expect(findings.map((f) => [f.kind, f.line, f.actions, f.suggestion])).toEqual([
      ['unknown-action', 6, ['s3:GetObjekt'], 's3:GetObject'],
      ['unknown-action', 12, ['s4:GetObject'], 's3:GetObject'],
      ['unknown-action', 13, ['s3:Gett*'], null],
    ])
    expect(findings[0]?.message).toMatch(
      /^"s3:GetObjekt" is not an action of s3 in the IAM catalog of \d{4}-\d\d-\d\d; .* Did you mean "s3:GetObject"\?$/,
    )
    expect(findings[1]?.message).toMatch(/has no service "s4"/)
    expect(findings[2]?.message).toMatch(/"s3:Gett\*" matches no action .*; it grants nothing$/)
  })

  it('says an AWS managed policy named as an action is a policy to attach, and suggests no action', () => {
    // Seen in a public CDK app's cloud assembly: `actions: ['ec2:AmazonEC2FullAccess']`.
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: ['ec2:AmazonEC2FullAccess', 'iam:readonlyaccess'],
      Resource: '*',
    })
    const unknown = check([p]).findings.filter((f) => f.kind === 'unknown-action')
    expect(unknown.map((f) => [f.actions, f.suggestion])).toEqual([
      [['ec2:AmazonEC2FullAccess'], null],
      [['iam:readonlyaccess'], null],
    ])
    expect(unknown[0]?.message).toBe(
      '"ec2:AmazonEC2FullAccess" is not an action: AmazonEC2FullAccess is an AWS managed policy ' +
        '(arn:aws:iam::aws:policy/AmazonEC2FullAccess), and as an action it grants nothing. ' +
        'Attach the policy to the principal instead, or name the actions it needs',
    )
    expect(unknown[1]?.message).toMatch(
      /^"iam:readonlyaccess" is not an action: ReadOnlyAccess is an AWS managed policy \(arn:aws:iam::aws:policy\/ReadOnlyAccess\)/,
    )
  })

  it('says a condition key written as an action belongs in a Condition, and suggests no action', () => {
    // wellcomecollection/platform-infrastructure's image builder role grants three of ec2's keys.
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: ['ec2:MetadataHttpTokens', 'EC2:metadatahttpendpoint', 'aws:SourceIp', 'aws:RequestedRegion'],
      Resource: '*',
    })
    const unknown = check([p]).findings.filter((f) => f.kind === 'unknown-action')
    expect(unknown.map((f) => [f.actions, f.suggestion, f.message])).toEqual([
      [
        ['ec2:MetadataHttpTokens'],
        null,
        '"ec2:MetadataHttpTokens" is not an action: it is the condition key ec2:MetadataHttpTokens, and it ' +
          'grants nothing as written. A condition key belongs in a Condition, where it narrows what the statement allows',
      ],
      [
        ['EC2:metadatahttpendpoint'],
        null,
        expect.stringMatching(
          /^"EC2:metadatahttpendpoint" is not an action: it is the condition key ec2:MetadataHttpEndpoint,/,
        ),
      ],
      // Each for itself, not one finding for a retired service "aws".
      [
        ['aws:SourceIp'],
        null,
        expect.stringMatching(
          /^"aws:SourceIp" is not an action: aws: is the prefix of IAM's global condition keys, not a service, /,
        ),
      ],
      [
        ['aws:RequestedRegion'],
        null,
        expect.stringMatching(/^"aws:RequestedRegion" is not an action: aws: /),
      ],
    ])
    // A key of one service is no key of another, and a misspelt action is still a misspelt action.
    expect(suggestionFor('s3:MetadataHttpTokens', '*')).toBe(null)
    expect(
      check([policy('q.json', { Effect: 'Allow', Action: 's3:MetadataHttpTokens', Resource: '*' })])
        .findings[0]?.message,
    ).toMatch(/is not an action of s3 in the IAM catalog/)
  })

  it('suggests the action of the same words in another form, when only one reads so', () => {
    const suggested = (Action: string) => suggestionFor(Action, 'arn:aws:s3:::b')
    // In three of AWS's own CloudFormation samples: three letters from the action, one word.
    expect(suggested('s3:ReplicationTags')).toBe('s3:ReplicateTags')
    expect(suggested('ec2:DescribeInstance')).toBe('ec2:DescribeInstances')
    // Other words, or none: no guess.
    expect(suggested('dynamodb:MakeItem')).toBe(null)
    expect(suggested('lambda:ListDurableExecutionz')).toBe(null)
  })

  it('suggests the one action whose name begins with the words written, when a name is cut short', () => {
    const suggested = (Action: string) => suggestionFor(Action, '*')
    // In pathfinding-labs' ECS agent policy (ecs-007): the agent's action is SubmitAttachmentStateChanges.
    expect(suggested('ecs:SubmitAttachment')).toBe('ecs:SubmitAttachmentStateChanges')
    expect(suggested('ECS:submitattachment')).toBe('ecs:SubmitAttachmentStateChanges')
    // Many actions begin so, or the cut is inside a word: no guess.
    expect(suggested('ec2:DescribeVpcBlock')).toBe(null)
    expect(suggested('ecs:SubmitAttach')).toBe(null)
  })

  it("suggests the action named without the service's own name written into it", () => {
    const suggested = (Action: string) => suggestionFor(Action, '*')
    // aws-samples/aws-cdk-examples' s3-vectors-lambda-bedrock grants both: the actions are CreateIndex and DeleteIndex.
    expect(suggested('s3vectors:CreateVectorIndex')).toBe('s3vectors:CreateIndex')
    expect(suggested('s3vectors:DeleteVectorIndex')).toBe('s3vectors:DeleteIndex')
    expect(suggested('kms:CreateKMSKey')).toBe('kms:CreateKey')
    expect(suggested('dynamodb:GetDynamoDBItem')).toBe('dynamodb:GetItem')
    expect(suggested('sns:CreateSnsTopic')).toBe('sns:CreateTopic')
    // Words that are not the service's, or no action without them: no guess.
    expect(suggested('s3vectors:CreateBucketIndex')).toBe(null)
    expect(suggested('kms:CreateKMSThing')).toBe(null)
    expect(suggested('sqs:SendQueueMessage')).toBe(null)
  })

  it('suggests the tagging action of a service for one named after what it tags', () => {
    // ministryofjustice/modernisation-platform grants scheduler:TagSchedule and UntagSchedule.
    expect(suggestionFor('scheduler:TagSchedule', '*')).toBe('scheduler:TagResource')
    expect(suggestionFor('scheduler:UntagSchedule', '*')).toBe('scheduler:UntagResource')
    expect(suggestionFor('scheduler:ListTagsForSchedule', '*')).toBe('scheduler:ListTagsForResource')
    // A service that tags otherwise (ec2:CreateTags), or a name that is no tagging verb: no guess.
    expect(suggestionFor('ec2:TagInstance', '*')).toBe(null)
    expect(suggestionFor('scheduler:Tagged', '*')).toBe(null)
  })

  it("suggests the prefix of a product whose IAM prefix is another name, and KMS's ReEncrypt's actions", () => {
    // ministryofjustice/modernisation-platform-environments: `efs:` for Amazon EFS, and kms:ReEncrypt.
    expect(suggestionFor('efs:DescribeFileSystems', '*')).toBe('elasticfilesystem:DescribeFileSystems')
    expect(suggestionFor('emr:ListClusters', '*')).toBe('elasticmapreduce:ListClusters')
    expect(suggestionFor('elasticsearch:ESHttpGet', '*')).toBe('es:ESHttpGet')
    expect(suggestionFor('opensearchserverless:APIAccessAll', '*')).toBe('aoss:APIAccessAll')
    expect(suggestionFor('sso-admin:ListPermissionSets', '*')).toBe('sso:ListPermissionSets')
    expect(suggestionFor('ssoadmin:ListPermissionSets', '*')).toBe('sso:ListPermissionSets')
    expect(suggestionFor('kms:ReEncrypt', '*')).toBe('kms:ReEncryptFrom, kms:ReEncryptTo')
    expect(
      check([policy('p.json', { Effect: 'Allow', Action: 'kms:ReEncrypt', Resource: '*' })]).findings[0]
        ?.message,
    ).toMatch(/the actions that authorize it are kms:ReEncryptFrom and kms:ReEncryptTo$/)
    // The product's prefix does not have the action either: no guess.
    expect(suggestionFor('efs:MakeFileSystem', '*')).toBe(null)
  })

  it("suggests the action of the same name in the service of the statement's resources", () => {
    // Datadog's cloudformation-template grants it on a Firehose delivery stream.
    const stream = 'arn:aws:firehose:*:111122223333:deliverystream/logs'
    expect(suggestionFor('kinesis:PutRecordBatch', stream)).toBe('firehose:PutRecordBatch')
    // Its partition a placeholder (a template's, not known here), whose colons are its own.
    expect(
      suggestionFor('kinesis:PutRecordBatch', 'arn:${AWS::Partition}:firehose:*:*:deliverystream/l'),
    ).toBe('firehose:PutRecordBatch')
    expect(
      check([
        policy('p.json', { Effect: 'Allow', Action: 'Kinesis:putrecordbatch', Resource: ['*', stream] }),
      ]).findings[0]?.message,
    ).toMatch(/Did you mean "firehose:PutRecordBatch" \(the statement's resources are firehose's\)\?$/)
    // Without such a resource, or when that service has no such action either: no guess.
    expect(suggestionFor('kinesis:PutRecordBatch', '*')).toBe(null)
    expect(suggestionFor('kinesis:PutRecordBunch', stream)).toBe(null)
    expect(
      suggestionFor('apigateway:UpdateStage', 'arn:aws:apigateway:us-east-1::/restapis/a/stages/b'),
    ).toBe('apigateway:PATCH')
  })

  it("suggests a user pool's administrator action for an operation a user makes with a token", () => {
    const suggested = (Action: string) => suggestionFor(Action, '*')
    // AWS's Smart Product solution grants cognito-idp:CreateUser, which is no action.
    expect(suggested('cognito-idp:CreateUser')).toBe('cognito-idp:AdminCreateUser')
    expect(suggested('cognito-idp:addusertogroup')).toBe('cognito-idp:AdminAddUserToGroup')
    expect(suggested('cognito-idp:AdminMakeUser')).toBe(null)
    expect(suggested('s3:CreateUser')).toBe(null)
  })

  it('reports the actions of one service the catalog lacks as one finding per statement, at the first', () => {
    // ReadOnlyAccess copied into a repository: seven entries of a retired service, one thing to do.
    const p = policy(
      'p.json',
      {
        Effect: 'Allow',
        Action: [
          'deepcomposer:GetComposition',
          's3:GetObjekt',
          'deepcomposer:GetModel',
          'deepcomposer:List*',
          'iot1click:ListDevices',
          's4:GetObject',
          's4:PutObject',
        ],
        Resource: '*',
      },
      { Effect: 'Allow', Action: ['deepcomposer:GetModel'], Resource: '*' },
    )
    const unknown = check([p]).findings.filter((f) => f.kind === 'unknown-action')
    expect(unknown.map((f) => [f.line, f.actions, f.suggestion])).toEqual([
      // A service the catalog does not have: one finding, at its first entry; one entry alone as before.
      [7, ['deepcomposer:GetComposition', 'deepcomposer:GetModel', 'deepcomposer:List*'], null],
      // A slip of a known service, and a near service that has the action: each its own finding.
      [8, ['s3:GetObjekt'], 's3:GetObject'],
      [11, ['iot1click:ListDevices'], null],
      [12, ['s4:GetObject'], 's3:GetObject'],
      [13, ['s4:PutObject'], 's3:PutObject'],
      [20, ['deepcomposer:GetModel'], null],
    ])
    expect(unknown[0]?.message).toMatch(
      /^3 entries name service "deepcomposer" \(deepcomposer:GetComposition, deepcomposer:GetModel, deepcomposer:List\*\): the IAM catalog of \d{4}-\d\d-\d\d has no such service: retired, misspelt, or newer than the catalog$/,
    )
    expect(unknown[2]?.message).toMatch(
      /^"iot1click:ListDevices": the IAM catalog of .* has no service "iot1click"/,
    )
    // An ignore: entry that accepts some of them leaves a finding of the rest, worded for the rest.
    const { findings, accepted } = check(
      [p],
      [{ action: 'deepcomposer:Get*', kind: 'unknown-action', reason: 'retired', line: 1 }],
    )
    expect(accepted.map((f) => f.actions)).toEqual([
      ['deepcomposer:GetComposition', 'deepcomposer:GetModel'],
      ['deepcomposer:GetModel'],
    ])
    const rest = findings.find((f) => f.actions.includes('deepcomposer:List*'))
    expect(rest?.actions).toEqual(['deepcomposer:List*'])
    expect(rest?.message).toMatch(
      /^"deepcomposer:List\*": the IAM catalog of .* has no service "deepcomposer"/,
    )
  })

  it('suggests the service of an SDK client or endpoint name written as a prefix (bedrock-runtime, sesv2)', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: [
        'bedrock-runtime:InvokeModel',
        'sagemaker-runtime:InvokeEndpoint',
        'bedrock-runtime:Nothing',
        // cds-snc/notification-terraform: the SES v2 client's name.
        'sesv2:Get*',
        'sesv2:SendEmail',
      ],
      Resource: '*',
    })
    const unknown = check([p]).findings.filter((f) => f.kind === 'unknown-action')
    expect(unknown.map((f) => [f.actions[0], f.suggestion])).toEqual([
      ['bedrock-runtime:InvokeModel', 'bedrock:InvokeModel'],
      ['sagemaker-runtime:InvokeEndpoint', 'sagemaker:InvokeEndpoint'],
      ['bedrock-runtime:Nothing', null],
      ['sesv2:Get*', 'ses:Get*'],
      ['sesv2:SendEmail', 'ses:SendEmail'],
    ])
    expect(unknown[0]?.message).toMatch(
      /^"bedrock-runtime:InvokeModel": the IAM catalog of .* has no service "bedrock-runtime": .* Did you mean "bedrock:InvokeModel"\?$/,
    )
  })

  // eijikominami/aws-cloudformation-templates grants `cloudcontrol:GetResource`: Cloud Control API's
  // operations are authorized by cloudformation: actions, a name no spelling leads to.
  it('suggests the prefix of a product whose name is not its IAM prefix (cloudcontrol, sfn, mwaa)', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: [
        'cloudcontrol:GetResource',
        'sfn:StartExecution',
        'stepfunctions:Describe*',
        'mwaa:CreateCliToken',
        'eventbridge:PutEvents',
        'cloudcontrol:Nothing',
      ],
      Resource: '*',
    })
    const unknown = check([p]).findings.filter((f) => f.kind === 'unknown-action')
    expect(unknown.map((f) => [f.actions[0], f.suggestion])).toEqual([
      ['cloudcontrol:GetResource', 'cloudformation:GetResource'],
      ['sfn:StartExecution', 'states:StartExecution'],
      ['stepfunctions:Describe*', 'states:Describe*'],
      ['mwaa:CreateCliToken', 'airflow:CreateCliToken'],
      ['eventbridge:PutEvents', 'events:PutEvents'],
      ['cloudcontrol:Nothing', null],
    ])
  })

  it('says a policy variable is literal text in a policy without "Version": "2012-10-17"', () => {
    const statement = {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: ['arn:aws:s3:::home/${aws:username}/*', 'arn:aws:s3:::shared/${AWS::Region}/*'],
      Condition: { StringEquals: { 's3:ExistingObjectTag/owner': '${aws:PrincipalTag/team}' } },
    }
    const placeholders = {
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: [
        'arn:aws:s3:::${MyBucket}/*',
        'arn:aws:s3:::${ImportValue:logs}/*',
        '${aws_s3_bucket.a.arn}/*',
      ],
    }
    const versionless = parsed('p.json', JSON.stringify({ Statement: [statement, placeholders] }, null, 2))
    const { findings } = check([versionless])
    expect(findings.map((f) => [f.kind, f.line, f.actions, f.suggestion])).toEqual([
      ['ineffective-grant', 7, ['s3:GetObject'], '"Version": "2012-10-17"'],
      ['ineffective-grant', 10, ['s3:GetObject'], '"Version": "2012-10-17"'],
    ])
    expect(findings[0]?.message).toBe(
      '"arn:aws:s3:::home/${aws:username}/*": the policy has no "Version": "2012-10-17", so IAM reads ${aws:username} as literal text, not a policy variable: this grants only on what is literally named so. Add "Version": "2012-10-17" to the policy.',
    )
    expect(findings[1]?.message).toMatch(
      /^The Condition compares with \$\{aws:PrincipalTag\/team\} as literal text/,
    )
    // The 2008-10-17 language says the same; 2012-10-17 reads the variables.
    const old = parsed('p.json', JSON.stringify({ Version: '2008-10-17', Statement: [statement] }))
    expect(check([old]).findings).toHaveLength(2)
    expect(check([policy('p.json', statement, placeholders)]).findings).toEqual([])
  })

  // Not a speed target: a guard against a policy that would hold a run for a minute (~30 ms here).
  it('looks for policy variables in a resource of 150,000 `${` without reading on from each', {
    timeout: 10_000,
  }, () => {
    // A RegExp did: from each `${aws:x` to the end, as no `}` follows (30 s here).
    const many = `arn:aws:s3:::home/${'${aws:x'.repeat(150_000)}`
    const versionless = parsed(
      'p.json',
      JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: [many] }] }),
    )
    expect(check([versionless]).findings).toEqual([])
  })

  it('names a long resource once, cut short, in each finding about it', () => {
    // A finding per action that cannot act on it, each naming it: 1,500 actions on a resource of 1 MB
    // made a report of 1.5 GB.
    const actions = catalog.expand('ec2:Describe*').map((id) => catalog.nameOf(id))
    const long = `arn:aws:s3:::b/${'x'.repeat(200_000)}`
    const p = policy('p.json', { Effect: 'Allow', Action: actions, Resource: [long, 'arn:aws:s3:::c/d'] })
    const { findings } = check([p])
    expect(findings.length).toBe(actions.length)
    expect(findings[0]?.message).toBe(
      `"${actions[0]}" acts on no resource type: it is granted only with Resource "*", so on "${long.slice(0, 100)}…${'x'.repeat(16)}", "arn:aws:s3:::c/d" it grants nothing.`,
    )
    expect(Math.max(...findings.map((f) => f.message.length))).toBeLessThan(1_000)
  })

  // Not a speed target (~0.7 s here): a guard against a statement no policy IAM takes could hold, which
  // was judged entry by entry against every resource (each entry's message naming them all): 54 s.
  it('judges 20,000 entries on 20,000 resources once per kind of action', { timeout: 10_000 }, () => {
    const names = catalog.expand('ec2:*').map((id) => catalog.nameOf(id))
    const actions = Array.from({ length: 20_000 }, (_, i) => names[i % names.length] as string)
    const resources = Array.from({ length: 20_000 }, (_, i) => `arn:aws:s3:::bucket-${i}/key`)
    const { findings } = check([policy('p.json', { Effect: 'Allow', Action: actions, Resource: resources })])
    expect(findings.every((f) => f.kind === 'ineffective-grant')).toBe(true)
    expect(findings).toHaveLength(20_000)
    expect(findings[0]?.message).toMatch(/on "arn:aws:s3:::bucket-0\/key", .*, … \(19,997 more\)/)
  })

  // The same guard for wildcard entries, whose resources were weighed again for each: over 3 minutes.
  it('weighs the resources of 20,000 wildcard entries once', { timeout: 10_000 }, () => {
    const patterns = ['s3:*', 'ec2:Describe*', 'iam:*']
    const actions = Array.from({ length: 20_001 }, (_, i) => patterns[i % 3] as string)
    const resources = Array.from({ length: 20_000 }, (_, i) => `arn:aws:s3:::bucket-${i}/key`)
    const { findings } = check([policy('p.json', { Effect: 'Allow', Action: actions, Resource: resources })])
    const kinds = new Map<string, number>()
    for (const f of findings) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1)
    // s3:* grants what acts on objects; the others act on none of them.
    expect(Object.fromEntries(kinds)).toEqual({ 'wildcard-action': 6_667, 'ineffective-grant': 13_334 })
    expect(findings.find((f) => f.kind === 'wildcard-action')?.message).toMatch(
      /^"s3:\*" grants every action of the s3 service that can act on "arn:aws:s3:::bucket-0\/key", .*, … \(19,997 more\): \d+ actions/,
    )
  })

  it('names the actions that authorize an API operation written as an action (s3:HeadObject)', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: [
        's3:HeadObject',
        'S3:CopyObject',
        'lambda:Invoke',
        'sqs:SendMessageBatch',
        'sns:PublishBatch',
        'dynamodb:TransactWriteItems',
      ],
      Resource: '*',
    })
    const { findings } = check([p])
    expect(
      findings.filter((f) => f.kind === 'unknown-action').map((f) => [f.actions, f.message, f.suggestion]),
    ).toEqual([
      [
        ['s3:HeadObject'],
        '"s3:HeadObject" is an API operation, not an IAM action, and grants nothing as written; the action that authorizes it is s3:GetObject',
        's3:GetObject',
      ],
      [
        ['S3:CopyObject'],
        '"S3:CopyObject" is an API operation, not an IAM action, and grants nothing as written; the actions that authorize it are s3:GetObject and s3:PutObject',
        's3:GetObject, s3:PutObject',
      ],
      [
        ['lambda:Invoke'],
        '"lambda:Invoke" is an API operation, not an IAM action, and grants nothing as written; the action that authorizes it is lambda:InvokeFunction',
        'lambda:InvokeFunction',
      ],
      [
        ['sqs:SendMessageBatch'],
        '"sqs:SendMessageBatch" is an API operation, not an IAM action, and grants nothing as written; the action that authorizes it is sqs:SendMessage',
        'sqs:SendMessage',
      ],
      [
        ['sns:PublishBatch'],
        '"sns:PublishBatch" is an API operation, not an IAM action, and grants nothing as written; the action that authorizes it is sns:Publish',
        'sns:Publish',
      ],
      [
        ['dynamodb:TransactWriteItems'],
        '"dynamodb:TransactWriteItems" is an API operation, not an IAM action, and grants nothing as written; each operation it holds is authorized by its own action: dynamodb:PutItem, dynamodb:UpdateItem, dynamodb:DeleteItem or dynamodb:ConditionCheckItem',
        'dynamodb:PutItem, dynamodb:UpdateItem, dynamodb:DeleteItem, dynamodb:ConditionCheckItem',
      ],
    ])
  })

  it('names the actions that authorize an API operation a slip names (s3:ListObject), when no action is that near', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: ['s3:ListObject', 'sqs:SendMessagesBatch', 's3:ListBuckets', 'dynamodb:TransactWriteItem'],
      Resource: '*',
    })
    const unknown = check([p]).findings.filter((f) => f.kind === 'unknown-action')
    expect(
      unknown.map((f) => [f.actions[0], f.suggestion, f.message.split('the catalog. ')[1] ?? f.message]),
    ).toEqual([
      [
        's3:ListObject',
        's3:ListBucket',
        'Did you mean "s3:ListBucket" (the action that authorizes the API operation s3:ListObjects)?',
      ],
      [
        'sqs:SendMessagesBatch',
        'sqs:SendMessage',
        'Did you mean "sqs:SendMessage" (the action that authorizes the API operation sqs:SendMessageBatch)?',
      ],
      // An action a letter away, or the operation ListBuckets: which is meant, the resources tell (on
      // "*", as iamhansko/aws-cloudformation-templates' q_cli.yaml writes it, s3:ListAllMyBuckets).
      [
        's3:ListBuckets',
        's3:ListBucket or s3:ListAllMyBuckets',
        'Did you mean "s3:ListBucket", or s3:ListAllMyBuckets (the action that authorizes the API operation s3:ListBuckets)?',
      ],
      // A transaction's actions are each for one kind of operation it holds: none is "the one meant".
      [
        'dynamodb:TransactWriteItem',
        null,
        '"dynamodb:TransactWriteItem" is not an action of dynamodb in the IAM catalog of 2026-09-26; a typo, an action AWS retired or never listed, or one newer than the catalog',
      ],
    ])
  })

  // aws-security-reference-architecture-examples: `s3:SetBucketEncryption`, nine times.
  it('takes Set for Put and Remove for Delete before a spelling a letter off that reads the other way', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: [
        's3:SetBucketEncryption',
        's3:SetBucketPolicy',
        'sqs:PutQueueAttributes',
        'iam:deleteRoleFromInstanceProfile',
      ],
      Resource: '*',
    })
    const unknown = check([p]).findings.filter((f) => f.kind === 'unknown-action')
    expect(unknown.map((f) => [f.actions[0], f.message.split('the catalog. ')[1] ?? f.message])).toEqual([
      [
        's3:SetBucketEncryption',
        'Did you mean "s3:PutEncryptionConfiguration" (the action that authorizes the API operation s3:PutBucketEncryption)?',
      ],
      // Not s3:GetBucketPolicy, one letter off.
      ['s3:SetBucketPolicy', 'Did you mean "s3:PutBucketPolicy"?'],
      ['sqs:PutQueueAttributes', 'Did you mean "sqs:SetQueueAttributes"?'],
      ['iam:deleteRoleFromInstanceProfile', 'Did you mean "iam:RemoveRoleFromInstanceProfile"?'],
    ])
  })

  // aws-samples/serverless-patterns: `dynamodb:CreateItem`, four times, with no suggestion.
  it('takes the verb a service uses for the one written, after a slip of spelling', () => {
    const suggested = (Action: string) => suggestionFor(Action, '*')
    expect(
      [
        'dynamodb:CreateItem',
        'iam:CreateRolePolicy',
        'ssm:UpdateParameter',
        'ec2:ListInstances',
        'ec2:ListInstance',
        'rds:ListDBInstances',
        'logs:GetLogGroups',
        'ec2:GetSecurityGroups',
        'secretsmanager:DescribeSecretValue',
        'sqs:DescribeQueueAttributes',
      ].map((action) => [action, suggested(action)]),
    ).toEqual([
      ['dynamodb:CreateItem', 'dynamodb:PutItem'],
      ['iam:CreateRolePolicy', 'iam:PutRolePolicy'],
      ['ssm:UpdateParameter', 'ssm:PutParameter'],
      ['ec2:ListInstances', 'ec2:DescribeInstances'],
      ['ec2:ListInstance', 'ec2:DescribeInstances'],
      ['rds:ListDBInstances', 'rds:DescribeDBInstances'],
      ['logs:GetLogGroups', 'logs:DescribeLogGroups'],
      // Not ec2:GetSecurityGroupsForVpc, which begins with the words written.
      ['ec2:GetSecurityGroups', 'ec2:DescribeSecurityGroups'],
      ['secretsmanager:DescribeSecretValue', 'secretsmanager:GetSecretValue'],
      ['sqs:DescribeQueueAttributes', 'sqs:GetQueueAttributes'],
    ])
    // A letter off a real action is the likelier mistake; and a verb inside a word is no verb.
    expect(suggested('logs:DescribeLogStream')).toBe('logs:DescribeLogStreams')
    expect(suggested('s3:Getaway')).toBeNull()
    // Written all in lower case, an action has no words to tell apart: the verb is still read.
    expect(suggested('dynamodb:createitem')).toBe('dynamodb:PutItem')
  })

  // ministryofjustice/modernisation-platform: `apigateway:CreateDomainNameAccessAssociation`.
  it("names API Gateway's HTTP method for its operations written as actions, after a slip of a real one", () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: [
        'apigateway:CreateDomainNameAccessAssociation',
        'apigateway:GetRestApis',
        'apigateway:updateStage',
        'apigateway:CreateRoutingRules',
      ],
      Resource: '*',
    })
    const unknown = check([p]).findings.filter((f) => f.kind === 'unknown-action')
    const how =
      '(API Gateway authorizes its management operations by HTTP method, on the path of the resource they act on)'
    expect(unknown.map((f) => [f.actions[0], f.message.split('the catalog. ')[1] ?? f.message])).toEqual([
      ['apigateway:CreateDomainNameAccessAssociation', `Did you mean "apigateway:POST" ${how}?`],
      ['apigateway:GetRestApis', `Did you mean "apigateway:GET" ${how}?`],
      ['apigateway:updateStage', `Did you mean "apigateway:PATCH" ${how}?`],
      // A letter from an action it has: that action.
      ['apigateway:CreateRoutingRules', 'Did you mean "apigateway:CreateRoutingRule"?'],
    ])
  })

  it('knows every action its table of API operations names, and no operation of it as an action', () => {
    const catalog = loadCatalog()
    for (const [operation, actions] of operationPermissions()) {
      expect(catalog.lookup(operation), operation).toBeUndefined()
      for (const action of actions)
        expect(catalog.lookup(action)?.name, `${operation}: ${action}`).toBe(action)
    }
  })

  it("says nothing of unknown actions in an AWS managed policy attached by ARN: AWS wrote them, not the principal's authors", () => {
    const statement = { Effect: 'Allow', Action: ['iot1click:ListDevices', 's3:*'], Resource: '*' }
    const attached: PolicyDocument = {
      ...policy('main.tf', statement),
      source: {
        kind: 'aws-managed-policy',
        arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        address: 'aws_iam_role_policy_attachment.ro',
        document: 'snapshot',
        version: 'test',
      },
    }
    expect(brief(check([attached]).findings)).toEqual([
      'wildcard-action@8: 180 actions',
      'wildcard-resource@10: 165 actions',
    ])
    // The same statement in the repository's own policy file is the repository's to mend.
    expect(brief(check([policy('a.json', statement)]).findings)).toContain(
      'unknown-action@7: iot1click:ListDevices',
    )
  })

  it('subtracts unconditional Deny on "*" across the principal\'s files', () => {
    const allow = policy('allow.json', {
      Effect: 'Allow',
      Action: ['iam:PassRole', 'iam:CreateAccessKey'],
      Resource: '*',
    })
    const deny = policy('deny.json', { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' })
    const escalation = (ps: PolicyDocument[]) =>
      check(ps)
        .findings.filter((f) => f.kind === 'privilege-escalation')
        .flatMap((f) => f.actions)
    expect(escalation([allow])).toEqual(['iam:PassRole', 'iam:CreateAccessKey'])
    expect(escalation([allow, deny])).toEqual(['iam:CreateAccessKey'])
  })

  it('does not subtract a Deny that has a Condition or is scoped to resources', () => {
    const allow = policy('allow.json', { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' })
    const conditional = policy('c.json', {
      Effect: 'Deny',
      Action: 'iam:PassRole',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
    })
    const scoped = policy('s.json', {
      Effect: 'Deny',
      Action: 'iam:PassRole',
      Resource: 'arn:aws:iam::111122223333:role/admin',
    })
    for (const deny of [conditional, scoped]) {
      expect(check([allow, deny]).findings.some((f) => f.kind === 'privilege-escalation')).toBe(true)
    }
  })

  it('keeps the Condition of the statement on its findings', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: 's3:*',
      Resource: 'arn:aws:s3:::b/*',
      Condition: { Bool: { 'aws:SecureTransport': 'true' } },
    })
    expect(check([p]).findings[0]?.condition).toBe('{"Bool":{"aws:SecureTransport":"true"}}')
  })

  it('orders findings by principal, file, line and severity', () => {
    const b = policy('b.json', { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b' })
    const a = policy('a.json', { Effect: 'Allow', Action: 'x:Y', Resource: 'arn:aws:s3:::b' })
    expect(check([b, a]).findings.map((f) => `${f.file}:${f.line}`)).toEqual(['a.json:6', 'b.json:6'])
  })
})

describe('ignore rules', () => {
  const p = () =>
    policy('p.json', { Effect: 'Allow', Action: ['iam:PassRole', 'iam:CreateAccessKey'], Resource: '*' })
  const rule = (r: Partial<IgnoreRule>): IgnoreRule => ({ action: '*', reason: 'accepted', line: 1, ...r })

  it('splits a finding between the accepted actions and the rest, each with its own message', () => {
    const { findings, accepted } = check(
      [p()],
      [rule({ action: 'iam:PassRole', kind: 'privilege-escalation', reason: 'ECS deploys' })],
    )
    const escalation = findings.filter((f) => f.kind === 'privilege-escalation')
    expect(escalation.map((f) => f.actions)).toEqual([['iam:CreateAccessKey']])
    expect(escalation[0]?.message).toContain(
      'grants an action that allows privilege escalation: iam:CreateAccessKey',
    )
    expect(accepted.map((f) => [f.kind, f.actions, f.reason])).toEqual([
      ['privilege-escalation', ['iam:PassRole'], 'ECS deploys'],
    ])
    expect(accepted[0]?.message).not.toContain('CreateAccessKey')
  })

  it('matches wildcards case-insensitively and narrows by principal and kind', () => {
    expect(
      check([p()], [rule({ action: 'IAM:*', kind: 'privilege-escalation' })]).findings.map((f) => f.kind),
    ).toEqual(['wildcard-resource'])
    expect(check([p()], [rule({ principal: 'arn:aws:iam::111122223333:role/other' })]).accepted).toEqual([])
    expect(check([p()], [rule({ principal: ROLE })]).findings).toEqual([])
  })

  it('splits a list shared by principals by the entries that apply to each: the first that matches, in order', () => {
    // One document, so one grant and one action list, for three principals.
    const shared = p()
    const arn = (name: string) => `arn:aws:iam::111122223333:role/${name}`
    const { findings, accepted } = analyse(
      ['ops', 'ci', 'other'].map((name) => ({ arn: arn(name), policies: [shared] })),
      [
        rule({ action: 'iam:PassRole', principal: arn('ops'), reason: 'ops passes roles' }),
        rule({
          action: 'iam:*',
          principal: arn('ci'),
          kind: 'privilege-escalation',
          reason: 'ci is trusted',
        }),
        rule({ action: 'iam:Pass*', kind: 'privilege-escalation', reason: 'anyone passes roles' }),
      ],
      catalog,
    )
    const escalations = (list: readonly Finding[]) =>
      list
        .filter((f) => f.kind === 'privilege-escalation')
        .map(
          (f) => `${f.principal.split('/')[1]} ${f.actions.join(',')} ${'reason' in f ? f.reason : 'open'}`,
        )
    expect(escalations(findings)).toEqual(['ops iam:CreateAccessKey open', 'other iam:CreateAccessKey open'])
    expect(escalations(accepted)).toEqual([
      'ops iam:PassRole ops passes roles',
      'ci iam:PassRole ci is trusted',
      'ci iam:CreateAccessKey ci is trusted',
      'other iam:PassRole anyone passes roles',
    ])
  })
})

describe('privilege escalation beyond Resource "*"', () => {
  const escalations = (...statements: object[]) =>
    check(statements.map((s, i) => policy(`p${i}.json`, s)))
      .findings.filter((f) => f.kind === 'privilege-escalation')
      .map((f) => `${f.severity} ${f.file} ${f.actions.join(' ')}`)
  const allow = (Action: string | string[], Resource: string | string[], Condition?: object) => ({
    Effect: 'Allow',
    Action,
    Resource,
    ...(Condition && { Condition }),
  })
  const cases: { name: string; statements: object[]; found: string[] }[] = [
    {
      name: 'a pattern that covers every function is as wide as *',
      statements: [allow('lambda:UpdateFunctionCode', 'arn:aws:lambda:*:*:function:*')],
      found: ['critical p0.json lambda:UpdateFunctionCode'],
    },
    {
      name: 'every role of an account',
      statements: [allow('iam:PassRole', 'arn:aws:iam::111122223333:role/*')],
      found: ['critical p0.json iam:PassRole'],
    },
    {
      name: 'a named function is not',
      statements: [allow('lambda:UpdateFunctionCode', 'arn:aws:lambda:us-east-1:111122223333:function:app')],
      found: [],
    },
    {
      name: 'PassRole on a named role with CreateFunction and InvokeFunction, in other files',
      statements: [
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/app-runtime'),
        allow(
          ['lambda:CreateFunction', 'lambda:InvokeFunction'],
          'arn:aws:lambda:us-east-1:111122223333:function:app',
        ),
      ],
      found: ['critical p0.json iam:PassRole lambda:CreateFunction lambda:InvokeFunction'],
    },
    {
      name: 'a part granted by a wildcard only on resources it cannot act on is not granted',
      statements: [
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/app-runtime'),
        allow('lambda:CreateFunction', 'arn:aws:lambda:us-east-1:111122223333:function:app'),
        // lambda:* on an S3 object: none of its actions acts there, InvokeFunction included.
        allow('lambda:*', 'arn:aws:s3:::reports/*'),
      ],
      found: [],
    },
    {
      name: 'the same wildcards on an S3 object, then on a function: granted by the second',
      statements: [
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/app-runtime'),
        allow(['lambda:*', 'ec2:*', 'glue:*', 'sagemaker:*'], 'arn:aws:s3:::reports/*'),
        allow(
          ['lambda:*', 'ec2:*', 'glue:*', 'sagemaker:*'],
          'arn:aws:lambda:us-east-1:111122223333:function:app',
        ),
      ],
      found: [
        'critical p0.json iam:PassRole lambda:CreateFunction lambda:InvokeFunction lambda:AddPermission',
      ],
    },
    {
      name: 'PassRole with CreateFunction alone: one part missing, no path',
      statements: [
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/app-runtime'),
        allow('lambda:CreateFunction', 'arn:aws:lambda:us-east-1:111122223333:function:app'),
      ],
      found: [],
    },
    {
      name: 'PassRole pinned to another service than the combination needs: no path',
      statements: [
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/app-runtime', {
          StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' },
        }),
        allow('ec2:RunInstances', 'arn:aws:ec2:*:*:instance/*'),
      ],
      found: [],
    },
    {
      name: 'a later PassRole statement that is not pinned completes the path the first one does not',
      statements: [
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/app-runtime', {
          StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' },
        }),
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/batch-worker'),
        allow('ec2:RunInstances', 'arn:aws:ec2:*:*:instance/*'),
      ],
      found: ['critical p1.json iam:PassRole ec2:RunInstances'],
    },
    {
      name: 'PassRole on * pinned to one service: high, not critical',
      statements: [
        allow('iam:PassRole', '*', { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } }),
      ],
      found: ['high p0.json iam:PassRole'],
    },
    {
      name: 'PassRole on * pinned to one service, with what makes that service act as the role: a path',
      statements: [
        allow('iam:PassRole', '*', { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } }),
        allow('ec2:RunInstances', '*'),
      ],
      found: ['critical p0.json iam:PassRole ec2:RunInstances', 'high p0.json iam:PassRole'],
    },
    {
      name: 'sts:AssumeRole on every role, limited to roles tagged so (AWS CDK Pipelines): high, not critical',
      statements: [
        allow('sts:AssumeRole', 'arn:*:iam::111122223333:role/*', {
          'ForAnyValue:StringEquals': {
            'iam:ResourceTag/aws-cdk:bootstrap-role': ['deploy', 'file-publishing'],
          },
        }),
        allow('iam:PassRole', '*', { StringEquals: { 'aws:ResourceTag/team': 'data' } }),
      ],
      found: ['high p0.json sts:AssumeRole', 'high p1.json iam:PassRole'],
    },
    {
      name: 'the tags of the resource acted on, and aws:CalledVia, limit any escalation action: high',
      statements: [
        allow('ssm:SendCommand', '*', { StringEquals: { 'aws:ResourceTag/env': 'dev' } }),
        allow('ec2:ModifyInstanceAttribute', '*', { StringEquals: { 'ec2:ResourceTag/team': 'data' } }),
        allow('iam:PassRole', '*', {
          'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cloudformation.amazonaws.com' },
        }),
      ],
      found: [
        'high p0.json ssm:SendCommand',
        'high p1.json ec2:ModifyInstanceAttribute',
        'high p2.json iam:PassRole',
      ],
    },
    {
      name: 'a resource tag required present (Null: false) limits too; required absent (Null: true) does not',
      statements: [
        allow('ec2:ModifyInstanceAttribute', '*', {
          Null: { 'aws:ResourceTag/AWSApplicationMigrationServiceManaged': 'false' },
        }),
        allow('ssm:SendCommand', '*', { Null: { 'aws:ResourceTag/env': 'true' } }),
        allow('iam:PassRole', '*', { Null: { 'iam:PassedToService': 'false' } }),
      ],
      found: [
        'high p0.json ec2:ModifyInstanceAttribute',
        'critical p1.json ssm:SendCommand',
        'critical p2.json iam:PassRole',
      ],
    },
    {
      name: "another service's tags, and keys that do not limit what is acted on, pin nothing",
      statements: [
        allow('lambda:UpdateFunctionCode', '*', { StringEquals: { 'ec2:ResourceTag/team': 'data' } }),
        allow('iam:PassRole', '*', { StringEquals: { 'aws:ResourceAccount': '111122223333' } }),
        allow('sts:AssumeRole', '*', { StringEquals: { 'aws:RequestTag/team': 'data' } }),
      ],
      found: [
        'critical p0.json lambda:UpdateFunctionCode',
        'critical p1.json iam:PassRole',
        'critical p2.json sts:AssumeRole',
      ],
    },
    {
      name: 'ForAllValues and IfExists hold without the key: they pin nothing',
      statements: [
        allow('sts:AssumeRole', '*', { 'ForAllValues:StringEquals': { 'iam:ResourceTag/role': 'deploy' } }),
        allow('iam:PassRole', '*', { StringEqualsIfExists: { 'aws:ResourceTag/team': 'data' } }),
        allow('iam:PassRole', '*', {
          ArnLikeIfExists: {
            'iam:AssociatedResourceArn': 'arn:aws:lambda:us-east-1:111122223333:function:app',
          },
        }),
      ],
      found: [
        'critical p0.json sts:AssumeRole',
        'critical p1.json iam:PassRole',
        'critical p2.json iam:PassRole',
      ],
    },
    {
      name: 'IfExists on a key every such request carries, and Like without a wildcard, pin as Equals does',
      statements: [
        // As AWS's managed policies (AWSLambdaReplicator, AWSCodeStarServiceRole, …) write it.
        allow('iam:PassRole', '*', { StringLikeIfExists: { 'iam:PassedToService': 'lambda.amazonaws.com' } }),
        allow('iam:PassRole', '*', {
          StringEqualsIfExists: { 'iam:PassedToService': ['ec2.amazonaws.com', 'ecs-tasks.amazonaws.com'] },
        }),
        allow('iam:AttachRolePolicy', '*', {
          ArnLike: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        }),
      ],
      found: ['high p0.json iam:PassRole', 'high p1.json iam:PassRole', 'high p2.json iam:AttachRolePolicy'],
    },
    {
      // The IAM User Guide's delegation of role management: roles changed only while a given boundary
      // caps them. Deleting that boundary lifts the cap, so it stays critical.
      name: 'iam:PermissionsBoundary pins writing policies to roles and users capped by the boundary it names',
      statements: [
        allow(['iam:PutRolePolicy', 'iam:AttachUserPolicy', 'iam:PutRolePermissionsBoundary'], '*', {
          StringEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/app-boundary' },
        }),
        allow('iam:DeleteRolePermissionsBoundary', '*', {
          StringEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/app-boundary' },
        }),
        allow('iam:PutRolePolicy', '*', {
          StringLike: { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/*' },
        }),
      ],
      found: [
        'high p0.json iam:PutRolePolicy',
        'high p0.json iam:AttachUserPolicy',
        'high p0.json iam:PutRolePermissionsBoundary',
        'critical p1.json iam:DeleteRolePermissionsBoundary',
        'critical p2.json iam:PutRolePolicy',
      ],
    },
    {
      name: "acting as an existing resource's role: a build's buildspec, a shell on an instance or in a container",
      statements: [
        allow('codebuild:StartBuild', 'arn:aws:codebuild:us-east-1:111122223333:project/*'),
        allow(['ssm:StartSession', 'ecs:ExecuteCommand'], '*'),
        allow('ec2-instance-connect:SendSSHPublicKey', 'arn:aws:ec2:*:*:instance/*', {
          StringEquals: { 'aws:ResourceTag/team': 'data' },
        }),
        allow('codebuild:StartBuild', 'arn:aws:codebuild:us-east-1:111122223333:project/app'),
      ],
      found: [
        'critical p0.json codebuild:StartBuild',
        'critical p1.json ssm:StartSession',
        'critical p1.json ecs:ExecuteCommand',
        'high p2.json ec2-instance-connect:SendSSHPublicKey',
      ],
    },
    {
      name: "every document a command may run, or every security group, is not every instance: IAM asks for the instance's too",
      statements: [
        allow('ssm:SendCommand', 'arn:aws:ssm:*:*:document/*'),
        allow(['ssm:SendCommand', 'ssm:StartSession'], 'arn:aws:s3:::*'),
        allow('ec2:ModifyInstanceAttribute', [
          'arn:aws:ec2:*:*:security-group/*',
          'arn:aws:ec2:*:*:volume/*',
        ]),
        allow('ssm:SendCommand', [
          'arn:aws:ssm:*:*:document/AWS-RunShellScript',
          'arn:aws:ec2:*:*:instance/*',
        ]),
      ],
      found: ['critical p3.json ssm:SendCommand'],
    },
    {
      name: 'PassRole on a named role with what makes ECS run a task as it',
      statements: [
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/task', {
          StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
        }),
        allow('ecs:RunTask', 'arn:aws:ecs:us-east-1:111122223333:task-definition/app:*'),
      ],
      found: ['critical p0.json iam:PassRole ecs:RunTask'],
    },
    {
      name: 'PassRole on a named role with a Glue interactive session to run code in (pathfinding glue-007)',
      statements: [
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/admin'),
        allow(['glue:CreateSession', 'glue:RunStatement'], '*'),
      ],
      found: ['critical p0.json iam:PassRole glue:CreateSession glue:RunStatement'],
    },
    {
      name: "a Batch job of an existing definition, with a command of its own, runs as the definition's job role (pathfinding batch-002)",
      statements: [
        allow('batch:SubmitJob', [
          'arn:aws:batch:us-east-1:111122223333:job-definition/*',
          'arn:aws:batch:us-east-1:111122223333:job-queue/jobs',
        ]),
        // Every queue, but one definition: not every job role.
        allow('batch:SubmitJob', [
          'arn:aws:batch:us-east-1:111122223333:job-queue/*',
          'arn:aws:batch:us-east-1:111122223333:job-definition/report:*',
        ]),
      ],
      found: ['critical p0.json batch:SubmitJob'],
    },
    {
      name: 'PassRole pinned to the service of a path from pathfinding.cloud of 2026, and to another one',
      statements: [
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/automation', {
          StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' },
        }),
        allow(['ssm:CreateDocument', 'ssm:StartAutomationExecution'], '*'),
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/jobs', {
          StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
        }),
        allow(['batch:RegisterJobDefinition'], '*'),
        allow('batch:SubmitJob', 'arn:aws:batch:us-east-1:111122223333:job-definition/report:*'),
        // Pinned to Lambda: no Braket hybrid job runs as it, no EMR cluster.
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/fn', {
          StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' },
        }),
        allow(['braket:CreateJob', 'elasticmapreduce:RunJobFlow', 'kinesisanalytics:*'], '*'),
        // An EMR cluster's service role goes to EMR, and runs no step; its instances' role goes to EC2,
        // as AmazonEMRFullAccessPolicy_v2 pins them.
        allow('iam:PassRole', 'arn:aws:iam::*:role/EMR_DefaultRole_V2', {
          StringLike: { 'iam:PassedToService': 'elasticmapreduce.amazonaws.com' },
        }),
        allow('iam:PassRole', 'arn:aws:iam::*:role/EMR_EC2_DefaultRole', {
          StringLike: { 'iam:PassedToService': 'ec2.amazonaws.com' },
        }),
      ],
      found: [
        'critical p0.json iam:PassRole ssm:CreateDocument ssm:StartAutomationExecution',
        'critical p2.json iam:PassRole batch:RegisterJobDefinition batch:SubmitJob',
        'critical p8.json iam:PassRole elasticmapreduce:RunJobFlow',
      ],
    },
    {
      name: 'PassRole unpinned with what runs a job of its own in EMR Serverless or Managed Apache Flink',
      statements: [
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/analytics'),
        allow(['emr-serverless:CreateApplication', 'emr-serverless:StartJobRun'], '*'),
        allow(['kinesisanalytics:CreateApplication', 'kinesisanalytics:StartApplication'], '*'),
        // An image build needs all four of its parts: without a recipe of its own, no component runs.
        allow(['imagebuilder:CreateInfrastructureConfiguration', 'imagebuilder:CreateComponent'], '*'),
        allow('imagebuilder:CreateImage', '*'),
      ],
      found: [
        'critical p0.json iam:PassRole emr-serverless:CreateApplication emr-serverless:StartJobRun kinesisanalytics:CreateApplication kinesisanalytics:StartApplication',
      ],
    },
    {
      name: 'PassRole to EC2 with every part of an Image Builder build of its own (pathfinding imagebuilder-001)',
      statements: [
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/build', {
          StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' },
        }),
        allow('imagebuilder:Create*', '*'),
      ],
      found: [
        'critical p0.json iam:PassRole imagebuilder:CreateInfrastructureConfiguration imagebuilder:CreateComponent imagebuilder:CreateImageRecipe imagebuilder:CreateImage',
      ],
    },
    {
      name: 'a command as root beside an AgentCore runtime acts as its execution role (pathfinding bedrock-003, bedrock-004)',
      statements: [
        allow(
          'bedrock-agentcore:InvokeAgentRuntimeCommand',
          'arn:aws:bedrock-agentcore:us-east-1:111122223333:runtime/*',
        ),
        // One runtime, named: not every execution role.
        allow(
          'bedrock-agentcore:InvokeAgentRuntimeCommand',
          'arn:aws:bedrock-agentcore:us-east-1:111122223333:runtime/support-agent-AbCdEf1234',
        ),
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/agent', {
          StringEquals: { 'iam:PassedToService': 'bedrock-agentcore.amazonaws.com' },
        }),
        allow(
          [
            'bedrock-agentcore:CreateAgentRuntime',
            'bedrock-agentcore:CreateAgentRuntimeEndpoint',
            'bedrock-agentcore:CreateWorkloadIdentity',
          ],
          '*',
        ),
      ],
      found: [
        'critical p0.json bedrock-agentcore:InvokeAgentRuntimeCommand',
        'critical p2.json iam:PassRole bedrock-agentcore:CreateAgentRuntime bedrock-agentcore:CreateAgentRuntimeEndpoint bedrock-agentcore:CreateWorkloadIdentity bedrock-agentcore:InvokeAgentRuntimeCommand',
      ],
    },
    {
      name: 'an AgentCore browser, a GameLift fleet and a HealthOmics run act as their role (pathfinding bedrock-006/007, gamelift-001, omics-001)',
      statements: [
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/runner', {
          StringEquals: {
            'iam:PassedToService': ['bedrock-agentcore.amazonaws.com', 'gamelift.amazonaws.com'],
          },
        }),
        allow('bedrock-agentcore:CreateBrowser', '*'),
        allow(
          'bedrock-agentcore:StartBrowserSession',
          'arn:aws:bedrock-agentcore:us-east-1:111122223333:browser-custom/*',
        ),
        // It takes no resource (the catalog's word): granted on "*" or not at all.
        allow('bedrock-agentcore:ConnectBrowserAutomationStream', '*'),
        allow(['gamelift:CreateBuild', 'gamelift:CreateFleet', 'gamelift:RequestUploadCredentials'], '*'),
        // Pinned to Lambda: no HealthOmics run takes it.
        allow('iam:PassRole', 'arn:aws:iam::111122223333:role/fn', {
          StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' },
        }),
        allow(['omics:CreateWorkflow', 'omics:StartRun'], '*'),
      ],
      found: [
        'critical p0.json iam:PassRole bedrock-agentcore:CreateBrowser bedrock-agentcore:StartBrowserSession bedrock-agentcore:ConnectBrowserAutomationStream gamelift:CreateBuild gamelift:RequestUploadCredentials gamelift:CreateFleet',
        'critical p2.json bedrock-agentcore:StartBrowserSession bedrock-agentcore:ConnectBrowserAutomationStream',
      ],
    },
    {
      name: "a CodeDeploy revision of its own runs on a deployment group's instances as their role (pathfinding codedeploy-001)",
      statements: [
        allow(
          ['codedeploy:CreateDeployment', 'codedeploy:GetDeploymentConfig'],
          'arn:aws:codedeploy:us-east-1:111122223333:*',
        ),
        allow(
          'codedeploy:RegisterApplicationRevision',
          'arn:aws:codedeploy:us-east-1:111122223333:application:web',
        ),
      ],
      found: [
        'critical p0.json codedeploy:CreateDeployment codedeploy:RegisterApplicationRevision codedeploy:GetDeploymentConfig',
      ],
    },
    {
      name: 'a path without PassRole, on the statement that grants its first permission',
      statements: [
        allow('ec2:ModifyLaunchTemplate', '*'),
        allow('ec2:CreateLaunchTemplateVersion', 'arn:aws:ec2:us-east-1:111122223333:launch-template/*'),
      ],
      found: ['critical p1.json ec2:CreateLaunchTemplateVersion ec2:ModifyLaunchTemplate'],
    },
    {
      name: 'a path a statement flagged for escalation grants whole is not said again; one it does not, is',
      statements: [
        allow(['ec2:*'], '*'),
        allow(['ssm:SendCommand', 'cloudformation:CreateChangeSet'], '*'),
        allow('cloudformation:ExecuteChangeSet', 'arn:aws:cloudformation:*:111122223333:stack/app/*'),
      ],
      found: [
        'critical p0.json ec2:ModifyInstanceAttribute',
        'critical p1.json ssm:SendCommand',
        'critical p1.json cloudformation:CreateChangeSet cloudformation:ExecuteChangeSet',
      ],
    },
    {
      name: 'a wildcard in the pinning value pins nothing',
      statements: [allow('iam:PassRole', '*', { StringLike: { 'iam:PassedToService': '*.amazonaws.com' } })],
      found: ['critical p0.json iam:PassRole'],
    },
  ]
  for (const c of cases) it(c.name, () => expect(escalations(...c.statements)).toEqual(c.found))

  it('says why a pinned escalation is less severe, and what a combination does', () => {
    const pinned = check([
      policy(
        'p.json',
        allow('iam:PassRole', '*', { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } }),
      ),
    ]).findings.find((f) => f.kind === 'privilege-escalation')
    expect(pinned?.message).toContain('limited by its Condition (iam:PassedToService = ec2.amazonaws.com)')
    const tagged = check([
      policy(
        'p.json',
        allow('sts:AssumeRole', 'arn:*:iam::111122223333:role/*', {
          'ForAnyValue:StringEquals': {
            'iam:ResourceTag/aws-cdk:bootstrap-role': ['deploy', 'file-publishing'],
          },
        }),
      ),
    ]).findings.find((f) => f.kind === 'privilege-escalation')
    expect(tagged?.message).toContain(
      'limited by its Condition (iam:ResourceTag/aws-cdk:bootstrap-role = deploy, file-publishing)',
    )
    const present = check([
      policy(
        'p.json',
        allow('ec2:ModifyInstanceAttribute', '*', { Null: { 'aws:ResourceTag/managed': false } }),
      ),
    ]).findings.find((f) => f.kind === 'privilege-escalation')
    expect(present?.message).toContain('limited by its Condition (aws:ResourceTag/managed present)')
    const combined = check([
      policy('a.json', allow('iam:PassRole', 'arn:aws:iam::111122223333:role/deployer')),
      policy('b.json', allow('cloudformation:CreateStack', '*')),
    ]).findings.find((f) => f.kind === 'privilege-escalation')
    expect(combined?.message).toMatch(
      /^iam:PassRole \(on arn:aws:iam::111122223333:role\/deployer\) with cloudformation:CreateStack, granted to this principal: together they allow privilege escalation: creates a stack/,
    )
  })

  it('names every path a PassRole statement completes, in one finding', () => {
    const paths = check([
      policy('a.json', allow('iam:PassRole', 'arn:aws:iam::111122223333:role/task')),
      policy('b.json', allow(['ecs:RegisterTaskDefinition', 'ecs:CreateService'], '*')),
      policy('b2.json', allow('ecs:RunTask', 'arn:aws:ecs:*:111122223333:task-definition/app:*')),
      policy('c.json', allow('sagemaker:CreateTrainingJob', '*')),
    ]).findings.filter((f) => f.kind === 'privilege-escalation')
    expect(paths.map((f) => `${f.file} ${f.actions.join(' ')}`)).toEqual([
      'a.json iam:PassRole ecs:RunTask ecs:RegisterTaskDefinition ecs:CreateService sagemaker:CreateTrainingJob',
    ])
    expect(paths[0]?.message).toBe(
      'iam:PassRole (on arn:aws:iam::111122223333:role/task), granted to this principal with each of these, allows privilege escalation: ' +
        'with ecs:RunTask, runs a task with the passed role as its task role (overrides.taskRoleArn) and a command of its own; ' +
        'with ecs:RegisterTaskDefinition and ecs:CreateService, registers a task definition whose task role is the passed role, and a service that runs it; ' +
        'with sagemaker:CreateTrainingJob, creates a training job whose container runs as the passed role. ' +
        'Make sure the roles it may pass are no more privileged than the principal, or remove a part of each path.',
    )
  })

  it('explains five of the paths a PassRole statement completes, names the others, and shows three of its roles', () => {
    const roles = ['a', 'b', 'c', 'd'].map((r) => `arn:aws:iam::111122223333:role/${r}`)
    const services = [
      'ec2:RunInstances',
      'cloudformation:CreateStack',
      'glue:CreateDevEndpoint',
      'sagemaker:CreateTrainingJob',
      'ecs:RunTask',
      'codebuild:CreateProject',
      'codebuild:StartBuild',
      'lambda:CreateFunction',
      'lambda:InvokeFunction',
      'datapipeline:CreatePipeline',
    ]
    const [finding] = check([
      policy('a.json', allow('iam:PassRole', roles)),
      policy('b.json', allow(services, '*')),
    ]).findings.filter((f) => f.kind === 'privilege-escalation' && f.file === 'a.json')
    const message = finding?.message ?? ''
    expect(message).toMatch(
      /^iam:PassRole \(on arn:aws:iam::111122223333:role\/a, arn:aws:iam::111122223333:role\/b, arn:aws:iam::111122223333:role\/c, … \(1 more\)\), granted to this principal with each of these, allows privilege escalation: with /,
    )
    // Five explained (each "with …, how"), then the others by their actions alone.
    const [explained = '', named = ''] = message.split('; and ')
    expect(explained.split('; with ').length).toBe(5)
    expect(named).toMatch(/^\d+ more paths: with [a-z]+:\w+/)
    expect(named).not.toContain(', creates')
    // Every action of every path is the finding's.
    for (const service of ['ec2:RunInstances', 'lambda:CreateFunction', 'ecs:RunTask'])
      expect(finding?.actions).toContain(service)
  })

  // awslabs/aws-solutions-constructs' aws-lambda-sagemakerendpoint: CDK's `role.grantPassRole(role)`.
  it('gains nothing by passing itself: no path, unless another role may be passed too', () => {
    const sagemaker = allow('sagemaker:CreateTrainingJob', '*')
    const paths = (resources: string[], arn = ROLE) =>
      analyse(
        [
          {
            arn,
            policies: [policy('a.json', allow('iam:PassRole', resources)), policy('b.json', sagemaker)],
          },
        ],
        [],
        catalog,
      ).findings.filter((f) => f.kind === 'privilege-escalation')
    expect(paths([ROLE])).toEqual([])
    // A template's role, named by CloudFormation: the statement names it by !GetAtt.
    expect(paths(['${Role.Arn}'], 'arn:aws:iam::111122223333:role/${Role}')).toEqual([])
    expect(paths([ROLE, 'arn:aws:iam::111122223333:role/admin']).map((f) => f.file)).toEqual(['a.json'])
    expect(paths([`${ROLE}*`]).map((f) => f.file)).toEqual(['a.json'])
  })

  // serverless-patterns' Step Functions and Lambda roles run ECS tasks with their template's own task
  // roles; cattle-ops' runner passes a docker-machine role that holds no policy.
  it('gains nothing by passing a role found here that is granted nothing the principal is not', () => {
    const TASK = 'arn:aws:iam::111122223333:role/task'
    const runTask = allow('ecs:RunTask', 'arn:aws:ecs:*:111122223333:task-definition/app:*')
    const read = allow('s3:GetObject', 'arn:aws:s3:::reports/*')
    const escalations = (
      principal: PolicyDocument[],
      task: PolicyDocument[] | undefined,
      extra: PrincipalPolicies[] = [],
    ) => {
      const passer = { arn: ROLE, policies: [policy('a.json', allow('iam:PassRole', TASK)), ...principal] }
      const roles = task ? [{ arn: TASK, policies: task }] : []
      return analyse([passer], [], catalog, new Map(), undefined, undefined, [], [passer, ...roles, ...extra])
        .findings.filter((f) => f.kind === 'privilege-escalation')
        .map((f) => f.message.replace(/^.*?escalation: .*?\. /, ''))
    }
    const ADVICE =
      'Make sure the roles it may pass are no more privileged than the principal, or remove one of them.'
    // The task role may read the reports, as the principal may: passing it gains nothing.
    expect(escalations([policy('b.json', runTask, read)], [policy('t.json', read)])).toEqual([])
    // Nor does passing a role that holds no policy.
    expect(escalations([policy('b.json', runTask)], [])).toEqual([])
    // It may write them too: a path, and the message says what the role adds.
    const write = allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::reports/*')
    expect(escalations([policy('b.json', runTask, read)], [policy('t.json', write)])).toEqual([
      `arn:aws:iam::111122223333:role/task is granted s3:PutObject, which this principal is not. ${ADVICE}`,
    ])
    // On more resources than the principal, or under a condition the principal's grant does not have.
    expect(
      escalations([policy('b.json', runTask, read)], [policy('t.json', allow('s3:GetObject', '*'))]),
    ).toHaveLength(1)
    const tagged = { StringEquals: { 'aws:ResourceTag/team': 'data' } }
    expect(
      escalations([policy('b.json', runTask, { ...read, Condition: tagged })], [policy('t.json', read)]),
    ).toHaveLength(1)
    // Not known here, or not for sure: a role not found, one with a policy not resolved, a principal
    // with a Deny or a boundary (what it is granted is less than its Allow statements say).
    expect(escalations([policy('b.json', runTask, read)], undefined)).toEqual([ADVICE])
    const unresolved: PrincipalPolicies = {
      arn: TASK,
      policies: [policy('t.json', read)],
      unresolved: [
        { address: 'aws_iam_role_policy.t', file: 't.tf', line: 1, column: 1, reason: 'not known here' },
      ],
    }
    const passer = {
      arn: ROLE,
      policies: [policy('a.json', allow('iam:PassRole', TASK)), policy('b.json', runTask, read)],
    }
    expect(
      analyse(
        [passer],
        [],
        catalog,
        new Map(),
        undefined,
        undefined,
        [],
        [passer, unresolved],
      ).findings.filter((f) => f.kind === 'privilege-escalation'),
    ).toHaveLength(1)
    const denied = allow('s3:DeleteObject', '*')
    expect(
      escalations([policy('b.json', runTask, read, { ...denied, Effect: 'Deny' })], [policy('t.json', read)]),
    ).toHaveLength(1)
    // The principal granted everything gains nothing by passing any role: weighed by PassedRoles itself,
    // since its `*` on `*` is a finding of its own that says the path already. A Deny anywhere among its
    // statements, even after that one, may take some of it away.
    const weigh = (statements: object[]) => {
      const passer = { arn: ROLE, policies: [policy('a.json', allow('iam:PassRole', TASK), ...statements)] }
      const grant = passer.policies[0] as PolicyDocument
      const passed = new PassedRoles([passer, { arn: TASK, policies: [policy('t.json', write)] }], catalog)
      return passed.passesNoMore(grant.statements[0] as Statement, grant, passer)
    }
    expect(weigh([allow('*', '*')])).toBe(true)
    expect(weigh([allow('*', '*'), { ...denied, Effect: 'Deny' }])).toBe(false)
    expect(weigh([allow('s3:*', 'arn:aws:s3:::reports/*')])).toBe(true)
    expect(weigh([allow('s3:*', 'arn:aws:s3:::report*')])).toBe(true)
    expect(weigh([allow('s3:*', 'arn:aws:s3:::other/*')])).toBe(false)
    // A template's `${Task.Arn}` is its own Task, looked up there alone: another template's Task that is
    // granted less says nothing of it.
    const inTemplate = (template: string, doc: PolicyDocument): PolicyDocument => ({
      ...doc,
      source: { kind: 'cloudformation', template, logicalId: 'Task' },
    })
    const grant = inTemplate('a.yml', policy('a.yml', allow('iam:PassRole', '${Task.Arn}'), runTask, read))
    const runner = { arn: 'arn:aws:iam::111122223333:role/${Runner}', policies: [grant] }
    const elsewhere = {
      arn: 'arn:aws:iam::111122223333:role/${Task}',
      policies: [inTemplate('b.yml', policy('b.yml', read))],
    }
    const fromTemplate = (roles: PrincipalPolicies[]) =>
      new PassedRoles([runner, ...roles], catalog).passesNoMore(
        grant.statements[0] as Statement,
        grant,
        runner,
      )
    expect(fromTemplate([elsewhere])).toBe(false)
    const own = {
      arn: 'arn:aws:iam::111122223333:role/${Task}',
      policies: [inTemplate('a.yml', policy('a.yml', read))],
    }
    expect(fromTemplate([elsewhere, own])).toBe(true)
    // A role known by its source alone (no policy of its own to say which template): what a template finds.
    expect(
      fromTemplate([
        { ...own, policies: [], source: { kind: 'cloudformation', template: 'a.yml' } } as PrincipalPolicies,
      ]),
    ).toBe(true)
  })
})

describe('ineffective-grant', () => {
  const ineffective = (Action: string, Resource: string | string[]) =>
    check([policy('p.json', { Effect: 'Allow', Action, Resource })])
      .findings.filter((f) => f.kind === 'ineffective-grant')
      .map((f) => `${f.actions.join(' ')} -> ${f.suggestion}`)
  const cases: [string, string | string[], string[]][] = [
    // A template that uses a transform needs CreateChangeSet on it; no other action acts there.
    [
      'cloudformation:CreateChangeSet',
      'arn:aws:cloudformation:us-east-1:aws:transform/Serverless-2016-10-31',
      [],
    ],
    [
      'cloudformation:CreateStack',
      'arn:aws:cloudformation:us-east-1:aws:transform/Serverless-2016-10-31',
      [
        'cloudformation:CreateStack -> arn:${Partition}:cloudformation:${Region}:${Account}:stack/${StackName}/${Id}',
      ],
    ],
    [
      's3:GetObject',
      'arn:aws:s3:::reports',
      ['s3:GetObject -> arn:${Partition}:s3:::${BucketName}/${ObjectName}'],
    ],
    ['s3:ListBucket', 'arn:aws:s3:::reports/*', ['s3:ListBucket -> arn:${Partition}:s3:::${BucketName}']],
    ['s3:ListBucket', 'arn:aws:s3:::reports', []],
    // An HTTP Task's call is authorized on its state machine, though the catalog gives it no type.
    ['states:InvokeHTTPEndpoint', 'arn:aws:states:us-east-1:111122223333:stateMachine:orders', []],
    ['states:InvokeHTTPEndpoint', 'arn:aws:states:us-east-1:111122223333:stateMachine:*', []],
    [
      'states:InvokeHTTPEndpoint',
      'arn:aws:states:us-east-1:111122223333:activity:orders',
      ['states:InvokeHTTPEndpoint -> *'],
    ],
    [
      'states:InvokeHTTPEndpoint',
      'arn:aws:lambda:us-east-1:111122223333:function:*',
      ['states:InvokeHTTPEndpoint -> *'],
    ],
    // The SSM agent's inventory is authorized on its instance (widdix's templates grant it there).
    ['ssm:PutInventory', 'arn:aws:ec2:us-east-1:111122223333:instance/${VirtualMachine}', []],
    ['ssm:PutInventory', 'arn:aws:ssm:us-east-1:111122223333:managed-instance/mi-0123456789abcdef0', []],
    ['ssm:PutInventory', 'arn:aws:ec2:us-east-1:111122223333:volume/vol-0abc', ['ssm:PutInventory -> *']],
    ['s3:GetObject', 'arn:aws:s3:::reports/*', []],
    ['s3:GetObject', 'arn:aws:s3:::*', []],
    ['s3:GetObject', ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'], []],
    ['s3:ListAllMyBuckets', 'arn:aws:s3:::reports', ['s3:ListAllMyBuckets -> *']],
    ['s3:ListAllMyBuckets', '*', []],
    ['s3:ListAllMyBuckets', 'arn:aws:s3:::*', []],
    ['s3:ListAllMyBuckets', 'arn:aws:s3:::reports-*', ['s3:ListAllMyBuckets -> *']],
    // Without resource types, an action is asked for on `*` or an ARN of its own service (or of its
    // service's types': ssm's include EC2 instances), never on another service's.
    ['s3:ListAllMyBuckets', 'arn:aws:logs:*:*:*', ['s3:ListAllMyBuckets -> *']],
    ['backup:ListBackupVaults', 'arn:aws:logs:*:*:*', ['backup:ListBackupVaults -> *']],
    ['ec2:DescribeInstances', 'arn:aws:ec2:*:*:*', []],
    ['ssm:DescribeParameters', 'arn:aws:ec2:*:*:*', []],
    ['ssm:DescribeParameters', 'arn:aws:*:*:*:*', []],
    // …unless IAM asks for it on one: Session Manager's data channel on its session (AWS's managed policies).
    ['ssmmessages:OpenDataChannel', 'arn:aws:ssm:*:*:session/*', []],
    ['ssmmessages:OpenDataChannel', 'arn:aws:ssm:us-east-1:111122223333:session/ops-1a2b3c', []],
    [
      'ssmmessages:OpenDataChannel',
      'arn:aws:ssm:us-east-1:111122223333:document/AWS-StartSSHSession',
      ['ssmmessages:OpenDataChannel -> *'],
    ],
    ['ssmmessages:CreateDataChannel', 'arn:aws:ssm:*:*:session/*', ['ssmmessages:CreateDataChannel -> *']],
    ['dynamodb:GetItem', '${aws_dynamodb_table.orders.arn}', []],
    [
      'dynamodb:GetItem',
      'arn:aws:s3:::reports/*',
      ['dynamodb:GetItem -> arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}'],
    ],
    ['logs:PutLogEvents', 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/app:*', []],
    // No resource type in the catalog, but IAM asks for it on `…:log-group::log-stream:`: every log group
    // of the account grants it; one log group's ARN does not.
    ['logs:DescribeLogGroups', 'arn:aws:logs:us-east-1:111122223333:log-group:*', []],
    ['logs:DescribeLogGroups', 'arn:aws:logs:*:*:*', []],
    [
      'logs:DescribeLogGroups',
      'arn:aws:logs:us-east-1:111122223333:log-group:app:*',
      ['logs:DescribeLogGroups -> *'],
    ],
    ['logs:DescribeLogGroups', 'arn:aws:s3:::logs/*', ['logs:DescribeLogGroups -> *']],
    // IAM's List actions of a path are asked for on the path they list (`role/`, `role/app/`): the Ministry
    // of Justice grants iam:ListRoles on `role/*`. A role's own ARN is no path.
    ['iam:ListRoles', 'arn:aws:iam::111122223333:role/*', []],
    ['iam:ListRoles', 'arn:aws:iam::111122223333:role/app/*', []],
    ['iam:ListUsers', 'arn:aws:iam::*:user/', []],
    ['iam:ListInstanceProfiles', 'arn:aws:iam::111122223333:instance-profile/*', []],
    ['iam:ListRoles', 'arn:aws:iam::111122223333:role/deployer', ['iam:ListRoles -> *']],
    ['iam:ListRoles', 'arn:aws:iam::111122223333:user/*', ['iam:ListRoles -> *']],
    ['iam:ListPolicies', 'arn:aws:iam::111122223333:role/*', ['iam:ListPolicies -> *']],
    // `… iam:ListVirtualMFADevices on resource: arn:aws:iam::<account>:mfa/`, with no path to list: fpco's
    // foundation modules grant it on `mfa/*`, as AWS's older self-service MFA example did.
    ['iam:ListVirtualMFADevices', 'arn:aws:iam::111122223333:mfa/*', []],
    ['iam:ListVirtualMFADevices', 'arn:aws:iam::*:mfa/', []],
    ['iam:ListVirtualMFADevices', 'arn:aws:iam::111122223333:mfa/app/*', ['iam:ListVirtualMFADevices -> *']],
    ['iam:ListVirtualMFADevices', 'arn:aws:iam::111122223333:mfa/alice', ['iam:ListVirtualMFADevices -> *']],
    // And Step Functions' listing on every state machine of the account (Datadog's integration role).
    ['states:ListStateMachines', 'arn:aws:states:us-east-1:111122223333:stateMachine:*', []],
    [
      'states:ListStateMachines',
      'arn:aws:states:us-east-1:111122223333:stateMachine:orders',
      ['states:ListStateMachines -> *'],
    ],
    // CloudFront asks for a new distribution on every distribution of the account (`… cloudfront:
    // CreateDistribution on resource: arn:aws:cloudfront::<account>:distribution/*`): cloud.gov grants it so.
    ['cloudfront:CreateDistribution', 'arn:aws:cloudfront::111122223333:distribution/*', []],
    [
      'cloudfront:CreateDistribution',
      'arn:aws:cloudfront::111122223333:distribution/E2QWRUHEXAMPLE',
      ['cloudfront:CreateDistribution -> *'],
    ],
    ['events:ListRules', 'arn:aws:events:us-east-1:111122223333:rule/*', []],
    ['events:ListRules', 'arn:aws:events:us-east-1:111122223333:rule/nightly', ['events:ListRules -> *']],
  ]
  for (const [action, resource, found] of cases)
    it(`${action} on ${JSON.stringify(resource)}`, () => expect(ineffective(action, resource)).toEqual(found))

  it('counts an ineffective grant as not granted: using it would break', () => {
    const p = policy('p.json', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports' })
    const usage = {
      policies: [
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
        }),
      ],
      isComplete: true,
    }
    const { findings } = analyse([{ arn: ROLE, policies: [p] }], [], catalog, checkedUsage(ROLE, usage))
    expect(findings.find((f) => f.kind === 'would-break')?.actions).toEqual(['s3:GetObject'])
  })

  it('counts logs:DescribeLogGroups on every log group of the account as granted, and on one as not', () => {
    const used = (Resource: string) => {
      const p = policy('p.json', { Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource })
      const usage = {
        policies: [
          JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: '*' }],
          }),
        ],
        isComplete: true,
      }
      const { findings } = analyse([{ arn: ROLE, policies: [p] }], [], catalog, checkedUsage(ROLE, usage))
      return findings.map((f) => f.kind)
    }
    expect(used('arn:aws:logs:us-east-1:111122223333:log-group:*')).toEqual([])
    expect(used('arn:aws:logs:us-east-1:111122223333:log-group:app:*')).toEqual([
      'would-break',
      'ineffective-grant',
    ])
  })
})

describe('how much one run checks', () => {
  it('refuses principals holding more than 5,000,000 statements, each principal counted, boundaries too', () => {
    // One file of 10,000 statements, as a glob naming every file gives each principal.
    const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }
    const big = policy('all.json', ...Array.from({ length: 10_000 }, () => statement))
    const principals = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ arn: `arn:aws:iam::111122223333:role/r${i}`, policies: [big] }))
    expect(tooMuchToCheck(principals(500), '.github/iam-policy-drift.yml')).toBeUndefined()
    expect(tooMuchToCheck(principals(501), '.github/iam-policy-drift.yml')).toEqual({
      file: '.github/iam-policy-drift.yml',
      line: 1,
      message:
        'the 501 principals hold 5,010,000 statements in all, more than one run checks (5,000,000): a glob that ' +
        'names every file for each principal? Else check them in parts, with shard: K/N over a matrix',
    })
    const bounded = principals(500).map((p, i) =>
      i === 0 ? { ...p, boundary: policy('b.json', statement) } : p,
    )
    expect(tooMuchToCheck(bounded, 'c.yml')?.message).toMatch(/^the 500 principals hold 5,000,001 statements/)
  })
})

// IAM grants what the policies and the boundary both allow (IAM User Guide, "Permissions boundaries for
// IAM entities"). A boundary of Deny statements only, written as if it just took away, leaves the
// principal nothing: DataDog/pathfinding-labs tests tools with such "boundary-allows-nothing" users.
describe('a permissions boundary that lets nothing of the policies through', () => {
  const grants = policy('app.json', {
    Effect: 'Allow',
    Action: ['s3:GetObject', 's3:PutObject'],
    Resource: '*',
  })
  const bounded = (boundary: PolicyDocument, policies = [grants]) =>
    analyse([{ arn: ROLE, policies, boundary }], [], catalog).findings.filter((f) => f.file === boundary.file)

  it('is one ineffective-grant where the boundary is written, naming what the policies grant', () => {
    const boundary = policy('boundary.json', { Sid: 'NoIam', Effect: 'Deny', Action: 'iam:*', Resource: '*' })
    const [finding, ...more] = bounded(boundary)
    expect(more).toEqual([])
    expect(finding).toMatchObject({
      kind: 'ineffective-grant',
      severity: 'low',
      principal: ROLE,
      file: 'boundary.json',
      line: 4,
      sid: null,
      condition: null,
      actions: ['s3:GetObject', 's3:PutObject'],
      suggestion: '{ "Effect": "Allow", "Action": "*", "Resource": "*" }',
    })
    expect(finding?.message).toBe(
      'The permissions boundary has no Allow statement, so it allows nothing, and this principal can make no request at all, ' +
        'whatever its policies grant (2 actions). A boundary does not only take away: IAM grants what the policies and the ' +
        'boundary both allow. To keep its Deny statements as the only limit, add a statement that allows everything beside them.',
    )
  })

  it('names the boundary, and says when its Allow statements miss every granted action', () => {
    const arn = 'arn:aws:iam::111122223333:policy/iam-only'
    const boundary = { arn, ...policy('b.json', { Effect: 'Allow', Action: 'iam:*', Resource: '*' }) }
    const [finding] = bounded(boundary)
    expect(finding?.message).toMatch(
      /^The permissions boundary policy\/iam-only allows none of the 2 actions this principal's policies grant, so it can make no request at all\./,
    )
    expect(finding?.suggestion).toBeNull()
    // NotAction "*" allows every action but every action: none.
    const none = policy('n.json', { Effect: 'Allow', NotAction: '*', Resource: '*' })
    expect(bounded(none).map((f) => f.actions)).toEqual([['s3:GetObject', 's3:PutObject']])
    // An Allow of everything that the boundary's own Deny takes back.
    const taken = policy(
      't.json',
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', Action: 's3:*', Resource: '*' },
    )
    expect(bounded(taken)).toHaveLength(1)
    // An AWS managed policy as the boundary is named by its ARN.
    const managed = {
      ...policy('infra/iam.tf', { Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }),
      source: {
        kind: 'aws-managed-policy' as const,
        arn: 'arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess',
        document: 'snapshot' as const,
        version: 'v1',
      },
    }
    expect(bounded(managed)[0]?.message).toMatch(
      /^The permissions boundary policy\/AmazonEC2ReadOnlyAccess allows none/,
    )
  })

  it('says nothing when one granted action gets through, however narrowly the boundary allows it', () => {
    const some = policy('b.json', { Effect: 'Allow', Action: 's3:PutObject', Resource: '*' })
    expect(bounded(some)).toEqual([])
    // Its resources and condition may not match every request: read generously, it still allows some.
    const narrow = policy('b.json', {
      Effect: 'Allow',
      Action: 's3:Get*',
      Resource: 'arn:aws:s3:::other/*',
      Condition: { Bool: { 'aws:SecureTransport': 'true' } },
    })
    expect(bounded(narrow)).toEqual([])
    // The policies grant nothing the boundary could block: only a Deny, an expired Allow.
    const deny = policy('b.json', { Effect: 'Deny', Action: '*', Resource: '*' })
    const nothing = [
      policy('d.json', { Effect: 'Deny', Action: 's3:*', Resource: '*' }),
      policy('e.json', {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
      }),
    ]
    expect(bounded(deny, nothing)).toEqual([])
    expect(bounded(deny, [])).toEqual([])
  })
})
