// Policy documents for unit tests, parsed by the real loader so positions are real.
import { parsePolicy } from '../../src/policy/parse-policy.js'
import type { PolicyDocument } from '../../src/vocabulary/policy.js'

/** A parsed policy file from its text; the test fails on any problem. */
export function parsed(file: string, text: string): PolicyDocument {
  const { policy, problems } = parsePolicy(file, text)
  if (!policy) throw new Error(problems.map((p) => p.message).join('\n'))
  return policy
}

/** A policy file from statements, pretty-printed so each action stands on a line of its own. */
export function policyOf(file: string, ...statements: object[]): PolicyDocument {
  return parsed(file, JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2))
}
