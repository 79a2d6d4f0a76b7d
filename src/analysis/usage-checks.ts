import { type Catalog, type CatalogAction, hasWildcard } from '../catalog/catalog.js'
import { escalationReason } from '../catalog/escalation.js'
import { ACTION_LEVEL_SERVICES, NOT_OBSERVABLE, SERVICE_LEVEL_REASON } from '../catalog/not-observable.js'
import { append } from '../vocabulary/lists.js'
import type { Located, PolicyDocument, PrincipalPolicies, Statement } from '../vocabulary/policy.js'
import { previewList } from '../vocabulary/problems.js'
import { thousands } from '../vocabulary/text.js'
import type { PrincipalUsage } from '../vocabulary/usage.js'
import type { FindingText } from './finding-text.js'
import { type Denied, type GrantEngine, isServiceWildcard, NO_DENY, unconditionalDenies } from './grants.js'
import { type DraftAt, draftAt, type FindingCollector, type FindingDraft } from './ignore-rules.js'
import { actsOn } from './resource-types.js'

/**
 * Where findings and grants about a principal as a whole go: its first policy file that allows
 * anything (a file of Deny guardrails would be an odd home), else its first file.
 */
export function homePolicy(principal: PrincipalPolicies): PolicyDocument | undefined {
  return (
    principal.policies.find((p) => p.statements.some((s) => s.effect === 'Allow')) ?? principal.policies[0]
  )
}

/** A grant the service cannot see: judged by the static checks alone, never called unused. */
export interface NotObservableGrant {
  readonly principal: string
  readonly file: string
  readonly line: number
  readonly actions: readonly string[]
  readonly reason: string
}

/** What generated policies say was used. */
export interface UsedActions {
  /** Concrete actions, as catalog ids. */
  readonly ids: Set<number>
  /** Services known only at service level (a `service:*` entry, as the service-level template gives). */
  readonly services: Set<string>
  /** Actions the catalog does not know. */
  readonly unknown: string[]
}

