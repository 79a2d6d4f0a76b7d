export const id = 963;
export const ids = [963];
export const modules = {

/***/ 6963:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   resolveCredentials: () => (/* binding */ resolveCredentials)
/* harmony export */ });
/* unused harmony export assumeRoleWithOidc */
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1695);
/* harmony import */ var _vocabulary_problems_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5486);


/**
 * Credentials for the run: the role through OIDC when `role-to-assume` is set, else the SDK's default
 * chain (what aws-actions/configure-aws-credentials set up), represented as undefined.
 */
async function resolveCredentials(request, region, deps) {
    if (!request.roleToAssume)
        return undefined;
    return assumeRoleWithOidc({
        roleArn: request.roleToAssume,
        audience: request.audience,
        sessionName: request.roleSessionName,
        region,
    }, deps);
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
