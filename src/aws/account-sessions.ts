// How a run reaches each account: one map of sessions for the whole run. Reading a stack's role names,
// the CDK baseline's deployed templates and the usage of an account's principals all ask it, and a role
// of another account is assumed once, not once by each. Without the AWS SDK: the STS client is loaded
// when a role is first assumed.
import type { CredentialSource } from './credentials.js'

/**
 * How a run reaches `account`: with its own credentials (no account known, or one the config's
 * `accounts:` does not name and the run's own role is in, or may be), through the role `accounts:`
 * names for it, or not at all (null: another account than the run's role's, with no entry).
 */
export function accountRoute<Entry extends { readonly roleArn: string }>(
  account: string | undefined,
  home: string | undefined,
  accounts: ReadonlyMap<string, Entry> | undefined,
): 'own' | Entry | null {
  if (account === undefined) return 'own'
  const entry = accounts?.get(account)
  if (entry) return entry
  return home && account !== home ? null : 'own'
}

/**
 * The credentials for an account: its session's (undefined: the environment's), or null when the run
 * has no role there.
 */
export type CredentialsFor = (account: string | undefined) => Promise<CredentialSource | undefined> | null

/**
 * The credentials for each account a run reaches (`accountRoute`): its own (`credentials`, asked when
 * first needed; undefined: the environment's), or those of the role `accounts:` names for it, assumed
 * from the run's own once however many ask, and renewed before the hour of a chained session is up;
 * null for an account it has no route to. An assumption that failed fails each asker the same way.
 */
export function credentialsByAccount(run: {
  readonly credentials: () => Promise<CredentialSource | undefined>
  readonly home: string | undefined
  readonly accounts: ReadonlyMap<string, { readonly roleArn: string }> | undefined
  readonly sessionName: string
  readonly region: string
  readonly mask: (secret: string) => void
}): CredentialsFor {
  const chained = new Map<string, Promise<CredentialSource>>()
  return (account) => {
    const route = accountRoute(account, run.home, run.accounts)
    if (route === null) return null
    if (route === 'own') return run.credentials()
    let pending = chained.get(route.roleArn)
    if (!pending) {
      const request = { roleArn: route.roleArn, sessionName: run.sessionName, region: run.region }
      pending = (async () => {
        const [{ assumeChainedRole, renewing }, base] = await Promise.all([
          import('./credentials.js'),
          run.credentials(),
        ])
        const assume = () => assumeChainedRole(request, base, run.mask)
        return renewing(assume, await assume())
      })()
      // Handled where it is asked for; not an unhandled rejection while nobody has asked yet.
      pending.catch(() => {})
      chained.set(route.roleArn, pending)
    }
    return pending
  }
}
