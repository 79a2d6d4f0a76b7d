// The Terraform functions and type constraints the evaluator models, on expressions parsed as in .tf files.
import { describe, expect, it } from 'vitest'
import { toValue } from '../../src/policy/json-tree.js'
import {
  evaluate,
  fromPlain,
  relocate,
  type Scope,
  toJsonNode,
  unknown,
  type Value,
  valueBudget,
} from '../../src/sources/terraform/evaluate.js'
import { parseHcl } from '../../src/sources/terraform/hcl.js'
import { conform } from '../../src/sources/terraform/type-constraint.js'

const NOTHING: Scope = { resolve: () => undefined, readFile: () => undefined, budget: valueBudget() }

/** The attributes of `text` (one `name = expression` per line), parsed. */
async function attributes(text: string) {
  const parsed = await parseHcl('t.tf', text)
  expect(parsed.problems).toEqual([])
  return parsed.attributes
}

/** The plain value of each attribute of `text`, or `unknown` where it is not known here. */
async function values(text: string, scope = NOTHING): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {}
  // One budget of values for the whole text, as a reading of the code has.
  const reading = { ...scope, budget: valueBudget() }
  for (const [name, { expr }] of await attributes(text)) out[name] = plain(evaluate(expr, reading))
  return out
}

/** `local.<name>`: `plain` as a value, the same value each time it is named, as a local's is. */
function withLocal(name: string, plain: unknown): Scope {
  const value = fromPlain(plain, { line: 1, column: 1 })
  return {
    ...NOTHING,
    resolve: (root, steps) =>
      root === 'local' && steps[0]?.kind === 'attr' && steps[0].name === name
        ? { value, used: 1 }
        : undefined,
  }
}

/** `local.list` (["a"]) and `local.map` ({ a = 1 }). */
const LOCALS: Scope = {
  resolve: (root, steps, at) => {
    const first = steps[0]?.kind === 'attr' ? steps[0].name : undefined
    if (root !== 'local') return undefined
    if (first === 'list') return { value: fromPlain(['a'], at), used: 1 }
    if (first === 'map') return { value: fromPlain({ a: 1 }, at), used: 1 }
    return undefined
  },
  readFile: () => undefined,
  budget: valueBudget(),
}

function plain(value: Value): unknown {
  return value.type === 'unknown' ? 'unknown' : toValue(toJsonNode(value))
}

