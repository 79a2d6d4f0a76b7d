import { closest, distance } from 'fastest-levenshtein'

/**
 * The allowed name closest to a mistyped `name`, when it is close enough to be a typo. Case-blind, so
 * `ARN` for `arn` or `resource` for `Resource` counts as near.
 */
export function suggestName(name: string, allowed: readonly string[]): string | undefined {
  if (allowed.length === 0) return undefined
  const lower = name.toLowerCase()
  const nearest = closest(
    lower,
    allowed.map((a) => a.toLowerCase()),
  )
  const index = allowed.findIndex((a) => a.toLowerCase() === nearest)
  return distance(lower, nearest) <= Math.max(2, name.length / 3) ? allowed[index] : undefined
}
