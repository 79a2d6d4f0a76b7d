// The AWS side of a run: a generated policy per principal from IAM Access Analyzer.
// Loaded with a dynamic import by main.ts, so runs that never call AWS (static mode, bad input) start
// without evaluating the AWS SDK.
import { createHash } from 'node:crypto'
import type { AccountConfig, CloudTrailConfig } from '../config/config-file.js'
import type { UsageSource } from '../config/inputs.js'
import { accountOf, isGroupArn, isPolicyArn } from '../vocabulary/accounts.js'
import type { Logger } from '../vocabulary/logger.js'
import { DAY_MS } from '../vocabulary/time.js'
import { type PrincipalUsage, policyAloneUsage, staticUsage } from '../vocabulary/usage.js'
import { accountRoute, type CredentialsFor } from './account-sessions.js'
import type { CredentialSource } from './credentials.js'
import { accessAnalyzerClient, sdkGenerationApi } from './generation-api.js'
import { type GenerationLimits, type GenerationOutcome, generatePolicies } from './generation-engine.js'
import { collectLastAccessed } from './last-accessed.js'
import { iamClient, sdkLastAccessedApi } from './last-accessed-api.js'
import { PollSchedule } from './poll-schedule.js'
import { realSleep } from './retry.js'

/** The workflow run a generation is started for: its clientToken is derived from it. */
export interface RunIdentity {
  readonly repository: string
  readonly runId: string
  readonly runAttempt: string
}

/** What to fetch usage for, and how. */
export interface UsageRequest {
  readonly principals: readonly string[]
  /** Principals whose policies the pull request changes: first for a generation of their own. */
  readonly changed?: ReadonlySet<string> | undefined
  readonly source: UsageSource
  /** The trail policy generation reads: required for it, unused by last-accessed data. */
  readonly cloudTrail: CloudTrailConfig | undefined
  readonly lookbackDays: number
  readonly includeServiceLevelTemplate: boolean
  readonly region: string
  /** Each account's session (the run's own, or the role its accounts: entry names): one map for the run. */
  readonly credentialsFor: CredentialsFor
  readonly limits: GenerationLimits
  readonly run: RunIdentity
  /** Principals of other accounts: the role to chain into in each, and its trail (the config's accounts:). */
  readonly accounts?: ReadonlyMap<string, AccountConfig>
  /** The account of the run's own role, when known (role-to-assume's): others need an accounts: entry. */
  readonly homeAccount?: string | undefined
}

export interface UsageDeps {
  readonly logger: Logger
  readonly signal?: AbortSignal
  readonly now?: () => number
  /** Called with the jobs still running whenever that set changes: saved for the post step. */
  readonly onInFlight?: (jobs: readonly InFlightJob[]) => void
}

/**
 * The clientToken of a principal's StartPolicyGeneration: the same for a retried request of the same
 * run attempt, so the service never starts a second job for it; new for a new run or attempt.
 */
export function clientToken(run: RunIdentity, principalArn: string): string {
  return createHash('sha256')
    .update(`${run.repository}\n${run.runId}\n${run.runAttempt}\n${principalArn}`)
    .digest('hex')
    .slice(0, 64)
}

