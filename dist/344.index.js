export const id = 344;
export const ids = [344,963];
export const modules = {

/***/ 8344:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  collectUsage: () => (/* binding */ collectUsage)
});

// UNUSED EXPORTS: clientToken, toUsage

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/vocabulary/accounts.ts
var accounts = __webpack_require__(7146);
// EXTERNAL MODULE: ./src/vocabulary/time.ts
var time = __webpack_require__(2735);
// EXTERNAL MODULE: ./src/vocabulary/usage.ts
var usage = __webpack_require__(4415);
// EXTERNAL MODULE: ./src/aws/account-sessions.ts
var account_sessions = __webpack_require__(9598);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-accessanalyzer/dist-cjs/index.js
var dist_cjs = __webpack_require__(1645);
;// CONCATENATED MODULE: ./src/aws/generation-api.ts

/** A client for Access Analyzer: the engine does its own retries, so the SDK makes one attempt. */
function generation_api_accessAnalyzerClient(region, credentials) {
    return new dist_cjs/* AccessAnalyzerClient */.eXW({ region, maxAttempts: 1, ...(credentials && { credentials }) });
}
/** The API over the AWS SDK's Access Analyzer client. */
function generation_api_sdkGenerationApi(client) {
    return {
        async start(input) {
            const { jobId } = await client.send(new dist_cjs/* StartPolicyGenerationCommand */.YPx({
                policyGenerationDetails: { principalArn: input.principalArn },
                cloudTrailDetails: {
                    trails: input.trails.map((t) => ({
                        cloudTrailArn: t.arn,
                        allRegions: t.allRegions,
                        ...(t.allRegions ? {} : { regions: [...t.regions] }),
                    })),
                    accessRole: input.accessRoleArn,
                    startTime: input.startTime,
                    endTime: input.endTime,
                },
                clientToken: input.clientToken,
            }));
            if (!jobId)
                throw new Error('StartPolicyGeneration returned no jobId');
            return jobId;
        },
        async get(jobId, includeServiceLevelTemplate) {
            const out = await client.send(
            // Placeholders (arn:aws:s3:::${BucketName}) tell which resource types were used.
            new dist_cjs/* GetGeneratedPolicyCommand */.vO6({
                jobId,
                includeResourcePlaceholders: true,
                includeServiceLevelTemplate,
            }));
            const details = out.jobDetails;
            const properties = out.generatedPolicyResult?.properties;
            const cloudTrail = properties?.cloudTrailProperties;
            return {
                jobId,
                status: (details?.status ?? 'IN_PROGRESS'),
                startedOn: details?.startedOn?.getTime() ?? 0,
                completedOn: details?.completedOn?.getTime(),
                error: details?.jobError
                    ? { code: details.jobError.code ?? 'UNKNOWN', message: details.jobError.message ?? '' }
                    : undefined,
                isComplete: properties?.isComplete,
                policies: (out.generatedPolicyResult?.generatedPolicies ?? [])
                    .map((p) => p.policy ?? '')
                    .filter(Boolean),
                trails: cloudTrail?.trailProperties?.map((t) => ({
                    arn: t.cloudTrailArn ?? '',
                    allRegions: t.allRegions ?? false,
                    regions: t.regions ?? [],
                })),
                window: cloudTrail?.startTime && cloudTrail.endTime
                    ? { start: cloudTrail.startTime.toISOString(), end: cloudTrail.endTime.toISOString() }
                    : undefined,
            };
        },
        async list(principalArn) {
            const jobs = [];
            for await (const page of listed(client, principalArn))
                jobs.push(...page);
            return jobs;
        },
        async listRecent(wanted) {
            const jobs = [];
            const missing = new Set(wanted);
            let pages = 0;
            for await (const page of listed(client)) {
                pages++;
                for (const job of page)
                    missing.delete(job.jobId);
                jobs.push(...page);
                if (missing.size === 0)
                    break;
            }
            return { jobs, pages };
        },
        async cancel(jobId) {
            await client.send(new dist_cjs/* CancelPolicyGenerationCommand */.e4j({ jobId }));
        },
    };
}
/** ListPolicyGenerations page by page (the SDK's paginator): the principal's generations, or with none the account's. */
async function* listed(client, principalArn) {
    for await (const page of (0,dist_cjs/* paginateListPolicyGenerations */.HJT)({ client }, { principalArn, maxResults: 100 }))
        yield (page.policyGenerations ?? []).flatMap((g) => g.jobId
            ? [
                {
                    jobId: g.jobId,
                    status: (g.status ?? 'IN_PROGRESS'),
                    startedOn: g.startedOn?.getTime(),
                    completedOn: g.completedOn?.getTime(),
                },
            ]
            : []);
}

// EXTERNAL MODULE: ./src/aws/credentials.ts
var credentials = __webpack_require__(6963);
;// CONCATENATED MODULE: ./src/aws/retry.ts
const retry_realSleep = (ms, signal) => new Promise((done) => {
    if (signal?.aborted)
        return done();
    const timer = setTimeout(finish, ms);
    function finish() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', finish);
        done();
    }
    signal?.addEventListener('abort', finish, { once: true });
});
const BASE_DELAY_MS = 500;
/** Throttling as each protocol names it: IAM's query protocol answers 400 Throttling, not 429. */
const THROTTLING = new Set([
    'ThrottlingException',
    'Throttling',
    'TooManyRequestsException',
    'RequestLimitExceeded',
]);
const MAX_DELAY_MS = 20_000;
/**
 * How long to wait before retrying `error`, or undefined when it must not be retried. Throttling
 * (429) honours the service's Retry-After; 5xx, connection resets and time-outs back off
 * exponentially with full jitter. Client errors (400, 403, 404, …) are final.
 */
function retryDelay(error, attempt, random) {
    const e = error;
    const status = e.$metadata?.httpStatusCode;
    const backoff = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
    const jittered = backoff / 2 + random() * (backoff / 2);
    if (status === 429 || THROTTLING.has(e.name ?? '') || e.$retryable?.throttling) {
        const after = typeof e.retryAfterSeconds === 'number' ? e.retryAfterSeconds * 1000 : 0;
        return Math.max(after, jittered);
    }
    if ((status !== undefined && status >= 500) || isNetworkError(e))
        return jittered;
    return undefined;
}
function isNetworkError(e) {
    return (['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET'].includes(e.code ?? '') ||
        e.name === 'TimeoutError' ||
        e.name === 'RequestTimeout');
}
/** withRetry for an engine: each retry logged as `what: Name (message); retry N in M ms`. */
function retryLogged(call, what, deps, run) {
    return withRetry(call, {
        sleep: deps.sleep,
        random: deps.random,
        signal: run.signal,
        deadline: run.deadline,
        now: deps.now,
        onRetry: (error, attempt, delay) => deps.log(`${what}: ${error.name ?? 'error'} (${error.message}); retry ${attempt + 1} in ${Math.round(delay)} ms`),
    });
}
/** Runs `call` until it succeeds, a final error, the deadline or the abort signal. */
async function withRetry(call, options) {
    const now = options.now ?? Date.now;
    for (let attempt = 0;; attempt++) {
        try {
            return await call();
        }
        catch (error) {
            const delay = retryDelay(error, attempt, options.random);
            const late = options.deadline !== undefined && now() + (delay ?? 0) >= options.deadline;
            if (delay === undefined || late || options.signal?.aborted)
                throw error;
            options.onRetry?.(error, attempt, delay);
            await options.sleep(delay, options.signal);
        }
    }
}
/** Runs `each` over `items`, at most `limit` at once; the results in the items' order. */
async function eachLimited(items, limit, each) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        for (let i = next++; i < items.length; i = next++)
            results[i] = await each(items[i]);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}

;// CONCATENATED MODULE: ./src/aws/cancel-jobs.ts



/** How long one cancellation may keep retrying: it runs after the run's own deadline has passed. */
const CANCEL_RETRY_MS = 20_000;
/** Cancels a generation job, retrying throttling, 5xx and connection errors for a short while. */
function cancelWithRetry(api, jobId, deps) {
    const { sleep, random, now } = deps;
    return withRetry(() => api.cancel(jobId), { sleep, random, now, deadline: now() + CANCEL_RETRY_MS });
}
/**
 * The post step's work: cancel the generation jobs a killed or cancelled main step left running. The
 * credentials are obtained again, as in the main step: they are never saved. Failures are warnings:
 * the job's own result stands.
 */
