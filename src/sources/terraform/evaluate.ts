// Evaluation of the HCL expressions that build IAM policies, as far as it can go without Terraform:
// literals, templates, collections, references the scope knows (variables, locals, each/count, values
// from the plan), and the functions policies are built with. A value known only after apply stays a
// readable placeholder (`${aws_s3_bucket.logs.arn}`). Every value keeps the line and column of the
// source text that wrote it, so a policy built here has its statements where a person edits them.
import { createHash } from 'node:crypto'
import { posix } from 'node:path'
import { RE2JS } from 're2js'
import { type JsonNode, type JsonString, keyIndex } from '../../policy/json-tree.js'
import { firstPlaces, largest, smallest } from '../../vocabulary/lists.js'
import type { Written } from '../../vocabulary/policy.js'
import { byCodeUnits, thousands, trimEndOf } from '../../vocabulary/text.js'
import { isJson, parseJsonText, parseYamlTree } from '../cloudformation/template.js'
import {
  type At,
  type Expr,
  parseTemplate,
  type Step,
  soleInterpolation,
  TEMPLATE_LINE_OFFSET,
  type TemplatePart,
} from './hcl.js'

/** Where a string's text comes from when it spans lines (a heredoc, a file): its line 1 is there. */
export interface TextOrigin {
  /** Workspace-relative file; undefined for the file being evaluated. */
  readonly file: string | undefined
  readonly line: number
  /**
   * The source line of each line of the text, when they do not follow one another from `line`: a
   * template's `%{ for }` repeats lines, its `%{ if }` and `~` leave some out.
   */
  readonly lines?: readonly number[]
  /**
   * Where each stretch of each line of the text comes from, when columns do not match the source's: a
   * value an interpolation wrote makes what follows it on its line stand elsewhere than it is written.
   */
  readonly columns?: readonly (readonly ColumnSegment[] | undefined)[]
  /** The text is a template's (templatefile()), not the file's own. */
  readonly template?: true
}

/**
 * From column `from` of a line of a text on: literal text written at the source's `line`:`column`, which
 * the columns after it follow, or a value the interpolation of the expression there wrote, all of which
 * stands at it.
 */
export interface ColumnSegment {
  readonly from: number
  readonly line: number
  readonly column: number
  readonly literal: boolean
}

/** A value known only after apply, or beyond what this evaluator models. */
export type Unknown = Extract<Value, { type: 'unknown' }>

export type Value =
  | (JsonString & {
      readonly encoded?: Value
      /**
       * The file `encoded`'s lines are in, when it is not the file being evaluated: a policy document data
       * source in data.tf, named in iam.tf.
       */
      readonly encodedIn?: string
      readonly origin?: TextOrigin
      /** Made for an instance assumed to exist (its count is not known here): why it may not. */
      readonly uncertain?: string
      /**
       * The first value not known here that the text holds as its placeholder: JSON text that is not
       * valid with the placeholder in it (`"Resource": ${jsonencode(var.arns)}`) is not known as written.
       */
      readonly holds?: Unknown
    })
  | ({ readonly type: 'number'; readonly value: number } & Place)
  | ({ readonly type: 'boolean'; readonly value: boolean } & Place)
  | ({ readonly type: 'null'; readonly value: null } & Place)
  | ({ readonly type: 'array'; readonly items: Value[] } & Place)
  | ({
      readonly type: 'object'
      readonly keys: JsonString[]
      readonly values: Value[]
      /**
       * The one instance read for a for_each not known here, which stands for each: any key picks it
       * (`data.aws_iam_policy_document.p["app"]`, `[each.key]`).
       */
      readonly standsForEach?: true
    } & Place)
  /** Known only after apply, or beyond what this evaluator models: `text` is what the source says. */
  | ({
      readonly type: 'unknown'
      readonly text: string
      readonly why: string
      /**
       * What value it is, when that is known: a resource attribute by the instance's address
       * (`module.a.aws_iam_policy.b[0].arn`), an output of a module whose code is not here by the call's
       * address (`module.a.module.task.role_name`), a variable of the root module that has no value
       * (`var.names[0]`). What a value passed on through variables and `each` still names; two unknowns of
       * the same `of` are one value.
       */
      readonly of?: string
      /**
       * Evaluating it failed (an index past a list's end, a key a map does not have), as opposed to a
       * value not known yet: what try() passes over.
       */
      readonly error?: boolean
      /**
       * The text of the AWS managed policy it is (`data.aws_iam_policy.x.policy` read without a plan), from
       * the snapshot: what a policy document merges from it.
       */
      readonly managedDocument?: string
      /**
       * An item of a list flatten() made: not known, it may be a list of any length, so that list's
       * items are known but not how many there are.
       */
      readonly spread?: boolean
      /**
       * A resource's ARN, id, name or URL (`aws_kms_key.k.arn`), wherever it was passed: text once
       * known, never null or empty, so comparing it with null or "" is known, and jsonencode() of it is
       * its placeholder as a JSON string.
       */
      readonly isText?: true
      /**
       * A principal's ARN split at its slashes (`split("/", aws_iam_role.app.arn)`), by the principal's
       * address: item 1 is its name, as the ARN of a principal on the default path `/` is
       * `arn:aws:iam::<account>:role/<name>`, so `[1]` is how code takes a role's name from its ARN.
       */
      readonly splitArnOf?: string
    } & Place)

/**
 * Where a value is written, in the file being evaluated; `written` when it is written in another file
 * and brought here by a name (`local.x`, `var.x`): line and column are then the name's.
 */
interface Place {
  readonly line: number
  readonly column: number
  readonly written?: Written
}

/** What names in expressions mean where they are evaluated. */
export interface Scope {
  /** The value of a reference (`var.x`, `aws_iam_role.app`, `each.value`, …), or undefined when it names nothing. */
  resolve(root: string, steps: readonly Step[], at: At): { value: Value; used: number } | undefined
  /**
   * A file's text for file() and templatefile(), relative to the module; undefined when it cannot be
   * read, with why when that is not that the file is missing (`why`: encrypted).
   */
  readFile(path: string): { text: string | undefined; file: string; why?: string | undefined } | undefined
  /** fileset(): the files below `path` that `pattern` matches, relative to it; undefined when not listed. */
  listFiles?(path: string, pattern: string): string[] | undefined
  /** The workspace-relative file of the code evaluated, when known: the file its values' lines are in. */
  readonly file?: string | undefined
  /** The same scope for code written in `file`: an override file's argument in a block of another file. */
  writtenIn?(file: string): Scope
  /** What is left of the values one reading of the code may make (see MAX_VALUES), shared by its scopes. */
  readonly budget: ValueBudget
}

/** Values for expressions, functions and splats may still make; below zero, none. */
export interface ValueBudget {
  left: number
}

/**
 * The most values the collections made in one reading of the code may hold, each counted as often as it
 * is held (see weight). Each construct is bounded (range() and setproduct() by MAX_PRODUCT), but nested
 * they multiply: a for expression over 2,000 items making lists of 2,000 ran a runner out of memory after
 * 23 s, and one over 20,000 naming the same list of 1,000 made flatten() a list of 20 million. Real
 * configurations make tens of thousands.
 */
export const MAX_VALUES = 2_000_000

/** A fresh budget of MAX_VALUES, for one reading of the code. */
export function valueBudget(): ValueBudget {
  return { left: MAX_VALUES }
}

export const TOO_MANY_VALUES = `more values than one reading of the code makes here (${thousands(MAX_VALUES)})`

/**
 * Whether a collection just made may be kept: its weight is spent from the budget either way, so that
 * once it is out, what follows is refused too.
 */
function spend(scope: Scope, made: Value): boolean {
  scope.budget.left -= weight(made)
  return scope.budget.left >= 0
}

/** Each collection's weight, worked out once (see weight). */
const WEIGHTS = new WeakMap<Value, number>()

/**
 * How many values a value is: a collection, itself and the weight of all it holds, a list held twice
 * counted twice, as flatten() or jsonencode() would spell it out; a string, one per 64 characters (the
 * budget is then 128 MB of text: templatefile() of a 1 MB file in a for over 3,000 items held 2 GB).
 */
function weight(value: Value): number {
  if (value.type !== 'array' && value.type !== 'object')
    return value.type === 'string' ? 1 + (value.value.length >> 6) : 1
  let w = WEIGHTS.get(value)
  if (w === undefined) {
    w = 1
    for (const item of value.type === 'array' ? value.items : value.values) w += weight(item)
    WEIGHTS.set(value, w)
  }
  return w
}

const MAX_DEPTH = 64

/**
 * Evaluations in progress, each reference followed counted: a local naming a local naming a local …
 * Past MAX_NESTING the value is not known, before the stack runs out (a chain of 2,000 locals, or of
 * 700 policy documents each the source of the next, ended the run with a RangeError).
 */
let nesting = 0
const MAX_NESTING = 250
export const TOO_DEEP = `it follows references more than ${MAX_NESTING} deep (a local naming a local …)`
/** How many evaluations were cut short so far (see nestingCuts). */
let cuts = 0

/**
 * How many evaluations have been cut short by MAX_NESTING so far: a value made while one was may hold
 * a part not known that is known from a place less deep, so it is not kept for other places.
 */
export function nestingCuts(): number {
  return cuts
}

/** How many evaluations are in progress, one inside another. */
export function nestingDepth(): number {
  return nesting
}

export function evaluate(expr: Expr, scope: Scope, depth = 0): Value {
  if (nesting >= MAX_NESTING) {
    cuts++
    return unknown(expr.at, '…', TOO_DEEP)
  }
  nesting++
  try {
    return evaluateNode(expr, scope, depth)
  } finally {
    nesting--
  }
}

function evaluateNode(expr: Expr, scope: Scope, depth: number): Value {
  const at = expr.at
  if (depth > MAX_DEPTH) return unknown(at, '…', 'nested too deeply')
  switch (expr.kind) {
    case 'literal':
      return fromPlain(expr.value, at)
    case 'template':
      return evaluateTemplate(expr, scope, depth)
    case 'tuple': {
      const made: Value = {
        type: 'array',
        items: expr.items.map((e) => evaluate(e, scope, depth + 1)),
        ...pos(at),
      }
      return spend(scope, made) ? made : unknown(at, '[…]', TOO_MANY_VALUES)
    }
    case 'object': {
      const keys: JsonString[] = []
      const values: Value[] = []
      // A key given twice is one attribute, the last one's value: HCL takes it without a word (Terraform
      // issue 28727), so `jsonencode({ Resource = a, Resource = b })` writes `"Resource": b` alone.
      const index = new Map<string, number>()
      for (const entry of expr.entries) {
        const key = evaluate(entry.key, scope, depth + 1)
        const text = keyText(key)
        if (text === undefined)
          return unknown(at, '{…}', whyNot(key, 'an object key that is not a known string'))
        const made: JsonString = { type: 'string', value: text, line: key.line, column: key.column }
        const value = evaluate(entry.value, scope, depth + 1)
        const seen = index.get(text)
        if (seen !== undefined) {
          keys[seen] = made
          values[seen] = value
          continue
        }
        index.set(text, keys.length)
        keys.push(made)
        values.push(value)
      }
      const made: Value = { type: 'object', keys, values, ...pos(at) }
      return spend(scope, made) ? made : unknown(at, '{…}', TOO_MANY_VALUES)
    }
    case 'traversal': {
      const found = scope.resolve(expr.root, expr.steps, at)
      if (!found) return unknown(at, expr.text, `${expr.text} names nothing known here`)
      // An unknown named whole keeps what it is of (`v` of a for expression over policy ARNs).
      if (found.value.type === 'unknown') {
        const whole = found.used === expr.steps.length
        const of = whole ? found.value.of : ofAfter(found.value, expr.steps.slice(found.used), scope, depth)
        const made = unknown(at, expr.text, found.value.why, of)
        return (whole && found.value.isText) || isStringAttribute(expr.text)
          ? { ...made, isText: true }
          : made
      }
      return applySteps(found.value, expr.steps.slice(found.used), scope, expr.text, at, depth)
    }
    case 'steps':
      return applySteps(evaluate(expr.base, scope, depth + 1), expr.steps, scope, expr.text, at, depth)
    case 'call':
      return callFunction(expr, scope, depth)
    case 'conditional': {
      const test = evaluate(expr.test, scope, depth + 1)
      if (test.type !== 'boolean')
        return unknown(
          at,
          expr.text,
          whyNot(test, 'a condition known only after apply'),
          orNull(expr, scope, depth),
        )
      return evaluate(test.value ? expr.then : expr.otherwise, scope, depth + 1)
    }
    case 'for':
      return evaluateFor(expr, scope, depth)
    case 'operation':
      return evaluateOperation(expr, scope, depth)
    case 'unsupported':
      return unknown(at, expr.text, `${expr.what} is not evaluated`)
    case 'elsewhere': {
      // Read where it is written, then used in the block it changes: each part keeps its line there.
      const value = evaluate(expr.expr, scope.writtenIn?.(expr.file) ?? scope, depth + 1)
      return relocate(value, at, expr.file)
    }
  }
}

