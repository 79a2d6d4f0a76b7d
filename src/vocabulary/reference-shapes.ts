// What a Terraform reference to another resource's attribute stands for when its value is not known
// (static mode, or known only after apply): the AWS provider fixes the shape of many such attributes.
// `${aws_s3_bucket.logs.arn}` is `arn:aws:s3:::<name>`, a bucket and never its objects, so s3:GetObject on
// it grants nothing, as on the bucket's ARN written out; read as `*`, it was taken to name anything.
// Each stand-in has that shape with made-up names; it is only ever matched against the catalog's
// resource types (appliesTo), never shown, and never compared with another ARN. CloudFormation's
// `!GetAtt Bucket.Arn` likewise, by the template's resource types (cloudFormationShape).
import { replacePlaceholders } from './placeholders.js'

const REGION_ACCOUNT = 'us-east-1:111122223333'
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/111122223333/queue-name'
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab'

/** By `<resource type>.<attribute>` (data sources of the same type alike). */
const SHAPES: Readonly<Record<string, string>> = {
  'aws_s3_bucket.arn': 'arn:aws:s3:::bucket-name',
  'aws_s3_bucket.id': 'bucket-name',
  'aws_s3_bucket.bucket': 'bucket-name',
  // Without the `:*` the API adds, which the provider removes: the group, not its streams.
  'aws_cloudwatch_log_group.arn': `arn:aws:logs:${REGION_ACCOUNT}:log-group:group-name`,
  'aws_sqs_queue.arn': `arn:aws:sqs:${REGION_ACCOUNT}:queue-name`,
  'aws_sns_topic.arn': `arn:aws:sns:${REGION_ACCOUNT}:topic-name`,
  'aws_dynamodb_table.arn': `arn:aws:dynamodb:${REGION_ACCOUNT}:table/table-name`,
  'aws_dynamodb_table.stream_arn': `arn:aws:dynamodb:${REGION_ACCOUNT}:table/table-name/stream/2024-01-01T00:00:00.000`,
  'aws_kms_key.arn': `arn:aws:kms:${REGION_ACCOUNT}:key/${KEY_ID}`,
  // KMS authorizes its keys' use on the key's ARN, not an alias's.
  'aws_kms_alias.arn': `arn:aws:kms:${REGION_ACCOUNT}:alias/alias-name`,
  'aws_lambda_function.arn': `arn:aws:lambda:${REGION_ACCOUNT}:function:function-name`,
  'aws_lambda_function.qualified_arn': `arn:aws:lambda:${REGION_ACCOUNT}:function:function-name:1`,
  // What API Gateway integrations call, not the function's ARN.
  'aws_lambda_function.invoke_arn': `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION_ACCOUNT}:function:function-name/invocations`,
  'aws_secretsmanager_secret.arn': `arn:aws:secretsmanager:${REGION_ACCOUNT}:secret:secret-name-AbCdEf`,
  'aws_ssm_parameter.arn': `arn:aws:ssm:${REGION_ACCOUNT}:parameter/parameter-name`,
  'aws_ecr_repository.arn': `arn:aws:ecr:${REGION_ACCOUNT}:repository/repository-name`,
  'aws_kinesis_stream.arn': `arn:aws:kinesis:${REGION_ACCOUNT}:stream/stream-name`,
  'aws_sfn_state_machine.arn': `arn:aws:states:${REGION_ACCOUNT}:stateMachine:machine-name`,
  'aws_iam_role.arn': 'arn:aws:iam::111122223333:role/role-name',
  // Names, ids and URLs: what an ARN is written around, and no ARN by themselves (a queue's `id` is its
  // URL, a key's its key id), so a policy naming one alone grants nothing.
  'aws_sqs_queue.id': QUEUE_URL,
  'aws_sqs_queue.url': QUEUE_URL,
  'aws_sqs_queue.name': 'queue-name',
  'aws_sns_topic.id': `arn:aws:sns:${REGION_ACCOUNT}:topic-name`,
  'aws_sns_topic.name': 'topic-name',
  'aws_kms_key.id': KEY_ID,
  'aws_kms_key.key_id': KEY_ID,
  'aws_dynamodb_table.id': 'table-name',
  'aws_dynamodb_table.name': 'table-name',
  'aws_lambda_function.id': 'function-name',
  'aws_lambda_function.function_name': 'function-name',
  'aws_secretsmanager_secret.id': `arn:aws:secretsmanager:${REGION_ACCOUNT}:secret:secret-name-AbCdEf`,
  'aws_cloudwatch_log_group.id': 'group-name',
  'aws_cloudwatch_log_group.name': 'group-name',
  'aws_kinesis_stream.name': 'stream-name',
  'aws_ecr_repository.name': 'repository-name',
  'aws_ecr_repository.repository_url': '111122223333.dkr.ecr.us-east-1.amazonaws.com/repository-name',
  'aws_sfn_state_machine.id': `arn:aws:states:${REGION_ACCOUNT}:stateMachine:machine-name`,
  'aws_iam_role.id': 'role-name',
  'aws_iam_role.name': 'role-name',
}

