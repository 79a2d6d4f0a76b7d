// The IAM principals a CloudFormation template defines or attaches policies to, with the policies that
// apply to each, positioned at the template's lines: roles, users and groups (their inline Policies,
// ManagedPolicyArns, PermissionsBoundary, a user's Groups), AWS::IAM::Policy and ManagedPolicy with
// their Roles/Users/Groups, and the Role/User/GroupPolicy resources.
import type { ManagedPolicies } from '../../catalog/managed-policies.js'
import { isAwsManagedPolicyArn, notInSnapshot } from '../../catalog/managed-policies.js'
import {
  SAM_POLICY_TEMPLATES,
  SAM_POLICY_TEMPLATES_SOURCE,
} from '../../catalog/sam-policy-templates.generated.js'
import { type JsonNode, type JsonObject, type JsonString, toValue } from '../../policy/json-tree.js'
import { parsePolicy, parsePolicyFully, policyFromTree } from '../../policy/parse-policy.js'
import { movePolicy, placePolicyAt } from '../../policy/place.js'
import { refusedName } from '../../vocabulary/accounts.js'
import { escapeRegExp, linearRegExp } from '../../vocabulary/linear-regexp.js'
import { append, kept } from '../../vocabulary/lists.js'
import { openings, placeholdersOf, replacePlaceholders } from '../../vocabulary/placeholders.js'
import {
  codeAddress,
  constructPath,
  type DocumentSource,
  type EditSite,
  type PolicyDocument,
  type UnresolvedPolicy,
} from '../../vocabulary/policy.js'
import { type Problem, previewList, quote } from '../../vocabulary/problems.js'
import { cloudFormationShape } from '../../vocabulary/reference-shapes.js'
import { suggestName } from '../../vocabulary/suggest-name.js'
import { thousands, trimEndOf } from '../../vocabulary/text.js'
import {
  type DiscoveredPrincipal,
  groupsCheckedAlone,
  type NestedIn,
  PERMISSION_SETS_NOTED_ALONE,
  PERMISSION_SETS_UNREAD,
  type SourceResult,
} from '../policy-source.js'
import { yamlSite } from './edit-site.js'
import {
  Evaluator,
  emptyParameterOf,
  IntrinsicError,
  NO_VALUE,
  partitionOf,
  type StackContext,
  scalarText,
} from './intrinsics.js'
import { entries, fieldOf, positioned, written } from './nodes.js'
import {
  type ConnectorGrant,
  connectorGrant,
  connectorOutputs,
  connectorRoleProperty,
  connectorType,
} from './sam-connectors.js'
import { functionEventStatements, scheduleDeadLetterStatements } from './sam-events.js'
import { hasTemplateKey } from './template.js'

/** The properties that give an AWS::SSO::PermissionSet its permissions. */
const PERMISSION_SET_POLICIES = [
  'InlinePolicy',
  'ManagedPolicies',
  'CustomerManagedPolicyReferences',
  'PermissionsBoundary',
] as const

export interface TemplateOptions {
  readonly parameters: ReadonlyMap<string, string>
  readonly account: string | undefined
  readonly region: string | undefined
  readonly stackName: string | undefined
  readonly managedPolicies: () => Promise<ManagedPolicies>
  /** The template's text, when it is YAML: its policies can then be edited in place. */
  readonly text?: string | undefined
  /** For a nested stack's template: the resource of the template that nests it. */
  readonly nestedIn?: NestedIn | undefined
  /**
   * A stack of a CDK cloud assembly. CDK synthesizes a stack with no resources (an integ test's assertion
   * stack, a stage's empty stack) as a template without Resources, and skips it on deploy: nothing to read.
   */
  readonly synthesized?: boolean | undefined
  /**
   * Caught by a glob of `template:` rather than named: a file with nothing of a template (another YAML
   * file a `**` glob reaches: a workflow, this config) is passed over with a notice, not an error.
   */
  readonly searched?: boolean | undefined
}

type Kind = 'role' | 'user' | 'group'

const PRINCIPAL_TYPES: Record<string, { kind: Kind; name: string }> = {
  'AWS::IAM::Role': { kind: 'role', name: 'RoleName' },
  'AWS::IAM::User': { kind: 'user', name: 'UserName' },
  'AWS::IAM::Group': { kind: 'group', name: 'GroupName' },
}

interface Resource {
  readonly id: string
  readonly type: string
  readonly at: JsonNode
  readonly properties: JsonObject | undefined
  readonly condition: string | undefined
  /** `Metadata['aws:cdk:path']`: where AWS CDK synthesized it from. */
  readonly cdkPath?: string | undefined
  /** `Metadata['aws:asset:path']`: the file of a CDK nested stack's template, beside this one. */
  readonly assetPath?: string | undefined
  /** SAM's `Connectors` attribute: connectors from this resource. */
  readonly connectors?: JsonNode | undefined
}

/**
 * A stack this template nests (AWS::CloudFormation::Stack, AWS::Serverless::Application): where its
 * template is, as written (a path relative to this template's directory) or why it is not a file here,
 * and the parameter values this template gives it.
 */
export interface NestedStack {
  readonly logicalId: string
  readonly line: number
  readonly column: number
  /** A path as written; else why the template is not a file here, and its URL when it has one. */
  readonly location: { readonly path: string } | { readonly elsewhere: string; readonly url?: string }
  readonly parameters: ReadonlyMap<string, string>
}

/** What discoverFromTemplate finds: the source's result and the stacks the template nests. */
export interface TemplateResult extends SourceResult {
  readonly nested: readonly NestedStack[]
  /**
   * For a file a glob caught that is no template, the note that says so, apart from its other notes:
   * the source says it of several such files at once (passedOverNotes).
   */
  readonly passedOver?: Problem
}

interface Draft {
  readonly kind: Kind
  readonly resource: Resource | undefined
  readonly name: string
  readonly arn: string
  readonly at: JsonNode
  readonly documents: PolicyDocument[]
  readonly unresolved: UnresolvedPolicy[]
  boundary: PolicyDocument | null
  readonly groups: Set<Draft>
}

/**
 * What a tool wrote instead of a template, told by its top-level keys: the AWS CLI's `get-template`
 * (the template inside, under TemplateBody: refused, since the run would pass having read nothing of
 * it), a stack's parameter values, or a CDK cloud assembly's other files (passed over when a glob
 * caught them beside the templates).
 */
function outputNotTemplate(
  top: ReadonlyMap<string, JsonNode>,
): { what: string; advice: string; refused: boolean } | undefined {
  if (top.has('TemplateBody') && !top.has('Resources') && !top.has('StackName'))
    return {
      refused: true,
      what: 'the output of "aws cloudformation get-template", not a template: the template is its TemplateBody',
      advice:
        'Save that alone: add --query TemplateBody (with --output json for a JSON template, --output text for a YAML one)',
    }
  if (top.has('service') && top.has('provider') && !top.has('Resources'))
    return {
      refused: false,
      what: 'a Serverless Framework service (serverless.yml: service:, provider:), not a template',
      advice:
        "The Serverless Framework writes its stack's template when it packages: run `serverless package` before " +
        'this step, and name what it writes with template: (.serverless/cloudformation-template-update-stack.json)',
    }
  const parameters = stackParameters(top)
  if (parameters)
    return {
      refused: false,
      what: `${parameters}, not a template`,
      advice:
        'To check the template with these values, give them to its cloudformation: entry as parameters: { Name: value }',
    }
  // A cloud assembly's files have a version string ("41.0.0", "tree-0.1"); a CodeBuild buildspec has a
  // `version: 0.2` and `artifacts` too, and its `phases`.
  if (top.get('version')?.type !== 'string' || top.has('Resources') || top.has('phases')) return undefined
  const which = top.has('artifacts')
    ? 'manifest'
    : top.has('files') || top.has('dockerImages')
      ? 'asset manifest'
      : top.has('tree')
        ? 'construct tree'
        : undefined
  if (!which) return undefined
  return {
    refused: false,
    what: `a CDK cloud assembly's ${which}, not a template`,
    advice: "To read the assembly's stacks, name its directory with cdk-out: (cdk-out: cdk.out)",
  }
}

/** The keys of CodePipeline's template configuration file. */
const TEMPLATE_CONFIGURATION_KEYS: ReadonlySet<string> = new Set(['Parameters', 'Tags', 'StackPolicy'])

/**
 * What a file of a stack's parameter values is, when it is one: the AWS CLI's (`Parameters` a list of
 * ParameterKey / ParameterValue, alone or in a `--cli-input-json` file), or CodePipeline's template
 * configuration (`Parameters`, `Tags` and `StackPolicy`, each parameter a value). Both sit beside the
 * templates they are for, where a glob of the templates catches them, and both have a template's key
 * `Parameters` but no `Resources`.
 */
function stackParameters(top: ReadonlyMap<string, JsonNode>): string | undefined {
  const parameters = top.get('Parameters')
  if (parameters === undefined || top.has('Resources')) return undefined
  if (
    parameters.type === 'array' &&
    parameters.items.some((p) => p.type === 'object' && entries(p).has('ParameterKey'))
  )
    return 'a list of stack parameters (ParameterKey, ParameterValue) for the AWS CLI'
  if (
    parameters.type === 'object' &&
    [...top.keys()].every((key) => TEMPLATE_CONFIGURATION_KEYS.has(key)) &&
    parameters.values.every((v) => v.type !== 'object' && v.type !== 'array')
  )
    return "a template configuration file (Parameters, Tags, StackPolicy) of CodePipeline's CloudFormation action"
  return undefined
}

/** Every principal of one template, or the problems that stop it from being read. */
export async function discoverFromTemplate(
  file: string,
  root: JsonNode,
  options: TemplateOptions,
): Promise<TemplateResult> {
  const problems: Problem[] = []
  let fail = (node: JsonNode, message: string) =>
    problems.push({ file, line: node.line, column: node.column, message })
  const wrapper = root.type === 'object' ? outputNotTemplate(entries(root)) : undefined
  // Refused when named by its path, or when it is get-template's output (read, it would pass as nothing).
  if (wrapper && (wrapper.refused || !options.searched)) {
    fail(root, `${wrapper.what}. ${wrapper.advice}`)
    return { principals: [], problems, nested: [] }
  }
  if (options.searched && (wrapper || !hasTemplateKey(root))) {
    const note = {
      file,
      line: root.line,
      message: wrapper
        ? `${wrapper.what}: passed over, the template: glob matches it. ${wrapper.advice}`
        : `not a CloudFormation template (none of its top-level keys: Resources, AWSTemplateFormatVersion, Transform, …): passed over; the template: glob matches it (${quote(`!${file}`)} after it leaves it out)`,
    }
    return wrapper
      ? { principals: [], problems, nested: [], notes: [note] }
      : { principals: [], problems, nested: [], passedOver: note }
  }
  if (root.type !== 'object') {
    fail(root, 'not a CloudFormation template: expected a mapping with Resources')
    return { principals: [], problems, nested: [] }
  }
  const top = entries(root)
  const transform = top.get('Transform')
  const notRead = transformsNotRead(transform)
  const notes: Problem[] = []
  if (transform && notRead.length > 0) {
    // What such a transform makes may be what the template names, or what makes it valid.
    const hint = `; the template's Transform ${notRead.join(', ')} may change that when CloudFormation deploys the stack: ${PROCESSED}`
    const failed = fail
    fail = (node, message) => failed(node, `${message}${hint}`)
    notes.push({
      file,
      line: transform.line,
      column: transform.column,
      message:
        `Transform: ${notRead.join(', ')} ${notRead.length === 1 ? 'is' : 'are'} not run here: CloudFormation runs ` +
        `${notRead.length === 1 ? 'it' : 'them'} when it deploys the stack, so the template is checked as written, and what ` +
        `${notRead.length === 1 ? 'it adds or changes' : 'they add or change'} is not; ${PROCESSED}`,
    })
  }
  const resourcesNode = top.get('Resources')
  if (resourcesNode === undefined && options.synthesized) return { principals: [], problems, nested: [] }
  if (resourcesNode?.type !== 'object') {
    fail(
      resourcesNode ?? root,
      resourcesNode
        ? `not a CloudFormation template: its Resources is ${resourcesNode.type === 'null' ? 'empty' : 'not a mapping'}; expected each resource under its logical ID`
        : 'not a CloudFormation template: it has no Resources mapping',
    )
    return { principals: [], problems, nested: [] }
  }
  const resources = new Map<string, Resource>()
  const context = templateContext(top, options)
  let expanded: { keys: JsonString[]; values: JsonNode[] }
  const skipped: Problem[] = []
  /** The logical ids of the loops not expanded, as patterns (`Topic${Name}`: `Topic` and any text). */
  const unexpanded: RegExp[] = []
  try {
    expanded = expandForEach(resourcesNode, new Evaluator(context), context.parameters, (key, why, made) => {
      unexpanded.push(...made.ids.map(loopIdPattern))
      skipped.push({
        file,
        line: key.line,
        column: key.column,
        message: `Resources: ${key.value} was not expanded: ${why}; it makes no IAM resource (${made.types.join(', ')}), so no principal or policy is missed`,
      })
    })
  } catch (error) {
    if (!(error instanceof IntrinsicError)) throw error
    fail(error.node, `Resources: ${error.message}`)
    return { principals: [], problems, nested: [] }
  }
  let included = false
  expanded.keys.forEach((key, i) => {
    const node = expanded.values[i] as JsonNode
    const fields = node.type === 'object' ? entries(node) : undefined
    // Resources a transform writes when the stack is deployed (AWS::Include of a snippet in S3).
    if (key.value === 'Fn::Transform') {
      included = true
      notes.push({
        file,
        line: key.line,
        column: key.column,
        message: `Resources: the resources Fn::Transform${transformNamed(node)} adds are not read here: CloudFormation runs it when it deploys the stack, so they are not checked; ${PROCESSED}`,
      })
      return
    }
    const type = fields?.get('Type')
    if (type?.type !== 'string') {
      // `"Type": {"Rain::Module": "…"}`: what `!Rain::Module` is in a JSON template.
      const rain = type?.type === 'object' ? type.keys.find((k) => k.value.startsWith('Rain::')) : undefined
      fail(
        type ?? node,
        `Resources.${key.value}: ${
          rain
            ? `its Type is ${rain.value}, a directive of the Rain tool, not CloudFormation: point template: at what \`rain pkg\` writes`
            : type
              ? 'its Type must be a resource type name, such as AWS::IAM::Role'
              : 'expected a mapping with a Type'
        }`,
      )
      return
    }
    const properties = fields?.get('Properties')
    // A list or a text as Properties: CloudFormation refuses the template, and nothing of it could be read.
    if (properties && properties.type !== 'object' && properties.type !== 'null') {
      fail(properties, `Resources.${key.value}.Properties: expected a mapping of the resource's properties`)
      return
    }
    const condition = fields?.get('Condition')
    const metadata = fields?.get('Metadata')
    const cdkPath = metadata?.type === 'object' ? fieldOf(metadata, 'aws:cdk:path') : undefined
    const assetPath = metadata?.type === 'object' ? fieldOf(metadata, 'aws:asset:path') : undefined
    resources.set(key.value, {
      id: key.value,
      type: type.value,
      at: key,
      properties: properties?.type === 'object' ? properties : undefined,
      condition: condition?.type === 'string' ? condition.value : undefined,
      cdkPath: cdkPath?.type === 'string' ? cdkPath.value : undefined,
      assetPath: assetPath?.type === 'string' ? assetPath.value : undefined,
      connectors: fields?.get('Connectors'),
    })
  })
  // What a transform not applied here makes, or a loop not expanded, the template may name.
  const elsewhere = (id: string) =>
    notRead.length > 0 || included || unexpanded.some((pattern) => pattern.test(id))
  const template = new Template(file, resources, top, context, options, fail, elsewhere)
  await template.collect()
  const nested = template.nestedStacks()
  return {
    principals: problems.length > 0 ? [] : template.principals(),
    problems,
    notes: [...notes, ...skipped, ...template.notes()],
    nested: problems.length > 0 ? [] : nested,
  }
}

