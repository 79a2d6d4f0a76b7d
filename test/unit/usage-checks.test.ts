import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/analysis/analyse.js'
import { loadCatalog } from '../../src/catalog/catalog.js'
import type { Finding } from '../../src/vocabulary/findings.js'
import type { PolicyDocument } from '../../src/vocabulary/policy.js'
import { policyOf } from '../world/policies.js'
import { checkedUsage, type ObservedUsage } from '../world/usage.js'

const catalog = loadCatalog()
const ROLE = 'arn:aws:iam::111122223333:role/app'

const policy = policyOf

/** A generated policy as Access Analyzer returns it: the actions used, on placeholders. */
function generated(...actions: string[]): ObservedUsage {
  return {
    policies: [
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
      }),
    ],
    isComplete: true,
  }
}

function check(policies: PolicyDocument[], usage: ObservedUsage) {
  return analyse([{ arn: ROLE, policies }], [], catalog, checkedUsage(ROLE, usage))
}

const usageOnly = (findings: readonly Finding[]) =>
  findings
    .filter(
      (f) =>
        ['unused-action', 'would-break', 'incomplete-usage'].includes(f.kind) ||
        f.message.includes('CloudTrail window'),
    )
    .map(
      (f) =>
        `${f.kind}@${f.line}: ${f.actions.length > 5 ? `${f.actions.length} actions` : f.actions.join(' ')}`,
    )

