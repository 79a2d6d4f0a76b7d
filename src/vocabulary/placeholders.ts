// `${…}` in what a pull request writes (CloudFormation's Fn::Sub variables, IAM policy variables, the
// placeholders of values known only when deployed), found by a walk, not a RegExp. /\$\{([^}]*)\}/g is
// tried from each `${`, and with no `}` after it reads on to the end from each: quadratic in a text of
// many `${` (60,000 of them in one Fn::Sub held a run for 4.3 s). V8's linear-time fallback
// (linear-regexp.ts) does not help: each start fails after a single pass, so nothing counts as
// backtracking too far.

/** A `${…}`: where it starts, where it ends (past its `}`), and what it holds. */
export interface Placeholder {
  readonly start: number
  readonly end: number
  readonly inner: string
}

/**
 * Each `${…}` of `text` — a `${` and the first `}` after it — in order and not overlapping: what
 * /\$\{([^}]*)\}/g matches, in time linear in the text.
 */
export function placeholdersOf(text: string): Placeholder[] {
  const found: Placeholder[] = []
  let from = 0
  for (let start = text.indexOf('${'); start >= 0; start = text.indexOf('${', from)) {
    const close = text.indexOf('}', start + 2)
    // No `}` after this `${`: none after a later one either.
    if (close < 0) break
    found.push({ start, end: close + 1, inner: text.slice(start + 2, close) })
    from = close + 1
  }
  return found
}

/** `text.replace(/\$\{([^}]*)\}/g, replace)`, in time linear in the text. */
export function replacePlaceholders(text: string, replace: (whole: string, inner: string) => string): string {
  let out = ''
  let last = 0
  for (const p of placeholdersOf(text)) {
    out += text.slice(last, p.start) + replace(text.slice(p.start, p.end), p.inner)
    last = p.end
  }
  return last === 0 ? text : out + text.slice(last)
}

/**
 * Every `${` of `text`, each with the first `}` after it, in order — also a `${` inside another's
 * `${…}`, where a RegExp that fails from one start tries the next. Ends where no `}` follows. Linear
 * only if what the caller reads of each stops at the next `${`.
 */
export function* openings(text: string): Generator<{ readonly start: number; readonly close: number }> {
  let close = -1
  for (let start = text.indexOf('${'); start >= 0; start = text.indexOf('${', start + 1)) {
    // The same `}` serves every `${` before it: found once, not once per `${`.
    if (close < start + 2) close = text.indexOf('}', start + 2)
    if (close < 0) return
    yield { start, close }
  }
}
