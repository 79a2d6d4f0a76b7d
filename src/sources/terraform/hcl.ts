// Terraform's HCL, parsed with tree-sitter's grammar for it (web-tree-sitter, WebAssembly) into a small
// tree of our own: blocks, attributes and expressions, each with the line and column it was written
// on. The grammar's node names stay in this module; the tree-sitter tree is freed once converted.
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Parser, Node as TsNode } from 'web-tree-sitter'
import type { Problem } from '../../vocabulary/problems.js'
import { TERRAFORM_GRAMMAR_WASM_BASE64, TREE_SITTER_WASM_BASE64 } from './hcl-wasm.generated.js'

/**
 * A 1-based line and column; for what the parser read, also where its text starts and ends in the
 * file (string offsets), so the code can be edited in place.
 */
export interface At {
  readonly line: number
  readonly column: number
  readonly start?: number
  readonly end?: number
}

export type Step =
  | { readonly kind: 'attr'; readonly name: string }
  | { readonly kind: 'index'; readonly key: Expr }
  | { readonly kind: 'splat' }

/** An HCL expression. What the evaluator does not model is `unsupported`, with its source text. */
export type Expr =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null; readonly at: At }
  | {
      readonly kind: 'template'
      readonly parts: readonly TemplatePart[]
      readonly at: At
      /** For a heredoc, the line its content starts on: a JSON document in it has its lines from there. */
      readonly contentLine: number
      /** It has `%{ if }` or `%{ for }` directives: its text is not the source's, line for line. */
      readonly directives: boolean
    }
  | { readonly kind: 'tuple'; readonly items: readonly Expr[]; readonly at: At }
  | {
      readonly kind: 'object'
      readonly entries: readonly { readonly key: Expr; readonly value: Expr }[]
      readonly at: At
    }
  | {
      readonly kind: 'traversal'
      readonly root: string
      readonly steps: readonly Step[]
      readonly at: At
      readonly text: string
    }
  | {
      /** Steps on a value that is not a name (`values(aws_iam_user.all)[*].name`, `split(",", x)[0]`). */
      readonly kind: 'steps'
      readonly base: Expr
      readonly steps: readonly Step[]
      readonly at: At
      readonly text: string
    }
  | {
      readonly kind: 'call'
      readonly name: string
      readonly args: readonly Expr[]
      /** `concat(local.lists...)`: the last argument's items are the arguments from there on. */
      readonly expandsLast?: true
      readonly at: At
      readonly text: string
    }
  | {
      readonly kind: 'conditional'
      readonly test: Expr
      readonly then: Expr
      readonly otherwise: Expr
      readonly at: At
      readonly text: string
    }
  | {
      /** `[for k, v in coll : value if cond]`, or `{for k, v in coll : key => value... if cond}`. */
      readonly kind: 'for'
      readonly keyName: string | undefined
      readonly valueName: string
      readonly collection: Expr
      readonly key: Expr | undefined
      readonly value: Expr
      readonly condition: Expr | undefined
      /** `...` after the value: values of the same key are grouped into lists. */
      readonly group: boolean
      readonly at: At
      readonly text: string
    }
  | {
      /** A unary (`!`, `-`) or binary operator; `left` is undefined for a unary one. */
      readonly kind: 'operation'
      readonly operator: string
      readonly left: Expr | undefined
      readonly right: Expr
      readonly at: At
      readonly text: string
    }
  | { readonly kind: 'unsupported'; readonly what: string; readonly at: At; readonly text: string }
  | {
      /**
       * An argument an override file (`override.tf`, `*_override.tf`) sets in a block written in another
       * file (see mergedBlock in modules.ts): `expr` as written there, in `file`; `at` is the block it changes.
       */
      readonly kind: 'elsewhere'
      readonly file: string
      readonly expr: Expr
      readonly at: At
    }

/**
 * The expression as written, wherever that is: for what only its form matters (a module's `source`, a
 * type constraint, an iterator's name), not the lines it is on.
 */
export function bare(expr: Expr): Expr
export function bare(expr: Expr | undefined): Expr | undefined
export function bare(expr: Expr | undefined): Expr | undefined {
  return expr?.kind === 'elsewhere' ? expr.expr : expr
}

/** The text of a string written as a plain literal (`"id"`, no interpolation), else undefined. */
export function plainText(written: Expr): string | undefined {
  const expr = bare(written)
  if (expr.kind === 'literal') return typeof expr.value === 'string' ? expr.value : undefined
  if (expr.kind !== 'template' || expr.parts.length > 1) return undefined
  const [part] = expr.parts
  if (!part) return ''
  return part.kind === 'text' ? part.text : undefined
}

/**
 * A piece of a template: literal text (with the line and column it starts at), an interpolation, or a
 * directive.
 */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string; readonly line: number; readonly column: number }
  | Expr
  | TemplateIf
  | TemplateFor

