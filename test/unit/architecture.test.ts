// The floors of src/ (../shared/STYLE.md): each folder imports only from itself and from folders on a
// lower floor, and the vocabulary imports nothing of ours. New code then has an obvious room, and no
// arrow runs back up.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, posix, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../world/runner.js'

/** Floors, lowest first. `.` is src/ itself: the entry points and the wiring. */
const FLOORS: Record<string, number> = {
  vocabulary: 0,
  catalog: 0,
  policy: 1,
  config: 2,
  sources: 3,
  analysis: 4,
  aws: 4,
  report: 5,
  github: 6,
  '.': 7,
}

interface Arrow {
  readonly from: string
  readonly to: string
}

/** Every import between our own modules under `src` (static, type-only, re-exports and dynamic). */
function arrows(src: string): Arrow[] {
  const out: Arrow[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.ts')) {
        const info = ts.preProcessFile(readFileSync(path, 'utf8'), true, true)
        for (const ref of info.importedFiles) {
          if (!ref.fileName.startsWith('.')) continue
          const target = posix.normalize(
            posix.join(dirname(relative(src, path)).split('\\').join('/'), ref.fileName),
          )
          out.push({ from: relative(src, path).split('\\').join('/'), to: target })
        }
      }
    }
  }
  walk(src)
  return out
}

function folderOf(file: string): string {
  return file.includes('/') ? (file.split('/')[0] as string) : '.'
}

/** The arrows that break the floors, each with why. */
function violations(list: readonly Arrow[]): string[] {
  const out: string[] = []
  for (const { from, to } of list) {
    const a = folderOf(from)
    const b = folderOf(to)
    if (!(a in FLOORS)) out.push(`${from}: folder ${a} has no floor; add it to FLOORS`)
    else if (to.startsWith('..')) out.push(`${from} imports ${to}, outside src/`)
    else if (a === b) continue
    else if (a === 'vocabulary') out.push(`${from} imports ${to}: the vocabulary imports nothing of ours`)
    else if (!(b in FLOORS)) out.push(`${from} imports ${to}: folder ${b} has no floor`)
    else if ((FLOORS[b] as number) >= (FLOORS[a] as number))
      out.push(`${from} imports ${to}: ${b} is not below ${a}`)
  }
  return out
}

describe('the floors of src/', () => {
  it('has no arrow that runs up or sideways', () => {
    const list = arrows(join(REPO_ROOT, 'src'))
    expect(list.length).toBeGreaterThan(100)
    expect(violations(list)).toEqual([])
  })

  it('catches an upward, a sideways and a vocabulary import', () => {
    expect(
      violations([
        { from: 'config/config-file.ts', to: 'analysis/findings.js' },
        { from: 'analysis/usage-checks.ts', to: 'aws/collect-usage.js' },
        { from: 'vocabulary/usage.ts', to: 'catalog/catalog.js' },
        { from: 'report/summary.ts', to: 'vocabulary/findings.js' },
        { from: 'main.ts', to: 'github/publish.js' },
        { from: 'analysis/analyse.ts', to: 'analysis/grants.js' },
      ]),
    ).toEqual([
      'config/config-file.ts imports analysis/findings.js: analysis is not below config',
      'analysis/usage-checks.ts imports aws/collect-usage.js: aws is not below analysis',
      'vocabulary/usage.ts imports catalog/catalog.js: the vocabulary imports nothing of ours',
    ])
  })

  it('keeps analysis/ and report/ free of the runner, the AWS SDK and the file system', () => {
    const banned = /^(@actions\/|@aws-sdk\/|node:fs|node:child_process|fs$)/
    const offenders: string[] = []
    for (const folder of ['analysis', 'report']) {
      const dir = join(REPO_ROOT, 'src', folder)
      for (const file of readdirSync(dir)) {
        const info = ts.preProcessFile(readFileSync(join(dir, file), 'utf8'), true, true)
        for (const ref of info.importedFiles)
          if (banned.test(ref.fileName)) offenders.push(`${folder}/${file}: ${ref.fileName}`)
      }
    }
    expect(offenders).toEqual([])
  })
})