class Template {
  private readonly evaluator: Evaluator
  private readonly drafts = new Map<string, Draft>()
  /** The first draft of each kind and name or ARN (`role\u0000app`), for byName. */
  private readonly draftsByName = new Map<string, Draft>()
  /** The first principal resource of each kind and name as `Ref` gives it, for byName; made once. */
  private resourcesByRef: Map<string, Resource> | undefined
  private readonly names = new Map<string, string>()
  private readonly naming = new Set<string>()
  /** The documents of the template's policy resources, by logical id, as read. */
  private readonly policies = new Map<string, PolicyDocument | string | undefined>()
  /** The managed policies no role, user or group of the template has, each a principal of its own. */
  private readonly alone: { resource: Resource; arn: string; policy: PolicyDocument | string }[] = []
  private readonly partition: string
  private managedPolicies: { byArn: Map<string, Resource>; error?: IntrinsicError } | undefined
  /** The implicit APIs SAM makes, found on first use. */
  private implicit: ReadonlyMap<string, string> | undefined
  /** The template's lines, for its documents written as strings. */
  private lines: readonly string[] | undefined
  /** Where an empty Default was read as a value not known here, in a document or a name: by line:column. */
  private readonly emptyDefaultNotes = new Map<string, Problem>()
  /** The `Policies` of SAM functions that have a `Role` of their own, which SAM does not attach. */
  private readonly ignoredPolicies: Problem[] = []
  /** The evaluator of documents that are not valid with the empty Defaults (withDefaultsNotGiven). */
  private withoutEmptyDefaults: Evaluator | undefined
  /** The mappings of the resources' properties by where each is written, made on first use (writtenAt). */
  private mappingsByPlace: Map<string, JsonObject> | undefined
  /**
   * How many values withDefaultsNotGiven may still walk for the parameters a document depends on, in
   * all: each document's walk goes through the conditions it names, and a template can make that long.
   */
  private readonly namesBudget = { left: 1_000_000 }

  constructor(
    private readonly file: string,
    private readonly resources: ReadonlyMap<string, Resource>,
    top: ReadonlyMap<string, JsonNode>,
    base: StackContext,
    private readonly options: TemplateOptions,
    private readonly fail: (node: JsonNode, message: string) => void,
    /**
     * Whether a resource of this logical id may be made where this reading does not see: by a transform
     * not applied here, or by a Fn::ForEach whose values are not known here.
     */
    private readonly elsewhere: (logicalId: string) => boolean,
  ) {
    this.partition = partitionOf(options.region)
    // What the template alone says, and what its resources' names and ARNs are.
    this.context = {
      ...base,
      refOf: (id) => this.refOf(id),
      attributeOf: (id, attribute) => this.attributeOf(id, attribute),
      isResource: (id) => this.resources.has(id) || this.madeUnwritten(id),
    }
    this.evaluator = new Evaluator(this.context)
    this.outputs = top.get('Outputs')
    this.globals = globalsOf(top.get('Globals'), 'Function')
    this.providerGlobals = globalsOf(top.get('Globals'), 'CapacityProvider')
  }

  private readonly context: StackContext
  /** The template's `Outputs`: what it exports, another template may import. */
  private readonly outputs: JsonNode | undefined
  /** `Globals.Function` of a SAM template: defaults of every AWS::Serverless::Function. */
  private readonly globals: ReadonlyMap<string, JsonNode>
  /** `Globals.CapacityProvider`: defaults of every AWS::Serverless::CapacityProvider. */
  private readonly providerGlobals: ReadonlyMap<string, JsonNode>

  /** The ARN of an IAM entity of this stack's account (a placeholder when the config gives none). */
  private iamArn(kind: Kind | 'policy', path: string, name: string): string {
    return `arn:${this.partition}:iam::${this.options.account ?? '${AWS::AccountId}'}:${kind}${path}${name}`
  }

  /** What `Ref` gives for a resource: its name when the template fixes it, else a placeholder. */
  private refOf(id: string): string | undefined {
    const r = this.resources.get(id)
    // The role SAM makes for a function without Role: (`<FunctionId>Role`), named by CloudFormation, the
    // other resources SAM makes, and what a transform or loop not read here may make: placeholders, as
    // the template's own resources are.
    if (!r) return this.madeUnwritten(id) ? `\${${id}}` : undefined
    const principal = PRINCIPAL_TYPES[r.type]
    if (principal) return this.nameOf(r, principal.name) ?? `\${${id}}`
    if (r.type === 'AWS::IAM::ManagedPolicy') {
      const name = this.nameOf(r, 'ManagedPolicyName')
      return name ? this.iamArn('policy', this.pathOf(r), name) : `\${${id}}`
    }
    return `\${${id}}`
  }

  /**
   * Whether the stack may have a resource of this id that the template does not write: one SAM makes, or
   * one a transform not applied here or a loop not expanded may make.
   */
  private madeUnwritten(id: string): boolean {
    return this.samGenerates(id) || this.elsewhere(id)
  }

  /**
   * Whether SAM makes a resource of this logical id, which the template may then name
   * (sam-specification-generated-resources): a function's role, the implicit APIs `ServerlessRestApi`
   * and `ServerlessHttpApi` (with their stages and deployments) when an event needs them, the CodeDeploy
   * application and role of gradual deployments (deploysGradually), and `<Id><Suffix>` for a SAM
   * resource `<Id>` (`MyFunctionAliaslive`, `MyApiProdStage`,
   * `MyApiDeployment926eeb5ff1`: some suffixes are hashes, so the suffix is not checked).
   */
  private samGenerates(id: string): boolean {
    if (this.implicitRoleOf(id)) return true
    if (GRADUAL_DEPLOYMENT_IDS.has(id) && this.deploysGradually()) return true
    for (const api of this.implicitApis().keys()) if (id.startsWith(api)) return true
    // Each shorter prefix looked up: a lookup per character, not a pass over the resources per Ref.
    for (let end = id.length - 1; end > 0; end--)
      if (this.resources.get(id.slice(0, end))?.type.startsWith('AWS::Serverless::')) return true
    return false
  }

  /**
   * The APIs SAM makes for events that name none, by logical id, with their type: `ServerlessRestApi`
   * for an `Api` event without RestApiId, `ServerlessHttpApi` for an `HttpApi` event without ApiId.
   */
  private implicitApis(): ReadonlyMap<string, string> {
    if (this.implicit) return this.implicit
    const apis = new Map<string, string>()
    for (const r of this.resources.values()) {
      if (!SAM_ROLE_TYPES.has(r.type) || !r.properties) continue
      const events = fieldOf(r.properties, 'Events')
      for (const event of events?.type === 'object' ? events.values : []) {
        const type = event.type === 'object' ? fieldOf(event, 'Type') : undefined
        const properties = event.type === 'object' ? fieldOf(event, 'Properties') : undefined
        const named = (key: string) => properties?.type === 'object' && fieldOf(properties, key) !== undefined
        if (type?.type !== 'string') continue
        if (type.value === 'Api' && !named('RestApiId'))
          apis.set('ServerlessRestApi', 'AWS::ApiGateway::RestApi')
        if (type.value === 'HttpApi' && !named('ApiId'))
          apis.set('ServerlessHttpApi', 'AWS::ApiGatewayV2::Api')
      }
    }
    this.implicit = apis
    return apis
  }

  /**
   * Whether a function of the template deploys gradually (a DeploymentPreference of its own or in
   * Globals): SAM then makes the stack's CodeDeploy application, `ServerlessDeploymentApplication`, and
   * its service role, `CodeDeployServiceRole` (deployment_preference_collection.py), which the hooks'
   * policies name (`deploymentgroup:${ServerlessDeploymentApplication}/*`).
   */
  private deploysGradually(): boolean {
    this.gradual ??= [...this.resources.values()].some(
      (r) =>
        r.type === 'AWS::Serverless::Function' &&
        (this.globals.has('DeploymentPreference') ||
          (r.properties !== undefined && fieldOf(r.properties, 'DeploymentPreference') !== undefined)),
    )
    return this.gradual
  }
  private gradual: boolean | undefined

  /** The function whose implicit role has this logical id, if any. */
  private implicitRoleOf(id: string): Resource | undefined {
    const fn = id.endsWith('Role') ? this.resources.get(id.slice(0, -'Role'.length)) : undefined
    return fn && SAM_ROLE_TYPES.has(fn.type) ? fn : undefined
  }

  private attributeOf(id: string, attribute: string): string | undefined {
    const r = this.resources.get(id)
    // A managed policy's PolicyArn is what its Ref gives: `!GetAtt P.PolicyArn` names the same policy.
    if (r?.type === 'AWS::IAM::ManagedPolicy' && attribute === 'PolicyArn') return this.refOf(id)
    const principal = r && PRINCIPAL_TYPES[r.type]
    if (!r || !principal || attribute !== 'Arn') return undefined
    const name = this.nameOf(r, principal.name)
    return name ? this.iamArn(principal.kind, this.pathOf(r), name) : undefined
  }

  /** The name property of a resource, evaluated once; undefined when not set (CloudFormation makes one). */
  private nameOf(r: Resource, property: string): string | undefined {
    const key = `${r.id}.${property}`
    const known = this.names.get(key)
    if (known !== undefined) return known
    const node = r.properties && fieldOf(r.properties, property)
    if (!node) return undefined
    if (this.naming.has(key)) throw new IntrinsicError(`its ${property} depends on itself`, node)
    this.naming.add(key)
    let name = this.evaluator.string(node)
    this.naming.delete(key)
    if (name === '') {
      // IAM names have at least one character, and CloudFormation checks it before creating anything.
      const parameter = logicalIdOf(node)
      // An empty Default: the stack is made with another value, one not known here.
      if (parameter !== undefined && this.emptyByDefault(parameter)) {
        this.readAsPlaceholder(parameter, node)
        name = `\${${parameter}}`
      } else
        throw new IntrinsicError(
          `its ${property} is empty, which CloudFormation refuses; give a name, or leave ${property} out and CloudFormation names it` +
            (parameter !== undefined && this.context.parameters.has(parameter)
              ? ` (the value of the parameter ${parameter} here: give it under parameters:)`
              : ''),
          node,
        )
    }
    if (name !== undefined) this.names.set(key, name)
    return name
  }

  private pathOf(r: Resource): string {
    const node = r.properties && fieldOf(r.properties, 'Path')
    return (node && this.evaluator.string(node)) ?? '/'
  }

  async collect(): Promise<void> {
    // A resource that fails here is reported once, not again by the second pass.
    const failed = new Set<Resource>()
    for (const r of this.resources.values()) {
      try {
        if (!this.included(r)) continue
        const principal = PRINCIPAL_TYPES[r.type]
        if (principal) this.principal(r, principal.kind, principal.name)
      } catch (error) {
        this.report(r, error)
        failed.add(r)
      }
    }
    for (const r of this.resources.values()) {
      if (failed.has(r)) continue
      try {
        if (!this.included(r)) continue
        await this.attachments(r)
        await this.embeddedConnectors(r)
      } catch (error) {
        this.report(r, error)
        failed.add(r)
      }
    }
    for (const r of this.resources.values()) {
      if (r.type !== 'AWS::IAM::ManagedPolicy' || this.policies.has(r.id) || failed.has(r)) continue
      try {
        if (this.included(r)) this.checkAlone(r)
      } catch (error) {
        this.report(r, error)
      }
    }
  }

  /**
   * A managed policy no role, user or group of the template has (nor names by ARN): another stack
   * attaches it (through an export), or someone by hand. It grants what it says to whoever has it, so it
   * is checked as a principal of its own, `arn:…:policy/<name>`, rather than skipped.
   */
  private checkAlone(r: Resource): void {
    const document = r.properties && fieldOf(r.properties, 'PolicyDocument')
    // Without a document, its problem is reported already.
    if (!document) return
    const arn = this.iamArn('policy', this.pathOf(r), this.nameOf(r, 'ManagedPolicyName') ?? `\${${r.id}}`)
    const policy = this.policyResource(r, document)
    if (policy !== undefined) this.alone.push({ resource: r, arn, policy })
  }

  private report(r: Resource, error: unknown): void {
    if (!(error instanceof IntrinsicError)) throw error
    this.fail(error.node, `Resources.${r.id}: ${error.message}`)
  }

  /** Whether a resource is in the stack: its Condition holds, or cannot be decided (then it is kept). */
  private included(r: Resource): boolean {
    return r.condition === undefined || this.evaluator.condition(r.condition, r.at) !== false
  }

