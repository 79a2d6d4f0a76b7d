import type { TrailConfig } from '../config/config-file.js'
import { accountOf } from '../vocabulary/accounts.js'
import { DAY_MS } from '../vocabulary/time.js'
import { cancelWithRetry } from './cancel-jobs.js'
import type { GenerationApi, JobSnapshot, JobSummary } from './generation-api.js'
import { JobWatch } from './job-watch.js'
import { PollSchedule } from './poll-schedule.js'
import { eachLimited, type PollingDeps, retryLogged } from './retry.js'

/** One principal to get a generated policy for. */
export interface GenerationTarget {
  readonly principalArn: string
  /** Derived from repository, run id, run attempt and principal: a retried start never starts a second job. */
  readonly clientToken: string
  /** The pull request changes this principal's policies: it comes first for a generation of its own. */
  readonly changed?: boolean
}

/** How much a run may ask of the service, and how long it may wait (inputs of the same names). */
export interface GenerationLimits {
  readonly maxConcurrent: number
  readonly waitTimeoutMs: number
  /** 0 = never reuse. */
  readonly reuseMaxAgeMs: number
  /**
   * The most generations this run may start per account (`max-generations`; the service allows 50 a
   * day). Past it, a principal gets its newest older result when `olderResults`, else `over-budget`.
   */
  readonly maxGenerations?: number
  readonly olderResults?: boolean
}

export interface GenerationSettings extends GenerationLimits {
  readonly trails: readonly TrailConfig[]
  readonly accessRoleArn: string
  readonly startTime: Date
  readonly endTime: Date
  readonly includeServiceLevelTemplate: boolean
}

/** Aborted `signal` (SIGTERM/SIGINT): jobs in flight are cancelled, and the engine returns. */
export interface EngineDeps extends PollingDeps {
  readonly api: GenerationApi
  /** A job was started (to be recorded for the post step) or has ended (and can be forgotten). */
  readonly onStarted?: (jobId: string) => void
  readonly onEnded?: (jobId: string) => void
  /** The run's poll schedule, shared by its accounts (they learn one another's durations); a new one if absent. */
  readonly schedule?: PollSchedule
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
  | {
      readonly principalArn: string
      /** Not started: its account's max-generations went to principals before it, and no result stood in. */
      readonly status: 'over-budget'
      readonly jobId: null
      /** When its newest generation completed (epoch ms), if it has one. */
      readonly lastCompleted: number | undefined
    }

/** What one principal's generations say before anything starts: a result to reuse, or how stale it is. */
interface Plan {
  readonly target: GenerationTarget
  readonly reuse: JobSnapshot | undefined
  /** Its succeeded generations, newest first (any age). */
  readonly succeeded: readonly JobSummary[]
}

/** How long a principal's next generation should take: as long as its newest one did, if known. */
function expectedDuration(plan: Plan): number | undefined {
  const last = plan.succeeded.find((j) => j.startedOn !== undefined && j.completedOn !== undefined)
  return last ? (last.completedOn as number) - (last.startedOn as number) : undefined
}

/** ListPolicyGenerations calls in flight at once while planning. */
const PLAN_CONCURRENCY = 5

const QUOTA_WAIT_MS = 2_000
const PROGRESS_EVERY_MS = 30_000
/** What StartPolicyGeneration answers when the account's generation slots are taken (402 or 409). */
const SLOT_TAKEN = new Set(['ServiceQuotaExceededException', 'ConflictException'])

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
  const run = new GenerationRun(settings, deps)
  const onAbort = () => run.stop.abort()
  deps.signal?.addEventListener('abort', onAbort, { once: true })
  try {
    await run.admit(targets)
  } finally {
    deps.signal?.removeEventListener('abort', onAbort)
  }
  // No path leaves a job running: cancel what timed out or was interrupted.
  await run.cancelLeftovers()
  return targets.map((t) => run.outcomes.get(t.principalArn) ?? timedOut(t, null))
}

/** One call of generatePolicies: its deadline, queue, jobs in flight and what became of each target. */
class GenerationRun {
  readonly stop = new AbortController()
  readonly outcomes = new Map<string, GenerationOutcome>()
  private readonly started: number
  private readonly deadline: number
  private readonly schedule: PollSchedule
  /** The jobs in flight, looked at on the schedule until each ends. */
  private readonly watch: JobWatch
  /** Principal -> id of its job in flight. */
  private readonly running = new Map<string, string>()
  /** Principal -> how long its generation should take (its last one's duration). */
  private readonly expected = new Map<string, number>()
  /** Started jobs whose end was not seen: they must be cancelled. */
  private readonly orphans = new Set<string>()
  private queue: GenerationTarget[] = []
  private lastProgress: number

