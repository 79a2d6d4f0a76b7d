import { posix } from 'node:path'
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml'
import { ACTION } from '../policy/policy-rules.js'
import { isAccountId } from '../vocabulary/accounts.js'
import { FINDING_KINDS, type FindingKind, type IgnoreRule, isFindingKind } from '../vocabulary/findings.js'
import { type Problem, quote } from '../vocabulary/problems.js'
import { thousands } from '../vocabulary/text.js'
import { isIdentityArn, isPrincipalArn, isRegion, isRoleArn, isTrailArn } from './arns.js'
import { leavesWorkspace } from './paths.js'
import { parsePlainYaml } from './yaml-events.js'
import { bracketLeftOpen, unclosedBracket } from './yaml-mistakes.js'
import { type Field, YamlReader } from './yaml-reader.js'

/** A CloudTrail trail Access Analyzer reads, and the regions it reads it in. */
export interface TrailConfig {
  readonly arn: string
  readonly allRegions: boolean
  readonly regions: readonly string[]
}

export interface CloudTrailConfig {
  readonly trails: readonly TrailConfig[]
  readonly accessRoleArn: string
  /** 1..90: Access Analyzer reads at most 90 days of CloudTrail. */
  readonly lookbackDays: number
  /** Services whose data events the trail logs (`data-events:`), so their data-event actions are observable. */
  readonly dataEvents: readonly string[]
}

/** A glob from `policies:`, with the line it stands on. */
export interface PolicyGlob {
  readonly pattern: string
  readonly line: number
}

/** The globs of a list that add (`iam/**`), without its exclusions (`!iam/legacy/**`). */
export function inclusions(globs: readonly PolicyGlob[]): PolicyGlob[] {
  return globs.filter((g) => !g.pattern.startsWith('!'))
}

/** The directories of a `terraform:` entry's plans, each once: their configurations', unless root: says. */
export function planDirectories(plan: readonly PolicyGlob[]): string[] {
  return [...new Set(inclusions(plan).map((g) => posix.dirname(g.pattern)))]
}

export interface PrincipalConfig {
  readonly arn: string
  readonly line: number
  readonly policies: readonly PolicyGlob[]
}

/** A `terraform:` entry: a plan (`terraform show -json`) and the configuration's directory. */
export interface TerraformConfig {
  /**
   * Globs of plan JSON files, each of which must match, and exclusions (`!envs/legacy/plan.json`).
   * Absent: the .tf files of `root` are read alone.
   */
  readonly plan: readonly PolicyGlob[] | undefined
  /**
   * The configuration's directory, relative to the workspace (default: each plan's directory); without
   * a plan, also a glob of such directories. Given as a list, the first of its globs.
   */
  readonly root: string | undefined
  /** `root:` given as a list (without a plan): globs of directories and exclusions (`!envs/legacy`). */
  readonly roots?: readonly PolicyGlob[]
  /** The account of principals whose ARN the plan does not know yet (to be created). */
  readonly account: string | undefined
  readonly line: number
}

/** A `cloudformation:` entry: templates, with what the stack's values are. */
export interface CloudFormationConfig {
  /**
   * Globs of YAML or JSON templates, each of which must match, and exclusions (`!stacks/legacy/**`).
   * Absent with `cdkOut`.
   */
  readonly template: readonly PolicyGlob[] | undefined
  /** A CDK cloud assembly directory: every stack its manifest.json lists. */
  readonly cdkOut: string | undefined
  /** The deployed stack's name: `AWS::StackName`, and (in AWS mode, next) physical names. */
  readonly stackName: string | undefined
  readonly account: string | undefined
  readonly region: string | undefined
  /** Parameter values; a parameter not given takes its Default, else stays a placeholder. */
  readonly parameters: ReadonlyMap<string, string>
  readonly line: number
}

/** An `accounts:` entry: how to reach principals of another account than the assumed role's. */
export interface AccountConfig {
  /** The 12-digit account id. */
  readonly account: string
  /** The role to assume there from the workflow's role (STS AssumeRole, role chaining). */
  readonly roleArn: string
  /** This account's trail and access role; absent: the top-level cloudtrail: ones. */
  readonly cloudTrail: CloudTrailConfig | undefined
  readonly line: number
}

