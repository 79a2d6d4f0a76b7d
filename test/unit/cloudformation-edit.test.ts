// Suggestions for policies written in YAML templates, as edits of the template in place. The property
// that holds them, as for .tf files: the edited template, read again by the CloudFormation source,
// gives for every policy exactly the document its JSON suggestion gives; every diff applies to the
// repository's file; comments and everything not edited stay byte for byte.

import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { applyPatch } from 'diff'
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/analysis/analyse.js'
import { loadCatalog } from '../../src/catalog/catalog.js'
import { parsePolicy } from '../../src/policy/parse-policy.js'
import { buildReport, type ReportInput } from '../../src/report/report.js'
import { renderSummary } from '../../src/report/summary.js'
import { templateEditChecker } from '../../src/sources/cloudformation/template.js'
import { loadWorkspace } from '../../src/sources/load-workspace.js'
import { codeAddress, type PolicyDocument } from '../../src/vocabulary/policy.js'
import type { PrincipalUsage } from '../../src/vocabulary/usage.js'
import { seeded } from '../world/random.js'
import { REPO_ROOT } from '../world/runner.js'
import { checkedUsage } from '../world/usage.js'

const catalog = loadCatalog()
const CONFIG =
  'cloudformation:\n  - template: stacks/*.yml\n    account: "111122223333"\n    region: us-east-1\n'

const FORMS = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  FormsRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: forms
      Policies:
        - PolicyName: block
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              # One action per line, with a comment.
              - Sid: Block
                Effect: Allow
                Action:
                  - dynamodb:GetItem   # reads
                  - dynamodb:PutItem
                  - dynamodb:DeleteItem
                  - dynamodb:DescribeTable
                Resource:
                  - !Sub arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/forms
              - Sid: Flow
                Effect: Allow
                Action: [kms:Decrypt, kms:Encrypt, kms:GenerateDataKey, kms:DescribeKey]
                Resource: !GetAtt Key.Arn
              - Sid: Scalar
                Effect: Allow
                Action: ec2:Describe*
                Resource: '*'
              - Effect: Allow
                NotAction: [iam:*, organizations:*]
                Resource: arn:aws:cloudwatch:us-east-1:111122223333:alarm:forms-*
        - PolicyName: second
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: "sts:GetCallerIdentity"
                Resource: "*"
  Key:
    Type: AWS::KMS::Key
