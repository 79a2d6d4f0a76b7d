import { closest } from 'fastest-levenshtein'
import { type Catalog, type CatalogAction, hasWildcard } from '../catalog/catalog.js'
import { escalationReason } from '../catalog/escalation.js'
import type { Located, PolicyDocument, Statement } from '../policy/parse-policy.js'
import type { FindingDraft, FindingSink } from './finding-sink.js'

/** The repository's policies of one principal. */
export interface PrincipalPolicies {
  readonly arn: string
  readonly policies: readonly PolicyDocument[]
}

/**
 * The checks that need no AWS: `unknown-action`, `wildcard-action` (`*`, `service:*`, `NotAction` with
 * Allow), `privilege-escalation` on `Resource: "*"`, and `wildcard-resource`. This is the whole verdict
 * in static mode (fork PRs) and part of it otherwise.
 *
 * Deny statements that apply unconditionally to every resource remove what they deny from every
 * statement of the principal, in any of its files. A conditional or resource-scoped Deny removes nothing
 * here: it may not apply, and a security check must not assume it does.
 */
export function checkStatic(principal: PrincipalPolicies, catalog: Catalog, sink: FindingSink): void {
  const denied = deniedEverywhere(principal.policies, catalog)
  for (const policy of principal.policies) {
    for (const statement of policy.statements) {
      const at = (entry: Located<string>, kind: FindingDraft['kind']): FindingDraft => ({
        kind,
        principal: principal.arn,
        file: policy.file,
        line: entry.line,
        column: entry.column,
        sid: statement.sid,
        statementIndex: statement.index,
        ...(statement.condition && { condition: statement.condition.value }),
      })
      for (const entry of statement.actions) checkKnown(entry, catalog, sink, at(entry, 'unknown-action'))
      if (statement.effect !== 'Allow') continue

      const granted = grantedBy(statement, catalog, denied)
      const onAnyResource = statement.notResource || statement.resources.some((r) => r.value === '*')
      if (statement.notAction) {
        const [first] = statement.actions
        if (first) checkNotAction(statement, granted, catalog, sink, at(first, 'wildcard-action'))
      } else {
        for (const entry of statement.actions) {
          const ids = catalog.expand(entry.value).filter((id) => !denied?.[id])
          if (isServiceWildcard(entry.value) && ids.length > 0) {
            checkServiceWildcard(entry, ids, catalog, sink, at(entry, 'wildcard-action'))
          }
        }
      }
      if (onAnyResource) {
        checkEscalation(statement, granted, catalog, sink, (entry) => at(entry, 'privilege-escalation'))
        const star = statement.notResource
          ? statement.resources[0]
          : statement.resources.find((r) => r.value === '*')
        if (star) checkWildcardResource(statement, granted, catalog, sink, at(star, 'wildcard-resource'))
      }
    }
  }
}

/** `*` or `service:*`: every action of one or all services. */
function isServiceWildcard(pattern: string): boolean {
  return pattern === '*' || /^[^:*?]+:\*$/.test(pattern)
}

/**
 * Actions every statement of the principal is denied, as a bitmap by action id: Deny statements with
 * no Condition whose Resource includes `*`. Undefined when there are none.
 */
function deniedEverywhere(policies: readonly PolicyDocument[], catalog: Catalog): Uint8Array | undefined {
  let denied: Uint8Array | undefined
  for (const policy of policies) {
    for (const statement of policy.statements) {
      if (statement.effect !== 'Deny' || statement.condition || statement.notResource) continue
      if (!statement.resources.some((r) => r.value === '*')) continue
      denied ??= new Uint8Array(catalog.actions.length)
      for (const id of grantedBy(statement, catalog, undefined)) denied[id] = 1
    }
  }
  return denied
}

/** Ids of the actions a statement names (for NotAction, all the others), less those in `denied`. */
function grantedBy(statement: Statement, catalog: Catalog, denied: Uint8Array | undefined): number[] {
  if (statement.notAction) {
    const excluded = new Uint8Array(catalog.actions.length)
    for (const entry of statement.actions) for (const id of catalog.expand(entry.value)) excluded[id] = 1
    const ids: number[] = []
    for (let id = 0; id < excluded.length; id++) if (!excluded[id] && !denied?.[id]) ids.push(id)
    return ids
  }
  const ids = new Set<number>()
  for (const entry of statement.actions)
    for (const id of catalog.expand(entry.value)) if (!denied?.[id]) ids.add(id)
  return [...ids].sort((a, b) => a - b)
}

function checkKnown(entry: Located<string>, catalog: Catalog, sink: FindingSink, draft: FindingDraft): void {
  if (catalog.expand(entry.value).length > 0) return
  const [service = '', action = ''] = entry.value.split(':')
  const stamp = `the IAM catalog of ${catalog.date.slice(0, 10)}`
  let message: string
  let suggestion: string | undefined
  if (!hasWildcard(service) && !catalog.hasService(service)) {
    const near = closest(service.toLowerCase(), [...catalog.serviceKeys()])
    message = `"${entry.value}": ${stamp} has no service "${service}"; a typo, or a service newer than the catalog`
    suggestion = near ? `${near}:${action}` : undefined
  } else if (hasWildcard(entry.value)) {
    message = `"${entry.value}" matches no action in ${stamp}; it grants nothing`
  } else {
    const names = catalog.expand(`${service}:*`).map((id) => (catalog.actions[id] as CatalogAction).name)
    suggestion = closest(entry.value, names)
    message = `"${entry.value}" is not an action of ${service} in ${stamp}; a typo, or an action newer than the catalog`
  }
  sink.add(
    draft,
    [entry.value],
    () => (suggestion ? `${message}. Did you mean "${suggestion}"?` : message),
    () => suggestion,
  )
}

