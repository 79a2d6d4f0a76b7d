// The .tf files alone, when there is no plan (a repository without a plan step, a fork's pull request):
// what a plan would say of each IAM resource instance is worked out from the code, as far as values are
// written in it (literals, variables from their defaults and .tfvars, locals, count and for_each over
// known collections). Everything else stays a placeholder. The result has the shape of a plan, so the
// same discovery reads both.

import { kept } from '../../vocabulary/lists.js'
import type { UnreadCall } from '../../vocabulary/policy.js'
import { type Problem, previewList } from '../../vocabulary/problems.js'
import { thousands } from '../../vocabulary/text.js'
import { documentsWithin, evaluate, type Parts, partsWithin, toPlain, type Value } from './evaluate.js'
import { type Block, type Expr, plainText } from './hcl.js'
import {
  isLocalSource,
  MAX_MODULE_DEPTH,
  moduleProvider,
  NO_SCOPE,
  type TfCode,
  type TfModule,
} from './modules.js'
import {
  type ConfigModule,
  eachText,
  type GivenDocument,
  type GivenToUnread,
  type ModuleCall,
  PERMISSION_SET_POLICIES,
  type Plan,
  type PlanResource,
  readsType,
  tooManySensitive,
} from './plan.js'
import {
  indexPlan,
  instanceKeys,
  MAX_CODE_INSTANCES,
  type ModuleInstance,
  ModuleScope,
  type PlanIndex,
} from './scope.js'

/** The IAM resources whose id is their name. */
const NAMED_BY_ID: ReadonlySet<string> = new Set(['aws_iam_role', 'aws_iam_user', 'aws_iam_group'])

/**
 * A plan-shaped reading of the code: instances and values; none of them known to exist. `notes`: the
 * module calls whose code is not in the workspace (a registry module before `terraform init`), whose
 * IAM resources are therefore not read — said, never skipped in silence.
 */
export async function planFromCode(
  code: TfCode,
  file: string,
): Promise<{ plan: Plan; problems: Problem[]; notes: Problem[] }> {
  const variablesWritten = await code.rootVariables()
  const variables = Object.fromEntries(
    [...variablesWritten].map(([name, { value }]) => [name, toPlain(value)]),
  )
  const root = await code.module(code.rootDir)
  const { texts: sensitive, largest } = sensitiveVariableTexts(root, variables)
  const flood = tooManySensitive('the code', sensitive.length)
  if (flood && largest)
    return {
      plan: { file, resources: [], variables: {}, configuration: { calls: new Map() } },
      problems: [
        { ...largest, message: `${flood}; of its variables declared sensitive, this one gives the most` },
      ],
      notes: [],
    }
  const notes: Problem[] = []
  const calls: CallBudget = { left: MAX_MODULE_CALLS, problems: [], ancestors: [root.dir] }
  const configuration = await configOf(code, root, [], 0, notes, calls)
  if (calls.problems.length > 0)
    return {
      plan: { file, resources: [], variables, configuration, sensitive },
      problems: calls.problems,
      notes,
    }
  const base: Plan = { file, resources: [], variables, variablesWritten, configuration, sensitive }
  // First pass: every IAM instance with its values, references to other resources unknown.
  const first = await readInstances(code, base, indexPlan(undefined), root, configuration, false)
  if (first.problems.length > 0) return { plan: base, problems: first.problems, notes }
  // Second pass: the same, with references to those instances resolved (role = aws_iam_role.app.name).
  const withFirst: Plan = { ...base, resources: first.resources }
  const second = await readInstances(code, withFirst, indexPlan(withFirst), root, configuration, true)
  if (second.cut) notes.push(second.cut)
  const none = noInstances(second.none)
  if (none) notes.push(none)
  return {
    plan: {
      ...base,
      resources: second.resources,
      givenToUnread: second.given,
      documentsGivenToUnread: second.documents,
    },
    problems: second.problems,
    notes,
  }
}

/**
 * The texts of the root module's variables declared `sensitive = true`, as a .tfvars file gives them
 * (a step may write one from the repository's secrets) or else as their default: what Terraform would
 * print as "(sensitive value)". Each string or number inside a list or object too, once, as a plan's
 * are counted; `largest`: where the variable that gives the most new ones is declared.
 */
