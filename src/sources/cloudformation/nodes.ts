// Template nodes as the SAM parts build them: a plain value placed at a line, with nodes of the
// template kept where they are written; and the two reads every part makes of a mapping.
import { type JsonNode, type JsonObject, keyIndex } from '../../policy/json-tree.js'

/** A plain JSON value (a SAM template's definition) as a tree whose every node is at `at`. */
export function positioned(value: unknown, at: { line: number; column: number }): JsonNode {
  if (value && typeof value === 'object' && NODE in value) return (value as { [NODE]: JsonNode })[NODE]
  const where = { line: at.line, column: at.column }
  if (typeof value === 'string') return { type: 'string', value, ...where }
  if (typeof value === 'number') return { type: 'number', value, ...where }
  if (typeof value === 'boolean') return { type: 'boolean', value, ...where }
  if (Array.isArray(value)) return { type: 'array', items: value.map((v) => positioned(v, at)), ...where }
  if (value && typeof value === 'object') {
    const pairs = Object.entries(value)
    return {
      type: 'object',
      keys: pairs.map(([k]) => ({ type: 'string', value: k, ...where })),
      values: pairs.map(([, v]) => positioned(v, at)),
      ...where,
    }
  }
  return { type: 'null', value: null, ...where }
}

/** A node of the template inside a value `positioned` makes: kept as it is, where it is written. */
const NODE = Symbol('node')
export function written(node: JsonNode): { [NODE]: JsonNode } {
  return { [NODE]: node }
}

/** The value of `key` in a mapping, if it has one. */
export function fieldOf(node: JsonObject, key: string): JsonNode | undefined {
  const i = keyIndex(node, key)
  return i < 0 ? undefined : node.values[i]
}

/** A mapping's entries by key. */
export function entries(node: JsonObject): Map<string, JsonNode> {
  const map = new Map<string, JsonNode>()
  node.keys.forEach((key, i) => {
    map.set(key.value, node.values[i] as JsonNode)
  })
  return map
}
