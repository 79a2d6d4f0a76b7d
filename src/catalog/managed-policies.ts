// AWS managed policies, from a snapshot compiled at build time (scripts/build-managed-policies.mjs):
// loaded, and decompressed, only by runs that attach one.
import { brotliDecompressSync } from 'node:zlib'

export interface ManagedPolicies {
  /** The snapshot's package version and the newest policy update it holds (ISO 8601). */
  readonly version: string
  readonly date: string
  /** The document (JSON text) of the AWS managed policy with this ARN, in any partition. */
  document(arn: string): string | undefined
  /** The ARN (partition `aws`) of the AWS managed policy with this name, whatever its path. */
  arnOfName(name: string): string | undefined
}

let loaded: Promise<ManagedPolicies> | undefined

/** The snapshot, decoded on first use. */
export function loadManagedPolicies(): Promise<ManagedPolicies> {
  loaded ??= (async () => {
    const { MANAGED_POLICIES_BROTLI_BASE64 } = await import('./managed-policies.generated.js')
    const data = JSON.parse(
      brotliDecompressSync(Buffer.from(MANAGED_POLICIES_BROTLI_BASE64, 'base64')).toString('utf8'),
    ) as { version: string; date: string; policies: Record<string, string> }
    let byName: Map<string, string> | undefined
    return {
      version: data.version,
      date: data.date,
      document: (arn) => data.policies[arn.replace(/^arn:aws[\w-]*:/, 'arn:aws:')],
      arnOfName(name) {
        byName ??= new Map(
          Object.keys(data.policies).map((arn) => [arn.slice(arn.lastIndexOf('/') + 1), arn]),
        )
        return byName.get(name)
      },
    }
  })()
  return loaded
}

/** Whether an ARN names an AWS managed policy (`arn:aws:iam::aws:policy/…`), in any partition. */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return /^arn:aws[\w-]*:iam::aws:policy\//.test(arn)
}
