/**
 * Waiting for a change to roll out, and knowing early when it never will. After a helm
 * apply (without Helm's own wait) the release's Deployments and StatefulSets are polled
 * every few seconds; each poll also runs the diagnose analyzers. A finding whose cause
 * cannot clear by itself (an image that cannot be pulled, a crash loop, a missing Secret,
 * a claim no StorageClass will bind, a request no node can hold, a database that refuses
 * the password) stops the wait at once, and the finding is kept as evidence for the report.
 * `judgeRollout` is the pure decision; `awaitRollout` is the loop around it.
 */
import type { V1Deployment, V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import { z } from 'zod';
import type { ReleaseState } from './cluster-state.js';
import { componentOf, formatDuration, waitFor } from './common.js';
import { onFirstUse } from './contract.js';
import type { OpsContext } from './deps.js';
import { analyze, type Finding } from './diagnose/index.js';
import { readDiagnosableState } from './diagnose.js';

/** How far one workload of the release has rolled out. */
export const workloadRolloutSchema = onFirstUse(() =>
  z.object({
    workload: z.string().describe('deployment/name or statefulset/name'),
    component: z.string().describe('backend, frontend, database, or - when unlabelled'),
    desired: z.number().int().describe('replicas asked for'),
    updated: z.number().int().describe('replicas running the new template'),
    ready: z.number().int().describe('replicas ready'),
    done: z.boolean().describe('true once every replica runs the new template and is ready'),
  }),
);
/** How far one workload of the release has rolled out. */
export type WorkloadRollout = z.infer<ReturnType<typeof workloadRolloutSchema>>;

/** The verdict on one look at the release. */
export interface RolloutVerdict {
  state: 'ready' | 'progressing' | 'stuck';
  workloads: WorkloadRollout[];
  /** Everything the analyzers found in this look. */
  findings: Finding[];
  /** The findings that cannot clear by themselves (state `stuck`). */
  blocking: Finding[];
}

/** A pod unschedulable for this long counts as stuck even when some node might fit it later. */
export const UNSCHEDULABLE_GRACE_MS = 30_000;

const observed = (w: V1Deployment | V1StatefulSet): boolean =>
  (w.status?.observedGeneration ?? 0) >= (w.metadata?.generation ?? 0);

/** A Deployment's or StatefulSet's rollout, as `kubectl rollout status` judges it. */
export function workloadRollout(
  kind: 'Deployment' | 'StatefulSet',
  w: V1Deployment | V1StatefulSet,
): WorkloadRollout {
  const desired = w.spec?.replicas ?? 1;
  const updated = w.status?.updatedReplicas ?? 0;
  const ready = w.status?.readyReplicas ?? 0;
  const total = w.status?.replicas ?? 0;
  const available =
    kind === 'Deployment' ? ((w as V1Deployment).status?.availableReplicas ?? 0) : ready;
  const onDelete =
    kind === 'StatefulSet' && (w as V1StatefulSet).spec?.updateStrategy?.type === 'OnDelete';
  return {
    workload: `${kind.toLowerCase()}/${w.metadata?.name ?? ''}`,
    component: componentOf(w) ?? '-',
    desired,
    updated,
    ready,
    done:
      observed(w) &&
      (onDelete || updated >= desired) &&
      ready >= desired &&
      available >= desired &&
      total === desired,
  };
}

/**
 * Whether a pod belongs to the template being rolled out, so that old pods on their way out
 * (say, the crashing pods of a broken revision this change fixes) never stop the wait. A
 * pod whose workload has not yet seen the change is not judged either.
 */
export function isCurrentPod(pod: V1Pod, state: ReleaseState): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  const owner = pod.metadata?.ownerReferences?.find((o) => o.controller);
  if (owner?.kind === 'ReplicaSet' && state.replicaSets) {
    const rs = state.replicaSets.find((r) => r.metadata?.name === owner.name);
    if (!rs) return false;
    const rsOwner = rs.metadata?.ownerReferences?.find((o) => o.controller);
    const deployment = state.deployments.find((d) => d.metadata?.name === rsOwner?.name);
    if (!deployment) return true;
    if (!observed(deployment)) return false;
    const key = 'deployment.kubernetes.io/revision';
    return rs.metadata?.annotations?.[key] === deployment.metadata?.annotations?.[key];
  }
  if (owner?.kind === 'StatefulSet') {
    const sts = state.statefulSets.find((s) => s.metadata?.name === owner.name);
    if (!sts) return true;
    if (!observed(sts)) return false;
    const revision = sts.status?.updateRevision;
    return !revision || pod.metadata?.labels?.['controller-revision-hash'] === revision;
  }
  return true;
}

