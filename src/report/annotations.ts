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
 * warnings (notices for `low`), so the annotations read like the verdict. Findings that say the same
 * thing at the same place for several principals — a group's policy and its users, one managed policy
 * attached to many roles — are one annotation that names them all: GitHub shows 10 of a level, and ten
 * copies of one line would hide every other problem. Only as many of each level as there is `room` for
 * (at most {@link ANNOTATIONS_PER_LEVEL}, less what the step has shown already) are kept — GitHub would
 * drop the rest without a word —: one of each kind first, then the most severe; `omitted` counts the
 * findings left without one, so the run can say where to find them.
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
  // On a pull request, a finding the base revision has too does not fail (fail-on-scope: new): a warning.
  const excused = (f: Finding) =>
    failOnScope === 'new' && f.scope === 'existing' && findingLevel(f.severity, failOn) === 'error'
  const groups = sharedPlaces(findings, (f) =>
    excused(f) ? 'warning' : annotationLevel(findingLevel(f.severity, failOn)),
  )
  const kept = new Set<PlaceGroup>()
  const perLevel = new Map<string, number>()
  const keep = (group: PlaceGroup) => {
    const count = perLevel.get(group.level) ?? 0
    if (count >= room[group.level] || kept.has(group)) return
    perLevel.set(group.level, count + 1)
    kept.add(group)
  }
  const order = bySeverity(groups.map((g) => findings[g.first] as Finding)).map(
    (i) => groups[i] as PlaceGroup,
  )
  // First the most severe finding of each kind, so that no kind is left out for the many of another;
  // then the rest, most severe first, while there is room.
  const kinds = new Set<string>()
  for (const group of order) {
    const key = `${group.level} ${(findings[group.first] as Finding).kind}`
    if (kinds.has(key)) continue
    kinds.add(key)
    keep(group)
  }
  for (const group of order) keep(group)
  let annotated = 0
  const annotations = [...kept]
    .sort((a, b) => a.first - b.first)
    .map((group) => {
      annotated += group.members.length
      const f = findings[group.first] as Finding
      const names = [...new Set(group.members.map((i) => principalName((findings[i] as Finding).principal)))]
      const title = `${f.kind} (${f.severity}): ${listed(names)}${excused(f) ? ' (existing)' : ''}`
      return {
        level: group.level,
        file: f.file,
        line: f.line,
        column: f.column,
        title,
        message: group.message,
      }
    })
  return { annotations, omitted: findings.length - annotated }
}

/** The findings that say one thing at one place, at one level: one annotation's worth. */
class PlaceGroup {
  /** Every one of its findings, by where they are in the list. */
  readonly members: number[]
  private said: string | undefined

  constructor(
    readonly level: Annotation['level'],
    /** Where its first finding is in the list. */
    readonly first: number,
    private readonly findings: readonly Finding[],
  ) {
    this.members = [first]
  }

  /** What its findings say, made when asked: most places have one group, kept or not. */
  get message(): string {
    this.said ??= messageOf(this.findings[this.first] as Finding)
    return this.said
  }
}

function sharedPlaces(
  findings: readonly Finding[],
  levelOf: (f: Finding) => Annotation['level'],
): PlaceGroup[] {
  const groups: PlaceGroup[] = []
  // By place first; messages are made and hashed only where several findings meet (each of the 3,800
  // findings on AWS's managed policies joined into a key with its message was 8 MB of strings).
  const byPlace = new Map<string, { first: PlaceGroup; byMessage?: Map<string, PlaceGroup> }>()
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i] as Finding
    const level = levelOf(f)
    const place = `${level}\0${f.kind}\0${f.severity}\0${f.file}\0${f.line}\0${f.column}`
    const here = byPlace.get(place)
    const message = here ? messageOf(f) : ''
    if (here) {
      here.byMessage ??= new Map([[here.first.message, here.first]])
      const same = here.byMessage.get(message)
      if (same) {
        same.members.push(i)
        continue
      }
    }
    const created = new PlaceGroup(level, i, findings)
    if (here) here.byMessage?.set(message, created)
    else byPlace.set(place, { first: created })
    groups.push(created)
  }
  return groups
}

/** `role/a, role/b and 3 more`: an annotation's title stays one line. */
function listed(names: readonly string[]): string {
  const shown = names.length <= TITLE_NAMES ? names : names.slice(0, TITLE_NAMES - 1)
  const more = names.length - shown.length
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ')
}
const TITLE_NAMES = 3

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

function messageOf(f: Finding): string {
  return [
    f.message,
    ...(f.suggestion ? [`Suggested: ${f.suggestion}`] : []),
    ...(constructPath(f.source) ? [`Construct: ${constructPath(f.source)}`] : []),
    ...(managedPolicyNote(f.source) ? [`Policy: ${managedPolicyNote(f.source)}`] : []),
  ].join('\n')
}

function annotationLevel(level: 'error' | 'warning' | 'note'): Annotation['level'] {
  return level === 'note' ? 'notice' : level
}

/** `role/app-deployer` from a principal ARN: short enough for an annotation's title. */
export function principalName(arn: string): string {
  return resourceOf(arn) || arn
}
