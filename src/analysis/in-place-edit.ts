// A suggested policy as an edit of the code that writes it (a .tf file): the actions and resources of a
// changed statement rewritten where they are written, a dropped statement removed with its separator,
// a new statement added after the last one in the code's own syntax and indentation. Resources keep
// the text they are written with (a reference stays a reference); everything else is left byte for
// byte. Where the code is not laid out so that this is sure to be right, there is no edit, and the
// suggestion is given as JSON instead.
import { stringify } from 'yaml'
import { append, largest } from '../vocabulary/lists.js'
import type { EditSite, ListSite, Span, Statement } from '../vocabulary/policy.js'
import type { StatementEdit } from './policy-edit.js'

/** A document's site, its statements as the checks saw them, and what becomes of each. */
export interface DocumentEdit {
  readonly site: EditSite
  readonly statements: readonly Statement[]
  readonly edits: readonly StatementEdit[]
  readonly added: readonly object[]
}

/** Replace `start`..`end` of the text with `text`. */
export interface TextEdit {
  readonly start: number
  readonly end: number
  readonly text: string
}

/** The edits that make the site's text say what `edit` says; undefined when it cannot be edited in place. */
export function siteEdits(original: string, edit: DocumentEdit): TextEdit[] | undefined {
  const { site, statements, edits } = edit
  const spans = site.statements.map((s) => s.span)
  if (spans.length === 0 || spans.length !== edits.length || spans.length !== statements.length)
    return undefined
  const out: TextEdit[] = []
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i] as StatementEdit
    if (e.kind !== 'replace') continue
    const changed = replaceLists(original, site, i, statements[i] as Statement, e.statement)
    if (!changed) return undefined
    append(out, changed)
  }
  const dropped = edits.map((e) => e.kind === 'drop')
  const removals =
    site.syntax === 'hcl-block' ? blockRemovals(original, spans, dropped) : itemRemovals(spans, dropped)
  if (!removals) return undefined
  append(out, removals)
  if (edit.added.length > 0) {
    const insertion = insertAdded(original, site, dropped, edit.added)
    if (!insertion) return undefined
    out.push(insertion)
  }
  return out
}

/** The text with the edits made; undefined when two of them overlap. */
export function applyTextEdits(original: string, edits: readonly TextEdit[]): string | undefined {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end)
  let text = ''
  let at = 0
  for (const e of sorted) {
    if (e.start < at) return undefined
    text += original.slice(at, e.start) + e.text
    at = e.end
  }
  return text + original.slice(at)
}

/** The actions and resources of statement `i` rewritten to those of `next` (the suggested statement). */
function replaceLists(
  original: string,
  site: EditSite,
  i: number,
  statement: Statement,
  next: object,
): TextEdit[] | undefined {
  const sites = site.statements[i]
  if (!sites) return undefined
  const out: TextEdit[] = []
  const fields = next as Record<string, unknown>
  const actions = listOf(fields.Action)
  const before = statement.actions.map((a) => a.value)
  // The same actions in another order need no edit: order means nothing to IAM.
  if (statement.notAction || !sameSet(actions, before)) {
    const list = sites.actions
    if (!list?.literal) return undefined
    // A YAML block list that only loses items loses their lines: the rest, comments too, stays as is.
    const kept =
      site.syntax === 'yaml' && !statement.notAction
        ? yamlLineRemovals(original, list, before, actions)
        : undefined
    if (kept) append(out, kept)
    else {
      const written = actions.map(site.syntax === 'yaml' ? yamlScalar : quoted)
      out.push({ ...list.value, text: renderList(original, site, list, written) })
    }
    // NotAction becomes Action: the key is renamed, padded to keep the `=` where it was.
    if (statement.notAction) out.push(renameKey(original, site, list.key))
  }
  const resources = listOf(statement.notResource ? fields.NotResource : fields.Resource)
  const values = statement.resources.map((r) => r.value)
  if (!sameList(resources, values)) {
    const list = sites.resources
    if (!list || list.items.length !== values.length) return undefined
    // Each kept resource keeps the text it is written with: a reference stays a reference.
    const used = new Set<number>()
    const items: string[] = []
    for (const value of resources) {
      const index = values.findIndex((v, j) => v === value && !used.has(j))
      if (index < 0) return undefined
      used.add(index)
      items.push(list.items[index] as string)
    }
    out.push({ ...list.value, text: renderList(original, site, list, items) })
  }
  return out
}

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : []
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(b)
  return a.length === set.size && a.every((x) => set.has(x))
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** A string in the code's syntax: JSON's quoting, and in HCL `${` and `%{` escaped. */
function quoted(value: string): string {
  return JSON.stringify(value)
}