describe('usage checks', () => {
  // What a NotResource statement leaves no resource to act on is not granted, so not unused either.
  it('does not call unused what a NotResource statement grants on nothing', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: ['iam:GetRole', 'iam:GetUser', 'iam:ListUsers'],
      NotResource: 'arn:aws:iam::*:role/*',
    })
    const { findings } = check([p], generated('iam:ListUsers'))
    expect(usageOnly(findings)).toEqual(['unused-action@8: iam:GetUser'])
  })

  it('reports granted actions that were not used, per entry and line', () => {
    const p = policy('p.json', {
      Sid: 'Table',
      Effect: 'Allow',
      Action: ['ec2:StartInstances', 'ec2:StopInstances', 'ec2:RunInstances'],
      Resource: 'arn:aws:ec2:us-east-1:111122223333:instance/*',
    })
    const { findings } = check([p], generated('ec2:StartInstances'))
    expect(usageOnly(findings)).toEqual([
      'unused-action@9: ec2:StopInstances',
      'unused-action@10: ec2:RunInstances',
    ])
    expect(findings.find((f) => f.line === 10)?.message).toBe(
      'ec2:RunInstances was not used in the CloudTrail window. Remove it if the principal no longer needs it.',
    )
  })

  it('says how much of a service wildcard was used, and suggests the used actions', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: 'sqs:*',
      Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
    })
    const { findings } = check([p], generated('sqs:GetQueueUrl', 'sqs:GetQueueAttributes'))
    const unused = findings.find((f) => f.kind === 'unused-action')
    expect(unused?.message).toMatch(
      /^"sqs:\*" grants \d+ actions; in the CloudTrail window 2 used \(sqs:GetQueueAttributes, sqs:GetQueueUrl\), \d+ not used/,
    )
    expect(unused?.suggestion).toBe('sqs:GetQueueAttributes, sqs:GetQueueUrl')
    // The parts add up to what the wildcard grants.
    const [granted, used, notUsed, hidden] = (
      /grants (\d+) actions; in the CloudTrail window (\d+) used .*?, (\d+) not used .*?, (\d+) not observable/.exec(
        unused?.message ?? '',
      ) ?? []
    )
      .slice(1)
      .map(Number)
    // On a queue, sqs:ListQueues (which acts on no queue) is not granted: counted are the rest.
    expect(granted).toBe(catalog.expand('sqs:*').length - 1)
    expect((used ?? 0) + (notUsed ?? 0) + (hidden ?? 0)).toBe(granted)
    expect(hidden).toBeGreaterThan(0)
    // Data events (SendMessage, ReceiveMessage, …) are never called unused.
    expect(unused?.actions).not.toContain('sqs:SendMessage')
  })

  it('flags a partial wildcard that grants unused actions as wildcard-action', () => {
    const p = policy('p.json', { Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' })
    const { findings } = check([p], generated('ec2:DescribeInstances'))
    const wildcard = findings.filter((f) => f.kind === 'wildcard-action')
    expect(wildcard).toHaveLength(1)
    expect(wildcard[0]).toMatchObject({ severity: 'high', suggestion: 'ec2:DescribeInstances' })
    expect(findings.some((f) => f.kind === 'unused-action')).toBe(false)
  })

  it('reports actions used but not granted as would-break', () => {
    const p = policy('p.json', { Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' })
    const { findings } = check(
      [p],
      generated('ec2:DescribeInstances', 'ec2:DescribeVolumes', 'cloudwatch:GetMetricData'),
    )
    const breaking = findings.find((f) => f.kind === 'would-break')
    expect(breaking).toMatchObject({ severity: 'high', file: 'p.json', line: 4 })
    expect(breaking?.actions).toEqual(['cloudwatch:GetMetricData', 'ec2:DescribeVolumes'])
  })

  it('does not count as granted what an unconditional Deny removes', () => {
    const allow = policy('a.json', { Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' })
    const deny = policy('d.json', { Effect: 'Deny', Action: 'ec2:DescribeVolumes', Resource: '*' })
    const { findings } = check([allow, deny], generated('ec2:DescribeVolumes'))
    expect(findings.find((f) => f.kind === 'would-break')?.actions).toEqual(['ec2:DescribeVolumes'])
  })

  it('says why an action the policies name is not granted: a Deny, the boundary, resources it cannot act on', () => {
    const allow = policy(
      'a.json',
      { Effect: 'Allow', Action: ['ec2:Describe*', 'iam:PassRole'], Resource: '*' },
      {
        Effect: 'Allow',
        Action: 'kinesis:ListStreams',
        Resource: 'arn:aws:kinesis:us-east-1:111122223333:stream/app',
      },
    )
    const deny = policy('d.json', { Effect: 'Deny', Action: 'ec2:DescribeVolumes', Resource: '*' })
    const boundary = policy('b.json', { Effect: 'Allow', Action: ['ec2:*', 'kinesis:*'], Resource: '*' })
    const wouldBreak = (used: string[]) =>
      analyse(
        [{ arn: ROLE, policies: [allow, deny], boundary }],
        [],
        catalog,
        checkedUsage(ROLE, generated(...used)),
      ).findings.find((f) => f.kind === 'would-break')?.message
    expect(wouldBreak(['ec2:DescribeVolumes'])).toContain(
      'drifted from the repository. It is denied at d.json:4. Grant it',
    )
    expect(wouldBreak(['kinesis:ListStreams'])).toContain(
      'It is named at a.json:12, on resources it cannot act on. Grant it',
    )
    expect(
      wouldBreak(['ec2:DescribeVolumes', 'iam:PassRole', 'kinesis:ListStreams', 'sqs:SendMessage']),
    ).toContain(
      'Named in the policies but not granted: ec2:DescribeVolumes (denied at d.json:4), iam:PassRole (outside the permissions boundary), kinesis:ListStreams (named at a.json:12, on resources it cannot act on). Grant them',
    )
    // Named nowhere: nothing more to say.
    expect(wouldBreak(['sqs:SendMessage'])).toMatch(/drifted from the repository\. Grant it/)
  })

  it('lists what the service cannot see as not observable, never as unused', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: ['iam:PassRole', 's3:GetObject'],
      Resource: ['arn:aws:iam::111122223333:role/task', 'arn:aws:s3:::b/*'],
    })
    const { findings, notObservable } = check([p], generated('sts:GetCallerIdentity'))
    expect(findings.filter((f) => f.kind === 'unused-action' || f.kind === 'privilege-escalation')).toEqual(
      [],
    )
    expect(notObservable.map((n) => [n.line, n.actions, n.reason.split(':')[0]])).toEqual([
      [7, ['iam:PassRole'], 'CloudTrail records no event for iam'],
      [8, ['s3:GetObject'], 'an S3 object-level data event'],
    ])
  })

  it('calls an escalation action granted on a scoped resource and unused critical', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: 'iam:CreateAccessKey',
      Resource: 'arn:aws:iam::111122223333:user/ci',
    })
    const { findings } = check([p], generated('sts:GetCallerIdentity'))
    expect(findings.map((f) => f.kind).sort()).toEqual([
      'privilege-escalation',
      'unused-action',
      'would-break',
    ])
    expect(findings.find((f) => f.kind === 'privilege-escalation')?.severity).toBe('critical')
  })

  it('reports incomplete usage when the service says so', () => {
    const p = policy('p.json', { Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' })
    const { findings } = check([p], { ...generated('sts:GetCallerIdentity'), isComplete: false })
    expect(findings.map((f) => [f.kind, f.severity])).toEqual([['incomplete-usage', 'low']])
  })

  it('leaves principals without usage to the static checks', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: 'ec2:RunInstances',
      Resource: 'arn:aws:ec2:us-east-1:111122223333:instance/*',
    })
    expect(analyse([{ arn: ROLE, policies: [p] }], [], catalog).findings).toEqual([])
  })

  it('judges NotAction by what it grants: the used actions suggested instead', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      NotAction: ['iam:*', 'organizations:*'],
      Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
    })
    const { findings } = check([p], generated('s3:GetBucketPolicy', 's3:PutBucketTagging'))
    const unused = findings.find((f) => f.kind === 'unused-action')
    expect(unused?.message).toMatch(
      /^"NotAction" grants \d+ actions; in the CloudTrail window 2 used \(s3:GetBucketPolicy, s3:PutBucketTagging\)/,
    )
    expect(unused?.suggestion).toBe('s3:GetBucketPolicy, s3:PutBucketTagging')
    expect(unused?.actions).not.toContain('iam:CreateUser')
  })

  it('counts a service-level template entry (service:*) as use of the whole service', () => {
    const p = policy('p.json', {
      Effect: 'Allow',
      Action: ['athena:GetQueryResults', 'athena:StartQueryExecution'],
      Resource: '*',
    })
    const serviceLevel = {
      policies: [
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'athena:*', Resource: '*' }],
        }),
      ],
      isComplete: true,
    }
    const { findings, notObservable } = check([p], serviceLevel)
    expect(findings.filter((f) => f.kind === 'unused-action' || f.kind === 'would-break')).toEqual([])
    expect(notObservable[0]?.reason).toMatch(/service level only/)
    // Nothing of a service used at service level granted: would-break names the service.
    const other = policy('q.json', { Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' })
    expect(check([other], serviceLevel).findings.find((f) => f.kind === 'would-break')?.actions).toEqual([
      'athena:*',
    ])
  })
})

