// Which commit a folder of the workspace holds, read from its git metadata the way `git rev-parse HEAD`
// would: no git binary, no process, no network. actions/checkout leaves either a detached HEAD (a sha)
// or a branch whose loose ref or packed-refs entry holds the sha.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { isInside } from '../config/paths.js'

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/

/**
 * The commit checked out at the git work tree that contains `path` (searched upwards, never above
 * `workspaceRoot`), or undefined when there is none or it cannot be read.
 */
export function readCheckedOutCommit(workspaceRoot: string, path: string): string | undefined {
  const root = resolve(workspaceRoot)
  for (let dir = resolve(root, path); ; dir = dirname(dir)) {
    if (!isInside(root, dir)) return undefined
    const gitDir = findGitDir(dir)
    if (gitDir) return readHead(gitDir)
    if (dir === root) return undefined
  }
}

/** `<dir>/.git` as a folder, or the folder a `.git` file points to (worktrees, submodules). */
function findGitDir(dir: string): string | undefined {
  const dotGit = join(dir, '.git')
  try {
    if (statSync(dotGit).isDirectory()) return dotGit
    const match = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'))
    return match?.[1] ? resolve(dir, match[1]) : undefined
  } catch {
    return undefined
  }
}

function readHead(gitDir: string): string | undefined {
  try {
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim()
    if (SHA.test(head)) return head
    const ref = /^ref:\s*(\S+)$/.exec(head)?.[1]
    return ref ? resolveRef(gitDir, ref) : undefined
  } catch {
    return undefined
  }
}

function resolveRef(gitDir: string, ref: string): string | undefined {
  // A worktree keeps its HEAD but shares refs with the main repository (`commondir`).
  const common = existsSync(join(gitDir, 'commondir'))
    ? resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim())
    : gitDir
  for (const dir of new Set([gitDir, common])) {
    try {
      const sha = readFileSync(join(dir, ref), 'utf8').trim()
      if (SHA.test(sha)) return sha
    } catch {
      // Not a loose ref here: try packed-refs.
    }
    try {
      for (const line of readFileSync(join(dir, 'packed-refs'), 'utf8').split('\n')) {
        const [sha, name] = line.split(' ')
        if (name === ref && sha && SHA.test(sha)) return sha
      }
    } catch {
      // No packed-refs.
    }
  }
  return undefined
}
