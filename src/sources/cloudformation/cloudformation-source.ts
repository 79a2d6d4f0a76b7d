// The `cloudformation:` entries of the config: templates (YAML or JSON) named by a glob, or every stack
// of a CDK cloud assembly, each with the parameter values, account, region and stack name it is
// deployed with (the config's, else the assembly's); and the templates of the stacks they nest, with the
// parameters the nesting template gives them.
import { join, posix } from 'node:path'
import { loadManagedPolicies } from '../../catalog/managed-policies.js'
import type { CloudFormationConfig } from '../../config/config-file.js'
import { entryAt } from '../../config/paths.js'
import { readTextUpTo, tooLarge } from '../../config/read-text.js'
import { append } from '../../vocabulary/lists.js'
import { type Problem, quote } from '../../vocabulary/problems.js'
import { isGlob, PolicyGlobs } from '../policy-globs.js'
import type { DiscoveredPrincipal, NestedIn, PolicySource, SourceResult } from '../policy-source.js'
import { readCloudAssembly } from './cloud-assembly.js'
import { discoverFromTemplate, TEMPLATE_KEYS, type TemplateResult } from './discover.js'
import { isJson, parseTemplate } from './template.js'

/** Largest template read: CloudFormation itself accepts 1 MB; a generated one may be larger. */
const MAX_TEMPLATE_BYTES = 16 * 1024 * 1024
/** Nested stacks followed this deep (CloudFormation's own limit is higher; real ones nest two or three). */
const MAX_NESTING = 8
/**
 * Nested stack templates read for one entry: a template that nests the same child many times at each of
 * eight levels would otherwise ask for millions of reads. Real applications nest tens.
 */
const MAX_NESTED_STACKS = 500

interface TemplateJob {
  readonly file: string
  readonly stackName: string | undefined
  readonly account: string | undefined
  readonly region: string | undefined
  readonly nestedIn?: NestedIn
  /** Listed by a CDK cloud assembly's manifest. */
  readonly synthesized?: boolean
  /** Caught by a glob of `template:`, not named by its path. */
  readonly searched?: boolean
}

export function cloudFormationSource(
  configFile: string,
  entries: readonly CloudFormationConfig[],
): PolicySource {
  return {
    name: 'cloudformation',
    async load(workspaceRoot): Promise<SourceResult> {
      const principals: DiscoveredPrincipal[] = []
      const problems: Problem[] = []
      const notes: Problem[] = []
      // The workspace's real path and which directories lie inside it: found once for every entry.
      const files = new PolicyGlobs(workspaceRoot)
      for (const entry of entries) {
        const jobs: TemplateJob[] = []
        if (entry.template) {
          const resolved = files.resolve(configFile, [entry.template], 'cloudformation: template')
          append(problems, resolved.problems)
          const searched = isGlob(entry.template.pattern)
          for (const file of resolved.files) jobs.push({ file, ...entry, searched })
        }
        if (entry.cdkOut !== undefined) {
          if (!entryAt(join(workspaceRoot, entry.cdkOut))?.isDirectory()) {
            problems.push({
              file: configFile,
              line: entry.line,
              message: `cloudformation: cdk-out: ${JSON.stringify(entry.cdkOut)} is not a directory in the workspace (run cdk synth first)`,
            })
            continue
          }
          const assembly = readCloudAssembly(workspaceRoot, entry.cdkOut)
          append(problems, assembly.problems)
          for (const stack of assembly.stacks)
            jobs.push({
              file: stack.template,
              stackName: entry.stackName ?? stack.stackName,
              account: entry.account ?? stack.account,
              region: entry.region ?? stack.region,
              synthesized: true,
            })
        }
        // The templates named, then the ones they nest. A template both named and nested is read as
        // nested: with the parameters its parent gives it, not its defaults.
        const named: [TemplateJob, TemplateResult][] = []
        for (const job of jobs) named.push([job, await loadTemplate(workspaceRoot, job, entry.parameters)])
        const nested = new NestedStacks(workspaceRoot, files)
        for (const [job, result] of named)
          if (!nested.reached.has(job.file)) await nested.follow(job, result, [job.file])
        const read = [...named.filter(([job]) => !nested.reached.has(job.file)), ...nested.read]
        for (const [, result] of read) {
          append(principals, result.principals)
          append(problems, result.problems)
          append(notes, result.notes ?? [])
        }
        append(problems, nested.problems)
        append(notes, nested.notes)
      }
      return { principals, problems, notes }
    },
  }
}

/**
 * The nested stacks of the templates read, followed into their templates when those are files of the
 * repository: a relative TemplateURL or Location is relative to the nesting template's directory, a CDK
 * asset path lies beside it. A path out of the workspace is refused; a template elsewhere (S3, the
 * Serverless Application Repository, one built at deploy time) is a note: its roles are not checked.
 */
class NestedStacks {
  readonly read: [TemplateJob, TemplateResult][] = []
  readonly reached = new Set<string>()
  readonly problems: Problem[] = []
  readonly notes: Problem[] = []
  private full = false