function sensitiveVariableTexts(
  root: TfModule,
  given: Readonly<Record<string, unknown>>,
): { texts: string[]; largest?: Problem } {
  const found = new Set<string>()
  let largest: { at: Problem; count: number } | undefined
  for (const [name, { node, file }] of root.variables) {
    const flag = node.attributes.get('sensitive')
    const sensitive = flag && evaluate(flag.expr, NO_SCOPE)
    if (sensitive?.type !== 'boolean' || !sensitive.value) continue
    const fallback = node.attributes.get('default')
    const before = found.size
    const value = Object.hasOwn(given, name)
      ? given[name]
      : fallback && toPlain(evaluate(fallback.expr, NO_SCOPE))
    eachText(value, (text) => found.add(text))
    const count = found.size - before
    if (count > (largest?.count ?? 0))
      largest = { at: { file, line: node.at.line, column: node.at.column, message: '' }, count }
  }
  return { texts: [...found], ...(largest && { largest: largest.at }) }
}

/**
 * The most module calls the code alone is followed through, each call of each calling module counted:
 * a module that calls itself, or one that calls the next several times, sixteen deep, is millions.
 */
const MAX_MODULE_CALLS = 2_000

/** What is left of MAX_MODULE_CALLS, why the code was not followed, and the calling modules' directories. */
interface CallBudget {
  left: number
  readonly problems: Problem[]
  readonly ancestors: (string | undefined)[]
}

async function configOf(
  code: TfCode,
  module: TfModule,
  key: readonly string[],
  depth: number,
  notes: Problem[],
  budget: CallBudget,
): Promise<ConfigModule> {
  const calls = new Map<string, ModuleCall>()
  if (depth >= MAX_MODULE_DEPTH) return { calls }
  for (const [name, call] of module.calls) {
    if (budget.problems.length > 0) break
    // A literal in HCL; in Terraform's JSON syntax, a string is a template of one text.
    const sourceExpr = call.node.attributes.get('source')?.expr
    const source = (sourceExpr && plainText(sourceExpr)) ?? ''
    const childKey = [...key, name]
    const address = childKey.map((k) => `module.${k}`).join('.')
    const at = { file: call.file, line: call.node.at.line, column: call.node.at.column }
    if (--budget.left < 0) {
      budget.problems.push({
        ...at,
        message: `${address}: more than ${thousands(MAX_MODULE_CALLS)} module calls in this configuration; its code is not followed that far. Give the plan (plan:) instead`,
      })
      break
    }
    const dir = code.childDir(module.dir, childKey, source)
    if (dir !== undefined && isLocalSource(source) && budget.ancestors.includes(dir)) {
      // Terraform refuses it too: the module would contain itself without end.
      budget.problems.push({
        ...at,
        message: `${address}: its source ${JSON.stringify(source)} is a module that calls it (${dir}): a cycle of modules, which Terraform refuses`,
      })
      break
    }
    const child = await code.module(dir)
    // Not read, and may make IAM resources (not `cloudposse/label/null`, which makes only names).
    const unread = child.dir === undefined && mayHoldIam(source)
    if (unread) notes.push(unreadModule(call.file, call.node, name, source))
    budget.ancestors.push(dir)
    const config = await configOf(code, child, childKey, depth + 1, notes, budget)
    // What an unread module is given, as a plan's configuration lists it: a policy no one here has may be
    // given to it (`role_policy_arns = { app = aws_iam_policy.app.arn }`), which its principal says.
    calls.set(
      name,
      unread
        ? {
            source,
            module: config,
            inputs: inputsOf(call.node, module),
            unread: { file: at.file, line: at.line, installable: !isLocalSource(source) },
          }
        : { source, module: config },
    )
    budget.ancestors.pop()
  }
  return { calls }
}

/**
 * What each argument of a module call refers to, by argument, as a plan's `references` list them, and
 * through the locals it names what they refer to (`role_policy_arns = local.policies`, a map of
 * `aws_iam_policy.app.arn`), each local once.
 */
