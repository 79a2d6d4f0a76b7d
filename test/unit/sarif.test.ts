import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildReport } from '../../src/report/report.js'
import { toSarif } from '../../src/report/sarif.js'
import { FINDING_KINDS, type Finding } from '../../src/vocabulary/findings.js'
import { ACTION_VERSION } from '../../src/vocabulary/version.js'
import { REPO_ROOT } from '../world/runner.js'
import { sarifValidator } from '../world/sarif-schema.js'

const ROLE = 'arn:aws:iam::111122223333:role/app'
const finding = (over: Partial<Finding>): Finding => ({
  kind: 'unused-action',
  severity: 'medium',
  principal: ROLE,
  file: 'iam/app.json',
  line: 12,
  column: 9,
  sid: 'Table',
  statementIndex: 1,
  actions: ['dynamodb:DeleteTable'],
  message: 'dynamodb:DeleteTable was not used in the CloudTrail window.',
  suggestion: null,
  condition: null,
  source: null,
  ...over,
})

function sarifOf(findings: Finding[]) {
  const report = buildReport({
    analysis: { findings, accepted: [], notObservable: [], suggestions: [] },
    principals: [{ arn: ROLE, files: ['iam/app.json'] }],
    usage: new Map(),
    failOn: 'high',
    catalog: { version: '0.21.202609261', date: '2026-09-26T04:46:59.905Z' },
    staticMode: null,
    now: new Date('2026-11-24T00:00:00Z'),
  })
  return toSarif(report, {
    version: ACTION_VERSION,
    informationUri: 'https://github.com/iam-policy-drift/iam-policy-drift',
  }) as {
    runs: { tool: { driver: { rules: { id: string }[] } }; results: Record<string, unknown>[] }[]
  }
}

describe('toSarif', () => {
  it('is a valid SARIF 2.1.0 log with one rule per finding kind and results at file and line', () => {
    const sarif = sarifOf([
      finding({}),
      finding({ kind: 'privilege-escalation', severity: 'critical', suggestion: 'arn:aws:iam::1:role/x' }),
    ])
    const validate = sarifValidator()
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true)
    const [run] = sarif.runs
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(Object.keys(FINDING_KINDS))
    expect(run?.results[0]).toMatchObject({
      ruleId: 'unused-action',
      level: 'warning',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'iam/app.json', uriBaseId: '%SRCROOT%' },
            region: { startLine: 12, startColumn: 9 },
          },
        },
      ],
    })
    expect(run?.results[1]).toMatchObject({ ruleId: 'privilege-escalation', level: 'error' })
    expect(run?.results[0]?.relatedLocations).toBeUndefined()
  })

  it('writes file paths as URI references: encoded where a path character is not one, decoded back to the path', () => {
    const paths = [
      'iam/app.json',
      'iam policies/équipe/a b.json',
      'infra/#legacy/main.tf',
      'stacks/what?.yml',
      'policies/100%.json',
      'policies/[draft].json',
      'c:/odd/name.json',
      'ok/a:b.json',
      'emoji/🔑.json',
    ]
    const sarif = sarifOf(paths.map((file, i) => finding({ file, policyFile: file, line: i + 1 })))
    interface At {
      physicalLocation: { artifactLocation: { uri: string } }
    }
    const results = (sarif.runs[0]?.results ?? []) as unknown as {
      locations: At[]
      relatedLocations?: At[]
    }[]
    const uris = results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri)
    expect(uris).toEqual([
      'iam/app.json',
      'iam%20policies/%C3%A9quipe/a%20b.json',
      'infra/%23legacy/main.tf',
      'stacks/what%3F.yml',
      'policies/100%25.json',
      'policies/%5Bdraft%5D.json',
      'c%3A/odd/name.json',
      'ok/a%3Ab.json',
      'emoji/%F0%9F%94%91.json',
    ])
    for (const [i, uri] of uris.entries()) {
      // A relative reference, resolved against the repository root: the file itself, no query or fragment.
      const url = new URL(uri as string, 'file:///repo/')
      expect([url.search, url.hash]).toEqual(['', ''])
      expect(decodeURIComponent(url.pathname)).toBe(`/repo/${paths[i]}`)
      expect(results[i]?.relatedLocations?.[0]?.physicalLocation.artifactLocation.uri).toBe(uri)
    }
  })

  it("names the policy's file as a related location when the finding stands in another (a module's caller)", () => {
    const sarif = sarifOf([
      finding({ file: 'infra/main.tf', line: 7, policyFile: 'infra/modules/app/main.tf', sid: null }),
    ])
    const validate = sarifValidator()
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true)
    expect(sarif.runs[0]?.results[0]).toMatchObject({
      locations: [
        { physicalLocation: { artifactLocation: { uri: 'infra/main.tf' }, region: { startLine: 7 } } },
      ],
      relatedLocations: [
        {
          id: 1,
          physicalLocation: {
            artifactLocation: { uri: 'infra/modules/app/main.tf', uriBaseId: '%SRCROOT%' },
          },
          message: { text: 'The policy this finding is about (its statement 2).' },
        },
      ],
    })
  })

  it('keeps within the 25,000 results code scanning accepts, the most severe first, and says so', () => {
    // Over the limit, code scanning rejects the whole file: none of the findings would show.
    const findings = Array.from({ length: 25_010 }, (_, i) =>
      finding({ line: i + 1, actions: [`dynamodb:Action${i}`] }),
    )
    findings[25_005] = finding({ kind: 'privilege-escalation', severity: 'critical', line: 25_006 })
    const sarif = sarifOf(findings) as unknown as {
      runs: {
        results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[]
        invocations: { toolExecutionNotifications: { level: string; message: { text: string } }[] }[]
      }[]
    }
    const validate = sarifValidator()
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
    const [run] = sarif.runs
    expect(run?.results).toHaveLength(25_000)
    // In report order, less the last medium ones: the critical one past the limit is kept.
    expect(run?.results.some((r) => r.ruleId === 'privilege-escalation')).toBe(true)
    expect(run?.results.at(-1)?.locations[0]?.physicalLocation.region.startLine).toBe(25_006)
    expect(run?.results.at(-2)?.locations[0]?.physicalLocation.region.startLine).toBe(24_999)
    expect(run?.invocations[0]?.toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: {
          text: '10 of 25,010 findings are left out (10 medium): code scanning takes 25,000 results a run. All are in the JSON report.',
        },
      },
    ])
  })

  it('keeps a finding’s fingerprint when only its line moves', () => {
    const at = (line: number) => sarifOf([finding({ line })]).runs[0]?.results[0]?.partialFingerprints
    expect(at(12)).toEqual(at(40))
    expect(
      sarifOf([finding({ actions: ['dynamodb:Scan'] })]).runs[0]?.results[0]?.partialFingerprints,
    ).not.toEqual(at(12))
  })
})

describe('ACTION_VERSION', () => {
  it('is the version in package.json', () => {
    expect(ACTION_VERSION).toBe(JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')).version)
  })
})
