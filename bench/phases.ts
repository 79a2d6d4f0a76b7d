// One sample of load + expand + check on the repository named by argv[2], printed as JSON. Bundled
// with ncc and run in a fresh process by bench/bench.ts, cold as in a real run.
import { analyse } from '../src/analysis/analyse.js'
import { loadCatalog } from '../src/catalog/catalog.js'
import { loadWorkspace } from '../src/sources/load-workspace.js'

const repo = process.argv[2] as string
let t = performance.now()
const loaded = await loadWorkspace(repo, '.github/iam-policy-drift.yml')
const load = performance.now() - t
if (!loaded.workspace) throw new Error(loaded.problems.map((p) => p.message).join('\n'))
t = performance.now()
const catalog = loadCatalog()
const decode = performance.now() - t
t = performance.now()
const analysis = analyse(loaded.workspace.principals, [], catalog)
const check = performance.now() - t
let statements = 0
for (const p of loaded.workspace.principals) for (const d of p.policies) statements += d.statements.length
const { heapUsed, rss } = process.memoryUsage()
const total = load + decode + check
console.log(
  JSON.stringify({
    load,
    decode,
    check,
    total,
    statements,
    findings: analysis.findings.length,
    heapUsed,
    rss,
  }),
)
