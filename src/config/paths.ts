import { lstatSync, type Stats, statSync } from 'node:fs'
import { isAbsolute, relative, sep } from 'node:path'

/** Whether a path the user wrote is absolute or climbs out with `..`: never read, whatever it names. */
export function leavesWorkspace(path: string): boolean {
  return isAbsolute(path) || DRIVE.test(path) || path.startsWith('~') || path.split(SEPARATOR).includes('..')
}

const DRIVE = /^[A-Za-z]:/
const SEPARATOR = /[\\/]/

/** Whether `real` (a resolved path, symlinks followed) lies inside the resolved workspace `root`. */
export function isInside(root: string, real: string): boolean {
  const inside = relative(root, real)
  return inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside)
}

/**
 * What is at `path` (with `link`, the entry itself; else what a symlink there leads to), or undefined
 * when nothing is or can be. The paths come from configs, manifests and code a pull request writes: a
 * file where a directory should be on the way (`policy.json/x`), a name longer than the file system
 * allows, a loop of links, a NUL character, a place the runner may not look — each is "not there", for
 * the caller to report with the path, and never an exception.
 */
export function entryAt(path: string, link = false): Stats | undefined {
  try {
    return link ? lstatSync(path, { throwIfNoEntry: false }) : statSync(path, { throwIfNoEntry: false })
  } catch {
    return undefined
  }
}
