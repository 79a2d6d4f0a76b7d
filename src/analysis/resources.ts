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
 * resource would go, all are kept: the actions were used on something the data could not name.
 */
export function keepTouchedResources(
  resources: readonly string[],
  actions: readonly CatalogAction[],
  touched: ReadonlySet<string>,
  catalog: Catalog,
): string[] {
  const services = new Set([...touched].map((t) => t.split('/')[0]))
  const candidates = new Map<string, { service: string; key: string; format: RegExp; literal: number }>()
  for (const action of actions) {
    for (const key of action.resourceTypes) {
      const format = catalog.resourceType(action.service, key)?.arn
      if (!format || candidates.has(`${action.service}/${key}`)) continue
      candidates.set(`${action.service}/${key}`, {
        service: action.service,
        key,
        format: formatPattern(format, 'any'),
        literal: literalLength(format),
      })
    }
  }
  const kept = resources.filter((resource) => {
    if (resource === '*') return true
    const matching = [...candidates.entries()].filter(([, c]) => c.format.test(resource))
    if (matching.length === 0) return true
    const most = largest(matching.map(([, c]) => c.literal))
    const specific = matching.filter(([, c]) => c.literal === most)
    if (specific.some(([, c]) => !services.has(c.service))) return true
    return specific.some(([id]) => touched.has(id))
  })
  return kept.length > 0 ? kept : [...resources]
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
