import { realpathSync } from 'node:fs'
import { join } from 'node:path'
import { type Problem, quote } from '../vocabulary/problems.js'
import { type Config, parseConfig } from './config-file.js'
import { isInside, leavesWorkspace } from './paths.js'
import { readText } from './read-text.js'

/**
 * Reads and validates the config file at `configPath` (relative to the workspace `root`). A path that
 * leaves the workspace, or a symlink that leads out of it, is a problem, never a read. Returns every
 * problem in the file, and a config only when there are none (else, `partial`: its valid parts).
 * `parse` reads the text (the run's own reading, to reuse one it has made already).
 */
export function loadConfig(
  root: string,
  configPath: string,
  parse: typeof parseConfig = parseConfig,
): { config?: Config; partial?: Config; problems: Problem[] } {
  const text = readConfigText(root, configPath)
  return typeof text === 'string' ? parse(configPath, text) : { problems: [text] }
}

function readConfigText(root: string, configPath: string): string | Problem {
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
    return readText(real)
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
