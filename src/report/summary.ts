import type { BoundaryPlace } from '../sources/policy-source.js'
import { isPlaceholderArn } from '../vocabulary/accounts.js'
import { type Finding, PRINCIPAL_KINDS, policyFileOf } from '../vocabulary/findings.js'
import { codeAddress, constructPath, managedPolicyNote, policyPathOf } from '../vocabulary/policy.js'
import { usageLabel } from '../vocabulary/usage.js'
import { ANNOTATIONS_PER_LEVEL } from './annotations.js'
import { codeSpan, encodePath, escapeText, formatLink, htmlCode, longestRun, tableRow } from './markdown.js'
import {
  countBySeverity,
  oversizeNote,
  plural,
  type Report,
  type ReportPrincipal,
  sensitiveNote,
} from './report.js'

export interface SummaryOptions {
  /**
   * Where a file's lines can be viewed, e.g. `https://github.com/o/r/blob/<sha>`; findings link to
   * `<base>/<file>#L<line>`. Without it, locations are plain text.
   */
  readonly blobBase?: string
  /**
   * Longest text to return, in UTF-16 code units (a comment's limit); findings that do not fit are
   * counted, not shown. Without it, the job summary's: SUMMARY_MAX_BYTES of UTF-8.
   */
  readonly maxLength?: number
  /** Where the findings left out can be read; default: the JSON report. */
  readonly overflowPointer?: string
}

/**
 * GitHub refuses a step's job summary over 1 MiB of UTF-8 (and then shows none of it): this, with a
 * margin. In bytes, not characters: a path in Japanese takes three bytes a character.
 */
const SUMMARY_MAX_BYTES = 1_000_000
/** The summary's room in code units, first: mostly ASCII, it then takes some 1 % more bytes. */
const SUMMARY_ROOM = 900_000

const SEVERITY_ICON = { critical: '🟥', high: '🟧', medium: '🟨', low: '⬜' } as const
const STATUS_TEXT = {
  checked: '✅ checked',
  static: '➖ static checks only',
  new: '🆕 new: static checks only',
  failed: '❌ failed',
  'timed-out': '⏱️ timed out',
} as const
// Beyond this many actions a list stops helping a reader; the JSON report keeps them all.
const ACTIONS_SHOWN = 8

/**
 * The job summary: verdict, every principal (clean ones too), then the findings grouped by principal
 * and file with their lines, the accepted ones, the suggested policies and what the service cannot see
 * folded away. Pure: the same report gives the same text.
 */
export function renderSummary(report: Report, options: SummaryOptions = {}): string {
  if (options.maxLength !== undefined) return renderPage(report, options, options.maxLength)
  // Laid out in code units, which cost nothing to count, and measured in bytes once. Text that takes
  // more bytes than that (paths in Japanese) is laid out again in less room; at worst a third of it,
  // as a code unit takes at most three bytes of UTF-8.
  const text = renderPage(report, options, SUMMARY_ROOM)
  const bytes = Buffer.byteLength(text)
  if (bytes <= SUMMARY_MAX_BYTES) return text
  const scaled = renderPage(report, options, Math.floor((SUMMARY_MAX_BYTES * text.length * 0.97) / bytes))
  if (Buffer.byteLength(scaled) <= SUMMARY_MAX_BYTES) return scaled
  return renderPage(report, options, Math.floor(SUMMARY_MAX_BYTES / 3))
}

/** The summary laid out in `maxLength` code units. */
function renderPage(report: Report, options: SummaryOptions, maxLength: number): string {
  const page = new Page(maxLength)
  const pointer = options.overflowPointer ?? 'the JSON report (output `report`)'
  const owned = findingsOfPrincipals(report)
  const owners = ownersOf(owned)
  renderVerdict(page, report)
  if (report.verdict === 'error') renderProblems(page, report)
  else renderPrincipals(page, report, owned, pointer)
  renderJobs(page, report, pointer)
  if (report.base) renderScoped(page, report, owners, options, pointer)
  else renderFindings(page, report.findings, sectionsOf(report.findings, owners), options, pointer)
  renderAccepted(page, report, options)
  renderSuggestions(page, report)
  renderNotObservable(page, report, options)
  page.push(
    `<sub>${describeRunFooter(report)}fail-on: ${report.failOn} · IAM catalog ${escapeText(report.catalog.version, 'line')} ` +
      `(${report.catalog.date.slice(0, 10)}) · ${report.generatedAt}</sub>`,
    '',
  )
  return page.text()
}

