// Runs the bundled action as a separate process with the environment a GitHub runner gives a
// JavaScript action: INPUT_* (with action.yml's defaults, as the runner fills them in), GITHUB_* files
// for outputs, state, summary and the event payload, RUNNER_TEMP. Used by the end-to-end tests, the demo
// and the benchmark, so all three exercise exactly what users run.
import { type ChildProcess, spawn } from 'node:child_process'
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** A `::command key=value,…::message` line the action printed. */
export interface WorkflowCommand {
  readonly command: string
  readonly properties: Record<string, string>
  readonly message: string
}

export interface ActionRun {
  readonly exitCode: number | null
  readonly stdout: string
  readonly stderr: string
  readonly outputs: Record<string, string>
  readonly state: Record<string, string>
  readonly summary: string
  readonly commands: readonly WorkflowCommand[]
  /** Milliseconds from spawn to the first line on stdout. */
  readonly firstLineMs: number | undefined
  readonly durationMs: number
  readonly runnerTemp: string
}

export interface ActionRunOptions {
  /** The repository checkout the action runs in. */
  readonly workspace: string
  /** Inputs by their action.yml names; unset ones get action.yml's defaults. */
  readonly inputs?: Record<string, string>
  readonly env?: Record<string, string>
  readonly eventName?: string
  readonly event?: unknown
  /** `dist/index.js` (default) or `dist/post.js`. */
  readonly entry?: string
  /** State saved by an earlier step (`core.saveState`), for the post step. */
  readonly state?: Record<string, string>
  /** Called with the process once it runs, e.g. to signal it. */
  readonly onSpawn?: (child: import('node:child_process').ChildProcess) => void
}

let defaults: Record<string, string> | undefined

/** action.yml's input defaults, as the runner would pass them (`${{ github.token }}` becomes ''). */
export async function actionDefaults(): Promise<Record<string, string>> {
  if (!defaults) {
    const action = parse(await readFile(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>
    }
    defaults = Object.fromEntries(
      Object.entries(action.inputs).map(([name, spec]) => [
        name,
        String(spec.default ?? '').includes('${{') ? '' : String(spec.default ?? ''),
      ]),
    )
  }
  return defaults
}

let isolatedDist: Promise<string> | undefined

/**
 * A copy of dist/ outside the repository, made once per process: the bundle must run with no
 * node_modules above it, as on a runner, so a dependency left out of the bundle fails here too.
 */
function distCopy(): Promise<string> {
  isolatedDist ??= (async () => {
    const root = await mkdtemp(join(tmpdir(), 'ipd-dist-'))
    await cp(join(REPO_ROOT, 'dist'), join(root, 'dist'), { recursive: true })
    return root
  })()
  return isolatedDist
}

/**
 * The event of a pull request from a branch of octo-org/infra itself, as GitHub sends it: its number at
 * the top and on the pull request, and the head and base commits.
 */
export function pullRequestEvent(number: number, head: string, base: string) {
  const repo = { full_name: 'octo-org/infra' }
  return {
    number,
    pull_request: {
      number,
      head: { sha: head, repo: { ...repo, fork: false } },
      base: { sha: base, repo },
    },
  }
}

export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const temp = await mkdtemp(join(tmpdir(), 'ipd-run-'))
  const files = {
    GITHUB_OUTPUT: join(temp, 'output'),
    GITHUB_STATE: join(temp, 'state'),
    GITHUB_STEP_SUMMARY: join(temp, 'summary.md'),
    GITHUB_ENV: join(temp, 'env'),
    GITHUB_PATH: join(temp, 'path'),
    GITHUB_EVENT_PATH: join(temp, 'event.json'),
  }
  for (const file of Object.values(files)) await writeFile(file, '')
  await writeFile(files.GITHUB_EVENT_PATH, JSON.stringify(options.event ?? {}))
  const inputs = { ...(await actionDefaults()), ...options.inputs }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? temp,
    TMPDIR: tmpdir(),
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: 'octo-org/infra',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_RUN_ID: '1001',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    RUNNER_TEMP: temp,
    ...files,
    ...Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
    ),
    ...Object.fromEntries(
      Object.entries(options.state ?? {}).map(([name, value]) => [`STATE_${name}`, value]),
    ),
    ...options.env,
  }

  const entry = join(await distCopy(), options.entry ?? 'dist/index.js')
  const started = performance.now()
  let firstLineMs: number | undefined
  const child = running(
    spawn(process.execPath, [entry], {
      cwd: options.workspace,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  )
  options.onSpawn?.(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    firstLineMs ??= performance.now() - started
    stdout += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exitCode = await new Promise<number | null>((done, fail) => {
    child.on('error', fail)
    child.on('close', (code) => done(code))
  })
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseFileCommands(await readFile(files.GITHUB_OUTPUT, 'utf8')),
    state: parseFileCommands(await readFile(files.GITHUB_STATE, 'utf8')),
    summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
    commands: parseWorkflowCommands(stdout),
    firstLineMs,
    durationMs: performance.now() - started,
    runnerTemp: temp,
  }
}

/** The runs still going, each until it exits. */
const live = new Set<ChildProcess>()

/**
 * Kills the runs a test left going (it timed out waiting for one), so that none takes a core from every
 * test after it, nor outlives the test run: called after each test (test/world/left-runs.ts).
 */
export function stopLeftRuns(): void {
  for (const child of live) child.kill('SIGKILL')
  live.clear()
}

function running<T extends ChildProcess>(child: T): T {
  live.add(child)
  child.once('exit', () => live.delete(child))
  return child
}

/** Parses `name<<delimiter\nvalue\ndelimiter` entries, as the runner reads GITHUB_OUTPUT and GITHUB_STATE. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!match) continue
    const [, name = '', delimiter] = match
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '')
    out[name] = value.join('\n')
  }
  return out
}

/** Parses `::error file=a.json,line=3,title=…::message` lines, undoing the runner's escaping. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const decode = (s: string) =>
    s
      .replace(/%0D/g, '\r')
      .replace(/%0A/g, '\n')
      .replace(/%3A/g, ':')
      .replace(/%2C/g, ',')
      .replace(/%25/g, '%')
  const commands: WorkflowCommand[] = []
  for (const line of stdout.split('\n')) {
    const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!match) continue
    const [, command = '', props = '', message = ''] = match
    const properties = Object.fromEntries(
      props
        .split(',')
        .filter(Boolean)
        .map((p) => {
          const eq = p.indexOf('=')
          return [p.slice(0, eq), decode(p.slice(eq + 1))]
        }),
    )
    commands.push({ command, properties, message: decode(message) })
  }
  return commands
}

export interface CliRun {
  readonly exitCode: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * The command line (`dist/cli.js`, from the same copy of dist/ outside the repository) run as a
 * process in `cwd`, with only PATH and HOME from this environment and `env` on top.
 */
export async function runCli(
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
  /** Stop reading the output after its first chunk and close the pipe, as `| head` does. */
  options: { readOneChunk?: boolean } = {},
): Promise<CliRun> {
  const root = await distCopy()
  return new Promise((done, fail) => {
    const child = running(
      spawn(process.execPath, [join(root, 'dist', 'cli.js'), ...args], {
        cwd,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, TMPDIR: tmpdir(), ...env },
      }),
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      if (options.readOneChunk) child.stdout.destroy()
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('error', fail)
    child.on('close', (exitCode) => done({ exitCode, stdout, stderr }))
  })
}
