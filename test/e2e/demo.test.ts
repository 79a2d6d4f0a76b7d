// `npm run demo` as a new user runs it: a process, on a machine with nothing but the repository, and the
// README's picture of the pull request comment, which must show what the demo prints today.
import { execFile, spawn } from 'node:child_process'
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { PICTURE_KEYWORD, pictureSource, stableMarkdown, textChunks } from '../../scripts/picture.js'
import { REPO_ROOT } from '../world/runner.js'

const run = promisify(execFile)
const demo = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'demo.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, // no AWS or GitHub settings
  })

describe('npm run demo', () => {
  it('prints its usage for --help, and for a wrong flag instead of a stack trace', async () => {
    const help = await demo('--help')
    expect(help.stdout).toMatch(/^Usage: npm run demo -- \[options\]\n/)
    const wrong = await demo('--bogus').then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    )
    expect(wrong?.code).toBe(2)
    expect(wrong?.stderr).toMatch(/^Unknown option '--bogus'\.?\n\nUsage: npm run demo/)
    expect(wrong?.stderr).not.toContain('    at ')
  })

  it('prints the comment a pull request gets, from the emulated Access Analyzer', async () => {
    const kept = await mkdtemp(join(tmpdir(), 'ipd-demo-'))
    const markdown = join(kept, 'comment.md')
    const { stdout } = await demo('--markdown', markdown, '--report', join(kept, 'report.json'))
    expect(stdout).toContain('── the pull request comment (markdown; GitHub renders it)')
    expect(stdout).toContain('## ❌ IAM policy drift: fail')
    expect(stdout).toContain('would-break')
    expect(stdout).toContain('Suggested least-privilege <code>iam/app-deployer/main.json</code>')
    // Readable on a terminal: no character references.
    expect(stdout).not.toMatch(/&(lt|gt|amp|quot|#\d+);/)
    expect(stdout).toMatch(/error {3}iam\/app-deployer\/main\.json:23 /)
    expect(stdout).toContain(
      '3 policy generation(s) on the emulator; the step failed (the example has drift on purpose).',
    )

    // The report the outputs name is removed with the run's directory; the copy asked for stays.
    expect(stdout).toMatch(/^report = \S+\/report\.json \(kept as \S+\/report\.json\)$/m)
    const report = JSON.parse(await readFile(join(kept, 'report.json'), 'utf8'))
    expect(report.verdict).toBe('fail')

    // The README's picture and its markdown are this comment (job ids and dates aside).
    const comment = await readFile(markdown, 'utf8')
    expect(stableMarkdown(await readFile(join(REPO_ROOT, 'docs', 'pr-comment.md'), 'utf8'))).toBe(
      stableMarkdown(comment),
    )
    const png = await readFile(join(REPO_ROOT, 'docs', 'pr-comment.png'))
    expect(
      textChunks(png).get(PICTURE_KEYWORD),
      'docs/pr-comment.png is stale: npx tsx scripts/render-comment.ts',
    ).toBe(pictureSource(comment))
  })

  it('runs the Terraform example: roles discovered from its plan, annotations on the .tf lines', async () => {
    const { stdout } = await demo('--terraform', '--event', 'schedule')
    expect(stdout).toContain('── annotations on the .tf files')
    expect(stdout).toMatch(/error {3}main\.tf:92 "glue:\*" grants every action of the glue service/)
    expect(stdout).toContain(
      '| `arn:aws:iam::111122223333:role/app-prod-deployer` | 🆕 new: static checks only |',
    )
    expect(stdout).toContain('4 policy generation(s) on the emulator')
    // The demo has no IAM: the attached AWS managed policy comes from the snapshot, and the log says so.
    expect(stdout).toMatch(
      /^warning The current version of 1 AWS managed policy could not be read, so the snapshot built into the action is used/m,
    )
  })

  it('runs the CloudFormation example: the pull request comment with a diff of the template', async () => {
    const { stdout } = await demo('--cloudformation')
    expect(stdout).toContain('── the pull request comment (markdown; GitHub renders it)')
    expect(stdout).toContain('── annotations on the templates')
    expect(stdout).toMatch(
      /error {3}stacks\/app\.yml:33 "dynamodb:\*" grants every action of the dynamodb service/,
    )
    // The SAM function's role has no name yet: static, with the reason.
    expect(stdout).toContain(
      '| `arn:aws:iam::111122223333:role/${NotifierRole}`<br>`stacks/functions.yml:5` | ➖ static checks only: `NO_PHYSICAL_NAME`',
    )
    expect(stdout).toContain(
      'Suggested least-privilege <code>stacks/app.yml</code>: <code>ApiRole.orders</code>',
    )
    expect(stdout).toContain('+                Action: [dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query]')
    expect(stdout).toContain('2 policy generation(s) on the emulator')
  })

  it('shows the nightly run: the job summary, no comment', async () => {
    const { stdout } = await demo('--event', 'schedule')
    expect(stdout).toContain('── the job summary (markdown; no pull request to comment on)')
    expect(stdout).toContain('schedule on `main`')
    expect(stdout).not.toContain('the pull request comment')
  })

  it('piped into a reader that leaves early (npm run demo | head), still removes its directory', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'ipd-pipe-'))
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'demo.ts')], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: scratch },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    // As head does: read the first lines, then close the pipe while the demo still has more to print.
    child.stdout.once('data', () => child.stdout.destroy())
    const code = await new Promise((done) => child.on('close', done))
    expect(stderr).not.toContain('EPIPE')
    expect(code).toBe(0)
    // (tsx keeps its cache there too: only the demo's own directory counts.)
    expect((await readdir(scratch)).filter((name) => name.startsWith('ipd-'))).toEqual([])
  })

  it('refuses an event it cannot show, naming the ones it can', async () => {
    const failed = await demo('--event', 'release').catch((error: { code: number; stderr: string }) => error)
    expect(failed).toMatchObject({ code: 2 })
    expect((failed as { stderr: string }).stderr).toContain(
      '--event "release": expected one of pull_request, schedule, workflow_dispatch, push',
    )
  })
})
