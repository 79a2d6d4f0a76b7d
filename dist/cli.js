#!/usr/bin/env node
// iam-policy-drift check: the action's checks from the command line (src/cli.ts).
globalThis.IAM_POLICY_DRIFT_CLI = true
await import('./index.js')
