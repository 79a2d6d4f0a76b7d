import { type Catalog, type CatalogAction, hasWildcard } from '../catalog/catalog.js'
import { escalationReason } from '../catalog/escalation.js'
import { NOT_OBSERVABLE } from '../catalog/not-observable.js'
import type { Located, PolicyDocument, Statement } from '../policy/parse-policy.js'
import { draftAt, type FindingDraft, type FindingSink } from './finding-sink.js'
import { isServiceWildcard, type PrincipalPolicies, type StaticChecker } from './static-checks.js'

/**
 * Where findings and grants about a principal as a whole go: its first policy file that allows
 * anything (a file of Deny guardrails would be an odd home), else its first file.
 */
export function homePolicy(principal: PrincipalPolicies): PolicyDocument | undefined {
  return (
    principal.policies.find((p) => p.statements.some((s) => s.effect === 'Allow')) ?? principal.policies[0]
  )
}

/** What IAM Access Analyzer saw a principal use: its generated policy documents (JSON text). */
export interface ObservedUsage {
  readonly policies: readonly string[]
  /** False when the service says the usage may be understated. */
  readonly isComplete: boolean | null
}

/** A grant the service cannot see: judged by the static checks alone, never called unused. */
export interface NotObservableGrant {
  readonly principal: string
  readonly file: string
  readonly line: number
  readonly actions: readonly string[]
  readonly reason: string
}

/**
 * What generated policies say was used: concrete actions as catalog ids, services known only at
 * service level (a `service:*` entry, as the service-level template gives for services without
 * action-level data), and any action the catalog does not know.
 */
export function usedActions(
  policies: readonly string[],
  catalog: Catalog,
): { ids: Set<number>; services: Set<string>; unknown: string[] } {
  const ids = new Set<number>()
  const services = new Set<string>()
  const unknown: string[] = []
  for (const text of policies) {
    for (const s of generatedStatements(text)) {
      for (const action of s.actions) {
        if (hasWildcard(action)) {
          services.add(action.split(':')[0]?.toLowerCase() ?? action)
          continue
        }
        const found = catalog.expand(action)
        if (found.length === 0) unknown.push(action)
        for (const id of found) ids.add(id)
      }
    }
  }
  return { ids, services, unknown }
}

/** The Allow statements of a generated policy document, with Action and Resource as lists. */
export function generatedStatements(text: string): { actions: string[]; resources: string[] }[] {
  const doc = JSON.parse(text) as { Statement?: unknown }
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : []
  const list = (v: unknown) =>
    typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []
  return (statements as { Effect?: unknown; Action?: unknown; Resource?: unknown }[])
    .filter((s) => s.Effect === 'Allow')
    .map((s) => ({ actions: list(s.Action), resources: list(s.Resource) }))
}

const notObservableByCatalog = new WeakMap<Catalog, Map<number, string>>()

/** Action id -> why Access Analyzer cannot see it. */
export function notObservable(catalog: Catalog): Map<number, string> {
  let map = notObservableByCatalog.get(catalog)
  if (!map) {
    map = new Map()
    for (const { pattern, reason } of NOT_OBSERVABLE)
      for (const id of catalog.expand(pattern)) map.set(id, reason)
    notObservableByCatalog.set(catalog, map)
  }
  return map
}

const SERVICE_LEVEL_ONLY =
  'IAM Access Analyzer reports this service at service level only (which of its actions were used is not known)'

/**
 * The checks that compare what a principal's repository policies grant with what it used in the
 * CloudTrail window: `unused-action` (and `wildcard-action` for a partial wildcard granting unused
 * actions), `privilege-escalation` for escalation actions granted and unused, `would-break` for actions
 * used but not granted, and `incomplete-usage`. What the service cannot see is never called unused: it
 * is listed in `notObservable` instead.
 */
