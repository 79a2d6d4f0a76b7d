import { mkdir, open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import { analyse } from './analysis/analyse.js'
import { staticUsage } from './analysis/usage.js'
import { planUsage } from './aws/usage-plan.js'
import { loadCatalog } from './catalog/catalog.js'
import { ConfigError, formatProblem, type Problem } from './config/errors.js'
import { readSettings } from './config/inputs.js'
import { loadWorkspace } from './config/load-workspace.js'
import { blobBase, readRunContext } from './github/context.js'
import { ANNOTATIONS_PER_LEVEL, toAnnotations } from './report/annotations.js'
import { buildReport, type Report, serializeReport } from './report/report.js'
import { renderSummary } from './report/summary.js'

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

  const plan = planUsage(settings, config, env)
  // The AWS engine (OIDC, Access Analyzer) plugs in here; until then every run is a static one.
  const staticMode =
    plan.mode === 'static'
      ? plan.reason
      : 'usage from IAM Access Analyzer is not fetched by this version yet; the static checks judge alone.'
  core.warning(`Static mode: ${staticMode}`)

  const catalog = loadCatalog()
  const analysis = analyse(principals, config.ignore, catalog)
  const report = buildReport({
    analysis,
    principals: principals.map((p) => ({ ...staticUsage(p.arn), files: p.files })),
    failOn: settings.failOn,
    catalog: { version: catalog.version, date: catalog.date },
    staticMode,
    now: now(),
  })
  await publish(report, env)
  return report
}

/** Writes the report everywhere it goes: JSON file, job summary, annotations, outputs, log. */
async function publish(report: Report, env: NodeJS.ProcessEnv): Promise<void> {
  const dir = join(env.RUNNER_TEMP || tmpdir(), 'iam-policy-drift')
  await mkdir(dir, { recursive: true })
  const reportPath = join(dir, 'report.json')
  await writeReport(reportPath, report)

  const { annotations, omitted } = toAnnotations(report.findings, report.failOn)
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
