// What a statement's resources let an action act on, asked of every action of the catalog: the shortcuts
// that keep a `*` or NotAction statement on a named resource cheap must answer as appliesTo itself does.
import { describe, expect, it } from 'vitest'
import {
  actsOn,
  appliesTo,
  coversEveryResource,
  effectiveOn,
  resourceShape,
} from '../../src/analysis/resource-types.js'
import { type CatalogAction, loadCatalog } from '../../src/catalog/catalog.js'
import type { Located, Statement } from '../../src/vocabulary/policy.js'

const catalog = loadCatalog()

/** One action of each list of resource types there is (and of the empty list): what appliesTo tells apart. */
function oneActionPerTypeList(): CatalogAction[] {
  const seen = new Set<readonly string[]>()
  return catalog.actions.filter((a) => !seen.has(a.resourceTypes) && seen.add(a.resourceTypes))
}

const at = (value: string): Located<string> => ({ value, line: 1, column: 1 })

function statement(resources: string[], notResource = false): Statement {
  return {
    index: 0,
    sid: null,
    line: 1,
    column: 1,
    effect: 'Allow',
    actions: [at('*')],
    notAction: false,
    resources: resources.map(at),
    notResource,
    condition: null,
  }
}

// Pairs of the same shape and the cases that must not share one: S3 buckets and objects, a pattern that
// names a resource and one that does not, other partitions, a wildcard service, exact ARNs.
const RESOURCES = [
  'arn:aws:s3:::bucket-1/*',
  'arn:aws:s3:::bucket-2/reports/*',
  'arn:aws-cn:s3:::other/*',
  'arn:aws:s3:::bucket-*',
  'arn:aws:s3:::*',
  'arn:aws:s3:::b?',
  'arn:aws:s3:::bucket-1',
  'arn:aws:s3:::bucket-1/key.txt',
  'arn:aws:dynamodb:us-east-1:111122223333:table/orders*',
  'arn:aws:dynamodb:*:*:table/*',
  'arn:aws:dynamodb:us-east-1:111122223333:table/orders',
  'arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*',
  'arn:aws:iam::111122223333:role/*',
  'arn:aws:iam::*:role/app-*',
  'arn:aws:iam::444455556666:role/app-*',
  'arn:aws:ec2:*:*:instance/*',
  'arn:aws:ec2:us-east-1:111122223333:volume/vol-1',
  'arn:aws:*:*:*:*',
  'arn:aws:s*:::x/*',
  'arn:aws:logs:*:*:log-group:/aws/lambda/*',
  'arn:aws:lambda:us-east-1:111122223333:function:fn*',
  'arn:aws:sqs:*:111122223333:queue-*',
  'not-an-arn*',
  '*',
  'arn:aws:s3:::${Bucket}/*',
]

describe('resourceShape', () => {
  it('is one key only for resources that appliesTo answers alike for every list of resource types', () => {
    const actions = oneActionPerTypeList()
    expect(actions.length).toBeGreaterThan(2000)
    const answers = (resource: string) =>
      actions.map((a) => (appliesTo(resource, a, catalog) ? 1 : 0)).join('')
    const byShape = new Map<string, { resource: string; answers: string }[]>()
    for (const resource of RESOURCES) {
      const shape = resourceShape(resource)
      byShape.set(shape, [...(byShape.get(shape) ?? []), { resource, answers: answers(resource) }])
    }
    // The pairs the shortcut exists for share a key...
    expect(resourceShape('arn:aws:s3:::bucket-1/*')).toBe(resourceShape('arn:aws:s3:::bucket-2/reports/*'))
    expect(resourceShape('arn:aws:iam::111122223333:role/*')).toBe(
      resourceShape('arn:aws:iam::444455556666:role/app-*'),
    )
    // ...a bucket pattern and an object pattern do not...
    expect(resourceShape('arn:aws:s3:::bucket-*')).not.toBe(resourceShape('arn:aws:s3:::bucket-1/*'))
    // ...and every group answers as one.
    for (const group of byShape.values())
      for (const { resource, answers: theirs } of group)
        expect({ resource, same: theirs === group[0]?.answers }).toEqual({ resource, same: true })
  })
})

describe('actsOn', () => {
  it('answers as effectiveOn for every action of the catalog', () => {
    for (const resources of [
      ['arn:aws:s3:::bucket-1/*'],
      ['arn:aws:s3:::bucket-1', 'arn:aws:dynamodb:us-east-1:111122223333:table/orders'],
      ['arn:aws:*:*:*:*'],
      ['*'],
    ]) {
      for (const notResource of [false, true]) {
        const s = statement(resources, notResource)
        const acts = actsOn(s, catalog)
        const wrong = catalog.actions.filter((a) => acts(a) !== effectiveOn(s, a, catalog)).map((a) => a.name)
        expect({ resources, notResource, wrong }).toEqual({ resources, notResource, wrong: [] })
      }
    }
  })
})

describe('matching a resource against the catalog ARN formats', () => {
  it('ends for a resource built to make the formats backtrack, and still ignores case', () => {
    // 3,000 `:s3:::` and no `/`: cubic in its length against …:accesspoint/${Name}/object/${Key} as a
    // backtracking RegExp (minutes); V8's linear engine takes over past a bound.
    const hostile = `arn:${':s3:::'.repeat(3000)}x`
    const getObject = catalog.lookup('s3:GetObject') as CatalogAction
    expect(appliesTo(hostile, getObject, catalog)).toBe(false)
    expect(appliesTo('arn:aws:s3:::Bucket/Key', getObject, catalog)).toBe(true)
    expect(appliesTo('arn:aws:s3:::bucket', getObject, catalog)).toBe(false)
    const passRole = catalog.lookup('iam:PassRole') as CatalogAction
    expect(coversEveryResource('ARN:AWS:IAM::*:ROLE/*', passRole, catalog)).toBe(true)
    expect(coversEveryResource(`arn:aws:iam::*:role/${':*'.repeat(3000)}x`, passRole, catalog)).toBe(false)
  })
})
