import { join } from 'node:path'
import { type WildcardMatcher, wildcardMatcher } from '../catalog/catalog.js'
import { type Config, inclusions, type PolicyGlob, planDirectories } from '../config/config-file.js'
import { loadConfig } from '../config/load-config.js'
import { entryAt } from '../config/paths.js'
import { type Problem, previewList } from '../vocabulary/problems.js'
import { byCodeUnits } from '../vocabulary/text.js'
import { configuredSources } from './configured-sources.js'
import { isGlob } from './glob.js'
import type { PolicyParses } from './json-files.js'
import { matchFiles } from './policy-globs.js'
import { type DiscoveredPrincipal, discoverPrincipals } from './policy-source.js'

/** The config and every principal its policy sources find, read and validated. */
export interface Workspace {
  readonly config: Config
  readonly principals: readonly DiscoveredPrincipal[]
  /** How many principals found `exclude-principals:` left out. */
  readonly excluded: number
  /** What a person should know of how the sources were read: nothing wrong, shown as notices. */
  readonly notes: readonly Problem[]
  /**
   * Read with `codeOnly` (a base revision's files): what of the config these files have nothing of (the
   * cdk.out `cdk synth` makes in the job, which git does not hold; a template, Terraform code or policy
   * file a step builds, or what the pull request adds), read as naming no principal.
   */
  readonly unbuilt: readonly Unbuilt[]
}

/**
 * A `cdk-out:` directory, a `template:` or `policies:` glob or a Terraform `root:` that a base revision's
 * files have nothing of.
 */
export interface Unbuilt {
  readonly key: 'cdk-out' | 'template' | 'root' | 'policies'
  readonly path: string
}

/**
 * Everything local, read and validated before anything touches the network: the config file, then
 * every source it names. Principals matching `exclude-principals:` are left out. Returns every problem
 * found, sorted by file and line, and a workspace only when there are none. `codeOnly`: Terraform plans
 * are left out, their .tf files read alone (a base revision's code, of which there is no plan).
 * `parses`: the config and policy files parsed already in this run, reused where a file's text is the same.
 */
export async function loadWorkspace(
  root: string,
  configPath: string,
  options: {
    readonly codeOnly?: boolean
    /**
     * With `codeOnly`, the head's workspace: what of the config it has and these files have nothing of
     * (see codeOnly()) is read as naming no principal, not as a mistake.
     */
    readonly head?: string
    readonly parses?: PolicyParses
    /** A config to read the workspace with instead of its own (the head's, for a base revision). */
    readonly config?: Config
  } = {},
): Promise<{ workspace?: Workspace; problems: Problem[]; secrets: readonly string[] }> {
  const { parses } = options
  const { config, partial, problems } = options.config
    ? { config: options.config, partial: undefined, problems: [] }
    : parses
      ? loadConfig(root, configPath, (file, text) => parses.config(file, text))
      : loadConfig(root, configPath)
  // A config with mistakes still has parts that are right: their globs, policy files and code are read
  // too, so that every mistake is reported in one pass.
  const usable = config ?? partial
  if (!usable) return { problems, secrets: [] }
  const { config: read, unbuilt } = options.codeOnly
    ? codeOnly(usable, root, options.head)
    : { config: usable, unbuilt: [] as Unbuilt[] }
  const discovered = await discoverPrincipals(configuredSources(read, parses), root)
  // What a plan marks sensitive, whatever else is wrong: the problems may quote it too.
  const { secrets } = discovered
  if (!config || discovered.problems.length > 0)
    return { problems: byPlace([...problems, ...discovered.problems]), secrets }
  const excluded = config.excludePrincipals.map((p) => ({
    ...p,
    test: arnPattern(p.pattern),
    left: [] as string[],
  }))
  const principals = discovered.principals.filter((p) => {
    const by = excluded.find((e) => e.test.test(p.arn))
    by?.left.push(p.arn)
    return by === undefined
  })
  // What is left out, said: not checked is not the same as clean. A pattern that leaves out nothing
  // may name an account or path that is not the one meant.
  const exclusions = excluded.map(({ pattern, line, left }) => ({
    file: configPath,
    line,
    message:
      left.length === 0
        ? `exclude-principals: "${pattern}" matches none of the ${discovered.principals.length} principal(s) found`
        : `exclude-principals: "${pattern}" leaves out ${left.length} principal(s), not checked: ${previewList(left, 3)}`,
  }))
  // An ignore: entry for a principal no source finds accepts nothing: a role renamed, an account id
  // mistyped, a name the code now gives otherwise. Its findings, under the ARN found, are not accepted.
  const found = new Set(discovered.principals.map((p) => p.arn))
  const strays = config.ignore.flatMap(({ principal, line }) =>
    principal === undefined || found.has(principal)
      ? []
      : [
          {
            file: configPath,
            line,
            message: `ignore: the entry for ${principal} names none of the ${discovered.principals.length} principal(s) found, so it accepts nothing`,
          },
        ],
  )
  const notes = byPlace([...discovered.notes, ...exclusions, ...strays])
  const excludedCount = discovered.principals.length - principals.length
  return {
    workspace: { config, principals, excluded: excludedCount, notes, unbuilt },
    problems: [],
    secrets,
  }
}

