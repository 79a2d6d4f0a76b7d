// An emulator of IAM's last-accessed API (moto has none): GenerateServiceLastAccessedDetails and
// GetServiceLastAccessedDetails in IAM's query protocol, as @aws-sdk/client-iam sends and reads it (a
// form-encoded POST to /, XML answers, <ErrorResponse> errors): a real HTTP server on 127.0.0.1.
//
// Per principal: the services its live policies allow, each with when it was last used and, for the
// services IAM tracks at action level, each tracked action's last use; how long the job takes. It
// checks the SigV4 signature's presence, the Granularity, and that a job is read by the identity that
// asked for it; it can throttle a share of requests. Every request is recorded.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface EmulatedService {
  /** The service prefix, e.g. `s3`. */
  readonly namespace: string
  /** How long ago (ms) the principal last used it; undefined: never in IAM's tracking period. */
  readonly lastUsedAgoMs?: number
  /** For a service IAM tracks at action level: each tracked action (`CreateBucket`) and how long ago it was used. */
  readonly trackedActions?: Readonly<Record<string, number | undefined>>
}

export interface LastAccessedPrincipal {
  readonly services: readonly EmulatedService[]
  /** Milliseconds from GenerateServiceLastAccessedDetails to a COMPLETED report; default 100. */
  readonly latencyMs?: number
  /** The job ends FAILED with this error code. */
  readonly fail?: string
}

export interface IamEmulatorOptions {
  readonly principals?: Readonly<Record<string, LastAccessedPrincipal>>
  /** Share of requests answered 400 Throttling (IAM's query-protocol throttle); default 0. */
  readonly throttleRate?: number
  /** Report pages: the most services one GetServiceLastAccessedDetails returns; default 100. */
  readonly pageSize?: number
  readonly seed?: number
}

export interface IamRequest {
  readonly at: number
  readonly action: string
  readonly params: Readonly<Record<string, string>>
  readonly accessKeyId: string | undefined
  readonly status: number
}

interface Job {
  readonly jobId: string
  readonly arn: string
  readonly createdAt: number
  readonly accessKeyId: string | undefined
}

const NAMES: Record<string, string> = {
  s3: 'Amazon S3',
  ec2: 'Amazon EC2',
  iam: 'AWS Identity and Access Management',
  lambda: 'AWS Lambda',
  dynamodb: 'Amazon DynamoDB',
  sqs: 'Amazon SQS',
  logs: 'Amazon CloudWatch Logs',
}

class QueryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export class IamLastAccessedEmulator {
  readonly requests: IamRequest[] = []
  readonly jobs = new Map<string, Job>()
  private seed: number

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: IamEmulatorOptions,
  ) {
    this.seed = options.seed ?? 1
  }

  static async start(options: IamEmulatorOptions = {}): Promise<IamLastAccessedEmulator> {
    let emulator: IamLastAccessedEmulator | undefined
    const server = createServer((req, res) => {
      void emulator?.handle(req, res)
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const { port } = server.address() as AddressInfo
    emulator = new IamLastAccessedEmulator(server, `http://127.0.0.1:${port}`, options)
    return emulator
  }

  close(): Promise<void> {
    return new Promise((done, fail) => {
      this.server.closeAllConnections()
      this.server.close((error) => (error ? fail(error) : done()))
    })
  }

  calls(action: string): IamRequest[] {
    return this.requests.filter((r) => r.action === action)
  }

  private random(): number {
    this.seed = (this.seed * 16807) % 2147483647
    return this.seed / 2147483647
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
    const action = params.Action ?? 'Unknown'
    const auth = req.headers.authorization ?? ''
    const accessKeyId = /Credential=([^/]+)\//.exec(auth)?.[1]
    let status = 200
    try {
      if (req.method !== 'POST' || params.Version !== '2010-05-08')
        throw new QueryError(
          400,
          'InvalidAction',
          `Could not find operation ${action} for version ${params.Version}`,
        )
      if (!auth.startsWith('AWS4-HMAC-SHA256 Credential=') || !req.headers['x-amz-date'])
        throw new QueryError(403, 'MissingAuthenticationToken', 'Missing Authentication Token')
      if (this.random() < (this.options.throttleRate ?? 0))
        throw new QueryError(400, 'Throttling', 'Rate exceeded')
      const result = this.dispatch(action, params, accessKeyId)
      send(
        res,
        200,
        `<${action}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
      )
    } catch (error) {
      const e = error instanceof QueryError ? error : new QueryError(500, 'ServiceFailure', String(error))
      status = e.status
      send(
        res,
        e.status,
        `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>${e.status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${e.code}</Code><Message>${xml(e.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      )
    } finally {
      this.requests.push({ at: Date.now(), action, params, accessKeyId, status })
    }
  }

  private dispatch(action: string, params: Record<string, string>, accessKeyId: string | undefined): string {
    switch (action) {
      case 'GenerateServiceLastAccessedDetails': {
        const arn = params.Arn ?? ''
        if (!/^arn:aws[\w-]*:iam::\d{12}:(role|user|group|policy)\/.+$/.test(arn))
          throw new QueryError(400, 'InvalidInput', `ARN ${arn} is not valid.`)
        if (
          params.Granularity !== undefined &&
          !['SERVICE_LEVEL', 'ACTION_LEVEL'].includes(params.Granularity)
        )
          throw new QueryError(400, 'ValidationError', `Granularity ${params.Granularity} is not valid`)
        if (!this.options.principals?.[arn])
          throw new QueryError(404, 'NoSuchEntity', `The entity ${arn} cannot be found.`)
        const job: Job = { jobId: randomUUID(), arn, createdAt: Date.now(), accessKeyId }
        this.jobs.set(job.jobId, job)
        return `<JobId>${job.jobId}</JobId>`
      }
      case 'GetServiceLastAccessedDetails':
        return this.details(params, accessKeyId)
      default:
        throw new QueryError(
          400,
          'InvalidAction',
          `Could not find operation ${action} for version 2010-05-08`,
        )
    }
  }

  private details(params: Record<string, string>, accessKeyId: string | undefined): string {
    const job = this.jobs.get(params.JobId ?? '')
    // IAM keeps a report for the identity that asked for it.
    if (!job || job.accessKeyId !== accessKeyId)
      throw new QueryError(404, 'NoSuchEntity', `The job ${params.JobId} cannot be found.`)
    const principal = this.options.principals?.[job.arn] as LastAccessedPrincipal
    const created = new Date(job.createdAt).toISOString()
    const done = job.createdAt + (principal.latencyMs ?? 100)
    const now = Date.now()
    if (now < done)
      return `<JobStatus>IN_PROGRESS</JobStatus><JobType>ACTION_LEVEL</JobType><JobCreationDate>${created}</JobCreationDate><ServicesLastAccessed/>`
    const completed = new Date(done).toISOString()
    if (principal.fail)
      return `<JobStatus>FAILED</JobStatus><JobType>ACTION_LEVEL</JobType><JobCreationDate>${created}</JobCreationDate><JobCompletionDate>${completed}</JobCompletionDate><ServicesLastAccessed/><Error><Code>${principal.fail}</Code><Message>The report could not be generated</Message></Error>`
    const page = this.options.pageSize ?? 100
    const from = Number(params.Marker ?? 0)
    const services = principal.services.slice(from, from + page)
    const truncated = from + page < principal.services.length
    const at = (ago: number | undefined) =>
      ago === undefined ? undefined : new Date(done - ago).toISOString()
    const members = services.map((s) => {
      const last = at(s.lastUsedAgoMs)
      const tracked = s.trackedActions
        ? `<TrackedActionsLastAccessed>${Object.entries(s.trackedActions)
            .map(([name, ago]) => {
              const time = at(ago)
              return `<member><ActionName>${name}</ActionName>${time ? `<LastAccessedTime>${time}</LastAccessedTime><LastAccessedRegion>us-east-1</LastAccessedRegion><LastAccessedEntity>${job.arn}</LastAccessedEntity>` : ''}</member>`
            })
            .join('')}</TrackedActionsLastAccessed>`
        : ''
      return `<member><ServiceName>${xml(NAMES[s.namespace] ?? s.namespace)}</ServiceName><ServiceNamespace>${s.namespace}</ServiceNamespace>${last ? `<LastAuthenticated>${last}</LastAuthenticated><LastAuthenticatedEntity>${job.arn}</LastAuthenticatedEntity><LastAuthenticatedRegion>us-east-1</LastAuthenticatedRegion>` : ''}<TotalAuthenticatedEntities>${last ? 1 : 0}</TotalAuthenticatedEntities>${tracked}</member>`
    })
    return `<JobStatus>COMPLETED</JobStatus><JobType>ACTION_LEVEL</JobType><JobCreationDate>${created}</JobCreationDate><ServicesLastAccessed>${members.join('')}</ServicesLastAccessed><JobCompletionDate>${completed}</JobCompletionDate><IsTruncated>${truncated}</IsTruncated>${truncated ? `<Marker>${from + page}</Marker>` : ''}`
  }
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': randomUUID(),
  })
  res.end(body)
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
