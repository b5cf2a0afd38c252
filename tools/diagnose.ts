/** `diagnose`: reads the release and runs the analyzers of tools/diagnose. */
import { z } from 'zod';
import { readReleaseState } from './cluster-state.js';
import { componentOf, guard, podRestarts, WORKLOAD_COMPONENTS } from './common.js';
import { ok } from './contract.js';
import type { OpsTool } from './deps.js';
import { analyze, type Finding } from './diagnose/index.js';

const input = z.object({
  component: z
    .enum(WORKLOAD_COMPONENTS)
    .optional()
    .describe(
      'Only diagnose this component (backend, frontend, postgresql); omit for the whole release.',
    ),
});

/** What `diagnose` returns. */
export interface DiagnoseData {
  findings: Finding[];
  checked: { pods: number; services: number; ingresses: number; release: string | null };
}

/** Finds what is wrong and how to fix it. */
export const diagnoseTool: OpsTool<typeof input, DiagnoseData> = {
  name: 'diagnose',
  title: 'Diagnose problems',
  description:
    'Find what is wrong with the todo app release and how to fix it: crash loops (with the last log lines), image pull errors, OOM kills, unschedulable pods, failing readiness, missing Secrets or keys, services without endpoints, an ingress without address, stalled rollouts, an unreachable database, a failed or stuck Helm release. Findings are ordered by severity; none means healthy. Read-only.',
  input,
  effect: 'read',
  idempotent: true,
  run: (args, ctx) =>
    guard(ctx, async () => {
      const { namespace, release } = ctx.deps.config;
      const state = await readReleaseState(ctx.deps, { history: true, events: true, nodes: false });
      // Crashing containers: their previous run's last lines; backend pods: recent lines for DB errors.
      for (const pod of state.pods) {
        const name = pod.metadata?.name ?? '';
        const crashing = (pod.status?.containerStatuses ?? []).some(
          (s) => s.state?.waiting?.reason === 'CrashLoopBackOff' || s.lastState?.terminated,
        );
        const backend = componentOf(pod) === 'backend';
        if (!crashing && !backend) continue;
        const container = pod.spec?.containers?.[0]?.name;
        const read = (previous: boolean) =>
          ctx.deps.kube
            .readPodLog(namespace, name, {
              ...(container ? { container } : {}),
              tailLines: crashing ? 20 : 100,
              previous,
            })
            .catch(() => undefined);
        const text =
          (crashing && podRestarts(pod) > 0 ? await read(true) : undefined) ?? (await read(false));
        if (text) state.logs[name] = text;
      }
      const findings = analyze(state, new Date(), args.component);
      const scope = args.component ? `${args.component} of ${release}` : release;
      if (!state.helm && state.pods.length === 0)
        return ok(
          `${release} is not deployed in ${namespace}: nothing to diagnose (deploy with \`todo-ops deploy\`)`,
          {
            findings,
            checked: { pods: 0, services: 0, ingresses: 0, release: null },
          },
        );
      const counts = (['critical', 'error', 'warning'] as const)
        .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}`);
      return ok(
        findings.length
          ? `${findings.length} problem${findings.length === 1 ? '' : 's'} in ${scope} (${counts.join(', ')}); first: ${findings[0]?.class} ${findings[0]?.resource}`
          : `no problems found in ${scope}: ${state.pods.length} pods checked`,
        {
          findings,
          checked: {
            pods: state.pods.length,
            services: state.services.length,
            ingresses: state.ingresses.length,
            release: state.helm ? `${state.helm.status} revision ${state.helm.revision}` : null,
          },
        },
      );
    }),
};
