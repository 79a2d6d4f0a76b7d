/**
 * What the analysis knows of a principal's real use of AWS: the seam between the AWS side
 * (src/aws/, which fills it from IAM Access Analyzer) and the pure analysis and reports.
 */

/** `checked`: a generated policy was compared; `static`: no usage data, static checks only. */
export type PrincipalStatus = 'checked' | 'static' | 'failed' | 'timed-out'

export interface PrincipalUsage {
  readonly arn: string
  readonly status: PrincipalStatus
  /** The policy generation job used (started or reused). */
  readonly jobId: string | null
  /** Why the principal could not be checked, e.g. `{ code: 'AUTHORIZATION_ERROR', … }`. */
  readonly error: { readonly code: string; readonly message: string } | null
  /** The CloudTrail window the generation covered (ISO 8601). */
  readonly window: { readonly start: string; readonly end: string } | null
  /** False when Access Analyzer says the usage may be understated. */
  readonly isComplete: boolean | null
}

/** The usage of principals checked without AWS. */
export function staticUsage(arn: string): PrincipalUsage {
  return { arn, status: 'static', jobId: null, error: null, window: null, isComplete: null }
}
