/**
 * Actions that let a principal give itself (or a principal it controls) more permissions than it was
 * granted: the single-permission paths, and the enablers of the multi-permission ones.
 *
 * Sources:
 * - Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and Mitigation" (Spencer Gietzen,
 *   2018), methods 1–21: https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
 * - Bishop Fox, "iam-vulnerable" (2021), the 31 exploitable paths it builds:
 *   https://github.com/BishopFox/iam-vulnerable
 * - AWS IAM User Guide, "Permissions boundaries for IAM entities": deleting or replacing a boundary
 *   lifts the ceiling it sets.
 *
 * Keys are lower case: IAM action names are case-insensitive. Values say why, for the finding message.
 */
export const ESCALATION_ACTIONS: ReadonlyMap<string, string> = new Map([
  ['iam:passrole', 'hands a more privileged role to a service the principal controls (EC2, Lambda, Glue, …)'],
  ['iam:createpolicyversion', 'rewrites a managed policy, and can make the new version the default'],
  ['iam:setdefaultpolicyversion', 'switches a managed policy to a more permissive existing version'],
  ['iam:createaccesskey', 'creates access keys for other users and acts as them'],
  ['iam:createloginprofile', 'sets a console password for a user that has none and signs in as it'],
  ['iam:updateloginprofile', "changes another user's console password"],
  ['iam:attachuserpolicy', 'attaches any managed policy (AdministratorAccess) to a user'],
  ['iam:attachgrouppolicy', 'attaches any managed policy to a group the principal is in'],
  ['iam:attachrolepolicy', 'attaches any managed policy to a role the principal can assume'],
  ['iam:putuserpolicy', 'writes an arbitrary inline policy on a user'],
  ['iam:putgrouppolicy', 'writes an arbitrary inline policy on a group'],
  ['iam:putrolepolicy', 'writes an arbitrary inline policy on a role'],
  ['iam:addusertogroup', 'joins a more privileged group'],
  ['iam:updateassumerolepolicy', "rewrites a role's trust policy so the principal can assume it"],
  ['iam:deleteuserpermissionsboundary', 'removes the permissions boundary that caps a user'],
  ['iam:deleterolepermissionsboundary', 'removes the permissions boundary that caps a role'],
  ['iam:putuserpermissionsboundary', "replaces a user's permissions boundary with a wider one"],
  ['iam:putrolepermissionsboundary', "replaces a role's permissions boundary with a wider one"],
  ['sts:assumerole', 'assumes any role whose trust policy allows the account'],
  ['lambda:updatefunctioncode', 'runs its own code as the execution role of an existing function'],
  ['glue:updatedevendpoint', 'adds its SSH key to a Glue development endpoint and acts as its role'],
  ['ssm:sendcommand', 'runs commands on instances as their instance profile role'],
  [
    'ec2:modifyinstanceattribute',
    "replaces an instance's user data, which runs as its instance profile role",
  ],
  ['cloudformation:updatestack', 'changes a stack so that its (more privileged) service role acts'],
])

/** Why `action` (any case) allows privilege escalation, or undefined when it is not known to. */
export function escalationReason(action: string): string | undefined {
  return ESCALATION_ACTIONS.get(action.toLowerCase())
}

/** The services of ESCALATION_ACTIONS: a grant's other actions are passed over without a lookup. */
const ESCALATION_SERVICES: ReadonlySet<string> = new Set(
  [...ESCALATION_ACTIONS.keys()].map((a) => a.slice(0, a.indexOf(':'))),
)

/** Whether a catalog action (its service as the catalog spells it) allows privilege escalation. */
export function escalates(action: { readonly service: string; readonly name: string }): boolean {
  return ESCALATION_SERVICES.has(action.service) && ESCALATION_ACTIONS.has(action.name.toLowerCase())
}

/**
 * Escalation paths that take several permissions, each harmless alone: iam:PassRole on a role together
 * with the permission to make a service act as it. Flagged when the principal is granted all of them,
 * on any resource (a named role may be an administrator's).
 *
 * Source: Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and Mitigation", methods 3, 15,
 * 16, 18, 20 and 21 (https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/).
 */
export const ESCALATION_COMBINATIONS: readonly {
  readonly actions: readonly string[]
  /** The service the role is passed to: a PassRole pinned (iam:PassedToService) to others is no path. */
  readonly passedTo: string
  readonly reason: string
}[] = [
  {
    actions: ['iam:PassRole', 'ec2:RunInstances'],
    passedTo: 'ec2.amazonaws.com',
    reason: 'starts an instance with the passed role and reads its credentials',
  },
  {
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
    passedTo: 'lambda.amazonaws.com',
    reason: 'creates a function that runs as the passed role, and invokes it',
  },
  {
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
    passedTo: 'lambda.amazonaws.com',
    reason: 'creates a function that runs as the passed role, and has an event source invoke it',
  },
  {
    actions: ['iam:PassRole', 'glue:CreateDevEndpoint'],
    passedTo: 'glue.amazonaws.com',
    reason: 'creates a Glue development endpoint with the passed role and logs in to it',
  },
  {
    actions: ['iam:PassRole', 'cloudformation:CreateStack'],
    passedTo: 'cloudformation.amazonaws.com',
    reason: 'creates a stack whose service role (the passed role) creates what the template says',
  },
  {
    actions: ['iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition'],
    passedTo: 'datapipeline.amazonaws.com',
    reason: 'creates a pipeline that runs commands as the passed role',
  },
]

