// Hostile input for the parsers a pull request reaches: the config (YAML), policy files (JSON),
// Terraform (HCL and plan JSON) and CloudFormation templates (YAML and JSON). Seeded mutations of the examples, and the shapes that break naive
// parsers (thousands of nested brackets, alias bombs, huge strings): each ends in a result or in
// problems that name the file and a line, never in an exception.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/analysis/analyse.js'
import { loadCatalog } from '../../src/catalog/catalog.js'
import { loadManagedPolicies } from '../../src/catalog/managed-policies.js'
import { parseConfig } from '../../src/config/config-file.js'
import type { JsonNode } from '../../src/policy/json-tree.js'
import { parsePolicy } from '../../src/policy/parse-policy.js'
import { discoverFromTemplate } from '../../src/sources/cloudformation/discover.js'
import { parseTemplate } from '../../src/sources/cloudformation/template.js'
import { parseHcl } from '../../src/sources/terraform/hcl.js'
import { readPlan } from '../../src/sources/terraform/plan.js'
import type { Problem } from '../../src/vocabulary/problems.js'
import { seeded } from '../world/random.js'
import { REPO_ROOT } from '../world/runner.js'

const catalog = loadCatalog()
const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8')

/** A seeded generator, so that a failure names the case that gave it. */
function generator(seed: number) {
  const next = seeded(seed)
  return { next, int: (n: number) => Math.floor(next() * n) }
}

const NASTY = [
  '['.repeat(5000),
  '{"a":'.repeat(3000),
  ']'.repeat(50),
  '"\\u0000"',
  '\uFEFF',
  '"'.repeat(7),
  'x'.repeat(100_000),
  '\r\n',
  '\t',
  '*&a [*a, *a, *a]',
  '${aws:username}',
  '%{ for x in y }',
  '<<EOF\n',
  '\u2028',
]

/** `text` with one to three random edits: deletions, duplications, insertions of hostile pieces. */
function mutate(text: string, random: ReturnType<typeof generator>): string {
  let out = text
  for (let n = 1 + random.int(3); n > 0; n--) {
    const at = random.int(out.length + 1)
    switch (random.int(4)) {
      case 0:
        out = out.slice(0, at) + out.slice(at + 1 + random.int(20))
        break
      case 1:
        out = out.slice(0, at) + out.slice(at, at + random.int(200)) + out.slice(at)
        break
      case 2:
        out = out.slice(0, at) + (NASTY[random.int(NASTY.length)] as string) + out.slice(at)
        break
      default:
        out = out.slice(0, at)
    }
  }
  return out
}

/** Every problem names the file and a line. */
function expectPlaced(problems: readonly Problem[], file: string) {
  for (const p of problems) expect({ file: p.file, line: (p.line ?? 0) >= 1 }).toEqual({ file, line: true })
}

