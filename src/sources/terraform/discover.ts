// Principals from a Terraform plan: every IAM role and user it defines, with the policies that apply
// to each (inline, attached customer managed and AWS managed, those of the groups a user is in) and
// its permissions boundary, each document positioned at the .tf line that writes it.
import { isAwsManagedPolicyArn, type ManagedPolicies, notInSnapshot } from '../../catalog/managed-policies.js'
import { EMPTY_ENTRIES, EMPTY_STATEMENTS, parsePolicy, policyFromTree } from '../../policy/parse-policy.js'
import { movePolicy, placePolicyAt, placePolicyIn, relinePolicy } from '../../policy/place.js'
import { accountOf, refusedName } from '../../vocabulary/accounts.js'
import { append, kept } from '../../vocabulary/lists.js'
import {
  codeAddress,
  type DocumentSource,
  type PolicyDocument,
  type UnreadCall,
  type UnresolvedPolicy,
  type Written,
} from '../../vocabulary/policy.js'
import { type Problem, previewList, quote } from '../../vocabulary/problems.js'
import { suggestName } from '../../vocabulary/suggest-name.js'
import {
  type DiscoveredPrincipal,
  groupsCheckedAlone,
  PERMISSION_SETS_NOTED_ALONE,
  PERMISSION_SETS_UNREAD,
} from '../policy-source.js'
import { type Rendered, renderDeferredDocument } from './deferred-document.js'
import { editSiteOf } from './edit-site.js'
import {
  ADDRESS_KEY,
  cutShortIn,
  evaluate,
  isCutShort,
  isNull,
  lineIn,
  placeIn,
  type TextOrigin,
  TOO_MANY_VALUES,
  toJsonNode,
  type Unknown,
  unknownIn,
  type Value,
} from './evaluate.js'
import { type At, type Block, bare, type Expr } from './hcl.js'
import { installedCode, type Located, type TfCode } from './modules.js'
import {
  type ConfigModule,
  type GivenDocument,
  isObject,
  PERMISSION_SET_POLICIES,
  type Plan,
  type PlanResource,
  readsType,
} from './plan.js'
import { iterate, notIterated } from './policy-document.js'
import { indexPlan, META_ARGUMENTS, type ModuleInstance, ModuleScope, type PlanIndex } from './scope.js'

type Kind = 'role' | 'user' | 'group'

/** How a list made empty by the values at hand is said: from the code alone, so no plan's text mends it. */
const EMPTIED = 'with the values the code has here'

/**
 * The arguments of the IAM resources whose required arguments are read here (AWS provider 5 and 6),
 * `!` before each one required that discovery reads (missingArgument says when the code leaves one out):
 * what else a block sets, beside Terraform's meta-arguments, is no argument of its type.
 */
const ARGUMENTS_WRITTEN: Readonly<Record<string, readonly string[]>> = {
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
}
/** Each type's arguments (ARGUMENTS_WRITTEN), and of them those it requires. */
const ARGUMENTS: Readonly<
  Record<string, { readonly all: readonly string[]; readonly required: readonly string[] }>
> = Object.fromEntries(
  Object.entries(ARGUMENTS_WRITTEN).map(([type, names]) => [
    type,
    {
      all: names.map((n) => n.replace(/^!/, '')),
      required: names.filter((n) => n.startsWith('!')).map((n) => n.slice(1)),
    },
  ]),
)

interface PrincipalDraft {
  readonly kind: Kind
  readonly resource: PlanResource
  readonly where: Where
  readonly names: Set<string>
  readonly arn: string
  readonly lifecycle: 'exists' | 'new' | 'unknown'
  readonly documents: PolicyDocument[]
  readonly unresolved: UnresolvedPolicy[]
  boundary: PolicyDocument | null
  readonly groups: Set<PrincipalDraft>
}

/**
 * Where a resource instance is written: its block and file when the code is here; else the nearest
 * `module` block that leads to it, else the plan file. `at` is the line its findings fall back to.
 */
interface Where {
  readonly block: Block | undefined
  readonly file: string
  readonly at: At
  readonly scope: ModuleScope
}

interface Found {
  readonly documents: PolicyDocument[]
  readonly unresolved: UnresolvedPolicy[]
}

export interface DiscoverOptions {
  /** The plan was read from the .tf files alone: an ARN built from the code is taken as existing. */
  readonly fromCode?: boolean
  readonly managedPolicies: () => Promise<ManagedPolicies>
}

/** Every role and user of the plan, with its policies; problems are errors in the code or the plan. */
export async function discoverFromPlan(
  plan: Plan,
  code: TfCode,
  options: DiscoverOptions,
): Promise<{
  principals: DiscoveredPrincipal[]
  problems: Problem[]
  managedUsed: boolean
}> {
  // Every module the configuration calls, read before anything is evaluated: a module output may name any.
  await code.readTree(await code.module(code.rootDir), plan.configuration)
  const run = new Discovery(plan, code, indexPlan(plan), options)
  await run.locateAll()
  const principals = await run.collect()
  return { principals, problems: run.problems, managedUsed: run.managedUsed }
}

class Discovery {
  readonly problems: Problem[] = []
  managedUsed = false
  private readonly modules = new Map<string, ModuleInstance>()
  private readonly where = new Map<PlanResource, Where>()
  private readonly principals = new Map<string, PrincipalDraft>()
  /** The principals by kind and each of their names and their ARN (`role\u0000app`), in order: byName. */
  private readonly principalsByName = new Map<string, PrincipalDraft[]>()
  private readonly policies = new Map<string, { doc: Found; resource: PlanResource }>()
  /** Of `policies`, each by its ARN where the plan or code knows it, the first of an ARN: policyByArn. */
  private readonly policiesByArn = new Map<string, Found>()
  /**
   * The others, by the ARN their name makes with a value not known here in it
   * (`arn:…:policy/${local.project}-reader`), which an attachment may write out the same way; null where
   * two policies make the same one, for then which is meant is not known.
   */
  private readonly policiesByMadeArn = new Map<string, Found | null>()
  /** The plan's data "aws_iam_policy_document" instances by address, when a policy is made of one. */
  private documentSources: Map<string, PlanResource> | undefined
  /** What was given to a principal (or is its boundary): a policy of `policies` not in it is checked nowhere. */
  private readonly given = new Set<Found>()
  /**
   * Of each resource written in code `terraform init` installed (a registry module, under .terraform/),
   * the `module` block of the repository's own code that leads to it: where its findings stand.
   */
  private readonly ownCalls = new Map<string, { file: string; at: At }>()
  /** AWS managed policies parsed, by the file they are attached in and their text (fromText). */
  private readonly managedParses = new Map<string, Map<string, ReturnType<typeof parsePolicy>>>()
  private readonly account: string
  /** The blocks whose arguments were weighed by noteForeignArguments. */
  private readonly foreignNoted = new WeakSet<Block>()
  /** The blocks that give permission sets their policies, by address (without instance keys): notePermissionSets. */
  private readonly permissionSets = new Map<string, Where>()

  constructor(
    private readonly plan: Plan,
    private readonly code: TfCode,
    private readonly planIndex: PlanIndex,
    private readonly options: DiscoverOptions,
  ) {
    this.account = code.account ?? accountIn(plan) ?? '<account>'
  }

  /**
   * Finds the block of every IAM resource instance in the code; notes the arguments a block sets that its
   * type does not take, and the permission sets' policies, which are not checked.
   */
  async locateAll(): Promise<void> {
    for (const r of this.plan.resources) {
      if (r.mode !== 'managed' || !readsType(r.type)) continue
      const instance = await this.moduleInstance(r.module)
      const located = instance.module.resources.get(`${r.type}.${r.name}`)
      const scope = new ModuleScope(instance, this.code, this.plan, this.planIndex).forInstance(
        located?.node,
        r.index,
        located?.file,
      )
      const call = located ? undefined : nearestCall(instance)
      const own = located && installedCode(located.file) ? nearestCall(instance, true) : undefined
      if (own) this.ownCalls.set(r.address, { file: own.file, at: own.node.at })
      const where = {
        block: located?.node,
        file: located?.file ?? call?.file ?? this.plan.file,
        at: located?.node.at ?? call?.node.at ?? r.at ?? { line: 1, column: 1 },
        scope,
      }
      if (PERMISSION_SET_POLICIES.has(r.type)) {
        const block = `${r.module ? `${r.module}.` : ''}${r.type}.${r.name}`
        if (!this.permissionSets.has(block)) this.permissionSets.set(block, where)
      } else {
        this.where.set(r, where)
        this.noteForeignArguments(r, where)
      }
    }
    this.notePermissionSets()
  }

  /**
   * From the code alone, an argument a policy or attachment block sets that its type does not take
   * (`role =` in an aws_iam_policy_attachment, which takes `roles`): Terraform refuses the configuration,
   * and what it meant to attach is attached to no one here. Said once per block, with the name meant.
   */
  private noteForeignArguments(r: PlanResource, where: Where): void {
    const known = ARGUMENTS[r.type]?.all
    if (!this.options.fromCode || !known || !where.block || this.foreignNoted.has(where.block)) return
    this.foreignNoted.add(where.block)
    const block = where.block
    for (const [name, attribute] of block.attributes) {
      if (known.includes(name) || META_ARGUMENTS.has(name)) continue
      const meant = suggestName(name, known)
      // `roles` where aws_iam_role_policy_attachment requires `role`: the finding on it says so.
      if (meant && !block.attributes.has(meant) && ARGUMENTS[r.type]?.required.includes(meant)) continue
      this.code.notes.push({
        file: where.file,
        line: attribute.at.line,
        column: attribute.at.column,
        message:
          `${r.type}.${r.name}: \`${name}\` is not an argument of ${r.type}` +
          `${meant ? ` (did you mean \`${meant}\`?)` : ''}: \`terraform validate\` refuses it, and it is not read here`,
      })
    }
  }

