// What resources an action can act on, by the catalog's resource types and their ARN formats: whether
// a pattern covers every resource of a type (as wide as `*`), and whether a resource can be one the
// action acts on at all.
import { type Catalog, type CatalogAction, wildcardMatcher } from '../catalog/catalog.js'
import { arnFieldColons } from '../vocabulary/accounts.js'
import { escapeRegExp, linearRegExp } from '../vocabulary/linear-regexp.js'
import { kept } from '../vocabulary/lists.js'
import { placeholdersOf, replacePlaceholders } from '../vocabulary/placeholders.js'
import type { Located, Statement } from '../vocabulary/policy.js'
import { withReferenceShapes } from '../vocabulary/reference-shapes.js'

/**
 * Whether a resource pattern covers every resource of some type `action` applies to, as `*` does:
 * the type's ARN format with each name part `*` (partition, region and account as written), such as
 * `arn:aws:lambda:*:*:function:*` or `arn:aws:iam::111122223333:role/*`, or with one `*` for several
 * (`arn:aws:sagemaker:*:*:app/*`). `types`, when given, are the
 * only types of the action's that count (keys of its service's resource types).
 */
export function coversEveryResource(
  pattern: string,
  action: CatalogAction,
  catalog: Catalog,
  types: readonly string[] = action.resourceTypes,
): boolean {
  if (pattern === '*') return true
  const typed = typedResource(pattern)
  if (typed === undefined) return false
  const lower = typed.toLowerCase()
  return formatsOf({ service: action.service, resourceTypes: types }, catalog).coveredBy(lower)
}

/**
 * Whether a pattern (lower case) covers every resource of one of `formats` with a `*` that spans more
 * than one name part, as IAM's `*` does (`…:app/*` covers `app/${DomainId}/${UserProfileName}/…`): the
 * format with the pattern's own partition, region and account and each name part a `*`, matched by the
 * pattern. Sound without `?`: each of those `*`s is then matched by one of the pattern's, which matches
 * any name as well.
 */
function spansEvery(pattern: string, formats: readonly string[]): boolean {
  if (!pattern.includes('*') || pattern.includes('?') || pattern.length > MAX_ARN_LENGTH) return false
  const [arn, partition = '', , region = '', account = ''] = pattern.split(':', 5)
  if (arn !== 'arn') return false
  const matcher = wildcardMatcher(pattern, false)
  const own: Record<string, string> = {
    '${partition}': partition,
    '${region}': region,
    '${account}': account,
  }
  return formats.some((format) =>
    matcher.test(format.toLowerCase().replace(VARIABLES, (variable) => own[variable] ?? '*')),
  )
}
const VARIABLES = /\$\{[^}]+\}/g

/** Whether an Allow statement grants `action` on some resource it can act on. */
export function effectiveOn(statement: Statement, action: CatalogAction, catalog: Catalog): boolean {
  return statement.notResource
    ? !excludedByNotResource(statement, catalog)(action)
    : statement.resources.some((r) => appliesTo(r.shape ?? r.value, action, catalog))
}

/**
 * effectiveOn for the many actions of one statement (a `*`, a NotAction, a `service:*`), as a test. The
 * answer depends on an action only through its list of resource types, which the catalog makes once
 * per service and set of types (22,000 actions, ~3,100 lists; the empty one, shared by all, is answered
 * once per service): so it is worked out once per list. A policy of `"Action": "*"` statements on
 * named resources asked about every action of the catalog for each, ~2 ms a statement.
 */
export function actsOn(statement: Statement, catalog: Catalog): (action: CatalogAction) => boolean {
  if (statement.notResource) {
    const excluded = excludedByNotResource(statement, catalog)
    return (action) => !excluded(action)
  }
  if (statement.resources.every((r) => resourcePattern(r.shape ?? r.value) === '*')) return ALWAYS
  const byTypes = new Map<unknown, boolean>()
  return (action) => {
    // An action IAM asks for on an ARN of its own (REQUEST_ARNS, OTHER_FORMATS) is answered for itself.
    // The empty list is every service's: an action without types is answered per service (appliesTo).
    const key =
      REQUEST_ARNS.has(action.name) || OTHER_FORMATS.has(action.name)
        ? action
        : action.resourceTypes.length === 0
          ? action.service
          : action.resourceTypes
    let on = byTypes.get(key)
    if (on === undefined) {
      on = effectiveOn(statement, action, catalog)
      byTypes.set(key, on)
    }
    return on
  }
}

const ALWAYS = () => true
const NEVER = () => false

