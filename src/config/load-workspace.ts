import { readFile, realpath } from 'node:fs/promises'
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
 * Returns every problem found, and a workspace only when there are none.
 */
export async function loadWorkspace(
  root: string,
  configPath: string,
): Promise<{ workspace?: Workspace; problems: Problem[] }> {
  const configText = await readConfig(root, configPath)
  if (typeof configText !== 'string') return { problems: [configText] }
  const { config, problems } = parseConfig(configPath, configText)
  if (!config) return { problems }

  const parsed = new Map<string, PolicyDocument | undefined>()
  const principals: LoadedPrincipal[] = []
  for (const principal of config.principals) {
    const resolved = await resolvePolicyGlobs(root, config.file, principal.policies)
    problems.push(...resolved.problems)
    for (const file of resolved.files) {
      if (parsed.has(file)) continue
      const result = parsePolicy(file, await readFile(join(root, file), 'utf8'))
      parsed.set(file, result.policy)
      problems.push(...result.problems)
    }
    const policies = resolved.files.map((f) => parsed.get(f)).filter((p) => p !== undefined)
    principals.push({ arn: principal.arn, files: resolved.files, policies })
  }
  if (problems.length > 0) return { problems }
  return { workspace: { config, principals }, problems }
}

async function readConfig(root: string, configPath: string): Promise<string | Problem> {
  const at = { file: configPath }
  if (leavesWorkspace(configPath)) {
    return { ...at, message: `input 'config': ${quote(configPath)} must be a path inside the workspace` }
  }
  try {
    const real = await realpath(join(root, configPath))
    if (!isInside(await realpath(root), real)) {
      return {
        ...at,
        message: `input 'config': ${quote(configPath)} is a symlink that leads outside the workspace`,
      }
    }
    return await readFile(real, 'utf8')
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
