export const id = 461;
export const ids = [461];
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

/***/ 1461:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   baseAsDeployed: () => (/* binding */ baseAsDeployed)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3805);
/* harmony import */ var _config_paths_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1066);
/* harmony import */ var _config_read_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4610);
/* harmony import */ var _sources_cloudformation_cloud_assembly_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3063);
/* harmony import */ var _cloudformation_clients_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9980);
// A pull request's base revision has no cdk.out: `cdk synth` makes it in the job from the head's app, git
// does not hold it, and nothing here can synthesize the base's app. In AWS mode its stacks are compared
// with what is deployed instead: each stack's template as CloudFormation keeps it (GetTemplate, the
// Original stage: the JSON cdk deploy uploaded), written into the base revision's tree at the path the
// head's assembly gives it, beside the head's manifests, and its CDK nested stacks' likewise. A stack
// not deployed (new in this pull request, or never deployed) gets a template of no resources: what is
// in it is new.







/**
 * The `cdk-out:` assemblies of `config` the base revision (`baseDir`) has nothing of and the head has
 * (`cdk synth` made it in the job), written into the base's tree as deployed, so that what the pull
 * request does not change is existing. Returns those written. One CloudFormation refuses (no
 * cloudformation:GetTemplate, a role of another account that cannot be assumed) is left out with a
 * warning, and its findings count as new. A stack of another account (a pipeline's stage) is read
 * through its `accounts:` role, as its usage is.
 */
async function baseAsDeployed(head, baseDir, config, run, logger) {
    const isDirectory = (root, path) => (0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .entryAt */ ._f)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, path))?.isDirectory() === true;
    const wanted = config.cloudFormation.filter((c) => c.cdkOut !== undefined && !isDirectory(baseDir, c.cdkOut) && isDirectory(head, c.cdkOut));
    if (wanted.length === 0)
        return [];
    if ((await run.own().catch(() => null)) === null)
        return [];
    const written = [];
    for (const entry of wanted) {
        const cdkOut = entry.cdkOut;
        const assembly = (0,_sources_cloudformation_cloud_assembly_js__WEBPACK_IMPORTED_MODULE_4__/* .readCloudAssembly */ .s)(head, cdkOut, { file: '', line: entry.line });
        if (assembly.problems.length > 0)
            continue;
        // As the entry says, as the head's stacks are read (its stack-name:, account: and region: first).
        const stacks = assembly.stacks.map((stack) => ({
            ...stack,
            deployedName: entry.stackName ?? stack.deployedName,
            account: entry.account ?? stack.account,
            region: entry.region ?? stack.region,
        }));
        try {
            await writeDeployedAssembly(head, baseDir, cdkOut, stacks, { region: run.region, credentialsFor: run.forAccount }, logger);
            written.push(cdkOut);
        }
        catch (error) {
            logger.warning(`The base revision has no ${cdkOut}, and its stacks' deployed templates could not be read ` +
                `(${error.name}: ${error.message}), so the findings in it count as new. Give the ` +
                "workflow's role cloudformation:GetTemplate on the stacks (examples/aws has it).");
        }
    }
    return written;
}
/** Largest template kept: CloudFormation takes templates of 1 MB from S3; its own limit, with room. */
const MAX_TEMPLATE_BYTES = 16 * 1024 * 1024;
/** Largest manifest copied (as cloud-assembly.ts reads them). */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
/** GetTemplate calls in flight at once. */
const AT_ONCE = 8;
/** How deep the copy follows nested assemblies (stages of stages), and nested stacks in nested stacks. */
const MAX_DEPTH = 8;
/** A stack CloudFormation does not have, and one in an account the run cannot reach. */
const NOT_DEPLOYED = Symbol('not deployed');
const UNREACHED = Symbol('unreached');
/** The template of a stack that is not deployed: nothing in it, so whatever the head has there is new. */
const NO_RESOURCES = '{"Resources":{}}\n';
/**
 * Writes into `baseDir` the assembly `cdkOut` as deployed: the head's manifests (every manifest.json of
 * it and its nested assemblies) and, for each of `stacks`, the deployed template, or one of no
 * resources. Throws when CloudFormation refuses (access denied, no credentials): then nothing of the
 * assembly is written, and the base has none, as before.
 */
