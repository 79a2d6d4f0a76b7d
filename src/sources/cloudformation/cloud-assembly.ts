// An AWS CDK cloud assembly (`cdk.out`): its manifest.json lists the stacks (`aws:cloudformation:stack`
// artifacts: template file, environment `aws://account/region`, stack name) and the nested assemblies
// of stages (`cdk:cloud-assembly`, a directory with a manifest of its own). Every path it names must stay
// inside the assembly: a pull request can bring a hostile one.
import { realpathSync } from 'node:fs'
import { join, posix } from 'node:path'
import { entryAt, isInside, realPath } from '../../config/paths.js'
import { readTextUpTo, tooLarge } from '../../config/read-text.js'
import { parseJsonTree, toValue } from '../../policy/json-tree.js'
import { isAccountId } from '../../vocabulary/accounts.js'
import type { Problem } from '../../vocabulary/problems.js'
import { entries } from './nodes.js'

/** A stack of the assembly: its template (relative to the workspace) and what the manifest says of it. */
export interface AssemblyStack {
  readonly template: string
  readonly stackName: string | undefined
  readonly account: string | undefined
  readonly region: string | undefined
  /** The stack's name as the CDK app shows it (`Prod/Api`). */
  readonly displayName: string
  /** The name cdk deploy gives the stack: its `stackName`, else its artifact's id. */
  readonly deployedName: string
}

/** The deepest nesting of stages read: a CDK app rarely nests more than two. */
const MAX_NESTING = 8
/** Largest manifest read: a large app's, with its construct metadata, runs to a few MiB. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024

/** The stacks of the assembly in `dir` (relative to the workspace), nested stages included. */
export function readCloudAssembly(
  workspaceRoot: string,
  dir: string,
  /** Where the config names the assembly: a directory that is none is said there, not at a file it lacks. */
  namedAt: { readonly file: string; readonly line: number },
): { stacks: AssemblyStack[]; problems: Problem[] } {
  const stacks: AssemblyStack[] = []
  const problems: Problem[] = []
  const root = realpathSync.native(workspaceRoot)
  // Each assembly read once, by where it really is: a stage naming its own directory (or a symlink back
  // to it) would be read again at every level, as many times as it names itself to the power of the
  // nesting allowed.
  const read = new Set<string>()
  // A nested assembly's `named` says a problem with it where its parent's manifest names it.
  const visit = (assembly: string, depth: number, named?: (message: string) => void): void => {
    const manifestFile = posix.join(assembly, 'manifest.json')
    const problem = (message: string, line = 1, column = 1) =>
      problems.push({ file: manifestFile, line, column, message })
    if (depth > MAX_NESTING) {
      ;(named ?? problem)(`stages nested deeper than ${MAX_NESTING} levels; not read`)
      return
    }
    const path = join(workspaceRoot, manifestFile)
    if (!entryAt(path)?.isFile()) {
      if (named) named(`has no manifest.json, so it is not a CDK cloud assembly (run cdk synth)`)
      else
        problems.push({
          ...namedAt,
          message: `cloudformation: cdk-out: ${JSON.stringify(assembly)} has no manifest.json, so it is not a CDK cloud assembly${appHint(workspaceRoot, assembly)}`,
        })
      return
    }
    const text = readTextUpTo(path, MAX_MANIFEST_BYTES)
    if (text === null) {
      problem(tooLarge(MAX_MANIFEST_BYTES))
      return
    }
    const {
      root: tree,
      errors: [error],
    } = parseJsonTree(text, 100)
    if (error || !tree) {
      problem(`not valid JSON: ${error?.reason ?? 'empty'}`, error?.line, error?.column)
      return
    }
    const artifacts = tree.type === 'object' ? entries(tree).get('artifacts') : undefined
    if (artifacts?.type !== 'object') {
      problem('not a cloud assembly manifest: it has no "artifacts"', artifacts?.line, artifacts?.column)
      return
    }
    // Where the assembly really is, once: every path its artifacts name must stay in it.
    const within = realPath(join(workspaceRoot, assembly))
    if (within !== undefined) read.add(within)
    // Of an id given twice, the last, as JSON.parse reads it.
    for (const [id, node] of entries(artifacts)) {
      const artifact = toValue(node) as Artifact | null
      const props = artifact?.properties ?? {}
      const propsNode = node.type === 'object' ? entries(node).get('properties') : undefined
      // Said where the manifest names it: the property's value, else the properties, else the artifact.
      const said = (message: string, property: string) => {
        const at = (propsNode?.type === 'object' && entries(propsNode).get(property)) || propsNode || node
        problem(message, at.line, at.column)
      }
      const inside = (name: unknown, what: string): string | undefined => {
        if (typeof name !== 'string' || name === '') {
          said(`artifacts.${id}.properties: expected a ${what}`, what)
          return undefined
        }
        const relative = posix.normalize(posix.join(assembly, name))
        const real = realPath(join(workspaceRoot, relative))
        if (real === undefined || within === undefined) {
          said(`artifacts.${id}: its ${what} ${JSON.stringify(name)} cannot be read`, what)
          return undefined
        }
        if (!isInside(root, real) || !isInside(within, real)) {
          said(`artifacts.${id}: ${JSON.stringify(name)} leads out of the assembly; not read`, what)
          return undefined
        }
        return relative
      }
      // A template is a file and a nested assembly a directory: anything else there is not what is named.
      const file = (name: unknown, what: string, directory = false): string | undefined => {
        if (typeof name !== 'string' || name === '') return inside(name, what)
        // A name that leads out as written is said to, without looking there: whether a file exists
        // outside the workspace is nothing a pull request's log may tell.
        const written = posix.relative(assembly, posix.join(assembly, name))
        if (written === '..' || written.startsWith('../')) {
          said(`artifacts.${id}: ${JSON.stringify(name)} leads out of the assembly; not read`, what)
          return undefined
        }
        const entry = entryAt(join(workspaceRoot, assembly, name))
        if (!(directory ? entry?.isDirectory() : entry?.isFile())) {
          said(
            `artifacts.${id}: its ${what} ${JSON.stringify(name)} is ${entry ? `not a ${directory ? 'directory' : 'file'}` : 'missing'}`,
            what,
          )
          return undefined
        }
        return inside(name, what)
      }
      if (artifact?.type === 'aws:cloudformation:stack') {
        const template = file(props.templateFile, 'templateFile')
        if (!template) continue
        const [, account, region] = /^aws:\/\/([^/]*)\/(.*)$/.exec(artifact.environment ?? '') ?? []
        stacks.push({
          template,
          stackName: typeof props.stackName === 'string' ? props.stackName : undefined,
          account: account && isAccountId(account) ? account : undefined,
          region: region && !region.startsWith('unknown') ? region : undefined,
          displayName: artifact.displayName ?? id,
          deployedName: typeof props.stackName === 'string' ? props.stackName : id,
        })
      } else if (artifact?.type === 'cdk:cloud-assembly') {
        const nested = file(props.directoryName, 'directoryName', true)
        if (!nested) continue
        const real = realPath(join(workspaceRoot, nested))
        if (real !== undefined && read.has(real)) {
          said(
            `artifacts.${id}: its directoryName ${JSON.stringify(props.directoryName)} is an assembly read already (a stage cannot hold itself); not read again`,
            'directoryName',
          )
          continue
        }
        const name = JSON.stringify(props.directoryName)
        visit(nested, depth + 1, (message) =>
          said(`artifacts.${id}: its directoryName ${name} ${message}`, 'directoryName'),
        )
      }
    }
  }
  visit(posix.normalize(dir), 0)
  return { stacks, problems }
}