describe('Terraform functions', () => {
  it('computes what modules test and build with', async () => {
    expect(
      await values(
        [
          'list = length(["a", "b", "c"])',
          'map = length({ a = 1, b = 2 })',
          'text = length("naïve 🙂")',
          'keys = keys({ b = 1, a = 2, c = 3 })',
          'values = values({ b = 1, a = 2, c = 3 })',
          'contains = contains(["s3", "sqs"], "sqs")',
          'lacks = contains(["s3", "sqs"], "sns")',
          'one = one(["only"])',
          'none = one([])',
          'text_replace = replace("https://oidc.example.com", "https://", "")',
          'regex_replace = replace("a-b_c", "/[-_]/", ".")',
          'groups = replace("role/app", "/([a-z]+)/([a-z]+)/", "$2-$1")',
          // Go's expansion: ${1} and ${name} braced ($${ in HCL), $name bare, $$ a dollar, a missing group empty.
          'named = replace("role/app", "/(?P<kind>[a-z]+)/(?P<name>[a-z]+)/", "$${name}=$${1}:$kind$9 $$")',
          // Matched in linear time (RE2, as Terraform): a backtracking engine would not end on this one.
          `hostile = length(replace("${'a'.repeat(5000)}!", "/(a+)+$/", ""))`,
          'split = split(",", "a,b")',
          'prefix = trimprefix("arn:aws:iam", "arn:")',
          'suffix = trimsuffix("role/app/", "/")',
          'starts = startswith("arn:aws", "arn:")',
          'ends = endswith("policy.json", ".yml")',
          'first_list = coalescelist([], ["x"], ["y"])',
          'ordered = [for k, v in { b = 2, a = 1 } : "${k}=${v}"]',
          'any = anytrue([false, true])',
          'none_true = anytrue([])',
          'all = alltrue([true, false])',
          'all_empty = alltrue([])',
        ].join('\n'),
      ),
    ).toEqual({
      list: 3,
      map: 2,
      text: 7,
      keys: ['a', 'b', 'c'],
      values: [2, 1, 3],
      contains: true,
      lacks: false,
      one: 'only',
      none: null,
      text_replace: 'oidc.example.com',
      regex_replace: 'a.b.c',
      groups: 'app-role',
      named: 'app=role:role $',
      hostile: 5001,
      split: ['a', 'b'],
      prefix: 'aws:iam',
      suffix: 'role/app',
      starts: true,
      ends: false,
      first_list: ['x'],
      // Terraform iterates a map by key, whatever order it was written in.
      ordered: ['a=1', 'b=2'],
      any: true,
      none_true: false,
      all: false,
      all_empty: true,
    })
  })

  it('builds lists and strings as policies build them: formatlist, the set functions, sort, slice, zipmap, title, substr', async () => {
    expect(
      await values(
        [
          'arns = formatlist("arn:aws:s3:::%s/*", ["logs", "data"])',
          'pairs = formatlist("%s:%s", ["s3", "sqs"], ["Get*", "Send*"])',
          'repeated = formatlist("%s:%s", "s3", ["GetObject", "PutObject"])',
          'uneven = formatlist("%s-%s", ["a"], ["b", "c"])',
          'union = setunion(["s3:PutObject"], ["s3:GetObject", "s3:PutObject"])',
          'both = setintersection(["c", "b", "a"], ["c", "a"], ["a", "c", "d"])',
          'minus = setsubtract(["c", "b", "a"], ["b"])',
          // A set iterates in its order, not as written: strings lexically, numbers by value.
          'set = toset(["sqs:*", "s3:*", "ec2:*", "s3:*"])',
          'numbers = toset([10, 9, 100])',
          'mixed = toset([{ b = 1 }, { a = 1 }])',
          'later = setsubtract(["a"], [var.not_here])',
          'sorted = sort(["sqs:*", "s3:*", "ec2:*"])',
          'reversed = reverse([1, 2, 3])',
          'sliced = slice(["a", "b", "c", "d"], 1, 3)',
          'past = slice(["a"], 0, 2)',
          'zipped = zipmap(["read", "write"], ["s3:Get*", "s3:Put*"])',
          'mapped = tomap({ a = "b" })',
          'trimmed = trimspace("  s3:GetObject\n")',
          'indented = indent(2, "[\n\\"s3:GetObject\\"\n]")',
          'unindented = indent(-1, "a")',
          // Not made past the budget, nor a billion spaces for a line that has no break.
          'wide = indent(1000000000, "a\nb")',
          'one = indent(1000000000, "a")',
          'titled = title("hello wORLD, it_is o\'neill")',
          'sub = substr("arn:aws:iam::111122223333", 4, 3)',
          'tail = substr("naïve 🙂", -3, -1)',
        ].join('\n'),
      ),
    ).toEqual({
      arns: ['arn:aws:s3:::logs/*', 'arn:aws:s3:::data/*'],
      pairs: ['s3:Get*', 'sqs:Send*'],
      repeated: ['s3:GetObject', 's3:PutObject'],
      // Terraform refuses lists of different lengths: not guessed.
      uneven: 'unknown',
      union: ['s3:GetObject', 's3:PutObject'],
      both: ['a', 'c'],
      minus: ['a', 'c'],
      set: ['ec2:*', 's3:*', 'sqs:*'],
      numbers: [9, 10, 100],
      mixed: [{ b: 1 }, { a: 1 }],
      later: 'unknown',
      sorted: ['ec2:*', 's3:*', 'sqs:*'],
      reversed: [3, 2, 1],
      sliced: ['b', 'c'],
      past: 'unknown',
      zipped: { read: 's3:Get*', write: 's3:Put*' },
      mapped: { a: 'b' },
      trimmed: 's3:GetObject',
      // All but the first line, as Terraform's indent() does.
      indented: '[\n  "s3:GetObject"\n  ]',
      unindented: 'unknown',
      wide: 'unknown',
      one: 'a',
      titled: "Hello WORLD, It_is O'Neill",
      sub: 'aws',
      tail: 'e 🙂',
    })
  })

  it('knows that what identifies a resource is text, never null or empty; not an optional argument', async () => {
    // Every resource is there, its values not known (as from the code alone, without a plan).
    const resources: Scope = {
      ...NOTHING,
      resolve: (root, _steps, at) =>
        root.startsWith('aws_')
          ? { value: unknown(at, root, 'only a plan has its values'), used: 1 }
          : undefined,
    }
    expect(
      await values(
        [
          'arn = aws_kms_key.k.arn != null',
          'empty = aws_kms_key.k.arn == ""',
          'url = aws_sqs_queue.q[0].url == null',
          'optional = aws_lambda_function.f.kms_key_arn != null',
          'other = aws_kms_key.k.arn == "x"',
          'encoded = jsonencode(aws_sqs_queue.q.arn)',
          'tags = jsonencode(aws_sqs_queue.q.tags)',
        ].join('\n'),
        resources,
      ),
    ).toEqual({
      arn: true,
      empty: false,
      url: false,
      optional: 'unknown',
      other: 'unknown',
      encoded: '"${aws_sqs_queue.q.arn}"',
      tags: 'unknown',
    })
  })

  it('does not cut, digest or count the placeholder of a text that holds a value not known here', async () => {
    // `var.prefix` names nothing known here: "${var.prefix}-app" is text with its placeholder in it.
    expect(
      await values(
        [
          'cut = substr("${var.prefix}-app", 0, 5)',
          'hashed = md5("${var.prefix}-app")',
          'counted = length(join("-", [var.prefix, "app"]))',
          'shouted = upper(format("%s-app", var.prefix))',
          'starts = startswith("${var.prefix}-app", "prod")',
          // What leaves the placeholder standing for what the value becomes is read as before.
          'replaced = replace("${var.prefix}_app", "_", "-")',
          'lowered = lower("${var.prefix}-APP")',
          'known = substr("orders-app", 0, 6)',
        ].join('\n'),
      ),
    ).toEqual({
      cut: 'unknown',
      hashed: 'unknown',
      counted: 'unknown',
      shouted: 'unknown',
      starts: 'unknown',
      replaced: '${var.prefix}-app',
      lowered: '${var.prefix}-app',
      known: 'orders',
    })
  })

  it('gives the hex digests of a string, as modules key a for_each by them', async () => {
    expect(
      await values(
        [
          'md5 = md5("hello")',
          'sha1 = sha1("hello")',
          'sha256 = sha256("hello")',
          'sha512 = substr(sha512("hello"), 0, 16)',
          // UTF-8 bytes, as Terraform hashes them (the digests here are coreutils' md5sum, sha1sum, …).
          'utf8 = md5("naïve")',
          'later = md5(var.not_known_here)',
        ].join('\n'),
      ),
    ).toEqual({
      md5: '5d41402abc4b2a76b9719d911017c592',
      sha1: 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d',
      sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
      sha512: '9b71d224bd62f378',
      utf8: '63899c6b555841978b89319d701f9b5a',
      later: 'unknown',
    })
  })

  it('passes over what fails in try(), and gives back what is only not known yet, as Terraform does', async () => {
    expect(
      await values(
        [
          'past_end = try(local.list[3], "x")',
          'no_key = try(local.map.b, "y")',
          'first = try(local.map.a, "z")',
          // A value known only after apply is no error: try() gives it back, not the fallback.
          'later = try(var.not_known_here, "")',
          'nothing = try(local.list[3], local.map.b)',
          'can_index = can(local.list[0])',
          'cannot = can(local.list[3])',
          'can_later = can(var.not_known_here)',
        ].join('\n'),
        LOCALS,
      ),
    ).toEqual({
      past_end: 'x',
      no_key: 'y',
      first: 1,
      later: 'unknown',
      nothing: 'unknown',
      can_index: true,
      cannot: false,
      can_later: 'unknown',
    })
  })

  // cloudposse/terraform-aws-iam-policy reads optional inputs so: `try(length(var.iam_source_json_url), 0)`
  // for a URL left null, and `try(values(var.iam_policy_statements), var.iam_policy_statements)` for a map
  // or a list. Both calls were taken for values not known here, try() gave them back, and every policy
  // the module makes was unresolved.
  it('takes a function refusing null, or keys() and values() of a list, as the errors try() passes over', async () => {
    const none = withLocal('none', null)
    expect(
      await values(
        [
          'length_of_null = try(length(local.none), 0)',
          'values_of_list = try(values(["a"]), "list")',
          'keys_of_text   = try(keys("a"), "text")',
          'can_length     = can(length(local.none))',
          // What takes null makes something of it, as Terraform does.
          'merged         = merge(local.none, { a = 1 })',
          'coalesced      = coalesce(local.none, "x")',
          'encoded        = jsonencode(local.none)',
          // Not known here is still not an error.
          'later          = try(length(var.not_known_here), 0)',
          'keys_later     = try(keys(var.not_known_here), [])',
        ].join('\n'),
        none,
      ),
    ).toEqual({
      length_of_null: 0,
      values_of_list: 'list',
      keys_of_text: 'text',
      can_length: false,
      merged: { a: 1 },
      coalesced: 'x',
      encoded: 'null',
      later: 'unknown',
      keys_later: 'unknown',
    })
  })

  // Invicton-Labs/terraform-aws-github-oidc builds its policies with `concat([for …]...)`; the call was
  // left unevaluated, and an index into it said "has no 0".
  it('expands a last argument written with ... into the arguments, as Terraform does', async () => {
    const lists = withLocal('lists', [['a', 'b'], ['c']])
    expect(
      await values(
        [
          'flat   = concat(local.lists...)',
          'more   = concat(["x"], local.lists...)',
          'merged = merge([{ a = 1 }, { b = 2 }, { a = 3 }]...)',
          'none   = concat([]...)',
          'bad    = concat("a"...)',
          'later  = concat(var.lists...)',
        ].join('\n'),
        lists,
      ),
    ).toEqual({
      flat: ['a', 'b', 'c'],
      more: ['x', 'a', 'b', 'c'],
      merged: { a: 3, b: 2 },
      none: [],
      bad: 'unknown',
      later: 'unknown',
    })
  })

  // 18F/identity-terraform keys its group attachments by transpose() and tests log groups' names with
  // strcontains(); neither was evaluated.
  it('computes strcontains() and transpose() as Terraform does', async () => {
    expect(
      await values(
        [
          'yes     = strcontains("arn:aws:logs:us-east-1:1:log-group:/aws/lambda/x", "/aws/lambda/")',
          'no      = strcontains("abc", "d")',
          'held    = strcontains("${var.prefix}-logs", "-")',
          'swapped = transpose({ admins = ["ann", "bo"], devs = ["bo"], none = [] })',
          'later   = transpose(var.groups)',
        ].join('\n'),
      ),
    ).toEqual({
      yes: true,
      no: false,
      held: 'unknown',
      swapped: { ann: ['admins'], bo: ['admins', 'devs'] },
      later: 'unknown',
    })
  })

  it('leaves unknown what it cannot know: a list of several to one(), an unknown to contains()', async () => {
    expect(await values('many = one(["a", "b"])\nunknown = contains([var.x], "a")')).toEqual({
      many: 'unknown',
      unknown: 'unknown',
    })
  })

  // modernisation-platform-environments: `contains(local.roles_filter, key)`, where one item of the
  // filter is `var.options.enable_x ? ["x"] : []`, said only "contains() of values known only after apply".
  it('says which value inside a list or map keeps a function from being known', async () => {
    const parsed = await attributes(
      'x = contains(flatten([["a"], [[local.later ? "c" : "d"]]]), "e")\ny = contains([], var.x)\nz = merge({}, {})\nk = { (local.later) = 1 }\nw = { prod = 1 }["default"]\nv = { prod = 1 }["dev"]',
    )
    const why = (name: string) => {
      const value = evaluate((parsed.get(name) as { expr: Parameters<typeof evaluate>[0] }).expr, NOTHING)
      return value.type === 'unknown' ? value.why : value.type
    }
    expect(why('x')).toBe('contains() of a value not known here: local.later names nothing known here')
    expect(why('y')).toBe('var.x names nothing known here')
    expect(why('z')).toBe('object')
    // An object key not known here says why, as a value does.
    expect(why('k')).toBe('local.later names nothing known here')
    // A map by workspace name, read by terraform.workspace ("default" here), says so.
    expect(why('w')).toBe(
      '{ prod = 1 }["default"] has no "default" (terraform.workspace reads "default" without a plan: give the plan of each workspace as plan:)',
    )
    expect(why('v')).toBe('{ prod = 1 }["dev"] has no "dev"')
  })

  // Not a speed target (~0.4 s here): a guard. index() spelled out every item of the list on every call,
  // so a list searched for each of its own 30,000 items took 29 s.
  it('finds items in a list in linear time, however often the list is searched', {
    timeout: 10_000,
  }, async () => {
    const big = Array.from({ length: 30_000 }, (_, i) => `s${i}`)
    const found = await values(
      'at = [for x in local.big : index(local.big, x)]\nin = contains(local.big, "s29999")',
      withLocal('big', big),
    )
    expect(found).toEqual({ at: Array.from({ length: 30_000 }, (_, i) => i), in: true })
  })

  // Not a speed target (~0.9 s here): a guard. An object's keys were searched for each one named, so a
  // map of 100,000 read key by key took 26 s; 150,000 searched even with the key made once, 15 s.
  it('reads a large map key by key in linear time', { timeout: 10_000 }, async () => {
    const names = Array.from({ length: 150_000 }, (_, i) => `k${String(i).padStart(6, '0')}`)
    const found = await values(
      'read = [for k in keys(local.m) : local.m[k]]\nlooked = lookup(local.m, "k149999", -1)',
      withLocal('m', Object.fromEntries(names.map((k, i) => [k, i]))),
    )
    expect(found).toEqual({ read: names.map((_, i) => i), looked: 149_999 })
  })
})

