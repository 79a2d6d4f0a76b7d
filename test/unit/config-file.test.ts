import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config/config-file.js'
import { formatProblem } from '../../src/vocabulary/problems.js'

const FILE = '.github/iam-policy-drift.yml'
const parse = (text: string) => parseConfig(FILE, text)
const errors = (text: string) => parse(text).problems.map(formatProblem)

const VALID = `cloudtrail:
  trail-arn: arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail
  access-role-arn: arn:aws:iam::111122223333:role/service-role/AccessAnalyzerMonitorServiceRole
  all-regions: true
  lookback-days: 30
include-service-level-template: false
principals:
  - arn: arn:aws:iam::111122223333:role/app-deployer
    policies:
      - iam/app-deployer/*.json
  - arn: arn:aws:iam::111122223333:role/reporting
    policies: [iam/reporting.json]
ignore:
  - principal: arn:aws:iam::111122223333:role/reporting
    action: athena:GetQueryResults
    kind: unused-action
    reason: quarterly job, outside the lookback window
`

describe('parseConfig', () => {
  it("reads SPEC.md's example", () => {
    const { config, problems } = parse(VALID)
    expect(problems).toEqual([])
    expect(config).toEqual({
      file: FILE,
      cloudTrail: {
        trails: [
          { arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail', allRegions: true, regions: [] },
        ],
        accessRoleArn: 'arn:aws:iam::111122223333:role/service-role/AccessAnalyzerMonitorServiceRole',
        lookbackDays: 30,
        dataEvents: [],
      },
      includeServiceLevelTemplate: false,
      principals: [
        {
          arn: 'arn:aws:iam::111122223333:role/app-deployer',
          line: 8,
          policies: [{ pattern: 'iam/app-deployer/*.json', line: 10 }],
        },
        {
          arn: 'arn:aws:iam::111122223333:role/reporting',
          line: 11,
          policies: [{ pattern: 'iam/reporting.json', line: 12 }],
        },
      ],
      terraform: [],
      cloudFormation: [],
      excludePrincipals: [],
      ignore: [
        {
          principal: 'arn:aws:iam::111122223333:role/reporting',
          action: 'athena:GetQueryResults',
          kind: 'unused-action',
          reason: 'quarterly job, outside the lookback window',
          line: 14,
        },
      ],
      accounts: new Map(),
    })
  })

  it('reads the trails: form with regions, and defaults', () => {
    const { config, problems } = parse(`cloudtrail:
  trails:
    - arn: arn:aws:cloudtrail:us-east-1:111122223333:trail/main-a
      regions: [us-east-1, eu-west-1]
    - arn: arn:aws-us-gov:cloudtrail:us-gov-west-1:111122223333:trail/gov-b
  access-role-arn: arn:aws:iam::111122223333:role/aa
principals:
  - arn: arn:aws:iam::111122223333:user/ci/deployer
    policies: iam/*.json
`)
    expect(problems).toEqual([])
    expect(config?.cloudTrail).toEqual({
      trails: [
        {
          arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main-a',
          allRegions: false,
          regions: ['us-east-1', 'eu-west-1'],
        },
        {
          arn: 'arn:aws-us-gov:cloudtrail:us-gov-west-1:111122223333:trail/gov-b',
          allRegions: true,
          regions: [],
        },
      ],
      accessRoleArn: 'arn:aws:iam::111122223333:role/aa',
      lookbackDays: 30,
      dataEvents: [],
    })
    expect(config?.principals[0]?.policies).toEqual([{ pattern: 'iam/*.json', line: 9 }])
    expect(config?.ignore).toEqual([])
    expect(config?.includeServiceLevelTemplate).toBe(false)
  })

  it('allows a config without cloudtrail: (static checks only)', () => {
    const { config } = parse(
      'principals:\n  - arn: arn:aws:iam::111122223333:role/r\n    policies: [a.json]\n',
    )
    expect(config?.cloudTrail).toBeUndefined()
  })

  it('accepts a group, which the code may have as a principal, in ignore: and exclude-principals:, not under principals:', () => {
    const { config, problems } = parse(
      [
        'terraform:',
        '  - root: infra',
        'exclude-principals: [arn:aws:iam::111122223333:group/legacy]',
        'ignore:',
        '  - principal: arn:aws:iam::111122223333:group/admins',
        '    action: iam:*',
        '    reason: break-glass group, reviewed each quarter',
        '',
      ].join('\n'),
    )
    expect(problems).toEqual([])
    expect(config?.ignore.map((rule) => rule.principal)).toEqual(['arn:aws:iam::111122223333:group/admins'])
    expect(config?.excludePrincipals.map((e) => e.pattern)).toEqual([
      'arn:aws:iam::111122223333:group/legacy',
    ])
    // A managed policy no one in the code has is checked on its own, so its findings may be accepted.
    const ignoring = (principal: string) =>
      `terraform:\n  - root: infra\nignore:\n  - principal: ${principal}\n    action: "*"\n    reason: x\nexclude-principals: ["arn:aws:iam::*:policy/legacy/*"]\n`
    expect(errors(ignoring('arn:aws:iam::111122223333:policy/ci/deploy'))).toEqual([])
    expect(errors(ignoring('arn:aws:iam::111122223333:instance-profile/p'))).toEqual([
      `${FILE}:4:16: ignore[0].principal: "arn:aws:iam::111122223333:instance-profile/p" is not valid; expected arn:<partition>:iam::<12 digits>:role/<name>, …:user/<name>, …:group/<name> or …:policy/<name>`,
    ])
  })

  it('takes up to 1,000 ignore: entries: past that, each finding tried against each made a config a denial of service', () => {
    const config = (n: number) =>
      [
        'terraform:',
        '  - root: infra',
        'ignore:',
        ...Array.from({ length: n }, (_, i) => `  - { action: "s3:Zz${i}*", reason: r }`),
        '',
      ].join('\n')
    expect(parse(config(1000)).config?.ignore).toHaveLength(1000)
    expect(errors(config(1001))).toEqual([
      `${FILE}:4:3: ignore: 1,001 entries, more than a config takes (1,000); accept findings by pattern (s3:Get*, or a principal with action: "*") rather than one by one`,
    ])
  })

  it('takes up to 1,000 exclude-principals: patterns, each principal being tried against each', () => {
    const config = (n: number) =>
      [
        'terraform:',
        '  - root: infra',
        'exclude-principals:',
        ...Array.from({ length: n }, (_, i) => `  - arn:aws:iam::*:role/legacy-${i}-*`),
        '',
      ].join('\n')
    expect(parse(config(1000)).config?.excludePrincipals).toHaveLength(1000)
    expect(errors(config(1001))).toEqual([
      `${FILE}:4:3: exclude-principals: 1,001 patterns, more than a config takes (1,000); leave principals out by pattern (arn:aws:iam::*:role/aws-service-role/*) rather than one by one`,
    ])
  })

  it('names the line of a YAML syntax error', () => {
    // A bracket left open: the parser stops where the text ends; the mistake is the bracket.
    expect(errors('principals:\n  - arn: [unclosed\n')).toEqual([
      '.github/iam-policy-drift.yml:2:10: invalid YAML: the bracket ([) that starts this value is not closed, so the lines under it are read into it: close it',
    ])
    expect(
      errors('principals:\n  - arn: arn:aws:iam::111122223333:role/a\n    policies: [a.json, "b.json"\n'),
    ).toEqual([
      '.github/iam-policy-drift.yml:3:15: invalid YAML: the bracket ([) that starts this value is not closed, so the lines under it are read into it: close it',
    ])
    // A key of a list item indented one space less, or one more, than the item's first key.
    expect(errors('cloudformation:\n  - template: t.yaml\n   account: "1"\n')[0]).toBe(
      '.github/iam-policy-drift.yml:3:1: invalid YAML: Sequence item without - indicator (line up the keys of one list item in one column, with spaces: "- " starts the next item)',
    )
    expect(
      errors('principals:\n  - arn: arn:aws:iam::111122223333:role/a\n     policies: [a.json]\n')[0],
    ).toMatch(/compact mappings \(a key indented more than the key above it is read into that key's value/)
    expect(errors('principals:\n  - arn: "arn:aws:iam::111122223333:role/a\n')[0]).toMatch(
      /Missing closing "quote \(the quote is not closed\)$/,
    )
    expect(errors('principals: 1\nprincipals: 2\n')[0]).toMatch(
      /^\.github\/iam-policy-drift\.yml:2:1: invalid YAML: Map keys must be unique/,
    )
    // The position is said once, in front.
    expect(errors('principals:\n  - arn: x\n bad: 1\n')[0]).toBe(
      '.github/iam-policy-drift.yml:3:1: invalid YAML: All mapping items must start at the same column (line up the keys of one mapping in one column, with spaces)',
    )
    expect(errors('principals:\n\t- arn: x\n')[0]).toMatch(
      /\(indent with spaces: YAML does not allow tabs\)$/,
    )
  })

  it('says where an unknown key belongs: its plural, an input of the action, another level', () => {
    expect(
      errors('principals:\n  - arn: arn:aws:iam::111122223333:role/a\n    policy: [a.json]\n'),
    ).toContain(
      ".github/iam-policy-drift.yml:3:5: principals[0].policy: unknown key; did you mean 'policies'? (expected one of arn, policies)",
    )
    expect(
      errors(
        'fail-on: high\nprincipals:\n  - arn: arn:aws:iam::111122223333:role/a\n    policies: [a.json]\n',
      )[0],
    ).toBe(
      ".github/iam-policy-drift.yml:1:1: fail-on: unknown key; 'fail-on' is an input of the action, not a config key: set it under with: in the workflow (expected one of cloudtrail, include-service-level-template, principals, terraform, cloudformation, exclude-principals, ignore, accounts)",
    )
    const offByOne = [
      'cloudtrail:',
      '  trail-arn: arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail',
      '  access-role-arn: arn:aws:iam::111122223333:role/reader',
      'lookback-days: 30',
      'policies: [a.json]',
      'principals:',
      '  - arn: arn:aws:iam::111122223333:role/a',
      '    policies: [a.json]',
      '',
    ].join('\n')
    expect(errors(offByOne).map((e) => e.replace(/ \(expected one of .*\)$/, ''))).toEqual([
      ".github/iam-policy-drift.yml:4:1: lookback-days: unknown key; 'lookback-days' belongs in cloudtrail: check its indentation",
      ".github/iam-policy-drift.yml:5:1: policies: unknown key; 'policies' belongs in an entry of principals: check its indentation",
    ])
    // A key of two homes names both; one that is a key elsewhere is named so before a plural guess here.
    const misplaced = [
      'account: "111122223333"',
      'terraform:',
      '  - root: infra',
      'principals:',
      '  - role: arn:aws:iam::111122223333:role/a',
      '    policies: [a.json]',
      '',
    ].join('\n')
    expect(errors(misplaced).map((e) => e.replace(/ \(expected one of .*\)$/, ''))).toEqual([
      ".github/iam-policy-drift.yml:1:1: account: unknown key; 'account' belongs in an entry of terraform or in an entry of cloudformation: check its indentation, or did you mean 'accounts'?",
      // Its value says which key it is.
      '.github/iam-policy-drift.yml:5:5: principals[0].role: unknown key; its value is an ARN: the key is arn',
      '.github/iam-policy-drift.yml:5:5: principals[0]: arn is required (arn:<partition>:iam::<12 digits>:role/<name> or …:user/<name>)',
    ])
  })

  it('reads cloudformation: entries, a template glob or a cdk-out directory, with their values', () => {
    const text = [
      'cloudformation:',
      '  - template: stacks/*.yml',
      '    account: "111122223333"',
      '    region: eu-west-1',
      '    stack-name: app-prod',
      '    parameters: { Stage: prod, Size: 3, Subnets: [a, b] }',
      '  - cdk-out: cdk.out',
      '',
    ].join('\n')
    const { config, problems } = parse(text)
    expect(problems).toEqual([])
    expect(config?.cloudFormation).toEqual([
      {
        template: [{ pattern: 'stacks/*.yml', line: 2 }],
        cdkOut: undefined,
        stackName: 'app-prod',
        account: '111122223333',
        region: 'eu-west-1',
        parameters: new Map([
          ['Stage', 'prod'],
          ['Size', '3'],
          ['Subnets', 'a,b'],
        ]),
        line: 2,
      },
      {
        template: undefined,
        cdkOut: 'cdk.out',
        stackName: undefined,
        account: undefined,
        region: undefined,
        parameters: new Map(),
        line: 7,
      },
    ])
    const bad = parse(
      'cloudformation:\n  - template: a.yml\n    cdk-out: cdk.out\n  - cdk-out: ../out\n    parameters: { A: { b: c } }\n  - cdk-out: "apps/*/cdk.out"\n',
    )
    expect(bad.problems.map(formatProblem)).toEqual([
      `${FILE}:2:5: cloudformation[0]: give template: (a glob of YAML or JSON templates, such as stacks/*.yml) or cdk-out: (a CDK cloud assembly directory, such as cdk.out), not both`,
      `${FILE}:4:14: cloudformation[1].cdk-out: "../out" is not valid; expected a directory inside the workspace, such as cdk.out`,
      `${FILE}:5:22: cloudformation[1].parameters.A: expected a value (a string, a number, or a list for a list parameter)`,
      `${FILE}:6:14: cloudformation[2].cdk-out: "apps/*/cdk.out" is a glob; cdk-out: names one cloud assembly directory, such as cdk.out: give each assembly as an entry of its own`,
    ])
  })

  it('takes a list of template globs with exclusions, each at its line', () => {
    const { config, problems } = parse(
      'cloudformation:\n  - template:\n      - "**/*.yaml"\n      - "!legacy/**"\n  - template: [a.yml, 3]\n  - template: []\n',
    )
    expect(config).toBeUndefined()
    expect(problems.map(formatProblem)).toEqual([
      `${FILE}:5:23: cloudformation[1].template[1]: 3 is not valid; expected a glob of YAML or JSON templates, such as stacks/*.yml`,
      `${FILE}:6:15: cloudformation[2].template: expected at least one glob`,
    ])
    expect(
      parse('cloudformation:\n  - template:\n      - "**/*.yaml"\n      - "!legacy/**"\n').config
        ?.cloudFormation[0]?.template,
    ).toEqual([
      { pattern: '**/*.yaml', line: 3 },
      { pattern: '!legacy/**', line: 4 },
    ])
  })

  it('says once what an empty section should hold', () => {
    // `cloudformation:` with nothing under it: not a list, and so no entry either; one mistake, said once.
    expect(parse('cloudformation:\nterraform:\n').problems.map(formatProblem)).toEqual([
      `${FILE}:2:11: terraform: an empty value is not valid; expected a list of Terraform sources ({plan, root, account})`,
      `${FILE}:1:16: cloudformation: an empty value is not valid; expected a list of CloudFormation sources ({template | cdk-out, stack-name, account, region, parameters})`,
    ])
    expect(parse('principals:\n').problems.map(formatProblem)).toEqual([
      `${FILE}:1:12: principals: an empty value is not valid; expected a list of principals ({arn, policies})`,
    ])
    // Something else than a list is named for what it is.
    expect(parse('terraform:\n  root: infra\n').problems.map(formatProblem)).toEqual([
      `${FILE}:2:3: terraform: a mapping is not valid; expected a list of Terraform sources ({plan, root, account})`,
    ])
    expect(parse('cloudformation: []\n').problems.map(formatProblem)).toEqual([
      `${FILE}:1:17: cloudformation: expected at least one entry`,
    ])
  })

  it('reads accounts: the role to chain into in each, and its own trail when it has one', () => {
    const { config, problems } = parse(`${VALID}accounts:
  "444455556666":
    role-arn: arn:aws:iam::444455556666:role/iam-policy-drift
  "012345678901":
    role-arn: arn:aws:iam::012345678901:role/iam-policy-drift
    cloudtrail:
      trail-arn: arn:aws:cloudtrail:eu-west-1:012345678901:trail/own
      access-role-arn: arn:aws:iam::012345678901:role/service-role/AccessAnalyzerMonitorServiceRole
`)
    expect(problems).toEqual([])
    expect(config?.accounts.get('444455556666')).toMatchObject({
      roleArn: 'arn:aws:iam::444455556666:role/iam-policy-drift',
      cloudTrail: undefined,
      line: 19,
    })
    expect(config?.accounts.get('012345678901')?.cloudTrail?.trails[0]?.arn).toBe(
      'arn:aws:cloudtrail:eu-west-1:012345678901:trail/own',
    )
    expect(parse(VALID).config?.accounts.size).toBe(0)
  })

  it('refuses an account id YAML reads as a number, a role of another account, a missing role-arn', () => {
    expect(
      errors(`${VALID}accounts:
  012345678901:
    role-arn: arn:aws:iam::012345678901:role/x
  "444455556666":
    role-arn: arn:aws:iam::111122223333:role/x
  "777788889999":
    role: arn:aws:iam::777788889999:role/x
  prod:
    role-arn: arn:aws:iam::111122223333:role/x
`),
    ).toEqual([
      `${FILE}:19:3: accounts.012345678901: quote the account id ("012345678901"): unquoted, YAML reads it as a number (and drops leading zeros)`,
      `${FILE}:22:15: accounts.444455556666.role-arn: "arn:aws:iam::111122223333:role/x" is not valid; expected an IAM role ARN in account 444455556666, such as arn:aws:iam::444455556666:role/iam-policy-drift`,
      `${FILE}:24:5: accounts.777788889999.role: unknown key (expected one of role-arn, cloudtrail)`,
      `${FILE}:24:5: accounts.777788889999: role-arn is required (the role to assume in 777788889999, such as arn:aws:iam::777788889999:role/iam-policy-drift)`,
      `${FILE}:25:3: accounts.prod: expected a 12-digit account id such as "444455556666"`,
    ])
  })

  it('reads cloudtrail.data-events, a service prefix or a list of them', () => {
    const withEvents = VALID.replace(
      '  lookback-days: 30\n',
      '  lookback-days: 30\n  data-events: [s3, dynamodb]\n',
    )
    expect(parse(withEvents).config?.cloudTrail?.dataEvents).toEqual(['s3', 'dynamodb'])
    const one = VALID.replace('  lookback-days: 30\n', '  lookback-days: 30\n  data-events: s3\n')
    expect(parse(one).config?.cloudTrail?.dataEvents).toEqual(['s3'])
    const bad = VALID.replace('  lookback-days: 30\n', '  lookback-days: 30\n  data-events: [S3 objects]\n')
    expect(errors(bad)).toEqual([
      `${FILE}:6:17: cloudtrail.data-events[0]: "S3 objects" is not valid; expected a service prefix such as s3, lambda or dynamodb`,
    ])
  })

  it('suggests the nearest key for a typo', () => {
    expect(errors(VALID.replace('lookback-days', 'lookback-dayz'))).toEqual([
      `${FILE}:5:3: cloudtrail.lookback-dayz: unknown key; did you mean 'lookback-days'? (expected one of trail-arn, trails, access-role-arn, all-regions, regions, lookback-days, data-events)`,
    ])
    expect(
      errors(
        VALID.replace(
          '  - arn: arn:aws:iam::111122223333:role/app-deployer',
          '  - ARN: arn:aws:iam::111122223333:role/app-deployer',
        ),
      )[0],
    ).toContain("principals[0].ARN: unknown key; did you mean 'arn'?")
    expect(errors(`${VALID}principles: []\n`)).toEqual([
      `${FILE}:18:1: principles: unknown key; did you mean 'principals'? (expected one of cloudtrail, include-service-level-template, principals, terraform, cloudformation, exclude-principals, ignore, accounts)`,
    ])
  })

  it.each([
    [
      'lookback-days: 30',
      'lookback-days: 91',
      '5:18: cloudtrail.lookback-days: 91 is not valid; expected a whole number from 1 to 90 (Access Analyzer reads at most 90 days of CloudTrail)',
    ],
    [
      'lookback-days: 30',
      'lookback-days: 0',
      '5:18: cloudtrail.lookback-days: 0 is not valid; expected a whole number from 1 to 90',
    ],
    [
      'lookback-days: 30',
      'lookback-days: thirty',
      '5:18: cloudtrail.lookback-days: "thirty" is not valid; expected a whole number from 1 to 90',
    ],
    [
      'trail-arn: arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail',
      'trail-arn: org-trail',
      '2:14: cloudtrail.trail-arn: "org-trail" is not valid; expected a trail ARN such as arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail',
    ],
    [
      'access-role-arn: arn:aws:iam::111122223333:role/service-role/AccessAnalyzerMonitorServiceRole',
      'access-role-arn: arn:aws:iam::1111:role/x',
      '3:20: cloudtrail.access-role-arn: "arn:aws:iam::1111:role/x" is not valid; expected an IAM role ARN',
    ],
    [
      'all-regions: true',
      'all-regions: yes',
      '4:16: cloudtrail.all-regions: "yes" is not valid; expected true or false',
    ],
    [
      '- arn: arn:aws:iam::111122223333:role/app-deployer',
      '- arn: arn:aws:iam::111122223333:group/admins',
      '8:10: principals[0].arn: "arn:aws:iam::111122223333:group/admins" is not valid; expected arn:<partition>:iam::<12 digits>:role/<name> or …:user/<name>',
    ],
    [
      '- arn: arn:aws:iam::111122223333:role/reporting\n',
      '- arn: arn:aws:iam::111122223333:role/app-deployer\n',
      '11:10: principals[1].arn: arn:aws:iam::111122223333:role/app-deployer is already listed on line 8',
    ],
    [
      'kind: unused-action',
      'kind: unused',
      '16:11: ignore[0].kind: "unused" is not valid; expected one of privilege-escalation, would-break',
    ],
    [
      'action: athena:GetQueryResults',
      'action: athena GetQueryResults',
      '15:13: ignore[0].action: "athena GetQueryResults" is not valid; expected an IAM action or pattern',
    ],
    [
      '    reason: quarterly job, outside the lookback window\n',
      '',
      '14:5: ignore[0]: reason is required: say why this finding is accepted',
    ],
    [
      '    reason: quarterly job, outside the lookback window\n',
      '    reason: ""\n',
      '17:13: ignore[0].reason: "" is not valid; expected a sentence saying why this finding is accepted',
    ],
    [
      'include-service-level-template: false',
      'include-service-level-template: 1',
      '6:33: include-service-level-template: 1 is not valid; expected true or false',
    ],
    [
      '    policies: [iam/reporting.json]\n',
      '',
      '11:5: principals[1]: policies is required: the policy files of this principal',
    ],
    [
      '    policies: [iam/reporting.json]\n',
      '    policies: []\n',
      '12:15: principals[1].policies: expected at least one glob',
    ],
    [
      '  all-regions: true\n',
      '  all-regions: true\n  regions: [us-east-1]\n',
      '2:3: cloudtrail: give either all-regions: true or regions:, not both',
    ],
    [
      '  all-regions: true\n',
      '  all-regions: false\n',
      '2:3: cloudtrail: all-regions is false, so regions: must list the regions to read',
    ],
    [
      '  all-regions: true\n',
      '  regions: [us-east]\n',
      '4:13: cloudtrail.regions[0]: "us-east" is not valid; expected a region code such as us-east-1',
    ],
  ])('replacing %j with %j reports %j', (from, to, expected) => {
    const text = VALID.replace(from, to)
    expect(text).not.toBe(VALID)
    const found = errors(text)
    expect(
      found.some((e) => e.startsWith(`${FILE}:${expected}`)),
      found.join('\n'),
    ).toBe(true)
  })

  it('requires principals and the trail settings', () => {
    expect(errors('cloudtrail:\n  lookback-days: 10\n')).toEqual([
      `${FILE}:2:3: cloudtrail: trail-arn (or a trails: list) is required`,
      `${FILE}:2:3: cloudtrail: access-role-arn is required (an IAM role ARN such as arn:aws:iam::111122223333:role/service-role/AccessAnalyzerMonitorServiceRole)`,
      `${FILE}:1: principals: is required: list the roles and users to check, or name Terraform code (terraform:) or CloudFormation templates (cloudformation:)`,
    ])
    expect(errors('')).toEqual([
      `${FILE}:1:1: the file is empty: expected a mapping of cloudtrail, include-service-level-template, principals, terraform, cloudformation, exclude-principals, ignore, accounts`,
    ])
  })

  it('says how to write a bare value where an entry goes', () => {
    const policies = '    policies: [iam/app.json]\n'
    expect(errors('principals:\n  - arn:aws:iam::111122223333:role/app\n')).toEqual([
      `${FILE}:2:5: principals[0]: expected a mapping of arn, policies; to give this value, write "- arn: arn:aws:iam::111122223333:role/app"`,
    ])
    expect(errors('terraform:\n  - infra/prod\n  - infra/prod/plan.json\n')).toEqual([
      `${FILE}:2:5: terraform[0]: expected a mapping of plan, root, account; to give this value, write "- root: infra/prod"`,
      `${FILE}:3:5: terraform[1]: expected a mapping of plan, root, account; to give this value, write "- plan: infra/prod/plan.json"`,
    ])
    expect(errors('cloudformation:\n  - cdk.out\n  - stacks/*.yml\n')).toEqual([
      `${FILE}:2:5: cloudformation[0]: expected a mapping of template, cdk-out, stack-name, account, region, parameters; to give this value, write "- cdk-out: cdk.out"`,
      `${FILE}:3:5: cloudformation[1]: expected a mapping of template, cdk-out, stack-name, account, region, parameters; to give this value, write "- template: stacks/*.yml"`,
    ])
    const principal = `principals:\n  - arn: arn:aws:iam::111122223333:role/app\n${policies}`
    expect(errors(`ignore:\n  - s3:*\n${principal}`)).toEqual([
      `${FILE}:2:5: ignore[0]: expected a mapping of principal, action, kind, reason; to give this value, write "- action: s3:*"`,
    ])
    // Not an item of a list: the key goes under the one given.
    expect(errors(`cloudtrail: arn:aws:cloudtrail:us-east-1:111122223333:trail/org\n${principal}`)).toEqual([
      `${FILE}:1:13: cloudtrail: expected a mapping of trail-arn, trails, access-role-arn, all-regions, regions, lookback-days, data-events; to give this value, write "trail-arn: arn:aws:cloudtrail:us-east-1:111122223333:trail/org" under cloudtrail:`,
    ])
    // An unquoted glob that starts with "*": YAML reads an alias; said once, not also "at least one".
    expect(
      errors('principals:\n  - arn: arn:aws:iam::111122223333:role/app\n    policies: *.json\n'),
    ).toEqual([
      `${FILE}:3:15: principals[0].policies: *.json (YAML reads a value that starts with "*" as an alias: quote it, "*.json") is not valid; expected a list of file globs`,
    ])
    // An unquoted exclusion: YAML reads a tag, of an empty value.
    expect(
      errors(
        'principals:\n  - arn: arn:aws:iam::111122223333:role/app\n    policies:\n      - iam/**\n      - !iam/old/**\n',
      ),
    ).toEqual([
      `${FILE}:5:20: principals[0].policies[1]: !iam/old/** (YAML reads a value that starts with "!" as a tag: quote it, "!iam/old/**") is not valid; expected a file glob relative to the workspace, such as iam/app/*.json`,
    ])
    // A value whose key cannot be told: no guess.
    expect(errors(`ignore:\n  - 42\n${principal}`)).toEqual([
      `${FILE}:2:5: ignore[0]: expected a mapping of principal, action, kind, reason`,
    ])
  })

  it('reports every mistake of the file at once', () => {
    const text = VALID.replace('lookback-days: 30', 'lookback-days: 365')
      .replace('role/reporting\n    policies', 'role/\n    policies')
      .replace('kind: unused-action', 'kind: nope')
    expect(errors(text)).toHaveLength(3)
    expect(parse(text).config).toBeUndefined()
  })
})
