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
