// What statements grant: IAM action patterns expanded against the catalog, less what the principal's
// Deny statements take away. Every check and the least-privilege builder ask this one engine.
import type { Catalog, CatalogAction } from '../catalog/catalog.js'
import { combines, escalates } from '../catalog/escalation.js'
import type { PolicyDocument, PrincipalPolicies, Statement } from '../vocabulary/policy.js'

/** What a set of Allow entries grants once expanded and the principal's Deny subtracted. */
export interface Grant {
  /** Its actions' catalog ids, in catalog order: what bitmaps are made of, without the action objects. */
  readonly ids: Int32Array
  readonly actions: readonly CatalogAction[]
  readonly names: readonly string[]
  /** Granted actions known to allow privilege escalation. */
  readonly escalating: ReadonlySet<string>
  /**
   * Granted actions that accept resource-level permissions and always act on a resource (a
   * `Resource: "*"` on them is a finding): not those a request may send without one (resourceOptional).
   */
  readonly scopable: readonly string[]
  /** The granted permissions of escalation combinations (ESCALATION_COMBINATIONS): mostly none. */
  readonly combining: readonly CatalogAction[]
}

/** A principal's unconditional Deny: a bitmap by action id, and a key naming it for the caches. */
export interface Denied {
  readonly key: string
  readonly ids: Uint8Array | undefined
}

/** The Deny of a principal that has none. */
export const NO_DENY: Denied = { key: '', ids: undefined }

/**
 * Deny statements that apply unconditionally to every resource remove what they deny from every
 * statement of the principal, in any of its files. A conditional or resource-scoped Deny removes
 * nothing here: it may not apply, and a security check must not assume it does.
 *
 * One engine serves a whole run: repositories repeat the same statements across principals and files,
 * so what a statement grants is computed once per distinct statement and Deny set, and findings share
 * their action lists.
 */
export class GrantEngine {
  // By Deny set, then by the statement's patterns: principals with the same guardrails share one Deny
  // object, so the outer lookup is by identity and only the short pattern key is hashed.
  private readonly grants = new Map<Denied, Map<string, Grant>>()
  private readonly denials = new Map<string, Denied>()
  private readonly boundaries = new Map<string, Uint8Array>()
  /** What the checks ask of each action (TRAIT_* bits), worked out the first time a grant holds it. */
  private readonly traits: Uint8Array
  /** Working space of computeGrant: the ids it picks, and a mark per action (all 0 between calls). */
  private readonly picked: Int32Array
  private readonly mark: Uint8Array

  constructor(readonly catalog: Catalog) {
    this.traits = new Uint8Array(catalog.size)
    this.picked = new Int32Array(catalog.size)
    this.mark = new Uint8Array(catalog.size)
  }

  /**
   * What Allow entries grant (for NotAction, all other actions), less the principal's Deny. Cached.
   * `expansions`, when the caller has them, are the patterns' catalog.expand results, in order.
   */
  grantOf(
    notAction: boolean,
    patterns: readonly { readonly value: string }[],
    denied: Denied,
    expansions?: readonly (readonly number[])[],
  ): Grant {
    // One entry is keyed by itself (no pattern holds \u0001): most lookups are of one entry.
    let key = patterns.length === 1 && !notAction ? (patterns[0] as { readonly value: string }).value : ''
    if (key === '') {
      key = notAction ? '!' : ''
      for (const pattern of patterns) key += `${pattern.value}\u0001`
    }
    let byPatterns = this.grants.get(denied)
    if (!byPatterns) {
      byPatterns = new Map()
      this.grants.set(denied, byPatterns)
    }
    const cached = byPatterns.get(key)
    if (cached) return cached
    const grant = this.computeGrant(
      notAction,
      expansions ?? patterns.map((p) => this.catalog.expand(p.value)),
      denied,
    )
    byPatterns.set(key, grant)
    return grant
  }