`

const POOL = [
  'dynamodb:GetItem',
  'dynamodb:DescribeTable',
  'kms:Decrypt',
  'kms:DescribeKey',
  'ec2:DescribeInstances',
  'ec2:DescribeVpcs',
  'cloudwatch:DescribeAlarms',
  'cloudwatch:PutMetricAlarm',
  'sts:GetCallerIdentity',
  // Granted nowhere: the suggestion adds a statement for it.
  'logs:DescribeLogGroups',
]

async function workspace(template: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ipd-cfn-edit-'))
  for (const [path, text] of Object.entries({
    '.github/iam-policy-drift.yml': CONFIG,
    'stacks/app.yml': template,
  })) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), text)
  }
  return root
}

async function documents(root: string): Promise<Map<string, PolicyDocument>> {
  const { workspace: loaded, problems } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
  expect(problems).toEqual([])
  const out = new Map<string, PolicyDocument>()
  for (const p of loaded?.principals ?? [])
    for (const d of p.policies)
      if (d.source?.kind === 'cloudformation') out.set(codeAddress(d.source) ?? '', d)
  return out
}

const normal = (doc: PolicyDocument | undefined) =>
  doc?.statements.map((s) => ({
    effect: s.effect,
    actions: s.actions.map((a) => a.value).sort(),
    notAction: s.notAction,
    resources: s.resources.map((r) => r.value).sort(),
  }))

/** The suggestions in place and as JSON for one usage; the in-place edit applied and read again. */
async function roundTrip(template: string, used: readonly string[]) {
  const root = await workspace(template)
  try {
    const { workspace: loaded } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
    const principals = [...(loaded?.principals ?? [])]
    const usage = new Map<string, PrincipalUsage>()
    for (const p of principals) {
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: used, Resource: '*' }],
      })
      for (const [arn, record] of checkedUsage(p.arn, { policies: [policy], isComplete: true }))
        usage.set(arn, record)
    }
    const read = () => template
    const inPlace = analyse(principals, [], catalog, usage, read, templateEditChecker()).suggestions
    const asJson = analyse(principals, [], catalog, usage, read, () => false).suggestions
    const edited = inPlace.find((s) => s.diff !== null)
    if (edited) {
      expect(applyPatch(template, edited.diff as string)).toBe(edited.text)
      await writeFile(join(root, 'stacks/app.yml'), edited.text)
    }
    return { inPlace, asJson, edited, after: await documents(root) }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

describe('suggestions for JSON templates', () => {
  it('gives a JSON template’s policy as the JSON document, never as a diff that replaces the template', async () => {
    const template = {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        AppRole: {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: 'app',
            AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] },
            Policies: [
              {
                PolicyName: 'queues',
                PolicyDocument: {
                  Version: '2012-10-17',
                  Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }],
                },
              },
            ],
          },
        },
      },
    }
    const root = await mkdtemp(join(tmpdir(), 'ipd-cfn-json-'))
    try {
      await mkdir(join(root, '.github'))
      await mkdir(join(root, 'stacks'))
      await writeFile(
        join(root, '.github/iam-policy-drift.yml'),
        CONFIG.replace('stacks/*.yml', 'stacks/app.json'),
      )
      const text = JSON.stringify(template, null, 2)
      await writeFile(join(root, 'stacks/app.json'), text)
      const { workspace: loaded } = await loadWorkspace(root, '.github/iam-policy-drift.yml')
      const principals = loaded?.principals ?? []
      const usage = checkedUsage('arn:aws:iam::111122223333:role/app', {
        policies: [
          JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }],
          }),
        ],
        isComplete: true,
      })
      const { suggestions } = analyse(principals, [], catalog, usage, () => text, templateEditChecker())
      expect(suggestions.map((s) => [s.file, s.diff, codeAddress(s.source)])).toEqual([
        ['stacks/app.json', null, 'AppRole.queues'],
      ])
      // sqs:ReceiveMessage is a data event the trail was not seen to log: kept.
      expect(JSON.parse(suggestions[0]?.text ?? '')).toEqual({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:SendMessage'], Resource: '*' }],
      })
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})

describe('suggestions as edits of YAML templates', () => {
  it('narrows each form of action list in its own style, keeps comments and resources as written', async () => {
    const { edited, asJson, after } = await roundTrip(FORMS, [
      'dynamodb:GetItem',
      'kms:Decrypt',
      'ec2:DescribeVpcs',
    ])
    // The second policy's only statement was not used: a policy left empty is not suggested.
    expect(edited?.addresses).toEqual(['FormsRole.block'])
    const text = edited?.text ?? ''
    // One per line: the unused item's line goes, the others stay as written, comment and all (the item
    // actions are data events, which the trail was not seen to log: kept).
    expect(text).toContain(
      '                Action:\n                  - dynamodb:GetItem   # reads\n                  - dynamodb:PutItem\n                  - dynamodb:DeleteItem\n                Resource:\n',
    )
    expect(text).toContain('Action: [kms:Decrypt]\n                Resource: !GetAtt Key.Arn')
    expect(text).toContain('Action: ec2:DescribeVpcs\n')
    expect(text).toContain('# One action per line, with a comment.')
    expect(text).toContain('!Sub arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/forms')
    // The NotAction statement is gone: nothing it grants was used.
    expect(text).not.toContain('NotAction')
    for (const s of asJson) {
      const expected = parsePolicy('x.json', s.text).policy
      const address = codeAddress(s.source) ?? ''
      expect({ address, doc: normal(after.get(address)) }).toEqual({ address, doc: normal(expected) })
    }
  })

  it('fences the diff of a template whose text holds a code fence with a longer one', async () => {
    // Comments written as markdown, with a code block, right below the list that is trimmed.
    const template = FORMS.replace(
      '                  - dynamodb:DescribeTable\n',
      '                  - dynamodb:DescribeTable\n                # ````sh\n                # make table\n                # ````\n',
    )
    const { edited } = await roundTrip(template, ['dynamodb:GetItem', 'kms:Decrypt', 'ec2:DescribeVpcs'])
    expect(edited?.diff).toContain('````sh')
    const input: ReportInput = {
      principals: [],
      usage: new Map(),
      failOn: 'medium',
      catalog: { version: catalog.version, date: catalog.date },
      staticMode: null,
      now: new Date('2026-12-01T00:00:00Z'),
      analysis: { findings: [], accepted: [], notObservable: [], suggestions: edited ? [edited] : [] },
    }
    const report = buildReport(input)
    const summary = renderSummary(report)
    // The fence is longer than the template's own, which cannot close it.
    expect(summary).toContain('`````diff\nIndex: stacks/app.yml')
    expect(summary.split('\n').filter((l) => l === '`````')).toHaveLength(1)
  })

  const templates: [string, string][] = [
    ['the forms template', FORMS],
    ['the forms template with CRLF line ends', FORMS.replace(/\n/g, '\r\n')],
    [
      'the example of examples/cloudformation',
      readFileSync(join(REPO_ROOT, 'examples/cloudformation/stacks/app.yml'), 'utf8'),
    ],
  ]
  for (const [name, template] of templates)
    it(`gives the JSON suggestion's documents when edited in place, for 25 usages: ${name}`, async () => {
      const random = seeded(name.length)
      let inPlaceCount = 0
      for (let run = 0; run < 25; run++) {
        const used = POOL.filter(() => random() < 0.4)
        const { edited, asJson, inPlace, after } = await roundTrip(template, used)
        if (!edited) {
          expect(inPlace.every((s) => s.diff === null || s.text === template)).toBe(true)
          continue
        }
        inPlaceCount++
        for (const s of asJson) {
          const address = codeAddress(s.source) ?? ''
          if (!(edited.addresses ?? []).includes(address)) continue
          const expected = parsePolicy('x.json', s.text).policy
          expect({ run, address, doc: normal(after.get(address)) }).toEqual({
            run,
            address,
            doc: normal(expected),
          })
        }
      }
      expect(inPlaceCount).toBeGreaterThan(10)
    })
})
