// After each test, the runs of the bundled action it left going (a test that timed out waiting for one)
// are killed: a stray run took a core from every later test and from `npm run bench` after them.
import { afterEach } from 'vitest'
import { stopLeftRuns } from './runner.js'

afterEach(stopLeftRuns)
