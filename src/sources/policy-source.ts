// The seam between where policies come from and what the checks see. A source (the JSON files that the
// config's `principals:` names today; Terraform plans and CloudFormation templates next) yields the
// principals it finds, each with its policy documents positioned in some file. Everything downstream
// sees only those documents, never the source.
import { hasWildcard, wildcardMatcher } from '../catalog/catalog.js'
import { accountOf, iamKindOf, isPlaceholderArn, isPolicyArn, resourceOf } from '../vocabulary/accounts.js'
import { append, kept } from '../vocabulary/lists.js'
import {
  conditionOperators,
  type PolicyDocument,
  type PrincipalPolicies,
  type Statement,
  statementValues,
  type UnreadCall,
  type UnresolvedPolicy,
} from '../vocabulary/policy.js'
import type { Problem } from '../vocabulary/problems.js'

/**
 * How a principal was found: the config entry that names it, or the infrastructure code that defines
 * it. `file` and `line` are what a person would look at to see why this principal is checked.
 */
export type PrincipalSource =
  | { readonly kind: 'config'; readonly file: string; readonly line: number }
  | {
      readonly kind: 'terraform'
      readonly address: string
      readonly file: string
      readonly line: number
      /** `plan`: found in a plan; `code`: read from the .tf files alone (no plan was given). */
      readonly from: 'plan' | 'code'
    }
  | {
      readonly kind: 'cloudformation'
      readonly template: string
      readonly logicalId: string
      /** The construct path, for a template that AWS CDK synthesized. */
      readonly cdkPath?: string
      /** The deployed stack's name (`stack-name`), to read the names CloudFormation gave. */
      readonly stackName?: string
      /** The region of that stack (or of the outermost stack that nests this one), when known. */
      readonly stackRegion?: string
      /** For a nested stack's template: the resource (AWS::CloudFormation::Stack) that nests it. */
      readonly nestedIn?: NestedIn
      /**
       * How many other nestings of its template give this role the same (a pipeline template nested once
       * per service): it stands for them too. Absent when none do.
       */
      readonly alike?: number
      readonly file: string
      readonly line: number
    }

/**
 * Where a nested stack's template comes in: the template and resource that nest it, and, when the
 * outermost stack's name is known (`stack-name`), that name and the logical ids of the nested stack
 * resources from it down to this stack, to read the names CloudFormation gave.
 */
export interface NestedIn {
  readonly template: string
  readonly logicalId: string
  readonly stackName?: string
  readonly path: readonly string[]
}

/** A principal a source found, with the policies that apply to it. */
export interface DiscoveredPrincipal extends PrincipalPolicies {
  readonly source: PrincipalSource
  /** Its permissions boundary, when the source knows one: the effective grant lies within it. */
  readonly boundary: PolicyDocument | null
  /**
   * `exists`: its usage can be asked for. `new`: the code will create it (a plan says so), so it has no
   * usage yet. `unknown`: read from code alone without a full ARN: judged by the static checks.
   */
  readonly lifecycle: 'exists' | 'new' | 'unknown'
  /**
   * Of a template's role, user or group, or of a managed policy no one in its template has: the names
   * its template exports it by (`Outputs.*.Export.Name`), as far as known, which another template's
   * `Fn::ImportValue` may name.
   */
  readonly exports?: readonly string[]
  /**
   * Of a managed policy no one in the code has: the module calls the code gives it to whose code is not
   * read (`module.irsa`, an IRSA module before `terraform init`), which may attach it.
   */
  readonly givenTo?: readonly UnreadCall[]
}

/**
 * The groups a source found that are checked as principals of their own: those none of the source's
 * users is in that hold a policy. A member gets the group's policies with its own; a group with no
 * member here still grants what its policies say to whoever is added to it elsewhere (by hand, another
 * root or stack), so its policies are checked as written, not skipped in silence.
 */
export function groupsCheckedAlone<D extends PrincipalDraftLike<D>>(drafts: Iterable<D>): Set<D> {
  const all = [...drafts]
  const withMembers = new Set(all.flatMap((d) => [...d.groups]))
  return new Set(
    all.filter(
      (d) => d.kind === 'group' && !withMembers.has(d) && (d.documents.length > 0 || d.unresolved.length > 0),
    ),
  )
}

interface PrincipalDraftLike<D> {
  readonly kind: string
  readonly groups: ReadonlySet<D>
  readonly documents: readonly unknown[]
  readonly unresolved: readonly unknown[]
}

