// Real inputs (the fixtures: Terraform, CloudFormation and SAM templates, AWS's managed policies), edited
// at random the way pull requests break them — a line dropped or doubled, a file cut short, a value
// replaced by an intrinsic, a reference or an expression that goes nowhere — and run through the
// whole pipeline with usage made up from what each principal is granted: reading, the checks, the
// suggestions, every report. Whatever the edit, nothing throws, every finding stands on a line of its
// file, every suggestion is valid where it goes, grants nothing that was neither granted nor used and,
// put in place, breaks nothing in use, and the comment and the job summary stay within GitHub's limits.
// Seeded: a failure names the seed and iteration that replay it.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/analysis/analyse.js'
import { loadCatalog } from '../../src/catalog/catalog.js'
import { loadManagedPolicies } from '../../src/catalog/managed-policies.js'
import { buildReport, serializeReport } from '../../src/report/report.js'
import { toSarif } from '../../src/report/sarif.js'
import { renderSummary } from '../../src/report/summary.js'
import { templateEditChecker } from '../../src/sources/cloudformation/template.js'
import { loadWorkspace } from '../../src/sources/load-workspace.js'
import { codeEditChecker } from '../../src/sources/terraform/hcl.js'
import type { Finding } from '../../src/vocabulary/findings.js'
import type { PrincipalPolicies } from '../../src/vocabulary/policy.js'
import type { PrincipalUsage } from '../../src/vocabulary/usage.js'
import { seeded } from '../world/random.js'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures')
const catalog = loadCatalog()
const COMMENT_MAX = 65_000
const SUMMARY_MAX_BYTES = 1_000_000

type Kind = 'terraform' | 'cloudformation' | 'policy'

const REPLACEMENTS: Record<'hcl' | 'yaml' | 'json', readonly string[]> = {
  hcl: [
    'null',
    '[]',
    '{}',
    '"*"',
    'var.nope',
    'local.nope',
    'module.m.out',
    'count.index',
    'each.key',
    'jsonencode({})',
    'data.aws_iam_policy_document.nope.json',
    '"${var.a}"',
    'try(var.a, null)',
    'merge({}, null)',
    '1/0',
    'length(null)',
    'coalesce()',
    'format("%s")',
    'jsondecode("{")',
    'file("nope.json")',
    '[for x in null : x]',
    'split(",", null)',
    'element([], 0)',
    'regex("(", "a")',
    'formatlist("%s:*", null)',
    'one([1, 2])',
    'true ? 1 : "a"',
    '"${"',
    'jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })',
  ],
  yaml: [
    '!Ref X',
    '!GetAtt A.B',
    '!Sub "${AWS::AccountId}"',
    '[]',
    '{}',
    '""',
    '!If [C, a, b]',
    '~',
    '123',
    '!Join ["", [a, !Ref B]]',
    '!Select [0, !Ref L]',
    '!Split [",", a]',
    '!FindInMap [M, a, b]',
    '!ImportValue x',
    '"*"',
    '!Ref AWS::NoValue',
    '!Sub ["${a}", {a: !Ref B}]',
    '!GetAtt [A, B]',
    '{"Fn::If": [C, 1]}',
    '- a',
    '*a',
    '&a b',
    '!Sub',
    '!Ref',
    '[!Ref AWS::Region, !Ref "AWS::AccountId"]',
  ],
  json: [
    '{"Ref": "X"}',
    '{"Fn::GetAtt": ["A", "B"]}',
    '{"Fn::Sub": "${AWS::AccountId}"}',
    '[]',
    '{}',
    '""',
    '{"Fn::If": ["C", "a", "b"]}',
    'null',
    '123',
    '"*"',
    '{"Ref": "AWS::NoValue"}',
    'true',
    '"s3:*"',
    '["iam:PassRole", "*"]',
    '"arn:aws:s3:::b/*"',
    '{"StringEquals": {"aws:ResourceTag/t": "x"}}',
  ],
}

