// The AWS setup in examples/aws: the CloudFormation template and the Terraform module, resolved the way
// CloudFormation and Terraform would for one repository, must give the same IAM documents: a role only
// this repository's pull requests and default branch may assume, allowed exactly what the action calls
// and nothing this action itself would flag; and the access role Access Analyzer needs.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseHcl } from '@cdktf/hcl2json'
import picomatch from 'picomatch'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml, type Tags } from 'yaml'
import { analyse } from '../../src/analysis/analyse.js'
import { loadCatalog } from '../../src/catalog/catalog.js'
import { parsed } from '../world/policies.js'
import { REPO_ROOT } from '../world/runner.js'

const ACCOUNT = '111122223333'
const REPOSITORY = 'octo-org/infra'
const BUCKET = 'org-trail-logs'
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`
const WORKFLOW_ROLE = `arn:aws:iam::${ACCOUNT}:role/iam-policy-drift`
const ACCESS_ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/AccessAnalyzerMonitorServiceRole`
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`
const MEMBER_ACCOUNTS = ['444455556666', '777788889999']

/** What a stack or module makes: trust and permission policy of both roles. */
interface Setup {
  /** Whether GitHub's OIDC provider is made. */
  makesProvider: boolean
  workflowTrust: Doc
  workflowPolicy: Doc
  accessTrust: Doc
  accessPolicy: Doc
}
type Doc = { Version: string; Statement: Record<string, unknown>[] }

// ---- CloudFormation: short-form tags, then Ref / Fn::Sub / Fn::GetAtt / Fn::If / Fn::Equals / Fn::Not.
const CFN_TAGS: Tags = [
  'Ref',
  'Condition',
  'Sub',
  'GetAtt',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'Join',
].flatMap((name) => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`
  const wrap = (value: unknown) => ({
    [key]: name === 'GetAtt' && typeof value === 'string' ? value.split('.') : value,
  })
  return [
    { tag: `!${name}`, resolve: (value: string) => wrap(value) },
    {
      tag: `!${name}`,
      collection: 'seq' as const,
      resolve: (seq: { toJSON(): unknown }) => wrap(seq.toJSON()),
    },
  ]
}) as Tags