/** `%{ if test }…%{ else }…%{ endif }`. */
export interface TemplateIf {
  readonly kind: 'template-if'
  readonly test: Expr
  readonly ifTrue: readonly TemplatePart[]
  readonly ifFalse: readonly TemplatePart[]
  readonly at: At
}

/** `%{ for k, v in collection }…%{ endfor }`. */
export interface TemplateFor {
  readonly kind: 'template-for'
  readonly keyName: string | undefined
  readonly valueName: string
  readonly collection: Expr
  readonly body: readonly TemplatePart[]
  readonly at: At
}

export interface Attribute {
  readonly name: string
  readonly expr: Expr
  readonly at: At
}

export interface Block {
  readonly type: string
  readonly labels: readonly string[]
  readonly attributes: ReadonlyMap<string, Attribute>
  readonly blocks: readonly Block[]
  readonly at: At
}

/** Deeper than this, a file is refused rather than walked: hostile input must not exhaust the stack. */
export const MAX_DEPTH = 200

let parserPromise: Promise<Parser> | undefined

/** The parser, with tree-sitter's runtime and the grammar loaded from the bytes embedded at build time. */
function loadParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    // Through a CommonJS shim: see tree-sitter.cjs for why. That build names its directory with
    // CommonJS's __dirname, which an ES module bundle does not define: it is given this module's own.
    const scope = globalThis as { __dirname?: string }
    scope.__dirname ??= dirname(fileURLToPath(import.meta.url))
    const { Parser, Language } = (await import('./tree-sitter.cjs')).default
    // Given the bytes (and a locateFile that names no file), the runtime reads nothing from disk.
    await Parser.init({
      wasmBinary: Buffer.from(TREE_SITTER_WASM_BASE64, 'base64'),
      locateFile: (name: string) => name,
    })
    const language = await Language.load(Buffer.from(TERRAFORM_GRAMMAR_WASM_BASE64, 'base64'))
    const parser = new Parser()
    parser.setLanguage(language)
    loadedParser = parser
    return parser
  })()
  return parserPromise
}

/** The parser once loaded: templates read by templatefile() are parsed while code is evaluated, in step. */
let loadedParser: Parser | undefined

/**
 * A template file's text (what templatefile() reads) as a template expression, its lines those of the
 * file; or what keeps it from being read, at its line. Needs the parser loaded (any .tf file parsed).
 */
export function parseTemplate(text: string): { template: Expr } | { problem: string; line: number } {
  if (!loadedParser) return { problem: 'the HCL parser is not loaded', line: 1 }
  // Read as the body of a heredoc whose closing word the text does not hold: line 1 of the file is
  // line 2 here, which TEMPLATE_LINE_OFFSET takes back.
  let word = 'IPD_TEMPLATE_END'
  while (text.includes(word)) word += '_'
  const newline = text === '' || text.endsWith('\n') ? '' : '\n'
  const parsed = parseWith(loadedParser, 'template', `t = <<${word}\n${text}${newline}${word}\n`)
  const [problem] = parsed.problems
  // Nested too deep: said as it is, wherever the parser placed it (at the heredoc, when it is the
  // template's own nesting).
  if (problem?.message === TOO_DEEP)
    return { problem: TOO_DEEP, line: Math.max(1, (problem.line ?? 1) - TEMPLATE_LINE_OFFSET) }
  // An error the parser places on the heredoc itself is one it could not place in the text.
  if (problem && (problem.line ?? 1) <= TEMPLATE_LINE_OFFSET)
    return {
      problem: 'not a template: a ${ } or %{ } that is not closed, or a %{ } without its end',
      line: 1,
    }
  if (problem)
    return {
      problem: problem.message
        .replace(/^invalid HCL/, 'not a template')
        .replace(/ on line (\d+)/, (_, line: string) => ` on line ${Number(line) - TEMPLATE_LINE_OFFSET}`),
      line: (problem.line as number) - TEMPLATE_LINE_OFFSET,
    }
  const template = parsed.attributes.get('t')?.expr
  if (template?.kind !== 'template') return { problem: 'not a template', line: 1 }
  // A heredoc's text ends with a newline; one added for its closing word is none of the file's.
  const last = template.parts.at(-1)
  if (newline === '' || last?.kind !== 'text' || !last.text.endsWith('\n')) return { template }
  const kept = last.text.slice(0, -1)
  const parts = template.parts.slice(0, -1)
  return { template: { ...template, parts: kept === '' ? parts : [...parts, { ...last, text: kept }] } }
}

/** How many lines parseTemplate's templates start below their file's first line. */
export const TEMPLATE_LINE_OFFSET = 1

export interface Parsed {
  blocks: Block[]
  attributes: ReadonlyMap<string, Attribute>
  problems: Problem[]
}

/** The top-level blocks and attributes of an HCL file, or the problems that keep it from being read. */
export async function parseHcl(file: string, text: string): Promise<Parsed> {
  return parseWith(await loadParser(), file, text)
}

/**
 * A check of an edit of a .tf file made here: the edited text parses, and has the same top-level
 * blocks with the same attributes as before. What would break the configuration fails it.
 */