describe('data events the trail is seen or said to log', () => {
  const objects = policy('o.json', {
    Effect: 'Allow',
    Action: ['s3:GetObject', 's3:GetObjectTagging', 's3:PutObject'],
    Resource: 'arn:aws:s3:::reports/*',
  })
  const unusedOf = (findings: readonly Finding[]) =>
    findings.filter((f) => f.kind === 'unused-action').flatMap((f) => f.actions)
  const cases: {
    name: string
    used: string[]
    dataEvents?: string[]
    unused: string[]
    notObservable: string[]
  }[] = [
    {
      name: 'no data event seen: every data-event action stays not observable',
      used: ['s3:ListBucket'],
      unused: [],
      notObservable: ['s3:GetObject', 's3:GetObjectTagging', 's3:PutObject'],
    },
    {
      name: 'a read data event seen: the other reads are observable, the writes are not',
      used: ['s3:GetObject'],
      unused: ['s3:GetObjectTagging'],
      notObservable: ['s3:PutObject'],
    },
    {
      name: 'cloudtrail.data-events names s3: all of its data events are observable',
      used: ['s3:ListBucket'],
      dataEvents: ['s3'],
      unused: ['s3:GetObject', 's3:GetObjectTagging', 's3:PutObject'],
      notObservable: [],
    },
    {
      name: 'data events of another service change nothing for s3',
      used: ['dynamodb:GetItem'],
      dataEvents: ['dynamodb'],
      unused: [],
      notObservable: ['s3:GetObject', 's3:GetObjectTagging', 's3:PutObject'],
    },
  ]
  for (const c of cases) {
    it(c.name, () => {
      const { findings, notObservable, suggestions } = analyse(
        [{ arn: ROLE, policies: [objects] }],
        [],
        catalog,
        checkedUsage(ROLE, generated(...c.used)),
        () => undefined,
        undefined,
        c.dataEvents,
      )
      expect(unusedOf(findings).sort()).toEqual(c.unused)
      expect(notObservable.flatMap((n) => n.actions).sort()).toEqual(c.notObservable)
      expect(suggestions).toEqual([])
    })
  }

  it('drops the unused object-level actions from the suggestion once they are observable', () => {
    const text = `${JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectTagging', 's3:PutObject'], Resource: 'arn:aws:s3:::reports/*' }] }, null, 2)}\n`
    const { suggestions } = analyse(
      [{ arn: ROLE, policies: [policy('o.json', JSON.parse(text).Statement[0])] }],
      [],
      catalog,
      checkedUsage(ROLE, generated('s3:GetObject')),
      () => text,
      undefined,
      ['s3'],
    )
    expect(JSON.parse(suggestions[0]?.text ?? '{}').Statement[0].Action).toBe('s3:GetObject')
  })
})

