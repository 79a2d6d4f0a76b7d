export const id = 673;
export const ids = [673];
export const modules = {

/***/ 7822:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A6: () => (/* binding */ toJsonNode),
/* harmony export */   L5: () => (/* binding */ unknown),
/* harmony export */   MS: () => (/* binding */ documentsWithin),
/* harmony export */   NN: () => (/* binding */ valueBudget),
/* harmony export */   Qk: () => (/* binding */ nestingDepth),
/* harmony export */   S8: () => (/* binding */ TOO_MANY_VALUES),
/* harmony export */   SI: () => (/* binding */ nestingCuts),
/* harmony export */   TQ: () => (/* binding */ ADDRESS_KEY),
/* harmony export */   Ul: () => (/* binding */ toPlain),
/* harmony export */   VV: () => (/* binding */ placeIn),
/* harmony export */   Wg: () => (/* binding */ lineIn),
/* harmony export */   Xm: () => (/* binding */ renderTemplate),
/* harmony export */   YA: () => (/* binding */ partsWithin),
/* harmony export */   ZK: () => (/* binding */ valueOfJson),
/* harmony export */   _3: () => (/* binding */ evaluate),
/* harmony export */   bM: () => (/* binding */ fromPlain),
/* harmony export */   dX: () => (/* binding */ byKey),
/* harmony export */   e3: () => (/* binding */ unknownIn),
/* harmony export */   gZ: () => (/* binding */ TOO_DEEP),
/* harmony export */   kZ: () => (/* binding */ isNull),
/* harmony export */   lF: () => (/* binding */ encode),
/* harmony export */   lT: () => (/* binding */ jsonDecoded),
/* harmony export */   sU: () => (/* binding */ relocate),
/* harmony export */   yu: () => (/* binding */ cutShortIn),
/* harmony export */   zy: () => (/* binding */ isCutShort)
/* harmony export */ });
/* unused harmony exports MAX_VALUES, placeholder */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var re2js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2856);
/* harmony import */ var _policy_json_tree_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9907);
/* harmony import */ var _vocabulary_lists_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9877);
/* harmony import */ var _vocabulary_text_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8449);
/* harmony import */ var _cloudformation_template_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6406);
/* harmony import */ var _hcl_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5575);
// Evaluation of the HCL expressions that build IAM policies, as far as it can go without Terraform:
// literals, templates, collections, references the scope knows (variables, locals, each/count, values
// from the plan), and the functions policies are built with. A value known only after apply stays a
// readable placeholder (`${aws_s3_bucket.logs.arn}`). Every value keeps the line and column of the
// source text that wrote it, so a policy built here has its statements where a person edits them.








/**
 * The most values the collections made in one reading of the code may hold, each counted as often as it
 * is held (see weight). Each construct is bounded (range() and setproduct() by MAX_PRODUCT), but nested
 * they multiply: a for expression over 2,000 items making lists of 2,000 ran a runner out of memory after
 * 23 s, and one over 20,000 naming the same list of 1,000 made flatten() a list of 20 million. Real
 * configurations make tens of thousands.
 */
const MAX_VALUES = 2_000_000;
/** A fresh budget of MAX_VALUES, for one reading of the code. */
function valueBudget() {
    return { left: MAX_VALUES };
}
const TOO_MANY_VALUES = `more values than one reading of the code makes here (${(0,_vocabulary_text_js__WEBPACK_IMPORTED_MODULE_5__/* .thousands */ .oh)(MAX_VALUES)})`;
/**
 * Whether a collection just made may be kept: its weight is spent from the budget either way, so that
 * once it is out, what follows is refused too.
 */
function spend(scope, made) {
    scope.budget.left -= weight(made);
    return scope.budget.left >= 0;
}
/** Each collection's weight, worked out once (see weight). */
const WEIGHTS = new WeakMap();
/**
 * How many values a value is: a collection, itself and the weight of all it holds, a list held twice
 * counted twice, as flatten() or jsonencode() would spell it out; a string, one per 64 characters (the
 * budget is then 128 MB of text: templatefile() of a 1 MB file in a for over 3,000 items held 2 GB).
 */
function weight(value) {
    if (value.type !== 'array' && value.type !== 'object')
        return value.type === 'string' ? 1 + (value.value.length >> 6) : 1;
    let w = WEIGHTS.get(value);
    if (w === undefined) {
        w = 1;
        for (const item of value.type === 'array' ? value.items : value.values)
            w += weight(item);
        WEIGHTS.set(value, w);
    }
    return w;
}
const MAX_DEPTH = 64;
/**
 * Evaluations in progress, each reference followed counted: a local naming a local naming a local …
 * Past MAX_NESTING the value is not known, before the stack runs out (a chain of 2,000 locals, or of
 * 700 policy documents each the source of the next, ended the run with a RangeError).
 */
let nesting = 0;
const MAX_NESTING = 250;
const TOO_DEEP = `it follows references more than ${MAX_NESTING} deep (a local naming a local …)`;
/** How many evaluations were cut short so far (see nestingCuts). */
let cuts = 0;
/**
 * How many evaluations have been cut short by MAX_NESTING so far: a value made while one was may hold
 * a part not known that is known from a place less deep, so it is not kept for other places.
 */
function nestingCuts() {
    return cuts;
}
/** How many evaluations are in progress, one inside another. */
function nestingDepth() {
    return nesting;
}
function evaluate(expr, scope, depth = 0) {
    if (nesting >= MAX_NESTING) {
        cuts++;
        return unknown(expr.at, '…', TOO_DEEP);
    }
    nesting++;
    try {
        return evaluateNode(expr, scope, depth);
    }
    finally {
        nesting--;
    }
}
function evaluateNode(expr, scope, depth) {
    const at = expr.at;
    if (depth > MAX_DEPTH)
        return unknown(at, '…', 'nested too deeply');
    switch (expr.kind) {
        case 'literal':
            return fromPlain(expr.value, at);
        case 'template':
            return evaluateTemplate(expr, scope, depth);
        case 'tuple': {
            const made = {
                type: 'array',
                items: expr.items.map((e) => evaluate(e, scope, depth + 1)),
                ...pos(at),
            };
            return spend(scope, made) ? made : unknown(at, '[…]', TOO_MANY_VALUES);
        }
        case 'object': {
            const keys = [];
            const values = [];
            // A key given twice is one attribute, the last one's value: HCL takes it without a word (Terraform
            // issue 28727), so `jsonencode({ Resource = a, Resource = b })` writes `"Resource": b` alone.
            const index = new Map();
            for (const entry of expr.entries) {
                const key = evaluate(entry.key, scope, depth + 1);
                const text = keyText(key);
                if (text === undefined)
                    return unknown(at, '{…}', whyNot(key, 'an object key that is not a known string'));
                const made = { type: 'string', value: text, line: key.line, column: key.column };
                const value = evaluate(entry.value, scope, depth + 1);
                const seen = index.get(text);
                if (seen !== undefined) {
                    keys[seen] = made;
                    values[seen] = value;
                    continue;
                }
                index.set(text, keys.length);
                keys.push(made);
                values.push(value);
            }
            const made = { type: 'object', keys, values, ...pos(at) };
            return spend(scope, made) ? made : unknown(at, '{…}', TOO_MANY_VALUES);
        }
        case 'traversal': {
            const found = scope.resolve(expr.root, expr.steps, at);
            if (!found)
                return unknown(at, expr.text, `${expr.text} names nothing known here`);
            // An unknown named whole keeps what it is of (`v` of a for expression over policy ARNs).
            if (found.value.type === 'unknown') {
                const whole = found.used === expr.steps.length;
                const of = whole ? found.value.of : ofAfter(found.value, expr.steps.slice(found.used), scope, depth);
                const made = unknown(at, expr.text, found.value.why, of);
                return (whole && found.value.isText) || isStringAttribute(expr.text)
                    ? { ...made, isText: true }
                    : made;
            }
            return applySteps(found.value, expr.steps.slice(found.used), scope, expr.text, at, depth);
        }
        case 'steps':
            return applySteps(evaluate(expr.base, scope, depth + 1), expr.steps, scope, expr.text, at, depth);
        case 'call':
            return callFunction(expr, scope, depth);
        case 'conditional': {
            const test = evaluate(expr.test, scope, depth + 1);
            if (test.type !== 'boolean')
                return unknown(at, expr.text, whyNot(test, 'a condition known only after apply'), orNull(expr, scope, depth));
            return evaluate(test.value ? expr.then : expr.otherwise, scope, depth + 1);
        }
        case 'for':
            return evaluateFor(expr, scope, depth);
        case 'operation':
            return evaluateOperation(expr, scope, depth);
        case 'unsupported':
            return unknown(at, expr.text, `${expr.what} is not evaluated`);
        case 'elsewhere': {
            // Read where it is written, then used in the block it changes: each part keeps its line there.
            const value = evaluate(expr.expr, scope.writtenIn?.(expr.file) ?? scope, depth + 1);
            return relocate(value, at, expr.file);
        }
    }
}
/**
 * What a conditional not known here is, when one of its results is `null` (`var.repo != null ?
 * aws_iam_role.main[0] : null`, how a module outputs a role it may not make): the other's resource
 * instance, or what it is of, as a resource whose count is not known is taken as one instance.
 */
function orNull(expr, scope, depth) {
    const other = isNull(expr.otherwise) ? expr.then : isNull(expr.then) ? expr.otherwise : undefined;
    if (!other || isNull(other))
        return undefined;
    const value = evaluate(other, scope, depth + 1);
    if (value.type === 'unknown')
        return value.error ? undefined : value.of;
    const address = value.type === 'object' ? member(value, ADDRESS_KEY) : undefined;
    return address?.type === 'string' ? address.value : undefined;
}
/** Whether `expr` is the literal `null`. */
function isNull(expr) {
    return expr.kind === 'literal' && expr.value === null;
}
/** A scope with names bound on top of another (the variables of a for expression). */
function bind(scope, bindings) {
    return {
        resolve: (root, steps, at) => {
            const value = bindings.get(root);
            return value ? { value, used: 0 } : scope.resolve(root, steps, at);
        },
        readFile: (path) => scope.readFile(path),
        budget: scope.budget,
    };
}
function evaluateFor(expr, scope, depth) {
    const collection = evaluate(expr.collection, scope, depth + 1);
    const pairs = collection.type === 'array'
        ? collection.items.map((item, i) => [fromPlain(i, expr.at), item])
        : collection.type === 'object'
            ? byKey(collection)
            : [];
    if (collection.type !== 'array' && collection.type !== 'object')
        return unknown(expr.at, expr.text, whyNot(collection, 'a for expression over a collection not known here'));
    const items = [];
    const grouped = new Map();
    for (const [key, value] of pairs) {
        const names = new Map([[expr.valueName, value]]);
        if (expr.keyName)
            names.set(expr.keyName, key);
        const inner = bind(scope, names);
        if (expr.condition) {
            const keep = evaluate(expr.condition, inner, depth + 1);
            if (keep.type !== 'boolean')
                return unknown(expr.at, expr.text, whyNot(keep, 'a for condition known only after apply'));
            if (!keep.value)
                continue;
        }
        const result = evaluate(expr.value, inner, depth + 1);
        // Each item as it is made: a list of 1,000 named 20,000 times is refused before it is all there.
        if (!spend(inner, result))
            return unknown(expr.at, expr.text, TOO_MANY_VALUES);
        if (!expr.key) {
            items.push(result);
            continue;
        }
        const k = keyText(evaluate(expr.key, inner, depth + 1));
        if (k === undefined)
            return unknown(expr.at, expr.text, 'a for key known only after apply');
        const entry = grouped.get(k) ?? { key: { type: 'string', value: k, ...pos(expr.at) }, values: [] };
        entry.values.push(result);
        grouped.set(k, entry);
    }
    if (!expr.key)
        return { type: 'array', items, ...pos(expr.at) };
    const entries = [...grouped.values()];
    return {
        type: 'object',
        keys: entries.map((e) => e.key),
        values: entries.map((e) => expr.group
            ? { type: 'array', items: e.values, ...pos(expr.at) }
            : e.values[e.values.length - 1]),
        ...pos(expr.at),
    };
}
/**
 * The first value not known here inside lists and objects (`contains(local.filter, key)`, where one
 * item of the filter is a conditional of a variable not known here): what makes a function of them not
 * known. Breadth first, and no further than MAX_UNKNOWN_SEARCH values: the lists come from the code.
 */
function unknownWithin(values) {
    for (const value of breadthFirst(values, MAX_UNKNOWN_SEARCH, unmoved))
        if (value.type === 'unknown')
            return value;
    return undefined;
}
const MAX_UNKNOWN_SEARCH = 1_000;
/**
 * `values` and the items and values of the lists and objects in them, breadth first, no more than `most`
 * of them; `as` gives what is walked of each (unmoved: the values moved ones come from, which are not
 * moved again to be read).
 */
function* breadthFirst(values, most, as = (value) => value) {
    const queue = values.slice(0, most).map(as);
    for (let i = 0; i < queue.length; i++) {
        const value = queue[i];
        yield value;
        const inner = value.type === 'array' ? value.items : value.type === 'object' ? value.values : [];
        for (const part of inner) {
            if (queue.length >= most)
                break;
            queue.push(as(part));
        }
    }
}
/**
 * An object key as Terraform makes it: a string, or a number or bool converted to one (`{ for i, arn in
 * var.arns : i => arn }` keys by the list's indexes, "0", "1", …); undefined for what is not known here
 * or has no text (null, a list).
 */
function keyText(key) {
    if (key.type === 'string')
        return key.value;
    return key.type === 'number' || key.type === 'boolean' ? String(key.value) : undefined;
}
/**
 * Why a value made of `value` is not known: `value`'s own reason, which names where it comes from
 * (`module.queue's code is not in the workspace`), else `otherwise`.
 */