/** An action as a YAML scalar: plain where YAML reads it back as the same string, else quoted. */
function yamlScalar(value: string): string {
  return /^[A-Za-z0-9][\w:.*?-]*$/.test(value) ? value : `'${value.replace(/'/g, "''")}'`
}

/**
 * The lines to remove from a YAML block list of one item per line so that it holds `next` (a subset of
 * `before`, the values its items hold, in order); undefined when the list is not so written.
 */
function yamlLineRemovals(
  original: string,
  list: ListSite,
  before: readonly string[],
  next: readonly string[],
): TextEdit[] | undefined {
  const written = original.slice(list.value.start, list.value.end)
  const keep = new Set(next)
  if (!list.list || !written.startsWith('-') || next.some((a) => !before.includes(a))) return undefined
  // One line per item, each starting with its dash: the lines of the list's text.
  const starts = [list.value.start]
  for (
    let at = original.indexOf('\n', list.value.start);
    at >= 0 && at < list.value.end;
    at = original.indexOf('\n', at + 1)
  )
    starts.push(at + 1)
  if (starts.length !== before.length || starts.some((at) => !/^[ \t]*-/.test(original.slice(at, at + 200))))
    return undefined
  const lineStart = (at: number) => original.lastIndexOf('\n', at - 1) + 1
  const out: TextEdit[] = []
  before.forEach((value, i) => {
    if (keep.has(value)) return
    const start = lineStart(starts[i] as number)
    const nextLine = original.indexOf('\n', starts[i] as number)
    out.push({ start, end: nextLine < 0 ? original.length : nextLine + 1, text: '' })
  })
  return out
}

/** A YAML list in the original's style: a block sequence one item per line, else a flow sequence. */
function yamlList(original: string, list: ListSite, items: readonly string[]): string {
  const written = original.slice(list.value.start, list.value.end)
  if (!list.list || !written.startsWith('-')) return `[${items.join(', ')}]`
  const indent = indentAt(original, list.value.start)
  const eol = original.includes('\r\n') ? '\r\n' : '\n'
  return items.map((item, i) => `${i === 0 ? '' : indent}- ${item}`).join(eol)
}

function hclQuoted(value: string): string {
  return quoted(value).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{')
}

/**
 * A list in the layout the original has: one item per line when it had, on one line when it was; a
 * single string stays a single string where the syntax allows it.
 */
function renderList(original: string, site: EditSite, list: ListSite, items: readonly string[]): string {
  if (!list.list && items.length === 1 && site.syntax !== 'hcl-block') return items[0] as string
  if (site.syntax === 'yaml') return yamlList(original, list, items)
  const written = original.slice(list.value.start, list.value.end)
  if (!written.includes('\n')) return `[${items.join(', ')}]`
  const closeIndent = indentAt(original, list.value.end - 1)
  const firstItem = list.items.length > 0 && list.list ? indentOfItem(original, list.value) : undefined
  const itemIndent = firstItem ?? `${closeIndent}${unitOf(original, site.statements[0]?.span)}`
  // HCL allows a comma after the last item; keep it where the code has it. JSON does not.
  const trailing = site.syntax !== 'json' && /,\s*\]$/.test(written) ? ',' : ''
  return `[\n${items.map((item) => `${itemIndent}${item}`).join(',\n')}${trailing}\n${closeIndent}]`
}

/** The indentation of the list's first item, when it starts a line of its own. */
function indentOfItem(original: string, value: Span): string | undefined {
  const inner = original.slice(value.start + 1, value.end)
  const match = /^[ \t]*\r?\n([ \t]*)\S/.exec(inner)
  return match?.[1]
}

