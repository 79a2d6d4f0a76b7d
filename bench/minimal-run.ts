// A reference for the managed-policies figure of `npm run bench`: the least a run over a directory of
// policy files must do, and no more. Each file read and JSON.parse'd; each Allow statement's actions
// expanded against the catalog the action ships; on `Resource: "*"`, the actions that take resources
// listed (what the action's wildcard-resource check reports); those lists written as one JSON file.
// No config, no positions, no other check, no messages, no summary: what the whole action costs beyond
// this is what its features cost. Bundled with ncc like dist/, and run as a process of its own.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadCatalog } from '../src/catalog/catalog.js'

const [dir, out] = process.argv.slice(2) as [string, string]
const catalog = loadCatalog()
const found: { file: string; actions: string[] }[] = []
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value : typeof value === 'string' ? [value] : []
for (const file of readdirSync(dir)) {
  const policy = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { Statement: unknown }
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]
  for (const statement of statements as Record<string, unknown>[]) {
    if (statement.Effect !== 'Allow' || !list(statement.Resource).includes('*')) continue
    const ids = new Set<number>()
    for (const pattern of list(statement.Action)) for (const id of catalog.expand(pattern)) ids.add(id)
    const actions = [...ids]
      .sort((a, b) => a - b)
      .filter((id) => catalog.action(id).resourceTypes.length > 0)
      .map((id) => catalog.nameOf(id))
    if (actions.length > 0) found.push({ file, actions })
  }
}
writeFileSync(out, JSON.stringify(found))
console.log(found.length)
