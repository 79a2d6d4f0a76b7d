export const id = 261;
export const ids = [261];
export const modules = {

/***/ 9980:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ cloudFormationClients)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3805);
// CloudFormation clients for the stacks a run reads (the names of their roles, their deployed templates),
// one per account and region.

/**
 * Clients by account and region, each made once however many stacks ask at once, with the account's
 * credentials (credentialsByAccount): `clientIn` gives null for an account the run has no role in.
 * `destroy` ends them all.
 */
function cloudFormationClients(credentialsFor) {
    const clients = new Map();
    return {
        clientIn: (account, region) => {
            const key = `${account ?? ''}/${region}`;
            let client = clients.get(key);
            if (!client) {
                const reached = credentialsFor(account);
                if (reached === null)
                    return null;
                client = reached.then((credentials) => new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_0__/* .CloudFormationClient */ .m1N({ region, maxAttempts: 3, ...(credentials && { credentials }) }));
                clients.set(key, client);
            }
            return client;
        },
        destroy: async () => {
            for (const client of clients.values())
                await client.then((c) => c.destroy()).catch(() => { });
        },
    };
}


/***/ }),

/***/ 1261:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   resolveStackNames: () => (/* binding */ resolveStackNames)
/* harmony export */ });
/* unused harmony export unnamed */
/* harmony import */ var _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3805);
/* harmony import */ var _vocabulary_accounts_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7146);
/* harmony import */ var _cloudformation_clients_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9980);
// The physical names of the roles and users a CloudFormation stack created without a RoleName /
// UserName (CloudFormation names them `<stack>-<LogicalId>-<suffix>`): read from the deployed stack
// with cloudformation:DescribeStackResources, so their usage can be asked for.



/**
 * The principals with the names the stack gave them: each CloudFormation principal without a name of
 * its own whose entry has `stack-name` — in that stack, or in a stack it nests (found by the nested
 * stack resources' logical ids, each nested stack read by the id CloudFormation gave it). One
 * DescribeStackResources per stack. A logical id the stack does not have (a role, or a nested stack,
 * this change adds) is `new`; a stack that cannot be read leaves its principals to the static checks,
 * with one warning saying why.
 */
async function resolveStackNames(principals, request, logger) {
    if (!principals.some((p) => stackOf(p) !== undefined))
        return [...principals];
    // A client per account and region: a stack is read in its own region (its entry's region:, its CDK
    // environment's), and in another account through that account's accounts: role, as its usage is.
    const clients = (0,_cloudformation_clients_js__WEBPACK_IMPORTED_MODULE_1__/* .cloudFormationClients */ .f)(request.credentialsFor);
    // Each stack read once, whichever principals ask (null: it could not be read).
    const read = new Map();
    const describe = (account, region, stackName, label) => {
        const key = `${account ?? ''}/${region}\u0000${stackName}`;
        let pending = read.get(key);
        if (!pending) {
            const client = clients.clientIn(account, region) ?? Promise.reject(new NoRoute(account));
            pending = describeStack(client, stackName, label, logger);
            read.set(key, pending);
        }
        return pending;
    };
    try {
        const resolved = [];
        for (const p of principals) {
            const stack = stackOf(p);
            if (!stack || p.source.kind !== 'cloudformation') {
                resolved.push(p);
                continue;
            }
            const region = p.source.stackRegion ?? request.region;
            // The account the template's ARN names (its entry's account:, its CDK environment's), if any.
            const account = (0,_vocabulary_accounts_js__WEBPACK_IMPORTED_MODULE_0__/* .isAccountId */ .JG)((0,_vocabulary_accounts_js__WEBPACK_IMPORTED_MODULE_0__/* .accountOf */ .XP)(p.arn)) ? (0,_vocabulary_accounts_js__WEBPACK_IMPORTED_MODULE_0__/* .accountOf */ .XP)(p.arn) : undefined;
            // Down the nested stacks: each one's physical id in its parent is the stack to read next.
            let resources = await describe(account, region, stack.name, stack.name);
            let label = stack.name;
            for (const id of stack.path) {
                const nested = resources?.physical.get(id);
                label = `${label} > ${id}`;
                resources =
                    nested === undefined ? resources && MISSING : await describe(account, region, nested, label);
            }
            if (!resources) {
                resolved.push(p);
                continue;
            }
            const name = resources.physical.get(p.source.logicalId);
            if (!name) {
                resolved.push({ ...p, lifecycle: 'new' });
                continue;
            }
            // A managed policy's physical id is its ARN; a role's or user's, its name.
            const arn = (0,_vocabulary_accounts_js__WEBPACK_IMPORTED_MODULE_0__/* .isPolicyArn */ .Sx)(p.arn) && name.startsWith('arn:')
                ? name
                : p.arn
                    .replace(`\${${p.source.logicalId}}`, name)
                    .replace('${AWS::AccountId}', resources.account ?? '${AWS::AccountId}');
            resolved.push({ ...p, arn, lifecycle: arn.includes('${') ? p.lifecycle : 'exists' });
        }
        return resolved;
    }
    finally {
        await clients.destroy();
    }
}
/** A nested stack the parent stack does not have yet: whatever is in it is new. */
const MISSING = { account: undefined, physical: new Map() };
/** The stack whose resources name a principal, and the nested stacks down to its own; undefined: none. */
function stackOf(p) {
    if (!unnamed(p) || p.source.kind !== 'cloudformation')
        return undefined;
    const { nestedIn, stackName } = p.source;
    if (nestedIn)
        return nestedIn.stackName ? { name: nestedIn.stackName, path: nestedIn.path } : undefined;
    return stackName ? { name: stackName, path: [] } : undefined;
}
/** An account the run has no role in: the config's accounts: does not name it. */
class NoRoute extends Error {
    account;
    constructor(account) {
        super(`account ${account} has no accounts: entry`);
        this.account = account;
    }
}
async function describeStack(client, stackName, label, logger) {
    let reached;
    try {
        reached = await client;
    }
    catch (error) {
        logger.warning(error instanceof NoRoute
            ? `Stack ${label} is in account ${error.account}, which the config's accounts: does not name, so the names ` +
                'CloudFormation gave its roles are not read, and those roles are judged by the static checks alone. Add ' +
                `accounts: "${error.account}": { role-arn: … } to the config to read them.`
            : `The resources of stack ${label} could not be read: its account's role could not be assumed ` +
                `(${error.name}: ${error.message}), so its roles without a RoleName are judged by the ` +
                "static checks alone. The role's trust policy must trust the workflow's role.");
        return null;
    }
    try {
        const { StackResources = [] } = await reached.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__/* .DescribeStackResourcesCommand */ .OTB({ StackName: stackName }));
        const account = StackResources[0]?.StackId?.split(':')[4];
        const physical = new Map();
        for (const r of StackResources)
            if (r.LogicalResourceId && r.PhysicalResourceId)
                physical.set(r.LogicalResourceId, r.PhysicalResourceId);
        logger.info(`Stack ${label}: ${physical.size} resource(s), the names of its roles read`);
        return { account, physical };
    }
    catch (error) {
        logger.warning(`The resources of stack ${label} could not be read (${error.name}: ${error.message}), so its ` +
            "roles without a RoleName are judged by the static checks alone. Give the workflow's role cloudformation:DescribeStackResources " +
            '(examples/aws has it), and check the stack name and region.');
        return null;
    }
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
