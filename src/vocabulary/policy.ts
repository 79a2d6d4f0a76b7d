// The policy documents every source yields and every check reads: statements normalised, each string
// with the line and column it was written on, whatever file or language it came from.

/** A value from a policy with the 1-based line and column it was written on. */
export interface Located<T> {
  readonly value: T
  readonly line: number
  readonly column: number
}

export type Effect = 'Allow' | 'Deny'

/** One statement, normalised: single strings become lists, every string keeps its position. */
export interface Statement {
  /** 0-based position in the document's `Statement` list. */
  readonly index: number
  readonly sid: string | null
  readonly line: number
  readonly column: number
  readonly effect: Effect
  /** `Action` entries, or `NotAction` entries when {@link notAction}. */
  readonly actions: readonly Located<string>[]
  readonly notAction: boolean
  /** `Resource` entries, or `NotResource` entries when {@link notResource}. */
  readonly resources: readonly Located<string>[]
  readonly notResource: boolean
  /** The `Condition` block as compact JSON, and where it starts; null when the statement has none. */
  readonly condition: Located<string> | null
}

/** An identity-based IAM policy document from the repository. */
export interface PolicyDocument {
  /** Path of the file it is written in, relative to the workspace. */
  readonly file: string
  readonly version: string | null
  readonly statements: readonly Statement[]
}

/** A principal and the policy documents that apply to it: what the checks see of it. */
export interface PrincipalPolicies {
  readonly arn: string
  readonly policies: readonly PolicyDocument[]
}