async function cancelLeftoverJobs(jobs, request, deps) {
    const { logger } = deps;
    const ids = (list) => list.map((j) => j.jobId).join(', ');
    let base;
    try {
        base = await resolveCredentials(request.credentials, request.region, deps);
    }
    catch (error) {
        logger.warning(`Could not cancel the policy generations left running (${ids(jobs)}): ${error.message}`);
        return;
    }
    // By account: the run's own jobs with its session, another account's through its role, as the main step did.
    const byRole = new Map();
    for (const job of jobs) {
        const list = byRole.get(job.roleArn);
        if (list)
            list.push(job);
        else
            byRole.set(job.roleArn, [job]);
    }
    for (const [roleArn, list] of byRole) {
        try {
            const credentials = roleArn
                ? await assumeChainedRole({ roleArn, sessionName: request.credentials.roleSessionName, region: request.region }, base, deps.mask)
                : base;
            const client = accessAnalyzerClient(request.region, credentials);
            const api = sdkGenerationApi(client);
            for (const { jobId } of list) {
                try {
                    await cancelWithRetry(api, jobId, { sleep: realSleep, random: Math.random, now: Date.now });
                    logger.info(`Cancelled policy generation ${jobId}, left running by the main step.`);
                }
                catch (error) {
                    logger.warning(`Could not cancel policy generation ${jobId}: ${error.message}`);
                }
            }
            client.destroy();
        }
        catch (error) {
            logger.warning(`Could not cancel the policy generations left running (${ids(list)}): ${error.message}`);
        }
    }
}

;// CONCATENATED MODULE: ./src/aws/job-watch.ts
/** A look stands for a job's poll up to this share of the job's next step before it is due. */
const EARLY = 0.5;
/**
 * A job the listings show running still gets a GetGeneratedPolicy once its time since the last one is
 * as long as its age was then, and at least a minute: a listing that lagged behind the job (two calls,
 * perhaps two stores) could delay seeing its end, never hide it until the run times out.
 */
const FETCH_AT_LEAST_AFTER_MS = 60_000;
class JobWatch {
    deps;
    jobs = new Map();
    wake = new AbortController();
    looping = false;
    /** Pages the last listing took: a listing pays when it stands for more polls than that (never, once one failed). */
    pagesPerListing = 1;
    constructor(deps) {
        this.deps = deps;
    }
    /**
     * The job's snapshot once it has ended, or undefined when the run stops first. A look that fails
     * (after the run's retries) rejects: the job's end is then unknown.
     */
    until(jobId, startedAt, expected) {
        return new Promise((resolve, reject) => {
            const watched = {
                startedAt,
                expected,
                due: 0,
                fetched: startedAt,
                settle: (result) => ('failed' in result ? reject(result.failed) : resolve(result.ended)),
            };
            watched.due = this.after(watched, startedAt);
            this.jobs.set(jobId, watched);
            // The loop may be asleep until a later job's look: this one may be due first.
            this.wake.abort();
            if (!this.looping) {
                this.looping = true;
                void this.loop();
            }
        });
    }
    async loop() {
        try {
            while (this.jobs.size > 0) {
                if (this.deps.stopped())
                    return this.settleAll({ ended: undefined });
                let due = Number.POSITIVE_INFINITY;
                for (const watched of this.jobs.values())
                    due = Math.min(due, watched.due);
                const wait = due - this.deps.now();
                if (wait > 0) {
                    this.wake = new AbortController();
                    await this.deps.pause(wait, this.wake.signal);
                }
                else
                    await this.look();
            }
        }
        catch (error) {
            this.settleAll({ failed: error });
        }
        finally {
            this.looping = false;
        }
    }
    settleAll(result) {
        for (const watched of this.jobs.values())
            watched.settle(result);
        this.jobs.clear();
    }
    /** Looks at the jobs that are due: all of them through one listing when that saves calls. */
    async look() {
        const at = this.deps.now();
        const served = new Set();
        for (const watched of this.jobs.values())
            if (this.serves(watched, at))
                served.add(watched);
        const listed = served.size > this.pagesPerListing ? await this.list() : new Map();
        const fetch = [];
        for (const [jobId, watched] of this.jobs) {
            const status = listed.get(jobId)?.status;
            const stoodFor = served.has(watched);
            // Seen running: a job this look stands for is next due a step on (unless it is owed a
            // GetGeneratedPolicy); the others are due as they were.
            if (status === 'IN_PROGRESS' && !(stoodFor && this.unfetchedTooLong(watched, at))) {
                if (stoodFor)
                    watched.due = this.after(watched, at);
                continue;
            }
            // Seen ended (or owed), or due and not listed: fetched.
            if (status !== undefined || watched.due <= at)
                fetch.push(jobId);
        }
        await Promise.all(fetch.map((jobId) => this.fetch(jobId)));
        this.deps.onLook();
    }
    /** The statuses one listing gives; none when it fails. */
    async list() {
        try {
            const { jobs, pages } = await this.deps.listRecent(new Set(this.jobs.keys()));
            this.pagesPerListing = pages;
            return new Map(jobs.map((j) => [j.jobId, j]));
        }
        catch (error) {
            if (!this.deps.stopped()) {
                this.pagesPerListing = Number.POSITIVE_INFINITY;
                this.deps.log(`ListPolicyGenerations failed (${error.message}): each generation is polled on its own from now on`);
            }
            return new Map();
        }
    }
    async fetch(jobId) {
        const watched = this.jobs.get(jobId);
        if (!watched)
            return;
        try {
            watched.fetched = this.deps.now();
            const snapshot = await this.deps.get(jobId);
            if (snapshot.status === 'IN_PROGRESS') {
                watched.due = this.after(watched, this.deps.now());
                return;
            }
            this.jobs.delete(jobId);
            watched.settle({ ended: snapshot });
        }
        catch (error) {
            this.jobs.delete(jobId);
            watched.settle({ failed: error });
        }
    }
    /** Whether a look at `at` can stand for the job's next poll: it is due, or nearly (a share of its next step). */
    serves(watched, at) {
        return watched.due <= at + EARLY * (this.after(watched, at) - at);
    }
    /** Whether a job has gone without a GetGeneratedPolicy for as long as it had run at the last one (and a minute). */
    unfetchedTooLong(watched, at) {
        return at - watched.fetched >= Math.max(FETCH_AT_LEAST_AFTER_MS, watched.fetched - watched.startedAt);
    }
    /** When the job is next due if looked at `at`. */
    after(watched, at) {
        return at + this.deps.schedule.nextDelay(at - watched.startedAt, watched.expected);
    }
}

// EXTERNAL MODULE: ./src/vocabulary/lists.ts
var lists = __webpack_require__(9877);
;// CONCATENATED MODULE: ./src/aws/poll-schedule.ts
// When to poll a job that runs on AWS's side (a policy generation, a last-accessed report) and ends at a
// time nobody announces. Each poll is a call; each moment between a job's end and the poll that sees it
// holds a slot another job could have had. A job whose principal ran before is expected to take as long
// as last time. Any other job is polled from what the run has seen: the durations of the jobs that
// ended, as a density, and polls placed where jobs end — the spacing that makes the expected wait
// after a job's end a small share of the typical job with the fewest polls.