/** The usage record of every requested principal, by ARN: checked, failed or timed out. */
export async function collectUsage(
  request: UsageRequest,
  deps: UsageDeps,
): Promise<Map<string, PrincipalUsage>> {
  const now = deps.now ?? Date.now
  const end = new Date(now())
  const window = { start: new Date(end.getTime() - request.lookbackDays * DAY_MS), end }
  const inFlight = new Map<string, InFlightJob>()
  const byAccount = new Map<string, string[]>()
  // Under policy generation, groups and managed policies are judged as written, with no call to AWS:
  // an account the run cannot reach does not fail them.
  const asWritten = new Map<string, PrincipalUsage>()
  for (const arn of request.principals) {
    if (request.source === 'policy-generation' && isGroupArn(arn)) asWritten.set(arn, groupUsage(arn))
    else if (request.source === 'policy-generation' && isPolicyArn(arn)) asWritten.set(arn, policyUsage(arn))
    if (asWritten.has(arn)) continue
    const account = accountOf(arn)
    const list = byAccount.get(account)
    if (list) list.push(arn)
    else byAccount.set(account, [arn])
  }
  // Accounts in parallel: each has its own slots, budget and session; they share what jobs took.
  const schedules = { generation: new PollSchedule(), lastAccessed: new PollSchedule() }
  const parts = await Promise.all(
    [...byAccount].map(async ([account, principals]) => {
      const access = await accountAccess(request, account, deps)
      if ('failure' in access) return principals.map((arn) => failedFor(arn, access.failure))
      const track = (jobId: string, running: boolean) => {
        if (running) inFlight.set(jobId, { jobId, ...(access.roleArn && { roleArn: access.roleArn }) })
        else inFlight.delete(jobId)
        deps.onInFlight?.([...inFlight.values()])
      }
      const usage = await usageInAccount(request, deps, {
        ...access,
        principals,
        window,
        now,
        track,
        schedules,
      })
      return [...usage.values()]
    }),
  )
  const all = new Map([...asWritten, ...parts.flat().map((u) => [u.arn, u] as const)])
  return new Map(request.principals.map((arn) => [arn, all.get(arn) as PrincipalUsage]))
}

/** A job left running, for the post step: with the role of its account when it is not the run's own. */
export interface InFlightJob {
  readonly jobId: string
  readonly roleArn?: string
}

/** How to reach one account: its session and trail, or why its principals cannot be checked. */
async function accountAccess(
  request: UsageRequest,
  account: string,
  deps: UsageDeps,
): Promise<
  | { credentials: CredentialSource | undefined; cloudTrail: CloudTrailConfig | undefined; roleArn?: string }
  | { failure: { code: string; message: string } }
> {
  const route = accountRoute(account, request.homeAccount, request.accounts)
  const reached = request.credentialsFor(account)
  if (route === null || reached === null)
    return {
      failure: {
        code: 'NO_ACCOUNT_ACCESS',
        message:
          `account ${account} has no accounts: entry, and the workflow's role is in ${request.homeAccount}: add ` +
          `accounts: "${account}": { role-arn: arn:aws:iam::${account}:role/<a role the workflow's role may assume> } to the config`,
      },
    }
  if (route === 'own') return { credentials: await reached, cloudTrail: request.cloudTrail }
  const entry = route
  try {
    const credentials = await reached
    deps.logger.info(`Account ${account}: assumed ${entry.roleArn}`)
    return { credentials, cloudTrail: entry.cloudTrail ?? request.cloudTrail, roleArn: entry.roleArn }
  } catch (error) {
    const e = error as Error
    return {
      failure: {
        code: 'ACCOUNT_ACCESS',
        message:
          `could not assume ${entry.roleArn} from the workflow's role (${e.name}: ${e.message}): its trust policy must ` +
          "trust the workflow's role, and the workflow's role needs sts:AssumeRole on it",
      },
    }
  }
}

