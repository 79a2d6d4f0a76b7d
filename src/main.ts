import { join, relative, resolve } from 'node:path'
import { analyse, findingsOf, tooMuchToCheck } from './analysis/analyse.js'
import { scopeAgainstBase } from './analysis/finding-scope.js'
import { type IdleIgnore, type IgnoreTold, idleIgnoreNotes, shardIgnores } from './analysis/ignore-rules.js'
import { type CredentialsFor, credentialsByAccount } from './aws/account-sessions.js'
import type { CredentialDeps, CredentialSource } from './aws/credentials.js'
import { STATE_JOBS, STATE_REGION } from './aws/state.js'
import { loadCatalog } from './catalog/catalog.js'
import { type Config, inclusions, planDirectories } from './config/config-file.js'
import { readSettings, type Settings } from './config/inputs.js'
import { readText, readTextUpTo, tooLarge } from './config/read-text.js'
import { actionsCredentialDeps, actionsLogger } from './github/actions-runtime.js'
import type { BaseApi, BaseFiles } from './github/base-revision.js'
import { baseBranchCheckout, type RunContext, readRunContext, untrustedConfig } from './github/context.js'
import { postComment, publishReport, sarifFileProblem, writeSarif } from './github/publish.js'
import { decideUsageMode, type UsageMode } from './github/usage-mode.js'
import * as core from './github/workflow-commands.js'
import { ANNOTATIONS_PER_LEVEL } from './report/annotations.js'
import {
  type BaseComparison,
  buildReport,
  errorReport,
  plural,
  type Report,
  type RunInfo,
  withSecretsLeftOut,
} from './report/report.js'
import {
  describeMerge,
  idleAcrossShards,
  mergeShardReports,
  readShardReport,
  shardPrincipals,
} from './report/shards.js'
import { PolicyParses } from './sources/json-files.js'
import { loadWorkspace, type Unbuilt } from './sources/load-workspace.js'
import { managedPolicyArns, withCurrentManagedPolicies } from './sources/managed-policies.js'
import { filesMatching } from './sources/policy-globs.js'
import { boundaryPlaceOf, type DiscoveredPrincipal, filesOf } from './sources/policy-source.js'
import { accountOf, iamKindOf, isPolicyArn } from './vocabulary/accounts.js'
import { kept } from './vocabulary/lists.js'
import type { Logger } from './vocabulary/logger.js'
import { statementValues, type UnreadCall } from './vocabulary/policy.js'
import { ConfigError, formatProblem, type Problem } from './vocabulary/problems.js'
import { Secrets } from './vocabulary/secrets.js'
import { givenToUsage, type PrincipalUsage, policyAloneUsage, staticUsage } from './vocabulary/usage.js'

/**
 * The action: read and validate everything local, fetch usage, analyse, report, judge. The one place
 * that turns errors into a failed step: a user's mistake as a plain message, anything else as a bug
 * with its stack in the debug log.
 */
export async function run(): Promise<void> {
  const logger = actionsLogger()
  // What the inputs mark sensitive: masked in the log as soon as it is read, left out of all that is written.
  const secrets = new Secrets((secret) => core.setSecret(secret))
  try {
    const report = await check(process.env, logger, secrets)
    // A shard's verdict is the merge job's to give: its findings do not fail its own job (nor, with the
    // matrix's fail-fast, cancel the other shards).
    if (report.verdict === 'fail' && report.shard)
      logger.notice(
        `Shard ${report.shard.index}/${report.shard.count}: ${report.reason} The job with merge-reports: gives the verdict.`,
      )
    else if (report.verdict === 'fail') core.setFailed(report.reason)
  } catch (error) {
    if (error instanceof ConfigError) {
      await reportProblems(error.problems, process.env, logger, secrets)
    } else {
      logger.debug((error as Error).stack ?? String(error))
      core.setFailed(`iam-policy-drift failed unexpectedly: ${(error as Error).message ?? error}`)
    }
  }
}

/** The most problems written to the log one by one, after the annotated ones; the report holds them all. */
const PROBLEMS_LOGGED = 1000

/**
 * A run that checked nothing because of the user's mistakes: the first problems annotated on their file
 * and line (GitHub shows 10 annotations of each level a step, and the closing line is one), the next
 * ones in the log, then the same list in the job summary and in a JSON report with verdict `error`, the
 * outputs set, and one closing line that says how many and where to look. A pull request that brings a
 * hundred thousand broken things writes a bounded log, not one line each.
 */
