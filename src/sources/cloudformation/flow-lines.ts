// CloudFormation reads YAML as SnakeYAML and PyYAML do: a flow collection written over several lines
// (`Action: [` … `]`, a `Schema: {` … `}`), or a quoted scalar (`Description: 'It is` … `hosted.'`), may
// have its later lines indented no deeper than the key it belongs to. The YAML specification, and
// js-yaml with it, refuses that ("deficient indentation"), so templates that deploy would not be read.
// When js-yaml refuses a template for its indentation, it is read again from a copy in which each flow
// collection and quoted scalar of the block structure stands on one line: its line breaks, and a
// collection's comments, become spaces. The copy has the same length, so every offset, and with the
// original text every line and column, stays where it was written. (A quoted scalar's value is then
// read again from the original text: foldedQuoted.)

import { load } from 'js-yaml'

/**
 * `text` with every flow collection that spans lines put on one line, or undefined when there is none
 * or the text cannot be followed (an unterminated collection or quote): then the first error stands.
 */
export function joinFlowLines(text: string): string | undefined {
  const blanks: number[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    // A line of the block structure: its indentation, then nodes until its end.
    const lineStart = i
    while (i < n && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++
    let nodeStart = true
    let keyColumn = i - lineStart
    while (i < n && !isBreak(text.charCodeAt(i))) {
      const c = text.charCodeAt(i)
      if (c === SPACE || c === TAB) {
        i++
        continue
      }
      if (c === HASH && (i === lineStart || isBlank(text.charCodeAt(i - 1)))) {
        i = lineEnd(text, i)
        break
      }
      if (nodeStart && c === DASH && isBlankOrEnd(text, i + 1)) {
        keyColumn = i - lineStart
        i++
        continue
      }
      if (nodeStart && (c === OPEN_BRACKET || c === OPEN_BRACE)) {
        const end = flowEnd(text, i, blanks)
        if (end < 0) return undefined
        i = end
        nodeStart = false
        continue
      }
      if (nodeStart && (c === QUOTE || c === APOSTROPHE)) {
        const end = quotedEnd(text, i)
        if (end < 0) return undefined
        for (let k = i; k < end; k++) if (isBreak(text.charCodeAt(k))) blanks.push(k)
        i = end
        nodeStart = false
        continue
      }
      if (nodeStart && (c === BANG || c === AMPERSAND)) {
        // A tag or an anchor: the node follows it.
        while (i < n && !isBlank(text.charCodeAt(i)) && !isBreak(text.charCodeAt(i))) i++
        continue
      }
      if (nodeStart && (c === PIPE || c === GREATER)) {
        // A block scalar: its lines, deeper than its key, are text, not structure.
        i = blockScalarEnd(text, lineEnd(text, i), keyColumn)
        break
      }
      // A key or a plain scalar: up to `: ` (a key, whose value is a node) or the end of the line.
      if (nodeStart) keyColumn = i - lineStart
      nodeStart = false
      if (c === COLON && isBlankOrEnd(text, i + 1)) nodeStart = true
      i++
    }
    i = nextLine(text, i)
  }
  if (blanks.length === 0) return undefined
  let out = ''
  let from = 0
  for (const at of blanks) {
    out += `${text.slice(from, at)} `
    from = at + 1
  }
  return out + text.slice(from)
}

/**
 * The offset after the flow collection that opens at `start`, recording in `blanks` the offsets of its
 * line breaks and comments; -1 when it does not end.
 */
function flowEnd(text: string, start: number, blanks: number[]): number {
  let depth = 0
  // The last character that is not blank: a quote starts a quoted scalar only where a node starts.
  let previous = OPEN_BRACKET
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (isBreak(c)) {
      blanks.push(i)
      continue
    }
    if (isBlank(c)) continue
    if (c === HASH && (isBlank(text.charCodeAt(i - 1)) || isBreak(text.charCodeAt(i - 1)))) {
      const end = lineEnd(text, i)
      for (let k = i; k < end; k++) blanks.push(k)
      i = end - 1
      continue
    }
    if ((c === QUOTE || c === APOSTROPHE) && NODE_STARTS.has(previous)) {
      const end = quotedEnd(text, i)
      if (end < 0) return -1
      for (let k = i; k < end; k++) if (isBreak(text.charCodeAt(k))) blanks.push(k)
      i = end - 1
      previous = QUOTE
      continue
    }
    if (c === OPEN_BRACKET || c === OPEN_BRACE) depth++
    else if ((c === CLOSE_BRACKET || c === CLOSE_BRACE) && --depth === 0) return i + 1
    previous = c
  }
  return -1
}

/**
 * The value of a quoted scalar written over several lines (`written`: from its opening quote to its
 * closing one), as YAML folds it: its later lines indented under a key of its own, so that their
 * indentation, whatever it was, is no longer deficient, and read by js-yaml. Undefined if it is not
 * read so (the one-line copy's value then stands).
 */
export function foldedQuoted(written: string): string | undefined {
  try {
    const read = load(`value: ${written.replace(/\r?\n|\r/g, '\n  ')}\n`) as { value?: unknown } | null
    return typeof read?.value === 'string' ? read.value : undefined
  } catch {
    return undefined
  }
}

/** The offset after the quoted scalar that opens at `start` (its breaks are its own); -1 if it does not close. */
function quotedEnd(text: string, start: number): number {
  const quote = text.charCodeAt(start)
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (quote === QUOTE && c === BACKSLASH) i++
    else if (c === quote) {
      // '' inside single quotes is an escaped quote.
      if (quote === APOSTROPHE && text.charCodeAt(i + 1) === APOSTROPHE) i++
      else return i + 1
    }
  }
  return -1
}

/** Where the lines of a block scalar end: the first line after `from` not blank and not deeper than `column`. */
function blockScalarEnd(text: string, from: number, column: number): number {
  let i = nextLine(text, from)
  while (i < text.length) {
    let k = i
    while (k < text.length && text.charCodeAt(k) === SPACE) k++
    if (k < text.length && !isBreak(text.charCodeAt(k)) && k - i <= column) return i
    i = nextLine(text, lineEnd(text, k))
  }
  return text.length
}

function lineEnd(text: string, from: number): number {
  let i = from
  while (i < text.length && !isBreak(text.charCodeAt(i))) i++
  return i
}

/** The start of the line after the break at `at` (CRLF, LF or CR). */
function nextLine(text: string, at: number): number {
  if (text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF) return at + 2
  return at < text.length ? at + 1 : at
}

function isBlankOrEnd(text: string, at: number): boolean {
  return at >= text.length || isBlank(text.charCodeAt(at)) || isBreak(text.charCodeAt(at))
}

const isBlank = (c: number) => c === SPACE || c === TAB
const isBreak = (c: number) => c === LF || c === CR

const SPACE = 32
const TAB = 9
const LF = 10
const CR = 13
const HASH = 35
const DASH = 45
const COLON = 58
const COMMA = 44
const QUOTE = 34
const APOSTROPHE = 39
const BACKSLASH = 92
const BANG = 33
const AMPERSAND = 38
const PIPE = 124
const GREATER = 62
const OPEN_BRACKET = 91
const CLOSE_BRACKET = 93
const OPEN_BRACE = 123
const CLOSE_BRACE = 125

/** After these, a flow collection's next node starts. */
const NODE_STARTS: ReadonlySet<number> = new Set([OPEN_BRACKET, OPEN_BRACE, COMMA, COLON])
