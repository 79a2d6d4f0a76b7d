// The `cloudformation:` entries of the config: templates (YAML or JSON) named by a glob, or every stack
// of a CDK cloud assembly, each with the parameter values, account, region and stack name it is
// deployed with (the config's, else the assembly's); and the templates of the stacks they nest, with the
// parameters the nesting template gives them.
import { join, posix } from 'node:path'
import { loadManagedPolicies } from '../../catalog/managed-policies.js'
import { type CloudFormationConfig, inclusions, type PolicyGlob } from '../../config/config-file.js'
import { entryAt } from '../../config/paths.js'
import { readTextUpTo, tooLarge } from '../../config/read-text.js'
import { append } from '../../vocabulary/lists.js'
import { type Problem, previewList, quote } from '../../vocabulary/problems.js'
import { isGlob, PolicyGlobs } from '../policy-globs.js'
import type { DiscoveredPrincipal, NestedIn, PolicySource, SourceResult } from '../policy-source.js'
import { readCloudAssembly } from './cloud-assembly.js'
import { discoverFromTemplate, type NestedStack, type TemplateResult } from './discover.js'
import { isJson, parseTemplate, TEMPLATE_KEYS } from './template.js'

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
          const resolved = files.resolve(configFile, entry.template, 'cloudformation: template')
          append(problems, resolved.problems)
          const searched = inclusions(entry.template).some((g) => isGlob(g.pattern))
          for (const file of resolved.files) jobs.push({ file, ...entry, searched })
        }
        if (entry.cdkOut !== undefined) {
          const found = entryAt(join(workspaceRoot, entry.cdkOut))
          if (!found?.isDirectory()) {
            problems.push({
              file: configFile,
              line: entry.line,
              message: found?.isFile()
                ? `cloudformation: cdk-out: ${JSON.stringify(entry.cdkOut)} is a file; expected the directory cdk synth writes (cdk.out). A template on its own is given as template:`
                : `cloudformation: cdk-out: ${JSON.stringify(entry.cdkOut)} is not a directory in the workspace (run cdk synth first)`,
            })
            continue
          }
          const assembly = readCloudAssembly(workspaceRoot, entry.cdkOut, {
            file: configFile,
            line: entry.line,
          })
          append(problems, assembly.problems)
          for (const stack of assembly.stacks)
            jobs.push({
              file: stack.template,
              stackName: entry.stackName ?? stack.deployedName,
              account: entry.account ?? stack.account,
              region: entry.region ?? stack.region,
              synthesized: true,
            })
        }
        // The templates named, then the ones they nest. A template both named and nested is read as
        // nested: with the parameters its parent gives it, not its defaults.
        const named: [TemplateJob, TemplateResult][] = []
        for (const job of jobs) named.push([job, await loadTemplate(workspaceRoot, job, entry.parameters)])
        const nested = new NestedStacks(
          workspaceRoot,
          files,
          jobs.map((job) => job.file),
        )
        // From the templates no other named one nests: a template in the middle of a chain, followed from
        // itself first (it sorted before its parent), had what it nests read twice. Then any left, which
        // only nest each other (a cycle, said as one).
        const nestedByNamed = new Set(named.flatMap(([job, result]) => nested.targetsOf(job.file, result)))
        for (const [job, result] of named)
          if (!nestedByNamed.has(job.file) && !nested.reached.has(job.file))
            await nested.follow(job, result, [job.file])
        for (const [job, result] of named)
          if (!nested.reached.has(job.file) && nestedByNamed.has(job.file))
            await nested.follow(job, result, [job.file])
        const read = [...named.filter(([job]) => !nested.reached.has(job.file)), ...nested.read]
        // A role an earlier nesting gave the same (sameKey): counted with that one, not listed again.
        const seen = new Map<string, number>()
        const passedOver: Problem[] = []
        for (const [, result] of read) {
          if (result.passedOver) passedOver.push(result.passedOver)
          for (const p of result.principals) {
            const key = sameKey(p)
            const at = key === undefined ? undefined : seen.get(key)
            if (at !== undefined) {
              principals[at] = alikeOnceMore(principals[at] as DiscoveredPrincipal)
              continue
            }
            if (key !== undefined) seen.set(key, principals.length)
            principals.push(p)
          }
          append(problems, result.problems)
          append(notes, result.notes ?? [])
        }
        append(problems, nested.problems)
        append(notes, nested.notes)
        if (entry.template) append(notes, passedOverNotes(entry.template, passedOver, configFile))
        const hint = entry.template && leaveOutHint(entry.template, jobs, problems, configFile)
        if (hint) problems.push(hint)
      }
      return { principals, problems, notes }
    },
  }
}

