// The config's `ignore:` entries, applied to findings as they are made.
import { hasWildcard, type WildcardMatcher, wildcardMatcher } from '../catalog/catalog.js'
import {
  type AcceptedFinding,
  FINDING_KINDS,
  type Finding,
  type IgnoreOutcome,
  type IgnoreRule,
} from '../vocabulary/findings.js'
import { kept } from '../vocabulary/lists.js'
import type { Located, PolicyDocument, Statement } from '../vocabulary/policy.js'
import type { Problem } from '../vocabulary/problems.js'
import type { ShardIgnore } from '../vocabulary/shard.js'

/** A finding before its actions are split by `ignore:` entries and its message is written. */
/** A finding before its actions and words; its severity is its kind's unless the check says otherwise. */
export type FindingDraft = Omit<Finding, 'severity' | 'actions' | 'message' | 'suggestion'> & {
  readonly severity?: Finding['severity']
}

/** Makes drafts of findings about one statement, located at one of its entries. */
export type DraftAt = (entry: Located<string>, kind: FindingDraft['kind']) => FindingDraft

/** Drafts of findings about a statement, located at one of its entries (an action or resource string). */
export function draftAt(principal: string, policy: PolicyDocument, statement: Statement): DraftAt {
  const { file } = policy
  const source = policy.source ?? null
  return (entry, kind) => {
    const draft: FindingDraft = {
      kind,
      principal,
      file,
      line: entry.line,
      column: entry.column,
      sid: statement.sid,
      statementIndex: statement.index,
      condition: statement.condition?.value ?? null,
      source,
    }
    // Written in another file (a module's caller, a local of locals.tf): the finding stands there.
    const { written } = entry
    if (!written) return draft
    return written.file === file
      ? { ...draft, line: written.line, column: written.column }
      : { ...draft, ...written, policyFile: file }
  }
}

const NO_RULES: readonly CompiledRule[] = []

/** The entries of `a` and `b`, each in the config's order, merged in that order. */
function inConfigOrder(a: readonly CompiledRule[], b: readonly CompiledRule[]): readonly CompiledRule[] {
  if (b.length === 0) return a
  const merged: CompiledRule[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    const x = a[i]
    const y = b[j]
    if (y === undefined || (x !== undefined && x.index < y.index)) {
      merged.push(x as CompiledRule)
      i++
    } else {
      merged.push(y)
      j++
    }
  }
  return merged
}

/** The entries that apply to a principal's findings of one kind; `key` names them among the splits. */
interface Applying {
  readonly rules: readonly CompiledRule[]
  readonly key: string
}

const NOTHING_APPLIES: Applying = { rules: NO_RULES, key: '' }

/** A finding's actions: those no entry accepts, and those the entries accept, by reason. */
interface Split {
  readonly open: readonly string[]
  /** What the entries accept, one part per reason, with the entries that gave it. */
  readonly byReason: readonly AcceptedPart[]
}

interface AcceptedPart {
  readonly reason: string
  readonly actions: readonly string[]
  readonly rules: readonly CompiledRule[]
}

interface CompiledRule {
  readonly rule: IgnoreRule
  readonly action: WildcardMatcher
  /** Its place in the config. */
  readonly index: number
}

/**
 * Collects findings and applies the config's `ignore:` entries as they arrive. A finding's actions are
 * split between the entries that accept them and the rest, and each part gets a message written for
 * its own actions — so "3 of 5 unused" never survives as the text of a finding that now lists 2. The
 * entries that accept a finding for the same reason accept one part of it: a thousand entries of one
 * reason (`s3:Get*`, `ec2:Describe*`, … "read-only is fine") made a thousand parts of each finding.
 */
export class FindingCollector {
  readonly findings: Finding[] = []
  readonly accepted: AcceptedFinding[] = []
  private readonly rules: readonly CompiledRule[]
  /**
   * The entries whose action pattern matches an action, in the config's order, by action: a `*` grants
   * 22,000 actions to each of hundreds of principals, and each pattern is tried on each action once.
   */
  private readonly matching = new Map<string, readonly CompiledRule[]>()
  private readonly splits = new WeakMap<readonly string[], Map<string, Split>>()
  /**
   * The entries that apply to findings of a kind, by principal ('' for every principal no entry names),
   * with their key among the splits: worked out once, not per finding (1,000 entries, 20,000 findings:
   * 5.4 s, keying each finding's entries by their places in the config). The principals no entry names
   * share one list, so that 200,000 principals do not make 200,000 copies of it.
   */
  private readonly applying = new Map<string, Map<string, Applying>>()
  private readonly named: ReadonlySet<string>

