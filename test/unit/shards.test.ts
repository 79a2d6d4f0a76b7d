// Parts of the principals for a matrix of shards, and the merge of the shards' reports.
import { describe, expect, it } from 'vitest'
import { parseShard } from '../../src/config/inputs.js'
import type { Report } from '../../src/report/report.js'
import {
  idleAcrossShards,
  mergeShardReports,
  readShardReport,
  shardPrincipals,
} from '../../src/report/shards.js'
import type { IgnoreOutcome } from '../../src/vocabulary/findings.js'
import { staticUsage } from '../../src/vocabulary/usage.js'

/** `sizes[i]` principals in account i. */
const principals = (sizes: readonly number[]) =>
  sizes.flatMap((size, account) =>
    Array.from({ length: size }, (_, n) => ({
      arn: `arn:aws:iam::${String(account).padStart(12, '0')}:role/r${n}`,
    })),
  )

describe('shardPrincipals', () => {
  it('gives every principal to exactly one shard, whole accounts, balanced, the same in every shard', () => {
    let seed = 11
    const random = () => {
      seed = (seed * 16807) % 2147483647
      return seed / 2147483647
    }
    for (let trial = 0; trial < 50; trial++) {
      const sizes = Array.from({ length: 1 + Math.floor(random() * 30) }, () => 1 + Math.floor(random() * 40))
      const all = principals(sizes)
      const count = 1 + Math.floor(random() * 8)
      const parts = Array.from({ length: count }, (_, i) => shardPrincipals(all, { index: i + 1, count }))
      expect(
        parts
          .flat()
          .map((p) => p.arn)
          .sort(),
      ).toEqual(all.map((p) => p.arn).sort())
      const accountsOf = (part: { arn: string }[]) => new Set(part.map((p) => p.arn.split(':')[4]))
      for (let i = 0; i < count; i++)
        for (let j = i + 1; j < count; j++)
          for (const a of accountsOf(parts[i] ?? [])) expect(accountsOf(parts[j] ?? []).has(a)).toBe(false)
      // The longest-processing-time rule: within 4/3 of the best, and never worse than the lower bound
      // plus the largest account.
      const loads = parts.map((p) => p.length)
      const bound = Math.max(Math.ceil(all.length / count), ...sizes)
      expect(Math.max(...loads)).toBeLessThanOrEqual(Math.ceil((4 / 3) * bound))
      // Deterministic: the same inputs in another order give the same parts.
      const reversed = shardPrincipals([...all].reverse(), { index: 1, count })
      expect(reversed.map((p) => p.arn).sort()).toEqual((parts[0] ?? []).map((p) => p.arn).sort())
    }
  })

  it('reads K/N from the input', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 })
    expect(parseShard(' 1/1 ')).toEqual({ index: 1, count: 1 })
    for (const bad of ['0/3', '4/3', '1/300', '1', 'a/b', '1/2/3']) expect(parseShard(bad)).toBeUndefined()
  })
})

const shard = (index: number, count: number, over: Partial<Report> = {}): Report => ({
  version: 1,
  verdict: 'pass',
  reason: 'No findings.',
  failOn: 'medium',
  generatedAt: '2026-12-01T00:00:00.000Z',
  catalog: { version: 'v', date: 'd' },
  staticMode: null,
  principals: [],
  findings: [],
  accepted: [],
  notObservable: [],
  suggestions: [],
  run: null,
  problems: [],
  base: null,
  shard: { index, count },
  ...over,
})

