// API operations written in policies as if they were IAM actions. Most operations of an AWS service are
// authorized by the action of the same name; these are not. S3's are from the S3 User Guide, "Required
// permissions for Amazon S3 API operations" (HeadObject needs s3:GetObject, ListObjectsV2 s3:ListBucket,
// CopyObject s3:GetObject on the source and s3:PutObject on the target); Lambda's Invoke is authorized by
// lambda:InvokeFunction; SQS's batch operations by the action of one message (SQS Developer Guide,
// "Amazon SQS batch actions"); SNS's PublishBatch by sns:Publish (SNS Developer Guide, "Amazon SNS API
// permissions: Actions and resources reference"); Bedrock's Converse and ConverseStream by
// bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream (Bedrock API Reference); DynamoDB's
// transactions by the actions of the operations they hold (DynamoDB Developer Guide, "Using IAM with
// DynamoDB transactions").
// Policies get these wrong in the wild: AWS Quick Start templates, terraform-aws-modules, checkov's
// fixtures, aws-samples/serverless-patterns. Left out: an operation a letter from an action that may be
// the one meant (ListBuckets, which s3:ListAllMyBuckets authorizes, or a typo of s3:ListBucket): the
// "did you mean" of a typo stands for those.

/** The actions that authorize an API operation that is not an action itself, by `service:operation` in lower case. */
const PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  's3:headobject': ['s3:GetObject'],
  's3:headbucket': ['s3:ListBucket'],
  's3:listobjects': ['s3:ListBucket'],
  's3:listobjectsv2': ['s3:ListBucket'],
  's3:listobjectversions': ['s3:ListBucketVersions'],
  's3:copyobject': ['s3:GetObject', 's3:PutObject'],
  's3:uploadpartcopy': ['s3:GetObject', 's3:PutObject'],
  's3:selectobjectcontent': ['s3:GetObject'],
  's3:deleteobjects': ['s3:DeleteObject'],
  's3:createmultipartupload': ['s3:PutObject'],
  's3:uploadpart': ['s3:PutObject'],
  's3:completemultipartupload': ['s3:PutObject'],
  's3:listparts': ['s3:ListMultipartUploadParts'],
  's3:deletebucketcors': ['s3:PutBucketCORS'],
  's3:getbucketencryption': ['s3:GetEncryptionConfiguration'],
  's3:putbucketencryption': ['s3:PutEncryptionConfiguration'],
  's3:deletebucketencryption': ['s3:PutEncryptionConfiguration'],
  's3:getbucketlifecycleconfiguration': ['s3:GetLifecycleConfiguration'],
  's3:putbucketlifecycleconfiguration': ['s3:PutLifecycleConfiguration'],
  's3:deletebucketlifecycle': ['s3:PutLifecycleConfiguration'],
  's3:deletebucketownershipcontrols': ['s3:PutBucketOwnershipControls'],
  's3:getbucketreplication': ['s3:GetReplicationConfiguration'],
  's3:putbucketreplication': ['s3:PutReplicationConfiguration'],
  's3:deletebucketreplication': ['s3:PutReplicationConfiguration'],
  's3:deletebuckettagging': ['s3:PutBucketTagging'],
  's3:getpublicaccessblock': ['s3:GetBucketPublicAccessBlock'],
  's3:putpublicaccessblock': ['s3:PutBucketPublicAccessBlock'],
  's3:deletepublicaccessblock': ['s3:PutBucketPublicAccessBlock'],
  's3:getbucketnotificationconfiguration': ['s3:GetBucketNotification'],
  's3:putbucketnotificationconfiguration': ['s3:PutBucketNotification'],
  's3:getobjectlockconfiguration': ['s3:GetBucketObjectLockConfiguration'],
  's3:putobjectlockconfiguration': ['s3:PutBucketObjectLockConfiguration'],
  's3:getbucketanalyticsconfiguration': ['s3:GetAnalyticsConfiguration'],
  's3:putbucketanalyticsconfiguration': ['s3:PutAnalyticsConfiguration'],
  's3:deletebucketanalyticsconfiguration': ['s3:PutAnalyticsConfiguration'],
  's3:getbucketinventoryconfiguration': ['s3:GetInventoryConfiguration'],
  's3:putbucketinventoryconfiguration': ['s3:PutInventoryConfiguration'],
  's3:deletebucketinventoryconfiguration': ['s3:PutInventoryConfiguration'],
  's3:getbucketmetricsconfiguration': ['s3:GetMetricsConfiguration'],
  's3:putbucketmetricsconfiguration': ['s3:PutMetricsConfiguration'],
  's3:deletebucketmetricsconfiguration': ['s3:PutMetricsConfiguration'],
  'lambda:invoke': ['lambda:InvokeFunction'],
  'sqs:sendmessagebatch': ['sqs:SendMessage'],
  'sqs:deletemessagebatch': ['sqs:DeleteMessage'],
  'sqs:changemessagevisibilitybatch': ['sqs:ChangeMessageVisibility'],
  'sns:publishbatch': ['sns:Publish'],
  'bedrock:converse': ['bedrock:InvokeModel'],
  'bedrock:conversestream': ['bedrock:InvokeModelWithResponseStream'],
  'dynamodb:transactgetitems': ['dynamodb:GetItem'],
  'dynamodb:transactwriteitems': [
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
  ],
}

/** Operations that group others (a transaction): each operation they hold needs its own action, not all of them. */
const GROUPING = new Set(['dynamodb:transactwriteitems'])

/** The actions that authorize `name` when it is one of those API operations (any case), else undefined. */
export function permissionsOfOperation(name: string): readonly string[] | undefined {
  return PERMISSIONS[name.toLowerCase()]
}

/** Whether `name` groups other operations, each authorized by one of its actions (TransactWriteItems). */
export function groupsOperations(name: string): boolean {
  return GROUPING.has(name.toLowerCase())
}

/** Every operation of the table with its actions: for tests. */
export function operationPermissions(): readonly [string, readonly string[]][] {
  return Object.entries(PERMISSIONS)
}
