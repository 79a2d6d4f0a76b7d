// The aws_iam_policy_document data source, rendered as the AWS provider renders it, from its blocks:
// statements (and `dynamic "statement"` blocks, over known collections, or once when the collection is
// not known here) with their conditions, after
// the statements of `source_policy_documents` and before `override_policy_documents` replace those of
// the same Sid. The result keeps each statement at its `statement {}` block and each action and
// resource at the line that lists it.
import type { JsonString } from '../../policy/json-tree.js'
import { append } from '../../vocabulary/lists.js'
import {
  byKey,
  encode,
  evaluate,
  fromPlain,
  jsonDecoded,
  relocate,
  type Scope,
  type Unknown,
  unknown,
  unknownIn,
  type Value,
} from './evaluate.js'
import { type Block, bare } from './hcl.js'

/** A scope in which a dynamic block's iterator can be bound. */
export interface Iterating<S> extends Scope {
  withIterator(name: string, key: Value, value: Value): S
}

interface Scoped extends Iterating<Scoped> {}

const PRINCIPAL_BLOCKS: readonly [string, string][] = [
  ['principals', 'Principal'],
  ['not_principals', 'NotPrincipal'],
]

const STATEMENT_KEYS: readonly [string, string][] = [
  ['sid', 'Sid'],
  ['effect', 'Effect'],
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource'],
]

/** `data.aws_iam_policy_document.x.json`: the rendered document, as a string that keeps its structure. */
export function renderPolicyDocument(block: Block, scope: Scoped): Value {
  const at = block.at
  const statements: Value[] = []
  // AWS provider < 5 also took one document in source_json (merged first) and override_json (last).
  const sources = [...oneOf(block, 'source_json', scope), ...listOf(block, 'source_policy_documents', scope)]
  for (const source of sources) {
    const doc = documentOf(source, scope.file)
    if (!Array.isArray(doc))
      return doc ?? unknown(at, `source_policy_documents`, notKnown('a source policy document', source))
    mergeBySid(statements, doc, sidOf)
  }
  const own: Value[] = []
  for (const child of block.blocks) {
    if (child.type === 'statement') own.push(renderStatement(child, scope))
    else if (child.type === 'dynamic' && child.labels[0] === 'statement') {
      const rendered = renderDynamic(child, scope)
      if (!rendered)
        return unknown(
          child.at,
          'dynamic "statement"',
          notIterated(child, scope, `a dynamic "statement" block's`),
        )
      append(own, rendered)
    }
  }
  const unknownStatement = own.find((statement) => statement.type === 'unknown')
  if (unknownStatement) return unknownStatement
  mergeBySid(statements, own, sidOf)
  const overrides = [
    ...listOf(block, 'override_policy_documents', scope),
    ...oneOf(block, 'override_json', scope),
  ]
  for (const override of overrides) {
    const doc = documentOf(override, scope.file)
    if (!Array.isArray(doc))
      return (
        doc ?? unknown(at, 'override_policy_documents', notKnown('an override policy document', override))
      )
    mergeBySid(statements, doc, sidOf)
  }
  const version = block.attributes.get('version')
  const document = objectOf(at, [
    ['Version', version ? evaluate(version.expr, scope) : fromPlain('2012-10-17', at)],
    ['Statement', { type: 'array', items: statements, line: at.line, column: at.column }],
  ])
  return { type: 'string', value: encode(document), line: at.line, column: at.column, encoded: document }
}