describe('mergeShardReports', () => {
  const options = { failOn: 'medium' as const, run: null, now: new Date('2026-12-01T01:00:00Z') }
  const read = (report: unknown, file = 'r.json') => readShardReport(file, JSON.stringify(report))

  it('passes when every shard is there and nothing reaches fail-on', () => {
    const merged = mergeShardReports([read(shard(2, 2)), read(shard(1, 2))], options)
    expect(merged.verdict).toBe('pass')
    expect(merged.merged).toEqual({ count: 2, shards: [1, 2], failedShards: [] })
    expect(merged.sensitive).toBeUndefined()
    // What each shard's plan marked sensitive stands as *** in it: the merged report says how many.
    const masked = mergeShardReports(
      [read(shard(1, 2, { sensitive: 3 })), read(shard(2, 2, { sensitive: 1 }))],
      options,
    )
    expect(masked.sensitive).toBe(4)
  })

  it("counts a finding's principalIndex in the merged principals, after the shards before its own", () => {
    const ROLE = 'arn:aws:iam::111122223333:role/${DeployRole}'
    const principal = (file: string) => ({ ...staticUsage(ROLE), files: [file], source: null })
    const finding = (principalIndex: number | undefined) => ({
      kind: 'wildcard-action' as const,
      severity: 'high' as const,
      principal: ROLE,
      file: 'env.yaml',
      line: 12,
      column: 17,
      sid: null,
      statementIndex: 0,
      actions: ['s3:GetObject'],
      message: '"s3:*"',
      suggestion: null,
      condition: null,
      source: null,
      ...(principalIndex !== undefined && { principalIndex }),
    })
    const first = shard(1, 2, {
      principals: [principal('a.yaml'), principal('env.yaml'), principal('env.yaml')],
      findings: [finding(1)],
    })
    const second = shard(2, 2, {
      principals: [principal('env.yaml'), principal('env.yaml')],
      findings: [finding(0), finding(1), finding(undefined)],
      accepted: [{ ...finding(1), reason: 'reviewed' }],
    })
    const merged = mergeShardReports([read(second), read(first)], options)
    expect(merged.findings.map((f) => f.principalIndex)).toEqual([1, 3, 4, undefined])
    expect(merged.accepted.map((f) => f.principalIndex)).toEqual([4])
  })

  it('fails on a missing shard, a shard that checked nothing, a duplicate, a file that is no report', () => {
    const merged = mergeShardReports(
      [
        read(shard(1, 3)),
        read(shard(1, 3), 'again.json'),
        read(shard(3, 3, { verdict: 'error', reason: 'Nothing was checked: a problem.' })),
        readShardReport('broken.json', '{"version":'),
        read({ version: 1, principals: [], findings: [] }, 'whole.json'),
      ],
      { ...options, failOn: 'never' },
    )
    expect(merged.verdict).toBe('fail')
    expect(merged.merged?.failedShards).toEqual([
      expect.stringMatching(/^broken\.json: not JSON/),
      'whole.json: a report of a run without shard: K/N; merge-reports merges the reports of shards',
      'two reports of shard 1/3 (again.json is the second)',
      'shard 2/3 is missing: no report of it was given',
      'shard 3/3 checked nothing: Nothing was checked: a problem.',
    ])
    expect(merged.reason).toContain('shard 2/3 is missing')
  })

  it('names the part of a file that is not a report of this action, instead of failing on it', () => {
    const parts = [
      [{ findings: [null] }, 'findings[0]: expected an object'],
      [{ findings: [{ kind: 3 }] }, 'findings[0].kind: expected a string'],
      [
        {
          findings: [
            {
              kind: 'k',
              severity: 's',
              principal: 'p',
              file: 'f',
              message: 'm',
              actions: [],
              principalIndex: '1',
            },
          ],
        },
        'findings[0].principalIndex: expected an index into principals',
      ],
      [{ principals: [{ arn: 1 }] }, 'principals[0].arn: expected a string'],
      [{ suggestions: 7 }, 'suggestions: expected a list'],
      [{ shard: { index: '1', count: 1 } }, 'shard: expected { index, count }'],
      [{ ignores: {} }, 'ignores: expected a list'],
      [
        { ignores: [{ line: 3, outcome: 'unused' }] },
        'ignores[0]: expected { line, outcome } with outcome one of accepted, idle, undecided, elsewhere',
      ],
      [
        { ignores: [{ line: 3, outcome: 'idle', notice: 'x' }] },
        'ignores[0].notice: expected { file, line, message }',
      ],
      [
        {
          accepted: [
            {
              kind: 'unused-action',
              severity: 'medium',
              principal: 'p',
              file: 'f',
              message: 'm',
              actions: [1],
            },
          ],
        },
        'accepted[0].actions: expected a list of strings',
      ],
    ] as const
    for (const [over, part] of parts) {
      const merged = mergeShardReports(
        [read(shard(1, 1, over as unknown as Partial<Report>), 'odd.json')],
        options,
      )
      expect(merged.verdict).toBe('fail')
      expect(merged.merged?.failedShards).toContain(`odd.json: not a report of this action (${part})`)
    }
  })
})

describe('idleAcrossShards', () => {
  const read = (report: Report, file = 'r.json') => readShardReport(file, JSON.stringify(report))
  const notice = (line: number) => ({
    file: '.github/iam-policy-drift.yml',
    line,
    message: `idle at ${line}`,
  })
  /** One shard's word on the entries at lines 2, 5, 8, 11 and 14, in that order. */
  const told = (index: number, count: number, outcomes: readonly IgnoreOutcome[]) =>
    read(
      shard(index, count, {
        ignores: outcomes.map((outcome, i) => {
          const line = 2 + 3 * i
          return { line, outcome, ...(outcome === 'idle' && { notice: notice(line) }) }
        }),
      }),
    )

  it('tells an entry idle when no shard accepted with it, none was undecided, and one checked what it is for', () => {
    const notices = idleAcrossShards([
      // 2: accepted in shard 2; 5: idle in both; 8: one principal's entry, idle where it was checked;
      // 11: undecided in shard 1 (a principal without usage); 14: for a principal no shard has.
      told(1, 2, ['idle', 'idle', 'elsewhere', 'undecided', 'elsewhere']),
      told(2, 2, ['accepted', 'idle', 'idle', 'idle', 'elsewhere']),
    ])
    expect(notices).toEqual([notice(5), notice(8)])
  })

  it('tells nothing without every shard, or from shards of different configs', () => {
    const idle = ['idle', 'idle', 'idle', 'idle', 'idle'] as const
    expect(idleAcrossShards([told(1, 2, idle)])).toEqual([])
    expect(idleAcrossShards([told(1, 2, idle), told(1, 2, idle)])).toEqual([])
    expect(idleAcrossShards([told(1, 2, idle), told(2, 2, idle.slice(1))])).toEqual([])
    expect(idleAcrossShards([told(1, 2, idle), read(shard(2, 2))])).toEqual([])
    expect(idleAcrossShards([told(1, 2, idle), { file: 'x.json', problem: 'not JSON' }])).toEqual([])
    expect(idleAcrossShards([told(1, 2, idle), told(2, 2, idle)])).toHaveLength(5)
  })
})
