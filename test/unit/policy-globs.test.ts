import { realpathSync } from 'node:fs'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { jsonFileSource } from '../../src/sources/json-files.js'
import { filesMatching, PolicyGlobs, resolvePolicyGlobs } from '../../src/sources/policy-globs.js'
import { discoverPrincipals } from '../../src/sources/policy-source.js'

let outside: string
let workspace: string

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'ipd-globs-'))
  outside = join(root, 'secrets')
  workspace = join(root, 'repo')
  await mkdir(outside)
  await writeFile(join(outside, 'credentials.json'), '{}')
  await mkdir(join(workspace, 'iam', 'app'), { recursive: true })
  for (const f of ['iam/app/a.json', 'iam/app/b.json', 'iam/app/.hidden.json', 'iam/shared.json']) {
    await writeFile(join(workspace, f), '{}')
  }
  await symlink(join(outside, 'credentials.json'), join(workspace, 'iam', 'stolen.json'))
  await symlink(outside, join(workspace, 'iam', 'linked-dir'))
  await symlink(join(workspace, 'iam', 'shared.json'), join(workspace, 'iam', 'alias.json'))
})

const resolve = (...patterns: string[]) =>
  resolvePolicyGlobs(
    workspace,
    'cfg.yml',
    patterns.map((pattern, i) => ({ pattern, line: i + 1 })),
  )

