// Globs of the config (`iam/**/*.json`, `stacks/{app,web}.yml`, `!envs/legacy`) matched against paths
// of the workspace, segment by segment, in time at most the pattern's length times the path's: a pull
// request may write both.
//
// Why not picomatch, which tinyglobby uses: it makes a RegExp of the glob, and V8's backtracking engine
// tries each way the stars could split a name. `iam/*a*a*a*b` against one file name of 250 characters
// took 1.3 s there, one star more did not end, and `**/a*/**/a*/**/a*/**/a*/b` took 1 s on a path 200
// directories deep; a glob of 3,000 braces made a RegExp too large to compile, and one of 80,000
// characters one it refused to make, both thrown out of the run. minimatch and the other glob libraries
// of npm make RegExps too. Here a segment is matched by the two-pointer wildcard algorithm (only the
// last star is ever retried) and `**` by a set of positions, as an automaton runs.

/** A wildcard in a segment: any run of characters but `/`. */
const STAR = -1
/** A segment that is `**`: any number of whole segments. */
const GLOBSTAR = 'globstar'

/** One character of a segment: a code unit, a `?`, or a class (`[a-z]`, `[!.]`). */
type Token = number | { readonly any: true } | CharClass
interface CharClass {
  readonly negated: boolean
  /** Pairs of code units, each an inclusive range. */
  readonly ranges: readonly number[]
}
type Segment = typeof GLOBSTAR | readonly Token[]

/** The longest glob taken: far past any path a repository holds. */
export const MAX_GLOB_LENGTH = 1024
/** The most alternatives its braces may spell out (`{a,b}/{c,d}` is four). */
const MAX_ALTERNATIVES = 256

const ANY: Token = { any: true }

/**
 * Directories a wildcard does not match and `**` does not pass through, though a glob that writes one
 * out enters it: git's own, and what a step before this one installs or builds beside the repository's
 * files. `npm ci` fills node_modules, `terraform init` .terraform (modules with policy files of their
 * own), a Python virtual environment .venv (botocore's thousand JSON models, in a CDK app), and `sam
 * build` copies every template into .aws-sam, so that `**` + `/template.yaml` found each function's role
 * twice, the copy's findings new on a pull request (git holds no .aws-sam to compare).
 */
const NOT_WILD: ReadonlySet<string> = new Set(['.git', '.aws-sam', '.terraform', '.venv', 'node_modules'])

export class Glob {
  private constructor(
    /** The leading segments without a wildcard, joined: where a walk for it starts ('' for the top). */
    readonly base: string,
    private readonly alternatives: readonly (readonly Segment[])[],
    private readonly dot: boolean,
    private readonly everyName: boolean,
  ) {}

