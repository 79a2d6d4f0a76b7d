import { closest, distance } from 'fastest-levenshtein'
import {
  groupsOperations,
  operationNear,
  operationOrSlip,
  permissionsOfOperation,
} from '../catalog/api-operations.js'
import { type Catalog, type CatalogAction, hasWildcard } from '../catalog/catalog.js'
import {
  actionsPinnedBy,
  alwaysPresent,
  COMBINATION_PARTS,
  ESCALATION_COMBINATIONS,
  type EscalationCombination,
  escalationReason,
  escalationTargets,
  OWN_TARGETS,
  type OwnTarget,
  taggingService,
} from '../catalog/escalation.js'
import { managedPolicyArnNamed } from '../catalog/managed-policies.js'
import { boundaryPlaceOf } from '../sources/policy-source.js'
import { arnFieldColons } from '../vocabulary/accounts.js'
import { kept } from '../vocabulary/lists.js'
import { openings } from '../vocabulary/placeholders.js'
import {
  conditionOperators,
  type Located,
  type PolicyDocument,
  type PrincipalPolicies,
  policyPathOf,
  type Statement,
} from '../vocabulary/policy.js'
import { previewList, quote } from '../vocabulary/problems.js'
import { thousands } from '../vocabulary/text.js'
import { type Expiry, expiryOf } from './expired.js'
import type { FindingText } from './finding-text.js'
import { type Denied, type Grant, type GrantEngine, isServiceWildcard, NO_DENY, namesOf } from './grants.js'
import { type DraftAt, draftAt, type FindingCollector } from './ignore-rules.js'
import { namesOwn, type OwnResources, ownResources } from './own-resources.js'
import type { PassedRoles } from './passed-roles.js'
import {
  actionFormats,
  actsOn,
  coversEveryResource,
  excludedByNotResource,
  nearestFormat,
  noResourceLeft,
  resourceShape,
} from './resource-types.js'

/**
 * The checks that need no AWS: `unknown-action`, `wildcard-action` (`*`, `service:*`, `NotAction` with
 * Allow), `privilege-escalation` on `Resource: "*"`, and `wildcard-resource`. This is the whole verdict
 * in static mode (fork PRs) and part of it otherwise.
 */
export class StaticChecker {
  private readonly unknown = new Map<string, { message: string; suggestion: string | null }>()
  /** The service meant by each unknown prefix met (AWS's managed policies name retired ones thousands of times). */
  private readonly nearServices = new Map<string, string | undefined>()
  private readonly effective = new WeakMap<Grant, Map<string, readonly string[]>>()
  /** combinationParts' lists, the same way (EVERYWHERE for a statement on every resource). */
  private readonly parts = new WeakMap<Grant, Map<string, readonly string[]>>()
  private readonly notResourceGrants = new WeakMap<Grant, Map<string, Grant>>()
  /** Each statement's resources' services, for unknown actions granted on them (inResourcesService). */
  private readonly servicesOfResources = new WeakMap<Statement, readonly string[]>()
  /** By service (lower case): its actions' names, each with its words' stems (sameWords). */
  private readonly serviceStems = new Map<string, ReadonlyMap<string, string>>()
  /**
   * Of the principal being checked, each statement's escalation actions (lower case) a critical finding
   * names already: not those a Condition pins, which a path through them may still complete.
   */
  private readonly escalated = new Map<Statement, Set<string>>()
  /** Of the principal being checked, each statement's escalation actions (lower case) a finding names already. */
  private readonly escalationSaid = new Map<Statement, Set<string>>()
  /** How many Resource entries the run has weighed against principals' own resources (MAX_OWN_COMPARISONS). */
  private ownComparisons = 0
  private readonly catalog: Catalog

  constructor(
    private readonly grants: GrantEngine,
    private readonly text: FindingText,
    /** The roles found, to weigh what an iam:PassRole of one of them gives; none: every pass may. */
    private readonly passed?: PassedRoles,
    /** When the run is: a statement whose Condition allows only earlier requests grants nothing. */
    private readonly now: number = Date.now(),
  ) {
    this.catalog = grants.catalog
  }

  check(principal: PrincipalPolicies, sink: FindingCollector): void {
    const denied = this.grants.deniedFor(principal)
    this.escalated.clear()
    this.escalationSaid.clear()
    // The parts of escalation combinations granted, each with the statements that grant it.
    const parts: GrantedParts = new Map()
    // Worked out for the first statement that could change one of them: few do.
    let own: OwnResources | undefined
    for (const policy of principal.policies) {
      for (const statement of policy.statements) {
        const at = draftAt(principal.arn, policy, statement)
        // Expanded once: for unknown actions here, and for the grant on a cache miss.
        const expansions = this.expansionsOf(statement)
        // AWS's own managed policies name retired services (iot1click:*, deepcomposer:*), and AWS SAM's
        // policy templates and connectors actions IAM does not have (SQSPollerPolicy's
        // sqs:DeleteMessageBatch) or on resources they cannot act on (RekognitionNoDataAccessPolicy's
        // rekognition:DetectFaces on a collection, a table connector's dynamodb:ListStreams on its
        // streams): nothing the principal's authors wrote or can edit, and a grant smaller than it reads,
        // not a risk. What the policy grants is still checked.
        const ours =
          policy.source?.kind !== 'aws-managed-policy' &&
          !(
            policy.source?.kind === 'cloudformation' &&
            (policy.source.samPolicyTemplate || policy.source.samConnector)
          )
        if (ours) this.reportUnknownActions(statement, expansions, sink, at)
        if (statement.effect !== 'Allow') continue
        const expiry = expiryOf(statement, this.now)
        if (expiry) {
          this.reportExpired(statement, expiry, sink, at)
          continue
        }
        if (ours && policy.version !== '2012-10-17') this.reportLiteralVariables(statement, sink, at)
        const grant = this.checkAllow(statement, expansions, denied, sink, at, ours)
        if (!grant) continue
        if (grant.escalating.size > 0 && !statement.notResource && !starOf(statement)) {
          own ??= ownResources(principal)
          this.reportOwnEscalation(own, statement, grant, denied, sink, at)
        }
        // Most grants hold no part of a combination: the resources are weighed only for those that do.
        if (grant.combining.length === 0) continue
        for (const part of this.combinationParts(grant, statement)) {
          const grantors = parts.get(part)
          if (grantors) grantors.push({ statement, policy })
          else parts.set(part, [{ statement, policy }])
        }
      }
    }
    this.reportCombinations(principal, parts, own, sink)
    if (principal.boundary) this.reportBoundaryAllowingNone(principal, principal.boundary, sink)
    for (const u of principal.unresolved ?? []) {
      const draft = {
        kind: 'unresolved-policy' as const,
        principal: principal.arn,
        file: u.file,
        line: u.line,
        column: u.column,
        sid: null,
        statementIndex: 0,
        condition: null,
        source: u.source ?? { kind: 'terraform' as const, address: u.address },
      }
      sink.add(draft, [], () =>
        u.principalUnknown
          ? `${u.address}: ${u.reason}; what it gives is checked here, on this placeholder for that principal. Look at it by hand.`
          : u.asBoundary
            ? `${u.address}: its permissions boundary could not be resolved (${u.reason}); what its policies grant is ` +
              'checked as if it had none. Look at it by hand.'
            : `${u.address}: this policy could not be resolved (${u.reason}); it is not checked. Look at it by hand.`,
      )
    }
  }

  /**
   * A permissions boundary that allows none of what the principal's policies grant: the principal can
   * make no request at all. Most often a boundary of Deny statements only, written as if a boundary only
   * took away; IAM grants what the policies *and* the boundary allow. One finding, where the boundary
   * is written (or attached, for an AWS managed one). What the boundary allows is read generously (any
   * Allow, whatever its resources and condition), so this is said only when nothing can get through.
   */
  private reportBoundaryAllowingNone(
    principal: PrincipalPolicies,
    boundary: PolicyDocument,
    sink: FindingCollector,
  ): void {
    const allowed = this.grants.boundaryAllows(boundary)
    const granted = new Set<number>()
    for (const policy of principal.policies) {
      for (const statement of policy.statements) {
        if (statement.effect !== 'Allow' || statement.actions.length === 0) continue
        if (noResourceLeft(statement) || expiryOf(statement, this.now)) continue
        for (const id of this.grants.grantOf(statement.notAction, statement.actions, NO_DENY).ids) {
          if (allowed[id]) return
          granted.add(id)
        }
      }
    }
    // A policy has a statement at least (an empty Statement is refused): where the boundary stands.
    const [first] = boundary.statements
    if (granted.size === 0 || !first) return
    const draft = {
      ...draftAt(
        principal.arn,
        boundary,
        first,
      )({ value: '', line: first.line, column: first.column }, 'ineffective-grant'),
      // About the boundary as a whole, not one of its statements.
      sid: null,
      condition: null,
    }
    const arn = boundaryPlaceOf(principal)?.arn
    const which = `The permissions boundary${arn ? ` ${policyPathOf(arn)}` : ''}`
    const allows = boundary.statements.some((st) => st.effect === 'Allow')
    const names = [...granted].sort((a, b) => a - b).map((id) => this.catalog.nameOf(id))
    sink.add(
      draft,
      names,
      (actions) =>
        allows
          ? `${which} allows none of the ${actions.length === 1 ? 'action' : `${thousands(actions.length)} actions`} this principal's policies grant, so it can make no request at all. ` +
            'IAM grants what the policies and the boundary both allow: allow in the boundary what the principal needs, or grant it only what the boundary allows.'
          : `${which} has no Allow statement, so it allows nothing, and this principal can make no request at all, whatever its policies grant (${actions.length === 1 ? 'one action' : `${thousands(actions.length)} actions`}). ` +
            'A boundary does not only take away: IAM grants what the policies and the boundary both allow. To keep its Deny statements as the only limit, add a statement that allows everything beside them.',
      allows ? undefined : () => '{ "Effect": "Allow", "Action": "*", "Resource": "*" }',
    )
  }