const FIRST_POLL_MS = 1_000;
const MIN_POLL_STEP_MS = 500;
const POLL_GROWTH = 1.25;
const MAX_POLL_STEP_MS = 30_000;
const NEAR_ESTIMATE_STEP_MS = 250;
/** A job expected to take E (its principal's last generation): first polled at 0.98 E, then every 0.04 E up to 1.25 E. */
const EXPECTED_FIRST_POLL = 0.98;
const EXPECTED_STEP = 0.04;
const EXPECTED_LATE = 1.25;
/** The expected wait between a job's end and the poll that sees it, as a share of the typical job. */
const LATENESS = 0.055;
/** The model's grid: log-spaced durations from 50 ms to 24 h. */
const GRID_FROM_MS = 50;
const GRID_TO_MS = 86_400_000;
const GRID_STEP = 0.04;
const GRID_FROM = Math.log(GRID_FROM_MS);
/** What no job has shown yet may still happen: any duration from 1 s to 1 h (log-uniform), weighted (n + 1)^-1.5. */
const PRIOR_FROM_MS = 1_000;
const PRIOR_TO_MS = 3_600_000;
const PRIOR_FADE = 1.5;
/** Past the longest job seen, each step is this share of the time run so far. */
const TAIL_STEP = 0.1;
/** Narrowest kernel (in ln ms): durations within about 5 % of each other are one length. */
const MIN_BANDWIDTH = 0.05;
/** The model is rebuilt from at most this many recent durations. */
const KEEP = 200;
/**
 * The poll schedule of one run. Jobs of a known expected length (the principal's last one) are polled
 * just before that, then every 4 % of it until it is 25 % late: two to five polls, whatever the length.
 * Others, before any job has ended: a geometric schedule (1 s, then +25 %, 0.5 s to 30 s apart). Once
 * jobs have ended: the durations seen, as a density f with survival S (a kernel estimate in log time,
 * with a fading weight on "anything from 1 s to an hour"), and polls at the rate sqrt(f / 2λS) — the
 * rate that minimises the expected lateness plus λ per poll — with λ set so that the expected lateness
 * is 5.5 % of the model's mean duration. Polls crowd where jobs end and thin out where none do. A job
 * longer than any seen is polled every 10 % of its time so far: the model knows nothing there.
 */
class PollSchedule {
    durations = [];
    model;
    /** Records a finished job's duration (as the service reports it), or another principal's last one. */
    observe(durationMs) {
        if (!(durationMs > 0) || !Number.isFinite(durationMs))
            return;
        this.durations.push(durationMs);
        if (this.durations.length > KEEP)
            this.durations.shift();
        this.model = undefined;
    }
    /** Milliseconds from now to the next poll of a job that has run `elapsedMs`, expected to take `expectedMs`. */
    nextDelay(elapsedMs, expectedMs) {
        if (expectedMs !== undefined && expectedMs > 0) {
            const step = Math.max(NEAR_ESTIMATE_STEP_MS, expectedMs * EXPECTED_STEP);
            // Just before the first poll's time (a look at all the account's jobs came then), a step on.
            const first = expectedMs * EXPECTED_FIRST_POLL - elapsedMs;
            if (first >= step)
                return first;
            if (elapsedMs < expectedMs * EXPECTED_LATE)
                return step;
        }
        if (this.durations.length === 0)
            return geometric(elapsedMs);
        this.model ??= new PollModel(this.durations);
        return this.model.nextDelay(elapsedMs) ?? geometric(elapsedMs);
    }
}
/** The first poll at 1 s; after a look at any time, one step on and never before that first poll. */
function geometric(elapsedMs) {
    const step = Math.min(MAX_POLL_STEP_MS, Math.max(MIN_POLL_STEP_MS, elapsedMs * (POLL_GROWTH - 1)));
    return Math.max(FIRST_POLL_MS - elapsedMs, step);
}
/** Standard normal CDF (Abramowitz–Stegun 7.1.26 through erf; |error| < 1.5e-7). */
function normalCdf(z) {
    const x = Math.abs(z) / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * x);
    const y = 1 -
        ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
            t *
            Math.exp(-x * x);
    return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}
/**
 * The cumulative poll count N over the grid: a job that has run t is next polled when N has grown by 1.
 * Built from the durations seen; O(grid × durations) once per new duration.
 */
class PollModel {
    /** N at each grid point (ln ms from ln 50 ms, in steps of GRID_STEP). */
    count;
    /** Survival S at each grid point: the share of jobs still running then. */
    survival;
    longest;
    constructor(durations) {
        const n = durations.length;
        this.longest = (0,lists/* largest */.nQ)(durations);
        const xs = durations.map(Math.log);
        const mean = xs.reduce((a, b) => a + b, 0) / n;
        const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n);
        const h = Math.max(MIN_BANDWIDTH, 1.06 * sd * n ** -0.2);
        const prior = 1 / (n + 1) ** PRIOR_FADE;
        const lo = Math.log(PRIOR_FROM_MS);
        const hi = Math.log(PRIOR_TO_MS);
        let expected = 0;
        const size = Math.ceil((Math.log(GRID_TO_MS) - GRID_FROM) / GRID_STEP) + 1;
        this.count = new Float64Array(size);
        this.survival = new Float64Array(size);
        // Density and survival in log time at each grid point, then the rate in log time: dN/dy = t·sqrt(f_t/(2λS)),
        // with f_t = f_y / t. Computed for λ = 1 and scaled after.
        const rate = new Float64Array(size);
        let lateness = 0;
        // The previous grid point's t, sqrt(f S / 2) and S, for the trapezoid rule.
        let before = { t: 0, root: 0, survival: 1 };
        for (let i = 0; i < size; i++) {
            const y = GRID_FROM + i * GRID_STEP;
            let fy = 0;
            let cdf = 0;
            for (const x of xs) {
                const z = (y - x) / h;
                fy += Math.exp(-0.5 * z * z);
                cdf += normalCdf(z);
            }
            fy = ((1 - prior) * fy) / (n * h * Math.sqrt(2 * Math.PI));
            cdf = ((1 - prior) * cdf) / n;
            if (y >= lo) {
                if (y <= hi)
                    fy += prior / (hi - lo);
                cdf += (prior * (Math.min(y, hi) - lo)) / (hi - lo);
            }
            const survival = Math.max(1e-12, 1 - cdf);
            this.survival[i] = survival;
            const t = Math.exp(y);
            rate[i] = t * Math.sqrt(fy / t / (2 * survival));
            // Expected lateness for λ = 1: ∫ sqrt(f S / 2) dt, by the trapezoid rule over t.
            const root = Math.sqrt((fy / t) * survival * 0.5);
            if (i > 0) {
                lateness += ((root + before.root) / 2) * (t - before.t);
                expected += ((survival + before.survival) / 2) * (t - before.t);
            }
            before = { t, root, survival };
        }
        // λ such that the expected lateness is LATENESS × the model's mean duration (∫ S dt, the prior's
        // share included: while few jobs are seen, a wider margin): sqrt(λ) = target / lateness(λ = 1).
        const scale = lateness / (LATENESS * expected);
        for (let i = 1; i < size; i++)
            this.count[i] =
                this.count[i - 1] +
                    ((rate[i] + rate[i - 1]) / 2) * GRID_STEP * scale;
    }
    /** The next delay, or undefined past the grid. */
    nextDelay(elapsedMs) {
        // Longer than any job seen: the model knows nothing here, so the steps grow with the job.
        if (elapsedMs >= this.longest)
            return Math.max(MIN_POLL_STEP_MS, elapsedMs * TAIL_STEP);
        const y = Math.log(Math.max(elapsedMs, GRID_FROM_MS));
        const count = at(this.count, y);
        const survival = at(this.survival, y);
        if (count === undefined || survival === undefined)
            return undefined;
        // The rate's next whole poll, but never past the time by which half the jobs still running end
        // (the rate assumes a density that changes little within one step; early on it may not).
        const next = Math.min(inverse(this.count, count + 1, 1) ?? Number.POSITIVE_INFINITY, inverse(this.survival, survival / 2, -1) ?? Number.POSITIVE_INFINITY);
        if (!Number.isFinite(next))
            return undefined;
        // Nor past the tail's first step: a job that outlasts every one seen is polled as the tail is.
        const when = Math.min(Math.exp(next), this.longest * (1 + TAIL_STEP));
        return Math.max(when - elapsedMs, MIN_POLL_STEP_MS);
    }
}
/** Linear interpolation of a grid column at ln t = y; undefined past the grid. */
function at(column, y) {
    const i = (y - GRID_FROM) / GRID_STEP;
    if (i >= column.length - 1)
        return undefined;
    const k = Math.floor(i);
    const c0 = column[k];
    return c0 + (column[k + 1] - c0) * (i - k);
}
/** ln t where a monotone grid column (rising: direction 1, falling: -1) reaches `target`; undefined if never. */
function inverse(column, target, direction) {
    const last = column.length - 1;
    if (direction * (column[last] - target) < 0)
        return undefined;
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (direction * (column[mid] - target) < 0)
            lo = mid;
        else
            hi = mid;
    }
    const c0 = column[lo];
    const c1 = column[hi];
    const frac = c1 !== c0 ? (target - c0) / (c1 - c0) : 0;
    return GRID_FROM + (lo + frac) * GRID_STEP;
}

