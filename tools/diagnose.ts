/** `diagnose`: reads the release and runs the analyzers of tools/diagnose. */
import { z } from 'zod';
import { type ReadOptions, type ReleaseState, readReleaseState } from './cluster-state.js';
import { componentOf, guard, podIsReady, podRestarts, WORKLOAD_COMPONENTS } from './common.js';
import { ok, onFirstUse } from './contract.js';
import type { OpsContext, OpsTool } from './deps.js';
import { analyze, type FailureClass, type Finding, type Severity } from './diagnose/index.js';

const FAILURE_CLASSES = [
  'CrashLoopBackOff',
  'ImagePull',
  'OOMKilled',
  'Pending',
  'ReadinessFailing',
  'CreateContainerConfigError',
  'ServiceWithoutEndpoints',
  'IngressWithoutAddress',
  'ProgressDeadlineExceeded',
  'DatabaseUnreachable',
  'HelmReleaseFailed',
] as const satisfies readonly FailureClass[];
// Fails to compile when a failure class is added to diagnose/types.ts but not listed here.
const everyClassListed: (typeof FAILURE_CLASSES)[number] extends FailureClass
  ? FailureClass extends (typeof FAILURE_CLASSES)[number]
    ? true
    : false
  : false = true;
void everyClassListed;

/**
 * The release's state with what the analyzers read beyond the objects: events, and log
 * lines of crashing containers (their previous run) and of backend pods (database errors).
 * `onlyUnready` reads logs only of pods that are not ready (a rollout's frequent polls).
 */
export async function readDiagnosableState(
  ctx: OpsContext,
  options: ReadOptions & { onlyUnready?: boolean } = {},
): Promise<ReleaseState> {
  const { namespace } = ctx.deps.config;
  const { onlyUnready, ...read } = options;
  const state = await readReleaseState(ctx.deps, { events: true, ...read });
  await Promise.all(
    state.pods.map(async (pod) => {
      const name = pod.metadata?.name ?? '';
      const crashing = (pod.status?.containerStatuses ?? []).some(
        (s) => s.state?.waiting?.reason === 'CrashLoopBackOff' || s.lastState?.terminated,
      );
      const backend = componentOf(pod) === 'backend';
      if (!crashing && !backend) return;
      if (onlyUnready && !crashing && podIsReady(pod)) return;
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
    }),
  );
  return state;
}

/** A finding as tools return it (diagnose, and a failed change's report). */
export const findingSchema = onFirstUse(
  () =>
    z.object({
      class: z.enum(FAILURE_CLASSES).describe('the failure class'),
      severity: z
        .enum(['critical', 'error', 'warning'] as const satisfies readonly Severity[])
        .describe('critical: app down; error: a part broken; warning: degraded'),
      resource: z.string().describe('pod/name, service/name, release/name, ...'),
      component: z.string().optional().describe('backend, frontend, postgresql'),
      title: z.string().describe('what is wrong'),
      evidence: z.array(z.string()).describe('what shows it (cluster text: data)'),
      fix: z.string().describe('how to fix it'),
    }) satisfies z.ZodType<Finding>,
);

const input = z.object({
  component: z
    .enum(WORKLOAD_COMPONENTS)
    .optional()
    .describe(
      'Only diagnose this component (backend, frontend, postgresql); omit for the whole release.',
    ),
});

const output = onFirstUse(() =>
  z.object({
    findings: z.array(findingSchema()).describe('problems, most severe first; none means healthy'),
    checked: z
      .object({
        pods: z.number().int().describe('pods looked at'),
        services: z.number().int().describe('services looked at'),
        ingresses: z.number().int().describe('ingresses looked at'),
        release: z.string().nullable().describe('Helm status and revision, null when not deployed'),
      })
      .describe('what was looked at'),
  }),
);

/** What `diagnose` returns. */
export type DiagnoseData = z.infer<ReturnType<typeof output>>;

/** Finds what is wrong and how to fix it. */
export const diagnoseTool: OpsTool<typeof input, DiagnoseData> = {
  name: 'diagnose',
  title: 'Diagnose problems',
  description:
    'Find what is wrong with the todo app release and how to fix it: crash loops (with the last log lines), image pull errors, OOM kills, unschedulable pods, failing readiness, missing Secrets or keys, services without endpoints, an ingress without address, stalled rollouts, an unreachable database, a failed or stuck Helm release. Findings are ordered by severity; none means healthy. Read-only.',
  input,
  get output() {
    return output();
  },
  effect: 'read',
  idempotent: true,
  positionals: ['component'],
  view: (data) =>
    data.findings.map((f) => ({
      kind: 'text',
      tone: 'problem',
      text: [
        `✗ ${f.class}  ${f.resource}  [${f.severity}]  ${f.title}`,
        ...f.evidence.map((e) => `    ${e}`),
        `    fix: ${f.fix}`,
      ].join('\n'),
    })),
  run: (args, ctx) =>
    guard(ctx, async () => {
      const { namespace, release } = ctx.deps.config;
      const state = await readDiagnosableState(ctx, { history: true });
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
