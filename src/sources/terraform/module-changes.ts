// A pull request's base revision is read with the registry modules `terraform init` installed for the
// head (git does not hold .terraform/modules). For a module call whose source or version the pull request
// changes, that installed code is the new version's, not the base's: what the new version grants would be
// found in the base too, and pass as existing. Those calls are found here, and the base is read without
// their installed code, so what is in them counts as new.
import { readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs'
import { join, posix } from 'node:path'
import { isInside } from '../../config/paths.js'
import type { Problem } from '../../vocabulary/problems.js'
import { evaluate } from './evaluate.js'
import type { Block } from './hcl.js'
import { isLocalSource, MAX_MODULE_DEPTH, NO_SCOPE, TfCode, TfParses } from './modules.js'

export { TfParses }

/** A registry (or git) module call the pull request changes. */
export interface ModuleChange {
  /** Its key in modules.json (`app`, `app.inner` for a call in the local module `app`). */
  readonly key: string
  /** Where the head's code writes the call. */
  readonly file: string
  readonly line: number
  readonly from: string
  readonly to: string
}

/** The most module calls compared: what is past them keeps the head's code (see MAX_MODULE_CALLS). */
const MAX_CALLS = 2_000

/**
 * The registry and git module calls of a root whose `source` or `version` differ between the head's
 * code (`head`, the workspace) and the base revision's (`base`, its checkout), following local modules.
 */
export async function changedModuleCalls(
  head: string,
  base: string,
  root: string,
  /** Where the files are parsed: the run's, which has read the head's already. */
  parses: TfParses = new TfParses(),
): Promise<ModuleChange[]> {
  const problems: Problem[] = [] // what cannot be parsed is reported when the trees are read
  const [headCode, baseCode] = [
    new TfCode(head, root, problems, undefined, parses),
    new TfCode(base, root, problems, undefined, parses),
  ]
  const changes: ModuleChange[] = []
  let left = MAX_CALLS
  const walk = async (headDir: string | undefined, baseDir: string | undefined, key: readonly string[]) => {
    if (key.length >= MAX_MODULE_DEPTH || headDir === undefined) return
    const [now, before] = await Promise.all([headCode.module(headDir), baseCode.module(baseDir)])
    for (const [name, call] of now.calls) {
      if (--left < 0) return
      const childKey = [...key, name]
      const was = before.calls.get(name)?.node
      const source = literal(call.node, 'source') ?? ''
      const baseSource = was && literal(was, 'source')
      if (isLocalSource(source)) {
        const baseChild =
          baseSource !== undefined && isLocalSource(baseSource)
            ? baseCode.childDir(before.dir, childKey, baseSource)
            : undefined
        await walk(headCode.childDir(now.dir, childKey, source), baseChild, childKey)
        continue
      }
      // A call the base does not make reads none of the installed code there.
      if (!was) continue
      const version = literal(call.node, 'version')
      const baseVersion = literal(was, 'version')
      if (source === baseSource && version === baseVersion) continue
      changes.push({
        key: childKey.join('.'),
        file: call.file,
        line: call.node.at.line,
        from: describe(baseSource, baseVersion),
        to: describe(source, version),
      })
    }
  }
  await walk(posix.normalize(root), posix.normalize(root), [])
  return changes
}

/**
 * Takes the calls `keys` (and the modules they call) out of the base's copy of modules.json under
 * `root`, so that the base reads no installed code for them. The copy is a hard link to the head's
 * file: it is replaced, never written through.
 */
export function forgetInstalled(base: string, root: string, keys: readonly string[]): void {
  const file = join(base, root, '.terraform', 'modules', 'modules.json')
  const real = realpathSync(file)
  if (!isInside(realpathSync(base), real)) return
  const manifest = JSON.parse(readFileSync(real, 'utf8')) as { Modules?: { Key?: unknown }[] }
  const changed = (key: unknown) =>
    typeof key === 'string' && keys.some((k) => key === k || key.startsWith(`${k}.`))
  const kept = { ...manifest, Modules: (manifest.Modules ?? []).filter((m) => !changed(m.Key)) }
  unlinkSync(real)
  writeFileSync(real, JSON.stringify(kept))
}

/** A `source` or `version` as written: Terraform takes only literal strings there. */
function literal(block: Block, name: string): string | undefined {
  const expr = block.attributes.get(name)?.expr
  if (!expr) return undefined
  const value = evaluate(expr, NO_SCOPE)
  return value.type === 'string' ? value.value : undefined
}

function describe(source: string | undefined, version: string | undefined): string {
  return `${JSON.stringify(source ?? '')}${version === undefined ? '' : ` ${JSON.stringify(version)}`}`
}
