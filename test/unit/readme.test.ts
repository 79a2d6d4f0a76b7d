// The README is the first thing a user reads: its tables and snippets must match what the action is.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse, parseDocument } from 'yaml'
import { parseConfig } from '../../src/config/config-file.js'
import { mistakeMessages } from '../world/mistakes.js'
import { REPO_ROOT } from '../world/runner.js'

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')
const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default: string; description: string }>
  outputs: Record<string, { description: string }>
}
const blocks = (lang: string) =>
  [...readme.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1] as string)

/** Every YAML snippet a user may copy: the README's, and the workflows in examples/workflows. */
function snippets(): { where: string; text: string }[] {
  const dir = join(REPO_ROOT, 'examples', 'workflows')
  return [
    ...blocks('yaml').map((text, i) => ({ where: `README.md yaml block ${i + 1}`, text })),
    ...readdirSync(dir).map((name) => ({
      where: `examples/workflows/${name}`,
      text: readFileSync(join(dir, name), 'utf8'),
    })),
  ]
}

type Step = { id?: string; uses?: string; with?: Record<string, unknown> }
type Workflow = {
  on?: Record<string, unknown>
  permissions?: Record<string, string>
  jobs: Record<string, { permissions?: Record<string, string>; steps: Step[] }>
}

/** Checks a snippet and says what it is: a whole workflow, some steps, or a config. */
function checkSnippet(where: string, text: string): 'workflow' | 'steps' | 'config' {
  const doc = parse(text) as Workflow | Step[] | { steps: Step[] } | Record<string, unknown>
  const ourInputs = (steps: Step[]) => {
    for (const step of steps.filter((s) => s.uses?.startsWith('iam-policy-drift/'))) {
      expect(step.uses, where).toBe('iam-policy-drift/iam-policy-drift@v0')
      for (const key of Object.keys(step.with ?? {}))
        expect(Object.keys(action.inputs), `${where}: ${key}`).toContain(key)
    }
  }
  if (Array.isArray(doc)) {
    ourInputs(doc)
    return 'steps'
  }
  if ('jobs' in doc) {
    const workflow = doc as Workflow
    for (const job of Object.values(workflow.jobs)) {
      ourInputs(job.steps)
      const permissions = { ...workflow.permissions, ...job.permissions }
      const ours = job.steps.filter((s) => s.uses?.startsWith('iam-policy-drift/'))
      expect(ours.length, where).toBeGreaterThan(0)
      for (const step of ours) {
        if (step.with?.['role-to-assume']) expect(permissions['id-token'], `${where}: id-token`).toBe('write')
        const onPullRequests = Object.keys(workflow.on ?? {}).some((e) => e.startsWith('pull_request'))
        if (onPullRequests && step.with?.comment !== 'never') {
          expect(permissions['pull-requests'], `${where}: pull-requests`).toBe('write')
        }
        expect(permissions.contents, `${where}: contents`).toBe('read')
      }
      // A step that reads another step's outputs names a step of its job that exists.
      for (const ref of JSON.stringify(job).matchAll(/steps\.([a-z-]+)\.outputs\.([a-z-]+)/g)) {
        expect(
          job.steps.map((s) => s.id),
          where,
        ).toContain(ref[1])
        expect(Object.keys(action.outputs), where).toContain(ref[2])
      }
    }
    return 'workflow'
  }
  if ('steps' in doc && Array.isArray(doc.steps)) {
    ourInputs(doc.steps as Step[])
    return 'steps'
  }
  expect(parseConfig('README.md', text).problems, where).toEqual([])
  return 'config'
}

