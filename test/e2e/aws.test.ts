// dist/index.js and dist/post.js as processes, against STS (moto_server), GitHub's OIDC endpoint and the
// Access Analyzer emulator, all on 127.0.0.1 and started here.
import type { ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AccessAnalyzerEmulator, type EmulatorOptions } from '../world/access-analyzer.js'
import { type ActionRun, REPO_ROOT, runAction } from '../world/runner.js'
import { type OidcServer, type Stoppable, startMoto, startOidc } from '../world/servers.js'

const WORKSPACE = join(REPO_ROOT, 'test', 'fixtures', 'clean')
const WEB = 'arn:aws:iam::111122223333:role/web'
const PUBLISHER = 'arn:aws:iam::111122223333:user/ci/publisher'
const ROLE = 'arn:aws:iam::111122223333:role/iam-policy-drift'

let moto: Stoppable
let oidc: OidcServer
let emulator: AccessAnalyzerEmulator | undefined

beforeAll(async () => {
  ;[moto, oidc] = await Promise.all([startMoto(), startOidc()])
})
afterAll(async () => {
  await Promise.all([moto?.close(), oidc?.close()])
})
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

async function world(options: EmulatorOptions = {}) {
  emulator = await AccessAnalyzerEmulator.start({ concurrencyQuota: 1, ...options })
  return emulator
}

function env(aa: AccessAnalyzerEmulator, runId = '2001'): Record<string, string> {
  return {
    ...oidc.env,
    AWS_ENDPOINT_URL_STS: moto.url,
    AWS_ENDPOINT_URL_ACCESSANALYZER: aa.url,
    AWS_REGION: 'us-east-1',
    GITHUB_RUN_ID: runId,
  }
}

const inputs = (more: Record<string, string> = {}) => ({
  'role-to-assume': ROLE,
  'wait-timeout': '30s',
  ...more,
})

/** Values the action masked (`::add-mask::`), and whether any of them shows anywhere else in the output. */
function leaks(run: ActionRun): { masked: string[]; leaked: string[] } {
  const masked = run.commands.filter((c) => c.command === 'add-mask').map((c) => c.message)
  const other = run.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n')
  return { masked, leaked: masked.filter((m) => other.includes(m) || run.stderr.includes(m)) }
}

/** An onSpawn hook that acts on the action's process once the emulator has seen a job start. */
function onFirstJob(
  aa: AccessAnalyzerEmulator,
  act: (child: ChildProcess) => void,
): (child: ChildProcess) => void {
  return (child) => {
    const poll = setInterval(() => {
      if (aa.jobs.size === 0) return
      clearInterval(poll)
      act(child)
    }, 50)
    child.once('exit', () => clearInterval(poll))
  }
}

