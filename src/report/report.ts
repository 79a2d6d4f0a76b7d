import type { Analysis } from '../analysis/analyse.js'
import type { SuggestedPolicy } from '../analysis/least-privilege.js'
import type { NotObservableGrant } from '../analysis/usage-checks.js'
import type { BoundaryPlace, PrincipalSource } from '../sources/policy-source.js'
import {
  type AcceptedFinding,
  type FailOn,
  type Finding,
  reaches,
  SEVERITIES,
  type Severity,
} from '../vocabulary/findings.js'
import { formatProblem, type Problem, previewList } from '../vocabulary/problems.js'
import type { Secrets } from '../vocabulary/secrets.js'
import type { ShardIgnore, ShardInfo } from '../vocabulary/shard.js'
import { thousands } from '../vocabulary/text.js'
import { type PrincipalUsage, staticUsage } from '../vocabulary/usage.js'

export type { ShardInfo }

/** A principal as the report lists it: its usage record (less the generated policy) and its files. */
export interface ReportPrincipal extends Omit<PrincipalUsage, 'generatedPolicies'> {
  /** Policy files of the principal, relative to the workspace. */
  readonly files: readonly string[]
  /** How it was found: the config entry, or the infrastructure code that defines it. */
  readonly source: PrincipalSource | null
  /**
   * Its permissions boundary, where it is written: what the policies grant counts only where it allows it
   * too. Null without one (absent in the reports of versions before it was added).
   */
  readonly boundary?: BoundaryPlace | null
}

/**
 * The JSON report: SPEC.md "Findings". Other steps read it, so existing fields are never renamed;
 * new ones may be added.
 */
export interface Report {
  readonly version: 1
  /** `error`: nothing was checked, because of the `problems` in the inputs, config or files it names. */
  readonly verdict: 'pass' | 'fail' | 'error'
  /** Why the verdict is what it is, in one sentence. */
  readonly reason: string
  readonly failOn: FailOn
  readonly generatedAt: string
  readonly catalog: { readonly version: string; readonly date: string }
  /** Set when usage checks were skipped: why, and what the user can do. */
  readonly staticMode: string | null
  readonly principals: readonly ReportPrincipal[]
  readonly findings: readonly Finding[]
  readonly accepted: readonly AcceptedFinding[]
  /** Grants IAM Access Analyzer cannot see, judged by the static checks alone, with the reason. */
  readonly notObservable: readonly NotObservableGrant[]
  /** Least-privilege versions of the drifted policy files: the suggested text and its unified diff. */
  readonly suggestions: readonly SuggestedPolicy[]
  /** What was checked: the workflow event, the branch or tag, the commit and the pull request. */
  readonly run: RunInfo | null
  /** With verdict `error`: every problem found, by file and line; otherwise empty. */
  readonly problems: readonly Problem[]
  /** On a pull request: the base revision the findings were compared with, or why they could not be. */
  readonly base: BaseComparison | null
  /** A shard's report (`shard: K/N`): which part of the principals it checked. Absent otherwise. */
  readonly shard?: ShardInfo
  /** A shard's report: what it could tell of each `ignore:` entry, for the merge job's notices. */
  readonly ignores?: readonly ShardIgnore[]
  /** A merged report (`merge-reports:`): the shards it was made of. Absent otherwise. */
  readonly merged?: MergeInfo
  /**
   * How many texts the inputs mark sensitive (a Terraform plan's, or the code's sensitive variables):
   * each stands as *** here, in the summary, the comment and SARIF. Absent when there are none.
   */
  readonly sensitive?: number
}

/** What a reader of a report with `sensitive` set is told of the *** in it (`mask`: how *** is written). */
export function sensitiveNote(count: number, mask = '***'): string {
  return `${plural(count, 'value')} the Terraform plan or code marks sensitive ${count === 1 ? 'stands' : 'stand'} as ${mask} here and in the reports.`
}

/** The report with what `secrets` holds as *** (Secrets.redactDeep), and how many it holds. */
export function withSecretsLeftOut<T extends Report>(report: T, secrets: Secrets): T {
  if (secrets.size === 0) return report
  return { ...secrets.redactDeep(report), sensitive: secrets.size }
}

export interface MergeInfo {
  readonly count: number
  /** The shards whose reports were merged, by index. */
  readonly shards: readonly number[]
  /** Why a shard made the merged verdict fail: missing, or it checked nothing. */
  readonly failedShards: readonly string[]
}

/** What the findings of a pull request were compared with. */
export interface BaseComparison {
  readonly sha: string | null
  /** Where its files came from: the local git history, the GitHub API; null when they could not be had. */
  readonly via: 'git' | 'api' | null
  /** Why there was no comparison (every finding then counts as new). */
  readonly unavailable: string | null
  /**
   * The `cdk-out:` directories, `template:` and `policies:` globs and Terraform roots the base revision
   * has nothing of (what a step builds, which git does not hold, or what the pull request adds): the
   * findings in them count as new. Absent when there are none.
   */
  readonly missing?: readonly string[]
  /**
   * The `cdk-out:` directories the base revision has nothing of, read as their stacks are deployed
   * (CloudFormation's templates, in AWS mode) in its place. Absent when there are none.
   */
  readonly deployed?: readonly string[]
  /** `new`: only new findings fail; `all`: every finding. */
  readonly failOnScope: 'new' | 'all'
}

