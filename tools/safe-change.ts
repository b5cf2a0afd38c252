/**
 * A Helm change made safely: apply (no Helm wait), wait for the rollout while the analyzers
 * watch (tools/rollout.ts), prove the app works as a user would use it (tools/verify.ts),
 * and when the rollout cannot complete or the proof fails, roll the release back to the
 * revision before the change. The findings are captured before anything is undone; the
 * report says what failed, what was found and which revision is live now. A first install
 * has nothing to roll back to: the release and its evidence are kept.
 */
import { z } from 'zod';
import { appendAudit, auditLogPath } from './audit-log.js';
import { formatDuration } from './common.js';
import { onFirstUse, type ToolError } from './contract.js';
import type { OpsContext } from './deps.js';
import type { Finding } from './diagnose/index.js';
import { findingSchema } from './diagnose.js';
import { HelmError, type HelmReleaseStatus } from './platform/helm.js';
import { awaitRollout, type RolloutOutcome, workloadRolloutSchema } from './rollout.js';
import { proveApp, type VerifyStep, verifyStepSchema } from './verify.js';

/** What a safe change did, as its result's data carries it (success or failure). */
export const safeChangeSchema = onFirstUse(() =>
  z.object({
    outcome: z
      .enum(['kept', 'rolled-back', 'kept-failed'])
      .describe(
        'kept: applied and proven (or proof skipped); rolled-back: undone after a failure; kept-failed: failed and left in place (first install, --no-rollback, or the undo failed)',
      ),
    previousRevision: z
      .number()
      .int()
      .nullable()
      .describe('the revision live before the change; null for a first install'),
    appliedRevision: z.number().int().describe('the revision the change created'),
    liveRevision: z.number().int().nullable().describe('the revision live now'),
    rollout: z
      .object({
        outcome: z
          .enum(['ready', 'stuck', 'timeout', 'cancelled', 'apply-failed'])
          .describe(
            'ready; stuck on a cause that cannot clear by itself; timeout; cancelled; apply-failed: helm recorded a failed revision',
          ),
        workloads: z
          .array(workloadRolloutSchema())
          .describe('each workload at the end of the wait'),
      })
      .describe('the wait for the new pods'),
    findings: z
      .array(findingSchema())
      .describe('what the diagnose analyzers found when the wait ended, before any undo'),
    proof: z
      .object({
        ok: z.boolean().describe('whether every step passed'),
        url: z.string().describe('where the app was reached'),
        steps: z.array(verifyStepSchema()).describe('each step, cleanup included'),
      })
      .nullable()
      .describe('the proof that the app works; null when skipped or not reached'),
    proofSkipped: z.boolean().describe('true when the proof was turned off'),
    rollback: z
      .object({
        to: z.number().int().describe('the revision rolled back to'),
        ok: z.boolean().describe('whether the rollback finished with every pod ready'),
        detail: z.string().describe('what happened'),
      })
      .nullable()
      .describe('the undo, when one ran'),
    timings: z
      .object({
        applyMs: z.number().describe('helm apply'),
        waitMs: z.number().describe('waiting for the rollout'),
        proofMs: z.number().describe('the proof (0 when skipped)'),
        rollbackMs: z.number().describe('the undo (0 when none)'),
      })
      .describe('how long each phase took'),
  }),
);
/** What a safe change did. */
export type SafeChange = z.infer<ReturnType<typeof safeChangeSchema>>;

/** How to make the change. */
export interface SafeChangeOptions {
  /** The change in a few words for the report: "upgrade of todo-app". */
  what: string;
  /** The release before the change (undefined: a first install). */
  previous: HelmReleaseStatus | undefined;
  /** Applies the change without Helm's wait; returns the new release status. */
  apply: () => Promise<HelmReleaseStatus>;
  /** Prove the app works afterwards. */
  prove: boolean;
  /** Roll back when the change fails (false: keep the failed state for debugging). */
  rollback: boolean;
}

/** The change's record, and the failure to report when it did not stick. */
export interface SafeChangeResult {
  change: SafeChange;
  failure?: ToolError;
}

const findingLine = (f: Finding) => `${f.class} ${f.resource}: ${f.title}`;

