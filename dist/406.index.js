export const id = 406;
export const ids = [406];
export const modules = {

/***/ 8093:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kp: () => (/* binding */ END),
/* harmony export */   YQ: () => (/* binding */ isComputed),
/* harmony export */   d3: () => (/* binding */ START),
/* harmony export */   ee: () => (/* binding */ spanOf),
/* harmony export */   fC: () => (/* binding */ computedAt)
/* harmony export */ });
const START = Symbol('text start');
const END = Symbol('text end');
const COMPUTED = Symbol('computed');
function spanOf(node) {
    const marked = node;
    const start = marked[START];
    const end = marked[END];
    return start === undefined || end === undefined ? undefined : { start, end };
}
/**
 * An intrinsic's result, written where the call is: its text is the call's (`!Sub …`, `!If […]`). A
 * value the call made (`fresh`) is marked in place; one of its arguments is copied.
 */
function computedAt(result, call, fresh = false) {
    const at = call;
    const marked = (fresh ? result : { ...result });
    marked[COMPUTED] = true;
    if (at[START] === undefined) {
        delete marked[START];
        delete marked[END];
    }
    else {
        marked[START] = at[START];
        marked[END] = at[END];
    }
    return marked;
}
function isComputed(node) {
    return node[COMPUTED] === true;
}


/***/ }),

/***/ 6406:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  TEMPLATE_KEYS: () => (/* binding */ TEMPLATE_KEYS),
  hasTemplateKey: () => (/* binding */ hasTemplateKey),
  isJson: () => (/* binding */ isJson),
  parseJsonText: () => (/* binding */ parseJsonText),
  parseTemplate: () => (/* binding */ parseTemplate),
  parseYamlTree: () => (/* binding */ parseYamlTree),
  templateEditChecker: () => (/* binding */ templateEditChecker)
});

// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(3243);
// EXTERNAL MODULE: ./src/config/yaml-events.ts
var yaml_events = __webpack_require__(3837);
// EXTERNAL MODULE: ./src/config/yaml-mistakes.ts
var yaml_mistakes = __webpack_require__(7305);
// EXTERNAL MODULE: ./src/policy/json-tree.ts
var json_tree = __webpack_require__(9907);
// EXTERNAL MODULE: ./src/vocabulary/problems.ts
var problems = __webpack_require__(5486);
// EXTERNAL MODULE: ./src/vocabulary/text.ts
var vocabulary_text = __webpack_require__(8449);
;// CONCATENATED MODULE: ./src/sources/cloudformation/flow-lines.ts
// CloudFormation reads YAML as SnakeYAML and PyYAML do: a flow collection written over several lines
// (`Action: [` … `]`, a `Schema: {` … `}`), or a quoted scalar (`Description: 'It is` … `hosted.'`), may
// have its later lines indented no deeper than the key it belongs to. The YAML specification, and
// js-yaml with it, refuses that ("deficient indentation"), so templates that deploy would not be read.
// When js-yaml refuses a template for its indentation, it is read again from a copy in which each flow
// collection and quoted scalar of the block structure stands on one line: its line breaks, and a
// collection's comments, become spaces. The copy has the same length, so every offset, and with the
// original text every line and column, stays where it was written. (A quoted scalar's value is then
// read again from the original text: foldedQuoted.)

/**
 * `text` with every flow collection that spans lines put on one line, or undefined when there is none
 * or the text cannot be followed (an unterminated collection or quote): then the first error stands.
 */
