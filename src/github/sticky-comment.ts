import type { CommentMode } from '../config/inputs.js'

/** Hidden in the rendered comment; how a rerun finds the comment it wrote before. */
export const COMMENT_MARKER = '<!-- iam-policy-drift:sticky-comment -->'

/** The pull-request comment calls we make: the seam the tests drive with a GitHub API emulator. */
export interface CommentApi {
  /** Every comment of the pull request, all pages. */
  list(issueNumber: number): AsyncIterable<{ readonly id: number; readonly body: string }>
  create(issueNumber: number, body: string): Promise<number>
  update(commentId: number, body: string): Promise<void>
}

export type CommentOutcome = 'created' | 'updated' | 'skipped'

/**
 * Writes the report as the pull request's one sticky comment: found again by its marker (through every
 * page of comments) and edited in place, never duplicated. `auto` comments when there are findings and
 * edits an earlier comment when they are gone; `always` comments either way.
 */
export async function upsertComment(
  api: CommentApi,
  issueNumber: number,
  body: string,
  mode: Exclude<CommentMode, 'never'>,
  hasFindings: boolean,
): Promise<CommentOutcome> {
  let existing: number | undefined
  for await (const comment of api.list(issueNumber)) {
    if (comment.body.includes(COMMENT_MARKER)) {
      existing = comment.id
      break
    }
  }
  const text = `${COMMENT_MARKER}\n${body}`
  if (existing !== undefined) {
    await api.update(existing, text)
    return 'updated'
  }
  if (mode === 'auto' && !hasFindings) return 'skipped'
  await api.create(issueNumber, text)
  return 'created'
}

/** The CommentApi over Octokit (from @actions/github). */
export function octokitCommentApi(
  octokit: {
    paginate: {
      iterator: (
        route: unknown,
        params: Record<string, unknown>,
      ) => AsyncIterable<{ data: { id: number; body?: string | null }[] }>
    }
    rest: {
      issues: {
        listComments: unknown
        createComment: (p: Record<string, unknown>) => Promise<{ data: { id: number } }>
        updateComment: (p: Record<string, unknown>) => Promise<unknown>
      }
    }
  },
  owner: string,
  repo: string,
): CommentApi {
  return {
    async *list(issueNumber) {
      const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: issueNumber,
        per_page: 100,
      })
      for await (const page of pages) for (const c of page.data) yield { id: c.id, body: c.body ?? '' }
    },
    async create(issueNumber, body) {
      const { data } = await octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: issueNumber,
        body,
      })
      return data.id
    },
    async update(commentId, body) {
      await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body })
    },
  }
}