export interface RunInfo {
  readonly event: string | null
  readonly ref: string | null
  readonly sha: string | null
  readonly pullRequest: number | null
}

export interface ReportInput {
  readonly analysis: Analysis
  /** Every principal checked, in order, with the files its policies are written in. */
  readonly principals: readonly {
    readonly arn: string
    readonly files: readonly string[]
    readonly source?: PrincipalSource
    readonly boundary?: BoundaryPlace | null
  }[]
  /** Usage records by ARN; a principal without one was checked statically. */
  readonly usage: ReadonlyMap<string, PrincipalUsage>
  readonly failOn: FailOn
  readonly catalog: { readonly version: string; readonly date: string }
  readonly staticMode: string | null
  readonly run?: RunInfo | null
  readonly base?: BaseComparison | null
  readonly now: Date
  /**
   * Why there is no principal to check when some were found (all left out by `exclude-principals:`,
   * all in other shards): the verdict says so instead of "none found".
   */
  readonly noPrincipals?: string | null
}

/** Assembles the report and decides the verdict: pass, or fail with the reason. */
export function buildReport(input: ReportInput): Report {
  const base = input.base ?? null
  const findings = input.analysis.findings.map((f) => ({ ...f, scope: f.scope ?? null }))
  const { accepted } = input.analysis
  const principals = input.principals.map(({ arn, files, source, boundary }): ReportPrincipal => {
    // What was seen in detail stays out of the report: the findings say what it meant.
    const { generatedPolicies: _, trackedActions: __, ...usage } = input.usage.get(arn) ?? staticUsage(arn)
    return { ...usage, files, source: source ?? null, boundary: boundary ?? null }
  })
  return {
    version: 1,
    ...decideVerdict(findings, principals, input.failOn, base, [], input.noPrincipals ?? null),
    failOn: input.failOn,
    generatedAt: input.now.toISOString(),
    catalog: input.catalog,
    staticMode: input.staticMode,
    principals,
    notObservable: input.analysis.notObservable,
    suggestions: input.analysis.suggestions,
    run: input.run ?? null,
    problems: [],
    base,
    findings,
    accepted,
  }
}

/**
 * The verdict and its reason: findings at or above `failOn` (less, on a pull request with fail-on-scope
 * new, those the base revision has too), principals that could not be checked, and `more` reasons (a
 * merged report's missing shards).
 */
export function decideVerdict(
  findings: readonly Finding[],
  principals: readonly ReportPrincipal[],
  failOn: FailOn,
  base: BaseComparison | null,
  more: readonly string[] = [],
  noPrincipals: string | null = null,
): { verdict: 'pass' | 'fail'; reason: string } {
  // On a pull request with fail-on-scope: new, what the base revision has already does not fail.
  const excused = (f: Finding) => base?.failOnScope === 'new' && f.scope === 'existing'
  const reaching = findings.filter((f) => reaches(f.severity, failOn))
  const failing = reaching.filter((f) => !excused(f))
  const existing = reaching.filter(excused)
  const unchecked = principals.filter((p) => p.status === 'failed' || p.status === 'timed-out')
  const reasons: string[] = []
  const compared = base !== null && base.unavailable === null
  if (failing.length > 0) {
    const fresh = failing.filter((f) => f.scope === 'new').length
    const noun = compared && base?.failOnScope === 'new' ? 'new finding' : 'finding'
    const ofThem = compared && base?.failOnScope === 'all' ? `, ${fresh} of them new` : ''
    reasons.push(
      `${plural(failing.length, noun)} at or above fail-on '${failOn}' (${countBySeverity(failing)})${ofThem}`,
    )
  }
  if (unchecked.length > 0) {
    reasons.push(
      `${plural(unchecked.length, 'principal')} could not be checked (${previewList(
        unchecked.map((p) => p.arn),
        3,
      )})`,
    )
  }
  reasons.push(...more)
  const verdict = reasons.length > 0 ? 'fail' : 'pass'
  const notFailing =
    existing.length > 0
      ? ` ${plural(existing.length, 'existing finding')} the base revision has too (not failing).`
      : ''
  const reason =
    verdict === 'fail'
      ? `${reasons.join('; ')}.${notFailing}`
      : existing.length > 0
        ? `No new findings at or above fail-on '${failOn}'.${notFailing}`
        : findings.length > 0 && failOn === 'never'
          ? `${plural(findings.length, 'finding')} (${countBySeverity(findings)}); fail-on 'never' fails on none.`
          : findings.length > 0
            ? `${plural(findings.length, 'finding')} below fail-on '${failOn}' (${countBySeverity(findings)}).`
            : principals.length === 0
              ? (noPrincipals ??
                'No principals to check: the config lists none, and the code it names defines no IAM role or user, nor a group with a policy.')
              : 'No findings.'
  return { verdict, reason }
}

