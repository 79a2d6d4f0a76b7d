// CloudFormation's intrinsic functions over the positioned tree of a template: what a property is once
// the stack is deployed, as far as the template, its parameters and the config can tell. What only the
// deployed stack knows stays a readable placeholder (`${MyBucket.Arn}`, `${ImportValue:shared-bucket}`),
// which the checks treat as a specific resource. Every value keeps the position it was written at.
import { type JsonNode, type JsonObject, type JsonString, keyIndex } from '../../policy/json-tree.js'
import { append } from '../../vocabulary/lists.js'
import { replacePlaceholders } from '../../vocabulary/placeholders.js'
import { computedAt } from './origin.js'

/** What the evaluator knows besides the template. */
export interface StackContext {
  readonly parameters: ReadonlyMap<string, string | readonly string[]>
  readonly account: string | undefined
  readonly region: string | undefined
  readonly stackName: string | undefined
  /** The physical name `Ref` gives for a resource, when the template fixes it (a RoleName). */
  readonly refOf: (logicalId: string) => string | undefined
  /** `Fn::GetAtt` of a resource, when the template fixes it (a role's Arn from its RoleName). */
  readonly attributeOf: (logicalId: string, attribute: string) => string | undefined
  /**
   * Whether the stack has a resource of this logical id (one SAM makes included), where its resources
   * are known: a `Fn::GetAtt` of another is refused, as CloudFormation refuses the template.
   */
  readonly isResource?: (logicalId: string) => boolean
  readonly mappings: JsonNode | undefined
  readonly conditions: JsonNode | undefined
}

/**
 * Evaluations in progress, each reference followed counted (a Ref of a role whose RoleName is a Ref of
 * another …), and the most: a chain of 700 such roles, or of 5,000 conditions, ran the stack out.
 */
let nesting = 0
const MAX_NESTING = 300

/** Where evaluation cannot go on: the message and the node it is about. */
export class IntrinsicError extends Error {
  constructor(
    message: string,
    readonly node: JsonNode,
  ) {
    super(message)
  }
}

/** The partition of a region (`aws` when it is not known). */
export function partitionOf(region: string | undefined): string {
  return region?.startsWith('cn-') ? 'aws-cn' : region?.startsWith('us-gov-') ? 'aws-us-gov' : 'aws'
}

/** The functions whose result is one of their arguments (not a value they make). */
const PASS_THROUGH = new Set([
  'Fn::If',
  'Fn::Select',
  'Fn::FindInMap',
  'Fn::Base64',
  'Fn::ToJsonString',
  'Condition',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
])

/** A key Fn::FindInMap's mapping does not have, where its DefaultValue stands instead. */
const MISSING_KEY: unique symbol = Symbol('missing key')

