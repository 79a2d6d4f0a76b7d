// The sticky comment's choice of which comment is a config's, and of what to keep when runs race: over
// an in-memory comment list whose listing can be made to change between two calls, as another run's
// writes change it.
import { describe, expect, it } from 'vitest'
import {
  COMMENT_MARKER,
  type CommentApi,
  configLine,
  type ListedComment,
  upsertComment,
} from '../../src/github/sticky-comment.js'

const BOT = 'github-actions[bot]'
/** The head of a comment of the default config's runs. */
const OURS = `${COMMENT_MARKER}\n${configLine('.github/iam-policy-drift.yml')}`

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
      api.all.unshift({ id: 0, body: `${OURS}\nthe other run's`, author: BOT })
      void api.remove(ours)
    }
    expect(await upsertComment(api, 7, 'ours', 'auto', true)).toBe('updated')
    expect(api.all).toEqual([{ id: 0, body: `${OURS}\nours`, author: BOT }])
  })

  it('keeps its own when it is the oldest, and deletes the newer one the other run wrote', async () => {
    const api = new Comments()
    api.afterCreate = () => api.add(`${OURS}\nthe other run's`)
    expect(await upsertComment(api, 7, 'ours', 'always', false)).toBe('created')
    expect(api.all).toEqual([{ id: 1, body: `${OURS}\nours`, author: BOT }])
    expect(api.calls).toEqual(['list', 'create 1', 'list', 'remove 2'])
  })

  it('leaves an older comment of someone else that quotes the marker, and its own with it', async () => {
    const api = new Comments()
    api.afterCreate = () => api.all.unshift({ id: 0, body: `> ${OURS}`, author: 'octocat' })
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

describe('upsertComment with several configs', () => {
  const other = `${COMMENT_MARKER}\n${configLine('infra/cdk-drift.yml')}`

  it("edits its own config's comment, never another config's", async () => {
    const api = new Comments()
    api.add(`${other}\ncdk report`)
    api.add(`${OURS}\nold report`)
    expect(await upsertComment(api, 7, 'new report', 'auto', true)).toBe('updated')
    expect(api.all.map((c) => c.body)).toEqual([`${other}\ncdk report`, `${OURS}\nnew report`])
    // The same config written otherwise (./, a backslash) is the same config.
    expect(configLine('./.github/iam-policy-drift.yml')).toBe(configLine('.github\\iam-policy-drift.yml'))
  })

  it('takes the comment an earlier version wrote, with no config line, when its config has none yet', async () => {
    const api = new Comments()
    api.add(`${COMMENT_MARKER}\nreport of a version before config lines`)
    expect(await upsertComment(api, 7, 'cdk report', 'auto', true, 'infra/cdk-drift.yml')).toBe('updated')
    expect(api.all.map((c) => c.body)).toEqual([`${other}\ncdk report`])
    // The default config's run finds no comment of its own now, nor one without a config line: its own.
    expect(await upsertComment(api, 7, 'report', 'auto', true)).toBe('created')
    expect(api.all.map((c) => c.body)).toEqual([`${other}\ncdk report`, `${OURS}\nreport`])
  })

  it('names a config path too long for the room a comment keeps by its digest', () => {
    const line = configLine(`${'deep/'.repeat(200)}drift.yml`)
    expect(line).toMatch(/^<!-- iam-policy-drift:config sha256:[0-9a-f]{64} -->$/)
    expect(configLine('a -->b.yml')).toBe('<!-- iam-policy-drift:config a%20--%3Eb.yml -->')
  })
})
