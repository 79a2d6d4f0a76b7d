// The command line: `iam-policy-drift check`, the action's checks outside a workflow (a laptop, any
// CI). The same config, the same findings and verdict; static checks unless --aws asks for usage with
// the AWS credentials of the environment. The same bundle as the action (dist/cli.js loads
// dist/index.js in this mode).
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { tooMuchToCheck } from './analysis/analyse.js'
import { idleIgnoreNotes } from './analysis/ignore-rules.js'
import { loadCatalog } from './catalog/catalog.js'
import { readSettings } from './config/inputs.js'
import { decideUsageMode } from './github/usage-mode.js'
import { judge, useAws, whyNoPrincipals } from './main.js'
import { errorReport, type Report, serializeReport, withSecretsLeftOut } from './report/report.js'
import { toSarif } from './report/sarif.js'
import { renderSummary } from './report/summary.js'
import { renderText } from './report/text.js'
import { loadWorkspace } from './sources/load-workspace.js'
import type { Logger } from './vocabulary/logger.js'
import { ConfigError, formatProblem, type Problem } from './vocabulary/problems.js'
import { Secrets } from './vocabulary/secrets.js'
import type { PrincipalUsage } from './vocabulary/usage.js'
import { ACTION_VERSION } from './vocabulary/version.js'

export const USAGE = `Usage: iam-policy-drift check [options]

Checks the IAM policies a repository's .github/iam-policy-drift.yml names (policy files, Terraform,
CloudFormation, SAM and CDK templates) as the GitHub Action does, and prints the findings.

Options:
  -w, --workspace DIR      the repository to check (default: the current directory)
  -c, --config FILE        the config, relative to the workspace (default: .github/iam-policy-drift.yml)
  -f, --format FORMAT      text (default), markdown (the job summary), json (the report), sarif
      --fail-on SEVERITY   low, medium (default), high, critical or never: what fails the check
      --aws                compare with usage: IAM Access Analyzer over the config's cloudtrail:, with
                           the AWS credentials of the environment (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...)
      --usage-source SRC   policy-generation (default) or last-accessed (IAM's last-accessed data:
                           no trail, no daily quota; management actions only)
      --region REGION      the region of IAM Access Analyzer (default: AWS_REGION)
      --wait-timeout TIME  how long to wait for policy generations (default: 30m)
      --no-color           no colour, even on a terminal (NO_COLOR=1 does the same)
  -h, --help               this text
  -V, --version            the version

Exit status: 0 pass, 1 fail (findings at or above --fail-on) or nothing checked (a problem in the
config or the files it names), 2 a mistake on the command line.
`

const FORMATS = ['text', 'markdown', 'json', 'sarif'] as const

