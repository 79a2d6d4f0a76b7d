// Where a policy document written in a .tf file can be edited in place: the statements of a
// `jsonencode({ Statement = [...] })`, the `statement {}` blocks of a policy document data source, or
// the statements of a JSON heredoc, each with the text of its actions and resources. Only a document
// whose statements map one to one onto what is written gets a site; anything else (source or override
// documents, dynamic blocks, a statement list built by an expression) is suggested as JSON instead.
import { type Node as JsonNode, type ParseError, parseTree } from 'jsonc-parser'
import type { EditSite, ListSite, PolicyDocument, Span, StatementSite } from '../../vocabulary/policy.js'
import type { At, Block, Expr } from './hcl.js'
import { installedCode, type TfModule } from './modules.js'

/** Where the expression that writes a policy is, and the module it is written in. */
export interface SiteContext {
  readonly file: string
  readonly module: TfModule
  readonly textOf: (file: string) => string | undefined
}

const ACTION_KEYS = ['Action', 'NotAction']
const RESOURCE_KEYS = ['Resource', 'NotResource']
const BLOCK_ACTION_KEYS = ['actions', 'not_actions']
const BLOCK_RESOURCE_KEYS = ['resources', 'not_resources']

/** The site of `doc`, written by `expr`, when it can be edited in place. */
export function editSiteOf(expr: Expr, context: SiteContext, doc: PolicyDocument): EditSite | undefined {
  const site = siteOf(expr, context, 0)
  // Code that terraform init installed is not the repository's to edit.
  if (!site || installedCode(site.file)) return undefined
  return matches(site, doc, context.textOf(site.file) ?? '') ? site : undefined
}

function siteOf(expr: Expr, context: SiteContext, depth: number): EditSite | undefined {
  if (depth > 8) return undefined
  if (expr.kind === 'call' && expr.name === 'jsonencode' && expr.args.length === 1) {
    const [arg] = expr.args
    return arg?.kind === 'object' ? objectSite(arg, context) : undefined
  }
  if (expr.kind === 'template') return heredocSite(expr, context)
  if (expr.kind === 'traversal' && expr.root === 'local' && expr.steps.length === 1) {
    const step = expr.steps[0]
    const local = step?.kind === 'attr' ? context.module.locals.get(step.name) : undefined
    return local && siteOf(local.node.expr, { ...context, file: local.file }, depth + 1)
  }
  if (expr.kind === 'traversal' && expr.root === 'data') return dataSourceSite(expr, context)
  return undefined
}

/** `jsonencode({ Version = …, Statement = [{ … }, …] })`. */
function objectSite(object: Expr & { kind: 'object' }, context: SiteContext): EditSite | undefined {
  const list = entry(object, 'Statement')
  if (list?.kind !== 'tuple' || !list.items.every((i) => i.kind === 'object')) return undefined
  const text = context.textOf(context.file)
  if (text === undefined) return undefined
  const items = list.items as (Expr & { kind: 'object' })[]
  const statements = sitesOf(items, (item, keys) => objectList(item, keys, text), [
    ACTION_KEYS,
    RESOURCE_KEYS,
  ])
  return statements && { file: context.file, syntax: 'hcl-object', statements }
}

function entry(object: Expr & { kind: 'object' }, key: string): Expr | undefined {
  return object.entries.find((e) => e.key.kind === 'literal' && e.key.value === key)?.value
}

function objectList(
  object: Expr & { kind: 'object' },
  keys: readonly string[],
  text: string,
): ListSite | null {
  const found = object.entries.find((e) => e.key.kind === 'literal' && keys.includes(String(e.key.value)))
  if (!found) return null
  return hclList(spanOf(found.key.at), found.value, text)
}

function hclList(key: Span | undefined, value: Expr, text: string): ListSite | null {
  const valueSpan = spanOf(value.at)
  if (!key || !valueSpan) return null
  const list = value.kind === 'tuple'
  const items = list ? value.items : [value]
  const spans = items.map((i) => spanOf(i.at))
  if (spans.some((s) => s === undefined)) return null
  return {
    key,
    value: valueSpan,
    list,
    items: (spans as Span[]).map((s) => text.slice(s.start, s.end)),
    literal: items.every((i) => i.kind === 'literal' && typeof i.value === 'string'),
  }
}

/** `data.aws_iam_policy_document.NAME.json`, of a data source written with `statement {}` blocks alone. */
function dataSourceSite(expr: Expr & { kind: 'traversal' }, context: SiteContext): EditSite | undefined {
  const [type, name, ...rest] = expr.steps
  const last = rest[rest.length - 1]
  if (type?.kind !== 'attr' || type.name !== 'aws_iam_policy_document' || name?.kind !== 'attr')
    return undefined
  if (last?.kind !== 'attr' || last.name !== 'json' || rest.length > 2) return undefined
  const located = context.module.data.get(`aws_iam_policy_document.${name.name}`)
  if (!located) return undefined
  const block: Block = located.node
  const text = context.textOf(located.file)
  if (text === undefined) return undefined
  // Statements merged from other documents, or made by a dynamic block, are not written here one by one.
  const merged = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json']
  if (merged.some((attribute) => block.attributes.has(attribute))) return undefined
  if (block.blocks.some((b) => b.type === 'dynamic')) return undefined
  const statements = sitesOf(
    block.blocks.filter((b) => b.type === 'statement'),
    (statement, names) => blockList(statement, names, text),
    [BLOCK_ACTION_KEYS, BLOCK_RESOURCE_KEYS],
  )
  return statements && { file: located.file, syntax: 'hcl-block', statements }
}

