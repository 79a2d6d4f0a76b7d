// A Terraform plan as `terraform show -json <planfile>` writes it (the JSON output format, format_version
// 0.x and 1.x): every resource instance with its planned values, what is known only after apply, and
// whether it exists already; and the configuration's module tree (where each module's code is).
import { parseJsonTree } from '../../policy/json-tree.js'
import { isTerraformState } from '../../policy/parse-policy.js'
import { accountOf, isAccountId, providerConfigAccount } from '../../vocabulary/accounts.js'
import type { UnreadCall } from '../../vocabulary/policy.js'
import { type Problem, previewList } from '../../vocabulary/problems.js'
import { thousands } from '../../vocabulary/text.js'
import type { Value } from './evaluate.js'

/** One resource instance of the plan. */
export interface PlanResource {
  /** Full address, e.g. `module.app["a"].aws_iam_role.this[0]`. */
  readonly address: string
  /** The module instance's address, '' for the root module. */
  readonly module: string
  readonly mode: 'managed' | 'data'
  readonly type: string
  readonly name: string
  /** count index or for_each key; undefined for a single instance. */
  readonly index: number | string | undefined
  /** Planned values (after apply, as far as known), else the prior state's. */
  readonly values: Readonly<Record<string, unknown>>
  /** after_unknown: `true` where a value is known only after apply, in the shape of the values. */
  readonly unknown: unknown
  /** In the prior state: the instance exists (its ARN is real). */
  readonly exists: boolean
  /** Where the plan's text first gives its address: what a finding points at when the code is not here. */
  readonly at?: { readonly line: number; readonly column: number } | undefined
  /**
   * Read from the code alone, with a count or for_each not known here (which of them this says): assumed to
   * be one instance. What is wrong with its policy may be the assumption's (the count guards it), so that
   * is unresolved, not an error.
   */
  readonly assumed?: string
}

/** A module of the configuration: its calls to child modules, with their sources. */
export interface ConfigModule {
  readonly calls: ReadonlyMap<string, ModuleCall>
  /**
   * What each resource's attributes refer to, by `type.name` then attribute (`references` of the plan's
   * configuration: `["aws_iam_role.app.id", "aws_iam_role.app"]`); what the code says when it is not here.
   */
  readonly references?: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>
  /**
   * The provider configuration of each resource, by `type.name` (`provider_config_key`: `aws`,
   * `aws.prod`, `module.x:aws`), as Terraform 1.1 and later resolve it through the module calls.
   */
  readonly providers?: ReadonlyMap<string, string>
  /** What each output's expression refers to, by output name (`aws_iam_policy.boundary.arn`, …). */
  readonly outputs?: ReadonlyMap<string, readonly string[]>
}

/** A module call: its source, the module's configuration, and what each input it gives refers to. */
export interface ModuleCall {
  readonly source: string
  readonly module: ConfigModule
  /** By input variable name, the `references` of the expression the call gives it. */
  readonly inputs?: ReadonlyMap<string, readonly string[]>
  /**
   * Read from the code, a call whose module's code is not in the workspace: where its block is, and
   * whether `terraform init` would install the code (not a local directory that is not there).
   */
  readonly unread?: { readonly file: string; readonly line: number; readonly installable: boolean }
}

export interface Plan {
  readonly file: string
  readonly resources: readonly PlanResource[]
  /** The root module's input variables, by name. */
  readonly variables: Readonly<Record<string, unknown>>
  /**
   * Read from the code (no plan): each variable a .tfvars file gives, as written there, with its file:
   * what is built from it stands on the .tfvars line that writes it.
   */
  readonly variablesWritten?: ReadonlyMap<string, { readonly value: Value; readonly file: string }>
  readonly configuration: ConfigModule
  /**
   * The account each provider configuration of the plan's `provider_config` names, by its key: as the
   * code's `provider` blocks are read (ModuleScope.providerAccount), from what the plan records of them.
   * Keys that name none (a default configuration, an alias for another region) are not in it.
   */
  readonly providerAccounts?: ReadonlyMap<string, string>
  /** The texts the plan marks sensitive (sensitiveTexts): never to be written out. */
  readonly sensitive?: readonly string[]
  /** Read from the code: the module calls whose code is not here that are given each policy. */
  readonly givenToUnread?: GivenToUnread
  /** Read from the code: the policy documents it writes that it gives to module calls whose code is not here. */
  readonly documentsGivenToUnread?: readonly GivenDocument[]
}

