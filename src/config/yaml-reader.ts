import { isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml'
import { type Position, type Problem, quote } from '../vocabulary/problems.js'
import { suggestName } from '../vocabulary/suggest-name.js'

/** A YAML node with the dotted path that names it in messages (`principals[1].arn`). */
export interface Field {
  readonly node: Node | null
  readonly path: string
}

/**
 * Typed reads over a parsed YAML document that record a positioned problem instead of throwing, so one
 * pass reports every mistake in the file.
 */
export class YamlReader {
  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
    readonly problems: Problem[],
    /** What to say of an unknown key beyond a near spelling: where it belongs, if anywhere. */
    private readonly keyHint: (key: string, path: string) => string | undefined = () => undefined,
  ) {}

  /** The 1-based line and column where `node` starts. */
  positionOf(node: Node | Pair | null): Position {
    const range = isPair(node) ? (node.key as Node | null)?.range : node?.range
    // A node with no text (an empty file, a key with no value where there is no key) is at line 1.
    if (!range) return { file: this.file, line: 1, column: 1 }
    const { line, col } = this.lines.linePos(range[0])
    return { file: this.file, line, column: col }
  }

  report(field: Field | Pair, message: string): void {
    const node = 'path' in field ? field.node : field
    this.problems.push({ ...this.positionOf(node), message })
  }

  /**
   * The entries of a mapping, keyed by name. Keys outside `allowed` are problems, with the nearest
   * allowed key suggested when it is close enough to be a typo.
   */
  map(field: Field, allowed: readonly string[]): Map<string, Field> | undefined {
    if (!isMap(field.node)) {
      const what = field.path || (field.node ? 'the file' : 'the file is empty')
      const value =
        isScalar(field.node) && typeof field.node.value === 'string' ? field.node.value : undefined
      const key = value === undefined ? undefined : keyFor(allowed, value)
      // A bare value where an entry goes (`- infra`, `- arn:aws:iam::…`): the entry it likely meant.
      const item = field.path.endsWith(']')
      const hint = key
        ? `; to give this value, write ${quote(`${item ? '- ' : ''}${key}: ${value}`)}${item ? '' : ` under ${field.path}:`}`
        : ''
      this.report(field, `${what}: expected a mapping of ${allowed.join(', ')}${hint}`)
      return undefined
    }
    const entries = new Map<string, Field>()
    for (const pair of field.node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
      const path = field.path ? `${field.path}.${key}` : key
      if (!allowed.includes(key)) {
        const nearest = pluralOf(key, allowed) ?? suggestName(key, allowed)
        // A key that is one elsewhere (account: at the top, meant for a terraform: entry) is more likely
        // misplaced than a misspelling of a key here, which is still named.
        const elsewhere = this.keyHint(key, field.path)
        const value = isScalar(pair.value) ? pair.value.value : undefined
        const hint = elsewhere
          ? `; ${elsewhere}${nearest ? `, or did you mean '${nearest}'?` : ''}`
          : nearest
            ? `; did you mean '${nearest}'?`
            : allowed.includes('arn') && typeof value === 'string' && value.startsWith('arn:')
              ? '; its value is an ARN: the key is arn'
              : ''
        this.report(pair, `${path}: unknown key${hint} (expected one of ${allowed.join(', ')})`)
        continue
      }
      entries.set(key, { node: (pair.value as Node | null) ?? null, path })
    }
    return entries
  }

  /** The items of a sequence; a single scalar is accepted as a list of one when `acceptOne`. */
  list(field: Field, what: string, acceptOne = false): Field[] | undefined {
    if (isSeq(field.node)) {
      return field.node.items.map((item, i) => ({ node: item as Node | null, path: `${field.path}[${i}]` }))
    }
    if (acceptOne && isScalar(field.node)) return [field]
    this.report(field, `${field.path}: ${describe(field.node)} is not valid; expected a list of ${what}`)
    return undefined
  }

  /** A non-empty string that passes `check` (when given); `expected` says what it should look like. */
  string(field: Field, expected: string, check?: (value: string) => boolean): string | undefined {
    const value = isScalar(field.node) ? field.node.value : undefined
    if (typeof value !== 'string' || value.trim() === '') {
      this.report(field, `${field.path}: ${describe(field.node)} is not valid; expected ${expected}`)
      return undefined
    }
    if (check && !check(value)) {
      this.report(field, `${field.path}: ${quote(value)} is not valid; expected ${expected}`)
      return undefined
    }
    return value
  }

  boolean(field: Field): boolean | undefined {
    const value = isScalar(field.node) ? field.node.value : undefined
    if (typeof value === 'boolean') return value
    this.report(field, `${field.path}: ${describe(field.node)} is not valid; expected true or false`)
    return undefined
  }

  integer(field: Field, min: number, max: number, why = ''): number | undefined {
    const value = isScalar(field.node) ? field.node.value : undefined
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value
    this.report(
      field,
      `${field.path}: ${describe(field.node)} is not valid; expected a whole number from ${min} to ${max}${why}`,
    )
    return undefined
  }
}

/** How a node reads in a message: its value quoted, or what kind of thing it is. */
function describe(node: Node | null): string {
  if (node === null) return 'an empty value'
  // `- !iam/legacy/**` unquoted: YAML reads a value that starts with "!" as a tag, of an empty value.
  if (isScalar(node) && node.tag?.startsWith('!') && !node.tag.startsWith('!!') && node.value === '')
    return `${node.tag} (YAML reads a value that starts with "!" as a tag: quote it, ${quote(node.tag)})`
  if (isScalar(node)) return node.value === null ? 'an empty value' : quote(node.value)
  if (isMap(node)) return 'a mapping'
  if (isSeq(node)) return 'a list'
  // `policies: *.json` unquoted: YAML reads a value that starts with "*" as an alias of an anchor.
  if (isAlias(node))
    return `*${node.source} (YAML reads a value that starts with "*" as an alias: quote it, ${quote(`*${node.source}`)})`
  return 'this value'
}

/** The allowed key that is `key` in the singular or the plural (`policy` → `policies`). */
function pluralOf(key: string, allowed: readonly string[]): string | undefined {
  const lower = key.toLowerCase()
  const forms = [
    `${lower}s`,
    `${lower}es`,
    lower.replace(/y$/, 'ies'),
    lower.replace(/ies$/, 'y'),
    lower.replace(/e?s$/, ''),
  ]
  return allowed.find((a) => a !== lower && forms.includes(a.toLowerCase()))
}

/** The key of `allowed` a bare value most likely belongs to, by its shape; undefined when none fits. */
function keyFor(allowed: readonly string[], value: string): string | undefined {
  const has = (key: string) => allowed.includes(key)
  if (has('trail-arn') && /^arn:[^:]+:cloudtrail:/.test(value)) return 'trail-arn'
  if (has('arn') && value.startsWith('arn:')) return 'arn'
  if (has('action') && /^[\w-]+:[\w*?]+$/.test(value)) return 'action'
  if (has('plan') && /\.json$/i.test(value)) return 'plan'
  if (has('root')) return 'root'
  if (has('cdk-out') && /(?:^|\/)cdk\.out\/?$/.test(value)) return 'cdk-out'
  if (has('template')) return 'template'
  return undefined
}
