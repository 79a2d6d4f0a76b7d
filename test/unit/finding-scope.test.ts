// Fingerprints of findings across a base and a head revision: a line moved is the same finding, a
// statement changed is a new one, and two equal findings in the head against one in the base leave one new.
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/analysis/analyse.js'
import { markScope } from '../../src/analysis/finding-scope.js'
import { loadCatalog } from '../../src/catalog/catalog.js'
import { changedPrincipals } from '../../src/main.js'
import type { DiscoveredPrincipal } from '../../src/sources/policy-source.js'
import type { PrincipalPolicies } from '../../src/vocabulary/policy.js'
import { parsed } from '../world/policies.js'

const catalog = loadCatalog()
const ARN = 'arn:aws:iam::111122223333:role/app'
const doc = (...statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)
const principal = (files: Record<string, string>): PrincipalPolicies => ({
  arn: ARN,
  policies: Object.entries(files).map(([f, t]) => parsed(f, t)),
})
const scoped = (base: PrincipalPolicies, head: PrincipalPolicies) =>
  markScope(analyse([head], [], catalog).findings, [head], analyse([base], [], catalog).findings, [base]).map(
    (f) => `${f.scope} ${f.kind} ${f.file}:${f.line}`,
  )

const WILD = { Sid: 'Wild', Effect: 'Allow', Action: 'sqs:*', Resource: '*' }

describe('markScope', () => {
  it('keeps a finding whose statement moved down as existing, and calls one in a changed statement new', () => {
    const base = principal({ 'a.json': doc(WILD) })
    const guard = {
      Effect: 'Deny',
      Action: 'sqs:DeleteQueue',
      Resource: 'arn:aws:sqs:us-east-1:111122223333:q',
    }
    const moved = scoped(base, principal({ 'a.json': doc(guard, WILD) }))
    expect(moved).toEqual(['existing wildcard-action a.json:12', 'existing wildcard-resource a.json:13'])
    const changed = principal({
      'a.json': doc({ ...WILD, Resource: ['*', 'arn:aws:sqs:us-east-1:111122223333:q'] }),
    })
    expect(scoped(base, changed).every((s) => s.startsWith('new'))).toBe(true)
  })

  it('counts equal findings: a second copy of a statement in another file is new', () => {
    const base = principal({ 'a.json': doc(WILD) })
    const head = principal({ 'a.json': doc(WILD), 'b.json': doc(WILD) })
    const result = scoped(base, head)
    expect(result.filter((s) => s.startsWith('existing')).every((s) => s.includes('a.json'))).toBe(true)
    expect(result.filter((s) => s.startsWith('new')).every((s) => s.includes('b.json'))).toBe(true)
    expect(result.some((s) => s.startsWith('new'))).toBe(true)
  })
})

describe('changedPrincipals', () => {
  const discovered = (arn: string, files: Record<string, string>): DiscoveredPrincipal => ({
    arn,
    policies: Object.entries(files).map(([f, t]) => parsed(f, t)),
    source: { kind: 'config' } as DiscoveredPrincipal['source'],
    boundary: null,
    lifecycle: 'exists',
  })
  it('names what a pull request changes: a statement edited or a principal added, not one that only moved', () => {
    const other = 'arn:aws:iam::111122223333:role/other'
    const added = 'arn:aws:iam::111122223333:role/added'
    const base = [discovered(ARN, { 'a.json': doc(WILD) }), discovered(other, { 'b.json': doc(WILD) })]
    const head = [
      // The same statement, further down the file: unchanged.
      discovered(ARN, { 'a.json': `\n\n${doc(WILD)}` }),
      discovered(other, { 'b.json': doc({ ...WILD, Action: 'sqs:SendMessage' }) }),
      discovered(added, { 'c.json': doc(WILD) }),
    ]
    expect([...changedPrincipals(head, base)].sort()).toEqual([added, other])
  })
})
