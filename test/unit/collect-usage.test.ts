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
  const settings = { waitTimeoutMs: 90_000 }
  it('adds advice to the job errors a user can act on', () => {
    const usage = toUsage(
      {
        principalArn: ROLE,
        status: 'failed',
        jobId: 'j1',
        error: { code: 'SERVICE_QUOTA_EXCEEDED_ERROR', message: 'quota' },
      },
      settings,
    )
    expect(usage).toMatchObject({ status: 'failed', jobId: 'j1', window: null })
    expect(usage.error?.message).toMatch(
      /^quota The account has used its daily policy generations .* reuse-max-age/,
    )
    const other = toUsage(
      { principalArn: ROLE, status: 'failed', jobId: null, error: { code: 'Weird', message: 'x' } },
      settings,
    )
    expect(other.error).toEqual({ code: 'Weird', message: 'x' })
  })

  it('says whether a timed-out principal had a job, which was cancelled', () => {
    expect(toUsage({ principalArn: ROLE, status: 'timed-out', jobId: 'j2' }, settings).error).toEqual({
      code: 'TIMED_OUT',
      message: 'still running after wait-timeout (90 s); the generation was cancelled',
    })
    expect(
      toUsage({ principalArn: ROLE, status: 'timed-out', jobId: null }, settings).error?.message,
    ).toMatch(/^not started/)
  })
})
