import { closest } from 'fastest-levenshtein'
import { type Catalog, type CatalogAction, hasWildcard } from '../catalog/catalog.js'
import { escalationReason } from '../catalog/escalation.js'
import type { Located, PolicyDocument, Statement } from '../policy/parse-policy.js'
import { draftAt, type FindingDraft, type FindingSink } from './finding-sink.js'

/** The repository's policies of one principal. */
export interface PrincipalPolicies {
  readonly arn: string
  readonly policies: readonly PolicyDocument[]
}

/** What a set of Allow entries grants once expanded and the principal's Deny subtracted. */
export interface Grant {
  readonly actions: readonly CatalogAction[]
  readonly names: readonly string[]
  /** Granted actions known to allow privilege escalation. */
  readonly escalating: ReadonlySet<string>
  /** Granted actions that accept resource-level permissions (a `Resource: "*"` on them is a finding). */
  readonly scopable: readonly string[]
}

/** A principal's unconditional Deny: a bitmap by action id, and a key naming it for the caches. */
export interface Denied {
  readonly key: string
  readonly ids: Uint8Array | undefined
}

/**
 * The checks that need no AWS: `unknown-action`, `wildcard-action` (`*`, `service:*`, `NotAction` with
 * Allow), `privilege-escalation` on `Resource: "*"`, and `wildcard-resource`. This is the whole verdict
 * in static mode (fork PRs) and part of it otherwise.
 *
 * Deny statements that apply unconditionally to every resource remove what they deny from every
 * statement of the principal, in any of its files. A conditional or resource-scoped Deny removes nothing
 * here: it may not apply, and a security check must not assume it does.
 *
 * One checker serves a whole run: repositories repeat the same statements across principals and files,
 * so what a statement grants is computed once per distinct statement and Deny set, and findings share
 * their action lists.
 */
export class StaticChecker {
  // By Deny set, then by the statement's patterns: principals with the same guardrails share one Deny
  // object, so the outer lookup is by identity and only the short pattern key is hashed.
  private readonly grants = new Map<Denied, Map<string, Grant>>()
  private readonly denials = new Map<string, Denied>()
  private readonly summaries = new WeakMap<readonly string[], string>()
  private readonly texts = new WeakMap<readonly string[], Map<string, string | null>>()
  private readonly unknown = new Map<string, { message: string; suggestion: string | null }>()

  constructor(private readonly catalog: Catalog) {}

  check(principal: PrincipalPolicies, sink: FindingSink): void {
    const denied = this.deniedEverywhere(principal.policies)
    for (const policy of principal.policies) {
      for (const statement of policy.statements) {
        const at = draftAt(principal.arn, policy.file, statement)
        for (const entry of statement.actions) {
          if (this.catalog.expand(entry.value).length === 0)
            this.reportUnknown(entry, sink, at(entry, 'unknown-action'))
        }
        if (statement.effect === 'Allow') this.checkAllow(statement, denied, sink, at)
      }
    }
  }

  private checkAllow(
    statement: Statement,
    denied: Denied,
    sink: FindingSink,
    at: (entry: Located<string>, kind: FindingDraft['kind']) => FindingDraft,
  ): void {
    const [first] = statement.actions
    if (!first) return
    const grant = this.grant(statement.notAction, statement.actions, denied)
    if (statement.notAction) {
      const excluded = statement.actions.map((a) => a.value).join(', ')
      sink.add(at(first, 'wildcard-action'), grant.names, (actions) =>
        this.text(
          actions,
          `not:${excluded}`,
          () =>
            `"NotAction" with "Allow" grants every action except ${excluded}: ${actions.length} actions ` +
            `(${this.levels(actions)}), including those of services added later. List the actions the principal needs instead.`,
        ),
      )
    } else {
      for (const entry of statement.actions) {
        if (!isServiceWildcard(entry.value)) continue
        const { names } = this.grant(false, [entry], denied)
        if (names.length === 0) continue
        const scope = entry.value === '*' ? 'every service' : `the ${entry.value.split(':')[0]} service`
        sink.add(at(entry, 'wildcard-action'), names, (actions) =>
          this.text(
            actions,
            `all:${entry.value}`,
            () =>
              `"${entry.value}" grants every action of ${scope}: ${actions.length} actions (${this.levels(actions)}). ` +
              'List the actions the principal needs instead.',
          ),
        )
      }
    }

    const star = statement.notResource
      ? statement.resources[0]
      : statement.resources.find((r) => r.value === '*')
    if (!star) return
    const resource = statement.notResource ? '"NotResource"' : 'Resource "*"'
    if (grant.escalating.size > 0) this.reportEscalation(statement, grant, denied, resource, sink, at)
    if (grant.scopable.length > 0) {
      sink.add(
        at(star, 'wildcard-resource'),
        grant.scopable,
        (actions) =>
          this.text(
            actions,
            `res:${resource}`,
            () =>
              `${resource} on ${actions.length === 1 ? `${actions[0]}, which supports` : `${actions.length} actions that support`} ` +
              `resource-level permissions${actions.length > 1 ? ` (${preview(actions)})` : ''}. Name the resources instead.`,
          ),
        (actions) => this.text(actions, 'arn', () => this.arnFormats(actions)),
      )
    }
  }

