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
