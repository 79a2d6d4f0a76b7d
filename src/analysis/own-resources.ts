// What a principal is in IAM, as resources its own statements may name: its role or user, the groups it
// is in, its customer managed policies. A statement that lets it change one of them lets it grant
// itself anything, however narrow the statement's resources read.

import { hasWildcard, wildcardMatcher } from '../catalog/catalog.js'
import type { OwnTarget } from '../catalog/escalation.js'
import { arnFieldColons, resourceOf } from '../vocabulary/accounts.js'
import type { PrincipalPolicies, Statement } from '../vocabulary/policy.js'

/** One of a principal's own resources: its ARN, and each way code may name it (spellings). */
export interface Own {
  readonly arn: string
  readonly names: readonly string[]
}

/**
 * A principal's own resources, by what of it they are (empty lists when the code does not say), and its
 * Deny statements that may take an action away on one of them: unconditional, on a Resource list.
 */
export type OwnResources = Readonly<Record<OwnTarget, readonly Own[]>> & {
  readonly denies: readonly Statement[]
}

export function ownResources(principal: PrincipalPolicies): OwnResources {
  const kind = /^(role|user)\//.exec(resourceOf(principal.arn))?.[1]
  // Each customer managed policy's ARN, with how Terraform code writes it (`${aws_iam_policy.x.arn}`),
  // which reads as a placeholder even when the policy's name, and so its ARN, is known.
  const policies = new Map<string, Set<string>>()
  for (const p of [...principal.policies, ...(principal.boundary ? [principal.boundary] : [])]) {
    if (p.arn === undefined) continue
    const names = policies.get(p.arn) ?? new Set<string>()
    policies.set(p.arn, names)
    if (p.source?.kind === 'terraform' && /(?:^|\.)aws_iam_policy\.[^.]+$/.test(p.source.address))
      names.add(`\${${p.source.address}.arn}`)
  }
  return {
    role: kind === 'role' ? [ownOf(principal.arn, principal.codeArns)] : [],
    user: kind === 'user' ? [ownOf(principal.arn, principal.codeArns)] : [],
    group: (principal.groups ?? []).map((arn) => ownOf(arn, principal.groupCodeArns?.[arn])),
    policy: [...policies].map(([arn, names]) => ownOf(arn, [...names])),
    denies: principal.policies.flatMap((p) =>
      p.statements.filter((s) => s.effect === 'Deny' && !s.condition && !s.notResource),
    ),
  }
}

/** Each way code names a principal's own ARN: the ARN, and the placeholders of code that defines it. */
export function ownNames(principal: PrincipalPolicies): readonly string[] {
  return ownOf(principal.arn, principal.codeArns).names
}

/**
 * An ARN, and how code names it when its name is known only after apply or deploy: the source writes
 * the name as a placeholder (`role/${aws_iam_role.app.name}`, `role/${AppRole}`), and a statement names
 * the whole ARN (`aws_iam_role.app.arn`, `!GetAtt AppRole.Arn`), which reads `${aws_iam_role.app.arn}`
 * and `${AppRole.Arn}`. `codeArns`: how the code that defines it writes its ARN (PrincipalPolicies).
 */
function ownOf(arn: string, codeArns: readonly string[] = []): Own {
  const name = /^arn:.*:(?:role|user|group|policy)\/(?:.*\/)?\$\{([^${}]+)\}$/.exec(arn)?.[1]
  const whole =
    name === undefined
      ? undefined
      : name.endsWith('.name')
        ? `\${${name.slice(0, -'.name'.length)}.arn}`
        : `\${${name}.Arn}`
  const names = [arn, ...(whole === undefined ? [] : [whole])]
  for (const written of codeArns) if (!names.includes(written)) names.push(written)
  return { arn, names }
}

/**
 * Whether a statement's Resource entry names `own`, an ARN the code defines. Either may hold a
 * placeholder for what is not known here: in the partition or the account, it matches any (the stack's
 * own account, whatever it is); in the name, only the same placeholder does. `${aws:username}` in the
 * entry is the user's own name, as IAM puts it in when the user makes the request.
 */
export function namesOwn(entry: string, own: string): boolean {
  if (entry === own) return true
  const e = arnFieldColons(entry)
  const o = arnFieldColons(own)
  if (e.length < 5 || o.length < 5) {
    // A `*` that spans fields (`arn:aws:iam::*`, `*`): against the whole ARN.
    return entry.includes('*') && wildcardMatcher(entry, false).test(own)
  }
  const entryFields = fieldsOf(entry, e)
  const ownFields = fieldsOf(own, o)
  const name = /^user\/(?:.*\/)?([^/]+)$/.exec(ownFields[5] as string)?.[1]
  return entryFields.every((field, i) => {
    const mine = ownFields[i] as string
    if ((i === 1 || i === 4) && (isPlaceholder(field) || isPlaceholder(mine))) return true
    const written = i === 5 && name !== undefined ? field.replaceAll('${aws:username}', name) : field
    return written === mine || (hasWildcard(written) && wildcardMatcher(written, false).test(mine))
  })
}

function fieldsOf(arn: string, colons: readonly number[]): string[] {
  const fields: string[] = []
  let start = 0
  for (const colon of colons) {
    fields.push(arn.slice(start, colon))
    start = colon + 1
  }
  fields.push(arn.slice(start))
  return fields
}

/** A field that stands for a value not known here: `${AWS::AccountId}`, `${var.account}`, `<account>`. */
function isPlaceholder(field: string): boolean {
  return field.includes('${') || field === '<account>'
}