export async function codeEditChecker(): Promise<(file: string, before: string, after: string) => boolean> {
  const parser = await loadParser()
  const outline = (parsed: Parsed) =>
    JSON.stringify(parsed.blocks.map((b) => [b.type, b.labels, [...b.attributes.keys()]]))
  return (file, before, after) => {
    const edited = parseWith(parser, file, after)
    return edited.problems.length === 0 && outline(edited) === outline(parseWith(parser, file, before))
  }
}

function parseWith(parser: Parser, file: string, text: string): Parsed {
  const none = new Map<string, Attribute>()
  const tree = parser.parse(text)
  if (!tree)
    return {
      blocks: [],
      attributes: none,
      problems: [{ file, line: 1, message: 'cannot parse this file as HCL' }],
    }
  try {
    const error = firstError(tree.rootNode)
    if (error) {
      const said = error.isMissing ? missingToken(error) : leftOpen(error)
      const at = said?.at ?? atOf(error)
      const what =
        said?.what ??
        (error.isMissing
          ? `expected ${TOKEN_WORDS[error.type] ?? error.type}`
          : `unexpected ${quoteText(error.text.split('\n')[0] ?? '')}`)
      return {
        blocks: [],
        attributes: none,
        problems: [{ file, line: at.line, column: at.column, message: `invalid HCL: ${what}` }],
      }
    }
    const converter = new Converter()
    const body = tree.rootNode.namedChildren.find((n) => n?.type === 'body')
    const top = body ? converter.body(body, 0) : { blocks: [], attributes: none }
    return { blocks: top.blocks, attributes: top.attributes, problems: [] }
  } catch (error) {
    if (error instanceof TooDeep || error instanceof MissingSeparator) {
      return {
        blocks: [],
        attributes: none,
        problems: [
          {
            file,
            line: error.at.line,
            column: error.at.column,
            message:
              error instanceof TooDeep
                ? TOO_DEEP
                : 'invalid HCL: expected "," or a new line before this attribute of the object (Terraform refuses it: "Missing attribute separator")',
          },
        ],
      }
    }
    throw error
  } finally {
    tree.delete()
  }
}

const TOO_DEEP = `nested more than ${MAX_DEPTH} levels deep; not read`

class TooDeep extends Error {
  constructor(readonly at: At) {
    super('too deep')
  }
}

/**
 * Two attributes of an object on one line with no comma between them (`{ Action = "s3:*" Resource =
 * "*" }`): tree-sitter reads them, Terraform refuses them ("Missing attribute separator").
 */
class MissingSeparator extends Error {
  constructor(readonly at: At) {
    super('missing separator')
  }
}

function firstError(root: TsNode): TsNode | undefined {
  if (!root.hasError) return undefined
  // Iterative: a hostile file may nest far deeper than the stack.
  const stack: TsNode[] = [root]
  while (stack.length > 0) {
    const node = stack.pop() as TsNode
    if (node.isError || node.isMissing) return node
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i)
      if (child?.hasError || child?.isMissing) stack.push(child)
    }
  }
  return undefined
}

function atOf(node: TsNode): At {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    start: node.startIndex,
    end: node.endIndex,
  }
}

/** The bracket that closes each opening one. */
const CLOSING: Readonly<Record<string, string>> = { '[': ']', '{': '}', '(': ')' }

const QUOTE_LEFT_OPEN = 'the quote (") that starts this string is not closed on its line: close it'

/** A bracket left open, said at it; `before`, where another bracket met it instead. */
function bracketLeftOpen(bracket: string, before = ''): string {
  return `this "${bracket}" is not closed: expected "${CLOSING[bracket]}"${before}`
}

/** tree-sitter's names of the tokens it finds missing, in words, where missingToken says no more. */
const TOKEN_WORDS: Readonly<Record<string, string>> = {
  identifier: 'a name',
  quoted_template_end: 'a closing quote (")',
  heredoc_identifier: "the heredoc's closing marker",
}

/**
 * A token tree-sitter found missing, said where the edit goes: at the bracket, quote or heredoc it
 * would close (the parser finds it missing where the text ends, or at the next line that cannot
 * belong), or at the block header that lacks its "{". Undefined for any other token.
 */
