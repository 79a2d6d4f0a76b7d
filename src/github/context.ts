import { readFileSync } from 'node:fs'

/** What the reports need from the workflow run, read from the runner's environment and event payload. */
export interface RunContext {
  readonly eventName: string
  /** `owner/name`. */
  readonly repository: string | undefined
  readonly serverUrl: string
  /** The commit whose files were checked: the PR head on pull requests, else GITHUB_SHA. */
  readonly sha: string | undefined
  readonly pullRequest: { readonly number: number; readonly headSha: string } | undefined
  /** A pull request whose head is another repository: GitHub gives it no OIDC token and a read-only token. */
  readonly fromFork: boolean
}

/** Reads the run context; a missing or unreadable event payload is an empty one, as on a local run. */
export function readRunContext(env: NodeJS.ProcessEnv): RunContext {
  let payload: {
    pull_request?: {
      number?: unknown
      head?: { sha?: unknown; repo?: { full_name?: unknown; fork?: unknown } | null }
      base?: { repo?: { full_name?: unknown } }
    }
  } = {}
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'))
    } catch {
      payload = {}
    }
  }
  const pr = payload.pull_request
  const pullRequest =
    typeof pr?.number === 'number' && typeof pr.head?.sha === 'string'
      ? { number: pr.number, headSha: pr.head.sha }
      : undefined
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    repository: env.GITHUB_REPOSITORY || undefined,
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    sha: pullRequest?.headSha ?? (env.GITHUB_SHA || undefined),
    pullRequest,
    fromFork:
      pr !== undefined &&
      (pr.head?.repo?.fork === true ||
        (typeof pr.head?.repo?.full_name === 'string' &&
          pr.head.repo.full_name !== pr.base?.repo?.full_name)),
  }
}

/** `https://github.com/o/r/blob/<sha>`, where the checked files can be read, when known. */
export function blobBase(context: RunContext): string | undefined {
  return context.repository && context.sha
    ? `${context.serverUrl}/${context.repository}/blob/${context.sha}`
    : undefined
}
