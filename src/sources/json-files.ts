import { join } from 'node:path'
import { type PrincipalConfig, parseConfig } from '../config/config-file.js'
import { readTextUpTo, tooLarge } from '../config/read-text.js'
import { describeNonPolicy, parsePolicyFile } from '../policy/parse-policy.js'
import { append } from '../vocabulary/lists.js'
import type { PolicyDocument } from '../vocabulary/policy.js'
import type { Problem } from '../vocabulary/problems.js'
import { PolicyGlobs } from './policy-globs.js'
import type { DiscoveredPrincipal, PolicySource } from './policy-source.js'
import type { TfParses } from './terraform/modules.js'

/** Largest policy file read: IAM's own limits are 6,144 characters (managed) and 10,240 (inline). */
const MAX_POLICY_BYTES = 4 * 1024 * 1024

/**
 * Policy files and the config parsed in one run, by path: a pull request's base is read after its head,
 * and a file the pull request does not change is the same text at the same path, so the same document.
 */
export class PolicyParses {
  private readonly parsed = new Map<string, { text: string; result: ReturnType<typeof parsePolicyFile> }>()
  private lastConfig: { file: string; text: string; result: ReturnType<typeof parseConfig> } | undefined
  private terraform: TfParses | undefined

  /**
   * `forBase`: whether a base revision is read after this one. Only then are the files' texts kept,
   * to be compared: a push run holding every file's text to its end (4 MB of AWS's managed policies)
   * made each garbage collection copy them, for nothing.
   */
  constructor(private readonly forBase = true) {}

  /**
   * Where the Terraform code is parsed, kept for the base when one is read: its files the pull request
   * leaves as they are, and its shared modules, are not parsed again. Made by the first reading that
   * parses .tf files (`make`: this module only names the type, so a run without Terraform loads none of
   * its code).
   */
  terraformFor(make: () => TfParses): TfParses {
    if (!this.forBase) return make()
    this.terraform ??= make()
    return this.terraform
  }

  parse(file: string, text: string): ReturnType<typeof parsePolicyFile> {
    if (!this.forBase) return parsePolicyFile(file, text)
    const known = this.parsed.get(file)
    if (known?.text === text) return known.result
    const result = parsePolicyFile(file, text)
    this.parsed.set(file, { text, result })
    return result
  }

  /** The config file's reading (a config that lists thousands of principals takes ~100 ms to read). */
  config(file: string, text: string): ReturnType<typeof parseConfig> {
    const known = this.lastConfig
    if (known?.file === file && known.text === text) return known.result
    const result = parseConfig(file, text)
    this.lastConfig = { file, text, result }
    return result
  }
}

/**
 * The config's `principals:` entries: each ARN with the IAM policy JSON files its globs match. Each
 * file is parsed once, however many principals share it (and, with `parses`, however many revisions).
 * Synchronous, like resolvePolicyGlobs, for speed on thousands of small files.
 */
export function jsonFileSource(
  configFile: string,
  entries: readonly PrincipalConfig[],
  parses: PolicyParses = new PolicyParses(false),
): PolicySource {
  return {
    name: 'principals',
    load(workspaceRoot) {
      const parsed = new Map<string, PolicyDocument | undefined>()
      const problems: Problem[] = []
      const principals: DiscoveredPrincipal[] = []
      const globs = new PolicyGlobs(workspaceRoot)
      for (const entry of entries) {
        const resolved = globs.resolve(configFile, entry.policies)
        append(problems, resolved.problems)
        for (const file of resolved.files) {
          if (parsed.has(file)) continue
          const text = readTextUpTo(join(workspaceRoot, file), MAX_POLICY_BYTES)
          if (text === null) {
            parsed.set(file, undefined)
            problems.push({
              file,
              line: 1,
              column: 1,
              message: `${tooLarge(MAX_POLICY_BYTES)} (IAM takes policies of a few KiB)`,
            })
            continue
          }
          const result = parses.parse(file, text)
          parsed.set(file, result.policy)
          // A template or Terraform file a glob caught is named for what it is, not for each broken rule.
          const other = result.policy ? undefined : describeNonPolicy(file, text)
          append(problems, other ? [{ file, line: 1, column: 1, message: other }] : result.problems)
        }
        principals.push({
          arn: entry.arn,
          source: { kind: 'config', file: configFile, line: entry.line },
          policies: resolved.files.map((f) => parsed.get(f)).filter((p) => p !== undefined),
          boundary: null,
          lifecycle: 'exists',
        })
      }
      return { principals, problems }
    },
  }
}
