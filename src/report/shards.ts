// Sharding over a GitHub Actions matrix: `shard: K/N` checks the K-th of N parts of the principals, and
// a final job with `merge-reports:` makes of the shards' JSON reports one report, with one verdict.
// The parts are whole accounts (an account's generation slots and daily quota are its own), balanced
// by the principals each holds; every shard computes the same parts from the same principals.
import { accountOf } from '../vocabulary/accounts.js'
import type { FailOn, Finding, IgnoreOutcome } from '../vocabulary/findings.js'
import type { Problem } from '../vocabulary/problems.js'
import type { ShardIgnore } from '../vocabulary/shard.js'
import { decideVerdict, plural, type Report, type RunInfo, type ShardInfo } from './report.js'

/**
 * The principals of one shard. Principals are grouped by account (the part of the ARN after `iam::`);
 * groups are dealt, largest first (ties by account id), to the shard with the least work so far (ties
 * to the lowest index): the classic longest-processing-time rule, within 4/3 of the best balance.
 * Work is counted in principals, not in the AWS calls they need: accounts run in parallel within a
 * run, so a shard's wall time is its slowest account's, whichever shard holds the others; what the
 * split evens out is the checks' time and memory, which go with the principals checked.
 */
export function shardPrincipals<T extends { readonly arn: string }>(
  principals: readonly T[],
  shard: ShardInfo,
): T[] {
  const groups = new Map<string, T[]>()
  for (const p of principals) {
    const account = accountOf(p.arn)
    const group = groups.get(account)
    if (group) group.push(p)
    else groups.set(account, [p])
  }
  const load = new Array<number>(shard.count).fill(0)
  const mine = new Set<string>()
  const ordered = [...groups].sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : a > b ? 1 : 0))
  for (const [account, group] of ordered) {
    let least = 0
    for (let i = 1; i < load.length; i++) if ((load[i] as number) < (load[least] as number)) least = i
    load[least] = (load[least] as number) + group.length
    if (least === shard.index - 1) mine.add(account)
  }
  return principals.filter((p) => mine.has(accountOf(p.arn)))
}

/** A shard report read from a file, or why it could not be used. */
export type ShardReport =
  | { readonly file: string; readonly report: Report }
  | { readonly file: string; readonly problem: string }

/** A report file's text as a shard's report: JSON of this action's report format, with `shard`. */
export function readShardReport(file: string, text: string): ShardReport {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { file, problem: `${file}: not JSON (${(error as Error).message})` }
  }
  const report = value as Partial<Report>
  if (report?.version !== 1 || !Array.isArray(report.principals) || !Array.isArray(report.findings))
    return {
      file,
      problem: `${file}: not a report of this action (expected "version": 1, principals and findings)`,
    }
  if (!report.shard)
    return {
      file,
      problem: `${file}: a report of a run without shard: K/N; merge-reports merges the reports of shards`,
    }
  const broken = brokenPart(report)
  if (broken) return { file, problem: `${file}: not a report of this action (${broken})` }
  return { file, report: report as Report }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The first part of a report that is not what this action writes, by its path (`findings[3]`); undefined
 * when every part the merge reads is. A file the glob catches may be any JSON with a version and lists.
 */
function brokenPart(report: Partial<Report>): string | undefined {
  const shard = report.shard as unknown
  if (!isObject(shard) || !Number.isInteger(shard.index) || !Number.isInteger(shard.count))
    return 'shard: expected { index, count }'
  const lists = ['principals', 'findings', 'accepted', 'notObservable', 'suggestions', 'problems'] as const
  for (const key of lists) {
    const list = (report as Record<string, unknown>)[key]
    if (!Array.isArray(list)) return `${key}: expected a list`
    for (const [i, item] of list.entries()) if (!isObject(item)) return `${key}[${i}]: expected an object`
  }
  for (const [i, p] of (report.principals ?? []).entries())
    if (typeof p.arn !== 'string') return `principals[${i}].arn: expected a string`
  for (const key of ['findings', 'accepted'] as const)
    for (const [i, f] of (report[key] ?? []).entries()) {
      const bad = (['kind', 'severity', 'principal', 'file', 'message'] as const).find(
        (k) => typeof f[k] !== 'string',
      )
      if (bad) return `${key}[${i}].${bad}: expected a string`
      if (!Array.isArray(f.actions) || f.actions.some((a) => typeof a !== 'string'))
        return `${key}[${i}].actions: expected a list of strings`
      if (f.principalIndex !== undefined && !(Number.isInteger(f.principalIndex) && f.principalIndex >= 0))
        return `${key}[${i}].principalIndex: expected an index into principals`
    }
  if (typeof report.verdict !== 'string' || typeof report.reason !== 'string')
    return 'verdict and reason: expected strings'
  const ignores = report.ignores as unknown
  if (ignores !== undefined && !Array.isArray(ignores)) return 'ignores: expected a list'
  for (const [i, entry] of (ignores ?? []).entries()) {
    if (!isObject(entry) || !Number.isInteger(entry.line) || !OUTCOMES.has(entry.outcome as string))
      return `ignores[${i}]: expected { line, outcome } with outcome one of ${[...OUTCOMES].join(', ')}`
    const notice = entry.notice
    const told = isObject(notice) && typeof notice.file === 'string' && Number.isInteger(notice.line)
    if (notice !== undefined && !(told && typeof notice.message === 'string'))
      return `ignores[${i}].notice: expected { file, line, message }`
  }
  return undefined
}