async function reportProblems(
  found: readonly Problem[],
  env: NodeJS.ProcessEnv,
  logger: Logger,
  /** What the inputs mark sensitive: *** wherever the problems are said, and counted in the report. */
  secrets: Secrets,
): Promise<void> {
  const problems = secrets.redactDeep(found)
  const [only] = problems
  // A single problem that no file holds (STS refused the role, say) is said once, in the closing line.
  const alone = problems.length === 1 && only !== undefined && !isLocated(only)
  const room = Math.max(0, ANNOTATIONS_PER_LEVEL - 1 - (logger.annotated?.('error') ?? 0))
  const annotated = alone ? 0 : Math.min(problems.length, room)
  for (const problem of problems.slice(0, annotated)) {
    if (isLocated(problem)) {
      const { file, line, column, message } = problem
      logger.error(message, {
        title: 'iam-policy-drift: configuration',
        file,
        line,
        ...(column !== undefined && { column }),
      })
    } else {
      logger.error(formatProblem(problem))
    }
  }
  const rest = alone ? [] : problems.slice(annotated)
  if (rest.length > 0) {
    logger.info(
      `${plural(rest.length, 'more problem')} (GitHub shows ${ANNOTATIONS_PER_LEVEL} annotations of each level per step):`,
    )
    for (const problem of rest.slice(0, PROBLEMS_LOGGED)) logger.info(`  ${formatProblem(problem)}`)
    if (rest.length > PROBLEMS_LOGGED)
      logger.info(`  … and ${rest.length - PROBLEMS_LOGGED} more: all of them are in the JSON report.`)
  }
  try {
    const context = readRunContext(env, env.GITHUB_WORKSPACE || process.cwd())
    const { settings } = readSettings((name) => core.getInput(name, env), env)
    const catalog = loadCatalog()
    const report = withSecretsLeftOut(
      errorReport({
        problems: found,
        failOn: settings.failOn,
        catalog: { version: catalog.version, date: catalog.date },
        run: runInfo(context),
        now: new Date(),
      }),
      secrets,
    )
    await publishReport(report, context, env, logger)
  } catch (error) {
    // The problems are said already: a summary that cannot be written must not hide them.
    logger.warning(`The job summary and the report could not be written: ${(error as Error).message}`)
  }
  const where =
    rest.length === 0
      ? '(annotated above, and listed in the job summary and the JSON report)'
      : `(the first ${annotated} annotated above, and all of them in the JSON report)`
  core.setFailed(
    alone
      ? `Nothing was checked: ${formatProblem(only)}`
      : `Nothing was checked: ${problems.length === 1 ? 'a problem' : plural(problems.length, 'problem')} in the inputs, the config or the files it names ${where}.`,
  )
}

function isLocated(problem: Problem): problem is Problem & { file: string; line: number } {
  return problem.file !== undefined && problem.file !== '' && problem.line !== undefined
}

async function check(env: NodeJS.ProcessEnv, logger: Logger, secrets: Secrets): Promise<Report> {
  const workspaceRoot = env.GITHUB_WORKSPACE || process.cwd()
  const read = readSettings((name) => core.getInput(name, env), env)
  const sarif = read.settings.sarifFile && sarifFileProblem(workspaceRoot, read.settings.sarifFile)
  const inputs = sarif ? { ...read, problems: [...read.problems, sarif] } : read
  if (inputs.problems.length === 0 && inputs.settings.mergeReports)
    return mergeRun(workspaceRoot, inputs.settings, env, logger)
  const context = readRunContext(env, workspaceRoot)
  // A pull request's base files (from the git history, or the API's tarball) are asked for before the
  // head's are read, which holds the event loop: the git commands start once the head is read. Letting
  // them run between reads (a turn every 64 files) was measured on AWS's 1,594 managed policies, a
  // 2-core machine: no faster (1.04× per pair in 8 runs), git's work taking the same cores. Removed
  // again if the head fails.
  const baseFetch =
    inputs.problems.length === 0 ? fetchBase(workspaceRoot, inputs.settings, context, env, logger) : undefined
  baseFetch?.catch(() => {})
  // The base's policy files the pull request leaves as they are are the head's documents.
  const parses = new PolicyParses(baseFetch !== undefined && baseShaOf(context) !== undefined)
  const local = await loadLocal(workspaceRoot, inputs, logger, parses, secrets).catch(
    async (error: unknown) => {
      const files = await baseFetch?.catch(() => undefined)
      if (files && 'remove' in files) await files.remove()
      throw error
    },
  )
  const { settings, config, principals: all, excluded, notes } = local
  logger.info(describeRun(context))
  const checksBase = baseBranchCheckout(context, env, workspaceRoot)
  if (checksBase) logger.warning(checksBase)
  const principals = settings.shard ? shardPrincipals(all, settings.shard) : all
  if (settings.shard)
    logger.info(
      `Shard ${settings.shard.index}/${settings.shard.count}: ${principals.length} of ${all.length} principal(s), ` +
        `in ${new Set(principals.map((p) => accountOf(p.arn))).size} account(s)`,
    )
  const mode = decideUsageMode(settings, config, env, {
    readOnlyToken: context.readOnlyToken,
    untrustedConfig: untrustedConfig(context, env, workspaceRoot, settings.configPath),
  })
  if (mode.mode === 'static') logger.warning(`Static mode: ${mode.reason}`)
  // The run's AWS sessions, each obtained once when first asked for: a pull request's base may ask first.
  const sessions =
    mode.mode === 'aws' ? runSessions(settings, config, mode.region, ACTIONS_RUNNER) : undefined
  // Before usage: the principals the pull request changes come first for a generation of their own.
  const base = await compareWithBase(
    workspaceRoot,
    settings,
    context,
    await baseFetch,
    parses,
    logger,
    config,
    secrets,
    mode.mode === 'aws' && sessions ? { region: mode.region, sessions } : undefined,
  )
  let report: Report
  try {
    // Only AWS mode asks (the principals it changes are generated for first).
    const changed =
      mode.mode === 'aws' && base?.principals ? changedPrincipals(principals, base.principals) : undefined
    const {
      principals: checked,
      usage,
      base: baseChecked,
    } = mode.mode === 'aws'
      ? await useAws(
          principals,
          config,
          settings,
          mode,
          env,
          logger,
          ACTIONS_RUNNER,
          changed,
          base?.principals,
          sessions,
        )
      : { principals, usage: new Map<string, PrincipalUsage>(), base: base?.principals }
    const done = await judge(workspaceRoot, checked, config, usage, {
      failOn: settings.failOn,
      staticMode: mode.mode === 'static' ? mode.reason : null,
      run: runInfo(context),
      base: base && { ...base, principals: baseChecked },
      noPrincipals: whyNoPrincipals(principals.length, all.length, excluded, settings.shard, notes),
      found: all,
    })
    const { configPath } = settings
    const { date } = done.report.catalog
    // A shard cannot tell an idle entry alone: it says what it saw, and the merge job tells.
    report = settings.shard
      ? {
          ...done.report,
          shard: settings.shard,
          ignores: shardIgnores(done.ignoreOutcomes, configPath, date),
        }
      : done.report
    announce(idleIgnoreNotes(done.idleIgnores, configPath, date), notes, logger)
  } finally {
    // The base's files, whatever happened: a self-hosted runner keeps its temporary directory.
    await base?.remove?.()
  }
  report = withSecretsLeftOut(report, secrets)
  await publishReport(report, context, env, logger)
  // One comment for all the shards: the merge job's.
  if (!settings.shard) await postComment(report, settings, context, env, logger)
  if (settings.sarifFile) await writeSarif(report, resolve(workspaceRoot, settings.sarifFile), env, logger)
  return report
}