/**
 * The files a template glob caught that are no templates (workflows, Helm charts, this config under
 * `**`): each one's own note when it is alone, else one at the glob, so that they do not take the
 * notices a run shows before the ones that matter (a nested stack not read).
 */
function passedOverNotes(
  globs: readonly PolicyGlob[],
  passed: readonly Problem[],
  configFile: string,
): Problem[] {
  if (passed.length < 2) return [...passed]
  const { matches, after, line } = globWords(globs)
  const files = passed.map((p) => quote(p.file ?? ''))
  return [
    {
      file: configFile,
      line,
      message:
        `cloudformation: template: ${files.length} files ${matches} are not CloudFormation templates (none of a template's top-level keys: Resources, AWSTemplateFormatVersion, Transform, …): ` +
        `passed over: ${previewList(files, 3)}. An exclusion ${after} leaves them out, such as ${quote(`!${passed[0]?.file ?? ''}`)}`,
    },
  ]
}

/** How a notice about a `template:` list names it, and the line it stands at: its last glob's. */
function globWords(globs: readonly PolicyGlob[]): { matches: string; after: string; line: number } {
  const one = inclusions(globs).length === 1
  return {
    matches: one ? 'the glob matches' : 'the globs match',
    after: one ? 'after the glob' : 'after the globs',
    line: (globs[globs.length - 1] as PolicyGlob).line,
  }
}

/**
 * When some of the templates a glob matched have problems (another tool's source, a broken example
 * among hundreds), one line at the glob says how to leave them out: the fix in each file is not always
 * the user's to make. Not when every one has: excluding them all would leave nothing to check.
 */
function leaveOutHint(
  globs: readonly PolicyGlob[],
  jobs: readonly TemplateJob[],
  problems: readonly Problem[],
  configFile: string,
): Problem | undefined {
  const matched = new Set(jobs.filter((job) => job.searched).map((job) => job.file))
  // The config itself, when a glob catches it (`**/*.yml`), is passed over as no template: its own
  // problems (an exclusion that excludes nothing) are not a template's.
  const broken = [
    ...new Set(
      problems.flatMap((p) => (p.file && p.file !== configFile && matched.has(p.file) ? [p.file] : [])),
    ),
  ]
  const [first] = broken
  if (first === undefined || broken.length === matched.size) return undefined
  const { matches, after, line } = globWords(globs)
  const of =
    broken.length === 1
      ? `a template ${matches} has problems: fix it, or leave it out`
      : `${broken.length} of the ${matched.size} templates ${matches} have problems: fix them, or leave each out`
  return {
    file: configFile,
    line,
    message: `cloudformation: template: ${of} with an exclusion ${after}, such as ${quote(`!${first}`)}`,
  }
}

/**
 * The nested stacks of the templates read, followed into their templates when those are files of the
 * repository: a relative TemplateURL or Location is relative to the nesting template's directory, a CDK
 * asset path lies beside it. A template at a URL (S3) is the template of the same entry whose path the
 * URL's path ends with, when one does: where a build uploads the repository's templates (aws-quickstart:
 * `https://${Bucket}.s3.amazonaws.com/${KeyPrefix}templates/child.template.yaml`); so is a relative path
 * that climbs above the workspace, which is never read. An absolute path or a symlink out of the
 * workspace is refused; a template elsewhere (another URL, the Serverless Application Repository, one
 * built at deploy time) is a note: its roles are not checked.
 */
