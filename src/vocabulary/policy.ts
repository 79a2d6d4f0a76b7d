// The policy documents every source yields and every check reads: statements normalised, each string
// with the line and column it was written on, whatever file or language it came from.

/**
 * Where a part of a document is written when that is another file than the document's: a list a
 * module's caller passes in (`actions = var.actions`), a local of locals.tf. The line a person edits.
 */
export interface Written {
  readonly file: string
  readonly line: number
  readonly column: number
}

/**
 * A value from a policy with the 1-based line and column it was written on, in the document's file;
 * `written` when it is written in another file (then line and column are where the document names it).
 */
export interface Located<T> {
  readonly value: T
  readonly line: number
  readonly column: number
  readonly written?: Written
  /**
   * Of a resource with a placeholder whose shape its source knows (a CloudFormation `${Bucket.Arn}` is
   * `arn:aws:s3:::<name>`): the value with a stand-in there, which the resource-type checks read instead.
   */
  readonly shape?: string
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

/**
 * What wrote a policy document, when not a policy file of its own: a Terraform resource (its address),
 * or an AWS managed policy attached by ARN. Findings on it carry it into the report.
 */
export type DocumentSource =
  | { readonly kind: 'terraform'; readonly address: string }
  | {
      readonly kind: 'cloudformation'
      readonly template: string
      readonly logicalId: string
      /** Which of the resource's documents: an inline policy's name, `Policies[2]`, `DeadLetterQueue`. */
      readonly part?: string
      /** The construct path (`App/Stack/Role/Resource`) of a template that AWS CDK synthesized. */
      readonly cdkPath?: string
      /**
       * The AWS SAM policy template the document is expanded from (`SQSPollerPolicy`): its statements are
       * AWS SAM's definition, with the template's parameters.
       */
      readonly samPolicyTemplate?: string
      /** Granted by an AWS SAM connector (`AWS::Serverless::Connector`, a GraphQLApi's data source), as its profile defines. */
      readonly samConnector?: true
      /** An AWS managed policy AWS SAM attaches by itself to the role it makes (AWSLambdaBasicExecutionRole). */
      readonly samImplicit?: boolean
    }
  | {
      readonly kind: 'aws-managed-policy'
      readonly arn: string
      /** What attaches it: a Terraform address, or a template's logical id. */
      readonly address?: string
      /** The construct path of what attaches it, in a template that AWS CDK synthesized. */
      readonly cdkPath?: string
      /** Attached by AWS SAM to the role it makes for a function or state machine, not by the template. */
      readonly samImplicit?: boolean
      /**
       * Which document was checked: the snapshot built into the action (its package version and date),
       * or the current default version read from IAM (its version id).
       */
      readonly document: 'snapshot' | 'current'
      readonly version: string
    }

/** The name of the code that writes a document: a Terraform address or a template's logical id. */
export function codeAddress(source: DocumentSource | null | undefined): string | undefined {
  if (source?.kind === 'terraform') return source.address
  if (source?.kind !== 'cloudformation') return undefined
  return source.part === undefined ? source.logicalId : `${source.logicalId}.${source.part}`
}

/** The CDK construct path of what wrote a document, when a CDK app did: what its user recognises. */
export function constructPath(source: DocumentSource | null | undefined): string | undefined {
  return source?.kind === 'cloudformation' || source?.kind === 'aws-managed-policy'
    ? source.cdkPath
    : undefined
}

/**
 * Which AWS managed policy a finding is in, and which version of it was read; undefined for any other
 * document. The finding points at the line that attaches the policy, which may attach several, and
 * the policy's text is AWS's: the way to narrow it is a policy of one's own in its place.
 */
export function managedPolicyNote(source: DocumentSource | null | undefined): string | undefined {
  if (source?.kind !== 'aws-managed-policy') return undefined
  const version =
    source.document === 'current'
      ? `version ${source.version} read from IAM`
      : `in the action's snapshot ${source.version}`
  const name = source.arn.split(':policy/').at(-1)
  return source.samImplicit
    ? `AWS managed policy ${name}, ${version}; AWS SAM attaches it to the role it makes for this resource, so to narrow it, give the resource a Role of your own`
    : `AWS managed policy ${name}, ${version}; AWS writes it, so to narrow it, attach a policy of your own instead`
}

/**
 * A policy ARN as IAM's console names it, from `policy/` on (`policy/job-function/ViewOnlyAccess`); the
 * text as it is when it is no policy ARN (a placeholder code writes for one it creates).
 */
export function policyPathOf(arn: string): string {
  return arn.slice(arn.indexOf(':policy/') + 1)
}

/** An identity-based IAM policy document from the repository. */
export interface PolicyDocument {
  /** Path of the file it is written in, relative to the workspace. */
  readonly file: string
  readonly version: string | null
  readonly statements: readonly Statement[]
  /** Set when the document is written inside other code (a .tf file): it is not a file to rewrite. */
  readonly source?: DocumentSource
  /** Where a document written inside other code can be edited in place, when it can. */
  readonly site?: EditSite
  /**
   * Written by a template (Terraform's templatefile()), or inside what the AWS CLI prints of a policy:
   * `file`'s text is not the document's, so a suggestion gives the document as JSON instead of
   * rewriting the file.
   */
  readonly templated?: true
  /**
   * The ARN of the customer managed policy this document is, when the code that defines it says (or the
   * placeholder that stands for it, `${MyPolicy}`): a statement that lets a principal rewrite its own
   * policy lets it grant itself anything.
   */
  readonly arn?: string
}

/** A stretch of a file's text: string offsets, end exclusive. */
export interface Span {
  readonly start: number
  readonly end: number
}

/**
 * Where a policy document written inside other code can be edited in place: the file and the syntax
 * its statements are written in (an HCL object in `jsonencode`, `statement {}` blocks of a policy
 * document data source, JSON in a heredoc), and per statement, in the document's order, the text an
 * edit may change. Documents of several instances (count, for_each, module instances) share one site.
 */
export interface EditSite {
  readonly file: string
  readonly syntax: 'hcl-object' | 'hcl-block' | 'json' | 'yaml'
  readonly statements: readonly StatementSite[]
}

export interface StatementSite {
  /** The whole statement: the object in the list, or the block. */
  readonly span: Span
  /** Its Action/NotAction (`actions`/`not_actions`); null when it has none. */
  readonly actions: ListSite | null
  /** Its Resource/NotResource (`resources`/`not_resources`); null when it has none. */
  readonly resources: ListSite | null
}

/** A statement's list of actions or resources as written. */
export interface ListSite {
  /** The key or attribute name. */
  readonly key: Span
  /** The value: a list, or a single string. */
  readonly value: Span
  readonly list: boolean
  /** Each item's text as written, one per value the document holds. */
  readonly items: readonly string[]
  /** Whether every item is a plain string literal (no interpolation, no reference). */
  readonly literal: boolean
}

/** A policy that applies to a principal but could not be resolved from the code that writes it. */
export interface UnresolvedPolicy {
  readonly file: string
  readonly line: number
  readonly column: number
  /** The resource that writes it, e.g. `module.app.aws_iam_role_policy.this[0]`, or a logical id. */
  readonly address: string
  readonly reason: string
  /**
   * What is not known is whom it applies to: the principal is a placeholder for that one, and what the
   * resource gives it (a policy, a group's) is checked on the placeholder.
   */
  readonly principalUnknown?: boolean
  /** What wrote it, for the report; absent: the Terraform resource at `address`. */
  readonly source?: DocumentSource
  /**
   * The ARN of the customer managed policy it names, when its source defines none of that ARN: another
   * root or template may (attachedAcross).
   */
  readonly policyArn?: string
  /** The name of the stack export (`Fn::ImportValue`) it names the policy by, which another template may export. */
  readonly importName?: string
  /** Whether the policy is the principal's permissions boundary (else one attached to it). */
  readonly asBoundary?: boolean
}

/** A principal and the policy documents that apply to it: what the checks see of it. */
export interface PrincipalPolicies {
  readonly arn: string
  readonly policies: readonly PolicyDocument[]
  /** Its permissions boundary: what the policies grant counts only where the boundary allows it too. */
  readonly boundary?: PolicyDocument | null
  /** Policies that apply to it but could not be resolved: each an `unresolved-policy` finding. */
  readonly unresolved?: readonly UnresolvedPolicy[]
  /** The ARNs of the IAM groups whose policies it holds (a user's), when the code that defines it says. */
  readonly groups?: readonly string[]
  /**
   * How the code that defines each of those groups writes its ARN (`${aws_iam_group.ops.arn}`), by the
   * group's ARN: a statement that names one of these names that group, as {@link codeArns} the principal.
   */
  readonly groupCodeArns?: Readonly<Record<string, readonly string[]>>
  /**
   * How the code that defines it writes its ARN where that is not known yet: `${aws_iam_role.app.arn}`,
   * `${module.ci.aws_iam_role.deploy[0].arn}`. A statement that names one of these names the principal
   * itself, whatever name the role is given. (A template's `!GetAtt Role.Arn` reads as the role's ARN.)
   */
  readonly codeArns?: readonly string[]
}

/** A Condition's operators, each with its keys and their values; none when it is not JSON of that shape. */
export function conditionOperators(text: string): [string, Record<string, unknown>][] {
  let condition: unknown
  try {
    condition = JSON.parse(text)
  } catch {
    return []
  }
  if (typeof condition !== 'object' || condition === null) return []
  return Object.entries(condition).filter(
    (entry): entry is [string, Record<string, unknown>] => typeof entry[1] === 'object' && entry[1] !== null,
  )
}

/**
 * What a statement says, its place aside: two statements with the same values grant and deny the same.
 * For comparing documents (a pull request's base with its head, two found with one ARN).
 */
export function statementValues(s: Statement): unknown[] {
  return [
    s.effect,
    s.notAction,
    s.actions.map((a) => a.value),
    s.notResource,
    s.resources.map((r) => r.value),
    s.condition?.value ?? null,
  ]
}

/**
 * A module call whose code is not in the workspace (a registry module before `terraform init`): its
 * address, its block, and whether `terraform init` installs it (not a local directory that is missing).
 */
export interface UnreadCall {
  readonly address: string
  readonly file: string
  readonly line: number
  readonly installable: boolean
  /** `document`: the call is given the policy's document (`policy_json = …`), not its ARN. */
  readonly as?: 'document'
}