/**
 * Of a NotResource statement, a test of whether it leaves an action nothing to act on: one of its
 * patterns covers every resource of each of the action's types (`sagemaker:DescribeDomain`, which acts
 * on domains alone, under NotResource `arn:aws:sagemaker:*:*:domain/*`), so the statement grants it on
 * nothing. Not an action with no resource types (authorized on `*`, which no ARN pattern covers) nor
 * one IAM asks for on an ARN of its own. Answered once per resource type the statement meets.
 */
export function excludedByNotResource(
  statement: Statement,
  catalog: Catalog,
): (action: CatalogAction) => boolean {
  if (!statement.notResource) return NEVER
  if (noResourceLeft(statement)) return ALWAYS
  return kept(EXCLUDED, statement, () => excludedBy(statement, catalog))
}

/**
 * The entry by which a NotResource statement leaves nothing, if it has one: a `*` matches every ARN and
 * the `*` of actions with no resource types too, so the statement grants nothing (cfn_nag's test
 * templates).
 */
export function noResourceLeft(statement: Statement): Located<string> | undefined {
  return statement.notResource ? statement.resources.find((r) => ONLY_STARS.test(r.value)) : undefined
}
const ONLY_STARS = /^\*+$/
const EXCLUDED = new WeakMap<Statement, (action: CatalogAction) => boolean>()

function excludedBy(statement: Statement, catalog: Catalog): (action: CatalogAction) => boolean {
  // A type is covered only by a pattern of its ARN's service, or of a wildcard one: each type is
  // weighed against those alone, and not at all past MAX_EXCLUDING of them (then the statement is
  // taken to grant what it names). `"Action": "*"` on 5,000 buckets' NotResource tried every pattern
  // against every type: 30 s.
  const byService = new Map<string, string[]>()
  const anyService: string[] = []
  for (const { value } of statement.resources) {
    // `*` covers every type; what reads as no typed ARN (a placeholder of the whole resource), none.
    const service = value === '*' ? value : serviceOf(typedResource(value) ?? '')
    if (!service) continue
    if (WILDCARD.test(service)) anyService.push(value)
    else kept(byService, service.toLowerCase(), () => []).push(value)
  }
  const covered = new Map<string, boolean>()
  return (action) => {
    const types = action.resourceTypes
    if (types.length === 0 || REQUEST_ARNS.has(action.name) || OTHER_FORMATS.has(action.name)) return false
    for (const type of types) {
      const key = `${action.service}:${type}`
      let whole = covered.get(key)
      if (whole === undefined) {
        const format = catalog.resourceType(action.service, type)?.arn
        const service = format === undefined ? undefined : serviceOf(format)?.toLowerCase()
        const own = (service !== undefined && byService.get(service)) || []
        const only = [type]
        const covers = (pattern: string) => coversEveryResource(pattern, action, catalog, only)
        whole =
          anyService.length + own.length <= MAX_EXCLUDING && (anyService.some(covers) || own.some(covers))
        covered.set(key, whole)
      }
      if (!whole) return false
    }
    return true
  }
}

/** The most NotResource patterns a resource type is weighed against (see excludedByNotResource). */
const MAX_EXCLUDING = 32

/**
 * Whether a statement's resource can name something `action` acts on: `*`; a placeholder of the whole
 * resource; an ARN of one of its resource types; or a pattern that may match one (a placeholder in an
 * ARN read as resourcePattern reads it). IAM's `*` in a resource spans any text,
 * `/` and `:` too, so a pattern is taken as matching unless its literal text rules the type out: another
 * service, or in S3 a `/` (objects) where the action acts on buckets. An action with no resource types
 * acts on `*` alone. In S3 a bucket name holds no `/`; elsewhere a name may (log groups, paths).
 */