/** Of the room a page keeps past its budget (for the notes and the footer), what notes naming what did not fit may take. */
const NOTES_ROOM = 1_000

/** Lines that go in while they fit: what is left out is counted by the caller. The footer always fits. */
class Page {
  private readonly lines: string[] = []
  private size = 0
  readonly budget: number

  constructor(maxLength: number) {
    this.budget = maxLength - 2_000
  }

  get length(): number {
    return this.size
  }

  /** Adds lines whatever their size (a short note that something was left out). */
  push(...lines: string[]): void {
    this.lines.push(...lines)
    this.size += lines.reduce((n, line) => n + line.length + 1, 0)
  }

  /** Adds the lines when the page stays within `limit` (the whole budget by default). */
  fits(lines: readonly string[], limit = this.budget): boolean {
    const size = lines.reduce((n, line) => n + line.length + 1, 0)
    if (this.size + size > limit) return false
    this.push(...lines)
    return true
  }

  text(): string {
    return this.lines.join('\n')
  }
}

function renderVerdict(page: Page, report: Report): void {
  const icon = report.verdict === 'pass' ? '✅' : report.verdict === 'error' ? '⛔' : '❌'
  page.push(`## ${icon} IAM policy drift: ${report.verdict}`, '', escapeText(report.reason, 'line'), '')
  if (report.staticMode)
    page.push('> [!WARNING]', `> Static mode: ${escapeText(report.staticMode, 'line')}`, '')
  if (report.sensitive) page.push('> [!NOTE]', `> ${sensitiveNote(report.sensitive, '`***`')}`, '')
}

/** Why nothing was checked: every problem, by file and line, with what was expected. */
function renderProblems(page: Page, report: Report): void {
  page.fits([tableRow(['Where', 'Problem']), tableRow(['---', '---'])])
  let listed = 0
  for (const problem of report.problems) {
    const where = [problem.file, problem.line, problem.line === undefined ? undefined : problem.column]
      .filter((part) => part !== undefined)
      .join(':')
    if (!page.fits([tableRow([where ? codeSpan(where) : 'inputs', escapeText(problem.message, 'cell')])]))
      break
    listed++
  }
  if (listed < report.problems.length)
    page.push(tableRow(['…', `${report.problems.length - listed} more in the JSON report`]))
  // The closing line of the step takes one of GitHub's 10 error annotations (src/main.ts).
  const where =
    report.problems.length < ANNOTATIONS_PER_LEVEL
      ? 'Each problem is also annotated on its file and line.'
      : `The first are also annotated on their file and line and the next written to the log (GitHub shows ${ANNOTATIONS_PER_LEVEL} annotations of each level per step).`
  page.push('', `${where} Fix them and run again: nothing was started.`, '')
}

/**
 * Every principal, clean ones too, in up to 40 % of the room: a comment on a repository of a thousand
 * principals still has room for the findings.
 */
function renderPrincipals(
  page: Page,
  report: Report,
  owned: ReadonlyMap<ReportPrincipal, Finding[]>,
  pointer: string,
): void {
  // None: the verdict's reason says so, and a table of no rows says nothing.
  if (report.principals.length === 0) return
  page.fits([
    tableRow(['Principal', 'Status', 'Findings', 'Policy files', 'CloudTrail window']),
    tableRow(['---', '---', '---:', '---', '---']),
  ])
  const limit = page.length + page.budget * 0.4
  let listed = 0
  for (const principal of report.principals) {
    const own = owned.get(principal) ?? []
    // A CDK role's ARN is a placeholder until it is deployed (`role/${TaskRoleA2089027}`): its construct
    // path is the name its author knows; a Terraform one's, where its code is.
    const place = principalPlace(principal)
    const line = tableRow([
      place ? `${codeSpan(principal.arn)}<br>${codeSpan(place.text)}` : codeSpan(principal.arn),
      formatStatus(principal),
      own.length === 0 ? '0' : `${own.length} (${countBySeverity(own)})`,
      [
        ...principal.files.map((file) => codeSpan(file)),
        ...(principal.boundary ? [`boundary: ${codeSpan(boundaryText(principal.boundary))}`] : []),
      ].join('<br>'),
      principal.window
        ? `${principal.window.start.slice(0, 10)} → ${principal.window.end.slice(0, 10)}`
        : '–',
    ])
    if (!page.fits([line], limit)) break
    listed++
  }
  if (listed < report.principals.length) {
    page.push(tableRow([`… ${report.principals.length - listed} more`, '', '', '', `in ${pointer}`]))
  }
  page.push('')
}