describe('resolvePolicyGlobs', () => {
  it('returns the matched files, sorted and without duplicates', async () => {
    expect(resolve('iam/app/*.json', 'iam/app/a.json', 'iam/shared.json')).toEqual({
      files: ['iam/app/.hidden.json', 'iam/app/a.json', 'iam/app/b.json', 'iam/shared.json'],
      problems: [],
    })
  })

  it('follows a symlink that stays inside the workspace', async () => {
    expect(resolve('iam/alias.json').files).toEqual(['iam/alias.json'])
  })

  it('reads a file reached twice once, under the path with no symlink in it when one matched', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ipd-globs-twice-'))
    await mkdir(join(root, 'iam', 'v2'), { recursive: true })
    await writeFile(join(root, 'iam', 'v2', 'app.json'), '{}')
    // A symlinked directory (`current` → `v2`, and one back up the tree: `**` goes through both) and a
    // symlink beside its target.
    await symlink('v2', join(root, 'iam', 'current'))
    await symlink('..', join(root, 'iam', 'v2', 'up'))
    await symlink('app.json', join(root, 'iam', 'v2', 'latest.json'))
    const files = (...patterns: string[]) =>
      resolvePolicyGlobs(
        root,
        'cfg.yml',
        patterns.map((pattern, line) => ({ pattern, line })),
      ).files
    expect(files('iam/**/*.json')).toEqual(['iam/v2/app.json'])
    expect(files('iam/v2/*.json')).toEqual(['iam/v2/app.json'])
    expect(files('iam/current/app.json', 'iam/v2/app.json')).toEqual(['iam/v2/app.json'])
    // Only symlinked paths matched: the first of them.
    expect(files('iam/current/*.json', 'iam/v2/latest.json')).toEqual(['iam/current/app.json'])
  })

  it('reports a glob that matches nothing, with its line', async () => {
    expect(resolve('iam/app/*.json', 'iam/missing/*.json').problems).toEqual([
      {
        file: 'cfg.yml',
        line: 2,
        message: 'policies: "iam/missing/*.json" matches no file in the workspace',
      },
    ])
  })

  it('names the JSON files of a directory a pattern names, its slashes however many', async () => {
    // 200,000 slashes inside: a RegExp cutting the trailing ones was tried from each and took ~20 s.
    const hints = resolve('iam/app/', `iam${'/'.repeat(200_000)}app`, './iam//').problems.map(
      (p) => p.message.split('; it is a directory: ')[1],
    )
    expect(hints).toEqual([
      'to name its policy files, write "iam/app/*.json"',
      'to name its policy files, write "iam/app/*.json"',
      'to name its policy files, write "iam/*.json"',
    ])
  })

  it.each(['../secrets/*.json', 'iam/../../secrets/credentials.json', '/etc/passwd', '~/.aws/credentials'])(
    'refuses %j without reading anything',
    async (pattern) => {
      const { files, problems } = resolve(pattern)
      expect(files).toEqual([])
      expect(problems[0]?.message).toBe(
        `policies: ${JSON.stringify(pattern)} leads outside the workspace; expected a glob relative to it, without '..'`,
      )
    },
  )

  it('refuses symlinks that lead outside the workspace, to a file or through a directory', async () => {
    const { files, problems } = resolve('iam/stolen.json', 'iam/linked-dir/*.json')
    expect(files).toEqual([])
    // The directory is refused by its own name: not listed, so nothing in it is named.
    expect(problems.map((p) => p.message)).toEqual([
      'policies: "iam/stolen.json" is a symlink that leads outside the workspace; it is not read',
      'policies: "iam/linked-dir" is a symlink that leads outside the workspace; it is not read',
    ])
  })

  it('does not walk through a symlink out of the workspace, nor name what lies beyond it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ipd-globs-out-'))
    await mkdir(join(root, 'iam', 'app'), { recursive: true })
    await writeFile(join(root, 'iam', 'app', 'a.json'), '{}')
    // The whole disk, a pull request away: `**` used to walk it and name every JSON file on the runner.
    await symlink('/', join(root, 'iam', 'app', 'disk'))
    await symlink(outside, join(root, 'iam', 'secrets'))
    const { files, problems } = resolvePolicyGlobs(root, 'cfg.yml', [
      { pattern: 'iam/**/*.json', line: 1 },
      { pattern: 'iam/*/*.json', line: 2 },
      { pattern: 'iam/secrets/**', line: 3 },
    ])
    expect(files).toEqual(['iam/app/a.json'])
    const out = (path: string, line: number) => ({
      file: 'cfg.yml',
      line,
      message: `policies: "${path}" is a symlink that leads outside the workspace; it is not read`,
    })
    // iam/app/disk is passed over by iam/*/*.json: nothing beneath it could match.
    expect(problems).toEqual([
      out('iam/app/disk', 1),
      out('iam/secrets', 1),
      out('iam/secrets', 2),
      out('iam/secrets', 3),
    ])
  })

  it('leaves out what an exclusion (!) names of the files the globs before it match, in order', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ipd-globs-exclude-'))
    await mkdir(join(root, 'iam', 'app'), { recursive: true })
    await mkdir(join(root, 'iam', 'legacy'))
    for (const f of [
      'iam/app/a.json',
      'iam/app/b.json',
      'iam/app/.hidden.json',
      'iam/legacy/old.json',
      'iam/top.json',
    ])
      await writeFile(join(root, f), '{}')
    await symlink(outside, join(root, 'iam', 'vendored'))
    await symlink(join(outside, 'credentials.json'), join(root, 'iam', 'stolen.json'))
    const files = (...patterns: string[]) =>
      resolvePolicyGlobs(
        root,
        'cfg.yml',
        patterns.map((pattern, i) => ({ pattern, line: i + 1 })),
      )
    // A file, a directory and a glob left out; a glob after them adds a file back, as GitHub's filters do.
    expect(
      files(
        'iam/**/*.json',
        '!iam/app/a.json',
        '!iam/legacy/',
        '!**/.*',
        '!iam/vendored/**',
        '!./iam/stolen.json',
      ),
    ).toEqual({ files: ['iam/app/b.json', 'iam/top.json'], problems: [] })
    expect(
      files('iam/**/*.json', '!iam/app', '!iam/*.json', 'iam/app/a.json', '!iam/vendored', '!iam/stolen.json')
        .files,
    ).toEqual(['iam/legacy/old.json', 'iam/app/a.json'])
    // A symlink out is left unread either way; only an exclusion of all beneath a directory link drops
    // its refusal: what a glob would have found through it is not known.
    expect(
      files('iam/**/*.json', '!iam/vendored/*.json', '!iam/stolen.json').problems.map((p) => p.message),
    ).toEqual([
      'policies: "iam/vendored" is a symlink that leads outside the workspace; it is not read',
      'policies: "!iam/vendored/*.json" excludes no file the globs before it match',
    ])
    await rm(root, { recursive: true, force: true })
  })

  it('says when an exclusion excludes nothing, has nothing to narrow, or leaves nothing', async () => {
    expect(resolve('iam/app/*.json', '!iam/legacy/**').problems).toEqual([
      {
        file: 'cfg.yml',
        line: 2,
        message: 'policies: "!iam/legacy/**" excludes no file the globs before it match',
      },
    ])
    expect(resolve('!iam/app/a.json', 'iam/app/*.json').problems.map((p) => p.message)).toEqual([
      'policies: "!iam/app/a.json" excludes from the globs before it, and there is none: list it after the globs it narrows, such as ["iam/**/*.json", "!iam/legacy/**"]',
    ])
    expect(resolve('iam/app/*.json', '!iam/app').problems.map((p) => p.message)).toEqual([
      'policies: the exclusions (!) leave no file of "iam/app/*.json", "!iam/app"',
    ])
    for (const excluded of ['!', '!../iam/*.json', '!/', '!.', '!/etc/passwd'])
      expect(resolve('iam/app/*.json', excluded).problems.map((p) => p.message)).toEqual([
        `policies: "${excluded}" is not valid; expected ! and a glob relative to the workspace, such as !iam/legacy/**`,
      ])
    // A glob before it that matched nothing is said once: not also by the exclusion after it.
    expect(resolve('iam/missing/*.json', '!iam/missing/old.json').problems.map((p) => p.message)).toEqual([
      'policies: "iam/missing/*.json" matches no file in the workspace',
    ])
  })

  it('answers the same through one resolver for many entries, directories remembered', async () => {
    const globs = new PolicyGlobs(workspace)
    const entries = [
      ['iam/app/a.json'],
      ['iam/linked-dir/credentials.json'],
      ['iam/app/b.json', 'iam/stolen.json'],
      ['iam/linked-dir/*.json'],
      ['iam/alias.json', 'iam/app/*.json'],
      // Directories named again are read from their listing: the same answers for what it holds and not.
      ['iam/app/missing.json'],
      ['iam/app', 'iam/shared.json'],
      ['./iam/stolen.json', 'iam/app/.hidden.json'],
      // A tree walked once for all who name it: the same files, the same symlinks refused, each time.
      ['iam/**/*.json'],
      ['iam/app/*.json', 'iam/**/*.json'],
    ]
    for (const patterns of [...entries, ...entries]) {
      const one = globs.resolve(
        'cfg.yml',
        patterns.map((pattern, i) => ({ pattern, line: i + 1 })),
      )
      expect(one).toEqual(resolve(...patterns))
    }
    expect(globs.resolve('cfg.yml', [{ pattern: 'iam/linked-dir/credentials.json', line: 1 }]).files).toEqual(
      [],
    )
  })
})

