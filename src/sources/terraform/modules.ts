// The .tf files of a Terraform configuration, module by module: read from the workspace only (links
// out of it are refused), parsed once, with their blocks indexed by what names them.
import { type Dirent, readdirSync, realpathSync } from 'node:fs'
import { join, posix, relative, sep } from 'node:path'
import type { ManagedPolicies } from '../../catalog/managed-policies.js'
import { isInside, leavesWorkspace } from '../../config/paths.js'
import { readTextUpTo, tooLarge } from '../../config/read-text.js'
import type { JsonNode } from '../../policy/json-tree.js'
import { append, kept } from '../../vocabulary/lists.js'
import type { Problem } from '../../vocabulary/problems.js'
import { parseJsonText } from '../cloudformation/template.js'
import { Glob } from '../glob.js'
import { evaluate, type Scope, type Value, type ValueBudget, valueBudget, valueOfJson } from './evaluate.js'
import { type At, type Attribute, type Block, type Parsed, parseHcl } from './hcl.js'
import type { ConfigModule } from './plan.js'
import { parseTfJson } from './tf-json.js'

/** A scope that names nothing: for what Terraform takes only as a literal (.tfvars values, a `source`). */
export const NO_SCOPE: Scope = {
  resolve: () => undefined,
  readFile: () => undefined,
  // Where only literals belong (a module's source, a provider's alias): nothing real spends from it.
  budget: valueBudget(),
}

/** A block and the file it is written in (workspace-relative). */
export interface Located<T> {
  readonly node: T
  readonly file: string
}

/** A module's code: its blocks, by kind and name. Empty when its directory cannot be read. */
export interface TfModule {
  /** Workspace-relative directory, or undefined when the module's code is not in the workspace. */
  readonly dir: string | undefined
  readonly resources: ReadonlyMap<string, Located<Block>>
  readonly data: ReadonlyMap<string, Located<Block>>
  readonly calls: ReadonlyMap<string, Located<Block>>
  readonly variables: ReadonlyMap<string, Located<Block>>
  readonly locals: ReadonlyMap<string, Located<Attribute>>
  /** Its `output` blocks, by name: what `module.<call>.<name>` gives its caller. */
  readonly outputs: ReadonlyMap<string, Located<Block>>
  /** Its `provider` blocks, by the name resources use: `aws`, or `aws.<alias>`. */
  readonly providers?: ReadonlyMap<string, Located<Block>>
}

/**
 * Whether a workspace file is code `terraform init` installed (a registry or git module, under
 * .terraform/modules): not the repository's, so no one edits it here.
 */
export function installedCode(file: string): boolean {
  return file.split('/').includes('.terraform')
}

/** Module calls deeper than this are not followed (a module that calls itself, through a cycle of sources). */
export const MAX_MODULE_DEPTH = 16

/** Largest .tf file read: anything larger is refused with a problem, not parsed. */
const MAX_TF_BYTES = 4 * 1024 * 1024

/** How a file git-crypt encrypts begins (its header: NUL, GITCRYPT, NUL), read as text. */
const GIT_CRYPT = '\u0000GITCRYPT\u0000'
const ENCRYPTED = 'is encrypted with git-crypt'

/** What fileset() walks at most: entries listed, and directories deep. */
const MAX_FILESET_ENTRIES = 50_000
const MAX_FILESET_DEPTH = 32

const EMPTY: TfModule = {
  dir: undefined,
  resources: new Map(),
  data: new Map(),
  calls: new Map(),
  variables: new Map(),
  locals: new Map(),
  outputs: new Map(),
}

/**
 * The .tf and .tf.json files of one run, each parsed once for the text it has: a repository's roots
 * call its shared modules (cloudposse's components each call `../account-map/modules/iam-roles`), and
 * each root's reading parsed them again — 1,531 parses of 846 files in 101 roots. The trees are not
 * changed by what reads them, so roots share them.
 */
export class TfParses {
  private readonly parsed = new Map<string, { readonly text: string; readonly result: Promise<Parsed> }>()

