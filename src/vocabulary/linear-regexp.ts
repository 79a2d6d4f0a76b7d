// RegExps over what a pull request writes (a policy's resource, matched against the catalog's ARN
// formats) must not backtrack without end: `^arn:.*:s3:.*:.*:accesspoint/.*/object/.*$` against a
// resource of 3,000 `:s3:::` held a run for minutes, cubic in its length. V8 runs a RegExp that
// backtracks past a bound again on its linear-time engine
// (https://v8.dev/blog/non-backtracking-regexp), and that engine takes no `i` flag: the patterns that
// use this are case-sensitive, their texts lower-cased. Imported for its effect, before such a RegExp
// runs; the flag is read each time one backtracks that far.
import { setFlagsFromString } from 'node:v8'

setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks')

/** The regexps this protects: a RegExp made here of `source` (no flags, so that V8 can fall back). */
export function linearRegExp(source: string): RegExp {
  return new RegExp(source)
}

/** `text` as a RegExp source that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