describe('type constraints', () => {
  it("fills an object's optional() attributes left out or null, with their defaults, through maps and lists", async () => {
    const found = await attributes(
      [
        'type = map(object({',
        '  actions   = optional(list(string))',
        '  effect    = optional(string, "Allow")',
        '  required  = string',
        '  condition = optional(list(object({ test = string, values = optional(list(string), []) })))',
        '}))',
        'value = {',
        '  a = { actions = ["s3:GetObject"], required = "r" }',
        '  b = { effect = null, condition = [{ test = "StringEquals" }] }',
        '}',
      ].join('\n'),
    )
    const type = found.get('type')?.expr
    const value = evaluate(found.get('value')?.expr as never, NOTHING)
    expect(plain(conform(value, type, NOTHING))).toEqual({
      a: { actions: ['s3:GetObject'], required: 'r', effect: 'Allow', condition: null },
      // A required attribute left out is Terraform's error to report: not made up here.
      b: { effect: 'Allow', condition: [{ test: 'StringEquals', values: [] }], actions: null },
    })
    // Without a type, or with one that declares no object, a value is as it was given.
    expect(plain(conform(value, undefined, NOTHING))).toEqual(plain(value))
  })
})

describe('the functions attachments and counts are built with', () => {
  it('computes setproduct, range, chunklist, index, chomp, trim, tonumber, tobool, min, max and sum as Terraform does', async () => {
    expect(
      await values(
        [
          'pairs = setproduct(["app", "ops"], ["arn:a", "arn:b"])',
          'triple = setproduct(["a"], [1, 2], [true])',
          'empty = setproduct(["a"], [])',
          'one_set = setproduct(["a"])',
          'up = range(3)',
          'down = range(-2)',
          'from = range(1, 4)',
          'back = range(3, 0)',
          'step = range(0, 10, 4)',
          'chunks = chunklist(["a", "b", "c"], 2)',
          'whole = chunklist(["a", "b"], 0)',
          'at = index(["s3", "sqs"], "sqs")',
          'first = index(["s3", "sqs", "s3", "sqs"], "sqs")',
          'missing = index(["s3"], "sns")',
          'chomped = chomp("policy\\n\\n")',
          'trimmed = trim("?!hello?!", "!?")',
          'number = tonumber("42")',
          'not_number = tonumber("x")',
          'bool = tobool("true")',
          'low = min(3, 1, 2)',
          'high = max(3, 1, 2)',
          'total = sum([1, 2, 3.5])',
          'none = min()',
        ].join('\n'),
      ),
    ).toEqual({
      pairs: [
        ['app', 'arn:a'],
        ['app', 'arn:b'],
        ['ops', 'arn:a'],
        ['ops', 'arn:b'],
      ],
      triple: [
        ['a', 1, true],
        ['a', 2, true],
      ],
      empty: [],
      one_set: 'unknown',
      up: [0, 1, 2],
      down: [0, -1],
      from: [1, 2, 3],
      back: [3, 2, 1],
      step: [0, 4, 8],
      chunks: [['a', 'b'], ['c']],
      whole: [['a', 'b']],
      at: 1,
      first: 1,
      missing: 'unknown',
      chomped: 'policy',
      trimmed: 'hello',
      number: 42,
      not_number: 'unknown',
      bool: true,
      low: 1,
      high: 3,
      total: 6.5,
      none: 'unknown',
    })
  })

  it('does not make more than 100,000 combinations or numbers: a .tf file cannot exhaust memory', async () => {
    const big = await values(
      [
        'product = setproduct(range(1000), range(1000))',
        'numbers = range(0, 1000000000)',
        'fine = length(setproduct(range(300), range(300)))',
      ].join('\n'),
    )
    expect(big).toEqual({ product: 'unknown', numbers: 'unknown', fine: 90000 })
  })

  it('weighs text too: templatefile() of a large file in a for expression is refused after 125 copies', async () => {
    let reads = 0
    const big = 'x'.repeat(1024 * 1024)
    const FILES: Scope = {
      resolve: () => undefined,
      readFile: (path) => {
        reads++
        return { text: path === 'big.tpl' ? big : 'small ${v}', file: path }
      },
      budget: valueBudget(),
    }
    const got = await values(
      [
        'small = [for i in range(3) : templatefile("small.tpl", { v = i })]',
        // 3,000 copies of 1 MB held 2 GB before the budget, weighing a KiB as one value, ran out.
        'big = length([for i in range(3000) : templatefile("big.tpl", {})])',
      ].join('\n'),
      FILES,
    )
    expect(got).toEqual({ small: ['small 0', 'small 1', 'small 2'], big: 'unknown' })
    // Read each time (the file may be another revision's), and refused after 125 copies of 16,385 each.
    expect(reads).toBeLessThan(200)
  })

  it('chomps newlines at the end only, in time linear in a long run of them', async () => {
    // As /(?:\r\n|\r|\n)+$/ it was tried from each newline of the run: quadratic.
    const run = '\\n'.repeat(100_000)
    const chomped = await values(
      [`inner = chomp("a${run}b\\r\\n\\r\\n")`, 'mixed = chomp("x\\n\\r\\r\\n")', 'none = chomp("y")'].join(
        '\n',
      ),
    )
    expect(chomped).toEqual({ inner: `a${'\n'.repeat(100_000)}b`, mixed: 'x', none: 'y' })
  })

  it('makes no more than 2,000,000 values in one reading of the code, however they nest or are shared', async () => {
    // One list of 1,000, the same object each time it is named, as a local is.
    const thousand = fromPlain(
      Array.from({ length: 1000 }, (_, i) => i),
      { line: 1, column: 1 },
    )
    const BIG: Scope = {
      resolve: (root, steps) =>
        root === 'local' && steps[0]?.kind === 'attr' && steps[0].name === 'big'
          ? { value: thousand, used: 1 }
          : undefined,
      readFile: () => undefined,
      budget: valueBudget(),
    }
    const nested = await values(
      'nested = length(flatten([for i in range(2000) : [for j in range(2000) : [i, j]]]))',
    )
    // 20,000 names of one list: 20 million values once flatten() or jsonencode() spells them out.
    const shared = await values(
      [
        'fine = length(flatten([for i in range(100) : local.big]))',
        'flat = flatten([for i in range(20000) : local.big])',
        'json = jsonencode([for i in range(20000) : local.big])',
        'concat = length(concat(local.big, local.big))',
      ].join('\n'),
      BIG,
    )
    // Both ran a runner out of memory (the first after 23 s).
    expect(nested).toEqual({ nested: 'unknown' })
    expect(shared).toEqual({ fine: 100_000, flat: 'unknown', json: 'unknown', concat: 'unknown' })
    // Once the reading's budget is spent, what follows in it is refused too: never a partial value.
    const after = await values(
      'one = [1]\nmany = [for i in range(2000) : [for j in range(2000) : j]]\ntwo = [2]\nthree = 3',
    )
    expect(after).toEqual({ one: [1], many: 'unknown', two: 'unknown', three: 3 })
  })

  it('keeps where each item of a setproduct is written', async () => {
    const [, pairs] = [...(await attributes('pairs = setproduct(["app"],\n  ["arn:a"])'))][0] ?? []
    const value = pairs && evaluate(pairs.expr, NOTHING)
    const pair = value?.type === 'array' ? value.items[0] : undefined
    expect(pair?.type === 'array' && pair.items.map((i) => `${i.line}:${i.column}`)).toEqual(['1:21', '2:4'])
  })
})

