export const id = 641;
export const ids = [641];
export const modules = {

/***/ 2641:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   actionsCredentialDeps: () => (/* binding */ actionsCredentialDeps),
/* harmony export */   actionsLogger: () => (/* binding */ actionsLogger)
/* harmony export */ });
/* harmony import */ var _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5513);

/** The runner's log: annotations for located messages, folded groups. */
function actionsLogger() {
    // Every notice, warning and error is an annotation, counted: GitHub shows 10 of each a step.
    const shown = { notice: 0, warning: 0, error: 0 };
    const annotate = (level) => (message, at) => {
        shown[level]++;
        _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__[level](message, annotation(at));
    };
    return {
        debug: (message) => _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__.debug(message),
        info: (message) => _workflow_commands_js__WEBPACK_IMPORTED_MODULE_0__.info(message),
        notice: annotate('notice'),
        warning: annotate('warning'),
        error: annotate('error'),
        annotated: (level) => shown[level],
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


/***/ })

};
