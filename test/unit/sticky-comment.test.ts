// The sticky comment's choice of what to keep when runs race, over an in-memory comment list whose
// listing can be made to change between two calls, as another run's writes change it.
import { describe, expect, it } from 'vitest'
import {
  COMMENT_MARKER,
  type CommentApi,
  type ListedComment,
  upsertComment,
} from '../../src/github/sticky-comment.js'

const BOT = 'github-actions[bot]'

class Comments implements CommentApi {
  readonly all: ListedComment[] = []
  readonly calls: string[] = []
  /** Runs once, after our next create: what another run does meanwhile. */
  afterCreate?: (created: number) => void
  private next = 1

  add(body: string, author = BOT): number {
    const id = this.next++
    this.all.push({ id, body, author })
    return id
  }
  async *list() {
    this.calls.push('list')
    yield* [...this.all]
  }
  async create(_issue: number, body: string) {
    const id = this.add(body)
    this.calls.push(`create ${id}`)
    this.afterCreate?.(id)
    return id
  }
  async update(id: number, body: string) {
    this.calls.push(`update ${id}`)
    const at = this.all.findIndex((c) => c.id === id)
    if (at >= 0) this.all[at] = { ...(this.all[at] as ListedComment), body }
  }
  async remove(id: number) {
    this.calls.push(`remove ${id}`)
    const at = this.all.findIndex((c) => c.id === id)
    if (at >= 0) this.all.splice(at, 1)
  }
}

describe('upsertComment when runs race', () => {
  it('writes into the older comment when the other run has already deleted ours as its duplicate', async () => {
    const api = new Comments()
    api.afterCreate = (ours) => {
      api.all.unshift({ id: 0, body: `${COMMENT_MARKER}\nthe other run's`, author: BOT })
      void api.remove(ours)
    }
    expect(await upsertComment(api, 7, 'ours', 'auto', true)).toBe('updated')
    expect(api.all).toEqual([{ id: 0, body: `${COMMENT_MARKER}\nours`, author: BOT }])
  })

  it('keeps its own when it is the oldest, and deletes the newer one the other run wrote', async () => {
    const api = new Comments()
    api.afterCreate = () => api.add(`${COMMENT_MARKER}\nthe other run's`)
    expect(await upsertComment(api, 7, 'ours', 'always', false)).toBe('created')
    expect(api.all).toEqual([{ id: 1, body: `${COMMENT_MARKER}\nours`, author: BOT }])
    expect(api.calls).toEqual(['list', 'create 1', 'list', 'remove 2'])
  })

  it('leaves an older comment of someone else that quotes the marker, and its own with it', async () => {
    const api = new Comments()
    api.afterCreate = () => api.all.unshift({ id: 0, body: `> ${COMMENT_MARKER}`, author: 'octocat' })
    expect(await upsertComment(api, 7, 'ours', 'always', true)).toBe('created')
    expect(api.all.map((c) => c.id)).toEqual([0, 1])
    expect(api.calls).toEqual(['list', 'create 1', 'list'])
  })

  it('makes no write when auto finds nothing to say and no comment to mend', async () => {
    const api = new Comments()
    expect(await upsertComment(api, 7, 'ours', 'auto', false)).toBe('skipped')
    expect(api.calls).toEqual(['list'])
  })
})
