import { describe, expect, it } from 'vitest'
import { policyVariableIn } from '../../src/analysis/static-checks.js'
import { subVariables } from '../../src/sources/cloudformation/discover.js'
import { isDataPolicyAddress } from '../../src/sources/terraform/discover.js'
import { placeholdersOf, replacePlaceholders } from '../../src/vocabulary/placeholders.js'
import { seeded } from '../world/random.js'

// The walks replace RegExps that are quadratic in a text of many `${`: they must find what those found.
const PLACEHOLDER = /\$\{([^}]*)\}/g
const SUB_VARIABLE = /\$\{\s*([^!}\s][^}]*?)\s*\}/g
const POLICY_VARIABLE = /\$\{(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*:[^}:][^}]*|[*?$])\}/

/** Texts of up to `most` of `pieces`, joined. */
function* texts(count: number, pieces: readonly string[], most = 23, seed = 42): Generator<string> {
  const random = seeded(seed)
  const int = (n: number) => Math.floor(random() * n)
  for (let i = 0; i < count; i++) {
    let text = ''
    for (let n = int(most + 1); n > 0; n--) text += pieces[int(pieces.length)]
    yield text
  }
}

/** The characters that matter to the placeholder walks. */
const PIECES = [
  '${',
  '$',
  '{',
  '}',
  ' ',
  '\n',
  '!',
  'a',
  'B',
  '-',
  ':',
  '.',
  '*',
  '?',
  '/',
  'aws:',
  '${aws:x}',
]

describe('placeholders', () => {
  it('finds what /\\$\\{([^}]*)\\}/g finds, and replaces as it does', () => {
    let compared = 0
    for (const text of texts(20_000, PIECES)) {
      expect(placeholdersOf(text).map((p) => [p.start, text.slice(p.start, p.end), p.inner])).toEqual(
        [...text.matchAll(PLACEHOLDER)].map((m) => [m.index, m[0], m[1]]),
      )
      const mark = (whole: string, inner: string) => `<${inner.length}:${whole.length}>`
      expect(replacePlaceholders(text, mark)).toBe(text.replace(PLACEHOLDER, mark))
      compared += placeholdersOf(text).length
    }
    // The texts hold placeholders enough to compare: not a test of empty lists.
    expect(compared).toBeGreaterThan(5_000)
  })

  it("gives an Fn::Sub text's variables as its RegExp did, `${!Literal}` and spaces included", () => {
    expect(subVariables('arn:${AWS::Partition}:s3:::${ !Literal }-${ Bucket }/${!x${Key}')).toEqual([
      'AWS::Partition',
      'Bucket',
      'Key',
    ])
    let found = 0
    for (const text of texts(20_000, PIECES)) {
      const names = [...text.matchAll(SUB_VARIABLE)].map((m) => m[1])
      expect(subVariables(text)).toEqual(names)
      found += names.length
    }
    expect(found).toBeGreaterThan(2_000)
  })

  it('finds the first policy variable as its RegExp did', () => {
    expect(policyVariableIn('arn:aws:s3:::b/${AWS::Region}/${aws:username}/${*}')).toBe('${aws:username}')
    expect(policyVariableIn('arn:aws:s3:::b/${aws_s3_bucket.logs.arn}')).toBeUndefined()
    let found = 0
    for (const text of texts(20_000, PIECES)) {
      const variable = POLICY_VARIABLE.exec(text)?.[0]
      expect(policyVariableIn(text)).toBe(variable)
      if (variable) found++
    }
    expect(found).toBeGreaterThan(500)
  })
})

describe('data "aws_iam_policy" addresses', () => {
  const DATA_POLICY = /(^|\.)data\.aws_iam_policy\.[^.[]+(\[[^\]]*\])?\.policy$/

  it('are told as their RegExp told them', () => {
    const pieces = ['data.aws_iam_policy.', 'module.m', '.', '[', ']', '"k"', 'a', 'policy', '.policy', 'x[']
    let matched = 0
    for (const address of texts(30_000, pieces, 7, 7)) {
      const expected = DATA_POLICY.test(address)
      expect([address, isDataPolicyAddress(address)]).toEqual([address, expected])
      if (expected) matched++
    }
    expect(matched).toBeGreaterThan(50)
    expect(isDataPolicyAddress('module.m["a.b"].data.aws_iam_policy.x["k.policy"].policy')).toBe(true)
    expect(isDataPolicyAddress('data.aws_iam_policy_document.x.policy')).toBe(false)
  })

  // Not a speed target: the RegExp took 23 s on this key, read on to its end from each `.`.
  it('are told without reading a long instance key from each of its dots', { timeout: 10_000 }, () => {
    const key = `["${'.data.aws_iam_policy.b['.repeat(40_000)}"]`
    expect(isDataPolicyAddress(`data.aws_iam_policy.a${key}.policy`)).toBe(true)
    expect(isDataPolicyAddress(`data.aws_iam_policy.a${key}.polic`)).toBe(false)
    // 100,000 `[` a key might open at, none after `data.aws_iam_policy.NAME`.
    expect(isDataPolicyAddress(`module.a["${'.x['.repeat(100_000)}"].policy`)).toBe(false)
  })
})