/**
 * What a conditional not known here is, when one of its results is `null` (`var.repo != null ?
 * aws_iam_role.main[0] : null`, how a module outputs a role it may not make): the other's resource
 * instance, or what it is of, as a resource whose count is not known is taken as one instance.
 */
function orNull(
  expr: Extract<Expr, { kind: 'conditional' }>,
  scope: Scope,
  depth: number,
): string | undefined {
  const other = isNull(expr.otherwise) ? expr.then : isNull(expr.then) ? expr.otherwise : undefined
  if (!other || isNull(other)) return undefined
  const value = evaluate(other, scope, depth + 1)
  if (value.type === 'unknown') return value.error ? undefined : value.of
  const address = value.type === 'object' ? member(value, ADDRESS_KEY) : undefined
  return address?.type === 'string' ? address.value : undefined
}

/** Whether `expr` is the literal `null`. */
export function isNull(expr: Expr): boolean {
  return expr.kind === 'literal' && expr.value === null
}

/** A scope with names bound on top of another (the variables of a for expression). */
function bind(scope: Scope, bindings: ReadonlyMap<string, Value>): Scope {
  return {
    resolve: (root, steps, at) => {
      const value = bindings.get(root)
      return value ? { value, used: 0 } : scope.resolve(root, steps, at)
    },
    readFile: (path) => scope.readFile(path),
    budget: scope.budget,
  }
}

function evaluateFor(expr: Extract<Expr, { kind: 'for' }>, scope: Scope, depth: number): Value {
  const collection = evaluate(expr.collection, scope, depth + 1)
  const pairs: [Value, Value][] =
    collection.type === 'array'
      ? collection.items.map((item, i) => [fromPlain(i, expr.at), item])
      : collection.type === 'object'
        ? byKey(collection)
        : []
  if (collection.type !== 'array' && collection.type !== 'object')
    return unknown(
      expr.at,
      expr.text,
      whyNot(collection, 'a for expression over a collection not known here'),
    )
  const items: Value[] = []
  const grouped = new Map<string, { key: JsonString; values: Value[] }>()
  for (const [key, value] of pairs) {
    const names = new Map<string, Value>([[expr.valueName, value]])
    if (expr.keyName) names.set(expr.keyName, key)
    const inner = bind(scope, names)
    if (expr.condition) {
      const keep = evaluate(expr.condition, inner, depth + 1)
      if (keep.type !== 'boolean')
        return unknown(expr.at, expr.text, whyNot(keep, 'a for condition known only after apply'))
      if (!keep.value) continue
    }
    const result = evaluate(expr.value, inner, depth + 1)
    // Each item as it is made: a list of 1,000 named 20,000 times is refused before it is all there.
    if (!spend(inner, result)) return unknown(expr.at, expr.text, TOO_MANY_VALUES)
    if (!expr.key) {
      items.push(result)
      continue
    }
    const k = keyText(evaluate(expr.key, inner, depth + 1))
    if (k === undefined) return unknown(expr.at, expr.text, 'a for key known only after apply')
    const entry = grouped.get(k) ?? { key: { type: 'string', value: k, ...pos(expr.at) }, values: [] }
    entry.values.push(result)
    grouped.set(k, entry)
  }
  if (!expr.key) return { type: 'array', items, ...pos(expr.at) }
  const entries = [...grouped.values()]
  return {
    type: 'object',
    keys: entries.map((e) => e.key),
    values: entries.map((e) =>
      expr.group
        ? { type: 'array', items: e.values, ...pos(expr.at) }
        : (e.values[e.values.length - 1] as Value),
    ),
    ...pos(expr.at),
  }
}

/**
 * The first value not known here inside lists and objects (`contains(local.filter, key)`, where one
 * item of the filter is a conditional of a variable not known here): what makes a function of them not
 * known. Breadth first, and no further than MAX_UNKNOWN_SEARCH values: the lists come from the code.
 */
function unknownWithin(values: readonly Value[]): Unknown | undefined {
  for (const value of breadthFirst(values, MAX_UNKNOWN_SEARCH, unmoved))
    if (value.type === 'unknown') return value
  return undefined
}
const MAX_UNKNOWN_SEARCH = 1_000

/**
 * `values` and the items and values of the lists and objects in them, breadth first, no more than `most`
 * of them; `as` gives what is walked of each (unmoved: the values moved ones come from, which are not
 * moved again to be read).
 */
function* breadthFirst(
  values: readonly Value[],
  most: number,
  as = (value: Value) => value,
): Generator<Value> {
  const queue: Value[] = values.slice(0, most).map(as)
  for (let i = 0; i < queue.length; i++) {
    const value = queue[i] as Value
    yield value
    const inner = value.type === 'array' ? value.items : value.type === 'object' ? value.values : []
    for (const part of inner) {
      if (queue.length >= most) break
      queue.push(as(part))
    }
  }
}

/**
 * An object key as Terraform makes it: a string, or a number or bool converted to one (`{ for i, arn in
 * var.arns : i => arn }` keys by the list's indexes, "0", "1", …); undefined for what is not known here
 * or has no text (null, a list).
 */
function keyText(key: Value): string | undefined {
  if (key.type === 'string') return key.value
  return key.type === 'number' || key.type === 'boolean' ? String(key.value) : undefined
}

/**
 * Why a value made of `value` is not known: `value`'s own reason, which names where it comes from
 * (`module.queue's code is not in the workspace`), else `otherwise`.
 */
function whyNot(value: Value, otherwise: string): string {
  return value.type === 'unknown' ? value.why : otherwise
}

function evaluateOperation(expr: Extract<Expr, { kind: 'operation' }>, scope: Scope, depth: number): Value {
  const right = evaluate(expr.right, scope, depth + 1)
  const at = expr.at
  const done = (value: unknown): Value => fromPlain(value, at)
  if (!expr.left) {
    if (expr.operator === '!' && right.type === 'boolean') return done(!right.value)
    if (expr.operator === '-' && right.type === 'number') return done(-right.value)
    return unknown(at, expr.text, whyNot(right, 'an operation on a value known only after apply'))
  }
  const left = evaluate(expr.left, scope, depth + 1)
  // A known false on either side of && decides it, as a known true does ||, whatever the other side is
  // (HCL's logic since hashicorp/hcl#713: `count = module.this.enabled && length(var.x) > 0 ? 1 : 0` is 0
  // when x is [], whatever `enabled` is).
  if (expr.operator === '&&' || expr.operator === '||') {
    const decides = expr.operator === '||'
    if (
      (left.type === 'boolean' && left.value === decides) ||
      (right.type === 'boolean' && right.value === decides)
    )
      return done(decides)
  }
  if (left.type === 'unknown' || right.type === 'unknown') {
    // `var.kms_key_arn != null ? … : …` of a key this configuration creates: its ARN is never null.
    const compared = expr.operator === '==' || expr.operator === '!='
    if (compared && (isNothing(left, right) || isNothing(right, left))) return done(expr.operator === '!=')
    return unknown(
      at,
      expr.text,
      whyNot(left.type === 'unknown' ? left : right, 'an operation on a value known only after apply'),
    )
  }
  switch (expr.operator) {
    case '==':
      return done(encode(left) === encode(right))
    case '!=':
      return done(encode(left) !== encode(right))
    case '&&':
    case '||':
      if (left.type !== 'boolean' || right.type !== 'boolean') break
      return done(expr.operator === '&&' ? left.value && right.value : left.value || right.value)
  }
  if (left.type !== 'number' || right.type !== 'number')
    return unknown(at, expr.text, `${expr.operator} of values that are not numbers`)
  const [a, b] = [left.value, right.value]
  const results: Record<string, number | boolean> = {
    '+': a + b,
    '-': a - b,
    '*': a * b,
    '/': a / b,
    '%': a % b,
    '<': a < b,
    '>': a > b,
    '<=': a <= b,
    '>=': a >= b,
  }
  const result = results[expr.operator]
  return result === undefined
    ? unknown(at, expr.text, `the operator ${expr.operator} is not evaluated`)
    : done(result)
}

/** Attribute, index and splat steps on a value. */
function applySteps(
  start: Value,
  steps: readonly Step[],
  scope: Scope,
  text: string,
  at: At,
  depth: number,
): Value {
  let value = start
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as Step
    if (value.type === 'unknown') {
      const named =
        value.splitArnOf !== undefined && step.kind === 'index'
          ? nameAtOne(value, evaluate(step.key, scope, depth + 1))
          : undefined
      return named === undefined
        ? unknown(at, text, value.why, ofAfter(value, steps.slice(i), scope, depth))
        : unknown(at, text, value.why, ofAfter({ of: named }, steps.slice(i + 1), scope, depth))
    }
    if (step.kind === 'splat') {
      const items = value.type === 'array' ? value.items : value.type === 'null' ? [] : [value]
      const rest = steps.slice(i + 1)
      const made: Value = {
        type: 'array',
        items: items.map((item) => applySteps(item, rest, scope, text, at, depth)),
        ...pos(at),
      }
      return spend(scope, made) ? made : unknown(at, text, TOO_MANY_VALUES)
    }
    const key = step.kind === 'attr' ? step.name : evaluate(step.key, scope, depth + 1)
    const name =
      typeof key === 'string' ? key : key.type === 'string' || key.type === 'number' ? key.value : undefined
    // An attribute's name is always known; an index that is not (`aws_iam_user.gods[each.key]` of a
    // for_each not known here) says why.
    // A resource whose for_each is not known here is read as one instance without a key, which stands
    // for each: `aws_iam_role.this[each.key]` of a for_each over the same unknown map is that instance
    // (a resource instance has no key of its own), and any key picks a document's (`p["app"]`).
    if (name === undefined) {
      if (value.type === 'object' && (value.standsForEach || member(value, ADDRESS_KEY)?.type === 'string'))
        continue
      const why = unknown(at, text, whyNot(key as Value, 'an index known only after apply'))
      // An index that is an error (`list[index(list, x)]` of an x it does not hold) is one, which try()
      // passes over to what it gives instead, as Terraform does.
      return typeof key !== 'string' && key.type === 'unknown' && key.error ? { ...why, error: true } : why
    }
    if (value.type === 'object' && value.standsForEach && member(value, name) === undefined) continue
    const next = member(value, name)
    if (!next || next.type === 'unknown') {
      const address = step.kind === 'attr' ? member(value, ADDRESS_KEY) : undefined
      // What it is of, and what the steps after this one take of that: the instance's own attribute,
      // unless it holds another resource's (the ARN of a policy this change creates, given to a
      // `data "aws_iam_policy"` that reads it), which it is.
      const here =
        next?.type === 'unknown' && next.of !== undefined && (!address || namesResourceAttribute(next.of))
          ? next.of
          : address?.type === 'string'
            ? address.value + stepText(String(name))
            : undefined
      const of = here === undefined ? undefined : ofAfter({ of: here }, steps.slice(i + 1), scope, depth)
      if (next?.type === 'unknown')
        return {
          ...unknown(at, text, next.why, of),
          ...(next.error && { error: true }),
          ...(next.managedDocument !== undefined && { managedDocument: next.managedDocument }),
          ...(next.isText && { isText: true }),
        }
      // An attribute a resource instance does not show here is one known after apply (an `arn`, an
      // `id`); anything else missing from a known value is an error, as in Terraform.
      if (address?.type === 'string') {
        const later = unknown(at, text, `${text} is known only after apply`, of)
        return i === steps.length - 1 && STRING_ATTRIBUTES.has(String(name))
          ? { ...later, isText: true }
          : later
      }
      // A map by workspace name, read with terraform.workspace (or a name made of it): "default" here.
      const workspace = name === 'default' ? ` ${WORKSPACE_READ}` : ''
      return { ...unknown(at, text, `${text} has no ${JSON.stringify(name)}${workspace}`, of), error: true }
    }
    value = next
  }
  return value
}

