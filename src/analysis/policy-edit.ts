// A suggested policy as an edit of the file the repository has: statements that stay as they are keep
// their text byte for byte, and only the changed, dropped and added ones differ, in the file's own
// indentation and line endings. The diff a reviewer reads is then the change, not a reformatting.
import {
  applyEdits,
  type Edit,
  type FormattingOptions,
  format,
  modify,
  type Node,
  parseTree,
} from 'jsonc-parser'
import { applyTextEdits } from './in-place-edit.js'

/**
 * The most text read in editing a file in place (its length times the statements changed, each found
 * again by its path): past it, the suggestion is the document written afresh. No file IAM takes (10,240
 * characters) comes near; 4,000 statements of a 0.8 MB file, each changed, took 147 s.
 */
const MAX_TEXT_READ = 20_000_000

/** What becomes of one statement of the file, by its index. */
export type StatementEdit =
  | { readonly kind: 'keep' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'replace'; readonly statement: object }

/**
 * `original` with its statements edited as `edits` says (one entry per statement, in order) and
 * `added` appended. Falls back to a freshly formatted document when the file's `Statement` cannot be
 * edited in place (it is a single object that must become a list), or when the file is too large for it.
 */
export function editPolicyText(
  original: string,
  edits: readonly StatementEdit[],
  added: readonly object[],
  fresh: () => string,
): string {
  // Each statement changed in place reads the whole text again (modify finds it by its path).
  const changed = edits.filter((e) => e.kind !== 'keep').length + added.length
  if (changed * original.length > MAX_TEXT_READ) return fresh()
  const statementNode = topStatement(original)
  if (statementNode?.type !== 'array' || statementNode.children?.length !== edits.length) return fresh()
  const formatting = formattingOf(original)
  let text = original
  // From the last statement to the first, so each edit leaves the earlier indices where they were.
  for (let i = edits.length - 1; i >= 0; i--) {
    const edit = edits[i] as StatementEdit
    if (edit.kind === 'keep') continue
    // A removal is not formatted: formatting would reflow the neighbouring statement too.
    if (edit.kind === 'drop') text = applyEdits(text, modify(text, ['Statement', i], undefined, {}))
    else text = formatted(text, modify(text, ['Statement', i], edit.statement, {}), formatting)
  }
  let length = edits.filter((e) => e.kind !== 'drop').length
  for (const statement of added)
    text = formatted(
      text,
      modify(text, ['Statement', length++], statement, { isArrayInsertion: true }),
      formatting,
    )
  return text
}

/** The `Statement` of a text whose top level is a policy document; undefined for any other (a template). */
function topStatement(text: string): Node | undefined {
  return parseTree(text)
    ?.children?.find((p) => p.children?.[0]?.value === 'Statement')
    ?.children?.at(1)
}

/**
 * Whether a file's text is a policy document as a whole (a policy file), not a file that holds one
 * among other things (a JSON template, a plan): only such a file is suggested as a diff of itself.
 */
export function isPolicyText(text: string): boolean {
  return topStatement(text) !== undefined
}

/**
 * `text` with `edits` (modify's, unformatted) made and the text they write formatted, as jsonc-parser
 * does when modify is given formatting options, but with the formatting's edits made in one pass: it
 * makes each on the whole text, and a statement of 22,000 actions, one per line, took 20 s.
 */
function formatted(text: string, edits: Edit[], options: FormattingOptions): string {
  const [edit] = edits
  if (!edit || edits.length > 1) return applyEdits(text, edits)
  const written = applyEdits(text, [edit])
  let begin = edit.offset
  let end = edit.offset + edit.content.length
  if (edit.length === 0 || edit.content.length === 0) {
    // An insertion or removal: its whole lines are formatted.
    while (begin > 0 && !isEol(written, begin - 1)) begin--
    while (end < written.length && !isEol(written, end)) end++
  }
  const layout = format(written, { offset: begin, length: end - begin }, { ...options, keepLines: false })
  const result = applyTextEdits(
    written,
    layout.map((e) => ({ start: e.offset, end: e.offset + e.length, text: e.content })),
  )
  return result ?? applyEdits(written, layout)
}

function isEol(text: string, at: number): boolean {
  const c = text.charCodeAt(at)
  return c === 10 || c === 13
}

/** The file's indentation and line endings, so inserted text looks like the rest. */
function formattingOf(text: string): FormattingOptions {
  const indented = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  '
  return {
    insertSpaces: !indented.startsWith('\t'),
    tabSize: indented.startsWith('\t') ? 1 : indented.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  }
}
