// The fast path of the policy loader must give exactly the document the full path gives, or step aside.
import { describe, expect, it } from 'vitest'
import { parseValidPolicy } from '../../src/policy/fast-policy.js'
import { parsePolicy, parsePolicyFully } from '../../src/policy/parse-policy.js'

function prng(seed: number) {
  let state = seed
  const random = () => {
    state = (state * 16807) % 2147483647
    return state / 2147483647
  }
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T
  return { random, pick }
}

const ACTIONS = ['s3:GetObject', 's3:Get*', '*', 'ec2:Describe*', 'iam:PassRole', 'kms:?ecrypt', 'sqs:*']
const RESOURCES = [
  '*',
  'arn:aws:s3:::bucket/*',
  'arn:aws:s3:::bücket-ünïcode/😀/*', // code units, not code points, count in columns
  'arn:aws:s3:::quote"inside',
  'arn:aws:s3:::back\\slash',
  // A quote after escaped backslashes, and a backslash last: which quote ends the string is parity.
  'arn:aws:s3:::slash\\"quote',
  'arn:aws:s3:::ends-with\\',
  'arn:aws:sqs:us-east-1:111122223333:queue\u2028sep',
]

/** A random valid policy document as a JS value. */
function document(r: ReturnType<typeof prng>): Record<string, unknown> {
  const list = (xs: readonly string[]) =>
    r.random() < 0.3 ? r.pick(xs) : Array.from({ length: 1 + Math.floor(r.random() * 4) }, () => r.pick(xs))
  const statements = Array.from({ length: 1 + Math.floor(r.random() * 5) }, (_, i) => {
    const s: Record<string, unknown> = {}
    if (r.random() < 0.6) s.Sid = r.random() < 0.1 ? '' : `S${i}`
    s.Effect = r.pick(['Allow', 'Deny'])
    s[r.random() < 0.85 ? 'Action' : 'NotAction'] = list(ACTIONS)
    s[r.random() < 0.9 ? 'Resource' : 'NotResource'] = list(RESOURCES)
    if (r.random() < 0.4) {
      s.Condition = {
        StringEquals: { 'aws:ResourceAccount': r.pick(['111122223333', ['1', '2']]) },
        ...(r.random() < 0.5 && { NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 } }),
        ...(r.random() < 0.3 && { Bool: { 'aws:SecureTransport': r.random() < 0.5 } }),
        ...(r.random() < 0.2 && { Null: { 'aws:TokenIssueTime': null } }),
      }
    }
    // Keys in any order: the walk must follow the document, not a fixed order.
    return Object.fromEntries(Object.entries(s).sort(() => r.random() - 0.5))
  })
  const doc: Record<string, unknown> = {
    Version: r.pick(['2012-10-17', '2008-10-17']),
    ...(r.random() < 0.2 && { Id: r.pick(['policy-1', 7]) }),
    Statement: statements.length === 1 && r.random() < 0.5 ? statements[0] : statements,
  }
  return Object.fromEntries(Object.entries(doc).sort(() => r.random() - 0.5))
}