/**
 * A policy document the code writes (`data.aws_iam_policy_document.x.json`, `jsonencode(…)`) given to a
 * module call whose code is not here (`policy_json = …` of a Lambda module): the call (its instance),
 * the input, the file and module instance the call is in, and the document's text, at its lines.
 */
export interface GivenDocument {
  readonly call: UnreadCall
  readonly input: string
  readonly file: string
  readonly module: string
  readonly text: Extract<Value, { type: 'string' }>
}

/**
 * The module calls whose code is not here that are given a customer managed policy, by the policy's ARN
 * or, when that is not known here, its address (`module.db.aws_iam_policy.app`).
 */
export type GivenToUnread = (policy: string) => readonly UnreadCall[]

type Json = Record<string, unknown>

/**
 * A plan as hashicorp/setup-terraform's wrapper (on by default) writes `terraform show -json` to a file:
 * `[command]…/terraform-bin show -json plan` first, then the JSON, then the wrapper's own `::debug::` and
 * `::set-output` lines. Those lines blanked, so that the JSON keeps its line numbers; undefined for any
 * other text.
 */
function withoutWrapper(text: string): string | undefined {
  if (!text.startsWith('[command]')) return undefined
  const lines = text.split('\n')
  lines[0] = ''
  for (let i = 1; i < lines.length; i++) if ((lines[i] as string).startsWith('::')) lines[i] = ''
  return lines.join('\n')
}

/**
 * The resources that give an IAM Identity Center permission set its permissions. Not checked: this action
 * checks IAM's roles, users and groups, and the roles Identity Center makes of a permission set in each
 * account it is assigned to are not read from it. They are found to be said so, not skipped in silence.
 */
export const PERMISSION_SET_POLICIES: ReadonlySet<string> = new Set([
  'aws_ssoadmin_permission_set_inline_policy',
  'aws_ssoadmin_managed_policy_attachment',
  'aws_ssoadmin_customer_managed_policy_attachment',
  'aws_ssoadmin_permissions_boundary_attachment',
])

/** Whether a resource type is one discovery reads: IAM's, and the policies of permission sets. */
export function readsType(type: string): boolean {
  return type.startsWith('aws_iam_') || PERMISSION_SET_POLICIES.has(type)
}

/** A JSON object (not null, not an array): what the plan's values and after_unknown are made of. */
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Reads a plan's JSON text; every problem names the file and, where it can, the line. What
 * hashicorp/setup-terraform's wrapper adds around it is left out, and said in a note.
 */
