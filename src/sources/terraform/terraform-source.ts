// The `terraform:` entries of the config: each plan (`terraform show -json`) with the .tf files of its
// configuration, which give every finding its line.
import { readdirSync, realpathSync } from 'node:fs'
import { join, posix } from 'node:path'
import { loadManagedPolicies } from '../../catalog/managed-policies.js'
import type { PolicyGlob, TerraformConfig } from '../../config/config-file.js'
import { entryAt, isInside } from '../../config/paths.js'
import { readTextUpTo, tooLarge } from '../../config/read-text.js'
import { append } from '../../vocabulary/lists.js'
import { type Problem, previewList, quote } from '../../vocabulary/problems.js'
import { byCodeUnits, thousands } from '../../vocabulary/text.js'
import { applyExclusion, globInside, globProblem, isGlob, resolvePolicyGlobs } from '../policy-globs.js'
import type { DiscoveredPrincipal, PolicySource, SourceResult } from '../policy-source.js'
import { INIT_ADVICE, planFromCode, uninstalledModule } from './code-only.js'
import { discoverFromPlan } from './discover.js'
import { installedCode, isTerraformFile, TfCode, TfParses } from './modules.js'
import { readPlan } from './plan.js'
import { terragruntHint } from './terragrunt.js'

/** Largest plan read: a plan of thousands of resources is a few MB; more is refused, not parsed. */
const MAX_PLAN_BYTES = 256 * 1024 * 1024

export { TfParses }

/**
 * The `terraform:` entries' principals. `parses`: where their .tf files are parsed, each once for all
 * roots (and, on a pull request, for the head and the base).
 */
export function terraformSource(
  configFile: string,
  entries: readonly TerraformConfig[],
  parses: TfParses = new TfParses(),
): PolicySource {
  return {
    name: 'terraform',
    async load(workspaceRoot): Promise<SourceResult> {
      const principals: DiscoveredPrincipal[] = []
      const problems: Problem[] = []
      const notes: Problem[] = []
      const secrets: string[] = []
      for (const entry of entries) {
        const found = await loadEntry(workspaceRoot, configFile, entry, parses)
        append(principals, found.principals)
        append(problems, found.problems)
        append(notes, found.notes ?? [])
        append(secrets, found.secrets ?? [])
      }
      const [first] = entries
      return {
        principals,
        problems,
        notes: first ? uninstalledTogether(notes, configFile, first.line) : notes,
        secrets,
      }
    },
  }
}

/** Module blocks whose code is not installed that each keep their own notice, at the block. */
const UNINSTALLED_NOTED_ALONE = 3

/**
 * A repository read without `terraform init` has a notice at every module block from the registry (221
 * over cloudposse's terraform-aws-components): past a few, one notice at the config names them and
 * says to run it, so that they do not take the notices a run shows before the ones that matter.
 */
function uninstalledTogether(notes: readonly Problem[], configFile: string, line: number): Problem[] {
  const byBlock = new Map<string, string>()
  for (const note of notes) {
    const address = uninstalledModule(note)
    if (address)
      byBlock.set(`${note.file}\0${note.line}\0${note.column}`, `${address} (${note.file}:${note.line})`)
  }
  if (byBlock.size <= UNINSTALLED_NOTED_ALONE) return [...notes]
  return [
    ...notes.filter((note) => uninstalledModule(note) === undefined),
    {
      file: configFile,
      line,
      message: `terraform: ${thousands(byBlock.size)} module blocks call code that is not in the workspace, so the IAM resources they create are not checked: ${previewList([...byBlock.values()], 5)}. ${INIT_ADVICE}`,
    },
  ]
}

