// The `cloudformation:` entries of the config: each template (YAML or JSON) with the parameter values
// and the account, region and stack name the config gives for it.
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { loadManagedPolicies } from '../../catalog/managed-policies.js'
import type { CloudFormationConfig } from '../../config/config-file.js'
import type { Problem } from '../../vocabulary/problems.js'
import { resolvePolicyGlobs } from '../policy-globs.js'
import type { DiscoveredPrincipal, PolicySource, SourceResult } from '../policy-source.js'
import { discoverFromTemplate } from './discover.js'
import { parseTemplate } from './template.js'

/** Largest template read: CloudFormation itself accepts 1 MB; a generated one may be larger. */
const MAX_TEMPLATE_BYTES = 16 * 1024 * 1024

export function cloudFormationSource(
  configFile: string,
  entries: readonly CloudFormationConfig[],
): PolicySource {
  return {
    name: 'cloudformation',
    async load(workspaceRoot): Promise<SourceResult> {
      const principals: DiscoveredPrincipal[] = []
      const problems: Problem[] = []
      for (const entry of entries) {
        const resolved = resolvePolicyGlobs(
          workspaceRoot,
          configFile,
          [entry.template],
          'cloudformation: template',
        )
        problems.push(...resolved.problems)
        for (const file of resolved.files) {
          const path = join(workspaceRoot, file)
          if (statSync(path).size > MAX_TEMPLATE_BYTES) {
            problems.push({
              file,
              line: 1,
              message: `larger than ${MAX_TEMPLATE_BYTES / 1024 / 1024} MiB; not read`,
            })
            continue
          }
          const parsed = parseTemplate(file, readFileSync(path, 'utf8'))
          problems.push(...parsed.problems)
          if (!parsed.root) continue
          const found = await discoverFromTemplate(file, parsed.root, {
            parameters: entry.parameters,
            account: entry.account,
            region: entry.region,
            stackName: entry.stackName,
            managedPolicies: loadManagedPolicies,
          })
          principals.push(...found.principals)
          problems.push(...found.problems)
        }
      }
      return { principals, problems }
    },
  }
}
