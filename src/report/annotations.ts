import { resourceOf } from '../vocabulary/accounts.js'
import { type FailOn, type Finding, SEVERITIES } from '../vocabulary/findings.js'
import { constructPath, managedPolicyNote } from '../vocabulary/policy.js'
import { findingLevel } from './report.js'

/** A workflow annotation: `::error file=…,line=…,title=…::message`. */
export interface Annotation {
  readonly level: 'error' | 'warning' | 'notice'
  readonly file: string
  readonly line: number
  readonly column: number
  readonly title: string
  readonly message: string
}

/** GitHub shows at most 10 annotations of each level per step and drops the rest silently. */
export const ANNOTATIONS_PER_LEVEL = 10

/**
 * An annotation per finding, on its file and line. Findings that fail the run are errors, the others
 * warnings (notices for `low`), so the annotations read like the verdict. Only as many of each level as
 * there is `room` for (at most {@link ANNOTATIONS_PER_LEVEL}, less what the step has shown already) are
 * kept — GitHub would drop the rest without a word —: one of each kind first, then the most severe;
 * `omitted` counts the others, so the run can say where to find them.
 */
export function toAnnotations(
  findings: readonly Finding[],
  failOn: FailOn,
  failOnScope: 'new' | 'all' = 'all',
  room: Readonly<Record<Annotation['level'], number>> = {
    error: ANNOTATIONS_PER_LEVEL,
    warning: ANNOTATIONS_PER_LEVEL,
    notice: ANNOTATIONS_PER_LEVEL,
  },
): { annotations: Annotation[]; omitted: number } {
  // The level of each finding decides what is kept; only the kept are written out (20 of thousands).
  // On a pull request, a finding the base revision has too does not fail (fail-on-scope: new): a warning.
  const excused = findings.map(
    (f) => failOnScope === 'new' && f.scope === 'existing' && findingLevel(f.severity, failOn) === 'error',
  )
  const levels: Annotation['level'][] = findings.map((f, i) =>
    excused[i] ? 'warning' : annotationLevel(findingLevel(f.severity, failOn)),
  )
  const kept = new Set<number>()
  const perLevel = new Map<string, number>()
  const keep = (i: number) => {
    const level = levels[i] as Annotation['level']
    const count = perLevel.get(level) ?? 0
    if (count >= room[level] || kept.has(i)) return
    perLevel.set(level, count + 1)
    kept.add(i)
  }
  const order = bySeverity(findings)
  // First the most severe finding of each kind, so that no kind is left out for the many of another;
  // then the rest, most severe first, while there is room.
  const kinds = new Set<string>()
  for (const i of order) {
    const key = `${levels[i]} ${(findings[i] as Finding).kind}`
    if (kinds.has(key)) continue
    kinds.add(key)
    keep(i)
  }
  for (const i of order) keep(i)
  const annotations = [...kept]
    .sort((a, b) => a - b)
    .map((i) => {
      const annotation = toAnnotation(findings[i] as Finding, levels[i] as Annotation['level'])
      return excused[i] ? { ...annotation, title: `${annotation.title} (existing)` } : annotation
    })
  return { annotations, omitted: findings.length - kept.size }
}

/**
 * The findings' places, most severe first and in their order within a severity: put in one list per
 * severity, not sorted (70,000 findings, each comparison looking up two severities, took 60 ms a call).
 */
function bySeverity(findings: readonly Finding[]): number[] {
  // One more list, first, for a severity that is none of ours (a report read back from a file).
  const lists: number[][] = [[], ...SEVERITIES.map(() => [])]
  for (let i = 0; i < findings.length; i++)
    (lists[SEVERITIES.indexOf((findings[i] as Finding).severity) + 1] as number[]).push(i)
  return lists.flat()
}

function toAnnotation(f: Finding, level: Annotation['level']): Annotation {
  return {
    level,
    file: f.file,
    line: f.line,
    column: f.column,
    title: `${f.kind} (${f.severity}): ${roleName(f.principal)}`,
    message: [
      f.message,
      ...(f.suggestion ? [`Suggested: ${f.suggestion}`] : []),
      ...(constructPath(f.source) ? [`Construct: ${constructPath(f.source)}`] : []),
      ...(managedPolicyNote(f.source) ? [`Policy: ${managedPolicyNote(f.source)}`] : []),
    ].join('\n'),
  }
}
function annotationLevel(level: 'error' | 'warning' | 'note'): Annotation['level'] {
  return level === 'note' ? 'notice' : level
}

/** `role/app-deployer` from a principal ARN: short enough for an annotation title. */
function roleName(arn: string): string {
  return resourceOf(arn) || arn
}
