import { createTwoFilesPatch, formatPatch } from 'diff'
import type { Catalog, CatalogAction } from '../catalog/catalog.js'
import { append, smallest } from '../vocabulary/lists.js'
import {
  codeAddress,
  type DocumentSource,
  type PolicyDocument,
  type PrincipalPolicies,
  type Statement,
} from '../vocabulary/policy.js'
import { byCodeUnits } from '../vocabulary/text.js'
import type { PrincipalUsage } from '../vocabulary/usage.js'
import { type Denied, type GrantEngine, NO_DENY } from './grants.js'
import { applyTextEdits, siteEdits, type TextEdit } from './in-place-edit.js'
import { editPolicyText, isPolicyText, type StatementEdit } from './policy-edit.js'
import { actsOn } from './resource-types.js'
import { keepTouchedResources, touchedResourceTypes } from './resources.js'
import { homePolicy, listedVisibility, usedActions, type Visibility, visibilityFor } from './usage-checks.js'

/**
 * A least-privilege version of a policy: for a policy file, the file as it should be and its unified
 * diff against the repository's; for a policy written inside other code (a .tf file), that file edited
 * in place and its diff when the code can be edited so, else the JSON document to put where it is
 * written (no diff: a diff of JSON against HCL would not apply).
 */
export interface SuggestedPolicy {
  readonly file: string
  /** The file as it should be; for a document given as JSON, that document. */
  readonly text: string
  /** The unified diff against the file; null for a document given as JSON. */
  readonly diff: string | null
  /** What writes the policy when it is not a policy file of its own, and the line it starts on. */
  readonly source: DocumentSource | null
  readonly line: number
  /** For an edit of code in place: the resources whose policies it edits. */
  readonly addresses?: readonly string[]
}

/** Whether an edit of code made in place leaves it valid: the edit is given as JSON when not. */
export type CodeCheck = (file: string, before: string, after: string) => boolean

/** Which document a finding or a suggestion is about: its file, and the resource that writes it there. */
export function documentKey(file: string, source: DocumentSource | null | undefined): string {
  const address = codeAddress(source)
  return address !== undefined ? `${file}#${address}` : file
}

/** Sid of the statement that grants what was used but not granted. */
export const USED_NOT_GRANTED_SID = 'IamPolicyDriftUsedNotGranted'

/** What the principals that share one policy file used, and whether all of them have usage data. */
interface FileUse {
  readonly policy: PolicyDocument
  /** Every document of the file: one, or for code edited in place, each instance written by it. */
  readonly documents: PolicyDocument[]
  readonly used: Set<number>
  readonly touched: Set<string>
  complete: boolean
  readonly principals: PrincipalPolicies[]
  /** Used but granted nowhere, to be added to this file (the home file of the principals concerned). */
  readonly missing: Set<number>
  /** What the usage of each principal of the file can show: what one cannot is kept, never trimmed. */
  readonly visibility: Visibility[]
}

/**
 * Least-privilege versions of the policy files whose principals all have usage data: each Allow
 * statement keeps only the actions used in the window plus those the service cannot see (never fewer
 * than were used), as concrete actions instead of wildcards or NotAction; statements left with no
 * action are dropped; resources of a type the principal never touched (by the generated policy's
 * resource placeholders) are dropped, the rest of the repository's scoping is kept; Sids, conditions
 * and Deny statements are kept as they are. Actions used but granted nowhere are added to the
 * principal's first file in a statement of their own, Sid `IamPolicyDriftUsedNotGranted`. Only
 * `drifted` files (those with usage findings) are suggested. A Deny is a deliberate guardrail and is
 * never lifted: an action used but denied stays a would-break finding for a person to decide.
 *
 * A file shared by several principals is suggested from what all of them used, and only when every one
 * of them has usage data: trimming it for one could break another.
 */