/** CPU in cores and memory in bytes from a Kubernetes quantity; NaN when unreadable. */
export function parseQuantity(text: string | undefined): number {
  if (!text) return 0;
  const match = String(text)
    .trim()
    .match(/^([0-9.]+(?:e[0-9]+)?)([a-zA-Z]*)$/);
  if (!match?.[1]) return Number.NaN;
  const factors: Record<string, number> = {
    '': 1,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
  };
  const factor = factors[match[2] ?? ''];
  return factor === undefined ? Number.NaN : Number(match[1]) * factor;
}

/** True when the pod requests more CPU or memory than any node can allocate at all. */
function fitsNoNode(pod: V1Pod, state: ReleaseState): boolean {
  const nodes = (state.nodes ?? []).filter((n) => !n.spec?.unschedulable);
  if (nodes.length === 0) return false;
  return (['cpu', 'memory'] as const).some((resource) => {
    const asked = (pod.spec?.containers ?? []).reduce(
      (sum, c) => sum + parseQuantity(c.resources?.requests?.[resource]),
      0,
    );
    return (
      asked > 0 && nodes.every((n) => asked > parseQuantity(n.status?.allocatable?.[resource]))
    );
  });
}

/** Why a claim will never bind by itself, or undefined when it may still. */
function claimNeverBinds(claimName: string, state: ReleaseState): boolean {
  const pvc = state.pvcs.find((p) => p.metadata?.name === claimName);
  if (!pvc || pvc.status?.phase === 'Bound') return false;
  const wanted = pvc.spec?.storageClassName;
  if (
    state.storageClasses &&
    wanted &&
    !state.storageClasses.some((c) => c.metadata?.name === wanted)
  )
    return true;
  return state.events.some(
    (e) =>
      e.involvedObject?.kind === 'PersistentVolumeClaim' &&
      e.involvedObject.name === claimName &&
      ((e.reason === 'ProvisioningFailed' && /not found/i.test(e.message ?? '')) ||
        (e.reason === 'FailedBinding' && /no storage class is set/i.test(e.message ?? ''))),
  );
}

/** Pending that waiting will not fix: an unbindable claim, or a request that fits nowhere. */
function pendingLasts(pod: V1Pod, state: ReleaseState, now: Date): boolean {
  const claims = (pod.spec?.volumes ?? []).flatMap((v) =>
    v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : [],
  );
  if (claims.some((claim) => claimNeverBinds(claim, state))) return true;
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status !== 'False') return false;
  if (fitsNoNode(pod, state)) return true;
  const since = scheduled.lastTransitionTime ? new Date(scheduled.lastTransitionTime).getTime() : 0;
  return since > 0 && now.getTime() - since >= UNSCHEDULABLE_GRACE_MS;
}

