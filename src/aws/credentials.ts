import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  type Credentials,
  STSClient,
} from '@aws-sdk/client-sts'
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

/**
 * Credentials as the SDK's clients take them: fixed ones, or a provider the clients ask before each
 * request (which renews them). Undefined elsewhere: the SDK's default chain.
 */
export type CredentialSource = TemporaryCredentials | (() => Promise<TemporaryCredentials>)

/** How long before they expire credentials are renewed: a request signed then still has time to land. */
const RENEW_BEFORE_MS = 5 * 60_000

/**
 * A provider of credentials from `fetch`, which it calls again when they are within five minutes of
 * expiring: a run that waits on jobs for longer than a session lasts (role chaining caps sessions at
 * one hour) keeps working. Callers that ask while a renewal is under way share it; a failed one is
 * retried at the next ask.
 */
export function renewing(
  fetch: () => Promise<TemporaryCredentials>,
  first?: TemporaryCredentials,
  now: () => number = Date.now,
): () => Promise<TemporaryCredentials> {
  let current: Promise<TemporaryCredentials> | undefined = first && Promise.resolve(first)
  let renewAt = first ? expiryOf(first) - RENEW_BEFORE_MS : 0
  return () => {
    if (!current || now() >= renewAt) {
      const next = fetch()
      current = next
      renewAt = Number.POSITIVE_INFINITY
      next.then(
        (c) => {
          if (current === next) renewAt = expiryOf(c) - RENEW_BEFORE_MS
        },
        () => {
          if (current === next) current = undefined
        },
      )
    }
    return current
  }
}

function expiryOf(c: TemporaryCredentials): number {
  return c.expiration?.getTime() ?? Number.POSITIVE_INFINITY
}

/**
 * Credentials for a role of another account, assumed from the run's own (STS AssumeRole: role
 * chaining, one hour at most) and masked like the first session's.
 */
export async function assumeChainedRole(
  request: { readonly roleArn: string; readonly sessionName: string; readonly region: string },
  base: CredentialSource | undefined,
  mask: (secret: string) => void,
): Promise<TemporaryCredentials> {
  const sts = new STSClient({ region: request.region, maxAttempts: 3, ...(base && { credentials: base }) })
  try {
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: request.roleArn,
        RoleSessionName: request.sessionName,
        DurationSeconds: 3600,
      }),
    )
    return maskedCredentials(out.Credentials, mask)
  } finally {
    sts.destroy()
  }
}

function maskedCredentials(c: Credentials | undefined, mask: (secret: string) => void): TemporaryCredentials {
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('STS returned no credentials')
  mask(c.AccessKeyId)
  mask(c.SecretAccessKey)
  mask(c.SessionToken)
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    ...(c.Expiration && { expiration: c.Expiration }),
  }
}

/** What the inputs say about credentials: a role to assume through OIDC, or none (the ambient ones). */
export type CredentialRequest = Pick<Settings, 'roleToAssume' | 'audience' | 'roleSessionName'>

/**
 * Credentials for the run: the role through OIDC when `role-to-assume` is set (assumed now, so a
 * refusal stops the run before anything starts; renewed with a fresh token before they expire), else
 * the SDK's default chain (what aws-actions/configure-aws-credentials set up), represented as undefined.
 */
export async function resolveCredentials(
  request: CredentialRequest,
  region: string,
  deps: CredentialDeps,
): Promise<CredentialSource | undefined> {
  const roleArn = request.roleToAssume
  if (!roleArn) return undefined
  const assume = () =>
    assumeRoleWithOidc(
      { roleArn, audience: request.audience, sessionName: request.roleSessionName, region },
      deps,
    )
  return renewing(assume, await assume())
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
    return maskedCredentials(out.Credentials, deps.mask)
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