function checkServiceWildcard(
  entry: Located<string>,
  ids: readonly number[],
  catalog: Catalog,
  sink: FindingSink,
  draft: FindingDraft,
): void {
  const scope = entry.value === '*' ? 'every service' : `the ${entry.value.split(':')[0]} service`
  sink.add(
    draft,
    names(ids, catalog),
    (actions) =>
      `"${entry.value}" grants every action of ${scope}: ${actions.length} actions (${levelSummary(actions, catalog)}). ` +
      'List the actions the principal needs instead.',
  )
}

function checkNotAction(
  statement: Statement,
  granted: readonly number[],
  catalog: Catalog,
  sink: FindingSink,
  draft: FindingDraft,
): void {
  const excluded = statement.actions.map((a) => a.value).join(', ')
  sink.add(
    draft,
    names(granted, catalog),
    (actions) =>
      `"NotAction" with "Allow" grants every action except ${excluded}: ${actions.length} actions ` +
      `(${levelSummary(actions, catalog)}), including those of services added later. List the actions the principal needs instead.`,
  )
}

function checkEscalation(
  statement: Statement,
  granted: readonly number[],
  catalog: Catalog,
  sink: FindingSink,
  at: (entry: Located<string>) => FindingDraft,
): void {
  const escalating = new Set(
    granted.map((id) => (catalog.actions[id] as CatalogAction).name).filter((name) => escalationReason(name)),
  )
  if (escalating.size === 0) return
  // Report each escalation action once, on the first entry that grants it (for NotAction, on its key).
  for (const entry of statement.notAction ? statement.actions.slice(0, 1) : statement.actions) {
    const here = statement.notAction
      ? [...escalating]
      : catalog
          .expand(entry.value)
          .map((id) => (catalog.actions[id] as CatalogAction).name)
          .filter((name) => escalating.has(name))
    if (here.length === 0) continue
    for (const name of here) escalating.delete(name)
    const resource = statement.notResource ? '"NotResource"' : 'Resource "*"'
    sink.add(
      at(entry),
      here,
      (actions) =>
        `"${entry.value}" on ${resource} grants ${actions.length === 1 ? 'an action that allows' : `${actions.length} actions that allow`} ` +
        `privilege escalation: ${actions.map((a) => `${a} (${escalationReason(a)})`).join('; ')}. ` +
        `Scope ${actions.length === 1 ? 'it' : 'them'} to the exact resources, or remove ${actions.length === 1 ? 'it' : 'them'}.`,
    )
  }
}

function checkWildcardResource(
  statement: Statement,
  granted: readonly number[],
  catalog: Catalog,
  sink: FindingSink,
  draft: FindingDraft,
): void {
  const scopable = granted
    .map((id) => catalog.actions[id] as CatalogAction)
    .filter((a) => a.resourceTypes.length > 0)
  if (scopable.length === 0) return
  const what = statement.notResource ? '"NotResource"' : 'Resource "*"'
  const byName = new Map(scopable.map((a) => [a.name, a]))
  sink.add(
    draft,
    scopable.map((a) => a.name),
    (actions) =>
      `${what} on ${actions.length === 1 ? `${actions[0]}, which supports` : `${actions.length} actions that support`} ` +
      `resource-level permissions${actions.length > 1 ? ` (${preview(actions)})` : ''}. Name the resources instead.`,
    (actions) =>
      arnFormats(
        actions.map((a) => byName.get(a) as CatalogAction),
        catalog,
      ),
  )
}

/** Up to three ARN formats the actions accept, as a hint for the Resource to write. */
function arnFormats(actions: readonly CatalogAction[], catalog: Catalog): string | undefined {
  const formats = new Set<string>()
  for (const action of actions) {
    for (const key of action.resourceTypes) {
      const arn = catalog.resourceType(action.service, key)?.arn
      if (arn) formats.add(arn)
      if (formats.size === 3) return [...formats].join(', ')
    }
  }
  return formats.size > 0 ? [...formats].join(', ') : undefined
}

function names(ids: readonly number[], catalog: Catalog): string[] {
  return ids.map((id) => (catalog.actions[id] as CatalogAction).name)
}

/** "12 Write, 3 Permissions management, …": what a reviewer weighs first. */
function levelSummary(actions: readonly string[], catalog: Catalog): string {
  const counts = new Map<string, number>()
  for (const name of actions) {
    const level = catalog.lookup(name)?.accessLevel ?? 'unknown'
    counts.set(level, (counts.get(level) ?? 0) + 1)
  }
  const order = ['Permissions management', 'Write', 'Tagging', 'Read', 'List', 'unknown']
  return order
    .filter((level) => counts.has(level))
    .map((level) => `${counts.get(level)} ${level}`)
    .join(', ')
}

function preview(actions: readonly string[]): string {
  return actions.length <= 3 ? actions.join(', ') : `${actions.slice(0, 3).join(', ')}, …`
}
