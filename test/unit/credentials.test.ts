// Sessions that outlast a wait: the provider every AWS client asks renews credentials five minutes
// before they expire (role chaining caps a session at one hour), once for all who ask meanwhile.
import { describe, expect, it } from 'vitest'
import { renewing, type TemporaryCredentials } from '../../src/aws/credentials.js'

const HOUR = 3_600_000

describe('renewing', () => {
  it('keeps a session until five minutes before it expires, then renews it once for every caller', async () => {
    let clock = 0
    let fetched = 0
    const session = (n: number): TemporaryCredentials => ({
      accessKeyId: `ASIA${n}`,
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: new Date(clock + HOUR),
    })
    const provider = renewing(
      async () => session(++fetched),
      session(0),
      () => clock,
    )
    expect((await provider()).accessKeyId).toBe('ASIA0')
    clock = HOUR - 6 * 60_000
    expect((await provider()).accessKeyId).toBe('ASIA0')
    expect(fetched).toBe(0)
    clock = HOUR - 4 * 60_000
    const asked = await Promise.all([provider(), provider(), provider()])
    expect(asked.map((c) => c.accessKeyId)).toEqual(['ASIA1', 'ASIA1', 'ASIA1'])
    expect(fetched).toBe(1)
    // The renewed session lasts an hour from its renewal.
    clock += 30 * 60_000
    expect((await provider()).accessKeyId).toBe('ASIA1')
    expect(fetched).toBe(1)
  })

  it('asks again after a renewal that failed', async () => {
    let calls = 0
    const provider = renewing(async () => {
      calls++
      if (calls === 1) throw new Error('AccessDenied')
      return { accessKeyId: 'ASIA2', secretAccessKey: 's', sessionToken: 't' }
    })
    await expect(provider()).rejects.toThrow('AccessDenied')
    expect((await provider()).accessKeyId).toBe('ASIA2')
    // Without an expiry it is kept.
    await provider()
    expect(calls).toBe(2)
  })
})