export function readPlan(
  file: string,
  written: string,
): { plan?: Plan; problems: Problem[]; notes?: Problem[] } {
  // A byte order mark (PowerShell's `Out-File -Encoding utf8`) is not JSON.
  const text = written.charCodeAt(0) === 0xfeff ? written.slice(1) : written
  const unwrapped = withoutWrapper(text)
  if (unwrapped !== undefined) {
    const read = readPlan(file, unwrapped)
    const note = {
      file,
      line: 1,
      message:
        "written through hashicorp/setup-terraform's wrapper: its `[command]` line and the `::` workflow commands " +
        'after the plan are left out. `terraform_wrapper: false` on setup-terraform writes the plan alone',
    }
    return read.plan ? { ...read, notes: [note, ...(read.notes ?? [])] } : read
  }
  let doc: unknown
  // What the file is instead of a plan, said of the file as a whole.
  const refused = (message: string) => ({ problems: [{ file, line: 1, message }] })
  try {
    doc = JSON.parse(text)
  } catch {
    if (isUiMessage(firstLineJson(text))) return refused(UI_LOG)
    // The saved plan itself is a zip archive: its first bytes survive being read as text.
    if (text.startsWith('PK\u0003\u0004'))
      return refused(
        'a saved plan file (the zip archive `terraform plan -out` writes), not its JSON; expected what `terraform show -json` prints of it: `terraform show -json tfplan > plan.json`',
      )
    const {
      errors: [error],
    } = parseJsonTree(text)
    return {
      problems: [
        {
          file,
          line: error?.line ?? 1,
          column: error?.column ?? 1,
          message: `not JSON: ${error ? `${error.reason}; ` : ''}expected the output of \`terraform show -json <planfile>\``,
        },
      ],
    }
  }
  if (isUiMessage(doc)) return refused(UI_LOG)
  if (isObject(doc) && isTerraformState(new Set(Object.keys(doc))))
    return refused(
      'not a Terraform plan but a state file (terraform.tfstate): it says what exists, not what the code will make; ' +
        'expected `terraform plan -out=tfplan` then `terraform show -json tfplan`',
    )
  if (!isObject(doc) || typeof doc.format_version !== 'string') {
    return refused(
      'not a Terraform plan: it has no "format_version"; expected the output of `terraform show -json <planfile>` ' +
        '(of a plan file, not of the state)',
    )
  }
  const major = doc.format_version.split('.')[0]
  if (major !== '0' && major !== '1') {
    return refused(
      `format_version ${JSON.stringify(doc.format_version)} is not supported; expected 0.x or 1.x (Terraform 0.12 and later)`,
    )
  }
  // A plan written by hand to the documented format may give its resources in resource_changes alone.
  if (!isObject(doc.planned_values) && !isObject(doc.prior_state) && !Array.isArray(doc.resource_changes)) {
    // `terraform show -json` without a plan file prints the state: its resources are under "values".
    const state = isObject(doc.values)
    return refused(
      state
        ? 'not a Terraform plan but a state: it has "values", not "planned_values" (`terraform show -json` was given no plan ' +
            'file); expected `terraform plan -out=tfplan` then `terraform show -json tfplan`'
        : 'not a Terraform plan: it has none of "planned_values", "prior_state" and "resource_changes" (`terraform show -json` of a plan file has all three)',
    )
  }
  const lines = iamAddresses(text)
  const { plan, going } = toPlan(file, doc, lines)
  const secrets = tooManySensitive('the plan', plan.sensitive?.length ?? 0)
  if (secrets) return refused(secrets)
  const gone = goneNote(file, going, lines)
  // Terraform 1.5+ says when planning failed ("errored"), 1.8+ when it deferred changes ("complete":
  // false): what the plan lists is then not all the configuration makes.
  const unfinished =
    doc.errored === true
      ? 'Terraform could not finish this plan ("errored": true): resources after its errors are not in it, and are not checked. Fix what `terraform plan` reports first'
      : doc.complete === false
        ? 'this plan is not complete ("complete": false): Terraform deferred changes it could not plan yet, and those resources are not in it, nor checked'
        : undefined
  const notes = [...(unfinished ? [{ file, line: 1, message: unfinished }] : []), ...(gone ? [gone] : [])]
  return { plan, problems: [], ...(notes.length > 0 && { notes }) }
}

/** What is said of the IAM resources a plan destroys or forgets: they are gone, not unchecked by mistake. */
function goneNote(
  file: string,
  going: readonly string[],
  lines: ReadonlyMap<string, { line: number; column: number }>,
): Problem | undefined {
  const [first] = going
  if (first === undefined) return undefined
  const one = going.length === 1
  const at = lines.get(first)
  return {
    file,
    line: at?.line ?? 1,
    ...(at && { column: at.column }),
    message:
      `this plan destroys or stops managing ${one ? first : `${going.length} IAM resources (${previewList(going, 3)})`}: ` +
      `after the apply this configuration grants nothing through ${one ? 'it' : 'them'}, so ${one ? 'it is' : 'they are'} not checked`,
  }
}

const UI_LOG =
  'not a Terraform plan but the log of `terraform plan -json` (one JSON message a line, "@level", "@message", "type"); ' +
  'expected `terraform plan -out=tfplan` then `terraform show -json tfplan`, which writes the plan as one document'

