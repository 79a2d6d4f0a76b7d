import { describe, expect, it } from 'vitest'
import { keepTouchedResources, touchedResourceTypes } from '../../src/analysis/resources.js'
import { type CatalogAction, loadCatalog } from '../../src/catalog/catalog.js'

const catalog = loadCatalog()
const actions = (...names: string[]) => names.map((n) => catalog.lookup(n) as CatalogAction)
const generated = (statements: object[]) => [JSON.stringify({ Version: '2012-10-17', Statement: statements })]

describe('touchedResourceTypes', () => {
  it('reads the resource types from the placeholders of the generated policy', () => {
    const touched = touchedResourceTypes(
      generated([
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::${BucketName}/${ObjectName}' },
        {
          Effect: 'Allow',
          Action: ['dynamodb:Query'],
          Resource: ['arn:aws:dynamodb:${Region}:${Account}:table/${TableName}'],
        },
        { Effect: 'Allow', Action: ['sts:GetCallerIdentity'], Resource: '*' },
      ]),
      catalog,
    )
    expect([...touched].sort()).toEqual(['dynamodb/table', 's3/object'])
  })
})

describe('keepTouchedResources', () => {
  const TABLE = 'arn:aws:dynamodb:us-east-1:111122223333:table/orders'
  const INDEX = 'arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*'

  it('drops a resource of a type never touched, by its most specific type', () => {
    expect(
      keepTouchedResources(
        [TABLE, INDEX],
        actions('dynamodb:Query', 'dynamodb:GetItem'),
        new Set(['dynamodb/table']),
        catalog,
      ),
    ).toEqual([TABLE])
    expect(
      keepTouchedResources(
        [TABLE, INDEX],
        actions('dynamodb:Query'),
        new Set(['dynamodb/table', 'dynamodb/index']),
        catalog,
      ),
    ).toEqual([TABLE, INDEX])
  })

  it('keeps what it cannot judge: no placeholder data for the service, unknown shapes, or nothing left', () => {
    expect(
      keepTouchedResources([TABLE, INDEX], actions('dynamodb:Query'), new Set(['s3/object']), catalog),
    ).toEqual([TABLE, INDEX])
    expect(
      keepTouchedResources(
        ['arn:aws:sqs:us-east-1:111122223333:q'],
        actions('dynamodb:Query'),
        new Set(['dynamodb/table']),
        catalog,
      ),
    ).toEqual(['arn:aws:sqs:us-east-1:111122223333:q'])
    expect(
      keepTouchedResources([INDEX], actions('dynamodb:Query'), new Set(['dynamodb/table']), catalog),
    ).toEqual([INDEX])
  })

  it('tells an S3 bucket from its objects', () => {
    const bucket = 'arn:aws:s3:::app-artifacts'
    const objects = 'arn:aws:s3:::app-artifacts/*'
    const s3 = actions('s3:GetObject', 's3:ListBucket')
    expect(
      keepTouchedResources([bucket, objects], actions('s3:GetObject'), new Set(['s3/object']), catalog),
    ).toEqual(
      [bucket, objects], // the bucket is no resource of s3:GetObject: not for it to judge
    )
    expect(keepTouchedResources([bucket, objects], s3, new Set(['s3/bucket', 's3/object']), catalog)).toEqual(
      [bucket, objects],
    )
    // An access point's objects, of a type never touched, go; the bucket's objects stay.
    const accessPoint = 'arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/*'
    expect(
      keepTouchedResources([objects, accessPoint], s3, new Set(['s3/bucket', 's3/object']), catalog),
    ).toEqual([objects])
  })

  it('keeps for each action a resource it acts on: one used where the data names no resource keeps its own', () => {
    // s3:ListBucket used, seen on "*" (no placeholder): the objects alone would grant it nothing.
    const bucket = 'arn:aws:s3:::app-artifacts'
    const objects = 'arn:aws:s3:::app-artifacts/*'
    const s3 = actions('s3:GetObject', 's3:ListBucket')
    expect(keepTouchedResources([bucket, objects], s3, new Set(['s3/object']), catalog)).toEqual([
      bucket,
      objects,
    ])
    expect(keepTouchedResources([bucket, objects], s3, new Set(['s3/bucket']), catalog)).toEqual([
      bucket,
      objects,
    ])
    // What only types the usage cannot show keep says nothing of what it shows of S3.
    expect(
      keepTouchedResources(
        [bucket, objects],
        actions('s3:ListBucket'),
        new Set(),
        catalog,
        new Set(['s3/object']),
      ),
    ).toEqual([bucket, objects])
  })
})