/** An ARN pattern of principals never checked (`exclude-principals:`). */
export interface ExcludePattern {
  readonly pattern: string
  readonly line: number
}

/** `.github/iam-policy-drift.yml`, validated. */
export interface Config {
  /** Path relative to the workspace. */
  readonly file: string
  /** Absent: no usage data is fetched, the static checks judge alone. */
  readonly cloudTrail: CloudTrailConfig | undefined
  readonly includeServiceLevelTemplate: boolean
  readonly principals: readonly PrincipalConfig[]
  readonly terraform: readonly TerraformConfig[]
  readonly cloudFormation: readonly CloudFormationConfig[]
  readonly excludePrincipals: readonly ExcludePattern[]
  readonly ignore: readonly IgnoreRule[]
  /** Principals of other accounts, by account id: the role to chain into there. */
  readonly accounts: ReadonlyMap<string, AccountConfig>
}

const TOP_KEYS = [
  'cloudtrail',
  'include-service-level-template',
  'principals',
  'terraform',
  'cloudformation',
  'exclude-principals',
  'ignore',
  'accounts',
]
/** What to do about the YAML parser's errors, by its codes. */
const YAML_ADVICE: Record<string, string> = {
  TAB_AS_INDENT: 'indent with spaces: YAML does not allow tabs',
  BAD_INDENT: 'line up the keys of one mapping in one column, with spaces',
  BAD_DIRECTIVE: 'remove the line starting with %',
  DUPLICATE_KEY: 'give each key once per mapping',
  BLOCK_AS_IMPLICIT_KEY:
    'a key and its colon go on one line: look for a missing colon, or a value left unquoted',
  MULTILINE_IMPLICIT_KEY:
    'a key and its colon go on one line: look for a missing colon, or a value left unquoted',
  MISSING_CHAR: 'a quote or a bracket is not closed',
  UNEXPECTED_TOKEN: 'quote a value that starts with *, &, !, @, ` or %, such as "*"',
  BAD_SCALAR_START: 'quote a value that starts with *, &, !, @, ` or %, such as "*"',
  BAD_ALIAS: 'an alias (*name) must name an anchor (&name) given before it',
  RESOURCE_EXHAUSTION: 'its aliases expand to too much: write the values out',
}

/** Advice by the parser's words, where one code covers mistakes of different kinds. */
const YAML_TEXT_ADVICE: readonly [RegExp, string][] = [
  [
    /^Sequence item without - indicator/,
    'line up the keys of one list item in one column, with spaces: "- " starts the next item',
  ],
  [
    /^Nested mappings are not allowed in compact mappings/,
    "a key indented more than the key above it is read into that key's value: line up the keys of one mapping in one column, with spaces",
  ],
  [/^Missing closing/, 'the quote is not closed'],
]

function yamlMessage(code: string, text: string): string {
  const advice = /Maximum call stack/.test(text)
    ? 'it is nested too deep to read'
    : (YAML_TEXT_ADVICE.find(([words]) => words.test(text))?.[1] ?? YAML_ADVICE[code])
  return `invalid YAML: ${/Maximum call stack/.test(text) ? 'nested too deep' : text}${advice ? ` (${advice})` : ''}`
}

/** The action's inputs: set in the workflow's `with:`, a common slip into the config file. */
const ACTION_INPUTS = [
  'role-to-assume',
  'aws-region',
  'audience',
  'role-session-name',
  'config',
  'github-token',
  'fail-on',
  'comment',
  'wait-timeout',
  'max-concurrent-jobs',
  'reuse-max-age',
  'usage-source',
  'max-generations',
  'shard',
  'merge-reports',
  'sarif-file',
]

/**
 * An unknown key that is known elsewhere: an input of the action, or a key of another level of this
 * file (most often, indented one level off).
 */
