export const id = 641;
export const ids = [641,513];
export const modules = {

/***/ 2641:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   actionsCredentialDeps: () => (/* binding */ actionsCredentialDeps),
/* harmony export */   actionsLogger: () => (/* binding */ actionsLogger)
/* harmony export */ });
/* harmony import */ var _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5513);
// The runner's side of the seams the rest of the action is written against: its log and annotations
// as a Logger, and its OIDC token provider and secret masking for the AWS credentials.

/** The runner's log: annotations for located messages, folded groups. */
function actionsLogger() {
    return {
        debug: (message) => _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__.debug(message),
        info: (message) => _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__.info(message),
        notice: (message, at) => _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__.notice(message, annotation(at)),
        warning: (message, at) => _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__.warning(message, annotation(at)),
        error: (message, at) => _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__.error(message, annotation(at)),
        group: (title, body) => _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__.group(title, body),
    };
}
function annotation(at) {
    if (!at)
        return {};
    return {
        ...(at.title !== undefined && { title: at.title }),
        ...(at.file !== undefined && { file: at.file }),
        ...(at.line !== undefined && { startLine: at.line }),
        ...(at.column !== undefined && { startColumn: at.column }),
    };
}
/** GitHub's OIDC token for an audience, and masking of every secret before anything can print it. */
function actionsCredentialDeps() {
    return {
        // @actions/core only here: its OIDC client is most of its weight (see workflow-commands.ts).
        getIdToken: async (audience) => (await __webpack_require__.e(/* import() */ 421).then(__webpack_require__.bind(__webpack_require__, 6421))).getIDToken(audience),
        mask: (secret) => _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__.setSecret(secret),
    };
}


/***/ }),

/***/ 5513:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   appendSummary: () => (/* binding */ appendSummary),
/* harmony export */   debug: () => (/* binding */ debug),
/* harmony export */   error: () => (/* binding */ error),
/* harmony export */   getInput: () => (/* binding */ getInput),
/* harmony export */   group: () => (/* binding */ group),
/* harmony export */   info: () => (/* binding */ info),
/* harmony export */   notice: () => (/* binding */ notice),
/* harmony export */   saveState: () => (/* binding */ saveState),
/* harmony export */   setFailed: () => (/* binding */ setFailed),
/* harmony export */   setOutput: () => (/* binding */ setOutput),
/* harmony export */   setSecret: () => (/* binding */ setSecret),
/* harmony export */   warning: () => (/* binding */ warning)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
// The runner's side of a step, as GitHub documents it ("Workflow commands for GitHub Actions"): inputs
// from INPUT_* variables, commands on stdout (`::warning file=a.json,line=3::text`), outputs, state and
// the job summary appended to the files the runner names. @actions/core writes exactly this, but its one
// module also loads its HTTP client (for OIDC tokens) in every run: a megabyte of bundle and ~100 ms of
// start-up that a run which never calls AWS pays for nothing. So these few commands are written here,
// byte for byte as @actions/core writes them, and @actions/core is loaded only for the OIDC token.




/** An input, as `with:` gave it (the runner sets INPUT_<NAME>), trimmed; '' when not given. */
function getInput(name, env = process.env) {
    return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
function debug(message) {
    issue('debug', {}, message);
}
function info(message) {
    process.stdout.write(message + node_os__WEBPACK_IMPORTED_MODULE_3__.EOL);
}
function notice(message, at = {}) {
    issue('notice', commandProperties(at), message);
}
function warning(message, at = {}) {
    issue('warning', commandProperties(at), message);
}
function error(message, at = {}) {
    issue('error', commandProperties(at), message);
}
/** Marks the step failed (exit code 1 when the process ends) with an error annotation. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
/** A folded group in the log around what `body` prints. */
async function group(title, body) {
    issue('group', {}, title);
    try {
        return await body();
    }
    finally {
        issue('endgroup', {}, '');
    }
}
/** Masks a value in the log from here on. */
function setSecret(secret) {
    issue('add-mask', {}, secret);
}
function setOutput(name, value, env = process.env) {
    keyValue('OUTPUT', 'set-output', name, value, env);
}
/** State for the post step, which the runner hands it as STATE_<name>. */
function saveState(name, value, env = process.env) {
    keyValue('STATE', 'save-state', name, value, env);
}
/** Appends Markdown to the job summary; an error when the runner gave no summary file. */
async function appendSummary(markdown, env = process.env) {
    const file = env.GITHUB_STEP_SUMMARY;
    if (!file)
        throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY.');
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.appendFile)(file, markdown, 'utf8');
}
/** `name<<delimiter` / value / `delimiter` in the runner's file, or the old stdout command without one. */
function keyValue(file, command, name, value, env) {
    const path = env[`GITHUB_${file}`];
    if (!path) {
        if (command === 'set-output')
            process.stdout.write(node_os__WEBPACK_IMPORTED_MODULE_3__.EOL);
        issue(command, { name }, value);
        return;
    }
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(path))
        throw new Error(`Missing file at path: ${path}`);
    const delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error(`Unexpected input: ${name} should not contain the delimiter "${delimiter}"`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(path, `${name}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}${value}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`, 'utf8');
}
function commandProperties(at) {
    return {
        title: at.title,
        file: at.file,
        line: at.startLine,
        endLine: at.endLine,
        col: at.startColumn,
        endColumn: at.endColumn,
    };
}
/** `::command key=value,key=value::message`; properties that are empty, zero or absent are left out. */
function issue(command, properties, message) {
    let text = `::${command}`;
    let first = true;
    for (const [key, value] of Object.entries(properties)) {
        if (!value)
            continue;
        text += `${first ? ' ' : ','}${key}=${escapeProperty(String(value))}`;
        first = false;
    }
    process.stdout.write(`${text}::${escapeData(message)}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`);
}
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text) {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}


/***/ })

};
