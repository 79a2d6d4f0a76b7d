// Paths at which no file can be, written where a pull request writes them (the config, a CDK manifest):
// through a file (`policy.json/x.json`), a name longer than the file system allows, a NUL character, a
// loop of symlinks. Node's file system calls throw for these (ENOTDIR, ENAMETOOLONG, ERR_INVALID_ARG_VALUE,
// ELOOP) where a missing file only returns nothing; each must end as "not there", named with its line.
// And files larger than a reader takes: refused by name, never read into a string past Node's limit.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readTextUpTo } from '../../src/config/read-text.js'
import { loadWorkspace } from '../../src/sources/load-workspace.js'
import { formatProblem, quote } from '../../src/vocabulary/problems.js'

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

const POLICY =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ipd-unreadable-'))
  roots.push(root)
  for (const [path, content] of Object.entries({ 'iam/app.json': POLICY, ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  symlinkSync('loop', join(root, 'loop'))
  return root
}

const LONG = 'x'.repeat(300)
/** Each a path no file can be at, and a config key quoting it as the config spells it. */
const UNREADABLE = ['iam/app.json/x.json', `iam/${LONG}.json`, 'iam/\u0000.json', 'loop/x.json']
const quoted = (path: string) => JSON.stringify(path)

async function problemsOf(root: string, config = '.github/iam-policy-drift.yml'): Promise<string[]> {
  const { workspace: loaded, problems } = await loadWorkspace(root, config)
  expect(loaded).toBeUndefined()
  return problems.map(formatProblem)
}

describe('a path no file can be at', () => {
  it('is a glob or directory that matches nothing, in every config key that names files', async () => {
    const lines = [
      'principals:',
      '  - arn: arn:aws:iam::111122223333:role/app',
      `    policies: [${UNREADABLE.map(quoted).join(', ')}]`,
      'terraform:',
      ...UNREADABLE.flatMap((p) => [`  - plan: ${quoted(p)}`, `  - root: ${quoted(p)}`]),
      'cloudformation:',
      ...UNREADABLE.flatMap((p) => [`  - template: ${quoted(p)}`, `  - cdk-out: ${quoted(p)}`]),
    ]
    const root = workspace({ '.github/iam-policy-drift.yml': `${lines.join('\n')}\n` })
    const problems = await problemsOf(root)
    const at = (line: number, message: string) => `.github/iam-policy-drift.yml:${line}: ${message}`
    expect(problems).toEqual([
      ...UNREADABLE.map((p) => at(3, `policies: ${quote(p)} matches no file in the workspace`)),
      ...UNREADABLE.flatMap((p, i) => [
        at(5 + 2 * i, `terraform: plan: ${quote(p)} matches no file in the workspace`),
        at(6 + 2 * i, `terraform: root: ${JSON.stringify(p)} is not a directory in the workspace`),
      ]),
      ...UNREADABLE.flatMap((p, i) => [
        at(14 + 2 * i, `cloudformation: template: ${quote(p)} matches no file in the workspace`),
        at(
          15 + 2 * i,
          `cloudformation: cdk-out: ${JSON.stringify(p)} is not a directory in the workspace (run cdk synth first)`,
        ),
      ]),
    ])
  })

  it('is a missing template or stage in a CDK manifest, and a directory named as a template is not a file', async () => {
    const artifacts = Object.fromEntries([
      ...UNREADABLE.map((p, i) => [
        `Stack${i}`,
        { type: 'aws:cloudformation:stack', properties: { templateFile: p } },
      ]),
      ...UNREADABLE.map((p, i) => [
        `Stage${i}`,
        { type: 'cdk:cloud-assembly', properties: { directoryName: p } },
      ]),
      ['Itself', { type: 'aws:cloudformation:stack', properties: { templateFile: '.' } }],
    ])
    // The workspace is the assembly, so that the paths are inside it and the file system is asked.
    const root = workspace({
      '.github/iam-policy-drift.yml': 'cloudformation:\n  - cdk-out: .\n',
      'manifest.json': JSON.stringify({ version: '36.0.0', artifacts }, null, 2),
    })
    // Each at its name, as cdk synth indents the manifest: an artifact takes six lines after the first
    // three, its name on the fourth of them, after eight spaces and `"templateFile": `.
    const at = (artifact: number, key: string) =>
      `manifest.json:${7 + 6 * artifact}:${8 + JSON.stringify(key).length + 3}`
    const n = UNREADABLE.length
    expect(await problemsOf(root)).toEqual([
      ...UNREADABLE.map(
        (p, i) =>
          `${at(i, 'templateFile')}: artifacts.Stack${i}: its templateFile ${JSON.stringify(p)} is missing`,
      ),
      ...UNREADABLE.map(
        (p, i) =>
          `${at(n + i, 'directoryName')}: artifacts.Stage${i}: its directoryName ${JSON.stringify(p)} is missing`,
      ),
      `${at(2 * n, 'templateFile')}: artifacts.Itself: its templateFile "." is not a file`,
    ])
  })

  it('as the config file is "not found"; a directory there is named as one', async () => {
    const root = workspace({})
    for (const path of UNREADABLE)
      expect(await problemsOf(root, path)).toEqual([
        `${path}: config file not found (input 'config' is ${quote(path)}). Create it — see the README's "Configuration" — or check out the repository first (actions/checkout).`,
      ])
    expect(await problemsOf(root, 'iam')).toEqual([
      `iam: input 'config': "iam" is a directory; expected the config file, such as .github/iam-policy-drift.yml`,
    ])
  })

  it('as the config file is "not found", naming the file likely meant when there is one', async () => {
    const config = 'principals:\n  - arn: arn:aws:iam::111122223333:role/app\n    policies: [app.json]\n'
    const near = (found: string, named = '.github/iam-policy-drift.yml') =>
      `${named}: config file not found (input 'config' is ${quote(named)}), but ${quote(found)} is there: rename it, or set input 'config' to it`
    // The other extension, another case, or the other of .github/ and the top of the workspace.
    for (const found of [
      '.github/iam-policy-drift.yaml',
      '.github/IAM-Policy-Drift.yml',
      'iam-policy-drift.yml',
      'iam-policy-drift.yaml',
    ])
      expect(await problemsOf(workspace({ [found]: config }))).toEqual([near(found)])
    expect(
      await problemsOf(workspace({ '.github/iam-policy-drift.yml': config }), 'iam-policy-drift.yaml'),
    ).toEqual([near('.github/iam-policy-drift.yml', 'iam-policy-drift.yaml')])
    // A directory of that name is not a config; nothing near: the usual advice.
    expect(await problemsOf(workspace({ '.github/iam-policy-drift.yaml/x': config }))).toEqual([
      `.github/iam-policy-drift.yml: config file not found (input 'config' is ".github/iam-policy-drift.yml"). Create it — see the README's "Configuration" — or check out the repository first (actions/checkout).`,
    ])
  })
})

describe('a file larger than its reader takes', () => {
  it('is refused by name: a policy file, the config, a CDK manifest', async () => {
    const root = workspace({
      '.github/iam-policy-drift.yml':
        'principals:\n  - arn: arn:aws:iam::111122223333:role/app\n    policies: [iam/app.json, iam/big.json]\n',
      'iam/big.json': `{"Version":"2012-10-17","Statement":[],"Pad":"${' '.repeat(4 * 1024 * 1024)}"}`,
      'big.yml': `# ${'x'.repeat(16 * 1024 * 1024)}\n`,
      'cdk.out/manifest.json': `{"artifacts":{},"pad":"${' '.repeat(64 * 1024 * 1024)}"}`,
      'cdk.yml': 'cloudformation:\n  - cdk-out: cdk.out\n',
    })
    expect(await problemsOf(root)).toEqual([
      'iam/big.json:1:1: larger than 4 MiB; not read (IAM takes policies of a few KiB)',
    ])
    expect(await problemsOf(root, 'big.yml')).toEqual(['big.yml:1: larger than 16 MiB; not read'])
    expect(await problemsOf(root, 'cdk.yml')).toEqual([
      'cdk.out/manifest.json:1:1: larger than 64 MiB; not read',
    ])
  })

  it('past what Node holds in one string (~512 MiB) is refused, not thrown', () => {
    const root = workspace({})
    // Sparse: no disk is written, and reading it costs a moment.
    const path = join(root, 'huge.json')
    writeFileSync(path, '')
    truncateSync(path, 600 * 1024 * 1024)
    expect(readTextUpTo(path, Number.POSITIVE_INFINITY)).toBeNull()
    expect(readTextUpTo(join(root, 'iam/app.json'), POLICY.length)).toBe(POLICY)
    expect(readTextUpTo(join(root, 'iam/app.json'), POLICY.length - 1)).toBeNull()
  })
})