/**
 * The same for CloudFormation, by `<resource type>.<attribute>`, `Ref` for what `!Ref` gives. The
 * template's placeholder (`${Bucket.Arn}`) does not name the type, so its source looks it up and sets
 * the stand-in as the resource's `shape` (vocabulary/policy.ts).
 */
const CLOUDFORMATION_SHAPES: Readonly<Record<string, string>> = {
  'AWS::S3::Bucket.Ref': 'bucket-name',
  'AWS::S3::Bucket.Arn': 'arn:aws:s3:::bucket-name',
  // CloudFormation's Arn keeps the `:*`: the group's streams.
  'AWS::Logs::LogGroup.Arn': `arn:aws:logs:${REGION_ACCOUNT}:log-group:group-name:*`,
  'AWS::Logs::LogGroup.Ref': 'group-name',
  // A queue's Ref is its URL, which no policy names.
  'AWS::SQS::Queue.Ref': QUEUE_URL,
  'AWS::SQS::Queue.QueueUrl': QUEUE_URL,
  'AWS::SQS::Queue.QueueName': 'queue-name',
  'AWS::SNS::Topic.TopicName': 'topic-name',
  'AWS::DynamoDB::Table.Ref': 'table-name',
  'AWS::KMS::Key.Ref': KEY_ID,
  'AWS::KMS::Key.KeyId': KEY_ID,
  'AWS::KMS::Alias.Ref': 'alias/alias-name',
  'AWS::Lambda::Function.Ref': 'function-name',
  'AWS::Serverless::Function.Ref': 'function-name',
  'AWS::Kinesis::Stream.Ref': 'stream-name',
  'AWS::ECR::Repository.Ref': 'repository-name',
  'AWS::ECR::Repository.RepositoryUri': '111122223333.dkr.ecr.us-east-1.amazonaws.com/repository-name',
  'AWS::IAM::Role.Ref': 'role-name',
  'AWS::SQS::Queue.Arn': `arn:aws:sqs:${REGION_ACCOUNT}:queue-name`,
  'AWS::SNS::Topic.Ref': `arn:aws:sns:${REGION_ACCOUNT}:topic-name`,
  'AWS::SNS::Topic.TopicArn': `arn:aws:sns:${REGION_ACCOUNT}:topic-name`,
  'AWS::DynamoDB::Table.Arn': SHAPES['aws_dynamodb_table.arn'] as string,
  'AWS::DynamoDB::Table.StreamArn': SHAPES['aws_dynamodb_table.stream_arn'] as string,
  'AWS::KMS::Key.Arn': SHAPES['aws_kms_key.arn'] as string,
  'AWS::Lambda::Function.Arn': SHAPES['aws_lambda_function.arn'] as string,
  'AWS::Serverless::Function.Arn': SHAPES['aws_lambda_function.arn'] as string,
  'AWS::SecretsManager::Secret.Ref': SHAPES['aws_secretsmanager_secret.arn'] as string,
  'AWS::Kinesis::Stream.Arn': SHAPES['aws_kinesis_stream.arn'] as string,
  'AWS::ECR::Repository.Arn': SHAPES['aws_ecr_repository.arn'] as string,
  'AWS::StepFunctions::StateMachine.Ref': SHAPES['aws_sfn_state_machine.arn'] as string,
  'AWS::StepFunctions::StateMachine.Arn': SHAPES['aws_sfn_state_machine.arn'] as string,
  'AWS::IAM::Role.Arn': SHAPES['aws_iam_role.arn'] as string,
}

/** The stand-in for `!Ref` (attribute `Ref`) or `!GetAtt` of a resource of `type`, when its shape is fixed. */
export function cloudFormationShape(type: string, attribute: string): string | undefined {
  return CLOUDFORMATION_SHAPES[`${type}.${attribute}`]
}

/**
 * A reference as the Terraform source writes an unknown value: `aws_s3_bucket.b.arn`, with module
 * prefixes, `data.`, and an instance key (`module.m.aws_s3_bucket.b[0].arn`). The parts are told apart by
 * their dots and brackets, so the match is linear.
 */
const REFERENCE =
  /^(?:module\.[\w-]+(?:\[[^\]]*\])?\.)*(?:data\.)?(aws_[a-z0-9_]+)\.[\w-]+(?:\[[^\]]*\])?\.([a-z_]+)$/

/** `text` with each reference of a known shape (SHAPES) as its stand-in; other placeholders as written. */
export function withReferenceShapes(text: string): string {
  return replacePlaceholders(text, (whole, inner) => {
    const reference = REFERENCE.exec(inner)
    return (reference && SHAPES[`${reference[1]}.${reference[2]}`]) ?? whole
  })
}