/** The stack's documents, or the AssertDescription of the first of its Rules the parameters break. */
function cloudFormation(overrides: Record<string, string>): Setup
function cloudFormation(overrides: Record<string, string>, rules: 'rules'): string | undefined
function cloudFormation(overrides: Record<string, string>, rules?: 'rules'): Setup | string | undefined {
  const template = parseYaml(readFileSync(join(REPO_ROOT, 'examples/aws/cloudformation.yml'), 'utf8'), {
    customTags: CFN_TAGS,
  })
  const params: Record<string, string | string[]> = {}
  for (const [name, spec] of Object.entries(
    template.Parameters as Record<string, { Type: string; Default?: string; AllowedPattern?: string }>,
  )) {
    const value = overrides[name] ?? spec.Default
    if (value === undefined) throw new Error(`parameter ${name} has no default and no value`)
    // CloudFormation matches the whole value against AllowedPattern.
    if (spec.AllowedPattern && !new RegExp(`^(?:${spec.AllowedPattern})$`).test(value))
      throw new Error(`parameter ${name}: ${value} does not match ${spec.AllowedPattern}`)
    params[name] = spec.Type === 'CommaDelimitedList' ? value.split(',') : value
  }
  const refs: Record<string, string | string[]> = {
    ...params,
    'AWS::AccountId': ACCOUNT,
    'AWS::Partition': 'aws',
    'AWS::Region': 'us-east-1',
    'AWS::URLSuffix': 'amazonaws.com',
  }
  const arns: Record<string, string> = {
    'GitHubOidcProvider.Arn': PROVIDER,
    'WorkflowRole.Arn': `arn:aws:iam::${ACCOUNT}:role/${params.WorkflowRoleName}`,
    'AccessRole.Arn': `arn:aws:iam::${ACCOUNT}:role/service-role/${params.AccessRoleName}`,
  }
  const used = new Set<string>()
  const conditions: Record<string, boolean> = {}
  const NO_VALUE = Symbol('AWS::NoValue')
  const ref = (name: string) => {
    if (name === 'AWS::NoValue') return NO_VALUE
    if (!(name in refs)) throw new Error(`Ref to undeclared ${name}`)
    used.add(name)
    return refs[name]
  }
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve).filter((v) => v !== NO_VALUE)
    if (!node || typeof node !== 'object') return node
    const entries = Object.entries(node)
    const [first] = entries
    if (entries.length === 1 && first) {
      const [key, arg] = first as [string, never]
      if (key === 'Ref') return ref(arg)
      if (key === 'Fn::Sub')
        return (arg as string).replace(/\$\{([^}]+)\}/g, (_, name: string) => String(ref(name)))
      if (key === 'Fn::GetAtt') {
        const id = (arg as string[]).join('.')
        if (!(id in arns)) throw new Error(`GetAtt of unknown ${id}`)
        return arns[id]
      }
      if (key === 'Fn::If') {
        const [name, yes, no] = arg as [string, unknown, unknown]
        if (!(name in conditions)) throw new Error(`unknown condition ${name}`)
        return resolve(conditions[name] ? yes : no)
      }
      if (key === 'Condition') {
        if (!(arg in conditions)) throw new Error(`unknown condition ${arg}`)
        return conditions[arg]
      }
      if (key === 'Fn::Equals') {
        const [a, b] = (arg as unknown[]).map(resolve)
        return a === b
      }
      if (key === 'Fn::Not') return !resolve((arg as unknown[])[0])
      if (key === 'Fn::And') return (arg as unknown[]).every((c) => resolve(c) === true)
      if (key === 'Fn::Or') return (arg as unknown[]).some((c) => resolve(c) === true)
      if (key === 'Fn::Join') {
        const [separator, list] = arg as [string, unknown]
        return ([resolve(list)].flat() as string[]).join(separator)
      }
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v)]).filter(([, v]) => v !== NO_VALUE))
  }
  const rulesBroken = Object.values(
    template.Rules as Record<string, { Assertions: { Assert: unknown; AssertDescription: string }[] }>,
  )
    .flatMap((r) => r.Assertions)
    .find((a) => resolve(a.Assert) !== true)
  if (rules) return rulesBroken?.AssertDescription
  if (rulesBroken) throw new Error(`rule broken: ${rulesBroken.AssertDescription}`)
  for (const [name, expression] of Object.entries(template.Conditions as Record<string, unknown>)) {
    conditions[name] = resolve(expression) as boolean
  }
  const resources = resolve(template.Resources) as Record<
    string,
    { Properties: { AssumeRolePolicyDocument: Doc; Policies: { PolicyDocument: Doc }[] } }
  >
  resolve(template.Outputs)
  // A member account's stack trusts the workflow's role, not GitHub: the repository's parameters go unused.
  const member = params.WorkflowAccountRoleArn !== ''
  const unused = Object.keys(params).filter(
    (p) =>
      !used.has(p) &&
      p !== 'CreateOidcProvider' &&
      !(member && (p === 'GitHubRepository' || p === 'DefaultBranch')),
  )
  if (unused.length > 0) throw new Error(`parameters never used: ${unused.join(', ')}`)
  const role = (id: string) => {
    const properties = resources[id]?.Properties
    if (!properties) throw new Error(`no resource ${id}`)
    return properties
  }
  const providerCondition = (template.Resources.GitHubOidcProvider as { Condition: string }).Condition
  return {
    makesProvider: conditions[providerCondition] === true,
    workflowTrust: role('WorkflowRole').AssumeRolePolicyDocument,
    workflowPolicy: role('WorkflowRole').Policies[0]?.PolicyDocument as Doc,
    accessTrust: role('AccessRole').AssumeRolePolicyDocument,
    accessPolicy: role('AccessRole').Policies[0]?.PolicyDocument as Doc,
  }
}