  /**
   * `pattern` compiled, or why it cannot be: too long, or too many alternatives. `dot`: whether `*`,
   * `?` and `**` match names that start with a dot (a dot written in the glob always does).
   * `everyName`: whether they match the names of NOT_WILD too, as Terraform's fileset() does.
   */
  static compile(pattern: string, dot: boolean, everyName = false): Glob | string {
    if (pattern.length > MAX_GLOB_LENGTH)
      return `${pattern.length.toLocaleString('en-US')} characters long; expected a glob of at most ${MAX_GLOB_LENGTH.toLocaleString('en-US')}`
    const normal = normalise(pattern)
    const expanded = expandBraces(normal)
    if (expanded === undefined)
      return `its braces spell out more than ${MAX_ALTERNATIVES} alternatives; expected fewer, or a wildcard`
    const alternatives = expanded.map((text) => text.split('/').map(compileSegment))
    const base: string[] = []
    for (const segment of normal.split('/')) {
      if (/[*?[{\\]/.test(segment)) break
      base.push(segment)
    }
    // The last segment is what is matched, not where the walk starts, though it has no wildcard.
    if (base.length === normal.split('/').length) base.pop()
    return new Glob(base.join('/'), alternatives, dot, everyName)
  }

  /** Whether it has a wildcard, a class or braces: whether it may match more than one path. */
  get isGlob(): boolean {
    return this.alternatives.length > 1 || this.alternatives.some((a) => a.some((s) => !isLiteral(s)))
  }

  /** Whether a glob of its last segment only (`iam/app/*.json`): a listing of its base answers it. */
  get lastSegmentOnly(): boolean {
    const depth = this.base === '' ? 0 : this.base.split('/').length
    return this.alternatives.every(
      (a) => a.length === depth + 1 && a[depth] !== GLOBSTAR && a.slice(0, depth).every(isLiteral),
    )
  }

  /** Whether it matches `path` (relative, with `/`), whole. */
  matches(path: string): boolean {
    // The last name must match the last segment, unless that is `**`: tried first, it turns most paths
    // of a walk (`**/*.json` over every file) away without stepping through their directories.
    const last = path.slice(path.lastIndexOf('/') + 1)
    return this.alternatives.some((segments) => {
      const tail = segments[segments.length - 1]
      if (tail !== undefined && tail !== GLOBSTAR && !segmentMatches(tail, last, this.dot)) return false
      const end = this.run(segments, path.split('/'))
      return end !== undefined && end.includes(segments.length)
    })
  }

  /** Whether it matches `path` or a directory `path` lies beneath (`!iam/legacy` leaves out its files). */
  matchesOrContains(path: string): boolean {
    const names = path.split('/')
    return this.alternatives.some((segments) => {
      let states = closure(segments, [0])
      for (const name of names) {
        states = this.step(segments, states, name)
        if (states.length === 0) return false
        if (states.includes(segments.length)) return true
      }
      return false
    })
  }

  /** Whether a path beneath the directory `dir` could match: whether a walk goes into it. */
  mayMatchBeneath(dir: string): boolean {
    const names = dir === '' ? [] : dir.split('/')
    return this.alternatives.some((segments) => {
      const end = this.run(segments, names)
      return end?.some((i) => i < segments.length || segments[i - 1] === GLOBSTAR) ?? false
    })
  }

  /** The positions reached after `names`, or undefined when none is. */
  private run(segments: readonly Segment[], names: readonly string[]): number[] | undefined {
    let states = closure(segments, [0])
    for (const name of names) {
      states = this.step(segments, states, name)
      if (states.length === 0) return undefined
    }
    return states
  }

  private step(segments: readonly Segment[], states: readonly number[], name: string): number[] {
    const next: number[] = []
    const hidden = name.charCodeAt(0) === DOT
    const notWild = !this.everyName && NOT_WILD.has(name)
    for (const i of states) {
      const segment = segments[i]
      if (segment === undefined) continue
      if (segment === GLOBSTAR) {
        if ((!hidden || this.dot) && !notWild) next.push(i)
      } else if ((!notWild || isLiteral(segment)) && segmentMatches(segment, name, this.dot)) next.push(i + 1)
    }
    return closure(segments, next)
  }
}

/** Whether `pattern` is a glob (a wildcard, class or braces); a glob too long or wide to take is one. */
export function isGlob(pattern: string): boolean {
  if (!/[*?[{]/.test(pattern)) return false
  const glob = Glob.compile(pattern, true)
  return typeof glob === 'string' || glob.isGlob
}

/** Without `./` in front, `/` at the end, or runs of `/`. */
function normalise(pattern: string): string {
  let text = pattern
  while (text.startsWith('./')) text = text.slice(2)
  text = text.replace(/\/{2,}/g, '/')
  return text.length > 1 && text.endsWith('/') ? text.slice(0, -1) : text
}

/** The positions `states` reach without consuming a name: past each `**`, which may match none. */
function closure(segments: readonly Segment[], states: readonly number[]): number[] {
  const out: number[] = []
  for (let i of states) {
    for (;;) {
      if (!out.includes(i)) out.push(i)
      if (segments[i] !== GLOBSTAR) break
      i++
    }
  }
  return out
}

function isLiteral(segment: Segment): boolean {
  return segment !== GLOBSTAR && segment.every((t) => typeof t === 'number' && t !== STAR)
}

const DOT = 46
const BACKSLASH = 92

function compileSegment(text: string): Segment {
  if (text === '**') return GLOBSTAR
  const tokens: Token[] = []
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === BACKSLASH && i + 1 < text.length) tokens.push(text.charCodeAt(++i))
    else if (c === 42) {
      // A run of stars is one (`a**` inside a segment is `a*`).
      if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR)
    } else if (c === 63) tokens.push(ANY)
    else if (c === 91) {
      const parsed = charClass(text, i)
      if (parsed) {
        tokens.push(parsed.token)
        i = parsed.end
      } else tokens.push(c)
    } else tokens.push(c)
  }
  return tokens
}

/** The class that opens at `start` (`[`) and the index of its `]`; undefined when it is not closed. */
function charClass(text: string, start: number): { token: CharClass; end: number } | undefined {
  let i = start + 1
  const negated = text[i] === '!' || text[i] === '^'
  if (negated) i++
  const ranges: number[] = []
  // A `]` first is one of the class.
  for (let first = true; i < text.length; first = false) {
    let c = text.charCodeAt(i)
    if (c === 93 && !first) return { token: { negated, ranges }, end: i }
    if (c === BACKSLASH && i + 1 < text.length) c = text.charCodeAt(++i)
    if (text[i + 1] === '-' && i + 2 < text.length && text[i + 2] !== ']') {
      let to = text.charCodeAt(i + 2)
      if (to === BACKSLASH && i + 3 < text.length) to = text.charCodeAt(++i + 2)
      ranges.push(c, to)
      i += 3
    } else {
      ranges.push(c, c)
      i++
    }
  }
  return undefined
}

function tokenMatches(token: Token, c: number): boolean {
  if (typeof token === 'number') return token === c
  if ('any' in token) return true
  let inside = false
  for (let k = 0; k < token.ranges.length && !inside; k += 2)
    inside = c >= (token.ranges[k] as number) && c <= (token.ranges[k + 1] as number)
  return inside !== token.negated
}

/**
 * Whether the segment's tokens match `name` whole: the two-pointer algorithm, which on a mismatch
 * retries only from the last star, so that its time is at most the product of the two lengths. A name
 * that starts with a dot is matched by a wildcard only with `dot`.
 */
function segmentMatches(tokens: readonly Token[], name: string, dot: boolean): boolean {
  if (!dot && name.charCodeAt(0) === DOT && tokens[0] !== DOT) return false
  let t = 0
  let n = 0
  let star = -1
  let resume = 0
  while (n < name.length) {
    const token = tokens[t]
    if (token === STAR) {
      star = t++
      resume = n
    } else if (token !== undefined && tokenMatches(token, name.charCodeAt(n))) {
      t++
      n++
    } else if (star >= 0) {
      t = star + 1
      n = ++resume
    } else return false
  }
  while (tokens[t] === STAR) t++
  return t === tokens.length
}

/**
 * The texts `pattern`'s braces spell out (`{a,b}.json`: `a.json`, `b.json`), nested braces too; a
 * brace without a comma or a close is itself. Undefined past MAX_ALTERNATIVES.
 */
function expandBraces(pattern: string): string[] | undefined {
  const open = findBrace(pattern)
  if (!open) return [pattern]
  const { start, end, parts } = open
  const out: string[] = []
  const rests = expandBraces(pattern.slice(end + 1))
  if (!rests) return undefined
  for (const part of parts) {
    const inner = expandBraces(part)
    if (!inner) return undefined
    for (const a of inner)
      for (const rest of rests) {
        out.push(pattern.slice(0, start) + a + rest)
        if (out.length > MAX_ALTERNATIVES) return undefined
      }
  }
  return out
}

/** The first `{…,…}` of `text` at depth 0, with its parts split at its own commas. */
function findBrace(text: string): { start: number; end: number; parts: string[] } | undefined {
  for (let start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
    if (isEscaped(text, start)) continue
    let depth = 0
    let from = start + 1
    const parts: string[] = []
    for (let i = start + 1; i < text.length; i++) {
      const c = text[i]
      if (c === '\\') i++
      else if (c === '{') depth++
      else if (c === '}' && depth > 0) depth--
      else if (c === ',' && depth === 0) {
        parts.push(text.slice(from, i))
        from = i + 1
      } else if (c === '}') {
        if (parts.length === 0) break
        parts.push(text.slice(from, i))
        return { start, end: i, parts }
      }
    }
  }
  return undefined
}

function isEscaped(text: string, at: number): boolean {
  let slashes = 0
  for (let i = at - 1; i >= 0 && text[i] === '\\'; i--) slashes++
  return slashes % 2 === 1
}
