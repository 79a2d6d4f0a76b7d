// AWS SAM's own translator tests as an oracle: for each of their inputs that translate
// (test/fixtures/sam-translator, Apache-2.0, with its source), the roles SAM's expected output holds and
// what each allows (actions, AWS managed policies, a connector's policies that name it) against what
// discovery finds in the input. A difference is a role built otherwise than SAM builds it.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadManagedPolicies } from '../../src/catalog/managed-policies.js'
import { discoverFromTemplate } from '../../src/sources/cloudformation/discover.js'
import { parseTemplate } from '../../src/sources/cloudformation/template.js'

const DIR = join(import.meta.dirname, '..', 'fixtures', 'sam-translator')
const expected = JSON.parse(readFileSync(join(DIR, 'expected-roles.json'), 'utf8')) as Record<
  string,
  Record<string, string[]>
>

/**
 * Where the roles found differ from SAM's output, and why: inputs SAM does not check (CloudFormation
 * would refuse them), conditions decided here by the parameters' defaults, and names the comparison
 * cannot tell apart. Each must still differ: one that comes to match is taken off this list.
 */
const KNOWN: Record<string, string> = {
  'connector_function_to_sqs.yaml MyRole': 'a managed policy ARN without its $ (arn:{AWS::Partition}:…)',
  'connector_function_to_table.yaml MyRole': 'a managed policy ARN without its $',
  'connector_sns_to_function.yaml MyRole': 'a managed policy ARN without its $',
  'connector_table_to_function.yaml MyRole': 'a managed policy ARN without its $',
  'function_with_role_and_role_path.yaml MyRole': 'a managed policy ARN without its $',
  'connector_with_non_id_source_and_destination.yaml MyRole':
    'RoleName: MyRole names a role called MyRole, which is not the template role whose logical id is MyRole',
  'feature_toggle_api_open_api_version_override.yaml LambdaFunctionServiceRoleD6E423C9':
    'an AWS::IAM::Policy attaches to it, which the comparison does not count',
  'function_managed_inline_policy.yaml FunctionRole':
    'CustomerCreatedManagedPolicy and a Ref are not AWS managed policies (unresolved-policy here)',
  'managed_policies_minimal.yaml MyFunctionRole': 'AnyNonOfficialManagedPolicy is not an AWS managed policy',
  'managed_policies_minimal.yaml MyStateMachineRole':
    'AnyNonOfficialManagedPolicy is not an AWS managed policy',
  'function_policy_with_conditional_managed_policy_name.yaml ExampleFunctionRole':
    'an Fn::If policy, decided here by the parameters’ defaults',
  'function_with_conditional_managed_policy.yaml FunctionWithConditionalPolicyRole':
    'an Fn::If policy, decided here by the parameters’ defaults',
  'function_with_conditional_managed_policy_and_ref_no_value.yaml FunctionWithConditionalPolicyRole':
    'an Fn::If policy, decided here by the parameters’ defaults',
  'function_with_conditional_policy_template.yaml FunctionWithConditionalPolicyRole':
    'an Fn::If policy, decided here by the parameters’ defaults',
  'function_with_conditional_policy_template_and_ref_no_value.yaml FunctionWithConditionalPolicyRole':
    'an Fn::If policy, decided here by the parameters’ defaults',
  'implicit_api_with_serverless_rest_api_resource.yaml ServerlessRestApiRole':
    'a function named ServerlessRestApi, which SAM replaces with its implicit API',
}

/**
 * Inputs whose roles are not made here, and why: their resources' conditions are false whatever the
 * parameters (`Fn::Equals: [true, false]`), or name another account than the config's.
 */