class NestedStacks {
  readonly read: [TemplateJob, TemplateResult][] = []
  readonly reached = new Set<string>()
  readonly problems: Problem[] = []
  readonly notes: Problem[] = []
  private full = false

  /** `named`: the templates of the entry, which a nested stack's URL may name. */
  constructor(
    private readonly workspaceRoot: string,
    private readonly files: PolicyGlobs,
    private readonly named: readonly string[],
  ) {}

  async follow(parent: TemplateJob, result: TemplateResult, chain: readonly string[]): Promise<void> {
    for (const stack of result.nested) {
      const at = { file: parent.file, line: stack.line, column: stack.column }
      const what = `Resources.${stack.logicalId}: a nested stack`
      const found = this.templateOf(stack.location, chain, at, what)
      if (found === undefined) continue
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

  /** The workspace's templates that `result`'s nested stacks name: which ones another template nests. */
  targetsOf(parentFile: string, result: TemplateResult): string[] {
    return result.nested.flatMap((stack) => {
      const where = this.resolve(stack.location, [parentFile])
      return 'file' in where ? [where.file] : []
    })
  }

  /** The workspace file of a nested stack's template, or undefined when there is none to read (said why). */
  private templateOf(
    location: NestedStack['location'],
    chain: readonly string[],
    at: { file: string; line: number; column: number },
    what: string,
  ): { file: string } | undefined {
    const where = this.resolve(location, chain)
    if ('file' in where) {
      if (where.url !== undefined)
        this.notes.push({
          ...at,
          message: where.above
            ? `${what} whose template ${quote(where.url)} lies above the workspace: read as ${where.file}, the template of this cloudformation: entry whose path it ends with`
            : `${what} whose template is at ${where.url}: read as ${where.file}, the template of this cloudformation: entry whose path the URL ends with`,
        })
      return where
    }
    if ('outside' in where) {
      this.problems.push({
        ...at,
        message: `${what}: its template ${quote(where.outside)} leads outside the workspace; not read`,
      })
      return undefined
    }
    if ('missing' in where) {
      this.notes.push({
        ...at,
        message: `${what} whose roles are not checked: its template ${quote(where.missing)} is not in the repository (name it under cloudformation: once it is)`,
      })
      return undefined
    }
    const { elsewhere, url, matches } = where
    const why =
      matches.length > 1
        ? `the URL ends with the path of ${matches.slice(0, -1).join(', of ')} and of ${matches.at(-1)}: which one is meant is not known`
        : url !== undefined
          ? 'name its template under this cloudformation: entry to check them'
          : 'name its template under cloudformation: to check them'
    this.notes.push({ ...at, message: `${what} whose roles are not checked: ${elsewhere} (${why})` })
    return undefined
  }

  /**
   * Where a nested stack's template is: a file of the workspace (by its path, or by its URL), or why not.
   * `chain`: the templates that nest it, its parent last. A URL that ends like one of them names another
   * template of that name (a stack cannot nest itself), not it.
   */
  private resolve(
    location: NestedStack['location'],
    chain: readonly string[],
  ):
    | { file: string; url?: string; above?: true }
    | { outside: string }
    | { missing: string }
    | { elsewhere: string; url?: string; matches: string[] } {
    const named = () => this.named.filter((file) => !chain.includes(file))
    const parentFile = chain.at(-1) as string
    if ('elsewhere' in location) {
      const { elsewhere, url } = location
      const matches = url === undefined ? [] : besideFirst(templatesAt(url, named()), parentFile)
      if (url !== undefined && matches.length === 1) return { file: matches[0] as string, url }
      return { elsewhere, ...(url !== undefined && { url }), matches }
    }
    const written = location.path
    const path = childPath(parentFile, written)
    // A relative path that climbs above the workspace is never read. It is how templates packaged from a
    // build directory name their neighbours (aws-samples' serverless e-commerce platform nests
    // `../../shared/templates/dlq.yaml` from `delivery/build/`), so it is the template of this entry whose
    // path it ends with, as for a URL, or a note; an absolute path or a symlink out stays refused.
    if (path === '..' || path.startsWith('../')) {
      const matches = besideFirst(templatesAt(written, named()), parentFile)
      if (matches.length === 1) return { file: matches[0] as string, url: written, above: true }
      return {
        elsewhere: `its template ${quote(written)} lies above the workspace, so it is not read`,
        url: written,
        matches,
      }
    }
    const found = this.files.file(path)
    if ('outside' in found) return { outside: written }
    if ('missing' in found) return { missing: written }
    return found
  }
}

/**
 * What a principal of a nested template is the same as another by: a template nested more than once
 * (aws-quickstart: every entry point nests the same prerequisites; a pipeline nests one per service)
 * gives the same name, policies and all, each time. Without a stack name nothing tells those apart, and
 * each finding would be said once per nesting; with one, each is read in its own deployed stack, and
 * kept (undefined: no key).
 */
function sameKey(p: DiscoveredPrincipal): string | undefined {
  const { source } = p
  if (source.kind !== 'cloudformation' || !source.nestedIn || source.nestedIn.stackName !== undefined)
    return undefined
  return JSON.stringify([p.arn, source.template, source.logicalId, p.lifecycle, p.boundary, p.policies])
}

/** `p`, standing for one more nesting that gives it alike. */
function alikeOnceMore(p: DiscoveredPrincipal): DiscoveredPrincipal {
  if (p.source.kind !== 'cloudformation') return p
  return { ...p, source: { ...p.source, alike: (p.source.alike ?? 0) + 1 } }
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

/**
 * Of templates a nested stack's URL names alike, the one in the directory of the template that nests it,
 * when there is one: a repository that publishes several directories of templates under one prefix
 * (DataDog's cloudformation-template: aws/ and aws_quickstart/ both have datadog_integration_role.yaml,
 * and each nests its own) keeps a stack's templates together.
 */
function besideFirst(matches: string[], parentFile: string): string[] {
  if (matches.length < 2) return matches
  const beside = matches.filter((file) => posix.dirname(file) === posix.dirname(parentFile))
  return beside.length === 1 ? beside : matches
}

/**
 * The templates of `named` whose path the URL's path ends with, segment by segment: those that match
 * the most segments (several when they tie), none when not even the file name matches. A segment that
 * starts with a placeholder (`${KeyPrefix}templates`) matches on what follows it, and ends the match.
 */
export function templatesAt(url: string, named: readonly string[]): string[] {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/[?#].*$/, '')
  const segments = path.split('/').filter((segment) => segment !== '')
  let best = 0
  let found: string[] = []
  for (const file of named) {
    const parts = file.split('/')
    let n = 0
    while (n < parts.length && n < segments.length) {
      const segment = segments[segments.length - 1 - n] as string
      const part = parts[parts.length - 1 - n] as string
      if (segment === part) {
        n++
        continue
      }
      const close = segment.lastIndexOf('}')
      if (close >= 0 && part !== '' && segment.slice(close + 1) === part) n++
      break
    }
    if (n === 0 || n < best) continue
    if (n > best) found = []
    best = n
    found.push(file)
  }
  return found
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
      const message = `not read: ${parsed.problems[0]?.message ?? 'not YAML or JSON'}; nothing in it looks like a CloudFormation template (none of its top-level keys: Resources, AWSTemplateFormatVersion, Transform, …), so it is passed over: the template: glob matches it (${quote(`!${job.file}`)} after it leaves it out)`
      return { principals: [], problems: [], nested: [], passedOver: { file: job.file, line: 1, message } }
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
  // What the reading noted (a key given twice) is of a template: not of a file passed over as none.
  if (!parsed.notes?.length || result.passedOver) return result
  return { ...result, notes: [...parsed.notes, ...(result.notes ?? [])] }
}
