// A data "aws_iam_policy_document" whose read a plan defers to apply: one of its arguments names a value
// the same change creates (`resources = ["${aws_s3_bucket.new.arn}/*"]`), so its `json`, and every policy
// made from it, is known only after apply. What the plan does give is its arguments as far as known
// (`after`, with a null where a list's element is not known) and which are not (`after_unknown`). From
// those, the document as the AWS provider will render it, each value not known a placeholder naming what
// the configuration says it is made of: enough for every check but those of a resource's exact text.
import { isObject } from './plan.js'
import { mergeBySid } from './policy-document.js'

/** The document's JSON text, or why it cannot be rendered from the plan. */
export type Rendered = { readonly text: string } | { readonly reason: string }

/**
 * Renders the deferred document of a plan's data source: `values` its arguments as far as known,
 * `unknown` its `after_unknown`, `references(path)` what the configuration says the argument at `path`
 * (`statement.0.resources`) refers to.
 */
export function renderDeferredDocument(
  values: Readonly<Record<string, unknown>>,
  unknown: unknown,
  references: (path: string) => readonly string[],
  /**
   * The documents the configuration merges in by `key` that the plan reads at apply too (a
   * `source_policy_documents = [data.aws_iam_policy_document.base.json]` of one), each rendered so.
   */
  merges: (key: 'source_policy_documents' | 'override_policy_documents') => readonly Rendered[] = () => [],
): Rendered {
  const notKnown = isObject(unknown) ? unknown : {}
  // AWS provider < 5's one document of each: only its text can be read, and it is not known.
  for (const key of ['source_json', 'override_json'])
    if (hasUnknown(notKnown[key])) return { reason: `its ${key} is known only after apply` }
  if (hasUnknown(notKnown.version) || hasUnknown(notKnown.policy_id))
    return { reason: 'its version is known only after apply' }
  const sources = mergedTexts(values, notKnown, 'source_policy_documents', merges)
  const overrides = mergedTexts(values, notKnown, 'override_policy_documents', merges)
  if ('reason' in sources) return sources
  if ('reason' in overrides) return overrides
  const merged: Record<string, unknown>[] = []
  for (const source of [...texts(values.source_json), ...sources.texts]) {
    const statements = statementsOf(source)
    if (!statements) return { reason: 'a source policy document it merges is not a policy' }
    mergeBySid(merged, statements, sidOf)
  }
  const statements = Array.isArray(values.statement) ? values.statement : []
  const unknownStatements = notKnown.statement
  if (unknownStatements === true) return { reason: 'its statements are known only after apply' }
  const own: Record<string, unknown>[] = []
  for (const [i, statement] of statements.entries()) {
    if (!isObject(statement)) continue
    const rendered = renderStatement(
      statement,
      itemOf(unknownStatements, i),
      (attribute) => placeholder(references(`statement.${i}.${attribute}`)),
      i,
    )
    if ('reason' in rendered) return rendered
    own.push(rendered.statement)
  }
  mergeBySid(merged, own, sidOf)
  for (const override of [...overrides.texts, ...texts(values.override_json)]) {
    const statements = statementsOf(override)
    if (!statements) return { reason: 'an override policy document it merges is not a policy' }
    mergeBySid(merged, statements, sidOf)
  }
  const document: Record<string, unknown> = {
    Version: typeof values.version === 'string' && values.version !== '' ? values.version : '2012-10-17',
  }
  if (typeof values.policy_id === 'string' && values.policy_id !== '') document.Id = values.policy_id
  document.Statement = merged
  return { text: JSON.stringify(document) }
}

/**
 * The texts of the documents a list argument merges: those the plan gives, and for those it does not
 * know, the documents the configuration makes them of (merges), when they account for each.
 */
function mergedTexts(
  values: Readonly<Record<string, unknown>>,
  notKnown: Record<string, unknown>,
  key: 'source_policy_documents' | 'override_policy_documents',
  merges: (key: 'source_policy_documents' | 'override_policy_documents') => readonly Rendered[],
): { texts: string[] } | { reason: string } {
  const unknown = notKnown[key]
  if (!hasUnknown(unknown)) return { texts: texts(values[key]) }
  // The items the plan gives; a whole list not known gives none, and any number may be missing.
  const list = unknown === true || !Array.isArray(values[key]) ? [] : (values[key] as unknown[])
  const known = list.filter((_, i) => !(Array.isArray(unknown) && unknown[i] === true))
  const rendered = merges(key)
  const failed = rendered.find((r): r is { reason: string } => 'reason' in r)
  if (failed) return { reason: `a document of its ${key}: ${failed.reason}` }
  const accounted = unknown === true ? rendered.length > 0 : rendered.length === list.length - known.length
  if (!accounted) return { reason: `its ${key} is known only after apply` }
  return { texts: [...texts(known), ...rendered.map((r) => (r as { text: string }).text)] }
}

const STATEMENT_LISTS: readonly [string, string][] = [
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource'],
]

const PRINCIPAL_BLOCKS: readonly [string, string][] = [
  ['principals', 'Principal'],
  ['not_principals', 'NotPrincipal'],
]

