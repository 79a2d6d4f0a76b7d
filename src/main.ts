import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import * as core from '@actions/core'
import { analyse } from './analysis/analyse.js'
import { type PrincipalUsage, staticUsage } from './analysis/usage.js'
import type { ObservedUsage } from './analysis/usage-checks.js'
import type { CollectedUsage } from './aws/collect-usage.js'
import { STATE_JOBS, STATE_REGION } from './aws/state.js'
import { planUsage } from './aws/usage-plan.js'
import { loadCatalog } from './catalog/catalog.js'
import type { CloudTrailConfig } from './config/config-file.js'
import { ConfigError, formatProblem, type Problem } from './config/errors.js'
import { readSettings, type Settings } from './config/inputs.js'
import { loadWorkspace } from './config/load-workspace.js'
import { type RunContext, readRunContext, untrustedConfig } from './github/context.js'
import { comment, publish, writeSarif } from './github/publish.js'
import { buildReport, type Report } from './report/report.js'

/** What `run` reads from the outside world; tests may replace any of it. */
export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv
  readonly now?: () => Date
}

/**
 * The action: read and validate everything local, fetch usage, analyse, report, judge. The one place
 * that turns errors into a failed step: a user's mistake as a plain message, anything else as a bug
 * with its stack in the debug log.
 */
export async function run(options: RunOptions = {}): Promise<void> {
  const env = options.env ?? process.env
  const now = options.now ?? (() => new Date())
  try {
    const report = await check(env, now)
    if (report.verdict === 'fail') core.setFailed(report.reason)
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) annotateProblem(problem)
      core.setFailed(`Nothing was checked: ${error.message}`)
    } else {
      core.debug((error as Error).stack ?? String(error))
      core.setFailed(`iam-policy-drift failed unexpectedly: ${(error as Error).message ?? error}`)
    }
  }
}

async function check(env: NodeJS.ProcessEnv, now: () => Date): Promise<Report> {
  const workspaceRoot = env.GITHUB_WORKSPACE || process.cwd()
  const { settings, problems } = readSettings((name) => core.getInput(name), env)
  core.info(`Reading ${settings.configPath} and the policy files it names`)
  const loaded = loadWorkspace(workspaceRoot, settings.configPath)
  // Inputs first: every local problem is reported together, and none of them starts anything.
  if (problems.length > 0 || !loaded.workspace) throw new ConfigError([...problems, ...loaded.problems])
  const { config, principals } = loaded.workspace
  const files = new Set(principals.flatMap((p) => p.files))
  core.info(
    `${principals.length} principal(s), ${files.size} policy file(s), ${config.ignore.length} ignore rule(s)`,
  )

  const context = readRunContext(env, workspaceRoot)
  core.info(describeRun(context))
  const plan = planUsage(settings, config, env, {
    readOnlyToken: context.readOnlyToken,
    untrustedConfig: untrustedConfig(context, env, workspaceRoot, settings.configPath),
  })
  const region = settings.awsRegion
  if (plan.mode === 'aws' && !region) {
    throw new ConfigError([
      {
        message:
          "input 'aws-region' is empty and neither AWS_REGION nor AWS_DEFAULT_REGION is set; expected the region " +
          'of IAM Access Analyzer, such as us-east-1',
      },
    ])
  }

  let staticMode: string | null = null
  let usage: readonly PrincipalUsage[]
  const observed = new Map<string, ObservedUsage>()
  if (plan.mode === 'static' || !config.cloudTrail || !region) {
    staticMode = plan.mode === 'static' ? plan.reason : 'no CloudTrail configuration'
    core.warning(`Static mode: ${staticMode}`)
    usage = principals.map((p) => staticUsage(p.arn))
  } else {
    const collected = await fetchUsage(
      principals.map((p) => p.arn),
      config.cloudTrail,
      config.includeServiceLevelTemplate,
      settings,
      region,
      env,
    )
    usage = collected.usage
    for (const u of usage) {
      const policies = collected.generatedPolicies.get(u.arn)
      if (u.status === 'checked' && policies) observed.set(u.arn, { policies, isComplete: u.isComplete })
    }
  }

  const catalog = loadCatalog()
  // The suggestions' diffs need the files as they are; only drifted files are read again.
  const readOriginal = (file: string) => readFileSync(join(workspaceRoot, file), 'utf8')
  const analysis = analyse(principals, config.ignore, catalog, observed, readOriginal)
  const report = buildReport({
    analysis,
    principals: principals.map((p, i) => ({ ...(usage[i] as PrincipalUsage), files: p.files })),
    failOn: settings.failOn,
    catalog: { version: catalog.version, date: catalog.date },
    staticMode,
    run: {
      event: context.eventName || null,
      ref: context.ref ?? null,
      sha: context.sha ?? null,
      pullRequest: context.pullRequest?.number ?? null,
    },
    now: now(),
  })
  await publish(report, context, env)
  await comment(report, settings, context, env)
  if (settings.sarifFile) await writeSarif(report, resolve(workspaceRoot, settings.sarifFile), env)
  return report
}

