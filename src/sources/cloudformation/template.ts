// A CloudFormation template read into the positioned tree the policy parser takes (JsonNode): JSON with
// jsonc-parser, YAML with js-yaml's event parser. YAML's short-form intrinsics (`!Sub`, `!GetAtt a.b`,
// `!If [...]`) become their long form (`{ "Fn::Sub": ... }`), so the evaluator sees one language.
// Every node keeps the line and column it was written on, and a YAML node its text's offsets.
//
// Why js-yaml's events rather than the `yaml` package's documents (which read the config): building a
// document of nodes took about 1 s for 200 templates (npm run bench); the events, with the offsets this
// needs, a fifth of that.

import { EVENT_ID, getScalarValue, parseEvents, YAMLException } from 'js-yaml'
import { coreValue } from '../../config/yaml-events.js'
import {
  bracketLeftOpen,
  closingQuote,
  linesAbove,
  type Mark,
  unclosedBracket,
} from '../../config/yaml-mistakes.js'
import {
  type JsonNode,
  type JsonObject,
  type JsonString,
  type JsonSyntaxError,
  parseJsonTree,
} from '../../policy/json-tree.js'
import { type Problem, quote } from '../../vocabulary/problems.js'
import { thousands } from '../../vocabulary/text.js'
import { foldedQuoted, joinFlowLines } from './flow-lines.js'
import { END, type Origin, START } from './origin.js'

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
  /** What was read as CloudFormation reads it but is likely a slip: a key given twice. */
  readonly notes?: readonly Problem[]
}

/** The most nodes a template may stand for, aliases expanded: a bomb of nested aliases ends here. */
const MAX_NODES = 500_000

/** Top-level keys only a CloudFormation or SAM template has. */
export const TEMPLATE_KEYS: readonly string[] = [
  'AWSTemplateFormatVersion',
  'Resources',
  'Transform',
  'Parameters',
  'Mappings',
  'Conditions',
  'Outputs',
  'Globals',
  'Rules',
]

