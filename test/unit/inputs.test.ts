import { describe, expect, it } from 'vitest'
import { parseDuration, readSettings } from '../../src/config/inputs.js'

const read = (inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
  readSettings((name) => inputs[name] ?? '', env)

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['45', 45_000],
    [' 0 ', 0],
    ['500ms', 500],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it.each(['', '10 minutes', '1.5h', '-5s', 'h', '10M', '5w'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined()
  })
})

describe('readSettings', () => {
  it('applies the defaults of action.yml when inputs are empty', () => {
    const { settings, problems } = read({})
    expect(problems).toEqual([])
    expect(settings).toEqual({
      roleToAssume: undefined,
      awsRegion: undefined,
      audience: 'sts.amazonaws.com',
      roleSessionName: 'iam-policy-drift',
      configPath: '.github/iam-policy-drift.yml',
      githubToken: '',
      failOn: 'medium',
      failOnScope: 'new',
      comment: 'auto',
      waitTimeoutMs: 1_800_000,
      maxConcurrentJobs: 1,
      reuseMaxAgeMs: 86_400_000,
      usageSource: 'policy-generation',
      maxGenerations: 20,
      sarifFile: undefined,
    })
  })

  it('falls back to AWS_REGION, then AWS_DEFAULT_REGION', () => {
    expect(read({}, { AWS_DEFAULT_REGION: 'eu-west-1' }).settings.awsRegion).toBe('eu-west-1')
    expect(read({}, { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'eu-west-1' }).settings.awsRegion).toBe(
      'us-west-2',
    )
    expect(read({ 'aws-region': 'ap-south-1' }, { AWS_REGION: 'us-west-2' }).settings.awsRegion).toBe(
      'ap-south-1',
    )
  })

  it('reads valid values', () => {
    const { settings, problems } = read({
      'role-to-assume': 'arn:aws:iam::111122223333:role/gha/iam-policy-drift',
      'fail-on': 'critical',
      comment: 'never',
      'wait-timeout': '90s',
      'max-concurrent-jobs': '5',
      'reuse-max-age': '0',
      'sarif-file': 'out/drift.sarif',
      'usage-source': 'auto',
      'max-generations': '0',
    })
    expect(problems).toEqual([])
    expect(settings).toMatchObject({
      roleToAssume: 'arn:aws:iam::111122223333:role/gha/iam-policy-drift',
      failOn: 'critical',
      comment: 'never',
      waitTimeoutMs: 90_000,
      maxConcurrentJobs: 5,
      reuseMaxAgeMs: 0,
      sarifFile: 'out/drift.sarif',
      usageSource: 'auto',
      maxGenerations: 0,
    })
  })

  it('reports every bad value at once, naming the input, the value and what was expected', () => {
    const { problems } = read({
      'role-to-assume': 'iam-policy-drift',
      'aws-region': 'Europe',
      'role-session-name': 'a b',
      'fail-on': 'hihg',
      comment: 'sometimes',
      'wait-timeout': '0',
      'max-concurrent-jobs': '2.5',
      'reuse-max-age': '1 day',
      'usage-source': 'cloudtrail',
      'max-generations': '-1',
    })
    expect(problems.map((p) => p.message)).toEqual([
      `input 'role-to-assume': "iam-policy-drift" is not valid; expected an IAM role ARN such as arn:aws:iam::111122223333:role/iam-policy-drift`,
      `input 'aws-region': "Europe" is not valid; expected a region code such as us-east-1`,
      `input 'role-session-name': "a b" is not valid; expected 2 to 64 characters of letters, digits and +=,.@_-`,
      `input 'max-concurrent-jobs': "2.5" is not valid; expected a whole number from 1 to 100`,
      `input 'max-generations': "-1" is not valid; expected a whole number from 0 to 1000`,
      `input 'fail-on': "hihg" is not valid; expected one of critical, high, medium, low, never`,
      `input 'comment': "sometimes" is not valid; expected one of auto, always, never`,
      `input 'wait-timeout': "0" is not valid; expected a duration such as 90s, 10m or 1h (a bare number is seconds), above 0`,
      `input 'reuse-max-age': "1 day" is not valid; expected a duration such as 90s, 10m or 1h (a bare number is seconds)`,
      `input 'usage-source': "cloudtrail" is not valid; expected one of policy-generation, last-accessed, auto`,
    ])
  })
})