function keyElsewhere(key: string, path: string): string | undefined {
  if (ACTION_INPUTS.includes(key))
    return `'${key}' is an input of the action, not a config key: set it under with: in the workflow`
  const homes: [readonly string[], string, RegExp][] = [
    [TOP_KEYS, 'at the top level of the file', /^$/],
    [CLOUDTRAIL_KEYS, 'in cloudtrail', /^cloudtrail$/],
    [PRINCIPAL_KEYS, 'in an entry of principals', /^principals\[\d+\]$/],
    [TRAIL_KEYS, 'in an entry of cloudtrail.trails', /^cloudtrail\.trails\[\d+\]$/],
    [TERRAFORM_KEYS, 'in an entry of terraform', /^terraform\[\d+\]$/],
    [CLOUDFORMATION_KEYS, 'in an entry of cloudformation', /^cloudformation\[\d+\]$/],
    [IGNORE_KEYS, 'in an entry of ignore', /^ignore\[\d+\]$/],
    [ACCOUNT_KEYS, 'in an entry of accounts', /^accounts\.\d{12}$/],
  ]
  // Every home the key has (account: is one in an entry of terraform and of cloudformation).
  const found = homes.filter(([keys, , at]) => keys.includes(key) && !at.test(path)).map(([, where]) => where)
  if (found.length === 0) return undefined
  const where = found.length === 1 ? found[0] : `${found.slice(0, -1).join(', ')} or ${found.at(-1)}`
  return `'${key}' belongs ${where}: check its indentation`
}

const TERRAFORM_KEYS = ['plan', 'root', 'account']
const CLOUDFORMATION_KEYS = ['template', 'cdk-out', 'stack-name', 'account', 'region', 'parameters']
const CLOUDTRAIL_KEYS = [
  'trail-arn',
  'trails',
  'access-role-arn',
  'all-regions',
  'regions',
  'lookback-days',
  'data-events',
]
const TRAIL_KEYS = ['arn', 'all-regions', 'regions']
const PRINCIPAL_KEYS = ['arn', 'policies']
const IGNORE_KEYS = ['principal', 'action', 'kind', 'reason']

const EXPECT_ROLE =
  'an IAM role ARN such as arn:aws:iam::111122223333:role/service-role/AccessAnalyzerMonitorServiceRole'
const EXPECT_PRINCIPAL = 'arn:<partition>:iam::<12 digits>:role/<name> or …:user/<name>'
const EXPECT_IDENTITY =
  'arn:<partition>:iam::<12 digits>:role/<name>, …:user/<name>, …:group/<name> or …:policy/<name>'
const EXPECT_TRAIL = 'a trail ARN such as arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail'

/**
 * Parses and validates the config file's text. `file` is its path relative to the workspace, used in
 * every problem. Returns no config when there is any problem: then `partial` holds the parts that are
 * valid (principals whose entries are right, their globs), so that their files can be checked as well.
 */