/** The usage of one account's principals, with its session and trail, from the request's source. */
async function usageInAccount(
  request: UsageRequest,
  deps: UsageDeps,
  account: {
    readonly principals: readonly string[]
    readonly credentials: CredentialSource | undefined
    readonly cloudTrail: CloudTrailConfig | undefined
    readonly window: { readonly start: Date; readonly end: Date }
    readonly now: () => number
    readonly track: (jobId: string, running: boolean) => void
    readonly schedules: { readonly generation: PollSchedule; readonly lastAccessed: PollSchedule }
  },
): Promise<Map<string, PrincipalUsage>> {
  const { credentials, window, now } = account
  const lastAccessed = async (principals: readonly string[]) => {
    const iam = iamClient(request.region, credentials)
    try {
      return await collectLastAccessed(
        principals,
        {
          ...window,
          waitTimeoutMs: Math.max(0, request.limits.waitTimeoutMs - (now() - window.end.getTime())),
        },
        {
          api: sdkLastAccessedApi(iam),
          now,
          sleep: realSleep,
          random: Math.random,
          log: (message) => deps.logger.info(message),
          ...(deps.signal && { signal: deps.signal }),
          schedule: account.schedules.lastAccessed,
        },
      )
    } finally {
      iam.destroy()
    }
  }
  if (request.source === 'last-accessed') return lastAccessed(account.principals)
  // IAM Access Analyzer generates policies for roles and users; IAM's last-accessed data covers groups
  // and managed policies (what was done through them): auto reads it for them, outside the budget
  // (policy-generation judged them as written, in collectUsage).
  const notGenerated = (arn: string) => isGroupArn(arn) || isPolicyArn(arn)
  const others = account.principals.filter(notGenerated)
  const generated =
    others.length === 0 ? account.principals : account.principals.filter((a) => !notGenerated(a))
  let ofOthers: Promise<Map<string, PrincipalUsage>> = Promise.resolve(new Map())
  if (others.length > 0) {
    const groups = others.filter(isGroupArn).length
    const what = [
      groups > 0 && `${groups} group(s)`,
      groups < others.length && `${others.length - groups} managed policy(ies) no one in the code has`,
    ]
    deps.logger.info(
      `Last-accessed data for ${what.filter(Boolean).join(' and ')}: policy generation is for roles and users`,
    )
    // Beside the generations, not before them; awaited below (a failure there must not go unhandled).
    ofOthers = lastAccessed(others)
    ofOthers.catch(() => undefined)
  }
  if (generated.length === 0) return ofOthers
  const cloudTrail = account.cloudTrail
  if (!cloudTrail) throw new Error("policy generation needs the config's cloudtrail: section")
  const client = accessAnalyzerClient(request.region, credentials)
  try {
    const outcomes = await generatePolicies(
      generated.map((arn) => ({
        principalArn: arn,
        clientToken: clientToken(request.run, arn),
        changed: request.changed?.has(arn) ?? false,
      })),
      {
        trails: cloudTrail.trails,
        accessRoleArn: cloudTrail.accessRoleArn,
        startTime: window.start,
        endTime: window.end,
        includeServiceLevelTemplate: request.includeServiceLevelTemplate,
        ...request.limits,
        // auto: past the budget, last-accessed data; policy-generation: the newest older result.
        olderResults: request.source === 'policy-generation',
      },
      {
        api: sdkGenerationApi(client),
        now,
        sleep: realSleep,
        random: Math.random,
        log: (message) => deps.logger.info(message),
        ...(deps.signal && { signal: deps.signal }),
        onStarted: (jobId) => account.track(jobId, true),
        onEnded: (jobId) => account.track(jobId, false),
        schedule: account.schedules.generation,
      },
    )
    const usage = new Map(
      outcomes.map((o) => [
        o.principalArn,
        toUsage(o, request.limits.waitTimeoutMs, request.includeServiceLevelTemplate),
      ]),
    )
    const rest = outcomes.filter((o) => o.status === 'over-budget').map((o) => o.principalArn)
    if (request.source === 'auto' && rest.length > 0) {
      deps.logger.info(`Last-accessed data for the ${rest.length} principal(s) past max-generations`)
      for (const [arn, record] of await lastAccessed(rest)) usage.set(arn, record)
    }
    for (const [arn, record] of await ofOthers) usage.set(arn, record)
    return usage
  } finally {
    client.destroy()
  }
}

/** A group under usage-source: policy-generation: judged by its policies, and the report says how to do better. */
function groupUsage(arn: string): PrincipalUsage {
  const message =
    'IAM Access Analyzer generates policies for roles and users, not groups: its policies are checked as written; ' +
    "usage-source: auto or last-accessed reads what the group's members used through them (IAM's last-accessed data)"
  return { ...staticUsage(arn), error: { code: 'GROUP', message } }
}

