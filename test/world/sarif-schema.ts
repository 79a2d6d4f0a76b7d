import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import AjvDraft04 from 'ajv-draft-04'
import addFormats from 'ajv-formats'

const require = createRequire(import.meta.url)

/** A validator for the official SARIF 2.1.0 schema (OASIS, rtm.5, JSON Schema draft-04), as @microsoft/jest-sarif ships it. */
export function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
  )
  // unicodeRegExp off: one pattern of the official schema has a stray ']' that only non-unicode mode accepts.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false })
  addFormats.default(ajv)
  return ajv.compile(schema)
}