describe('services Access Analyzer documents only at service level', () => {
  // SNS is not among the services with action-level information (not-observable.ts); EC2 is.
  const topics = policy('t.json', {
    Effect: 'Allow',
    Action: ['sns:CreateTopic', 'ec2:DescribeVpcs'],
    Resource: '*',
  })
  const cases: {
    name: string
    used: string[]
    serviceLevel: boolean
    unused: string[]
    notObservable: string[]
  }[] = [
    {
      name: 'without the service-level template, an unlisted service that does not appear is not observable',
      used: ['s3:ListBucket'],
      serviceLevel: false,
      unused: ['ec2:DescribeVpcs'],
      notObservable: ['sns:CreateTopic'],
    },
    {
      name: 'with the service-level template, an unlisted service that does not appear was not used',
      used: ['s3:ListBucket'],
      serviceLevel: true,
      unused: ['ec2:DescribeVpcs', 'sns:CreateTopic'],
      notObservable: [],
    },
    {
      name: 'an unlisted service whose actions the generated policy names has action level after all',
      used: ['sns:ListTopics'],
      serviceLevel: false,
      unused: ['ec2:DescribeVpcs', 'sns:CreateTopic'],
      notObservable: [],
    },
    {
      name: 'a listed service is judged by its actions either way',
      used: ['ec2:DescribeInstances'],
      serviceLevel: false,
      unused: ['ec2:DescribeVpcs'],
      notObservable: ['sns:CreateTopic'],
    },
  ]
  for (const c of cases) {
    it(c.name, () => {
      const { findings, notObservable } = analyse(
        [{ arn: ROLE, policies: [topics] }],
        [],
        catalog,
        checkedUsage(ROLE, { ...generated(...c.used), serviceLevel: c.serviceLevel }),
      )
      const unused = findings.filter((f) => f.kind === 'unused-action').flatMap((f) => f.actions)
      expect(unused.sort()).toEqual(c.unused)
      expect(notObservable.flatMap((n) => n.actions).sort()).toEqual(c.notObservable)
      for (const n of notObservable) expect(n.reason).toMatch(/include-service-level-template: true/)
    })
  }

  it('keeps what cannot be seen in the suggestion, and trims it once it can be', () => {
    const text = `${JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sns:CreateTopic', 'ec2:DescribeVpcs', 'ec2:DescribeInstances'], Resource: '*' }] }, null, 2)}\n`
    const suggest = (serviceLevel: boolean) =>
      analyse(
        [{ arn: ROLE, policies: [policy('s.json', JSON.parse(text).Statement[0])] }],
        [],
        catalog,
        checkedUsage(ROLE, { ...generated('ec2:DescribeInstances'), serviceLevel }),
        () => text,
      ).suggestions.map((s) => JSON.parse(s.text).Statement[0].Action)
    expect(suggest(false)).toEqual([['ec2:DescribeInstances', 'sns:CreateTopic']])
    expect(suggest(true)).toEqual(['ec2:DescribeInstances'])
  })
})