function renderStatement(block: Block, scope: Scoped): Value {
  const entries: Entry[] = []
  for (const [attribute, key] of STATEMENT_KEYS) {
    const found = block.attributes.get(attribute)
    const value = found && evaluate(found.expr, scope)
    // Actions not known here (`actions = var.actions` with no value): there is nothing to check, and the
    // document is not known, for that reason (not for a placeholder that is no IAM action).
    const hidden = key === 'Action' || key === 'NotAction' ? unknownIn(value) : undefined
    if (hidden) return hidden
    // An argument set to null is one not given (`not_actions = statement.value.not_actions`).
    if (value && value.type !== 'null')
      entries.push([key, key === 'Resource' || key === 'NotResource' ? policyVariables(value) : value])
  }
  if (!entries.some(([key]) => key === 'Effect'))
    entries.splice(1, 0, ['Effect', fromPlain('Allow', block.at)])
  // `principals {}` makes the document a resource policy's: rendered as the provider renders it, so
  // that a role's policy holding one is refused at its block, as IAM refuses it (MalformedPolicyDocument).
  // A dynamic block counts only when its for_each is known and not empty.
  for (const [type, key] of PRINCIPAL_BLOCKS) {
    const blocks = block.blocks.flatMap((b): [Block, Scoped][] =>
      b.type === type
        ? [[b, scope]]
        : b.type === 'dynamic' && b.labels[0] === type
          ? (iterate(b, scope) ?? [])
          : [],
    )
    const [first] = blocks
    if (!first) continue
    const pairs = blocks.flatMap(([b, inner]): [string, Value][] => {
      const kind = b.attributes.get('type')
      const identifiers = b.attributes.get('identifiers')
      const named = kind && evaluate(kind.expr, inner)
      if (!identifiers || named?.type !== 'string') return []
      return [[named.value, policyVariables(evaluate(identifiers.expr, inner))]]
    })
    entries.push([key, objectOf(first[0].at, pairs), first[0].at])
  }
  const conditions = conditionsOf(block, scope)
  // Conditions not known here: the statement, and so the document, is not known either.
  if ('notKnown' in conditions)
    return unknown(
      block.at,
      'dynamic "condition"',
      notIterated(conditions.notKnown, scope, `a dynamic "condition" block's`),
    )
  const { found } = conditions
  if (found.length > 0) {
    const byTest = new Map<string, [string, Value][]>()
    for (const [condition, inner] of found) {
      const test = evaluate(condition.attributes.get('test')?.expr ?? missing(condition), inner)
      const variable = evaluate(condition.attributes.get('variable')?.expr ?? missing(condition), inner)
      const values = condition.attributes.get('values')
      if (test.type !== 'string' || variable.type !== 'string' || !values) continue
      // The provider writes a single value as a string, as IAM shows it.
      const evaluated = policyVariables(evaluate(values.expr, inner))
      const value =
        evaluated.type === 'array' && evaluated.items.length === 1 ? (evaluated.items[0] as Value) : evaluated
      const pairs = byTest.get(test.value) ?? []
      byTest.set(test.value, pairs)
      // Two blocks of one test and variable: one key, with the values of both (the provider appends them).
      const same = pairs.find(([name]) => name === variable.value)
      if (same) same[1] = valuesOf(same[1], value)
      else pairs.push([variable.value, value])
    }
    const first = (found[0] as [Block, Scope])[0]
    if (byTest.size > 0)
      entries.push([
        'Condition',
        objectOf(
          first.at,
          [...byTest].map(([test, pairs]) => [test, objectOf(first.at, pairs)]),
        ),
      ])
  }
  return objectOf(block.at, entries)
}

/** Two condition values (a string or a list each) as one list, in order. */
function valuesOf(first: Value, second: Value): Value {
  const items = (v: Value) => (v.type === 'array' ? v.items : [v])
  return { type: 'array', items: [...items(first), ...items(second)], line: first.line, column: first.column }
}

/**
 * Resources, principals and condition values as the provider renders them: `&{aws:username}`, written so
 * because HCL would read `${…}` as its own, is the policy variable `${aws:username}`.
 */
function policyVariables(value: Value): Value {
  if (value.type === 'string' && value.value.includes('&{'))
    return { ...value, value: value.value.replaceAll('&{', '${') }
  if (value.type === 'array') return { ...value, items: value.items.map(policyVariables) }
  return value
}

/**
 * A statement's `condition` blocks, each with the scope to read it in: written out, or made by
 * `dynamic "condition"` over a known collection. When such a collection is not known here, that
 * dynamic block: the statement has conditions, but not which.
 */
