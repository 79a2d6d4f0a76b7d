// Usage from IAM's last-accessed data: the engine with the real AWS SDK IAM client against the
// last-accessed emulator on 127.0.0.1, and what the records it makes let the checks say.
import { IAMClient } from '@aws-sdk/client-iam'
import { afterEach, describe, expect, it } from 'vitest'
import { analyse } from '../../src/analysis/analyse.js'
import { collectLastAccessed } from '../../src/aws/last-accessed.js'
import { sdkLastAccessedApi } from '../../src/aws/last-accessed-api.js'
import { realSleep } from '../../src/aws/retry.js'
import { loadCatalog } from '../../src/catalog/catalog.js'
import { parsePolicy } from '../../src/policy/parse-policy.js'
import { type IamEmulatorOptions, IamLastAccessedEmulator } from '../world/iam-last-accessed.js'

const role = (name: string) => `arn:aws:iam::111122223333:role/${name}`
const DAY = 86_400_000
const catalog = loadCatalog()

let emulator: IamLastAccessedEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

async function collect(options: IamEmulatorOptions, principals: string[], waitTimeoutMs = 20_000) {
  emulator = await IamLastAccessedEmulator.start(options)
  const client = new IAMClient({
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: { accessKeyId: 'ASIATESTKEY', secretAccessKey: 'secret', sessionToken: 'token' },
    maxAttempts: 1,
  })
  const log: string[] = []
  const end = new Date()
  let seed = 3
  try {
    const usage = await collectLastAccessed(
      principals,
      { start: new Date(end.getTime() - 30 * DAY), end, waitTimeoutMs },
      {
        api: sdkLastAccessedApi(client),
        now: Date.now,
        sleep: realSleep,
        random: () => {
          seed = (seed * 16807) % 2147483647
          return seed / 2147483647
        },
        log: (m) => log.push(m),
      },
    )
    return { usage, log, emulator }
  } finally {
    client.destroy()
  }
}

/** A role that used S3 management actions (tracked), SQS (service level) and DynamoDB long ago. */
const APP = {
  latencyMs: 300,
  services: [
    {
      namespace: 's3',
      lastUsedAgoMs: 2 * DAY,
      trackedActions: { CreateBucket: 2 * DAY, DeleteBucket: undefined, PutBucketPolicy: 45 * DAY },
    },
    { namespace: 'sqs', lastUsedAgoMs: 3 * DAY },
    { namespace: 'dynamodb', lastUsedAgoMs: 100 * DAY },
    { namespace: 'kms' },
  ],
}

describe('collectLastAccessed', () => {
  it('reads each report to its last page and keeps what the window holds, at the level IAM knows it', async () => {
    const { usage, emulator } = await collect(
      { principals: { [role('app')]: APP, [role('paged')]: { ...APP, latencyMs: 50 } }, pageSize: 2 },
      [role('app'), role('paged')],
    )
    for (const name of ['app', 'paged']) {
      const record = usage.get(role(name))
      expect(record?.status).toBe('checked')
      expect(record?.usage).toMatchObject({
        source: 'last-accessed',
        level: 'service',
        actionLevelServices: ['s3'],
        serviceLevelServices: ['sqs'],
      })
      // Used in the window: CreateBucket (tracked), SQS at service level. PutBucketPolicy and DynamoDB
      // were last used before it; KMS never.
      expect(JSON.parse(record?.generatedPolicies[0] ?? '{}').Statement).toEqual([
        { Effect: 'Allow', Action: ['s3:CreateBucket', 'sqs:*'], Resource: '*' },
      ])
      expect(record?.trackedActions).toEqual(['s3:CreateBucket', 's3:DeleteBucket', 's3:PutBucketPolicy'])
    }
    // Two principals, each asked once at action level; the paged one read in two pages at least.
    expect(emulator.calls('GenerateServiceLastAccessedDetails').map((r) => r.params.Granularity)).toEqual([
      'ACTION_LEVEL',
      'ACTION_LEVEL',
    ])
    expect(emulator.calls('GetServiceLastAccessedDetails').some((r) => r.params.Marker === '2')).toBe(true)
  })

  it('retries throttling, reports a failed job and an unknown principal with advice, and times out a slow one', async () => {
    const { usage, log } = await collect(
      {
        throttleRate: 0.3,
        principals: {
          [role('app')]: { ...APP, latencyMs: 100 },
          [role('broken')]: { services: [], fail: 'ServiceFailure' },
          [role('slow')]: { services: [], latencyMs: 60_000 },
        },
      },
      [role('app'), role('broken'), role('gone'), role('slow')],
      3_000,
    )
    expect(usage.get(role('app'))?.status).toBe('checked')
    expect(usage.get(role('broken'))).toMatchObject({ status: 'failed', error: { code: 'ServiceFailure' } })
    expect(usage.get(role('gone'))?.error?.code).toBe('NoSuchEntityException')
    expect(usage.get(role('gone'))?.error?.message).toMatch(/IAM does not know this principal/)
    expect(usage.get(role('slow'))).toMatchObject({ status: 'timed-out', error: { code: 'TIMED_OUT' } })
    expect(log.some((m) => /Throttling.*retry/.test(m))).toBe(true)
  })
})

describe('checks on last-accessed usage', () => {
  it('calls unused only what the data can show: tracked actions, and services not used in the window', async () => {
    const { usage } = await collect({ principals: { [role('app')]: { ...APP, latencyMs: 20 } } }, [
      role('app'),
    ])
    const { policy } = parsePolicy(
      'iam/app.json',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Buckets',
            Effect: 'Allow',
            Action: ['s3:CreateBucket', 's3:DeleteBucket', 's3:GetObject', 's3:GetBucketTagging'],
            Resource: '*',
          },
          { Sid: 'Queue', Effect: 'Allow', Action: 'sqs:CreateQueue', Resource: '*' },
          { Sid: 'Table', Effect: 'Allow', Action: 'dynamodb:DescribeTable', Resource: '*' },
          { Sid: 'Ec2', Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' },
        ],
      }),
    )
    if (!policy) throw new Error('fixture policy does not parse')
    const { findings, notObservable } = analyse(
      [{ arn: role('app'), policies: [policy] }],
      [],
      catalog,
      usage,
    )
    const unused = findings.filter((f) => f.kind === 'unused-action').flatMap((f) => f.actions)
    // DeleteBucket is tracked and was not used; DynamoDB was last used before the window; EC2 not at all.
    expect(unused.sort()).toEqual(['dynamodb:DescribeTable', 'ec2:DescribeInstances', 's3:DeleteBucket'])
    const unseen = new Map(notObservable.flatMap((n) => n.actions.map((a) => [a, n.reason] as const)))
    // A data event, whatever the trail logs; an S3 action IAM does not track; SQS seen at service level.
    expect(unseen.get('s3:GetObject')).toMatch(/data event/i)
    expect(unseen.get('s3:GetBucketTagging')).toMatch(/does not track this action/)
    expect(unseen.get('sqs:CreateQueue')).toMatch(/service level only/)
    expect(findings.some((f) => f.kind === 'would-break')).toBe(false)
  })
})
