/** `doctor`: checks node, docker, minikube, helm, kubectl, the kube context and the ingress addon. */
import { z } from 'zod';
import { guard } from './common.js';
import { fail, ok } from './contract.js';
import type { OpsContext, OpsTool } from './deps.js';
import { succeeded } from './platform/exec.js';
import { isLocalContext } from './scope.js';

const checkSchema = z.object({
  name: z.string().describe('what was checked'),
  ok: z.boolean().describe('whether it passed'),
  required: z.boolean().describe('whether todo-ops cannot work without it'),
  detail: z.string().describe('what was found'),
  fix: z.string().optional().describe('the command that fixes it on this OS'),
});
/** One check. `required` failures make doctor fail. */
export type DoctorCheck = z.infer<typeof checkSchema>;

const output = z.object({ checks: z.array(checkSchema).describe('every check, in order') });

type Os = 'linux' | 'darwin' | 'win32';

/** How to install each tool, per OS. */
export const INSTALL: Record<string, Record<Os, string>> = {
  node: {
    linux: 'install Node.js 24 LTS: https://nodejs.org/en/download (or `nvm install 24`)',
    darwin: 'brew install node@24',
    win32: 'winget install OpenJS.NodeJS.LTS',
  },
  docker: {
    linux:
      'install Docker Engine: https://docs.docker.com/engine/install/ (then `sudo usermod -aG docker $USER`)',
    darwin: 'brew install --cask docker (Docker Desktop), then start it',
    win32: 'winget install Docker.DockerDesktop, then start it',
  },
  minikube: {
    linux:
      'curl -LO https://storage.googleapis.com/minikube/releases/latest/minikube-linux-amd64 && sudo install minikube-linux-amd64 /usr/local/bin/minikube',
    darwin: 'brew install minikube',
    win32: 'winget install Kubernetes.minikube',
  },
  helm: {
    linux: 'curl -fsSL https://raw.githubusercontent.com/helm/helm/main/scripts/get-helm-4 | bash',
    darwin: 'brew install helm',
    win32: 'winget install Helm.Helm',
  },
  kubectl: {
    linux:
      'minikube kubectl -- version (or install kubectl: https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/)',
    darwin: 'brew install kubectl',
    win32: 'winget install Kubernetes.kubectl',
  },
};

const osOf = (platform: NodeJS.Platform): Os =>
  platform === 'darwin' || platform === 'win32' ? platform : 'linux';

async function versionOf(
  ctx: OpsContext,
  bin: string,
  args: string[],
): Promise<string | undefined> {
  const out = await ctx.deps.runner(bin, args, { timeoutMs: 20_000 });
  return succeeded(out) ? (out.stdout.trim() || out.stderr.trim()).split('\n')[0] : undefined;
}