  parse(file: string, text: string): Promise<Parsed> {
    const known = this.parsed.get(file)
    if (known?.text === text) return known.result
    const result = file.endsWith('.json') ? parseTfJson(file, text) : parseHcl(file, text)
    this.parsed.set(file, { text, result })
    return result
  }
}

/** Reads modules on demand, each directory once. */
export class TfCode {
  private readonly modules = new Map<string, Promise<TfModule>>()
  /** The modules read so far, for evaluation, which cannot wait (a module output names one). */
  private readonly read = new Map<string, TfModule>()
  private readonly realRoot: string
  /** The text of every .tf file read, for edits in place. */
  private readonly texts = new Map<string, string>()
  private installed: Map<string, string> | undefined
  /** Whether the configuration is OpenTofu's (readsTofu), once asked. */
  private tofu: boolean | undefined
  /**
   * The snapshot of AWS managed policies, when the code reads one with `data "aws_iam_policy"`: set by
   * discovery before it evaluates what may read one (its document by ARN, its ARN by name).
   */
  managedPolicies: ManagedPolicies | undefined
  /** What the reading leaves out and says (a file git-crypt keeps encrypted): notes, not problems. */
  readonly notes: Problem[] = []
  /** The files found encrypted, each noted once. */
  private readonly encrypted = new Set<string>()
  /** The values this reading of the code may still make (MAX_VALUES), for every scope of it. */
  readonly budget: ValueBudget = valueBudget()

  constructor(
    private readonly workspaceRoot: string,
    /** The root module's directory, workspace-relative. */
    readonly rootDir: string,
    readonly problems: Problem[],
    /** The account the configuration deploys to, as the config says: `data.aws_caller_identity`'s. */
    readonly account?: string | undefined,
    /** Where the files read are parsed: shared by the readings of one run's roots. */
    private readonly parses: TfParses = new TfParses(),
  ) {
    this.realRoot = realpathSync.native(workspaceRoot)
  }

  /** Every module read so far. */
  loaded(): Promise<TfModule[]> {
    return Promise.all(this.modules.values())
  }

  /**
   * The directories of the workspace's own modules read so far (not `terraform init`'s), the root's aside,
   * each where it is (see whereItIs), as the roots a glob matches are listed.
   */
  localModuleDirs(): string[] {
    return [...this.modules.keys()]
      .filter((dir) => dir !== this.rootDir && !installedCode(dir))
      .map((dir) => this.whereItIs(dir))
  }

  /** The module in a workspace-relative directory. */
  module(dir: string | undefined): Promise<TfModule> {
    if (dir === undefined) return Promise.resolve(EMPTY)
    let module = this.modules.get(dir)
    if (!module) {
      module = this.load(dir).then((loaded) => {
        this.read.set(dir, loaded)
        return loaded
      })
      this.modules.set(dir, module)
    }
    return module
  }

  /** The module in a directory, if it has been read (see readTree); undefined otherwise. */
  moduleRead(dir: string | undefined): TfModule | undefined {
    return dir === undefined ? EMPTY : this.read.get(dir)
  }

  /**
   * Reads every module the configuration calls, to the depth discovery follows, so that evaluation can
   * reach the outputs of any of them.
   */
  async readTree(
    module: TfModule,
    config: ConfigModule | undefined,
    key: readonly string[] = [],
  ): Promise<void> {
    if (key.length >= MAX_MODULE_DEPTH) return
    for (const [name, call] of config?.calls ?? []) {
      const childKey = [...key, name]
      const child = await this.module(this.childDir(module.dir, childKey, call.source))
      await this.readTree(child, call.module, childKey)
    }
  }

  /**
   * The directory of a module call: a local source (`./modules/app`) relative to its caller, or where
   * `terraform init` installed it (.terraform/modules/modules.json), by its key (`app.inner`).
   */
  childDir(callerDir: string | undefined, key: readonly string[], source: string): string | undefined {
    if (isLocalSource(source) && callerDir !== undefined) {
      // `./` and `.` are one directory: without its trailing slash, so that it is read, and known, once.
      const dir = posix.normalize(posix.join(callerDir, source)).replace(/(.)\/+$/, '$1')
      return leavesWorkspace(dir) ? undefined : dir
    }
    const installed = this.installedModules().get(key.join('.'))
    return installed === undefined ? undefined : posix.normalize(posix.join(this.rootDir, installed))
  }

