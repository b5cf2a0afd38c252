/** Readiness failing: containers run but never pass their readiness probe. */
import type { Analyzer, Finding } from './types.js';
import { containerStatuses, eventsFor, podComponent, podRef } from './util.js';

/** Pods get this long after start before not-ready counts as a problem. */
const GRACE_MS = 30_000;

export const analyzeReadiness: Analyzer = (state, now) => {
  const findings: Finding[] = [];
  for (const pod of state.pods) {
    if (pod.status?.phase !== 'Running' || pod.metadata?.deletionTimestamp) continue;
    const statuses = containerStatuses(pod).filter((cs) =>
      (pod.status?.containerStatuses ?? []).includes(cs),
    );
    const notReady = statuses.filter((cs) => !cs.ready && cs.state?.running);
    if (notReady.length === 0) continue;
    const name = pod.metadata?.name ?? '';
    const probeEvents = eventsFor(state.events, 'Pod', name).filter(
      (e) => e.reason === 'Unhealthy' && /readiness/i.test(e.message ?? ''),
    );
    // Without a failed-probe event a young pod is probably still starting.
    const started = pod.status?.startTime ? new Date(pod.status.startTime).getTime() : 0;
    if (probeEvents.length === 0 && started && now.getTime() - started < GRACE_MS) continue;
    const condition = pod.status?.conditions?.find((c) => c.type === 'Ready');
    const component = podComponent(pod);
    const probe = pod.spec?.containers?.find((c) => c.name === notReady[0]?.name)?.readinessProbe
      ?.httpGet;
    findings.push({
      class: 'ReadinessFailing',
      severity: 'error',
      resource: podRef(pod),
      ...(component ? { component } : {}),
      title: `running but not ready: ${notReady.map((c) => c.name).join(', ')}`,
      evidence: [
        ...(probe ? [`readiness probe: GET ${probe.path ?? '/'} on port ${probe.port}`] : []),
        ...(condition?.reason
          ? [
              `Ready=${condition.status} (${condition.reason}${condition.message ? `: ${condition.message}` : ''})`,
            ]
          : []),
        ...probeEvents.slice(0, 2).map((e) => `${e.message} (x${e.count ?? 1})`),
      ],
      fix:
        component === 'backend'
          ? 'the backend answers /health with 503 while the database is unreachable: check the postgresql pod and DATABASE_URL (todo-ops logs backend)'
          : `check why the probe fails: todo-ops logs ${component ?? ''}; the service sends no traffic to pods that are not ready`,
    });
  }
  return findings;
};
