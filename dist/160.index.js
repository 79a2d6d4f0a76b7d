export const id = 160;
export const ids = [160];
export const modules = {

/***/ 5160:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  TfParses: () => (/* reexport */ terraform_modules/* TfParses */.n6),
  terraformSource: () => (/* binding */ terraformSource)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/catalog/managed-policies.ts + 1 modules
var managed_policies = __webpack_require__(1756);
// EXTERNAL MODULE: ./src/config/paths.ts
var paths = __webpack_require__(1066);
// EXTERNAL MODULE: ./src/config/read-text.ts
var read_text = __webpack_require__(4610);
// EXTERNAL MODULE: ./src/vocabulary/lists.ts
var lists = __webpack_require__(9877);
// EXTERNAL MODULE: ./src/vocabulary/problems.ts
var vocabulary_problems = __webpack_require__(5486);
// EXTERNAL MODULE: ./src/vocabulary/text.ts
var vocabulary_text = __webpack_require__(8449);
// EXTERNAL MODULE: ./src/sources/policy-globs.ts + 2 modules
var policy_globs = __webpack_require__(5007);
// EXTERNAL MODULE: ./src/sources/terraform/evaluate.ts
var evaluate = __webpack_require__(7822);
// EXTERNAL MODULE: ./src/sources/terraform/hcl.ts + 1 modules
var hcl = __webpack_require__(5575);
// EXTERNAL MODULE: ./src/sources/terraform/modules.ts + 1 modules
var terraform_modules = __webpack_require__(8673);
// EXTERNAL MODULE: ./src/policy/json-tree.ts
var json_tree = __webpack_require__(9907);
// EXTERNAL MODULE: ./src/policy/parse-policy.ts + 2 modules
var parse_policy = __webpack_require__(9226);
// EXTERNAL MODULE: ./src/vocabulary/accounts.ts
var vocabulary_accounts = __webpack_require__(7146);
;// CONCATENATED MODULE: ./src/sources/terraform/plan.ts
// A Terraform plan as `terraform show -json <planfile>` writes it (the JSON output format, format_version
// 0.x and 1.x): every resource instance with its planned values, what is known only after apply, and
// whether it exists already; and the configuration's module tree (where each module's code is).





/**
 * A plan as hashicorp/setup-terraform's wrapper (on by default) writes `terraform show -json` to a file:
 * `[command]…/terraform-bin show -json plan` first, then the JSON, then the wrapper's own `::debug::` and
 * `::set-output` lines. Those lines blanked, so that the JSON keeps its line numbers; undefined for any
 * other text.
 */
function withoutWrapper(text) {
    if (!text.startsWith('[command]'))
        return undefined;
    const lines = text.split('\n');
    lines[0] = '';
    for (let i = 1; i < lines.length; i++)
        if (lines[i].startsWith('::'))
            lines[i] = '';
    return lines.join('\n');
}
/**
 * The resources that give an IAM Identity Center permission set its permissions. Not checked: this action
 * checks IAM's roles, users and groups, and the roles Identity Center makes of a permission set in each
 * account it is assigned to are not read from it. They are found to be said so, not skipped in silence.
 */
const PERMISSION_SET_POLICIES = new Set([
    'aws_ssoadmin_permission_set_inline_policy',
    'aws_ssoadmin_managed_policy_attachment',
    'aws_ssoadmin_customer_managed_policy_attachment',
    'aws_ssoadmin_permissions_boundary_attachment',
]);
/** Whether a resource type is one discovery reads: IAM's, and the policies of permission sets. */
function readsType(type) {
    return type.startsWith('aws_iam_') || PERMISSION_SET_POLICIES.has(type);
}
/** A JSON object (not null, not an array): what the plan's values and after_unknown are made of. */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/**
 * Reads a plan's JSON text; every problem names the file and, where it can, the line. What
 * hashicorp/setup-terraform's wrapper adds around it is left out, and said in a note.
 */
function readPlan(file, written) {
    // A byte order mark (PowerShell's `Out-File -Encoding utf8`) is not JSON.
    const text = written.charCodeAt(0) === 0xfeff ? written.slice(1) : written;
    const unwrapped = withoutWrapper(text);
    if (unwrapped !== undefined) {
        const read = readPlan(file, unwrapped);
        const note = {
            file,
            line: 1,
            message: "written through hashicorp/setup-terraform's wrapper: its `[command]` line and the `::` workflow commands " +
                'after the plan are left out. `terraform_wrapper: false` on setup-terraform writes the plan alone',
        };
        return read.plan ? { ...read, notes: [note, ...(read.notes ?? [])] } : read;
    }
    let doc;
    // What the file is instead of a plan, said of the file as a whole.
    const refused = (message) => ({ problems: [{ file, line: 1, message }] });
    try {
        doc = JSON.parse(text);
    }
    catch {
        if (isUiMessage(firstLineJson(text)))
            return refused(UI_LOG);
        // The saved plan itself is a zip archive: its first bytes survive being read as text.
        if (text.startsWith('PK\u0003\u0004'))
            return refused('a saved plan file (the zip archive `terraform plan -out` writes), not its JSON; expected what `terraform show -json` prints of it: `terraform show -json tfplan > plan.json`');
        const { errors: [error], } = (0,json_tree/* parseJsonTree */.U0)(text);
        return {
            problems: [
                {
                    file,
                    line: error?.line ?? 1,
                    column: error?.column ?? 1,
                    message: `not JSON: ${error ? `${error.reason}; ` : ''}expected the output of \`terraform show -json <planfile>\``,
                },
            ],
        };
    }
    if (isUiMessage(doc))
        return refused(UI_LOG);
    if (isObject(doc) && (0,parse_policy/* isTerraformState */.cP)(new Set(Object.keys(doc))))
        return refused('not a Terraform plan but a state file (terraform.tfstate): it says what exists, not what the code will make; ' +
            'expected `terraform plan -out=tfplan` then `terraform show -json tfplan`');
    if (!isObject(doc) || typeof doc.format_version !== 'string') {
        return refused('not a Terraform plan: it has no "format_version"; expected the output of `terraform show -json <planfile>` ' +
            '(of a plan file, not of the state)');
    }
    const major = doc.format_version.split('.')[0];
    if (major !== '0' && major !== '1') {
        return refused(`format_version ${JSON.stringify(doc.format_version)} is not supported; expected 0.x or 1.x (Terraform 0.12 and later)`);
    }
    // A plan written by hand to the documented format may give its resources in resource_changes alone.
    if (!isObject(doc.planned_values) && !isObject(doc.prior_state) && !Array.isArray(doc.resource_changes)) {
        // `terraform show -json` without a plan file prints the state: its resources are under "values".
        const state = isObject(doc.values);
        return refused(state
            ? 'not a Terraform plan but a state: it has "values", not "planned_values" (`terraform show -json` was given no plan ' +
                'file); expected `terraform plan -out=tfplan` then `terraform show -json tfplan`'
            : 'not a Terraform plan: it has none of "planned_values", "prior_state" and "resource_changes" (`terraform show -json` of a plan file has all three)');
    }
    const lines = iamAddresses(text);
    const { plan, going } = toPlan(file, doc, lines);
    const secrets = tooManySensitive('the plan', plan.sensitive?.length ?? 0);
    if (secrets)
        return refused(secrets);
    const gone = goneNote(file, going, lines);
    // Terraform 1.5+ says when planning failed ("errored"), 1.8+ when it deferred changes ("complete":
    // false): what the plan lists is then not all the configuration makes.
    const unfinished = doc.errored === true
        ? 'Terraform could not finish this plan ("errored": true): resources after its errors are not in it, and are not checked. Fix what `terraform plan` reports first'
        : doc.complete === false
            ? 'this plan is not complete ("complete": false): Terraform deferred changes it could not plan yet, and those resources are not in it, nor checked'
            : undefined;
    const notes = [...(unfinished ? [{ file, line: 1, message: unfinished }] : []), ...(gone ? [gone] : [])];
    return { plan, problems: [], ...(notes.length > 0 && { notes }) };
}
/** What is said of the IAM resources a plan destroys or forgets: they are gone, not unchecked by mistake. */
function goneNote(file, going, lines) {
    const [first] = going;
    if (first === undefined)
        return undefined;
    const one = going.length === 1;
    const at = lines.get(first);
    return {
        file,
        line: at?.line ?? 1,
        ...(at && { column: at.column }),
        message: `this plan destroys or stops managing ${one ? first : `${going.length} IAM resources (${(0,vocabulary_problems/* previewList */.$8)(going, 3)})`}: ` +
            `after the apply this configuration grants nothing through ${one ? 'it' : 'them'}, so ${one ? 'it is' : 'they are'} not checked`,
    };
}
const UI_LOG = 'not a Terraform plan but the log of `terraform plan -json` (one JSON message a line, "@level", "@message", "type"); ' +
    'expected `terraform plan -out=tfplan` then `terraform show -json tfplan`, which writes the plan as one document';
/**
 * Whether a value is a message of Terraform's machine-readable UI (`terraform plan -json`, `apply -json`),
 * which writes one a line, each with "@level" and "type".
 */
function isUiMessage(value) {
    return isObject(value) && typeof value['@level'] === 'string' && typeof value.type === 'string';
}
/** The first line of the text as JSON, when it is short and is JSON; undefined otherwise. */
function firstLineJson(text) {
    const end = text.indexOf('\n');
    if (end < 0 || end > 65_536)
        return undefined;
    try {
        return JSON.parse(text.slice(0, end));
    }
    catch {
        return undefined;
    }
}
/**
 * The line and column where the text first gives each IAM resource's address (`"address":
 * "module.app.aws_iam_role.this[0]"`, in planned_values first): one pass of one expression, IAM ones kept.
 */
function iamAddresses(text) {
    const found = new Map();
    let line = 1;
    let lineStart = 0;
    // The first line break not yet counted: each is looked for once. Looked for again from each address, the
    // break past it was found anew each time, and a plan on one line (as terraform show -json writes it) was
    // read to its end once per address (20,000 IAM resources in 10 MB: 3 s).
    let next = text.indexOf('\n');
    for (const match of text.matchAll(IAM_ADDRESS)) {
        const at = match.index + match[0].length - match[1].length;
        while (next >= 0 && next < at) {
            line++;
            lineStart = next + 1;
            next = text.indexOf('\n', next + 1);
        }
        let address;
        try {
            address = JSON.parse(match[1]);
        }
        catch {
            continue;
        }
        if (typeof address === 'string' && !found.has(address))
            found.set(address, { line, column: at - lineStart + 1 });
    }
    return found;
}
const IAM_ADDRESS = /"address"\s*:\s*("(?:module\.(?:[^"\\]|\\.)*\.)?(?:data\.)?aws_iam_(?:[^"\\]|\\.)*")/g;
/**
 * The plan's resources as they will be after the apply, and the addresses of the IAM resources it
 * destroys or stops managing (`going`), which prior_state still holds.
 */
function toPlan(file, doc, lines) {
    const unknownByAddress = new Map();
    const changes = [];
    for (const change of Array.isArray(doc.resource_changes) ? doc.resource_changes : []) {
        // A "deposed" object (what a create_before_destroy replacement left) is only ever destroyed: its
        // change is not the instance's, which has an entry of its own.
        if (isObject(change) && typeof change.deposed === 'string')
            continue;
        if (isObject(change) && typeof change.address === 'string' && isObject(change.change)) {
            unknownByAddress.set(change.address, change.change.after_unknown);
            changes.push(change);
        }
    }
    const prior = new Map();
    const priorState = isObject(doc.prior_state) ? doc.prior_state.values : undefined;
    for (const r of moduleResources(isObject(priorState) ? priorState.root_module : undefined))
        if (typeof r.deposed_key !== 'string')
            prior.set(addressOf(r), r);
    const planned = new Map();
    const plannedValues = isObject(doc.planned_values) ? doc.planned_values.root_module : undefined;
    for (const r of moduleResources(plannedValues))
        planned.set(addressOf(r), r);
    // What the plan keeps, creates or updates but leaves out of planned_values (a plan trimmed by hand, as
    // checkov's Terraform 0.12 test plans are, or written with resource_changes alone): its values after
    // the change, which planned_values gives. A resource the plan only deletes has no "after".
    const existedBefore = new Set();
    for (const change of changes) {
        const address = addressOf(change);
        const { after, before, importing } = change.change;
        // An import block's resource (Terraform 1.5+) is not in prior_state yet, but it exists: the role the
        // configuration takes over has its usage.
        if (isObject(importing) && importing.unknown !== true)
            existedBefore.add(address);
        // prior_state gives what is there before the change: an update's or a replacement's "after" is still what will be.
        if (!isObject(after) || planned.has(address))
            continue;
        planned.set(address, { ...change, values: after });
        // Without prior_state, "before" says whether it exists (a no-op, an update, a replacement).
        if (isObject(before))
            existedBefore.add(address);
    }
    // What the plan destroys (`delete`), or stops managing and leaves in place (`forget`, a removed block):
    // prior_state still has it, but after the apply this configuration grants nothing through it. A pull
    // request that deletes a role of `s3:*` is the fix, not a finding.
    const going = new Map();
    for (const change of changes) {
        const { actions } = change.change;
        if (Array.isArray(actions) &&
            actions.length === 1 &&
            (actions[0] === 'delete' || actions[0] === 'forget'))
            going.set(addressOf(change), change.mode === 'data' ? '' : String(change.type ?? ''));
    }
    const resources = [];
    for (const address of new Set([...planned.keys(), ...prior.keys()])) {
        if (going.has(address) && !planned.has(address))
            continue;
        const raw = (planned.get(address) ?? prior.get(address));
        const before = prior.get(address);
        resources.push({
            address,
            module: moduleOf(address, raw),
            mode: raw.mode === 'data' ? 'data' : 'managed',
            type: String(raw.type ?? ''),
            name: String(raw.name ?? ''),
            index: typeof raw.index === 'number' || typeof raw.index === 'string' ? raw.index : undefined,
            values: isObject(raw.values) ? withPolicyText(raw.values) : {},
            unknown: unknownByAddress.get(address),
            exists: (before !== undefined || existedBefore.has(address)) && raw.mode !== 'data',
            at: lines.get(address),
        });
    }
    const variables = {};
    if (isObject(doc.variables))
        for (const [name, v] of Object.entries(doc.variables))
            if (isObject(v))
                variables[name] = v.value;
    const config = isObject(doc.configuration) ? doc.configuration : {};
    const plan = {
        file,
        resources,
        variables,
        configuration: configModule(config.root_module, 0),
        providerAccounts: providerAccounts(config.provider_config, variables),
        sensitive: sensitiveTexts(doc),
    };
    const iamGoing = [...going].filter(([address, type]) => readsType(type) && !planned.has(address));
    return { plan, going: iamGoing.map(([address]) => address) };
}
/**
 * The texts a plan marks sensitive, which `terraform plan` prints as "(sensitive value)" but its JSON
 * holds in the clear: the values of the root module's variables declared `sensitive = true` (a secret
 * the workflow passes as TF_VAR_…), of every resource and data source attribute the plan marks so
 * (`sensitive_values` of planned_values and prior_state, `before_sensitive` and `after_sensitive` of
 * resource_changes and resource_drift: a password, a value read from Secrets Manager or SSM) and of
 * sensitive outputs. A policy built from one is sensitive as a whole; the part that is the secret is
 * one of these. Each text in it (each string or number inside a list or object), once.
 */
function sensitiveTexts(doc) {
    const found = new Set();
    const all = (value) => eachText(value, (text) => found.add(text));
    // `marks` has the shape of `value`: true where it is sensitive, an object or list to look inside. Walked
    // with a list, not by recursion: a plan nests as deep as its JSON, past any call stack.
    const marked = (value, marks) => {
        const pairs = [[value, marks]];
        for (let pair = pairs.pop(); pair; pair = pairs.pop()) {
            const [v, m] = pair;
            if (m === true)
                all(v);
            else if (Array.isArray(m) && Array.isArray(v))
                for (let i = 0; i < m.length; i++)
                    pairs.push([v[i], m[i]]);
            else if (isObject(m) && isObject(v))
                for (const [key, mark] of Object.entries(m))
                    pairs.push([v[key], mark]);
        }
    };
    const config = isObject(doc.configuration) && isObject(doc.configuration.root_module)
        ? doc.configuration.root_module
        : {};
    const declared = isObject(config.variables) ? config.variables : {};
    const given = isObject(doc.variables) ? doc.variables : {};
    for (const [name, declaration] of Object.entries(declared)) {
        const value = given[name];
        if (isObject(declaration) && declaration.sensitive === true && isObject(value))
            all(value.value);
    }
    const priorState = isObject(doc.prior_state) ? doc.prior_state.values : undefined;
    for (const values of [isObject(priorState) ? priorState : undefined, doc.planned_values]) {
        if (!isObject(values))
            continue;
        for (const r of moduleResources(values.root_module))
            marked(r.values, r.sensitive_values);
        for (const output of isObject(values.outputs) ? Object.values(values.outputs) : [])
            if (isObject(output) && output.sensitive === true)
                all(output.value);
    }
    for (const list of [doc.resource_changes, doc.resource_drift, doc.output_changes]) {
        const changes = Array.isArray(list) ? list : isObject(list) ? Object.values(list) : [];
        for (const item of changes) {
            const change = isObject(item) && isObject(item.change) ? item.change : item;
            if (!isObject(change))
                continue;
            marked(change.before, change.before_sensitive);
            marked(change.after, change.after_sensitive);
        }
    }
    return [...found];
}
/**
 * The most texts one reading marks sensitive: each is masked in the log with a line of its own, and a
 * plan of a million (a list variable a pull request declares sensitive) flooded the log and the
 * runner's masking. A real plan's passwords and keys are hundreds.
 */
const MAX_SENSITIVE_TEXTS = 10_000;
/** What to say of `what` (the plan, the code) when it marks more than MAX_SENSITIVE_TEXTS values sensitive. */
function tooManySensitive(what, count) {
    if (count <= MAX_SENSITIVE_TEXTS)
        return undefined;
    const most = (0,vocabulary_text/* thousands */.oh)(MAX_SENSITIVE_TEXTS);
    return `${what} marks ${(0,vocabulary_text/* thousands */.oh)(count)} values sensitive, more than the ${most} a run keeps out of its log and reports (each is masked with a line of the log): not read, so that none is written out`;
}
/**
 * Calls `take` with each text of a plain value: itself, or each inside its lists and objects, in order; a
 * number as the digits it is written with (a sensitive account id stands in ARNs so). Walked with a
 * list, not by recursion: a plan's value nests as deep as its JSON.
 */
function eachText(value, take) {
    const left = [value];
    while (left.length > 0) {
        const v = left.pop();
        if (typeof v === 'string')
            take(v);
        else if (typeof v === 'number' && Number.isFinite(v))
            take(String(v));
        else if (Array.isArray(v) || isObject(v)) {
            const items = Array.isArray(v) ? v : Object.values(v);
            for (let k = items.length - 1; k >= 0; k--)
                left.push(items[k]);
        }
    }
}
/**
 * The accounts `provider_config` names. The plan records a provider block's expressions, not their
 * values: a role ARN written as a constant is read as it is, and one built from the root module's
 * variables (`"arn:aws:iam::${var.prod_account}:role/deploy"`, `var.prod_role_arn`) from the variables'
 * values; then decided as the code's `provider` blocks are (providerConfigAccount).
 */
function providerAccounts(configs, variables) {
    const out = new Map();
    if (!isObject(configs))
        return out;
    const expressionsOf = (key) => {
        const config = configs[key];
        return isObject(config) && isObject(config.expressions) ? config.expressions : {};
    };
    for (const [key, config] of Object.entries(configs)) {
        if (!isObject(config))
            continue;
        // The AWS provider, whatever local name the module gives it (`full_name`, Terraform 0.13 and later).
        const aws = typeof config.full_name === 'string'
            ? /(^|\/)hashicorp\/aws$/.test(config.full_name)
            : config.name === undefined || config.name === 'aws';
        if (!aws)
            continue;
        const expressions = expressionsOf(key);
        const rootModule = typeof config.module_address !== 'string' || config.module_address === '';
        const accounts = (expression) => {
            if (!isObject(expression))
                return [];
            const values = [];
            if ('constant_value' in expression)
                values.push(expression.constant_value);
            else if (rootModule && Array.isArray(expression.references))
                for (const ref of expression.references)
                    if (typeof ref === 'string' && /^var\.[\w-]+$/.test(ref))
                        values.push(variables[ref.slice(4)]);
            const found = new Set();
            for (const value of values.flat())
                if (typeof value === 'string') {
                    const account = (0,vocabulary_accounts/* isAccountId */.JG)(value) ? value : (0,vocabulary_accounts/* accountOf */.XP)(value);
                    if ((0,vocabulary_accounts/* isAccountId */.JG)(account))
                        found.add(account);
                }
            return [...found];
        };
        const [assumed] = [expressions.assume_role, expressions.assume_role_with_web_identity]
            .flatMap((blocks) => (Array.isArray(blocks) ? blocks : []))
            .filter(isObject);
        const profile = (of) => (isObject(of.profile) ? of.profile.constant_value : undefined);
        const defaultKey = rootModule ? 'aws' : `${config.module_address}:aws`;
        const account = (0,vocabulary_accounts/* providerConfigAccount */.JI)({
            roleAccounts: accounts(assumed?.role_arn),
            allowedAccounts: accounts(expressions.allowed_account_ids),
            alias: typeof config.alias === 'string' && config.alias !== '',
            assumesRole: assumed !== undefined,
            otherProfile: expressions.profile !== undefined && profile(expressions) !== profile(expressionsOf(defaultKey)),
        });
        if (account)
            out.set(key, account);
    }
    return out;
}
/**
 * A resource's values with each policy as the JSON text Terraform gives it. A plan written by hand may
 * give a document as an object; its text is that object's.
 */
function withPolicyText(values) {
    const objects = POLICY_ATTRIBUTES.filter((a) => isObject(values[a]));
    const inline = Array.isArray(values.inline_policy) ? values.inline_policy : [];
    if (objects.length === 0 && !inline.some((item) => isObject(item) && isObject(item.policy)))
        return values;
    const out = { ...values };
    for (const a of objects)
        out[a] = JSON.stringify(values[a]);
    if (inline.length > 0)
        out.inline_policy = inline.map((item) => isObject(item) && isObject(item.policy) ? { ...item, policy: JSON.stringify(item.policy) } : item);
    return out;
}
const POLICY_ATTRIBUTES = ['policy', 'assume_role_policy', 'json'];
/** Every resource of a module of planned_values or prior_state, child modules included. */
function moduleResources(module) {
    const out = [];
    const stack = [module];
    while (stack.length > 0) {
        const m = stack.pop();
        if (!isObject(m))
            continue;
        for (const r of Array.isArray(m.resources) ? m.resources : [])
            if (isObject(r))
                out.push(r);
        for (const child of Array.isArray(m.child_modules) ? m.child_modules : [])
            stack.push(child);
    }
    return out;
}
function addressOf(resource) {
    return String(resource.address ?? '');
}
/** `module.a["x"].module.b` of `module.a["x"].module.b.aws_iam_role.r[0]`. */
function moduleOf(address, raw) {
    const local = `${raw.mode === 'data' ? 'data.' : ''}${String(raw.type)}.${String(raw.name)}`;
    const at = address.lastIndexOf(local);
    return at > 0 ? address.slice(0, at - 1) : '';
}
function configModule(module, depth) {
    const calls = new Map();
    if (isObject(module) && isObject(module.module_calls) && depth < 50) {
        for (const [name, call] of Object.entries(module.module_calls)) {
            if (!isObject(call))
                continue;
            calls.set(name, {
                source: String(call.source ?? ''),
                module: configModule(call.module, depth + 1),
                inputs: referencesOf(call.expressions),
            });
        }
    }
    const references = new Map();
    const providers = new Map();
    if (isObject(module) && Array.isArray(module.resources)) {
        for (const resource of module.resources) {
            if (!isObject(resource) || typeof resource.address !== 'string')
                continue;
            if (typeof resource.provider_config_key === 'string')
                providers.set(resource.address, resource.provider_config_key);
            if (isObject(resource.expressions))
                references.set(resource.address, referencesOf(resource.expressions));
        }
    }
    const outputs = new Map();
    if (isObject(module) && isObject(module.outputs))
        for (const [name, output] of Object.entries(module.outputs)) {
            const refs = isObject(output) ? referencesOf({ value: output.expression }).get('value') : undefined;
            if (refs)
                outputs.set(name, refs);
        }
    return { calls, references, providers, outputs };
}
/**
 * Each expression's `references`, by its attribute (or input) name; those of nested blocks by their path
 * (`statement.0.resources`: what a data source's unknown argument is made of).
 */
function referencesOf(expressions) {
    const byName = new Map();
    const add = (expressions, prefix, depth) => {
        if (!isObject(expressions))
            return;
        for (const [name, expression] of Object.entries(expressions)) {
            if (Array.isArray(expression)) {
                if (depth < 3)
                    for (const [i, block] of expression.entries())
                        add(block, `${prefix}${name}.${i}.`, depth + 1);
                continue;
            }
            const refs = isObject(expression) ? expression.references : undefined;
            if (Array.isArray(refs))
                byName.set(`${prefix}${name}`, refs.filter((r) => typeof r === 'string'));
        }
    };
    add(expressions, '', 0);
    return byName;
}

;// CONCATENATED MODULE: ./src/sources/terraform/policy-document.ts



const PRINCIPAL_BLOCKS = [
    ['principals', 'Principal'],
    ['not_principals', 'NotPrincipal'],
];
const STATEMENT_KEYS = [
    ['sid', 'Sid'],
    ['effect', 'Effect'],
    ['actions', 'Action'],
    ['not_actions', 'NotAction'],
    ['resources', 'Resource'],
    ['not_resources', 'NotResource'],
];
/** `data.aws_iam_policy_document.x.json`: the rendered document, as a string that keeps its structure. */
function renderPolicyDocument(block, scope) {
    const at = block.at;
    const statements = [];
    // AWS provider < 5 also took one document in source_json (merged first) and override_json (last).
    const sources = [...oneOf(block, 'source_json', scope), ...listOf(block, 'source_policy_documents', scope)];
    for (const source of sources) {
        const doc = documentOf(source, scope.file);
        if (!Array.isArray(doc))
            return doc ?? (0,evaluate/* unknown */.L5)(at, `source_policy_documents`, notKnown('a source policy document', source));
        mergeBySid(statements, doc, sidOf);
    }
    const own = [];
    for (const child of block.blocks) {
        if (child.type === 'statement')
            own.push(renderStatement(child, scope));
        else if (child.type === 'dynamic' && child.labels[0] === 'statement') {
            const rendered = renderDynamic(child, scope);
            if (!rendered)
                return (0,evaluate/* unknown */.L5)(child.at, 'dynamic "statement"', notIterated(child, scope, `a dynamic "statement" block's`));
            (0,lists/* append */.BC)(own, rendered);
        }
    }
    const unknownStatement = own.find((statement) => statement.type === 'unknown');
    if (unknownStatement)
        return unknownStatement;
    mergeBySid(statements, own, sidOf);
    const overrides = [
        ...listOf(block, 'override_policy_documents', scope),
        ...oneOf(block, 'override_json', scope),
    ];
    for (const override of overrides) {
        const doc = documentOf(override, scope.file);
        if (!Array.isArray(doc))
            return (doc ?? (0,evaluate/* unknown */.L5)(at, 'override_policy_documents', notKnown('an override policy document', override)));
        mergeBySid(statements, doc, sidOf);
    }
    const version = block.attributes.get('version');
    const document = objectOf(at, [
        ['Version', version ? (0,evaluate/* evaluate */._3)(version.expr, scope) : (0,evaluate/* fromPlain */.bM)('2012-10-17', at)],
        ['Statement', { type: 'array', items: statements, line: at.line, column: at.column }],
    ]);
    return { type: 'string', value: (0,evaluate/* encode */.lF)(document), line: at.line, column: at.column, encoded: document };
}
function renderStatement(block, scope) {
    const entries = [];
    for (const [attribute, key] of STATEMENT_KEYS) {
        const found = block.attributes.get(attribute);
        const value = found && (0,evaluate/* evaluate */._3)(found.expr, scope);
        // Actions not known here (`actions = var.actions` with no value): there is nothing to check, and the
        // document is not known, for that reason (not for a placeholder that is no IAM action).
        const hidden = key === 'Action' || key === 'NotAction' ? (0,evaluate/* unknownIn */.e3)(value) : undefined;
        if (hidden)
            return hidden;
        // An argument set to null is one not given (`not_actions = statement.value.not_actions`).
        if (value && value.type !== 'null')
            entries.push([key, key === 'Resource' || key === 'NotResource' ? policyVariables(value) : value]);
    }
    if (!entries.some(([key]) => key === 'Effect'))
        entries.splice(1, 0, ['Effect', (0,evaluate/* fromPlain */.bM)('Allow', block.at)]);
    // `principals {}` makes the document a resource policy's: rendered as the provider renders it, so
    // that a role's policy holding one is refused at its block, as IAM refuses it (MalformedPolicyDocument).
    // A dynamic block counts only when its for_each is known and not empty.
    for (const [type, key] of PRINCIPAL_BLOCKS) {
        const blocks = block.blocks.flatMap((b) => b.type === type
            ? [[b, scope]]
            : b.type === 'dynamic' && b.labels[0] === type
                ? (iterate(b, scope) ?? [])
                : []);
        const [first] = blocks;
        if (!first)
            continue;
        const pairs = blocks.flatMap(([b, inner]) => {
            const kind = b.attributes.get('type');
            const identifiers = b.attributes.get('identifiers');
            const named = kind && (0,evaluate/* evaluate */._3)(kind.expr, inner);
            if (!identifiers || named?.type !== 'string')
                return [];
            return [[named.value, policyVariables((0,evaluate/* evaluate */._3)(identifiers.expr, inner))]];
        });
        entries.push([key, objectOf(first[0].at, pairs), first[0].at]);
    }
    const conditions = conditionsOf(block, scope);
    // Conditions not known here: the statement, and so the document, is not known either.
    if ('notKnown' in conditions)
        return (0,evaluate/* unknown */.L5)(block.at, 'dynamic "condition"', notIterated(conditions.notKnown, scope, `a dynamic "condition" block's`));
    const { found } = conditions;
    if (found.length > 0) {
        const byTest = new Map();
        for (const [condition, inner] of found) {
            const test = (0,evaluate/* evaluate */._3)(condition.attributes.get('test')?.expr ?? missing(condition), inner);
            const variable = (0,evaluate/* evaluate */._3)(condition.attributes.get('variable')?.expr ?? missing(condition), inner);
            const values = condition.attributes.get('values');
            if (test.type !== 'string' || variable.type !== 'string' || !values)
                continue;
            // The provider writes a single value as a string, as IAM shows it.
            const evaluated = policyVariables((0,evaluate/* evaluate */._3)(values.expr, inner));
            const value = evaluated.type === 'array' && evaluated.items.length === 1 ? evaluated.items[0] : evaluated;
            const pairs = byTest.get(test.value) ?? [];
            byTest.set(test.value, pairs);
            // Two blocks of one test and variable: one key, with the values of both (the provider appends them).
            const same = pairs.find(([name]) => name === variable.value);
            if (same)
                same[1] = valuesOf(same[1], value);
            else
                pairs.push([variable.value, value]);
        }
        const first = found[0][0];
        if (byTest.size > 0)
            entries.push([
                'Condition',
                objectOf(first.at, [...byTest].map(([test, pairs]) => [test, objectOf(first.at, pairs)])),
            ]);
    }
    return objectOf(block.at, entries);
}
/** Two condition values (a string or a list each) as one list, in order. */
function valuesOf(first, second) {
    const items = (v) => (v.type === 'array' ? v.items : [v]);
    return { type: 'array', items: [...items(first), ...items(second)], line: first.line, column: first.column };
}
/**
 * Resources, principals and condition values as the provider renders them: `&{aws:username}`, written so
 * because HCL would read `${…}` as its own, is the policy variable `${aws:username}`.
 */
function policyVariables(value) {
    if (value.type === 'string' && value.value.includes('&{'))
        return { ...value, value: value.value.replaceAll('&{', '${') };
    if (value.type === 'array')
        return { ...value, items: value.items.map(policyVariables) };
    return value;
}
/**
 * A statement's `condition` blocks, each with the scope to read it in: written out, or made by
 * `dynamic "condition"` over a known collection. When such a collection is not known here, that
 * dynamic block: the statement has conditions, but not which.
 */
function conditionsOf(block, scope) {
    const found = [];
    for (const child of block.blocks) {
        if (child.type === 'condition')
            found.push([child, scope]);
        else if (child.type === 'dynamic' && child.labels[0] === 'condition') {
            const each = iterate(child, scope);
            if (!each)
                return { notKnown: child };
            (0,lists/* append */.BC)(found, each);
        }
    }
    return { found };
}
/** The content block of a `dynamic` block once per item of its for_each, with the iterator in scope; undefined when not known. */
function iterate(block, scope) {
    const forEach = block.attributes.get('for_each');
    const content = block.blocks.find((b) => b.type === 'content');
    if (!forEach || !content)
        return undefined;
    return itemsOf(block, content, (0,evaluate/* evaluate */._3)(forEach.expr, scope), scope);
}
/** `content` once per item of a for_each's value, the iterator bound; undefined for no list or map. */
function itemsOf(block, content, collection, scope) {
    const name = iteratorName(block);
    if (collection.type === 'array')
        return collection.items.map((item, i) => [
            content,
            scope.withIterator(name, (0,evaluate/* fromPlain */.bM)(i, block.at), item),
        ]);
    // A map's entries in the order Terraform takes them: by key.
    if (collection.type === 'object')
        return (0,evaluate/* byKey */.dX)(collection).map(([key, value]) => [content, scope.withIterator(name, key, value)]);
    return undefined;
}
/**
 * Why a dynamic block makes no blocks that can be read here: its for_each's own reason when it has one
 * (`module.queue's code is not in the workspace`), so that the note points at what to change.
 */
function notIterated(block, scope, whose = 'its') {
    const forEach = block.attributes.get('for_each');
    if (!forEach || !block.blocks.some((b) => b.type === 'content'))
        return `${whose} for_each or content block is missing`;
    const value = (0,evaluate/* evaluate */._3)(forEach.expr, scope);
    return value.type === 'unknown'
        ? `${whose} for_each is not known here: ${value.why}`
        : `${whose} for_each is ${value.type === 'null' ? 'null' : `a ${value.type}`}, not a list or a map`;
}
/** A dynamic block's iterator: its `iterator` argument, else the block's label. */
function iteratorName(block) {
    const iteratorExpr = (0,hcl.bare)(block.attributes.get('iterator')?.expr);
    return iteratorExpr?.kind === 'traversal' ? iteratorExpr.root : (block.labels[0] ?? '');
}
/**
 * `dynamic "statement" { for_each = …; content { … } }`: its content once per item of a collection
 * known here. A for_each not known here whose content does not depend on its items (`for_each =
 * var.kms_key_arn != null ? [1] : []`, of an output of a module whose code is not here) gives its content
 * once, as a resource whose count is not known is read as one instance: the statement may be there, so
 * what it would grant is checked, with the rest of the document. Undefined when the content reads the
 * iterator (its items are the statement: they are not known), or the for_each is an error.
 */
function renderDynamic(block, scope) {
    const forEach = block.attributes.get('for_each');
    const content = block.blocks.find((b) => b.type === 'content');
    if (!forEach || !content)
        return undefined;
    const collection = (0,evaluate/* evaluate */._3)(forEach.expr, scope);
    const items = itemsOf(block, content, collection, scope);
    if (items)
        return items.map(([c, inner]) => renderStatement(c, inner));
    if (collection.type !== 'unknown' || collection.error)
        return undefined;
    const name = iteratorName(block);
    const each = scope.withIterator(name, (0,evaluate/* unknown */.L5)(block.at, `${name}.key`, collection.why), (0,evaluate/* unknown */.L5)(block.at, `${name}.value`, collection.why));
    const statement = renderStatement(content, each);
    if (statement.type === 'unknown' || (0,evaluate/* encode */.lF)(statement).includes(`\${${name}.`))
        return undefined;
    return [statement];
}
/** A single document's attribute (`source_json`) as a list of it: empty when not given, or null. */
function oneOf(block, attribute, scope) {
    const found = block.attributes.get(attribute);
    const value = found && (0,evaluate/* evaluate */._3)(found.expr, scope);
    return value && value.type !== 'null' ? [value] : [];
}
function listOf(block, attribute, scope) {
    const found = block.attributes.get(attribute);
    if (!found)
        return [];
    const value = (0,evaluate/* evaluate */._3)(found.expr, scope);
    return value.type === 'array' ? value.items : [value];
}
/** Why a source or override document is not known here, with the reason of its value when it has one. */
function notKnown(what, value) {
    if (value.type !== 'unknown')
        return `${what} that is not known here`;
    // Down a chain of documents, each the source of the next, the reason is said once: the deepest's.
    return NOT_KNOWN.test(value.why) ? value.why : `${what} that is not known here: ${value.why}`;
}
const NOT_KNOWN = /^(a source|an override) policy document that is not known here/;
/**
 * The statements of a policy document given as JSON text (rendered here, or a known string); text of
 * its own lines that is not JSON, why (the provider refuses it); undefined when it is not known.
 */
function documentOf(value, file) {
    let doc;
    if (value.type === 'string')
        doc = !value.encoded
            ? // Text, from file() or a heredoc: each statement where that text writes it.
                (0,evaluate/* jsonDecoded */.lT)(value, value, 'a policy document it merges')
            : value.encodedIn && value.encodedIn !== file
                ? // A document of another file (a data source in data.tf) merged into this one: at the name that brings it.
                    (0,evaluate/* relocate */.sU)(value.encoded, value, value.encodedIn)
                : value.encoded;
    else if (value.type === 'unknown' && value.managedDocument !== undefined)
        // An AWS managed policy (`data.aws_iam_policy.x.policy`): its statements where the code names it.
        doc = (0,evaluate/* jsonDecoded */.lT)({ type: 'string', value: value.managedDocument, line: value.line, column: value.column }, value);
    if (doc?.type === 'unknown' && doc.error)
        return doc;
    if (doc?.type !== 'object')
        return undefined;
    const statement = doc.values[doc.keys.findIndex((k) => k.value === 'Statement')];
    if (!statement)
        return [];
    return statement.type === 'array' ? statement.items : [statement];
}
/**
 * Appends statements; one with the Sid of an earlier one replaces it, where it stood. The earlier ones
 * are found by Sid in a map, not by a search of those before each: a dynamic "statement" block over
 * range(16000), each with a Sid of its own, took 14 s. `sidOf` reads a statement's Sid (undefined: none).
 */
function mergeBySid(into, statements, sidOf) {
    const first = new Map();
    for (let i = into.length - 1; i >= 0; i--) {
        const sid = sidOf(into[i]);
        if (sid !== undefined)
            first.set(sid, i);
    }
    for (const statement of statements) {
        const sid = sidOf(statement);
        const earlier = sid === undefined ? undefined : first.get(sid);
        if (earlier !== undefined)
            into[earlier] = statement;
        else {
            if (sid !== undefined)
                first.set(sid, into.length);
            into.push(statement);
        }
    }
}
function sidOf(statement) {
    if (statement.type !== 'object')
        return undefined;
    const sid = statement.values[statement.keys.findIndex((k) => k.value === 'Sid')];
    return sid?.type === 'string' && sid.value !== '' ? sid.value : undefined;
}
function objectOf(at, entries) {
    return {
        type: 'object',
        keys: entries.map(([key, , where = at]) => ({
            type: 'string',
            value: key,
            line: where.line,
            column: where.column,
        })),
        values: entries.map(([, value]) => value),
        line: at.line,
        column: at.column,
    };
}
function missing(block) {
    return { kind: 'unsupported', what: 'a missing attribute', at: block.at, text: block.type };
}

;// CONCATENATED MODULE: ./src/sources/terraform/type-constraint.ts
// A variable's value as its type constraint shapes it. Since Terraform 1.3 an object type may declare
// attributes `optional(type)` or `optional(type, default)`: a value that leaves one out (or gives it as
// null) has it as null, or as that default. Modules written this way read `statement.value.not_actions`
// of every statement, so without this the attribute left out reads as unknown, not as null.

/** Type expressions nest a few levels; deeper is left as it is. */
const MAX_DEPTH = 32;
/** `value` with the optional attributes its `type` declares filled in; anything else as it is. */
function conform(value, type, scope, depth = 0) {
    if (type?.kind !== 'call' || depth > MAX_DEPTH)
        return value;
    const [inner] = type.args;
    switch (type.name) {
        case 'object':
            return inner?.kind === 'object' && value.type === 'object'
                ? conformObject(value, inner, scope, depth)
                : value;
        case 'map':
            return value.type === 'object'
                ? { ...value, values: value.values.map((v) => conform(v, inner, scope, depth + 1)) }
                : value;
        case 'list':
        case 'set':
            return value.type === 'array'
                ? { ...value, items: value.items.map((v) => conform(v, inner, scope, depth + 1)) }
                : value;
        case 'tuple':
            return value.type === 'array' && inner?.kind === 'tuple'
                ? { ...value, items: value.items.map((v, i) => conform(v, inner.items[i], scope, depth + 1)) }
                : value;
        default:
            return value;
    }
}
function conformObject(value, type, scope, depth) {
    const keys = [...value.keys];
    const values = [...value.values];
    for (const entry of type.entries) {
        const name = attributeName(entry.key);
        if (name === undefined)
            continue;
        const optional = entry.value.kind === 'call' && entry.value.name === 'optional' ? entry.value : undefined;
        const attributeType = optional ? optional.args[0] : entry.value;
        const i = keys.findIndex((k) => k.value === name);
        const given = i < 0 ? undefined : values[i];
        if (given && given.type !== 'null') {
            values[i] = conform(given, attributeType, scope, depth + 1);
            continue;
        }
        // A required attribute left out is Terraform's error to report: it stays as it is.
        if (!optional)
            continue;
        // Left out or null: the default optional() names, else null.
        const fallback = optional.args[1];
        const at = { line: value.line, column: value.column };
        const filled = fallback
            ? conform((0,evaluate/* evaluate */._3)(fallback, scope), attributeType, scope, depth + 1)
            : { type: 'null', value: null, ...at };
        if (i < 0) {
            keys.push({ type: 'string', value: name, ...at });
            values.push(filled);
        }
        else
            values[i] = filled;
    }
    return { ...value, keys, values };
}
/** An object type's attribute name: `sid` or `"sid"`. */
function attributeName(key) {
    if (key.kind === 'traversal' && key.steps.length === 0)
        return key.root;
    if (key.kind === 'literal' && typeof key.value === 'string')
        return key.value;
    return undefined;
}

;// CONCATENATED MODULE: ./src/sources/terraform/scope.ts
// What names mean inside a module instance of a Terraform plan: variables, locals, each/count of the
// instance being evaluated, resources (their planned values, unknown ones as placeholders) and policy
// document data sources (rendered from their blocks, so their statements keep their lines).








function indexPlan(plan) {
    const index = new Map();
    for (const r of plan?.resources ?? []) {
        const byName = index.get(r.module) ?? new Map();
        index.set(r.module, byName);
        const key = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
        // Added to, not copied with one more: a resource of 40,000 instances (count) took 47 s copied.
        const instances = byName.get(key);
        if (instances)
            instances.push(r);
        else
            byName.set(key, [r]);
    }
    return index;
}
/** Values of another file, moved to each place that names them (ModuleScope.here). */
const RELOCATED = new WeakMap();
/**
 * Module outputs by instance address and name, evaluated once against each reading of the resources
 * (the code alone is read twice); and those being evaluated (a cycle is unknown).
 */
const outputsOf = new WeakMap();
/** The most module outputs and instances one reading of the code evaluates. */
const MAX_MODULE_OUTPUTS = 100_000;
const TOO_MANY_OUTPUTS = `more module outputs than are evaluated here (${(0,vocabulary_text/* thousands */.oh)(MAX_MODULE_OUTPUTS)})`;
/** Locals of a module instance, evaluated once; and those being evaluated (a cycle is unknown). */
const localsOf = new WeakMap();
/**
 * What a module instance evaluates once, not once per reference: its variables as given (the call's
 * argument or the default; made again for each of 1,000 instances, `var.names[count.index]` made a
 * million values of a list of 1,000, and the budget of MAX_VALUES left the next resources unread).
 */
const VARIABLES = new WeakMap();
/**
 * Likewise what a block makes: its for_each collection (by the file it is read for), and a data
 * source's instances read from its code (by the place that names them: each of 8,000 roles naming
 * `data.aws_iam_policy_document.d[count.index]` made the list of 8,000 again, 25 s).
 */
const BLOCK_VALUES = new WeakMap();
function blockValues(of) {
    return (0,lists/* kept */.LP)(BLOCK_VALUES, of, () => new WeakMap());
}
/**
 * Policy documents rendered (ModuleScope.rendered), resources read from the code alone (written), and
 * `data "template_file"` instances rendered (templateFile).
 */
const RENDERS = new WeakMap();
const WRITTEN = new WeakMap();
const TEMPLATE_FILES = new WeakMap();
/**
 * What `make` gives for `block` (its instance or part `key`), made once however many name it: a
 * document shared by 2,000 policies was rendered 2,000 times, and spent the budget of values on it. Met
 * again while it is made, through what it names, it is `cycle`, as Terraform refuses the cycle. Cut short
 * somewhere inside (a chain deeper than references are followed), what `cut` makes of it is kept for
 * places as deep or deeper only; from a place less deep it may be known, and is made again.
 */
function madeOnce(made, block, key, cycle, make, cut = (value) => value) {
    const byKey = (0,lists/* kept */.LP)(made.done, block, () => new Map());
    const done = byKey.get(key);
    if (done && (done.cutAt === undefined || (0,evaluate/* nestingDepth */.Qk)() >= done.cutAt))
        return done.value;
    if (made.making.has(block))
        return cycle();
    made.making.add(block);
    try {
        const [cuts, depth] = [(0,evaluate/* nestingCuts */.SI)(), (0,evaluate/* nestingDepth */.Qk)()];
        const value = make();
        if ((0,evaluate/* nestingCuts */.SI)() === cuts) {
            byKey.set(key, { value });
            return value;
        }
        const stored = cut(value);
        byKey.set(key, { value: stored, cutAt: depth });
        return stored;
    }
    finally {
        made.making.delete(block);
    }
}
const blocksMade = () => ({ done: new Map(), making: new Set() });
/** Arguments of every resource that say how Terraform makes it, not what it is. */
const META_ARGUMENTS = new Set(['count', 'for_each', 'provider', 'depends_on']);
/** The scope of one module instance, and of one resource instance in it (`instance`). */
class ModuleScope {
    at;
    code;
    plan;
    planIndex;
    instance;
    iterators;
    file;
    constructor(at, code, plan, planIndex, instance = undefined, iterators = new Map(), 
    /** The file of the code evaluated, when known: what comes from another file is moved to its name. */
    file = undefined) {
        this.at = at;
        this.code = code;
        this.plan = plan;
        this.planIndex = planIndex;
        this.instance = instance;
        this.iterators = iterators;
        this.file = file;
    }
    /** The same module instance, evaluating inside one resource (or data) instance, written in `file`. */
    forInstance(block, index, file) {
        return new ModuleScope(this.at, this.code, this.plan, this.planIndex, { block, index }, this.iterators, file);
    }
    /** The same scope, and instance, for code written in `file` (an override file's arguments). */
    writtenIn(file) {
        return new ModuleScope(this.at, this.code, this.plan, this.planIndex, this.instance, this.iterators, file);
    }
    /** The same scope with a dynamic block's iterator bound. */
    withIterator(name, key, value) {
        const iterators = new Map(this.iterators).set(name, { key, value });
        return new ModuleScope(this.at, this.code, this.plan, this.planIndex, this.instance, iterators, this.file);
    }
    /** The module instance's scope (no resource instance) for code written in `file`. */
    inFile(file) {
        return new ModuleScope(this.at, this.code, this.plan, this.planIndex, undefined, new Map(), file);
    }
    /**
     * `value`, written in `from`, as used here at `at`: moved there when `from` is another file. Moved once
     * per place: a for_each over a local of 3,000 entries asks for it once per instance (2.7 s → 57 s).
     */
    here(value, from, at) {
        if (from === undefined || this.file === undefined || from === this.file)
            return value;
        const place = `${this.file}\u0001${at.line}\u0001${at.column}`;
        return oncePerPlace(RELOCATED, value, place, () => (0,evaluate/* relocate */.sU)(value, at, from));
    }
    readFile(path) {
        return this.code.readModuleFile(path);
    }
    get budget() {
        return this.code.budget;
    }
    listFiles(path, pattern) {
        return this.code.listModuleFiles(path, pattern);
    }
    resolve(root, steps, at) {
        const first = steps[0]?.kind === 'attr' ? steps[0].name : undefined;
        const iterator = this.iterators.get(root);
        if (iterator)
            return { value: object(at, { key: iterator.key, value: iterator.value }), used: 0 };
        switch (root) {
            case 'var':
                return first === undefined ? undefined : { value: this.variable(first, at), used: 1 };
            case 'local': {
                if (first === undefined)
                    return undefined;
                const local = this.local(first, steps.slice(1), at);
                return { value: local.value, used: 1 + local.used };
            }
            case 'each':
                return { value: this.each(at), used: 0 };
            case 'count':
                return typeof this.instance?.index === 'number'
                    ? { value: object(at, { index: (0,evaluate/* fromPlain */.bM)(this.instance.index, at) }), used: 0 }
                    : undefined;
            case 'path':
                return {
                    value: object(at, {
                        module: (0,evaluate/* fromPlain */.bM)(this.code.relativeToRoot(this.at.module.dir), at),
                        root: (0,evaluate/* fromPlain */.bM)('.', at),
                        cwd: (0,evaluate/* fromPlain */.bM)(this.code.cwd, at),
                    }),
                    used: 0,
                };
            case 'terraform':
                return { value: object(at, { workspace: (0,evaluate/* fromPlain */.bM)('default', at) }), used: 0 };
            case 'module':
                return first === undefined ? undefined : this.moduleCall(first, steps, at);
            case 'data': {
                const name = steps[1]?.kind === 'attr' ? steps[1].name : undefined;
                if (first === undefined || name === undefined)
                    return undefined;
                return { value: this.dataSource(first, name, at), used: 2 };
            }
            default:
                if (!root.includes('_') || first === undefined)
                    return undefined;
                return this.resource(root, first, steps, at);
        }
    }
    /**
     * `module.<name>`: the outputs of the module the call makes, each evaluated in that module instance as
     * Terraform gives them to the caller: an object of outputs, or, for a call with count or for_each, a
     * list or map of them. `module.app.role_name` (the usual reference) evaluates that one output alone.
     * Unknown when the module's code is not here (a registry module before `terraform init`).
     */
    moduleCall(name, steps, at) {
        const text = `module.${name}`;
        const call = this.at.module.calls.get(name);
        const config = this.at.config?.calls.get(name);
        const key = [...this.at.key, name];
        const module = config && this.code.moduleRead(this.code.childDir(this.at.module.dir, key, config.source));
        // Why, in the words of what to change: a call the code lacks, or a module `terraform init` installs.
        const { dir } = this.at.module;
        if (!call && dir !== undefined)
            return { value: (0,evaluate/* unknown */.L5)(at, text, `${text} is not declared in ${dir || '.'}`), used: 1 };
        if (!call || !config || !module?.dir) {
            const why = `an output of ${text}, whose code is not in the workspace`;
            return { value: (0,evaluate/* unknown */.L5)(at, text, why, this.addressOf(text, undefined)), used: 1 };
        }
        const instance = (index) => ({
            address: this.addressOf(text, index),
            key,
            module,
            config: config.module,
            parent: this.at,
            call,
            index,
        });
        const outputs = (of) => object(at, Object.fromEntries([...module.outputs.keys()].map((o) => [o, this.output(of, o, at)])));
        const counted = call.node.attributes.has('count');
        if (!counted && !call.node.attributes.has('for_each')) {
            const wanted = steps[1];
            if (wanted?.kind !== 'attr')
                return { value: outputs(instance(undefined)), used: 1 };
            return { value: this.output(instance(undefined), wanted.name, at), used: 2 };
        }
        // Made once per place that names them: each instance of a counted resource names the list
        // (`user = module.users[count.index].name`).
        const state = this.outputState();
        const place = `${instance(undefined).address}\u0001${this.file}\u0001${at.line}\u0001${at.column}`;
        const known = state.collections.get(place);
        if (known)
            return { value: known, used: 1 };
        const keys = instanceKeys(call.node, this.inFile(call.file))?.keys;
        const value = !keys
            ? (0,evaluate/* unknown */.L5)(at, text, `a module output: its ${counted ? 'count' : 'for_each'} is not known here`)
            : !this.spend(keys.length)
                ? (0,evaluate/* unknown */.L5)(at, text, TOO_MANY_OUTPUTS)
                : counted
                    ? { type: 'array', items: keys.map((k) => outputs(instance(k))), ...at }
                    : object(at, Object.fromEntries(keys.map((k) => [String(k), outputs(instance(k))])));
        state.collections.set(place, value);
        return { value, used: 1 };
    }
    /** What module outputs this reading of the resources has evaluated (see outputsOf). */
    outputState() {
        return (0,lists/* kept */.LP)(outputsOf, this.planIndex, () => ({
            values: new Map(),
            evaluating: new Set(),
            collections: new Map(),
            spent: 0,
        }));
    }
    /**
     * Whether `count` more module outputs or instances may be evaluated: modules of 10,000 instances
     * that call modules of 10,000 instances are a hundred million, and a pull request may write them.
     */
    spend(count) {
        const state = this.outputState();
        state.spent += count;
        return state.spent <= MAX_MODULE_OUTPUTS;
    }
    /** An output of a module instance, evaluated once per instance; one met again while evaluated is unknown. */
    output(of, name, at) {
        const text = `module.${of.key.at(-1)}.${name}`;
        const declared = of.module.outputs.get(name);
        if (!declared)
            return (0,evaluate/* unknown */.L5)(at, text, `the module has no output "${name}"`);
        const state = this.outputState();
        const id = `${of.address}\u0001${name}`;
        const cached = state.values.get(id);
        if (cached)
            return this.here(cached, declared.file, at);
        const expr = declared.node.attributes.get('value')?.expr;
        if (!expr)
            return (0,evaluate/* unknown */.L5)(at, text, `the output "${name}" has no value`);
        // Terraform refuses a cycle; here it is unknown, not endless.
        if (state.evaluating.has(id))
            return (0,evaluate/* unknown */.L5)(at, text, `${text} depends on itself`);
        if (!this.spend(1))
            return (0,evaluate/* unknown */.L5)(at, text, TOO_MANY_OUTPUTS);
        state.evaluating.add(id);
        const value = (0,evaluate/* evaluate */._3)(expr, new ModuleScope(of, this.code, this.plan, this.planIndex, undefined, new Map(), declared.file));
        state.evaluating.delete(id);
        state.values.set(id, value);
        return this.here(value, declared.file, at);
    }
    /** A variable's value: given (by the plan, or the module call), else its default; shaped by its type. */
    variable(name, at) {
        const variable = this.at.module.variables.get(name);
        const declared = variable?.node.attributes;
        const typed = (value) => conformed(value, declared?.get('type')?.expr, this);
        const { call, parent } = this.at;
        if (!parent) {
            // Given by a .tfvars file (the code alone): from where that file writes it.
            const written = this.file === undefined ? undefined : this.plan?.variablesWritten?.get(name);
            if (written)
                return typed(this.here(written.value, written.file, at));
            const { plan } = this;
            if (plan && Object.hasOwn(plan.variables, name)) {
                // Made at each place that names it, once: 10,000 instances naming `var.names[count.index]` of a
                // plan's list of 10,000 made a hundred million values (26 s).
                const place = `plan ${name}\u0001${this.file ?? ''}\u0001${at.line}\u0001${at.column}`;
                return typed(oncePerPlace(VARIABLES, this.at, place, () => (0,evaluate/* fromPlain */.bM)(plan.variables[name], at)));
            }
        }
        else {
            const argument = call?.node.attributes.get(name);
            if (argument) {
                const parentScope = new ModuleScope(parent, this.code, this.plan, this.planIndex, { block: call?.node, index: this.at.index }, new Map(), call?.file);
                const argumentValue = oncePerPlace(VARIABLES, this.at, `argument ${name}`, () => (0,evaluate/* evaluate */._3)(argument.expr, parentScope));
                const given = this.here(argumentValue, call?.file, at);
                // `nullable = false`: null given is the default taken (Terraform ≥ 1.1).
                const nullable = (0,hcl.bare)(declared?.get('nullable')?.expr);
                const notNullable = nullable?.kind === 'literal' && nullable.value === false;
                if (given.type !== 'null' || !notNullable || !declared?.get('default'))
                    return typed(given);
            }
        }
        const fallback = declared?.get('default');
        if (fallback) {
            const value = oncePerPlace(VARIABLES, this.at, `default ${name}`, () => (0,evaluate/* evaluate */._3)(fallback.expr, this.inFile(variable?.file)));
            return typed(this.here(value, variable?.file, at));
        }
        // The root module's: one value, wherever it is named.
        const of = parent ? undefined : `var.${name}`;
        return (0,evaluate/* unknown */.L5)(at, `var.${name}`, `the value of var.${name} is not known here`, of);
    }
    /**
     * A local's value, and what the literal steps after its name pick out of it (`local.accounts["prod"]`),
     * with how many they are: picked before it is moved here, for a large local named in other files was
     * copied whole at each place that names one part of it (1.9 s of a 10 s run over 100 roots).
     */
    local(name, steps, at) {
        const state = (0,lists/* kept */.LP)(localsOf, this.at, () => ({ values: new Map(), evaluating: new Set() }));
        const declared = this.at.module.locals.get(name);
        let value = state.values.get(name);
        if (!value) {
            if (!declared || state.evaluating.has(name))
                return { value: (0,evaluate/* unknown */.L5)(at, `local.${name}`, `local.${name} is not known here`), used: 0 };
            state.evaluating.add(name);
            // Locals see the module, not the resource instance that asks for them.
            value = (0,evaluate/* evaluate */._3)(declared.node.expr, this.inFile(declared.file));
            state.evaluating.delete(name);
            state.values.set(name, value);
        }
        const picked = literalPick(value, steps);
        return { value: this.here(picked.value, declared?.file, at), used: picked.used };
    }
    /** each.key and each.value of the resource (or module) instance being evaluated. */
    each(at) {
        const instance = this.instance ?? { block: this.at.call?.node, index: this.at.index };
        if (typeof instance.index !== 'string') {
            // A for_each not known here is read as one instance without a key: say why, not that there is none.
            const forEach = instance.block?.attributes.get('for_each');
            const value = forEach && (0,evaluate/* evaluate */._3)(forEach.expr, this.inFile(this.file));
            // A data source's (a policy document's one instance) is named: the policy that reads it is not it.
            const block = instance.block;
            const of = block?.type === 'data' ? `data.${block.labels.join('.')}: ` : '';
            const why = value?.type === 'unknown'
                ? `${of}its for_each is not known here: ${value.why}`
                : 'each is known only in a for_each';
            return (0,evaluate/* unknown */.L5)(at, 'each', why);
        }
        const key = (0,evaluate/* fromPlain */.bM)(instance.index, at);
        const { block } = instance;
        const forEach = block?.attributes.get('for_each');
        // Each instance asks for the collection: made once per block, and searched through a map.
        const collection = block &&
            forEach &&
            oncePerPlace(blockValues(this.at), block, `for_each ${this.file ?? ''}`, () => collectionOf(forEach.expr, this.inFile(this.file)));
        let value = (0,evaluate/* unknown */.L5)(at, 'each.value', 'the for_each collection is not known here');
        if (collection?.type === 'object') {
            const i = (0,json_tree/* keyIndex */.gZ)(collection, instance.index);
            if (i >= 0)
                value = collection.values[i];
        }
        else if (collection?.type === 'array') {
            const i = stringPlaces(collection).get(instance.index);
            if (i !== undefined)
                value = collection.items[i];
        }
        return object(at, { key, value });
    }
    resource(type, name, steps, at) {
        const text = `${type}.${name}`;
        const instances = this.planIndex.get(this.at.address)?.get(text) ?? [];
        // A resource the code does not declare (Terraform refuses that): said so, not "not in the plan".
        const { dir, resources } = this.at.module;
        if (instances.length === 0 && dir !== undefined && !resources.has(text))
            return { value: (0,evaluate/* unknown */.L5)(at, text, `${text} is not declared in ${dir || '.'}`), used: 1 };
        // Read from the code alone, a resource other than IAM's (a cluster, a bucket) is what its arguments
        // say: the plan of an argument the configuration sets is the value written, so a role named
        // "${aws_ecs_cluster.this.name}-exec" is named after the cluster. What the provider sets (`arn`,
        // `id`) is known only after apply.
        const located = resources.get(text);
        if (instances.length === 0 && located && this.plan?.variablesWritten && !type.startsWith('aws_iam_')) {
            const { node: block, file } = located;
            const step = steps[1];
            // One attribute of a resource of one instance, as most references are, is read alone: its other
            // arguments may be large (a task definition's containers, a function's environment).
            if (step?.kind === 'attr' && !block.attributes.has('count') && !block.attributes.has('for_each'))
                return {
                    value: this.here(this.written(block, file, undefined, text, at, step.name), file, at),
                    used: 2,
                };
            const value = this.fromCode(block, text, at, (index) => this.here(this.written(block, file, index, text, at), file, at));
            return { value, used: 1 };
        }
        return { value: this.instancesValue(instances, text, at), used: 1 };
    }
    /**
     * An instance of a resource the code alone gives, as its arguments say (see resource), or one
     * `attribute` of it: made once however many name it, and unknown when it is met again while it is
     * made (madeOnce). A part of it cut short stays a placeholder, as in any value.
     */
    written(block, file, index, text, at, attribute) {
        const address = this.addressOf(text, index);
        const argument = attribute === undefined ? undefined : block.attributes.get(attribute);
        if (attribute !== undefined && (!argument || META_ARGUMENTS.has(attribute))) {
            const later = `${text}.${attribute}`;
            return (0,evaluate/* unknown */.L5)(at, later, `${later} is known only after apply`, `${address}.${attribute}`);
        }
        return madeOnce((0,lists/* kept */.LP)(WRITTEN, this.at, blocksMade), block, `${JSON.stringify(index ?? null)} ${attribute ?? ''}`, () => (0,evaluate/* unknown */.L5)(at, text, `${text} depends on itself (Terraform refuses the cycle)`), () => {
            const scope = this.forInstance(block, index, file);
            if (argument)
                return (0,evaluate/* evaluate */._3)(argument.expr, scope);
            const entries = {};
            for (const [name, { expr }] of block.attributes)
                if (!META_ARGUMENTS.has(name))
                    entries[name] = (0,evaluate/* evaluate */._3)(expr, scope);
            entries[evaluate/* ADDRESS_KEY */.TQ] = (0,evaluate/* fromPlain */.bM)(address, at);
            return object(at, entries);
        });
    }
    dataSource(type, name, at) {
        const located = this.at.module.data.get(`${type}.${name}`);
        const instances = this.planIndex.get(this.at.address)?.get(`data.${type}.${name}`) ?? [];
        if (type === 'aws_iam_policy_document' && located) {
            const block = located.node;
            const text = `data.${type}.${name}`;
            const render = (index) => {
                const document = this.here(this.rendered(block, index, located.file, text, at), located.file, at);
                return object(at, { json: document, minified_json: document });
            };
            const counted = located.node.attributes.has('count') || located.node.attributes.has('for_each');
            if (counted && instances.length > 0)
                return collect(instances, at, (r) => render(r.index));
            // Not in the plan (a plan without data sources, or the code alone): the instances the code says,
            // none when its count is 0 (`count = var.attach_x_policy ? 1 : 0`); for a for_each not known here,
            // one instance that stands for each, as a resource's does, picked by a key not known either
            // (`[each.key]` of a policy for_each over the same map): what every instance grants is checked.
            return this.fromCode(located.node, text, at, render, (why) => ({
                ...uncertain(render(undefined), why),
                standsForEach: true,
            }));
        }
        if (type === 'template_file' && located && instances.length === 0)
            return this.templateFile(located, `data.${type}.${name}`, at);
        const assumed = this.assumedData(type, `data.${type}.${name}`, at, located?.node);
        if (instances.length === 0 && located && (assumed || type === 'aws_iam_policy')) {
            // Not in the plan (the code alone): what the code can stand for (assumedData); an AWS managed policy
            // read by ARN or name as its ARN and address, for discovery to find in the snapshot.
            const block = located.node;
            return this.fromCode(block, `data.${type}.${name}`, at, (index) => {
                if (assumed)
                    return assumed;
                const arn = block.attributes.get('arn');
                const scope = this.forInstance(block, index, located.file);
                const arnValue = arn ? (0,evaluate/* evaluate */._3)(arn.expr, scope) : this.managedPolicyArn(block, scope, at);
                const document = arnValue.type === 'string' ? this.code.managedPolicies?.document(arnValue.value) : undefined;
                return object(at, {
                    arn: arnValue,
                    // Known only when Terraform reads it; an AWS managed policy's document is the snapshot's.
                    ...(document !== undefined && {
                        policy: {
                            ...(0,evaluate/* unknown */.L5)(at, 'policy', 'the policy is read when Terraform runs'),
                            managedDocument: document,
                        },
                    }),
                    [evaluate/* ADDRESS_KEY */.TQ]: (0,evaluate/* fromPlain */.bM)(this.addressOf(`data.${type}.${name}`, index), at),
                });
            });
        }
        const naming = EXISTING_PRINCIPALS[type];
        if (instances.length === 0 && located && naming) {
            // Not in the plan (the code alone): a role, user or group this configuration looks up is the one its
            // argument names, as an attachment to it is to that principal (`role = data.aws_iam_role.exec.name`).
            const block = located.node;
            const text = `data.${type}.${name}`;
            return this.fromCode(block, text, at, (index) => {
                const argument = block.attributes.get(naming.argument);
                const scope = this.forInstance(block, index, located.file);
                const given = argument ? (0,evaluate/* evaluate */._3)(argument.expr, scope) : undefined;
                const address = this.addressOf(text, index);
                const read = (attribute) => (0,evaluate/* unknown */.L5)(at, `${text}.${attribute}`, `${text}.${attribute} is known when Terraform reads it`, `${address}.${attribute}`);
                return object(at, {
                    ...(given && { [naming.argument]: given }),
                    // A role's id is its name; a user's and a group's are their unique ids (AIDA…, AGPA…).
                    ...(given && naming.idIsName && { id: given }),
                    arn: read('arn'),
                    [evaluate/* ADDRESS_KEY */.TQ]: (0,evaluate/* fromPlain */.bM)(address, at),
                });
            });
        }
        // Its values not known here, a data source's instances may be: `data.aws_iam_role.existing[0]` of a
        // count of 0 is none, which try() passes over to what it gives instead (`try(data.aws_iam_role.
        // existing[0], aws_iam_role.new[0])`, as Terraform's index error does), not a value a plan would know.
        const counted = located?.node.attributes.has('count') || located?.node.attributes.has('for_each');
        if (instances.length === 0 && located && counted)
            return this.fromCode(located.node, `data.${type}.${name}`, at, () => this.instancesValue(instances, `data.${type}.${name}`, at));
        return this.instancesValue(instances, `data.${type}.${name}`, at);
    }
    /**
     * From the code alone, a `data "template_file"` (the template provider's, before templatefile()): its
     * `rendered` is its `template` rendered with its `vars`, as templatefile() renders a file's text.
     */
    templateFile(located, text, at) {
        const block = located.node;
        const made = (0,lists/* kept */.LP)(TEMPLATE_FILES, this.at, blocksMade);
        const cycle = () => (0,evaluate/* unknown */.L5)(at, text, `${text} depends on itself (Terraform refuses the cycle)`);
        return this.fromCode(block, text, at, (index) => madeOnce(made, block, JSON.stringify(index ?? null), cycle, () => this.renderedFile(located, text, index, at)));
    }
    /** One instance of a `data "template_file"`: its `rendered`, and its address. */
    renderedFile(located, text, index, at) {
        const block = located.node;
        const scope = this.forInstance(block, index, located.file);
        const template = block.attributes.get('template');
        const vars = block.attributes.get('vars');
        const body = template ? (0,evaluate/* evaluate */._3)(template.expr, scope) : undefined;
        const call = `${text}.rendered`;
        const rendered = body?.type === 'string'
            ? (0,evaluate/* renderTemplate */.Xm)(body.value, body.origin
                ? { file: body.origin.file ?? located.file, line: body.origin.line }
                : { file: located.file, line: template.at.line }, vars ? (0,evaluate/* evaluate */._3)(vars.expr, scope) : object(at, {}), scope, at, call)
            : (0,evaluate/* unknown */.L5)(at, call, body?.type === 'unknown' ? body.why : `${text} has no template known here`);
        return object(at, { rendered, [evaluate/* ADDRESS_KEY */.TQ]: (0,evaluate/* fromPlain */.bM)(this.addressOf(text, index), at) });
    }
    /** The address of `text` (`aws_iam_role.app`, `module.x`) in this module instance, of its instance `index`. */
    addressOf(text, index) {
        const prefix = this.at.address ? `${this.at.address}.` : '';
        return `${prefix}${text}${index === undefined ? '' : `[${JSON.stringify(index)}]`}`;
    }
    /**
     * A policy document data source's instance, rendered once however many name it; one that is met again
     * while it is rendered, through its own sources, is unknown (madeOnce).
     */
    rendered(block, index, file, text, at) {
        return madeOnce((0,lists/* kept */.LP)(RENDERS, this.at, blocksMade), block, JSON.stringify(index ?? null), () => (0,evaluate/* unknown */.L5)(at, text, `${text} depends on itself (Terraform refuses the cycle)`), () => renderPolicyDocument(block, this.forInstance(block, index, file)), 
        // Some part of a document cut short is missing: not known as a whole, and kept so, or a document
        // naming its source twice in each of 150 links is rendered 2^150 times.
        () => (0,evaluate/* unknown */.L5)(at, text, evaluate/* TOO_DEEP */.gZ));
    }
    /**
     * The account a resource or data source of this module instance (`block`) is made in or reads: the one
     * its provider configuration names (`assume_role { role_arn }`, a single `allowed_account_ids`),
     * followed from its `provider` argument through each module call's `providers`. `<account>` when that
     * is an alias that assumes a role or uses another profile without saying which account; undefined
     * when the configuration's account stands (a default configuration that names none, an alias for
     * another region).
     */
    providerAccount(block) {
        const written = block.attributes.get('provider')?.expr;
        let name = providerName(written) ?? 'aws';
        // OpenTofu's provider for_each: `provider = aws.by_region[each.key]` is the instance of that key.
        let key = instanceKeyOf(written, this);
        for (let at = this.at; at; at = at.parent) {
            const own = at.module.providers?.get(name);
            if (own)
                return this.accountIn(own, at, name.includes('.'), key);
            if (!at.parent)
                return undefined;
            const passed = (0,hcl.bare)(at.call?.node.attributes.get('providers')?.expr);
            if (passed?.kind === 'object') {
                const entry = passed.entries.find((e) => providerName(e.key) === name);
                const target = entry && providerName(entry.value);
                // A module's provider the call does not pass is not configured: Terraform refuses that plan.
                if (!target)
                    return undefined;
                name = target;
                // An instance a module call passes is keyed by what only the call's own instance knows.
                key = entry && instanceKeyOf(entry.value, undefined);
            }
            else if (name !== 'aws')
                return undefined;
        }
        return undefined;
    }
    /**
     * The account a `provider` block names (providerConfigAccount); `alias`: not the default configuration;
     * `key`: the instance of a provider with for_each (null: one not known here).
     */
    accountIn(provider, instance, alias, key) {
        const block = provider.node;
        // Of a provider with for_each, the instance's (each.key, each.value); with no key known, none.
        const each = block.attributes.has('for_each') && key !== undefined && key !== null;
        const scope = new ModuleScope(instance, this.code, this.plan, this.planIndex).forInstance(each ? block : undefined, each ? key : undefined, provider.file);
        const text = (b, attribute) => {
            const found = b?.attributes.get(attribute);
            const value = found && (0,evaluate/* evaluate */._3)(found.expr, scope);
            return value?.type === 'string' ? value.value : found ? '' : undefined;
        };
        const assumed = block.blocks.find((b) => b.type === 'assume_role' || b.type === 'assume_role_with_web_identity');
        const fromRole = (0,vocabulary_accounts/* accountOf */.XP)(text(assumed, 'role_arn') ?? '');
        const allowed = block.attributes.get('allowed_account_ids');
        const ids = allowed && (0,evaluate/* evaluate */._3)(allowed.expr, scope);
        const [only] = ids?.type === 'array' && ids.items.length === 1 ? ids.items : [];
        // Another role, or another profile than the default configuration's: another account, maybe.
        const profile = text(block, 'profile');
        return (0,vocabulary_accounts/* providerConfigAccount */.JI)({
            roleAccounts: (0,vocabulary_accounts/* isAccountId */.JG)(fromRole) ? [fromRole] : [],
            allowedAccounts: only?.type === 'string' && (0,vocabulary_accounts/* isAccountId */.JG)(only.value) ? [only.value] : [],
            alias,
            assumesRole: assumed !== undefined,
            otherProfile: profile !== undefined && profile !== text(instance.module.providers?.get('aws')?.node, 'profile'),
        });
    }
    /**
     * What a data source that the code alone can stand for gives: `data.aws_partition` as the commercial
     * partition, where nearly all are (without it `arn:${…}:iam::aws:policy/…` names no policy), and
     * `data.aws_caller_identity` in the account its provider names, else the one the config names for the
     * configuration (its caller's `arn` and `user_id` stay unknown). A plan gives the real ones.
     */
    assumedData(type, what, at, block) {
        if (type === 'aws_partition')
            return (0,evaluate/* fromPlain */.bM)(COMMERCIAL_PARTITION, at);
        if (type !== 'aws_caller_identity')
            return undefined;
        const account = (block && this.providerAccount(block)) ?? this.code.account;
        if (!account || account === '<account>')
            return undefined;
        const later = (attribute) => (0,evaluate/* unknown */.L5)(at, `${what}.${attribute}`, 'the caller is known only when Terraform runs');
        return object(at, {
            account_id: (0,evaluate/* fromPlain */.bM)(account, at),
            id: (0,evaluate/* fromPlain */.bM)(account, at),
            arn: later('arn'),
            user_id: later('user_id'),
        });
    }
    /**
     * The ARN of the AWS managed policy a `data "aws_iam_policy"` finds by `name` (within `path_prefix`),
     * from the snapshot; unknown for a name AWS manages no policy by: a customer managed policy of the
     * account, which this configuration does not define.
     */
    managedPolicyArn(block, scope, at) {
        const nameAttribute = block.attributes.get('name');
        if (!nameAttribute)
            return (0,evaluate/* unknown */.L5)(at, 'arn', 'it names its policy by neither arn nor name');
        const name = (0,evaluate/* evaluate */._3)(nameAttribute.expr, scope);
        if (name.type === 'unknown')
            return name;
        if (name.type !== 'string')
            return (0,evaluate/* unknown */.L5)(at, 'name', 'its name is not a string');
        const prefixAttribute = block.attributes.get('path_prefix');
        const prefixValue = prefixAttribute && (0,evaluate/* evaluate */._3)(prefixAttribute.expr, scope);
        // An argument set to null is not given.
        const prefix = prefixValue?.type === 'null' ? undefined : prefixValue;
        if (prefix?.type === 'unknown')
            return prefix;
        const arn = this.code.managedPolicies?.arnOfName(name.value);
        // An AWS managed policy's path is what its ARN holds between `policy` and its name (`/service-role/`).
        const path = arn?.slice(arn.indexOf(':policy') + ':policy'.length, arn.lastIndexOf('/') + 1);
        const within = prefix === undefined || (prefix.type === 'string' && path?.startsWith(prefix.value));
        if (arn && within)
            return (0,evaluate/* fromPlain */.bM)(arn, at);
        return (0,evaluate/* unknown */.L5)(at, 'arn', `AWS manages no policy named "${name.value}"${prefix?.type === 'string' ? ` under ${prefix.value}` : ''}: a customer managed policy this configuration does not define`);
    }
    /**
     * A data source's value from its code, each instance made by `make`: one without count or for_each,
     * else a list (count) or map (for_each) of the instances the code says; unknown when it cannot say.
     */
    fromCode(block, text, at, make, 
    /** For a for_each not known here, the one instance that stands for each; else not known. */
    standIn) {
        if (!block.attributes.has('count') && !block.attributes.has('for_each'))
            return make(undefined);
        const place = `instances ${this.file ?? ''}\u0001${at.line}\u0001${at.column}`;
        return oncePerPlace(blockValues(this.at), block, place, () => {
            const known = instanceKeys(block, this);
            if (known) {
                const which = block.attributes.has('count') ? 'count' : 'for_each';
                const made = (k) => known.assumed ? uncertain(make(k), `${text}: its ${which} is not known here`) : make(k);
                return which === 'count'
                    ? { type: 'array', items: known.keys.map(made), ...at }
                    : object(at, Object.fromEntries(known.keys.map((k) => [String(k), made(k)])));
            }
            const forEach = block.attributes.get('for_each');
            if (forEach) {
                // Say why, as for a resource's each: a module's output, a variable only its callers give.
                const value = (0,evaluate/* evaluate */._3)(forEach.expr, this);
                const why = `${text}: its for_each is not known here${value.type === 'unknown' ? `: ${value.why}` : ''}`;
                return standIn ? standIn(why) : (0,evaluate/* unknown */.L5)(at, text, why);
            }
            // A count not known here is one instance, as for resources read from the code (`count =
            // module.this.enabled ? 1 : 0`); its texts are marked, for there may be none (PlanResource.assumed).
            return { type: 'array', items: [uncertain(make(0), `${text}: its count is not known here`)], ...at };
        });
    }
    instancesValue(instances, text, at) {
        if (instances.length === 0) {
            // Read from the code alone, only IAM resources are: what others hold, only a plan says.
            const why = this.plan?.variablesWritten
                ? `only a plan has the values of ${text}`
                : `${text} is not in the plan`;
            return (0,evaluate/* unknown */.L5)(at, text, why);
        }
        const single = instances.length === 1 && instances[0]?.index === undefined;
        if (single)
            return planValue(instances[0], text, at);
        // Made once per place that names them: each of a counted resource's instances names the list
        // (`role = aws_iam_role.app[count.index].id`), and made each time, 1,000 instances took 14 s.
        const site = `${text}\u0001${at.line}\u0001${at.column}`;
        return oncePerPlace(COLLECTED, instances, site, () => collect(instances, at, (r) => planValue(r, `${text}[${JSON.stringify(r.index)}]`, at)));
    }
}
/**
 * What the steps of `steps` that name a part outright (`.id`, `["prod"]`, `[0]`) pick out of `value`, as
 * applySteps would, and how many: up to the first that is not literal, or names what is not there or not
 * known (applySteps then says why).
 */
function literalPick(value, steps) {
    let current = value;
    let used = 0;
    for (const step of steps) {
        const key = step.kind === 'attr'
            ? step.name
            : step.kind === 'index' && step.key.kind === 'literal'
                ? step.key.value
                : undefined;
        let next;
        if (current.type === 'object' &&
            !current.standsForEach &&
            typeof key === 'string' &&
            key !== evaluate/* ADDRESS_KEY */.TQ) {
            const i = (0,json_tree/* keyIndex */.gZ)(current, key);
            next = i < 0 ? undefined : current.values[i];
        }
        else if (current.type === 'array' && typeof key === 'number' && step.kind === 'index')
            next = current.items[key];
        if (!next || next.type === 'unknown')
            break;
        current = next;
        used++;
    }
    return { value: current, used };
}
/** What `make` gives for `key` at `place`, made the first time and kept while `key` lives. */
function oncePerPlace(cache, key, place, make) {
    return (0,lists/* kept */.LP)((0,lists/* kept */.LP)(cache, key, () => new Map()), place, make);
}
/** A resource's instances as a list or map, by the place that names them (see instancesValue). */
const COLLECTED = new WeakMap();
/** `data.aws_partition` of the commercial partition. */
const COMMERCIAL_PARTITION = {
    id: 'aws',
    partition: 'aws',
    dns_suffix: 'amazonaws.com',
    reverse_dns_prefix: 'com.amazonaws',
};
/**
 * The most module and IAM resource instances the code alone is read into: count and for_each multiply
 * down nested modules (10,000 modules of 10,000 are a hundred million), and a pull request may write them.
 * An account holds at most 5,000 roles and 5,000 users (IAM quotas).
 */
const MAX_CODE_INSTANCES = 20_000;
/**
 * The most instances a count makes here: a hostile `count = 1e9` is not a billion renderings. One past
 * the code's instance budget, so that a count beyond it is refused there, by name, not cut short in silence.
 */
const MAX_COUNT = MAX_CODE_INSTANCES + 1;
/**
 * The instance keys of a block as its code says: count indexes, for_each keys; undefined when they are
 * not known here. A count or for_each that a condition not known here decides between none and some
 * (`count = var.create ? length(var.names) : 0`, `for_each = local.enabled ? local.arns : {}`) gives
 * the some, `assumed`: there may be none.
 */
function instanceKeys(block, scope) {
    const attribute = block.attributes.get('count') ?? block.attributes.get('for_each');
    if (!attribute)
        return undefined;
    const counted = block.attributes.has('count');
    const keys = keysOf((0,evaluate/* evaluate */._3)(attribute.expr, scope), counted);
    if (keys)
        return { keys, assumed: false };
    const some = someOrNone(attribute.expr, scope);
    const assumed = some && keysOf(some, counted);
    return assumed ? { keys: assumed, assumed: true } : undefined;
}
/** A count's indexes, or a for_each's keys, from its value; undefined when its value is not known here. */
function keysOf(value, counted) {
    if (counted)
        return value.type === 'number'
            ? Array.from({ length: Math.max(0, Math.min(Math.floor(value.value), MAX_COUNT)) }, (_, i) => i)
            : undefined;
    if (value.type === 'object')
        return value.keys.map((k) => k.value);
    if (value.type === 'array')
        return value.items.flatMap((item) => (item.type === 'string' ? [item.value] : []));
    return undefined;
}
/**
 * A value shaped by a variable's type, once per value (a place keeps its value: see here): each of
 * 10,000 instances naming `var.names[count.index]` copied the list of 10,000 (8 s).
 */
const CONFORMED = new WeakMap();
function conformed(value, type, scope) {
    if (!type)
        return value;
    return (0,lists/* kept */.LP)((0,lists/* kept */.LP)(CONFORMED, type, () => new WeakMap()), value, () => conform(value, (0,hcl.bare)(type), scope));
}
/** Each string item's first place in a list (a for_each over a set), made once per list. */
const stringPlacesOf = new WeakMap();
function stringPlaces(list) {
    return (0,lists/* kept */.LP)(stringPlacesOf, list, () => {
        const places = new Map();
        for (let i = list.items.length - 1; i >= 0; i--) {
            const item = list.items[i];
            if (item.type === 'string')
                places.set(item.value, i);
        }
        return places;
    });
}
/** A for_each's collection: its value, or what a condition not known here may make it (see instanceKeys). */
function collectionOf(expr, scope) {
    const value = (0,evaluate/* evaluate */._3)(expr, scope);
    return value.type === 'object' || value.type === 'array' ? value : (someOrNone(expr, scope) ?? value);
}
/**
 * The branch of `test ? a : b` that is not empty (0, [] or {}) when the test is not known here; either,
 * when both are (`local.enabled ? var.arns : []` with no ARNs given: no instance either way).
 */
function someOrNone(expr, scope) {
    if (expr.kind === 'elsewhere') {
        const some = someOrNone(expr.expr, scope.writtenIn?.(expr.file) ?? scope);
        return some && (0,evaluate/* relocate */.sU)(some, expr.at, expr.file);
    }
    // Through a conversion, which keeps the keys (`toset(local.enabled ? [""] : [])`, uktrade's).
    if (expr.kind === 'call' && CONVERSIONS.has(expr.name) && expr.args.length === 1 && !expr.expandsLast)
        return someOrNone(expr.args[0], scope);
    if (expr.kind !== 'conditional' || (0,evaluate/* evaluate */._3)(expr.test, scope).type === 'boolean')
        return undefined;
    const then = (0,evaluate/* evaluate */._3)(expr.then, scope);
    const otherwise = (0,evaluate/* evaluate */._3)(expr.otherwise, scope);
    if (isNone(otherwise))
        return then;
    if (isNone(then))
        return otherwise;
    return undefined;
}
const CONVERSIONS = new Set(['toset', 'tolist', 'tomap']);
function isNone(value) {
    if (value.type === 'number')
        return value.value === 0;
    if (value.type === 'array')
        return value.items.length === 0;
    if (value.type === 'object')
        return value.keys.length === 0;
    return false;
}
/** Instances as a list (count) or a map (for_each). */
function collect(instances, at, valueFor) {
    if (instances.every((r) => typeof r.index === 'number')) {
        const items = [];
        for (const r of instances)
            items[r.index] = valueFor(r);
        return { type: 'array', items: [...items].map((v) => v ?? (0,evaluate/* unknown */.L5)(at, '…', 'a missing instance')), ...at };
    }
    const entries = {};
    for (const r of instances)
        entries[String(r.index)] = valueFor(r);
    return object(at, entries);
}
/** A resource instance's planned values; what is known only after apply as placeholders. */
function planValue(r, text, at) {
    const value = withUnknown(r.values, r.unknown, text, at);
    if (value.type !== 'object')
        return value;
    return {
        ...value,
        keys: [...value.keys, { type: 'string', value: evaluate/* ADDRESS_KEY */.TQ, ...at }],
        values: [...value.values, (0,evaluate/* fromPlain */.bM)(r.address, at)],
    };
}
function withUnknown(plain, mask, text, at) {
    if (mask === true)
        return (0,evaluate/* unknown */.L5)(at, text, `${text} is known only after apply`);
    if (Array.isArray(plain)) {
        const masks = Array.isArray(mask) ? mask : [];
        return { type: 'array', items: plain.map((p, i) => withUnknown(p, masks[i], `${text}[${i}]`, at)), ...at };
    }
    if (plain !== null && typeof plain === 'object') {
        const masks = mask !== null && typeof mask === 'object' ? mask : {};
        const keys = new Set([...Object.keys(plain), ...Object.keys(masks).filter((k) => masks[k] === true)]);
        const entries = {};
        for (const key of keys)
            entries[key] = withUnknown(plain[key], masks[key], `${text}.${key}`, at);
        return object(at, entries);
    }
    if (plain === undefined && mask === undefined)
        return (0,evaluate/* unknown */.L5)(at, text, `${text} is not in the plan`);
    return (0,evaluate/* fromPlain */.bM)(plain, at);
}
function object(at, entries) {
    return {
        type: 'object',
        keys: Object.keys(entries).map((k) => ({ type: 'string', value: k, ...at })),
        values: Object.values(entries),
        line: at.line,
        column: at.column,
    };
}
/** A value made for an instance assumed to exist: its strings, and an object's, say why it may not. */
function uncertain(value, why) {
    if (value.type === 'string')
        return { ...value, uncertain: why };
    if (value.type !== 'object')
        return value;
    return { ...value, values: value.values.map((v) => (v.type === 'string' ? { ...v, uncertain: why } : v)) };
}
/** `aws` or `aws.prod`, as a `provider` argument or a `providers` map names a provider configuration. */
function providerName(written) {
    const expr = (0,hcl.bare)(written);
    if (expr?.kind === 'traversal') {
        // `aws.by_region[each.key]`: the configuration is `aws.by_region`, whatever the instance.
        const names = expr.steps.flatMap((step) => (step.kind === 'attr' ? [step.name] : []));
        return [expr.root, ...names].join('.');
    }
    return expr && (0,hcl.plainText)(expr);
}
/**
 * The instance key of a provider reference with one (`aws.by_region[each.key]`), as `scope` evaluates it;
 * undefined for a reference with none, null for a key not known here (or no scope to know it in).
 */
function instanceKeyOf(written, scope) {
    const expr = (0,hcl.bare)(written);
    const index = expr?.kind === 'traversal' ? expr.steps.find((step) => step.kind === 'index') : undefined;
    if (index?.kind !== 'index')
        return undefined;
    const key = scope && (0,evaluate/* evaluate */._3)(index.key, scope);
    return key?.type === 'string' || key?.type === 'number' ? key.value : null;
}
/**
 * The data sources that look up an existing role, user or group, by the argument that names it: what
 * the code alone knows of them. A role's id is its name (the provider sets it so); a user's and a
 * group's ids are unique ids only AWS knows.
 */
const EXISTING_PRINCIPALS = {
    aws_iam_role: { argument: 'name', idIsName: true },
    aws_iam_user: { argument: 'user_name', idIsName: false },
    aws_iam_group: { argument: 'group_name', idIsName: false },
};

;// CONCATENATED MODULE: ./src/sources/terraform/code-only.ts
// The .tf files alone, when there is no plan (a repository without a plan step, a fork's pull request):
// what a plan would say of each IAM resource instance is worked out from the code, as far as values are
// written in it (literals, variables from their defaults and .tfvars, locals, count and for_each over
// known collections). Everything else stays a placeholder. The result has the shape of a plan, so the
// same discovery reads both.








/** The IAM resources whose id is their name. */
const NAMED_BY_ID = new Set(['aws_iam_role', 'aws_iam_user', 'aws_iam_group']);
/**
 * A plan-shaped reading of the code: instances and values; none of them known to exist. `notes`: the
 * module calls whose code is not in the workspace (a registry module before `terraform init`), whose
 * IAM resources are therefore not read — said, never skipped in silence.
 */
async function planFromCode(code, file) {
    const variablesWritten = await code.rootVariables();
    const variables = Object.fromEntries([...variablesWritten].map(([name, { value }]) => [name, (0,evaluate/* toPlain */.Ul)(value)]));
    const root = await code.module(code.rootDir);
    const { texts: sensitive, largest } = sensitiveVariableTexts(root, variables);
    const flood = tooManySensitive('the code', sensitive.length);
    if (flood && largest)
        return {
            plan: { file, resources: [], variables: {}, configuration: { calls: new Map() } },
            problems: [
                { ...largest, message: `${flood}; of its variables declared sensitive, this one gives the most` },
            ],
            notes: [],
        };
    const notes = [];
    const calls = { left: MAX_MODULE_CALLS, problems: [], ancestors: [root.dir] };
    const configuration = await configOf(code, root, [], 0, notes, calls);
    if (calls.problems.length > 0)
        return {
            plan: { file, resources: [], variables, configuration, sensitive },
            problems: calls.problems,
            notes,
        };
    const base = { file, resources: [], variables, variablesWritten, configuration, sensitive };
    // First pass: every IAM instance with its values, references to other resources unknown.
    const first = await readInstances(code, base, indexPlan(undefined), root, configuration, false);
    if (first.problems.length > 0)
        return { plan: base, problems: first.problems, notes };
    // Second pass: the same, with references to those instances resolved (role = aws_iam_role.app.name).
    const withFirst = { ...base, resources: first.resources };
    const second = await readInstances(code, withFirst, indexPlan(withFirst), root, configuration, true);
    if (second.cut)
        notes.push(second.cut);
    const none = noInstances(second.none);
    if (none)
        notes.push(none);
    return {
        plan: {
            ...base,
            resources: second.resources,
            givenToUnread: second.given,
            documentsGivenToUnread: second.documents,
        },
        problems: second.problems,
        notes,
    };
}
/**
 * The texts of the root module's variables declared `sensitive = true`, as a .tfvars file gives them
 * (a step may write one from the repository's secrets) or else as their default: what Terraform would
 * print as "(sensitive value)". Each string or number inside a list or object too, once, as a plan's
 * are counted; `largest`: where the variable that gives the most new ones is declared.
 */
function sensitiveVariableTexts(root, given) {
    const found = new Set();
    let largest;
    for (const [name, { node, file }] of root.variables) {
        const flag = node.attributes.get('sensitive');
        const sensitive = flag && (0,evaluate/* evaluate */._3)(flag.expr, terraform_modules/* NO_SCOPE */.FK);
        if (sensitive?.type !== 'boolean' || !sensitive.value)
            continue;
        const fallback = node.attributes.get('default');
        const before = found.size;
        const value = Object.hasOwn(given, name)
            ? given[name]
            : fallback && (0,evaluate/* toPlain */.Ul)((0,evaluate/* evaluate */._3)(fallback.expr, terraform_modules/* NO_SCOPE */.FK));
        eachText(value, (text) => found.add(text));
        const count = found.size - before;
        if (count > (largest?.count ?? 0))
            largest = { at: { file, line: node.at.line, column: node.at.column, message: '' }, count };
    }
    return { texts: [...found], ...(largest && { largest: largest.at }) };
}
/**
 * The most module calls the code alone is followed through, each call of each calling module counted:
 * a module that calls itself, or one that calls the next several times, sixteen deep, is millions.
 */
const MAX_MODULE_CALLS = 2_000;
async function configOf(code, module, key, depth, notes, budget) {
    const calls = new Map();
    if (depth >= terraform_modules/* MAX_MODULE_DEPTH */.mS)
        return { calls };
    for (const [name, call] of module.calls) {
        if (budget.problems.length > 0)
            break;
        // A literal in HCL; in Terraform's JSON syntax, a string is a template of one text.
        const sourceExpr = call.node.attributes.get('source')?.expr;
        const source = (sourceExpr && (0,hcl.plainText)(sourceExpr)) ?? '';
        const childKey = [...key, name];
        const address = childKey.map((k) => `module.${k}`).join('.');
        const at = { file: call.file, line: call.node.at.line, column: call.node.at.column };
        if (--budget.left < 0) {
            budget.problems.push({
                ...at,
                message: `${address}: more than ${(0,vocabulary_text/* thousands */.oh)(MAX_MODULE_CALLS)} module calls in this configuration; its code is not followed that far. Give the plan (plan:) instead`,
            });
            break;
        }
        const dir = code.childDir(module.dir, childKey, source);
        if (dir !== undefined && (0,terraform_modules/* isLocalSource */.Zo)(source) && budget.ancestors.includes(dir)) {
            // Terraform refuses it too: the module would contain itself without end.
            budget.problems.push({
                ...at,
                message: `${address}: its source ${JSON.stringify(source)} is a module that calls it (${dir}): a cycle of modules, which Terraform refuses`,
            });
            break;
        }
        const child = await code.module(dir);
        // Not read, and may make IAM resources (not `cloudposse/label/null`, which makes only names).
        const unread = child.dir === undefined && mayHoldIam(source);
        if (unread)
            notes.push(unreadModule(call.file, call.node, name, source));
        budget.ancestors.push(dir);
        const config = await configOf(code, child, childKey, depth + 1, notes, budget);
        // What an unread module is given, as a plan's configuration lists it: a policy no one here has may be
        // given to it (`role_policy_arns = { app = aws_iam_policy.app.arn }`), which its principal says.
        calls.set(name, unread
            ? {
                source,
                module: config,
                inputs: inputsOf(call.node, module),
                unread: { file: at.file, line: at.line, installable: !(0,terraform_modules/* isLocalSource */.Zo)(source) },
            }
            : { source, module: config });
        budget.ancestors.pop();
    }
    return { calls };
}
/**
 * What each argument of a module call refers to, by argument, as a plan's `references` list them, and
 * through the locals it names what they refer to (`role_policy_arns = local.policies`, a map of
 * `aws_iam_policy.app.arn`), each local once.
 */
function inputsOf(call, module) {
    const inputs = new Map();
    for (const [name, { expr }] of call.attributes) {
        if (name === 'source' || name === 'version')
            continue;
        const refs = new Set(referencesIn(expr));
        const followed = new Set();
        for (const ref of refs) {
            const local = /^local\.([^.]+)$/.exec(ref)?.[1];
            const written = local === undefined || followed.has(local) ? undefined : module.locals.get(local);
            if (!written)
                continue;
            followed.add(local);
            for (const more of (0,lists/* kept */.LP)(LOCAL_REFERENCES, written.node.expr, () => referencesIn(written.node.expr)))
                refs.add(more);
        }
        inputs.set(name, [...refs]);
    }
    return inputs;
}
/**
 * The names an expression refers to: of each reference, its root and names on to the first index, and
 * each shorter form down to two names (`aws_iam_policy.app.arn`, `aws_iam_policy.app`), as a plan's
 * `references` list them. Its parts are walked from a list, not by recursion, and no further than
 * MAX_REFERENCE_NODES: the code comes from a pull request.
 */
function referencesIn(expr) {
    const found = new Set();
    const stack = [expr];
    for (let walked = 0; stack.length > 0 && walked < MAX_REFERENCE_NODES; walked++) {
        const node = stack.pop();
        if (node === null || typeof node !== 'object')
            continue;
        if (Array.isArray(node)) {
            for (const item of node)
                stack.push(item);
            continue;
        }
        const fields = node;
        if (fields.kind === 'traversal') {
            const { root, steps } = node;
            const names = [root];
            for (const step of steps)
                if (step.kind === 'attr')
                    names.push(step.name);
                else
                    break;
            for (let n = names.length; n >= 2; n--)
                found.add(names.slice(0, n).join('.'));
        }
        for (const [key, value] of Object.entries(fields))
            if (key !== 'at' && typeof value === 'object')
                stack.push(value);
    }
    return [...found];
}
const MAX_REFERENCE_NODES = 100_000;
/** What each local's expression refers to, walked once however many module calls name it. */
const LOCAL_REFERENCES = new WeakMap();
/**
 * Whether a module whose code is not here may create IAM resources: not one written for another
 * provider than AWS (`cloudposse/label/null`, in nearly every cloudposse module, makes only names).
 */
function mayHoldIam(source) {
    const provider = (0,terraform_modules/* moduleProvider */.KC)(source);
    return provider === undefined || provider === 'aws';
}
/**
 * What is said of a module call whose code cannot be read: where to get it. Named as its block is
 * (`module.kms`), not by the path of calls to it: roots that share the module that calls it (an
 * example calling the repository's own module) get one note at the block, not one for each.
 */
function unreadModule(file, call, name, source) {
    const address = `module.${name}`;
    const at = { file, line: call.at.line, column: call.at.column };
    if ((0,terraform_modules/* isLocalSource */.Zo)(source))
        return {
            ...at,
            message: `${address}: its source ${JSON.stringify(source)} is not a directory in the workspace, so the IAM resources it creates are not checked.`,
        };
    const note = {
        ...at,
        message: `${address}: its code (${JSON.stringify(source)}) is not in the workspace, so the IAM resources it ` +
            `creates are not checked. ${INIT_ADVICE}`,
    };
    UNINSTALLED.set(note, address);
    return note;
}
/** What to do about modules `terraform init` would install. */
const INIT_ADVICE = 'Run `terraform init` before this step (the modules it installs are read from .terraform/modules), or give the plan of the configuration (`plan:`).';
/** The notes of module blocks whose code `terraform init` would install, each with the block's address. */
const UNINSTALLED = new WeakMap();
/** The address of the module block (`module.kms`) when `note` says its code was not installed. */
function uninstalledModule(note) {
    return UNINSTALLED.get(note);
}
async function readInstances(code, plan, index, rootModule, configuration, 
/** Whether to read what the module calls whose code is not here are given (the second pass). */
unread) {
    const out = [];
    const none = [];
    const problems = [];
    let left = MAX_CODE_INSTANCES;
    /** Whether `count` more instances may be read; else the problem, said once at `file`:`block`. */
    const spend = (count, file, block, address) => {
        left -= count;
        if (left >= 0)
            return true;
        const limit = (0,vocabulary_text/* thousands */.oh)(MAX_CODE_INSTANCES);
        // One count or for_each too large on its own is said at its line; else at the block that went past.
        const own = count > MAX_CODE_INSTANCES
            ? (block.attributes.get('count') ?? block.attributes.get('for_each'))
            : undefined;
        const why = own
            ? `its ${own.name} makes more than ${limit} instances`
            : `with the modules and resources around it, more than ${limit} instances (count and for_each multiply down nested modules)`;
        const at = own?.at ?? block.at;
        if (problems.length === 0)
            problems.push({
                file,
                line: at.line,
                column: at.column,
                message: `${address}: ${why}; the code is not read that far. Give the plan (plan:) instead`,
            });
        return false;
    };
    /**
     * Modules whose code, or that of a module they call, declares an IAM resource or, on the pass that
     * reads what they are given, calls a module whose code is not here: only those are walked. By call path (`app.inner`),
     * as configOf followed them: each path once, however many instances.
     */
    const holdsIam = new Map();
    const declaresIam = (module, config, key) => {
        const id = key.join('.');
        const known = holdsIam.get(id);
        if (known !== undefined)
            return known;
        let found = [...module.resources.keys()].some((k) => readsType(k.slice(0, k.indexOf('.')))) ||
            (unread && [...(config?.calls.values() ?? [])].some((call) => call.unread !== undefined));
        if (key.length < terraform_modules/* MAX_MODULE_DEPTH */.mS)
            for (const [name, call] of config?.calls ?? []) {
                if (found)
                    break;
                const childKey = [...key, name];
                const child = code.moduleRead(code.childDir(module.dir, childKey, call.source));
                found = child !== undefined && declaresIam(child, call.module, childKey);
            }
        holdsIam.set(id, found);
        return found;
    };
    /**
     * What each module call whose code is not here is given: the parts of each input's value, and the
     * calls given them (1,500 calls given one local of 2,000 ARNs share its parts, read once).
     */
    const given = new Map();
    /** The policy documents the code writes that are given to those calls: no role here has them. */
    const documents = [];
    let cut;
    const givenTo = (node, file, scope, call, module) => {
        if (!unread)
            return;
        for (const at of instancesOf(node, scope).keys) {
            const inner = scope.forInstance(node, at, file);
            const instance = { ...call, address: `${call.address}${suffix(at)}` };
            for (const [input, { expr }] of node.attributes) {
                if (input === 'source' || input === 'version' || input === 'count' || input === 'for_each')
                    continue;
                const value = (0,evaluate/* evaluate */._3)(expr, inner);
                const parts = (0,evaluate/* partsWithin */.YA)(value);
                (0,lists/* kept */.LP)(given, parts, () => new Map()).set(call.address, call);
                if (!parts.documents || LIMITS_NOT_GRANTS.test(input))
                    continue;
                for (const text of (0,evaluate/* documentsWithin */.MS)(value)) {
                    if (documents.length < MAX_GIVEN_DOCUMENTS)
                        documents.push({ call: instance, input, file, module, text });
                    else
                        cut ??= {
                            file,
                            line: node.at.line,
                            column: node.at.column,
                            message: `${instance.address}: past ${(0,vocabulary_text/* thousands */.oh)(MAX_GIVEN_DOCUMENTS)} policy documents the code gives to module calls whose code is not in the workspace, those given from here on are not checked. ${INIT_ADVICE}`,
                        };
                }
            }
        }
    };
    /** `within`: why the module instance may not exist (its call's count or for_each is not known here). */
    const walk = async (instance, depth, within) => {
        if (left < 0)
            return;
        const scope = new ModuleScope(instance, code, plan, index);
        for (const [key, located] of instance.module.resources) {
            const [type = '', name = ''] = key.split('.');
            if (!readsType(type))
                continue;
            const { keys, assumed } = instancesOf(located.node, scope);
            const address = `${instance.address ? `${instance.address}.` : ''}${key}`;
            if (keys.length === 0 && unread && instance.address === '' && grants(type))
                none.push({ address, file: located.file, at: located.node.at });
            if (!spend(keys.length, located.file, located.node, address))
                return;
            for (const at of keys) {
                const values = {};
                const unknown = {};
                const inner = scope.forInstance(located.node, at, located.file);
                for (const [attribute, { expr }] of located.node.attributes) {
                    if (attribute === 'count' || attribute === 'for_each')
                        continue;
                    const { plain, isUnknown } = plainOf((0,evaluate/* evaluate */._3)(expr, inner));
                    if (isUnknown)
                        unknown[attribute] = true;
                    else
                        values[attribute] = plain;
                }
                // A role's, user's or group's id is its name (the provider sets it so): `groups =
                // [aws_iam_group.ops.id]` passed through a module's variable names the group by value.
                if (NAMED_BY_ID.has(type) && typeof values.name === 'string' && !('id' in values))
                    values.id = values.name;
                const address = `${instance.address ? `${instance.address}.` : ''}${key}${suffix(at)}`;
                out.push({
                    address,
                    module: instance.address,
                    mode: 'managed',
                    type,
                    name,
                    index: at,
                    values,
                    unknown,
                    exists: false,
                    ...(assumed && {
                        assumed: `its ${located.node.attributes.has('count') ? 'count' : 'for_each'} is not known here`,
                    }),
                    ...(!assumed && within !== undefined && { assumed: within }),
                });
            }
        }
        if (depth >= terraform_modules/* MAX_MODULE_DEPTH */.mS)
            return;
        for (const [name, call] of instance.module.calls) {
            const config = instance.config?.calls.get(name);
            if (!config)
                continue;
            const childKey = [...instance.key, name];
            if (config.unread) {
                givenTo(call.node, call.file, scope, { address: `${instance.address ? `${instance.address}.` : ''}module.${name}`, ...config.unread }, instance.address);
                continue;
            }
            const module = await code.module(code.childDir(instance.module.dir, childKey, config.source));
            if (!declaresIam(module, config.module, childKey))
                continue;
            const calls = instancesOf(call.node, scope);
            const address = (at) => `${instance.address ? `${instance.address}.` : ''}module.${name}${suffix(at)}`;
            if (calls.keys.length === 0 && unread && instance.address === '')
                none.push({ address: address(undefined), file: call.file, at: call.node.at });
            const counted = call.node.attributes.has('count') ? 'count' : 'for_each';
            if (!spend(calls.keys.length, call.file, call.node, address(undefined)))
                return;
            for (const at of calls.keys) {
                await walk({
                    address: address(at),
                    key: childKey,
                    module,
                    config: config.module,
                    parent: instance,
                    call,
                    index: at,
                }, depth + 1, calls.assumed ? `in ${address(at)}, whose ${counted} is not known here` : within);
            }
        }
    };
    await walk({
        address: '',
        key: [],
        module: rootModule,
        config: configuration,
        parent: undefined,
        call: undefined,
        index: undefined,
    }, 0);
    return {
        resources: out,
        problems,
        given: givenByPolicy(given),
        documents,
        ...(cut && { cut }),
        none,
    };
}
/** The resource types that grant, or give a principal what grants: roles, policies and what attaches them. */
const GRANTING = /^aws_iam_(?:(?:role|user|group)(?:_polic(?:y|ies_exclusive)|_policy_attachments?(?:_exclusive)?)?|policy(?:_attachment)?|(?:user_)?group_membership)$/;
function grants(type) {
    return GRANTING.test(type) || PERMISSION_SET_POLICIES.has(type);
}
/**
 * The root's IAM resources and module calls that the values read here make none of (`count =
 * var.enable_x ? 1 : 0`, a variable left at its default false; a for_each over an empty default): one
 * note for the root, at the first, so that a module's own directory read as a root does not come to "no
 * principals" without a word. A module's blocks its caller turns off are what the caller asked for.
 */
function noInstances(none) {
    const [first] = none;
    if (!first)
        return undefined;
    const one = none.length === 1;
    const which = one
        ? `${first.address} has no instance`
        : `${none.length} blocks with IAM resources (${(0,vocabulary_problems/* previewList */.$8)(none.map((n) => `${n.address} (${n.file}:${n.at.line})`), 3)}) have no instances`;
    return {
        file: first.file,
        line: first.at.line,
        column: first.at.column,
        message: `${which} with the values read here (variables from their defaults, terraform.tfvars and *.auto.tfvars; ` +
            `terraform.workspace as "default"): ${one ? 'its' : 'their'} count or for_each comes to none, so what ` +
            `${one ? 'it grants' : 'they grant'} is not checked (give the plan (plan:), or set the variables that make ` +
            `${one ? 'it' : 'them'} in terraform.tfvars, to check ${one ? 'it' : 'them'})`,
    };
}
/**
 * The unread module calls given each customer managed policy, by each policy ARN and each placeholder of
 * a policy's (`module.db.aws_iam_policy.app`) in what they are given, as their values are: through
 * variables, locals and other modules' outputs, which the references written in a call alone do not follow.
 */
function givenByPolicy(given) {
    const byKey = new Map();
    for (const [{ texts, ofs }, calls] of given) {
        for (const text of texts)
            if (text.includes(':policy/'))
                (0,lists/* kept */.LP)(byKey, text, () => new Set()).add(calls);
        for (const of of ofs) {
            const policy = POLICY_ADDRESS.exec(of)?.[1];
            if (policy !== undefined)
                (0,lists/* kept */.LP)(byKey, policy, () => new Set()).add(calls);
        }
    }
    return (key) => {
        const groups = byKey.get(key);
        if (!groups)
            return [];
        const calls = new Map();
        for (const group of groups)
            for (const [address, call] of group)
                calls.set(address, call);
        return [...calls.values()];
    };
}
/**
 * The most policy documents given to module calls whose code is not here that one reading checks: one
 * local of 300 documents given to 1,000 calls is 300,000 of them.
 */
const MAX_GIVEN_DOCUMENTS = 2_000;
/**
 * Inputs whose documents limit what others may do rather than grant it: a permissions boundary, a service
 * control policy, a trust policy (`permissions_boundary_policy`, `service_control_policy_statements`,
 * `assume_role_policy`). Checked as grants, a boundary that allows `*` would read as one that grants it.
 */
const LIMITS_NOT_GRANTS = /boundar|service_control|(^|_)scps?(_|$)|assume_role|trust/i;
/** A policy's address in a placeholder's `of`: `module.db.aws_iam_policy.app["k"]` of `….arn`, `….id`. */
const POLICY_ADDRESS = /^((?:.*\.)?aws_iam_policy\.[^.[]+(?:\[[^\]]*\])?)\.(?:arn|id)$/;
/**
 * The instance keys of a block: count indexes, for_each keys, or one instance. A count not known here is
 * one instance, `[0]` (a counted resource is a list: `aws_iam_policy.this[0].arn` names it); a for_each
 * not known here, one instance without a key. Either is `assumed`: there may be none (as are the
 * instances of a count or for_each a condition not known here decides, see instanceKeys).
 */
function instancesOf(block, scope) {
    const known = instanceKeys(block, scope);
    if (known)
        return known;
    const counted = block.attributes.has('count');
    return { keys: [counted ? 0 : undefined], assumed: counted || block.attributes.has('for_each') };
}
function suffix(at) {
    return at === undefined ? '' : `[${JSON.stringify(at)}]`;
}
/** A value as a plan would hold it, and whether any of it is known only after apply. */
function plainOf(value) {
    switch (value.type) {
        case 'unknown':
            return { plain: undefined, isUnknown: true };
        case 'array': {
            const items = value.items.map(plainOf);
            return { plain: items.map((i) => i.plain), isUnknown: items.some((i) => i.isUnknown) };
        }
        case 'object': {
            const entries = value.values.map(plainOf);
            return {
                plain: Object.fromEntries(value.keys.map((k, i) => [k.value, entries[i]?.plain])),
                isUnknown: entries.some((e) => e.isUnknown),
            };
        }
        default:
            return { plain: value.value, isUnknown: false };
    }
}

// EXTERNAL MODULE: ./src/policy/place.ts
var place = __webpack_require__(7329);
// EXTERNAL MODULE: ./src/vocabulary/policy.ts
var policy = __webpack_require__(2176);
// EXTERNAL MODULE: ./src/vocabulary/suggest-name.ts
var suggest_name = __webpack_require__(2728);
// EXTERNAL MODULE: ./src/sources/policy-source.ts
var policy_source = __webpack_require__(8662);
;// CONCATENATED MODULE: ./src/sources/terraform/deferred-document.ts
// A data "aws_iam_policy_document" whose read a plan defers to apply: one of its arguments names a value
// the same change creates (`resources = ["${aws_s3_bucket.new.arn}/*"]`), so its `json`, and every policy
// made from it, is known only after apply. What the plan does give is its arguments as far as known
// (`after`, with a null where a list's element is not known) and which are not (`after_unknown`). From
// those, the document as the AWS provider will render it, each value not known a placeholder naming what
// the configuration says it is made of: enough for every check but those of a resource's exact text.


/**
 * Renders the deferred document of a plan's data source: `values` its arguments as far as known,
 * `unknown` its `after_unknown`, `references(path)` what the configuration says the argument at `path`
 * (`statement.0.resources`) refers to.
 */
function renderDeferredDocument(values, unknown, references, 
/**
 * The documents the configuration merges in by `key` that the plan reads at apply too (a
 * `source_policy_documents = [data.aws_iam_policy_document.base.json]` of one), each rendered so.
 */
merges = () => []) {
    const notKnown = isObject(unknown) ? unknown : {};
    // AWS provider < 5's one document of each: only its text can be read, and it is not known.
    for (const key of ['source_json', 'override_json'])
        if (hasUnknown(notKnown[key]))
            return { reason: `its ${key} is known only after apply` };
    if (hasUnknown(notKnown.version) || hasUnknown(notKnown.policy_id))
        return { reason: 'its version is known only after apply' };
    const sources = mergedTexts(values, notKnown, 'source_policy_documents', merges);
    const overrides = mergedTexts(values, notKnown, 'override_policy_documents', merges);
    if ('reason' in sources)
        return sources;
    if ('reason' in overrides)
        return overrides;
    const merged = [];
    for (const source of [...texts(values.source_json), ...sources.texts]) {
        const statements = statementsOf(source);
        if (!statements)
            return { reason: 'a source policy document it merges is not a policy' };
        mergeBySid(merged, statements, deferred_document_sidOf);
    }
    const statements = Array.isArray(values.statement) ? values.statement : [];
    const unknownStatements = notKnown.statement;
    if (unknownStatements === true)
        return { reason: 'its statements are known only after apply' };
    const own = [];
    for (const [i, statement] of statements.entries()) {
        if (!isObject(statement))
            continue;
        const rendered = deferred_document_renderStatement(statement, itemOf(unknownStatements, i), (attribute) => placeholder(references(`statement.${i}.${attribute}`)), i);
        if ('reason' in rendered)
            return rendered;
        own.push(rendered.statement);
    }
    mergeBySid(merged, own, deferred_document_sidOf);
    for (const override of [...overrides.texts, ...texts(values.override_json)]) {
        const statements = statementsOf(override);
        if (!statements)
            return { reason: 'an override policy document it merges is not a policy' };
        mergeBySid(merged, statements, deferred_document_sidOf);
    }
    const document = {
        Version: typeof values.version === 'string' && values.version !== '' ? values.version : '2012-10-17',
    };
    if (typeof values.policy_id === 'string' && values.policy_id !== '')
        document.Id = values.policy_id;
    document.Statement = merged;
    return { text: JSON.stringify(document) };
}
/**
 * The texts of the documents a list argument merges: those the plan gives, and for those it does not
 * know, the documents the configuration makes them of (merges), when they account for each.
 */
function mergedTexts(values, notKnown, key, merges) {
    const unknown = notKnown[key];
    if (!hasUnknown(unknown))
        return { texts: texts(values[key]) };
    // The items the plan gives; a whole list not known gives none, and any number may be missing.
    const list = unknown === true || !Array.isArray(values[key]) ? [] : values[key];
    const known = list.filter((_, i) => !(Array.isArray(unknown) && unknown[i] === true));
    const rendered = merges(key);
    const failed = rendered.find((r) => 'reason' in r);
    if (failed)
        return { reason: `a document of its ${key}: ${failed.reason}` };
    const accounted = unknown === true ? rendered.length > 0 : rendered.length === list.length - known.length;
    if (!accounted)
        return { reason: `its ${key} is known only after apply` };
    return { texts: [...texts(known), ...rendered.map((r) => r.text)] };
}
const STATEMENT_LISTS = [
    ['actions', 'Action'],
    ['not_actions', 'NotAction'],
    ['resources', 'Resource'],
    ['not_resources', 'NotResource'],
];
const deferred_document_PRINCIPAL_BLOCKS = [
    ['principals', 'Principal'],
    ['not_principals', 'NotPrincipal'],
];
function deferred_document_renderStatement(statement, notKnown, standIn, index) {
    const which = `statement ${index + 1}`;
    if (hasUnknown(notKnown.sid) || hasUnknown(notKnown.effect))
        return { reason: `the Sid or Effect of its ${which} is known only after apply` };
    const out = {};
    if (typeof statement.sid === 'string' && statement.sid !== '')
        out.Sid = statement.sid;
    out.Effect = typeof statement.effect === 'string' && statement.effect !== '' ? statement.effect : 'Allow';
    for (const [attribute, key] of STATEMENT_LISTS) {
        const unknownHere = notKnown[attribute];
        // Actions not known: there is nothing to check, and the document is not known for that reason.
        if ((key === 'Action' || key === 'NotAction') && hasUnknown(unknownHere))
            return { reason: `the ${attribute} of its ${which} are known only after apply` };
        const list = withStandIns(statement[attribute], unknownHere, () => standIn(attribute));
        if (list !== undefined)
            out[key] = list;
    }
    for (const [attribute, key] of deferred_document_PRINCIPAL_BLOCKS) {
        const blocks = Array.isArray(statement[attribute]) ? statement[attribute] : [];
        const unknownBlocks = notKnown[attribute];
        if (unknownBlocks === true)
            return { reason: `the ${attribute} of its ${which} are known only after apply` };
        const principal = {};
        for (const [j, block] of blocks.entries()) {
            if (!isObject(block))
                continue;
            const unknownBlock = itemOf(unknownBlocks, j);
            if (typeof block.type !== 'string' || hasUnknown(unknownBlock.type))
                return { reason: `a ${attribute} block of its ${which} has a type known only after apply` };
            const identifiers = withStandIns(block.identifiers, unknownBlock.identifiers, () => standIn(`${attribute}.${j}.identifiers`)) ?? [];
            principal[block.type] = [...(principal[block.type] ?? []), ...identifiers];
        }
        if (blocks.length > 0)
            out[key] = principal;
    }
    const conditions = Array.isArray(statement.condition) ? statement.condition : [];
    const unknownConditions = notKnown.condition;
    if (unknownConditions === true)
        return { reason: `the condition of its ${which} is known only after apply` };
    const condition = {};
    for (const [j, block] of conditions.entries()) {
        if (!isObject(block))
            continue;
        const unknownBlock = itemOf(unknownConditions, j);
        if (typeof block.test !== 'string' ||
            typeof block.variable !== 'string' ||
            hasUnknown(unknownBlock.test) ||
            hasUnknown(unknownBlock.variable))
            return { reason: `a condition of its ${which} has a test or variable known only after apply` };
        const values = withStandIns(block.values, unknownBlock.values, () => standIn(`condition.${j}.values`)) ?? [];
        const byTest = condition[block.test] ?? {};
        byTest[block.variable] = [...(byTest[block.variable] ?? []), ...values];
        condition[block.test] = byTest;
    }
    if (Object.keys(condition).length > 0)
        out.Condition = condition;
    return { statement: out };
}
/**
 * A list argument with each element not known as a placeholder (a whole list not known: one), or
 * undefined when it is not set.
 */
function withStandIns(value, notKnown, standIn) {
    if (notKnown === true)
        return [standIn()];
    if (!Array.isArray(value))
        return undefined;
    const out = [];
    for (const [i, item] of value.entries()) {
        if (Array.isArray(notKnown) && notKnown[i] === true)
            out.push(standIn());
        else if (typeof item === 'string')
            out.push(item);
    }
    return out;
}
/**
 * What stands for a value known only after apply: the references its expression makes, as the
 * configuration records them (`aws_s3_bucket.b.arn`; not the `aws_s3_bucket.b` it lists beside it).
 * Marked as an expression of them (`${…aws_s3_bucket.b.arn…}`), not the reference itself: the plan does
 * not say what the expression adds (`"${aws_s3_bucket.b.arn}/*"` names the objects), so a check reading
 * an ARN's shape from a reference must not read it here.
 */
function placeholder(references) {
    const named = references.filter((r) => !references.some((other) => other !== r && other.startsWith(`${r}.`)));
    const text = named.join(', ').replace(/[{}]/g, '');
    return text === '' ? '${a value known only after apply}' : `\${…${text}…}`;
}
/** Whether an after_unknown value marks anything as not known. */
function hasUnknown(notKnown) {
    if (notKnown === true)
        return true;
    if (Array.isArray(notKnown))
        return notKnown.some(hasUnknown);
    if (isObject(notKnown))
        return Object.values(notKnown).some(hasUnknown);
    return false;
}
/** The strings of a list argument, or of a string one. */
function texts(value) {
    if (typeof value === 'string')
        return value === '' ? [] : [value];
    return Array.isArray(value) ? value.filter((v) => typeof v === 'string' && v !== '') : [];
}
/** The statements of a policy document's text, or undefined when it is not one. */
function statementsOf(text) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (!isObject(doc))
        return undefined;
    const statement = doc.Statement;
    const list = Array.isArray(statement) ? statement : isObject(statement) ? [statement] : undefined;
    return list?.filter(isObject);
}
/** A rendered statement's Sid, as mergeBySid reads one. */
function deferred_document_sidOf(statement) {
    return typeof statement.Sid === 'string' && statement.Sid !== '' ? statement.Sid : undefined;
}
/** The `i`-th object of an after_unknown list (`statement`, a statement's `condition`), or none. */
function itemOf(notKnown, i) {
    const item = Array.isArray(notKnown) ? notKnown[i] : undefined;
    return isObject(item) ? item : {};
}