// ---- Terraform: aws_iam_policy_document blocks rendered as the provider renders them.
interface TfStatement {
  sid?: string
  effect?: string
  actions?: string[]
  resources?: string[]
  principals?: { type: string; identifiers: string[] }[]
  condition?: { test: string; variable: string; values: string[] }[]
}

async function terraform(vars: Record<string, string | string[] | null>): Promise<Setup> {
  const hcl = (await parseHcl(
    'main.tf',
    readFileSync(join(REPO_ROOT, 'examples/aws/terraform/main.tf'), 'utf8'),
  )) as {
    variable: Record<string, { default?: unknown }[]>
    resource: { aws_iam_openid_connect_provider: { github: { count: string }[] } }
    data: {
      aws_iam_policy_document: Record<
        string,
        {
          statement?: TfStatement[]
          dynamic?: { statement?: { for_each: string; content: TfStatement[] }[] }
        }[]
      >
    }
  }
  const values: Record<string, unknown> = {}
  for (const [name, [spec]] of Object.entries(hcl.variable)) {
    values[name] = name in vars ? vars[name] : spec?.default
    // hcl2json gives a variable's `default = null` as null, and no default as undefined.
    if (values[name] === undefined) throw new Error(`variable ${name} has no default and no value`)
  }
  const known: Record<string, unknown> = {
    ...Object.fromEntries(Object.entries(values).map(([k, v]) => [`var.${k}`, v])),
    'local.account': ACCOUNT,
    'local.partition': 'aws',
    'local.provider_arn': PROVIDER,
    'aws_iam_role.access.arn': ACCESS_ROLE,
  }
  const interpolate = (text: string, extra: Record<string, unknown> = {}): string | string[] => {
    // A whole-value reference may be a list (`resources = statement.value`).
    const whole = /^\$\{([^}]+)\}$/.exec(text)
    const listValue = whole && { ...known, ...extra }[(whole[1] as string).trim()]
    if (Array.isArray(listValue)) return listValue as string[]
    return text.replace(/\$\{([^}]+)\}/g, (_, expression: string) => {
      const value = { ...known, ...extra }[expression.trim()]
      if (typeof value !== 'string') throw new Error(`cannot resolve \${${expression}}`)
      return value
    })
  }
  const render = (s: TfStatement, extra: Record<string, unknown> = {}) => {
    const list = (values: string[] | string | undefined) => {
      const out = [values ?? []].flat().flatMap((v) => interpolate(v, extra))
      return out.length === 1 ? out[0] : out
    }
    const conditions: Record<string, Record<string, unknown>> = {}
    for (const c of s.condition ?? []) {
      conditions[c.test] = { ...conditions[c.test], [c.variable]: list(c.values) }
    }
    return {
      ...(s.sid && { Sid: s.sid }),
      Effect: s.effect ?? 'Allow',
      ...(s.principals && {
        Principal: Object.fromEntries(s.principals.map((p) => [p.type, list(p.identifiers)])),
      }),
      Action: list(s.actions),
      ...(s.resources && { Resource: list(s.resources) }),
      ...(s.condition && { Condition: conditions }),
    }
  }
  const doc = (name: string): Doc => {
    const [block] = hcl.data.aws_iam_policy_document[name] ?? []
    if (!block) throw new Error(`no aws_iam_policy_document ${name}`)
    const statements = (block.statement ?? []).map((s) => render(s))
    // `dynamic "statement"`: one statement per item of its for_each, the ones the module writes.
    const forEach: Record<string, () => unknown[]> = {
      '${var.trail_kms_key_arn == null ? [] : [var.trail_kms_key_arn]}': () =>
        values.trail_kms_key_arn === null ? [] : [values.trail_kms_key_arn],
      '${var.workflow_account_role_arn == null ? [var.github_repository] : []}': () =>
        values.workflow_account_role_arn === null ? [values.github_repository] : [],
      '${var.workflow_account_role_arn == null ? [] : [var.workflow_account_role_arn]}': () =>
        values.workflow_account_role_arn === null ? [] : [values.workflow_account_role_arn],
      '${length(var.member_account_role_arns) > 0 ? [var.member_account_role_arns] : []}': () =>
        (values.member_account_role_arns as string[]).length > 0 ? [values.member_account_role_arns] : [],
    }
    for (const dynamic of block.dynamic?.statement ?? []) {
      const items = forEach[dynamic.for_each]
      if (!items) throw new Error(`unknown for_each ${dynamic.for_each}`)
      const [content] = dynamic.content
      for (const value of items()) if (content) statements.push(render(content, { 'statement.value': value }))
    }
    return { Version: '2012-10-17', Statement: statements }
  }
  const providers = hcl.resource.aws_iam_openid_connect_provider.github[0]?.count
  expect(providers).toBe('${var.create_oidc_provider && var.workflow_account_role_arn == null ? 1 : 0}')
  return {
    makesProvider: values.create_oidc_provider === true && values.workflow_account_role_arn === null,
    workflowTrust: doc('workflow_trust'),
    workflowPolicy: doc('workflow'),
    accessTrust: doc('access_trust'),
    accessPolicy: doc('access'),
  }
}

