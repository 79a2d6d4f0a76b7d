// Regenerates the README's picture of the pull request comment: runs `npm run demo` (the bundled action
// against the emulators on examples/), keeps the comment's markdown as docs/pr-comment.md, renders it
// with GitHub's markdown styles in headless Chromium and writes docs/pr-comment.png. The PNG carries the
// SHA-256 of the markdown it shows (a tEXt chunk), so a test can tell when the picture is stale.
//
//   npx tsx scripts/render-comment.ts      # needs chromium and an emoji font, or the verdict and the
//                                          # severities are boxes (Debian: apt-get install chromium
//                                          # fonts-noto-color-emoji)
//
// Run it after a change to what the comment looks like; commit both files.
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { marked } from 'marked'
import { REPO_ROOT } from '../test/world/runner.js'
import { PICTURE_KEYWORD, pictureSource, withTextChunk } from './picture.js'

const WIDTH = 900
const HEIGHT = 1_060 // the verdict, the principals and the first findings: the README's first screen
const CHROMIUM = process.env.CHROMIUM ?? 'chromium'

// The page, the screenshot and Chromium's profile: removed however the run ends.
const temp = await mkdtemp(join(tmpdir(), 'ipd-render-'))
try {
  const markdownFile = join(REPO_ROOT, 'docs', 'pr-comment.md')
  execFileSync(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'demo.ts'), '--markdown', markdownFile],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  const markdown = await readFile(markdownFile, 'utf8')
  const css = await readFile(
    join(REPO_ROOT, 'node_modules', 'github-markdown-css', 'github-markdown-light.css'),
    'utf8',
  )
  const html = `<!doctype html><meta charset="utf-8"><style>${css}
    body { margin: 0; background: #fff; }
    .frame { box-sizing: border-box; width: ${WIDTH}px; padding: 16px 20px; }
    .header { font: 600 14px -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #f6f8fa;
              border: 1px solid #d1d9e0; border-bottom: 0; border-radius: 6px 6px 0 0; padding: 8px 16px; }
    .markdown-body { border: 1px solid #d1d9e0; border-radius: 0 0 6px 6px; padding: 16px; font-size: 14px; }
    /* GitHub scrolls a wide table sideways; a picture cannot, so its cells wrap to the frame instead. */
    .markdown-body table { display: table; width: 100%; }
    .markdown-body td { overflow-wrap: break-word; }
    .markdown-body td code { overflow-wrap: anywhere; }
  </style>
  <div class="frame"><div class="header">github-actions <span style="font-weight:400;color:#59636e">commented</span></div>
  <article class="markdown-body">${await marked.parse(markdown, { gfm: true })}</article></div>`
  const page = join(temp, 'comment.html')
  await writeFile(page, html)
  const shot = join(temp, 'comment.png')
  execFileSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      `--user-data-dir=${join(temp, 'profile')}`,
      '--force-device-scale-factor=2',
      `--window-size=${WIDTH},${HEIGHT}`,
      `--screenshot=${shot}`,
      `file://${page}`,
    ],
    { stdio: ['ignore', 'ignore', 'ignore'] },
  )
  const png = withTextChunk(await readFile(shot), PICTURE_KEYWORD, pictureSource(markdown))
  await writeFile(join(REPO_ROOT, 'docs', 'pr-comment.png'), png)
  console.log(
    `docs/pr-comment.md (${markdown.length} characters) and docs/pr-comment.png (${png.length} bytes)`,
  )
} finally {
  await rm(temp, { recursive: true, force: true })
}
