// Two projects that build vulnerable IAM on purpose, as oracles for the escalation checks.
//
// DataDog's pathfinding-labs: each of its scenarios
// (test/fixtures/pathfinding-labs, Apache-2.0, with its source) is Terraform that deploys a principal
// able to escalate to an administrator by one path of pathfinding.cloud. Read from the code, as a user's
// repository is read, every scenario's starting principal must get a privilege-escalation finding,
// except where its path acts on one named role, user or function: escalation is judged where an action
// is granted on every resource of its type or on the principal's own (SPEC: "granted on Resource: *").
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/analysis/analyse.js'
import { loadCatalog } from '../../src/catalog/catalog.js'
import { terraformSource } from '../../src/sources/terraform/terraform-source.js'

const DIR = join(import.meta.dirname, '..', 'fixtures', 'pathfinding-labs')
const BISHOP_FOX = join(import.meta.dirname, '..', 'fixtures', 'iam-vulnerable')

const NAMED =
  'its path acts on resources the scenario names (a target role, user, function, stack, instance or service), not on every one of their type'

/** Scenarios whose starting principal is not flagged, and why. Each must stay so. */
const NOT_FLAGGED: Record<string, string> = {
  'privesc-one-hop/to-admin/apprunner-002-apprunner-updateservice': NAMED,
  'privesc-one-hop/to-admin/cloudformation-002-cloudformation-updatestack': NAMED,
  'privesc-one-hop/to-admin/ec2-003-ec2-instance-connect-sendsshpublickey': NAMED,
  'privesc-one-hop/to-admin/ecs-006-ecs-executecommand+describetasks': NAMED,
  'privesc-one-hop/to-admin/iam-002-iam-createaccesskey': NAMED,
  'privesc-one-hop/to-admin/iam-003-iam-deleteaccesskey+createaccesskey': NAMED,
  'privesc-one-hop/to-admin/iam-004-iam-createloginprofile': NAMED,
  'privesc-one-hop/to-admin/iam-006-iam-updateloginprofile': NAMED,
  'privesc-one-hop/to-admin/iam-012-iam-updateassumerolepolicy': NAMED,
  'privesc-one-hop/to-admin/iam-014-iam-attachrolepolicy+sts-assumerole': NAMED,
  'privesc-one-hop/to-admin/iam-015-iam-attachuserpolicy+iam-createaccesskey': NAMED,
  'privesc-one-hop/to-admin/iam-016-iam-createpolicyversion+sts-assumerole': NAMED,
  'privesc-one-hop/to-admin/iam-017-iam-putrolepolicy+sts-assumerole': NAMED,
  'privesc-one-hop/to-admin/iam-018-iam-putuserpolicy+iam-createaccesskey': NAMED,
  'privesc-one-hop/to-admin/iam-019-iam-attachrolepolicy+iam-updateassumerolepolicy': NAMED,
  'privesc-one-hop/to-admin/iam-020-iam-createpolicyversion+iam-updateassumerolepolicy': NAMED,
  'privesc-one-hop/to-admin/iam-021-iam-putrolepolicy+iam-updateassumerolepolicy': NAMED,
  'privesc-one-hop/to-admin/lambda-003-lambda-updatefunctioncode': NAMED,
  'privesc-one-hop/to-admin/lambda-004-lambda-updatefunctioncode+lambda-invokefunction': NAMED,
  'privesc-one-hop/to-admin/lambda-005-lambda-updatefunctioncode+lambda-addpermission': NAMED,
  'privesc-one-hop/to-admin/ssm-001-ssm-startsession': NAMED,
  'privesc-one-hop/to-admin/ssm-002-ssm-sendcommand': NAMED,
  'privesc-one-hop/to-admin/sts-001-sts-assumerole': NAMED,
}

/** A scenario's principals that are its targets (what the path escalates to), not where it starts. */
const TARGET = /target|admin-role|stack-role|exec-role|execution-role|ec2-role/