/** The leading whitespace of the line `offset` is on, when only whitespace precedes it there. */
function indentAt(original: string, offset: number): string {
  const lineStart = original.lastIndexOf('\n', offset - 1) + 1
  const before = original.slice(lineStart, offset)
  return /^[ \t]*$/.test(before) ? before : (/^[ \t]*/.exec(before)?.[0] ?? '')
}

/** One level of indentation as the statement's own lines use it; two spaces when it tells nothing. */
function unitOf(original: string, span: Span | undefined): string {
  if (!span) return '  '
  const outer = indentAt(original, span.start)
  const inner = /\n([ \t]*)\S/.exec(original.slice(span.start, span.end))?.[1]
  return inner?.startsWith(outer) && inner.length > outer.length ? inner.slice(outer.length) : '  '
}

function renameKey(original: string, site: EditSite, key: Span): TextEdit {
  const written = original.slice(key.start, key.end)
  const renamed = site.syntax === 'hcl-block' ? 'actions' : written.startsWith('"') ? '"Action"' : 'Action'
  // In HCL the `=` signs of a block are aligned: the shorter name is padded to keep its place.
  const followedBySpace = /^[ \t]/.test(original.slice(key.end, key.end + 1))
  const pad = site.syntax !== 'json' && followedBySpace ? ' '.repeat(written.length - renamed.length) : ''
  return { ...key, text: renamed + pad }
}

/**
 * Dropped items of a list (HCL tuple or JSON array): each run of them goes with the separators that
 * belong to it, whole lines where the items stood on lines of their own.
 */
function itemRemovals(spans: readonly Span[], dropped: readonly boolean[]): TextEdit[] {
  const out: TextEdit[] = []
  const n = spans.length
  for (let p = 0; p < n; p++) {
    if (!dropped[p]) continue
    let q = p
    while (q + 1 < n && dropped[q + 1]) q++
    const first = spans[p] as Span
    const last = spans[q] as Span
    const next = spans[q + 1]
    const previous = spans[p - 1]
    if (next) out.push({ start: first.start, end: next.start, text: '' })
    else if (previous) out.push({ start: previous.end, end: last.end, text: '' })
    else out.push({ start: first.start, end: last.end, text: '' })
    p = q
  }
  return out
}

/** Dropped `statement {}` blocks, each with its lines (and a blank line before it, so none doubles). */
function blockRemovals(
  original: string,
  spans: readonly Span[],
  dropped: readonly boolean[],
): TextEdit[] | undefined {
  const out: TextEdit[] = []
  for (let i = 0; i < spans.length; i++) {
    if (!dropped[i]) continue
    const lines = wholeLines(original, spans[i] as Span)
    if (!lines) return undefined
    // With one of the blank lines around it, so that none is left doubled or at the top of the block.
    const previousLine = original.lastIndexOf('\n', lines.start - 2) + 1
    const blankBefore = lines.start > 0 && /^[ \t]*\r?\n$/.test(original.slice(previousLine, lines.start))
    const nextLine = original.indexOf('\n', lines.end)
    const blankAfter = nextLine >= 0 && /^[ \t]*\r?$/.test(original.slice(lines.end, nextLine))
    out.push({
      start: blankBefore ? previousLine : lines.start,
      end: !blankBefore && blankAfter ? nextLine + 1 : lines.end,
      text: '',
    })
  }
  return out
}

/** The lines a span fills, newline included; undefined when it shares a line with other text. */
function wholeLines(original: string, span: Span): Span | undefined {
  const start = original.lastIndexOf('\n', span.start - 1) + 1
  if (!/^[ \t]*$/.test(original.slice(start, span.start))) return undefined
  const newline = original.indexOf('\n', span.end)
  const end = newline < 0 ? original.length : newline + 1
  if (!/^[ \t]*\r?$/.test(original.slice(span.end, newline < 0 ? end : newline))) return undefined
  return { start, end }
}

