import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 2029:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  t: () => (/* binding */ cleanup)
});

;// CONCATENATED MODULE: ./src/aws/state.ts
/** Keys of what the main step saves (core.saveState) for the post step: never credentials. */
const STATE_JOBS = 'in-flight-jobs';
const STATE_REGION = 'aws-region';

// EXTERNAL MODULE: ./src/vocabulary/problems.ts
var vocabulary_problems = __nccwpck_require__(5486);
;// CONCATENATED MODULE: ./src/vocabulary/time.ts
/** Milliseconds in a day: CloudTrail windows and reuse ages are counted in days. */
const DAY_MS = 86_400_000;

;// CONCATENATED MODULE: ./src/vocabulary/accounts.ts

/**
 * The account of an ARN (`arn:aws:iam::111122223333:role/x` → `111122223333`); '' when it has none. A
 * placeholder's colons are its own: a template read without `account:` gives `${AWS::AccountId}`.
 */
function accountOf(arn) {
    const colons = arnFieldColons(arn);
    return colons.length < 4 ? '' : arn.slice(colons[3] + 1, colons[4] ?? arn.length);
}
/** What an ARN names after its five fields (`role/app-deployer`); the ARN itself when it has fewer. */
function resourceOf(arn) {
    const colons = arnFieldColons(arn);
    return colons.length < 5 ? arn : arn.slice(colons[4] + 1);
}
/**
 * Where the colons that end an ARN's first five fields are, those inside a `${…}` passed over: IAM's
 * `${aws:…}` and CloudFormation's `${AWS::…}` hold some.
 */
function arnFieldColons(arn) {
    const colons = [];
    const placeholders = arn.includes('${') ? placeholdersOf(arn) : [];
    let next = 0;
    for (let i = arn.indexOf(':'); i >= 0 && colons.length < 5; i = arn.indexOf(':', i + 1)) {
        while (next < placeholders.length && placeholders[next].end <= i)
            next++;
        const p = placeholders[next];
        if (p && p.start < i)
            continue;
        colons.push(i);
    }
    return colons;
}
/**
 * Whether an ARN is not yet one principal by itself: its account is not written out (`<account>`,
 * `${AWS::AccountId}`), or a placeholder stands in it (`role/${WorkerRole}`). Two places in the code
 * that give such an ARN make two principals (envs/dev and envs/prod each make role/app, in their own
 * accounts), so what tells them apart is where each is defined.
 */
function isPlaceholderArn(arn) {
    return arn.includes('${') || !/^arn:[^:]*:iam::\d{12}:/.test(arn);
}
/** Whether `text` is an AWS account id: 12 digits. */
function isAccountId(text) {
    return /^\d{12}$/.test(text);
}
/**
 * The account a provider configuration of Terraform's AWS provider is in, from what is known of it: the
 * accounts its `assume_role` ARN may name and the ones its `allowed_account_ids` lists (each decides
 * when it names exactly one). `<account>` for an alias (not the default configuration) that assumes a
 * role, or uses another profile, without saying which account; undefined when the configuration's
 * account stands (a default configuration that names none, an alias for another region).
 */
function providerConfigAccount(known) {
    if (known.roleAccounts.length === 1)
        return known.roleAccounts[0];
    if (known.allowedAccounts.length === 1)
        return known.allowedAccounts[0];
    return known.alias && (known.assumesRole || known.otherProfile) ? '<account>' : undefined;
}
/**
 * What an IAM ARN names (`role`, `user`, `group`, `policy`, …: the resource part up to its first `/`);
 * undefined for an ARN of another service. Read by the ARN's fields: its partition and account may be
 * placeholders with colons of their own (`${AWS::AccountId}`).
 */
function iamKindOf(arn) {
    const colons = arnFieldColons(arn);
    if (!arn.startsWith('arn:') || colons.length < 5)
        return undefined;
    if (arn.slice(colons[1] + 1, colons[2]) !== 'iam')
        return undefined;
    const resource = arn.slice(colons[4] + 1);
    const slash = resource.indexOf('/');
    return slash < 0 ? undefined : resource.slice(0, slash);
}
/**
 * Whether an ARN names a customer managed policy (`arn:aws:iam::111122223333:policy/ci-deploy`): one no
 * role, user or group of the code has is checked as a principal of its own.
 */
