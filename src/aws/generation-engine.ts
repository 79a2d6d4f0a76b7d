import type { TrailConfig } from '../config/config-file.js'
import type { GenerationApi, JobSnapshot } from './generation-api.js'
import { type Sleep, withRetry } from './retry.js'

/** One principal to get a generated policy for. */
export interface GenerationTarget {
  readonly principalArn: string
  /** Derived from repository, run id, run attempt and principal: a retried start never starts a second job. */
  readonly clientToken: string
}

export interface GenerationSettings {
  readonly trails: readonly TrailConfig[]
  readonly accessRoleArn: string
  readonly startTime: Date
  readonly endTime: Date
  readonly includeServiceLevelTemplate: boolean
  readonly maxConcurrent: number
  readonly waitTimeoutMs: number
  /** 0 = never reuse. */
  readonly reuseMaxAgeMs: number
}

export interface EngineDeps {
  readonly api: GenerationApi
  readonly now: () => number
  readonly sleep: Sleep
  readonly random: () => number
  readonly log: (message: string) => void
  /** Aborted on SIGTERM/SIGINT: jobs in flight are cancelled, and the engine returns. */
  readonly signal?: AbortSignal
  /** A job was started (to be recorded for the post step) or has ended (and can be forgotten). */
  readonly onStarted?: (jobId: string) => void
  readonly onEnded?: (jobId: string) => void
}

export type GenerationOutcome =
  | {
      readonly principalArn: string
      readonly status: 'checked'
      readonly jobId: string
      readonly reused: boolean
      readonly snapshot: JobSnapshot
    }
  | {
      readonly principalArn: string
      readonly status: 'failed'
      readonly jobId: string | null
      readonly error: { readonly code: string; readonly message: string }
    }
  | { readonly principalArn: string; readonly status: 'timed-out'; readonly jobId: string | null }

const FIRST_POLL_MS = 1_000
const MIN_POLL_STEP_MS = 500
const POLL_GROWTH = 1.25
const MAX_POLL_STEP_MS = 30_000
const NEAR_ESTIMATE_STEP_MS = 250
const QUOTA_WAIT_MS = 2_000
const PROGRESS_EVERY_MS = 30_000
const DAY_MS = 86_400_000

/**
 * When to poll a job next, from how long it has been running. Cheap for long jobs, quick for short
 * ones: until a job of this run has finished, polls follow a geometric schedule (1 s, then +25 %, at
 * least 0.5 s and at most 30 s apart); once one has, later jobs are polled just after the typical
 * duration (the median seen so far) and every 250 ms around it, so a slot is handed on almost as soon
 * as it frees.
 */
export class PollSchedule {
  private readonly durations: number[] = []

  /** Records a finished job's duration, as the service reports it. */
  observe(durationMs: number): void {
    if (durationMs > 0) this.durations.push(durationMs)
  }

  get estimateMs(): number | undefined {
    if (this.durations.length === 0) return undefined
    const sorted = [...this.durations].sort((a, b) => a - b)
    return sorted[Math.floor(sorted.length / 2)]
  }

  /** Milliseconds from now to the next poll of a job that has run `elapsedMs` (and was polled `polls` times). */
  nextDelay(elapsedMs: number): number {
    const estimate = this.estimateMs
    if (estimate !== undefined) {
      if (elapsedMs < estimate) return estimate - elapsedMs + 50
      if (elapsedMs < estimate * 1.5) return NEAR_ESTIMATE_STEP_MS
    }
    if (elapsedMs < FIRST_POLL_MS) return FIRST_POLL_MS - elapsedMs
    const step = Math.max(MIN_POLL_STEP_MS, elapsedMs * (POLL_GROWTH - 1))
    return Math.min(MAX_POLL_STEP_MS, step)
  }
}

/**
 * Gets a generated policy for every target from IAM Access Analyzer: reuses a recent matching
 * generation where there is one, otherwise starts one, with at most `maxConcurrent` in flight (a new
 * one starts the moment a slot frees), and polls until each ends. Jobs still running at the timeout,
 * or when `signal` aborts, are cancelled. One principal's failure never stops the others.
 */