export function parseConfig(
  file: string,
  text: string,
): { config?: Config; partial?: Config; problems: Problem[] } {
  const problems: Problem[] = []
  const plain = parsePlainYaml(text)
  const lineCounter = plain?.lineCounter ?? new LineCounter()
  const doc = plain ?? parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true })
  for (const error of 'errors' in doc ? doc.errors : []) {
    const [start] = error.linePos ?? []
    // A flow collection left open: the parser stops where the text ends, or at the next line indented
    // less; the mistake is its opening bracket, above.
    const bracket =
      start && /end with an? [\]}]/.test(error.message)
        ? unclosedBracket(text, { line: start.line - 1, position: error.pos[0] })
        : undefined
    if (bracket) {
      problems.push({
        file,
        line: bracket.line,
        column: bracket.column,
        message: `invalid YAML: ${bracketLeftOpen(bracket.bracket)}`,
      })
      continue
    }
    problems.push({
      file,
      ...(start && { line: start.line, column: start.col }),
      // The first line of the parser's message, without its own "at line 7, column 1:" (ours leads),
      // and what to do about it in plain words.
      message: yamlMessage(
        error.code,
        (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, ''),
      ),
    })
  }
  if (problems.length > 0) return { problems }

  const r = new YamlReader(file, lineCounter, problems, keyElsewhere)
  const top = r.map({ node: doc.contents, path: '' }, TOP_KEYS)
  if (!top) return { problems }

  const cloudTrailField = top.get('cloudtrail')
  const cloudTrail = cloudTrailField ? readCloudTrail(r, cloudTrailField) : undefined
  const templateField = top.get('include-service-level-template')
  const includeServiceLevelTemplate = templateField ? (r.boolean(templateField) ?? false) : false
  const terraformField = top.get('terraform')
  const terraform = terraformField ? readTerraform(r, terraformField) : []
  const cloudFormationField = top.get('cloudformation')
  const cloudFormation = cloudFormationField ? readCloudFormation(r, cloudFormationField) : []
  const principals = readPrincipals(
    r,
    top.get('principals'),
    terraformField !== undefined || cloudFormationField !== undefined,
  )
  const excludeField = top.get('exclude-principals')
  const excludePrincipals = excludeField ? readExcludes(r, excludeField) : []
  const ignoreField = top.get('ignore')
  const ignore = ignoreField ? readIgnore(r, ignoreField) : []
  const accountsField = top.get('accounts')
  const accounts = accountsField ? readAccounts(r, accountsField) : new Map<string, AccountConfig>()

  const config = {
    file,
    cloudTrail,
    includeServiceLevelTemplate,
    principals,
    terraform,
    cloudFormation,
    excludePrincipals,
    ignore,
    accounts,
  }
  // With problems, what could be read is still given (`partial`): the sources it names can be checked too.
  return problems.length > 0 ? { partial: config, problems } : { config, problems }
}

function readRegions(r: YamlReader, fields: Map<string, Field>, owner: Field): Omit<TrailConfig, 'arn'> {
  const regionsField = fields.get('regions')
  const allField = fields.get('all-regions')
  const regions = regionsField
    ? (r.list(regionsField, 'region codes', true) ?? [])
        .map((f) => r.string(f, 'a region code such as us-east-1', isRegion))
        .filter((v) => v !== undefined)
    : []
  // Without either key the trail is read in all its regions: what an organisation trail records.
  const allRegions = allField ? (r.boolean(allField) ?? true) : !regionsField
  if (allRegions && regionsField) {
    r.report(owner, `${owner.path}: give either all-regions: true or regions:, not both`)
  } else if (!allRegions && regionsField && regions.length === 0) {
    r.report(regionsField, `${regionsField.path}: expected at least one region code`)
  } else if (!allRegions && !regionsField) {
    r.report(owner, `${owner.path}: all-regions is false, so regions: must list the regions to read`)
  }
  return { allRegions, regions }
}

