import type { Logger } from '../vocabulary/logger.js'
import {
  assumeChainedRole,
  type CredentialDeps,
  type CredentialRequest,
  type CredentialSource,
  resolveCredentials,
} from './credentials.js'
import { accessAnalyzerClient, type GenerationApi, sdkGenerationApi } from './generation-api.js'
import { realSleep, type Sleep, withRetry } from './retry.js'

/** How long one cancellation may keep retrying: it runs after the run's own deadline has passed. */
const CANCEL_RETRY_MS = 20_000

/** Cancels a generation job, retrying throttling, 5xx and connection errors for a short while. */
export function cancelWithRetry(
  api: Pick<GenerationApi, 'cancel'>,
  jobId: string,
  deps: { readonly sleep: Sleep; readonly random: () => number; readonly now: () => number },
): Promise<void> {
  const { sleep, random, now } = deps
  return withRetry(() => api.cancel(jobId), { sleep, random, now, deadline: now() + CANCEL_RETRY_MS })
}

/**
 * The post step's work: cancel the generation jobs a killed or cancelled main step left running. The
 * credentials are obtained again, as in the main step: they are never saved. Failures are warnings:
 * the job's own result stands.
 */
export async function cancelLeftoverJobs(
  jobs: readonly { readonly jobId: string; readonly roleArn?: string }[],
  request: { readonly credentials: CredentialRequest; readonly region: string },
  deps: CredentialDeps & { readonly logger: Logger },
): Promise<void> {
  const { logger } = deps
  const ids = (list: readonly { jobId: string }[]) => list.map((j) => j.jobId).join(', ')
  let base: CredentialSource | undefined
  try {
    base = await resolveCredentials(request.credentials, request.region, deps)
  } catch (error) {
    logger.warning(
      `Could not cancel the policy generations left running (${ids(jobs)}): ${(error as Error).message}`,
    )
    return
  }
  // By account: the run's own jobs with its session, another account's through its role, as the main step did.
  const byRole = new Map<string | undefined, { jobId: string }[]>()
  for (const job of jobs) {
    const list = byRole.get(job.roleArn)
    if (list) list.push(job)
    else byRole.set(job.roleArn, [job])
  }
  for (const [roleArn, list] of byRole) {
    try {
      const credentials = roleArn
        ? await assumeChainedRole(
            { roleArn, sessionName: request.credentials.roleSessionName, region: request.region },
            base,
            deps.mask,
          )
        : base
      const client = accessAnalyzerClient(request.region, credentials)
      const api = sdkGenerationApi(client)
      for (const { jobId } of list) {
        try {
          await cancelWithRetry(api, jobId, { sleep: realSleep, random: Math.random, now: Date.now })
          logger.info(`Cancelled policy generation ${jobId}, left running by the main step.`)
        } catch (error) {
          logger.warning(`Could not cancel policy generation ${jobId}: ${(error as Error).message}`)
        }
      }
      client.destroy()
    } catch (error) {
      logger.warning(
        `Could not cancel the policy generations left running (${ids(list)}): ${(error as Error).message}`,
      )
    }
  }
}
