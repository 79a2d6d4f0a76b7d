// Roots that call one local module share its parse: cloudposse/terraform-aws-components' hundred
// components each call `../account-map/modules/iam-roles`, which was parsed once per root (1,531 parses of
// 846 files). In a file of its own, as it counts the parser's calls through a mock of its module.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { PolicyParses } from '../../src/sources/json-files.js'
import { loadWorkspace } from '../../src/sources/load-workspace.js'
import * as hcl from '../../src/sources/terraform/hcl.js'
import { changedModuleCalls } from '../../src/sources/terraform/module-changes.js'
import { terraformSource } from '../../src/sources/terraform/terraform-source.js'

vi.mock('../../src/sources/terraform/hcl.js', async (original) => {
  const actual = await original<typeof import('../../src/sources/terraform/hcl.js')>()
  return { ...actual, parseHcl: vi.fn(actual.parseHcl) }
})

const roots: string[] = []
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true })
})

/** A new temporary directory with these files. */
async function written(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ipd-tf-parses-'))
  roots.push(dir)
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true })
    await writeFile(join(dir, path), text)
  }
  return dir
}

describe('the .tf files of several roots', () => {
  it('are each parsed once, and every root that calls a shared module still gets its roles', async () => {
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
    const workspace = await written(files)
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

  it("are parsed once for a pull request's head and base, but for what the pull request changes", async () => {
    const config = 'terraform:\n  - root: infra\n    account: "111122223333"\n'
    const role = (actions: string) =>
      [
        'resource "aws_iam_role" "app" {',
        '  name = "app"',
        '}',
        'resource "aws_iam_role_policy" "app" {',
        '  role   = aws_iam_role.app.id',
        `  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ${actions}, Resource = "*" }] })`,
        '}',
        '',
      ].join('\n')
    const shared = {
      '.github/iam-policy-drift.yml': config,
      'infra/variables.tf': 'variable "region" {\n  default = "us-east-1"\n}\n',
      'infra/main.tf': 'module "vpc" {\n  source = "../modules/vpc"\n}\n',
      'modules/vpc/main.tf': 'variable "cidr" {\n  default = "10.0.0.0/16"\n}\n',
    }
    const head = await written({ ...shared, 'infra/iam.tf': role('["s3:GetObject", "s3:PutObject"]') })
    const base = await written({ ...shared, 'infra/iam.tf': role('"s3:GetObject"') })
    const parse = vi.mocked(hcl.parseHcl)
    parse.mockClear()
    const parses = new PolicyParses(true)
    const now = await loadWorkspace(head, '.github/iam-policy-drift.yml', { parses })
    expect(now.problems).toEqual([])
    expect(parse.mock.calls.length).toBe(4)
    // The registry modules the pull request changes: the head's trees again, the base's changed file alone.
    await changedModuleCalls(
      head,
      base,
      'infra',
      parses.terraformFor(() => {
        throw new Error('the head has been read')
      }),
    )
    const before = await loadWorkspace(base, '.github/iam-policy-drift.yml', { codeOnly: true, parses })
    expect(before.problems).toEqual([])
    expect(parse.mock.calls.length).toBe(5)
    expect(parse.mock.calls[4]?.[0]).toBe('infra/iam.tf')
    const actions = (w: typeof now) =>
      w.workspace?.principals.flatMap((p) =>
        p.policies.flatMap((d) => d.statements.flatMap((s) => s.actions.map((a) => a.value))),
      )
    expect([actions(now), actions(before)]).toEqual([['s3:GetObject', 's3:PutObject'], ['s3:GetObject']])
  })
})