export interface SourceResult {
  readonly principals: readonly DiscoveredPrincipal[]
  /** Every problem of the source's inputs, each at a file and line: any of them stops the run. */
  readonly problems: readonly Problem[]
  /** What a person should know of how the inputs were read (nothing wrong): shown as notices. */
  readonly notes?: readonly Problem[]
  /** Texts the inputs mark secret (a plan's sensitive values): never to be written out. */
  readonly secrets?: readonly string[]
}

/** Where policies come from. Loading reads local files only: nothing may touch the network. */
export interface PolicySource {
  /** How the source is named in messages, e.g. `principals`. */
  readonly name: string
  load(workspaceRoot: string): SourceResult | Promise<SourceResult>
}

/**
 * Asks every source and merges what they found by ARN, in the order found: a principal named by two
 * sources is one principal with the policies of both (a file both name is taken once), and keeps the
 * source and boundary of the first source that has one. Then a managed policy one source found alone
 * that another attaches is that principal's (attachedAcross), and one a statement names as a
 * permissions boundary is a note (withoutBoundaries).
 */
export async function discoverPrincipals(
  sources: readonly PolicySource[],
  workspaceRoot: string,
): Promise<{ principals: DiscoveredPrincipal[]; problems: Problem[]; notes: Problem[]; secrets: string[] }> {
  const byArn = new Map<string, DiscoveredPrincipal>()
  const problems: Problem[] = []
  const notes: Problem[] = []
  const secrets: string[] = []
  for (const source of sources) {
    const result = await source.load(workspaceRoot)
    append(problems, result.problems)
    append(notes, result.notes ?? [])
    append(secrets, result.secrets ?? [])
    for (const found of result.principals) {
      const key = identity(found)
      const earlier = byArn.get(key)
      byArn.set(key, earlier ? mergePrincipal(earlier, found) : found)
    }
  }
  const principals = withoutBoundaries(attachedAcross(importedAcross([...byArn.values()])), notes)
  return { principals, problems, notes, secrets }
}

/**
 * The principals but the managed policies no one here has that a statement names in an
 * `iam:PermissionsBoundary` condition: each of those is a note. A delegated administrator may create
 * roles only within such a boundary, which allows broadly by design: it is not a policy that grants.
 */
function withoutBoundaries(principals: DiscoveredPrincipal[], notes: Problem[]): DiscoveredPrincipal[] {
  const boundaries = boundariesNamed(principals)
  if (boundaries.length === 0) return principals
  const naming = boundaryIndex(boundaries)
  return principals.filter((p) => {
    const named = isPolicyArn(p.arn) ? naming(p) : undefined
    if (!named) return true
    notes.push({
      file: p.source.file,
      line: p.source.line,
      message:
        `${sourceLabel(p)}: no role, user or group here has this managed policy, and ${named.file}:${named.line} names it in ` +
        'an iam:PermissionsBoundary condition: it bounds the roles and users created under that statement, so it is not checked ' +
        'as a policy that grants',
    })
    return false
  })
}

/**
 * A customer managed policy that one root or template defines and no one there has (a principal of its
 * own, `…:policy/…`), and that another names by its ARN written out: it is that principal's after all.
 * Its documents, at the lines that write them, take the place of the unresolved-policy the other said
 * (or are its boundary), and it is no principal of its own any more.
 */
function attachedAcross(principals: readonly DiscoveredPrincipal[]): DiscoveredPrincipal[] {
  const lone = new Map<string, DiscoveredPrincipal>()
  const exported = new Exports<DiscoveredPrincipal>()
  for (const p of principals) {
    if (!isPolicyArn(p.arn)) continue
    if (!isPlaceholderArn(p.arn)) lone.set(p.arn, p)
    for (const name of p.exports ?? []) exported.add('', name, p)
  }
  if (lone.size === 0 && exported.size === 0) return [...principals]
  const named = (u: UnresolvedPolicy) =>
    u.policyArn !== undefined
      ? lone.get(u.policyArn)
      : u.importName !== undefined
        ? exported.find('', u.importName)
        : undefined
  const had = new Set<DiscoveredPrincipal>()
  const out: DiscoveredPrincipal[] = []
  for (const p of principals) {
    if (!p.unresolved?.some((u) => ![undefined, p].includes(named(u)))) {
      out.push(p)
      continue
    }
    const policies = [...p.policies]
    const unresolved: UnresolvedPolicy[] = []
    let boundary = p.boundary
    const taken = new Set<DiscoveredPrincipal>()
    for (const u of p.unresolved) {
      const policy = named(u)
      if (!policy || policy === p) unresolved.push(u)
      else if (u.asBoundary) {
        had.add(policy)
        const [document, ...more] = policy.policies
        if (document && more.length === 0 && !boundary) boundary = document
        else unresolved.push(u)
      } else {
        had.add(policy)
        if (taken.has(policy)) continue
        taken.add(policy)
        append(policies, policy.policies)
        append(unresolved, policy.unresolved ?? [])
      }
    }
    out.push({ ...p, policies, boundary, unresolved })
  }
  return out.filter((p) => !had.has(p))
}

