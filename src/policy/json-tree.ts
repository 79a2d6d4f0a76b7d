import { printParseErrorCode, visit } from 'jsonc-parser'
import { firstPlaces, kept } from '../vocabulary/lists.js'
import type { Written } from '../vocabulary/policy.js'

/**
 * Where a JSON value starts: 1-based line and column; for a value built from code of several files,
 * `written` where it is written when that is another file (see {@link Written}).
 */
interface At {
  readonly line: number
  readonly column: number
  readonly written?: Written
}

export interface JsonString extends At {
  readonly type: 'string'
  readonly value: string
}
export interface JsonScalar extends At {
  readonly type: 'number' | 'boolean' | 'null'
  readonly value: number | boolean | null
}
export interface JsonArray extends At {
  readonly type: 'array'
  readonly items: JsonNode[]
}
/** An object's keys and values as two parallel lists, in document order, duplicates kept. */
export interface JsonObject extends At {
  readonly type: 'object'
  readonly keys: JsonString[]
  readonly values: JsonNode[]
}
export type JsonNode = JsonString | JsonScalar | JsonArray | JsonObject

/** What each of jsonc-parser's syntax errors means, in words a reader of any JSON file follows. */
const ERROR_TEXT: Readonly<Record<string, string>> = {
  NestedTooDeep: 'nested too deep',
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes (a doubled or trailing comma?)',
  ValueExpected: 'expected a value (a doubled or trailing comma?)',
  ColonExpected: "expected ':' after the property name",
  CommaExpected: "expected ',' between entries",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'unexpected text after the end of the document',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
}

/** Objects of more keys than this have their keys' places looked up in a map, made once. */
const FEW_KEYS = 16
const keyPlaces = new WeakMap<object, ReadonlyMap<string, number>>()

/**
 * Where `key` first stands among an object's keys (a template's mapping, a Terraform object), or -1. A
 * large object's keys are put in a map the first time: 80,000 Fn::FindInMap into a mapping of as many
 * keys took 23 s, a Terraform map of 100,000 read key by key 26 s, each lookup a search.
 */
export function keyIndex(node: { readonly keys: readonly JsonString[] }, key: string): number {
  const { keys } = node
  if (keys.length <= FEW_KEYS) return keys.findIndex((k) => k.value === key)
  const places = kept(keyPlaces, node, () => firstPlaces(keys, (k) => k.value))
  return places.get(key) ?? -1
}

/** A syntax error: jsonc-parser's code name (e.g. `CommaExpected`), in words, and where it is. */
export interface JsonSyntaxError extends At {
  readonly code: string
  readonly reason: string
}

function syntaxError(code: string, at: { line: number; column: number }, reason?: string): JsonSyntaxError {
  return { code, reason: reason ?? ERROR_TEXT[code] ?? code, ...at }
}

/** What may come next at a point of the document, as the parser reads it. */
type Next = 'value' | 'key' | 'colon' | 'after'

const EXPECTED: Readonly<Record<Exclude<Next, 'after'>, string>> = {
  value: 'a value',
  key: 'a property name in double quotes',
  colon: "':'",
}
/** What may follow a value, by what holds it. */
const AFTER_VALUE: Readonly<Record<'object' | 'array' | 'document', string>> = {
  object: "',' or '}'",
  array: "',' or ']'",
  document: 'the end of the document',
}

/**
 * An unexpected character, said with the text the parser stopped at and what was expected there
 * (`unexpected "." where ',' or '}' was expected`): "unexpected character" alone leaves a reader
 * searching a template's 300-character line for it.
 */
function unexpected(token: string, next: Next, within: 'object' | 'array' | undefined): string {
  const shown = JSON.stringify(token.length > 40 ? `${token.slice(0, 40)}…` : token)
  const expected = next === 'after' ? AFTER_VALUE[within ?? 'document'] : EXPECTED[next]
  // A single-quoted string where a value goes; a lone quote elsewhere is a stray character.
  const hint = token.startsWith("'") && next === 'value' ? ' (JSON strings take double quotes)' : ''
  return `unexpected ${shown} where ${expected} was expected${hint}`
}

/**
 * Parses JSON into a light tree that knows the line and column of every value and key, with
 * jsonc-parser's visitor. Lighter than its `parseTree`: no parent links, no property nodes, and the
 * string nodes carry their value and position, so callers keep them as they are instead of copying.
 * A repository of 100,000 statements parses in about half the time and garbage.
 *
 * Strict JSON, as IAM accepts it: no comments, no trailing commas. The tree, or (empty when there is
 * none) the syntax errors that can be told apart: every comment and trailing comma (each a mistake of
 * its own, after which the rest reads as it is meant) up to the first other error, and that one. The
 * parser's errors after it are mostly echoes of it (a doubled comma gives "property name expected",
 * then "value expected" on the same spot), so they are left out.
 */