/** Every action some escalation combination takes, in lower case. */
export const COMBINATION_PARTS: readonly string[] = [
  ...new Set(ESCALATION_COMBINATIONS.flatMap((c) => c.actions.map((a) => a.toLowerCase()))),
]

/** The services of COMBINATION_PARTS, as the catalog spells them. */
const COMBINATION_SERVICES: ReadonlySet<string> = new Set(
  COMBINATION_PARTS.map((a) => a.slice(0, a.indexOf(':'))),
)

/** Whether a catalog action (its service as the catalog spells it) is a permission of an escalation combination. */
export function combines(action: { readonly service: string; readonly name: string }): boolean {
  return COMBINATION_SERVICES.has(action.service) && COMBINATION_PARTS.includes(action.name.toLowerCase())
}

/**
 * Condition keys that pin an escalation action to fixed values (StringEquals/ArnEquals with no
 * wildcard): the action is then limited to what they name, a lesser risk. Source: AWS IAM User Guide,
 * "Granting a user permissions to pass a role to an AWS service" (iam:PassedToService,
 * iam:AssociatedResourceArn) and "IAM condition keys" (iam:PolicyARN).
 */
const PINNING_KEYS: ReadonlyMap<string, readonly string[]> = new Map([
  ['iam:passedtoservice', ['iam:passrole']],
  ['iam:associatedresourcearn', ['iam:passrole']],
  ['iam:policyarn', ['iam:attachuserpolicy', 'iam:attachgrouppolicy', 'iam:attachrolepolicy']],
])

/**
 * The escalation actions (lower case) a condition key (lower case) pins when compared with fixed
 * values: PINNING_KEYS; the tags of the resource acted on, which limit an action to the resources so
 * tagged — `aws:ResourceTag/…` every escalation action's, a service's own (`iam:ResourceTag/…`,
 * `ec2:ResourceTag/…`, `ssm:resourceTag/…`) that service's (IAM's for sts:AssumeRole too: a role's
 * tags), as AWS CDK Pipelines limits sts:AssumeRole to its bootstrap roles (Service Authorization
 * Reference: each resource type's condition keys); and `aws:CalledVia…`, which limits an action to
 * requests a named service makes for the principal (AWS's managed policies, through CloudFormation).
 */
export function actionsPinnedBy(key: string): readonly string[] {
  const pinned = PINNING_KEYS.get(key)
  if (pinned) return pinned
  if (CALLED_VIA.test(key)) return ALL_ESCALATING
  const tagged = taggingService(key)
  if (tagged === undefined) return NOT_PINNED
  if (tagged === 'aws') return ALL_ESCALATING
  let actions = BY_TAG_SERVICE.get(tagged)
  if (!actions) {
    actions = ALL_ESCALATING.filter(
      (a) => a.startsWith(`${tagged}:`) || (tagged === 'iam' && a === 'sts:assumerole'),
    )
    BY_TAG_SERVICE.set(tagged, actions)
  }
  return actions
}
const BY_TAG_SERVICE = new Map<string, readonly string[]>()

/** For a key (lower case) naming a tag of the resource acted on, its service (`aws`, `iam`, `ec2`, …). */
export function taggingService(key: string): string | undefined {
  return RESOURCE_TAG.exec(key)?.[1]
}
const RESOURCE_TAG = /^([a-z0-9-]+):resourcetag\/./
const CALLED_VIA = /^aws:calledvia(?:first|last)?$/
const ALL_ESCALATING: readonly string[] = [...ESCALATION_ACTIONS.keys()]

/**
 * Whether every request of the actions a key pins carries the key, so that `…IfExists` compares it as
 * the operator without the suffix does: a role is always passed to some service (iam:PassedToService)
 * and a policy is always attached by its ARN (iam:PolicyARN), as AWS's own managed policies rely on
 * (`StringEqualsIfExists` / `StringLikeIfExists` on iam:PassedToService in over 20 of them). A role's
 * tags and iam:AssociatedResourceArn may be absent: there `…IfExists` is true without them.
 */
export function alwaysPresent(key: string): boolean {
  return key === 'iam:passedtoservice' || key === 'iam:policyarn'
}
const NOT_PINNED: readonly string[] = []
