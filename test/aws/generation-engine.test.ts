// The generation engine with the real AWS SDK client against the Access Analyzer emulator on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest'
import { toUsage } from '../../src/aws/collect-usage.js'
import { type GenerationApi, sdkGenerationApi } from '../../src/aws/generation-api.js'
import {
  type GenerationOutcome,
  type GenerationSettings,
  generatePolicies,
} from '../../src/aws/generation-engine.js'
import { realSleep } from '../../src/aws/retry.js'
import { AccessAnalyzerEmulator, type EmulatorOptions } from '../world/access-analyzer.js'

const role = (name: string) => `arn:aws:iam::111122223333:role/${name}`
const DAY = 86_400_000

let emulator: AccessAnalyzerEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

function settings(over: Partial<GenerationSettings> = {}): GenerationSettings {
  const end = new Date()
  return {
    trails: [
      { arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail', allRegions: true, regions: [] },
    ],
    accessRoleArn: role('service-role/AccessAnalyzerMonitorServiceRole'),
    startTime: new Date(end.getTime() - 30 * DAY),
    endTime: end,
    includeServiceLevelTemplate: false,
    maxConcurrent: 1,
    waitTimeoutMs: 20_000,
    reuseMaxAgeMs: 0,
    ...over,
  }
}

async function engine(options: EmulatorOptions) {
  emulator = await AccessAnalyzerEmulator.start(options)
  const client = emulator.client()
  const log: string[] = []
  const started: string[] = []
  const ended: string[] = []
  let seed = 7
  const deps = {
    api: sdkGenerationApi(client),
    now: Date.now,
    sleep: realSleep,
    random: () => {
      seed = (seed * 16807) % 2147483647
      return seed / 2147483647
    },
    log: (m: string) => log.push(m),
    onStarted: (id: string) => started.push(id),
    onEnded: (id: string) => ended.push(id),
  }
  return { emulator, deps, log, started, ended }
}

const targets = (...names: string[]) =>
  names.map((n) => ({ principalArn: role(n), clientToken: `run-1001-1-${n}` }))

describe('generatePolicies', () => {
  it('starts one job per principal and returns each generated policy', async () => {
    const { emulator, deps, started, ended } = await engine({
      principals: { [role('a')]: { latencyMs: 100 }, [role('b')]: { latencyMs: 150 } },
    })
    const outcomes = await generatePolicies(targets('a', 'b'), settings(), deps)
    expect(outcomes.map((o) => [o.principalArn, o.status])).toEqual([
      [role('a'), 'checked'],
      [role('b'), 'checked'],
    ])
    expect(emulator.calls('StartPolicyGeneration')).toHaveLength(2)
    expect(started).toHaveLength(2)
    expect(ended.sort()).toEqual([...started].sort())
    const first = outcomes[0]
    expect(first?.status === 'checked' && first.snapshot.policies[0]).toContain('sts:GetCallerIdentity')
    expect(
      emulator.calls('GetGeneratedPolicy').every((r) => r.path.includes('includeResourcePlaceholders=true')),
    ).toBe(true)
  })

  it('reuses a recent generation with the same trails and window: a rerun starts no job', async () => {
    const { emulator, deps } = await engine({ principals: { [role('a')]: { latencyMs: 50 } } })
    await generatePolicies(targets('a'), settings({ reuseMaxAgeMs: DAY }), deps)
    const rerun = await generatePolicies(targets('a'), settings({ reuseMaxAgeMs: DAY }), deps)
    expect(emulator.calls('StartPolicyGeneration')).toHaveLength(1)
    expect(rerun[0]).toMatchObject({ status: 'checked', reused: true })
    // Another trail is another scope: no reuse.
    const other = settings({
      reuseMaxAgeMs: DAY,
      trails: [
        { arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/other-trail', allRegions: true, regions: [] },
      ],
    })
    await generatePolicies(targets('a'), other, deps)
    expect(emulator.calls('StartPolicyGeneration')).toHaveLength(2)
  })

  it('rides out 30% throttling and 10% server errors without a duplicate job', async () => {
    const { emulator, deps, log } = await engine({
      throttleRate: 0.3,
      errorRate: 0.1,
      retryAfterSeconds: 0,
      seed: 3,
      concurrencyQuota: 5,
    })
    const outcomes = await generatePolicies(targets('a', 'b', 'c'), settings({ maxConcurrent: 3 }), deps)
    expect(outcomes.every((o) => o.status === 'checked')).toBe(true)
    expect(emulator.jobs.size).toBe(3)
    expect(
      emulator.requests.filter((r) => r.status === 429).length +
        emulator.requests.filter((r) => r.status === 500).length,
    ).toBeGreaterThan(0)
    expect(log.some((l) => l.includes('retry'))).toBe(true)
  })

  it('reports a FAILED job with its code and still returns the others', async () => {
    const { deps } = await engine({
      concurrencyQuota: 2,
      principals: { [role('denied')]: { fail: 'AUTHORIZATION_ERROR', latencyMs: 50 } },
    })
    const outcomes = await generatePolicies(targets('denied', 'ok'), settings({ maxConcurrent: 2 }), deps)
    expect(outcomes[0]).toMatchObject({ status: 'failed', error: { code: 'AUTHORIZATION_ERROR' } })
    expect(outcomes[1]).toMatchObject({ status: 'checked' })
  })

  it('cancels a job still running at the timeout and leaves nothing in progress', async () => {
    const { emulator, deps, log, ended } = await engine({
      principals: { [role('slow')]: { neverFinish: true } },
    })
    // The engine waits on a simulated clock; the emulator answers for real.
    let clock = Date.now()
    const t0 = clock
    const simulated = {
      ...deps,
      now: () => clock,
      sleep: async (ms: number) => {
        clock += ms
      },
    }
    const outcomes = await generatePolicies(
      targets('slow', 'queued'),
      settings({ waitTimeoutMs: 1_500 }),
      simulated,
    )
    // It waited exactly to the deadline, never past it.
    expect(clock - t0).toBe(1_500)
    expect(outcomes.map((o) => o.status)).toEqual(['timed-out', 'timed-out'])
    expect(outcomes[1]?.jobId).toBeNull()
    expect(emulator.calls('CancelPolicyGeneration')).toHaveLength(1)
    expect(emulator.inProgress()).toBe(0)
    expect(ended).toEqual([outcomes[0]?.jobId])
    expect(log.some((l) => l.includes('timed out'))).toBe(true)
  })

  it('cancels in-flight jobs when the run is interrupted', async () => {
    const { emulator, deps } = await engine({
      concurrencyQuota: 2,
      principals: { [role('a')]: { neverFinish: true }, [role('b')]: { neverFinish: true } },
    })
    const abort = new AbortController()
    setTimeout(() => abort.abort(), 1_200)
    const outcomes = await generatePolicies(targets('a', 'b'), settings({ maxConcurrent: 2 }), {
      ...deps,
      signal: abort.signal,
    })
    expect(outcomes.map((o) => o.status)).toEqual(['timed-out', 'timed-out'])
    expect(emulator.calls('CancelPolicyGeneration')).toHaveLength(2)
    expect(emulator.inProgress()).toBe(0)
  })

  it('keeps at most max-concurrent jobs in flight, and waits out the account quota', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `p${i}`)
    const { emulator, deps } = await engine({
      concurrencyQuota: 5,
      principals: Object.fromEntries(names.map((n) => [role(n), { latencyMs: 300 }])),
    })
    const outcomes = await generatePolicies(targets(...names), settings({ maxConcurrent: 5 }), deps)
    expect(outcomes.every((o) => o.status === 'checked')).toBe(true)
    expect(emulator.maxInProgress).toBeLessThanOrEqual(5)
    expect(emulator.maxInProgress).toBeGreaterThan(1)

    // Asking for more than the account allows: ServiceQuotaExceeded means wait, not fail.
    const { emulator: tight, deps: tightDeps } = await (async () => {
      await emulator.close()
      return engine({
        concurrencyQuota: 1,
        principals: { [role('x')]: { latencyMs: 200 }, [role('y')]: { latencyMs: 200 } },
      })
    })()
    const both = await generatePolicies(targets('x', 'y'), settings({ maxConcurrent: 2 }), tightDeps)
    expect(both.map((o) => o.status)).toEqual(['checked', 'checked'])
    expect(tight.requests.some((r) => r.status === 402)).toBe(true)
    expect(tight.maxInProgress).toBe(1)
  })

  it('waits the same when a taken slot is answered 409 ConflictException, and says why', async () => {
    const { emulator, deps, log } = await engine({
      concurrencyQuota: 1,
      slotTakenError: 'ConflictException',
      principals: { [role('x')]: { latencyMs: 300 }, [role('y')]: { latencyMs: 300 } },
    })
    const both = await generatePolicies(targets('x', 'y'), settings({ maxConcurrent: 2 }), deps)
    expect(both.map((o) => o.status)).toEqual(['checked', 'checked'])
    expect(emulator.requests.some((r) => r.status === 409)).toBe(true)
    expect(emulator.maxInProgress).toBe(1)
    expect(
      log.some((m) => /another generation holds the account's slot \(ConflictException\); waiting$/.test(m)),
    ).toBe(true)
  })
})

describe('max-generations', () => {
  const inAccount = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`
  const A = '111122223333'
  const B = '444455556666'
  const trail = () => ({
    trails: [
      { cloudTrailArn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail', allRegions: true },
    ],
    accessRole: role('service-role/AccessAnalyzerMonitorServiceRole'),
    startTime: new Date(Date.now() - 30 * DAY).toISOString(),
  })

  it("starts each account's budget on the changed principals, then the stalest; the rest take an older result", async () => {
    const names = ['fresh', 'old', 'older', 'never', 'changed']
    const arns = [...names.map((n) => inAccount(A, n)), inAccount(B, 'other')]
    const { emulator, deps, log } = await engine({
      concurrencyQuota: 2,
      principals: Object.fromEntries(arns.map((arn) => [arn, { latencyMs: 100 }])),
    })
    // Older than reuse-max-age (1 day): 2 and 5 days old; `fresh` is within it, `never` has none.
    emulator.seedJob(inAccount(A, 'fresh'), trail(), 3_600_000)
    emulator.seedJob(inAccount(A, 'old'), trail(), 2 * DAY)
    emulator.seedJob(inAccount(A, 'older'), trail(), 5 * DAY)
    emulator.seedJob(inAccount(A, 'changed'), trail(), 3 * DAY)
    const targets = arns.map((arn) => ({
      principalArn: arn,
      clientToken: `run-7-1-${arn}`,
      changed: arn.endsWith('/changed'),
    }))
    const outcomes = await generatePolicies(
      targets,
      settings({ maxConcurrent: 2, reuseMaxAgeMs: DAY, maxGenerations: 2, olderResults: true }),
      deps,
    )
    const started = emulator.calls('StartPolicyGeneration').map((r) => {
      const body = r.body as { policyGenerationDetails: { principalArn: string } }
      return body.policyGenerationDetails.principalArn
    })
    // Account A: the changed principal, then the one never generated; account B has a budget of its own.
    expect(started.sort()).toEqual(
      [inAccount(A, 'changed'), inAccount(A, 'never'), inAccount(B, 'other')].sort(),
    )
    const by = new Map(outcomes.map((o) => [o.principalArn.split('/')[1], o]))
    expect(by.get('fresh')).toMatchObject({ status: 'checked', reused: true })
    // Past the budget: their newest older results stand in.
    expect(by.get('old')).toMatchObject({ status: 'checked', reused: true })
    expect(by.get('older')).toMatchObject({ status: 'checked', reused: true })
    expect(log.some((m) => /max-generations \(2\) reached in 111122223333: 2 principal/.test(m))).toBe(true)
  })

  it('leaves the principals past the budget to another source when older results are not wanted', async () => {
    const arns = ['a', 'b', 'c'].map((n) => inAccount(A, n))
    const { emulator, deps } = await engine({
      principals: Object.fromEntries(arns.map((arn) => [arn, { latencyMs: 100 }])),
    })
    emulator.seedJob(arns[2] as string, trail(), 3 * DAY)
    const outcomes = await generatePolicies(
      arns.map((arn) => ({ principalArn: arn, clientToken: `run-8-1-${arn}` })),
      settings({ reuseMaxAgeMs: DAY, maxGenerations: 1, olderResults: false }),
      deps,
    )
    // One start: the principal never generated before the one with a 3-day-old result.
    expect(outcomes.map((o) => o.status)).toEqual(['checked', 'over-budget', 'over-budget'])
    expect(outcomes[2]).toMatchObject({ lastCompleted: expect.any(Number) })
    expect(emulator.calls('StartPolicyGeneration')).toHaveLength(1)
  })

  it('reports a job failed for the daily quota with what to change, and does not retry it', async () => {
    const arns = ['a', 'b'].map((n) => inAccount(A, n))
    const { emulator, deps } = await engine({
      dailyQuota: 1,
      principals: Object.fromEntries(arns.map((arn) => [arn, { latencyMs: 100 }])),
    })
    const outcomes = await generatePolicies(
      arns.map((arn) => ({ principalArn: arn, clientToken: `run-9-1-${arn}` })),
      settings({ maxGenerations: 20 }),
      deps,
    )
    expect(outcomes.map((o) => o.status)).toEqual(['checked', 'failed'])
    const usage = toUsage(outcomes[1] as GenerationOutcome, 20_000)
    expect(usage.error?.code).toBe('SERVICE_QUOTA_EXCEEDED_ERROR')
    for (const advice of [
      'not retried',
      'max-generations',
      'usage-source: auto',
      'last-accessed',
      'reuse-max-age',
    ])
      expect(usage.error?.message).toContain(advice)
    expect(emulator.calls('StartPolicyGeneration')).toHaveLength(2)
  })
})

describe('watching several jobs in one account', () => {
  const seed = (emulator: AccessAnalyzerEmulator, count: number) => {
    const trail = { trails: [], accessRole: role('access'), startTime: new Date(0).toISOString() }
    for (let i = 0; i < count; i++) emulator.seedJob(role(`old-${i}`), trail, 2 * DAY + i * 60_000)
  }
  const accountListings = (emulator: AccessAnalyzerEmulator) =>
    emulator.calls('ListPolicyGenerations').filter((r) => !r.path.includes('principalArn='))

  it('looks at all of them with one listing of the account, and fetches each once it has ended', async () => {
    // Three 1.8 s jobs at once: each polled on its own at 1 s, 1.5 s and 1.88 s would be nine calls.
    const { emulator, deps } = await engine({
      concurrencyQuota: 3,
      principals: Object.fromEntries(['a', 'b', 'c'].map((n) => [role(n), { latencyMs: 1_800 }])),
    })
    const outcomes = await generatePolicies(targets('a', 'b', 'c'), settings({ maxConcurrent: 3 }), deps)
    expect(outcomes.map((o) => o.status)).toEqual(['checked', 'checked', 'checked'])
    expect(accountListings(emulator).length).toBeGreaterThan(0)
    const gets = emulator.calls('GetGeneratedPolicy').length
    expect(gets).toBeGreaterThanOrEqual(3)
    expect(gets + accountListings(emulator).length).toBeLessThan(9)
  })

  it('pages only until it has seen the jobs it watches', async () => {
    const { emulator } = await engine({ concurrencyQuota: 2 })
    seed(emulator, 250)
    const api = sdkGenerationApi(emulator.client())
    const input = {
      trails: settings().trails,
      accessRoleArn: role('access'),
      startTime: new Date(Date.now() - DAY),
      endTime: new Date(),
    }
    const ids = new Set([
      await api.start({ ...input, principalArn: role('a'), clientToken: 'a' }),
      await api.start({ ...input, principalArn: role('b'), clientToken: 'b' }),
    ])
    // The emulator lists newest first: both are on the first page of 100.
    const newest = await api.listRecent(ids)
    expect(newest.pages).toBe(1)
    expect(newest.jobs.filter((j) => ids.has(j.jobId))).toHaveLength(2)
    // A job the account does not have: every page is read (252 generations, three pages), and no more.
    const all = await api.listRecent(new Set([...ids, 'gone']))
    expect(all.pages).toBe(3)
    expect(all.jobs).toHaveLength(252)
  })

  it('polls each job on its own once a listing takes as many pages as there are jobs', async () => {
    // Oldest first (the service documents no order), behind 250 older generations: three pages for three jobs.
    const { emulator, deps } = await engine({
      concurrencyQuota: 3,
      listOrder: 'oldest-first',
      principals: Object.fromEntries(['a', 'b', 'c'].map((n) => [role(n), { latencyMs: 1_800 }])),
    })
    seed(emulator, 250)
    const outcomes = await generatePolicies(targets('a', 'b', 'c'), settings({ maxConcurrent: 3 }), deps)
    expect(outcomes.map((o) => o.status)).toEqual(['checked', 'checked', 'checked'])
    expect(accountListings(emulator)).toHaveLength(3)
    expect(emulator.calls('GetGeneratedPolicy').length).toBeGreaterThanOrEqual(6)
    expect(emulator.calls('GetGeneratedPolicy').length).toBeGreaterThanOrEqual(6)
  })

  /**
   * Jobs a and b, started at 0 and ending at `ends`, two slots, on a simulated clock over a fake API
   * whose listing is `listRecent`: the outcomes, each GetGeneratedPolicy (job, time) and the log.
   */
  async function twoJobs(ends: Record<string, number>, listRecent: GenerationApi['listRecent']) {
    const world = { clock: 0 }
    const gets: { jobId: string; at: number }[] = []
    const log: string[] = []
    const api: GenerationApi = {
      start: async (input) => input.principalArn.split('/')[1] as string,
      get: async (jobId) => {
        gets.push({ jobId, at: world.clock })
        return {
          ...summary(jobId, ends, world.clock >= (ends[jobId] as number)),
          error: undefined,
          isComplete: true,
          policies: ['{"Version":"2012-10-17","Statement":[]}'],
          trails: undefined,
          window: undefined,
        }
      },
      list: async () => [],
      listRecent,
      cancel: async () => {},
    }
    const outcomes = await generatePolicies(
      targets('a', 'b'),
      settings({ maxConcurrent: 2, waitTimeoutMs: 3_600_000 }),
      {
        api,
        now: () => world.clock,
        sleep: async (ms: number) => {
          world.clock += ms
        },
        random: () => 0.5,
        log: (m) => log.push(m),
      },
    )
    return { outcomes, gets, log }
  }
  const summary = (jobId: string, ends: Record<string, number>, done: boolean) => ({
    jobId,
    status: done ? ('SUCCEEDED' as const) : ('IN_PROGRESS' as const),
    startedOn: 0,
    completedOn: done ? ends[jobId] : undefined,
  })

  it('still sees the end of a job a lagging listing shows running', async () => {
    // The listing never catches up: each job's end is seen by a GetGeneratedPolicy all the same.
    const ends = { a: 30_000, b: 45_000 }
    const { outcomes, gets } = await twoJobs(ends, async (wanted) => ({
      jobs: [...wanted].map((id) => summary(id, ends, false)),
      pages: 1,
    }))
    expect(outcomes.map((o) => o.status)).toEqual(['checked', 'checked'])
    // Fetched at the first of their polls a minute or more after they started (a step of 25 % of that
    // age at most): the listing stood for every poll before.
    for (const [jobId, end] of Object.entries(ends)) {
      const seen = gets.find((g) => g.jobId === jobId && g.at >= end)
      expect(seen?.at).toBeLessThanOrEqual(60_000 * 1.25 + 1_000)
    }
  })

  it('polls each job on its own when the listing fails, and says so', async () => {
    let listings = 0
    const { outcomes, gets, log } = await twoJobs({ a: 40_000, b: 70_000 }, async () => {
      listings++
      throw Object.assign(new Error('not authorized to list'), {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 403 },
      })
    })
    expect(outcomes.map((o) => o.status)).toEqual(['checked', 'checked'])
    expect(listings).toBe(1)
    expect(log.filter((l) => l.includes('each generation is polled on its own'))).toHaveLength(1)
    expect(new Set(gets.map((g) => g.jobId))).toEqual(new Set(['a', 'b']))
    expect(gets.length).toBeGreaterThan(4)
  })
})

/** An engine on a simulated clock over a fake API: `start` and `get` as given; list is empty; cancels recorded. */
function fakeClock(start: string, get: GenerationApi['get']) {
  const world = { clock: 0, cancelled: [] as string[] }
  const deps = {
    api: {
      start: async () => start,
      get,
      list: async () => [],
      listRecent: async () => ({ jobs: [], pages: 1 }),
      cancel: async (id: string) => {
        world.cancelled.push(id)
      },
    },
    now: () => world.clock,
    sleep: async (ms: number) => {
      world.clock += ms
    },
    random: () => 0.5,
    log: () => {},
  }
  return { world, deps }
}

describe('generatePolicies on a fake clock', () => {
  it('cancels a job it stopped watching after an error, and reports the error', async () => {
    const { world, deps } = fakeClock('job-1', async () => {
      throw Object.assign(new Error('not allowed'), {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 403 },
      })
    })
    const outcomes = await generatePolicies(
      [{ principalArn: role('a'), clientToken: 't' }],
      settings({ reuseMaxAgeMs: 0 }),
      deps,
    )
    expect(outcomes).toEqual([
      {
        principalArn: role('a'),
        status: 'failed',
        jobId: 'job-1',
        error: { code: 'AccessDeniedException', message: 'not allowed' },
      },
    ])
    expect(world.cancelled).toEqual(['job-1'])
  })

  it('times out on the injected clock, without waiting for real time', async () => {
    const { world, deps } = fakeClock('job-2', async (jobId) => ({
      jobId,
      status: 'IN_PROGRESS',
      startedOn: 0,
      completedOn: undefined,
      error: undefined,
      isComplete: undefined,
      policies: [],
      trails: undefined,
      window: undefined,
    }))
    const outcomes = await generatePolicies(
      [{ principalArn: role('a'), clientToken: 't' }],
      settings({ waitTimeoutMs: 3_600_000 }),
      deps,
    )
    expect(outcomes[0]).toMatchObject({ status: 'timed-out', jobId: 'job-2' })
    expect(world.cancelled).toEqual(['job-2'])
    expect(world.clock).toBe(3_600_000)
  })

  it("polls a principal's first job from what the other principals' last generations took", async () => {
    // b has never been generated; a's last generation took 5 minutes. b's job (unknown length) runs first.
    const world = { clock: 0 }
    const started = new Map<string, number>()
    const polls: number[] = []
    const api: GenerationApi = {
      start: async (input) => {
        started.set(input.principalArn, world.clock)
        return input.principalArn
      },
      get: async (jobId) => {
        const at = started.get(jobId) as number
        if (jobId === role('b')) polls.push(world.clock - at)
        const end = at + (jobId === role('b') ? 240_000 : 300_000)
        const done = world.clock >= end
        return {
          jobId,
          status: done ? 'SUCCEEDED' : 'IN_PROGRESS',
          startedOn: at,
          completedOn: done ? end : undefined,
          error: undefined,
          isComplete: true,
          policies: ['{"Version":"2012-10-17","Statement":[]}'],
          trails: undefined,
          window: undefined,
        }
      },
      list: async (arn) =>
        arn === role('a')
          ? [{ jobId: 'old', status: 'SUCCEEDED', startedOn: -DAY, completedOn: -DAY + 300_000 }]
          : [],
      listRecent: async () => ({ jobs: [], pages: 1 }),
      cancel: async () => {},
    }
    const outcomes = await generatePolicies(
      [
        { principalArn: role('a'), clientToken: 'ta' },
        { principalArn: role('b'), clientToken: 'tb' },
      ],
      settings({ waitTimeoutMs: 3_600_000 }),
      {
        api,
        now: () => world.clock,
        sleep: async (ms: number) => {
          world.clock += ms
        },
        random: () => 0.5,
        log: () => {},
      },
    )
    expect(outcomes.map((o) => o.status)).toEqual(['checked', 'checked'])
    // With nothing known it would be polled at 1 s, then every 25 % more: ~25 polls to reach 4 minutes.
    expect(polls[0]).toBeGreaterThan(10_000)
    expect(polls.length).toBeLessThanOrEqual(8)
  })
})