/** Job ids are for looking a generation up (aws accessanalyzer get-generated-policy): folded away. */
function renderJobs(page: Page, report: Report, pointer: string): void {
  const jobs = report.principals.filter((p) => p.jobId)
  if (jobs.length === 0) return
  const block = [
    `<details><summary>IAM Access Analyzer policy generation jobs (${jobs.length})</summary>`,
    '',
    ...jobs.map((p) => `- ${codeSpan(p.arn, 'line')}: ${codeSpan(p.jobId as string, 'line')}`),
    '',
    '</details>',
    '',
  ]
  if (!page.fits(block, page.length + page.budget * 0.2)) {
    page.push(`IAM Access Analyzer policy generation jobs: ${jobs.length}, in ${pointer}.`, '')
  }
}

/**
 * On a pull request: what it introduces, in full; what the base revision has already, folded away; or,
 * when there was nothing to compare with, why every finding counts as new.
 */
function renderScoped(
  page: Page,
  report: Report,
  owners: ReadonlyMap<Finding, ReportPrincipal>,
  options: SummaryOptions,
  pointer: string,
): void {
  const base = report.base
  if (base?.unavailable)
    page.push('> [!NOTE]', `> Every finding counts as new: ${escapeText(base.unavailable, 'line')}.`, '')
  else if (base?.missing?.length)
    page.push(
      '> [!NOTE]',
      `> The base revision has nothing of ${base.missing.map((path) => codeSpan(path, 'line')).join(', ')} (what a step builds, such as the cdk.out of cdk synth, which git does not hold, or what this pull request adds): the findings in ${base.missing.length === 1 ? 'it' : 'them'} count as new.`,
      '',
    )
  if (!base?.unavailable && base?.deployed?.length)
    page.push(
      '> [!NOTE]',
      `> The base revision has no ${base.deployed.map((path) => codeSpan(path, 'line')).join(', ')} (cdk synth makes it in the job, and git does not hold it): its stacks are compared with their deployed templates instead, so what this pull request leaves as deployed is existing, and a stack not deployed is new.`,
      '',
    )
  const fresh = report.findings.filter((f) => f.scope !== 'existing')
  const existing = report.findings.filter((f) => f.scope === 'existing')
  renderFindings(page, fresh, sectionsOf(fresh, owners), options, pointer)
  if (existing.length === 0) return
  const failing = base?.failOnScope === 'all' ? 'failing too (fail-on-scope: all)' : 'not failing'
  if (
    !page.fits([
      `<details><summary>Existing findings (${existing.length}): the base revision ${codeSpan((base?.sha ?? '').slice(0, 12), 'line')} has them too; ${failing}</summary>`,
      '',
    ])
  )
    return
  renderFindings(page, existing, sectionsOf(existing, owners), options, pointer)
  page.push('</details>', '')
}