function readCloudTrail(r: YamlReader, field: Field): CloudTrailConfig | undefined {
  const fields = r.map(field, CLOUDTRAIL_KEYS)
  if (!fields) return undefined
  const trails: TrailConfig[] = []
  const single = fields.get('trail-arn')
  const list = fields.get('trails')
  if (single && list) {
    r.report(list, `${list.path}: give either trail-arn (one trail) or trails (a list), not both`)
  } else if (single) {
    const arn = r.string(single, EXPECT_TRAIL, isTrailArn)
    const regions = readRegions(r, fields, field)
    if (arn) trails.push({ arn, ...regions })
  } else if (list) {
    for (const [key, value] of fields) {
      if (key === 'regions' || key === 'all-regions') {
        r.report(value, `${value.path}: with trails:, set ${key} on each trail`)
      }
    }
    const items = r.list(list, 'trails ({arn, regions | all-regions})')
    if (items?.length === 0) r.report(list, `${list.path}: expected at least one trail`)
    for (const item of items ?? []) {
      const trail = r.map(item, TRAIL_KEYS)
      if (!trail) continue
      const arnField = trail.get('arn')
      if (!arnField) r.report(item, `${item.path}: arn is required`)
      const arn = arnField && r.string(arnField, EXPECT_TRAIL, isTrailArn)
      const regions = readRegions(r, trail, item)
      if (arn) trails.push({ arn, ...regions })
    }
  } else {
    r.report(field, `${field.path}: trail-arn (or a trails: list) is required`)
  }

  const roleField = fields.get('access-role-arn')
  if (!roleField) r.report(field, `${field.path}: access-role-arn is required (${EXPECT_ROLE})`)
  const accessRoleArn = roleField && r.string(roleField, EXPECT_ROLE, isRoleArn)
  const lookbackField = fields.get('lookback-days')
  const lookbackDays = lookbackField
    ? r.integer(lookbackField, 1, 90, ' (Access Analyzer reads at most 90 days of CloudTrail)')
    : 30
  const dataEventsField = fields.get('data-events')
  const dataEvents = dataEventsField
    ? (r.list(dataEventsField, 'service prefixes', true) ?? []).flatMap((f) => {
        const value = r.string(f, 'a service prefix such as s3, lambda or dynamodb', (v) =>
          /^[a-z0-9-]+$/.test(v),
        )
        return value ? [value] : []
      })
    : []
  if (!accessRoleArn || lookbackDays === undefined) return undefined
  return { trails, accessRoleArn, lookbackDays, dataEvents }
}

const ACCOUNT_KEYS = ['role-arn', 'cloudtrail']

/** `accounts:`: a mapping of quoted 12-digit account ids to `{ role-arn, cloudtrail? }`. */
function readAccounts(r: YamlReader, field: Field): Map<string, AccountConfig> {
  const accounts = new Map<string, AccountConfig>()
  if (!isMap(field.node)) {
    r.report(
      field,
      'accounts: expected a mapping of account ids ("444455556666") to { role-arn, cloudtrail }',
    )
    return accounts
  }
  for (const pair of field.node.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined
    // As written: an unquoted 012345678901 is the number 12345678901 to YAML.
    const account = isScalar(pair.key) ? (pair.key.source ?? String(key)) : String(key)
    const path = `accounts.${account}`
    if (typeof key !== 'string' || !isAccountId(key)) {
      r.report(
        pair,
        typeof key === 'number'
          ? `${path}: quote the account id ("${account}"): unquoted, YAML reads it as a number (and drops leading zeros)`
          : `${path}: expected a 12-digit account id such as "444455556666"`,
      )
      continue
    }
    const entry: Field = { node: (pair.value as Node | null) ?? null, path }
    const fields = r.map(entry, ACCOUNT_KEYS)
    if (!fields) continue
    const roleField = fields.get('role-arn')
    if (!roleField) {
      r.report(
        entry,
        `${path}: role-arn is required (the role to assume in ${key}, such as arn:aws:iam::${key}:role/iam-policy-drift)`,
      )
      continue
    }
    const roleArn = r.string(
      roleField,
      `an IAM role ARN in account ${key}, such as arn:aws:iam::${key}:role/iam-policy-drift`,
      (v) => isRoleArn(v) && v.split(':')[4] === key,
    )
    const trailField = fields.get('cloudtrail')
    const cloudTrail = trailField ? readCloudTrail(r, trailField) : undefined
    if (roleArn && (!trailField || cloudTrail))
      accounts.set(key, { account: key, roleArn, cloudTrail, line: r.positionOf(pair).line ?? 1 })
  }
  return accounts
}

