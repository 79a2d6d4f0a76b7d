// The `terraform:` entries of the config: each plan (`terraform show -json`) with the .tf files of its
// configuration, which give every finding its line.
import { statSync } from 'node:fs'
import { join, posix } from 'node:path'
import { loadManagedPolicies } from '../../catalog/managed-policies.js'
import type { TerraformConfig } from '../../config/config-file.js'
import { readText } from '../../config/read-text.js'
import type { Problem } from '../../vocabulary/problems.js'
import { resolvePolicyGlobs } from '../policy-globs.js'
import type { DiscoveredPrincipal, PolicySource, SourceResult } from '../policy-source.js'
import { planFromCode } from './code-only.js'
import { discoverFromPlan } from './discover.js'
import { TfCode } from './modules.js'
import { readPlan } from './plan.js'

/** Largest plan read: a plan of thousands of resources is a few MB; more is refused, not parsed. */
const MAX_PLAN_BYTES = 256 * 1024 * 1024

export function terraformSource(configFile: string, entries: readonly TerraformConfig[]): PolicySource {
  return {
    name: 'terraform',
    async load(workspaceRoot): Promise<SourceResult> {
      const principals: DiscoveredPrincipal[] = []
      const problems: Problem[] = []
      const notes: Problem[] = []
      for (const entry of entries) {
        const found = await loadEntry(workspaceRoot, configFile, entry)
        principals.push(...found.principals)
        problems.push(...found.problems)
        notes.push(...(found.notes ?? []))
      }
      return { principals, problems, notes }
    },
  }
}

async function loadEntry(
  workspaceRoot: string,
  configFile: string,
  entry: TerraformConfig,
): Promise<SourceResult> {
  const problems: Problem[] = []
  if (!entry.plan) return loadCode(workspaceRoot, configFile, entry, entry.root ?? '.')
  if (entry.root !== undefined && !isDirectory(join(workspaceRoot, entry.root))) {
    problems.push({
      file: configFile,
      line: entry.line,
      message: `terraform: root: ${JSON.stringify(entry.root)} is not a directory in the workspace`,
    })
  }
  const resolved = resolvePolicyGlobs(workspaceRoot, configFile, [entry.plan], 'terraform: plan')
  problems.push(...resolved.problems)
  if (problems.length > 0) return { principals: [], problems }
  const principals: DiscoveredPrincipal[] = []
  for (const file of resolved.files) {
    const path = join(workspaceRoot, file)
    if (statSync(path).size > MAX_PLAN_BYTES) {
      problems.push({ file, line: 1, message: `larger than ${MAX_PLAN_BYTES / 1024 / 1024} MiB; not read` })
      continue
    }
    const { plan, problems: planProblems } = readPlan(file, readText(path))
    problems.push(...planProblems)
    if (!plan) continue
    const code = new TfCode(workspaceRoot, entry.root ?? posix.dirname(file), problems, entry.account)
    const found = await discoverFromPlan(plan, code, {
      managedPolicies: loadManagedPolicies,
    })
    principals.push(...found.principals)
    problems.push(...found.problems)
  }
  return { principals, problems }
}

/** `root:` without `plan:`: the .tf files alone. */
async function loadCode(
  workspaceRoot: string,
  configFile: string,
  entry: TerraformConfig,
  root: string,
): Promise<SourceResult> {
  if (!isDirectory(join(workspaceRoot, root))) {
    return {
      principals: [],
      problems: [
        {
          file: configFile,
          line: entry.line,
          message: `terraform: root: ${JSON.stringify(root)} is not a directory in the workspace`,
        },
      ],
    }
  }
  const problems: Problem[] = []
  const code = new TfCode(workspaceRoot, posix.normalize(root), problems, entry.account)
  const { plan, notes } = await planFromCode(code, posix.join(posix.normalize(root), 'main.tf'))
  if (problems.length > 0) return { principals: [], problems }
  const found = await discoverFromPlan(plan, code, {
    fromCode: true,
    managedPolicies: loadManagedPolicies,
  })
  return { principals: found.principals, problems: [...problems, ...found.problems], notes }
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false
}
