import type { Config } from '../config/config-file.js'
import { jsonFileSource } from './json-files.js'
import type { PolicySource } from './policy-source.js'

/** The policy sources the config names, in the order their principals are reported. */
export function configuredSources(config: Config): PolicySource[] {
  return [jsonFileSource(config.file, config.principals)]
}
