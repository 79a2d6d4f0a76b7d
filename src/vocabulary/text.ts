// Text as a pull request may write it: long runs of one character are common in hostile input.

/**
 * `text` without the characters of `chars` at its end, walked back from the end. Not a RegExp such as
 * /\n+$/, which is tried from each character of a long run not at the end, and so quadratic in it.
 */
export function trimEndOf(text: string, chars: string): string {
  let end = text.length
  while (end > 0 && chars.includes(text.charAt(end - 1))) end--
  return text.slice(0, end)
}

/**
 * A count as people read it, in groups of three: 1,500, not 1500 (what `toLocaleString('en-US')` gives
 * for an integer). Not toLocaleString itself: its first call loads the ICU locale data, some 25 ms of
 * every run, spent on one comma.
 */
export function thousands(count: number): string {
  if (!Number.isSafeInteger(count)) return String(count)
  const digits = String(Math.abs(count))
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1)
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`
  return count < 0 ? `-${out}` : out
}

/**
 * Two texts in the order of their UTF-16 code units: the same on every machine. Not `localeCompare`,
 * whose order follows the runner's locale (and whose first call loads ICU's collation data).
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
