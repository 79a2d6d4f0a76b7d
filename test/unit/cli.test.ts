// The command line's terminal manners, through cli() with a pretend terminal: colour and one progress
// line rewritten in place, which it clears before the report; NO_COLOR and --no-color turn colour off.
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
})