  private computeGrant(
    notAction: boolean,
    expansions: readonly (readonly number[])[],
    denied: Denied,
  ): Grant {
    const { catalog, mark } = this
    const deny = denied.ids
    const ids = this.picked
    let n = 0
    let count = 0
    for (const list of expansions) count += list.length
    if (notAction || count > catalog.size / 8) {
      // A mark per action of the catalog, read in order.
      for (const list of expansions) for (let i = 0; i < list.length; i++) mark[list[i] as number] = 1
      const wanted = notAction ? 0 : 1
      for (let id = 0; id < catalog.size; id++) if (mark[id] === wanted && !deny?.[id]) ids[n++] = id
      for (const list of expansions) for (let i = 0; i < list.length; i++) mark[list[i] as number] = 0
    } else if (expansions.length === 1) {
      // One entry: its expansion is in catalog order already.
      const list = expansions[0] as readonly number[]
      for (let i = 0; i < list.length; i++) {
        const id = list[i] as number
        if (!deny?.[id]) ids[n++] = id
      }
    } else {
      // Only the named actions, each once, in catalog order: most statements name a few of 22,000.
      for (const list of expansions) {
        for (let i = 0; i < list.length; i++) {
          const id = list[i] as number
          if (mark[id] === 1) continue
          mark[id] = 1
          if (!deny?.[id]) ids[n++] = id
        }
      }
      for (const list of expansions) for (let i = 0; i < list.length; i++) mark[list[i] as number] = 0
      ids.subarray(0, n).sort()
    }
    // The traits of all its actions together: most grants escalate nothing and combine nothing, and
    // then their lists of those are never made.
    const { traits } = this
    let all = 0
    for (let i = 0; i < n; i++) {
      const id = ids[i] as number
      all |= traits[id] || this.traitsOf(catalog.action(id))
    }
    return new LazyGrant(catalog, ids.slice(0, n), all, traits)
  }

  private traitsOf(action: CatalogAction): number {
    const traits =
      TRAIT_KNOWN |
      (escalates(action) ? TRAIT_ESCALATES : 0) |
      (action.resourceTypes.length > 0 && !action.resourceOptional ? TRAIT_SCOPABLE : 0) |
      (combines(action) ? TRAIT_COMBINES : 0)
    this.traits[action.id] = traits
    return traits
  }

  /**
   * Actions every statement of the principal is denied: Deny statements with no Condition whose
   * Resource includes `*`, and, with a permissions boundary, every action the boundary does not allow
   * (its Allow statements, less its own unconditional Deny: the effective grant is the intersection).
   * Keyed by those statements' patterns, so principals with the same guardrails share one bitmap and
   * one set of cached grants.
   */
  deniedFor(principal: PrincipalPolicies): Denied {
    const denying = unconditionalDenies(principal.policies)
    const boundary = principal.boundary
    if (denying.length === 0 && !boundary) return NO_DENY
    const key = `${patternKey(denying)}\u0003${boundary ? boundaryKey(boundary) : ''}`
    const cached = this.denials.get(key)
    if (cached) return cached
    const ids = new Uint8Array(this.catalog.size)
    for (const s of denying) for (const id of this.grantOf(s.notAction, s.actions, NO_DENY).ids) ids[id] = 1
    if (boundary) {
      const allowed = this.boundaryAllows(boundary)
      for (let id = 0; id < ids.length; id++) if (!allowed[id]) ids[id] = 1
    }
    const denied = { key, ids }
    this.denials.set(key, denied)
    return denied
  }

  /**
   * What a permissions boundary allows, a mark per action id: its Allow statements (whatever their
   * resources and conditions: at most this), less its own unconditional Deny. Cached by its statements.
   */
  boundaryAllows(boundary: PolicyDocument): Uint8Array {
    const key = boundaryKey(boundary)
    const cached = this.boundaries.get(key)
    if (cached) return cached
    const allowed = new Uint8Array(this.catalog.size)
    for (const s of boundary.statements)
      if (s.effect === 'Allow')
        for (const id of this.grantOf(s.notAction, s.actions, NO_DENY).ids) allowed[id] = 1
    for (const s of unconditionalDenies([boundary]))
      for (const id of this.grantOf(s.notAction, s.actions, NO_DENY).ids) allowed[id] = 0
    this.boundaries.set(key, allowed)
    return allowed
  }
}

/** The Deny statements that deny what they name everywhere, always: no condition, Resource "*". */
export function unconditionalDenies(policies: readonly PolicyDocument[]): Statement[] {
  const denying: Statement[] = []
  for (const policy of policies) {
    for (const s of policy.statements) {
      if (s.effect === 'Deny' && !s.condition && !s.notResource && s.resources.some((r) => r.value === '*'))
        denying.push(s)
    }
  }
  return denying
}

function patternKey(statements: readonly Statement[]): string {
  return statements
    .map((s) => `${s.notAction ? '!' : ''}${s.actions.map((a) => a.value).join('\u0001')}`)
    .sort()
    .join('\u0002')
}

/** The boundary's statements that decide what it allows, as a cache key. */
function boundaryKey(boundary: PolicyDocument): string {
  return boundary.statements
    .filter(
      (s) =>
        s.effect === 'Allow' || (!s.condition && !s.notResource && s.resources.some((r) => r.value === '*')),
    )
    .map((s) => `${s.effect}${s.notAction ? '!' : ''}${s.actions.map((a) => a.value).join('\u0001')}`)
    .sort()
    .join('\u0002')
}