;// CONCATENATED MODULE: ./src/aws/generation-engine.ts






/** How long a principal's next generation should take: as long as its newest one did, if known. */
function expectedDuration(plan) {
    const last = plan.succeeded.find((j) => j.startedOn !== undefined && j.completedOn !== undefined);
    return last ? last.completedOn - last.startedOn : undefined;
}
/** ListPolicyGenerations calls in flight at once while planning. */
const PLAN_CONCURRENCY = 5;
const QUOTA_WAIT_MS = 2_000;
const PROGRESS_EVERY_MS = 30_000;
/** What StartPolicyGeneration answers when the account's generation slots are taken (402 or 409). */
const SLOT_TAKEN = new Set(['ServiceQuotaExceededException', 'ConflictException']);
/**
 * Gets a generated policy for every target from IAM Access Analyzer: reuses a recent matching
 * generation where there is one, otherwise starts one, with at most `maxConcurrent` in flight (a new
 * one starts the moment a slot frees), and polls until each ends. Jobs still running at the timeout,
 * or when `signal` aborts, are cancelled. One principal's failure never stops the others.
 */
async function generatePolicies(targets, settings, deps) {
    const run = new GenerationRun(settings, deps);
    const onAbort = () => run.stop.abort();
    deps.signal?.addEventListener('abort', onAbort, { once: true });
    try {
        await run.admit(targets);
    }
    finally {
        deps.signal?.removeEventListener('abort', onAbort);
    }
    // No path leaves a job running: cancel what timed out or was interrupted.
    await run.cancelLeftovers();
    return targets.map((t) => run.outcomes.get(t.principalArn) ?? timedOut(t, null));
}
/** One call of generatePolicies: its deadline, queue, jobs in flight and what became of each target. */
class GenerationRun {
    settings;
    deps;
    stop = new AbortController();
    outcomes = new Map();
    started;
    deadline;
    schedule;
    /** The jobs in flight, looked at on the schedule until each ends. */
    watch;
    /** Principal -> id of its job in flight. */
    running = new Map();
    /** Principal -> how long its generation should take (its last one's duration). */
    expected = new Map();
    /** Started jobs whose end was not seen: they must be cancelled. */
    orphans = new Set();
    queue = [];
    lastProgress;
    constructor(settings, deps) {
        this.settings = settings;
        this.deps = deps;
        this.schedule = deps.schedule ?? new PollSchedule();
        this.started = deps.now();
        this.lastProgress = this.started;
        this.deadline = this.started + settings.waitTimeoutMs;
        this.watch = new JobWatch({
            schedule: this.schedule,
            now: deps.now,
            pause: (ms, wake) => this.pause(ms, wake),
            stopped: () => this.stopped(),
            get: (jobId) => this.fetch(jobId),
            listRecent: (wanted) => this.retry(() => deps.api.listRecent(wanted), 'ListPolicyGenerations'),
            onLook: () => this.reportProgress(),
            log: deps.log,
        });
    }
    /**
     * Planning, then admission. Every principal's generations are listed first: a recent one is reused;
     * of the rest, each account's first `maxGenerations` get a generation of their own — those the pull
     * request changes, then the stalest (never generated first); the others an older result, or none.
     * Then `maxConcurrent` workers take the chosen from one queue, so a freed slot is taken at once.
     */
    async admit(targets) {
        const plans = await eachLimited(targets, PLAN_CONCURRENCY, (t) => this.plan(t));
        const starting = [];
        const over = [];
        const startedIn = new Map();
        const staleness = (p) => p.succeeded[0]?.completedOn ?? Number.NEGATIVE_INFINITY;
        const order = plans
            .filter((p) => p !== undefined)
            .sort((a, b) => Number(b.target.changed ?? false) - Number(a.target.changed ?? false) ||
            staleness(a) - staleness(b));
        for (const plan of order) {
            if (plan.reuse) {
                this.reused(plan.target, plan.reuse);
                continue;
            }
            const account = (0,accounts/* accountOf */.XP)(plan.target.principalArn);
            const count = startedIn.get(account) ?? 0;
            if (count < (this.settings.maxGenerations ?? Number.POSITIVE_INFINITY)) {
                startedIn.set(account, count + 1);
                starting.push(plan.target);
            }
            else
                over.push(plan);
        }
        if (over.length > 0)
            this.deps.log(`max-generations (${this.settings.maxGenerations}) reached in ${[...new Set(over.map((p) => (0,accounts/* accountOf */.XP)(p.target.principalArn)))].join(', ')}: ` +
                `${over.length} principal(s) ${this.settings.olderResults ? 'use their newest older result, if any' : 'are left to another source'}`);
        await eachLimited(over, PLAN_CONCURRENCY, (p) => this.overBudget(p));
        for (const plan of order) {
            const expected = expectedDuration(plan);
            if (expected !== undefined && expected > 0) {
                this.expected.set(plan.target.principalArn, expected);
                // Other principals' last generations say how long this run's new ones may take.
                this.schedule.observe(expected);
            }
        }
        // Longest expected first (unknown ones before all, as they may be long): with several slots, the
        // classic rule for a short makespan; with one, the order changes nothing.
        const length = (t) => this.expected.get(t.principalArn) ?? Number.POSITIVE_INFINITY;
        const place = new Map(targets.map((t, i) => [t, i]));
        const at = (t) => place.get(t) ?? 0;
        this.queue = starting.sort((a, b) => length(b) - length(a) || at(a) - at(b));
        const workers = Math.max(1, Math.min(this.settings.maxConcurrent, this.queue.length));
        await Promise.all(Array.from({ length: workers }, () => this.work()));
    }
    /** A principal's generations: a reusable recent one, and all that succeeded. A failure here is its outcome. */
    async plan(target) {
        try {
            if (this.stop.signal.aborted)
                throw new Error('stopped');
            const jobs = await this.retry(() => this.deps.api.list(target.principalArn), 'ListPolicyGenerations');
            const succeeded = jobs
                .filter((j) => j.status === 'SUCCEEDED')
                .sort((a, b) => (b.completedOn ?? 0) - (a.completedOn ?? 0));
            return { target, succeeded, reuse: await this.reusable(succeeded) };
        }
        catch (error) {
            this.outcomes.set(target.principalArn, this.stopped() ? timedOut(target, null) : failed(target, null, error));
            return undefined;
        }
    }
    reused(target, snapshot, older = false) {
        this.deps.log(`${target.principalArn}: reusing ${older ? 'its newest older generation' : 'generation'} ${snapshot.jobId} (completed ${new Date(snapshot.completedOn ?? 0).toISOString()})`);
        this.outcomes.set(target.principalArn, {
            principalArn: target.principalArn,
            status: 'checked',
            jobId: snapshot.jobId,
            reused: true,
            snapshot,
        });
    }
    /** Past the account's budget: its newest older result over the same trails, when allowed; else over-budget. */
    async overBudget(plan) {
        const { target } = plan;
        try {
            if (this.settings.olderResults)
                for (const candidate of plan.succeeded.slice(0, 3)) {
                    const snapshot = await this.fetch(candidate.jobId);
                    if (sameTrails(snapshot, this.settings))
                        return this.reused(target, snapshot, true);
                }
            this.outcomes.set(target.principalArn, {
                principalArn: target.principalArn,
                status: 'over-budget',
                jobId: null,
                lastCompleted: plan.succeeded[0]?.completedOn,
            });
        }
        catch (error) {
            this.outcomes.set(target.principalArn, this.stopped() ? timedOut(target, null) : failed(target, null, error));
        }
    }
    async work() {
        for (let target = this.queue.shift(); target; target = this.queue.shift()) {
            const outcome = this.stop.signal.aborted ? timedOut(target, null) : await this.settle(target);
            this.outcomes.set(target.principalArn, outcome);
            // A job seen to end is forgotten now; one timed out or stopped watching, once it is cancelled.
            const ended = outcome.status !== 'timed-out' && outcome.jobId && !this.orphans.has(outcome.jobId);
            if (ended && !(outcome.status === 'checked' && outcome.reused))
                this.deps.onEnded?.(outcome.jobId);
        }
    }
    /** A target's outcome, whatever goes wrong on the way. */
    async settle(target) {
        try {
            return await this.handle(target);
        }
        catch (error) {
            if (this.stopped())
                return timedOut(target, this.running.get(target.principalArn) ?? null);
            return failed(target, null, error);
        }
    }
    async handle(target) {
        const jobId = await this.startJob(target);
        if (!jobId)
            return timedOut(target, null);
        this.running.set(target.principalArn, jobId);
        this.deps.onStarted?.(jobId);
        this.deps.log(`${target.principalArn}: started generation ${jobId}`);
        try {
            return await this.waitFor(target, jobId, this.deps.now());
        }
        catch (error) {
            // The job may still be running: it must be cancelled like a timed-out one, whatever stopped us.
            this.orphans.add(jobId);
            return this.stopped() ? timedOut(target, jobId) : failed(target, jobId, error);
        }
        finally {
            this.running.delete(target.principalArn);
        }
    }
    /** The newest succeeded generation within reuse-max-age that covers what this run would ask for. */
    async reusable(succeeded) {
        if (this.settings.reuseMaxAgeMs <= 0)
            return undefined;
        const oldest = this.deps.now() - this.settings.reuseMaxAgeMs;
        const candidates = succeeded.filter((j) => (j.completedOn ?? 0) >= oldest).slice(0, 3);
        for (const candidate of candidates) {
            const snapshot = await this.fetch(candidate.jobId);
            if (sameScope(snapshot, this.settings))
                return snapshot;
        }
        return undefined;
    }
    async startJob(target) {
        const { trails, accessRoleArn, startTime, endTime } = this.settings;
        const input = {
            principalArn: target.principalArn,
            trails,
            accessRoleArn,
            startTime,
            endTime,
            clientToken: target.clientToken,
        };
        // Another generation holds the account's slot (ours or another run's): wait for it, do not fail.
        // The service documents both errors for StartPolicyGeneration and not which one a taken slot gets.
        while (!this.stop.signal.aborted) {
            try {
                return await this.retry(() => this.deps.api.start(input), `StartPolicyGeneration ${target.principalArn}`);
            }
            catch (error) {
                const name = error.name;
                if (!SLOT_TAKEN.has(name))
                    throw error;
                this.deps.log(`StartPolicyGeneration ${target.principalArn}: another generation holds the account's slot (${name}); waiting`);
                await this.pause(QUOTA_WAIT_MS / 2 + this.deps.random() * QUOTA_WAIT_MS);
            }
        }
        return undefined;
    }
    /** Watching, until the job ends or the run stops. */
    async waitFor(target, jobId, startedAt) {
        const snapshot = await this.watch.until(jobId, startedAt, this.expected.get(target.principalArn));
        if (!snapshot)
            return timedOut(target, jobId);
        if (snapshot.completedOn)
            this.schedule.observe(snapshot.completedOn - snapshot.startedOn);
        if (snapshot.status === 'SUCCEEDED')
            return { principalArn: target.principalArn, status: 'checked', jobId, reused: false, snapshot };
        const error = snapshot.error ?? { code: snapshot.status, message: `the job ended ${snapshot.status}` };
        return { principalArn: target.principalArn, status: 'failed', jobId, error };
    }
    /** Cancellation: every job that timed out or was stopped watching, on a fresh deadline (the run's is gone). */
    async cancelLeftovers() {
        const leftovers = [...this.outcomes.values()].filter((o) => o.jobId && (o.status === 'timed-out' || this.orphans.has(o.jobId)));
        await Promise.all(leftovers.map(async (o) => {
            const jobId = o.jobId;
            const why = o.status === 'timed-out' ? 'timed out' : 'stopped waiting after an error';
            try {
                await cancelWithRetry(this.deps.api, jobId, this.deps);
                this.deps.log(`${o.principalArn}: ${why}; generation ${jobId} cancelled`);
                this.deps.onEnded?.(jobId);
            }
            catch (error) {
                this.deps.log(`${o.principalArn}: ${why}; cancelling generation ${jobId} failed: ${error.message}`);
            }
        }));
    }
    fetch(jobId) {
        return this.retry(() => this.deps.api.get(jobId, this.settings.includeServiceLevelTemplate), 'GetGeneratedPolicy');
    }
    /**
     * Waits on the injected clock, never past the deadline (reaching it stops everything), or less when
     * the run stops or `wake` aborts.
     */
    async pause(ms, wake) {
        const wait = Math.max(0, Math.min(ms, this.deadline - this.deps.now()));
        if (!wake)
            await this.deps.sleep(wait, this.stop.signal);
        else {
            const either = new AbortController();
            const relay = () => either.abort();
            this.stop.signal.addEventListener('abort', relay, { once: true });
            wake.addEventListener('abort', relay, { once: true });
            try {
                await this.deps.sleep(wait, either.signal);
            }
            finally {
                this.stop.signal.removeEventListener('abort', relay);
                wake.removeEventListener('abort', relay);
            }
        }
        if (this.deps.now() >= this.deadline)
            this.stop.abort();
    }
    stopped() {
        return this.stop.signal.aborted || this.deps.now() >= this.deadline;
    }
    retry(call, what) {
        return retryLogged(call, what, this.deps, { signal: this.stop.signal, deadline: this.deadline });
    }
    reportProgress() {
        const now = this.deps.now();
        if (now - this.lastProgress < PROGRESS_EVERY_MS)
            return;
        this.lastProgress = now;
        this.deps.log(`Policy generation: ${this.outcomes.size} done, ${this.running.size} running, ${this.queue.length} queued, ` +
            `${Math.round((now - this.started) / 1000)} s elapsed`);
    }
}
function timedOut(target, jobId) {
    return { principalArn: target.principalArn, status: 'timed-out', jobId };
}
function failed(target, jobId, error) {
    const e = error;
    return {
        principalArn: target.principalArn,
        status: 'failed',
        jobId,
        error: { code: e.name ?? 'Error', message: e.message },
    };
}
/**
 * Whether a finished generation covers what this run would ask for: the same trails (and regions), and
 * a CloudTrail window of the same length (within a day) — its end is at most `reuseMaxAge` old by
 * construction of the candidates.
 */
