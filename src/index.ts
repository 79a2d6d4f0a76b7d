// The action's main step; or, loaded by dist/cli.js, the command line (`iam-policy-drift check`).
import { run } from './main.js'

if ((globalThis as { IAM_POLICY_DRIFT_CLI?: boolean }).IAM_POLICY_DRIFT_CLI === true) {
  const { cli } = await import('./cli.js')
  // A reader that stops early (`| head`) closes the pipe: the rest is not wanted, as for any command
  // line tool, and not an error to print a stack for. The exit status is still the verdict's.
  let closed = false
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (!closed && error.code !== 'EPIPE') throw error
    closed = true
  })
  process.exitCode = await cli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  })
} else {
  await run()
}