function conditionsOf(block: Block, scope: Scoped): { found: [Block, Scope][] } | { notKnown: Block } {
  const found: [Block, Scope][] = []
  for (const child of block.blocks) {
    if (child.type === 'condition') found.push([child, scope])
    else if (child.type === 'dynamic' && child.labels[0] === 'condition') {
      const each = iterate(child, scope)
      if (!each) return { notKnown: child }
      append(found, each)
    }
  }
  return { found }
}

/** The content block of a `dynamic` block once per item of its for_each, with the iterator in scope; undefined when not known. */
export function iterate<S extends Iterating<S>>(block: Block, scope: S): [Block, S][] | undefined {
  const forEach = block.attributes.get('for_each')
  const content = block.blocks.find((b) => b.type === 'content')
  if (!forEach || !content) return undefined
  return itemsOf(block, content, evaluate(forEach.expr, scope), scope)
}

/** `content` once per item of a for_each's value, the iterator bound; undefined for no list or map. */
function itemsOf<S extends Iterating<S>>(
  block: Block,
  content: Block,
  collection: Value,
  scope: S,
): [Block, S][] | undefined {
  const name = iteratorName(block)
  if (collection.type === 'array')
    return collection.items.map((item, i) => [
      content,
      scope.withIterator(name, fromPlain(i, block.at), item),
    ])
  // A map's entries in the order Terraform takes them: by key.
  if (collection.type === 'object')
    return byKey(collection).map(([key, value]) => [content, scope.withIterator(name, key, value)])
  return undefined
}

/**
 * Why a dynamic block makes no blocks that can be read here: its for_each's own reason when it has one
 * (`module.queue's code is not in the workspace`), so that the note points at what to change.
 */
export function notIterated(block: Block, scope: Scope, whose = 'its'): string {
  const forEach = block.attributes.get('for_each')
  if (!forEach || !block.blocks.some((b) => b.type === 'content'))
    return `${whose} for_each or content block is missing`
  const value = evaluate(forEach.expr, scope)
  return value.type === 'unknown'
    ? `${whose} for_each is not known here: ${value.why}`
    : `${whose} for_each is ${value.type === 'null' ? 'null' : `a ${value.type}`}, not a list or a map`
}

/** A dynamic block's iterator: its `iterator` argument, else the block's label. */
function iteratorName(block: Block): string {
  const iteratorExpr = bare(block.attributes.get('iterator')?.expr)
  return iteratorExpr?.kind === 'traversal' ? iteratorExpr.root : (block.labels[0] ?? '')
}

/**
 * `dynamic "statement" { for_each = …; content { … } }`: its content once per item of a collection
 * known here. A for_each not known here whose content does not depend on its items (`for_each =
 * var.kms_key_arn != null ? [1] : []`, of an output of a module whose code is not here) gives its content
 * once, as a resource whose count is not known is read as one instance: the statement may be there, so
 * what it would grant is checked, with the rest of the document. Undefined when the content reads the
 * iterator (its items are the statement: they are not known), or the for_each is an error.
 */
function renderDynamic(block: Block, scope: Scoped): Value[] | undefined {
  const forEach = block.attributes.get('for_each')
  const content = block.blocks.find((b) => b.type === 'content')
  if (!forEach || !content) return undefined
  const collection = evaluate(forEach.expr, scope)
  const items = itemsOf(block, content, collection, scope)
  if (items) return items.map(([c, inner]) => renderStatement(c, inner))
  if (collection.type !== 'unknown' || collection.error) return undefined
  const name = iteratorName(block)
  const each = scope.withIterator(
    name,
    unknown(block.at, `${name}.key`, collection.why),
    unknown(block.at, `${name}.value`, collection.why),
  )
  const statement = renderStatement(content, each)
  if (statement.type === 'unknown' || encode(statement).includes(`\${${name}.`)) return undefined
  return [statement]
}

/** A single document's attribute (`source_json`) as a list of it: empty when not given, or null. */
function oneOf(block: Block, attribute: string, scope: Scope): Value[] {
  const found = block.attributes.get(attribute)
  const value = found && evaluate(found.expr, scope)
  return value && value.type !== 'null' ? [value] : []
}