async function loadEntry(
  workspaceRoot: string,
  configFile: string,
  entry: TerraformConfig,
  parses: TfParses,
): Promise<SourceResult> {
  const problems: Problem[] = []
  if (!entry.plan) {
    if (entry.roots) return loadRoots(workspaceRoot, configFile, entry, entry.roots, parses)
    if (entry.root === undefined || !isGlob(entry.root))
      return loadCode(workspaceRoot, configFile, entry, entry.root ?? '.', parses)
    return loadRoots(workspaceRoot, configFile, entry, [{ pattern: entry.root, line: entry.line }], parses)
  }
  // With a plan, root: is the directory of that plan's configuration: one, not a glob of them.
  const wrongRoot =
    entry.root === undefined
      ? undefined
      : isGlob(entry.root)
        ? `terraform: root: ${JSON.stringify(entry.root)} is a glob; with plan:, root: is the one directory of that plan's configuration (a glob of directories is taken without plan:)`
        : checkRoot(workspaceRoot, entry.root)
  if (wrongRoot) problems.push({ file: configFile, line: entry.line, message: wrongRoot })
  const resolved = resolvePolicyGlobs(workspaceRoot, configFile, entry.plan, 'terraform: plan')
  append(problems, resolved.problems)
  if (problems.length > 0) return { principals: [], problems }
  const principals: DiscoveredPrincipal[] = []
  const notes: Problem[] = []
  const secrets: string[] = []
  for (const file of resolved.files) {
    const from = problems.length
    const text = readTextUpTo(join(workspaceRoot, file), MAX_PLAN_BYTES)
    if (text === null) {
      problems.push({ file, line: 1, message: tooLarge(MAX_PLAN_BYTES) })
      continue
    }
    const { plan, problems: planProblems, notes: planNotes } = readPlan(file, text)
    append(problems, planProblems)
    append(notes, planNotes ?? [])
    if (!plan) continue
    append(secrets, plan.sensitive ?? [])
    const code = new TfCode(workspaceRoot, entry.root ?? posix.dirname(file), problems, entry.account, parses)
    const found = await discoverFromPlan(plan, code, {
      managedPolicies: loadManagedPolicies,
    })
    append(principals, found.principals)
    append(problems, found.problems)
    append(notes, code.notes)
    calledAt(code, problems, from)
  }
  return { principals, problems, notes, secrets }
}

/**
 * A problem in code `terraform init` installed (a registry module under .terraform/modules) names the
 * `module` block that calls it as well: no one edits the installed file, and the fix (another version,
 * other inputs, an issue for the module's authors) starts at that block. The problems from `from` on
 * are `code`'s.
 */
function calledAt(code: TfCode, problems: Problem[], from = 0): void {
  for (let i = from; i < problems.length; i++) {
    const problem = problems[i] as Problem
    const call = problem.file && installedCode(problem.file) ? code.installedBy(problem.file) : undefined
    if (!call) continue
    problems[i] = {
      ...problem,
      message: `${problem.message} (in module "${call.name}", called at ${call.file}:${call.node.at.line}: code terraform init installed)`,
    }
  }
}

/**
 * `root:` a glob of directories, without `plan:` (`envs/*`, one configuration an environment): each
 * directory it matches that holds .tf files is a root of its own, in path order. Directories without
 * any (a README's, a shared `modules/`) are passed over; a glob that matches no configuration at all
 * is a problem, as a root without .tf files is.
 */
