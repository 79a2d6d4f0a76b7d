/** Finding kinds and their severities: SPEC.md "Findings". */
import type { DocumentSource } from './policy.js'

export const FINDING_KINDS = {
  'privilege-escalation': 'critical',
  'would-break': 'high',
  'wildcard-action': 'high',
  'unused-action': 'medium',
  'wildcard-resource': 'medium',
  'unknown-action': 'medium',
  'incomplete-usage': 'low',
  'unresolved-policy': 'low',
  'ineffective-grant': 'low',
} as const

export type FindingKind = keyof typeof FINDING_KINDS

/**
 * Kinds about a principal as a whole, not one statement: they stand at the top of its home policy file
 * and name no statement.
 */
export const PRINCIPAL_KINDS: ReadonlySet<FindingKind> = new Set([
  'would-break',
  'incomplete-usage',
  'unresolved-policy',
])
export type Severity = 'critical' | 'high' | 'medium' | 'low'

/** Severities from the most to the least severe. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low']

export function isFindingKind(value: string): value is FindingKind {
  return Object.hasOwn(FINDING_KINDS, value)
}

/** One thing a person should look at, located on a policy file's line. */
export interface Finding {
  readonly kind: FindingKind
  readonly severity: Severity
  readonly principal: string
  /** The file a person edits, relative to the workspace: the policy's, or `policyFile`'s caller. */
  readonly file: string
  readonly line: number
  readonly column: number
  readonly sid: string | null
  /** 0-based position of the statement in the policy's `Statement` list. */
  readonly statementIndex: number
  /**
   * The file of the policy, when the line the finding stands on is in another (a list a Terraform
   * module's caller passes in, a local of locals.tf): the file `statementIndex` counts in.
   */
  readonly policyFile?: string
  /** The concrete actions concerned, as the catalog spells them (or as written, when it does not know them). */
  readonly actions: readonly string[]
  readonly message: string
  /** A replacement to consider, in the policy's own terms, where one exists. */
  readonly suggestion: string | null
  /** The statement's `Condition`, compact JSON, when it has one: it may narrow what the finding says. */
  readonly condition: string | null
  /** What wrote the policy when it is not a policy file: a Terraform address, an AWS managed policy. */
  readonly source: DocumentSource | null
  /**
   * On a pull request, whether its changes introduce the finding (`new`) or the base revision has it
   * too (`existing`); null when not compared (other events).
   */
  readonly scope?: 'new' | 'existing' | null
  /**
   * Which of the report's principals it is of, by index, when several share its ARN (the unnamed roles
   * of a template nested by several stacks all read `role/${DeployRole}` until CloudFormation names them);
   * absent when the ARN says which.
   */
  readonly principalIndex?: number
}

/** A finding that an `ignore:` entry in the config accepts. */
export interface AcceptedFinding extends Finding {
  readonly reason: string
}

/** Lowest severity that fails the run (input `fail-on`), or `never`. */
export type FailOn = Severity | 'never'

/** Whether `severity` is at least as severe as `threshold`. */
export function reaches(severity: Severity, threshold: FailOn): boolean {
  return threshold !== 'never' && SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold)
}

/** An accepted finding (`ignore:` in the config): `action` is an IAM pattern; `principal` and `kind` narrow it. */
export interface IgnoreRule {
  readonly principal?: string
  readonly action: string
  readonly kind?: FindingKind
  readonly reason: string
  /** Where the entry stands in the config file. */
  readonly line: number
}

/**
 * What a run could tell of an `ignore:` entry from the principals it checked: it `accepted` a finding;
 * it is `idle` (it accepted none, and every principal it applies to was checked here, with its usage for
 * a kind usage makes); `undecided` (one of them was checked without its usage); or it applies to none
 * checked here (`elsewhere`: another shard's, or a principal no source finds).
 */
export type IgnoreOutcome = 'accepted' | 'idle' | 'undecided' | 'elsewhere'

/** The file of the policy a finding is about (see {@link Finding.policyFile}). */
export function policyFileOf(f: Finding): string {
  return f.policyFile ?? f.file
}
