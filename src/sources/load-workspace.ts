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
 * every source it names. Returns every problem found, and a workspace only when there are none.
 */
export function loadWorkspace(
  root: string,
  configPath: string,
): { workspace?: Workspace; problems: Problem[] } {
  const { config, problems } = loadConfig(root, configPath)
  if (!config) return { problems }
  const discovered = discoverPrincipals(configuredSources(config), root)
  if (discovered.problems.length > 0) return { problems: discovered.problems }
  return { workspace: { config, principals: discovered.principals }, problems: [] }
}