function inputsOf(call: Block, module: TfModule): Map<string, string[]> {
  const inputs = new Map<string, string[]>()
  for (const [name, { expr }] of call.attributes) {
    if (name === 'source' || name === 'version') continue
    const refs = new Set(referencesIn(expr))
    const followed = new Set<string>()
    for (const ref of refs) {
      const local = /^local\.([^.]+)$/.exec(ref)?.[1]
      const written = local === undefined || followed.has(local) ? undefined : module.locals.get(local)
      if (!written) continue
      followed.add(local as string)
      for (const more of kept(LOCAL_REFERENCES, written.node.expr, () => referencesIn(written.node.expr)))
        refs.add(more)
    }
    inputs.set(name, [...refs])
  }
  return inputs
}

/**
 * The names an expression refers to: of each reference, its root and names on to the first index, and
 * each shorter form down to two names (`aws_iam_policy.app.arn`, `aws_iam_policy.app`), as a plan's
 * `references` list them. Its parts are walked from a list, not by recursion, and no further than
 * MAX_REFERENCE_NODES: the code comes from a pull request.
 */
function referencesIn(expr: Expr): string[] {
  const found = new Set<string>()
  const stack: unknown[] = [expr]
  for (let walked = 0; stack.length > 0 && walked < MAX_REFERENCE_NODES; walked++) {
    const node = stack.pop()
    if (node === null || typeof node !== 'object') continue
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item)
      continue
    }
    const fields = node as Record<string, unknown>
    if (fields.kind === 'traversal') {
      const { root, steps } = node as Extract<Expr, { kind: 'traversal' }>
      const names = [root]
      for (const step of steps)
        if (step.kind === 'attr') names.push(step.name)
        else break
      for (let n = names.length; n >= 2; n--) found.add(names.slice(0, n).join('.'))
    }
    for (const [key, value] of Object.entries(fields))
      if (key !== 'at' && typeof value === 'object') stack.push(value)
  }
  return [...found]
}
const MAX_REFERENCE_NODES = 100_000

/** What each local's expression refers to, walked once however many module calls name it. */
const LOCAL_REFERENCES = new WeakMap<Expr, string[]>()

/**
 * Whether a module whose code is not here may create IAM resources: not one written for another
 * provider than AWS (`cloudposse/label/null`, in nearly every cloudposse module, makes only names).
 */
function mayHoldIam(source: string): boolean {
  const provider = moduleProvider(source)
  return provider === undefined || provider === 'aws'
}

/**
 * What is said of a module call whose code cannot be read: where to get it. Named as its block is
 * (`module.kms`), not by the path of calls to it: roots that share the module that calls it (an
 * example calling the repository's own module) get one note at the block, not one for each.
 */
function unreadModule(file: string, call: Block, name: string, source: string): Problem {
  const address = `module.${name}`
  const at = { file, line: call.at.line, column: call.at.column }
  if (isLocalSource(source))
    return {
      ...at,
      message: `${address}: its source ${JSON.stringify(source)} is not a directory in the workspace, so the IAM resources it creates are not checked.`,
    }
  const note = {
    ...at,
    message:
      `${address}: its code (${JSON.stringify(source)}) is not in the workspace, so the IAM resources it ` +
      `creates are not checked. ${INIT_ADVICE}`,
  }
  UNINSTALLED.set(note, address)
  return note
}

/** What to do about modules `terraform init` would install. */
export const INIT_ADVICE =
  'Run `terraform init` before this step (the modules it installs are read from .terraform/modules), or give the plan of the configuration (`plan:`).'

/** The notes of module blocks whose code `terraform init` would install, each with the block's address. */
const UNINSTALLED = new WeakMap<Problem, string>()

/** The address of the module block (`module.kms`) when `note` says its code was not installed. */
export function uninstalledModule(note: Problem): string | undefined {
  return UNINSTALLED.get(note)
}

