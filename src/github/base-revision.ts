// The files of a pull request's base revision, for the findings to be compared with: from the local git
// history (fetching the one commit when a shallow checkout lacks it, with the credentials the checkout
// left), else from the GitHub API (the tarball of the repository at the base sha), unpacked into a
// directory of their own. Nothing in the workspace is changed; the directory is removed after the run.
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Logger } from '../vocabulary/logger.js'

export type BaseFiles =
  | { readonly dir: string; readonly via: 'git' | 'api'; readonly remove: () => Promise<void> }
  | { readonly unavailable: string }

/** Where the base can be asked for over the API, when the local history does not have it. */
export interface BaseApi {
  /** The repository's gzipped tarball at `sha`. */
  tarball(sha: string): Promise<Uint8Array>
}

const GIT_TIMEOUT_MS = 60_000

/**
 * The base revision's files in a directory of their own under `tempRoot` (the runner's temporary
 * directory, which it empties after each job), or why they cannot be had.
 */
export async function baseFiles(
  workspaceRoot: string,
  sha: string,
  api: BaseApi | undefined,
  logger: Logger,
  tempRoot: string = tmpdir(),
): Promise<BaseFiles> {
  if (!/^[0-9a-f]{40}$/.test(sha))
    return { unavailable: `the base sha ${JSON.stringify(sha)} is not a commit id` }
  const dir = await mkdtemp(join(tempRoot, 'iam-policy-drift-base-'))
  const remove = () => rm(dir, { recursive: true, force: true })
  const fromGit = await fromHistory(workspaceRoot, sha, dir, logger)
  if (fromGit === true) return { dir, via: 'git', remove }
  if (api) {
    try {
      const archive = join(dir, '..', `${dir.split(/[\\/]/).pop()}.tar.gz`)
      await writeFile(archive, await api.tarball(sha))
      try {
        await run('tar', ['-xzf', archive, '-C', dir, '--strip-components=1'], dir)
      } finally {
        await rm(archive, { force: true })
      }
      return { dir, via: 'api', remove }
    } catch (error) {
      await remove()
      return {
        unavailable: `the base revision ${sha.slice(0, 12)} is not in the local git history (${fromGit}) and the GitHub API did not give it (${(error as Error).message})`,
      }
    }
  }
  await remove()
  return {
    unavailable: `the base revision ${sha.slice(0, 12)} is not in the local git history (${fromGit}), and there is no github-token to ask the GitHub API for it`,
  }
}

/** True when the base was unpacked from the local history; else why not. */
async function fromHistory(
  workspaceRoot: string,
  sha: string,
  dir: string,
  logger: Logger,
): Promise<true | string> {
  try {
    await run('git', ['rev-parse', '--is-inside-work-tree'], workspaceRoot)
  } catch {
    return 'the workspace is not a git checkout'
  }
  const present = () =>
    run('git', ['cat-file', '-e', `${sha}^{commit}`], workspaceRoot).then(
      () => true,
      () => false,
    )
  if (!(await present())) {
    // A shallow checkout (actions/checkout's default) has only the head: fetch the base commit alone.
    logger.info(`Fetching the base revision ${sha.slice(0, 12)} (git fetch --depth=1)`)
    try {
      await run('git', ['fetch', '--depth=1', '--no-tags', '--quiet', 'origin', sha], workspaceRoot)
    } catch (error) {
      return `git fetch of it failed: ${(error as Error).message}`
    }
    if (!(await present())) return 'git fetch did not bring it'
  }
  try {
    await pipe(['git', ['archive', '--format=tar', sha], workspaceRoot], ['tar', ['-x', '-C', dir], dir])
    return true
  } catch (error) {
    return `git archive failed: ${(error as Error).message}`
  }
}

/** Runs a command; rejects with the first line of its stderr when it fails or takes too long. */
function run(command: string, args: readonly string[], cwd: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], timeout: GIT_TIMEOUT_MS })
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('error', fail)
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(stderr.trim().split('\n')[0] || `${command} exited with ${code}`)),
    )
  })
}

/** `a | b`: rejects when either fails. */
function pipe(
  [from, fromArgs, fromCwd]: [string, string[], string],
  [to, toArgs, toCwd]: [string, string[], string],
): Promise<void> {
  return new Promise((done, fail) => {
    const source = spawn(from, fromArgs, {
      cwd: fromCwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: GIT_TIMEOUT_MS,
    })
    const sink = spawn(to, toArgs, { cwd: toCwd, stdio: ['pipe', 'ignore', 'pipe'], timeout: GIT_TIMEOUT_MS })
    source.stdout.pipe(sink.stdin)
    let stderr = ''
    for (const child of [source, sink]) {
      child.stderr?.on('data', (chunk) => {
        stderr += chunk
      })
      child.on('error', fail)
    }
    let pending = 2
    const closed = (name: string) => (code: number | null) => {
      if (code !== 0) fail(new Error(stderr.trim().split('\n')[0] || `${name} exited with ${code}`))
      else if (--pending === 0) done()
    }
    source.on('close', closed(from))
    sink.on('close', closed(to))
  })
}
