// Repository text in the job summary and the pull request comment, rendered as GitHub would (marked,
// GitHub-flavoured): it reads as itself, breaks no table, and starts no markup.
import { marked } from 'marked'
import { describe, expect, it } from 'vitest'
import { codeSpan, escapeText, formatLink, htmlCode } from '../../src/report/markdown.js'
import { buildReport } from '../../src/report/report.js'
import { renderSummary } from '../../src/report/summary.js'
import type { Finding } from '../../src/vocabulary/findings.js'

const ROLE = 'arn:aws:iam::111122223333:role/app'

/** The visible text of rendered HTML. */
function textOf(html: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', '#39': "'" }
  return html.replace(/<[^>]*>/g, '').replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, name: string) => {
    if (named[name]) return named[name] as string
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)))
    return entity
  })
}

/** The text outside code elements: where GitHub links mentions, emoji and issue references. */
function outsideCode(html: string): string {
  return html.replace(/<code>[\s\S]*?<\/code>/g, '').replace(/<[^>]*>/g, ' ')
}

/** The cells of the rendered table row that contains `marker`. */
function cellsOf(md: string, marker: string): string[] {
  const html = marked.parse(md, { gfm: true, async: false })
  const row = html.split('<tr>').find((r) => r.includes(marker))
  if (!row) throw new Error(`no row with ${marker} in\n${html}`)
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1] as string)
}

const HOSTILE = [
  'x|y <img src=x onerror=alert(1)> @octo-org/admins `](https://evil) **b** \n# h',
  'a\\|b ``` `` ` *not* _em_ __init__ ~~s~~ [l](u) ![i](u) <b>&amp; &copy; :+1: #12 www.evil.com',
  '`leading and trailing`',
  ' spaced ',
  'pull_request s3:Get* "arn:aws:s3:::bucket/*", (see mail@example.com).',
]

function finding(text: string): Finding {
  return {
    kind: 'wildcard-resource',
    severity: 'medium',
    principal: ROLE,
    file: `iam/${text}.json`,
    line: 7,
    column: 1,
    sid: text,
    statementIndex: 0,
    actions: ['s3:GetObject'],
    message: `MARK ${text}`,
    suggestion: text,
    condition: null,
    source: null,
  }
}

function summaryOf(findings: Finding[]): string {
  return renderSummary(
    buildReport({
      analysis: { findings, accepted: [], notObservable: [], suggestions: [] },
      principals: [{ arn: ROLE, files: findings.map((f) => f.file) }],
      usage: new Map(),
      failOn: 'medium',
      catalog: { version: '0.21', date: '2026-09-26T00:00:00Z' },
      staticMode: null,
      now: new Date('2026-11-24T06:00:00Z'),
    }),
    { blobBase: 'https://github.com/o/r/blob/abc' },
  )
}

describe('untrusted text in the summary, rendered', () => {
  it.each(HOSTILE)('reads as itself and breaks nothing: %j', (text) => {
    const md = summaryOf([finding(text)])
    const cells = cellsOf(md, 'MARK')
    // The row keeps its five cells: no pipe of the text split it.
    expect(cells).toHaveLength(5)
    const [, , , statement = '', details = ''] = cells
    // As a reader sees it: white space folded, a cell's edges trimmed.
    const seen = (s: string) => s.replace(/\s+/g, ' ').trim()
    expect(seen(textOf(statement))).toBe(seen(text))
    const [message = '', suggestion = ''] = details.split('<br>')
    expect(seen(textOf(message))).toBe(seen(`MARK ${text}`))
    expect(seen(textOf(suggestion))).toBe(seen(`Suggested: ${text}`))
    // Nothing but our own markup: no element from the text, and nothing GitHub would link.
    const html = marked.parse(md, { gfm: true, async: false })
    for (const tag of ['<img', '<em>', '<strong>', '<del>', '<h1', '<b>', '<script'])
      expect(html.includes(tag), tag).toBe(false)
    const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1])
    expect(
      links.every((href) => href?.startsWith('https://github.com/o/r/blob/abc/')),
      String(links),
    ).toBe(true)
    expect(outsideCode(html)).not.toMatch(/@\w|:\+1:|#12|www\.evil/)
  })

  it('keeps ARNs, actions and paths readable in the markdown itself', () => {
    const md = summaryOf([finding('plain')])
    expect(md).toContain(`| ${'`'}${ROLE}${'`'} |`)
    expect(md).not.toMatch(/&#\d+;/)
    expect(escapeText('iam/app-deployer/main.json (v2), ok')).toBe('iam/app-deployer/main.json (v2), ok')
    expect(escapeText('pull_request on s3:Get* and __x')).toBe('pull_request on s3:Get\\* and \\_\\_x')
    expect(escapeText('see https://example.com, or @octo.')).toBe('see `https://example.com`, or `@octo`.')
  })
})

