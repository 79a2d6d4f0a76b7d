import { type Finding, PRINCIPAL_KINDS } from '../analysis/findings.js'
import { code, escapeInline, link, row } from './markdown.js'
import { countBySeverity, type Report, type ReportPrincipal } from './report.js'

export interface SummaryOptions {
  /**
   * Where a file's lines can be viewed, e.g. `https://github.com/o/r/blob/<sha>`; findings link to
   * `<base>/<file>#L<line>`. Without it, locations are plain text.
   */
  readonly blobBase?: string
  /** Longest text to return; findings that do not fit are counted, not shown. Default: GitHub's 1 MiB. */
  readonly maxLength?: number
  /** Where the findings left out can be read; default: the JSON report. */
  readonly overflowPointer?: string
}

/** GitHub refuses a job summary over 1 MiB; keep a margin for the footer and for multi-byte characters. */
export const SUMMARY_MAX_LENGTH = 900_000

const SEVERITY_ICON = { critical: '🟥', high: '🟧', medium: '🟨', low: '⬜' } as const
const STATUS_TEXT = {
  checked: '✅ checked',
  static: '➖ static checks only',
  failed: '❌ failed',
  'timed-out': '⏱️ timed out',
} as const
// Beyond this many actions a list stops helping a reader; the JSON report keeps them all.
const ACTIONS_SHOWN = 8

/**
 * The job summary: verdict, every principal (clean ones too), then the findings grouped by principal
 * and file with their lines, and the accepted ones folded away. Pure: the same report gives the same
 * text.
 */