  /** Each of the statement's action entries expanded against the catalog, in order. */
  private expansionsOf(statement: Statement): (readonly number[])[] {
    const { actions } = statement
    const expansions = new Array<readonly number[]>(actions.length)
    for (let i = 0; i < actions.length; i++)
      expansions[i] = this.catalog.expand((actions[i] as Located<string>).value)
    return expansions
  }

  /** The checks of one Allow statement; returns what it grants. */
  private checkAllow(
    statement: Statement,
    expansions: readonly (readonly number[])[],
    denied: Denied,
    sink: FindingCollector,
    at: DraftAt,
    /** Whether the principal's authors wrote the statement (not AWS SAM's or an AWS managed policy's). */
    ours: boolean,
  ): Grant | undefined {
    if (statement.actions.length === 0) return undefined
    const excluding = noResourceLeft(statement)
    if (excluding) {
      if (ours) this.reportNoResourceLeft(statement, excluding, sink, at)
      return undefined
    }
    if (ours && !statement.notAction && !statement.notResource) this.reportIneffective(statement, sink, at)
    const named = this.grants.grantOf(statement.notAction, statement.actions, denied, expansions)
    if (statement.notAction) this.reportNotAction(statement, named, sink, at)
    else this.reportServiceWildcards(statement, denied, sink, at)
    const grant = statement.notResource ? this.leftByNotResource(named, statement) : named

    const star = statement.notResource ? statement.resources[0] : starOf(statement)
    if (!star) {
      this.reportBroadEscalation(statement, grant, denied, sink, at)
      return grant
    }
    const resource = statement.notResource
      ? `NotResource ${resourceList(statement)} (every other resource)`
      : 'Resource "*"'
    if (grant.escalating.size > 0)
      this.reportEscalation(statement, grant.escalating, denied, resource, sink, at)
    if (grant.scopable.length > 0) this.reportWildcardResource(statement, star, grant, resource, sink, at)
    return grant
  }

  /**
   * What a NotResource statement grants: of what its actions name, those it leaves a resource to act on
   * (excludedByNotResource); the grant itself when that is all. Kept per grant and resource list: AWS's
   * managed policies repeat theirs across every principal they are attached to.
   */
  private leftByNotResource(grant: Grant, statement: Statement): Grant {
    const byResources = kept(this.notResourceGrants, grant, () => new Map<string, Grant>())
    return kept(byResources, statement.resources.map((r) => r.value).join('\u0001'), () => {
      const excluded = excludedByNotResource(statement, this.catalog)
      const actions = grant.actions.filter((a) => !excluded(a))
      if (actions.length === grant.actions.length) return grant
      const left = new Set(actions)
      const names = namesOf(actions)
      const leftNames = new Set(names)
      return {
        ids: Int32Array.from(actions, (a) => a.id),
        actions,
        names,
        escalating: new Set([...grant.escalating].filter((name) => leftNames.has(name))),
        scopable: grant.scopable.filter((name) => leftNames.has(name)),
        combining: grant.combining.filter((a) => left.has(a)),
      }
    })
  }

  /**
   * An action named in full that can act on none of the statement's resources (`s3:GetObject` on a
   * bucket ARN, `s3:ListBucket` on its objects): as written, it grants nothing.
   */
  private reportIneffective(statement: Statement, sink: FindingCollector, at: DraftAt): void {
    // Most statements are on "*", on which every action acts.
    if (onlyStar(statement)) return
    const resources = statement.resources.map((r) => r.value)
    // Whether the resources let an action act depends only on its resource types: asked once per list
    // of them, not once per entry (20,000 entries on 20,000 resources took 54 s; IAM takes neither).
    const acts = actsOn(statement, this.catalog)
    for (const entry of statement.actions) {
      if (hasWildcard(entry.value)) {
        this.reportIneffectiveWildcard(statement, entry, sink, at)
        continue
      }
      const found = this.judgeIneffective(entry.value, resources, acts)
      if (found === null) continue
      const { name, message, suggestion } = found
      sink.add(
        at(entry, 'ineffective-grant'),
        [name],
        () => message,
        () => suggestion,
      )
    }
  }

  /**
   * A policy variable (`${aws:username}`) in a policy without `"Version": "2012-10-17"`: IAM reads the
   * policy in the 2008-10-17 language, where it is literal text, so a resource names only what is
   * literally called so and a condition compares with the text (IAM User Guide, "IAM JSON policy
   * elements: Version"). One finding per entry that holds one; the condition's, on its block.
   */
  private reportLiteralVariables(statement: Statement, sink: FindingCollector, at: DraftAt): void {
    const fix = 'Add "Version": "2012-10-17" to the policy.'
    // Made only for a finding: a template's policies often leave out Version, and most hold no variable.
    const actions = () => statement.actions.map((a) => a.value)
    for (const r of statement.resources) {
      const variable = policyVariableIn(r.value)
      if (!variable) continue
      sink.add(
        at(r, 'ineffective-grant'),
        actions(),
        () =>
          `${shown(r.value)}: the policy has no "Version": "2012-10-17", so IAM reads ${variable} as literal text, not a policy variable: ` +
          `this grants only on what is literally named so. ${fix}`,
        () => '"Version": "2012-10-17"',
      )
    }
    const condition = statement.condition
    const variable = condition && policyVariableIn(condition.value)
    if (!condition || !variable) return
    sink.add(
      at(condition, 'ineffective-grant'),
      actions(),
      () =>
        `The Condition compares with ${variable} as literal text: the policy has no "Version": "2012-10-17", so IAM does not read it as a policy variable, ` +
        `and the statement applies only to requests with that very text. ${fix}`,
      () => '"Version": "2012-10-17"',
    )
  }

  /** A wildcard entry none of whose actions can act on the statement's resources (`s3:*` on a table). */
  private reportIneffectiveWildcard(
    statement: Statement,
    entry: Located<string>,
    sink: FindingCollector,
    at: DraftAt,
  ): void {
    const grant = this.grants.grantOf(false, [entry], NO_DENY)
    if (grant.actions.length === 0 || this.effectiveNames(grant, statement).length > 0) return
    const on = resourceList(statement)
    const [only] = grant.names
    sink.add(at(entry, 'ineffective-grant'), [entry.value], () =>
      grant.actions.length === 1
        ? `"${entry.value}" names one action, ${only}, which cannot act on ${on}: as written it grants nothing. Name the resources it acts on, or remove it.`
        : `"${entry.value}" names ${thousands(grant.actions.length)} actions, none of which can act on ${on}: as written it grants nothing. Name the resources its actions act on, or remove it.`,
    )
  }

  /** An Allow whose Condition holds only before a time now past (expiryOf): it grants nothing. */
  private reportExpired(statement: Statement, expiry: Expiry, sink: FindingCollector, at: DraftAt): void {
    const { operator, key, until } = expiry
    sink.add(
      at(statement.condition as Located<string>, 'ineffective-grant'),
      statement.actions.map((a) => a.value),
      () =>
        `Condition ${operator} ${key} ${quote(until)}: that time has passed, so this statement grants nothing now (temporary access that ran out?). Remove it, or give it a new end.`,
    )
  }

  /** An Allow on NotResource `*`: it leaves no resource, so it grants nothing (noResourceLeft). */
  private reportNoResourceLeft(
    statement: Statement,
    star: Located<string>,
    sink: FindingCollector,
    at: DraftAt,
  ): void {
    sink.add(
      at(star, 'ineffective-grant'),
      statement.actions.map((a) => a.value),
      () =>
        `NotResource ${resourceList(statement)} excludes every resource, so this statement grants nothing, whatever its ${statement.notAction ? 'NotAction' : 'Action'} names. ` +
        'Name the resources it should grant in Resource, or remove it.',
    )
  }

  /**
   * Of what a grant names, what the statement's resources let it act on (resource-aware expansion:
   * `s3:*` on `arn:aws:s3:::b/*` grants the actions on objects). The grant's own list when that is all,
   * so findings on the usual statements share one list and one message; cached per resource list.
   */
  private effectiveNames(grant: Grant, statement: Statement): readonly string[] {
    if (statement.notResource || starOf(statement)) return grant.names
    // A few actions are weighed on the spot; a wildcard's many once per resource list.
    if (grant.actions.length <= 16) {
      const acts = actsOn(statement, this.catalog)
      return grant.actions.every(acts) ? grant.names : namesOf(grant.actions.filter(acts))
    }
    // By what the resources are to appliesTo: a thousand statements on a bucket each are one list.
    const key = resourcesKey(statement)
    const byResources = kept(this.effective, grant, () => new Map<string, readonly string[]>())
    const names = kept(byResources, key, () => {
      const acting = grant.actions.filter(actsOn(statement, this.catalog))
      return acting.length === grant.actions.length ? grant.names : namesOf(acting)
    })
    return names
  }