describe('hostile input', () => {
  it('policy JSON: 400 mutations of the example policies end in a document or placed problems', () => {
    const sources = [
      'examples/iam/reporting.json',
      'examples/iam/audit-reader.json',
      'examples/iam/app-deployer/main.json',
      'examples/iam/app-deployer/guardrails.json',
    ].map(read)
    const random = generator(11)
    let refused = 0
    for (let i = 0; i < 400; i++) {
      const text = mutate(sources[i % sources.length] as string, random)
      const { policy, problems } = parsePolicy('p.json', text)
      expect(policy !== undefined || problems.length > 0).toBe(true)
      expectPlaced(problems, 'p.json')
      if (!policy) refused++
    }
    expect(refused).toBeGreaterThan(200)
  })

  it('policy JSON nested thousands deep is refused at the line where it gets too deep', () => {
    const text = `{\n  "Version": "2012-10-17",\n  "Statement": ${'['.repeat(10_000)}${']'.repeat(10_000)}\n}`
    expect(parsePolicy('deep.json', text).problems).toEqual([
      {
        file: 'deep.json',
        line: 3,
        column: 79,
        message: 'invalid JSON: nested more than 64 levels deep; an IAM policy nests a few levels at most',
      },
    ])
    // Brackets inside strings are text, not nesting.
    const quoted = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${'['.repeat(100)}"}]}`
    expect(parsePolicy('q.json', quoted).problems).toEqual([])
  })

  it('config YAML: 400 mutations of the example config end in a config or placed problems', () => {
    const source = read('examples/.github/iam-policy-drift.yml')
    const random = generator(5)
    for (let i = 0; i < 400; i++) {
      const { config, problems } = parseConfig('c.yml', mutate(source, random))
      expect(config !== undefined || problems.length > 0).toBe(true)
      expectPlaced(problems, 'c.yml')
    }
  })

  it('config YAML: deep flow nesting and an alias bomb are refused with a line', () => {
    const deep = parseConfig('c.yml', `principals: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`)
    expect(deep.config).toBeUndefined()
    expectPlaced(deep.problems, 'c.yml')
    const bomb = [
      'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]',
      ...Array.from({ length: 12 }, (_, i) => {
        const [name, prev] = [String.fromCharCode(98 + i), String.fromCharCode(97 + i)]
        return `${name}: &${name} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`
      }),
      'principals: *m',
      '',
    ].join('\n')
    const exploded = parseConfig('c.yml', bomb)
    expect(exploded.config).toBeUndefined()
    expectPlaced(exploded.problems, 'c.yml')
  })

  it('Terraform: mutated .tf files and plans, and HCL nested thousands deep, end in a result or placed problems', async () => {
    const tf = read('examples/terraform/main.tf')
    const plan = read('examples/terraform/plan.json')
    const random = generator(3)
    for (let i = 0; i < 150; i++) {
      const hcl = await parseHcl('main.tf', mutate(tf, random))
      expectPlaced(hcl.problems, 'main.tf')
      const read = readPlan('plan.json', mutate(plan, random))
      expect(read.plan !== undefined || read.problems.length > 0).toBe(true)
      expectPlaced(read.problems, 'plan.json')
    }
    const deep = await parseHcl('deep.tf', `locals {\n  x = ${'['.repeat(20_000)}${']'.repeat(20_000)}\n}\n`)
    expect(deep.problems.map((p) => p.message)).toEqual(['nested more than 200 levels deep; not read'])
    const deepPlan = readPlan('plan.json', `{"format_version": ${'['.repeat(20_000)}`)
    expectPlaced(deepPlan.problems, 'plan.json')
  })

  it('CloudFormation: mutated YAML and JSON templates end in principals or placed problems', async () => {
    const templates = [
      read('examples/cloudformation/stacks/app.yml'),
      read('examples/cloudformation/stacks/functions.yml'),
      read('test/fixtures/cdk-out/ApiStack.template.json'),
    ]
    const random = generator(4)
    const options = {
      parameters: new Map<string, string>(),
      account: '111122223333',
      region: 'us-east-1',
      stackName: undefined,
      managedPolicies: loadManagedPolicies,
    }
    for (let i = 0; i < 300; i++) {
      const text = mutate(templates[i % templates.length] as string, random)
      const parsed = parseTemplate('t.yml', text)
      expectPlaced(parsed.problems, 't.yml')
      if (!parsed.root) {
        expect(parsed.problems.length).toBeGreaterThan(0)
        continue
      }
      const found = await discoverFromTemplate('t.yml', parsed.root, { ...options, text })
      expectPlaced(found.problems, 't.yml')
    }
  })

  it('CloudFormation: templates whose values are swapped with values of other templates end in principals or placed problems', async () => {
    // Past the parser: each value a mutation leaves is well-formed, so the intrinsics, SAM's
    // transforms and the policies are what meets the unexpected (a Ref where a list was, a policy
    // document where a name was).
    const publicDir = join(REPO_ROOT, 'test/fixtures/cloudformation/public')
    const roots = [
      'examples/cloudformation/stacks/app.yml',
      'examples/cloudformation/stacks/functions.yml',
      'test/fixtures/cdk-out/ApiStack.template.json',
      'test/fixtures/cloudformation/sam.yml',
      'test/fixtures/cloudformation/app.yml',
      ...readdirSync(publicDir)
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .map((f) => `test/fixtures/cloudformation/public/${f}`),
    ].flatMap((path) => parseTemplate('t.yml', read(path)).root ?? [])
    const pool: JsonNode[] = []
    const collect = (n: JsonNode) => {
      pool.push(n)
      if (n.type === 'array') n.items.forEach(collect)
      if (n.type === 'object') n.values.forEach(collect)
    }
    roots.forEach(collect)
    const random = generator(5)
    const swapped = (n: JsonNode): JsonNode => {
      if (random.next() < 0.03) return pool[random.int(pool.length)] as JsonNode
      if (n.type === 'array') return { ...n, items: n.items.map(swapped) }
      if (n.type === 'object') return { ...n, values: n.values.map(swapped) }
      return n
    }
    let principals = 0
    for (let i = 0; i < 300; i++) {
      const found = await discoverFromTemplate('t.yml', swapped(roots[i % roots.length] as JsonNode), {
        parameters: new Map(),
        account: '111122223333',
        region: 'us-east-1',
        stackName: undefined,
        managedPolicies: loadManagedPolicies,
        text: '',
      })
      expectPlaced(found.problems, 't.yml')
      // And the checks of what they grant, whatever it has become.
      const { findings } = analyse(found.principals, [], catalog)
      for (const f of findings) expect(f.line).toBeGreaterThanOrEqual(1)
      principals += found.principals.length
    }
    // Mutants with principals are many: the checks were reached, not only discovery's refusals.
    expect(principals).toBeGreaterThan(100)
  })
})