/** Where the command writes: its output, its messages, and whether each is a terminal. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean }
  readonly stderr: { write(text: string): unknown; isTTY?: boolean }
  readonly env: NodeJS.ProcessEnv
  readonly cwd: string
}

/** Runs the command line; resolves to the exit status. */
export async function cli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    // Node's message goes on to explain `--`: its first sentence says it.
    const message = (error as Error).message.replace(/(\.) To specify a positional.*$/s, '$1')
    io.stderr.write(`iam-policy-drift: ${message}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.stdout.write(USAGE)
    return 0
  }
  if (values.version) {
    io.stdout.write(`${ACTION_VERSION}\n`)
    return 0
  }
  const [command, ...extra] = positionals
  if (command !== 'check' || extra.length > 0) {
    const what =
      command === undefined ? 'no command given' : `unknown command ${JSON.stringify(positionals.join(' '))}`
    io.stderr.write(`iam-policy-drift: ${what}; expected: check\n\n${USAGE}`)
    return 2
  }
  const format = values.format ?? 'text'
  if (!(FORMATS as readonly string[]).includes(format)) {
    io.stderr.write(
      `iam-policy-drift: --format ${JSON.stringify(format)}: expected one of ${FORMATS.join(', ')}\n`,
    )
    return 2
  }
  const color =
    !values['no-color'] && !io.env.NO_COLOR && (Boolean(io.env.FORCE_COLOR) || io.stdout.isTTY === true)
  const logger = cliLogger(io)
  const report = await check(values, io, logger)
  logger.done()
  const chosen = format as (typeof FORMATS)[number]
  if (chosen === 'json') writeInPieces(serializeReport(report), io.stdout)
  else io.stdout.write(render(report, chosen, color))
  return report.verdict === 'pass' ? 0 : 1
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      workspace: { type: 'string', short: 'w' },
      config: { type: 'string', short: 'c' },
      format: { type: 'string', short: 'f' },
      'fail-on': { type: 'string' },
      aws: { type: 'boolean' },
      region: { type: 'string' },
      'usage-source': { type: 'string' },
      'wait-timeout': { type: 'string' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'V' },
    },
  })
}

type Values = ReturnType<typeof parse>['values']

/** The action's run, from the options: read everything, fetch usage when asked, judge. */
async function check(values: Values, io: CliIo, logger: CliLogger): Promise<Report> {
  const workspaceRoot = resolve(io.cwd, values.workspace ?? '.')
  // The options are the action's inputs under their own names: the same defaults and the same checks.
  const inputs: Record<string, string | undefined> = {
    config: values.config,
    'fail-on': values['fail-on'],
    'aws-region': values.region,
    'wait-timeout': values['wait-timeout'],
    'usage-source': values['usage-source'],
  }
  const { settings, problems: bad } = readSettings((name) => inputs[name] ?? '', io.env)
  // The action's inputs are options here: the messages say so.
  const asOption = (p: Problem): Problem => ({
    ...p,
    message: p.message.replace(/input '([\w-]+)'/g, '--$1'),
  })
  // What a plan marks sensitive: *** in all the command prints, as in what the action writes.
  const secrets = new Secrets()
  const fail = (all: readonly Problem[]) =>
    withSecretsLeftOut(
      errorReport({
        problems: all.map(asOption),
        failOn: settings.failOn,
        catalog: catalogOf(),
        now: new Date(),
      }),
      secrets,
    )
  logger.progress(`Reading ${settings.configPath} and the files it names`)
  const loaded = await loadWorkspace(workspaceRoot, settings.configPath)
  secrets.add(loaded.secrets)
  const { workspace, problems: local } = loaded
  if (!workspace || bad.length > 0) return fail([...bad, ...local])
  const { config, principals } = workspace
  const heavy = tooMuchToCheck(principals, settings.configPath)
  if (heavy) return fail([heavy])
  for (const note of workspace.notes) logger.notice(`note: ${secrets.redact(formatProblem(note))}`)
  let checked = principals
  let usage = new Map<string, PrincipalUsage>()
  let staticMode: string | null =
    'no --aws, so no usage was fetched: the checks that need no AWS. Add --aws to compare with what each principal used.'
  if (values.aws) {
    if (!config.cloudTrail && settings.usageSource === 'policy-generation')
      return fail([
        {
          file: config.file,
          line: 1,
          message:
            '--aws: the config has no cloudtrail: section to read usage from (--usage-source last-accessed needs none)',
        },
      ])
    try {
      const mode = decideUsageMode(settings, config, io.env, { readOnlyToken: false })
      if (mode.mode === 'static') return fail([{ message: `--aws: ${mode.reason}` }])
      logger.progress(
        settings.usageSource === 'last-accessed'
          ? `Last-accessed data for ${principals.length} principal(s)`
          : `Policy generation for ${principals.length} principal(s) in ${mode.region}`,
      )
      // A terminal run prints no credentials, and has no runner to mask them with.
      const runner = { credentialDeps: noOidc, saveState: () => {}, mask: () => {} }
      ;({ principals: checked, usage } = await useAws(
        principals,
        config,
        settings,
        mode,
        io.env,
        logger,
        runner,
      ))
      staticMode = null
    } catch (error) {
      if (error instanceof ConfigError) return fail(error.problems)
      return fail([{ message: `AWS: ${(error as Error).message}` }])
    }
  }
  logger.progress(`Checking ${checked.length} principal(s)`)
  const { report, idleIgnores } = await judge(workspaceRoot, checked, config, usage, {
    failOn: settings.failOn,
    staticMode,
    run: null,
    noPrincipals: whyNoPrincipals(
      checked.length,
      principals.length,
      workspace.excluded,
      undefined,
      workspace.notes.length,
    ),
  })
  for (const note of idleIgnoreNotes(idleIgnores, settings.configPath, report.catalog.date))
    logger.notice(`note: ${formatProblem(note)}`)
  return withSecretsLeftOut(report, secrets)
}

function noOidc(): never {
  throw new Error('the command line has no GitHub OIDC token: use the AWS credentials of the environment')
}

function catalogOf(): { version: string; date: string } {
  const { version, date } = loadCatalog()
  return { version, date }
}

/**
 * The JSON report as serializeReport makes it, in writes of about a MiB: joined whole, a report of
 * 80,000 findings (244 MB) took the command to 1.2 GB of memory, four times what the action takes.
 */
function writeInPieces(pieces: Iterable<string>, stdout: CliIo['stdout']): void {
  let batch: string[] = []
  let length = 0
  for (const piece of pieces) {
    batch.push(piece)
    length += piece.length
    if (length < 1 << 20) continue
    stdout.write(batch.join(''))
    batch = []
    length = 0
  }
  if (batch.length > 0) stdout.write(batch.join(''))
}

function render(report: Report, format: Exclude<(typeof FORMATS)[number], 'json'>, color: boolean): string {
  switch (format) {
    case 'sarif':
      return `${JSON.stringify(toSarif(report, { version: ACTION_VERSION, informationUri: 'https://github.com/iam-policy-drift/iam-policy-drift' }), null, 2)}\n`
    case 'markdown':
      return renderSummary(report)
    default:
      return renderText(report, { color })
  }
}

interface CliLogger extends Logger {
  progress(message: string): void
  done(): void
}

/**
 * Messages on stderr: on a terminal, one progress line rewritten in place; elsewhere, warnings and
 * errors only, so that a pipe gets plain output.
 */
function cliLogger(io: CliIo): CliLogger {
  const tty = io.stderr.isTTY === true
  let shown = false
  const clear = () => {
    if (shown) io.stderr.write('\r\x1b[K')
    shown = false
  }
  const line = (text: string) => {
    clear()
    io.stderr.write(`${text}\n`)
  }
  const progress = (message: string) => {
    if (!tty) return
    clear()
    io.stderr.write(message.length > 100 ? `${message.slice(0, 99)}…` : message)
    shown = true
  }
  return {
    debug: () => {},
    info: progress,
    progress,
    notice: (message) => line(message),
    warning: (message, at) => line(`warning: ${at?.file ? `${formatProblem({ ...at, message })}` : message}`),
    error: (message, at) => line(`error: ${at?.file ? `${formatProblem({ ...at, message })}` : message}`),
    group: (title, body) => {
      progress(title)
      return body()
    },
    done: clear,
  }
}
