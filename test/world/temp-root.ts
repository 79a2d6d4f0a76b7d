import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Vitest's global setup: every temporary directory of a test run — the tests' workspaces, the copies
 * of dist/, the runner directories of the spawned action and what git or the action write there — is
 * made under one directory of this run, removed when the run ends. `os.tmpdir()` reads TMPDIR, and
 * the test workers and the processes they spawn inherit it.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'ipd-test-run-'))
  process.env.TMPDIR = root
  return async () => {
    await rm(root, { recursive: true, force: true, maxRetries: 3 })
  }
}