/** The first few findings in one sentence. */
function foundText(findings: Finding[]): string {
  if (findings.length === 0) return 'the analyzers found nothing';
  const shown = findings.slice(0, 3).map(findingLine).join('; ');
  return `found ${shown}${findings.length > 3 ? ` (and ${findings.length - 3} more)` : ''}`;
}

/** What failed, in words. */
function causeText(rollout: RolloutOutcome, timeoutSeconds: number, proofFailure?: string): string {
  if (proofFailure) return proofFailure;
  if (rollout.outcome === 'stuck') return 'the rollout cannot complete';
  return `the pods were not ready within ${timeoutSeconds} s`;
}

/** Applies a change, waits, proves and, on failure, undoes it. Throws only what apply throws. */
export async function applySafely(
  ctx: OpsContext,
  options: SafeChangeOptions,
): Promise<SafeChangeResult> {
  const { release, helmTimeoutSeconds } = ctx.deps.config;
  const timings = { applyMs: 0, waitMs: 0, proofMs: 0, rollbackMs: 0 };
  const previousRevision = options.previous?.revision ?? null;
  const base = (
    appliedRevision: number,
    findings: Finding[],
    outcome: SafeChange['rollout']['outcome'],
    workloads: SafeChange['rollout']['workloads'] = [],
  ): SafeChange => ({
    outcome: 'kept',
    previousRevision,
    appliedRevision,
    liveRevision: appliedRevision,
    rollout: { outcome, workloads },
    findings,
    proof: null,
    proofSkipped: !options.prove,
    rollback: null,
    timings,
  });

  let t0 = Date.now();
  let applied: HelmReleaseStatus;
  try {
    applied = await options.apply();
  } catch (error) {
    // Helm may have recorded a failed revision half-way: undo it like any failed change.
    const after = error instanceof HelmError ? await ctx.deps.helm.status(release) : undefined;
    if (!after || after.revision === previousRevision) throw error;
    timings.applyMs = Date.now() - t0;
    const change = base(after.revision, [], 'apply-failed');
    return undo(
      ctx,
      options,
      change,
      timings,
      `helm could not apply it: ${(error as Error).message}`,
    );
  }
  timings.applyMs = Date.now() - t0;
  t0 = Date.now();
  ctx.progress?.({
    message: `revision ${applied.revision} applied; waiting for the rollout (up to ${helmTimeoutSeconds} s), watching for causes that will not clear`,
  });
  const rollout = await awaitRollout(ctx, { timeoutSeconds: helmTimeoutSeconds });
  timings.waitMs = Date.now() - t0;
  const change = base(applied.revision, rollout.findings, rollout.outcome, rollout.workloads);
  if (rollout.outcome === 'cancelled')
    return {
      change,
      failure: {
        kind: 'cancelled',
        message: `cancelled while waiting for revision ${applied.revision} to roll out; it is live and not proven`,
        hint: `see \`todo-ops status\`; undo it with \`todo-ops rollback${previousRevision ? ` ${previousRevision}` : ''}\``,
      },
    };
  if (rollout.outcome !== 'ready') {
    // The evidence: the findings that stopped the wait, or the last ones seen.
    change.findings = [
      ...rollout.blocking,
      ...rollout.findings.filter((f) => !rollout.blocking.includes(f)),
    ];
    return undo(
      ctx,
      options,
      change,
      timings,
      `${causeText(rollout, helmTimeoutSeconds)}: ${foundText(rollout.blocking)}`,
    );
  }
  if (!options.prove) return { change };

  t0 = Date.now();
  ctx.progress?.({
    message: 'proving the app: health, a throwaway user, a task written and read back',
  });
  const proof = await proveApp(ctx);
  timings.proofMs = Date.now() - t0;
  const steps: VerifyStep[] = proof.data?.steps ?? [];
  change.proof = { ok: proof.ok, url: proof.data?.url ?? '-', steps };
  if (proof.ok) return { change };
  return undo(ctx, options, change, timings, proof.error.message);
}

