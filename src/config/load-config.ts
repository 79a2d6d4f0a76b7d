import { readdirSync, realpathSync } from 'node:fs'
import { join, posix, sep } from 'node:path'
import { type Problem, quote } from '../vocabulary/problems.js'
import { type Config, parseConfig } from './config-file.js'
import { entryAt, isInside, leavesWorkspace } from './paths.js'
import { readTextUpTo, tooLarge } from './read-text.js'

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
    return readTextUpTo(real, MAX_CONFIG_BYTES) ?? { ...at, line: 1, message: tooLarge(MAX_CONFIG_BYTES) }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EISDIR')
      return {
        ...at,
        message: `input 'config': ${quote(configPath)} is a directory; expected the config file, such as .github/iam-policy-drift.yml`,
      }
    // No such file, and no file can be at that path: one through a file (`a.json/x`), a name too long,
    // a loop of links, a NUL character.
    if (code === undefined || NOT_THERE.has(code)) {
      const near = configNear(root, configPath)
      return {
        ...at,
        message: near
          ? `config file not found (input 'config' is ${quote(configPath)}), but ${quote(near)} is there: rename it, or set input 'config' to it`
          : `config file not found (input 'config' is ${quote(configPath)}). Create it — see the README's ` +
            '"Configuration" — or check out the repository first (actions/checkout).',
      }
    }
    // The code, not the message: that names the runner's absolute path.
    return { ...at, message: `cannot read the config file (${code})` }
  }
}

/**
 * A file that is likely the config meant, when the one named is not there: the other of .yml and .yaml,
 * the name in another case, or the name in .github/ or at the top of the workspace instead. Only names
 * are compared (one directory listing each); nothing is read.
 */
function configNear(root: string, configPath: string): string | undefined {
  const path = posix.normalize(configPath.split(sep).join('/')).replace(/^\.\//, '')
  const dir = posix.dirname(path)
  const name = posix.basename(path)
  const other = /\.yml$/i.test(name)
    ? name.replace(/\.yml$/i, '.yaml')
    : /\.yaml$/i.test(name)
      ? name.replace(/\.yaml$/i, '.yml')
      : undefined
  const names = other ? [name, other] : [name]
  const elsewhere = dir === '.' ? '.github' : dir === '.github' ? '.' : undefined
  for (const where of elsewhere ? [dir, elsewhere] : [dir]) {
    let listing: string[]
    try {
      // Not a directory a symlink leads out of the workspace to: nothing outside is listed.
      if (!isInside(realpathSync.native(root), realpathSync.native(join(root, where)))) continue
      listing = readdirSync(join(root, where))
    } catch {
      continue
    }
    for (const wanted of names) {
      const found = listing.find((entry) => entry.toLowerCase() === wanted.toLowerCase())
      if (found === undefined) continue
      const candidate = where === '.' ? found : `${where}/${found}`
      if (candidate !== path && entryAt(join(root, candidate))?.isFile()) return candidate
    }
  }
  return undefined
}

/** Largest config read: one listing thousands of principals is a few hundred KiB. */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024

const NOT_THERE = new Set(['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ELOOP', 'ERR_INVALID_ARG_VALUE'])
