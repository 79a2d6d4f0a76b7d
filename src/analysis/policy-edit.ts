// A suggested policy as an edit of the file the repository has: statements that stay as they are keep
// their text byte for byte, and only the changed, dropped and added ones differ, in the file's own
// indentation and line endings. The diff a reviewer reads is then the change, not a reformatting.
import { applyEdits, type FormattingOptions, modify, parseTree } from 'jsonc-parser'

/** What becomes of one statement of the file, by its index. */
export type StatementEdit =
  | { readonly kind: 'keep' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'replace'; readonly statement: object }

/**
 * `original` with its statements edited as `edits` says (one entry per statement, in order) and
 * `added` appended. Falls back to a freshly formatted document when the file's `Statement` cannot be
 * edited in place (it is a single object that must become a list).
 */
export function editPolicyText(
  original: string,
  edits: readonly StatementEdit[],
  added: readonly object[],
  fresh: () => string,
): string {
  const tree = parseTree(original)
  const statementNode = tree?.children?.find((p) => p.children?.[0]?.value === 'Statement')?.children?.at(1)
  if (statementNode?.type !== 'array' || statementNode.children?.length !== edits.length) return fresh()
  const formatting = formattingOf(original)
  let text = original
  // From the last statement to the first, so each edit leaves the earlier indices where they were.
  for (let i = edits.length - 1; i >= 0; i--) {
    const edit = edits[i] as StatementEdit
    if (edit.kind === 'keep') continue
    // A removal is not formatted: formatting would reflow the neighbouring statement too.
    const options = edit.kind === 'drop' ? {} : { formattingOptions: formatting }
    const value = edit.kind === 'drop' ? undefined : edit.statement
    text = applyEdits(text, modify(text, ['Statement', i], value, options))
  }
  let length = edits.filter((e) => e.kind !== 'drop').length
  for (const statement of added) {
    text = applyEdits(
      text,
      modify(text, ['Statement', length++], statement, {
        formattingOptions: formatting,
        isArrayInsertion: true,
      }),
    )
  }
  return text
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