/** Whether a template is JSON (else YAML): it starts with `{`. */
export function isJson(text: string): boolean {
  return /^\s*\{/.test(text)
}

export function parseTemplate(file: string, text: string): ParsedTemplate {
  if (isJson(text)) {
    const asJson = parseJsonText(file, text)
    const [error] = asJson.errors
    if (!error || error.code === 'NestedTooDeep') return asJson
    // Not JSON, but maybe YAML in flow style (`{Resources: {R: {Type: …}}}`), which CloudFormation reads.
    const asYaml = parseYamlTree(file, text, 'cloudformation')
    const meantAsJson = file.endsWith('.json') || QUOTED_KEY_FIRST.test(text)
    // JSON with a comment reads as YAML too, the comment run into the next key (`// note "Resources"`):
    // what was meant as JSON is read as YAML only when that gives a template and no comment is lost.
    const commented = asJson.errors.some((e) => e.code === 'InvalidCommentToken')
    if (asYaml.root && (!meantAsJson || (hasTemplateKey(asYaml.root) && !commented))) return asYaml
    return meantAsJson ? asJson : asYaml
  }
  return parseYamlTree(file, text, 'cloudformation')
}

/**
 * JSON text, strictly (no comments, no trailing commas), as the positioned tree; of a key given twice,
 * the last, as JSON.parse and Terraform's jsondecode() read it.
 */
export function parseJsonText(
  file: string,
  text: string,
): ParsedTemplate & { readonly errors: readonly JsonSyntaxError[] } {
  // A byte order mark is not JSON; a JSON template is never edited in place, so no offset depends on it.
  const { root, errors } = parseJsonTree(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, MAX_DEPTH)
  if (errors.length > 0) {
    return {
      errors,
      problems: errors.map((e) => ({
        file,
        line: e.line,
        column: e.column,
        message: `not valid JSON: ${e.code === 'NestedTooDeep' ? `nested deeper than ${MAX_DEPTH} levels` : e.reason}`,
      })),
    }
  }
  return { root, errors, problems: [], notes: twiceNotes(file, root ? keepLastKeys(root) : []) }
}

/** Whether a document's top level has a key only a template has. */
export const hasTemplateKey = (root: JsonNode): boolean =>
  root.type === 'object' && root.keys.some((k) => TEMPLATE_KEYS.includes(k.value))

/** A text that starts as JSON does, with a quoted key: its JSON error is the one to report. */
const QUOTED_KEY_FIRST = /^\ufeff?\s*\{\s*"/

/**
 * A YAML document as the positioned tree, read as CloudFormation reads a template (`cloudformation`:
 * short-form intrinsics, flow collections of deficient indentation) or as Terraform's yamldecode()
 * reads text (`yamldecode`: YAML's standard tags only). Aliases, depth and size are bounded alike.
 */
export function parseYamlTree(
  file: string,
  text: string,
  dialect: 'cloudformation' | 'yamldecode',
): ParsedTemplate {
  let events: ReturnType<typeof parseEvents>
  // What js-yaml reads: the text, or a copy of it with its flow collections on one line (flow-lines.ts).
  let read = text
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH })
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error
    const joined =
      dialect === 'cloudformation' && /indentation/.test(error.reason ?? '') ? readJoined(text) : undefined
    if (!joined) return { problems: [yamlProblem(file, error, text)] }
    ;({ events, read } = joined)
  }
  try {
    const builder = new TreeBuilder(read, text, dialect)
    const root = builder.build(events)
    // Terraform's yamldecode() refuses a key given twice in a mapping; CloudFormation keeps the last.
    const [twice] = builder.twice
    if (dialect === 'yamldecode' && twice)
      return {
        problems: [
          {
            file,
            line: twice.line,
            column: twice.column,
            message: `the key ${JSON.stringify(twice.value)} is given twice in a mapping, which yamldecode() refuses`,
          },
        ],
      }
    if (root) return { root, problems: [], notes: twiceNotes(file, builder.twice) }
    // yamldecode() of text with no document in it is null.
    return dialect === 'yamldecode'
      ? { problems: [] }
      : { problems: [{ file, line: 1, column: 1, message: 'the file is empty' }] }
  } catch (error) {
    if (error instanceof TemplateShapeError)
      return { problems: [{ file, ...error.at, message: error.message }] }
    throw error
  }
}

function twiceNotes(file: string, twice: readonly JsonString[]): Problem[] {
  return twice.map((key) => ({
    file,
    line: key.line,
    column: key.column,
    message: `the key ${JSON.stringify(key.value)} is given twice in this mapping; CloudFormation, like SAM, keeps the last`,
  }))
}

/**
 * A JSON template's objects with each key once, its last value: CloudFormation reads a key given twice
 * in JSON as in YAML, the last one counting. Returns the later keys, for a note.
 */
function keepLastKeys(root: JsonNode): JsonString[] {
  const twice: JsonString[] = []
  const stack: JsonNode[] = [root]
  for (let node = stack.pop(); node; node = stack.pop()) {
    // Pushed one by one: a spread of a hostile file's 200,000 items would overflow the call stack.
    if (node.type === 'array') for (const item of node.items) stack.push(item)
    if (node.type !== 'object') continue
    const { keys, values } = node
    // One pass for where each key is last given (a hostile object of 200,000 keys stays linear); where
    // it is first given only for the rare object that has a key twice.
    const last = new Map<string, number>()
    for (let i = 0; keys.length > 1 && i < keys.length; i++) last.set((keys[i] as JsonString).value, i)
    if (last.size < keys.length && keys.length > 1) {
      const first = new Map<string, number>()
      for (let i = keys.length - 1; i >= 0; i--) first.set((keys[i] as JsonString).value, i)
      const kept = [...last.values()].sort((a, b) => a - b)
      for (const i of kept) {
        const key = keys[i] as JsonString
        if ((first.get(key.value) as number) < i) twice.push(key)
      }
      const keptValues = kept.map((i) => values[i] as JsonNode)
      const keptKeys = kept.map((i) => keys[i] as JsonString)
      keys.length = 0
      values.length = 0
      for (let i = 0; i < kept.length; i++) {
        keys.push(keptKeys[i] as JsonString)
        values.push(keptValues[i] as JsonNode)
      }
    }
    for (const value of values) stack.push(value)
  }
  return twice.sort((a, b) => a.line - b.line || a.column - b.column)
}

