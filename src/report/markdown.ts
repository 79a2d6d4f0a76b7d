// Markdown for text that comes from repositories and services (file names, Sids, conditions, messages
// that quote them, error messages): it must render as the text it is, and stay readable where GitHub
// shows the markdown itself (a quoted reply, a notification e-mail's text part, search). So each context
// is escaped for what can act in it, and no more:
// - code in markdown (table cells, headings, lists): a code span, whose content nothing parses; GitHub's
//   mentions, emoji and links skip code, and a fence longer than any backtick run cannot be closed;
// - code inside an HTML block (`<details><summary>`): `<code>`, where only `&` and `<` mean anything;
// - free text: backslash escapes for what starts markup, and the words that GitHub would turn into a
//   mention, an emoji, a link or an issue reference set as code.
// In a table cell a `|` ends the cell, inside a code span too, so cells escape it as `\|`.

/** Where a piece of markdown stands: in a table cell, or elsewhere on a line. */
export type MarkdownPlace = 'cell' | 'line'

/** Text shown as code: a code span. */
export function codeSpan(text: string, place: MarkdownPlace = 'cell'): string {
  let body = oneLine(text)
  if (body === '') return '` `'
  if (place === 'cell') {
    // A backslash before a pipe has no spelling in a cell's code span that renderers agree on (GitHub
    // takes `\\|` for an escaped pipe, others for a cell border): such text is spelled out instead.
    if (body.includes('\\|'))
      return `<code>${body.replace(NOT_PLAIN, (c) => `&#${c.codePointAt(0)};`)}</code>`
    body = body.replace(PIPE, '\\|')
  }
  const longest = longestRun(body, '`')
  const fence = '`'.repeat(longest + 1)
  // CommonMark strips one space from each side of a span that has both: pad so nothing is lost.
  const pad =
    body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ')) ? ' ' : ''
  return `${fence}${pad}${body}${pad}${fence}`
}

/** Text shown as code inside an HTML block, where markdown is not parsed. */
export function htmlCode(text: string): string {
  return `<code>${oneLine(text).replace(HTML_SPECIAL, (c) => HTML_ENTITIES[c] as string)}</code>`
}

// Words GitHub acts on after rendering: @mentions (and e-mail addresses), :emoji: shortcodes, bare
// links, and #123 issue references.
const ACTIVE_WORD = /@\w|:[a-z0-9_+-]+:|:\/\/|^www\.|#\d/i
// What starts markup inside a line: emphasis, code, links and images, HTML and autolinks, entities,
// strikethrough, table cells, and the backslash itself.
const MARKUP = /[\\`*[\]<>&~|]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g
// Punctuation around a word that reads better outside its code span.
const BEFORE = `("'[`
const AFTER = `)"'],.;:!?`

/**
 * A word's punctuation before, its core, and its punctuation after, found by walking in from each end.
 * As the RegExp `^([("'[]*)(.*?)([)"'\],.;:!?]*)$` it was quadratic: a resource of 100,000 `)` in a
 * finding took 8 s to render.
 */
function around(word: string): [string, string, string] {
  let start = 0
  while (start < word.length && BEFORE.includes(word.charAt(start))) start++
  let end = word.length
  while (end > start && AFTER.includes(word.charAt(end - 1))) end--
  return [word.slice(0, start), word.slice(start, end), word.slice(end)]
}

/** Free text that must render as itself: a message, a reason, an error from a service. */
export function escapeText(text: string, place: MarkdownPlace = 'cell'): string {
  return oneLine(text)
    .split(' ')
    .map((word) => {
      if (!ACTIVE_WORD.test(word)) return word.replace(MARKUP, (c) => `\\${c}`)
      const [before, core, after] = around(word)
      return `${escapeText(before, place)}${codeSpan(core, place)}${escapeText(after, place)}`
    })
    .join(' ')
}

/** A markdown link whose text is untrusted and whose URL we built. */
export function formatLink(text: string, url: string): string {
  return `[${escapeText(text)}](${url.replace(URL_SPECIAL, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`
}

/** A table row from already-escaped cells. */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`
}

function oneLine(text: string): string {
  return text.replace(SPACES, ' ')
}

/** The longest run of `char` in `text` (0 when there is none). */
export function longestRun(text: string, char: string): number {
  let longest = 0
  for (let at = text.indexOf(char); at >= 0; ) {
    let end = at + 1
    while (text[end] === char) end++
    longest = Math.max(longest, end - at)
    at = text.indexOf(char, end)
  }
  return longest
}

// At module level: these run for every cell of a summary of thousands of findings, and a literal in a
// function is a new RegExp object each time it runs.
const NOT_PLAIN = /[^A-Za-z0-9 ]/g
const PIPE = /\|/g
const HTML_SPECIAL = /[&<>]/g
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }
const URL_SPECIAL = /[()<>\s]/g
const SPACES = /\s+/g

/**
 * A workspace path as a relative URI reference (RFC 3986), for a link's `<base>/<path>` and SARIF's `uri`:
 * each segment percent-encoded, so that a space, `#`, `?`, `%` or a colon is a character of the file's
 * name (unencoded, `infra/#legacy/main.tf` named `infra/` and a fragment).
 */
export function encodePath(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/')
}
