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
  /**
   * The action's one resource type is optional: a request may name no resource (cloudwatch:PutMetricData
   * without a dataset, rds:DescribeDBInstances of every instance), and only `Resource: "*"` allows it
   * then. Several optional types are alternatives (s3:GetObject's object or access point object), one
   * of which a request names: false for those.
   */
  readonly resourceOptional: boolean
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
  /** The actions' names (`;`-separated), decoded on the service's first use with the two below. */
  readonly names: string
  /** One access-level letter per action. */
  readonly levels: string
  /**
   * Each action's resource types as `.`-separated indexes into `resourceTypes`, `;`-separated, `?` before
   * one optional type; '' if none has any.
   */
  readonly types: string
  readonly resourceTypes: readonly [string, string][]
  /** The service's own condition keys without its prefix (`MetadataHttpTokens`), `;`-separated. */
  readonly conditionKeys: string
}

/** A service's actions and lookups, built the first time a run touches the service. */
interface DecodedService {
  readonly resourceTypes: ReadonlyMap<string, CatalogResourceType>
  /** Lower-cased action name (without the prefix) to id. */
  readonly ids: ReadonlyMap<string, number>
  /** The same names in id order (from the service's first id), for patterns to test. */
  readonly names: readonly string[]
}

interface PackedCatalog {
  version: string
  date: string
  services: { k: string; n: string; l: string; t: string; r: [string, string][]; c: string }[]
}

/**
 * The IAM action catalog: every action of every service, its access level and the resource types it
 * accepts. Matching follows IAM: case-insensitive, `*` for any run of characters and `?` for one.
 *
 * A service's actions are decoded the first time something asks for one of them: a run touches a few
 * dozen of the catalog's 400 services, and decoding all 22,000 actions up front was most of a small
 * run's start-up. Ids are fixed from the start (each service's count is the length of its access levels).
 */
export class Catalog {
  readonly version: string
  /** When the source data was last refreshed from AWS (ISO 8601). */
  readonly date: string
  /** How many actions the catalog holds; ids run from 0 to `size - 1`. */
  readonly size: number
  private readonly services = new Map<string, ServiceEntry>()
  /** The service of each action id, as an index into {@link order}. */
  private readonly serviceOf: Uint16Array
  private readonly order: ServiceEntry[] = []
  private readonly decoded = new Map<string, DecodedService>()
  private readonly byId: (CatalogAction | undefined)[]
  /** Each decoded action's name, by id: lists of names are sliced from it, not built action by action. */
  private readonly nameById: string[]
  // Real repositories repeat the same few hundred patterns across thousands of statements.
  private readonly expansions = new Map<string, readonly number[]>()

  private constructor(packed: PackedCatalog) {
    this.version = packed.version
    this.date = packed.date
    let size = 0
    for (const service of packed.services) {
      const start = size
      size += service.l.length
      const entry = {
        key: service.k,
        start,
        end: size,
        names: service.n,
        levels: service.l,
        types: service.t,
        resourceTypes: service.r,
        conditionKeys: service.c,
      }
      this.services.set(service.k, entry)
      this.order.push(entry)
    }
    this.size = size
    this.byId = new Array(size)
    this.nameById = new Array(size)
    this.serviceOf = new Uint16Array(size)
    for (const [index, service] of this.order.entries())
      this.serviceOf.fill(index, service.start, service.end)
  }

  /** Decodes the compact form written by `scripts/build-catalog.mjs`. */
  static fromJson(json: string): Catalog {
    return new Catalog(JSON.parse(json) as PackedCatalog)
  }

  /** The action with id `id` (an id from {@link expand} or {@link lookup}). */
  action(id: number): CatalogAction {
    const found = this.byId[id]
    if (found) return found
    const service = this.order[this.serviceOf[id] ?? -1]
    if (!service || id >= this.size) throw new RangeError(`catalog: no action with id ${id}`)
    this.decode(service)
    return this.byId[id] as CatalogAction
  }

  /** The name of the action with id `id`. */
  nameOf(id: number): string {
    return this.nameById[id] ?? this.action(id).name
  }

  /**
   * The names of the actions with ids `ids` (ascending), in that order. A run of consecutive ids, as a
   * service or the whole catalog is, is one native slice: lists of 22,000 names are common.
   */
  namesOf(ids: Int32Array): string[] {
    const n = ids.length
    if (n === 0) return []
    const first = ids[0] as number
    const last = ids[n - 1] as number
    if (last - first === n - 1) {
      const from = this.serviceOf[first] as number
      const to = this.serviceOf[last] as number
      for (let s = from; s <= to; s++) this.decode(this.order[s] as ServiceEntry)
      return this.nameById.slice(first, last + 1)
    }
    const names = new Array<string>(n)
    for (let i = 0; i < n; i++) names[i] = this.nameOf(ids[i] as number)
    return names
  }