  constructor(
    private readonly settings: GenerationSettings,
    private readonly deps: EngineDeps,
  ) {
    this.schedule = deps.schedule ?? new PollSchedule()
    this.started = deps.now()
    this.lastProgress = this.started
    this.deadline = this.started + settings.waitTimeoutMs
    this.watch = new JobWatch({
      schedule: this.schedule,
      now: deps.now,
      pause: (ms, wake) => this.pause(ms, wake),
      stopped: () => this.stopped(),
      get: (jobId) => this.fetch(jobId),
      listRecent: (wanted) => this.retry(() => deps.api.listRecent(wanted), 'ListPolicyGenerations'),
      onLook: () => this.reportProgress(),
      log: deps.log,
    })
  }

  /**
   * Planning, then admission. Every principal's generations are listed first: a recent one is reused;
   * of the rest, each account's first `maxGenerations` get a generation of their own — those the pull
   * request changes, then the stalest (never generated first); the others an older result, or none.
   * Then `maxConcurrent` workers take the chosen from one queue, so a freed slot is taken at once.
   */
  async admit(targets: readonly GenerationTarget[]): Promise<void> {
    const plans = await eachLimited(targets, PLAN_CONCURRENCY, (t) => this.plan(t))
    const starting: GenerationTarget[] = []
    const over: Plan[] = []
    const startedIn = new Map<string, number>()
    const staleness = (p: Plan) => p.succeeded[0]?.completedOn ?? Number.NEGATIVE_INFINITY
    const order = plans
      .filter((p): p is Plan => p !== undefined)
      .sort(
        (a, b) =>
          Number(b.target.changed ?? false) - Number(a.target.changed ?? false) ||
          staleness(a) - staleness(b),
      )
    for (const plan of order) {
      if (plan.reuse) {
        this.reused(plan.target, plan.reuse)
        continue
      }
      const account = accountOf(plan.target.principalArn)
      const count = startedIn.get(account) ?? 0
      if (count < (this.settings.maxGenerations ?? Number.POSITIVE_INFINITY)) {
        startedIn.set(account, count + 1)
        starting.push(plan.target)
      } else over.push(plan)
    }
    if (over.length > 0)
      this.deps.log(
        `max-generations (${this.settings.maxGenerations}) reached in ${[...new Set(over.map((p) => accountOf(p.target.principalArn)))].join(', ')}: ` +
          `${over.length} principal(s) ${this.settings.olderResults ? 'use their newest older result, if any' : 'are left to another source'}`,
      )
    await eachLimited(over, PLAN_CONCURRENCY, (p) => this.overBudget(p))
    for (const plan of order) {
      const expected = expectedDuration(plan)
      if (expected !== undefined && expected > 0) {
        this.expected.set(plan.target.principalArn, expected)
        // Other principals' last generations say how long this run's new ones may take.
        this.schedule.observe(expected)
      }
    }
    // Longest expected first (unknown ones before all, as they may be long): with several slots, the
    // classic rule for a short makespan; with one, the order changes nothing.
    const length = (t: GenerationTarget) => this.expected.get(t.principalArn) ?? Number.POSITIVE_INFINITY
    const place = new Map(targets.map((t, i) => [t, i]))
    const at = (t: GenerationTarget) => place.get(t) ?? 0
    this.queue = starting.sort((a, b) => length(b) - length(a) || at(a) - at(b))
    const workers = Math.max(1, Math.min(this.settings.maxConcurrent, this.queue.length))
    await Promise.all(Array.from({ length: workers }, () => this.work()))
  }

  /** A principal's generations: a reusable recent one, and all that succeeded. A failure here is its outcome. */
  private async plan(target: GenerationTarget): Promise<Plan | undefined> {
    try {
      if (this.stop.signal.aborted) throw new Error('stopped')
      const jobs = await this.retry(() => this.deps.api.list(target.principalArn), 'ListPolicyGenerations')
      const succeeded = jobs
        .filter((j) => j.status === 'SUCCEEDED')
        .sort((a, b) => (b.completedOn ?? 0) - (a.completedOn ?? 0))
      return { target, succeeded, reuse: await this.reusable(succeeded) }
    } catch (error) {
      this.outcomes.set(
        target.principalArn,
        this.stopped() ? timedOut(target, null) : failed(target, null, error),
      )
      return undefined
    }
  }

  private reused(target: GenerationTarget, snapshot: JobSnapshot, older = false): void {
    this.deps.log(
      `${target.principalArn}: reusing ${older ? 'its newest older generation' : 'generation'} ${snapshot.jobId} (completed ${new Date(snapshot.completedOn ?? 0).toISOString()})`,
    )
    this.outcomes.set(target.principalArn, {
      principalArn: target.principalArn,
      status: 'checked',
      jobId: snapshot.jobId,
      reused: true,
      snapshot,
    })
  }

