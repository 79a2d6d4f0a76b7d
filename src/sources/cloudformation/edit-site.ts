// Where a policy document written literally in a YAML template can be edited in place: per statement,
// the text of the whole list item and of its Action and Resource values, as the suggestions' editor
// (src/analysis/in-place-edit.ts) takes them. Only when the document's statements are written one to
// one as they are checked: a Statement list built by an intrinsic, or an item that is one, gets none.
import type { JsonNode, JsonObject } from '../../policy/json-tree.js'
import type { EditSite, ListSite, StatementSite } from '../../vocabulary/policy.js'
import { fieldOf } from './nodes.js'
import { isComputed, spanOf } from './origin.js'

export function yamlSite(
  file: string,
  text: string,
  document: JsonNode,
  statements: number,
): EditSite | undefined {
  // A document an intrinsic chose (`PolicyDocument: !If [...]`) is not edited: which one is written where?
  if (document.type !== 'object' || isComputed(document)) return undefined
  const list = fieldOf(document, 'Statement')
  if (list?.type !== 'array' || isComputed(list) || list.items.length !== statements || !spanOf(list))
    return undefined
  const sites: StatementSite[] = []
  for (const item of list.items) {
    const span = spanOf(item)
    if (item.type !== 'object' || isComputed(item) || !span) return undefined
    sites.push({
      span: { start: itemStart(text, span.start), end: trimmedEnd(text, span.start, span.end) },
      actions: listSite(text, item, ['Action', 'NotAction']),
      resources: listSite(text, item, ['Resource', 'NotResource']),
    })
  }
  return { file, syntax: 'yaml', statements: sites }
}

/** A statement's list of actions or resources as written: key, value, each item's text. */
function listSite(text: string, statement: JsonObject, keys: readonly string[]): ListSite | null {
  const index = statement.keys.findIndex((k) => keys.includes(k.value))
  const key = statement.keys[index]
  const value = statement.values[index]
  const keySpan = key && spanOf(key)
  const valueSpan = value && spanOf(value)
  if (!key || !value || !keySpan || !valueSpan) return null
  // A list an intrinsic made (`Resource: !Split …`) is not a list written here.
  if (isComputed(value) && value.type === 'array') return null
  const items = value.type === 'array' ? value.items : [value]
  const texts: string[] = []
  const starts = new Set<number>()
  for (const item of items) {
    const span = spanOf(item)
    // Two values of one written item (an undecided !If keeps both branches) cannot be told apart.
    if (!span || starts.has(span.start)) return null
    starts.add(span.start)
    texts.push(text.slice(span.start, trimmedEnd(text, span.start, span.end)))
  }
  return {
    key: { start: keySpan.start, end: trimmedEnd(text, keySpan.start, keySpan.end) },
    value: { start: valueSpan.start, end: trimmedEnd(text, valueSpan.start, valueSpan.end) },
    list: value.type === 'array',
    items: texts,
    // Plain strings only: an intrinsic among the actions could not be rewritten as a value.
    literal: items.every((i) => i.type === 'string' && !isComputed(i)),
  }
}

/** A block sequence item starts at its `-`; a flow one where its value does. */
function itemStart(text: string, start: number): number {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1
  const before = text.slice(lineStart, start)
  const dash = /-[ \t]+$/.exec(before)
  return dash && /^[ \t]*$/.test(before.slice(0, dash.index)) ? lineStart + dash.index : start
}

/** The end of a node's text without the blank space, line ends and comments its range takes in. */
function trimmedEnd(text: string, start: number, end: number): number {
  let e = end
  for (;;) {
    while (e > start && isBlank(text.charCodeAt(e - 1))) e--
    // A comment at the end of the node's last line belongs to the line, not to the value.
    const lineStart = Math.max(text.lastIndexOf('\n', e - 1) + 1, start)
    // Looked for within the line alone: forward from its start, a template with no `#` after it was read
    // to its end for every value (backward, to its first line), 6 s for 10,000 statements.
    const line = text.slice(lineStart, e)
    const hash = line.includes('#') ? commentStart(line) : -1
    if (hash < 0) return e
    e = lineStart + hash
  }
}

/** Space, tab, CR or LF. */
function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13
}

/** Where a comment starts on a line of YAML (a `#` after a blank, with no quote before it), or -1. */
function commentStart(line: string): number {
  const match = /(^|[ \t])#/.exec(line)
  if (!match || /['"]/.test(line.slice(0, match.index))) return -1
  return match.index + (match[1]?.length ?? 0)
}