export function appliesTo(written: string, action: CatalogAction, catalog: Catalog): boolean {
  const resource = resourcePattern(written)
  if (resource === '*') return true
  const wildcard = WILDCARD.test(resource)
  if (inOtherFormat(resource, wildcard, action.name)) return true
  // An action with no resource types is authorized on `*`, or in some services on a service-wide ARN
  // (`arn:aws:s3:::*` for s3:ListAllMyBuckets): a pattern naming a resource before its first wildcard
  // (`arn:aws:s3:::reports/*`) can be neither.
  if (action.resourceTypes.length === 0) {
    // Not on an ARN of another service: `"*"` on `arn:aws:logs:*:*:*` grants no a4b:ListSkills.
    const service = serviceOf(resource)
    if (service !== undefined && !WILDCARD.test(service) && !ownsArnsOf(action.service, service, catalog))
      return false
    return (wildcard && !namesResource(resource)) || coversRequestArn(resource, action.name)
  }
  const known = formatsOf(action, catalog)
  const { formats, services } = known
  if (formats.length === 0) return true
  // A resource of a service none of the action's types belong to: none, unless it is the action's own
  // service, where the catalog may lack a type (then it is taken as applying, not flagged on a guess).
  const service = serviceOf(resource)
  if (service !== undefined && !WILDCARD.test(service) && !services.has(service))
    return service === action.service
  // The same leniency where its own service has types but none matches: only S3's bucket/object line
  // is sure enough to flag (below); elsewhere a pattern of the action's own service is taken as applying.
  if (wildcard && service === action.service && action.service !== 's3') return true
  if (wildcard) {
    const literal = resource.slice(0, resource.search(WILDCARD))
    const objects = S3_OBJECTS.test(literal)
    // `arn:aws:s3:::bucket/…` names objects: the action must act on objects of a bucket.
    return !objects || formats.some((f) => S3_OBJECT_FORMAT.test(f))
  }
  // Longer than any ARN AWS makes: not matched (each format's `.*`s made that quadratic in its length,
  // 40,000 characters took 1.5 s), and taken as applying, as a pattern not ruled out is.
  if (resource.length > MAX_ARN_LENGTH) return true
  const lower = resource.toLowerCase()
  return known.applies.some((pattern) => pattern.test(lower))
}

/** IAM's limit for a role's or policy's ARN, and about the longest of any resource type's. */
const MAX_ARN_LENGTH = 2048

/**
 * A key for what appliesTo answers about `resource`, whatever the action: two resources with the same
 * key are answered the same for every action. A pattern (`arn:aws:s3:::b1/*`, `arn:aws:s3:::b2/*`) is
 * judged only by its service, whether its literal part names a resource, and whether it names S3
 * objects; an ARN without a wildcard by its whole text (its types' formats are matched against it).
 * Lists of what `*` grants on a resource are kept by these keys, not by the resources' text.
 */
export function resourceShape(written: string): string {
  const resource = resourcePattern(written)
  if (resource === '*') return '*'
  if (!WILDCARD.test(resource)) return resource
  const literal = resource.slice(0, resource.search(WILDCARD))
  const service = serviceOf(resource) ?? ''
  const requests = REQUEST_SERVICES.has(service)
    ? [...REQUEST_ARNS.keys()].map((action) => (coversRequestArn(resource, action) ? 1 : 0)).join('')
    : ''
  return `\u0002${service}\u0002${namesResource(resource) ? 1 : 0}${S3_OBJECTS.test(literal) ? 1 : 0}${requests}`
}

/**
 * Actions the catalog gives no resource type that IAM nonetheless authorizes on an ARN of the request's
 * region and account, not on `*` alone: logs:DescribeLogGroups is asked for on
 * `arn:aws:logs:<region>:<account>:log-group::log-stream:` (AccessDenied messages name it), so
 * `arn:aws:logs:us-east-1:111122223333:log-group:*` grants it, and `…:log-group:app:*` does not.
 */
const REQUEST_ARNS: ReadonlyMap<string, string> = new Map([
  ['logs:DescribeLogGroups', 'log-group::log-stream:'],
  // `… is not authorized to perform: states:ListStateMachines on resource:
  // arn:aws:states:<region>:<account>:stateMachine:*`.
  ['states:ListStateMachines', 'stateMachine:*'],
  // `… cloudfront:CreateDistribution on resource: arn:aws:cloudfront::<account>:distribution/*` (the
  // distribution has no id yet).
  ['cloudfront:CreateDistribution', 'distribution/*'],
  // `… events:ListRules on resource: arn:aws:events:<region>:<account>:rule/*` (the default bus's rules), as
  // AWS's Operations Conductor solution grants it.
  ['events:ListRules', 'rule/*'],
  // IAM's List actions of a path: asked for on the path prefix they list (`… iam:ListRoles on resource:
  // arn:aws:iam::<account>:role/`, as AWS's own AccessDenied example names it); see coversRequestArn.
  ['iam:ListRoles', 'role/'],
  ['iam:ListUsers', 'user/'],
  ['iam:ListGroups', 'group/'],
  ['iam:ListInstanceProfiles', 'instance-profile/'],
  // `… iam:ListVirtualMFADevices on resource: arn:aws:iam::<account>:mfa/`: it takes no path, so only a
  // pattern that matches `mfa/` itself (`mfa/*`, as AWS's older self-service MFA example grants) covers it.
  ['iam:ListVirtualMFADevices', 'mfa/'],
])
/** The List actions above that take a path prefix, and so are asked for on `role/app/` too. */
const LISTS_BY_PATH = new Set([
  'iam:ListRoles',
  'iam:ListUsers',
  'iam:ListGroups',
  'iam:ListInstanceProfiles',
])
const REQUEST_SERVICES = new Set(
  [...REQUEST_ARNS.keys()].map((action) => action.slice(0, action.indexOf(':'))),
)

