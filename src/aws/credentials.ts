import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import type { Settings } from '../config/inputs.js'
import { ConfigError } from '../vocabulary/problems.js'

/** What getting credentials needs from the outside: injected so tests can give a fake OIDC provider. */
export interface CredentialDeps {
  /** `core.getIDToken`: the GitHub OIDC token for an audience. */
  readonly getIdToken: (audience: string) => Promise<string>
  /** `core.setSecret`: masks a value in every later log line. */
  readonly mask: (secret: string) => void
}

/** Temporary AWS credentials, in the shape the SDK's clients accept. */
export interface TemporaryCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken: string
  readonly expiration?: Date
}

/** What the inputs say about credentials: a role to assume through OIDC, or none (the ambient ones). */
export type CredentialRequest = Pick<Settings, 'roleToAssume' | 'audience' | 'roleSessionName'>

/**
 * Credentials for the run: the role through OIDC when `role-to-assume` is set, else the SDK's default
 * chain (what aws-actions/configure-aws-credentials set up), represented as undefined.
 */
export async function resolveCredentials(
  request: CredentialRequest,
  region: string,
  deps: CredentialDeps,
): Promise<TemporaryCredentials | undefined> {
  if (!request.roleToAssume) return undefined
  return assumeRoleWithOidc(
    {
      roleArn: request.roleToAssume,
      audience: request.audience,
      sessionName: request.roleSessionName,
      region,
    },
    deps,
  )
}

export interface RoleRequest {
  readonly roleArn: string
  readonly audience: string
  readonly sessionName: string
  readonly region: string
}

/**
 * Temporary credentials for `roleArn` through GitHub OIDC and STS AssumeRoleWithWebIdentity, masked
 * before anything could print them. STS is reached at the SDK's endpoint for the region, or at
 * AWS_ENDPOINT_URL_STS, as the SDK resolves it.
 */
export async function assumeRoleWithOidc(
  request: RoleRequest,
  deps: CredentialDeps,
): Promise<TemporaryCredentials> {
  const token = await deps.getIdToken(request.audience)
  // The token is a bearer credential for the role: never let it reach a log.
  deps.mask(token)
  const sts = new STSClient({ region: request.region, maxAttempts: 3 })
  try {
    const out = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: request.roleArn,
        RoleSessionName: request.sessionName,
        WebIdentityToken: token,
        DurationSeconds: 3600,
      }),
    )
    const c = out.Credentials
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
      throw new Error('STS returned no credentials')
    deps.mask(c.AccessKeyId)
    deps.mask(c.SecretAccessKey)
    deps.mask(c.SessionToken)
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      ...(c.Expiration && { expiration: c.Expiration }),
    }
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } }
    if (
      e.name === 'AccessDenied' ||
      e.name === 'AccessDeniedException' ||
      e.name === 'InvalidIdentityToken'
    ) {
      throw new ConfigError([
        {
          message:
            `STS refused to let this workflow assume ${request.roleArn} (${e.name}: ${e.message}). Check the role's ` +
            `trust policy: it must trust the GitHub OIDC provider (token.actions.githubusercontent.com) with ` +
            `"token.actions.githubusercontent.com:aud" = "${request.audience}" and a ` +
            `"token.actions.githubusercontent.com:sub" condition that matches this repository and event ` +
            '(for example repo:OWNER/REPO:pull_request).',
        },
      ])
    }
    throw error
  } finally {
    sts.destroy()
  }
}