  /** The text of a .tf file of a module read before. */
  textOf(file: string): string | undefined {
    return this.texts.get(file)
  }

  /**
   * `path.cwd`: the directory Terraform runs in, the root module's, as an absolute path (its name is what
   * `basename(path.cwd)` names resources after).
   */
  get cwd(): string {
    return join(this.workspaceRoot, this.rootDir)
  }

  /**
   * The `module` block of the root module that brought in `file`, code `terraform init` installed (under
   * .terraform/modules): what a person changes about that code is there (its version, its inputs).
   */
  installedBy(file: string): (Located<Block> & { readonly name: string }) | undefined {
    let key: string | undefined
    let longest = 0
    for (const [k, dir] of this.installedModules()) {
      const full = posix.normalize(posix.join(this.rootDir, dir))
      if (k !== '' && file.startsWith(`${full}/`) && full.length > longest) {
        key = k
        longest = full.length
      }
    }
    const name = key?.split('.')[0]
    const call = name === undefined ? undefined : this.moduleRead(this.rootDir)?.calls.get(name)
    return call && name !== undefined ? { ...call, name } : undefined
  }

  /** A module's directory as `path.module` gives it: relative to the root module's, where Terraform runs. */
  relativeToRoot(dir: string | undefined): string {
    return dir === undefined ? '.' : posix.relative(this.rootDir, dir) || '.'
  }

  /**
   * A file read by file() or templatefile(): Terraform resolves a relative path against the directory it
   * runs in, the root module's (`path.module` leads into a child module). Inside the workspace only.
   */
  readModuleFile(path: string): { text: string | undefined; file: string; why?: string } | undefined {
    if (path.startsWith('/')) return undefined
    const file = posix.normalize(posix.join(this.rootDir, path))
    if (leavesWorkspace(file)) return undefined
    const { text, real } = this.readInsideAt(file)
    const shown = text === undefined ? file : this.whereItIs(file, real)
    return { text, file: shown, ...(text === undefined && this.encrypted.has(file) && { why: ENCRYPTED }) }
  }

  /**
   * `path` (of the workspace) named where it really is: a module reached through a symlink
   * (`modules/role` → `../../shared/role`) has its files annotated where a pull request changes them,
   * not under the link, which a diff shows as one line of text. `path` when no symlink leads to it.
   */
  private whereItIs(path: string, real?: string): string {
    let resolved = real
    try {
      resolved ??= realpathSync.native(join(this.workspaceRoot, path))
    } catch {
      return path
    }
    if (!isInside(this.realRoot, resolved)) return path
    const shown = relative(this.realRoot, resolved).split(sep).join('/') || '.'
    return shown === posix.normalize(path) ? path : shown
  }

  /**
   * fileset(): the files under `path` (resolved as file() resolves it) whose path below it matches the
   * glob `pattern`, relative to it and sorted, as Terraform gives them. Undefined when `path` is not a
   * directory inside the workspace, or when it holds more than MAX_FILESET_ENTRIES entries (a hostile
   * tree). `.git` and `.terraform` are not walked: no configuration reads its own files from them.
   */
  listModuleFiles(path: string, pattern: string): string[] | undefined {
    if (path.startsWith('/')) return undefined
    const dir = posix.normalize(posix.join(this.rootDir, path))
    if (leavesWorkspace(dir)) return undefined
    let real: string
    try {
      real = realpathSync.native(join(this.workspaceRoot, dir))
    } catch {
      return undefined
    }
    if (!isInside(this.realRoot, real)) return undefined
    const glob = Glob.compile(pattern, true, true)
    if (typeof glob === 'string') return undefined
    const found: string[] = []
    let entries = 0
    const walk = (abs: string, below: string, depth: number): boolean => {
      let listing: Dirent[]
      try {
        listing = readdirSync(abs, { withFileTypes: true })
      } catch {
        return true
      }
      for (const entry of listing) {
        if (++entries > MAX_FILESET_ENTRIES) return false
        const name = below === '' ? entry.name : `${below}/${entry.name}`
        if (entry.isDirectory()) {
          if (entry.name === '.git' || entry.name === '.terraform' || depth >= MAX_FILESET_DEPTH) continue
          if (!walk(join(abs, entry.name), name, depth + 1)) return false
        } else if ((entry.isFile() || entry.isSymbolicLink()) && glob.matches(name)) found.push(name)
      }
      return true
    }
    return walk(real, '', 0) ? found.sort() : undefined
  }

