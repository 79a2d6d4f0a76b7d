// What AWS SAM adds to a function's own role for its event sources and its EventInvokeConfig, besides
// the managed policies of implicitManagedPolicies: the access a pull source needs (an MQ broker's or a
// Kafka cluster's secret, a DocumentDB cluster, a schema registry, the VPC), where a failed batch or
// invocation is sent, and a ScheduleV2 event's dead-letter queue. As samtranslator builds them at the
// snapshot's commit: model/eventsources/pull.py, scheduler.py, sam_resources.py
// (_construct_event_invoke_config) and iam.py (IAMRolePolicies).
import type { JsonNode } from '../../policy/json-tree.js'
import { replacePlaceholders } from '../../vocabulary/placeholders.js'
import { entries, fieldOf, written } from './nodes.js'

/** Statements SAM adds for one part of a resource, at the node that asks for them. */
export interface SamStatements {
  readonly at: JsonNode
  /** `Events.Stream`, `EventInvokeConfig.DestinationConfig.OnFailure`. */
  readonly part: string
  readonly statements: readonly unknown[]
}

/** What a function's events and EventInvokeConfig add to its own role. */
export function functionEventStatements(
  functionId: string,
  props: ReadonlyMap<string, JsonNode>,
): SamStatements[] {
  const out: SamStatements[] = []
  const events = props.get('Events')
  for (const [i, key] of events?.type === 'object' ? events.keys.entries() : []) {
    const event = events?.type === 'object' ? events.values[i] : undefined
    const fields = event?.type === 'object' ? entries(event) : undefined
    const type = textOf(fields?.get('Type'))
    const properties = fields?.get('Properties')
    const p = properties?.type === 'object' ? entries(properties) : new Map<string, JsonNode>()
    const statements = [
      ...(type && PULL_SOURCES.has(type) ? failureDestination(p.get('DestinationConfig')) : []),
      ...(type ? (SOURCE_ACCESS[type]?.(p) ?? []) : []),
    ]
    if (statements.length > 0) out.push({ at: key, part: `Events.${key.value}`, statements })
  }
  out.push(...invokeDestinations(functionId, props.get('EventInvokeConfig')))
  return out
}

/**
 * A ScheduleV2 event's dead-letter queue, which its scheduler role may send to: the queue `Arn` given,
 * or the one SAM makes (`QueueLogicalId`, else `<Id><Event>Queue`).
 */
export function scheduleDeadLetterStatements(eventId: string, properties: JsonNode | undefined): unknown[] {
  const config = properties?.type === 'object' ? fieldOf(properties, 'DeadLetterConfig') : undefined
  if (config?.type !== 'object') return []
  const arn = fieldOf(config, 'Arn')
  const queue = textOf(fieldOf(config, 'QueueLogicalId')) ?? `${eventId}Queue`
  return [sendMessage(arn ? written(arn) : { 'Fn::GetAtt': [queue, 'Arn'] })]
}

/** The event types SAM makes an event source mapping of: a failed batch may go to a destination. */
const PULL_SOURCES: ReadonlySet<string> = new Set([
  'SQS',
  'Kinesis',
  'DynamoDB',
  'MSK',
  'MQ',
  'SelfManagedKafka',
  'DocumentDB',
])

/** A pull source's `DestinationConfig.OnFailure` of `Type` SQS, SNS or S3 (Kafka's needs nothing). */
function failureDestination(node: JsonNode | undefined): unknown[] {
  const onFailure = node?.type === 'object' ? fieldOf(node, 'OnFailure') : undefined
  if (onFailure?.type !== 'object') return []
  const destination = fieldOf(onFailure, 'Destination')
  const type = textOf(fieldOf(onFailure, 'Type'))
  if (!destination || !type) return []
  const arn = written(destination)
  if (type === 'SQS') return [sendMessage(arn)]
  if (type === 'SNS') return [{ Effect: 'Allow', Action: 'sns:publish', Resource: arn }]
  if (type === 'S3') return s3Payload(arn)
  return []
}

/**
 * EventInvokeConfig's OnSuccess and OnFailure destinations: the `Destination` given, or for SQS and
 * SNS without one, the queue or topic SAM makes (`<Id>EventInvokeConfig<OnX>Queue` / `Topic`).
 */