  private principal(r: Resource, kind: Kind, nameProperty: string): Draft {
    const existing = this.drafts.get(r.id)
    if (existing) return existing
    const name = this.nameOf(r, nameProperty) ?? `\${${r.id}}`
    const draft: Draft = {
      kind,
      resource: r,
      name,
      arn: this.iamArn(kind, this.pathOf(r), name),
      at: r.at,
      documents: [],
      unresolved: [],
      boundary: null,
      groups: new Set(),
    }
    this.drafts.set(r.id, draft)
    this.named(draft)
    return draft
  }

  private named(draft: Draft): void {
    for (const name of [draft.name, draft.arn]) {
      const key = `${draft.kind}\u0000${name}`
      if (!this.draftsByName.has(key)) this.draftsByName.set(key, draft)
    }
  }

  /** A principal the template does not define, named by a policy that attaches to it. */
  private outside(kind: Kind, name: string, at: JsonNode): Draft {
    // CloudFormation refuses the template: a sample's `<lambda-role-name>` left in, say.
    if (refusedName(name))
      this.fail(
        at,
        `${JSON.stringify(name)} is not a ${kind} name, which IAM refuses; expected the name of a ${kind} (letters, digits and +=,.@_-), or a Ref of one`,
      )
    const arn = name.startsWith('arn:') ? name : this.iamArn(kind, '/', name)
    const key = `outside ${arn}`
    let draft = this.drafts.get(key)
    if (!draft) {
      draft = {
        kind,
        resource: undefined,
        name,
        arn,
        at,
        documents: [],
        unresolved: [],
        boundary: null,
        groups: new Set(),
      }
      this.drafts.set(key, draft)
      this.named(draft)
    }
    return draft
  }

  /**
   * The principal of a kind that a name (as `Ref` gives it) or an ARN stands for: looked up, not searched
   * for, as a template may name thousands of roles in thousands of policies.
   */
  private byName(kind: Kind, name: string, at: JsonNode): Draft {
    const key = `${kind}\u0000${name}`
    const draft = this.draftsByName.get(key)
    if (draft) return draft
    if (!this.resourcesByRef) {
      this.resourcesByRef = new Map()
      for (const r of this.resources.values()) {
        const principal = PRINCIPAL_TYPES[r.type]
        if (!principal) continue
        let ref: string | undefined
        try {
          ref = this.refOf(r.id)
        } catch (error) {
          // A name that cannot be read is said at its resource, when that is read as a principal.
          if (!(error instanceof IntrinsicError)) throw error
        }
        const at = `${principal.kind}\u0000${ref}`
        if (ref !== undefined && !this.resourcesByRef.has(at)) this.resourcesByRef.set(at, r)
      }
    }
    const r = this.resourcesByRef.get(key)
    const principal = r && PRINCIPAL_TYPES[r.type]
    return r && principal ? this.principal(r, kind, principal.name) : this.outside(kind, name, at)
  }

  /**
   * An entry of a role's, user's or group's Policies with no PolicyDocument: the key that was meant for
   * it when one is near (`PolicyDocument1`, `policyDocument`), else that it has none.
   */
  private missingPolicyDocument(item: JsonNode, at: string): void {
    const expected = 'expected {PolicyName, PolicyDocument}'
    const meant =
      item.type === 'object'
        ? item.keys.find((k) => k.value !== 'PolicyName' && suggestName(k.value, ['PolicyDocument']))
        : undefined
    if (meant)
      this.fail(meant, `${at}: unknown key ${quote(meant.value)}; did you mean "PolicyDocument"? ${expected}`)
    else if (item.type === 'object') this.fail(item, `${at}: it has no PolicyDocument; ${expected}`)
    else this.fail(item, `${at}: ${expected}`)
  }