/** Largest shard report read: a shard at the statement bound (5,000,000) writes some 80 MB. */
const MAX_SHARD_REPORT_BYTES = 256 * 1024 * 1024

/**
 * The job with `merge-reports:`: the shards' JSON reports (downloaded with actions/download-artifact)
 * made one report, published as a run's is: summary, annotations, outputs, one sticky comment, SARIF,
 * and one verdict. A shard missing or failed makes it fail, named.
 */
async function mergeRun(
  workspaceRoot: string,
  settings: Settings,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<Report> {
  const pattern = settings.mergeReports as string
  const files = filesMatching(workspaceRoot, pattern)
  if (typeof files === 'string')
    throw new ConfigError([{ message: `input 'merge-reports': ${JSON.stringify(pattern)} is ${files}` }])
  if (files.length === 0)
    throw new ConfigError([
      {
        message:
          `input 'merge-reports': no file matches ${JSON.stringify(pattern)} (relative to the workspace); download the ` +
          "shards' reports first (actions/download-artifact), to a path this glob names",
      },
    ])
  const context = readRunContext(env, workspaceRoot)
  logger.info(describeRun(context))
  const reports = files.map((file) => {
    const name = relative(workspaceRoot, file) || file
    const text = readTextUpTo(file, MAX_SHARD_REPORT_BYTES)
    return text === null
      ? { file: name, problem: `${name}: ${tooLarge(MAX_SHARD_REPORT_BYTES)}` }
      : readShardReport(name, text)
  })
  const report = mergeShardReports(reports, {
    failOn: settings.failOn,
    run: runInfo(context),
    now: new Date(),
  })
  logger.info(describeMerge(report))
  for (const why of report.merged?.failedShards ?? []) logger.error(why)
  announce(idleAcrossShards(reports), 0, logger)
  await publishReport(report, context, env, logger)
  await postComment(report, settings, context, env, logger)
  if (settings.sarifFile) await writeSarif(report, resolve(workspaceRoot, settings.sarifFile), env, logger)
  return report
}

/**
 * The checks, the suggestions and the verdict, for the principals found and the usage fetched (none in
 * static mode). Principals the code will create have no usage yet: they are judged statically, as `new`.
 */
export async function judge(
  workspaceRoot: string,
  principals: readonly DiscoveredPrincipal[],
  config: Config,
  usage: Map<string, PrincipalUsage>,
  verdict: {
    failOn: Settings['failOn']
    staticMode: string | null
    run: RunInfo | null
    base?: BaseRun | undefined
    /** Why no principal is checked though some were found (whyNoPrincipals). */
    noPrincipals?: string | null
    /** Every principal found, when `principals` are a part of them (a shard's): the roles one may pass. */
    found?: readonly DiscoveredPrincipal[]
  },
): Promise<{
  report: Report
  idleIgnores: readonly IdleIgnore[]
  ignoreOutcomes: readonly IgnoreTold[]
}> {
  for (const p of principals)
    if (p.lifecycle === 'new') usage.set(p.arn, { ...staticUsage(p.arn), status: 'new' })
    else if (isPolicyArn(p.arn) && !usage.has(p.arn)) usage.set(p.arn, policyAloneUsage(p.arn))
  // One usage record an ARN: the same policy made by several roots is given to the unread calls of each.
  const givenTo = new Map<string, (readonly UnreadCall[])[]>()
  for (const p of principals) if (p.givenTo) kept(givenTo, p.arn, () => []).push(p.givenTo)
  for (const [arn, lists] of givenTo) {
    const alone = usage.get(arn)
    if (!alone) continue
    // Of several principals of one ARN, each call once; of one, its list as it is (shared, not copied).
    const calls =
      lists.length === 1
        ? (lists[0] as readonly UnreadCall[])
        : [...new Map(lists.flat().map((c) => [`${c.file}:${c.line}`, c])).values()]
    usage.set(arn, givenToUsage(alone, calls))
  }
  const catalog = loadCatalog()
  // The suggestions' diffs need the files as they are; only drifted files are read again.
  const readOriginal = (file: string) => readText(join(workspaceRoot, file))
  const dataEvents = config.cloudTrail?.dataEvents ?? []
  const check = await codeCheck(principals)
  let analysis = analyse(
    principals,
    config.ignore,
    catalog,
    usage,
    readOriginal,
    check,
    dataEvents,
    verdict.found ?? principals,
  )
  const { base } = verdict
  if (base) {
    // The same checks on the base revision's files, with the same usage: what is there already is
    // `existing`. Only for the principals the head has and the pull request changes: a principal the
    // same in both has the same findings in both, and one the head lacks has none to compare with.
    const findings = base.principals
      ? scopeAgainstBase(analysis.findings, principals, base.principals, (changed) =>
          findingsOf(changed, config.ignore, catalog, usage, dataEvents, base.principals),
        )
      : analysis.findings.map((f) => ({ ...f, scope: 'new' as const }))
    analysis = { ...analysis, findings }
  }
  const report = buildReport({
    analysis,
    principals: principals.map((p) => ({
      arn: p.arn,
      files: filesOf(p),
      source: p.source,
      boundary: boundaryPlaceOf(p),
    })),
    usage,
    failOn: verdict.failOn,
    catalog: { version: catalog.version, date: catalog.date },
    staticMode: verdict.staticMode,
    run: verdict.run,
    base: base?.comparison ?? null,
    now: new Date(),
    noPrincipals: verdict.noPrincipals ?? null,
  })
  return { report, idleIgnores: analysis.idleIgnores ?? [], ignoreOutcomes: analysis.ignoreOutcomes ?? [] }
}

/**
 * Why a run has no principal to check: `exclude-principals:` left them all out, they are all in other
 * shards, or none was found where the reading gave `notes` (a module whose code is not in the workspace
 * defines none here). Null when it has some, or none was found and nothing was said (the verdict then
 * says that the config and its code define none).
 */
export function whyNoPrincipals(
  checked: number,
  kept: number,
  excluded: number,
  shard?: { readonly index: number; readonly count: number } | null,
  notes = 0,
): string | null {
  if (checked > 0) return null
  if (shard && kept > 0)
    return `No principals to check in shard ${shard.index}/${shard.count}: ${kept === 1 ? 'the one principal found is in another shard' : `the ${kept} principals found are all in other shards`}.`
  if (excluded > 0)
    return `No principals to check: exclude-principals leaves out ${excluded === 1 ? 'the one principal' : `all ${excluded} principals`} found.`
  if (kept === 0 && notes > 0)
    return `No principals to check: the config lists none, and none was found in the code it names; ${notes === 1 ? 'a note says' : `${notes} notes say`} what of it was not read.`
  return null
}

/** The base revision of a pull request, read as the head is: its principals, or why there are none. */
export interface BaseRun {
  readonly comparison: BaseComparison
  readonly principals: readonly DiscoveredPrincipal[] | undefined
  readonly remove?: () => Promise<void>
}

/**
 * On a pull request, the base revision's files, from the local git history or the GitHub API, or why
 * they cannot be had. Undefined on other events, and for a hand-made event that names no base.
 */
async function fetchBase(
  workspaceRoot: string,
  settings: Settings,
  context: RunContext,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<BaseFiles | undefined> {
  const baseSha = baseShaOf(context)
  if (baseSha === undefined) return undefined
  const { baseFiles } = await import('./github/base-revision.js')
  const api =
    settings.githubToken && context.repository
      ? tarballApi(settings.githubToken, context.repository)
      : undefined
  return baseFiles(workspaceRoot, baseSha, api, logger, env.RUNNER_TEMP || undefined)
}

/**
 * The base revision the run compares with: a pull request's, on `pull_request` and
 * `pull_request_target`; on `merge_group`, the target branch's commit the merge queue made the group on
 * (the pull requests' changes are what it checks, as on each of them). Other events are judged whole.
 */
function baseShaOf(context: RunContext): string | undefined {
  switch (context.eventName) {
    case 'pull_request':
    case 'pull_request_target':
      return context.pullRequest?.baseSha
    case 'merge_group':
      return context.mergeGroup?.baseSha
    default:
      return undefined
  }
}

/**
 * The base revision's principals and policies, read from its files as the head's are; when they cannot
 * be had, why (every finding then counts as new). Undefined when there is no base to compare with.
 */
async function compareWithBase(
  workspaceRoot: string,
  settings: Settings,
  context: RunContext,
  files: BaseFiles | undefined,
  parses: PolicyParses,
  logger: Logger,
  config: Config,
  /** What the inputs and the head mark sensitive; the base's is added to it. */
  secrets: Secrets,
  /** In AWS mode: where a cdk.out the base has nothing of is read as deployed instead. */
  aws?: { readonly region: string; readonly sessions: RunSessions },
): Promise<BaseRun | undefined> {
  const sha = baseShaOf(context)
  if (!files || !sha) return undefined
  const comparison = (via: 'git' | 'api' | null, unavailable: string | null): BaseComparison => ({
    sha,
    via,
    unavailable,
    failOnScope: settings.failOnScope,
  })
  if ('unavailable' in files) {
    logger.warning(`Every finding counts as new: ${files.unavailable}.`)
    return { comparison: comparison(null, files.unavailable), principals: undefined }
  }
  // The registry modules `terraform init` installed for the head: git does not hold them.
  const { MAX_INSTALLED_FILES, shareInstalledModules } = await import('./github/base-revision.js')
  const roots = config.terraform.flatMap((t) =>
    t.roots
      ? inclusions(t.roots).map((g) => g.pattern)
      : t.root !== undefined
        ? [t.root]
        : t.plan
          ? planDirectories(t.plan)
          : ['.'],
  )
  const shared = shareInstalledModules(workspaceRoot, files.dir, roots)
  if (shared >= MAX_INSTALLED_FILES)
    logger.warning(
      `Base revision: only the first ${MAX_INSTALLED_FILES} files of the modules terraform init installed are given to it; findings in the others may count as new.`,
    )
  else if (shared > 0)
    logger.debug(`Base revision: ${shared} file(s) of the modules terraform init installed`)
  if (shared > 0) await forgetChangedModules(workspaceRoot, files.dir, roots, parses, logger)
  // A CDK app's cdk.out, which the base has not, as its stacks are deployed.
  const deployed = aws
    ? await (await import('./aws/deployed-templates.js')).baseAsDeployed(
        workspaceRoot,
        files.dir,
        config,
        { region: aws.region, ...aws.sessions },
        logger,
      )
    : []
  const load = (headConfig?: Config) =>
    loadWorkspace(files.dir, settings.configPath, {
      codeOnly: true,
      head: workspaceRoot,
      parses,
      ...(headConfig && { config: headConfig }),
    }).then(
      (loaded) => {
        // What the base marks sensitive (a secret this pull request takes out of the code) is masked
        // before its problems or principals are said anywhere, as the head's is.
        secrets.add(loaded.secrets)
        return loaded
      },
      async (error: unknown) => {
        await files.remove()
        throw error
      },
    )
  const own = await load()
  // The base's own config has no principals to compare with (none yet, or one this pull request mends,
  // an exclusion of a template that cannot be read): the same checks are this pull request's config on
  // the base revision's files.
  const { workspace, problems } = own.workspace ? own : await load(config)
  const why = own.workspace
    ? ''
    : own.problems.some((p) => /config file not found/.test(p.message))
      ? `the base revision has no ${settings.configPath}`
      : `the base revision's config or policy files have ${own.problems.length === 1 ? 'a problem' : `${own.problems.length} problems`} (${formatProblem(own.problems[0] as Problem)})`
  if (!workspace) {
    await files.remove()
    const alsoHead =
      problems.length > 0
        ? `, and this pull request's config finds ${formatProblem(problems[0] as Problem)} there`
        : ''
    logger.info(`Every finding counts as new: ${why}${alsoHead}.`)
    return { comparison: comparison(files.via, why), principals: undefined }
  }
  logger.info(
    `Compared with the base revision ${sha.slice(0, 12)} (from ${files.via === 'git' ? 'the git history' : 'the GitHub API'})` +
      (own.workspace ? '' : `, read with this pull request's config: ${why}`),
  )
  // A cloud assembly the job synthesized from the head's app, a template a step built: the base
  // revision's cannot be made here, and its findings are new.
  for (const unbuilt of workspace.unbuilt) {
    const { message, line } = missingFromBase(unbuilt, config)
    logger.notice(`${message}: the findings in it count as new`, {
      title: 'iam-policy-drift',
      file: settings.configPath,
      ...(line !== undefined && { line }),
    })
  }
  return {
    comparison: {
      ...comparison(files.via, null),
      ...(workspace.unbuilt.length > 0 && { missing: workspace.unbuilt.map((u) => u.path) }),
      ...(deployed.length > 0 && { deployed }),
    },
    principals: workspace.principals,
    remove: files.remove,
  }
}

/**
 * What a base revision has nothing of (a `cdk-out:` directory, a glob, a Terraform root), said, at its
 * line in the head's config (the one annotated).
 */
function missingFromBase(
  { key, path }: Unbuilt,
  config: Config,
): { message: string; line: number | undefined } {
  switch (key) {
    case 'cdk-out':
      return {
        message: `The base revision has no ${path} (cdk synth makes it in the job, and git does not hold it)`,
        line: config.cloudFormation.find((c) => c.cdkOut === path)?.line,
      }
    case 'template':
    case 'policies': {
      const globs = [
        ...config.cloudFormation.flatMap((c) => c.template ?? []),
        ...config.principals.flatMap((p) => p.policies),
      ]
      return {
        message: `The base revision has no file that ${key}: ${path} matches (a step builds it, and git does not hold it, or this pull request adds it)`,
        line: globs.find((g) => g.pattern === path)?.line,
      }
    }
    case 'root':
      return {
        message: `The base revision has no root ${path} (a step builds it, such as cdktf synth, and git does not hold it, or this pull request adds it)`,
        line: config.terraform.find((t) =>
          (t.root !== undefined ? [t.root] : t.plan ? planDirectories(t.plan) : []).includes(path),
        )?.line,
      }
  }
}

/**
 * The registry modules whose source or version the pull request changes: the installed code is the new
 * version's, so the base is read without it, and what is in it counts as new; said at each call.
 */
async function forgetChangedModules(
  workspaceRoot: string,
  baseDir: string,
  roots: readonly string[],
  parses: PolicyParses,
  logger: Logger,
): Promise<void> {
  const { changedModuleCalls, forgetInstalled, TfParses } = await import(
    './sources/terraform/module-changes.js'
  )
  const tf = parses.terraformFor(() => new TfParses())
  for (const root of new Set(roots)) {
    try {
      const changes = await changedModuleCalls(workspaceRoot, baseDir, root, tf)
      if (changes.length === 0) continue
      forgetInstalled(
        baseDir,
        root,
        changes.map((c) => c.key),
      )
      for (const c of changes)
        logger.notice(
          `module.${c.key.replaceAll('.', '.module.')}: this pull request changes it from ${c.from} to ${c.to}; ` +
            'terraform init installed only the new one, so the base revision is read without it and the findings in it count as new',
          { title: 'iam-policy-drift', file: c.file, line: c.line },
        )
    } catch (error) {
      // No code or no installed modules under this root: nothing to take back.
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'ENOTDIR') continue
      logger.warning(
        `${root}: could not tell which registry modules this pull request changes (${(error as Error).message}); ` +
          'the base revision is read with the modules terraform init installed for the head',
      )
    }
  }
}

/** The repository's tarball at a sha, through the GitHub API (GITHUB_API_URL honoured by Octokit). */
function tarballApi(token: string, repository: string): BaseApi {
  const [owner = '', repo = ''] = repository.split('/')
  return {
    async tarball(sha) {
      const { getOctokit } = await import('@actions/github')
      const response = await getOctokit(token).request('GET /repos/{owner}/{repo}/tarball/{ref}', {
        owner,
        repo,
        ref: sha,
      })
      return new Uint8Array(response.data as ArrayBuffer)
    },
  }
}

/**
 * Inputs, the config and every policy its sources name, read and validated before anything touches the
 * network. Every problem found is thrown together, as one ConfigError.
 */
async function loadLocal(
  workspaceRoot: string,
  inputs: { readonly settings: Settings; readonly problems: readonly Problem[] },
  logger: Logger,
  parses: PolicyParses,
  secrets: Secrets,
): Promise<{
  settings: Settings
  config: Config
  principals: readonly DiscoveredPrincipal[]
  excluded: number
  /** How many notes the reading gave (code not in the workspace, a key given twice, …). */
  notes: number
}> {
  const { settings, problems } = inputs
  logger.info(`Reading ${settings.configPath} and the policy files it names`)
  const loaded = await loadWorkspace(workspaceRoot, settings.configPath, { parses })
  secrets.add(loaded.secrets)
  const { workspace, problems: local } = loaded
  if (!workspace || problems.length > 0) throw new ConfigError([...problems, ...local])
  const { config, principals, excluded } = workspace
  // Before anything starts: more than one run checks is refused, for what this shard checks.
  const heavy = tooMuchToCheck(
    settings.shard ? shardPrincipals(principals, settings.shard) : principals,
    settings.configPath,
  )
  if (heavy) throw new ConfigError([heavy])
  announce(workspace.notes, 0, logger)
  const files = new Set(principals.flatMap(filesOf))
  logger.info(
    `${principals.length} principal(s), ${files.size} policy file(s), ${config.ignore.length} ignore rule(s)`,
  )
  return { settings, config, principals, excluded, notes: workspace.notes.length }
}

/** What the AWS step needs of where it runs: the runner's OIDC token, its saved state for the post step. */
export interface AwsRunner {
  readonly credentialDeps: () => CredentialDeps
  readonly saveState: (name: string, value: string) => void
  /** Masks a secret in every later log line (chained sessions' credentials). */
  readonly mask: (secret: string) => void
}

/** Notes shown as annotations (of GitHub's 10 notices a step); the rest are in the log. */
const NOTES_ANNOTATED = 5

/**
 * Notes as notices at their lines, `before` of them annotated already: GitHub shows 10 notices a step,
 * and the findings' come later, so past the first NOTES_ANNOTATED notes they go to the log.
 */
function announce(notes: readonly Problem[], before: number, logger: Logger): void {
  for (const [i, note] of notes.entries()) {
    if (before + i >= NOTES_ANNOTATED) {
      logger.info(`Note: ${formatProblem(note)}`)
      continue
    }
    logger.notice(note.message, {
      title: 'iam-policy-drift',
      ...(note.file !== undefined && { file: note.file }),
      ...(note.line !== undefined && { line: note.line }),
      ...(note.column !== undefined && { column: note.column }),
    })
  }
}

const ACTIONS_RUNNER: AwsRunner = {
  credentialDeps: actionsCredentialDeps,
  saveState: (name, value) => core.saveState(name, value),
  mask: (secret) => core.setSecret(secret),
}

/**
 * What AWS says of the principals: the current version of the AWS managed policies attached to them
 * (the snapshot stands in where they cannot be read), and each existing principal's usage. The run's
 * credentials are obtained once, for every call. A pull request's base principals, when given, get the
 * same names from the deployed stacks and the same managed policy documents as the head's, so that a
 * finding the pull request does not touch is the same finding in both.
 */
export async function useAws(
  principals: readonly DiscoveredPrincipal[],
  config: Config,
  settings: Settings,
  mode: Extract<UsageMode, { mode: 'aws' }>,
  env: NodeJS.ProcessEnv,
  logger: Logger,
  runner: AwsRunner,
  changed?: ReadonlySet<string>,
  base?: readonly DiscoveredPrincipal[],
  /** The run's sessions, when something before asked for them already. */
  sessions = runSessions(settings, config, mode.region, runner),
): Promise<{
  principals: readonly DiscoveredPrincipal[]
  usage: Map<string, PrincipalUsage>
  base: readonly DiscoveredPrincipal[] | undefined
}> {
  const credentials = await sessions.own()
  let current = principals
  let baseCurrent = base
  const unnamed = (p: DiscoveredPrincipal) => p.source.kind === 'cloudformation' && p.lifecycle === 'unknown'
  if (principals.some(unnamed)) {
    const { resolveStackNames } = await import('./aws/stack-resources.js')
    // One call for both revisions: each stack is read once.
    const both = await resolveStackNames(
      [...principals, ...(base ?? [])],
      { region: mode.region, credentialsFor: sessions.forAccount },
      logger,
    )
    current = both.slice(0, principals.length)
    if (base) baseCurrent = both.slice(principals.length)
  }
  const arns = managedPolicyArns(current)
  if (arns.length > 0) {
    const { fetchManagedPolicies } = await import('./aws/managed-policy-versions.js')
    const fetched = await fetchManagedPolicies(arns, { region: mode.region, credentials }, logger)
    current = withCurrentManagedPolicies(current, fetched)
    if (baseCurrent) baseCurrent = withCurrentManagedPolicies(baseCurrent, fetched)
  }
  const existing = current.filter((p) => p.lifecycle === 'exists')
  const usage =
    existing.length > 0
      ? await fetchUsage(existing, config, settings, mode, sessions.forAccount, env, logger, runner, changed)
      : new Map<string, PrincipalUsage>()
  // Principals whose ARN only the deployed stack knows: static, and the report says how to do better.
  for (const p of current)
    if (p.lifecycle === 'unknown' && p.source.kind === 'cloudformation') usage.set(p.arn, unnamedUsage(p))
  return { principals: current, usage, base: baseCurrent }
}

/** A run's AWS sessions: its own, and each account's (the role the config's accounts: names for it). */
export interface RunSessions {
  /**
   * The run's credentials (the role assumed with GitHub's OIDC token, renewed before they expire), or
   * none without `role-to-assume` (the environment's).
   */
  readonly own: () => Promise<CredentialSource | undefined>
  readonly forAccount: CredentialsFor
}

/**
 * The sessions of a run, each obtained when first asked for, whoever asks first, and then shared: the
 * CDK baseline, the stacks' role names and usage ask for the same accounts.
 */
function runSessions(settings: Settings, config: Config, region: string, runner: AwsRunner): RunSessions {
  let pending: Promise<CredentialSource | undefined> | undefined
  const own = () => {
    pending ??= (async () => {
      if (!settings.roleToAssume) return undefined
      // The AWS SDK is only evaluated by runs that call AWS.
      const { resolveCredentials } = await import('./aws/credentials.js')
      return resolveCredentials(settings, region, runner.credentialDeps())
    })()
    return pending
  }
  const forAccount = credentialsByAccount({
    credentials: own,
    home: settings.roleToAssume ? accountOf(settings.roleToAssume) : undefined,
    accounts: config.accounts,
    sessionName: settings.roleSessionName,
    region,
    mask: runner.mask,
  })
  return { own, forAccount }
}

/** Why a principal from a template was judged statically in AWS mode: what would give it an ARN. */
function unnamedUsage(p: DiscoveredPrincipal): PrincipalUsage {
  const stack = p.source.kind === 'cloudformation' ? p.source.stackName : undefined
  const nestedIn = p.source.kind === 'cloudformation' ? p.source.nestedIn : undefined
  const within = nestedIn?.stackName ? [nestedIn.stackName, ...nestedIn.path].join(' > ') : stack
  const message = within
    ? `its name was not found in stack ${within} (see the warning above): judged by the static checks alone`
    : nestedIn
      ? `CloudFormation names it when it creates the nested stack ${nestedIn.logicalId} of ${nestedIn.template}: set ` +
        "stack-name: (the outermost stack's) and account: on its cloudformation: entry to read its name from the deployed " +
        `stacks (cloudformation:DescribeStackResources), or give it a ${nameProperty(p.arn)}`
      : 'CloudFormation names it when it creates it: set stack-name: (and account:) on its cloudformation: entry to read ' +
        `its name from the deployed stack (cloudformation:DescribeStackResources), or give it a ${nameProperty(p.arn)}`
  return { ...staticUsage(p.arn), error: { code: 'NO_PHYSICAL_NAME', message } }
}

/** The property that names what an ARN of a template is: a role's RoleName, a managed policy's ManagedPolicyName. */
function nameProperty(arn: string): string {
  const kind = iamKindOf(arn) ?? 'role'
  return kind === 'policy' ? 'ManagedPolicyName' : `${kind[0]?.toUpperCase()}${kind.slice(1)}Name`
}

/**
 * Generated policies from IAM Access Analyzer, in a log group. SIGINT/SIGTERM (a cancelled workflow)
 * cancel the jobs in flight before the process ends; the ids of running jobs are saved for the post
 * step, which cancels whatever a killed main step left behind.
 */
async function fetchUsage(
  principals: readonly DiscoveredPrincipal[],
  config: Config,
  settings: Settings,
  mode: Extract<UsageMode, { mode: 'aws' }>,
  credentialsFor: CredentialsFor,
  env: NodeJS.ProcessEnv,
  logger: Logger,
  runner: AwsRunner,
  changed: ReadonlySet<string> | undefined,
): Promise<Map<string, PrincipalUsage>> {
  const { collectUsage } = await import('./aws/collect-usage.js')
  const interrupted = new AbortController()
  const onSignal = (signal: NodeJS.Signals) => {
    logger.warning(`Received ${signal}: cancelling the policy generations in flight`)
    interrupted.abort()
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  runner.saveState(STATE_REGION, mode.region)
  const title =
    settings.usageSource === 'last-accessed'
      ? `Last-accessed data for ${principals.length} principal(s) (IAM, ${mode.lookbackDays} days)`
      : `Policy generation for ${principals.length} principal(s) (IAM Access Analyzer, ${mode.region}` +
        `${settings.usageSource === 'auto' ? '; last-accessed data past max-generations' : ''})`
  try {
    const usage = await logger.group(title, () =>
      collectUsage(
        {
          principals: principals.map((p) => p.arn),
          changed,
          source: settings.usageSource,
          cloudTrail: mode.cloudTrail,
          lookbackDays: mode.lookbackDays,
          includeServiceLevelTemplate: config.includeServiceLevelTemplate,
          region: mode.region,
          credentialsFor,
          limits: {
            maxConcurrent: settings.maxConcurrentJobs,
            waitTimeoutMs: settings.waitTimeoutMs,
            reuseMaxAgeMs: settings.reuseMaxAgeMs,
            maxGenerations: settings.maxGenerations,
          },
          accounts: config.accounts,
          homeAccount: settings.roleToAssume && accountOf(settings.roleToAssume),
          run: {
            repository: env.GITHUB_REPOSITORY ?? '',
            runId: env.GITHUB_RUN_ID ?? '',
            runAttempt: env.GITHUB_RUN_ATTEMPT ?? '',
          },
        },
        {
          logger,
          signal: interrupted.signal,
          onInFlight: (jobs) => runner.saveState(STATE_JOBS, JSON.stringify(jobs)),
        },
      ),
    )
    for (const u of usage.values()) {
      if (u.status === 'timed-out') logger.error(`${u.arn}: timed out (${u.error?.message})`)
      else if (u.status === 'failed')
        logger.error(
          u.usage?.source === 'last-accessed'
            ? `${u.arn}: the last-accessed report failed with ${u.error?.code}: ${u.error?.message}`
            : `${u.arn}: policy generation failed with ${u.error?.code}: ${u.error?.message}`,
        )
    }
    return usage
  } finally {
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
  }
}

/**
 * The principals whose policies differ from the base revision's (or that it does not have): what a
 * pull request changes, compared statement by statement (positions aside).
 */
export function changedPrincipals(
  head: readonly DiscoveredPrincipal[],
  base: readonly DiscoveredPrincipal[],
): Set<string> {
  const fingerprint = (p: DiscoveredPrincipal) =>
    JSON.stringify(p.policies.map((d) => d.statements.map(statementValues)))
  const before = new Map(base.map((p) => [p.arn, p]))
  // A file the pull request leaves as it is is the head's very document (PolicyParses): no text to make.
  const sameDocuments = (p: DiscoveredPrincipal, q: DiscoveredPrincipal) =>
    p.policies.length === q.policies.length && p.policies.every((d, i) => d === q.policies[i])
  const changed = (p: DiscoveredPrincipal) => {
    const q = before.get(p.arn)
    return !q || (!sameDocuments(p, q) && fingerprint(p) !== fingerprint(q))
  }
  return new Set(head.filter(changed).map((p) => p.arn))
}

/** What the report says was checked. */
function runInfo(context: RunContext): RunInfo {
  return {
    event: context.eventName || null,
    ref: context.ref ?? null,
    sha: context.sha ?? null,
    pullRequest: context.pullRequest?.number ?? null,
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

/**
 * The check of edits of code, when some policy is written in code: .tf files re-parsed as HCL (the
 * parser is loaded with the Terraform source, never for a repository without Terraform), templates as
 * templates with the same resources.
 */
async function codeCheck(
  principals: readonly DiscoveredPrincipal[],
): Promise<((file: string, before: string, after: string) => boolean) | undefined> {
  // By the code the policies are written in (a template's edit sites are worked out only when asked).
  // A set filled in place: 1,000 principals sharing 2,000 files made a list of two million kinds.
  const kinds = new Set<string | undefined>()
  for (const p of principals) for (const d of p.policies) kinds.add(d.source?.kind)
  const hcl = kinds.has('terraform')
    ? (await import('./sources/terraform/hcl.js')).codeEditChecker()
    : undefined
  const template = kinds.has('cloudformation')
    ? (await import('./sources/cloudformation/template.js')).templateEditChecker()
    : undefined
  if (!hcl && !template) return undefined
  const [checkHcl, checkTemplate] = await Promise.all([hcl, template])
  return (file, before, after) =>
    file.endsWith('.tf') || file.endsWith('.tofu')
      ? (checkHcl?.(file, before, after) ?? false)
      : (checkTemplate?.(file, before, after) ?? false)
}