  /**
   * The root module's variables as the files Terraform loads by itself write them, each with its file,
   * when no plan says what they were: terraform.tfvars, terraform.tfvars.json, then the *.auto.tfvars
   * and *.auto.tfvars.json files in the order of their names, a later file's value winning.
   */
  async rootVariables(): Promise<Map<string, { value: Value; file: string }>> {
    const values = new Map<string, { value: Value; file: string }>()
    let names: string[]
    try {
      const real = realpathSync.native(join(this.workspaceRoot, this.rootDir))
      if (!isInside(this.realRoot, real)) return values
      names = readdirSync(real)
        .filter((n) => n.endsWith('.auto.tfvars') || n.endsWith('.auto.tfvars.json'))
        .sort()
    } catch {
      return values
    }
    for (const name of ['terraform.tfvars', 'terraform.tfvars.json', ...names]) {
      const file = posix.join(this.rootDir, name)
      const text = this.readInside(file)
      if (text === undefined) continue
      if (name.endsWith('.json')) {
        for (const [key, value] of this.jsonVariables(file, text)) values.set(key, { value, file })
        continue
      }
      const { attributes, problems } = await parseHcl(file, text)
      append(this.problems, problems)
      for (const [key, attribute] of attributes)
        values.set(key, { value: evaluate(attribute.expr, { ...NO_SCOPE, budget: this.budget }), file })
    }
    return values
  }

  /** The variables a .tfvars.json file gives: one JSON object, its keys the names (no templates in it). */
  private jsonVariables(file: string, text: string): [string, Value][] {
    const { root, problems } = parseJsonText(file, text)
    append(this.problems, problems)
    if (problems.length > 0 || !root) return []
    if (root.type !== 'object') {
      const message = `a ${root.type === 'array' ? 'list' : root.type} at the top of a .tfvars.json file; expected an object of variable names and their values`
      this.problems.push({ file, line: root.line, column: root.column, message })
      return []
    }
    return root.keys.map((key, i) => [key.value, valueOfJson(root.values[i] as JsonNode)])
  }

  private installedModules(): Map<string, string> {
    if (!this.installed) {
      this.installed = new Map()
      const text = this.readInside(posix.join(this.rootDir, '.terraform', 'modules', 'modules.json'))
      try {
        const parsed = JSON.parse(text ?? '{}') as { Modules?: { Key?: string; Dir?: string }[] }
        for (const m of parsed.Modules ?? [])
          if (typeof m.Key === 'string' && typeof m.Dir === 'string' && !leavesWorkspace(m.Dir))
            this.installed.set(m.Key, m.Dir)
      } catch {
        // No readable manifest: modules from registries have no code here; positions fall back.
      }
    }
    return this.installed
  }

  /**
   * Whether OpenTofu runs this configuration, so that its `.tofu` files count: unless the dependency
   * lock file (`.terraform.lock.hcl`, which both write) has its providers from Terraform's registry
   * and none from OpenTofu's, for then Terraform runs it, and Terraform reads no `.tofu` file.
   */
  private readsTofu(): boolean {
    if (this.tofu === undefined) {
      const lock = this.readInside(posix.join(this.rootDir, '.terraform.lock.hcl')) ?? ''
      this.tofu = lock.includes('registry.opentofu.org/') || !lock.includes('registry.terraform.io/')
    }
    return this.tofu
  }

  private readInside(file: string): string | undefined {
    return this.readInsideAt(file).text
  }