  private async attachments(r: Resource): Promise<void> {
    if (SAM_ROLE_TYPES.has(r.type)) return this.serverlessRole(r)
    if (r.type === 'AWS::Serverless::GraphQLApi') return this.graphQlApiRoles(r)
    if (r.type === 'AWS::Serverless::CapacityProvider') return this.operatorRole(r)
    if (r.type === 'AWS::Serverless::Connector') {
      const props = r.properties ? entries(r.properties) : new Map<string, JsonNode>()
      return this.connector(r.id, r.at, props, this.sourceOf(r))
    }
    const props = r.properties ? entries(r.properties) : new Map<string, JsonNode>()
    const source = this.sourceOf(r)
    const principal = PRINCIPAL_TYPES[r.type]
    if (principal) {
      const draft = this.principal(r, principal.kind, principal.name)
      for (const [index, item] of this.list(props.get('Policies')).entries()) {
        const fields = item.type === 'object' ? entries(item) : undefined
        const policy = fields?.get('PolicyDocument')
        // An entry a macro writes when the stack is deployed (`Fn::Transform`), or another stack's export.
        const deployed = item.type === 'string' ? this.deployedOnly(item) : undefined
        if (deployed) {
          this.unresolved(draft, item, { ...source, part: `Policies[${index}]` }, deployed)
          continue
        }
        if (!policy) {
          this.missingPolicyDocument(item, `Resources.${r.id}.Policies[${index}]`)
          continue
        }
        const name = fields?.get('PolicyName')
        const part = (name && this.evaluator.string(name)) ?? `Policies[${index}]`
        this.addDocument(draft, policy, { ...source, part }, true)
      }
      for (const arn of this.list(props.get('ManagedPolicyArns'))) await this.attachArn(draft, arn, source)
      const boundary = props.get('PermissionsBoundary')
      if (boundary) draft.boundary = await this.documentOfArn(draft, boundary, source, true)
      if (principal.kind === 'user')
        for (const group of this.list(props.get('Groups'))) {
          const name = this.evaluator.string(group)
          if (name) draft.groups.add(this.byName('group', name, group))
        }
      return
    }
    const targets = (property: string, kind: Kind) =>
      this.list(props.get(property)).flatMap((node) => {
        const name = this.evaluator.string(node)
        return name ? [this.byName(kind, name, node)] : []
      })
    switch (r.type) {
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy': {
        const document = props.get('PolicyDocument')
        if (!document) {
          // Written as a role's inline policies are: the list a role, user or group takes.
          const policies = props.get('Policies')
          this.fail(
            policies ?? r.at,
            policies
              ? `Resources.${r.id}: ${r.type} takes no Policies (a role's, user's or group's property); expected its PolicyDocument as a property of its own, with the Roles, Users or Groups it applies to`
              : `Resources.${r.id}: it has no PolicyDocument; ${r.type} needs one`,
          )
          return
        }
        const drafts = [
          ...targets('Roles', 'role'),
          ...targets('Users', 'user'),
          ...targets('Groups', 'group'),
        ]
        const policy = drafts.length > 0 ? this.policyResource(r, document) : undefined
        for (const draft of drafts) {
          if (typeof policy === 'string') this.unresolved(draft, document, this.sourceOf(r), policy)
          else if (policy) draft.documents.push(policy)
        }
        return
      }
      case 'AWS::IAM::UserToGroupAddition': {
        // Users put in a group: each gets its policies, as a user's own Groups gives them.
        const nameNode = props.get('GroupName')
        const name = nameNode && this.evaluator.string(nameNode)
        if (!nameNode || !name) {
          this.fail(r.at, `Resources.${r.id}: expected a GroupName`)
          return
        }
        const group = this.byName('group', name, nameNode)
        for (const user of targets('Users', 'user')) user.groups.add(group)
        return
      }
      case 'AWS::IAM::RolePolicy':
      case 'AWS::IAM::UserPolicy':
      case 'AWS::IAM::GroupPolicy': {
        const kind = r.type.slice('AWS::IAM::'.length, -'Policy'.length).toLowerCase() as Kind
        const nameNode = props.get(`${kind[0]?.toUpperCase()}${kind.slice(1)}Name`)
        const document = props.get('PolicyDocument')
        const name = nameNode && this.evaluator.string(nameNode)
        if (!nameNode || !name || !document) {
          this.fail(
            r.at,
            `Resources.${r.id}: expected ${kind[0]?.toUpperCase()}${kind.slice(1)}Name and PolicyDocument`,
          )
          return
        }
        this.addDocument(this.byName(kind, name, nameNode), document, source)
        return
      }
    }
  }

  /**
   * A SAM function: with `Role:`, it uses that role (defined or checked elsewhere); without, SAM makes
   * `<Id>Role` with AWSLambdaBasicExecutionRole, the managed policies its settings and event sources
   * need, its PermissionsBoundary, and its `Policies`: documents, AWS managed policy names or ARNs, and
   * SAM policy templates (`S3ReadPolicy: { BucketName: … }`).
   */
  /**
   * The role SAM makes for a function or state machine without `Role:` (`<Id>Role`): what SAM attaches
   * to it, and its `Policies`. A function takes `Globals.Function`; a state machine's role gets X-Ray
   * when its Tracing is enabled, and none of a function's execution policies.
   */
  private async serverlessRole(r: Resource): Promise<void> {
    const isFunction = r.type === 'AWS::Serverless::Function'
    const own = r.properties ? entries(r.properties) : new Map<string, JsonNode>()
    const props = isFunction ? new Map([...this.globals, ...own]) : own
    await this.eventRoles(r, props, isFunction)
    if (isFunction) await this.codeDeployRole(r, props)
    if (this.hasRole(props.get('Role'))) {
      this.policiesBesideRole(r, own)
      return
    }
    const role = this.implicitRole(r)
    const source = this.sourceOf(r)
    const text = (node: JsonNode) => this.evaluator.string(node)
    const implicit = isFunction
      ? implicitManagedPolicies(props, text, this.partition)
      : stateMachinePolicies(props, this.evaluator, this.partition)
    // SAM attaches each managed policy once, whether its settings or its Policies ask for it.
    const attached = new Set<string>()
    for (const name of implicit) {
      const at: JsonNode = { type: 'string', value: name, line: r.at.line, column: r.at.column }
      await this.attachManagedName(role, name, at, { ...source, samImplicit: true }, attached)
    }
    const boundary = props.get('PermissionsBoundary')
    if (boundary) role.boundary = await this.documentOfArn(role, boundary, source, true)
    const deadLetter = isFunction ? props.get('DeadLetterQueue') : undefined
    const deadLetterDocument = deadLetter && deadLetterStatement(deadLetter)
    if (deadLetterDocument) this.addDocument(role, deadLetterDocument, { ...source, part: 'DeadLetterQueue' })
    // What its event sources and invoke destinations need: SAM adds it to the role it makes, only, and
    // a policy two events both need (two Kafka sources' secret) once.
    const eventPolicies = new Set<string>()
    for (const { at, part, statements } of isFunction ? functionEventStatements(r.id, props) : []) {
      const document = positioned({ Version: '2012-10-17', Statement: statements }, at)
      const key = JSON.stringify(toValue(document))
      if (eventPolicies.has(key)) continue
      eventPolicies.add(key)
      this.addDocument(role, document, { ...source, part })
    }
    for (const [index, item] of this.list(props.get('Policies')).entries()) {
      if (item.type === 'string') {
        await this.attachManagedName(role, item.value, item, source, attached)
        continue
      }
      if (item.type !== 'object') {
        this.fail(
          item,
          `Resources.${r.id}.Policies: expected a policy document, a managed policy name or ARN, or a SAM policy template`,
        )
        continue
      }
      if (item.keys.some((k) => k.value === 'Statement')) {
        this.addDocument(role, item, { ...source, part: `Policies[${index}]` }, true)
        continue
      }
      const [key] = item.keys
      const template = key && item.keys.length === 1 ? SAM_POLICY_TEMPLATES[key.value] : undefined
      if (!key || !template) {
        const name = key?.value ?? '?'
        this.unresolved(
          role,
          item,
          { ...source, part: `Policies[${index}]` },
          `${JSON.stringify(name)} is not a SAM policy template (${SAM_POLICY_TEMPLATES_SOURCE} has ${Object.keys(SAM_POLICY_TEMPLATES).length})`,
        )
        continue
      }
      this.addSamTemplate(role, key.value, template, item.values[0] as JsonNode, {
        ...source,
        part: `Policies[${index}]`,
      })
    }
  }

  /**
   * The role SAM makes for a function or state machine that names none: `<Id>Role`, at the resource,
   * with its `RolePath` (a function's from Globals too) as its Path.
   */
  private implicitRole(r: Resource): Draft {
    const own = r.properties && fieldOf(r.properties, 'RolePath')
    const path = own ?? (r.type === 'AWS::Serverless::Function' ? this.globals.get('RolePath') : undefined)
    return this.samRole(`${r.id}Role`, r.at, r.condition, path)
  }

  /**
   * A role SAM makes (CloudFormation names it), by its logical id, at the line that asks for it, in the
   * stack when the resource that makes it is.
   */
  private samRole(id: string, at: JsonNode, condition: string | undefined, path?: JsonNode): Draft {
    const properties = path ? (positioned({ Path: written(path) }, at) as JsonObject) : undefined
    return this.principal({ id, type: 'AWS::IAM::Role', at, properties, condition }, 'role', 'RoleName')
  }

  /** A resource's `Connectors`: each a connector `<Id><Name>` from the resource to its Destination. */
  private async embeddedConnectors(r: Resource): Promise<void> {
    const { connectors } = r
    if (connectors === undefined) return
    if (connectors.type !== 'object') {
      this.fail(connectors, `Resources.${r.id}.Connectors: expected a mapping of connectors by name`)
      return
    }
    for (const [i, key] of connectors.keys.entries()) {
      const value = connectors.values[i] as JsonNode
      const props = value.type === 'object' ? fieldOf(value, 'Properties') : undefined
      if (props?.type !== 'object') {
        this.fail(value, `Resources.${r.id}.Connectors.${key.value}: expected a mapping with Properties`)
        continue
      }
      const fields = entries(props)
      fields.set('Source', positioned({ Id: r.id }, key))
      await this.connector(`${r.id}${key.value}`, key, fields, {
        ...this.sourceOf(r),
        part: `Connectors.${key.value}`,
      })
    }
  }

  /**
   * What an AWS::Serverless::Connector (or an entry of a resource's `Connectors`) grants a role of the
   * template (samtranslator/model/sam_resources.py SamConnector, model/connector/connector.py): for each
   * Destination, the access categories of `Permissions` that SAM's profile for the two resource types
   * puts in a policy of the source's role (or, from an event source, the destination's). Profiles that
   * are resource policies (a queue's, a topic's, a function's permission) grant no role anything. The
   * statements are at `Permissions`, the line to edit; a connector SAM refuses is a problem, as SAM says it.
   */
  private async connector(
    id: string,
    at: JsonNode,
    props: ReadonlyMap<string, JsonNode>,
    source: Extract<DocumentSource, { kind: 'cloudformation' }>,
  ): Promise<void> {
    const fail = (node: JsonNode, message: string) => this.fail(node, `Resources.${id}: ${message}`)
    const from = props.get('Source')
    const to = props.get('Destination')
    const permissions = props.get('Permissions')
    if (!from || !to || !permissions) {
      fail(at, 'a connector needs Source, Destination and Permissions')
      return
    }
    const categories = this.list(permissions).map((node) => this.evaluator.string(node) ?? '')
    const destinations = to.type === 'array' ? to.items : [to]
    for (const [index, destination] of destinations.entries()) {
      const start = this.connectorEnd(from, destination)
      if ('error' in start) return fail(from, start.error)
      const end = this.connectorEnd(destination, from)
      if ('error' in end) return fail(destination, end.error)
      const grant = connectorGrant(start.type, end.type, categories, {
        'Source.Arn': start.arn,
        'Destination.Arn': end.arn,
        'Destination.Name': end.name,
      })
      if (grant.kind === 'error') {
        fail(permissions, grant.message)
        return
      }
      if (grant.kind === 'resource-policy') continue
      const role = grant.sourcePolicy ? start.role : end.role
      if (!role) {
        const side = grant.sourcePolicy ? 'Source' : 'Destination'
        fail(grant.sourcePolicy ? from : destination, `Unable to get IAM role name from '${side}' resource.`)
        return
      }
      const document = positioned({ Version: '2012-10-17', Statement: grant.statements }, permissions)
      const part = destinations.length > 1 ? `Destination[${index}]` : undefined
      this.addDocument(role, document, {
        ...source,
        ...(part && { part: source.part ? `${source.part}.${part}` : part }),
        samConnector: true,
      })
    }
  }

  /**
   * One end of a connector as SAM's get_resource_reference reads it: a resource of the template by
   * `Id` (its type as SAM makes it, its ARN and name as intrinsic functions of it, its role), or `Type`
   * with `Arn`, `Name` and `RoleName` as given. `connecting` is the other end (an events rule's role is
   * that of its target there).
   */
  private connectorEnd(
    node: JsonNode,
    connecting: JsonNode,
  ): { type: string; arn: unknown; name: unknown; role: Draft | undefined } | { error: string } {
    const fields = node.type === 'object' ? entries(node) : undefined
    if (!fields) return { error: "expected a mapping with 'Id', or 'Type' and 'Arn'" }
    const idNode = fields.get('Id')
    const others = [...fields.keys()].filter((k) => k !== 'Id' && k !== 'Qualifier')
    if ((idNode !== undefined) === others.length > 0)
      return {
        error:
          "Must provide 'Id' (with optional 'Qualifier') or a supported combination of other properties.",
      }
    if (!idNode) {
      const type = fields.get('Type')
      const typeName = type && this.evaluator.string(type)
      if (!typeName) return { error: "'Type' is missing or not a string." }
      const arn = fields.get('Arn')
      const name = fields.get('Name')
      const roleNode = fields.get('RoleName')
      const roleName = roleNode && this.evaluator.string(roleNode)
      return {
        type: connectorType(typeName),
        arn: arn && written(arn),
        name: name && written(name),
        role: roleNode && roleName ? this.byName('role', roleName, roleNode) : undefined,
      }
    }
    const id = idNode.type === 'string' ? idNode.value : undefined
    const implicitApi = id === undefined ? undefined : this.implicitApis().get(id)
    const r =
      id === undefined
        ? undefined
        : (this.resources.get(id) ??
          (implicitApi
            ? { id, type: implicitApi, at: idNode, properties: undefined, condition: undefined }
            : undefined))
    if (!r) return { error: `Unable to find resource with logical ID '${id ?? scalarText(idNode) ?? '?'}'.` }
    const type = connectorType(r.type)
    const outputs = connectorOutputs(type, r.id)
    return { type, arn: outputs.Arn, name: outputs.Name, role: this.connectorRole(r, type, connecting) }
  }

  /** The role of a connector's end, as SAM finds it: the role a function or state machine runs as. */
  private connectorRole(r: Resource, type: string, connecting: JsonNode): Draft | undefined {
    const props = r.properties ? entries(r.properties) : new Map<string, JsonNode>()
    if (SAM_ROLE_TYPES.has(r.type)) {
      const role =
        props.get('Role') ?? (r.type === 'AWS::Serverless::Function' ? this.globals.get('Role') : undefined)
      return this.hasRole(role) ? this.roleOfNode(role) : this.implicitRole(r)
    }
    const property = connectorRoleProperty(type)
    if (property !== 'events-rule') return property ? this.roleOfNode(props.get(property)) : undefined
    // An events rule: the role of its target that is the other end (by logical id, or the same ARN).
    const other = connecting.type === 'object' ? entries(connecting) : undefined
    const otherId = other?.get('Id')
    const otherArn = other?.get('Arn')
    // As written, not evaluated: the target's Arn and RoleArn name resources by Ref and Fn::GetAtt.
    const targets = props.get('Targets')
    for (const target of targets?.type === 'array' ? targets.items : []) {
      const arn = target.type === 'object' ? fieldOf(target, 'Arn') : undefined
      if (!arn || target.type !== 'object') continue
      const sameId = otherId?.type === 'string' && logicalIdOf(arn) === otherId.value
      const sameArn = otherArn !== undefined && this.evaluator.string(otherArn) === this.evaluator.string(arn)
      if (sameId || sameArn) return this.roleOfNode(fieldOf(target, 'RoleArn'))
    }
    return undefined
  }

  /** The role of the template a `Ref` or `Fn::GetAtt` of it names (one SAM makes included); else none. */
  private roleOfNode(node: JsonNode | undefined): Draft | undefined {
    const id = node && logicalIdOf(node)
    if (!id) return undefined
    const r = this.resources.get(id)
    if (r && PRINCIPAL_TYPES[r.type]?.kind === 'role') return this.principal(r, 'role', 'RoleName')
    const fn = this.implicitRoleOf(id)
    if (fn) return this.implicitRole(fn)
    if (r) return undefined
    // SAM names the role `Ref` of the id, whatever it is: a parameter's value is the role's name (or
    // ARN), and an id that is neither a parameter nor a resource is refused as CloudFormation refuses it.
    const name = this.evaluator.string(positioned({ Ref: id }, node))
    return name ? this.byName('role', name, node) : undefined
  }

  /**
   * `Policies` beside a `Role` of the resource's own: SAM puts Policies only in the role it makes, so a
   * function's are not attached to anything (samtranslator/model/sam_resources.py), which a notice says
   * where a person reads them as granted; a state machine with both SAM refuses
   * (model/stepfunctions/generators.py), and so a problem, as SAM words it.
   */
  private policiesBesideRole(r: Resource, own: ReadonlyMap<string, JsonNode>): void {
    const policies = own.get('Policies')
    if (!policies || (policies.type === 'array' && policies.items.length === 0)) return
    if (r.type === 'AWS::Serverless::StateMachine') {
      this.fail(
        policies,
        `Resources.${r.id}: AWS SAM refuses a state machine with both Role and Policies: give one`,
      )
      return
    }
    this.ignoredPolicies.push({
      file: this.file,
      line: policies.line,
      column: policies.column,
      message:
        `Resources.${r.id}: its Policies grant nothing: the function has a Role of its own, and AWS SAM puts ` +
        'Policies only in the role it makes; grant them in that Role instead, or leave Role out',
    })
  }

  /**
   * Whether a SAM resource's `Role:` names a role. SAM makes one when it does not: no Role, or one that
   * evaluates to AWS::NoValue — and when an undecided Fn::If may (both branches are then kept).
   */
  private hasRole(node: JsonNode | undefined): boolean {
    if (!node) return false
    const value = this.evaluator.evaluate(node)
    // A role is one ARN: a list here is an undecided Fn::If's two branches, one of them no role.
    return value !== NO_VALUE && value.type !== 'array'
  }

  /**
   * The roles SAM makes for events that need one to reach their target: a state machine's Api, Schedule
   * and ScheduleV2 (without RoleArn), CloudWatchEvent and EventBridgeRule events
   * (samtranslator/model/stepfunctions/events.py) — `states:StartExecution` on it — and a function's
   * ScheduleV2 events without RoleArn (eventsources/scheduler.py) — `lambda:InvokeFunction` on it. Each is
   * `<Id><Event>Role`, at the event's line, with the resource's PermissionsBoundary.
   */
  private async eventRoles(
    r: Resource,
    props: ReadonlyMap<string, JsonNode>,
    isFunction: boolean,
  ): Promise<void> {
    const events = props.get('Events')
    if (events?.type !== 'object') return
    const boundary = props.get('PermissionsBoundary')
    const alias = this.eventTargetAlias(r, props, isFunction)
    const target = alias ? { Ref: alias } : isFunction ? { 'Fn::GetAtt': [r.id, 'Arn'] } : { Ref: r.id }
    for (const [i, key] of events.keys.entries()) {
      const event = events.values[i] as JsonNode
      const fields = event.type === 'object' ? entries(event) : undefined
      const type = fields?.get('Type')
      const properties = fields?.get('Properties')
      const kind = type?.type === 'string' ? type.value : ''
      if (!(isFunction ? kind === 'ScheduleV2' : EVENT_ROLES.has(kind))) continue
      // A schedule given a RoleArn uses that role.
      if (kind.startsWith('Schedule') && properties?.type === 'object' && fieldOf(properties, 'RoleArn'))
        continue
      const role = this.samRole(`${r.id}${key.value}Role`, key, r.condition)
      const action = isFunction ? 'lambda:InvokeFunction' : 'states:StartExecution'
      const statement = { Effect: 'Allow', Action: action, Resource: target }
      // A scheduler's dead-letter queue is sent to by its role (an events rule's, by the queue's policy).
      const deadLetter =
        kind === 'ScheduleV2' ? scheduleDeadLetterStatements(`${r.id}${key.value}`, properties) : []
      const document = positioned({ Version: '2012-10-17', Statement: [statement, ...deadLetter] }, key)
      const source = { ...this.sourceOf(r), part: `Events.${key.value}` }
      this.addDocument(role, document, source)
      if (boundary) role.boundary = await this.documentOfArn(role, boundary, source, true)
    }
  }

  /**
   * The alias SAM points a function's or state machine's events at, by logical id: a function's
   * AutoPublishAlias (`<Id>Alias<Name>`, hyphens and underscores as D and U) takes every event; a state
   * machine's only with UseAliasAsEventTarget (samtranslator sam_resources.py, stepfunctions/generators.py).
   */
  private eventTargetAlias(
    r: Resource,
    props: ReadonlyMap<string, JsonNode>,
    isFunction: boolean,
  ): string | undefined {
    const node = props.get('AutoPublishAlias')
    const name = node && this.evaluator.string(node)
    if (!name || name.includes('${')) return undefined
    if (isFunction) return `${r.id}Alias${name.replaceAll('-', 'D').replaceAll('_', 'U')}`
    const use = props.get('UseAliasAsEventTarget')
    return use && flagOf(this.evaluator.evaluate(use)) ? `${r.id}Alias${name}` : undefined
  }

  /**
   * The roles SAM makes for an AWS::Serverless::GraphQLApi (samtranslator/model/sam_resources.py,
   * SamGraphQLApi): `<Id>CloudWatchRole` for its logs, with AWS's AWSAppSyncPushToCloudWatchLogs, unless
   * `Logging` is false or gives a CloudWatchLogsRoleArn; and for each DynamoDb and Lambda data source
   * without a ServiceRoleArn, `<Id><Name>DynamoDBDataSourceRole` or `<Id><Name>LambdaDataSourceRole`, with
   * what SAM's connector from an AppSync data source to the table or function grants
   * (connector_profiles/profiles.json): Read and Write of the table and its indexes (or the `Permissions`
   * given), the function's invocation. Each at the line that asks for it.
   */
  private async graphQlApiRoles(r: Resource): Promise<void> {
    const props = r.properties ? entries(r.properties) : new Map<string, JsonNode>()
    const source = this.sourceOf(r)
    const logging = props.get('Logging')
    const value = logging && this.evaluator.evaluate(logging)
    const off = value !== undefined && flagOf(value) === false
    const own = value !== undefined && value !== NO_VALUE && value.type === 'object'
    if (!off && !(own && fieldOf(value, 'CloudWatchLogsRoleArn'))) {
      const at = logging ?? r.at
      const arn = `arn:${this.partition}:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs`
      await this.attachArn(
        this.samRole(`${r.id}CloudWatchRole`, at, r.condition),
        { type: 'string', value: arn, line: at.line, column: at.column },
        { ...source, part: 'Logging' },
      )
    }
    const dataSources = props.get('DataSources')
    const kinds = dataSources?.type === 'object' ? entries(dataSources) : new Map<string, JsonNode>()
    for (const [kind, suffix] of [
      ['DynamoDb', 'DynamoDB'],
      ['Lambda', 'Lambda'],
    ] as const) {
      const group = kinds.get(kind)
      if (group?.type !== 'object') continue
      for (const [i, key] of group.keys.entries()) {
        const fields = group.values[i]?.type === 'object' ? entries(group.values[i] as JsonObject) : undefined
        if (!fields || fields.has('ServiceRoleArn')) continue
        const grant = dataSourceGrant(kind, fields, this.list(fields.get('Permissions')), this.evaluator)
        if (grant.kind === 'error') {
          this.fail(
            fields.get('Permissions') ?? key,
            `Resources.${r.id}.DataSources.${kind}.${key.value}: ${grant.message}`,
          )
          continue
        }
        if (grant.kind !== 'policy') continue
        const document = positioned({ Version: '2012-10-17', Statement: grant.statements }, key)
        this.addDocument(
          this.samRole(`${r.id}${key.value}${suffix}DataSourceRole`, key, r.condition),
          document,
          { ...source, part: `DataSources.${kind}.${key.value}`, samConnector: true },
        )
      }
    }
  }

  /**
   * The operator role SAM makes for an AWS::Serverless::CapacityProvider without an OperatorRole
   * (samtranslator/model/capacity_provider/generators.py), nor one from `Globals: CapacityProvider:`:
   * `<Id>OperatorRole`, with AWS's policy for Lambda to manage the provider's EC2 instances.
   */
  private async operatorRole(r: Resource): Promise<void> {
    const own = r.properties ? entries(r.properties) : new Map<string, JsonNode>()
    if (this.hasRole(own.get('OperatorRole') ?? this.providerGlobals.get('OperatorRole'))) return
    const role = this.samRole(`${r.id}OperatorRole`, r.at, r.condition)
    const arn = `arn:${this.partition}:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator`
    await this.attachArn(
      role,
      { type: 'string', value: arn, line: r.at.line, column: r.at.column },
      this.sourceOf(r),
    )
  }

  /**
   * The CodeDeploy service role SAM makes once for a template whose functions have a
   * DeploymentPreference without a Role of its own (deployment_preference_collection.py): at the first
   * such function's DeploymentPreference, with AWS's policy for CodeDeploy on Lambda.
   */
  private async codeDeployRole(r: Resource, props: ReadonlyMap<string, JsonNode>): Promise<void> {
    const preference = props.get('DeploymentPreference')
    if (preference?.type !== 'object' || this.drafts.has('CodeDeployServiceRole')) return
    const value = this.evaluator.evaluate(preference)
    const fields = value !== NO_VALUE && value.type === 'object' ? value : undefined
    const enabled = fields && fieldOf(fields, 'Enabled')
    if ((fields && fieldOf(fields, 'Role')) || (enabled && flagOf(enabled) === false)) return
    const role = this.samRole('CodeDeployServiceRole', preference, undefined)
    // Only the two partitions SAM names keep the older, limited policy.
    const name = ['aws-iso', 'aws-iso-b'].includes(this.partition)
      ? 'AWSCodeDeployRoleForLambdaLimited'
      : 'AWSCodeDeployRoleForLambda'
    const arn = `arn:${this.partition}:iam::aws:policy/service-role/${name}`
    await this.attachArn(
      role,
      { type: 'string', value: arn, line: preference.line, column: preference.column },
      { ...this.sourceOf(r), part: 'DeploymentPreference' },
    )
  }

  /** A SAM policy template, its parameters given in the function's Policies entry. */
  private addSamTemplate(
    role: Draft,
    name: string,
    template: { readonly parameters: readonly string[]; readonly definition: unknown },
    given: JsonNode,
    source: Extract<DocumentSource, { kind: 'cloudformation' }>,
  ): void {
    const values = new Map<string, string | readonly string[]>()
    const args = given.type === 'object' ? entries(given) : new Map<string, JsonNode>()
    for (const parameter of template.parameters) {
      const node = args.get(parameter)
      if (!node) {
        this.fail(
          given,
          `${name}: the SAM policy template needs ${template.parameters.join(', ')}; ${parameter} is missing`,
        )
        return
      }
      values.set(parameter, this.evaluator.string(node) ?? `\${${parameter}}`)
    }
    const expander = new Evaluator({ ...this.context, parameters: values, refOf: () => undefined })
    const definition = expander.evaluate(positioned(template.definition, given))
    if (definition === NO_VALUE) return
    const { policy, problems } = policyFromTree(this.file, definition)
    for (const p of problems) this.fail(given, `${name}: ${p.message}`)
    if (policy)
      role.documents.push({ ...this.shaped(policy), source: { ...source, samPolicyTemplate: name } })
  }

  /** An AWS managed policy named by name (as SAM accepts it) or by ARN. */
  private async attachManagedName(
    draft: Draft,
    name: string,
    at: JsonNode,
    source: DocumentSource,
    attached?: Set<string>,
  ): Promise<void> {
    const given = name.startsWith('arn:') || name.includes('${')
    const arn = given ? name : (await this.options.managedPolicies()).arnOfName(name)
    // Once per role, when the caller keeps count: by ARN, else by the name as written.
    if (attached?.has(arn ?? name)) return
    attached?.add(arn ?? name)
    if (given) return this.attachArn(draft, { ...at, type: 'string', value: name } as JsonNode, source)
    if (arn)
      return this.attachArn(draft, { type: 'string', value: arn, line: at.line, column: at.column }, source)
    this.unresolved(
      draft,
      at,
      source,
      `${JSON.stringify(name)} is neither an AWS managed policy of the snapshot nor an ARN`,
    )
  }

  /** A policy that applies to the principal but cannot be resolved: an unresolved-policy finding. */
  private unresolved(
    draft: Draft,
    at: JsonNode,
    source: DocumentSource,
    reason: string,
    named?: Pick<UnresolvedPolicy, 'policyArn' | 'importName' | 'asBoundary'>,
  ): null {
    draft.unresolved.push({ ...this.unresolvedAt(at, source, draft.name, reason), ...named })
    return null
  }

  private unresolvedAt(at: JsonNode, source: DocumentSource, name: string, reason: string): UnresolvedPolicy {
    return {
      file: this.file,
      line: at.line,
      column: at.column,
      address: codeAddress(source) ?? name,
      reason,
      source,
    }
  }

  /** Where a document written literally in a YAML template can be edited in place, if it can. */
  private withSite(policy: PolicyDocument, document: JsonNode): PolicyDocument {
    const { text } = this.options
    if (text === undefined) return policy
    // Worked out when asked for: only suggestions, with usage, edit the template.
    let site: EditSite | undefined | null = null
    const file = this.file
    return Object.defineProperty(policy, 'site', {
      enumerable: true,
      get: () => {
        if (site === null) site = yamlSite(file, text, document, policy.statements.length)
        return site
      },
    })
  }

  /** What a document written by a resource says of where it comes from. */
  private sourceOf(r: Resource): Extract<DocumentSource, { kind: 'cloudformation' }> {
    return {
      kind: 'cloudformation',
      template: this.file,
      logicalId: r.id,
      ...(r.cdkPath !== undefined && { cdkPath: r.cdkPath }),
    }
  }

  private list(node: JsonNode | undefined): JsonNode[] {
    if (!node) return []
    const value = this.evaluator.evaluate(node)
    if (value === NO_VALUE) return []
    return value.type === 'array' ? value.items : [value]
  }

  private addDocument(draft: Draft, node: JsonNode, source: DocumentSource, evaluated = false): void {
    const document = this.documentOf(node, source, evaluated, (reason, at) =>
      this.unresolved(draft, at, source, reason),
    )
    if (document) draft.documents.push(document)
  }

  /**
   * Why a document that evaluates to one placeholder, not a policy, is known only when the stack is
   * deployed (`Fn::Transform` of an AWS::Include snippet or a macro, another stack's export, a parameter
   * with no value here); undefined for any other value. Its text is no JSON to read.
   */
  private deployedOnly(value: JsonNode): string | undefined {
    if (value.type !== 'string') return undefined
    const [one, ...more] = placeholdersOf(value.value)
    if (!one || more.length > 0 || one.start !== 0 || one.end !== value.value.length) return undefined
    const text = value.value
    if (text === '${Fn::Transform}')
      return 'the policy document is made by Fn::Transform (an AWS::Include snippet, or a macro), which CloudFormation runs only when it deploys the stack'
    if (text.startsWith('${ImportValue:'))
      return `the policy document is ${text}, another stack's export (Fn::ImportValue), known only where it is deployed`
    if (text.startsWith('${Resolve:')) return `the policy document is ${text}, ${DYNAMIC_REFERENCE}`
    const missing = unknownParameters(value, this.context.parameters)
    if (missing.length > 0)
      return `the policy document is the parameter ${missing.join(', ')}, which has no value here (give it under parameters: to check it)`
    return `the policy document is ${text}, known only when the stack is deployed`
  }

  /**
   * A policy document written in the template, read as a policy (its problems reported at its lines);
   * `evaluated`: the node's intrinsics are evaluated already (an item of a list read with list()).
   */
  private documentOf(
    node: JsonNode,
    source: DocumentSource,
    evaluated: boolean,
    /** Told why, when the document is known only when the stack is deployed (deployedOnly). */
    unresolved: (reason: string, at: JsonNode) => void,
  ): PolicyDocument | undefined {
    const value = evaluated ? node : this.evaluator.evaluate(node)
    if (value === NO_VALUE) return undefined
    const deployed = this.deployedOnly(value)
    if (deployed) {
      unresolved(deployed, value)
      return undefined
    }
    if (value.type === 'string') return this.documentOfText(value, source)
    const read = policyFromTree(this.file, value)
    const { policy, problems } = read.policy ? read : this.withDefaultsNotGiven(node, value, evaluated, read)
    const given = problems.length > 0 ? this.parametersIn(value) : undefined
    for (const p of problems) {
      // `Resource: !Ref Topic` with `Default: ''`, `!Sub ec2:${Action}` without one: the parameter to give.
      const why = given?.get(`${p.line}:${p.column}`)
      this.fail(
        { type: 'null', value: null, line: p.line ?? 1, column: p.column ?? 1 },
        why ? `${p.message} (${why}: give it under parameters:)` : p.message,
      )
    }
    if (!policy) return undefined
    return this.withSite({ ...this.shaped(policy), source }, value)
  }

  /**
   * The document with each resource that names one of the template's resources by `Ref` or `GetAtt`,
   * where its type fixes the shape (`${Bucket.Arn}` is `arn:aws:s3:::<name>`), given that shape with a
   * stand-in name (cloudFormationShape): the resource-type checks read it, so s3:GetObject on a bucket's
   * Arn grants nothing, as on the bucket's ARN written out.
   */
  private shaped(policy: PolicyDocument): PolicyDocument {
    const standIn = (inner: string) => {
      const dot = inner.indexOf('.')
      const type = this.resources.get(dot < 0 ? inner : inner.slice(0, dot))?.type
      return type === undefined
        ? undefined
        : cloudFormationShape(type, dot < 0 ? 'Ref' : inner.slice(dot + 1))
    }
    let changed = false
    const statements = policy.statements.map((statement) => {
      if (!statement.resources.some((r) => r.value.includes('${'))) return statement
      const resources = statement.resources.map((r) => {
        if (!r.value.includes('${')) return r
        const shape = replacePlaceholders(r.value, (whole, inner) => standIn(inner) ?? whole)
        return shape === r.value ? r : { ...r, shape }
      })
      if (resources.every((r, i) => r === statement.resources[i])) return statement
      changed = true
      return { ...statement, resources }
    })
    return changed ? { ...policy, statements } : policy
  }

  /**
   * A document that is not valid with the empty Default of a parameter the config does not give, read
   * with that parameter's value not known here: a stack made with that Default is refused, so it is made
   * with another value (`Resource: !Ref TopicArn`, `!If [HasKey, {…}, !Ref AWS::NoValue]` as the only
   * statement, both with `Default: ''`). As when there is no Default: a placeholder, and both branches
   * of each condition on it.
   */
  private withDefaultsNotGiven(
    node: JsonNode,
    value: JsonNode,
    evaluated: boolean,
    read: ReturnType<typeof policyFromTree>,
  ): ReturnType<typeof policyFromTree> {
    const empty = [...this.context.parameters.keys()].filter((p) => this.emptyByDefault(p))
    if (empty.length === 0) return read
    // A list's item is a copy where evaluating it changed it, in the place of what the template writes.
    const written = evaluated ? this.writtenAt(value) : node
    if (!written) return read
    const parameters = new Map(this.context.parameters)
    for (const p of empty) parameters.set(p, `\${${p}}`)
    this.withoutEmptyDefaults ??= new Evaluator({ ...this.context, parameters })
    let again: JsonNode | typeof NO_VALUE
    try {
      again = this.withoutEmptyDefaults.evaluate(written)
    } catch (e) {
      if (e instanceof IntrinsicError) return read
      throw e
    }
    const used = namesReferenced(written, this.context.conditions, this.namesBudget)?.filter((p) =>
      empty.includes(p),
    )
    if (!used?.length || again === NO_VALUE || again.type === 'string') return read
    const parsed = policyFromTree(this.file, again)
    if (!parsed.policy) return read
    const sorted = used.sort()
    const many = sorted.length > 1
    const names = many
      ? `parameters ${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`
      : `parameter ${sorted[0]}`
    this.emptyDefaultNotes.set(`${node.line}:${node.column}`, {
      file: this.file,
      line: node.line,
      column: node.column,
      message:
        `the ${names} ${many ? 'are' : 'is'} empty by Default, with which this policy is not valid (a stack made so ` +
        `is refused): it was read with ${many ? 'their values' : 'that value'} not known here, both branches of each ` +
        `condition on ${many ? 'them' : 'it'} checked (give ${many ? 'them' : 'it'} under parameters:)`,
    })
    return parsed
  }

  /**
   * Where a document holds a parameter's value that is not one (the empty value, or the placeholder of a
   * parameter with no Default and none in the config), by `line:column`, and which parameter.
   */
  private parametersIn(node: JsonNode): Map<string, string> {
    const found = new Map<string, string>()
    const visit = (n: JsonNode): void => {
      const at = `${n.line}:${n.column}`
      const empty = emptyParameterOf(n)
      if (empty) found.set(at, `the value of the parameter ${empty} here`)
      else if (n.type === 'string') {
        const missing = unknownParameters(n, this.context.parameters)
        if (missing.length > 0)
          found.set(
            at,
            `it depends on the parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which ${missing.length > 1 ? 'have' : 'has'} no value here`,
          )
      }
      if (n.type === 'array') n.items.forEach(visit)
      if (n.type === 'object') n.values.forEach(visit)
    }
    visit(node)
    return found
  }

  /** The template's lines, split once for all its documents written as strings. */
  private textLines(text: string): readonly string[] {
    this.lines ??= text.split(/\r?\n|\r/)
    return this.lines
  }

  /**
   * A policy document written as a string of JSON, which CloudFormation takes too (`PolicyDocument: |`
   * and the JSON, or `!Sub |`): at the lines of the block that holds it, else all at the string. It is
   * not edited in place: suggestions give it as JSON.
   */
  private documentOfText(value: JsonString, source: DocumentSource): PolicyDocument | undefined {
    const move =
      (this.options.text !== undefined && blockPositions(this.textLines(this.options.text), value)) ||
      (() => ({ line: value.line, column: value.column }))
    const { policy, problems } = parsePolicyFully(this.file, value.value)
    for (const p of problems) {
      const at = move({ line: p.line ?? 1, column: p.column ?? 1 })
      this.fail(
        { type: 'null', value: null, ...at },
        `${p.message} (in the policy document written as a string)`,
      )
    }
    return policy && { ...movePolicy(policy, move), source }
  }

  /**
   * The document of an AWS::IAM::Policy or ManagedPolicy: read once, however many principals it is
   * attached to (by its Roles/Users/Groups or by ARN), so its problems are reported once too; why not,
   * when it is known only when the stack is deployed (deployedOnly).
   */
  private policyResource(r: Resource, document: JsonNode): PolicyDocument | string | undefined {
    if (!this.policies.has(r.id)) {
      let deployed: string | undefined
      const doc = this.documentOf(document, this.sourceOf(r), false, (reason) => {
        deployed = reason
      })
      if (deployed !== undefined) {
        this.policies.set(r.id, deployed)
        return deployed
      }
      // A managed policy's ARN (what `Ref` gives): a statement may name the policy it is in.
      const arn = doc && r.type === 'AWS::IAM::ManagedPolicy' ? this.managedPolicyArn(r) : undefined
      this.policies.set(r.id, arn === undefined ? doc : { ...(doc as PolicyDocument), arn })
    }
    return this.policies.get(r.id)
  }

  /** A managed policy's ARN, or its placeholder; undefined when its name cannot be read (said elsewhere). */
  private managedPolicyArn(r: Resource): string | undefined {
    try {
      return this.refOf(r.id)
    } catch (e) {
      if (e instanceof IntrinsicError) return undefined
      throw e
    }
  }

  private async attachArn(draft: Draft, node: JsonNode, source: DocumentSource): Promise<void> {
    const doc = await this.documentOfArn(draft, node, source)
    if (doc) draft.documents.push(doc)
  }

  /** The document of a policy attached by ARN: an AWS managed one, or one this template defines. */
  private async documentOfArn(
    draft: Draft,
    node: JsonNode,
    source: DocumentSource,
    asBoundary = false,
  ): Promise<PolicyDocument | null> {
    const value = this.evaluator.evaluate(node)
    // `!If [HasBoundary, !Ref Boundary, !Ref AWS::NoValue]` decided false: no policy. Undecided (both
    // branches, one of them none), none too: a boundary only takes permissions away.
    if (value === NO_VALUE || value.type === 'array') return null
    const arn = value.type === 'string' ? value.value : undefined
    const unresolved = (reason: string) => this.unresolved(draft, node, source, reason)
    // An empty one: a CommaDelimitedList parameter whose Default is '' gives [''] (cfn_nag's group_with_cdl).
    if (value.type === 'string' && arn === '') return unresolved('the policy ARN is empty')
    if (!arn)
      return unresolved(
        `the policy ARN is ${value.type === 'object' ? 'a mapping' : value.type}, not a string`,
      )
    if (isAwsManagedPolicyArn(arn)) {
      const snapshot = await this.options.managedPolicies()
      const text = snapshot.document(arn)
      if (!text) return unresolved(notInSnapshot(arn, snapshot))
      const policy = managedDocument(this.file, arn, text)
      if (!policy) return unresolved(`${arn}: its snapshot document could not be read`)
      return {
        ...placePolicyAt(policy, { line: node.line, column: node.column }),
        source: {
          kind: 'aws-managed-policy',
          arn,
          ...attachedBy(source),
          document: 'snapshot',
          version: `${snapshot.version} (${snapshot.date.slice(0, 10)})`,
        },
      }
    }
    const { byArn, error } = this.managedPolicyByArn()
    const r = byArn.get(arn)
    // A policy whose name could not be read might be the one meant: its error says why.
    if (!r && error) throw error
    if (!r) {
      const why = this.notDefined(arn, value)
      // Written out, or imported by name, it may be one another template defines.
      const imported = /^\$\{ImportValue:([^${}]+)\}$/.exec(arn)?.[1]
      if (arn.includes('${') && imported === undefined) return unresolved(why)
      const named = imported === undefined ? { policyArn: arn } : { importName: imported }
      return this.unresolved(draft, node, source, why, { ...named, ...(asBoundary && { asBoundary }) })
    }
    const document = r.properties && fieldOf(r.properties, 'PolicyDocument')
    if (!document) return unresolved(`${r.id} has no PolicyDocument`)
    const policy = this.policyResource(r, document)
    return typeof policy === 'string' ? unresolved(policy) : (policy ?? null)
  }

  /**
   * Why a policy attached by ARN is not one this template defines: the parameter with no value it is
   * made of (`!Ref BoundaryArn` with no Default and none in the config), another stack's export, which
   * no parameter makes known, or none of those.
   */
  private notDefined(arn: string, value: JsonNode): string {
    if (arn === '${Fn::Transform}')
      return 'the policy is made by Fn::Transform (an AWS::Include snippet, or a macro), which CloudFormation runs only when it deploys the stack'
    if (arn.startsWith('${ImportValue:'))
      return `${arn} is another stack's export (Fn::ImportValue), known only where it is deployed`
    if (arn.startsWith('${Resolve:')) return `${arn} is ${DYNAMIC_REFERENCE}`
    const missing = unknownParameters(value, this.context.parameters)
    if (missing.length === 0) return `${arn} is a policy this template does not define`
    const many = missing.length > 1
    return `${arn} depends on the parameter${many ? 's' : ''} ${missing.join(', ')}, which ${many ? 'have' : 'has'} no value here (give ${many ? 'them' : 'it'} under parameters: to check the policy it names)`
  }

  /**
   * The template's AWS::IAM::ManagedPolicy resources by what `Ref` gives for each (the first of a
   * kind), and the first error reading one's name; worked out once, not per ARN that is looked up.
   */
  private managedPolicyByArn(): { byArn: ReadonlyMap<string, Resource>; error?: IntrinsicError } {
    if (!this.managedPolicies) {
      const byArn = new Map<string, Resource>()
      let error: IntrinsicError | undefined
      for (const r of this.resources.values()) {
        if (r.type !== 'AWS::IAM::ManagedPolicy') continue
        try {
          const arn = this.refOf(r.id)
          if (arn !== undefined && !byArn.has(arn)) byArn.set(arn, r)
        } catch (e) {
          if (!(e instanceof IntrinsicError)) throw e
          error ??= e
        }
      }
      this.managedPolicies = error ? { byArn, error } : { byArn }
    }
    return this.managedPolicies
  }

  /**
   * The stacks this template nests, with the parameters it passes them (evaluated here: what is not
   * known stays a placeholder, which the nested template then carries). A template in the repository is
   * a relative TemplateURL or SAM Location (as `aws cloudformation package` and SAM read them), or CDK's
   * asset path; an S3 or HTTPS URL, or a Serverless Application Repository app, is elsewhere.
   */
  nestedStacks(): NestedStack[] {
    const nested: NestedStack[] = []
    for (const r of this.resources.values()) {
      if (r.type !== 'AWS::CloudFormation::Stack' && r.type !== 'AWS::Serverless::Application') continue
      try {
        if (!this.included(r)) continue
        nested.push({
          logicalId: r.id,
          line: r.at.line,
          column: r.at.column,
          location: this.nestedLocation(r),
          parameters: this.nestedParameters(r),
        })
      } catch (error) {
        this.report(r, error)
      }
    }
    return nested
  }

  private nestedLocation(r: Resource): NestedStack['location'] {
    if (r.assetPath !== undefined) return { path: r.assetPath }
    const property = r.type === 'AWS::CloudFormation::Stack' ? 'TemplateURL' : 'Location'
    const node = r.properties && fieldOf(r.properties, property)
    if (!node) return { elsewhere: `it has no ${property}` }
    if (node.type === 'object' && r.type === 'AWS::Serverless::Application')
      return { elsewhere: 'it is an application of the AWS Serverless Application Repository' }
    const url = this.evaluator.string(node)
    if (url === undefined) return { elsewhere: `its ${property} is not a string` }
    // What Systems Manager holds when the stack is deployed: no path of the repository to match.
    if (url.startsWith('${Resolve:')) return { elsewhere: `its ${property} is ${url}, ${DYNAMIC_REFERENCE}` }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || url.includes('${'))
      return { elsewhere: `its template is at ${url}, not in the repository`, url }
    return { path: url }
  }

  private nestedParameters(r: Resource): Map<string, string> {
    const parameters = new Map<string, string>()
    const node = r.properties && fieldOf(r.properties, 'Parameters')
    if (node?.type !== 'object') return parameters
    node.keys.forEach((key, i) => {
      const value = this.evaluator.evaluate(node.values[i] as JsonNode)
      if (value === NO_VALUE) return
      const text =
        value.type === 'array' ? value.items.map((item) => scalarText(item)).join(',') : scalarText(value)
      if (text !== undefined) parameters.set(key.value, text)
    })
    return parameters
  }

  /**
   * What a person should know of how the template was read: conditions an Fn::If could not decide (both
   * branches were kept), AWS::IAM::Policy resources no principal here has, and the permission sets, which
   * are not checked.
   */
  notes(): Problem[] {
    return [
      ...this.undecidedConditions(),
      ...this.emptyDefaultNotes.values(),
      ...this.ignoredPolicies,
      ...this.unattached(),
      ...this.permissionSets(),
      ...this.leftOutByConditions(),
    ]
  }

  /**
   * The resources that would grant IAM permissions but are not in the stack with the parameters read
   * here: a Condition false by the parameters' defaults (aws-cloudformation-templates' managed AD
   * template makes its domain-join roles only for `CreateLinuxEC2DomainJoinResources: 'Yes'`). What they
   * grant is checked nowhere, so it is said, once for the template, with how to have them checked.
   */
  private leftOutByConditions(): Problem[] {
    const left = [...this.resources.values()].filter(
      (r) => r.condition !== undefined && GRANTING_TYPES.has(r.type) && !this.includedQuietly(r),
    )
    const [first] = left
    if (!first) return []
    const one = left.length === 1
    const conditions = [...new Set(left.map((r) => r.condition as string))]
    const which = one
      ? `Resources.${first.id} (${first.type}) is`
      : `${left.length} resources that grant IAM permissions (${previewList(
          left.map((r) => `Resources.${r.id}`),
          3,
        )}) are`
    return [
      {
        file: this.file,
        line: first.at.line,
        column: first.at.column,
        message:
          `${which} not in the stack with the parameters read here: ` +
          `${conditions.length === 1 ? 'the condition' : 'the conditions'} ${previewList(conditions, 3)} ` +
          `${conditions.length === 1 ? 'is' : 'are'} false, so what ${one ? 'it grants' : 'they grant'} is not checked ` +
          `(give the parameters that make ${conditions.length === 1 ? 'it' : 'them'} true under parameters: to check ${one ? 'it' : 'them'})`,
      },
    ]
  }

  /** Whether a parameter is empty by its Default, the config giving it no value. */
  private emptyByDefault(parameter: string): boolean {
    return this.context.parameters.get(parameter) === '' && !this.options.parameters.has(parameter)
  }

  /** The mapping a resource's properties write where `value` is, if any. */
  private writtenAt(value: JsonNode): JsonObject | undefined {
    if (!this.mappingsByPlace) {
      // Made once: a template of many such documents is read once, not once per document.
      this.mappingsByPlace = new Map()
      const stack: JsonNode[] = []
      for (const r of this.resources.values()) if (r.properties) stack.push(r.properties)
      for (let n = stack.pop(); n; n = stack.pop()) {
        if (n.type === 'array') append(stack, n.items)
        if (n.type !== 'object') continue
        const place = `${n.line}:${n.column}`
        if (!this.mappingsByPlace.has(place)) this.mappingsByPlace.set(place, n)
        append(stack, n.values)
      }
    }
    return this.mappingsByPlace.get(`${value.line}:${value.column}`)
  }

  private readAsPlaceholder(parameter: string, { line, column }: JsonNode): void {
    this.emptyDefaultNotes.set(`${line}:${column}`, {
      file: this.file,
      line,
      column,
      message:
        `the parameter ${parameter} is empty by Default, which is no valid value here: read as \${${parameter}}, ` +
        'a value not known here (give it under parameters:)',
    })
  }

  /**
   * An AWS::IAM::Policy whose Roles, Users and Groups name none here (all dropped by conditions, say):
   * what it grants is checked nowhere. A managed policy no one here has is checked on its own instead.
   */
  private unattached(): Problem[] {
    const notes: Problem[] = []
    for (const r of this.resources.values()) {
      if (r.type !== 'AWS::IAM::Policy') continue
      if (this.policies.has(r.id) || !this.includedQuietly(r)) continue
      notes.push({
        file: this.file,
        line: r.at.line,
        column: r.at.column,
        message:
          `Resources.${r.id}: no role, user or group in this template has this policy (it is attached elsewhere, or by what is not read here), ` +
          'so what it grants is not checked',
      })
    }
    return notes
  }

  /**
   * An IAM Identity Center permission set with policies (inline, AWS or customer managed, a boundary):
   * not checked, and said so rather than skipped in silence.
   */
  private permissionSets(): Problem[] {
    const notes: Problem[] = []
    const sets: Resource[] = []
    for (const r of this.resources.values()) {
      if (r.type !== 'AWS::SSO::PermissionSet' || !this.includedQuietly(r)) continue
      const given = PERMISSION_SET_POLICIES.filter((p) => r.properties && fieldOf(r.properties, p))
      if (given.length === 0) continue
      sets.push(r)
      notes.push({
        file: this.file,
        line: r.at.line,
        column: r.at.column,
        message: `Resources.${r.id}: the ${given.join(' and ')} of this IAM Identity Center permission set are not checked: ${PERMISSION_SETS_UNREAD}`,
      })
    }
    // Past a few, one notice for the template (an organisation's hundred permission sets in one file).
    const [first] = sets
    if (!first || sets.length <= PERMISSION_SETS_NOTED_ALONE) return notes
    return [
      {
        file: this.file,
        line: first.at.line,
        column: first.at.column,
        message:
          `${sets.length} IAM Identity Center permission sets with policies are not checked ` +
          `(${previewList(
            sets.map((r) => `Resources.${r.id}`),
            3,
          )}): ${PERMISSION_SETS_UNREAD}`,
      },
    ]
  }

  /** Whether a resource is in the stack; false when that cannot be read (its error is reported once already). */
  private includedQuietly(r: Resource): boolean {
    try {
      return this.included(r)
    } catch (error) {
      if (error instanceof IntrinsicError) return false
      throw error
    }
  }

  /** Conditions an Fn::If could not decide (their parameters are not known): both branches were kept. */
  private undecidedConditions(): Problem[] {
    return [...this.evaluator.undecided].map((name) => {
      const conditions = this.context.conditions
      const key = conditions?.type === 'object' ? conditions.keys.find((k) => k.value === name) : undefined
      return {
        file: this.file,
        line: key?.line ?? 1,
        column: key?.column ?? 1,
        message:
          `the condition ${name} depends on values not known here (give its parameters under parameters:, or account: and region:): ` +
          'both branches of each Fn::If on it were checked',
      }
    })
  }

  principals(): DiscoveredPrincipal[] {
    const out: DiscoveredPrincipal[] = []
    const alone = groupsCheckedAlone(this.drafts.values())
    const exports = this.exports()
    const exportedAs = (id: string) => exports.get(id) ?? []
    for (const draft of this.drafts.values()) {
      if (draft.kind === 'group' && !alone.has(draft)) continue
      const documents = [...draft.documents]
      const unresolved = [...draft.unresolved]
      // Its name (`Value: !Ref Role`), which another template's `Roles: [!ImportValue …]` may name.
      const names = draft.resource ? exportedAs(draft.resource.id) : []
      for (const group of draft.groups) {
        append(documents, group.documents)
        append(unresolved, group.unresolved)
      }
      out.push({
        arn: draft.arn,
        source: {
          ...this.principalSource(draft.resource?.id ?? draft.name, draft.resource),
          line: draft.at.line,
        },
        policies: documents,
        boundary: draft.boundary,
        unresolved,
        lifecycle: draft.arn.includes('${') ? 'unknown' : 'exists',
        ...(draft.groups.size > 0 && { groups: [...draft.groups].map((g) => g.arn) }),
        ...(names.length > 0 && { exports: names }),
      })
    }
    for (const { resource, arn, policy } of this.alone) {
      const source = this.sourceOf(resource)
      const names = exportedAs(resource.id)
      out.push({
        arn,
        source: { ...this.principalSource(resource.id, resource), line: resource.at.line },
        policies: typeof policy === 'string' ? [] : [policy],
        boundary: null,
        unresolved:
          typeof policy === 'string' ? [this.unresolvedAt(resource.at, source, resource.id, policy)] : [],
        lifecycle: arn.includes('${') ? 'unknown' : 'exists',
        ...(names.length > 0 && { exports: names }),
      })
    }
    return out
  }

  /**
   * What the template exports that names a resource (`Value: !Ref Role`, a role's name, or `!Ref Policy`,
   * a managed policy's ARN, or its `PolicyArn`): the exports' names (`Outputs.*.Export.Name`) as far as
   * known, by the resource's logical id. Only the names are evaluated: an output's other values are
   * none of the checks' business.
   */
  private exports(): Map<string, string[]> {
    const out = new Map<string, string[]>()
    if (this.outputs?.type !== 'object') return out
    // An export's name is read, not checked: a condition it leaves undecided is no note of the checks.
    const { undecided } = this.evaluator
    const before = [...undecided]
    for (const output of this.outputs.values) {
      if (output.type !== 'object') continue
      const exported = fieldOf(output, 'Export')
      const nameNode = exported?.type === 'object' ? fieldOf(exported, 'Name') : undefined
      const valueNode = fieldOf(output, 'Value')
      const id = valueNode && exportedResource(valueNode)
      if (!nameNode || !id) continue
      try {
        const name = this.evaluator.string(nameNode)
        if (name !== undefined) kept(out, id, () => []).push(name)
      } catch (error) {
        // A name that cannot be read exports nothing known; CloudFormation would refuse it.
        if (!(error instanceof IntrinsicError)) throw error
      }
    }
    undecided.clear()
    for (const name of before) undecided.add(name)
    return out
  }

  /** Where a principal of the template is defined, its line aside. */
  private principalSource(logicalId: string, resource: Resource | undefined) {
    return {
      kind: 'cloudformation' as const,
      template: this.file,
      logicalId,
      ...(resource?.cdkPath !== undefined && { cdkPath: resource.cdkPath }),
      ...(this.options.stackName !== undefined && { stackName: this.options.stackName }),
      ...((this.options.stackName ?? this.options.nestedIn?.stackName) !== undefined &&
        this.options.region !== undefined && { stackRegion: this.options.region }),
      ...(this.options.nestedIn !== undefined && { nestedIn: this.options.nestedIn }),
      file: this.file,
    }
  }
}