/** Rolls back to the revision before the change (when there is one and it is wanted). */
async function undo(
  ctx: OpsContext,
  options: SafeChangeOptions,
  change: SafeChange,
  timings: SafeChange['timings'],
  cause: string,
): Promise<SafeChangeResult> {
  const { release } = ctx.deps.config;
  const first = change.findings.find((f) => f.severity !== 'warning') ?? change.findings[0];
  const fix = first ? ` To fix: ${first.fix}.` : '';
  const failed = `${options.what} failed: ${cause}`;
  change.outcome = 'kept-failed';
  if (change.previousRevision === null)
    return {
      change,
      failure: {
        kind: 'failed',
        message: `${failed}. Nothing to roll back to (first install): revision ${change.appliedRevision} is kept with its evidence.`,
        hint: `see \`todo-ops diagnose\` and \`todo-ops logs\`; fix the cause and deploy again, or remove the release with \`todo-ops teardown --yes\`.${fix}`,
      },
    };
  if (!options.rollback)
    return {
      change,
      failure: {
        kind: 'failed',
        message: `${failed}. Kept for debugging (--no-rollback): revision ${change.appliedRevision} is live.`,
        hint: `see \`todo-ops diagnose\`; return to the revision before with \`todo-ops rollback ${change.previousRevision}\`.${fix}`,
      },
    };
  const t0 = Date.now();
  ctx.progress?.({
    message: `rolling ${release} back to revision ${change.previousRevision} (helm rollback --wait)`,
  });
  try {
    await ctx.deps.helm.rollback(
      release,
      change.previousRevision,
      ctx.deps.config.helmTimeoutSeconds,
    );
    const after = await ctx.deps.helm.status(release);
    change.liveRevision = after?.revision ?? null;
    change.outcome = 'rolled-back';
    change.rollback = {
      to: change.previousRevision,
      ok: true,
      detail: `rolled back in ${formatDuration(Date.now() - t0)}; revision ${after?.revision ?? '?'} (${after?.status ?? 'unknown'}) restores revision ${change.previousRevision}`,
    };
  } catch (error) {
    const after = await ctx.deps.helm.status(release).catch(() => undefined);
    change.liveRevision = after?.revision ?? null;
    change.rollback = {
      to: change.previousRevision,
      ok: false,
      detail: (error as Error).message,
    };
  }
  timings.rollbackMs = Date.now() - t0;
  recordUndo(ctx, options, change, cause);
  if (change.rollback.ok)
    return {
      change,
      failure: {
        kind: 'failed',
        message: `${failed}. Rolled back by itself: revision ${change.liveRevision} is live (it restores revision ${change.previousRevision}, every pod ready).`,
        hint: `nothing is broken now; fix the cause before trying again (\`todo-ops diagnose\` shows the current state).${fix}`,
      },
    };
  return {
    change,
    failure: {
      kind: 'failed',
      message: `${failed}. Rolling back to revision ${change.previousRevision} failed too (${change.rollback.detail}); revision ${change.liveRevision ?? '?'} is live.`,
      hint: `run \`todo-ops diagnose\`, then \`todo-ops rollback ${change.previousRevision}\` once the cause is clear.${fix}`,
    },
  };
}

/**
 * The undo is a change of its own: it gets its own audit line (door `auto`), so `history`
 * says the revision it made was todo-ops rolling back, and why. The change that failed gets
 * its line from the pipeline, as every change does. A log that cannot be written never
 * fails the undo.
 */
function recordUndo(
  ctx: OpsContext,
  options: SafeChangeOptions,
  change: SafeChange,
  cause: string,
): void {
  const { deps } = ctx;
  const path = auditLogPath(deps.env);
  if (!path || !change.rollback) return;
  try {
    appendAudit(path, {
      time: new Date().toISOString(),
      door: 'auto',
      request: `undo the failed ${options.what}: ${cause}`,
      origin: 'todo-ops',
      tool: 'rollback',
      args: { revision: change.rollback.to },
      effect: 'write',
      change: `roll ${deps.config.release} back to revision ${change.rollback.to}`,
      namespace: deps.config.namespace,
      release: deps.config.release,
      revisionBefore: change.appliedRevision,
      ...(change.liveRevision !== null ? { revisionAfter: change.liveRevision } : {}),
      outcome: change.rollback.ok ? 'ok' : 'failed',
      detail: change.rollback.detail,
    });
  } catch {
    // the pipeline's own line for the failed change still says it was rolled back
  }
}
