import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml'
import { parsePlainYaml } from '../../src/config/yaml-events.js'
import { REPO_ROOT } from '../world/runner.js'

/** What YamlReader and the config reader see of a node: kinds, values, how scalars were written, lines. */
function shape(node: unknown, lines: LineCounter): unknown {
  const at = (n: Node) => {
    const { line, col } = lines.linePos(n.range?.[0] ?? 0)
    return `${line}:${col}`
  }
  if (isMap(node))
    return {
      map: at(node),
      items: node.items.map((p) => [shape(p.key, lines), shape(p.value, lines)]),
    }
  if (isSeq(node)) return { seq: at(node), items: node.items.map((i) => shape(i, lines)) }
  if (isScalar(node)) return { value: node.value, type: node.type, source: node.source, at: at(node) }
  return node
}

const viaYaml = (text: string) => {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true })
  expect(doc.errors).toEqual([])
  return shape(doc.contents, lineCounter)
}

const PLAIN = [
  'principals:\n  - arn: arn:aws:iam::111122223333:role/a\n    policies: [iam/a.json, "iam/b.json"]\n',
  "# a comment\n---\nprincipals:\n- arn: x   # trailing\n  policies:\n  - 'p/*.json'\n",
  'accounts:\n  "444455556666":\n    role-arn: arn:aws:iam::444455556666:role/r\n  012345678901: {role-arn: r}\n',
  'a: 1\nb: -2.5e3\nc: 0x1F\nd: 0o17\ne: true\nf: False\ng: ~\nh: .inf\ni: "true"\nj: \'it\'\'s\'\nk: "tab\\there"\n',
  'lookback-days: 30\r\nall-regions: yes\r\nregions:\r\n  - us-east-1\r\n',
  'n: NULL\nt: TRUE\nf: FALSE\np: +12\nq: .5\nr: -.INF\ns: .NaN\nu: 12abc\nv: nope\nw: Tuesday\nx: 7-x\n',
  'top:\n  nested:\n    deeper: [1, [2, {x: y}]]\n  empty-list: []\n  empty-map: {}\n',
  '%YAML 1.2\n---\na: 1\n',
  'unicode: "héllo ✓"\nplain: multi word value\nfolded plain: first\n  second line\n',
]

const NOT_PLAIN = [
  'a: &x 1\nb: *x\n',
  'a: !Ref b\n',
  'a:\nb: 1\n',
  'a: |\n  block\n',
  'a: 1\na: 2\n',
  '? [a, b]\n: c\n',
  'a: 1\n---\nb: 2\n',
  'a: [1, 2\n',
]

describe('parsePlainYaml', () => {
  it('gives the nodes, values, styles and positions the yaml package gives', () => {
    const fixtures = [
      'examples/.github/iam-policy-drift.yml',
      'examples/terraform/.github/iam-policy-drift.yml',
      'examples/cloudformation/.github/iam-policy-drift.yml',
      'test/fixtures/clean/.github/iam-policy-drift.yml',
      'test/fixtures/bad-config/.github/iam-policy-drift.yml',
    ].map((f) => readFileSync(join(REPO_ROOT, f), 'utf8'))
    for (const text of [...PLAIN, ...fixtures]) {
      const plain = parsePlainYaml(text)
      expect(plain, text).toBeDefined()
      if (plain) expect(shape(plain.contents, plain.lineCounter), text).toEqual(viaYaml(text))
    }
  })

  it('leaves anchors, tags, empty values, block scalars, repeated keys and bad YAML to the yaml package', () => {
    for (const text of NOT_PLAIN) expect(parsePlainYaml(text), text).toBeUndefined()
  })
})
