// Fingerprints of findings across a base and a head revision: a line moved is the same finding, a
// statement changed is a new one, and two equal findings in the head against one in the base leave one new.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyse, findingsOf } from '../../src/analysis/analyse.js'
import { markScope, scopeAgainstBase } from '../../src/analysis/finding-scope.js'
import { loadCatalog } from '../../src/catalog/catalog.js'
import { changedPrincipals } from '../../src/main.js'
import { PolicyParses } from '../../src/sources/json-files.js'
import { loadWorkspace } from '../../src/sources/load-workspace.js'
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

  // ministryofjustice/modernisation-platform's pull request adding "codeconnections:*" to a statement of
  // 40 service wildcards: each of the other 39 findings was the base's too, and all 41 were called new.
  it('calls new only what an action added to a statement brings, not the findings of the actions it had', () => {
    const wide = {
      Sid: 'Compute',
      Effect: 'Allow',
      Action: ['acm:*', 'iam:PassRole', 'sqs:*'],
      Resource: '*',
    }
    const base = principal({ 'a.json': doc(wide) })
    const head = principal({
      'a.json': doc({ ...wide, Action: ['acm:*', 'codebuild:*', 'iam:PassRole', 'sqs:*'] }),
    })
    const findings = analyse([head], [], catalog).findings
    const result = markScope(findings, [head], analyse([base], [], catalog).findings, [base])
    expect(
      result.map(
        (f) =>
          `${f.scope} ${f.kind} ${f.actions.length > 3 ? f.actions[0]?.split(':')[0] : f.actions.join(' ')}`,
      ),
    ).toEqual([
      'existing wildcard-action acm',
      'new privilege-escalation codebuild:StartBuild codebuild:StartBuildBatch',
      'new wildcard-action codebuild',
      'existing privilege-escalation iam:PassRole',
      'existing wildcard-action sqs',
      // Resource "*" now on codebuild's actions too: the finding that lists them all is the pull request's.
      'new wildcard-resource acm',
    ])
    // It says what the pull request adds to it: the base's finding had the rest.
    const wider = result.find((f) => f.kind === 'wildcard-resource')
    const before = analyse([base], [], catalog).findings.find((f) => f.kind === 'wildcard-resource')
    const added = (wider?.actions ?? []).filter((a) => !before?.actions.includes(a))
    expect(added.length).toBeGreaterThan(5)
    expect(added.every((a) => a.startsWith('codebuild:'))).toBe(true)
    expect(wider?.message).toMatch(
      new RegExp(
        ` This pull request adds ${added.slice(0, 5).join(', ')}, … \\(${added.length - 5} more\\); ` +
          `the base revision has this finding for the other ${before?.actions.length} actions already\\.$`,
      ),
    )
    // A finding the base has nothing of is as it was.
    const wildcard = result.find((f) => f.kind === 'wildcard-action' && f.scope === 'new')
    expect(wildcard?.message).not.toContain('This pull request')
  })

  // terraform-aws-modules/terraform-aws-iam#573 split a statement in two and took elasticloadbalancing:AddTags
  // out of two others: its findings on fewer actions were new, and a pull request that narrows failed.
  it('calls nothing new when a statement is split, or an action taken out of it', () => {
    const tagged = { 'aws:RequestTag/elbv2.k8s.aws/cluster': 'false' }
    const groups = ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress']
    const lb = ['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup']
    const base = principal({
      'a.json': doc(
        { Effect: 'Allow', Action: [...groups, 'ec2:CreateSecurityGroup'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: ['elasticloadbalancing:AddTags', ...lb],
          Resource: '*',
          Condition: { Null: tagged },
        },
      ),
    })
    const head = principal({
      'a.json': doc(
        { Effect: 'Allow', Action: groups, Resource: '*' },
        { Effect: 'Allow', Action: ['ec2:CreateSecurityGroup'], Resource: '*' },
        { Effect: 'Allow', Action: lb, Resource: '*', Condition: { Null: tagged } },
      ),
    })
    const result = scoped(base, head)
    expect(result.length).toBeGreaterThan(2)
    expect(result.filter((s) => !s.startsWith('existing'))).toEqual([])
    // What is added beside them is still new.
    const more = principal({
      'a.json': doc(
        { Effect: 'Allow', Action: [...groups, 'ec2:DeleteSecurityGroup'], Resource: '*' },
        { Effect: 'Allow', Action: ['ec2:CreateSecurityGroup'], Resource: '*' },
        { Effect: 'Allow', Action: lb, Resource: '*', Condition: { Null: tagged } },
      ),
    })
    expect(scoped(base, more).filter((s) => s.startsWith('new'))).toEqual(['new wildcard-resource a.json:11'])
  })

  it('keeps the findings of a statement whose Sid is renamed as existing: IAM does not read it', () => {
    const base = principal({ 'a.json': doc(WILD) })
    const result = scoped(base, principal({ 'a.json': doc({ ...WILD, Sid: 'Queues' }) }))
    expect(result).toEqual(['existing wildcard-action a.json:7', 'existing wildcard-resource a.json:8'])
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

describe('markScope, a finding on a line of another file than its policy', () => {
  // A module's statement whose list the caller passes in: the finding stands in the caller's file, and
  // its statement is still the module's, which is what tells a finding moved from one changed.
  const revision = (caller: string) => {
    const root = mkdtempSync(join(tmpdir(), 'ipd-scope-tf-'))
    const files = {
      '.github/iam-policy-drift.yml': 'terraform:\n  - root: infra\n    account: "111122223333"\n',
      'infra/main.tf': caller,
      'infra/modules/deployer/main.tf': [
        'variable "actions" { type = list(string) }',
        'variable "resources" { type = list(string) }',
        'resource "aws_iam_role" "this" { name = "deployer" }',
        'resource "aws_iam_role_policy" "this" {',
        '  role   = aws_iam_role.this.id',
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = var.actions, Resource = var.resources }] })',
        '}',
      ].join('\n'),
    }
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true })
      writeFileSync(join(root, path), text)
    }
    return root
  }
  const call = (resources: string, above = '') =>
    `${above}module "deployer" {\n  source    = "./modules/deployer"\n  actions   = ["ec2:*"]\n  resources = ${resources}\n}\n`
  const scopedTf = async (base: string, head: string) => {
    const roots = [revision(base), revision(head)]
    try {
      const [b, h] = await Promise.all(
        roots.map(
          async (root) =>
            (await loadWorkspace(root, '.github/iam-policy-drift.yml')).workspace?.principals ?? [],
        ),
      )
      const findings = (p: readonly PrincipalPolicies[]) => analyse(p, [], catalog).findings
      return markScope(findings(h ?? []), h ?? [], findings(b ?? []), b ?? [])
        .filter((f) => f.kind === 'wildcard-action')
        .map((f) => `${f.scope} ${f.file}:${f.line} of ${f.policyFile}`)
    } finally {
      for (const root of roots) rmSync(root, { recursive: true, force: true })
    }
  }

  it('calls it existing when only its line moved, and new when its statement changed', async () => {
    const base = call('["arn:aws:ec2:us-east-1:111122223333:instance/*"]')
    expect(
      await scopedTf(base, call('["arn:aws:ec2:us-east-1:111122223333:instance/*"]', '# ops\n\n')),
    ).toEqual(['existing infra/main.tf:5 of infra/modules/deployer/main.tf'])
    expect(await scopedTf(base, call('["arn:aws:ec2:us-east-1:111122223333:volume/*"]'))).toEqual([
      'new infra/main.tf:3 of infra/modules/deployer/main.tf',
    ])
  })
})

