/** Waits `ms`, or less when `signal` aborts. Injected into the engine so tests can run on a fake clock. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

export const realSleep: Sleep = (ms, signal) =>
  new Promise((done) => {
    if (signal?.aborted) return done()
    const timer = setTimeout(finish, ms)
    function finish() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', finish)
      done()
    }
    signal?.addEventListener('abort', finish, { once: true })
  })

export interface RetryOptions {
  readonly sleep: Sleep
  /** 0..1; injected so tests are repeatable. */
  readonly random: () => number
  readonly signal?: AbortSignal
  /** Stop retrying once this clock time (ms) is reached. */
  readonly deadline?: number
  readonly now?: () => number
  /** Called before each wait, e.g. to log it. */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void
}

const BASE_DELAY_MS = 500
/** Throttling as each protocol names it: IAM's query protocol answers 400 Throttling, not 429. */
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
])
const MAX_DELAY_MS = 20_000

/**
 * How long to wait before retrying `error`, or undefined when it must not be retried. Throttling
 * (429) honours the service's Retry-After; 5xx, connection resets and time-outs back off
 * exponentially with full jitter. Client errors (400, 403, 404, …) are final.
 */
export function retryDelay(error: unknown, attempt: number, random: () => number): number | undefined {
  const e = error as {
    name?: string
    code?: string
    $metadata?: { httpStatusCode?: number }
    $retryable?: { throttling?: boolean }
    retryAfterSeconds?: number
  }
  const status = e.$metadata?.httpStatusCode
  const backoff = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt)
  const jittered = backoff / 2 + random() * (backoff / 2)
  if (status === 429 || THROTTLING.has(e.name ?? '') || e.$retryable?.throttling) {
    const after = typeof e.retryAfterSeconds === 'number' ? e.retryAfterSeconds * 1000 : 0
    return Math.max(after, jittered)
  }
  if ((status !== undefined && status >= 500) || isNetworkError(e)) return jittered
  return undefined
}

function isNetworkError(e: { name?: string; code?: string }): boolean {
  return (
    ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET'].includes(
      e.code ?? '',
    ) ||
    e.name === 'TimeoutError' ||
    e.name === 'RequestTimeout'
  )
}

/** What a polling engine runs on: an injected clock, sleep and randomness, a log, an abort signal. */
export interface PollingDeps {
  readonly now: () => number
  readonly sleep: Sleep
  readonly random: () => number
  readonly log: (message: string) => void
  /** Aborted on SIGTERM/SIGINT: the engine stops waiting and returns. */
  readonly signal?: AbortSignal
}

/** withRetry for an engine: each retry logged as `what: Name (message); retry N in M ms`. */
export function retryLogged<T>(
  call: () => Promise<T>,
  what: string,
  deps: PollingDeps,
  run: { readonly signal: AbortSignal; readonly deadline: number },
): Promise<T> {
  return withRetry(call, {
    sleep: deps.sleep,
    random: deps.random,
    signal: run.signal,
    deadline: run.deadline,
    now: deps.now,
    onRetry: (error, attempt, delay) =>
      deps.log(
        `${what}: ${(error as Error).name ?? 'error'} (${(error as Error).message}); retry ${attempt + 1} in ${Math.round(delay)} ms`,
      ),
  })
}

/** Runs `call` until it succeeds, a final error, the deadline or the abort signal. */
export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  const now = options.now ?? Date.now
  for (let attempt = 0; ; attempt++) {
    try {
      return await call()
    } catch (error) {
      const delay = retryDelay(error, attempt, options.random)
      const late = options.deadline !== undefined && now() + (delay ?? 0) >= options.deadline
      if (delay === undefined || late || options.signal?.aborted) throw error
      options.onRetry?.(error, attempt, delay)
      await options.sleep(delay, options.signal)
    }
  }
}

/** Runs `each` over `items`, at most `limit` at once; the results in the items' order. */
export async function eachLimited<T, R>(
  items: readonly T[],
  limit: number,
  each: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await each(items[i] as T)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