  /**
   * The entries whose pattern names a service (`s3:Get*`), by that service in lower case; the others
   * (`*`, `s3*:Get*`) may match any action. An action is tried only against its service's entries and
   * those: 1,000 entries of a service each made 22,000 actions 22 million tries (0.6 s of a run).
   */
  private readonly byService = new Map<string, CompiledRule[]>()
  private readonly anyService: CompiledRule[] = []
  /** The entries that accepted a finding, by their places in the config. */
  private readonly used = new Set<number>()

  constructor(rules: readonly IgnoreRule[]) {
    this.rules = rules.map((rule, index) => ({ rule, action: wildcardMatcher(rule.action), index }))
    this.named = new Set(rules.flatMap((r) => (r.principal === undefined ? [] : [r.principal])))
    for (const r of this.rules) {
      const colon = r.rule.action.indexOf(':')
      const service = colon < 0 ? '' : r.rule.action.slice(0, colon)
      if (service === '' || hasWildcard(service)) this.anyService.push(r)
      else kept(this.byService, service.toLowerCase(), () => []).push(r)
    }
  }

  /** The entries whose pattern matches `action`, in the config's order. */
  private matchingRules(action: string): readonly CompiledRule[] {
    let found = this.matching.get(action)
    if (found === undefined) {
      const colon = action.indexOf(':')
      const own = colon < 0 ? undefined : this.byService.get(action.slice(0, colon).toLowerCase())
      const tried = own ? inConfigOrder(own, this.anyService) : this.anyService
      const list = tried.filter((r) => r.action.test(action))
      found = list.length === 0 ? NO_RULES : list
      this.matching.set(action, found)
    }
    return found
  }

  /**
   * Adds a finding about `actions` (empty for findings about no particular action, which only an
   * `action: "*"` entry accepts). `message` and `suggestion` are called once per part.
   */
  add(
    draft: FindingDraft,
    actions: readonly string[],
    message: (actions: readonly string[]) => string,
    suggestion?: (actions: readonly string[]) => string | null,
  ): void {
    const { rules, key } = this.rulesFor(draft.principal, draft.kind)
    // Every field in one fixed order: tens of thousands of findings share one object shape.
    const make = (part: readonly string[]): Finding => {
      const finding: Finding = {
        kind: draft.kind,
        severity: draft.severity ?? FINDING_KINDS[draft.kind],
        principal: draft.principal,
        file: draft.file,
        line: draft.line,
        column: draft.column,
        sid: draft.sid,
        statementIndex: draft.statementIndex,
        actions: part,
        message: message(part),
        suggestion: suggestion?.(part) ?? null,
        condition: draft.condition,
        source: draft.source,
      }
      // Rare (a line in another file than the policy's): the common shape stays one.
      return draft.policyFile === undefined ? finding : { ...finding, policyFile: draft.policyFile }
    }
    // The common case: nothing to split, and the finding keeps the (shared) list it was given.
    if (rules.length === 0) {
      this.findings.push(make(actions))
      return
    }
    if (actions.length === 0) {
      const rule = rules.find((r) => r.rule.action === '*')
      if (rule) this.accept(make(actions), rule.rule.reason, [rule])
      else this.findings.push(make(actions))
      return
    }
    const { open, byReason } = this.split(actions, rules, key)
    if (open.length > 0) this.findings.push(make(open))
    for (const part of byReason) this.accept(make(part.actions), part.reason, part.rules)
  }

  private accept(finding: Finding, reason: string, rules: readonly CompiledRule[]): void {
    this.accepted.push({ ...finding, reason })
    for (const rule of rules) this.used.add(rule.index)
  }

  /** The entries that have accepted no finding, in the config's order. */
  unused(): readonly IgnoreRule[] {
    return this.rules.filter((r) => !this.used.has(r.index)).map((r) => r.rule)
  }

