import { realpath } from 'node:fs/promises'
import { sep } from 'node:path'
import { glob } from 'tinyglobby'
import type { PolicyGlob } from './config-file.js'
import { type Problem, quote } from './errors.js'
import { isInside, leavesWorkspace } from './paths.js'

/**
 * The files each glob matches, relative to the workspace and sorted, or a problem for each glob that
 * matches nothing or could lead outside the workspace.
 *
 * Why so strict: the action may run on a pull request's files. A pattern such as `../../etc/*` or a
 * committed symlink to `/home/runner/.aws/credentials` must never make the action read — and then quote
 * in a public comment — a file from outside the repository.
 */
export async function resolvePolicyGlobs(
  workspace: string,
  configFile: string,
  globs: readonly PolicyGlob[],
): Promise<{ files: string[]; problems: Problem[] }> {
  const problems: Problem[] = []
  const files = new Set<string>()
  const root = await realpath(workspace)
  for (const { pattern, line } of globs) {
    const at = { file: configFile, line }
    if (leavesWorkspace(pattern)) {
      problems.push({
        ...at,
        message: `policies: ${quote(pattern)} leads outside the workspace; expected a glob relative to it, without '..'`,
      })
      continue
    }
    const matches = await glob(pattern, { cwd: root, onlyFiles: true, dot: true, expandDirectories: false })
    if (matches.length === 0) {
      problems.push({ ...at, message: `policies: ${quote(pattern)} matches no file in the workspace` })
      continue
    }
    for (const match of matches.sort()) {
      const real = await realpath(`${root}${sep}${match}`)
      if (!isInside(root, real)) {
        problems.push({
          ...at,
          message: `policies: ${quote(match)} is a symlink that leads outside the workspace; it is not read`,
        })
        continue
      }
      files.add(match.split(sep).join('/'))
    }
  }
  return { files: [...files].sort(), problems }
}
