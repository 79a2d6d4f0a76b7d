export const id = 217;
export const ids = [217];
export const modules = {

/***/ 217:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  cli: () => (/* binding */ cli)
});

// UNUSED EXPORTS: USAGE

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/analysis/analyse.ts + 6 modules
var analyse = __webpack_require__(1667);
// EXTERNAL MODULE: ./src/analysis/ignore-rules.ts
var ignore_rules = __webpack_require__(6316);
// EXTERNAL MODULE: ./src/catalog/catalog.ts + 1 modules
var catalog = __webpack_require__(743);
// EXTERNAL MODULE: ./src/config/inputs.ts
var config_inputs = __webpack_require__(4389);
// EXTERNAL MODULE: ./src/github/usage-mode.ts
var usage_mode = __webpack_require__(7098);
// EXTERNAL MODULE: ./src/main.ts + 9 modules
var main = __webpack_require__(6054);
// EXTERNAL MODULE: ./src/report/report.ts
var report_report = __webpack_require__(8850);
// EXTERNAL MODULE: ./src/report/sarif.ts
var sarif = __webpack_require__(643);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(7994);
// EXTERNAL MODULE: ./src/vocabulary/policy.ts
var policy = __webpack_require__(2176);
// EXTERNAL MODULE: ./src/vocabulary/problems.ts
var problems = __webpack_require__(5486);
// EXTERNAL MODULE: ./src/vocabulary/usage.ts
var usage = __webpack_require__(4415);
;// CONCATENATED MODULE: ./src/report/text.ts





const SEVERITY_COLOR = { critical: 35, high: 31, medium: 33, low: 36 };
/** The report as plain text, lines of at most what the findings' messages take. */
function renderText(report, options) {
    const sgr = (code) => (text) => options.color ? `\x1b[${code}m${text}\x1b[0m` : text;
    const bold = sgr(1);
    const dim = sgr(2);
    const lines = [];
    const verdictColor = report.verdict === 'pass' ? 32 : 31;
    lines.push(`${bold(sgr(verdictColor)(`iam-policy-drift: ${report.verdict}`))} — ${report.reason}`);
    if (report.sensitive)
        lines.push(dim((0,report_report/* sensitiveNote */.Jh)(report.sensitive)));
    if (report.verdict === 'error') {
        lines.push('');
        for (const problem of report.problems)
            lines.push(`  ${(0,problems/* formatProblem */.Vw)(problem)}`);
        return `${lines.join('\n')}\n`;
    }
    if (report.staticMode)
        lines.push(dim(`Static mode: ${report.staticMode}`));
    const owned = (0,summary/* findingsOfPrincipals */.j5)(report);
    for (const principal of report.principals) {
        const own = owned.get(principal) ?? [];
        lines.push('', `${bold(principal.arn)}  ${dim(text_status(principal))}`);
        const place = (0,summary/* principalPlace */.oF)(principal);
        if (place)
            lines.push(`  ${dim(`${place.label}:`)} ${place.text}`);
        if (principal.boundary)
            lines.push(`  ${dim('permissions boundary:')} ${(0,summary/* boundaryText */.kz)(principal.boundary)}`);
        if (own.length === 0) {
            lines.push(`  ${dim('no findings')}`);
            continue;
        }
        // By file, as the summary lists them.
        for (const findings of (0,summary/* findingsByFile */.YJ)(own).values())
            for (const f of findings)
                lines.push(...renderFinding(f, sgr, dim));
    }
    for (const suggestion of report.suggestions) {
        const what = suggestion.diff === null ? 'as JSON' : 'as a diff';
        lines.push('', bold(`Suggested least-privilege ${suggestion.file} (${what}):`));
        const oversize = (0,report_report/* oversizeNote */.SF)(suggestion);
        if (oversize)
            lines.push(dim(oversize));
        const body = (suggestion.diff ?? suggestion.text).trimEnd().split('\n');
        for (const line of body)
            lines.push(line.startsWith('+') && !line.startsWith('+++')
                ? sgr(32)(line)
                : line.startsWith('-') && !line.startsWith('---')
                    ? sgr(31)(line)
                    : line);
    }
    if (report.accepted.length > 0)
        lines.push('', dim(`${report.accepted.length} accepted by ignore: entries (in the JSON report).`));
    return `${lines.join('\n')}\n`;
}
function renderFinding(f, sgr, dim) {
    const where = `${f.file}:${f.line}:${f.column}`;
    const head = `  ${where}  ${sgr(SEVERITY_COLOR[f.severity])(f.severity.padEnd(8))} ${f.kind}${f.sid ? dim(` (${f.sid})`) : ''}`;
    const out = [head, `      ${f.message}`];
    const construct = (0,policy/* constructPath */.tG)(f.source);
    if (construct)
        out.push(`      ${dim('construct:')} ${construct}`);
    const managed = (0,policy/* managedPolicyNote */.iM)(f.source);
    if (managed)
        out.push(`      ${dim('policy:')} ${managed}`);
    if (f.suggestion)
        out.push(`      ${dim('suggested:')} ${f.suggestion}`);
    return out;
}
function text_status(p) {
    if (p.status === 'checked') {
        const label = (0,usage/* usageLabel */.Ae)(p.usage);
        return label ? `checked (${label})` : 'checked';
    }
    if (p.status === 'new')
        return 'new: static checks only';
    if (p.status === 'static')
        return p.error ? `static checks: ${p.error.message}` : 'static checks';
    return p.error ? `${p.status}: ${p.error.message}` : p.status;
}