interface Artifact {
  readonly type?: string
  readonly environment?: string
  readonly displayName?: string
  readonly properties?: { templateFile?: unknown; directoryName?: unknown; stackName?: unknown }
}

/**
 * What to say when the directory named as an assembly is the CDK app itself (it has cdk.json): the
 * directory `cdk synth` writes the assembly to, as cdk.json's "output" names it (cdk.out by default).
 */
function appHint(workspaceRoot: string, dir: string): string {
  const cdkJson = posix.join(dir, 'cdk.json')
  const text = entryAt(join(workspaceRoot, cdkJson))?.isFile()
    ? readTextUpTo(join(workspaceRoot, cdkJson), 1024 * 1024)
    : null
  if (text === null) return ' (run cdk synth)'
  let output = 'cdk.out'
  try {
    const json: unknown = JSON.parse(text)
    const named =
      typeof json === 'object' && json !== null ? (json as { output?: unknown }).output : undefined
    if (typeof named === 'string' && named.trim() !== '' && named.length <= 200) output = named
  } catch {
    // cdk.json that does not parse: its default output is still the likeliest.
  }
  const assembly = posix.normalize(posix.join(dir, output))
  return `: it is a CDK app (it has cdk.json), whose cloud assembly cdk synth writes to ${JSON.stringify(assembly)}; expected cdk-out: ${assembly} (after cdk synth)`
}