function missingToken(error: TsNode): { at: At; what: string } | undefined {
  const parent = error.parent
  const childOf = (node: TsNode | null | undefined, type: string) =>
    node?.children.find((c) => c?.type === type) ?? undefined
  // A block's type and labels as written (`resource "aws_iam_role" "r"`), on one line, cut when long.
  const header = (block: TsNode, brace: TsNode | undefined) => {
    const text = block.text
      .slice(0, (brace?.startIndex ?? block.endIndex) - block.startIndex)
      .replace(/\s+/g, ' ')
      .trim()
    return text.length > 60 ? `${text.slice(0, 57)}...` : text
  }
  switch (error.type) {
    case '}':
    case ']': {
      // block_end → block, object_end → object, tuple_end → tuple.
      const open = parent?.parent
      if (!open) return undefined
      if (open.type === 'block') {
        const brace = childOf(open, 'block_start')
        return {
          at: atOf(brace ?? open),
          what: `the block ${header(open, brace)} is not closed: expected "}" (or a "{", "[" or "(" inside it is the one left open)`,
        }
      }
      return { at: atOf(open), what: bracketLeftOpen(error.type === '}' ? '{' : '[') }
    }
    case ')': {
      const paren = childOf(parent, '(')
      return paren && { at: atOf(paren), what: bracketLeftOpen('(') }
    }
    case 'quoted_template_end':
      if (!parent) return undefined
      return { at: atOf(parent), what: QUOTE_LEFT_OPEN }
    case 'heredoc_identifier': {
      const name = childOf(parent, 'heredoc_identifier')?.text
      if (!parent || !name) return undefined
      return {
        at: atOf(parent),
        what: `the heredoc <<${name} is not closed: expected a line that is "${name}" alone`,
      }
    }
    case '{': {
      // object_start → object: a "}" read as an object with no "{", inside a list or a call left open
      // above it (`identifiers = [ "arn…",` and then the block's "}").
      if (parent?.type === 'object_start') {
        let open = parent.parent?.parent
        while (open && open.type !== 'tuple' && open.type !== 'function_call' && open.type !== 'object')
          open = open.parent
        const bracket = open?.type === 'tuple' ? '[' : open?.type === 'object' ? '{' : '('
        const opener = open?.type === 'function_call' ? childOf(open, '(') : open
        if (!opener) return undefined
        return {
          at: atOf(opener),
          what: bracketLeftOpen(bracket, ` before the "}" on line ${atOf(error).line}`),
        }
      }
      // block_start → block: a name and labels, and no "{" after them.
      const block = parent?.parent
      if (block?.type !== 'block') return undefined
      return {
        at: atOf(block),
        what: `${header(block, parent ?? undefined)} reads as the start of a block, which needs "{"; an argument needs "=" (name = value)`,
      }
    }
    default:
      return undefined
  }
}

/**
 * What the text tree-sitter could not read left open, said where it opens: the first quoted string or
 * "${" not closed on its line, which HCL requires (tree-sitter reads on, and stops far below, at no
 * token of its own); else a "[", "{" or "(" that a different bracket meets (`[` … `}`) or that the text
 * never closes. Outside comments and heredocs. Undefined when nothing is left open, or the text is too
 * long to look through.
 */
function leftOpen(error: TsNode): { at: At; what: string } | undefined {
  const lines = error.text.split('\n')
  if (lines.length > 2_000) return undefined
  // Line i of the text, column c of that line, in the file (the text starts where the error does).
  const place = (i: number, c: number): At => ({
    line: error.startPosition.row + i + 1,
    column: (i === 0 ? error.startPosition.column : 0) + c + 1,
    start: 0,
    end: 0,
  })
  let heredoc: string | undefined
  let comment = false
  // The brackets open, innermost last: which, and where.
  const brackets: { bracket: string; at: At }[] = []
  const notClosed = (open: { bracket: string; at: At }, before?: string) => ({
    at: open.at,
    what: bracketLeftOpen(open.bracket, before),
  })
  for (const [i, line] of lines.entries()) {
    if (heredoc !== undefined) {
      if (line.trim() === heredoc) heredoc = undefined
      continue
    }
    if (line.length > 1_000) return undefined
    let open = -1
    for (let c = 0; c < line.length; c++) {
      const ch = line.charAt(c)
      if (comment) {
        if (ch === '*' && line.charAt(c + 1) === '/') {
          comment = false
          c++
        }
      } else if (open >= 0) {
        if (ch === '\\') c++
        else if (ch === '"') open = -1
        else if ((ch === '$' || ch === '%') && line.charAt(c + 1) === '{') {
          // An interpolation (or directive) closes on its line too, here: its "}" ends it.
          const close = line.indexOf('}', c + 2)
          if (close < 0)
            return {
              at: place(i, c),
              what: `the "${ch}{" in this string is not closed on its line: expected "}"`,
            }
          c = close
        }
      } else if (ch === '"') open = c
      else if (ch === '[' || ch === '{' || ch === '(') brackets.push({ bracket: ch, at: place(i, c) })
      else if (ch === ']' || ch === '}' || ch === ')') {
        const last = brackets.pop()
        // A closing bracket of another kind: the one open is the mistake (`[` … `}`).
        if (last && CLOSING[last.bracket] !== ch)
          return notClosed(last, ` before the "${ch}" on line ${place(i, c).line}`)
      } else if (ch === '/' && line.charAt(c + 1) === '*') {
        comment = true
        c++
      } else if (ch === '#' || (ch === '/' && line.charAt(c + 1) === '/')) break
      else if (ch === '<' && line.startsWith('<<', c)) {
        heredoc = /^<<-?([A-Za-z_][\w-]*)/.exec(line.slice(c))?.[1]
        if (heredoc) break
      }
    }
    if (open < 0) continue
    return { at: place(i, open), what: QUOTE_LEFT_OPEN }
  }
  const last = brackets.pop()
  return last && notClosed(last)
}