function whyNot(value, otherwise) {
    return value.type === 'unknown' ? value.why : otherwise;
}
function evaluateOperation(expr, scope, depth) {
    const right = evaluate(expr.right, scope, depth + 1);
    const at = expr.at;
    const done = (value) => fromPlain(value, at);
    if (!expr.left) {
        if (expr.operator === '!' && right.type === 'boolean')
            return done(!right.value);
        if (expr.operator === '-' && right.type === 'number')
            return done(-right.value);
        return unknown(at, expr.text, whyNot(right, 'an operation on a value known only after apply'));
    }
    const left = evaluate(expr.left, scope, depth + 1);
    // A known false on either side of && decides it, as a known true does ||, whatever the other side is
    // (HCL's logic since hashicorp/hcl#713: `count = module.this.enabled && length(var.x) > 0 ? 1 : 0` is 0
    // when x is [], whatever `enabled` is).
    if (expr.operator === '&&' || expr.operator === '||') {
        const decides = expr.operator === '||';
        if ((left.type === 'boolean' && left.value === decides) ||
            (right.type === 'boolean' && right.value === decides))
            return done(decides);
    }
    if (left.type === 'unknown' || right.type === 'unknown') {
        // `var.kms_key_arn != null ? … : …` of a key this configuration creates: its ARN is never null.
        const compared = expr.operator === '==' || expr.operator === '!=';
        if (compared && (isNothing(left, right) || isNothing(right, left)))
            return done(expr.operator === '!=');
        return unknown(at, expr.text, whyNot(left.type === 'unknown' ? left : right, 'an operation on a value known only after apply'));
    }
    switch (expr.operator) {
        case '==':
            return done(encode(left) === encode(right));
        case '!=':
            return done(encode(left) !== encode(right));
        case '&&':
        case '||':
            if (left.type !== 'boolean' || right.type !== 'boolean')
                break;
            return done(expr.operator === '&&' ? left.value && right.value : left.value || right.value);
    }
    if (left.type !== 'number' || right.type !== 'number')
        return unknown(at, expr.text, `${expr.operator} of values that are not numbers`);
    const [a, b] = [left.value, right.value];
    const results = {
        '+': a + b,
        '-': a - b,
        '*': a * b,
        '/': a / b,
        '%': a % b,
        '<': a < b,
        '>': a > b,
        '<=': a <= b,
        '>=': a >= b,
    };
    const result = results[expr.operator];
    return result === undefined
        ? unknown(at, expr.text, `the operator ${expr.operator} is not evaluated`)
        : done(result);
}
/** Attribute, index and splat steps on a value. */
function applySteps(start, steps, scope, text, at, depth) {
    let value = start;
    for (let i = 0; i < steps.length; i++) {
        const step = steps[i];
        if (value.type === 'unknown') {
            const named = value.splitArnOf !== undefined && step.kind === 'index'
                ? nameAtOne(value, evaluate(step.key, scope, depth + 1))
                : undefined;
            return named === undefined
                ? unknown(at, text, value.why, ofAfter(value, steps.slice(i), scope, depth))
                : unknown(at, text, value.why, ofAfter({ of: named }, steps.slice(i + 1), scope, depth));
        }
        if (step.kind === 'splat') {
            const items = value.type === 'array' ? value.items : value.type === 'null' ? [] : [value];
            const rest = steps.slice(i + 1);
            const made = {
                type: 'array',
                items: items.map((item) => applySteps(item, rest, scope, text, at, depth)),
                ...pos(at),
            };
            return spend(scope, made) ? made : unknown(at, text, TOO_MANY_VALUES);
        }
        const key = step.kind === 'attr' ? step.name : evaluate(step.key, scope, depth + 1);
        const name = typeof key === 'string' ? key : key.type === 'string' || key.type === 'number' ? key.value : undefined;
        // An attribute's name is always known; an index that is not (`aws_iam_user.gods[each.key]` of a
        // for_each not known here) says why.
        // A resource whose for_each is not known here is read as one instance without a key, which stands
        // for each: `aws_iam_role.this[each.key]` of a for_each over the same unknown map is that instance
        // (a resource instance has no key of its own), and any key picks a document's (`p["app"]`).
        if (name === undefined) {
            if (value.type === 'object' && (value.standsForEach || member(value, ADDRESS_KEY)?.type === 'string'))
                continue;
            const why = unknown(at, text, whyNot(key, 'an index known only after apply'));
            // An index that is an error (`list[index(list, x)]` of an x it does not hold) is one, which try()
            // passes over to what it gives instead, as Terraform does.
            return typeof key !== 'string' && key.type === 'unknown' && key.error ? { ...why, error: true } : why;
        }
        if (value.type === 'object' && value.standsForEach && member(value, name) === undefined)
            continue;
        const next = member(value, name);
        if (!next || next.type === 'unknown') {
            const address = step.kind === 'attr' ? member(value, ADDRESS_KEY) : undefined;
            // What it is of, and what the steps after this one take of that: the instance's own attribute,
            // unless it holds another resource's (the ARN of a policy this change creates, given to a
            // `data "aws_iam_policy"` that reads it), which it is.
            const here = next?.type === 'unknown' && next.of !== undefined && (!address || namesResourceAttribute(next.of))
                ? next.of
                : address?.type === 'string'
                    ? address.value + stepText(String(name))
                    : undefined;
            const of = here === undefined ? undefined : ofAfter({ of: here }, steps.slice(i + 1), scope, depth);
            if (next?.type === 'unknown')
                return {
                    ...unknown(at, text, next.why, of),
                    ...(next.error && { error: true }),
                    ...(next.managedDocument !== undefined && { managedDocument: next.managedDocument }),
                    ...(next.isText && { isText: true }),
                };
            // An attribute a resource instance does not show here is one known after apply (an `arn`, an
            // `id`); anything else missing from a known value is an error, as in Terraform.
            if (address?.type === 'string') {
                const later = unknown(at, text, `${text} is known only after apply`, of);
                return i === steps.length - 1 && STRING_ATTRIBUTES.has(String(name))
                    ? { ...later, isText: true }
                    : later;
            }
            // A map by workspace name, read with terraform.workspace (or a name made of it): "default" here.
            const workspace = name === 'default' ? ` ${WORKSPACE_READ}` : '';
            return { ...unknown(at, text, `${text} has no ${JSON.stringify(name)}${workspace}`, of), error: true };
        }
        value = next;
    }
    return value;
}
/** What is said of a key "default" a map lacks: what terraform.workspace reads here, and how to have another. */
const WORKSPACE_READ = '(terraform.workspace reads "default" without a plan: give the plan of each workspace as plan:)';
/**
 * What a value not known here is, once `steps` are taken into it (`module.a.role_name`, `var.names[0]`):
 * the same steps from the same value are the same value, as two attachments to one module output's role
 * are to one role. Undefined when a step does not say which (a splat, an index not known) or the value
 * is an error.
 */
function ofAfter(value, steps, scope, depth) {
    if (value.of === undefined || value.error)
        return undefined;
    let of = value.of;
    for (const step of steps) {
        if (step.kind === 'splat')
            return undefined;
        if (step.kind === 'attr') {
            of += stepText(step.name);
            continue;
        }
        const key = evaluate(step.key, scope, depth + 1);
        if (key.type === 'number')
            of += `[${key.value}]`;
        // A key is written as `x["app"]` or `x[each.key]`: one spelling for both, as HCL reads them alike.
        else if (key.type === 'string')
            of += stepText(key.value);
        else
            return undefined;
    }
    return of;
}
/**
 * Whether what a value is of is a managed resource's attribute (`module.p["x"].aws_iam_policy.this.arn`),
 * not a variable's, a local's or a data source's.
 */
function namesResourceAttribute(of) {
    return RESOURCE_ATTRIBUTE.test(of);
}
const RESOURCE_ATTRIBUTE = /(?:^|\]\.|[^\]]\.)(?<!data\.)[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][\w-]*(?:\[[^\]]*\])?\.[A-Za-z_][\w-]*$/;
/** `.name`, or `["a key"]` for a key that is no identifier (`x[""]` is read as an attribute). */
function stepText(name) {
    return /^[A-Za-z_][\w-]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}
function member(value, name) {
    if (value.type === 'object') {
        const i = (0,_policy_json_tree_js__WEBPACK_IMPORTED_MODULE_2__/* .keyIndex */ .gZ)(value, String(name));
        return i < 0 ? undefined : value.values[i];
    }
    if (value.type === 'array' && typeof name === 'number')
        return value.items[name];
    if (value.type === 'array' && /^\d+$/.test(String(name)))
        return value.items[Number(name)];
    return undefined;
}
function evaluateTemplate(expr, scope, depth) {
    // A template of one interpolation is that value itself ("${var.list}" is the list).
    const only = (0,_hcl_js__WEBPACK_IMPORTED_MODULE_4__.soleInterpolation)(expr.parts);
    if (only)
        return evaluate(only, scope, depth + 1);
    const out = {
        text: '',
        lines: [],
        newlines: 0,
        last: expr.at.line,
        steps: 0,
        width: 0,
        segments: [],
        shifted: false,
    };
    const failed = writeTemplate(expr.parts, scope, depth, out);
    if (failed)
        return failed;
    const holds = out.holds && { holds: out.holds };
    // A last line with nothing on it (the text ends with a newline) is where the text ends.
    if (out.lines.length <= out.newlines)
        out.lines.push(out.last);
    const first = out.lines[0];
    const inOrder = first === expr.contentLine && out.lines.every((line, i) => line === first + i);
    const made = out.lines.length <= 1
        ? { type: 'string', value: out.text, ...pos(expr.at), ...holds }
        : {
            type: 'string',
            value: out.text,
            ...pos(expr.at),
            origin: {
                file: undefined,
                line: expr.contentLine,
                ...(!inOrder && { lines: out.lines }),
                ...(out.shifted && { columns: out.segments }),
            },
            ...holds,
        };
    // Each text made counts, as collections do: 3,000 locals each a large text and a letter held 20 GB.
    return spend(scope, made) ? made : unknown(expr.at, '"…"', TOO_MANY_VALUES);
}
/** How many `%{ for }` bodies one template may write, and how long its text may grow. */
const MAX_TEMPLATE_STEPS = 100_000;
const MAX_TEMPLATE_TEXT = 8 * 1024 * 1024;
const TOO_LONG = `a text longer than ${MAX_TEMPLATE_TEXT / 1024 / 1024} MiB, which is not read here`;
/** Writes template parts to `out`; a value not known here stops it, and is returned (unknown) to say why. */
function writeTemplate(parts, scope, depth, out) {
    for (const part of parts) {
        if (part.kind === 'text') {
            write(out, part.text, part.line, part.column, true);
            continue;
        }
        if (part.kind === 'template-if') {
            const test = evaluate(part.test, scope, depth + 1);
            if (test.type !== 'boolean')
                return unknown(part.at, '%{ if … }', test.type === 'unknown' ? test.why : 'an %{ if } whose condition is not true or false');
            const failed = writeTemplate(test.value ? part.ifTrue : part.ifFalse, scope, depth + 1, out);
            if (failed)
                return failed;
            continue;
        }
        if (part.kind === 'template-for') {
            const collection = evaluate(part.collection, scope, depth + 1);
            if (collection.type !== 'array' && collection.type !== 'object')
                return unknown(part.at, '%{ for … }', collection.type === 'unknown' ? collection.why : 'a %{ for } over a value that is not a collection');
            const pairs = collection.type === 'array'
                ? collection.items.map((item, i) => [fromPlain(i, part.at), item])
                : byKey(collection);
            for (const [key, value] of pairs) {
                if (++out.steps > MAX_TEMPLATE_STEPS || out.text.length > MAX_TEMPLATE_TEXT)
                    return unknown(part.at, '%{ for … }', 'a template that repeats its text past what is read here');
                const names = new Map([[part.valueName, value]]);
                if (part.keyName)
                    names.set(part.keyName, key);
                const failed = writeTemplate(part.body, bind(scope, names), depth + 1, out);
                if (failed)
                    return failed;
            }
            continue;
        }
        const value = evaluate(part, scope, depth + 1);
        const piece = toText(value);
        if (piece === undefined)
            return unknown(part.at, '"…"', 'a list or object inside a string');
        // A text that doubles itself through a chain of locals (`"${local.a}${local.a}"`) outgrows any
        // string JavaScript can hold in thirty steps: it ended the run with "Invalid string length".
        if (out.text.length + piece.length > MAX_TEMPLATE_TEXT)
            return unknown(part.at, '"…"', TOO_LONG);
        if (value.type === 'unknown')
            out.holds ??= value;
        else if (value.type === 'string' && value.holds)
            out.holds ??= value.holds;
        write(out, piece, part.at.line, part.at.column, false);
    }
    return undefined;
}
/**
 * Appends text read from `line`:`column` on. A line of the text is where its first piece that is not blank
 * comes from: a literal's lines follow one another in the source, a value's all come from the
 * interpolation that wrote it, and the indent before a `%{ for … ~}` that strips its newline is not where
 * the body's first line is written. Each piece's column is kept with it (ColumnSegment).
 */
function write(out, text, line, column, literal) {
    let at = line;
    let col = column;
    let from = 0;
    for (;;) {
        const end = text.indexOf('\n', from);
        const piece = end < 0 ? text.slice(from) : text.slice(from, end + 1);
        const blank = piece.trim() === '';
        if (piece !== '' && out.lines.length <= out.newlines) {
            out.lines.push(at);
            out.blank = blank;
        }
        else if (out.blank && !blank) {
            out.lines[out.lines.length - 1] = at;
            out.blank = false;
        }
        if (piece !== '') {
            const starts = out.width + 1;
            const row = out.segments[out.newlines];
            const segment = { from: starts, line: at, column: col, literal };
            if (row)
                row.push(segment);
            else
                out.segments[out.newlines] = [segment];
            if (!literal || col !== starts)
                out.shifted = true;
        }
        out.text += piece;
        if (end < 0) {
            out.width += piece.length;
            break;
        }
        out.newlines++;
        out.width = 0;
        from = end + 1;
        if (literal) {
            at++;
            col = 1;
        }
    }
    out.last = at;
}
/** A value as it reads inside a string: unknown values as their placeholder. */
function toText(value) {
    switch (value.type) {
        case 'string':
            return value.value;
        case 'number':
        case 'boolean':
            return String(value.value);
        case 'null':
            return '';
        case 'unknown':
            // Inside a string, often JSON text (a heredoc policy): a placeholder that can neither end the string
            // nor break its line (`${coalesce(var.id, "missing")}` reads `${coalesce(var.id, 'missing')}`).
            return placeholder(shownText(value)).replace(/\s+/g, ' ').replace(/"/g, "'").replace(/\\/g, '');
        default:
            return undefined;
    }
}
/**
 * What a value not known here reads as: what it is (`of`: `module.app.aws_iam_role.task.arn`, passed
 * down as `var.task_role_arn` or a template's `${role}`), when that is known, else what the code writes.
 */
function shownText(value) {
    return value.of ?? value.text;
}
/**
 * `${aws_s3_bucket.logs.arn}`: how a value known only after apply reads in a policy. An expression that
 * spans lines or holds braces of its own (`[for env in local.envs : "arn:…:${env.name}"]`) reads up to
 * them, on one line, so that the placeholder ends where it seems to: a `}` of its own would end it
 * early, and what followed would be judged as part of an ARN.
 */
function placeholder(text) {
    if (text.startsWith('${'))
        return text;
    const line = text.replace(/\s+/g, ' ');
    const cut = line.search(/[${}]/);
    return cut < 0 ? `\${${line}}` : `\${${line.slice(0, cut).trimEnd()}…}`;
}
function callFunction(expr, scope, depth) {
    const at = expr.at;
    const fn = FUNCTIONS[expr.name];
    if (!fn)
        return unknown(at, expr.text, `the function ${expr.name}() is not evaluated`);
    if (expr.expandsLast && expr.name === 'try')
        return unknown(at, expr.text, 'try() with an expanded last argument is not evaluated');
    if (expr.name === 'try') {
        // The first argument that evaluates without an error: a value known only after apply is one (Terraform
        // gives it back, unknown), an index past the end of a list is not.
        for (const arg of expr.args) {
            const value = evaluate(arg, scope, depth + 1);
            if (value.type !== 'unknown' || !value.error)
                return value;
        }
        return { ...unknown(at, expr.text, 'no argument of try() could be evaluated'), error: true };
    }
    const args = expr.args.map((a) => evaluate(a, scope, depth + 1));
    // `concat(local.lists...)`, `merge(local.maps...)`: the last argument, a list, is its items. One not
    // known here leaves the call not known, for why; anything else Terraform refuses.
    if (expr.expandsLast) {
        const last = args.pop();
        if (last.type === 'unknown')
            return unknown(at, expr.text, last.why);
        if (last.type !== 'array')
            return {
                ...unknown(at, expr.text, `${expr.text}: only a list can be expanded into arguments`),
                error: true,
            };
        for (const item of last.items)
            args.push(item);
    }
    // A text that holds a placeholder is not the text Terraform will have: cut, hashed or cased, the
    // placeholder would make a name of its own (`substr("${var.prefix}-app", 0, 5)` is not "${var").
    const held = BY_CHARACTER.has(expr.name) ? args.map(placeholderIn).find((u) => u !== undefined) : undefined;
    if (held)
        return unknown(at, expr.text, held.why);
    // What a function makes of its arguments (flatten(), concat(), jsonencode()) is as large as they are
    // spelt out: arguments heavier than what is left are refused before it is made.
    let heavy = 0;
    for (const a of args)
        heavy += weight(a);
    if (heavy > scope.budget.left)
        return unknown(at, expr.text, TOO_MANY_VALUES);
    let result;
    try {
        result = fn(args, at, scope);
    }
    catch (error) {
        // What a function makes may outgrow what JavaScript holds before it is weighed (replace() of each
        // character of a long text by another long one): not known, as anything past the budget.
        if (error instanceof RangeError)
            return unknown(at, expr.text, TOO_MANY_VALUES);
        throw error;
    }
    if (result)
        return spend(scope, result) ? result : unknown(at, expr.text, TOO_MANY_VALUES);
    // Why it is not known: an argument's own reason says more than the function's name.
    const unknownArg = args.find((a) => a.type === 'unknown');
    const inner = unknownArg ? undefined : unknownWithin(args);
    // Terraform refuses null for an argument unless the function takes it (`length(null)`): an error, which
    // try() passes over (`try(length(var.url), 0)` is 0 for a variable left null), not a value not known.
    if (!unknownArg && args.some((a) => a.type === 'null') && !TAKES_NULL.has(expr.name))
        return { ...unknown(at, expr.text, `${expr.name}() of null`), error: true };
    const why = unknownArg?.type === 'unknown'
        ? unknownArg.why
        : inner
            ? `${expr.name}() of a value not known here: ${inner.why}`
            : `${expr.name}() of values known only after apply`;
    if (expr.name === 'split') {
        const [separator, arn] = args;
        const principal = separator?.type === 'string' && separator.value === '/' ? principalOf(arn) : undefined;
        if (principal !== undefined)
            return { ...unknown(at, expr.text, why), splitArnOf: principal };
    }
    const named = expr.name === 'basename'
        ? principalNameOf(args[0])
        : expr.name === 'element'
            ? nameAtOne(args[0], args[1])
            : undefined;
    return unknown(at, expr.text, why, named);
}
/**
 * `basename(aws_iam_role.app.arn)`, often of an ARN passed in from another module: an IAM principal's
 * ARN ends in its name, after its path, so the value is that principal's name (`…aws_iam_role.app.name`),
 * which says whom an attachment to it applies to.
 */
function principalNameOf(value) {
    const principal = principalOf(value);
    return principal === undefined ? undefined : `${principal}.name`;
}
/** The address of the IAM role, user or group whose ARN `value` is (`aws_iam_role.app` of its `.arn`). */
function principalOf(value) {
    if (value?.type !== 'unknown' || !value.of)
        return undefined;
    return /(?:^|\.)aws_iam_(?:role|user|group)\.[^.]+(?:\[[^\]]*\])?\.arn$/.test(value.of)
        ? value.of.slice(0, -'.arn'.length)
        : undefined;
}
/**
 * `split("/", aws_iam_role.app.arn)[1]` and `element(split("/", …), 1)`: the principal's name
 * (`aws_iam_role.app.name`), as principalNameOf() reads basename() of its ARN.
 */