/** The added statements, after the last statement of the document, written as it writes statements. */
function insertAdded(
  original: string,
  site: EditSite,
  dropped: readonly boolean[],
  added: readonly object[],
): TextEdit | undefined {
  const spans = site.statements.map((s) => s.span)
  const last = spans[spans.length - 1] as Span
  const indent = indentAt(original, last.start)
  const unit = unitOf(original, last)
  const eol = original.includes('\r\n') ? '\r\n' : '\n'
  if (site.syntax === 'yaml') {
    // A block sequence of statements: each new one an item of its own at the same indentation.
    if (!/^[ \t]*$/.test(original.slice(original.lastIndexOf('\n', last.start - 1) + 1, last.start)))
      return undefined
    const items = added.map(
      (s) =>
        `${eol}${indent}${stringify([s], { indent: 2, lineWidth: 0 }).trimEnd().split('\n').join(`${eol}${indent}`)}`,
    )
    return { start: last.end, end: last.end, text: items.join('') }
  }
  if (site.syntax === 'hcl-block') {
    const lines = wholeLines(original, last)
    if (!lines) return undefined
    // A blank line between statement blocks when the code has one.
    const first = spans[0] as Span
    const blank =
      spans.length > 1 && /\n[ \t]*\r?\n/.test(original.slice(first.end, (spans[1] as Span).start))
    const blocks = added.map((s) => `${blank ? eol : ''}${indent}${hclBlock(s, indent, unit, eol)}${eol}`)
    return { start: lines.end, end: lines.end, text: blocks.join('') }
  }
  // Statements on lines of their own get new ones so; statements on one line, new ones on one line.
  const ownLines = /^[ \t]*$/.test(original.slice(original.lastIndexOf('\n', last.start - 1) + 1, last.start))
  const render = (s: object) =>
    site.syntax === 'json'
      ? ownLines
        ? jsonObject(s, indent, unit, eol)
        : `{${Object.entries(s)
            .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
            .join(', ')}}`
      : ownLines
        ? hclObject(s, indent, unit, eol)
        : `{ ${Object.entries(s)
            .map(([k, v]) => `${k} = ${hclValue(v)}`)
            .join(', ')} }`
  const separator = ownLines ? `,${eol}${indent}` : ', '
  const anyKept = dropped.some((d) => !d)
  const text = added.map(render).join(separator)
  return { start: last.end, end: last.end, text: anyKept ? `${separator}${text}` : text }
}

function jsonObject(statement: object, indent: string, unit: string, eol: string): string {
  return JSON.stringify(statement, null, unit).split('\n').join(`${eol}${indent}`)
}

/** `{ Sid = "…" … }` with its `=` aligned, as `terraform fmt` writes it. */
function hclObject(statement: object, indent: string, unit: string, eol: string): string {
  const entries = Object.entries(statement).map(([key, value]) => [key, hclValue(value)] as const)
  return `{${eol}${aligned(entries, `${indent}${unit}`, eol)}${eol}${indent}}`
}

/** `statement { sid = "…" … }`, its list attributes always lists, as the data source wants them. */
function hclBlock(statement: object, indent: string, unit: string, eol: string): string {
  const names: Record<string, string> = {
    Sid: 'sid',
    Effect: 'effect',
    Action: 'actions',
    NotAction: 'not_actions',
    Resource: 'resources',
    NotResource: 'not_resources',
  }
  const entries = Object.entries(statement)
    .filter(([key]) => names[key] !== undefined)
    .map(([key, value]) => {
      const list = key !== 'Sid' && key !== 'Effect'
      return [names[key] as string, hclValue(list ? listOf(value) : value)] as const
    })
  return `statement {${eol}${aligned(entries, `${indent}${unit}`, eol)}${eol}${indent}}`
}

function hclValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => hclQuoted(String(v))).join(', ')}]`
  return hclQuoted(String(value))
}

function aligned(entries: readonly (readonly [string, string])[], indent: string, eol: string): string {
  const width = largest(entries.map(([key]) => key.length))
  return entries.map(([key, value]) => `${indent}${key.padEnd(width)} = ${value}`).join(eol)
}
