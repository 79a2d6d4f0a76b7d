export const id = 461;
export const ids = [461];
export const modules = {

/***/ 1461:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   writeDeployedAssembly: () => (/* binding */ writeDeployedAssembly)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3805);
/* harmony import */ var _config_paths_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1066);
/* harmony import */ var _config_read_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4610);
// A pull request's base revision has no cdk.out: `cdk synth` makes it in the job from the head's app, git
// does not hold it, and nothing here can synthesize the base's app. In AWS mode its stacks are compared
// with what is deployed instead: each stack's template as CloudFormation keeps it (GetTemplate, the
// Original stage: the JSON cdk deploy uploaded), written into the base revision's tree at the path the
// head's assembly gives it, beside the head's manifests, and its CDK nested stacks' likewise. A stack
// not deployed (new in this pull request, or never deployed) gets a template of no resources: what is
// in it is new.





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
    // A client per account and region the stacks are in, made once however many stacks ask at once.
    const clients = new Map();
    const clientFor = (stack) => {
        const reached = request.credentialsFor(stack.account);
        if (reached === null)
            return null;
        const region = stack.region ?? request.region;
        const key = `${stack.account ?? ''}/${region}`;
        let client = clients.get(key);
        if (!client) {
            client = reached.then((credentials) => new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_4__/* .CloudFormationClient */ .m1N({ region, maxAttempts: 3, ...(credentials && { credentials }) }));
            clients.set(key, client);
        }
        return client;
    };
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
        return { deployed, notDeployed, unreached };
    }
    finally {
        for (const client of clients.values())
            await client.then((c) => c.destroy()).catch(() => { });
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
        const { StackResources = [] } = await client.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_4__/* .DescribeStackResourcesCommand */ .OTB({ StackName: stack }));
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
        const { TemplateBody } = await client.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_4__/* .GetTemplateCommand */ ._JK({ StackName: stackName, TemplateStage: 'Original' }));
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


/***/ })

};
