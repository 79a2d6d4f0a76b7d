// Whether the roles an iam:PassRole statement may pass can do more than the principal that passes them.
// Passing a role to a service (an instance, a task, a function, a stack) lets the principal act as that
// role: an escalation only when the role may do what the principal may not. A Step Functions role that
// runs an ECS task with the template's own task role, a deployer that passes the roles it deploys: when
// each such role is found here and all it grants the principal is granted already, passing it gains
// nothing, and the combination is not a finding. Anything not sure keeps it one.

import { type Catalog, hasWildcard, type WildcardMatcher, wildcardMatcher } from '../catalog/catalog.js'
import { resourceOf } from '../vocabulary/accounts.js'
import type { PolicyDocument, PrincipalPolicies, Statement } from '../vocabulary/policy.js'
import { namesOwn, ownNames } from './own-resources.js'

/** A role found here, each way code names its ARN, and the template that defines it, if one does. */
interface KnownRole {
  readonly principal: PrincipalPolicies
  readonly names: readonly string[]
  readonly template: string | undefined
}

/** An Allow statement of the passing principal, as what it covers. */
interface Allow {
  readonly ids: ReadonlySet<number>
  /** Its Resource entries, each `*`, a pattern's matcher, or a value to be equal to. */
  readonly resources: readonly (string | WildcardMatcher)[]
  /** Its Condition as compact JSON, or null. */
  readonly condition: string | null
}

/** A principal's Allow statements, or `everything` when one grants `*` on `*` unconditionally. */
type Grants =
  | { readonly everything: true }
  | { readonly everything: false; readonly allows: readonly Allow[] }

export class PassedRoles {
  /**
   * The roles by the resource part of each name (`role/app`, or a whole `${Role.Arn}`): a Resource entry
   * without a wildcard names a role only if that part is the same, so each is weighed against those alone.
   */
  private byResource: Map<string, KnownRole[]> | undefined
  /** Of each passing principal: its grants, or undefined when a Deny or a boundary makes them unsure. */
  private readonly grants = new WeakMap<PrincipalPolicies, Grants | undefined>()
  /** Of each role, by passing principal, what it is granted beyond (see beyond): each combination asks. */
  private readonly weighed = new WeakMap<
    PrincipalPolicies,
    Map<PrincipalPolicies, string | null | undefined>
  >()

  constructor(
    /** Every principal found (a shard checks a part of them; the roles passed may be in another). */
    private readonly principals: readonly PrincipalPolicies[],
    private readonly catalog: Catalog,
  ) {}