/** Runs every check; never fails on a missing piece, it reports it. */
export async function runChecks(ctx: OpsContext): Promise<DoctorCheck[]> {
  const os = osOf(ctx.deps.platform);
  const checks: DoctorCheck[] = [];
  const add = (name: string, okay: boolean, required: boolean, detail: string, fix?: string) =>
    checks.push({ name, ok: okay, required, detail, ...(okay || !fix ? {} : { fix }) });

  const nodeMajor = Number(process.versions.node.split('.')[0]);
  add('node', nodeMajor >= 22, true, `Node.js ${process.versions.node}`, INSTALL.node?.[os]);

  const helm = await ctx.deps.helm.version();
  add('helm', Boolean(helm), true, helm ?? 'not found on PATH', INSTALL.helm?.[os]);

  const kubectl = await versionOf(ctx, ctx.deps.env.TODO_OPS_KUBECTL ?? 'kubectl', [
    'version',
    '--client',
  ]);
  add(
    'kubectl',
    Boolean(kubectl),
    false,
    kubectl ?? 'not found on PATH (optional: todo-ops does not need it)',
    INSTALL.kubectl?.[os],
  );

  const minikube = await ctx.deps.minikube.version();
  add(
    'minikube',
    Boolean(minikube),
    false,
    minikube ?? 'not found on PATH (needed for a local cluster)',
    INSTALL.minikube?.[os],
  );

  const mkStatus = minikube ? await ctx.deps.minikube.status() : undefined;
  const dockerEnv = mkStatus?.running ? await ctx.deps.minikube.dockerEnv() : undefined;
  const docker = await ctx.deps.docker.version(dockerEnv);
  add(
    'docker',
    Boolean(docker),
    false,
    docker
      ? `daemon ${docker}${dockerEnv ? ' (Minikube)' : ''}`
      : 'no reachable Docker daemon (needed to build images)',
    INSTALL.docker?.[os],
  );
  if (minikube) {
    add(
      'minikube cluster',
      Boolean(mkStatus?.running),
      false,
      mkStatus ? `host ${mkStatus.host}, apiserver ${mkStatus.apiServer}` : 'status unknown',
      'todo-ops setup-cluster',
    );
  }

  let contextName: string | undefined;
  try {
    contextName = ctx.deps.kube.contextName;
    const local = isLocalContext(contextName);
    add(
      'kube context',
      local || ctx.deps.config.contextExplicit,
      true,
      `${contextName}${local ? ' (local)' : ' (not local: todo-ops acts on it only when named with --context)'}`,
      `pick a local context: kubectl config use-context minikube, or pass --context ${contextName}`,
    );
    try {
      const version = await ctx.deps.kube.serverVersion();
      add('kubernetes API', true, true, `${ctx.deps.kube.server ?? ''} (${version})`);
    } catch (error) {
      add(
        'kubernetes API',
        false,
        true,
        (error as Error).message,
        'todo-ops setup-cluster (or start your cluster)',
      );
    }
  } catch (error) {
    add(
      'kube context',
      false,
      true,
      (error as Error).message,
      'todo-ops setup-cluster creates one (minikube)',
    );
  }

  if (mkStatus?.running) {
    const addons = await ctx.deps.minikube.addons();
    for (const addon of ['ingress', 'metrics-server']) {
      add(
        `${addon} addon`,
        Boolean(addons?.[addon]),
        addon === 'ingress',
        addons?.[addon] ? 'enabled' : 'disabled',
        `minikube addons enable ${addon}`,
      );
    }
  } else if (contextName && checks.find((c) => c.name === 'kubernetes API')?.ok) {
    const classes = await ctx.deps.kube.listIngressClasses().catch(() => undefined);
    const nginx = classes?.some((c) => c.metadata?.name === 'nginx');
    add(
      'ingress controller',
      Boolean(nginx),
      false,
      nginx
        ? 'IngressClass nginx present'
        : 'no IngressClass nginx (the ingress will get no address)',
      'minikube addons enable ingress (or install ingress-nginx)',
    );
  }
  return checks;
}

const input = z.object({}).describe('No input.');

/** Checks prerequisites. */
export const doctorTool: OpsTool<typeof input, z.infer<typeof output>> = {
  name: 'doctor',
  title: 'Check prerequisites',
  description:
    'Check what todo-ops needs on this machine: Node.js, helm, kubectl, minikube, docker, the kube context (local or not), the API server, and the ingress addon. Each missing piece comes with the command that fixes it for this OS. Read-only.',
  input,
  output,
  effect: 'read',
  idempotent: true,
  view: (data) => [
    {
      kind: 'table',
      columns: ['CHECK', 'OK', 'DETAIL'],
      rows: data.checks.map((c) => [
        c.name,
        c.ok ? 'yes' : c.required ? 'NO' : 'no',
        `${c.detail}${!c.ok && c.fix ? `  -> ${c.fix}` : ''}`,
      ]),
    },
  ],
  run: (_args, ctx) =>
    guard(
      ctx,
      async () => {
        const checks = await runChecks(ctx);
        const failedRequired = checks.filter((c) => !c.ok && c.required);
        const failedOptional = checks.filter((c) => !c.ok && !c.required);
        if (failedRequired.length)
          return fail(
            'missing_dependency',
            `${failedRequired.length} required check${failedRequired.length === 1 ? '' : 's'} failed: ${failedRequired.map((c) => c.name).join(', ')}`,
            failedRequired.map((c) => `${c.name}: ${c.fix ?? c.detail}`).join('; '),
            { checks },
          );
        return ok(
          `all required checks passed${failedOptional.length ? `; ${failedOptional.length} optional missing: ${failedOptional.map((c) => c.name).join(', ')}` : ''}`,
          { checks },
        );
      },
      { cluster: false },
    ),
};