function joinFlowLines(text) {
    const blanks = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
        // A line of the block structure: its indentation, then nodes until its end.
        const lineStart = i;
        while (i < n && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB))
            i++;
        let nodeStart = true;
        let keyColumn = i - lineStart;
        while (i < n && !isBreak(text.charCodeAt(i))) {
            const c = text.charCodeAt(i);
            if (c === SPACE || c === TAB) {
                i++;
                continue;
            }
            if (c === HASH && (i === lineStart || isBlank(text.charCodeAt(i - 1)))) {
                i = lineEnd(text, i);
                break;
            }
            if (nodeStart && c === DASH && isBlankOrEnd(text, i + 1)) {
                keyColumn = i - lineStart;
                i++;
                continue;
            }
            if (nodeStart && (c === OPEN_BRACKET || c === OPEN_BRACE)) {
                const end = flowEnd(text, i, blanks);
                if (end < 0)
                    return undefined;
                i = end;
                nodeStart = false;
                continue;
            }
            if (nodeStart && (c === QUOTE || c === APOSTROPHE)) {
                const end = quotedEnd(text, i);
                if (end < 0)
                    return undefined;
                for (let k = i; k < end; k++)
                    if (isBreak(text.charCodeAt(k)))
                        blanks.push(k);
                i = end;
                nodeStart = false;
                continue;
            }
            if (nodeStart && (c === BANG || c === AMPERSAND)) {
                // A tag or an anchor: the node follows it.
                while (i < n && !isBlank(text.charCodeAt(i)) && !isBreak(text.charCodeAt(i)))
                    i++;
                continue;
            }
            if (nodeStart && (c === PIPE || c === GREATER)) {
                // A block scalar: its lines, deeper than its key, are text, not structure.
                i = blockScalarEnd(text, lineEnd(text, i), keyColumn);
                break;
            }
            // A key or a plain scalar: up to `: ` (a key, whose value is a node) or the end of the line.
            if (nodeStart)
                keyColumn = i - lineStart;
            nodeStart = false;
            if (c === COLON && isBlankOrEnd(text, i + 1))
                nodeStart = true;
            i++;
        }
        i = nextLine(text, i);
    }
    if (blanks.length === 0)
        return undefined;
    let out = '';
    let from = 0;
    for (const at of blanks) {
        out += `${text.slice(from, at)} `;
        from = at + 1;
    }
    return out + text.slice(from);
}
/**
 * The offset after the flow collection that opens at `start`, recording in `blanks` the offsets of its
 * line breaks and comments; -1 when it does not end.
 */
function flowEnd(text, start, blanks) {
    let depth = 0;
    // The last character that is not blank: a quote starts a quoted scalar only where a node starts.
    let previous = OPEN_BRACKET;
    for (let i = start; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (isBreak(c)) {
            blanks.push(i);
            continue;
        }
        if (isBlank(c))
            continue;
        if (c === HASH && (isBlank(text.charCodeAt(i - 1)) || isBreak(text.charCodeAt(i - 1)))) {
            const end = lineEnd(text, i);
            for (let k = i; k < end; k++)
                blanks.push(k);
            i = end - 1;
            continue;
        }
        if ((c === QUOTE || c === APOSTROPHE) && NODE_STARTS.has(previous)) {
            const end = quotedEnd(text, i);
            if (end < 0)
                return -1;
            for (let k = i; k < end; k++)
                if (isBreak(text.charCodeAt(k)))
                    blanks.push(k);
            i = end - 1;
            previous = QUOTE;
            continue;
        }
        if (c === OPEN_BRACKET || c === OPEN_BRACE)
            depth++;
        else if ((c === CLOSE_BRACKET || c === CLOSE_BRACE) && --depth === 0)
            return i + 1;
        previous = c;
    }
    return -1;
}
/**
 * The value of a quoted scalar written over several lines (`written`: from its opening quote to its
 * closing one), as YAML folds it: its later lines indented under a key of its own, so that their
 * indentation, whatever it was, is no longer deficient, and read by js-yaml. Undefined if it is not
 * read so (the one-line copy's value then stands).
 */
function foldedQuoted(written) {
    try {
        const read = (0,js_yaml/* load */.Hh)(`value: ${written.replace(/\r?\n|\r/g, '\n  ')}\n`);
        return typeof read?.value === 'string' ? read.value : undefined;
    }
    catch {
        return undefined;
    }
}
/** The offset after the quoted scalar that opens at `start` (its breaks are its own); -1 if it does not close. */
function quotedEnd(text, start) {
    const quote = text.charCodeAt(start);
    for (let i = start + 1; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (quote === QUOTE && c === BACKSLASH)
            i++;
        else if (c === quote) {
            // '' inside single quotes is an escaped quote.
            if (quote === APOSTROPHE && text.charCodeAt(i + 1) === APOSTROPHE)
                i++;
            else
                return i + 1;
        }
    }
    return -1;
}
/** Where the lines of a block scalar end: the first line after `from` not blank and not deeper than `column`. */
function blockScalarEnd(text, from, column) {
    let i = nextLine(text, from);
    while (i < text.length) {
        let k = i;
        while (k < text.length && text.charCodeAt(k) === SPACE)
            k++;
        if (k < text.length && !isBreak(text.charCodeAt(k)) && k - i <= column)
            return i;
        i = nextLine(text, lineEnd(text, k));
    }
    return text.length;
}
function lineEnd(text, from) {
    let i = from;
    while (i < text.length && !isBreak(text.charCodeAt(i)))
        i++;
    return i;
}
/** The start of the line after the break at `at` (CRLF, LF or CR). */
function nextLine(text, at) {
    if (text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF)
        return at + 2;
    return at < text.length ? at + 1 : at;
}
function isBlankOrEnd(text, at) {
    return at >= text.length || isBlank(text.charCodeAt(at)) || isBreak(text.charCodeAt(at));
}
const isBlank = (c) => c === SPACE || c === TAB;
const isBreak = (c) => c === LF || c === CR;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const COMMA = 44;
const QUOTE = 34;
const APOSTROPHE = 39;
const BACKSLASH = 92;
const BANG = 33;
const AMPERSAND = 38;
const PIPE = 124;
const GREATER = 62;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
/** After these, a flow collection's next node starts. */
const NODE_STARTS = new Set([OPEN_BRACKET, OPEN_BRACE, COMMA, COLON]);

