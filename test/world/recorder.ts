// An HTTP server on 127.0.0.1 that records every request and answers 500: pointed at by the OIDC,
// AWS and GitHub endpoints of a run that must not make any network call.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Recorder {
  readonly url: string
  readonly requests: { method: string; url: string }[]
  close(): Promise<void>
}

export async function startRecorder(): Promise<Recorder> {
  const requests: { method: string; url: string }[] = []
  const server = createServer((req: IncomingMessage, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '' })
    req.resume()
    res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"recorder: no call expected"}')
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections()
        server.close((error) => (error ? fail(error) : done()))
      }),
  }
}
