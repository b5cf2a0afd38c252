/**
 * The audit hook every door gives the call pipeline: before a change runs it notes the
 * release's live revision, after it appends one line to the audit log (tools/audit-log.ts)
 * with the door, the request as typed, the plan, the revisions before and after and the
 * outcome. A log that cannot be written never undoes or fails the change: the door shows a
 * warning instead.
 */
import { type AuditDoor, appendAudit, auditLogPath } from '../../tools/audit-log.js';
import type { ToolResult } from '../../tools/contract.js';
import type { ToolDeps } from '../../tools/deps.js';
import type { PlannedCall } from './calls.js';
import type { AuditHook } from './pipeline.js';

/** The revision live now, or undefined when there is no release (or it cannot be read). */
async function liveRevision(deps: ToolDeps): Promise<number | undefined> {
  try {
    return (await deps.helm.status(deps.config.release))?.revision;
  } catch {
    return undefined;
  }
}

/** The context's name, without failing when there is no usable kubeconfig. */
function contextOf(deps: ToolDeps): string | undefined {
  try {
    return deps.kube.contextName;
  } catch {
    return deps.config.context;
  }
}

/** The digest of the call's structured plan, when the pipeline attached one. */
function planDigestOf(call: PlannedCall): string | undefined {
  const digest = (call as { preview?: { digest?: unknown } }).preview?.digest;
  return typeof digest === 'string' ? digest : undefined;
}

/**
 * An audit hook for one request through one door; undefined when the log is turned off.
 * `request` is what the person typed (the chat line, `run`'s prompt, the command line) or,
 * for MCP, the client and the call it made.
 */
export function auditHook(deps: ToolDeps, door: AuditDoor, request: string): AuditHook | undefined {
  const path = auditLogPath(deps.env);
  if (!path) return undefined;
  return {
    before: () => liveRevision(deps),
    async after(call: PlannedCall, result: ToolResult, before: unknown) {
      try {
        const after = await liveRevision(deps);
        const digest = planDigestOf(call);
        const context = contextOf(deps);
        appendAudit(path, {
          time: new Date().toISOString(),
          door,
          request,
          origin: call.origin,
          tool: call.tool,
          args: call.args,
          effect: call.effect === 'destructive' ? 'destructive' : 'write',
          change: call.change,
          ...(digest ? { planDigest: digest } : {}),
          ...(context ? { context } : {}),
          namespace: deps.config.namespace,
          release: deps.config.release,
          ...(typeof before === 'number' ? { revisionBefore: before } : {}),
          ...(after !== undefined ? { revisionAfter: after } : {}),
          outcome: result.ok ? 'ok' : 'failed',
          detail: result.ok ? result.summary : result.error.message,
        });
        return undefined;
      } catch (error) {
        return `audit log ${path} not written: ${error instanceof Error ? error.message : String(error)}`;
      }
    },
  };
}