describe('conditionals', () => {
  // tree-sitter-hcl's grammar groups a chain of conditionals to the left; HCL to the right (the false
  // result is a whole expression). `count = var.policy == null ? 0 : var.enabled ? 1 : 0` is 0 when
  // the policy is null: read to the left, it was `(… ? 0 : var.enabled) ? 1 : 0`, a number as a condition.
  it('groups a chain to the right, as HCL does, and keeps parentheses that group to the left', async () => {
    expect(
      await values(
        [
          'first = true ? "a" : true ? "b" : "c"',
          'second = false ? "a" : true ? "b" : "c"',
          'last = false ? "a" : false ? "b" : "c"',
          'long = false ? 1 : false ? 2 : false ? 3 : true ? 4 : 5',
          'count = null == null ? 0 : true ? 1 : 0',
          'nested = true ? false ? "x" : "y" : "z"',
          'grouped = (true ? false : true) ? "x" : "y"',
          'in_false = false ? 1 : (false ? 2 : 3)',
          'operands = 1 + 1 == 2 ? "two" : 1 > 0 ? "positive" : "other"',
        ].join('\n'),
      ),
    ).toEqual({
      first: 'a',
      second: 'b',
      last: 'c',
      long: 4,
      count: 0,
      nested: 'y',
      grouped: 'y',
      in_false: 3,
      operands: 'two',
    })
  })

  it('says which condition of a chain is not known, with its text and its place', async () => {
    const parsed = await attributes('x = false ? 1 : local.later ? 2 : 3')
    const value = evaluate((parsed.get('x') as { expr: Parameters<typeof evaluate>[0] }).expr, NOTHING)
    expect(value).toMatchObject({
      type: 'unknown',
      // Why the condition is not known: what it is made of, not only that it is a condition.
      why: 'local.later names nothing known here',
      text: 'local.later ? 2 : 3',
      line: 1,
      column: 17,
    })
  })
})

