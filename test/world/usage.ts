// Usage records for unit tests: what a principal was seen to use, as src/aws/ would record it.
import { type PrincipalUsage, staticUsage } from '../../src/vocabulary/usage.js'

/** What a generated policy says: its documents (JSON text) and whether the service calls it complete. */
export interface ObservedUsage {
  readonly policies: readonly string[]
  readonly isComplete: boolean | null
  /** Whether the service-level template was asked for. */
  readonly serviceLevel?: boolean
}

/** The usage record of a principal checked against `observed`, by ARN, as analyse() takes it. */
export function checkedUsage(arn: string, observed: ObservedUsage): Map<string, PrincipalUsage> {
  return new Map([
    [
      arn,
      {
        ...staticUsage(arn),
        status: 'checked',
        usage: {
          source: 'policy-generation',
          reused: false,
          completedAt: null,
          serviceLevel: observed.serviceLevel ?? false,
        },
        isComplete: observed.isComplete,
        generatedPolicies: observed.policies,
      },
    ],
  ])
}
