// Pull request scope: which findings the pull request introduces. The same checks run on the base
// revision's files, with the same usage; a finding of the head is `existing` when the base has one with
// the same fingerprint — the principal, the kind, the actions and what its statement says of where and
// when (its resources, condition and effect), not the line it is on nor the statement's other actions, so
// that a finding moved by an edit above it, or beside an action added, is still the same finding.
import { type Finding, policyFileOf } from '../vocabulary/findings.js'
import type { PolicyDocument, PrincipalPolicies, Statement } from '../vocabulary/policy.js'
import { previewList } from '../vocabulary/problems.js'
import { thousands } from '../vocabulary/text.js'
import { documentKey } from './least-privilege.js'

export type FindingScope = 'new' | 'existing'

/**
 * The head's findings, each with its scope against the base revision's principals, whose findings
 * `check` gives. It is asked only for the principals the head has too and the pull request changes: one
 * the same in both revisions has the same findings in both, and one the head lacks has none to match.
 */
export function scopeAgainstBase(
  head: readonly Finding[],
  headPrincipals: readonly PrincipalPolicies[],
  basePrincipals: readonly PrincipalPolicies[],
  check: (principals: readonly PrincipalPolicies[]) => readonly Finding[],
): (Finding & { scope: FindingScope })[] {
  const unchanged = unchangedPrincipals(headPrincipals, basePrincipals)
  const inHead = new Set(headPrincipals.map((p) => p.arn))
  const changed = basePrincipals.filter((p) => inHead.has(p.arn) && !unchanged.has(p.arn))
  // Fingerprints are asked only of the findings of principals not unchanged: only their documents.
  const headChanged = headPrincipals.filter((p) => !unchanged.has(p.arn))
  return markScope(head, headChanged, check(changed), changed, unchanged)
}

/**
 * The head's findings, each with its scope against the base's findings. The findings of a principal in
 * `unchanged` (the same in both revisions: see {@link unchangedPrincipals}) are `existing` as they are:
 * the base's findings need not hold them, as the checks would give the base the same ones.
 */
export function markScope(
  head: readonly Finding[],
  headPrincipals: readonly PrincipalPolicies[],
  base: readonly Finding[],
  basePrincipals: readonly PrincipalPolicies[],
  unchanged: ReadonlySet<string> = new Set(),
): (Finding & { scope: FindingScope })[] {
  const baseKeys = new Fingerprints(basePrincipals)
  const remaining = new Map<string, number>()
  for (const f of base) {
    const key = baseKeys.of(f)
    remaining.set(key, (remaining.get(key) ?? 0) + 1)
  }
  const headKeys = new Fingerprints(headPrincipals)
  let grown: Map<string, (readonly string[])[]> | undefined
  return head.map((f) => {
    if (unchanged.has(f.principal)) return { ...f, scope: 'existing' }
    const key = headKeys.of(f)
    const left = remaining.get(key) ?? 0
    if (left === 0) {
      // The base's findings of the same statement and kind, by what they say but their actions: made once,
      // when a finding is new.
      grown ??= byPlace(base, baseKeys)
      const added = addedActions(f, grown.get(headKeys.of(f, false)) ?? [])
      return { ...f, scope: 'new', ...(added && { message: `${f.message} ${added}` }) }
    }
    remaining.set(key, left - 1)
    return { ...f, scope: 'existing' }
  })
}

/** Findings' action lists by their fingerprint without the actions. */
function byPlace(findings: readonly Finding[], keys: Fingerprints): Map<string, (readonly string[])[]> {
  const out = new Map<string, (readonly string[])[]>()
  for (const f of findings) {
    const key = keys.of(f, false)
    const lists = out.get(key)
    if (lists) lists.push(f.actions)
    else out.set(key, [f.actions])
  }
  return out
}

/**
 * What a new finding adds to one the base revision has at the same statement, when the base's actions are
 * all among its own (an action added to a statement on Resource "*" makes its finding of 1,900 actions
 * new): which actions the pull request brings, said in the message. Undefined when none is such.
 */