/** `AWS::NoValue`: the key or item is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue')

type Value = JsonNode | typeof NO_VALUE

const FUNCTIONS = new Set([
  'Ref',
  'Condition',
  'Fn::Sub',
  'Fn::Join',
  'Fn::GetAtt',
  'Fn::If',
  'Fn::Select',
  'Fn::Split',
  'Fn::FindInMap',
  'Fn::ImportValue',
  'Fn::Base64',
  'Fn::GetAZs',
  'Fn::Cidr',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Fn::Length',
  'Fn::ToJsonString',
  'Fn::Transform',
])

export class Evaluator {
  /** Conditions decided so far: true, false, or undefined when their parameters are not known. */
  private readonly decided = new Map<string, boolean | undefined>()
  private readonly deciding = new Set<string>()
  /** Conditions an `Fn::If` could not decide, whose two branches were both kept. */
  readonly undecided = new Set<string>()

  constructor(private readonly ctx: StackContext) {}

  /** A value with every intrinsic evaluated; `NO_VALUE` where `AWS::NoValue` removes it. */
  evaluate(node: JsonNode): Value {
    if (nesting >= MAX_NESTING)
      throw new IntrinsicError(
        `it follows references more than ${MAX_NESTING} deep (a Ref of a resource whose name is a Ref of another …)`,
        node,
      )
    nesting++
    try {
      return this.evaluateNode(node)
    } finally {
      nesting--
    }
  }

  private evaluateNode(node: JsonNode): Value {
    // Most of a policy is literal: a collection whose parts all evaluate to themselves is returned as
    // it is, and copied only from its first part that changes.
    if (node.type === 'array') {
      let items: JsonNode[] | undefined
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i] as JsonNode
        const value = this.evaluate(item)
        if (value === item && !items) continue
        items ??= node.items.slice(0, i)
        if (value === NO_VALUE) continue
        // An undecided Fn::If in a list keeps the items of both branches.
        if (value.type === 'array' && both.has(value)) append(items, value.items)
        else items.push(value)
      }
      return items ? { ...node, items } : node
    }
    if (node.type === 'string') return withDynamicReferences(node)
    if (node.type !== 'object') return node
    const fn = functionOf(node)
    if (fn) {
      const result = this.call(fn, node.values[0] as JsonNode, node)
      // Most functions make a new value, marked in place; If, Select and the like give one of their
      // arguments, which is copied to be marked.
      if (result === NO_VALUE) return result
      const marked = computedAt(result, node, !PASS_THROUGH.has(fn))
      return marked.type === 'string' ? withDynamicReferences(marked) : marked
    }
    let keys: JsonString[] | undefined
    let values: JsonNode[] | undefined
    for (let i = 0; i < node.values.length; i++) {
      const before = node.values[i] as JsonNode
      const value = this.evaluate(before)
      if (value === before && !values) continue
      keys ??= node.keys.slice(0, i)
      values ??= node.values.slice(0, i)
      if (value === NO_VALUE) continue
      keys.push(node.keys[i] as JsonString)
      values.push(value)
    }
    return values && keys ? { ...node, keys, values } : node
  }

  /** A value that must be a string (a name, an ARN): placeholders where the template cannot say. */
  string(node: JsonNode): string | undefined {
    const value = this.evaluate(node)
    if (value === NO_VALUE) return undefined
    if (value.type === 'string') return value.value
    if (value.type === 'number' || value.type === 'boolean') return String(value.value)
    return undefined
  }

  /** Whether a named condition holds: undefined when it depends on what is not known. */
  condition(name: string, at: JsonNode): boolean | undefined {
    if (this.decided.has(name)) return this.decided.get(name)
    const conditions = this.ctx.conditions
    const index = conditions?.type === 'object' ? keyIndex(conditions, name) : -1
    if (conditions?.type !== 'object' || index < 0)
      throw new IntrinsicError(`the condition ${JSON.stringify(name)} is not defined in Conditions`, at)
    if (this.deciding.has(name))
      throw new IntrinsicError(`the condition ${JSON.stringify(name)} depends on itself`, at)
    if (this.deciding.size >= MAX_NESTING)
      throw new IntrinsicError(`conditions name conditions more than ${MAX_NESTING} deep`, at)
    this.deciding.add(name)
    const result = this.truth(conditions.values[index] as JsonNode)
    this.deciding.delete(name)
    this.decided.set(name, result)
    return result
  }

  private truth(node: JsonNode): boolean | undefined {
    const fn = node.type === 'object' ? functionOf(node) : undefined
    const arg = fn ? ((node as JsonObject).values[0] as JsonNode) : undefined
    const items = arg?.type === 'array' ? arg.items : []
    switch (fn) {
      case 'Condition':
        if (arg?.type !== 'string')
          throw new IntrinsicError('Condition: expected the name of a condition', node)
        return this.condition(arg.value, arg)
      case 'Fn::Equals': {
        if (items.length !== 2) throw new IntrinsicError('Fn::Equals: expected a list of two values', node)
        const [a, b] = items.map((i) => this.evaluate(i))
        if (a === undefined || b === undefined || a === NO_VALUE || b === NO_VALUE) return undefined
        const sa = scalarText(a)
        const sb = scalarText(b)
        if (sa === undefined || sb === undefined || hasPlaceholder(sa) || hasPlaceholder(sb)) return undefined
        return sa === sb
      }
      case 'Fn::Not': {
        const inner = items[0] ? this.truth(items[0]) : undefined
        return inner === undefined ? undefined : !inner
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const values = items.map((i) => this.truth(i))
        const decisive = fn !== 'Fn::And'
        if (values.includes(decisive)) return decisive
        return values.includes(undefined) ? undefined : !decisive
      }
      default:
        if (node.type === 'boolean') return node.value as boolean
        if (node.type === 'string' && (node.value === 'true' || node.value === 'false'))
          return node.value === 'true'
        throw new IntrinsicError(
          'a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition',
          node,
        )
    }
  }

  private call(fn: string, arg: JsonNode, node: JsonObject): Value {
    const text = (value: string): JsonString => ({
      type: 'string',
      value,
      line: node.line,
      column: node.column,
    })
    const list = (what: string, count?: number): JsonNode[] => {
      if (arg.type !== 'array' || (count !== undefined && arg.items.length !== count))
        throw new IntrinsicError(`${fn}: expected ${what}`, arg)
      return arg.items
    }
    switch (fn) {
      case 'Ref': {
        if (arg.type !== 'string')
          throw new IntrinsicError('Ref: expected the name of a parameter or resource', arg)
        return this.ref(arg.value, arg, node)
      }
      case 'Fn::GetAtt': {
        const parts =
          arg.type === 'string'
            ? arg.value.split(/\.(.*)/s).filter((p) => p !== '')
            : list('[logicalId, attribute]', 2).map((p) => this.string(p))
        const [id, attribute] = parts
        if (typeof id !== 'string' || typeof attribute !== 'string')
          throw new IntrinsicError('Fn::GetAtt: expected [logicalId, attribute]', arg)
        this.mustBeResource(id, 'Fn::GetAtt', arg)
        return text(this.ctx.attributeOf(id, attribute) ?? `\${${id}.${attribute}}`)
      }
      case 'Fn::Sub':
        return text(this.sub(arg, node))
      case 'Fn::Join': {
        const [delimiter, values] = list('[delimiter, [values]]', 2) as [JsonNode, JsonNode]
        const sep = this.string(delimiter)
        // A literal list's parts, each evaluated once: an undecided Fn::If among them gives alternatives.
        const parts = values.type === 'array' ? values.items.map((item) => this.evaluate(item)) : undefined
        if (sep !== undefined && parts?.some((p) => p !== NO_VALUE && both.has(p)))
          return this.joinAlternatives(parts, sep, node)
        const joined =
          values.type === 'array' && parts
            ? { ...values, items: parts.filter((p): p is JsonNode => p !== NO_VALUE) }
            : this.evaluate(values)
        // A list known only when deployed (a List parameter without a value): its text is as unknown.
        if (
          sep !== undefined &&
          joined !== NO_VALUE &&
          joined.type === 'string' &&
          hasPlaceholder(joined.value)
        )
          return text(joined.value)
        if (sep === undefined || joined === NO_VALUE || joined.type !== 'array')
          throw new IntrinsicError('Fn::Join: expected [delimiter, [values]]', arg)
        return text(joined.items.map((i) => scalarText(i) ?? '').join(sep))
      }
      case 'Fn::Select': {
        const [index, values] = list('[index, [values]]', 2) as [JsonNode, JsonNode]
        const at = this.string(index)
        const i = Number(at)
        const from = this.evaluate(values)
        // From a list known only when deployed (`!GetAZs ''`, a List parameter without a value), or at
        // an index that is: an item known only then.
        if (from !== NO_VALUE && from.type === 'string' && hasPlaceholder(from.value))
          return text(selected(at ?? '?', from.value))
        if (at !== undefined && hasPlaceholder(at) && from !== NO_VALUE && from.type === 'array')
          return text(selected(at, from.items.map((item) => scalarText(item) ?? '?').join(',')))
        if (from === NO_VALUE || from.type !== 'array' || !Number.isInteger(i))
          throw new IntrinsicError('Fn::Select: expected [index, [values]]', arg)
        // Past the parts of a split that are known: what a placeholder holds may add parts (a stream
        // ARN split at "/"), so the item is known only when deployed.
        const split = splitOf(from)
        if (split && i >= split.known) return text(selected(String(i), split.source))
        const picked = from.items[i]
        if (!picked)
          throw new IntrinsicError(`Fn::Select: index ${i} is outside the list of ${from.items.length}`, arg)
        return picked
      }
      case 'Fn::Split': {
        const [delimiter, source] = list('[delimiter, string]', 2) as [JsonNode, JsonNode]
        const sep = this.string(delimiter)
        const value = this.string(source)
        if (sep === undefined || value === undefined)
          throw new IntrinsicError('Fn::Split: expected [delimiter, string]', arg)
        if (sep === '' || !hasPlaceholder(value))
          return { type: 'array', items: value.split(sep).map(text), line: node.line, column: node.column }
        // A placeholder stays whole (`${AWS::AccountId}` holds no ":" once deployed); the parts from the
        // first one that holds a placeholder on are known only when deployed.
        const parts = splitOutsidePlaceholders(value, sep)
        const known = parts.findIndex(hasPlaceholder)
        return markSplit(
          { type: 'array', items: parts.map(text), line: node.line, column: node.column },
          { known: known < 0 ? parts.length : known, source: value },
        )
      }
      case 'Fn::FindInMap': {
        const items = list('[MapName, TopLevelKey, SecondLevelKey]')
        const keys = items.slice(0, 3).map((k) => this.string(k))
        // AWS::LanguageExtensions: `{ DefaultValue: … }` fourth, what a key the mapping lacks gives.
        const options = items[3]
        const fallback = options?.type === 'object' ? keyIndex(options, 'DefaultValue') : -1
        const found = this.findInMap(keys, arg, fallback >= 0)
        if (found === MISSING_KEY) return this.evaluate((options as JsonObject).values[fallback] as JsonNode)
        return found ?? text(`\${FindInMap:${keys.join('.')}}`)
      }
      case 'Fn::ImportValue':
        return text(`\${ImportValue:${this.string(arg) ?? '?'}}`)
      case 'Fn::If': {
        const [name, yes, no] = list('[condition, value if true, value if false]', 3) as [
          JsonNode,
          JsonNode,
          JsonNode,
        ]
        if (name.type !== 'string')
          throw new IntrinsicError('Fn::If: expected the name of a condition first', name)
        const holds = this.condition(name.value, name)
        if (holds === true) return this.evaluate(yes)
        if (holds === false) return this.evaluate(no)
        // Undecided: both branches are kept, as a list (the checks then judge what either could grant).
        this.undecided.add(name.value)
        const branches = [this.evaluate(yes), this.evaluate(no)]
        const kept = branches.filter((v): v is JsonNode => v !== NO_VALUE)
        const items = kept.flatMap((v) => (v.type === 'array' ? v.items : [v]))
        return markBoth({ type: 'array', items, line: node.line, column: node.column }, kept.length < 2)
      }
      case 'Condition':
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not': {
        const holds = this.truth(node)
        return holds === undefined
          ? text(`\${Condition:${fn}}`)
          : { type: 'boolean', value: holds, line: node.line, column: node.column }
      }
      case 'Fn::Base64':
      case 'Fn::ToJsonString':
        return this.evaluate(arg)
      case 'Fn::GetAZs':
        return text(`\${GetAZs:${this.ctx.region ?? '${AWS::Region}'}}`)
      case 'Fn::Length':
      case 'Fn::Cidr':
      case 'Fn::Transform':
        return text(`\${${fn}}`)
      default:
        throw new IntrinsicError(`${fn} is not an intrinsic function`, node)
    }
  }

  private ref(name: string, at: JsonNode, node: JsonObject): Value {
    const text = (value: string): JsonString => ({
      type: 'string',
      value,
      line: node.line,
      column: node.column,
    })
    const pseudo = this.pseudo(name)
    if (pseudo === NO_VALUE) return NO_VALUE
    if (pseudo !== undefined) return text(pseudo)
    const parameter = this.ctx.parameters.get(name)
    if (parameter === '') return markEmpty(text(parameter), name)
    if (parameter !== undefined)
      return typeof parameter === 'string'
        ? text(parameter)
        : { type: 'array', items: parameter.map(text), line: node.line, column: node.column }
    const resource = this.ctx.refOf(name)
    if (resource !== undefined) return text(resource)
    // SAM's `!Ref MyFunction.Alias` and `.Version`: the alias and version AutoPublishAlias makes.
    const published = PUBLISHED.exec(name)
    if (published && this.ctx.refOf(published[1] as string) !== undefined) return text(`\${${name}}`)
    throw new IntrinsicError(
      `Ref: ${JSON.stringify(name)} is neither a parameter nor a resource of this template`,
      at,
    )
  }

  /** A `Fn::GetAtt` of what is not a resource of the stack, refused as CloudFormation refuses it. */
  private mustBeResource(id: string, what: string, at: JsonNode): void {
    if (!this.ctx.isResource || this.ctx.isResource(id)) return
    throw new IntrinsicError(
      this.ctx.parameters.has(id)
        ? `${what}: ${JSON.stringify(id)} is a parameter, not a resource; only a resource has attributes (the parameter's value is Ref: ${id})`
        : `${what}: ${JSON.stringify(id)} is not a resource of this template; expected the logical ID of one of its resources`,
      at,
    )
  }

  /** A pseudo parameter's value, a placeholder when not known, NO_VALUE for AWS::NoValue. */
  private pseudo(name: string): string | typeof NO_VALUE | undefined {
    const { account, region, stackName } = this.ctx
    switch (name) {
      case 'AWS::NoValue':
        return NO_VALUE
      case 'AWS::AccountId':
        return account ?? '${AWS::AccountId}'
      case 'AWS::Region':
        return region ?? '${AWS::Region}'
      case 'AWS::Partition':
        return partitionOf(region)
      case 'AWS::URLSuffix':
        return region?.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
      case 'AWS::StackName':
        return stackName ?? '${AWS::StackName}'
      case 'AWS::StackId':
      case 'AWS::NotificationARNs':
        return `\${${name}}`
      default:
        return undefined
    }
  }

  /**
   * Fn::Join of a literal list holding undecided Fn::Ifs: each branch is another text, not another part,
   * so each choice of branches is joined (`arn:aws:s3:::` with `prod` or `dev` is two ARNs, not
   * `arn:aws:s3:::proddev`), up to MAX_JOINED texts, past which those parts are a placeholder. `parts`:
   * the list's items evaluated.
   */
  private joinAlternatives(
    parts: readonly (JsonNode | typeof NO_VALUE)[],
    sep: string,
    node: JsonObject,
  ): JsonNode {
    let count = 1
    for (const p of parts) if (p !== NO_VALUE && both.has(p)) count *= branchesOf(p).length
    // Each choice of parts so far; a part AWS::NoValue leaves out is no part, as Fn::Join has it.
    let choices: string[][] = [[]]
    for (const p of parts) {
      if (p === NO_VALUE) continue
      const options =
        !both.has(p) || count > MAX_JOINED
          ? [both.has(p) ? '${Fn::If}' : (scalarText(p) ?? '')]
          : branchesOf(p).map((b) => (b === NO_VALUE ? undefined : (scalarText(b) ?? '')))
      choices = choices.flatMap((chosen) => options.map((o) => (o === undefined ? chosen : [...chosen, o])))
    }
    const texts = new Set(choices.map((chosen) => chosen.join(sep)))
    const items = [...texts].map(
      (value): JsonNode => ({ type: 'string', value, line: node.line, column: node.column }),
    )
    return items.length === 1
      ? (items[0] as JsonNode)
      : markBoth({ type: 'array', items, line: node.line, column: node.column })
  }

  private sub(arg: JsonNode, node: JsonObject): string {
    let template: string | undefined
    const vars = new Map<string, string>()
    if (arg.type === 'string') template = arg.value
    else if (arg.type === 'array' && arg.items.length === 2 && arg.items[0]?.type === 'string') {
      template = arg.items[0].value
      const map = arg.items[1] as JsonNode
      if (map.type !== 'object') throw new IntrinsicError('Fn::Sub: expected [string, {variables}]', arg)
      map.keys.forEach((k, i) => {
        vars.set(k.value, this.string(map.values[i] as JsonNode) ?? `\${${k.value}}`)
      })
    }
    if (template === undefined)
      throw new IntrinsicError('Fn::Sub: expected a string or [string, {variables}]', arg)
    return replacePlaceholders(template, (whole, written) => {
      if (written.startsWith('!')) return `\${${written.slice(1)}}`
      // CloudFormation reads `${ AWS::Region }` as `${AWS::Region}`.
      const name = written.trim()
      const own = vars.get(name)
      if (own !== undefined) return own
      const dot = name.indexOf('.')
      if (dot > 0 && !name.startsWith('AWS::')) {
        const id = name.slice(0, dot)
        this.mustBeResource(id, `Fn::Sub: ${whole}`, arg)
        return this.ctx.attributeOf(id, name.slice(dot + 1)) ?? whole
      }
      const value = this.ref(name, arg, node)
      if (value === NO_VALUE) return ''
      return scalarText(value) ?? (value.type === 'array' ? value.items.map(scalarText).join(',') : whole)
    })
  }

  /**
   * The value the keys find in the mappings; undefined when a key is not known here; MISSING_KEY for a
   * key the mapping lacks when there is a default to give instead (else that is an error, as
   * CloudFormation refuses the template).
   */
  private findInMap(
    keys: (string | undefined)[],
    at: JsonNode,
    hasDefault: boolean,
  ): JsonNode | typeof MISSING_KEY | undefined {
    let node = this.ctx.mappings
    for (const key of keys) {
      if (key === undefined || hasPlaceholder(key)) return undefined
      if (node?.type !== 'object') return undefined
      const i = keyIndex(node, key)
      if (i < 0) {
        if (hasDefault) return MISSING_KEY
        throw new IntrinsicError(`Fn::FindInMap: no key ${JSON.stringify(key)} in the mapping`, at)
      }
      node = node.values[i]
    }
    return node
  }
}