/** A managed policy no one in the code has, under usage-source: policy-generation. */
function policyUsage(arn: string): PrincipalUsage {
  return policyAloneUsage(
    arn,
    'IAM Access Analyzer generates policies for roles and users only; usage-source: auto or last-accessed reads what ' +
      "those who have it used through it (IAM's last-accessed data)",
  )
}

/** A principal of an account the run cannot reach. */
function failedFor(arn: string, error: { code: string; message: string }): PrincipalUsage {
  return { ...staticUsage(arn), status: 'failed', error }
}

/** The usage record of an engine outcome. */
export function toUsage(
  outcome: GenerationOutcome,
  waitTimeoutMs: number,
  serviceLevel = false,
): PrincipalUsage {
  const base = {
    arn: outcome.principalArn,
    jobId: outcome.jobId,
    window: null,
    isComplete: null,
    generatedPolicies: [],
  }
  switch (outcome.status) {
    case 'checked':
      return {
        ...base,
        status: 'checked',
        usage: {
          source: 'policy-generation',
          reused: outcome.reused,
          completedAt: outcome.snapshot.completedOn
            ? new Date(outcome.snapshot.completedOn).toISOString()
            : null,
          serviceLevel,
        },
        error: null,
        window: outcome.snapshot.window ?? null,
        isComplete: outcome.snapshot.isComplete ?? null,
        generatedPolicies: outcome.snapshot.policies,
      }
    case 'failed':
      return { ...base, status: 'failed', usage: GENERATION, error: withAdvice(outcome.error) }
    case 'over-budget':
      return {
        ...base,
        status: 'static',
        usage: null,
        error: {
          code: 'MAX_GENERATIONS',
          message:
            `not checked against usage: this run's max-generations for its account went to principals before it ` +
            `(those the pull request changes, then the stalest), and it has no earlier generation over the same trails. ` +
            'usage-source: auto checks such principals with last-accessed data; a higher max-generations starts more (50 a day per account).',
        },
      }
    case 'timed-out':
      return {
        ...base,
        status: 'timed-out',
        usage: GENERATION,
        error: {
          code: 'TIMED_OUT',
          message: outcome.jobId
            ? `still running after wait-timeout (${Math.round(waitTimeoutMs / 1000)} s); the generation was cancelled`
            : 'not started before wait-timeout: the account had no free generation slot in time',
        },
      }
  }
}

const GENERATION = { source: 'policy-generation', reused: false, completedAt: null } as const

/** What to do about the job errors a user can act on. */
function withAdvice(error: { code: string; message: string }): { code: string; message: string } {
  const hint = ADVICE[error.code]
  return hint ? { code: error.code, message: `${error.message} ${hint}`.trim() } : error
}

const ADVICE: Record<string, string> = {
  SERVICE_QUOTA_EXCEEDED_ERROR:
    'The account has used its daily policy generations (50 by default, cancelled ones included); not retried. Lower ' +
    'max-generations so a run never takes the whole day, use usage-source: auto (last-accessed data past it) or ' +
    'last-accessed, keep reuse-max-age at 24h or more so pull requests reuse the nightly results, or ask for a higher quota.',
  AUTHORIZATION_ERROR:
    "Access Analyzer could not read the trail: check the access role's permissions (cloudtrail:GetTrail, " +
    'iam:GenerateServiceLastAccessedDetails, iam:GetServiceLastAccessedDetails, s3:GetObject and s3:ListBucket on ' +
    'the trail bucket, kms:Decrypt if encrypted) and that the role trusts access-analyzer.amazonaws.com ' +
    '(examples/aws has all of it).',
  AccessDeniedException:
    "The workflow's role may not call IAM Access Analyzer or pass it the access role: it needs " +
    'access-analyzer:StartPolicyGeneration, GetGeneratedPolicy, ListPolicyGenerations and CancelPolicyGeneration, ' +
    'and iam:PassRole on cloudtrail.access-role-arn (examples/aws has all of it).',
  RESOURCE_NOT_FOUND_ERROR:
    'The trail, its bucket or the principal was not found: check the ARNs in the config.',
}