function nameAtOne(list, index) {
    return list?.type === 'unknown' &&
        list.splitArnOf !== undefined &&
        index?.type === 'number' &&
        index.value === 1
        ? `${list.splitArnOf}.name`
        : undefined;
}
/**
 * Functions whose result of a text with a placeholder would be made of the placeholder's characters, not
 * the value's: a cut, a digest, a count, a case that changes `${var.name}`, a test of how it starts. Not
 * known of one. (replace(), lower() and trim() leave the placeholder standing for what the value becomes.)
 */
const BY_CHARACTER = new Set([
    'substr',
    'md5',
    'sha1',
    'sha256',
    'sha512',
    'length',
    'upper',
    'title',
    'startswith',
    'endswith',
    'strcontains',
    'regex',
    'regexall',
]);
/**
 * The five parts of an ARN after its `arn:` (partition, service, region, account, resource: the rest,
 * colons and all), or undefined when `text` is no ARN. A placeholder's colons (`${var.a ? "x" : "y"}`)
 * do not divide it.
 */
function arnParts(text) {
    if (!text.startsWith('arn:'))
        return undefined;
    const parts = [];
    let from = 4;
    for (let i = from; i < text.length && parts.length < 4; i++) {
        if (text.startsWith('${', i)) {
            const end = text.indexOf('}', i);
            if (end < 0)
                return undefined;
            i = end;
        }
        else if (text[i] === ':') {
            parts.push(text.slice(from, i));
            from = i + 1;
        }
    }
    if (parts.length < 4)
        return undefined;
    parts.push(text.slice(from));
    return parts;
}
/** What Terraform stops on: a provider function given a text that is not the ARN it takes. */
function notAnArn(fn, text, at, expected = 'an ARN') {
    const call = `provider::aws::${fn}(${JSON.stringify(text)})`;
    return { ...unknown(at, call, `${call}: ${JSON.stringify(text)} is not ${expected}`), error: true };
}
/** The value not known here that a text holds as its placeholder (`"${var.prefix}-app"`), if any. */
function placeholderIn(value) {
    return value.type === 'string' ? value.holds : undefined;
}
/** `text`, holding the first placeholder of the values it is made of (join(), format()), if any. */
function withHeld(text, parts) {
    for (const part of parts) {
        const held = part.type === 'unknown' ? part : placeholderIn(part);
        if (held)
            return { ...text, holds: held };
    }
    return text;
}
/** Why file() or templatefile() read nothing at `path` (the repository's path, or the absolute one written). */
function unreadable(fn, path, why) {
    if (why)
        return `${fn}() reads ${path}, which ${why}`;
    return path.startsWith('/')
        ? `${fn}() reads ${path}: an absolute path, outside the repository`
        : `${fn}() reads ${path}, which is not in the repository`;
}
/** Templates parsed, by their text: a for expression calls templatefile() on one file once per item. */
const TEMPLATES = new Map();
/** The template a file's text is, parsed once per text (the last 32 kept). */
function templateOf(text) {
    let parsed = TEMPLATES.get(text);
    if (!parsed) {
        if (TEMPLATES.size >= 32)
            TEMPLATES.clear();
        parsed = (0,_hcl_js__WEBPACK_IMPORTED_MODULE_4__.parseTemplate)(text);
        TEMPLATES.set(text, parsed);
    }
    return parsed;
}
function digest(algorithm, s, at) {
    return s?.type === 'string'
        ? fromPlain((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)(algorithm).update(s.value, 'utf8').digest('hex'), at)
        : undefined;
}
/** The most items setproduct() and range() make: a pull request's .tf file must not exhaust memory. */
const MAX_PRODUCT = 100_000;
/** Where `item` is in `list` (-1: not there), compared as Terraform compares values; undefined when not known. */
function positionIn(list, item) {
    if (list?.type !== 'array' || !item || item.type === 'unknown')
        return undefined;
    const placed = placesIn(list);
    return placed === null ? undefined : (placed.get(encode(item)) ?? -1);
}
/**
 * Each item's first place in a list, by its JSON text (null: the list holds an unknown value), made once
 * per list: `[for x in local.list : index(local.list, x)]` spelled every item out for every item, and a
 * list of 8,000 took 7 s.
 */
const places = new WeakMap();
function placesIn(list) {
    let found = places.get(list);
    if (found === undefined) {
        found = list.items.some((v) => v.type === 'unknown') ? null : (0,_vocabulary_lists_js__WEBPACK_IMPORTED_MODULE_6__/* .firstPlaces */ .TD)(list.items, encode);
        places.set(list, found);
    }
    return found;
}
/** `fn` of numbers, each known; min(), max() and sum() take at least one. */
/**
 * What regex() gives of each match of `pattern` in `s`, at most `most`: the matched text when the pattern
 * has no group, the list of its groups (null for one that matched nothing) when they are unnamed, the
 * map of them when they are named. Undefined for a pattern RE2 refuses, or one that mixes the two.
 */
function matchesOf(pattern, s, at, most) {
    if (pattern?.type !== 'string' || s?.type !== 'string')
        return undefined;
    let compiled;
    try {
        compiled = re2js__WEBPACK_IMPORTED_MODULE_7__/* .RE2JS */ .L3.compile(pattern.value);
    }
    catch {
        return undefined;
    }
    const named = Object.entries(compiled.namedGroups());
    const matcher = compiled.matcher(s.value);
    const groups = matcher.groupCount();
    if (named.length > 0 && named.length !== groups)
        return undefined;
    const text = (i) => {
        const group = matcher.group(i);
        return group === null
            ? { type: 'null', value: null, ...pos(at) }
            : { type: 'string', value: group, ...pos(at) };
    };
    const found = [];
    while (found.length < most && matcher.find()) {
        if (groups === 0)
            found.push(text(0));
        else if (named.length === 0)
            found.push({ type: 'array', items: Array.from({ length: groups }, (_, i) => text(i + 1)), ...pos(at) });
        else
            found.push({
                type: 'object',
                keys: named.map(([name]) => ({ type: 'string', value: name, ...pos(at) })),
                values: named.map(([, i]) => text(i)),
                ...pos(at),
            });
    }
    return found;
}
const MAX_REGEX_MATCHES = 10_000;
function numbers(args, at, fn) {
    const ns = [];
    for (const a of args) {
        if (a.type !== 'number')
            return undefined;
        ns.push(a.value);
    }
    return ns.length === 0 ? undefined : fromPlain(fn(ns), at);
}
/** Set while a templatefile() template is evaluated. */
let inTemplate = false;
/**
 * A template's text rendered as templatefile() renders it, with `vars` and nothing else of the module in
 * scope; its lines those of the text where it stands (`at`: line 1 of a file, a heredoc's first line).
 * `call` names what rendered it, for why a value is not known. Also the `rendered` of a
 * `data "template_file"`, the pre-0.12 way of the same.
 */