function readPrincipals(r: YamlReader, field: Field | undefined, discovered: boolean): PrincipalConfig[] {
  if (!field) {
    // With infrastructure code, principals are discovered: a list of them is optional.
    if (discovered) return []
    r.problems.push({
      file: r.file,
      line: 1,
      message:
        'principals: is required: list the roles and users to check, or name Terraform code (terraform:) or CloudFormation templates (cloudformation:)',
    })
    return []
  }
  const items = r.list(field, 'principals ({arn, policies})')
  if (items?.length === 0) r.report(field, 'principals: expected at least one principal')
  const seen = new Map<string, number>()
  const principals: PrincipalConfig[] = []
  for (const item of items ?? []) {
    const fields = r.map(item, PRINCIPAL_KEYS)
    if (!fields) continue
    const line = r.positionOf(item.node).line ?? 1
    const arnField = fields.get('arn')
    const policiesField = fields.get('policies')
    if (!arnField) r.report(item, `${item.path}: arn is required (${EXPECT_PRINCIPAL})`)
    if (!policiesField)
      r.report(item, `${item.path}: policies is required: the policy files of this principal`)
    const arn = arnField && r.string(arnField, EXPECT_PRINCIPAL, isPrincipalArn)
    if (arn && arnField) {
      const earlier = seen.get(arn)
      if (earlier !== undefined)
        r.report(arnField, `${arnField.path}: ${arn} is already listed on line ${earlier}`)
      seen.set(arn, line)
    }
    const policies = policiesField ? readGlobs(r, policiesField, line, POLICY_GLOB) : []
    if (arn) principals.push({ arn, line, policies })
  }
  return principals
}

const POLICY_GLOB = 'a file glob relative to the workspace, such as iam/app/*.json'
const TEMPLATE_GLOB = 'a glob of YAML or JSON templates, such as stacks/*.yml'
const PLAN_GLOB = 'a glob of plan JSON files, such as infra/prod/plan.json'

/**
 * A glob or a list of them, each with its line: files to read, and exclusions (`!iam/legacy/**`) from
 * those the globs before them match.
 */
function readGlobs(r: YamlReader, field: Field, line: number, expected: string): PolicyGlob[] {
  const globs = r.list(field, 'file globs', true)
  // Not a list is said once (r.list): not also "at least one".
  if (field.node && globs?.length === 0) r.report(field, `${field.path}: expected at least one glob`)
  return (globs ?? []).flatMap((g) => {
    const pattern = r.string(g, expected)
    return pattern ? [{ pattern, line: r.positionOf(g.node).line ?? line }] : []
  })
}

function readTerraform(r: YamlReader, field: Field): TerraformConfig[] {
  const entries: TerraformConfig[] = []
  // Not a list (`terraform:` with nothing under it) is said once: not also "at least one entry".
  const items = r.list(field, 'Terraform sources ({plan, root, account})')
  if (items?.length === 0) r.report(field, `${field.path}: expected at least one entry`)
  for (const item of items ?? []) {
    const fields = r.map(item, TERRAFORM_KEYS)
    if (!fields) continue
    const line = r.positionOf(item.node).line ?? 1
    const planField = fields.get('plan')
    const rootField = fields.get('root')
    const accountField = fields.get('account')
    if (!planField && !rootField)
      r.report(
        item,
        `${item.path}: give plan: (terraform show -json output) or root: (the .tf files), or both`,
      )
    const plans = planField && readGlobs(r, planField, line, PLAN_GLOB)
    const plan = plans?.length ? plans : undefined
    const expected =
      'a directory inside the workspace, such as infra/prod, or a glob of directories such as envs/*'
    const listed = isSeq(rootField?.node)
    const items = rootField ? (r.list(rootField, 'directory globs', true) ?? []) : []
    const globs = items.flatMap((g) => {
      const pattern = r.string(g, expected, (v) => !leavesWorkspace(v.startsWith('!') ? v.slice(1) : v))
      return pattern ? [{ pattern, line: r.positionOf(g.node).line ?? line }] : []
    })
    const roots = globs.map((g) => g.pattern)
    // A root said to be wrong is not read in its stead: the workspace's top would be.
    let rootWrong = roots.length < items.length
    if (rootField && isSeq(rootField.node) && rootField.node.items.length === 0) {
      r.report(rootField, `${rootField.path}: expected at least one glob`)
      rootWrong = true
    } else if (rootField && roots.length > 0 && roots.every((root) => root.startsWith('!'))) {
      r.report(
        rootField,
        `${rootField.path}: ${roots.map((root) => quote(root)).join(', ')} only excludes; expected the directories to read first, such as ["envs/*", "!envs/legacy"]`,
      )
      rootWrong = true
    }
    if (listed && planField && rootField) {
      r.report(
        rootField,
        `${rootField.path}: a list is not valid with plan:; expected the one directory of that plan's configuration (a list of directories is taken without plan:)`,
      )
      rootWrong = true
    }
    if (rootWrong) continue
    const account = accountField && readAccount(r, accountField)
    entries.push({
      plan,
      root: roots.find((root) => !root.startsWith('!')),
      ...(listed && { roots: globs }),
      account: account || undefined,
      line,
    })
  }
  return entries
}