  /** Past the account's budget: its newest older result over the same trails, when allowed; else over-budget. */
  private async overBudget(plan: Plan): Promise<void> {
    const { target } = plan
    try {
      if (this.settings.olderResults)
        for (const candidate of plan.succeeded.slice(0, 3)) {
          const snapshot = await this.fetch(candidate.jobId)
          if (sameTrails(snapshot, this.settings)) return this.reused(target, snapshot, true)
        }
      this.outcomes.set(target.principalArn, {
        principalArn: target.principalArn,
        status: 'over-budget',
        jobId: null,
        lastCompleted: plan.succeeded[0]?.completedOn,
      })
    } catch (error) {
      this.outcomes.set(
        target.principalArn,
        this.stopped() ? timedOut(target, null) : failed(target, null, error),
      )
    }
  }

  private async work(): Promise<void> {
    for (let target = this.queue.shift(); target; target = this.queue.shift()) {
      const outcome = this.stop.signal.aborted ? timedOut(target, null) : await this.settle(target)
      this.outcomes.set(target.principalArn, outcome)
      // A job seen to end is forgotten now; one timed out or stopped watching, once it is cancelled.
      const ended = outcome.status !== 'timed-out' && outcome.jobId && !this.orphans.has(outcome.jobId)
      if (ended && !(outcome.status === 'checked' && outcome.reused))
        this.deps.onEnded?.(outcome.jobId as string)
    }
  }

  /** A target's outcome, whatever goes wrong on the way. */
  private async settle(target: GenerationTarget): Promise<GenerationOutcome> {
    try {
      return await this.handle(target)
    } catch (error) {
      if (this.stopped()) return timedOut(target, this.running.get(target.principalArn) ?? null)
      return failed(target, null, error)
    }
  }

  private async handle(target: GenerationTarget): Promise<GenerationOutcome> {
    const jobId = await this.startJob(target)
    if (!jobId) return timedOut(target, null)
    this.running.set(target.principalArn, jobId)
    this.deps.onStarted?.(jobId)
    this.deps.log(`${target.principalArn}: started generation ${jobId}`)
    try {
      return await this.waitFor(target, jobId, this.deps.now())
    } catch (error) {
      // The job may still be running: it must be cancelled like a timed-out one, whatever stopped us.
      this.orphans.add(jobId)
      return this.stopped() ? timedOut(target, jobId) : failed(target, jobId, error)
    } finally {
      this.running.delete(target.principalArn)
    }
  }

  /** The newest succeeded generation within reuse-max-age that covers what this run would ask for. */
  private async reusable(succeeded: readonly JobSummary[]): Promise<JobSnapshot | undefined> {
    if (this.settings.reuseMaxAgeMs <= 0) return undefined
    const oldest = this.deps.now() - this.settings.reuseMaxAgeMs
    const candidates = succeeded.filter((j) => (j.completedOn ?? 0) >= oldest).slice(0, 3)
    for (const candidate of candidates) {
      const snapshot = await this.fetch(candidate.jobId)
      if (sameScope(snapshot, this.settings)) return snapshot
    }
    return undefined
  }

  private async startJob(target: GenerationTarget): Promise<string | undefined> {
    const { trails, accessRoleArn, startTime, endTime } = this.settings
    const input = {
      principalArn: target.principalArn,
      trails,
      accessRoleArn,
      startTime,
      endTime,
      clientToken: target.clientToken,
    }
    // Another generation holds the account's slot (ours or another run's): wait for it, do not fail.
    // The service documents both errors for StartPolicyGeneration and not which one a taken slot gets.
    while (!this.stop.signal.aborted) {
      try {
        return await this.retry(
          () => this.deps.api.start(input),
          `StartPolicyGeneration ${target.principalArn}`,
        )
      } catch (error) {
        const name = (error as Error).name
        if (!SLOT_TAKEN.has(name)) throw error
        this.deps.log(
          `StartPolicyGeneration ${target.principalArn}: another generation holds the account's slot (${name}); waiting`,
        )
        await this.pause(QUOTA_WAIT_MS / 2 + this.deps.random() * QUOTA_WAIT_MS)
      }
    }
    return undefined
  }

