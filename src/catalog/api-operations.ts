// API operations written in policies as if they were IAM actions. Most operations of an AWS service are
// authorized by the action of the same name; these are not. S3's are from the S3 User Guide, "Required
// permissions for Amazon S3 API operations" (HeadObject needs s3:GetObject, ListObjectsV2 s3:ListBucket,
// CopyObject s3:GetObject on the source and s3:PutObject on the target); Lambda's Invoke is authorized by
// lambda:InvokeFunction; KMS's ReEncrypt by kms:ReEncryptFrom and kms:ReEncryptTo (AWS KMS API
// Reference, ReEncrypt); SQS's batch operations by the action of one message (SQS Developer Guide,
// "Amazon SQS batch actions"); SNS's PublishBatch by sns:Publish (SNS Developer Guide, "Amazon SNS API
// permissions: Actions and resources reference"); Bedrock's Converse and ConverseStream by
// bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream (Bedrock API Reference); DynamoDB's
// transactions by the actions of the operations they hold (DynamoDB Developer Guide, "Using IAM with
// DynamoDB transactions").
// Policies get these wrong in the wild: AWS Quick Start templates, terraform-aws-modules, checkov's
// fixtures, aws-samples/serverless-patterns. An operation a letter from an action that may be the one
// meant (ListBuckets, which s3:ListAllMyBuckets authorizes, or a typo of s3:ListBucket) is in a table of
// its own (SLIPS_OR_OPERATIONS): both readings are offered.

import { distance } from 'fastest-levenshtein'

/** The actions that authorize an API operation that is not an action itself, by `service:Operation` as AWS spells it. */
const PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  's3:HeadObject': ['s3:GetObject'],
  's3:HeadBucket': ['s3:ListBucket'],
  's3:ListObjects': ['s3:ListBucket'],
  's3:ListObjectsV2': ['s3:ListBucket'],
  's3:ListObjectVersions': ['s3:ListBucketVersions'],
  's3:CopyObject': ['s3:GetObject', 's3:PutObject'],
  's3:UploadPartCopy': ['s3:GetObject', 's3:PutObject'],
  's3:SelectObjectContent': ['s3:GetObject'],
  's3:DeleteObjects': ['s3:DeleteObject'],
  's3:CreateMultipartUpload': ['s3:PutObject'],
  's3:UploadPart': ['s3:PutObject'],
  's3:CompleteMultipartUpload': ['s3:PutObject'],
  's3:ListParts': ['s3:ListMultipartUploadParts'],
  's3:DeleteBucketCors': ['s3:PutBucketCORS'],
  's3:GetBucketEncryption': ['s3:GetEncryptionConfiguration'],
  's3:PutBucketEncryption': ['s3:PutEncryptionConfiguration'],
  's3:DeleteBucketEncryption': ['s3:PutEncryptionConfiguration'],
  's3:GetBucketLifecycleConfiguration': ['s3:GetLifecycleConfiguration'],
  's3:PutBucketLifecycleConfiguration': ['s3:PutLifecycleConfiguration'],
  's3:DeleteBucketLifecycle': ['s3:PutLifecycleConfiguration'],
  's3:DeleteBucketOwnershipControls': ['s3:PutBucketOwnershipControls'],
  's3:GetBucketReplication': ['s3:GetReplicationConfiguration'],
  's3:PutBucketReplication': ['s3:PutReplicationConfiguration'],
  's3:DeleteBucketReplication': ['s3:PutReplicationConfiguration'],
  's3:DeleteBucketTagging': ['s3:PutBucketTagging'],
  's3:GetPublicAccessBlock': ['s3:GetBucketPublicAccessBlock'],
  's3:PutPublicAccessBlock': ['s3:PutBucketPublicAccessBlock'],
  's3:DeletePublicAccessBlock': ['s3:PutBucketPublicAccessBlock'],
  's3:GetBucketNotificationConfiguration': ['s3:GetBucketNotification'],
  's3:PutBucketNotificationConfiguration': ['s3:PutBucketNotification'],
  's3:GetObjectLockConfiguration': ['s3:GetBucketObjectLockConfiguration'],
  's3:PutObjectLockConfiguration': ['s3:PutBucketObjectLockConfiguration'],
  's3:GetBucketAnalyticsConfiguration': ['s3:GetAnalyticsConfiguration'],
  's3:PutBucketAnalyticsConfiguration': ['s3:PutAnalyticsConfiguration'],
  's3:DeleteBucketAnalyticsConfiguration': ['s3:PutAnalyticsConfiguration'],
  's3:GetBucketInventoryConfiguration': ['s3:GetInventoryConfiguration'],
  's3:PutBucketInventoryConfiguration': ['s3:PutInventoryConfiguration'],
  's3:DeleteBucketInventoryConfiguration': ['s3:PutInventoryConfiguration'],
  's3:GetBucketMetricsConfiguration': ['s3:GetMetricsConfiguration'],
  's3:PutBucketMetricsConfiguration': ['s3:PutMetricsConfiguration'],
  's3:DeleteBucketMetricsConfiguration': ['s3:PutMetricsConfiguration'],
  'lambda:Invoke': ['lambda:InvokeFunction'],
  // kms:ReEncryptFrom on the source key, kms:ReEncryptTo on the destination key.
  'kms:ReEncrypt': ['kms:ReEncryptFrom', 'kms:ReEncryptTo'],
  'sqs:SendMessageBatch': ['sqs:SendMessage'],
  'sqs:DeleteMessageBatch': ['sqs:DeleteMessage'],
  'sqs:ChangeMessageVisibilityBatch': ['sqs:ChangeMessageVisibility'],
  'sns:PublishBatch': ['sns:Publish'],
  'bedrock:Converse': ['bedrock:InvokeModel'],
  'bedrock:ConverseStream': ['bedrock:InvokeModelWithResponseStream'],
  'dynamodb:TransactGetItems': ['dynamodb:GetItem'],
  'dynamodb:TransactWriteItems': [
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
  ],
}