async function writeDeployedAssembly(head, baseDir, cdkOut, stacks, request, logger) {
    // A client per account and region the stacks are in.
    const clients = (0,_cloudformation_clients_js__WEBPACK_IMPORTED_MODULE_5__/* .cloudFormationClients */ .f)(request.credentialsFor);
    const clientFor = (stack) => clients.clientIn(stack.account, stack.region ?? request.region);
    // What each stack's template is: its text (and its nested stacks' files), NOT_DEPLOYED, or UNREACHED.
    const templateOf = async (stack) => {
        const pending = clientFor(stack);
        if (!pending)
            return UNREACHED;
        const client = await pending;
        const body = await deployedTemplate(client, stack.deployedName);
        if (body === undefined)
            return NOT_DEPLOYED;
        const nested = await nestedTemplates(client, stack.deployedName, body, stack.template, cdkOut, 0);
        return { body, nested };
    };
    try {
        // A few at a time: an app of many stacks (one per service and stage) is not read one by one.
        const found = [];
        for (let i = 0; i < stacks.length; i += AT_ONCE)
            found.push(...(await Promise.all(stacks.slice(i, i + AT_ONCE).map(templateOf))));
        const named = (state) => stacks.filter((_, i) => found[i] === state).map((stack) => stack.displayName);
        const deployed = stacks.filter((_, i) => typeof found[i] === 'object').map((stack) => stack.displayName);
        const notDeployed = named(NOT_DEPLOYED);
        const unreached = named(UNREACHED);
        for (const [manifest, text] of manifestsOf(head, cdkOut))
            write(baseDir, manifest, text);
        for (const [i, stack] of stacks.entries()) {
            const got = found[i];
            write(baseDir, stack.template, typeof got === 'object' ? got.body : NO_RESOURCES);
            if (typeof got === 'object')
                for (const [file, body] of got.nested)
                    write(baseDir, file, body);
        }
        logger.info(`Base revision: ${cdkOut} as deployed (CloudFormation GetTemplate): ${deployed.length} of ${stacks.length} stack(s)` +
            (notDeployed.length > 0 ? `; not deployed: ${notDeployed.join(', ')}` : '') +
            (unreached.length > 0
                ? `; in an account accounts: does not name, so not read: ${unreached.join(', ')}`
                : ''));
    }
    finally {
        await clients.destroy();
    }
}
/**
 * The deployed templates of the CDK nested stacks (`NestedStack`) a deployed template holds, each at the
 * file its `aws:asset:path` names beside `template` (where cdk synth wrote it), nested ones in them too.
 * A nested stack not deployed, or whose stack cannot be read, is left out: the base read says its
 * template is not there, and what it holds is new.
 */
async function nestedTemplates(client, stack, body, template, cdkOut, depth) {
    const assets = nestedAssets(body);
    if (assets.size === 0 || depth >= MAX_DEPTH)
        return [];
    let physical;
    try {
        const { StackResources = [] } = await client.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_6__/* .DescribeStackResourcesCommand */ .OTB({ StackName: stack }));
        physical = new Map(StackResources.map((r) => [r.LogicalResourceId ?? '', r.PhysicalResourceId ?? '']));
    }
    catch {
        return [];
    }
    const files = [];
    for (const [logicalId, asset] of assets) {
        const file = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.dirname(template), asset));
        const id = physical.get(logicalId);
        if (!file.startsWith(`${cdkOut}/`) || !id)
            continue;
        const nested = await deployedTemplate(client, id).catch(() => undefined);
        if (nested === undefined)
            continue;
        files.push([file, nested], ...(await nestedTemplates(client, id, nested, file, cdkOut, depth + 1)));
    }
    return files;
}
/** The nested stacks of a template by logical id, with the file their `aws:asset:path` names. */
function nestedAssets(body) {
    const assets = new Map();
    let resources;
    try {
        resources = JSON.parse(body).Resources;
    }
    catch {
        return assets;
    }
    if (typeof resources !== 'object' || resources === null)
        return assets;
    for (const [id, resource] of Object.entries(resources)) {
        const { Type, Metadata } = (resource ?? {});
        const asset = Metadata?.['aws:asset:path'];
        if (Type === 'AWS::CloudFormation::Stack' && typeof asset === 'string' && asset !== '')
            assets.set(id, asset);
    }
    return assets;
}
/** The deployed template of `stackName`, or undefined when there is no such stack; throws on any other error. */
async function deployedTemplate(client, stackName) {
    try {
        const { TemplateBody } = await client.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_6__/* .GetTemplateCommand */ ._JK({ StackName: stackName, TemplateStage: 'Original' }));
        if (TemplateBody === undefined || TemplateBody.length > MAX_TEMPLATE_BYTES)
            return undefined;
        return TemplateBody;
    }
    catch (error) {
        // CloudFormation's answer for a stack that does not exist (and for one deleted).
        if (error.name === 'ValidationError' && /does not exist/.test(error.message))
            return undefined;
        throw error;
    }
}
/**
 * The manifest.json files of the assembly at `cdkOut` and of the nested assemblies (stages) its
 * manifests name, as paths in `root`: what the head's reading followed, each path inside the assembly.
 */