/**
 * A role, user or group that one template names by another's export (`Roles: [!ImportValue app-role]`
 * makes a principal `role/${ImportValue:app-role}` of its own) is the one the other template exports by
 * that name (`Value: !Ref AppRole`): one principal, where that one is defined, with the policies of
 * both. An import takes the export of its name in the same account; else the only one that fits.
 */
function importedAcross(principals: readonly DiscoveredPrincipal[]): DiscoveredPrincipal[] {
  // Within the kind of principal and the account: `Roles:` names roles, and an export is the account's.
  const scope = (arn: string, kind = iamKindOf(arn)) => `${kind}\u0000${accountOf(arn)}`
  const exported = new Exports<DiscoveredPrincipal>()
  for (const p of principals)
    if (!isPolicyArn(p.arn)) for (const name of p.exports ?? []) exported.add(scope(p.arn), name, p)
  if (exported.size === 0) return [...principals]
  const importers = new Map<DiscoveredPrincipal, DiscoveredPrincipal[]>()
  for (const p of principals) {
    const imported = IMPORTED_NAME.exec(resourceOf(p.arn))
    if (!imported) continue
    const [, kind, name] = imported as unknown as [string, string, string]
    const exporter = exported.find(scope(p.arn, kind), name)
    if (exporter) kept(importers, exporter, () => []).push(p)
  }
  const merged = new Set([...importers.values()].flat())
  return principals
    .filter((p) => !merged.has(p))
    .map((p) => (importers.get(p) ?? []).reduce(mergePrincipal, p))
}

/** A principal a template names by an import alone: `role/${ImportValue:app-role}`. */
const IMPORTED_NAME = /^(role|user|group)\/\$\{ImportValue:([^${}]+)\}$/

/**
 * The exports of the templates read, by name within a scope, for `Fn::ImportValue` to find: the export
 * of the import's name; else, when there is none, the only one whose name fits, each part not known here
 * standing for any text (a stack's name it is not given: `${AWS::StackName}-deploy-policy`). Those
 * names are tried at most MAX_EXPORT_TRIES times in all: templates a pull request brings may pile up
 * thousands of imports and of such exports (4,000 of each held a run for 14 s), and past that an import
 * names nothing known here, as one no export fits does.
 */
class Exports<T> {
  private readonly exact = new Map<string, T[]>()
  private readonly templated = new Map<string, { test: (name: string) => boolean; value: T }[]>()
  private readonly found = new Map<string, T | undefined>()
  private tries = 0
  private count = 0

  /** How many exports were added. */
  get size(): number {
    return this.count
  }

  add(scope: string, name: string, value: T): void {
    this.count++
    if (name.includes('${'))
      kept(this.templated, scope, () => []).push({ test: exportNameMatcher(name), value })
    else kept(this.exact, `${scope}\u0000${name}`, () => []).push(value)
  }

  find(scope: string, name: string): T | undefined {
    const key = `${scope}\u0000${name}`
    if (this.found.has(key)) return this.found.get(key)
    const exact = this.exact.get(key)
    let fit: T | undefined
    if (exact) fit = exact.length === 1 ? exact[0] : undefined
    else
      for (const e of this.templated.get(scope) ?? []) {
        if (++this.tries > MAX_EXPORT_TRIES) {
          fit = undefined
          break
        }
        if (!e.test(name)) continue
        // A second that fits: no one export is meant.
        if (fit !== undefined) {
          fit = undefined
          break
        }
        fit = e.value
      }
    this.found.set(key, fit)
    return fit
  }
}

const MAX_EXPORT_TRIES = 1_000_000