async function readInstances(
  code: TfCode,
  plan: Plan,
  index: PlanIndex,
  rootModule: TfModule,
  configuration: ConfigModule,
  /** Whether to read what the module calls whose code is not here are given (the second pass). */
  unread: boolean,
): Promise<{
  resources: PlanResource[]
  problems: Problem[]
  given: GivenToUnread
  documents: readonly GivenDocument[]
  /** What is said when more documents are given than are read (MAX_GIVEN_DOCUMENTS). */
  cut?: Problem
  /** The root module's blocks with IAM resources that have no instance (noInstances), on the second pass. */
  none: readonly NoInstance[]
}> {
  const out: PlanResource[] = []
  const none: NoInstance[] = []
  const problems: Problem[] = []
  let left = MAX_CODE_INSTANCES
  /** Whether `count` more instances may be read; else the problem, said once at `file`:`block`. */
  const spend = (count: number, file: string, block: Block, address: string): boolean => {
    left -= count
    if (left >= 0) return true
    const limit = thousands(MAX_CODE_INSTANCES)
    // One count or for_each too large on its own is said at its line; else at the block that went past.
    const own =
      count > MAX_CODE_INSTANCES
        ? (block.attributes.get('count') ?? block.attributes.get('for_each'))
        : undefined
    const why = own
      ? `its ${own.name} makes more than ${limit} instances`
      : `with the modules and resources around it, more than ${limit} instances (count and for_each multiply down nested modules)`
    const at = own?.at ?? block.at
    if (problems.length === 0)
      problems.push({
        file,
        line: at.line,
        column: at.column,
        message: `${address}: ${why}; the code is not read that far. Give the plan (plan:) instead`,
      })
    return false
  }
  /**
   * Modules whose code, or that of a module they call, declares an IAM resource or, on the pass that
   * reads what they are given, calls a module whose code is not here: only those are walked. By call path (`app.inner`),
   * as configOf followed them: each path once, however many instances.
   */
  const holdsIam = new Map<string, boolean>()
  const declaresIam = (
    module: TfModule,
    config: ConfigModule | undefined,
    key: readonly string[],
  ): boolean => {
    const id = key.join('.')
    const known = holdsIam.get(id)
    if (known !== undefined) return known
    let found =
      [...module.resources.keys()].some((k) => readsType(k.slice(0, k.indexOf('.')))) ||
      (unread && [...(config?.calls.values() ?? [])].some((call) => call.unread !== undefined))
    if (key.length < MAX_MODULE_DEPTH)
      for (const [name, call] of config?.calls ?? []) {
        if (found) break
        const childKey = [...key, name]
        const child = code.moduleRead(code.childDir(module.dir, childKey, call.source))
        found = child !== undefined && declaresIam(child, call.module, childKey)
      }
    holdsIam.set(id, found)
    return found
  }
  /**
   * What each module call whose code is not here is given: the parts of each input's value, and the
   * calls given them (1,500 calls given one local of 2,000 ARNs share its parts, read once).
   */
  const given = new Map<Parts, Map<string, UnreadCall>>()
  /** The policy documents the code writes that are given to those calls: no role here has them. */
  const documents: GivenDocument[] = []
  let cut: Problem | undefined
  const givenTo = (node: Block, file: string, scope: ModuleScope, call: UnreadCall, module: string): void => {
    if (!unread) return
    for (const at of instancesOf(node, scope).keys) {
      const inner = scope.forInstance(node, at, file)
      const instance = { ...call, address: `${call.address}${suffix(at)}` }
      for (const [input, { expr }] of node.attributes) {
        if (input === 'source' || input === 'version' || input === 'count' || input === 'for_each') continue
        const value = evaluate(expr, inner)
        const parts = partsWithin(value)
        kept(given, parts, () => new Map()).set(call.address, call)
        if (!parts.documents || LIMITS_NOT_GRANTS.test(input)) continue
        for (const text of documentsWithin(value)) {
          if (documents.length < MAX_GIVEN_DOCUMENTS)
            documents.push({ call: instance, input, file, module, text })
          else
            cut ??= {
              file,
              line: node.at.line,
              column: node.at.column,
              message: `${instance.address}: past ${thousands(MAX_GIVEN_DOCUMENTS)} policy documents the code gives to module calls whose code is not in the workspace, those given from here on are not checked. ${INIT_ADVICE}`,
            }
        }
      }
    }
  }
  /** `within`: why the module instance may not exist (its call's count or for_each is not known here). */
  const walk = async (instance: ModuleInstance, depth: number, within?: string): Promise<void> => {
    if (left < 0) return
    const scope = new ModuleScope(instance, code, plan, index)
    for (const [key, located] of instance.module.resources) {
      const [type = '', name = ''] = key.split('.')
      if (!readsType(type)) continue
      const { keys, assumed } = instancesOf(located.node, scope)
      const address = `${instance.address ? `${instance.address}.` : ''}${key}`
      if (keys.length === 0 && unread && instance.address === '' && grants(type))
        none.push({ address, file: located.file, at: located.node.at })
      if (!spend(keys.length, located.file, located.node, address)) return
      for (const at of keys) {
        const values: Record<string, unknown> = {}
        const unknown: Record<string, unknown> = {}
        const inner = scope.forInstance(located.node, at, located.file)
        for (const [attribute, { expr }] of located.node.attributes) {
          if (attribute === 'count' || attribute === 'for_each') continue
          const { plain, isUnknown } = plainOf(evaluate(expr, inner))
          if (isUnknown) unknown[attribute] = true
          else values[attribute] = plain
        }
        // A role's, user's or group's id is its name (the provider sets it so): `groups =
        // [aws_iam_group.ops.id]` passed through a module's variable names the group by value.
        if (NAMED_BY_ID.has(type) && typeof values.name === 'string' && !('id' in values))
          values.id = values.name
        const address = `${instance.address ? `${instance.address}.` : ''}${key}${suffix(at)}`
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
        })
      }
    }
    if (depth >= MAX_MODULE_DEPTH) return
    for (const [name, call] of instance.module.calls) {
      const config = instance.config?.calls.get(name)
      if (!config) continue
      const childKey = [...instance.key, name]
      if (config.unread) {
        givenTo(
          call.node,
          call.file,
          scope,
          { address: `${instance.address ? `${instance.address}.` : ''}module.${name}`, ...config.unread },
          instance.address,
        )
        continue
      }
      const module = await code.module(code.childDir(instance.module.dir, childKey, config.source))
      if (!declaresIam(module, config.module, childKey)) continue
      const calls = instancesOf(call.node, scope)
      const address = (at: number | string | undefined) =>
        `${instance.address ? `${instance.address}.` : ''}module.${name}${suffix(at)}`
      if (calls.keys.length === 0 && unread && instance.address === '')
        none.push({ address: address(undefined), file: call.file, at: call.node.at })
      const counted = call.node.attributes.has('count') ? 'count' : 'for_each'
      if (!spend(calls.keys.length, call.file, call.node, address(undefined))) return
      for (const at of calls.keys) {
        await walk(
          {
            address: address(at),
            key: childKey,
            module,
            config: config.module,
            parent: instance,
            call,
            index: at,
          },
          depth + 1,
          calls.assumed ? `in ${address(at)}, whose ${counted} is not known here` : within,
        )
      }
    }
  }
  await walk(
    {
      address: '',
      key: [],
      module: rootModule,
      config: configuration,
      parent: undefined,
      call: undefined,
      index: undefined,
    },
    0,
  )
  return {
    resources: out,
    problems,
    given: givenByPolicy(given),
    documents,
    ...(cut && { cut }),
    none,
  }
}

