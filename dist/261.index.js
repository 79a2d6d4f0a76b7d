export const id = 261;
export const ids = [261];
export const modules = {

/***/ 1261:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   resolveStackNames: () => (/* binding */ resolveStackNames)
/* harmony export */ });
/* unused harmony export unnamed */
/* harmony import */ var _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3805);
// The physical names of the roles and users a CloudFormation stack created without a RoleName /
// UserName (CloudFormation names them `<stack>-<LogicalId>-<suffix>`): read from the deployed stack
// with cloudformation:DescribeStackResources, so their usage can be asked for.

/**
 * The principals with the names the stack gave them: each CloudFormation principal without a name of
 * its own whose entry has `stack-name`. One DescribeStackResources per stack. A logical id the stack
 * does not have (a role this change adds) is `new`; a stack that cannot be read leaves its principals
 * to the static checks, with one warning saying why.
 */
async function resolveStackNames(principals, request, logger) {
    const wanted = new Set();
    for (const p of principals)
        if (unnamed(p) && p.source.kind === 'cloudformation' && p.source.stackName)
            wanted.add(p.source.stackName);
    if (wanted.size === 0)
        return [...principals];
    const client = new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_0__/* .CloudFormationClient */ .m1N({
        region: request.region,
        maxAttempts: 3,
        ...(request.credentials && { credentials: request.credentials }),
    });
    const stacks = new Map();
    try {
        for (const stackName of wanted) {
            try {
                const { StackResources = [] } = await client.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_0__/* .DescribeStackResourcesCommand */ .OTB({ StackName: stackName }));
                const account = StackResources[0]?.StackId?.split(':')[4];
                const physical = new Map();
                for (const r of StackResources)
                    if (r.LogicalResourceId && r.PhysicalResourceId)
                        physical.set(r.LogicalResourceId, r.PhysicalResourceId);
                stacks.set(stackName, { account, physical });
                logger.info(`Stack ${stackName}: ${physical.size} resource(s), the names of its roles read`);
            }
            catch (error) {
                logger.warning(`The resources of stack ${stackName} could not be read (${error.name}: ${error.message}), so its ` +
                    "roles without a RoleName are judged by the static checks alone. Give the workflow's role cloudformation:DescribeStackResources " +
                    '(examples/aws has it), and check the stack name and region.');
            }
        }
    }
    finally {
        client.destroy();
    }
    return principals.map((p) => {
        if (!unnamed(p) || p.source.kind !== 'cloudformation' || !p.source.stackName)
            return p;
        const stack = stacks.get(p.source.stackName);
        if (!stack)
            return p;
        const name = stack.physical.get(p.source.logicalId);
        if (!name)
            return { ...p, lifecycle: 'new' };
        const arn = p.arn
            .replace(`\${${p.source.logicalId}}`, name)
            .replace('${AWS::AccountId}', stack.account ?? '${AWS::AccountId}');
        return { ...p, arn, lifecycle: arn.includes('${') ? p.lifecycle : 'exists' };
    });
}
/**
 * A principal from a template whose ARN the deployed stack completes: CloudFormation chose its name
 * (`${LogicalId}` in the ARN), or the account is not in the config (`${AWS::AccountId}`).
 */
function unnamed(p) {
    return (p.source.kind === 'cloudformation' &&
        p.lifecycle === 'unknown' &&
        (p.arn.includes(`\${${p.source.logicalId}}`) || p.arn.includes('${AWS::AccountId}')));
}


/***/ })

};
