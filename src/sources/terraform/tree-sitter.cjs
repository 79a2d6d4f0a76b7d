// web-tree-sitter's CommonJS build, through a require the bundler follows. Its ES module build loads
// node:module with an import() that ncc turns into a namespace without createRequire, which fails
// inside dist/; and a require made with createRequire in an ES module is not bundled at all.
module.exports = require('web-tree-sitter')