function renderStatement(
  statement: Record<string, unknown>,
  notKnown: Record<string, unknown>,
  standIn: (attribute: string) => string,
  index: number,
): { statement: Record<string, unknown> } | { reason: string } {
  const which = `statement ${index + 1}`
  if (hasUnknown(notKnown.sid) || hasUnknown(notKnown.effect))
    return { reason: `the Sid or Effect of its ${which} is known only after apply` }
  const out: Record<string, unknown> = {}
  if (typeof statement.sid === 'string' && statement.sid !== '') out.Sid = statement.sid
  out.Effect = typeof statement.effect === 'string' && statement.effect !== '' ? statement.effect : 'Allow'
  for (const [attribute, key] of STATEMENT_LISTS) {
    const unknownHere = notKnown[attribute]
    // Actions not known: there is nothing to check, and the document is not known for that reason.
    if ((key === 'Action' || key === 'NotAction') && hasUnknown(unknownHere))
      return { reason: `the ${attribute} of its ${which} are known only after apply` }
    const list = withStandIns(statement[attribute], unknownHere, () => standIn(attribute))
    if (list !== undefined) out[key] = list
  }
  for (const [attribute, key] of PRINCIPAL_BLOCKS) {
    const blocks = Array.isArray(statement[attribute]) ? statement[attribute] : []
    const unknownBlocks = notKnown[attribute]
    if (unknownBlocks === true)
      return { reason: `the ${attribute} of its ${which} are known only after apply` }
    const principal: Record<string, string[]> = {}
    for (const [j, block] of blocks.entries()) {
      if (!isObject(block)) continue
      const unknownBlock = itemOf(unknownBlocks, j)
      if (typeof block.type !== 'string' || hasUnknown(unknownBlock.type))
        return { reason: `a ${attribute} block of its ${which} has a type known only after apply` }
      const identifiers =
        withStandIns(block.identifiers, unknownBlock.identifiers, () =>
          standIn(`${attribute}.${j}.identifiers`),
        ) ?? []
      principal[block.type] = [...(principal[block.type] ?? []), ...identifiers]
    }
    if (blocks.length > 0) out[key] = principal
  }
  const conditions = Array.isArray(statement.condition) ? statement.condition : []
  const unknownConditions = notKnown.condition
  if (unknownConditions === true) return { reason: `the condition of its ${which} is known only after apply` }
  const condition: Record<string, Record<string, string[]>> = {}
  for (const [j, block] of conditions.entries()) {
    if (!isObject(block)) continue
    const unknownBlock = itemOf(unknownConditions, j)
    if (
      typeof block.test !== 'string' ||
      typeof block.variable !== 'string' ||
      hasUnknown(unknownBlock.test) ||
      hasUnknown(unknownBlock.variable)
    )
      return { reason: `a condition of its ${which} has a test or variable known only after apply` }
    const values =
      withStandIns(block.values, unknownBlock.values, () => standIn(`condition.${j}.values`)) ?? []
    const byTest = condition[block.test] ?? {}
    byTest[block.variable] = [...(byTest[block.variable] ?? []), ...values]
    condition[block.test] = byTest
  }
  if (Object.keys(condition).length > 0) out.Condition = condition
  return { statement: out }
}

/**
 * A list argument with each element not known as a placeholder (a whole list not known: one), or
 * undefined when it is not set.
 */
function withStandIns(value: unknown, notKnown: unknown, standIn: () => string): string[] | undefined {
  if (notKnown === true) return [standIn()]
  if (!Array.isArray(value)) return undefined
  const out: string[] = []
  for (const [i, item] of value.entries()) {
    if (Array.isArray(notKnown) && notKnown[i] === true) out.push(standIn())
    else if (typeof item === 'string') out.push(item)
  }
  return out
}

/**
 * What stands for a value known only after apply: the references its expression makes, as the
 * configuration records them (`aws_s3_bucket.b.arn`; not the `aws_s3_bucket.b` it lists beside it).
 * Marked as an expression of them (`${…aws_s3_bucket.b.arn…}`), not the reference itself: the plan does
 * not say what the expression adds (`"${aws_s3_bucket.b.arn}/*"` names the objects), so a check reading
 * an ARN's shape from a reference must not read it here.
 */
function placeholder(references: readonly string[]): string {
  const named = references.filter(
    (r) => !references.some((other) => other !== r && other.startsWith(`${r}.`)),
  )
  const text = named.join(', ').replace(/[{}]/g, '')
  return text === '' ? '${a value known only after apply}' : `\${…${text}…}`
}

/** Whether an after_unknown value marks anything as not known. */
function hasUnknown(notKnown: unknown): boolean {
  if (notKnown === true) return true
  if (Array.isArray(notKnown)) return notKnown.some(hasUnknown)
  if (isObject(notKnown)) return Object.values(notKnown).some(hasUnknown)
  return false
}

/** The strings of a list argument, or of a string one. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value]
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []
}

/** The statements of a policy document's text, or undefined when it is not one. */
function statementsOf(text: string): Record<string, unknown>[] | undefined {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isObject(doc)) return undefined
  const statement = doc.Statement
  const list = Array.isArray(statement) ? statement : isObject(statement) ? [statement] : undefined
  return list?.filter(isObject)
}

/** A rendered statement's Sid, as mergeBySid reads one. */
function sidOf(statement: Record<string, unknown>): string | undefined {
  return typeof statement.Sid === 'string' && statement.Sid !== '' ? statement.Sid : undefined
}

/** The `i`-th object of an after_unknown list (`statement`, a statement's `condition`), or none. */
function itemOf(notKnown: unknown, i: number): Record<string, unknown> {
  const item = Array.isArray(notKnown) ? notKnown[i] : undefined
  return isObject(item) ? item : {}
}
