// The report as a terminal reads it (the command line's default format): the verdict, then each
// principal with its findings by file and line as `file:line:column` (terminals and editors link
// those), then the suggested diffs. Colour only when asked for; the same words either way.
import type { Finding, Severity } from '../vocabulary/findings.js'
import { constructPath, managedPolicyNote } from '../vocabulary/policy.js'
import { formatProblem } from '../vocabulary/problems.js'
import { usageLabel } from '../vocabulary/usage.js'
import { oversizeNote, type Report, type ReportPrincipal, sensitiveNote } from './report.js'
import { boundaryText, findingsByFile, findingsOfPrincipals, principalPlace } from './summary.js'

export interface TextOptions {
  readonly color: boolean
}

type Paint = (text: string) => string

const SEVERITY_COLOR: Record<Severity, number> = { critical: 35, high: 31, medium: 33, low: 36 }

/** The report as plain text, lines of at most what the findings' messages take. */
export function renderText(report: Report, options: TextOptions): string {
  const sgr =
    (code: number): Paint =>
    (text) =>
      options.color ? `\x1b[${code}m${text}\x1b[0m` : text
  const bold = sgr(1)
  const dim = sgr(2)
  const lines: string[] = []
  const verdictColor = report.verdict === 'pass' ? 32 : 31
  lines.push(`${bold(sgr(verdictColor)(`iam-policy-drift: ${report.verdict}`))} — ${report.reason}`)
  if (report.sensitive) lines.push(dim(sensitiveNote(report.sensitive)))
  if (report.verdict === 'error') {
    lines.push('')
    for (const problem of report.problems) lines.push(`  ${formatProblem(problem)}`)
    return `${lines.join('\n')}\n`
  }
  if (report.staticMode) lines.push(dim(`Static mode: ${report.staticMode}`))
  const owned = findingsOfPrincipals(report)
  for (const principal of report.principals) {
    const own = owned.get(principal) ?? []
    lines.push('', `${bold(principal.arn)}  ${dim(status(principal))}`)
    const place = principalPlace(principal)
    if (place) lines.push(`  ${dim(`${place.label}:`)} ${place.text}`)
    if (principal.boundary)
      lines.push(`  ${dim('permissions boundary:')} ${boundaryText(principal.boundary)}`)
    if (own.length === 0) {
      lines.push(`  ${dim('no findings')}`)
      continue
    }
    // By file, as the summary lists them.
    for (const findings of findingsByFile(own).values())
      for (const f of findings) lines.push(...renderFinding(f, sgr, dim))
  }
  for (const suggestion of report.suggestions) {
    const what = suggestion.diff === null ? 'as JSON' : 'as a diff'
    lines.push('', bold(`Suggested least-privilege ${suggestion.file} (${what}):`))
    const oversize = oversizeNote(suggestion)
    if (oversize) lines.push(dim(oversize))
    const body = (suggestion.diff ?? suggestion.text).trimEnd().split('\n')
    for (const line of body)
      lines.push(
        line.startsWith('+') && !line.startsWith('+++')
          ? sgr(32)(line)
          : line.startsWith('-') && !line.startsWith('---')
            ? sgr(31)(line)
            : line,
      )
  }
  if (report.accepted.length > 0)
    lines.push('', dim(`${report.accepted.length} accepted by ignore: entries (in the JSON report).`))
  return `${lines.join('\n')}\n`
}

function renderFinding(f: Finding, sgr: (code: number) => Paint, dim: Paint): string[] {
  const where = `${f.file}:${f.line}:${f.column}`
  const head = `  ${where}  ${sgr(SEVERITY_COLOR[f.severity])(f.severity.padEnd(8))} ${f.kind}${f.sid ? dim(` (${f.sid})`) : ''}`
  const out = [head, `      ${f.message}`]
  const construct = constructPath(f.source)
  if (construct) out.push(`      ${dim('construct:')} ${construct}`)
  const managed = managedPolicyNote(f.source)
  if (managed) out.push(`      ${dim('policy:')} ${managed}`)
  if (f.suggestion) out.push(`      ${dim('suggested:')} ${f.suggestion}`)
  return out
}

function status(p: ReportPrincipal): string {
  if (p.status === 'checked') {
    const label = usageLabel(p.usage)
    return label ? `checked (${label})` : 'checked'
  }
  if (p.status === 'new') return 'new: static checks only'
  if (p.status === 'static') return p.error ? `static checks: ${p.error.message}` : 'static checks'
  return p.error ? `${p.status}: ${p.error.message}` : p.status
}