/** The document as text in one of the styles people and tools write. */
function write(r: ReturnType<typeof prng>, doc: unknown): string {
  const style = r.pick(['compact', 'two', 'four', 'tabs', 'crlf', 'cr', 'escaped', 'spaced', 'bom'])
  switch (style) {
    case 'compact':
      return JSON.stringify(doc)
    case 'two':
      return `${JSON.stringify(doc, null, 2)}\n`
    case 'four':
      return JSON.stringify(doc, null, 4)
    case 'tabs':
      return JSON.stringify(doc, null, '\t')
    case 'crlf':
      return JSON.stringify(doc, null, 2).replace(/\n/g, '\r\n')
    case 'cr':
      return JSON.stringify(doc, null, 2).replace(/\n/g, '\r')
    case 'escaped':
      // \u escapes and escaped slashes: the same values, other text.
      return JSON.stringify(doc, null, 1).replace(/s3:/g, '\\u0073\\u0033:').replace(/\//g, '\\/')
    case 'spaced':
      return `  \n ${JSON.stringify(doc, null, 3).replace(/: /g, ' :  ').replace(/,\n/g, ' ,\n')} \n\n`
    default:
      return `\uFEFF${JSON.stringify(doc, null, 2)}`
  }
}

/** Edits that make a document invalid, or valid in a way the fast path does not follow. */
const MUTATIONS: ((text: string) => string)[] = [
  (t) => t.replace('"Effect"', '"Effect": "Allow", "Effect"'), // duplicate key
  (t) => t.replace(/"Statement"\s*:/, '"Statement": [], "Statement":'), // duplicate top-level key
  (t) => t.replace('"aws:ResourceAccount"', '"aws:ResourceAccount": "9", "aws:ResourceAccount"'),
  (t) => t.replace('"aws:ResourceAccount"', '"42"'), // an index key: JavaScript reorders it
  (t) => t.replace('"Allow"', '"allow"'),
  (t) => t.replace(/"Effect"\s*:\s*"(Allow|Deny)"\s*,?/, ''),
  (t) => t.replace('"s3:GetObject"', '"s3 GetObject"'),
  (t) => t.replace('"*"', '""'),
  (t) => t.replace('"Resource"', '"Resources"'),
  (t) => t.replace('"Version"', '"Principal": "*", "Version"'),
  (t) => t.replace(/("Version"\s*:\s*)"[^"]*"/, '$1"2012-10-18"'),
  (t) => t.replace(/}\s*$/, ',}'),
  (t) => t.replace('{', '{ // comment\n'),
  (t) => t.replace(/"Sid"\s*:\s*"S1"/, '"Sid": "S0"'), // a duplicate Sid when S0 exists
  (t) => t.replace(/"Sid"\s*:\s*"S(\d)"/, '"Sid": "S$1 ü\\"x"'), // a Sid IAM refuses
  (t) => t.replace('"Condition"', '"Condition": [], "X"'),
  (t) => t.replace(/"Action"\s*:/, '"NotAction": "s3:*", "Action":'),
  (t) => t.replace(/"Statement"\s*:\s*\[/, '"Statement": [ 1,'),
  (t) => `${t}\n{}`,
]

describe('the fast path of the policy loader', () => {
  it('gives the very document of the full path for 600 valid files in every writing style', () => {
    const r = prng(7)
    for (let i = 0; i < 600; i++) {
      const text = write(r, document(r))
      const json = text.replace(/^\uFEFF/, '')
      const fast = parseValidPolicy(`f${i}.json`, json)
      const full = parsePolicyFully(`f${i}.json`, json)
      expect(full.problems, text).toEqual([])
      expect(fast, text).toBeDefined() // valid files must not fall back: that is the speed
      expect(fast, text).toEqual(full.policy)
    }
  })

  it('steps aside for anything it does not follow: the loader then says what the full path says', () => {
    const r = prng(11)
    let fellBack = 0
    for (let i = 0; i < 600; i++) {
      const text = (r.pick(MUTATIONS) as (t: string) => string)(write(r, document(r)))
      const json = text.replace(/^\uFEFF/, '')
      const fast = parseValidPolicy('f.json', json)
      const full = parsePolicyFully('f.json', json)
      if (fast) expect(full, text).toEqual({ policy: fast, problems: [] })
      else fellBack++
      expect(parsePolicy('f.json', text), text).toEqual(full)
    }
    expect(fellBack).toBeGreaterThan(300)
  })

  it('knows where a statement, its entries and its condition start, CRLF and astral characters included', () => {
    const text =
      '{\r\n  "Version": "2012-10-17",\r\n  "Statement": {\r\n    "Sid": "S1",\r\n' +
      '    "Effect": "Allow", "Action": ["s3:GetObject"],\r\n    "Resource": ["arn:aws:s3:::😀😀", "*"], "Condition": {"Bool": {"aws:SecureTransport": true}}\r\n  }\r\n}'
    const policy = parseValidPolicy('p.json', text)
    const [s] = policy?.statements ?? []
    expect(s).toMatchObject({ sid: 'S1', line: 3, column: 16 })
    expect(s?.actions).toEqual([{ value: 's3:GetObject', line: 5, column: 35 }])
    expect(s?.resources).toEqual([
      { value: 'arn:aws:s3:::😀😀', line: 6, column: 18 },
      { value: '*', line: 6, column: 39 },
    ])
    expect(s?.condition).toEqual({ value: '{"Bool":{"aws:SecureTransport":true}}', line: 6, column: 58 })
    expect(parsePolicyFully('p.json', text)).toEqual({ policy, problems: [] })
  })
})