/** Each scenario directory: `<kind>/<level>/<id>`. */
function scenarios(): string[] {
  return readdirSync(DIR, { withFileTypes: true })
    .filter((kind) => kind.isDirectory())
    .flatMap((kind) =>
      readdirSync(join(DIR, kind.name)).flatMap((level) =>
        readdirSync(join(DIR, kind.name, level)).map((id) => `${kind.name}/${level}/${id}`),
      ),
    )
    .sort()
}

describe("DataDog's pathfinding-labs scenarios, read as Terraform code", () => {
  it('flags the starting principal of every scenario whose path is granted on every resource of its type', async () => {
    const catalog = loadCatalog()
    const unexpected: string[] = []
    let flaggedCount = 0
    const all = scenarios()
    for (const scenario of all) {
      const found = await terraformSource('.github/iam-policy-drift.yml', [
        { plan: undefined, root: scenario, account: '111122223333', line: 1 },
      ]).load(DIR)
      if (found.problems.length > 0) {
        unexpected.push(`${scenario}: ${found.problems.map((p) => p.message).join('; ')}`)
        continue
      }
      const { findings } = analyse(found.principals, [], catalog)
      const flagged = new Set(
        findings
          .filter(
            (f) => f.kind === 'privilege-escalation' && !TARGET.test(f.principal.split('/').at(-1) ?? ''),
          )
          .map((f) => f.principal),
      )
      if (flagged.size > 0) flaggedCount++
      if (flagged.size > 0 && NOT_FLAGGED[scenario])
        unexpected.push(`${scenario}: now flagged (${[...flagged].join(', ')}): take it off NOT_FLAGGED`)
      if (flagged.size === 0 && !NOT_FLAGGED[scenario]) unexpected.push(`${scenario}: no principal flagged`)
    }
    expect(unexpected).toEqual([])
    expect(flaggedCount).toBe(all.length - Object.keys(NOT_FLAGGED).length)
    expect(flaggedCount).toBeGreaterThan(45)
  }, 60_000)
})

/**
 * Bishop Fox's iam-vulnerable: a role and a user per escalation path (`privesc*`), principals a tool
 * should flag (`fn*`) and principals it should not (`fp*`: a Deny that takes the action away, a resource
 * or condition that leaves no path). The principals not flagged, other than the `fp*` ones, and why.
 */
const NOT_FLAGGED_HERE: Record<string, string> = {
  'privesc-AssumeRole-starting-role': 'sts:AssumeRole on the one intermediate role it names',
  'privesc-AssumeRole-start-user': 'sts:AssumeRole on the one intermediate role it names',
  'privesc-AssumeRole-intermediate-role': 'sts:AssumeRole on the one ending role it names',
  'privesc-permissive-role-trust':
    'a trust policy that lets any principal of the account assume it: trust policies are not read',
}

describe("Bishop Fox's iam-vulnerable, read as Terraform code", () => {
  it('flags every principal of an escalation path and each one a tool should flag, and none it should not', async () => {
    const found = await terraformSource('.github/iam-policy-drift.yml', [
      { plan: undefined, root: 'privesc-paths', account: '111122223333', line: 1 },
      { plan: undefined, root: 'tool-testing', account: '111122223333', line: 2 },
    ]).load(BISHOP_FOX)
    expect(found.problems).toEqual([])
    const { findings } = analyse(found.principals, [], loadCatalog())
    const flagged = new Set(findings.filter((f) => f.kind === 'privilege-escalation').map((f) => f.principal))
    const wrong: string[] = []
    for (const p of found.principals) {
      const name = p.arn.split('/').at(-1) as string
      const expected = !name.startsWith('fp') && !NOT_FLAGGED_HERE[name]
      if (flagged.has(p.arn) !== expected) wrong.push(`${name}: ${expected ? 'not flagged' : 'flagged'}`)
    }
    expect(wrong).toEqual([])
    expect(found.principals.filter((p) => p.arn.includes('/fp')).length).toBe(10)
    expect(flagged.size).toBeGreaterThan(70)
  })
})
