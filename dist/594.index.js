export const id = 594;
export const ids = [594];
export const modules = {

/***/ 5594:
/***/ ((module, __unused_webpack_exports, __webpack_require__) => {

// web-tree-sitter's CommonJS build, through a require the bundler follows. Its ES module build loads
// node:module with an import() that ncc turns into a namespace without createRequire, which fails
// inside dist/; and a require made with createRequire in an ES module is not bundled at all.
module.exports = __webpack_require__(551)


/***/ })

};
