import type { Config } from '../config/config-file.js'
import { jsonFileSource, type PolicyParses } from './json-files.js'
import type { PolicySource } from './policy-source.js'

/**
 * The policy sources the config names, in the order their principals are reported. `parses`: policy
 * files parsed already in this run (a pull request's head, when its base is read).
 */
export function configuredSources(config: Config, parses?: PolicyParses): PolicySource[] {
  const sources = [jsonFileSource(config.file, config.principals, parses)]
  if (config.terraform.length > 0) {
    // The HCL parser (WebAssembly) and the plan reader are loaded only by runs that name Terraform code.
    sources.push({
      name: 'terraform',
      load: async (root) => {
        const { terraformSource, TfParses } = await import('./terraform/terraform-source.js')
        const tf = parses ? parses.terraformFor(() => new TfParses()) : new TfParses()
        return terraformSource(config.file, config.terraform, tf).load(root)
      },
    })
  }
  if (config.cloudFormation.length > 0) {
    sources.push({
      name: 'cloudformation',
      load: async (root) => {
        const { cloudFormationSource } = await import('./cloudformation/cloudformation-source.js')
        return cloudFormationSource(config.file, config.cloudFormation).load(root)
      },
    })
  }
  return sources
}