function filesUnder(dir: string, test: (path: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => test(f) && statSync(f).isFile())
    .sort()
}

const managed = await loadManagedPolicies()
const CORPUS: Record<Kind, string[]> = {
  terraform: filesUnder(FIXTURES, (f) => f.endsWith('.tf') && !f.includes('.terraform')),
  cloudformation: filesUnder(FIXTURES, (f) => /\.(ya?ml|template)$/.test(f)).filter((f) =>
    /AWS::IAM::|AWS::Serverless::Function/.test(readFileSync(f, 'utf8')),
  ),
  // AWS's managed policies, as the snapshot holds them.
  policy: [...managed.arns],
}

/** A policy of the corpus as a file holds it: an AWS managed policy, pretty-printed. */
const policyText = (arn: string) => JSON.stringify(JSON.parse(managed.document(arn) as string), null, 2)

/** One to `edits` random edits of a text: a line dropped or doubled, the text cut short, a value replaced. */
function mutate(text: string, syntax: 'hcl' | 'yaml' | 'json', random: () => number, edits = 3): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const lines = text.split('\n')
  for (let n = 1 + Math.floor(random() * edits); n > 0; n--) {
    const i = Math.floor(random() * lines.length)
    const line = lines[i] ?? ''
    const r = random()
    if (r < 0.15) lines.splice(i, 1)
    else if (r < 0.25) lines.splice(i, 0, line)
    else if (r < 0.3) return `${lines.slice(0, i).join('\n')}\n${line.slice(0, line.length >> 1)}`
    else {
      const at = (syntax === 'hcl' ? / = / : syntax === 'json' ? /": / : /: /).exec(line)
      if (!at) continue
      const comma = syntax === 'json' && line.trimEnd().endsWith(',') ? ',' : ''
      lines[i] = line.slice(0, at.index + at[0].length) + pick(REPLACEMENTS[syntax]) + comma
    }
  }
  return lines.join('\n')
}

/** A workspace holding one mutated input of `kind` and the config that names it. */
function workspaceOf(kind: Kind, random: () => number): { root: string; edited: string } {
  const root = mkdtempSync(join(tmpdir(), 'ipd-mutated-'))
  mkdirSync(join(root, '.github'))
  const files = CORPUS[kind]
  const file = files[Math.floor(random() * files.length)] as string
  let config: string
  if (kind === 'terraform') {
    // The module's directory as it is, the one file edited; of a directory of many, the file alone.
    const dir = dirname(file)
    const module = filesUnder(
      dir,
      (p) => /\.(tf|json|tpl|ya?ml|tfvars)$/.test(p) && !p.includes('.terraform'),
    )
    for (const f of module.length <= 8 ? module : [file]) {
      const to = join(root, 'm', relative(dir, f))
      mkdirSync(dirname(to), { recursive: true })
      writeFileSync(to, f === file ? mutate(readFileSync(f, 'utf8'), 'hcl', random) : readFileSync(f))
    }
    config = 'terraform:\n  - root: m\n    account: "111122223333"\n'
  } else if (kind === 'cloudformation') {
    const json = readFileSync(file, 'utf8').trimStart().startsWith('{')
    writeFileSync(join(root, 't.yaml'), mutate(readFileSync(file, 'utf8'), json ? 'json' : 'yaml', random))
    config = 'cloudformation:\n  - template: t.yaml\n    account: "111122223333"\n    region: us-east-1\n'
  } else {
    mkdirSync(join(root, 'p'))
    const names = ['p/0.json', 'p/1.json']
    writeFileSync(join(root, names[0] as string), mutate(policyText(file), 'json', random, 1))
    writeFileSync(
      join(root, names[1] as string),
      policyText(files[Math.floor(random() * files.length)] as string),
    )
    config =
      'principals:\n' +
      `  - arn: arn:aws:iam::111122223333:role/a\n    policies: [${names.join(', ')}]\n` +
      `  - arn: arn:aws:iam::111122223333:role/b\n    policies: [${names[0]}]\n`
  }
  writeFileSync(join(root, '.github', 'iam-policy-drift.yml'), config)
  return { root, edited: kind === 'policy' ? file : relative(FIXTURES, file) }
}