function quoteText(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text
  return JSON.stringify(short)
}

/** tree-sitter's concrete tree to our expressions. */
class Converter {
  body(node: TsNode, depth: number): { attributes: Map<string, Attribute>; blocks: Block[] } {
    const attributes = new Map<string, Attribute>()
    const blocks: Block[] = []
    for (const child of node.namedChildren) {
      if (!child) continue
      if (child.type === 'attribute') {
        const name = child.namedChildren[0]?.text ?? ''
        const exprNode = child.namedChildren[1]
        if (exprNode) attributes.set(name, { name, expr: this.expr(exprNode, depth + 1), at: atOf(child) })
      } else if (child.type === 'block') {
        blocks.push(this.block(child, depth + 1))
      }
    }
    return { attributes, blocks }
  }

  block(node: TsNode, depth: number): Block {
    if (depth > MAX_DEPTH) throw new TooDeep(atOf(node))
    const children = node.namedChildren.filter((c): c is TsNode => c !== null)
    const type = children[0]?.text ?? ''
    const labels = children
      .slice(1)
      .filter((c) => c.type === 'string_lit' || c.type === 'identifier')
      .map((c) => (c.type === 'identifier' ? c.text : literalText(c)))
    const bodyNode = children.find((c) => c.type === 'body')
    const body = bodyNode ? this.body(bodyNode, depth) : { attributes: new Map(), blocks: [] }
    return { type, labels, ...body, at: atOf(node) }
  }

  /**
   * `test ? then : otherwise`, grouped as HCL groups it. The grammar groups a chain to the left, reading
   * `a ? b : c ? d : e` as `(a ? b : c) ? d : e`; HCL reads the false result as a whole expression
   * (hclsyntax's parseTernaryConditional), so a chain groups to the right: `a ? b : (c ? d : e)`. A
   * condition that is itself a conditional without parentheses is such a chain, regrouped here:
   * `(p ? q : r) ? then : otherwise` is `p ? q : (r ? then : otherwise)`.
   */
  private conditional(
    test: TsNode,
    result: TsNode,
    otherwise: { readonly expr: Expr; readonly text: string },
    at: At,
    text: string,
    depth: number,
  ): Expr {
    if (depth > MAX_DEPTH) throw new TooDeep(atOf(test))
    const chained = test.namedChildren.length === 1 ? test.namedChildren[0] : null
    if (chained?.type !== 'conditional') {
      const [condition, then] = [this.expr(test, depth + 1), this.expr(result, depth + 1)]
      return { kind: 'conditional', test: condition, then, otherwise: otherwise.expr, at, text }
    }
    const [p, q, r] = chained.namedChildren
    if (!p || !q || !r) return unsupported(chained, 'a conditional')
    const restText = `${r.text} ? ${result.text} : ${otherwise.text}`
    const rest = this.conditional(r, result, otherwise, atOf(r), restText, depth + 1)
    return this.conditional(p, q, { expr: rest, text: restText }, at, text, depth + 1)
  }

  expr(node: TsNode, depth: number): Expr {
    if (depth > MAX_DEPTH) throw new TooDeep(atOf(node))
    const at = atOf(node)
    const children = node.namedChildren.filter((c): c is TsNode => c !== null)
    switch (node.type) {
      case 'expression': {
        const [head, ...rest] = children
        if (!head) return unsupported(node, 'an empty expression')
        if (rest.length === 0) return this.expr(head, depth + 1)
        return this.stepsOn(node, head, rest, depth)
      }
      case 'variable_expr':
        return { kind: 'traversal', root: node.text, steps: [], at, text: node.text }
      case 'literal_value':
        return this.literal(children[0], node)
      case 'template_expr':
        return this.template(children[0] ?? node, depth)
      case 'collection_value':
        return this.expr(children[0] ?? node, depth + 1)
      case 'tuple':
        return {
          kind: 'tuple',
          items: children.filter((c) => c.type === 'expression').map((c) => this.expr(c, depth + 1)),
          at,
        }
      case 'object': {
        const elems = children.filter((c) => c.type === 'object_elem')
        // Attributes on lines of their own are apart; on one line, a comma must stand between them.
        let text: string | undefined
        for (let i = 1; i < elems.length; i++) {
          const [before, elem] = [elems[i - 1] as TsNode, elems[i] as TsNode]
          if (elem.startPosition.row > before.endPosition.row) continue
          text ??= node.text
          const between = text.slice(before.endIndex - node.startIndex, elem.startIndex - node.startIndex)
          if (!between.includes(',')) throw new MissingSeparator(atOf(elem))
        }
        return {
          kind: 'object',
          entries: elems.map((elem) => {
            const key = elem.childForFieldName('key')
            const value = elem.childForFieldName('val')
            return {
              key: key ? this.objectKey(key, depth + 1) : unsupported(elem, 'a key'),
              value: value ? this.expr(value, depth + 1) : unsupported(elem, 'a value'),
            }
          }),
          at,
        }
      }
      case 'function_call': {
        const name = children[0]?.text ?? ''
        const argsNode = children.find((c) => c.type === 'function_arguments')
        const args = (argsNode?.namedChildren ?? [])
          .filter((c): c is TsNode => c?.type === 'expression')
          .map((c) => this.expr(c, depth + 1))
        // `f(xs...)`: tree-sitter-hcl's `...` is an `ellipsis` among the arguments.
        const expandsLast = argsNode?.namedChildren.some((c) => c?.type === 'ellipsis')
        if (expandsLast && args.length === 0) return unsupported(node, `${name}(...) with nothing to expand`)
        return {
          kind: 'call',
          name,
          args,
          ...(expandsLast && { expandsLast: true as const }),
          at,
          text: node.text,
        }
      }
      case 'conditional': {
        const [test, then, otherwise] = children
        if (!test || !then || !otherwise) return unsupported(node, 'a conditional')
        const falseResult = { expr: this.expr(otherwise, depth + 1), text: otherwise.text }
        return this.conditional(test, then, falseResult, at, node.text, depth)
      }
      case 'for_expr':
        return this.forExpr(children[0] ?? node, depth)
      case 'operation':
        return this.operation(children[0] ?? node, depth)
      default:
        return unsupported(node, node.type.replace(/_/g, ' '))
    }
  }