function renderFindings(
  page: Page,
  all: readonly Finding[],
  bySection: readonly FindingSection[],
  options: SummaryOptions,
  pointer: string,
): void {
  let shown = 0
  sections: for (const { arn, place, findings: own } of bySection) {
    // Headings go in with the first row under them: never a heading, or a table, with nothing in it.
    let heading = [`### ${codeSpan(arn, 'line')}${place ? ` · ${codeSpan(place, 'line')}` : ''}`, '']
    for (const [file, findings] of findingsByFile(own)) {
      const head = [
        ...heading,
        `#### ${codeSpan(file, 'line')}`,
        '',
        tableRow(['', 'Line', 'Kind', 'Statement', 'Finding']),
        tableRow(['---', '---:', '---', '---', '---']),
      ]
      for (const [i, f] of findings.entries()) {
        const row = formatFindingRow(f, options)
        if (!page.fits(i === 0 ? [...head, row] : [row])) break sections
        shown++
      }
      heading = []
      page.push('')
    }
  }
  if (shown < all.length) {
    page.push(
      '',
      '> [!NOTE]',
      `> ${all.length - shown} more findings do not fit here; all are in ${pointer}.`,
      '',
    )
  }
}

function renderAccepted(page: Page, report: Report, options: SummaryOptions): void {
  if (report.accepted.length === 0) return
  const head = [
    `<details><summary>Accepted by <code>ignore:</code> (${report.accepted.length})</summary>`,
    '',
    tableRow(['Principal', 'Location', 'Kind', 'Actions', 'Reason']),
    tableRow(['---', '---', '---', '---', '---']),
  ]
  if (!page.fits(head)) return
  for (const a of report.accepted) {
    const line = tableRow([
      codeSpan(a.principal),
      formatLocation(a, options),
      a.kind,
      formatActions(a.actions),
      escapeText(a.reason),
    ])
    if (!page.fits([line])) {
      page.push(tableRow(['…', '', '', '', 'more in the JSON report']))
      break
    }
  }
  page.push('', '</details>', '')
}

function renderSuggestions(page: Page, report: Report): void {
  let unnamed = 0
  for (const suggestion of report.suggestions) {
    // A file's diff; a policy written inside other code, as the JSON document to put there.
    const body = suggestion.diff ?? suggestion.text
    // A fence longer than any run of backticks in it: the policy's text cannot close it.
    const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1))
    const addresses = suggestion.addresses ?? []
    const title =
      suggestion.diff === null && codeAddress(suggestion.source) !== undefined
        ? `Suggested least-privilege policy of ${htmlCode(codeAddress(suggestion.source) ?? '')} (${htmlCode(`${suggestion.file}:${suggestion.line}`)}), as JSON`
        : addresses.length > 0
          ? `Suggested least-privilege ${htmlCode(suggestion.file)}: ${addresses.map(htmlCode).join(', ')}`
          : `Suggested least-privilege ${htmlCode(suggestion.file)}`
    const oversize = oversizeNote(suggestion)
    const block = [
      `<details><summary>${title}</summary>`,
      '',
      ...(oversize ? [escapeText(oversize), ''] : []),
      `${fence}${suggestion.diff === null ? 'json' : 'diff'}`,
      body.trimEnd(),
      fence,
      '',
      '</details>',
      '',
    ]
    if (page.fits(block)) continue
    // Named while some of the page's reserve is left, then only counted: a run suggesting hundreds
    // of files overran a comment's limit by a line each.
    const note = `Suggested ${codeSpan(suggestion.file, 'line')}: too long to show here; it is in the JSON report (\`suggestions\`).`
    if (!page.fits([note, ''], page.budget + NOTES_ROOM)) unnamed++
  }
  if (unnamed > 0)
    page.push(
      `${unnamed} more suggested ${unnamed === 1 ? 'policy is' : 'policies are'} in the JSON report (\`suggestions\`).`,
      '',
    )
}

function renderNotObservable(page: Page, report: Report, options: SummaryOptions): void {
  if (report.notObservable.length === 0) return
  const head = [
    `<details><summary>Not observable by IAM Access Analyzer (${report.notObservable.length}): judged by the static checks alone</summary>`,
    '',
    tableRow(['Principal', 'Location', 'Actions', 'Why']),
    tableRow(['---', '---', '---', '---']),
  ]
  if (!page.fits(head)) return
  for (const n of report.notObservable) {
    const line = tableRow([
      codeSpan(n.principal),
      formatLocation(n, options),
      formatActions(n.actions),
      escapeText(n.reason),
    ])
    if (!page.fits([line])) {
      page.push(tableRow(['…', '', '', 'more in the JSON report']))
      break
    }
  }
  page.push('', '</details>', '')
}

