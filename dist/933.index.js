export const id = 933;
export const ids = [933];
export const modules = {

/***/ 8093:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bx: () => (/* binding */ setSpan),
/* harmony export */   YQ: () => (/* binding */ isComputed),
/* harmony export */   ee: () => (/* binding */ spanOf),
/* harmony export */   fC: () => (/* binding */ computedAt)
/* harmony export */ });
const SPAN = Symbol('text span');
const COMPUTED = Symbol('computed');
function setSpan(node, span) {
    ;
    node[SPAN] = span;
}
function spanOf(node) {
    return node[SPAN];
}
/** An intrinsic's result, written where the call is: its text is the call's (`!Sub …`, `!If […]`). */
function computedAt(result, call) {
    const span = spanOf(call);
    const copy = { ...result };
    copy[COMPUTED] = true;
    if (span)
        copy[SPAN] = span;
    else
        delete copy[SPAN];
    return copy;
}
function isComputed(node) {
    return node[COMPUTED] === true;
}


/***/ }),

/***/ 9933:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   isJson: () => (/* binding */ isJson),
/* harmony export */   parseTemplate: () => (/* binding */ parseTemplate),
/* harmony export */   templateEditChecker: () => (/* binding */ templateEditChecker),
/* harmony export */   yamlSpanOf: () => (/* binding */ yamlSpanOf)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _policy_json_tree_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9907);
/* harmony import */ var _origin_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8093);
// A CloudFormation template read into the positioned tree the policy parser takes (JsonNode): JSON with
// jsonc-parser, YAML with the `yaml` package. YAML's short-form intrinsics (`!Sub`, `!GetAtt a.b`,
// `!If [...]`) become their long form (`{ "Fn::Sub": ... }`), so the evaluator sees one language.
// Every node keeps the line and column it was written on.



/** The short-form tags and the function each stands for. */
const SHORT_FORMS = {
    Ref: 'Ref',
    Condition: 'Condition',
    ...Object.fromEntries([
        'And',
        'Base64',
        'Cidr',
        'Equals',
        'FindInMap',
        'GetAtt',
        'GetAZs',
        'If',
        'ImportValue',
        'Join',
        'Not',
        'Or',
        'Select',
        'Split',
        'Sub',
        'Transform',
        'Length',
        'ToJsonString',
        // The functions of a template's Rules section.
        'Contains',
        'EachMemberEquals',
        'EachMemberIn',
        'RefAll',
        'ValueOf',
        'ValueOfAll',
    ].map((name) => [name, `Fn::${name}`])),
};
/** The deepest nesting read: real templates nest a dozen levels; more is refused before recursion. */
const MAX_DEPTH = 200;
/**
 * Every short-form tag, on a scalar, a sequence or a mapping: the `yaml` package resolves a tagged
 * node with the tag whose `collection` (or none, for scalars) matches its kind. The value is kept as
 * parsed; toTree() turns the tag into the long form.
 */
