import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Glob, isGlob } from '../../src/sources/glob.js'
import { resolvePolicyGlobs } from '../../src/sources/policy-globs.js'

const compiled = (pattern: string, dot = true): Glob => {
  const glob = Glob.compile(pattern, dot)
  if (typeof glob === 'string') throw new Error(glob)
  return glob
}

describe('Glob', () => {
  it.each([
    // pattern, path, matches
    ['iam/*.json', 'iam/app.json', true],
    ['iam/*.json', 'iam/app/x.json', false],
    ['iam/**/*.json', 'iam/app.json', true],
    ['iam/**/*.json', 'iam/a/b/c/app.json', true],
    ['iam/**', 'iam', true],
    ['iam/**', 'iam/a/b', true],
    ['**', 'a/b/c', true],
    ['**/x', 'x', true],
    ['a**b/*', 'axxb/c', true],
    ['iam/?.json', 'iam/a.json', true],
    ['iam/?.json', 'iam/ab.json', false],
    ['iam/[a-c]*.json', 'iam/b1.json', true],
    ['iam/[a-c]*.json', 'iam/d1.json', false],
    ['iam/[!a-c]*.json', 'iam/d1.json', true],
    ['iam/[^a-c]*.json', 'iam/a1.json', false],
    ['iam/[]]x', 'iam/]x', true],
    ['iam/[a-', 'iam/[a-', true],
    ['stacks/{app,web}.yml', 'stacks/web.yml', true],
    ['stacks/{app,web}.yml', 'stacks/api.yml', false],
    ['{iam,policies/{a,b}}/*.json', 'policies/b/x.json', true],
    ['stacks/{app}.yml', 'stacks/{app}.yml', true],
    ['stacks/\\*.yml', 'stacks/*.yml', true],
    ['stacks/\\*.yml', 'stacks/a.yml', false],
    ['./iam//app/', 'iam/app', true],
    ['iam/*.json', 'IAM/app.json', false],
  ])('%s on %s: %s', (pattern, path, expected) => {
    expect(compiled(pattern).matches(path)).toBe(expected)
  })

  it('matches a name that starts with a dot by a wildcard only when asked; a dot written always', () => {
    expect(compiled('iam/*.json', false).matches('iam/.hidden.json')).toBe(false)
    expect(compiled('iam/*.json', true).matches('iam/.hidden.json')).toBe(true)
    expect(compiled('envs/**', false).matches('envs/.cache/modules')).toBe(false)
    expect(compiled('envs/**', true).matches('envs/.cache/modules')).toBe(true)
    expect(compiled('**/.*', false).matches('.github')).toBe(true)
    expect(compiled('.github/*', false).matches('.github/workflows')).toBe(true)
  })

  it('does not take a wildcard or `**` into .git, node_modules, .terraform, .venv or .aws-sam, unless written', () => {
    expect(compiled('**/*.yaml').matches('.aws-sam/build/template.yaml')).toBe(false)
    expect(compiled('**/template.yaml').matches('app/.aws-sam/build/template.yaml')).toBe(false)
    expect(compiled('*/build/template.yaml').matches('.aws-sam/build/template.yaml')).toBe(false)
    expect(compiled('**/*.json').matches('node_modules/pkg/policy.json')).toBe(false)
    expect(compiled('iam/**/*.json').matches('iam/.terraform/modules/x/policy.json')).toBe(false)
    expect(compiled('**/*.json').matches('cdk/.venv/lib/botocore/data/iam/service-2.json')).toBe(false)
    expect(compiled('**', false).mayMatchBeneath('envs/node_modules')).toBe(false)
    expect(compiled('**').mayMatchBeneath('.git')).toBe(false)
    expect(compiled('**/*.yaml').mayMatchBeneath('.github')).toBe(true)
    // Written out, each is a name as any other.
    expect(compiled('.aws-sam/build/*.yaml').matches('.aws-sam/build/template.yaml')).toBe(true)
    expect(compiled('**/.aws-sam/**/*.yaml').matches('app/.aws-sam/build/template.yaml')).toBe(true)
    expect(compiled('node_modules/pkg/*.json').matches('node_modules/pkg/policy.json')).toBe(true)
    expect(compiled('**/node_modules').matchesOrContains('web/node_modules/pkg/x.json')).toBe(true)
    // A name that only starts or ends so is not one of them.
    expect(compiled('**/*.json').matches('node_modules_docs/policy.json')).toBe(true)
    // Terraform's fileset() walks them as Terraform does.
    const fileset = Glob.compile('**/*.json', true, true)
    expect(typeof fileset !== 'string' && fileset.matches('node_modules/pkg/policy.json')).toBe(true)
  })

  it('knows where a walk starts, whether it goes beneath a directory, and what an exclusion covers', () => {
    expect(compiled('iam/app/*.json').base).toBe('iam/app')
    expect(compiled('iam/{a,b}/*.json').base).toBe('iam')
    expect(compiled('infra/prod').base).toBe('infra')
    expect(compiled('**/*.json').base).toBe('')
    expect(compiled('iam/*/x.json').mayMatchBeneath('iam/app')).toBe(true)
    expect(compiled('iam/*/x.json').mayMatchBeneath('iam/app/deeper')).toBe(false)
    expect(compiled('iam/*/x.json').mayMatchBeneath('docs')).toBe(false)
    expect(compiled('iam/**').mayMatchBeneath('iam/a/b/c')).toBe(true)
    expect(compiled('iam/legacy').matchesOrContains('iam/legacy/old/a.json')).toBe(true)
    expect(compiled('iam/legacy').matchesOrContains('iam/legacy-2/a.json')).toBe(false)
    expect(compiled('iam/*.json').lastSegmentOnly).toBe(true)
    expect(compiled('iam/**').lastSegmentOnly).toBe(false)
    expect([isGlob('iam/app.json'), isGlob('iam/*.json'), isGlob('iam/[x'), isGlob('a/{b,c}')]).toEqual([
      false,
      true,
      false,
      true,
    ])
  })

  it('refuses, by why, a glob too long or whose braces spell out too many alternatives', () => {
    expect(Glob.compile('a/'.repeat(40_000), true)).toBe(
      '80,000 characters long; expected a glob of at most 1,024',
    )
    expect(Glob.compile(`iam/${'{a,b}'.repeat(10)}.json`, true)).toBe(
      'its braces spell out more than 256 alternatives; expected fewer, or a wildcard',
    )
    // Nested 400 deep without a comma at the top: each brace its own text, read in one pass each.
    expect(typeof Glob.compile(`${'{'.repeat(400)}a${',b}'.repeat(400)}`, true)).toBe('string')
  })

  // picomatch's RegExps backtracked on these: the first took 1.3 s with four stars and never ended
  // with ten; the second took 1 s at four `**` on a path 200 deep. Here each is one pass.
  it('matches stars and globstars a pull request piles up without trying each way they could split', () => {
    const name = `iam/${'a'.repeat(250)}`
    expect(compiled(`iam/${'*a'.repeat(40)}*b`).matches(name)).toBe(false)
    const deep = `${'aaaa/'.repeat(400)}c`
    expect(compiled(`${'**/a*/'.repeat(40)}b`).matches(deep)).toBe(false)
    expect(compiled(`${'**/a*/'.repeat(40)}b`).mayMatchBeneath(deep)).toBe(true)
  })
})

