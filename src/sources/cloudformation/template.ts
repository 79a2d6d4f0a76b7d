// A CloudFormation template read into the positioned tree the policy parser takes (JsonNode): JSON with
// jsonc-parser, YAML with js-yaml's event parser. YAML's short-form intrinsics (`!Sub`, `!GetAtt a.b`,
// `!If [...]`) become their long form (`{ "Fn::Sub": ... }`), so the evaluator sees one language.
// Every node keeps the line and column it was written on, and a YAML node its text's offsets.
//
// Why js-yaml's events rather than the `yaml` package's documents (which read the config): building a
// document of nodes took about 1 s for 200 templates (npm run bench); the events, with the offsets this
// needs, a fifth of that.
import { EVENT_ID, getScalarValue, parseEvents, YAMLException } from 'js-yaml'
import { type JsonNode, type JsonObject, type JsonString, parseJsonTree } from '../../policy/json-tree.js'
import type { Problem } from '../../vocabulary/problems.js'
import { setSpan, spanOf, type TextSpan } from './origin.js'

/** The short-form tags and the function each stands for. */
const SHORT_FORMS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  ...Object.fromEntries(
    [
      'And',
      'Base64',
      'Cidr',
      'Equals',
      'FindInMap',
      'GetAtt',
      'GetAZs',
      'If',
      'ImportValue',
      'Join',
      'Not',
      'Or',
      'Select',
      'Split',
      'Sub',
      'Transform',
      'Length',
      'ToJsonString',
      // The functions of a template's Rules section.
      'Contains',
      'EachMemberEquals',
      'EachMemberIn',
      'RefAll',
      'ValueOf',
      'ValueOfAll',
    ].map((name) => [name, `Fn::${name}`]),
  ),
}

/** The deepest nesting read: real templates nest a dozen levels; more is refused. */
const MAX_DEPTH = 200

export interface ParsedTemplate {
  readonly root?: JsonNode | undefined
  readonly problems: readonly Problem[]
}

/** The most nodes a template may stand for, aliases expanded: a bomb of nested aliases ends here. */
const MAX_NODES = 500_000

/** Whether a template is JSON (else YAML): it starts with `{`. */
export function isJson(text: string): boolean {
  return /^\s*\{/.test(text)
}

export function parseTemplate(file: string, text: string): ParsedTemplate {
  if (isJson(text)) {
    const { root, error } = parseJsonTree(text, MAX_DEPTH)
    if (error) {
      const what = error.code === 'NestedTooDeep' ? `nested deeper than ${MAX_DEPTH} levels` : error.code
      return {
        problems: [{ file, line: error.line, column: error.column, message: `not valid JSON: ${what}` }],
      }
    }
    return { root, problems: [] }
  }
  let events: ReturnType<typeof parseEvents>
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH })
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error
    const detail = error as YAMLException & { mark?: { line: number; column: number }; reason?: string }
    const reason = /maxDepth/.test(detail.reason ?? '')
      ? `nested deeper than ${MAX_DEPTH} levels`
      : (detail.reason ?? error.message.split('\n')[0])
    return {
      problems: [
        {
          file,
          line: (detail.mark?.line ?? 0) + 1,
          column: (detail.mark?.column ?? 0) + 1,
          message: /^nested/.test(reason) ? reason : `not valid YAML: ${reason}`,
        },
      ],
    }
  }
  try {
    const root = new TreeBuilder(text).build(events)
    return root
      ? { root, problems: [] }
      : { problems: [{ file, line: 1, column: 1, message: 'the file is empty' }] }
  } catch (error) {
    if (error instanceof TemplateShapeError)
      return { problems: [{ file, ...error.at, message: error.message }] }
    throw error
  }
}

class TemplateShapeError extends Error {
  constructor(
    message: string,
    readonly at: { line: number; column: number },
  ) {
    super(message)
  }
}

type YamlEvent = ReturnType<typeof parseEvents>[number]

/** A collection being read: its node's parts so far, and where it started. */
interface Frame {
  readonly kind: 'map' | 'seq'
  readonly flow: boolean
  readonly start: number
  readonly tag: { start: number; end: number } | undefined
  readonly anchor: string | undefined
  readonly keys: JsonString[]
  readonly values: JsonNode[]
  readonly seen: Set<string>
  /** The key read, waiting for its value (maps). */
  key: JsonString | undefined
  /** Where its text ends so far: the end of its last child. */
  end: number
}

/**
 * The tree of a YAML document from its parser events: scalars resolved as YAML 1.2's core schema does
 * (null, booleans, numbers, else strings), short-form tags made long form, aliases resolved (their
 * expanded size counted against MAX_NODES), duplicate keys refused.
 */
