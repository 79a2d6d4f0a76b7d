import type { Catalog } from '../catalog/catalog.js'
import { thousands } from '../vocabulary/text.js'
import { actionsOfNames, idsOfNames } from './grants.js'

const LEVELS = ['Permissions management', 'Write', 'Tagging', 'Read', 'List', 'unknown'] as const
const LEVEL_INDEX: Record<string, number> = Object.fromEntries(LEVELS.map((level, i) => [level, i]))
const UNKNOWN = LEVELS.length - 1

/**
 * Messages about action lists, built once per list and template: findings on the same statement shape
 * share their grant's list, so a thousand principals cost one message.
 */
export class FindingText {
  private readonly summaries = new WeakMap<readonly string[], string>()
  private readonly texts = new WeakMap<readonly string[], Map<string, string | null>>()

  constructor(private readonly catalog: Catalog) {}

  /** `build()`'s text for `actions` and `template`, built on first use. */
  once<T extends string | null>(actions: readonly string[], template: string, build: () => T): T {
    let byTemplate = this.texts.get(actions)
    if (!byTemplate) {
      byTemplate = new Map()
      this.texts.set(actions, byTemplate)
    }
    if (!byTemplate.has(template)) byTemplate.set(template, build())
    return byTemplate.get(template) as T
  }

  /** "12 Write, 3 Permissions management, …": what a reviewer weighs first. Cached per list. */
  countLevels(actions: readonly string[]): string {
    const cached = this.summaries.get(actions)
    if (cached !== undefined) return cached
    // A counter per level, in the order a reviewer reads them: lists of 22,000 actions are common.
    const counts = new Int32Array(LEVELS.length)
    const count = (level: string | undefined) => {
      const k = (level !== undefined ? LEVEL_INDEX[level] : undefined) ?? UNKNOWN
      counts[k] = (counts[k] as number) + 1
    }
    const ids = idsOfNames(actions)
    const known = ids ? undefined : actionsOfNames(actions)
    if (ids) for (let i = 0; i < ids.length; i++) count(this.catalog.accessLevelOf(ids[i] as number))
    else if (known) for (const action of known) count(action.accessLevel)
    else for (const name of actions) count(this.catalog.lookup(name)?.accessLevel)
    const text = LEVELS.flatMap((level, i) =>
      counts[i] ? [`${thousands(counts[i] as number)} ${level}`] : [],
    ).join(', ')
    this.summaries.set(actions, text)
    return text
  }
}
