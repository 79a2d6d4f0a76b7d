import { applyEdits, type FormattingOptions, modify } from 'jsonc-parser'
import { describe, expect, it } from 'vitest'
import { editPolicyText, type StatementEdit } from '../../src/analysis/policy-edit.js'
import { seeded } from '../world/random.js'

/** What editPolicyText made before its formatting was made in one pass: jsonc-parser's modify, formatting. */
function reference(original: string, edits: readonly StatementEdit[], added: readonly object[]): string {
  const indented = /^([ \t]+)\S/m.exec(original)?.[1] ?? '  '
  const formattingOptions: FormattingOptions = {
    insertSpaces: !indented.startsWith('\t'),
    tabSize: indented.startsWith('\t') ? 1 : indented.length,
    eol: original.includes('\r\n') ? '\r\n' : '\n',
  }
  let text = original
  for (let i = edits.length - 1; i >= 0; i--) {
    const edit = edits[i] as StatementEdit
    if (edit.kind === 'keep') continue
    const options = edit.kind === 'drop' ? {} : { formattingOptions }
    text = applyEdits(
      text,
      modify(text, ['Statement', i], edit.kind === 'drop' ? undefined : edit.statement, options),
    )
  }
  let length = edits.filter((e) => e.kind !== 'drop').length
  for (const statement of added)
    text = applyEdits(
      text,
      modify(text, ['Statement', length++], statement, { formattingOptions, isArrayInsertion: true }),
    )
  return text
}

describe('policy files edited in place', () => {
  it('lays out replaced and added statements as jsonc-parser formats them (property, 400 random cases)', () => {
    const random = seeded(15)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
    const ACTIONS = [
      's3:GetObject',
      's3:PutObject',
      'sqs:SendMessage',
      'ec2:DescribeInstances',
      'kms:Decrypt',
    ]
    const statement = (): object => {
      const actions = ACTIONS.filter(() => random() < 0.5)
      return {
        ...(random() < 0.3 && { Sid: `S${Math.floor(random() * 100)}` }),
        Effect: pick(['Allow', 'Deny']),
        Action: actions.length === 1 || random() < 0.2 ? (actions[0] ?? 's3:GetObject') : actions,
        Resource: random() < 0.5 ? '*' : ['arn:aws:s3:::b/*', 'arn:aws:s3:::c'],
        ...(random() < 0.2 && { Condition: { StringEquals: { 'aws:PrincipalTag/team': ['a', 'b'] } } }),
      }
    }
    for (let n = 0; n < 400; n++) {
      const indent = pick(['  ', '    ', '\t'])
      const eol = pick(['\n', '\r\n'])
      const count = 1 + Math.floor(random() * 4)
      const statements = Array.from({ length: count }, statement)
      const original = `${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, indent).replaceAll('\n', eol)}${eol}`
      const edits = statements.map((): StatementEdit => {
        const r = random()
        return r < 0.4
          ? { kind: 'keep' }
          : r < 0.6
            ? { kind: 'drop' }
            : { kind: 'replace', statement: statement() }
      })
      // A file keeps at least one statement (a policy needs one).
      if (!edits.some((e) => e.kind !== 'drop')) edits[0] = { kind: 'keep' }
      const added = Array.from({ length: Math.floor(random() * 3) }, statement)
      const made = editPolicyText(original, edits, added, () => 'fresh')
      expect(made, `case ${n}`).toBe(reference(original, edits, added))
    }
  })

  // Not a speed target (~0.1 s here): a guard. Each statement changed in place was found again by its
  // path, reading the whole file: 4,000 statements of 0.8 MB, each changed, took over a minute.
  it('writes a huge file afresh, and edits a file of the size IAM takes in place', {
    timeout: 10_000,
  }, () => {
    const file = (count: number) => {
      const statements = Array.from({ length: count }, (_, i) => ({
        Sid: `S${i}`,
        Effect: 'Allow',
        Action: ['sqs:SendMessage', 'sqs:DeleteQueue'],
        Resource: `arn:aws:sqs:us-east-1:111122223333:queue-${i}`,
      }))
      const original = `${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)}\n`
      const edits = statements.map(
        (s): StatementEdit => ({ kind: 'replace', statement: { ...s, Action: 'sqs:SendMessage' } }),
      )
      return { original, edits }
    }
    const huge = file(4_000)
    expect(editPolicyText(huge.original, huge.edits, [], () => 'fresh')).toBe('fresh')
    const small = file(40)
    const edited = editPolicyText(small.original, small.edits, [], () => 'fresh')
    expect(edited).toBe(reference(small.original, small.edits, []))
    expect(edited).toContain('"Action": "sqs:SendMessage"')
  })
})
