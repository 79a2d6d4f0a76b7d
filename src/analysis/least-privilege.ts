import { createTwoFilesPatch } from 'diff'
import type { Catalog, CatalogAction } from '../catalog/catalog.js'
import type { PolicyDocument, Statement } from '../policy/parse-policy.js'
import { editPolicyText, type StatementEdit } from './policy-edit.js'
import { keepTouchedResources, touchedResourceTypes } from './resources.js'
import type { PrincipalPolicies, StaticChecker } from './static-checks.js'
import { homePolicy, notObservable, type ObservedUsage, usedActions } from './usage-checks.js'

/** A least-privilege version of a repository policy file, and its unified diff against the file. */
export interface SuggestedPolicy {
  readonly file: string
  /** The suggested document, as JSON text. */
  readonly text: string
  readonly diff: string
}

/** Sid of the statement that grants what was used but not granted. */
export const USED_NOT_GRANTED_SID = 'IamPolicyDriftUsedNotGranted'

/**
 * Least-privilege versions of the policy files whose principals all have usage data: each Allow
 * statement keeps only the actions used in the window plus those the service cannot see (never fewer
 * than were used), as concrete actions instead of wildcards or NotAction; statements left with no
 * action are dropped; resources of a type the principal never touched (by the generated policy's
 * resource placeholders) are dropped, the rest of the repository's scoping is kept; Sids, conditions
 * and Deny statements are kept as they are. Actions
 * used but granted nowhere are added to the principal's first file in a statement of their own, Sid
 * `IamPolicyDriftUsedNotGranted`. Only `drifted` files (those with usage findings) are suggested. A
 * Deny is a deliberate guardrail and is never lifted: an action used but denied stays a would-break
 * finding for a person to decide.
 *
 * A file shared by several principals is suggested from what all of them used, and only when every one
 * of them has usage data: trimming it for one could break another.
 */
