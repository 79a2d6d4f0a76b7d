// The runner's side of a step, as GitHub documents it ("Workflow commands for GitHub Actions"): inputs
// from INPUT_* variables, commands on stdout (`::warning file=a.json,line=3::text`), outputs, state and
// the job summary appended to the files the runner names. @actions/core writes exactly this, but its one
// module also loads its HTTP client (for OIDC tokens) in every run: a megabyte of bundle and ~100 ms of
// start-up that a run which never calls AWS pays for nothing. So these few commands are written here,
// byte for byte as @actions/core writes them, and @actions/core is loaded only for the OIDC token.
import { randomUUID } from 'node:crypto'
import { appendFileSync, existsSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import { EOL } from 'node:os'

/** Where an annotation points, as @actions/core's AnnotationProperties name it. */
export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
  endLine?: number
  startColumn?: number
  endColumn?: number
}

/** An input, as `with:` gave it (the runner sets INPUT_<NAME>), trimmed; '' when not given. */
export function getInput(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

export function debug(message: string): void {
  issue('debug', {}, message)
}

export function info(message: string): void {
  process.stdout.write(message + EOL)
}

export function notice(message: string, at: AnnotationProperties = {}): void {
  issue('notice', commandProperties(at), message)
}

export function warning(message: string, at: AnnotationProperties = {}): void {
  issue('warning', commandProperties(at), message)
}

export function error(message: string, at: AnnotationProperties = {}): void {
  issue('error', commandProperties(at), message)
}

/** Marks the step failed (exit code 1 when the process ends) with an error annotation. */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

/** A folded group in the log around what `body` prints. */
export async function group<T>(title: string, body: () => Promise<T>): Promise<T> {
  issue('group', {}, title)
  try {
    return await body()
  } finally {
    issue('endgroup', {}, '')
  }
}

/** Masks a value in the log from here on. */
export function setSecret(secret: string): void {
  issue('add-mask', {}, secret)
}

export function setOutput(name: string, value: string, env: NodeJS.ProcessEnv = process.env): void {
  keyValue('OUTPUT', 'set-output', name, value, env)
}

/** State for the post step, which the runner hands it as STATE_<name>. */
export function saveState(name: string, value: string, env: NodeJS.ProcessEnv = process.env): void {
  keyValue('STATE', 'save-state', name, value, env)
}

/** Appends Markdown to the job summary; an error when the runner gave no summary file. */
export async function appendSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const file = env.GITHUB_STEP_SUMMARY
  if (!file) throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY.')
  await appendFile(file, markdown, 'utf8')
}

/** `name<<delimiter` / value / `delimiter` in the runner's file, or the old stdout command without one. */
function keyValue(file: string, command: string, name: string, value: string, env: NodeJS.ProcessEnv): void {
  const path = env[`GITHUB_${file}`]
  if (!path) {
    if (command === 'set-output') process.stdout.write(EOL)
    issue(command, { name }, value)
    return
  }
  if (!existsSync(path)) throw new Error(`Missing file at path: ${path}`)
  const delimiter = `ghadelimiter_${randomUUID()}`
  if (name.includes(delimiter) || value.includes(delimiter))
    throw new Error(`Unexpected input: ${name} should not contain the delimiter "${delimiter}"`)
  appendFileSync(path, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8')
}

function commandProperties(at: AnnotationProperties): Record<string, string | number | undefined> {
  return {
    title: at.title,
    file: at.file,
    line: at.startLine,
    endLine: at.endLine,
    col: at.startColumn,
    endColumn: at.endColumn,
  }
}

/** `::command key=value,key=value::message`; properties that are empty, zero or absent are left out. */
function issue(
  command: string,
  properties: Record<string, string | number | undefined>,
  message: string,
): void {
  let text = `::${command}`
  let first = true
  for (const [key, value] of Object.entries(properties)) {
    if (!value) continue
    text += `${first ? ' ' : ','}${key}=${escapeProperty(String(value))}`
    first = false
  }
  process.stdout.write(`${text}::${escapeData(message)}${EOL}`)
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