describe('matchFiles', () => {
  it.each([
    'iam/app/*.json',
    'iam/app/a.json',
    './iam/shared.json',
    'iam/*.json',
    'iam/app/?.json',
    'iam/app/*.{json,yml}',
    'iam/**/*.json',
    'iam/*/*.json',
    '**/shared.json',
    'iam/app',
    'iam/none/*.json',
    'iam/app/[ab].json',
    'iam/**',
    'iam/app/**',
    'iam/{app,none}/*.json',
    'iam/*/[!b]*',
  ])('finds what tinyglobby finds for %j', async (pattern) => {
    const { matchFiles } = await import('../../src/sources/policy-globs.js')
    const { globSync } = await import('tinyglobby')
    const expected = globSync(pattern, {
      cwd: workspace,
      onlyFiles: true,
      dot: true,
      expandDirectories: false,
    })
    // Except through iam/linked-dir, a symlink out of the workspace: not walked, it is given itself.
    const through = (path: string) => path.startsWith('iam/linked-dir/')
    const found = matchFiles(realpathSync(workspace), pattern).map((m) => m.path)
    expect(found.filter((path) => path !== 'iam/linked-dir').sort()).toEqual(
      expected.filter((path) => !through(path)).sort(),
    )
    expect(found.some(through)).toBe(false)
  })
})