/**
 * ARN formats IAM authorizes an action on besides its catalog resource types': a template that uses a
 * transform (AWS::Serverless-2016-10-31, a macro) needs cloudformation:CreateChangeSet on the transform,
 * `arn:aws:cloudformation:<region>:aws:transform/<name>` (AWS CloudFormation User Guide, "Controlling
 * access with AWS Identity and Access Management"; AWS SAM's deployment permissions). A pattern of the
 * action's own service is taken as applying already.
 */
const OTHER_FORMATS: ReadonlyMap<string, readonly string[]> = new Map([
  [
    'cloudformation:CreateChangeSet',
    ['arn:${Partition}:cloudformation:${Region}:aws:transform/${TransformName}'],
  ],
  // An HTTP Task's call is authorized on the state machine that makes it: the Step Functions Developer
  // Guide's execution roles for HTTP Tasks grant states:InvokeHTTPEndpoint on the state machine's ARN
  // (with states:HTTPEndpoint and states:HTTPMethod conditions), though the catalog gives it no type.
  [
    'states:InvokeHTTPEndpoint',
    ['arn:${Partition}:states:${Region}:${Account}:stateMachine:${StateMachineName}'],
  ],
  // A Session Manager data channel is authorized on its session, an ARN of ssm's: AWS's managed policies
  // (AmazonSSMAutomationRole, AWSCloud9User, AmazonECSServiceRolePolicy) grant it on
  // `arn:aws:ssm:*:*:session/*`, though the catalog gives ssmmessages no resource type.
  ['ssmmessages:OpenDataChannel', ['arn:${Partition}:ssm:${Region}:${Account}:session/${SessionId}']],
  // The SSM agent's inventory is authorized on the instance that reports it (`… ssm:PutInventory on
  // resource: arn:aws:ec2:us-east-1:<account>:instance/i-…`), as the agent's other calls are on an instance
  // or a managed instance, though the catalog gives it no type: widdix's templates grant it so.
  [
    'ssm:PutInventory',
    [
      'arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}',
      'arn:${Partition}:ssm:${Region}:${Account}:managed-instance/${InstanceId}',
    ],
  ],
])

/**
 * Whether a resource is one of OTHER_FORMATS' for the action: an ARN matching one, or a pattern of one's
 * service (as a pattern of an action's own service is taken as applying: resourceShape keys patterns by
 * service, so no finer test could be kept apart in the lists it keys).
 */
function inOtherFormat(resource: string, wildcard: boolean, action: string): boolean {
  const formats = OTHER_FORMATS.get(action)
  if (!formats) return false
  if (wildcard) return formats.some((f) => serviceOf(f) === serviceOf(resource))
  const lower = resource.toLowerCase()
  return formats.some((f) => formatPattern(f, 'applies').test(lower))
}