const OUTCOMES: ReadonlySet<string> = new Set<IgnoreOutcome>(['accepted', 'idle', 'undecided', 'elsewhere'])

/**
 * The notices of the `ignore:` entries that accepted nothing in any shard, told as one run would tell
 * them: an entry is idle when no shard accepted a finding with it, none checked a principal it applies
 * to without that principal's usage, and some shard checked one. Only when every shard's report is here,
 * of the same config: a missing shard may have accepted anything.
 */
export function idleAcrossShards(reports: readonly ShardReport[]): Problem[] {
  const parts = reports.flatMap((r) => ('report' in r ? [r.report] : []))
  const count = parts[0]?.shard?.count
  const indexes = new Set(parts.map((r) => r.shard?.index))
  if (count === undefined || parts.length !== count || indexes.size !== count) return []
  const lists = parts.map((r) => r.ignores ?? [])
  const first = lists[0] ?? []
  // Of the same config: the same entries, at the same lines.
  const same = lists.every(
    (list) => list.length === first.length && list.every((e, i) => e.line === first[i]?.line),
  )
  if (!same || parts.some((r) => r.ignores === undefined)) return []
  const notices: Problem[] = []
  for (let i = 0; i < first.length; i++) {
    const told = lists.map((list) => list[i] as ShardIgnore)
    if (told.some((e) => e.outcome === 'accepted' || e.outcome === 'undecided')) continue
    const idle = told.find((e) => e.outcome === 'idle')
    if (idle?.notice) notices.push(idle.notice)
  }
  return notices
}

/**
 * One report of the shards' reports: their principals, findings, suggestions and the rest together, and
 * one verdict, judged again with `failOn`. A shard whose report is missing, or that checked nothing
 * (verdict `error`), makes it fail, named; so does a report that cannot be read, or shards of different
 * counts.
 */
export function mergeShardReports(
  reports: readonly ShardReport[],
  options: { readonly failOn: FailOn; readonly run: RunInfo | null; readonly now: Date },
): Report {
  const usable = reports.filter((r): r is { file: string; report: Report } => 'report' in r)
  const failed: string[] = reports
    .filter((r) => 'problem' in r)
    .map((r) => (r as { problem: string }).problem)
  const counts = [...new Set(usable.map((r) => (r.report.shard as ShardInfo).count))]
  const count = Math.max(0, ...counts)
  if (counts.length > 1) failed.push(`the reports are of different shard counts (${counts.join(', ')})`)
  const byIndex = new Map<number, Report>()
  for (const { file, report } of usable) {
    const { index } = report.shard as ShardInfo
    if (byIndex.has(index)) failed.push(`two reports of shard ${index}/${count} (${file} is the second)`)
    else byIndex.set(index, report)
  }
  for (let i = 1; i <= count; i++) {
    const report = byIndex.get(i)
    if (!report) failed.push(`shard ${i}/${count} is missing: no report of it was given`)
    else if (report.verdict === 'error') failed.push(`shard ${i}/${count} checked nothing: ${report.reason}`)
  }
  if (usable.length === 0 && failed.length === 0) failed.push('no shard report was given')
  const parts = [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, r]) => r)
  const first = parts[0]
  const principals = parts.flatMap((r) => r.principals)
  // A finding's principalIndex counts in its shard's principals: in the merged list, after the shards
  // before it.
  let before = 0
  const offsets = parts.map((r) => {
    const offset = before
    before += r.principals.length
    return offset
  })
  const shifted = <F extends Finding>(list: readonly F[], offset: number): F[] =>
    list.map((f) =>
      f.principalIndex === undefined || offset === 0
        ? f
        : { ...f, principalIndex: f.principalIndex + offset },
    )
  const findings = parts.flatMap((r, i) => shifted(r.findings, offsets[i] as number))
  const sensitive = parts.reduce(
    (sum, r) => sum + (Number.isInteger(r.sensitive) ? (r.sensitive as number) : 0),
    0,
  )
  const base = first?.base ?? null
  const decided = decideVerdict(findings, principals, options.failOn, base, failed)
  return {
    version: 1,
    ...decided,
    failOn: options.failOn,
    generatedAt: options.now.toISOString(),
    catalog: first?.catalog ?? { version: '', date: '' },
    staticMode: parts.find((r) => r.staticMode)?.staticMode ?? null,
    principals,
    notObservable: parts.flatMap((r) => r.notObservable),
    suggestions: parts.flatMap((r) => r.suggestions),
    run: options.run ?? first?.run ?? null,
    problems: [],
    base,
    merged: { count, shards: [...byIndex.keys()].sort((a, b) => a - b), failedShards: failed },
    // The shards' counts, each of its own plan: the same value in two shards counts twice.
    ...(sensitive > 0 && { sensitive }),
    findings,
    accepted: parts.flatMap((r, i) => shifted(r.accepted, offsets[i] as number)),
  }
}

/** "Merged 5 shard reports: 480 principals." for the log. */
export function describeMerge(report: Report): string {
  const merged = report.merged
  if (!merged) return ''
  return `Merged ${plural(merged.shards.length, 'shard report')} of ${merged.count}: ${plural(report.principals.length, 'principal')}.`
}
