/** Milliseconds in a day: CloudTrail windows and reuse ages are counted in days. */
export const DAY_MS = 86_400_000
