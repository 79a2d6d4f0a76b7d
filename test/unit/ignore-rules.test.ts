import { describe, expect, it } from 'vitest'
import { FindingCollector, type FindingDraft } from '../../src/analysis/ignore-rules.js'
import type { Finding, IgnoreRule } from '../../src/vocabulary/findings.js'

const role = (name: string) => `arn:aws:iam::111122223333:role/${name}`

function draft(principal: string, kind: Finding['kind'], line = 1): FindingDraft {
  const at = { file: 'iam/app.json', line, column: 1, sid: null, statementIndex: 0, condition: null }
  return { kind, principal, ...at, source: null }
}

describe('ignore: entries applied as findings arrive', () => {
  it('applies each entry only to its principal and kind, whichever came first', () => {
    const rules: IgnoreRule[] = [
      { principal: role('app'), action: 's3:Get*', kind: 'unused-action', reason: 'app reads', line: 2 },
      { action: 's3:GetObject', kind: 'wildcard-resource', reason: 'any principal, one kind', line: 5 },
      { principal: role('etl'), action: '*', reason: 'etl: everything', line: 8 },
    ]
    const c = new FindingCollector(rules)
    const actions = ['s3:GetObject', 's3:PutObject']
    // The same action list for every finding: parts of one list are shared between findings.
    for (const principal of [role('app'), role('etl'), role('web')])
      for (const kind of ['unused-action', 'wildcard-resource'] as const)
        c.add(draft(principal, kind), actions, (part) => `${part.length} of ${actions.length}`)
    const seen = (list: readonly (Finding & { reason?: string })[]) =>
      list.map(
        (f) => `${f.principal.split('/')[1]} ${f.kind} ${f.actions.join(',')} ${f.reason ?? f.message}`,
      )
    expect(seen(c.accepted)).toEqual([
      'app unused-action s3:GetObject app reads',
      'app wildcard-resource s3:GetObject any principal, one kind',
      'etl unused-action s3:GetObject,s3:PutObject etl: everything',
      // The first entry that matches accepts an action.
      'etl wildcard-resource s3:GetObject any principal, one kind',
      'etl wildcard-resource s3:PutObject etl: everything',
      'web wildcard-resource s3:GetObject any principal, one kind',
    ])
    expect(seen(c.findings)).toEqual([
      'app unused-action s3:PutObject 1 of 2',
      'app wildcard-resource s3:PutObject 1 of 2',
      'web unused-action s3:GetObject,s3:PutObject 2 of 2',
      'web wildcard-resource s3:PutObject 1 of 2',
    ])
  })

  it('tries the entries in the order of the config, whether or not their pattern names a service', () => {
    const rules: IgnoreRule[] = [
      { action: 's3*:Get*', kind: 'unused-action', reason: 'any service like s3', line: 2 },
      { action: 'S3:GetObject', reason: 'the s3 service, in any case', line: 5 },
      { action: '*', reason: 'everything else', line: 7 },
    ]
    const c = new FindingCollector(rules)
    const actions = ['s3:GetObject', 's3:PutObject', 'ec2:RunInstances']
    for (const kind of ['unused-action', 'wildcard-resource'] as const)
      c.add(draft(role('app'), kind), actions, (part) => part.join())
    expect(c.accepted.map((f) => `${f.kind} ${f.actions.join(',')}: ${f.reason}`)).toEqual([
      'unused-action s3:GetObject: any service like s3',
      'unused-action s3:PutObject,ec2:RunInstances: everything else',
      'wildcard-resource s3:GetObject: the s3 service, in any case',
      'wildcard-resource s3:PutObject,ec2:RunInstances: everything else',
    ])
    expect(c.findings).toEqual([])
    // An action as a policy spells it (an unknown one keeps its spelling): services match in any case.
    const spelt = new FindingCollector([{ action: 's3:Get*', reason: 's3 reads', line: 2 }])
    spelt.add(draft(role('app'), 'unknown-action'), ['S3:GetObjekt'], () => 'unknown')
    expect(spelt.accepted.map((f) => f.reason)).toEqual(['s3 reads'])
  })

  // 1,000 entries of one reason (`<service>:Get*` for every service) made 1,000 accepted parts of each
  // finding on "*": a JSON report of 400 MB for 200 principals.
  it('accepts with one part per reason, however many entries give it, each entry then used', () => {
    const rules: IgnoreRule[] = [
      { action: 's3:Get*', reason: 'reads are fine', line: 2 },
      { action: 'sqs:SendMessage', reason: 'the queue is ours', line: 4 },
      { action: 'ec2:Describe*', reason: 'reads are fine', line: 6 },
      { action: 'sns:Publish', reason: 'unused here', line: 8 },
    ]
    const c = new FindingCollector(rules)
    const actions = ['ec2:DescribeInstances', 's3:GetObject', 's3:PutObject', 'sqs:SendMessage']
    c.add(draft(role('app'), 'wildcard-action'), actions, (part) => part.join())
    expect(c.accepted.map((f) => `${f.actions.join(',')}: ${f.reason} (${f.message})`)).toEqual([
      'ec2:DescribeInstances,s3:GetObject: reads are fine (ec2:DescribeInstances,s3:GetObject)',
      'sqs:SendMessage: the queue is ours (sqs:SendMessage)',
    ])
    expect(c.findings.map((f) => f.actions)).toEqual([['s3:PutObject']])
    // Both entries of the shared reason accepted something; only the last accepted nothing.
    expect(c.unused().map((r) => r.line)).toEqual([8])
  })

  // Not a speed target (~0.3 s here): a guard. The entries that apply to a finding were keyed by their
  // places in the config for every finding, each place found by a search of all the entries: 60,000
  // findings under 1,000 entries took 16 s.
  it('weighs the most entries a config takes against many findings in linear time', {
    timeout: 10_000,
  }, () => {
    const rules: IgnoreRule[] = Array.from({ length: 999 }, (_, i) => ({
      action: `svc${i}:Get*`,
      kind: 'wildcard-resource',
      reason: 'accepted',
      line: i + 2,
    }))
    rules.push({ action: '*', kind: 'unused-action', reason: 'accepted', line: 1001 })
    const c = new FindingCollector(rules)
    const actions = ['s3:GetObject', 'svc7:GetThing']
    for (let i = 0; i < 60_000; i++)
      c.add(draft(role(`r${i % 500}`), 'wildcard-resource', i), actions, (part) => part.join())
    expect(c.findings).toHaveLength(60_000)
    expect(c.accepted).toHaveLength(60_000)
    expect(c.accepted[0]?.actions).toEqual(['svc7:GetThing'])
  })
})

