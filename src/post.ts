import * as core from '@actions/core'

/**
 * The `post:` step. It runs even when the main step was cancelled or killed, and is where policy
 * generation jobs the main step left running get cancelled (their ids are saved with core.saveState
 * when started). This version starts no job, so there is never one to cancel.
 */
export async function cleanup(): Promise<void> {
  const saved = core.getState('in-flight-jobs')
  if (!saved) {
    core.debug('No policy generation job was left running.')
    return
  }
  core.warning(
    `Policy generation jobs recorded by the main step could not be cancelled by this version: ${saved}`,
  )
}

await cleanup()