/**
 * A string with CloudFormation's dynamic references (`{{resolve:ssm:/app/key-arn}}`,
 * `{{resolve:secretsmanager:…}}`), which it replaces when it deploys the stack with what Systems Manager or
 * Secrets Manager holds then, as placeholders (`${Resolve:ssm:/app/key-arn}`): not known here. The node
 * itself when it has none.
 */
function withDynamicReferences<T extends JsonNode & { type: 'string' }>(node: T): T {
  let start = node.value.indexOf('{{resolve:')
  if (start < 0) return node
  let value = ''
  let last = 0
  while (start >= 0) {
    const end = node.value.indexOf('}}', start)
    if (end < 0) break
    // Capitalised, as `${ImportValue:…}` is: `${resolve:…}` would read as an IAM policy variable.
    value += `${node.value.slice(last, start)}\${R${node.value.slice(start + 3, end).replace(/[${}]/g, '')}}`
    last = end + 2
    start = node.value.indexOf('{{resolve:', last)
  }
  return computedAt({ ...node, value: value + node.value.slice(last) }, node, true)
}

/** The intrinsic function an object is a call of: a single key that names one. */
export function functionOf(node: JsonObject): string | undefined {
  const key = node.keys.length === 1 ? node.keys[0]?.value : undefined
  return key !== undefined && FUNCTIONS.has(key) ? key : undefined
}