function manifestsOf(root, cdkOut) {
    const found = [];
    const visit = (dir, depth) => {
        const manifest = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(dir, 'manifest.json');
        const text = (0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .entryAt */ ._f)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, manifest))?.isFile()
            ? (0,_config_read_text_js__WEBPACK_IMPORTED_MODULE_3__/* .readTextUpTo */ .S9)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, manifest), MAX_MANIFEST_BYTES)
            : null;
        if (text === null)
            return;
        found.push([manifest, text]);
        if (depth >= MAX_DEPTH)
            return;
        let artifacts;
        try {
            artifacts = JSON.parse(text).artifacts;
        }
        catch {
            return;
        }
        if (typeof artifacts !== 'object' || artifacts === null)
            return;
        for (const artifact of Object.values(artifacts)) {
            const name = artifact?.type === 'cdk:cloud-assembly' ? artifact.properties?.directoryName : undefined;
            if (typeof name !== 'string' || name === '')
                continue;
            const nested = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(dir, name));
            if (nested.startsWith(`${dir}/`))
                visit(nested, depth + 1);
        }
    };
    visit(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(cdkOut), 0);
    return found;
}
function write(root, file, text) {
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, file);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path), { recursive: true });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(path, text);
}


/***/ }),

/***/ 3063:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ readCloudAssembly)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _config_paths_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1066);
/* harmony import */ var _config_read_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4610);
/* harmony import */ var _policy_json_tree_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9907);
/* harmony import */ var _vocabulary_accounts_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7146);
/* harmony import */ var _nodes_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2022);
// An AWS CDK cloud assembly (`cdk.out`): its manifest.json lists the stacks (`aws:cloudformation:stack`
// artifacts: template file, environment `aws://account/region`, stack name) and the nested assemblies
// of stages (`cdk:cloud-assembly`, a directory with a manifest of its own). Every path it names must stay
// inside the assembly: a pull request can bring a hostile one.







