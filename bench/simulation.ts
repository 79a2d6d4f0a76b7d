// The generation engine on a simulated clock, for `npm run bench`: hours of jobs in milliseconds. A
// discrete-event clock (the engine's injected sleep waits for it; when every task waits, it jumps to
// the earliest wake-up) and a fake Access Analyzer with the service's rules: one job in progress per
// account (a start past it is ServiceQuotaExceeded), each job's duration fixed in advance, and, when
// asked, each principal's previous generation with the duration of this one give or take 10 %.
import type { GenerationApi, JobSnapshot, JobSummary } from '../src/aws/generation-api.js'
import { generatePolicies } from '../src/aws/generation-engine.js'
import { PollSchedule } from '../src/aws/poll-schedule.js'
import { inOrder } from './scheduling.js'

/** A clock that only moves when every task is waiting on it. */
class SimulatedClock {
  now = 0
  private readonly timers: { at: number; wake: () => void }[] = []

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve()
      const abort = () => {
        const i = this.timers.indexOf(timer)
        if (i >= 0) this.timers.splice(i, 1)
        resolve()
      }
      const timer = {
        at: this.now + Math.max(0, ms),
        wake: () => {
          signal?.removeEventListener('abort', abort)
          resolve()
        },
      }
      this.timers.push(timer)
      signal?.addEventListener('abort', abort, { once: true })
    })

  /** Runs `task` to its end, moving the clock to each next wake-up when nothing else can run. */
  async run<T>(task: Promise<T>): Promise<T> {
    let done = false
    let result: T | undefined
    task.then((r) => {
      done = true
      result = r
    })
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve))
      if (done) break
      if (this.timers.length === 0)
        throw new Error('simulation: nothing to wait for, and the task is not done')
      let next = 0
      for (let i = 1; i < this.timers.length; i++)
        if ((this.timers[i]?.at as number) < (this.timers[next]?.at as number)) next = i
      const [timer] = this.timers.splice(next, 1)
      if (!timer) break
      this.now = Math.max(this.now, timer.at)
      timer.wake()
    }
    return result as T
  }
}

export interface SimulatedRun {
  /** Simulated wall time of the run, ms. */
  readonly wallMs: number
  /** The ideal: per account, its jobs' durations packed on its slots (the serial sum for one slot); the slowest account. */
  readonly idealMs: number
  /**
   * The same jobs in the order the run started them, each end seen the moment it happens: what the
   * order alone costs (a first run cannot know the lengths), so wall / this is what polling costs.
   */
  readonly inOrderMs: number
  readonly getCalls: number
  /** ListPolicyGenerations pages read to look at several jobs at once. */
  readonly listCalls: number
  readonly jobs: number
}

/**
 * Generations of `durations` (ms, by account) on the simulated clock: each account's engine runs in
 * parallel, as the action runs accounts, with `slots` in progress per account. With `history`, each
 * principal has a previous generation that took its duration ±10 %.
 */