  /** The roles by the resource part of their names, made when a path first asks: most runs have none. */
  private index(): Map<string, KnownRole[]> {
    if (this.byResource) return this.byResource
    const byResource = new Map<string, KnownRole[]>()
    for (const principal of this.principals) {
      if (!/:role\//.test(principal.arn)) continue
      const role = { principal, names: ownNames(principal), template: templateOf(principal) }
      for (const key of new Set(role.names.map(resourceOf))) {
        const known = byResource.get(key)
        if (known) known.push(role)
        else byResource.set(key, [role])
      }
    }
    this.byResource = byResource
    return byResource
  }

  /**
   * Whether every role `statement` (an iam:PassRole grant of `policy`) may pass is a role found here
   * that is granted nothing `principal` is not granted already: each of its Resource entries names such
   * a role, or several roles none of which is granted more.
   */
  passesNoMore(statement: Statement, policy: PolicyDocument, principal: PrincipalPolicies): boolean {
    if (statement.notResource || statement.resources.length === 0) return false
    for (const { value } of statement.resources) {
      // Which of several roles one ARN is (two roots that each make `module.runner`'s role) need not be
      // known when none of them is granted more.
      const roles = this.rolesNamed(value, policy)
      if (roles.length === 0 || roles.some((r) => this.beyond(r.principal, principal) !== null)) return false
    }
    return true
  }

  /**
   * Of the roles `statement` may pass, the first found here that is granted an action `principal` is not
   * (on the resources it is granted it on), and that action; undefined when none is known to be.
   */
  more(
    statement: Statement,
    policy: PolicyDocument,
    principal: PrincipalPolicies,
  ): { readonly role: string; readonly action: string } | undefined {
    if (statement.notResource) return undefined
    for (const { value } of statement.resources) {
      const [role, ...others] = this.rolesNamed(value, policy)
      const action = role && others.length === 0 ? this.beyond(role.principal, principal) : undefined
      if (role && typeof action === 'string') return { role: role.principal.arn, action }
    }
    return undefined
  }

  /** The roles found here that a Resource entry of `policy`'s may be: none for a pattern. */
  private rolesNamed(value: string, policy: PolicyDocument): readonly KnownRole[] {
    if (hasWildcard(value)) return []
    const candidates = this.index().get(resourceOf(value)) ?? []
    const found = candidates.filter((r) => r.names.some((name) => namesOwn(value, name)))
    // A template's `${WorkerRole.Arn}` names the role of its own template, never another's WorkerRole: a
    // name with a placeholder is looked up there alone. A full ARN is the same role wherever it is.
    const template = policy.source?.kind === 'cloudformation' ? policy.source.template : undefined
    if (template === undefined || !value.includes('${')) return found
    return found.filter((r) => r.template === template)
  }

  /**
   * What `role` is granted beyond what `principal` is: null when nothing, the name of an action it is
   * granted that `principal` is not, or undefined when that cannot be told here.
   */
  private beyond(role: PrincipalPolicies, principal: PrincipalPolicies): string | null | undefined {
    let byPrincipal = this.weighed.get(role)
    if (!byPrincipal) {
      byPrincipal = new Map()
      this.weighed.set(role, byPrincipal)
    }
    if (!byPrincipal.has(principal)) byPrincipal.set(principal, this.weigh(role, principal))
    return byPrincipal.get(principal)
  }

  private weigh(role: PrincipalPolicies, principal: PrincipalPolicies): string | null | undefined {
    if (role === principal) return null
    // What the role holds that is not known here may be anything.
    if ((role.unresolved?.length ?? 0) > 0) return undefined
    let grants = this.grants.get(principal)
    if (!this.grants.has(principal)) {
      grants = this.grantsOf(principal)
      this.grants.set(principal, grants)
    }
    if (!grants) return undefined
    if (grants.everything) return null
    // The role's Deny statements and boundary only take away from it: what it is granted is no less.
    for (const document of role.policies)
      for (const s of document.statements) {
        if (s.effect !== 'Allow') continue
        if (s.notAction || s.notResource) return undefined
        // The principal's statements that cover all of this one's resources, under its condition or none:
        // weighed once for the statement, then each action is looked up in them.
        const condition = s.condition?.value ?? null
        const covering = grants.allows.filter(
          (a) => (a.condition === null || a.condition === condition) && coversAll(a, s.resources),
        )
        for (const entry of s.actions)
          for (const id of this.catalog.expand(entry.value))
            if (!covering.some((a) => a.ids.has(id))) return this.catalog.nameOf(id)
      }
    return null
  }

  /**
   * What `principal`'s Allow statements cover. Undefined when a Deny statement or a boundary may take
   * some of it away: then what it is granted is not what its Allow statements say, and is not weighed.
   */
  private grantsOf(principal: PrincipalPolicies): Grants | undefined {
    if (principal.boundary) return undefined
    const statements = principal.policies.flatMap((d) => d.statements)
    if (statements.some((s) => s.effect !== 'Allow')) return undefined
    const allows: Allow[] = []
    for (const s of statements) {
      if (s.notAction || s.notResource) continue
      const condition = s.condition?.value ?? null
      const values = s.resources.map((r) => r.value)
      const star = s.actions.some((a) => /^\*+$/.test(a.value))
      if (star && condition === null && values.includes('*')) return { everything: true }
      const ids = new Set<number>()
      for (const entry of s.actions) for (const id of this.catalog.expand(entry.value)) ids.add(id)
      const resources = values.map((v) => (v !== '*' && hasWildcard(v) ? wildcardMatcher(v, false) : v))
      allows.push({ ids, resources, condition })
    }
    return { everything: false, allows }
  }
}

/** Whether an Allow statement of the principal names every one of `resources` (the role's statement's). */
function coversAll(allow: Allow, resources: readonly { value: string }[]): boolean {
  return resources.every(({ value }) =>
    allow.resources.some((r) => (typeof r === 'string' ? r === '*' || r === value : r.test(value))),
  )
}

/** The template that defines a role: its source's (a principal found), else its own documents'. */
function templateOf(principal: PrincipalPolicies & { readonly source?: object }): string | undefined {
  const { source } = principal
  if (source && 'template' in source && typeof source.template === 'string') return source.template
  for (const d of principal.policies) if (d.source?.kind === 'cloudformation') return d.source.template
  return undefined
}
