// The `cloudformation:` entries of the config: templates (YAML or JSON) named by a glob, or every stack
// of a CDK cloud assembly, each with the parameter values, account, region and stack name it is
// deployed with (the config's, else the assembly's).
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { loadManagedPolicies } from '../../catalog/managed-policies.js'
import type { CloudFormationConfig } from '../../config/config-file.js'
import type { Problem } from '../../vocabulary/problems.js'
import { resolvePolicyGlobs } from '../policy-globs.js'
import type { DiscoveredPrincipal, PolicySource, SourceResult } from '../policy-source.js'
import { readCloudAssembly } from './cloud-assembly.js'
import { discoverFromTemplate } from './discover.js'
import { isJson, parseTemplate } from './template.js'

/** Largest template read: CloudFormation itself accepts 1 MB; a generated one may be larger. */
const MAX_TEMPLATE_BYTES = 16 * 1024 * 1024

interface TemplateJob {
  readonly file: string
  readonly stackName: string | undefined
  readonly account: string | undefined
  readonly region: string | undefined
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
      for (const entry of entries) {
        const jobs: TemplateJob[] = []
        if (entry.template) {
          const resolved = resolvePolicyGlobs(
            workspaceRoot,
            configFile,
            [entry.template],
            'cloudformation: template',
          )
          problems.push(...resolved.problems)
          for (const file of resolved.files) jobs.push({ file, ...entry })
        }
        if (entry.cdkOut !== undefined) {
          if (!statSync(join(workspaceRoot, entry.cdkOut), { throwIfNoEntry: false })?.isDirectory()) {
            problems.push({
              file: configFile,
              line: entry.line,
              message: `cloudformation: cdk-out: ${JSON.stringify(entry.cdkOut)} is not a directory in the workspace (run cdk synth first)`,
            })
            continue
          }
          const assembly = readCloudAssembly(workspaceRoot, entry.cdkOut)
          problems.push(...assembly.problems)
          for (const stack of assembly.stacks)
            jobs.push({
              file: stack.template,
              stackName: entry.stackName ?? stack.stackName,
              account: entry.account ?? stack.account,
              region: entry.region ?? stack.region,
            })
        }
        for (const job of jobs) {
          const found = await loadTemplate(workspaceRoot, job, entry.parameters)
          principals.push(...found.principals)
          problems.push(...found.problems)
          notes.push(...(found.notes ?? []))
        }
      }
      return { principals, problems, notes }
    },
  }
}

async function loadTemplate(
  workspaceRoot: string,
  job: TemplateJob,
  parameters: ReadonlyMap<string, string>,
): Promise<SourceResult> {
  const path = join(workspaceRoot, job.file)
  if (statSync(path).size > MAX_TEMPLATE_BYTES)
    return {
      principals: [],
      problems: [
        { file: job.file, line: 1, message: `larger than ${MAX_TEMPLATE_BYTES / 1024 / 1024} MiB; not read` },
      ],
    }
  const text = readFileSync(path, 'utf8')
  const parsed = parseTemplate(job.file, text)
  if (!parsed.root) return { principals: [], problems: [...parsed.problems] }
  return discoverFromTemplate(job.file, parsed.root, {
    text: isJson(text) ? undefined : text,
    parameters,
    account: job.account,
    region: job.region,
    stackName: job.stackName,
    managedPolicies: loadManagedPolicies,
  })
}
