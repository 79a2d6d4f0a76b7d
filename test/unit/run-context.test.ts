import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readRunContext, untrustedConfig } from '../../src/github/context.js'
import { readCheckedOutCommit } from '../../src/github/git-head.js'
import { commitFiles, git } from '../world/git.js'

const temp = () => mkdtemp(join(tmpdir(), 'ipd-git-'))

describe('readCheckedOutCommit', () => {
  it('reads a branch from its loose ref, then from packed-refs, as git rev-parse does', async () => {
    const dir = await temp()
    const sha = await commitFiles(dir, { 'iam/a.json': '{}' })
    expect(readCheckedOutCommit(dir, 'iam/a.json')).toBe(sha)
    git(dir, 'pack-refs', '--all')
    expect(readCheckedOutCommit(dir, '.')).toBe(sha)
  })

  it('reads a detached HEAD and a worktree (a .git file), and finds the nearest checkout', async () => {
    const dir = await temp()
    const first = await commitFiles(dir, { 'a.txt': '1' })
    await writeFile(join(dir, 'a.txt'), '2')
    git(dir, 'commit', '--quiet', '-am', 'second')
    git(dir, 'checkout', '--quiet', '--detach', first)
    expect(readCheckedOutCommit(dir, '.')).toBe(first)

    const nested = join(dir, 'base')
    git(dir, 'worktree', 'add', '--quiet', nested, 'main')
    expect(readCheckedOutCommit(dir, 'base/a.txt')).toBe(git(dir, 'rev-parse', 'main'))
    expect(readCheckedOutCommit(dir, 'a.txt')).toBe(first)
  })

  it('is undefined outside a checkout and never looks above the workspace', async () => {
    const repo = await temp()
    await commitFiles(repo, {})
    const plain = join(repo, 'plain')
    git(repo, 'init', '--quiet', plain)
    expect(readCheckedOutCommit(plain, '.')).toBeUndefined() // a repository with no commit yet
    const outside = await temp()
    expect(readCheckedOutCommit(outside, '.')).toBeUndefined()
  })
})

describe('readRunContext and untrustedConfig', () => {
  const BASE = 'b'.repeat(40)
  async function context(eventName: string, fork: boolean, workspace: string) {
    const eventPath = join(workspace, '..', `${eventName}-event.json`)
    await writeFile(
      eventPath,
      JSON.stringify({
        pull_request: {
          number: 7,
          head: { sha: 'h'.repeat(40), repo: { full_name: fork ? 'someone/infra' : 'octo/infra', fork } },
          base: { sha: BASE, repo: { full_name: 'octo/infra' } },
        },
      }),
    )
    const env = {
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'octo/infra',
      GITHUB_SHA: BASE,
    }
    return { env, context: readRunContext(env, workspace) }
  }

  it('gives a fork read-only tokens on pull_request, not on pull_request_target', async () => {
    const dir = join(await temp(), 'ws')
    const onPr = await context('pull_request', true, dir)
    expect(onPr.context).toMatchObject({ fromFork: true, readOnlyToken: true, sha: 'h'.repeat(40) })
    const onTarget = await context('pull_request_target', true, dir)
    expect(onTarget.context).toMatchObject({ fromFork: true, readOnlyToken: false, sha: BASE })
  })

  it("trusts a fork's pull_request_target run only with the config at a base commit", async () => {
    const dir = join(await temp(), 'ws')
    const head = await commitFiles(dir, { '.github/iam-policy-drift.yml': 'principals: []\n' })
    const forked = await context('pull_request_target', true, dir)
    // The workspace holds the pull request's code: its config must not choose what AWS reads.
    const reason = untrustedConfig(forked.context, forked.env, dir, '.github/iam-policy-drift.yml')
    expect(reason).toContain(`is at ${head.slice(0, 12)}, not at a commit of the base branch`)
    expect(forked.context.sha).toBe(head) // links point at what was read
    // The config checked out from the base branch is trusted.
    const atBase = { ...forked.env, GITHUB_SHA: head }
    expect(untrustedConfig(forked.context, atBase, dir, '.github/iam-policy-drift.yml')).toBeUndefined()
    // Not a fork, or not pull_request_target: the author could run a workflow anyway.
    const own = await context('pull_request_target', false, dir)
    expect(untrustedConfig(own.context, own.env, dir, '.github/iam-policy-drift.yml')).toBeUndefined()
    const pr = await context('pull_request', true, dir)
    expect(untrustedConfig(pr.context, pr.env, dir, '.github/iam-policy-drift.yml')).toBeUndefined()
  })

  it('judges a linked config by the file it leads to', async () => {
    const dir = join(await temp(), 'ws')
    await commitFiles(dir, { 'iam/config.yml': 'principals: []\n' }) // the pull request's files
    const base = await commitFiles(join(dir, '.base'), {})
    await mkdir(join(dir, '.base', '.github'), { recursive: true })
    await symlink('../../iam/config.yml', join(dir, '.base', '.github', 'iam-policy-drift.yml'))
    const forked = await context('pull_request_target', true, dir)
    const env = { ...forked.env, GITHUB_SHA: base }
    expect(untrustedConfig(forked.context, env, dir, '.base/.github/iam-policy-drift.yml')).toContain(
      'not at a commit of the base branch',
    )
  })
})
