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
      readonly parts: readonly (string | Expr)[]
      readonly at: At
      /** For a heredoc, the line its content starts on: a JSON document in it has its lines from there. */
      readonly contentLine: number
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
      readonly kind: 'call'
      readonly name: string
      readonly args: readonly Expr[]
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
const MAX_DEPTH = 200

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
    return parser
  })()
  return parserPromise
}

interface Parsed {
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
      const at = atOf(error)
      const what = error.isMissing ? `expected ${error.type}` : `unexpected ${quoteText(error.text)}`
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
    if (error instanceof TooDeep) {
      return {
        blocks: [],
        attributes: none,
        problems: [
          {
            file,
            line: error.at.line,
            column: error.at.column,
            message: `nested more than ${MAX_DEPTH} levels deep; not read`,
          },
        ],
      }
    }
    throw error
  } finally {
    tree.delete()
  }
}

class TooDeep extends Error {
  constructor(readonly at: At) {
    super('too deep')
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

  expr(node: TsNode, depth: number): Expr {
    if (depth > MAX_DEPTH) throw new TooDeep(atOf(node))
    const at = atOf(node)
    const children = node.namedChildren.filter((c): c is TsNode => c !== null)
    switch (node.type) {
      case 'expression': {
        const [head, ...rest] = children
        if (!head) return unsupported(node, 'an empty expression')
        if (rest.length === 0) return this.expr(head, depth + 1)
        if (head.type !== 'variable_expr') return unsupported(node, 'an index or attribute of a value')
        return this.traversal(node, head.text, rest, depth)
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
      case 'object':
        return {
          kind: 'object',
          entries: children
            .filter((c) => c.type === 'object_elem')
            .map((elem) => {
              const key = elem.childForFieldName('key')
              const value = elem.childForFieldName('val')
              return {
                key: key ? this.objectKey(key, depth + 1) : unsupported(elem, 'a key'),
                value: value ? this.expr(value, depth + 1) : unsupported(elem, 'a value'),
              }
            }),
          at,
        }
      case 'function_call': {
        const name = children[0]?.text ?? ''
        const argsNode = children.find((c) => c.type === 'function_arguments')
        const args = (argsNode?.namedChildren ?? [])
          .filter((c): c is TsNode => c?.type === 'expression')
          .map((c) => this.expr(c, depth + 1))
        if (argsNode?.namedChildren.some((c) => c?.type === 'expand_final'))
          return unsupported(node, `${name}(…) with an expanded last argument`)
        return { kind: 'call', name, args, at, text: node.text }
      }
      case 'conditional': {
        const [test, then, otherwise] = children.map((c) => this.expr(c, depth + 1))
        if (!test || !then || !otherwise) return unsupported(node, 'a conditional')
        return { kind: 'conditional', test, then, otherwise, at, text: node.text }
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
      if (last && ['get_attr', 'index', 'splat'].includes(child.type) && last[0]?.type === 'variable_expr')
        last.push(child)
      else operands.push([child])
    }
    const term = (parts: TsNode[]): Expr => {
      const [head, ...rest] = parts
      if (!head) return unsupported(node, 'an operand')
      return rest.length === 0 ? this.expr(head, depth + 1) : this.traversal(node, head.text, rest, depth)
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

  private traversal(node: TsNode, root: string, rest: readonly TsNode[], depth: number): Expr {
    const steps: Step[] = []
    for (const part of rest) {
      if (part.type === 'get_attr') steps.push({ kind: 'attr', name: part.namedChildren[0]?.text ?? '' })
      else if (part.type === 'index') {
        const inner = part.namedChildren[0]
        if (inner?.type === 'legacy_index') {
          steps.push({
            kind: 'index',
            key: { kind: 'literal', value: Number(inner.text.slice(1)), at: atOf(inner) },
          })
          continue
        }
        const keyNode = inner?.namedChildren.find((c) => c?.type === 'expression')
        if (!keyNode) return unsupported(node, 'an index')
        steps.push({ kind: 'index', key: this.expr(keyNode, depth + 1) })
      } else if (part.type === 'splat') {
        steps.push({ kind: 'splat' })
        const inner = part.namedChildren[0]
        for (const attr of inner?.namedChildren ?? [])
          if (attr?.type === 'get_attr') steps.push({ kind: 'attr', name: attr.namedChildren[0]?.text ?? '' })
      } else return unsupported(node, part.type.replace(/_/g, ' '))
    }
    return { kind: 'traversal', root, steps, at: atOf(node), text: node.text }
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

  private template(node: TsNode, depth: number): Expr {
    const at = atOf(node)
    const heredoc = node.type === 'heredoc_template'
    const parts: (string | Expr)[] = []
    let contentLine = at.line + 1
    let first = true
    for (const child of node.namedChildren) {
      if (!child) continue
      if (child.type === 'template_literal') {
        if (first && heredoc) contentLine = child.startPosition.row + 1
        parts.push(heredoc ? unescapeHeredoc(child.text) : unescapeQuoted(child.text))
      } else if (child.type === 'template_interpolation') {
        const inner = child.namedChildren.find((c) => c?.type === 'expression')
        parts.push(inner ? this.expr(inner, depth + 1) : unsupported(child, 'an interpolation'))
      } else if (child.type === 'template_directive') {
        return unsupported(node, 'a template directive (%{ … })')
      } else continue
      first = false
    }
    // A `<<-` heredoc strips the indentation its lines have in common: JSON does not mind, and its lines
    // stay where they are, so its text is kept as written.
    return { kind: 'template', parts, at, contentLine }
  }
}

function unsupported(node: TsNode, what: string): Expr {
  return { kind: 'unsupported', what, at: atOf(node), text: node.text }
}

/** The value of a quoted string literal node (`"a\"b"`). */
function literalText(node: TsNode): string {
  return node.namedChildren
    .filter((c): c is TsNode => c?.type === 'template_literal')
    .map((c) => unescapeQuoted(c.text))
    .join('')
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
