import { describe, expect, it } from 'vitest'
import { whyNoPrincipals } from '../../src/main.js'
import { toAnnotations } from '../../src/report/annotations.js'
import { codeSpan } from '../../src/report/markdown.js'
import { buildReport, oversizeNote, type ReportInput } from '../../src/report/report.js'
import { toSarif } from '../../src/report/sarif.js'
import { renderSummary } from '../../src/report/summary.js'
import { renderText } from '../../src/report/text.js'
import { boundaryPlaceOf, filesOf } from '../../src/sources/policy-source.js'
import { accountOf, isGroupArn, isPolicyArn } from '../../src/vocabulary/accounts.js'
import type { Finding } from '../../src/vocabulary/findings.js'
import { givenToUsage, policyAloneUsage, staticUsage } from '../../src/vocabulary/usage.js'
import { policyOf } from '../world/policies.js'

const ROLE = 'arn:aws:iam::111122223333:role/app'
const CLEAN = 'arn:aws:iam::111122223333:role/clean'

function finding(over: Partial<Finding>): Finding {
  return {
    kind: 'wildcard-resource',
    severity: 'medium',
    principal: ROLE,
    file: 'iam/app.json',
    line: 7,
    column: 19,
    sid: 'Table',
    statementIndex: 1,
    actions: ['dynamodb:GetItem'],
    message: 'Resource "*" on dynamodb:GetItem',
    suggestion: null,
    condition: null,
    source: null,
    ...over,
  }
}

function input(findings: Finding[], over: Partial<ReportInput> = {}): ReportInput {
  return {
    analysis: { findings, accepted: [], notObservable: [], suggestions: [] },
    principals: [
      { arn: ROLE, files: ['iam/app.json'] },
      { arn: CLEAN, files: ['iam/clean.json'] },
    ],
    usage: new Map(),
    failOn: 'medium',
    catalog: { version: '0.21.202609261', date: '2026-09-26T04:46:59.905Z' },
    staticMode: null,
    now: new Date('2026-11-24T06:00:00Z'),
    ...over,
  }
}

describe('buildReport', () => {
  it.each([
    ['medium', 'medium', 'fail'],
    ['medium', 'high', 'pass'],
    ['critical', 'critical', 'fail'],
    ['low', 'medium', 'pass'],
    ['low', 'low', 'fail'],
    ['critical', 'never', 'pass'],
  ] as const)('a %s finding with fail-on %s is a %s', (severity, failOn, verdict) => {
    expect(buildReport(input([finding({ severity })], { failOn })).verdict).toBe(verdict)
  })

  it('passes with no findings and says why it fails', () => {
    expect(buildReport(input([]))).toMatchObject({ verdict: 'pass', reason: 'No findings.' })
    // Nothing to check is said, not passed off as a clean bill; and no table of no principals is drawn.
    const none = buildReport(input([], { principals: [] }))
    expect(none).toMatchObject({
      verdict: 'pass',
      reason:
        'No principals to check: the config lists none, and the code it names defines no IAM role or user, nor a group with a policy.',
    })
    expect(renderSummary(none)).toContain('No principals to check')
    expect(renderSummary(none)).not.toContain('| Principal |')
    // Some were found, none is left: the verdict says why, not that none was found.
    const why = whyNoPrincipals(0, 3, 0, { index: 2, count: 4 })
    expect(why).toBe('No principals to check in shard 2/4: the 3 principals found are all in other shards.')
    expect(buildReport(input([], { principals: [], noPrincipals: why })).reason).toBe(why)
    expect(whyNoPrincipals(0, 1, 0, { index: 2, count: 2 })).toBe(
      'No principals to check in shard 2/2: the one principal found is in another shard.',
    )
    expect(whyNoPrincipals(0, 0, 1)).toBe(
      'No principals to check: exclude-principals leaves out the one principal found.',
    )
    expect(whyNoPrincipals(0, 0, 0)).toBeNull()
    // None found, and the reading said what it could not read (a module whose code is not there).
    expect(whyNoPrincipals(0, 0, 0, null, 5)).toBe(
      'No principals to check: the config lists none, and none was found in the code it names; 5 notes say what of it was not read.',
    )
    expect(whyNoPrincipals(0, 0, 0, null, 1)).toMatch(/; a note says what of it was not read\.$/)
    expect(whyNoPrincipals(1, 1, 0, null, 5)).toBeNull()
    expect(whyNoPrincipals(2, 2, 5, { index: 1, count: 2 })).toBeNull()
    const report = buildReport(
      input([finding({}), finding({ severity: 'critical', kind: 'privilege-escalation' })]),
    )
    expect(report.reason).toBe("2 findings at or above fail-on 'medium' (1 critical, 1 medium).")
  })

  it('fails when a principal could not be checked, even without findings', () => {
    const failed = {
      ...staticUsage(ROLE),
      status: 'failed' as const,
      error: { code: 'AUTHORIZATION_ERROR', message: 'no access' },
    }
    const report = buildReport(
      input([], { principals: [{ arn: ROLE, files: [] }], usage: new Map([[ROLE, failed]]) }),
    )
    expect(report).toMatchObject({ verdict: 'fail', reason: `1 principal could not be checked (${ROLE}).` })
    // An account's outage fails thousands: the verdict names three, and counts them as people write numbers.
    const arns = Array.from({ length: 1_500 }, (_, i) => `${ROLE}-${i}`)
    const many = buildReport(
      input([], {
        principals: arns.map((arn) => ({ arn, files: [] })),
        usage: new Map(arns.map((arn) => [arn, { ...failed, arn }])),
      }),
    )
    expect(many.reason).toBe(
      `1,500 principals could not be checked (${arns.slice(0, 3).join(', ')}, … (1,497 more)).`,
    )
    const counted = buildReport(input(Array.from({ length: 1_200 }, () => finding({}))))
    expect(counted.reason).toBe("1,200 findings at or above fail-on 'medium' (1,200 medium).")
  })

  it('has the shape SPEC.md gives the JSON report: every field, none renamed', () => {
    const report = JSON.parse(JSON.stringify(buildReport(input([finding({})]))))
    expect(Object.keys(report).sort()).toEqual(
      [
        'version',
        'verdict',
        'reason',
        'failOn',
        'generatedAt',
        'catalog',
        'staticMode',
        'principals',
        'findings',
        'accepted',
        'notObservable',
        'suggestions',
        'run',
        'problems',
        'base',
      ].sort(),
    )
    expect(report.version).toBe(1)
    expect(report.catalog).toEqual({ version: '0.21.202609261', date: '2026-09-26T04:46:59.905Z' })
    expect(report.principals[0]).toEqual({
      arn: ROLE,
      status: 'static',
      usage: null,
      jobId: null,
      error: null,
      window: null,
      isComplete: null,
      files: ['iam/app.json'],
      source: null,
      boundary: null,
    })
    expect(Object.keys(report.findings[0]).sort()).toEqual(
      [
        'kind',
        'severity',
        'principal',
        'file',
        'line',
        'column',
        'sid',
        'statementIndex',
        'actions',
        'message',
        'suggestion',
        'condition',
        'source',
        'scope',
      ].sort(),
    )
  })

  it('lists a checked principal with its usage source, without the generated policy itself', () => {
    const checked = {
      ...staticUsage(ROLE),
      status: 'checked' as const,
      usage: { source: 'policy-generation' as const, reused: true, completedAt: '2026-11-24T02:00:00.000Z' },
      jobId: 'job-1',
      isComplete: true,
      generatedPolicies: ['{"Version":"2012-10-17","Statement":[]}'],
    }
    const report = JSON.parse(JSON.stringify(buildReport(input([], { usage: new Map([[ROLE, checked]]) }))))
    const { generatedPolicies: _, ...listed } = checked
    expect(report.principals[0]).toEqual({ ...listed, files: ['iam/app.json'], source: null, boundary: null })
    expect(report.principals[1]).toMatchObject({ arn: CLEAN, status: 'static' })
  })
})

