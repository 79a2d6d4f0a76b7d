import { describe, expect, it } from 'vitest'
import { clientToken, toUsage } from '../../src/aws/collect-usage.js'

const RUN = { repository: 'octo-org/infra', runId: '1001', runAttempt: '1' }
const ROLE = 'arn:aws:iam::111122223333:role/app'

describe('clientToken', () => {
  it('is the same for a retried request and differs by run, attempt and principal', () => {
    const token = clientToken(RUN, ROLE)
    expect(token).toMatch(/^[0-9a-f]{64}$/)
    expect(clientToken(RUN, ROLE)).toBe(token)
    expect(clientToken({ ...RUN, runAttempt: '2' }, ROLE)).not.toBe(token)
    expect(clientToken({ ...RUN, runId: '1002' }, ROLE)).not.toBe(token)
    expect(clientToken(RUN, `${ROLE}2`)).not.toBe(token)
  })
})

describe('toUsage', () => {
  const waitTimeoutMs = 90_000
  it('adds advice to the job errors a user can act on', () => {
    const usage = toUsage(
      {
        principalArn: ROLE,
        status: 'failed',
        jobId: 'j1',
        error: { code: 'SERVICE_QUOTA_EXCEEDED_ERROR', message: 'quota' },
      },
      waitTimeoutMs,
    )
    expect(usage).toMatchObject({ status: 'failed', jobId: 'j1', window: null })
    expect(usage.error?.message).toMatch(
      /^quota The account has used its daily policy generations .* reuse-max-age/,
    )
    const other = toUsage(
      { principalArn: ROLE, status: 'failed', jobId: null, error: { code: 'Weird', message: 'x' } },
      waitTimeoutMs,
    )
    expect(other.error).toEqual({ code: 'Weird', message: 'x' })
  })

  it('says whether a timed-out principal had a job, which was cancelled', () => {
    expect(toUsage({ principalArn: ROLE, status: 'timed-out', jobId: 'j2' }, waitTimeoutMs).error).toEqual({
      code: 'TIMED_OUT',
      message: 'still running after wait-timeout (90 s); the generation was cancelled',
    })
    expect(
      toUsage({ principalArn: ROLE, status: 'timed-out', jobId: null }, waitTimeoutMs).error?.message,
    ).toMatch(/^not started/)
  })

  it('carries the generated policy and where it came from, reused or not', () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [] })
    const usage = toUsage(
      {
        principalArn: ROLE,
        status: 'checked',
        jobId: 'j3',
        reused: true,
        snapshot: {
          jobId: 'j3',
          status: 'SUCCEEDED',
          startedOn: Date.parse('2026-11-30T02:00:00Z'),
          completedOn: Date.parse('2026-11-30T02:05:00Z'),
          error: undefined,
          isComplete: false,
          policies: [policy],
          trails: [],
          window: { start: '2026-10-31T02:00:00.000Z', end: '2026-11-30T02:00:00.000Z' },
        },
      },
      waitTimeoutMs,
      true,
    )
    expect(usage).toEqual({
      arn: ROLE,
      status: 'checked',
      usage: {
        source: 'policy-generation',
        reused: true,
        completedAt: '2026-11-30T02:05:00.000Z',
        serviceLevel: true,
      },
      jobId: 'j3',
      error: null,
      window: { start: '2026-10-31T02:00:00.000Z', end: '2026-11-30T02:00:00.000Z' },
      isComplete: false,
      generatedPolicies: [policy],
    })
  })
})
