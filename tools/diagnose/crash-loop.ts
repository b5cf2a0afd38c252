/** CrashLoopBackOff: a container keeps exiting; the last log lines usually say why. */
import type { Analyzer, Finding } from './types.js';
import { containerStatuses, lastLines, minutesBetween, podComponent, podRef } from './util.js';

export const analyzeCrashLoop: Analyzer = (state, now) => {
  const findings: Finding[] = [];
  for (const pod of state.pods) {
    for (const cs of containerStatuses(pod)) {
      if (cs.state?.waiting?.reason !== 'CrashLoopBackOff') continue;
      const last = cs.lastState?.terminated;
      const logs = lastLines(state.logs[pod.metadata?.name ?? ''], 5);
      const since = minutesBetween(pod.status?.startTime ?? pod.metadata?.creationTimestamp, now);
      const evidence = [
        `container ${cs.name}: ${cs.restartCount ?? 0} restarts${since ? ` in ${since} min` : ''}`,
        ...(last
          ? [`last exit: code ${last.exitCode}${last.reason ? ` (${last.reason})` : ''}`]
          : []),
        ...(cs.state.waiting.message ? [cs.state.waiting.message] : []),
        ...logs.map((l) => `log: ${l}`),
      ];
      const component = podComponent(pod);
      findings.push({
        class: 'CrashLoopBackOff',
        severity: 'critical',
        resource: podRef(pod),
        ...(component ? { component } : {}),
        title: `${cs.name} keeps crashing (${cs.restartCount ?? 0} restarts)`,
        evidence,
        fix: logs.length
          ? `read the last log lines above (todo-ops logs ${component ?? ''} --previous); fix the configuration they name, then todo-ops deploy or todo-ops rollback`
          : `read the crashed container's log: todo-ops logs ${component ?? `--pod ${pod.metadata?.name ?? ''}`} --previous`,
      });
    }
  }
  return findings;
};
