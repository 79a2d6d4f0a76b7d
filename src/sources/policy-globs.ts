import fs, { type Dirent, readdirSync, type realpath, realpathSync } from 'node:fs'
import { basename, dirname, join, posix, relative, resolve, sep } from 'node:path'
import { fdir } from 'fdir'
import type { PolicyGlob } from '../config/config-file.js'
import { entryAt, isInside, leavesWorkspace } from '../config/paths.js'
import { kept } from '../vocabulary/lists.js'
import { type Problem, quote } from '../vocabulary/problems.js'
import { byCodeUnits } from '../vocabulary/text.js'
import { Glob, isGlob } from './glob.js'

export { isGlob }

/**
 * The files each glob matches, relative to the workspace, in the order of the globs (each glob's matches
 * sorted), or a problem for each glob that matches nothing or could lead outside the workspace.
 *
 * Synchronous on purpose: a large repository has thousands of small files, nothing else runs while they
 * are read, and sync calls skip a thread-pool round trip per file (3× faster here; see npm run bench).
 *
 * Why so strict: the action may run on a pull request's files. A pattern such as `../../etc/*` or a
 * committed symlink to `/home/runner/.aws/credentials` must never make the action read — and then quote
 * in a public comment — a file from outside the repository.
 */
export function resolvePolicyGlobs(
  workspace: string,
  configFile: string,
  globs: readonly PolicyGlob[],
  key = 'policies',
): { files: string[]; problems: Problem[] } {
  return new PolicyGlobs(workspace).resolve(configFile, globs, key)
}

/**
 * resolvePolicyGlobs for many entries of one config: the workspace's real path and which directories
 * lie inside it are found once, not once per principal (a config of 1,600 principals, one file each,
 * spent more on these calls than on reading the files).
 */
export class PolicyGlobs {
  private readonly root: string
  private readonly realDirs = new Map<string, string | null>()
  private readonly listings = new DirectoryListings()
  /**
   * Each pattern's matches and each matched file's real path, found once: principals often share a
   * glob of a directory tree of shared policies, and 1,000 of them sharing one over 2,000 files walked
   * the tree and resolved each file's path for each principal (33 s).
   */
  private readonly matched = new Map<string, readonly ResolvedMatch[]>()

  constructor(workspace: string) {
    this.root = realpathSync.native(workspace)
  }

  resolve(
    configFile: string,
    globs: readonly PolicyGlob[],
    key = 'policies',
  ): { files: string[]; problems: Problem[] } {
    const { root } = this
    const problems: Problem[] = []
    // By real path: a file reached twice (a symlinked directory under `**`, a symlink beside its target,
    // two globs) is one policy, read once, under the path that has no symlink in it when one matched.
    const files = new Map<string, string>()
    // Symlinks refused, by their path: an exclusion after the glob may leave one out, unread either way.
    const refusals = new Set<Problem>()
    const refused = new Map<Problem, string>()
    // Whether a glob before an exclusion was refused or matched nothing: the exclusion then says nothing
    // of its own.
    let unmatched = false
    let included = 0
    for (const { pattern, line } of globs) {
      const at = { file: configFile, line }
      if (pattern.startsWith('!')) {
        const before = included === 0 ? 'none' : unmatched ? 'unmatched' : 'matched'
        const message = applyExclusion(key, pattern, before, 'file', [files, refused])
        if (message) problems.push({ ...at, message })
        continue
      }
      included++
      if (leavesWorkspace(pattern)) {
        problems.push({
          ...at,
          message: `${key}: ${quote(pattern)} leads outside the workspace; expected a glob relative to it, without '..'`,
        })
        unmatched = true
        continue
      }
      const wrong = globProblem(key, pattern)
      if (wrong) {
        problems.push({ ...at, message: wrong })
        unmatched = true
        continue
      }
      const matches = this.matchesOf(pattern)
      if (matches.length === 0) {
        // A directory names no file: say how to name the files in it, or what it is.
        const directory = isDirectory(join(root, pattern))
        const hint = directory ? `; it is a directory: ${this.directoryHint(key, pattern)}` : ''
        problems.push({ ...at, message: `${key}: ${quote(pattern)} matches no file in the workspace${hint}` })
        unmatched = true
        continue
      }
      for (const { written, real, path, unlinked } of matches) {
        if (real === null) {
          const problem = {
            ...at,
            message: `${key}: ${quote(written)} is a symlink that leads outside the workspace; it is not read`,
          }
          problems.push(problem)
          refusals.add(problem)
          refused.set(problem, written)
          continue
        }
        const first = files.get(real)
        if (first === undefined || (first !== path && unlinked)) files.set(real, path)
      }
    }
    // Without the refusals of symlinks an exclusion left out.
    const said = problems.filter((p) => !refusals.has(p) || refused.has(p))
    if (files.size === 0 && said.length === 0 && globs.length > 0)
      said.push({
        file: configFile,
        line: (globs[0] as PolicyGlob).line,
        message: `${key}: the exclusions (!) leave no file of ${globs.map((g) => quote(g.pattern)).join(', ')}`,
      })
    // In the config's order (each glob's matches sorted): the first file is the one a person adds to.
    return { files: [...files.values()], problems: said }
  }