function sameScope(snapshot, settings) {
    if (!sameTrails(snapshot, settings) || !snapshot.window)
        return false;
    const span = Date.parse(snapshot.window.end) - Date.parse(snapshot.window.start);
    const wantSpan = settings.endTime.getTime() - settings.startTime.getTime();
    return Math.abs(span - wantSpan) <= time/* DAY_MS */.s;
}
/** Whether a finished generation read the trails (and regions) this run would ask for. */
function sameTrails(snapshot, settings) {
    if (snapshot.status !== 'SUCCEEDED' || !snapshot.trails)
        return false;
    const key = (t) => `${t.arn}|${t.allRegions ? '*' : [...t.regions].sort().join(',')}`;
    return settings.trails.map(key).sort().join(' ') === snapshot.trails.map(key).sort().join(' ');
}

;// CONCATENATED MODULE: ./src/aws/last-accessed.ts
// Usage from IAM's last-accessed data (`usage-source: last-accessed`): one report job per principal,
// a few at once, polled until done, within wait-timeout. No daily quota, and jobs take seconds; but only
// management actions, at action level for the services IAM tracks, and no resources.



/** Report jobs in flight at once: IAM documents no quota for them, only its API rate limits. */
const LAST_ACCESSED_CONCURRENCY = 5;
/** Every principal's usage record from its last-accessed report: checked, failed or timed out. */
async function collectLastAccessed(principals, settings, deps) {
    const started = deps.now();
    const deadline = started + settings.waitTimeoutMs;
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    deps.signal?.addEventListener('abort', onAbort, { once: true });
    const schedule = deps.schedule ?? new PollSchedule();
    const retry = (call, what) => retryLogged(call, what, deps, { signal: stop.signal, deadline });
    const pause = async (ms) => {
        await deps.sleep(Math.max(0, Math.min(ms, deadline - deps.now())), stop.signal);
        if (deps.now() >= deadline)
            stop.abort();
    };
    async function one(arn) {
        let jobId = null;
        try {
            jobId = await retry(() => deps.api.generate(arn), `GenerateServiceLastAccessedDetails ${arn}`);
            deps.log(`${arn}: last-accessed report ${jobId} requested`);
            const since = deps.now();
            for (;;) {
                await pause(schedule.nextDelay(deps.now() - since));
                if (stop.signal.aborted)
                    return last_accessed_timedOut(arn, jobId, settings.waitTimeoutMs);
                const id = jobId;
                const report = await retry(() => deps.api.get(id), 'GetServiceLastAccessedDetails');
                if (report.status === 'IN_PROGRESS')
                    continue;
                schedule.observe(deps.now() - since);
                if (report.status === 'FAILED')
                    return last_accessed_failed(arn, jobId, report.error ?? { code: 'FAILED', message: 'the report job failed' });
                return lastAccessedUsage(arn, jobId, report, settings);
            }
        }
        catch (error) {
            // A retryable error given up on was given up on for the deadline: the principal timed out.
            if (stop.signal.aborted || deps.now() >= deadline || retryDelay(error, 0, () => 0) !== undefined)
                return last_accessed_timedOut(arn, jobId, settings.waitTimeoutMs);
            const e = error;
            return last_accessed_failed(arn, jobId, { code: e.name ?? 'Error', message: e.message });
        }
    }
    try {
        const usage = await eachLimited(principals, settings.maxConcurrent ?? LAST_ACCESSED_CONCURRENCY, (arn) => stop.signal.aborted ? Promise.resolve(last_accessed_timedOut(arn, null, settings.waitTimeoutMs)) : one(arn));
        return new Map(usage.map((u) => [u.arn, u]));
    }
    finally {
        deps.signal?.removeEventListener('abort', onAbort);
    }
}
/**
 * A principal's usage record from its report: the actions used in the window (tracked actions with a
 * last use in it), `service:*` for a service used in it that IAM reports at service level only, and
 * every tracked action of the action-level services (what can be seen). A service last used before the
 * window, or never, was not used.
 */
