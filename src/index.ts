// The action's main step; or, loaded by dist/cli.js, the command line (`iam-policy-drift check`).
import { run } from './main.js'

if ((globalThis as { IAM_POLICY_DRIFT_CLI?: boolean }).IAM_POLICY_DRIFT_CLI === true) {
  const { cli } = await import('./cli.js')
  process.exitCode = await cli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  })
} else {
  await run()
}