/**
 * Whether a value is a message of Terraform's machine-readable UI (`terraform plan -json`, `apply -json`),
 * which writes one a line, each with "@level" and "type".
 */
function isUiMessage(value: unknown): boolean {
  return isObject(value) && typeof value['@level'] === 'string' && typeof value.type === 'string'
}

/** The first line of the text as JSON, when it is short and is JSON; undefined otherwise. */
function firstLineJson(text: string): unknown {
  const end = text.indexOf('\n')
  if (end < 0 || end > 65_536) return undefined
  try {
    return JSON.parse(text.slice(0, end))
  } catch {
    return undefined
  }
}

/**
 * The line and column where the text first gives each IAM resource's address (`"address":
 * "module.app.aws_iam_role.this[0]"`, in planned_values first): one pass of one expression, IAM ones kept.
 */
function iamAddresses(text: string): Map<string, { line: number; column: number }> {
  const found = new Map<string, { line: number; column: number }>()
  let line = 1
  let lineStart = 0
  // The first line break not yet counted: each is looked for once. Looked for again from each address, the
  // break past it was found anew each time, and a plan on one line (as terraform show -json writes it) was
  // read to its end once per address (20,000 IAM resources in 10 MB: 3 s).
  let next = text.indexOf('\n')
  for (const match of text.matchAll(IAM_ADDRESS)) {
    const at = match.index + match[0].length - (match[1] as string).length
    while (next >= 0 && next < at) {
      line++
      lineStart = next + 1
      next = text.indexOf('\n', next + 1)
    }
    let address: unknown
    try {
      address = JSON.parse(match[1] as string)
    } catch {
      continue
    }
    if (typeof address === 'string' && !found.has(address))
      found.set(address, { line, column: at - lineStart + 1 })
  }
  return found
}