/** What is said of a key "default" a map lacks: what terraform.workspace reads here, and how to have another. */
const WORKSPACE_READ =
  '(terraform.workspace reads "default" without a plan: give the plan of each workspace as plan:)'

/**
 * What a value not known here is, once `steps` are taken into it (`module.a.role_name`, `var.names[0]`):
 * the same steps from the same value are the same value, as two attachments to one module output's role
 * are to one role. Undefined when a step does not say which (a splat, an index not known) or the value
 * is an error.
 */
function ofAfter(
  value: Pick<Unknown, 'of' | 'error'>,
  steps: readonly Step[],
  scope: Scope,
  depth: number,
): string | undefined {
  if (value.of === undefined || value.error) return undefined
  let of = value.of
  for (const step of steps) {
    if (step.kind === 'splat') return undefined
    if (step.kind === 'attr') {
      of += stepText(step.name)
      continue
    }
    const key = evaluate(step.key, scope, depth + 1)
    if (key.type === 'number') of += `[${key.value}]`
    // A key is written as `x["app"]` or `x[each.key]`: one spelling for both, as HCL reads them alike.
    else if (key.type === 'string') of += stepText(key.value)
    else return undefined
  }
  return of
}

/**
 * Whether what a value is of is a managed resource's attribute (`module.p["x"].aws_iam_policy.this.arn`),
 * not a variable's, a local's or a data source's.
 */
function namesResourceAttribute(of: string): boolean {
  return RESOURCE_ATTRIBUTE.test(of)
}
const RESOURCE_ATTRIBUTE =
  /(?:^|\]\.|[^\]]\.)(?<!data\.)[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][\w-]*(?:\[[^\]]*\])?\.[A-Za-z_][\w-]*$/

