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
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
// The runner's side of the seams the rest of the action is written against: its log and annotations
// as a Logger, and its OIDC token provider and secret masking for the AWS credentials.

/** The runner's log: annotations for located messages, folded groups. */
function actionsLogger() {
    return {
        debug: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.debug(message),
        info: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(message),
        notice: (message, at) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.notice(message, annotation(at)),
        warning: (message, at) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.warning(message, annotation(at)),
        error: (message, at) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.error(message, annotation(at)),
        group: (title, body) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(title, body),
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
        getIdToken: (audience) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.getIDToken(audience),
        mask: (secret) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.setSecret(secret),
    };
}


/***/ })

};
