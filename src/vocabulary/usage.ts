// What is known of a principal's real use of AWS: one record per principal, filled by src/aws/ and read
// unchanged by the analysis and the reports.

/**
 * `checked`: usage data was compared; `static`: none was fetched, the static checks judge alone;
 * `new`: the principal does not exist yet (infrastructure code creates it), so it has no usage;
 * `failed` and `timed-out`: it was asked for and could not be had (the run fails).
 */
export type UsageStatus = 'checked' | 'static' | 'new' | 'failed' | 'timed-out'

/** Where usage data came from. Policy generation is the one source today; IAM last-accessed data is next. */
export interface UsageOrigin {
  /** IAM Access Analyzer policy generation over CloudTrail: action and resource level. */
  readonly source: 'policy-generation'
  /** Whether an earlier generation (another run's) was reused instead of starting one. */
  readonly reused: boolean
  /** When the generation used completed (ISO 8601), when known. */
  readonly completedAt: string | null
  /**
   * Whether the service-level template was asked for (`include-service-level-template`): then a service
   * the generated policy leaves out was not used at all. Absent: not asked for.
   */
  readonly serviceLevel?: boolean
}

export interface PrincipalUsage {
  readonly arn: string
  readonly status: UsageStatus
  /** Where the usage came from; null when none was asked for (static). */
  readonly usage: UsageOrigin | null
  /** The policy generation job used (started or reused). */
  readonly jobId: string | null
  /** Why the principal could not be checked, e.g. `{ code: 'AUTHORIZATION_ERROR', … }`. */
  readonly error: { readonly code: string; readonly message: string } | null
  /** The CloudTrail window the usage covers (ISO 8601). */
  readonly window: { readonly start: string; readonly end: string } | null
  /** False when the service says the usage may be understated. */
  readonly isComplete: boolean | null
  /** What the principal was seen to use: IAM policy documents (JSON text); empty unless `checked`. */
  readonly generatedPolicies: readonly string[]
}

/** The usage record of a principal checked without AWS. */
export function staticUsage(arn: string): PrincipalUsage {
  return {
    arn,
    status: 'static',
    usage: null,
    jobId: null,
    error: null,
    window: null,
    isComplete: null,
    generatedPolicies: [],
  }
}
