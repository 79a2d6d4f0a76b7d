export const id = 289;
export const ids = [289];
export const modules = {

/***/ 4289:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  collectUsage: () => (/* binding */ collectUsage)
});

// UNUSED EXPORTS: accessAnalyzerClient, clientToken, resolveCredentials, toUsage

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-accessanalyzer/dist-cjs/index.js
var dist_cjs = __webpack_require__(1645);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var client_sts_dist_cjs = __webpack_require__(1695);
// EXTERNAL MODULE: ./src/config/errors.ts
var errors = __webpack_require__(7827);
;// CONCATENATED MODULE: ./src/aws/credentials.ts


/**
 * Temporary credentials for `roleArn` through GitHub OIDC and STS AssumeRoleWithWebIdentity, masked
 * before anything could print them. STS is reached at the SDK's endpoint for the region, or at
 * AWS_ENDPOINT_URL_STS, as the SDK resolves it.
 */
async function assumeRoleWithOidc(request, deps) {
    const token = await deps.getIdToken(request.audience);
    // The token is a bearer credential for the role: never let it reach a log.
    deps.mask(token);
    const sts = new client_sts_dist_cjs/* STSClient */.iM({ region: request.region, maxAttempts: 3 });
    try {
        const out = await sts.send(new client_sts_dist_cjs/* AssumeRoleWithWebIdentityCommand */.WH({
            RoleArn: request.roleArn,
            RoleSessionName: request.sessionName,
            WebIdentityToken: token,
            DurationSeconds: 3600,
        }));
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
            throw new Error('STS returned no credentials');
        deps.mask(c.AccessKeyId);
        deps.mask(c.SecretAccessKey);
        deps.mask(c.SessionToken);
        return {
            accessKeyId: c.AccessKeyId,
            secretAccessKey: c.SecretAccessKey,
            sessionToken: c.SessionToken,
            ...(c.Expiration && { expiration: c.Expiration }),
        };
    }
    catch (error) {
        const e = error;
        if (e.name === 'AccessDenied' ||
            e.name === 'AccessDeniedException' ||
            e.name === 'InvalidIdentityToken') {
            throw new errors/* ConfigError */.xL([
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

;// CONCATENATED MODULE: ./src/aws/generation-api.ts

/** The API over the AWS SDK's Access Analyzer client. */
function sdkGenerationApi(client) {
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
            let nextToken;
            do {
                const out = await client.send(new dist_cjs/* ListPolicyGenerationsCommand */.Pwq({ principalArn, maxResults: 100, nextToken }));
                for (const g of out.policyGenerations ?? []) {
                    if (!g.jobId)
                        continue;
                    jobs.push({
                        jobId: g.jobId,
                        status: (g.status ?? 'IN_PROGRESS'),
                        startedOn: g.startedOn?.getTime() ?? 0,
                        completedOn: g.completedOn?.getTime(),
                    });
                }
                nextToken = out.nextToken;
            } while (nextToken);
            return jobs;
        },
        async cancel(jobId) {
            await client.send(new dist_cjs/* CancelPolicyGenerationCommand */.e4j({ jobId }));
        },
    };
}

;// CONCATENATED MODULE: ./src/aws/retry.ts
const realSleep = (ms, signal) => new Promise((done) => {
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
    if (status === 429 || e.name === 'ThrottlingException' || e.$retryable?.throttling) {
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

;// CONCATENATED MODULE: ./src/aws/generation-engine.ts

const FIRST_POLL_MS = 1_000;
const MIN_POLL_STEP_MS = 500;
const POLL_GROWTH = 1.25;
const MAX_POLL_STEP_MS = 30_000;
const NEAR_ESTIMATE_STEP_MS = 250;
const QUOTA_WAIT_MS = 2_000;
const PROGRESS_EVERY_MS = 30_000;
const DAY_MS = 86_400_000;
/**
 * When to poll a job next, from how long it has been running. Cheap for long jobs, quick for short
 * ones: until a job of this run has finished, polls follow a geometric schedule (1 s, then +25 %, at
 * least 0.5 s and at most 30 s apart); once one has, later jobs are polled just after the typical
 * duration (the median seen so far) and every 250 ms around it, so a slot is handed on almost as soon
 * as it frees.
 */
class PollSchedule {
    durations = [];
    /** Records a finished job's duration, as the service reports it. */
    observe(durationMs) {
        if (durationMs > 0)
            this.durations.push(durationMs);
    }
    get estimateMs() {
        if (this.durations.length === 0)
            return undefined;
        const sorted = [...this.durations].sort((a, b) => a - b);
        return sorted[Math.floor(sorted.length / 2)];
    }
    /** Milliseconds from now to the next poll of a job that has run `elapsedMs` (and was polled `polls` times). */
    nextDelay(elapsedMs) {
        const estimate = this.estimateMs;
        if (estimate !== undefined) {
            if (elapsedMs < estimate)
                return estimate - elapsedMs + 50;
            if (elapsedMs < estimate * 1.5)
                return NEAR_ESTIMATE_STEP_MS;
        }
        if (elapsedMs < FIRST_POLL_MS)
            return FIRST_POLL_MS - elapsedMs;
        const step = Math.max(MIN_POLL_STEP_MS, elapsedMs * (POLL_GROWTH - 1));
        return Math.min(MAX_POLL_STEP_MS, step);
    }
}
/**
 * Gets a generated policy for every target from IAM Access Analyzer: reuses a recent matching
 * generation where there is one, otherwise starts one, with at most `maxConcurrent` in flight (a new
 * one starts the moment a slot frees), and polls until each ends. Jobs still running at the timeout,
 * or when `signal` aborts, are cancelled. One principal's failure never stops the others.
 */
async function generatePolicies(targets, settings, deps) {
    const started = deps.now();
    const deadline = started + settings.waitTimeoutMs;
    const schedule = new PollSchedule();
    const outcomes = new Map();
    const running = new Map(); // principal -> job id
    const orphans = new Set(); // started jobs whose end we did not see
    const queue = [...targets];
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    deps.signal?.addEventListener('abort', onAbort, { once: true });
    // Waits on the injected clock, never past the deadline; reaching it stops everything.
    const pause = async (ms) => {
        await deps.sleep(Math.max(0, Math.min(ms, deadline - deps.now())), stop.signal);
        if (deps.now() >= deadline)
            stop.abort();
    };
    const retry = (call, what) => withRetry(call, {
        sleep: deps.sleep,
        random: deps.random,
        signal: stop.signal,
        deadline,
        now: deps.now,
        onRetry: (error, attempt, delay) => deps.log(`${what}: ${error.name ?? 'error'} (${error.message}); retry ${attempt + 1} in ${Math.round(delay)} ms`),
    });
    let lastProgress = started;
    const progress = () => {
        if (deps.now() - lastProgress < PROGRESS_EVERY_MS)
            return;
        lastProgress = deps.now();
        deps.log(`Policy generation: ${outcomes.size} done, ${running.size} running, ${queue.length} queued, ` +
            `${Math.round((deps.now() - started) / 1000)} s elapsed`);
    };
    async function reusable(target) {
        if (settings.reuseMaxAgeMs <= 0)
            return undefined;
        const oldest = deps.now() - settings.reuseMaxAgeMs;
        const candidates = (await retry(() => deps.api.list(target.principalArn), 'ListPolicyGenerations'))
            .filter((j) => j.status === 'SUCCEEDED' && (j.completedOn ?? 0) >= oldest)
            .sort((a, b) => (b.completedOn ?? 0) - (a.completedOn ?? 0))
            .slice(0, 3);
        for (const candidate of candidates) {
            const snapshot = await retry(() => deps.api.get(candidate.jobId, settings.includeServiceLevelTemplate), 'GetGeneratedPolicy');
            if (sameScope(snapshot, settings))
                return snapshot;
        }
        return undefined;
    }
    async function startJob(target) {
        const input = {
            principalArn: target.principalArn,
            trails: settings.trails,
            accessRoleArn: settings.accessRoleArn,
            startTime: settings.startTime,
            endTime: settings.endTime,
            clientToken: target.clientToken,
        };
        // ServiceQuotaExceeded on start means another generation holds the account's slot (ours or
        // another run's): wait for it, do not fail.
        while (!stop.signal.aborted) {
            try {
                return await retry(() => deps.api.start(input), `StartPolicyGeneration ${target.principalArn}`);
            }
            catch (error) {
                if (error.name !== 'ServiceQuotaExceededException')
                    throw error;
                deps.log(`StartPolicyGeneration ${target.principalArn}: no free generation slot in the account yet; waiting`);
                await pause(QUOTA_WAIT_MS / 2 + deps.random() * QUOTA_WAIT_MS);
            }
        }
        return undefined;
    }
    async function waitFor(target, jobId, startedAt) {
        for (;;) {
            await pause(schedule.nextDelay(deps.now() - startedAt));
            if (stop.signal.aborted)
                return { principalArn: target.principalArn, status: 'timed-out', jobId };
            const snapshot = await retry(() => deps.api.get(jobId, settings.includeServiceLevelTemplate), 'GetGeneratedPolicy');
            progress();
            if (snapshot.status === 'IN_PROGRESS')
                continue;
            if (snapshot.completedOn)
                schedule.observe(snapshot.completedOn - snapshot.startedOn);
            if (snapshot.status === 'SUCCEEDED')
                return { principalArn: target.principalArn, status: 'checked', jobId, reused: false, snapshot };
            const error = snapshot.error ?? { code: snapshot.status, message: `the job ended ${snapshot.status}` };
            return { principalArn: target.principalArn, status: 'failed', jobId, error };
        }
    }
    async function handle(target) {
        const reused = await reusable(target);
        if (reused) {
            deps.log(`${target.principalArn}: reusing generation ${reused.jobId} (completed ${new Date(reused.completedOn ?? 0).toISOString()})`);
            return {
                principalArn: target.principalArn,
                status: 'checked',
                jobId: reused.jobId,
                reused: true,
                snapshot: reused,
            };
        }
        const jobId = await startJob(target);
        if (!jobId)
            return { principalArn: target.principalArn, status: 'timed-out', jobId: null };
        running.set(target.principalArn, jobId);
        deps.onStarted?.(jobId);
        deps.log(`${target.principalArn}: started generation ${jobId}`);
        try {
            return await waitFor(target, jobId, deps.now());
        }
        catch (error) {
            // The job may still be running: it must be cancelled like a timed-out one, whatever stopped us.
            orphans.add(jobId);
            if (stop.signal.aborted || deps.now() >= deadline)
                return { principalArn: target.principalArn, status: 'timed-out', jobId };
            const e = error;
            return {
                principalArn: target.principalArn,
                status: 'failed',
                jobId,
                error: { code: e.name ?? 'Error', message: e.message },
            };
        }
        finally {
            running.delete(target.principalArn);
        }
    }
    async function worker() {
        for (let target = queue.shift(); target; target = queue.shift()) {
            if (stop.signal.aborted) {
                outcomes.set(target.principalArn, {
                    principalArn: target.principalArn,
                    status: 'timed-out',
                    jobId: null,
                });
                continue;
            }
            let outcome;
            try {
                outcome = await handle(target);
            }
            catch (error) {
                const e = error;
                outcome =
                    stop.signal.aborted || deps.now() >= deadline
                        ? {
                            principalArn: target.principalArn,
                            status: 'timed-out',
                            jobId: running.get(target.principalArn) ?? null,
                        }
                        : {
                            principalArn: target.principalArn,
                            status: 'failed',
                            jobId: null,
                            error: { code: e.name ?? 'Error', message: e.message },
                        };
            }
            outcomes.set(target.principalArn, outcome);
            // A job seen to end is forgotten now; one timed out or stopped watching, once it is cancelled.
            const ended = outcome.status !== 'timed-out' && outcome.jobId && !orphans.has(outcome.jobId);
            if (ended && !(outcome.status === 'checked' && outcome.reused))
                deps.onEnded?.(outcome.jobId);
        }
    }
    try {
        await Promise.all(Array.from({ length: Math.max(1, Math.min(settings.maxConcurrent, targets.length)) }, worker));
    }
    finally {
        deps.signal?.removeEventListener('abort', onAbort);
    }
    // No path leaves a job running: cancel what timed out or was interrupted (fresh deadline: the run's is gone).
    const leftovers = [...outcomes.values()].filter((o) => o.jobId && (o.status === 'timed-out' || orphans.has(o.jobId)));
    await Promise.all(leftovers.map(async (o) => {
        const jobId = o.jobId;
        try {
            await withRetry(() => deps.api.cancel(jobId), {
                sleep: deps.sleep,
                random: deps.random,
                deadline: deps.now() + 20_000,
                now: deps.now,
            });
            deps.log(`${o.principalArn}: ${why(o)}; generation ${jobId} cancelled`);
            deps.onEnded?.(jobId);
        }
        catch (error) {
            deps.log(`${o.principalArn}: ${why(o)}; cancelling generation ${jobId} failed: ${error.message}`);
        }
    }));
    return targets.map((t) => outcomes.get(t.principalArn) ?? { principalArn: t.principalArn, status: 'timed-out', jobId: null });
}
function why(outcome) {
    return outcome.status === 'timed-out' ? 'timed out' : 'stopped waiting after an error';
}
/**
 * Whether a finished generation covers what this run would ask for: the same trails (and regions), and
 * a CloudTrail window of the same length (within a day) — its end is at most `reuseMaxAge` old by
 * construction of the candidates.
 */
function sameScope(snapshot, settings) {
    if (snapshot.status !== 'SUCCEEDED' || !snapshot.trails || !snapshot.window)
        return false;
    const key = (t) => `${t.arn}|${t.allRegions ? '*' : [...t.regions].sort().join(',')}`;
    const want = settings.trails.map(key).sort().join(' ');
    const have = snapshot.trails.map(key).sort().join(' ');
    const span = Date.parse(snapshot.window.end) - Date.parse(snapshot.window.start);
    const wantSpan = settings.endTime.getTime() - settings.startTime.getTime();
    return want === have && Math.abs(span - wantSpan) <= DAY_MS;
}

;// CONCATENATED MODULE: ./src/aws/collect-usage.ts
// The AWS side of a run: credentials, then a generated policy per principal from IAM Access Analyzer.
// Loaded with a dynamic import by main.ts, so runs that never call AWS (static mode, bad input) start
// without evaluating the AWS SDK.






const collect_usage_DAY_MS = 86_400_000;
/**
 * Credentials for the run: the role through OIDC when `role-to-assume` is set, else the SDK's default
 * chain (what aws-actions/configure-aws-credentials set up), represented as undefined.
 */
async function resolveCredentials(settings, region, deps) {
    if (!settings.roleToAssume)
        return undefined;
    return assumeRoleWithOidc({
        roleArn: settings.roleToAssume,
        audience: settings.audience,
        sessionName: settings.roleSessionName,
        region,
    }, deps);
}
/** A client for Access Analyzer: the engine does its own retries, so the SDK makes one attempt. */
function accessAnalyzerClient(region, credentials) {
    return new dist_cjs/* AccessAnalyzerClient */.eXW({ region, maxAttempts: 1, ...(credentials && { credentials }) });
}
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
async function collectUsage(principals, cloudTrail, includeServiceLevelTemplate, settings, region, run, deps) {
    const credentials = await resolveCredentials(settings, region, deps);
    const client = accessAnalyzerClient(region, credentials);
    const now = deps.now ?? Date.now;
    const end = new Date(now());
    const start = new Date(end.getTime() - cloudTrail.lookbackDays * collect_usage_DAY_MS);
    const inFlight = new Set();
    const outcomes = await generatePolicies(principals.map((arn) => ({ principalArn: arn, clientToken: clientToken(run, arn) })), {
        trails: cloudTrail.trails,
        accessRoleArn: cloudTrail.accessRoleArn,
        startTime: start,
        endTime: end,
        includeServiceLevelTemplate,
        maxConcurrent: settings.maxConcurrentJobs,
        waitTimeoutMs: settings.waitTimeoutMs,
        reuseMaxAgeMs: settings.reuseMaxAgeMs,
    }, {
        api: sdkGenerationApi(client),
        now,
        sleep: realSleep,
        random: Math.random,
        log: deps.log,
        ...(deps.signal && { signal: deps.signal }),
        onStarted: (jobId) => {
            inFlight.add(jobId);
            deps.onInFlight?.([...inFlight]);
        },
        onEnded: (jobId) => {
            inFlight.delete(jobId);
            deps.onInFlight?.([...inFlight]);
        },
    });
    client.destroy();
    const generatedPolicies = new Map();
    for (const o of outcomes)
        if (o.status === 'checked')
            generatedPolicies.set(o.principalArn, o.snapshot.policies);
    return { usage: outcomes.map((o) => toUsage(o, settings)), generatedPolicies };
}
/** How an engine outcome reads in the report. */
function toUsage(outcome, settings) {
    const base = { arn: outcome.principalArn, jobId: outcome.jobId };
    switch (outcome.status) {
        case 'checked':
            return {
                ...base,
                status: 'checked',
                error: null,
                window: outcome.snapshot.window ?? null,
                isComplete: outcome.snapshot.isComplete ?? null,
            };
        case 'failed':
            return { ...base, status: 'failed', error: withAdvice(outcome.error), window: null, isComplete: null };
        case 'timed-out':
            return {
                ...base,
                status: 'timed-out',
                error: {
                    code: 'TIMED_OUT',
                    message: outcome.jobId
                        ? `still running after wait-timeout (${Math.round(settings.waitTimeoutMs / 1000)} s); the generation was cancelled`
                        : 'not started before wait-timeout: the account had no free generation slot in time',
                },
                window: null,
                isComplete: null,
            };
    }
}
/** What to do about the job errors a user can act on. */
function withAdvice(error) {
    const advice = {
        SERVICE_QUOTA_EXCEEDED_ERROR: 'The account has used its daily policy generations (50 by default, cancelled ones included). Keep reuse-max-age ' +
            'at 24h or more so pull requests reuse the nightly results, check fewer principals per run, or ask for a higher quota.',
        AUTHORIZATION_ERROR: "Access Analyzer could not read the trail: check the access role's permissions (cloudtrail:GetTrail, " +
            'iam:GenerateServiceLastAccessedDetails, iam:GetServiceLastAccessedDetails, s3:GetObject and s3:ListBucket on ' +
            'the trail bucket, kms:Decrypt if encrypted) and that the role trusts access-analyzer.amazonaws.com ' +
            '(examples/aws has all of it).',
        AccessDeniedException: "The workflow's role may not call IAM Access Analyzer or pass it the access role: it needs " +
            'access-analyzer:StartPolicyGeneration, GetGeneratedPolicy, ListPolicyGenerations and CancelPolicyGeneration, ' +
            'and iam:PassRole on cloudtrail.access-role-arn (examples/aws has all of it).',
        RESOURCE_NOT_FOUND_ERROR: 'The trail, its bucket or the principal was not found: check the ARNs in the config.',
    };
    const hint = advice[error.code];
    return hint ? { code: error.code, message: `${error.message} ${hint}`.trim() } : error;
}


/***/ })

};