function renderTemplate(text, 
/** The file the text is written in (undefined: the one evaluated), and the line it begins on. */
where, vars, scope, at, call) {
    if (vars.type !== 'object')
        return unknown(at, call, `${call}: its variables are not an object known here`);
    // Terraform does not let a template call templatefile() itself.
    if (inTemplate)
        return unknown(at, call, 'templatefile() inside a template, which Terraform refuses');
    const parsed = templateOf(text);
    const lineOf = (line) => line + where.line - 1;
    if ('problem' in parsed) {
        const line = lineOf(parsed.line);
        return unknown(at, call, `${where.file ? `${where.file}:${line}` : `line ${line}`}: ${parsed.problem}`);
    }
    // The template sees its variables and nothing else of the module.
    const variables = {
        resolve: (root) => {
            const value = member(vars, root);
            return value && { value, used: 0 };
        },
        readFile: (p) => scope.readFile(p),
        budget: scope.budget,
    };
    inTemplate = true;
    let value;
    try {
        value = evaluate(parsed.template, variables);
    }
    finally {
        inTemplate = false;
    }
    if (value.type === 'unknown')
        return unknown(at, call, where.file ? `${where.file}: ${value.why}` : value.why);
    if (value.type !== 'string')
        return unknown(at, call, `${call} is not text`);
    // Its lines are the text's: parseTemplate read it one line down.
    const lines = value.origin?.lines?.map((line) => lineOf(line - _hcl_js__WEBPACK_IMPORTED_MODULE_4__.TEMPLATE_LINE_OFFSET));
    const columns = value.origin?.columns?.map((segments) => segments?.map((s) => ({ ...s, line: lineOf(s.line - _hcl_js__WEBPACK_IMPORTED_MODULE_4__.TEMPLATE_LINE_OFFSET) })));
    return {
        type: 'string',
        value: value.value,
        ...pos(at),
        origin: {
            file: where.file,
            line: where.line,
            template: true,
            ...(lines && { lines }),
            ...(columns && { columns }),
        },
        ...(value.holds && { holds: value.holds }),
    };
}
const FUNCTIONS = {
    // Of a value not known at all, not known either (its reason kept): only a known value's unknown
    // parts are placeholders in the text, and a resource's string attribute, which is text whatever it is
    // (`jsonencode(aws_sqs_queue.jobs.arn)`, a template's `"Resource": ${arn}`).
    jsonencode: ([value], at) => value && (value.type !== 'unknown' || value.isText)
        ? { type: 'string', value: encode(value), ...pos(at), encoded: value }
        : undefined,
    jsondecode: ([text], at) => (text?.type === 'string' ? jsonDecoded(text, at) : undefined),
    yamldecode: ([text], at) => (text?.type === 'string' ? decoded(text, at, 'yamldecode') : undefined),
    file: ([path], at, scope) => {
        if (path?.type !== 'string')
            return undefined;
        const read = scope.readFile(path.value);
        if (read?.text === undefined)
            return unknown(at, `file("${path.value}")`, unreadable('file', read?.file ?? path.value, read?.why));
        return { type: 'string', value: read.text, ...pos(at), origin: { file: read.file, line: 1 } };
    },
    fileset: ([path, pattern], at, scope) => {
        if (path?.type !== 'string' || pattern?.type !== 'string')
            return undefined;
        const files = scope.listFiles?.(path.value, pattern.value);
        if (!files)
            return unknown(at, `fileset("${path.value}", "${pattern.value}")`, `fileset() lists ${path.value}, which is not a directory in the repository, or holds too many files`);
        return { type: 'array', items: files.map((f) => ({ type: 'string', value: f, ...pos(at) })), ...pos(at) };
    },
    // A file that cannot be read here (outside the repository) is not known to be missing.
    fileexists: ([path], at, scope) => {
        if (path?.type !== 'string')
            return undefined;
        const read = scope.readFile(path.value);
        return read ? { type: 'boolean', value: read.text !== undefined, ...pos(at) } : undefined;
    },
    basename: ([path], at) => path?.type === 'string' ? { type: 'string', value: node_path__WEBPACK_IMPORTED_MODULE_1__.posix.basename(path.value), ...pos(at) } : undefined,
    dirname: ([path], at) => path?.type === 'string' ? { type: 'string', value: node_path__WEBPACK_IMPORTED_MODULE_1__.posix.dirname(path.value), ...pos(at) } : undefined,
    templatefile: ([path, vars], at, scope) => {
        if (path?.type !== 'string' || vars?.type !== 'object')
            return undefined;
        const read = scope.readFile(path.value);
        const call = `templatefile("${path.value}", …)`;
        // Terraform stops on a template it cannot read; here the policy is left unresolved, saying why.
        if (read?.text === undefined)
            return unknown(at, call, unreadable('templatefile', read?.file ?? path.value, read?.why));
        return renderTemplate(read.text, { file: read.file, line: 1 }, vars, scope, at, call);
    },
    // Terraform 1.9: a template held in a value (a local, a file read once), rendered as templatefile()
    // renders one; its lines are where the text is written.
    templatestring: ([text, vars], at, scope) => {
        if (text?.type !== 'string' || vars?.type !== 'object')
            return undefined;
        const where = text.origin
            ? { file: text.origin.file, line: text.origin.line }
            : text.written
                ? { file: text.written.file, line: text.written.line }
                : { file: undefined, line: text.line };
        return renderTemplate(text.value, where, vars, scope, at, 'templatestring(…)');
    },
    format: ([spec, ...rest], at) => {
        const text = spec?.type === 'string' ? formatted(spec.value, rest) : undefined;
        return text === undefined ? undefined : withHeld({ type: 'string', value: text, ...pos(at) }, rest);
    },
    // `formatlist("arn:aws:s3:::%s/*", var.buckets)`: format() once per item; lists of one length, a single
    // value repeated.
    formatlist: ([spec, ...rest], at) => {
        if (spec?.type !== 'string' || rest.some((r) => r.type === 'unknown'))
            return undefined;
        const lengths = new Set(rest.flatMap((r) => (r.type === 'array' ? [r.items.length] : [])));
        if (lengths.size > 1)
            return undefined;
        const [count = 1] = lengths;
        const items = [];
        for (let i = 0; i < count; i++) {
            const parts = rest.map((r) => (r.type === 'array' ? r.items[i] : r));
            const text = formatted(spec.value, parts);
            if (text === undefined)
                return undefined;
            items.push(withHeld({ type: 'string', value: text, ...pos(at) }, parts));
        }
        return { type: 'array', items, ...pos(at) };
    },
    join: ([separator, ...lists], at) => {
        // A list known only after apply (a splat of instances whose count is not known) is unknown as a whole,
        // not one placeholder item: its items are not known.
        if (separator?.type !== 'string' || lists.some((l) => l.type === 'unknown'))
            return undefined;
        const items = lists.flatMap((l) => (l.type === 'array' ? l.items : [l]));
        // One item is itself (`join("", aws_iam_policy.x.*.arn)`, the pre-0.12 way to read a counted
        // resource): an unknown one stays the attribute it is, not a placeholder in a string, and a string keeps
        // where its text comes from.
        const [only] = items;
        if (items.length === 1 && (only?.type === 'unknown' || only?.type === 'string'))
            return only;
        const texts = items.map(toText);
        if (texts.some((t) => t === undefined))
            return undefined;
        return withHeld({ type: 'string', value: texts.join(separator.value), ...pos(at) }, items);
    },
    concat: (lists, at) => lists.every((l) => l.type === 'array')
        ? { type: 'array', items: lists.flatMap((l) => (l.type === 'array' ? l.items : [])), ...pos(at) }
        : undefined,
    flatten: ([list], at) => list?.type === 'array' ? { type: 'array', items: flattenItems(list), ...pos(at) } : undefined,
    merge: (objects, at) => {
        if (!objects.every((o) => o.type === 'object' || o.type === 'null'))
            return undefined;
        const merged = new Map();
        for (const o of objects) {
            if (o.type !== 'object')
                continue;
            o.keys.forEach((key, i) => {
                merged.set(key.value, { key, value: o.values[i] });
            });
        }
        return {
            type: 'object',
            keys: [...merged.values()].map((e) => e.key),
            values: [...merged.values()].map((e) => e.value),
            ...pos(at),
        };
    },
    distinct: ([list], at) => list?.type === 'array' ? { type: 'array', items: distinctItems(list.items), ...pos(at) } : undefined,
    setunion: (sets, at) => sets.every((set) => set.type === 'array')
        ? { type: 'array', items: setOrder(distinctItems(sets.flatMap((set) => set.items))), ...pos(at) }
        : undefined,
    setintersection: ([first, ...others], at) => setOf(first, others, at, (item, sets) => sets.every((set) => set.has(item))),
    setsubtract: ([first, second], at) => setOf(first, second ? [second] : [], at, (item, [set]) => !set?.has(item)),
    sort: ([list], at) => {
        if (list?.type !== 'array' || !list.items.every((item) => item.type === 'string'))
            return undefined;
        return { type: 'array', items: [...list.items].sort(byText), ...pos(at) };
    },
    reverse: ([list], at) => list?.type === 'array' ? { type: 'array', items: [...list.items].reverse(), ...pos(at) } : undefined,
    slice: ([list, start, end], at) => {
        if (list?.type !== 'array' || start?.type !== 'number' || end?.type !== 'number')
            return undefined;
        if (start.value < 0 || end.value > list.items.length || start.value > end.value)
            return undefined;
        return { type: 'array', items: list.items.slice(start.value, end.value), ...pos(at) };
    },
    zipmap: ([keys, values], at) => {
        if (keys?.type !== 'array' || values?.type !== 'array' || keys.items.length !== values.items.length)
            return undefined;
        if (!keys.items.every((key) => key.type === 'string'))
            return undefined;
        return { type: 'object', keys: keys.items, values: values.items, ...pos(at) };
    },
    tomap: ([map]) => (map?.type === 'object' ? map : undefined),
    trimspace: ([s], at) => (s?.type === 'string' ? fromPlain(s.value.trim(), at) : undefined),
    // Hex digests of a string's UTF-8 bytes: modules key a for_each by them (`md5(policy) => policy`).
    md5: ([s], at) => digest('md5', s, at),
    sha1: ([s], at) => digest('sha1', s, at),
    sha256: ([s], at) => digest('sha256', s, at),
    sha512: ([s], at) => digest('sha512', s, at),
    // Each word's first letter upper-cased, as Go's strings.Title does it.
    title: ([s], at) => s?.type === 'string'
        ? fromPlain(s.value.replace(/(^|[^\p{L}\p{N}_])(\p{Ll})/gu, (_, before, letter) => before + letter.toUpperCase()), at)
        : undefined,
    // By characters, as Terraform counts them; a negative offset counts from the end, a length of -1 to it.
    substr: ([s, offset, length], at) => {
        if (s?.type !== 'string' || offset?.type !== 'number' || length?.type !== 'number')
            return undefined;
        const chars = [...s.value];
        const from = offset.value < 0 ? Math.max(0, chars.length + offset.value) : offset.value;
        if (from > chars.length)
            return undefined;
        const to = length.value < 0 ? chars.length : Math.min(chars.length, from + length.value);
        return fromPlain(chars.slice(from, to).join(''), at);
    },
    tolist: ([list]) => (list?.type === 'array' ? list : undefined),
    toset: ([list], at) => list?.type === 'array'
        ? { type: 'array', items: setOrder(distinctItems(list.items)), ...pos(at) }
        : undefined,
    tostring: ([value], at) => {
        const text = value && toText(value);
        return value === undefined || text === undefined
            ? undefined
            : withHeld({ type: 'string', value: text, ...pos(at) }, [value]);
    },
    lower: ([s], at) => s?.type === 'string' ? { type: 'string', value: s.value.toLowerCase(), ...pos(at) } : undefined,
    upper: ([s], at) => s?.type === 'string' ? { type: 'string', value: s.value.toUpperCase(), ...pos(at) } : undefined,
    compact: ([list], at) => list?.type === 'array'
        ? {
            type: 'array',
            items: list.items.filter((v) => !(v.type === 'string' && v.value === '') && v.type !== 'null'),
            ...pos(at),
        }
        : undefined,
    coalesce: (args) => args.find((a) => a.type !== 'null' && !(a.type === 'string' && a.value === '')),
    element: ([list, index]) => list?.type === 'array' && index?.type === 'number' && list.items.length > 0
        ? list.items[index.value % list.items.length]
        : undefined,
    lookup: ([map, key, fallback]) => {
        if (map?.type !== 'object' || key?.type !== 'string')
            return undefined;
        return member(map, key.value) ?? fallback;
    },
    length: ([given], at) => {
        // Counted on what a moved value was moved from: its parts need not be moved to be counted.
        const value = given && unmoved(given);
        if (value?.type === 'array' && value.items.some((item) => item.type === 'unknown' && item.spread))
            return unknown(at, 'length(…)', 'the list flatten() made holds what is not known here, of a length not known');
        if (value?.type === 'array')
            return fromPlain(value.items.length, at);
        if (value?.type === 'object')
            return fromPlain(value.keys.length, at);
        // Characters, as Terraform counts them (not UTF-16 units).
        if (value?.type === 'string')
            return fromPlain([...value.value].length, at);
        return undefined;
    },
    coalescelist: (lists) => lists.find((l) => l.type === 'array' && l.items.length > 0),
    // Of a map; of a known list or text, an error (`try(keys(var.statements), [null])` reads either).
    keys: ([map], at) => map?.type === 'object'
        ? { type: 'array', items: [...map.keys].sort(byText), ...pos(at) }
        : notMap('keys', map, at),
    values: ([map], at) => map?.type === 'object'
        ? { type: 'array', items: byKey(map).map(([, value]) => value), ...pos(at) }
        : notMap('values', map, at),
    contains: ([list, item], at) => {
        const i = positionIn(list, item);
        return i === undefined ? undefined : fromPlain(i >= 0, at);
    },
    one: ([list], at) => {
        if (list?.type !== 'array' || list.items.length > 1)
            return undefined;
        return list.items[0] ?? { type: 'null', value: null, ...pos(at) };
    },
    replace: ([s, search, replacement], at) => {
        if (s?.type !== 'string' || search?.type !== 'string' || replacement?.type !== 'string')
            return undefined;
        if (!/^\/.+\/$/.test(search.value))
            return { type: 'string', value: s.value.split(search.value).join(replacement.value), ...pos(at) };
        // `/…/` is a regular expression in RE2's syntax, matched in linear time as Terraform does: JavaScript's
        // backtracking engine could be kept running for hours by a pull request's .tf file.
        try {
            const pattern = re2js__WEBPACK_IMPORTED_MODULE_7__/* .RE2JS */ .L3.compile(search.value.slice(1, -1));
            const value = pattern
                .matcher(s.value)
                .replaceAll((...match) => expand(replacement.value, match));
            return { type: 'string', value, ...pos(at) };
        }
        catch {
            return undefined;
        }
    },
    // The AWS provider's functions (provider 5.40+, Terraform 1.8+): an ARN taken apart, put together, or
    // a role's ARN without its path. A part of a text that holds a placeholder holds it too.
    'provider::aws::arn_parse': ([arn], at) => {
        if (arn?.type !== 'string')
            return undefined;
        const parts = arnParts(arn.value);
        if (!parts)
            return notAnArn('arn_parse', arn.value, at);
        const names = ['partition', 'service', 'region', 'account_id', 'resource'];
        return {
            type: 'object',
            keys: names.map((name) => ({ type: 'string', value: name, ...pos(at) })),
            values: parts.map((part) => withHeld({ type: 'string', value: part, ...pos(at) }, part.includes('${') ? [arn] : [])),
            ...pos(at),
        };
    },
    'provider::aws::arn_build': (parts, at) => {
        const texts = parts.length === 5 ? parts.map(toText) : [];
        if (texts.length !== 5 || texts.some((text) => text === undefined))
            return undefined;
        return withHeld({ type: 'string', value: `arn:${texts.join(':')}`, ...pos(at) }, parts);
    },
    'provider::aws::trim_iam_role_path': ([arn], at) => {
        if (arn?.type !== 'string')
            return undefined;
        const [partition, service, region, account, resource] = arnParts(arn.value) ?? [];
        if (service !== 'iam' || !resource?.startsWith('role/'))
            return notAnArn('trim_iam_role_path', arn.value, at, 'an IAM role ARN');
        const name = resource.slice(resource.lastIndexOf('/') + 1);
        const text = `arn:${partition}:${service}:${region}:${account}:role/${name}`;
        return withHeld({ type: 'string', value: text, ...pos(at) }, [arn]);
    },
    split: ([separator, s], at) => separator?.type === 'string' && s?.type === 'string'
        ? fromPlain(s.value.split(separator.value), at)
        : undefined,
    trimprefix: ([s, prefix], at) => s?.type === 'string' && prefix?.type === 'string'
        ? fromPlain(s.value.startsWith(prefix.value) ? s.value.slice(prefix.value.length) : s.value, at)
        : undefined,
    trimsuffix: ([s, suffix], at) => s?.type === 'string' && suffix?.type === 'string'
        ? fromPlain(s.value.endsWith(suffix.value) && suffix.value !== ''
            ? s.value.slice(0, -suffix.value.length)
            : s.value, at)
        : undefined,
    strcontains: ([s, part], at) => s?.type === 'string' && part?.type === 'string' ? fromPlain(s.value.includes(part.value), at) : undefined,
    // `{ admins = ["ann", "bo"] }` to `{ ann = ["admins"], bo = ["admins"] }`: each list's strings become keys,
    // the keys they were under their values, in key order, as Terraform swaps a map of lists.
    transpose: ([map], at) => {
        if (map?.type !== 'object')
            return undefined;
        const swapped = new Map();
        for (const [key, list] of byKey(map)) {
            if (list.type !== 'array')
                return undefined;
            for (const item of list.items) {
                if (item.type !== 'string')
                    return undefined;
                const keys = swapped.get(item.value);
                if (keys)
                    keys.push(key.value);
                else
                    swapped.set(item.value, [key.value]);
            }
        }
        return fromPlain(Object.fromEntries([...swapped].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), at);
    },
    startswith: ([s, prefix], at) => s?.type === 'string' && prefix?.type === 'string'
        ? fromPlain(s.value.startsWith(prefix.value), at)
        : undefined,
    endswith: ([s, suffix], at) => s?.type === 'string' && suffix?.type === 'string'
        ? fromPlain(s.value.endsWith(suffix.value), at)
        : undefined,
    // `for_each = { for pair in setproduct(var.roles, var.policy_arns) : … }`: each role with each policy.
    setproduct: (sets, at) => {
        if (sets.length < 2 || sets.some((set) => set.type !== 'array'))
            return undefined;
        const lists = sets;
        const size = lists.reduce((n, list) => n * list.items.length, 1);
        if (size > MAX_PRODUCT)
            return unknown(at, 'setproduct(…)', `setproduct() of ${size} combinations, more than ${MAX_PRODUCT} are read`);
        let product = [[]];
        for (const list of lists)
            product = product.flatMap((head) => list.items.map((item) => [...head, item]));
        return {
            type: 'array',
            items: product.map((items) => ({ type: 'array', items, ...pos(at) })),
            ...pos(at),
        };
    },
    range: (args, at) => {
        const ns = args.flatMap((a) => (a.type === 'number' ? [a.value] : []));
        if (args.length === 0 || args.length > 3 || ns.length !== args.length)
            return undefined;
        const [a, b, c] = ns;
        // Without a step, 1 counting up and -1 counting down, as Terraform has it.
        const [start, end] = args.length === 1 ? [0, a] : [a, b];
        const step = c ?? (start <= end ? 1 : -1);
        if (step === 0 || (end - start) / step > MAX_PRODUCT)
            return undefined;
        const items = [];
        for (let i = start; step > 0 ? i < end : i > end; i += step)
            items.push(fromPlain(i, at));
        return { type: 'array', items, ...pos(at) };
    },
    chunklist: ([list, size], at) => {
        if (list?.type !== 'array' || size?.type !== 'number' || size.value < 0 || !Number.isInteger(size.value))
            return undefined;
        if (size.value === 0)
            return { type: 'array', items: [{ ...list, ...pos(at) }], ...pos(at) };
        const chunks = [];
        for (let i = 0; i < list.items.length; i += size.value)
            chunks.push({ type: 'array', items: list.items.slice(i, i + size.value), ...pos(at) });
        return { type: 'array', items: chunks, ...pos(at) };
    },
    index: ([list, item], at) => {
        const i = positionIn(list, item);
        if (i === undefined)
            return undefined;
        return i < 0
            ? { ...unknown(at, 'index(…)', 'index() of an item the list does not hold'), error: true }
            : fromPlain(i, at);
    },
    chomp: ([s], at) => (s?.type === 'string' ? fromPlain((0,_vocabulary_text_js__WEBPACK_IMPORTED_MODULE_5__/* .trimEndOf */ .fC)(s.value, '\r\n'), at) : undefined),
    // Spaces after each line break, as a heredoc policy indents a document it embeds
    // (`${indent(2, jsonencode(local.statement))}`); a placeholder in the text stays one.
    indent: ([spaces, s], at, scope) => {
        if (spaces?.type !== 'number' || s?.type !== 'string')
            return undefined;
        const n = spaces.value;
        if (!Number.isInteger(n) || n < 0)
            return unknown(at, 'indent(…)', `indent() of ${n} spaces, which Terraform refuses`);
        const breaks = s.value.split('\n').length - 1;
        if (breaks === 0)
            return s;
        // Not made at all past what the budget has left (indent(1e9, …) of a long text).
        if ((s.value.length + breaks * n) / 64 > scope.budget.left)
            return unknown(at, 'indent(…)', TOO_MANY_VALUES);
        const made = withHeld({ type: 'string', value: s.value.replaceAll('\n', `\n${' '.repeat(n)}`), ...pos(at) }, [s]);
        return spend(scope, made) ? made : unknown(at, 'indent(…)', TOO_MANY_VALUES);
    },
    trim: ([s, cut], at) => {
        if (s?.type !== 'string' || cut?.type !== 'string')
            return undefined;
        const chars = new Set(cut.value);
        let start = 0;
        let end = s.value.length;
        while (start < end && chars.has(s.value.charAt(start)))
            start++;
        while (end > start && chars.has(s.value.charAt(end - 1)))
            end--;
        return fromPlain(s.value.slice(start, end), at);
    },
    tonumber: ([v], at) => {
        if (v?.type === 'number' || v?.type === 'null')
            return v;
        if (v?.type !== 'string' || !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v.value))
            return undefined;
        return fromPlain(Number(v.value), at);
    },
    tobool: ([v], at) => {
        if (v?.type === 'boolean' || v?.type === 'null')
            return v;
        return v?.type === 'string' && (v.value === 'true' || v.value === 'false')
            ? fromPlain(v.value === 'true', at)
            : undefined;
    },
    min: (args, at) => numbers(args, at, _vocabulary_lists_js__WEBPACK_IMPORTED_MODULE_6__/* .smallest */ .o9),
    max: (args, at) => numbers(args, at, _vocabulary_lists_js__WEBPACK_IMPORTED_MODULE_6__/* .largest */ .nQ),
    // `count = ceil(length(local.statements) / 10)`: a policy split in parts, under IAM's size limit.
    ceil: (args, at) => (args.length === 1 ? numbers(args, at, ([n]) => Math.ceil(n)) : undefined),
    floor: (args, at) => (args.length === 1 ? numbers(args, at, ([n]) => Math.floor(n)) : undefined),
    abs: (args, at) => (args.length === 1 ? numbers(args, at, ([n]) => Math.abs(n)) : undefined),
    signum: (args, at) => (args.length === 1 ? numbers(args, at, ([n]) => Math.sign(n)) : undefined),
    pow: (args, at) => args.length === 2 ? numbers(args, at, ([a, b]) => a ** b) : undefined,
    // regex() and regexall() in RE2's syntax, in linear time, as replace() (and Terraform) match them.
    regex: ([pattern, s], at) => {
        const found = matchesOf(pattern, s, at, 1);
        if (!found || found.length > 0)
            return found?.[0];
        const text = `regex(${JSON.stringify(pattern.value)}, …)`;
        return {
            ...unknown(at, text, `${text} matches nothing in ${JSON.stringify(s.value)}`),
            error: true,
        };
    },
    regexall: ([pattern, s], at) => {
        const found = matchesOf(pattern, s, at, MAX_REGEX_MATCHES);
        return found && { type: 'array', items: found, ...pos(at) };
    },
    // Marks for what Terraform shows, not values: the value is the same. (Not sensitive(), which this
    // leaves not known, so that nothing the code marks secret is written out.)
    nonsensitive: ([value]) => value,
    sum: ([list], at) => list?.type === 'array' ? numbers(list.items, at, (ns) => ns.reduce((a, b) => a + b, 0)) : undefined,
    anytrue: ([list], at) => {
        if (list?.type !== 'array')
            return undefined;
        if (list.items.some((v) => v.type === 'boolean' && v.value))
            return fromPlain(true, at);
        return list.items.every((v) => v.type === 'boolean') ? fromPlain(false, at) : undefined;
    },
    alltrue: ([list], at) => {
        if (list?.type !== 'array')
            return undefined;
        if (list.items.some((v) => v.type === 'boolean' && !v.value))
            return fromPlain(false, at);
        return list.items.every((v) => v.type === 'boolean') ? fromPlain(true, at) : undefined;
    },
    // Whether its argument evaluates without an error; a value known only after apply leaves it unknown.
    can: ([value], at) => {
        if (value?.type !== 'unknown')
            return fromPlain(true, at);
        return value.error ? fromPlain(false, at) : undefined;
    },
    try: () => undefined,
};
/** Functions whose arguments may be null (Terraform's AllowNull): of null they make a value, or are not known here. */
const TAKES_NULL = new Set([
    'coalesce',
    'coalescelist',
    'jsonencode',
    'tostring',
    'tonumber',
    'tobool',
    'tolist',
    'toset',
    'tomap',
    'merge',
    'one',
    'format',
    'formatlist',
    'try',
    'can',
]);
/** keys() or values() of what is not a map: Terraform's error for a known value, else not known. */
function notMap(fn, value, at) {
    if (value?.type !== 'array' &&
        value?.type !== 'string' &&
        value?.type !== 'number' &&
        value?.type !== 'boolean')
        return undefined;
    return {
        ...unknown(at, `${fn}(…)`, `${fn}() of a ${value.type === 'array' ? 'list' : value.type}, not a map`),
        error: true,
    };
}
/**
 * A replacement of Terraform's replace() with its groups, as Go's regexp expands it: `$1` and `${1}` by
 * number, `$name` and `${name}` by name (the longest run of letters, digits and `_`), `$$` a `$`; a group
 * the pattern does not have is empty. `match` is what re2js hands a replacer: the match, its groups in
 * order, the offset, the input and (if the pattern names any) the named groups.
 */