function lastAccessedUsage(arn, jobId, report, window) {
    const from = window.start.getTime();
    const inWindow = (t) => t !== undefined && t >= from;
    const actions = [];
    const tracked = [];
    const actionLevel = [];
    const serviceLevel = [];
    for (const service of report.services) {
        if (service.trackedActions) {
            for (const [action, last] of service.trackedActions) {
                tracked.push(action);
                if (inWindow(last))
                    actions.push(action);
            }
            if (inWindow(service.lastAuthenticated))
                actionLevel.push(service.namespace);
        }
        else if (inWindow(service.lastAuthenticated)) {
            serviceLevel.push(service.namespace);
            actions.push(`${service.namespace}:*`);
        }
    }
    const policy = {
        Version: '2012-10-17',
        Statement: actions.length > 0 ? [{ Effect: 'Allow', Action: actions.sort(), Resource: '*' }] : [],
    };
    return {
        arn,
        status: 'checked',
        usage: {
            source: 'last-accessed',
            level: serviceLevel.length > 0 ? 'service' : 'action',
            reused: false,
            completedAt: report.completedOn !== undefined ? new Date(report.completedOn).toISOString() : null,
            actionLevelServices: actionLevel.sort(),
            serviceLevelServices: serviceLevel.sort(),
        },
        jobId,
        error: null,
        window: { start: window.start.toISOString(), end: window.end.toISOString() },
        isComplete: null,
        generatedPolicies: [JSON.stringify(policy)],
        trackedActions: tracked.sort(),
    };
}
/** The origin of a record that has no report: the source, no level known. */
const LAST_ACCESSED = {
    source: 'last-accessed',
    level: 'service',
    reused: false,
    completedAt: null,
    actionLevelServices: [],
    serviceLevelServices: [],
};
function last_accessed_failed(arn, jobId, error) {
    return {
        ...(0,usage/* staticUsage */.cI)(arn),
        status: 'failed',
        usage: LAST_ACCESSED,
        jobId,
        error: { code: error.code, message: `${error.message}${ADVICE[error.code] ?? ''}`.trim() },
    };
}
function last_accessed_timedOut(arn, jobId, waitTimeoutMs) {
    return {
        ...(0,usage/* staticUsage */.cI)(arn),
        status: 'timed-out',
        usage: LAST_ACCESSED,
        jobId,
        error: {
            code: 'TIMED_OUT',
            message: `the last-accessed report was not done within wait-timeout (${Math.round(waitTimeoutMs / 1000)} s)`,
        },
    };
}
const DENIED = " The workflow's role may not read last-accessed data: it needs iam:GenerateServiceLastAccessedDetails and " +
    'iam:GetServiceLastAccessedDetails (examples/aws has both).';
const UNKNOWN = ' IAM does not know this principal: check its ARN, or that it was deployed.';
/** What to do about the errors a user can act on, by the name the SDK gives them. */
const ADVICE = {
    AccessDenied: DENIED,
    AccessDeniedException: DENIED,
    NoSuchEntity: UNKNOWN,
    NoSuchEntityException: UNKNOWN,
};

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-iam/dist-cjs/index.js
var client_iam_dist_cjs = __webpack_require__(6764);
;// CONCATENATED MODULE: ./src/aws/last-accessed-api.ts
// IAM's last-accessed data (access advisor): GenerateServiceLastAccessedDetails at ACTION_LEVEL, then
// GetServiceLastAccessedDetails until the report is done, over the AWS SDK's IAM client. A usage
// source without Access Analyzer's daily quota: what services, and for the services IAM tracks which
// management actions, a principal last used, and when.

/** A client for IAM (a global service: its endpoint is the partition's): the engine does its own retries. */
function iamClient(region, credentials) {
    return new client_iam_dist_cjs/* IAMClient */.h8v({ region, maxAttempts: 1, ...(credentials && { credentials }) });
}
function sdkLastAccessedApi(client) {
    return {
        async generate(principalArn) {
            const { JobId } = await client.send(new client_iam_dist_cjs/* GenerateServiceLastAccessedDetailsCommand */.H3Q({ Arn: principalArn, Granularity: 'ACTION_LEVEL' }));
            if (!JobId)
                throw new Error('GenerateServiceLastAccessedDetails returned no JobId');
            return JobId;
        },
        async get(jobId) {
            const services = [];
            let marker;
            for (;;) {
                const out = await client.send(new client_iam_dist_cjs/* GetServiceLastAccessedDetailsCommand */.ahW({ JobId: jobId, MaxItems: 1000, Marker: marker }));
                const status = (out.JobStatus ?? 'IN_PROGRESS');
                if (status !== 'COMPLETED')
                    return {
                        status,
                        completedOn: out.JobCompletionDate?.getTime(),
                        error: out.Error
                            ? { code: out.Error.Code ?? 'FAILED', message: out.Error.Message ?? '' }
                            : undefined,
                        services: [],
                    };
                for (const s of out.ServicesLastAccessed ?? []) {
                    const namespace = s.ServiceNamespace?.toLowerCase();
                    if (!namespace)
                        continue;
                    const tracked = s.TrackedActionsLastAccessed;
                    services.push({
                        namespace,
                        lastAuthenticated: s.LastAuthenticated?.getTime(),
                        trackedActions: tracked
                            ? new Map(tracked
                                .filter((a) => a.ActionName)
                                .map((a) => [actionId(namespace, a.ActionName), a.LastAccessedTime?.getTime()]))
                            : undefined,
                    });
                }
                if (!out.IsTruncated || !out.Marker)
                    return { status, completedOn: out.JobCompletionDate?.getTime(), error: undefined, services };
                marker = out.Marker;
            }
        },
    };
}
/** `s3:CreateBucket` from the service and IAM's ActionName (the bare name; a prefixed one as it is). */
function actionId(namespace, name) {
    return name.includes(':') ? name : `${namespace}:${name}`;
}

;// CONCATENATED MODULE: ./src/aws/collect-usage.ts
// The AWS side of a run: a generated policy per principal from IAM Access Analyzer.
// Loaded with a dynamic import by main.ts, so runs that never call AWS (static mode, bad input) start
// without evaluating the AWS SDK.











/**
 * The clientToken of a principal's StartPolicyGeneration: the same for a retried request of the same
 * run attempt, so the service never starts a second job for it; new for a new run or attempt.
 */