/** The events of the text with its flow collections on one line, when that reads. */
function readJoined(text: string): { events: ReturnType<typeof parseEvents>; read: string } | undefined {
  const read = joinFlowLines(text)
  if (read === undefined) return undefined
  try {
    return { events: parseEvents(read, { maxDepth: MAX_DEPTH }), read }
  } catch (error) {
    if (error instanceof YAMLException) return undefined
    throw error
  }
}

function yamlProblem(file: string, error: YAMLException, text: string): Problem {
  const detail = error as YAMLException & {
    mark?: { line: number; column: number; position: number }
    reason?: string
  }
  const colonless =
    /implicit key/.test(detail.reason ?? '') && detail.mark && keyWithoutColon(text, detail.mark)
  if (colonless)
    return {
      file,
      line: colonless.line,
      column: colonless.start - text.lastIndexOf('\n', colonless.start - 1),
      message: `not valid YAML: ${quote(colonless.key)} is not a key, and the lines under it need one: a key ends with ":" (and a space follows that colon when its value is on the same line)`,
    }
  const unclosed = /indentation/.test(detail.reason ?? '') && detail.mark && unclosedQuote(text, detail.mark)
  if (unclosed)
    return {
      file,
      line: unclosed.line,
      column: unclosed.column,
      message: `not valid YAML: the quote (${unclosed.quote}) that starts this value is not closed on its line, so the lines under it are read into the value: close it`,
    }
  const bracket =
    /indentation|flow collection/.test(detail.reason ?? '') &&
    detail.mark &&
    unclosedBracket(text, detail.mark)
  if (bracket)
    return {
      file,
      line: bracket.line,
      column: bracket.column,
      message: `not valid YAML: ${bracketLeftOpen(bracket.bracket)}`,
    }
  const reason = /maxDepth/.test(detail.reason ?? '')
    ? `nested deeper than ${MAX_DEPTH} levels`
    : (whyOnLine(text, detail.mark?.position) ?? detail.reason ?? error.message.split('\n')[0])
  return {
    file,
    line: (detail.mark?.line ?? 0) + 1,
    column: (detail.mark?.column ?? 0) + 1,
    message: /^nested/.test(reason) ? reason : `not valid YAML: ${reason}`,
  }
}

/**
 * Where js-yaml stops with "a multiline key may not be an implicit key": the line above (comments and
 * blank lines passed over) is a plain word, no `key:` (`MappingRestEdge:curc`, a key whose colon lost its
 * space, or one with none), and the line it stopped on goes on as that word's mapping. That word, where
 * it starts; undefined when the line above is anything else.
 */