describe('codeSpan', () => {
  it('uses a fence longer than any backtick run, pads what would be trimmed, and escapes pipes in cells', () => {
    expect(codeSpan('a`b')).toBe('``a`b``')
    expect(codeSpan('`x`')).toBe('`` `x` ``')
    expect(codeSpan('a|b')).toBe('`a\\|b`')
    expect(codeSpan('a|b', 'line')).toBe('`a|b`')
    expect(codeSpan('a\n\tb')).toBe('`a b`')
    for (const text of ['a`b', '`x`', ' y ', 'a|b', '``', '']) {
      const html = marked.parse(`| h |\n| --- |\n| ${codeSpan(text)} |`, { gfm: true, async: false })
      expect(textOf(/<td>([\s\S]*?)<\/td>/.exec(html)?.[1] ?? '')).toBe(text === '' ? ' ' : text)
    }
  })
})

describe('htmlCode and formatLink', () => {
  it('escapes what HTML acts on inside an HTML block, and only that', () => {
    expect(htmlCode('iam/<a>&b.json')).toBe('<code>iam/&lt;a&gt;&amp;b.json</code>')
    const html = marked.parse(
      `<details><summary>${htmlCode('x</summary><img src=x>')}</summary>\n\n</details>`,
      {
        gfm: true,
        async: false,
      },
    )
    expect(html).not.toContain('<img')
    expect(textOf(html)).toContain('x</summary><img src=x>')
  })

  it('keeps link text literal and the URL in one piece', () => {
    const html = marked.parse(formatLink('a](b) c', 'https://x/y (1)#L2'), { gfm: true, async: false })
    expect(html).toContain('href="https://x/y%20%281%29#L2"')
    expect(textOf(html).trim()).toBe('a](b) c')
  })
})

describe('escapeText on words GitHub acts on', () => {
  it('keeps the punctuation around the code span, as the RegExp did, and takes time linear in the word', () => {
    // The RegExp it replaces, for comparison on words short enough for it.
    const AROUND = /^([("'[]*)(.*?)([)"'\],.;:!?]*)$/
    const reference = (word: string) => {
      const [, before = '', core = '', after = ''] = AROUND.exec(word) ?? []
      return `${escapeText(before)}${codeSpan(core, 'cell')}${escapeText(after)}`
    }
    let state = 11
    const int = (n: number) => {
      state = (state * 1103515245 + 12345) % 2 ** 31
      return Math.floor((state / 2 ** 31) * n)
    }
    for (let k = 0; k < 2000; k++) {
      const word = `${Array.from({ length: int(4) }, () => `("'[x`[int(5)]).join('')}@me${Array.from({ length: int(5) }, () => `)"'],.;:!?y`[int(11)]).join('')}`
      expect(escapeText(word), word).toBe(reference(word))
    }
    // 100,000 `)` after a mention took 8 s as a RegExp.
    const long = `@a${')'.repeat(100_000)}x`
    expect(escapeText(long)).toBe(codeSpan(long, 'cell'))
    expect(escapeText(`(@a${')'.repeat(100_000)}`)).toBe(`(${codeSpan('@a', 'cell')}${')'.repeat(100_000)}`)
  })
})
