import { thousands } from './text.js'

/** Where a problem is: a path relative to the workspace, and a 1-based line and column when known. */
export interface Position {
  readonly file?: string
  readonly line?: number
  readonly column?: number
}

/** One mistake in the user's inputs, config or policy files, with a message that says what was expected. */
export interface Problem extends Position {
  readonly message: string
}

/**
 * The user's mistakes, all of them found in one pass. Reported without a stack: nothing is wrong with
 * the action, and nothing was started because of them.
 */
export class ConfigError extends Error {
  readonly problems: readonly Problem[]

  constructor(problems: readonly Problem[]) {
    const [first] = problems
    super(
      problems.length === 1 && first
        ? formatProblem(first)
        : `${problems.length} problems:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
    )
    this.name = 'ConfigError'
    this.problems = problems
  }
}

/** `file:line:column: message`, leaving out what is unknown. */
export function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.line, problem.line === undefined ? undefined : problem.column]
    .filter((part) => part !== undefined)
    .join(':')
  return where ? `${where}: ${problem.message}` : problem.message
}

/** A user's value as it reads in a message: JSON, so empty strings and whitespace stay visible. */
export function quote(value: unknown): string {
  // `1e999` in a policy file parses as Infinity, which JSON would print as null.
  const text =
    typeof value === 'number' && !Number.isFinite(value)
      ? String(value)
      : (JSON.stringify(value) ?? String(value))
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}

/** The first `count` items, and how many more there are: "a, b, c, … (4 more)". */
export function previewList(items: readonly string[], count: number): string {
  return items.length <= count
    ? items.join(', ')
    : `${items.slice(0, count).join(', ')}, … (${thousands(items.length - count)} more)`
}
