// What a statement's resources let an action act on, asked of every action of the catalog: the shortcuts
// that keep a `*` or NotAction statement on a named resource cheap must answer as appliesTo itself does.
import { describe, expect, it } from 'vitest'
import {
  actsOn,
  appliesTo,
  coversEveryResource,
  effectiveOn,
  resourceShape,
  typedResource,
} from '../../src/analysis/resource-types.js'
import { type CatalogAction, loadCatalog } from '../../src/catalog/catalog.js'
import type { Located, Statement } from '../../src/vocabulary/policy.js'
import { withReferenceShapes } from '../../src/vocabulary/reference-shapes.js'

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
  'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*',
  'arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:queue-*',
  '${Topic.Arn}',
  'arn:aws:cloudformation:us-east-1:aws:transform/Serverless-2016-10-31',
  'arn:aws:cloudformation:us-east-1:aws:transform/Include',
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

describe('a resource with placeholders', () => {
  const passRole = catalog.lookup('iam:PassRole') as CatalogAction
  const publish = catalog.lookup('sns:Publish') as CatalogAction

  it('is told by its type when they stand only for its partition, region or account', () => {
    // A template read without `account:`: its ARNs keep AWS::AccountId, which decides no resource type.
    expect(typedResource('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*')).toBe(
      'arn:aws:iam::111122223333:role/*',
    )
    expect(
      coversEveryResource('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*', passRole, catalog),
    ).toBe(true)
    expect(coversEveryResource('arn:aws:iam::${AWS::AccountId}:role/app-*', passRole, catalog)).toBe(false)
    expect(appliesTo('arn:aws:iam::${AWS::AccountId}:role/app', publish, catalog)).toBe(false)
    expect(appliesTo('arn:aws:sns:${AWS::Region}:${AWS::AccountId}:alerts', publish, catalog)).toBe(true)
    expect(appliesTo('arn:aws:sns:${AWS::Region}:${AWS::AccountId}:alerts', passRole, catalog)).toBe(false)
    // A Terraform placeholder, and IAM's own policy variable, in the account field.
    expect(typedResource('arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/x')).toBe(
      'arn:aws:iam::111122223333:role/x',
    )
    expect(typedResource('arn:aws:iam::${aws:PrincipalAccount}:role/x')).toBe(
      'arn:aws:iam::111122223333:role/x',
    )
  })

  // IAM's `*` spans `/` and `:`: AmazonSageMakerFullAccess leaves out `arn:aws:sagemaker:*:*:app/*`, every
  // app/${DomainId}/${UserProfileName}/${AppType}/${AppName}.
  it('covers every resource of a type with one `*` for several name parts, and not with less', () => {
    const createApp = catalog.lookup('sagemaker:CreateApp') as CatalogAction
    const every = (resource: string) => ({
      resource,
      every: coversEveryResource(resource, createApp, catalog),
    })
    for (const [resource, covers] of [
      ['arn:aws:sagemaker:*:*:app/*', true],
      ['arn:aws:sagemaker:us-east-1:111122223333:app/*', true],
      ['arn:aws:sagemaker:*:*:app/*/*/*/*', true],
      ['arn:${AWS::Partition}:sagemaker:*:${AWS::AccountId}:app*', true],
      ['arn:aws:sagemaker:*:*:app/d-1/*', false],
      ['arn:aws:sagemaker:*:*:app/*/x', false],
      ['arn:aws:sagemaker:*:*:app/?*', false],
      ['arn:aws:sagemaker:*:*:domain/*', false],
      ['arn:aws:s3:::*', false],
    ] as const)
      expect(every(resource)).toEqual({ resource, every: covers })
    // As an escalation on a pattern as wide as `*` for the action.
    const runTask = catalog.lookup('ecs:RunTask') as CatalogAction
    expect(coversEveryResource('arn:aws:ecs:*:111122223333:task-definition/*', runTask, catalog)).toBe(true)
  })

  // The answer is kept per pattern and list of types: asked again, or of another action first, the same.
  it('answers one pattern by each action’s own types, however often and in whatever order it is asked', () => {
    const createApp = catalog.lookup('sagemaker:CreateApp') as CatalogAction
    const deleteDomain = catalog.lookup('sagemaker:DeleteDomain') as CatalogAction
    const asked = (order: CatalogAction[], pattern: string) =>
      order.map((action) => [action.name, coversEveryResource(pattern, action, catalog)])
    expect(asked([createApp, deleteDomain], 'arn:aws:sagemaker:*:*:app/*')).toEqual([
      ['sagemaker:CreateApp', true],
      ['sagemaker:DeleteDomain', false],
    ])
    expect(asked([deleteDomain, createApp, deleteDomain], 'arn:aws:sagemaker:*:*:domain/*')).toEqual([
      ['sagemaker:DeleteDomain', true],
      ['sagemaker:CreateApp', false],
      ['sagemaker:DeleteDomain', true],
    ])
    // After more patterns than are kept for one list of types.
    for (let i = 0; i < 5000; i++)
      coversEveryResource(`arn:aws:sagemaker:*:*:app/d-${i}/*`, createApp, catalog)
    expect(asked([createApp, deleteDomain], 'arn:aws:sagemaker:*:*:app/*')).toEqual([
      ['sagemaker:CreateApp', true],
      ['sagemaker:DeleteDomain', false],
    ])
  })

  it('may be any resource for `every` when one stands anywhere else, and reads as `*` there for what it names', () => {
    const getObject = catalog.lookup('s3:GetObject') as CatalogAction
    // What sns:Publish, s3:GetObject and iam:PassRole may act on, each resource read with its `${…}` as `*`.
    for (const [resource, publishes, gets, passes] of [
      ['${Topic.Arn}', true, true, true],
      ['arn:aws:s3:::${Bucket}/*', false, true, false],
      ['arn:aws:s3:::reports/${Key}', false, true, false],
      ['arn:aws:iam::${AWS::AccountId}:role/${Name}', false, false, true],
      ['arn:aws:${Service}:us-east-1:111122223333:x', true, true, true],
      ['arn:aws:iam::${AWS::AccountId}-x:role/app', false, false, true],
      ['arn:${AWS::Partition}:iam::${AWS::AccountId}', false, false, true],
    ] as const) {
      expect({ resource, typed: typedResource(resource) }).toEqual({ resource, typed: undefined })
      expect({ resource, every: coversEveryResource(resource, passRole, catalog) }).toEqual({
        resource,
        every: false,
      })
      const on = (action: CatalogAction) => appliesTo(resource, action, catalog)
      expect({ resource, on: [on(publish), on(getObject), on(passRole)] }).toEqual({
        resource,
        on: [publishes, gets, passes],
      })
    }
  })
})