// An entry left behind when what it accepted is fixed would accept that finding, unseen, if it came
// back: the run says so, for the entries it can judge.
describe('ignore: entries that accepted nothing', async () => {
  const { analyse } = await import('../../src/analysis/analyse.js')
  const { loadCatalog } = await import('../../src/catalog/catalog.js')
  const { policyOf } = await import('../world/policies.js')
  const { checkedUsage } = await import('../world/usage.js')
  const catalog = loadCatalog()
  const app = {
    arn: role('app'),
    policies: [policyOf('app.json', { Effect: 'Allow', Action: 's3:*', Resource: '*' })],
  }
  const web = {
    arn: role('web'),
    policies: [policyOf('web.json', { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' })],
  }
  const rules: IgnoreRule[] = [
    { action: 's3:*', kind: 'wildcard-action', reason: 'accepts one', line: 2 },
    { action: 'ec2:*', kind: 'wildcard-action', reason: 'fixed long ago', line: 5 },
    { action: 'ec2:*', kind: 'unused-action', reason: 'a usage kind', line: 8 },
    { action: 'iam:*', reason: 'any kind', line: 11 },
    { principal: role('web'), action: 'sqs:*', kind: 'unused-action', reason: 'web only', line: 14 },
    { principal: role('gone'), action: '*', kind: 'wildcard-action', reason: 'not found', line: 17 },
  ]
  const idle = (analysis: { idleIgnores?: readonly { rule: IgnoreRule }[] | undefined }) =>
    analysis.idleIgnores?.map((r) => r.rule.line)

  it('names those of a kind the static checks make, in static mode', () => {
    expect(idle(analyse([app, web], rules, catalog))).toEqual([5])
  })

  it('names those of a usage kind, or of any kind, only where each principal they apply to has its usage', () => {
    const generated = (...actions: string[]) => ({
      policies: [
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
        }),
      ],
      isComplete: true,
    })
    const webOnly = checkedUsage(role('web'), generated('sqs:SendMessage'))
    expect(idle(analyse([app, web], rules, catalog, webOnly))).toEqual([5, 14])
    const both = new Map([...webOnly, ...checkedUsage(role('app'), generated('s3:GetObject'))])
    expect(idle(analyse([app, web], rules, catalog, both))).toEqual([5, 8, 11, 14])
  })

  it('says when an entry accepts nothing because its action is none of the catalog’s, with the one meant', async () => {
    const { idleIgnoreNotes } = await import('../../src/analysis/ignore-rules.js')
    const typos: IgnoreRule[] = [
      { action: 's3:GetObjekt', kind: 'wildcard-resource', reason: 'a typo', line: 2 },
      { action: 's4:Get*', kind: 'wildcard-action', reason: 'a typo in the service', line: 5 },
      // An unknown-action finding is about an action the catalog does not know: accepting one is no typo.
      { action: 's3:PutThing2027', kind: 'unknown-action', reason: 'newer than the catalog', line: 8 },
    ]
    const analysis = analyse([app], typos, catalog)
    expect(analysis.idleIgnores?.map((i) => [i.rule.line, i.unknown?.meant])).toEqual([
      [2, 's3:GetObject'],
      [5, null],
      [8, undefined],
    ])
    expect(
      idleIgnoreNotes(analysis.idleIgnores ?? [], '.github/x.yml', '2026-09-26T04:46:59Z').map(
        (n) => n.message,
      ),
    ).toEqual([
      'ignore: the entry for "s3:GetObjekt" (wildcard-resource) accepts nothing: its action matches none of the IAM catalog of 2026-09-26 (a typo, an action AWS retired or never listed, or one newer than the catalog). Did you mean "s3:GetObject"?',
      'ignore: the entry for "s4:Get*" (wildcard-action) accepts nothing: its action matches none of the IAM catalog of 2026-09-26 (a typo, an action AWS retired or never listed, or one newer than the catalog)',
      'ignore: the entry for "s3:PutThing2027" (unknown-action) accepted no finding in this run: what it was written for is gone. Remove it, so that it does not accept that finding unseen if it comes back',
    ])
  })

  it('names none where no principal was checked', () => {
    expect(idle(analyse([], rules, catalog))).toEqual([])
  })

  it('names none in a shard: the findings an entry is for may be in another; it says what it saw instead', () => {
    const inShard = analyse([app], rules, catalog, new Map(), undefined, undefined, [], [app, web])
    expect(idle(inShard)).toEqual([])
    expect(inShard.ignoreOutcomes?.map((o) => [o.rule.line, o.outcome])).toEqual([
      [2, 'accepted'],
      [5, 'idle'],
      // A usage kind, or any kind, with a principal checked without its usage.
      [8, 'undecided'],
      [11, 'undecided'],
      [14, 'elsewhere'],
      [17, 'elsewhere'],
    ])
    const none = analyse([], rules, catalog, new Map(), undefined, undefined, [], [app, web])
    expect(new Set(none.ignoreOutcomes?.map((o) => o.outcome))).toEqual(new Set(['elsewhere']))
  })
})
