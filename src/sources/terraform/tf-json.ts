// Terraform's JSON syntax (`*.tf.json`: what CDK for Terraform, terranix and other generators write)
// read into the same blocks, attributes and expressions as the native syntax, each at the line and
// column of the JSON that wrote it.
//
// The mapping is Terraform's own (https://developer.hashicorp.com/terraform/language/syntax/json): the
// top-level keys are block types, their object keys the labels; a string is a template ("${var.x}",
// "arn:aws:s3:::${local.bucket}/*"), parsed here by the same HCL parser as a .tf file's quoted strings;
// a few arguments are expressions written as strings (`provider`, `depends_on`, a dynamic block's
// `iterator`, a variable's `type`, a module's `providers`); a variable's `default` is a literal value.
// Whether a key of a body is a nested block or an attribute is the provider's schema: here, the nested
// blocks the IAM reading looks at (`statement`, `principals`, `condition`, `inline_policy`, `dynamic`,
// a provider's `assume_role`, …). Any other key is an attribute, which for the rest is what it is anyway.
//
// Nothing read from JSON carries text offsets: its policies are suggested as JSON, never edited in place.
import {
  type JsonArray,
  type JsonNode,
  type JsonObject,
  type JsonString,
  parseJsonTree,
} from '../../policy/json-tree.js'
import type { Problem } from '../../vocabulary/problems.js'
import {
  type At,
  type Attribute,
  type Block,
  type Expr,
  MAX_DEPTH,
  type Parsed,
  parseHcl,
  soleInterpolation,
  type TemplatePart,
} from './hcl.js'

/** Nested blocks, by the key that holds them in a body; any other key is an attribute. */
const NESTED_BLOCKS = new Set([
  'statement',
  'principals',
  'not_principals',
  'condition',
  'inline_policy',
  'assume_role',
  'assume_role_with_web_identity',
  'default_tags',
  'ignore_tags',
  'lifecycle',
  'timeouts',
])

/** Arguments whose string is an expression, not a template (`"provider": "aws.prod"`). */
const EXPRESSION_KEYS = new Set(['provider', 'depends_on', 'iterator'])