describe('with AWS', () => {
  it('assumes the role with OIDC, masks the credentials, and checks each principal with its own job', async () => {
    const aa = await world({ principals: { [WEB]: { latencyMs: 300 }, [PUBLISHER]: { latencyMs: 300 } } })
    const run = await runAction({
      workspace: WORKSPACE,
      inputs: inputs(),
      env: env(aa),
      eventName: 'pull_request',
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(oidc.requests.at(-1)).toEqual({
      audience: 'sts.amazonaws.com',
      authorization: 'Bearer runtime-token',
    })
    // Temporary credentials from STS sign every Access Analyzer call.
    const keys = new Set(aa.requests.map((r) => r.accessKeyId))
    expect([...keys]).toHaveLength(1)
    expect([...keys][0]).toMatch(/^ASIA/)
    const { masked, leaked } = leaks(run)
    expect(masked).toEqual(expect.arrayContaining([oidc.token, [...keys][0]]))
    expect(masked.length).toBeGreaterThanOrEqual(4)
    expect(leaked).toEqual([])

    expect(aa.calls('StartPolicyGeneration')).toHaveLength(2)
    const jobIds = JSON.parse(run.outputs['job-ids'] ?? '{}')
    expect(Object.keys(jobIds).sort()).toEqual([PUBLISHER, WEB].sort())
    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    expect(report.staticMode).toBeNull()
    expect(report.principals.map((p: { status: string }) => p.status)).toEqual(['checked', 'checked'])
    expect(report.principals[0].window.start).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(run.summary).toContain('✅ checked')
    expect(run.commands.some((c) => c.command === 'warning' && c.message.startsWith('Static mode'))).toBe(
      false,
    )
    // Every request was sent as the service's own clientToken contract wants it.
    const started = aa
      .calls('StartPolicyGeneration')
      .map((r) => (r.body as { clientToken: string }).clientToken)
    expect(new Set(started).size).toBe(2)
  })

  it('reuses the results of an earlier run: a rerun within reuse-max-age starts no job', async () => {
    const aa = await world({ principals: { [WEB]: { latencyMs: 100 }, [PUBLISHER]: { latencyMs: 100 } } })
    const first = await runAction({ workspace: WORKSPACE, inputs: inputs(), env: env(aa, '3001') })
    const second = await runAction({ workspace: WORKSPACE, inputs: inputs(), env: env(aa, '3002') })
    expect(first.exitCode).toBe(0)
    expect(second.exitCode).toBe(0)
    expect(aa.calls('StartPolicyGeneration')).toHaveLength(2)
    expect(second.outputs['job-ids']).toBe(first.outputs['job-ids'])
    expect(second.stdout).toContain('reusing generation')
    const never = await runAction({
      workspace: WORKSPACE,
      inputs: inputs({ 'reuse-max-age': '0' }),
      env: env(aa, '3003'),
    })
    expect(never.exitCode).toBe(0)
    expect(aa.calls('StartPolicyGeneration')).toHaveLength(4)
  })

  it('names a FAILED principal with its code, reports the other, and fails the run', async () => {
    const aa = await world({
      principals: { [WEB]: { fail: 'AUTHORIZATION_ERROR', latencyMs: 100 }, [PUBLISHER]: { latencyMs: 100 } },
    })
    const run = await runAction({ workspace: WORKSPACE, inputs: inputs(), env: env(aa) })
    expect(run.exitCode).toBe(1)
    const errors = run.commands.filter((c) => c.command === 'error').map((c) => c.message)
    expect(errors.some((m) => m.includes(WEB) && m.includes('AUTHORIZATION_ERROR'))).toBe(true)
    expect(errors.at(-1)).toBe(`1 principal could not be checked (${WEB}).`)
    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    expect(report.principals.map((p: { status: string }) => p.status)).toEqual(['failed', 'checked'])
    expect(report.principals[0].error.code).toBe('AUTHORIZATION_ERROR')
  })

  it('cancels a job still running at wait-timeout and says it timed out', async () => {
    const aa = await world({ principals: { [WEB]: { neverFinish: true } } })
    const run = await runAction({
      workspace: WORKSPACE,
      inputs: inputs({ 'wait-timeout': '4s' }),
      env: env(aa),
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('timed out')
    expect(aa.calls('CancelPolicyGeneration')).toHaveLength(1)
    expect(aa.inProgress()).toBe(0)
    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    expect(report.principals.map((p: { status: string }) => p.status)).toEqual(['timed-out', 'timed-out'])
  })

  it('cancels the jobs in flight on SIGTERM (a cancelled workflow)', async () => {
    const aa = await world({ principals: { [WEB]: { neverFinish: true } } })
    const run = await runAction({
      workspace: WORKSPACE,
      inputs: inputs(),
      env: env(aa),
      onSpawn: onFirstJob(aa, (child) => child.kill('SIGTERM')),
    })
    expect(run.stdout).toContain('Received SIGTERM')
    expect(aa.calls('CancelPolicyGeneration')).toHaveLength(1)
    expect(aa.inProgress()).toBe(0)
    expect(run.exitCode).toBe(1)
  })

  it('lets the post step cancel what a killed main step left running', async () => {
    const aa = await world({ principals: { [WEB]: { neverFinish: true } } })
    const main = await runAction({
      workspace: WORKSPACE,
      inputs: inputs(),
      env: env(aa),
      onSpawn: onFirstJob(aa, (child) => setTimeout(() => child.kill('SIGKILL'), 100)),
    })
    expect(main.exitCode).toBeNull()
    expect(aa.inProgress()).toBe(1)
    const jobIds = JSON.parse(main.state['in-flight-jobs'] ?? '[]')
    expect(jobIds).toEqual([...aa.jobs.keys()])
    const post = await runAction({
      workspace: WORKSPACE,
      entry: 'dist/post.js',
      inputs: inputs(),
      env: env(aa),
      state: main.state,
    })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(`Cancelled policy generation ${jobIds[0]}`)
    expect(aa.inProgress()).toBe(0)
  })
})