describe('a suggested policy larger than IAM takes', () => {
  const suggestion = (actions: number) => ({
    file: 'iam/app.json',
    text: `${JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: Array.from({ length: actions }, (_, i) => `ec2:Action${i}`), Resource: '*' }] }, null, 2)}\n`,
    diff: null,
    source: null,
    line: 1,
  })
  const report = (actions: number) =>
    buildReport(
      input([finding({})], {
        analysis: {
          findings: [finding({})],
          accepted: [],
          notObservable: [],
          suggestions: [suggestion(actions)],
        },
      }),
    )

  it('says so beside the suggestion, in the summary and the terminal, counting no whitespace', () => {
    // 100 actions of 18 characters with their quotes and commas: under 6,144 however it is indented.
    expect(oversizeNote(suggestion(100))).toBeUndefined()
    expect(oversizeNote(suggestion(400))).toBe(
      "This policy is 6,373 characters without whitespace: more than IAM takes in a managed policy (6,144); a role's inline policies take 10,240 in all. Split it, or grant fewer services.",
    )
    expect(oversizeNote(suggestion(700))).toMatch(/or in all of a role's inline policies \(10,240\)/)
    expect(renderSummary(report(400))).toContain('This policy is 6,373 characters without whitespace')
    expect(renderText(report(400), { color: false })).toContain('This policy is 6,373 characters')
    expect(renderSummary(report(100))).not.toContain('characters without whitespace')
    // Code edited in place is no document to weigh.
    expect(
      oversizeNote({ ...suggestion(400), text: 'resource "aws_iam_policy" "p" {}\n', diff: '' }),
    ).toBeUndefined()
  })
})

describe('renderText', () => {
  it('says why a principal was judged by the static checks alone, when there is a reason', () => {
    const policy = 'arn:aws:iam::111122223333:policy/shared'
    const text = renderText(
      buildReport(
        input([], {
          principals: [
            { arn: ROLE, files: ['iam/app.json'] },
            { arn: policy, files: ['infra/main.tf'] },
          ],
          usage: new Map([[policy, policyAloneUsage(policy)]]),
        }),
      ),
      { color: false },
    )
    expect(text).toContain(`${ROLE}  static checks\n`)
    expect(text).toContain(
      `${policy}  static checks: no role, user or group in the code read here has this managed policy (another root, ` +
        'stack or person attaches it): its statements are checked as written\n',
    )
  })

  it('says who the code gives a policy alone to, when it knows, in place of its guess', () => {
    const policy = 'arn:aws:iam::111122223333:policy/shared'
    const irsa = { address: 'module.irsa', file: 'infra/main.tf', line: 9, installable: true }
    const given = 'module.irsa (infra/main.tf:9) is given its ARN, but its code is not in the workspace'
    expect(givenToUsage(policyAloneUsage(policy), [irsa]).error?.message).toBe(
      `no role, user or group in the code read here has this managed policy; ${given} (\`terraform init\` installs ` +
        'it): its statements are checked as written',
    )
    // With the advice of a run under policy generation, kept after it; a local directory that is not
    // there is no module `terraform init` installs.
    const local = { address: 'module.app', file: 'infra/app.tf', line: 1, installable: false }
    expect(
      givenToUsage(policyAloneUsage(policy, 'usage-source: auto reads it'), [irsa, local]).error?.message,
    ).toBe(
      'no role, user or group in the code read here has this managed policy; module.irsa (infra/main.tf:9), ' +
        'module.app (infra/app.tf:1) are given its ARN, but their code is not in the workspace: its statements are ' +
        'checked as written; usage-source: auto reads it',
    )
    // Past three, how many more.
    const many = Array.from({ length: 1_503 }, (_, i) => ({ ...irsa, address: `module.m${i}`, line: i + 1 }))
    expect(givenToUsage(policyAloneUsage(policy), many).error?.message).toBe(
      'no role, user or group in the code read here has this managed policy; module.m0 (infra/main.tf:1), ' +
        'module.m1 (infra/main.tf:2), module.m2 (infra/main.tf:3), … (1,500 more) are given its ARN, but their ' +
        'code is not in the workspace (`terraform init` installs it): its statements are checked as written',
    )
    // A policy judged by what was used through it is not alone: left as it is.
    const used = { ...policyAloneUsage(policy), error: null }
    expect(givenToUsage(used, [irsa])).toBe(used)
    // A document the code gives a module (`policy_json = …`), which makes the role or policy with it.
    const documented = 'arn:aws:iam::111122223333:policy/${module.lambda.policy_json}'
    const lambda = {
      address: 'module.lambda',
      file: 'infra/main.tf',
      line: 22,
      installable: true,
      as: 'document' as const,
    }
    expect(givenToUsage(policyAloneUsage(documented), [lambda]).error?.message).toBe(
      'a policy document the code gives to module.lambda (infra/main.tf:22), whose code is not in the workspace ' +
        '(`terraform init` installs it), which makes the role or policy that has it: its statements are checked as written',
    )
    expect(
      givenToUsage(policyAloneUsage(documented), [lambda, { ...lambda, address: 'module.other' }]).error
        ?.message,
    ).toMatch(
      /^a policy document the code gives to module\.lambda \(infra\/main\.tf:22\), module\.other \(infra\/main\.tf:22\), whose code is not in the workspace \(`terraform init` installs it\), which make the role/,
    )
  })
})

describe('renderSummary', () => {
  it('lists every principal, clean ones too, and groups findings by principal and file', () => {
    const md = renderSummary(buildReport(input([finding({}), finding({ file: 'iam/b.json', line: 3 })])), {
      blobBase: 'https://github.com/o/r/blob/abc',
    })
    expect(md).toContain('## ❌ IAM policy drift: fail')
    expect(md).toContain(
      `| ${codeSpan(ROLE)} | ➖ static checks only | 2 (2 medium) | ${codeSpan('iam/app.json')} | – |`,
    )
    expect(md).toContain(
      `| ${codeSpan(CLEAN)} | ➖ static checks only | 0 | ${codeSpan('iam/clean.json')} | – |`,
    )
    expect(md.indexOf(`#### ${codeSpan('iam/app.json')}`)).toBeLessThan(
      md.indexOf(`#### ${codeSpan('iam/b.json')}`),
    )
    expect(md).toContain('[L7](https://github.com/o/r/blob/abc/iam/app.json#L7)')
  })

  it('counts each of two principals that share an ARN (unnamed roles of two templates) with its own findings', () => {
    const SHARED = 'arn:aws:iam::${AWS::AccountId}:role/${HelloWorldFunctionRole}'
    const findings = [
      finding({ principal: SHARED, file: 'a/template.yml', line: 4 }),
      finding({ principal: SHARED, file: 'a/template.yml', line: 9 }),
      finding({
        principal: SHARED,
        file: 'b/template.yml',
        line: 13,
        severity: 'high',
        kind: 'wildcard-action',
      }),
    ]
    const report = buildReport(
      input(findings, {
        principals: [
          { arn: SHARED, files: ['a/template.yml'] },
          { arn: SHARED, files: ['b/template.yml'] },
        ],
      }),
    )
    const md = renderSummary(report)
    expect(md).toContain(
      `| ${codeSpan(SHARED)} | ➖ static checks only | 2 (2 medium) | ${codeSpan('a/template.yml')} | – |`,
    )
    expect(md).toContain(
      `| ${codeSpan(SHARED)} | ➖ static checks only | 1 (1 high) | ${codeSpan('b/template.yml')} | – |`,
    )
    const text = renderText(report, { color: false })
    const [, first = '', second = ''] = text.split(`${SHARED}  static checks`)
    expect(first.match(/a\/template\.yml:\d+/g)).toEqual(['a/template.yml:4', 'a/template.yml:9'])
    expect(first).not.toContain('b/template.yml')
    expect(second.match(/template\.yml:\d+/g)).toEqual(['template.yml:13'])
    expect(second).toContain('b/template.yml:13')
  })

  it('shows the static-mode reason and the accepted findings with their reasons', () => {
    const report = buildReport(
      input([], {
        staticMode: 'no OIDC token',
        analysis: {
          findings: [],
          accepted: [{ ...finding({}), reason: 'reviewed' }],
          notObservable: [],
          suggestions: [],
        },
      }),
    )
    const md = renderSummary(report)
    expect(md).toContain('> Static mode: no OIDC token')
    expect(md).toContain('Accepted by <code>ignore:</code> (1)')
    expect(md).toContain('| reviewed |')
  })

  it('names no statement for findings about the principal as a whole', () => {
    const md = renderSummary(
      buildReport(
        input([finding({ kind: 'would-break', severity: 'high', sid: null }), finding({ sid: null })]),
      ),
    )
    const rows = md.split('\n').filter((l) => /^\| 🟧|^\| 🟨/.test(l))
    expect(rows.map((r) => r.split(' | ')[3])).toEqual(['–', '#1'])
  })

  it('stays under its size limit and says how many findings it left out', () => {
    const many = Array.from({ length: 500 }, (_, i) => finding({ line: i + 1, message: 'x'.repeat(200) }))
    const md = renderSummary(buildReport(input(many)), { maxLength: 20_000 })
    expect(md.length).toBeLessThanOrEqual(20_000)
    const shown = md.split('\n').filter((l) => l.startsWith('| 🟨')).length
    expect(shown).toBeGreaterThan(10)
    expect(md).toContain(`> ${500 - shown} more findings do not fit here; all are in the JSON report`)
    expect(md).toContain('<sub>fail-on: medium')
    expect(renderSummary(buildReport(input(many)))).not.toContain('do not fit')
  })

  it('keeps a job summary of non-ASCII text under the 1 MiB GitHub takes, counted in bytes', () => {
    // A repository with Japanese directory names: three bytes of UTF-8 for each character of the paths.
    const dir = 'インフラ/ポリシー/本番環境のロール'
    const many = Array.from({ length: 3_000 }, (_, i) =>
      finding({ file: `${dir}/${i}.json`, line: i + 1, message: `${dir}/${i}.json: ${'権限'.repeat(60)}` }),
    )
    const md = renderSummary(buildReport(input(many)))
    expect(md.length).toBeLessThan(900_000) // in UTF-16 units, the whole of it would have fitted
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(1_000_000)
    const shown = md.split('\n').filter((l) => l.startsWith('| 🟨')).length
    expect(shown).toBeGreaterThan(100)
    expect(md).toContain(`> ${3_000 - shown} more findings do not fit here; all are in the JSON report`)
  })

  it('stays under 1 MiB when the first findings take three bytes a character and the last one', () => {
    // Laid out again in the room the whole took per byte, the first part still takes more: a third then.
    const dir = '0/インフラ/ポリシー/本番環境のロール'
    const wide = Array.from({ length: 1_500 }, (_, i) =>
      finding({ file: `${dir}/${i}.json`, line: i + 1, message: `${dir}: ${'権限'.repeat(100)}` }),
    )
    const narrow = Array.from({ length: 1_500 }, (_, i) =>
      finding({ file: `z/iam/${i}.json`, line: i + 1, message: 'x'.repeat(600) }),
    )
    const md = renderSummary(buildReport(input([...wide, ...narrow])))
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(1_000_000)
    expect(Buffer.byteLength(md)).toBeGreaterThan(600_000)
    expect(md).toMatch(/> \d+ more findings do not fit here; all are in the JSON report/)
  })

  it('cut short in the not-observable list, says more are in the JSON report', () => {
    const notObservable = Array.from({ length: 200 }, (_, i) => ({
      principal: ROLE,
      file: 'iam/app.json',
      line: i + 1,
      actions: ['s3:GetObject'],
      reason: 'a data event the trail does not log',
    }))
    const analysis = { findings: [], accepted: [], notObservable, suggestions: [] }
    const md = renderSummary(buildReport(input([], { analysis })), { maxLength: 6_000 })
    const table = md.slice(
      md.indexOf('Not observable'),
      md.indexOf('</details>', md.indexOf('Not observable')),
    )
    expect(table.trimEnd().split('\n').at(-1)).toBe('| … |  |  | more in the JSON report |')
  })

  it('names the suggestions that do not fit while there is room, then counts them, within a comment', () => {
    const suggestions = Array.from({ length: 300 }, (_, i) => ({
      file: `infra/modules/team-${i}/iam.tf`,
      text: 'x',
      diff: `--- a/infra/modules/team-${i}/iam.tf\n+++ b/infra/modules/team-${i}/iam.tf\n${'-    "s3:*",\n'.repeat(40)}`,
      source: null,
      line: 1,
    }))
    const analysis = { findings: [], accepted: [], notObservable: [], suggestions }
    const md = renderSummary(buildReport(input([], { analysis })), { maxLength: 65_000 })
    expect(md.length).toBeLessThanOrEqual(65_000)
    const shown = md.split('<details><summary>Suggested least-privilege').length - 1
    const named = md.split('too long to show here').length - 1
    expect(shown).toBeGreaterThan(50)
    expect(named).toBeGreaterThan(0)
    expect(md).toContain(
      `${300 - shown - named} more suggested policies are in the JSON report (\`suggestions\`).`,
    )
  })

  it('cut short anywhere, leaves no heading or table without a finding under it', () => {
    // One finding per principal and file: wherever the limit falls, it may fall on a section's start.
    const many = Array.from({ length: 60 }, (_, i) =>
      finding({ principal: `arn:aws:iam::111122223333:role/r${i}`, file: `iam/r${i}.json`, line: i + 1 }),
    )
    const principals = many.map((f) => ({ arn: f.principal, files: [f.file] }))
    for (let maxLength = 6_000; maxLength < 9_000; maxLength += 37) {
      const lines = renderSummary(buildReport(input(many, { principals })), { maxLength }).split('\n')
      lines.forEach((line, i) => {
        if (line.startsWith('### ')) expect(lines[i + 2], `${maxLength}: ${line}`).toMatch(/^#### /)
        if (line.startsWith('#### ')) expect(lines[i + 4], `${maxLength}: ${line}`).toMatch(/^\| 🟨/)
      })
    }
  })

  it('keeps room for findings in a comment on a thousand principals, and folds the job ids away', () => {
    const usage = new Map(
      Array.from({ length: 1_000 }, (_, i) => {
        const arn = `arn:aws:iam::111122223333:role/app-${i}`
        const record = {
          ...staticUsage(arn),
          status: 'checked' as const,
          jobId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          window: { start: '2026-10-25T00:00:00Z', end: '2026-11-24T00:00:00Z' },
          isComplete: true,
        }
        return [arn, record] as const
      }),
    )
    const principals = [...usage.values()].map((u, i) => ({ ...u, files: [`iam/app-${i}.json`] }))
    const findings = [finding({ principal: principals[999]?.arn as string })]
    const md = renderSummary(buildReport(input(findings, { principals, usage })), {
      maxLength: 65_000,
      overflowPointer: 'the job summary',
    })
    expect(md.length).toBeLessThanOrEqual(65_000)
    const rows = md.split('\n').filter((l) => l.startsWith('| `arn'))
    expect(rows.length).toBeGreaterThan(50)
    expect(md).toContain(`| … ${1_000 - rows.length} more |  |  |  | in the job summary |`)
    expect(md).toContain('IAM Access Analyzer policy generation jobs: 1000, in the job summary.')
    expect(md).toContain('| 🟨 medium |') // the finding of the last principal still shows
    // The job summary has room for all of it, the job ids folded under the table.
    const summary = renderSummary(buildReport(input(findings, { principals, usage })))
    expect(summary.split('\n').filter((l) => l.startsWith('| `arn'))).toHaveLength(1_000)
    expect(summary).toContain('<details><summary>IAM Access Analyzer policy generation jobs (1000)</summary>')
    expect(summary).toContain(
      `- ${codeSpan(principals[0]?.arn as string)}: ${codeSpan(principals[0]?.jobId as string)}`,
    )
  })
})

describe('suggested diffs in the summary', () => {
  it('fences a diff with more backticks than it contains, so policy text cannot close the block', () => {
    const diff = '--- a\n+++ b\n@@ -1 +1 @@\n-"Sid": "x```y"\n+"Sid": "x````y"\n'
    const report = buildReport({
      ...input([]),
      analysis: {
        findings: [],
        accepted: [],
        notObservable: [],
        suggestions: [{ file: 'iam/a.json', text: '{}', diff, source: null, line: 1 }],
      },
    })
    const md = renderSummary(report)
    expect(md).toContain('`````diff\n--- a')
    expect(md).toContain('x````y"\n`````\n')
  })
})

describe('toAnnotations', () => {
  it('makes findings that fail the run errors, the rest warnings or notices, on their file and line', () => {
    const { annotations, omitted } = toAnnotations(
      [
        finding({ severity: 'critical', kind: 'privilege-escalation', suggestion: 'arn:aws:iam::1:role/x' }),
        finding({ severity: 'medium' }),
        finding({ severity: 'low', kind: 'incomplete-usage' }),
      ],
      'high',
    )
    expect(annotations.map((a) => [a.level, a.file, a.line, a.column, a.title])).toEqual([
      ['error', 'iam/app.json', 7, 19, 'privilege-escalation (critical): role/app'],
      ['warning', 'iam/app.json', 7, 19, 'wildcard-resource (medium): role/app'],
      ['notice', 'iam/app.json', 7, 19, 'incomplete-usage (low): role/app'],
    ])
    expect(annotations[0]?.message).toBe('Resource "*" on dynamodb:GetItem\nSuggested: arn:aws:iam::1:role/x')
    expect(omitted).toBe(0)
  })

  // An env-agnostic CDK stack (Asilomare/CDK-OAuth-Cognito-APIGateway): its roles are in `${AWS::AccountId}`.
  it("names the principal after the ARN's fields, whose placeholders hold colons of their own", () => {
    const { annotations } = toAnnotations(
      [finding({ principal: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${HandlerServiceRole}' })],
      'high',
    )
    expect(annotations.map((a) => a.title)).toEqual([
      'wildcard-resource (medium): role/${HandlerServiceRole}',
    ])
    expect(accountOf('arn:aws:iam::${AWS::AccountId}:role/x')).toBe('${AWS::AccountId}')
    expect(accountOf('arn:aws:iam::111122223333:role/a:b')).toBe('111122223333')
    expect(accountOf('arn:aws:s3:::bucket/${aws:username}/*')).toBe('')
    // A managed policy of such a stack is one too: told by the resource, not by a pattern of the fields.
    expect(isPolicyArn('arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/${SenderPolicy}')).toBe(true)
    expect(isPolicyArn('arn:aws:iam::111122223333:policy/ci/deploy')).toBe(true)
    expect(isPolicyArn('arn:aws:iam::111122223333:role/policy/x')).toBe(false)
    expect(isPolicyArn('arn:aws:s3:::policy/x')).toBe(false)
    // A group likewise: one rule reads what an ARN names.
    expect(isGroupArn('arn:${AWS::Partition}:iam::${AWS::AccountId}:group/ops')).toBe(true)
    expect(isGroupArn('arn:aws:iam::111122223333:role/group/x')).toBe(false)
  })

  it("heads a CDK app's principal with its construct path: its ARN is a placeholder until deployed", () => {
    const arn = 'arn:aws:iam::111122223333:role/${HandlerServiceRole2B3C4D5E}'
    const report = buildReport(
      input([finding({ principal: arn, file: 'cdk.out/ApiStack.template.json' })], {
        principals: [
          {
            arn,
            files: ['cdk.out/ApiStack.template.json'],
            source: {
              kind: 'cloudformation',
              template: 'cdk.out/ApiStack.template.json',
              logicalId: 'HandlerServiceRole2B3C4D5E',
              cdkPath: 'ApiStack/Handler/ServiceRole/Resource',
              file: 'cdk.out/ApiStack.template.json',
              line: 4,
            },
          },
          { arn: CLEAN, files: ['iam/clean.json'] },
        ],
      }),
    )
    expect(renderText(report, { color: false })).toContain(
      `${arn}  static checks\n  construct: ApiStack/Handler/ServiceRole/Resource\n`,
    )
    expect(renderSummary(report)).toContain(`### \`${arn}\` · \`ApiStack/Handler/ServiceRole/Resource\`\n`)
    // And in the summary's table of principals.
    expect(renderSummary(report)).toContain(`| \`${arn}\`<br>\`ApiStack/Handler/ServiceRole/Resource\` | `)
    // Any other principal: its ARN alone.
    expect(renderText(report, { color: false })).toContain(`${CLEAN}  static checks\n  no findings`)
    expect(renderSummary(report)).toContain(`| \`${CLEAN}\` | `)
  })

  it("heads each of two CDK stacks' roles of one placeholder ARN with its own construct path", () => {
    const arn = 'arn:aws:iam::111122223333:role/${HandlerServiceRole2B3C4D5E}'
    const role = (stack: string) => ({
      arn,
      files: [`cdk.out/${stack}.template.json`],
      source: {
        kind: 'cloudformation' as const,
        template: `cdk.out/${stack}.template.json`,
        logicalId: 'HandlerServiceRole2B3C4D5E',
        cdkPath: `${stack}/Handler/ServiceRole/Resource`,
        file: `cdk.out/${stack}.template.json`,
        line: 4,
      },
    })
    const report = buildReport(
      input(
        [
          finding({ principal: arn, file: 'cdk.out/ApiStack.template.json', line: 9 }),
          finding({ principal: arn, file: 'cdk.out/JobsStack.template.json', line: 12 }),
        ],
        { principals: [role('ApiStack'), role('JobsStack')] },
      ),
    )
    const md = renderSummary(report)
    const api = md.indexOf(`### \`${arn}\` · \`ApiStack/Handler/ServiceRole/Resource\`\n`)
    const jobs = md.indexOf(`### \`${arn}\` · \`JobsStack/Handler/ServiceRole/Resource\`\n`)
    expect(api).toBeGreaterThan(0)
    expect(jobs).toBeGreaterThan(api)
    // Each heading over its own stack's findings only.
    expect(md.slice(api, jobs)).toContain('cdk.out/ApiStack.template.json')
    expect(md.slice(api, jobs)).not.toContain('cdk.out/JobsStack.template.json')
    expect(md.slice(jobs)).toContain('cdk.out/JobsStack.template.json')
  })

  // cloudposse/terraform-aws-components: a hundred roots' `aws_iam_role.default[0]`, each named only after
  // apply. One placeholder ARN, several roles: each is told by where its code is.
  it('heads a Terraform principal named only after apply with where its code defines it', () => {
    const arn = 'arn:aws:iam::111122223333:role/${aws_iam_role.default[0].name}'
    const role = (root: string) => ({
      arn,
      files: [`${root}/iam.tf`],
      source: {
        kind: 'terraform' as const,
        address: 'aws_iam_role.default[0]',
        file: `${root}/iam.tf`,
        line: 12,
        from: 'code' as const,
      },
    })
    const named = {
      arn: 'arn:aws:iam::111122223333:role/deployer',
      files: ['infra/iam.tf'],
      source: { ...role('infra').source, address: 'aws_iam_role.deployer' },
    }
    const report = buildReport(
      input(
        [
          finding({ principal: arn, file: 'bastion/iam.tf', line: 30 }),
          finding({ principal: arn, file: 'ssosync/iam.tf', line: 33 }),
          // A report with no file for it (a shard's, before unresolved policies' files were listed): by its code's file.
          finding({
            principal: arn,
            kind: 'unresolved-policy',
            severity: 'low',
            file: 'dns/iam.tf',
            line: 40,
          }),
        ],
        { principals: [role('bastion'), role('ssosync'), { ...role('dns'), files: [] }, named] },
      ),
    )
    const md = renderSummary(report)
    expect(md).toContain(`| \`${arn}\`<br>\`bastion/iam.tf:12\` | `)
    expect(md).toContain(`| \`${arn}\`<br>\`ssosync/iam.tf:12\` | `)
    const bastion = md.indexOf(`### \`${arn}\` · \`bastion/iam.tf:12\`\n`)
    const ssosync = md.indexOf(`### \`${arn}\` · \`ssosync/iam.tf:12\`\n`)
    expect(bastion).toBeGreaterThan(0)
    expect(ssosync).toBeGreaterThan(bastion)
    expect(md.indexOf(`### \`${arn}\` · \`dns/iam.tf:12\`\n`)).toBeGreaterThan(ssosync)
    expect(renderText(report, { color: false })).toContain(
      `${arn}  static checks\n  defined at: ssosync/iam.tf:12\n`,
    )
    // A role whose name the code gives: its ARN alone.
    expect(md).toContain(`| \`${named.arn}\` | `)
  })

  // terraform-aws-modules' lambda: two examples call the module, each for a role named
  // `${random_pet.this.id}-lambda-in-vpc`, both written at the module's iam.tf:94. The call tells them apart.
  it("heads a module's role named only after apply with the call's address, beside where its code is", () => {
    const arn = 'arn:aws:iam::111122223333:role/${random_pet.this.id}-lambda-in-vpc'
    const role = (call: string) => ({
      arn,
      files: ['iam.tf'],
      source: {
        kind: 'terraform' as const,
        address: `module.${call}.aws_iam_role.lambda[0]`,
        file: 'iam.tf',
        line: 94,
        from: 'code' as const,
      },
    })
    const report = buildReport(input([], { principals: [role('in_vpc'), role('with_efs')] }))
    const md = renderSummary(report)
    for (const call of ['in_vpc', 'with_efs'])
      expect(md).toContain(`| \`${arn}\`<br>\`module.${call}.aws_iam_role.lambda[0] (iam.tf:94)\` | `)
  })

  // envs/dev and envs/prod each make role/app, in accounts the code does not say: two roles of one ARN.
  it('heads a role of an account not known with the root that makes it', () => {
    const arn = 'arn:aws:iam::<account>:role/app'
    const role = (env: string) => ({
      arn,
      files: [`envs/${env}/main.tf`],
      source: {
        kind: 'terraform' as const,
        address: 'aws_iam_role.app',
        file: `envs/${env}/main.tf`,
        line: 1,
        from: 'code' as const,
      },
    })
    const report = buildReport(input([], { principals: [role('dev'), role('prod')] }))
    const md = renderSummary(report)
    for (const env of ['dev', 'prod']) expect(md).toContain(`| \`${arn}\`<br>\`envs/${env}/main.tf:1\` | `)
  })

  // checkov's tests hold four templates that each define MySageMakerRole, read without `account:`: four
  // principals headed `arn:aws:iam::${AWS::AccountId}:role/${MySageMakerRole}`, told apart only by where.
  it("heads a template's role of a placeholder ARN with where the template defines it", () => {
    const role = (arn: string, template: string, line: number) => ({
      arn,
      files: [template],
      source: { kind: 'cloudformation' as const, template, logicalId: 'Role', file: template, line },
    })
    const unnamed = 'arn:aws:iam::${AWS::AccountId}:role/${Role}'
    const named = 'arn:aws:iam::111122223333:role/app'
    const report = buildReport(
      input([], {
        principals: [
          role(unnamed, 'stacks/a.yml', 4),
          role(unnamed, 'stacks/b.yml', 9),
          role(named, 'stacks/c.yml', 2),
        ],
      }),
    )
    const md = renderSummary(report)
    expect(md).toContain(`| \`${unnamed}\`<br>\`stacks/a.yml:4\` | `)
    expect(md).toContain(`| \`${unnamed}\`<br>\`stacks/b.yml:9\` | `)
    expect(renderText(report, { color: false })).toContain(
      `${unnamed}  static checks\n  defined at: stacks/b.yml:9\n`,
    )
    // A role whose ARN is whole is one principal wherever it is written: its ARN alone.
    expect(md).toContain(`| \`${named}\` | `)
  })

  it("lists as a principal's files those of its policies that could not be resolved, after the others", () => {
    const policy = policyOf('infra/iam.tf', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })
    const unresolved = (file: string) => ({
      address: 'aws_iam_role_policy.x',
      file,
      line: 3,
      column: 1,
      reason: 'known after apply',
    })
    expect(
      filesOf({
        arn: 'arn:aws:iam::111122223333:role/${aws_iam_role.x.name}',
        policies: [policy],
        unresolved: [unresolved('infra/attach.tf'), unresolved('infra/iam.tf')],
      }),
    ).toEqual(['infra/iam.tf', 'infra/attach.tf'])
  })

  // A boundary takes away from what the policies grant, so findings go with it: the reader is told it is there.
  it("names a principal's permissions boundary and where it is written, in the report, the summary and the text", () => {
    const policy = policyOf('infra/iam.tf', { Effect: 'Allow', Action: 's3:*', Resource: '*' })
    const written = policyOf('infra/boundary.json', { Effect: 'Allow', Action: 's3:Get*', Resource: '*' })
    const managed = {
      ...policyOf('infra/iam.tf', { Effect: 'Allow', Action: '*', Resource: '*' }),
      source: {
        kind: 'aws-managed-policy' as const,
        arn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
        document: 'snapshot' as const,
        version: '0.0.656',
      },
    }
    const [a = null, b = null, c = null] = [written, managed, null].map((boundary) =>
      boundaryPlaceOf({ arn: ROLE, policies: [policy], boundary }),
    )
    const places = [a, b, c]
    expect(places).toEqual([
      { file: 'infra/boundary.json', line: 4, arn: null },
      { file: 'infra/iam.tf', line: 4, arn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess' },
      null,
    ])
    const report = buildReport(
      input([], {
        principals: [
          { arn: ROLE, files: ['infra/iam.tf'], boundary: a },
          { arn: CLEAN, files: ['infra/iam.tf'], boundary: b },
          { arn: `${CLEAN}-2`, files: ['infra/iam.tf'], boundary: c },
        ],
      }),
    )
    expect(report.principals.map((p) => p.boundary)).toEqual(places)
    const summary = renderSummary(report)
    expect(summary).toContain(
      `${codeSpan('infra/iam.tf')}<br>boundary: ${codeSpan('infra/boundary.json:4')} |`,
    )
    expect(summary).toContain(
      `boundary: ${codeSpan('policy/job-function/ViewOnlyAccess (infra/iam.tf:4)')} |`,
    )
    expect(summary.match(/boundary:/g)).toHaveLength(2)
    const text = renderText(report, { color: false })
    expect(text).toContain(`${ROLE}  static checks\n  permissions boundary: infra/boundary.json:4\n`)
    expect(text).toContain('permissions boundary: policy/job-function/ViewOnlyAccess (infra/iam.tf:4)')
  })

  it('names the AWS managed policy a finding is in, and its construct, wherever the finding is shown', () => {
    // A line that attaches several AWS managed policies: which one grants it, and that AWS writes it.
    const managed = finding({
      source: {
        kind: 'aws-managed-policy',
        arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
        address: 'HandlerServiceRole',
        cdkPath: 'ApiStack/Handler/ServiceRole/Resource',
        document: 'snapshot',
        version: '0.0.656 (2026-08-26)',
      },
    })
    const note =
      "AWS managed policy service-role/AWSLambdaBasicExecutionRole, in the action's snapshot 0.0.656 (2026-08-26); AWS writes it, so to narrow it, attach a policy of your own instead"
    const report = buildReport(input([managed]))
    expect(renderText(report, { color: false })).toContain(`      policy: ${note}\n`)
    expect(renderText(report, { color: false })).toContain(
      '      construct: ApiStack/Handler/ServiceRole/Resource\n',
    )
    expect(renderSummary(report)).toContain(
      `<br>Construct: \`ApiStack/Handler/ServiceRole/Resource\`<br>Policy: ${note}`,
    )
    expect(toAnnotations([managed], 'medium').annotations[0]?.message).toBe(
      `Resource "*" on dynamodb:GetItem\nConstruct: ApiStack/Handler/ServiceRole/Resource\nPolicy: ${note}`,
    )
    const sarif = toSarif(report, { version: '1.0.0', informationUri: 'https://example.com' }) as {
      runs: { results: { message: { text: string } }[] }[]
    }
    expect(sarif.runs[0]?.results[0]?.message.text).toBe(
      // Named: code scanning shows this message, not the location's.
      `role/app: Resource "*" on dynamodb:GetItem Construct: ApiStack/Handler/ServiceRole/Resource. Policy: ${note}.`,
    )
    // Read from IAM in AWS mode: the version it has now.
    const current = finding({
      source: {
        kind: 'aws-managed-policy',
        arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        document: 'current',
        version: 'v128',
      },
    })
    expect(renderText(buildReport(input([current])), { color: false })).toContain(
      '      policy: AWS managed policy ReadOnlyAccess, version v128 read from IAM; AWS writes it',
    )
    // A policy file of the repository's own: nothing to say.
    expect(renderText(buildReport(input([finding({})])), { color: false })).not.toContain('policy:')
  })

  // A group's policy is every member's: four users, one statement, one problem.
  it('makes one annotation of findings that say the same at one place, naming their principals', () => {
    const user = (name: string) => `arn:aws:iam::111122223333:user/${name}`
    const users = ['alice', 'bob', 'carol', 'dave'].map(user)
    const findings = [
      ...users.map((principal) => finding({ principal, severity: 'critical', kind: 'privilege-escalation' })),
      ...users.map((principal) => finding({ principal })),
      // Another line, or another message at the same line: annotations of their own.
      finding({ principal: user('alice'), line: 8 }),
      finding({ principal: user('bob'), message: 'Resource "*" on dynamodb:PutItem' }),
      // and the same other message again: with that one.
      finding({ principal: user('carol'), message: 'Resource "*" on dynamodb:PutItem' }),
    ]
    const { annotations, omitted } = toAnnotations(findings, 'high')
    expect(annotations.map((a) => [a.level, a.line, a.title])).toEqual([
      ['error', 7, 'privilege-escalation (critical): user/alice, user/bob and 2 more'],
      ['warning', 7, 'wildcard-resource (medium): user/alice, user/bob and 2 more'],
      ['warning', 8, 'wildcard-resource (medium): user/alice'],
      ['warning', 7, 'wildcard-resource (medium): user/bob, user/carol'],
    ])
    expect(annotations[3]?.message).toBe('Resource "*" on dynamodb:PutItem')
    expect(omitted).toBe(0)
    // Three principals are named as they are; one principal's finding twice is named once.
    const three = toAnnotations([...findings.slice(0, 3), findings[0] as Finding], 'high').annotations
    expect(three.map((a) => a.title)).toEqual([
      'privilege-escalation (critical): user/alice, user/bob, user/carol',
    ])
  })

  it('fills the places of a level with different problems, not with copies of one', () => {
    const findings = Array.from({ length: 12 }, (_, line) =>
      Array.from({ length: 5 }, (_, i) => finding({ line, principal: `${ROLE}-${i}` })),
    ).flat()
    const { annotations, omitted } = toAnnotations(findings, 'high')
    expect(annotations.map((a) => a.line)).toEqual(Array.from({ length: 10 }, (_, line) => line))
    // The two lines left out, for each of their five principals.
    expect(omitted).toBe(10)
  })

  it('keeps the 10 most severe of each level, in report order, and counts the rest', () => {
    const findings = [
      ...Array.from({ length: 12 }, (_, i) => finding({ line: 100 + i })),
      ...Array.from({ length: 11 }, (_, i) => finding({ line: 200 + i, severity: 'critical' })),
      finding({ line: 1, severity: 'high' }),
    ]
    const { annotations, omitted } = toAnnotations(findings, 'high')
    // The critical ones fill the 10 error places; the high one is left out.
    expect(annotations.filter((a) => a.level === 'error').map((a) => a.line)).toEqual(
      Array.from({ length: 10 }, (_, i) => 200 + i),
    )
    expect(annotations.filter((a) => a.level === 'warning')).toHaveLength(10)
    expect(omitted).toBe(4)
  })

  it('keeps only as many of a level as there is room left for in the step', () => {
    const findings = Array.from({ length: 6 }, (_, i) => finding({ line: 100 + i }))
    const { annotations, omitted } = toAnnotations(findings, 'high', 'all', {
      error: 10,
      warning: 4,
      notice: 0,
    })
    expect(annotations.map((a) => a.line)).toEqual([100, 101, 102, 103])
    expect(omitted).toBe(2)
  })

  it('never leaves a whole kind out: one of each kind first, then the most severe', () => {
    const findings = [
      ...Array.from({ length: 15 }, (_, i) => finding({ line: 100 + i, severity: 'critical' })),
      finding({ line: 1, severity: 'medium', kind: 'would-break' }),
    ]
    const { annotations, omitted } = toAnnotations(findings, 'medium')
    const errors = annotations.filter((a) => a.level === 'error')
    expect(errors).toHaveLength(10)
    expect(errors.map((a) => a.line)).toContain(1)
    expect(omitted).toBe(6)
  })

  it('on a pull request with fail-on-scope new, makes what the base has too a warning that says so', () => {
    const findings = [
      ...Array.from({ length: 12 }, (_, i) =>
        finding({ line: 100 + i, severity: 'high', scope: 'existing' }),
      ),
      finding({ line: 1, severity: 'high', scope: 'new' }),
      finding({ line: 2, severity: 'medium', scope: 'new' }),
    ]
    const { annotations, omitted } = toAnnotations(findings, 'high', 'new')
    expect(annotations.map((a) => [a.level, a.line, a.title.endsWith('(existing)')])).toEqual([
      // The existing ones count as warnings and fill their 10 places before the less severe medium one.
      ...Array.from({ length: 10 }, (_, i) => ['warning', 100 + i, true]),
      ['error', 1, false],
    ])
    expect(omitted).toBe(3)
    // With fail-on-scope all, the same findings fail as they are.
    const all = toAnnotations(findings, 'high', 'all').annotations
    expect(all.filter((a) => a.level === 'error')).toHaveLength(10)
    expect(all.some((a) => a.title.endsWith('(existing)'))).toBe(false)
  })
})

describe('serializeReport', () => {
  it('adds actionCount, lists single-service actions in full and caps lists that span services', async () => {
    const { REPORT_ACTIONS_MAX, serializeReport } = await import('../../src/report/report.js')
    const ec2 = Array.from({ length: 800 }, (_, i) => `ec2:Action${i}`)
    const everything = [...ec2, 's3:GetObject']
    const json = JSON.parse(
      [
        ...serializeReport(buildReport(input([finding({ actions: ec2 }), finding({ actions: everything })]))),
      ].join(''),
    )
    expect(json.findings[0].actions).toEqual(ec2)
    expect(json.findings[0].actionCount).toBe(800)
    expect(json.findings[1].actions).toEqual(everything.slice(0, REPORT_ACTIONS_MAX))
    expect(json.findings[1].actionCount).toBe(801)
  })

  it('writes the same document as JSON.stringify, in pieces', async () => {
    const { serializeReport } = await import('../../src/report/report.js')
    const report = buildReport({
      ...input([finding({}), finding({ line: 9 })]),
      analysis: {
        findings: [finding({}), finding({ line: 9 })],
        accepted: [{ ...finding({}), reason: 'ok' }],
        notObservable: [],
        suggestions: [],
      },
    })
    const text = [...serializeReport(report)].join('')
    const withCount = (f: Finding) => ({ ...f, actionCount: f.actions.length })
    expect(JSON.parse(text)).toEqual(
      JSON.parse(
        JSON.stringify({
          ...report,
          findings: report.findings.map(withCount),
          accepted: report.accepted.map(withCount),
        }),
      ),
    )
    expect(text.endsWith(']}\n')).toBe(true)
    const empty = JSON.parse([...serializeReport(buildReport(input([])))].join(''))
    expect(empty).toMatchObject({ findings: [], accepted: [], verdict: 'pass' })
  })
})
