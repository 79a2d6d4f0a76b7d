// The static checks on AWS's own managed policies (the snapshot built into the action): every action
// they name that the catalog does not know is an unknown-action finding, and a "did you mean" is given
// only when it names an action that exists and that a person would take for the one meant.
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/analysis/analyse.js'
import { loadCatalog } from '../../src/catalog/catalog.js'
import { loadManagedPolicies } from '../../src/catalog/managed-policies.js'
import { parsePolicy } from '../../src/policy/parse-policy.js'
import type { Finding } from '../../src/vocabulary/findings.js'

const catalog = loadCatalog()
const snapshot = await loadManagedPolicies()

function unknownActions(): Finding[] {
  const out: Finding[] = []
  for (const arn of snapshot.arns) {
    const { policy } = parsePolicy(`${arn}.json`, snapshot.document(arn) as string)
    if (!policy) continue
    const { findings } = analyse(
      [{ arn: 'arn:aws:iam::111122223333:role/r', policies: [policy] }],
      [],
      catalog,
    )
    out.push(...findings.filter((f) => f.kind === 'unknown-action'))
  }
  return out
}

describe("unknown actions in AWS's managed policies", () => {
  const findings = unknownActions()

  it('suggests only actions that exist, in the same service or, for a service not in the catalog, the same action', () => {
    expect(snapshot.arns.length).toBeGreaterThan(1000)
    // 148 on the snapshot of this writing; none of them is a typo a letter or two off.
    expect(findings.length).toBeGreaterThan(50)
    for (const f of findings) {
      if (!f.suggestion) continue
      const [written = ''] = f.actions
      const [service = '', action = ''] = written.split(':')
      const [suggestedService = '', suggestedAction = ''] = f.suggestion.split(':')
      expect({ written, exists: catalog.expand(f.suggestion).length > 0 }).toEqual({ written, exists: true })
      if (!catalog.hasService(service))
        expect({ written, same: suggestedAction.toLowerCase() }).toEqual({
          written,
          same: action.toLowerCase(),
        })
      else expect({ written, service: suggestedService }).toEqual({ written, service })
    }
  })

  it('still suggests what a typo meant: a letter or two off, or a misspelt service with the same action', () => {
    const typos = {
      's3:GetObjekt': 's3:GetObject',
      's3:ListBuckets': 's3:ListBucket or s3:ListAllMyBuckets',
      'ec2:DescribeInstance': 'ec2:DescribeInstances',
      'dynamodb:GetItems': 'dynamodb:GetItem',
      'lamda:InvokeFunction': 'lambda:InvokeFunction',
      'cloudwatc:PutMetricData': 'cloudwatch:PutMetricData',
    }
    const { policy } = parsePolicy(
      'typos.json',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: Object.keys(typos), Resource: '*' }],
      }),
    )
    const { findings: found } = analyse(
      [{ arn: 'arn:aws:iam::111122223333:role/r', policies: policy ? [policy] : [] }],
      [],
      catalog,
    )
    const suggested = Object.fromEntries(
      found.filter((f) => f.kind === 'unknown-action').map((f) => [f.actions[0], f.suggestion]),
    )
    expect(suggested).toEqual(typos)
  })

  it('says a service the catalog lacks may be retired, and gives no far-fetched "did you mean"', () => {
    const of = (action: string) => findings.find((f) => f.actions[0] === action)
    const deeplens = findings.find((f) => f.actions[0]?.startsWith('deeplens:'))
    expect(deeplens?.message).toMatch(
      /has no service "deeplens": retired, misspelt, or newer than the catalog/,
    )
    expect(deeplens?.suggestion ?? null).toBeNull()
    expect(of('catalog-admin:DescribeConstraints')?.suggestion ?? null).toBeNull()
    for (const f of findings.filter((f) => f.actions[0]?.startsWith('cloudhsm:GetConfig')))
      expect(f.suggestion).not.toBe('cloudhsm:DeleteHsm')
  })
})