function readCloudFormation(r: YamlReader, field: Field): CloudFormationConfig[] {
  const entries: CloudFormationConfig[] = []
  const items = r.list(
    field,
    'CloudFormation sources ({template | cdk-out, stack-name, account, region, parameters})',
  )
  if (items?.length === 0) r.report(field, `${field.path}: expected at least one entry`)
  for (const item of items ?? []) {
    const fields = r.map(item, CLOUDFORMATION_KEYS)
    if (!fields) continue
    const line = r.positionOf(item.node).line ?? 1
    const templateField = fields.get('template')
    const cdkField = fields.get('cdk-out')
    if (!templateField === !cdkField) {
      r.report(
        item,
        `${item.path}: give template: (a glob of YAML or JSON templates, such as stacks/*.yml) or cdk-out: (a CDK cloud assembly directory, such as cdk.out)${templateField ? ', not both' : ''}`,
      )
      continue
    }
    const template = templateField && readGlobs(r, templateField, line, TEMPLATE_GLOB)
    const cdkOut =
      cdkField &&
      r.string(cdkField, 'a directory inside the workspace, such as cdk.out', (v) => !leavesWorkspace(v))
    // One assembly per entry: its stack-name:, account: and region: are that app's, and a pull request's
    // base revision is read as deployed assembly by assembly.
    if (cdkField && cdkOut && /[*?]/.test(cdkOut)) {
      r.report(
        cdkField,
        `${cdkField.path}: ${quote(cdkOut)} is a glob; cdk-out: names one cloud assembly directory, such as cdk.out: give each assembly as an entry of its own`,
      )
      continue
    }
    const stackField = fields.get('stack-name')
    const stackName =
      stackField &&
      r.string(stackField, 'a stack name (letters, digits and hyphens, starting with a letter)', (v) =>
        /^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(v),
      )
    const accountField = fields.get('account')
    const account = accountField && readAccount(r, accountField)
    const regionField = fields.get('region')
    const region = regionField && r.string(regionField, 'a region code such as us-east-1', isRegion)
    const parametersField = fields.get('parameters')
    const parameters = parametersField ? readParameters(r, parametersField) : new Map<string, string>()
    if (!template?.length && !cdkOut) continue
    entries.push({
      template: template?.length ? template : undefined,
      cdkOut: cdkOut || undefined,
      stackName: stackName || undefined,
      account: account || undefined,
      region: region || undefined,
      parameters,
      line,
    })
  }
  return entries
}

/** A template's parameter values: scalars as text, a list (for a list parameter) comma-joined. */
function readParameters(r: YamlReader, field: Field): Map<string, string> {
  const parameters = new Map<string, string>()
  if (!isMap(field.node)) {
    r.report(field, `${field.path}: expected a mapping of parameter names to values`)
    return parameters
  }
  for (const pair of field.node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
    const value = pair.value
    const scalar = isScalar(value) ? value.value : undefined
    if (typeof scalar === 'string' || typeof scalar === 'number' || typeof scalar === 'boolean')
      parameters.set(key, String(scalar))
    else if (isSeq(value) && value.items.every(isScalar))
      parameters.set(key, value.items.map((item) => String(item.value)).join(','))
    else
      r.report(
        {
          node: isScalar(value) || isSeq(value) || isMap(value) ? value : null,
          path: `${field.path}.${key}`,
        },
        `${field.path}.${key}: expected a value (a string, a number, or a list for a list parameter)`,
      )
  }
  return parameters
}

