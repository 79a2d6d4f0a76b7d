/** The account of an ARN (`arn:aws:iam::111122223333:role/x` → `111122223333`); '' when it has none. */
export function accountOf(arn: string): string {
  return arn.split(':')[4] ?? ''
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

/** Whether an ARN names an IAM group (`arn:aws:iam::111122223333:group/ops`). */
export function isGroupArn(arn: string): boolean {
  return /^arn:[^:]*:iam::[^:]*:group\//.test(arn)
}