/** The resources SAM makes once for a stack whose functions deploy gradually. */
const GRADUAL_DEPLOYMENT_IDS = new Set(['ServerlessDeploymentApplication', 'CodeDeployServiceRole'])

/** AWS's transforms this reading applies itself: SAM's, and the functions of AWS::LanguageExtensions. */
const TRANSFORMS_READ = new Set(['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions'])

/** What to do instead when a template is changed by what only CloudFormation runs. */
const PROCESSED =
  'to check what it deploys, name the processed template, as `aws cloudformation get-template --template-stage Processed` gives it'

/**
 * The names of a template's transforms this reading does not apply (a macro, AWS::Include,
 * AWS::SecretsManager-2020-07-23): CloudFormation runs them when it deploys the stack, and what they
 * add or change is not known here. `Transform` is a name, a list of them, or `{Name, Parameters}`.
 */
function transformsNotRead(node: JsonNode | undefined): string[] {
  const items = node === undefined ? [] : node.type === 'array' ? node.items : [node]
  const names: string[] = []
  for (const item of items) {
    if (item.type === 'null') continue
    const name = item.type === 'object' ? fieldOf(item, 'Name') : item
    if (name?.type !== 'string') names.push('(one not named)')
    else if (!TRANSFORMS_READ.has(name.value)) names.push(name.value)
  }
  return names
}

