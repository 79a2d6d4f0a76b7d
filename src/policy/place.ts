import type { PolicyDocument, Statement } from '../vocabulary/policy.js'

type Move = <T extends { line: number; column: number }>(x: T) => T

/**
 * The same document with every position at `at`: for a policy whose text has no lines of its own in
 * the repository (a plan's value, an AWS managed policy), the line that brings it in.
 */
export function placePolicyAt(policy: PolicyDocument, at: { line: number; column: number }): PolicyDocument {
  return mapPositions(policy, (x) => ({ ...x, line: at.line, column: at.column }))
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

function mapPositions(policy: PolicyDocument, move: Move): PolicyDocument {
  return { ...policy, statements: policy.statements.map((s) => mapStatement(s, move)) }
}

function mapStatement(s: Statement, move: Move): Statement {
  return {
    ...move(s),
    actions: s.actions.map(move),
    resources: s.resources.map(move),
    condition: s.condition && move(s.condition),
  }
}