function addedActions(f: Finding, before: readonly (readonly string[])[]): string | undefined {
  const mine = new Set(f.actions)
  let best: readonly string[] | undefined
  for (const actions of before)
    if (
      actions.length < mine.size &&
      actions.every((a) => mine.has(a)) &&
      actions.length > (best?.length ?? 0)
    )
      best = actions
  if (!best) return undefined
  const had = new Set(best)
  const added = f.actions.filter((a) => !had.has(a))
  const other = best.length === 1 ? 'the other action' : `the other ${thousands(best.length)} actions`
  return `This pull request adds ${previewList(added, 5)}; the base revision grants ${other} so already.`
}

/**
 * The principals whose every input to the checks is the same in both revisions, positions included:
 * their policies, boundary, unresolved policies, source and lifecycle (compared as data, so a field
 * added later counts too). The checks of such a principal give the base what they give the head, so
 * the base's need not run. An ARN two principals share in either revision is never in it.
 */
export function unchangedPrincipals(
  head: readonly PrincipalPolicies[],
  base: readonly PrincipalPolicies[],
): Set<string> {
  const once = (principals: readonly PrincipalPolicies[]) => {
    const byArn = new Map<string, PrincipalPolicies | null>()
    for (const p of principals) byArn.set(p.arn, byArn.has(p.arn) ? null : p)
    return byArn
  }
  const before = once(base)
  const unchanged = new Set<string>()
  for (const [arn, p] of once(head)) {
    const q = before.get(arn)
    if (p && q && sameData(p, q)) unchanged.add(arn)
  }
  return unchanged
}

/** Whether two values of plain data (JSON's kinds, undefined) are equal, all the way down. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  for (const key of keys) {
    if (!Object.hasOwn(b, key)) return false
    if (!sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false
  }
  return true
}

/**
 * What identifies a finding across revisions: never its line. The parts findings share are worked out
 * once: a statement's content (each of its findings names it) and an action list (findings of one
 * grant share one list, of hundreds of names for a wildcard).
 */
class Fingerprints {
  private readonly documents = new Map<string, PolicyDocument>()
  private readonly statements = new WeakMap<Statement, string>()
  private readonly actionLists = new WeakMap<readonly string[], string>()

  constructor(principals: readonly PrincipalPolicies[]) {
    for (const p of principals)
      for (const d of [...p.policies, ...(p.boundary ? [p.boundary] : [])])
        this.documents.set(documentKey(d.file, d.source), d)
  }

  /** The finding's fingerprint; without `withActions`, of where it is and what it is, whatever its actions. */
  of(f: Finding, withActions = true): string {
    const statement = this.documents.get(documentKey(policyFileOf(f), f.source))?.statements[f.statementIndex]
    let actions = withActions ? this.actionLists.get(f.actions) : 'null'
    if (actions === undefined) {
      actions = JSON.stringify([...f.actions].sort())
      this.actionLists.set(f.actions, actions)
    }
    let content = statement ? this.statements.get(statement) : 'null'
    if (content === undefined && statement) {
      content = JSON.stringify(contentOf(statement))
      this.statements.set(statement, content)
    }
    const arn = f.source?.kind === 'aws-managed-policy' ? f.source.arn : null
    return `[${JSON.stringify(f.principal)},${JSON.stringify(f.kind)},${actions},${JSON.stringify(arn)},${content}]`
  }
}

/**
 * What a statement says besides its actions: a finding names the actions it is about, and an action added
 * to (or taken from) the statement changes no finding of the others. (With the action list in it, a pull
 * request adding one service wildcard to a statement of forty made all forty findings new.)
 */
function contentOf(s: Statement): unknown {
  return [
    s.sid,
    s.effect,
    s.notAction,
    s.notResource,
    s.resources.map((r) => r.value).sort(),
    s.condition?.value ?? null,
  ]
}