/** The deepest nesting of stages read: a CDK app rarely nests more than two. */
const MAX_NESTING = 8;
/** Largest manifest read: a large app's, with its construct metadata, runs to a few MiB. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
/** The stacks of the assembly in `dir` (relative to the workspace), nested stages included. */
function readCloudAssembly(workspaceRoot, dir, 
/** Where the config names the assembly: a directory that is none is said there, not at a file it lacks. */
namedAt) {
    const stacks = [];
    const problems = [];
    const root = node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync.native(workspaceRoot);
    // Each assembly read once, by where it really is: a stage naming its own directory (or a symlink back
    // to it) would be read again at every level, as many times as it names itself to the power of the
    // nesting allowed.
    const read = new Set();
    // A nested assembly's `named` says a problem with it where its parent's manifest names it.
    const visit = (assembly, depth, named) => {
        const manifestFile = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(assembly, 'manifest.json');
        const problem = (message, line = 1, column = 1) => problems.push({ file: manifestFile, line, column, message });
        if (depth > MAX_NESTING) {
            ;
            (named ?? problem)(`stages nested deeper than ${MAX_NESTING} levels; not read`);
            return;
        }
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspaceRoot, manifestFile);
        if (!(0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .entryAt */ ._f)(path)?.isFile()) {
            if (named)
                named(`has no manifest.json, so it is not a CDK cloud assembly (run cdk synth)`);
            else
                problems.push({
                    ...namedAt,
                    message: `cloudformation: cdk-out: ${JSON.stringify(assembly)} has no manifest.json, so it is not a CDK cloud assembly${appHint(workspaceRoot, assembly)}`,
                });
            return;
        }
        const text = (0,_config_read_text_js__WEBPACK_IMPORTED_MODULE_3__/* .readTextUpTo */ .S9)(path, MAX_MANIFEST_BYTES);
        if (text === null) {
            problem((0,_config_read_text_js__WEBPACK_IMPORTED_MODULE_3__/* .tooLarge */ .g$)(MAX_MANIFEST_BYTES));
            return;
        }
        const { root: tree, errors: [error], } = (0,_policy_json_tree_js__WEBPACK_IMPORTED_MODULE_4__/* .parseJsonTree */ .U0)(text, 100);
        if (error || !tree) {
            problem(`not valid JSON: ${error?.reason ?? 'empty'}`, error?.line, error?.column);
            return;
        }
        const artifacts = tree.type === 'object' ? (0,_nodes_js__WEBPACK_IMPORTED_MODULE_6__/* .entries */ .jO)(tree).get('artifacts') : undefined;
        if (artifacts?.type !== 'object') {
            problem('not a cloud assembly manifest: it has no "artifacts"', artifacts?.line, artifacts?.column);
            return;
        }
        // Where the assembly really is, once: every path its artifacts name must stay in it.
        const within = (0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .realPath */ .Ye)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspaceRoot, assembly));
        if (within !== undefined)
            read.add(within);
        // Of an id given twice, the last, as JSON.parse reads it.
        for (const [id, node] of (0,_nodes_js__WEBPACK_IMPORTED_MODULE_6__/* .entries */ .jO)(artifacts)) {
            const artifact = (0,_policy_json_tree_js__WEBPACK_IMPORTED_MODULE_4__/* .toValue */ .BA)(node);
            const props = artifact?.properties ?? {};
            const propsNode = node.type === 'object' ? (0,_nodes_js__WEBPACK_IMPORTED_MODULE_6__/* .entries */ .jO)(node).get('properties') : undefined;
            // Said where the manifest names it: the property's value, else the properties, else the artifact.
            const said = (message, property) => {
                const at = (propsNode?.type === 'object' && (0,_nodes_js__WEBPACK_IMPORTED_MODULE_6__/* .entries */ .jO)(propsNode).get(property)) || propsNode || node;
                problem(message, at.line, at.column);
            };
            const inside = (name, what) => {
                if (typeof name !== 'string' || name === '') {
                    said(`artifacts.${id}.properties: expected a ${what}`, what);
                    return undefined;
                }
                const relative = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(assembly, name));
                const real = (0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .realPath */ .Ye)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspaceRoot, relative));
                if (real === undefined || within === undefined) {
                    said(`artifacts.${id}: its ${what} ${JSON.stringify(name)} cannot be read`, what);
                    return undefined;
                }
                if (!(0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .isInside */ .FK)(root, real) || !(0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .isInside */ .FK)(within, real)) {
                    said(`artifacts.${id}: ${JSON.stringify(name)} leads out of the assembly; not read`, what);
                    return undefined;
                }
                return relative;
            };
            // A template is a file and a nested assembly a directory: anything else there is not what is named.
            const file = (name, what, directory = false) => {
                if (typeof name !== 'string' || name === '')
                    return inside(name, what);
                // A name that leads out as written is said to, without looking there: whether a file exists
                // outside the workspace is nothing a pull request's log may tell.
                const written = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.relative(assembly, node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(assembly, name));
                if (written === '..' || written.startsWith('../')) {
                    said(`artifacts.${id}: ${JSON.stringify(name)} leads out of the assembly; not read`, what);
                    return undefined;
                }
                const entry = (0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .entryAt */ ._f)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspaceRoot, assembly, name));
                if (!(directory ? entry?.isDirectory() : entry?.isFile())) {
                    said(`artifacts.${id}: its ${what} ${JSON.stringify(name)} is ${entry ? `not a ${directory ? 'directory' : 'file'}` : 'missing'}`, what);
                    return undefined;
                }
                return inside(name, what);
            };
            if (artifact?.type === 'aws:cloudformation:stack') {
                const template = file(props.templateFile, 'templateFile');
                if (!template)
                    continue;
                const [, account, region] = /^aws:\/\/([^/]*)\/(.*)$/.exec(artifact.environment ?? '') ?? [];
                stacks.push({
                    template,
                    stackName: typeof props.stackName === 'string' ? props.stackName : undefined,
                    account: account && (0,_vocabulary_accounts_js__WEBPACK_IMPORTED_MODULE_5__/* .isAccountId */ .JG)(account) ? account : undefined,
                    region: region && !region.startsWith('unknown') ? region : undefined,
                    displayName: artifact.displayName ?? id,
                    deployedName: typeof props.stackName === 'string' ? props.stackName : id,
                });
            }
            else if (artifact?.type === 'cdk:cloud-assembly') {
                const nested = file(props.directoryName, 'directoryName', true);
                if (!nested)
                    continue;
                const real = (0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .realPath */ .Ye)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspaceRoot, nested));
                if (real !== undefined && read.has(real)) {
                    said(`artifacts.${id}: its directoryName ${JSON.stringify(props.directoryName)} is an assembly read already (a stage cannot hold itself); not read again`, 'directoryName');
                    continue;
                }
                const name = JSON.stringify(props.directoryName);
                visit(nested, depth + 1, (message) => said(`artifacts.${id}: its directoryName ${name} ${message}`, 'directoryName'));
            }
        }
    };
    visit(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(dir), 0);
    return { stacks, problems };
}
/**
 * What to say when the directory named as an assembly is the CDK app itself (it has cdk.json): the
 * directory `cdk synth` writes the assembly to, as cdk.json's "output" names it (cdk.out by default).
 */
