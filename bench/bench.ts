// `npm run bench`: speed and memory figures, printed rather than asserted (a busy machine must not fail
// a test). Targets from the issues are printed beside the figures; ratios compare runs of the same
// moment on the same machine.
//
// 1. A synthetic repository of 1,000 principals × 5 policy files × 20 statements: load (config, globs,
//    policy parsing), catalog decode, expand + check — per phase, in fresh processes, on the code
//    bundled with ncc exactly as dist/ is (bench/phases.ts).
//    (terraform) A plan of ~2,000 resources in 5 module levels, against its policies as JSON files.
//    (cloudformation) 200 YAML templates with 2,000 roles, against their policies as JSON files.
// 2. The same repository through the bundled action, dist/index.js as a process.
// 3. Start-up of dist/index.js to its first log line, and the post step with no job left, against bare
//    `node` spawned the same way; the bundle sizes.
// 4. Policy-generation scheduling against the emulator: wall time over the ideal makespan, polls per job.
// 5. (managed) AWS's managed policies as policy files, one principal each: the whole bundled action
//    against a bare `node` reading and parsing the same files; and a pull request that changes one of
//    them (base files from the git history, the base checked for what it changes) against a push run.
// 6. (ignore) 200 principals granted `*` and a NotAction, with 20 and with 1,000 `ignore:` entries against
//    none: the entries split lists of 22,000 actions for every principal.
// 7. (globs) The config's globs over a tree of 12,000 files (src/sources/glob.ts with fdir) against
//    tinyglobby (picomatch) on the same tree; and globs a pull request piles stars into, which
//    picomatch's RegExps backtrack through without end, timed here on names and paths made for them.
import { spawn, spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { pullRequestEvent, REPO_ROOT, runAction } from '../test/world/runner.js'
import { makeCloudFormationRepositories } from './cloudformation-repo.js'
import { measureSchedule, pollsFor } from './scheduling.js'
import { durations, simulate } from './simulation.js'
import { makeTerraformRepositories } from './terraform-repo.js'

// `npm run bench -- --only phases` (or terraform, cloudformation, action, startup, scheduling, managed, ignore, locals, globs) runs one section.
const SECTIONS = [
  'phases',
  'terraform',
  'cloudformation',
  'action',
  'startup',
  'scheduling',
  'managed',
  'ignore',
  'locals',
  'globs',
] as const
const only = parseArgs({ options: { only: { type: 'string', multiple: true } } }).values.only
for (const name of only ?? []) {
  if (!(SECTIONS as readonly string[]).includes(name)) {
    console.error(`--only ${JSON.stringify(name)}: expected one of ${SECTIONS.join(', ')}`)
    process.exit(2)
  }
}
const want = (section: (typeof SECTIONS)[number]) => !only || only.includes(section)

// Times read high on a machine something else keeps busy (a test's stray run once made 8× read 11×):
// what share of the cores is in use, over half a second before anything is measured, is said.
const idle = () => cpus().reduce((sum, cpu) => sum + cpu.times.idle, 0)
const [idleBefore, startedAt] = [idle(), Date.now()]
await new Promise((done) => setTimeout(done, 500))
const busy = 1 - (idle() - idleBefore) / ((Date.now() - startedAt) * cpus().length)
if (busy > 0.25)
  console.warn(
    `note: ${Math.round(busy * 100)} % of the ${cpus().length} cores were busy before the first measure: ` +
      'something else is running, and the times below may read high',
  )

const PRINCIPALS = 1000
const FILES_PER_PRINCIPAL = 5
const STATEMENTS_PER_FILE = 20

// Statement shapes seen in real repositories: exact actions on ARNs, partial and service wildcards,
// Resource "*", conditions, Deny guardrails, NotAction.
const SHAPES: ((i: number) => object)[] = [
  (i) => ({
    Effect: 'Allow',
    Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
    Resource: [`arn:aws:s3:::bucket-${i}`, `arn:aws:s3:::bucket-${i}/*`],
  }),
  (i) => ({
    Effect: 'Allow',
    Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
    Resource: `arn:aws:dynamodb:us-east-1:111122223333:table/t-${i}`,
  }),
  () => ({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }),
  () => ({ Effect: 'Allow', Action: ['sqs:*', 'sns:Publish'], Resource: '*' }),
  () => ({
    Effect: 'Allow',
    Action: ['ec2:Describe*', 'cloudwatch:GetMetricData', 'logs:FilterLogEvents'],
    Resource: '*',
  }),
  (i) => ({
    Effect: 'Allow',
    Action: 'iam:PassRole',
    Resource: `arn:aws:iam::111122223333:role/task-${i}`,
    Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
  }),
  () => ({
    Effect: 'Allow',
    Action: ['lambda:InvokeFunction', 'lambda:GetFunction', 'kms:Decrypt'],
    Resource: '*',
  }),
  () => ({ Effect: 'Deny', Action: ['s3:DeleteBucket', 'dynamodb:DeleteTable'], Resource: '*' }),
  () => ({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: 'arn:aws:s3:::public/*' }),
  () => ({
    Effect: 'Allow',
    Action: ['ssm:GetParameter*', 'secretsmanager:GetSecretValue'],
    Resource: 'arn:aws:ssm:us-east-1:111122223333:parameter/app/*',
  }),
]

async function makeRepository(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ipd-bench-'))
  const lines = ['principals:']
  for (let p = 0; p < PRINCIPALS; p++) {
    const dir = `iam/p${String(p).padStart(4, '0')}`
    await mkdir(join(root, dir), { recursive: true })
    lines.push(`  - arn: arn:aws:iam::111122223333:role/app-${p}`, `    policies: [${dir}/*.json]`)
    for (let f = 0; f < FILES_PER_PRINCIPAL; f++) {
      const statements = Array.from({ length: STATEMENTS_PER_FILE }, (_, s) => ({
        Sid: `S${s}`,
        ...(SHAPES[(p + f + s) % SHAPES.length] as (i: number) => object)(p * 100 + s),
      }))
      await writeFile(
        join(root, dir, `policy-${f}.json`),
        JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2),
      )
    }
  }
  await mkdir(join(root, '.github'))
  await writeFile(join(root, '.github', 'iam-policy-drift.yml'), `${lines.join('\n')}\n`)
  return root
}

