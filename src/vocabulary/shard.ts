/** One part of a sharded run (`shard: K/N`). */
export interface ShardInfo {
  /** 1-based. */
  readonly index: number
  readonly count: number
}