  private forExpr(node: TsNode, depth: number): Expr {
    const intro = node.namedChildren.find((c) => c?.type === 'for_intro')
    const names = (intro?.namedChildren ?? [])
      .filter((c): c is TsNode => c?.type === 'identifier')
      .map((c) => c.text)
    const collectionNode = intro?.namedChildren.find((c) => c?.type === 'expression')
    const exprs = node.namedChildren.filter((c): c is TsNode => c?.type === 'expression')
    const conditionNode = node.namedChildren
      .find((c) => c?.type === 'for_cond')
      ?.namedChildren.find((c) => c?.type === 'expression')
    const object = node.type === 'for_object_expr'
    const [first, second] = exprs
    const valueNode = object ? second : first
    if (!collectionNode || !valueNode || names.length === 0 || (object && !first))
      return unsupported(node, 'a for expression')
    return {
      kind: 'for',
      keyName: names.length === 2 ? names[0] : undefined,
      valueName: names[names.length - 1] as string,
      collection: this.expr(collectionNode, depth + 1),
      key: object && first ? this.expr(first, depth + 1) : undefined,
      value: this.expr(valueNode, depth + 1),
      condition: conditionNode ? this.expr(conditionNode, depth + 1) : undefined,
      group: object && node.children.some((c) => c?.type === 'ellipsis' || c?.text === '...'),
      at: atOf(node),
      text: node.text,
    }
  }

  /** Operands are terms, each a variable followed by its attribute and index steps, or anything else. */
  private operation(node: TsNode, depth: number): Expr {
    const operator =
      node.children.find((c) => c !== null && !c.isNamed && c.text !== '(' && c.text !== ')')?.text ?? ''
    const operands: TsNode[][] = []
    for (const child of node.namedChildren) {
      if (!child) continue
      const last = operands[operands.length - 1]
      // A step follows the term it is taken of (`var.a.b`, `length(x)[0]`, `values(m)[*].id`).
      if (last && ['get_attr', 'index', 'splat'].includes(child.type)) last.push(child)
      else operands.push([child])
    }
    const term = (parts: TsNode[]): Expr => {
      const [head, ...rest] = parts
      if (!head) return unsupported(node, 'an operand')
      if (rest.length === 0) return this.expr(head, depth + 1)
      // The term's own place and text (`var.a.b` of `var.a.b != null`), not the operation's.
      const end = (rest[rest.length - 1] as TsNode).endIndex
      const span = {
        at: { ...atOf(head), end },
        text: node.text.slice(head.startIndex - node.startIndex, end - node.startIndex),
      }
      return this.stepsOn(node, head, rest, depth, span)
    }
    const right = operands[operands.length - 1]
    if (!right || operator === '') return unsupported(node, 'an operation')
    const left = operands.length > 1 ? operands[0] : undefined
    return {
      kind: 'operation',
      operator,
      left: left && term(left),
      right: term(right),
      at: atOf(node),
      text: node.text,
    }
  }

  /** `a = …` is the key "a"; `(var.k) = …` is an expression. */
  private objectKey(node: TsNode, depth: number): Expr {
    const inner = node.namedChildren[0]
    if (node.namedChildren.length === 1 && inner?.type === 'variable_expr')
      return { kind: 'literal', value: inner.text, at: atOf(inner) }
    return this.expr(node, depth)
  }