describe('the principals: source', () => {
  // Not a speed target (~1 s here): a guard. Each principal's glob walked the tree again and resolved
  // every file's real path: 1,000 principals sharing one over 2,000 files took 35 s.
  it('walks a tree that many principals share a glob of once', { timeout: 10_000 }, async () => {
    const root = await mkdtemp(join(tmpdir(), 'ipd-globs-shared-'))
    for (let d = 0; d < 50; d++) {
      await mkdir(join(root, 'iam', 'shared', `d${d}`), { recursive: true })
      for (let f = 0; f < 40; f++) await writeFile(join(root, 'iam', 'shared', `d${d}`, `p${f}.json`), '{}')
    }
    const globs = new PolicyGlobs(root)
    let named = 0
    for (let i = 0; i < 1_000; i++)
      named += globs.resolve('cfg.yml', [{ pattern: 'iam/shared/**/*.json', line: i + 2 }]).files.length
    expect(named).toBe(2_000_000)
    await rm(root, { recursive: true, force: true })
  })

  it('says each of 160,000 missing files, not a RangeError', async () => {
    // Lists of this length were added as arguments (push(...problems)): past ~120,000, the stack ran out.
    const entries = Array.from({ length: 160_000 }, (_, i) => ({
      arn: `arn:aws:iam::123456789012:role/r${i}`,
      line: 2 + 2 * i,
      policies: [{ pattern: `iam/missing-${i}.json`, line: 3 + 2 * i }],
    }))
    const { problems, principals } = await discoverPrincipals([jsonFileSource('cfg.yml', entries)], workspace)
    expect(problems).toHaveLength(160_000)
    expect(problems.at(-1)).toEqual({
      file: 'cfg.yml',
      line: 320_001,
      message: 'policies: "iam/missing-159999.json" matches no file in the workspace',
    })
    expect(principals).toHaveLength(160_000)
  })
})

// merge-reports: a glob the workflow writes, so it may name what is outside the workspace.
describe('filesMatching', () => {
  it('finds the shards’ reports relative to the workspace, absolute, or outside it, as tinyglobby did', async () => {
    const root = realpathSync(await mkdtemp(join(tmpdir(), 'ipd-merge-')))
    const repo = join(root, 'repo')
    for (const f of [
      'repo/shard-reports/iam-policy-drift-shard-1/report.json',
      'repo/shard-reports/iam-policy-drift-shard-2/report.json',
      'repo/shard-reports/iam-policy-drift-shard-2/other.json',
      'repo/shard-reports/.hidden/report.json',
      'temp/reports/a.json',
      'temp/reports/b.json',
    ]) {
      await mkdir(join(root, f, '..'), { recursive: true })
      await writeFile(join(root, f), '{}')
    }
    const { globSync } = await import('tinyglobby')
    for (const pattern of [
      'shard-reports/*/report.json',
      './shard-reports/**/*.json',
      'shard-reports/iam-policy-drift-shard-{1,2}/report.json',
      '../temp/reports/*.json',
      `${root}/temp/reports/*.json`,
      `${root}/temp/reports/a.json`,
      'nowhere/*.json',
    ]) {
      const ours = filesMatching(repo, pattern)
      expect(ours, pattern).toEqual(globSync(pattern, { cwd: repo, absolute: true, onlyFiles: true }).sort())
    }
    expect(filesMatching(repo, 'shard-reports/*/report.json')).toEqual([
      join(repo, 'shard-reports/iam-policy-drift-shard-1/report.json'),
      join(repo, 'shard-reports/iam-policy-drift-shard-2/report.json'),
    ])
    expect(filesMatching(repo, `shard-reports/${'*a'.repeat(600)}`)).toMatch(/^1,2\d\d characters long/)
    await rm(root, { recursive: true, force: true })
  })
})
