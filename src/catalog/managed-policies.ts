// AWS managed policies, from a snapshot compiled at build time (scripts/build-managed-policies.mjs):
// loaded, and decompressed, only by runs that attach one.
import { brotliDecompressSync } from 'node:zlib'
import { closest, distance } from 'fastest-levenshtein'
import { MANAGED_POLICY_NAMES } from './managed-policy-names.generated.js'

export interface ManagedPolicies {
  /** The snapshot's package version and the newest policy update it holds (ISO 8601). */
  readonly version: string
  readonly date: string
  /** The ARNs (partition `aws`) of every policy of the snapshot, sorted. */
  readonly arns: readonly string[]
  /**
   * The document (JSON text) of the AWS managed policy with this ARN, in any partition and in any case:
   * IAM resolves a managed policy's ARN without regard to case, so `policy/administratoraccess` attaches
   * AdministratorAccess.
   */
  document(arn: string): string | undefined
  /** The ARN (partition `aws`) of the AWS managed policy with this name, whatever its path. */
  arnOfName(name: string): string | undefined
}

let loaded: Promise<ManagedPolicies> | undefined

/**
 * The snapshot, its index decoded on first use and each bucket of documents when a policy in it is
 * asked for: a run that attaches a few policies decompresses a few buckets, not all 3.6 MB.
 */
export function loadManagedPolicies(): Promise<ManagedPolicies> {
  loaded ??= (async () => {
    const generated = await import('./managed-policies.generated.js')
    const unpack = (base64: string) => brotliDecompressSync(Buffer.from(base64, 'base64')).toString('utf8')
    const arns = unpack(generated.MANAGED_POLICY_ARNS_BROTLI_BASE64).split('\n')
    // No two of the snapshot's ARNs differ only in case (a unit test holds it to that).
    const index = new Map(arns.map((arn, i) => [arn.toLowerCase(), i]))
    const buckets = new Map<number, readonly string[]>()
    let byName: Map<string, string> | undefined
    return {
      version: generated.MANAGED_POLICIES_VERSION,
      date: generated.MANAGED_POLICIES_DATE,
      arns,
      document(arn) {
        const i = index.get(arn.toLowerCase().replace(/^arn:aws[\w-]*:/, 'arn:aws:'))
        if (i === undefined) return undefined
        const b = Math.floor(i / generated.MANAGED_POLICIES_PER_BUCKET)
        let bucket = buckets.get(b)
        if (!bucket) {
          bucket = JSON.parse(unpack(generated.MANAGED_POLICY_BUCKETS_BROTLI_BASE64[b] as string)) as string[]
          buckets.set(b, bucket)
        }
        return bucket[i % generated.MANAGED_POLICIES_PER_BUCKET]
      },
      arnOfName(name) {
        byName ??= new Map(arns.map((arn) => [arn.slice(arn.lastIndexOf('/') + 1), arn]))
        return byName.get(name)
      },
    }
  })()
  return loaded
}

/**
 * Why the snapshot has no document for an AWS managed policy ARN. A name written without the policy's
 * path (`arn:aws:iam::aws:policy/AWSSSMOpsInsightsServiceRolePolicy`, which is under
 * `aws-service-role/`) names no policy at all: IAM refuses to attach it, so the ARN that was meant is said.
 */
export function notInSnapshot(arn: string, snapshot: ManagedPolicies): string {
  const name = arn.slice(arn.lastIndexOf('/') + 1)
  // The snapshot's ARNs are the `aws` partition's: said in the partition written.
  const inPartition = (of: string) => of.replace(/^arn:aws:/, arn.slice(0, arn.indexOf(':iam:') + 1))
  // Case-blind, as IAM reads the ARN.
  const names = namesOf(snapshot)
  const lower = name.toLowerCase()
  const named = snapshot.arnOfName(names.spelled[names.lower.indexOf(lower)] ?? '')
  if (named)
    return (
      `${arn} is no AWS managed policy: the one called ${named.slice(named.lastIndexOf('/') + 1)} is ` +
      `${inPartition(named)} (an ARN holds the policy's path)`
    )
  const missing = `${arn} is not in the snapshot of AWS managed policies of ${snapshot.date.slice(0, 10)}`
  // AWS renames some (AWSLambdaFullAccess is AWSLambda_FullAccess now, AWSConfigRole AWS_ConfigRole), and
  // a deprecated policy cannot be attached anew; or the name is misspelt. Two edits at most: past that,
  // the nearest name is another service's (AmazonEC2ContainerServiceFullAccess is not
  // AmazonEC2ContainerRegistryFullAccess).
  const near = closest(lower, names.lower)
  const nearArn =
    distance(lower, near) <= 2
      ? snapshot.arnOfName(names.spelled[names.lower.indexOf(near)] ?? '')
      : undefined
  if (!nearArn) return missing
  return `${missing}; the nearest one there is ${inPartition(nearArn)}`
}

interface Names {
  readonly spelled: readonly string[]
  readonly lower: string[]
}
const NAMES = new WeakMap<ManagedPolicies, Names>()

/** The names of the snapshot's policies, without their paths, and lower-cased (compared case-blind). */
function namesOf(snapshot: ManagedPolicies): Names {
  let names = NAMES.get(snapshot)
  if (!names) {
    const spelled = snapshot.arns.map((a) => a.slice(a.lastIndexOf('/') + 1))
    names = { spelled, lower: spelled.map((n) => n.toLowerCase()) }
    NAMES.set(snapshot, names)
  }
  return names
}

/** Whether an ARN names an AWS managed policy (`arn:aws:iam::aws:policy/…`), in any partition. */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return /^arn:aws[\w-]*:iam::aws:policy\//i.test(arn)
}

let arnsByName: Map<string, string> | undefined

/**
 * The ARN of the AWS managed policy called `name` (in any case, without its path), if there is one: to
 * tell a policy's name written where an action belongs (`ec2:AmazonEC2FullAccess`) from a misspelt
 * action. Read from the names the main bundle carries, without loading the snapshot's documents.
 */
export function managedPolicyArnNamed(name: string): string | undefined {
  arnsByName ??= new Map(
    MANAGED_POLICY_NAMES.split('\n').map((p) => [
      p.slice(p.lastIndexOf('/') + 1).toLowerCase(),
      `arn:aws:iam::aws:policy/${p}`,
    ]),
  )
  return arnsByName.get(name.toLowerCase())
}