/** "schedule on `main` at `0123456789ab` · ": what the run checked, for the footer. */
function describeRunFooter(report: Report): string {
  const run = report.run
  if (!run?.event) return ''
  const parts = [escapeText(run.event, 'line')]
  if (run.pullRequest !== null) parts.push(`#${run.pullRequest}`)
  else if (run.ref) parts.push(`on ${codeSpan(run.ref, 'line')}`)
  if (run.sha) parts.push(`at ${codeSpan(run.sha.slice(0, 12), 'line')}`)
  return `${parts.join(' ')} · `
}

function formatStatus(principal: ReportPrincipal): string {
  const label = principal.status === 'checked' ? usageLabel(principal.usage) : undefined
  const text = label ? `${STATUS_TEXT.checked} · ${escapeText(label)}` : STATUS_TEXT[principal.status]
  return principal.error
    ? `${text}: ${codeSpan(principal.error.code)} ${escapeText(principal.error.message)}`
    : text
}

function formatFindingRow(f: Finding, options: SummaryOptions): string {
  const statement = PRINCIPAL_KINDS.has(f.kind) ? '–' : f.sid ? codeSpan(f.sid) : `#${f.statementIndex}`
  const details = [escapeText(f.message)]
  const construct = constructPath(f.source)
  if (construct) details.push(`Construct: ${codeSpan(construct)}`)
  const managed = managedPolicyNote(f.source)
  if (managed) details.push(`Policy: ${escapeText(managed)}`)
  if (f.actions.length > 1) details.push(`Actions: ${formatActions(f.actions)}`)
  if (f.suggestion) details.push(`Suggested: ${codeSpan(f.suggestion)}`)
  if (f.condition) details.push(`Condition: ${codeSpan(f.condition)}`)
  return tableRow([
    `${SEVERITY_ICON[f.severity]} ${f.severity}`,
    linkLine(f, options),
    f.kind,
    statement,
    details.join('<br>'),
  ])
}

function linkLine(f: Finding, options: SummaryOptions): string {
  return options.blobBase
    ? formatLink(`L${f.line}`, `${options.blobBase}/${encodePath(f.file)}#L${f.line}`)
    : `L${f.line}`
}

function formatLocation(f: Pick<Finding, 'file' | 'line'>, options: SummaryOptions): string {
  const text = `${f.file}:${f.line}`
  return options.blobBase
    ? formatLink(text, `${options.blobBase}/${encodePath(f.file)}#L${f.line}`)
    : codeSpan(text)
}

function formatActions(actions: readonly string[]): string {
  const shown = actions
    .slice(0, ACTIONS_SHOWN)
    .map((a) => codeSpan(a))
    .join(', ')
  return actions.length > ACTIONS_SHOWN ? `${shown} and ${actions.length - ACTIONS_SHOWN} more` : shown
}

/**
 * Each principal's findings, in their order. A finding names its principal by ARN, and two principals
 * can share one: unnamed roles of two templates with the same logical id both read
 * `role/${HelloWorldFunctionRole}` until stacks name them. A finding then goes to the principal its
 * `principalIndex` names (one template nested by several stacks: one file, several roles), else to the
 * one whose policy files hold its file (else to the first), so neither is counted with the other's
 * findings.
 */
export function findingsOfPrincipals(
  report: Pick<Report, 'principals' | 'findings'>,
): Map<ReportPrincipal, Finding[]> {
  const byArn = new Map<string, ReportPrincipal[]>()
  const out = new Map<ReportPrincipal, Finding[]>()
  for (const p of report.principals) {
    const same = byArn.get(p.arn)
    if (same) same.push(p)
    else byArn.set(p.arn, [p])
    out.set(p, [])
  }
  for (const f of report.findings) {
    const owners = byArn.get(f.principal)
    if (!owners) continue
    const file = policyFileOf(f)
    const indexed = f.principalIndex === undefined ? undefined : report.principals[f.principalIndex]
    const owner =
      owners.length === 1
        ? owners[0]
        : indexed?.arn === f.principal
          ? indexed
          : (owners.find((p) => p.files.includes(file)) ??
            owners.find((p) => p.source?.file === file) ??
            owners[0])
    out.get(owner as ReportPrincipal)?.push(f)
  }
  return out
}