  /** A file of the workspace read (readInside), with where it really is when it was read. */
  private readInsideAt(file: string): { text: string | undefined; real?: string } {
    try {
      const real = realpathSync.native(join(this.workspaceRoot, file))
      if (!isInside(this.realRoot, real)) {
        // A pull request may commit a link to a runner's file: it is named, never read.
        this.problems.push({ file, line: 1, message: 'a symlink that leads outside the workspace; not read' })
        return { text: undefined }
      }
      const text = readTextUpTo(real, MAX_TF_BYTES)
      if (text === null) this.problems.push({ file, line: 1, message: tooLarge(MAX_TF_BYTES) })
      if (text?.startsWith(GIT_CRYPT)) return { text: this.encryptedFile(file) }
      return { text: text ?? undefined, real }
    } catch {
      return { text: undefined }
    }
  }

  /**
   * A file git-crypt keeps encrypted in the repository (cisagov's and the Ministry of Justice's tfvars):
   * on a runner that does not unlock it, its bytes are no Terraform, and no mistake of the code either. A
   * note, once per file, says what is left out; Terraform itself runs where it is unlocked.
   */
  private encryptedFile(file: string): undefined {
    if (this.encrypted.has(file)) return undefined
    this.encrypted.add(file)
    const left = file.endsWith('.tfvars')
      ? 'the variables it sets keep their defaults here'
      : file.endsWith('.tf') || file.endsWith('.tf.json') || file.endsWith('.tofu')
        ? 'what it declares is not checked'
        : 'what reads it is not checked'
    this.notes.push({
      file,
      line: 1,
      message: `this file ${ENCRYPTED}, so ${left}. Run \`git-crypt unlock\` before this step to read it.`,
    })
    return undefined
  }

  private async load(dir: string): Promise<TfModule> {
    let names: string[]
    // Sources resolve from `dir` as written (Terraform joins paths as text); files are named where they are.
    let at: string
    try {
      const real = realpathSync.native(join(this.workspaceRoot, dir))
      if (!isInside(this.realRoot, real)) return EMPTY
      names = configurationFiles(readdirSync(real), this.readsTofu())
      at = this.whereItIs(dir, real)
    } catch {
      return EMPTY
    }
    const module = emptyModule(dir)
    // Override files last, each in turn (names are sorted), as Terraform reads them: see override().
    const overrides = new Set(names.filter(isOverrideFile))
    const merges: Merges = new Map()
    for (const name of [...names.filter((n) => !overrides.has(n)), ...overrides]) {
      const file = posix.join(at, name)
      const text = this.readInside(file)
      if (text === undefined) continue
      this.texts.set(file, text)
      const { blocks, problems } = await this.parses.parse(file, text)
      append(this.problems, problems)
      for (const block of blocks) {
        if (overrides.has(name)) this.override(module, merges, { node: block, file })
        else if (block.type === 'locals')
          for (const [key, attribute] of block.attributes) module.locals.set(key, { node: attribute, file })
        else {
          const place = placeOf(module, block)
          place?.map.set(place.key, { node: block, file })
        }
      }
    }
    // Each block once with all that override it: merged one by one, 40,000 overrides of a block took 109 s.
    for (const [base, { place, changes }] of merges)
      place.map.set(place.key, { node: mergedBlock(base.node, changes), file: base.file })
    return module
  }

  /**
   * A block of an override file (`override.tf`, `*_override.tf`), to be merged into the block with the
   * same header (see mergedBlock), kept in `merges` with those before it; local values are overridden one
   * by one. One with nothing to change is an error, as it is to Terraform, and left out; but a default
   * provider configuration not written is an empty one, and the override's stands (an aliased one must
   * exist).
   */
  private override(module: ModuleMaps, merges: Merges, override: Located<Block>): void {
    const { node: block, file } = override
    const refuse = (what: string) =>
      this.problems.push({
        file,
        line: block.at.line,
        column: block.at.column,
        message: `${what} overrides nothing: no other file of the module writes it, and Terraform refuses an override without one`,
      })
    if (block.type === 'locals') {
      for (const [key, attribute] of block.attributes)
        if (module.locals.has(key)) module.locals.set(key, { node: attribute, file })
        else refuse(`local.${key}`)
      return
    }
    // terraform, moved, import, check: nothing this reading takes from them.
    const place = placeOf(module, block)
    if (!place) return
    const base = place.map.get(place.key)
    const alias = block.type === 'provider' ? place.key.split('.')[1] : undefined
    if (base) kept(merges, base, () => ({ place, changes: [] })).changes.push(override)
    else if (block.type !== 'provider') refuse(headerOf(block))
    else if (alias !== undefined) refuse(`${headerOf(block)} with the alias "${alias}"`)
    else place.map.set(place.key, override)
  }
}