/** A 12-digit account id; YAML reads an unquoted one as a number, which is fine unless it lost a leading 0. */
function readAccount(r: YamlReader, field: Field): string | undefined {
  const value = isScalar(field.node) ? field.node.value : undefined
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : value
  if (typeof text === 'string' && isAccountId(text)) return text
  r.report(
    field,
    `${field.path}: ${JSON.stringify(value ?? null)} is not valid; expected a 12-digit account id in quotes, such as "111122223333"`,
  )
  return undefined
}

/** `count` things said as more than a config takes, when it is more than `max`; else undefined. */
function beyond(count: number, max: number, things: string): string | undefined {
  return count > max
    ? `${thousands(count)} ${things}, more than a config takes (${thousands(max)})`
    : undefined
}

/** The most `exclude-principals:` patterns a config holds: each principal is tried against each. */
const MAX_EXCLUDE_PATTERNS = 1_000

function readExcludes(r: YamlReader, field: Field): ExcludePattern[] {
  const items = r.list(field, 'ARN patterns such as arn:aws:iam::*:role/aws-service-role/*', true) ?? []
  const tooMany = beyond(items.length, MAX_EXCLUDE_PATTERNS, 'patterns')
  if (tooMany) {
    r.report(
      field,
      `exclude-principals: ${tooMany}; leave principals out by pattern (arn:aws:iam::*:role/aws-service-role/*) rather than one by one`,
    )
    return []
  }
  return items.flatMap((item) => {
    const pattern = r.string(
      item,
      'an ARN pattern such as arn:aws:iam::*:role/aws-service-role/*',
      (v) => /^arn:[^:]*:iam::[^:]*:(role|user|group|policy|\*)/.test(v) || v.includes('*'),
    )
    return pattern ? [{ pattern, line: r.positionOf(item.node).line ?? 1 }] : []
  })
}

/**
 * The most `ignore:` entries a config holds. Each finding's actions are tried against each entry once
 * per action: 5,000 entries against the 22,000 actions `*` grants took 21 s, and a config of 16 MiB holds
 * 450,000. A list of accepted findings longer than this is no longer one a person reviews.
 */
const MAX_IGNORE_ENTRIES = 1_000

function readIgnore(r: YamlReader, field: Field): IgnoreRule[] {
  const rules: IgnoreRule[] = []
  const items = r.list(field, 'accepted findings ({principal, action, kind, reason})') ?? []
  const tooMany = beyond(items.length, MAX_IGNORE_ENTRIES, 'entries')
  if (tooMany) {
    r.report(
      field,
      `ignore: ${tooMany}; accept findings by pattern (s3:Get*, or a principal with action: "*") rather than one by one`,
    )
    return rules
  }
  for (const item of items) {
    const fields = r.map(item, IGNORE_KEYS)
    if (!fields) continue
    const line = r.positionOf(item.node).line ?? 1
    const principalField = fields.get('principal')
    const principal = principalField && r.string(principalField, EXPECT_IDENTITY, isIdentityArn)
    const actionField = fields.get('action')
    if (!actionField)
      r.report(item, `${item.path}: action is required (an IAM action or pattern, such as s3:Get*)`)
    const action =
      actionField &&
      r.string(actionField, 'an IAM action or pattern such as s3:GetObject, s3:Get* or *', (v) =>
        ACTION.test(v),
      )
    const kindField = fields.get('kind')
    const kind =
      kindField &&
      r.string(kindField, `one of ${Object.keys(FINDING_KINDS).join(', ')}`, (v) => isFindingKind(v))
    const reasonField = fields.get('reason')
    if (!reasonField) r.report(item, `${item.path}: reason is required: say why this finding is accepted`)
    const reason = reasonField && r.string(reasonField, 'a sentence saying why this finding is accepted')
    if (action && reason) {
      rules.push({
        action,
        reason,
        line,
        ...(principal && { principal }),
        ...(kind && { kind: kind as FindingKind }),
      })
    }
  }
  return rules
}