function expand(template, match) {
    // The named groups come last, and only when the pattern has some.
    const last = match[match.length - 1];
    const hasNames = typeof last === 'object' && last !== null;
    const named = (hasNames ? last : {});
    const numbered = match.slice(0, hasNames ? -3 : -2);
    return template.replace(/\$(?:\$|\{(\w+)\}|(\w+))/g, (_whole, braced, bare) => {
        const name = braced ?? bare;
        if (name === undefined)
            return '$';
        return (/^\d+$/.test(name) ? numbered[Number(name)] : named[name]) ?? '';
    });
}
/** Map keys in Terraform's order: lexical. */
function byText(a, b) {
    return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}
/** A map's entries in the order Terraform iterates them (for expressions, dynamic blocks): by key. */
function byKey(map) {
    return map.keys
        .map((key, i) => [key, map.values[i]])
        .sort(([a], [b]) => byText(a, b));
}
function flattenItems(list) {
    return list.items.flatMap((item) => item.type === 'array'
        ? flattenItems(item)
        : item.type === 'unknown'
            ? [{ ...item, spread: true }]
            : [item]);
}
/**
 * The distinct items of `first` that `keep` takes, given each item's JSON text and the sets of `others`
 * by the same: when `first` and every other are lists of known items (there is at least one other).
 */
function setOf(first, others, at, keep) {
    const known = (set) => set?.type === 'array' && set.items.every((item) => item.type !== 'unknown');
    if (!known(first) || others.length === 0 || !others.every(known))
        return undefined;
    const sets = others.map((set) => new Set(set.items.map(encode)));
    const items = distinctItems(first.items).filter((item) => keep(encode(item), sets));
    return { type: 'array', items: setOrder(items), ...pos(at) };
}
/** A format() spec filled with `values` (%s, %d, %v, %q, %%); undefined when one has no text. */
function formatted(spec, values) {
    let i = 0;
    let failed = false;
    const text = spec.replace(/%(%|[sdvq])/g, (whole, verb) => {
        if (verb === '%')
            return '%';
        const value = values[i++];
        const piece = value && toText(value);
        if (piece === undefined)
            failed = true;
        return verb === 'q' ? JSON.stringify(piece) : (piece ?? whole);
    });
    return failed ? undefined : text;
}
function distinctItems(items) {
    const seen = new Set();
    return items.filter((item) => {
        const key = encode(item);
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
/**
 * A set's items in the order Terraform iterates them: strings in lexical order, numbers in numeric
 * order (cty's ordering of sets of those); any other set as written, as this reading cannot say.
 */
function setOrder(items) {
    if (items.every((i) => i.type === 'string'))
        return items.sort((a, b) => (0,_vocabulary_text_js__WEBPACK_IMPORTED_MODULE_5__/* .byCodeUnits */ .CA)(a.value, b.value));
    if (items.every((i) => i.type === 'number'))
        return items.sort((a, b) => a.value - b.value);
    return items;
}
/** Whether `value` is text not known here (isText) and `other` null or "", which it never is. */
function isNothing(value, other) {
    return (value.type === 'unknown' &&
        value.isText === true &&
        (other.type === 'null' || (other.type === 'string' && other.value === '')));
}
/**
 * Whether a reference names an attribute of a resource or data source that the AWS provider always
 * sets, to text: what identifies it, its ARN, id, name or URL (`aws_sqs_queue.jobs[0].arn`,
 * `data.aws_kms_key.k.key_id`). Not an optional argument that names another resource
 * (`aws_lambda_function.f.kms_key_arn` is null when no key is given).
 */
function isStringAttribute(text) {
    return STRING_ATTRIBUTE.test(text);
}
/** A resource's attributes that are text once known (isText). */
const STRING_ATTRIBUTES = new Set([
    'arn',
    'id',
    'name',
    'url',
    'invoke_arn',
    'qualified_arn',
    'key_id',
    'unique_id',
    'function_name',
    'bucket',
    'repository_url',
    'dns_name',
]);
const STRING_ATTRIBUTE = new RegExp(`^(data\\.)?aws_\\w+\\.[\\w-]+(\\[[^\\]]*\\])?\\.(${[...STRING_ATTRIBUTES].join('|')})$`);
/** A value as JSON text, as jsonencode() writes it; unknown values as their placeholder. */
function encode(value) {
    return JSON.stringify(toPlain(value));
}
/** A value without positions; unknown values as their placeholder. */
function toPlain(value) {
    switch (value.type) {
        case 'array':
            return value.items.map(toPlain);
        case 'object':
            return Object.fromEntries(value.keys.map((k, i) => [k.value, toPlain(value.values[i])]));
        case 'unknown':
            return placeholder(shownText(value));
        default:
            return value.value;
    }
}
/** A positioned JSON tree of a value, for the policy checks: unknown values as their placeholder. */
/**
 * Why a part of `value` is missing when a bound of this reading cut it short (the values it may make,
 * how deep it follows references), or undefined: a document with such a part is not known as written,
 * and its placeholder (`${…}` for a list of actions) would be reported as a mistake of the code.
 */
function cutShortIn(value) {
    const stack = [value];
    for (let v = stack.pop(); v !== undefined; v = stack.pop()) {
        if (v.type === 'unknown' && isCutShort(v.why))
            return v.why;
        if (v.type === 'array')
            for (const item of v.items)
                stack.push(item);
        else if (v.type === 'object')
            for (const item of v.values)
                stack.push(item);
    }
    return undefined;
}
/** Whether a value is not known because a bound of this reading cut it short (see cutShortIn). */
function isCutShort(why) {
    return why === TOO_MANY_VALUES || why === TOO_DEEP;
}
function toJsonNode(value) {
    const place = placeOf(value);
    switch (value.type) {
        case 'array':
            return { type: 'array', items: value.items.map(toJsonNode), ...place };
        case 'object':
            return { type: 'object', keys: value.keys, values: value.values.map(toJsonNode), ...place };
        case 'unknown':
            return { type: 'string', value: placeholder(shownText(value)), ...place };
        case 'string':
            return { type: 'string', value: value.value, ...place };
        default:
            return value;
    }
}
function placeOf(value) {
    const { line, column, written } = value;
    return written ? { line, column, written } : { line, column };
}
/**
 * A value written in the file `from`, for use in another file at `at` (a local of locals.tf named in
 * iam.tf): its parts stand at `at`, the name that brings it, in the file being evaluated, and keep
 * where they are written (`written`): the line a person edits. What knows its own file keeps its
 * lines: a document's tree (`encodedIn`), a heredoc's text (`origin`).
 */
function relocate(value, at, from) {
    const { line, column } = at;
    const written = value.written ?? { file: from, line: value.line, column: value.column };
    const here = { line, column, written };
    switch (value.type) {
        case 'string': {
            const { origin, encoded } = value;
            // Most are plain text, made in one shape: a spread made each an object of a shape of its own, and
            // 3.7 million map keys moved took 4.4 s and 1.5 GB where these take 1.2 s and 470 MB.
            if (!origin && !encoded && value.uncertain === undefined && value.holds === undefined)
                return { type: 'string', value: value.value, line, column, written };
            return {
                ...value,
                ...here,
                ...(encoded && { encodedIn: value.encodedIn ?? from }),
                ...(origin && origin.file === undefined && { origin: { ...origin, file: from } }),
            };
        }
        // Its parts are moved when they are first read, not before: a map of 3,000 accounts named whole in
        // 300 places (`length(local.accounts)`) was copied 300 times, and a run ran out of memory.
        case 'array': {
            let items;
            return weighed(value, {
                type: 'array',
                get items() {
                    items ??= value.items.map((item) => relocate(item, at, from));
                    return items;
                },
                ...here,
            });
        }
        case 'object': {
            let keys;
            let values;
            return weighed(value, {
                type: 'object',
                get keys() {
                    keys ??= value.keys.map((key) => relocate(key, at, from));
                    return keys;
                },
                get values() {
                    values ??= value.values.map((v) => relocate(v, at, from));
                    return values;
                },
                ...here,
            });
        }
        case 'number':
            return { type: 'number', value: value.value, line, column, written };
        case 'boolean':
            return { type: 'boolean', value: value.value, line, column, written };
        case 'null':
            return { type: 'null', value: null, line, column, written };
        default:
            return { ...value, ...here };
    }
}
/**
 * `copy`, which holds what `value` holds, with `value`'s weight: the copy is not walked for it, which
 * would move every part of a moved value (relocate) that nothing reads. `value` is walked at most once.
 */
function weighed(value, copy) {
    WEIGHTS.set(copy, weight(value));
    MOVED.set(copy, value);
    return copy;
}
/** Each moved collection (relocate), and the value it was moved from. */
const MOVED = new WeakMap();
/** The value a moved one was moved from, through any number of moves; the value itself when not moved. */
function unmoved(value) {
    let from = value;
    for (let next = MOVED.get(from); next !== undefined; next = MOVED.get(from))
        from = next;
    return from;
}
/**
 * Each text and each placeholder's `of` (`module.db.aws_iam_policy.app.arn`) inside a value, walked on
 * the values moved ones come from (a list of 2,000 ARNs a local holds, given to 1,500 module calls, is
 * walked once), breadth first and no further than MAX_PARTS_WALKED parts: the value comes from the code.
 */
function partsWithin(value) {
    const from = unmoved(value);
    const known = PARTS.get(from);
    if (known)
        return known;
    const texts = [];
    const ofs = [];
    let documents = false;
    for (const part of breadthFirst([from], MAX_PARTS_WALKED, unmoved))
        if (part.type === 'string') {
            texts.push(part.value);
            documents ||= isDocumentText(part);
        }
        else if (part.type === 'unknown' && part.of !== undefined)
            ofs.push(part.of);
    const parts = { texts, ofs, documents };
    PARTS.set(from, parts);
    return parts;
}
const PARTS = new WeakMap();
const MAX_PARTS_WALKED = 10_000;
/**
 * The texts inside a value that the code wrote as IAM policy documents (`data.aws_iam_policy_document.x.json`,
 * `jsonencode({ Statement = … })`, a file() of a policy), as they are where the value is: their lines in
 * the files that write them. Walked as partsWithin is, on what partsWithin says holds one.
 */
function documentsWithin(value) {
    const found = [];
    for (const part of breadthFirst([value], MAX_PARTS_WALKED))
        if (part.type === 'string' && isDocumentText(part))
            found.push(part);
    return found;
}
/**
 * Whether a text is JSON the code wrote as an identity policy: with a `Statement`, encoded or read from a
 * file or heredoc, and no `Principal` (a role's trust policy, a bucket's or a key's policy name who may
 * act; an identity policy never does).
 */
function isDocumentText(text) {
    const { encoded } = text;
    if (encoded) {
        if (encoded.type !== 'object')
            return false;
        const statements = encoded.values[encoded.keys.findIndex((k) => k.value === 'Statement')];
        if (!statements)
            return false;
        const each = statements.type === 'array' ? statements.items : [statements];
        return !each.some((s) => s.type === 'object' && s.keys.some((k) => k.value === 'Principal' || k.value === 'NotPrincipal'));
    }
    return (text.origin !== undefined &&
        /"Statement"\s*:/.test(text.value) &&
        !/"(Not)?Principal"\s*:/.test(text.value));
}
/** A plain JSON value (from a plan, or decoded), every part at `at`. */
function fromPlain(plain, at) {
    if (plain === null || plain === undefined)
        return { type: 'null', value: null, ...pos(at) };
    if (typeof plain === 'string')
        return { type: 'string', value: plain, ...pos(at) };
    if (typeof plain === 'number')
        return { type: 'number', value: plain, ...pos(at) };
    if (typeof plain === 'boolean')
        return { type: 'boolean', value: plain, ...pos(at) };
    if (Array.isArray(plain))
        return { type: 'array', items: plain.map((p) => fromPlain(p, at)), ...pos(at) };
    const entries = Object.entries(plain);
    return {
        type: 'object',
        keys: entries.map(([k]) => ({ type: 'string', value: k, ...pos(at) })),
        values: entries.map(([, v]) => fromPlain(v, at)),
        ...pos(at),
    };
}
/**
 * What jsondecode() makes of a string: of text with lines of its own (a file, a heredoc), each value
 * where it is written there, or, when it is not JSON, why (`what` names it); of any other, every part
 * at `at`, or undefined when it is not JSON.
 */
function jsonDecoded(text, at, what = 'jsondecode()') {
    if (text.origin && (0,_cloudformation_template_js__WEBPACK_IMPORTED_MODULE_3__.isJson)(text.value))
        return decoded(text, at, 'jsondecode', what);
    try {
        return fromPlain(JSON.parse(text.value), at);
    }
    catch {
        return undefined;
    }
}
/**
 * What yamldecode() (or jsondecode() of a JSON object) makes of a string, read as Terraform reads it:
 * YAML 1.2's core schema, one document, aliases expanded within bounds; JSON strictly. The values of
 * text that has lines of its own (file(), templatefile(), a heredoc) stand where they are written
 * there — in another file, as `written` — so a finding on a policy written in YAML is on the YAML line
 * a person edits; of any other string, at the call. Text that does not parse is unknown, with why.
 */
function decoded(text, at, fn, what = `${fn}()`) {
    const { origin } = text;
    const file = origin?.file ?? 'the text';
    const parsed = fn === 'jsondecode' ? (0,_cloudformation_template_js__WEBPACK_IMPORTED_MODULE_3__.parseJsonText)(file, text.value) : (0,_cloudformation_template_js__WEBPACK_IMPORTED_MODULE_3__.parseYamlTree)(file, text.value, 'yamldecode');
    const [problem] = parsed.problems;
    if (problem) {
        // A heredoc's lines are the file's own, where the call is.
        const line = origin && lineIn(origin, problem.line ?? 1);
        const where = !origin ? '' : origin.file === undefined ? `line ${line}: ` : `${file}:${line}: `;
        return { ...unknown(at, `${fn}(…)`, `${what}: ${where}${problem.message}`), error: true };
    }
    if (!parsed.root)
        return { type: 'null', value: null, ...pos(at) };
    const placed = (node) => {
        if (!origin)
            return pos(at);
        const written = placeIn(origin, node);
        return origin.file === undefined ? written : { ...pos(at), written: { file: origin.file, ...written } };
    };
    return valueOfJson(parsed.root, placed);
}
/**
 * A parsed JSON value as a value here, each part where `placed` says (by default, at its own line and
 * column: a .tfvars.json file's values, read with that file).
 */
function valueOfJson(node, placed = ({ line, column }) => ({ line, column })) {
    const toValue = (node) => {
        switch (node.type) {
            case 'array':
                return { type: 'array', items: node.items.map(toValue), ...placed(node) };
            case 'object':
                return {
                    type: 'object',
                    keys: node.keys.map((k) => ({ type: 'string', value: k.value, ...placed(k) })),
                    values: node.values.map(toValue),
                    ...placed(node),
                };
            case 'string':
                return { type: 'string', value: node.value, ...placed(node) };
            case 'number':
                return { type: 'number', value: node.value, ...placed(node) };
            case 'boolean':
                return { type: 'boolean', value: node.value, ...placed(node) };
            default:
                return { type: 'null', value: null, ...placed(node) };
        }
    };
    return toValue(node);
}
/** The source line of line `n` of a text with this origin. */
function lineIn(origin, n) {
    return origin.lines?.[n - 1] ?? origin.line + n - 1;
}
/**
 * Where a place in a text with this origin is written in the source: line and column, the column moved
 * past what interpolations wrote before it on its line (or at the expression of the interpolation that
 * wrote the place).
 */
function placeIn(origin, at) {
    const segments = origin.columns?.[at.line - 1] ?? [];
    // The last that starts at or before the column, found by halves: a template of one line can write
    // thousands of statements, each with an interpolation.
    let lo = 0;
    let hi = segments.length;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (segments[mid].from <= at.column)
            lo = mid + 1;
        else
            hi = mid;
    }
    const found = segments[lo - 1];
    if (!found)
        return { line: lineIn(origin, at.line), column: at.column };
    return {
        line: found.line,
        column: found.literal ? found.column + at.column - found.from : found.column,
    };
}
/** The hidden key of a resource instance's value: which instance a reference leads to. */
const ADDRESS_KEY = '__address';
/** The value not known here that `value` is, or the first item of a list that is one; else undefined. */
function unknownIn(value) {
    if (value?.type === 'unknown')
        return value;
    return value?.type === 'array'
        ? value.items.find((item) => item.type === 'unknown')
        : undefined;
}
function unknown(at, text, why, of) {
    return of === undefined
        ? { type: 'unknown', text, why, ...pos(at) }
        : { type: 'unknown', text, why, ...pos(at), of };
}
function pos(at) {
    return { line: at.line, column: at.column };
}


/***/ }),

