import type { PolicyDocument, Statement, Written } from '../vocabulary/policy.js'

type Move = <T extends { line: number; column: number; written?: Written }>(x: T) => T

/**
 * The same document with every position at `at`: for a policy whose text has no lines of its own in
 * the repository (a plan's value, an AWS managed policy), the line that brings it in; and where that
 * is written, when another file writes it (an ARN a module's caller passes in).
 */
export function placePolicyAt(
  policy: PolicyDocument,
  at: { line: number; column: number; written?: Written },
): PolicyDocument {
  const { line, column, written } = at
  const here: Move = (x) => ({ ...x, line, column })
  // Only entries are written anywhere: a statement stands in the document's file.
  return mapPositions(policy, written ? (x) => ({ ...x, line, column, written }) : here, here)
}

/**
 * The same document as written at `at` in `file`: for a document of code no one edits in this
 * repository (a registry module `terraform init` installed), the line of the repository's code that
 * brings it in. A part written where `editable` says a person edits (a list the caller passes in)
 * keeps that place. Its text is not the file's, so it has no place to be edited in.
 */
export function placePolicyIn(
  policy: PolicyDocument,
  file: string,
  at: { line: number; column: number },
  editable: (file: string) => boolean,
): PolicyDocument {
  const { site: _, ...rest } = policy
  const placed = mapPositions(rest, (x) => {
    if (x.written && editable(x.written.file)) return { ...x, line: at.line, column: at.column }
    const { written: _, ...bare } = x
    return { ...bare, line: at.line, column: at.column } as typeof x
  })
  return { ...placed, file }
}

/**
 * The same document with every line `n` of its text made `lineOf(n)`: a JSON document that starts further
 * down a file, or that a template wrote from lines of its own.
 */
export function relinePolicy(policy: PolicyDocument, lineOf: (line: number) => number): PolicyDocument {
  return mapPositions(policy, (x) => ({ ...x, line: lineOf(x.line) }))
}

/** The same document with every position moved by `move`: a JSON text written inside another file. */
export function movePolicy(
  policy: PolicyDocument,
  move: (at: { line: number; column: number }) => { line: number; column: number },
): PolicyDocument {
  return mapPositions(policy, (x) => ({ ...x, ...move(x) }))
}

function mapPositions(policy: PolicyDocument, move: Move, moveStatement: Move = move): PolicyDocument {
  return { ...policy, statements: policy.statements.map((s) => mapStatement(s, move, moveStatement)) }
}

function mapStatement(s: Statement, move: Move, moveStatement: Move): Statement {
  return {
    ...moveStatement(s),
    actions: s.actions.map(move),
    resources: s.resources.map(move),
    condition: s.condition && move(s.condition),
  }
}
