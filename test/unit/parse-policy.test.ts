import { describe, expect, it } from 'vitest'
import { parsePolicy, parsePolicyFully } from '../../src/policy/parse-policy.js'

const parse = (text: string) => parsePolicy('iam/p.json', text)
const messages = (text: string) => parse(text).problems.map((p) => `${p.line}:${p.column} ${p.message}`)

describe('parsePolicy', () => {
  it('keeps the line and column of every statement, action and resource', () => {
    const { policy, problems } = parse(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Read",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": "arn:aws:s3:::b/*",
      "Condition": { "Bool": { "aws:SecureTransport": "true" } }
    },
    { "Effect": "Deny", "NotAction": "iam:*", "NotResource": ["arn:aws:s3:::b"] }
  ]
}`)
    expect(problems).toEqual([])
    const [read, deny] = policy?.statements ?? []
    expect(read).toMatchObject({
      index: 0,
      sid: 'Read',
      line: 4,
      effect: 'Allow',
      notAction: false,
      notResource: false,
    })
    const at = (l: { value: string; line: number; column: number }) => ({
      value: l.value,
      line: l.line,
      column: l.column,
    })
    expect(read?.actions.map(at)).toEqual([
      { value: 's3:GetObject', line: 7, column: 18 },
      { value: 's3:ListBucket', line: 7, column: 34 },
    ])
    expect(read?.resources.map(at)).toEqual([{ value: 'arn:aws:s3:::b/*', line: 8, column: 19 }])
    expect(read?.condition).toEqual({ value: '{"Bool":{"aws:SecureTransport":"true"}}', line: 9, column: 20 })
    expect(deny).toMatchObject({
      index: 1,
      sid: null,
      line: 11,
      effect: 'Deny',
      notAction: true,
      notResource: true,
    })
    expect(deny?.actions.map(at)).toEqual([{ value: 'iam:*', line: 11, column: 38 }])
  })

  it('accepts a single statement object and a missing Version', () => {
    const { policy, problems } = parse('{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}')
    expect(problems).toEqual([])
    expect(policy?.version).toBeNull()
    expect(policy?.statements).toHaveLength(1)
  })

  it('names the line of a doubled comma', () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "Allow",,\n    "Action": "s3:GetObject",\n    "Resource": "*"\n  }]\n}'
    const [first] = parse(text).problems
    expect(first).toMatchObject({ file: 'iam/p.json', line: 4, column: 23 })
    expect(first?.message).toMatch(/invalid JSON: expected a property name .*doubled or trailing comma/)
  })

  it('rejects comments and trailing commas as IAM does', () => {
    expect(messages('{"Statement": [] // no\n}')[0]).toMatch(/^1:18 invalid JSON: comments are not allowed/)
    expect(messages('{"Statement": [],}')[0]).toMatch(/^1:18 invalid JSON/)
  })

  it('names every comment and trailing comma of a file at once, not one per run', () => {
    const text = [
      '{',
      '  // reads only',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    { "Effect": "Allow", "Action": ["s3:GetObject",], "Resource": "*" },',
      '  ]',
      '}',
    ].join('\n')
    expect(messages(text)).toEqual([
      '2:3 invalid JSON: comments are not allowed in IAM policy JSON',
      '5:52 invalid JSON: expected a value (a doubled or trailing comma?)',
      '6:3 invalid JSON: expected a value (a doubled or trailing comma?)',
    ])
  })

  it.each([
    ['[]', '1:1 not an IAM policy document: expected a JSON object with "Version" and "Statement"'],
    [
      '{"AWSTemplateFormatVersion": "2010-09-09"}',
      '1:2 unknown key "AWSTemplateFormatVersion"; expected "Version", "Id", "Statement"',
    ],
    ['{"Version": "2012-10-17"}', '1:1 not an IAM policy document: it has no "Statement"'],
    [
      '{"Version": "2012-10-18", "Statement": []}',
      '1:13 "Version": "2012-10-18" is not valid; expected "2012-10-17" (or the older "2008-10-17")',
    ],
    ['{"Statement": []}', '1:15 "Statement" is empty; expected at least one statement'],
    [
      '{"Statement": ["x"]}',
      '1:16 Statement[0]: expected an object with "Effect", "Action" and "Resource"; got "x"',
    ],
  ])('rejects %s', (text, expected) => {
    expect(messages(text)).toContain(expected)
  })

  it.each([
    [
      { Effect: 'allow', Action: '*', Resource: '*' },
      'Statement[0]: "Effect": "allow" is not valid; expected "Allow" or "Deny" (case matters)',
    ],
    [{ Action: '*', Resource: '*' }, 'Statement[0]: "Effect" is required; expected "Allow" or "Deny"'],
    [{ Effect: 'Allow', Resource: '*' }, 'Statement[0]: "Action" (or "NotAction") is required'],
    [
      { Effect: 'Allow', Action: '*', NotAction: 's3:*', Resource: '*' },
      'Statement[0]: give either "Action" or "NotAction", not both',
    ],
    [{ Effect: 'Allow', Action: '*' }, 'Statement[0]: "Resource" (or "NotResource") is required'],
    [
      { Effect: 'Allow', Action: [], Resource: '*' },
      'Statement[0]: "Action" is empty; expected at least one entry',
    ],
    [
      { Effect: 'Allow', Action: [3], Resource: '*' },
      'Statement[0]: "Action": 3 is not valid; expected a non-empty string or a list of them',
    ],
    [
      { Sid: 'A', Effect: 'Allow', Action: 's3GetObject', Resource: '*' },
      'Statement[0] ("A"): "s3GetObject" is not an IAM action; expected service:Action such as s3:GetObject, s3:Get* or *',
    ],
    [
      // An AWS managed policy's name where an action belongs, in any case (the ARN has its path).
      { Effect: 'Allow', Action: ['s3:GetObject', 'awscodedeployrole'], Resource: '*' },
      'Statement[0]: "awscodedeployrole" is not an IAM action; it is the name of an AWS managed policy ' +
        '(arn:aws:iam::aws:policy/service-role/AWSCodeDeployRole): attach the policy to the principal instead, or name the actions it needs',
    ],
    [
      { Effect: 'Allow', Action: '*', Resource: '*', Principal: '*' },
      'Statement[0]: unknown key "Principal"; "Principal" belongs in resource-based policies, not in the identity policies this action checks',
    ],
    [
      { Effect: 'Allow', Actions: '*', Resource: '*' },
      'Statement[0]: unknown key "Actions"; did you mean "Action"? expected "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"',
    ],
    [
      { Effect: 'Allow', Action: '*', Resource: '*', Condition: 'x' },
      'Statement[0]: "Condition" must be an object of operators; got "x"',
    ],
    [{ Sid: 1, Effect: 'Allow', Action: '*', Resource: '*' }, 'Statement[0]: "Sid" must be a string; got 1'],
    [
      { Sid: 'Allow use of the key', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
      'Statement[0]: "Sid": "Allow use of the key" is not valid; expected letters and digits only (A-Z, a-z, 0-9), as IAM refuses the policy otherwise: such as "AllowUseOfTheKey"',
    ],
    [
      { Sid: 'read_only-1', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      'Statement[0]: "Sid": "read_only-1" is not valid; expected letters and digits only (A-Z, a-z, 0-9), as IAM refuses the policy otherwise: such as "readOnly1"',
    ],
    [
      { Sid: 'Überall', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      'Statement[0]: "Sid": "Überall" is not valid; expected letters and digits only (A-Z, a-z, 0-9), as IAM refuses the policy otherwise: such as "berall"',
    ],
    [
      { Sid: '😀', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      'Statement[0]: "Sid": "😀" is not valid; expected letters and digits only (A-Z, a-z, 0-9), as IAM refuses the policy otherwise: leave the Sid out',
    ],
  ])('rejects the statement %j', (statement, expected) => {
    const problems = parse(JSON.stringify({ Version: '2012-10-17', Statement: [statement] })).problems
    expect(problems.map((p) => p.message)).toContain(expected)
  })

  it('names a number too large for JSON as what it reads as, not as null', () => {
    expect(messages('{"Statement": {"Effect": "Allow", "Action": 1e999, "Resource": -1e999}}')).toEqual([
      '1:45 Statement[0]: "Action": Infinity is not valid; expected a non-empty string or a list of them',
      '1:64 Statement[0]: "Resource": -Infinity is not valid; expected a non-empty string or a list of them',
    ])
  })

  // iampulse-co/example-iam-policies' date-and-time example: a template, named as a policy file.
  it("says that an action holding {{…}} is a template's, not a policy's", () => {
    expect(
      messages(
        '{"Statement": {"Effect": "Allow", "Action": "{{servicePrefix}}:{{actionName}}", "Resource": "*"}}',
      ),
    ).toEqual([
      '1:45 Statement[0]: "{{servicePrefix}}:{{actionName}}" is not an IAM action; it holds a template\'s placeholder ({{…}}, Mustache, Jinja, Handlebars): name the file the template renders, not the template',
    ])
  })

  // A Cyrillic "е" or a zero-width space pasted from a web page: the message quoted a text that reads
  // exactly as the action it should be, and said only that it is none.
  it('names a character that only looks like ASCII, or cannot be seen, and what was meant', () => {
    const statement = (Effect: string, Action: string[]) =>
      JSON.stringify({ Statement: { Effect, Action, Resource: '*' } })
    expect(
      messages(
        statement('\u0410llow', [
          's3:GetObj\u0435ct',
          's3:PutObject\u200b',
          'sqs\uff1aSendMessage',
          's3:List\u00a0Bucket',
          's3:Get\u4e00',
        ]),
      ).map((m) => m.slice(m.indexOf(' ') + 1)),
    ).toEqual([
      'Statement[0]: "Effect": "\u0410llow" is not valid; expected "Allow" or "Deny" (case matters); it holds "\u0410" (U+0410), which looks like "A" but is not ASCII',
      'Statement[0]: "s3:GetObj\u0435ct" is not an IAM action; it holds "\u0435" (U+0435), which looks like "e" but is not ASCII: IAM action names are ASCII; expected "s3:GetObject"',
      'Statement[0]: "s3:PutObject\u200b" is not an IAM action; it holds a zero-width space (U+200B): IAM action names are ASCII; expected "s3:PutObject"',
      'Statement[0]: "sqs\uff1aSendMessage" is not an IAM action; it holds "\uff1a" (U+FF1A), which looks like ":" but is not ASCII: IAM action names are ASCII; expected "sqs:SendMessage"',
      'Statement[0]: "s3:List\u00a0Bucket" is not an IAM action; it holds a no-break space (U+00A0): IAM action names are ASCII; expected "s3:ListBucket"',
      'Statement[0]: "s3:Get\u4e00" is not an IAM action; it holds "\u4e00" (U+4E00), which is not ASCII: IAM action names are ASCII',
    ])
  })

  // aws-security-reference-architecture-examples' patch_mgmt role: `- ec2:CreateImage,` in a YAML list.
  it('says which action is meant when stray commas, quotes or spaces stand around it', () => {
    expect(
      messages(
        '{"Statement": {"Effect": "Allow", "Action": ["ec2:CreateImage,", "\\"ec2:CopyImage\\",", " s3:Get* ", "ec2 CopyImage"], "Resource": "*"}}',
      ),
    ).toEqual([
      '1:46 Statement[0]: "ec2:CreateImage," is not an IAM action; expected "ec2:CreateImage", without the comma',
      '1:66 Statement[0]: "\\"ec2:CopyImage\\"," is not an IAM action; expected "ec2:CopyImage", without the quotes and comma',
      '1:88 Statement[0]: " s3:Get* " is not an IAM action; expected "s3:Get*", without the space',
      '1:101 Statement[0]: "ec2 CopyImage" is not an IAM action; expected service:Action such as s3:GetObject, s3:Get* or *',
    ])
  })

  // A backtracking `[…]+$` took 0.8 s on 40,000 spaces between two letters, and grew as their square.
  it('walks a hostile action of 300,000 spaces between two letters in linear time', {
    timeout: 20_000,
  }, () => {
    const action = `s${' '.repeat(300_000)}x`
    const [message] = messages(
      JSON.stringify({ Statement: { Effect: 'Allow', Action: action, Resource: '*' } }),
    )
    expect(message).toMatch(/is not an IAM action; expected service:Action such as s3:GetObject/)
  })

  // cfn_nag's iam_user_with_inline_policy.json: a statement written as the PolicyDocument itself.
  it('says once that a statement was written without "Statement" around it', () => {
    expect(messages('{\n  "Effect": "Allow",\n  "Resource": "*",\n  "Action": "s3:GetObject"\n}')).toEqual([
      '1:1 not an IAM policy document: "Effect", "Resource" and "Action" are a statement\'s keys, written here without a statement around them; expected {"Version": "2012-10-17", "Statement": [{"Effect": …, "Action": …, "Resource": …}]}',
    ])
    expect(messages('{"Version": "2012-10-17", "Action": "s3:GetObject"}')).toEqual([
      '1:1 not an IAM policy document: "Action" is a statement\'s key, written here without a statement around it; expected {"Version": "2012-10-17", "Statement": [{"Effect": …, "Action": …, "Resource": …}]}',
    ])
    // With a Statement beside it, a stray key is what it is.
    expect(messages('{"Statement": [], "Effect": "Allow"}')[0]).toMatch(/^1:19 unknown key "Effect"/)
  })

  it('rejects duplicate keys and duplicate Sids, which hide what a reviewer reads', () => {
    const text = `{"Statement": [
  {"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Action": "*", "Resource": "*"},
  {"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}
]}`
    expect(messages(text)).toEqual([
      '2:61 Statement[0]: duplicate key "Action"; JSON parsers disagree on which one counts',
      '3:3 "Sid": "A" is already used on line 2; Sids must be unique',
    ])
  })

  it('leaves a Sid known only at deploy time to the deploy: a template or plan placeholder', () => {
    for (const sid of ['${AWS::StackName}Read', 'Read${var.suffix}'])
      expect(
        parse(JSON.stringify({ Statement: { Sid: sid, Effect: 'Allow', Action: '*', Resource: '*' } }))
          .problems,
      ).toEqual([])
  })

  it('takes several empty Sids, as IAM does (the AWS provider for Terraform wrote them)', () => {
    // Pretty-printed and compact: the fast path and the full one.
    for (const text of [
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: '', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
          { Sid: '', Effect: 'Allow', Action: 's3:PutObject', Resource: '*' },
        ],
      }),
      `{"Version": "2012-10-17", "Statement": [
  {"Sid": "", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
  {"Sid": "", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}
]}`,
    ]) {
      for (const parsed of [parse(text), parsePolicyFully('iam/p.json', text)]) {
        expect(parsed.problems).toEqual([])
        expect(parsed.policy?.statements.map((s) => s.sid)).toEqual(['', ''])
      }
    }
  })

  it('reports every problem of every statement in one pass', () => {
    const text = JSON.stringify({
      Statement: [
        { Effect: 'Allow', Action: 'bad', Resource: '*' },
        { Effect: 'Maybe', Action: '*', Resource: '*' },
      ],
    })
    expect(parse(text).problems).toHaveLength(2)
  })

  it('reads a file that starts with a byte order mark', () => {
    expect(
      parse('\uFEFF{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}').problems,
    ).toEqual([])
  })
})
