// Where a value of a template was written, kept on the positioned tree as symbol-keyed properties: the
// offsets of a node's text when it was read from YAML, and whether the value is an intrinsic function's
// result. Symbol keys stay out of the tree's JSON and out of the policy parser's way, and the copies the
// evaluator makes (`{ ...node, items }`) keep them.
//
// The offsets are two numbers written in the node's literal (`{ type, value, line, column, [START]: s,
// [END]: e }`), not a span object added afterwards: a template's tree is the largest thing a run keeps,
// and that shape is a third smaller and quicker to build (and to collect).
import type { JsonNode } from '../../policy/json-tree.js'

/** A stretch of a template's text: offsets, end exclusive. */
export interface TextSpan {
  readonly start: number
  readonly end: number
}

export const START: unique symbol = Symbol('text start')
export const END: unique symbol = Symbol('text end')
const COMPUTED: unique symbol = Symbol('computed')

/** What a node of a template may carry besides its JSON. */
export interface Origin {
  [START]?: number
  [END]?: number
  [COMPUTED]?: true
}

export function spanOf(node: JsonNode): TextSpan | undefined {
  const marked = node as Origin
  const start = marked[START]
  const end = marked[END]
  return start === undefined || end === undefined ? undefined : { start, end }
}

/**
 * An intrinsic's result, written where the call is: its text is the call's (`!Sub …`, `!If […]`). A
 * value the call made (`fresh`) is marked in place; one of its arguments is copied.
 */
export function computedAt<T extends JsonNode>(result: T, call: JsonNode, fresh = false): T {
  const at = call as Origin
  const marked = (fresh ? result : { ...result }) as T & Origin
  marked[COMPUTED] = true
  if (at[START] === undefined) {
    delete marked[START]
    delete marked[END]
  } else {
    marked[START] = at[START]
    marked[END] = at[END] as number
  }
  return marked
}

export function isComputed(node: JsonNode): boolean {
  return (node as Origin)[COMPUTED] === true
}