/** A block of the root module, with IAM resources, whose count or for_each comes to none. */
interface NoInstance {
  readonly address: string
  readonly file: string
  readonly at: { readonly line: number; readonly column: number }
}

/** The resource types that grant, or give a principal what grants: roles, policies and what attaches them. */
const GRANTING =
  /^aws_iam_(?:(?:role|user|group)(?:_polic(?:y|ies_exclusive)|_policy_attachments?(?:_exclusive)?)?|policy(?:_attachment)?|(?:user_)?group_membership)$/

function grants(type: string): boolean {
  return GRANTING.test(type) || PERMISSION_SET_POLICIES.has(type)
}

/**
 * The root's IAM resources and module calls that the values read here make none of (`count =
 * var.enable_x ? 1 : 0`, a variable left at its default false; a for_each over an empty default): one
 * note for the root, at the first, so that a module's own directory read as a root does not come to "no
 * principals" without a word. A module's blocks its caller turns off are what the caller asked for.
 */
function noInstances(none: readonly NoInstance[]): Problem | undefined {
  const [first] = none
  if (!first) return undefined
  const one = none.length === 1
  const which = one
    ? `${first.address} has no instance`
    : `${none.length} blocks with IAM resources (${previewList(
        none.map((n) => `${n.address} (${n.file}:${n.at.line})`),
        3,
      )}) have no instances`
  return {
    file: first.file,
    line: first.at.line,
    column: first.at.column,
    message:
      `${which} with the values read here (variables from their defaults, terraform.tfvars and *.auto.tfvars; ` +
      `terraform.workspace as "default"): ${one ? 'its' : 'their'} count or for_each comes to none, so what ` +
      `${one ? 'it grants' : 'they grant'} is not checked (give the plan (plan:), or set the variables that make ` +
      `${one ? 'it' : 'them'} in terraform.tfvars, to check ${one ? 'it' : 'them'})`,
  }
}

