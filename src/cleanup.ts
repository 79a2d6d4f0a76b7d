import { STATE_JOBS, STATE_REGION } from './aws/state.js'
import { readSettings } from './config/inputs.js'
import * as core from './github/workflow-commands.js'

/**
 * The `post:` step. It runs after every job, even when the main step was cancelled or killed, and
 * cancels the policy generation jobs the main step left running (their ids were saved with
 * core.saveState as they started). Nearly always there are none: then it loads only the runner's
 * commands; the credentials, the logger and the AWS SDK are loaded when there is something to cancel.
 */
export async function cleanup(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const jobIds = parseJobIds(savedState(env, STATE_JOBS))
  if (jobIds.length === 0) {
    core.debug('No policy generation job was left running.')
    return
  }
  const [runtime, { cancelLeftoverJobs }] = await Promise.all([
    import('./github/actions-runtime.js'),
    import('./aws/cancel-jobs.js'),
  ])
  const { settings } = readSettings((name) => core.getInput(name, env), env)
  await cancelLeftoverJobs(
    jobIds,
    { credentials: settings, region: savedState(env, STATE_REGION) },
    { ...runtime.actionsCredentialDeps(), logger: runtime.actionsLogger() },
  )
}

/** What the main step saved with core.saveState: the runner hands it to the post step as STATE_<name>. */
function savedState(env: NodeJS.ProcessEnv, name: string): string {
  return env[`STATE_${name}`] ?? ''
}

/** The jobs saved: `{ jobId, roleArn? }` (the role of another account's job), or a bare id. */
function parseJobIds(saved: string): { jobId: string; roleArn?: string }[] {
  try {
    const jobs = JSON.parse(saved || '[]')
    if (!Array.isArray(jobs)) return []
    return jobs.flatMap((job: unknown) => {
      if (typeof job === 'string') return [{ jobId: job }]
      const { jobId, roleArn } = (job ?? {}) as { jobId?: unknown; roleArn?: unknown }
      if (typeof jobId !== 'string') return []
      return [{ jobId, ...(typeof roleArn === 'string' && { roleArn }) }]
    })
  } catch {
    return []
  }
}
