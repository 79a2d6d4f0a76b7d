// Pull request scope: which findings the pull request introduces. The same checks run on the base
// revision's files, with the same usage; a finding of the head is `existing` when the base has one with
// the same fingerprint — the principal, the kind, the actions and what its statement says of where and
// when (its resources, condition and effect), not the line it is on, its Sid nor its other actions, so
// that a finding moved by an edit above it, or beside an action added, is still the same finding.
import { isPolicyArn } from '../vocabulary/accounts.js'
import { type Finding, policyFileOf } from '../vocabulary/findings.js'
import { kept } from '../vocabulary/lists.js'
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
  const changed = [
    ...basePrincipals.filter((p) => inHead.has(p.arn) && !unchanged.has(p.arn)),
    ...detachedPolicies(headPrincipals, basePrincipals),
  ]
  // Fingerprints are asked only of the findings of principals not unchanged: only their documents.
  const headChanged = headPrincipals.filter((p) => !unchanged.has(p.arn))
  return markScope(head, headChanged, check(changed), changed, unchanged)
}

/**
 * Of the head's managed policies that no one in the code has (each a principal of its own), those the
 * base gave someone: the pull request detached it, or removed the role that had it. What it grants is
 * not new, so the base is checked with it as a principal of its own too, of the base's same documents.
 */
function detachedPolicies(
  head: readonly PrincipalPolicies[],
  base: readonly PrincipalPolicies[],
): PrincipalPolicies[] {
  const inBase = new Set(base.map((p) => p.arn))
  const lone = head.filter((p) => isPolicyArn(p.arn) && !inBase.has(p.arn))
  if (lone.length === 0) return []
  const documents = new Map<string, PolicyDocument>()
  for (const p of base)
    for (const d of p.policies) {
      const key = documentKey(d.file, d.source)
      if (!documents.has(key)) documents.set(key, d)
    }
  return lone.flatMap((p) => {
    const had = p.policies.flatMap((d) => documents.get(documentKey(d.file, d.source)) ?? [])
    return had.length > 0 ? [{ arn: p.arn, policies: had }] : []
  })
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
  const texts = new TextIds()
  const baseKeys = new Fingerprints(basePrincipals, texts)
  const remaining = new Map<string, number>()
  const byKey = new Map<string, Finding>()
  for (const f of base) {
    const key = baseKeys.of(f)
    remaining.set(key, (remaining.get(key) ?? 0) + 1)
    if (!byKey.has(key)) byKey.set(key, f)
  }
  const headKeys = new Fingerprints(headPrincipals, texts)
  // First what the base has as it is, each of the base's findings once.
  const same = head.map((f) => {
    if (unchanged.has(f.principal)) return true
    const key = headKeys.of(f)
    const left = remaining.get(key) ?? 0
    if (left === 0) return false
    remaining.set(key, left - 1)
    return true
  })
  // Then the rest against what the base's findings left over say at the same statement: a statement split
  // in two, or an action taken from it, leaves findings on fewer actions, none of which is new.
  let leftover: Map<string, Set<string>> | undefined
  return head.map((f, i) => {
    if (same[i]) return { ...f, scope: 'existing' }
    leftover ??= leftoverActions(remaining, byKey, baseKeys)
    const had = leftover.get(headKeys.of(f, false))
    const added = had ? f.actions.filter((a) => !had.has(a)) : f.actions
    if (added.length === 0) return { ...f, scope: 'existing' }
    const kept = f.actions.length - added.length
    return { ...f, scope: 'new', ...(kept > 0 && { message: `${f.message} ${addedNote(added, kept)}` }) }
  })
}

/**
 * The actions of the base's findings no finding of the head matched as it is, by their fingerprint without
 * the actions: what the base's checks said of each statement that the head's say otherwise.
 */
function leftoverActions(
  remaining: ReadonlyMap<string, number>,
  byKey: ReadonlyMap<string, Finding>,
  keys: Fingerprints,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const [key, left] of remaining) {
    const f = byKey.get(key)
    if (left === 0 || !f) continue
    const place = keys.of(f, false)
    const actions = out.get(place) ?? new Set<string>()
    for (const a of f.actions) actions.add(a)
    out.set(place, actions)
  }
  return out
}

/**
 * What a new finding adds to what the base's findings at the same statement said (an action added to a
 * statement on Resource "*" makes its finding of 1,900 actions new): said in its message, so that the one
 * added is not lost among the rest.
 */
function addedNote(added: readonly string[], kept: number): string {
  // Said of what the finding is about, whatever its kind: granted on "*", unused, used but not granted.
  const other = kept === 1 ? 'the other action' : `the other ${thousands(kept)} actions`
  return `This pull request adds ${previewList(added, 5)}; the base revision has this finding for ${other} already.`
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

  constructor(
    principals: readonly PrincipalPolicies[],
    private readonly texts: TextIds,
  ) {
    for (const p of principals)
      for (const d of [...p.policies, ...(p.boundary ? [p.boundary] : [])])
        this.documents.set(documentKey(d.file, d.source), d)
  }

  /** The finding's fingerprint; without `withActions`, of where it is and what it is, whatever its actions. */
  of(f: Finding, withActions = true): string {
    const statement = this.documents.get(documentKey(policyFileOf(f), f.source))?.statements[f.statementIndex]
    let actions = withActions ? this.actionLists.get(f.actions) : 'null'
    if (actions === undefined) {
      actions = this.texts.id(JSON.stringify([...f.actions].sort()))
      this.actionLists.set(f.actions, actions)
    }
    let content = statement ? this.statements.get(statement) : 'null'
    if (content === undefined && statement) {
      content = this.texts.id(JSON.stringify(contentOf(statement)))
      this.statements.set(statement, content)
    }
    const arn = f.source?.kind === 'aws-managed-policy' ? f.source.arn : null
    return `[${JSON.stringify(f.principal)},${JSON.stringify(f.kind)},${actions},${JSON.stringify(arn)},${content}]`
  }
}

/**
 * A short stand-in for each long text (an action list of thousands of names, a statement's content), the
 * same in both revisions' fingerprints: keys of a few characters, not of kilobytes, for each finding.
 */
class TextIds {
  private readonly ids = new Map<string, string>()

  id(text: string): string {
    return kept(this.ids, text, () => `#${this.ids.size}`)
  }
}

/**
 * What a statement grants besides its actions: a finding names the actions it is about, and an action
 * added to (or taken from) the statement changes no finding of the others. (With the action list in it, a
 * pull request adding one service wildcard to a statement of forty made all forty findings new.) Nor its
 * Sid, a label IAM does not read: renamed, the statement grants what it did.
 */
function contentOf(s: Statement): unknown {
  return [
    s.effect,
    s.notAction,
    s.notResource,
    s.resources.map((r) => r.value).sort(),
    s.condition?.value ?? null,
  ]
}