async function loadRoots(
  workspaceRoot: string,
  configFile: string,
  entry: TerraformConfig,
  globs: readonly PolicyGlob[],
  parses: TfParses,
): Promise<SourceResult> {
  const at = { file: configFile, line: entry.line }
  const top = realpathSync.native(workspaceRoot)
  const problems: Problem[] = []
  // The directories of each glob, in order; an exclusion (`!envs/legacy`) leaves out those before it
  // that it matches, and what lies beneath them, as in policies:.
  const found = new Map<string, string>()
  const outside = new Map<string, string>()
  // The directories a pattern names without a wildcard: roots as asked, even when another calls them.
  const named = new Set<string>()
  let matched = false
  let included = 0
  for (const { pattern, line } of globs) {
    const here = { file: configFile, line }
    const wrong = globProblem('terraform: root', pattern)
    if (wrong) {
      problems.push({ ...here, message: wrong })
      continue
    }
    if (pattern.startsWith('!')) {
      const before = included === 0 ? 'none' : problems.length > 0 ? 'unmatched' : 'matched'
      const message = applyExclusion('terraform: root', pattern, before, 'directory', [found, outside])
      if (message) problems.push({ ...here, message })
      continue
    }
    included++
    // Not into .terraform/ (what terraform init installed) or other dot directories; not through a
    // symlink out of the workspace (globInside gives such links apart, unlisted).
    const walked = globInside(top, pattern, { dot: false, onlyDirectories: true })
    // The workspace's top, which a glob's walk starts below: named (`.`), or under `**`, which is every
    // directory, as `live/**` is live and every directory beneath it.
    const paths = TOP.test(pattern) ? ['.', ...walked.paths] : walked.paths
    matched ||= paths.length > 0
    for (const path of paths) {
      const dir = posix.normalize(path).replace(/\/$/, '')
      found.set(dir, dir)
      if (!isGlob(pattern)) named.add(dir)
    }
    for (const dir of walked.outside) outside.set(dir, dir)
    if (globs.length > 1 && paths.length === 0 && walked.outside.length === 0)
      problems.push({
        ...here,
        message: `terraform: root: ${quote(pattern)} matches no directory in the workspace`,
      })
  }
  for (const dir of outside.keys())
    problems.push({
      ...at,
      message: `terraform: root: ${JSON.stringify(dir)} is a symlink that leads outside the workspace; it is not read`,
    })
  const patterns = globs.map((g) => g.pattern)
  const pattern = patterns.map((p) => JSON.stringify(p)).join(', ')
  const dirs = [...found.keys()].sort(byCodeUnits)
  // Each directory once, by where it really is (a symlink back up the tree matches it again under
  // `**`), under its path without a symlink when it has one.
  const byReal = new Map<string, string>()
  for (const dir of dirs) {
    let real: string
    try {
      real = realpathSync.native(join(top, dir))
    } catch {
      continue
    }
    const first = byReal.get(real)
    if (first === undefined || (real === join(top, dir) && real !== join(top, first))) byReal.set(real, dir)
  }
  if (problems.length > 0) return { principals: [], problems }
  const listed = [...byReal.values()].sort(byCodeUnits).map((dir) => {
    try {
      return { dir, entries: readdirSync(join(workspaceRoot, dir)) }
    } catch {
      return { dir, entries: [] }
    }
  })
  const roots = listed.filter(({ entries }) => entries.some(isTerraformFile)).map(({ dir }) => dir)
  // Terragrunt units (a terragrunt.hcl, no .tf file): the modules their terraform { source } names are
  // the configurations.
  const [unit] = listed.filter(({ entries }) => entries.includes('terragrunt.hcl'))
  const units = unit
    ? `; ${JSON.stringify(posix.join(unit.dir, 'terragrunt.hcl'))} and the like are Terragrunt units, whose terraform { source } names the module Terragrunt runs: give those modules' directories as root:, or the JSON of plans Terragrunt made as plan:`
    : ''
  if (roots.length === 0)
    return {
      principals: [],
      problems: [
        {
          ...at,
          message:
            dirs.length === 0 && matched
              ? `terraform: root: the exclusions (!) leave no directory of ${pattern}`
              : dirs.length === 0
                ? `terraform: root: ${pattern} ${patterns.length === 1 ? 'matches' : 'match'} no directory in the workspace`
                : `terraform: root: ${pattern} ${patterns.length === 1 ? 'matches' : 'match'} ${dirs.length === 1 ? 'a directory' : `${dirs.length} directories`}, none with a .tf (or .tofu) file; expected directories of Terraform configurations, where terraform plan runs${units}`,
        },
      ],
    }
  const loaded = new Map<string, CodeResult>()
  for (const root of roots) loaded.set(root, await loadCode(workspaceRoot, configFile, entry, root, parses))
  const modules = calledModules(loaded, named)
  const principals: DiscoveredPrincipal[] = []
  const notes: Problem[] = []
  const secrets: string[] = []
  for (const [root, found] of loaded) {
    append(secrets, found.secrets ?? [])
    if (modules.has(root)) continue
    append(principals, found.principals)
    append(problems, found.problems)
    append(notes, found.notes ?? [])
  }
  // Terragrunt units among the directories (a terragrunt.hcl, no .tf file): the inputs they give the
  // modules they run reach those modules only through Terragrunt, which this reading is not.
  const terragrunt = listed.filter(
    ({ entries }) => entries.includes('terragrunt.hcl') && !entries.some(isTerraformFile),
  )
  const [unitAt] = terragrunt
  if (unitAt) {
    const file = JSON.stringify(posix.join(unitAt.dir, 'terragrunt.hcl'))
    notes.push({
      ...at,
      message:
        `terraform: root: ${pattern}: ` +
        (terragrunt.length === 1
          ? `${file} is a Terragrunt unit: the inputs it gives`
          : `${terragrunt.length} of the directories it matches are Terragrunt units (${file}, …): the inputs they give`) +
        ' the module Terragrunt runs are not read here, so a module read here has its own defaults; give the JSON of the plans Terragrunt makes as plan: to check what it deploys',
    })
  }
  const [first] = modules
  if (first) {
    const [module, caller] = first.map((dir) => JSON.stringify(dir))
    notes.push({
      ...at,
      message:
        modules.size === 1
          ? `terraform: root: ${pattern}: ${module} is a module ${caller} calls: it is checked through that call, with the inputs given there, not as a configuration of its own`
          : `terraform: root: ${pattern}: ${modules.size} of the directories it matches are modules other roots call (${module}, called by ${caller}, …): each is checked through those calls, with the inputs given there, not as a configuration of its own`,
    })
  }
  return { principals, problems, notes, secrets }
}