describe('globs of the config over a workspace', () => {
  it('walks every level beneath `dir/**`, not only the files directly in it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ipd-glob-'))
    try {
      for (const file of ['iam/top.json', 'iam/app/a.json', 'iam/app/deep/b.json'])
        await mkdir(join(root, file, '..'), { recursive: true }).then(() => writeFile(join(root, file), '{}'))
      const files = (pattern: string) => resolvePolicyGlobs(root, 'cfg.yml', [{ pattern, line: 1 }])
      expect(files('iam/**').files).toEqual(['iam/app/a.json', 'iam/app/deep/b.json', 'iam/top.json'])
      expect(files('iam/app/**/*.json').files).toEqual(['iam/app/a.json', 'iam/app/deep/b.json'])
      // What `sam build` and `npm ci` leave beside the repository's files is not walked.
      for (const file of ['.aws-sam/build/template.json', 'iam/node_modules/pkg/c.json'])
        await mkdir(join(root, file, '..'), { recursive: true }).then(() => writeFile(join(root, file), '{}'))
      expect(files('**/*.json').files).toEqual(['iam/app/a.json', 'iam/app/deep/b.json', 'iam/top.json'])
      expect(files('.aws-sam/**/*.json').files).toEqual(['.aws-sam/build/template.json'])
      // Too long for a glob: said, not thrown out of the run.
      expect(files(`iam/${'{a,b}/'.repeat(3_000)}x.json`).problems.map((p) => p.message)).toEqual([
        expect.stringMatching(
          /^policies: "iam\/\{a,b\}\/.*\.\.\. is not a glob this action takes: 18,010 characters long; /,
        ),
      ])
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