const ms = (n: number) => `${n.toFixed(0)} ms`
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
const report = (what: string, figure: string, target = '') =>
  console.log(`  ${what.padEnd(60)} ${figure.padStart(12)}  ${target}`)

/** A script of bench/ bundled with ncc, as dist/ is, so the code measured is the code shipped. */
async function bundleBench(name: 'phases' | 'minimal-run'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `ipd-bench-${name}-`))
  const ncc = createRequire(import.meta.url)('@vercel/ncc')
  const { code, assets } = await ncc(join(REPO_ROOT, 'bench', `${name}.ts`), {
    filename: `${name}.js`,
    cache: false,
    quiet: true,
    target: 'es2022',
  })
  await writeFile(join(dir, `${name}.js`), code)
  // The chunks of dynamic imports (the Terraform source, the managed policies), as dist/ has them.
  for (const [chunk, asset] of Object.entries(assets as Record<string, { source: string | Buffer }>))
    if (chunk.endsWith(`.${name}.js`)) await writeFile(join(dir, chunk), asset.source)
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n')
  return join(dir, `${name}.js`)
}

// Every temporary directory of the run (the bundled action's copies and runner directories
// included) under one, removed at the end.
const temporary = await mkdtemp(join(tmpdir(), 'ipd-bench-run-'))
process.env.TMPDIR = temporary

if (want('phases') || want('action')) {
  console.log(
    `Synthetic repository: ${PRINCIPALS} principals × ${FILES_PER_PRINCIPAL} files × ${STATEMENTS_PER_FILE} statements`,
  )
}
// The synthetic repository and the bundled phases only for the sections that use them.
const repo = want('phases') || want('action') ? await makeRepository() : ''
const phases =
  want('phases') || want('terraform') || want('cloudformation') || want('managed')
    ? await bundleBench('phases')
    : ''
try {
  // 1. By phase, each sample in a fresh process (cold, as in a real run): median and best of 5.
  if (want('phases')) await measurePhases()
  if (want('terraform')) await measureTerraform()
  if (want('cloudformation')) await measureCloudFormation()
  if (want('action')) await measureAction()
  if (want('startup')) await measureStartup()
  if (want('scheduling')) await measureScheduling()
  if (want('managed')) await measureManagedPolicies()
  if (want('ignore')) await measureIgnoreRules()
  if (want('locals')) await measureSharedLocals()
  if (want('globs')) await measureGlobs()
} finally {
  if (repo) await rm(repo, { recursive: true, force: true })
  if (phases) await rm(join(phases, '..'), { recursive: true, force: true })
  await rm(temporary, { recursive: true, force: true })
}

async function measurePhases(): Promise<void> {
  const samples: Record<string, number>[] = []
  for (let i = 0; i < 5; i++) {
    const child = spawnSync(process.execPath, [phases, repo], { encoding: 'utf8' })
    if (child.status !== 0) throw new Error(child.stderr)
    samples.push(JSON.parse(child.stdout))
  }
  const pick = (key: string) => samples.map((s) => s[key] as number)
  report('load: config + globs + parse policies (median)', ms(median(pick('load'))))
  report('catalog decode, 22,000 actions (median)', ms(median(pick('decode'))))
  report(`expand + check, ${samples[0]?.statements} statements (median)`, ms(median(pick('check'))))
  report('load + expand + check (median of 5)', ms(median(pick('total'))), 'target < 1500 ms')
  report('load + expand + check (best of 5)', ms(Math.min(...pick('total'))))
  report('findings', String(samples[0]?.findings))
  report(
    'heap used / RSS after the analysis (median)',
    `${mib(median(pick('heapUsed')))} / ${mib(median(pick('rss')))}`,
  )
}