// A root pattern that names the workspace's top directory: `.`, `./`, `**`, `./**`, `**/`.
const TOP = /^(?:\.\/?|(?:\.\/)?\*\*(?:\/\*\*)*\/?)$/

/** What reading a root gives, with the directories of the local modules it called. */
type CodeResult = SourceResult & { readonly modules?: readonly string[] }

/**
 * Of the roots a glob matched (`infra/**`), those another of them calls as a local module
 * (`source = "../modules/app"`), each with a root that calls it: a module, whose variables only its
 * callers give, read as a root of its own is a second, vaguer principal of each of its roles (named
 * `${aws_iam_role.this.name}`, granting on `${var.bucket}`) with every finding twice. Roots cannot call
 * one another in a cycle (a problem already), so each is still read through a root nothing calls. A
 * directory `named` without a wildcard stays a root, as asked.
 */
function calledModules(
  loaded: ReadonlyMap<string, CodeResult>,
  named: ReadonlySet<string>,
): Map<string, string> {
  const out = new Map<string, string>()
  for (const [root, found] of loaded)
    for (const dir of found.modules ?? [])
      if (loaded.has(dir) && !named.has(dir) && !out.has(dir)) out.set(dir, root)
  return out
}

/** `root:` without `plan:`: the .tf files alone. */
async function loadCode(
  workspaceRoot: string,
  configFile: string,
  entry: TerraformConfig,
  root: string,
  parses: TfParses,
): Promise<CodeResult> {
  const wrongRoot = checkRoot(workspaceRoot, root)
  if (wrongRoot)
    return { principals: [], problems: [{ file: configFile, line: entry.line, message: wrongRoot }] }
  // What the directory holds: a root with no .tf (or .tf.json) file is a path that names the wrong
  // directory, never a configuration without IAM.
  const dir = posix.normalize(root)
  const entries = readdirSync(join(workspaceRoot, root))
  if (!entries.some(isTerraformFile)) {
    const what =
      'has no .tf (or .tofu) file; expected the directory of a Terraform configuration, where terraform plan runs' +
      (await terragruntHint(workspaceRoot, root, entries))
    return {
      principals: [],
      problems: [
        { file: configFile, line: entry.line, message: `terraform: root: ${JSON.stringify(root)} ${what}` },
      ],
    }
  }
  const problems: Problem[] = []
  const code = new TfCode(workspaceRoot, dir, problems, entry.account, parses)
  const { plan, notes, problems: tooMany } = await planFromCode(code, posix.join(dir, 'main.tf'))
  append(problems, tooMany)
  const secrets = plan.sensitive ?? []
  if (problems.length > 0) {
    calledAt(code, problems)
    return { principals: [], problems, modules: code.localModuleDirs(), secrets }
  }
  const found = await discoverFromPlan(plan, code, {
    fromCode: true,
    managedPolicies: loadManagedPolicies,
  })
  append(notes, code.notes)
  append(problems, found.problems)
  calledAt(code, problems)
  return { principals: found.principals, problems, notes, modules: code.localModuleDirs(), secrets }
}

/** What is wrong with a `root:`: not a directory, or a symlink out of the workspace (then not listed). */
function checkRoot(workspaceRoot: string, root: string): string | undefined {
  const path = join(workspaceRoot, root)
  if (entryAt(path)?.isFile())
    return `terraform: root: ${JSON.stringify(root)} is a file; expected the directory of the configuration, such as ${JSON.stringify(posix.dirname(posix.normalize(root)))}`
  if (!isDirectory(path))
    return `terraform: root: ${JSON.stringify(root)} is not a directory in the workspace`
  if (!isInside(realpathSync.native(workspaceRoot), realpathSync.native(path)))
    return `terraform: root: ${JSON.stringify(root)} is a symlink that leads outside the workspace; it is not read`
  return undefined
}

function isDirectory(path: string): boolean {
  return entryAt(path)?.isDirectory() ?? false
}