/** A scalar's text (a string, a number or a boolean as written); undefined for anything else. */
export function scalarText(node: JsonNode): string | undefined {
  if (node.type === 'string') return node.value
  if (node.type === 'number' || node.type === 'boolean') return String(node.value)
  return undefined
}

const PUBLISHED = /^(.+)\.(Alias|Version)$/

function hasPlaceholder(text: string): boolean {
  return text.includes('${')
}

/**
 * The values of undecided `Fn::If`s: both branches' items, spread into the list that holds them. A
 * symbol-keyed mark, so that the copy of a result made to say where it was written keeps it.
 */
const EMPTY: unique symbol = Symbol('an empty parameter')
function markEmpty(node: JsonString, parameter: string): JsonString {
  return Object.assign(node, { [EMPTY]: parameter })
}

/** The parameter whose empty value a string is (a `Ref` to it), if it is one. */
export function emptyParameterOf(node: JsonNode): string | undefined {
  return (node as JsonNode & { [EMPTY]?: string })[EMPTY]
}

const BOTH: unique symbol = Symbol('both branches')
/** `orNone`: one branch was AWS::NoValue, so that nothing is a choice too (in a Fn::Join, no part). */
function markBoth(node: JsonNode, orNone = false): JsonNode {
  ;(node as JsonNode & { [BOTH]?: 'some' | 'or-none' })[BOTH] = orNone ? 'or-none' : 'some'
  return node
}
const both = { has: (node: JsonNode) => (node as JsonNode & { [BOTH]?: string })[BOTH] !== undefined }

