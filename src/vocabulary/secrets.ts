// Texts a run must never write out: what a Terraform plan marks sensitive (a secret the workflow passes
// as TF_VAR_…, a value read from Secrets Manager) and that a policy, a message or a suggestion may
// quote. Each is masked in the log as GitHub masks a secret (`::add-mask::`, which the runner applies to
// every later line, annotations too), and replaced by *** in what the runner does not mask: the pull
// request comment, the job summary, the JSON report and the SARIF file.

/**
 * Shorter texts are not masked: a sensitive `"dev"` or `"true"` would blank every word and path that
 * holds it, which is not a secret a person can keep anyway.
 */
export const MIN_SECRET_LENGTH = 4

/** What stands for a secret, as GitHub writes it in a masked log. */
const MASK = '***'

/**
 * Fields that hold a repository's file paths: kept as they are, or annotations and links would point at
 * no file. The repository holds those paths; a plan's sensitive value does not make them secret.
 */
const PATH_KEYS: ReadonlySet<string> = new Set(['file', 'files', 'policyFile'])

export class Secrets {
  /** The texts given, each once. */
  private readonly values = new Set<string>()
  /** What is looked for: each text given, and as JSON writes it. */
  private readonly known = new Set<string>()
  /**
   * By the first MIN_SECRET_LENGTH characters of each secret, the lengths of those that start so,
   * longest first: at each place of a text, one lookup, then one per length (a plan's twenty thousand
   * generated passwords have one).
   */
  private readonly lengthsByStart = new Map<string, number[]>()

  /** `mask`: how a new secret is masked in the log (core.setSecret); none outside a workflow. */
  constructor(private readonly mask?: (secret: string) => void) {}

  /** How many texts are kept secret. */
  get size(): number {
    return this.values.size
  }

  /**
   * Keeps each text secret from now on: masked in the log at once, replaced in what is written later.
   * As JSON writes it too, where that differs (a quote, a backslash, a line break): a message quotes a
   * Condition as JSON.
   */
  add(texts: Iterable<string>): void {
    for (const given of texts) {
      if (given.length < MIN_SECRET_LENGTH || this.values.has(given)) continue
      this.values.add(given)
      const escaped = JSON.stringify(given).slice(1, -1)
      this.keep(given)
      if (escaped !== given) this.keep(escaped)
    }
  }

  private keep(text: string): void {
    if (text.length < MIN_SECRET_LENGTH || this.known.has(text)) return
    this.known.add(text)
    const start = text.slice(0, MIN_SECRET_LENGTH)
    const lengths = this.lengthsByStart.get(start)
    if (!lengths) this.lengthsByStart.set(start, [text.length])
    else if (!lengths.includes(text.length)) {
      const at = lengths.findIndex((length) => length < text.length)
      lengths.splice(at < 0 ? lengths.length : at, 0, text.length)
    }
    // One line each: the runner matches a mask within one line.
    for (const line of text.split(/\r?\n/)) if (line.length >= MIN_SECRET_LENGTH) this.mask?.(line)
  }

  /** `text` with every secret in it replaced by ***, the longest where two start at the same place. */
  redact(text: string): string {
    if (this.known.size === 0 || text.length < MIN_SECRET_LENGTH) return text
    let out = ''
    let last = 0
    for (let i = 0; i <= text.length - MIN_SECRET_LENGTH; ) {
      const lengths = this.lengthsByStart.get(text.slice(i, i + MIN_SECRET_LENGTH))
      const hit = lengths?.find(
        (length) => i + length <= text.length && this.known.has(text.slice(i, i + length)),
      )
      if (hit === undefined) {
        i++
        continue
      }
      out += text.slice(last, i) + MASK
      i += hit
      last = i
    }
    return last === 0 ? text : out + text.slice(last)
  }

  /**
   * A copy of `value` (a report, a list of problems: JSON-like data) with every string redacted but the
   * repository's file paths (PATH_KEYS); `value` itself when nothing is secret.
   */
  redactDeep<T>(value: T): T {
    if (this.known.size === 0) return value
    const walk = (v: unknown, key: string | undefined): unknown => {
      if (typeof v === 'string') return key !== undefined && PATH_KEYS.has(key) ? v : this.redact(v)
      if (Array.isArray(v)) return v.map((item) => walk(item, key))
      if (typeof v !== 'object' || v === null) return v
      const out: Record<string, unknown> = {}
      for (const [k, item] of Object.entries(v)) out[k] = walk(item, k)
      return out
    }
    return walk(value, undefined) as T
  }
}
