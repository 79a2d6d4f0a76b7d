// CloudFormation clients for the stacks a run reads (the names of their roles, their deployed templates),
// one per account and region.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import type { CredentialsFor } from './account-sessions.js'

/**
 * Clients by account and region, each made once however many stacks ask at once, with the account's
 * credentials (credentialsByAccount): `clientIn` gives null for an account the run has no role in.
 * `destroy` ends them all.
 */
export function cloudFormationClients(credentialsFor: CredentialsFor): {
  readonly clientIn: (account: string | undefined, region: string) => Promise<CloudFormationClient> | null
  readonly destroy: () => Promise<void>
} {
  const clients = new Map<string, Promise<CloudFormationClient>>()
  return {
    clientIn: (account, region) => {
      const key = `${account ?? ''}/${region}`
      let client = clients.get(key)
      if (!client) {
        const reached = credentialsFor(account)
        if (reached === null) return null
        client = reached.then(
          (credentials) =>
            new CloudFormationClient({ region, maxAttempts: 3, ...(credentials && { credentials }) }),
        )
        clients.set(key, client)
      }
      return client
    },
    destroy: async () => {
      for (const client of clients.values()) await client.then((c) => c.destroy()).catch(() => {})
    },
  }
}
