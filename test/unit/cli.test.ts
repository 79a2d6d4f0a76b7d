// The command line's terminal manners, through cli() with a pretend terminal: colour and one progress
// line rewritten in place, which it clears before the report; NO_COLOR and --no-color turn colour off.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../../src/cli.js'
import { REPO_ROOT } from '../world/runner.js'

function terminal(env: NodeJS.ProcessEnv = {}) {
  const out = { text: '', isTTY: true, write: (t: string) => (out.text += t) }
  const err = { text: '', isTTY: true, write: (t: string) => (err.text += t) }
  return { io: { stdout: out, stderr: err, env, cwd: join(REPO_ROOT, 'examples') }, out, err }
}

describe('the command line on a terminal', () => {
  it('shows progress on one line, cleared before the report, and colours the report', async () => {
    const { io, out, err } = terminal()
    expect(await cli(['check'], io)).toBe(1)
    expect(err.text).toContain('Reading .github/iam-policy-drift.yml and the files it names')
    expect(err.text).toContain('\r\x1b[KChecking 3 principal(s)')
    expect(err.text.endsWith('\r\x1b[K')).toBe(true)
    expect(out.text).toContain('\x1b[1m')
  })

  it('leaves colour out with NO_COLOR or --no-color', async () => {
    const first = terminal({ NO_COLOR: '1' })
    await cli(['check'], first.io)
    const second = terminal()
    await cli(['check', '--no-color'], second.io)
    expect(first.out.text).not.toContain('\x1b[')
    expect(second.out.text).toBe(first.out.text)
  })

  it('prints what a source notes of how it read the code (an undecided condition)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ipd-cli-note-'))
    try {
      await mkdir(join(root, '.github'))
      await writeFile(join(root, '.github', 'iam-policy-drift.yml'), 'cloudformation:\n  - template: t.yml\n')
      await writeFile(
        join(root, 't.yml'),
        [
          'Conditions:',
          '  InEu: !Equals [!Ref AWS::Region, eu-west-1]',
          'Resources:',
          '  R:',
          '    Type: AWS::IAM::Role',
          '    Properties:',
          '      RoleName: r',
          '      Policies:',
          '        - PolicyName: p',
          '          PolicyDocument:',
          '            Statement:',
          '              - Effect: Allow',
          '                Action: !If [InEu, s3:GetObject, s3:PutObject]',
          "                Resource: '*'",
          '',
        ].join('\n'),
      )
      const { io, err } = terminal()
      await cli(['check', '--workspace', root], io)
      expect(err.text).toContain('note: t.yml:2:3: the condition InEu depends on values not known here')
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
