export const id = 601;
export const ids = [601];
export const modules = {

/***/ 7601:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cancelLeftoverJobs: () => (/* binding */ cancelLeftoverJobs),
  cancelWithRetry: () => (/* binding */ cancelWithRetry)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var dist_cjs = __webpack_require__(1695);
// EXTERNAL MODULE: ./src/vocabulary/problems.ts
var problems = __webpack_require__(5486);
;// CONCATENATED MODULE: ./src/aws/credentials.ts


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
    const sts = new dist_cjs/* STSClient */.iM({ region: request.region, maxAttempts: 3, ...(base && { credentials: base }) });
    try {
        const out = await sts.send(new dist_cjs/* AssumeRoleCommand */.QL({
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
    const sts = new dist_cjs/* STSClient */.iM({ region: request.region, maxAttempts: 3 });
    try {
        const out = await sts.send(new dist_cjs/* AssumeRoleWithWebIdentityCommand */.WH({
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
            throw new problems/* ConfigError */.xL([
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

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-accessanalyzer/dist-cjs/index.js
var client_accessanalyzer_dist_cjs = __webpack_require__(1645);
;// CONCATENATED MODULE: ./src/aws/generation-api.ts

/** A client for Access Analyzer: the engine does its own retries, so the SDK makes one attempt. */
function accessAnalyzerClient(region, credentials) {
    return new client_accessanalyzer_dist_cjs/* AccessAnalyzerClient */.eXW({ region, maxAttempts: 1, ...(credentials && { credentials }) });
}
/** The API over the AWS SDK's Access Analyzer client. */
function sdkGenerationApi(client) {
    return {
        async start(input) {
            const { jobId } = await client.send(new client_accessanalyzer_dist_cjs/* StartPolicyGenerationCommand */.YPx({
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
            new client_accessanalyzer_dist_cjs/* GetGeneratedPolicyCommand */.vO6({
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
            await client.send(new client_accessanalyzer_dist_cjs/* CancelPolicyGenerationCommand */.e4j({ jobId }));
        },
    };
}
/** ListPolicyGenerations page by page (the SDK's paginator): the principal's generations, or with none the account's. */
async function* listed(client, principalArn) {
    for await (const page of (0,client_accessanalyzer_dist_cjs/* paginateListPolicyGenerations */.HJT)({ client }, { principalArn, maxResults: 100 }))
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


/***/ })

};
