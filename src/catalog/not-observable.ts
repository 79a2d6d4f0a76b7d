/**
 * Actions that IAM Access Analyzer's policy generation cannot see, so a grant of them is never called
 * unused and their absence from a generated policy never means anything. They are judged by the static
 * checks alone, and reported as not observable with the reason.
 *
 * Sources:
 * - AWS IAM User Guide, "IAM Access Analyzer policy generation", section "Things to know about
 *   generating policies" (docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html):
 *   iam:PassRole is not tracked in CloudTrail and is not included in generated policies; data events
 *   are included only when the trail logs them (the action cannot tell whether it does, so data-event
 *   actions count as not observable).
 * - AWS CloudTrail User Guide, "Logging data events": the data events of Amazon S3 (object-level API),
 *   AWS Lambda (Invoke), Amazon DynamoDB (item-level API), Amazon SNS (Publish), Amazon SQS (message
 *   API) and Amazon Kinesis Data Streams (record API).
 *
 * Patterns are IAM action patterns, matched case-insensitively against the catalog. `dataEvent` marks a
 * data event: observable after all when the trail logs the data events of its service — as the config's
 * `cloudtrail.data-events` says, or as the generated policy shows by containing data events of the same
 * service and class (AWS CloudTrail User Guide, "Logging data events": data events are selected per
 * service, as read-only, write-only or all events).
 */
export const NOT_OBSERVABLE: readonly {
  readonly pattern: string
  readonly reason: string
  readonly dataEvent?: true
}[] = [
  {
    pattern: 'iam:PassRole',
    reason: 'CloudTrail records no event for iam:PassRole, so generated policies never include it',
  },
  ...[
    's3:GetObject*',
    's3:PutObject*',
    's3:DeleteObject*',
    's3:RestoreObject',
    's3:AbortMultipartUpload',
    's3:ListMultipartUploadParts',
    's3:GetObjectAttributes',
    's3:SelectObjectContent',
  ].map((pattern) => ({
    pattern,
    reason: 'an S3 object-level data event: seen only when the trail logs S3 data events',
    dataEvent: true as const,
  })),
  {
    pattern: 'lambda:InvokeFunction*',
    reason: 'a Lambda data event: seen only when the trail logs Lambda data events',
    dataEvent: true as const,
  },
  ...[
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:Query',
    'dynamodb:Scan',
    'dynamodb:ConditionCheckItem',
    'dynamodb:PartiQL*',
  ].map((pattern) => ({
    pattern,
    reason: 'a DynamoDB data event: seen only when the trail logs DynamoDB data events',
    dataEvent: true as const,
  })),
  {
    pattern: 'sns:Publish',
    reason: 'an SNS data event: seen only when the trail logs SNS data events',
    dataEvent: true as const,
  },
  ...['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'].map(
    (pattern) => ({
      pattern,
      reason: 'an SQS data event: seen only when the trail logs SQS data events',
      dataEvent: true as const,
    }),
  ),
  ...[
    'kinesis:PutRecord',
    'kinesis:PutRecords',
    'kinesis:GetRecords',
    'kinesis:GetShardIterator',
    'kinesis:SubscribeToShard',
  ].map((pattern) => ({
    pattern,
    reason: 'a Kinesis Data Streams data event: seen only when the trail logs its data events',
    dataEvent: true as const,
  })),
]