export function suggestPolicies(
  principals: readonly PrincipalPolicies[],
  usage: ReadonlyMap<string, PrincipalUsage>,
  grants: GrantEngine,
  drifted: ReadonlySet<string>,
  readOriginal: (file: string) => string | undefined,
  checkCode: CodeCheck = () => true,
  dataEvents: ReadonlySet<string> = new Set(),
): SuggestedPolicy[] {
  const out: SuggestedPolicy[] = []
  const inCode = new Map<string, FileUse[]>()
  for (const use of gatherFileUse(principals, usage, grants, dataEvents).values()) {
    const { file, source, site } = use.policy
    const isDrifted = use.documents.some((d) => drifted.has(documentKey(d.file, d.source)))
    // An AWS managed policy is replaced, not edited: its findings say so.
    if (!use.complete || !isDrifted || source?.kind === 'aws-managed-policy') continue
    if (site) {
      inCode.set(site.file, [...(inCode.get(site.file) ?? []), use])
    } else {
      // A policy file is suggested as a diff of itself; a document inside anything else (a JSON
      // template, code that cannot be edited in place) as JSON.
      const original = file.endsWith('.json') && !use.policy.templated ? readOriginal(file) : null
      if (original === undefined) continue // a policy file that cannot be read has no diff
      if (original !== null && isPolicyText(original)) {
        const suggested = suggestFile(use, original, grants)
        if (suggested) out.push(suggested)
      } else append(out, suggestDocuments(use, grants))
    }
  }
  for (const [file, uses] of inCode)
    append(out, suggestInCode(file, uses, readOriginal(file), grants, checkCode))
  return out.sort((a, b) => byCodeUnits(a.file, b.file) || a.line - b.line)
}

/**
 * The policies written in one file of code, edited in place where each can be, as one diff of the
 * file; each that cannot (its instances would need different edits, or the code is not laid out for
 * it) given as JSON.
 */
function suggestInCode(
  file: string,
  uses: readonly FileUse[],
  original: string | undefined,
  grants: GrantEngine,
  checkCode: CodeCheck,
): SuggestedPolicy[] {
  const out: SuggestedPolicy[] = []
  const edits: TextEdit[] = []
  const edited: FileUse[] = []
  for (const use of uses) {
    const narrowed = use.documents.map((doc) => ({ doc, ...narrow({ ...use, policy: doc }, grants) }))
    if (narrowed.some(leftEmpty)) continue
    const perDocument = narrowed.map(({ doc, edits: statementEdits, added }) => {
      if (!doc.site || original === undefined) return undefined
      return siteEdits(original, { site: doc.site, statements: doc.statements, edits: statementEdits, added })
    })
    const [first] = perDocument
    const same = first && perDocument.every((e) => e && JSON.stringify(e) === JSON.stringify(first))
    if (same && first.length > 0) {
      append(edits, first)
      edited.push(use)
    } else if (!same) {
      append(out, suggestDocuments(use, grants))
    }
  }
  const text = original === undefined || edits.length === 0 ? undefined : applyTextEdits(original, edits)
  if (text === undefined || original === undefined || !checkCode(file, original, text)) {
    for (const use of edited) append(out, suggestDocuments(use, grants))
    return out
  }
  const documents = edited.flatMap((use) => use.documents)
  out.push({
    file,
    text,
    diff: suggestionDiff(file, original, text),
    source: documents[0]?.source ?? null,
    line: smallest(documents.map((d) => d.statements[0]?.line ?? 1)),
    addresses: [...new Set(documents.flatMap((d) => codeAddress(d.source) ?? []))],
  })
  return out
}

/** Per policy file: what its principals used and touched, and what they used that no file grants. */
function gatherFileUse(
  principals: readonly PrincipalPolicies[],
  usage: ReadonlyMap<string, PrincipalUsage>,
  grants: GrantEngine,
  dataEvents: ReadonlySet<string>,
): Map<string, FileUse> {
  const { catalog } = grants
  const byFile = new Map<string, FileUse>()
  const useOf = (policy: PolicyDocument): FileUse => {
    // The instances of code that one text writes (count, for_each, a module called twice) are edited
    // together: from what all of them used, and only when all have usage data.
    const key = policy.site
      ? `${policy.site.file}\u0000${policy.site.statements[0]?.span.start}`
      : documentKey(policy.file, policy.source)
    let use = byFile.get(key)
    if (!use) {
      use = {
        policy,
        documents: [],
        used: new Set(),
        touched: new Set(),
        complete: true,
        principals: [],
        missing: new Set(),
        visibility: [],
      }
      byFile.set(key, use)
    }
    return use
  }
  for (const principal of principals) {
    const observed = usage.get(principal.arn)
    const policies = observed?.status === 'checked' ? observed.generatedPolicies : undefined
    const seen = policies && usedActions(policies, catalog)
    // A service seen at service level only keeps every action of it that is granted: which were used is unknown.
    const used = seen && [
      ...seen.ids,
      ...[...seen.services].flatMap((service) => catalog.expand(`${service}:*`)),
    ]
    const touched = policies && touchedResourceTypes(policies, catalog)
    const visibility =
      seen && observed ? visibilityFor(catalog, seen, observed, dataEvents) : listedVisibility(catalog)
    const denied = grants.deniedFor(principal)
    const granted = new Set<number>()
    for (const policy of principal.policies) {
      const use = useOf(policy)
      if (!use.documents.includes(policy)) use.documents.push(policy)
      use.principals.push(principal)
      use.visibility.push(visibility)
      if (used && touched) {
        for (const id of used) use.used.add(id)
        for (const t of touched) use.touched.add(t)
      } else {
        use.complete = false
      }
      for (const s of policy.statements) {
        if (s.effect !== 'Allow') continue
        // Granted only where it can act on the statement's resources: else it is used but not granted.
        const acts = actsOn(s, catalog)
        for (const a of grants.grantOf(s.notAction, s.actions, denied).actions) if (acts(a)) granted.add(a.id)
      }
    }
    const home = homePolicy(principal)
    // Only concrete actions are added: a service seen at service level names no action to grant. Nor
    // what a Deny or the boundary takes away: an Allow would not give it back (would-break says so).
    if (seen && home)
      for (const id of seen.ids) if (!granted.has(id) && !denied.ids?.[id]) useOf(home).missing.add(id)
  }
  return byFile
}

