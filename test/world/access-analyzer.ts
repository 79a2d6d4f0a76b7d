// An IAM Access Analyzer emulator for the four policy-generation operations, speaking the service's
// restJson1 protocol as @aws-sdk/client-accessanalyzer sends and reads it (paths, query parameters,
// bodies, error types and headers from the client's own model): a real HTTP server on 127.0.0.1.
//
//   PUT /policy/generation            StartPolicyGeneration
//   GET /policy/generation/{jobId}    GetGeneratedPolicy
//   GET /policy/generation            ListPolicyGenerations
//   PUT /policy/generation/{jobId}    CancelPolicyGeneration
//
// It checks that requests are SigV4-signed, validates inputs as the service does, enforces the
// account's concurrency quota, keeps clientToken idempotency, and can be told, per principal, how long a
// job takes, that it fails with a code, never finishes or has incomplete usage; and, for all requests, a
// share of 429s (with Retry-After) and 500s. Every request is recorded.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer'

export type JobStatus = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'CANCELED'
export type JobErrorCode =
  | 'AUTHORIZATION_ERROR'
  | 'RESOURCE_NOT_FOUND_ERROR'
  | 'SERVICE_QUOTA_EXCEEDED_ERROR'
  | 'SERVICE_ERROR'

export interface PrincipalBehaviour {
  /** Milliseconds from start to completion; default 200. */
  readonly latencyMs?: number
  /** The job ends FAILED with this code. */
  readonly fail?: JobErrorCode
  /** The job stays IN_PROGRESS until cancelled. */
  readonly neverFinish?: boolean
  /** `isComplete` of the result; default true. */
  readonly isComplete?: boolean
  /** The generated policy document; default: one statement with `sts:GetCallerIdentity`. */
  readonly policy?: object
}

export interface EmulatorOptions {
  /** Policy generations in progress at once per account; default 1, as the service's default quota. */
  readonly concurrencyQuota?: number
  /**
   * Generations an account may start in 24 hours (the service's default is 50); past it a job still
   * starts, and ends FAILED with SERVICE_QUOTA_EXCEEDED_ERROR. Default: no limit.
   */
  readonly dailyQuota?: number
  /**
   * What a start gets when the account's slots are taken: the service documents both 402
   * ServiceQuotaExceededException (the default here) and 409 ConflictException for it.
   */
  readonly slotTakenError?: 'ServiceQuotaExceededException' | 'ConflictException'
  /** Share of requests answered 429 ThrottlingException with Retry-After; default 0. */
  readonly throttleRate?: number
  readonly retryAfterSeconds?: number
  /** Share of requests answered 500 InternalServerException; default 0. */
  readonly errorRate?: number
  readonly principals?: Readonly<Record<string, PrincipalBehaviour>>
  /** Operations the caller's role may not call: answered 403 AccessDeniedException, as IAM denies them. */
  readonly deniedOperations?: readonly string[]
  /**
   * The order ListPolicyGenerations pages through generations; the service documents none. Default
   * newest first.
   */
  readonly listOrder?: 'newest-first' | 'oldest-first'
  /** Seed of the pseudo-random faults, so a failing test can be replayed. */
  readonly seed?: number
}

export interface RecordedRequest {
  readonly at: number
  readonly method: string
  readonly path: string
  readonly operation: string
  /** The access key id of the SigV4 signature. */
  readonly accessKeyId: string | undefined
  readonly status: number
  readonly body: unknown
}

export interface EmulatedJob {
  readonly jobId: string
  readonly principalArn: string
  readonly clientToken: string | undefined
  readonly startedOn: number
  readonly cloudTrailDetails: CloudTrailDetails
  canceledOn?: number
  /** Started past the account's daily quota: it fails. */
  overQuota?: boolean
}

interface Trail {
  readonly cloudTrailArn: string
  readonly regions?: string[]
  readonly allRegions?: boolean
}
interface CloudTrailDetails {
  readonly trails: Trail[]
  readonly accessRole: string
  readonly startTime: string
  readonly endTime?: string
}

const PRINCIPAL_ARN = /^arn:[^:]*:iam::\d{12}:(role|user)\/.{1,576}$/
const ROLE_ARN = /^arn:[^:]*:iam::\d{12}:role\/.{1,576}$/
const TRAIL_ARN = /^arn:[^:]*:cloudtrail:[^:]*:\d{12}:trail\/.{1,576}$/
const DAY_MS = 86_400_000

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