  /** Whether an action can act on none of the resources: its name, what to say and suggest; else null. */
  private judgeIneffective(
    value: string,
    resources: readonly string[],
    acts: (action: CatalogAction) => boolean,
  ): { name: string; message: string; suggestion: string | null } | null {
    const action = this.catalog.lookup(value)
    if (!action || acts(action)) return null
    const formats = actionFormats(action, this.catalog)
    const on = named(resources)
    if (formats.length === 0)
      return {
        name: action.name,
        message: `"${value}" acts on no resource type: it is granted only with Resource "*", so on ${on} it grants nothing.`,
        suggestion: '*',
      }
    // Nearest to what is written; for a value not known here (`${ArtifactBucket.Arn}`), what the action
    // acts on as its name says first (s3:PutObject's object before an access point's).
    const written = resources[0] ?? ''
    const ordered = written.startsWith('arn:')
      ? nearestFirst(written, formats)
      : mainFirst(action, formats, this.catalog)
    return {
      name: action.name,
      message: `"${value}" cannot act on ${on}: it acts on ${previewList(ordered, 3)}. As written it grants nothing; name such a resource, or remove it.`,
      suggestion: ordered[0] ?? null,
    }
  }

  /**
   * Escalation on a resource pattern that covers every resource of the action's type
   * (`arn:aws:iam::*:role/*`, `arn:aws:lambda:*:*:function:*`): as wide as `*` for it.
   */
  private reportBroadEscalation(
    statement: Statement,
    grant: Grant,
    denied: Denied,
    sink: FindingCollector,
    at: DraftAt,
  ): void {
    if (grant.escalating.size === 0) return
    for (const r of statement.resources) {
      const covered = [...grant.escalating].filter((name) => {
        const action = this.catalog.lookup(name)
        return (
          action !== undefined &&
          coversEveryResource(r.value, action, this.catalog, escalationTargets(action))
        )
      })
      if (covered.length === 0) continue
      const resource = `Resource ${shown(r.value)} (every resource of its type)`
      this.reportEscalation(statement, new Set(covered), denied, resource, sink, at)
      return
    }
  }

  /**
   * Escalation actions scoped to resources that include the principal's own (OWN_TARGETS):
   * `iam:PutRolePolicy` on `role/app-*` held by `role/app-deployer`, `iam:CreatePolicyVersion` on a
   * policy the principal has. Critical as on "*": it can give itself any permission. A Deny of the
   * action on that resource (unconditional) takes it away, as it does in IAM.
   */
  private reportOwnEscalation(
    own: OwnResources,
    statement: Statement,
    grant: Grant,
    denied: Denied,
    sink: FindingCollector,
    at: DraftAt,
  ): void {
    const said = this.escalationSaid.get(statement)
    const byTarget = new Map<OwnTarget, string[]>()
    for (const name of grant.escalating) {
      const target = OWN_TARGETS.get(name.toLowerCase())
      if (target && own[target].length > 0 && !said?.has(name.toLowerCase()))
        kept(byTarget, target, () => []).push(name)
    }
    for (const [target, actions] of byTarget) {
      const mine = own[target]
      // Each entry weighed against each way of naming each of them: bounded for the run (a hostile
      // principal of 300 policies, each naming 300 of them, weighed 27 million pairs: 35 s).
      const pairs = statement.resources.length * mine.reduce((n, o) => n + o.names.length, 0)
      if (this.ownComparisons + pairs > MAX_OWN_COMPARISONS) continue
      this.ownComparisons += pairs
      for (const { arn, names } of mine) {
        const entry = statement.resources.find((r) => names.some((n) => namesOwn(r.value, n)))
        if (!entry) continue
        const open = actions.filter((a) => !names.some((n) => this.deniedOn(own, a, n)))
        if (open.length > 0) this.reportOwn(statement, entry.value, arn, target, open, denied, sink, at)
        break
      }
    }
  }

  private reportOwn(
    statement: Statement,
    entry: string,
    arn: string,
    target: OwnTarget,
    actions: readonly string[],
    denied: Denied,
    sink: FindingCollector,
    at: DraftAt,
  ): void {
    const what = target === 'policy' ? 'one of its own policies' : `its own ${target}`
    const which = target === 'group' ? 'the groups it is in' : target === 'policy' ? 'its own policies' : what
    this.reportEscalation(
      statement,
      new Set(actions),
      denied,
      entry === arn
        ? `Resource ${shown(entry)}, ${what},`
        : `Resource ${shown(entry)}, which names ${what} (${arn}),`,
      sink,
      at,
      (one) =>
        `The principal can give itself any permission: leave ${which} out of the resources, or remove ${one ? 'it' : 'them'}.`,
    )
  }

  /** Whether one of the principal's unconditional Deny statements takes `action` away on `arn`. */
  private deniedOn(own: OwnResources, action: string, arn: string): boolean {
    for (const s of own.denies) {
      this.ownComparisons += s.resources.length
      if (!s.resources.some((r) => namesOwn(r.value, arn))) continue
      if (this.grants.grantOf(s.notAction, s.actions, NO_DENY).names.includes(action)) return true
    }
    return false
  }

  /**
   * The parts of escalation combinations (lower case) a grant holds and the statement's resources let it
   * use: its few combining actions are weighed, not the whole grant.
   */
  private combinationParts(grant: Grant, statement: Statement): readonly string[] {
    const everywhere = statement.notResource || starOf(statement) !== undefined
    const weigh = () => {
      const acts = everywhere ? undefined : actsOn(statement, this.catalog)
      const names = new Set<string>()
      for (const action of grant.combining) if (!acts || acts(action)) names.add(action.name.toLowerCase())
      return COMBINATION_PARTS.filter((part) => names.has(part))
    }
    // A few parts are weighed on the spot. A wildcard's many once per grant and what its resources are
    // to appliesTo, as effectiveNames keeps its lists: a NotAction grant holds a hundred parts, and a
    // thousand statements grant it on one bucket each.
    if (!everywhere && grant.combining.length <= 16) return weigh()
    const byResources = kept(this.parts, grant, () => new Map<string, readonly string[]>())
    return kept(byResources, everywhere ? EVERYWHERE : resourcesKey(statement), weigh)
  }

  /**
   * Escalation through several permissions, each granted somewhere in the principal's policies: one
   * finding on each statement that grants a path's first permission (iam:PassRole, mostly), naming every
   * path it completes — unless that permission is flagged already on every resource.
   */
  private reportCombinations(
    principal: PrincipalPolicies,
    granted: GrantedParts,
    /** The principal's own resources, when the statements before needed them already. */
    ownAlready: OwnResources | undefined,
    sink: FindingCollector,
  ): void {
    // Most principals hold no part of any path.
    if (granted.size === 0) return
    const own = ownAlready ?? ownResources(principal)
    const byAnchor = new Map<Statement, { grantor: Grantor; paths: EscalationCombination[] }>()
    for (const { combination, parts } of COMBINATIONS) {
      const [first = ''] = parts
      const anchors = granted.get(first)
      if (!anchors || !parts.every((a) => granted.has(a))) continue
      // Said already: the first permission is an escalation action flagged critical on every resource
      // it acts on (iam:PassRole on "*" or role/*), or one statement flagged so grants the whole path
      // (Action "*"). A PassRole on "*" pinned to the path's service is high alone, and with the rest
      // of the path, a path.
      const said = (s: Statement) => {
        const flagged = this.escalated.get(s)
        if (!flagged) return false
        if (flagged.has(first)) return true
        return parts.every((a) => granted.get(a)?.some((g) => g.statement === s))
      }
      if (anchors.some((a) => said(a.statement))) continue
      // PassRole pinned to other services cannot hand the role to this one, and a role that may pass only
      // itself (CDK's `role.grantPassRole(role)` for SageMaker) gains nothing by it: the first statement
      // that can hand over another role.
      const { passedTo } = combination
      const to = typeof passedTo === 'string' ? [passedTo] : passedTo
      const grantor = anchors.find((a) => {
        if (
          first === 'iam:passrole' &&
          (passesOnlyItself(a.statement, own) || this.passed?.passesNoMore(a.statement, a.policy, principal))
        )
          return false
        const services = to && pinnedKeys(a.statement).get('iam:passedtoservice')?.values
        return !services || services.some((v) => to?.includes(v.toLowerCase()))
      })
      if (!grantor) continue
      const found = byAnchor.get(grantor.statement)
      if (found) found.paths.push(combination)
      else byAnchor.set(grantor.statement, { grantor, paths: [combination] })
    }
    for (const { grantor, paths } of byAnchor.values()) {
      const { statement, policy } = grantor
      const [path, ...more] = paths as [EscalationCombination, ...EscalationCombination[]]
      const [first] = path.actions as [string]
      const draft = draftAt(
        principal.arn,
        policy,
        statement,
      )(statement.actions[0] as Located<string>, 'privilege-escalation')
      sink.add(draft, [...new Set(paths.flatMap((p) => p.actions))], () => {
        const on = `${first} (on ${previewList(
          statement.resources.map((r) => r.value),
          RESOURCES_SHOWN,
        )})`
        const rest = (p: EscalationCombination) => p.actions.slice(1).join(' and ')
        // Past a few paths (a PassRole on role/* beside a broad policy completes a dozen), the others named.
        const explained = paths.slice(0, ESCALATIONS_EXPLAINED)
        const others = paths.slice(ESCALATIONS_EXPLAINED).map((p) => `with ${rest(p)}`)
        const what =
          more.length === 0
            ? `${on} with ${rest(path)}, granted to this principal: together they allow privilege escalation: ${path.reason}.`
            : `${on}, granted to this principal with each of these, allows privilege escalation: ${explained.map((p) => `with ${rest(p)}, ${p.reason}`).join('; ')}` +
              `${others.length > 0 ? `; and ${others.length === 1 ? 'one more path' : `${others.length} more paths`}: ${others.slice(0, 3).join('; ')}${others.length > 3 ? `; and ${others.length - 3} other${others.length > 4 ? 's' : ''}` : ''}` : ''}.`
        const advice =
          first === 'iam:PassRole'
            ? 'Make sure the roles it may pass are no more privileged than the principal'
            : 'Scope them to resources whose roles are no more privileged than the principal'
        // A role it may pass that is found here, and an action of that role's the principal is not granted.
        const beyond = first === 'iam:PassRole' ? this.passed?.more(statement, policy, principal) : undefined
        const known = beyond
          ? ` ${beyond.role} is granted ${beyond.action}, which this principal is not.`
          : ''
        return `${what}${known} ${advice}, or remove ${more.length === 0 ? 'one of them' : 'a part of each path'}.`
      })
    }
  }