/**
 * The config with its Terraform plans left out: their .tf files read alone. A base revision has the
 * code but not the plan the workflow made of the head. Nor has it a CDK cloud assembly, unless one is
 * committed: `cdk synth` makes it from the app's code in the job, and nothing here can make the base's;
 * nor a template, Terraform code or policy file a step builds (`sam build`, `cdktf synth`), nor what the
 * pull request adds. Such an entry (or glob) names no principal of the base, so the findings in the
 * head's count as new (`unbuilt` says so), and the rest of the config is still compared.
 */
function codeOnly(
  config: Config,
  dir: string,
  head: string | undefined,
): { config: Config; unbuilt: Unbuilt[] } {
  const unbuilt: Unbuilt[] = []
  // Only what the head has: a glob that matches nothing in either is a mistake of this config (a
  // base whose config the pull request mends), read as one, so that the head's config is tried.
  const isDirectoryIn = (root: string, path: string) => entryAt(join(root, path))?.isDirectory() === true
  const lacks = (path: string) => head !== undefined && !isDirectoryIn(dir, path) && isDirectoryIn(head, path)
  const cloudFormation = config.cloudFormation.flatMap((entry) => {
    const { cdkOut, template } = entry
    if (cdkOut !== undefined) {
      if (!lacks(cdkOut)) return [entry]
      unbuilt.push({ key: 'cdk-out', path: cdkOut })
      return []
    }
    // The same of a template a step builds (`sam build`'s, `serverless package`'s), or one this pull
    // request adds: a glob that matches nothing here is left out, the entry's others still read.
    const found = matching(dir, head, template ?? [], 'template', unbuilt)
    if (found.length === template?.length) return [entry]
    return inclusions(found).length > 0 ? [{ ...entry, template: found }] : []
  })
  // And of policy files a step renders.
  const principals = config.principals.flatMap((p) => {
    const found = matching(dir, head, p.policies, 'policies', unbuilt)
    if (found.length === p.policies.length) return [p]
    return inclusions(found).length > 0 ? [{ ...p, policies: found }] : []
  })
  // A plan glob whose directory is a glob too names no one root: its code is left out.
  const terraform = config.terraform.flatMap((t) => {
    if (!t.plan) return [t]
    const roots = t.root === undefined ? planDirectories(t.plan) : [t.root]
    return roots.filter((root) => !/[*?[{]/.test(root)).map((root) => ({ ...t, plan: undefined, root }))
  })
  // A root named outright that is not here: code a step generates (`cdktf synth`'s cdktf.out), or a
  // configuration the pull request adds.
  const present = terraform.filter(({ root, roots }) => {
    if (roots || root === undefined || isGlob(root) || !lacks(root)) return true
    unbuilt.push({ key: 'root', path: root })
    return false
  })
  return { config: { ...config, principals, cloudFormation, terraform: present }, unbuilt }
}

/**
 * Of `globs`, all but those that match no file under `dir` and some under `head`; those said in
 * `unbuilt`.
 */
function matching(
  dir: string,
  head: string | undefined,
  globs: readonly PolicyGlob[],
  key: Unbuilt['key'],
  unbuilt: Unbuilt[],
): PolicyGlob[] {
  return globs.filter((g) => {
    if (head === undefined || g.pattern.startsWith('!') || matchFiles(dir, g.pattern).length > 0) return true
    if (matchFiles(head, g.pattern).length === 0) return true
    unbuilt.push({ key, path: g.pattern })
    return false
  })
}

/**
 * Problems in the order a person fixes them: by file (as findings are ordered), line and column; each
 * once. Code two roots share (an examples/ directory whose every example calls the repository's
 * module) is read once per root, and says the same of itself each time.
 */
function byPlace(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>()
  return problems
    .filter((p) => {
      const key = `${p.file}\0${p.line}\0${p.column}\0${p.message}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
    .sort(
      (a, b) =>
        byCodeUnits(a.file ?? '', b.file ?? '') ||
        (a.line ?? 0) - (b.line ?? 0) ||
        (a.column ?? 0) - (b.column ?? 0),
    )
}

/** An ARN pattern: `*` any run of characters, `?` one; the rest literally (ARNs are case-sensitive). */
function arnPattern(pattern: string): WildcardMatcher {
  return wildcardMatcher(pattern, false)
}