  /** Watching, until the job ends or the run stops. */
  private async waitFor(
    target: GenerationTarget,
    jobId: string,
    startedAt: number,
  ): Promise<GenerationOutcome> {
    const snapshot = await this.watch.until(jobId, startedAt, this.expected.get(target.principalArn))
    if (!snapshot) return timedOut(target, jobId)
    if (snapshot.completedOn) this.schedule.observe(snapshot.completedOn - snapshot.startedOn)
    if (snapshot.status === 'SUCCEEDED')
      return { principalArn: target.principalArn, status: 'checked', jobId, reused: false, snapshot }
    const error = snapshot.error ?? { code: snapshot.status, message: `the job ended ${snapshot.status}` }
    return { principalArn: target.principalArn, status: 'failed', jobId, error }
  }

  /** Cancellation: every job that timed out or was stopped watching, on a fresh deadline (the run's is gone). */
  async cancelLeftovers(): Promise<void> {
    const leftovers = [...this.outcomes.values()].filter(
      (o) => o.jobId && (o.status === 'timed-out' || this.orphans.has(o.jobId)),
    )
    await Promise.all(
      leftovers.map(async (o) => {
        const jobId = o.jobId as string
        const why = o.status === 'timed-out' ? 'timed out' : 'stopped waiting after an error'
        try {
          await cancelWithRetry(this.deps.api, jobId, this.deps)
          this.deps.log(`${o.principalArn}: ${why}; generation ${jobId} cancelled`)
          this.deps.onEnded?.(jobId)
        } catch (error) {
          this.deps.log(
            `${o.principalArn}: ${why}; cancelling generation ${jobId} failed: ${(error as Error).message}`,
          )
        }
      }),
    )
  }

  private fetch(jobId: string): Promise<JobSnapshot> {
    return this.retry(
      () => this.deps.api.get(jobId, this.settings.includeServiceLevelTemplate),
      'GetGeneratedPolicy',
    )
  }

  /**
   * Waits on the injected clock, never past the deadline (reaching it stops everything), or less when
   * the run stops or `wake` aborts.
   */
  private async pause(ms: number, wake?: AbortSignal): Promise<void> {
    const wait = Math.max(0, Math.min(ms, this.deadline - this.deps.now()))
    if (!wake) await this.deps.sleep(wait, this.stop.signal)
    else {
      const either = new AbortController()
      const relay = () => either.abort()
      this.stop.signal.addEventListener('abort', relay, { once: true })
      wake.addEventListener('abort', relay, { once: true })
      try {
        await this.deps.sleep(wait, either.signal)
      } finally {
        this.stop.signal.removeEventListener('abort', relay)
        wake.removeEventListener('abort', relay)
      }
    }
    if (this.deps.now() >= this.deadline) this.stop.abort()
  }

  private stopped(): boolean {
    return this.stop.signal.aborted || this.deps.now() >= this.deadline
  }

  private retry<T>(call: () => Promise<T>, what: string): Promise<T> {
    return retryLogged(call, what, this.deps, { signal: this.stop.signal, deadline: this.deadline })
  }

  private reportProgress(): void {
    const now = this.deps.now()
    if (now - this.lastProgress < PROGRESS_EVERY_MS) return
    this.lastProgress = now
    this.deps.log(
      `Policy generation: ${this.outcomes.size} done, ${this.running.size} running, ${this.queue.length} queued, ` +
        `${Math.round((now - this.started) / 1000)} s elapsed`,
    )
  }
}

function timedOut(target: GenerationTarget, jobId: string | null): GenerationOutcome {
  return { principalArn: target.principalArn, status: 'timed-out', jobId }
}

function failed(target: GenerationTarget, jobId: string | null, error: unknown): GenerationOutcome {
  const e = error as Error
  return {
    principalArn: target.principalArn,
    status: 'failed',
    jobId,
    error: { code: e.name ?? 'Error', message: e.message },
  }
}

/**
 * Whether a finished generation covers what this run would ask for: the same trails (and regions), and
 * a CloudTrail window of the same length (within a day) — its end is at most `reuseMaxAge` old by
 * construction of the candidates.
 */
function sameScope(snapshot: JobSnapshot, settings: GenerationSettings): boolean {
  if (!sameTrails(snapshot, settings) || !snapshot.window) return false
  const span = Date.parse(snapshot.window.end) - Date.parse(snapshot.window.start)
  const wantSpan = settings.endTime.getTime() - settings.startTime.getTime()
  return Math.abs(span - wantSpan) <= DAY_MS
}

/** Whether a finished generation read the trails (and regions) this run would ask for. */
function sameTrails(snapshot: JobSnapshot, settings: GenerationSettings): boolean {
  if (snapshot.status !== 'SUCCEEDED' || !snapshot.trails) return false
  const key = (t: TrailConfig) => `${t.arn}|${t.allRegions ? '*' : [...t.regions].sort().join(',')}`
  return settings.trails.map(key).sort().join(' ') === snapshot.trails.map(key).sort().join(' ')
}