// ---- What both must give.
const catalog = loadCatalog()
const stringLike = (patterns: unknown, value: string) =>
  [patterns].flat().some((p) => picomatch.isMatch(value, String(p), { dot: true, bash: true }))

/** The roles of other accounts the workflow's role may assume; or, for a member account, the role it trusts. */
interface Accounts {
  memberRoles?: string[]
  workflowAccountRole?: string
}

function expectSetup(setup: Setup, encrypted: boolean, accounts: Accounts = {}): void {
  expect(setup.workflowTrust.Statement).toHaveLength(1)
  const [trust] = setup.workflowTrust.Statement
  if (accounts.workflowAccountRole) {
    // A member account: only the workflow account's role may assume it; GitHub's tokens may not.
    expect(trust).toEqual({
      Sid: 'WorkflowRoleOfTheWorkflowAccount',
      Effect: 'Allow',
      Principal: { AWS: accounts.workflowAccountRole },
      Action: 'sts:AssumeRole',
    })
    expect(setup.makesProvider).toBe(false)
  } else expectGitHubTrust(trust)
  expectPermissions(setup, encrypted, accounts)
}

function expectGitHubTrust(trust: Record<string, unknown> | undefined): void {
  // The workflow role: GitHub's OIDC provider, the action's audience, this repository's PRs and main.
  expect(trust).toMatchObject({
    Effect: 'Allow',
    Principal: { Federated: PROVIDER },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
  })
  const condition = trust?.Condition as { StringLike: Record<string, unknown> }
  const sub = condition.StringLike['token.actions.githubusercontent.com:sub']
  // The sub claims GitHub puts in the token of each run the README's workflows make.
  for (const allowed of [
    `repo:${REPOSITORY}:pull_request`,
    `repo:${REPOSITORY}:ref:refs/heads/main`,
    // A merge queue's group for main (merge_group).
    `repo:${REPOSITORY}:ref:refs/heads/gh-readonly-queue/main/pr-7-${'a'.repeat(40)}`,
  ]) {
    expect(stringLike(sub, allowed), allowed).toBe(true)
  }
  for (const refused of [
    `repo:${REPOSITORY}:ref:refs/heads/feature`,
    `repo:${REPOSITORY}:ref:refs/heads/gh-readonly-queue/release/pr-7-${'a'.repeat(40)}`,
    `repo:${REPOSITORY}:environment:prod`,
    `repo:${REPOSITORY}-fork:pull_request`,
    `repo:someone/infra:pull_request`,
  ]) {
    expect(stringLike(sub, refused), refused).toBe(false)
  }
}