class TreeBuilder {
  private readonly lineStarts: number[] = [0]
  private readonly anchors = new Map<string, JsonNode>()
  private readonly sizes = new WeakMap<JsonNode, number>()
  private nodes = 0

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1)
  }

  build(events: readonly YamlEvent[]): JsonNode | undefined {
    const stack: Frame[] = []
    let root: JsonNode | undefined
    let documents = 0
    const attach = (node: JsonNode) => {
      const frame = stack[stack.length - 1]
      if (!frame) {
        root = node
        return
      }
      const span = spanOf(node)
      if (span) frame.end = Math.max(frame.end, span.end)
      if (frame.kind === 'seq') {
        frame.values.push(node)
        return
      }
      if (!frame.key) {
        const key: JsonString =
          node.type === 'string'
            ? node
            : { type: 'string', value: scalarText(node), line: node.line, column: node.column }
        if (span) setSpan(key, span)
        if (frame.seen.has(key.value))
          throw new TemplateShapeError(
            `the key ${JSON.stringify(key.value)} is given twice in this mapping`,
            key,
          )
        frame.seen.add(key.value)
        frame.key = key
        return
      }
      frame.keys.push(frame.key)
      frame.values.push(node)
      frame.key = undefined
    }
    for (const event of events) {
      switch (event.type) {
        case EVENT_ID.DOCUMENT:
          if (++documents > 1)
            throw new TemplateShapeError(
              'more than one YAML document in the file; a template is one',
              this.at(0),
            )
          break
        case EVENT_ID.MAPPING:
        case EVENT_ID.SEQUENCE: {
          if (stack.length >= MAX_DEPTH)
            throw new TemplateShapeError(`nested deeper than ${MAX_DEPTH} levels`, this.at(event.start))
          this.count(1, event.start)
          stack.push({
            kind: event.type === EVENT_ID.MAPPING ? 'map' : 'seq',
            flow: event.style === 2,
            start: event.start,
            tag: event.tagStart >= 0 ? { start: event.tagStart, end: event.tagEnd } : undefined,
            anchor: event.anchorStart >= 0 ? this.text.slice(event.anchorStart, event.anchorEnd) : undefined,
            keys: [],
            values: [],
            seen: new Set(),
            key: undefined,
            end: event.start,
          })
          break
        }
        case EVENT_ID.POP: {
          const frame = stack.pop()
          if (frame) attach(this.close(frame))
          break
        }
        case EVENT_ID.SCALAR: {
          this.count(1, event.valueStart)
          const value = getScalarValue(this.text, event)
          // A tagged value is where its tag is: that is what a person reads as its start.
          const where = this.at(event.tagStart >= 0 ? event.tagStart : event.valueStart)
          let node: JsonNode =
            event.style === 1 && event.tagStart < 0
              ? coreScalar(value, where)
              : { type: 'string', value, ...where }
          setSpan(node, this.scalarSpan(event.valueStart, event.valueEnd, event.style))
          if (event.tagStart >= 0) node = this.tagged(node, event.tagStart, event.tagEnd, event.valueEnd)
          if (event.anchorStart >= 0)
            this.anchors.set(this.text.slice(event.anchorStart, event.anchorEnd), node)
          attach(node)
          break
        }
        case EVENT_ID.ALIAS: {
          const name = this.text.slice(event.anchorStart, event.anchorEnd)
          const target = this.anchors.get(name)
          if (!target)
            throw new TemplateShapeError(
              `the alias *${name} refers to no anchor before it`,
              this.at(event.anchorStart),
            )
          this.count(this.sizes.get(target) ?? 1, event.anchorStart)
          // The anchor's value, written where the alias is.
          const copy = { ...target, ...this.at(event.anchorStart - 1) }
          setSpan(copy, { start: event.anchorStart - 1, end: event.anchorEnd })
          this.sizes.set(copy, this.sizes.get(target) ?? 1)
          attach(copy)
          break
        }
      }
    }
    return root
  }

  /** The node of a collection read to its end. */
  private close(frame: Frame): JsonNode {
    if (frame.key)
      throw new TemplateShapeError(`the key ${JSON.stringify(frame.key.value)} has no value`, frame.key)
    const where = this.at(frame.tag?.start ?? frame.start)
    // A flow collection ends at its closing bracket; a block one with its last child.
    const end = frame.flow ? this.closingBracket(frame.end) : frame.end
    let node: JsonNode =
      frame.kind === 'seq'
        ? { type: 'array', items: frame.values, ...where }
        : { type: 'object', keys: frame.keys, values: frame.values, ...where }
    setSpan(node, { start: frame.start, end })
    let size = 1 + frame.keys.length
    for (const v of frame.values) size += this.sizes.get(v) ?? 1
    this.sizes.set(node, size)
    if (frame.tag) node = this.tagged(node, frame.tag.start, frame.tag.end, end)
    if (frame.anchor !== undefined) this.anchors.set(frame.anchor, node)
    return node
  }

  /** A short-form intrinsic in its long form, its text from the tag to the value's end. */
  private tagged(value: JsonNode, tagStart: number, tagEnd: number, end: number): JsonNode {
    const tag = this.text.slice(tagStart, tagEnd)
    const where = this.at(tagStart)
    // `!!str` and the other standard tags: the value as YAML gives it.
    if (tag.startsWith('!!'))
      return tag === '!!str' && value.type !== 'string' && value.type !== 'array' && value.type !== 'object'
        ? { ...value, type: 'string', value: scalarText(value) }
        : value
    const name = tag.slice(1)
    const fn = SHORT_FORMS[name]
    if (!fn) {
      const rain = name.startsWith('Rain::')
        ? ': a directive of the Rain tool, not CloudFormation: point template: at what `rain pkg` writes'
        : `; expected one of ${Object.keys(SHORT_FORMS)
            .map((t) => `!${t}`)
            .join(', ')}`
      throw new TemplateShapeError(`unknown tag !${name}${rain}`, where)
    }
    // `!GetAtt Role.Arn` is `Fn::GetAtt: [Role, Arn]`: the first dot splits logical id and attribute.
    let argument: JsonNode = value.type === 'null' ? { type: 'string', value: '', ...where } : value
    if (fn === 'Fn::GetAtt' && argument.type === 'string') {
      const dot = argument.value.indexOf('.')
      const parts = dot < 0 ? [argument.value] : [argument.value.slice(0, dot), argument.value.slice(dot + 1)]
      argument = {
        type: 'array',
        items: parts.map((p) => ({ type: 'string', value: p, ...where })),
        ...where,
      }
    }
    const key: JsonString = { type: 'string', value: fn, ...where }
    const object: JsonObject = { type: 'object', keys: [key], values: [argument], ...where }
    setSpan(object, { start: tagStart, end })
    this.sizes.set(object, 1 + (this.sizes.get(value) ?? 1))
    return object
  }

  /** A scalar's text, its quotes included: what an edit that keeps it as written must copy. */
  private scalarSpan(start: number, end: number, style: number): TextSpan {
    const quote = style === 2 ? "'" : style === 3 ? '"' : undefined
    return quote && this.text[start - 1] === quote && this.text[end] === quote
      ? { start: start - 1, end: end + 1 }
      : { start, end }
  }

  private count(n: number, offset: number): void {
    this.nodes += n
    if (this.nodes > MAX_NODES)
      throw new TemplateShapeError(
        `expands to more than ${MAX_NODES} values (aliases included); not read`,
        this.at(offset),
      )
  }

  /** The offset after the bracket that closes a flow collection whose last child ends at `from`. */
  private closingBracket(from: number): number {
    const close = /[\]}]/g
    close.lastIndex = from
    const match = close.exec(this.text)
    return match ? match.index + 1 : from
  }

  /** 1-based line and column of an offset (columns in UTF-16 code units, as jsonc-parser counts). */
  private at(offset: number): { line: number; column: number } {
    let lo = 0
    let hi = this.lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.lineStarts[mid] as number) <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] as number) + 1 }
  }
}

