// A Terragrunt unit given as a `root:`: a directory with a terragrunt.hcl and no .tf file. Terragrunt runs
// Terraform on a copy of the module its `terraform { source }` names, so that module is the configuration
// to point at; read from the unit, it can be named exactly when it is in the repository.
import { readdirSync, realpathSync } from 'node:fs'
import { join, posix } from 'node:path'
import { isInside, realPath } from '../../config/paths.js'
import { readTextUpTo } from '../../config/read-text.js'
import { bare, type Expr, isInterpolation, parseHcl } from './hcl.js'
import { isTerraformFile } from './modules.js'

/** Largest terragrunt.hcl read for the hint: a unit's file is a few KiB. */
const MAX_UNIT_BYTES = 1024 * 1024

/**
 * What to say of a root that has no .tf file, when it is a Terragrunt unit: where its module is, if the
 * repository has it (`modules/iam`), else what its source is; '' when the directory holds no terragrunt.hcl.
 */
export async function terragruntHint(
  workspaceRoot: string,
  root: string,
  entries: readonly string[],
): Promise<string> {
  if (!entries.includes('terragrunt.hcl')) return ''
  const generic =
    '; it holds a terragrunt.hcl, whose terraform { source } names the module Terragrunt runs: give ' +
    "that module's directory as root:, or the JSON of a plan Terragrunt made as plan:"
  const unit = posix.normalize(root)
  const shown = posix.join(unit, 'terragrunt.hcl')
  const file = join(workspaceRoot, shown)
  // A unit file that leads out of the workspace is not read, as no file there is.
  const workspace = realpathSync.native(workspaceRoot)
  const real = realPath(file)
  if (real === undefined || !isInside(workspace, real)) return generic
  const text = readTextUpTo(file, MAX_UNIT_BYTES)
  if (text === null) return generic
  const { blocks } = await parseHcl(shown, text)
  const written = blocks.find((b) => b.type === 'terraform')?.attributes.get('source')?.expr
  const source = written && sourceText(bare(written), unit)
  if (!written || source === undefined) return generic
  const at = `${shown}:${written.at.line}`
  const local = localModule(source, unit)
  if (local === undefined)
    return `; it is a Terragrunt unit whose module comes from outside the repository (${JSON.stringify(source)}, ${at}): give the JSON of a plan Terragrunt made as plan:`
  const module = realPath(join(workspaceRoot, local))
  if (module === undefined || !isInside(workspace, module) || !hasTerraformFiles(module)) return generic
  return `; it is a Terragrunt unit, and its module (${at}) is ${JSON.stringify(local)}: give that directory as root:`
}

/**
 * The source as a path text: a literal, or a template of literal text and the functions that name the
 * repository's or the unit's directory (`${get_repo_root()}/modules//iam`); undefined for anything else.
 */
function sourceText(expr: Expr, unit: string): string | undefined {
  if (expr.kind === 'literal') return typeof expr.value === 'string' ? expr.value : undefined
  if (expr.kind !== 'template') return undefined
  let text = ''
  for (const part of expr.parts) {
    if (!isInterpolation(part)) {
      if (part.kind !== 'text') return undefined
      text += part.text
      continue
    }
    const call = bare(part)
    if (call.kind !== 'call' || call.args.length > 0) return undefined
    const path = DIRECTORIES[call.name]?.(unit)
    if (path === undefined) return undefined
    text += path
  }
  return text
}

/** Terragrunt's functions of a directory, as paths from the workspace (the repository's root). */
const DIRECTORIES: Record<string, (unit: string) => string> = {
  get_repo_root: () => '/',
  get_terragrunt_dir: (unit) => `/${unit}`,
  get_path_to_repo_root: (unit) => posix.relative(unit, '.') || '.',
}

/**
 * The workspace directory of a local module source (`../../modules//iam`, `/modules/iam` from
 * get_repo_root()), or undefined for a remote one (`git::…`, `tfr:///…`, `github.com/…`) or one that
 * leaves the workspace.
 */
function localModule(source: string, unit: string): string | undefined {
  const path = source.split('?')[0] as string
  if (/^[\w+.-]+::|^\w+:\/\/|^[\w-]+(\.[\w-]+)+\//.test(path)) return undefined
  // `//` separates the package from the module's directory in it; as a path, it is one directory.
  const joined = path.replace(/\/\/+/g, '/')
  const local = joined.startsWith('/') ? posix.normalize(joined.slice(1) || '.') : posix.join(unit, joined)
  return local === '..' || local.startsWith('../') ? undefined : local
}

function hasTerraformFiles(dir: string): boolean {
  try {
    return readdirSync(dir).some(isTerraformFile)
  } catch {
    return false
  }
}
