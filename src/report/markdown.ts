/**
 * Markdown for text that comes from policy files and config (file names, Sids, conditions, action
 * strings): it must render as the text it is. Every character that markdown, HTML, tables or mentions
 * could act on is written as an HTML character reference, which GitHub decodes after parsing — so
 * `|` cannot split a table cell, `<img>` is text, `@org/team` notifies nobody, `https://…` is no link
 * and a backtick cannot close a code span.
 */
export function escapeInline(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[^A-Za-z0-9 /.,;?=+'"()-]/gu, (c) => `&#${c.codePointAt(0)};`)
}

/** Untrusted text shown as code. */
export function code(text: string): string {
  return `<code>${escapeInline(text)}</code>`
}

/** A markdown link whose text is untrusted and whose URL we built (only its parentheses are escaped). */
export function link(text: string, url: string): string {
  return `[${escapeInline(text)}](${url.replace(/[()\s]/g, encodeURIComponent)})`
}

/** A table row from already-escaped cells. */
export function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`
}