  private reportNotAction(statement: Statement, grant: Grant, sink: FindingCollector, at: DraftAt): void {
    const excluded = statement.actions.map((a) => a.value).join(', ')
    const names = this.effectiveNames(grant, statement)
    // All of it denied (a quarantine policy's Deny of *): it grants nothing, as a wildcard entry does not.
    if (names.length === 0) return
    const scoped = names === grant.names ? '' : ` that can act on ${resourceList(statement)}`
    sink.add(at(statement.actions[0] as Located<string>, 'wildcard-action'), names, (actions) =>
      this.text.once(
        actions,
        `not:${excluded}${scoped}`,
        () =>
          `"NotAction" with "Allow" grants every action except ${excluded}${scoped}: ${thousands(actions.length)} actions ` +
          `(${this.text.countLevels(actions)}), including those of services added later. List the actions the principal needs instead.`,
      ),
    )
  }

  private reportServiceWildcards(
    statement: Statement,
    denied: Denied,
    sink: FindingCollector,
    at: DraftAt,
  ): void {
    for (const entry of statement.actions) {
      if (!isServiceWildcard(entry.value)) continue
      const grant = this.grants.grantOf(false, [entry], denied)
      const names = this.effectiveNames(grant, statement)
      if (names.length === 0) continue
      const service = entry.value === '*' ? 'every service' : `the ${entry.value.split(':')[0]} service`
      const scope = names === grant.names ? service : `${service} that can act on ${resourceList(statement)}`
      sink.add(at(entry, 'wildcard-action'), names, (actions) =>
        this.text.once(
          actions,
          `all:${entry.value}:${scope}`,
          () =>
            `"${entry.value}" grants every action of ${scope}: ${thousands(actions.length)} actions (${this.text.countLevels(actions)}). ` +
            'List the actions the principal needs instead.',
        ),
      )
    }
  }

  private reportWildcardResource(
    statement: Statement,
    star: Located<string>,
    grant: Grant,
    resource: string,
    sink: FindingCollector,
    at: DraftAt,
  ): void {
    // Scoped by tag instead (the EKS controllers' policies, AWS's ABAC): still the finding, as the
    // contract has it, and it says so, so that a reader can tell it from a bare "*".
    // A request tag (aws:RequestTag/team) is the tag a request sets on what it creates or tags: it says
    // which tags new resources get, not which existing resources the actions may touch.
    const tags = tagConditions(statement)
    const resourceTags = tags.filter((key) => !REQUEST_TAG_KEY.test(key))
    const requestTags = tags.filter((key) => REQUEST_TAG_KEY.test(key))
    const scope = (one: boolean) => {
      if (tags.length === 0) return '. Name the resources instead.'
      const them = one ? 'it' : 'them'
      const said = [
        resourceTags.length > 0 && `scopes ${them} by tag (${resourceTags.join(', ')})`,
        requestTags.length > 0 &&
          `requires the request to set ${requestTags.length === 1 ? 'a tag' : 'tags'} (${requestTags.join(', ')}), ` +
            'which limits the tags of what is created or tagged, not which resources are acted on',
      ].filter(Boolean)
      return (
        `; its Condition ${said.join(', and ')}. Name the resources ` +
        'instead, or, where tags are how these resources are told apart, accept it with an ignore: entry.'
      )
    }
    sink.add(
      at(star, 'wildcard-resource'),
      grant.scopable,
      (actions) =>
        this.text.once(
          actions,
          `res:${resource}:${tags.join(',')}`,
          () =>
            `${resource} on ${actions.length === 1 ? `${actions[0]}, which supports` : `${thousands(actions.length)} actions that support`} ` +
            `resource-level permissions${actions.length > 1 ? ` (${previewList(actions, 3)})` : ''}${scope(actions.length === 1)}`,
        ),
      (actions) => this.text.once(actions, 'arn', () => this.arnFormats(actions)),
    )
  }

  /** One finding per escalation action, on the first entry that grants it (for NotAction, on its key). */
  private reportEscalation(
    statement: Statement,
    escalating: ReadonlySet<string>,
    denied: Denied,
    resource: string,
    sink: FindingCollector,
    at: DraftAt,
    /** What to do, when not to scope the action (`one`: the finding names one action). */
    advice: (one: boolean) => string = (one) =>
      `Scope ${one ? 'it' : 'them'} to the exact resources, or remove ${one ? 'it' : 'them'}.`,
  ): void {
    const pending = new Set(escalating)
    const pins = pinnedBy(statement)
    for (const entry of statement.notAction ? statement.actions.slice(0, 1) : statement.actions) {
      const granted = statement.notAction ? [...pending] : this.grants.grantOf(false, [entry], denied).names
      const here = granted.filter((name) => pending.has(name))
      if (here.length === 0) continue
      for (const name of here) pending.delete(name)
      const said = kept(this.escalationSaid, statement, () => new Set<string>())
      for (const name of here) said.add(name.toLowerCase())
      // A condition that pins the action to fixed values (iam:PassedToService = lambda.amazonaws.com)
      // limits it to what it names: still escalation, at a lower severity, and the message says why.
      const pinned = here.filter((name) => pins.has(name.toLowerCase()))
      if (pinned.length > 0) {
        const why = [...new Set(pinned.map((name) => pins.get(name.toLowerCase())))].join('; ')
        sink.add({ ...at(entry, 'privilege-escalation'), severity: 'high' }, pinned, (actions) => {
          const one = actions.length === 1
          return (
            `"${entry.value}" on ${resource} grants ${one ? 'an action that allows' : `${thousands(actions.length)} actions that allow`} ` +
            `privilege escalation, limited by its Condition (${why})${escalations(actions)}. ` +
            'Make sure what the condition allows is no more privileged than the principal.'
          )
        })
      }
      const unpinned = here.filter((name) => !pins.has(name.toLowerCase()))
      if (unpinned.length === 0) continue
      const critical = this.escalated.get(statement)
      if (critical) for (const name of unpinned) critical.add(name.toLowerCase())
      else this.escalated.set(statement, new Set(unpinned.map((name) => name.toLowerCase())))
      // A NotAction statement grants what its entries do not name: the statement grants them, not the entry.
      const grantor = statement.notAction
        ? `NotAction ${statement.actions.map((a) => `"${a.value}"`).join(', ')} on ${resource} grants everything else, including`
        : `"${entry.value}" on ${resource} grants`
      sink.add(at(entry, 'privilege-escalation'), unpinned, (actions) => {
        const one = actions.length === 1
        return (
          `${grantor} ${one ? 'an action that allows' : `${thousands(actions.length)} actions that allow`} ` +
          `privilege escalation${escalations(actions)}. ` +
          advice(one)
        )
      })
    }
  }

  /**
   * The statement's actions the catalog does not know, each on its line — except actions of a service
   * the catalog does not have at all (a retired one: `deepcomposer:`, `iot1click:`), which are one
   * finding per service, at its first action: one thing to do about all of them, not seventeen.
   */
  private reportUnknownActions(
    statement: Statement,
    expansions: readonly (readonly number[])[],
    sink: FindingCollector,
    at: DraftAt,
  ): void {
    let byService: Map<string, Located<string>[]> | undefined
    for (let i = 0; i < expansions.length; i++) {
      if (expansions[i]?.length !== 0) continue
      const entry = statement.actions[i] as Located<string>
      const service = this.missingService(entry.value)
      if (service === undefined) {
        this.reportUnknown(entry, sink, at(entry, 'unknown-action'), statement)
        continue
      }
      byService ??= new Map()
      const entries = byService.get(service)
      if (entries) entries.push(entry)
      else byService.set(service, [entry])
    }
    for (const [service, entries] of byService ?? []) {
      const [first] = entries as [Located<string>]
      if (entries.length === 1) {
        this.reportUnknown(first, sink, at(first, 'unknown-action'))
        continue
      }
      const one = (value: string) => this.described(value).message
      sink.add(
        at(first, 'unknown-action'),
        entries.map((e) => e.value),
        (actions) =>
          actions.length === 1
            ? one(actions[0] as string)
            : `${thousands(actions.length)} entries name service "${service}" (${previewList(actions, 3)}): the IAM catalog of ` +
              `${this.catalog.date.slice(0, 10)} has no such service: retired, misspelt, or newer than the catalog`,
      )
    }
  }

