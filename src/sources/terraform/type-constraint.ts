// A variable's value as its type constraint shapes it. Since Terraform 1.3 an object type may declare
// attributes `optional(type)` or `optional(type, default)`: a value that leaves one out (or gives it as
// null) has it as null, or as that default. Modules written this way read `statement.value.not_actions`
// of every statement, so without this the attribute left out reads as unknown, not as null.
import { evaluate, type Scope, type Value } from './evaluate.js'
import type { Expr } from './hcl.js'

/** Type expressions nest a few levels; deeper is left as it is. */
const MAX_DEPTH = 32

/** `value` with the optional attributes its `type` declares filled in; anything else as it is. */
export function conform(value: Value, type: Expr | undefined, scope: Scope, depth = 0): Value {
  if (type?.kind !== 'call' || depth > MAX_DEPTH) return value
  const [inner] = type.args
  switch (type.name) {
    case 'object':
      return inner?.kind === 'object' && value.type === 'object'
        ? conformObject(value, inner, scope, depth)
        : value
    case 'map':
      return value.type === 'object'
        ? { ...value, values: value.values.map((v) => conform(v, inner, scope, depth + 1)) }
        : value
    case 'list':
    case 'set':
      return value.type === 'array'
        ? { ...value, items: value.items.map((v) => conform(v, inner, scope, depth + 1)) }
        : value
    case 'tuple':
      return value.type === 'array' && inner?.kind === 'tuple'
        ? { ...value, items: value.items.map((v, i) => conform(v, inner.items[i], scope, depth + 1)) }
        : value
    default:
      return value
  }
}

function conformObject(
  value: Extract<Value, { type: 'object' }>,
  type: Extract<Expr, { kind: 'object' }>,
  scope: Scope,
  depth: number,
): Value {
  const keys = [...value.keys]
  const values = [...value.values]
  for (const entry of type.entries) {
    const name = attributeName(entry.key)
    if (name === undefined) continue
    const optional = entry.value.kind === 'call' && entry.value.name === 'optional' ? entry.value : undefined
    const attributeType = optional ? optional.args[0] : entry.value
    const i = keys.findIndex((k) => k.value === name)
    const given = i < 0 ? undefined : values[i]
    if (given && given.type !== 'null') {
      values[i] = conform(given, attributeType, scope, depth + 1)
      continue
    }
    // A required attribute left out is Terraform's error to report: it stays as it is.
    if (!optional) continue
    // Left out or null: the default optional() names, else null.
    const fallback = optional.args[1]
    const at = { line: value.line, column: value.column }
    const filled: Value = fallback
      ? conform(evaluate(fallback, scope), attributeType, scope, depth + 1)
      : { type: 'null', value: null, ...at }
    if (i < 0) {
      keys.push({ type: 'string', value: name, ...at })
      values.push(filled)
    } else values[i] = filled
  }
  return { ...value, keys, values }
}

/** An object type's attribute name: `sid` or `"sid"`. */
function attributeName(key: Expr): string | undefined {
  if (key.kind === 'traversal' && key.steps.length === 0) return key.root
  if (key.kind === 'literal' && typeof key.value === 'string') return key.value
  return undefined
}