  /** One finding per escalation action, on the first entry that grants it (for NotAction, on its key). */
  private reportEscalation(
    statement: Statement,
    grant: Grant,
    denied: Denied,
    resource: string,
    sink: FindingSink,
    at: (entry: Located<string>, kind: FindingDraft['kind']) => FindingDraft,
  ): void {
    const pending = new Set(grant.escalating)
    for (const entry of statement.notAction ? statement.actions.slice(0, 1) : statement.actions) {
      const granted = statement.notAction ? [...pending] : this.grant(false, [entry], denied).names
      const here = granted.filter((name) => pending.has(name))
      if (here.length === 0) continue
      for (const name of here) pending.delete(name)
      sink.add(at(entry, 'privilege-escalation'), here, (actions) => {
        const one = actions.length === 1
        return (
          `"${entry.value}" on ${resource} grants ${one ? 'an action that allows' : `${actions.length} actions that allow`} ` +
          `privilege escalation: ${actions.map((a) => `${a} (${escalationReason(a)})`).join('; ')}. ` +
          `Scope ${one ? 'it' : 'them'} to the exact resources, or remove ${one ? 'it' : 'them'}.`
        )
      })
    }
  }

  private reportUnknown(entry: Located<string>, sink: FindingSink, draft: FindingDraft): void {
    let known = this.unknown.get(entry.value)
    if (!known) {
      known = this.describeUnknown(entry.value)
      this.unknown.set(entry.value, known)
    }
    const { message, suggestion } = known
    sink.add(
      draft,
      [entry.value],
      () => (suggestion ? `${message}. Did you mean "${suggestion}"?` : message),
      () => suggestion,
    )
  }

  private describeUnknown(value: string): { message: string; suggestion: string | null } {
    const [service = '', action = ''] = value.split(':')
    const stamp = `the IAM catalog of ${this.catalog.date.slice(0, 10)}`
    if (!hasWildcard(service) && !this.catalog.hasService(service)) {
      const near = closest(service.toLowerCase(), [...this.catalog.serviceKeys()])
      return {
        message: `"${value}": ${stamp} has no service "${service}"; a typo, or a service newer than the catalog`,
        suggestion: near ? `${near}:${action}` : null,
      }
    }
    if (hasWildcard(value))
      return { message: `"${value}" matches no action in ${stamp}; it grants nothing`, suggestion: null }
    const names = this.catalog
      .expand(`${service}:*`)
      .map((id) => (this.catalog.actions[id] as CatalogAction).name)
    return {
      message: `"${value}" is not an action of ${service} in ${stamp}; a typo, or an action newer than the catalog`,
      suggestion: closest(value, names),
    }
  }

