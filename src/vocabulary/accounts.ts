import { placeholdersOf } from './placeholders.js'

/**
 * The account of an ARN (`arn:aws:iam::111122223333:role/x` → `111122223333`); '' when it has none. A
 * placeholder's colons are its own: a template read without `account:` gives `${AWS::AccountId}`.
 */
export function accountOf(arn: string): string {
  const colons = arnFieldColons(arn)
  return colons.length < 4 ? '' : arn.slice((colons[3] as number) + 1, colons[4] ?? arn.length)
}

/** What an ARN names after its five fields (`role/app-deployer`); the ARN itself when it has fewer. */
export function resourceOf(arn: string): string {
  const colons = arnFieldColons(arn)
  return colons.length < 5 ? arn : arn.slice((colons[4] as number) + 1)
}

/**
 * Where the colons that end an ARN's first five fields are, those inside a `${…}` passed over: IAM's
 * `${aws:…}` and CloudFormation's `${AWS::…}` hold some.
 */
export function arnFieldColons(arn: string): number[] {
  const colons: number[] = []
  const placeholders = arn.includes('${') ? placeholdersOf(arn) : []
  let next = 0
  for (let i = arn.indexOf(':'); i >= 0 && colons.length < 5; i = arn.indexOf(':', i + 1)) {
    while (next < placeholders.length && (placeholders[next] as { end: number }).end <= i) next++
    const p = placeholders[next]
    if (p && p.start < i) continue
    colons.push(i)
  }
  return colons
}

/**
 * Whether an ARN is not yet one principal by itself: its account is not written out (`<account>`,
 * `${AWS::AccountId}`), or a placeholder stands in it (`role/${WorkerRole}`). Two places in the code
 * that give such an ARN make two principals (envs/dev and envs/prod each make role/app, in their own
 * accounts), so what tells them apart is where each is defined.
 */
export function isPlaceholderArn(arn: string): boolean {
  return arn.includes('${') || !/^arn:[^:]*:iam::\d{12}:/.test(arn)
}

/** Whether `text` is an AWS account id: 12 digits. */
export function isAccountId(text: string): boolean {
  return /^\d{12}$/.test(text)
}

/**
 * The account a provider configuration of Terraform's AWS provider is in, from what is known of it: the
 * accounts its `assume_role` ARN may name and the ones its `allowed_account_ids` lists (each decides
 * when it names exactly one). `<account>` for an alias (not the default configuration) that assumes a
 * role, or uses another profile, without saying which account; undefined when the configuration's
 * account stands (a default configuration that names none, an alias for another region).
 */
export function providerConfigAccount(known: {
  readonly roleAccounts: readonly string[]
  readonly allowedAccounts: readonly string[]
  readonly alias: boolean
  readonly assumesRole: boolean
  readonly otherProfile: boolean
}): string | undefined {
  if (known.roleAccounts.length === 1) return known.roleAccounts[0]
  if (known.allowedAccounts.length === 1) return known.allowedAccounts[0]
  return known.alias && (known.assumesRole || known.otherProfile) ? '<account>' : undefined
}

/**
 * What an IAM ARN names (`role`, `user`, `group`, `policy`, …: the resource part up to its first `/`);
 * undefined for an ARN of another service. Read by the ARN's fields: its partition and account may be
 * placeholders with colons of their own (`${AWS::AccountId}`).
 */
export function iamKindOf(arn: string): string | undefined {
  const colons = arnFieldColons(arn)
  if (!arn.startsWith('arn:') || colons.length < 5) return undefined
  if (arn.slice((colons[1] as number) + 1, colons[2]) !== 'iam') return undefined
  const resource = arn.slice((colons[4] as number) + 1)
  const slash = resource.indexOf('/')
  return slash < 0 ? undefined : resource.slice(0, slash)
}

/**
 * Whether an ARN names a customer managed policy (`arn:aws:iam::111122223333:policy/ci-deploy`): one no
 * role, user or group of the code has is checked as a principal of its own.
 */
export function isPolicyArn(arn: string): boolean {
  return iamKindOf(arn) === 'policy'
}

/** Whether an ARN names an IAM group (`arn:aws:iam::111122223333:group/ops`). */
export function isGroupArn(arn: string): boolean {
  return iamKindOf(arn) === 'group'
}

/** The characters of an IAM role's, user's, group's or policy's name. */
export const IAM_NAME = '[\\w+=,.@-]+'
const NAME = new RegExp(`^${IAM_NAME}$`)

/**
 * Whether a role's, user's or group's name, written out, is one IAM refuses: empty (fugue/regula's
 * `users = [""]`), or of other characters than a name's (`"<lambda-role-name>"`, a placeholder of a
 * sample left in). An ARN, or a name with a value not known here in it, is no such name.
 */
export function refusedName(name: string): boolean {
  return !name.startsWith('arn:') && !name.includes('${') && !NAME.test(name)
}