const IAM_ADDRESS = /"address"\s*:\s*("(?:module\.(?:[^"\\]|\\.)*\.)?(?:data\.)?aws_iam_(?:[^"\\]|\\.)*")/g

/**
 * The plan's resources as they will be after the apply, and the addresses of the IAM resources it
 * destroys or stops managing (`going`), which prior_state still holds.
 */
function toPlan(
  file: string,
  doc: Json,
  lines: ReadonlyMap<string, { line: number; column: number }>,
): { plan: Plan; going: string[] } {
  const unknownByAddress = new Map<string, unknown>()
  const changes: Json[] = []
  for (const change of Array.isArray(doc.resource_changes) ? doc.resource_changes : []) {
    // A "deposed" object (what a create_before_destroy replacement left) is only ever destroyed: its
    // change is not the instance's, which has an entry of its own.
    if (isObject(change) && typeof change.deposed === 'string') continue
    if (isObject(change) && typeof change.address === 'string' && isObject(change.change)) {
      unknownByAddress.set(change.address, change.change.after_unknown)
      changes.push(change)
    }
  }
  const prior = new Map<string, Json>()
  const priorState = isObject(doc.prior_state) ? doc.prior_state.values : undefined
  for (const r of moduleResources(isObject(priorState) ? priorState.root_module : undefined))
    if (typeof r.deposed_key !== 'string') prior.set(addressOf(r), r)
  const planned = new Map<string, Json>()
  const plannedValues = isObject(doc.planned_values) ? doc.planned_values.root_module : undefined
  for (const r of moduleResources(plannedValues)) planned.set(addressOf(r), r)
  // What the plan keeps, creates or updates but leaves out of planned_values (a plan trimmed by hand, as
  // checkov's Terraform 0.12 test plans are, or written with resource_changes alone): its values after
  // the change, which planned_values gives. A resource the plan only deletes has no "after".
  const existedBefore = new Set<string>()
  for (const change of changes) {
    const address = addressOf(change)
    const { after, before, importing } = change.change as Json
    // An import block's resource (Terraform 1.5+) is not in prior_state yet, but it exists: the role the
    // configuration takes over has its usage.
    if (isObject(importing) && importing.unknown !== true) existedBefore.add(address)
    // prior_state gives what is there before the change: an update's or a replacement's "after" is still what will be.
    if (!isObject(after) || planned.has(address)) continue
    planned.set(address, { ...change, values: after })
    // Without prior_state, "before" says whether it exists (a no-op, an update, a replacement).
    if (isObject(before)) existedBefore.add(address)
  }

  // What the plan destroys (`delete`), or stops managing and leaves in place (`forget`, a removed block):
  // prior_state still has it, but after the apply this configuration grants nothing through it. A pull
  // request that deletes a role of `s3:*` is the fix, not a finding.
  const going = new Map<string, string>()
  for (const change of changes) {
    const { actions } = change.change as Json
    if (
      Array.isArray(actions) &&
      actions.length === 1 &&
      (actions[0] === 'delete' || actions[0] === 'forget')
    )
      going.set(addressOf(change), change.mode === 'data' ? '' : String(change.type ?? ''))
  }
  const resources: PlanResource[] = []
  for (const address of new Set([...planned.keys(), ...prior.keys()])) {
    if (going.has(address) && !planned.has(address)) continue
    const raw = (planned.get(address) ?? prior.get(address)) as Json
    const before = prior.get(address)
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
    })
  }
  const variables: Record<string, unknown> = {}
  if (isObject(doc.variables))
    for (const [name, v] of Object.entries(doc.variables)) if (isObject(v)) variables[name] = v.value
  const config = isObject(doc.configuration) ? doc.configuration : {}
  const plan: Plan = {
    file,
    resources,
    variables,
    configuration: configModule(config.root_module, 0),
    providerAccounts: providerAccounts(config.provider_config, variables),
    sensitive: sensitiveTexts(doc),
  }
  const iamGoing = [...going].filter(([address, type]) => readsType(type) && !planned.has(address))
  return { plan, going: iamGoing.map(([address]) => address) }
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
export function sensitiveTexts(doc: Readonly<Record<string, unknown>>): string[] {
  const found = new Set<string>()
  const all = (value: unknown) => eachText(value, (text) => found.add(text))
  // `marks` has the shape of `value`: true where it is sensitive, an object or list to look inside. Walked
  // with a list, not by recursion: a plan nests as deep as its JSON, past any call stack.
  const marked = (value: unknown, marks: unknown): void => {
    const pairs: [unknown, unknown][] = [[value, marks]]
    for (let pair = pairs.pop(); pair; pair = pairs.pop()) {
      const [v, m] = pair
      if (m === true) all(v)
      else if (Array.isArray(m) && Array.isArray(v))
        for (let i = 0; i < m.length; i++) pairs.push([v[i], m[i]])
      else if (isObject(m) && isObject(v))
        for (const [key, mark] of Object.entries(m)) pairs.push([v[key], mark])
    }
  }
  const config =
    isObject(doc.configuration) && isObject(doc.configuration.root_module)
      ? doc.configuration.root_module
      : {}
  const declared = isObject(config.variables) ? config.variables : {}
  const given = isObject(doc.variables) ? doc.variables : {}
  for (const [name, declaration] of Object.entries(declared)) {
    const value = given[name]
    if (isObject(declaration) && declaration.sensitive === true && isObject(value)) all(value.value)
  }
  const priorState = isObject(doc.prior_state) ? doc.prior_state.values : undefined
  for (const values of [isObject(priorState) ? priorState : undefined, doc.planned_values]) {
    if (!isObject(values)) continue
    for (const r of moduleResources(values.root_module)) marked(r.values, r.sensitive_values)
    for (const output of isObject(values.outputs) ? Object.values(values.outputs) : [])
      if (isObject(output) && output.sensitive === true) all(output.value)
  }
  for (const list of [doc.resource_changes, doc.resource_drift, doc.output_changes]) {
    const changes = Array.isArray(list) ? list : isObject(list) ? Object.values(list) : []
    for (const item of changes) {
      const change = isObject(item) && isObject(item.change) ? item.change : item
      if (!isObject(change)) continue
      marked(change.before, change.before_sensitive)
      marked(change.after, change.after_sensitive)
    }
  }
  return [...found]
}