/**
 * The actions a list of names was made from, for the lists made here: what is said of a list (its
 * access levels) is read from the actions instead of looking each name up again.
 */
const ACTIONS_OF_NAMES = new WeakMap<readonly string[], readonly CatalogAction[]>()

/** The names of `actions`, remembered as made from them (see actionsOfNames). */
export function namesOf(actions: readonly CatalogAction[]): readonly string[] {
  const names = actions.map((a) => a.name)
  ACTIONS_OF_NAMES.set(names, actions)
  return names
}

/** The actions a list of names was made from by namesOf, if it was. */
export function actionsOfNames(names: readonly string[]): readonly CatalogAction[] | undefined {
  return ACTIONS_OF_NAMES.get(names)
}

/** The ids a grant's list of names was made from (see idsOfNames). */
const IDS_OF_NAMES = new WeakMap<readonly string[], Int32Array>()

/** The catalog ids of a grant's `names`, in order, when it is such a list. */
export function idsOfNames(names: readonly string[]): Int32Array | undefined {
  return IDS_OF_NAMES.get(names)
}

const TRAIT_KNOWN = 1
const TRAIT_ESCALATES = 2
const TRAIT_SCOPABLE = 4
const TRAIT_COMBINES = 8

const NONE: readonly string[] = []
const NO_ACTIONS: readonly CatalogAction[] = []
const NO_NAMES: ReadonlySet<string> = new Set()

/**
 * A grant as the ids of its actions, in catalog order, and its lists, each worked out when first asked
 * for: most checks need one or two of them, and what they ask of each action is read from its traits.
 */
class LazyGrant implements Grant {
  private actions_: readonly CatalogAction[] | undefined
  private names_: readonly string[] | undefined
  private escalating_: ReadonlySet<string> | undefined
  private scopable_: readonly string[] | undefined
  private combining_: readonly CatalogAction[] | undefined

  constructor(
    private readonly catalog: Catalog,
    readonly ids: Int32Array,
    /** The TRAIT_* bits of its actions together. */
    private readonly all: number,
    /** Each action's TRAIT_* bits (the engine's, set for every id here). */
    private readonly traits: Uint8Array,
  ) {}

  get actions(): readonly CatalogAction[] {
    if (!this.actions_) {
      const actions = new Array<CatalogAction>(this.ids.length)
      for (let i = 0; i < actions.length; i++) actions[i] = this.catalog.action(this.ids[i] as number)
      this.actions_ = actions
    }
    return this.actions_
  }

  get names(): readonly string[] {
    if (!this.names_) {
      // From the catalog's names by id: most grants' lists are never wanted as action objects.
      const names = this.catalog.namesOf(this.ids)
      IDS_OF_NAMES.set(names, this.ids)
      this.names_ = names
    }
    return this.names_
  }

  get escalating(): ReadonlySet<string> {
    this.escalating_ ??= this.all & TRAIT_ESCALATES ? new Set(this.namesWith(TRAIT_ESCALATES)) : NO_NAMES
    return this.escalating_
  }

  get scopable(): readonly string[] {
    this.scopable_ ??= this.all & TRAIT_SCOPABLE ? this.namesWith(TRAIT_SCOPABLE) : NONE
    return this.scopable_
  }

  get combining(): readonly CatalogAction[] {
    this.combining_ ??=
      this.all & TRAIT_COMBINES
        ? this.idsWith(TRAIT_COMBINES).map((id) => this.catalog.action(id))
        : NO_ACTIONS
    return this.combining_
  }

  /**
   * The names of its actions that have a trait, in order: a loop of its own, not idsWith's ids mapped,
   * which made a whole run over AWS's managed policies 1.8 % more instructions (callgrind).
   */
  private namesWith(trait: number): string[] {
    const found: string[] = []
    for (let i = 0; i < this.ids.length; i++) {
      const id = this.ids[i] as number
      if ((this.traits[id] as number) & trait) found.push(this.catalog.nameOf(id))
    }
    return found
  }

  /** The ids of its actions that have a trait, in order. */
  private idsWith(trait: number): number[] {
    const found: number[] = []
    for (let i = 0; i < this.ids.length; i++) {
      const id = this.ids[i] as number
      if ((this.traits[id] as number) & trait) found.push(id)
    }
    return found
  }
}

/** `*` or `service:*`: every action of one or all services. */
export function isServiceWildcard(pattern: string): boolean {
  return pattern === '*' || (pattern.endsWith(':*') && SERVICE_WILDCARD.test(pattern))
}

// Regular expressions of hot paths live at module level: a literal in a function is a new RegExp object
// each time the function runs, and these run once per action entry.
const SERVICE_WILDCARD = /^[^:*?]+:\*$/
