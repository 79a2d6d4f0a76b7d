import { describe, expect, it } from 'vitest'
import { parseJsonTree, toValue } from '../../src/policy/json-tree.js'

describe('parseJsonTree', () => {
  it('gives every value and key its 1-based line and column', () => {
    const { root } = parseJsonTree('{\n  "a": [1, "two",\n    {"b": null}],\n  "c": true\n}')
    expect(root).toMatchObject({ type: 'object', line: 1, column: 1 })
    if (root?.type !== 'object') throw new Error('expected an object')
    expect(root.keys.map((k) => [k.value, k.line, k.column])).toEqual([
      ['a', 2, 3],
      ['c', 4, 3],
    ])
    const [list, flag] = root.values
    expect(flag).toMatchObject({ type: 'boolean', value: true, line: 4, column: 8 })
    if (list?.type !== 'array') throw new Error('expected an array')
    expect(list.items.map((n) => [n.type, n.line, n.column])).toEqual([
      ['number', 2, 9],
      ['string', 2, 12],
      ['object', 3, 5],
    ])
  })

  it('keeps duplicate keys, so callers can refuse them', () => {
    const { root } = parseJsonTree('{"a": 1, "a": 2}')
    expect(root?.type === 'object' && root.keys.map((k) => k.value)).toEqual(['a', 'a'])
    expect(toValue(root as never)).toEqual({ a: 2 })
  })

  it('returns only the first syntax error, with its position', () => {
    expect(parseJsonTree('{\n  "a": 1,,\n  "b": 2\n}').error).toEqual({
      code: 'PropertyNameExpected',
      offset: 11,
      line: 2,
      column: 10,
    })
    expect(parseJsonTree('{"a": 1} // note').error?.code).toBe('InvalidCommentToken')
    expect(parseJsonTree('[1,]').error?.code).toBe('ValueExpected')
    expect(parseJsonTree('').error?.code).toBe('ValueExpected')
  })

  it('gives long string values that do not share memory with the text (same content)', () => {
    const long = 'arn:aws:s3:::a-bucket-with-a-long-name/*'
    const { root } = parseJsonTree(JSON.stringify({ r: long }))
    expect(toValue(root as never)).toEqual({ r: long })
  })
})
