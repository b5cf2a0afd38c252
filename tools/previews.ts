/**
 * The preview hooks of the tools that change the release through Helm: each asks helm for
 * the manifests live now and the manifests the call would apply (a server-side dry run with
 * the same values and flags the tool uses, or an earlier revision for a rollback) and
 * diffs them (tools/change-plan.ts). They read only; a hook that cannot plan throws, and the
 * call pipeline notes "plan unavailable" and goes on as without a plan.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChangePreview, planOf } from './change-plan.js';
import { findWorkload } from './common.js';
import { deployValues } from './deploy-values.js';
import type { ToolDeps } from './deps.js';
import { diffManifests } from './manifest-diff.js';
import type { HelmClient, UpgradeOptions } from './platform/helm.js';
import { redact } from './redact.js';

type ManifestHelm = HelmClient & Required<Pick<HelmClient, 'manifest' | 'renderUpgrade'>>;

/** The helm client when it can render manifests; undefined where it cannot (in the cluster) or plans are off. */
function manifestHelm(deps: ToolDeps): ManifestHelm | undefined {
  const { helm } = deps;
  return deps.config.inCluster || !deps.config.planChanges || !helm.manifest || !helm.renderUpgrade
    ? undefined
    : (helm as ManifestHelm);
}

/** The plan of an upgrade with these options against the live release. */
async function upgradePlan(helm: ManifestHelm, options: UpgradeOptions): Promise<ChangePreview> {
  const [live, next] = await Promise.all([
    helm.manifest(options.release),
    helm.renderUpgrade(options),
  ]);
  return diffManifests(live ?? '', next);
}

/** Input of `deploy` (kept structural so this file does not import the tool). */
interface DeployInput {
  build?: boolean | undefined;
  set?: Record<string, string> | undefined;
  secretsFile?: string | undefined;
}

/** The plan of a deploy: the same values file and flags `deploy` passes helm, dry-run. */
export async function previewDeploy(
  args: DeployInput,
  deps: ToolDeps,
): Promise<ChangePreview | undefined> {
  const helm = manifestHelm(deps);
  if (!helm) return undefined;
  if (args.build)
    throw new Error('the images are built first, so their tags are known only after the build');
  const { release, chartPath, helmTimeoutSeconds, valuesFiles } = deps.config;
  if (!existsSync(join(chartPath, 'Chart.yaml'))) throw new Error(`no chart at ${chartPath}`);
  const unreadable = valuesFiles.find((f) => !existsSync(f));
  if (unreadable) throw new Error(`values file ${unreadable} does not exist`);
  const existing = await helm.status(release);
  const computed = await deployValues(args, deps, Boolean(existing));
  if (!computed.ok) throw new Error(computed.message);
  const dir = mkdtempSync(join(tmpdir(), 'todo-ops-plan-'));
  try {
    const valuesFile = join(dir, 'values.yaml');
    writeFileSync(valuesFile, JSON.stringify(computed.values, null, 2), { mode: 0o600 });
    return await upgradePlan(helm, {
      release,
      chart: chartPath,
      install: true,
      createNamespace: true,
      reuseValues: Boolean(existing),
      valuesFiles: [...valuesFiles, valuesFile],
      ...(args.set ? { set: args.set } : {}),
      timeoutSeconds: helmTimeoutSeconds,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The plan of a scale: `--reuse-values --set <component>.replicas=N`, dry-run. Replicas
 * someone changed behind Helm's back count as they are live, so a scale back to the
 * release's own number still shows (and makes) the change.
 */
export async function previewScale(
  args: { component: 'backend' | 'frontend'; replicas: number },
  deps: ToolDeps,
  signal?: AbortSignal,
): Promise<ChangePreview | undefined> {
  const helm = manifestHelm(deps);
  const { release, chartPath, helmTimeoutSeconds, maxReplicas } = deps.config;
  // What `scale` refuses (above the limit, no release, an autoscaled component) it reports itself.
  if (!helm || args.replicas > maxReplicas) return undefined;
  if (!existsSync(join(chartPath, 'Chart.yaml'))) return undefined;
  if (!(await helm.status(release))) return undefined;
  const values = await helm.getValues(release, true);
  const autoscaling = (values[args.component] as { autoscaling?: { enabled?: boolean } })
    ?.autoscaling;
  if (autoscaling?.enabled) return undefined;
  const plan = await upgradePlan(helm, {
    release,
    chart: chartPath,
    reuseValues: true,
    set: { [`${args.component}.replicas`]: args.replicas },
    forceConflicts: true,
    timeoutSeconds: helmTimeoutSeconds,
  });
  const live = await findWorkload({ deps, ...(signal ? { signal } : {}) }, args.component);
  const liveReplicas = live?.kind === 'Deployment' ? live.obj.spec?.replicas : undefined;
  const name = live?.obj.metadata?.name;
  if (liveReplicas === undefined || !name) return plan;
  return withLiveReplicas(plan, name, liveReplicas, args.replicas);
}

/** The plan with the Deployment's replicas taken from the cluster (drift included). */
function withLiveReplicas(
  plan: ChangePreview,
  deployment: string,
  live: number,
  wanted: number,
): ChangePreview {
  const objects = plan.objects.map((obj) => ({ ...obj, fields: [...obj.fields] }));
  let target = objects.find(
    (obj) => obj.kind === 'Deployment' && obj.name === deployment && obj.action === 'update',
  );
  const rest = target?.fields.filter((field) => field.path !== 'spec.replicas') ?? [];
  if (live === wanted) {
    if (target) target.fields = rest;
    return planOf(objects.filter((obj) => obj.action !== 'update' || obj.fields.length));
  }
  if (!target) {
    target = { kind: 'Deployment', name: deployment, action: 'update', fields: [] };
    objects.push(target);
  }
  target.fields = [...rest, { path: 'spec.replicas', before: live, after: wanted }].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  return planOf(redact(objects));
}

/** The plan of a rollback: the live manifests against those of the revision returned to. */
export async function previewRollback(
  args: { revision?: number | undefined },
  deps: ToolDeps,
): Promise<ChangePreview | undefined> {
  const helm = manifestHelm(deps);
  const { release } = deps.config;
  if (!helm) return undefined;
  const status = await helm.status(release);
  if (!status) return undefined;
  const current = status.revision;
  const revisions = await helm.history(release);
  const target = args.revision ?? revisions.filter((r) => r.revision < current).at(-1)?.revision;
  // A revision that is missing or current is refused by `rollback` itself, with a hint.
  if (target === undefined || target === current || !revisions.some((r) => r.revision === target))
    return undefined;
  const [live, earlier] = await Promise.all([
    helm.manifest(release),
    helm.manifest(release, target),
  ]);
  if (earlier === undefined) throw new Error(`revision ${target} of ${release} has no manifest`);
  return diffManifests(live ?? '', earlier);
}