/**
 * The unread module calls given each customer managed policy, by each policy ARN and each placeholder of
 * a policy's (`module.db.aws_iam_policy.app`) in what they are given, as their values are: through
 * variables, locals and other modules' outputs, which the references written in a call alone do not follow.
 */
function givenByPolicy(given: ReadonlyMap<Parts, ReadonlyMap<string, UnreadCall>>): GivenToUnread {
  const byKey = new Map<string, Set<ReadonlyMap<string, UnreadCall>>>()
  for (const [{ texts, ofs }, calls] of given) {
    for (const text of texts) if (text.includes(':policy/')) kept(byKey, text, () => new Set()).add(calls)
    for (const of of ofs) {
      const policy = POLICY_ADDRESS.exec(of)?.[1]
      if (policy !== undefined) kept(byKey, policy, () => new Set()).add(calls)
    }
  }
  return (key) => {
    const groups = byKey.get(key)
    if (!groups) return []
    const calls = new Map<string, UnreadCall>()
    for (const group of groups) for (const [address, call] of group) calls.set(address, call)
    return [...calls.values()]
  }
}

/**
 * The most policy documents given to module calls whose code is not here that one reading checks: one
 * local of 300 documents given to 1,000 calls is 300,000 of them.
 */
const MAX_GIVEN_DOCUMENTS = 2_000

/**
 * Inputs whose documents limit what others may do rather than grant it: a permissions boundary, a service
 * control policy, a trust policy (`permissions_boundary_policy`, `service_control_policy_statements`,
 * `assume_role_policy`). Checked as grants, a boundary that allows `*` would read as one that grants it.
 */
const LIMITS_NOT_GRANTS = /boundar|service_control|(^|_)scps?(_|$)|assume_role|trust/i

/** A policy's address in a placeholder's `of`: `module.db.aws_iam_policy.app["k"]` of `….arn`, `….id`. */
const POLICY_ADDRESS = /^((?:.*\.)?aws_iam_policy\.[^.[]+(?:\[[^\]]*\])?)\.(?:arn|id)$/

/**
 * The instance keys of a block: count indexes, for_each keys, or one instance. A count not known here is
 * one instance, `[0]` (a counted resource is a list: `aws_iam_policy.this[0].arn` names it); a for_each
 * not known here, one instance without a key. Either is `assumed`: there may be none (as are the
 * instances of a count or for_each a condition not known here decides, see instanceKeys).
 */
function instancesOf(
  block: Block,
  scope: ModuleScope,
): { keys: (number | string | undefined)[]; assumed: boolean } {
  const known = instanceKeys(block, scope)
  if (known) return known
  const counted = block.attributes.has('count')
  return { keys: [counted ? 0 : undefined], assumed: counted || block.attributes.has('for_each') }
}

function suffix(at: number | string | undefined): string {
  return at === undefined ? '' : `[${JSON.stringify(at)}]`
}

/** A value as a plan would hold it, and whether any of it is known only after apply. */
function plainOf(value: Value): { plain: unknown; isUnknown: boolean } {
  switch (value.type) {
    case 'unknown':
      return { plain: undefined, isUnknown: true }
    case 'array': {
      const items = value.items.map(plainOf)
      return { plain: items.map((i) => i.plain), isUnknown: items.some((i) => i.isUnknown) }
    }
    case 'object': {
      const entries = value.values.map(plainOf)
      return {
        plain: Object.fromEntries(value.keys.map((k, i) => [k.value, entries[i]?.plain])),
        isUnknown: entries.some((e) => e.isUnknown),
      }
    }
    default:
      return { plain: value.value, isUnknown: false }
  }
}