  /** What Allow entries grant (for NotAction, all other actions), less the principal's Deny. Cached. */
  grant(notAction: boolean, patterns: readonly { readonly value: string }[], denied: Denied): Grant {
    let key = notAction ? '!' : ''
    for (const pattern of patterns) key += `${pattern.value}\u0001`
    let byPatterns = this.grants.get(denied)
    if (!byPatterns) {
      byPatterns = new Map()
      this.grants.set(denied, byPatterns)
    }
    const cached = byPatterns.get(key)
    if (cached) return cached
    const { actions: all } = this.catalog
    const named = new Uint8Array(all.length)
    for (const pattern of patterns) for (const id of this.catalog.expand(pattern.value)) named[id] = 1
    const actions: CatalogAction[] = []
    for (let id = 0; id < all.length; id++) {
      if (named[id] !== (notAction ? 0 : 1) || denied.ids?.[id]) continue
      actions.push(all[id] as CatalogAction)
    }
    const grant: Grant = {
      actions,
      names: actions.map((a) => a.name),
      escalating: new Set(actions.filter((a) => escalationReason(a.name)).map((a) => a.name)),
      scopable: actions.filter((a) => a.resourceTypes.length > 0).map((a) => a.name),
    }
    byPatterns.set(key, grant)
    return grant
  }

  /**
   * Actions every statement of the principal is denied: Deny statements with no Condition whose
   * Resource includes `*`. Keyed by those statements' patterns, so principals with the same guardrails
   * share one bitmap and one set of cached grants.
   */
  deniedEverywhere(policies: readonly PolicyDocument[]): Denied {
    const denying: Statement[] = []
    for (const policy of policies) {
      for (const s of policy.statements) {
        if (
          s.effect === 'Deny' &&
          !s.condition &&
          !s.notResource &&
          s.resources.some((r) => r.value === '*')
        ) {
          denying.push(s)
        }
      }
    }
    if (denying.length === 0) return NO_DENY
    const key = denying
      .map((s) => `${s.notAction ? '!' : ''}${s.actions.map((a) => a.value).join('\u0001')}`)
      .sort()
      .join('\u0002')
    const cached = this.denials.get(key)
    if (cached) return cached
    const ids = new Uint8Array(this.catalog.actions.length)
    for (const s of denying)
      for (const action of this.grant(s.notAction, s.actions, NO_DENY).actions) ids[action.id] = 1
    const denied = { key, ids }
    this.denials.set(key, denied)
    return denied
  }

  /** Up to three ARN formats the actions accept, as a hint for the Resource to write. */
  private arnFormats(names: readonly string[]): string | null {
    const formats = new Set<string>()
    for (const name of names) {
      const action = this.catalog.lookup(name)
      for (const key of action?.resourceTypes ?? []) {
        const arn = action && this.catalog.resourceType(action.service, key)?.arn
        if (arn) formats.add(arn)
        if (formats.size === 3) return [...formats].join(', ')
      }
    }
    return formats.size > 0 ? [...formats].join(', ') : null
  }

  /**
   * A message or suggestion about an action list, built once per list and template: findings on the
   * same statement shape share their grant's list, so a thousand principals cost one message.
   */
  private text<T extends string | null>(actions: readonly string[], template: string, build: () => T): T {
    let byTemplate = this.texts.get(actions)
    if (!byTemplate) {
      byTemplate = new Map()
      this.texts.set(actions, byTemplate)
    }
    if (!byTemplate.has(template)) byTemplate.set(template, build())
    return byTemplate.get(template) as T
  }

  /** "12 Write, 3 Permissions management, …": what a reviewer weighs first. Cached per list. */
  levels(actions: readonly string[]): string {
    const cached = this.summaries.get(actions)
    if (cached !== undefined) return cached
    const counts = new Map<string, number>()
    for (const name of actions) {
      const level = this.catalog.lookup(name)?.accessLevel ?? 'unknown'
      counts.set(level, (counts.get(level) ?? 0) + 1)
    }
    const text = ['Permissions management', 'Write', 'Tagging', 'Read', 'List', 'unknown']
      .filter((level) => counts.has(level))
      .map((level) => `${counts.get(level)} ${level}`)
      .join(', ')
    this.summaries.set(actions, text)
    return text
  }
}

/** The Deny of a principal that has none. */
const NO_DENY: Denied = { key: '', ids: undefined }

/** `*` or `service:*`: every action of one or all services. */
export function isServiceWildcard(pattern: string): boolean {
  return pattern === '*' || /^[^:*?]+:\*$/.test(pattern)
}

function preview(actions: readonly string[]): string {
  return actions.length <= 3 ? actions.join(', ') : `${actions.slice(0, 3).join(', ')}, …`
}