/** ` (AWS::Include of s3://bucket/snippet.yaml)`: what a Fn::Transform names, as far as it is written. */
function transformNamed(node: JsonNode): string {
  const name = node.type === 'object' ? fieldOf(node, 'Name') : undefined
  if (name?.type !== 'string') return ''
  const parameters = node.type === 'object' ? fieldOf(node, 'Parameters') : undefined
  const location = parameters?.type === 'object' ? fieldOf(parameters, 'Location') : undefined
  return location?.type === 'string' ? ` (${name.value} of ${location.value})` : ` (${name.value})`
}

/**
 * What the template alone says (its parameters' values, mappings, conditions, the pseudo parameters):
 * enough for what is evaluated before its resources are known (Fn::ForEach).
 */
function templateContext(top: ReadonlyMap<string, JsonNode>, options: TemplateOptions): StackContext {
  return {
    parameters: parameterValues(top.get('Parameters'), options.parameters),
    account: options.account,
    region: options.region,
    stackName: options.stackName,
    refOf: () => undefined,
    attributeOf: () => undefined,
    mappings: top.get('Mappings'),
    conditions: top.get('Conditions'),
  }
}

/** The most resources a stack may have (CloudFormation's quota), and the most copies Fn::ForEach makes here. */
const CLOUDFORMATION_MAX_RESOURCES = 500
const MAX_FOREACH_COPIES = 10_000

