// The AWS side of a run: credentials, then a generated policy per principal from IAM Access Analyzer.
// Loaded with a dynamic import by main.ts, so runs that never call AWS (static mode, bad input) start
// without evaluating the AWS SDK.
import { createHash } from 'node:crypto'
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer'
import type { PrincipalUsage } from '../analysis/usage.js'
import type { CloudTrailConfig } from '../config/config-file.js'
import type { Settings } from '../config/inputs.js'
import { assumeRoleWithOidc, type CredentialDeps, type TemporaryCredentials } from './credentials.js'
import { sdkGenerationApi } from './generation-api.js'
import { type GenerationOutcome, generatePolicies } from './generation-engine.js'
import { realSleep } from './retry.js'

const DAY_MS = 86_400_000

export interface UsageDeps extends CredentialDeps {
  readonly log: (message: string) => void
  readonly signal?: AbortSignal
  readonly now?: () => number
  /** Called with the job ids still running whenever that set changes: saved for the post step. */
  readonly onInFlight?: (jobIds: readonly string[]) => void
}

export interface RunIdentity {
  readonly repository: string
  readonly runId: string
  readonly runAttempt: string
}

export interface CollectedUsage {
  readonly usage: readonly PrincipalUsage[]
  /** Generated policy documents (JSON text) by principal ARN, for the principals checked. */
  readonly generatedPolicies: ReadonlyMap<string, readonly string[]>
}

/**
 * Credentials for the run: the role through OIDC when `role-to-assume` is set, else the SDK's default
 * chain (what aws-actions/configure-aws-credentials set up), represented as undefined.
 */
export async function resolveCredentials(
  settings: Settings,
  region: string,
  deps: CredentialDeps,
): Promise<TemporaryCredentials | undefined> {
  if (!settings.roleToAssume) return undefined
  return assumeRoleWithOidc(
    {
      roleArn: settings.roleToAssume,
      audience: settings.audience,
      sessionName: settings.roleSessionName,
      region,
    },
    deps,
  )
}

/** A client for Access Analyzer: the engine does its own retries, so the SDK makes one attempt. */
export function accessAnalyzerClient(
  region: string,
  credentials: TemporaryCredentials | undefined,
): AccessAnalyzerClient {
  return new AccessAnalyzerClient({ region, maxAttempts: 1, ...(credentials && { credentials }) })
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

export async function collectUsage(
  principals: readonly string[],
  cloudTrail: CloudTrailConfig,
  includeServiceLevelTemplate: boolean,
  settings: Settings,
  region: string,
  run: RunIdentity,
  deps: UsageDeps,
): Promise<CollectedUsage> {
  const credentials = await resolveCredentials(settings, region, deps)
  const client = accessAnalyzerClient(region, credentials)
  const now = deps.now ?? Date.now
  const end = new Date(now())
  const start = new Date(end.getTime() - cloudTrail.lookbackDays * DAY_MS)
  const inFlight = new Set<string>()
  const outcomes = await generatePolicies(
    principals.map((arn) => ({ principalArn: arn, clientToken: clientToken(run, arn) })),
    {
      trails: cloudTrail.trails,
      accessRoleArn: cloudTrail.accessRoleArn,
      startTime: start,
      endTime: end,
      includeServiceLevelTemplate,
      maxConcurrent: settings.maxConcurrentJobs,
      waitTimeoutMs: settings.waitTimeoutMs,
      reuseMaxAgeMs: settings.reuseMaxAgeMs,
    },
    {
      api: sdkGenerationApi(client),
      now,
      sleep: realSleep,
      random: Math.random,
      log: deps.log,
      ...(deps.signal && { signal: deps.signal }),
      onStarted: (jobId) => {
        inFlight.add(jobId)
        deps.onInFlight?.([...inFlight])
      },
      onEnded: (jobId) => {
        inFlight.delete(jobId)
        deps.onInFlight?.([...inFlight])
      },
    },
  )
  client.destroy()
  const generatedPolicies = new Map<string, readonly string[]>()
  for (const o of outcomes)
    if (o.status === 'checked') generatedPolicies.set(o.principalArn, o.snapshot.policies)
  return { usage: outcomes.map((o) => toUsage(o, settings)), generatedPolicies }
}

/** How an engine outcome reads in the report. */
export function toUsage(
  outcome: GenerationOutcome,
  settings: Pick<Settings, 'waitTimeoutMs'>,
): PrincipalUsage {
  const base = { arn: outcome.principalArn, jobId: outcome.jobId }
  switch (outcome.status) {
    case 'checked':
      return {
        ...base,
        status: 'checked',
        error: null,
        window: outcome.snapshot.window ?? null,
        isComplete: outcome.snapshot.isComplete ?? null,
      }
    case 'failed':
      return { ...base, status: 'failed', error: withAdvice(outcome.error), window: null, isComplete: null }
    case 'timed-out':
      return {
        ...base,
        status: 'timed-out',
        error: {
          code: 'TIMED_OUT',
          message: outcome.jobId
            ? `still running after wait-timeout (${Math.round(settings.waitTimeoutMs / 1000)} s); the generation was cancelled`
            : 'not started before wait-timeout: the account had no free generation slot in time',
        },
        window: null,
        isComplete: null,
      }
  }
}

/** What to do about the job errors a user can act on. */
function withAdvice(error: { code: string; message: string }): { code: string; message: string } {
  const advice: Record<string, string> = {
    SERVICE_QUOTA_EXCEEDED_ERROR:
      'The account has used its daily policy generations (50 by default, cancelled ones included). Keep reuse-max-age ' +
      'at 24h or more so pull requests reuse the nightly results, check fewer principals per run, or ask for a higher quota.',
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
  const hint = advice[error.code]
  return hint ? { code: error.code, message: `${error.message} ${hint}`.trim() } : error
}