  /**
   * The service of an unknown action when the catalog has no such service and names none near it that
   * has the action (a retired or unknown service, not a slip such as `s4:` or `bedrock-runtime:`).
   */
  private missingService(value: string): string | undefined {
    const colon = value.indexOf(':')
    const service = colon < 0 ? '' : value.slice(0, colon)
    if (service === '' || hasWildcard(service) || this.catalog.hasService(service)) return undefined
    // `aws:` is no service that AWS retired: each global condition key is said for itself.
    if (service.toLowerCase() === GLOBAL_KEYS) return undefined
    return this.described(value).suggestion === null ? service : undefined
  }

  /**
   * The action, or actions, meant by one the catalog does not know, as an `unknown-action` finding
   * suggests them (a near spelling, the actions that authorize an API operation); null when none is
   * sure. For what else names actions, such as an `ignore:` entry.
   */
  meantFor(value: string): string | null {
    return this.described(value).suggestion
  }

  private described(value: string): { message: string; suggestion: string | null } {
    let known = this.unknown.get(value)
    if (!known) {
      known = this.describeUnknown(value)
      this.unknown.set(value, known)
    }
    return known
  }

  private reportUnknown(
    entry: Located<string>,
    sink: FindingCollector,
    draft: ReturnType<DraftAt>,
    statement?: Statement,
  ): void {
    const described = this.described(entry.value)
    // Nothing in the name itself says what was meant: the service of the resources it is granted on may.
    const meant =
      described.suggestion === null && statement ? this.inResourcesService(statement, entry.value) : null
    const { message, suggestion } = meant
      ? {
          message: `${described.message}. Did you mean "${meant}" (the statement's resources are ${meant.slice(0, meant.indexOf(':'))}'s)?`,
          suggestion: meant,
        }
      : described
    sink.add(
      draft,
      [entry.value],
      () => message,
      () => suggestion,
    )
  }

  /**
   * Why an action is unknown, with the actions meant when they are known: those that authorize an API
   * operation written as an action (s3:HeadObject), else a "did you mean" only when it names an action
   * that exists and that a person would take for the one meant: a near spelling in the same service, or
   * for a service the catalog does not have, a near service that has the same action.
   */
  private describeUnknown(value: string): { message: string; suggestion: string | null } {
    const permissions = permissionsOfOperation(value)
    if (permissions)
      return {
        message: `"${value}" is an API operation, not an IAM action, and grants nothing as written; ${
          groupsOperations(value)
            ? `each operation it holds is authorized by its own action: ${permissions.slice(0, -1).join(', ')} or ${permissions.at(-1)}`
            : permissions.length === 1
              ? `the action that authorizes it is ${permissions[0]}`
              : `the actions that authorize it are ${permissions.join(' and ')}`
        }`,
        suggestion: permissions.join(', '),
      }
    // The name of an AWS managed policy where an action belongs (`ec2:AmazonEC2FullAccess`): a policy to
    // attach, not an action, and nothing to spell differently.
    const policyArn = managedPolicyArnNamed(value.slice(value.indexOf(':') + 1))
    if (policyArn)
      return {
        message:
          `"${value}" is not an action: ${policyArn.slice(policyArn.lastIndexOf('/') + 1)} is an AWS managed policy (${policyArn}), ` +
          'and as an action it grants nothing. Attach the policy to the principal instead, or name the actions it needs',
        suggestion: null,
      }
    // A condition key where an action belongs (wellcomecollection's image builder role grants
    // `ec2:MetadataHttpTokens`): it narrows what actions allow, from a Condition, and allows nothing.
    const key = conditionKeyNamed(value, this.catalog)
    if (key)
      return {
        message:
          `"${value}" is not an action: ${key}, and it grants nothing as written. ` +
          'A condition key belongs in a Condition, where it narrows what the statement allows',
        suggestion: null,
      }
    const { message, suggestion, meant } = this.describeMisspelt(value)
    if (!suggestion) return { message, suggestion }
    // An operation a letter from an action: either may be meant, as the statement's resources tell.
    const operation = operationOrSlip(value)
    if (operation)
      return {
        message: `${message}. Did you mean "${suggestion}", or ${operation.actions.join(', ')} (${authorizing(operation.actions, operation.operation)})?`,
        suggestion: `${suggestion} or ${operation.actions.join(', ')}`,
      }
    return { message: `${message}. Did you mean "${suggestion}"${meant ? ` (${meant})` : ''}?`, suggestion }
  }

  /** Why an action is unknown, and the action(s) meant when a person would take them for it; why, in `meant`. */
  private describeMisspelt(value: string): { message: string; suggestion: string | null; meant?: string } {
    const [service = '', action = ''] = value.split(':')
    const stamp = `the IAM catalog of ${this.catalog.date.slice(0, 10)}`
    if (!hasWildcard(service) && !this.catalog.hasService(service)) {
      const prefix = service.toLowerCase()
      let near = this.nearServices.get(prefix)
      if (near === undefined && !this.nearServices.has(prefix)) {
        near = nearService(prefix, [...this.catalog.serviceKeys()])
        this.nearServices.set(prefix, near)
      }
      const same = near ? this.catalog.expand(`${near}:${action}`) : []
      return {
        message: `"${value}": ${stamp} has no service "${service}": retired, misspelt, or newer than the catalog`,
        suggestion:
          same.length === 0 ? null : hasWildcard(action) ? `${near}:${action}` : this.nameOf(same[0]),
      }
    }
    if (hasWildcard(value))
      return { message: `"${value}" matches no action in ${stamp}; it grants nothing`, suggestion: null }
    // The same words with the other verb of a pair (`s3:SetBucketPolicy` for s3:PutBucketPolicy), before a
    // spelling one letter off that reads the other way (s3:GetBucketPolicy).
    const swapped = this.otherVerb(service, action)
    if (swapped) return { message: unknownIn(value, service, stamp), ...swapped }
    // A typo is a letter or two; further off is another action (GetX is not ListX), not a slip. Names
    // whose length differs by more cannot be that close: the distance is at least the difference, so
    // only the others are measured (ec2 has 700 actions, and AWS's managed policies name retired ones).
    const slips = action.length >= 10 ? 2 : 1
    const names: string[] = []
    for (const id of this.catalog.expand(`${service}:*`)) {
      const name = this.catalog.nameOf(id)
      if (Math.abs(name.length - value.length) <= slips) names.push(name)
    }
    const nearest = names.length === 0 ? undefined : closest(value, names)
    const [, nearAction = ''] = (nearest ?? '').split(':')
    const close = nearest !== undefined && distance(action.toLowerCase(), nearAction.toLowerCase()) <= slips
    const message = unknownIn(value, service, stamp)
    const suggestion = close
      ? nearest
      : (this.sameWords(service, action) ??
        this.synonymVerb(service, action) ??
        this.firstWords(service, action) ??
        this.adminForm(service, action) ??
        this.withoutServiceName(service, action) ??
        this.taggingAction(service, action))
    if (suggestion) return { message, suggestion }
    const method = this.httpMethodOf(service, action)
    if (method) return { message, ...method }
    // A slip of an API operation that is not an action either (`s3:ListObject`): the actions that authorize it.
    const operation = operationNear(value, slips)
    if (!operation) return { message, suggestion: null }
    const { actions } = operation
    return {
      message,
      suggestion: actions.join(', '),
      meant: authorizing(actions, operation.operation),
    }
  }

  /**
   * The action, or the actions of the API operation, that `action` names with the other verb of a pair
   * IAM's names mix up (Set/Put, Remove/Delete): `s3:SetBucketEncryption` is the operation
   * PutBucketEncryption, authorized by s3:PutEncryptionConfiguration.
   */
  private otherVerb(service: string, action: string): { suggestion: string; meant?: string } | undefined {
    // Only a name that exists is offered: `SetupX` is no verb of a pair, as no `PutupX` exists.
    for (const written of withOtherVerbs(action, VERB_PAIRS)) {
      const name = `${service}:${written}`
      const [id] = this.catalog.expand(name)
      if (id !== undefined) return { suggestion: this.catalog.nameOf(id) }
      const actions = permissionsOfOperation(name)
      if (actions && !groupsOperations(name))
        return { suggestion: actions.join(', '), meant: authorizing(actions, name) }
    }
    return undefined
  }

  /**
   * API Gateway's management operations written as actions (`apigateway:CreateRestApi`): API Gateway
   * authorizes them by HTTP method, apigateway:POST on the path of what it creates.
   */
  private httpMethodOf(service: string, action: string): { suggestion: string; meant: string } | undefined {
    if (service.toLowerCase() !== 'apigateway') return undefined
    const lower = action.toLowerCase()
    const method = HTTP_METHODS.find(([verb]) => lower.startsWith(verb) && lower.length > verb.length)?.[1]
    return method === undefined
      ? undefined
      : {
          suggestion: `apigateway:${method}`,
          meant:
            'API Gateway authorizes its management operations by HTTP method, on the path of the resource they act on',
        }
  }