  /** The entries that apply to the findings of `kind` of the principal `arn`, in the config's order. */
  private rulesFor(arn: string, kind: Finding['kind']): Applying {
    if (this.rules.length === 0) return NOTHING_APPLIES
    const principal = this.named.has(arn) ? arn : ''
    const byPrincipal = kept(this.applying, kind, () => new Map<string, Applying>())
    return kept(byPrincipal, principal, () => {
      const rules = this.rules.filter(
        ({ rule }) =>
          (rule.principal === undefined || rule.principal === principal) &&
          (rule.kind === undefined || rule.kind === kind),
      )
      return { rules, key: rules.length === this.rules.length ? '' : rules.map((r) => r.index).join() }
    })
  }

  /**
   * `actions` split between the entries of `rules` (whose places in the config `key` lists, '' for all)
   * that accept them (the first that matches) and the rest. Split once per list and set of entries:
   * findings on one grant share its list, and so share the parts, whose messages are then written once.
   */
  private split(actions: readonly string[], rules: readonly CompiledRule[], key: string): Split {
    let byKey = this.splits.get(actions)
    const known = byKey?.get(key)
    if (known) return known
    const applies = key === '' ? undefined : new Set(rules)
    const open: string[] = []
    const byReason = new Map<string, { actions: string[]; rules: Set<CompiledRule> }>()
    for (const action of actions) {
      let rule: CompiledRule | undefined
      for (const r of this.matchingRules(action))
        if (!applies || applies.has(r)) {
          rule = r
          break
        }
      if (!rule) {
        open.push(action)
        continue
      }
      const part = byReason.get(rule.rule.reason)
      if (part) {
        part.actions.push(action)
        part.rules.add(rule)
      } else byReason.set(rule.rule.reason, { actions: [action], rules: new Set([rule]) })
    }
    // Nothing accepted: the finding keeps the (shared) list it was given.
    const split = {
      open: open.length === actions.length ? actions : open,
      byReason: [...byReason].map(([reason, part]) => ({
        reason,
        actions: part.actions,
        rules: [...part.rules],
      })),
    }
    if (!byKey) {
      byKey = new Map()
      this.splits.set(actions, byKey)
    }
    byKey.set(key, split)
    return split
  }
}

/** An `ignore:` entry that accepted nothing, and whether its action is one the catalog does not know. */
export interface IdleIgnore {
  readonly rule: IgnoreRule
  /** Its action matches none of the catalog's (a typo): with the action meant, when one is sure. */
  readonly unknown?: { readonly meant: string | null }
}

/**
 * A notice at each `ignore:` entry that accepted no finding (Analysis.idleIgnores): the finding it was
 * written for is gone, and an entry left behind would accept it, unseen, if it came back; or its
 * action is one the catalog does not know, and it never accepted anything.
 */
export function idleIgnoreNotes(
  idle: readonly IdleIgnore[],
  configPath: string,
  catalogDate: string,
): Problem[] {
  return idle.map((entry) => idleIgnoreNote(entry, configPath, catalogDate))
}

/** What a run could tell of an `ignore:` entry (IgnoreOutcome), with what an idle one's notice says. */
export interface IgnoreTold extends IdleIgnore {
  readonly outcome: IgnoreOutcome
}

/** A shard's outcomes (Analysis.ignoreOutcomes) as its report holds them, with the notices of the idle. */
export function shardIgnores(
  outcomes: readonly IgnoreTold[],
  configPath: string,
  catalogDate: string,
): ShardIgnore[] {
  return outcomes.map((o) => ({
    line: o.rule.line,
    outcome: o.outcome,
    ...(o.outcome === 'idle' && { notice: idleIgnoreNote(o, configPath, catalogDate) }),
  }))
}

function idleIgnoreNote({ rule, unknown }: IdleIgnore, configPath: string, catalogDate: string): Problem {
  const entry = `ignore: the entry for ${JSON.stringify(rule.action)}${rule.kind ? ` (${rule.kind})` : ''}`
  const meant = unknown?.meant ? `. Did you mean ${JSON.stringify(unknown.meant)}?` : ''
  return {
    file: configPath,
    line: rule.line,
    message: unknown
      ? `${entry} accepts nothing: its action matches none of the IAM catalog of ${catalogDate.slice(0, 10)} (a typo, an action AWS retired or never listed, or one newer than the catalog)${meant}`
      : `${entry} accepted no finding in this run: what it was written for is gone. Remove it, so that it ` +
        'does not accept that finding unseen if it comes back',
  }
}
