// Watching one account's policy generations until each ends. Every job is due for a look on its own
// poll schedule, and a look at one job is a GetGeneratedPolicy. With several jobs due at about the same
// time, one ListPolicyGenerations (the account's generations of the last seven days, in pages of 100)
// looks at all of them at once: it stands for the poll of each job that is due, or due within half
// its next step, and that job's next look counts from it. So the calls follow the jobs' schedules
// together instead of adding up. A job the listing shows ended is then fetched with GetGeneratedPolicy
// for its policy or its error. A listing is made only when it stands for more polls than it has pages
// (the last one's count): in an account with hundreds of generations this week listed oldest first,
// each job is polled on its own. And a job the listings keep showing running is still fetched now and
// then (FETCH_AT_LEAST_AFTER_MS), so a listing that lags behind never hides an end.
import type { JobSnapshot, JobSummary } from './generation-api.js'
import type { PollSchedule } from './poll-schedule.js'

export interface WatchDeps {
  readonly schedule: PollSchedule
  readonly now: () => number
  /** Waits `ms` on the run's clock, or less when `wake` aborts or the run stops. */
  readonly pause: (ms: number, wake: AbortSignal) => Promise<void>
  /** Whether the run has stopped (timed out or interrupted): every job still watched is left. */
  readonly stopped: () => boolean
  /** GetGeneratedPolicy, with the run's retries. */
  readonly get: (jobId: string) => Promise<JobSnapshot>
  /** ListPolicyGenerations for the account until every job of `wanted` is seen, with the run's retries. */
  readonly listRecent: (
    wanted: ReadonlySet<string>,
  ) => Promise<{ readonly jobs: readonly JobSummary[]; readonly pages: number }>
  /** After each look, e.g. to report progress. */
  readonly onLook: () => void
  readonly log: (message: string) => void
}

interface Watched {
  readonly startedAt: number
  /** How long the job should take (its principal's last generation), if known. */
  readonly expected: number | undefined
  /** When the job is next looked at, on the run's clock. */
  due: number
  /** When the job last had a GetGeneratedPolicy (or started), on the run's clock. */
  fetched: number
  /** Its end (a snapshot), the run's stop (undefined), or a look that failed. */
  readonly settle: (
    result: { readonly ended: JobSnapshot | undefined } | { readonly failed: unknown },
  ) => void
}

/** A look stands for a job's poll up to this share of the job's next step before it is due. */
const EARLY = 0.5
/**
 * A job the listings show running still gets a GetGeneratedPolicy once its time since the last one is
 * as long as its age was then, and at least a minute: a listing that lagged behind the job (two calls,
 * perhaps two stores) could delay seeing its end, never hide it until the run times out.
 */
const FETCH_AT_LEAST_AFTER_MS = 60_000

export class JobWatch {
  private readonly jobs = new Map<string, Watched>()
  private wake = new AbortController()
  private looping = false
  /** Pages the last listing took: a listing pays when it stands for more polls than that (never, once one failed). */
  private pagesPerListing = 1

  constructor(private readonly deps: WatchDeps) {}

  /**
   * The job's snapshot once it has ended, or undefined when the run stops first. A look that fails
   * (after the run's retries) rejects: the job's end is then unknown.
   */
  until(jobId: string, startedAt: number, expected: number | undefined): Promise<JobSnapshot | undefined> {
    return new Promise((resolve, reject) => {
      const watched: Watched = {
        startedAt,
        expected,
        due: 0,
        fetched: startedAt,
        settle: (result) => ('failed' in result ? reject(result.failed) : resolve(result.ended)),
      }
      watched.due = this.after(watched, startedAt)
      this.jobs.set(jobId, watched)
      // The loop may be asleep until a later job's look: this one may be due first.
      this.wake.abort()
      if (!this.looping) {
        this.looping = true
        void this.loop()
      }
    })
  }

  private async loop(): Promise<void> {
    try {
      while (this.jobs.size > 0) {
        if (this.deps.stopped()) return this.settleAll({ ended: undefined })
        let due = Number.POSITIVE_INFINITY
        for (const watched of this.jobs.values()) due = Math.min(due, watched.due)
        const wait = due - this.deps.now()
        if (wait > 0) {
          this.wake = new AbortController()
          await this.deps.pause(wait, this.wake.signal)
        } else await this.look()
      }
    } catch (error) {
      this.settleAll({ failed: error })
    } finally {
      this.looping = false
    }
  }

  private settleAll(result: Parameters<Watched['settle']>[0]): void {
    for (const watched of this.jobs.values()) watched.settle(result)
    this.jobs.clear()
  }

  /** Looks at the jobs that are due: all of them through one listing when that saves calls. */
  private async look(): Promise<void> {
    const at = this.deps.now()
    const served = new Set<Watched>()
    for (const watched of this.jobs.values()) if (this.serves(watched, at)) served.add(watched)
    const listed = served.size > this.pagesPerListing ? await this.list() : new Map<string, JobSummary>()
    const fetch: string[] = []
    for (const [jobId, watched] of this.jobs) {
      const status = listed.get(jobId)?.status
      const stoodFor = served.has(watched)
      // Seen running: a job this look stands for is next due a step on (unless it is owed a
      // GetGeneratedPolicy); the others are due as they were.
      if (status === 'IN_PROGRESS' && !(stoodFor && this.unfetchedTooLong(watched, at))) {
        if (stoodFor) watched.due = this.after(watched, at)
        continue
      }
      // Seen ended (or owed), or due and not listed: fetched.
      if (status !== undefined || watched.due <= at) fetch.push(jobId)
    }
    await Promise.all(fetch.map((jobId) => this.fetch(jobId)))
    this.deps.onLook()
  }

  /** The statuses one listing gives; none when it fails. */
  private async list(): Promise<Map<string, JobSummary>> {
    try {
      const { jobs, pages } = await this.deps.listRecent(new Set(this.jobs.keys()))
      this.pagesPerListing = pages
      return new Map(jobs.map((j) => [j.jobId, j]))
    } catch (error) {
      if (!this.deps.stopped()) {
        this.pagesPerListing = Number.POSITIVE_INFINITY
        this.deps.log(
          `ListPolicyGenerations failed (${(error as Error).message}): each generation is polled on its own from now on`,
        )
      }
      return new Map()
    }
  }

  private async fetch(jobId: string): Promise<void> {
    const watched = this.jobs.get(jobId)
    if (!watched) return
    try {
      watched.fetched = this.deps.now()
      const snapshot = await this.deps.get(jobId)
      if (snapshot.status === 'IN_PROGRESS') {
        watched.due = this.after(watched, this.deps.now())
        return
      }
      this.jobs.delete(jobId)
      watched.settle({ ended: snapshot })
    } catch (error) {
      this.jobs.delete(jobId)
      watched.settle({ failed: error })
    }
  }

  /** Whether a look at `at` can stand for the job's next poll: it is due, or nearly (a share of its next step). */
  private serves(watched: Watched, at: number): boolean {
    return watched.due <= at + EARLY * (this.after(watched, at) - at)
  }

  /** Whether a job has gone without a GetGeneratedPolicy for as long as it had run at the last one (and a minute). */
  private unfetchedTooLong(watched: Watched, at: number): boolean {
    return at - watched.fetched >= Math.max(FETCH_AT_LEAST_AFTER_MS, watched.fetched - watched.startedAt)
  }

  /** When the job is next due if looked at `at`. */
  private after(watched: Watched, at: number): number {
    return at + this.deps.schedule.nextDelay(at - watched.startedAt, watched.expected)
  }
}