/**
 * API operations a letter or two from an action, written as actions: a slip of that action, or the
 * operation, authorized by another (iamhansko/aws-cloudformation-templates' q_cli.yaml grants
 * `s3:ListBuckets` on "*", where s3:ListAllMyBuckets is meant; on a bucket, s3:ListBucket would be).
 */
const SLIPS_OR_OPERATIONS: Readonly<Record<string, readonly string[]>> = {
  's3:ListBuckets': ['s3:ListAllMyBuckets'],
}

const SLIPS_BY_LOWER_CASE = new Map(
  Object.entries(SLIPS_OR_OPERATIONS).map(([name, actions]) => [name.toLowerCase(), { name, actions }]),
)

/** When `name` (any case) is such an operation (SLIPS_OR_OPERATIONS): it as AWS spells it, and its actions. */
export function operationOrSlip(
  name: string,
): { readonly operation: string; readonly actions: readonly string[] } | undefined {
  const found = SLIPS_BY_LOWER_CASE.get(name.toLowerCase())
  return found && { operation: found.name, actions: found.actions }
}

/** Operations that group others (a transaction): each operation they hold needs its own action, not all of them. */
const GROUPING = new Set(['dynamodb:transactwriteitems'])

/** The table by name in lower case: IAM reads actions in any case, and so are operations written as actions. */
const BY_LOWER_CASE = new Map(
  Object.entries(PERMISSIONS).map(([name, actions]) => [name.toLowerCase(), actions]),
)

/** The actions that authorize `name` when it is one of those API operations (any case), else undefined. */
export function permissionsOfOperation(name: string): readonly string[] | undefined {
  return BY_LOWER_CASE.get(name.toLowerCase())
}

/** Whether `name` groups other operations, each authorized by one of its actions (TransactWriteItems). */
export function groupsOperations(name: string): boolean {
  return GROUPING.has(name.toLowerCase())
}

/**
 * The operation of the table that `name` is a slip of (`s3:ListObject` for s3:ListObjects): of the same
 * service, at most `slips` edits from it in any case, the nearest; none that groups others (whose actions
 * are not one meaning). Undefined when no operation is that near.
 */
export function operationNear(
  name: string,
  slips: number,
): { readonly operation: string; readonly actions: readonly string[] } | undefined {
  const lower = name.toLowerCase()
  const service = lower.slice(0, lower.indexOf(':') + 1)
  let nearest: { operation: string; actions: readonly string[]; edits: number } | undefined
  for (const [operation, actions] of Object.entries(PERMISSIONS)) {
    const key = operation.toLowerCase()
    if (!key.startsWith(service) || GROUPING.has(key) || Math.abs(key.length - lower.length) > slips) continue
    const edits = distance(key, lower)
    if (edits <= slips && (!nearest || edits < nearest.edits)) nearest = { operation, actions, edits }
  }
  return nearest && { operation: nearest.operation, actions: nearest.actions }
}

/** Every operation of the table with its actions: for tests. */
export function operationPermissions(): readonly [string, readonly string[]][] {
  return Object.entries(PERMISSIONS)
}
