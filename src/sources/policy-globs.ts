import { readdirSync, realpathSync, statSync } from 'node:fs'
import { join, posix, sep } from 'node:path'
import picomatch from 'picomatch'
import { globSync } from 'tinyglobby'
import type { PolicyGlob } from '../config/config-file.js'
import { isInside, leavesWorkspace } from '../config/paths.js'
import { type Problem, quote } from '../vocabulary/problems.js'

/**
 * The files each glob matches, relative to the workspace, in the order of the globs (each glob's matches
 * sorted), or a problem for each glob that matches nothing or could lead outside the workspace.
 *
 * Synchronous on purpose: a large repository has thousands of small files, nothing else runs while they
 * are read, and sync calls skip a thread-pool round trip per file (3× faster here; see npm run bench).
 *
 * Why so strict: the action may run on a pull request's files. A pattern such as `../../etc/*` or a
 * committed symlink to `/home/runner/.aws/credentials` must never make the action read — and then quote
 * in a public comment — a file from outside the repository.
 */
export function resolvePolicyGlobs(
  workspace: string,
  configFile: string,
  globs: readonly PolicyGlob[],
  key = 'policies',
): { files: string[]; problems: Problem[] } {
  const problems: Problem[] = []
  const files = new Set<string>()
  const root = realpathSync.native(workspace)
  for (const { pattern, line } of globs) {
    const at = { file: configFile, line }
    if (leavesWorkspace(pattern)) {
      problems.push({
        ...at,
        message: `${key}: ${quote(pattern)} leads outside the workspace; expected a glob relative to it, without '..'`,
      })
      continue
    }
    const matches = matchFiles(root, pattern)
    if (matches.length === 0) {
      // A directory names no file: say how to name the policy files in it.
      const directory = isDirectory(join(root, pattern))
      const hint = directory
        ? `; it is a directory: to name its policy files, write ${quote(`${pattern.replace(/\/+$/, '')}/*.json`)}`
        : ''
      problems.push({ ...at, message: `${key}: ${quote(pattern)} matches no file in the workspace${hint}` })
      continue
    }
    for (const { path: match, inside } of matches.sort((a, b) => (a.path < b.path ? -1 : 1))) {
      if (!inside && !isInside(root, realpathSync.native(`${root}${sep}${match}`))) {
        problems.push({
          ...at,
          message: `${key}: ${quote(match)} is a symlink that leads outside the workspace; it is not read`,
        })
        continue
      }
      files.add(match.split(sep).join('/'))
    }
  }
  // In the config's order (each glob's matches sorted): the first file is the one a person adds to.
  return { files: [...files], problems }
}

/** A matched file; `inside` when it is already known to lie inside the workspace, symlinks resolved. */
export interface FileMatch {
  readonly path: string
  readonly inside: boolean
}

/**
 * The files under `root` (a resolved path) that `pattern` matches, relative to it, as tinyglobby finds
 * them (dot files included, symlinks followed). Two common forms take a short cut, for repositories
 * with a thousand principals: a plain path is one stat, and a glob in the last segment only
 * (`iam/app/*.json`) one directory listing, which also tells which files need no realpath. Anything
 * else is tinyglobby's.
 */
export function matchFiles(root: string, pattern: string): FileMatch[] {
  const scan = picomatch.scan(pattern)
  if (!scan.isGlob) {
    const path = posix.normalize(pattern).replace(/^\.\//, '')
    return isFile(join(root, path)) ? [{ path, inside: false }] : []
  }
  if (!scan.glob.includes('/') && !scan.negated && scan.base !== '') {
    const isMatch = picomatch(scan.glob, { dot: true })
    const dir = join(root, scan.base)
    let entries: import('node:fs').Dirent[]
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return []
    }
    // A regular file in a directory that resolves inside the workspace is inside: no realpath per file.
    const dirInside = entries.length > 0 && isInside(root, realpathSync.native(dir))
    return entries
      .filter((e) => isMatch(e.name) && (e.isFile() || (e.isSymbolicLink() && isFile(join(dir, e.name)))))
      .map((e) => ({ path: posix.join(scan.base, e.name), inside: dirInside && e.isFile() }))
  }
  return globSync(pattern, { cwd: root, onlyFiles: true, dot: true, expandDirectories: false }).map(
    (path) => ({
      path,
      inside: false,
    }),
  )
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