/** The choices an undecided Fn::If's value gives: its items, and nothing when a branch was AWS::NoValue. */
function branchesOf(node: JsonNode): (JsonNode | typeof NO_VALUE)[] {
  const items = node.type === 'array' ? node.items : [node]
  return (node as JsonNode & { [BOTH]?: string })[BOTH] === 'or-none' ? [...items, NO_VALUE] : items
}

/** The most texts a Fn::Join of undecided Fn::Ifs gives: each undecided part doubles them. */
const MAX_JOINED = 64

/** A split of a text that holds a placeholder: how many of its parts are known, and the text. */
interface SplitOf {
  readonly known: number
  readonly source: string
}
const SPLIT: unique symbol = Symbol('split of a placeholder')
function markSplit(node: JsonNode, split: SplitOf): JsonNode {
  ;(node as JsonNode & { [SPLIT]?: SplitOf })[SPLIT] = split
  return node
}
function splitOf(node: JsonNode): SplitOf | undefined {
  return (node as JsonNode & { [SPLIT]?: SplitOf })[SPLIT]
}

/** `text` split at `sep`, each `${...}` (nested ones too) kept whole. */
function splitOutsidePlaceholders(text: string, sep: string): string[] {
  const parts: string[] = []
  let start = 0
  let depth = 0
  for (let i = 0; i < text.length; ) {
    if (text.startsWith('${', i)) {
      depth++
      i += 2
    } else if (depth > 0 && text.charCodeAt(i) === 125) {
      depth--
      i++
    } else if (depth === 0 && text.startsWith(sep, i)) {
      parts.push(text.slice(start, i))
      i += sep.length
      start = i
    } else i++
  }
  parts.push(text.slice(start))
  return parts
}

/** The placeholder of an item selected from a list known only when deployed: `${Select:3:Table.StreamArn}`. */
function selected(index: string, from: string): string {
  return `\${Select:${index}:${wholePlaceholder(from) ?? from}}`
}

/** What a text that is one placeholder (`${GetAZs:${AWS::Region}}`) holds; undefined for other text. */
function wholePlaceholder(text: string): string | undefined {
  if (!text.startsWith('${') || !text.endsWith('}')) return undefined
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('${', i)) {
      depth++
      i++
    } else if (text.charCodeAt(i) === 125 && depth > 0 && --depth === 0 && i < text.length - 1)
      return undefined
  }
  return depth === 0 ? text.slice(2, -1) : undefined
}