// EXTERNAL MODULE: ./src/sources/load-workspace.ts + 2 modules
var load_workspace = __webpack_require__(3810);
// EXTERNAL MODULE: ./src/vocabulary/secrets.ts
var vocabulary_secrets = __webpack_require__(245);
// EXTERNAL MODULE: ./src/vocabulary/version.ts
var version = __webpack_require__(9104);
;// CONCATENATED MODULE: ./src/cli.ts
// The command line: `iam-policy-drift check`, the action's checks outside a workflow (a laptop, any
// CI). The same config, the same findings and verdict; static checks unless --aws asks for usage with
// the AWS credentials of the environment. The same bundle as the action (dist/cli.js loads
// dist/index.js in this mode).
















const USAGE = `Usage: iam-policy-drift check [options]

Checks the IAM policies a repository's .github/iam-policy-drift.yml names (policy files, Terraform,
CloudFormation, SAM and CDK templates) as the GitHub Action does, and prints the findings.

Options:
  -w, --workspace DIR      the repository to check (default: the current directory)
  -c, --config FILE        the config, relative to the workspace (default: .github/iam-policy-drift.yml)
  -f, --format FORMAT      text (default), markdown (the job summary), json (the report), sarif
      --fail-on SEVERITY   low, medium (default), high, critical or never: what fails the check
      --aws                compare with usage: IAM Access Analyzer over the config's cloudtrail:, with
                           the AWS credentials of the environment (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...)
      --usage-source SRC   policy-generation (default) or last-accessed (IAM's last-accessed data:
                           no trail, no daily quota; management actions only)
      --region REGION      the region of IAM Access Analyzer (default: AWS_REGION)
      --wait-timeout TIME  how long to wait for policy generations (default: 30m)
      --no-color           no colour, even on a terminal (NO_COLOR=1 does the same)
  -h, --help               this text
  -V, --version            the version

Exit status: 0 pass, 1 fail (findings at or above --fail-on) or nothing checked (a problem in the
config or the files it names), 2 a mistake on the command line.
`;
const FORMATS = ['text', 'markdown', 'json', 'sarif'];
/** Runs the command line; resolves to the exit status. */
async function cli(argv, io) {
    let parsed;
    try {
        parsed = parse(argv);
    }
    catch (error) {
        // Node's message goes on to explain `--`: its first sentence says it.
        const message = error.message.replace(/(\.) To specify a positional.*$/s, '$1');
        io.stderr.write(`iam-policy-drift: ${message}\n\n${USAGE}`);
        return 2;
    }
    const { values, positionals } = parsed;
    if (values.help) {
        io.stdout.write(USAGE);
        return 0;
    }
    if (values.version) {
        io.stdout.write(`${version/* ACTION_VERSION */.Y}\n`);
        return 0;
    }
    const [command, ...extra] = positionals;
    if (command !== 'check' || extra.length > 0) {
        const what = command === undefined ? 'no command given' : `unknown command ${JSON.stringify(positionals.join(' '))}`;
        io.stderr.write(`iam-policy-drift: ${what}; expected: check\n\n${USAGE}`);
        return 2;
    }
    const format = values.format ?? 'text';
    if (!FORMATS.includes(format)) {
        io.stderr.write(`iam-policy-drift: --format ${JSON.stringify(format)}: expected one of ${FORMATS.join(', ')}\n`);
        return 2;
    }
    const color = !values['no-color'] && !io.env.NO_COLOR && (Boolean(io.env.FORCE_COLOR) || io.stdout.isTTY === true);
    const logger = cliLogger(io);
    const report = await check(values, io, logger);
    logger.done();
    const chosen = format;
    if (chosen === 'json')
        writeInPieces((0,report_report/* serializeReport */.xH)(report), io.stdout);
    else
        io.stdout.write(render(report, chosen, color));
    return report.verdict === 'pass' ? 0 : 1;
}
function parse(argv) {
    return (0,external_node_util_.parseArgs)({
        args: [...argv],
        allowPositionals: true,
        strict: true,
        options: {
            workspace: { type: 'string', short: 'w' },
            config: { type: 'string', short: 'c' },
            format: { type: 'string', short: 'f' },
            'fail-on': { type: 'string' },
            aws: { type: 'boolean' },
            region: { type: 'string' },
            'usage-source': { type: 'string' },
            'wait-timeout': { type: 'string' },
            'no-color': { type: 'boolean' },
            help: { type: 'boolean', short: 'h' },
            version: { type: 'boolean', short: 'V' },
        },
    });
}
/** The action's run, from the options: read everything, fetch usage when asked, judge. */
async function check(values, io, logger) {
    const workspaceRoot = (0,external_node_path_.resolve)(io.cwd, values.workspace ?? '.');
    // The options are the action's inputs under their own names: the same defaults and the same checks.
    const inputs = {
        config: values.config,
        'fail-on': values['fail-on'],
        'aws-region': values.region,
        'wait-timeout': values['wait-timeout'],
        'usage-source': values['usage-source'],
    };
    const { settings, problems: bad } = (0,config_inputs/* readSettings */.sb)((name) => inputs[name] ?? '', io.env);
    // The action's inputs are options here: the messages say so.
    const asOption = (p) => ({
        ...p,
        message: p.message.replace(/input '([\w-]+)'/g, '--$1'),
    });
    // What a plan marks sensitive: *** in all the command prints, as in what the action writes.
    const secrets = new vocabulary_secrets/* Secrets */.S();
    const fail = (all) => (0,report_report/* withSecretsLeftOut */.j7)((0,report_report/* errorReport */.ZV)({
        problems: all.map(asOption),
        failOn: settings.failOn,
        catalog: catalogOf(),
        now: new Date(),
    }), secrets);
    logger.progress(`Reading ${settings.configPath} and the files it names`);
    const loaded = await (0,load_workspace/* loadWorkspace */.C)(workspaceRoot, settings.configPath);
    secrets.add(loaded.secrets);
    const { workspace, problems: local } = loaded;
    if (!workspace || bad.length > 0)
        return fail([...bad, ...local]);
    const { config, principals } = workspace;
    const heavy = (0,analyse/* tooMuchToCheck */.DY)(principals, settings.configPath);
    if (heavy)
        return fail([heavy]);
    for (const note of workspace.notes)
        logger.notice(`note: ${secrets.redact((0,problems/* formatProblem */.Vw)(note))}`);
    let checked = principals;
    let usage = new Map();
    let staticMode = 'no --aws, so no usage was fetched: the checks that need no AWS. Add --aws to compare with what each principal used.';
    if (values.aws) {
        if (!config.cloudTrail && settings.usageSource === 'policy-generation')
            return fail([
                {
                    file: config.file,
                    line: 1,
                    message: '--aws: the config has no cloudtrail: section to read usage from (--usage-source last-accessed needs none)',
                },
            ]);
        try {
            const mode = (0,usage_mode/* decideUsageMode */.j)(settings, config, io.env, { readOnlyToken: false });
            if (mode.mode === 'static')
                return fail([{ message: `--aws: ${mode.reason}` }]);
            logger.progress(settings.usageSource === 'last-accessed'
                ? `Last-accessed data for ${principals.length} principal(s)`
                : `Policy generation for ${principals.length} principal(s) in ${mode.region}`);
            // A terminal run prints no credentials, and has no runner to mask them with.
            const runner = { credentialDeps: noOidc, saveState: () => { }, mask: () => { } };
            ({ principals: checked, usage } = await (0,main/* useAws */.Px)(principals, config, settings, mode, io.env, logger, runner));
            staticMode = null;
        }
        catch (error) {
            if (error instanceof problems/* ConfigError */.xL)
                return fail(error.problems);
            return fail([{ message: `AWS: ${error.message}` }]);
        }
    }
    logger.progress(`Checking ${checked.length} principal(s)`);
    const { report, idleIgnores } = await (0,main/* judge */.S4)(workspaceRoot, checked, config, usage, {
        failOn: settings.failOn,
        staticMode,
        run: null,
        noPrincipals: (0,main/* whyNoPrincipals */.RC)(checked.length, principals.length, workspace.excluded, undefined, workspace.notes.length),
    });
    for (const note of (0,ignore_rules/* idleIgnoreNotes */.K9)(idleIgnores, settings.configPath, report.catalog.date))
        logger.notice(`note: ${(0,problems/* formatProblem */.Vw)(note)}`);
    return (0,report_report/* withSecretsLeftOut */.j7)(report, secrets);
}
function noOidc() {
    throw new Error('the command line has no GitHub OIDC token: use the AWS credentials of the environment');
}
function catalogOf() {
    const { version, date } = (0,catalog/* loadCatalog */.ak)();
    return { version, date };
}
/**
 * The JSON report as serializeReport makes it, in writes of about a MiB: joined whole, a report of
 * 80,000 findings (244 MB) took the command to 1.2 GB of memory, four times what the action takes.
 */
