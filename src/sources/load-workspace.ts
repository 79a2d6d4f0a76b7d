import type { Config } from '../config/config-file.js'
import { loadConfig } from '../config/load-config.js'
import type { Problem } from '../vocabulary/problems.js'
import { configuredSources } from './configured-sources.js'
import { type DiscoveredPrincipal, discoverPrincipals } from './policy-source.js'

/** The config and every principal its policy sources find, read and validated. */
export interface Workspace {
  readonly config: Config
  readonly principals: readonly DiscoveredPrincipal[]
}

/**
 * Everything local, read and validated before anything touches the network: the config file, then
 * every source it names. Principals matching `exclude-principals:` are left out. Returns every problem
 * found, and a workspace only when there are none.
 */
export async function loadWorkspace(
  root: string,
  configPath: string,
): Promise<{ workspace?: Workspace; problems: Problem[] }> {
  const { config, problems } = loadConfig(root, configPath)
  if (!config) return { problems }
  const discovered = await discoverPrincipals(configuredSources(config), root)
  if (discovered.problems.length > 0) return { problems: discovered.problems }
  const excluded = config.excludePrincipals.map((p) => arnPattern(p.pattern))
  const principals = discovered.principals.filter((p) => !excluded.some((pattern) => pattern.test(p.arn)))
  return { workspace: { config, principals }, problems: [] }
}

/** An ARN pattern: `*` any run of characters, `?` one; the rest literally (ARNs are case-sensitive). */
function arnPattern(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${body}$`)
}
