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

/**
 * The services for which IAM Access Analyzer's policy generation identifies the actions used. For every
 * other service it knows only that the service was used (from IAM's service last-accessed data), and
 * says so only when the service-level template is asked for (`include-service-level-template: true`);
 * without it, such a service is missing from the generated policy whether it was used or not.
 *
 * Source: AWS IAM User Guide, "IAM Access Analyzer policy generation and IAM action last accessed
 * support" (access-analyzer-policy-generation-action-last-accessed-support.md, column "Policy generation
 * action-level information"), as last published in the awsdocs/iam-user-guide repository (its last version,
 * 2023; the repository's LICENSE is MIT No Attribution). AWS has added services since, so the list errs on
 * the side of "not observable": a service missing here is still taken as action level when the
 * generated policy names actions of it, and judged by its absence when the service-level template was
 * asked for.
 */
export const ACTION_LEVEL_SERVICES: ReadonlySet<string> = new Set(
  `access-analyzer account airflow amplify amplifyuibuilder app-integrations appflow
  application-cost-profiler appsync aps athena aws-marketplace batch braket cloud9 cloudformation
  cloudsearch cloudtrail cloudwatch codeartifact codeguru-profiler codeguru-reviewer codestar
  codestar-notifications cognito-identity cognito-idp cognito-sync compute-optimizer connect cur
  databrew dataexchange datapipeline dax devicefarm devops-guru directconnect dlm dms ds dynamodb ebs
  ec2 ecr ecr-public ecs eks elastic-inference elasticbeanstalk elasticfilesystem elasticloadbalancing
  elastictranscoder emr-containers es evidently finspace firehose fis fms geo grafana greengrass
  groundstation guardduty healthlake iam identitystore imagebuilder inspector inspector2
  iotdeviceadvisor iotfleethub iottwinmaker ivs kafka kafkaconnect kinesis kms lambda lightsail logs
  lookoutequipment lookoutmetrics lookoutvision managedblockchain mediaconnect mediaconvert medialive
  mediatailor memorydb mgh mgn migrationhub-strategy mobiletargeting mq networkmanager nimble opsworks
  outposts panorama pi polly profile qldb ram rbin rds redshift-data resource-groups
  route53-recovery-control-config route53-recovery-readiness route53resolver rum s3 s3-outposts
  savingsplans schemas sdb secretsmanager securityhub servicediscovery servicequotas ses shield signer
  sms sms-voice snowball sqs ssm ssm-incidents sts swf synthetics tag textract timestream transcribe
  translate wellarchitected wisdom worklink`.split(/\s+/),
)

/** Why an action of a service outside ACTION_LEVEL_SERVICES cannot be judged unused. */
export const SERVICE_LEVEL_REASON =
  'IAM Access Analyzer documents only service-level information for this service, which the generated policy ' +
  'shows only with include-service-level-template: true'