/** The principal each finding belongs to, from findingsOfPrincipals. */
function ownersOf(owned: ReadonlyMap<ReportPrincipal, Finding[]>): Map<Finding, ReportPrincipal> {
  const out = new Map<Finding, ReportPrincipal>()
  for (const [principal, findings] of owned) for (const f of findings) out.set(f, principal)
  return out
}

/** A principal's findings under its heading: its ARN, and what tells it apart (principalPlace). */
interface FindingSection {
  readonly arn: string
  readonly place: string | undefined
  readonly findings: Finding[]
}

/**
 * Findings by principal, keeping their order (each section listed by file): two principals of one ARN (two stacks'
 * unnamed roles of one logical id, `role/${HandlerServiceRole2B3C4D5E}` in each) are two sections, each
 * headed with its own construct path (or, in Terraform, its place).
 */
function sectionsOf(
  findings: readonly Finding[],
  owners: ReadonlyMap<Finding, ReportPrincipal>,
): FindingSection[] {
  const out = new Map<ReportPrincipal | string, FindingSection>()
  for (const f of findings) {
    const owner = owners.get(f)
    const section = out.get(owner ?? f.principal)
    if (section) section.findings.push(f)
    else
      out.set(owner ?? f.principal, {
        arn: f.principal,
        place: owner && principalPlace(owner)?.text,
        findings: [f],
      })
  }
  return [...out.values()]
}

/**
 * What tells a principal apart when its ARN is a placeholder until it is deployed: the construct path a
 * CDK app knows it by (`role/${TaskRoleA2089027}`), the nested stacks a template's unnamed role is made
 * in (one template nested for tests, staging and prod: three `role/${DeployRole}`), or where Terraform
 * code or a template defines one it names only after apply (`role/${aws_iam_role.default[0].name}`, the
 * same in each of a repository's roots) or in an account not known (`arn:aws:iam::<account>:role/app`,
 * `arn:aws:iam::${AWS::AccountId}:role/app`). Undefined for any other.
 */
export function principalPlace(
  p: Pick<ReportPrincipal, 'arn' | 'source'>,
): { readonly label: 'construct' | 'defined at' | 'nested in'; readonly text: string } | undefined {
  const { source } = p
  if (source?.kind === 'cloudformation' && source.cdkPath) return { label: 'construct', text: source.cdkPath }
  // An unnamed role of a nested template: which nesting, from the outermost stack's resources down.
  if (source?.kind === 'cloudformation' && source.nestedIn && p.arn.includes('${')) {
    const { path, template } = source.nestedIn
    const alike = source.alike ? `, and ${plural(source.alike, 'other nesting')} alike` : ''
    return { label: 'nested in', text: `${path.join(' > ')} (${template})${alike}` }
  }
  if (!isPlaceholderArn(p.arn)) return undefined
  // A module's role is written once for every call of it: which call, by its address. Without the
  // account, a name is each root's own (envs/dev and envs/prod both make role/app): which root's.
  if (source?.kind === 'terraform')
    return {
      label: 'defined at',
      text: source.address.startsWith('module.')
        ? `${source.address} (${source.file}:${source.line})`
        : `${source.file}:${source.line}`,
    }
  // Likewise a template's: several templates (or copies of one) define role/${AppRole} or, read without
  // `account:`, arn:aws:iam::${AWS::AccountId}:role/app.
  if (source?.kind === 'cloudformation') return { label: 'defined at', text: `${source.file}:${source.line}` }
  return undefined
}

/**
 * A permissions boundary as the summary and the command line name it: where it is written, and the
 * policy it is when that is not the file's own name (an AWS managed policy attached by ARN).
 */
export function boundaryText(boundary: BoundaryPlace): string {
  const place = `${boundary.file}:${boundary.line}`
  return boundary.arn ? `${policyPathOf(boundary.arn)} (${place})` : place
}

/** One principal's findings by file, keeping their order. */
export function findingsByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>()
  for (const f of findings) {
    const list = out.get(f.file)
    if (list) list.push(f)
    else out.set(f.file, [f])
  }
  return out
}
