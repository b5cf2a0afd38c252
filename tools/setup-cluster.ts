/** `setup_cluster`: starts Minikube (4 GB, 2 CPUs) with the ingress and metrics-server addons. */
import { z } from 'zod';
import { formatDuration, guard } from './common.js';
import { fail, ok, onFirstUse } from './contract.js';
import type { OpsTool } from './deps.js';

/** Addons the app needs. */
export const REQUIRED_ADDONS = ['ingress', 'metrics-server'] as const;

const output = onFirstUse(() =>
  z.object({
    started: z.boolean().describe('true when Minikube was started by this call'),
    addonsEnabled: z.array(z.string()).describe('addons this call enabled'),
    ip: z.string().nullable().describe('the Minikube IP'),
    profile: z.string().describe('the Minikube profile'),
  }),
);

/** What `setup_cluster` returns. */
export type SetupData = z.infer<ReturnType<typeof output>>;

const input = z.object({}).describe('No input: Minikube starts with 4 GB of memory and 2 CPUs.');

/** Starts the local cluster. */
export const setupClusterTool: OpsTool<typeof input, SetupData> = {
  name: 'setup_cluster',
  title: 'Set up Minikube',
  description:
    'Start the local Minikube cluster (4 GB memory, 2 CPUs) if it is not running, enable the ingress and metrics-server addons, and report its IP. Idempotent; takes minutes on a cold start.',
  input,
  get output() {
    return output();
  },
  effect: 'write',
  idempotent: true,
  openWorld: true,
  plan: (_args, deps) =>
    `start Minikube (profile ${deps.config.minikubeProfile}, 4 GB, 2 CPUs) if it is not running and enable the ${REQUIRED_ADDONS.join(' and ')} addons`,
  // The summary says it all.
  view: () => [],
  run: (_args, ctx) =>
    guard(
      ctx,
      async () => {
        const mk = ctx.deps.minikube;
        const profile = ctx.deps.config.minikubeProfile;
        if (!(await mk.version()))
          return fail(
            'missing_dependency',
            'minikube is not installed',
            'install it: https://minikube.sigs.k8s.io/docs/start/ (`todo-ops doctor` shows the command for this OS)',
          );
        const started0 = Date.now();
        const status = await mk.status();
        let started = false;
        if (!status?.running) {
          ctx.progress?.({ message: `minikube start --memory=4096 --cpus=2 (profile ${profile})` });
          const out = await mk.start({ memoryMb: 4096, cpus: 2 }, (line) =>
            ctx.progress?.({ message: line }),
          );
          if (!out.ok)
            return fail(
              'failed',
              `minikube start failed: ${out.message}`,
              'see the message above; `minikube delete` then retry often fixes a broken profile',
            );
          started = true;
        }
        const addons = (await mk.addons()) ?? {};
        const enabled: string[] = [];
        for (const addon of REQUIRED_ADDONS) {
          if (addons[addon]) continue;
          ctx.progress?.({ message: `minikube addons enable ${addon}` });
          const out = await mk.enableAddon(addon);
          if (!out.ok)
            return fail(
              'failed',
              `enabling the ${addon} addon failed: ${out.message}`,
              `run \`minikube addons enable ${addon}\` and read its output`,
            );
          enabled.push(addon);
        }
        const ip = (await mk.ip()) ?? null;
        return ok(
          `Minikube ${started ? 'started' : 'already running'} (profile ${profile}${ip ? `, IP ${ip}` : ''}); addons ${REQUIRED_ADDONS.join(', ')} enabled${enabled.length ? ` (just enabled: ${enabled.join(', ')})` : ''} in ${formatDuration(Date.now() - started0)}`,
          { started, addonsEnabled: enabled, ip, profile },
        );
      },
      { cluster: false },
    ),
};
