// The part of GitHub's REST API the action uses, as Octokit calls it: list (paginated with Link
// headers), create, update and delete issue comments, each with its author as GitHub gives it; and a repository's tarball at a ref (a 302 to codeload,
// as GitHub answers), for a pull request's base revision. A real HTTP server on 127.0.0.1; tokens it is told
// are read-only get 403 "Resource not accessible by integration" on writes, as a fork's GITHUB_TOKEN does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface IssueComment {
  id: number
  body: string
  issue: number
  /** Who wrote it: the token's login (see `logins`), `github-actions[bot]` for any other token. */
  user: { login: string }
}

/** The login of a workflow's GITHUB_TOKEN, as GitHub names the author of what it writes. */
const ACTIONS_BOT = 'github-actions[bot]'

export class GitHubApiEmulator {
  readonly comments: IssueComment[] = []
  readonly requests: { method: string; path: string; authorization: string | undefined }[] = []
  readonly readOnlyTokens = new Set<string>()
  /** Whose each token is, where not the workflow's own (`github-actions[bot]`). */
  readonly logins = new Map<string, string>()
  /** Gzipped tarballs of the repository by ref, each with one top directory as GitHub's have. */
  readonly tarballs = new Map<string, Buffer>()
  private nextId = 1000
  /** Listings held back until this many have been asked for: runs that list at the same moment. */
  private heldLists: { until: number; waiting: (() => void)[] } | undefined

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<GitHubApiEmulator> {
    let api: GitHubApiEmulator | undefined
    const server = createServer((req, res) => {
      void api?.handle(req, res)
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const { port } = server.address() as AddressInfo
    api = new GitHubApiEmulator(server, `http://127.0.0.1:${port}`)
    return api
  }

  close(): Promise<void> {
    return new Promise((done, fail) => {
      this.server.closeAllConnections()
      this.server.close((error) => (error ? fail(error) : done()))
    })
  }

  /** Adds comments written by others, e.g. to push ours past the first page. */
  seed(issue: number, count: number, body = (i: number) => `comment ${i}`, login = 'octocat'): void {
    for (let i = 0; i < count; i++)
      this.comments.push({ id: this.nextId++, body: body(i), issue, user: { login } })
  }

  /**
   * Answers no listing of comments until `runs` have asked for one, then all of them at once: runs of
   * the same pull request that look for their comment at the same moment, and all find none.
   */
  holdListsUntil(runs: number): void {
    this.heldLists = { until: runs, waiting: [] }
  }

  commentsOn(issue: number): IssueComment[] {
    return this.comments.filter((c) => c.issue === issue)
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url)
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {}
    const authorization = req.headers.authorization
    this.requests.push({ method: req.method ?? '', path: url.pathname + url.search, authorization })
    const token = authorization?.replace(/^(token|Bearer) /, '') ?? ''
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(data))
    }
    const codeload = /^\/codeload\/[^/]+\/[^/]+\/legacy\.tar\.gz\/([^/]+)$/.exec(url.pathname)
    if (codeload && req.method === 'GET') {
      const tarball = this.tarballs.get(codeload[1] as string)
      if (!tarball) return send(404, { message: 'Not Found' })
      res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(tarball)
      return
    }
    if (!token) return send(401, { message: 'Requires authentication' })
    const tarball = /^\/repos\/([^/]+)\/([^/]+)\/tarball\/([^/]+)$/.exec(url.pathname)
    if (tarball && req.method === 'GET') {
      const [, owner, repo, ref] = tarball
      if (!this.tarballs.has(ref as string)) return send(404, { message: 'Not Found' })
      res.writeHead(302, { location: `${this.url}/codeload/${owner}/${repo}/legacy.tar.gz/${ref}` }).end()
      return
    }
    const list = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname)
    const one = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname)
    if (req.method !== 'GET' && this.readOnlyTokens.has(token)) {
      return send(403, { message: 'Resource not accessible by integration', status: '403' })
    }
    if (list && req.method === 'GET') {
      const held = this.heldLists
      if (held) {
        await new Promise<void>((answer) => {
          held.waiting.push(answer)
          if (held.waiting.length < held.until) return
          this.heldLists = undefined
          for (const waiting of held.waiting) waiting()
        })
      }
      const perPage = Number(url.searchParams.get('per_page') ?? 30)
      const page = Number(url.searchParams.get('page') ?? 1)
      const all = this.commentsOn(Number(list[1]))
      const slice = all.slice((page - 1) * perPage, page * perPage)
      const headers: Record<string, string> = {}
      if (page * perPage < all.length) {
        const next = new URL(url)
        next.searchParams.set('page', String(page + 1))
        headers.link = `<${next.toString()}>; rel="next"`
      }
      return send(200, slice, headers)
    }
    if (list && req.method === 'POST') {
      const user = { login: this.logins.get(token) ?? ACTIONS_BOT }
      const comment = { id: this.nextId++, body: String(body.body), issue: Number(list[1]), user }
      this.comments.push(comment)
      return send(201, comment)
    }
    if (one && req.method === 'PATCH') {
      const comment = this.comments.find((c) => c.id === Number(one[1]))
      if (!comment) return send(404, { message: 'Not Found' })
      comment.body = String(body.body)
      return send(200, comment)
    }
    if (one && req.method === 'DELETE') {
      const at = this.comments.findIndex((c) => c.id === Number(one[1]))
      if (at < 0) return send(404, { message: 'Not Found' })
      this.comments.splice(at, 1)
      res.writeHead(204).end()
      return
    }
    return send(404, { message: 'Not Found' })
  }
}