export async function simulate(
  durations: readonly (readonly number[])[],
  options: { readonly slots: number; readonly history: boolean; readonly seed?: number },
): Promise<SimulatedRun> {
  const clock = new SimulatedClock()
  let seed = options.seed ?? 7
  const random = () => {
    seed = (seed * 16807) % 2147483647
    return seed / 2147483647
  }
  let getCalls = 0
  let listCalls = 0
  // One schedule for the run, shared by the accounts, as the action shares it.
  const schedule = new PollSchedule()
  const startOrders: number[][] = []
  const runs = durations.map((jobs, a) => {
    const account = String(100000000000 + a)
    const arn = (i: number) => `arn:aws:iam::${account}:role/p${i}`
    const duration = new Map(jobs.map((d, i) => [arn(i), d]))
    const started = new Map<string, { arn: string; at: number }>()
    const startOrder: number[] = []
    startOrders.push(startOrder)
    let ids = 0
    const inProgress = () =>
      [...started.values()].filter((j) => clock.now < j.at + (duration.get(j.arn) as number)).length
    /** A job as the service shows it now: ended once its duration has passed. */
    const summary = (jobId: string) => {
      const job = started.get(jobId) as { arn: string; at: number }
      const end = job.at + (duration.get(job.arn) as number)
      const done = clock.now >= end
      return {
        jobId,
        status: done ? ('SUCCEEDED' as const) : ('IN_PROGRESS' as const),
        startedOn: job.at,
        completedOn: done ? end : undefined,
      }
    }
    const api: GenerationApi = {
      async start(input) {
        if (inProgress() >= options.slots)
          throw Object.assign(new Error('quota'), {
            name: 'ServiceQuotaExceededException',
            $metadata: { httpStatusCode: 402 },
          })
        const jobId = `job-${account}-${ids++}`
        started.set(jobId, { arn: input.principalArn, at: clock.now })
        startOrder.push(duration.get(input.principalArn) as number)
        return jobId
      },
      async get(jobId): Promise<JobSnapshot> {
        getCalls++
        return {
          ...summary(jobId),
          error: undefined,
          isComplete: true,
          policies: ['{"Version":"2012-10-17","Statement":[]}'],
          trails: undefined,
          window: undefined,
        }
      },
      async list(principalArn): Promise<JobSummary[]> {
        if (!options.history) return []
        // Last week's generation: as long as this one, give or take 10 %.
        const d = (duration.get(principalArn) as number) * (0.9 + 0.2 * random())
        return [
          {
            jobId: `old-${principalArn}`,
            status: 'SUCCEEDED',
            startedOn: -7 * 86_400_000,
            completedOn: -7 * 86_400_000 + d,
          },
        ]
      },
      async listRecent() {
        listCalls++
        return { pages: 1, jobs: [...started.keys()].map(summary) }
      },
      async cancel() {},
    }
    return generatePolicies(
      jobs.map((_, i) => ({ principalArn: arn(i), clientToken: `t-${account}-${i}` })),
      {
        trails: [],
        accessRoleArn: 'arn:aws:iam::111122223333:role/access',
        startTime: new Date(0),
        endTime: new Date(0),
        includeServiceLevelTemplate: false,
        maxConcurrent: options.slots,
        waitTimeoutMs: 365 * 86_400_000,
        reuseMaxAgeMs: 0,
      },
      { api, now: () => clock.now, sleep: clock.sleep, random, log: () => {}, schedule },
    )
  })
  const outcomes = (await clock.run(Promise.all(runs))).flat()
  if (outcomes.some((o) => o.status !== 'checked')) throw new Error('simulation: a job did not succeed')
  return {
    wallMs: clock.now,
    idealMs: Math.max(...durations.map((jobs) => packed(jobs, options.slots))),
    inOrderMs: Math.max(...startOrders.map((jobs) => inOrder(jobs, options.slots))),
    getCalls,
    listCalls,
    jobs: outcomes.length,
  }
}

/**
 * A lower bound of the best makespan of `jobs` on `slots`: the longest job, or the total spread evenly.
 * Exact for one slot (the serial sum).
 */
function packed(jobs: readonly number[], slots: number): number {
  const total = jobs.reduce((a, b) => a + b, 0)
  return Math.max(Math.max(...jobs), total / slots)
}

/** Durations (ms) by kind, from a seeded generator: uniform, mixed (log-uniform 3 s to 15 min), heavy-tailed. */
export function durations(kind: 'uniform' | 'mixed' | 'heavy-tailed', count: number, seed = 1): number[] {
  let s = seed
  const random = () => {
    s = (s * 16807) % 2147483647
    return s / 2147483647
  }
  return Array.from({ length: count }, () => {
    if (kind === 'uniform') return 60_000
    if (kind === 'mixed') return Math.round(3_000 * (900_000 / 3_000) ** random())
    // Pareto, shape 1.2, from 5 s, capped at 15 min: most are short, a few take long.
    return Math.round(Math.min(900_000, 5_000 / (1 - random()) ** (1 / 1.2)))
  })
}