export function checkUsage(
  principal: PrincipalPolicies,
  usage: ObservedUsage,
  checker: StaticChecker,
  catalog: Catalog,
  sink: FindingSink,
  notObservableOut: NotObservableGrant[],
): void {
  const used = usedActions(usage.policies, catalog)
  const hidden = notObservable(catalog)
  const denied = checker.deniedEverywhere(principal.policies)
  const granted = new Set<number>()
  const firstPolicy = homePolicy(principal)
  // Findings about the principal as a whole stand at the top of its home policy file.
  const principalDraft = (kind: FindingDraft['kind'], policy: PolicyDocument): FindingDraft => ({
    kind,
    principal: principal.arn,
    file: policy.file,
    line: policy.statements[0]?.line ?? 1,
    column: 1,
    sid: null,
    statementIndex: 0,
    condition: null,
  })

  for (const policy of principal.policies) {
    for (const statement of policy.statements) {
      if (statement.effect !== 'Allow') continue
      const at = draftAt(principal.arn, policy.file, statement)
      for (const action of checker.grant(statement.notAction, statement.actions, denied).actions)
        granted.add(action.id)
      const entries = statement.notAction ? statement.actions.slice(0, 1) : statement.actions
      for (const entry of entries) {
        const grant = statement.notAction
          ? checker.grant(true, statement.actions, denied)
          : checker.grant(false, [entry], denied)
        const unused: CatalogAction[] = []
        const usedHere: string[] = []
        const unseen = new Map<string, string[]>()
        for (const action of grant.actions) {
          const reason =
            hidden.get(action.id) ?? (used.services.has(action.service) ? SERVICE_LEVEL_ONLY : undefined)
          if (used.ids.has(action.id)) usedHere.push(action.name)
          else if (reason) unseen.set(reason, [...(unseen.get(reason) ?? []), action.name])
          else unused.push(action)
        }
        for (const [reason, actions] of unseen) {
          notObservableOut.push({
            principal: principal.arn,
            file: policy.file,
            line: entry.line,
            actions,
            reason,
          })
        }
        if (unused.length === 0) continue
        reportUnused(statement, entry, grant.actions.length, usedHere, unused, checker, sink, at)
      }
    }
  }

  // A service seen only at service level is missing only when nothing of it is granted.
  const grantedServices = new Set([...granted].map((id) => (catalog.actions[id] as CatalogAction).service))
  const missingServices = [...used.services]
    .filter((service) => !grantedServices.has(service))
    .map((service) => `${service}:*`)
  const missing = [...used.ids]
    .filter((id) => !granted.has(id))
    .sort((a, b) => a - b)
    .map((id) => (catalog.actions[id] as CatalogAction).name)
  missing.push(...missingServices, ...used.unknown)
  if (missing.length > 0 && firstPolicy) {
    sink.add(
      principalDraft('would-break', firstPolicy),
      missing,
      (actions) =>
        `${actions.length === 1 ? `${actions[0]} was` : `${actions.length} actions were`} used in the CloudTrail window ` +
        `but ${actions.length === 1 ? 'is' : 'are'} not granted by the repository's policies of this principal` +
        `${actions.length > 1 ? ` (${preview(actions, 6)})` : ''}: merging them would remove access in use, or the live ` +
        'role has drifted from the repository. Grant them, or confirm they are no longer needed.',
      (actions) => actions.join(', '),
    )
  }
  if (usage.isComplete === false && firstPolicy) {
    sink.add(
      principalDraft('incomplete-usage', firstPolicy),
      [],
      () =>
        'IAM Access Analyzer reports that the generated policy may not list every action used (isComplete: false): ' +
        'the unused actions above may be understated. A longer lookback, or all regions, can complete it.',
    )
  }
}

function reportUnused(
  statement: Statement,
  entry: Located<string>,
  grantedCount: number,
  usedHere: readonly string[],
  unused: readonly CatalogAction[],
  checker: StaticChecker,
  sink: FindingSink,
  at: (entry: Located<string>, kind: FindingDraft['kind']) => FindingDraft,
): void {
  const names = unused.map((a) => a.name)
  const partialWildcard = !statement.notAction && hasWildcard(entry.value) && !isServiceWildcard(entry.value)
  const what = statement.notAction ? '"NotAction"' : `"${entry.value}"`
  const usedText =
    usedHere.length === 0 ? 'none was used' : `${usedHere.length} used (${preview(usedHere, 6)})`
  const useThese = usedHere.length > 0 ? usedHere.join(', ') : null
  if (partialWildcard || statement.notAction || isServiceWildcard(entry.value)) {
    sink.add(
      at(entry, partialWildcard ? 'wildcard-action' : 'unused-action'),
      names,
      (actions) =>
        `${what} grants ${grantedCount} actions, ${usedText} in the CloudTrail window; ${actions.length} ` +
        `${actions.length === 1 ? 'was' : 'were'} not used (${checker.levels(actions)}): ${preview(actions, 4)}. ` +
        (useThese ? 'List the used actions instead.' : 'Remove it if the principal no longer needs it.'),
      () => useThese,
    )
  } else {
    sink.add(
      at(entry, 'unused-action'),
      names,
      (actions) =>
        `${actions.join(', ')} ${actions.length === 1 ? 'was' : 'were'} not used in the CloudTrail window. Remove it if the principal no longer needs it.`,
    )
  }
  // Escalation actions on Resource "*" are critical already (static check); scoped but unused ones too.
  const onAnyResource = statement.notResource || statement.resources.some((r) => r.value === '*')
  const escalating = names.filter((n) => escalationReason(n))
  if (!onAnyResource && escalating.length > 0) {
    sink.add(
      at(entry, 'privilege-escalation'),
      escalating,
      (actions) =>
        `${what} grants ${actions.length === 1 ? 'an action that allows' : `${actions.length} actions that allow`} privilege ` +
        `escalation and ${actions.length === 1 ? 'was' : 'were'} not used in the CloudTrail window: ` +
        `${actions.map((a) => `${a} (${escalationReason(a)})`).join('; ')}. Remove ${actions.length === 1 ? 'it' : 'them'}.`,
    )
  }
}

function preview(actions: readonly string[], count: number): string {
  return actions.length <= count
    ? actions.join(', ')
    : `${actions.slice(0, count).join(', ')}, … (${actions.length - count} more)`
}
