// Generation scheduling figures for `npm run bench`: the engine with the real SDK client against the
// Access Analyzer emulator, wall time over the ideal schedule (the makespan of the jobs' latencies under
// the concurrency cap), and polls per job (GetGeneratedPolicy calls and the account's listings); plus the polls a 10-minute job costs, on a simulated clock.
import { sdkGenerationApi } from '../src/aws/generation-api.js'
import { generatePolicies } from '../src/aws/generation-engine.js'
import { PollSchedule } from '../src/aws/poll-schedule.js'
import { realSleep } from '../src/aws/retry.js'
import { AccessAnalyzerEmulator } from '../test/world/access-analyzer.js'

export interface ScheduleCase {
  readonly principals: number
  /** One latency for all jobs, or one per job (cycled). */
  readonly latencyMs: number | readonly number[]
  readonly cap: number
}

export interface ScheduleFigures {
  readonly wallMs: number
  readonly idealMs: number
  readonly ratio: number
  /** Wall time over the in-order makespan: what polling loses, the order aside. */
  readonly pollingRatio: number
  /** Calls that looked at jobs (GetGeneratedPolicy, and ListPolicyGenerations of the account), per job. */
  readonly pollsPerJob: number
  /** Of those, ListPolicyGenerations pages, each looking at every job in flight. */
  readonly listings: number
  /** The most GetGeneratedPolicy calls one job had. */
  readonly maxPolls: number
  readonly maxInProgress: number
}

export async function measureSchedule(c: ScheduleCase): Promise<ScheduleFigures> {
  const arns = Array.from({ length: c.principals }, (_, i) => `arn:aws:iam::111122223333:role/bench-${i}`)
  const latencies = arns.map((_, i) =>
    typeof c.latencyMs === 'number' ? c.latencyMs : (c.latencyMs[i % c.latencyMs.length] as number),
  )
  const emulator = await AccessAnalyzerEmulator.start({
    concurrencyQuota: c.cap,
    principals: Object.fromEntries(arns.map((arn, i) => [arn, { latencyMs: latencies[i] as number }])),
  })
  const client = emulator.client()
  try {
    const end = new Date()
    const started = performance.now()
    const outcomes = await generatePolicies(
      arns.map((arn, i) => ({ principalArn: arn, clientToken: `bench-${i}` })),
      {
        trails: [
          { arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail', allRegions: true, regions: [] },
        ],
        accessRoleArn: 'arn:aws:iam::111122223333:role/service-role/AccessAnalyzerMonitorServiceRole',
        startTime: new Date(end.getTime() - 30 * 86_400_000),
        endTime: end,
        includeServiceLevelTemplate: false,
        maxConcurrent: c.cap,
        waitTimeoutMs: 600_000,
        reuseMaxAgeMs: 0,
      },
      { api: sdkGenerationApi(client), now: Date.now, sleep: realSleep, random: Math.random, log: () => {} },
    )
    const wallMs = performance.now() - started
    if (outcomes.some((o) => o.status !== 'checked')) throw new Error('a bench job did not succeed')
    const idealMs = longestFirst(latencies, c.cap)
    const perJob = new Map<string, number>()
    for (const call of emulator.calls('GetGeneratedPolicy'))
      perJob.set(call.path, (perJob.get(call.path) ?? 0) + 1)
    // Listings of one principal's generations are the run's planning; the account's are looks.
    const listings = emulator
      .calls('ListPolicyGenerations')
      .filter((call) => !call.path.includes('principalArn=')).length
    return {
      maxPolls: Math.max(...perJob.values()),
      pollingRatio: wallMs / inOrder(latencies, c.cap),
      wallMs,
      idealMs,
      ratio: wallMs / idealMs,
      pollsPerJob: (emulator.calls('GetGeneratedPolicy').length + listings) / c.principals,
      listings,
      maxInProgress: emulator.maxInProgress,
    }
  } finally {
    client.destroy()
    await emulator.close()
  }
}

/**
 * The makespan of `latencies` on `slots` when they are known in advance and dealt longest first to the
 * least loaded slot (within 4/3 of the best; for equal jobs, the best).
 */
export function longestFirst(latencies: readonly number[], slots: number): number {
  return inOrder(
    [...latencies].sort((a, b) => b - a),
    slots,
  )
}

/**
 * The makespan of `latencies` on `slots` taken in the given order, each started the moment a slot frees:
 * the best a run can do when it cannot know the lengths (a first run), with every end seen at once.
 */
export function inOrder(latencies: readonly number[], slots: number): number {
  const loads = Array.from({ length: slots }, () => 0)
  for (const l of latencies) {
    const i = loads.indexOf(Math.min(...loads))
    loads[i] = (loads[i] as number) + l
  }
  return Math.max(...loads)
}

/** Polls of one job of `durationMs` under the schedule, on a simulated clock (no other job finished first). */
export function pollsFor(durationMs: number): number {
  const schedule = new PollSchedule()
  let t = 0
  let polls = 0
  while (t < durationMs) {
    t += schedule.nextDelay(t)
    polls++
  }
  return polls
}
