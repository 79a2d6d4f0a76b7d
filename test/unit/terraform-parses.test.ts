// Roots that call one local module share its parse: cloudposse/terraform-aws-components' hundred
// components each call `../account-map/modules/iam-roles`, which was parsed once per root (1,531 parses of
// 846 files). In a file of its own, as it counts the parser's calls through a mock of its module.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import * as hcl from '../../src/sources/terraform/hcl.js'
import { terraformSource } from '../../src/sources/terraform/terraform-source.js'

vi.mock('../../src/sources/terraform/hcl.js', async (original) => {
  const actual = await original<typeof import('../../src/sources/terraform/hcl.js')>()
  return { ...actual, parseHcl: vi.fn(actual.parseHcl) }
})

const roots: string[] = []
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true })
})

describe('the .tf files of several roots', () => {
  it('are each parsed once, and every root that calls a shared module still gets its roles', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'ipd-tf-parses-'))
    roots.push(workspace)
    const component = (name: string) =>
      ['module "iam_roles" {', '  source = "../shared/iam-roles"', `  name   = "${name}"`, '}', ''].join('\n')
    const files: Record<string, string> = {
      'shared/iam-roles/main.tf': [
        'variable "name" {}',
        'resource "aws_iam_role" "this" {',
        '  name = var.name',
        '}',
        'resource "aws_iam_role_policy" "this" {',
        '  role   = aws_iam_role.this.id',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })',
        '}',
        '',
      ].join('\n'),
      'bastion/main.tf': component('bastion'),
      'dns/main.tf': component('dns'),
      'vpc/main.tf': component('vpc'),
    }
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(workspace, path)), { recursive: true })
      await writeFile(join(workspace, path), text)
    }
    const parse = vi.mocked(hcl.parseHcl)
    parse.mockClear()
    const source = terraformSource(
      '.github/iam-policy-drift.yml',
      ['bastion', 'dns', 'vpc'].map((root, i) => ({
        plan: undefined,
        root,
        account: '111122223333',
        line: 2 + i * 2,
      })),
    )
    const { principals, problems } = await source.load(workspace)
    expect(problems).toEqual([])
    expect(principals.map((p) => p.arn)).toEqual(
      ['bastion', 'dns', 'vpc'].map((name) => `arn:aws:iam::111122223333:role/${name}`),
    )
    expect(parse.mock.calls.map(([file]) => file).sort()).toEqual(Object.keys(files).sort())
  })
})