/***/ 8673:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  mS: () => (/* binding */ MAX_MODULE_DEPTH),
  FK: () => (/* binding */ NO_SCOPE),
  UY: () => (/* binding */ TfCode),
  n6: () => (/* binding */ TfParses),
  EF: () => (/* binding */ installedCode),
  Zo: () => (/* binding */ isLocalSource),
  L5: () => (/* binding */ isTerraformFile),
  KC: () => (/* binding */ moduleProvider)
});

// UNUSED EXPORTS: configurationFiles, isOverrideFile

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/config/paths.ts
var paths = __webpack_require__(1066);
// EXTERNAL MODULE: ./src/config/read-text.ts
var read_text = __webpack_require__(4610);
// EXTERNAL MODULE: ./src/vocabulary/lists.ts
var lists = __webpack_require__(9877);
// EXTERNAL MODULE: ./src/sources/cloudformation/template.ts + 1 modules
var template = __webpack_require__(6406);
// EXTERNAL MODULE: ./src/sources/glob.ts
var sources_glob = __webpack_require__(5454);
// EXTERNAL MODULE: ./src/sources/terraform/evaluate.ts
var evaluate = __webpack_require__(7822);
// EXTERNAL MODULE: ./src/sources/terraform/hcl.ts + 1 modules
var hcl = __webpack_require__(5575);
// EXTERNAL MODULE: ./src/policy/json-tree.ts
var json_tree = __webpack_require__(9907);
;// CONCATENATED MODULE: ./src/sources/terraform/tf-json.ts
// Terraform's JSON syntax (`*.tf.json`: what CDK for Terraform, terranix and other generators write)
// read into the same blocks, attributes and expressions as the native syntax, each at the line and
// column of the JSON that wrote it.
//
// The mapping is Terraform's own (https://developer.hashicorp.com/terraform/language/syntax/json): the
// top-level keys are block types, their object keys the labels; a string is a template ("${var.x}",
// "arn:aws:s3:::${local.bucket}/*"), parsed here by the same HCL parser as a .tf file's quoted strings;
// a few arguments are expressions written as strings (`provider`, `depends_on`, a dynamic block's
// `iterator`, a variable's `type`, a module's `providers`); a variable's `default` is a literal value.
// Whether a key of a body is a nested block or an attribute is the provider's schema: here, the nested
// blocks the IAM reading looks at (`statement`, `principals`, `condition`, `inline_policy`, `dynamic`,
// a provider's `assume_role`, …). Any other key is an attribute, which for the rest is what it is anyway.
//
// Nothing read from JSON carries text offsets: its policies are suggested as JSON, never edited in place.


/** Nested blocks, by the key that holds them in a body; any other key is an attribute. */
const NESTED_BLOCKS = new Set([
    'statement',
    'principals',
    'not_principals',
    'condition',
    'inline_policy',
    'assume_role',
    'assume_role_with_web_identity',
    'default_tags',
    'ignore_tags',
    'lifecycle',
    'timeouts',
]);
/** Arguments whose string is an expression, not a template (`"provider": "aws.prod"`). */
const EXPRESSION_KEYS = new Set(['provider', 'depends_on', 'iterator']);
/** What a string read as an expression may hold. */
const EXPRESSION_TEXT = /^[\w.\-[\]()",= *]+$/;
/** Top-level blocks with two labels (type and name), one label, or none. */
const TWO_LABELS = new Set(['resource', 'data']);
const ONE_LABEL = new Set(['module', 'variable', 'output', 'provider']);
/** The top-level blocks of a `.tf.json` file, or the problems that keep it from being read. */
async function parseTfJson(file, text) {
    const none = new Map();
    const failed = (at, message) => ({
        blocks: [],
        attributes: none,
        problems: [{ file, line: at.line, ...(at.column !== undefined && { column: at.column }), message }],
    });
    // A UTF-8 byte order mark is allowed before the JSON, as Terraform allows it.
    const { root, errors: [error], } = (0,json_tree/* parseJsonTree */.U0)(text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text, hcl.MAX_DEPTH);
    if (error)
        return failed(error, error.code === 'NestedTooDeep'
            ? `nested more than ${hcl.MAX_DEPTH} levels deep; not read`
            : `not valid JSON (${error.reason}): expected Terraform's JSON syntax`);
    if (root?.type !== 'object')
        return failed({ line: root?.line ?? 1, column: root?.column ?? 1 }, 'expected a JSON object of blocks ({"resource": {…}, "variable": {…}, …}), as Terraform\'s JSON syntax is');
    const reader = new JsonReader(file);
    const blocks = reader.top(root);
    if (reader.problems.length === 0)
        await reader.parseStrings();
    if (reader.problems.length > 0)
        return { blocks: [], attributes: none, problems: reader.problems };
    return { blocks, attributes: none, problems: [] };
}
class JsonReader {
    file;
    problems = [];
    pending = [];
    constructor(file) {
        this.file = file;
    }
    top(root) {
        const blocks = [];
        each(root, (type, value) => {
            if (TWO_LABELS.has(type))
                each(this.object(value, `"${type}"`, 'an object of types'), (kind, names) => each(this.object(names, `"${type}"."${kind}"`, 'an object of names'), (name, body, key) => {
                    for (const b of this.bodies(body, `${type}.${kind}.${name}`))
                        blocks.push({ type, labels: [kind, name], ...this.body(b), at: atOf(key) });
                }));
            else if (ONE_LABEL.has(type))
                each(this.object(value, `"${type}"`, 'an object of names'), (name, body, key) => {
                    for (const b of this.bodies(body, `${type}.${name}`))
                        blocks.push({ type, labels: [name], ...this.labelled(type, b), at: atOf(key) });
                });
            else if (type === 'locals')
                for (const b of this.bodies(value, 'locals'))
                    blocks.push({ type, labels: [], attributes: this.attributes(b), blocks: [], at: atOf(b) });
            // `terraform` (settings) and anything else: nothing the IAM reading needs.
        });
        return blocks;
    }
    /**
     * The HCL parser over every string at once: one parse, each string one attribute of it. A template is
     * written as a heredoc, whose text is the string's own: quotes and backslashes as they are, `${ }` and
     * `%{ }` read as in a quoted string (and in JSON syntax); the newline a heredoc ends with is taken off.
     */
    async parseStrings() {
        if (this.pending.length === 0)
            return;
        const lines = [];
        /** The synthetic line each string starts on (1-based), in order. */
        const starts = [];
        for (const [i, p] of this.pending.entries()) {
            starts.push(lines.length + 1);
            if (p.mode === 'expression') {
                // One line of names, calls and brackets (`aws.prod`, `list(object({ a = string }))`); anything
                // else (a heredoc, a comment, another line) would not be one attribute of the synthetic text.
                lines.push(`s${i} = ${EXPRESSION_TEXT.test(p.node.value) ? p.node.value : 'null'}`);
                continue;
            }
            let word = `IPD_END_${i}`;
            while (p.node.value.includes(word))
                word += '_';
            lines.push(`s${i} = <<${word}`, ...p.node.value.split('\n'), word);
        }
        const parsed = await (0,hcl.parseHcl)(this.file, `${lines.join('\n')}\n`);
        const [problem] = parsed.problems;
        if (problem) {
            const index = Math.max(0, upperBound(starts, problem.line ?? 1) - 1);
            const p = this.pending[index];
            // The parser quotes the text it stopped at: the synthetic line, which is not the file's to show.
            const what = /IPD_END_|\bs\d+ = /.test(problem.message)
                ? 'a ${ } or %{ } that is not closed, or a %{ } without its end'
                : problem.message.replace(/^invalid HCL: /, '');
            this.problems.push({
                file: this.file,
                line: p.node.line,
                column: p.node.column,
                message: `${JSON.stringify(shorten(p.node.value))}: ${what}: expected ${p.mode === 'expression'
                    ? 'an expression such as aws.prod'
                    : 'a string, or a template such as "arn:aws:s3:::${var.bucket}/*"'}`,
            });
            return;
        }
        for (const [i, p] of this.pending.entries()) {
            const written = p.mode === 'template' || EXPRESSION_TEXT.test(p.node.value);
            const expr = written ? parsed.attributes.get(`s${i}`)?.expr : undefined;
            const at = { line: starts[i], column: `s${i} = `.length + 1 };
            Object.assign(p.slot, expr ? placedAt(p.mode === 'template' ? asString(expr) : expr, p.node, at) : unsupported(p.node));
        }
    }
    body(object, nested = NESTED_BLOCKS) {
        const attributes = new Map();
        const blocks = [];
        each(object, (name, value, key) => {
            if (name === 'dynamic') {
                each(this.object(value, '"dynamic"', 'an object of block types'), (label, bodies, labelKey) => {
                    for (const b of this.bodies(bodies, `dynamic.${label}`)) {
                        const inner = this.body(b, new Set(['content']));
                        blocks.push({ type: 'dynamic', labels: [label], ...inner, at: atOf(labelKey) });
                    }
                });
                return;
            }
            if (name === 'content' && nested.has('content')) {
                for (const b of this.bodies(value, 'content'))
                    blocks.push({ type: 'content', labels: [], ...this.body(b), at: atOf(key) });
                return;
            }
            if (nested.has(name) && isBodies(value)) {
                // One block at its key; each of a list of them at its own `{`.
                for (const b of this.bodies(value, name))
                    blocks.push({ type: name, labels: [], ...this.body(b), at: atOf(value === b ? key : b) });
                return;
            }
            attributes.set(name, {
                name,
                expr: this.expr(value, EXPRESSION_KEYS.has(name) ? 'expression' : 'template'),
                at: atOf(key),
            });
        });
        return { attributes, blocks };
    }
    /** A one-label block's body: a variable's `type` is an expression and its `default` a literal value. */
    labelled(type, object) {
        if (type !== 'variable' && type !== 'module')
            return this.body(object);
        const attributes = new Map();
        each(object, (name, value, key) => {
            const mode = type === 'variable' && name === 'default'
                ? 'value'
                : (type === 'variable' && name === 'type') ||
                    (type === 'module' && name === 'providers') ||
                    EXPRESSION_KEYS.has(name)
                    ? 'expression'
                    : 'template';
            attributes.set(name, { name, expr: this.expr(value, mode), at: atOf(key) });
        });
        return { attributes, blocks: [] };
    }
    attributes(object) {
        const attributes = new Map();
        each(object, (name, value, key) => attributes.set(name, { name, expr: this.expr(value, 'template'), at: atOf(key) }));
        return attributes;
    }
    /**
     * A JSON value as an expression: strings as templates, as expressions, or (`value`: a variable's
     * default) as the text they are; the rest as they are.
     */
    expr(node, mode) {
        const at = atOf(node);
        switch (node.type) {
            case 'string': {
                if (mode === 'value')
                    return { kind: 'literal', value: node.value, at };
                const slot = {};
                this.pending.push({ node, mode, slot });
                return slot;
            }
            case 'array':
                return { kind: 'tuple', items: node.items.map((item) => this.expr(item, mode)), at };
            case 'object': {
                const entries = [];
                each(node, (_name, value, key) => entries.push({
                    key: { kind: 'literal', value: key.value, at: atOf(key) },
                    value: this.expr(value, mode),
                }));
                return { kind: 'object', entries, at };
            }
            default:
                return { kind: 'literal', value: node.value, at };
        }
    }
    object(node, what, expected) {
        if (node.type === 'object')
            return node;
        this.problems.push({
            file: this.file,
            line: node.line,
            column: node.column,
            message: `${what}: ${describe(node)} is not valid here; expected ${expected}`,
        });
        return undefined;
    }
    /** A block's body, or a list of bodies (several blocks of one type). */
    bodies(node, what) {
        if (isBodies(node))
            return node.type === 'object' ? [node] : node.items;
        this.problems.push({
            file: this.file,
            line: node.line,
            column: node.column,
            message: `${what}: ${describe(node)} is not valid here; expected a block's body, an object (or a list of them)`,
        });
        return [];
    }
}
/** Each key of an object and its value, comments (`"//"`) left out. */
function each(object, visit) {
    if (!object)
        return;
    for (const [i, key] of object.keys.entries()) {
        const value = object.values[i];
        if (key.value !== '//' && value)
            visit(key.value, value, key);
    }
}
function isBodies(node) {
    return node.type === 'object' || (node.type === 'array' && node.items.every((i) => i.type === 'object'));
}
function atOf(node) {
    return { line: node.line, column: node.column };
}
function unsupported(node) {
    return {
        kind: 'unsupported',
        what: 'a string that is not an expression read here',
        at: atOf(node),
        text: node.value,
    };
}
/** The index of the first of `sorted` above `value`. */
function upperBound(sorted, value) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] <= value)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
/**
 * A heredoc's template as the JSON string's: without the newline that closes its last line, and a
 * template of one interpolation (`"${aws_iam_role.app.name}"`) that expression itself, as HCL defines it
 * and as the native syntax's quoted strings are read.
 */