function writeInPieces(pieces, stdout) {
    let batch = [];
    let length = 0;
    for (const piece of pieces) {
        batch.push(piece);
        length += piece.length;
        if (length < 1 << 20)
            continue;
        stdout.write(batch.join(''));
        batch = [];
        length = 0;
    }
    if (batch.length > 0)
        stdout.write(batch.join(''));
}
function render(report, format, color) {
    switch (format) {
        case 'sarif':
            return `${JSON.stringify((0,sarif/* toSarif */.z)(report, { version: version/* ACTION_VERSION */.Y, informationUri: 'https://github.com/iam-policy-drift/iam-policy-drift' }), null, 2)}\n`;
        case 'markdown':
            return (0,summary/* renderSummary */.Br)(report);
        default:
            return renderText(report, { color });
    }
}
/**
 * Messages on stderr: on a terminal, one progress line rewritten in place; elsewhere, warnings and
 * errors only, so that a pipe gets plain output.
 */
function cliLogger(io) {
    const tty = io.stderr.isTTY === true;
    let shown = false;
    const clear = () => {
        if (shown)
            io.stderr.write('\r\x1b[K');
        shown = false;
    };
    const line = (text) => {
        clear();
        io.stderr.write(`${text}\n`);
    };
    const progress = (message) => {
        if (!tty)
            return;
        clear();
        io.stderr.write(message.length > 100 ? `${message.slice(0, 99)}…` : message);
        shown = true;
    };
    return {
        debug: () => { },
        info: progress,
        progress,
        notice: (message) => line(message),
        warning: (message, at) => line(`warning: ${at?.file ? `${(0,problems/* formatProblem */.Vw)({ ...at, message })}` : message}`),
        error: (message, at) => line(`error: ${at?.file ? `${(0,problems/* formatProblem */.Vw)({ ...at, message })}` : message}`),
        group: (title, body) => {
            progress(title);
            return body();
        },
        done: clear,
    };
}


/***/ })

};