describe('regex(), regexall() and the numeric functions', () => {
  // `regex("^arn:[^:]+:iam::([0-9]+):", var.role_arn)[0]` takes an account from an ARN; `count =
  // ceil(length(local.statements) / 10)` splits a policy under IAM's size limit.
  it("computes them as Terraform does, in RE2's syntax, and leaves what fails to try()", async () => {
    expect(
      await values(
        [
          'account = regex("^arn:[^:]+:iam::([0-9]+):", "arn:aws:iam::123456789012:role/app")[0]',
          'whole = regex("[0-9]+", "role-42")',
          'named = regex("^(?P<kind>[a-z]+)/(?P<name>.*)$", "role/app")',
          'optional = regex("(a)|(b)", "b")',
          'all = regexall("[a-z]+", "ab1cd2")',
          'none = regexall("x", "abc")',
          'missed = try(regex("x", "abc"), "none")',
          'tested = can(regex("^arn:", "role/app"))',
          'parts = ceil(25 / 10)',
          'down = floor(2.5)',
          'size = abs(-3)',
          'sign = signum(-3)',
          'power = pow(2, 10)',
          'shown = nonsensitive("text")',
          'hidden = sensitive("secret")',
          'placeholder = regex("[a-z]+", "${local.later}")',
        ].join('\n'),
      ),
    ).toEqual({
      account: '123456789012',
      whole: '42',
      named: { kind: 'role', name: 'app' },
      optional: [null, 'b'],
      all: ['ab', 'cd'],
      none: [],
      missed: 'none',
      tested: false,
      parts: 3,
      down: 2,
      size: 3,
      sign: -1,
      power: 1024,
      shown: 'text',
      // What the code marks secret is not written out, so not known here.
      hidden: 'unknown',
      // A match in a placeholder's characters would be no match of the value's.
      placeholder: 'unknown',
    })
  })
})

