import { type WildcardMatcher, wildcardMatcher } from '../catalog/catalog.js'
import { type Config, planDirectories } from '../config/config-file.js'
import { loadConfig } from '../config/load-config.js'
import { type Problem, previewList } from '../vocabulary/problems.js'
import { byCodeUnits } from '../vocabulary/text.js'
import { configuredSources } from './configured-sources.js'
import type { PolicyParses } from './json-files.js'
import { type DiscoveredPrincipal, discoverPrincipals } from './policy-source.js'

/** The config and every principal its policy sources find, read and validated. */
export interface Workspace {
  readonly config: Config
  readonly principals: readonly DiscoveredPrincipal[]
  /** How many principals found `exclude-principals:` left out. */
  readonly excluded: number
  /** What a person should know of how the sources were read: nothing wrong, shown as notices. */
  readonly notes: readonly Problem[]
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
  const discovered = await discoverPrincipals(
    configuredSources(options.codeOnly ? codeOnly(usable) : usable, parses),
    root,
  )
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
  return { workspace: { config, principals, excluded: excludedCount, notes }, problems: [], secrets }
}

/**
 * The config with its Terraform plans left out: their .tf files read alone. A base revision has the
 * code but not the plan the workflow made of the head.
 */
function codeOnly(config: Config): Config {
  return {
    ...config,
    // A plan glob whose directory is a glob too names no one root: its code is left out.
    terraform: config.terraform.flatMap((t) => {
      if (!t.plan) return [t]
      const roots = t.root === undefined ? planDirectories(t.plan) : [t.root]
      return roots.filter((root) => !/[*?[{]/.test(root)).map((root) => ({ ...t, plan: undefined, root }))
    }),
  }
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
