// The README is the first thing a user reads: its tables and snippets must match what the action is.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { parseConfig } from '../../src/config/config-file.js'
import { REPO_ROOT } from '../world/runner.js'

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')
const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default: string; description: string }>
  outputs: Record<string, { description: string }>
}
const blocks = (lang: string) =>
  [...readme.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1] as string)

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

  it('shows workflows that use only inputs action.yml declares, and configs that load', () => {
    let workflows = 0
    let configs = 0
    type Step = { uses?: string; with?: Record<string, unknown> }
    for (const block of blocks('yaml')) {
      const doc = parse(block) as Step[] | { jobs?: Record<string, { steps: Step[] }> }
      // A whole workflow, or a snippet of steps.
      const steps = Array.isArray(doc)
        ? doc
        : doc.jobs
          ? Object.values(doc.jobs).flatMap((job) => job.steps)
          : undefined
      if (steps) {
        workflows++
        const ours = steps.filter((s) => s.uses?.startsWith('iam-policy-drift/'))
        expect(ours.length).toBeGreaterThan(0)
        for (const step of ours) {
          for (const key of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(key)
        }
      } else {
        configs++
        expect(parseConfig('README.md', block).problems).toEqual([])
      }
    }
    expect(workflows).toBeGreaterThan(0)
    expect(configs).toBeGreaterThan(1)
  })

  it('shows a JSON report example that parses', () => {
    for (const block of blocks('json')) expect(() => JSON.parse(block)).not.toThrow()
  })
})
