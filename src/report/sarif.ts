import {
  FINDING_KINDS,
  type Finding,
  type FindingKind,
  SEVERITIES,
  type Severity,
} from '../vocabulary/findings.js'
import { constructPath, managedPolicyNote } from '../vocabulary/policy.js'
import { thousands } from '../vocabulary/text.js'
import { principalName } from './annotations.js'
import { encodePath } from './markdown.js'
import { countBySeverity, findingLevel, REPORT_ACTIONS_MAX, type Report } from './report.js'

/**
 * Code scanning rejects a run of more results than this, whole ("SARIF results exceed hard limit" in
 * GitHub's docs), and then shows none of them.
 */
export const SARIF_MAX_RESULTS = 25_000

/** What each finding kind means, for the rules of the SARIF log (shown by code scanning). */
const RULES: Record<FindingKind, { name: string; short: string; help: string }> = {
  'privilege-escalation': {
    name: 'PrivilegeEscalation',
    short:
      "An action that allows privilege escalation is granted broadly, on what is the principal's own, or unused",
    help: "The action lets the principal give itself, or a principal it controls, more permissions: granted on every resource of its type, or on the principal's own role, user, group or policy. Scope it to the exact resources that need it, leaving the principal's own out, or remove it.",
  },
  'would-break': {
    name: 'WouldBreak',
    short: 'An action in use is not granted by the repository',
    help: 'The principal used the action in the CloudTrail window, but its policies in the repository do not grant it: merging them would remove access in use, or the live role has drifted from the repository.',
  },
  'wildcard-action': {
    name: 'WildcardAction',
    short: 'A wildcard or NotAction grants more actions than the principal uses',
    help: 'List the actions the principal needs instead of `*`, `service:*`, a partial wildcard or `NotAction`.',
  },
  'unused-action': {
    name: 'UnusedAction',
    short: 'A granted action was not used in the CloudTrail window',
    help: 'Remove actions the principal no longer needs. Actions IAM Access Analyzer cannot see (iam:PassRole, data events) are never reported as unused.',
  },
  'wildcard-resource': {
    name: 'WildcardResource',
    short: 'Resource "*" on actions that support resource-level permissions',
    help: 'Name the resources (ARNs) the actions need instead of `*`. An action whose one resource type is optional (cloudwatch:PutMetricData) is not reported: a request may name no resource, and only `*` allows it then. A statement scoped by tag (a Condition on aws:ResourceTag/…) is reported too, and says so: accept it with an ignore: entry where tags are how the resources are told apart.',
  },
  'unknown-action': {
    name: 'UnknownAction',
    short: 'An action the IAM catalog does not know',
    help: 'A typo (an action a letter or two away is suggested), a retired service, or one newer than the catalog bundled with the action. An unknown action grants or denies nothing.',
  },
  'unresolved-policy': {
    name: 'UnresolvedPolicy',
    short: 'A policy could not be resolved from the infrastructure code',
    help: 'A policy (or the principal it applies to) is built from values this check cannot know, such as an output of a module without its source or a value known only after apply. It is not checked: look at it by hand, or give a Terraform plan.',
  },
  'ineffective-grant': {
    name: 'IneffectiveGrant',
    short: 'An action granted only on resources it cannot apply to, or a statement that applies to nothing',
    help: 'IAM matches an action against the resources of the types it acts on: granted only on others (s3:GetObject on a bucket ARN without /*, s3:ListBucket on objects), it grants nothing. So does a statement on NotResource "*", or one whose Condition allows only requests before a time now past. Name the right resource, or remove it.',
  },
  'incomplete-usage': {
    name: 'IncompleteUsage',
    short: 'IAM Access Analyzer reports incomplete usage data',
    help: 'The generated policy may not list every action used; unused actions may be understated.',
  },
}

// GitHub code scanning ranks security results by this property: critical ≥ 9, high ≥ 7, medium ≥ 4.
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '7.5',
  medium: '5.0',
  low: '2.0',
}

export interface SarifOptions {
  readonly version: string
  readonly informationUri: string
}

/**
 * The report as a SARIF 2.1.0 log for github/codeql-action/upload-sarif: one rule per finding kind,
 * one result per finding located at its file and line (relative to the repository root), with a
 * fingerprint that stays the same while the finding does, so alerts are tracked across runs.
 */
