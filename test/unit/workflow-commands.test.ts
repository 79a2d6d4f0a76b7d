import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as ours from '../../src/github/workflow-commands.js'

/** What a call prints on stdout. */
function printed(call: () => void): string {
  const chunks: string[] = []
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    chunks.push(String(chunk))
    return true
  })
  try {
    call()
  } finally {
    spy.mockRestore()
  }
  return chunks.join('')
}

afterEach(() => {
  vi.unstubAllEnvs()
  process.exitCode = undefined
})

// Values with every character the runner's commands escape.
const tricky = 'a%b\r\nc:d,e — …'
const at = { title: 'iam-policy-drift: t,1', file: 'iam/a:b.json', startLine: 3, startColumn: 7 }

describe('workflow commands', () => {
  it('prints annotations, debug, masks and groups exactly as @actions/core does', async () => {
    const levels = [
      [ours.notice, core.notice],
      [ours.warning, core.warning],
      [ours.error, core.error],
    ] as const
    for (const [our, theirs] of levels) {
      expect(printed(() => our(tricky, at))).toBe(printed(() => theirs(tricky, at)))
      expect(printed(() => our(tricky))).toBe(printed(() => theirs(tricky)))
      // Zero and absent properties are left out, as the runner's parser expects.
      const partial = { file: 'a.json', startLine: 0 }
      expect(printed(() => our('x', partial))).toBe(printed(() => theirs('x', partial)))
    }
    expect(printed(() => ours.debug(tricky))).toBe(printed(() => core.debug(tricky)))
    expect(printed(() => ours.info(tricky))).toBe(printed(() => core.info(tricky)))
    expect(printed(() => ours.setSecret(tricky))).toBe(printed(() => core.setSecret(tricky)))
    expect(printed(() => ours.setFailed(tricky))).toBe(printed(() => core.setFailed(tricky)))
    expect(process.exitCode).toBe(1)

    const lines: string[] = []
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk))
      return true
    })
    try {
      expect(await ours.group('title', async () => 42)).toBe(42)
      await expect(
        ours.group('failing', async () => {
          throw new Error('boom')
        }),
      ).rejects.toThrow('boom')
    } finally {
      spy.mockRestore()
    }
    expect(lines).toEqual(['::group::title\n', '::endgroup::\n', '::group::failing\n', '::endgroup::\n'])
  })

  it('reads inputs as @actions/core does', () => {
    vi.stubEnv('INPUT_FAIL-ON', '  high \n')
    vi.stubEnv('INPUT_MY_INPUT', 'x')
    for (const name of ['fail-on', 'my input', 'absent'])
      expect(ours.getInput(name)).toBe(core.getInput(name))
    expect(ours.getInput('fail-on', { 'INPUT_FAIL-ON': ' low ' })).toBe('low')
  })

  it('writes outputs and state to the runner files, with a fresh delimiter, as @actions/core does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ipd-commands-'))
    for (const [name, ourCall, coreCall] of [
      ['OUTPUT', ours.setOutput, core.setOutput],
      ['STATE', ours.saveState, core.saveState],
    ] as const) {
      const file = join(dir, name)
      await writeFile(file, '')
      vi.stubEnv(`GITHUB_${name}`, file)
      ourCall('report', `multi\nline ${tricky}`)
      const ourText = await readFile(file, 'utf8')
      await writeFile(file, '')
      coreCall('report', `multi\nline ${tricky}`)
      const coreText = await readFile(file, 'utf8')
      const delimiter = /ghadelimiter_[0-9a-f-]{36}/g
      expect(ourText.replace(delimiter, 'D')).toBe(coreText.replace(delimiter, 'D'))
      expect(ourText).toMatch(/^report<<(ghadelimiter_[0-9a-f-]{36})\nmulti\nline .*\n\1\n$/s)
      // Without the runner's file: the old stdout command.
      vi.stubEnv(`GITHUB_${name}`, '')
      expect(printed(() => ourCall('k', 'v'))).toBe(printed(() => coreCall('k', 'v')))
    }
  })

  it('appends to the job summary, and refuses when the runner gave none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ipd-summary-'))
    const file = join(dir, 'summary.md')
    await writeFile(file, 'before\n')
    await ours.appendSummary('## one\n', { GITHUB_STEP_SUMMARY: file })
    await ours.appendSummary('two', { GITHUB_STEP_SUMMARY: file })
    expect(await readFile(file, 'utf8')).toBe('before\n## one\ntwo')
    await expect(ours.appendSummary('x', {})).rejects.toThrow(/GITHUB_STEP_SUMMARY/)
  })
})
