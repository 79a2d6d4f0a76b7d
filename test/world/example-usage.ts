// What the principals of the built-in example (examples/) used over their CloudTrail window, as IAM
// Access Analyzer's generated policies (resource placeholders as the service writes them). The demo and
// the end-to-end tests of each workflow event serve these from the Access Analyzer emulator.
export const EXAMPLE_ROLES = {
  appDeployer: 'arn:aws:iam::111122223333:role/app-deployer',
  reporting: 'arn:aws:iam::111122223333:role/reporting',
  auditReader: 'arn:aws:iam::111122223333:role/audit-reader',
} as const

/** The Access Analyzer emulator's principals for the example: each serves its usage after `latencyMs`. */
export function examplePrincipals(latencyMs: number): Record<string, { policy: object; latencyMs: number }> {
  return Object.fromEntries(
    Object.entries(EXAMPLE_USAGE).map(([arn, policy]) => [arn, { policy, latencyMs }]),
  )
}

export const EXAMPLE_USAGE: Readonly<Record<string, object>> = {
  // Deploys artifacts and Lambda code; reads one SSM parameter that no committed policy grants (the
  // live role drifted from the repository).
  [EXAMPLE_ROLES.appDeployer]: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: 'arn:aws:s3:::${BucketName}',
      },
      {
        Effect: 'Allow',
        Action: [
          'lambda:GetFunction',
          'lambda:PublishVersion',
          'lambda:UpdateFunctionCode',
          'lambda:UpdateFunctionConfiguration',
        ],
        Resource: 'arn:aws:lambda:${Region}:${Account}:function:${FunctionName}',
      },
      {
        Effect: 'Allow',
        Action: ['ssm:GetParameter'],
        Resource: 'arn:aws:ssm:${Region}:${Account}:parameter/${ParameterName}',
      },
    ],
  },
  // Runs Athena queries; never reads the Glue database.
  [EXAMPLE_ROLES.reporting]: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StartQueryExecution'],
        Resource: 'arn:aws:athena:${Region}:${Account}:workgroup/${WorkGroupName}',
      },
      {
        Effect: 'Allow',
        Action: ['glue:GetTable'],
        Resource: 'arn:aws:glue:${Region}:${Account}:table/${DatabaseName}/${TableName}',
      },
    ],
  },
  // Uses everything it is granted.
  [EXAMPLE_ROLES.auditReader]: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['cloudtrail:LookupEvents', 'sts:GetCallerIdentity'], Resource: '*' },
    ],
  },
}

/** What the existing principals of the Terraform example (examples/terraform) used. */
export const TERRAFORM_USAGE: Readonly<Record<string, object>> = {
  'arn:aws:iam::111122223333:role/reporting': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'athena:GetQueryExecution',
          'athena:GetQueryResults',
          'athena:StartQueryExecution',
          'glue:GetTable',
        ],
        Resource: '*',
      },
    ],
  },
  'arn:aws:iam::111122223333:role/worker-ingest': {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], Resource: '*' }],
  },
  'arn:aws:iam::111122223333:role/worker-export': {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: '*' }],
  },
  'arn:aws:iam::111122223333:user/automation/ci': {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['sts:GetCallerIdentity'], Resource: '*' }],
  },
}

/** The emulator's principals for the Terraform example. */
export function terraformPrincipals(
  latencyMs: number,
): Record<string, { policy: object; latencyMs: number }> {
  return Object.fromEntries(
    Object.entries(TERRAFORM_USAGE).map(([arn, policy]) => [arn, { policy, latencyMs }]),
  )
}

/** What the existing roles of the CloudFormation example (examples/cloudformation) used. */
export const CLOUDFORMATION_USAGE: Readonly<Record<string, object>> = {
  'arn:aws:iam::111122223333:role/api-prod': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'secretsmanager:GetSecretValue'],
        Resource: '*',
      },
    ],
  },
  'arn:aws:iam::111122223333:role/reports-prod': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['athena:StartQueryExecution', 'athena:GetQueryResults', 's3:ListBucket'],
        Resource: '*',
      },
    ],
  },
}

/** The emulator's principals for the CloudFormation example. */
export function cloudFormationPrincipals(
  latencyMs: number,
): Record<string, { policy: object; latencyMs: number }> {
  return Object.fromEntries(
    Object.entries(CLOUDFORMATION_USAGE).map(([arn, policy]) => [arn, { policy, latencyMs }]),
  )
}