// EXTERNAL MODULE: ./src/sources/cloudformation/origin.ts
var origin = __webpack_require__(8093);
;// CONCATENATED MODULE: ./src/sources/cloudformation/template.ts
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
/** Top-level keys only a CloudFormation or SAM template has. */
const TEMPLATE_KEYS = [
    'AWSTemplateFormatVersion',
    'Resources',
    'Transform',
    'Parameters',
    'Mappings',
    'Conditions',
    'Outputs',
    'Globals',
    'Rules',
];
/** Whether a template is JSON (else YAML): it starts with `{`. */
function isJson(text) {
    return /^\s*\{/.test(text);
}
function parseTemplate(file, text) {
    if (isJson(text)) {
        const asJson = parseJsonText(file, text);
        const [error] = asJson.errors;
        if (!error || error.code === 'NestedTooDeep')
            return asJson;
        // Not JSON, but maybe YAML in flow style (`{Resources: {R: {Type: …}}}`), which CloudFormation reads.
        const asYaml = parseYamlTree(file, text, 'cloudformation');
        const meantAsJson = file.endsWith('.json') || QUOTED_KEY_FIRST.test(text);
        // JSON with a comment reads as YAML too, the comment run into the next key (`// note "Resources"`):
        // what was meant as JSON is read as YAML only when that gives a template and no comment is lost.
        const commented = asJson.errors.some((e) => e.code === 'InvalidCommentToken');
        if (asYaml.root && (!meantAsJson || (hasTemplateKey(asYaml.root) && !commented)))
            return asYaml;
        return meantAsJson ? asJson : asYaml;
    }
    return parseYamlTree(file, text, 'cloudformation');
}
/**
 * JSON text, strictly (no comments, no trailing commas), as the positioned tree; of a key given twice,
 * the last, as JSON.parse and Terraform's jsondecode() read it.
 */
function parseJsonText(file, text) {
    // A byte order mark is not JSON; a JSON template is never edited in place, so no offset depends on it.
    const { root, errors } = (0,json_tree/* parseJsonTree */.U0)(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, MAX_DEPTH);
    if (errors.length > 0) {
        return {
            errors,
            problems: errors.map((e) => ({
                file,
                line: e.line,
                column: e.column,
                message: `not valid JSON: ${e.code === 'NestedTooDeep' ? `nested deeper than ${MAX_DEPTH} levels` : e.reason}`,
            })),
        };
    }
    return { root, errors, problems: [], notes: twiceNotes(file, root ? keepLastKeys(root) : []) };
}
/** Whether a document's top level has a key only a template has. */
const hasTemplateKey = (root) => root.type === 'object' && root.keys.some((k) => TEMPLATE_KEYS.includes(k.value));
/** A text that starts as JSON does, with a quoted key: its JSON error is the one to report. */
const QUOTED_KEY_FIRST = /^\ufeff?\s*\{\s*"/;
/**
 * A YAML document as the positioned tree, read as CloudFormation reads a template (`cloudformation`:
 * short-form intrinsics, flow collections of deficient indentation) or as Terraform's yamldecode()
 * reads text (`yamldecode`: YAML's standard tags only). Aliases, depth and size are bounded alike.
 */
function parseYamlTree(file, text, dialect) {
    let events;
    // What js-yaml reads: the text, or a copy of it with its flow collections on one line (flow-lines.ts).
    let read = text;
    try {
        events = (0,js_yaml/* parseEvents */.PH)(text, { maxDepth: MAX_DEPTH });
    }
    catch (error) {
        if (!(error instanceof js_yaml/* YAMLException */.tB))
            throw error;
        const joined = dialect === 'cloudformation' && /indentation/.test(error.reason ?? '') ? readJoined(text) : undefined;
        if (!joined)
            return { problems: [yamlProblem(file, error, text)] };
        ({ events, read } = joined);
    }
    try {
        const builder = new TreeBuilder(read, text, dialect);
        const root = builder.build(events);
        // Terraform's yamldecode() refuses a key given twice in a mapping; CloudFormation keeps the last.
        const [twice] = builder.twice;
        if (dialect === 'yamldecode' && twice)
            return {
                problems: [
                    {
                        file,
                        line: twice.line,
                        column: twice.column,
                        message: `the key ${JSON.stringify(twice.value)} is given twice in a mapping, which yamldecode() refuses`,
                    },
                ],
            };
        if (root)
            return { root, problems: [], notes: twiceNotes(file, builder.twice) };
        // yamldecode() of text with no document in it is null.
        return dialect === 'yamldecode'
            ? { problems: [] }
            : { problems: [{ file, line: 1, column: 1, message: 'the file is empty' }] };
    }
    catch (error) {
        if (error instanceof TemplateShapeError)
            return { problems: [{ file, ...error.at, message: error.message }] };
        throw error;
    }
}
function twiceNotes(file, twice) {
    return twice.map((key) => ({
        file,
        line: key.line,
        column: key.column,
        message: `the key ${JSON.stringify(key.value)} is given twice in this mapping; CloudFormation, like SAM, keeps the last`,
    }));
}
/**
 * A JSON template's objects with each key once, its last value: CloudFormation reads a key given twice
 * in JSON as in YAML, the last one counting. Returns the later keys, for a note.
 */
function keepLastKeys(root) {
    const twice = [];
    const stack = [root];
    for (let node = stack.pop(); node; node = stack.pop()) {
        // Pushed one by one: a spread of a hostile file's 200,000 items would overflow the call stack.
        if (node.type === 'array')
            for (const item of node.items)
                stack.push(item);
        if (node.type !== 'object')
            continue;
        const { keys, values } = node;
        // One pass for where each key is last given (a hostile object of 200,000 keys stays linear); where
        // it is first given only for the rare object that has a key twice.
        const last = new Map();
        for (let i = 0; keys.length > 1 && i < keys.length; i++)
            last.set(keys[i].value, i);
        if (last.size < keys.length && keys.length > 1) {
            const first = new Map();
            for (let i = keys.length - 1; i >= 0; i--)
                first.set(keys[i].value, i);
            const kept = [...last.values()].sort((a, b) => a - b);
            for (const i of kept) {
                const key = keys[i];
                if (first.get(key.value) < i)
                    twice.push(key);
            }
            const keptValues = kept.map((i) => values[i]);
            const keptKeys = kept.map((i) => keys[i]);
            keys.length = 0;
            values.length = 0;
            for (let i = 0; i < kept.length; i++) {
                keys.push(keptKeys[i]);
                values.push(keptValues[i]);
            }
        }
        for (const value of values)
            stack.push(value);
    }
    return twice.sort((a, b) => a.line - b.line || a.column - b.column);
}
/** The events of the text with its flow collections on one line, when that reads. */
function readJoined(text) {
    const read = joinFlowLines(text);
    if (read === undefined)
        return undefined;
    try {
        return { events: (0,js_yaml/* parseEvents */.PH)(read, { maxDepth: MAX_DEPTH }), read };
    }
    catch (error) {
        if (error instanceof js_yaml/* YAMLException */.tB)
            return undefined;
        throw error;
    }
}
function yamlProblem(file, error, text) {
    const detail = error;
    const colonless = /implicit key/.test(detail.reason ?? '') && detail.mark && keyWithoutColon(text, detail.mark);
    if (colonless)
        return {
            file,
            line: colonless.line,
            column: colonless.start - text.lastIndexOf('\n', colonless.start - 1),
            message: `not valid YAML: ${(0,problems/* quote */.hD)(colonless.key)} is not a key, and the lines under it need one: a key ends with ":" (and a space follows that colon when its value is on the same line)`,
        };
    const unclosed = /indentation/.test(detail.reason ?? '') && detail.mark && unclosedQuote(text, detail.mark);
    if (unclosed)
        return {
            file,
            line: unclosed.line,
            column: unclosed.column,
            message: `not valid YAML: the quote (${unclosed.quote}) that starts this value is not closed on its line, so the lines under it are read into the value: close it`,
        };
    const bracket = /indentation|flow collection/.test(detail.reason ?? '') &&
        detail.mark &&
        (0,yaml_mistakes/* unclosedBracket */.eD)(text, detail.mark);
    if (bracket)
        return {
            file,
            line: bracket.line,
            column: bracket.column,
            message: `not valid YAML: ${(0,yaml_mistakes/* bracketLeftOpen */.YU)(bracket.bracket)}`,
        };
    const reason = /maxDepth/.test(detail.reason ?? '')
        ? `nested deeper than ${MAX_DEPTH} levels`
        : (whyOnLine(text, detail.mark?.position) ?? detail.reason ?? error.message.split('\n')[0]);
    return {
        file,
        line: (detail.mark?.line ?? 0) + 1,
        column: (detail.mark?.column ?? 0) + 1,
        message: /^nested/.test(reason) ? reason : `not valid YAML: ${reason}`,
    };
}
/**
 * Where js-yaml stops with "a multiline key may not be an implicit key": the line above (comments and
 * blank lines passed over) is a plain word, no `key:` (`MappingRestEdge:curc`, a key whose colon lost its
 * space, or one with none), and the line it stopped on goes on as that word's mapping. That word, where
 * it starts; undefined when the line above is anything else.
 */
function keyWithoutColon(text, mark) {
    for (const { line, start, number } of (0,yaml_mistakes/* linesAbove */.zz)(text, mark)) {
        const content = line.trim();
        if (content === '' || content.startsWith('#'))
            continue;
        const word = /^([ \t]*)([^\s#'"\-?:!&*|>%@`{[][^#]*?)[ \t]*$/.exec(line);
        if (!word || /:[ \t]/.test(content) || content.endsWith(':'))
            return undefined;
        return { key: word[2], start: start + word[1].length, line: number };
    }
    return undefined;
}
/**
 * Where js-yaml stops with "deficient indentation" (or "bad indentation") because a quoted value above is
 * not closed (`AdminGroupName: !Sub "${Name}`, aws-samples/serverless-samples' serverless-graphql-api):
 * YAML reads the lines under it into the value until one is indented less. The opening quote, on the
 * nearest line above that starts a quoted value; undefined when that value is closed on its line.
 */
function unclosedQuote(text, mark) {
    for (const { line, number } of (0,yaml_mistakes/* linesAbove */.zz)(text, mark)) {
        // A value that starts with a quote: after a key, a list's dash, a tag (`!Sub "…`).
        const opened = /^([ \t]*(?:-[ \t]+)*(?:[^\s'"#-][^'"#]*?:[ \t]+)?(?:![\w:]+[ \t]+)?)(["'])(.*)$/.exec(line);
        if (!opened)
            continue;
        const [, lead, quote, rest] = opened;
        return (0,yaml_mistakes/* closingQuote */.m2)(quote, rest, 0) >= 0 ? undefined : { quote, line: number, column: lead.length + 1 };
    }
    return undefined;
}
/**
 * What is wrong on the line where js-yaml stopped, in words, for the mistakes it reports as "bad
 * indentation"; undefined for others. `position` is where it stopped.
 */
function whyOnLine(text, position) {
    if (position === undefined)
        return undefined;
    const start = text.lastIndexOf('\n', position - 1) + 1;
    const end = text.indexOf('\n', position);
    const before = text.slice(start, position);
    const after = text.slice(position, end < 0 ? text.length : end).trimEnd();
    return startsWithIndicator(after) ?? textAfterQuote(before, after) ?? placeholderOn(before + after);
}
/**
 * A value that starts with a character YAML reserves (`%`, `@`, a backquote): a build tool's
 * placeholder left in (`%TEMPLATE_BUCKET_NAME%`).
 */
function startsWithIndicator(value) {
    if (value === '' || !RESERVED.includes(value.charAt(0)))
        return undefined;
    return `a plain value cannot start with "${value.charAt(0)}", which YAML reserves: quote it (${(0,problems/* quote */.hD)(value)}), or, if a build fills it in, name the template the build writes`;
}
const RESERVED = '%@`';
/**
 * Text after a quoted value on its line (`Description: 'Events' (uksb-1tthgi812)`,
 * aws-samples/serverless-patterns): the quote ends the value.
 */
function textAfterQuote(before, rest) {
    // A line of a hand-written template: the pattern below backtracks, and a hostile file's one line can be MBs.
    if (before.length > 1000 || rest === '' || rest.startsWith('#'))
        return undefined;
    const quoted = /^[ \t]*(?:-[ \t]+)?[^\s'"#:][^'"#]*:[ \t]+(['"]).*\1[ \t]*$/.exec(before);
    if (!quoted)
        return undefined;
    return `${(0,problems/* quote */.hD)(rest)} follows a quoted value, which ends at its closing quote (${quoted[1]}): put the whole value inside the quotes`;
}
/**
 * A template placeholder (`{{cookiecutter.runtime}}`, Jinja, Helm) where a plain value starts: YAML reads
 * `{{` as a flow mapping, and js-yaml reports what follows it, not it. A quoted dynamic reference
 * (`'{{resolve:ssm:…}}'`) is a string, and fine.
 */
function placeholderOn(line) {
    // Not on a hostile file's one line of MBs; a placeholder of a hand-written template is short.
    if (line.length > 1000)
        return undefined;
    const placeholder = /(?:^[ \t]*|[:-][ \t]+)(\{\{[^{}\n]{1,200}\}\})/.exec(line);
    if (!placeholder)
        return undefined;
    return `${(0,problems/* quote */.hD)(placeholder[1])} is a template placeholder, which YAML reads as a mapping: if a build fills it in, name the template the build writes; else quote the value`;
}
class TemplateShapeError extends Error {
    at;
    constructor(message, at) {
        super(message);
        this.at = at;
    }
}
/** Up to this many keys a mapping's duplicates are found by comparing; past it, with a set. */
const FEW_KEYS = 16;
/**
 * The tree of a YAML document from its parser events: scalars resolved as YAML 1.2's core schema does
 * (null, booleans, numbers, else strings), short-form tags made long form, aliases resolved (their
 * expanded size counted against MAX_NODES), a key given twice kept once, its last value (and said).
 *
 * This is the hot path of reading templates (a third of it on the bench): nodes are built as literals
 * of one shape, lines found from the previous one, and sizes counted only when an alias asks.
 */
class TreeBuilder {
    text;
    written;
    dialect;
    lineStarts = [0];
    anchors = new Map();
    /** Expanded sizes of the nodes an alias copied, and of the copies: what MAX_NODES counts. */
    sizes = new WeakMap();
    nodes = 0;
    /** Keys given a second time in their mapping (the later one kept). */
    twice = [];
    /** The line of the last offset asked for: offsets come in order, mostly on the same or next line. */
    line = 0;
    /** Whether the parser read a copy with lines joined (flow-lines.ts). */
    joined;
    /** `text`: what the parser read; `written`: the text as written, of the same length, for lines and columns. */
    constructor(text, written = text, 
    /** `cloudformation`: short-form tags (`!Ref`, `!Sub`, …) read as the functions they stand for. */
    dialect = 'cloudformation') {
        this.text = text;
        this.written = written;
        this.dialect = dialect;
        for (let i = written.indexOf('\n'); i >= 0; i = written.indexOf('\n', i + 1))
            this.lineStarts.push(i + 1);
        this.joined = written !== text;
    }
    build(events) {
        const stack = [];
        let root;
        let documents = 0;
        const attach = (node, end) => {
            const frame = stack[stack.length - 1];
            if (!frame) {
                root = node;
                return;
            }
            if (end > frame.end)
                frame.end = end;
            if (frame.kind === 'seq') {
                frame.values.push(node);
                return;
            }
            if (!frame.key) {
                frame.key = this.key(frame, node);
                return;
            }
            frame.keys.push(frame.key);
            frame.values.push(node);
            frame.key = undefined;
        };
        for (const event of events) {
            switch (event.type) {
                case js_yaml/* EVENT_ID */.hy.DOCUMENT:
                    if (++documents > 1)
                        throw new TemplateShapeError(this.dialect === 'cloudformation'
                            ? 'more than one YAML document in the file; a template is one'
                            : 'more than one YAML document; yamldecode() takes one', this.at(0));
                    break;
                case js_yaml/* EVENT_ID */.hy.MAPPING:
                case js_yaml/* EVENT_ID */.hy.SEQUENCE: {
                    if (stack.length >= MAX_DEPTH)
                        throw new TemplateShapeError(`nested deeper than ${MAX_DEPTH} levels`, this.at(event.start));
                    this.count(1, event.start);
                    stack.push({
                        kind: event.type === js_yaml/* EVENT_ID */.hy.MAPPING ? 'map' : 'seq',
                        flow: event.style === 2,
                        start: event.start,
                        tagStart: event.tagStart,
                        tagEnd: event.tagEnd,
                        anchor: event.anchorStart >= 0 ? this.text.slice(event.anchorStart, event.anchorEnd) : undefined,
                        keys: [],
                        values: [],
                        seen: undefined,
                        key: undefined,
                        end: event.start,
                    });
                    break;
                }
                case js_yaml/* EVENT_ID */.hy.POP: {
                    const frame = stack.pop();
                    if (frame) {
                        const node = this.close(frame);
                        attach(node, node[origin/* END */.Kp]);
                    }
                    break;
                }
                case js_yaml/* EVENT_ID */.hy.SCALAR: {
                    this.count(1, event.valueStart);
                    let value = (0,js_yaml/* getScalarValue */.KE)(this.text, event);
                    // A tagged value is where its tag is: that is what a person reads as its start.
                    const tagged = event.tagStart >= 0;
                    // An empty value (`Resources:` and nothing after it) has no text of its own: it is where its
                    // key ends.
                    const valueAt = event.valueStart >= 0 ? event.valueStart : (stack[stack.length - 1]?.end ?? 0);
                    const { line, column } = this.at(tagged ? event.tagStart : valueAt);
                    // Its text: a quoted scalar's quotes included, what an edit that keeps it as written copies.
                    let start = event.valueStart;
                    let end = event.valueEnd;
                    const quote = event.style === 2 ? 39 : event.style === 3 ? 34 : 0;
                    if (quote && this.text.charCodeAt(start - 1) === quote && this.text.charCodeAt(end) === quote) {
                        start--;
                        end++;
                        // One the read copy put on one line (flow-lines.ts): its value as YAML folds its lines.
                        if (this.joined && /[\r\n]/.test(this.written.slice(start, end)))
                            value = foldedQuoted(this.written.slice(start, end)) ?? value;
                    }
                    let node = event.style === 1 && !tagged
                        ? coreScalar(value, line, column, start, end)
                        : { type: 'string', value, line, column, [origin/* START */.d3]: start, [origin/* END */.Kp]: end };
                    if (tagged)
                        node = this.tagged(node, event.tagStart, event.tagEnd, end);
                    if (event.anchorStart >= 0)
                        this.anchors.set(this.text.slice(event.anchorStart, event.anchorEnd), node);
                    attach(node, end);
                    break;
                }
                case js_yaml/* EVENT_ID */.hy.ALIAS: {
                    const name = this.text.slice(event.anchorStart, event.anchorEnd);
                    const target = this.anchors.get(name);
                    if (!target)
                        throw new TemplateShapeError(`the alias *${name} refers to no anchor before it`, this.at(event.anchorStart));
                    const size = this.sizeOf(target);
                    this.count(size, event.anchorStart);
                    // The anchor's value, written where the alias is.
                    const { line, column } = this.at(event.anchorStart - 1);
                    const copy = { ...target, line, column, [origin/* START */.d3]: event.anchorStart - 1, [origin/* END */.Kp]: event.anchorEnd };
                    this.sizes.set(copy, size);
                    attach(copy, event.anchorEnd);
                    break;
                }
            }
        }
        return root;
    }
    /**
     * A mapping's key. A key the mapping has already replaces it, as CloudFormation (SnakeYAML) and SAM
     * (PyYAML) read it: the last one counts, and `twice` says where, for a note.
     */
    key(frame, node) {
        const key = node.type === 'string' ? node : { ...node, type: 'string', value: scalarText(node) };
        const keys = frame.keys;
        let twice = false;
        if (frame.seen)
            twice = frame.seen.has(key.value);
        else if (keys.length < FEW_KEYS) {
            for (let i = 0; i < keys.length; i++)
                if (keys[i].value === key.value)
                    twice = true;
        }
        else {
            frame.seen = new Set(keys.map((k) => k.value));
            twice = frame.seen.has(key.value);
        }
        if (twice) {
            const earlier = keys.findIndex((k) => k.value === key.value);
            keys.splice(earlier, 1);
            frame.values.splice(earlier, 1);
            this.twice.push(key);
        }
        frame.seen?.add(key.value);
        return key;
    }
    /** The node of a collection read to its end. */
    close(frame) {
        if (frame.key)
            throw new TemplateShapeError(`the key ${JSON.stringify(frame.key.value)} has no value`, frame.key);
        const { line, column } = this.at(frame.tagStart >= 0 ? frame.tagStart : frame.start);
        // A flow collection ends at its closing bracket; a block one with its last child.
        const end = frame.flow ? this.closingBracket(frame.end) : frame.end;
        const start = frame.start;
        let node = frame.kind === 'seq'
            ? { type: 'array', items: frame.values, line, column, [origin/* START */.d3]: start, [origin/* END */.Kp]: end }
            : {
                type: 'object',
                keys: frame.keys,
                values: frame.values,
                line,
                column,
                [origin/* START */.d3]: start,
                [origin/* END */.Kp]: end,
            };
        if (frame.tagStart >= 0)
            node = this.tagged(node, frame.tagStart, frame.tagEnd, end);
        if (frame.anchor !== undefined)
            this.anchors.set(frame.anchor, node);
        return node;
    }
    /**
     * How many values a node stands for, aliases expanded. Asked only by an alias, so templates without
     * them never count; an alias's copy is remembered with its size, so a chain of aliases is counted
     * without walking what each copied again.
     */
    sizeOf(node) {
        const known = this.sizes.get(node);
        if (known !== undefined)
            return known;
        let size = 1;
        if (node.type === 'array')
            for (const item of node.items)
                size += this.sizeOf(item);
        else if (node.type === 'object') {
            size += node.keys.length;
            for (const value of node.values)
                size += this.sizeOf(value);
        }
        if (node.type === 'array' || node.type === 'object')
            this.sizes.set(node, size);
        return size;
    }
    /** A short-form intrinsic in its long form, its text from the tag to the value's end. */
    tagged(value, tagStart, tagEnd, end) {
        const tag = this.text.slice(tagStart, tagEnd);
        const { line, column } = this.at(tagStart);
        // `!!str` and the other standard tags: the value as YAML gives it.
        if (tag.startsWith('!!'))
            return tag === '!!str' && value.type !== 'string' && value.type !== 'array' && value.type !== 'object'
                ? { ...value, type: 'string', value: scalarText(value) }
                : value;
        // `!` alone, YAML's non-specific tag: the value as it is, a scalar as a string (read as one already).
        if (tag === '!')
            return value;
        const name = tag.slice(1);
        if (this.dialect === 'yamldecode')
            throw new TemplateShapeError(`the tag !${name}: yamldecode() takes YAML's standard tags only`, {
                line,
                column,
            });
        const fn = SHORT_FORMS[name];
        if (!fn) {
            const rain = name.startsWith('Rain::')
                ? ': a directive of the Rain tool, not CloudFormation: point template: at what `rain pkg` writes'
                : `; expected one of ${Object.keys(SHORT_FORMS)
                    .map((t) => `!${t}`)
                    .join(', ')}`;
            throw new TemplateShapeError(`unknown tag !${name}${rain}`, { line, column });
        }
        // `!GetAtt Role.Arn` is `Fn::GetAtt: [Role, Arn]`: the first dot splits logical id and attribute.
        let argument = value.type === 'null' ? { type: 'string', value: '', line, column } : value;
        if (fn === 'Fn::GetAtt' && argument.type === 'string') {
            const dot = argument.value.indexOf('.');
            const parts = dot < 0 ? [argument.value] : [argument.value.slice(0, dot), argument.value.slice(dot + 1)];
            argument = {
                type: 'array',
                items: parts.map((p) => ({ type: 'string', value: p, line, column })),
                line,
                column,
            };
        }
        const key = { type: 'string', value: fn, line, column };
        return {
            type: 'object',
            keys: [key],
            values: [argument],
            line,
            column,
            [origin/* START */.d3]: tagStart,
            [origin/* END */.Kp]: end,
        };
    }
    count(n, offset) {
        this.nodes += n;
        if (this.nodes > MAX_NODES)
            throw new TemplateShapeError(`expands to more than ${(0,vocabulary_text/* thousands */.oh)(MAX_NODES)} values (aliases included); not read`, this.at(offset));
    }
    /** The offset after the bracket that closes a flow collection whose last child ends at \`from\`. */
    closingBracket(from) {
        const close = /[\]}]/g;
        close.lastIndex = from;
        const match = close.exec(this.text);
        return match ? match.index + 1 : from;
    }
    /** 1-based line and column of an offset (columns in UTF-16 code units, as jsonc-parser counts). */
    at(offset) {
        const starts = this.lineStarts;
        let lo = this.line;
        // Mostly the line of the last offset or one of the next few; else a binary search.
        if (starts[lo] <= offset) {
            let ahead = 0;
            while (lo + 1 < starts.length && starts[lo + 1] <= offset && ++ahead < 8)
                lo++;
            if (ahead === 8)
                lo = this.search(offset, lo, starts.length - 1);
        }
        else
            lo = this.search(offset, 0, lo);
        this.line = lo;
        return { line: lo + 1, column: offset - starts[lo] + 1 };
    }
    /** The last line in [lo, hi] that starts at or before `offset`. */
    search(offset, lo, hi) {
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.lineStarts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return lo;
    }
}
/** A plain scalar as YAML 1.2's core schema reads it. */
function coreScalar(value, line, column, start, end) {
    // Most plain scalars of a template are words (`Allow`, `AWS::IAM::Role`, `s3:GetObject`): a letter
    // that starts no null, boolean or number means a string, without the patterns below.
    const first = value.charCodeAt(0);
    const letter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122);
    if (letter && !'tTfFnN'.includes(value[0]))
        return { type: 'string', value, line, column, [origin/* START */.d3]: start, [origin/* END */.Kp]: end };
    const scalar = (0,yaml_events/* coreValue */.T)(value);
    if (typeof scalar === 'string')
        return { type: 'string', value: scalar, line, column, [origin/* START */.d3]: start, [origin/* END */.Kp]: end };
    const type = scalar === null ? 'null' : typeof scalar === 'number' ? 'number' : 'boolean';
    return { type, value: scalar, line, column, [origin/* START */.d3]: start, [origin/* END */.Kp]: end };
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
