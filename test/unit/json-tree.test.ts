import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
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

  it('returns the first syntax error with its position', () => {
    expect(parseJsonTree('{\n  "a": 1,,\n  "b": 2\n}').errors[0]).toEqual({
      code: 'PropertyNameExpected',
      reason: 'expected a property name in double quotes (a doubled or trailing comma?)',
      line: 2,
      column: 10,
    })
    expect(parseJsonTree('{"a": 1} // note').errors[0]?.code).toBe('InvalidCommentToken')
    expect(parseJsonTree('[1,]').errors[0]?.code).toBe('ValueExpected')
    expect(parseJsonTree('').errors[0]?.code).toBe('ValueExpected')
  })

  it('says which text was unexpected and what was expected there', () => {
    const reasons = (text: string) =>
      parseJsonTree(text).errors.map((e) => `${e.line}:${e.column} ${e.reason}`)
    // A stray full stop after a template's Description (aws-cloudformation/iac-model-evaluation).
    expect(reasons('{\n  "Description": "Migrates data". \n  "Resources": {}\n}')).toEqual([
      `2:33 unexpected "." where ',' or '}' was expected`,
    ])
    expect(reasons('["a" "b"]')).toEqual(["1:6 expected ',' between entries"])
    expect(reasons('["a" x]')).toEqual([`1:6 unexpected "x" where ',' or ']' was expected`])
    expect(reasons('{"Effect": \'Allow\'}')).toEqual([
      `1:12 unexpected "'Allow'" where a value was expected (JSON strings take double quotes)`,
    ])
    expect(reasons('{Effect: "Allow"}')).toEqual([
      '1:2 unexpected "Effect" where a property name in double quotes was expected',
    ])
    expect(reasons('{"Effect" = "Allow"}')).toEqual([`1:11 unexpected "=" where ':' was expected`])
    // A stray quote after a value is no single-quoted string.
    expect(reasons('{"Effect": "Allow"\'}')).toEqual([`1:19 unexpected "'" where ',' or '}' was expected`])
    expect(reasons('{"a": [1, tru]}')).toEqual(['1:11 unexpected "tru" where a value was expected'])
    expect(reasons('{"a": 1} x')).toEqual(['1:10 unexpected "x" where the end of the document was expected'])
    // A long run of unexpected text is cut.
    const [long] = reasons(`{"a": ${'x'.repeat(500)}}`)
    expect(long).toBe(`1:7 unexpected "${'x'.repeat(40)}…" where a value was expected`)
  })

  it('returns every comment and trailing comma, each where the strict parser puts it, up to the first other error', () => {
    const codes = (text: string) => parseJsonTree(text).errors.map((e) => `${e.line}:${e.column} ${e.code}`)
    const text = '{\n  // reads\n  "a": [1,],\n  "b": {"c": 1,},\n  /* d */ "d": 2,\n}'
    expect(codes(text)).toEqual([
      '2:3 InvalidCommentToken',
      '3:11 ValueExpected',
      '4:16 PropertyNameExpected',
      '5:3 InvalidCommentToken',
      '6:1 PropertyNameExpected',
    ])
    // After a mistake the parser cannot read past, what follows is left out: it may be an echo.
    expect(codes('// one\n{"a": 1,, "b": [2,]} // two')).toEqual([
      '1:1 InvalidCommentToken',
      '2:9 PropertyNameExpected',
    ])
    // A comment left open swallows the rest: said once.
    expect(codes('{"a": 1 /* open')).toEqual(['1:9 InvalidCommentToken'])
    expect(codes('{"a": [1, 2], "b": {}}')).toEqual([])
  })

  it('gives long string values that do not keep the file text alive', () => {
    // V8 makes a substring of 13 or more characters a view into its parent: a value kept from each of
    // many large files would keep every file's whole text in memory. Measured on the heap after a
    // collection: 40 texts of 1 MiB each, one short value kept from each.
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const long = 'arn:aws:s3:::a-bucket-with-a-long-name/*'
    gc()
    const before = process.memoryUsage().heapUsed
    const kept: unknown[] = []
    for (let i = 0; i < 40; i++) {
      // Built at run time (not a constant), so each text is a fresh 1 MiB string.
      const text = `{${' '.repeat(1 << 20)}"r": ${JSON.stringify(`${long}-${i}`)}}`
      const { root } = parseJsonTree(text)
      if (root?.type !== 'object') throw new Error('expected an object')
      kept.push(root.values[0])
    }
    gc()
    const retained = process.memoryUsage().heapUsed - before
    expect(kept.map((node) => (node as { value: string }).value)).toEqual(
      Array.from({ length: 40 }, (_, i) => `${long}-${i}`),
    )
    // 40 MiB of texts if the values were views into them; a few KiB of values when they are not.
    expect(retained).toBeLessThan(8 * 1024 * 1024)
  })
})
