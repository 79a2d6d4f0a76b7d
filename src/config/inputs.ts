import type { FailOn } from '../vocabulary/findings.js'
import { type Problem, quote } from '../vocabulary/problems.js'
import type { ShardInfo } from '../vocabulary/shard.js'
import { DAY_MS } from '../vocabulary/time.js'
import { isRegion, isRoleArn } from './arns.js'

export type CommentMode = 'auto' | 'always' | 'never'
/**
 * Where usage comes from: Access Analyzer's policy generation, IAM's last-accessed data, or `auto`:
 * generation within each account's max-generations, last-accessed data for the rest.
 */
export type UsageSource = 'policy-generation' | 'last-accessed' | 'auto'

/** The config a run reads when the `config` input names none. */
export const DEFAULT_CONFIG_PATH = '.github/iam-policy-drift.yml'

/** The action's inputs, read once and validated (SPEC.md, action.yml). */
export interface Settings {
  readonly roleToAssume: string | undefined
  readonly awsRegion: string | undefined
  readonly audience: string
  readonly roleSessionName: string
  /** Config file path relative to the workspace, as given. */
  readonly configPath: string
  readonly githubToken: string
  readonly failOn: FailOn
  /** On pull requests: fail only on findings the pull request introduces (`new`), or on all. */
  readonly failOnScope: 'new' | 'all'
  readonly comment: CommentMode
  readonly waitTimeoutMs: number
  readonly maxConcurrentJobs: number
  /** 0 = never reuse a generation. */
  readonly reuseMaxAgeMs: number
  readonly usageSource: UsageSource
  /** The most policy generations this run may start per account. */
  readonly maxGenerations: number
  /** `shard: K/N`: check only the K-th of N parts of the principals. */
  readonly shard: ShardInfo | undefined
  /** `merge-reports:` a glob of shards' JSON reports: merge them instead of checking. */
  readonly mergeReports: string | undefined
  readonly sarifFile: string | undefined
}

const FAIL_ON: readonly FailOn[] = ['critical', 'high', 'medium', 'low', 'never']
const COMMENT: readonly CommentMode[] = ['auto', 'always', 'never']
const USAGE_SOURCES: readonly UsageSource[] = ['policy-generation', 'last-accessed', 'auto']
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS }
// IAM's rule for RoleSessionName.
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/

/** `K/N`, 1 ≤ K ≤ N ≤ 256 (input `shard`); undefined when the text is not one. */
export function parseShard(text: string): ShardInfo | undefined {
  const match = /^(\d{1,3})\/(\d{1,3})$/.exec(text.trim())
  if (!match) return undefined
  const index = Number(match[1])
  const count = Number(match[2])
  return index >= 1 && index <= count && count <= 256 ? { index, count } : undefined
}

/**
 * Parses `90s`, `10m`, `1h`, `1h30m`, `2d` or a bare number of seconds into milliseconds. Anything else
 * is undefined: a typo must be an error, not a silent default.
 */
export function parseDuration(text: string): number | undefined {
  const value = text.trim()
  if (/^\d+$/.test(value)) return Number(value) * 1000
  if (!/^(\d+(ms|s|m|h|d))+$/.test(value)) return undefined
  let total = 0
  for (const [, amount, unit] of value.matchAll(/(\d+)(ms|s|m|h|d)/g)) {
    total += Number(amount) * (UNIT_MS[unit as string] as number)
  }
  return total
}

/**
 * Reads every input through `getInput` (`core.getInput` in the action) and reports all bad values at
 * once. `env` supplies the AWS SDK's region fallbacks.
 */
export function readSettings(
  getInput: (name: string) => string,
  env: NodeJS.ProcessEnv,
): { settings: Settings; problems: Problem[] } {
  const problems: Problem[] = []
  const input = (name: string) => getInput(name).trim()
  const bad = (name: string, value: string, expected: string) =>
    problems.push({ message: `input '${name}': ${quote(value)} is not valid; expected ${expected}` })

  function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = input(name) || fallback
    if ((allowed as readonly string[]).includes(value)) return value as T
    bad(name, value, `one of ${allowed.join(', ')}`)
    return fallback
  }

  function duration(name: string, fallback: string, allowZero: boolean): number {
    const value = input(name) || fallback
    const ms = parseDuration(value)
    if (ms === undefined || (!allowZero && ms === 0)) {
      bad(
        name,
        value,
        `a duration such as 90s, 10m or 1h (a bare number is seconds)${allowZero ? '' : ', above 0'}`,
      )
      return parseDuration(fallback) as number
    }
    return ms
  }

  const roleToAssume = input('role-to-assume') || undefined
  if (roleToAssume && !isRoleArn(roleToAssume)) {
    bad(
      'role-to-assume',
      roleToAssume,
      'an IAM role ARN such as arn:aws:iam::111122223333:role/iam-policy-drift',
    )
  }
  const awsRegion = input('aws-region') || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined
  if (awsRegion && !isRegion(awsRegion)) bad('aws-region', awsRegion, 'a region code such as us-east-1')
  const roleSessionName = input('role-session-name') || 'iam-policy-drift'
  if (!SESSION_NAME.test(roleSessionName)) {
    bad('role-session-name', roleSessionName, '2 to 64 characters of letters, digits and +=,.@_-')
  }
  const maxJobsText = input('max-concurrent-jobs') || '1'
  let maxConcurrentJobs = Number(maxJobsText)
  if (!/^\d+$/.test(maxJobsText) || maxConcurrentJobs < 1 || maxConcurrentJobs > 100) {
    bad('max-concurrent-jobs', maxJobsText, 'a whole number from 1 to 100')
    maxConcurrentJobs = 1
  }
  const maxGenerationsText = input('max-generations') || '20'
  let maxGenerations = Number(maxGenerationsText)
  if (!/^\d+$/.test(maxGenerationsText) || maxGenerations > 1000) {
    bad('max-generations', maxGenerationsText, 'a whole number from 0 to 1000')
    maxGenerations = 20
  }
  const configPath = input('config') || DEFAULT_CONFIG_PATH
  const shardText = input('shard')
  const shard = shardText ? parseShard(shardText) : undefined
  if (shardText && !shard)
    bad('shard', shardText, 'K/N with 1 ≤ K ≤ N ≤ 256, such as 2/5 (from a strategy.matrix)')
  const mergeReports = input('merge-reports') || undefined
  if (shard && mergeReports)
    problems.push({
      message:
        "inputs 'shard' and 'merge-reports' are for different jobs: the shards check, then one job merges their reports",
    })

  const settings: Settings = {
    roleToAssume,
    awsRegion,
    audience: input('audience') || 'sts.amazonaws.com',
    roleSessionName,
    configPath,
    githubToken: input('github-token'),
    failOn: oneOf('fail-on', FAIL_ON, 'medium'),
    failOnScope: oneOf('fail-on-scope', ['new', 'all'] as const, 'new'),
    comment: oneOf('comment', COMMENT, 'auto'),
    waitTimeoutMs: duration('wait-timeout', '30m', false),
    maxConcurrentJobs,
    reuseMaxAgeMs: duration('reuse-max-age', '24h', true),
    usageSource: oneOf('usage-source', USAGE_SOURCES, 'policy-generation'),
    maxGenerations,
    shard,
    mergeReports,
    sarifFile: input('sarif-file') || undefined,
  }
  return { settings, problems }
}