export function renderSummary(report: Report, options: SummaryOptions = {}): string {
  const out: string[] = []
  const pointer = options.overflowPointer ?? 'the JSON report (output `report`)'
  const icon = report.verdict === 'pass' ? '✅' : '❌'
  out.push(
    `## ${icon} IAM policy drift: ${report.verdict === 'pass' ? 'pass' : 'fail'}`,
    '',
    escapeInline(report.reason),
    '',
  )
  if (report.staticMode) {
    out.push(`> [!WARNING]`, `> Static mode: ${escapeInline(report.staticMode)}`, '')
  }

  // What goes in goes in while it fits; the footer always does.
  const budget = (options.maxLength ?? SUMMARY_MAX_LENGTH) - 2_000
  let length = out.reduce((n, line) => n + line.length + 1, 0)
  const fits = (lines: readonly string[], limit = budget) => {
    const size = lines.reduce((n, line) => n + line.length + 1, 0)
    if (length + size > limit) return false
    out.push(...lines)
    length += size
    return true
  }

  // Every principal, clean ones too, in up to 40 % of the room: a comment on a repository of a thousand
  // principals still has room for the findings.
  const byPrincipal = group(report.findings)
  fits([
    row(['Principal', 'Status', 'Findings', 'Policy files', 'CloudTrail window']),
    row(['---', '---', '---:', '---', '---']),
  ])
  const tableLimit = length + budget * 0.4
  let listed = 0
  for (const principal of report.principals) {
    const own = [...(byPrincipal.get(principal.arn)?.values() ?? [])].flat()
    const line = row([
      code(principal.arn),
      statusText(principal),
      own.length === 0 ? '0' : `${own.length} (${countBySeverity(own)})`,
      principal.files.map(code).join('<br>'),
      principal.window
        ? `${principal.window.start.slice(0, 10)} → ${principal.window.end.slice(0, 10)}`
        : '–',
    ])
    if (!fits([line], tableLimit)) break
    listed++
  }
  if (listed < report.principals.length) {
    out.push(row([`… ${report.principals.length - listed} more`, '', '', '', `in ${pointer}`]))
  }
  out.push('')
  // Job ids are for looking a generation up (aws accessanalyzer get-generated-policy): folded away.
  const jobs = report.principals.filter((p) => p.jobId)
  const jobLines = jobs.map((p) => `- ${code(p.arn)}: ${code(p.jobId as string)}`)
  if (
    jobs.length > 0 &&
    !fits(
      [
        `<details><summary>IAM Access Analyzer policy generation jobs (${jobs.length})</summary>`,
        '',
        ...jobLines,
        '',
        '</details>',
        '',
      ],
      length + budget * 0.2,
    )
  ) {
    out.push(`IAM Access Analyzer policy generation jobs: ${jobs.length}, in ${pointer}.`, '')
  }

  let shown = 0
  sections: for (const [principal, byFile] of byPrincipal) {
    if (!fits([`### ${code(principal)}`, ''])) break
    for (const [file, findings] of byFile) {
      if (
        !fits([
          `#### ${code(file)}`,
          '',
          row(['', 'Line', 'Kind', 'Statement', 'Finding']),
          row(['---', '---:', '---', '---', '---']),
        ])
      )
        break sections
      for (const f of findings) {
        if (!fits([findingRow(f, options)])) break sections
        shown++
      }
      out.push('')
    }
  }
  if (shown < report.findings.length) {
    out.push(
      '',
      `> [!NOTE]`,
      `> ${report.findings.length - shown} more findings do not fit here; all are in ${pointer}.`,
      '',
    )
  }

  if (report.accepted.length > 0) {
    const head = [
      `<details><summary>Accepted by <code>ignore:</code> (${report.accepted.length})</summary>`,
      '',
      row(['Principal', 'Location', 'Kind', 'Actions', 'Reason']),
      row(['---', '---', '---', '---', '---']),
    ]
    if (fits(head)) {
      for (const a of report.accepted) {
        if (
          !fits([
            row([
              code(a.principal),
              location(a, options),
              a.kind,
              actionList(a.actions),
              escapeInline(a.reason),
            ]),
          ])
        ) {
          out.push(row(['…', '', '', '', 'more in the JSON report']))
          break
        }
      }
      out.push('', '</details>', '')
    }
  }

  for (const suggestion of report.suggestions) {
    // A fence longer than any run of backticks in the diff: the policy's text cannot close it.
    const fence = '`'.repeat(Math.max(3, ...[...suggestion.diff.matchAll(/`+/g)].map((m) => m[0].length + 1)))
    const block = [
      `<details><summary>Suggested least-privilege ${code(suggestion.file)}</summary>`,
      '',
      `${fence}diff`,
      suggestion.diff.trimEnd(),
      fence,
      '',
      '</details>',
      '',
    ]
    if (!fits(block)) {
      out.push(
        `Suggested ${code(suggestion.file)}: too long to show here; it is in the JSON report (\`suggestions\`).`,
        '',
      )
    }
  }

  if (report.notObservable.length > 0) {
    const head = [
      `<details><summary>Not observable by IAM Access Analyzer (${report.notObservable.length}): judged by the static checks alone</summary>`,
      '',
      row(['Principal', 'Location', 'Actions', 'Why']),
      row(['---', '---', '---', '---']),
    ]
    if (fits(head)) {
      for (const n of report.notObservable) {
        const where = { file: n.file, line: n.line }
        if (
          !fits([
            row([code(n.principal), location(where, options), actionList(n.actions), escapeInline(n.reason)]),
          ])
        )
          break
      }
      out.push('', '</details>', '')
    }
  }

  out.push(
    `<sub>${runText(report)}fail-on: ${report.failOn} · IAM catalog ${escapeInline(report.catalog.version)} ` +
      `(${report.catalog.date.slice(0, 10)}) · ${report.generatedAt}</sub>`,
    '',
  )
  return out.join('\n')
}

/** "schedule on `main` at `0123456789ab` · ": what the run checked, for the footer. */
function runText(report: Report): string {
  const run = report.run
  if (!run?.event) return ''
  const parts = [escapeInline(run.event)]
  if (run.pullRequest !== null) parts.push(`#${run.pullRequest}`)
  else if (run.ref) parts.push(`on ${code(run.ref)}`)
  if (run.sha) parts.push(`at ${code(run.sha.slice(0, 12))}`)
  return `${parts.join(' ')} · `
}

function statusText(principal: ReportPrincipal): string {
  const text = STATUS_TEXT[principal.status]
  return principal.error
    ? `${text}: ${code(principal.error.code)} ${escapeInline(principal.error.message)}`
    : text
}

function findingRow(f: Finding, options: SummaryOptions): string {
  const statement = PRINCIPAL_KINDS.has(f.kind) ? '–' : f.sid ? code(f.sid) : `#${f.statementIndex}`
  const details = [escapeInline(f.message)]
  if (f.actions.length > 1) details.push(`Actions: ${actionList(f.actions)}`)
  if (f.suggestion) details.push(`Suggested: ${code(f.suggestion)}`)
  if (f.condition) details.push(`Condition: ${code(f.condition)}`)
  return row([
    `${SEVERITY_ICON[f.severity]} ${f.severity}`,
    lineLink(f, options),
    f.kind,
    statement,
    details.join('<br>'),
  ])
}

function lineLink(f: Finding, options: SummaryOptions): string {
  return options.blobBase
    ? link(`L${f.line}`, `${options.blobBase}/${encodePath(f.file)}#L${f.line}`)
    : `L${f.line}`
}

function location(f: Pick<Finding, 'file' | 'line'>, options: SummaryOptions): string {
  const text = `${f.file}:${f.line}`
  return options.blobBase ? link(text, `${options.blobBase}/${encodePath(f.file)}#L${f.line}`) : code(text)
}

function actionList(actions: readonly string[]): string {
  const shown = actions.slice(0, ACTIONS_SHOWN).map(code).join(', ')
  return actions.length > ACTIONS_SHOWN ? `${shown} and ${actions.length - ACTIONS_SHOWN} more` : shown
}

function encodePath(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/')
}

/** Findings by principal, then by file, keeping their order. */
export function group(findings: readonly Finding[]): Map<string, Map<string, Finding[]>> {
  const out = new Map<string, Map<string, Finding[]>>()
  for (const f of findings) {
    const byFile = out.get(f.principal) ?? new Map<string, Finding[]>()
    out.set(f.principal, byFile)
    const list = byFile.get(f.file)
    if (list) list.push(f)
    else byFile.set(f.file, [f])
  }
  return out
}