/** The report of a run that checked nothing: its verdict is `error`, and it lists why. */
export function errorReport(input: {
  readonly problems: readonly Problem[]
  readonly failOn: FailOn
  readonly catalog: { readonly version: string; readonly date: string }
  readonly run?: RunInfo | null
  readonly now: Date
}): Report {
  const [only] = input.problems
  return {
    version: 1,
    verdict: 'error',
    reason:
      input.problems.length === 1 && only
        ? `Nothing was checked: ${formatProblem(only)}`
        : `Nothing was checked: ${plural(input.problems.length, 'problem')} in the inputs, the config or the files it names.`,
    failOn: input.failOn,
    generatedAt: input.now.toISOString(),
    catalog: input.catalog,
    staticMode: null,
    principals: [],
    notObservable: [],
    suggestions: [],
    run: input.run ?? null,
    problems: input.problems,
    base: null,
    findings: [],
    accepted: [],
  }
}

/**
 * Most actions a finding that spans several services lists in the JSON report. A finding within one
 * service lists all its actions (ec2:* is the largest, about 830), but `*` and NotAction grant over
 * 22,000: a thousand roles on PowerUserAccess-style statements would make a report of gigabytes. Those
 * keep their first actions, and `actionCount` always says how many there are.
 */
export const REPORT_ACTIONS_MAX = 100

/**
 * The JSON report file's text, in pieces: each finding gains `actionCount`, and action lists that span
 * services are capped. One piece per finding, so a report of tens of thousands of findings is written
 * as it is made instead of being built as one string of 100 MB (the caller batches the writes).
 */
export function* serializeReport(report: Report): Generator<string> {
  const { findings, accepted, ...head } = report
  const open = JSON.stringify({ ...head, findings: [], accepted: [] })
  // Compact JSON: machines read this file. `findings` and `accepted` are the last two keys.
  yield open.slice(0, open.length - '],"accepted":[]}'.length)
  yield* list(findings)
  yield '],"accepted":['
  yield* list(accepted)
  yield ']}\n'
}

function* list(findings: readonly Finding[]): Generator<string> {
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i] as Finding
    const capped = f.actions.length > REPORT_ACTIONS_MAX && spansServices(f.actions)
    // Uncapped (nearly always), the finding as it is with actionCount added last: no copy of it to make.
    const json = capped
      ? JSON.stringify({
          ...f,
          actions: f.actions.slice(0, REPORT_ACTIONS_MAX),
          actionCount: f.actions.length,
        })
      : `${JSON.stringify(f).slice(0, -1)},"actionCount":${f.actions.length}}`
    yield i === 0 ? json : `,${json}`
  }
}

function spansServices(actions: readonly string[]): boolean {
  const service = actions[0]?.split(':')[0]
  return actions.some((a) => !a.startsWith(`${service}:`))
}

/** The most characters IAM takes, whitespace aside, in a managed policy; and in a role's inline policies together. */
const MANAGED_POLICY_SIZE = 6_144
const ROLE_INLINE_POLICIES_SIZE = 10_240

/**
 * What to say of a suggested policy document larger than IAM takes (whitespace does not count); undefined
 * when it fits, or when the suggestion is code edited in place, not a document.
 */
export function oversizeNote(suggestion: SuggestedPolicy): string | undefined {
  let size: number
  try {
    size = JSON.stringify(JSON.parse(suggestion.text)).length
  } catch {
    return undefined
  }
  if (size <= MANAGED_POLICY_SIZE) return undefined
  const where =
    size > ROLE_INLINE_POLICIES_SIZE
      ? `more than IAM takes in a managed policy (${thousands(MANAGED_POLICY_SIZE)}) or in all of a role's inline policies (${thousands(ROLE_INLINE_POLICIES_SIZE)})`
      : `more than IAM takes in a managed policy (${thousands(MANAGED_POLICY_SIZE)}); a role's inline policies take ${thousands(ROLE_INLINE_POLICIES_SIZE)} in all`
  return `This policy is ${thousands(size)} characters without whitespace: ${where}. Split it, or grant fewer services.`
}

/**
 * How a finding weighs in the verdict's terms: an error when it fails the run, else a warning, or a
 * note for `low`. Annotations and SARIF results use the same levels.
 */
export function findingLevel(severity: Severity, failOn: FailOn): 'error' | 'warning' | 'note' {
  if (reaches(severity, failOn)) return 'error'
  return severity === 'low' ? 'note' : 'warning'
}

/** "1 critical, 2 medium", most severe first. */
export function countBySeverity(findings: readonly Finding[]): string {
  const counts = new Map<Severity, number>()
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1)
  return SEVERITIES.filter((s) => counts.has(s))
    .map((s) => `${thousands(counts.get(s) as number)} ${s}`)
    .join(', ')
}

export function plural(count: number, noun: string): string {
  return `${thousands(count)} ${noun}${count === 1 ? '' : 's'}`
}