function blockList(block: Block, names: readonly string[], text: string): ListSite | null {
  for (const name of names) {
    const attribute = block.attributes.get(name)
    const start = attribute?.at.start
    if (attribute && start !== undefined)
      return hclList({ start, end: start + name.length }, attribute.expr, text)
  }
  return null
}

/** A JSON document in a heredoc: its statements where the heredoc's text has them. */
function heredocSite(expr: Expr & { kind: 'template' }, context: SiteContext): EditSite | undefined {
  const span = spanOf(expr.at)
  const text = context.textOf(context.file)
  // What %{ if } and %{ for } write is not the heredoc's text: its statements are not edited in place.
  if (!span || text === undefined || expr.directives) return undefined
  const raw = text.slice(span.start, span.end)
  if (!raw.startsWith('<<')) return undefined
  // The content runs from the line after `<<EOF` to the line that closes it.
  const open = raw.indexOf('\n')
  const close = raw.lastIndexOf('\n')
  if (open < 0 || close <= open) return undefined
  const offset = span.start + open + 1
  const content = raw.slice(open + 1, close)
  const errors: ParseError[] = []
  const tree = parseTree(content, errors, { disallowComments: true, allowTrailingComma: false })
  if (!tree || errors.length > 0 || tree.type !== 'object') return undefined
  const list = property(tree, 'Statement')
  if (list?.type !== 'array' || !list.children?.every((c) => c.type === 'object')) return undefined
  const statements = list.children.map(
    (s): StatementSite => ({
      span: { start: offset + s.offset, end: offset + s.offset + s.length },
      actions: jsonList(s, ACTION_KEYS, content, offset),
      resources: jsonList(s, RESOURCE_KEYS, content, offset),
    }),
  )
  return { file: context.file, syntax: 'json', statements }
}

function property(object: JsonNode, key: string): JsonNode | undefined {
  return object.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1]
}

function jsonList(
  statement: JsonNode,
  keys: readonly string[],
  content: string,
  offset: number,
): ListSite | null {
  const pair = statement.children?.find((p) => keys.includes(p.children?.[0]?.value))
  const [key, value] = pair?.children ?? []
  if (!key || !value) return null
  const items = value.type === 'array' ? (value.children ?? []) : [value]
  const raw = (n: JsonNode) => content.slice(n.offset, n.offset + n.length)
  return {
    key: { start: offset + key.offset, end: offset + key.offset + key.length },
    value: { start: offset + value.offset, end: offset + value.offset + value.length },
    list: value.type === 'array',
    items: items.map(raw),
    // In a heredoc, `${…}` is an interpolation and `$${` its escape.
    literal: items.every((i) => i.type === 'string' && !/[$%]\{/.test(raw(i).replace(/\$\$\{|%%\{/g, ''))),
  }
}

/** The site of each statement written as HCL (an object or a block); undefined when one has no span. */
function sitesOf<T extends { readonly at: At }>(
  statements: readonly T[],
  listOf: (statement: T, keys: readonly string[]) => ListSite | null,
  [actionKeys, resourceKeys]: readonly [readonly string[], readonly string[]],
): StatementSite[] | undefined {
  const out: StatementSite[] = []
  for (const statement of statements) {
    const span = spanOf(statement.at)
    if (!span) return undefined
    out.push({ span, actions: listOf(statement, actionKeys), resources: listOf(statement, resourceKeys) })
  }
  return out
}

function spanOf(at: At): Span | undefined {
  return at.start === undefined || at.end === undefined ? undefined : { start: at.start, end: at.end }
}

/**
 * Whether the site is the document's: as many statements, each with actions and resources as many as
 * the document holds, and literal actions the same as the document's.
 */
function matches(site: EditSite, doc: PolicyDocument, text: string): boolean {
  if (site.statements.length !== doc.statements.length || text === '') return false
  return site.statements.every((s, i) => {
    const statement = doc.statements[i]
    if (!statement) return false
    const actions = s.actions
    if ((actions?.items.length ?? 0) !== statement.actions.length) return false
    if (actions?.literal && !actions.items.every((item, j) => unquote(item) === statement.actions[j]?.value))
      return false
    return (s.resources?.items.length ?? 0) === statement.resources.length
  })
}

/** A string literal's value (HCL and JSON alike, for the plain strings actions are). */
function unquote(item: string): string | undefined {
  try {
    return JSON.parse(item) as string
  } catch {
    return undefined
  }
}