function clientToken(run, principalArn) {
    return (0,external_node_crypto_.createHash)('sha256')
        .update(`${run.repository}\n${run.runId}\n${run.runAttempt}\n${principalArn}`)
        .digest('hex')
        .slice(0, 64);
}
/** The usage record of every requested principal, by ARN: checked, failed or timed out. */
async function collectUsage(request, deps) {
    const now = deps.now ?? Date.now;
    const end = new Date(now());
    const window = { start: new Date(end.getTime() - request.lookbackDays * time/* DAY_MS */.s), end };
    const inFlight = new Map();
    const byAccount = new Map();
    // Under policy generation, groups and managed policies are judged as written, with no call to AWS:
    // an account the run cannot reach does not fail them.
    const asWritten = new Map();
    for (const arn of request.principals) {
        if (request.source === 'policy-generation' && (0,accounts/* isGroupArn */.rm)(arn))
            asWritten.set(arn, groupUsage(arn));
        else if (request.source === 'policy-generation' && (0,accounts/* isPolicyArn */.Sx)(arn))
            asWritten.set(arn, policyUsage(arn));
        if (asWritten.has(arn))
            continue;
        const account = (0,accounts/* accountOf */.XP)(arn);
        const list = byAccount.get(account);
        if (list)
            list.push(arn);
        else
            byAccount.set(account, [arn]);
    }
    // Accounts in parallel: each has its own slots, budget and session; they share what jobs took.
    const schedules = { generation: new PollSchedule(), lastAccessed: new PollSchedule() };
    const parts = await Promise.all([...byAccount].map(async ([account, principals]) => {
        const access = await accountAccess(request, account, deps);
        if ('failure' in access)
            return principals.map((arn) => failedFor(arn, access.failure));
        const track = (jobId, running) => {
            if (running)
                inFlight.set(jobId, { jobId, ...(access.roleArn && { roleArn: access.roleArn }) });
            else
                inFlight.delete(jobId);
            deps.onInFlight?.([...inFlight.values()]);
        };
        const usage = await usageInAccount(request, deps, {
            ...access,
            principals,
            window,
            now,
            track,
            schedules,
        });
        return [...usage.values()];
    }));
    const all = new Map([...asWritten, ...parts.flat().map((u) => [u.arn, u])]);
    return new Map(request.principals.map((arn) => [arn, all.get(arn)]));
}
/** How to reach one account: its session and trail, or why its principals cannot be checked. */
async function accountAccess(request, account, deps) {
    const route = (0,account_sessions/* accountRoute */.f)(account, request.homeAccount, request.accounts);
    const reached = request.credentialsFor(account);
    if (route === null || reached === null)
        return {
            failure: {
                code: 'NO_ACCOUNT_ACCESS',
                message: `account ${account} has no accounts: entry, and the workflow's role is in ${request.homeAccount}: add ` +
                    `accounts: "${account}": { role-arn: arn:aws:iam::${account}:role/<a role the workflow's role may assume> } to the config`,
            },
        };
    if (route === 'own')
        return { credentials: await reached, cloudTrail: request.cloudTrail };
    const entry = route;
    try {
        const credentials = await reached;
        deps.logger.info(`Account ${account}: assumed ${entry.roleArn}`);
        return { credentials, cloudTrail: entry.cloudTrail ?? request.cloudTrail, roleArn: entry.roleArn };
    }
    catch (error) {
        const e = error;
        return {
            failure: {
                code: 'ACCOUNT_ACCESS',
                message: `could not assume ${entry.roleArn} from the workflow's role (${e.name}: ${e.message}): its trust policy must ` +
                    "trust the workflow's role, and the workflow's role needs sts:AssumeRole on it",
            },
        };
    }
}
/** The usage of one account's principals, with its session and trail, from the request's source. */
async function usageInAccount(request, deps, account) {
    const { credentials, window, now } = account;
    const lastAccessed = async (principals) => {
        const iam = iamClient(request.region, credentials);
        try {
            return await collectLastAccessed(principals, {
                ...window,
                waitTimeoutMs: Math.max(0, request.limits.waitTimeoutMs - (now() - window.end.getTime())),
            }, {
                api: sdkLastAccessedApi(iam),
                now,
                sleep: retry_realSleep,
                random: Math.random,
                log: (message) => deps.logger.info(message),
                ...(deps.signal && { signal: deps.signal }),
                schedule: account.schedules.lastAccessed,
            });
        }
        finally {
            iam.destroy();
        }
    };
    if (request.source === 'last-accessed')
        return lastAccessed(account.principals);
    // IAM Access Analyzer generates policies for roles and users; IAM's last-accessed data covers groups
    // and managed policies (what was done through them): auto reads it for them, outside the budget
    // (policy-generation judged them as written, in collectUsage).
    const notGenerated = (arn) => (0,accounts/* isGroupArn */.rm)(arn) || (0,accounts/* isPolicyArn */.Sx)(arn);
    const others = account.principals.filter(notGenerated);
    const generated = others.length === 0 ? account.principals : account.principals.filter((a) => !notGenerated(a));
    let ofOthers = Promise.resolve(new Map());
    if (others.length > 0) {
        const groups = others.filter(accounts/* isGroupArn */.rm).length;
        const what = [
            groups > 0 && `${groups} group(s)`,
            groups < others.length && `${others.length - groups} managed policy(ies) no one in the code has`,
        ];
        deps.logger.info(`Last-accessed data for ${what.filter(Boolean).join(' and ')}: policy generation is for roles and users`);
        // Beside the generations, not before them; awaited below (a failure there must not go unhandled).
        ofOthers = lastAccessed(others);
        ofOthers.catch(() => undefined);
    }
    if (generated.length === 0)
        return ofOthers;
    const cloudTrail = account.cloudTrail;
    if (!cloudTrail)
        throw new Error("policy generation needs the config's cloudtrail: section");
    const client = generation_api_accessAnalyzerClient(request.region, credentials);
    try {
        const outcomes = await generatePolicies(generated.map((arn) => ({
            principalArn: arn,
            clientToken: clientToken(request.run, arn),
            changed: request.changed?.has(arn) ?? false,
        })), {
            trails: cloudTrail.trails,
            accessRoleArn: cloudTrail.accessRoleArn,
            startTime: window.start,
            endTime: window.end,
            includeServiceLevelTemplate: request.includeServiceLevelTemplate,
            ...request.limits,
            // auto: past the budget, last-accessed data; policy-generation: the newest older result.
            olderResults: request.source === 'policy-generation',
        }, {
            api: generation_api_sdkGenerationApi(client),
            now,
            sleep: retry_realSleep,
            random: Math.random,
            log: (message) => deps.logger.info(message),
            ...(deps.signal && { signal: deps.signal }),
            onStarted: (jobId) => account.track(jobId, true),
            onEnded: (jobId) => account.track(jobId, false),
            schedule: account.schedules.generation,
        });
        const usage = new Map(outcomes.map((o) => [
            o.principalArn,
            toUsage(o, request.limits.waitTimeoutMs, request.includeServiceLevelTemplate),
        ]));
        const rest = outcomes.filter((o) => o.status === 'over-budget').map((o) => o.principalArn);
        if (request.source === 'auto' && rest.length > 0) {
            deps.logger.info(`Last-accessed data for the ${rest.length} principal(s) past max-generations`);
            for (const [arn, record] of await lastAccessed(rest))
                usage.set(arn, record);
        }
        for (const [arn, record] of await ofOthers)
            usage.set(arn, record);
        return usage;
    }
    finally {
        client.destroy();
    }
}
/** A group under usage-source: policy-generation: judged by its policies, and the report says how to do better. */
function groupUsage(arn) {
    const message = 'IAM Access Analyzer generates policies for roles and users, not groups: its policies are checked as written; ' +
        "usage-source: auto or last-accessed reads what the group's members used through them (IAM's last-accessed data)";
    return { ...(0,usage/* staticUsage */.cI)(arn), error: { code: 'GROUP', message } };
}
/** A managed policy no one in the code has, under usage-source: policy-generation. */
function policyUsage(arn) {
    return (0,usage/* policyAloneUsage */.v3)(arn, 'IAM Access Analyzer generates policies for roles and users only; usage-source: auto or last-accessed reads what ' +
        "those who have it used through it (IAM's last-accessed data)");
}
/** A principal of an account the run cannot reach. */
function failedFor(arn, error) {
    return { ...(0,usage/* staticUsage */.cI)(arn), status: 'failed', error };
}
/** The usage record of an engine outcome. */
function toUsage(outcome, waitTimeoutMs, serviceLevel = false) {
    const base = {
        arn: outcome.principalArn,
        jobId: outcome.jobId,
        window: null,
        isComplete: null,
        generatedPolicies: [],
    };
    switch (outcome.status) {
        case 'checked':
            return {
                ...base,
                status: 'checked',
                usage: {
                    source: 'policy-generation',
                    reused: outcome.reused,
                    completedAt: outcome.snapshot.completedOn
                        ? new Date(outcome.snapshot.completedOn).toISOString()
                        : null,
                    serviceLevel,
                },
                error: null,
                window: outcome.snapshot.window ?? null,
                isComplete: outcome.snapshot.isComplete ?? null,
                generatedPolicies: outcome.snapshot.policies,
            };
        case 'failed':
            return { ...base, status: 'failed', usage: GENERATION, error: withAdvice(outcome.error) };
        case 'over-budget':
            return {
                ...base,
                status: 'static',
                usage: null,
                error: {
                    code: 'MAX_GENERATIONS',
                    message: `not checked against usage: this run's max-generations for its account went to principals before it ` +
                        `(those the pull request changes, then the stalest), and it has no earlier generation over the same trails. ` +
                        'usage-source: auto checks such principals with last-accessed data; a higher max-generations starts more (50 a day per account).',
                },
            };
        case 'timed-out':
            return {
                ...base,
                status: 'timed-out',
                usage: GENERATION,
                error: {
                    code: 'TIMED_OUT',
                    message: outcome.jobId
                        ? `still running after wait-timeout (${Math.round(waitTimeoutMs / 1000)} s); the generation was cancelled`
                        : 'not started before wait-timeout: the account had no free generation slot in time',
                },
            };
    }
}
const GENERATION = { source: 'policy-generation', reused: false, completedAt: null };
/** What to do about the job errors a user can act on. */
function withAdvice(error) {
    const hint = collect_usage_ADVICE[error.code];
    return hint ? { code: error.code, message: `${error.message} ${hint}`.trim() } : error;
}
const collect_usage_ADVICE = {
    SERVICE_QUOTA_EXCEEDED_ERROR: 'The account has used its daily policy generations (50 by default, cancelled ones included); not retried. Lower ' +
        'max-generations so a run never takes the whole day, use usage-source: auto (last-accessed data past it) or ' +
        'last-accessed, keep reuse-max-age at 24h or more so pull requests reuse the nightly results, or ask for a higher quota.',
    AUTHORIZATION_ERROR: "Access Analyzer could not read the trail: check the access role's permissions (cloudtrail:GetTrail, " +
        'iam:GenerateServiceLastAccessedDetails, iam:GetServiceLastAccessedDetails, s3:GetObject and s3:ListBucket on ' +
        'the trail bucket, kms:Decrypt if encrypted) and that the role trusts access-analyzer.amazonaws.com ' +
        '(examples/aws has all of it).',
    AccessDeniedException: "The workflow's role may not call IAM Access Analyzer or pass it the access role: it needs " +
        'access-analyzer:StartPolicyGeneration, GetGeneratedPolicy, ListPolicyGenerations and CancelPolicyGeneration, ' +
        'and iam:PassRole on cloudtrail.access-role-arn (examples/aws has all of it).',
    RESOURCE_NOT_FOUND_ERROR: 'The trail, its bucket or the principal was not found: check the ARNs in the config.',
};


