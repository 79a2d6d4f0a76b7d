import { applyPatch } from 'diff'
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/analysis/analyse.js'
import { USED_NOT_GRANTED_SID } from '../../src/analysis/least-privilege.js'
import { loadCatalog } from '../../src/catalog/catalog.js'
import { parsed } from '../world/policies.js'
import { checkedUsage, type ObservedUsage } from '../world/usage.js'

const catalog = loadCatalog()
const ROLE = 'arn:aws:iam::111122223333:role/app'

const text = (...statements: object[]) =>
  `${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)}\n`
const doc = parsed
const generated = (...actions: string[]): ObservedUsage => ({
  policies: [
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
    }),
  ],
  isComplete: true,
})

/** Analyses `files`, then the suggestion in place of each suggested file, with the same usage. */
function roundTrip(files: Record<string, string>, usage: ObservedUsage) {
  const policies = Object.entries(files).map(([f, t]) => doc(f, t))
  const first = analyse([{ arn: ROLE, policies }], [], catalog, checkedUsage(ROLE, usage), (f) => files[f])
  const after = { ...files, ...Object.fromEntries(first.suggestions.map((s) => [s.file, s.text])) }
  const second = analyse(
    [{ arn: ROLE, policies: Object.entries(after).map(([f, t]) => doc(f, t)) }],
    [],
    catalog,
    checkedUsage(ROLE, usage),
    (f) => after[f],
  )
  return { first, second, after }
}

/** Ids of what a set of documents grants (Allow, after unconditional Deny on *). */
function grantOf(texts: string[]): Set<string> {
  const policies = texts.map((t, i) => doc(`f${i}.json`, t))
  const denied = new Set<string>()
  for (const p of policies) {
    for (const s of p.statements) {
      if (s.effect === 'Deny' && !s.condition && s.resources.some((r) => r.value === '*')) {
        for (const a of s.actions)
          for (const id of catalog.expand(a.value)) denied.add(catalog.actions[id]?.name as string)
      }
    }
  }
  const out = new Set<string>()
  for (const p of policies) {
    for (const s of p.statements) {
      if (s.effect !== 'Allow') continue
      const named = new Set(
        s.actions.flatMap((a) => catalog.expand(a.value)).map((id) => catalog.actions[id]?.name as string),
      )
      const all = s.notAction ? catalog.actions.map((a) => a.name).filter((n) => !named.has(n)) : [...named]
      for (const n of all) if (!denied.has(n)) out.add(n)
    }
  }
  return out
}

const DRIFT = ['unused-action', 'wildcard-action', 'would-break']