function expectPermissions(setup: Setup, encrypted: boolean, accounts: Accounts): void {
  // Exactly what the action calls, on the access role only (and the other accounts' roles by name).
  const granted = setup.workflowPolicy.Statement.flatMap((s) => [s.Action].flat())
  const chaining = accounts.memberRoles ? ['sts:AssumeRole'] : []
  expect(granted.sort()).toEqual([
    'access-analyzer:CancelPolicyGeneration',
    'access-analyzer:GetGeneratedPolicy',
    'access-analyzer:ListPolicyGenerations',
    'access-analyzer:StartPolicyGeneration',
    'cloudformation:DescribeStackResources',
    'cloudformation:GetTemplate',
    'iam:GenerateServiceLastAccessedDetails',
    'iam:GetPolicy',
    'iam:GetPolicyVersion',
    'iam:GetServiceLastAccessedDetails',
    'iam:PassRole',
    ...chaining,
  ])
  const members = setup.workflowPolicy.Statement.find((s) => s.Sid === 'MemberAccounts')
  expect(members && [members.Resource].flat()).toEqual(accounts.memberRoles)
  // usage-source: last-accessed (and auto, for groups and lone managed policies): reports on this
  // account's roles, users, groups and customer managed policies only.
  expect(setup.workflowPolicy.Statement.find((s) => s.Sid === 'LastAccessedReports')?.Resource).toEqual([
    expect.stringMatching(/^arn:aws:iam::\d{12}:role\/\*$/),
    expect.stringMatching(/^arn:aws:iam::\d{12}:user\/\*$/),
    expect.stringMatching(/^arn:aws:iam::\d{12}:group\/\*$/),
    expect.stringMatching(/^arn:aws:iam::\d{12}:policy\/\*$/),
  ])
  // CloudFormation sources with stack-name: the names of the stack's roles, and a CDK app's deployed
  // templates, in this account only.
  expect(setup.workflowPolicy.Statement.find((s) => s.Sid === 'StackRoleNames')?.Resource).toMatch(
    /^arn:aws:cloudformation:\*:\d{12}:stack\/\*$/,
  )
  expect(setup.workflowPolicy.Statement.find((s) => s.Action === 'iam:PassRole')?.Resource).toBe(ACCESS_ROLE)
  // AWS managed policies only: the current version of those a Terraform configuration attaches.
  expect(setup.workflowPolicy.Statement.find((s) => s.Sid === 'CurrentAwsManagedPolicies')?.Resource).toBe(
    'arn:aws:iam::aws:policy/*',
  )

  // The access role: trusted by Access Analyzer, reads the trail and its bucket (and key).
  expect(setup.accessTrust.Statement[0]).toMatchObject({
    Principal: { Service: 'access-analyzer.amazonaws.com' },
    Action: 'sts:AssumeRole',
  })
  const access = setup.accessPolicy.Statement
  const trails = access.find((s) => s.Action === 'cloudtrail:GetTrail')?.Resource as string
  expect(stringLike(trails, `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-trail`)).toBe(true)
  expect(access.find((s) => s.Sid === 'TrailLogs')?.Resource).toEqual([
    `arn:aws:s3:::${BUCKET}`,
    `arn:aws:s3:::${BUCKET}/*`,
  ])
  expect(access.some((s) => s.Action === 'kms:Decrypt' && s.Resource === KEY)).toBe(encrypted)

  // Nothing this action would flag: known actions, no avoidable Resource "*", no escalation path.
  const policies = [
    parsed('workflow.json', JSON.stringify(setup.workflowPolicy, null, 2)),
    parsed('access.json', JSON.stringify(setup.accessPolicy, null, 2)),
  ]
  const { findings } = analyse([{ arn: WORKFLOW_ROLE, policies }], [], catalog)
  expect(findings.map((f) => `${f.file}:${f.line} ${f.kind}: ${f.message}`)).toEqual([])
}