  constructor(
    private readonly workspaceRoot: string,
    private readonly files: PolicyGlobs,
  ) {}

  async follow(parent: TemplateJob, result: TemplateResult, chain: readonly string[]): Promise<void> {
    for (const stack of result.nested) {
      const at = { file: parent.file, line: stack.line, column: stack.column }
      const what = `Resources.${stack.logicalId}: a nested stack`
      if ('elsewhere' in stack.location) {
        this.notes.push({
          ...at,
          message: `${what} whose roles are not checked: ${stack.location.elsewhere} (name its template under cloudformation: to check them)`,
        })
        continue
      }
      const written = stack.location.path
      const found = this.files.file(childPath(parent.file, written))
      if ('outside' in found) {
        this.problems.push({
          ...at,
          message: `${what}: its template ${quote(written)} leads outside the workspace; not read`,
        })
        continue
      }
      if ('missing' in found) {
        this.notes.push({
          ...at,
          message: `${what} whose roles are not checked: its template ${quote(written)} is not in the repository (name it under cloudformation: once it is)`,
        })
        continue
      }
      if (this.read.length >= MAX_NESTED_STACKS) {
        // Said once, where it stopped; nothing further is read.
        if (!this.full)
          this.problems.push({
            ...at,
            message: `${what}: more than ${MAX_NESTED_STACKS} nested stacks under this cloudformation: entry; not read`,
          })
        this.full = true
        return
      }
      if (chain.includes(found.file) || chain.length > MAX_NESTING) {
        this.problems.push({
          ...at,
          message: chain.includes(found.file)
            ? `${what}: its template ${found.file} nests this one; a stack cannot contain itself`
            : `${what}: nested more than ${MAX_NESTING} stacks deep; not read`,
        })
        continue
      }
      const job: TemplateJob = {
        file: found.file,
        // CloudFormation names a nested stack when it creates it (AWS::StackName is not the parent's);
        // its roles' names are read through the outermost stack, by the nested stacks' logical ids.
        stackName: undefined,
        account: parent.account,
        region: parent.region,
        nestedIn: nestedIn(parent, stack.logicalId),
      }
      this.reached.add(found.file)
      const child = await loadTemplate(this.workspaceRoot, job, stack.parameters)
      this.read.push([job, child])
      await this.follow(job, child, [...chain, found.file])
    }
  }
}

function nestedIn(parent: TemplateJob, logicalId: string): NestedIn {
  const stackName = parent.nestedIn ? parent.nestedIn.stackName : parent.stackName
  return {
    template: parent.file,
    logicalId,
    ...(stackName !== undefined && { stackName }),
    path: [...(parent.nestedIn?.path ?? []), logicalId],
  }
}

/** A nested template's path in the workspace: relative to its parent's directory, unless absolute. */
function childPath(parent: string, written: string): string {
  if (/^([\\/~]|[A-Za-z]:)/.test(written)) return written
  return posix.normalize(posix.join(posix.dirname(parent), written.replace(/\\/g, '/')))
}

/**
 * A line with a key only a template has at its top: `Resources:`, `"AWSTemplateFormatVersion":`. Blanks
 * within the line only: `\\s*` after `^` ran on through every following line, from each line, and a
 * file of 60,000 blank lines that did not parse took 7 s.
 */
const TEMPLATE_LINE = new RegExp(`^[ \\t]*["']?(?:${TEMPLATE_KEYS.join('|')})["']?[ \\t]*:`, 'm')

async function loadTemplate(
  workspaceRoot: string,
  job: TemplateJob,
  parameters: ReadonlyMap<string, string>,
): Promise<TemplateResult> {
  const text = readTextUpTo(join(workspaceRoot, job.file), MAX_TEMPLATE_BYTES)
  if (text === null)
    return {
      principals: [],
      problems: [{ file: job.file, line: 1, message: tooLarge(MAX_TEMPLATE_BYTES) }],
      nested: [],
    }
  const parsed = parseTemplate(job.file, text)
  if (!parsed.root) {
    // Caught by a glob, a file that does not parse and has no line a template starts with (a Helm
    // chart's templates, GitLab CI with !reference) is not a template with a mistake: passed over.
    if (job.searched && !TEMPLATE_LINE.test(text)) {
      const message = `not read: ${parsed.problems[0]?.message ?? 'not YAML or JSON'}; nothing in it looks like a CloudFormation template (none of its top-level keys: Resources, AWSTemplateFormatVersion, Transform, …), so it is passed over: the template: glob matches it`
      return { principals: [], problems: [], nested: [], notes: [{ file: job.file, line: 1, message }] }
    }
    return { principals: [], problems: [...parsed.problems], nested: [] }
  }
  const result = await discoverFromTemplate(job.file, parsed.root, {
    text: isJson(text) ? undefined : text,
    parameters,
    account: job.account,
    region: job.region,
    stackName: job.stackName,
    nestedIn: job.nestedIn,
    synthesized: job.synthesized,
    searched: job.searched,
    managedPolicies: loadManagedPolicies,
  })
  return parsed.notes?.length ? { ...result, notes: [...parsed.notes, ...(result.notes ?? [])] } : result
}
