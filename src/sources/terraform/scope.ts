// What names mean inside a module instance of a Terraform plan: variables, locals, each/count of the
// instance being evaluated, resources (their planned values, unknown ones as placeholders) and policy
// document data sources (rendered from their blocks, so their statements keep their lines).

import { keyIndex } from '../../policy/json-tree.js'
import { accountOf, isAccountId, providerConfigAccount } from '../../vocabulary/accounts.js'
import { kept } from '../../vocabulary/lists.js'
import { thousands } from '../../vocabulary/text.js'
import {
  ADDRESS_KEY,
  evaluate,
  fromPlain,
  nestingCuts,
  nestingDepth,
  relocate,
  renderTemplate,
  type Scope,
  TOO_DEEP,
  unknown,
  type Value,
  type ValueBudget,
} from './evaluate.js'
import { type Attribute, type Block, bare, type Expr, plainText, type Step } from './hcl.js'
import type { Located, TfCode, TfModule } from './modules.js'
import type { ConfigModule, Plan, PlanResource } from './plan.js'
import { renderPolicyDocument } from './policy-document.js'
import { conform } from './type-constraint.js'

/** A module instance: the root module, or `module.a["x"]` and the code and call behind it. */
export interface ModuleInstance {
  readonly address: string
  readonly key: readonly string[]
  readonly module: TfModule
  readonly config: ConfigModule | undefined
  readonly parent: ModuleInstance | undefined
  /** The `module "a" {}` block in the parent's code, and this instance's count index or for_each key. */
  readonly call: Located<Block> | undefined
  readonly index: number | string | undefined
}

/** Resources of the plan by module instance address, then by `type.name` (data: `data.type.name`). */
export type PlanIndex = ReadonlyMap<string, ReadonlyMap<string, readonly PlanResource[]>>