/** A module of no blocks yet, for load() to fill. */
function emptyModule(dir: string) {
  return {
    dir,
    resources: new Map<string, Located<Block>>(),
    data: new Map<string, Located<Block>>(),
    calls: new Map<string, Located<Block>>(),
    variables: new Map<string, Located<Block>>(),
    locals: new Map<string, Located<Attribute>>(),
    outputs: new Map<string, Located<Block>>(),
    providers: new Map<string, Located<Block>>(),
  }
}
type ModuleMaps = ReturnType<typeof emptyModule>

/** Each block that override files change: where the module keeps it, and the overrides in their order. */
type Merges = Map<Located<Block>, { place: Place; changes: Located<Block>[] }>

/** Where a module keeps a top-level block: a map of it and the block's key there. */
interface Place {
  readonly map: Map<string, Located<Block>>
  readonly key: string
}

/** Where a module keeps a top-level block, and under what key; undefined for kinds it does not keep. */
function placeOf(module: ModuleMaps, block: Block): Place | undefined {
  const [a = '', b = ''] = block.labels
  switch (block.type) {
    case 'resource':
      return { map: module.resources, key: `${a}.${b}` }
    case 'data':
      return { map: module.data, key: `${a}.${b}` }
    case 'module':
      return { map: module.calls, key: a }
    case 'variable':
      return { map: module.variables, key: a }
    case 'output':
      return { map: module.outputs, key: a }
    case 'provider': {
      // By the name resources use: `aws`, or `aws.<alias>`.
      const expr = block.attributes.get('alias')?.expr
      const alias = expr && evaluate(expr, NO_SCOPE)
      return { map: module.providers, key: alias?.type === 'string' ? `${a}.${alias.value}` : a }
    }
    default:
      return undefined
  }
}

/** `resource "aws_iam_role" "app"`: a block's type and labels, as written. */
function headerOf(block: Block): string {
  return [block.type, ...block.labels.map((label) => JSON.stringify(label))].join(' ')
}

/**
 * Whether a file is an override file (`override.tf`, `dev_override.tf`, and their `.tf.json`), read
 * after the module's other files and merged into their blocks.
 */
export function isOverrideFile(name: string): boolean {
  const stem = stemOf(name)
  return stem === 'override' || stem.endsWith('_override')
}

/**
 * The configuration files of a directory, sorted, as Terraform and OpenTofu read them: `.tf` and
 * `.tf.json`, and OpenTofu's `.tofu` and `.tofu.json`, which take the place of the file of the same
 * name and syntax (`main.tofu` of `main.tf`, `main.tofu.json` of `main.tf.json`): how a module written
 * for both gives OpenTofu its own code. Without `tofu` (Terraform runs it), no `.tofu` file.
 */
export function configurationFiles(names: readonly string[], tofu = true): string[] {
  const code = names.filter((n) => isTerraformFile(n) && (tofu || !TOFU_EXTENSION.test(n)))
  const present = new Set(code)
  const shadowed = (n: string) => {
    const tf = TF_EXTENSION.exec(n)
    return tf !== null && present.has(`${n.slice(0, tf.index)}.tofu${tf[1] ?? ''}`)
  }
  return code.filter((n) => !shadowed(n)).sort()
}

const TF_EXTENSION = /\.tf(\.json)?$/
const TOFU_EXTENSION = /\.tofu(\.json)?$/
/** The extension of a configuration file: `.tf`, `.tf.json`, `.tofu`, `.tofu.json`. */
const CONFIGURATION_EXTENSION = /\.(tf|tofu)(\.json)?$/

/** A configuration file's name without its extension. */
function stemOf(name: string): string {
  return name.replace(CONFIGURATION_EXTENSION, '')
}

