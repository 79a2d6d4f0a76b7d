// When to poll a job that runs on AWS's side (a policy generation, a last-accessed report) and ends at a
// time nobody announces. Each poll is a call; each moment between a job's end and the poll that sees it
// holds a slot another job could have had. A job whose principal ran before is expected to take as long
// as last time. Any other job is polled from what the run has seen: the durations of the jobs that
// ended, as a density, and polls placed where jobs end — the spacing that makes the expected wait
// after a job's end a small share of the typical job with the fewest polls.
import { largest } from '../vocabulary/lists.js'

const FIRST_POLL_MS = 1_000
const MIN_POLL_STEP_MS = 500
const POLL_GROWTH = 1.25
const MAX_POLL_STEP_MS = 30_000
const NEAR_ESTIMATE_STEP_MS = 250
/** A job expected to take E (its principal's last generation): first polled at 0.98 E, then every 0.04 E up to 1.25 E. */
const EXPECTED_FIRST_POLL = 0.98
const EXPECTED_STEP = 0.04
const EXPECTED_LATE = 1.25

/** The expected wait between a job's end and the poll that sees it, as a share of the typical job. */
const LATENESS = 0.055
/** The model's grid: log-spaced durations from 50 ms to 24 h. */
const GRID_FROM_MS = 50
const GRID_TO_MS = 86_400_000
const GRID_STEP = 0.04
const GRID_FROM = Math.log(GRID_FROM_MS)
/** What no job has shown yet may still happen: any duration from 1 s to 1 h (log-uniform), weighted (n + 1)^-1.5. */
const PRIOR_FROM_MS = 1_000
const PRIOR_TO_MS = 3_600_000
const PRIOR_FADE = 1.5
/** Past the longest job seen, each step is this share of the time run so far. */
const TAIL_STEP = 0.1
/** Narrowest kernel (in ln ms): durations within about 5 % of each other are one length. */
const MIN_BANDWIDTH = 0.05
/** The model is rebuilt from at most this many recent durations. */
const KEEP = 200

/**
 * The poll schedule of one run. Jobs of a known expected length (the principal's last one) are polled
 * just before that, then every 4 % of it until it is 25 % late: two to five polls, whatever the length.
 * Others, before any job has ended: a geometric schedule (1 s, then +25 %, 0.5 s to 30 s apart). Once
 * jobs have ended: the durations seen, as a density f with survival S (a kernel estimate in log time,
 * with a fading weight on "anything from 1 s to an hour"), and polls at the rate sqrt(f / 2λS) — the
 * rate that minimises the expected lateness plus λ per poll — with λ set so that the expected lateness
 * is 5.5 % of the model's mean duration. Polls crowd where jobs end and thin out where none do. A job
 * longer than any seen is polled every 10 % of its time so far: the model knows nothing there.
 */
export class PollSchedule {
  private readonly durations: number[] = []
  private model: PollModel | undefined

  /** Records a finished job's duration (as the service reports it), or another principal's last one. */
  observe(durationMs: number): void {
    if (!(durationMs > 0) || !Number.isFinite(durationMs)) return
    this.durations.push(durationMs)
    if (this.durations.length > KEEP) this.durations.shift()
    this.model = undefined
  }

  /** Milliseconds from now to the next poll of a job that has run `elapsedMs`, expected to take `expectedMs`. */
  nextDelay(elapsedMs: number, expectedMs?: number): number {
    if (expectedMs !== undefined && expectedMs > 0) {
      const step = Math.max(NEAR_ESTIMATE_STEP_MS, expectedMs * EXPECTED_STEP)
      // Just before the first poll's time (a look at all the account's jobs came then), a step on.
      const first = expectedMs * EXPECTED_FIRST_POLL - elapsedMs
      if (first >= step) return first
      if (elapsedMs < expectedMs * EXPECTED_LATE) return step
    }
    if (this.durations.length === 0) return geometric(elapsedMs)
    this.model ??= new PollModel(this.durations)
    return this.model.nextDelay(elapsedMs) ?? geometric(elapsedMs)
  }
}

/** The first poll at 1 s; after a look at any time, one step on and never before that first poll. */
function geometric(elapsedMs: number): number {
  const step = Math.min(MAX_POLL_STEP_MS, Math.max(MIN_POLL_STEP_MS, elapsedMs * (POLL_GROWTH - 1)))
  return Math.max(FIRST_POLL_MS - elapsedMs, step)
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 through erf; |error| < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x)
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2
}

/**
 * The cumulative poll count N over the grid: a job that has run t is next polled when N has grown by 1.
 * Built from the durations seen; O(grid × durations) once per new duration.
 */
class PollModel {
  /** N at each grid point (ln ms from ln 50 ms, in steps of GRID_STEP). */
  private readonly count: Float64Array
  /** Survival S at each grid point: the share of jobs still running then. */
  private readonly survival: Float64Array
  private readonly longest: number