describe('suggested least-privilege policies', () => {
  it('adds what was used and granted nowhere, but not what a Deny takes away: an Allow would not give it back', () => {
    const files = {
      'iam/app.json': text(
        { Effect: 'Allow', Action: ['ec2:DescribeInstances', 'ec2:DescribeVolumes'], Resource: '*' },
        { Effect: 'Deny', Action: 'ec2:DescribeVolumes', Resource: '*' },
      ),
    }
    const used = generated('ec2:DescribeInstances', 'ec2:DescribeVolumes', 'sqs:SendMessage')
    const { first, second, after } = roundTrip(files, used)
    const added = JSON.parse(after['iam/app.json'] as string).Statement.find(
      (s: { Sid?: string }) => s.Sid === USED_NOT_GRANTED_SID,
    )
    expect(added).toEqual({
      Sid: USED_NOT_GRANTED_SID,
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: '*',
    })
    // The denied action stays a would-break for a person; suggested again, the file stays as it is.
    expect(second.findings.find((f) => f.kind === 'would-break')?.actions).toEqual(['ec2:DescribeVolumes'])
    expect(first.suggestions).toHaveLength(1)
    expect(second.suggestions).toEqual([])
  })

  it('keeps the bucket of a used s3:ListBucket the usage shows on "*", beside object reads it cannot see', () => {
    const bucket = 'arn:aws:s3:::app-artifacts'
    const files = {
      'iam/app.json': text({
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:ListBucket', 's3:PutBucketPolicy'],
        Resource: [bucket, `${bucket}/*`],
      }),
    }
    const { first, second, after } = roundTrip(files, generated('s3:ListBucket'))
    expect(first.suggestions).toHaveLength(1)
    expect(JSON.parse(after['iam/app.json'] as string).Statement).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [bucket, `${bucket}/*`] },
    ])
    // Applied, it breaks nothing in use.
    expect(second.findings.filter((f) => f.kind === 'would-break')).toEqual([])
  })

  it('replaces wildcards with what was used, keeps Sids, resources and conditions, and adds what is missing', () => {
    const files = {
      'iam/app.json': text(
        {
          Sid: 'Queues',
          Effect: 'Allow',
          Action: ['sqs:*'],
          Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
          Condition: { Bool: { 'aws:SecureTransport': 'true' } },
        },
        { Sid: 'Ec2', Effect: 'Allow', Action: ['ec2:DescribeInstances', 'ec2:RunInstances'], Resource: '*' },
        { Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*' },
      ),
    }
    const { first, second } = roundTrip(
      files,
      generated('sqs:GetQueueUrl', 'ec2:DescribeInstances', 'cloudwatch:GetMetricData'),
    )
    const [suggestion] = first.suggestions
    expect(suggestion?.file).toBe('iam/app.json')
    const suggested = JSON.parse(suggestion?.text ?? '{}')
    expect(suggested.Statement[0]).toEqual({
      Sid: 'Queues',
      Effect: 'Allow',
      // The message calls of SQS are data events: never trimmed, since their use cannot be seen.
      Action: expect.arrayContaining(['sqs:GetQueueUrl', 'sqs:SendMessage']),
      Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
      Condition: { Bool: { 'aws:SecureTransport': 'true' } },
    })
    expect(suggested.Statement[0].Action).not.toContain('sqs:CreateQueue')
    expect(suggested.Statement[1]).toEqual({
      Sid: 'Ec2',
      Effect: 'Allow',
      Action: 'ec2:DescribeInstances',
      Resource: '*',
    })
    expect(suggested.Statement[2]).toEqual({
      Effect: 'Deny',
      Action: 'ec2:TerminateInstances',
      Resource: '*',
    })
    expect(suggested.Statement[3]).toEqual({
      Sid: USED_NOT_GRANTED_SID,
      Effect: 'Allow',
      Action: 'cloudwatch:GetMetricData',
      Resource: '*',
    })
    expect(suggestion?.diff).toMatch(
      /^Index: iam\/app\.json\n={67}\n--- iam\/app\.json\trepository\n\+\+\+ iam\/app\.json\tsuggested\n/,
    )
    expect(suggestion?.diff).toContain('-        "ec2:RunInstances"')
    // The suggestion itself is clean.
    expect(second.findings.filter((f) => DRIFT.includes(f.kind))).toEqual([])
    expect(second.suggestions).toEqual([])
  })

  it('drops resources of a type the principal never touched, by the generated placeholders', () => {
    const table = 'arn:aws:dynamodb:us-east-1:111122223333:table/orders'
    const index = 'arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*'
    const files = {
      'p.json': text({
        Sid: 'Orders',
        Effect: 'Allow',
        Action: ['dynamodb:Query', 'dynamodb:DeleteTable'],
        Resource: [table, index],
      }),
    }
    const usage: ObservedUsage = {
      policies: [
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['dynamodb:Query'],
              Resource: 'arn:aws:dynamodb:${Region}:${Account}:table/${TableName}',
            },
          ],
        }),
      ],
      isComplete: true,
    }
    const { first } = roundTrip(files, usage)
    expect(JSON.parse(first.suggestions[0]?.text ?? '{}').Statement).toEqual([
      { Sid: 'Orders', Effect: 'Allow', Action: 'dynamodb:Query', Resource: table },
    ])
  })

  it('keeps the resources that what the service cannot see may need (S3 objects for GetObject)', () => {
    const bucket = 'arn:aws:s3:::app-artifacts'
    const objects = 'arn:aws:s3:::app-artifacts/*'
    const files = {
      'p.json': text({
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:ListBucket', 's3:DeleteBucket'],
        Resource: [bucket, objects],
      }),
    }
    const usage: ObservedUsage = {
      policies: [
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['s3:ListBucket'], Resource: 'arn:aws:s3:::${BucketName}' }],
        }),
      ],
      isComplete: true,
    }
    const { first } = roundTrip(files, usage)
    // s3:GetObject is a data event: unseen, kept, and so is the object resource it needs.
    expect(JSON.parse(first.suggestions[0]?.text ?? '{}').Statement).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [bucket, objects] },
    ])
  })

  it('adds what was used but granted nowhere to a file that allows something, not to a Deny-only one', () => {
    const files = {
      'a-guardrails.json': text({ Effect: 'Deny', Action: 'iam:*', Resource: '*' }),
      'b-main.json': text({
        Effect: 'Allow',
        Action: ['ec2:DescribeInstances', 'ec2:StopInstances'],
        Resource: '*',
      }),
    }
    const { first } = roundTrip(files, generated('ec2:DescribeInstances', 'ssm:GetParameter'))
    expect(first.suggestions.map((s) => s.file)).toEqual(['b-main.json'])
    expect(JSON.parse(first.suggestions[0]?.text ?? '{}').Statement.at(-1)).toMatchObject({
      Sid: USED_NOT_GRANTED_SID,
      Action: 'ssm:GetParameter',
    })
    const wouldBreak = first.findings.find((f) => f.kind === 'would-break')
    expect(wouldBreak?.file).toBe('b-main.json')
  })

  it('edits the file in place: untouched statements keep their text, the file its indentation and line endings', () => {
    const original = [
      '{',
      '\t"Version": "2012-10-17",',
      '\t"Statement": [',
      '\t\t{ "Sid": "Kept", "Effect": "Allow", "Action": ["sts:GetCallerIdentity"], "Resource": "*" },',
      '\t\t{ "Sid": "Unused", "Effect": "Allow", "Action": "ec2:StopInstances", "Resource": "*" },',
      '\t\t{ "Sid": "Guard", "Effect": "Deny", "Action": ["iam:*"],   "Resource": "*" },',
      '\t\t{ "Sid": "Wide", "Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*" },',
      '\t\t{ "Sid": "UnusedLast", "Effect": "Allow", "Action": "ec2:RebootInstances", "Resource": "*" }',
      '\t]',
      '}',
      '',
    ].join('\r\n')
    const { first } = roundTrip(
      { 'p.json': original },
      generated('sts:GetCallerIdentity', 'ec2:DescribeInstances', 'ssm:GetParameter'),
    )
    const text = first.suggestions[0]?.text ?? ''
    const lines = text.split('\r\n')
    expect(text.replace(/\r\n/g, '')).not.toContain('\n') // CRLF throughout
    // Unchanged statements byte for byte, the unused one gone, the wildcard narrowed, the missing added.
    expect(lines).toContain(original.split('\r\n')[3])
    expect(lines).toContain(original.split('\r\n')[5])
    expect(text).not.toContain('Unused')
    expect(JSON.parse(text).Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      'Kept',
      'Guard',
      'Wide',
      USED_NOT_GRANTED_SID,
    ])
    expect(JSON.parse(text).Statement[2].Action).toBe('ec2:DescribeInstances')
    expect(lines.filter((l) => l.startsWith('\t\t\t"Sid"'))).toHaveLength(2) // new text indented with tabs
    // The diff shows the change, not a reformatting.
    const diff = first.suggestions[0]?.diff ?? ''
    expect(diff).not.toContain('-\t\t{ "Sid": "Kept"')
    expect(diff).not.toContain('-\t\t{ "Sid": "Guard"')
  })

  it('keeps what the service cannot see, such as iam:PassRole', () => {
    const files = {
      'p.json': text({
        Effect: 'Allow',
        Action: ['iam:PassRole', 'iam:GetRole', 'iam:ListRoles'],
        Resource: 'arn:aws:iam::111122223333:role/task',
      }),
    }
    const { first } = roundTrip(files, generated('iam:GetRole'))
    expect(JSON.parse(first.suggestions[0]?.text ?? '{}').Statement[0].Action).toEqual([
      'iam:GetRole',
      'iam:PassRole',
    ])
  })

  it('writes what it keeps compactly: a pattern all kept as written, a service all kept as service:*', () => {
    // `*` keeps every action of each service Access Analyzer reports at service level only: listed one by
    // one, that was about 11,000 actions, a suggestion of half a megabyte (DataDog/pathfinding-labs).
    const admin = { 'p.json': text({ Effect: 'Allow', Action: '*', Resource: '*' }) }
    const { first, second } = roundTrip(admin, generated('ec2:DescribeInstances', 'sts:GetCallerIdentity'))
    const [suggestion] = first.suggestions
    const actions = JSON.parse(suggestion?.text ?? '{}').Statement[0].Action as string[]
    expect(actions).toContain('a4b:*')
    expect(actions.filter((a) => a.startsWith('a4b:'))).toEqual(['a4b:*'])
    expect(actions).toContain('ec2:DescribeInstances')
    expect(actions).not.toContain('ec2:*')
    expect(actions.length).toBeLessThan(500)
    expect(JSON.stringify(JSON.parse(suggestion?.text ?? '{}')).length).toBeLessThan(10_240)
    // Applied, it grants nothing unused, and asks for no further change.
    expect(second.findings.filter((f) => f.kind === 'unused-action')).toEqual([])
    expect(second.suggestions).toEqual([])
    // A pattern of data events the usage cannot see stays as written, beside what was used.
    const s3 = {
      'p.json': text({
        Effect: 'Allow',
        Action: ['s3:GetObject*', 's3:ListBucket', 's3:DeleteBucket'],
        Resource: '*',
      }),
    }
    const narrowed = roundTrip(s3, generated('s3:ListBucket')).first.suggestions[0]
    expect(JSON.parse(narrowed?.text ?? '{}').Statement[0].Action).toEqual(['s3:GetObject*', 's3:ListBucket'])
  })

  it('suggests nothing for a file without drift, or whose principal has no usage', () => {
    const files = { 'p.json': text({ Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' }) }
    expect(roundTrip(files, generated('ec2:DescribeInstances')).first.suggestions).toEqual([])
    const policies = [doc('p.json', text({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }))]
    expect(analyse([{ arn: ROLE, policies }], [], catalog, new Map(), () => undefined).suggestions).toEqual(
      [],
    )
  })

  it('suggests no file left without a statement (a policy needs one): its findings say what is unused', () => {
    const files = {
      'a.json': text({ Effect: 'Allow', Action: ['ec2:StartInstances', 'ec2:StopInstances'], Resource: '*' }),
      'b.json': text({ Effect: 'Allow', Action: 'sqs:ListQueues', Resource: '*' }),
    }
    const { first } = roundTrip(files, generated('sqs:ListQueues'))
    expect(first.findings.filter((f) => f.kind === 'unused-action').map((f) => f.file)).toContain('a.json')
    expect(first.suggestions).toEqual([])
  })

  // Not a speed target (~2 s here): a guard. The diff of a file narrowed from every action to three was
  // worked out line by line: Myers' diff costs the lines times the edits, 8 s a file of 22,000 lines.
  it('gives a diff that applies however far a huge file is narrowed, the whole file past 2,000 edits', {
    timeout: 10_000,
  }, () => {
    const every = catalog.actions.map((a) => a.name)
    const files = {
      'a.json': text({ Effect: 'Allow', Action: every, Resource: '*' }),
      'b.json': text({ Sid: 'Again', Effect: 'Allow', Action: every, Resource: '*' }),
      'small.json': text({ Effect: 'Allow', Action: ['sqs:ListQueues', 'sqs:DeleteQueue'], Resource: '*' }),
    }
    const { first } = roundTrip(files, generated('s3:ListAllMyBuckets', 'sqs:ListQueues'))
    expect(first.suggestions.map((s) => s.file)).toEqual(['a.json', 'b.json', 'small.json'])
    for (const s of first.suggestions)
      expect(applyPatch(files[s.file as keyof typeof files], s.diff ?? '')).toBe(s.text)
    // Past the bound, one hunk replaces the file; within it, the diff shows the change only.
    const lines = (t: string) => t.split('\n').length - 1
    const [a, , small] = first.suggestions
    expect(a?.diff).toContain(`@@ -1,${lines(files['a.json'])} +1,${lines(a?.text ?? '')} @@`)
    expect(small?.diff).toContain('-        "sqs:DeleteQueue"')
    expect(small?.diff).not.toContain('@@ -1,')
  })

  it('never grants less than was used nor more than the original (property, 200 random cases)', () => {
    const PATTERNS = [
      's3:Get*',
      's3:*',
      'ec2:Describe*',
      'ec2:RunInstances',
      'sqs:*',
      'iam:PassRole',
      'iam:Get*',
      'kms:Decrypt',
      'logs:*',
      'sts:GetCallerIdentity',
      'dynamodb:Query',
      'cloudwatch:Get*',
    ]
    const USABLE = [
      's3:GetBucketPolicy',
      's3:ListBucket',
      'ec2:DescribeInstances',
      'ec2:DescribeVpcs',
      'sqs:GetQueueUrl',
      'iam:GetRole',
      'kms:Decrypt',
      'logs:CreateLogStream',
      'sts:GetCallerIdentity',
      'cloudwatch:GetMetricData',
      'lambda:GetFunction',
    ]
    let seed = 42
    const random = () => {
      seed = (seed * 16807) % 2147483647
      return seed / 2147483647
    }
    const pick = <T>(xs: readonly T[], n: number) => xs.filter(() => random() < n / xs.length)
    for (let i = 0; i < 200; i++) {
      const statements = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
        const deny = random() < 0.15
        const actions = pick(PATTERNS, 2)
        return {
          Effect: deny ? 'Deny' : 'Allow',
          Action: actions.length ? actions : ['s3:Get*'],
          Resource: random() < 0.5 ? '*' : 'arn:aws:s3:::b',
        }
      })
      const used = pick(USABLE, 3)
      const files = { 'p.json': text(...statements) }
      const usage = generated(...(used.length ? used : ['sts:GetCallerIdentity']))
      const { after } = roundTrip(files, usage)
      const before = grantOf([files['p.json']])
      const now = grantOf([after['p.json'] as string])
      const usedNames = new Set(
        (used.length ? used : ['sts:GetCallerIdentity']).flatMap((u) =>
          catalog.expand(u).map((id) => catalog.actions[id]?.name as string),
        ),
      )
      // A used action the repository denies stays denied (a person decides): leave it out of the check.
      const deniedNames = new Set(
        statements
          .filter((s) => s.Effect === 'Deny' && s.Resource === '*')
          .flatMap((s) =>
            s.Action.flatMap((a) => catalog.expand(a).map((id) => catalog.actions[id]?.name as string)),
          ),
      )
      for (const d of deniedNames) usedNames.delete(d)
      for (const u of usedNames)
        expect(now.has(u), `case ${i}: ${u} used but not granted by the suggestion`).toBe(true)
      for (const g of now)
        expect(before.has(g) || usedNames.has(g), `case ${i}: ${g} granted by the suggestion only`).toBe(true)
    }
  })
})