/** One cold sample of load + expand + check on a repository, in a fresh process of the bundled code. */
function samplePhases(repository: string): Record<string, number> {
  const child = spawnSync(process.execPath, [phases, repository], { encoding: 'utf8' })
  if (child.status !== 0) throw new Error(child.stderr)
  return JSON.parse(child.stdout)
}

// 1b. A Terraform plan of ~2,000 resources against the same policies as JSON files.
async function measureTerraform(): Promise<void> {
  const { terraform, json, resources } = await makeTerraformRepositories()
  try {
    console.log(
      `Terraform: a plan of ${resources} resources, 300 roles, 5 module levels; the same policies as JSON files`,
    )
    const tf: number[] = []
    const plain: number[] = []
    for (let i = 0; i < 5; i++) {
      tf.push(samplePhases(terraform).total as number)
      plain.push(samplePhases(json).total as number)
    }
    report('Terraform: load + resolve + check (median of 5)', ms(median(tf)), 'target < 1000 ms')
    report('JSON files of the same policies: load + check (median of 5)', ms(median(plain)))
    report('Terraform / JSON files', `${(median(tf) / median(plain)).toFixed(2)}×`)
  } finally {
    await rm(terraform, { recursive: true, force: true })
    await rm(json, { recursive: true, force: true })
  }
}

async function measureCloudFormation(): Promise<void> {
  const { cloudformation, json, roles } = await makeCloudFormationRepositories()
  try {
    console.log(`CloudFormation: 200 YAML templates, ${roles} roles; the same policies as JSON files`)
    const cfn: number[] = []
    const plain: number[] = []
    for (let i = 0; i < 5; i++) {
      cfn.push(samplePhases(cloudformation).total as number)
      plain.push(samplePhases(json).total as number)
    }
    report('CloudFormation: load + resolve + check (median of 5)', ms(median(cfn)), 'target < 1000 ms')
    report('JSON files of the same policies: load + check (median of 5)', ms(median(plain)))
    report('CloudFormation / JSON files', `${(median(cfn) / median(plain)).toFixed(2)}×`)
  } finally {
    await rm(cloudformation, { recursive: true, force: true })
    await rm(json, { recursive: true, force: true })
  }
}

// 2. The bundled action on the same repository, as a process: every report written.
async function measureAction(): Promise<void> {
  // Peak RSS from inside the process: a preload writes process.resourceUsage().maxRSS as it exits.
  const dir = await mkdtemp(join(tmpdir(), 'ipd-bench-rss-'))
  const preload = join(dir, 'max-rss.cjs')
  await writeFile(
    preload,
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.IPD_MAX_RSS_FILE, String(process.resourceUsage().maxRSS)))\n",
  )
  const runs: number[] = []
  const peaks: number[] = []
  try {
    for (let i = 0; i < 3; i++) {
      const out = join(dir, `rss-${i}`)
      const run = await runAction({
        workspace: repo,
        inputs: { 'fail-on': 'never' },
        env: { NODE_OPTIONS: `--require ${preload}`, IPD_MAX_RSS_FILE: out },
      })
      if (run.exitCode !== 0) throw new Error(`dist/index.js exited ${run.exitCode}: ${run.stderr}`)
      runs.push(run.durationMs)
      peaks.push(Number(await readFile(out, 'utf8')) * 1024)
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  report('dist/index.js on the repository, whole run (median of 3)', ms(median(runs)))
  report(`peak RSS of that run, ${PRINCIPALS} principals (median of 3)`, mib(median(peaks)))
}

// 3. Start-up to the first log line, against bare node started the same way.
async function measureStartup(): Promise<void> {
  const clean = join(REPO_ROOT, 'test', 'fixtures', 'clean')
  const firstLine: number[] = []
  const whole: number[] = []
  for (let i = 0; i < 7; i++) {
    const run = await runAction({ workspace: clean })
    firstLine.push(run.firstLineMs ?? Number.NaN)
    whole.push(run.durationMs)
  }
  // Bare node, spawned and waited for exactly as the action is: the floor both figures are compared with.
  const bare: number[] = []
  for (let i = 0; i < 7; i++) bare.push(await timeProcess(['-e', '']))
  report('dist/index.js start-up to first log line (median of 7)', ms(median(firstLine)), 'target < 300 ms')
  report('bare node start-up to exit (median of 7)', ms(median(bare)))
  report('start-up / bare node', `${(median(firstLine) / median(bare)).toFixed(2)}×`)
  // The post step runs after every job, even when the main step left no generation running.
  const post: number[] = []
  for (let i = 0; i < 7; i++)
    post.push((await runAction({ workspace: clean, entry: 'dist/post.js' })).durationMs)
  report('dist/post.js with no job left running, whole run (median of 7)', ms(median(post)))
  report('post step / bare node', `${(median(post) / median(bare)).toFixed(2)}×`)
  report('dist/index.js whole run on a 2-principal repository (median)', ms(median(whole)))
  for (const file of ['dist/index.js', 'dist/post.js']) {
    report(`bundle size ${file}`, `${((await stat(join(REPO_ROOT, file))).size / 1024).toFixed(0)} KiB`)
  }
}

/** Milliseconds from spawning `node <args>` to its exit, with piped output as runAction has it. */
async function timeProcess(args: string[]): Promise<number> {
  const t0 = performance.now()
  // A clean environment, as runAction gives the action: none of tsx's loader hooks.
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '' },
  })
  child.stdout.resume()
  child.stderr.resume()
  await new Promise((done) => child.on('close', done))
  return performance.now() - t0
}