/***/ }),

/***/ 6963:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   assumeChainedRole: () => (/* binding */ assumeChainedRole),
/* harmony export */   assumeRoleWithOidc: () => (/* binding */ assumeRoleWithOidc),
/* harmony export */   renewing: () => (/* binding */ renewing),
/* harmony export */   resolveCredentials: () => (/* binding */ resolveCredentials)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1695);
/* harmony import */ var _vocabulary_problems_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5486);


/** How long before they expire credentials are renewed: a request signed then still has time to land. */
const RENEW_BEFORE_MS = 5 * 60_000;
/**
 * A provider of credentials from `fetch`, which it calls again when they are within five minutes of
 * expiring: a run that waits on jobs for longer than a session lasts (role chaining caps sessions at
 * one hour) keeps working. Callers that ask while a renewal is under way share it; a failed one is
 * retried at the next ask.
 */
function renewing(fetch, first, now = Date.now) {
    let current = first && Promise.resolve(first);
    let renewAt = first ? expiryOf(first) - RENEW_BEFORE_MS : 0;
    return () => {
        if (!current || now() >= renewAt) {
            const next = fetch();
            current = next;
            renewAt = Number.POSITIVE_INFINITY;
            next.then((c) => {
                if (current === next)
                    renewAt = expiryOf(c) - RENEW_BEFORE_MS;
            }, () => {
                if (current === next)
                    current = undefined;
            });
        }
        return current;
    };
}
function expiryOf(c) {
    return c.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
}
/**
 * Credentials for a role of another account, assumed from the run's own (STS AssumeRole: role
 * chaining, one hour at most) and masked like the first session's.
 */
async function assumeChainedRole(request, base, mask) {
    const sts = new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_1__/* .STSClient */ .iM({ region: request.region, maxAttempts: 3, ...(base && { credentials: base }) });
    try {
        const out = await sts.send(new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_1__/* .AssumeRoleCommand */ .QL({
            RoleArn: request.roleArn,
            RoleSessionName: request.sessionName,
            DurationSeconds: 3600,
        }));
        return maskedCredentials(out.Credentials, mask);
    }
    finally {
        sts.destroy();
    }
}
function maskedCredentials(c, mask) {
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
        throw new Error('STS returned no credentials');
    mask(c.AccessKeyId);
    mask(c.SecretAccessKey);
    mask(c.SessionToken);
    return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        ...(c.Expiration && { expiration: c.Expiration }),
    };
}
/**
 * Credentials for the run: the role through OIDC when `role-to-assume` is set (assumed now, so a
 * refusal stops the run before anything starts; renewed with a fresh token before they expire), else
 * the SDK's default chain (what aws-actions/configure-aws-credentials set up), represented as undefined.
 */
async function resolveCredentials(request, region, deps) {
    const roleArn = request.roleToAssume;
    if (!roleArn)
        return undefined;
    const assume = () => assumeRoleWithOidc({ roleArn, audience: request.audience, sessionName: request.roleSessionName, region }, deps);
    return renewing(assume, await assume());
}
/**
 * Temporary credentials for `roleArn` through GitHub OIDC and STS AssumeRoleWithWebIdentity, masked
 * before anything could print them. STS is reached at the SDK's endpoint for the region, or at
 * AWS_ENDPOINT_URL_STS, as the SDK resolves it.
 */
async function assumeRoleWithOidc(request, deps) {
    const token = await deps.getIdToken(request.audience);
    // The token is a bearer credential for the role: never let it reach a log.
    deps.mask(token);
    const sts = new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_1__/* .STSClient */ .iM({ region: request.region, maxAttempts: 3 });
    try {
        const out = await sts.send(new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_1__/* .AssumeRoleWithWebIdentityCommand */ .WH({
            RoleArn: request.roleArn,
            RoleSessionName: request.sessionName,
            WebIdentityToken: token,
            DurationSeconds: 3600,
        }));
        return maskedCredentials(out.Credentials, deps.mask);
    }
    catch (error) {
        const e = error;
        if (e.name === 'AccessDenied' ||
            e.name === 'AccessDeniedException' ||
            e.name === 'InvalidIdentityToken') {
            throw new _vocabulary_problems_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL([
                {
                    message: `STS refused to let this workflow assume ${request.roleArn} (${e.name}: ${e.message}). Check the role's ` +
                        `trust policy: it must trust the GitHub OIDC provider (token.actions.githubusercontent.com) with ` +
                        `"token.actions.githubusercontent.com:aud" = "${request.audience}" and a ` +
                        `"token.actions.githubusercontent.com:sub" condition that matches this repository and event ` +
                        '(for example repo:OWNER/REPO:pull_request).',
                },
            ]);
        }
        throw error;
    }
    finally {
        sts.destroy();
    }
}


/***/ })

};