function invokeDestinations(functionId: string, node: JsonNode | undefined): SamStatements[] {
  const config = node?.type === 'object' ? fieldOf(node, 'DestinationConfig') : undefined
  if (config?.type !== 'object') return []
  const out: SamStatements[] = []
  for (const [i, key] of config.keys.entries()) {
    const value = config.values[i]
    if ((key.value !== 'OnSuccess' && key.value !== 'OnFailure') || value?.type !== 'object') continue
    const type = textOf(fieldOf(value, 'Type'))
    const destination = fieldOf(value, 'Destination')
    const made = `${functionId}EventInvokeConfig${key.value}`
    const madeArn =
      type === 'SQS'
        ? { 'Fn::GetAtt': [`${made}Queue`, 'Arn'] }
        : type === 'SNS'
          ? `\${${made}Topic}`
          : undefined
    const arn = destination ? orMade(destination, madeArn) : madeArn
    if (arn === undefined) continue
    const statements =
      type === 'SQS'
        ? [sendMessage(arn)]
        : type === 'SNS'
          ? [{ Effect: 'Allow', Action: 'sns:publish', Resource: arn }]
          : type === 'EventBridge'
            ? [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: arn }]
            : type === 'Lambda'
              ? [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: arn }]
              : type === 'S3Bucket'
                ? s3Payload(arn)
                : []
    if (statements.length > 0)
      out.push({ at: key, part: `EventInvokeConfig.DestinationConfig.${key.value}`, statements })
  }
  return out
}

/**
 * A destination as SAM reads it: `!If [Cond, arn, !Ref AWS::NoValue]` of SQS or SNS is the queue or
 * topic SAM makes where the branch is none (made under that condition), and none on both is SAM's alone.
 */
function orMade(destination: JsonNode, made: unknown): unknown {
  const branches = destination.type === 'object' ? fieldOf(destination, 'Fn::If') : undefined
  if (made === undefined || branches?.type !== 'array' || branches.items.length !== 3)
    return written(destination)
  const [condition, yes, no] = branches.items as [JsonNode, JsonNode, JsonNode]
  if (!isNoValue(yes) && !isNoValue(no)) return written(destination)
  if (isNoValue(yes) && isNoValue(no)) return made
  const branch = (n: JsonNode) => (isNoValue(n) ? made : written(n))
  return { 'Fn::If': [written(condition), branch(yes), branch(no)] }
}

function isNoValue(node: JsonNode): boolean {
  const ref = node.type === 'object' && node.keys.length === 1 ? fieldOf(node, 'Ref') : undefined
  return ref?.type === 'string' && ref.value === 'AWS::NoValue'
}

/** What each pull source needs to reach its source, besides its managed policy. */
const SOURCE_ACCESS: Readonly<Record<string, (p: ReadonlyMap<string, JsonNode>) => unknown[]>> = {
  MSK: (p) => [
    ...schemaRegistry(p),
    ...accessConfigurations(p)
      .filter((c) => c.type === 'CLIENT_CERTIFICATE_TLS_AUTH' && c.uri)
      .map((c) => secret(c.uri as JsonNode)),
  ],
  MQ: (p) => {
    const basic = accessConfigurations(p).find((c) => c.type === 'BASIC_AUTH')?.uri
    const broker = p.get('Broker')
    return [
      ...(basic ? [secret(basic)] : []),
      ...(broker ? [{ Effect: 'Allow', Action: ['mq:DescribeBroker'], Resource: written(broker) }] : []),
      ...kmsDecrypt(p),
    ]
  },
  SelfManagedKafka: (p) => {
    const configurations = accessConfigurations(p)
    const auth = configurations.find((c) => KAFKA_AUTH.has(c.type ?? ''))?.uri
    const rootCertificate = configurations.some((c) => c.type === 'SERVER_ROOT_CA_CERTIFICATE' && c.uri)
    const vpc = ['VPC_SUBNET', 'VPC_SECURITY_GROUP'].every((t) => configurations.some((c) => c.type === t))
    return [
      ...(auth ? [secret(auth)] : []),
      // SAM grants the authentication secret again for a root CA certificate, not the certificate's.
      ...(auth && rootCertificate ? [secret(auth)] : []),
      ...(vpc ? [VPC_ACCESS] : []),
      ...kmsDecrypt(p),
      ...schemaRegistry(p),
    ]
  },
  DocumentDB: (p) => {
    const basic = accessConfigurations(p).find((c) => c.type === 'BASIC_AUTH')?.uri
    const cluster = p.get('Cluster')
    const rds = (action: string, resource: string) => ({
      Effect: 'Allow',
      Action: [action],
      Resource: { 'Fn::Sub': `arn:\${AWS::Partition}:rds:\${AWS::Region}:\${AWS::AccountId}:${resource}` },
    })
    return [
      ...(basic ? [secret(basic)] : []),
      rds('rds:DescribeDBClusterParameters', 'cluster-pg:*'),
      rds('rds:DescribeDBSubnetGroups', 'subgrp:*'),
      ...(cluster
        ? [{ Effect: 'Allow', Action: ['rds:DescribeDBClusters'], Resource: written(cluster) }]
        : []),
      VPC_ACCESS,
      ...kmsDecrypt(p),
    ]
  },
}

