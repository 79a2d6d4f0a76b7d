// Real git repositories for the tests that read a checkout's commit, made with the git binary the
// runner (and CI) has.
import { execFileSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
    },
  }).trim()
}

/** Writes `files` (relative path to text) under `dir`, making the directories they need. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true })
    await writeFile(join(dir, path), text)
  }
}

/** A repository at `dir` with the files given committed on `main`; returns the commit's sha. */
export async function commitFiles(dir: string, files: Record<string, string>): Promise<string> {
  await mkdir(dir, { recursive: true })
  await writeFiles(dir, files)
  git(dir, 'init', '--quiet', '--initial-branch=main')
  git(dir, 'add', '--all')
  git(dir, 'commit', '--quiet', '--allow-empty', '-m', 'test')
  return git(dir, 'rev-parse', 'HEAD')
}