// 4. Policy-generation scheduling against the emulator (real SDK client, real time).
async function measureScheduling(): Promise<void> {
  console.log('Policy generation scheduling (wall time / ideal makespan under the cap; polls per job):')
  for (const c of [
    { principals: 12, latencyMs: 3_000, cap: 5, target: 'target ≤ 1.15' },
    // The issue's heterogeneous case: 1–6 s, unknown in advance (a first run), under a cap of 5. The
    // issue gives it as what was ("about 1.3×, up to 10 polls for one job"), not as a target: no poller
    // knows the lengths on a first run, so the order the jobs start in costs ~1.22× by itself. What
    // polling adds is held to the issue's 1.1×; the 40-job tables below are the measure of it.
    {
      principals: 12,
      latencyMs: [1_000, 2_000, 3_000, 4_000, 5_000, 6_000],
      cap: 5,
      target: 'was ~1.3×, up to 10 polls for one job; polling ≤ 1.1',
    },
    { principals: 10, latencyMs: 2_000, cap: 1, target: 'target ≤ 1.15' },
    { principals: 200, latencyMs: 2_000, cap: 10, target: 'target ≤ 1.2' },
  ]) {
    const f = await measureSchedule(c)
    report(
      `N=${c.principals}, ${typeof c.latencyMs === 'number' ? c.latencyMs / 1000 : `${Math.min(...c.latencyMs) / 1000}–${Math.max(...c.latencyMs) / 1000}`} s jobs, cap ${c.cap}: ${ms(f.wallMs)} / ${ms(f.idealMs)}`,
      `${f.ratio.toFixed(3)}×`,
      `${c.target}; ${f.pollingRatio.toFixed(3)}× the lengths-unknown order; ${f.pollsPerJob.toFixed(1)} polls/job (${f.listings} listings; at most ${f.maxPolls} GetGeneratedPolicy for one job); max ${f.maxInProgress} in flight`,
    )
  }
  report('polls for one 10-minute job (simulated clock)', String(pollsFor(600_000)))
  report('polls for one 3-second job (simulated clock)', String(pollsFor(3_000)))

  // Hours of jobs on a simulated clock: 40 jobs per case; "history" = each principal's last generation
  // took its duration ±10 % (every run after the first), "first" = none (a principal's first run). Each
  // cell: the mean over DRAWS draws of the durations, and the worst draw (8 draws were too few: the mean
  // of mixed lengths on one slot moved by 0.02 from one set of 8 to the next). "order" is the same jobs
  // in the order the run started them with every end seen at once: what not knowing the lengths costs by
  // itself (no poller can do better on a first run); "polling" is wall over that.
  const DRAWS = 50
  console.log(
    `Simulated clock, 40 jobs: wall / ideal (one slot: the serial sum; more: a lower bound), polls per job (GetGeneratedPolicy and the account's listings); mean of ${DRAWS} draws (worst)`,
  )
  console.log(
    `  ${'durations'.padEnd(36)} ${'slots'.padStart(5)} ${'first run'.padStart(28)} ${'= order × polling'.padStart(18)} ${'with history'.padStart(28)}`,
  )
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
  for (const kind of ['uniform', 'mixed', 'heavy-tailed'] as const) {
    const label = {
      uniform: 'uniform, 60 s',
      mixed: 'mixed, log-uniform 3 s to 15 min',
      'heavy-tailed': 'heavy-tailed, Pareto 5 s to 15 min',
    }[kind]
    for (const slots of [1, 5]) {
      const cells: string[] = []
      for (const history of [false, true]) {
        const ratios: number[] = []
        const orders: number[] = []
        const polls: number[] = []
        for (let seed = 3; seed < 3 + DRAWS; seed++) {
          const r = await simulate([durations(kind, 40, seed)], { slots, history })
          ratios.push(r.wallMs / r.idealMs)
          orders.push(r.inOrderMs / r.idealMs)
          polls.push((r.getCalls + r.listCalls) / r.jobs)
        }
        cells.push(
          `${mean(ratios).toFixed(3)}× (${Math.max(...ratios).toFixed(3)}) ${mean(polls).toFixed(1)} (${Math.max(...polls).toFixed(1)})`.padStart(
            28,
          ),
        )
        if (!history)
          cells.push(`${mean(orders).toFixed(3)} × ${(mean(ratios) / mean(orders)).toFixed(3)}`.padStart(18))
      }
      console.log(`  ${label.padEnd(36)} ${String(slots).padStart(5)} ${cells.join(' ')}`)
    }
  }
  console.log(
    '  target (mixed): ≤ 1.1× and ≤ 8 polls per job; with several slots a first run cannot know the lengths, so its part of the target is polling ≤ 1.1×',
  )
  // 30 accounts × 20 principals, 2 to 10 minutes each, one slot per account, accounts in parallel.
  const accounts = Array.from({ length: 30 }, (_, a) =>
    Array.from({ length: 20 }, (_, i) => 120_000 + ((a * 7 + i * 13) % 9) * 60_000),
  )
  for (const history of [false, true]) {
    const r = await simulate(accounts, { slots: 1, history })
    report(
      `30 accounts × 20 principals, 2–10 min, ${history ? 'with history' : 'first run'}: ${(r.wallMs / 60_000).toFixed(0)} min / ${(r.idealMs / 60_000).toFixed(0)} min`,
      `${(r.wallMs / r.idealMs).toFixed(3)}×`,
      `target ≤ 1.1; ${r.getCalls} GetGeneratedPolicy (${(r.getCalls / r.jobs).toFixed(1)}/job)`,
    )
  }
  // 500 principals in 25 accounts, sharded 10 ways: each shard's run, the merged wall is the slowest.
  const org = Array.from({ length: 25 }, (_, a) =>
    Array.from({ length: 20 }, (_, i) => 120_000 + ((a * 5 + i * 11) % 9) * 60_000),
  )
  const whole = await simulate(org, { slots: 1, history: true })
  const shardWalls: number[] = []
  for (let k = 0; k < 10; k++) {
    const part = org.filter((_, a) => a % 10 === k)
    if (part.length > 0) shardWalls.push((await simulate(part, { slots: 1, history: true })).wallMs)
  }
  report(
    '500 principals, 25 accounts: 10 shards (slowest) / one runner',
    `${(Math.max(...shardWalls) / whole.wallMs).toFixed(3)}×`,
    `${(Math.max(...shardWalls) / 60_000).toFixed(0)} / ${(whole.wallMs / 60_000).toFixed(0)} min: accounts already run in parallel on one runner`,
  )
}