describe('actsOn', () => {
  it('answers as effectiveOn for every action of the catalog', () => {
    for (const resources of [
      ['arn:aws:s3:::bucket-1/*'],
      ['arn:aws:s3:::bucket-1', 'arn:aws:dynamodb:us-east-1:111122223333:table/orders'],
      ['arn:aws:*:*:*:*'],
      ['*'],
      ['arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:alerts'],
      ['${Topic.Arn}', 'arn:aws:s3:::bucket-1'],
      ['arn:aws:cloudformation:us-east-1:aws:transform/Serverless-2016-10-31'],
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
  // Not a speed target: a guard against a resource that held a run for minutes (300,000 characters).
  it('takes a resource longer than any ARN as one it cannot tell, without matching it', () => {
    const getObject = catalog.lookup('s3:GetObject') as CatalogAction
    for (const long of [
      `arn:aws:s3:::home/${'x:'.repeat(150_000)}`,
      `arn:aws:s3:::home/${'${aws:x'.repeat(50_000)}`,
    ])
      expect(appliesTo(long, getObject, catalog)).toBe(true)
    expect(appliesTo(`arn:aws:sns:us-east-1:111122223333:${'x'.repeat(300_000)}`, getObject, catalog)).toBe(
      false,
    )
  })

  it('ends for a resource built to make the formats backtrack, and still ignores case', () => {
    // 3,000 `:s3:::` and no `/`: cubic in its length against …:accesspoint/${Name}/object/${Key} as a
    // backtracking RegExp (minutes); V8's linear engine takes over past a bound. Longer than an ARN can
    // be, it is not matched at all (taken as applying); 300 of them are.
    const getObject = catalog.lookup('s3:GetObject') as CatalogAction
    expect(appliesTo(`arn:${':s3:::'.repeat(3000)}x`, getObject, catalog)).toBe(true)
    expect(appliesTo(`arn:${':s3:::'.repeat(300)}x`, getObject, catalog)).toBe(false)
    expect(appliesTo('arn:aws:s3:::Bucket/Key', getObject, catalog)).toBe(true)
    expect(appliesTo('arn:aws:s3:::bucket', getObject, catalog)).toBe(false)
    const passRole = catalog.lookup('iam:PassRole') as CatalogAction
    expect(coversEveryResource('ARN:AWS:IAM::*:ROLE/*', passRole, catalog)).toBe(true)
    expect(coversEveryResource(`arn:aws:iam::*:role/${':*'.repeat(3000)}x`, passRole, catalog)).toBe(false)
  })
})

describe('withReferenceShapes', () => {
  it('reads a Terraform reference of a shape the provider fixes as a stand-in, in any module or instance', () => {
    expect(withReferenceShapes('${aws_s3_bucket.b.arn}/*')).toBe('arn:aws:s3:::bucket-name/*')
    expect(withReferenceShapes('arn:aws:s3:::${module.m.aws_s3_bucket.b["k"].id}')).toBe(
      'arn:aws:s3:::bucket-name',
    )
    expect(withReferenceShapes('${module.a[0].module.b.data.aws_kms_alias.k[1].arn}')).toMatch(
      /^arn:aws:kms:[^:]+:\d+:alias\/[\w-]+$/,
    )
    // Other attributes and types, variables and module outputs: as written.
    for (const text of [
      '${aws_s3_bucket.b.region}',
      '${aws_instance.i.arn}',
      '${var.bucket_arn}',
      '${module.m.bucket_arn}',
      '${aws_s3_bucket.b.arn.x}',
    ])
      expect(withReferenceShapes(text)).toBe(text)
  })

  // A backtracking match of this would outlast the test's timeout; it takes milliseconds.
  it('reads a hostile reference of 50,000 module prefixes', () => {
    const long = `\${${'module.m.'.repeat(50_000)}aws_s3_bucket.b.arnx!}`
    expect(withReferenceShapes(long)).toBe(long)
    expect(withReferenceShapes(`\${${'module.m.'.repeat(50_000)}aws_s3_bucket.b.arn}`)).toBe(
      'arn:aws:s3:::bucket-name',
    )
  })
})