function listOf(block: Block, attribute: string, scope: Scope): Value[] {
  const found = block.attributes.get(attribute)
  if (!found) return []
  const value = evaluate(found.expr, scope)
  return value.type === 'array' ? value.items : [value]
}

/** Why a source or override document is not known here, with the reason of its value when it has one. */
function notKnown(what: string, value: Value): string {
  if (value.type !== 'unknown') return `${what} that is not known here`
  // Down a chain of documents, each the source of the next, the reason is said once: the deepest's.
  return NOT_KNOWN.test(value.why) ? value.why : `${what} that is not known here: ${value.why}`
}
const NOT_KNOWN = /^(a source|an override) policy document that is not known here/

/**
 * The statements of a policy document given as JSON text (rendered here, or a known string); text of
 * its own lines that is not JSON, why (the provider refuses it); undefined when it is not known.
 */
function documentOf(value: Value, file: string | undefined): Value[] | Unknown | undefined {
  let doc: Value | undefined
  if (value.type === 'string')
    doc = !value.encoded
      ? // Text, from file() or a heredoc: each statement where that text writes it.
        jsonDecoded(value, value, 'a policy document it merges')
      : value.encodedIn && value.encodedIn !== file
        ? // A document of another file (a data source in data.tf) merged into this one: at the name that brings it.
          relocate(value.encoded, value, value.encodedIn)
        : value.encoded
  else if (value.type === 'unknown' && value.managedDocument !== undefined)
    // An AWS managed policy (`data.aws_iam_policy.x.policy`): its statements where the code names it.
    doc = jsonDecoded(
      { type: 'string', value: value.managedDocument, line: value.line, column: value.column },
      value,
    )
  if (doc?.type === 'unknown' && doc.error) return doc
  if (doc?.type !== 'object') return undefined
  const statement = doc.values[doc.keys.findIndex((k) => k.value === 'Statement')]
  if (!statement) return []
  return statement.type === 'array' ? statement.items : [statement]
}

/**
 * Appends statements; one with the Sid of an earlier one replaces it, where it stood. The earlier ones
 * are found by Sid in a map, not by a search of those before each: a dynamic "statement" block over
 * range(16000), each with a Sid of its own, took 14 s. `sidOf` reads a statement's Sid (undefined: none).
 */
export function mergeBySid<T>(
  into: T[],
  statements: readonly T[],
  sidOf: (statement: T) => string | undefined,
): void {
  const first = new Map<string, number>()
  for (let i = into.length - 1; i >= 0; i--) {
    const sid = sidOf(into[i] as T)
    if (sid !== undefined) first.set(sid, i)
  }
  for (const statement of statements) {
    const sid = sidOf(statement)
    const earlier = sid === undefined ? undefined : first.get(sid)
    if (earlier !== undefined) into[earlier] = statement
    else {
      if (sid !== undefined) first.set(sid, into.length)
      into.push(statement)
    }
  }
}

function sidOf(statement: Value): string | undefined {
  if (statement.type !== 'object') return undefined
  const sid = statement.values[statement.keys.findIndex((k) => k.value === 'Sid')]
  return sid?.type === 'string' && sid.value !== '' ? sid.value : undefined
}

/** A key and its value, and where the key is written when not where its object is. */
type Entry = readonly [string, Value, { line: number; column: number }?]

function objectOf(at: { line: number; column: number }, entries: readonly Entry[]): Value {
  return {
    type: 'object',
    keys: entries.map(
      ([key, , where = at]): JsonString => ({
        type: 'string',
        value: key,
        line: where.line,
        column: where.column,
      }),
    ),
    values: entries.map(([, value]) => value),
    line: at.line,
    column: at.column,
  }
}

function missing(block: Block): { kind: 'unsupported'; what: string; at: Block['at']; text: string } {
  return { kind: 'unsupported', what: 'a missing attribute', at: block.at, text: block.type }
}