function isPolicyArn(arn) {
    return iamKindOf(arn) === 'policy';
}
/** Whether an ARN names an IAM group (`arn:aws:iam::111122223333:group/ops`). */
function isGroupArn(arn) {
    return iamKindOf(arn) === 'group';
}
/** The characters of an IAM role's, user's, group's or policy's name. */
const IAM_NAME = '[\\w+=,.@-]+';
const NAME = new RegExp(`^${IAM_NAME}$`);
/**
 * Whether a role's, user's or group's name, written out, is one IAM refuses: empty (fugue/regula's
 * `users = [""]`), or of other characters than a name's (`"<lambda-role-name>"`, a placeholder of a
 * sample left in). An ARN, or a name with a value not known here in it, is no such name.
 */
function refusedName(name) {
    return !name.startsWith('arn:') && !name.includes('${') && !NAME.test(name);
}

;// CONCATENATED MODULE: ./src/config/arns.ts
// ARN shapes the config accepts. Partitions: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, … all start
// with "aws". IAM paths may contain slashes; names are IAM's [\w+=,.@-].

const PARTITION = 'aws(?:-[a-z]+)*';
const ACCOUNT = '\\d{12}';
const IAM_PATH = `(?:${IAM_NAME}/)*`;
/** The ARN of an IAM entity of one of `kinds` (`role|user`), with a path and a name. */
const iamArn = (kinds) => new RegExp(`^arn:${PARTITION}:iam::${ACCOUNT}:(?:${kinds})/${IAM_PATH}${IAM_NAME}$`);
const ROLE_ARN = iamArn('role');
const PRINCIPAL_ARN = iamArn('role|user');
const IDENTITY_ARN = iamArn('role|user|group|policy');
const TRAIL_ARN = new RegExp(`^arn:${PARTITION}:cloudtrail:[a-z0-9-]+:${ACCOUNT}:trail/[\\w.-]{3,128}$`);
/** `arn:<partition>:iam::<12 digits>:role/<path/>name`. */
function isRoleArn(value) {
    return ROLE_ARN.test(value);
}
/** A role or user ARN: what Access Analyzer can generate a policy for. */
function isPrincipalArn(value) {
    return PRINCIPAL_ARN.test(value);
}
/**
 * A role, user, group or customer managed policy ARN: what findings can be about (a group the code has,
 * and a managed policy no one in it has, are checked as principals too).
 */
function isIdentityArn(value) {
    return IDENTITY_ARN.test(value);
}
/** `arn:<partition>:cloudtrail:<region>:<12 digits>:trail/<name>`. */
function isTrailArn(value) {
    return TRAIL_ARN.test(value);
}
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** A region code such as `us-east-1` or `us-gov-west-1`. */
function isRegion(value) {
    return REGION.test(value);
}

;// CONCATENATED MODULE: ./src/config/inputs.ts



/** The config a run reads when the `config` input names none. */
const DEFAULT_CONFIG_PATH = '.github/iam-policy-drift.yml';
const FAIL_ON = ['critical', 'high', 'medium', 'low', 'never'];
const COMMENT = ['auto', 'always', 'never'];
const USAGE_SOURCES = ['policy-generation', 'last-accessed', 'auto'];
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS };
// IAM's rule for RoleSessionName.
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
/** `K/N`, 1 ≤ K ≤ N ≤ 256 (input `shard`); undefined when the text is not one. */
function parseShard(text) {
    const match = /^(\d{1,3})\/(\d{1,3})$/.exec(text.trim());
    if (!match)
        return undefined;
    const index = Number(match[1]);
    const count = Number(match[2]);
    return index >= 1 && index <= count && count <= 256 ? { index, count } : undefined;
}
/**
 * Parses `90s`, `10m`, `1h`, `1h30m`, `2d` or a bare number of seconds into milliseconds. Anything else
 * is undefined: a typo must be an error, not a silent default.
 */
