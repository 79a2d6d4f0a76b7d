// The runner's side of the seams the rest of the action is written against: its log and annotations
// as a Logger, and its OIDC token provider and secret masking for the AWS credentials.
import type { Logger, LogLocation } from '../vocabulary/logger.js'
import * as core from './workflow-commands.js'

/** The runner's log: annotations for located messages, folded groups. */
export function actionsLogger(): Logger {
  // Every notice, warning and error is an annotation, counted: GitHub shows 10 of each a step.
  const shown = { notice: 0, warning: 0, error: 0 }
  const annotate = (level: keyof typeof shown) => (message: string, at?: LogLocation) => {
    shown[level]++
    core[level](message, annotation(at))
  }
  return {
    debug: (message) => core.debug(message),
    info: (message) => core.info(message),
    notice: annotate('notice'),
    warning: annotate('warning'),
    error: annotate('error'),
    annotated: (level) => shown[level],
    group: (title, body) => core.group(title, body),
  }
}

function annotation(at: LogLocation | undefined): core.AnnotationProperties {
  if (!at) return {}
  return {
    ...(at.title !== undefined && { title: at.title }),
    ...(at.file !== undefined && { file: at.file }),
    ...(at.line !== undefined && { startLine: at.line }),
    ...(at.column !== undefined && { startColumn: at.column }),
  }
}

/** GitHub's OIDC token for an audience, and masking of every secret before anything can print it. */
export function actionsCredentialDeps(): {
  getIdToken: (audience: string) => Promise<string>
  mask: (secret: string) => void
} {
  return {
    // @actions/core only here: its OIDC client is most of its weight (see workflow-commands.ts).
    getIdToken: async (audience) => (await import('@actions/core')).getIDToken(audience),
    mask: (secret) => core.setSecret(secret),
  }
}
