import type { Catalog, CatalogAction } from '../catalog/catalog.js'
import { largest } from '../vocabulary/lists.js'
import { replacePlaceholders } from '../vocabulary/placeholders.js'
import { formatPattern } from './resource-types.js'
import { generatedStatements } from './usage-checks.js'

/**
 * Resource types a principal touched, as `service/typeKey`, read from the resource placeholders of its
 * generated policies (`arn:aws:s3:::${BucketName}/${ObjectName}` is an S3 object). Services whose
 * generated statements carry no placeholder are absent: nothing is known of their resources.
 */
export function touchedResourceTypes(policies: readonly string[], catalog: Catalog): Set<string> {
  const touched = new Set<string>()
  for (const text of policies) {
    for (const s of generatedStatements(text)) {
      const resources = s.resources.filter((r) => r.includes('${'))
      for (const name of s.actions) {
        const action = catalog.lookup(name)
        if (!action) continue
        for (const placeholder of resources) {
          const shape = resourceShape(placeholder)
          for (const key of action.resourceTypes) {
            const format = catalog.resourceType(action.service, key)?.arn
            if (format && resourceShape(format) === shape) touched.add(`${action.service}/${key}`)
          }
        }
      }
    }
  }
  return touched
}

/**
 * The resources of a statement worth keeping for `actions`, given the resource types the principal
 * touched: a resource whose most specific type (among the types the actions accept) was never touched
 * is dropped; one whose type is unknown, or whose service has no placeholder data, is kept. If every
 * resource would go, all are kept: the actions were used on something the data could not name; and
 * an action that would act on none of those left keeps those it acts on. `alsoKept`: types kept
 * whatever was touched (those of actions the usage cannot show); they say nothing of what the data
 * shows of their service.
 */
export function keepTouchedResources(
  resources: readonly string[],
  actions: readonly CatalogAction[],
  touched: ReadonlySet<string>,
  catalog: Catalog,
  alsoKept: ReadonlySet<string> = new Set(),
): string[] {
  const services = new Set([...touched].map((t) => t.split('/')[0]))
  // The actions' resource types (`s3/bucket`), each with its ARN format as a pattern.
  const candidates = new Map<string, { format: RegExp; literal: number }>()
  for (const action of actions) {
    for (const key of action.resourceTypes) {
      const format = catalog.resourceType(action.service, key)?.arn
      if (!format || candidates.has(`${action.service}/${key}`)) continue
      candidates.set(`${action.service}/${key}`, {
        format: formatPattern(format, 'any'),
        literal: literalLength(format),
      })
    }
  }
  // Each resource by its most specific types among those the actions accept (none: not theirs to judge).
  const specificTypes = new Map<string, string[]>()
  for (const resource of resources) {
    const matching = [...candidates.entries()].filter(([, c]) => c.format.test(resource))
    const most = largest(matching.map(([, c]) => c.literal))
    specificTypes.set(
      resource,
      matching.filter(([, c]) => c.literal === most).map(([id]) => id),
    )
  }
  const kept = new Set(
    resources.filter((resource) => {
      const specific = specificTypes.get(resource) ?? []
      if (resource === '*' || specific.length === 0) return true
      // A service the usage shows no resource of: not for it to judge either.
      if (specific.some((id) => !services.has(id.slice(0, id.indexOf('/'))))) return true
      return specific.some((id) => touched.has(id) || alsoKept.has(id))
    }),
  )
  if (kept.size === 0) return [...resources]
  // No action loses every resource it acts on: it was used on one the data could not name (a
  // generated policy's "*"), and without it the suggestion would grant it nothing.
  for (const action of actions) {
    const types = new Set(action.resourceTypes.map((key) => `${action.service}/${key}`))
    const actsOn = (resource: string) =>
      resource === '*' || (specificTypes.get(resource) ?? []).some((id) => types.has(id))
    if (![...kept].some(actsOn)) for (const resource of resources) if (actsOn(resource)) kept.add(resource)
  }
  return resources.filter((resource) => kept.has(resource))
}

/** `service` and the resource part of an ARN, with every `${Placeholder}` as `${}`: comparable shapes. */
function resourceShape(arn: string): string {
  const parts = arn.split(':')
  return `${parts[2] ?? ''}:${replacePlaceholders(parts.slice(5).join(':'), () => '${}')}`
}

/** How much of a format is fixed text in its resource part: more is more specific. */
function literalLength(format: string): number {
  return replacePlaceholders(format.split(':').slice(5).join(':'), () => '').length
}