export function indexPlan(plan: Plan | undefined): PlanIndex {
  const index = new Map<string, Map<string, PlanResource[]>>()
  for (const r of plan?.resources ?? []) {
    const byName = index.get(r.module) ?? new Map<string, PlanResource[]>()
    index.set(r.module, byName)
    const key = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`
    // Added to, not copied with one more: a resource of 40,000 instances (count) took 47 s copied.
    const instances = byName.get(key)
    if (instances) instances.push(r)
    else byName.set(key, [r])
  }
  return index
}

interface Instance {
  readonly block: Block | undefined
  readonly index: number | string | undefined
}

/** Values of another file, moved to each place that names them (ModuleScope.here). */
const RELOCATED = new WeakMap<Value, Map<string, Value>>()

/**
 * Module outputs by instance address and name, evaluated once against each reading of the resources
 * (the code alone is read twice); and those being evaluated (a cycle is unknown).
 */
const outputsOf = new WeakMap<PlanIndex, OutputState>()

interface OutputState {
  /** By instance address and output name. */
  readonly values: Map<string, Value>
  readonly evaluating: Set<string>
  /** The outputs of a counted call's instances, by call address and the place that names them. */
  readonly collections: Map<string, Value>
  /** Outputs and instances evaluated so far, against MAX_MODULE_OUTPUTS. */
  spent: number
}

/** The most module outputs and instances one reading of the code evaluates. */
const MAX_MODULE_OUTPUTS = 100_000
const TOO_MANY_OUTPUTS = `more module outputs than are evaluated here (${thousands(MAX_MODULE_OUTPUTS)})`

/** Locals of a module instance, evaluated once; and those being evaluated (a cycle is unknown). */
const localsOf = new WeakMap<ModuleInstance, { values: Map<string, Value>; evaluating: Set<string> }>()

/**
 * What a module instance evaluates once, not once per reference: its variables as given (the call's
 * argument or the default; made again for each of 1,000 instances, `var.names[count.index]` made a
 * million values of a list of 1,000, and the budget of MAX_VALUES left the next resources unread).
 */
const VARIABLES = new WeakMap<ModuleInstance, Map<string, Value>>()
/**
 * Likewise what a block makes: its for_each collection (by the file it is read for), and a data
 * source's instances read from its code (by the place that names them: each of 8,000 roles naming
 * `data.aws_iam_policy_document.d[count.index]` made the list of 8,000 again, 25 s).
 */
const BLOCK_VALUES = new WeakMap<ModuleInstance, WeakMap<Block, Map<string, Value>>>()

function blockValues(of: ModuleInstance): WeakMap<Block, Map<string, Value>> {
  return kept(BLOCK_VALUES, of, () => new WeakMap())
}

/**
 * Of one module instance, what blocks made (by block, and by instance or part): known, or cut short when
 * made `cutAt` references deep; and the blocks being made (see madeOnce).
 */
interface BlocksMade {
  readonly done: Map<Block, Map<string, { value: Value; cutAt?: number }>>
  readonly making: Set<Block>
}

/**
 * Policy documents rendered (ModuleScope.rendered), resources read from the code alone (written), and
 * `data "template_file"` instances rendered (templateFile).
 */
const RENDERS = new WeakMap<ModuleInstance, BlocksMade>()
const WRITTEN = new WeakMap<ModuleInstance, BlocksMade>()
const TEMPLATE_FILES = new WeakMap<ModuleInstance, BlocksMade>()

/**
 * What `make` gives for `block` (its instance or part `key`), made once however many name it: a
 * document shared by 2,000 policies was rendered 2,000 times, and spent the budget of values on it. Met
 * again while it is made, through what it names, it is `cycle`, as Terraform refuses the cycle. Cut short
 * somewhere inside (a chain deeper than references are followed), what `cut` makes of it is kept for
 * places as deep or deeper only; from a place less deep it may be known, and is made again.
 */
function madeOnce(
  made: BlocksMade,
  block: Block,
  key: string,
  cycle: () => Value,
  make: () => Value,
  cut: (value: Value) => Value = (value) => value,
): Value {
  const byKey = kept(made.done, block, () => new Map<string, { value: Value; cutAt?: number }>())
  const done = byKey.get(key)
  if (done && (done.cutAt === undefined || nestingDepth() >= done.cutAt)) return done.value
  if (made.making.has(block)) return cycle()
  made.making.add(block)
  try {
    const [cuts, depth] = [nestingCuts(), nestingDepth()]
    const value = make()
    if (nestingCuts() === cuts) {
      byKey.set(key, { value })
      return value
    }
    const stored = cut(value)
    byKey.set(key, { value: stored, cutAt: depth })
    return stored
  } finally {
    made.making.delete(block)
  }
}

const blocksMade = (): BlocksMade => ({ done: new Map(), making: new Set() })

/** Arguments of every resource that say how Terraform makes it, not what it is. */
export const META_ARGUMENTS = new Set(['count', 'for_each', 'provider', 'depends_on'])

/** The scope of one module instance, and of one resource instance in it (`instance`). */
export class ModuleScope implements Scope {
  constructor(
    readonly at: ModuleInstance,
    private readonly code: TfCode,
    private readonly plan: Plan | undefined,
    private readonly planIndex: PlanIndex,
    private readonly instance: Instance | undefined = undefined,
    private readonly iterators: ReadonlyMap<string, { key: Value; value: Value }> = new Map(),
    /** The file of the code evaluated, when known: what comes from another file is moved to its name. */
    readonly file: string | undefined = undefined,
  ) {}

  /** The same module instance, evaluating inside one resource (or data) instance, written in `file`. */
  forInstance(block: Block | undefined, index: number | string | undefined, file?: string): ModuleScope {
    return new ModuleScope(
      this.at,
      this.code,
      this.plan,
      this.planIndex,
      { block, index },
      this.iterators,
      file,
    )
  }

  /** The same scope, and instance, for code written in `file` (an override file's arguments). */
  writtenIn(file: string): ModuleScope {
    return new ModuleScope(this.at, this.code, this.plan, this.planIndex, this.instance, this.iterators, file)
  }

  /** The same scope with a dynamic block's iterator bound. */
  withIterator(name: string, key: Value, value: Value): ModuleScope {
    const iterators = new Map(this.iterators).set(name, { key, value })
    return new ModuleScope(this.at, this.code, this.plan, this.planIndex, this.instance, iterators, this.file)
  }

  /** The module instance's scope (no resource instance) for code written in `file`. */
  private inFile(file: string | undefined): ModuleScope {
    return new ModuleScope(this.at, this.code, this.plan, this.planIndex, undefined, new Map(), file)
  }

  /**
   * `value`, written in `from`, as used here at `at`: moved there when `from` is another file. Moved once
   * per place: a for_each over a local of 3,000 entries asks for it once per instance (2.7 s → 57 s).
   */
  private here(value: Value, from: string | undefined, at: { line: number; column: number }): Value {
    if (from === undefined || this.file === undefined || from === this.file) return value
    const place = `${this.file}\u0001${at.line}\u0001${at.column}`
    return oncePerPlace(RELOCATED, value, place, () => relocate(value, at, from))
  }

  readFile(path: string): { text: string | undefined; file: string } | undefined {
    return this.code.readModuleFile(path)
  }

  get budget(): ValueBudget {
    return this.code.budget
  }

  listFiles(path: string, pattern: string): string[] | undefined {
    return this.code.listModuleFiles(path, pattern)
  }

  resolve(root: string, steps: readonly Step[], at: { line: number; column: number }) {
    const first = steps[0]?.kind === 'attr' ? steps[0].name : undefined
    const iterator = this.iterators.get(root)
    if (iterator) return { value: object(at, { key: iterator.key, value: iterator.value }), used: 0 }
    switch (root) {
      case 'var':
        return first === undefined ? undefined : { value: this.variable(first, at), used: 1 }
      case 'local': {
        if (first === undefined) return undefined
        const local = this.local(first, steps.slice(1), at)
        return { value: local.value, used: 1 + local.used }
      }
      case 'each':
        return { value: this.each(at), used: 0 }
      case 'count':
        return typeof this.instance?.index === 'number'
          ? { value: object(at, { index: fromPlain(this.instance.index, at) }), used: 0 }
          : undefined
      case 'path':
        return {
          value: object(at, {
            module: fromPlain(this.code.relativeToRoot(this.at.module.dir), at),
            root: fromPlain('.', at),
            cwd: fromPlain(this.code.cwd, at),
          }),
          used: 0,
        }
      case 'terraform':
        return { value: object(at, { workspace: fromPlain('default', at) }), used: 0 }
      case 'module':
        return first === undefined ? undefined : this.moduleCall(first, steps, at)
      case 'data': {
        const name = steps[1]?.kind === 'attr' ? steps[1].name : undefined
        if (first === undefined || name === undefined) return undefined
        return { value: this.dataSource(first, name, at), used: 2 }
      }
      default:
        if (!root.includes('_') || first === undefined) return undefined
        return this.resource(root, first, steps, at)
    }
  }

  /**
   * `module.<name>`: the outputs of the module the call makes, each evaluated in that module instance as
   * Terraform gives them to the caller: an object of outputs, or, for a call with count or for_each, a
   * list or map of them. `module.app.role_name` (the usual reference) evaluates that one output alone.
   * Unknown when the module's code is not here (a registry module before `terraform init`).
   */
  private moduleCall(
    name: string,
    steps: readonly Step[],
    at: { line: number; column: number },
  ): { value: Value; used: number } {
    const text = `module.${name}`
    const call = this.at.module.calls.get(name)
    const config = this.at.config?.calls.get(name)
    const key = [...this.at.key, name]
    const module = config && this.code.moduleRead(this.code.childDir(this.at.module.dir, key, config.source))
    // Why, in the words of what to change: a call the code lacks, or a module `terraform init` installs.
    const { dir } = this.at.module
    if (!call && dir !== undefined)
      return { value: unknown(at, text, `${text} is not declared in ${dir || '.'}`), used: 1 }
    if (!call || !config || !module?.dir) {
      const why = `an output of ${text}, whose code is not in the workspace`
      return { value: unknown(at, text, why, this.addressOf(text, undefined)), used: 1 }
    }
    const instance = (index: number | string | undefined): ModuleInstance => ({
      address: this.addressOf(text, index),
      key,
      module,
      config: config.module,
      parent: this.at,
      call,
      index,
    })
    const outputs = (of: ModuleInstance) =>
      object(at, Object.fromEntries([...module.outputs.keys()].map((o) => [o, this.output(of, o, at)])))
    const counted = call.node.attributes.has('count')
    if (!counted && !call.node.attributes.has('for_each')) {
      const wanted = steps[1]
      if (wanted?.kind !== 'attr') return { value: outputs(instance(undefined)), used: 1 }
      return { value: this.output(instance(undefined), wanted.name, at), used: 2 }
    }
    // Made once per place that names them: each instance of a counted resource names the list
    // (`user = module.users[count.index].name`).
    const state = this.outputState()
    const place = `${instance(undefined).address}\u0001${this.file}\u0001${at.line}\u0001${at.column}`
    const known = state.collections.get(place)
    if (known) return { value: known, used: 1 }
    const keys = instanceKeys(call.node, this.inFile(call.file))?.keys
    const value = !keys
      ? unknown(at, text, `a module output: its ${counted ? 'count' : 'for_each'} is not known here`)
      : !this.spend(keys.length)
        ? unknown(at, text, TOO_MANY_OUTPUTS)
        : counted
          ? { type: 'array' as const, items: keys.map((k) => outputs(instance(k))), ...at }
          : object(at, Object.fromEntries(keys.map((k) => [String(k), outputs(instance(k))])))
    state.collections.set(place, value)
    return { value, used: 1 }
  }

  /** What module outputs this reading of the resources has evaluated (see outputsOf). */
  private outputState(): OutputState {
    return kept(outputsOf, this.planIndex, () => ({
      values: new Map(),
      evaluating: new Set<string>(),
      collections: new Map(),
      spent: 0,
    }))
  }

  /**
   * Whether `count` more module outputs or instances may be evaluated: modules of 10,000 instances
   * that call modules of 10,000 instances are a hundred million, and a pull request may write them.
   */
  private spend(count: number): boolean {
    const state = this.outputState()
    state.spent += count
    return state.spent <= MAX_MODULE_OUTPUTS
  }

  /** An output of a module instance, evaluated once per instance; one met again while evaluated is unknown. */
  private output(of: ModuleInstance, name: string, at: { line: number; column: number }): Value {
    const text = `module.${of.key.at(-1)}.${name}`
    const declared = of.module.outputs.get(name)
    if (!declared) return unknown(at, text, `the module has no output "${name}"`)
    const state = this.outputState()
    const id = `${of.address}\u0001${name}`
    const cached = state.values.get(id)
    if (cached) return this.here(cached, declared.file, at)
    const expr = declared.node.attributes.get('value')?.expr
    if (!expr) return unknown(at, text, `the output "${name}" has no value`)
    // Terraform refuses a cycle; here it is unknown, not endless.
    if (state.evaluating.has(id)) return unknown(at, text, `${text} depends on itself`)
    if (!this.spend(1)) return unknown(at, text, TOO_MANY_OUTPUTS)
    state.evaluating.add(id)
    const value = evaluate(
      expr,
      new ModuleScope(of, this.code, this.plan, this.planIndex, undefined, new Map(), declared.file),
    )
    state.evaluating.delete(id)
    state.values.set(id, value)
    return this.here(value, declared.file, at)
  }

  /** A variable's value: given (by the plan, or the module call), else its default; shaped by its type. */
  private variable(name: string, at: { line: number; column: number }): Value {
    const variable = this.at.module.variables.get(name)
    const declared = variable?.node.attributes
    const typed = (value: Value) => conformed(value, declared?.get('type')?.expr, this)
    const { call, parent } = this.at
    if (!parent) {
      // Given by a .tfvars file (the code alone): from where that file writes it.
      const written = this.file === undefined ? undefined : this.plan?.variablesWritten?.get(name)
      if (written) return typed(this.here(written.value, written.file, at))
      const { plan } = this
      if (plan && Object.hasOwn(plan.variables, name)) {
        // Made at each place that names it, once: 10,000 instances naming `var.names[count.index]` of a
        // plan's list of 10,000 made a hundred million values (26 s).
        const place = `plan ${name}\u0001${this.file ?? ''}\u0001${at.line}\u0001${at.column}`
        return typed(oncePerPlace(VARIABLES, this.at, place, () => fromPlain(plan.variables[name], at)))
      }
    } else {
      const argument = call?.node.attributes.get(name)
      if (argument) {
        const parentScope = new ModuleScope(
          parent,
          this.code,
          this.plan,
          this.planIndex,
          { block: call?.node, index: this.at.index },
          new Map(),
          call?.file,
        )
        const argumentValue = oncePerPlace(VARIABLES, this.at, `argument ${name}`, () =>
          evaluate(argument.expr, parentScope),
        )
        const given = this.here(argumentValue, call?.file, at)
        // `nullable = false`: null given is the default taken (Terraform ≥ 1.1).
        const nullable = bare(declared?.get('nullable')?.expr)
        const notNullable = nullable?.kind === 'literal' && nullable.value === false
        if (given.type !== 'null' || !notNullable || !declared?.get('default')) return typed(given)
      }
    }
    const fallback = declared?.get('default')
    if (fallback) {
      const value = oncePerPlace(VARIABLES, this.at, `default ${name}`, () =>
        evaluate(fallback.expr, this.inFile(variable?.file)),
      )
      return typed(this.here(value, variable?.file, at))
    }
    // The root module's: one value, wherever it is named.
    const of = parent ? undefined : `var.${name}`
    return unknown(at, `var.${name}`, `the value of var.${name} is not known here`, of)
  }

  /**
   * A local's value, and what the literal steps after its name pick out of it (`local.accounts["prod"]`),
   * with how many they are: picked before it is moved here, for a large local named in other files was
   * copied whole at each place that names one part of it (1.9 s of a 10 s run over 100 roots).
   */
  private local(
    name: string,
    steps: readonly Step[],
    at: { line: number; column: number },
  ): { value: Value; used: number } {
    const state = kept(localsOf, this.at, () => ({ values: new Map(), evaluating: new Set<string>() }))
    const declared = this.at.module.locals.get(name)
    let value = state.values.get(name)
    if (!value) {
      if (!declared || state.evaluating.has(name))
        return { value: unknown(at, `local.${name}`, `local.${name} is not known here`), used: 0 }
      state.evaluating.add(name)
      // Locals see the module, not the resource instance that asks for them.
      value = evaluate(declared.node.expr, this.inFile(declared.file))
      state.evaluating.delete(name)
      state.values.set(name, value)
    }
    const picked = literalPick(value, steps)
    return { value: this.here(picked.value, declared?.file, at), used: picked.used }
  }

  /** each.key and each.value of the resource (or module) instance being evaluated. */
  private each(at: { line: number; column: number }): Value {
    const instance = this.instance ?? { block: this.at.call?.node, index: this.at.index }
    if (typeof instance.index !== 'string') {
      // A for_each not known here is read as one instance without a key: say why, not that there is none.
      const forEach = instance.block?.attributes.get('for_each')
      const value = forEach && evaluate(forEach.expr, this.inFile(this.file))
      // A data source's (a policy document's one instance) is named: the policy that reads it is not it.
      const block = instance.block
      const of = block?.type === 'data' ? `data.${block.labels.join('.')}: ` : ''
      const why =
        value?.type === 'unknown'
          ? `${of}its for_each is not known here: ${value.why}`
          : 'each is known only in a for_each'
      return unknown(at, 'each', why)
    }
    const key = fromPlain(instance.index, at)
    const { block } = instance
    const forEach = block?.attributes.get('for_each')
    // Each instance asks for the collection: made once per block, and searched through a map.
    const collection =
      block &&
      forEach &&
      oncePerPlace(blockValues(this.at), block, `for_each ${this.file ?? ''}`, () =>
        collectionOf(forEach.expr, this.inFile(this.file)),
      )
    let value: Value = unknown(at, 'each.value', 'the for_each collection is not known here')
    if (collection?.type === 'object') {
      const i = keyIndex(collection, instance.index)
      if (i >= 0) value = collection.values[i] as Value
    } else if (collection?.type === 'array') {
      const i = stringPlaces(collection).get(instance.index)
      if (i !== undefined) value = collection.items[i] as Value
    }
    return object(at, { key, value })
  }

  private resource(
    type: string,
    name: string,
    steps: readonly Step[],
    at: { line: number; column: number },
  ): { value: Value; used: number } {
    const text = `${type}.${name}`
    const instances = this.planIndex.get(this.at.address)?.get(text) ?? []
    // A resource the code does not declare (Terraform refuses that): said so, not "not in the plan".
    const { dir, resources } = this.at.module
    if (instances.length === 0 && dir !== undefined && !resources.has(text))
      return { value: unknown(at, text, `${text} is not declared in ${dir || '.'}`), used: 1 }
    // Read from the code alone, a resource other than IAM's (a cluster, a bucket) is what its arguments
    // say: the plan of an argument the configuration sets is the value written, so a role named
    // "${aws_ecs_cluster.this.name}-exec" is named after the cluster. What the provider sets (`arn`,
    // `id`) is known only after apply.
    const located = resources.get(text)
    if (instances.length === 0 && located && this.plan?.variablesWritten && !type.startsWith('aws_iam_')) {
      const { node: block, file } = located
      const step = steps[1]
      // One attribute of a resource of one instance, as most references are, is read alone: its other
      // arguments may be large (a task definition's containers, a function's environment).
      if (step?.kind === 'attr' && !block.attributes.has('count') && !block.attributes.has('for_each'))
        return {
          value: this.here(this.written(block, file, undefined, text, at, step.name), file, at),
          used: 2,
        }
      const value = this.fromCode(block, text, at, (index) =>
        this.here(this.written(block, file, index, text, at), file, at),
      )
      return { value, used: 1 }
    }
    return { value: this.instancesValue(instances, text, at), used: 1 }
  }

  /**
   * An instance of a resource the code alone gives, as its arguments say (see resource), or one
   * `attribute` of it: made once however many name it, and unknown when it is met again while it is
   * made (madeOnce). A part of it cut short stays a placeholder, as in any value.
   */
  private written(
    block: Block,
    file: string,
    index: number | string | undefined,
    text: string,
    at: { line: number; column: number },
    attribute?: string,
  ): Value {
    const address = this.addressOf(text, index)
    const argument = attribute === undefined ? undefined : block.attributes.get(attribute)
    if (attribute !== undefined && (!argument || META_ARGUMENTS.has(attribute))) {
      const later = `${text}.${attribute}`
      return unknown(at, later, `${later} is known only after apply`, `${address}.${attribute}`)
    }
    return madeOnce(
      kept(WRITTEN, this.at, blocksMade),
      block,
      `${JSON.stringify(index ?? null)} ${attribute ?? ''}`,
      () => unknown(at, text, `${text} depends on itself (Terraform refuses the cycle)`),
      () => {
        const scope = this.forInstance(block, index, file)
        if (argument) return evaluate(argument.expr, scope)
        const entries: Record<string, Value> = {}
        for (const [name, { expr }] of block.attributes)
          if (!META_ARGUMENTS.has(name)) entries[name] = evaluate(expr, scope)
        entries[ADDRESS_KEY] = fromPlain(address, at)
        return object(at, entries)
      },
    )
  }

  private dataSource(type: string, name: string, at: { line: number; column: number }): Value {
    const located = this.at.module.data.get(`${type}.${name}`)
    const instances = this.planIndex.get(this.at.address)?.get(`data.${type}.${name}`) ?? []
    if (type === 'aws_iam_policy_document' && located) {
      const block = located.node
      const text = `data.${type}.${name}`
      const render = (index: number | string | undefined) => {
        const document = this.here(this.rendered(block, index, located.file, text, at), located.file, at)
        return object(at, { json: document, minified_json: document })
      }
      const counted = located.node.attributes.has('count') || located.node.attributes.has('for_each')
      if (counted && instances.length > 0) return collect(instances, at, (r) => render(r.index))
      // Not in the plan (a plan without data sources, or the code alone): the instances the code says,
      // none when its count is 0 (`count = var.attach_x_policy ? 1 : 0`); for a for_each not known here,
      // one instance that stands for each, as a resource's does, picked by a key not known either
      // (`[each.key]` of a policy for_each over the same map): what every instance grants is checked.
      return this.fromCode(located.node, text, at, render, (why) => ({
        ...(uncertain(render(undefined), why) as Extract<Value, { type: 'object' }>),
        standsForEach: true,
      }))
    }
    if (type === 'template_file' && located && instances.length === 0)
      return this.templateFile(located, `data.${type}.${name}`, at)
    const assumed = this.assumedData(type, `data.${type}.${name}`, at, located?.node)
    if (instances.length === 0 && located && (assumed || type === 'aws_iam_policy')) {
      // Not in the plan (the code alone): what the code can stand for (assumedData); an AWS managed policy
      // read by ARN or name as its ARN and address, for discovery to find in the snapshot.
      const block = located.node
      return this.fromCode(block, `data.${type}.${name}`, at, (index) => {
        if (assumed) return assumed
        const arn = block.attributes.get('arn')
        const scope = this.forInstance(block, index, located.file)
        const arnValue = arn ? evaluate(arn.expr, scope) : this.managedPolicyArn(block, scope, at)
        const document =
          arnValue.type === 'string' ? this.code.managedPolicies?.document(arnValue.value) : undefined
        return object(at, {
          arn: arnValue,
          // Known only when Terraform reads it; an AWS managed policy's document is the snapshot's.
          ...(document !== undefined && {
            policy: {
              ...unknown(at, 'policy', 'the policy is read when Terraform runs'),
              managedDocument: document,
            },
          }),
          [ADDRESS_KEY]: fromPlain(this.addressOf(`data.${type}.${name}`, index), at),
        })
      })
    }
    const naming = EXISTING_PRINCIPALS[type]
    if (instances.length === 0 && located && naming) {
      // Not in the plan (the code alone): a role, user or group this configuration looks up is the one its
      // argument names, as an attachment to it is to that principal (`role = data.aws_iam_role.exec.name`).
      const block = located.node
      const text = `data.${type}.${name}`
      return this.fromCode(block, text, at, (index) => {
        const argument = block.attributes.get(naming.argument)
        const scope = this.forInstance(block, index, located.file)
        const given = argument ? evaluate(argument.expr, scope) : undefined
        const address = this.addressOf(text, index)
        const read = (attribute: string) =>
          unknown(
            at,
            `${text}.${attribute}`,
            `${text}.${attribute} is known when Terraform reads it`,
            `${address}.${attribute}`,
          )
        return object(at, {
          ...(given && { [naming.argument]: given }),
          // A role's id is its name; a user's and a group's are their unique ids (AIDA…, AGPA…).
          ...(given && naming.idIsName && { id: given }),
          arn: read('arn'),
          [ADDRESS_KEY]: fromPlain(address, at),
        })
      })
    }
    // Its values not known here, a data source's instances may be: `data.aws_iam_role.existing[0]` of a
    // count of 0 is none, which try() passes over to what it gives instead (`try(data.aws_iam_role.
    // existing[0], aws_iam_role.new[0])`, as Terraform's index error does), not a value a plan would know.
    const counted = located?.node.attributes.has('count') || located?.node.attributes.has('for_each')
    if (instances.length === 0 && located && counted)
      return this.fromCode(located.node, `data.${type}.${name}`, at, () =>
        this.instancesValue(instances, `data.${type}.${name}`, at),
      )
    return this.instancesValue(instances, `data.${type}.${name}`, at)
  }

  /**
   * From the code alone, a `data "template_file"` (the template provider's, before templatefile()): its
   * `rendered` is its `template` rendered with its `vars`, as templatefile() renders a file's text.
   */
  private templateFile(located: Located<Block>, text: string, at: { line: number; column: number }): Value {
    const block = located.node
    const made = kept(TEMPLATE_FILES, this.at, blocksMade)
    const cycle = () => unknown(at, text, `${text} depends on itself (Terraform refuses the cycle)`)
    return this.fromCode(block, text, at, (index) =>
      madeOnce(made, block, JSON.stringify(index ?? null), cycle, () =>
        this.renderedFile(located, text, index, at),
      ),
    )
  }

  /** One instance of a `data "template_file"`: its `rendered`, and its address. */
  private renderedFile(
    located: Located<Block>,
    text: string,
    index: number | string | undefined,
    at: { line: number; column: number },
  ): Value {
    const block = located.node
    const scope = this.forInstance(block, index, located.file)
    const template = block.attributes.get('template')
    const vars = block.attributes.get('vars')
    const body = template ? evaluate(template.expr, scope) : undefined
    const call = `${text}.rendered`
    const rendered =
      body?.type === 'string'
        ? renderTemplate(
            body.value,
            body.origin
              ? { file: body.origin.file ?? located.file, line: body.origin.line }
              : { file: located.file, line: (template as Attribute).at.line },
            vars ? evaluate(vars.expr, scope) : object(at, {}),
            scope,
            at,
            call,
          )
        : unknown(at, call, body?.type === 'unknown' ? body.why : `${text} has no template known here`)
    return object(at, { rendered, [ADDRESS_KEY]: fromPlain(this.addressOf(text, index), at) })
  }

  /** The address of `text` (`aws_iam_role.app`, `module.x`) in this module instance, of its instance `index`. */
  private addressOf(text: string, index: number | string | undefined): string {
    const prefix = this.at.address ? `${this.at.address}.` : ''
    return `${prefix}${text}${index === undefined ? '' : `[${JSON.stringify(index)}]`}`
  }

  /**
   * A policy document data source's instance, rendered once however many name it; one that is met again
   * while it is rendered, through its own sources, is unknown (madeOnce).
   */
  private rendered(
    block: Block,
    index: number | string | undefined,
    file: string | undefined,
    text: string,
    at: { line: number; column: number },
  ): Value {
    return madeOnce(
      kept(RENDERS, this.at, blocksMade),
      block,
      JSON.stringify(index ?? null),
      () => unknown(at, text, `${text} depends on itself (Terraform refuses the cycle)`),
      () => renderPolicyDocument(block, this.forInstance(block, index, file)),
      // Some part of a document cut short is missing: not known as a whole, and kept so, or a document
      // naming its source twice in each of 150 links is rendered 2^150 times.
      () => unknown(at, text, TOO_DEEP),
    )
  }

  /**
   * The account a resource or data source of this module instance (`block`) is made in or reads: the one
   * its provider configuration names (`assume_role { role_arn }`, a single `allowed_account_ids`),
   * followed from its `provider` argument through each module call's `providers`. `<account>` when that
   * is an alias that assumes a role or uses another profile without saying which account; undefined
   * when the configuration's account stands (a default configuration that names none, an alias for
   * another region).
   */
  providerAccount(block: Block): string | undefined {
    const written = block.attributes.get('provider')?.expr
    let name = providerName(written) ?? 'aws'
    // OpenTofu's provider for_each: `provider = aws.by_region[each.key]` is the instance of that key.
    let key = instanceKeyOf(written, this)
    for (let at: ModuleInstance | undefined = this.at; at; at = at.parent) {
      const own = at.module.providers?.get(name)
      if (own) return this.accountIn(own, at, name.includes('.'), key)
      if (!at.parent) return undefined
      const passed = bare(at.call?.node.attributes.get('providers')?.expr)
      if (passed?.kind === 'object') {
        const entry = passed.entries.find((e) => providerName(e.key) === name)
        const target = entry && providerName(entry.value)
        // A module's provider the call does not pass is not configured: Terraform refuses that plan.
        if (!target) return undefined
        name = target
        // An instance a module call passes is keyed by what only the call's own instance knows.
        key = entry && instanceKeyOf(entry.value, undefined)
      } else if (name !== 'aws') return undefined
    }
    return undefined
  }

  /**
   * The account a `provider` block names (providerConfigAccount); `alias`: not the default configuration;
   * `key`: the instance of a provider with for_each (null: one not known here).
   */
  private accountIn(
    provider: Located<Block>,
    instance: ModuleInstance,
    alias: boolean,
    key: string | number | null | undefined,
  ): string | undefined {
    const block = provider.node
    // Of a provider with for_each, the instance's (each.key, each.value); with no key known, none.
    const each = block.attributes.has('for_each') && key !== undefined && key !== null
    const scope = new ModuleScope(instance, this.code, this.plan, this.planIndex).forInstance(
      each ? block : undefined,
      each ? key : undefined,
      provider.file,
    )
    const text = (b: Block | undefined, attribute: string) => {
      const found = b?.attributes.get(attribute)
      const value = found && evaluate(found.expr, scope)
      return value?.type === 'string' ? value.value : found ? '' : undefined
    }
    const assumed = block.blocks.find(
      (b) => b.type === 'assume_role' || b.type === 'assume_role_with_web_identity',
    )
    const fromRole = accountOf(text(assumed, 'role_arn') ?? '')
    const allowed = block.attributes.get('allowed_account_ids')
    const ids = allowed && evaluate(allowed.expr, scope)
    const [only] = ids?.type === 'array' && ids.items.length === 1 ? ids.items : []
    // Another role, or another profile than the default configuration's: another account, maybe.
    const profile = text(block, 'profile')
    return providerConfigAccount({
      roleAccounts: isAccountId(fromRole) ? [fromRole] : [],
      allowedAccounts: only?.type === 'string' && isAccountId(only.value) ? [only.value] : [],
      alias,
      assumesRole: assumed !== undefined,
      otherProfile:
        profile !== undefined && profile !== text(instance.module.providers?.get('aws')?.node, 'profile'),
    })
  }

  /**
   * What a data source that the code alone can stand for gives: `data.aws_partition` as the commercial
   * partition, where nearly all are (without it `arn:${…}:iam::aws:policy/…` names no policy), and
   * `data.aws_caller_identity` in the account its provider names, else the one the config names for the
   * configuration (its caller's `arn` and `user_id` stay unknown). A plan gives the real ones.
   */
  private assumedData(
    type: string,
    what: string,
    at: { line: number; column: number },
    block: Block | undefined,
  ): Value | undefined {
    if (type === 'aws_partition') return fromPlain(COMMERCIAL_PARTITION, at)
    if (type !== 'aws_caller_identity') return undefined
    const account = (block && this.providerAccount(block)) ?? this.code.account
    if (!account || account === '<account>') return undefined
    const later = (attribute: string) =>
      unknown(at, `${what}.${attribute}`, 'the caller is known only when Terraform runs')
    return object(at, {
      account_id: fromPlain(account, at),
      id: fromPlain(account, at),
      arn: later('arn'),
      user_id: later('user_id'),
    })
  }

  /**
   * The ARN of the AWS managed policy a `data "aws_iam_policy"` finds by `name` (within `path_prefix`),
   * from the snapshot; unknown for a name AWS manages no policy by: a customer managed policy of the
   * account, which this configuration does not define.
   */
  private managedPolicyArn(block: Block, scope: Scope, at: { line: number; column: number }): Value {
    const nameAttribute = block.attributes.get('name')
    if (!nameAttribute) return unknown(at, 'arn', 'it names its policy by neither arn nor name')
    const name = evaluate(nameAttribute.expr, scope)
    if (name.type === 'unknown') return name
    if (name.type !== 'string') return unknown(at, 'name', 'its name is not a string')
    const prefixAttribute = block.attributes.get('path_prefix')
    const prefixValue = prefixAttribute && evaluate(prefixAttribute.expr, scope)
    // An argument set to null is not given.
    const prefix = prefixValue?.type === 'null' ? undefined : prefixValue
    if (prefix?.type === 'unknown') return prefix
    const arn = this.code.managedPolicies?.arnOfName(name.value)
    // An AWS managed policy's path is what its ARN holds between `policy` and its name (`/service-role/`).
    const path = arn?.slice(arn.indexOf(':policy') + ':policy'.length, arn.lastIndexOf('/') + 1)
    const within = prefix === undefined || (prefix.type === 'string' && path?.startsWith(prefix.value))
    if (arn && within) return fromPlain(arn, at)
    return unknown(
      at,
      'arn',
      `AWS manages no policy named "${name.value}"${prefix?.type === 'string' ? ` under ${prefix.value}` : ''}: a customer managed policy this configuration does not define`,
    )
  }

  /**
   * A data source's value from its code, each instance made by `make`: one without count or for_each,
   * else a list (count) or map (for_each) of the instances the code says; unknown when it cannot say.
   */
  private fromCode(
    block: Block,
    text: string,
    at: { line: number; column: number },
    make: (index: number | string | undefined) => Value,
    /** For a for_each not known here, the one instance that stands for each; else not known. */
    standIn?: (why: string) => Value,
  ): Value {
    if (!block.attributes.has('count') && !block.attributes.has('for_each')) return make(undefined)
    const place = `instances ${this.file ?? ''}\u0001${at.line}\u0001${at.column}`
    return oncePerPlace(blockValues(this.at), block, place, (): Value => {
      const known = instanceKeys(block, this)
      if (known) {
        const which = block.attributes.has('count') ? 'count' : 'for_each'
        const made = (k: number | string) =>
          known.assumed ? uncertain(make(k), `${text}: its ${which} is not known here`) : make(k)
        return which === 'count'
          ? { type: 'array', items: known.keys.map(made), ...at }
          : object(at, Object.fromEntries(known.keys.map((k) => [String(k), made(k)])))
      }
      const forEach = block.attributes.get('for_each')
      if (forEach) {
        // Say why, as for a resource's each: a module's output, a variable only its callers give.
        const value = evaluate(forEach.expr, this)
        const why = `${text}: its for_each is not known here${value.type === 'unknown' ? `: ${value.why}` : ''}`
        return standIn ? standIn(why) : unknown(at, text, why)
      }
      // A count not known here is one instance, as for resources read from the code (`count =
      // module.this.enabled ? 1 : 0`); its texts are marked, for there may be none (PlanResource.assumed).
      return { type: 'array', items: [uncertain(make(0), `${text}: its count is not known here`)], ...at }
    })
  }

  private instancesValue(
    instances: readonly PlanResource[],
    text: string,
    at: { line: number; column: number },
  ): Value {
    if (instances.length === 0) {
      // Read from the code alone, only IAM resources are: what others hold, only a plan says.
      const why = this.plan?.variablesWritten
        ? `only a plan has the values of ${text}`
        : `${text} is not in the plan`
      return unknown(at, text, why)
    }
    const single = instances.length === 1 && instances[0]?.index === undefined
    if (single) return planValue(instances[0] as PlanResource, text, at)
    // Made once per place that names them: each of a counted resource's instances names the list
    // (`role = aws_iam_role.app[count.index].id`), and made each time, 1,000 instances took 14 s.
    const site = `${text}\u0001${at.line}\u0001${at.column}`
    return oncePerPlace(COLLECTED, instances, site, () =>
      collect(instances, at, (r) => planValue(r, `${text}[${JSON.stringify(r.index)}]`, at)),
    )
  }
}

/**
 * What the steps of `steps` that name a part outright (`.id`, `["prod"]`, `[0]`) pick out of `value`, as
 * applySteps would, and how many: up to the first that is not literal, or names what is not there or not
 * known (applySteps then says why).
 */
function literalPick(value: Value, steps: readonly Step[]): { value: Value; used: number } {
  let current = value
  let used = 0
  for (const step of steps) {
    const key =
      step.kind === 'attr'
        ? step.name
        : step.kind === 'index' && step.key.kind === 'literal'
          ? step.key.value
          : undefined
    let next: Value | undefined
    if (
      current.type === 'object' &&
      !current.standsForEach &&
      typeof key === 'string' &&
      key !== ADDRESS_KEY
    ) {
      const i = keyIndex(current, key)
      next = i < 0 ? undefined : current.values[i]
    } else if (current.type === 'array' && typeof key === 'number' && step.kind === 'index')
      next = current.items[key]
    if (!next || next.type === 'unknown') break
    current = next
    used++
  }
  return { value: current, used }
}

/** What `make` gives for `key` at `place`, made the first time and kept while `key` lives. */
function oncePerPlace<K extends object>(
  cache: WeakMap<K, Map<string, Value>>,
  key: K,
  place: string,
  make: () => Value,
): Value {
  return kept(
    kept(cache, key, () => new Map<string, Value>()),
    place,
    make,
  )
}

/** A resource's instances as a list or map, by the place that names them (see instancesValue). */
const COLLECTED = new WeakMap<readonly PlanResource[], Map<string, Value>>()

/** `data.aws_partition` of the commercial partition. */
const COMMERCIAL_PARTITION = {
  id: 'aws',
  partition: 'aws',
  dns_suffix: 'amazonaws.com',
  reverse_dns_prefix: 'com.amazonaws',
}

/**
 * The most module and IAM resource instances the code alone is read into: count and for_each multiply
 * down nested modules (10,000 modules of 10,000 are a hundred million), and a pull request may write them.
 * An account holds at most 5,000 roles and 5,000 users (IAM quotas).
 */
export const MAX_CODE_INSTANCES = 20_000

/**
 * The most instances a count makes here: a hostile `count = 1e9` is not a billion renderings. One past
 * the code's instance budget, so that a count beyond it is refused there, by name, not cut short in silence.
 */
const MAX_COUNT = MAX_CODE_INSTANCES + 1

/**
 * The instance keys of a block as its code says: count indexes, for_each keys; undefined when they are
 * not known here. A count or for_each that a condition not known here decides between none and some
 * (`count = var.create ? length(var.names) : 0`, `for_each = local.enabled ? local.arns : {}`) gives
 * the some, `assumed`: there may be none.
 */
export function instanceKeys(
  block: Block,
  scope: Scope,
): { readonly keys: (number | string)[]; readonly assumed: boolean } | undefined {
  const attribute = block.attributes.get('count') ?? block.attributes.get('for_each')
  if (!attribute) return undefined
  const counted = block.attributes.has('count')
  const keys = keysOf(evaluate(attribute.expr, scope), counted)
  if (keys) return { keys, assumed: false }
  const some = someOrNone(attribute.expr, scope)
  const assumed = some && keysOf(some, counted)
  return assumed ? { keys: assumed, assumed: true } : undefined
}

/** A count's indexes, or a for_each's keys, from its value; undefined when its value is not known here. */
function keysOf(value: Value, counted: boolean): (number | string)[] | undefined {
  if (counted)
    return value.type === 'number'
      ? Array.from({ length: Math.max(0, Math.min(Math.floor(value.value), MAX_COUNT)) }, (_, i) => i)
      : undefined
  if (value.type === 'object') return value.keys.map((k) => k.value)
  if (value.type === 'array')
    return value.items.flatMap((item) => (item.type === 'string' ? [item.value] : []))
  return undefined
}

/**
 * A value shaped by a variable's type, once per value (a place keeps its value: see here): each of
 * 10,000 instances naming `var.names[count.index]` copied the list of 10,000 (8 s).
 */
const CONFORMED = new WeakMap<Expr, WeakMap<Value, Value>>()
function conformed(value: Value, type: Expr | undefined, scope: Scope): Value {
  if (!type) return value
  return kept(
    kept(CONFORMED, type, () => new WeakMap<Value, Value>()),
    value,
    () => conform(value, bare(type), scope),
  )
}

/** Each string item's first place in a list (a for_each over a set), made once per list. */
const stringPlacesOf = new WeakMap<Value, ReadonlyMap<string, number>>()
function stringPlaces(list: Extract<Value, { type: 'array' }>): ReadonlyMap<string, number> {
  return kept(stringPlacesOf, list, () => {
    const places = new Map<string, number>()
    for (let i = list.items.length - 1; i >= 0; i--) {
      const item = list.items[i] as Value
      if (item.type === 'string') places.set(item.value, i)
    }
    return places
  })
}

/** A for_each's collection: its value, or what a condition not known here may make it (see instanceKeys). */
function collectionOf(expr: Expr, scope: Scope): Value {
  const value = evaluate(expr, scope)
  return value.type === 'object' || value.type === 'array' ? value : (someOrNone(expr, scope) ?? value)
}

/**
 * The branch of `test ? a : b` that is not empty (0, [] or {}) when the test is not known here; either,
 * when both are (`local.enabled ? var.arns : []` with no ARNs given: no instance either way).
 */
function someOrNone(expr: Expr, scope: Scope): Value | undefined {
  if (expr.kind === 'elsewhere') {
    const some = someOrNone(expr.expr, scope.writtenIn?.(expr.file) ?? scope)
    return some && relocate(some, expr.at, expr.file)
  }
  // Through a conversion, which keeps the keys (`toset(local.enabled ? [""] : [])`, uktrade's).
  if (expr.kind === 'call' && CONVERSIONS.has(expr.name) && expr.args.length === 1 && !expr.expandsLast)
    return someOrNone(expr.args[0] as Expr, scope)
  if (expr.kind !== 'conditional' || evaluate(expr.test, scope).type === 'boolean') return undefined
  const then = evaluate(expr.then, scope)
  const otherwise = evaluate(expr.otherwise, scope)
  if (isNone(otherwise)) return then
  if (isNone(then)) return otherwise
  return undefined
}

const CONVERSIONS = new Set(['toset', 'tolist', 'tomap'])

function isNone(value: Value): boolean {
  if (value.type === 'number') return value.value === 0
  if (value.type === 'array') return value.items.length === 0
  if (value.type === 'object') return value.keys.length === 0
  return false
}

/** Instances as a list (count) or a map (for_each). */
function collect(
  instances: readonly PlanResource[],
  at: { line: number; column: number },
  valueFor: (r: PlanResource) => Value,
): Value {
  if (instances.every((r) => typeof r.index === 'number')) {
    const items: Value[] = []
    for (const r of instances) items[r.index as number] = valueFor(r)
    return { type: 'array', items: [...items].map((v) => v ?? unknown(at, '…', 'a missing instance')), ...at }
  }
  const entries: Record<string, Value> = {}
  for (const r of instances) entries[String(r.index)] = valueFor(r)
  return object(at, entries)
}

/** A resource instance's planned values; what is known only after apply as placeholders. */
function planValue(r: PlanResource, text: string, at: { line: number; column: number }): Value {
  const value = withUnknown(r.values, r.unknown, text, at)
  if (value.type !== 'object') return value
  return {
    ...value,
    keys: [...value.keys, { type: 'string', value: ADDRESS_KEY, ...at }],
    values: [...value.values, fromPlain(r.address, at)],
  }
}

function withUnknown(
  plain: unknown,
  mask: unknown,
  text: string,
  at: { line: number; column: number },
): Value {
  if (mask === true) return unknown(at, text, `${text} is known only after apply`)
  if (Array.isArray(plain)) {
    const masks = Array.isArray(mask) ? mask : []
    return { type: 'array', items: plain.map((p, i) => withUnknown(p, masks[i], `${text}[${i}]`, at)), ...at }
  }
  if (plain !== null && typeof plain === 'object') {
    const masks = mask !== null && typeof mask === 'object' ? (mask as Record<string, unknown>) : {}
    const keys = new Set([...Object.keys(plain), ...Object.keys(masks).filter((k) => masks[k] === true)])
    const entries: Record<string, Value> = {}
    for (const key of keys)
      entries[key] = withUnknown((plain as Record<string, unknown>)[key], masks[key], `${text}.${key}`, at)
    return object(at, entries)
  }
  if (plain === undefined && mask === undefined) return unknown(at, text, `${text} is not in the plan`)
  return fromPlain(plain, at)
}

function object(at: { line: number; column: number }, entries: Record<string, Value>): Value {
  return {
    type: 'object',
    keys: Object.keys(entries).map((k) => ({ type: 'string' as const, value: k, ...at })),
    values: Object.values(entries),
    line: at.line,
    column: at.column,
  }
}

/** A value made for an instance assumed to exist: its strings, and an object's, say why it may not. */
function uncertain(value: Value, why: string): Value {
  if (value.type === 'string') return { ...value, uncertain: why }
  if (value.type !== 'object') return value
  return { ...value, values: value.values.map((v) => (v.type === 'string' ? { ...v, uncertain: why } : v)) }
}

/** `aws` or `aws.prod`, as a `provider` argument or a `providers` map names a provider configuration. */
function providerName(written: Expr | undefined): string | undefined {
  const expr = bare(written)
  if (expr?.kind === 'traversal') {
    // `aws.by_region[each.key]`: the configuration is `aws.by_region`, whatever the instance.
    const names = expr.steps.flatMap((step) => (step.kind === 'attr' ? [step.name] : []))
    return [expr.root, ...names].join('.')
  }
  return expr && plainText(expr)
}

/**
 * The instance key of a provider reference with one (`aws.by_region[each.key]`), as `scope` evaluates it;
 * undefined for a reference with none, null for a key not known here (or no scope to know it in).
 */
function instanceKeyOf(
  written: Expr | undefined,
  scope: Scope | undefined,
): string | number | null | undefined {
  const expr = bare(written)
  const index = expr?.kind === 'traversal' ? expr.steps.find((step) => step.kind === 'index') : undefined
  if (index?.kind !== 'index') return undefined
  const key = scope && evaluate(index.key, scope)
  return key?.type === 'string' || key?.type === 'number' ? key.value : null
}

/**
 * The data sources that look up an existing role, user or group, by the argument that names it: what
 * the code alone knows of them. A role's id is its name (the provider sets it so); a user's and a
 * group's ids are unique ids only AWS knows.
 */
const EXISTING_PRINCIPALS: Readonly<Record<string, { argument: string; idIsName: boolean }>> = {
  aws_iam_role: { argument: 'name', idIsName: true },
  aws_iam_user: { argument: 'user_name', idIsName: false },
  aws_iam_group: { argument: 'group_name', idIsName: false },
}