function asString(expr) {
    if (expr.kind !== 'template')
        return expr;
    const parts = [...expr.parts];
    const last = parts[parts.length - 1];
    if (last?.kind === 'text' && last.text.endsWith('\n')) {
        if (last.text === '\n')
            parts.pop();
        else
            parts[parts.length - 1] = { ...last, text: last.text.slice(0, -1) };
    }
    if (parts.length === 0)
        return { kind: 'literal', value: '', at: expr.at };
    return (0,hcl.soleInterpolation)(parts) ?? { ...expr, parts };
}
/**
 * An expression parsed from the synthetic text, moved to the JSON string it came from: the string's line,
 * columns from its opening quote (escapes aside), and no text offsets, so that nothing edits it.
 */
function placedAt(expr, node, start) {
    const move = (value, key) => {
        if (Array.isArray(value))
            return value.map((v) => move(v));
        if (value === null || typeof value !== 'object') {
            if (key === 'line' || key === 'contentLine')
                return node.line;
            return value;
        }
        // An expression's own line (`s<i> = aws.prod`): from where the value starts; a heredoc's first
        // line of text: from just after the string's opening quote; anything further on, at the string. A
        // template's literal text is placed the same way.
        const column = (at) => at.line === start.line
            ? node.column + Math.max(0, at.column - start.column)
            : at.line === start.line + 1
                ? node.column + at.column
                : node.column;
        if (key === 'at')
            return { line: node.line, column: column(value) };
        if (value.kind === 'text') {
            const text = value;
            return { ...text, line: node.line, column: column(text) };
        }
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, move(v, k)]));
    };
    return move(expr);
}
function describe(node) {
    if (node.type === 'string')
        return JSON.stringify(shorten(node.value));
    if (node.type === 'array')
        return 'a list';
    if (node.type === 'object')
        return 'an object';
    return String(node.value);
}
function shorten(text) {
    return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

;// CONCATENATED MODULE: ./src/sources/terraform/modules.ts
// The .tf files of a Terraform configuration, module by module: read from the workspace only (links
// out of it are refused), parsed once, with their blocks indexed by what names them.










/** A scope that names nothing: for what Terraform takes only as a literal (.tfvars values, a `source`). */
const NO_SCOPE = {
    resolve: () => undefined,
    readFile: () => undefined,
    // Where only literals belong (a module's source, a provider's alias): nothing real spends from it.
    budget: (0,evaluate/* valueBudget */.NN)(),
};
/**
 * Whether a workspace file is code `terraform init` installed (a registry or git module, under
 * .terraform/modules): not the repository's, so no one edits it here.
 */
function installedCode(file) {
    return file.split('/').includes('.terraform');
}
/** Module calls deeper than this are not followed (a module that calls itself, through a cycle of sources). */
const MAX_MODULE_DEPTH = 16;
/** Largest .tf file read: anything larger is refused with a problem, not parsed. */
const MAX_TF_BYTES = 4 * 1024 * 1024;
/** How a file git-crypt encrypts begins (its header: NUL, GITCRYPT, NUL), read as text. */
const GIT_CRYPT = '\u0000GITCRYPT\u0000';
const ENCRYPTED = 'is encrypted with git-crypt';
/** What fileset() walks at most: entries listed, and directories deep. */
const MAX_FILESET_ENTRIES = 50_000;
const MAX_FILESET_DEPTH = 32;
const EMPTY = {
    dir: undefined,
    resources: new Map(),
    data: new Map(),
    calls: new Map(),
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
};
/**
 * The .tf and .tf.json files of one run, each parsed once for the text it has: a repository's roots
 * call its shared modules (cloudposse's components each call `../account-map/modules/iam-roles`), and
 * each root's reading parsed them again — 1,531 parses of 846 files in 101 roots. The trees are not
 * changed by what reads them, so roots share them.
 */
class TfParses {
    parsed = new Map();
    parse(file, text) {
        const known = this.parsed.get(file);
        if (known?.text === text)
            return known.result;
        const result = file.endsWith('.json') ? parseTfJson(file, text) : (0,hcl.parseHcl)(file, text);
        this.parsed.set(file, { text, result });
        return result;
    }
}
/** Reads modules on demand, each directory once. */
class TfCode {
    workspaceRoot;
    rootDir;
    problems;
    account;
    parses;
    modules = new Map();
    /** The modules read so far, for evaluation, which cannot wait (a module output names one). */
    read = new Map();
    realRoot;
    /** The text of every .tf file read, for edits in place. */
    texts = new Map();
    installed;
    /** Whether the configuration is OpenTofu's (readsTofu), once asked. */
    tofu;
    /**
     * The snapshot of AWS managed policies, when the code reads one with `data "aws_iam_policy"`: set by
     * discovery before it evaluates what may read one (its document by ARN, its ARN by name).
     */
    managedPolicies;
    /** What the reading leaves out and says (a file git-crypt keeps encrypted): notes, not problems. */
    notes = [];
    /** The files found encrypted, each noted once. */
    encrypted = new Set();
    /** The values this reading of the code may still make (MAX_VALUES), for every scope of it. */
    budget = (0,evaluate/* valueBudget */.NN)();
    constructor(workspaceRoot, 
    /** The root module's directory, workspace-relative. */
    rootDir, problems, 
    /** The account the configuration deploys to, as the config says: `data.aws_caller_identity`'s. */
    account, 
    /** Where the files read are parsed: shared by the readings of one run's roots. */
    parses = new TfParses()) {
        this.workspaceRoot = workspaceRoot;
        this.rootDir = rootDir;
        this.problems = problems;
        this.account = account;
        this.parses = parses;
        this.realRoot = external_node_fs_.realpathSync.native(workspaceRoot);
    }
    /** Every module read so far. */
    loaded() {
        return Promise.all(this.modules.values());
    }
    /**
     * The directories of the workspace's own modules read so far (not `terraform init`'s), the root's aside,
     * each where it is (see whereItIs), as the roots a glob matches are listed.
     */
    localModuleDirs() {
        return [...this.modules.keys()]
            .filter((dir) => dir !== this.rootDir && !installedCode(dir))
            .map((dir) => this.whereItIs(dir));
    }
    /** The module in a workspace-relative directory. */
    module(dir) {
        if (dir === undefined)
            return Promise.resolve(EMPTY);
        let module = this.modules.get(dir);
        if (!module) {
            module = this.load(dir).then((loaded) => {
                this.read.set(dir, loaded);
                return loaded;
            });
            this.modules.set(dir, module);
        }
        return module;
    }
    /** The module in a directory, if it has been read (see readTree); undefined otherwise. */
    moduleRead(dir) {
        return dir === undefined ? EMPTY : this.read.get(dir);
    }
    /**
     * Reads every module the configuration calls, to the depth discovery follows, so that evaluation can
     * reach the outputs of any of them.
     */
    async readTree(module, config, key = []) {
        if (key.length >= MAX_MODULE_DEPTH)
            return;
        for (const [name, call] of config?.calls ?? []) {
            const childKey = [...key, name];
            const child = await this.module(this.childDir(module.dir, childKey, call.source));
            await this.readTree(child, call.module, childKey);
        }
    }
    /**
     * The directory of a module call: a local source (`./modules/app`) relative to its caller, or where
     * `terraform init` installed it (.terraform/modules/modules.json), by its key (`app.inner`).
     */
    childDir(callerDir, key, source) {
        if (isLocalSource(source) && callerDir !== undefined) {
            // `./` and `.` are one directory: without its trailing slash, so that it is read, and known, once.
            const dir = external_node_path_.posix.normalize(external_node_path_.posix.join(callerDir, source)).replace(/(.)\/+$/, '$1');
            return (0,paths/* leavesWorkspace */.ck)(dir) ? undefined : dir;
        }
        const installed = this.installedModules().get(key.join('.'));
        return installed === undefined ? undefined : external_node_path_.posix.normalize(external_node_path_.posix.join(this.rootDir, installed));
    }
    /** The text of a .tf file of a module read before. */
    textOf(file) {
        return this.texts.get(file);
    }
    /**
     * `path.cwd`: the directory Terraform runs in, the root module's, as an absolute path (its name is what
     * `basename(path.cwd)` names resources after).
     */
    get cwd() {
        return (0,external_node_path_.join)(this.workspaceRoot, this.rootDir);
    }
    /**
     * The `module` block of the root module that brought in `file`, code `terraform init` installed (under
     * .terraform/modules): what a person changes about that code is there (its version, its inputs).
     */
    installedBy(file) {
        let key;
        let longest = 0;
        for (const [k, dir] of this.installedModules()) {
            const full = external_node_path_.posix.normalize(external_node_path_.posix.join(this.rootDir, dir));
            if (k !== '' && file.startsWith(`${full}/`) && full.length > longest) {
                key = k;
                longest = full.length;
            }
        }
        const name = key?.split('.')[0];
        const call = name === undefined ? undefined : this.moduleRead(this.rootDir)?.calls.get(name);
        return call && name !== undefined ? { ...call, name } : undefined;
    }
    /** A module's directory as `path.module` gives it: relative to the root module's, where Terraform runs. */
    relativeToRoot(dir) {
        return dir === undefined ? '.' : external_node_path_.posix.relative(this.rootDir, dir) || '.';
    }
    /**
     * A file read by file() or templatefile(): Terraform resolves a relative path against the directory it
     * runs in, the root module's (`path.module` leads into a child module). Inside the workspace only.
     */
    readModuleFile(path) {
        if (path.startsWith('/'))
            return undefined;
        const file = external_node_path_.posix.normalize(external_node_path_.posix.join(this.rootDir, path));
        if ((0,paths/* leavesWorkspace */.ck)(file))
            return undefined;
        const { text, real } = this.readInsideAt(file);
        const shown = text === undefined ? file : this.whereItIs(file, real);
        return { text, file: shown, ...(text === undefined && this.encrypted.has(file) && { why: ENCRYPTED }) };
    }
    /**
     * `path` (of the workspace) named where it really is: a module reached through a symlink
     * (`modules/role` → `../../shared/role`) has its files annotated where a pull request changes them,
     * not under the link, which a diff shows as one line of text. `path` when no symlink leads to it.
     */
    whereItIs(path, real) {
        let resolved = real;
        try {
            resolved ??= external_node_fs_.realpathSync.native((0,external_node_path_.join)(this.workspaceRoot, path));
        }
        catch {
            return path;
        }
        if (!(0,paths/* isInside */.FK)(this.realRoot, resolved))
            return path;
        const shown = (0,external_node_path_.relative)(this.realRoot, resolved).split(external_node_path_.sep).join('/') || '.';
        return shown === external_node_path_.posix.normalize(path) ? path : shown;
    }
    /**
     * fileset(): the files under `path` (resolved as file() resolves it) whose path below it matches the
     * glob `pattern`, relative to it and sorted, as Terraform gives them. Undefined when `path` is not a
     * directory inside the workspace, or when it holds more than MAX_FILESET_ENTRIES entries (a hostile
     * tree). `.git` and `.terraform` are not walked: no configuration reads its own files from them.
     */
    listModuleFiles(path, pattern) {
        if (path.startsWith('/'))
            return undefined;
        const dir = external_node_path_.posix.normalize(external_node_path_.posix.join(this.rootDir, path));
        if ((0,paths/* leavesWorkspace */.ck)(dir))
            return undefined;
        let real;
        try {
            real = external_node_fs_.realpathSync.native((0,external_node_path_.join)(this.workspaceRoot, dir));
        }
        catch {
            return undefined;
        }
        if (!(0,paths/* isInside */.FK)(this.realRoot, real))
            return undefined;
        const glob = sources_glob/* Glob */.fo.compile(pattern, true, true);
        if (typeof glob === 'string')
            return undefined;
        const found = [];
        let entries = 0;
        const walk = (abs, below, depth) => {
            let listing;
            try {
                listing = (0,external_node_fs_.readdirSync)(abs, { withFileTypes: true });
            }
            catch {
                return true;
            }
            for (const entry of listing) {
                if (++entries > MAX_FILESET_ENTRIES)
                    return false;
                const name = below === '' ? entry.name : `${below}/${entry.name}`;
                if (entry.isDirectory()) {
                    if (entry.name === '.git' || entry.name === '.terraform' || depth >= MAX_FILESET_DEPTH)
                        continue;
                    if (!walk((0,external_node_path_.join)(abs, entry.name), name, depth + 1))
                        return false;
                }
                else if ((entry.isFile() || entry.isSymbolicLink()) && glob.matches(name))
                    found.push(name);
            }
            return true;
        };
        return walk(real, '', 0) ? found.sort() : undefined;
    }
    /**
     * The root module's variables as the files Terraform loads by itself write them, each with its file,
     * when no plan says what they were: terraform.tfvars, terraform.tfvars.json, then the *.auto.tfvars
     * and *.auto.tfvars.json files in the order of their names, a later file's value winning.
     */
    async rootVariables() {
        const values = new Map();
        let names;
        try {
            const real = external_node_fs_.realpathSync.native((0,external_node_path_.join)(this.workspaceRoot, this.rootDir));
            if (!(0,paths/* isInside */.FK)(this.realRoot, real))
                return values;
            names = (0,external_node_fs_.readdirSync)(real)
                .filter((n) => n.endsWith('.auto.tfvars') || n.endsWith('.auto.tfvars.json'))
                .sort();
        }
        catch {
            return values;
        }
        for (const name of ['terraform.tfvars', 'terraform.tfvars.json', ...names]) {
            const file = external_node_path_.posix.join(this.rootDir, name);
            const text = this.readInside(file);
            if (text === undefined)
                continue;
            if (name.endsWith('.json')) {
                for (const [key, value] of this.jsonVariables(file, text))
                    values.set(key, { value, file });
                continue;
            }
            const { attributes, problems } = await (0,hcl.parseHcl)(file, text);
            (0,lists/* append */.BC)(this.problems, problems);
            for (const [key, attribute] of attributes)
                values.set(key, { value: (0,evaluate/* evaluate */._3)(attribute.expr, { ...NO_SCOPE, budget: this.budget }), file });
        }
        return values;
    }
    /** The variables a .tfvars.json file gives: one JSON object, its keys the names (no templates in it). */
    jsonVariables(file, text) {
        const { root, problems } = (0,template.parseJsonText)(file, text);
        (0,lists/* append */.BC)(this.problems, problems);
        if (problems.length > 0 || !root)
            return [];
        if (root.type !== 'object') {
            const message = `a ${root.type === 'array' ? 'list' : root.type} at the top of a .tfvars.json file; expected an object of variable names and their values`;
            this.problems.push({ file, line: root.line, column: root.column, message });
            return [];
        }
        return root.keys.map((key, i) => [key.value, (0,evaluate/* valueOfJson */.ZK)(root.values[i])]);
    }
    installedModules() {
        if (!this.installed) {
            this.installed = new Map();
            const text = this.readInside(external_node_path_.posix.join(this.rootDir, '.terraform', 'modules', 'modules.json'));
            try {
                const parsed = JSON.parse(text ?? '{}');
                for (const m of parsed.Modules ?? [])
                    if (typeof m.Key === 'string' && typeof m.Dir === 'string' && !(0,paths/* leavesWorkspace */.ck)(m.Dir))
                        this.installed.set(m.Key, m.Dir);
            }
            catch {
                // No readable manifest: modules from registries have no code here; positions fall back.
            }
        }
        return this.installed;
    }
    /**
     * Whether OpenTofu runs this configuration, so that its `.tofu` files count: unless the dependency
     * lock file (`.terraform.lock.hcl`, which both write) has its providers from Terraform's registry
     * and none from OpenTofu's, for then Terraform runs it, and Terraform reads no `.tofu` file.
     */
    readsTofu() {
        if (this.tofu === undefined) {
            const lock = this.readInside(external_node_path_.posix.join(this.rootDir, '.terraform.lock.hcl')) ?? '';
            this.tofu = lock.includes('registry.opentofu.org/') || !lock.includes('registry.terraform.io/');
        }
        return this.tofu;
    }
    readInside(file) {
        return this.readInsideAt(file).text;
    }
    /** A file of the workspace read (readInside), with where it really is when it was read. */
    readInsideAt(file) {
        try {
            const real = external_node_fs_.realpathSync.native((0,external_node_path_.join)(this.workspaceRoot, file));
            if (!(0,paths/* isInside */.FK)(this.realRoot, real)) {
                // A pull request may commit a link to a runner's file: it is named, never read.
                this.problems.push({ file, line: 1, message: 'a symlink that leads outside the workspace; not read' });
                return { text: undefined };
            }
            const text = (0,read_text/* readTextUpTo */.S9)(real, MAX_TF_BYTES);
            if (text === null)
                this.problems.push({ file, line: 1, message: (0,read_text/* tooLarge */.g$)(MAX_TF_BYTES) });
            if (text?.startsWith(GIT_CRYPT))
                return { text: this.encryptedFile(file) };
            return { text: text ?? undefined, real };
        }
        catch {
            return { text: undefined };
        }
    }
    /**
     * A file git-crypt keeps encrypted in the repository (cisagov's and the Ministry of Justice's tfvars):
     * on a runner that does not unlock it, its bytes are no Terraform, and no mistake of the code either. A
     * note, once per file, says what is left out; Terraform itself runs where it is unlocked.
     */
    encryptedFile(file) {
        if (this.encrypted.has(file))
            return undefined;
        this.encrypted.add(file);
        const left = file.endsWith('.tfvars')
            ? 'the variables it sets keep their defaults here'
            : file.endsWith('.tf') || file.endsWith('.tf.json') || file.endsWith('.tofu')
                ? 'what it declares is not checked'
                : 'what reads it is not checked';
        this.notes.push({
            file,
            line: 1,
            message: `this file ${ENCRYPTED}, so ${left}. Run \`git-crypt unlock\` before this step to read it.`,
        });
        return undefined;
    }
    async load(dir) {
        let names;
        // Sources resolve from `dir` as written (Terraform joins paths as text); files are named where they are.
        let at;
        try {
            const real = external_node_fs_.realpathSync.native((0,external_node_path_.join)(this.workspaceRoot, dir));
            if (!(0,paths/* isInside */.FK)(this.realRoot, real))
                return EMPTY;
            names = configurationFiles((0,external_node_fs_.readdirSync)(real), this.readsTofu());
            at = this.whereItIs(dir, real);
        }
        catch {
            return EMPTY;
        }
        const module = emptyModule(dir);
        // Override files last, each in turn (names are sorted), as Terraform reads them: see override().
        const overrides = new Set(names.filter(isOverrideFile));
        const merges = new Map();
        for (const name of [...names.filter((n) => !overrides.has(n)), ...overrides]) {
            const file = external_node_path_.posix.join(at, name);
            const text = this.readInside(file);
            if (text === undefined)
                continue;
            this.texts.set(file, text);
            const { blocks, problems } = await this.parses.parse(file, text);
            (0,lists/* append */.BC)(this.problems, problems);
            for (const block of blocks) {
                if (overrides.has(name))
                    this.override(module, merges, { node: block, file });
                else if (block.type === 'locals')
                    for (const [key, attribute] of block.attributes)
                        module.locals.set(key, { node: attribute, file });
                else {
                    const place = placeOf(module, block);
                    place?.map.set(place.key, { node: block, file });
                }
            }
        }
        // Each block once with all that override it: merged one by one, 40,000 overrides of a block took 109 s.
        for (const [base, { place, changes }] of merges)
            place.map.set(place.key, { node: mergedBlock(base.node, changes), file: base.file });
        return module;
    }
    /**
     * A block of an override file (`override.tf`, `*_override.tf`), to be merged into the block with the
     * same header (see mergedBlock), kept in `merges` with those before it; local values are overridden one
     * by one. One with nothing to change is an error, as it is to Terraform, and left out; but a default
     * provider configuration not written is an empty one, and the override's stands (an aliased one must
     * exist).
     */
    override(module, merges, override) {
        const { node: block, file } = override;
        const refuse = (what) => this.problems.push({
            file,
            line: block.at.line,
            column: block.at.column,
            message: `${what} overrides nothing: no other file of the module writes it, and Terraform refuses an override without one`,
        });
        if (block.type === 'locals') {
            for (const [key, attribute] of block.attributes)
                if (module.locals.has(key))
                    module.locals.set(key, { node: attribute, file });
                else
                    refuse(`local.${key}`);
            return;
        }
        // terraform, moved, import, check: nothing this reading takes from them.
        const place = placeOf(module, block);
        if (!place)
            return;
        const base = place.map.get(place.key);
        const alias = block.type === 'provider' ? place.key.split('.')[1] : undefined;
        if (base)
            (0,lists/* kept */.LP)(merges, base, () => ({ place, changes: [] })).changes.push(override);
        else if (block.type !== 'provider')
            refuse(headerOf(block));
        else if (alias !== undefined)
            refuse(`${headerOf(block)} with the alias "${alias}"`);
        else
            place.map.set(place.key, override);
    }
}
/** A module of no blocks yet, for load() to fill. */
function emptyModule(dir) {
    return {
        dir,
        resources: new Map(),
        data: new Map(),
        calls: new Map(),
        variables: new Map(),
        locals: new Map(),
        outputs: new Map(),
        providers: new Map(),
    };
}
/** Where a module keeps a top-level block, and under what key; undefined for kinds it does not keep. */
function placeOf(module, block) {
    const [a = '', b = ''] = block.labels;
    switch (block.type) {
        case 'resource':
            return { map: module.resources, key: `${a}.${b}` };
        case 'data':
            return { map: module.data, key: `${a}.${b}` };
        case 'module':
            return { map: module.calls, key: a };
        case 'variable':
            return { map: module.variables, key: a };
        case 'output':
            return { map: module.outputs, key: a };
        case 'provider': {
            // By the name resources use: `aws`, or `aws.<alias>`.
            const expr = block.attributes.get('alias')?.expr;
            const alias = expr && (0,evaluate/* evaluate */._3)(expr, NO_SCOPE);
            return { map: module.providers, key: alias?.type === 'string' ? `${a}.${alias.value}` : a };
        }
        default:
            return undefined;
    }
}
/** `resource "aws_iam_role" "app"`: a block's type and labels, as written. */
function headerOf(block) {
    return [block.type, ...block.labels.map((label) => JSON.stringify(label))].join(' ');
}
/**
 * Whether a file is an override file (`override.tf`, `dev_override.tf`, and their `.tf.json`), read
 * after the module's other files and merged into their blocks.
 */
function isOverrideFile(name) {
    const stem = stemOf(name);
    return stem === 'override' || stem.endsWith('_override');
}
/**
 * The configuration files of a directory, sorted, as Terraform and OpenTofu read them: `.tf` and
 * `.tf.json`, and OpenTofu's `.tofu` and `.tofu.json`, which take the place of the file of the same
 * name and syntax (`main.tofu` of `main.tf`, `main.tofu.json` of `main.tf.json`): how a module written
 * for both gives OpenTofu its own code. Without `tofu` (Terraform runs it), no `.tofu` file.
 */
function configurationFiles(names, tofu = true) {
    const code = names.filter((n) => isTerraformFile(n) && (tofu || !TOFU_EXTENSION.test(n)));
    const present = new Set(code);
    const shadowed = (n) => {
        const tf = TF_EXTENSION.exec(n);
        return tf !== null && present.has(`${n.slice(0, tf.index)}.tofu${tf[1] ?? ''}`);
    };
    return code.filter((n) => !shadowed(n)).sort();
}
const TF_EXTENSION = /\.tf(\.json)?$/;
const TOFU_EXTENSION = /\.tofu(\.json)?$/;
/** The extension of a configuration file: `.tf`, `.tf.json`, `.tofu`, `.tofu.json`. */
const CONFIGURATION_EXTENSION = /\.(tf|tofu)(\.json)?$/;
/** A configuration file's name without its extension. */
function stemOf(name) {
    return name.replace(CONFIGURATION_EXTENSION, '');
}
/**
 * `base` with the blocks of override files merged in, one after another, as Terraform merges them: each
 * argument an override sets replaces the one before, and each type of nested block it has replaces all
 * the blocks of that type before it (a `dynamic "x"` block counting as type x); what nested blocks hold
 * is not merged. What an override sets is evaluated as written in its file, at its lines there, and
 * stands at the base block: its parts keep those lines as where they are written (`elsewhere`).
 */
function mergedBlock(base, overrides) {
    const at = { line: base.at.line, column: base.at.column };
    const attributes = new Map(base.attributes);
    // Nested blocks by type, in the order Terraform keeps them within a type.
    const byType = new Map();
    for (const block of base.blocks)
        (0,lists/* kept */.LP)(byType, nestedType(block), () => []).push(block);
    for (const { node: override, file } of overrides) {
        for (const [name, attribute] of override.attributes)
            attributes.set(name, overriding(attribute, file, at));
        const replacing = new Map();
        for (const block of override.blocks)
            (0,lists/* kept */.LP)(replacing, nestedType(block), () => []).push(overridingBlock(block, file, at));
        for (const [type, blocks] of replacing) {
            byType.delete(type);
            byType.set(type, blocks);
        }
    }
    const nested = overrides.some(({ node }) => node.blocks.length > 0);
    return { ...base, attributes, blocks: nested ? [...byType.values()].flat() : base.blocks };
}
function nestedType(block) {
    return block.type === 'dynamic' ? (block.labels[0] ?? '') : block.type;
}
/** An override's argument as the merged block holds it: at the block, written in `file`. */
function overriding(attribute, file, at) {
    return { name: attribute.name, at, expr: { kind: 'elsewhere', file, expr: attribute.expr, at } };
}
/** An override's nested block, and those in it, at the merged block: their lines are another file's. */
function overridingBlock(block, file, at) {
    return {
        ...block,
        at,
        attributes: new Map([...block.attributes].map(([name, a]) => [name, overriding(a, file, at)])),
        blocks: block.blocks.map((b) => overridingBlock(b, file, at)),
    };
}
/**
 * Whether a file name is Terraform code: the native syntax (`.tf`) or its JSON syntax (`.tf.json`), or
 * OpenTofu's (`.tofu`, `.tofu.json`).
 */
function isTerraformFile(name) {
    return CONFIGURATION_EXTENSION.test(name);
}
/** Whether a module source is a path of the configuration (`./modules/app`), not a registry or remote one. */
function isLocalSource(source) {
    return source.startsWith('./') || source.startsWith('../');
}
/**
 * The provider a registry or Git module is written for, lower-cased, as the names the registry requires
 * say it: the last part of a registry address (`cloudposse/label/null`,
 * `app.terraform.io/org/vpc/aws`), or the repository's `terraform-<provider>-<name>`
 * (`git::https://github.com/cloudposse/terraform-null-label.git?ref=0.25.0`, `github.com/org/terraform-aws-app`).
 * Undefined for a local path or a source that does not say.
 */
function moduleProvider(source) {
    if (isLocalSource(source))
        return undefined;
    // Without the version (`?ref=`) and the subdirectory (`//modules/x`), which say nothing of the provider.
    const address = source.replace(/\?.*$/s, '').replace(/(?<!:)\/\/.*$/s, '');
    const registry = REGISTRY_ADDRESS.exec(address);
    if (registry)
        return registry[1]?.toLowerCase();
    const repository = address.replace(/\/+$/, '').split(/[/:]/).pop() ?? '';
    return REPOSITORY_NAME.exec(repository.replace(/\.git$/i, ''))?.[1]?.toLowerCase();
}
/** `[hostname/]namespace/name/provider`: a hostname has a dot; the provider is letters and digits. */
const REGISTRY_ADDRESS = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\/)?[A-Za-z0-9][\w-]*\/[A-Za-z0-9][\w-]*\/([A-Za-z0-9]+)$/;
/** A module repository's name, `terraform-<provider>-<name>`, as the registry requires it. */
const REPOSITORY_NAME = /^terraform-([A-Za-z0-9]+)-./;


/***/ })

};