export class AccessAnalyzerEmulator {
  readonly requests: RecordedRequest[] = []
  readonly jobs = new Map<string, EmulatedJob>()
  /** Most jobs IN_PROGRESS at any one time, as seen at each request. */
  maxInProgress = 0
  private readonly random: () => number

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: EmulatorOptions,
  ) {
    this.random = mulberry32(options.seed ?? 1)
  }

  static async start(options: EmulatorOptions = {}): Promise<AccessAnalyzerEmulator> {
    let emulator: AccessAnalyzerEmulator | undefined
    const server = createServer((req, res) => {
      void emulator?.handle(req, res)
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const { port } = server.address() as AddressInfo
    emulator = new AccessAnalyzerEmulator(server, `http://127.0.0.1:${port}`, options)
    return emulator
  }

  close(): Promise<void> {
    return new Promise((done, fail) => {
      this.server.closeAllConnections()
      this.server.close((error) => (error ? fail(error) : done()))
    })
  }

  /** Adds a job as if an earlier run had started it `ageMs` ago (for reuse tests). */
  seedJob(principalArn: string, cloudTrailDetails: CloudTrailDetails, ageMs: number): EmulatedJob {
    const job: EmulatedJob = {
      jobId: randomUUID(),
      principalArn,
      clientToken: undefined,
      startedOn: Date.now() - ageMs,
      cloudTrailDetails,
    }
    this.jobs.set(job.jobId, job)
    return job
  }

  /** A real SDK client for this emulator, signing with fixed temporary-looking credentials, no SDK retries. */
  client(): AccessAnalyzerClient {
    return new AccessAnalyzerClient({
      region: 'us-east-1',
      endpoint: this.url,
      credentials: { accessKeyId: 'ASIATESTKEY', secretAccessKey: 'secret', sessionToken: 'token' },
      maxAttempts: 1,
    })
  }

  /** Requests of one operation, faults included. */
  calls(operation: string): RecordedRequest[] {
    return this.requests.filter((r) => r.operation === operation)
  }

  statusOf(job: EmulatedJob, now = Date.now()): JobStatus {
    if (job.canceledOn !== undefined) return 'CANCELED'
    const behaviour = this.behaviour(job)
    if (behaviour.neverFinish || now < job.startedOn + (behaviour.latencyMs ?? 200)) return 'IN_PROGRESS'
    return behaviour.fail ? 'FAILED' : 'SUCCEEDED'
  }

  /** Jobs in progress, in one account or in all. */
  inProgress(now = Date.now(), account?: string): number {
    let count = 0
    for (const job of this.jobs.values())
      if ((!account || accountOf(job.principalArn) === account) && this.statusOf(job, now) === 'IN_PROGRESS')
        count++
    return count
  }

  private behaviour(job: EmulatedJob): PrincipalBehaviour {
    const configured = this.options.principals?.[job.principalArn] ?? {}
    // Past the daily quota the service takes the job and fails it at once.
    return job.overQuota
      ? { ...configured, latencyMs: 50, fail: 'SERVICE_QUOTA_EXCEEDED_ERROR', neverFinish: false }
      : configured
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url)
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    let body: unknown = text
    let operation = 'Unknown'
    let status = 200
    let accessKeyId: string | undefined
    try {
      const auth = req.headers.authorization ?? ''
      accessKeyId = /Credential=([^/]+)\//.exec(auth)?.[1]
      operation = operationOf(req.method ?? '', url.pathname)
      body = text ? JSON.parse(text) : {}
      if (!auth.startsWith('AWS4-HMAC-SHA256 Credential=') || !req.headers['x-amz-date']) {
        throw new HttpError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token')
      }
      if (operation === 'Unknown')
        throw new HttpError(404, 'UnknownOperationException', `No route for ${req.method} ${url.pathname}`)
      if (this.options.deniedOperations?.includes(operation)) {
        throw new HttpError(
          403,
          'AccessDeniedException',
          `User: arn:aws:sts::111122223333:assumed-role/iam-policy-drift/session is not authorized to perform: access-analyzer:${operation}`,
        )
      }
      const roll = this.random()
      if (roll < (this.options.throttleRate ?? 0)) {
        const seconds = this.options.retryAfterSeconds ?? 1
        throw new HttpError(
          429,
          'ThrottlingException',
          'Rate exceeded',
          {},
          { 'retry-after': String(seconds) },
        )
      }
      if (roll < (this.options.throttleRate ?? 0) + (this.options.errorRate ?? 0)) {
        throw new HttpError(500, 'InternalServerException', 'Internal server error')
      }
      const result = this.dispatch(operation, url, body as Record<string, unknown>)
      this.maxInProgress = Math.max(this.maxInProgress, this.inProgress())
      send(res, 200, result)
    } catch (error) {
      if (error instanceof HttpError) {
        status = error.status
        res.setHeader('x-amzn-errortype', error.type)
        for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value)
        send(res, error.status, { message: error.message, ...error.extra })
      } else {
        status = 500
        res.setHeader('x-amzn-errortype', 'InternalServerException')
        send(res, 500, { message: `emulator: ${(error as Error).message}` })
      }
    } finally {
      this.requests.push({
        at: Date.now(),
        method: req.method ?? '',
        path: url.pathname + url.search,
        operation,
        accessKeyId,
        status,
        body,
      })
    }
  }

  private dispatch(operation: string, url: URL, body: Record<string, unknown>): unknown {
    const jobId = decodeURIComponent(url.pathname.split('/')[3] ?? '')
    switch (operation) {
      case 'StartPolicyGeneration':
        return this.start(body)
      case 'GetGeneratedPolicy':
        return this.get(jobId, url.searchParams)
      case 'ListPolicyGenerations':
        return this.list(url.searchParams)
      case 'CancelPolicyGeneration':
        return this.cancel(jobId)
      default:
        throw new HttpError(404, 'UnknownOperationException', operation)
    }
  }

  private start(body: Record<string, unknown>): unknown {
    const details = body.policyGenerationDetails as { principalArn?: unknown } | undefined
    const principalArn = details?.principalArn
    const fields: { name: string; message: string }[] = []
    if (typeof principalArn !== 'string' || !PRINCIPAL_ARN.test(principalArn)) {
      fields.push({
        name: 'policyGenerationDetails.principalArn',
        message: 'must be an IAM role or user ARN',
      })
    }
    const trail = body.cloudTrailDetails as Partial<CloudTrailDetails> | undefined
    if (trail) {
      if (!Array.isArray(trail.trails) || trail.trails.length === 0)
        fields.push({ name: 'cloudTrailDetails.trails', message: 'must not be empty' })
      for (const t of trail.trails ?? []) {
        if (typeof t.cloudTrailArn !== 'string' || !TRAIL_ARN.test(t.cloudTrailArn)) {
          fields.push({ name: 'cloudTrailDetails.trails.cloudTrailArn', message: 'must be a trail ARN' })
        }
      }
      if (typeof trail.accessRole !== 'string' || !ROLE_ARN.test(trail.accessRole)) {
        fields.push({ name: 'cloudTrailDetails.accessRole', message: 'must be a role ARN' })
      }
      const start = typeof trail.startTime === 'string' ? Date.parse(trail.startTime) : Number.NaN
      const end = typeof trail.endTime === 'string' ? Date.parse(trail.endTime) : Date.now()
      if (Number.isNaN(start)) fields.push({ name: 'cloudTrailDetails.startTime', message: 'is required' })
      else if (end <= start)
        fields.push({ name: 'cloudTrailDetails.endTime', message: 'must be after startTime' })
      else if (end - start > 90 * DAY_MS)
        fields.push({ name: 'cloudTrailDetails', message: 'the time range must be 90 days or less' })
    } else {
      fields.push({ name: 'cloudTrailDetails', message: 'is required for policy generation' })
    }
    if (fields.length > 0) {
      throw new HttpError(
        400,
        'ValidationException',
        `Invalid request: ${fields.map((f) => `${f.name} ${f.message}`).join('; ')}`,
        {
          reason: 'fieldValidationFailed',
          fieldList: fields,
        },
      )
    }
    const clientToken = typeof body.clientToken === 'string' ? body.clientToken : undefined
    if (clientToken) {
      for (const job of this.jobs.values()) if (job.clientToken === clientToken) return { jobId: job.jobId }
    }
    const account = accountOf(principalArn as string)
    if (this.inProgress(Date.now(), account) >= (this.options.concurrencyQuota ?? 1)) {
      const conflict = this.options.slotTakenError === 'ConflictException'
      throw new HttpError(
        conflict ? 409 : 402,
        conflict ? 'ConflictException' : 'ServiceQuotaExceededException',
        conflict
          ? 'A policy generation is already in progress'
          : 'The number of policy generations in progress exceeds the quota',
        {
          resourceId: principalArn,
          resourceType: 'PolicyGeneration',
        },
      )
    }
    const startedToday = [...this.jobs.values()].filter(
      (j) => accountOf(j.principalArn) === account && j.startedOn > Date.now() - DAY_MS,
    ).length
    const job: EmulatedJob = {
      jobId: randomUUID(),
      principalArn: principalArn as string,
      clientToken,
      startedOn: Date.now(),
      cloudTrailDetails: trail as CloudTrailDetails,
      ...(startedToday >= (this.options.dailyQuota ?? Number.POSITIVE_INFINITY) && { overQuota: true }),
    }
    this.jobs.set(job.jobId, job)
    return { jobId: job.jobId }
  }

  private get(jobId: string, query: URLSearchParams): unknown {
    const job = this.jobs.get(jobId)
    if (!job)
      throw new HttpError(404, 'ResourceNotFoundException', `Job ${jobId} not found`, {
        resourceId: jobId,
        resourceType: 'PolicyGeneration',
      })
    const now = Date.now()
    const status = this.statusOf(job, now)
    const behaviour = this.behaviour(job)
    const completedOn =
      status === 'IN_PROGRESS' ? undefined : (job.canceledOn ?? job.startedOn + (behaviour.latencyMs ?? 200))
    const jobDetails = {
      jobId,
      status,
      startedOn: new Date(job.startedOn).toISOString(),
      ...(completedOn !== undefined && { completedOn: new Date(completedOn).toISOString() }),
      ...(status === 'FAILED' && {
        jobError: { code: behaviour.fail, message: `Policy generation failed: ${behaviour.fail}` },
      }),
    }
    const trail = job.cloudTrailDetails
    const properties = {
      principalArn: job.principalArn,
      ...(status === 'SUCCEEDED' && {
        isComplete: behaviour.isComplete ?? true,
        cloudTrailProperties: {
          trailProperties: trail.trails.map((t) => ({
            cloudTrailArn: t.cloudTrailArn,
            ...(t.regions && { regions: t.regions }),
            allRegions: t.allRegions ?? false,
          })),
          startTime: trail.startTime,
          endTime: trail.endTime ?? new Date(job.startedOn).toISOString(),
        },
      }),
    }
    // includeResourcePlaceholders is recorded with the request; the configured policy is returned as is.
    void query
    const policy = behaviour.policy ?? {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }],
    }
    return {
      jobDetails,
      generatedPolicyResult: {
        properties,
        ...(status === 'SUCCEEDED' && {
          generatedPolicies: [{ policy: JSON.stringify(policy) }],
        }),
      },
    }
  }

  private list(query: URLSearchParams): unknown {
    const principalArn = query.get('principalArn')
    const max = Number(query.get('maxResults') ?? 100)
    const from = Number(query.get('nextToken') ?? 0)
    const now = Date.now()
    const all = [...this.jobs.values()]
      .filter((j) => !principalArn || j.principalArn === principalArn)
      .sort((a, b) => (b.startedOn - a.startedOn) * (this.options.listOrder === 'oldest-first' ? -1 : 1))
    const page = all.slice(from, from + max).map((job) => {
      const status = this.statusOf(job, now)
      const latency = this.behaviour(job).latencyMs ?? 200
      return {
        jobId: job.jobId,
        principalArn: job.principalArn,
        status,
        startedOn: new Date(job.startedOn).toISOString(),
        ...(status !== 'IN_PROGRESS' && {
          completedOn: new Date(job.canceledOn ?? job.startedOn + latency).toISOString(),
        }),
      }
    })
    return { policyGenerations: page, ...(from + max < all.length && { nextToken: String(from + max) }) }
  }

  private cancel(jobId: string): unknown {
    const job = this.jobs.get(jobId)
    if (!job)
      throw new HttpError(404, 'ResourceNotFoundException', `Job ${jobId} not found`, {
        resourceId: jobId,
        resourceType: 'PolicyGeneration',
      })
    if (this.statusOf(job) === 'IN_PROGRESS') job.canceledOn = Date.now()
    return {}
  }
}

function accountOf(arn: string): string {
  return arn.split(':')[4] ?? ''
}

function operationOf(method: string, path: string): string {
  if (path === '/policy/generation')
    return method === 'PUT' ? 'StartPolicyGeneration' : method === 'GET' ? 'ListPolicyGenerations' : 'Unknown'
  if (/^\/policy\/generation\/[^/]+$/.test(path)) {
    return method === 'GET' ? 'GetGeneratedPolicy' : method === 'PUT' ? 'CancelPolicyGeneration' : 'Unknown'
  }
  return 'Unknown'
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  })
  res.end(text)
}

/** A small seeded PRNG: the same seed gives the same faults. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