/** A plain scalar as YAML 1.2's core schema reads it. */
function coreScalar(value: string, where: { line: number; column: number }): JsonNode {
  // Most plain scalars of a template are words (`Allow`, `AWS::IAM::Role`, `s3:GetObject`): a letter
  // that starts no null, boolean or number means a string, without the patterns below.
  const first = value.charCodeAt(0)
  const letter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122)
  if (letter && !'tTfFnN'.includes(value[0] as string)) return { type: 'string', value, ...where }
  if (/^(?:~|null|Null|NULL|)$/.test(value)) return { type: 'null', value: null, ...where }
  if (/^(?:true|True|TRUE)$/.test(value)) return { type: 'boolean', value: true, ...where }
  if (/^(?:false|False|FALSE)$/.test(value)) return { type: 'boolean', value: false, ...where }
  if (/^[-+]?[0-9]+$/.test(value)) return { type: 'number', value: Number.parseInt(value, 10), ...where }
  if (/^0o[0-7]+$/.test(value)) return { type: 'number', value: Number.parseInt(value.slice(2), 8), ...where }
  if (/^0x[0-9a-fA-F]+$/.test(value))
    return { type: 'number', value: Number.parseInt(value.slice(2), 16), ...where }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(value))
    return { type: 'number', value: Number.parseFloat(value), ...where }
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(value))
    return { type: 'number', value: value.startsWith('-') ? -Infinity : Infinity, ...where }
  if (/^\.(?:nan|NaN|NAN)$/.test(value)) return { type: 'number', value: Number.NaN, ...where }
  return { type: 'string', value, ...where }
}

function scalarText(node: JsonNode): string {
  return node.type === 'string' || node.type === 'number' || node.type === 'boolean' ? String(node.value) : ''
}

/**
 * Whether an edit of a template leaves it a template with the same resources: what the suggestions'
 * editor asks before it shows a diff (else the suggestion is given as JSON).
 */
export function templateEditChecker(): (file: string, before: string, after: string) => boolean {
  return (file, before, after) => {
    const a = parseTemplate(file, before)
    const b = parseTemplate(file, after)
    if (!a.root || !b.root || b.problems.length > 0) return false
    const resources = (root: JsonNode) => {
      if (root.type !== 'object') return ''
      const i = root.keys.findIndex((k) => k.value === 'Resources')
      const node = root.values[i]
      return node?.type === 'object' ? node.keys.map((k) => k.value).join('\u0000') : ''
    }
    return resources(a.root) !== '' && resources(a.root) === resources(b.root)
  }
}