// EXTERNAL MODULE: ./node_modules/jsonc-parser/lib/umd/main.js
var main = __webpack_require__(9547);
;// CONCATENATED MODULE: ./src/sources/terraform/edit-site.ts
// Where a policy document written in a .tf file can be edited in place: the statements of a
// `jsonencode({ Statement = [...] })`, the `statement {}` blocks of a policy document data source, or
// the statements of a JSON heredoc, each with the text of its actions and resources. Only a document
// whose statements map one to one onto what is written gets a site; anything else (source or override
// documents, dynamic blocks, a statement list built by an expression) is suggested as JSON instead.


const ACTION_KEYS = ['Action', 'NotAction'];
const RESOURCE_KEYS = ['Resource', 'NotResource'];
const BLOCK_ACTION_KEYS = ['actions', 'not_actions'];
const BLOCK_RESOURCE_KEYS = ['resources', 'not_resources'];
/** The site of `doc`, written by `expr`, when it can be edited in place. */
function editSiteOf(expr, context, doc) {
    const site = siteOf(expr, context, 0);
    // Code that terraform init installed is not the repository's to edit.
    if (!site || (0,terraform_modules/* installedCode */.EF)(site.file))
        return undefined;
    return matches(site, doc, context.textOf(site.file) ?? '') ? site : undefined;
}
function siteOf(expr, context, depth) {
    if (depth > 8)
        return undefined;
    if (expr.kind === 'call' && expr.name === 'jsonencode' && expr.args.length === 1) {
        const [arg] = expr.args;
        return arg?.kind === 'object' ? objectSite(arg, context) : undefined;
    }
    if (expr.kind === 'template')
        return heredocSite(expr, context);
    if (expr.kind === 'traversal' && expr.root === 'local' && expr.steps.length === 1) {
        const step = expr.steps[0];
        const local = step?.kind === 'attr' ? context.module.locals.get(step.name) : undefined;
        return local && siteOf(local.node.expr, { ...context, file: local.file }, depth + 1);
    }
    if (expr.kind === 'traversal' && expr.root === 'data')
        return dataSourceSite(expr, context);
    return undefined;
}
/** `jsonencode({ Version = …, Statement = [{ … }, …] })`. */
function objectSite(object, context) {
    const list = entry(object, 'Statement');
    if (list?.kind !== 'tuple' || !list.items.every((i) => i.kind === 'object'))
        return undefined;
    const text = context.textOf(context.file);
    if (text === undefined)
        return undefined;
    const items = list.items;
    const statements = sitesOf(items, (item, keys) => objectList(item, keys, text), [
        ACTION_KEYS,
        RESOURCE_KEYS,
    ]);
    return statements && { file: context.file, syntax: 'hcl-object', statements };
}
function entry(object, key) {
    return object.entries.find((e) => e.key.kind === 'literal' && e.key.value === key)?.value;
}
function objectList(object, keys, text) {
    const found = object.entries.find((e) => e.key.kind === 'literal' && keys.includes(String(e.key.value)));
    if (!found)
        return null;
    return hclList(spanOf(found.key.at), found.value, text);
}
function hclList(key, value, text) {
    const valueSpan = spanOf(value.at);
    if (!key || !valueSpan)
        return null;
    const list = value.kind === 'tuple';
    const items = list ? value.items : [value];
    const spans = items.map((i) => spanOf(i.at));
    if (spans.some((s) => s === undefined))
        return null;
    return {
        key,
        value: valueSpan,
        list,
        items: spans.map((s) => text.slice(s.start, s.end)),
        literal: items.every((i) => i.kind === 'literal' && typeof i.value === 'string'),
    };
}
/** `data.aws_iam_policy_document.NAME.json`, of a data source written with `statement {}` blocks alone. */
function dataSourceSite(expr, context) {
    const [type, name, ...rest] = expr.steps;
    const last = rest[rest.length - 1];
    if (type?.kind !== 'attr' || type.name !== 'aws_iam_policy_document' || name?.kind !== 'attr')
        return undefined;
    if (last?.kind !== 'attr' || last.name !== 'json' || rest.length > 2)
        return undefined;
    const located = context.module.data.get(`aws_iam_policy_document.${name.name}`);
    if (!located)
        return undefined;
    const block = located.node;
    const text = context.textOf(located.file);
    if (text === undefined)
        return undefined;
    // Statements merged from other documents, or made by a dynamic block, are not written here one by one.
    const merged = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'];
    if (merged.some((attribute) => block.attributes.has(attribute)))
        return undefined;
    if (block.blocks.some((b) => b.type === 'dynamic'))
        return undefined;
    const statements = sitesOf(block.blocks.filter((b) => b.type === 'statement'), (statement, names) => blockList(statement, names, text), [BLOCK_ACTION_KEYS, BLOCK_RESOURCE_KEYS]);
    return statements && { file: located.file, syntax: 'hcl-block', statements };
}
function blockList(block, names, text) {
    for (const name of names) {
        const attribute = block.attributes.get(name);
        const start = attribute?.at.start;
        if (attribute && start !== undefined)
            return hclList({ start, end: start + name.length }, attribute.expr, text);
    }
    return null;
}
/** A JSON document in a heredoc: its statements where the heredoc's text has them. */
function heredocSite(expr, context) {
    const span = spanOf(expr.at);
    const text = context.textOf(context.file);
    // What %{ if } and %{ for } write is not the heredoc's text: its statements are not edited in place.
    if (!span || text === undefined || expr.directives)
        return undefined;
    const raw = text.slice(span.start, span.end);
    if (!raw.startsWith('<<'))
        return undefined;
    // The content runs from the line after `<<EOF` to the line that closes it.
    const open = raw.indexOf('\n');
    const close = raw.lastIndexOf('\n');
    if (open < 0 || close <= open)
        return undefined;
    const offset = span.start + open + 1;
    const content = raw.slice(open + 1, close);
    const errors = [];
    const tree = (0,main.parseTree)(content, errors, { disallowComments: true, allowTrailingComma: false });
    if (!tree || errors.length > 0 || tree.type !== 'object')
        return undefined;
    const list = property(tree, 'Statement');
    if (list?.type !== 'array' || !list.children?.every((c) => c.type === 'object'))
        return undefined;
    const statements = list.children.map((s) => ({
        span: { start: offset + s.offset, end: offset + s.offset + s.length },
        actions: jsonList(s, ACTION_KEYS, content, offset),
        resources: jsonList(s, RESOURCE_KEYS, content, offset),
    }));
    return { file: context.file, syntax: 'json', statements };
}
function property(object, key) {
    return object.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
}
function jsonList(statement, keys, content, offset) {
    const pair = statement.children?.find((p) => keys.includes(p.children?.[0]?.value));
    const [key, value] = pair?.children ?? [];
    if (!key || !value)
        return null;
    const items = value.type === 'array' ? (value.children ?? []) : [value];
    const raw = (n) => content.slice(n.offset, n.offset + n.length);
    return {
        key: { start: offset + key.offset, end: offset + key.offset + key.length },
        value: { start: offset + value.offset, end: offset + value.offset + value.length },
        list: value.type === 'array',
        items: items.map(raw),
        // In a heredoc, `${…}` is an interpolation and `$${` its escape.
        literal: items.every((i) => i.type === 'string' && !/[$%]\{/.test(raw(i).replace(/\$\$\{|%%\{/g, ''))),
    };
}
/** The site of each statement written as HCL (an object or a block); undefined when one has no span. */
function sitesOf(statements, listOf, [actionKeys, resourceKeys]) {
    const out = [];
    for (const statement of statements) {
        const span = spanOf(statement.at);
        if (!span)
            return undefined;
        out.push({ span, actions: listOf(statement, actionKeys), resources: listOf(statement, resourceKeys) });
    }
    return out;
}
function spanOf(at) {
    return at.start === undefined || at.end === undefined ? undefined : { start: at.start, end: at.end };
}
/**
 * Whether the site is the document's: as many statements, each with actions and resources as many as
 * the document holds, and literal actions the same as the document's.
 */
function matches(site, doc, text) {
    if (site.statements.length !== doc.statements.length || text === '')
        return false;
    return site.statements.every((s, i) => {
        const statement = doc.statements[i];
        if (!statement)
            return false;
        const actions = s.actions;
        if ((actions?.items.length ?? 0) !== statement.actions.length)
            return false;
        if (actions?.literal && !actions.items.every((item, j) => unquote(item) === statement.actions[j]?.value))
            return false;
        return (s.resources?.items.length ?? 0) === statement.resources.length;
    });
}
/** A string literal's value (HCL and JSON alike, for the plain strings actions are). */
function unquote(item) {
    try {
        return JSON.parse(item);
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/sources/terraform/discover.ts
// Principals from a Terraform plan: every IAM role and user it defines, with the policies that apply
// to each (inline, attached customer managed and AWS managed, those of the groups a user is in) and
// its permissions boundary, each document positioned at the .tf line that writes it.

















/** How a list made empty by the values at hand is said: from the code alone, so no plan's text mends it. */
const EMPTIED = 'with the values the code has here';
/**
 * The arguments of the IAM resources whose required arguments are read here (AWS provider 5 and 6),
 * `!` before each one required that discovery reads (missingArgument says when the code leaves one out):
 * what else a block sets, beside Terraform's meta-arguments, is no argument of its type.
 */
const ARGUMENTS_WRITTEN = {
    aws_iam_policy: [
        'name',
        'name_prefix',
        'path',
        'description',
        '!policy',
        'tags',
        'delay_after_policy_creation_in_ms',
    ],
    aws_iam_role_policy: ['name', 'name_prefix', '!policy', '!role'],
    aws_iam_user_policy: ['name', 'name_prefix', '!policy', '!user'],
    aws_iam_group_policy: ['name', 'name_prefix', '!policy', '!group'],
    aws_iam_role_policy_attachment: ['!role', '!policy_arn'],
    aws_iam_user_policy_attachment: ['!user', '!policy_arn'],
    aws_iam_group_policy_attachment: ['!group', '!policy_arn'],
    aws_iam_role_policy_attachments_exclusive: ['!role_name', '!policy_arns'],
    aws_iam_user_policy_attachments_exclusive: ['!user_name', '!policy_arns'],
    aws_iam_group_policy_attachments_exclusive: ['!group_name', '!policy_arns'],
    aws_iam_policy_attachment: ['name', 'roles', 'users', 'groups', '!policy_arn'],
    aws_iam_group_membership: ['name', '!users', '!group'],
    aws_iam_user_group_membership: ['!user', '!groups'],
};
/** Each type's arguments (ARGUMENTS_WRITTEN), and of them those it requires. */
const ARGUMENTS = Object.fromEntries(Object.entries(ARGUMENTS_WRITTEN).map(([type, names]) => [
    type,
    {
        all: names.map((n) => n.replace(/^!/, '')),
        required: names.filter((n) => n.startsWith('!')).map((n) => n.slice(1)),
    },
]));
/** Every role and user of the plan, with its policies; problems are errors in the code or the plan. */
async function discoverFromPlan(plan, code, options) {
    // Every module the configuration calls, read before anything is evaluated: a module output may name any.
    await code.readTree(await code.module(code.rootDir), plan.configuration);
    const run = new Discovery(plan, code, indexPlan(plan), options);
    await run.locateAll();
    const principals = await run.collect();
    return { principals, problems: run.problems, managedUsed: run.managedUsed };
}
class Discovery {
    plan;
    code;
    planIndex;
    options;
    problems = [];
    managedUsed = false;
    modules = new Map();
    where = new Map();
    principals = new Map();
    /** The principals by kind and each of their names and their ARN (`role\u0000app`), in order: byName. */
    principalsByName = new Map();
    policies = new Map();
    /** Of `policies`, each by its ARN where the plan or code knows it, the first of an ARN: policyByArn. */
    policiesByArn = new Map();
    /**
     * The others, by the ARN their name makes with a value not known here in it
     * (`arn:…:policy/${local.project}-reader`), which an attachment may write out the same way; null where
     * two policies make the same one, for then which is meant is not known.
     */
    policiesByMadeArn = new Map();
    /** The plan's data "aws_iam_policy_document" instances by address, when a policy is made of one. */
    documentSources;
    /** What was given to a principal (or is its boundary): a policy of `policies` not in it is checked nowhere. */
    given = new Set();
    /**
     * Of each resource written in code `terraform init` installed (a registry module, under .terraform/),
     * the `module` block of the repository's own code that leads to it: where its findings stand.
     */
    ownCalls = new Map();
    /** AWS managed policies parsed, by the file they are attached in and their text (fromText). */
    managedParses = new Map();
    account;
    /** The blocks whose arguments were weighed by noteForeignArguments. */
    foreignNoted = new WeakSet();
    /** The blocks that give permission sets their policies, by address (without instance keys): notePermissionSets. */
    permissionSets = new Map();
    constructor(plan, code, planIndex, options) {
        this.plan = plan;
        this.code = code;
        this.planIndex = planIndex;
        this.options = options;
        this.account = code.account ?? accountIn(plan) ?? '<account>';
    }
    /**
     * Finds the block of every IAM resource instance in the code; notes the arguments a block sets that its
     * type does not take, and the permission sets' policies, which are not checked.
     */
    async locateAll() {
        for (const r of this.plan.resources) {
            if (r.mode !== 'managed' || !readsType(r.type))
                continue;
            const instance = await this.moduleInstance(r.module);
            const located = instance.module.resources.get(`${r.type}.${r.name}`);
            const scope = new ModuleScope(instance, this.code, this.plan, this.planIndex).forInstance(located?.node, r.index, located?.file);
            const call = located ? undefined : nearestCall(instance);
            const own = located && (0,terraform_modules/* installedCode */.EF)(located.file) ? nearestCall(instance, true) : undefined;
            if (own)
                this.ownCalls.set(r.address, { file: own.file, at: own.node.at });
            const where = {
                block: located?.node,
                file: located?.file ?? call?.file ?? this.plan.file,
                at: located?.node.at ?? call?.node.at ?? r.at ?? { line: 1, column: 1 },
                scope,
            };
            if (PERMISSION_SET_POLICIES.has(r.type)) {
                const block = `${r.module ? `${r.module}.` : ''}${r.type}.${r.name}`;
                if (!this.permissionSets.has(block))
                    this.permissionSets.set(block, where);
            }
            else {
                this.where.set(r, where);
                this.noteForeignArguments(r, where);
            }
        }
        this.notePermissionSets();
    }
    /**
     * From the code alone, an argument a policy or attachment block sets that its type does not take
     * (`role =` in an aws_iam_policy_attachment, which takes `roles`): Terraform refuses the configuration,
     * and what it meant to attach is attached to no one here. Said once per block, with the name meant.
     */
    noteForeignArguments(r, where) {
        const known = ARGUMENTS[r.type]?.all;
        if (!this.options.fromCode || !known || !where.block || this.foreignNoted.has(where.block))
            return;
        this.foreignNoted.add(where.block);
        const block = where.block;
        for (const [name, attribute] of block.attributes) {
            if (known.includes(name) || META_ARGUMENTS.has(name))
                continue;
            const meant = (0,suggest_name/* suggestName */.S)(name, known);
            // `roles` where aws_iam_role_policy_attachment requires `role`: the finding on it says so.
            if (meant && !block.attributes.has(meant) && ARGUMENTS[r.type]?.required.includes(meant))
                continue;
            this.code.notes.push({
                file: where.file,
                line: attribute.at.line,
                column: attribute.at.column,
                message: `${r.type}.${r.name}: \`${name}\` is not an argument of ${r.type}` +
                    `${meant ? ` (did you mean \`${meant}\`?)` : ''}: \`terraform validate\` refuses it, and it is not read here`,
            });
        }
    }
    /**
     * The policies of permission sets: said to be not checked, once per block (and module instance), or past
     * a few in one notice, at the first.
     */
    notePermissionSets() {
        const blocks = [...this.permissionSets];
        const note = (where, message) => this.code.notes.push({ file: where.file, line: where.at.line, column: where.at.column, message });
        const [first] = blocks;
        if (first && blocks.length > policy_source/* PERMISSION_SETS_NOTED_ALONE */.Lx)
            note(first[1], `${blocks.length} blocks give IAM Identity Center permission sets policies that are not checked ` +
                `(${(0,vocabulary_problems/* previewList */.$8)(blocks.map(([block]) => block), 3)}): ${policy_source/* PERMISSION_SETS_UNREAD */.IF}`);
        else
            for (const [block, where] of blocks)
                note(where, `${block}: what it gives an IAM Identity Center permission set is not checked: ${policy_source/* PERMISSION_SETS_UNREAD */.IF}`);
    }
    async collect() {
        // `data "aws_iam_policy"` reads an AWS managed policy by ARN or name (to attach it, or copy it
        // inline): from the snapshot.
        const modules = await this.code.loaded();
        if (modules.some((m) => [...m.data.keys()].some((key) => key.startsWith('aws_iam_policy.'))))
            this.code.managedPolicies = await this.options.managedPolicies();
        const iam = [...this.where.keys()];
        for (const r of iam)
            if (r.type === 'aws_iam_role' || r.type === 'aws_iam_user' || r.type === 'aws_iam_group')
                this.addPrincipal(r);
        for (const r of iam) {
            if (r.type !== 'aws_iam_policy')
                continue;
            const doc = this.policyOf(r);
            this.policies.set(r.address, { doc, resource: r });
            const { arn } = r.values;
            if (typeof arn === 'string' && !this.policiesByArn.has(arn))
                this.policiesByArn.set(arn, doc);
            else if (typeof arn !== 'string' && typeof r.values.name === 'string') {
                const made = this.iamArn(r, this.where.get(r), 'policy').arn;
                this.policiesByMadeArn.set(made, this.policiesByMadeArn.has(made) ? null : doc);
            }
        }
        for (const r of iam)
            await this.attach(r);
        // Users get the policies of their groups.
        const out = [];
        const alone = (0,policy_source/* groupsCheckedAlone */.PV)(this.principals.values());
        for (const p of this.principals.values()) {
            if (p.kind === 'group' && !alone.has(p))
                continue;
            const documents = [...p.documents];
            const unresolved = [...p.unresolved];
            for (const group of p.groups) {
                (0,lists/* append */.BC)(documents, group.documents);
                (0,lists/* append */.BC)(unresolved, group.unresolved);
            }
            const own = this.ownCalls.get(p.resource.address);
            out.push({
                arn: p.arn,
                source: {
                    kind: 'terraform',
                    address: p.resource.address,
                    file: own?.file ?? p.where.file,
                    line: (own?.at ?? p.where.at).line,
                    from: this.options.fromCode ? 'code' : 'plan',
                },
                policies: dedupe(documents.map((d) => this.inOwnCode(d))),
                boundary: p.boundary && this.inOwnCode(p.boundary),
                unresolved: unresolved.map((u) => this.atOwnCall(u)),
                lifecycle: p.lifecycle,
                ...(p.groups.size > 0 && {
                    groups: [...p.groups].map((g) => g.arn),
                    groupCodeArns: Object.fromEntries([...p.groups].map((g) => [g.arn, [`\${${g.resource.address}.arn}`]])),
                }),
                codeArns: [`\${${p.resource.address}.arn}`],
            });
        }
        (0,lists/* append */.BC)(out, this.policiesAlone());
        (0,lists/* append */.BC)(out, this.documentsGivenAlone());
        return out;
    }
    /**
     * The policy documents the code writes and gives to module calls whose code is not read (a Lambda
     * module's `policy_json`, an IRSA module's `source_policy_documents`): the role those modules make is not
     * read, but the statements are the repository's, at its lines. Each call and input is a principal of
     * its own, `arn:…:policy/${module.lambda.policy_json}`, whose documents are checked as written; the
     * instances of a call (count, for_each) are one, given each document once.
     */
    documentsGivenAlone() {
        const byInput = new Map();
        for (const given of this.plan.documentsGivenToUnread ?? []) {
            const call = given.call.address.replace(INSTANCE_KEYS, '');
            const key = `${call}.${given.input}`;
            const entry = (0,lists/* kept */.LP)(byInput, key, () => ({ given, found: [], calls: new Map() }));
            entry.calls.set(given.call.address, given.call);
            const r = {
                address: key,
                module: given.module,
                mode: 'managed',
                type: 'module',
                name: given.input,
                index: undefined,
                values: {},
                unknown: {},
                exists: false,
            };
            entry.found.push(this.fromValue(r, given.text, given.file));
        }
        const out = [];
        for (const [address, { given, found, calls }] of byInput) {
            const documents = dedupe(found.flatMap((f) => f.documents));
            const unresolved = found.flatMap((f) => f.unresolved);
            if (documents.length === 0 && unresolved.length === 0)
                continue;
            out.push({
                arn: `arn:aws:iam::${this.account}:policy/\${${address}}`,
                source: {
                    kind: 'terraform',
                    address,
                    file: given.call.file,
                    line: given.call.line,
                    from: 'code',
                },
                policies: documents,
                boundary: null,
                unresolved: [...new Map(unresolved.map((u) => [`${u.file}:${u.line}:${u.column}`, u])).values()],
                lifecycle: 'unknown',
                givenTo: [...calls.values()].map((c) => ({ ...c, as: 'document' })),
            });
        }
        return out;
    }
    /** An unresolved policy written in installed code, at the repository's line that brings it in. */
    atOwnCall(u) {
        const call = (0,terraform_modules/* installedCode */.EF)(u.file) ? this.ownCalls.get(u.address) : undefined;
        return call ? { ...u, file: call.file, line: call.at.line, column: call.at.column } : u;
    }
    /**
     * Each `aws_iam_policy` no role, user or group of this code has (nor has as its boundary), as a
     * principal of its own, `arn:…:policy/<name>`: it is attached elsewhere (by hand, another root) or
     * through what is not read here, and grants what it says to whoever has it, so its statements are
     * checked as written rather than skipped.
     */
    policiesAlone() {
        const out = [];
        for (const [address, { doc, resource }] of this.policies) {
            if (this.given.has(doc))
                continue;
            const where = this.where.get(resource);
            const own = this.ownCalls.get(address);
            const { arn, known } = this.iamArn(resource, where, 'policy');
            out.push({
                arn,
                source: {
                    kind: 'terraform',
                    address,
                    file: own?.file ?? where.file,
                    line: (own?.at ?? where.at).line,
                    from: this.options.fromCode ? 'code' : 'plan',
                },
                policies: dedupe(doc.documents.map((d) => this.inOwnCode(d))),
                boundary: null,
                unresolved: doc.unresolved.map((u) => this.atOwnCall(u)),
                lifecycle: this.lifecycleOf(resource, arn, known),
                codeArns: [`\${${address}.arn}`],
                ...this.givenToUnread(resource, arn),
            });
        }
        return out;
    }
    /**
     * The module calls whose code is not read that are given the policy: they may attach it to the roles
     * they make, which are not read either. Those of its own module whose inputs refer to it, and, as the
     * code's values carry it, any call given its ARN through variables, locals or outputs.
     */
    givenToUnread(r, arn) {
        const config = configAt(this.plan.configuration, r.module);
        const prefix = r.module === '' ? '' : `${r.module}.`;
        const unique = new Map();
        for (const calls of [
            config && unreadCallsGiven(config, prefix).get(`${r.type}.${r.name}`),
            this.plan.givenToUnread?.(arn),
            this.plan.givenToUnread?.(r.address),
        ])
            for (const call of calls ?? [])
                if (!unique.has(call.address))
                    unique.set(call.address, call);
        return unique.size > 0 ? { givenTo: [...unique.values()] } : {};
    }
    /**
     * A document written in installed code, at the repository's line that brings it in; what the
     * repository's code passes in stays where it is written.
     */
    inOwnCode(doc) {
        if (!(0,terraform_modules/* installedCode */.EF)(doc.file))
            return doc;
        const address = doc.source?.kind === 'aws-managed-policy' ? doc.source.address : (0,policy/* codeAddress */.as)(doc.source);
        const call = address === undefined ? undefined : this.ownCalls.get(address);
        return call ? (0,place/* placePolicyIn */.hw)(doc, call.file, call.at, (file) => !(0,terraform_modules/* installedCode */.EF)(file)) : doc;
    }
    /**
     * The ARN of a role, user, group or customer managed policy: the plan's, else made of its name, path
     * and account, with a placeholder for a name known only after apply (`${aws_iam_role.x.name}`).
     */
    iamArn(r, where, kind) {
        const known = typeof r.values.arn === 'string' &&
            r.values.arn !== '' &&
            r.unknown?.arn !== true;
        if (known)
            return { arn: r.values.arn, known };
        const name = typeof r.values.name === 'string' && r.values.name !== '' ? r.values.name : undefined;
        const path = typeof r.values.path === 'string' ? r.values.path : '/';
        const account = this.accountOf(r, where);
        return { arn: `arn:aws:iam::${account}:${kind}${path}${name ?? `\${${r.address}.name}`}`, known };
    }
    /**
     * Read from code alone, an ARN without placeholders is taken as existing; from a plan, what exists and
     * has its ARN in the plan does, and the rest is new.
     */
    lifecycleOf(r, arn, known) {
        if (this.options.fromCode)
            return arn.includes('${') || arn.includes('<account>') ? 'unknown' : 'exists';
        return r.exists && known ? 'exists' : 'new';
    }
    addPrincipal(r) {
        const kind = r.type.slice('aws_iam_'.length);
        const where = this.where.get(r);
        const name = typeof r.values.name === 'string' && r.values.name !== '' ? r.values.name : undefined;
        const { arn, known } = this.iamArn(r, where, kind);
        const draft = {
            kind,
            resource: r,
            where,
            names: new Set([name, r.values.id, r.values.unique_id].filter((n) => typeof n === 'string')),
            arn,
            lifecycle: this.lifecycleOf(r, arn, known),
            documents: [],
            unresolved: [],
            boundary: null,
            groups: new Set(),
        };
        this.addDraft(r.address, draft);
        if (kind === 'role')
            this.inlinePolicies(draft);
    }
    /** `inline_policy {}` blocks of a role, by name against the plan's values. */
    inlinePolicies(p) {
        const planned = Array.isArray(p.resource.values.inline_policy) ? p.resource.values.inline_policy : [];
        /** The names of the inline policies the code's blocks give, as far as known. */
        const named = new Set();
        const inline = (block, where) => {
            const name = block.attributes.get('name');
            const value = name && (0,evaluate/* evaluate */._3)(name.expr, where.scope);
            if (value?.type === 'string')
                named.add(value.value);
            const policy = block.attributes.get('policy');
            if (policy)
                this.give(p, this.documentFrom(p.resource, where, policy.expr, policy.at, undefined));
        };
        const notKnown = [];
        for (const block of p.where.block?.blocks ?? []) {
            if (block.type === 'inline_policy')
                inline(block, p.where);
            else if (block.type === 'dynamic' && block.labels[0] === 'inline_policy') {
                // `dynamic "inline_policy"` over a collection: each content block with its iterator.
                const contents = iterate(block, p.where.scope);
                if (contents)
                    for (const [content, scope] of contents)
                        inline(content, { ...p.where, scope });
                else
                    notKnown.push(block);
            }
        }
        // A for_each the code does not say here (a function or data source not evaluated): the plan's
        // inline_policy holds every inline policy the role gets, so those no block read here names are
        // that dynamic block's, read at it. With two such blocks, which is whose is not known.
        const rest = planned.filter((item) => !named.has(String(item.name ?? '')));
        for (const block of notKnown) {
            if (notKnown.length === 1 && rest.length > 0 && rest.every((item) => typeof item.policy === 'string')) {
                for (const item of rest)
                    this.give(p, this.fromText(p.resource, item.policy, p.where.file, block.at));
                continue;
            }
            this.give(p, unresolvedAt(p.resource, p.where.file, block.at, notIterated(block, p.where.scope, `its dynamic "inline_policy" block's`)));
        }
        // Without the code, the plan's inline_policy (computed: every inline policy of the role) stands in.
        if (!p.where.block) {
            const unknown = isObject(p.resource.unknown) ? p.resource.unknown.inline_policy : undefined;
            let deferred = unknown === true ? -1 : 0;
            for (const [i, item] of planned.entries()) {
                const text = item.policy;
                if (typeof text === 'string' && text !== '') {
                    const found = this.fromText(p.resource, text, p.where.file, p.where.at);
                    (0,lists/* append */.BC)(p.documents, found.documents);
                    (0,lists/* append */.BC)(p.unresolved, found.unresolved);
                }
                else if (Array.isArray(unknown) && isObject(unknown[i]) && unknown[i].policy === true)
                    deferred++;
            }
            if (deferred !== 0)
                this.deferredInlinePolicies(p, deferred);
        }
    }
    /**
     * Of a plan without its code, a role's inline policies known only after apply (`count` of them; -1:
     * the whole list, which is also what a role with no block gets, inline_policy being computed): those
     * the configuration's `inline_policy` blocks make of a policy document the plan reads at apply
     * (deferredDocumentAt), when that accounts for them all; else unresolved. Which block is which planned
     * item does not matter: all are the role's.
     */
    deferredInlinePolicies(p, count) {
        const r = p.resource;
        const written = configReferences(this.plan.configuration, r);
        const found = [];
        let blocks = 0;
        for (const path of written?.keys() ?? []) {
            if (!INLINE_POLICY_ARGUMENT.test(path))
                continue;
            blocks++;
            const document = path.endsWith('.policy') && this.deferredDocumentAt(r, path, p.where);
            if (document)
                found.push(document);
        }
        // inline_policy is computed: with no block written, the plan has it all unknown, and it is empty.
        if (count < 0 && blocks === 0)
            return;
        if (found.length > 0 && (count < 0 || found.length === count))
            for (const f of found)
                this.give(p, f);
        else
            this.give(p, unresolvedAt(r, p.where.file, p.where.at, 'its inline_policy is known only after apply'));
    }
    async attach(r) {
        const where = this.where.get(r);
        switch (r.type) {
            case 'aws_iam_role':
            case 'aws_iam_user': {
                const p = this.principals.get(r.address);
                if (r.type === 'aws_iam_role')
                    await this.attachList(p, r, where, 'managed_policy_arns');
                await this.boundaryOf(p, r, where);
                return;
            }
            case 'aws_iam_role_policy':
            case 'aws_iam_user_policy':
            case 'aws_iam_group_policy': {
                const kind = r.type.split('_')[2];
                const target = this.target(r, where, kind, kind);
                const found = this.documentAt(r, 'policy');
                if (target)
                    this.give(target, found);
                return;
            }
            case 'aws_iam_role_policy_attachment':
            case 'aws_iam_user_policy_attachment':
            case 'aws_iam_group_policy_attachment': {
                const kind = r.type.split('_')[2];
                const target = this.target(r, where, kind, kind);
                if (target)
                    this.give(target, await this.attachedPolicy(r, where, 'policy_arn'));
                return;
            }
            case 'aws_iam_role_policy_attachments_exclusive':
            case 'aws_iam_user_policy_attachments_exclusive':
            case 'aws_iam_group_policy_attachments_exclusive': {
                // Attaches every policy of its list (and detaches any other: what the code attaches elsewhere
                // must be in the list too, so reading both counts nothing twice that AWS would not hold).
                const kind = r.type.split('_')[2];
                // An empty list attaches nothing (it detaches what else is attached): no principal of its own.
                if (this.attachesNothing(r, where, 'policy_arns'))
                    return;
                const target = this.target(r, where, kind, `${kind}_name`);
                if (target)
                    await this.attachList(target, r, where, 'policy_arns');
                return;
            }
            case 'aws_iam_policy_attachment': {
                const found = await this.attachedPolicy(r, where, 'policy_arn');
                for (const kind of ['role', 'user', 'group'])
                    for (const target of this.targets(r, where, kind, `${kind}s`))
                        this.give(target, found);
                return;
            }
            case 'aws_iam_group_membership': {
                const group = this.target(r, where, 'group', 'group');
                if (group)
                    for (const user of this.targets(r, where, 'user', 'users'))
                        user.groups.add(group);
                return;
            }
            case 'aws_iam_user_group_membership': {
                const user = this.target(r, where, 'user', 'user');
                if (user)
                    for (const group of this.targets(r, where, 'group', 'groups'))
                        user.groups.add(group);
                return;
            }
        }
    }
    give(p, found) {
        this.given.add(found);
        (0,lists/* append */.BC)(p.documents, found.documents);
        (0,lists/* append */.BC)(p.unresolved, found.unresolved);
    }
    /**
     * A list of policy ARNs that attaches each to `p`: a role's `managed_policy_arns`, the `policy_arns`
     * of an `aws_iam_{role,user,group}_policy_attachments_exclusive`.
     */
    async attachList(p, r, where, name) {
        const attribute = where.block?.attributes.get(name);
        const items = attribute?.expr.kind === 'tuple' ? attribute.expr.items : undefined;
        const planned = Array.isArray(r.values[name]) ? r.values[name] : [];
        if (items) {
            for (const item of items)
                this.give(p, await this.policyByExpr(r, where, item));
        }
        else if (attribute) {
            // A list the code builds (`var.policy_arns`, `concat(...)`, a `for`): each ARN it holds, at its line.
            const value = (0,evaluate/* evaluate */._3)(attribute.expr, where.scope);
            const arns = value.type === 'array' ? value.items : value.type === 'null' ? [] : [value];
            // `policy_arns = [for a in aws_iam_role_policy_attachment.this : a.policy_arn]`: the ARNs of the
            // configuration's attachments, each of which gives its policy, or says why not, itself.
            const attachments = 'text' in attribute.expr && ATTACHMENTS.test(attribute.expr.text);
            for (const arn of arns) {
                if (arn.type === 'unknown' && (attachments || (arn.of !== undefined && ATTACHMENT_ARN.test(arn.of))))
                    continue;
                this.give(p, await this.policyByValue(r, where, arn, arn));
            }
        }
        else if (!where.block && unknownAttribute(r, name)) {
            // Without the code, a list known only after apply: the policies the configuration names in it.
            // (Unknown too when the code does not set it: the provider computes it. Then it names nothing.)
            const policies = this.referencedPolicies(r, name);
            for (const policy of policies)
                this.give(p, policy.doc);
            if (policies.length === 0 && discover_referencesOf(this.plan.configuration, r, name).length > 0)
                this.give(p, unresolvedAt(r, where.file, where.at, `its ${name} is known only after apply`));
        }
        else if (!where.block) {
            // Without the code, the plan's list (computed: every policy attached to the role) stands in.
            const at = where.at;
            for (const arn of planned)
                if (typeof arn === 'string')
                    this.give(p, await this.policyByArn(r, where, arn, at));
        }
    }
    /** Whether a list of policy ARNs is known to be empty (`policy_arns = []`, a variable whose default is). */
    attachesNothing(r, where, name) {
        const attribute = where.block?.attributes.get(name);
        if (attribute) {
            if (attribute.expr.kind === 'tuple')
                return attribute.expr.items.length === 0;
            const value = (0,evaluate/* evaluate */._3)(attribute.expr, where.scope);
            return value.type === 'null' || (value.type === 'array' && value.items.length === 0);
        }
        if (where.block)
            return false;
        const planned = r.values[name];
        return (!unknownAttribute(r, name) && (planned === null || (Array.isArray(planned) && planned.length === 0)));
    }
    async boundaryOf(p, r, where) {
        const found = await this.boundaryPolicy(r, where);
        if (!found)
            return;
        this.given.add(found);
        if (found.documents.length === 1)
            p.boundary = found.documents[0];
        else
            (0,lists/* append */.BC)(p.unresolved, found.unresolved.map((u) => ({ ...u, asBoundary: true })));
    }
    /** The policy a principal's `permissions_boundary` names; undefined when it has none. */
    async boundaryPolicy(r, where) {
        const attribute = where.block?.attributes.get('permissions_boundary');
        const planned = r.values.permissions_boundary;
        if (!attribute && unknownAttribute(r, 'permissions_boundary')) {
            // Without the code: a boundary policy the same change creates, named by the configuration.
            const [policy] = this.referencedPolicies(r, 'permissions_boundary');
            return (policy?.doc ??
                unresolvedAt(r, where.file, where.at, 'its permissions_boundary is known only after apply'));
        }
        if (!attribute && (typeof planned !== 'string' || planned === ''))
            return undefined;
        // `permissions_boundary = var.permissions_boundary`, null or "" by default: no boundary, as the
        // provider reads an empty ARN.
        const written = attribute && (0,evaluate/* evaluate */._3)(attribute.expr, where.scope);
        if (written && (written.type === 'null' || (written.type === 'string' && written.value === '')))
            return undefined;
        return attribute
            ? this.policyByExpr(r, where, attribute.expr)
            : this.policyByArn(r, where, planned, where.at);
    }
    /** The customer managed policies of this configuration the configuration says `r.attribute` refers to. */
    referencedPolicies(r, attribute) {
        return referencedIn(this.policies, 'aws_iam_policy.', this.plan.configuration, r, attribute);
    }
    /** The policy an attachment names by `policy_arn`. */
    async attachedPolicy(r, where, attribute) {
        const expr = where.block?.attributes.get(attribute)?.expr;
        if (expr)
            return this.policyByExpr(r, where, expr);
        const arn = r.values[attribute];
        if (typeof arn === 'string')
            return this.policyByArn(r, where, arn, where.at);
        // A policy the same change creates has no ARN before apply: the configuration's reference names it.
        const [policy] = this.referencedPolicies(r, attribute);
        if (policy)
            return policy.doc;
        const missing = this.missingArgument(r, where, attribute);
        return unresolvedAt(r, where.file, where.at, missing ?? `its ${attribute} is known only after apply`);
    }
    /** An AWS managed policy's document, from the snapshot. */
    managedDocument(r, where, arn, at, snapshot) {
        this.managedUsed = true;
        const text = (0,managed_policies/* isAwsManagedPolicyArn */.i6)(arn) ? snapshot.document(arn) : undefined;
        if (!text)
            return unresolvedAt(r, where.file, at, (0,managed_policies/* notInSnapshot */.$J)(arn, snapshot));
        return this.fromText(r, text, where.file, at, {
            kind: 'aws-managed-policy',
            arn,
            address: r.address,
            document: 'snapshot',
            version: `${snapshot.version} (${snapshot.date.slice(0, 10)})`,
        });
    }
    /** A policy named by an expression: a reference to an aws_iam_policy, or an ARN. */
    async policyByExpr(r, where, expr) {
        const address = this.addressOf(expr, where);
        const policy = address ? this.policies.get(address) : undefined;
        if (policy)
            return policy.doc;
        return this.policyByValue(r, where, (0,evaluate/* evaluate */._3)(expr, where.scope), expr.at);
    }
    /** A policy named by a value at `at`: an ARN, or the ARN of a policy this configuration creates. */
    async policyByValue(r, where, value, at) {
        // At the attachment, and where the ARN is written when another file writes it (a module's caller).
        if (value.type === 'string')
            return this.policyByArn(r, where, value.value, {
                line: at.line,
                column: at.column,
                written: value.written,
            });
        // The ARN of a policy this configuration creates, passed on (`policies = { x = aws_iam_policy.x.arn }`
        // into a module, attached there with `policy_arn = each.value`): known after apply, but which it is.
        const named = value.type === 'unknown' && value.of?.endsWith('.arn') ? value.of.slice(0, -4) : undefined;
        const created = named ? this.policies.get(named) : undefined;
        if (created)
            return created.doc;
        const what = value.type === 'null' ? 'null' : `a ${value.type === 'array' ? 'list' : value.type}`;
        return unresolvedAt(r, where.file, at, value.type === 'unknown' ? value.why : `${what}, not a policy ARN`);
    }
    async policyByArn(r, where, written, at) {
        const source = this.options.fromCode ? 'this configuration' : 'this plan';
        if (written === '')
            return unresolvedAt(r, where.file, at, `${source} gives this policy ARN no value`);
        // Not an ARN, which the AWS provider refuses: most often a reference written in quotes.
        if (!written.startsWith('arn:')) {
            const quoted = QUOTED_REFERENCE.test(written)
                ? `: a reference in quotes is text; write ${written} without them`
                : '';
            return unresolvedAt(r, where.file, at, `"${written}" is not a policy ARN${quoted}`);
        }
        // `arn:${data.aws_partition.x.partition}:iam::aws:policy/…` whose partition is not known here names
        // the same AWS managed policy in any partition: read in the commercial one, as data.aws_partition is.
        const arn = written.replace(UNKNOWN_PARTITION_MANAGED, 'arn:aws:iam::aws:policy/');
        if ((0,managed_policies/* isAwsManagedPolicyArn */.i6)(arn))
            return this.managedDocument(r, where, arn, at, await this.options.managedPolicies());
        // The account data.aws_caller_identity gives, not known here, is the one a made ARN's `<account>` is.
        const defined = this.policiesByArn.get(arn) ??
            this.policiesByMadeArn.get(arn) ??
            this.policiesByMadeArn.get(arn.replace(CALLER_ACCOUNT, '$1<account>:'));
        if (defined)
            return defined;
        const found = unresolvedAt(r, where.file, at, defined === null
            ? `${arn} is the ARN of more than one policy of ${source}, by names that hold a value not known here`
            : `${arn} is a policy ${source} does not define`);
        return { ...found, unresolved: found.unresolved.map((u) => ({ ...u, policyArn: arn })) };
    }
    /**
     * The principal an attribute (`role`, `user`, `group`) names: by reference, else by name or ARN, else
     * one this configuration does not define (policies attached to existing roles and groups count too).
     */
    target(r, where, kind, attribute) {
        const expr = where.block?.attributes.get(attribute)?.expr;
        const byRef = expr && this.addressOf(expr, where);
        const found = (byRef && this.principals.get(byRef)) ||
            this.byName(kind, r.values[attribute], this.accountOf(r, where)) ||
            (expr ? undefined : this.referenced(r, kind, attribute)[0]);
        if (found)
            return found;
        const planned = r.values[attribute];
        const evaluated = expr ? (0,evaluate/* evaluate */._3)(expr, where.scope) : undefined;
        const name = typeof planned === 'string' && planned !== ''
            ? planned
            : evaluated?.type === 'string'
                ? evaluated.value
                : undefined;
        const why = this.missingArgument(r, where, attribute) ?? this.whyNotKnown(evaluated);
        return this.outside(kind, name, r, where, attribute, why, evaluated);
    }
    /**
     * From the code alone, a required argument its block does not set (`policy_arn`, `role`): Terraform
     * refuses the configuration ("Missing required argument"), so that is the mistake to name, not a value
     * known only after apply; with what the block sets that its type does not take (`roles`, `policy`).
     */
    missingArgument(r, where, attribute) {
        const block = where.block;
        if (!this.options.fromCode || !block || block.attributes.has(attribute))
            return undefined;
        const known = ARGUMENTS[r.type]?.all;
        const foreign = known
            ? [...block.attributes.keys()].filter((k) => !known.includes(k) && !META_ARGUMENTS.has(k))
            : [];
        const instead = foreign.length === 0
            ? ''
            : `, but sets ${foreign.map((k) => `\`${k}\``).join(', ')}, which that type does not take`;
        return `it has no \`${attribute}\`, which ${r.type} requires${instead}: \`terraform validate\` refuses it`;
    }
    /**
     * From the code alone, why a value does not say who (`aws_iam_role.app is not in the plan`, a module's
     * output): a plan's unknown value is known after apply, but code that cannot be followed is not.
     */
    whyNotKnown(evaluated) {
        const unknown = (0,evaluate/* unknownIn */.e3)(evaluated);
        if (!this.options.fromCode || !unknown || unknown.why.includes('after apply'))
            return undefined;
        return unknown.why.startsWith(unknown.text) ? unknown.why : `${unknown.text}: ${unknown.why}`;
    }
    /**
     * The account a resource instance is made in: its provider's (ModuleScope.providerAccount from the
     * code; without the code, what the plan records of the provider configuration), else the run's.
     */
    accountOf(r, where) {
        if (where.block)
            return where.scope.providerAccount(where.block) ?? this.account;
        return providerAccountIn(this.plan, r) ?? this.account;
    }
    /**
     * A role, user or group the configuration attaches policies to but does not define: by its name, in the
     * account, an existing principal; with no known name, a placeholder whose policies stand as written and
     * which says why it has no ARN. The placeholder is named after what the name is, when that is known
     * (`evaluated`'s `of`: a module output, a root variable), so that what attaches to one unknown role
     * (Wellcome's storage service gives one ECS task role a queue's, a topic's and a bucket's policies) is
     * one principal; else after the attachment.
     */
    outside(kind, name, r, where, attribute, why, evaluated) {
        // An empty name (`users = [""]`, fugue/regula's tests) is one IAM refuses, not one to be known later.
        const refused = name !== undefined && (0,vocabulary_accounts/* refusedName */.yy)(name);
        const named = refused ? undefined : name;
        const origin = evaluated?.type === 'unknown' ? evaluated.of : undefined;
        const arn = named?.startsWith('arn:')
            ? named
            : `arn:aws:iam::${this.accountOf(r, where)}:${kind}/${named || `\${${origin ?? `${r.address}.${attribute}`}}`}`;
        const key = `outside ${arn}`;
        const known = this.principals.get(key);
        if (known)
            return known;
        const draft = {
            kind,
            resource: r,
            where,
            names: new Set(named ? [named] : []),
            arn,
            lifecycle: arn.includes('${') || arn.includes('<account>') ? 'unknown' : 'exists',
            documents: [],
            unresolved: named
                ? []
                : [
                    {
                        file: where.file,
                        line: where.at.line,
                        column: where.at.column,
                        address: r.address,
                        reason: refused
                            ? `it names a ${kind} ${JSON.stringify(name)} (${name === '' ? 'an empty name' : 'not a name'}, which IAM refuses); expected the ${kind}'s name`
                            : why
                                ? `the ${kind} it applies to is not known here: ${why}`
                                : `the ${kind} it applies to is known only after apply`,
                        principalUnknown: true,
                    },
                ],
            boundary: null,
            groups: new Set(),
        };
        this.addDraft(key, draft);
        return draft;
    }
    targets(r, where, kind, attribute) {
        const expr = where.block?.attributes.get(attribute)?.expr;
        // Once for the resource, not per name: from the code it follows the provider through module calls.
        const account = this.accountOf(r, where);
        const list = (0,hcl.bare)(expr);
        if (list?.kind === 'tuple') {
            return list.items.flatMap((item) => {
                const address = this.addressOf(item, where);
                const byRef = address ? this.principals.get(address) : undefined;
                if (byRef)
                    return [byRef];
                const value = (0,evaluate/* evaluate */._3)(item, where.scope);
                // A list in the list (`roles = ["${var.roles}"]`, Terraform 0.11's way to write a list): its
                // names, as Terraform 0.11 read it, where later versions refuse the list of lists.
                const values = value.type === 'array' ? value.items : [value];
                return values.map((value) => {
                    const name = value.type === 'string' ? value.value : undefined;
                    const byName = this.byName(kind, name, account);
                    if (byName)
                        return byName;
                    return this.outside(kind, name, r, where, attribute, this.whyNotKnown(value), value);
                });
            });
        }
        const planned = r.values[attribute];
        const named = (Array.isArray(planned) ? planned : []).flatMap((name) => {
            const found = this.byName(kind, name, account);
            if (found || typeof name !== 'string')
                return found ? [found] : [];
            return [this.outside(kind, name, r, where, attribute)];
        });
        // A list the code builds from what is not known here (`users = var.users` given module outputs):
        // who gets the policy is not known, and a placeholder says so rather than nobody getting it.
        if (expr && !Array.isArray(planned)) {
            const value = (0,evaluate/* evaluate */._3)(expr, where.scope);
            if ((0,evaluate/* unknownIn */.e3)(value))
                return [...named, this.outside(kind, undefined, r, where, attribute, this.whyNotKnown(value), value)];
        }
        // Names the plan does not know yet (principals the same change creates): the configuration's
        // references say which they are, when the code that writes them is not here to read.
        const later = typeof r.unknown === 'object' && r.unknown !== null
            ? r.unknown[attribute]
            : undefined;
        if (expr || !(later === true || (Array.isArray(later) && later.includes(true))))
            return named;
        const referenced = this.referenced(r, kind, attribute);
        if (referenced.length === 0)
            return [...named, this.outside(kind, undefined, r, where, attribute)];
        return [...new Set([...named, ...referenced])];
    }
    /** A principal found, kept by its key and indexed by each of its names and its ARN for byName. */
    addDraft(key, draft) {
        this.principals.set(key, draft);
        for (const name of new Set([...draft.names, draft.arn]))
            (0,lists/* kept */.LP)(this.principalsByName, `${draft.kind}\u0000${name}`, () => []).push(draft);
    }
    /**
     * The principal of this kind a name (or ARN) names, in `account`: a name is unique in one account, and
     * two module calls through providers of two accounts make two roles of one name. When the account is
     * not known here (`<account>`), the only principal of that name, if there is one. Looked up, not
     * searched for: thousands of policies may name thousands of roles.
     */
    byName(kind, name, account) {
        if (typeof name !== 'string')
            return undefined;
        const named = [];
        for (const p of this.principalsByName.get(`${kind}\u0000${name}`) ?? []) {
            if ((0,vocabulary_accounts/* accountOf */.XP)(p.arn) === account || p.arn === name)
                return p;
            if (account === '<account>')
                named.push(p);
        }
        return named.length === 1 ? named[0] : undefined;
    }
    /**
     * Without the code, the principals the plan's configuration says an attribute refers to: a role this
     * change creates has no name or id before apply, but `role = aws_iam_role.app.id` is recorded as a
     * reference to `aws_iam_role.app` (a list, `roles = [aws_iam_role.a.name, aws_iam_role.b.name]`, as
     * references to each).
     */
    referenced(r, kind, attribute) {
        return referencedIn(this.principals, `aws_iam_${kind}.`, this.plan.configuration, r, attribute);
    }
    /**
     * The resource instance an expression such as `aws_iam_role.app.name` refers to; through `try()`,
     * `one()` and `coalesce()`, the first of their arguments that refers to one
     * (`role = try(aws_iam_role.this[0].id, "")`, as modules write it for a role they may not create);
     * through a conditional, the result its condition chooses (`length(aws_iam_role.this) > 0 ?
     * aws_iam_role.this[0].id : null`), or, when the condition is not known, the one both results refer
     * to, or the one that is not null.
     */
    addressOf(written, where) {
        const expr = (0,hcl.bare)(written);
        if (expr.kind === 'conditional') {
            const test = (0,evaluate/* evaluate */._3)(expr.test, where.scope);
            if (test.type === 'boolean')
                return this.addressOf(test.value ? expr.then : expr.otherwise, where);
            // `var.enabled ? aws_iam_role.this[0].name : null`: the role, which is taken as made when its
            // count is not known (null names no one to attach to).
            if ((0,evaluate/* isNull */.kZ)(expr.otherwise))
                return this.addressOf(expr.then, where);
            if ((0,evaluate/* isNull */.kZ)(expr.then))
                return this.addressOf(expr.otherwise, where);
            const either = this.addressOf(expr.then, where);
            return either !== undefined && either === this.addressOf(expr.otherwise, where) ? either : undefined;
        }
        if (expr.kind === 'call' && PASSING_FUNCTIONS.has(expr.name)) {
            for (const arg of expr.args) {
                const address = this.addressOf(arg, where);
                if (address)
                    return address;
            }
            // `element(split("/", aws_iam_role.app.arn), 1)` passes on no argument: it takes the name out of one.
            if (expr.name !== 'element')
                return undefined;
        }
        // A module's output or a local that passes on a principal's attribute known after apply (`role =
        // module.app.id`, the output `aws_iam_role.this[0].id`; `user = local.username`, the local
        // `join("", aws_iam_user.default.*.name)`; `role = basename(var.role_arn)` of a role's ARN passed
        // in, or `split("/", aws_iam_role.app.arn)[1]`): the principal it comes from.
        if ((expr.kind === 'traversal' && (expr.root === 'module' || expr.root === 'local')) ||
            (expr.kind === 'call' && (expr.name === 'basename' || expr.name === 'element')) ||
            expr.kind === 'steps') {
            const value = (0,evaluate/* evaluate */._3)(expr, where.scope);
            const of = value.type === 'unknown' ? value.of : undefined;
            const dot = of?.lastIndexOf('.') ?? -1;
            return of && NAMING_ATTRIBUTES.has(of.slice(dot + 1)) ? of.slice(0, dot) : undefined;
        }
        if (expr.kind !== 'traversal' || !expr.root.startsWith('aws_') || expr.steps.length < 2)
            return undefined;
        // The legacy splat, then an index (`aws_iam_role.this.*.id[0]`): the id of `aws_iam_role.this[0]`.
        const [splat, named, index] = expr.steps.slice(-3);
        if (splat?.kind === 'splat' && named?.kind === 'attr' && index?.kind === 'index')
            return this.addressOf({ ...expr, steps: [...expr.steps.slice(0, -3), index, named] }, where);
        const last = expr.steps[expr.steps.length - 1];
        if (last?.kind !== 'attr')
            return undefined;
        const evaluated = (0,evaluate/* evaluate */._3)({ ...expr, steps: expr.steps.slice(0, -1), text: expr.text }, where.scope);
        // A splat of a counted resource's one instance (`one(aws_iam_role.this[*].name)`) names that instance.
        const value = evaluated.type === 'array' && evaluated.items.length === 1 ? evaluated.items[0] : evaluated;
        if (value.type === 'unknown')
            return this.standIn(value.of);
        if (value.type !== 'object')
            return undefined;
        const address = value.values[value.keys.findIndex((k) => k.value === evaluate/* ADDRESS_KEY */.TQ)];
        return address?.type === 'string' ? address.value : undefined;
    }
    /**
     * The principal an instance key names (`aws_iam_role.x[""]`, `aws_iam_role.x["app"]`) when its
     * resource's for_each is not known here: read from the code, such a resource is one instance without a
     * key, which stands for each (uktrade's `for_each = toset(local.cdn_enabled ? [""] : [])`).
     */
    standIn(of) {
        if (of === undefined)
            return undefined;
        const cut = of.endsWith('"]') ? of.lastIndexOf('["') : of.lastIndexOf('.');
        const draft = cut > 0 ? this.principals.get(of.slice(0, cut)) : undefined;
        const keyless = draft?.resource.index === undefined && draft?.where.block?.attributes.has('for_each');
        return keyless ? of.slice(0, cut) : undefined;
    }
    /** An aws_iam_policy's document, with its ARN: a statement may name the policy it is in. */
    policyOf(r) {
        const found = this.documentAt(r, 'policy');
        const { arn } = this.iamArn(r, this.where.get(r), 'policy');
        return { ...found, documents: found.documents.map((d) => ({ ...d, arn })) };
    }
    documentAt(r, attribute) {
        const where = this.where.get(r);
        const written = where.block?.attributes.get(attribute);
        if (written)
            return this.documentFrom(r, where, written.expr, written.at, r.values[attribute]);
        const planned = r.values[attribute];
        if (typeof planned === 'string')
            return this.fromText(r, planned, where.file, where.at);
        const deferred = this.deferredDocument(r, attribute, where);
        if (deferred)
            return deferred;
        const missing = this.missingArgument(r, where, attribute);
        return unresolvedAt(r, where.file, where.at, missing ?? `its ${attribute} is known only after apply`);
    }
    /**
     * Of a plan without its code, `r.attribute` known only after apply because the configuration makes it
     * from a data "aws_iam_policy_document" whose read the plan defers (renderDeferredDocument): that
     * document, at the data source's line in the plan; undefined when the attribute is made otherwise.
     */
    deferredDocument(r, attribute, where) {
        return unknownAttribute(r, attribute) ? this.deferredDocumentAt(r, attribute, where) : undefined;
    }
    /** deferredDocument of the argument at `path` (`policy`, `inline_policy.0.policy`), whatever the plan says of it. */
    deferredDocumentAt(r, path, where) {
        const [doc, ...more] = this.deferredDocuments(r, path);
        if (!doc || more.length > 0)
            return undefined;
        const rendered = this.renderDeferred(doc, 0);
        const at = doc.at ?? where.at;
        if ('reason' in rendered)
            return unresolvedAt(r, where.file, at, `${doc.address}: ${rendered.reason}`);
        return this.fromText(r, rendered.text, where.file, at);
    }
    /** The data "aws_iam_policy_document" instances the plan reads at apply that `r.path` refers to. */
    deferredDocuments(r, path) {
        this.documentSources ??= new Map(this.plan.resources
            .filter((d) => d.mode === 'data' && d.type === 'aws_iam_policy_document')
            .map((d) => [d.address, d]));
        const docs = referencedIn(this.documentSources, 'data.aws_iam_policy_document.', this.plan.configuration, r, path);
        return docs.filter((doc) => typeof doc.values.json !== 'string');
    }
    /** A deferred document rendered (renderDeferredDocument), with the deferred documents it merges. */
    renderDeferred(doc, depth) {
        const written = configReferences(this.plan.configuration, doc);
        return renderDeferredDocument(doc.values, doc.unknown, (path) => written?.get(path) ?? [], (key) => depth >= 8
            ? [{ reason: 'documents merged more than 8 deep' }]
            : this.deferredDocuments(doc, key).map((merged) => this.renderDeferred(merged, depth + 1)));
    }
    /** A policy document from the expression that writes it, else from the plan's value, else unresolved. */
    documentFrom(r, where, expr, at, planned) {
        const value = (0,evaluate/* evaluate */._3)(expr, where.scope);
        const copied = this.copiedManagedPolicy(r, where, expr, value);
        if (copied)
            return copied;
        const reported = this.problems.length;
        const found = this.fromValue(r, value, where.file);
        // Past the budget of values, what follows is refused too, each in its own words ("has no 1", "${[…]}"
        // is not an IAM action): the budget is why.
        const built = found.documents.length === 0 && where.scope.budget.left < 0
            ? { ...found, unresolved: found.unresolved.map((u) => ({ ...u, reason: evaluate/* TOO_MANY_VALUES */.S8 })) }
            : found;
        const [doc] = built.documents;
        if (doc && built.documents.length === 1) {
            const context = {
                file: where.file,
                module: where.scope.at.module,
                textOf: (f) => this.code.textOf(f),
            };
            const site = editSiteOf(expr, context, doc);
            return site ? { ...built, documents: [{ ...doc, site }] } : built;
        }
        // An error in the code is said once, where the code writes it; a document made for an instance assumed
        // to exist is not one the plan's text would mend; nor, when there is no plan (its text is made from
        // the same code), is code cut short by a bound or JSON text that holds a value not known here.
        const settled = this.problems.length > reported ||
            (value.type === 'string' && value.uncertain !== undefined) ||
            (this.options.fromCode &&
                (built.unresolved.some((u) => (0,evaluate/* isCutShort */.zy)(u.reason) || u.reason.includes(EMPTIED)) ||
                    (value.type === 'string' && value.holds !== undefined)));
        if (built.documents.length > 0 || settled || typeof planned !== 'string')
            return built;
        // The code could not be followed (a module output, an unsupported expression): the plan knows it.
        return this.fromText(r, planned, where.file, at);
    }
    /**
     * `policy = data.aws_iam_policy.vpc[0].policy` of a `data "aws_iam_policy"` that the plan does not hold:
     * the document of the AWS managed policy its `arn` names, from the snapshot.
     */
    copiedManagedPolicy(r, where, written, value) {
        const expr = (0,hcl.bare)(written);
        if (value.type !== 'unknown' || !value.of || !isDataPolicyAddress(value.of) || expr.kind !== 'traversal')
            return undefined;
        const last = expr.steps.length - 1;
        const arn = (0,evaluate/* evaluate */._3)({ ...expr, steps: [...expr.steps.slice(0, last), { kind: 'attr', name: 'arn' }] }, where.scope);
        const snapshot = this.code.managedPolicies;
        if (arn.type !== 'string' || !snapshot)
            return undefined;
        // Written in an override file: at the block it changes, and at its line there.
        const at = written.kind === 'elsewhere'
            ? { ...written.at, written: { file: written.file, line: expr.at.line, column: expr.at.column } }
            : expr.at;
        return this.managedDocument(r, where, arn.value, at, snapshot);
    }
    fromValue(r, value, file) {
        const source = { kind: 'terraform', address: r.address };
        const checked = (parsed) => value.type === 'string' && value.holds && !parsed.policy
            ? unresolvedAt(r, file, value, notJsonWith(value.holds, parsed.problems))
            : this.checked(r, file, value, parsed, source, value.type === 'string' ? value.uncertain : undefined);
        if (value.type === 'unknown')
            return unresolvedAt(r, file, value, value.why);
        if (value.type !== 'string')
            return unresolvedAt(r, file, value, 'the policy is not a JSON string');
        if (value.encoded) {
            const cut = (0,evaluate/* cutShortIn */.yu)(value.encoded);
            if (cut)
                return unresolvedAt(r, file, value, cut);
            return checked((0,parse_policy/* policyFromTree */.pD)(value.encodedIn ?? file, (0,evaluate/* toJsonNode */.A6)(value.encoded)));
        }
        // A heredoc, file() or templatefile(): the document's lines are where the text's origin says.
        if (value.origin) {
            const found = checked(relined((0,parse_policy/* parsePolicy */.ON)(value.origin.file ?? file, value.value), value.origin));
            if (!value.origin.template)
                return found;
            return { ...found, documents: found.documents.map((d) => ({ ...d, templated: true })) };
        }
        return this.fromText(r, value.value, file, value, undefined, value.uncertain);
    }
    /** A policy given as JSON text with no lines of its own (the plan's value, a managed policy): at `at`. */
    fromText(r, text, file, at, source, uncertain) {
        if (text.trim() === '')
            return unresolvedAt(r, file, at, 'the plan gives this policy no text');
        // An AWS managed policy is the same text at every attachment (ReadOnlyAccess on a thousand roles):
        // parsed once, placed at each.
        const parsed = source?.kind === 'aws-managed-policy'
            ? (0,lists/* kept */.LP)((0,lists/* kept */.LP)(this.managedParses, file, () => new Map()), text, () => (0,parse_policy/* parsePolicy */.ON)(file, text))
            : (0,parse_policy/* parsePolicy */.ON)(file, text);
        const placed = parsed.policy ? { ...parsed, policy: (0,place/* placePolicyAt */.zq)(parsed.policy, at) } : parsed;
        return this.checked(r, file, at, placed, source ?? { kind: 'terraform', address: r.address }, uncertain);
    }
    /**
     * A parsed document, or why not: a placeholder where an action belongs is unresolved, as is a document
     * made for an instance assumed to exist (`uncertain` says why it may not), anything else an error.
     */
    checked(r, file, at, parsed, source, uncertain) {
        if (parsed.policy)
            return { documents: [{ ...parsed.policy, source }], unresolved: [] };
        const [first] = parsed.problems;
        if (parsed.problems.some((p) => p.message.includes('${')))
            return unresolvedAt(r, file, at, first?.message ?? 'values known only after apply');
        const assumed = uncertain ?? (r.assumed && `${r.address}: ${r.assumed}`);
        if (assumed)
            return unresolvedAt(r, file, at, `${assumed}; as one instance, ${first?.message ?? 'its policy is not valid'}`);
        // From the code alone, a list a statement needs that comes out empty (`resources = [for p in
        // var.projects : …]`, the variable `[]` by default, its values in a tfvars file kept out of the
        // repository), or a document's statements (`source_policy_documents = var.documents`): AWS refuses
        // that, so the deployment gives other values. Not the code's mistake to stop the run for, as a list
        // written empty (`resources = []`) is.
        if (first && parsed.problems.every((p) => this.emptiedByValues(p)))
            return unresolvedAt(r, first.file ?? file, { line: first.line ?? at.line, column: first.column ?? at.column }, `${first.message.replace(parse_policy/* EMPTY_ENTRIES */.jF, 'comes out empty').replace(parse_policy/* EMPTY_STATEMENTS */.ZW, 'comes out empty')} ${EMPTIED} (variable defaults, terraform.tfvars): ` +
                `AWS refuses such a ${first.message.endsWith(parse_policy/* EMPTY_STATEMENTS */.ZW) ? 'policy' : 'statement'}, so the deployment gives others; set them in a .auto.tfvars file, or read a plan`);
        (0,lists/* append */.BC)(this.problems, parsed.problems.map((p) => ({ ...p, message: `${r.address}: ${p.message}` })));
        return { documents: [], unresolved: [] };
    }
    /**
     * From the code alone, a statement's list, or a document's statements, empty with the values at hand:
     * an expression made it so, or a variable's value (its default, a tfvars file) is empty; not a list
     * written empty (`[]`) where the code builds the document.
     */
    emptiedByValues(problem) {
        const emptied = problem.message.endsWith(parse_policy/* EMPTY_ENTRIES */.jF) || problem.message.endsWith(parse_policy/* EMPTY_STATEMENTS */.ZW);
        if (!this.options.fromCode || !emptied || problem.file === undefined)
            return false;
        if (/\.tfvars(\.json)?$/.test(problem.file))
            return true;
        const text = this.code.textOf(problem.file);
        if (text === undefined || problem.line === undefined)
            return false;
        const line = text.split('\n', problem.line)[problem.line - 1] ?? '';
        const column = (problem.column ?? 1) - 1;
        return !/^\[\s*(\]|$)/.test(line.slice(column)) || /^\s*default\s*=\s*$/.test(line.slice(0, column));
    }
    async moduleInstance(address) {
        const cached = this.modules.get(address);
        if (cached)
            return cached;
        let instance;
        if (address === '') {
            instance = {
                address: '',
                key: [],
                module: await this.code.module(this.code.rootDir),
                config: this.plan.configuration,
                parent: undefined,
                call: undefined,
                index: undefined,
            };
        }
        else {
            const match = /^(.*?)(?:\.)?module\.([^.[]+)(?:\[("(?:[^"\\]|\\.)*"|\d+)\])?$/.exec(address);
            const parentAddress = match?.[1] ?? '';
            const name = match?.[2] ?? '';
            const rawIndex = match?.[3];
            const parent = await this.moduleInstance(parentAddress);
            const call = parent.config?.calls.get(name);
            const key = [...parent.key, name];
            const dir = call ? this.code.childDir(parent.module.dir, key, call.source) : undefined;
            instance = {
                address,
                key,
                module: await this.code.module(dir),
                config: call?.module,
                parent,
                call: parent.module.calls.get(name),
                index: rawIndex === undefined
                    ? undefined
                    : rawIndex.startsWith('"')
                        ? JSON.parse(rawIndex)
                        : Number(rawIndex),
            };
        }
        this.modules.set(address, instance);
        return instance;
    }
}
/**
 * The `module` block, in code that is here, that leads to a module instance whose own code is not; with
 * `own`, the one in the repository's own code, not in code `terraform init` installed.
 */
function nearestCall(instance, own = false) {
    for (let at = instance; at; at = at.parent)
        if (at.call && !(own && (0,terraform_modules/* installedCode */.EF)(at.call.file)))
            return at.call;
    return undefined;
}
/** The attributes of a role, user or group that name it to an attachment. */
const NAMING_ATTRIBUTES = new Set(['id', 'name', 'arn', 'unique_id']);
/**
 * Why a policy whose text holds a value not known here is not read: in the JSON, where the placeholder
 * stands as text, Terraform writes the value itself (`"Resource": ${jsonencode(var.arns)}`, a list).
 */
function notJsonWith(holds, problems) {
    const [first] = problems;
    const where = first
        ? ` (${first.file}${first.line === undefined ? '' : `:${first.line}`}: ${first.message})`
        : '';
    return `${holds.why}, and the JSON text writes it (${(0,vocabulary_problems/* quote */.hD)(holds.text)}) where only its value is valid JSON${where}`;
}
function unresolvedAt(r, file, at, reason) {
    return {
        documents: [],
        unresolved: [{ file, line: at?.line ?? 1, column: at?.column ?? 1, address: r.address, reason }],
    };
}
/** The instance keys of an address (`[0]`, `["app"]`): what `module.db[0].module.instance` has over its call. */
const INSTANCE_KEYS = /\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/g;
/** A document parsed from a string's text, its lines and problems where the text's origin has them. */
function relined(parsed, origin) {
    const lineOf = (n) => (0,evaluate/* lineIn */.Wg)(origin, n);
    return {
        problems: parsed.problems.map((p) => p.line === undefined
            ? p
            : p.column === undefined
                ? { ...p, line: lineOf(p.line) }
                : { ...p, ...(0,evaluate/* placeIn */.VV)(origin, { line: p.line, column: p.column }) }),
        ...(parsed.policy && {
            policy: origin.columns
                ? (0,place/* movePolicy */.gE)(parsed.policy, (at) => (0,evaluate/* placeIn */.VV)(origin, at))
                : (0,place/* relinePolicy */.sJ)(parsed.policy, lineOf),
        }),
    };
}
function dedupe(documents) {
    // Written out in full only where two could be the same: an AWS managed policy's statements are
    // thousands of actions, and a role has one of each document most of the time.
    const shape = (d) => `${d.file}\u0000${d.statements.length}\u0000${d.statements[0]?.line}`;
    const shapes = new Map();
    for (const d of documents)
        shapes.set(shape(d), (shapes.get(shape(d)) ?? 0) + 1);
    const seen = new Set();
    return documents.filter((d) => {
        if (shapes.get(shape(d)) === 1)
            return true;
        const key = `${d.file}\u0000${JSON.stringify(d.statements)}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
/** Text that reads as a Terraform reference (`aws_iam_policy.app.arn`, `var.policy_arn`), not as a value. */
const QUOTED_REFERENCE = /^(?:aws_[a-z0-9_]+|data\.aws_[a-z0-9_]+|module|var|local)\.[\w-]+(?:\.[\w-]+|\[[^\]]*\])*$/;
/** An account the plan already names (an existing resource's ARN), for ARNs of principals to be created. */
function accountIn(plan) {
    // Of a resource made through the configuration's own provider: an alias's may be another account.
    for (const r of plan.resources) {
        if (providerAccountIn(plan, r) !== undefined)
            continue;
        const arn = r.values.arn;
        const match = typeof arn === 'string' ? /^arn:aws[\w-]*:iam::(\d{12}):/.exec(arn) : null;
        if (match)
            return match[1];
        if (r.type === 'aws_caller_identity' && typeof r.values.account_id === 'string')
            return r.values.account_id;
    }
    return undefined;
}
/**
 * What the plan's configuration says a resource's attribute refers to (its `references`), among the
 * resources of `found` (by address) whose type starts `type`: of a resource's several instances, the one
 * the reference indexes, else the one of the same key as `r`, else the only one. A module's output
 * (`module.boundary.policy_arn`) is followed to what the output refers to in that module, and a module's
 * input variable (`var.policy_arn`) to what its caller gives it: the policy a module creates and another
 * attaches has no ARN before apply, in any module.
 */
function referencedIn(found, type, configuration, r, attribute) {
    const out = new Set();
    const follow = (module, refs, depth) => {
        if (depth > 16)
            return;
        const prefix = module ? `${module}.` : '';
        for (const ref of refs) {
            const [, resource, index] = REFERENCE.exec(ref) ?? [];
            if (resource?.startsWith(type)) {
                const base = `${prefix}${resource}`;
                let one = found.get(`${base}${index ?? ''}`);
                if (!one && index === undefined) {
                    if (r.index !== undefined)
                        one = found.get(`${base}[${JSON.stringify(r.index)}]`);
                    const instances = one ? [] : discover_instancesOf(found, base);
                    if (instances.length === 1)
                        one = instances[0];
                }
                if (one)
                    out.add(one);
                continue;
            }
            const [, call, key, output] = MODULE_OUTPUT.exec(ref) ?? [];
            if (call !== undefined && output !== undefined) {
                const outputRefs = configAt(configuration, module)?.calls.get(call)?.module.outputs?.get(output);
                if (!outputRefs)
                    continue;
                const instance = `${prefix}module.${call}`;
                const instances = key !== undefined ? [`${instance}${key}`] : moduleInstancesOf(found, instance);
                const chosen = instances.length === 1
                    ? instances
                    : instances.filter((i) => r.index !== undefined && i === `${instance}[${JSON.stringify(r.index)}]`);
                for (const child of chosen)
                    follow(child, outputRefs, depth + 1);
                continue;
            }
            const variable = /^var\.([\w-]+)$/.exec(ref)?.[1];
            const last = module.lastIndexOf('module.');
            if (variable === undefined || last < 0)
                continue;
            const parent = module.slice(0, Math.max(0, last - 1));
            const [name] = moduleNames(module.slice(last));
            const inputRefs = name && configAt(configuration, parent)?.calls.get(name)?.inputs?.get(variable);
            if (inputRefs)
                follow(parent, inputRefs, depth + 1);
        }
    };
    follow(r.module, discover_referencesOf(configuration, r, attribute), 0);
    return [...out];
}
/** What the plan's configuration says `r`'s attribute refers to (its `references`), in `r`'s module. */
function discover_referencesOf(configuration, r, attribute) {
    return configReferences(configuration, r)?.get(attribute) ?? [];
}
/** The `references` of each of `r`'s arguments, by its path (`policy`, `statement.0.resources`). */
function configReferences(configuration, r) {
    const local = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
    return configAt(configuration, r.module)?.references?.get(local);
}
/** Whether the plan says `r`'s attribute `name` is known only after apply. */
function unknownAttribute(r, name) {
    return isObject(r.unknown) && r.unknown[name] === true;
}
/** A reference to a module's output: `module.name.output`, `module.name["key"].output`. */
const MODULE_OUTPUT = /^module\.([\w-]+)(\[(?:\d+|"(?:[^"\\]|\\.)*")\])?\.([\w-]+)/;
/**
 * The instances of the module call `instance` (`module.a`, `module.a["x"]`) that hold resources of
 * `found`, looked for once per map and call, as instancesOf does.
 */
const moduleInstanceLists = new WeakMap();
function moduleInstancesOf(found, instance) {
    let byCall = moduleInstanceLists.get(found);
    if (!byCall) {
        byCall = new Map();
        moduleInstanceLists.set(found, byCall);
    }
    let list = byCall.get(instance);
    if (!list) {
        const instances = new Set();
        for (const address of found.keys()) {
            if (!address.startsWith(instance))
                continue;
            const rest = address.slice(instance.length);
            if (rest.startsWith('.'))
                instances.add(instance);
            else if (rest.startsWith('[')) {
                const key = /^\[(?:\d+|"(?:[^"\\]|\\.)*")\]\./.exec(rest)?.[0];
                if (key)
                    instances.add(`${instance}${key.slice(0, -1)}`);
            }
        }
        list = [...instances];
        byCall.set(instance, list);
    }
    return list;
}
/**
 * The resources of `found` that are `base` or an instance of it (`base[0]`, `base["a"]`), looked for once
 * per map and base: references written without an index, one per policy of thousands, each looked through
 * all the plan's principals.
 */
const instanceLists = new WeakMap();
function discover_instancesOf(found, base) {
    let byBase = instanceLists.get(found);
    if (!byBase) {
        byBase = new Map();
        instanceLists.set(found, byBase);
    }
    let list = byBase.get(base);
    if (!list) {
        const matching = [];
        for (const [address, value] of found)
            if (address === base || address.startsWith(`${base}[`))
                matching.push(value);
        list = matching;
        byBase.set(base, list);
    }
    return list;
}
/** The account the plan's provider configuration of `r` names (Plan.providerAccounts). */
function providerAccountIn(plan, r) {
    const local = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
    const key = configAt(plan.configuration, r.module)?.providers?.get(local);
    return key === undefined ? undefined : plan.providerAccounts?.get(key);
}
/** The configuration of the module a module instance address (`module.a["x"].module.b`) is of. */
/**
 * Of a module instance's calls whose code is not read, those given each resource (`aws_iam_policy.app`):
 * what their inputs refer to, indexed once per module instance, each call one record however many
 * resources it is given (a module of 2,000 policies, each given to 1,500 calls, held 3 million).
 */
function unreadCallsGiven(config, prefix) {
    return (0,lists/* kept */.LP)((0,lists/* kept */.LP)(UNREAD_CALLS_GIVEN, config, () => new Map()), prefix, () => {
        const given = new Map();
        for (const [name, call] of config.calls) {
            if (!call.unread)
                continue;
            const resources = new Set();
            for (const refs of call.inputs?.values() ?? [])
                for (const ref of refs) {
                    const second = ref.indexOf('.', ref.indexOf('.') + 1);
                    resources.add(second < 0 ? ref : ref.slice(0, second));
                }
            const unread = { address: `${prefix}module.${name}`, ...call.unread };
            for (const resource of resources)
                (0,lists/* kept */.LP)(given, resource, () => []).push(unread);
        }
        return given;
    });
}
const UNREAD_CALLS_GIVEN = new WeakMap();
function configAt(configuration, module) {
    let config = configuration;
    for (const name of moduleNames(module))
        config = config?.calls.get(name)?.module;
    return config;
}
/**
 * Whether an address is a `data "aws_iam_policy"` instance's policy (`data.aws_iam_policy.x.policy`,
 * `module.m.data.aws_iam_policy.x["k"].policy`): what /(^|\.)data\.aws_iam_policy\.[^.[]+(\[[^\]]*\])?\.policy$/
 * answers, read back from the end. That RegExp is tried from each `.` and reads an instance key on to
 * its end from each: quadratic in a key of many (a key is any text the code writes; 40,000 took 23 s).
 */
function isDataPolicyAddress(address) {
    if (!address.endsWith(POLICY_SUFFIX))
        return false;
    const end = address.length - POLICY_SUFFIX.length;
    if (endsWithDataPolicy(address, end))
        return true;
    if (address.charCodeAt(end - 1) !== CLOSE_BRACKET)
        return false;
    // An instance key holds no `]`: it opens at a `[` after the `]` before its own.
    const after = address.lastIndexOf(']', end - 2) + 1;
    for (let open = address.indexOf('[', after); open >= 0 && open < end - 1; open = address.indexOf('[', open + 1))
        if (endsWithDataPolicy(address, open))
            return true;
    return false;
}
/**
 * Whether `address` up to `end` ends with `data.aws_iam_policy.NAME` at its start or after a `.`, NAME
 * holding no `.` or `[`: walked back to the nearest `.` or `[` only, so the walks from the `[` of
 * isDataPolicyAddress do not cross.
 */
function endsWithDataPolicy(address, end) {
    let i = end - 1;
    while (i >= 0 && address.charCodeAt(i) !== DOT && address.charCodeAt(i) !== OPEN_BRACKET)
        i--;
    if (i < 0 || i === end - 1 || address.charCodeAt(i) !== DOT)
        return false;
    const start = i + 1 - DATA_POLICY_PREFIX.length;
    return (start >= 0 &&
        address.startsWith(DATA_POLICY_PREFIX, start) &&
        (start === 0 || address.charCodeAt(start - 1) === DOT));
}
const DATA_POLICY_PREFIX = 'data.aws_iam_policy.';
const POLICY_SUFFIX = '.policy';
const DOT = 46;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
/** Functions that give one of their arguments back as it is: what it refers to is what they refer to. */
const PASSING_FUNCTIONS = new Set(['try', 'one', 'coalesce', 'join', 'element']);
/**
 * A reference of the plan's configuration to a resource or data source: `aws_iam_role.app`,
 * `aws_iam_role.app[0]`, `….id`, `data.aws_iam_policy_document.p.json`.
 */
const REFERENCE = /^((?:data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)(\[(?:\d+|"(?:[^"\\]|\\.)*")\])?(?:\.|$)/;
/** The module call names of a module instance address: `module.a["x"].module.b` gives a, b. */
function moduleNames(address) {
    const bare = address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '');
    return bare === '' ? [] : bare.split('.').filter((_, i) => i % 2 === 1);
}
/** An AWS managed policy ARN whose partition is a placeholder (a value not known here). */
const UNKNOWN_PARTITION_MANAGED = /^arn:\$\{.*\}:iam::aws:policy\//;
/** An IAM ARN's account as `data.aws_caller_identity` gives it when it is not known here. */
const CALLER_ACCOUNT = /^(arn:[^:]*:iam::)\$\{data\.aws_caller_identity\.[^.}]+\.account_id\}:/;
/** The ARN an `aws_iam_{role,user,group}_policy_attachment` of the configuration attaches, by its address. */
const ATTACHMENT_ARN = /(?:^|\.)aws_iam_(?:role|user|group)_policy_attachment\.[\w-]+(?:\[[^\]]*\])?\.policy_arn$/;
/** An expression that refers to attachments of the configuration (`aws_iam_role_policy_attachment.this`). */
const ATTACHMENTS = /\baws_iam_(?:role|user|group)_policy_attachment\.[\w-]+/;
/** What the plan's configuration records of an `inline_policy` block's arguments: `inline_policy.0.policy`. */
const INLINE_POLICY_ARGUMENT = /^inline_policy\.\d+\.\w+$/;

;// CONCATENATED MODULE: ./src/sources/terraform/terragrunt.ts
// A Terragrunt unit given as a `root:`: a directory with a terragrunt.hcl and no .tf file. Terragrunt runs
// Terraform on a copy of the module its `terraform { source }` names, so that module is the configuration
// to point at; read from the unit, it can be named exactly when it is in the repository.






/** Largest terragrunt.hcl read for the hint: a unit's file is a few KiB. */
const MAX_UNIT_BYTES = 1024 * 1024;
/**
 * What to say of a root that has no .tf file, when it is a Terragrunt unit: where its module is, if the
 * repository has it (`modules/iam`), else what its source is; '' when the directory holds no terragrunt.hcl.
 */
async function terragruntHint(workspaceRoot, root, entries) {
    if (!entries.includes('terragrunt.hcl'))
        return '';
    const generic = '; it holds a terragrunt.hcl, whose terraform { source } names the module Terragrunt runs: give ' +
        "that module's directory as root:, or the JSON of a plan Terragrunt made as plan:";
    const unit = external_node_path_.posix.normalize(root);
    const shown = external_node_path_.posix.join(unit, 'terragrunt.hcl');
    const file = (0,external_node_path_.join)(workspaceRoot, shown);
    // A unit file that leads out of the workspace is not read, as no file there is.
    const workspace = external_node_fs_.realpathSync.native(workspaceRoot);
    const real = (0,paths/* realPath */.Ye)(file);
    if (real === undefined || !(0,paths/* isInside */.FK)(workspace, real))
        return generic;
    const text = (0,read_text/* readTextUpTo */.S9)(file, MAX_UNIT_BYTES);
    if (text === null)
        return generic;
    const { blocks } = await (0,hcl.parseHcl)(shown, text);
    const written = blocks.find((b) => b.type === 'terraform')?.attributes.get('source')?.expr;
    const source = written && sourceText((0,hcl.bare)(written), unit);
    if (!written || source === undefined)
        return generic;
    const at = `${shown}:${written.at.line}`;
    const local = localModule(source, unit);
    if (local === undefined)
        return `; it is a Terragrunt unit whose module comes from outside the repository (${JSON.stringify(source)}, ${at}): give the JSON of a plan Terragrunt made as plan:`;
    const module = (0,paths/* realPath */.Ye)((0,external_node_path_.join)(workspaceRoot, local));
    if (module === undefined || !(0,paths/* isInside */.FK)(workspace, module) || !hasTerraformFiles(module))
        return generic;
    return `; it is a Terragrunt unit, and its module (${at}) is ${JSON.stringify(local)}: give that directory as root:`;
}
/**
 * The source as a path text: a literal, or a template of literal text and the functions that name the
 * repository's or the unit's directory (`${get_repo_root()}/modules//iam`); undefined for anything else.
 */
function sourceText(expr, unit) {
    if (expr.kind === 'literal')
        return typeof expr.value === 'string' ? expr.value : undefined;
    if (expr.kind !== 'template')
        return undefined;
    let text = '';
    for (const part of expr.parts) {
        if (!(0,hcl.isInterpolation)(part)) {
            if (part.kind !== 'text')
                return undefined;
            text += part.text;
            continue;
        }
        const call = (0,hcl.bare)(part);
        if (call.kind !== 'call' || call.args.length > 0)
            return undefined;
        const path = DIRECTORIES[call.name]?.(unit);
        if (path === undefined)
            return undefined;
        text += path;
    }
    return text;
}
/** Terragrunt's functions of a directory, as paths from the workspace (the repository's root). */
const DIRECTORIES = {
    get_repo_root: () => '/',
    get_terragrunt_dir: (unit) => `/${unit}`,
    get_path_to_repo_root: (unit) => external_node_path_.posix.relative(unit, '.') || '.',
};
/**
 * The workspace directory of a local module source (`../../modules//iam`, `/modules/iam` from
 * get_repo_root()), or undefined for a remote one (`git::…`, `tfr:///…`, `github.com/…`) or one that
 * leaves the workspace.
 */
function localModule(source, unit) {
    const path = source.split('?')[0];
    if (/^[\w+.-]+::|^\w+:\/\/|^[\w-]+(\.[\w-]+)+\//.test(path))
        return undefined;
    // `//` separates the package from the module's directory in it; as a path, it is one directory.
    const joined = path.replace(/\/\/+/g, '/');
    const local = joined.startsWith('/') ? external_node_path_.posix.normalize(joined.slice(1) || '.') : external_node_path_.posix.join(unit, joined);
    return local === '..' || local.startsWith('../') ? undefined : local;
}
function hasTerraformFiles(dir) {
    try {
        return (0,external_node_fs_.readdirSync)(dir).some(terraform_modules/* isTerraformFile */.L5);
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/sources/terraform/terraform-source.ts
// The `terraform:` entries of the config: each plan (`terraform show -json`) with the .tf files of its
// configuration, which give every finding its line.














/** Largest plan read: a plan of thousands of resources is a few MB; more is refused, not parsed. */
const MAX_PLAN_BYTES = 256 * 1024 * 1024;

/**
 * The `terraform:` entries' principals. `parses`: where their .tf files are parsed, each once for all
 * roots (and, on a pull request, for the head and the base).
 */
function terraformSource(configFile, entries, parses = new terraform_modules/* TfParses */.n6()) {
    return {
        name: 'terraform',
        async load(workspaceRoot) {
            const principals = [];
            const problems = [];
            const notes = [];
            const secrets = [];
            for (const entry of entries) {
                const found = await loadEntry(workspaceRoot, configFile, entry, parses);
                (0,lists/* append */.BC)(principals, found.principals);
                (0,lists/* append */.BC)(problems, found.problems);
                (0,lists/* append */.BC)(notes, found.notes ?? []);
                (0,lists/* append */.BC)(secrets, found.secrets ?? []);
            }
            const [first] = entries;
            return {
                principals,
                problems,
                notes: first ? uninstalledTogether(notes, configFile, first.line) : notes,
                secrets,
            };
        },
    };
}
/** Module blocks whose code is not installed that each keep their own notice, at the block. */
const UNINSTALLED_NOTED_ALONE = 3;
/**
 * A repository read without `terraform init` has a notice at every module block from the registry (221
 * over cloudposse's terraform-aws-components): past a few, one notice at the config names them and
 * says to run it, so that they do not take the notices a run shows before the ones that matter.
 */
function uninstalledTogether(notes, configFile, line) {
    const byBlock = new Map();
    for (const note of notes) {
        const address = uninstalledModule(note);
        if (address)
            byBlock.set(`${note.file}\0${note.line}\0${note.column}`, `${address} (${note.file}:${note.line})`);
    }
    if (byBlock.size <= UNINSTALLED_NOTED_ALONE)
        return [...notes];
    return [
        ...notes.filter((note) => uninstalledModule(note) === undefined),
        {
            file: configFile,
            line,
            message: `terraform: ${(0,vocabulary_text/* thousands */.oh)(byBlock.size)} module blocks call code that is not in the workspace, so the IAM resources they create are not checked: ${(0,vocabulary_problems/* previewList */.$8)([...byBlock.values()], 5)}. ${INIT_ADVICE}`,
        },
    ];
}
async function loadEntry(workspaceRoot, configFile, entry, parses) {
    const problems = [];
    if (!entry.plan) {
        if (entry.roots)
            return loadRoots(workspaceRoot, configFile, entry, entry.roots, parses);
        if (entry.root === undefined || !(0,policy_globs/* isGlob */.fg)(entry.root))
            return loadCode(workspaceRoot, configFile, entry, entry.root ?? '.', parses);
        return loadRoots(workspaceRoot, configFile, entry, [{ pattern: entry.root, line: entry.line }], parses);
    }
    // With a plan, root: is the directory of that plan's configuration: one, not a glob of them.
    const wrongRoot = entry.root === undefined
        ? undefined
        : (0,policy_globs/* isGlob */.fg)(entry.root)
            ? `terraform: root: ${JSON.stringify(entry.root)} is a glob; with plan:, root: is the one directory of that plan's configuration (a glob of directories is taken without plan:)`
            : checkRoot(workspaceRoot, entry.root);
    if (wrongRoot)
        problems.push({ file: configFile, line: entry.line, message: wrongRoot });
    const resolved = (0,policy_globs/* resolvePolicyGlobs */.m2)(workspaceRoot, configFile, entry.plan, 'terraform: plan');
    (0,lists/* append */.BC)(problems, resolved.problems);
    if (problems.length > 0)
        return { principals: [], problems };
    const principals = [];
    const notes = [];
    const secrets = [];
    for (const file of resolved.files) {
        const from = problems.length;
        const text = (0,read_text/* readTextUpTo */.S9)((0,external_node_path_.join)(workspaceRoot, file), MAX_PLAN_BYTES);
        if (text === null) {
            problems.push({ file, line: 1, message: (0,read_text/* tooLarge */.g$)(MAX_PLAN_BYTES) });
            continue;
        }
        const { plan, problems: planProblems, notes: planNotes } = readPlan(file, text);
        (0,lists/* append */.BC)(problems, planProblems);
        (0,lists/* append */.BC)(notes, planNotes ?? []);
        if (!plan)
            continue;
        (0,lists/* append */.BC)(secrets, plan.sensitive ?? []);
        const code = new terraform_modules/* TfCode */.UY(workspaceRoot, entry.root ?? external_node_path_.posix.dirname(file), problems, entry.account, parses);
        const found = await discoverFromPlan(plan, code, {
            managedPolicies: managed_policies/* loadManagedPolicies */.y,
        });
        (0,lists/* append */.BC)(principals, found.principals);
        (0,lists/* append */.BC)(problems, found.problems);
        (0,lists/* append */.BC)(notes, code.notes);
        calledAt(code, problems, from);
    }
    return { principals, problems, notes, secrets };
}
/**
 * A problem in code `terraform init` installed (a registry module under .terraform/modules) names the
 * `module` block that calls it as well: no one edits the installed file, and the fix (another version,
 * other inputs, an issue for the module's authors) starts at that block. The problems from `from` on
 * are `code`'s.
 */
function calledAt(code, problems, from = 0) {
    for (let i = from; i < problems.length; i++) {
        const problem = problems[i];
        const call = problem.file && (0,terraform_modules/* installedCode */.EF)(problem.file) ? code.installedBy(problem.file) : undefined;
        if (!call)
            continue;
        problems[i] = {
            ...problem,
            message: `${problem.message} (in module "${call.name}", called at ${call.file}:${call.node.at.line}: code terraform init installed)`,
        };
    }
}
/**
 * `root:` a glob of directories, without `plan:` (`envs/*`, one configuration an environment): each
 * directory it matches that holds .tf files is a root of its own, in path order. Directories without
 * any (a README's, a shared `modules/`) are passed over; a glob that matches no configuration at all
 * is a problem, as a root without .tf files is.
 */
async function loadRoots(workspaceRoot, configFile, entry, globs, parses) {
    const at = { file: configFile, line: entry.line };
    const top = external_node_fs_.realpathSync.native(workspaceRoot);
    const problems = [];
    // The directories of each glob, in order; an exclusion (`!envs/legacy`) leaves out those before it
    // that it matches, and what lies beneath them, as in policies:.
    const found = new Map();
    const outside = new Map();
    // The directories a pattern names without a wildcard: roots as asked, even when another calls them.
    const named = new Set();
    let matched = false;
    let included = 0;
    for (const { pattern, line } of globs) {
        const here = { file: configFile, line };
        const wrong = (0,policy_globs/* globProblem */.AI)('terraform: root', pattern);
        if (wrong) {
            problems.push({ ...here, message: wrong });
            continue;
        }
        if (pattern.startsWith('!')) {
            const before = included === 0 ? 'none' : problems.length > 0 ? 'unmatched' : 'matched';
            const message = (0,policy_globs/* applyExclusion */.TN)('terraform: root', pattern, before, 'directory', [found, outside]);
            if (message)
                problems.push({ ...here, message });
            continue;
        }
        included++;
        // Not into .terraform/ (what terraform init installed) or other dot directories; not through a
        // symlink out of the workspace (globInside gives such links apart, unlisted).
        const walked = (0,policy_globs/* globInside */.lr)(top, pattern, { dot: false, onlyDirectories: true });
        // The workspace's top, which a glob's walk starts below: named (`.`), or under `**`, which is every
        // directory, as `live/**` is live and every directory beneath it.
        const paths = TOP.test(pattern) ? ['.', ...walked.paths] : walked.paths;
        matched ||= paths.length > 0;
        for (const path of paths) {
            const dir = external_node_path_.posix.normalize(path).replace(/\/$/, '');
            found.set(dir, dir);
            if (!(0,policy_globs/* isGlob */.fg)(pattern))
                named.add(dir);
        }
        for (const dir of walked.outside)
            outside.set(dir, dir);
        if (globs.length > 1 && paths.length === 0 && walked.outside.length === 0)
            problems.push({
                ...here,
                message: `terraform: root: ${(0,vocabulary_problems/* quote */.hD)(pattern)} matches no directory in the workspace`,
            });
    }
    for (const dir of outside.keys())
        problems.push({
            ...at,
            message: `terraform: root: ${JSON.stringify(dir)} is a symlink that leads outside the workspace; it is not read`,
        });
    const patterns = globs.map((g) => g.pattern);
    const pattern = patterns.map((p) => JSON.stringify(p)).join(', ');
    const dirs = [...found.keys()].sort(vocabulary_text/* byCodeUnits */.CA);
    // Each directory once, by where it really is (a symlink back up the tree matches it again under
    // `**`), under its path without a symlink when it has one.
    const byReal = new Map();
    for (const dir of dirs) {
        let real;
        try {
            real = external_node_fs_.realpathSync.native((0,external_node_path_.join)(top, dir));
        }
        catch {
            continue;
        }
        const first = byReal.get(real);
        if (first === undefined || (real === (0,external_node_path_.join)(top, dir) && real !== (0,external_node_path_.join)(top, first)))
            byReal.set(real, dir);
    }
    if (problems.length > 0)
        return { principals: [], problems };
    const listed = [...byReal.values()].sort(vocabulary_text/* byCodeUnits */.CA).map((dir) => {
        try {
            return { dir, entries: (0,external_node_fs_.readdirSync)((0,external_node_path_.join)(workspaceRoot, dir)) };
        }
        catch {
            return { dir, entries: [] };
        }
    });
    const roots = listed.filter(({ entries }) => entries.some(terraform_modules/* isTerraformFile */.L5)).map(({ dir }) => dir);
    // Terragrunt units (a terragrunt.hcl, no .tf file): the modules their terraform { source } names are
    // the configurations.
    const [unit] = listed.filter(({ entries }) => entries.includes('terragrunt.hcl'));
    const units = unit
        ? `; ${JSON.stringify(external_node_path_.posix.join(unit.dir, 'terragrunt.hcl'))} and the like are Terragrunt units, whose terraform { source } names the module Terragrunt runs: give those modules' directories as root:, or the JSON of plans Terragrunt made as plan:`
        : '';
    if (roots.length === 0)
        return {
            principals: [],
            problems: [
                {
                    ...at,
                    message: dirs.length === 0 && matched
                        ? `terraform: root: the exclusions (!) leave no directory of ${pattern}`
                        : dirs.length === 0
                            ? `terraform: root: ${pattern} ${patterns.length === 1 ? 'matches' : 'match'} no directory in the workspace`
                            : `terraform: root: ${pattern} ${patterns.length === 1 ? 'matches' : 'match'} ${dirs.length === 1 ? 'a directory' : `${dirs.length} directories`}, none with a .tf (or .tofu) file; expected directories of Terraform configurations, where terraform plan runs${units}`,
                },
            ],
        };
    const loaded = new Map();
    for (const root of roots)
        loaded.set(root, await loadCode(workspaceRoot, configFile, entry, root, parses));
    const modules = calledModules(loaded, named);
    const principals = [];
    const notes = [];
    const secrets = [];
    for (const [root, found] of loaded) {
        (0,lists/* append */.BC)(secrets, found.secrets ?? []);
        if (modules.has(root))
            continue;
        (0,lists/* append */.BC)(principals, found.principals);
        (0,lists/* append */.BC)(problems, found.problems);
        (0,lists/* append */.BC)(notes, found.notes ?? []);
    }
    // Terragrunt units among the directories (a terragrunt.hcl, no .tf file): the inputs they give the
    // modules they run reach those modules only through Terragrunt, which this reading is not.
    const terragrunt = listed.filter(({ entries }) => entries.includes('terragrunt.hcl') && !entries.some(terraform_modules/* isTerraformFile */.L5));
    const [unitAt] = terragrunt;
    if (unitAt) {
        const file = JSON.stringify(external_node_path_.posix.join(unitAt.dir, 'terragrunt.hcl'));
        notes.push({
            ...at,
            message: `terraform: root: ${pattern}: ` +
                (terragrunt.length === 1
                    ? `${file} is a Terragrunt unit: the inputs it gives`
                    : `${terragrunt.length} of the directories it matches are Terragrunt units (${file}, …): the inputs they give`) +
                ' the module Terragrunt runs are not read here, so a module read here has its own defaults; give the JSON of the plans Terragrunt makes as plan: to check what it deploys',
        });
    }
    const [first] = modules;
    if (first) {
        const [module, caller] = first.map((dir) => JSON.stringify(dir));
        notes.push({
            ...at,
            message: modules.size === 1
                ? `terraform: root: ${pattern}: ${module} is a module ${caller} calls: it is checked through that call, with the inputs given there, not as a configuration of its own`
                : `terraform: root: ${pattern}: ${modules.size} of the directories it matches are modules other roots call (${module}, called by ${caller}, …): each is checked through those calls, with the inputs given there, not as a configuration of its own`,
        });
    }
    return { principals, problems, notes, secrets };
}
// A root pattern that names the workspace's top directory: `.`, `./`, `**`, `./**`, `**/`.
const TOP = /^(?:\.\/?|(?:\.\/)?\*\*(?:\/\*\*)*\/?)$/;
/**
 * Of the roots a glob matched (`infra/**`), those another of them calls as a local module
 * (`source = "../modules/app"`), each with a root that calls it: a module, whose variables only its
 * callers give, read as a root of its own is a second, vaguer principal of each of its roles (named
 * `${aws_iam_role.this.name}`, granting on `${var.bucket}`) with every finding twice. Roots cannot call
 * one another in a cycle (a problem already), so each is still read through a root nothing calls. A
 * directory `named` without a wildcard stays a root, as asked.
 */
function calledModules(loaded, named) {
    const out = new Map();
    for (const [root, found] of loaded)
        for (const dir of found.modules ?? [])
            if (loaded.has(dir) && !named.has(dir) && !out.has(dir))
                out.set(dir, root);
    return out;
}
/** `root:` without `plan:`: the .tf files alone. */
async function loadCode(workspaceRoot, configFile, entry, root, parses) {
    const wrongRoot = checkRoot(workspaceRoot, root);
    if (wrongRoot)
        return { principals: [], problems: [{ file: configFile, line: entry.line, message: wrongRoot }] };
    // What the directory holds: a root with no .tf (or .tf.json) file is a path that names the wrong
    // directory, never a configuration without IAM.
    const dir = external_node_path_.posix.normalize(root);
    const entries = (0,external_node_fs_.readdirSync)((0,external_node_path_.join)(workspaceRoot, root));
    if (!entries.some(terraform_modules/* isTerraformFile */.L5)) {
        const what = 'has no .tf (or .tofu) file; expected the directory of a Terraform configuration, where terraform plan runs' +
            (await terragruntHint(workspaceRoot, root, entries));
        return {
            principals: [],
            problems: [
                { file: configFile, line: entry.line, message: `terraform: root: ${JSON.stringify(root)} ${what}` },
            ],
        };
    }
    const problems = [];
    const code = new terraform_modules/* TfCode */.UY(workspaceRoot, dir, problems, entry.account, parses);
    const { plan, notes, problems: tooMany } = await planFromCode(code, external_node_path_.posix.join(dir, 'main.tf'));
    (0,lists/* append */.BC)(problems, tooMany);
    const secrets = plan.sensitive ?? [];
    if (problems.length > 0) {
        calledAt(code, problems);
        return { principals: [], problems, modules: code.localModuleDirs(), secrets };
    }
    const found = await discoverFromPlan(plan, code, {
        fromCode: true,
        managedPolicies: managed_policies/* loadManagedPolicies */.y,
    });
    (0,lists/* append */.BC)(notes, code.notes);
    (0,lists/* append */.BC)(problems, found.problems);
    calledAt(code, problems);
    return { principals: found.principals, problems, notes, modules: code.localModuleDirs(), secrets };
}
/** What is wrong with a `root:`: not a directory, or a symlink out of the workspace (then not listed). */
function checkRoot(workspaceRoot, root) {
    const path = (0,external_node_path_.join)(workspaceRoot, root);
    if ((0,paths/* entryAt */._f)(path)?.isFile())
        return `terraform: root: ${JSON.stringify(root)} is a file; expected the directory of the configuration, such as ${JSON.stringify(external_node_path_.posix.dirname(external_node_path_.posix.normalize(root)))}`;
    if (!isDirectory(path))
        return `terraform: root: ${JSON.stringify(root)} is not a directory in the workspace`;
    if (!(0,paths/* isInside */.FK)(external_node_fs_.realpathSync.native(workspaceRoot), external_node_fs_.realpathSync.native(path)))
        return `terraform: root: ${JSON.stringify(root)} is a symlink that leads outside the workspace; it is not read`;
    return undefined;
}
function isDirectory(path) {
    return (0,paths/* entryAt */._f)(path)?.isDirectory() ?? false;
}


/***/ })

};
