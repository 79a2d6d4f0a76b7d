// The physical names of the roles and users a CloudFormation stack created without a RoleName /
// UserName (CloudFormation names them `<stack>-<LogicalId>-<suffix>`): read from the deployed stack
// with cloudformation:DescribeStackResources, so their usage can be asked for.
import { type CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation'
import type { DiscoveredPrincipal } from '../sources/policy-source.js'
import { accountOf, isAccountId, isPolicyArn } from '../vocabulary/accounts.js'
import type { Logger } from '../vocabulary/logger.js'
import type { CredentialsFor } from './account-sessions.js'
import { cloudFormationClients } from './cloudformation-clients.js'

/** A stack's resources by logical id: physical id, and the stack's account (from its StackId). */
interface StackResources {
  readonly account: string | undefined
  readonly physical: ReadonlyMap<string, string>
}

/**
 * The principals with the names the stack gave them: each CloudFormation principal without a name of
 * its own whose entry has `stack-name` — in that stack, or in a stack it nests (found by the nested
 * stack resources' logical ids, each nested stack read by the id CloudFormation gave it). One
 * DescribeStackResources per stack. A logical id the stack does not have (a role, or a nested stack,
 * this change adds) is `new`; a stack that cannot be read leaves its principals to the static checks,
 * with one warning saying why.
 */
export async function resolveStackNames(
  principals: readonly DiscoveredPrincipal[],
  request: { readonly region: string; readonly credentialsFor: CredentialsFor },
  logger: Logger,
): Promise<DiscoveredPrincipal[]> {
  if (!principals.some((p) => stackOf(p) !== undefined)) return [...principals]
  // A client per account and region: a stack is read in its own region (its entry's region:, its CDK
  // environment's), and in another account through that account's accounts: role, as its usage is.
  const clients = cloudFormationClients(request.credentialsFor)
  // Each stack read once, whichever principals ask (null: it could not be read).
  const read = new Map<string, Promise<StackResources | null>>()
  const describe = (account: string | undefined, region: string, stackName: string, label: string) => {
    const key = `${account ?? ''}/${region}\u0000${stackName}`
    let pending = read.get(key)
    if (!pending) {
      const client = clients.clientIn(account, region) ?? Promise.reject(new NoRoute(account as string))
      pending = describeStack(client, stackName, label, logger)
      read.set(key, pending)
    }
    return pending
  }
  try {
    const resolved: DiscoveredPrincipal[] = []
    for (const p of principals) {
      const stack = stackOf(p)
      if (!stack || p.source.kind !== 'cloudformation') {
        resolved.push(p)
        continue
      }
      const region = p.source.stackRegion ?? request.region
      // The account the template's ARN names (its entry's account:, its CDK environment's), if any.
      const account = isAccountId(accountOf(p.arn)) ? accountOf(p.arn) : undefined
      // Down the nested stacks: each one's physical id in its parent is the stack to read next.
      let resources = await describe(account, region, stack.name, stack.name)
      let label = stack.name
      for (const id of stack.path) {
        const nested = resources?.physical.get(id)
        label = `${label} > ${id}`
        resources =
          nested === undefined ? resources && MISSING : await describe(account, region, nested, label)
      }
      if (!resources) {
        resolved.push(p)
        continue
      }
      const name = resources.physical.get(p.source.logicalId)
      if (!name) {
        resolved.push({ ...p, lifecycle: 'new' as const })
        continue
      }
      // A managed policy's physical id is its ARN; a role's or user's, its name.
      const arn =
        isPolicyArn(p.arn) && name.startsWith('arn:')
          ? name
          : p.arn
              .replace(`\${${p.source.logicalId}}`, name)
              .replace('${AWS::AccountId}', resources.account ?? '${AWS::AccountId}')
      resolved.push({ ...p, arn, lifecycle: arn.includes('${') ? p.lifecycle : ('exists' as const) })
    }
    return resolved
  } finally {
    await clients.destroy()
  }
}

/** A nested stack the parent stack does not have yet: whatever is in it is new. */
const MISSING: StackResources = { account: undefined, physical: new Map() }

/** The stack whose resources name a principal, and the nested stacks down to its own; undefined: none. */
function stackOf(p: DiscoveredPrincipal): { name: string; path: readonly string[] } | undefined {
  if (!unnamed(p) || p.source.kind !== 'cloudformation') return undefined
  const { nestedIn, stackName } = p.source
  if (nestedIn) return nestedIn.stackName ? { name: nestedIn.stackName, path: nestedIn.path } : undefined
  return stackName ? { name: stackName, path: [] } : undefined
}

/** An account the run has no role in: the config's accounts: does not name it. */
class NoRoute extends Error {
  constructor(readonly account: string) {
    super(`account ${account} has no accounts: entry`)
  }
}

async function describeStack(
  client: Promise<CloudFormationClient>,
  stackName: string,
  label: string,
  logger: Logger,
): Promise<StackResources | null> {
  let reached: CloudFormationClient
  try {
    reached = await client
  } catch (error) {
    logger.warning(
      error instanceof NoRoute
        ? `Stack ${label} is in account ${error.account}, which the config's accounts: does not name, so the names ` +
            'CloudFormation gave its roles are not read, and those roles are judged by the static checks alone. Add ' +
            `accounts: "${error.account}": { role-arn: … } to the config to read them.`
        : `The resources of stack ${label} could not be read: its account's role could not be assumed ` +
            `(${(error as Error).name}: ${(error as Error).message}), so its roles without a RoleName are judged by the ` +
            "static checks alone. The role's trust policy must trust the workflow's role.",
    )
    return null
  }
  try {
    const { StackResources = [] } = await reached.send(
      new DescribeStackResourcesCommand({ StackName: stackName }),
    )
    const account = StackResources[0]?.StackId?.split(':')[4]
    const physical = new Map<string, string>()
    for (const r of StackResources)
      if (r.LogicalResourceId && r.PhysicalResourceId) physical.set(r.LogicalResourceId, r.PhysicalResourceId)
    logger.info(`Stack ${label}: ${physical.size} resource(s), the names of its roles read`)
    return { account, physical }
  } catch (error) {
    logger.warning(
      `The resources of stack ${label} could not be read (${(error as Error).name}: ${(error as Error).message}), so its ` +
        "roles without a RoleName are judged by the static checks alone. Give the workflow's role cloudformation:DescribeStackResources " +
        '(examples/aws has it), and check the stack name and region.',
    )
    return null
  }
}

/**
 * A principal from a template whose ARN the deployed stack completes: CloudFormation chose its name
 * (`${LogicalId}` in the ARN), or the account is not in the config (`${AWS::AccountId}`).
 */
export function unnamed(p: DiscoveredPrincipal): boolean {
  return (
    p.source.kind === 'cloudformation' &&
    p.lifecycle === 'unknown' &&
    (p.arn.includes(`\${${p.source.logicalId}}`) || p.arn.includes('${AWS::AccountId}'))
  )
}