/** What a string read as an expression may hold. */
const EXPRESSION_TEXT = /^[\w.\-[\]()",= *]+$/

/** Top-level blocks with two labels (type and name), one label, or none. */
const TWO_LABELS = new Set(['resource', 'data'])
const ONE_LABEL = new Set(['module', 'variable', 'output', 'provider'])

/** A string of the file waiting for the HCL parser, and the expression it is to become. */
interface Pending {
  readonly node: JsonString
  readonly mode: 'template' | 'expression'
  readonly slot: Record<string, unknown>
}

/** The top-level blocks of a `.tf.json` file, or the problems that keep it from being read. */
export async function parseTfJson(file: string, text: string): Promise<Parsed> {
  const none = new Map<string, Attribute>()
  const failed = (at: { line: number; column?: number }, message: string): Parsed => ({
    blocks: [],
    attributes: none,
    problems: [{ file, line: at.line, ...(at.column !== undefined && { column: at.column }), message }],
  })
  // A UTF-8 byte order mark is allowed before the JSON, as Terraform allows it.
  const {
    root,
    errors: [error],
  } = parseJsonTree(text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text, MAX_DEPTH)
  if (error)
    return failed(
      error,
      error.code === 'NestedTooDeep'
        ? `nested more than ${MAX_DEPTH} levels deep; not read`
        : `not valid JSON (${error.reason}): expected Terraform's JSON syntax`,
    )
  if (root?.type !== 'object')
    return failed(
      { line: root?.line ?? 1, column: root?.column ?? 1 },
      'expected a JSON object of blocks ({"resource": {…}, "variable": {…}, …}), as Terraform\'s JSON syntax is',
    )
  const reader = new JsonReader(file)
  const blocks = reader.top(root)
  if (reader.problems.length === 0) await reader.parseStrings()
  if (reader.problems.length > 0) return { blocks: [], attributes: none, problems: reader.problems }
  return { blocks, attributes: none, problems: [] }
}

class JsonReader {
  readonly problems: Problem[] = []
  private readonly pending: Pending[] = []

  constructor(private readonly file: string) {}

  top(root: JsonObject): Block[] {
    const blocks: Block[] = []
    each(root, (type, value) => {
      if (TWO_LABELS.has(type))
        each(this.object(value, `"${type}"`, 'an object of types'), (kind, names) =>
          each(this.object(names, `"${type}"."${kind}"`, 'an object of names'), (name, body, key) => {
            for (const b of this.bodies(body, `${type}.${kind}.${name}`))
              blocks.push({ type, labels: [kind, name], ...this.body(b), at: atOf(key) })
          }),
        )
      else if (ONE_LABEL.has(type))
        each(this.object(value, `"${type}"`, 'an object of names'), (name, body, key) => {
          for (const b of this.bodies(body, `${type}.${name}`))
            blocks.push({ type, labels: [name], ...this.labelled(type, b), at: atOf(key) })
        })
      else if (type === 'locals')
        for (const b of this.bodies(value, 'locals'))
          blocks.push({ type, labels: [], attributes: this.attributes(b), blocks: [], at: atOf(b) })
      // `terraform` (settings) and anything else: nothing the IAM reading needs.
    })
    return blocks
  }

  /**
   * The HCL parser over every string at once: one parse, each string one attribute of it. A template is
   * written as a heredoc, whose text is the string's own: quotes and backslashes as they are, `${ }` and
   * `%{ }` read as in a quoted string (and in JSON syntax); the newline a heredoc ends with is taken off.
   */
  async parseStrings(): Promise<void> {
    if (this.pending.length === 0) return
    const lines: string[] = []
    /** The synthetic line each string starts on (1-based), in order. */
    const starts: number[] = []
    for (const [i, p] of this.pending.entries()) {
      starts.push(lines.length + 1)
      if (p.mode === 'expression') {
        // One line of names, calls and brackets (`aws.prod`, `list(object({ a = string }))`); anything
        // else (a heredoc, a comment, another line) would not be one attribute of the synthetic text.
        lines.push(`s${i} = ${EXPRESSION_TEXT.test(p.node.value) ? p.node.value : 'null'}`)
        continue
      }
      let word = `IPD_END_${i}`
      while (p.node.value.includes(word)) word += '_'
      lines.push(`s${i} = <<${word}`, ...p.node.value.split('\n'), word)
    }
    const parsed = await parseHcl(this.file, `${lines.join('\n')}\n`)
    const [problem] = parsed.problems
    if (problem) {
      const index = Math.max(0, upperBound(starts, problem.line ?? 1) - 1)
      const p = this.pending[index] as Pending
      // The parser quotes the text it stopped at: the synthetic line, which is not the file's to show.
      const what = /IPD_END_|\bs\d+ = /.test(problem.message)
        ? 'a ${ } or %{ } that is not closed, or a %{ } without its end'
        : problem.message.replace(/^invalid HCL: /, '')
      this.problems.push({
        file: this.file,
        line: p.node.line,
        column: p.node.column,
        message: `${JSON.stringify(shorten(p.node.value))}: ${what}: expected ${
          p.mode === 'expression'
            ? 'an expression such as aws.prod'
            : 'a string, or a template such as "arn:aws:s3:::${var.bucket}/*"'
        }`,
      })
      return
    }
    for (const [i, p] of this.pending.entries()) {
      const written = p.mode === 'template' || EXPRESSION_TEXT.test(p.node.value)
      const expr = written ? parsed.attributes.get(`s${i}`)?.expr : undefined
      const at = { line: starts[i] as number, column: `s${i} = `.length + 1 }
      Object.assign(
        p.slot,
        expr ? placedAt(p.mode === 'template' ? asString(expr) : expr, p.node, at) : unsupported(p.node),
      )
    }
  }

  private body(
    object: JsonObject,
    nested = NESTED_BLOCKS,
  ): { attributes: Map<string, Attribute>; blocks: Block[] } {
    const attributes = new Map<string, Attribute>()
    const blocks: Block[] = []
    each(object, (name, value, key) => {
      if (name === 'dynamic') {
        each(this.object(value, '"dynamic"', 'an object of block types'), (label, bodies, labelKey) => {
          for (const b of this.bodies(bodies, `dynamic.${label}`)) {
            const inner = this.body(b, new Set(['content']))
            blocks.push({ type: 'dynamic', labels: [label], ...inner, at: atOf(labelKey) })
          }
        })
        return
      }
      if (name === 'content' && nested.has('content')) {
        for (const b of this.bodies(value, 'content'))
          blocks.push({ type: 'content', labels: [], ...this.body(b), at: atOf(key) })
        return
      }
      if (nested.has(name) && isBodies(value)) {
        // One block at its key; each of a list of them at its own `{`.
        for (const b of this.bodies(value, name))
          blocks.push({ type: name, labels: [], ...this.body(b), at: atOf(value === b ? key : b) })
        return
      }
      attributes.set(name, {
        name,
        expr: this.expr(value, EXPRESSION_KEYS.has(name) ? 'expression' : 'template'),
        at: atOf(key),
      })
    })
    return { attributes, blocks }
  }

  /** A one-label block's body: a variable's `type` is an expression and its `default` a literal value. */
  private labelled(
    type: string,
    object: JsonObject,
  ): { attributes: Map<string, Attribute>; blocks: Block[] } {
    if (type !== 'variable' && type !== 'module') return this.body(object)
    const attributes = new Map<string, Attribute>()
    each(object, (name, value, key) => {
      const mode =
        type === 'variable' && name === 'default'
          ? 'value'
          : (type === 'variable' && name === 'type') ||
              (type === 'module' && name === 'providers') ||
              EXPRESSION_KEYS.has(name)
            ? 'expression'
            : 'template'
      attributes.set(name, { name, expr: this.expr(value, mode), at: atOf(key) })
    })
    return { attributes, blocks: [] }
  }

  private attributes(object: JsonObject): Map<string, Attribute> {
    const attributes = new Map<string, Attribute>()
    each(object, (name, value, key) =>
      attributes.set(name, { name, expr: this.expr(value, 'template'), at: atOf(key) }),
    )
    return attributes
  }

  /**
   * A JSON value as an expression: strings as templates, as expressions, or (`value`: a variable's
   * default) as the text they are; the rest as they are.
   */
  private expr(node: JsonNode, mode: Pending['mode'] | 'value'): Expr {
    const at = atOf(node)
    switch (node.type) {
      case 'string': {
        if (mode === 'value') return { kind: 'literal', value: node.value, at }
        const slot: Record<string, unknown> = {}
        this.pending.push({ node, mode, slot })
        return slot as unknown as Expr
      }
      case 'array':
        return { kind: 'tuple', items: node.items.map((item) => this.expr(item, mode)), at }
      case 'object': {
        const entries: { key: Expr; value: Expr }[] = []
        each(node, (_name, value, key) =>
          entries.push({
            key: { kind: 'literal', value: key.value, at: atOf(key) },
            value: this.expr(value, mode),
          }),
        )
        return { kind: 'object', entries, at }
      }
      default:
        return { kind: 'literal', value: node.value, at }
    }
  }

  private object(node: JsonNode, what: string, expected: string): JsonObject | undefined {
    if (node.type === 'object') return node
    this.problems.push({
      file: this.file,
      line: node.line,
      column: node.column,
      message: `${what}: ${describe(node)} is not valid here; expected ${expected}`,
    })
    return undefined
  }

  /** A block's body, or a list of bodies (several blocks of one type). */
  private bodies(node: JsonNode, what: string): JsonObject[] {
    if (isBodies(node)) return node.type === 'object' ? [node] : node.items
    this.problems.push({
      file: this.file,
      line: node.line,
      column: node.column,
      message: `${what}: ${describe(node)} is not valid here; expected a block's body, an object (or a list of them)`,
    })
    return []
  }
}

/** Each key of an object and its value, comments (`"//"`) left out. */
function each(
  object: JsonObject | undefined,
  visit: (name: string, value: JsonNode, key: JsonString) => void,
): void {
  if (!object) return
  for (const [i, key] of object.keys.entries()) {
    const value = object.values[i]
    if (key.value !== '//' && value) visit(key.value, value, key)
  }
}

function isBodies(node: JsonNode): node is JsonObject | (JsonArray & { items: JsonObject[] }) {
  return node.type === 'object' || (node.type === 'array' && node.items.every((i) => i.type === 'object'))
}

function atOf(node: { line: number; column: number }): At {
  return { line: node.line, column: node.column }
}

function unsupported(node: JsonString): Expr {
  return {
    kind: 'unsupported',
    what: 'a string that is not an expression read here',
    at: atOf(node),
    text: node.value,
  }
}

/** The index of the first of `sorted` above `value`. */
function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((sorted[mid] as number) <= value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * A heredoc's template as the JSON string's: without the newline that closes its last line, and a
 * template of one interpolation (`"${aws_iam_role.app.name}"`) that expression itself, as HCL defines it
 * and as the native syntax's quoted strings are read.
 */
function asString(expr: Expr): Expr {
  if (expr.kind !== 'template') return expr
  const parts = [...expr.parts]
  const last = parts[parts.length - 1]
  if (last?.kind === 'text' && last.text.endsWith('\n')) {
    if (last.text === '\n') parts.pop()
    else parts[parts.length - 1] = { ...last, text: last.text.slice(0, -1) }
  }
  if (parts.length === 0) return { kind: 'literal', value: '', at: expr.at }
  return soleInterpolation(parts) ?? { ...expr, parts }
}

/**
 * An expression parsed from the synthetic text, moved to the JSON string it came from: the string's line,
 * columns from its opening quote (escapes aside), and no text offsets, so that nothing edits it.
 */
function placedAt(expr: Expr, node: JsonString, start: { line: number; column: number }): Expr {
  const move = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => move(v))
    if (value === null || typeof value !== 'object') {
      if (key === 'line' || key === 'contentLine') return node.line
      return value
    }
    // An expression's own line (`s<i> = aws.prod`): from where the value starts; a heredoc's first
    // line of text: from just after the string's opening quote; anything further on, at the string. A
    // template's literal text is placed the same way.
    const column = (at: At) =>
      at.line === start.line
        ? node.column + Math.max(0, at.column - start.column)
        : at.line === start.line + 1
          ? node.column + at.column
          : node.column
    if (key === 'at') return { line: node.line, column: column(value as At) }
    if ((value as { kind?: unknown }).kind === 'text') {
      const text = value as Extract<TemplatePart, { kind: 'text' }>
      return { ...text, line: node.line, column: column(text) }
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, move(v, k)]))
  }
  return move(expr) as Expr
}

function describe(node: JsonNode): string {
  if (node.type === 'string') return JSON.stringify(shorten(node.value))
  if (node.type === 'array') return 'a list'
  if (node.type === 'object') return 'an object'
  return String(node.value)
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text
}