const CUSTOM_TAGS = Object.keys(SHORT_FORMS).flatMap((name) => [
    { tag: `!${name}`, resolve: (value) => value },
    { tag: `!${name}`, collection: 'seq', nodeClass: yaml__WEBPACK_IMPORTED_MODULE_0__/* .YAMLSeq */ .Rw },
    { tag: `!${name}`, collection: 'map', nodeClass: yaml__WEBPACK_IMPORTED_MODULE_0__/* .YAMLMap */ .CA },
]);
const spans = { set: _origin_js__WEBPACK_IMPORTED_MODULE_2__/* .setSpan */ .Bx };
/** Where a node read from YAML is written in the template's text. */
function yamlSpanOf(node) {
    return (0,_origin_js__WEBPACK_IMPORTED_MODULE_2__/* .spanOf */ .ee)(node);
}
/** The most nodes a template may expand to, aliases included: a bomb of nested aliases ends here. */
const MAX_NODES = 500_000;
/** A template's text as a positioned tree; JSON when it starts with `{`, else YAML. */
/** Whether a template is JSON (else YAML): it starts with `{`. */
function isJson(text) {
    return /^\s*\{/.test(text);
}
function parseTemplate(file, text) {
    if (isJson(text)) {
        const { root, error } = (0,_policy_json_tree_js__WEBPACK_IMPORTED_MODULE_1__/* .parseJsonTree */ .U)(text, MAX_DEPTH);
        if (error) {
            const what = error.code === 'NestedTooDeep' ? `nested deeper than ${MAX_DEPTH} levels` : error.code;
            return {
                problems: [{ file, line: error.line, column: error.column, message: `not valid JSON: ${what}` }],
            };
        }
        return { root, problems: [] };
    }
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, {
        lineCounter,
        customTags: CUSTOM_TAGS,
        uniqueKeys: true,
    });
    const problems = [];
    for (const error of doc.errors) {
        const [start] = error.linePos ?? [];
        problems.push({
            file,
            line: start?.line ?? 1,
            column: start?.col ?? 1,
            message: `not valid YAML: ${error.message.split('\n')[0]}`,
        });
    }
    if (problems.length > 0)
        return { problems };
    const offset = (node) => {
        let start = node?.range?.[0] ?? 0;
        // A tagged node starts at its tag (`!Sub`), which its range leaves out.
        if (node?.tag?.startsWith('!')) {
            const tag = text.lastIndexOf(node.tag, start);
            if (tag >= 0 && !/\n/.test(text.slice(tag, start)))
                start = tag;
        }
        return start;
    };
    const at = (node) => {
        const { line, col } = lineCounter.linePos(offset(node));
        return { line, column: col };
    };
    try {
        const walk = {
            at,
            offset,
            resolve: (alias) => alias.resolve(doc),
            nodes: 0,
            resolving: new Set(),
        };
        const root = toTree(doc.contents, walk, 0);
        return root
            ? { root, problems }
            : { problems: [{ file, line: 1, column: 1, message: 'the file is empty' }] };
    }
    catch (error) {
        if (error instanceof TemplateShapeError)
            return { problems: [{ file, ...error.at, message: error.message }] };
        throw error;
    }
}
class TemplateShapeError extends Error {
    at;
    constructor(message, at) {
        super(message);
        this.at = at;
    }
}
function toTree(node, walk, depth) {
    if (!node)
        return undefined;
    const where = walk.at(node);
    if (depth > MAX_DEPTH)
        throw new TemplateShapeError(`nested deeper than ${MAX_DEPTH} levels`, where);
    if (++walk.nodes > MAX_NODES)
        throw new TemplateShapeError(`expands to more than ${MAX_NODES} values (aliases included); not read`, where);
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node)) {
        // An alias is its anchor's value again; a cycle of them is refused.
        const target = walk.resolve(node);
        if (!target || walk.resolving.has(target))
            throw new TemplateShapeError(`the alias *${node.source} refers to nothing or to itself`, where);
        walk.resolving.add(target);
        const value = toTree(target, walk, depth + 1);
        walk.resolving.delete(target);
        return value;
    }
    const value = plain(node, walk, depth, where);
    const range = node.range;
    const span = range ? { start: walk.offset(node), end: range[1] } : undefined;
    const tag = node.tag?.startsWith('!') ? node.tag.slice(1) : undefined;
    if (tag === undefined) {
        if (value && span)
            spans.set(value, span);
        return value;
    }
    const fn = SHORT_FORMS[tag];
    if (!fn) {
        const rain = tag.startsWith('Rain::')
            ? ': a directive of the Rain tool, not CloudFormation: point template: at what `rain pkg` writes'
            : `; expected one of ${Object.keys(SHORT_FORMS)
                .map((t) => `!${t}`)
                .join(', ')}`;
        throw new TemplateShapeError(`unknown tag !${tag}${rain}`, where);
    }
    // `!GetAtt Role.Arn` is `Fn::GetAtt: [Role, Arn]`: the first dot splits logical id and attribute.
    let argument = value ?? { type: 'string', value: '', ...where };
    if (fn === 'Fn::GetAtt' && argument.type === 'string') {
        const dot = argument.value.indexOf('.');
        const parts = dot < 0 ? [argument.value] : [argument.value.slice(0, dot), argument.value.slice(dot + 1)];
        argument = { type: 'array', items: parts.map((p) => ({ type: 'string', value: p, ...where })), ...where };
    }
    const key = { type: 'string', value: fn, ...where };
    const object = { type: 'object', keys: [key], values: [argument], ...where };
    if (span)
        spans.set(object, span);
    return object;
}
function plain(node, walk, depth, where) {
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
        const keys = [];
        const values = [];
        for (const pair of node.items) {
            const keyNode = pair.key;
            const keyValue = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(keyNode) ? String(keyNode.value) : String(keyNode);
            const keyAt = walk.at(keyNode);
            const key = { type: 'string', value: keyValue, ...keyAt };
            if (keyNode?.range)
                spans.set(key, { start: keyNode.range[0], end: keyNode.range[1] });
            keys.push(key);
            values.push(toTree(pair.value, walk, depth + 1) ?? { type: 'null', value: null, ...keyAt });
        }
        return { type: 'object', keys, values, ...where };
    }
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node)) {
        const items = node.items.map((item) => toTree(item, walk, depth + 1) ?? { type: 'null', value: null, ...where });
        return { type: 'array', items, ...where };
    }
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node)) {
        const v = node.value;
        if (typeof v === 'string')
            return { type: 'string', value: v, ...where };
        if (typeof v === 'number')
            return { type: 'number', value: v, ...where };
        if (typeof v === 'boolean')
            return { type: 'boolean', value: v, ...where };
        if (v === null || v === undefined)
            return { type: 'null', value: null, ...where };
        return { type: 'string', value: String(v), ...where };
    }
    return undefined;
}
/**
 * Whether an edit of a template leaves it a template with the same resources: what the suggestions'
 * editor asks before it shows a diff (else the suggestion is given as JSON).
 */
function templateEditChecker() {
    return (file, before, after) => {
        const a = parseTemplate(file, before);
        const b = parseTemplate(file, after);
        if (!a.root || !b.root || b.problems.length > 0)
            return false;
        const resources = (root) => {
            if (root.type !== 'object')
                return '';
            const i = root.keys.findIndex((k) => k.value === 'Resources');
            const node = root.values[i];
            return node?.type === 'object' ? node.keys.map((k) => k.value).join('\u0000') : '';
        };
        return resources(a.root) !== '' && resources(a.root) === resources(b.root);
    };
}


/***/ })

};