/** The document edited to what its principals used: its statements, their edits, and what is added. */
function narrow(
  use: FileUse,
  grants: GrantEngine,
): { statements: object[]; edits: StatementEdit[]; added: object[] } {
  // With several principals, their Deny sets differ: keep what the statement names, before Deny.
  const denied =
    use.principals.length === 1 ? grants.deniedFor(use.principals[0] as PrincipalPolicies) : NO_DENY
  const statements: object[] = []
  const edits: StatementEdit[] = []
  for (const s of use.policy.statements) {
    const { edit, statement } = editStatement(s, use, denied, grants)
    edits.push(edit)
    if (statement) statements.push(statement)
  }
  const added: object[] = []
  if (use.missing.size > 0) {
    added.push({
      Sid: USED_NOT_GRANTED_SID,
      Effect: 'Allow',
      Action: oneOrList([...use.missing].sort((a, b) => a - b).map((id) => grants.catalog.action(id).name)),
      // Used in the window but granted nowhere: scope it before merging.
      Resource: '*',
    })
  }
  return { statements, edits, added }
}

/** Policies written inside other code, each as the JSON document to put there, when it changes. */
function suggestDocuments(use: FileUse, grants: GrantEngine): SuggestedPolicy[] {
  const out: SuggestedPolicy[] = []
  const seen = new Set<string>()
  for (const policy of use.documents) {
    const key = documentKey(policy.file, policy.source)
    if (seen.has(key)) continue
    seen.add(key)
    const narrowed = narrow({ ...use, policy }, grants)
    const { statements, edits, added } = narrowed
    if (leftEmpty(narrowed) || (added.length === 0 && edits.every((e) => e.kind === 'keep'))) continue
    const text = `${JSON.stringify({ Version: policy.version ?? '2012-10-17', Statement: [...statements, ...added] }, null, 2)}\n`
    out.push({
      file: policy.file,
      text,
      diff: null,
      source: policy.source ?? null,
      line: policy.statements[0]?.line ?? 1,
    })
  }
  return out
}

/** The file edited to what its principals used, or undefined when that changes nothing. */
function suggestFile(use: FileUse, original: string, grants: GrantEngine): SuggestedPolicy | undefined {
  const { policy } = use
  const narrowed = narrow(use, grants)
  if (leftEmpty(narrowed)) return undefined
  const { statements, edits, added } = narrowed
  const text = editPolicyText(
    original,
    edits,
    added,
    () =>
      `${JSON.stringify({ Version: policy.version ?? '2012-10-17', Statement: [...statements, ...added] }, null, 2)}\n`,
  )
  if (sameDocument(original, text)) return undefined
  return {
    file: policy.file,
    text,
    diff: suggestionDiff(policy.file, original, text),
    source: policy.source ?? null,
    line: policy.statements[0]?.line ?? 1,
  }
}

/**
 * Whether nothing of a document was used: a policy with no statement is not valid, so none is
 * suggested; its findings say to remove what was not used.
 */
function leftEmpty(narrowed: { statements: readonly object[]; added: readonly object[] }): boolean {
  return narrowed.statements.length === 0 && narrowed.added.length === 0
}

/**
 * What becomes of one statement of the file, and the statement the suggested document holds (none when dropped):
 * a Deny stays; an Allow is narrowed to what was used or cannot be seen, or dropped.
 */