const NEVER: Record<string, string> = {
  'implicit_api_with_many_conditions.yaml': 'Fn::Equals [true, false]',
  'implicit_http_api_with_many_conditions.yaml': 'Fn::Equals [true, false]',
  'implicit_api_with_auth_and_conditions_max.yaml': 'Fn::Equals [true, false]',
  'implicit_and_explicit_api_with_conditions.yaml': 'Fn::Equals [true, false]',
  'function_with_deployment_preference_multiple_combinations_conditions_with_passthrough.yaml':
    'Fn::Equals [true, false]',
  'function_with_deployment_preference_multiple_combinations_conditions_without_passthrough.yaml':
    'Fn::Equals [true, false]',
  'function_with_event_dest_conditional.yaml': 'Fn::Equals [true, false]',
  's3_with_condition.yaml': 'AWS::AccountId equals myAccountId, not the config’s account',
}

/** Inputs CloudFormation would refuse, which SAM translates without looking: a problem here. */
const REFUSED: Record<string, string> = {
  'intrinsic_functions.yaml': 'Fn::Ref is not an intrinsic function',
  'managed_policies_everything.yaml': 'an AWS::IAM::ManagedPolicy with an empty PolicyDocument',
  'resource_with_invalid_type.yaml': 'a resource whose Type is not a name',
  'function_with_event_dest_basic.yaml': 'a Condition the template does not define',
  'connector_esm_dependson.yaml': 'a function whose Role is a Ref to a role the template lacks',
  'connector_dependson_replace.yaml': 'a function whose Role is a Ref to a role the template lacks',
}

/**
 * SAM's tests name its transform `AWS::Serverless-2016-10-31-test` in one input, which its translator
 * reads as its own; a transform of another name is one CloudFormation runs, not read here, so the
 * input is read with SAM's.
 */
const asSam = (text: string) =>
  text.replace(/^Transform: AWS::Serverless-2016-10-31-test$/m, 'Transform: AWS::Serverless-2016-10-31')

/** A template's principals, as the action finds them in account 111122223333, and its problems. */
async function discovered(file: string, text: string, region?: string) {
  const parsed = parseTemplate(file, asSam(text))
  if (!parsed.root) return { principals: [], problems: parsed.problems.length }
  const found = await discoverFromTemplate(file, parsed.root, {
    parameters: new Map(),
    account: '111122223333',
    region,
    stackName: undefined,
    managedPolicies: loadManagedPolicies,
  })
  return { principals: found.principals, problems: found.problems.length }
}

async function rolesFound(file: string): Promise<{ roles: Record<string, string[]>; problems: number }> {
  const found = await discovered(file, readFileSync(join(DIR, 'input', file), 'utf8'))
  const roles: Record<string, string[]> = {}
  for (const p of found.principals) {
    const id = p.source.kind === 'cloudformation' ? p.source.logicalId : p.arn
    const entries = new Set<string>()
    for (const d of p.policies) {
      if (d.source?.kind === 'aws-managed-policy')
        entries.add(`managed:${d.source.arn.slice(d.source.arn.indexOf(':policy/') + ':policy/'.length)}`)
      else for (const s of d.statements) for (const a of s.actions) entries.add(a.value)
    }
    roles[id] = [...entries].sort()
  }
  return { roles, problems: found.problems }
}

describe("AWS SAM's translator tests", () => {
  it('finds the roles SAM makes or attaches to, each allowing what SAM gives it', async () => {
    const files = readdirSync(join(DIR, 'input')).sort()
    expect(files.length).toBe(Object.keys(expected).length)
    const differing: string[] = []
    const explained = new Set<string>()
    let roles = 0
    for (const file of files) {
      const { roles: ours, problems } = await rolesFound(file)
      if (REFUSED[file]) {
        if (problems === 0) differing.push(`${file}: read without a problem, though ${REFUSED[file]}`)
        continue
      }
      for (const [role, entries] of Object.entries(expected[file] ?? {})) {
        roles++
        const key = `${file} ${role}`
        if (NEVER[file] && !ours[role]) continue
        const same = JSON.stringify(ours[role] ?? []) === JSON.stringify(entries)
        if (!same && KNOWN[key]) explained.add(key)
        else if (!same)
          differing.push(`${key}: SAM ${entries.join(' ')}; here ${(ours[role] ?? []).join(' ')}`)
      }
      // A role made here that SAM does not make.
      for (const role of Object.keys(ours)) {
        const key = `${file} ${role}`
        if (expected[file]?.[role]) continue
        if (KNOWN[key]) explained.add(key)
        else differing.push(`${key}: not made by SAM; here ${ours[role]?.join(' ')}`)
      }
    }
    for (const key of Object.keys(KNOWN))
      if (!explained.has(key)) differing.push(`${key} now matches: take it off KNOWN`)
    expect(differing).toEqual([])
    expect(roles).toBeGreaterThan(700)
  }, 60_000)
})

