// The physical names of the roles and users a CloudFormation stack created without a RoleName /
// UserName (CloudFormation names them `<stack>-<LogicalId>-<suffix>`): read from the deployed stack
// with cloudformation:DescribeStackResources, so their usage can be asked for.
import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation'
import type { DiscoveredPrincipal } from '../sources/policy-source.js'
import type { Logger } from '../vocabulary/logger.js'
import type { CredentialSource } from './credentials.js'

/** A stack's resources by logical id: physical id, and the stack's account (from its StackId). */
interface StackResources {
  readonly account: string | undefined
  readonly physical: ReadonlyMap<string, string>
}

/**
 * The principals with the names the stack gave them: each CloudFormation principal without a name of
 * its own whose entry has `stack-name`. One DescribeStackResources per stack. A logical id the stack
 * does not have (a role this change adds) is `new`; a stack that cannot be read leaves its principals
 * to the static checks, with one warning saying why.
 */
export async function resolveStackNames(
  principals: readonly DiscoveredPrincipal[],
  request: { readonly region: string; readonly credentials: CredentialSource | undefined },
  logger: Logger,
): Promise<DiscoveredPrincipal[]> {
  const wanted = new Set<string>()
  for (const p of principals)
    if (unnamed(p) && p.source.kind === 'cloudformation' && p.source.stackName) wanted.add(p.source.stackName)
  if (wanted.size === 0) return [...principals]
  const client = new CloudFormationClient({
    region: request.region,
    maxAttempts: 3,
    ...(request.credentials && { credentials: request.credentials }),
  })
  const stacks = new Map<string, StackResources>()
  try {
    for (const stackName of wanted) {
      try {
        const { StackResources = [] } = await client.send(
          new DescribeStackResourcesCommand({ StackName: stackName }),
        )
        const account = StackResources[0]?.StackId?.split(':')[4]
        const physical = new Map<string, string>()
        for (const r of StackResources)
          if (r.LogicalResourceId && r.PhysicalResourceId)
            physical.set(r.LogicalResourceId, r.PhysicalResourceId)
        stacks.set(stackName, { account, physical })
        logger.info(`Stack ${stackName}: ${physical.size} resource(s), the names of its roles read`)
      } catch (error) {
        logger.warning(
          `The resources of stack ${stackName} could not be read (${(error as Error).name}: ${(error as Error).message}), so its ` +
            "roles without a RoleName are judged by the static checks alone. Give the workflow's role cloudformation:DescribeStackResources " +
            '(examples/aws has it), and check the stack name and region.',
        )
      }
    }
  } finally {
    client.destroy()
  }
  return principals.map((p) => {
    if (!unnamed(p) || p.source.kind !== 'cloudformation' || !p.source.stackName) return p
    const stack = stacks.get(p.source.stackName)
    if (!stack) return p
    const name = stack.physical.get(p.source.logicalId)
    if (!name) return { ...p, lifecycle: 'new' as const }
    const arn = p.arn
      .replace(`\${${p.source.logicalId}}`, name)
      .replace('${AWS::AccountId}', stack.account ?? '${AWS::AccountId}')
    return { ...p, arn, lifecycle: arn.includes('${') ? p.lifecycle : ('exists' as const) }
  })
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
