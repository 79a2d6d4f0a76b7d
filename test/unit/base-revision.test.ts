// The base revision of a pull request gets the registry modules `terraform init` installed in the
// checkout (git does not hold them), as links, and nothing through a symbolic link.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { shareInstalledModules } from '../../src/github/base-revision.js'
import { changedModuleCalls, forgetInstalled } from '../../src/sources/terraform/module-changes.js'

const made: string[] = []
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ipd-base-'))
  made.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

describe('shareInstalledModules', () => {
  it("links each root's installed modules into the base, and leaves out .git, symbolic links and what leads outside", () => {
    const outside = tree({ 'modules/stolen/main.tf': 'secret' })
    const head = tree({
      'infra/main.tf': 'module "app" {}',
      'infra/.terraform/modules/modules.json': '{}',
      'infra/.terraform/modules/app/main.tf': 'resource "aws_iam_role" "x" {}',
      'infra/.terraform/modules/app/.git/config': '[core]',
      'infra/.terraform/providers/big.bin': 'not a module',
      'evil/main.tf': '',
    })
    symlinkSync(join(outside, 'modules', 'stolen'), join(head, 'infra/.terraform/modules/link'))
    symlinkSync(outside, join(head, 'evil/.terraform'))
    const base = tree({ 'infra/main.tf': 'module "app" {}', 'evil/main.tf': '' })
    // A root the base has as a link out of its tree is not written through.
    symlinkSync(outside, join(base, 'elsewhere'))
    mkdirSync(join(head, 'elsewhere/.terraform/modules/x'), { recursive: true })
    writeFileSync(join(head, 'elsewhere/.terraform/modules/x/main.tf'), 'x')

    expect(shareInstalledModules(head, base, ['infra', 'evil', 'elsewhere', 'infra', 'missing'])).toBe(2)
    expect(existsSync(join(base, 'infra/.terraform/modules/modules.json'))).toBe(true)
    const linked = join(base, 'infra/.terraform/modules/app/main.tf')
    expect(statSync(linked).ino).toBe(statSync(join(head, 'infra/.terraform/modules/app/main.tf')).ino)
    for (const absent of [
      'infra/.terraform/modules/app/.git/config',
      'infra/.terraform/modules/link',
      'infra/.terraform/providers/big.bin',
      'evil/.terraform',
    ])
      expect(existsSync(join(base, absent)), absent).toBe(false)
    expect(existsSync(join(outside, '.terraform'))).toBe(false)
  })
})

describe('shareInstalledModules, past its limit', () => {
  it('stops at the number of files it is given', () => {
    const head = tree(
      Object.fromEntries(
        Array.from({ length: 5 }, (_, i) => [`infra/.terraform/modules/m/f${i}.tf`, `# ${i}`]),
      ),
    )
    const base = tree({ 'infra/main.tf': '' })
    expect(shareInstalledModules(head, base, ['infra'], 3)).toBe(3)
  })
})

describe('changedModuleCalls and forgetInstalled', () => {
  it('finds the registry calls a pull request changes, through local modules, and takes them out of the base', async () => {
    const call = (name: string, source: string, version?: string) =>
      `module "${name}" {\n  source = "${source}"\n${version ? `  version = "${version}"\n` : ''}}\n`
    const manifest = JSON.stringify({
      Modules: [
        { Key: '', Dir: '.' },
        { Key: 'iam', Dir: '.terraform/modules/iam' },
        { Key: 'iam.inner', Dir: '.terraform/modules/iam.inner' },
        { Key: 'iamx', Dir: '.terraform/modules/iamx' },
        { Key: 'app.bucket', Dir: '.terraform/modules/app.bucket' },
        { Key: 'same', Dir: '.terraform/modules/same' },
      ],
    })
    const head = tree({
      'infra/main.tf': [
        call('iam', 'terraform-aws-modules/iam/aws', '6.5.0'),
        call('iamx', 'terraform-aws-modules/iam/aws', '6.5.0'),
        call('same', 'acme/same/aws', '~> 1.0'),
        call('app', './app'),
        call('added', 'acme/new/aws', '1.0.0'),
      ].join(''),
      'infra/app/main.tf': call('bucket', 'git::https://example.com/bucket.git?ref=v2'),
      'infra/.terraform/modules/modules.json': manifest,
    })
    const base = tree({
      'infra/main.tf': [
        call('iam', 'terraform-aws-modules/iam/aws', '5.60.0'),
        call('iamx', 'terraform-aws-modules/iam/aws', '6.5.0'),
        call('same', 'acme/same/aws', '~> 1.0'),
        call('app', './app'),
      ].join(''),
      'infra/app/main.tf': call('bucket', 'git::https://example.com/bucket.git?ref=v1'),
    })
    const changes = await changedModuleCalls(head, base, 'infra')
    expect(changes).toEqual([
      {
        key: 'iam',
        file: 'infra/main.tf',
        line: 1,
        from: '"terraform-aws-modules/iam/aws" "5.60.0"',
        to: '"terraform-aws-modules/iam/aws" "6.5.0"',
      },
      {
        key: 'app.bucket',
        file: 'infra/app/main.tf',
        line: 1,
        from: '"git::https://example.com/bucket.git?ref=v1"',
        to: '"git::https://example.com/bucket.git?ref=v2"',
      },
    ])
    // The base's manifest is the head's, linked: replaced without the changed calls and those they make.
    expect(shareInstalledModules(head, base, ['infra'])).toBe(1)
    forgetInstalled(
      base,
      'infra',
      changes.map((c) => c.key),
    )
    const keys = (root: string) =>
      JSON.parse(readFileSync(join(root, 'infra/.terraform/modules/modules.json'), 'utf8')).Modules.map(
        (m: { Key: string }) => m.Key,
      )
    expect(keys(base)).toEqual(['', 'iamx', 'same'])
    expect(keys(head)).toEqual(['', 'iam', 'iam.inner', 'iamx', 'app.bucket', 'same'])
  })
})
