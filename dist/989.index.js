export const id = 989;
export const ids = [989];
export const modules = {

/***/ 4989:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TfParses: () => (/* reexport safe */ _modules_js__WEBPACK_IMPORTED_MODULE_4__.n6),
/* harmony export */   changedModuleCalls: () => (/* binding */ changedModuleCalls),
/* harmony export */   forgetInstalled: () => (/* binding */ forgetInstalled)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _config_paths_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1066);
/* harmony import */ var _evaluate_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7822);
/* harmony import */ var _modules_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8673);
// A pull request's base revision is read with the registry modules `terraform init` installed for the
// head (git does not hold .terraform/modules). For a module call whose source or version the pull request
// changes, that installed code is the new version's, not the base's: what the new version grants would be
// found in the base too, and pass as existing. Those calls are found here, and the base is read without
// their installed code, so what is in them counts as new.






/** The most module calls compared: what is past them keeps the head's code (see MAX_MODULE_CALLS). */
const MAX_CALLS = 2_000;
/**
 * The registry and git module calls of a root whose `source` or `version` differ between the head's
 * code (`head`, the workspace) and the base revision's (`base`, its checkout), following local modules.
 */
async function changedModuleCalls(head, base, root, 
/** Where the files are parsed: the run's, which has read the head's already. */
parses = new _modules_js__WEBPACK_IMPORTED_MODULE_4__/* .TfParses */ .n6()) {
    const problems = []; // what cannot be parsed is reported when the trees are read
    const [headCode, baseCode] = [
        new _modules_js__WEBPACK_IMPORTED_MODULE_4__/* .TfCode */ .UY(head, root, problems, undefined, parses),
        new _modules_js__WEBPACK_IMPORTED_MODULE_4__/* .TfCode */ .UY(base, root, problems, undefined, parses),
    ];
    const changes = [];
    let left = MAX_CALLS;
    const walk = async (headDir, baseDir, key) => {
        if (key.length >= _modules_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_MODULE_DEPTH */ .mS || headDir === undefined)
            return;
        const [now, before] = await Promise.all([headCode.module(headDir), baseCode.module(baseDir)]);
        for (const [name, call] of now.calls) {
            if (--left < 0)
                return;
            const childKey = [...key, name];
            const was = before.calls.get(name)?.node;
            const source = literal(call.node, 'source') ?? '';
            const baseSource = was && literal(was, 'source');
            if ((0,_modules_js__WEBPACK_IMPORTED_MODULE_4__/* .isLocalSource */ .Zo)(source)) {
                const baseChild = baseSource !== undefined && (0,_modules_js__WEBPACK_IMPORTED_MODULE_4__/* .isLocalSource */ .Zo)(baseSource)
                    ? baseCode.childDir(before.dir, childKey, baseSource)
                    : undefined;
                await walk(headCode.childDir(now.dir, childKey, source), baseChild, childKey);
                continue;
            }
            // A call the base does not make reads none of the installed code there.
            if (!was)
                continue;
            const version = literal(call.node, 'version');
            const baseVersion = literal(was, 'version');
            if (source === baseSource && version === baseVersion)
                continue;
            changes.push({
                key: childKey.join('.'),
                file: call.file,
                line: call.node.at.line,
                from: describe(baseSource, baseVersion),
                to: describe(source, version),
            });
        }
    };
    await walk(node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(root), node_path__WEBPACK_IMPORTED_MODULE_1__.posix.normalize(root), []);
    return changes;
}
/**
 * Takes the calls `keys` (and the modules they call) out of the base's copy of modules.json under
 * `root`, so that the base reads no installed code for them. The copy is a hard link to the head's
 * file: it is replaced, never written through.
 */
function forgetInstalled(base, root, keys) {
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(base, root, '.terraform', 'modules', 'modules.json');
    const real = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(file);
    if (!(0,_config_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .isInside */ .FK)((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(base), real))
        return;
    const manifest = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(real, 'utf8'));
    const changed = (key) => typeof key === 'string' && keys.some((k) => key === k || key.startsWith(`${k}.`));
    const kept = { ...manifest, Modules: (manifest.Modules ?? []).filter((m) => !changed(m.Key)) };
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.unlinkSync)(real);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(real, JSON.stringify(kept));
}
/** A `source` or `version` as written: Terraform takes only literal strings there. */
function literal(block, name) {
    const expr = block.attributes.get(name)?.expr;
    if (!expr)
        return undefined;
    const value = (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_3__/* .evaluate */ ._3)(expr, _modules_js__WEBPACK_IMPORTED_MODULE_4__/* .NO_SCOPE */ .FK);
    return value.type === 'string' ? value.value : undefined;
}
function describe(source, version) {
    return `${JSON.stringify(source ?? '')}${version === undefined ? '' : ` ${JSON.stringify(version)}`}`;
}


/***/ })

};
