// dist/index.js and dist/post.js as processes, against STS (moto_server), GitHub's OIDC endpoint and the
// Access Analyzer emulator, all on 127.0.0.1 and started here.
import type { ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
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

/** What the fixture's principals use: all of it granted by their policy files, so the usage checks pass. */
const USED: Record<string, object | undefined> = {
  [WEB]: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['sts:GetCallerIdentity'], Resource: '*' }],
  },
  [PUBLISHER]: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::${BucketName}/${ObjectName}' },
    ],
  },
}

async function world(options: EmulatorOptions = {}) {
  const principals = Object.fromEntries(
    [WEB, PUBLISHER].map((arn) => [arn, { policy: USED[arn] as object, ...options.principals?.[arn] }]),
  )
  emulator = await AccessAnalyzerEmulator.start({
    concurrencyQuota: 1,
    ...options,
    principals: { ...options.principals, ...principals },
  })
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

/** A workspace with `count` principals sharing one policy file, for the concurrency tests. */
async function manyPrincipals(count: number): Promise<{ workspace: string; arns: string[] }> {
  const workspace = await mkdtemp(join(tmpdir(), 'ipd-many-'))
  await mkdir(join(workspace, '.github'))
  await mkdir(join(workspace, 'iam'))
  await writeFile(
    join(workspace, 'iam', 'app.json'),
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }],
    }),
  )
  const arns = Array.from({ length: count }, (_, i) => `arn:aws:iam::111122223333:role/app-${i}`)
  const config = [
    'cloudtrail:',
    '  trail-arn: arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail',
    '  access-role-arn: arn:aws:iam::111122223333:role/service-role/AccessAnalyzerMonitorServiceRole',
    'principals:',
    ...arns.flatMap((arn) => [`  - arn: ${arn}`, '    policies: [iam/app.json]']),
  ]
  await writeFile(join(workspace, '.github', 'iam-policy-drift.yml'), `${config.join('\n')}\n`)
  return { workspace, arns }
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

  it('says which permissions the role lacks when Access Analyzer denies it, without retrying', async () => {
    const aa = await world({ deniedOperations: ['StartPolicyGeneration'] })
    const run = await runAction({ workspace: WORKSPACE, inputs: inputs(), env: env(aa) })
    expect(run.exitCode).toBe(1)
    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    expect(report.principals.map((p: { status: string }) => p.status)).toEqual(['failed', 'failed'])
    expect(report.principals[0].error.code).toBe('AccessDeniedException')
    expect(report.principals[0].error.message).toContain(
      'is not authorized to perform: access-analyzer:StartPolicyGeneration',
    )
    expect(report.principals[0].error.message).toContain('iam:PassRole on cloudtrail.access-role-arn')
    // A refusal is final: one attempt per principal.
    expect(aa.requests.filter((r) => r.operation === 'StartPolicyGeneration')).toHaveLength(2)
    expect(run.summary).toContain('AccessDeniedException')
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
    const jobIds = JSON.parse(main.state['in-flight-jobs'] ?? '[]').map((j: { jobId: string }) => j.jobId)
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

  it('rides out 30% throttling and 10% server errors: the same result, no duplicate job', async () => {
    const aa = await world({
      throttleRate: 0.3,
      errorRate: 0.1,
      retryAfterSeconds: 0,
      seed: 4,
      principals: { [WEB]: { latencyMs: 200 }, [PUBLISHER]: { latencyMs: 200 } },
    })
    const run = await runAction({ workspace: WORKSPACE, inputs: inputs(), env: env(aa) })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(aa.jobs.size).toBe(2)
    // Seed 4 gives both kinds of fault among the first requests.
    expect(aa.requests.some((r) => r.status === 429)).toBe(true)
    expect(aa.requests.some((r) => r.status === 500)).toBe(true)
    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    expect(report.principals.map((p: { status: string }) => p.status)).toEqual(['checked', 'checked'])
  })

  it('runs 12 principals under a quota of 5: all complete, never more than 5 in flight, watched together', async () => {
    const { workspace, arns } = await manyPrincipals(12)
    const aa = await world({
      concurrencyQuota: 5,
      principals: Object.fromEntries(arns.map((a) => [a, { latencyMs: 1_200 }])),
    })
    const run = await runAction({ workspace, inputs: inputs({ 'max-concurrent-jobs': '5' }), env: env(aa) })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(Object.keys(JSON.parse(run.outputs['job-ids'] ?? '{}'))).toHaveLength(12)
    expect(aa.jobs.size).toBe(12)
    expect(aa.maxInProgress).toBeLessThanOrEqual(5)
    expect(aa.maxInProgress).toBeGreaterThan(1)
    // Each job is still running at its first poll (1 s): on its own, two GetGeneratedPolicy each. The
    // jobs in flight are looked at through listings of the account instead, and each fetched once.
    const listings = aa.calls('ListPolicyGenerations').filter((r) => !r.path.includes('principalArn='))
    expect(listings.length).toBeGreaterThan(0)
    expect(aa.calls('GetGeneratedPolicy').length + listings.length).toBeLessThan(24)
  })

  it('explains an STS refusal with the role and the trust-policy conditions to check', async () => {
    // STS answering as it does for a token the role's trust policy does not accept.
    const sts = createServer((req, res) => {
      req.resume()
      res.writeHead(403, { 'content-type': 'text/xml' })
      res.end(
        '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>' +
          '<Code>AccessDenied</Code><Message>Not authorized to perform sts:AssumeRoleWithWebIdentity</Message></Error>' +
          '<RequestId>1</RequestId></ErrorResponse>',
      )
    })
    await new Promise<void>((done) => sts.listen(0, '127.0.0.1', done))
    const aa = await world()
    try {
      const { port } = sts.address() as AddressInfo
      const run = await runAction({
        workspace: WORKSPACE,
        inputs: inputs(),
        env: { ...env(aa), AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${port}` },
      })
      expect(run.exitCode).toBe(1)
      const failure = run.commands.filter((c) => c.command === 'error').at(-1)?.message ?? ''
      expect(failure).toContain(`STS refused to let this workflow assume ${ROLE}`)
      expect(failure).toContain('token.actions.githubusercontent.com:sub')
      expect(aa.requests).toEqual([])
    } finally {
      sts.closeAllConnections()
      await new Promise((done) => sts.close(done))
    }
  })

  it('without an OIDC token, runs static checks and calls nothing', async () => {
    const aa = await world()
    const { ACTIONS_ID_TOKEN_REQUEST_URL: _url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: _token, ...noToken } = env(aa)
    const before = oidc.requests.length
    const run = await runAction({
      workspace: WORKSPACE,
      inputs: inputs(),
      env: noToken,
      eventName: 'pull_request',
    })
    expect(run.exitCode).toBe(0)
    expect(run.commands.find((c) => c.command === 'warning')?.message).toMatch(
      /^Static mode: no GitHub OIDC token/,
    )
    expect(aa.requests).toEqual([])
    expect(oidc.requests.length).toBe(before)
  })

  it('compares usage with the repository: would-break, incomplete usage, and what is not observable', async () => {
    const used = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['sts:GetCallerIdentity', 'ec2:DescribeInstances'], Resource: '*' },
      ],
    }
    const aa = await world({ principals: { [WEB]: { policy: used, isComplete: false } } })
    const run = await runAction({ workspace: WORKSPACE, inputs: inputs(), env: env(aa) })
    expect(run.exitCode).toBe(1)
    const report = JSON.parse(await readFile(run.outputs.report as string, 'utf8'))
    const web = report.findings.filter((f: { principal: string }) => f.principal === WEB)
    expect(web.map((f: { kind: string; file: string; line: number }) => [f.kind, f.file, f.line])).toEqual([
      ['would-break', 'iam/web.json', 4],
      ['incomplete-usage', 'iam/web.json', 4],
    ])
    expect(web[0].actions).toEqual(['ec2:DescribeInstances'])
    // DynamoDB item calls are data events: listed as not observable, never unused.
    expect(report.notObservable.map((n: { file: string; actions: string[] }) => [n.file, n.actions])).toEqual(
      [
        ['iam/web.json', ['dynamodb:GetItem']],
        ['iam/web.json', ['dynamodb:PutItem']],
        ['iam/publisher.json', ['s3:PutObject']],
      ],
    )
    expect(run.summary).toContain('Not observable by IAM Access Analyzer (3)')
    // The suggested version of the drifted file grants what was used, next to the report and in the summary.
    expect(report.suggestions.map((x: { file: string }) => x.file)).toEqual(['iam/web.json'])
    const suggested = JSON.parse(
      await readFile(join(run.runnerTemp, 'iam-policy-drift', 'suggested', 'iam', 'web.json'), 'utf8'),
    )
    expect(suggested.Statement.at(-1)).toEqual({
      Sid: 'IamPolicyDriftUsedNotGranted',
      Effect: 'Allow',
      Action: 'ec2:DescribeInstances',
      Resource: '*',
    })
    expect(
      await readFile(join(run.runnerTemp, 'iam-policy-drift', 'suggested', 'iam', 'web.json.diff'), 'utf8'),
    ).toContain('+      "Sid": "IamPolicyDriftUsedNotGranted"')
    expect(run.summary).toContain('Suggested least-privilege <code>iam/web.json</code>')
    expect(run.summary).toContain('```diff')
    const annotated = run.commands
      .filter((c) => c.properties.file === 'iam/web.json')
      .map((c) => `${c.command} ${c.properties.title}`)
    expect(annotated).toEqual([
      'error would-break (high): role/web',
      'notice incomplete-usage (low): role/web',
    ])
  })

  it('puts the usage findings and the suggested diff in the sticky pull request comment', async () => {
    const { GitHubApiEmulator } = await import('../world/github-api.js')
    const github = await GitHubApiEmulator.start()
    try {
      const used = {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['sts:GetCallerIdentity', 'ec2:DescribeInstances'], Resource: '*' },
        ],
      }
      const aa = await world({ principals: { [WEB]: { policy: used } } })
      const event = {
        pull_request: {
          number: 9,
          head: { sha: 'c0ffee', repo: { full_name: 'octo-org/infra' } },
          base: { repo: { full_name: 'octo-org/infra' } },
        },
      }
      const run = await runAction({
        workspace: WORKSPACE,
        inputs: inputs({ 'github-token': 'ghs_writer' }),
        env: { ...env(aa), GITHUB_API_URL: github.url },
        eventName: 'pull_request',
        event,
      })
      expect(run.exitCode).toBe(1)
      const [comment] = github.commentsOn(9)
      expect(comment?.body).toContain('would-break')
      expect(comment?.body).toContain('✅ checked')
      expect(comment?.body).toContain('Suggested least-privilege <code>iam/web.json</code>')
      expect(comment?.body).toContain('https://github.com/octo-org/infra/blob/c0ffee/iam/web.json#L4')
    } finally {
      await github.close()
    }
  })
})