function parseDuration(text) {
    const value = text.trim();
    if (/^\d+$/.test(value))
        return Number(value) * 1000;
    if (!/^(\d+(ms|s|m|h|d))+$/.test(value))
        return undefined;
    let total = 0;
    for (const [, amount, unit] of value.matchAll(/(\d+)(ms|s|m|h|d)/g)) {
        total += Number(amount) * UNIT_MS[unit];
    }
    return total;
}
/**
 * Reads every input through `getInput` (`core.getInput` in the action) and reports all bad values at
 * once. `env` supplies the AWS SDK's region fallbacks.
 */
function readSettings(getInput, env) {
    const problems = [];
    const input = (name) => getInput(name).trim();
    const bad = (name, value, expected) => problems.push({ message: `input '${name}': ${(0,vocabulary_problems/* quote */.hD)(value)} is not valid; expected ${expected}` });
    function oneOf(name, allowed, fallback) {
        const value = input(name) || fallback;
        if (allowed.includes(value))
            return value;
        bad(name, value, `one of ${allowed.join(', ')}`);
        return fallback;
    }
    function duration(name, fallback, allowZero) {
        const value = input(name) || fallback;
        const ms = parseDuration(value);
        if (ms === undefined || (!allowZero && ms === 0)) {
            bad(name, value, `a duration such as 90s, 10m or 1h (a bare number is seconds)${allowZero ? '' : ', above 0'}`);
            return parseDuration(fallback);
        }
        return ms;
    }
    const roleToAssume = input('role-to-assume') || undefined;
    if (roleToAssume && !isRoleArn(roleToAssume)) {
        bad('role-to-assume', roleToAssume, 'an IAM role ARN such as arn:aws:iam::111122223333:role/iam-policy-drift');
    }
    const awsRegion = input('aws-region') || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
    if (awsRegion && !isRegion(awsRegion))
        bad('aws-region', awsRegion, 'a region code such as us-east-1');
    const roleSessionName = input('role-session-name') || 'iam-policy-drift';
    if (!SESSION_NAME.test(roleSessionName)) {
        bad('role-session-name', roleSessionName, '2 to 64 characters of letters, digits and +=,.@_-');
    }
    const maxJobsText = input('max-concurrent-jobs') || '1';
    let maxConcurrentJobs = Number(maxJobsText);
    if (!/^\d+$/.test(maxJobsText) || maxConcurrentJobs < 1 || maxConcurrentJobs > 100) {
        bad('max-concurrent-jobs', maxJobsText, 'a whole number from 1 to 100');
        maxConcurrentJobs = 1;
    }
    const maxGenerationsText = input('max-generations') || '20';
    let maxGenerations = Number(maxGenerationsText);
    if (!/^\d+$/.test(maxGenerationsText) || maxGenerations > 1000) {
        bad('max-generations', maxGenerationsText, 'a whole number from 0 to 1000');
        maxGenerations = 20;
    }
    const configPath = input('config') || DEFAULT_CONFIG_PATH;
    const shardText = input('shard');
    const shard = shardText ? parseShard(shardText) : undefined;
    if (shardText && !shard)
        bad('shard', shardText, 'K/N with 1 ≤ K ≤ N ≤ 256, such as 2/5 (from a strategy.matrix)');
    const mergeReports = input('merge-reports') || undefined;
    if (shard && mergeReports)
        problems.push({
            message: "inputs 'shard' and 'merge-reports' are for different jobs: the shards check, then one job merges their reports",
        });
    const settings = {
        roleToAssume,
        awsRegion,
        audience: input('audience') || 'sts.amazonaws.com',
        roleSessionName,
        configPath,
        githubToken: input('github-token'),
        failOn: oneOf('fail-on', FAIL_ON, 'medium'),
        failOnScope: oneOf('fail-on-scope', ['new', 'all'], 'new'),
        comment: oneOf('comment', COMMENT, 'auto'),
        waitTimeoutMs: duration('wait-timeout', '30m', false),
        maxConcurrentJobs,
        reuseMaxAgeMs: duration('reuse-max-age', '24h', true),
        usageSource: oneOf('usage-source', USAGE_SOURCES, 'policy-generation'),
        maxGenerations,
        shard,
        mergeReports,
        sarifFile: input('sarif-file') || undefined,
    };
    return { settings, problems };
}