  /** `head` and the steps after it: a name's (a traversal), or any value's (`split(",", x)[0]`). */
  private stepsOn(
    node: TsNode,
    head: TsNode,
    rest: readonly TsNode[],
    depth: number,
    span = { at: atOf(node), text: node.text },
  ): Expr {
    const steps = this.steps(node, rest, depth)
    if (!Array.isArray(steps)) return steps
    const { at, text } = span
    if (head.type === 'variable_expr') return { kind: 'traversal', root: head.text, steps, at, text }
    return { kind: 'steps', base: this.expr(head, depth + 1), steps, at, text }
  }

  /** The attribute, index and splat steps `rest` writes after the value `node` starts with. */
  private steps(node: TsNode, rest: readonly TsNode[], depth: number): Step[] | Expr {
    const steps: Step[] = []
    // An attribute, or an index: `x["id"]` is `x.id`, as HCL reads an object either way.
    const step = (part: TsNode): Step | undefined => {
      if (part.type === 'get_attr') return { kind: 'attr', name: part.namedChildren[0]?.text ?? '' }
      if (part.type !== 'index') return undefined
      const inner = part.namedChildren[0]
      if (inner?.type === 'legacy_index')
        return {
          kind: 'index',
          key: { kind: 'literal', value: Number(inner.text.slice(1)), at: atOf(inner) },
        }
      const keyNode = inner?.namedChildren.find((c) => c?.type === 'expression')
      if (!keyNode) return undefined
      const key = this.expr(keyNode, depth + 1)
      const name = plainText(key)
      return name !== undefined ? { kind: 'attr', name } : { kind: 'index', key }
    }
    for (const part of rest) {
      if (part.type === 'splat') {
        steps.push({ kind: 'splat' })
        // `[*].id`, `[*]["id"]`, `.*.id`: what follows the splat is done to each item.
        for (const child of part.namedChildren[0]?.namedChildren ?? []) {
          const after = child && step(child)
          if (!after) return unsupported(node, 'a step after a splat')
          steps.push(after)
        }
        continue
      }
      const next = step(part)
      if (!next) return unsupported(node, part.type === 'index' ? 'an index' : part.type.replace(/_/g, ' '))
      steps.push(next)
    }
    return steps
  }

  private literal(node: TsNode | undefined, parent: TsNode): Expr {
    const at = atOf(parent)
    switch (node?.type) {
      case 'numeric_lit':
        return { kind: 'literal', value: Number(node.text), at }
      case 'bool_lit':
        return { kind: 'literal', value: node.text === 'true', at }
      case 'null_lit':
        return { kind: 'literal', value: null, at }
      case 'string_lit':
        return { kind: 'literal', value: literalText(node), at }
      default:
        return unsupported(parent, 'a literal')
    }
  }

