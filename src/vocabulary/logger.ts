/** Where in the repository a log message belongs: the runner shows it as an annotation there. */
export interface LogLocation {
  readonly title?: string
  readonly file?: string
  readonly line?: number
  readonly column?: number
}

/**
 * Where the action's messages go. In a workflow, the runner's log and annotations (github/); in tests,
 * a list. Passed down rather than imported, so no module below the entry points talks to the runner.
 */
export interface Logger {
  debug(message: string): void
  info(message: string): void
  notice(message: string, at?: LogLocation): void
  warning(message: string, at?: LogLocation): void
  error(message: string, at?: LogLocation): void
  /**
   * How many annotations of a level this step has shown so far (every notice, warning and error is one):
   * GitHub shows 10 of each, so what is written later must leave room. Undefined where nothing is counted.
   */
  annotated?(level: 'notice' | 'warning' | 'error'): number
  /** Runs `body` with its messages folded under `title`. */
  group<T>(title: string, body: () => Promise<T>): Promise<T>
}