/**
 * `base` with the blocks of override files merged in, one after another, as Terraform merges them: each
 * argument an override sets replaces the one before, and each type of nested block it has replaces all
 * the blocks of that type before it (a `dynamic "x"` block counting as type x); what nested blocks hold
 * is not merged. What an override sets is evaluated as written in its file, at its lines there, and
 * stands at the base block: its parts keep those lines as where they are written (`elsewhere`).
 */
function mergedBlock(base: Block, overrides: readonly Located<Block>[]): Block {
  const at = { line: base.at.line, column: base.at.column }
  const attributes = new Map(base.attributes)
  // Nested blocks by type, in the order Terraform keeps them within a type.
  const byType = new Map<string, Block[]>()
  for (const block of base.blocks) kept(byType, nestedType(block), () => []).push(block)
  for (const { node: override, file } of overrides) {
    for (const [name, attribute] of override.attributes) attributes.set(name, overriding(attribute, file, at))
    const replacing = new Map<string, Block[]>()
    for (const block of override.blocks)
      kept(replacing, nestedType(block), () => []).push(overridingBlock(block, file, at))
    for (const [type, blocks] of replacing) {
      byType.delete(type)
      byType.set(type, blocks)
    }
  }
  const nested = overrides.some(({ node }) => node.blocks.length > 0)
  return { ...base, attributes, blocks: nested ? [...byType.values()].flat() : base.blocks }
}

function nestedType(block: Block): string {
  return block.type === 'dynamic' ? (block.labels[0] ?? '') : block.type
}

/** An override's argument as the merged block holds it: at the block, written in `file`. */
function overriding(attribute: Attribute, file: string, at: At): Attribute {
  return { name: attribute.name, at, expr: { kind: 'elsewhere', file, expr: attribute.expr, at } }
}

/** An override's nested block, and those in it, at the merged block: their lines are another file's. */
function overridingBlock(block: Block, file: string, at: At): Block {
  return {
    ...block,
    at,
    attributes: new Map([...block.attributes].map(([name, a]) => [name, overriding(a, file, at)])),
    blocks: block.blocks.map((b) => overridingBlock(b, file, at)),
  }
}

/**
 * Whether a file name is Terraform code: the native syntax (`.tf`) or its JSON syntax (`.tf.json`), or
 * OpenTofu's (`.tofu`, `.tofu.json`).
 */
export function isTerraformFile(name: string): boolean {
  return CONFIGURATION_EXTENSION.test(name)
}

/** Whether a module source is a path of the configuration (`./modules/app`), not a registry or remote one. */
export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../')
}

/**
 * The provider a registry or Git module is written for, lower-cased, as the names the registry requires
 * say it: the last part of a registry address (`cloudposse/label/null`,
 * `app.terraform.io/org/vpc/aws`), or the repository's `terraform-<provider>-<name>`
 * (`git::https://github.com/cloudposse/terraform-null-label.git?ref=0.25.0`, `github.com/org/terraform-aws-app`).
 * Undefined for a local path or a source that does not say.
 */
export function moduleProvider(source: string): string | undefined {
  if (isLocalSource(source)) return undefined
  // Without the version (`?ref=`) and the subdirectory (`//modules/x`), which say nothing of the provider.
  const address = source.replace(/\?.*$/s, '').replace(/(?<!:)\/\/.*$/s, '')
  const registry = REGISTRY_ADDRESS.exec(address)
  if (registry) return registry[1]?.toLowerCase()
  const repository = address.replace(/\/+$/, '').split(/[/:]/).pop() ?? ''
  return REPOSITORY_NAME.exec(repository.replace(/\.git$/i, ''))?.[1]?.toLowerCase()
}

/** `[hostname/]namespace/name/provider`: a hostname has a dot; the provider is letters and digits. */
const REGISTRY_ADDRESS =
  /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\/)?[A-Za-z0-9][\w-]*\/[A-Za-z0-9][\w-]*\/([A-Za-z0-9]+)$/
/** A module repository's name, `terraform-<provider>-<name>`, as the registry requires it. */
const REPOSITORY_NAME = /^terraform-([A-Za-z0-9]+)-./
