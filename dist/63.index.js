export const id = 63;
export const ids = [63];
export const modules = {

/***/ 3063:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readCloudAssembly: () => (/* binding */ readCloudAssembly)
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
