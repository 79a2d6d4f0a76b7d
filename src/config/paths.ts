import { lstatSync, realpathSync, type Stats, statSync } from 'node:fs'
import { dirname, isAbsolute, relative, sep } from 'node:path'

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

/** Where `path` really is, symlinks followed; undefined when it cannot be resolved (see entryAt). */
export function realPath(path: string): string | undefined {
  try {
    return realpathSync.native(path)
  } catch {
    return undefined
  }
}

/**
 * Why no file can be written at `path` (absolute), or undefined when one can: a NUL in it, a name longer
 * than file systems take, a directory there, or something other than a directory on the way (a file, a
 * link that leads nowhere). Asked of an output's path before a run starts, so that a log which cannot be
 * written does not end a run that has already reported and commented.
 */
export function unwritable(path: string, shown: (dir: string) => string = (dir) => dir): string | undefined {
  if (path.includes('\0')) return 'it holds a NUL character'
  if (path.split(SEPARATOR).some((name) => Buffer.byteLength(name) > 255))
    return 'a name in it is longer than 255 bytes'
  if (entryAt(path)?.isDirectory()) return 'it is a directory'
  // The nearest of its directories that is there must be one (the rest are made); a link that leads
  // nowhere on the way cannot be made into one.
  for (let dir = dirname(path); dirname(dir) !== dir; dir = dirname(dir)) {
    if (!entryAt(dir, true)) continue
    return entryAt(dir)?.isDirectory() ? undefined : `${shown(dir)} is not a directory`
  }
  return undefined
}
