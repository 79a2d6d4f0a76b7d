// A pull request's base revision has no cdk.out: `cdk synth` makes it in the job from the head's app, git
// does not hold it, and nothing here can synthesize the base's app. In AWS mode its stacks are compared
// with what is deployed instead: each stack's template as CloudFormation keeps it (GetTemplate, the
// Original stage: the JSON cdk deploy uploaded), written into the base revision's tree at the path the
// head's assembly gives it, beside the head's manifests, and its CDK nested stacks' likewise. A stack
// not deployed (new in this pull request, or never deployed) gets a template of no resources: what is
// in it is new.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, posix } from 'node:path'
import {
  type CloudFormationClient,
  DescribeStackResourcesCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation'
import type { Config } from '../config/config-file.js'
import { entryAt } from '../config/paths.js'
import { readTextUpTo } from '../config/read-text.js'
import { type AssemblyStack, readCloudAssembly } from '../sources/cloudformation/cloud-assembly.js'
import type { Logger } from '../vocabulary/logger.js'
import type { CredentialsFor } from './account-sessions.js'
import { cloudFormationClients } from './cloudformation-clients.js'
import type { CredentialSource } from './credentials.js'

/**
 * The `cdk-out:` assemblies of `config` the base revision (`baseDir`) has nothing of and the head has
 * (`cdk synth` made it in the job), written into the base's tree as deployed, so that what the pull
 * request does not change is existing. Returns those written. One CloudFormation refuses (no
 * cloudformation:GetTemplate, a role of another account that cannot be assumed) is left out with a
 * warning, and its findings count as new. A stack of another account (a pipeline's stage) is read
 * through its `accounts:` role, as its usage is.
 */
export async function baseAsDeployed(
  head: string,
  baseDir: string,
  config: Config,
  run: {
    readonly region: string
    /** The run's credentials; when they cannot be had, the run fails where usage asks for them. */
    readonly own: () => Promise<CredentialSource | undefined>
    /** Each account's session, as the run's usage has it. */
    readonly forAccount: CredentialsFor
  },
  logger: Logger,
): Promise<string[]> {
  const isDirectory = (root: string, path: string) => entryAt(join(root, path))?.isDirectory() === true
  const wanted = config.cloudFormation.filter(
    (c) => c.cdkOut !== undefined && !isDirectory(baseDir, c.cdkOut) && isDirectory(head, c.cdkOut),
  )
  if (wanted.length === 0) return []
  if ((await run.own().catch(() => null)) === null) return []
  const written: string[] = []
  for (const entry of wanted) {
    const cdkOut = entry.cdkOut as string
    const assembly = readCloudAssembly(head, cdkOut, { file: '', line: entry.line })
    if (assembly.problems.length > 0) continue
    // As the entry says, as the head's stacks are read (its stack-name:, account: and region: first).
    const stacks = assembly.stacks.map((stack) => ({
      ...stack,
      deployedName: entry.stackName ?? stack.deployedName,
      account: entry.account ?? stack.account,
      region: entry.region ?? stack.region,
    }))
    try {
      await writeDeployedAssembly(
        head,
        baseDir,
        cdkOut,
        stacks,
        { region: run.region, credentialsFor: run.forAccount },
        logger,
      )
      written.push(cdkOut)
    } catch (error) {
      logger.warning(
        `The base revision has no ${cdkOut}, and its stacks' deployed templates could not be read ` +
          `(${(error as Error).name}: ${(error as Error).message}), so the findings in it count as new. Give the ` +
          "workflow's role cloudformation:GetTemplate on the stacks (examples/aws has it).",
      )
    }
  }
  return written
}

/** Largest template kept: CloudFormation takes templates of 1 MB from S3; its own limit, with room. */
const MAX_TEMPLATE_BYTES = 16 * 1024 * 1024
/** Largest manifest copied (as cloud-assembly.ts reads them). */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024
/** GetTemplate calls in flight at once. */
const AT_ONCE = 8
/** How deep the copy follows nested assemblies (stages of stages), and nested stacks in nested stacks. */
const MAX_DEPTH = 8

/** A stack CloudFormation does not have, and one in an account the run cannot reach. */
const NOT_DEPLOYED = Symbol('not deployed')
const UNREACHED = Symbol('unreached')

/** The template of a stack that is not deployed: nothing in it, so whatever the head has there is new. */
const NO_RESOURCES = '{"Resources":{}}\n'

/**
 * Writes into `baseDir` the assembly `cdkOut` as deployed: the head's manifests (every manifest.json of
 * it and its nested assemblies) and, for each of `stacks`, the deployed template, or one of no
 * resources. Throws when CloudFormation refuses (access denied, no credentials): then nothing of the
 * assembly is written, and the base has none, as before.
 */
async function writeDeployedAssembly(
  head: string,
  baseDir: string,
  cdkOut: string,
  stacks: readonly AssemblyStack[],
  request: { readonly region: string; readonly credentialsFor: CredentialsFor },
  logger: Logger,
): Promise<void> {
  // A client per account and region the stacks are in.
  const clients = cloudFormationClients(request.credentialsFor)
  const clientFor = (stack: AssemblyStack) => clients.clientIn(stack.account, stack.region ?? request.region)
  // What each stack's template is: its text (and its nested stacks' files), NOT_DEPLOYED, or UNREACHED.
  const templateOf = async (stack: AssemblyStack): Promise<symbol | Deployed> => {
    const pending = clientFor(stack)
    if (!pending) return UNREACHED
    const client = await pending
    const body = await deployedTemplate(client, stack.deployedName)
    if (body === undefined) return NOT_DEPLOYED
    const nested = await nestedTemplates(client, stack.deployedName, body, stack.template, cdkOut, 0)
    return { body, nested }
  }
  try {
    // A few at a time: an app of many stacks (one per service and stage) is not read one by one.
    const found: (Deployed | symbol)[] = []
    for (let i = 0; i < stacks.length; i += AT_ONCE)
      found.push(...(await Promise.all(stacks.slice(i, i + AT_ONCE).map(templateOf))))
    const named = (state: symbol) =>
      stacks.filter((_, i) => found[i] === state).map((stack) => stack.displayName)
    const deployed = stacks.filter((_, i) => typeof found[i] === 'object').map((stack) => stack.displayName)
    const notDeployed = named(NOT_DEPLOYED)
    const unreached = named(UNREACHED)
    for (const [manifest, text] of manifestsOf(head, cdkOut)) write(baseDir, manifest, text)
    for (const [i, stack] of stacks.entries()) {
      const got = found[i]
      write(baseDir, stack.template, typeof got === 'object' ? got.body : NO_RESOURCES)
      if (typeof got === 'object') for (const [file, body] of got.nested) write(baseDir, file, body)
    }
    logger.info(
      `Base revision: ${cdkOut} as deployed (CloudFormation GetTemplate): ${deployed.length} of ${stacks.length} stack(s)` +
        (notDeployed.length > 0 ? `; not deployed: ${notDeployed.join(', ')}` : '') +
        (unreached.length > 0
          ? `; in an account accounts: does not name, so not read: ${unreached.join(', ')}`
          : ''),
    )
  } finally {
    await clients.destroy()
  }
}

/** A deployed stack's template, and the files of the CDK nested stacks it holds. */
interface Deployed {
  readonly body: string
  readonly nested: readonly (readonly [string, string])[]
}

/**
 * The deployed templates of the CDK nested stacks (`NestedStack`) a deployed template holds, each at the
 * file its `aws:asset:path` names beside `template` (where cdk synth wrote it), nested ones in them too.
 * A nested stack not deployed, or whose stack cannot be read, is left out: the base read says its
 * template is not there, and what it holds is new.
 */
async function nestedTemplates(
  client: CloudFormationClient,
  stack: string,
  body: string,
  template: string,
  cdkOut: string,
  depth: number,
): Promise<[string, string][]> {
  const assets = nestedAssets(body)
  if (assets.size === 0 || depth >= MAX_DEPTH) return []
  let physical: Map<string, string>
  try {
    const { StackResources = [] } = await client.send(new DescribeStackResourcesCommand({ StackName: stack }))
    physical = new Map(StackResources.map((r) => [r.LogicalResourceId ?? '', r.PhysicalResourceId ?? '']))
  } catch {
    return []
  }
  const files: [string, string][] = []
  for (const [logicalId, asset] of assets) {
    const file = posix.normalize(posix.join(posix.dirname(template), asset))
    const id = physical.get(logicalId)
    if (!file.startsWith(`${cdkOut}/`) || !id) continue
    const nested = await deployedTemplate(client, id).catch(() => undefined)
    if (nested === undefined) continue
    files.push([file, nested], ...(await nestedTemplates(client, id, nested, file, cdkOut, depth + 1)))
  }
  return files
}

/** The nested stacks of a template by logical id, with the file their `aws:asset:path` names. */
function nestedAssets(body: string): Map<string, string> {
  const assets = new Map<string, string>()
  let resources: unknown
  try {
    resources = (JSON.parse(body) as { Resources?: unknown }).Resources
  } catch {
    return assets
  }
  if (typeof resources !== 'object' || resources === null) return assets
  for (const [id, resource] of Object.entries(resources as Record<string, unknown>)) {
    const { Type, Metadata } = (resource ?? {}) as { Type?: unknown; Metadata?: Record<string, unknown> }
    const asset = Metadata?.['aws:asset:path']
    if (Type === 'AWS::CloudFormation::Stack' && typeof asset === 'string' && asset !== '')
      assets.set(id, asset)
  }
  return assets
}

/** The deployed template of `stackName`, or undefined when there is no such stack; throws on any other error. */
async function deployedTemplate(
  client: CloudFormationClient,
  stackName: string,
): Promise<string | undefined> {
  try {
    const { TemplateBody } = await client.send(
      new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Original' }),
    )
    if (TemplateBody === undefined || TemplateBody.length > MAX_TEMPLATE_BYTES) return undefined
    return TemplateBody
  } catch (error) {
    // CloudFormation's answer for a stack that does not exist (and for one deleted).
    if ((error as Error).name === 'ValidationError' && /does not exist/.test((error as Error).message))
      return undefined
    throw error
  }
}

/**
 * The manifest.json files of the assembly at `cdkOut` and of the nested assemblies (stages) its
 * manifests name, as paths in `root`: what the head's reading followed, each path inside the assembly.
 */
function manifestsOf(root: string, cdkOut: string): [string, string][] {
  const found: [string, string][] = []
  const visit = (dir: string, depth: number) => {
    const manifest = posix.join(dir, 'manifest.json')
    const text = entryAt(join(root, manifest))?.isFile()
      ? readTextUpTo(join(root, manifest), MAX_MANIFEST_BYTES)
      : null
    if (text === null) return
    found.push([manifest, text])
    if (depth >= MAX_DEPTH) return
    let artifacts: unknown
    try {
      artifacts = (JSON.parse(text) as { artifacts?: unknown }).artifacts
    } catch {
      return
    }
    if (typeof artifacts !== 'object' || artifacts === null) return
    for (const artifact of Object.values(artifacts) as {
      type?: unknown
      properties?: { directoryName?: unknown }
    }[]) {
      const name = artifact?.type === 'cdk:cloud-assembly' ? artifact.properties?.directoryName : undefined
      if (typeof name !== 'string' || name === '') continue
      const nested = posix.normalize(posix.join(dir, name))
      if (nested.startsWith(`${dir}/`)) visit(nested, depth + 1)
    }
  }
  visit(posix.normalize(cdkOut), 0)
  return found
}

function write(root: string, file: string, text: string): void {
  const path = join(root, file)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
}
