import { CATALOG_JSON } from './catalog-data.generated.js'

/** IAM's access levels, composite levels of the source data normalised to their specific part. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging'

const LEVELS: Record<string, AccessLevel> = {
  L: 'List',
  R: 'Read',
  W: 'Write',
  P: 'Permissions management',
  T: 'Tagging',
}

/** One IAM action as the service authorization reference describes it. */
export interface CatalogAction {
  /** Position in {@link Catalog.actions}; expansions are lists of these. */
  readonly id: number
  /** `service:Action`, spelled as AWS spells it. */
  readonly name: string
  readonly service: string
  readonly accessLevel: AccessLevel
  /**
   * Resource types the action can be scoped to (keys of {@link Catalog.resourceType}). Empty when the
   * action only accepts `Resource: "*"`, so a wildcard resource on it is not a finding.
   */
  readonly resourceTypes: readonly string[]
}

export interface CatalogResourceType {
  readonly key: string
  /** ARN format with `${Placeholders}`, e.g. `arn:${Partition}:s3:::${BucketName}`. */
  readonly arn: string
}

interface ServiceEntry {
  readonly key: string
  /** Actions of a service are contiguous in the catalog: ids `start` to `end - 1`. */
  readonly start: number
  readonly end: number
  readonly resourceTypes: ReadonlyMap<string, CatalogResourceType>
}

interface PackedCatalog {
  version: string
  date: string
  services: { k: string; a: string; r: [string, string][] }[]
}

/**
 * The IAM action catalog: every action of every service, its access level and the resource types it
 * accepts. Matching follows IAM: case-insensitive, `*` for any run of characters and `?` for one.
 */
export class Catalog {
  readonly version: string
  /** When the source data was last refreshed from AWS (ISO 8601). */
  readonly date: string
  readonly actions: readonly CatalogAction[]
  private readonly services = new Map<string, ServiceEntry>()
  private readonly idsByLowerName = new Map<string, number>()
  // Real repositories repeat the same few hundred patterns across thousands of statements.
  private readonly expansions = new Map<string, readonly number[]>()

  private constructor(packed: PackedCatalog) {
    this.version = packed.version
    this.date = packed.date
    const actions: CatalogAction[] = []
    for (const service of packed.services) {
      const resourceTypes = service.r.map(([key, arn]) => ({ key, arn }))
      const start = actions.length
      for (const entry of service.a.split(';')) {
        const [action = '', level = '', indexes] = entry.split(',')
        const name = `${service.k}:${action}`
        const accessLevel = LEVELS[level]
        if (!accessLevel) throw new Error(`catalog: ${name} has unknown access level code ${level}`)
        const types = indexes ? indexes.split('.').map((i) => resourceTypes[Number(i)]?.key ?? '') : []
        const id = actions.length
        actions.push({ id, name, service: service.k, accessLevel, resourceTypes: types })
        this.idsByLowerName.set(name.toLowerCase(), id)
      }
      this.services.set(service.k, {
        key: service.k,
        start,
        end: actions.length,
        resourceTypes: new Map(resourceTypes.map((rt) => [rt.key, rt])),
      })
    }
    this.actions = actions
  }

  /** Decodes the compact form written by `scripts/build-catalog.mjs`. */
  static fromJson(json: string): Catalog {
    return new Catalog(JSON.parse(json) as PackedCatalog)
  }

  /** The action spelled `name` in any case, or undefined when the catalog does not know it. */
  lookup(name: string): CatalogAction | undefined {
    // Names the catalog gave out (a grant's, a finding's) come back as spelled: found without lowercasing.
    this.idsByName ??= new Map(this.actions.map((a) => [a.name, a.id]))
    const id = this.idsByName.get(name) ?? this.idsByLowerName.get(name.toLowerCase())
    return id === undefined ? undefined : this.actions[id]
  }

  private idsByName: Map<string, number> | undefined

  /** Whether `prefix` (e.g. `s3`) is a service the catalog knows, in any case. */
  hasService(prefix: string): boolean {
    return this.services.has(prefix.toLowerCase())
  }

  /** Every service prefix the catalog knows, in order. */
  serviceKeys(): IterableIterator<string> {
    return this.services.keys()
  }

  resourceType(service: string, key: string): CatalogResourceType | undefined {
    return this.services.get(service.toLowerCase())?.resourceTypes.get(key)
  }

  /**
   * Every action an IAM action pattern (`*`, `s3:*`, `s3:Get*`, `ec2:Describe?pcs`, `s3:GetObject`)
   * matches, as ids in catalog order. A pattern that matches nothing gives an empty list. Results are
   * cached, so callers may expand the same pattern freely.
   */
  expand(pattern: string): readonly number[] {
    const key = pattern.toLowerCase()
    const cached = this.expansions.get(key)
    if (cached) return cached
    const ids = this.match(key)
    this.expansions.set(key, ids)
    return ids
  }

  private match(pattern: string): number[] {
    if (!hasWildcard(pattern)) {
      const id = this.idsByLowerName.get(pattern)
      return id === undefined ? [] : [id]
    }
    const colon = pattern.indexOf(':')
    const servicePattern = colon < 0 ? pattern : pattern.slice(0, colon)
    // A pattern without a colon can only be `*`-like; IAM requires `service:action` otherwise.
    const actionPattern = colon < 0 ? '*' : pattern.slice(colon + 1)
    const services = hasWildcard(servicePattern)
      ? [...this.services.values()].filter((s) => wildcardRegExp(servicePattern).test(s.key))
      : [this.services.get(servicePattern)].filter((s) => s !== undefined)
    const actionTest = actionPattern === '*' ? null : wildcardRegExp(actionPattern)
    const ids: number[] = []
    for (const service of services) {
      for (let id = service.start; id < service.end; id++) {
        const action = this.actions[id] as CatalogAction
        if (!actionTest || actionTest.test(action.name.slice(service.key.length + 1))) ids.push(id)
      }
    }
    return ids
  }
}

/** Whether an IAM pattern contains a wildcard (`*` or `?`). */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?')
}

/** An anchored, case-insensitive RegExp for an IAM wildcard pattern. */
export function wildcardRegExp(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${body}$`, 'i')
}

let shared: Catalog | undefined

/** The catalog bundled with this build, decoded on first use. */
export function loadCatalog(): Catalog {
  shared ??= Catalog.fromJson(CATALOG_JSON)
  return shared
}
