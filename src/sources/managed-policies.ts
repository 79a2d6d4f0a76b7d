import { parsePolicy } from '../policy/parse-policy.js'
import { placePolicyAt } from '../policy/place.js'
import type { PolicyDocument } from '../vocabulary/policy.js'
import type { DiscoveredPrincipal } from './policy-source.js'

/** The ARNs of the AWS managed policies the principals' documents come from. */
export function managedPolicyArns(principals: readonly DiscoveredPrincipal[]): string[] {
  const arns = new Set<string>()
  for (const p of principals)
    for (const d of [...p.policies, ...(p.boundary ? [p.boundary] : [])])
      if (d.source?.kind === 'aws-managed-policy') arns.add(d.source.arn)
  return [...arns].sort()
}

/**
 * The principals with each AWS managed policy's snapshot document replaced by its current version,
 * where one was read: at the same line (the one that attaches it), with `document: 'current'`.
 */
export function withCurrentManagedPolicies(
  principals: readonly DiscoveredPrincipal[],
  current: ReadonlyMap<string, { readonly document: string; readonly versionId: string }>,
): DiscoveredPrincipal[] {
  const replace = (d: PolicyDocument): PolicyDocument => {
    const source = d.source
    const found = source?.kind === 'aws-managed-policy' ? current.get(source.arn) : undefined
    if (!found || source?.kind !== 'aws-managed-policy') return d
    const { policy } = parsePolicy(d.file, found.document)
    const at = d.statements[0] ?? { line: 1, column: 1 }
    if (!policy) return d
    return {
      ...placePolicyAt(policy, at),
      source: { ...source, document: 'current', version: found.versionId },
    }
  }
  return principals.map((p) => ({
    ...p,
    policies: p.policies.map(replace),
    boundary: p.boundary ? replace(p.boundary) : null,
  }))
}
