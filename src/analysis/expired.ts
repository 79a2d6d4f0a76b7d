// Temporary access that has run out: a statement whose Condition holds only before a time now past
// (`DateLessThan: {"aws:CurrentTime": "2024-06-30T00:00:00Z"}`) applies to no request any more, and
// grants nothing, whatever its actions are.

import type { Statement } from '../vocabulary/policy.js'

/** What makes a statement expired: the operator, the key and the latest time it allows. */
export interface Expiry {
  readonly operator: string
  readonly key: string
  readonly until: string
}

/**
 * The condition that no request made at `now` or later meets, if the statement has one. The keys are
 * the request's time (`aws:CurrentTime`, `aws:EpochTime` — a date or a number — always present) and the session's issue time
 * (`aws:TokenIssueTime`: a session issued before the time has long ended, and a request signed with a
 * user's own access keys has no such key, which fails the condition — unless `…IfExists`). Each value
 * is one the condition allows, so all must be past. A value that is no date leaves it to IAM.
 */
export function expiryOf(statement: Statement, now: number): Expiry | undefined {
  // Most conditions compare no time: passed over without parsing.
  const text = statement.condition?.value
  if (!text || !(text.includes('DateLessThan') || text.includes('NumericLessThan'))) return undefined
  let condition: unknown
  try {
    condition = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof condition !== 'object' || condition === null) return undefined
  for (const [operator, keys] of Object.entries(condition)) {
    const form = BEFORE.exec(operator)
    if (!form || typeof keys !== 'object' || keys === null) continue
    for (const [key, value] of Object.entries(keys)) {
      const lower = key.toLowerCase()
      // aws:EpochTime is a number too (NumericLessThan); the other keys are dates only.
      if (form[1] === 'Numeric' && lower !== 'aws:epochtime') continue
      if (!REQUEST_TIMES.has(lower) && !(lower === 'aws:tokenissuetime' && !form[2])) continue
      const values: unknown[] = Array.isArray(value) ? value : [value]
      // The latest, by a loop: a spread of a hostile list of 200,000 dates overflows the stack.
      let last: { time: number; value: unknown } | undefined
      for (const v of values) {
        const time = timeOf(v)
        if (time === undefined || time >= now) {
          last = undefined
          break
        }
        if (!last || time > last.time) last = { time, value: v }
      }
      if (last) return { operator, key, until: String(last.value) }
    }
  }
  return undefined
}

/**
 * `DateLessThan`, `DateLessThanEquals`, and the `NumericLessThan` forms (for aws:EpochTime), each
 * `…IfExists` (captured: the kind, then IfExists). Operators are case-sensitive.
 */
const BEFORE = /^(Date|Numeric)LessThan(?:Equals)?(IfExists)?$/

/** Keys every request carries: its own time. */
const REQUEST_TIMES = new Set(['aws:currenttime', 'aws:epochtime'])

/** A condition's date value in milliseconds: ISO 8601 text, or epoch seconds (a number or its digits). */
function timeOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value * 1000 : undefined
  if (typeof value !== 'string') return undefined
  if (/^\d+$/.test(value)) return Number(value) * 1000
  // ISO 8601 only: Date.parse reads other forms by the engine's own rules.
  if (!/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return undefined
  const time = Date.parse(value)
  return Number.isNaN(time) ? undefined : time
}