/**
 * `ignore:` entries at scale: 200 principals granted `*` (and everything but iam:*), each finding's
 * 22,000 actions split by 20 entries, and by the most a config takes (1,000: `Get*`, `List*` and
 * `Describe*` of one service after another), against the same run with no entries. Runs side by side,
 * ratio per round.
 */
async function measureIgnoreRules(): Promise<void> {
  const ROUNDS = 3
  const PRINCIPALS_IGNORED = 200
  const RULES = [
    's3:Get*',
    's3:List*',
    'ec2:Describe*',
    'logs:*',
    'cloudwatch:Get*',
    'sqs:*',
    'sns:Publish',
    'dynamodb:Query',
    'kms:Decrypt',
    'lambda:Invoke*',
    'ssm:GetParameter*',
    'secretsmanager:GetSecretValue',
    'ecr:*',
    'sts:GetCallerIdentity',
    'xray:Put*',
    'cloudformation:Describe*',
    'tag:Get*',
    'iam:Get*',
    'iam:List*',
    'elasticloadbalancing:Describe*',
  ]
  const dir = await mkdtemp(join(tmpdir(), 'ipd-bench-ignore-'))
  try {
    await mkdir(join(dir, '.github'))
    await mkdir(join(dir, 'iam'))
    const principals = ['principals:']
    for (let i = 0; i < PRINCIPALS_IGNORED; i++) {
      const statements = [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
      ]
      await writeFile(
        join(dir, 'iam', `p${i}.json`),
        JSON.stringify({ Version: '2012-10-17', Statement: statements }),
      )
      principals.push(`  - arn: arn:aws:iam::111122223333:role/r${i}`, `    policies: [iam/p${i}.json]`)
    }
    const ignoring = (patterns: readonly string[]) => [
      'ignore:',
      ...patterns.flatMap((r) => [`  - action: "${r}"`, '    reason: accepted']),
    ]
    const { loadCatalog } = await import('../src/catalog/catalog.js')
    const most = [...loadCatalog().serviceKeys()]
      .flatMap((service) => ['Get*', 'List*', 'Describe*'].map((verb) => `${service}:${verb}`))
      .slice(0, 1_000)
    const withRules: number[] = []
    const withMost: number[] = []
    const without: number[] = []
    for (let i = 0; i < ROUNDS; i++) {
      for (const [config, times] of [
        [[...principals, ...ignoring(RULES)], withRules],
        [[...principals, ...ignoring(most)], withMost],
        [principals, without],
      ] as const) {
        await writeFile(join(dir, '.github', 'iam-policy-drift.yml'), `${config.join('\n')}\n`)
        const run = await runAction({ workspace: dir, inputs: { 'fail-on': 'never' } })
        if (run.exitCode !== 0) throw new Error(`dist/index.js exited ${run.exitCode}: ${run.stderr}`)
        times.push(run.durationMs)
      }
    }
    console.log(`ignore: entries, ${PRINCIPALS_IGNORED} principals granted * and a NotAction (static mode)`)
    report(`with ${RULES.length} entries (median of ${ROUNDS})`, ms(median(withRules)))
    report(`with none (median of ${ROUNDS})`, ms(median(without)))
    report(`with ${most.length} entries (median of ${ROUNDS})`, ms(median(withMost)))
    report(
      `with ${RULES.length} entries / without (median of the rounds' ratios)`,
      `${median(withRules.map((x, i) => x / (without[i] as number))).toFixed(2)}×`,
    )
    report(
      `with ${most.length} entries / without (median of the rounds' ratios)`,
      `${median(withMost.map((x, i) => x / (without[i] as number))).toFixed(2)}×`,
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * Many small files: every AWS managed policy of the snapshot as a policy file of a principal of its own,
 * the whole bundled action (static mode) against the floor — bare `node` reading and JSON.parse-ing the
 * same files, spawned the same way — and, for scale, against the least a run must do
 * (bench/minimal-run.ts: read, parse, expand, one check, write), bundled the same way.
 */
async function measureManagedPolicies(): Promise<void> {
  const ROUNDS = 5
  const { loadManagedPolicies } = await import('../src/catalog/managed-policies.js')
  const snapshot = await loadManagedPolicies()
  const dir = await mkdtemp(join(tmpdir(), 'ipd-bench-managed-'))
  const single = await mkdtemp(join(tmpdir(), 'ipd-bench-single-'))
  const minimalScript = await bundleBench('minimal-run')
  try {
    await mkdir(join(dir, '.github'))
    await mkdir(join(dir, 'policies'))
    const config = ['principals:']
    for (const [i, arn] of snapshot.arns.entries()) {
      const file = `policies/${arn.slice(arn.lastIndexOf('/') + 1)}.json`
      await writeFile(join(dir, file), JSON.stringify(JSON.parse(snapshot.document(arn) as string), null, 2))
      config.push(`  - arn: arn:aws:iam::111122223333:role/managed-${i}`, `    policies: [${file}]`)
    }
    await writeFile(join(dir, '.github', 'iam-policy-drift.yml'), `${config.join('\n')}\n`)
    // The same action on the first of those principals alone: what any run costs before its principals
    // (start-up, loading the bundle, the config, the report), against the same floor.
    await mkdir(join(single, '.github'))
    await mkdir(join(single, 'policies'))
    const [firstFile] = config[2]?.match(/policies\/[^\]]+/) ?? []
    if (!firstFile) throw new Error('bench: no policy file in the config')
    await writeFile(join(single, firstFile), await readFile(join(dir, firstFile), 'utf8'))
    await writeFile(join(single, '.github', 'iam-policy-drift.yml'), `${config.slice(0, 3).join('\n')}\n`)
    const floorScript = join(dir, 'floor.cjs')
    await writeFile(
      floorScript,
      // It prints how long its reading took inside the process, beside the spawn's wall time.
      "const fs = require('node:fs'); const t = performance.now(); const d = process.argv[2]; let n = 0; for (const f of fs.readdirSync(d)) n += JSON.parse(fs.readFileSync(d + '/' + f, 'utf8')).Statement ? 1 : 0; console.log(JSON.stringify({ n, ms: performance.now() - t }))\n",
    )
    const action: number[] = []
    const floor: number[] = []
    const floorInside: number[] = []
    const minimal: number[] = []
    const loads: number[] = []
    const checks: number[] = []
    const timed = (args: string[]): number => {
      const started = performance.now()
      const run = spawnSync(process.execPath, args, { encoding: 'utf8' })
      if (run.status !== 0) throw new Error(`${args[0]}: ${run.stderr}`)
      if (args[0] === floorScript) floorInside.push(JSON.parse(run.stdout).ms)
      return performance.now() - started
    }
    // A pull request that adds a statement to one policy: the base is the commit before it.
    const git = (...args: string[]) => {
      const done = spawnSync('git', args, { cwd: dir, encoding: 'utf8' })
      if (done.status !== 0) throw new Error(`git ${args.join(' ')}: ${done.stderr}`)
      return done.stdout.trim()
    }
    const identity = ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench']
    git('init', '-q', '-b', 'main')
    git('add', '-A')
    git(...identity, 'commit', '-q', '-m', 'base')
    git('gc', '-q') // a clone's objects are packed, as actions/checkout leaves them
    const baseSha = git('rev-parse', 'HEAD')
    const changed = join(dir, 'policies', 'AmazonS3ReadOnlyAccess.json')
    const policy = JSON.parse(await readFile(changed, 'utf8'))
    policy.Statement.push({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' })
    await writeFile(changed, JSON.stringify(policy, null, 2))
    git(...identity, 'commit', '-q', '-am', 'head')
    const event = pullRequestEvent(1, git('rev-parse', 'HEAD'), baseSha)
    const pullRequest: number[] = []
    const one: number[] = []
    // Each figure's runs are next to each other in time, and each ratio is taken per round, then the
    // median: a shared machine's load drifts over a minute, and a ratio of medians taken from different
    // moments moved by ±15 % between two runs of this section.
    for (let i = 0; i < ROUNDS; i++) {
      const run = await runAction({ workspace: dir, inputs: { 'fail-on': 'never' } })
      if (run.exitCode !== 0) throw new Error(`dist/index.js exited ${run.exitCode}: ${run.stderr}`)
      action.push(run.durationMs)
      floor.push(timed([floorScript, join(dir, 'policies')]))
      minimal.push(timed([minimalScript, join(dir, 'policies'), join(dir, 'minimal.json')]))
      const pr = await runAction({
        workspace: dir,
        inputs: { 'fail-on': 'never' },
        eventName: 'pull_request',
        event,
      })
      if (pr.exitCode !== 0 || !pr.stdout.includes('Compared with the base revision'))
        throw new Error(`dist/index.js on a pull request: ${pr.exitCode}: ${pr.stdout}${pr.stderr}`)
      pullRequest.push(pr.durationMs)
      const alone = await runAction({ workspace: single, inputs: { 'fail-on': 'never' } })
      if (alone.exitCode !== 0) throw new Error(`dist/index.js on one principal: ${alone.stderr}`)
      one.push(alone.durationMs)
      const inside = samplePhases(dir)
      loads.push(inside.load as number)
      checks.push((inside.decode as number) + (inside.check as number))
    }
    const perRound = (a: number[], b: number[]) => median(a.map((x, i) => x / (b[i] as number)))
    console.log(`AWS managed policies: ${snapshot.arns.length} files, one principal each (static mode)`)
    report(`dist/index.js, whole run (median of ${ROUNDS})`, ms(median(action)))
    report(`bare node reading and parsing the files (median of ${ROUNDS})`, ms(median(floor)))
    report(
      "whole run / that floor (median of the rounds' ratios)",
      `${perRound(action, floor).toFixed(1)}×`,
      'target ≤ 4×',
    )
    report('for scale: bench/minimal-run.ts / that floor', `${perRound(minimal, floor).toFixed(1)}×`)
    report(
      'for scale: a run of one of them alone / that floor',
      `${perRound(one, floor).toFixed(1)}×`,
      `${ms(median(one))}: what a run costs before its principals`,
    )
    // Where the run's time goes, timed inside one process (bench/phases.ts), against the floor's own
    // reading timed the same way: what the config, the globs and the positions cost over a bare
    // JSON.parse, and what the checks cost on top.
    report(
      '  in one process: reading the config and the files',
      ms(median(loads)),
      `${perRound(loads, floorInside).toFixed(1)}× the floor's own reading, ${ms(median(floorInside))}`,
    )
    report(
      '  in one process: the catalog and the checks',
      ms(median(checks)),
      `${perRound(checks, floorInside).toFixed(1)}× it`,
    )
    report(
      'a pull request changing one policy / the push run',
      `${perRound(pullRequest, action).toFixed(2)}×`,
      `${ms(median(pullRequest))} (median of ${ROUNDS})`,
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
    await rm(single, { recursive: true, force: true })
    await rm(join(minimalScript, '..'), { recursive: true, force: true })
  }
}

/**
 * A large local of one file named in another: 300 roles each naming a map of 3,000 accounts, the shape of an
 * organisation's repository that keeps its accounts in locals.tf. Two ways of naming it: one entry each
 * (`local.accounts["app-7"].name`), and the whole map (`length(local.accounts)`, `keys(local.accounts)[7]`).
 * Against the same code with the local in the file that names it, where nothing has to be moved: each place
 * that names the local once had the whole map copied to it, and the whole map named 600 times ran out of
 * memory.
 */
async function measureSharedLocals(): Promise<void> {
  const ROUNDS = 5
  const ENTRIES = 3_000
  const ROLES = 300
  const accounts = Array.from(
    { length: ENTRIES },
    (_, i) => `    "app-${i}" = { name = "app-${i}", id = "${String(100000000000 + i)}", tier = "${i % 3}" }`,
  )
  const locals = ['locals {', '  accounts = {', ...accounts, '  }', '}', '']
  const role = (i: number, name: string, bucket: string) =>
    [
      `resource "aws_iam_role" "r${i}" {`,
      `  name               = "${name}"`,
      '  assume_role_policy = "{}"',
      '}',
      `resource "aws_iam_role_policy" "r${i}" {`,
      `  role   = aws_iam_role.r${i}.id`,
      `  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::${bucket}-data/*" }] })`,
      '}',
    ].join('\n')
  const shapes = {
    'one entry each': (i: number) =>
      role(i, `\${local.accounts["app-${i * 7}"].name}-deployer`, `\${local.accounts["app-${i * 7}"].id}`),
    'the whole map': (i: number) =>
      role(i, `deployer-${i}-of-\${length(local.accounts)}`, `\${keys(local.accounts)[${i * 7}]}`),
  }
  const dir = await mkdtemp(join(tmpdir(), 'ipd-bench-locals-'))
  try {
    console.log(
      `Terraform locals: a map of ${ENTRIES} accounts in locals.tf, named by ${ROLES} roles in main.tf`,
    )
    for (const [shape, write] of Object.entries(shapes)) {
      const roles = Array.from({ length: ROLES }, (_, i) => write(i)).join('\n')
      const layouts = {
        'in another file': { 'infra/locals.tf': locals.join('\n'), 'infra/main.tf': roles },
        'in the same file': { 'infra/main.tf': `${locals.join('\n')}${roles}\n` },
      }
      const times: Record<string, number[]> = {}
      for (let round = 0; round < ROUNDS; round++)
        for (const [layout, files] of Object.entries(layouts)) {
          await rm(join(dir, 'infra'), { recursive: true, force: true })
          await mkdir(join(dir, 'infra'), { recursive: true })
          await mkdir(join(dir, '.github'), { recursive: true })
          await writeFile(
            join(dir, '.github', 'iam-policy-drift.yml'),
            'terraform:\n  - root: infra\n    account: "111122223333"\n',
          )
          for (const [path, text] of Object.entries(files)) await writeFile(join(dir, path), text)
          const run = await runAction({ workspace: dir, inputs: { 'fail-on': 'never' } })
          if (run.exitCode !== 0) throw new Error(`dist/index.js exited ${run.exitCode}: ${run.stderr}`)
          if (!run.stdout.includes(`${ROLES} principal(s)`))
            throw new Error(`bench: expected ${ROLES} principals: ${run.stdout.slice(0, 2000)}`)
          const list = times[layout] ?? []
          list.push(run.durationMs)
          times[layout] = list
        }
      const other = times['in another file'] as number[]
      const same = times['in the same file'] as number[]
      report(`${shape}: the map in locals.tf (median of ${ROUNDS})`, ms(median(other)))
      report(`${shape}: the map in main.tf (median of ${ROUNDS})`, ms(median(same)))
      report(
        `${shape}: another file / the same file (median of the rounds' ratios)`,
        `${median(other.map((x, i) => x / (same[i] as number))).toFixed(2)}×`,
      )
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * The globs of a config over a tree of 12,000 files in 3 levels (and a .git of 2,000 beside them, as a
 * checkout has): globInside, the walk a run makes for a glob, against tinyglobby's globSync with the
 * options it used to be given, each the median of 7, side by side. Then the piled-up stars: a name of
 * 250 characters and a path 400 directories deep that fails only at its end, each glob matched once
 * (picomatch is not run on them: 4 stars took it 1.3 s, 10 did not end).
 */
async function measureGlobs(): Promise<void> {
  const ROUNDS = 7
  const { globInside } = await import('../src/sources/policy-globs.js')
  const { Glob } = await import('../src/sources/glob.js')
  const { globSync } = await import('tinyglobby')
  const dir = await mkdtemp(join(tmpdir(), 'ipd-bench-globs-'))
  try {
    for (let a = 0; a < 20; a++)
      for (let b = 0; b < 20; b++) {
        const at = join(dir, `team-${a}`, `app-${b}`)
        await mkdir(join(at, 'src'), { recursive: true })
        for (let c = 0; c < 10; c++) await writeFile(join(at, `policy-${c}.json`), '{}')
        for (let c = 0; c < 10; c++) await writeFile(join(at, 'src', `file-${c}.ts`), '')
        for (let c = 0; c < 10; c++) await writeFile(join(at, `template-${c}.yml`), '')
      }
    await mkdir(join(dir, '.git', 'objects'), { recursive: true })
    for (let c = 0; c < 2_000; c++) await writeFile(join(dir, '.git', 'objects', `o${c}`), '')
    console.log('globs: a tree of 12,000 files (and a .git of 2,000), our walk against tinyglobby')
    for (const pattern of ['**/*.json', 'team-1*/**/policy-{1,2}.json', '*/app-3/*.yml']) {
      const ours: number[] = []
      const theirs: number[] = []
      let found = 0
      for (let i = 0; i < ROUNDS; i++) {
        let t = performance.now()
        found = globInside(dir, pattern, { dot: true, onlyDirectories: false }).paths.length
        ours.push(performance.now() - t)
        t = performance.now()
        const expected = globSync(pattern, { cwd: dir, dot: true, expandDirectories: false }).length
        theirs.push(performance.now() - t)
        if (expected !== found) throw new Error(`bench: ${pattern}: ${found} files, tinyglobby ${expected}`)
      }
      report(
        `${pattern} (${found} files): ours / tinyglobby`,
        `${median(ours.map((x, i) => x / (theirs[i] as number))).toFixed(2)}×`,
        `${ms(median(ours))} against ${ms(median(theirs))}`,
      )
    }
    const piled: [string, string][] = [
      [`iam/${'*a'.repeat(40)}*b`, `iam/${'a'.repeat(250)}`],
      [`${'**/a*/'.repeat(40)}b`, `${'aaaa/'.repeat(30)}${'bbbb/'.repeat(370)}b`],
    ]
    for (const [pattern, path] of piled) {
      const glob = Glob.compile(pattern, true)
      if (typeof glob === 'string') throw new Error(glob)
      const t = performance.now()
      glob.matches(path)
      report(
        `${pattern.slice(0, 24)}… on a path of ${path.length} characters`,
        `${(performance.now() - t).toFixed(2)} ms`,
        'one pass',
      )
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
