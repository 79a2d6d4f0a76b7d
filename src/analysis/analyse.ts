import type { Catalog } from '../catalog/catalog.js'
import type { IgnoreRule } from '../config/config-file.js'
import { FindingSink } from './finding-sink.js'
import { type AcceptedFinding, type Finding, SEVERITIES } from './findings.js'
import { checkStatic, type PrincipalPolicies } from './static-checks.js'

export interface Analysis {
  readonly findings: readonly Finding[]
  readonly accepted: readonly AcceptedFinding[]
}

/**
 * Every finding for every principal, in report order (principal as configured, then file, line and
 * severity), with the config's `ignore:` entries applied.
 */
export function analyse(
  principals: readonly PrincipalPolicies[],
  ignore: readonly IgnoreRule[],
  catalog: Catalog,
): Analysis {
  const sink = new FindingSink(ignore)
  for (const principal of principals) checkStatic(principal, catalog, sink)
  const order = new Map(principals.map((p, i) => [p.arn, i]))
  const byPlace = (a: Finding, b: Finding) =>
    (order.get(a.principal) ?? 0) - (order.get(b.principal) ?? 0) ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity)
  return { findings: sink.findings.sort(byPlace), accepted: sink.accepted.sort(byPlace) }
}