  /**
   * The one action of the service whose name is the same words in another form (`ReplicationTags` for
   * `ReplicateTags`, `DescribeInstance` for `DescribeInstances`): further off than a slip of a letter or
   * two, and as sure. None when no action, or more than one, reads so.
   */
  private sameWords(service: string, action: string): string | null {
    const wanted = wordStems(action).join(' ')
    let found: string | null = null
    for (const [name, stems] of this.stemsOf(service)) {
      if (stems !== wanted) continue
      if (found) return null
      found = name
    }
    return found
  }

  /**
   * The action named with the verb the service uses for what the written verb says: DynamoDB's
   * `CreateItem` is dynamodb:PutItem, EC2's `ListInstances` ec2:DescribeInstances, Secrets Manager's
   * `DescribeSecretValue` secretsmanager:GetSecretValue. The rest of the name may take another form
   * (`ListInstance`), as sameWords reads it. Tried after a slip of spelling, which is more likely.
   */
  private synonymVerb(service: string, action: string): string | null {
    for (const written of withOtherVerbs(action, VERB_SYNONYMS)) {
      const [id] = this.catalog.expand(`${service}:${written}`)
      const found = id === undefined ? this.sameWords(service, written) : this.catalog.nameOf(id)
      if (found) return found
    }
    return null
  }

  /**
   * The administrator's form of an operation that has no action of its own: Cognito user pools authorize
   * a user's own calls by their token, and a policy names `cognito-idp:AdminCreateUser` where AWS's
   * Smart Product solution wrote `cognito-idp:CreateUser`.
   */
  private adminForm(service: string, action: string): string | null {
    if (action.toLowerCase().startsWith('admin')) return null
    const [id] = this.catalog.expand(`${service}:Admin${action}`)
    return id === undefined ? null : this.catalog.nameOf(id)
  }

  /**
   * The action of the same name in the service of the statement's resources, when its own service has
   * none: `kinesis:PutRecordBatch` on a Firehose delivery stream (in Datadog's CloudFormation templates)
   * is firehose:PutRecordBatch. Only with that evidence: UpdateStage is an action of ivs and of many
   * names, and `apigateway:UpdateStage` means none of them.
   */
  private inResourcesService(statement: Statement, value: string): string | null {
    const [service = '', action = ''] = value.split(':')
    if (!this.catalog.hasService(service)) return null
    let found: string | null = null
    for (const other of this.resourceServices(statement)) {
      if (other === service.toLowerCase()) continue
      const meant = this.catalog.lookup(`${other}:${action}`)
      if (!meant || meant.name === found) continue
      if (found) return null
      found = meant.name
    }
    return found
  }

  /** The services a statement's resource ARNs name (lower case, once each): worked out once per statement. */
  private resourceServices(statement: Statement): readonly string[] {
    let services = this.servicesOfResources.get(statement)
    if (!services) {
      const found = new Set<string>()
      for (const r of statement.resources) {
        // The ARN's third field, past a placeholder's colons (`arn:${AWS::Partition}:firehose:…`).
        const colons = r.value.startsWith('arn:') ? arnFieldColons(r.value) : []
        const other =
          colons.length < 3 ? undefined : r.value.slice((colons[1] as number) + 1, colons[2]).toLowerCase()
        if (other && !hasWildcard(other) && !other.includes('$')) found.add(other)
      }
      services = [...found]
      this.servicesOfResources.set(statement, services)
    }
    return services
  }

  /**
   * The service's tagging action for one named after what it tags: EventBridge Scheduler tags a schedule
   * with scheduler:TagResource, not `scheduler:TagSchedule` (ministryofjustice's modernisation-platform
   * grants both that and UntagSchedule). Only where the service has that action.
   */
  private taggingAction(service: string, action: string): string | null {
    const form = TAGGING_FORMS.find(([written]) => written.test(action))?.[1]
    const meant = form && this.catalog.lookup(`${service}:${form}`)
    return meant ? meant.name : null
  }

  /**
   * The action named without the service's own name written into it: `s3vectors:CreateVectorIndex` is
   * s3vectors:CreateIndex (in AWS's own CDK examples), `kms:CreateKMSKey` kms:CreateKey,
   * `dynamodb:GetDynamoDBItem` dynamodb:GetItem. The words left out follow the verb and spell part of
   * the prefix (three letters at least, or all of it). None when no action, or more than one, reads so.
   */
  private withoutServiceName(service: string, action: string): string | null {
    // IAM's longest action names are under a hundred letters: a longer one is no slip of a person's.
    if (action.length > MAX_ACTION_NAME) return null
    const prefix = service.toLowerCase().replaceAll('-', '')
    const named = (part: string) => prefix.includes(part) && (part.length >= 3 || part === prefix)
    const words = action.match(WORD) ?? []
    let found: string | null = null
    for (let from = 1; from < words.length; from++) {
      let spelt = ''
      // No longer than the prefix: a name of thousands of words is tried word by word, not pair by pair.
      for (let to = from; to < words.length && spelt.length < prefix.length; to++) {
        spelt += (words[to] as string).toLowerCase()
        if (!named(spelt) && !named(spelt.replace(/s$/, ''))) continue
        const rest = [...words.slice(0, from), ...words.slice(to + 1)].join('')
        const [id] = this.catalog.expand(`${service}:${rest}`)
        const name = id === undefined ? this.sameWords(service, rest) : this.catalog.nameOf(id)
        if (!name || name === found) continue
        if (found) return null
        found = name
      }
    }
    return found
  }

  /**
   * The one action of the service whose name begins with the words written and goes on with more
   * (`SubmitAttachmentStateChanges` for `SubmitAttachment`): a name cut short. None when no action, or
   * more than one, begins so (`Describe`), or the cut is inside a word (`ListBuck`).
   */
  private firstWords(service: string, action: string): string | null {
    const written = action.toLowerCase()
    let found: string | null = null
    for (const name of this.stemsOf(service).keys()) {
      const rest = name.slice(name.indexOf(':') + 1)
      if (rest.length <= written.length || !rest.toLowerCase().startsWith(written)) continue
      if (!WORD_START.test(rest.charAt(written.length))) continue
      if (found) return null
      found = name
    }
    return found
  }

  /** Each action of a service with its words' stems, worked out once per service (see wordStems). */
  private stemsOf(service: string): ReadonlyMap<string, string> {
    return kept(this.serviceStems, service.toLowerCase(), () => {
      const stems = new Map<string, string>()
      for (const id of this.catalog.expand(`${service}:*`)) {
        const name = this.catalog.nameOf(id)
        stems.set(name, wordStems(name.slice(name.indexOf(':') + 1)).join(' '))
      }
      return stems
    })
  }

  private nameOf(id: number | undefined): string | null {
    return id === undefined ? null : this.catalog.action(id).name
  }

  /**
   * Up to three ARN formats the actions accept, as a hint for the Resource to write: first what each
   * acts on (mainTypes: TerminateInstances' instance, PutParameter's parameter), then the few types of
   * an action that names none of them (dynamodb:Query's table and index), and only when nothing else is
   * known the first of a tagging action's hundred (ec2:CreateTags': application-status-check…).
   */
  private arnFormats(names: readonly string[]): string | null {
    // Walked lazily, pass by pass: three formats are wanted, and a list of 500 actions (ec2:*) is common.
    const formats = new Set<string>()
    const add = (action: CatalogAction, keys: readonly string[]): boolean => {
      for (const key of keys) {
        const arn = this.catalog.resourceType(action.service, key)?.arn
        if (arn) formats.add(arn)
        if (formats.size === 3) return true
      }
      return false
    }
    const actions = function* (catalog: Catalog) {
      for (const name of names) {
        const action = catalog.lookup(name)
        if (action) yield action
      }
    }
    for (const action of actions(this.catalog))
      if (add(action, mainTypes(action))) return [...formats].join(', ')
    for (const action of actions(this.catalog))
      if (
        mainTypes(action).length === 0 &&
        action.resourceTypes.length <= FEW_TYPES &&
        add(action, action.resourceTypes)
      )
        return [...formats].join(', ')
    if (formats.size === 0)
      for (const action of actions(this.catalog)) if (add(action, action.resourceTypes)) break
    return formats.size > 0 ? [...formats].join(', ') : null
  }
}

/** An action of more resource types than this that names none of them tags or lists what it is given. */
const FEW_TYPES = 3

/**
 * The resource types an action acts on, as its name says: its only one, or those its name spells
 * (`ec2:AuthorizeSecurityGroupIngress`: security-group, not security-group-rule; `s3:GetObject`: object),
 * the longest of those. None for an action whose name spells none of several (`ec2:CreateTags`).
 */
function mainTypes(action: CatalogAction): readonly string[] {
  const types = action.resourceTypes
  if (types.length <= 1) return types
  return kept(MAIN_TYPES, action, () => {
    const name = action.name.slice(action.name.indexOf(':') + 1).toLowerCase()
    const spelled = types.filter((key) => name.includes(spelling(key)))
    if (spelled.length <= 1) return spelled
    const longest = Math.max(...spelled.map((key) => key.length))
    return spelled.filter((key) => key.length === longest)
  })
}
/** Each action's main types, worked out once (a catalog's actions live as long as the run). */
const MAIN_TYPES = new WeakMap<CatalogAction, readonly string[]>()

