import type { CloudTrailConfig, Config } from '../config/config-file.js'
import type { Settings } from '../config/inputs.js'
import { ConfigError } from '../vocabulary/problems.js'

/**
 * Whether usage can be fetched from AWS in this run: with which trail and in which region, or, if not,
 * why (for the static-mode warning).
 */
export type UsageMode =
  | { readonly mode: 'static'; readonly reason: string }
  | {
      readonly mode: 'aws'
      /** The trail policy generation reads; IAM's last-accessed data needs none. */
      readonly cloudTrail: CloudTrailConfig | undefined
      /** The usage window: the config's cloudtrail.lookback-days, else 30. */
      readonly lookbackDays: number
      readonly region: string
    }

/** The window of usage when the config has no cloudtrail: section (last-accessed data): as its default. */
const DEFAULT_LOOKBACK_DAYS = 30

// The AWS SDK's default chain reads these (besides instance and container metadata endpoints).
const AMBIENT_CREDENTIALS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
]

/** What the run's event says about the trust it may place in the workspace and the tokens it has. */
export interface RunTrust {
  /** A fork's pull request (not on `pull_request_target`): GitHub gives it no OIDC token. */
  readonly readOnlyToken: boolean
  /** Set when the config may have been written by the pull request's author: why it must not steer AWS calls. */
  readonly untrustedConfig?: string | undefined
}

/**
 * Decides, from the runner's environment and the event alone (it calls nothing), whether this run can
 * fetch usage. A missing OIDC token means the job lacks `permissions: id-token: write` or runs for a
 * pull request from a fork (GitHub never gives those one): the run goes on with the checks that need
 * no AWS. A run that could fetch usage but has no region is a ConfigError.
 */
export function decideUsageMode(
  settings: Settings,
  config: Config,
  env: NodeJS.ProcessEnv,
  trust: RunTrust,
): UsageMode {
  const { cloudTrail } = config
  if (!cloudTrail && settings.usageSource !== 'last-accessed') {
    return {
      mode: 'static',
      reason:
        `${config.file} has no cloudtrail: section, so no usage is fetched from AWS (policy generation reads ` +
        'the trail; usage-source: last-accessed needs none).',
    }
  }
  if (trust.untrustedConfig) return { mode: 'static', reason: trust.untrustedConfig }
  if (settings.roleToAssume) {
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
      return {
        mode: 'static',
        reason: trust.readOnlyToken
          ? 'no GitHub OIDC token is available: this pull request comes from a fork, and GitHub gives forks no ' +
            'token. The checks that need no AWS judge it; usage is checked on the nightly run or after merge.'
          : 'no GitHub OIDC token is available, so usage checks were skipped: add `permissions: id-token: write` ' +
            'to the job (or the workflow).',
      }
    }
    return awsMode(cloudTrail, settings)
  }
  if (!AMBIENT_CREDENTIALS.some((name) => env[name])) {
    return {
      mode: 'static',
      reason:
        'no AWS credentials: set the role-to-assume input (GitHub OIDC), or configure credentials in an ' +
        'earlier step (aws-actions/configure-aws-credentials). Usage checks were skipped.',
    }
  }
  return awsMode(cloudTrail, settings)
}

function awsMode(cloudTrail: CloudTrailConfig | undefined, settings: Settings): UsageMode {
  if (!settings.awsRegion) {
    throw new ConfigError([
      {
        message:
          "input 'aws-region' is empty and neither AWS_REGION nor AWS_DEFAULT_REGION is set; expected the region " +
          'of IAM Access Analyzer, such as us-east-1',
      },
    ])
  }
  return {
    mode: 'aws',
    cloudTrail,
    lookbackDays: cloudTrail?.lookbackDays ?? DEFAULT_LOOKBACK_DAYS,
    region: settings.awsRegion,
  }
}
