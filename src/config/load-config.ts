import { readFileSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { type PolicyDocument, parsePolicy } from '../policy/parse-policy.js'
import { type Config, parseConfig } from './config-file.js'
import { type Problem, quote } from './errors.js'
import { isInside, leavesWorkspace } from './paths.js'
import { resolvePolicyGlobs } from './policy-globs.js'

/** A principal with the policy files its globs matched, parsed. */
export interface LoadedPrincipal {
  readonly arn: string
  readonly files: readonly string[]
  readonly policies: readonly PolicyDocument[]
}

export interface Workspace {
  readonly config: Config
  readonly principals: readonly LoadedPrincipal[]
}

/**
 * Everything local, read and validated before anything touches the network: the config file, each
 * principal's globs, and every policy file (each parsed once, however many principals share it).
 * Returns every problem found, and a workspace only when there are none. Synchronous, like
 * resolvePolicyGlobs, for speed on thousands of small files.
 */
export function loadWorkspace(
  root: string,
  configPath: string,
): { workspace?: Workspace; problems: Problem[] } {
  const configText = readConfig(root, configPath)
  if (typeof configText !== 'string') return { problems: [configText] }
  const { config, problems } = parseConfig(configPath, configText)
  if (!config) return { problems }

  const parsed = new Map<string, PolicyDocument | undefined>()
  const principals: LoadedPrincipal[] = []
  for (const principal of config.principals) {
    const resolved = resolvePolicyGlobs(root, config.file, principal.policies)
    problems.push(...resolved.problems)
    for (const file of resolved.files) {
      if (parsed.has(file)) continue
      const result = parsePolicy(file, readFileSync(join(root, file), 'utf8'))
      parsed.set(file, result.policy)
      problems.push(...result.problems)
    }
    const policies = resolved.files.map((f) => parsed.get(f)).filter((p) => p !== undefined)
    principals.push({ arn: principal.arn, files: resolved.files, policies })
  }
  if (problems.length > 0) return { problems }
  return { workspace: { config, principals }, problems }
}

function readConfig(root: string, configPath: string): string | Problem {
  const at = { file: configPath }
  if (leavesWorkspace(configPath)) {
    return { ...at, message: `input 'config': ${quote(configPath)} must be a path inside the workspace` }
  }
  try {
    const real = realpathSync.native(join(root, configPath))
    if (!isInside(realpathSync.native(root), real)) {
      return {
        ...at,
        message: `input 'config': ${quote(configPath)} is a symlink that leads outside the workspace`,
      }
    }
    return readFileSync(real, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return {
        ...at,
        message:
          `config file not found (input 'config' is ${quote(configPath)}). Create it — see the README's ` +
          '"Configuration" — or check out the repository first (actions/checkout).',
      }
    }
    return { ...at, message: `cannot read the config file: ${(error as Error).message}` }
  }
}
