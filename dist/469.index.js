export const id = 469;
export const ids = [469];
export const modules = {

/***/ 8469:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   fetchManagedPolicies: () => (/* binding */ fetchManagedPolicies)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6764);
// The current default version of AWS managed policies (iam:GetPolicy, iam:GetPolicyVersion), in place
// of the build-time snapshot, when the workflow's role may read them. AWS updates managed policies
// without notice; the snapshot can be months old.

/**
 * The current documents of these AWS managed policies, by ARN. A policy the role may not read (or that
 * the call fails for) is left out, with one warning for all of them: the snapshot stands in.
 */
async function fetchManagedPolicies(arns, request, logger) {
    const client = new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_0__/* .IAMClient */ .h8v({
        region: request.region,
        maxAttempts: 3,
        ...(request.credentials && { credentials: request.credentials }),
    });
    const current = new Map();
    const failed = [];
    try {
        for (const arn of arns) {
            try {
                const { Policy } = await client.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_0__/* .GetPolicyCommand */ .s4W({ PolicyArn: arn }));
                const versionId = Policy?.DefaultVersionId;
                if (!versionId)
                    throw new Error('GetPolicy returned no default version');
                const { PolicyVersion } = await client.send(new _aws_sdk_client_iam__WEBPACK_IMPORTED_MODULE_0__/* .GetPolicyVersionCommand */ .G45({ PolicyArn: arn, VersionId: versionId }));
                if (!PolicyVersion?.Document)
                    throw new Error('GetPolicyVersion returned no document');
                // IAM returns the document URL-encoded (RFC 3986).
                current.set(arn, { document: decodeURIComponent(PolicyVersion.Document), versionId });
            }
            catch (error) {
                failed.push(`${arn} (${error.name}: ${error.message})`);
            }
        }
    }
    finally {
        client.destroy();
    }
    if (failed.length > 0) {
        logger.warning(`The current version of ${failed.length} AWS managed polic${failed.length === 1 ? 'y' : 'ies'} could not be read, so the ` +
            `snapshot built into the action is used: ${failed.join('; ')}. Give the workflow's role iam:GetPolicy and ` +
            'iam:GetPolicyVersion on arn:aws:iam::aws:policy/* (examples/aws has them).');
    }
    return current;
}


/***/ })

};
