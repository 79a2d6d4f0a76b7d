import { type Catalog, hasWildcard } from '../catalog/catalog.js'
import {
  type AcceptedFinding,
  type Finding,
  type IgnoreOutcome,
  type IgnoreRule,
  policyFileOf,
  SEVERITIES,
} from '../vocabulary/findings.js'
import type { PrincipalPolicies } from '../vocabulary/policy.js'
import type { Problem } from '../vocabulary/problems.js'
import { byCodeUnits, thousands } from '../vocabulary/text.js'
import type { PrincipalUsage } from '../vocabulary/usage.js'
import { FindingText } from './finding-text.js'
import { GrantEngine } from './grants.js'
import { FindingCollector, type IdleIgnore, type IgnoreTold } from './ignore-rules.js'
import { type CodeCheck, documentKey, type SuggestedPolicy, suggestPolicies } from './least-privilege.js'
import { PassedRoles } from './passed-roles.js'
import { StaticChecker } from './static-checks.js'
import { type NotObservableGrant, UsageChecker } from './usage-checks.js'

export interface Analysis {
  readonly findings: readonly Finding[]
  readonly accepted: readonly AcceptedFinding[]
  /** Grants IAM Access Analyzer cannot see (judged by the static checks alone), with the reason. */
  readonly notObservable: readonly NotObservableGrant[]
  /** Least-privilege versions of the drifted policy files, with their diffs. */
  readonly suggestions: readonly SuggestedPolicy[]
  /**
   * The `ignore:` entries that accepted nothing, of those this run could tell (idleIgnores): what they
   * were written for is gone.
   */
  readonly idleIgnores?: readonly IdleIgnore[]
  /** What this run can tell of each `ignore:` entry, in the config's order: for a shard's report. */
  readonly ignoreOutcomes?: readonly IgnoreTold[]
}

/** Kinds only a principal's usage makes: an entry for one of them waits for a run that has its usage. */
const USAGE_KINDS: ReadonlySet<string> = new Set(['unused-action', 'would-break', 'incomplete-usage'])

/**
 * What this run can tell of each `ignore:` entry, in the config's order (IgnoreOutcome): an entry that
 * accepted nothing is `idle` only where each principal it applies to was checked here (not in another
 * shard, not left out by exclude-principals) and, for a kind its usage makes (or any kind), with its
 * usage. An entry for a principal no source finds gets its own notice. An idle entry whose action the
 * catalog does not know is a typo, with the action meant when one is sure.
 */
function ignoreOutcomes(
  ignore: readonly IgnoreRule[],
  unused: readonly IgnoreRule[],
  principals: readonly PrincipalPolicies[],
  checked: ReadonlyMap<string, PrincipalUsage>,
  catalog: Catalog,
  meantFor: (action: string) => string | null,
): IgnoreTold[] {
  const idle = new Set(unused)
  const arns = new Set(principals.map((p) => p.arn))
  const allChecked = principals.every((p) => checked.has(p.arn))
  const outcomeOf = (rule: IgnoreRule): IgnoreOutcome => {
    if (!idle.has(rule)) return 'accepted'
    if (principals.length === 0 || (rule.principal !== undefined && !arns.has(rule.principal)))
      return 'elsewhere'
    if (rule.kind !== undefined && !USAGE_KINDS.has(rule.kind)) return 'idle'
    return (rule.principal === undefined ? allChecked : checked.has(rule.principal)) ? 'idle' : 'undecided'
  }
  return ignore.map((rule) => {
    const outcome = outcomeOf(rule)
    // An action the catalog does not know is what an unknown-action finding is about: an entry may
    // accept one (an action newer than the catalog), so only for another kind is it a typo.
    const typo =
      outcome === 'idle' &&
      rule.kind !== undefined &&
      rule.kind !== 'unknown-action' &&
      catalog.expand(rule.action).length === 0
    if (!typo) return { rule, outcome }
    return { rule, outcome, unknown: { meant: hasWildcard(rule.action) ? null : meantFor(rule.action) } }
  })
}

/** Kinds whose findings make a file worth a suggested least-privilege version. */
const DRIFT_KINDS = new Set([
  'unused-action',
  'wildcard-action',
  'would-break',
  'privilege-escalation',
  'ineffective-grant',
])

/**
 * Every finding for every principal, in report order (principal as given, then file, line and
 * severity), with the config's `ignore:` entries applied. Principals whose usage record is `checked`
 * (what they were seen to use) get the usage checks too; the others, the static checks alone.
 * `readOriginal` gives a policy file's text, for the suggestions' diffs; `checkCode` checks an edit of
 * code (a .tf file) made in place, which is given as JSON instead when it fails. `dataEvents`: the
 * services whose data events the trail logs (`cloudtrail.data-events`).
 */