export function toSarif(report: Report, options: SarifOptions): object {
  const kinds = Object.keys(FINDING_KINDS) as FindingKind[]
  const { kept, left } = withinLimit(report.findings, SARIF_MAX_RESULTS)
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'iam-policy-drift',
            version: options.version,
            informationUri: options.informationUri,
            rules: kinds.map((kind) => ({
              id: kind,
              name: RULES[kind].name,
              shortDescription: { text: RULES[kind].short },
              fullDescription: { text: RULES[kind].help },
              help: { text: RULES[kind].help, markdown: RULES[kind].help },
              defaultConfiguration: { level: findingLevel(FINDING_KINDS[kind], report.failOn) },
              properties: {
                tags: ['security', 'iam', 'least-privilege'],
                precision: 'high',
                'security-severity': SECURITY_SEVERITY[FINDING_KINDS[kind]],
              },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root' } } },
        ...(left.length > 0 && {
          invocations: [
            {
              executionSuccessful: true,
              toolExecutionNotifications: [
                {
                  level: 'warning',
                  message: {
                    text:
                      `${thousands(left.length)} of ${thousands(report.findings.length)} findings are left out (${countBySeverity(left)}): ` +
                      `code scanning takes ${thousands(SARIF_MAX_RESULTS)} results a run. All are in the JSON report.`,
                  },
                },
              ],
            },
          ],
        }),
        results: kept.map((f) => ({
          ruleId: f.kind,
          ruleIndex: kinds.indexOf(f.kind),
          level: findingLevel(f.severity, report.failOn),
          // Code scanning shows the message, not the location's: it names the principal, as the
          // principals of one group or one shared policy have one result each at the same line.
          message: {
            text: [
              `${principalName(f.principal)}: ${f.message}`,
              ...(f.suggestion ? [`Suggested: ${f.suggestion}`] : []),
              ...(constructPath(f.source) ? [`Construct: ${constructPath(f.source)}.`] : []),
              ...(managedPolicyNote(f.source) ? [`Policy: ${managedPolicyNote(f.source)}.`] : []),
            ].join(' '),
          },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodePath(f.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line, startColumn: f.column },
              },
              message: { text: f.principal },
            },
          ],
          // Standing where a person edits it (a module's caller), in another file than its policy's: that too.
          ...(f.policyFile !== undefined && {
            relatedLocations: [
              {
                id: 1,
                physicalLocation: {
                  artifactLocation: { uri: encodePath(f.policyFile), uriBaseId: '%SRCROOT%' },
                },
                message: {
                  text: `The policy this finding is about (its statement ${f.sid === null ? f.statementIndex + 1 : `"${f.sid}"`}).`,
                },
              },
            ],
          }),
          partialFingerprints: { 'iamPolicyDrift/v1': fingerprint(f) },
          properties: {
            principal: f.principal,
            severity: f.severity,
            actions: f.actions.slice(0, REPORT_ACTIONS_MAX),
            actionCount: f.actions.length,
          },
        })),
      },
    ],
  }
}

/**
 * At most `limit` findings, in report order: the least severe left out first, and of one severity the
 * last ones.
 */
function withinLimit(
  findings: readonly Finding[],
  limit: number,
): { kept: readonly Finding[]; left: readonly Finding[] } {
  if (findings.length <= limit) return { kept: findings, left: [] }
  // Room for each severity, most severe first: the severity where it runs out keeps its first ones.
  const room = new Map<Severity, number>()
  let free = limit
  for (const severity of SEVERITIES) {
    const count = findings.filter((f) => f.severity === severity).length
    room.set(severity, Math.min(count, free))
    free -= Math.min(count, free)
  }
  const kept: Finding[] = []
  const left: Finding[] = []
  for (const f of findings) {
    const n = room.get(f.severity) ?? 0
    if (n > 0) {
      kept.push(f)
      room.set(f.severity, n - 1)
    } else left.push(f)
  }
  return { kept, left }
}

/** FNV-1a over what identifies a finding (not its line, which moves when the file is edited). */
function fingerprint(f: Finding): string {
  const text = [f.kind, f.principal, f.file, f.sid ?? f.statementIndex, f.actions.join(',')].join('\n')
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}
