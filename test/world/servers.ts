// Test servers the end-to-end tests start and stop themselves: STS from moto_server (Python moto, on
// PATH), and GitHub's OIDC token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL).
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer, type IncomingMessage } from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'

export interface Stoppable {
  readonly url: string
  close(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  await new Promise((done) => server.close(done))
  return port
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`)
    const open = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        done(true)
      })
      socket.once('error', () => done(false))
    })
    if (open) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`moto_server did not listen on ${port} within ${timeoutMs} ms`)
}

/** moto_server on a free port of 127.0.0.1: STS (AssumeRoleWithWebIdentity, with ASIA… keys) and IAM. */
export async function startMoto(): Promise<Stoppable> {
  const port = await freePort()
  // AWS managed policies in IAM, as in a real account (loaded on the first IAM call only).
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' },
  })
  await waitForPort(port, child, 30_000)
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGTERM')
      }),
  }
}

export interface OidcServer extends Stoppable {
  /** The environment a job with `id-token: write` gets. */
  readonly env: Record<string, string>
  readonly requests: { audience: string | null; authorization: string | undefined }[]
  /** The token it hands out. */
  readonly token: string
}

/** GitHub's OIDC token endpoint, as @actions/core's getIDToken calls it. */
export async function startOidc(): Promise<OidcServer> {
  const token = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify({ sub: 'repo:octo-org/infra:pull_request', aud: 'sts.amazonaws.com' })).toString('base64url')}.c2lnbmF0dXJl`
  const requests: OidcServer['requests'] = []
  const server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    requests.push({ audience: url.searchParams.get('audience'), authorization: req.headers.authorization })
    if (req.headers.authorization !== 'Bearer runtime-token') {
      res.writeHead(401).end()
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: token }))
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    token,
    requests,
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${url}/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runtime-token',
    },
    close: () =>
      new Promise((done, fail) => {
        server.closeAllConnections()
        server.close((error) => (error ? fail(error) : done()))
      }),
  }
}

/**
 * A CloudFormation client of moto_server acting in `account` and `region`: as a role assumed there, for
 * moto keeps an account per set of credentials. The caller destroys it.
 */
export async function motoCloudFormation(
  motoUrl: string,
  account: string,
  region = 'us-east-1',
): Promise<CloudFormationClient> {
  const sts = new STSClient({
    region: 'us-east-1',
    endpoint: motoUrl,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'moto' },
  })
  try {
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/deployer`, RoleSessionName: 'deploy' }),
    )
    return new CloudFormationClient({
      region,
      endpoint: motoUrl,
      credentials: {
        accessKeyId: Credentials?.AccessKeyId ?? '',
        secretAccessKey: Credentials?.SecretAccessKey ?? '',
        sessionToken: Credentials?.SessionToken ?? '',
      },
    })
  } finally {
    sts.destroy()
  }
}
