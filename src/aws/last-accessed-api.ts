// IAM's last-accessed data (access advisor): GenerateServiceLastAccessedDetails at ACTION_LEVEL, then
// GetServiceLastAccessedDetails until the report is done, over the AWS SDK's IAM client. A usage
// source without Access Analyzer's daily quota: what services, and for the services IAM tracks which
// management actions, a principal last used, and when.
import {
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  IAMClient,
} from '@aws-sdk/client-iam'
import type { CredentialSource } from './credentials.js'

/** One service of a report: when the principal last used it, and its tracked actions when IAM has them. */
export interface ServiceAccess {
  /** The service prefix, e.g. `s3`. */
  readonly namespace: string
  /** Epoch milliseconds of the last use in IAM's tracking period; undefined: never. */
  readonly lastAuthenticated: number | undefined
  /**
   * The management actions IAM tracks for this service (`s3:CreateBucket`), each with its last use;
   * undefined when IAM reports the service at service level only.
   */
  readonly trackedActions: ReadonlyMap<string, number | undefined> | undefined
}

/** A report job as GetServiceLastAccessedDetails gives it, all pages read. */
export interface LastAccessedReport {
  readonly status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED'
  /** Epoch milliseconds, when the report was done. */
  readonly completedOn: number | undefined
  readonly error: { readonly code: string; readonly message: string } | undefined
  readonly services: readonly ServiceAccess[]
}

/** The two calls: the seam the engine's tests and the benchmark drive. */
export interface LastAccessedApi {
  generate(principalArn: string): Promise<string>
  get(jobId: string): Promise<LastAccessedReport>
}

/** A client for IAM (a global service: its endpoint is the partition's): the engine does its own retries. */
export function iamClient(region: string, credentials: CredentialSource | undefined): IAMClient {
  return new IAMClient({ region, maxAttempts: 1, ...(credentials && { credentials }) })
}

export function sdkLastAccessedApi(client: IAMClient): LastAccessedApi {
  return {
    async generate(principalArn) {
      const { JobId } = await client.send(
        new GenerateServiceLastAccessedDetailsCommand({ Arn: principalArn, Granularity: 'ACTION_LEVEL' }),
      )
      if (!JobId) throw new Error('GenerateServiceLastAccessedDetails returned no JobId')
      return JobId
    },

    async get(jobId) {
      const services: ServiceAccess[] = []
      let marker: string | undefined
      for (;;) {
        const out = await client.send(
          new GetServiceLastAccessedDetailsCommand({ JobId: jobId, MaxItems: 1000, Marker: marker }),
        )
        const status = (out.JobStatus ?? 'IN_PROGRESS') as LastAccessedReport['status']
        if (status !== 'COMPLETED')
          return {
            status,
            completedOn: out.JobCompletionDate?.getTime(),
            error: out.Error
              ? { code: out.Error.Code ?? 'FAILED', message: out.Error.Message ?? '' }
              : undefined,
            services: [],
          }
        for (const s of out.ServicesLastAccessed ?? []) {
          const namespace = s.ServiceNamespace?.toLowerCase()
          if (!namespace) continue
          const tracked = s.TrackedActionsLastAccessed
          services.push({
            namespace,
            lastAuthenticated: s.LastAuthenticated?.getTime(),
            trackedActions: tracked
              ? new Map(
                  tracked
                    .filter((a) => a.ActionName)
                    .map((a) => [actionId(namespace, a.ActionName as string), a.LastAccessedTime?.getTime()]),
                )
              : undefined,
          })
        }
        if (!out.IsTruncated || !out.Marker)
          return { status, completedOn: out.JobCompletionDate?.getTime(), error: undefined, services }
        marker = out.Marker
      }
    },
  }
}

/** `s3:CreateBucket` from the service and IAM's ActionName (the bare name; a prefixed one as it is). */
function actionId(namespace: string, name: string): string {
  return name.includes(':') ? name : `${namespace}:${name}`
}
