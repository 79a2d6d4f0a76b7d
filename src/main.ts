import { readFileSync } from 'node:fs'
import { mkdir, open, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
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
import { blobBase, readRunContext } from './github/context.js'
import { ANNOTATIONS_PER_LEVEL, toAnnotations } from './report/annotations.js'
import { buildReport, type Report, serializeReport } from './report/report.js'
import { toSarif } from './report/sarif.js'
import { renderSummary } from './report/summary.js'
import { ACTION_VERSION } from './version.js'

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

  const plan = planUsage(settings, config, env, readRunContext(env).fromFork)
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
    now: now(),
  })
  await publish(report, env)
  await comment(report, settings, env)
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

/** Writes the report everywhere it goes: JSON file, job summary, annotations, outputs, log. */
async function publish(report: Report, env: NodeJS.ProcessEnv): Promise<void> {
  const dir = join(env.RUNNER_TEMP || tmpdir(), 'iam-policy-drift')
  await mkdir(dir, { recursive: true })
  const reportPath = join(dir, 'report.json')
  await writeReport(reportPath, report)

  const { annotations, omitted } = toAnnotations(report.findings, report.failOn)
  for (const suggestion of report.suggestions) {
    // Next to the JSON report: the suggested file as it would be committed, and its diff.
    const path = join(dir, 'suggested', suggestion.file)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, suggestion.text)
    await writeFile(`${path}.diff`, suggestion.diff)
    core.info(`Suggested least-privilege ${suggestion.file}: ${path} (diff: ${path}.diff)`)
  }

  for (const a of annotations) {
    const properties = { title: a.title, file: a.file, startLine: a.line, startColumn: a.column }
    if (a.level === 'error') core.error(a.message, properties)
    else if (a.level === 'warning') core.warning(a.message, properties)
    else core.notice(a.message, properties)
  }

  if (omitted > 0) {
    core.notice(
      `${omitted} more findings are not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} annotations of each level per step): ` +
        'all of them are in the job summary and the JSON report.',
    )
  }

  if (env.GITHUB_STEP_SUMMARY) {
    const context = readRunContext(env)
    const base = blobBase(context)
    await core.summary.addRaw(renderSummary(report, base ? { blobBase: base } : {})).write()
  }

  core.setOutput('drift', report.findings.length > 0 ? 'true' : 'false')
  core.setOutput('findings', String(report.findings.length))
  core.setOutput('report', reportPath)
  core.setOutput(
    'job-ids',
    JSON.stringify(Object.fromEntries(report.principals.filter((p) => p.jobId).map((p) => [p.arn, p.jobId]))),
  )
  core.info(`${report.verdict === 'pass' ? 'Pass' : 'Fail'}: ${report.reason} Report: ${reportPath}`)
}

/** GitHub's limit on a comment body is 65,536 characters; keep room for the marker. */
const COMMENT_MAX_LENGTH = 65_000

/**
 * The sticky pull-request comment, on pull-request events with `comment` not `never`. A token that may
 * not comment (read-only GITHUB_TOKEN, missing `pull-requests: write`) gives a warning; the job summary
 * has the report and the verdict stands.
 */
async function comment(report: Report, settings: Settings, env: NodeJS.ProcessEnv): Promise<void> {
  const context = readRunContext(env)
  if (!context.pullRequest || settings.comment === 'never' || !context.repository) return
  if (context.fromFork) {
    // GitHub gives a fork's pull request a read-only token: an attempt could only fail.
    core.info(
      'Pull request from a fork: no comment (its token is read-only); the job summary has the report.',
    )
    return
  }
  if (!settings.githubToken) {
    core.warning('No github-token: the pull request comment was skipped (the job summary has the report).')
    return
  }
  const base = blobBase(context)
  const runUrl = `${context.serverUrl}/${context.repository}/actions/runs/${env.GITHUB_RUN_ID ?? ''}`
  const body = renderSummary(report, {
    ...(base && { blobBase: base }),
    maxLength: COMMENT_MAX_LENGTH,
    overflowPointer: `the [job summary](${runUrl}) and the JSON report of this run`,
  })
  const { getOctokit } = await import('@actions/github')
  const { octokitCommentApi, upsertComment } = await import('./github/sticky-comment.js')
  const [owner = '', repo = ''] = context.repository.split('/')
  try {
    const octokit = getOctokit(settings.githubToken) as unknown as Parameters<typeof octokitCommentApi>[0]
    const api = octokitCommentApi(octokit, owner, repo)
    const mode = settings.comment === 'always' ? 'always' : 'auto'
    const outcome = await upsertComment(
      api,
      context.pullRequest.number,
      body,
      mode,
      report.findings.length > 0,
    )
    core.info(`Pull request comment: ${outcome}`)
  } catch (error) {
    // The comment is a courtesy: the summary, annotations and verdict stand without it.
    const status = (error as { status?: number }).status
    const why =
      status === 403 || status === 404
        ? 'the token may not comment: give the job `permissions: pull-requests: write`'
        : 'the GitHub API failed'
    core.warning(
      `No pull request comment: ${why} (${status ? `HTTP ${status}: ` : ''}${(error as Error).message}). The job summary has the report.`,
    )
  }
}

/** The SARIF log for code scanning (github/codeql-action/upload-sarif), where `sarif-file` says. */
async function writeSarif(report: Report, path: string, env: NodeJS.ProcessEnv): Promise<void> {
  const repository = env.GITHUB_ACTION_REPOSITORY || 'iam-policy-drift/iam-policy-drift'
  const sarif = toSarif(report, {
    version: ACTION_VERSION,
    informationUri: `https://github.com/${repository}`,
  })
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, `${JSON.stringify(sarif, null, 2)}\n`)
  core.info(`SARIF log: ${path} (${report.findings.length} results)`)
}

/** Writes the JSON report in batches of about 1 MiB. */
async function writeReport(path: string, report: Report): Promise<void> {
  const file = await open(path, 'w')
  try {
    let batch: string[] = []
    let size = 0
    for (const piece of serializeReport(report)) {
      batch.push(piece)
      size += piece.length
      if (size < 1 << 20) continue
      await file.write(batch.join(''))
      batch = []
      size = 0
    }
    await file.write(batch.join(''))
  } finally {
    await file.close()
  }
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