describe('object keys', () => {
  // `for_each = { for idx, arn in var.policy_arns : idx => arn }` keys a list's attachments by its
  // indexes: Terraform converts a number or bool key to a string, as it does in an object written out.
  it('are strings made of the numbers and bools a for expression or an object constructor gives', async () => {
    expect(
      await values(
        [
          'indexes = { for i, arn in ["a", "b"] : i => arn }',
          'flags = { for v in [true, false] : v => v }',
          'grouped = { for i, v in ["x", "y", "z"] : i % 2 => v... }',
          'written = { (1 + 1) = "two", (true) = "yes" }',
        ].join('\n'),
      ),
    ).toEqual({
      indexes: { 0: 'a', 1: 'b' },
      flags: { true: true, false: false },
      grouped: { 0: ['x', 'z'], 1: ['y'] },
      written: { 2: 'two', true: 'yes' },
    })
  })

  it('are not known when a value not known here gives them, nor when they are null', async () => {
    const known = await values('list = { for v in [null] : v => 1 }\nlater = { (local.later) = 1 }')
    expect(known).toEqual({ list: 'unknown', later: 'unknown' })
  })
})

describe('steps on a value that is not a name', () => {
  it('takes attributes, indexes and splats of what a function or parentheses give', async () => {
    expect(
      await values(
        [
          'first = split(",", "a,b,c")[1]',
          'names = values({ x = { name = "a" }, y = { name = "b" } })[*].name',
          'legacy = values({ x = { name = "a" } }).*.name',
          'grouped = (true ? { id = "p" } : { id = "q" }).id',
          'keyed = jsondecode("{\\"k\\": [1, 2]}")["k"][1]',
          'in_operation = length(split(",", "a,b")[0]) + 1',
          'missing = split(",", "a")[3]',
        ].join('\n'),
      ),
    ).toEqual({
      first: 'b',
      names: ['a', 'b'],
      legacy: ['a'],
      grouped: 'p',
      keyed: 2,
      in_operation: 2,
      missing: 'unknown',
    })
  })
})

