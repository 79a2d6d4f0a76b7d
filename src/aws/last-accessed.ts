// Usage from IAM's last-accessed data (`usage-source: last-accessed`): one report job per principal,
// a few at once, polled until done, within wait-timeout. No daily quota, and jobs take seconds; but only
// management actions, at action level for the services IAM tracks, and no resources.
import { type PrincipalUsage, staticUsage } from '../vocabulary/usage.js'
import type { LastAccessedApi, LastAccessedReport } from './last-accessed-api.js'
import { PollSchedule } from './poll-schedule.js'
import { eachLimited, type PollingDeps, retryDelay, retryLogged } from './retry.js'

/** Report jobs in flight at once: IAM documents no quota for them, only its API rate limits. */
export const LAST_ACCESSED_CONCURRENCY = 5

export interface LastAccessedSettings {
  /** The window the usage must fall in: uses before `start` do not count. */
  readonly start: Date
  readonly end: Date
  readonly waitTimeoutMs: number
  readonly maxConcurrent?: number
}

export interface LastAccessedDeps extends PollingDeps {
  readonly api: LastAccessedApi
  /** The run's poll schedule for reports, shared by its accounts; a new one if absent. */
  readonly schedule?: PollSchedule
}

/** Every principal's usage record from its last-accessed report: checked, failed or timed out. */
export async function collectLastAccessed(
  principals: readonly string[],
  settings: LastAccessedSettings,
  deps: LastAccessedDeps,
): Promise<Map<string, PrincipalUsage>> {
  const started = deps.now()
  const deadline = started + settings.waitTimeoutMs
  const stop = new AbortController()
  const onAbort = () => stop.abort()
  deps.signal?.addEventListener('abort', onAbort, { once: true })
  const schedule = deps.schedule ?? new PollSchedule()
  const retry = <T>(call: () => Promise<T>, what: string) =>
    retryLogged(call, what, deps, { signal: stop.signal, deadline })
  const pause = async (ms: number) => {
    await deps.sleep(Math.max(0, Math.min(ms, deadline - deps.now())), stop.signal)
    if (deps.now() >= deadline) stop.abort()
  }

  async function one(arn: string): Promise<PrincipalUsage> {
    let jobId: string | null = null
    try {
      jobId = await retry(() => deps.api.generate(arn), `GenerateServiceLastAccessedDetails ${arn}`)
      deps.log(`${arn}: last-accessed report ${jobId} requested`)
      const since = deps.now()
      for (;;) {
        await pause(schedule.nextDelay(deps.now() - since))
        if (stop.signal.aborted) return timedOut(arn, jobId, settings.waitTimeoutMs)
        const id = jobId
        const report = await retry(() => deps.api.get(id), 'GetServiceLastAccessedDetails')
        if (report.status === 'IN_PROGRESS') continue
        schedule.observe(deps.now() - since)
        if (report.status === 'FAILED')
          return failed(arn, jobId, report.error ?? { code: 'FAILED', message: 'the report job failed' })
        return lastAccessedUsage(arn, jobId, report, settings)
      }
    } catch (error) {
      // A retryable error given up on was given up on for the deadline: the principal timed out.
      if (stop.signal.aborted || deps.now() >= deadline || retryDelay(error, 0, () => 0) !== undefined)
        return timedOut(arn, jobId, settings.waitTimeoutMs)
      const e = error as Error
      return failed(arn, jobId, { code: e.name ?? 'Error', message: e.message })
    }
  }

  try {
    const usage = await eachLimited(principals, settings.maxConcurrent ?? LAST_ACCESSED_CONCURRENCY, (arn) =>
      stop.signal.aborted ? Promise.resolve(timedOut(arn, null, settings.waitTimeoutMs)) : one(arn),
    )
    return new Map(usage.map((u) => [u.arn, u]))
  } finally {
    deps.signal?.removeEventListener('abort', onAbort)
  }
}

/**
 * A principal's usage record from its report: the actions used in the window (tracked actions with a
 * last use in it), `service:*` for a service used in it that IAM reports at service level only, and
 * every tracked action of the action-level services (what can be seen). A service last used before the
 * window, or never, was not used.
 */
export function lastAccessedUsage(
  arn: string,
  jobId: string,
  report: LastAccessedReport,
  window: { readonly start: Date; readonly end: Date },
): PrincipalUsage {
  const from = window.start.getTime()
  const inWindow = (t: number | undefined) => t !== undefined && t >= from
  const actions: string[] = []
  const tracked: string[] = []
  const actionLevel: string[] = []
  const serviceLevel: string[] = []
  for (const service of report.services) {
    if (service.trackedActions) {
      for (const [action, last] of service.trackedActions) {
        tracked.push(action)
        if (inWindow(last)) actions.push(action)
      }
      if (inWindow(service.lastAuthenticated)) actionLevel.push(service.namespace)
    } else if (inWindow(service.lastAuthenticated)) {
      serviceLevel.push(service.namespace)
      actions.push(`${service.namespace}:*`)
    }
  }
  const policy = {
    Version: '2012-10-17',
    Statement: actions.length > 0 ? [{ Effect: 'Allow', Action: actions.sort(), Resource: '*' }] : [],
  }
  return {
    arn,
    status: 'checked',
    usage: {
      source: 'last-accessed',
      level: serviceLevel.length > 0 ? 'service' : 'action',
      reused: false,
      completedAt: report.completedOn !== undefined ? new Date(report.completedOn).toISOString() : null,
      actionLevelServices: actionLevel.sort(),
      serviceLevelServices: serviceLevel.sort(),
    },
    jobId,
    error: null,
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
    isComplete: null,
    generatedPolicies: [JSON.stringify(policy)],
    trackedActions: tracked.sort(),
  }
}

/** The origin of a record that has no report: the source, no level known. */
const LAST_ACCESSED = {
  source: 'last-accessed',
  level: 'service',
  reused: false,
  completedAt: null,
  actionLevelServices: [],
  serviceLevelServices: [],
} as const

function failed(
  arn: string,
  jobId: string | null,
  error: { readonly code: string; readonly message: string },
): PrincipalUsage {
  return {
    ...staticUsage(arn),
    status: 'failed',
    usage: LAST_ACCESSED,
    jobId,
    error: { code: error.code, message: `${error.message}${ADVICE[error.code] ?? ''}`.trim() },
  }
}

function timedOut(arn: string, jobId: string | null, waitTimeoutMs: number): PrincipalUsage {
  return {
    ...staticUsage(arn),
    status: 'timed-out',
    usage: LAST_ACCESSED,
    jobId,
    error: {
      code: 'TIMED_OUT',
      message: `the last-accessed report was not done within wait-timeout (${Math.round(waitTimeoutMs / 1000)} s)`,
    },
  }
}

const DENIED =
  " The workflow's role may not read last-accessed data: it needs iam:GenerateServiceLastAccessedDetails and " +
  'iam:GetServiceLastAccessedDetails (examples/aws has both).'
const UNKNOWN = ' IAM does not know this principal: check its ARN, or that it was deployed.'

/** What to do about the errors a user can act on, by the name the SDK gives them. */
const ADVICE: Record<string, string> = {
  AccessDenied: DENIED,
  AccessDeniedException: DENIED,
  NoSuchEntity: UNKNOWN,
  NoSuchEntityException: UNKNOWN,
}