export async function generatePolicies(
  targets: readonly GenerationTarget[],
  settings: GenerationSettings,
  deps: EngineDeps,
): Promise<GenerationOutcome[]> {
  const started = deps.now()
  const deadline = started + settings.waitTimeoutMs
  const schedule = new PollSchedule()
  const outcomes = new Map<string, GenerationOutcome>()
  const running = new Map<string, string>() // principal -> job id
  const orphans = new Set<string>() // started jobs whose end we did not see
  const queue = [...targets]
  const stop = new AbortController()
  const onAbort = () => stop.abort()
  deps.signal?.addEventListener('abort', onAbort, { once: true })
  // Waits on the injected clock, never past the deadline; reaching it stops everything.
  const pause = async (ms: number) => {
    await deps.sleep(Math.max(0, Math.min(ms, deadline - deps.now())), stop.signal)
    if (deps.now() >= deadline) stop.abort()
  }
  const retry = <T>(call: () => Promise<T>, what: string) =>
    withRetry(call, {
      sleep: deps.sleep,
      random: deps.random,
      signal: stop.signal,
      deadline,
      now: deps.now,
      onRetry: (error, attempt, delay) =>
        deps.log(
          `${what}: ${(error as Error).name ?? 'error'} (${(error as Error).message}); retry ${attempt + 1} in ${Math.round(delay)} ms`,
        ),
    })

  let lastProgress = started
  const progress = () => {
    if (deps.now() - lastProgress < PROGRESS_EVERY_MS) return
    lastProgress = deps.now()
    deps.log(
      `Policy generation: ${outcomes.size} done, ${running.size} running, ${queue.length} queued, ` +
        `${Math.round((deps.now() - started) / 1000)} s elapsed`,
    )
  }

  async function reusable(target: GenerationTarget): Promise<JobSnapshot | undefined> {
    if (settings.reuseMaxAgeMs <= 0) return undefined
    const oldest = deps.now() - settings.reuseMaxAgeMs
    const candidates = (await retry(() => deps.api.list(target.principalArn), 'ListPolicyGenerations'))
      .filter((j) => j.status === 'SUCCEEDED' && (j.completedOn ?? 0) >= oldest)
      .sort((a, b) => (b.completedOn ?? 0) - (a.completedOn ?? 0))
      .slice(0, 3)
    for (const candidate of candidates) {
      const snapshot = await retry(
        () => deps.api.get(candidate.jobId, settings.includeServiceLevelTemplate),
        'GetGeneratedPolicy',
      )
      if (sameScope(snapshot, settings)) return snapshot
    }
    return undefined
  }

  async function startJob(target: GenerationTarget): Promise<string | undefined> {
    const input = {
      principalArn: target.principalArn,
      trails: settings.trails,
      accessRoleArn: settings.accessRoleArn,
      startTime: settings.startTime,
      endTime: settings.endTime,
      clientToken: target.clientToken,
    }
    // ServiceQuotaExceeded on start means another generation holds the account's slot (ours or
    // another run's): wait for it, do not fail.
    while (!stop.signal.aborted) {
      try {
        return await retry(() => deps.api.start(input), `StartPolicyGeneration ${target.principalArn}`)
      } catch (error) {
        if ((error as Error).name !== 'ServiceQuotaExceededException') throw error
        deps.log(
          `StartPolicyGeneration ${target.principalArn}: no free generation slot in the account yet; waiting`,
        )
        await pause(QUOTA_WAIT_MS / 2 + deps.random() * QUOTA_WAIT_MS)
      }
    }
    return undefined
  }

  async function waitFor(
    target: GenerationTarget,
    jobId: string,
    startedAt: number,
  ): Promise<GenerationOutcome> {
    for (;;) {
      await pause(schedule.nextDelay(deps.now() - startedAt))
      if (stop.signal.aborted) return { principalArn: target.principalArn, status: 'timed-out', jobId }
      const snapshot = await retry(
        () => deps.api.get(jobId, settings.includeServiceLevelTemplate),
        'GetGeneratedPolicy',
      )
      progress()
      if (snapshot.status === 'IN_PROGRESS') continue
      if (snapshot.completedOn) schedule.observe(snapshot.completedOn - snapshot.startedOn)
      if (snapshot.status === 'SUCCEEDED')
        return { principalArn: target.principalArn, status: 'checked', jobId, reused: false, snapshot }
      const error = snapshot.error ?? { code: snapshot.status, message: `the job ended ${snapshot.status}` }
      return { principalArn: target.principalArn, status: 'failed', jobId, error }
    }
  }

  async function handle(target: GenerationTarget): Promise<GenerationOutcome> {
    const reused = await reusable(target)
    if (reused) {
      deps.log(
        `${target.principalArn}: reusing generation ${reused.jobId} (completed ${new Date(reused.completedOn ?? 0).toISOString()})`,
      )
      return {
        principalArn: target.principalArn,
        status: 'checked',
        jobId: reused.jobId,
        reused: true,
        snapshot: reused,
      }
    }
    const jobId = await startJob(target)
    if (!jobId) return { principalArn: target.principalArn, status: 'timed-out', jobId: null }
    running.set(target.principalArn, jobId)
    deps.onStarted?.(jobId)
    deps.log(`${target.principalArn}: started generation ${jobId}`)
    try {
      return await waitFor(target, jobId, deps.now())
    } catch (error) {
      // The job may still be running: it must be cancelled like a timed-out one, whatever stopped us.
      orphans.add(jobId)
      if (stop.signal.aborted || deps.now() >= deadline)
        return { principalArn: target.principalArn, status: 'timed-out', jobId }
      const e = error as Error
      return {
        principalArn: target.principalArn,
        status: 'failed',
        jobId,
        error: { code: e.name ?? 'Error', message: e.message },
      }
    } finally {
      running.delete(target.principalArn)
    }
  }

  async function worker(): Promise<void> {
    for (let target = queue.shift(); target; target = queue.shift()) {
      if (stop.signal.aborted) {
        outcomes.set(target.principalArn, {
          principalArn: target.principalArn,
          status: 'timed-out',
          jobId: null,
        })
        continue
      }
      let outcome: GenerationOutcome
      try {
        outcome = await handle(target)
      } catch (error) {
        const e = error as Error
        outcome =
          stop.signal.aborted || deps.now() >= deadline
            ? {
                principalArn: target.principalArn,
                status: 'timed-out',
                jobId: running.get(target.principalArn) ?? null,
              }
            : {
                principalArn: target.principalArn,
                status: 'failed',
                jobId: null,
                error: { code: e.name ?? 'Error', message: e.message },
              }
      }
      outcomes.set(target.principalArn, outcome)
      // A job seen to end is forgotten now; one timed out or stopped watching, once it is cancelled.
      const ended = outcome.status !== 'timed-out' && outcome.jobId && !orphans.has(outcome.jobId)
      if (ended && !(outcome.status === 'checked' && outcome.reused)) deps.onEnded?.(outcome.jobId as string)
    }
  }

  try {
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(settings.maxConcurrent, targets.length)) }, worker),
    )
  } finally {
    deps.signal?.removeEventListener('abort', onAbort)
  }

  // No path leaves a job running: cancel what timed out or was interrupted (fresh deadline: the run's is gone).
  const leftovers = [...outcomes.values()].filter(
    (o) => o.jobId && (o.status === 'timed-out' || orphans.has(o.jobId)),
  )
  await Promise.all(
    leftovers.map(async (o) => {
      const jobId = o.jobId as string
      try {
        await withRetry(() => deps.api.cancel(jobId), {
          sleep: deps.sleep,
          random: deps.random,
          deadline: deps.now() + 20_000,
          now: deps.now,
        })
        deps.log(`${o.principalArn}: ${why(o)}; generation ${jobId} cancelled`)
        deps.onEnded?.(jobId)
      } catch (error) {
        deps.log(
          `${o.principalArn}: ${why(o)}; cancelling generation ${jobId} failed: ${(error as Error).message}`,
        )
      }
    }),
  )
  return targets.map(
    (t) => outcomes.get(t.principalArn) ?? { principalArn: t.principalArn, status: 'timed-out', jobId: null },
  )
}

function why(outcome: GenerationOutcome): string {
  return outcome.status === 'timed-out' ? 'timed out' : 'stopped waiting after an error'
}

/**
 * Whether a finished generation covers what this run would ask for: the same trails (and regions), and
 * a CloudTrail window of the same length (within a day) — its end is at most `reuseMaxAge` old by
 * construction of the candidates.
 */
function sameScope(snapshot: JobSnapshot, settings: GenerationSettings): boolean {
  if (snapshot.status !== 'SUCCEEDED' || !snapshot.trails || !snapshot.window) return false
  const key = (t: TrailConfig) => `${t.arn}|${t.allRegions ? '*' : [...t.regions].sort().join(',')}`
  const want = settings.trails.map(key).sort().join(' ')
  const have = snapshot.trails.map(key).sort().join(' ')
  const span = Date.parse(snapshot.window.end) - Date.parse(snapshot.window.start)
  const wantSpan = settings.endTime.getTime() - settings.startTime.getTime()
  return want === have && Math.abs(span - wantSpan) <= DAY_MS
}
