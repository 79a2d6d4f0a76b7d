import {
  AccessAnalyzerClient,
  CancelPolicyGenerationCommand,
  GetGeneratedPolicyCommand,
  paginateListPolicyGenerations,
  StartPolicyGenerationCommand,
} from '@aws-sdk/client-accessanalyzer'
import type { TrailConfig } from '../config/config-file.js'
import type { CredentialSource } from './credentials.js'

export type JobStatus = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'CANCELED'

/** What StartPolicyGeneration needs for one principal. */
export interface StartInput {
  readonly principalArn: string
  readonly trails: readonly TrailConfig[]
  readonly accessRoleArn: string
  readonly startTime: Date
  readonly endTime: Date
  readonly clientToken: string
}

/** A job as GetGeneratedPolicy reports it. Times are epoch milliseconds of the service's clock. */
export interface JobSnapshot {
  readonly jobId: string
  readonly status: JobStatus
  readonly startedOn: number
  readonly completedOn: number | undefined
  readonly error: { readonly code: string; readonly message: string } | undefined
  readonly isComplete: boolean | undefined
  /** Generated policy documents (JSON text), when SUCCEEDED. */
  readonly policies: readonly string[]
  readonly trails: readonly TrailConfig[] | undefined
  readonly window: { readonly start: string; readonly end: string } | undefined
}

export interface JobSummary {
  readonly jobId: string
  readonly status: JobStatus
  readonly startedOn?: number | undefined
  readonly completedOn: number | undefined
}

/** The four policy-generation calls the engine makes: the seam tests and the benchmark drive. */
export interface GenerationApi {
  start(input: StartInput): Promise<string>
  get(jobId: string, includeServiceLevelTemplate: boolean): Promise<JobSnapshot>
  /** Every generation of the principal the service remembers, all pages. */
  list(principalArn: string): Promise<JobSummary[]>
  /**
   * The account's generations of the last seven days, page after page until every job of `wanted` is
   * among them (or no page is left), and how many pages that took.
   */
  listRecent(wanted: ReadonlySet<string>): Promise<{ readonly jobs: JobSummary[]; readonly pages: number }>
  cancel(jobId: string): Promise<void>
}

/** A client for Access Analyzer: the engine does its own retries, so the SDK makes one attempt. */
export function accessAnalyzerClient(
  region: string,
  credentials: CredentialSource | undefined,
): AccessAnalyzerClient {
  return new AccessAnalyzerClient({ region, maxAttempts: 1, ...(credentials && { credentials }) })
}

/** The API over the AWS SDK's Access Analyzer client. */
export function sdkGenerationApi(client: AccessAnalyzerClient): GenerationApi {
  return {
    async start(input) {
      const { jobId } = await client.send(
        new StartPolicyGenerationCommand({
          policyGenerationDetails: { principalArn: input.principalArn },
          cloudTrailDetails: {
            trails: input.trails.map((t) => ({
              cloudTrailArn: t.arn,
              allRegions: t.allRegions,
              ...(t.allRegions ? {} : { regions: [...t.regions] }),
            })),
            accessRole: input.accessRoleArn,
            startTime: input.startTime,
            endTime: input.endTime,
          },
          clientToken: input.clientToken,
        }),
      )
      if (!jobId) throw new Error('StartPolicyGeneration returned no jobId')
      return jobId
    },

    async get(jobId, includeServiceLevelTemplate) {
      const out = await client.send(
        // Placeholders (arn:aws:s3:::${BucketName}) tell which resource types were used.
        new GetGeneratedPolicyCommand({
          jobId,
          includeResourcePlaceholders: true,
          includeServiceLevelTemplate,
        }),
      )
      const details = out.jobDetails
      const properties = out.generatedPolicyResult?.properties
      const cloudTrail = properties?.cloudTrailProperties
      return {
        jobId,
        status: (details?.status ?? 'IN_PROGRESS') as JobStatus,
        startedOn: details?.startedOn?.getTime() ?? 0,
        completedOn: details?.completedOn?.getTime(),
        error: details?.jobError
          ? { code: details.jobError.code ?? 'UNKNOWN', message: details.jobError.message ?? '' }
          : undefined,
        isComplete: properties?.isComplete,
        policies: (out.generatedPolicyResult?.generatedPolicies ?? [])
          .map((p) => p.policy ?? '')
          .filter(Boolean),
        trails: cloudTrail?.trailProperties?.map((t) => ({
          arn: t.cloudTrailArn ?? '',
          allRegions: t.allRegions ?? false,
          regions: t.regions ?? [],
        })),
        window:
          cloudTrail?.startTime && cloudTrail.endTime
            ? { start: cloudTrail.startTime.toISOString(), end: cloudTrail.endTime.toISOString() }
            : undefined,
      }
    },

    async list(principalArn) {
      const jobs: JobSummary[] = []
      for await (const page of listed(client, principalArn)) jobs.push(...page)
      return jobs
    },

    async listRecent(wanted) {
      const jobs: JobSummary[] = []
      const missing = new Set(wanted)
      let pages = 0
      for await (const page of listed(client)) {
        pages++
        for (const job of page) missing.delete(job.jobId)
        jobs.push(...page)
        if (missing.size === 0) break
      }
      return { jobs, pages }
    },

    async cancel(jobId) {
      await client.send(new CancelPolicyGenerationCommand({ jobId }))
    },
  }
}

/** ListPolicyGenerations page by page (the SDK's paginator): the principal's generations, or with none the account's. */
async function* listed(client: AccessAnalyzerClient, principalArn?: string): AsyncGenerator<JobSummary[]> {
  for await (const page of paginateListPolicyGenerations({ client }, { principalArn, maxResults: 100 }))
    yield (page.policyGenerations ?? []).flatMap((g) =>
      g.jobId
        ? [
            {
              jobId: g.jobId,
              status: (g.status ?? 'IN_PROGRESS') as JobStatus,
              startedOn: g.startedOn?.getTime(),
              completedOn: g.completedOn?.getTime(),
            },
          ]
        : [],
    )
}