export function analyse(
  principals: readonly PrincipalPolicies[],
  ignore: readonly IgnoreRule[],
  catalog: Catalog,
  usage: ReadonlyMap<string, PrincipalUsage> = new Map(),
  readOriginal: (file: string) => string | undefined = () => undefined,
  checkCode?: CodeCheck,
  dataEvents: readonly string[] = [],
  /** Every principal found, of which `principals` may be a part (a shard's): the roles one may pass. */
  found: readonly PrincipalPolicies[] = principals,
): Analysis {
  const { sink, grants, notObservable, checked, logged, meantFor } = runChecks(
    principals,
    ignore,
    catalog,
    usage,
    dataEvents,
    found,
  )
  const drifted = new Set(
    sink.findings
      .filter((f) => DRIFT_KINDS.has(f.kind) && checked.has(f.principal))
      .map((f) => documentKey(policyFileOf(f), f.source)),
  )
  const outcomes = ignoreOutcomes(ignore, sink.unused(), principals, checked, catalog, meantFor)
  const suggestions =
    checked.size > 0
      ? suggestPolicies(principals, checked, grants, drifted, readOriginal, checkCode, logged)
      : []
  return {
    findings: sink.findings,
    accepted: sink.accepted,
    notObservable,
    suggestions,
    // A shard's idle entries are told by the merge job, from every shard's outcomes.
    idleIgnores: found.length === principals.length ? outcomes.filter((o) => o.outcome === 'idle') : [],
    ignoreOutcomes: outcomes,
  }
}

/**
 * The findings alone, as analyse gives them, without the suggestions: for what is only compared (the
 * base revision of a pull request), where working out least-privilege policies would be thrown away.
 */
export function findingsOf(
  principals: readonly PrincipalPolicies[],
  ignore: readonly IgnoreRule[],
  catalog: Catalog,
  usage: ReadonlyMap<string, PrincipalUsage> = new Map(),
  dataEvents: readonly string[] = [],
  found: readonly PrincipalPolicies[] = principals,
): readonly Finding[] {
  return runChecks(principals, ignore, catalog, usage, dataEvents, found).sink.findings
}

/**
 * The most statements one run checks, each principal's counted (a file two principals share, twice):
 * a config of 1,000 principals whose glob names each of AWS's 1,594 managed policies is 8.8 million,
 * 47 s and 0.5 GB, and four times that runs a runner out of memory. Real configurations hold tens of
 * thousands; more is for `shard:`.
 */
export const MAX_CHECKED_STATEMENTS = 5_000_000

/** Why the principals are more than one run checks (see MAX_CHECKED_STATEMENTS), at the config; else undefined. */
export function tooMuchToCheck(
  principals: readonly PrincipalPolicies[],
  configFile: string,
): Problem | undefined {
  let statements = 0
  for (const p of principals) {
    for (const policy of p.policies) statements += policy.statements.length
    statements += p.boundary?.statements.length ?? 0
  }
  if (statements <= MAX_CHECKED_STATEMENTS) return undefined
  return {
    file: configFile,
    line: 1,
    message:
      `the ${thousands(principals.length)} principals hold ${thousands(statements)} statements in all, more than one run checks ` +
      `(${thousands(MAX_CHECKED_STATEMENTS)}): a glob that names every file for each principal? Else check them in parts, ` +
      'with shard: K/N over a matrix',
  }
}

function runChecks(
  principals: readonly PrincipalPolicies[],
  ignore: readonly IgnoreRule[],
  catalog: Catalog,
  usage: ReadonlyMap<string, PrincipalUsage>,
  dataEvents: readonly string[],
  found: readonly PrincipalPolicies[],
) {
  const sink = new FindingCollector(ignore)
  const grants = new GrantEngine(catalog)
  const text = new FindingText(catalog)
  const staticChecker = new StaticChecker(grants, text, new PassedRoles(found, catalog))
  const logged = new Set(dataEvents)
  const usageChecker = new UsageChecker(grants, text, logged)
  // Sorted a principal at a time: findings arrive grouped by principal already, and sorting small runs
  // keeps the comparator cheap for a repository with tens of thousands of findings.
  let findings = 0
  let accepted = 0
  const notObservable: NotObservableGrant[] = []
  const checked = new Map<string, PrincipalUsage>()
  const shared = sharedArns(principals)
  for (const [index, principal] of principals.entries()) {
    staticChecker.check(principal, sink)
    const observed = usage.get(principal.arn)
    if (observed?.status === 'checked') {
      checked.set(principal.arn, observed)
      usageChecker.check(principal, observed, sink, notObservable)
    }
    // Of an ARN several principals share, each finding says whose it is.
    const of = shared.has(principal.arn) ? index : undefined
    findings = sortFrom(sink.findings, findings, of)
    accepted = sortFrom(sink.accepted, accepted, of)
  }
  return {
    sink,
    grants,
    notObservable,
    checked,
    logged,
    meantFor: (action: string) => staticChecker.meantFor(action),
  }
}

/** The ARNs more than one of `principals` has. */
function sharedArns(principals: readonly PrincipalPolicies[]): Set<string> {
  const seen = new Set<string>()
  const shared = new Set<string>()
  for (const { arn } of principals) {
    if (seen.has(arn)) shared.add(arn)
    seen.add(arn)
  }
  return shared
}

/**
 * Sorts `list` from `start` to its end in place, each of those findings of principal `principalIndex`
 * when one is given; returns its length.
 */
function sortFrom<T extends Finding>(list: T[], start: number, principalIndex?: number): number {
  if (list.length - start > 1) {
    const run = list.slice(start).sort(byPlace)
    for (let i = 0; i < run.length; i++) list[start + i] = run[i] as T
  }
  if (principalIndex !== undefined)
    for (let i = start; i < list.length; i++) list[i] = { ...(list[i] as T), principalIndex }
  return list.length
}

function byPlace(a: Finding, b: Finding): number {
  return (
    byCodeUnits(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity)
  )
}