/** A resource type's key as an action's name would spell it (`security-group`: `securitygroup`). */
function spelling(key: string): string {
  return kept(SPELLINGS, key, () => key.replace(NOT_ALPHANUMERIC, '').toLowerCase())
}
const SPELLINGS = new Map<string, string>()
const NOT_ALPHANUMERIC = /[^a-z0-9]/gi

/** The words of a CamelCase action name, each without its ending (`Replication`, `Replicate`: `replicat`). */
function wordStems(name: string): string[] {
  return (name.match(WORD) ?? []).map((word) => word.toLowerCase().replace(WORD_ENDING, ''))
}
const WORD = /[A-Z]+(?![a-z])|[A-Z][a-z0-9]*|[a-z0-9]+/g
/**
 * Tagging actions named after what they tag (as written: its capitals tell the words), and the action
 * most services tag anything with.
 */
const TAGGING_FORMS: readonly (readonly [RegExp, string])[] = [
  [/^Tag(?!Resource$)[A-Z]/, 'TagResource'],
  [/^Untag(?!Resource$)[A-Z]/, 'UntagResource'],
  [/^ListTags(?:For)?(?!ForResource$)[A-Z]/, 'ListTagsForResource'],
]

/** Past this, an action name is not read word by word for what was meant (each try is as long as it). */
const MAX_ACTION_NAME = 200
const WORD_ENDING = /(?:ions|ion|ing|ed|es|e|s)$/

/**
 * Names of a product, its SDK client or its CloudWatch past that are no IAM prefix, nor a spelling near
 * one, and the prefix that authorizes its operations: Cloud Control API's `cloudformation:GetResource`,
 * Step Functions' `states:`, Amazon MWAA's `airflow:`, Amazon MSK's `kafka:`, DocumentDB's `rds:`.
 */
const PRODUCT_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['cloudcontrol', 'cloudformation'],
  ['cloudcontrolapi', 'cloudformation'],
  ['sfn', 'states'],
  ['stepfunctions', 'states'],
  ['cloudwatchlogs', 'logs'],
  ['cloudwatch-logs', 'logs'],
  ['eventbridge', 'events'],
  ['cloudwatchevents', 'events'],
  ['cloudwatch-events', 'events'],
  ['elb', 'elasticloadbalancing'],
  ['elbv2', 'elasticloadbalancing'],
  ['mwaa', 'airflow'],
  ['msk', 'kafka'],
  ['dynamodbstreams', 'dynamodb'],
  ['apigatewaymanagementapi', 'execute-api'],
  ['cognitoidentityprovider', 'cognito-idp'],
  ['cognito-identity-provider', 'cognito-idp'],
  ['docdb', 'rds'],
  // Amazon EFS's and Amazon EMR's IAM prefixes are their old names (ministryofjustice's
  // modernisation-platform-environments grants `efs:DescribeFileSystems`, `efs:CreateBackup`, …).
  ['efs', 'elasticfilesystem'],
  ['emr', 'elasticmapreduce'],
  // OpenSearch Service kept Elasticsearch's `es:` (`opensearch:` is its UI's); OpenSearch Serverless is `aoss:`.
  ['opensearchservice', 'es'],
  ['elasticsearch', 'es'],
  ['opensearchserverless', 'aoss'],
  ['kinesisfirehose', 'firehose'],
  // IAM Identity Center's SDK client, sso-admin, is read as sso:'s by its suffix; not so without the dash.
  ['ssoadmin', 'sso'],
])

/** What an SDK client's or endpoint's name adds to the service's prefix: `-runtime`, `-data`, `v2`. */
const CLIENT_SUFFIX = /^(?:-.|v\d+$)/

/**
 * The service a person may have meant by a prefix IAM does not have: a near spelling (`s4`, `dynamdb`),
 * or the service whose SDK client or endpoint carries its prefix and a suffix (`bedrock-runtime`,
 * `sagemaker-runtime`, `iot-data`: their operations are authorized by `bedrock:`, `sagemaker:`,
 * `iot:` actions) or a version (`sesv2`, `apigatewayv2`: `ses:` and `apigateway:`). The caller still
 * checks that the service has the action.
 */
function nearService(service: string, keys: readonly string[]): string | undefined {
  const named = PRODUCT_PREFIXES.get(service)
  if (named && keys.includes(named)) return named
  let within: string | undefined
  for (const key of keys)
    if (
      service.startsWith(key) &&
      CLIENT_SUFFIX.test(service.slice(key.length)) &&
      key.length > (within?.length ?? 0)
    )
      within = key
  if (within) return within
  const near = closest(service, keys)
  return near !== undefined && distance(service, near) <= Math.max(1, service.length / 4) ? near : undefined
}

/**
 * The condition keys a statement's Condition pins to fixed values (an equality operator, no wildcard in
 * any value), by lower-case key, with the key as written and those values.
 */
function pinnedKeys(statement: Statement): PinnedKeys {
  if (!statement.condition) return NONE_PINNED
  let pinned = pinnedByStatement.get(statement)
  if (!pinned) {
    pinned = readPinnedKeys(statement.condition.value)
    pinnedByStatement.set(statement, pinned)
  }
  return pinned
}

type PinnedKeys = ReadonlyMap<string, { key: string; values: readonly string[] }>
const NONE_PINNED: PinnedKeys = new Map()
const pinnedByStatement = new WeakMap<Statement, PinnedKeys>()

// ForAnyValue: is true only when the key is there with one of the values; ForAllValues: is true without
// the key, so it pins nothing, and so is …IfExists but for a key every request carries (alwaysPresent).
// StringLike and ArnLike compare values without a wildcard as the Equals operators do.
const PINNING_OPERATOR =
  /^(?:ForAnyValue:)?(?:StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)(IfExists)?$/i

function readPinnedKeys(text: string): PinnedKeys {
  const pinned = new Map<string, { key: string; values: readonly string[] }>()
  for (const [operator, keys] of conditionOperators(text)) {
    // `Null: {"aws:ResourceTag/…": "false"}`: only resources that carry the tag, whatever its value (AWS's
    // service roles keep to the resources their service tagged). Values compared elsewhere say more.
    if (/^Null$/i.test(operator)) {
      for (const [key, value] of Object.entries(keys)) {
        const lower = key.toLowerCase()
        if (taggingService(lower) && String(value).toLowerCase() === 'false' && !pinned.has(lower))
          pinned.set(lower, { key, values: [] })
      }
      continue
    }
    const match = PINNING_OPERATOR.exec(operator)
    if (!match) continue
    const ifExists = match[1] !== undefined
    for (const [key, value] of Object.entries(keys)) {
      if (ifExists && !alwaysPresent(key.toLowerCase())) continue
      const values = Array.isArray(value) ? value : [value]
      if (values.length > 0 && values.every((v) => typeof v === 'string' && !hasWildcard(v)))
        pinned.set(key.toLowerCase(), { key, values: values as string[] })
    }
  }
  return pinned
}

/**
 * The tag condition keys of a statement's Condition that keep it to tagged resources or requests, as
 * written (`aws:ResourceTag/elbv2.k8s.aws/cluster`, `ec2:ResourceTag/Owner`, `aws:RequestTag/team`): a
 * key compared for equality or likeness (not `…IfExists`, which the untagged pass, nor `ForAllValues:`),
 * or that `Null: false` requires.
 */
function tagConditions(statement: Statement): string[] {
  if (!statement.condition) return []
  const keys = new Set<string>()
  for (const [operator, entries] of conditionOperators(statement.condition.value)) {
    const isNull = /^Null$/i.test(operator)
    if (!isNull && !TAG_OPERATOR.test(operator)) continue
    for (const [key, value] of Object.entries(entries))
      if (TAG_KEY.test(key) && (!isNull || String(value).toLowerCase() === 'false')) keys.add(key)
  }
  return [...keys]
}
const TAG_OPERATOR = /^(?:ForAnyValue:)?(?:StringEquals|StringEqualsIgnoreCase|StringLike)$/i
const TAG_KEY = /^[a-z0-9-]+:(?:Resource|Request)Tag\/./i
const REQUEST_TAG_KEY = /^[a-z0-9-]+:RequestTag\//i

/**
 * The escalation actions a statement's Condition pins, each with the condition that does
 * (`iam:PassedToService = lambda.amazonaws.com`).
 */
function pinnedBy(statement: Statement): Map<string, string> {
  const pins = new Map<string, string>()
  for (const [lower, { key, values }] of pinnedKeys(statement)) {
    const said = values.length === 0 ? `${key} present` : `${key} = ${values.join(', ')}`
    for (const action of actionsPinnedBy(lower)) pins.set(action, said)
  }
  return pins
}

/**
 * The first policy variable in a text, else undefined. Policy variables: `${aws:username}`,
 * `${aws:PrincipalTag/team}`, `${s3:prefix}`, the identity providers'
 * (`${cognito-identity.amazonaws.com:sub}`, `${token.actions.githubusercontent.com:sub}`), and `${*}`,
 * `${?}`, `${$}`. A lower-case key before a colon: the placeholders the sources write for what only a
 * deployment knows (`${AWS::Region}`, `${ImportValue:shared}`, `${aws_s3_bucket.logs.arn}`) are not.
 */
