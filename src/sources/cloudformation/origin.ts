// Where a value of a template was written, kept on the positioned tree as symbol-keyed properties: the
// text's offsets of a node read from YAML, and whether the value is an intrinsic function's result.
// Symbol keys stay out of the tree's JSON and out of the policy parser's way, and the copies the
// evaluator makes (`{ ...node, items }`) keep them.
import type { JsonNode } from '../../policy/json-tree.js'

/** A stretch of a template's text: offsets, end exclusive. */
export interface TextSpan {
  readonly start: number
  readonly end: number
}

const SPAN: unique symbol = Symbol('text span')
const COMPUTED: unique symbol = Symbol('computed')
type Marked = { [SPAN]?: TextSpan; [COMPUTED]?: true }

export function setSpan(node: JsonNode, span: TextSpan): void {
  ;(node as Marked)[SPAN] = span
}

export function spanOf(node: JsonNode): TextSpan | undefined {
  return (node as Marked)[SPAN]
}

/**
 * An intrinsic's result, written where the call is: its text is the call's (`!Sub …`, `!If […]`). A
 * value the call made (`fresh`) is marked in place; one of its arguments is copied.
 */
export function computedAt<T extends JsonNode>(result: T, call: JsonNode, fresh = false): T {
  const span = spanOf(call)
  const marked = (fresh ? result : { ...result }) as T & Marked
  marked[COMPUTED] = true
  if (span) marked[SPAN] = span
  else delete marked[SPAN]
  return marked
}

export function isComputed(node: JsonNode): boolean {
  return (node as Marked)[COMPUTED] === true
}