/**
 * The most texts one reading marks sensitive: each is masked in the log with a line of its own, and a
 * plan of a million (a list variable a pull request declares sensitive) flooded the log and the
 * runner's masking. A real plan's passwords and keys are hundreds.
 */
export const MAX_SENSITIVE_TEXTS = 10_000

/** What to say of `what` (the plan, the code) when it marks more than MAX_SENSITIVE_TEXTS values sensitive. */
export function tooManySensitive(what: string, count: number): string | undefined {
  if (count <= MAX_SENSITIVE_TEXTS) return undefined
  const most = thousands(MAX_SENSITIVE_TEXTS)
  return `${what} marks ${thousands(count)} values sensitive, more than the ${most} a run keeps out of its log and reports (each is masked with a line of the log): not read, so that none is written out`
}

/**
 * Calls `take` with each text of a plain value: itself, or each inside its lists and objects, in order; a
 * number as the digits it is written with (a sensitive account id stands in ARNs so). Walked with a
 * list, not by recursion: a plan's value nests as deep as its JSON.
 */
export function eachText(value: unknown, take: (text: string) => void): void {
  const left: unknown[] = [value]
  while (left.length > 0) {
    const v = left.pop()
    if (typeof v === 'string') take(v)
    else if (typeof v === 'number' && Number.isFinite(v)) take(String(v))
    else if (Array.isArray(v) || isObject(v)) {
      const items = Array.isArray(v) ? v : Object.values(v)
      for (let k = items.length - 1; k >= 0; k--) left.push(items[k])
    }
  }
}

/**
 * The accounts `provider_config` names. The plan records a provider block's expressions, not their
 * values: a role ARN written as a constant is read as it is, and one built from the root module's
 * variables (`"arn:aws:iam::${var.prod_account}:role/deploy"`, `var.prod_role_arn`) from the variables'
 * values; then decided as the code's `provider` blocks are (providerConfigAccount).
 */
function providerAccounts(configs: unknown, variables: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>()
  if (!isObject(configs)) return out
  const expressionsOf = (key: string) => {
    const config = configs[key]
    return isObject(config) && isObject(config.expressions) ? config.expressions : {}
  }
  for (const [key, config] of Object.entries(configs)) {
    if (!isObject(config)) continue
    // The AWS provider, whatever local name the module gives it (`full_name`, Terraform 0.13 and later).
    const aws =
      typeof config.full_name === 'string'
        ? /(^|\/)hashicorp\/aws$/.test(config.full_name)
        : config.name === undefined || config.name === 'aws'
    if (!aws) continue
    const expressions = expressionsOf(key)
    const rootModule = typeof config.module_address !== 'string' || config.module_address === ''
    const accounts = (expression: unknown): string[] => {
      if (!isObject(expression)) return []
      const values: unknown[] = []
      if ('constant_value' in expression) values.push(expression.constant_value)
      else if (rootModule && Array.isArray(expression.references))
        for (const ref of expression.references)
          if (typeof ref === 'string' && /^var\.[\w-]+$/.test(ref)) values.push(variables[ref.slice(4)])
      const found = new Set<string>()
      for (const value of values.flat())
        if (typeof value === 'string') {
          const account = isAccountId(value) ? value : accountOf(value)
          if (isAccountId(account)) found.add(account)
        }
      return [...found]
    }
    const [assumed] = [expressions.assume_role, expressions.assume_role_with_web_identity]
      .flatMap((blocks) => (Array.isArray(blocks) ? blocks : []))
      .filter(isObject)
    const profile = (of: Json) => (isObject(of.profile) ? of.profile.constant_value : undefined)
    const defaultKey = rootModule ? 'aws' : `${config.module_address}:aws`
    const account = providerConfigAccount({
      roleAccounts: accounts(assumed?.role_arn),
      allowedAccounts: accounts(expressions.allowed_account_ids),
      alias: typeof config.alias === 'string' && config.alias !== '',
      assumesRole: assumed !== undefined,
      otherProfile:
        expressions.profile !== undefined && profile(expressions) !== profile(expressionsOf(defaultKey)),
    })
    if (account) out.set(key, account)
  }
  return out
}

