import { managedPolicyArnNamed } from '../catalog/managed-policies.js'
import { foreignCharacter } from '../vocabulary/look-alikes.js'
import type { Effect, Located, PolicyDocument, Statement } from '../vocabulary/policy.js'
import { type Problem, quote } from '../vocabulary/problems.js'
import { suggestName } from '../vocabulary/suggest-name.js'
import { parseValidPolicy } from './fast-policy.js'
import { type JsonNode, type JsonObject, type JsonString, parseJsonTree, toValue } from './json-tree.js'
import { ACTION, SID, STATEMENT_KEYS, TOP_KEYS, VERSIONS } from './policy-rules.js'

/** Deeper than this, a policy file is refused: IAM's own documents nest six levels at most. */
const MAX_POLICY_DEPTH = 64

/** What a syntax error means in a policy file, where it is not what any JSON file would be told. */
const POLICY_ERROR_TEXT: Record<string, string> = {
  NestedTooDeep: `nested more than ${MAX_POLICY_DEPTH} levels deep; an IAM policy nests a few levels at most`,
  InvalidCommentToken: 'comments are not allowed in IAM policy JSON',
  UnexpectedEndOfComment: 'comments are not allowed in IAM policy JSON',
}

/**
 * Parses an IAM policy document with positions. A file that is not valid JSON, or not an IAM identity
 * policy, gives problems that name `file:line:column` and no document.
 */
export function parsePolicy(file: string, text: string): { policy?: PolicyDocument; problems: Problem[] } {
  const json = withoutBom(text)
  const policy = parseValidPolicy(file, json)
  return policy ? { policy, problems: [] } : parsePolicyFully(file, json)
}

const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)

/**
 * A policy file's document: the file itself, or the document inside what the AWS CLI prints of a
 * policy, saved as it came (`aws iam get-policy-version`'s "PolicyVersion": {"Document"}, as MAMIP keeps
 * AWS's managed policies; `aws iam get-role-policy`'s "PolicyDocument"), read where the file writes it.
 * A suggestion then gives the document as JSON: the file's text is not the document's.
 */
export function parsePolicyFile(
  file: string,
  text: string,
): { policy?: PolicyDocument; problems: Problem[] } {
  const json = withoutBom(text)
  const policy = parseValidPolicy(file, json)
  if (policy) return { policy, problems: [] }
  const tree = treeOf(file, json)
  if (!('root' in tree)) return tree
  const inner = tree.root?.type === 'object' ? printedDocument(tree.root) : undefined
  if (!inner) return policyFromTree(file, tree.root)
  const read = policyFromTree(file, inner)
  return read.policy ? { policy: { ...read.policy, templated: true }, problems: [] } : read
}

/** The policy document in what the AWS CLI prints of a policy, if `root` is that. */
function printedDocument(root: JsonObject): JsonNode | undefined {
  if (root.keys.some((k) => k.value === 'Statement')) return undefined
  const version = valueAt(root, 'PolicyVersion')
  const document = version?.type === 'object' ? valueAt(version, 'Document') : valueAt(root, 'PolicyDocument')
  return document?.type === 'object' ? document : undefined
}

/**
 * parsePolicy's full path: a tree with the position of every value, then every rule checked on it.
 * Gives the same document as the fast path for a valid file, and every problem of an invalid one.
 */
export function parsePolicyFully(
  file: string,
  json: string,
): { policy?: PolicyDocument; problems: Problem[] } {
  const tree = treeOf(file, json)
  return 'root' in tree ? policyFromTree(file, tree.root) : tree
}

/** A policy file's JSON as a tree with positions, or its syntax errors (see parseJsonTree). */
function treeOf(file: string, json: string): { root: JsonNode | undefined } | { problems: Problem[] } {
  const { root, errors } = parseJsonTree(json, MAX_POLICY_DEPTH)
  if (errors.length === 0) return { root }
  return {
    problems: errors.map((error) => ({
      file,
      line: error.line,
      column: error.column,
      message: `invalid JSON: ${POLICY_ERROR_TEXT[error.code] ?? error.reason}`,
    })),
  }
}

