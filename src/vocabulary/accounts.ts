/** The account of an ARN (`arn:aws:iam::111122223333:role/x` → `111122223333`); '' when it has none. */
export function accountOf(arn: string): string {
  return arn.split(':')[4] ?? ''
}

/** Whether an ARN names an IAM group (`arn:aws:iam::111122223333:group/ops`). */
export function isGroupArn(arn: string): boolean {
  return /^arn:[^:]*:iam::[^:]*:group\//.test(arn)
}
