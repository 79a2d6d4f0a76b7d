export const id = 963;
export const ids = [963];
export const modules = {

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