// A map of accounts in locals.tf named whole in 300 roles of main.tf (`length(local.accounts)`) was copied
// whole to each place, and a run ran out of memory: a moved value's parts are moved when they are read.
describe('a value of another file, moved where it is named', () => {
  /** A map of `count` accounts, each an object that counts how often its keys and its values are read. */
  function accounts(count: number) {
    const read = { keys: 0, values: 0 }
    const map = fromPlain(
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`app-${i}`, { id: String(i) }])),
      { line: 3, column: 5 },
    ) as Extract<Value, { type: 'object' }>
    const values = map.values.map((entry) => {
      const { keys, values, ...rest } = entry as Extract<Value, { type: 'object' }>
      return {
        ...rest,
        get keys() {
          read.keys++
          return keys
        },
        get values() {
          read.values++
          return values
        },
      } as Value
    })
    return { value: { ...map, values } as Value, read }
  }

  it('moves no part of it that is not read', async () => {
    const { value, read } = accounts(50)
    const moved = relocate(value, { line: 9, column: 12 }, 'infra/locals.tf')
    const scope: Scope = {
      ...NOTHING,
      resolve: (root) => (root === 'local' ? { value: moved, used: 1 } : undefined),
    }
    const reading = { ...scope, budget: valueBudget() }
    const got = [...(await attributes('n = length(local.accounts)\nk = keys(local.accounts)[7]'))].map(
      ([, a]) => plain(evaluate(a.expr, reading)),
    )
    expect(got).toEqual([50, 'app-15'])
    expect(read.keys).toBe(0)
  })

  it('is counted without moving its keys', async () => {
    const { value } = accounts(50)
    const moved = relocate(value, { line: 9, column: 12 }, 'infra/locals.tf')
    const keys = Object.getOwnPropertyDescriptor(moved, 'keys')?.get
    let movedKeys = 0
    Object.defineProperty(moved, 'keys', {
      get() {
        movedKeys++
        return keys?.call(moved)
      },
    })
    const scope: Scope = {
      ...NOTHING,
      resolve: (root) => (root === 'local' ? { value: moved, used: 1 } : undefined),
    }
    const length = (await attributes('n = length(local.accounts)')).get('n')
    expect(length && plain(evaluate(length.expr, { ...scope, budget: valueBudget() }))).toBe(50)
    expect(movedKeys).toBe(0)
  })

  it('is weighed against the budget of values without being moved', async () => {
    const { value, read } = accounts(50)
    // Named in two places, each a copy of its own; merge() gives the copy back whole, to be weighed.
    const places = [
      relocate(value, { line: 9, column: 12 }, 'infra/locals.tf'),
      relocate(value, { line: 10, column: 12 }, 'infra/locals.tf'),
    ]
    let named = 0
    const scope: Scope = {
      ...NOTHING,
      resolve: (root) => (root === 'local' ? { value: places[named++ % 2] as Value, used: 1 } : undefined),
    }
    const reading = { ...scope, budget: valueBudget() }
    const got = [
      ...(await attributes('a = length(merge(local.accounts))\nb = length(merge(local.accounts))')),
    ].map(([, a]) => plain(evaluate(a.expr, reading)))
    expect(got).toEqual([50, 50])
    // Each account is read once, to weigh the local itself; moving it at each place would read it again.
    expect(read).toEqual({ keys: 0, values: 50 })
  })

  it('puts each part read where the value is named, written where the local writes it', () => {
    const { value, read } = accounts(3)
    const moved = relocate(value, { line: 9, column: 12 }, 'infra/locals.tf') as Extract<
      Value,
      { type: 'object' }
    >
    const entry = moved.values[2] as Extract<Value, { type: 'object' }>
    expect(entry.keys.map((k) => [k.value, k.line, k.column, k.written])).toEqual([
      ['id', 9, 12, { file: 'infra/locals.tf', line: 3, column: 5 }],
    ])
    expect([moved.line, moved.column, moved.written]).toEqual([
      9,
      12,
      { file: 'infra/locals.tf', line: 3, column: 5 },
    ])
    expect(read.keys).toBe(1)
    // Read again, the same parts: moved once.
    expect((moved.values[2] as Extract<Value, { type: 'object' }>).keys[0]).toBe(entry.keys[0])
    expect(read.keys).toBe(1)
  })
})
