// Generation scheduling figures for `npm run bench`: the engine with the real SDK client against the
// Access Analyzer emulator, wall time over the ideal schedule (the makespan of the jobs' latencies under
// the concurrency cap), and polls per job; plus the polls a 10-minute job costs, on a simulated clock.
import { sdkGenerationApi } from '../src/aws/generation-api.js'
import { generatePolicies } from '../src/aws/generation-engine.js'
import { PollSchedule } from '../src/aws/poll-schedule.js'
import { realSleep } from '../src/aws/retry.js'
import { AccessAnalyzerEmulator } from '../test/world/access-analyzer.js'

export interface ScheduleCase {
  readonly principals: number
  readonly latencyMs: number
  readonly cap: number
  readonly maxRatio: number
}

export interface ScheduleFigures {
  readonly wallMs: number
  readonly idealMs: number
  readonly ratio: number
  readonly pollsPerJob: number
  readonly maxInProgress: number
}

export async function measureSchedule(c: ScheduleCase): Promise<ScheduleFigures> {
  const arns = Array.from({ length: c.principals }, (_, i) => `arn:aws:iam::111122223333:role/bench-${i}`)
  const emulator = await AccessAnalyzerEmulator.start({
    concurrencyQuota: c.cap,
    principals: Object.fromEntries(arns.map((arn) => [arn, { latencyMs: c.latencyMs }])),
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
    const idealMs = Math.ceil(c.principals / c.cap) * c.latencyMs
    return {
      wallMs,
      idealMs,
      ratio: wallMs / idealMs,
      pollsPerJob: emulator.calls('GetGeneratedPolicy').length / c.principals,
      maxInProgress: emulator.maxInProgress,
    }
  } finally {
    client.destroy()
    await emulator.close()
  }
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