/** Whether a resource pattern matches the ARN IAM authorizes a no-resource-type action on, if it has one. */
function coversRequestArn(pattern: string, action: string): boolean {
  const resource = REQUEST_ARNS.get(action)
  if (!resource) return false
  // The request's partition, region and account are whatever the pattern says there.
  const [arn, partition, service, region, account] = pattern.split(':')
  if (arn !== 'arn' || service !== action.slice(0, action.indexOf(':'))) return false
  if (wildcardMatcher(pattern).test(`arn:${partition}:${service}:${region}:${account}:${resource}`))
    return true
  // Asked for on a path (`role/`, or `role/app/` with `--path-prefix /app/`): a pattern of that prefix
  // that can end a path (`role/app/*`, `role/app/`) covers some request.
  if (!LISTS_BY_PATH.has(action)) return false
  const named = pattern.split(':').slice(5).join(':')
  return named.startsWith(resource) && /[/*?]$/.test(named)
}

// At module level: appliesTo runs for every action and resource of a statement, and a literal in a
// function is a new RegExp object each time it runs.
const WILDCARD = /[*?]/
const S3_OBJECTS = /^arn:[^:]*:s3:::[^/]*\//
const S3_OBJECT_FORMAT = /^arn:\$\{Partition\}:s3:::[^/]*\//

/**
 * An action's ARN formats, the services they belong to, and their patterns of each reading: built once
 * per action, the patterns on first use (a NotAction statement asks about thousands of actions, most of
 * which a resource's service rules out without a pattern).
 */
class ActionFormats {
  readonly services: ReadonlySet<string>
  private appliesPatterns: readonly RegExp[] | undefined
  private everyPatterns: readonly RegExp[] | undefined
  /** coveredBy's answers, by pattern. */
  private readonly covered = new Map<string, boolean>()

  constructor(
    /** The service whose resource types these are. */
    readonly service: string,
    readonly formats: readonly string[],
  ) {
    this.services = new Set(formats.map((f) => f.split(':')[2] ?? ''))
  }

  get applies(): readonly RegExp[] {
    this.appliesPatterns ??= this.formats.map((f) => formatPattern(f, 'applies'))
    return this.appliesPatterns
  }

  get every(): readonly RegExp[] {
    this.everyPatterns ??= this.formats.map((f) => formatPattern(f, 'every'))
    return this.everyPatterns
  }

  /**
   * Whether a typed pattern (lower case) covers every resource of one of these formats
   * (coversEveryResource), once per pattern: the escalation checks ask it of each escalating action a
   * statement grants, and a NotAction or `*` statement grants a hundred of them, most sharing a list.
   */
  coveredBy(pattern: string): boolean {
    let covered = this.covered.get(pattern)
    if (covered === undefined) {
      covered = this.every.some((every) => every.test(pattern)) || spansEvery(pattern, this.formats)
      if (this.covered.size >= MAX_COVERED) this.covered.clear()
      this.covered.set(pattern, covered)
    }
    return covered
  }
}
/** Answers coveredBy keeps per list of formats: a run names a few thousand patterns, a hostile one more. */
const MAX_COVERED = 4096

const formatsByTypes = new WeakMap<readonly string[], ActionFormats>()

/**
 * An action's ARN formats and their patterns, once per list of resource types: the catalog gives the
 * actions of a service with the same types one list (22,000 actions, 3,100 lists), and a NotAction or
 * `*` statement on a resource asks about every action there is.
 */
function formatsOf(
  action: Pick<CatalogAction, 'service' | 'resourceTypes'>,
  catalog: Catalog,
): ActionFormats {
  const types = action.resourceTypes
  let known = formatsByTypes.get(types)
  // A list is a service's own; one of the same identity elsewhere (an empty one) is built again.
  if (!known || known.service !== action.service) {
    known = new ActionFormats(
      action.service,
      types
        .map((key) => catalog.resourceType(action.service, key)?.arn)
        .filter((f): f is string => f !== undefined),
    )
    formatsByTypes.set(types, known)
  }
  return known
}

/** An action's ARN formats (the catalog's, in its order). */
export function actionFormats(action: CatalogAction, catalog: Catalog): readonly string[] {
  return formatsOf(action, catalog).formats
}

/**
 * A resource as its type can be told from it, for `every` reading (coversEveryResource): as written; with
 * a placeholder that stands for its whole partition, region or account
 * (`arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*`, a template read without `account:`) replaced
 * by a value of that kind, since those fields decide no type. Undefined for `*` and for a placeholder
 * anywhere else (`${Topic.Arn}`, `role/${Name}`): it may name one resource or all of them.
 */
export function typedResource(resource: string): string | undefined {
  return resource === '*' ? undefined : withPlaceholders(resource, undefined)
}

/**
 * typedResource for what a resource can name (appliesTo): a Terraform reference of a shape the provider
 * fixes as its stand-in (withReferenceShapes: `${aws_s3_bucket.b.arn}` is a bucket), another placeholder
 * as `*`, which in IAM spans any text, so the pattern names at least what the resource may
 * (`role/app-${AWS::Region}` is still a role).
 */
function resourcePattern(resource: string): string {
  if (!resource.includes('${')) return resource
  return withPlaceholders(withReferenceShapes(resource), '*') as string
}

function withPlaceholders(resource: string, other: string | undefined): string | undefined {
  if (!resource.includes('${')) return resource
  const colons = arnFieldColons(resource)
  const elsewhere = (text: string) =>
    other === undefined ? undefined : replacePlaceholders(text, () => other)
  if (colons.length < 5 || !resource.startsWith('arn:')) return elsewhere(resource)
  const fields = [0, 1, 2, 3, 4, 5].map((k) =>
    resource.slice(k === 0 ? 0 : (colons[k - 1] as number) + 1, colons[k] ?? resource.length),
  )
  for (const [k, field] of fields.entries()) {
    if (!field.includes('${')) continue
    const [first, ...more] = placeholdersOf(field)
    const standIn = STAND_INS[k]
    const whole = first !== undefined && more.length === 0 && first.start === 0 && first.end === field.length
    const replaced = standIn !== undefined && whole ? standIn : elsewhere(field)
    if (replaced === undefined) return undefined
    fields[k] = replaced
  }
  return fields.join(':')
}

/** What a placeholder of a whole partition, region or account field reads as, by the field's place. */
const STAND_INS: readonly (string | undefined)[] = [undefined, 'aws', undefined, 'us-east-1', '111122223333']

/**
 * Whether an action of `service` without resource types may be asked for on an ARN of `arnService`: its
 * own prefix, or the service of one of its service's resource types' ARNs (ebs's snapshots are ec2's).
 * A type whose ARN leaves the service to a placeholder (backup's recovery points, `${Vendor}`) is a
 * typed action's: the others are asked for on `*`.
 */
function ownsArnsOf(service: string, arnService: string, catalog: Catalog): boolean {
  if (arnService === service) return true
  const byService = kept(ARN_SERVICES, catalog, () => new Map<string, ReadonlySet<string>>())
  const services = kept(byService, service, () => {
    const found = new Set<string>()
    for (const { arn } of catalog.resourceTypesOf(service)) found.add(serviceOf(arn) ?? '')
    return found
  })
  return services.has(arnService)
}
const ARN_SERVICES = new WeakMap<Catalog, Map<string, ReadonlySet<string>>>()

/** Whether a pattern's text before its first wildcard reaches past the ARN's fifth colon (a resource). */
function namesResource(pattern: string): boolean {
  const literal = pattern.slice(0, pattern.search(/[*?]/))
  let colons = 0
  for (let i = 0; i < literal.length; i++) {
    if (literal[i] === ':') colons++
    else if (colons >= 5) return true
  }
  return false
}

/** The third field of an ARN (its service), without splitting the whole string. */
function serviceOf(arn: string): string | undefined {
  const first = arn.indexOf(':')
  const second = first < 0 ? -1 : arn.indexOf(':', first + 1)
  const third = second < 0 ? -1 : arn.indexOf(':', second + 1)
  return third < 0 ? undefined : arn.slice(second + 1, third)
}

/** Of an action's ARN formats, the one closest to what was written: for a "did you mean". */
export function nearestFormat(resource: string, formats: readonly string[]): string | undefined {
  const partition = resource.split(':')[1] ?? 'aws'
  const shared = (format: string) => {
    const sample = format.replace('${Partition}', partition)
    let n = 0
    while (n < sample.length && n < resource.length && sample[n] === resource[n]) n++
    return n
  }
  return [...formats].sort((a, b) => shared(b) - shared(a))[0]
}

const patterns = new Map<string, RegExp>()

/**
 * A catalog ARN format (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`) as a regular expression,
 * its variables read as `how` says: `any` text (case as written); `every` resource of the type (each
 * name `*`, partition, region and account anything); what a resource name `applies` to (any text, but
 * an S3 bucket name holds no `/`). Built once per format and reading; `every` and `applies` are
 * lower-case, to be tested on lower-cased text.
 */
export function formatPattern(format: string, how: 'any' | 'every' | 'applies'): RegExp {
  const key = `${how} ${format}`
  let pattern = patterns.get(key)
  if (!pattern) {
    // Without the `i` flag, so that V8 may match it in linear time (linear-regexp.ts): `every` and
    // `applies` are matched case-insensitively by lower-casing the pattern here and the text there.
    const text = how === 'any' ? format : format.toLowerCase()
    const body = text
      .split(/(\$\{[^}]+\})/)
      .map((part) => {
        if (!/^\$\{[^}]+\}$/.test(part)) return escapeRegExp(part)
        if (how === 'every') return /^\$\{(partition|region|account)\}$/i.test(part) ? '[^:]*' : '\\*'
        if (how === 'applies' && part.toLowerCase() === '${bucketname}') return '[^/]*'
        return '.*'
      })
      .join('')
    pattern = linearRegExp(`^${body}$`)
    patterns.set(key, pattern)
  }
  return pattern
}