  /** The access level of the action with id `id`, read without decoding its service. */
  accessLevelOf(id: number): AccessLevel {
    const service = this.order[this.serviceOf[id] ?? -1]
    if (!service || id >= this.size) throw new RangeError(`catalog: no action with id ${id}`)
    return LEVELS[service.levels.charAt(id - service.start)] as AccessLevel
  }

  /** Every action, in id order (decodes the whole catalog: for tests and whole-catalog listings). */
  get actions(): readonly CatalogAction[] {
    for (const service of this.order) this.decode(service)
    return this.byId as CatalogAction[]
  }

  /** The action spelled `name` in any case, or undefined when the catalog does not know it. */
  lookup(name: string): CatalogAction | undefined {
    if (hasWildcard(name)) return undefined
    const [id] = this.expand(name)
    return id === undefined ? undefined : this.action(id)
  }

  /** Whether `prefix` (e.g. `s3`) is a service the catalog knows, in any case. */
  hasService(prefix: string): boolean {
    return this.services.has(prefix.toLowerCase())
  }

  /**
   * The condition key `name` is, spelled as AWS spells it (`ec2:MetadataHttpTokens`), when it is one of
   * a service's own keys in any case; undefined otherwise. Asked only of names that are no action.
   */
  conditionKey(name: string): string | undefined {
    const colon = name.indexOf(':')
    const entry = colon < 0 ? undefined : this.services.get(name.slice(0, colon).toLowerCase())
    if (!entry || entry.conditionKeys === '') return undefined
    const wanted = name.slice(colon + 1).toLowerCase()
    const key = entry.conditionKeys.split(';').find((k) => k.toLowerCase() === wanted)
    return key === undefined ? undefined : `${entry.key}:${key}`
  }

  /** Every service prefix the catalog knows, in order. */
  serviceKeys(): IterableIterator<string> {
    return this.services.keys()
  }

  resourceType(service: string, key: string): CatalogResourceType | undefined {
    const entry = this.services.get(service.toLowerCase())
    return entry && this.decode(entry).resourceTypes.get(key)
  }

  /** Every resource type of a service (none for a service the catalog does not know). */
  resourceTypesOf(service: string): readonly CatalogResourceType[] {
    const entry = this.services.get(service.toLowerCase())
    return entry ? [...this.decode(entry).resourceTypes.values()] : []
  }

  /**
   * Every action an IAM action pattern (`*`, `s3:*`, `s3:Get*`, `ec2:Describe?pcs`, `s3:GetObject`)
   * matches, as ids in catalog order. A pattern that matches nothing gives an empty list. Results are
   * cached, so callers may expand the same pattern freely.
   */
  expand(pattern: string): readonly number[] {
    // As written first: the same spelling comes back thousands of times, and lower-casing it each time
    // made a new string to hash.
    const cached = this.expansions.get(pattern)
    if (cached) return cached
    const key = pattern.toLowerCase()
    let ids = this.expansions.get(key)
    if (!ids) {
      ids = this.match(key)
      this.expansions.set(key, ids)
    }
    this.expansions.set(pattern, ids)
    return ids
  }

  private match(pattern: string): number[] {
    const colon = pattern.indexOf(':')
    if (!hasWildcard(pattern)) {
      const service = colon < 0 ? undefined : this.services.get(pattern.slice(0, colon))
      const id = service && this.decode(service).ids.get(pattern.slice(colon + 1))
      return id === undefined ? [] : [id]
    }
    const servicePattern = colon < 0 ? pattern : pattern.slice(0, colon)
    // A pattern without a colon can only be `*`-like; IAM requires `service:action` otherwise.
    const actionPattern = colon < 0 ? '*' : pattern.slice(colon + 1)
    // The pattern is lower-cased (expand), as are the services' keys and names: matched as they are.
    const serviceTest = hasWildcard(servicePattern) ? wildcardMatcher(servicePattern, false) : undefined
    const services = serviceTest
      ? this.order.filter((s) => serviceTest.test(s.key))
      : [this.services.get(servicePattern)].filter((s) => s !== undefined)
    const ids: number[] = []
    let actionTest: WildcardMatcher | undefined
    for (const service of services) {
      if (actionPattern === '*') {
        for (let id = service.start; id < service.end; id++) ids.push(id)
        continue
      }
      const { names } = this.decode(service)
      // Most patterns are a prefix and one `*` (`Describe*`): compared as text, without a RegExp.
      const star = actionPattern.indexOf('*')
      if (star === actionPattern.length - 1 && !actionPattern.includes('?')) {
        const prefix = actionPattern.slice(0, star)
        for (let i = 0; i < names.length; i++)
          if ((names[i] as string).startsWith(prefix)) ids.push(service.start + i)
        continue
      }
      actionTest ??= wildcardMatcher(actionPattern, false)
      for (let i = 0; i < names.length; i++)
        if (actionTest.test(names[i] as string)) ids.push(service.start + i)
    }
    return ids
  }

