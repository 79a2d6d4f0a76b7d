import type { Catalog } from '../catalog/catalog.js'

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
    const counts = new Map<string, number>()
    for (const name of actions) {
      const level = this.catalog.lookup(name)?.accessLevel ?? 'unknown'
      counts.set(level, (counts.get(level) ?? 0) + 1)
    }
    const text = ['Permissions management', 'Write', 'Tagging', 'Read', 'List', 'unknown']
      .filter((level) => counts.has(level))
      .map((level) => `${counts.get(level)} ${level}`)
      .join(', ')
    this.summaries.set(actions, text)
    return text
  }
}

/** The first `count` items, and how many more there are: "a, b, c, … (4 more)". */
export function previewList(items: readonly string[], count: number): string {
  return items.length <= count
    ? items.join(', ')
    : `${items.slice(0, count).join(', ')}, … (${items.length - count} more)`
}
