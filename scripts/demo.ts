// `npm run demo`: the product on a fresh machine, with no AWS account and no GitHub. Runs the bundled
// action (dist/index.js) on the built-in example repository (examples/) as a runner would for a pull
// request, against the built-in IAM Access Analyzer emulator (serving what the example's roles used)
// and a GitHub API emulator, then prints what the pull request gets: the sticky comment, the annotations
// and the verdict.
//
//   npm run demo                       # a pull request
//   npm run demo -- --event schedule   # the nightly run (also workflow_dispatch, push): no comment
//   npm run demo -- --log              # the action's whole log too
//   npm run demo -- --markdown out.md  # also write the comment (or summary) markdown to a file
//   npm run demo -- --report out.json  # also keep the JSON report (the run's own copy is removed)
//   npm run demo -- --terraform        # the Terraform example (examples/terraform): roles from a plan
//   npm run demo -- --cloudformation   # the CloudFormation example (examples/cloudformation): templates
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { AccessAnalyzerEmulator } from '../test/world/access-analyzer.js'
import {
  cloudFormationPrincipals,
  examplePrincipals,
  terraformPrincipals,
} from '../test/world/example-usage.js'
import { GitHubApiEmulator } from '../test/world/github-api.js'
import { REPO_ROOT, runAction } from '../test/world/runner.js'

const USAGE = `Usage: npm run demo -- [options]

Runs the bundled action (dist/index.js) on the built-in example, against built-in IAM Access Analyzer
and GitHub API emulators, and prints what the pull request gets.

Options:
  --event NAME       pull_request (default), schedule, workflow_dispatch or push
  --terraform        the Terraform example (examples/terraform) instead of the policy files
  --cloudformation   the CloudFormation example (examples/cloudformation): templates and a SAM function
  --log              print the action's whole log too
  --markdown FILE    also write the comment (or the job summary) markdown to FILE
  --report FILE      also keep the JSON report as FILE (the run's directory is removed at the end)
  --help             this text
`

function readArgs() {
  try {
    return parseArgs({
      options: {
        event: { type: 'string', default: 'pull_request' },
        log: { type: 'boolean', default: false },
        markdown: { type: 'string' },
        report: { type: 'string' },
        terraform: { type: 'boolean', default: false },
        cloudformation: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values
  } catch (error) {
    console.error(`${(error as Error).message.replace(/(\.) To specify a positional.*$/s, '$1')}\n\n${USAGE}`)
    process.exit(2)
  }
}

const args = readArgs()
if (args.help) {
  console.log(USAGE)
  process.exit(0)
}
const eventName = args.event ?? 'pull_request'
const EVENTS: Record<string, object> = {
  pull_request: {
    action: 'opened',
    number: 12,
    pull_request: {
      number: 12,
      head: {
        ref: 'tighten-iam',
        sha: '5e1f0c0ffee5e1f0c0ffee5e1f0c0ffee5e1f0c0',
        repo: { full_name: 'octo-org/infra' },
      },
      base: { ref: 'main', repo: { full_name: 'octo-org/infra' } },
    },
  },
  schedule: { schedule: '17 3 * * *' },
  workflow_dispatch: { inputs: {}, ref: 'refs/heads/main' },
  push: { ref: 'refs/heads/main' },
}
if (!EVENTS[eventName]) {
  console.error(`--event "${eventName}": expected one of ${Object.keys(EVENTS).join(', ')}`)
  process.exit(2)
}

const rule = (title: string) => console.log(`\n── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}`)
// The action's copy of dist/ and its runner directory are made under one directory, removed at the end.
const temporary = await mkdtemp(join(tmpdir(), 'ipd-demo-'))
// `npm run demo | head`: once the reader has gone, what is left to print goes nowhere, and the run
// still ends by removing that directory rather than crashing on EPIPE before it can.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
})
process.env.TMPDIR = temporary
const [accessAnalyzer, github] = await Promise.all([
  AccessAnalyzerEmulator.start({
    principals: args.terraform
      ? terraformPrincipals(400)
      : args.cloudformation
        ? cloudFormationPrincipals(400)
        : examplePrincipals(400),
  }),
  GitHubApiEmulator.start(),
])
try {
  const run = await runAction({
    workspace: args.terraform
      ? `${REPO_ROOT}/examples/terraform`
      : args.cloudformation
        ? `${REPO_ROOT}/examples/cloudformation`
        : `${REPO_ROOT}/examples`,
    eventName,
    event: EVENTS[eventName],
    inputs: { 'github-token': 'ghs_demo', 'wait-timeout': '60s' },
    env: {
      // Static credentials for the emulator, as aws-actions/configure-aws-credentials would leave them;
      // with role-to-assume the action gets them through GitHub OIDC instead.
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'demo-secret-for-the-emulator',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_ACCESSANALYZER: accessAnalyzer.url,
      // No IAM here: the AWS managed policies of the Terraform example come from the built-in snapshot.
      AWS_ENDPOINT_URL_IAM: accessAnalyzer.url,
      GITHUB_API_URL: github.url,
      GITHUB_REF_NAME: eventName === 'pull_request' ? '12/merge' : 'main',
    },
  })
  if (args.log) {
    rule('the action log')
    process.stdout.write(run.stdout)
  }
  const [comment] = github.commentsOn(12)
  if (args.markdown) await writeFile(args.markdown, comment?.body ?? run.summary)
  // On a terminal, the markdown reads better without HTML's character references (&lt;, &#124;).
  if (comment) {
    rule('the pull request comment (markdown; GitHub renders it)')
    console.log(readable(comment.body))
  } else {
    rule('the job summary (markdown; no pull request to comment on)')
    console.log(readable(run.summary))
  }
  rule(
    args.terraform
      ? 'annotations on the .tf files'
      : args.cloudformation
        ? 'annotations on the templates'
        : 'annotations on the policy files',
  )
  for (const c of run.commands.filter((c) => ['error', 'warning', 'notice'].includes(c.command))) {
    const where = c.properties.file ? `${c.properties.file}:${c.properties.line} ` : ''
    console.log(`${c.command.padEnd(7)} ${where}${c.message.split('\n')[0]}`)
  }
  rule('outputs')
  if (args.report && run.outputs.report) await copyFile(run.outputs.report, args.report)
  for (const [name, value] of Object.entries(run.outputs)) {
    // The runner's directory goes at the end: name the copy that stays, or say how to keep one.
    const kept =
      name !== 'report'
        ? ''
        : args.report
          ? ` (kept as ${args.report})`
          : ' (removed at the end: --report FILE keeps it)'
    console.log(`${name} = ${value}${kept}`)
  }
  rule('result')
  const jobs = accessAnalyzer.requests.filter((r) => r.operation === 'StartPolicyGeneration').length
  console.log(
    `${jobs} policy generation(s) on the emulator; the step ${run.exitCode === 0 ? 'passed' : 'failed (the example has drift on purpose)'}.`,
  )
  if (run.stderr && !/NodeVersionSupportWarning/.test(run.stderr)) process.stderr.write(run.stderr)
  // The demo succeeds when the action reached a verdict; only a crash (no report) is a failure.
  process.exitCode = run.outputs.report ? 0 : 1
} finally {
  await Promise.all([accessAnalyzer.close(), github.close()])
  await rm(temporary, { recursive: true, force: true })
}

function readable(markdown: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' }
  return markdown.replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)))
    return named[name] ?? whole
  })
}
