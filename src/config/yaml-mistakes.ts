// Where a YAML parser stopped is often below the mistake: a quote or a bracket left open reads the
// lines under it into its value until one is indented less, or the text ends. These find the mistake
// from where the parser stopped, for the template reader (js-yaml) and the config reader (yaml) alike.

/** Where a parser stopped: its 0-based line, and its offset in the text. */
export type Mark = { readonly line: number; readonly position: number }

/**
 * The lines above the one where the parser stopped, nearest first, with where each starts and its number
 * (from 1). A few lines up at most, each of a hand-written length: a hostile file's lines can be MBs.
 */
export function* linesAbove(
  text: string,
  mark: Mark,
): Generator<{ line: string; start: number; number: number }> {
  let end = text.lastIndexOf('\n', mark.position - 1)
  for (let tries = 0; end > 0 && tries < 20; tries++) {
    const start = text.lastIndexOf('\n', end - 1) + 1
    if (end - start > 1000) return
    // mark.line counts from 0: the line it stopped on is mark.line + 1, and this one `tries + 1` above.
    yield { line: text.slice(start, end).replace(/\r$/, ''), start, number: mark.line - tries }
    end = start - 1
  }
}

/** What to say of a bracket unclosedBracket found. */
export function bracketLeftOpen(bracket: string): string {
  return `the bracket (${bracket}) that starts this value is not closed, so the lines under it are read into it: close it`
}

/**
 * Where a parser stops because a flow collection above is not closed (`ManagedPolicyArns: [!Ref Policy,
 * …` with no `]`; js-yaml says "deficient indentation", yaml "must … end with a ]"): YAML reads the
 * lines under it into the collection until one is indented less, or the text ends. Its opening
 * bracket, on the nearest line above whose `[` or `{` the lines between do not close; undefined when
 * every bracket above is closed.
 */
export function unclosedBracket(
  text: string,
  mark: Mark,
): { bracket: string; line: number; column: number } | undefined {
  // Closing brackets met on the lines below, not yet matched with an opening one above them: those of
  // the line where the parser stopped first (`Properties: {}}` closes a mapping opened above).
  const from = text.lastIndexOf('\n', mark.position - 1) + 1
  const to = text.indexOf('\n', mark.position)
  const stopped = text.slice(from, to < 0 ? text.length : to)
  let closedBelow = stopped.length > 1000 ? 0 : bracketsOf(stopped).closing
  for (const { line, number } of linesAbove(text, mark)) {
    const { opened, closing } = bracketsOf(line)
    const left = opened.length - closedBelow
    if (left > 0) {
      const column = opened[left - 1] as number
      return { bracket: line.charAt(column), line: number, column: column + 1 }
    }
    closedBelow = closing - left
  }
  return undefined
}

/**
 * A line's flow brackets outside quotes and comments: where the `[` and `{` it leaves open are, and how
 * many `]` and `}` close brackets opened above it.
 */
function bracketsOf(line: string): { opened: number[]; closing: number } {
  const opened: number[] = []
  let closing = 0
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i)
    // A quote starts a value after a space or an indicator; inside a plain value (`it's`) it is text.
    if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(line.charAt(i - 1)))) {
      const end = closingQuote(c, line, i + 1)
      if (end < 0) break
      i = end
    } else if (c === '#' && (i === 0 || /\s/.test(line.charAt(i - 1)))) break
    else if (c === '[' || c === '{') opened.push(i)
    else if ((c === ']' || c === '}') && opened.pop() === undefined) closing++
  }
  return { opened, closing }
}

/**
 * Where the quote that starts at `from - 1` closes in `line`, or -1: `\"` (and `''` in single quotes)
 * is no closing quote.
 */
export function closingQuote(quote: string, line: string, from: number): number {
  for (let i = from; i < line.length; i++) {
    const c = line.charAt(i)
    if (quote === '"' && c === '\\') i++
    else if (c === quote) {
      if (quote === "'" && line.charAt(i + 1) === "'") i++
      else return i
    }
  }
  return -1
}