/**
 * The resources with each `Fn::ForEach::Name: [Identifier, [values], {Key${Identifier}: …}]` of the
 * AWS::LanguageExtensions transform replaced by its copies: `${Identifier}` and `&{Identifier}` in keys
 * and strings, and `Ref: Identifier`, become each value in turn. Loops may nest. A loop over values not
 * known here (a parameter without a value) is an error when it makes IAM resources; otherwise it is
 * left out and `skip` is told why, with the types it makes.
 */
function expandForEach(
  node: JsonObject,
  evaluator: Evaluator,
  parameters: StackContext['parameters'],
  skip: (key: JsonString, why: string, made: { types: string[]; ids: string[] }) => void,
  depth = 0,
  copies = { left: MAX_FOREACH_COPIES },
): { keys: JsonString[]; values: JsonNode[] } {
  const keys: JsonString[] = []
  const values: JsonNode[] = []
  node.keys.forEach((key, i) => {
    const value = node.values[i] as JsonNode
    if (!key.value.startsWith('Fn::ForEach::')) {
      keys.push(key)
      values.push(value)
      return
    }
    const parts = value.type === 'array' ? value.items : []
    const [identifier, collection, fragment] = parts
    if (
      parts.length !== 3 ||
      identifier?.type !== 'string' ||
      !collection ||
      fragment?.type !== 'object' ||
      depth > 5
    )
      throw new IntrinsicError(`${key.value}: expected [Identifier, [values], {fragment}]`, value)
    const list = evaluator.evaluate(collection)
    const items = list !== NO_VALUE && list.type === 'array' ? list.items.map(loopValue) : undefined
    if (!items || items.includes(undefined)) {
      const unknown = unknownParameters(collection, parameters)
      const why =
        unknown.length > 0
          ? unknown.length === 1
            ? `its collection depends on the parameter ${unknown[0]}, which has no value here (give it under parameters:)`
            : `its collection depends on the parameters ${unknown.join(', ')}, which have no value here (give them under parameters:)`
          : items
            ? 'its collection holds a value not known from the template'
            : 'its collection is not a list of values known from the template'
      const made = resourcesOf(fragment)
      if (made.iam) throw new IntrinsicError(`${key.value}: ${why}`, collection)
      skip(key, why, made)
      return
    }
    for (const text of items as string[]) {
      // Loops nested multiply: three over 300 values are 27 million copies, which ran a runner out of memory.
      if (--copies.left < 0)
        throw new IntrinsicError(
          `${key.value}: its loops make more than ${thousands(MAX_FOREACH_COPIES)} copies of their fragments; CloudFormation takes ${CLOUDFORMATION_MAX_RESOURCES} resources in a stack`,
          collection,
        )
      const copy = substitute(fragment, identifier.value, text) as JsonObject
      const inner = expandForEach(copy, evaluator, parameters, skip, depth + 1, copies)
      append(keys, inner.keys)
      append(values, inner.values)
    }
  })
  return { keys, values }
}

/**
 * Where the lines of a string value are in a YAML template's text (`lines`: its lines, from 0), when a
 * literal block wrote them (`|`, under the string's key or tag, each line at the block's indentation;
 * a line an Fn::Sub changed holds a `${`): each position in the value made one in the file. Undefined
 * when they are not found so.
 */
function blockPositions(
  lines: readonly string[],
  value: JsonString,
): ((at: { line: number; column: number }) => { line: number; column: number }) | undefined {
  const own = trimEndOf(value.value, '\n').split('\n')
  const first = own[0] ?? ''
  if (own.length < 2 || first.trim() === '') return undefined
  // The block's first line is the string's, or the one after its indicator's.
  for (const start of [value.line - 1, value.line]) {
    const line = lines[start]
    if (line === undefined) continue
    const indent = line.length - line.trimStart().length
    if (!matches(line.slice(indent), first)) continue
    let found = true
    for (let k = 1; k < own.length && found; k++) {
      const written = lines[start + k]
      const expected = own[k] as string
      found =
        written !== undefined &&
        (expected === ''
          ? written.trim() === ''
          : written.length - written.trimStart().length >= indent && matches(written.slice(indent), expected))
    }
    if (found) return (at) => ({ line: start + at.line, column: indent + at.column })
  }
  return undefined
}

/** Whether a line of a block, as written, gave this line of its value (an Fn::Sub may have changed it). */
function matches(written: string, value: string): boolean {
  return written === value || (written.includes('${') && written.trimEnd() !== '')
}

/** A value of a loop's collection as text, or undefined when it is not known here. */
function loopValue(item: JsonNode): string | undefined {
  const text = item.type === 'string' || item.type === 'number' ? String(item.value) : undefined
  return text === undefined || text.includes('${') ? undefined : text
}

/**
 * The names an Fn::Sub text refers to by `${Name}` (not `${!Literal}`), spaces trimmed: what
 * /\$\{\s*([^!}\s][^}]*?)\s*\}/g gives, in time linear in the text (vocabulary/placeholders.ts says why).
 */
export function subVariables(text: string): string[] {
  const names: string[] = []
  let from = 0
  for (const { start, close } of openings(text)) {
    if (start < from) continue // inside the variable found last
    LEADING_SPACES.lastIndex = start + 2
    LEADING_SPACES.test(text)
    const first = LEADING_SPACES.lastIndex
    if (first === close || text.charAt(first) === '!') continue
    names.push(text.slice(first, close).trimEnd())
    from = close + 1
  }
  return names
}
const LEADING_SPACES = /\s*/y

/**
 * The names a value refers to (`Ref`, `${Name}` in a text), in the order first met; with `conditions`
 * (the template's Conditions), also through the conditions its `Fn::If`s and `Condition`s name. With
 * `budget`, each value visited spends one; undefined when it runs out (a template made to make this walk
 * long).
 */
function namesReferenced(
  node: JsonNode,
  conditions?: JsonNode,
  budget?: { left: number },
): string[] | undefined {
  const names = new Set<string>()
  const followed = new Set<string>()
  const stack: JsonNode[] = [node]
  const follow = (condition: JsonNode | undefined) => {
    if (condition?.type !== 'string' || conditions?.type !== 'object' || followed.has(condition.value)) return
    followed.add(condition.value)
    // Found by name, not searched for: each document's walk may name thousands of conditions.
    const definition = fieldOf(conditions, condition.value)
    if (definition) stack.push(definition)
  }
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (budget && --budget.left < 0) return undefined
    if (n.type === 'string') for (const name of subVariables(n.value)) names.add(name)
    if (n.type === 'array') for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i] as JsonNode)
    if (n.type !== 'object') continue
    for (let i = n.keys.length - 1; i >= 0; i--) {
      const key = (n.keys[i] as JsonString).value
      const value = n.values[i] as JsonNode
      if (key === 'Ref' && value.type === 'string') {
        names.add(value.value)
        continue
      }
      if (key === 'Condition') follow(value)
      else if (key === 'Fn::If' && value.type === 'array') follow(value.items[0])
      stack.push(value)
    }
  }
  return [...names]
}

