// What is known of a principal's real use of AWS: one record per principal, filled by src/aws/ and read
// unchanged by the analysis and the reports.
import type { UnreadCall } from './policy.js'
import { thousands } from './text.js'

/**
 * `checked`: usage data was compared; `static`: none was fetched, the static checks judge alone;
 * `new`: the principal does not exist yet (infrastructure code creates it), so it has no usage;
 * `failed` and `timed-out`: it was asked for and could not be had (the run fails).
 */
export type UsageStatus = 'checked' | 'static' | 'new' | 'failed' | 'timed-out'

/** Where usage data came from: IAM Access Analyzer's policy generation, or IAM's last-accessed data. */
export type UsageOrigin = GenerationOrigin | LastAccessedOrigin

export interface GenerationOrigin {
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

/**
 * IAM's last-accessed data (`usage-source: last-accessed`): management actions only, at action level
 * for the services IAM tracks and at service level for the others; no resources.
 */
export interface LastAccessedOrigin {
  readonly source: 'last-accessed'
  /** `action` when every service the principal used is known at action level; else `service`. */
  readonly level: 'action' | 'service'
  readonly reused: false
  /** When IAM finished the report (ISO 8601). */
  readonly completedAt: string | null
  /** The services used in the window that IAM reports at action level, and those at service level only. */
  readonly actionLevelServices: readonly string[]
  readonly serviceLevelServices: readonly string[]
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
  /**
   * Last-accessed data only: every action IAM tracks of the services it reports at action level
   * (`s3:CreateBucket`), used or not. The other actions of those services cannot be seen.
   */
  readonly trackedActions?: readonly string[]
}

/**
 * Which source and level judged a checked principal, for people: "policy generation (reused, completed
 * 2026-11-24)", "last-accessed data, action level", "last-accessed data, service level for sqs, kms".
 */
export function usageLabel(origin: UsageOrigin | null): string | undefined {
  if (!origin) return undefined
  if (origin.source === 'policy-generation')
    return origin.reused
      ? `policy generation (reused${origin.completedAt ? `, completed ${origin.completedAt.slice(0, 10)}` : ''})`
      : 'policy generation'
  if (origin.level === 'action') return 'last-accessed data, action level'
  const services = origin.serviceLevelServices
  return `last-accessed data, service level for ${services.slice(0, 4).join(', ')}${services.length > 4 ? `, +${services.length - 4}` : ''}`
}

/**
 * The usage record of a customer managed policy no role, user or group of the code has, checked as a
 * principal of its own by its statements alone; `advice`: how a run could do better.
 */
export function policyAloneUsage(arn: string, advice?: string): PrincipalUsage {
  const message = `${POLICY_ALONE}${ATTACHED_ELSEWHERE}: its statements are checked as written${advice ? `; ${advice}` : ''}`
  return { ...staticUsage(arn), error: { code: 'POLICY', message } }
}

const POLICY_ALONE = 'no role, user or group in the code read here has this managed policy'
const ATTACHED_ELSEWHERE = ' (another root, stack or person attaches it)'

/**
 * The usage record of a policy alone (policyAloneUsage) naming the module calls the code gives it to
 * whose code is not read, where it guessed at another root, stack or person.
 */
export function givenToUsage(usage: PrincipalUsage, calls: readonly UnreadCall[]): PrincipalUsage {
  const said = `${POLICY_ALONE}${ATTACHED_ELSEWHERE}`
  if (calls.length === 0 || usage.error?.code !== 'POLICY' || !usage.error.message.startsWith(said))
    return usage
  const one = calls.length === 1
  // The first three, and how many more: a list of thousands is not spelt out to be cut to three.
  const named = `${calls
    .slice(0, 3)
    .map((c) => `${c.address} (${c.file}:${c.line})`)
    .join(', ')}${calls.length > 3 ? `, … (${thousands(calls.length - 3)} more)` : ''}`
  const init = calls.every((c) => c.installable) ? ' (`terraform init` installs it)' : ''
  const rest = usage.error.message.slice(said.length)
  // A document the code gives a module (`policy_json = …`): the module makes the policy, of a role of its own.
  if (calls.every((c) => c.as === 'document')) {
    const whose = `whose code is not in the workspace${init}`
    const message = `a policy document the code gives to ${named}, ${whose}, which make${one ? 's' : ''} the role or policy that has it${rest}`
    return { ...usage, error: { ...usage.error, message } }
  }
  const given = `${named} ${one ? 'is' : 'are'} given its ARN, but ${one ? 'its' : 'their'} code is not in the workspace${init}`
  return { ...usage, error: { ...usage.error, message: `${POLICY_ALONE}; ${given}${rest}` } }
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