/** `.name`, or `["a key"]` for a key that is no identifier (`x[""]` is read as an attribute). */
function stepText(name: string): string {
  return /^[A-Za-z_][\w-]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`
}

function member(value: Value, name: string | number): Value | undefined {
  if (value.type === 'object') {
    const i = keyIndex(value, String(name))
    return i < 0 ? undefined : value.values[i]
  }
  if (value.type === 'array' && typeof name === 'number') return value.items[name]
  if (value.type === 'array' && /^\d+$/.test(String(name))) return value.items[Number(name)]
  return undefined
}

function evaluateTemplate(expr: Extract<Expr, { kind: 'template' }>, scope: Scope, depth: number): Value {
  // A template of one interpolation is that value itself ("${var.list}" is the list).
  const only = soleInterpolation(expr.parts)
  if (only) return evaluate(only, scope, depth + 1)
  const out: TemplateText = {
    text: '',
    lines: [],
    newlines: 0,
    last: expr.at.line,
    steps: 0,
    width: 0,
    segments: [],
    shifted: false,
  }
  const failed = writeTemplate(expr.parts, scope, depth, out)
  if (failed) return failed
  const holds = out.holds && { holds: out.holds }
  // A last line with nothing on it (the text ends with a newline) is where the text ends.
  if (out.lines.length <= out.newlines) out.lines.push(out.last)
  const first = out.lines[0] as number
  const inOrder = first === expr.contentLine && out.lines.every((line, i) => line === first + i)
  const made: Value =
    out.lines.length <= 1
      ? { type: 'string', value: out.text, ...pos(expr.at), ...holds }
      : {
          type: 'string',
          value: out.text,
          ...pos(expr.at),
          origin: {
            file: undefined,
            line: expr.contentLine,
            ...(!inOrder && { lines: out.lines }),
            ...(out.shifted && { columns: out.segments }),
          },
          ...holds,
        }
  // Each text made counts, as collections do: 3,000 locals each a large text and a letter held 20 GB.
  return spend(scope, made) ? made : unknown(expr.at, '"…"', TOO_MANY_VALUES)
}

/** A template's text as it is written, with the source line of each of its lines. */
interface TemplateText {
  text: string
  /** The source line of each line of the text begun so far. */
  lines: number[]
  newlines: number
  /** The source line the text has reached. */
  last: number
  /** Directive bodies written so far: a bound on what nested `%{ for }` over large collections make. */
  steps: number
  /** Whether the line begun last holds only blanks so far. */
  blank?: boolean
  /** The first value not known here written as its placeholder. */
  holds?: Unknown
  /** How long the line begun last is so far. */
  width: number
  /** Where each stretch of each line comes from (ColumnSegment), by line of the text. */
  segments: ColumnSegment[][]
  /** Whether some stretch stands elsewhere than its column says (then the origin keeps `segments`). */
  shifted: boolean
}

/** How many `%{ for }` bodies one template may write, and how long its text may grow. */
const MAX_TEMPLATE_STEPS = 100_000
const MAX_TEMPLATE_TEXT = 8 * 1024 * 1024
const TOO_LONG = `a text longer than ${MAX_TEMPLATE_TEXT / 1024 / 1024} MiB, which is not read here`

/** Writes template parts to `out`; a value not known here stops it, and is returned (unknown) to say why. */
function writeTemplate(
  parts: readonly TemplatePart[],
  scope: Scope,
  depth: number,
  out: TemplateText,
): Value | undefined {
  for (const part of parts) {
    if (part.kind === 'text') {
      write(out, part.text, part.line, part.column, true)
      continue
    }
    if (part.kind === 'template-if') {
      const test = evaluate(part.test, scope, depth + 1)
      if (test.type !== 'boolean')
        return unknown(
          part.at,
          '%{ if … }',
          test.type === 'unknown' ? test.why : 'an %{ if } whose condition is not true or false',
        )
      const failed = writeTemplate(test.value ? part.ifTrue : part.ifFalse, scope, depth + 1, out)
      if (failed) return failed
      continue
    }
    if (part.kind === 'template-for') {
      const collection = evaluate(part.collection, scope, depth + 1)
      if (collection.type !== 'array' && collection.type !== 'object')
        return unknown(
          part.at,
          '%{ for … }',
          collection.type === 'unknown' ? collection.why : 'a %{ for } over a value that is not a collection',
        )
      const pairs: [Value, Value][] =
        collection.type === 'array'
          ? collection.items.map((item, i) => [fromPlain(i, part.at), item])
          : byKey(collection)
      for (const [key, value] of pairs) {
        if (++out.steps > MAX_TEMPLATE_STEPS || out.text.length > MAX_TEMPLATE_TEXT)
          return unknown(part.at, '%{ for … }', 'a template that repeats its text past what is read here')
        const names = new Map<string, Value>([[part.valueName, value]])
        if (part.keyName) names.set(part.keyName, key)
        const failed = writeTemplate(part.body, bind(scope, names), depth + 1, out)
        if (failed) return failed
      }
      continue
    }
    const value = evaluate(part, scope, depth + 1)
    const piece = toText(value)
    if (piece === undefined) return unknown(part.at, '"…"', 'a list or object inside a string')
    // A text that doubles itself through a chain of locals (`"${local.a}${local.a}"`) outgrows any
    // string JavaScript can hold in thirty steps: it ended the run with "Invalid string length".
    if (out.text.length + piece.length > MAX_TEMPLATE_TEXT) return unknown(part.at, '"…"', TOO_LONG)
    if (value.type === 'unknown') out.holds ??= value
    else if (value.type === 'string' && value.holds) out.holds ??= value.holds
    write(out, piece, part.at.line, part.at.column, false)
  }
  return undefined
}

/**
 * Appends text read from `line`:`column` on. A line of the text is where its first piece that is not blank
 * comes from: a literal's lines follow one another in the source, a value's all come from the
 * interpolation that wrote it, and the indent before a `%{ for … ~}` that strips its newline is not where
 * the body's first line is written. Each piece's column is kept with it (ColumnSegment).
 */
function write(out: TemplateText, text: string, line: number, column: number, literal: boolean): void {
  let at = line
  let col = column
  let from = 0
  for (;;) {
    const end = text.indexOf('\n', from)
    const piece = end < 0 ? text.slice(from) : text.slice(from, end + 1)
    const blank = piece.trim() === ''
    if (piece !== '' && out.lines.length <= out.newlines) {
      out.lines.push(at)
      out.blank = blank
    } else if (out.blank && !blank) {
      out.lines[out.lines.length - 1] = at
      out.blank = false
    }
    if (piece !== '') {
      const starts = out.width + 1
      const row = out.segments[out.newlines]
      const segment = { from: starts, line: at, column: col, literal }
      if (row) row.push(segment)
      else out.segments[out.newlines] = [segment]
      if (!literal || col !== starts) out.shifted = true
    }
    out.text += piece
    if (end < 0) {
      out.width += piece.length
      break
    }
    out.newlines++
    out.width = 0
    from = end + 1
    if (literal) {
      at++
      col = 1
    }
  }
  out.last = at
}

/** A value as it reads inside a string: unknown values as their placeholder. */
function toText(value: Value): string | undefined {
  switch (value.type) {
    case 'string':
      return value.value
    case 'number':
    case 'boolean':
      return String(value.value)
    case 'null':
      return ''
    case 'unknown':
      // Inside a string, often JSON text (a heredoc policy): a placeholder that can neither end the string
      // nor break its line (`${coalesce(var.id, "missing")}` reads `${coalesce(var.id, 'missing')}`).
      return placeholder(shownText(value)).replace(/\s+/g, ' ').replace(/"/g, "'").replace(/\\/g, '')
    default:
      return undefined
  }
}

/**
 * What a value not known here reads as: what it is (`of`: `module.app.aws_iam_role.task.arn`, passed
 * down as `var.task_role_arn` or a template's `${role}`), when that is known, else what the code writes.
 */
function shownText(value: Unknown): string {
  return value.of ?? value.text
}

/**
 * `${aws_s3_bucket.logs.arn}`: how a value known only after apply reads in a policy. An expression that
 * spans lines or holds braces of its own (`[for env in local.envs : "arn:…:${env.name}"]`) reads up to
 * them, on one line, so that the placeholder ends where it seems to: a `}` of its own would end it
 * early, and what followed would be judged as part of an ARN.
 */
export function placeholder(text: string): string {
  if (text.startsWith('${')) return text
  const line = text.replace(/\s+/g, ' ')
  const cut = line.search(/[${}]/)
  return cut < 0 ? `\${${line}}` : `\${${line.slice(0, cut).trimEnd()}…}`
}

function callFunction(expr: Extract<Expr, { kind: 'call' }>, scope: Scope, depth: number): Value {
  const at = expr.at
  const fn = FUNCTIONS[expr.name]
  if (!fn) return unknown(at, expr.text, `the function ${expr.name}() is not evaluated`)
  if (expr.expandsLast && expr.name === 'try')
    return unknown(at, expr.text, 'try() with an expanded last argument is not evaluated')
  if (expr.name === 'try') {
    // The first argument that evaluates without an error: a value known only after apply is one (Terraform
    // gives it back, unknown), an index past the end of a list is not.
    for (const arg of expr.args) {
      const value = evaluate(arg, scope, depth + 1)
      if (value.type !== 'unknown' || !value.error) return value
    }
    return { ...unknown(at, expr.text, 'no argument of try() could be evaluated'), error: true }
  }
  const args = expr.args.map((a) => evaluate(a, scope, depth + 1))
  // `concat(local.lists...)`, `merge(local.maps...)`: the last argument, a list, is its items. One not
  // known here leaves the call not known, for why; anything else Terraform refuses.
  if (expr.expandsLast) {
    const last = args.pop() as Value
    if (last.type === 'unknown') return unknown(at, expr.text, last.why)
    if (last.type !== 'array')
      return {
        ...unknown(at, expr.text, `${expr.text}: only a list can be expanded into arguments`),
        error: true,
      }
    for (const item of last.items) args.push(item)
  }
  // A text that holds a placeholder is not the text Terraform will have: cut, hashed or cased, the
  // placeholder would make a name of its own (`substr("${var.prefix}-app", 0, 5)` is not "${var").
  const held = BY_CHARACTER.has(expr.name) ? args.map(placeholderIn).find((u) => u !== undefined) : undefined
  if (held) return unknown(at, expr.text, held.why)
  // What a function makes of its arguments (flatten(), concat(), jsonencode()) is as large as they are
  // spelt out: arguments heavier than what is left are refused before it is made.
  let heavy = 0
  for (const a of args) heavy += weight(a)
  if (heavy > scope.budget.left) return unknown(at, expr.text, TOO_MANY_VALUES)
  let result: Value | undefined
  try {
    result = fn(args, at, scope)
  } catch (error) {
    // What a function makes may outgrow what JavaScript holds before it is weighed (replace() of each
    // character of a long text by another long one): not known, as anything past the budget.
    if (error instanceof RangeError) return unknown(at, expr.text, TOO_MANY_VALUES)
    throw error
  }
  if (result) return spend(scope, result) ? result : unknown(at, expr.text, TOO_MANY_VALUES)
  // Why it is not known: an argument's own reason says more than the function's name.
  const unknownArg = args.find((a) => a.type === 'unknown')
  const inner = unknownArg ? undefined : unknownWithin(args)
  // Terraform refuses null for an argument unless the function takes it (`length(null)`): an error, which
  // try() passes over (`try(length(var.url), 0)` is 0 for a variable left null), not a value not known.
  if (!unknownArg && args.some((a) => a.type === 'null') && !TAKES_NULL.has(expr.name))
    return { ...unknown(at, expr.text, `${expr.name}() of null`), error: true }
  const why =
    unknownArg?.type === 'unknown'
      ? unknownArg.why
      : inner
        ? `${expr.name}() of a value not known here: ${inner.why}`
        : `${expr.name}() of values known only after apply`
  if (expr.name === 'split') {
    const [separator, arn] = args
    const principal = separator?.type === 'string' && separator.value === '/' ? principalOf(arn) : undefined
    if (principal !== undefined) return { ...unknown(at, expr.text, why), splitArnOf: principal }
  }
  const named =
    expr.name === 'basename'
      ? principalNameOf(args[0])
      : expr.name === 'element'
        ? nameAtOne(args[0], args[1])
        : undefined
  return unknown(at, expr.text, why, named)
}

/**
 * `basename(aws_iam_role.app.arn)`, often of an ARN passed in from another module: an IAM principal's
 * ARN ends in its name, after its path, so the value is that principal's name (`…aws_iam_role.app.name`),
 * which says whom an attachment to it applies to.
 */
function principalNameOf(value: Value | undefined): string | undefined {
  const principal = principalOf(value)
  return principal === undefined ? undefined : `${principal}.name`
}

/** The address of the IAM role, user or group whose ARN `value` is (`aws_iam_role.app` of its `.arn`). */
function principalOf(value: Value | undefined): string | undefined {
  if (value?.type !== 'unknown' || !value.of) return undefined
  return /(?:^|\.)aws_iam_(?:role|user|group)\.[^.]+(?:\[[^\]]*\])?\.arn$/.test(value.of)
    ? value.of.slice(0, -'.arn'.length)
    : undefined
}

/**
 * `split("/", aws_iam_role.app.arn)[1]` and `element(split("/", …), 1)`: the principal's name
 * (`aws_iam_role.app.name`), as principalNameOf() reads basename() of its ARN.
 */
function nameAtOne(list: Value | undefined, index: Value | undefined): string | undefined {
  return list?.type === 'unknown' &&
    list.splitArnOf !== undefined &&
    index?.type === 'number' &&
    index.value === 1
    ? `${list.splitArnOf}.name`
    : undefined
}

type Fn = (args: Value[], at: At, scope: Scope) => Value | undefined

/**
 * Functions whose result of a text with a placeholder would be made of the placeholder's characters, not
 * the value's: a cut, a digest, a count, a case that changes `${var.name}`, a test of how it starts. Not
 * known of one. (replace(), lower() and trim() leave the placeholder standing for what the value becomes.)
 */
const BY_CHARACTER = new Set([
  'substr',
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'length',
  'upper',
  'title',
  'startswith',
  'endswith',
  'strcontains',
  'regex',
  'regexall',
])

/**
 * The five parts of an ARN after its `arn:` (partition, service, region, account, resource: the rest,
 * colons and all), or undefined when `text` is no ARN. A placeholder's colons (`${var.a ? "x" : "y"}`)
 * do not divide it.
 */
function arnParts(text: string): string[] | undefined {
  if (!text.startsWith('arn:')) return undefined
  const parts: string[] = []
  let from = 4
  for (let i = from; i < text.length && parts.length < 4; i++) {
    if (text.startsWith('${', i)) {
      const end = text.indexOf('}', i)
      if (end < 0) return undefined
      i = end
    } else if (text[i] === ':') {
      parts.push(text.slice(from, i))
      from = i + 1
    }
  }
  if (parts.length < 4) return undefined
  parts.push(text.slice(from))
  return parts
}

/** What Terraform stops on: a provider function given a text that is not the ARN it takes. */
function notAnArn(fn: string, text: string, at: At, expected = 'an ARN'): Value {
  const call = `provider::aws::${fn}(${JSON.stringify(text)})`
  return { ...unknown(at, call, `${call}: ${JSON.stringify(text)} is not ${expected}`), error: true }
}

/** The value not known here that a text holds as its placeholder (`"${var.prefix}-app"`), if any. */
function placeholderIn(value: Value): Unknown | undefined {
  return value.type === 'string' ? value.holds : undefined
}

/** `text`, holding the first placeholder of the values it is made of (join(), format()), if any. */
function withHeld(text: JsonString, parts: readonly Value[]): Value {
  for (const part of parts) {
    const held = part.type === 'unknown' ? part : placeholderIn(part)
    if (held) return { ...text, holds: held }
  }
  return text
}

/** Why file() or templatefile() read nothing at `path` (the repository's path, or the absolute one written). */
function unreadable(fn: string, path: string, why?: string): string {
  if (why) return `${fn}() reads ${path}, which ${why}`
  return path.startsWith('/')
    ? `${fn}() reads ${path}: an absolute path, outside the repository`
    : `${fn}() reads ${path}, which is not in the repository`
}

/** Templates parsed, by their text: a for expression calls templatefile() on one file once per item. */
const TEMPLATES = new Map<string, ReturnType<typeof parseTemplate>>()

/** The template a file's text is, parsed once per text (the last 32 kept). */
function templateOf(text: string): ReturnType<typeof parseTemplate> {
  let parsed = TEMPLATES.get(text)
  if (!parsed) {
    if (TEMPLATES.size >= 32) TEMPLATES.clear()
    parsed = parseTemplate(text)
    TEMPLATES.set(text, parsed)
  }
  return parsed
}

function digest(algorithm: string, s: Value | undefined, at: At): Value | undefined {
  return s?.type === 'string'
    ? fromPlain(createHash(algorithm).update(s.value, 'utf8').digest('hex'), at)
    : undefined
}

/** The most items setproduct() and range() make: a pull request's .tf file must not exhaust memory. */
const MAX_PRODUCT = 100_000

/** Where `item` is in `list` (-1: not there), compared as Terraform compares values; undefined when not known. */
function positionIn(list: Value | undefined, item: Value | undefined): number | undefined {
  if (list?.type !== 'array' || !item || item.type === 'unknown') return undefined
  const placed = placesIn(list)
  return placed === null ? undefined : (placed.get(encode(item)) ?? -1)
}

/**
 * Each item's first place in a list, by its JSON text (null: the list holds an unknown value), made once
 * per list: `[for x in local.list : index(local.list, x)]` spelled every item out for every item, and a
 * list of 8,000 took 7 s.
 */
const places = new WeakMap<Value, ReadonlyMap<string, number> | null>()
function placesIn(list: Extract<Value, { type: 'array' }>): ReadonlyMap<string, number> | null {
  let found = places.get(list)
  if (found === undefined) {
    found = list.items.some((v) => v.type === 'unknown') ? null : firstPlaces(list.items, encode)
    places.set(list, found)
  }
  return found
}

/** `fn` of numbers, each known; min(), max() and sum() take at least one. */
/**
 * What regex() gives of each match of `pattern` in `s`, at most `most`: the matched text when the pattern
 * has no group, the list of its groups (null for one that matched nothing) when they are unnamed, the
 * map of them when they are named. Undefined for a pattern RE2 refuses, or one that mixes the two.
 */
function matchesOf(
  pattern: Value | undefined,
  s: Value | undefined,
  at: At,
  most: number,
): Value[] | undefined {
  if (pattern?.type !== 'string' || s?.type !== 'string') return undefined
  let compiled: ReturnType<typeof RE2JS.compile>
  try {
    compiled = RE2JS.compile(pattern.value)
  } catch {
    return undefined
  }
  const named = Object.entries(compiled.namedGroups())
  const matcher = compiled.matcher(s.value)
  const groups = matcher.groupCount()
  if (named.length > 0 && named.length !== groups) return undefined
  const text = (i: number): Value => {
    const group = matcher.group(i)
    return group === null
      ? { type: 'null', value: null, ...pos(at) }
      : { type: 'string', value: group, ...pos(at) }
  }
  const found: Value[] = []
  while (found.length < most && matcher.find()) {
    if (groups === 0) found.push(text(0))
    else if (named.length === 0)
      found.push({ type: 'array', items: Array.from({ length: groups }, (_, i) => text(i + 1)), ...pos(at) })
    else
      found.push({
        type: 'object',
        keys: named.map(([name]) => ({ type: 'string', value: name, ...pos(at) })),
        values: named.map(([, i]) => text(i)),
        ...pos(at),
      })
  }
  return found
}
const MAX_REGEX_MATCHES = 10_000

function numbers(args: readonly Value[], at: At, fn: (ns: number[]) => number): Value | undefined {
  const ns: number[] = []
  for (const a of args) {
    if (a.type !== 'number') return undefined
    ns.push(a.value)
  }
  return ns.length === 0 ? undefined : fromPlain(fn(ns), at)
}

/** Set while a templatefile() template is evaluated. */
let inTemplate = false

/**
 * A template's text rendered as templatefile() renders it, with `vars` and nothing else of the module in
 * scope; its lines those of the text where it stands (`at`: line 1 of a file, a heredoc's first line).
 * `call` names what rendered it, for why a value is not known. Also the `rendered` of a
 * `data "template_file"`, the pre-0.12 way of the same.
 */
export function renderTemplate(
  text: string,
  /** The file the text is written in (undefined: the one evaluated), and the line it begins on. */
  where: { readonly file: string | undefined; readonly line: number },
  vars: Value,
  scope: Scope,
  at: At,
  call: string,
): Value {
  if (vars.type !== 'object') return unknown(at, call, `${call}: its variables are not an object known here`)
  // Terraform does not let a template call templatefile() itself.
  if (inTemplate) return unknown(at, call, 'templatefile() inside a template, which Terraform refuses')
  const parsed = templateOf(text)
  const lineOf = (line: number) => line + where.line - 1
  if ('problem' in parsed) {
    const line = lineOf(parsed.line)
    return unknown(at, call, `${where.file ? `${where.file}:${line}` : `line ${line}`}: ${parsed.problem}`)
  }
  // The template sees its variables and nothing else of the module.
  const variables: Scope = {
    resolve: (root) => {
      const value = member(vars, root)
      return value && { value, used: 0 }
    },
    readFile: (p) => scope.readFile(p),
    budget: scope.budget,
  }
  inTemplate = true
  let value: Value
  try {
    value = evaluate(parsed.template, variables)
  } finally {
    inTemplate = false
  }
  if (value.type === 'unknown')
    return unknown(at, call, where.file ? `${where.file}: ${value.why}` : value.why)
  if (value.type !== 'string') return unknown(at, call, `${call} is not text`)
  // Its lines are the text's: parseTemplate read it one line down.
  const lines = value.origin?.lines?.map((line) => lineOf(line - TEMPLATE_LINE_OFFSET))
  const columns = value.origin?.columns?.map((segments) =>
    segments?.map((s) => ({ ...s, line: lineOf(s.line - TEMPLATE_LINE_OFFSET) })),
  )
  return {
    type: 'string',
    value: value.value,
    ...pos(at),
    origin: {
      file: where.file,
      line: where.line,
      template: true,
      ...(lines && { lines }),
      ...(columns && { columns }),
    },
    ...(value.holds && { holds: value.holds }),
  }
}

const FUNCTIONS: Record<string, Fn> = {
  // Of a value not known at all, not known either (its reason kept): only a known value's unknown
  // parts are placeholders in the text, and a resource's string attribute, which is text whatever it is
  // (`jsonencode(aws_sqs_queue.jobs.arn)`, a template's `"Resource": ${arn}`).
  jsonencode: ([value], at) =>
    value && (value.type !== 'unknown' || value.isText)
      ? { type: 'string', value: encode(value), ...pos(at), encoded: value }
      : undefined,
  jsondecode: ([text], at) => (text?.type === 'string' ? jsonDecoded(text, at) : undefined),
  yamldecode: ([text], at) => (text?.type === 'string' ? decoded(text, at, 'yamldecode') : undefined),
  file: ([path], at, scope) => {
    if (path?.type !== 'string') return undefined
    const read = scope.readFile(path.value)
    if (read?.text === undefined)
      return unknown(at, `file("${path.value}")`, unreadable('file', read?.file ?? path.value, read?.why))
    return { type: 'string', value: read.text, ...pos(at), origin: { file: read.file, line: 1 } }
  },
  fileset: ([path, pattern], at, scope) => {
    if (path?.type !== 'string' || pattern?.type !== 'string') return undefined
    const files = scope.listFiles?.(path.value, pattern.value)
    if (!files)
      return unknown(
        at,
        `fileset("${path.value}", "${pattern.value}")`,
        `fileset() lists ${path.value}, which is not a directory in the repository, or holds too many files`,
      )
    return { type: 'array', items: files.map((f) => ({ type: 'string', value: f, ...pos(at) })), ...pos(at) }
  },
  // A file that cannot be read here (outside the repository) is not known to be missing.
  fileexists: ([path], at, scope) => {
    if (path?.type !== 'string') return undefined
    const read = scope.readFile(path.value)
    return read ? { type: 'boolean', value: read.text !== undefined, ...pos(at) } : undefined
  },
  basename: ([path], at) =>
    path?.type === 'string' ? { type: 'string', value: posix.basename(path.value), ...pos(at) } : undefined,
  dirname: ([path], at) =>
    path?.type === 'string' ? { type: 'string', value: posix.dirname(path.value), ...pos(at) } : undefined,
  templatefile: ([path, vars], at, scope) => {
    if (path?.type !== 'string' || vars?.type !== 'object') return undefined
    const read = scope.readFile(path.value)
    const call = `templatefile("${path.value}", …)`
    // Terraform stops on a template it cannot read; here the policy is left unresolved, saying why.
    if (read?.text === undefined)
      return unknown(at, call, unreadable('templatefile', read?.file ?? path.value, read?.why))
    return renderTemplate(read.text, { file: read.file, line: 1 }, vars, scope, at, call)
  },
  // Terraform 1.9: a template held in a value (a local, a file read once), rendered as templatefile()
  // renders one; its lines are where the text is written.
  templatestring: ([text, vars], at, scope) => {
    if (text?.type !== 'string' || vars?.type !== 'object') return undefined
    const where = text.origin
      ? { file: text.origin.file, line: text.origin.line }
      : text.written
        ? { file: text.written.file, line: text.written.line }
        : { file: undefined, line: text.line }
    return renderTemplate(text.value, where, vars, scope, at, 'templatestring(…)')
  },
  format: ([spec, ...rest], at) => {
    const text = spec?.type === 'string' ? formatted(spec.value, rest) : undefined
    return text === undefined ? undefined : withHeld({ type: 'string', value: text, ...pos(at) }, rest)
  },
  // `formatlist("arn:aws:s3:::%s/*", var.buckets)`: format() once per item; lists of one length, a single
  // value repeated.
  formatlist: ([spec, ...rest], at) => {
    if (spec?.type !== 'string' || rest.some((r) => r.type === 'unknown')) return undefined
    const lengths = new Set(rest.flatMap((r) => (r.type === 'array' ? [r.items.length] : [])))
    if (lengths.size > 1) return undefined
    const [count = 1] = lengths
    const items: Value[] = []
    for (let i = 0; i < count; i++) {
      const parts = rest.map((r) => (r.type === 'array' ? (r.items[i] as Value) : r))
      const text = formatted(spec.value, parts)
      if (text === undefined) return undefined
      items.push(withHeld({ type: 'string', value: text, ...pos(at) }, parts))
    }
    return { type: 'array', items, ...pos(at) }
  },
  join: ([separator, ...lists], at) => {
    // A list known only after apply (a splat of instances whose count is not known) is unknown as a whole,
    // not one placeholder item: its items are not known.
    if (separator?.type !== 'string' || lists.some((l) => l.type === 'unknown')) return undefined
    const items = lists.flatMap((l) => (l.type === 'array' ? l.items : [l]))
    // One item is itself (`join("", aws_iam_policy.x.*.arn)`, the pre-0.12 way to read a counted
    // resource): an unknown one stays the attribute it is, not a placeholder in a string, and a string keeps
    // where its text comes from.
    const [only] = items
    if (items.length === 1 && (only?.type === 'unknown' || only?.type === 'string')) return only
    const texts = items.map(toText)
    if (texts.some((t) => t === undefined)) return undefined
    return withHeld({ type: 'string', value: texts.join(separator.value), ...pos(at) }, items)
  },
  concat: (lists, at) =>
    lists.every((l) => l.type === 'array')
      ? { type: 'array', items: lists.flatMap((l) => (l.type === 'array' ? l.items : [])), ...pos(at) }
      : undefined,
  flatten: ([list], at) =>
    list?.type === 'array' ? { type: 'array', items: flattenItems(list), ...pos(at) } : undefined,
  merge: (objects, at) => {
    if (!objects.every((o) => o.type === 'object' || o.type === 'null')) return undefined
    const merged = new Map<string, { key: JsonString; value: Value }>()
    for (const o of objects) {
      if (o.type !== 'object') continue
      o.keys.forEach((key, i) => {
        merged.set(key.value, { key, value: o.values[i] as Value })
      })
    }
    return {
      type: 'object',
      keys: [...merged.values()].map((e) => e.key),
      values: [...merged.values()].map((e) => e.value),
      ...pos(at),
    }
  },
  distinct: ([list], at) =>
    list?.type === 'array' ? { type: 'array', items: distinctItems(list.items), ...pos(at) } : undefined,
  setunion: (sets, at) =>
    sets.every((set) => set.type === 'array')
      ? { type: 'array', items: setOrder(distinctItems(sets.flatMap((set) => set.items))), ...pos(at) }
      : undefined,
  setintersection: ([first, ...others], at) =>
    setOf(first, others, at, (item, sets) => sets.every((set) => set.has(item))),
  setsubtract: ([first, second], at) =>
    setOf(first, second ? [second] : [], at, (item, [set]) => !set?.has(item)),
  sort: ([list], at) => {
    if (list?.type !== 'array' || !list.items.every((item) => item.type === 'string')) return undefined
    return { type: 'array', items: [...(list.items as JsonString[])].sort(byText), ...pos(at) }
  },
  reverse: ([list], at) =>
    list?.type === 'array' ? { type: 'array', items: [...list.items].reverse(), ...pos(at) } : undefined,
  slice: ([list, start, end], at) => {
    if (list?.type !== 'array' || start?.type !== 'number' || end?.type !== 'number') return undefined
    if (start.value < 0 || end.value > list.items.length || start.value > end.value) return undefined
    return { type: 'array', items: list.items.slice(start.value, end.value), ...pos(at) }
  },
  zipmap: ([keys, values], at) => {
    if (keys?.type !== 'array' || values?.type !== 'array' || keys.items.length !== values.items.length)
      return undefined
    if (!keys.items.every((key) => key.type === 'string')) return undefined
    return { type: 'object', keys: keys.items as JsonString[], values: values.items, ...pos(at) }
  },
  tomap: ([map]) => (map?.type === 'object' ? map : undefined),
  trimspace: ([s], at) => (s?.type === 'string' ? fromPlain(s.value.trim(), at) : undefined),
  // Hex digests of a string's UTF-8 bytes: modules key a for_each by them (`md5(policy) => policy`).
  md5: ([s], at) => digest('md5', s, at),
  sha1: ([s], at) => digest('sha1', s, at),
  sha256: ([s], at) => digest('sha256', s, at),
  sha512: ([s], at) => digest('sha512', s, at),
  // Each word's first letter upper-cased, as Go's strings.Title does it.
  title: ([s], at) =>
    s?.type === 'string'
      ? fromPlain(
          s.value.replace(
            /(^|[^\p{L}\p{N}_])(\p{Ll})/gu,
            (_, before: string, letter: string) => before + letter.toUpperCase(),
          ),
          at,
        )
      : undefined,
  // By characters, as Terraform counts them; a negative offset counts from the end, a length of -1 to it.
  substr: ([s, offset, length], at) => {
    if (s?.type !== 'string' || offset?.type !== 'number' || length?.type !== 'number') return undefined
    const chars = [...s.value]
    const from = offset.value < 0 ? Math.max(0, chars.length + offset.value) : offset.value
    if (from > chars.length) return undefined
    const to = length.value < 0 ? chars.length : Math.min(chars.length, from + length.value)
    return fromPlain(chars.slice(from, to).join(''), at)
  },
  tolist: ([list]) => (list?.type === 'array' ? list : undefined),
  toset: ([list], at) =>
    list?.type === 'array'
      ? { type: 'array', items: setOrder(distinctItems(list.items)), ...pos(at) }
      : undefined,
  tostring: ([value], at) => {
    const text = value && toText(value)
    return value === undefined || text === undefined
      ? undefined
      : withHeld({ type: 'string', value: text, ...pos(at) }, [value])
  },
  lower: ([s], at) =>
    s?.type === 'string' ? { type: 'string', value: s.value.toLowerCase(), ...pos(at) } : undefined,
  upper: ([s], at) =>
    s?.type === 'string' ? { type: 'string', value: s.value.toUpperCase(), ...pos(at) } : undefined,
  compact: ([list], at) =>
    list?.type === 'array'
      ? {
          type: 'array',
          items: list.items.filter((v) => !(v.type === 'string' && v.value === '') && v.type !== 'null'),
          ...pos(at),
        }
      : undefined,
  coalesce: (args) => args.find((a) => a.type !== 'null' && !(a.type === 'string' && a.value === '')),
  element: ([list, index]) =>
    list?.type === 'array' && index?.type === 'number' && list.items.length > 0
      ? list.items[index.value % list.items.length]
      : undefined,
  lookup: ([map, key, fallback]) => {
    if (map?.type !== 'object' || key?.type !== 'string') return undefined
    return member(map, key.value) ?? fallback
  },
  length: ([given], at) => {
    // Counted on what a moved value was moved from: its parts need not be moved to be counted.
    const value = given && unmoved(given)
    if (value?.type === 'array' && value.items.some((item) => item.type === 'unknown' && item.spread))
      return unknown(
        at,
        'length(…)',
        'the list flatten() made holds what is not known here, of a length not known',
      )
    if (value?.type === 'array') return fromPlain(value.items.length, at)
    if (value?.type === 'object') return fromPlain(value.keys.length, at)
    // Characters, as Terraform counts them (not UTF-16 units).
    if (value?.type === 'string') return fromPlain([...value.value].length, at)
    return undefined
  },
  coalescelist: (lists) => lists.find((l) => l.type === 'array' && l.items.length > 0),
  // Of a map; of a known list or text, an error (`try(keys(var.statements), [null])` reads either).
  keys: ([map], at) =>
    map?.type === 'object'
      ? { type: 'array', items: [...map.keys].sort(byText), ...pos(at) }
      : notMap('keys', map, at),
  values: ([map], at) =>
    map?.type === 'object'
      ? { type: 'array', items: byKey(map).map(([, value]) => value), ...pos(at) }
      : notMap('values', map, at),
  contains: ([list, item], at) => {
    const i = positionIn(list, item)
    return i === undefined ? undefined : fromPlain(i >= 0, at)
  },
  one: ([list], at) => {
    if (list?.type !== 'array' || list.items.length > 1) return undefined
    return list.items[0] ?? { type: 'null', value: null, ...pos(at) }
  },
  replace: ([s, search, replacement], at) => {
    if (s?.type !== 'string' || search?.type !== 'string' || replacement?.type !== 'string') return undefined
    if (!/^\/.+\/$/.test(search.value))
      return { type: 'string', value: s.value.split(search.value).join(replacement.value), ...pos(at) }
    // `/…/` is a regular expression in RE2's syntax, matched in linear time as Terraform does: JavaScript's
    // backtracking engine could be kept running for hours by a pull request's .tf file.
    try {
      const pattern = RE2JS.compile(search.value.slice(1, -1))
      const value = pattern
        .matcher(s.value)
        .replaceAll((...match: unknown[]) => expand(replacement.value, match))
      return { type: 'string', value, ...pos(at) }
    } catch {
      return undefined
    }
  },
  // The AWS provider's functions (provider 5.40+, Terraform 1.8+): an ARN taken apart, put together, or
  // a role's ARN without its path. A part of a text that holds a placeholder holds it too.
  'provider::aws::arn_parse': ([arn], at) => {
    if (arn?.type !== 'string') return undefined
    const parts = arnParts(arn.value)
    if (!parts) return notAnArn('arn_parse', arn.value, at)
    const names = ['partition', 'service', 'region', 'account_id', 'resource']
    return {
      type: 'object',
      keys: names.map((name) => ({ type: 'string', value: name, ...pos(at) })),
      values: parts.map((part) =>
        withHeld({ type: 'string', value: part, ...pos(at) }, part.includes('${') ? [arn] : []),
      ),
      ...pos(at),
    }
  },
  'provider::aws::arn_build': (parts, at) => {
    const texts = parts.length === 5 ? parts.map(toText) : []
    if (texts.length !== 5 || texts.some((text) => text === undefined)) return undefined
    return withHeld({ type: 'string', value: `arn:${texts.join(':')}`, ...pos(at) }, parts)
  },
  'provider::aws::trim_iam_role_path': ([arn], at) => {
    if (arn?.type !== 'string') return undefined
    const [partition, service, region, account, resource] = arnParts(arn.value) ?? []
    if (service !== 'iam' || !resource?.startsWith('role/'))
      return notAnArn('trim_iam_role_path', arn.value, at, 'an IAM role ARN')
    const name = resource.slice(resource.lastIndexOf('/') + 1)
    const text = `arn:${partition}:${service}:${region}:${account}:role/${name}`
    return withHeld({ type: 'string', value: text, ...pos(at) }, [arn])
  },
  split: ([separator, s], at) =>
    separator?.type === 'string' && s?.type === 'string'
      ? fromPlain(s.value.split(separator.value), at)
      : undefined,
  trimprefix: ([s, prefix], at) =>
    s?.type === 'string' && prefix?.type === 'string'
      ? fromPlain(s.value.startsWith(prefix.value) ? s.value.slice(prefix.value.length) : s.value, at)
      : undefined,
  trimsuffix: ([s, suffix], at) =>
    s?.type === 'string' && suffix?.type === 'string'
      ? fromPlain(
          s.value.endsWith(suffix.value) && suffix.value !== ''
            ? s.value.slice(0, -suffix.value.length)
            : s.value,
          at,
        )
      : undefined,
  strcontains: ([s, part], at) =>
    s?.type === 'string' && part?.type === 'string' ? fromPlain(s.value.includes(part.value), at) : undefined,
  // `{ admins = ["ann", "bo"] }` to `{ ann = ["admins"], bo = ["admins"] }`: each list's strings become keys,
  // the keys they were under their values, in key order, as Terraform swaps a map of lists.
  transpose: ([map], at) => {
    if (map?.type !== 'object') return undefined
    const swapped = new Map<string, string[]>()
    for (const [key, list] of byKey(map)) {
      if (list.type !== 'array') return undefined
      for (const item of list.items) {
        if (item.type !== 'string') return undefined
        const keys = swapped.get(item.value)
        if (keys) keys.push(key.value)
        else swapped.set(item.value, [key.value])
      }
    }
    return fromPlain(Object.fromEntries([...swapped].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), at)
  },
  startswith: ([s, prefix], at) =>
    s?.type === 'string' && prefix?.type === 'string'
      ? fromPlain(s.value.startsWith(prefix.value), at)
      : undefined,
  endswith: ([s, suffix], at) =>
    s?.type === 'string' && suffix?.type === 'string'
      ? fromPlain(s.value.endsWith(suffix.value), at)
      : undefined,
  // `for_each = { for pair in setproduct(var.roles, var.policy_arns) : … }`: each role with each policy.
  setproduct: (sets, at) => {
    if (sets.length < 2 || sets.some((set) => set.type !== 'array')) return undefined
    const lists = sets as Extract<Value, { type: 'array' }>[]
    const size = lists.reduce((n, list) => n * list.items.length, 1)
    if (size > MAX_PRODUCT)
      return unknown(
        at,
        'setproduct(…)',
        `setproduct() of ${size} combinations, more than ${MAX_PRODUCT} are read`,
      )
    let product: Value[][] = [[]]
    for (const list of lists) product = product.flatMap((head) => list.items.map((item) => [...head, item]))
    return {
      type: 'array',
      items: product.map((items) => ({ type: 'array', items, ...pos(at) })),
      ...pos(at),
    }
  },
  range: (args, at) => {
    const ns = args.flatMap((a) => (a.type === 'number' ? [a.value] : []))
    if (args.length === 0 || args.length > 3 || ns.length !== args.length) return undefined
    const [a, b, c] = ns
    // Without a step, 1 counting up and -1 counting down, as Terraform has it.
    const [start, end] = args.length === 1 ? [0, a as number] : [a as number, b as number]
    const step = c ?? (start <= end ? 1 : -1)
    if (step === 0 || (end - start) / step > MAX_PRODUCT) return undefined
    const items: Value[] = []
    for (let i = start; step > 0 ? i < end : i > end; i += step) items.push(fromPlain(i, at))
    return { type: 'array', items, ...pos(at) }
  },
  chunklist: ([list, size], at) => {
    if (list?.type !== 'array' || size?.type !== 'number' || size.value < 0 || !Number.isInteger(size.value))
      return undefined
    if (size.value === 0) return { type: 'array', items: [{ ...list, ...pos(at) }], ...pos(at) }
    const chunks: Value[] = []
    for (let i = 0; i < list.items.length; i += size.value)
      chunks.push({ type: 'array', items: list.items.slice(i, i + size.value), ...pos(at) })
    return { type: 'array', items: chunks, ...pos(at) }
  },
  index: ([list, item], at) => {
    const i = positionIn(list, item)
    if (i === undefined) return undefined
    return i < 0
      ? { ...unknown(at, 'index(…)', 'index() of an item the list does not hold'), error: true }
      : fromPlain(i, at)
  },
  chomp: ([s], at) => (s?.type === 'string' ? fromPlain(trimEndOf(s.value, '\r\n'), at) : undefined),
  // Spaces after each line break, as a heredoc policy indents a document it embeds
  // (`${indent(2, jsonencode(local.statement))}`); a placeholder in the text stays one.
  indent: ([spaces, s], at, scope) => {
    if (spaces?.type !== 'number' || s?.type !== 'string') return undefined
    const n = spaces.value
    if (!Number.isInteger(n) || n < 0)
      return unknown(at, 'indent(…)', `indent() of ${n} spaces, which Terraform refuses`)
    const breaks = s.value.split('\n').length - 1
    if (breaks === 0) return s
    // Not made at all past what the budget has left (indent(1e9, …) of a long text).
    if ((s.value.length + breaks * n) / 64 > scope.budget.left)
      return unknown(at, 'indent(…)', TOO_MANY_VALUES)
    const made = withHeld(
      { type: 'string', value: s.value.replaceAll('\n', `\n${' '.repeat(n)}`), ...pos(at) },
      [s],
    )
    return spend(scope, made) ? made : unknown(at, 'indent(…)', TOO_MANY_VALUES)
  },
  trim: ([s, cut], at) => {
    if (s?.type !== 'string' || cut?.type !== 'string') return undefined
    const chars = new Set(cut.value)
    let start = 0
    let end = s.value.length
    while (start < end && chars.has(s.value.charAt(start))) start++
    while (end > start && chars.has(s.value.charAt(end - 1))) end--
    return fromPlain(s.value.slice(start, end), at)
  },
  tonumber: ([v], at) => {
    if (v?.type === 'number' || v?.type === 'null') return v
    if (v?.type !== 'string' || !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v.value)) return undefined
    return fromPlain(Number(v.value), at)
  },
  tobool: ([v], at) => {
    if (v?.type === 'boolean' || v?.type === 'null') return v
    return v?.type === 'string' && (v.value === 'true' || v.value === 'false')
      ? fromPlain(v.value === 'true', at)
      : undefined
  },
  min: (args, at) => numbers(args, at, smallest),
  max: (args, at) => numbers(args, at, largest),
  // `count = ceil(length(local.statements) / 10)`: a policy split in parts, under IAM's size limit.
  ceil: (args, at) => (args.length === 1 ? numbers(args, at, ([n]) => Math.ceil(n as number)) : undefined),
  floor: (args, at) => (args.length === 1 ? numbers(args, at, ([n]) => Math.floor(n as number)) : undefined),
  abs: (args, at) => (args.length === 1 ? numbers(args, at, ([n]) => Math.abs(n as number)) : undefined),
  signum: (args, at) => (args.length === 1 ? numbers(args, at, ([n]) => Math.sign(n as number)) : undefined),
  pow: (args, at) =>
    args.length === 2 ? numbers(args, at, ([a, b]) => (a as number) ** (b as number)) : undefined,
  // regex() and regexall() in RE2's syntax, in linear time, as replace() (and Terraform) match them.
  regex: ([pattern, s], at) => {
    const found = matchesOf(pattern, s, at, 1)
    if (!found || found.length > 0) return found?.[0]
    const text = `regex(${JSON.stringify((pattern as JsonString).value)}, …)`
    return {
      ...unknown(at, text, `${text} matches nothing in ${JSON.stringify((s as JsonString).value)}`),
      error: true,
    }
  },
  regexall: ([pattern, s], at) => {
    const found = matchesOf(pattern, s, at, MAX_REGEX_MATCHES)
    return found && { type: 'array', items: found, ...pos(at) }
  },
  // Marks for what Terraform shows, not values: the value is the same. (Not sensitive(), which this
  // leaves not known, so that nothing the code marks secret is written out.)
  nonsensitive: ([value]) => value,
  sum: ([list], at) =>
    list?.type === 'array' ? numbers(list.items, at, (ns) => ns.reduce((a, b) => a + b, 0)) : undefined,
  anytrue: ([list], at) => {
    if (list?.type !== 'array') return undefined
    if (list.items.some((v) => v.type === 'boolean' && v.value)) return fromPlain(true, at)
    return list.items.every((v) => v.type === 'boolean') ? fromPlain(false, at) : undefined
  },
  alltrue: ([list], at) => {
    if (list?.type !== 'array') return undefined
    if (list.items.some((v) => v.type === 'boolean' && !v.value)) return fromPlain(false, at)
    return list.items.every((v) => v.type === 'boolean') ? fromPlain(true, at) : undefined
  },
  // Whether its argument evaluates without an error; a value known only after apply leaves it unknown.
  can: ([value], at) => {
    if (value?.type !== 'unknown') return fromPlain(true, at)
    return value.error ? fromPlain(false, at) : undefined
  },
  try: () => undefined,
}

/** Functions whose arguments may be null (Terraform's AllowNull): of null they make a value, or are not known here. */
const TAKES_NULL = new Set([
  'coalesce',
  'coalescelist',
  'jsonencode',
  'tostring',
  'tonumber',
  'tobool',
  'tolist',
  'toset',
  'tomap',
  'merge',
  'one',
  'format',
  'formatlist',
  'try',
  'can',
])

/** keys() or values() of what is not a map: Terraform's error for a known value, else not known. */
function notMap(fn: string, value: Value | undefined, at: At): Value | undefined {
  if (
    value?.type !== 'array' &&
    value?.type !== 'string' &&
    value?.type !== 'number' &&
    value?.type !== 'boolean'
  )
    return undefined
  return {
    ...unknown(at, `${fn}(…)`, `${fn}() of a ${value.type === 'array' ? 'list' : value.type}, not a map`),
    error: true,
  }
}

/**
 * A replacement of Terraform's replace() with its groups, as Go's regexp expands it: `$1` and `${1}` by
 * number, `$name` and `${name}` by name (the longest run of letters, digits and `_`), `$$` a `$`; a group
 * the pattern does not have is empty. `match` is what re2js hands a replacer: the match, its groups in
 * order, the offset, the input and (if the pattern names any) the named groups.
 */
function expand(template: string, match: readonly unknown[]): string {
  // The named groups come last, and only when the pattern has some.
  const last = match[match.length - 1]
  const hasNames = typeof last === 'object' && last !== null
  const named = (hasNames ? last : {}) as Record<string, string | undefined>
  const numbered = match.slice(0, hasNames ? -3 : -2) as (string | undefined)[]
  return template.replace(/\$(?:\$|\{(\w+)\}|(\w+))/g, (_whole, braced?: string, bare?: string) => {
    const name = braced ?? bare
    if (name === undefined) return '$'
    return (/^\d+$/.test(name) ? numbered[Number(name)] : named[name]) ?? ''
  })
}

/** Map keys in Terraform's order: lexical. */
function byText(a: JsonString, b: JsonString): number {
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0
}

/** A map's entries in the order Terraform iterates them (for expressions, dynamic blocks): by key. */
export function byKey(map: Extract<Value, { type: 'object' }>): [JsonString, Value][] {
  return map.keys
    .map((key, i): [JsonString, Value] => [key, map.values[i] as Value])
    .sort(([a], [b]) => byText(a, b))
}

function flattenItems(list: Extract<Value, { type: 'array' }>): Value[] {
  return list.items.flatMap((item) =>
    item.type === 'array'
      ? flattenItems(item)
      : item.type === 'unknown'
        ? [{ ...item, spread: true }]
        : [item],
  )
}

/**
 * The distinct items of `first` that `keep` takes, given each item's JSON text and the sets of `others`
 * by the same: when `first` and every other are lists of known items (there is at least one other).
 */
function setOf(
  first: Value | undefined,
  others: readonly Value[],
  at: At,
  keep: (item: string, others: readonly Set<string>[]) => boolean,
): Value | undefined {
  const known = (set: Value | undefined): set is Extract<Value, { type: 'array' }> =>
    set?.type === 'array' && set.items.every((item) => item.type !== 'unknown')
  if (!known(first) || others.length === 0 || !others.every(known)) return undefined
  const sets = others.map((set) => new Set(set.items.map(encode)))
  const items = distinctItems(first.items).filter((item) => keep(encode(item), sets))
  return { type: 'array', items: setOrder(items), ...pos(at) }
}

/** A format() spec filled with `values` (%s, %d, %v, %q, %%); undefined when one has no text. */
function formatted(spec: string, values: readonly Value[]): string | undefined {
  let i = 0
  let failed = false
  const text = spec.replace(/%(%|[sdvq])/g, (whole, verb: string) => {
    if (verb === '%') return '%'
    const value = values[i++]
    const piece = value && toText(value)
    if (piece === undefined) failed = true
    return verb === 'q' ? JSON.stringify(piece) : (piece ?? whole)
  })
  return failed ? undefined : text
}

function distinctItems(items: readonly Value[]): Value[] {
  const seen = new Set<string>()
  return items.filter((item) => {
    const key = encode(item)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * A set's items in the order Terraform iterates them: strings in lexical order, numbers in numeric
 * order (cty's ordering of sets of those); any other set as written, as this reading cannot say.
 */
function setOrder(items: Value[]): Value[] {
  if (items.every((i) => i.type === 'string'))
    return items.sort((a, b) => byCodeUnits((a as JsonString).value, (b as JsonString).value))
  if (items.every((i) => i.type === 'number'))
    return items.sort((a, b) => (a.value as number) - (b.value as number))
  return items
}

/** Whether `value` is text not known here (isText) and `other` null or "", which it never is. */
function isNothing(value: Value, other: Value): boolean {
  return (
    value.type === 'unknown' &&
    value.isText === true &&
    (other.type === 'null' || (other.type === 'string' && other.value === ''))
  )
}

/**
 * Whether a reference names an attribute of a resource or data source that the AWS provider always
 * sets, to text: what identifies it, its ARN, id, name or URL (`aws_sqs_queue.jobs[0].arn`,
 * `data.aws_kms_key.k.key_id`). Not an optional argument that names another resource
 * (`aws_lambda_function.f.kms_key_arn` is null when no key is given).
 */
function isStringAttribute(text: string): boolean {
  return STRING_ATTRIBUTE.test(text)
}
/** A resource's attributes that are text once known (isText). */
const STRING_ATTRIBUTES = new Set([
  'arn',
  'id',
  'name',
  'url',
  'invoke_arn',
  'qualified_arn',
  'key_id',
  'unique_id',
  'function_name',
  'bucket',
  'repository_url',
  'dns_name',
])
const STRING_ATTRIBUTE = new RegExp(
  `^(data\\.)?aws_\\w+\\.[\\w-]+(\\[[^\\]]*\\])?\\.(${[...STRING_ATTRIBUTES].join('|')})$`,
)

/** A value as JSON text, as jsonencode() writes it; unknown values as their placeholder. */
export function encode(value: Value): string {
  return JSON.stringify(toPlain(value))
}

/** A value without positions; unknown values as their placeholder. */
export function toPlain(value: Value): unknown {
  switch (value.type) {
    case 'array':
      return value.items.map(toPlain)
    case 'object':
      return Object.fromEntries(value.keys.map((k, i) => [k.value, toPlain(value.values[i] as Value)]))
    case 'unknown':
      return placeholder(shownText(value))
    default:
      return value.value
  }
}

/** A positioned JSON tree of a value, for the policy checks: unknown values as their placeholder. */
/**
 * Why a part of `value` is missing when a bound of this reading cut it short (the values it may make,
 * how deep it follows references), or undefined: a document with such a part is not known as written,
 * and its placeholder (`${…}` for a list of actions) would be reported as a mistake of the code.
 */
export function cutShortIn(value: Value): string | undefined {
  const stack = [value]
  for (let v = stack.pop(); v !== undefined; v = stack.pop()) {
    if (v.type === 'unknown' && isCutShort(v.why)) return v.why
    if (v.type === 'array') for (const item of v.items) stack.push(item)
    else if (v.type === 'object') for (const item of v.values) stack.push(item)
  }
  return undefined
}

/** Whether a value is not known because a bound of this reading cut it short (see cutShortIn). */
export function isCutShort(why: string): boolean {
  return why === TOO_MANY_VALUES || why === TOO_DEEP
}

export function toJsonNode(value: Value): JsonNode {
  const place = placeOf(value)
  switch (value.type) {
    case 'array':
      return { type: 'array', items: value.items.map(toJsonNode), ...place }
    case 'object':
      return { type: 'object', keys: value.keys, values: value.values.map(toJsonNode), ...place }
    case 'unknown':
      return { type: 'string', value: placeholder(shownText(value)), ...place }
    case 'string':
      return { type: 'string', value: value.value, ...place }
    default:
      return value
  }
}

function placeOf(value: Place): Place {
  const { line, column, written } = value
  return written ? { line, column, written } : { line, column }
}

/**
 * A value written in the file `from`, for use in another file at `at` (a local of locals.tf named in
 * iam.tf): its parts stand at `at`, the name that brings it, in the file being evaluated, and keep
 * where they are written (`written`): the line a person edits. What knows its own file keeps its
 * lines: a document's tree (`encodedIn`), a heredoc's text (`origin`).
 */
export function relocate(value: Value, at: At, from: string): Value {
  const { line, column } = at
  const written = value.written ?? { file: from, line: value.line, column: value.column }
  const here = { line, column, written }
  switch (value.type) {
    case 'string': {
      const { origin, encoded } = value
      // Most are plain text, made in one shape: a spread made each an object of a shape of its own, and
      // 3.7 million map keys moved took 4.4 s and 1.5 GB where these take 1.2 s and 470 MB.
      if (!origin && !encoded && value.uncertain === undefined && value.holds === undefined)
        return { type: 'string', value: value.value, line, column, written }
      return {
        ...value,
        ...here,
        ...(encoded && { encodedIn: value.encodedIn ?? from }),
        ...(origin && origin.file === undefined && { origin: { ...origin, file: from } }),
      }
    }
    // Its parts are moved when they are first read, not before: a map of 3,000 accounts named whole in
    // 300 places (`length(local.accounts)`) was copied 300 times, and a run ran out of memory.
    case 'array': {
      let items: Value[] | undefined
      return weighed(value, {
        type: 'array',
        get items() {
          items ??= value.items.map((item) => relocate(item, at, from))
          return items
        },
        ...here,
      })
    }
    case 'object': {
      let keys: JsonString[] | undefined
      let values: Value[] | undefined
      return weighed(value, {
        type: 'object',
        get keys() {
          keys ??= value.keys.map((key) => relocate(key, at, from) as JsonString)
          return keys
        },
        get values() {
          values ??= value.values.map((v) => relocate(v, at, from))
          return values
        },
        ...here,
      })
    }
    case 'number':
      return { type: 'number', value: value.value, line, column, written }
    case 'boolean':
      return { type: 'boolean', value: value.value, line, column, written }
    case 'null':
      return { type: 'null', value: null, line, column, written }
    default:
      return { ...value, ...here }
  }
}

/**
 * `copy`, which holds what `value` holds, with `value`'s weight: the copy is not walked for it, which
 * would move every part of a moved value (relocate) that nothing reads. `value` is walked at most once.
 */
function weighed(value: Value, copy: Value): Value {
  WEIGHTS.set(copy, weight(value))
  MOVED.set(copy, value)
  return copy
}

/** Each moved collection (relocate), and the value it was moved from. */
const MOVED = new WeakMap<Value, Value>()

/** The value a moved one was moved from, through any number of moves; the value itself when not moved. */
function unmoved(value: Value): Value {
  let from = value
  for (let next = MOVED.get(from); next !== undefined; next = MOVED.get(from)) from = next
  return from
}

/**
 * Each text and each placeholder's `of` (`module.db.aws_iam_policy.app.arn`) inside a value, walked on
 * the values moved ones come from (a list of 2,000 ARNs a local holds, given to 1,500 module calls, is
 * walked once), breadth first and no further than MAX_PARTS_WALKED parts: the value comes from the code.
 */
export function partsWithin(value: Value): Parts {
  const from = unmoved(value)
  const known = PARTS.get(from)
  if (known) return known
  const texts: string[] = []
  const ofs: string[] = []
  let documents = false
  for (const part of breadthFirst([from], MAX_PARTS_WALKED, unmoved))
    if (part.type === 'string') {
      texts.push(part.value)
      documents ||= isDocumentText(part)
    } else if (part.type === 'unknown' && part.of !== undefined) ofs.push(part.of)
  const parts = { texts, ofs, documents }
  PARTS.set(from, parts)
  return parts
}

/** What partsWithin finds; `documents`: whether a text is JSON the code wrote as a policy (documentsWithin). */
export interface Parts {
  readonly texts: readonly string[]
  readonly ofs: readonly string[]
  readonly documents: boolean
}
const PARTS = new WeakMap<Value, Parts>()
const MAX_PARTS_WALKED = 10_000

/**
 * The texts inside a value that the code wrote as IAM policy documents (`data.aws_iam_policy_document.x.json`,
 * `jsonencode({ Statement = … })`, a file() of a policy), as they are where the value is: their lines in
 * the files that write them. Walked as partsWithin is, on what partsWithin says holds one.
 */
export function documentsWithin(value: Value): Extract<Value, { type: 'string' }>[] {
  const found: Extract<Value, { type: 'string' }>[] = []
  for (const part of breadthFirst([value], MAX_PARTS_WALKED))
    if (part.type === 'string' && isDocumentText(part)) found.push(part)
  return found
}

/**
 * Whether a text is JSON the code wrote as an identity policy: with a `Statement`, encoded or read from a
 * file or heredoc, and no `Principal` (a role's trust policy, a bucket's or a key's policy name who may
 * act; an identity policy never does).
 */
function isDocumentText(text: Extract<Value, { type: 'string' }>): boolean {
  const { encoded } = text
  if (encoded) {
    if (encoded.type !== 'object') return false
    const statements = encoded.values[encoded.keys.findIndex((k) => k.value === 'Statement')]
    if (!statements) return false
    const each = statements.type === 'array' ? statements.items : [statements]
    return !each.some(
      (s) => s.type === 'object' && s.keys.some((k) => k.value === 'Principal' || k.value === 'NotPrincipal'),
    )
  }
  return (
    text.origin !== undefined &&
    /"Statement"\s*:/.test(text.value) &&
    !/"(Not)?Principal"\s*:/.test(text.value)
  )
}

/** A plain JSON value (from a plan, or decoded), every part at `at`. */
export function fromPlain(plain: unknown, at: At): Value {
  if (plain === null || plain === undefined) return { type: 'null', value: null, ...pos(at) }
  if (typeof plain === 'string') return { type: 'string', value: plain, ...pos(at) }
  if (typeof plain === 'number') return { type: 'number', value: plain, ...pos(at) }
  if (typeof plain === 'boolean') return { type: 'boolean', value: plain, ...pos(at) }
  if (Array.isArray(plain)) return { type: 'array', items: plain.map((p) => fromPlain(p, at)), ...pos(at) }
  const entries = Object.entries(plain as Record<string, unknown>)
  return {
    type: 'object',
    keys: entries.map(([k]) => ({ type: 'string', value: k, ...pos(at) })),
    values: entries.map(([, v]) => fromPlain(v, at)),
    ...pos(at),
  }
}

/**
 * What jsondecode() makes of a string: of text with lines of its own (a file, a heredoc), each value
 * where it is written there, or, when it is not JSON, why (`what` names it); of any other, every part
 * at `at`, or undefined when it is not JSON.
 */
export function jsonDecoded(
  text: Extract<Value, { type: 'string' }>,
  at: At,
  what = 'jsondecode()',
): Value | undefined {
  if (text.origin && isJson(text.value)) return decoded(text, at, 'jsondecode', what)
  try {
    return fromPlain(JSON.parse(text.value), at)
  } catch {
    return undefined
  }
}

/**
 * What yamldecode() (or jsondecode() of a JSON object) makes of a string, read as Terraform reads it:
 * YAML 1.2's core schema, one document, aliases expanded within bounds; JSON strictly. The values of
 * text that has lines of its own (file(), templatefile(), a heredoc) stand where they are written
 * there — in another file, as `written` — so a finding on a policy written in YAML is on the YAML line
 * a person edits; of any other string, at the call. Text that does not parse is unknown, with why.
 */
function decoded(
  text: Extract<Value, { type: 'string' }>,
  at: At,
  fn: 'yamldecode' | 'jsondecode',
  what = `${fn}()`,
): Value {
  const { origin } = text
  const file = origin?.file ?? 'the text'
  const parsed =
    fn === 'jsondecode' ? parseJsonText(file, text.value) : parseYamlTree(file, text.value, 'yamldecode')
  const [problem] = parsed.problems
  if (problem) {
    // A heredoc's lines are the file's own, where the call is.
    const line = origin && lineIn(origin, problem.line ?? 1)
    const where = !origin ? '' : origin.file === undefined ? `line ${line}: ` : `${file}:${line}: `
    return { ...unknown(at, `${fn}(…)`, `${what}: ${where}${problem.message}`), error: true }
  }
  if (!parsed.root) return { type: 'null', value: null, ...pos(at) }
  const placed = (node: { line: number; column: number }): Place => {
    if (!origin) return pos(at)
    const written = placeIn(origin, node)
    return origin.file === undefined ? written : { ...pos(at), written: { file: origin.file, ...written } }
  }
  return valueOfJson(parsed.root, placed)
}

/**
 * A parsed JSON value as a value here, each part where `placed` says (by default, at its own line and
 * column: a .tfvars.json file's values, read with that file).
 */
export function valueOfJson(
  node: JsonNode,
  placed: (node: { line: number; column: number }) => Place = ({ line, column }) => ({ line, column }),
): Value {
  const toValue = (node: JsonNode): Value => {
    switch (node.type) {
      case 'array':
        return { type: 'array', items: node.items.map(toValue), ...placed(node) }
      case 'object':
        return {
          type: 'object',
          keys: node.keys.map((k) => ({ type: 'string', value: k.value, ...placed(k) })),
          values: node.values.map(toValue),
          ...placed(node),
        }
      case 'string':
        return { type: 'string', value: node.value, ...placed(node) }
      case 'number':
        return { type: 'number', value: node.value as number, ...placed(node) }
      case 'boolean':
        return { type: 'boolean', value: node.value as boolean, ...placed(node) }
      default:
        return { type: 'null', value: null, ...placed(node) }
    }
  }
  return toValue(node)
}

/** The source line of line `n` of a text with this origin. */
export function lineIn(origin: TextOrigin, n: number): number {
  return origin.lines?.[n - 1] ?? origin.line + n - 1
}

/**
 * Where a place in a text with this origin is written in the source: line and column, the column moved
 * past what interpolations wrote before it on its line (or at the expression of the interpolation that
 * wrote the place).
 */
export function placeIn(
  origin: TextOrigin,
  at: { line: number; column: number },
): { line: number; column: number } {
  const segments = origin.columns?.[at.line - 1] ?? []
  // The last that starts at or before the column, found by halves: a template of one line can write
  // thousands of statements, each with an interpolation.
  let lo = 0
  let hi = segments.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((segments[mid] as ColumnSegment).from <= at.column) lo = mid + 1
    else hi = mid
  }
  const found = segments[lo - 1]
  if (!found) return { line: lineIn(origin, at.line), column: at.column }
  return {
    line: found.line,
    column: found.literal ? found.column + at.column - found.from : found.column,
  }
}

/** The hidden key of a resource instance's value: which instance a reference leads to. */
export const ADDRESS_KEY = '__address'

/** The value not known here that `value` is, or the first item of a list that is one; else undefined. */
export function unknownIn(value: Value | undefined): Unknown | undefined {
  if (value?.type === 'unknown') return value
  return value?.type === 'array'
    ? (value.items.find((item) => item.type === 'unknown') as Unknown | undefined)
    : undefined
}

export function unknown(at: At, text: string, why: string, of?: string): Unknown {
  return of === undefined
    ? { type: 'unknown', text, why, ...pos(at) }
    : { type: 'unknown', text, why, ...pos(at), of }
}

function pos(at: At): { line: number; column: number } {
  return { line: at.line, column: at.column }
}