  /**
   * How to name what the config key takes in the directory `pattern` names: its policy files; for a
   * plan, the plan file (or root:, when it holds the .tf files); for templates, its templates (or
   * cdk-out:, when it is a CDK cloud assembly). Listed only when it resolves inside the workspace.
   */
  private directoryHint(key: string, pattern: string): string {
    const dir = posix.normalize(pattern).replace(/\/+$/, '') || '.'
    const path = join(this.root, dir)
    let names: string[] = []
    try {
      if (this.dirInside(path)) names = readdirSync(path)
    } catch {
      // Unreadable: the hints below that need no listing.
    }
    if (key === 'terraform: plan')
      return names.some((name) => /\.(tf|tofu)(\.json)?$/.test(name))
        ? `its .tf files are read with root: ${quote(dir)}; plan: names the JSON that terraform show -json writes, such as ${quote(`${dir}/plan.json`)}`
        : `name the plan file in it (what terraform show -json writes), such as ${quote(`${dir}/plan.json`)}`
    if (key === 'cloudformation: template') {
      if (names.includes('manifest.json')) return `a CDK cloud assembly: give it as cdk-out: ${dir}`
      // Under the extension most of its files have, of those templates take.
      const counts = new Map<string, number>()
      for (const name of names) {
        const extension = /\.(ya?ml|json|template)$/i.exec(name)?.[1]
        if (extension) counts.set(extension, (counts.get(extension) ?? 0) + 1)
      }
      const [extension = 'yml'] = [...counts].sort((a, b) => b[1] - a[1]).map(([e]) => e)
      return `to name its templates, write ${quote(`${dir}/*.${extension}`)}`
    }
    return `to name its policy files, write ${quote(jsonFilesIn(pattern))}`
  }

  /** A pattern's matches, sorted, each with where it really is (null: outside the workspace). */
  private matchesOf(pattern: string): readonly ResolvedMatch[] {
    return kept(this.matched, pattern, () =>
      matchFiles(this.root, pattern, (dir) => this.dirInside(dir), this.listings)
        .sort((a, b) => byCodeUnits(a.path, b.path))
        .map((match) => {
          const real = this.realPathOf(match)
          const path = match.path.split(sep).join('/')
          return {
            written: match.path,
            real: isInside(this.root, real) ? real : null,
            path,
            unlinked: real === join(this.root, path),
          }
        }),
    )
  }

  /**
   * One file named by a path (no glob) relative to the workspace: the file, or whether it leads outside
   * the workspace (`..`, an absolute path, a symlink out) or is not there.
   */
  file(path: string): { file: string } | { outside: true } | { missing: true } {
    if (leavesWorkspace(path) || isGlob(path)) return { outside: true }
    const [match] = matchFiles(this.root, path, (dir) => this.dirInside(dir), this.listings)
    if (!match) return { missing: true }
    if (this.outside(match)) return { outside: true }
    return { file: match.path.split(sep).join('/') }
  }

  /** Whether a match resolves outside the workspace (a symlink out, or one in a directory that is). */
  private outside(match: FileMatch): boolean {
    return !isInside(this.root, this.realPathOf(match))
  }

  /**
   * Where a match really is, symlinks resolved: for a regular file in a directory known to be inside,
   * that directory's real path (found once per directory) and its name, without a call of its own.
   */
  private realPathOf(match: FileMatch): string {
    const full = `${this.root}${sep}${match.path}`
    if (match.inside) {
      const dir = this.realDir(dirname(full))
      if (dir !== null) return join(dir, basename(full))
    }
    return realpathSync.native(full)
  }

  /** Whether the directory `dir` (absolute, under the workspace) resolves inside the workspace. */
  private dirInside(dir: string): boolean {
    const real = this.realDir(dir)
    return real !== null && isInside(this.root, real)
  }

  /** The real path of the directory `dir`, found once; null when it cannot be resolved. */
  private realDir(dir: string): string | null {
    let real = this.realDirs.get(dir)
    if (real === undefined) {
      try {
        real = realpathSync.native(dir)
      } catch {
        real = null
      }
      this.realDirs.set(dir, real)
    }
    return real
  }
}

/**
 * A match as resolve() takes it: as the glob wrote it, its real path (null when that is outside the
 * workspace), its path with `/`, and whether that path is its real one (no symlink on the way).
 */
interface ResolvedMatch {
  readonly written: string
  readonly real: string | null
  readonly path: string
  readonly unlinked: boolean
}

/** A matched file; `inside` when it is already known to lie inside the workspace, symlinks resolved. */
export interface FileMatch {
  readonly path: string
  readonly inside: boolean
}

/**
 * The files under `root` (a resolved path) that `pattern` matches, relative to it (dot files included,
 * symlinks followed). Two common forms take a short cut, for repositories
 * with a thousand principals: a plain path is one lstat (or a look in its directory's listing, see
 * DirectoryListings), and a glob in the last segment only
 * (`iam/app/*.json`) one directory listing; a regular file in a directory that resolves inside the
 * workspace (`dirInside`, which may remember) is inside, with no realpath of its own. Anything else is
 * globInside's walk.
 */
export function matchFiles(
  root: string,
  pattern: string,
  dirInside: (dir: string) => boolean = (dir) => isInside(root, realpathSync.native(dir)),
  listings?: DirectoryListings,
): FileMatch[] {
  if (!isGlob(pattern)) {
    const path = posix.normalize(pattern).replace(DOT_SLASH, '')
    const full = join(root, path)
    const stat = listings?.entry(dirname(full), basename(full)) ?? entryAt(full, true)
    if (stat?.isFile()) return [{ path, inside: dirInside(dirname(full)) }]
    return stat?.isSymbolicLink() && isFile(full) ? [{ path, inside: false }] : []
  }
  const glob = Glob.compile(pattern, true)
  if (typeof glob === 'string') return []
  if (glob.lastSegmentOnly && glob.base !== '') {
    const dir = join(root, glob.base)
    // A directory that leads out is refused by its own name, not listed: no name from outside is said.
    if (entryAt(dir)?.isDirectory() && !dirInside(dir)) return [{ path: glob.base, inside: false }]
    let entries: Dirent[]
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return []
    }
    // A regular file in a directory that resolves inside the workspace (so it does, when listed) is
    // inside: no realpath per file.
    return entries
      .map((e) => ({ e, path: `${glob.base}/${e.name}` }))
      .filter(
        ({ e, path }) =>
          glob.matches(path) && (e.isFile() || (e.isSymbolicLink() && isFile(join(dir, e.name)))),
      )
      .map(({ e, path }) => ({ path, inside: e.isFile() }))
  }
  const { paths, outside } = globInside(root, pattern, { dot: true, onlyDirectories: false }, dirInside)
  return [
    ...paths.map((path) => ({ path, inside: false })),
    ...outside.map((path) => ({ path, inside: false })),
  ]
}

/**
 * What `pattern` matches under `root` (a resolved path), walked with fdir (tinyglobby's walker) and
 * matched by Glob (see glob.ts for why not picomatch), without going out of the workspace: a
 * symlink that leads out of the workspace is not followed, nor is the directory it names listed, so no
 * name from outside is ever read, let alone said. Such links are returned apart, by their path in the
 * workspace: directories (the glob might have found something through them) and files the pattern
 * matches. Without this, `iam/**` beside a committed `iam/link -> /` walked the runner's whole disk
 * and named 14,000 of its files in the problems.
 */
export function globInside(
  root: string,
  pattern: string,
  options: { readonly dot: boolean; readonly onlyDirectories: boolean },
  dirInside: (dir: string) => boolean = (dir) => isInside(root, realpathSync.native(dir)),
): { paths: string[]; outside: string[] } {
  const glob = Glob.compile(pattern, options.dot)
  if (typeof glob === 'string') return { paths: [], outside: [] }
  // The walk starts at the glob's base: one that leads out is refused whole, unlisted.
  const start = glob.base === '' ? root : join(root, glob.base)
  if (!entryAt(start)?.isDirectory()) return { paths: [], outside: [] }
  if (glob.base !== '' && !dirInside(start)) return { paths: [], outside: [glob.base] }
  const links = new Set<string>()
  const refuseOutside = (path: string): string => {
    const real = realpathSync.native(path)
    if (isInside(root, real)) return real
    links.add(relative(root, path).split(sep).join('/'))
    // As a broken link: fdir passes over it, neither listed nor matched.
    throw Object.assign(new Error('outside the workspace'), { code: 'ENOENT' })
  }
  // Paths relative to the workspace, with `/`: fdir gives them relative to where the walk starts.
  const prefix = glob.base === '' ? '' : `${glob.base}/`
  const from = `${start}${sep}`
  // `.` is where the walk starts: the base itself, which `live/**` matches (none for the workspace's top).
  const inWorkspace = (path: string) => (path === '.' ? glob.base : `${prefix}${withoutSlash(path)}`)
  const walked = new fdir({
    filters: [(path) => glob.matches(inWorkspace(path))],
    // Into a directory only when something beneath it could match, or it does (fdir lists a directory
    // only when it goes into it).
    exclude: (_, path) => {
      const dir = `${prefix}${withoutSlash(path.slice(from.length))}`
      return !glob.mayMatchBeneath(dir) && !(options.onlyDirectories && glob.matches(dir))
    },
    fs: {
      ...fs,
      realpathSync: ((path: string) => refuseOutside(path)) as typeof realpathSync,
      realpath: ((path: string, callback: (error: Error | null, real?: string) => void) => {
        try {
          callback(null, refuseOutside(path))
        } catch (error) {
          callback(error as Error)
        }
      }) as unknown as typeof realpath,
    },
    pathSeparator: '/',
    relativePaths: true,
    resolveSymlinks: true,
    excludeFiles: options.onlyDirectories,
    includeDirs: options.onlyDirectories,
    suppressErrors: true,
    maxDepth: Number.POSITIVE_INFINITY,
  })
    .crawl(start)
    .sync() as string[]
  const paths = walked.map(inWorkspace).filter((path) => path !== '')
  // Each link once, though a symlink back up the tree (`up -> ..`) meets it again under `**`: by where
  // its directory really is, under the shortest path.
  const byPlace = new Map<string, string>()
  for (const link of [...links].sort((a, b) => a.length - b.length || byCodeUnits(a, b))) {
    const mayMatch = entryAt(join(root, link))?.isDirectory()
      ? glob.mayMatchBeneath(link)
      : !options.onlyDirectories && glob.matches(link)
    if (!mayMatch) continue
    const place = join(realpathSync.native(join(root, dirname(link))), basename(link))
    if (!byPlace.has(place)) byPlace.set(place, link)
  }
  return { paths, outside: [...byPlace.values()].sort(byCodeUnits) }
}

/**
 * The files a glob the workflow writes names (`merge-reports`: `shard-reports/<star>/report.json`, or
 * absolute, under `${{ runner.temp }}`), matched as the config's are: relative to `cwd`, and free to name
 * what is outside it, as no pull request's file writes it. Sorted; or why the glob cannot be taken.
 */
export function filesMatching(cwd: string, pattern: string): string[] | string {
  // On Windows, `\` separates; elsewhere it escapes the next character, as in the config's globs.
  const segments = (sep === '\\' ? pattern.replaceAll('\\', '/') : pattern).split('/')
  const fixed = segments.findIndex((segment) => /[*?[{\\]/.test(segment))
  if (fixed < 0) {
    const path = resolve(cwd, pattern)
    return entryAt(path)?.isFile() ? [path] : []
  }
  const rest = segments.slice(fixed).join('/')
  const glob = Glob.compile(rest, false)
  if (typeof glob === 'string') return glob
  let base: string
  try {
    const start = segments.slice(0, fixed).join('/') || (fixed > 0 ? '/' : '.')
    base = realpathSync.native(resolve(cwd, start))
  } catch {
    return []
  }
  const { paths } = globInside(base, rest, { dot: false, onlyDirectories: false })
  return paths.map((path) => join(base, path)).sort(byCodeUnits)
}

function withoutSlash(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : path
}

/**
 * The entries of directories that plain paths name more than once, listed once: a config naming a
 * thousand files in one directory costs one readdir, not a thousand lstat calls. A name not in the
 * listing is looked up as before (a case-insensitive file system finds what the listing spells otherwise).
 */
export class DirectoryListings {
  /** null: asked for once, not listed yet. */
  private readonly listings = new Map<string, ReadonlyMap<string, Dirent> | null>()

  entry(dir: string, name: string): Dirent | undefined {
    let listing = this.listings.get(dir)
    if (listing === undefined) {
      this.listings.set(dir, null)
      return undefined
    }
    if (listing === null) {
      try {
        listing = new Map(readdirSync(dir, { withFileTypes: true }).map((e) => [e.name, e]))
      } catch {
        listing = new Map()
      }
      this.listings.set(dir, listing)
    }
    return listing.get(name)
  }
}

const DOT_SLASH = /^\.\//

/**
 * The glob of the policy files in the directory `pattern` names (`iam/`, `iam//app`): `iam/app/*.json`.
 * Normalised, not cut by /\/+$/, which is tried from each slash of a run and so quadratic in it (a config
 * naming `iam` and 400,000 slashes and `app` held a run for 17 s).
 */
function jsonFilesIn(pattern: string): string {
  const dir = posix.normalize(pattern)
  return `${dir.endsWith('/') ? dir.slice(0, -1) : dir}/*.json`
}

function isFile(path: string): boolean {
  return entryAt(path)?.isFile() ?? false
}

function isDirectory(path: string): boolean {
  return entryAt(path)?.isDirectory() ?? false
}

/**
 * What to say of a glob (or an exclusion, `!` and a glob) too long or too wide to match (see Glob);
 * undefined for one that is not, or for a plain path.
 */
export function globProblem(key: string, pattern: string): string | undefined {
  const body = pattern.startsWith('!') ? pattern.slice(1) : pattern
  // A plain path is looked up, not matched: however long, it is simply not there.
  if (!isGlob(body)) return undefined
  const why = Glob.compile(body, true)
  return typeof why === 'string'
    ? `${key}: ${quote(pattern)} is not a glob this action takes: ${why}`
    : undefined
}

/**
 * What an exclusion (`!iam/legacy/**`) leaves out: the paths it matches and, when it names a directory,
 * what lies beneath. Undefined when it is no glob inside the workspace.
 */
function exclusionOf(pattern: string): ((path: string) => boolean) | undefined {
  const path = posix.normalize(pattern.slice(1))
  if (path === '.' || leavesWorkspace(path)) return undefined
  const glob = Glob.compile(path, true)
  return typeof glob === 'string' ? undefined : (file) => glob.matchesOrContains(file)
}

/**
 * Applies the exclusion `pattern` to what the globs before it found: each map of `found` loses the
 * entries whose path (its value) the exclusion matches. In order, as GitHub's own path filters and
 * actions/upload-artifact do, so a glob after it adds them again. What is wrong with it, if anything:
 * it is no glob inside the workspace, no glob comes before it (`before`: 'none'), or it leaves out
 * nothing though the globs before it matched (a typo, or a `noun` since moved, as a glob that matches
 * nothing is); after a glob that matched nothing ('unmatched'), that glob's problem says enough.
 */
export function applyExclusion(
  key: string,
  pattern: string,
  before: 'none' | 'unmatched' | 'matched',
  noun: 'file' | 'directory',
  found: readonly Map<unknown, string>[],
): string | undefined {
  const example = noun === 'file' ? ['iam/**/*.json', '!iam/legacy/**'] : ['envs/*', '!envs/legacy']
  const isExcluded = exclusionOf(pattern)
  if (!isExcluded)
    return (
      globProblem(key, pattern) ??
      `${key}: ${quote(pattern)} is not valid; expected ! and a glob relative to the workspace, such as ${example[1]}`
    )
  if (before === 'none')
    return `${key}: ${quote(pattern)} excludes from the globs before it, and there is none: list it after the globs it narrows, such as ${JSON.stringify(example).replace(',', ', ')}`
  let excluded = false
  // A directory link is left out when all beneath it is (`!iam/link/**`), a file link when it is.
  for (const map of found)
    for (const [at, path] of map)
      if (isExcluded(path)) {
        map.delete(at)
        excluded = true
      }
  return excluded || before === 'unmatched'
    ? undefined
    : `${key}: ${quote(pattern)} excludes no ${noun} the globs before it match`
}