export function parseJsonTree(
  text: string,
  maxDepth = 1000,
): { root?: JsonNode; errors: readonly JsonSyntaxError[] } {
  // The parser recurses once per level: a hostile file of a few thousand `[` would exhaust the stack.
  const tooDeep = deeperThan(text, maxDepth)
  if (tooDeep) return { errors: [syntaxError('NestedTooDeep', tooDeep)] }
  let root: JsonNode | undefined
  const errors: JsonSyntaxError[] = []
  /** After an error the parser cannot read past, nothing more is an error of its own. */
  let stopped = false
  const mistake = (code: string, line: number, character: number, reason?: string) => {
    if (!stopped) errors.push(syntaxError(code, { line: line + 1, column: character + 1 }, reason))
  }
  /** Whether a comma came last, with nothing after it yet. */
  let afterComma = false
  let next: Next = 'value'
  const stack: (JsonArray | JsonObject)[] = []
  const attach = (node: JsonNode) => {
    afterComma = false
    next = 'after'
    const parent = stack[stack.length - 1]
    if (!parent) root ??= node
    else if (parent.type === 'array') parent.items.push(node)
    else parent.values.push(node)
  }
  // A comma just before `}` or `]`: said where the strict parser says it, at the closing bracket.
  const close = (code: string, line: number, character: number) => {
    if (afterComma) mistake(code, line, character)
    afterComma = false
    next = 'after'
    stack.pop()
  }
  visit(
    text,
    {
      onObjectBegin: (_offset, _length, line, character) => {
        const node: JsonObject = {
          type: 'object',
          line: line + 1,
          column: character + 1,
          keys: [],
          values: [],
        }
        attach(node)
        stack.push(node)
        next = 'key'
      },
      onObjectProperty: (value, _offset, _length, line, character) => {
        afterComma = false
        next = 'colon'
        const parent = stack[stack.length - 1]
        if (parent?.type === 'object')
          parent.keys.push({ type: 'string', value, line: line + 1, column: character + 1 })
      },
      onObjectEnd: (_offset, _length, line, character) => close('PropertyNameExpected', line, character),
      onArrayBegin: (_offset, _length, line, character) => {
        const node: JsonArray = { type: 'array', line: line + 1, column: character + 1, items: [] }
        attach(node)
        stack.push(node)
        next = 'value'
      },
      onArrayEnd: (_offset, _length, line, character) => close('ValueExpected', line, character),
      onSeparator: (character) => {
        if (character === ',') afterComma = true
        next = character === ':' || stack[stack.length - 1]?.type === 'array' ? 'value' : 'key'
      },
      onComment: (_offset, _length, line, character) => mistake('InvalidCommentToken', line, character),
      onLiteralValue: (value: unknown, _offset, _length, line, character) => {
        // Literal objects of one fixed shape: there is one of these per value in the repository.
        if (typeof value === 'string') {
          attach({ type: 'string', value: detach(value), line: line + 1, column: character + 1 })
        } else {
          const type = value === null ? 'null' : typeof value === 'number' ? 'number' : 'boolean'
          attach({
            type,
            value: value as number | boolean | null,
            line: line + 1,
            column: character + 1,
          })
        }
      },
      onError: (code, offset, length, line, character) => {
        const name = printParseErrorCode(code)
        const reason =
          name === 'InvalidSymbol'
            ? unexpected(
                text.slice(offset, offset + Math.max(length, 1)),
                next,
                stack[stack.length - 1]?.type,
              )
            : undefined
        // A comment left open to the end of the file: said as the comment it is, and nothing after it.
        mistake(name === 'UnexpectedEndOfComment' ? 'InvalidCommentToken' : name, line, character, reason)
        stopped = true
      },
    },
    // Comments and trailing commas are read, to be told apart from what stops the parser.
    { disallowComments: false, allowTrailingComma: true },
  )
  if (errors.length > 0) return { errors }
  return root ? { root, errors } : { errors: [syntaxError('ValueExpected', { line: 1, column: 1 })] }
}

/**
 * Where the first `[` or `{` deeper than `max` levels is (1-based line and column, as jsonc-parser
 * counts them), or undefined. One pass, no recursion; text inside strings is skipped.
 */
function deeperThan(text: string, max: number): At | undefined {
  let depth = 0
  let line = 1
  let lineStart = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22) {
      // Skip a string: up to the next quote that is not escaped, or the end of the line.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i)
        if (d === 0x5c) i++
        else if (d === 0x22 || d === 0x0a || d === 0x0d) break
      }
      if (i < text.length && text.charCodeAt(i) !== 0x22) i--
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return { line, column: i - lineStart + 1 }
    } else if (c === 0x5d || c === 0x7d) {
      depth--
    } else if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++
      lineStart = i + 1
    }
  }
  return undefined
}

/**
 * A copy of `value` that does not keep the whole file text alive. V8 makes a substring of 13 or more
 * characters a view into its parent; the parser's values are such views, and keeping them would keep
 * every policy file's full text in memory (24 MB for 100,000 statements, copied by each garbage
 * collection). A JSON round trip gives one flat string of just the value (a concatenation and slice
 * would leave two objects: 74 -> 67 MB retained for that repository).
 */
function detach(value: string): string {
  return value.length < 13 ? value : (JSON.parse(JSON.stringify(value)) as string)
}

/** The plain JavaScript value of a node (later duplicate keys win, as in JSON.parse). */
export function toValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'array':
      return node.items.map(toValue)
    case 'object':
      return Object.fromEntries(node.keys.map((key, i) => [key.value, toValue(node.values[i] as JsonNode)]))
    default:
      return node.value
  }
}