function appHint(workspaceRoot, dir) {
    const cdkJson = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(dir, 'cdk.json');
    const text = (0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .entryAt */ ._f)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspaceRoot, cdkJson))?.isFile()
        ? (0,_config_read_text_js__WEBPACK_IMPORTED_MODULE_3__/* .readTextUpTo */ .S9)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspaceRoot, cdkJson), 1024 * 1024)
        : null;
    if (text === null)
        return ' (run cdk synth)';
    let output = 'cdk.out';
    try {
        const json = JSON.parse(text);
        const named = typeof json === 'object' && json !== null ? json.output : undefined;
        if (typeof named === 'string' && named.trim() !== '' && named.length <= 200)
            output = named;
    }
    catch {
        // cdk.json that does not parse: its default output is still the likeliest.
    }
    const assembly = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.join(dir, output));
    return `: it is a CDK app (it has cdk.json), whose cloud assembly cdk synth writes to ${JSON.stringify(assembly)}; expected cdk-out: ${assembly} (after cdk synth)`;
}


/***/ }),

/***/ 2022:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mp: () => (/* binding */ written),
/* harmony export */   _F: () => (/* binding */ fieldOf),
/* harmony export */   jO: () => (/* binding */ entries),
/* harmony export */   lP: () => (/* binding */ positioned)
/* harmony export */ });
/* harmony import */ var _policy_json_tree_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9907);
// Template nodes as the SAM parts build them: a plain value placed at a line, with nodes of the
// template kept where they are written; and the two reads every part makes of a mapping.

/** A plain JSON value (a SAM template's definition) as a tree whose every node is at `at`. */
function positioned(value, at) {
    if (value && typeof value === 'object' && NODE in value)
        return value[NODE];
    const where = { line: at.line, column: at.column };
    if (typeof value === 'string')
        return { type: 'string', value, ...where };
    if (typeof value === 'number')
        return { type: 'number', value, ...where };
    if (typeof value === 'boolean')
        return { type: 'boolean', value, ...where };
    if (Array.isArray(value))
        return { type: 'array', items: value.map((v) => positioned(v, at)), ...where };
    if (value && typeof value === 'object') {
        const pairs = Object.entries(value);
        return {
            type: 'object',
            keys: pairs.map(([k]) => ({ type: 'string', value: k, ...where })),
            values: pairs.map(([, v]) => positioned(v, at)),
            ...where,
        };
    }
    return { type: 'null', value: null, ...where };
}
/** A node of the template inside a value `positioned` makes: kept as it is, where it is written. */
const NODE = Symbol('node');
function written(node) {
    return { [NODE]: node };
}
/** The value of `key` in a mapping, if it has one. */
function fieldOf(node, key) {
    const i = (0,_policy_json_tree_js__WEBPACK_IMPORTED_MODULE_0__/* .keyIndex */ .gZ)(node, key);
    return i < 0 ? undefined : node.values[i];
}
/** A mapping's entries by key. */
function entries(node) {
    const map = new Map();
    node.keys.forEach((key, i) => {
        map.set(key.value, node.values[i]);
    });
    return map;
}


/***/ })

};