/** Image pull failures the kubelet has given up retrying soon, or that name a missing image. */
const PULL_NEVER = new Set(['ImagePullBackOff', 'ErrImageNeverPull', 'InvalidImageName']);
const PULL_MISSING = /not found|manifest unknown|does not exist|denied|unauthorized|no such host/i;
/** Database refusals no retry will get past. */
const DB_REFUSAL =
  /password authentication failed|role "[^"]+" does not exist|database "[^"]+" does not exist/i;

/** Whether a finding's cause cannot clear by itself (so waiting longer is pointless). */
export function findingLasts(finding: Finding, state: ReleaseState, now: Date): boolean {
  const podName = finding.resource.startsWith('pod/') ? finding.resource.slice(4) : undefined;
  const pod = podName ? state.pods.find((p) => p.metadata?.name === podName) : undefined;
  const current = pod !== undefined && isCurrentPod(pod, state);
  switch (finding.class) {
    case 'CrashLoopBackOff':
    case 'CreateContainerConfigError':
      return current;
    case 'ImagePull':
      return (
        current &&
        [...(pod?.status?.initContainerStatuses ?? []), ...(pod?.status?.containerStatuses ?? [])]
          .map((s) => s.state?.waiting)
          .some(
            (w) =>
              (w?.reason && PULL_NEVER.has(w.reason)) ||
              (w?.reason === 'ErrImagePull' && PULL_MISSING.test(w.message ?? '')),
          )
      );
    case 'Pending':
      return current && pod !== undefined && pendingLasts(pod, state, now);
    case 'DatabaseUnreachable':
      return finding.evidence.some((line) => {
        const match = line.match(/^pod\/(\S+) log: (.*)$/);
        const owner = state.pods.find((p) => p.metadata?.name === match?.[1]);
        return (
          owner !== undefined && isCurrentPod(owner, state) && DB_REFUSAL.test(match?.[2] ?? '')
        );
      });
    case 'ProgressDeadlineExceeded': {
      const name = finding.resource.replace(/^deployment\//, '');
      const deployment = state.deployments.find((d) => d.metadata?.name === name);
      return deployment !== undefined && observed(deployment);
    }
    default:
      return false;
  }
}

/** The verdict on one look: ready, still progressing, or stuck on a cause that lasts. */
export function judgeRollout(state: ReleaseState, findings: Finding[], now: Date): RolloutVerdict {
  const workloads = [
    ...state.deployments.map((d) => workloadRollout('Deployment', d)),
    ...state.statefulSets.map((s) => workloadRollout('StatefulSet', s)),
  ];
  const blocking = findings.filter((f) => findingLasts(f, state, now));
  const ready = workloads.every((w) => w.done);
  return {
    state: blocking.length ? 'stuck' : ready ? 'ready' : 'progressing',
    workloads,
    findings,
    blocking,
  };
}

/** One line of progress: `backend 1/2, frontend 2/2, database 1/1`. */
export function rolloutLine(workloads: WorkloadRollout[]): string {
  return workloads
    .map(
      (w) =>
        `${w.component === '-' ? w.workload : w.component} ${Math.min(w.ready, w.updated)}/${w.desired}${w.done ? '' : '…'}`,
    )
    .join(', ');
}

/** How a wait ended. */
export interface RolloutOutcome {
  outcome: 'ready' | 'stuck' | 'timeout' | 'cancelled';
  workloads: WorkloadRollout[];
  /** The findings of the last look (on `stuck`: captured before anything is undone). */
  findings: Finding[];
  /** The findings that stopped the wait (stuck), or the last ones seen (timeout). */
  blocking: Finding[];
  ms: number;
}

/**
 * Waits until every workload of the release has rolled out, a cause that lasts is found, the
 * timeout passes or the call is cancelled. Reports progress as it changes.
 */
export async function awaitRollout(
  ctx: OpsContext,
  options: { timeoutSeconds: number; intervalMs?: number },
): Promise<RolloutOutcome> {
  const started = Date.now();
  let last: RolloutVerdict = { state: 'progressing', workloads: [], findings: [], blocking: [] };
  let said = '';
  const verdict = await waitFor<RolloutVerdict>(
    async () => {
      const state = await readDiagnosableState(ctx, {
        rollout: true,
        nodes: true,
        onlyUnready: true,
      });
      const now = new Date();
      last = judgeRollout(state, analyze(state, now), now);
      const seen = last.findings
        .filter((f) => f.severity !== 'warning')
        .map((f) => `${f.class} ${f.resource}`);
      const line = `${rolloutLine(last.workloads)}${seen.length ? `; seen: ${seen.slice(0, 3).join(', ')}` : ''}`;
      if (line !== said) {
        said = line;
        ctx.progress?.({
          message: `rollout (${formatDuration(Date.now() - started)}): ${line || 'no workloads'}`,
        });
      }
      return last.state === 'progressing' ? undefined : last;
    },
    {
      timeoutMs: options.timeoutSeconds * 1000,
      intervalMs: options.intervalMs ?? 2000,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    },
  );
  const ms = Date.now() - started;
  if (verdict) return { outcome: verdict.state as 'ready' | 'stuck', ...pick(verdict), ms };
  const outcome = ctx.signal?.aborted ? 'cancelled' : 'timeout';
  // A timeout reports what was still wrong: the errors first, else whatever was seen.
  const serious = last.findings.filter((f) => f.severity !== 'warning');
  return {
    outcome,
    workloads: last.workloads,
    findings: last.findings,
    blocking: serious.length ? serious : last.findings,
    ms,
  };
}

const pick = (v: RolloutVerdict) => ({
  workloads: v.workloads,
  findings: v.findings,
  blocking: v.blocking,
});
