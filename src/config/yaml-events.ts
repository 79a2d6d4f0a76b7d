// The config file's common case read quickly: js-yaml's event parser, its events made into the `yaml`
// package's nodes (what YamlReader reads). The `yaml` package's own parser takes ~250 ms for a config
// listing 1,600 principals (npm run bench -- --only managed); the events take a fifth of that.
//
// Only plain documents take this path: one document of mappings, lists and non-empty scalars, without
// anchors, aliases, tags, block scalars or a key given twice. Anything else, and anything js-yaml
// refuses, is left to the `yaml` package, whose messages and positions the config's errors are made of.
import { EVENT_ID, getScalarValue, parseEvents } from 'js-yaml'
import { LineCounter, type Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml'

/** Nesting past this is left to the `yaml` package, which reports it. */
const MAX_DEPTH = 100

/** A config document as the `yaml` package would compose it, or undefined when it is not plain. */
export function parsePlainYaml(text: string): { contents: Node; lineCounter: LineCounter } | undefined {
  let events: ReturnType<typeof parseEvents>
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH })
  } catch {
    return undefined
  }
  const stack: (YAMLMap | YAMLSeq)[] = []
  const keys: Set<unknown>[] = []
  /** The key read in each open mapping, waiting for its value: the innermost one in `pending`. */
  const waiting: (Scalar | undefined)[] = []
  let pending: Scalar | undefined
  let contents: Node | undefined
  let documents = 0
  const attach = (node: Node): boolean => {
    const parent = stack[stack.length - 1]
    if (!parent) {
      contents = node
      return true
    }
    if (parent instanceof YAMLSeq) {
      parent.items.push(node)
      return true
    }
    if (!pending) {
      // Keys are scalars, each once per mapping.
      if (!(node instanceof Scalar)) return false
      const seen = keys[keys.length - 1] as Set<unknown>
      if (seen.has(node.value)) return false
      seen.add(node.value)
      pending = node
      return true
    }
    parent.items.push(new Pair(pending, node))
    pending = undefined
    return true
  }
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        if (++documents > 1) return undefined
        break
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        if (event.anchorStart >= 0 || event.tagStart >= 0) return undefined
        // A collection as a key is not plain either.
        if (stack[stack.length - 1] instanceof YAMLMap && !pending) return undefined
        const node = event.type === EVENT_ID.MAPPING ? new YAMLMap() : new YAMLSeq()
        node.range = [event.start, event.start, event.start]
        if (event.style === 2) node.flow = true
        stack.push(node)
        waiting.push(pending)
        pending = undefined
        if (node instanceof YAMLMap) keys.push(new Set())
        break
      }
      case EVENT_ID.POP: {
        const node = stack.pop()
        if (!node) break
        if (node instanceof YAMLMap) keys.pop()
        if (pending) return undefined
        pending = waiting.pop()
        if (!attach(node)) return undefined
        break
      }
      case EVENT_ID.SCALAR: {
        // Empty values, block scalars, anchors and tags: the `yaml` package places and names them.
        if (event.valueStart < 0 || event.anchorStart >= 0 || event.tagStart >= 0 || event.style > 3)
          return undefined
        const source = getScalarValue(text, event)
        const scalar = new Scalar(event.style === 1 ? coreValue(source) : source)
        scalar.source = source
        if (event.style === 2) scalar.type = Scalar.QUOTE_SINGLE
        else if (event.style === 3) scalar.type = Scalar.QUOTE_DOUBLE
        else scalar.type = Scalar.PLAIN
        // Where the text starts: a quoted scalar at its opening quote, as the `yaml` package has it.
        const start = event.style === 1 ? event.valueStart : event.valueStart - 1
        scalar.range = [start, event.valueEnd, event.valueEnd]
        if (!attach(scalar)) return undefined
        break
      }
      default:
        return undefined
    }
  }
  if (!contents || pending) return undefined
  const lineCounter = new LineCounter()
  lineCounter.addNewLine(0)
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1)
  return { contents, lineCounter }
}

// YAML 1.2's core schema, as the `yaml` package reads it (RegExps made once: a literal makes a new one
// each time it is evaluated).
const CORE = {
  null: /^(?:~|null|Null|NULL|)$/,
  true: /^(?:true|True|TRUE)$/,
  false: /^(?:false|False|FALSE)$/,
  int: /^[-+]?[0-9]+$/,
  octal: /^0o[0-7]+$/,
  hex: /^0x[0-9a-fA-F]+$/,
  float: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
  infinity: /^[-+]?\.(?:inf|Inf|INF)$/,
  nan: /^\.(?:nan|NaN|NAN)$/,
}
const CORE_FIRST = '~nNtTfF-+.0123456789'

/** The value YAML 1.2's core schema gives a plain scalar: null, a boolean, a number, else the text. */
export function coreValue(value: string): string | number | boolean | null {
  // Most plain scalars of a config are names, ARNs and paths, which no rule below can match: each rule
  // starts with one of these characters (or matches the empty string).
  if (value !== '' && !CORE_FIRST.includes(value.charAt(0))) return value
  if (CORE.null.test(value)) return null
  if (CORE.true.test(value)) return true
  if (CORE.false.test(value)) return false
  if (CORE.int.test(value)) return Number.parseInt(value, 10)
  if (CORE.octal.test(value)) return Number.parseInt(value.slice(2), 8)
  if (CORE.hex.test(value)) return Number.parseInt(value.slice(2), 16)
  if (CORE.float.test(value)) return Number.parseFloat(value)
  if (CORE.infinity.test(value)) return value.startsWith('-') ? -Infinity : Infinity
  if (CORE.nan.test(value)) return Number.NaN
  return value
}
