// Files as Windows tools write them: UTF-16 with a byte order mark (Windows PowerShell's `>`), UTF-8 with
// one (`Out-File -Encoding utf8`). Each source reads them as the same text, at the same lines.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readText, readTextUpTo } from '../../src/config/read-text.js'
import { loadWorkspace } from '../../src/sources/load-workspace.js'
import { formatProblem } from '../../src/vocabulary/problems.js'

type Encoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be'

function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8')
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])
  }
}

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

function workspace(files: Record<string, Buffer | string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ipd-encoding-'))
  roots.push(root)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

const ACCOUNT = '111122223333'
const POLICY = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bücket/*' }],
  },
  null,
  2,
)
const PLAN = JSON.stringify({
  format_version: '1.2',
  planned_values: {
    root_module: {
      resources: [
        {
          address: 'aws_iam_role_policy.app',
          mode: 'managed',
          type: 'aws_iam_role_policy',
          name: 'app',
          values: { role: 'app', name: 'app', policy: JSON.stringify(JSON.parse(POLICY)) },
        },
      ],
    },
  },
  prior_state: {
    values: {
      root_module: {
        resources: [
          {
            address: 'aws_iam_role.app',
            mode: 'managed',
            type: 'aws_iam_role',
            name: 'app',
            values: { arn: `arn:aws:iam::${ACCOUNT}:role/app`, name: 'app', id: 'app', path: '/' },
          },
        ],
      },
    },
  },
  resource_changes: [],
  configuration: { root_module: {} },
})
const TEMPLATE = JSON.stringify(
  {
    Resources: {
      R: {
        Type: 'AWS::IAM::Role',
        Properties: { RoleName: 'cfn', Policies: [{ PolicyName: 'p', PolicyDocument: JSON.parse(POLICY) }] },
      },
    },
  },
  null,
  2,
)

describe('files written by Windows tools', () => {
  for (const encoding of ['utf8', 'utf8-bom', 'utf16le', 'utf16be'] as const) {
    it(`reads a policy file, a plan, a JSON template and the config in ${encoding}`, async () => {
      const config = [
        'principals:',
        `  - arn: arn:aws:iam::${ACCOUNT}:role/files`,
        '    policies: [iam/app.json]',
        'terraform:',
        '  - plan: infra/plan.json',
        'cloudformation:',
        '  - template: stacks/app.json',
        `    account: "${ACCOUNT}"`,
        '',
      ].join('\n')
      const root = workspace({
        '.github/iam-policy-drift.yml': encode(config, encoding === 'utf8-bom' ? 'utf8' : encoding),
        'iam/app.json': encode(POLICY, encoding),
        'infra/plan.json': encode(PLAN, encoding),
        'infra/main.tf': '',
        'stacks/app.json': encode(TEMPLATE, encoding),
      })
      const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
      expect(problems.map(formatProblem)).toEqual([])
      const resources = (arn: string) =>
        loaded?.principals
          .find((p) => p.arn === arn)
          ?.policies.flatMap((d) =>
            d.statements.map((s) => `${s.resources[0]?.value}@${s.resources[0]?.line}`),
          )
      expect(resources(`arn:aws:iam::${ACCOUNT}:role/files`)).toEqual(['arn:aws:s3:::bücket/*@7'])
      expect(resources(`arn:aws:iam::${ACCOUNT}:role/app`)?.[0]).toMatch(/^arn:aws:s3:::bücket\/\*@/)
      expect(resources(`arn:aws:iam::${ACCOUNT}:role/cfn`)).toEqual(['arn:aws:s3:::bücket/*@16'])
    })
  }

  it('leaves a file that only starts like UTF-16 as it reads in UTF-8', () => {
    const root = workspace({ 'x.txt': Buffer.from([0xff, 0xff, 0x41]) })
    expect(readText(join(root, 'x.txt'))).toBe('\ufffd\ufffdA')
  })
})

describe('files larger than their readers take', () => {
  /** Bytes this process has read through read(2) so far (Linux), or undefined elsewhere. */
  const bytesRead = (): number | undefined => {
    try {
      return Number(/^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1])
    } catch {
      return undefined
    }
  }

  it('refuses each by its size before reading it: a policy file, a template, a plan and a .tf file of 600 MiB', async () => {
    const config = [
      'principals:',
      `  - arn: arn:aws:iam::${ACCOUNT}:role/files`,
      '    policies: [iam/big.json]',
      'terraform:',
      '  - plan: infra/plan.json',
      '  - root: code',
      `    account: "${ACCOUNT}"`,
      'cloudformation:',
      '  - template: stacks/big.json',
      `    account: "${ACCOUNT}"`,
      '',
    ].join('\n')
    const big = ['iam/big.json', 'infra/plan.json', 'code/main.tf', 'stacks/big.json']
    const root = workspace({
      '.github/iam-policy-drift.yml': config,
      ...Object.fromEntries(big.map((f) => [f, '{'])),
    })
    // Sparse: 600 MiB each as far as their size says, next to nothing on disk.
    for (const file of big) truncateSync(join(root, file), 600 * 1024 * 1024)
    const before = bytesRead()
    const { problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    const after = bytesRead()
    expect(problems.map(formatProblem).sort()).toEqual([
      'code/main.tf:1: larger than 4 MiB; not read',
      'iam/big.json:1:1: larger than 4 MiB; not read (IAM takes policies of a few KiB)',
      'infra/plan.json:1: larger than 256 MiB; not read',
      'stacks/big.json:1: larger than 16 MiB; not read',
    ])
    if (before !== undefined && after !== undefined) expect(after - before).toBeLessThan(16 * 1024 * 1024)
  })
})

describe('readTextUpTo', () => {
  // Around the size read whole without asking the file's size (64 KiB), in UTF-8 and UTF-16.
  for (const size of [0, 1, 65_535, 65_536, 65_537, 200_000]) {
    it(`reads a file of ${size} bytes whole, and refuses it under a smaller limit`, () => {
      const text = 'é'.repeat(Math.floor(size / 2)) + (size % 2 ? 'x' : '')
      const root = workspace({ 'a.txt': text, 'b.txt': encode(text.slice(0, size >> 2), 'utf16le') })
      expect(readTextUpTo(join(root, 'a.txt'), size)).toBe(text)
      expect(readTextUpTo(join(root, 'b.txt'), 2 + 2 * (size >> 2))).toBe(text.slice(0, size >> 2))
      if (size > 0) expect(readTextUpTo(join(root, 'a.txt'), size - 1)).toBeNull()
    })
  }

  it('reads one file after another with nothing of the first left in the second', () => {
    const root = workspace({ 'long.txt': 'a'.repeat(1000), 'short.txt': 'b' })
    expect(readTextUpTo(join(root, 'long.txt'), 4096)).toBe('a'.repeat(1000))
    expect(readTextUpTo(join(root, 'short.txt'), 4096)).toBe('b')
  })
})
