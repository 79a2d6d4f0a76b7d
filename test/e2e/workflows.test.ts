// The repository's own workflows cannot run here: each is checked against what it names (the action's
// inputs and outputs, package.json's scripts), and the self-test's steps are run as the runner would
// run them, on the bundled action.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { REPO_ROOT, runAction } from '../world/runner.js'

interface Step {
  readonly id?: string
  readonly name?: string
  readonly uses?: string
  readonly run?: string
  readonly with?: Record<string, string>
  readonly env?: Record<string, string>
}
interface Workflow {
  readonly jobs: Record<string, { readonly steps: readonly Step[] }>
}

const dir = join(REPO_ROOT, '.github', 'workflows')
const workflows = Object.fromEntries(
  readdirSync(dir).map((name) => [name, parse(readFileSync(join(dir, name), 'utf8')) as Workflow]),
)
const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
}
const scripts = Object.keys(
  (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: object }).scripts,
)
const allSteps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps)

describe('the repository workflows', () => {
  it('are the ones a GitHub Action keeps: CI, check-dist, and a run of the action itself', () => {
    expect(Object.keys(workflows).sort()).toEqual(['check-dist.yml', 'ci.yml', 'self-test.yml'])
    const runs = (name: string) =>
      allSteps(workflows[name] as Workflow).flatMap((s) => (s.run ? [s.run] : []))
    expect(runs('ci.yml')).toEqual(expect.arrayContaining(['npm ci', 'npm run lint', 'npm test']))
    expect(runs('check-dist.yml').join('\n')).toMatch(/npm run build[\s\S]*git status --porcelain -- dist/)
    expect(allSteps(workflows['self-test.yml'] as Workflow).some((s) => s.uses === './')).toBe(true)
  })

  it.each(Object.keys(workflows))('%s names only real inputs, outputs, steps and scripts', (name) => {
    const workflow = workflows[name] as Workflow
    for (const job of Object.values(workflow.jobs)) {
      const ours = new Set(job.steps.filter((s) => s.uses === './' && s.id).map((s) => s.id as string))
      const ids = new Set(job.steps.flatMap((s) => (s.id ? [s.id] : [])))
      for (const step of job.steps) {
        if (step.uses === './')
          for (const key of Object.keys(step.with ?? {}))
            expect(Object.keys(action.inputs), key).toContain(key)
        const text = JSON.stringify(step)
        for (const [, id, rest] of text.matchAll(/steps\.([\w-]+)\.([\w.-]+)/g)) {
          expect([...ids], `${name}: steps.${id}`).toContain(id)
          const output = /^outputs\.([\w-]+)$/.exec(rest as string)?.[1]
          if (output && ours.has(id as string)) expect(Object.keys(action.outputs), output).toContain(output)
        }
        for (const [, script] of (step.run ?? '').matchAll(/npm run ([\w:-]+)/g))
          expect(scripts, `${name}: npm run ${script}`).toContain(script)
      }
    }
  })
})

/** `${{ steps.<id>.outputs.<name> }}` and `${{ steps.<id>.outcome }}`, from the runs so far. */
function evaluate(
  text: string,
  done: Map<string, { outputs: Record<string, string>; exitCode: number | null }>,
) {
  return text.replace(
    /\$\{\{\s*steps\.([\w-]+)\.(outputs\.([\w-]+)|outcome)\s*\}\}/g,
    (_, id, what, output) => {
      const run = done.get(id)
      if (!run) throw new Error(`steps.${id} has not run`)
      return what === 'outcome' ? (run.exitCode === 0 ? 'success' : 'failure') : (run.outputs[output] ?? '')
    },
  )
}

describe('self-test.yml, run step by step', () => {
  it('passes on the bundled action: outputs, report, SARIF, and the default fail-on failing', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'ipd-self-test-'))
    await cp(join(REPO_ROOT, 'examples'), join(workspace, 'examples'), { recursive: true })
    const done = new Map<string, { outputs: Record<string, string>; exitCode: number | null }>()
    const steps = allSteps(workflows['self-test.yml'] as Workflow)
    let ran = 0
    for (const step of steps) {
      if (step.uses === './') {
        const run = await runAction({ workspace, inputs: step.with ?? {} })
        if (step.id) done.set(step.id, run)
        ran++
      } else if (step.run) {
        const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(v, done)]))
        const shell = spawnSync('bash', ['-eo', 'pipefail', '-c', step.run], {
          cwd: workspace,
          env: { PATH: process.env.PATH ?? '', ...env },
          encoding: 'utf8',
        })
        expect(shell.status, `${step.name}: ${shell.stderr}`).toBe(0)
        ran++
      }
    }
    expect(ran).toBe(steps.length - 1) // all but actions/checkout
    expect(done.get('check')?.exitCode).toBe(0)
    expect(done.get('failing')?.exitCode).toBe(1)
    expect(JSON.parse(await readFile(join(workspace, 'iam-policy-drift.sarif'), 'utf8')).version).toBe(
      '2.1.0',
    )
  })
})