// EXTERNAL MODULE: ./src/github/workflow-commands.ts
var workflow_commands = __nccwpck_require__(5513);
;// CONCATENATED MODULE: ./src/cleanup.ts



/**
 * The `post:` step. It runs after every job, even when the main step was cancelled or killed, and
 * cancels the policy generation jobs the main step left running (their ids were saved with
 * core.saveState as they started). Nearly always there are none: then it loads only the runner's
 * commands; the credentials, the logger and the AWS SDK are loaded when there is something to cancel.
 */
async function cleanup(env = process.env) {
    const jobIds = parseJobIds(savedState(env, STATE_JOBS));
    if (jobIds.length === 0) {
        workflow_commands.debug('No policy generation job was left running.');
        return;
    }
    const [runtime, { cancelLeftoverJobs }] = await Promise.all([
        __nccwpck_require__.e(/* import() */ 641).then(__nccwpck_require__.bind(__nccwpck_require__, 2641)),
        Promise.all(/* import() */[__nccwpck_require__.e(707), __nccwpck_require__.e(601)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7601)),
    ]);
    const { settings } = readSettings((name) => workflow_commands.getInput(name, env), env);
    await cancelLeftoverJobs(jobIds, { credentials: settings, region: savedState(env, STATE_REGION) }, { ...runtime.actionsCredentialDeps(), logger: runtime.actionsLogger() });
}
/** What the main step saved with core.saveState: the runner hands it to the post step as STATE_<name>. */
function savedState(env, name) {
    return env[`STATE_${name}`] ?? '';
}
/** The jobs saved: `{ jobId, roleArn? }` (the role of another account's job), or a bare id. */
function parseJobIds(saved) {
    try {
        const jobs = JSON.parse(saved || '[]');
        if (!Array.isArray(jobs))
            return [];
        return jobs.flatMap((job) => {
            if (typeof job === 'string')
                return [{ jobId: job }];
            const { jobId, roleArn } = (job ?? {});
            if (typeof jobId !== 'string')
                return [];
            return [{ jobId, ...(typeof roleArn === 'string' && { roleArn }) }];
        });
    }
    catch {
        return [];
    }
}


/***/ }),

/***/ 5513:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.r(__webpack_exports__);
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
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
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
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


/***/ }),

/***/ 6661:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cleanup_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2029);

await (0,_cleanup_js__WEBPACK_IMPORTED_MODULE_0__/* .cleanup */ .t)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 5486:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   hD: () => (/* binding */ quote),
/* harmony export */   xL: () => (/* binding */ ConfigError)
/* harmony export */ });
/* unused harmony exports formatProblem, previewList */

/**
 * The user's mistakes, all of them found in one pass. Reported without a stack: nothing is wrong with
 * the action, and nothing was started because of them.
 */
class ConfigError extends Error {
    problems;
    constructor(problems) {
        const [first] = problems;
        super(problems.length === 1 && first
            ? formatProblem(first)
            : `${problems.length} problems:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
        this.name = 'ConfigError';
        this.problems = problems;
    }
}
/** `file:line:column: message`, leaving out what is unknown. */
function formatProblem(problem) {
    const where = [problem.file, problem.line, problem.line === undefined ? undefined : problem.column]
        .filter((part) => part !== undefined)
        .join(':');
    return where ? `${where}: ${problem.message}` : problem.message;
}
/** A user's value as it reads in a message: JSON, so empty strings and whitespace stay visible. */
function quote(value) {
    // `1e999` in a policy file parses as Infinity, which JSON would print as null.
    const text = typeof value === 'number' && !Number.isFinite(value)
        ? String(value)
        : (JSON.stringify(value) ?? String(value));
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
/** The first `count` items, and how many more there are: "a, b, c, … (4 more)". */
function previewList(items, count) {
    return items.length <= count
        ? items.join(', ')
        : `${items.slice(0, count).join(', ')}, … (${thousands(items.length - count)} more)`;
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".post.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(6661);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