function editStatement(
  s: Statement,
  use: FileUse,
  denied: Denied,
  grants: GrantEngine,
): { edit: StatementEdit; statement: object | null } {
  const values = s.resources.map((r) => r.value)
  if (s.effect === 'Deny') {
    const actions = s.actions.map((a) => a.value)
    return { edit: { kind: 'keep' }, statement: render(s, actions, s.notAction, values) }
  }
  const { catalog } = grants
  const hidden = (a: CatalogAction) => use.visibility.some((v) => v.unseen(a) !== undefined)
  // What the statement cannot apply to its resources it does not grant: never listed.
  const acts = actsOn(s, catalog)
  const keep = grants
    .grantOf(s.notAction, s.actions, denied)
    .actions.filter((a) => (use.used.has(a.id) || hidden(a)) && acts(a))
  if (keep.length === 0) return { edit: { kind: 'drop' }, statement: null }
  // Resources of a type the principal never touched go; the rest of the repository's scoping stays.
  // What the service cannot see may use any type its actions accept: those types stay, and do not
  // make the usage look as if it showed the types of their service (a used s3:ListBucket seen with no
  // placeholder keeps its bucket beside unseen object reads).
  const unseenTypes = new Set(
    keep
      .filter((a) => !use.used.has(a.id) && hidden(a))
      .flatMap((a) => a.resourceTypes.map((key) => `${a.service}/${key}`)),
  )
  const resources = s.notResource
    ? values
    : keepTouchedResources(values, keep, use.touched, catalog, unseenTypes)
  const names = actionNames(keep, s, catalog)
  const unchanged =
    !s.notAction &&
    sameSet(
      names,
      s.actions.map((a) => a.value),
    ) &&
    sameSet(resources, values)
  const statement = render(s, names, false, resources)
  return { edit: unchanged ? { kind: 'keep' } : { kind: 'replace', statement }, statement }
}

/**
 * The actions a narrowed statement keeps, as it writes them: a pattern of its own whose every action is
 * kept stays as written (`s3:GetObject*`, all of it data events the usage cannot see); a service whose
 * every action is kept is `service:*`; the rest are listed. `*` on an admin role keeps every action of
 * each service Access Analyzer reports at service level only: listed one by one, that was ten thousand
 * actions, a suggestion of megabytes that IAM refuses (6,144 characters for a managed policy).
 */
function actionNames(keep: readonly CatalogAction[], s: Statement, catalog: Catalog): string[] {
  const kept = new Set(keep.map((a) => a.id))
  const covered = new Set<number>()
  const names: string[] = []
  if (!s.notAction)
    for (const { value } of s.actions) {
      const ids = catalog.expand(value)
      if (ids.length < 2 || !ids.every((id) => kept.has(id))) continue
      if (ids.every((id) => covered.has(id))) continue
      names.push(value)
      for (const id of ids) covered.add(id)
    }
  const byService = new Map<string, CatalogAction[]>()
  for (const a of keep) {
    if (covered.has(a.id)) continue
    const list = byService.get(a.service)
    if (list) list.push(a)
    else byService.set(a.service, [a])
  }
  for (const [service, actions] of byService) {
    // Kept actions are the service's own: as many as it has is all of them.
    if (actions.length > 1 && actions.length === catalog.expand(`${service}:*`).length)
      names.push(`${service}:*`)
    else for (const a of actions) names.push(a.name)
  }
  return names
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

/**
 * The most edits a suggestion's diff is worked out line by line for. Myers' diff costs the lines of both
 * texts times the edits: a file of 40,000 lines narrowed to half of them took 34 s. No policy IAM takes
 * (10,240 characters) comes near; past it, the diff replaces the whole file.
 */
export const MAX_DIFF_EDITS = 2_000

/** The unified diff from `original` to `text`, the repository's file to the suggested one. */
export function suggestionDiff(file: string, original: string, text: string): string {
  const found = createTwoFilesPatch(file, file, original, text, 'repository', 'suggested', {
    maxEditLength: MAX_DIFF_EDITS,
  })
  if (found !== undefined) return found
  const side = (content: string, mark: '-' | '+') => {
    const lines = content === '' ? [] : content.split('\n')
    const ended = lines.at(-1) === ''
    if (ended) lines.pop()
    const marked = lines.map((line) => mark + line)
    if (!ended && lines.length > 0) marked.push('\\ No newline at end of file')
    return { count: lines.length, marked }
  }
  const before = side(original, '-')
  const after = side(text, '+')
  return formatPatch({
    oldFileName: file,
    newFileName: file,
    oldHeader: 'repository',
    newHeader: 'suggested',
    hunks: [
      {
        oldStart: before.count === 0 ? 0 : 1,
        oldLines: before.count,
        newStart: after.count === 0 ? 0 : 1,
        newLines: after.count,
        lines: [...before.marked, ...after.marked],
      },
    ],
  })
}