export function policyVariableIn(text: string): string | undefined {
  // What /\$\{(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*:[^}:][^}]*|[*?$])\}/ finds, in time linear in the text
  // (vocabulary/placeholders.ts says why): the key's head stops at the next `${`.
  for (const { start, close } of openings(text)) {
    const single = close === start + 3 && '*?$'.includes(text.charAt(start + 2))
    VARIABLE_KEY.lastIndex = start + 2
    if (single || VARIABLE_KEY.test(text)) return text.slice(start, close + 1)
  }
  return undefined
}
const VARIABLE_KEY = /[a-z0-9-]+(?:\.[a-z0-9-]+)*:[^}:]/y

/**
 * The most comparisons of Resource entries with principals' own resources a run makes; past it, what
 * is left is not weighed (a statement's own-resource escalation then goes unsaid, as before the check).
 */
const MAX_OWN_COMPARISONS = 1_000_000

/** A statement's resources as a message names them. */
function resourceList(statement: Statement): string {
  const { resources } = statement
  return named(
    resources.slice(0, 3).map((r) => r.value),
    resources.length,
  )
}

/**
 * Resources as a message names them: the first three (of `count`, all of them by default), each cut
 * short when long. A message names them once per action it is about, and a policy of 1,500 actions on
 * one resource of 1 MB made a report of 1.5 GB.
 */
function named(resources: readonly string[], count = resources.length): string {
  const first = resources.slice(0, 3).map(shown).join(', ')
  return count <= 3 ? first : `${first}, … (${thousands(count - 3)} more)`
}

/** A value quoted in a message, its middle left out when it is long. */
function shown(value: string): string {
  return value.length <= 120 ? `"${value}"` : `"${value.slice(0, 100)}…${value.slice(-16)}"`
}

/** `formats` with those of the types the action acts on as its name says (mainTypes) first. */
function mainFirst(action: CatalogAction, formats: readonly string[], catalog: Catalog): string[] {
  const main = new Set(mainTypes(action).map((key) => catalog.resourceType(action.service, key)?.arn))
  return [...formats.filter((f) => main.has(f)), ...formats.filter((f) => !main.has(f))]
}

/** The formats with the one nearest to `resource` first. */
function nearestFirst(resource: string, formats: readonly string[]): string[] {
  const nearest = nearestFormat(resource, formats)
  return nearest ? [nearest, ...formats.filter((f) => f !== nearest)] : [...formats]
}

/** Parts of escalation combinations (lower case) → the statements granting each, with their files. */
interface Grantor {
  readonly statement: Statement
  readonly policy: PrincipalPolicies['policies'][number]
}
type GrantedParts = Map<string, Grantor[]>

/** Each escalation combination with its permissions in lower case, as GrantedParts holds them. */
const COMBINATIONS = ESCALATION_COMBINATIONS.map((combination) => ({
  combination,
  parts: combination.actions.map((a) => a.toLowerCase()),
}))

// The statement helpers below run for every statement of a run: indexed loops, not callbacks, which
// cost more than the work they wrap before the engine has optimised them (most runs end before that).

/** The statement's resource entry `*`, if it lists one. */
function starOf(statement: Statement): Located<string> | undefined {
  // Found once per statement: each of its entries asks (20,000 entries on 20,000 resources, 20,000 times).
  let star = STARS.get(statement)
  if (star === undefined) {
    star = statement.resources.find((r) => r.value === '*') ?? null
    STARS.set(statement, star)
  }
  return star ?? undefined
}
const STARS = new WeakMap<Statement, Located<string> | null>()

/** What a statement's resources are to appliesTo (resourceShape), as one key, made once per statement. */
function resourcesKey(statement: Statement): string {
  let key = RESOURCE_KEYS.get(statement)
  if (key === undefined) {
    key = statement.resources.map((r) => resourceShape(r.shape ?? r.value)).join('\u0001')
    RESOURCE_KEYS.set(statement, key)
  }
  return key
}
const RESOURCE_KEYS = new WeakMap<Statement, string>()
/** The resourcesKey of no statement: a statement on every resource, NotResource or `*`. */
const EVERYWHERE = '\u0000*'

/** Whether every resource of the statement is `*`. */
function onlyStar(statement: Statement): boolean {
  const { resources } = statement
  for (let i = 0; i < resources.length; i++) if ((resources[i] as Located<string>).value !== '*') return false
  return true
}

/** Whether every Resource entry of a statement is the principal's own role, written out (no wildcard). */
function passesOnlyItself(statement: Statement, own: OwnResources): boolean {
  const [role] = own.role
  return (
    role !== undefined &&
    !statement.notResource &&
    statement.resources.length > 0 &&
    statement.resources.every(
      (r) => !hasWildcard(r.value) && role.names.some((name) => namesOwn(r.value, name)),
    )
  )
}

/** The first letter of a word of an action's name (`Attachment` in `SubmitAttachment`), or a digit. */
const WORD_START = /[A-Z0-9]/

/** API Gateway's operations by their verb, with the HTTP method whose action authorizes them. */
const HTTP_METHODS: readonly (readonly [string, string])[] = [
  ['create', 'POST'],
  ['get', 'GET'],
  ['update', 'PATCH'],
  ['put', 'PUT'],
  ['delete', 'DELETE'],
]

/** Lower-cased verbs, each with the verbs it may be written for, to try in order. */
type Verbs = readonly (readonly [string, readonly string[]])[]

/** Verbs of a pair IAM's names mix up, tried before a slip of spelling. */
const VERB_PAIRS: Verbs = [
  ['set', ['Put']],
  ['put', ['Set']],
  ['remove', ['Delete']],
  ['delete', ['Remove']],
]

/**
 * Verbs written for the one a service uses: what creates or replaces a whole thing is often Put
 * (PutItem, PutRolePolicy, PutParameter, PutRule), and a read is Describe in one service and Get or List
 * in the next. Tried after a slip of spelling.
 */
const VERB_SYNONYMS: Verbs = [
  ['create', ['Put']],
  ['update', ['Put']],
  ['list', ['Describe']],
  ['get', ['Describe']],
  ['describe', ['Get', 'List']],
]

/**
 * `action` with its first word, a verb of `verbs`, replaced by each verb it may be written for. A verb
 * inside a word (`Getaway`) is none; an action written all in lower case has no words to tell.
 */
function* withOtherVerbs(action: string, verbs: Verbs): Generator<string> {
  const lower = action.toLowerCase()
  for (const [verb, others] of verbs) {
    if (!lower.startsWith(verb)) continue
    if (action !== lower && !WORD_START.test(action.charAt(verb.length))) continue
    for (const other of others) yield other + action.slice(verb.length)
  }
}

/** `the action that authorizes the API operation s3:PutBucketEncryption`, for a "did you mean". */
function authorizing(actions: readonly string[], operation: string): string {
  return `${actions.length === 1 ? 'the action that authorizes' : 'the actions that authorize'} the API operation ${operation}`
}

/** The prefix of IAM's global condition keys (`aws:SourceIp`), which no service has. */
const GLOBAL_KEYS = 'aws'

/**
 * Which condition key an unknown action names, said as a clause, when it names one: `ec2:MetadataHttpTokens`
 * is one of ec2's keys; anything under `aws:` reads as a global one (`aws:SourceIp`), no service's action.
 */
function conditionKeyNamed(value: string, catalog: Catalog): string | undefined {
  if (hasWildcard(value)) return undefined
  const colon = value.indexOf(':')
  if (colon > 0 && value.slice(0, colon).toLowerCase() === GLOBAL_KEYS && colon < value.length - 1)
    return "aws: is the prefix of IAM's global condition keys, not a service"
  const key = catalog.conditionKey(value)
  return key && `it is the condition key ${key}`
}

function unknownIn(value: string, service: string, stamp: string): string {
  // Older policies name actions AWS no longer lists (sso:GetPeregrineStatus, in Control Tower roles).
  return `"${value}" is not an action of ${service} in ${stamp}; a typo, an action AWS retired or never listed, or one newer than the catalog`
}

/** How many escalating actions (or paths) a finding explains one by one; past that, the others are named. */
const ESCALATIONS_EXPLAINED = 5

/** How many of a statement's resources a combination's finding shows. */
const RESOURCES_SHOWN = 3

/**
 * The escalating actions a finding names, each with how it escalates: `: a (how); b (how)`. Past
 * {@link ESCALATIONS_EXPLAINED} ("*" grants 34), the IAM ones and then the first of the others are
 * explained and the rest only named, so that the message stays a message: every action is in the
 * finding's `actions`.
 */
function escalations(actions: readonly string[]): string {
  const explain = (names: readonly string[]) => names.map((a) => `${a} (${escalationReason(a)})`).join('; ')
  if (actions.length <= ESCALATIONS_EXPLAINED) return `: ${explain(actions)}`
  const iamFirst = [
    ...actions.filter((a) => a.startsWith('iam:')),
    ...actions.filter((a) => !a.startsWith('iam:')),
  ]
  const explained = new Set(iamFirst.slice(0, ESCALATIONS_EXPLAINED))
  const others = actions.filter((a) => !explained.has(a))
  return `, among them ${explain([...explained])}; and ${previewList(others, 4)}`
}
