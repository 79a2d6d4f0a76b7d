// Pull request scope: which findings the pull request introduces. The same checks run on the base
// revision's files, with the same usage; a finding of the head is `existing` when the base has one with
// the same fingerprint — the principal, the kind, the actions and what its statement says, not the line
// it is on, so that a finding moved by an edit above it is still the same finding.
import type { Finding } from '../vocabulary/findings.js'
import type { PolicyDocument, PrincipalPolicies, Statement } from '../vocabulary/policy.js'
import { documentKey } from './least-privilege.js'

export type FindingScope = 'new' | 'existing'

/** The head's findings, each with its scope against the base's findings. */
export function markScope(
  head: readonly Finding[],
  headPrincipals: readonly PrincipalPolicies[],
  base: readonly Finding[],
  basePrincipals: readonly PrincipalPolicies[],
): (Finding & { scope: FindingScope })[] {
  const baseStatements = statementIndex(basePrincipals)
  const remaining = new Map<string, number>()
  for (const f of base) {
    const key = fingerprint(f, baseStatements)
    remaining.set(key, (remaining.get(key) ?? 0) + 1)
  }
  const headStatements = statementIndex(headPrincipals)
  return head.map((f) => {
    const key = fingerprint(f, headStatements)
    const left = remaining.get(key) ?? 0
    if (left === 0) return { ...f, scope: 'new' }
    remaining.set(key, left - 1)
    return { ...f, scope: 'existing' }
  })
}

/** The documents of the principals, by the key findings name them with. */
function statementIndex(principals: readonly PrincipalPolicies[]): Map<string, PolicyDocument> {
  const documents = new Map<string, PolicyDocument>()
  for (const p of principals)
    for (const d of [...p.policies, ...(p.boundary ? [p.boundary] : [])])
      documents.set(documentKey(d.file, d.source), d)
  return documents
}

/** What identifies a finding across revisions: never its line. */
export function fingerprint(f: Finding, documents: ReadonlyMap<string, PolicyDocument>): string {
  const statement = documents.get(documentKey(f.file, f.source))?.statements[f.statementIndex]
  return JSON.stringify([
    f.principal,
    f.kind,
    [...f.actions].sort(),
    f.source?.kind === 'aws-managed-policy' ? f.source.arn : null,
    statement ? content(statement) : null,
  ])
}

function content(s: Statement): unknown {
  return [
    s.sid,
    s.effect,
    s.notAction,
    s.actions.map((a) => a.value).sort(),
    s.notResource,
    s.resources.map((r) => r.value).sort(),
    s.condition?.value ?? null,
  ]
}