/**
 * A resource's values with each policy as the JSON text Terraform gives it. A plan written by hand may
 * give a document as an object; its text is that object's.
 */
function withPolicyText(values: Json): Json {
  const objects = POLICY_ATTRIBUTES.filter((a) => isObject(values[a]))
  const inline = Array.isArray(values.inline_policy) ? values.inline_policy : []
  if (objects.length === 0 && !inline.some((item) => isObject(item) && isObject(item.policy))) return values
  const out: Json = { ...values }
  for (const a of objects) out[a] = JSON.stringify(values[a])
  if (inline.length > 0)
    out.inline_policy = inline.map((item) =>
      isObject(item) && isObject(item.policy) ? { ...item, policy: JSON.stringify(item.policy) } : item,
    )
  return out
}

const POLICY_ATTRIBUTES = ['policy', 'assume_role_policy', 'json'] as const

/** Every resource of a module of planned_values or prior_state, child modules included. */
function moduleResources(module: unknown): Json[] {
  const out: Json[] = []
  const stack = [module]
  while (stack.length > 0) {
    const m = stack.pop()
    if (!isObject(m)) continue
    for (const r of Array.isArray(m.resources) ? m.resources : []) if (isObject(r)) out.push(r)
    for (const child of Array.isArray(m.child_modules) ? m.child_modules : []) stack.push(child)
  }
  return out
}

function addressOf(resource: Json): string {
  return String(resource.address ?? '')
}

/** `module.a["x"].module.b` of `module.a["x"].module.b.aws_iam_role.r[0]`. */
function moduleOf(address: string, raw: Json): string {
  const local = `${raw.mode === 'data' ? 'data.' : ''}${String(raw.type)}.${String(raw.name)}`
  const at = address.lastIndexOf(local)
  return at > 0 ? address.slice(0, at - 1) : ''
}

function configModule(module: unknown, depth: number): ConfigModule {
  const calls = new Map<string, ModuleCall>()
  if (isObject(module) && isObject(module.module_calls) && depth < 50) {
    for (const [name, call] of Object.entries(module.module_calls)) {
      if (!isObject(call)) continue
      calls.set(name, {
        source: String(call.source ?? ''),
        module: configModule(call.module, depth + 1),
        inputs: referencesOf(call.expressions),
      })
    }
  }
  const references = new Map<string, ReadonlyMap<string, readonly string[]>>()
  const providers = new Map<string, string>()
  if (isObject(module) && Array.isArray(module.resources)) {
    for (const resource of module.resources) {
      if (!isObject(resource) || typeof resource.address !== 'string') continue
      if (typeof resource.provider_config_key === 'string')
        providers.set(resource.address, resource.provider_config_key)
      if (isObject(resource.expressions)) references.set(resource.address, referencesOf(resource.expressions))
    }
  }
  const outputs = new Map<string, readonly string[]>()
  if (isObject(module) && isObject(module.outputs))
    for (const [name, output] of Object.entries(module.outputs)) {
      const refs = isObject(output) ? referencesOf({ value: output.expression }).get('value') : undefined
      if (refs) outputs.set(name, refs)
    }
  return { calls, references, providers, outputs }
}

/**
 * Each expression's `references`, by its attribute (or input) name; those of nested blocks by their path
 * (`statement.0.resources`: what a data source's unknown argument is made of).
 */
function referencesOf(expressions: unknown): Map<string, readonly string[]> {
  const byName = new Map<string, readonly string[]>()
  const add = (expressions: unknown, prefix: string, depth: number) => {
    if (!isObject(expressions)) return
    for (const [name, expression] of Object.entries(expressions)) {
      if (Array.isArray(expression)) {
        if (depth < 3)
          for (const [i, block] of expression.entries()) add(block, `${prefix}${name}.${i}.`, depth + 1)
        continue
      }
      const refs = isObject(expression) ? expression.references : undefined
      if (Array.isArray(refs))
        byName.set(
          `${prefix}${name}`,
          refs.filter((r) => typeof r === 'string'),
        )
    }
  }
  add(expressions, '', 0)
  return byName
}