/** The action's source with adjacent string literals joined and interpolations as `${}`. */
function sourceText(): string {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (path.endsWith('.ts') && !path.endsWith('.generated.ts')) files.push(readFileSync(path, 'utf8'))
    }
  }
  walk(join(REPO_ROOT, 'src'))
  return files
    .join('\n')
    .replace(/(['"`])\s*\+\s*(['"`])/g, '')
    .replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, '${}')
}

/**
 * The first major of each action the snippets and workflows use that runs on Node 24 (`runs.using:
 * node24`): GitHub runners have forced Node 20 actions onto Node 24 since June 2026, with a warning on
 * every run, and codeql-action v3 is deprecated from December 2026. An action not listed here fails the
 * test until its Node 24 major is looked up and added.
 */
const NODE24_MAJORS: Record<string, number> = {
  'actions/checkout': 5,
  'actions/setup-node': 5,
  'actions/setup-python': 6,
  'actions/upload-artifact': 6,
  'actions/download-artifact': 7,
  'github/codeql-action': 4,
  'hashicorp/setup-terraform': 4,
}

/** What each `uses:` of another action in a text names that runs on Node 20 or older, or is unknown. */
function outdatedActions(text: string): string[] {
  const out: string[] = []
  for (const [, ref] of text.matchAll(/^\s*-?\s*uses:\s*([^\s#]+)/gm)) {
    if (!ref || ref.startsWith('./') || ref.startsWith('iam-policy-drift/')) continue
    const [path = '', version = ''] = ref.split('@')
    const name = path.split('/').slice(0, 2).join('/')
    const first = NODE24_MAJORS[name]
    const major = /^v(\d+)$/.exec(version)?.[1]
    if (first === undefined || major === undefined || Number(major) < first) out.push(ref)
  }
  return out
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

describe('README', () => {
  it('documents every input of action.yml with its default and description, and no other', () => {
    const section = readme.slice(readme.indexOf('## Inputs'), readme.indexOf('## Outputs'))
    // Cells as written, or as the formatter pads them.
    const rows = [...section.matchAll(/^\| `([a-z-]+)` +\| `(.*?)` +\| (.*?) *\|$/gm)].map((m) => [
      m[1],
      m[2],
      m[3],
    ])
    const expected = Object.entries(action.inputs).map(([name, spec]) => [
      name,
      spec.default === '' ? "''" : spec.default,
      spec.description,
    ])
    expect(rows).toEqual(expected)
  })

  it('documents every output of action.yml', () => {
    const section = readme.slice(readme.indexOf('## Outputs'), readme.indexOf('## Configuration'))
    const names = [...section.matchAll(/^\| `([a-z-]+)` +\|/gm)].map((m) => m[1])
    expect(names).toEqual(Object.keys(action.outputs))
  })

  it('shows workflows and steps that use only inputs action.yml declares, with the permissions they need', () => {
    const kinds = snippets().map(({ where, text }) => checkSnippet(where, text))
    expect(kinds.filter((k) => k === 'workflow').length).toBeGreaterThanOrEqual(4) // README + examples/workflows
    expect(kinds.filter((k) => k === 'steps').length).toBeGreaterThan(1)
    expect(kinds.filter((k) => k === 'config').length).toBeGreaterThan(1)
  })

  it('shows and runs other actions only at majors that run on Node 24', () => {
    const dir = join(REPO_ROOT, '.github', 'workflows')
    const texts = [
      ...snippets(),
      ...readdirSync(dir).map((name) => ({
        where: `.github/workflows/${name}`,
        text: readFileSync(join(dir, name), 'utf8'),
      })),
    ]
    const outdated = texts.flatMap(({ where, text }) =>
      outdatedActions(text).map((ref) => `${where}: ${ref}`),
    )
    expect(outdated).toEqual([])
    // The check reads every step that uses another action: there are some to read.
    expect(
      texts.flatMap(({ text }) => outdatedActions(text.replace(/@v\d+/g, '@v1'))).length,
    ).toBeGreaterThan(10)
  })

  it('states the config defaults the loader applies', () => {
    const { config, problems } = parseConfig(
      'c.yml',
      [
        'cloudtrail:',
        '  trail-arn: arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail',
        '  access-role-arn: arn:aws:iam::111122223333:role/a',
        'principals:',
        '  - arn: arn:aws:iam::111122223333:role/p',
        '    policies: p.json',
      ].join('\n'),
    )
    expect(problems).toEqual([])
    const table = readme.slice(
      readme.indexOf('| key | default | rules |'),
      readme.indexOf('Unknown keys are errors'),
    )
    const defaultOf = (key: string) =>
      new RegExp(`^\\| \`${key.replace(/[.[\]]/g, '\\$&')}\` \\| (.*?) \\|`, 'm').exec(table)?.[1]
    expect(defaultOf('cloudtrail.lookback-days')).toBe(`\`${config?.cloudTrail?.lookbackDays}\``)
    expect(defaultOf('include-service-level-template')).toBe(`\`${config?.includeServiceLevelTemplate}\``)
    expect(defaultOf('cloudtrail.all-regions` / `regions')).toBe(
      `\`all-regions: ${config?.cloudTrail?.trails[0]?.allRegions}\``,
    )
    expect(config?.ignore).toEqual([])
  })

  it('quotes, in Troubleshooting, messages the action really gives', async () => {
    const section = readme.slice(readme.indexOf('### Troubleshooting'), readme.indexOf('## Reports'))
    const messages = [...section.matchAll(/^\| `(.+?)`(?: \(a finding\))? \| /gm)].map((m) => m[1] as string)
    expect(messages.length).toBeGreaterThan(20)
    const real = await mistakeMessages()
    const source = sourceText()
    const unmatched = messages.filter((message) => {
      // `…` stands for the rest: as a pattern against what the loaders say for the usual mistakes...
      const pattern = new RegExp(`^${message.split('…').map(escapeRegExp).join('[\\s\\S]*')}$`)
      if (real.some((m) => pattern.test(m))) return false
      // ...or, for what only a run against AWS or GitHub says, every piece is in the source, with the
      // job error codes and exception names where the source interpolates them.
      return !message
        .split('…')
        .map((piece) => piece.trim().replace(/\b(?:[A-Z][A-Za-z]+Exception|[A-Z][A-Z_]+_ERROR)\b/g, '${}'))
        .filter((piece) => piece.replace(/\$\{\}/g, '').length >= 8)
        .every((piece) => source.includes(piece))
    })
    expect(unmatched).toEqual([])
  })

  it('ships examples that all parse: JSON files, YAML files (CloudFormation tags aside)', () => {
    const files: string[] = []
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) walk(path)
        else files.push(path)
      }
    }
    walk(join(REPO_ROOT, 'examples'))
    const json = files.filter((f) => f.endsWith('.json'))
    const yaml = files.filter((f) => /\.ya?ml$/.test(f))
    expect(json.length).toBeGreaterThanOrEqual(4)
    expect(yaml.length).toBeGreaterThanOrEqual(5)
    for (const file of json) expect(() => JSON.parse(readFileSync(file, 'utf8')), file).not.toThrow()
    for (const file of yaml) {
      const doc = parseDocument(readFileSync(file, 'utf8'))
      const errors = doc.errors.map((e) => e.message)
      // CloudFormation's short forms (!Ref, !Sub, …) are tags a plain YAML reader does not know.
      const warnings = doc.warnings.filter(
        (w) =>
          !/^Unresolved tag: !(Ref|Sub|GetAtt|If|Equals|Not|And|Or|Condition|Join|Select|Split|FindInMap|ImportValue|Base64|Cidr|GetAZs) /.test(
            w.message,
          ),
      )
      expect([...errors, ...warnings.map((w) => w.message)], file).toEqual([])
    }
  })

  it('shows a JSON report example that parses', () => {
    const json = blocks('json')
    expect(json.length).toBeGreaterThan(0)
    for (const block of json) expect(() => JSON.parse(block)).not.toThrow()
  })
})