describe('examples/aws', () => {
  it('the CloudFormation template gives the roles the action needs, and no more', () => {
    const base = { GitHubRepository: REPOSITORY, TrailBucketName: BUCKET }
    expectSetup(cloudFormation(base), false)
    expectSetup(cloudFormation({ ...base, TrailKmsKeyArn: KEY }), true)
    // With the account's own provider, the trust names the same provider ARN.
    expectSetup(cloudFormation({ ...base, CreateOidcProvider: 'false' }), false)
  })

  it('lets the workflow role assume named roles of other accounts, and those roles trust it alone', () => {
    const base = { GitHubRepository: REPOSITORY, TrailBucketName: BUCKET }
    const memberRoles = MEMBER_ACCOUNTS.map((a) => `arn:aws:iam::${a}:role/iam-policy-drift`)
    expectSetup(cloudFormation({ ...base, MemberAccountRoleArns: memberRoles.join(',') }), false, {
      memberRoles,
    })
    // A member account's stack: trusted by the workflow account's role, no provider, no repository.
    const member = cloudFormation({ TrailBucketName: BUCKET, WorkflowAccountRoleArn: WORKFLOW_ROLE })
    expectSetup(member, false, { workflowAccountRole: WORKFLOW_ROLE })
    // One of the two must be said; a value that is not a role ARN is refused.
    expect(cloudFormation({ TrailBucketName: BUCKET }, 'rules')).toMatch(
      /Set GitHubRepository .* or WorkflowAccountRoleArn/,
    )
    expect(cloudFormation(base, 'rules')).toBeUndefined()
    expect(() => cloudFormation({ ...base, WorkflowAccountRoleArn: '444455556666' })).toThrow(
      /does not match/,
    )
  })

  it('the Terraform module gives the same documents as the CloudFormation template', async () => {
    for (const key of [null, KEY]) {
      const tf = await terraform({
        github_repository: REPOSITORY,
        trail_bucket_name: BUCKET,
        trail_kms_key_arn: key,
      })
      expectSetup(tf, key !== null)
      const cfn = cloudFormation({
        GitHubRepository: REPOSITORY,
        TrailBucketName: BUCKET,
        ...(key && { TrailKmsKeyArn: key }),
      })
      expect(tf).toEqual(cfn)
    }
    // Across accounts: the workflow account's role with two member roles; a member account's role.
    const memberRoles = MEMBER_ACCOUNTS.map((a) => `arn:aws:iam::${a}:role/iam-policy-drift`)
    const central = await terraform({
      github_repository: REPOSITORY,
      trail_bucket_name: BUCKET,
      member_account_role_arns: memberRoles,
    })
    expectSetup(central, false, { memberRoles })
    expect(central).toEqual(
      cloudFormation({
        GitHubRepository: REPOSITORY,
        TrailBucketName: BUCKET,
        MemberAccountRoleArns: memberRoles.join(','),
      }),
    )
    const member = await terraform({ trail_bucket_name: BUCKET, workflow_account_role_arn: WORKFLOW_ROLE })
    expectSetup(member, false, { workflowAccountRole: WORKFLOW_ROLE })
    expect(member).toEqual(cloudFormation({ TrailBucketName: BUCKET, WorkflowAccountRoleArn: WORKFLOW_ROLE }))
  })

  it('its outputs fit the example config: the access role is the one examples/ names', () => {
    const config = readFileSync(join(REPO_ROOT, 'examples/.github/iam-policy-drift.yml'), 'utf8')
    expect(config).toContain(`access-role-arn: ${ACCESS_ROLE}`)
  })
})