/** Whether an import's name fits an export name with parts not known here, each `${…}` standing for any text. */
function exportNameMatcher(name: string): (imported: string) => boolean {
  // Export names are letters, digits, colons and hyphens: no `*` of their own.
  const matcher = wildcardMatcher(name.replace(/\$\{[^${}]*\}/g, '*'), false)
  return (imported) => matcher.test(imported)
}

/**
 * The values of every `iam:PermissionsBoundary` condition of the principals' statements, where written:
 * a delegated administrator may create roles only with these boundaries.
 */
function boundariesNamed(
  principals: readonly DiscoveredPrincipal[],
): { value: string; file: string; line: number }[] {
  const named: { value: string; file: string; line: number }[] = []
  for (const p of principals)
    for (const document of p.policies)
      for (const statement of document.statements) {
        if (!statement.condition?.value.toLowerCase().includes('iam:permissionsboundary')) continue
        for (const [, keys] of conditionOperators(statement.condition.value))
          for (const [key, values] of Object.entries(keys)) {
            if (key.toLowerCase() !== 'iam:permissionsboundary') continue
            for (const value of [values].flat())
              if (typeof value === 'string')
                named.push({ value, file: document.file, line: statement.condition.line })
          }
      }
  return named
}

/**
 * The first of the conditions' values that names a managed policy found alone: its ARN, or how its code
 * writes it; a value with a wildcard, when it matches one of those. Values written out are looked up,
 * and those with a wildcard tried at most MAX_BOUNDARY_TRIES times in all: a pull request may pile up
 * thousands of both (5,000 of each held a run for 7 s), and past that a policy is checked as one that
 * grants, as one no condition names is.
 */
function boundaryIndex(
  boundaries: readonly { value: string; file: string; line: number }[],
): (p: DiscoveredPrincipal) => { value: string; file: string; line: number } | undefined {
  const exact = new Map<string, number>()
  const wild: { at: number; test: (name: string) => boolean }[] = []
  for (const [at, { value }] of boundaries.entries())
    if (hasWildcard(value)) {
      const matcher = wildcardMatcher(value, false)
      wild.push({ at, test: (name) => matcher.test(name) })
    } else if (!exact.has(value)) exact.set(value, at)
  let tries = 0
  return (p) => {
    const names = [p.arn, ...(p.codeArns ?? []), ...p.policies.flatMap((d) => (d.arn ? [d.arn] : []))]
    let first = Number.POSITIVE_INFINITY
    for (const name of names) first = Math.min(first, exact.get(name) ?? first)
    for (const { at, test } of wild) {
      tries += names.length
      if (at > first || tries > MAX_BOUNDARY_TRIES) break
      if (names.some(test)) first = at
    }
    return boundaries[first]
  }
}

const MAX_BOUNDARY_TRIES = 1_000_000

/** How a person finds a principal in its code: `aws_iam_policy.boundary`, `Resources.Boundary`. */
function sourceLabel(p: DiscoveredPrincipal): string {
  if (p.source.kind === 'terraform') return p.source.address
  if (p.source.kind === 'cloudformation') return `Resources.${p.source.logicalId}`
  return p.arn
}

/**
 * What makes two found principals one: their ARN; for a role whose name CloudFormation gives when it
 * creates the stack (a placeholder in the ARN, `role/${WorkerRole}`), the stack resource too — two
 * stacks' unnamed WorkerRole are two roles, whatever their placeholders look like. Likewise a Terraform
 * principal named only after apply (`role/${aws_iam_role.default[0].name}`) is one with the same
 * resource of the same file: two roots' `aws_iam_role.default` are two roles, and two roots that call
 * one module make the same one there.
 */
function identity(p: DiscoveredPrincipal): string {
  // Without its account, an ARN is not one role: envs/dev and envs/prod each make role/app, in their
  // own accounts, and one's Deny must not take from what the other grants.
  const unsure = isPlaceholderArn(p.arn)
  if (p.source.kind === 'terraform')
    return unsure ? [p.arn, p.source.file, p.source.address].join('\u0000') : p.arn
  if (p.source.kind !== 'cloudformation') return p.arn
  if (p.lifecycle !== 'unknown')
    return unsure ? [p.arn, p.source.template, p.source.logicalId].join('\u0000') : p.arn
  const { template, logicalId, stackName, nestedIn } = p.source
  const stack = nestedIn ? [nestedIn.template, nestedIn.stackName ?? '', ...nestedIn.path] : [stackName ?? '']
  return [p.arn, template, logicalId, ...stack].join('\u0000')
}