  /**
   * The policies of permission sets: said to be not checked, once per block (and module instance), or past
   * a few in one notice, at the first.
   */
  private notePermissionSets(): void {
    const blocks = [...this.permissionSets]
    const note = (where: Where, message: string) =>
      this.code.notes.push({ file: where.file, line: where.at.line, column: where.at.column, message })
    const [first] = blocks
    if (first && blocks.length > PERMISSION_SETS_NOTED_ALONE)
      note(
        first[1],
        `${blocks.length} blocks give IAM Identity Center permission sets policies that are not checked ` +
          `(${previewList(
            blocks.map(([block]) => block),
            3,
          )}): ${PERMISSION_SETS_UNREAD}`,
      )
    else
      for (const [block, where] of blocks)
        note(
          where,
          `${block}: what it gives an IAM Identity Center permission set is not checked: ${PERMISSION_SETS_UNREAD}`,
        )
  }

  async collect(): Promise<DiscoveredPrincipal[]> {
    // `data "aws_iam_policy"` reads an AWS managed policy by ARN or name (to attach it, or copy it
    // inline): from the snapshot.
    const modules = await this.code.loaded()
    if (modules.some((m) => [...m.data.keys()].some((key) => key.startsWith('aws_iam_policy.'))))
      this.code.managedPolicies = await this.options.managedPolicies()
    const iam = [...this.where.keys()]
    for (const r of iam)
      if (r.type === 'aws_iam_role' || r.type === 'aws_iam_user' || r.type === 'aws_iam_group')
        this.addPrincipal(r)
    for (const r of iam) {
      if (r.type !== 'aws_iam_policy') continue
      const doc = this.policyOf(r)
      this.policies.set(r.address, { doc, resource: r })
      const { arn } = r.values
      if (typeof arn === 'string' && !this.policiesByArn.has(arn)) this.policiesByArn.set(arn, doc)
      else if (typeof arn !== 'string' && typeof r.values.name === 'string') {
        const made = this.iamArn(r, this.where.get(r) as Where, 'policy').arn
        this.policiesByMadeArn.set(made, this.policiesByMadeArn.has(made) ? null : doc)
      }
    }
    for (const r of iam) await this.attach(r)
    // Users get the policies of their groups.
    const out: DiscoveredPrincipal[] = []
    const alone = groupsCheckedAlone(this.principals.values())
    for (const p of this.principals.values()) {
      if (p.kind === 'group' && !alone.has(p)) continue
      const documents = [...p.documents]
      const unresolved = [...p.unresolved]
      for (const group of p.groups) {
        append(documents, group.documents)
        append(unresolved, group.unresolved)
      }
      const own = this.ownCalls.get(p.resource.address)
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
          groupCodeArns: Object.fromEntries(
            [...p.groups].map((g) => [g.arn, [`\${${g.resource.address}.arn}`]]),
          ),
        }),
        codeArns: [`\${${p.resource.address}.arn}`],
      })
    }
    append(out, this.policiesAlone())
    append(out, this.documentsGivenAlone())
    return out
  }

  /**
   * The policy documents the code writes and gives to module calls whose code is not read (a Lambda
   * module's `policy_json`, an IRSA module's `source_policy_documents`): the role those modules make is not
   * read, but the statements are the repository's, at its lines. Each call and input is a principal of
   * its own, `arn:…:policy/${module.lambda.policy_json}`, whose documents are checked as written; the
   * instances of a call (count, for_each) are one, given each document once.
   */
  private documentsGivenAlone(): DiscoveredPrincipal[] {
    const byInput = new Map<
      string,
      { given: GivenDocument; found: Found[]; calls: Map<string, UnreadCall> }
    >()
    for (const given of this.plan.documentsGivenToUnread ?? []) {
      const call = given.call.address.replace(INSTANCE_KEYS, '')
      const key = `${call}.${given.input}`
      const entry = kept(byInput, key, () => ({ given, found: [], calls: new Map() }))
      entry.calls.set(given.call.address, given.call)
      const r: PlanResource = {
        address: key,
        module: given.module,
        mode: 'managed',
        type: 'module',
        name: given.input,
        index: undefined,
        values: {},
        unknown: {},
        exists: false,
      }
      entry.found.push(this.fromValue(r, given.text, given.file))
    }
    const out: DiscoveredPrincipal[] = []
    for (const [address, { given, found, calls }] of byInput) {
      const documents = dedupe(found.flatMap((f) => f.documents))
      const unresolved = found.flatMap((f) => f.unresolved)
      if (documents.length === 0 && unresolved.length === 0) continue
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
        givenTo: [...calls.values()].map((c) => ({ ...c, as: 'document' as const })),
      })
    }
    return out
  }

  /** An unresolved policy written in installed code, at the repository's line that brings it in. */
  private atOwnCall(u: UnresolvedPolicy): UnresolvedPolicy {
    const call = installedCode(u.file) ? this.ownCalls.get(u.address) : undefined
    return call ? { ...u, file: call.file, line: call.at.line, column: call.at.column } : u
  }

  /**
   * Each `aws_iam_policy` no role, user or group of this code has (nor has as its boundary), as a
   * principal of its own, `arn:…:policy/<name>`: it is attached elsewhere (by hand, another root) or
   * through what is not read here, and grants what it says to whoever has it, so its statements are
   * checked as written rather than skipped.
   */
  private policiesAlone(): DiscoveredPrincipal[] {
    const out: DiscoveredPrincipal[] = []
    for (const [address, { doc, resource }] of this.policies) {
      if (this.given.has(doc)) continue
      const where = this.where.get(resource) as Where
      const own = this.ownCalls.get(address)
      const { arn, known } = this.iamArn(resource, where, 'policy')
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
      })
    }
    return out
  }

  /**
   * The module calls whose code is not read that are given the policy: they may attach it to the roles
   * they make, which are not read either. Those of its own module whose inputs refer to it, and, as the
   * code's values carry it, any call given its ARN through variables, locals or outputs.
   */
  private givenToUnread(r: PlanResource, arn: string): { givenTo?: readonly UnreadCall[] } {
    const config = configAt(this.plan.configuration, r.module)
    const prefix = r.module === '' ? '' : `${r.module}.`
    const unique = new Map<string, UnreadCall>()
    for (const calls of [
      config && unreadCallsGiven(config, prefix).get(`${r.type}.${r.name}`),
      this.plan.givenToUnread?.(arn),
      this.plan.givenToUnread?.(r.address),
    ])
      for (const call of calls ?? []) if (!unique.has(call.address)) unique.set(call.address, call)
    return unique.size > 0 ? { givenTo: [...unique.values()] } : {}
  }

  /**
   * A document written in installed code, at the repository's line that brings it in; what the
   * repository's code passes in stays where it is written.
   */
  private inOwnCode(doc: PolicyDocument): PolicyDocument {
    if (!installedCode(doc.file)) return doc
    const address = doc.source?.kind === 'aws-managed-policy' ? doc.source.address : codeAddress(doc.source)
    const call = address === undefined ? undefined : this.ownCalls.get(address)
    return call ? placePolicyIn(doc, call.file, call.at, (file) => !installedCode(file)) : doc
  }

  /**
   * The ARN of a role, user, group or customer managed policy: the plan's, else made of its name, path
   * and account, with a placeholder for a name known only after apply (`${aws_iam_role.x.name}`).
   */
  private iamArn(r: PlanResource, where: Where, kind: Kind | 'policy'): { arn: string; known: boolean } {
    const known =
      typeof r.values.arn === 'string' &&
      r.values.arn !== '' &&
      (r.unknown as Record<string, unknown> | undefined)?.arn !== true
    if (known) return { arn: r.values.arn as string, known }
    const name = typeof r.values.name === 'string' && r.values.name !== '' ? r.values.name : undefined
    const path = typeof r.values.path === 'string' ? r.values.path : '/'
    const account = this.accountOf(r, where)
    return { arn: `arn:aws:iam::${account}:${kind}${path}${name ?? `\${${r.address}.name}`}`, known }
  }

  /**
   * Read from code alone, an ARN without placeholders is taken as existing; from a plan, what exists and
   * has its ARN in the plan does, and the rest is new.
   */
  private lifecycleOf(r: PlanResource, arn: string, known: boolean): DiscoveredPrincipal['lifecycle'] {
    if (this.options.fromCode) return arn.includes('${') || arn.includes('<account>') ? 'unknown' : 'exists'
    return r.exists && known ? 'exists' : 'new'
  }

  private addPrincipal(r: PlanResource): void {
    const kind = r.type.slice('aws_iam_'.length) as Kind
    const where = this.where.get(r) as Where
    const name = typeof r.values.name === 'string' && r.values.name !== '' ? r.values.name : undefined
    const { arn, known } = this.iamArn(r, where, kind)
    const draft: PrincipalDraft = {
      kind,
      resource: r,
      where,
      names: new Set(
        [name, r.values.id, r.values.unique_id].filter((n): n is string => typeof n === 'string'),
      ),
      arn,
      lifecycle: this.lifecycleOf(r, arn, known),
      documents: [],
      unresolved: [],
      boundary: null,
      groups: new Set(),
    }
    this.addDraft(r.address, draft)
    if (kind === 'role') this.inlinePolicies(draft)
  }

  /** `inline_policy {}` blocks of a role, by name against the plan's values. */
  private inlinePolicies(p: PrincipalDraft): void {
    const planned = Array.isArray(p.resource.values.inline_policy) ? p.resource.values.inline_policy : []
    /** The names of the inline policies the code's blocks give, as far as known. */
    const named = new Set<string>()
    const inline = (block: Block, where: Where) => {
      const name = block.attributes.get('name')
      const value = name && evaluate(name.expr, where.scope)
      if (value?.type === 'string') named.add(value.value)
      const policy = block.attributes.get('policy')
      if (policy) this.give(p, this.documentFrom(p.resource, where, policy.expr, policy.at, undefined))
    }
    const notKnown: Block[] = []
    for (const block of p.where.block?.blocks ?? []) {
      if (block.type === 'inline_policy') inline(block, p.where)
      else if (block.type === 'dynamic' && block.labels[0] === 'inline_policy') {
        // `dynamic "inline_policy"` over a collection: each content block with its iterator.
        const contents = iterate(block, p.where.scope)
        if (contents) for (const [content, scope] of contents) inline(content, { ...p.where, scope })
        else notKnown.push(block)
      }
    }
    // A for_each the code does not say here (a function or data source not evaluated): the plan's
    // inline_policy holds every inline policy the role gets, so those no block read here names are
    // that dynamic block's, read at it. With two such blocks, which is whose is not known.
    const rest = planned.filter((item) => !named.has(String((item as { name?: unknown }).name ?? ''))) as {
      name?: unknown
      policy?: unknown
    }[]
    for (const block of notKnown) {
      if (notKnown.length === 1 && rest.length > 0 && rest.every((item) => typeof item.policy === 'string')) {
        for (const item of rest)
          this.give(p, this.fromText(p.resource, item.policy as string, p.where.file, block.at))
        continue
      }
      this.give(
        p,
        unresolvedAt(
          p.resource,
          p.where.file,
          block.at,
          notIterated(block, p.where.scope, `its dynamic "inline_policy" block's`),
        ),
      )
    }
    // Without the code, the plan's inline_policy (computed: every inline policy of the role) stands in.
    if (!p.where.block) {
      const unknown = isObject(p.resource.unknown) ? p.resource.unknown.inline_policy : undefined
      let deferred = unknown === true ? -1 : 0
      for (const [i, item] of planned.entries()) {
        const text = (item as { policy?: unknown }).policy
        if (typeof text === 'string' && text !== '') {
          const found = this.fromText(p.resource, text, p.where.file, p.where.at)
          append(p.documents, found.documents)
          append(p.unresolved, found.unresolved)
        } else if (Array.isArray(unknown) && isObject(unknown[i]) && unknown[i].policy === true) deferred++
      }
      if (deferred !== 0) this.deferredInlinePolicies(p, deferred)
    }
  }

  /**
   * Of a plan without its code, a role's inline policies known only after apply (`count` of them; -1:
   * the whole list, which is also what a role with no block gets, inline_policy being computed): those
   * the configuration's `inline_policy` blocks make of a policy document the plan reads at apply
   * (deferredDocumentAt), when that accounts for them all; else unresolved. Which block is which planned
   * item does not matter: all are the role's.
   */
  private deferredInlinePolicies(p: PrincipalDraft, count: number): void {
    const r = p.resource
    const written = configReferences(this.plan.configuration, r)
    const found: Found[] = []
    let blocks = 0
    for (const path of written?.keys() ?? []) {
      if (!INLINE_POLICY_ARGUMENT.test(path)) continue
      blocks++
      const document = path.endsWith('.policy') && this.deferredDocumentAt(r, path, p.where)
      if (document) found.push(document)
    }
    // inline_policy is computed: with no block written, the plan has it all unknown, and it is empty.
    if (count < 0 && blocks === 0) return
    if (found.length > 0 && (count < 0 || found.length === count)) for (const f of found) this.give(p, f)
    else
      this.give(p, unresolvedAt(r, p.where.file, p.where.at, 'its inline_policy is known only after apply'))
  }

  private async attach(r: PlanResource): Promise<void> {
    const where = this.where.get(r) as Where
    switch (r.type) {
      case 'aws_iam_role':
      case 'aws_iam_user': {
        const p = this.principals.get(r.address) as PrincipalDraft
        if (r.type === 'aws_iam_role') await this.attachList(p, r, where, 'managed_policy_arns')
        await this.boundaryOf(p, r, where)
        return
      }
      case 'aws_iam_role_policy':
      case 'aws_iam_user_policy':
      case 'aws_iam_group_policy': {
        const kind = r.type.split('_')[2] as Kind
        const target = this.target(r, where, kind, kind)
        const found = this.documentAt(r, 'policy')
        if (target) this.give(target, found)
        return
      }
      case 'aws_iam_role_policy_attachment':
      case 'aws_iam_user_policy_attachment':
      case 'aws_iam_group_policy_attachment': {
        const kind = r.type.split('_')[2] as Kind
        const target = this.target(r, where, kind, kind)
        if (target) this.give(target, await this.attachedPolicy(r, where, 'policy_arn'))
        return
      }
      case 'aws_iam_role_policy_attachments_exclusive':
      case 'aws_iam_user_policy_attachments_exclusive':
      case 'aws_iam_group_policy_attachments_exclusive': {
        // Attaches every policy of its list (and detaches any other: what the code attaches elsewhere
        // must be in the list too, so reading both counts nothing twice that AWS would not hold).
        const kind = r.type.split('_')[2] as Kind
        // An empty list attaches nothing (it detaches what else is attached): no principal of its own.
        if (this.attachesNothing(r, where, 'policy_arns')) return
        const target = this.target(r, where, kind, `${kind}_name`)
        if (target) await this.attachList(target, r, where, 'policy_arns')
        return
      }
      case 'aws_iam_policy_attachment': {
        const found = await this.attachedPolicy(r, where, 'policy_arn')
        for (const kind of ['role', 'user', 'group'] as const)
          for (const target of this.targets(r, where, kind, `${kind}s`)) this.give(target, found)
        return
      }
      case 'aws_iam_group_membership': {
        const group = this.target(r, where, 'group', 'group')
        if (group) for (const user of this.targets(r, where, 'user', 'users')) user.groups.add(group)
        return
      }
      case 'aws_iam_user_group_membership': {
        const user = this.target(r, where, 'user', 'user')
        if (user) for (const group of this.targets(r, where, 'group', 'groups')) user.groups.add(group)
        return
      }
    }
  }

  private give(p: PrincipalDraft, found: Found): void {
    this.given.add(found)
    append(p.documents, found.documents)
    append(p.unresolved, found.unresolved)
  }

  /**
   * A list of policy ARNs that attaches each to `p`: a role's `managed_policy_arns`, the `policy_arns`
   * of an `aws_iam_{role,user,group}_policy_attachments_exclusive`.
   */
  private async attachList(p: PrincipalDraft, r: PlanResource, where: Where, name: string): Promise<void> {
    const attribute = where.block?.attributes.get(name)
    const items = attribute?.expr.kind === 'tuple' ? attribute.expr.items : undefined
    const planned = Array.isArray(r.values[name]) ? (r.values[name] as unknown[]) : []
    if (items) {
      for (const item of items) this.give(p, await this.policyByExpr(r, where, item))
    } else if (attribute) {
      // A list the code builds (`var.policy_arns`, `concat(...)`, a `for`): each ARN it holds, at its line.
      const value = evaluate(attribute.expr, where.scope)
      const arns = value.type === 'array' ? value.items : value.type === 'null' ? [] : [value]
      // `policy_arns = [for a in aws_iam_role_policy_attachment.this : a.policy_arn]`: the ARNs of the
      // configuration's attachments, each of which gives its policy, or says why not, itself.
      const attachments = 'text' in attribute.expr && ATTACHMENTS.test(attribute.expr.text)
      for (const arn of arns) {
        if (arn.type === 'unknown' && (attachments || (arn.of !== undefined && ATTACHMENT_ARN.test(arn.of))))
          continue
        this.give(p, await this.policyByValue(r, where, arn, arn))
      }
    } else if (!where.block && unknownAttribute(r, name)) {
      // Without the code, a list known only after apply: the policies the configuration names in it.
      // (Unknown too when the code does not set it: the provider computes it. Then it names nothing.)
      const policies = this.referencedPolicies(r, name)
      for (const policy of policies) this.give(p, policy.doc)
      if (policies.length === 0 && referencesOf(this.plan.configuration, r, name).length > 0)
        this.give(p, unresolvedAt(r, where.file, where.at, `its ${name} is known only after apply`))
    } else if (!where.block) {
      // Without the code, the plan's list (computed: every policy attached to the role) stands in.
      const at = where.at
      for (const arn of planned)
        if (typeof arn === 'string') this.give(p, await this.policyByArn(r, where, arn, at))
    }
  }

  /** Whether a list of policy ARNs is known to be empty (`policy_arns = []`, a variable whose default is). */
  private attachesNothing(r: PlanResource, where: Where, name: string): boolean {
    const attribute = where.block?.attributes.get(name)
    if (attribute) {
      if (attribute.expr.kind === 'tuple') return attribute.expr.items.length === 0
      const value = evaluate(attribute.expr, where.scope)
      return value.type === 'null' || (value.type === 'array' && value.items.length === 0)
    }
    if (where.block) return false
    const planned = r.values[name]
    return (
      !unknownAttribute(r, name) && (planned === null || (Array.isArray(planned) && planned.length === 0))
    )
  }

  private async boundaryOf(p: PrincipalDraft, r: PlanResource, where: Where): Promise<void> {
    const found = await this.boundaryPolicy(r, where)
    if (!found) return
    this.given.add(found)
    if (found.documents.length === 1) p.boundary = found.documents[0] as PolicyDocument
    else
      append(
        p.unresolved,
        found.unresolved.map((u) => ({ ...u, asBoundary: true })),
      )
  }

  /** The policy a principal's `permissions_boundary` names; undefined when it has none. */
  private async boundaryPolicy(r: PlanResource, where: Where): Promise<Found | undefined> {
    const attribute = where.block?.attributes.get('permissions_boundary')
    const planned = r.values.permissions_boundary
    if (!attribute && unknownAttribute(r, 'permissions_boundary')) {
      // Without the code: a boundary policy the same change creates, named by the configuration.
      const [policy] = this.referencedPolicies(r, 'permissions_boundary')
      return (
        policy?.doc ??
        unresolvedAt(r, where.file, where.at, 'its permissions_boundary is known only after apply')
      )
    }
    if (!attribute && (typeof planned !== 'string' || planned === '')) return undefined
    // `permissions_boundary = var.permissions_boundary`, null or "" by default: no boundary, as the
    // provider reads an empty ARN.
    const written = attribute && evaluate(attribute.expr, where.scope)
    if (written && (written.type === 'null' || (written.type === 'string' && written.value === '')))
      return undefined
    return attribute
      ? this.policyByExpr(r, where, attribute.expr)
      : this.policyByArn(r, where, planned as string, where.at)
  }

  /** The customer managed policies of this configuration the configuration says `r.attribute` refers to. */
  private referencedPolicies(r: PlanResource, attribute: string) {
    return referencedIn(this.policies, 'aws_iam_policy.', this.plan.configuration, r, attribute)
  }

  /** The policy an attachment names by `policy_arn`. */
  private async attachedPolicy(r: PlanResource, where: Where, attribute: string): Promise<Found> {
    const expr = where.block?.attributes.get(attribute)?.expr
    if (expr) return this.policyByExpr(r, where, expr)
    const arn = r.values[attribute]
    if (typeof arn === 'string') return this.policyByArn(r, where, arn, where.at)
    // A policy the same change creates has no ARN before apply: the configuration's reference names it.
    const [policy] = this.referencedPolicies(r, attribute)
    if (policy) return policy.doc
    const missing = this.missingArgument(r, where, attribute)
    return unresolvedAt(r, where.file, where.at, missing ?? `its ${attribute} is known only after apply`)
  }

  /** An AWS managed policy's document, from the snapshot. */
  private managedDocument(
    r: PlanResource,
    where: Where,
    arn: string,
    at: At,
    snapshot: ManagedPolicies,
  ): Found {
    this.managedUsed = true
    const text = isAwsManagedPolicyArn(arn) ? snapshot.document(arn) : undefined
    if (!text) return unresolvedAt(r, where.file, at, notInSnapshot(arn, snapshot))
    return this.fromText(r, text, where.file, at, {
      kind: 'aws-managed-policy',
      arn,
      address: r.address,
      document: 'snapshot',
      version: `${snapshot.version} (${snapshot.date.slice(0, 10)})`,
    })
  }

  /** A policy named by an expression: a reference to an aws_iam_policy, or an ARN. */
  private async policyByExpr(r: PlanResource, where: Where, expr: Expr): Promise<Found> {
    const address = this.addressOf(expr, where)
    const policy = address ? this.policies.get(address) : undefined
    if (policy) return policy.doc
    return this.policyByValue(r, where, evaluate(expr, where.scope), expr.at)
  }

  /** A policy named by a value at `at`: an ARN, or the ARN of a policy this configuration creates. */
  private async policyByValue(r: PlanResource, where: Where, value: Value, at: At): Promise<Found> {
    // At the attachment, and where the ARN is written when another file writes it (a module's caller).
    if (value.type === 'string')
      return this.policyByArn(r, where, value.value, {
        line: at.line,
        column: at.column,
        written: value.written,
      })
    // The ARN of a policy this configuration creates, passed on (`policies = { x = aws_iam_policy.x.arn }`
    // into a module, attached there with `policy_arn = each.value`): known after apply, but which it is.
    const named = value.type === 'unknown' && value.of?.endsWith('.arn') ? value.of.slice(0, -4) : undefined
    const created = named ? this.policies.get(named) : undefined
    if (created) return created.doc
    const what = value.type === 'null' ? 'null' : `a ${value.type === 'array' ? 'list' : value.type}`
    return unresolvedAt(r, where.file, at, value.type === 'unknown' ? value.why : `${what}, not a policy ARN`)
  }

  private async policyByArn(
    r: PlanResource,
    where: Where,
    written: string,
    at: At & { written?: Written | undefined },
  ): Promise<Found> {
    const source = this.options.fromCode ? 'this configuration' : 'this plan'
    if (written === '') return unresolvedAt(r, where.file, at, `${source} gives this policy ARN no value`)
    // Not an ARN, which the AWS provider refuses: most often a reference written in quotes.
    if (!written.startsWith('arn:')) {
      const quoted = QUOTED_REFERENCE.test(written)
        ? `: a reference in quotes is text; write ${written} without them`
        : ''
      return unresolvedAt(r, where.file, at, `"${written}" is not a policy ARN${quoted}`)
    }
    // `arn:${data.aws_partition.x.partition}:iam::aws:policy/…` whose partition is not known here names
    // the same AWS managed policy in any partition: read in the commercial one, as data.aws_partition is.
    const arn = written.replace(UNKNOWN_PARTITION_MANAGED, 'arn:aws:iam::aws:policy/')
    if (isAwsManagedPolicyArn(arn))
      return this.managedDocument(r, where, arn, at, await this.options.managedPolicies())
    // The account data.aws_caller_identity gives, not known here, is the one a made ARN's `<account>` is.
    const defined =
      this.policiesByArn.get(arn) ??
      this.policiesByMadeArn.get(arn) ??
      this.policiesByMadeArn.get(arn.replace(CALLER_ACCOUNT, '$1<account>:'))
    if (defined) return defined
    const found = unresolvedAt(
      r,
      where.file,
      at,
      defined === null
        ? `${arn} is the ARN of more than one policy of ${source}, by names that hold a value not known here`
        : `${arn} is a policy ${source} does not define`,
    )
    return { ...found, unresolved: found.unresolved.map((u) => ({ ...u, policyArn: arn })) }
  }

  /**
   * The principal an attribute (`role`, `user`, `group`) names: by reference, else by name or ARN, else
   * one this configuration does not define (policies attached to existing roles and groups count too).
   */
  private target(r: PlanResource, where: Where, kind: Kind, attribute: string): PrincipalDraft | undefined {
    const expr = where.block?.attributes.get(attribute)?.expr
    const byRef = expr && this.addressOf(expr, where)
    const found =
      (byRef && this.principals.get(byRef)) ||
      this.byName(kind, r.values[attribute], this.accountOf(r, where)) ||
      (expr ? undefined : this.referenced(r, kind, attribute)[0])
    if (found) return found
    const planned = r.values[attribute]
    const evaluated = expr ? evaluate(expr, where.scope) : undefined
    const name =
      typeof planned === 'string' && planned !== ''
        ? planned
        : evaluated?.type === 'string'
          ? evaluated.value
          : undefined
    const why = this.missingArgument(r, where, attribute) ?? this.whyNotKnown(evaluated)
    return this.outside(kind, name, r, where, attribute, why, evaluated)
  }

  /**
   * From the code alone, a required argument its block does not set (`policy_arn`, `role`): Terraform
   * refuses the configuration ("Missing required argument"), so that is the mistake to name, not a value
   * known only after apply; with what the block sets that its type does not take (`roles`, `policy`).
   */
  private missingArgument(r: PlanResource, where: Where, attribute: string): string | undefined {
    const block = where.block
    if (!this.options.fromCode || !block || block.attributes.has(attribute)) return undefined
    const known = ARGUMENTS[r.type]?.all
    const foreign = known
      ? [...block.attributes.keys()].filter((k) => !known.includes(k) && !META_ARGUMENTS.has(k))
      : []
    const instead =
      foreign.length === 0
        ? ''
        : `, but sets ${foreign.map((k) => `\`${k}\``).join(', ')}, which that type does not take`
    return `it has no \`${attribute}\`, which ${r.type} requires${instead}: \`terraform validate\` refuses it`
  }

  /**
   * From the code alone, why a value does not say who (`aws_iam_role.app is not in the plan`, a module's
   * output): a plan's unknown value is known after apply, but code that cannot be followed is not.
   */
  private whyNotKnown(evaluated: Value | undefined): string | undefined {
    const unknown = unknownIn(evaluated)
    if (!this.options.fromCode || !unknown || unknown.why.includes('after apply')) return undefined
    return unknown.why.startsWith(unknown.text) ? unknown.why : `${unknown.text}: ${unknown.why}`
  }

  /**
   * The account a resource instance is made in: its provider's (ModuleScope.providerAccount from the
   * code; without the code, what the plan records of the provider configuration), else the run's.
   */
  private accountOf(r: PlanResource, where: Where): string {
    if (where.block) return where.scope.providerAccount(where.block) ?? this.account
    return providerAccountIn(this.plan, r) ?? this.account
  }

  /**
   * A role, user or group the configuration attaches policies to but does not define: by its name, in the
   * account, an existing principal; with no known name, a placeholder whose policies stand as written and
   * which says why it has no ARN. The placeholder is named after what the name is, when that is known
   * (`evaluated`'s `of`: a module output, a root variable), so that what attaches to one unknown role
   * (Wellcome's storage service gives one ECS task role a queue's, a topic's and a bucket's policies) is
   * one principal; else after the attachment.
   */
  private outside(
    kind: Kind,
    name: string | undefined,
    r: PlanResource,
    where: Where,
    attribute: string,
    why?: string,
    evaluated?: Value,
  ): PrincipalDraft {
    // An empty name (`users = [""]`, fugue/regula's tests) is one IAM refuses, not one to be known later.
    const refused = name !== undefined && refusedName(name)
    const named = refused ? undefined : name
    const origin = evaluated?.type === 'unknown' ? evaluated.of : undefined
    const arn = named?.startsWith('arn:')
      ? named
      : `arn:aws:iam::${this.accountOf(r, where)}:${kind}/${named || `\${${origin ?? `${r.address}.${attribute}`}}`}`
    const key = `outside ${arn}`
    const known = this.principals.get(key)
    if (known) return known
    const draft: PrincipalDraft = {
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
    }
    this.addDraft(key, draft)
    return draft
  }

  private targets(r: PlanResource, where: Where, kind: Kind, attribute: string): PrincipalDraft[] {
    const expr = where.block?.attributes.get(attribute)?.expr
    // Once for the resource, not per name: from the code it follows the provider through module calls.
    const account = this.accountOf(r, where)
    const list = bare(expr)
    if (list?.kind === 'tuple') {
      return list.items.flatMap((item) => {
        const address = this.addressOf(item, where)
        const byRef = address ? this.principals.get(address) : undefined
        if (byRef) return [byRef]
        const value = evaluate(item, where.scope)
        // A list in the list (`roles = ["${var.roles}"]`, Terraform 0.11's way to write a list): its
        // names, as Terraform 0.11 read it, where later versions refuse the list of lists.
        const values = value.type === 'array' ? value.items : [value]
        return values.map((value) => {
          const name = value.type === 'string' ? value.value : undefined
          const byName = this.byName(kind, name, account)
          if (byName) return byName
          return this.outside(kind, name, r, where, attribute, this.whyNotKnown(value), value)
        })
      })
    }
    const planned = r.values[attribute]
    const named = (Array.isArray(planned) ? planned : []).flatMap((name) => {
      const found = this.byName(kind, name, account)
      if (found || typeof name !== 'string') return found ? [found] : []
      return [this.outside(kind, name, r, where, attribute)]
    })
    // A list the code builds from what is not known here (`users = var.users` given module outputs):
    // who gets the policy is not known, and a placeholder says so rather than nobody getting it.
    if (expr && !Array.isArray(planned)) {
      const value = evaluate(expr, where.scope)
      if (unknownIn(value))
        return [...named, this.outside(kind, undefined, r, where, attribute, this.whyNotKnown(value), value)]
    }
    // Names the plan does not know yet (principals the same change creates): the configuration's
    // references say which they are, when the code that writes them is not here to read.
    const later =
      typeof r.unknown === 'object' && r.unknown !== null
        ? (r.unknown as Record<string, unknown>)[attribute]
        : undefined
    if (expr || !(later === true || (Array.isArray(later) && later.includes(true)))) return named
    const referenced = this.referenced(r, kind, attribute)
    if (referenced.length === 0) return [...named, this.outside(kind, undefined, r, where, attribute)]
    return [...new Set([...named, ...referenced])]
  }

  /** A principal found, kept by its key and indexed by each of its names and its ARN for byName. */
  private addDraft(key: string, draft: PrincipalDraft): void {
    this.principals.set(key, draft)
    for (const name of new Set([...draft.names, draft.arn]))
      kept(this.principalsByName, `${draft.kind}\u0000${name}`, () => []).push(draft)
  }

  /**
   * The principal of this kind a name (or ARN) names, in `account`: a name is unique in one account, and
   * two module calls through providers of two accounts make two roles of one name. When the account is
   * not known here (`<account>`), the only principal of that name, if there is one. Looked up, not
   * searched for: thousands of policies may name thousands of roles.
   */
  private byName(kind: Kind, name: unknown, account: string): PrincipalDraft | undefined {
    if (typeof name !== 'string') return undefined
    const named: PrincipalDraft[] = []
    for (const p of this.principalsByName.get(`${kind}\u0000${name}`) ?? []) {
      if (accountOf(p.arn) === account || p.arn === name) return p
      if (account === '<account>') named.push(p)
    }
    return named.length === 1 ? named[0] : undefined
  }

  /**
   * Without the code, the principals the plan's configuration says an attribute refers to: a role this
   * change creates has no name or id before apply, but `role = aws_iam_role.app.id` is recorded as a
   * reference to `aws_iam_role.app` (a list, `roles = [aws_iam_role.a.name, aws_iam_role.b.name]`, as
   * references to each).
   */
  private referenced(r: PlanResource, kind: Kind, attribute: string): PrincipalDraft[] {
    return referencedIn(this.principals, `aws_iam_${kind}.`, this.plan.configuration, r, attribute)
  }

  /**
   * The resource instance an expression such as `aws_iam_role.app.name` refers to; through `try()`,
   * `one()` and `coalesce()`, the first of their arguments that refers to one
   * (`role = try(aws_iam_role.this[0].id, "")`, as modules write it for a role they may not create);
   * through a conditional, the result its condition chooses (`length(aws_iam_role.this) > 0 ?
   * aws_iam_role.this[0].id : null`), or, when the condition is not known, the one both results refer
   * to, or the one that is not null.
   */
  private addressOf(written: Expr, where: Where): string | undefined {
    const expr = bare(written)
    if (expr.kind === 'conditional') {
      const test = evaluate(expr.test, where.scope)
      if (test.type === 'boolean') return this.addressOf(test.value ? expr.then : expr.otherwise, where)
      // `var.enabled ? aws_iam_role.this[0].name : null`: the role, which is taken as made when its
      // count is not known (null names no one to attach to).
      if (isNull(expr.otherwise)) return this.addressOf(expr.then, where)
      if (isNull(expr.then)) return this.addressOf(expr.otherwise, where)
      const either = this.addressOf(expr.then, where)
      return either !== undefined && either === this.addressOf(expr.otherwise, where) ? either : undefined
    }
    if (expr.kind === 'call' && PASSING_FUNCTIONS.has(expr.name)) {
      for (const arg of expr.args) {
        const address = this.addressOf(arg, where)
        if (address) return address
      }
      // `element(split("/", aws_iam_role.app.arn), 1)` passes on no argument: it takes the name out of one.
      if (expr.name !== 'element') return undefined
    }
    // A module's output or a local that passes on a principal's attribute known after apply (`role =
    // module.app.id`, the output `aws_iam_role.this[0].id`; `user = local.username`, the local
    // `join("", aws_iam_user.default.*.name)`; `role = basename(var.role_arn)` of a role's ARN passed
    // in, or `split("/", aws_iam_role.app.arn)[1]`): the principal it comes from.
    if (
      (expr.kind === 'traversal' && (expr.root === 'module' || expr.root === 'local')) ||
      (expr.kind === 'call' && (expr.name === 'basename' || expr.name === 'element')) ||
      expr.kind === 'steps'
    ) {
      const value = evaluate(expr, where.scope)
      const of = value.type === 'unknown' ? value.of : undefined
      const dot = of?.lastIndexOf('.') ?? -1
      return of && NAMING_ATTRIBUTES.has(of.slice(dot + 1)) ? of.slice(0, dot) : undefined
    }
    if (expr.kind !== 'traversal' || !expr.root.startsWith('aws_') || expr.steps.length < 2) return undefined
    // The legacy splat, then an index (`aws_iam_role.this.*.id[0]`): the id of `aws_iam_role.this[0]`.
    const [splat, named, index] = expr.steps.slice(-3)
    if (splat?.kind === 'splat' && named?.kind === 'attr' && index?.kind === 'index')
      return this.addressOf({ ...expr, steps: [...expr.steps.slice(0, -3), index, named] }, where)
    const last = expr.steps[expr.steps.length - 1]
    if (last?.kind !== 'attr') return undefined
    const evaluated = evaluate({ ...expr, steps: expr.steps.slice(0, -1), text: expr.text }, where.scope)
    // A splat of a counted resource's one instance (`one(aws_iam_role.this[*].name)`) names that instance.
    const value =
      evaluated.type === 'array' && evaluated.items.length === 1 ? (evaluated.items[0] as Value) : evaluated
    if (value.type === 'unknown') return this.standIn(value.of)
    if (value.type !== 'object') return undefined
    const address = value.values[value.keys.findIndex((k) => k.value === ADDRESS_KEY)]
    return address?.type === 'string' ? address.value : undefined
  }

  /**
   * The principal an instance key names (`aws_iam_role.x[""]`, `aws_iam_role.x["app"]`) when its
   * resource's for_each is not known here: read from the code, such a resource is one instance without a
   * key, which stands for each (uktrade's `for_each = toset(local.cdn_enabled ? [""] : [])`).
   */
  private standIn(of: string | undefined): string | undefined {
    if (of === undefined) return undefined
    const cut = of.endsWith('"]') ? of.lastIndexOf('["') : of.lastIndexOf('.')
    const draft = cut > 0 ? this.principals.get(of.slice(0, cut)) : undefined
    const keyless = draft?.resource.index === undefined && draft?.where.block?.attributes.has('for_each')
    return keyless ? of.slice(0, cut) : undefined
  }

  /** An aws_iam_policy's document, with its ARN: a statement may name the policy it is in. */
  private policyOf(r: PlanResource): Found {
    const found = this.documentAt(r, 'policy')
    const { arn } = this.iamArn(r, this.where.get(r) as Where, 'policy')
    return { ...found, documents: found.documents.map((d) => ({ ...d, arn })) }
  }

  private documentAt(r: PlanResource, attribute: string): Found {
    const where = this.where.get(r) as Where
    const written = where.block?.attributes.get(attribute)
    if (written) return this.documentFrom(r, where, written.expr, written.at, r.values[attribute])
    const planned = r.values[attribute]
    if (typeof planned === 'string') return this.fromText(r, planned, where.file, where.at)
    const deferred = this.deferredDocument(r, attribute, where)
    if (deferred) return deferred
    const missing = this.missingArgument(r, where, attribute)
    return unresolvedAt(r, where.file, where.at, missing ?? `its ${attribute} is known only after apply`)
  }

  /**
   * Of a plan without its code, `r.attribute` known only after apply because the configuration makes it
   * from a data "aws_iam_policy_document" whose read the plan defers (renderDeferredDocument): that
   * document, at the data source's line in the plan; undefined when the attribute is made otherwise.
   */
  private deferredDocument(r: PlanResource, attribute: string, where: Where): Found | undefined {
    return unknownAttribute(r, attribute) ? this.deferredDocumentAt(r, attribute, where) : undefined
  }

  /** deferredDocument of the argument at `path` (`policy`, `inline_policy.0.policy`), whatever the plan says of it. */
  private deferredDocumentAt(r: PlanResource, path: string, where: Where): Found | undefined {
    const [doc, ...more] = this.deferredDocuments(r, path)
    if (!doc || more.length > 0) return undefined
    const rendered = this.renderDeferred(doc, 0)
    const at = doc.at ?? where.at
    if ('reason' in rendered) return unresolvedAt(r, where.file, at, `${doc.address}: ${rendered.reason}`)
    return this.fromText(r, rendered.text, where.file, at)
  }

  /** The data "aws_iam_policy_document" instances the plan reads at apply that `r.path` refers to. */
  private deferredDocuments(r: PlanResource, path: string): PlanResource[] {
    this.documentSources ??= new Map(
      this.plan.resources
        .filter((d) => d.mode === 'data' && d.type === 'aws_iam_policy_document')
        .map((d) => [d.address, d]),
    )
    const docs = referencedIn(
      this.documentSources,
      'data.aws_iam_policy_document.',
      this.plan.configuration,
      r,
      path,
    )
    return docs.filter((doc) => typeof doc.values.json !== 'string')
  }

  /** A deferred document rendered (renderDeferredDocument), with the deferred documents it merges. */
  private renderDeferred(doc: PlanResource, depth: number): Rendered {
    const written = configReferences(this.plan.configuration, doc)
    return renderDeferredDocument(
      doc.values,
      doc.unknown,
      (path) => written?.get(path) ?? [],
      (key) =>
        depth >= 8
          ? [{ reason: 'documents merged more than 8 deep' }]
          : this.deferredDocuments(doc, key).map((merged) => this.renderDeferred(merged, depth + 1)),
    )
  }

  /** A policy document from the expression that writes it, else from the plan's value, else unresolved. */
  private documentFrom(r: PlanResource, where: Where, expr: Expr, at: At, planned: unknown): Found {
    const value = evaluate(expr, where.scope)
    const copied = this.copiedManagedPolicy(r, where, expr, value)
    if (copied) return copied
    const reported = this.problems.length
    const found = this.fromValue(r, value, where.file)
    // Past the budget of values, what follows is refused too, each in its own words ("has no 1", "${[…]}"
    // is not an IAM action): the budget is why.
    const built =
      found.documents.length === 0 && where.scope.budget.left < 0
        ? { ...found, unresolved: found.unresolved.map((u) => ({ ...u, reason: TOO_MANY_VALUES })) }
        : found
    const [doc] = built.documents
    if (doc && built.documents.length === 1) {
      const context = {
        file: where.file,
        module: where.scope.at.module,
        textOf: (f: string) => this.code.textOf(f),
      }
      const site = editSiteOf(expr, context, doc)
      return site ? { ...built, documents: [{ ...doc, site }] } : built
    }
    // An error in the code is said once, where the code writes it; a document made for an instance assumed
    // to exist is not one the plan's text would mend; nor, when there is no plan (its text is made from
    // the same code), is code cut short by a bound or JSON text that holds a value not known here.
    const settled =
      this.problems.length > reported ||
      (value.type === 'string' && value.uncertain !== undefined) ||
      (this.options.fromCode &&
        (built.unresolved.some((u) => isCutShort(u.reason) || u.reason.includes(EMPTIED)) ||
          (value.type === 'string' && value.holds !== undefined)))
    if (built.documents.length > 0 || settled || typeof planned !== 'string') return built
    // The code could not be followed (a module output, an unsupported expression): the plan knows it.
    return this.fromText(r, planned, where.file, at)
  }

  /**
   * `policy = data.aws_iam_policy.vpc[0].policy` of a `data "aws_iam_policy"` that the plan does not hold:
   * the document of the AWS managed policy its `arn` names, from the snapshot.
   */
  private copiedManagedPolicy(r: PlanResource, where: Where, written: Expr, value: Value): Found | undefined {
    const expr = bare(written)
    if (value.type !== 'unknown' || !value.of || !isDataPolicyAddress(value.of) || expr.kind !== 'traversal')
      return undefined
    const last = expr.steps.length - 1
    const arn = evaluate(
      { ...expr, steps: [...expr.steps.slice(0, last), { kind: 'attr', name: 'arn' }] },
      where.scope,
    )
    const snapshot = this.code.managedPolicies
    if (arn.type !== 'string' || !snapshot) return undefined
    // Written in an override file: at the block it changes, and at its line there.
    const at =
      written.kind === 'elsewhere'
        ? { ...written.at, written: { file: written.file, line: expr.at.line, column: expr.at.column } }
        : expr.at
    return this.managedDocument(r, where, arn.value, at, snapshot)
  }

  private fromValue(r: PlanResource, value: Value, file: string): Found {
    const source: DocumentSource = { kind: 'terraform', address: r.address }
    const checked = (parsed: { policy?: PolicyDocument; problems: Problem[] }) =>
      value.type === 'string' && value.holds && !parsed.policy
        ? unresolvedAt(r, file, value, notJsonWith(value.holds, parsed.problems))
        : this.checked(r, file, value, parsed, source, value.type === 'string' ? value.uncertain : undefined)
    if (value.type === 'unknown') return unresolvedAt(r, file, value, value.why)
    if (value.type !== 'string') return unresolvedAt(r, file, value, 'the policy is not a JSON string')
    if (value.encoded) {
      const cut = cutShortIn(value.encoded)
      if (cut) return unresolvedAt(r, file, value, cut)
      return checked(policyFromTree(value.encodedIn ?? file, toJsonNode(value.encoded)))
    }
    // A heredoc, file() or templatefile(): the document's lines are where the text's origin says.
    if (value.origin) {
      const found = checked(relined(parsePolicy(value.origin.file ?? file, value.value), value.origin))
      if (!value.origin.template) return found
      return { ...found, documents: found.documents.map((d) => ({ ...d, templated: true as const })) }
    }
    return this.fromText(r, value.value, file, value, undefined, value.uncertain)
  }

  /** A policy given as JSON text with no lines of its own (the plan's value, a managed policy): at `at`. */
  private fromText(
    r: PlanResource,
    text: string,
    file: string,
    at: At,
    source?: DocumentSource,
    uncertain?: string,
  ): Found {
    if (text.trim() === '') return unresolvedAt(r, file, at, 'the plan gives this policy no text')
    // An AWS managed policy is the same text at every attachment (ReadOnlyAccess on a thousand roles):
    // parsed once, placed at each.
    const parsed =
      source?.kind === 'aws-managed-policy'
        ? kept(
            kept(this.managedParses, file, () => new Map()),
            text,
            () => parsePolicy(file, text),
          )
        : parsePolicy(file, text)
    const placed = parsed.policy ? { ...parsed, policy: placePolicyAt(parsed.policy, at) } : parsed
    return this.checked(r, file, at, placed, source ?? { kind: 'terraform', address: r.address }, uncertain)
  }

  /**
   * A parsed document, or why not: a placeholder where an action belongs is unresolved, as is a document
   * made for an instance assumed to exist (`uncertain` says why it may not), anything else an error.
   */
  private checked(
    r: PlanResource,
    file: string,
    at: At,
    parsed: { policy?: PolicyDocument; problems: Problem[] },
    source: DocumentSource,
    uncertain?: string,
  ): Found {
    if (parsed.policy) return { documents: [{ ...parsed.policy, source }], unresolved: [] }
    const [first] = parsed.problems
    if (parsed.problems.some((p) => p.message.includes('${')))
      return unresolvedAt(r, file, at, first?.message ?? 'values known only after apply')
    const assumed = uncertain ?? (r.assumed && `${r.address}: ${r.assumed}`)
    if (assumed)
      return unresolvedAt(
        r,
        file,
        at,
        `${assumed}; as one instance, ${first?.message ?? 'its policy is not valid'}`,
      )
    // From the code alone, a list a statement needs that comes out empty (`resources = [for p in
    // var.projects : …]`, the variable `[]` by default, its values in a tfvars file kept out of the
    // repository), or a document's statements (`source_policy_documents = var.documents`): AWS refuses
    // that, so the deployment gives other values. Not the code's mistake to stop the run for, as a list
    // written empty (`resources = []`) is.
    if (first && parsed.problems.every((p) => this.emptiedByValues(p)))
      return unresolvedAt(
        r,
        first.file ?? file,
        { line: first.line ?? at.line, column: first.column ?? at.column },
        `${first.message.replace(EMPTY_ENTRIES, 'comes out empty').replace(EMPTY_STATEMENTS, 'comes out empty')} ${EMPTIED} (variable defaults, terraform.tfvars): ` +
          `AWS refuses such a ${first.message.endsWith(EMPTY_STATEMENTS) ? 'policy' : 'statement'}, so the deployment gives others; set them in a .auto.tfvars file, or read a plan`,
      )
    append(
      this.problems,
      parsed.problems.map((p) => ({ ...p, message: `${r.address}: ${p.message}` })),
    )
    return { documents: [], unresolved: [] }
  }

  /**
   * From the code alone, a statement's list, or a document's statements, empty with the values at hand:
   * an expression made it so, or a variable's value (its default, a tfvars file) is empty; not a list
   * written empty (`[]`) where the code builds the document.
   */
  private emptiedByValues(problem: Problem): boolean {
    const emptied = problem.message.endsWith(EMPTY_ENTRIES) || problem.message.endsWith(EMPTY_STATEMENTS)
    if (!this.options.fromCode || !emptied || problem.file === undefined) return false
    if (/\.tfvars(\.json)?$/.test(problem.file)) return true
    const text = this.code.textOf(problem.file)
    if (text === undefined || problem.line === undefined) return false
    const line = text.split('\n', problem.line)[problem.line - 1] ?? ''
    const column = (problem.column ?? 1) - 1
    return !/^\[\s*(\]|$)/.test(line.slice(column)) || /^\s*default\s*=\s*$/.test(line.slice(0, column))
  }

  private async moduleInstance(address: string): Promise<ModuleInstance> {
    const cached = this.modules.get(address)
    if (cached) return cached
    let instance: ModuleInstance
    if (address === '') {
      instance = {
        address: '',
        key: [],
        module: await this.code.module(this.code.rootDir),
        config: this.plan.configuration,
        parent: undefined,
        call: undefined,
        index: undefined,
      }
    } else {
      const match = /^(.*?)(?:\.)?module\.([^.[]+)(?:\[("(?:[^"\\]|\\.)*"|\d+)\])?$/.exec(address)
      const parentAddress = match?.[1] ?? ''
      const name = match?.[2] ?? ''
      const rawIndex = match?.[3]
      const parent = await this.moduleInstance(parentAddress)
      const call = parent.config?.calls.get(name)
      const key = [...parent.key, name]
      const dir = call ? this.code.childDir(parent.module.dir, key, call.source) : undefined
      instance = {
        address,
        key,
        module: await this.code.module(dir),
        config: call?.module,
        parent,
        call: parent.module.calls.get(name),
        index:
          rawIndex === undefined
            ? undefined
            : rawIndex.startsWith('"')
              ? (JSON.parse(rawIndex) as string)
              : Number(rawIndex),
      }
    }
    this.modules.set(address, instance)
    return instance
  }
}

/**
 * The `module` block, in code that is here, that leads to a module instance whose own code is not; with
 * `own`, the one in the repository's own code, not in code `terraform init` installed.
 */
function nearestCall(instance: ModuleInstance, own = false): Located<Block> | undefined {
  for (let at: ModuleInstance | undefined = instance; at; at = at.parent)
    if (at.call && !(own && installedCode(at.call.file))) return at.call
  return undefined
}

/** The attributes of a role, user or group that name it to an attachment. */
const NAMING_ATTRIBUTES = new Set(['id', 'name', 'arn', 'unique_id'])

/**
 * Why a policy whose text holds a value not known here is not read: in the JSON, where the placeholder
 * stands as text, Terraform writes the value itself (`"Resource": ${jsonencode(var.arns)}`, a list).
 */
function notJsonWith(holds: Unknown, problems: readonly Problem[]): string {
  const [first] = problems
  const where = first
    ? ` (${first.file}${first.line === undefined ? '' : `:${first.line}`}: ${first.message})`
    : ''
  return `${holds.why}, and the JSON text writes it (${quote(holds.text)}) where only its value is valid JSON${where}`
}

function unresolvedAt(r: PlanResource, file: string, at: At | undefined, reason: string): Found {
  return {
    documents: [],
    unresolved: [{ file, line: at?.line ?? 1, column: at?.column ?? 1, address: r.address, reason }],
  }
}

/** The instance keys of an address (`[0]`, `["app"]`): what `module.db[0].module.instance` has over its call. */
const INSTANCE_KEYS = /\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/g

/** A document parsed from a string's text, its lines and problems where the text's origin has them. */
function relined(parsed: { policy?: PolicyDocument; problems: Problem[] }, origin: TextOrigin) {
  const lineOf = (n: number) => lineIn(origin, n)
  return {
    problems: parsed.problems.map((p) =>
      p.line === undefined
        ? p
        : p.column === undefined
          ? { ...p, line: lineOf(p.line) }
          : { ...p, ...placeIn(origin, { line: p.line, column: p.column }) },
    ),
    ...(parsed.policy && {
      policy: origin.columns
        ? movePolicy(parsed.policy, (at) => placeIn(origin, at))
        : relinePolicy(parsed.policy, lineOf),
    }),
  }
}

function dedupe(documents: readonly PolicyDocument[]): PolicyDocument[] {
  // Written out in full only where two could be the same: an AWS managed policy's statements are
  // thousands of actions, and a role has one of each document most of the time.
  const shape = (d: PolicyDocument) => `${d.file}\u0000${d.statements.length}\u0000${d.statements[0]?.line}`
  const shapes = new Map<string, number>()
  for (const d of documents) shapes.set(shape(d), (shapes.get(shape(d)) ?? 0) + 1)
  const seen = new Set<string>()
  return documents.filter((d) => {
    if (shapes.get(shape(d)) === 1) return true
    const key = `${d.file}\u0000${JSON.stringify(d.statements)}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Text that reads as a Terraform reference (`aws_iam_policy.app.arn`, `var.policy_arn`), not as a value. */
const QUOTED_REFERENCE =
  /^(?:aws_[a-z0-9_]+|data\.aws_[a-z0-9_]+|module|var|local)\.[\w-]+(?:\.[\w-]+|\[[^\]]*\])*$/

/** An account the plan already names (an existing resource's ARN), for ARNs of principals to be created. */
function accountIn(plan: Plan): string | undefined {
  // Of a resource made through the configuration's own provider: an alias's may be another account.
  for (const r of plan.resources) {
    if (providerAccountIn(plan, r) !== undefined) continue
    const arn = r.values.arn
    const match = typeof arn === 'string' ? /^arn:aws[\w-]*:iam::(\d{12}):/.exec(arn) : null
    if (match) return match[1]
    if (r.type === 'aws_caller_identity' && typeof r.values.account_id === 'string')
      return r.values.account_id
  }
  return undefined
}

/**
 * What the plan's configuration says a resource's attribute refers to (its `references`), among the
 * resources of `found` (by address) whose type starts `type`: of a resource's several instances, the one
 * the reference indexes, else the one of the same key as `r`, else the only one. A module's output
 * (`module.boundary.policy_arn`) is followed to what the output refers to in that module, and a module's
 * input variable (`var.policy_arn`) to what its caller gives it: the policy a module creates and another
 * attaches has no ARN before apply, in any module.
 */
function referencedIn<T>(
  found: ReadonlyMap<string, T>,
  type: string,
  configuration: ConfigModule,
  r: PlanResource,
  attribute: string,
): T[] {
  const out = new Set<T>()
  const follow = (module: string, refs: readonly string[], depth: number): void => {
    if (depth > 16) return
    const prefix = module ? `${module}.` : ''
    for (const ref of refs) {
      const [, resource, index] = REFERENCE.exec(ref) ?? []
      if (resource?.startsWith(type)) {
        const base = `${prefix}${resource}`
        let one = found.get(`${base}${index ?? ''}`)
        if (!one && index === undefined) {
          if (r.index !== undefined) one = found.get(`${base}[${JSON.stringify(r.index)}]`)
          const instances = one ? [] : instancesOf(found, base)
          if (instances.length === 1) one = instances[0]
        }
        if (one) out.add(one)
        continue
      }
      const [, call, key, output] = MODULE_OUTPUT.exec(ref) ?? []
      if (call !== undefined && output !== undefined) {
        const outputRefs = configAt(configuration, module)?.calls.get(call)?.module.outputs?.get(output)
        if (!outputRefs) continue
        const instance = `${prefix}module.${call}`
        const instances = key !== undefined ? [`${instance}${key}`] : moduleInstancesOf(found, instance)
        const chosen =
          instances.length === 1
            ? instances
            : instances.filter(
                (i) => r.index !== undefined && i === `${instance}[${JSON.stringify(r.index)}]`,
              )
        for (const child of chosen) follow(child, outputRefs, depth + 1)
        continue
      }
      const variable = /^var\.([\w-]+)$/.exec(ref)?.[1]
      const last = module.lastIndexOf('module.')
      if (variable === undefined || last < 0) continue
      const parent = module.slice(0, Math.max(0, last - 1))
      const [name] = moduleNames(module.slice(last))
      const inputRefs = name && configAt(configuration, parent)?.calls.get(name)?.inputs?.get(variable)
      if (inputRefs) follow(parent, inputRefs, depth + 1)
    }
  }
  follow(r.module, referencesOf(configuration, r, attribute), 0)
  return [...out]
}

/** What the plan's configuration says `r`'s attribute refers to (its `references`), in `r`'s module. */
function referencesOf(configuration: ConfigModule, r: PlanResource, attribute: string): readonly string[] {
  return configReferences(configuration, r)?.get(attribute) ?? []
}

/** The `references` of each of `r`'s arguments, by its path (`policy`, `statement.0.resources`). */
function configReferences(
  configuration: ConfigModule,
  r: PlanResource,
): ReadonlyMap<string, readonly string[]> | undefined {
  const local = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`
  return configAt(configuration, r.module)?.references?.get(local)
}

/** Whether the plan says `r`'s attribute `name` is known only after apply. */
function unknownAttribute(r: PlanResource, name: string): boolean {
  return isObject(r.unknown) && r.unknown[name] === true
}

/** A reference to a module's output: `module.name.output`, `module.name["key"].output`. */
const MODULE_OUTPUT = /^module\.([\w-]+)(\[(?:\d+|"(?:[^"\\]|\\.)*")\])?\.([\w-]+)/

/**
 * The instances of the module call `instance` (`module.a`, `module.a["x"]`) that hold resources of
 * `found`, looked for once per map and call, as instancesOf does.
 */
const moduleInstanceLists = new WeakMap<ReadonlyMap<string, unknown>, Map<string, readonly string[]>>()
function moduleInstancesOf(found: ReadonlyMap<string, unknown>, instance: string): readonly string[] {
  let byCall = moduleInstanceLists.get(found)
  if (!byCall) {
    byCall = new Map()
    moduleInstanceLists.set(found, byCall)
  }
  let list = byCall.get(instance)
  if (!list) {
    const instances = new Set<string>()
    for (const address of found.keys()) {
      if (!address.startsWith(instance)) continue
      const rest = address.slice(instance.length)
      if (rest.startsWith('.')) instances.add(instance)
      else if (rest.startsWith('[')) {
        const key = /^\[(?:\d+|"(?:[^"\\]|\\.)*")\]\./.exec(rest)?.[0]
        if (key) instances.add(`${instance}${key.slice(0, -1)}`)
      }
    }
    list = [...instances]
    byCall.set(instance, list)
  }
  return list
}

/**
 * The resources of `found` that are `base` or an instance of it (`base[0]`, `base["a"]`), looked for once
 * per map and base: references written without an index, one per policy of thousands, each looked through
 * all the plan's principals.
 */
const instanceLists = new WeakMap<ReadonlyMap<string, unknown>, Map<string, readonly unknown[]>>()
function instancesOf<T>(found: ReadonlyMap<string, T>, base: string): readonly T[] {
  let byBase = instanceLists.get(found)
  if (!byBase) {
    byBase = new Map()
    instanceLists.set(found, byBase)
  }
  let list = byBase.get(base) as readonly T[] | undefined
  if (!list) {
    const matching: T[] = []
    for (const [address, value] of found)
      if (address === base || address.startsWith(`${base}[`)) matching.push(value)
    list = matching
    byBase.set(base, list)
  }
  return list
}

/** The account the plan's provider configuration of `r` names (Plan.providerAccounts). */
function providerAccountIn(plan: Plan, r: PlanResource): string | undefined {
  const local = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`
  const key = configAt(plan.configuration, r.module)?.providers?.get(local)
  return key === undefined ? undefined : plan.providerAccounts?.get(key)
}

/** The configuration of the module a module instance address (`module.a["x"].module.b`) is of. */
/**
 * Of a module instance's calls whose code is not read, those given each resource (`aws_iam_policy.app`):
 * what their inputs refer to, indexed once per module instance, each call one record however many
 * resources it is given (a module of 2,000 policies, each given to 1,500 calls, held 3 million).
 */
function unreadCallsGiven(config: ConfigModule, prefix: string): ReadonlyMap<string, readonly UnreadCall[]> {
  return kept(
    kept(UNREAD_CALLS_GIVEN, config, () => new Map()),
    prefix,
    () => {
      const given = new Map<string, UnreadCall[]>()
      for (const [name, call] of config.calls) {
        if (!call.unread) continue
        const resources = new Set<string>()
        for (const refs of call.inputs?.values() ?? [])
          for (const ref of refs) {
            const second = ref.indexOf('.', ref.indexOf('.') + 1)
            resources.add(second < 0 ? ref : ref.slice(0, second))
          }
        const unread: UnreadCall = { address: `${prefix}module.${name}`, ...call.unread }
        for (const resource of resources) kept(given, resource, () => []).push(unread)
      }
      return given
    },
  )
}
const UNREAD_CALLS_GIVEN = new WeakMap<
  ConfigModule,
  Map<string, ReadonlyMap<string, readonly UnreadCall[]>>
>()

function configAt(configuration: ConfigModule, module: string): ConfigModule | undefined {
  let config: ConfigModule | undefined = configuration
  for (const name of moduleNames(module)) config = config?.calls.get(name)?.module
  return config
}

/**
 * Whether an address is a `data "aws_iam_policy"` instance's policy (`data.aws_iam_policy.x.policy`,
 * `module.m.data.aws_iam_policy.x["k"].policy`): what /(^|\.)data\.aws_iam_policy\.[^.[]+(\[[^\]]*\])?\.policy$/
 * answers, read back from the end. That RegExp is tried from each `.` and reads an instance key on to
 * its end from each: quadratic in a key of many (a key is any text the code writes; 40,000 took 23 s).
 */
export function isDataPolicyAddress(address: string): boolean {
  if (!address.endsWith(POLICY_SUFFIX)) return false
  const end = address.length - POLICY_SUFFIX.length
  if (endsWithDataPolicy(address, end)) return true
  if (address.charCodeAt(end - 1) !== CLOSE_BRACKET) return false
  // An instance key holds no `]`: it opens at a `[` after the `]` before its own.
  const after = address.lastIndexOf(']', end - 2) + 1
  for (
    let open = address.indexOf('[', after);
    open >= 0 && open < end - 1;
    open = address.indexOf('[', open + 1)
  )
    if (endsWithDataPolicy(address, open)) return true
  return false
}

/**
 * Whether `address` up to `end` ends with `data.aws_iam_policy.NAME` at its start or after a `.`, NAME
 * holding no `.` or `[`: walked back to the nearest `.` or `[` only, so the walks from the `[` of
 * isDataPolicyAddress do not cross.
 */
function endsWithDataPolicy(address: string, end: number): boolean {
  let i = end - 1
  while (i >= 0 && address.charCodeAt(i) !== DOT && address.charCodeAt(i) !== OPEN_BRACKET) i--
  if (i < 0 || i === end - 1 || address.charCodeAt(i) !== DOT) return false
  const start = i + 1 - DATA_POLICY_PREFIX.length
  return (
    start >= 0 &&
    address.startsWith(DATA_POLICY_PREFIX, start) &&
    (start === 0 || address.charCodeAt(start - 1) === DOT)
  )
}
const DATA_POLICY_PREFIX = 'data.aws_iam_policy.'
const POLICY_SUFFIX = '.policy'
const DOT = 46
const OPEN_BRACKET = 91
const CLOSE_BRACKET = 93

/** Functions that give one of their arguments back as it is: what it refers to is what they refer to. */
const PASSING_FUNCTIONS = new Set(['try', 'one', 'coalesce', 'join', 'element'])

/**
 * A reference of the plan's configuration to a resource or data source: `aws_iam_role.app`,
 * `aws_iam_role.app[0]`, `….id`, `data.aws_iam_policy_document.p.json`.
 */
const REFERENCE = /^((?:data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)(\[(?:\d+|"(?:[^"\\]|\\.)*")\])?(?:\.|$)/

/** The module call names of a module instance address: `module.a["x"].module.b` gives a, b. */
function moduleNames(address: string): string[] {
  const bare = address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '')
  return bare === '' ? [] : bare.split('.').filter((_, i) => i % 2 === 1)
}

/** An AWS managed policy ARN whose partition is a placeholder (a value not known here). */
const UNKNOWN_PARTITION_MANAGED = /^arn:\$\{.*\}:iam::aws:policy\//

/** An IAM ARN's account as `data.aws_caller_identity` gives it when it is not known here. */
const CALLER_ACCOUNT = /^(arn:[^:]*:iam::)\$\{data\.aws_caller_identity\.[^.}]+\.account_id\}:/

/** The ARN an `aws_iam_{role,user,group}_policy_attachment` of the configuration attaches, by its address. */
const ATTACHMENT_ARN =
  /(?:^|\.)aws_iam_(?:role|user|group)_policy_attachment\.[\w-]+(?:\[[^\]]*\])?\.policy_arn$/

/** An expression that refers to attachments of the configuration (`aws_iam_role_policy_attachment.this`). */
const ATTACHMENTS = /\baws_iam_(?:role|user|group)_policy_attachment\.[\w-]+/

/** What the plan's configuration records of an `inline_policy` block's arguments: `inline_policy.0.policy`. */
const INLINE_POLICY_ARGUMENT = /^inline_policy\.\d+\.\w+$/
