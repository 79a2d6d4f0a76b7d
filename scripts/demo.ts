// `npm run demo`: runs the bundled action (dist/index.js) on the built-in example repository in
// examples/, as a GitHub runner would, and prints what the job would show: the log, the annotations,
// the job summary and the outputs.
import { join } from 'node:path'
import { REPO_ROOT, runAction } from '../test/world/runner.js'

const run = await runAction({ workspace: join(REPO_ROOT, 'examples'), eventName: 'workflow_dispatch' })
const rule = (title: string) => console.log(`\n── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}`)
rule('log (annotations are the ::error / ::warning lines)')
process.stdout.write(run.stdout)
if (run.stderr) process.stderr.write(run.stderr)
rule('job summary (markdown)')
console.log(run.summary)
rule('outputs')
for (const [name, value] of Object.entries(run.outputs)) console.log(`${name} = ${value}`)
rule('result')
console.log(
  `The action exited with ${run.exitCode} (${run.exitCode === 0 ? 'pass' : 'fail: the example has findings on purpose'}).`,
)
// The demo succeeds when the action ran to a verdict; only a crash (no report) is a failure.
process.exitCode = run.outputs.report ? 0 : 1
