// Where a finished report goes: the JSON report and suggested files under RUNNER_TEMP, annotations,
// the job summary, the outputs, the sticky pull request comment and the SARIF log. The adapters between
// the pure renderers of src/report and the runner.
import { closeSync, openSync, writeSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import type { Settings } from '../config/inputs.js'
import { isInside, unwritable } from '../config/paths.js'
import { ANNOTATIONS_PER_LEVEL, toAnnotations } from '../report/annotations.js'
import { type Report, serializeReport } from '../report/report.js'
import { SARIF_MAX_RESULTS, toSarif } from '../report/sarif.js'
import { renderSummary } from '../report/summary.js'
import type { Logger } from '../vocabulary/logger.js'
import { codeAddress } from '../vocabulary/policy.js'
import { type Problem, quote } from '../vocabulary/problems.js'
import { ACTION_VERSION } from '../vocabulary/version.js'
import { blobBase, type RunContext } from './context.js'
import * as core from './workflow-commands.js'

/** Writes the report everywhere it goes: JSON file, job summary, annotations, outputs, log. */
export async function publishReport(
  report: Report,
  context: RunContext,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<void> {
  const dir = join(env.RUNNER_TEMP || tmpdir(), 'iam-policy-drift')
  await mkdir(dir, { recursive: true })
  const reportPath = join(dir, 'report.json')
  writeReport(reportPath, report)

  // What the step has shown already (notes, the static-mode warning) takes room from the findings; when
  // some are left out, one notice says so, and must be shown too.
  const left = (level: 'notice' | 'warning' | 'error') =>
    Math.max(0, ANNOTATIONS_PER_LEVEL - (logger.annotated?.(level) ?? 0))
  const room = { error: left('error'), warning: left('warning'), notice: left('notice') }
  let { annotations, omitted } = toAnnotations(report.findings, report.failOn, report.base?.failOnScope, room)
  if (omitted > 0 && room.notice > 0)
    ({ annotations, omitted } = toAnnotations(report.findings, report.failOn, report.base?.failOnScope, {
      ...room,
      notice: room.notice - 1,
    }))
  for (const suggestion of report.suggestions) {
    // Next to the JSON report: the suggested file as it would be committed, and its diff.
    // A policy given as JSON, not as an edit of the code that writes it, is named after its resource.
    const address = codeAddress(suggestion.source)
    const asJson = suggestion.diff === null && address !== undefined
    const name = asJson ? `${suggestion.file}.${address.replace(/[^\w.-]+/g, '_')}.json` : suggestion.file
    const path = join(dir, 'suggested', name)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, suggestion.text)
    if (suggestion.diff !== null) await writeFile(`${path}.diff`, suggestion.diff)
    logger.info(
      suggestion.diff === null
        ? `Suggested least-privilege policy of ${address} (${suggestion.file}:${suggestion.line}), as JSON: ${path}`
        : `Suggested least-privilege ${suggestion.file}: ${path} (diff: ${path}.diff)`,
    )
  }

  for (const a of annotations) {
    logger[a.level](a.message, { title: a.title, file: a.file, line: a.line, column: a.column })
  }

  if (omitted > 0) {
    // Shown where there is room for it, else in the log.
    const shown = (logger.annotated?.('notice') ?? 0) < ANNOTATIONS_PER_LEVEL
    logger[shown ? 'notice' : 'info'](
      `${omitted} more findings are not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} annotations of each level per step): ` +
        'all of them are in the job summary and the JSON report.',
    )
  }

  if (env.GITHUB_STEP_SUMMARY) {
    const base = blobBase(context)
    await core.appendSummary(renderSummary(report, base ? { blobBase: base } : {}), env)
  }

  core.setOutput('drift', report.findings.length > 0 ? 'true' : 'false', env)
  core.setOutput('findings', String(report.findings.length), env)
  core.setOutput('report', reportPath, env)
  core.setOutput(
    'job-ids',
    JSON.stringify(Object.fromEntries(report.principals.filter((p) => p.jobId).map((p) => [p.arn, p.jobId]))),
    env,
  )
  const verdict = { pass: 'Pass', fail: 'Fail', error: 'Error' }[report.verdict]
  logger.info(`${verdict}: ${report.reason} Report: ${reportPath}`)
}

/** GitHub's limit on a comment body is 65,536 characters; keep room for the marker and the config line. */
const COMMENT_MAX_LENGTH = 65_000

/**
 * The sticky pull-request comment, on pull-request events with `comment` not `never`. A token that may
 * not comment (read-only GITHUB_TOKEN, missing `pull-requests: write`) gives a warning; the job summary
 * has the report and the verdict stands.
 */
export async function postComment(
  report: Report,
  settings: Settings,
  context: RunContext,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<void> {
  if (settings.comment === 'never') return
  if (!context.pullRequest || !context.repository) {
    if (settings.comment === 'always') {
      logger.info(`No pull request comment: the ${context.eventName || 'local'} event has no pull request.`)
    }
    return
  }
  if (context.readOnlyToken) {
    // GitHub gives a fork's pull request a read-only token: an attempt could only fail.
    logger.info(
      'Pull request from a fork: no comment (its token is read-only); the job summary has the report.',
    )
    return
  }
  if (!settings.githubToken) {
    logger.warning('No github-token: the pull request comment was skipped (the job summary has the report).')
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
  const { octokitCommentApi, upsertComment } = await import('./sticky-comment.js')
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
      settings.configPath,
    )
    logger.info(`Pull request comment: ${outcome}`)
  } catch (error) {
    // The comment is a courtesy: the summary, annotations and verdict stand without it.
    const status = (error as { status?: number }).status
    const why =
      status === 403 || status === 404
        ? 'the token may not comment: give the job `permissions: pull-requests: write`'
        : 'the GitHub API failed'
    logger.warning(
      `No pull request comment: ${why} (${status ? `HTTP ${status}: ` : ''}${(error as Error).message}). The job summary has the report.`,
    )
  }
}

/**
 * What is wrong with `sarif-file` (`value`, relative to the workspace or absolute: a runner's temporary
 * directory is common), if anything: asked before the run starts, with the other inputs.
 */
export function sarifFileProblem(workspaceRoot: string, value: string): Problem | undefined {
  const why = unwritable(resolve(workspaceRoot, value), (dir) =>
    isInside(workspaceRoot, dir) ? relative(workspaceRoot, dir) : dir,
  )
  if (!why) return undefined
  return {
    message: `input 'sarif-file': ${quote(value)} cannot be written: ${why}; expected the path of a file to write, such as results.sarif`,
  }
}

/** The SARIF log for code scanning (github/codeql-action/upload-sarif), where `sarif-file` says. */
export async function writeSarif(
  report: Report,
  path: string,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<void> {
  const repository = env.GITHUB_ACTION_REPOSITORY || 'iam-policy-drift/iam-policy-drift'
  const sarif = toSarif(report, {
    version: ACTION_VERSION,
    informationUri: `https://github.com/${repository}`,
  })
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, `${JSON.stringify(sarif, null, 2)}\n`)
  const total = report.findings.length
  if (total <= SARIF_MAX_RESULTS) logger.info(`SARIF log: ${path} (${total} results)`)
  else
    logger.warning(
      `SARIF log: ${path} holds ${SARIF_MAX_RESULTS} of the ${total} findings, the most severe: code scanning rejects a run of more ` +
        'results. All are in the JSON report.',
    )
}

/**
 * Writes the JSON report through one 2 MiB buffer, synchronously: each piece is encoded straight into
 * it (no joined batch to copy and encode again), and nothing else runs meanwhile. A 6 MB report of
 * AWS's managed policies went from 135 to 100 ms.
 */
function writeReport(path: string, report: Report): void {
  const file = openSync(path, 'w')
  try {
    let buffer = Buffer.allocUnsafe(1 << 21)
    let used = 0
    for (const piece of serializeReport(report)) {
      // A UTF-16 code unit takes at most 3 bytes in UTF-8.
      if (used + piece.length * 3 > buffer.length) {
        writeSync(file, buffer, 0, used)
        used = 0
        if (piece.length * 3 > buffer.length) buffer = Buffer.allocUnsafe(piece.length * 3)
      }
      used += buffer.write(piece, used)
    }
    writeSync(file, buffer, 0, used)
  } finally {
    closeSync(file)
  }
}
