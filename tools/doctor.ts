/** `doctor`: checks node, docker, minikube, helm, kubectl, the kube context and the ingress addon. */
import { z } from 'zod';
import { guard } from './common.js';
import { fail, ok, onFirstUse } from './contract.js';
import type { OpsContext, OpsTool } from './deps.js';
import { succeeded } from './platform/exec.js';
import { isLocalContext } from './scope.js';

const checkSchema = onFirstUse(() =>
  z.object({
    name: z.string().describe('what was checked'),
    ok: z.boolean().describe('whether it passed'),
    required: z.boolean().describe('whether todo-ops cannot work without it'),
    detail: z.string().describe('what was found'),
    fix: z.string().optional().describe('the command that fixes it on this OS'),
  }),
);
/** One check. `required` failures make doctor fail. */
export type DoctorCheck = z.infer<ReturnType<typeof checkSchema>>;

const output = onFirstUse(() =>
  z.object({ checks: z.array(checkSchema()).describe('every check, in order') }),
);

type Os = 'linux' | 'darwin' | 'win32';

/**
 * Minikube's Linux binary for this CPU, as its install page names it
 * (https://github.com/kubernetes/minikube/releases/latest/download/minikube-linux-<arch>).
 */
function minikubeLinuxInstall(arch: string): string {
  const names: Record<string, string> = {
    x64: 'amd64',
    arm64: 'arm64',
    ppc64: 'ppc64le',
    s390x: 's390x',
  };
  const name = names[arch];
  if (!name) return 'install Minikube for your CPU: https://minikube.sigs.k8s.io/docs/start/';
  const file = `minikube-linux-${name}`;
  return `curl -LO https://github.com/kubernetes/minikube/releases/latest/download/${file} && sudo install ${file} /usr/local/bin/minikube && rm ${file}`;
}

/** How to install each tool, per OS (and CPU, for downloads). */
export function installCommands(arch: string = process.arch): Record<string, Record<Os, string>> {
  return {
    node: {
      linux: 'install Node.js 24 LTS: https://nodejs.org/en/download (or `nvm install 24`)',
      // node@24 is keg-only (a versioned formula): installed, but not on PATH until linked.
      darwin: 'brew install node@24 && brew link node@24',
      win32: 'winget install OpenJS.NodeJS.LTS',
    },
    docker: {
      linux:
        'install Docker Engine: https://docs.docker.com/engine/install/ (then `sudo usermod -aG docker $USER`)',
      darwin: 'brew install --cask docker-desktop, then start Docker Desktop',
      win32: 'winget install Docker.DockerDesktop, then start it',
    },
    minikube: {
      linux: minikubeLinuxInstall(arch),
      darwin: 'brew install minikube',
      win32: 'winget install Kubernetes.minikube',
    },
    helm: {
      linux:
        'curl -fsSL https://raw.githubusercontent.com/helm/helm/main/scripts/get-helm-4 | bash',
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
}

/** How to replace an installed Helm 3 with Helm 4, per OS. */
export const HELM_UPGRADE: Record<Os, string> = {
  linux: 'curl -fsSL https://raw.githubusercontent.com/helm/helm/main/scripts/get-helm-4 | bash',
  darwin: 'brew upgrade helm',
  win32: 'winget upgrade --id Helm.Helm',
};

/** The major version in `helm version --short` output (`v4.0.1+g1234abc`), if any. */
export function helmMajor(version: string): number | undefined {
  const major = version.trim().match(/^v?(\d+)\./)?.[1];
  return major === undefined ? undefined : Number(major);
}

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
  const install = installCommands();
  const checks: DoctorCheck[] = [];
  const add = (name: string, okay: boolean, required: boolean, detail: string, fix?: string) =>
    checks.push({ name, ok: okay, required, detail, ...(okay || !fix ? {} : { fix }) });

  const nodeMajor = Number(process.versions.node.split('.')[0]);
  add('node', nodeMajor >= 22, true, `Node.js ${process.versions.node}`, install.node?.[os]);

  // The tools pass --wait=watcher, --rollback-on-failure and --server-side=true with
  // --force-conflicts: Helm 3 rejects every one of them, so it is no Helm for todo-ops.
  const helm = await ctx.deps.helm.version();
  const major = helm ? helmMajor(helm) : undefined;
  if (!helm) add('helm', false, true, 'not found on PATH', install.helm?.[os]);
  else if (major === undefined || major < 4)
    add(
      'helm',
      false,
      true,
      `${helm}: todo-ops needs Helm 4 (it passes --wait=watcher, --rollback-on-failure and --force-conflicts, which Helm 3 lacks)`,
      HELM_UPGRADE[os],
    );
  else add('helm', true, true, helm);

  const kubectl = await versionOf(ctx, ctx.deps.env.TODO_OPS_KUBECTL ?? 'kubectl', [
    'version',
    '--client',
  ]);
  add(
    'kubectl',
    Boolean(kubectl),
    false,
    kubectl ?? 'not found on PATH (optional: todo-ops does not need it)',
    install.kubectl?.[os],
  );

  const minikube = await ctx.deps.minikube.version();
  add(
    'minikube',
    Boolean(minikube),
    false,
    minikube ?? 'not found on PATH (needed for a local cluster)',
    install.minikube?.[os],
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
    install.docker?.[os],
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
export const doctorTool: OpsTool<typeof input, z.infer<ReturnType<typeof output>>> = {
  name: 'doctor',
  title: 'Check prerequisites',
  description:
    'Check what todo-ops needs on this machine: Node.js, helm, kubectl, minikube, docker, the kube context (local or not), the API server, and the ingress addon. Each missing piece comes with the command that fixes it for this OS. Read-only.',
  input,
  get output() {
    return output();
  },
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
