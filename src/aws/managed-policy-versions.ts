// The current default version of AWS managed policies (iam:GetPolicy, iam:GetPolicyVersion), in place
// of the build-time snapshot, when the workflow's role may read them. AWS updates managed policies
// without notice; the snapshot can be months old.
import { GetPolicyCommand, GetPolicyVersionCommand, IAMClient } from '@aws-sdk/client-iam'
import type { Logger } from '../vocabulary/logger.js'
import type { CredentialSource } from './credentials.js'

/** A managed policy's current document (JSON text) and its version id. */
export interface CurrentPolicy {
  readonly document: string
  readonly versionId: string
}

/**
 * The current documents of these AWS managed policies, by ARN. A policy the role may not read (or that
 * the call fails for) is left out, with one warning for all of them: the snapshot stands in.
 */
export async function fetchManagedPolicies(
  arns: readonly string[],
  request: { readonly region: string; readonly credentials: CredentialSource | undefined },
  logger: Logger,
): Promise<Map<string, CurrentPolicy>> {
  const client = new IAMClient({
    region: request.region,
    maxAttempts: 3,
    ...(request.credentials && { credentials: request.credentials }),
  })
  const current = new Map<string, CurrentPolicy>()
  const failed: string[] = []
  try {
    for (const arn of arns) {
      try {
        const { Policy } = await client.send(new GetPolicyCommand({ PolicyArn: arn }))
        const versionId = Policy?.DefaultVersionId
        if (!versionId) throw new Error('GetPolicy returned no default version')
        const { PolicyVersion } = await client.send(
          new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId }),
        )
        if (!PolicyVersion?.Document) throw new Error('GetPolicyVersion returned no document')
        // IAM returns the document URL-encoded (RFC 3986).
        current.set(arn, { document: decodeURIComponent(PolicyVersion.Document), versionId })
      } catch (error) {
        failed.push(`${arn} (${(error as Error).name}: ${(error as Error).message})`)
      }
    }
  } finally {
    client.destroy()
  }
  if (failed.length > 0) {
    logger.warning(
      `The current version of ${failed.length} AWS managed polic${failed.length === 1 ? 'y' : 'ies'} could not be read, so the ` +
        `snapshot built into the action is used: ${failed.join('; ')}. Give the workflow's role iam:GetPolicy and ` +
        'iam:GetPolicyVersion on arn:aws:iam::aws:policy/* (examples/aws has them).',
    )
  }
  return current
}