/** Usage made up from what each principal's Allow statements name: a random part of it, and a few others. */
function madeUpUsage(
  principals: readonly PrincipalPolicies[],
  random: () => number,
): Map<string, PrincipalUsage> {
  const usage = new Map<string, PrincipalUsage>()
  for (const p of principals) {
    const statements: object[] = []
    for (const d of p.policies)
      for (const s of d.statements) {
        const actions = s.actions.map((a) => a.value).filter(() => random() < 0.5)
        if (random() < 0.2)
          actions.push(
            ['s3:GetObject', 'iam:PassRole', 'sqs:SendMessage'][Math.floor(random() * 3)] as string,
          )
        if (actions.length === 0) continue
        const resources = random() < 0.5 ? ['*'] : s.resources.map((r) => r.value).slice(0, 3)
        statements.push({
          Effect: 'Allow',
          Action: actions,
          Resource: resources.length > 0 ? resources : ['*'],
        })
      }
    usage.set(p.arn, {
      arn: p.arn,
      status: 'checked',
      usage: { source: 'policy-generation', reused: false, completedAt: null },
      jobId: 'job',
      error: null,
      window: { start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z' },
      isComplete: true,
      generatedPolicies: [JSON.stringify({ Version: '2012-10-17', Statement: statements })],
    })
  }
  return usage
}

/** Catalog ids of what a document's Allow statements name (a NotAction statement: all it leaves). */
function namedIds(
  statements: readonly { effect: string; notAction: boolean; actions: readonly { value: string }[] }[],
): Set<number> {
  const ids = new Set<number>()
  for (const s of statements) {
    if (s.effect !== 'Allow') continue
    const named = new Set(s.actions.flatMap((a) => catalog.expand(a.value)))
    if (!s.notAction) for (const id of named) ids.add(id)
    else for (let id = 0; id < catalog.size; id++) if (!named.has(id)) ids.add(id)
  }
  return ids
}

const checkHcl = await codeEditChecker()
const checkTemplate = templateEditChecker()
const checkCode = (file: string, before: string, after: string) =>
  file.endsWith('.tf') ? checkHcl(file, before, after) : checkTemplate(file, before, after)

/** What went wrong with one mutated input, as lines; none when all is well. */
async function violations(kind: Kind, random: () => number): Promise<string[]> {
  const { root, edited } = workspaceOf(kind, random)
  const out: string[] = []
  const read = (file: string) => {
    try {
      return readFileSync(join(root, file), 'utf8')
    } catch {
      return undefined
    }
  }
  try {
    const loaded = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    for (const p of loaded.problems) if (!p.message) out.push(`${edited}: a problem without a message`)
    if (!loaded.workspace) return out
    const { principals } = loaded.workspace
    const usage = madeUpUsage(principals, random)
    const analysis = analyse(principals, [], catalog, usage, read, checkCode)
    for (const f of analysis.findings) {
      const lines = read(f.file)?.split('\n').length ?? 0
      if (!(f.line >= 1 && f.line <= lines))
        out.push(`${edited}: ${f.kind} at ${f.file}:${f.line}, which has ${lines} lines`)
    }
    for (const s of analysis.suggestions) {
      if (s.diff !== null && !s.file.endsWith('.json')) {
        const before = read(s.file)
        if (before === undefined || !checkCode(s.file, before, s.text))
          out.push(`${edited}: the edit of ${s.file} does not parse`)
        continue
      }
      let suggested: { Statement?: unknown }
      try {
        suggested = JSON.parse(s.text)
      } catch {
        out.push(`${edited}: the suggestion for ${s.file} is not JSON`)
        continue
      }
      const statements = (
        [] as { Effect?: string; Action?: string | string[]; NotAction?: unknown }[]
      ).concat((suggested.Statement ?? []) as never)
      const granted = namedIds(
        statements.map((st) => ({
          effect: st.Effect ?? '',
          notAction: st.NotAction !== undefined,
          actions: ([] as string[]).concat(st.Action ?? []).map((value) => ({ value })),
        })),
      )
      // Grants nothing its principals neither had from this document nor used.
      const allowed = new Set<number>()
      for (const p of principals)
        for (const d of p.policies) {
          if (d.file !== s.file || JSON.stringify(d.source ?? null) !== JSON.stringify(s.source)) continue
          for (const id of namedIds(d.statements)) allowed.add(id)
          const used = JSON.parse(usage.get(p.arn)?.generatedPolicies[0] ?? '{}').Statement ?? []
          for (const u of used) for (const a of u.Action) for (const id of catalog.expand(a)) allowed.add(id)
        }
      const extra = [...granted].find((id) => !allowed.has(id))
      if (extra !== undefined)
        out.push(
          `${edited}: the suggestion for ${s.file} grants ${catalog.action(extra).name}, neither granted nor used`,
        )
    }
    // The suggested files in place of the files, with the same usage: nothing in use newly breaks.
    const breaking = (findings: readonly Finding[]) =>
      new Set(
        findings
          .filter((f) => f.kind === 'would-break')
          .flatMap((f) => f.actions.map((a) => `${f.principal} ${a}`)),
      )
    const before = breaking(analysis.findings)
    const files = analysis.suggestions.filter((s) => s.diff !== null)
    if (files.length > 0) {
      for (const s of files) writeFileSync(join(root, s.file), s.text)
      const applied = await loadWorkspace(root, '.github/iam-policy-drift.yml')
      if (!applied.workspace)
        out.push(`${edited}: the suggested files do not load: ${applied.problems[0]?.message}`)
      else
        for (const broken of breaking(analyse(applied.workspace.principals, [], catalog, usage).findings))
          if (!before.has(broken)) out.push(`${edited}: the suggested files break ${broken}, in use`)
    }
    const report = buildReport({
      analysis,
      principals: principals.map((p) => ({
        arn: p.arn,
        files: [...new Set(p.policies.map((d) => d.file))],
        source: p.source,
      })),
      usage,
      failOn: 'medium',
      catalog: { version: 'fuzz', date: '2026-12-01' },
      staticMode: null,
      now: new Date(0),
    })
    JSON.parse([...serializeReport(report)].join(''))
    toSarif(report, { version: '0.0.0', informationUri: 'https://example.com' } as never)
    const comment = renderSummary(report, { maxLength: COMMENT_MAX })
    if (comment.length > COMMENT_MAX) out.push(`${edited}: a comment of ${comment.length} characters`)
    const summary = Buffer.byteLength(renderSummary(report))
    if (summary > SUMMARY_MAX_BYTES) out.push(`${edited}: a job summary of ${summary} bytes`)
  } catch (error) {
    out.push(`${edited}: ${(error as Error).stack?.split('\n').slice(0, 3).join(' ')}`)
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
  return out
}

describe('mutated real inputs, through the whole pipeline', () => {
  // Terraform's runs parse whole modules: fewer of them.
  const ROUNDS: Record<Kind, number> = { terraform: 60, cloudformation: 100, policy: 150 }
  for (const kind of ['terraform', 'cloudformation', 'policy'] as const)
    it(`${kind}: ${ROUNDS[kind]} edited files end in problems or findings, never a throw`, async () => {
      expect(CORPUS[kind].length).toBeGreaterThan(10)
      const seed = 20261206
      const random = seeded(seed)
      const found: string[] = []
      for (let i = 0; i < ROUNDS[kind]; i++)
        for (const v of await violations(kind, random)) found.push(`seed ${seed}, #${i}: ${v}`)
      expect(found).toEqual([])
    }, 120_000)
})
