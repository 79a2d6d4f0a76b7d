// ARN shapes the config accepts. Partitions: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, … all start
// with "aws". IAM paths may contain slashes; names are IAM's [\w+=,.@-].
import { IAM_NAME } from '../vocabulary/accounts.js'

const PARTITION = 'aws(?:-[a-z]+)*'
const ACCOUNT = '\\d{12}'
const IAM_PATH = `(?:${IAM_NAME}/)*`

/** The ARN of an IAM entity of one of `kinds` (`role|user`), with a path and a name. */
const iamArn = (kinds: string) =>
  new RegExp(`^arn:${PARTITION}:iam::${ACCOUNT}:(?:${kinds})/${IAM_PATH}${IAM_NAME}$`)
const ROLE_ARN = iamArn('role')
const PRINCIPAL_ARN = iamArn('role|user')
const IDENTITY_ARN = iamArn('role|user|group|policy')
const TRAIL_ARN = new RegExp(`^arn:${PARTITION}:cloudtrail:[a-z0-9-]+:${ACCOUNT}:trail/[\\w.-]{3,128}$`)

/** `arn:<partition>:iam::<12 digits>:role/<path/>name`. */
export function isRoleArn(value: string): boolean {
  return ROLE_ARN.test(value)
}

/** A role or user ARN: what Access Analyzer can generate a policy for. */
export function isPrincipalArn(value: string): boolean {
  return PRINCIPAL_ARN.test(value)
}

/**
 * A role, user, group or customer managed policy ARN: what findings can be about (a group the code has,
 * and a managed policy no one in it has, are checked as principals too).
 */
export function isIdentityArn(value: string): boolean {
  return IDENTITY_ARN.test(value)
}

/** `arn:<partition>:cloudtrail:<region>:<12 digits>:trail/<name>`. */
export function isTrailArn(value: string): boolean {
  return TRAIL_ARN.test(value)
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/

/** A region code such as `us-east-1` or `us-gov-west-1`. */
export function isRegion(value: string): boolean {
  return REGION.test(value)
}