export function suggestPolicies(
  principals: readonly PrincipalPolicies[],
  usage: ReadonlyMap<string, ObservedUsage>,
  checker: StaticChecker,
  catalog: Catalog,
  drifted: ReadonlySet<string>,
  readOriginal: (file: string) => string | undefined,
): SuggestedPolicy[] {
  const hidden = notObservable(catalog)
  const byFile = new Map<
    string,
    {
      policy: PolicyDocument
      used: Set<number>
      touched: Set<string>
      complete: boolean
      principals: PrincipalPolicies[]
    }
  >()
  const missingByFile = new Map<string, Set<number>>()
  for (const principal of principals) {
    const observed = usage.get(principal.arn)
    const seen = observed ? usedActions(observed.policies, catalog) : undefined
    // A service seen at service level only keeps every action of it that is granted: which were used is unknown.
    const used = seen
      ? new Set([
          ...seen.ids,
          ...catalog.actions.filter((a) => seen.services.has(a.service)).map((a) => a.id),
        ])
      : undefined
    const denied = checker.deniedEverywhere(principal.policies)
    const granted = new Set<number>()
    for (const policy of principal.policies) {
      const entry = byFile.get(policy.file) ?? {
        policy,
        used: new Set<number>(),
        touched: new Set<string>(),
        complete: true,
        principals: [],
      }
      entry.principals.push(principal)
      if (used && observed) {
        for (const id of used) entry.used.add(id)
        for (const t of touchedResourceTypes(observed.policies, catalog)) entry.touched.add(t)
      } else {
        entry.complete = false
      }
      byFile.set(policy.file, entry)
      for (const s of policy.statements) {
        if (s.effect === 'Allow')
          for (const a of checker.grant(s.notAction, s.actions, denied).actions) granted.add(a.id)
      }
    }
    const first = homePolicy(principal)
    if (seen && first) {
      // Only concrete actions are added: a service seen at service level names no action to grant.
      const missing = [...seen.ids].filter((id) => !granted.has(id))
      if (missing.length > 0) {
        const set = missingByFile.get(first.file) ?? new Set<number>()
        for (const id of missing) set.add(id)
        missingByFile.set(first.file, set)
      }
    }
  }

  const out: SuggestedPolicy[] = []
  for (const [file, { policy, used, touched, complete, principals: sharing }] of byFile) {
    if (!complete || !drifted.has(file)) continue
    const original = readOriginal(file)
    if (original === undefined) continue
    const denied =
      sharing.length === 1 ? checker.deniedEverywhere((sharing[0] as PrincipalPolicies).policies) : undefined
    const statements: object[] = []
    const edits: StatementEdit[] = []
    for (const s of policy.statements) {
      if (s.effect === 'Deny') {
        statements.push(
          render(
            s,
            s.actions.map((a) => a.value),
            s.notAction,
            s.resources.map((r) => r.value),
          ),
        )
        edits.push({ kind: 'keep' })
        continue
      }
      // With several principals, their Deny sets differ: keep what the statement names, before Deny.
      const grant = checker.grant(s.notAction, s.actions, denied ?? { key: '', ids: undefined })
      const keep = grant.actions.filter((a) => used.has(a.id) || hidden.has(a.id))
      if (keep.length === 0) {
        edits.push({ kind: 'drop' })
        continue
      }
      // Resources of a type the principal never touched go; the rest of the repository's scoping stays.
      // What the service cannot see may use any type its actions accept: those types stay.
      const values = s.resources.map((r) => r.value)
      const unseen = keep.filter((a) => hidden.has(a.id) && !used.has(a.id))
      const keepTypes =
        unseen.length === 0
          ? touched
          : new Set([
              ...touched,
              ...unseen.flatMap((a) => a.resourceTypes.map((key) => `${a.service}/${key}`)),
            ])
      const resources = s.notResource ? values : keepTouchedResources(values, keep, keepTypes, catalog)
      const names = keep.map((a: CatalogAction) => a.name)
      const statement = render(s, names, false, resources)
      statements.push(statement)
      const unchanged =
        !s.notAction &&
        sameSet(
          names,
          s.actions.map((a) => a.value),
        ) &&
        sameSet(resources, values)
      edits.push(unchanged ? { kind: 'keep' } : { kind: 'replace', statement })
    }
    const added: object[] = []
    const missing = missingByFile.get(file)
    if (missing && missing.size > 0) {
      added.push({
        Sid: USED_NOT_GRANTED_SID,
        Effect: 'Allow',
        Action: oneOrList(
          [...missing].sort((a, b) => a - b).map((id) => (catalog.actions[id] as CatalogAction).name),
        ),
        // Used in the window but granted nowhere: scope it before merging.
        Resource: '*',
      })
    }
    const text = editPolicyText(
      original,
      edits,
      added,
      () =>
        `${JSON.stringify({ Version: policy.version ?? '2012-10-17', Statement: [...statements, ...added] }, null, 2)}\n`,
    )
    if (sameDocument(original, text)) continue
    out.push({ file, text, diff: createTwoFilesPatch(file, file, original, text, 'repository', 'suggested') })
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
}

function render(
  s: Statement,
  actions: readonly string[],
  notAction: boolean,
  resources: readonly string[],
): object {
  const condition = s.condition ? (JSON.parse(s.condition.value) as object) : undefined
  return {
    ...(s.sid !== null && { Sid: s.sid }),
    Effect: s.effect,
    [notAction ? 'NotAction' : 'Action']: oneOrList(actions),
    [s.notResource ? 'NotResource' : 'Resource']: oneOrList(resources),
    ...(condition && { Condition: condition }),
  }
}

/** A single value as itself, several as a list: how people write IAM policies. */
function oneOrList(values: readonly string[]): string | readonly string[] {
  return values.length === 1 ? (values[0] as string) : values
}

/** Whether two lists hold the same strings, in any order. */
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a)
  return set.size === new Set(b).size && b.every((x) => set.has(x))
}

/** Whether two JSON texts hold the same document, whatever their layout. */
function sameDocument(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b))
  } catch {
    return false
  }
}