/**
 * What a file a policy glob matched is, when it is not a policy at all, in words that say where it
 * belongs: Terraform code or a plan, a CloudFormation template. Undefined for anything else, which gets
 * the policy rules' own messages.
 */
export function describeNonPolicy(file: string, text: string): string | undefined {
  const leave = 'leave it out of policies:'
  if (/\.(tf|tofu|tfvars|hcl)$/i.test(file))
    return `a Terraform file, not an IAM policy document: name its directory in the config as terraform: [{ root: … }], and ${leave}`
  if (/\.ya?ml$/i.test(file)) {
    if (YAML_POLICY_KEY.test(text))
      return 'an IAM policy written in YAML: IAM takes policy documents as JSON, and so does policies:. Convert it (yq -o=json) and name the JSON file'
    if (YAML_TEMPLATE_KEY.test(text)) return TEMPLATE_NOT_POLICY
    return `a YAML file, not an IAM policy document (policies are JSON); ${leave}`
  }
  // A glob wider than the policy files (`iam/**`) catches a README, a .gitkeep, a script: named by its
  // kind, with where the glob should stop, not as a JSON syntax error at its first character.
  const extension = /\.([A-Za-z0-9]+)$/.exec(file)?.[1]?.toLowerCase()
  if (extension && !JSON_EXTENSIONS.has(extension) && !/^\s*[{[]/.test(text))
    return `a .${extension} file, not an IAM policy document (a JSON file): the glob matches more than the policy files; narrow it to them, such as *.json, or ${leave}`
  // Committed as a placeholder, or emptied by a merge: "expected a value" would not say so.
  if (text.trim() === '')
    return 'the file is empty; expected an IAM policy document (a JSON object with "Version" and "Statement")'
  const { root } = parseJsonTree(text, MAX_POLICY_DEPTH)
  if (root?.type !== 'object') return undefined
  const keys = new Set(root.keys.map((k) => k.value))
  if (
    keys.has('format_version') &&
    ['planned_values', 'prior_state', 'resource_changes'].some((k) => keys.has(k))
  )
    return `a Terraform plan (terraform show -json), not an IAM policy document: name it in the config as terraform: [{ plan: … }], and ${leave}`
  if (keys.has('AWSTemplateFormatVersion') || (keys.has('Resources') && !keys.has('Statement')))
    return TEMPLATE_NOT_POLICY
  if (isTerraformState(keys))
    return `a Terraform state file, not an IAM policy document: name the code in the config as terraform: [{ root: … }] (or its plan, as plan:), and ${leave}`
  // What the AWS CLI prints of one policy is read (parsePolicyFile): its document's own problems are said.
  if (keys.has('Statement') || printedDocument(root)) return undefined
  if (keys.has('RoleDetailList') || keys.has('UserDetailList') || keys.has('GroupDetailList'))
    return `the output of "aws iam get-account-authorization-details", not an IAM policy document: save each policy document alone as a file, or ${leave}`
  return undefined
}

/** Names under which a policy document is kept: anything else that is not JSON is not one. */
const JSON_EXTENSIONS = new Set(['json', 'jsonc', 'json5', 'policy', 'tpl', 'tmpl', 'template', 'txt'])

/** A Terraform state file's top-level keys (`terraform.tfstate`, `terraform state pull`). */
export const isTerraformState = (keys: ReadonlySet<string>): boolean =>
  keys.has('terraform_version') && keys.has('lineage') && keys.has('resources') && !keys.has('Statement')

const TEMPLATE_NOT_POLICY =
  'a CloudFormation template, not an IAM policy document: name it in the config as cloudformation: [{ template: … }], and leave it out of policies:'

/** A top-level YAML key of a policy, or of a template: at the start of a line, quoted or not. */
const YAML_POLICY_KEY = /^["']?Statement["']?[ \t]*:/m
const YAML_TEMPLATE_KEY = /^["']?(?:AWSTemplateFormatVersion|Resources)["']?[ \t]*:/m

/** The value of an object's key, if it has it. */
function valueAt(object: JsonObject, key: string): JsonNode | undefined {
  const at = object.keys.findIndex((k) => k.value === key)
  return at < 0 ? undefined : object.values[at]
}

/**
 * A policy document from a tree of positioned values: parsed JSON, or a value built from other code
 * (Terraform's `jsonencode`, a policy document data source) with the positions of what wrote it. Every
 * rule of an identity policy is checked, with the same messages as for a JSON file.
 */
export function policyFromTree(
  file: string,
  root: JsonNode | undefined,
): { policy?: PolicyDocument; problems: Problem[] } {
  const problems: Problem[] = []
  const fail = (node: JsonNode | undefined, message: string) =>
    problems.push(
      node?.written
        ? { ...node.written, message }
        : { file, line: node?.line ?? 1, column: node?.column ?? 1, message },
    )
  if (root?.type !== 'object') {
    fail(root, 'not an IAM policy document: expected a JSON object with "Version" and "Statement"')
    return { problems }
  }

  // One statement's keys written as the document (`{"Effect": …, "Action": …}`): one problem, not one
  // unknown key for each.
  const loose = root.keys.filter((k) => STATEMENT_KEYS.includes(k.value))
  if (loose.length > 0 && !root.keys.some((k) => k.value === 'Statement')) {
    const names = loose.map((k) => quote(k.value))
    fail(
      root,
      `not an IAM policy document: ${names.length === 1 ? `${names[0]} is a statement's key` : `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are a statement's keys`}, written here without a statement around ${names.length === 1 ? 'it' : 'them'}; expected {"Version": "2012-10-17", "Statement": [{"Effect": …, "Action": …, "Resource": …}]}`,
    )
    return { problems }
  }
  const top = properties(root, TOP_KEYS, fail, () => '')
  const statementNode = top.get('Statement')
  if (!statementNode) {
    fail(root, 'not an IAM policy document: it has no "Statement"')
    return { problems }
  }
  const versionNode = top.get('Version')
  let version: string | null = null
  if (versionNode) {
    if (versionNode.type === 'string' && VERSIONS.includes(versionNode.value)) version = versionNode.value
    else
      fail(
        versionNode,
        `"Version": ${describe(versionNode)} is not valid; expected "2012-10-17" (or the older "2008-10-17")`,
      )
  }

  const statementNodes = statementNode.type === 'array' ? statementNode.items : [statementNode]
  if (statementNode.type === 'array' && statementNodes.length === 0) {
    fail(statementNode, `"Statement" ${EMPTY_STATEMENTS}`)
  }
  const statements: Statement[] = []
  const sids = new Map<string, number>()
  statementNodes.forEach((node, index) => {
    const statement = parseStatement(node, index, fail, () => problems.length)
    if (!statement) return
    // An empty Sid is no Sid: IAM takes several (the AWS provider for Terraform wrote `"Sid": ""` on
    // every statement without one).
    if (statement.sid !== null && statement.sid !== '') {
      const earlier = sids.get(statement.sid)
      if (earlier !== undefined)
        fail(node, `"Sid": ${quote(statement.sid)} is already used on line ${earlier}; Sids must be unique`)
      sids.set(statement.sid, statement.line)
    }
    statements.push(statement)
  })
  if (problems.length > 0) return { problems }
  return { policy: { file, version, statements }, problems }
}

type Fail = (node: JsonNode | undefined, message: string) => void

function parseStatement(
  node: JsonNode,
  index: number,
  fail: Fail,
  problemCount: () => number,
): Statement | undefined {
  const label = () => `Statement[${index}]`
  if (node.type !== 'object') {
    fail(node, `${label()}: expected an object with "Effect", "Action" and "Resource"; got ${describe(node)}`)
    return undefined
  }
  const props = properties(node, STATEMENT_KEYS, fail, () => `${label()}: `)
  const before = problemCount()

  const sidNode = props.get('Sid')
  if (sidNode && sidNode.type !== 'string')
    fail(sidNode, `${label()}: "Sid" must be a string; got ${describe(sidNode)}`)
  const sid = sidNode?.type === 'string' ? (sidNode.value as string) : null
  // A value known only at deploy time (`${…}` from a template or a plan) is not judged.
  if (sid !== null && !SID.test(sid) && !sid.includes('${')) {
    // The words kept, each after the first capitalised: "Allow use of the key" → "AllowUseOfTheKey".
    const fixed = sid
      .split(/[^0-9A-Za-z]+/)
      .filter((word) => word !== '')
      .map((word, i) => (i === 0 ? word : `${word.charAt(0).toUpperCase()}${word.slice(1)}`))
      .join('')
    fail(
      sidNode,
      `${label()}: "Sid": ${quote(sid)} is not valid; expected letters and digits only (A-Z, a-z, 0-9), as IAM refuses the policy otherwise: ${fixed === '' ? 'leave the Sid out' : `such as ${quote(fixed)}`}`,
    )
  }
  // Labels are only for messages: built when a message needs one, not for each of 100,000 statements.
  const named = () => (sid ? `${label()} (${quote(sid)})` : label())

  const effectNode = props.get('Effect')
  const effect = effectNode?.type === 'string' ? effectNode.value : undefined
  if (!effectNode) fail(node, `${named()}: "Effect" is required; expected "Allow" or "Deny"`)
  else if (effect !== 'Allow' && effect !== 'Deny') {
    const foreign = effect === undefined ? undefined : foreignCharacter(effect)
    fail(
      effectNode,
      `${named()}: "Effect": ${describe(effectNode)} is not valid; expected "Allow" or "Deny" (case matters)` +
        (foreign ? `; it holds ${foreign.said}` : ''),
    )
  }

  const action = pickOne(node, props, 'Action', 'NotAction', named, fail)
  const actions = action ? strings(action.node, () => `${named()}: "${action.key}"`, fail) : []
  for (const entry of actions) {
    if (!ACTION.test(entry.value)) {
      const policyArn = managedPolicyArnNamed(entry.value)
      const stray = strayAround(entry.value)
      const foreign = foreignCharacter(entry.value)
      fail(
        nodeAt(action?.node, entry),
        `${named()}: ${quote(entry.value)} is not an IAM action; ${
          policyArn
            ? `it is the name of an AWS managed policy (${policyArn}): attach the policy to the principal instead, or name the actions it needs`
            : foreign
              ? `it holds ${foreign.said}: IAM action names are ASCII${ACTION.test(foreign.meant) ? `; expected ${quote(foreign.meant)}` : ''}`
              : entry.value.includes('{{')
                ? "it holds a template's placeholder ({{…}}, Mustache, Jinja, Handlebars): name the file the template renders, not the template"
                : stray
                  ? `expected ${quote(stray.action)}, without the ${stray.around}`
                  : 'expected service:Action such as s3:GetObject, s3:Get* or *'
        }`,
      )
    }
  }
  const resource = pickOne(node, props, 'Resource', 'NotResource', named, fail)
  const resources = resource ? strings(resource.node, () => `${named()}: "${resource.key}"`, fail) : []

  const conditionNode = props.get('Condition')
  if (conditionNode && conditionNode.type !== 'object') {
    fail(
      conditionNode,
      `${named()}: "Condition" must be an object of operators; got ${describe(conditionNode)}`,
    )
  }
  if (problemCount() > before || !effect) return undefined

  return {
    index,
    sid,
    line: node.line,
    column: node.column,
    effect: effect as Effect,
    actions,
    notAction: action?.key === 'NotAction',
    resources,
    notResource: resource?.key === 'NotResource',
    condition:
      conditionNode?.type === 'object'
        ? located(JSON.stringify(toValue(conditionNode)), conditionNode)
        : null,
  }
}

/** An object's properties by name; unknown and duplicate keys are problems (a second key would hide the first). */
function properties(
  node: JsonObject,
  allowed: readonly string[],
  fail: Fail,
  label: () => string,
): Map<string, JsonNode> {
  const props = new Map<string, JsonNode>()
  node.keys.forEach((keyNode, i) => {
    const valueNode = node.values[i]
    if (!valueNode) return
    const key = keyNode.value
    if (!allowed.includes(key)) {
      const hint =
        key === 'Principal' || key === 'NotPrincipal'
          ? `; "${key}" belongs in resource-based policies, not in the identity policies this action checks`
          : `;${hintFor(key, allowed)} expected ${allowed.map((k) => `"${k}"`).join(', ')}`
      fail(keyNode, `${label()}unknown key ${quote(key)}${hint}`)
    } else if (props.has(key)) {
      fail(keyNode, `${label()}duplicate key ${quote(key)}; JSON parsers disagree on which one counts`)
    } else {
      props.set(key, valueNode)
    }
  })
  return props
}

function hintFor(key: string, allowed: readonly string[]): string {
  const nearest = suggestName(key, allowed)
  return nearest ? ` did you mean "${nearest}"?` : ''
}

function pickOne(
  statement: JsonNode,
  props: Map<string, JsonNode>,
  key: string,
  notKey: string,
  label: () => string,
  fail: Fail,
): { key: string; node: JsonNode } | undefined {
  const node = props.get(key)
  const notNode = props.get(notKey)
  if (node && notNode) {
    fail(notNode, `${label()}: give either "${key}" or "${notKey}", not both`)
    return undefined
  }
  if (!node && !notNode) {
    fail(statement, `${label()}: "${key}" (or "${notKey}") is required`)
    return undefined
  }
  return node ? { key, node } : { key: notKey, node: notNode as JsonNode }
}

/** How a problem ends that says a statement's Action or Resource list is empty (`"Resource" is empty; …`). */
export const EMPTY_ENTRIES = 'is empty; expected at least one entry'

/** How a problem ends that says a document's Statement list is empty. */
export const EMPTY_STATEMENTS = 'is empty; expected at least one statement'

/**
 * A string or a non-empty list of strings, each with its position. The parser's string nodes already
 * are `Located` values: they are kept as they are, not copied.
 */
function strings(node: JsonNode, label: () => string, fail: Fail): Located<string>[] {
  if (node.type === 'array' && node.items.length === 0) fail(node, `${label()} ${EMPTY_ENTRIES}`)
  const items = node.type === 'array' ? node.items : [node]
  let valid = true
  for (const item of items) {
    if (item.type === 'string' && item.value !== '') continue
    fail(item, `${label()}: ${describe(item)} is not valid; expected a non-empty string or a list of them`)
    valid = false
  }
  // Fresh, exact-size copies that outlive the parse: the parser's nodes and its push()-grown lists die
  // young, and V8 allocates the survivors of this one site straight into the old generation.
  return valid ? items.map((item) => located((item as JsonString).value, item)) : []
}

/** `value` at a node's place, and where it is written when that is another file. */
function located<T>(value: T, node: JsonNode): Located<T> {
  const { line, column, written } = node
  return written === undefined ? { value, line, column } : { value, line, column, written }
}

function nodeAt(parent: JsonNode | undefined, entry: Located<string>): JsonNode | undefined {
  const items = parent?.type === 'array' ? parent.items : parent ? [parent] : []
  return (
    items.find((n) => n.line === entry.line && n.column === entry.column && n.written === entry.written) ??
    parent
  )
}

function describe(node: JsonNode): string {
  switch (node.type) {
    case 'object':
      return 'an object'
    case 'array':
      return 'a list'
    default:
      return quote(node.value)
  }
}

/**
 * The action inside stray punctuation or spaces (`ec2:CreateImage,` in a YAML list), if it is one, and
 * what stands around it (`comma`, `quotes and comma`, `space`). The ends are walked, not matched with
 * `[…]+$`, which backtracks from every start of a long run (40,000 spaces between two letters took 0.8 s).
 */
function strayAround(value: string): { action: string; around: string } | undefined {
  let start = 0
  let end = value.length
  while (start < end && isStray(value.charAt(start))) start++
  while (end > start && isStray(value.charAt(end - 1))) end--
  const action = value.slice(start, end)
  if (action === value || !ACTION.test(action)) return undefined
  const stray = value.slice(0, start) + value.slice(end)
  return { action, around: [...new Set([...stray].map((c) => STRAY_NAMES[c] ?? 'space'))].join(' and ') }
}

function isStray(c: string): boolean {
  return STRAY_NAMES[c] !== undefined || c.trim() === ''
}
const STRAY_NAMES: Record<string, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '"': 'quotes',
  "'": 'quotes',
  '`': 'quotes',
}