/** The parameters a node refers to (by Ref or in an Fn::Sub) that have no value here. */
function unknownParameters(node: JsonNode, parameters: StackContext['parameters']): string[] {
  return (namesReferenced(node) ?? []).filter((name) => parameters.get(name) === `\${${name}}`)
}

/**
 * The resource types a fragment of Fn::ForEach makes (its nested loops' included), and whether any of
 * them may be or make a principal or a policy: IAM and SAM resources, nested stacks, SAM `Connectors`,
 * a type not written as a string.
 */
function resourcesOf(fragment: JsonObject): { types: string[]; ids: string[]; iam: boolean } {
  const types = new Set<string>()
  const ids: string[] = []
  let iam = false
  fragment.keys.forEach((key, i) => {
    const value = fragment.values[i] as JsonNode
    if (key.value.startsWith('Fn::ForEach::')) {
      const inner = value.type === 'array' ? value.items[2] : undefined
      const made = inner?.type === 'object' ? resourcesOf(inner) : { types: [], ids: [], iam: true }
      for (const type of made.types) types.add(type)
      append(ids, made.ids)
      iam ||= made.iam
      return
    }
    ids.push(key.value)
    const type = value.type === 'object' ? fieldOf(value, 'Type') : undefined
    const name = type?.type === 'string' ? type.value : undefined
    if (name) types.add(name)
    iam ||=
      name === undefined ||
      name.startsWith('AWS::IAM::') ||
      name.startsWith('AWS::Serverless::') ||
      name === 'AWS::CloudFormation::Stack' ||
      (value.type === 'object' && fieldOf(value, 'Connectors') !== undefined)
  })
  return { types: [...types], ids, iam }
}

/**
 * The logical ids a loop's key makes, as a pattern: `Topic${Name}` is `Topic` and any text (each
 * `${Identifier}` or `&{Identifier}` becomes one of the loop's values, not known here).
 */
function loopIdPattern(key: string): RegExp {
  return linearRegExp(
    `^${key
      .split(/[$&]\{[^}]*\}/)
      .map(escapeRegExp)
      .join('.+')}$`,
  )
}

/** A fragment of Fn::ForEach with the loop's identifier replaced by one of its values. */
function substitute(node: JsonNode, identifier: string, value: string): JsonNode {
  const text = (s: string) =>
    s
      .replaceAll(`\${${identifier}}`, value)
      .replaceAll(`&{${identifier}}`, value.replace(/[^A-Za-z0-9]/g, ''))
  switch (node.type) {
    case 'string':
      return { ...node, value: text(node.value) }
    case 'array':
      return { ...node, items: node.items.map((i) => substitute(i, identifier, value)) }
    case 'object': {
      const ref = node.keys.length === 1 && node.keys[0]?.value === 'Ref' ? node.values[0] : undefined
      if (ref?.type === 'string' && ref.value === identifier)
        return { type: 'string', value, line: node.line, column: node.column }
      return {
        ...node,
        keys: node.keys.map((k) => ({ ...k, value: text(k.value) })),
        values: node.values.map((v) => substitute(v, identifier, value)),
      }
    }
    default:
      return node
  }
}

/** AWS managed policies as read once per file: thousands of roles attach the same few. */
const managedDocuments = new Map<string, PolicyDocument | undefined>()

function managedDocument(file: string, arn: string, text: string): PolicyDocument | undefined {
  const key = `${file}\u0000${arn}`
  if (!managedDocuments.has(key)) {
    if (managedDocuments.size > 10_000) managedDocuments.clear()
    managedDocuments.set(key, parsePolicy(file, text).policy)
  }
  return managedDocuments.get(key)
}

/**
 * What SAM's connector from a GraphQLApi's DynamoDb or Lambda data source grants its role
 * (SamGraphQLApi._parse_ddb_datasource_role and _parse_lambda_datasource_role): Read and Write of the
 * table (`TableArn`, else the ARN of `TableName` in its `Region`) unless `Permissions` says, or the
 * function's invocation.
 */
function dataSourceGrant(
  kind: 'DynamoDb' | 'Lambda',
  fields: ReadonlyMap<string, JsonNode>,
  permissions: readonly JsonNode[],
  evaluator: Evaluator,
): ConnectorGrant {
  if (kind === 'Lambda') {
    const arn = fields.get('FunctionArn')
    if (!arn) return { kind: 'error', message: 'a Lambda data source needs FunctionArn' }
    return connectorGrant('AWS::AppSync::DataSource', 'AWS::Lambda::Function', ['Write'], {
      'Destination.Arn': written(arn),
    })
  }
  const tableArn = fields.get('TableArn')
  const tableName = fields.get('TableName')
  const region = fields.get('Region')
  const arn = tableArn
    ? written(tableArn)
    : {
        'Fn::Sub': [
          'arn:${AWS::Partition}:dynamodb:${Region}:${AWS::AccountId}:table/${TableName}',
          {
            TableName: tableName ? written(tableName) : '',
            Region: region ? written(region) : { Ref: 'AWS::Region' },
          },
        ],
      }
  const categories = fields.has('Permissions')
    ? permissions.map((node) => evaluator.string(node) ?? '')
    : ['Read', 'Write']
  return connectorGrant('AWS::AppSync::DataSource', 'AWS::DynamoDB::Table', categories, {
    'Destination.Arn': arn,
  })
}

/** `Globals.Function` (or `.CapacityProvider`) of a SAM template, less what SAM does not take from Globals. */
function globalsOf(node: JsonNode | undefined, type: 'Function' | 'CapacityProvider'): Map<string, JsonNode> {
  const section = node?.type === 'object' ? fieldOf(node, type) : undefined
  const globals = section?.type === 'object' ? entries(section) : new Map<string, JsonNode>()
  globals.delete('Policies')
  return globals
}

/**
 * The AWS managed policies SAM attaches to a function's implicit role besides its Policies
 * (samtranslator/model/sam_resources.py, eventsources/pull.py at the snapshot's commit): basic
 * execution (durable execution with DurableConfig); X-Ray unless Tracing is Disabled (the older policy
 * name in the aws partition, as SAM does); VPC access with VpcConfig; the execution role of each stream
 * or queue event source it polls.
 */
function implicitManagedPolicies(
  props: ReadonlyMap<string, JsonNode>,
  text: (node: JsonNode) => string | undefined,
  partition: string,
): string[] {
  const names = [
    props.has('DurableConfig') ? 'AWSLambdaBasicDurableExecutionRolePolicy' : 'AWSLambdaBasicExecutionRole',
  ]
  const tracing = props.get('Tracing')
  const traced = tracing && text(tracing)
  if (traced && traced !== 'Disabled') names.push(xrayPolicy(partition))
  if (props.has('VpcConfig')) names.push('AWSLambdaVPCAccessExecutionRole')
  const events = props.get('Events')
  const byEvent: Record<string, string> = {
    SQS: 'AWSLambdaSQSQueueExecutionRole',
    Kinesis: 'AWSLambdaKinesisExecutionRole',
    DynamoDB: 'AWSLambdaDynamoDBExecutionRole',
    MSK: 'AWSLambdaMSKExecutionRole',
  }
  if (events?.type === 'object')
    for (const event of events.values) {
      const type = event.type === 'object' ? fieldOf(event, 'Type') : undefined
      const properties = event.type === 'object' ? fieldOf(event, 'Properties') : undefined
      // An SNS event with SqsSubscription reaches the function through a queue SAM makes and polls.
      const subscription = properties?.type === 'object' ? fieldOf(properties, 'SqsSubscription') : undefined
      const viaQueue =
        type?.type === 'string' && type.value === 'SNS' && subscription && text(subscription) !== 'false'
      const policy = viaQueue ? byEvent.SQS : type?.type === 'string' ? byEvent[type.value] : undefined
      if (policy && !names.includes(policy)) names.push(policy)
    }
  return names
}

/** The X-Ray policy SAM attaches to a traced function's or state machine's role (xray_utils.py). */
function xrayPolicy(partition: string): string {
  return partition === 'aws' ? 'AWSXrayWriteOnlyAccess' : 'AWSXRayDaemonWriteAccess'
}

/** The events of a SAM state machine for which SAM makes a role that starts its executions. */
const EVENT_ROLES: ReadonlySet<string> = new Set([
  'Api',
  'Schedule',
  'ScheduleV2',
  'CloudWatchEvent',
  'EventBridgeRule',
])

/** The SAM resources that get a role of their own (`<Id>Role`) when they name none. */
const SAM_ROLE_TYPES: ReadonlySet<string> = new Set([
  'AWS::Serverless::Function',
  'AWS::Serverless::StateMachine',
])

/** The resources that make a principal or grant it permissions, SAM's that make a role included. */
const GRANTING_TYPES: ReadonlySet<string> = new Set([
  ...Object.keys(PRINCIPAL_TYPES),
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
  ...SAM_ROLE_TYPES,
])

/**
 * What SAM attaches to a state machine's role besides its Policies (samtranslator/model/stepfunctions/
 * generators.py, _construct_role): X-Ray when `Tracing: { Enabled: true }`.
 */
function stateMachinePolicies(
  props: ReadonlyMap<string, JsonNode>,
  evaluator: Evaluator,
  partition: string,
): string[] {
  const tracing = props.get('Tracing')
  const value = tracing && evaluator.evaluate(tracing)
  const enabled =
    value && value !== NO_VALUE && value.type === 'object' ? fieldOf(value, 'Enabled') : undefined
  return enabled?.type === 'boolean' && enabled.value === true ? [xrayPolicy(partition)] : []
}

/** The statement SAM adds for a DeadLetterQueue: send to its queue or publish to its topic. */
function deadLetterStatement(node: JsonNode): JsonNode | undefined {
  const dlq = node.type === 'object' ? entries(node) : undefined
  const type = dlq?.get('Type')
  const target = dlq?.get('TargetArn')
  const action =
    type?.type === 'string' ? { SQS: 'sqs:SendMessage', SNS: 'sns:Publish' }[type.value] : undefined
  if (!action || !target) return undefined
  const at = { line: node.line, column: node.column }
  const document = positioned(
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '' }] },
    at,
  )
  // The target stays as written (an intrinsic, evaluated with the rest).
  const statement = ((document as JsonObject).values[1] as { items: JsonObject[] }).items[0] as JsonObject
  statement.values[2] = target
  return document
}

/**
 * The logical id of the resource an exported value names: `Ref: Id` (a role's, user's or group's name,
 * a managed policy's ARN), or a managed policy's `Fn::GetAtt: [Id, PolicyArn]`; else none.
 */
function exportedResource(node: JsonNode): string | undefined {
  const id = logicalIdOf(node)
  if (id === undefined || (node.type === 'object' && node.keys[0]?.value === 'Ref')) return id
  const value = node.type === 'object' ? node.values[0] : undefined
  const attribute =
    value?.type === 'string'
      ? value.value.split('.').slice(1).join('.')
      : value?.type === 'array' && value.items[1]?.type === 'string'
        ? value.items[1].value
        : undefined
  return attribute === 'PolicyArn' ? id : undefined
}

/** The logical id a `Ref` or `Fn::GetAtt` names (SAM's get_logical_id_from_intrinsic); else none. */
function logicalIdOf(node: JsonNode): string | undefined {
  if (node.type !== 'object' || node.keys.length !== 1) return undefined
  const [key] = node.keys
  const value = node.values[0] as JsonNode
  if (key?.value === 'Ref') return value.type === 'string' ? value.value : undefined
  if (key?.value !== 'Fn::GetAtt') return undefined
  if (value.type === 'string') return value.value.split('.')[0]
  const [first] = value.type === 'array' ? value.items : []
  return first?.type === 'string' ? first.value : undefined
}

/** What `${Resolve:…}` stands for (a dynamic reference, `{{resolve:ssm:…}}`), said of a value not known here. */
const DYNAMIC_REFERENCE =
  'a dynamic reference ({{resolve:…}}): what Systems Manager or Secrets Manager holds when the stack is deployed'

/**
 * The parameters' values: the config's, else each one's Default, else none (a placeholder then). The
 * Default of an `AWS::SSM::Parameter::Value<…>` parameter is the name of a Systems Manager parameter,
 * whose value, read when the stack is deployed, is not known here: a placeholder too.
 */
function parameterValues(
  node: JsonNode | undefined,
  given: ReadonlyMap<string, string>,
): Map<string, string | readonly string[]> {
  const values = new Map<string, string | readonly string[]>()
  if (node?.type !== 'object') return values
  node.keys.forEach((key, i) => {
    const spec = node.values[i] as JsonNode
    const fields = spec.type === 'object' ? entries(spec) : new Map<string, JsonNode>()
    const type = fields.get('Type')
    const fromSsm = type?.type === 'string' && type.value.trim().startsWith('AWS::SSM::Parameter::Value<')
    const fallback = fromSsm ? undefined : fields.get('Default')
    const value =
      given.get(key.value) ??
      (fallback?.type === 'string' || fallback?.type === 'number' || fallback?.type === 'boolean'
        ? String(fallback.value)
        : `\${${key.value}}`)
    const isList =
      type?.type === 'string' && (type.value === 'CommaDelimitedList' || type.value.startsWith('List<'))
    values.set(key.value, isList && !value.startsWith('${') ? value.split(',').map((v) => v.trim()) : value)
  })
  return values
}

/** What an AWS managed policy's findings say of the resource that attaches it: its logical id and construct. */
function attachedBy(source: DocumentSource): { address?: string; cdkPath?: string; samImplicit?: boolean } {
  const address = codeAddress(source)
  const cdkPath = constructPath(source)
  return {
    ...(address !== undefined && { address }),
    ...(cdkPath !== undefined && { cdkPath }),
    ...(source.kind === 'cloudformation' && source.samImplicit && { samImplicit: true }),
  }
}

/** A value written as true or false (a boolean, or the strings CloudFormation also takes), else undefined. */
function flagOf(value: JsonNode | typeof NO_VALUE): boolean | undefined {
  const text = value === NO_VALUE ? undefined : scalarText(value)?.toLowerCase()
  return text === 'true' ? true : text === 'false' ? false : undefined
}