/**
 * Generated policies from IAM Access Analyzer, in a log group. SIGINT/SIGTERM (a cancelled workflow)
 * cancel the jobs in flight before the process ends; the ids of running jobs are saved for the post
 * step, which cancels whatever a killed main step left behind.
 */
async function fetchUsage(
  arns: readonly string[],
  cloudTrail: CloudTrailConfig,
  includeServiceLevelTemplate: boolean,
  settings: Settings,
  region: string,
  env: NodeJS.ProcessEnv,
): Promise<CollectedUsage> {
  // The AWS SDK is only evaluated by runs that call AWS.
  const { collectUsage } = await import('./aws/collect-usage.js')
  const interrupted = new AbortController()
  const onSignal = (signal: NodeJS.Signals) => {
    core.warning(`Received ${signal}: cancelling the policy generations in flight`)
    interrupted.abort()
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  core.saveState(STATE_REGION, region)
  core.startGroup(`Policy generation for ${arns.length} principal(s) (IAM Access Analyzer, ${region})`)
  try {
    const collected = await collectUsage(
      arns,
      cloudTrail,
      includeServiceLevelTemplate,
      settings,
      region,
      {
        repository: env.GITHUB_REPOSITORY ?? '',
        runId: env.GITHUB_RUN_ID ?? '',
        runAttempt: env.GITHUB_RUN_ATTEMPT ?? '',
      },
      {
        getIdToken: (audience) => core.getIDToken(audience),
        mask: (secret) => core.setSecret(secret),
        log: (message) => core.info(message),
        signal: interrupted.signal,
        onInFlight: (jobIds) => core.saveState(STATE_JOBS, JSON.stringify(jobIds)),
      },
    )
    for (const u of collected.usage) {
      if (u.status === 'timed-out') core.error(`${u.arn}: timed out (${u.error?.message})`)
      else if (u.status === 'failed')
        core.error(`${u.arn}: policy generation failed with ${u.error?.code}: ${u.error?.message}`)
    }
    return collected
  } finally {
    core.endGroup()
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
  }
}

/** "Event pull_request, pull request #42, commit 0123456789ab": what this run checks, for the log. */
function describeRun(context: RunContext): string {
  const parts = [`Event ${context.eventName || '(none: a local run)'}`]
  if (context.pullRequest)
    parts.push(`pull request #${context.pullRequest.number}${context.fromFork ? ' from a fork' : ''}`)
  else if (context.ref) parts.push(`ref ${context.ref}`)
  if (context.sha) parts.push(`commit ${context.sha.slice(0, 12)}`)
  return parts.join(', ')
}

function annotateProblem(problem: Problem): void {
  if (problem.file && problem.line !== undefined) {
    core.error(problem.message, {
      title: 'iam-policy-drift: configuration',
      file: problem.file,
      startLine: problem.line,
      ...(problem.column !== undefined && { startColumn: problem.column }),
    })
  } else {
    core.error(formatProblem(problem))
  }
}