const KAFKA_AUTH: ReadonlySet<string> = new Set([
  'SASL_SCRAM_256_AUTH',
  'SASL_SCRAM_512_AUTH',
  'BASIC_AUTH',
  'CLIENT_CERTIFICATE_TLS_AUTH',
])

const VPC_ACCESS = {
  Effect: 'Allow',
  Action: [
    'ec2:CreateNetworkInterface',
    'ec2:DescribeNetworkInterfaces',
    'ec2:DeleteNetworkInterface',
    'ec2:DescribeVpcs',
    'ec2:DescribeSubnets',
    'ec2:DescribeSecurityGroups',
  ],
  Resource: '*',
}

/** A pull source's SourceAccessConfigurations: each one's Type (as written) and URI. */
function accessConfigurations(
  p: ReadonlyMap<string, JsonNode>,
): { type: string | undefined; uri: JsonNode | undefined }[] {
  const list = p.get('SourceAccessConfigurations')
  return (list?.type === 'array' ? list.items : []).map((item) =>
    item.type === 'object'
      ? { type: textOf(fieldOf(item, 'Type')), uri: fieldOf(item, 'URI') }
      : { type: undefined, uri: undefined },
  )
}

/**
 * A Kafka source's SchemaRegistryConfig: its access secrets, and a Glue registry named by a literal ARN
 * (`…:registry/<name>`) with its schemas.
 */
function schemaRegistry(p: ReadonlyMap<string, JsonNode>): unknown[] {
  const config = p.get('SchemaRegistryConfig')
  if (config?.type !== 'object') return []
  const access = fieldOf(config, 'AccessConfigs')
  const statements: unknown[] = (access?.type === 'array' ? access.items : []).flatMap((item) => {
    const uri = item.type === 'object' ? fieldOf(item, 'URI') : undefined
    return uri ? [secret(uri)] : []
  })
  const uri = fieldOf(config, 'SchemaRegistryURI')
  // A literal ARN, or the text of an `Fn::Sub` of one, its `${AWS::Partition}` and the like resolved
  // (SAM reads the registry's name from either).
  const sub = uri?.type === 'object' ? fieldOf(uri, 'Fn::Sub') : undefined
  const text = textOf(uri) ?? textOf(sub)
  const registry = text === undefined ? undefined : replacePlaceholders(text, () => 'x').split(':')[5]
  if (uri && registry?.startsWith('registry/')) {
    const name = registry.slice('registry/'.length)
    statements.push(
      { Effect: 'Allow', Action: ['glue:GetRegistry'], Resource: written(uri) },
      {
        Effect: 'Allow',
        Action: ['glue:GetSchemaVersion'],
        Resource: [
          { 'Fn::Sub': `arn:\${AWS::Partition}:glue:\${AWS::Region}:\${AWS::AccountId}:schema/${name}/*` },
        ],
      },
    )
  }
  return statements
}

/** `SecretsManagerKmsKeyId`: the key that encrypts the source's secret. */
function kmsDecrypt(p: ReadonlyMap<string, JsonNode>): unknown[] {
  const key = textOf(p.get('SecretsManagerKmsKeyId'))
  if (!key) return []
  return [
    {
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: { 'Fn::Sub': `arn:\${AWS::Partition}:kms:\${AWS::Region}:\${AWS::AccountId}:key/${key}` },
    },
  ]
}

function secret(uri: JsonNode): unknown {
  return { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: written(uri) }
}

function sendMessage(arn: unknown): unknown {
  return { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: arn }
}

/** A failed event's payload written to a bucket: its objects, and listing it. */
function s3Payload(arn: unknown): unknown[] {
  return [
    { Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Join': ['/', [arn, '*']] } },
    { Effect: 'Allow', Action: 's3:ListBucket', Resource: arn },
  ]
}

/** A scalar written as text (SAM reads these literally: no intrinsic functions). */
function textOf(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' ? node.value : undefined
}