/**
 * One principal of two found with one ARN. A document the first already has (the same file, read the
 * same) is taken once; one of the same file that reads otherwise is kept: two roots that call one
 * module, in an account not known, make one principal of its role (identity), and each call may give
 * that role other statements.
 */
function mergePrincipal(first: DiscoveredPrincipal, second: DiscoveredPrincipal): DiscoveredPrincipal {
  const seen = new Set(first.policies.map(documentKey))
  // Of one that reads otherwise, the statements that read the same are taken once too: two roots that
  // call one module give its `Resource = "*"` statement once, whatever a reference in the next one names.
  const statements = new Set(first.policies.flatMap((d) => d.statements.map((s) => statementKey(d, s))))
  const more: PolicyDocument[] = []
  for (const document of second.policies) {
    if (seen.has(documentKey(document))) continue
    const other = document.statements.filter((s) => !statements.has(statementKey(document, s)))
    if (other.length === document.statements.length) more.push(document)
    else if (other.length > 0) more.push({ ...document, statements: other })
  }
  return {
    ...first,
    policies: [...first.policies, ...more],
    boundary: first.boundary ?? second.boundary,
    unresolved: [...(first.unresolved ?? []), ...(second.unresolved ?? [])],
    lifecycle: first.lifecycle === 'exists' || second.lifecycle === 'exists' ? 'exists' : first.lifecycle,
    ...((first.groups || second.groups) && {
      groups: [...new Set([...(first.groups ?? []), ...(second.groups ?? [])])],
    }),
    ...((first.codeArns || second.codeArns) && {
      codeArns: [...new Set([...(first.codeArns ?? []), ...(second.codeArns ?? [])])],
    }),
    ...((first.groupCodeArns || second.groupCodeArns) && {
      groupCodeArns: mergeSpellings(first.groupCodeArns ?? {}, second.groupCodeArns ?? {}),
    }),
    ...((first.givenTo || second.givenTo) && {
      givenTo: [...(first.givenTo ?? []), ...(second.givenTo ?? [])],
    }),
  }
}

/** Two records of ARNs' spellings in code as one: each ARN with the spellings of both. */
function mergeSpellings(
  a: Readonly<Record<string, readonly string[]>>,
  b: Readonly<Record<string, readonly string[]>>,
): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = { ...a }
  for (const [arn, names] of Object.entries(b)) out[arn] = [...new Set([...(out[arn] ?? []), ...names])]
  return out
}

/** What a statement of a document says and where. */
function statementKey(document: PolicyDocument, s: Statement): string {
  return JSON.stringify([document.file, document.version, s.line, s.column, ...statementValues(s)])
}

/** What a document says and where: its file, and each statement's place and values. */
function documentKey(document: PolicyDocument): string {
  const statements = document.statements.map((s) => [s.line, s.column, ...statementValues(s)])
  return JSON.stringify([document.file, document.version, statements])
}

/** Where a principal's permissions boundary is, as the report names it. */
export interface BoundaryPlace {
  readonly file: string
  readonly line: number
  /** The policy's ARN (an AWS managed policy's, or the placeholder code writes for one it creates), when known. */
  readonly arn: string | null
}

/** Where `principal`'s permissions boundary is written, or null when it has none. */
export function boundaryPlaceOf(principal: PrincipalPolicies): BoundaryPlace | null {
  const boundary = principal.boundary
  if (!boundary) return null
  const managed = boundary.source?.kind === 'aws-managed-policy' ? boundary.source.arn : undefined
  return {
    file: boundary.file,
    line: boundary.statements[0]?.line ?? 1,
    arn: managed ?? boundary.arn ?? null,
  }
}

/**
 * The files a principal's policies are written in, each once, in order; then those of the policies that
 * could not be resolved, where their `unresolved-policy` findings point (a role whose every policy is
 * known only after apply has no other file, and its findings would have no principal to go to).
 */
export function filesOf(principal: PrincipalPolicies): string[] {
  return [
    ...new Set([
      ...principal.policies.map((p) => p.file),
      ...(principal.unresolved ?? []).map((u) => u.file),
    ]),
  ]
}

/** Why an IAM Identity Center permission set's policies are not checked, as every source says it. */
export const PERMISSION_SETS_UNREAD =
  'this action checks IAM roles, users and groups, and does not read the roles Identity Center makes of a ' +
  'permission set in each account it is assigned to'

/** Permission sets (or their policy blocks) of one source that each keep their own notice; past them, one. */
export const PERMISSION_SETS_NOTED_ALONE = 3
