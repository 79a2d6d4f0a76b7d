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
/**
 * An intrinsic's result, written where the call is: its text is the call's (`!Sub …`, `!If […]`). A
 * value the call made (`fresh`) is marked in place; one of its arguments is copied.
 */
function computedAt(result, call, fresh = false) {
    const span = spanOf(call);
    const marked = (fresh ? result : { ...result });
    marked[COMPUTED] = true;
    if (span)
        marked[SPAN] = span;
    else
        delete marked[SPAN];
    return marked;
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
/* harmony export */   templateEditChecker: () => (/* binding */ templateEditChecker)
/* harmony export */ });
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3243);
/* harmony import */ var _policy_json_tree_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9907);
/* harmony import */ var _origin_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8093);
// A CloudFormation template read into the positioned tree the policy parser takes (JsonNode): JSON with
// jsonc-parser, YAML with js-yaml's event parser. YAML's short-form intrinsics (`!Sub`, `!GetAtt a.b`,
// `!If [...]`) become their long form (`{ "Fn::Sub": ... }`), so the evaluator sees one language.
// Every node keeps the line and column it was written on, and a YAML node its text's offsets.
//
// Why js-yaml's events rather than the `yaml` package's documents (which read the config): building a
// document of nodes took about 1 s for 200 templates (npm run bench); the events, with the offsets this
// needs, a fifth of that.



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
/** The deepest nesting read: real templates nest a dozen levels; more is refused. */
const MAX_DEPTH = 200;
/** The most nodes a template may stand for, aliases expanded: a bomb of nested aliases ends here. */
const MAX_NODES = 500_000;
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
    let events;
    try {
        events = (0,js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseEvents */ .PH)(text, { maxDepth: MAX_DEPTH });
    }
    catch (error) {
        if (!(error instanceof js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .YAMLException */ .tB))
            throw error;
        const detail = error;
        const reason = /maxDepth/.test(detail.reason ?? '')
            ? `nested deeper than ${MAX_DEPTH} levels`
            : (detail.reason ?? error.message.split('\n')[0]);
        return {
            problems: [
                {
                    file,
                    line: (detail.mark?.line ?? 0) + 1,
                    column: (detail.mark?.column ?? 0) + 1,
                    message: /^nested/.test(reason) ? reason : `not valid YAML: ${reason}`,
                },
            ],
        };
    }
    try {
        const root = new TreeBuilder(text).build(events);
        return root
            ? { root, problems: [] }
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
/**
 * The tree of a YAML document from its parser events: scalars resolved as YAML 1.2's core schema does
 * (null, booleans, numbers, else strings), short-form tags made long form, aliases resolved (their
 * expanded size counted against MAX_NODES), duplicate keys refused.
 */
class TreeBuilder {
    text;
    lineStarts = [0];
    anchors = new Map();
    sizes = new WeakMap();
    nodes = 0;
    constructor(text) {
        this.text = text;
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1))
            this.lineStarts.push(i + 1);
    }
    build(events) {
        const stack = [];
        let root;
        let documents = 0;
        const attach = (node) => {
            const frame = stack[stack.length - 1];
            if (!frame) {
                root = node;
                return;
            }
            const span = (0,_origin_js__WEBPACK_IMPORTED_MODULE_2__/* .spanOf */ .ee)(node);
            if (span)
                frame.end = Math.max(frame.end, span.end);
            if (frame.kind === 'seq') {
                frame.values.push(node);
                return;
            }
            if (!frame.key) {
                const key = node.type === 'string'
                    ? node
                    : { type: 'string', value: scalarText(node), line: node.line, column: node.column };
                if (span)
                    (0,_origin_js__WEBPACK_IMPORTED_MODULE_2__/* .setSpan */ .Bx)(key, span);
                if (frame.seen.has(key.value))
                    throw new TemplateShapeError(`the key ${JSON.stringify(key.value)} is given twice in this mapping`, key);
                frame.seen.add(key.value);
                frame.key = key;
                return;
            }
            frame.keys.push(frame.key);
            frame.values.push(node);
            frame.key = undefined;
        };
        for (const event of events) {
            switch (event.type) {
                case js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .EVENT_ID */ .hy.DOCUMENT:
                    if (++documents > 1)
                        throw new TemplateShapeError('more than one YAML document in the file; a template is one', this.at(0));
                    break;
                case js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .EVENT_ID */ .hy.MAPPING:
                case js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .EVENT_ID */ .hy.SEQUENCE: {
                    if (stack.length >= MAX_DEPTH)
                        throw new TemplateShapeError(`nested deeper than ${MAX_DEPTH} levels`, this.at(event.start));
                    this.count(1, event.start);
                    stack.push({
                        kind: event.type === js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .EVENT_ID */ .hy.MAPPING ? 'map' : 'seq',
                        flow: event.style === 2,
                        start: event.start,
                        tag: event.tagStart >= 0 ? { start: event.tagStart, end: event.tagEnd } : undefined,
                        anchor: event.anchorStart >= 0 ? this.text.slice(event.anchorStart, event.anchorEnd) : undefined,
                        keys: [],
                        values: [],
                        seen: new Set(),
                        key: undefined,
                        end: event.start,
                    });
                    break;
                }
                case js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .EVENT_ID */ .hy.POP: {
                    const frame = stack.pop();
                    if (frame)
                        attach(this.close(frame));
                    break;
                }
                case js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .EVENT_ID */ .hy.SCALAR: {
                    this.count(1, event.valueStart);
                    const value = (0,js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .getScalarValue */ .KE)(this.text, event);
                    // A tagged value is where its tag is: that is what a person reads as its start.
                    const where = this.at(event.tagStart >= 0 ? event.tagStart : event.valueStart);
                    let node = event.style === 1 && event.tagStart < 0
                        ? coreScalar(value, where)
                        : { type: 'string', value, ...where };
                    (0,_origin_js__WEBPACK_IMPORTED_MODULE_2__/* .setSpan */ .Bx)(node, this.scalarSpan(event.valueStart, event.valueEnd, event.style));
                    if (event.tagStart >= 0)
                        node = this.tagged(node, event.tagStart, event.tagEnd, event.valueEnd);
                    if (event.anchorStart >= 0)
                        this.anchors.set(this.text.slice(event.anchorStart, event.anchorEnd), node);
                    attach(node);
                    break;
                }
                case js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .EVENT_ID */ .hy.ALIAS: {
                    const name = this.text.slice(event.anchorStart, event.anchorEnd);
                    const target = this.anchors.get(name);
                    if (!target)
                        throw new TemplateShapeError(`the alias *${name} refers to no anchor before it`, this.at(event.anchorStart));
                    this.count(this.sizes.get(target) ?? 1, event.anchorStart);
                    // The anchor's value, written where the alias is.
                    const copy = { ...target, ...this.at(event.anchorStart - 1) };
                    (0,_origin_js__WEBPACK_IMPORTED_MODULE_2__/* .setSpan */ .Bx)(copy, { start: event.anchorStart - 1, end: event.anchorEnd });
                    this.sizes.set(copy, this.sizes.get(target) ?? 1);
                    attach(copy);
                    break;
                }
            }
        }
        return root;
    }
    /** The node of a collection read to its end. */
    close(frame) {
        if (frame.key)
            throw new TemplateShapeError(`the key ${JSON.stringify(frame.key.value)} has no value`, frame.key);
        const where = this.at(frame.tag?.start ?? frame.start);
        // A flow collection ends at its closing bracket; a block one with its last child.
        const end = frame.flow ? this.closingBracket(frame.end) : frame.end;
        let node = frame.kind === 'seq'
            ? { type: 'array', items: frame.values, ...where }
            : { type: 'object', keys: frame.keys, values: frame.values, ...where };
        (0,_origin_js__WEBPACK_IMPORTED_MODULE_2__/* .setSpan */ .Bx)(node, { start: frame.start, end });
        let size = 1 + frame.keys.length;
        for (const v of frame.values)
            size += this.sizes.get(v) ?? 1;
        this.sizes.set(node, size);
        if (frame.tag)
            node = this.tagged(node, frame.tag.start, frame.tag.end, end);
        if (frame.anchor !== undefined)
            this.anchors.set(frame.anchor, node);
        return node;
    }
    /** A short-form intrinsic in its long form, its text from the tag to the value's end. */
    tagged(value, tagStart, tagEnd, end) {
        const tag = this.text.slice(tagStart, tagEnd);
        const where = this.at(tagStart);
        // `!!str` and the other standard tags: the value as YAML gives it.
        if (tag.startsWith('!!'))
            return tag === '!!str' && value.type !== 'string' && value.type !== 'array' && value.type !== 'object'
                ? { ...value, type: 'string', value: scalarText(value) }
                : value;
        const name = tag.slice(1);
        const fn = SHORT_FORMS[name];
        if (!fn) {
            const rain = name.startsWith('Rain::')
                ? ': a directive of the Rain tool, not CloudFormation: point template: at what `rain pkg` writes'
                : `; expected one of ${Object.keys(SHORT_FORMS)
                    .map((t) => `!${t}`)
                    .join(', ')}`;
            throw new TemplateShapeError(`unknown tag !${name}${rain}`, where);
        }
        // `!GetAtt Role.Arn` is `Fn::GetAtt: [Role, Arn]`: the first dot splits logical id and attribute.
        let argument = value.type === 'null' ? { type: 'string', value: '', ...where } : value;
        if (fn === 'Fn::GetAtt' && argument.type === 'string') {
            const dot = argument.value.indexOf('.');
            const parts = dot < 0 ? [argument.value] : [argument.value.slice(0, dot), argument.value.slice(dot + 1)];
            argument = {
                type: 'array',
                items: parts.map((p) => ({ type: 'string', value: p, ...where })),
                ...where,
            };
        }
        const key = { type: 'string', value: fn, ...where };
        const object = { type: 'object', keys: [key], values: [argument], ...where };
        (0,_origin_js__WEBPACK_IMPORTED_MODULE_2__/* .setSpan */ .Bx)(object, { start: tagStart, end });
        this.sizes.set(object, 1 + (this.sizes.get(value) ?? 1));
        return object;
    }
    /** A scalar's text, its quotes included: what an edit that keeps it as written must copy. */
    scalarSpan(start, end, style) {
        const quote = style === 2 ? "'" : style === 3 ? '"' : undefined;
        return quote && this.text[start - 1] === quote && this.text[end] === quote
            ? { start: start - 1, end: end + 1 }
            : { start, end };
    }
    count(n, offset) {
        this.nodes += n;
        if (this.nodes > MAX_NODES)
            throw new TemplateShapeError(`expands to more than ${MAX_NODES} values (aliases included); not read`, this.at(offset));
    }
    /** The offset after the bracket that closes a flow collection whose last child ends at `from`. */
    closingBracket(from) {
        const close = /[\]}]/g;
        close.lastIndex = from;
        const match = close.exec(this.text);
        return match ? match.index + 1 : from;
    }
    /** 1-based line and column of an offset (columns in UTF-16 code units, as jsonc-parser counts). */
    at(offset) {
        let lo = 0;
        let hi = this.lineStarts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.lineStarts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
    }
}
/** A plain scalar as YAML 1.2's core schema reads it. */
function coreScalar(value, where) {
    // Most plain scalars of a template are words (`Allow`, `AWS::IAM::Role`, `s3:GetObject`): a letter
    // that starts no null, boolean or number means a string, without the patterns below.
    const first = value.charCodeAt(0);
    const letter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122);
    if (letter && !'tTfFnN'.includes(value[0]))
        return { type: 'string', value, ...where };
    if (/^(?:~|null|Null|NULL|)$/.test(value))
        return { type: 'null', value: null, ...where };
    if (/^(?:true|True|TRUE)$/.test(value))
        return { type: 'boolean', value: true, ...where };
    if (/^(?:false|False|FALSE)$/.test(value))
        return { type: 'boolean', value: false, ...where };
    if (/^[-+]?[0-9]+$/.test(value))
        return { type: 'number', value: Number.parseInt(value, 10), ...where };
    if (/^0o[0-7]+$/.test(value))
        return { type: 'number', value: Number.parseInt(value.slice(2), 8), ...where };
    if (/^0x[0-9a-fA-F]+$/.test(value))
        return { type: 'number', value: Number.parseInt(value.slice(2), 16), ...where };
    if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(value))
        return { type: 'number', value: Number.parseFloat(value), ...where };
    if (/^[-+]?\.(?:inf|Inf|INF)$/.test(value))
        return { type: 'number', value: value.startsWith('-') ? -Infinity : Infinity, ...where };
    if (/^\.(?:nan|NaN|NAN)$/.test(value))
        return { type: 'number', value: Number.NaN, ...where };
    return { type: 'string', value, ...where };
}
function scalarText(node) {
    return node.type === 'string' || node.type === 'number' || node.type === 'boolean' ? String(node.value) : '';
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
