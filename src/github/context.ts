import { readFileSync, realpathSync } from 'node:fs'
import { join, relative } from 'node:path'
import { readCheckedOutCommit } from './git-head.js'

/** What the reports need from the workflow run, read from the runner's environment and event payload. */
export interface RunContext {
  readonly eventName: string
  /** `owner/name`. */
  readonly repository: string | undefined
  readonly serverUrl: string
  /** The branch or tag the run is for (GITHUB_REF_NAME), e.g. `main` on a schedule. */
  readonly ref: string | undefined
  /**
   * The commit whose files were checked: the pull request's head on pull request events (GitHub checks
   * out its merge with the base); on `pull_request_target` and every other event, the commit checked
   * out in the workspace (GITHUB_SHA when it cannot be read).
   */
  readonly sha: string | undefined
  readonly pullRequest:
    | { readonly number: number; readonly headSha: string; readonly baseSha: string | undefined }
    | undefined
  /**
   * On `merge_group` (a merge queue's run of the required checks): the commit of the group, which holds
   * the changes of its pull requests, and the target branch's commit it was made on.
   */
  readonly mergeGroup: { readonly headSha: string; readonly baseSha: string } | undefined
  /** A pull request whose head is another repository. */
  readonly fromFork: boolean
  /**
   * GitHub gives the run a read-only GITHUB_TOKEN and no OIDC token: a fork's pull request on any event
   * but `pull_request_target`, which runs in the base repository's context.
   */
  readonly readOnlyToken: boolean
}

/**
 * Reads the run context; a missing or unreadable event payload is an empty one, as on a local run.
 * `workspaceRoot` is where the checked-out commit is read from.
 */
export function readRunContext(env: NodeJS.ProcessEnv, workspaceRoot: string): RunContext {
  let payload: {
    pull_request?: {
      number?: unknown
      head?: { sha?: unknown; repo?: { full_name?: unknown; fork?: unknown } | null }
      base?: { sha?: unknown; repo?: { full_name?: unknown } }
    }
    merge_group?: { head_sha?: unknown; base_sha?: unknown }
  } = {}
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) ?? {}
    } catch {
      payload = {}
    }
  }
  const eventName = env.GITHUB_EVENT_NAME ?? ''
  const pr = payload.pull_request ?? undefined
  const pullRequest =
    typeof pr?.number === 'number' && typeof pr.head?.sha === 'string'
      ? {
          number: pr.number,
          headSha: pr.head.sha,
          baseSha: typeof pr.base?.sha === 'string' ? pr.base.sha : undefined,
        }
      : undefined
  const fromFork =
    pr !== undefined &&
    (pr.head?.repo?.fork === true ||
      (typeof pr.head?.repo?.full_name === 'string' && pr.head.repo.full_name !== pr.base?.repo?.full_name))
  const group = payload.merge_group ?? undefined
  const mergeGroup =
    typeof group?.head_sha === 'string' && typeof group.base_sha === 'string'
      ? { headSha: group.head_sha, baseSha: group.base_sha }
      : undefined
  const checkedOut = () => readCheckedOutCommit(workspaceRoot, '.') ?? (env.GITHUB_SHA || undefined)
  return {
    eventName,
    repository: env.GITHUB_REPOSITORY || undefined,
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    ref: env.GITHUB_REF_NAME || env.GITHUB_REF || undefined,
    sha: pullRequest && eventName !== 'pull_request_target' ? pullRequest.headSha : checkedOut(),
    pullRequest,
    mergeGroup,
    fromFork,
    readOnlyToken: fromFork && eventName !== 'pull_request_target',
  }
}

/**
 * What to say when a `pull_request_target` run checks the base branch's files: actions/checkout's default
 * there is the base branch's commit the run is for (GITHUB_SHA), not the pull request, whose changes are
 * then in no file read, and everything is `existing`. Undefined when the checkout is another commit (the
 * pull request's head or merge, as the README's workflow checks out), or cannot be read.
 */
export function baseBranchCheckout(
  context: RunContext,
  env: NodeJS.ProcessEnv,
  workspaceRoot: string,
): string | undefined {
  const { pullRequest } = context
  if (context.eventName !== 'pull_request_target' || !pullRequest || !env.GITHUB_SHA) return undefined
  const at = readCheckedOutCommit(workspaceRoot, '.')
  if (at !== env.GITHUB_SHA || at === pullRequest.headSha) return undefined
  return (
    `This pull_request_target run checks the base branch's files (the checkout is at ${at.slice(0, 12)}, the commit ` +
    `the run is for), not pull request #${pullRequest.number}'s (${pullRequest.headSha.slice(0, 12)}): its changes are not checked. ` +
    "Check out its head as data, with the base branch's config (see the README, pull_request_target)."
  )
}

/** `https://github.com/o/r/blob/<sha>`, where the checked files can be read, when known. */
export function blobBase(context: RunContext): string | undefined {
  return context.repository && context.sha
    ? `${context.serverUrl}/${context.repository}/blob/${context.sha}`
    : undefined
}

/**
 * Why the config must not steer AWS calls in this run, or undefined when it may.
 *
 * `pull_request_target` runs with the base repository's OIDC token and a writable GITHUB_TOKEN even for
 * a fork's pull request. The action reads only the workspace, which holds the base branch unless the
 * workflow checked out the pull request; if it did, the fork's author wrote the config, and the config
 * names the principals whose usage the workflow's role reads and the comment shows. So for a fork, the
 * config must be at a commit of the base branch (GITHUB_SHA or the pull request's base); policy files,
 * which are only read as data, may come from the pull request.
 */
export function untrustedConfig(
  context: RunContext,
  env: NodeJS.ProcessEnv,
  workspaceRoot: string,
  configPath: string,
): string | undefined {
  if (context.eventName !== 'pull_request_target' || !context.fromFork) return undefined
  const trusted = new Set([env.GITHUB_SHA, context.pullRequest?.baseSha].filter(Boolean))
  // The file itself, not a link to it: a base-branch link into the pull request's files is theirs.
  let real = configPath
  try {
    real = relative(realpathSync.native(workspaceRoot), realpathSync.native(join(workspaceRoot, configPath)))
  } catch {
    // Unreadable: judged by where it was looked for (loading it would have failed first).
  }
  const at = readCheckedOutCommit(workspaceRoot, real)
  if (at && trusted.has(at)) return undefined
  return (
    `this pull_request_target run is for a pull request from a fork, and ${configPath} is ` +
    `${at ? `at ${at.slice(0, 12)}` : 'not in a git checkout'}, not at a commit of the base branch` +
    `${env.GITHUB_SHA ? ` (${env.GITHUB_SHA.slice(0, 12)})` : ''}: a config from the pull request could choose ` +
    "whose usage your AWS role reads. Check out the base branch's config (see the README, pull_request_target)."
  )
}
