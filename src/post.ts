import * as core from '@actions/core'
import { accessAnalyzerClient, resolveCredentials } from './aws/collect-usage.js'
import { sdkGenerationApi } from './aws/generation-api.js'
import { realSleep, withRetry } from './aws/retry.js'
import { STATE_JOBS, STATE_REGION } from './aws/state.js'
import { readSettings } from './config/inputs.js'

/**
 * The `post:` step. It runs even when the main step was cancelled or killed, and cancels the policy
 * generation jobs the main step left running (their ids were saved with core.saveState as they
 * started). Credentials are obtained again, as in the main step: they are never saved.
 */
export async function cleanup(): Promise<void> {
  const jobIds = parseJobIds(core.getState(STATE_JOBS))
  if (jobIds.length === 0) {
    core.debug('No policy generation job was left running.')
    return
  }
  const region = core.getState(STATE_REGION)
  try {
    const { settings } = readSettings((name) => core.getInput(name), process.env)
    const credentials = await resolveCredentials(settings, region, {
      getIdToken: (audience) => core.getIDToken(audience),
      mask: (secret) => core.setSecret(secret),
    })
    const client = accessAnalyzerClient(region, credentials)
    const api = sdkGenerationApi(client)
    for (const jobId of jobIds) {
      try {
        await withRetry(() => api.cancel(jobId), {
          sleep: realSleep,
          random: Math.random,
          deadline: Date.now() + 20_000,
        })
        core.info(`Cancelled policy generation ${jobId}, left running by the main step.`)
      } catch (error) {
        core.warning(`Could not cancel policy generation ${jobId}: ${(error as Error).message}`)
      }
    }
    client.destroy()
  } catch (error) {
    core.warning(
      `Could not cancel the policy generations left running (${jobIds.join(', ')}): ${(error as Error).message}`,
    )
  }
}

function parseJobIds(saved: string): string[] {
  try {
    const ids = JSON.parse(saved || '[]')
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []
  } catch {
    return []
  }
}

await cleanup()