/**
 * Where a role's statements read from an input differ from those read from SAM's output of it, and
 * why. Each must still differ: one that comes to match is taken off this list.
 */
const KNOWN_STATEMENTS: Record<string, string> = {
  'implicit_api_with_serverless_rest_api_resource.yaml role/${ServerlessRestApiRole}':
    'a function named ServerlessRestApi, which SAM replaces with its implicit API',
}

/** Outputs CloudFormation would refuse as SAM writes them: `{"Condition": {"Condition": …}}`. */
const OUTPUT_REFUSED = new Set(['function_with_event_dest_conditional.yaml'])

/**
 * Each principal of a template, by its ARN after the account (`role/path/${Id}`), with its statements as
 * text: effect, actions, resources, and whether a condition limits them.
 */
async function statementsFound(file: string, text: string) {
  const found = await discovered(file, text, 'us-east-1')
  const principals: Record<string, string[]> = {}
  for (const p of found.principals) {
    const lines = p.policies.flatMap((d) =>
      d.statements.map((s) => {
        const list = (entries: readonly { value: string }[]) =>
          entries
            .map((e) => e.value)
            .sort()
            .join(',')
        const action = s.notAction ? 'NotAction ' : ''
        const resource = s.notResource ? 'NotResource ' : ''
        return `${s.effect} ${action}${list(s.actions)} | ${resource}${list(s.resources)}${s.condition ? ' (Condition)' : ''}`
      }),
    )
    const key = p.arn.slice(p.arn.indexOf(':', 'arn:aws:iam::'.length) + 1)
    principals[key] = [...(principals[key] ?? []), ...lines].sort()
  }
  return { principals, problems: found.problems }
}

describe("AWS SAM's translator outputs, read as CloudFormation", () => {
  it("gives each role SAM makes the statements of SAM's output, once each, at SAM's path", async () => {
    const differing: string[] = []
    const explained = new Set<string>()
    let compared = 0
    for (const file of readdirSync(join(DIR, 'input')).sort()) {
      if (REFUSED[file] || OUTPUT_REFUSED.has(file)) continue
      const input = await statementsFound(file, readFileSync(join(DIR, 'input', file), 'utf8'))
      const outputFile = file.replace(/\.yaml$/, '.json')
      const output = await statementsFound(outputFile, readFileSync(join(DIR, 'output', outputFile), 'utf8'))
      // Both refused (a resource without a Type, which CloudFormation refuses too): alike.
      if (input.problems > 0 && output.problems > 0) continue
      if (input.problems + output.problems > 0) {
        differing.push(`${file}: ${input.problems} problems in the input, ${output.problems} in SAM's output`)
        continue
      }
      for (const role of new Set([...Object.keys(input.principals), ...Object.keys(output.principals)])) {
        compared++
        const ours = (input.principals[role] ?? []).join('\n      ')
        const sam = (output.principals[role] ?? []).join('\n      ')
        if (ours === sam) continue
        const key = `${file} ${role}`
        if (KNOWN_STATEMENTS[key]) explained.add(key)
        else differing.push(`${key}\n    here:\n      ${ours}\n    SAM:\n      ${sam}`)
      }
    }
    for (const key of Object.keys(KNOWN_STATEMENTS))
      if (!explained.has(key)) differing.push(`${key} now matches: take it off KNOWN_STATEMENTS`)
    expect(differing).toEqual([])
    expect(compared).toBeGreaterThan(700)
  }, 60_000)
})