  private decode(service: ServiceEntry): DecodedService {
    const done = this.decoded.get(service.key)
    if (done) return done
    const resourceTypes = service.resourceTypes.map(([key, arn]) => ({ key, arn }))
    const ids = new Map<string, number>()
    const count = service.end - service.start
    // Split natively, not walked entry by entry: a run over AWS's managed policies decodes nearly all
    // 22,000 actions. Actions with the same resource types share one list.
    const spelled = count === 0 ? [] : service.names.split(';')
    const names = count === 0 ? [] : service.names.toLowerCase().split(';')
    const typeIndexes = service.types === '' ? undefined : service.types.split(';')
    if (spelled.length !== count || (typeIndexes && typeIndexes.length !== count))
      throw new Error(`catalog: ${service.key} has ${count} access levels but not as many names or types`)
    const typeLists = new Map<string, readonly string[]>()
    const prefix = `${service.key}:`
    for (let i = 0; i < count; i++) {
      const id = service.start + i
      const accessLevel = LEVELS[service.levels.charAt(i)]
      if (!accessLevel) throw new Error(`catalog: ${prefix}${spelled[i]} has no known access level code`)
      const written = typeIndexes?.[i] ?? ''
      const resourceOptional = written.charCodeAt(0) === QUESTION
      const indexes = resourceOptional ? written.slice(1) : written
      let types = NO_TYPES
      if (indexes !== '') {
        let list = typeLists.get(indexes)
        if (!list) {
          list = indexes.split('.').map((at) => resourceTypes[Number(at)]?.key ?? '')
          typeLists.set(indexes, list)
        }
        types = list
      }
      const name = prefix + spelled[i]
      this.nameById[id] = name
      this.byId[id] = {
        id,
        name,
        service: service.key,
        accessLevel,
        resourceTypes: types,
        resourceOptional,
      }
      ids.set(names[i] as string, id)
    }
    const decoded = { resourceTypes: new Map(resourceTypes.map((rt) => [rt.key, rt])), ids, names }
    this.decoded.set(service.key, decoded)
    return decoded
  }
}

const NO_TYPES: readonly string[] = []

/** Whether an IAM pattern contains a wildcard (`*` or `?`). */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?')
}

/** Whether a text matches a pattern; see wildcardMatcher. */
export interface WildcardMatcher {
  test(text: string): boolean
}

/**
 * An IAM wildcard pattern (`*` any run of characters, `?` one), matched whole, case-insensitively unless
 * `ignoreCase` is false. Matched in time bounded by the pattern's length times the text's, never by a
 * RegExp: `^.*a.*a…b$` backtracks through every way of placing the a's, and fourteen `*a` against a role
 * name of 64 a's in exclude-principals: held a run for hours.
 */
export function wildcardMatcher(pattern: string, ignoreCase = true): WildcardMatcher {
  // A run of stars is one star; and a text shorter than the pattern's other characters (each `?` or
  // letter takes one) cannot match. Without these, an action of a million stars took 100 s to try
  // against the catalog's 22,000 names: each try walked the stars.
  const p = collapseStars(ignoreCase ? pattern.toLowerCase() : pattern)
  let fixed = 0
  for (let i = 0; i < p.length; i++) if (p.charCodeAt(i) !== STAR) fixed++
  return {
    test: (text) => text.length >= fixed && globMatches(p, ignoreCase ? text.toLowerCase() : text),
  }
}

/** `pattern` with each run of `*` as one. */
function collapseStars(pattern: string): string {
  return pattern.includes('**') ? pattern.replace(STARS, '*') : pattern
}
const STARS = /\*+/g

/** Whether `s` matches the glob `p` whole: a star remembers where it was, and only the last is retried. */
function globMatches(p: string, s: string): boolean {
  let i = 0
  let j = 0
  let star = -1
  let resume = 0
  while (j < s.length) {
    const c = i < p.length ? p.charCodeAt(i) : -1
    if (c === QUESTION || (c === s.charCodeAt(j) && c !== STAR)) {
      i++
      j++
    } else if (c === STAR) {
      star = i++
      resume = j
    } else if (star >= 0) {
      i = star + 1
      j = ++resume
    } else return false
  }
  while (i < p.length && p.charCodeAt(i) === STAR) i++
  return i === p.length
}
const STAR = 42
const QUESTION = 63

let shared: Catalog | undefined

/** The catalog bundled with this build, decoded on first use. */
export function loadCatalog(): Catalog {
  shared ??= Catalog.fromJson(CATALOG_JSON)
  return shared
}