describe('scopeAgainstBase', () => {
  // Statements to build principals from: findings of every static kind, and none.
  const POOL: object[] = [
    { Effect: 'Allow', Action: 'sqs:*', Resource: '*' },
    { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' },
    { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
    {
      Effect: 'Allow',
      Action: 'lambda:CreateFunction',
      Resource: 'arn:aws:lambda:us-east-1:111122223333:function:f',
    },
    { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket' },
    { Effect: 'Allow', Action: 'sqs:SendMessag', Resource: '*' },
    { Effect: 'Deny', Action: 'sqs:DeleteQueue', Resource: '*' },
  ]
  /** A small deterministic generator, so a failure names its seed. */
  const random = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed / 2 ** 31
  }
  const principalOf = (arn: string, file: string, statements: object[], top = ''): PrincipalPolicies => ({
    arn,
    policies: [parsed(file, `${top}${doc(...statements)}`)],
  })
  /** Base and head revisions of a few principals: some untouched, some edited, moved, added or removed. */
  const revisions = (next: () => number) => {
    const base: PrincipalPolicies[] = []
    const head: PrincipalPolicies[] = []
    for (let i = 0; i < 8; i++) {
      // Two principals of one ARN (unnamed roles of two templates) now and then.
      const arn = `arn:aws:iam::111122223333:role/r${next() < 0.15 ? 0 : i}`
      const statements = POOL.filter(() => next() < 0.4)
      if (statements.length === 0) statements.push(POOL[0] as object)
      const file = `p${i}.json`
      const edit = next()
      if (edit > 0.1) base.push(principalOf(arn, file, statements))
      if (edit < 0.2)
        head.push(principalOf(arn, file, [...statements, POOL[Math.floor(next() * POOL.length)] as object]))
      else if (edit < 0.3) head.push(principalOf(arn, file, statements, '\n\n'))
      else if (edit < 0.95) head.push(principalOf(arn, file, statements))
    }
    return { base, head }
  }

  it('scopes as if the base were checked whole, asking only for the principals the pull request changes', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const { base, head } = revisions(random(seed))
      const findings = analyse(head, [], catalog).findings
      const whole = markScope(findings, head, findingsOf(base, [], catalog), base)
      const asked: string[] = []
      const scoped = scopeAgainstBase(findings, head, base, (changed) => {
        asked.push(...changed.map((p) => p.arn))
        return findingsOf(changed, [], catalog)
      })
      expect(scoped, `seed ${seed}`).toEqual(whole)
      // Never a principal the head lacks, nor one the same in both revisions (its ARN used once).
      const heads = head.map((p) => p.arn)
      for (const arn of asked) expect(heads, `seed ${seed}`).toContain(arn)
      const same = head.filter(
        (p) =>
          heads.filter((a) => a === p.arn).length === 1 &&
          base.filter((b) => b.arn === p.arn).length === 1 &&
          JSON.stringify(base.find((b) => b.arn === p.arn)) === JSON.stringify(p),
      )
      for (const p of same) expect(asked, `seed ${seed}`).not.toContain(p.arn)
    }
  })

  // A pull request that detaches a policy from the only role here that had it: the policy is then a
  // principal of its own, which the base lacks. What it grants is the base's already: not new.
  it("takes a policy the pull request detached as the base's, its statements' findings as they were", () => {
    const policy = 'arn:aws:iam::111122223333:policy/shared'
    const added = { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }
    const base = [principalOf(ARN, 'shared.json', [WILD])]
    const head = [{ arn: ARN, policies: [] }, principalOf(policy, 'shared.json', [WILD, added])]
    const findings = analyse(head, [], catalog).findings
    const asked: string[] = []
    const scoped = scopeAgainstBase(findings, head, base, (changed) => {
      asked.push(...changed.map((p) => p.arn))
      return findingsOf(changed, [], catalog)
    })
    expect(asked).toEqual([ARN, policy])
    expect(scoped.every((f) => f.principal === policy)).toBe(true)
    // sqs:* on "*" was granted in the base (to the role); iam:PassRole is what the pull request adds.
    expect(
      scoped.map((f) => `${f.scope} ${f.kind} ${f.actions.includes('iam:PassRole') ? 'PassRole' : 'sqs'}`),
    ).toEqual([
      'existing wildcard-action sqs',
      'existing wildcard-resource sqs',
      'new privilege-escalation PassRole',
      'new wildcard-resource PassRole',
    ])
  })

  it('asks for nothing when the pull request changes no principal', () => {
    const base = [principalOf(ARN, 'a.json', [WILD])]
    const head = [principalOf(ARN, 'a.json', [WILD])]
    const findings = analyse(head, [], catalog).findings
    const asked: number[] = []
    const scoped = scopeAgainstBase(findings, head, base, (changed) => {
      asked.push(changed.length)
      return []
    })
    expect(asked).toEqual([0])
    expect(scoped.map((f) => f.scope)).toEqual(['existing', 'existing'])
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

  it("takes the base's very documents as unchanged, and one more or one fewer of them as a change", () => {
    const one = parsed('a.json', doc(WILD))
    const two = parsed('b.json', doc({ ...WILD, Action: 'sns:*' }))
    const principal = (arn: string, ...policies: PrincipalPolicies['policies']) => ({
      ...discovered(arn, {}),
      policies,
    })
    const [same, more, fewer] = ['same', 'more', 'fewer'].map((n) => `arn:aws:iam::111122223333:role/${n}`)
    const base = [
      principal(same as string, one),
      principal(more as string, one),
      principal(fewer as string, one, two),
    ]
    const head = [
      principal(same as string, one),
      principal(more as string, one, two),
      principal(fewer as string, one),
    ]
    expect([...changedPrincipals(head, base)].sort()).toEqual([fewer, more])
  })
})

describe('PolicyParses', () => {
  it("gives the base the head's document for a file the pull request leaves as it is, and parses the others", async () => {
    const config = 'principals:\n  - arn: arn:aws:iam::111122223333:role/app\n    policies: [iam/*.json]\n'
    const revision = (files: Record<string, string>) => {
      const root = mkdtempSync(join(tmpdir(), 'ipd-parses-'))
      for (const [path, text] of Object.entries({ '.github/iam-policy-drift.yml': config, ...files })) {
        mkdirSync(dirname(join(root, path)), { recursive: true })
        writeFileSync(join(root, path), text)
      }
      return root
    }
    const same = doc(WILD)
    const head = revision({ 'iam/a.json': same, 'iam/b.json': doc({ ...WILD, Action: 'sqs:SendMessage' }) })
    const base = revision({ 'iam/a.json': same, 'iam/b.json': doc(WILD) })
    try {
      const parses = new PolicyParses()
      const documents = async (root: string) =>
        (await loadWorkspace(root, '.github/iam-policy-drift.yml', { parses })).workspace?.principals[0]
          ?.policies ?? []
      const [headA, headB] = await documents(head)
      const [baseA, baseB] = await documents(base)
      expect(baseA).toBe(headA)
      expect(baseB).not.toBe(headB)
      expect(baseB?.statements[0]?.actions.map((a) => a.value)).toEqual(['sqs:*'])
      expect(headB?.statements[0]?.actions.map((a) => a.value)).toEqual(['sqs:SendMessage'])
    } finally {
      for (const root of [head, base]) rmSync(root, { recursive: true, force: true })
    }
  })

  it('keeps nothing when no base revision is read: each reading is its own', () => {
    const text = doc(WILD)
    const once = new PolicyParses(false)
    const first = once.parse('iam/a.json', text)
    expect(first.policy?.statements[0]?.actions.map((a) => a.value)).toEqual(['sqs:*'])
    expect(once.parse('iam/a.json', text)).not.toBe(first)
    const kept = new PolicyParses(true)
    expect(kept.parse('iam/a.json', text)).toBe(kept.parse('iam/a.json', text))
  })

  it("gives the base the head's config when the pull request leaves the config file as it is", async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipd-parses-'))
    const configPath = '.github/iam-policy-drift.yml'
    const write = (text: string) => {
      mkdirSync(join(root, '.github'), { recursive: true })
      writeFileSync(join(root, configPath), text)
      writeFileSync(join(root, 'a.json'), doc(WILD))
    }
    const entry = '  - arn: arn:aws:iam::111122223333:role/app\n    policies: [a.json]\n'
    try {
      const parses = new PolicyParses()
      const config = async () => (await loadWorkspace(root, configPath, { parses })).workspace?.config
      write(`principals:\n${entry}`)
      const head = await config()
      expect(head?.principals).toHaveLength(1)
      expect(await config()).toBe(head)
      // Another text at the same path is read again.
      write(`principals:\n${entry}ignore:\n  - action: s3:*\n    reason: a shared bucket\n`)
      const changed = await config()
      expect(changed).not.toBe(head)
      expect(changed?.ignore).toHaveLength(1)
      // Without the run's parses, each load reads its own.
      expect((await loadWorkspace(root, configPath)).workspace?.config).not.toBe(changed)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
