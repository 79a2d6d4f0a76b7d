// The emulator against the real AWS SDK client: what the engine's tests rely on.
import {
  CancelPolicyGenerationCommand,
  GetGeneratedPolicyCommand,
  ListPolicyGenerationsCommand,
  ServiceQuotaExceededException,
  StartPolicyGenerationCommand,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-accessanalyzer'
import { afterEach, describe, expect, it } from 'vitest'
import { AccessAnalyzerEmulator, type EmulatorOptions } from '../world/access-analyzer.js'

const ROLE = 'arn:aws:iam::111122223333:role/app'
const TRAIL = {
  trails: [{ cloudTrailArn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail', allRegions: true }],
  accessRole: 'arn:aws:iam::111122223333:role/service-role/AccessAnalyzerMonitorServiceRole',
  startTime: new Date(Date.now() - 30 * 86_400_000),
  endTime: new Date(),
}

let emulator: AccessAnalyzerEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

async function world(options: EmulatorOptions = {}) {
  emulator = await AccessAnalyzerEmulator.start(options)
  const client = emulator.client()
  return { emulator, client }
}

describe('Access Analyzer emulator', () => {
  it('runs a job from start to SUCCEEDED, with the generated policy and CloudTrail properties', async () => {
    const { client, emulator } = await world({ principals: { [ROLE]: { latencyMs: 50, isComplete: false } } })
    const { jobId } = await client.send(
      new StartPolicyGenerationCommand({
        policyGenerationDetails: { principalArn: ROLE },
        cloudTrailDetails: TRAIL,
        clientToken: 'token-1',
      }),
    )
    const running = await client.send(
      new GetGeneratedPolicyCommand({ jobId, includeResourcePlaceholders: true }),
    )
    expect(running.jobDetails?.status).toBe('IN_PROGRESS')
    expect(running.jobDetails?.startedOn).toBeInstanceOf(Date)
    await new Promise((r) => setTimeout(r, 80))
    const done = await client.send(
      new GetGeneratedPolicyCommand({ jobId, includeResourcePlaceholders: true }),
    )
    expect(done.jobDetails).toMatchObject({ jobId, status: 'SUCCEEDED' })
    expect(done.jobDetails?.completedOn).toBeInstanceOf(Date)
    expect(done.generatedPolicyResult?.properties).toMatchObject({ principalArn: ROLE, isComplete: false })
    expect(
      done.generatedPolicyResult?.properties?.cloudTrailProperties?.trailProperties?.[0]?.cloudTrailArn,
    ).toBe(TRAIL.trails[0]?.cloudTrailArn)
    expect(JSON.parse(done.generatedPolicyResult?.generatedPolicies?.[0]?.policy ?? '')).toHaveProperty(
      'Statement',
    )
    expect(emulator.calls('GetGeneratedPolicy')[0]?.path).toContain('includeResourcePlaceholders=true')
    expect(emulator.requests[0]?.accessKeyId).toBe('ASIATESTKEY')
  })

  it('keeps clientToken idempotent and lists jobs by principal, newest first', async () => {
    const { client } = await world({ concurrencyQuota: 5 })
    const input = {
      policyGenerationDetails: { principalArn: ROLE },
      cloudTrailDetails: TRAIL,
      clientToken: 'same',
    }
    const a = await client.send(new StartPolicyGenerationCommand(input))
    const b = await client.send(new StartPolicyGenerationCommand(input))
    expect(b.jobId).toBe(a.jobId)
    const list = await client.send(new ListPolicyGenerationsCommand({ principalArn: ROLE }))
    expect(list.policyGenerations?.map((g) => g.jobId)).toEqual([a.jobId])
  })

  it('cancels, refuses a second job over the quota, and validates inputs', async () => {
    const { client } = await world({ principals: { [ROLE]: { neverFinish: true } } })
    const { jobId } = await client.send(
      new StartPolicyGenerationCommand({
        policyGenerationDetails: { principalArn: ROLE },
        cloudTrailDetails: TRAIL,
      }),
    )
    await expect(
      client.send(
        new StartPolicyGenerationCommand({
          policyGenerationDetails: { principalArn: ROLE },
          cloudTrailDetails: TRAIL,
        }),
      ),
    ).rejects.toBeInstanceOf(ServiceQuotaExceededException)
    await client.send(new CancelPolicyGenerationCommand({ jobId }))
    expect((await client.send(new GetGeneratedPolicyCommand({ jobId }))).jobDetails?.status).toBe('CANCELED')
    const invalid = client.send(
      new StartPolicyGenerationCommand({
        policyGenerationDetails: { principalArn: 'arn:aws:iam::1:group/x' },
        cloudTrailDetails: TRAIL,
      }),
    )
    await expect(invalid).rejects.toBeInstanceOf(ValidationException)
    await expect(invalid).rejects.toMatchObject({ reason: 'fieldValidationFailed' })
  })

  it('answers 429 with Retry-After when told to throttle', async () => {
    const { client } = await world({ throttleRate: 1, retryAfterSeconds: 3 })
    const error = await client.send(new ListPolicyGenerationsCommand({})).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ThrottlingException)
    expect((error as ThrottlingException).retryAfterSeconds).toBe(3)
    expect((error as ThrottlingException).$metadata.httpStatusCode).toBe(429)
  })
})