function keyWithoutColon(text: string, mark: Mark): { key: string; start: number; line: number } | undefined {
  for (const { line, start, number } of linesAbove(text, mark)) {
    const content = line.trim()
    if (content === '' || content.startsWith('#')) continue
    const word = /^([ \t]*)([^\s#'"\-?:!&*|>%@`{[][^#]*?)[ \t]*$/.exec(line)
    if (!word || /:[ \t]/.test(content) || content.endsWith(':')) return undefined
    return { key: word[2] as string, start: start + (word[1] as string).length, line: number }
  }
  return undefined
}

/**
 * Where js-yaml stops with "deficient indentation" (or "bad indentation") because a quoted value above is
 * not closed (`AdminGroupName: !Sub "${Name}`, aws-samples/serverless-samples' serverless-graphql-api):
 * YAML reads the lines under it into the value until one is indented less. The opening quote, on the
 * nearest line above that starts a quoted value; undefined when that value is closed on its line.
 */
function unclosedQuote(
  text: string,
  mark: Mark,
): { quote: string; line: number; column: number } | undefined {
  for (const { line, number } of linesAbove(text, mark)) {
    // A value that starts with a quote: after a key, a list's dash, a tag (`!Sub "…`).
    const opened = /^([ \t]*(?:-[ \t]+)*(?:[^\s'"#-][^'"#]*?:[ \t]+)?(?:![\w:]+[ \t]+)?)(["'])(.*)$/.exec(
      line,
    )
    if (!opened) continue
    const [, lead, quote, rest] = opened as unknown as [string, string, string, string]
    return closingQuote(quote, rest, 0) >= 0 ? undefined : { quote, line: number, column: lead.length + 1 }
  }
  return undefined
}

/**
 * What is wrong on the line where js-yaml stopped, in words, for the mistakes it reports as "bad
 * indentation"; undefined for others. `position` is where it stopped.
 */
function whyOnLine(text: string, position: number | undefined): string | undefined {
  if (position === undefined) return undefined
  const start = text.lastIndexOf('\n', position - 1) + 1
  const end = text.indexOf('\n', position)
  const before = text.slice(start, position)
  const after = text.slice(position, end < 0 ? text.length : end).trimEnd()
  return startsWithIndicator(after) ?? textAfterQuote(before, after) ?? placeholderOn(before + after)
}

/**
 * A value that starts with a character YAML reserves (`%`, `@`, a backquote): a build tool's
 * placeholder left in (`%TEMPLATE_BUCKET_NAME%`).
 */
function startsWithIndicator(value: string): string | undefined {
  if (value === '' || !RESERVED.includes(value.charAt(0))) return undefined
  return `a plain value cannot start with "${value.charAt(0)}", which YAML reserves: quote it (${quote(value)}), or, if a build fills it in, name the template the build writes`
}
const RESERVED = '%@`'

/**
 * Text after a quoted value on its line (`Description: 'Events' (uksb-1tthgi812)`,
 * aws-samples/serverless-patterns): the quote ends the value.
 */
function textAfterQuote(before: string, rest: string): string | undefined {
  // A line of a hand-written template: the pattern below backtracks, and a hostile file's one line can be MBs.
  if (before.length > 1000 || rest === '' || rest.startsWith('#')) return undefined
  const quoted = /^[ \t]*(?:-[ \t]+)?[^\s'"#:][^'"#]*:[ \t]+(['"]).*\1[ \t]*$/.exec(before)
  if (!quoted) return undefined
  return `${quote(rest)} follows a quoted value, which ends at its closing quote (${quoted[1]}): put the whole value inside the quotes`
}

/**
 * A template placeholder (`{{cookiecutter.runtime}}`, Jinja, Helm) where a plain value starts: YAML reads
 * `{{` as a flow mapping, and js-yaml reports what follows it, not it. A quoted dynamic reference
 * (`'{{resolve:ssm:…}}'`) is a string, and fine.
 */
function placeholderOn(line: string): string | undefined {
  // Not on a hostile file's one line of MBs; a placeholder of a hand-written template is short.
  if (line.length > 1000) return undefined
  const placeholder = /(?:^[ \t]*|[:-][ \t]+)(\{\{[^{}\n]{1,200}\}\})/.exec(line)
  if (!placeholder) return undefined
  return `${quote(placeholder[1])} is a template placeholder, which YAML reads as a mapping: if a build fills it in, name the template the build writes; else quote the value`
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
  readonly tagStart: number
  readonly tagEnd: number
  readonly anchor: string | undefined
  readonly keys: JsonString[]
  readonly values: JsonNode[]
  /** The keys read, once there are too many to compare one by one. */
  seen: Set<string> | undefined
  /** The key read, waiting for its value (maps). */
  key: JsonString | undefined
  /** Where its text ends so far: the end of its last child. */
  end: number
}

/** Up to this many keys a mapping's duplicates are found by comparing; past it, with a set. */
const FEW_KEYS = 16

/**
 * The tree of a YAML document from its parser events: scalars resolved as YAML 1.2's core schema does
 * (null, booleans, numbers, else strings), short-form tags made long form, aliases resolved (their
 * expanded size counted against MAX_NODES), a key given twice kept once, its last value (and said).
 *
 * This is the hot path of reading templates (a third of it on the bench): nodes are built as literals
 * of one shape, lines found from the previous one, and sizes counted only when an alias asks.
 */
class TreeBuilder {
  private readonly lineStarts: number[] = [0]
  private readonly anchors = new Map<string, JsonNode>()
  /** Expanded sizes of the nodes an alias copied, and of the copies: what MAX_NODES counts. */
  private readonly sizes = new WeakMap<JsonNode, number>()
  private nodes = 0
  /** Keys given a second time in their mapping (the later one kept). */
  readonly twice: JsonString[] = []
  /** The line of the last offset asked for: offsets come in order, mostly on the same or next line. */
  private line = 0

  /** Whether the parser read a copy with lines joined (flow-lines.ts). */
  private readonly joined: boolean

  /** `text`: what the parser read; `written`: the text as written, of the same length, for lines and columns. */
  constructor(
    private readonly text: string,
    private readonly written: string = text,
    /** `cloudformation`: short-form tags (`!Ref`, `!Sub`, …) read as the functions they stand for. */
    private readonly dialect: 'cloudformation' | 'yamldecode' = 'cloudformation',
  ) {
    for (let i = written.indexOf('\n'); i >= 0; i = written.indexOf('\n', i + 1)) this.lineStarts.push(i + 1)
    this.joined = written !== text
  }

  build(events: readonly YamlEvent[]): JsonNode | undefined {
    const stack: Frame[] = []
    let root: JsonNode | undefined
    let documents = 0
    const attach = (node: JsonNode, end: number) => {
      const frame = stack[stack.length - 1]
      if (!frame) {
        root = node
        return
      }
      if (end > frame.end) frame.end = end
      if (frame.kind === 'seq') {
        frame.values.push(node)
        return
      }
      if (!frame.key) {
        frame.key = this.key(frame, node)
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
              this.dialect === 'cloudformation'
                ? 'more than one YAML document in the file; a template is one'
                : 'more than one YAML document; yamldecode() takes one',
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
            tagStart: event.tagStart,
            tagEnd: event.tagEnd,
            anchor: event.anchorStart >= 0 ? this.text.slice(event.anchorStart, event.anchorEnd) : undefined,
            keys: [],
            values: [],
            seen: undefined,
            key: undefined,
            end: event.start,
          })
          break
        }
        case EVENT_ID.POP: {
          const frame = stack.pop()
          if (frame) {
            const node = this.close(frame)
            attach(node, (node as Origin)[END] as number)
          }
          break
        }
        case EVENT_ID.SCALAR: {
          this.count(1, event.valueStart)
          let value = getScalarValue(this.text, event)
          // A tagged value is where its tag is: that is what a person reads as its start.
          const tagged = event.tagStart >= 0
          // An empty value (`Resources:` and nothing after it) has no text of its own: it is where its
          // key ends.
          const valueAt = event.valueStart >= 0 ? event.valueStart : (stack[stack.length - 1]?.end ?? 0)
          const { line, column } = this.at(tagged ? event.tagStart : valueAt)
          // Its text: a quoted scalar's quotes included, what an edit that keeps it as written copies.
          let start = event.valueStart
          let end = event.valueEnd
          const quote = event.style === 2 ? 39 : event.style === 3 ? 34 : 0
          if (quote && this.text.charCodeAt(start - 1) === quote && this.text.charCodeAt(end) === quote) {
            start--
            end++
            // One the read copy put on one line (flow-lines.ts): its value as YAML folds its lines.
            if (this.joined && /[\r\n]/.test(this.written.slice(start, end)))
              value = foldedQuoted(this.written.slice(start, end)) ?? value
          }
          let node: JsonNode =
            event.style === 1 && !tagged
              ? coreScalar(value, line, column, start, end)
              : ({ type: 'string', value, line, column, [START]: start, [END]: end } as JsonString)
          if (tagged) node = this.tagged(node, event.tagStart, event.tagEnd, end)
          if (event.anchorStart >= 0)
            this.anchors.set(this.text.slice(event.anchorStart, event.anchorEnd), node)
          attach(node, end)
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
          const size = this.sizeOf(target)
          this.count(size, event.anchorStart)
          // The anchor's value, written where the alias is.
          const { line, column } = this.at(event.anchorStart - 1)
          const copy = { ...target, line, column, [START]: event.anchorStart - 1, [END]: event.anchorEnd }
          this.sizes.set(copy, size)
          attach(copy, event.anchorEnd)
          break
        }
      }
    }
    return root
  }

  /**
   * A mapping's key. A key the mapping has already replaces it, as CloudFormation (SnakeYAML) and SAM
   * (PyYAML) read it: the last one counts, and `twice` says where, for a note.
   */
  private key(frame: Frame, node: JsonNode): JsonString {
    const key: JsonString =
      node.type === 'string' ? node : ({ ...node, type: 'string', value: scalarText(node) } as JsonString)
    const keys = frame.keys
    let twice = false
    if (frame.seen) twice = frame.seen.has(key.value)
    else if (keys.length < FEW_KEYS) {
      for (let i = 0; i < keys.length; i++) if ((keys[i] as JsonString).value === key.value) twice = true
    } else {
      frame.seen = new Set(keys.map((k) => k.value))
      twice = frame.seen.has(key.value)
    }
    if (twice) {
      const earlier = keys.findIndex((k) => k.value === key.value)
      keys.splice(earlier, 1)
      frame.values.splice(earlier, 1)
      this.twice.push(key)
    }
    frame.seen?.add(key.value)
    return key
  }

  /** The node of a collection read to its end. */
  private close(frame: Frame): JsonNode {
    if (frame.key)
      throw new TemplateShapeError(`the key ${JSON.stringify(frame.key.value)} has no value`, frame.key)
    const { line, column } = this.at(frame.tagStart >= 0 ? frame.tagStart : frame.start)
    // A flow collection ends at its closing bracket; a block one with its last child.
    const end = frame.flow ? this.closingBracket(frame.end) : frame.end
    const start = frame.start
    let node: JsonNode =
      frame.kind === 'seq'
        ? ({ type: 'array', items: frame.values, line, column, [START]: start, [END]: end } as JsonNode)
        : ({
            type: 'object',
            keys: frame.keys,
            values: frame.values,
            line,
            column,
            [START]: start,
            [END]: end,
          } as JsonNode)
    if (frame.tagStart >= 0) node = this.tagged(node, frame.tagStart, frame.tagEnd, end)
    if (frame.anchor !== undefined) this.anchors.set(frame.anchor, node)
    return node
  }

  /**
   * How many values a node stands for, aliases expanded. Asked only by an alias, so templates without
   * them never count; an alias's copy is remembered with its size, so a chain of aliases is counted
   * without walking what each copied again.
   */
  private sizeOf(node: JsonNode): number {
    const known = this.sizes.get(node)
    if (known !== undefined) return known
    let size = 1
    if (node.type === 'array') for (const item of node.items) size += this.sizeOf(item)
    else if (node.type === 'object') {
      size += node.keys.length
      for (const value of node.values) size += this.sizeOf(value)
    }
    if (node.type === 'array' || node.type === 'object') this.sizes.set(node, size)
    return size
  }

  /** A short-form intrinsic in its long form, its text from the tag to the value's end. */
  private tagged(value: JsonNode, tagStart: number, tagEnd: number, end: number): JsonNode {
    const tag = this.text.slice(tagStart, tagEnd)
    const { line, column } = this.at(tagStart)
    // `!!str` and the other standard tags: the value as YAML gives it.
    if (tag.startsWith('!!'))
      return tag === '!!str' && value.type !== 'string' && value.type !== 'array' && value.type !== 'object'
        ? { ...value, type: 'string', value: scalarText(value) }
        : value
    // `!` alone, YAML's non-specific tag: the value as it is, a scalar as a string (read as one already).
    if (tag === '!') return value
    const name = tag.slice(1)
    if (this.dialect === 'yamldecode')
      throw new TemplateShapeError(`the tag !${name}: yamldecode() takes YAML's standard tags only`, {
        line,
        column,
      })
    const fn = SHORT_FORMS[name]
    if (!fn) {
      const rain = name.startsWith('Rain::')
        ? ': a directive of the Rain tool, not CloudFormation: point template: at what `rain pkg` writes'
        : `; expected one of ${Object.keys(SHORT_FORMS)
            .map((t) => `!${t}`)
            .join(', ')}`
      throw new TemplateShapeError(`unknown tag !${name}${rain}`, { line, column })
    }
    // `!GetAtt Role.Arn` is `Fn::GetAtt: [Role, Arn]`: the first dot splits logical id and attribute.
    let argument: JsonNode = value.type === 'null' ? { type: 'string', value: '', line, column } : value
    if (fn === 'Fn::GetAtt' && argument.type === 'string') {
      const dot = argument.value.indexOf('.')
      const parts = dot < 0 ? [argument.value] : [argument.value.slice(0, dot), argument.value.slice(dot + 1)]
      argument = {
        type: 'array',
        items: parts.map((p): JsonString => ({ type: 'string', value: p, line, column })),
        line,
        column,
      }
    }
    const key: JsonString = { type: 'string', value: fn, line, column }
    return {
      type: 'object',
      keys: [key],
      values: [argument],
      line,
      column,
      [START]: tagStart,
      [END]: end,
    } as JsonObject
  }

  private count(n: number, offset: number): void {
    this.nodes += n
    if (this.nodes > MAX_NODES)
      throw new TemplateShapeError(
        `expands to more than ${thousands(MAX_NODES)} values (aliases included); not read`,
        this.at(offset),
      )
  }

  /** The offset after the bracket that closes a flow collection whose last child ends at \`from\`. */
  private closingBracket(from: number): number {
    const close = /[\]}]/g
    close.lastIndex = from
    const match = close.exec(this.text)
    return match ? match.index + 1 : from
  }

  /** 1-based line and column of an offset (columns in UTF-16 code units, as jsonc-parser counts). */
  private at(offset: number): { line: number; column: number } {
    const starts = this.lineStarts
    let lo = this.line
    // Mostly the line of the last offset or one of the next few; else a binary search.
    if ((starts[lo] as number) <= offset) {
      let ahead = 0
      while (lo + 1 < starts.length && (starts[lo + 1] as number) <= offset && ++ahead < 8) lo++
      if (ahead === 8) lo = this.search(offset, lo, starts.length - 1)
    } else lo = this.search(offset, 0, lo)
    this.line = lo
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 }
  }

  /** The last line in [lo, hi] that starts at or before `offset`. */
  private search(offset: number, lo: number, hi: number): number {
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.lineStarts[mid] as number) <= offset) lo = mid
      else hi = mid - 1
    }
    return lo
  }
}

/** A plain scalar as YAML 1.2's core schema reads it. */
function coreScalar(value: string, line: number, column: number, start: number, end: number): JsonNode {
  // Most plain scalars of a template are words (`Allow`, `AWS::IAM::Role`, `s3:GetObject`): a letter
  // that starts no null, boolean or number means a string, without the patterns below.
  const first = value.charCodeAt(0)
  const letter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122)
  if (letter && !'tTfFnN'.includes(value[0] as string))
    return { type: 'string', value, line, column, [START]: start, [END]: end } as JsonString
  const scalar = coreValue(value)
  if (typeof scalar === 'string')
    return { type: 'string', value: scalar, line, column, [START]: start, [END]: end } as JsonString
  const type = scalar === null ? 'null' : typeof scalar === 'number' ? 'number' : 'boolean'
  return { type, value: scalar, line, column, [START]: start, [END]: end } as JsonNode
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