  constructor(durations: readonly number[]) {
    const n = durations.length
    this.longest = largest(durations)
    const xs = durations.map(Math.log)
    const mean = xs.reduce((a, b) => a + b, 0) / n
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n)
    const h = Math.max(MIN_BANDWIDTH, 1.06 * sd * n ** -0.2)
    const prior = 1 / (n + 1) ** PRIOR_FADE
    const lo = Math.log(PRIOR_FROM_MS)
    const hi = Math.log(PRIOR_TO_MS)
    let expected = 0
    const size = Math.ceil((Math.log(GRID_TO_MS) - GRID_FROM) / GRID_STEP) + 1
    this.count = new Float64Array(size)
    this.survival = new Float64Array(size)
    // Density and survival in log time at each grid point, then the rate in log time: dN/dy = t·sqrt(f_t/(2λS)),
    // with f_t = f_y / t. Computed for λ = 1 and scaled after.
    const rate = new Float64Array(size)
    let lateness = 0
    // The previous grid point's t, sqrt(f S / 2) and S, for the trapezoid rule.
    let before = { t: 0, root: 0, survival: 1 }
    for (let i = 0; i < size; i++) {
      const y = GRID_FROM + i * GRID_STEP
      let fy = 0
      let cdf = 0
      for (const x of xs) {
        const z = (y - x) / h
        fy += Math.exp(-0.5 * z * z)
        cdf += normalCdf(z)
      }
      fy = ((1 - prior) * fy) / (n * h * Math.sqrt(2 * Math.PI))
      cdf = ((1 - prior) * cdf) / n
      if (y >= lo) {
        if (y <= hi) fy += prior / (hi - lo)
        cdf += (prior * (Math.min(y, hi) - lo)) / (hi - lo)
      }
      const survival = Math.max(1e-12, 1 - cdf)
      this.survival[i] = survival
      const t = Math.exp(y)
      rate[i] = t * Math.sqrt(fy / t / (2 * survival))
      // Expected lateness for λ = 1: ∫ sqrt(f S / 2) dt, by the trapezoid rule over t.
      const root = Math.sqrt((fy / t) * survival * 0.5)
      if (i > 0) {
        lateness += ((root + before.root) / 2) * (t - before.t)
        expected += ((survival + before.survival) / 2) * (t - before.t)
      }
      before = { t, root, survival }
    }
    // λ such that the expected lateness is LATENESS × the model's mean duration (∫ S dt, the prior's
    // share included: while few jobs are seen, a wider margin): sqrt(λ) = target / lateness(λ = 1).
    const scale = lateness / (LATENESS * expected)
    for (let i = 1; i < size; i++)
      this.count[i] =
        (this.count[i - 1] as number) +
        (((rate[i] as number) + (rate[i - 1] as number)) / 2) * GRID_STEP * scale
  }

  /** The next delay, or undefined past the grid. */
  nextDelay(elapsedMs: number): number | undefined {
    // Longer than any job seen: the model knows nothing here, so the steps grow with the job.
    if (elapsedMs >= this.longest) return Math.max(MIN_POLL_STEP_MS, elapsedMs * TAIL_STEP)
    const y = Math.log(Math.max(elapsedMs, GRID_FROM_MS))
    const count = at(this.count, y)
    const survival = at(this.survival, y)
    if (count === undefined || survival === undefined) return undefined
    // The rate's next whole poll, but never past the time by which half the jobs still running end
    // (the rate assumes a density that changes little within one step; early on it may not).
    const next = Math.min(
      inverse(this.count, count + 1, 1) ?? Number.POSITIVE_INFINITY,
      inverse(this.survival, survival / 2, -1) ?? Number.POSITIVE_INFINITY,
    )
    if (!Number.isFinite(next)) return undefined
    // Nor past the tail's first step: a job that outlasts every one seen is polled as the tail is.
    const when = Math.min(Math.exp(next), this.longest * (1 + TAIL_STEP))
    return Math.max(when - elapsedMs, MIN_POLL_STEP_MS)
  }
}

/** Linear interpolation of a grid column at ln t = y; undefined past the grid. */
function at(column: Float64Array, y: number): number | undefined {
  const i = (y - GRID_FROM) / GRID_STEP
  if (i >= column.length - 1) return undefined
  const k = Math.floor(i)
  const c0 = column[k] as number
  return c0 + ((column[k + 1] as number) - c0) * (i - k)
}

/** ln t where a monotone grid column (rising: direction 1, falling: -1) reaches `target`; undefined if never. */
function inverse(column: Float64Array, target: number, direction: 1 | -1): number | undefined {
  const last = column.length - 1
  if (direction * ((column[last] as number) - target) < 0) return undefined
  let lo = 0
  let hi = last
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (direction * ((column[mid] as number) - target) < 0) lo = mid
    else hi = mid
  }
  const c0 = column[lo] as number
  const c1 = column[hi] as number
  const frac = c1 !== c0 ? (target - c0) / (c1 - c0) : 0
  return GRID_FROM + (lo + frac) * GRID_STEP
}
