// AWS SAM connectors (`AWS::Serverless::Connector`, and a resource's `Connectors`): what a connector
// between two resource types puts in a role's policy, from SAM's own connector profiles
// (samtranslator/model/connector_profiles/profiles.json, compiled from data/sam). How SAM finds the two
// ends and their roles is samtranslator/model/connector/connector.py; discover.ts follows it.
import {
  SAM_CONNECTOR_PAIRS,
  SAM_CONNECTOR_POLICIES,
  SAM_CONNECTOR_RESOURCES,
} from '../../catalog/sam-policy-templates.generated.js'

/** The CloudFormation type SAM turns a SAM resource into, which is what a connector joins. */
export function connectorType(type: string): string {
  return SAM_TO_CFN[type] ?? type
}

const SAM_TO_CFN: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': 'AWS::Lambda::Function',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
}

/**
 * What a connector knows of a resource of the template by its logical id: its `Arn` (and `Name`,
 * `Url`, …) as intrinsic functions of it, as SAM's profiles write them.
 */
export function connectorOutputs(type: string, logicalId: string): Record<string, unknown> {
  const outputs = SAM_CONNECTOR_RESOURCES[type]?.Outputs ?? {}
  return profileReplace(outputs, { logicalId }) as Record<string, unknown>
}

/**
 * The property of a resource type that names its role, as SAM's profiles say (`Role`, `RoleArn`,
 * `ServiceRoleArn`); `events-rule` for a rule, whose role is that of the target being connected.
 */
export function connectorRoleProperty(type: string): string | 'events-rule' | undefined {
  const role = SAM_CONNECTOR_RESOURCES[type]?.Inputs?.Role
  if (typeof role === 'string') return role
  return role && typeof role === 'object' ? 'events-rule' : undefined
}

export type ConnectorGrant =
  /** The role's policy: whose role (the source's, or for an event source mapping the destination's). */
  | { readonly kind: 'policy'; readonly sourcePolicy: boolean; readonly statements: unknown[] }
  /** A resource policy (a queue's, a topic's, a function's permission): no role of the template gains. */
  | { readonly kind: 'resource-policy' }
  | { readonly kind: 'error'; readonly message: string }

/**
 * What a connector from `sourceType` to `destinationType` with `permissions` grants, its statements'
 * `%{Source.Arn}`, `%{Destination.Arn}`, … replaced by `ends` (a value that is part of a string becomes
 * an `Fn::Sub` of it, as SAM writes it). The access categories keep the profile's order.
 */
export function connectorGrant(
  sourceType: string,
  destinationType: string,
  permissions: readonly string[],
  ends: Readonly<Record<string, unknown>>,
): ConnectorGrant {
  const categories = SAM_CONNECTOR_PAIRS[sourceType]?.[destinationType]
  if (!categories)
    return {
      kind: 'error',
      message: `Unable to create connector from ${sourceType} to ${destinationType}; it's not supported or the template is invalid.`,
    }
  const unknown = permissions.filter((p) => !categories.includes(p))
  if (permissions.length === 0 || unknown.length > 0)
    return {
      kind: 'error',
      message: `Unsupported 'Permissions' (${permissions.length === 0 ? 'none' : permissions.map((p) => JSON.stringify(p)).join(', ')}) provided for connector from ${sourceType} to ${destinationType}; valid values are: ${categories.join(', ')}.`,
    }
  const profile = SAM_CONNECTOR_POLICIES[sourceType]?.[destinationType]
  if (!profile) return { kind: 'resource-policy' }
  const statements: unknown[] = []
  for (const [category, list] of Object.entries(profile.categories))
    if (permissions.includes(category)) statements.push(...list)
  const missing = variablesIn(statements).find((name) => ends[name] === undefined)
  if (missing !== undefined) return { kind: 'error', message: `${missing} is missing.` }
  return {
    kind: 'policy',
    sourcePolicy: profile.sourcePolicy,
    statements: profileReplace(statements, ends) as unknown[],
  }
}

/** The `%{…}` variables a profile's value uses. */
function variablesIn(value: unknown): string[] {
  return [...new Set([...JSON.stringify(value).matchAll(/%\{([\w.]+)\}/g)].map((m) => m[1] as string))]
}

/**
 * SAM's profile_replace: a string that is exactly `%{X}` becomes X's value; one that holds it among
 * other text, an `Fn::Sub` with X as a variable named without its dots; and any that holds a `${…}`
 * (`arn:${AWS::Partition}:events:…`), an `Fn::Sub` too.
 */
function profileReplace(value: unknown, replacements: Readonly<Record<string, unknown>>): unknown {
  if (Array.isArray(value)) return value.map((v) => profileReplace(v, replacements))
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, profileReplace(v, replacements)]))
  if (typeof value !== 'string') return value
  let text = value
  const variables: Record<string, unknown> = {}
  for (const [name, replacement] of Object.entries(replacements)) {
    const pattern = `%{${name}}`
    if (text === pattern) return replacement
    if (!text.includes(pattern)) continue
    const variable = name.replace(/[^A-Za-z0-9]/g, '')
    text = text.replaceAll(pattern, `\${${variable}}`)
    variables[variable] = replacement
  }
  if (Object.keys(variables).length > 0) return { 'Fn::Sub': [text, variables] }
  return /\$\{.+\}/.test(text) ? { 'Fn::Sub': text } : text
}
