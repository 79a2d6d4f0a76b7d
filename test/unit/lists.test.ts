import { describe, expect, it } from 'vitest'
import { append, kept, largest, smallest } from '../../src/vocabulary/lists.js'
import { thousands, trimEndOf } from '../../src/vocabulary/text.js'

describe('lists as long as a pull request makes them', () => {
  it('appends, and finds the largest and smallest, as push(...), Math.max and Math.min do', () => {
    const cases = [[], [3], [3, -1, 7], [Number.NaN, 1], [1, Number.NaN], [-Infinity], [2, 2]]
    for (const numbers of cases) {
      expect(largest(numbers)).toBe(Math.max(...numbers))
      expect(smallest(numbers)).toBe(Math.min(...numbers))
    }
    const list = [1]
    append(list, [2, 3])
    expect(list).toEqual([1, 2, 3])
  })

  it('keeps what it makes for a key, in a Map or a WeakMap, and makes it once', () => {
    let made = 0
    const make = () => ({ made: ++made })
    const map = new Map<string, { made: number }>()
    const first = kept(map, 'a', make)
    expect(kept(map, 'a', make)).toBe(first)
    expect(kept(map, 'b', make)).toEqual({ made: 2 })
    const key = {}
    const weak = new WeakMap<object, { made: number }>()
    expect(kept(weak, key, make)).toBe(kept(weak, key, make))
    expect(made).toBe(3)
  })

  it('takes half a million items, where spreading them as arguments runs the stack out', () => {
    const many = Array.from({ length: 500_000 }, (_, i) => i)
    expect(() => [].push(...(many as never[]))).toThrow(RangeError)
    const list: number[] = []
    append(list, many)
    expect(list).toHaveLength(500_000)
    expect([largest(many), smallest(many)]).toEqual([499_999, 0])
  })
})

describe('text ends', () => {
  it('trims the given characters from the end only, as /[\\r\\n]+$/ does, and a long run at once', () => {
    for (const text of ['', 'a', 'a\n', 'a\r\n\n', '\n\na', '\r\n', 'a\nb\r'])
      expect(trimEndOf(text, '\r\n')).toBe(text.replace(/[\r\n]+$/, ''))
    // 200,000 newlines not at the end: the RegExp took seconds, tried from each.
    const long = `${'\n'.repeat(200_000)}x\n\n`
    expect(trimEndOf(long, '\n')).toBe(long.slice(0, -2))
  })
})

describe('counts', () => {
  it('groups digits in threes as en-US does, without loading the locale data', () => {
    const counts = [0, 1, 12, 999, 1000, 1500, 12345, 999999, 1000000, 160000, 9007199254740991, -1, -1234567]
    for (let n = 1; n < 1e15; n = n * 7 + 3) counts.push(n, -n)
    for (const n of counts) expect(thousands(n), String(n)).toBe(n.toLocaleString('en-US'))
  })
})