  /**
   * A quoted or heredoc template: its literal text is read from the source between the interpolations and
   * directives (the grammar's literal nodes leave out whitespace next to them), `~` strip markers applied,
   * and `%{ if }` / `%{ for }` nested as they are written.
   */
  private template(node: TsNode, depth: number): Expr {
    const at = atOf(node)
    const heredoc = node.type === 'heredoc_template'
    const source = node.text
    const base = node.startIndex
    const tokens = node.children.filter((c): c is TsNode => c !== null)
    let from: number
    let to: number
    if (heredoc) {
      // From the line after `<<EOF` to the start of the line that closes it (its last newline included).
      const [open, close] = tokens.filter((c) => c.type === 'heredoc_identifier')
      if (!open || !close) return unsupported(node, 'a heredoc')
      from = source.indexOf('\n', open.endIndex - base) + 1
      to = source.lastIndexOf('\n', close.startIndex - base - 1) + 1
      if (from <= 0 || to < from) return unsupported(node, 'a heredoc')
    } else {
      const open = tokens.find((c) => c.type === 'quoted_template_start')
      const close = tokens.findLast((c) => c.type === 'quoted_template_end')
      if (!open || !close) return unsupported(node, 'a template')
      from = open.endIndex - base
      to = close.startIndex - base
    }
    const marks: TsNode[] = []
    if (!collectMarks(node, marks, depth)) throw new TooDeep(at)

    // Lines are counted as the text is read, front to back.
    let counted = 0
    let line = at.line
    const lineAt = (offset: number) => {
      for (let i = source.indexOf('\n', counted); i >= 0 && i < offset; i = source.indexOf('\n', i + 1))
        line++
      counted = Math.max(counted, offset)
      return line
    }
    const root: TemplatePart[] = []
    const open: { parent: TemplatePart[]; directive: TemplateIf | TemplateFor }[] = []
    let target = root
    let position = from
    let stripFront = false
    let directives = false
    const literal = (end: number, stripBack: boolean) => {
      let start = position
      let raw = source.slice(start, end)
      if (stripFront) {
        const rest = raw.replace(/^\s+/, '')
        start += raw.length - rest.length
        raw = rest
      }
      // trimEnd(), not /\s+$/: the RegExp is tried from each blank of a long run, quadratic in it.
      if (stripBack) raw = raw.trimEnd()
      if (raw !== '') {
        const newline = source.lastIndexOf('\n', start - 1)
        target.push({
          kind: 'text',
          text: heredoc ? unescapeHeredoc(raw) : unescapeQuoted(raw),
          line: lineAt(start),
          column: newline < 0 ? at.column + start : start - newline,
        })
      }
    }
    /** A directive opened: its parts go to `body` until it ends. */
    const enter = (directive: TemplateIf | TemplateFor, body: readonly TemplatePart[]) => {
      target.push(directive)
      open.push({ parent: target, directive })
      return body as TemplatePart[]
    }
    for (const mark of marks) {
      const kids = mark.children
      literal(mark.startIndex - base, kids[1]?.type === 'strip_marker')
      position = mark.endIndex - base
      stripFront = kids.length > 2 && kids[kids.length - 2]?.type === 'strip_marker'
      const inner = mark.namedChildren.find((c) => c?.type === 'expression')
      const expr = () => (inner ? this.expr(inner, depth + 1) : unsupported(mark, 'an interpolation'))
      switch (mark.type) {
        case 'template_interpolation':
          target.push(expr())
          break
        case 'template_for_start': {
          const names = mark.namedChildren.filter((c) => c?.type === 'identifier').map((c) => c?.text ?? '')
          const directive: TemplateFor = {
            kind: 'template-for',
            keyName: names.length > 1 ? names[0] : undefined,
            valueName: names[names.length - 1] ?? '',
            collection: expr(),
            body: [],
            at: atOf(mark),
          }
          target = enter(directive, directive.body)
          break
        }
        case 'template_if_intro': {
          const directive: TemplateIf = {
            kind: 'template-if',
            test: expr(),
            ifTrue: [],
            ifFalse: [],
            at: atOf(mark),
          }
          target = enter(directive, directive.ifTrue)
          break
        }
        case 'template_else_intro': {
          const top = open[open.length - 1]?.directive
          if (top?.kind !== 'template-if') return unsupported(node, 'a template directive')
          target = top.ifFalse as TemplatePart[]
          break
        }
        default: {
          // %{ endfor } and %{ endif }
          const top = open.pop()
          if (!top) return unsupported(node, 'a template directive')
          target = top.parent
        }
      }
      directives ||= mark.type !== 'template_interpolation'
    }
    literal(to, false)
    if (open.length > 0) return unsupported(node, 'a template directive')
    // `"${aws_iam_role.app.name}"` (the syntax of Terraform before 0.12, and of its JSON syntax) is that
    // expression itself, as HCL defines it: read as one, it links the resources it names as a bare
    // reference does.
    const only = heredoc ? undefined : soleInterpolation(root)
    if (only) return only
    // A `<<-` heredoc strips the indentation its lines have in common: JSON does not mind, and its lines
    // stay where they are, so its text is kept as written.
    return { kind: 'template', parts: root, at, contentLine: at.line + (heredoc ? 1 : 0), directives }
  }
}

/** Whether a template part is an interpolation (an expression), not text or a directive. */
export function isInterpolation(part: TemplatePart): part is Expr {
  return part.kind !== 'text' && part.kind !== 'template-if' && part.kind !== 'template-for'
}

/** The expression of a template that is one interpolation and nothing else (`"${var.name}"`). */
export function soleInterpolation(parts: readonly TemplatePart[]): Expr | undefined {
  const [only] = parts
  return parts.length === 1 && only && isInterpolation(only) ? only : undefined
}

/**
 * The interpolations and directive markers (`%{ for … }`, `%{ else }`, `%{ endif }`, …) of a template, in
 * the order they are written; false when they nest deeper than the parser reads.
 */
function collectMarks(node: TsNode, marks: TsNode[], depth: number): boolean {
  if (depth > MAX_DEPTH) return false
  for (const child of node.namedChildren) {
    if (!child) continue
    switch (child.type) {
      case 'template_interpolation':
      case 'template_for_start':
      case 'template_for_end':
      case 'template_if_intro':
      case 'template_else_intro':
      case 'template_if_end':
        marks.push(child)
        break
      case 'template_directive':
      case 'template_for':
      case 'template_if':
        if (!collectMarks(child, marks, depth + 1)) return false
    }
  }
  return true
}

function unsupported(node: TsNode, what: string): Expr {
  return { kind: 'unsupported', what, at: atOf(node), text: node.text }
}

/**
 * The value of a quoted string literal node (`"a\"b"`): its source text between the quotes, as the
 * grammar's literal nodes leave out the whitespace at either end.
 */
function literalText(node: TsNode): string {
  return unescapeQuoted(node.text.slice(1, -1))
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' }

function unescapeQuoted(raw: string): string {
  return raw
    .replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (whole, c: string) => {
      if (c.length > 1) return String.fromCodePoint(Number.parseInt(c.slice(1), 16))
      return ESCAPES[c] ?? whole
    })
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{')
}

function unescapeHeredoc(raw: string): string {
  return raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')
}