/** What the generated policies of a principal say it used. */
export function usedActions(policies: readonly string[], catalog: Catalog): UsedActions {
  const used: UsedActions = { ids: new Set(), services: new Set(), unknown: [] }
  for (const text of policies) {
    for (const s of generatedStatements(text)) {
      for (const action of s.actions) {
        if (hasWildcard(action)) {
          used.services.add(action.split(':')[0]?.toLowerCase() ?? action)
          continue
        }
        const found = catalog.expand(action)
        if (found.length === 0) used.unknown.push(action)
        for (const id of found) used.ids.add(id)
      }
    }
  }
  return used
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
export function notObservableActions(catalog: Catalog): Map<number, string> {
  let map = notObservableByCatalog.get(catalog)
  if (!map) {
    map = new Map()
    for (const { pattern, reason } of NOT_OBSERVABLE)
      for (const id of catalog.expand(pattern)) map.set(id, reason)
    notObservableByCatalog.set(catalog, map)
  }
  return map
}

const dataEventsByCatalog = new WeakMap<Catalog, Set<number>>()

/** The ids of the data-event actions of the not-observable list. */
function dataEventActions(catalog: Catalog): Set<number> {
  let ids = dataEventsByCatalog.get(catalog)
  if (!ids) {
    ids = new Set()
    for (const { pattern, dataEvent } of NOT_OBSERVABLE)
      if (dataEvent) for (const id of catalog.expand(pattern)) ids.add(id)
    dataEventsByCatalog.set(catalog, ids)
  }
  return ids
}

/** Data events are logged per service as read-only, write-only or both: the class of an action. */
function eventClass(action: CatalogAction): 'read' | 'write' {
  return action.accessLevel === 'Read' || action.accessLevel === 'List' ? 'read' : 'write'
}

/**
 * What one principal's usage cannot show, with why: the not-observable list, less the data events its
 * trail is known to log — those of the services `dataEvents` (the config's `cloudtrail.data-events`)
 * names, and those of a service and class of which the generated policy shows data events: the trail
 * logs them, so one that was not used was not used.
 */
function hiddenActions(
  catalog: Catalog,
  used: UsedActions,
  dataEvents: ReadonlySet<string>,
): ReadonlyMap<number, string> {
  const all = notObservableActions(catalog)
  const data = dataEventActions(catalog)
  const logged = new Set<string>()
  for (const id of used.ids) {
    const action = catalog.action(id)
    if (data.has(id)) logged.add(`${action.service} ${eventClass(action)}`)
  }
  if (logged.size === 0 && dataEvents.size === 0) return all
  const hidden = new Map(all)
  for (const id of data) {
    const action = catalog.action(id)
    if (dataEvents.has(action.service) || logged.has(`${action.service} ${eventClass(action)}`))
      hidden.delete(id)
  }
  return hidden
}

const SERVICE_LEVEL_ONLY =
  'IAM Access Analyzer reports this service at service level only (which of its actions were used is not known)'

/** What one principal's usage can show: for an action it cannot, why. */
export interface Visibility {
  /** Why the usage cannot tell whether `action` was used; undefined when it can. */
  unseen(action: CatalogAction): string | undefined
}

/**
 * What a principal's usage can show. Not: the not-observable list (less the data events its trail is
 * known to log, see hiddenActions); a service the generated policy names at service level only
 * (`service:*`); and, unless the service-level template was asked for (`serviceLevel`), a service
 * Access Analyzer documents only at service level, which the generated policy then leaves out whether
 * it was used or not (ACTION_LEVEL_SERVICES) — unless the policy names actions of it after all.
 */
export function visibilityOf(
  catalog: Catalog,
  used: UsedActions,
  options: { readonly dataEvents: ReadonlySet<string>; readonly serviceLevel: boolean },
): Visibility {
  const hidden = hiddenActions(catalog, used, options.dataEvents)
  const actionLevel = new Set<string>()
  for (const id of used.ids) actionLevel.add(catalog.action(id).service)
  return {
    unseen(action) {
      const reason = hidden.get(action.id)
      if (reason !== undefined) return reason
      if (used.services.has(action.service)) return SERVICE_LEVEL_ONLY
      if (
        options.serviceLevel ||
        ACTION_LEVEL_SERVICES.has(action.service) ||
        actionLevel.has(action.service)
      )
        return undefined
      return SERVICE_LEVEL_REASON
    },
  }
}

const LAST_ACCESSED_SERVICE_LEVEL =
  "IAM's last-accessed data shows this service used, at service level only (which of its actions is not known)"
const UNTRACKED =
  "IAM's last-accessed data does not track this action (it tracks some management actions of this service)"

/**
 * What IAM's last-accessed data can show: the actions it tracks of the services it reports at action
 * level, and every action of a service not used at all. Not: the not-observable list, whole (IAM
 * tracks management actions only, so data events stay unseen whatever the trail logs); a service used
 * at service level only; an untracked action of an action-level service.
 */
export function lastAccessedVisibility(
  catalog: Catalog,
  used: UsedActions,
  trackedActions: readonly string[],
): Visibility {
  const hidden = notObservableActions(catalog)
  const tracked = new Set(trackedActions.map((a) => a.toLowerCase()))
  const actionLevel = new Set(trackedActions.map((a) => (a.split(':')[0] as string).toLowerCase()))
  return {
    unseen(action) {
      const reason = hidden.get(action.id)
      if (reason !== undefined) return reason
      if (used.services.has(action.service)) return LAST_ACCESSED_SERVICE_LEVEL
      if (actionLevel.has(action.service) && !tracked.has(action.name.toLowerCase())) return UNTRACKED
      return undefined
    },
  }
}

/** What one principal's usage record can show, by its source. */
export function visibilityFor(
  catalog: Catalog,
  used: UsedActions,
  usage: PrincipalUsage,
  dataEvents: ReadonlySet<string>,
): Visibility {
  const origin = usage.usage
  if (origin?.source === 'last-accessed')
    return lastAccessedVisibility(catalog, used, usage.trackedActions ?? [])
  return visibilityOf(catalog, used, { dataEvents, serviceLevel: origin?.serviceLevel ?? false })
}

/** What can be seen without usage data: only the not-observable list is known. */
export function listedVisibility(catalog: Catalog): Visibility {
  const hidden = notObservableActions(catalog)
  return { unseen: (action) => hidden.get(action.id) }
}

/** One principal's comparison of granted with used: the state the steps of UsageChecker.check share. */
interface Comparison {
  readonly principal: PrincipalPolicies
  readonly used: UsedActions
  /** What this principal's usage cannot show, with why. */
  readonly visibility: Visibility
  readonly denied: Denied
  readonly sink: FindingCollector
  readonly notObservable: NotObservableGrant[]
}

/**
 * The checks that compare what a principal's repository policies grant with what it used in the
 * CloudTrail window: `unused-action` (and `wildcard-action` for a partial wildcard granting unused
 * actions), `privilege-escalation` for escalation actions granted and unused, `would-break` for actions
 * used but not granted, and `incomplete-usage`. What the service cannot see is never called unused: it
 * is listed as not observable instead.
 */
export class UsageChecker {
  private readonly catalog: Catalog

  constructor(
    private readonly grants: GrantEngine,
    private readonly text: FindingText,
    /** Services whose data events the trail logs (the config's `cloudtrail.data-events`). */
    private readonly dataEvents: ReadonlySet<string> = new Set(),
  ) {
    this.catalog = grants.catalog
  }

  check(
    principal: PrincipalPolicies,
    usage: PrincipalUsage,
    sink: FindingCollector,
    notObservable: NotObservableGrant[],
  ): void {
    const used = usedActions(usage.generatedPolicies, this.catalog)
    const denied = this.grants.deniedFor(principal)
    const visibility = visibilityFor(this.catalog, used, usage, this.dataEvents)
    const comparison = { principal, used, visibility, denied, sink, notObservable }
    const granted = new Set<number>()
    for (const policy of principal.policies) {
      for (const statement of policy.statements) {
        if (statement.effect !== 'Allow') continue
        const grant = this.grants.grantOf(statement.notAction, statement.actions, denied)
        const acts = actsOn(statement, this.catalog)
        for (const action of grant.actions) if (acts(action)) granted.add(action.id)
        this.compareStatement(comparison, policy, statement)
      }
    }
    const home = homePolicy(principal)
    if (!home) return
    this.reportWouldBreak(comparison, granted, home)
    if (usage.isComplete === false) {
      sink.add(
        principalDraft(principal, 'incomplete-usage', home),
        [],
        () =>
          'IAM Access Analyzer reports that the generated policy may not list every action used (isComplete: false): ' +
          'the unused actions above may be understated. A longer lookback, or all regions, can complete it.',
      )
    }
  }

  /** Each entry of an Allow statement (a NotAction statement as a whole): used, unseen or unused. */
  private compareStatement(c: Comparison, policy: PolicyDocument, statement: Statement): void {
    const { file } = policy
    const at = draftAt(c.principal.arn, policy, statement)
    const acts = actsOn(statement, this.catalog)
    for (const entry of statement.notAction ? statement.actions.slice(0, 1) : statement.actions) {
      const grant = statement.notAction
        ? this.grants.grantOf(true, statement.actions, c.denied)
        : this.grants.grantOf(false, [entry], c.denied)
      const unused: CatalogAction[] = []
      const usedHere: string[] = []
      const unseen = new Map<string, string[]>()
      for (const action of grant.actions) {
        // What the statement names but cannot apply to its resources is not granted (ineffective-grant).
        if (!acts(action)) continue
        if (c.used.ids.has(action.id)) {
          usedHere.push(action.name)
          continue
        }
        const reason = c.visibility.unseen(action)
        if (!reason) unused.push(action)
        else {
          const list = unseen.get(reason)
          if (list) list.push(action.name)
          else unseen.set(reason, [action.name])
        }
      }
      for (const [reason, actions] of unseen)
        c.notObservable.push({
          principal: c.principal.arn,
          file: entry.written?.file ?? file,
          line: entry.written?.line ?? entry.line,
          actions,
          reason,
        })
      const hiddenCount = [...unseen.values()].reduce((n, list) => n + list.length, 0)
      if (unused.length > 0)
        this.reportUnused(c.sink, statement, entry, { usedHere, hiddenCount }, unused, at)
    }
  }

  private reportUnused(
    sink: FindingCollector,
    statement: Statement,
    entry: Located<string>,
    seen: { readonly usedHere: readonly string[]; readonly hiddenCount: number },
    unused: readonly CatalogAction[],
    at: DraftAt,
  ): void {
    const { usedHere, hiddenCount } = seen
    const names = unused.map((a) => a.name)
    const partialWildcard =
      !statement.notAction && hasWildcard(entry.value) && !isServiceWildcard(entry.value)
    const what = statement.notAction ? '"NotAction"' : `"${entry.value}"`
    const useThese = usedHere.length > 0 ? usedHere.join(', ') : null
    if (partialWildcard || statement.notAction || isServiceWildcard(entry.value)) {
      sink.add(
        at(entry, partialWildcard ? 'wildcard-action' : 'unused-action'),
        names,
        (actions) => {
          // The parts add up to what the entry grants: used, not used, not observable, accepted.
          const accepted = names.length - actions.length
          const parts = [
            `${usedHere.length} used${usedHere.length > 0 ? ` (${previewList(usedHere, 6)})` : ''}`,
            `${thousands(actions.length)} not used (${this.text.countLevels(actions)})`,
            ...(hiddenCount > 0 ? [`${thousands(hiddenCount)} not observable (judged statically)`] : []),
            ...(accepted > 0 ? [`${thousands(accepted)} accepted by ignore:`] : []),
          ]
          const granted = usedHere.length + names.length + hiddenCount
          return (
            `${what} grants ${thousands(granted)} actions; in the CloudTrail window ${parts.join(', ')}. ` +
            `Not used: ${previewList(actions, 4)}. ` +
            (useThese ? 'List the used actions instead.' : 'Remove it if the principal no longer needs it.')
          )
        },
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
          `${what} grants ${actions.length === 1 ? 'an action that allows' : `${thousands(actions.length)} actions that allow`} privilege ` +
          `escalation and ${actions.length === 1 ? 'was' : 'were'} not used in the CloudTrail window: ` +
          `${actions.map((a) => `${a} (${escalationReason(a)})`).join('; ')}. Remove ${actions.length === 1 ? 'it' : 'them'}.`,
      )
    }
  }

  /** Used in the window but granted nowhere. A service seen only at service level: when nothing of it is granted. */
  private reportWouldBreak(c: Comparison, granted: ReadonlySet<number>, home: PolicyDocument): void {
    const grantedServices = new Set([...granted].map((id) => this.catalog.action(id).service))
    const notGranted = [...c.used.ids].filter((id) => !granted.has(id)).sort((a, b) => a - b)
    const missing = notGranted.map((id) => this.catalog.action(id).name)
    for (const service of c.used.services) if (!grantedServices.has(service)) missing.push(`${service}:*`)
    append(missing, c.used.unknown)
    if (missing.length === 0) return
    const why = this.whyNotGranted(c, new Set(notGranted))
    c.sink.add(
      principalDraft(c.principal, 'would-break', home),
      missing,
      (actions) => {
        const named = actions.filter((a) => why.has(a))
        const reasons =
          named.length === 0
            ? ''
            : actions.length === 1
              ? `It is ${why.get(named[0] as string)}. `
              : `Named in the policies but not granted: ${previewList(
                  named.map((a) => `${a} (${why.get(a)})`),
                  3,
                )}. `
        return (
          `${actions.length === 1 ? `${actions[0]} was` : `${thousands(actions.length)} actions were`} used in the CloudTrail window ` +
          `but ${actions.length === 1 ? 'is' : 'are'} not granted by the repository's policies of this principal` +
          `${actions.length > 1 ? ` (${previewList(actions, 6)})` : ''}: merging them would remove access in use, or the live ` +
          `role has drifted from the repository. ${reasons}` +
          `${actions.length === 1 ? 'Grant it, or confirm it is' : 'Grant them, or confirm they are'} no longer needed.`
        )
      },
      (actions) => actions.join(', '),
    )
  }

  /**
   * Why `missing` actions an Allow statement of the principal names are not granted all the same, by name:
   * a Deny (where it is written), the permissions boundary, or resources the action cannot act on.
   */
  private whyNotGranted(c: Comparison, missing: ReadonlySet<number>): Map<string, string> {
    const why = new Map<string, string>()
    const denies = new Set(c.denied.ids ? unconditionalDenies(c.principal.policies) : [])
    const deniedAt = (id: number): string => {
      for (const policy of c.principal.policies)
        for (const s of policy.statements)
          if (denies.has(s) && this.grants.grantOf(s.notAction, s.actions, NO_DENY).ids.includes(id))
            return `denied at ${policy.file}:${s.line}`
      return 'outside the permissions boundary'
    }
    for (const policy of c.principal.policies) {
      for (const statement of policy.statements) {
        if (statement.effect !== 'Allow') continue
        const acts = actsOn(statement, this.catalog)
        for (const action of this.grants.grantOf(statement.notAction, statement.actions, NO_DENY).actions) {
          if (!missing.has(action.id) || why.has(action.name)) continue
          if (c.denied.ids?.[action.id]) why.set(action.name, deniedAt(action.id))
          else if (!acts(action))
            why.set(action.name, `named at ${policy.file}:${statement.line}, on resources it cannot act on`)
        }
      }
    }
    return why
  }
}

/** Findings about the principal as a whole stand at the top of its home policy file. */
function principalDraft(
  principal: PrincipalPolicies,
  kind: FindingDraft['kind'],
  policy: PolicyDocument,
): FindingDraft {
  return {
    kind,
    principal: principal.arn,
    file: policy.file,
    line: policy.statements[0]?.line ?? 1,
    column: 1,
    sid: null,
    statementIndex: 0,
    condition: null,
    source: policy.source ?? null,
  }
}
