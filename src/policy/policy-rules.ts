// What an identity policy document may hold: shared by the policy loader's fast and full paths and by
// the config's ignore rules, so the three can never disagree.

/** The `Version` values IAM accepts. */
export const VERSIONS: readonly string[] = ['2012-10-17', '2008-10-17']
export const TOP_KEYS: readonly string[] = ['Version', 'Id', 'Statement']
export const STATEMENT_KEYS: readonly string[] = [
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]
/**
 * `*`, or a service prefix and an action name, either possibly with wildcards. IAM rejects anything else
 * at upload ("Actions/Condition must be prefaced by a vendor"), so it is a load error, not a finding.
 */
export const ACTION = /^(\*|[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]+)$/
/**
 * A statement ID in an IAM policy: letters and digits only. IAM refuses any other policy at upload
 * ("Statement IDs (SID) must be alpha-numeric"); resource policies of other services may differ.
 */
export const SID = /^[0-9A-Za-z]*$/
