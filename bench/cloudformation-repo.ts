// Synthetic CloudFormation templates for `npm run bench`: 200 YAML templates of 10 roles each (2,000
// roles), each role with an inline policy of three statements written with !Sub, !GetAtt and !Ref to a
// parameter, an AWS managed policy, and a customer managed policy the template defines and attaches
// with !Ref. The same policies are also written as JSON files with a principals: config, for the ratio.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ACCOUNT = '111122223333'
const TEMPLATES = 200
const ROLES = 10

function template(t: number): string {
  const lines = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Parameters:',
    '  Stage:',
    '    Type: String',
    '    Default: prod',
    'Resources:',
  ]
  for (let r = 0; r < ROLES; r++) {
    const i = t * ROLES + r
    lines.push(
      `  Table${r}:`,
      '    Type: AWS::DynamoDB::Table',
      `  Role${r}:`,
      '    Type: AWS::IAM::Role',
      '    Properties:',
      `      RoleName: !Sub app-${i}-\${Stage}`,
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal: { Service: lambda.amazonaws.com }',
      '            Action: sts:AssumeRole',
      '      ManagedPolicyArns:',
      `        - !Sub arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`,
      `        - !Ref Shared${r}`,
      '      Policies:',
      '        - PolicyName: app',
      '          PolicyDocument:',
      "            Version: '2012-10-17'",
      '            Statement:',
      '              - Sid: Read',
      '                Effect: Allow',
      '                Action: [s3:GetObject, s3:ListBucket]',
      '                Resource:',
      `                  - !Sub arn:\${AWS::Partition}:s3:::bucket-${i}`,
      `                  - !Sub arn:\${AWS::Partition}:s3:::bucket-${i}/*`,
      '              - Sid: Table',
      '                Effect: Allow',
      '                Action:',
      '                  - dynamodb:GetItem',
      '                  - dynamodb:PutItem',
      '                  - dynamodb:Query',
      `                Resource: !GetAtt Table${r}.Arn`,
      '              - Sid: Logs',
      '                Effect: Allow',
      "                Action: 'logs:*'",
      "                Resource: '*'",
      `  Shared${r}:`,
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      `      ManagedPolicyName: shared-${i}`,
      '      PolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      '          - Effect: Allow',
      '            Action: [sqs:SendMessage, sqs:ReceiveMessage]',
      `            Resource: !Sub arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:queue-${i}`,
    )
  }
  return `${lines.join('\n')}\n`
}

/** The same role's policies as JSON files: the inline one and the customer managed one. */
function jsonPolicies(i: number, r: number): [object, object] {
  return [
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Read',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: [`arn:aws:s3:::bucket-${i}`, `arn:aws:s3:::bucket-${i}/*`],
        },
        {
          Sid: 'Table',
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
          Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Table${r}`,
        },
        { Sid: 'Logs', Effect: 'Allow', Action: 'logs:*', Resource: '*' },
      ],
    },
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'],
          Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:queue-${i}`,
        },
      ],
    },
  ]
}

export async function makeCloudFormationRepositories(): Promise<{
  cloudformation: string
  json: string
  roles: number
}> {
  const cloudformation = await mkdtemp(join(tmpdir(), 'ipd-bench-cfn-'))
  const json = await mkdtemp(join(tmpdir(), 'ipd-bench-cfn-json-'))
  await mkdir(join(cloudformation, 'stacks'), { recursive: true })
  await mkdir(join(cloudformation, '.github'))
  await mkdir(join(json, '.github'))
  const principals = ['principals:']
  for (let t = 0; t < TEMPLATES; t++) {
    await writeFile(join(cloudformation, 'stacks', `stack-${t}.yml`), template(t))
    for (let r = 0; r < ROLES; r++) {
      const i = t * ROLES + r
      const dir = join(json, 'iam', `app-${i}`)
      await mkdir(dir, { recursive: true })
      const [app, shared] = jsonPolicies(i, r)
      await writeFile(join(dir, 'app.json'), JSON.stringify(app, null, 2))
      await writeFile(join(dir, 'shared.json'), JSON.stringify(shared, null, 2))
      principals.push(
        `  - arn: arn:aws:iam::${ACCOUNT}:role/app-${i}-prod`,
        `    policies: [iam/app-${i}/*.json]`,
      )
    }
  }
  await writeFile(
    join(cloudformation, '.github', 'iam-policy-drift.yml'),
    `cloudformation:\n  - template: stacks/*.yml\n    account: "${ACCOUNT}"\n    region: us-east-1\n`,
  )
  await writeFile(join(json, '.github', 'iam-policy-drift.yml'), `${principals.join('\n')}\n`)
  return { cloudformation, json, roles: TEMPLATES * ROLES }
}
