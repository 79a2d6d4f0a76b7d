import type { IgnoreOutcome } from './findings.js'
import type { Problem } from './problems.js'

/** One part of a sharded run (`shard: K/N`). */
export interface ShardInfo {
  /** 1-based. */
  readonly index: number
  readonly count: number
}

/**
 * A shard's word on each `ignore:` entry (Report.ignores), in the config's order: the merge job tells an
 * idle entry only from all the shards together, as one run would (idleAcrossShards).
 */
export interface ShardIgnore {
  readonly line: number
  readonly outcome: IgnoreOutcome
  /** The notice the entry gets if every shard finds it idle. */
  readonly notice?: Problem
}
