/**
 * Helm's view of a release without the helm program: the release records Helm keeps in
 * ConfigMaps (HELM_DRIVER=configmap), read through the Kubernetes API. The in-cluster ops
 * server uses it: its image has no helm, and its Role may read ConfigMaps but may not apply
 * the release's objects (doing so would need rights over Roles, its own included). So it
 * answers status, history and values; every change through Helm is refused with the way
 * to make it from the todo-ops CLI.
 *
 * A record is `sh.helm.release.v1.<release>.v<revision>`, labelled owner=helm and
 * name=<release>, whose `release` key holds the release as JSON, gzipped and base64-encoded.
 */
import { gunzipSync } from 'node:zlib';
import { type HelmClient, HelmError, type HelmReleaseStatus, type HelmRevision } from './helm.js';
import type { KubeClient } from './kube.js';

/** The parts of a stored release the tools use. */
interface StoredRelease {
  name?: string;
  namespace?: string;
  version?: number;
  info?: {
    status?: string;
    description?: string;
    last_deployed?: string;
    notes?: string;
  };
  chart?: {
    metadata?: { name?: string; version?: string; appVersion?: string };
    values?: Record<string, unknown>;
  };
  config?: Record<string, unknown>;
}

/** Decodes a record's `release` value: base64, then gzip when it starts with gzip's magic. */
export function decodeRelease(encoded: string): StoredRelease {
  const bytes = Buffer.from(encoded, 'base64');
  const json = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return JSON.parse(json.toString('utf8')) as StoredRelease;
}

function statusOf(release: StoredRelease): HelmReleaseStatus {
  const meta = release.chart?.metadata;
  return {
    name: release.name ?? '',
    namespace: release.namespace ?? '',
    revision: release.version ?? 0,
    status: release.info?.status ?? 'unknown',
    description: release.info?.description ?? '',
    ...(release.info?.last_deployed ? { lastDeployed: release.info.last_deployed } : {}),
    ...(meta?.name ? { chart: `${meta.name}-${meta.version ?? ''}` } : {}),
    ...(meta?.appVersion ? { appVersion: meta.appVersion } : {}),
    ...(release.info?.notes ? { notes: release.info.notes } : {}),
  };
}

type Values = Record<string, unknown>;
const isValues = (v: unknown): v is Values =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Chart defaults overlaid with the user's values, as `helm get values --all` gives them. */
export function mergeValues(defaults: Values, overrides: Values): Values {
  const out: Values = { ...defaults };
  for (const [key, value] of Object.entries(overrides)) {
    const base = out[key];
    out[key] = isValues(base) && isValues(value) ? mergeValues(base, value) : value;
  }
  return out;
}

function refuse(what: string): never {
  throw new HelmError(
    'forbidden',
    `${what} is not available in the in-cluster todo-ops server: it runs without helm, and its Role may not apply the release's objects`,
    'run it from the todo-ops CLI with your own kube credentials (e.g. `todo-ops deploy`, `todo-ops rollback`)',
  );
}

/** A HelmClient over the release records in ConfigMaps; `kube` is read on first use. */
export function createHelmRecordsClient(
  kube: () => Pick<KubeClient, 'listConfigMaps'>,
  namespace: string,
): HelmClient {
  const releases = async (release: string): Promise<StoredRelease[]> => {
    const maps = await kube().listConfigMaps(namespace, `owner=helm,name=${release}`);
    return maps
      .map((map) => map.data?.release)
      .filter((data): data is string => Boolean(data))
      .map(decodeRelease)
      .sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
  };
  const latest = async (release: string) => (await releases(release)).at(-1);
  return {
    version: async () => 'release records (HELM_DRIVER=configmap, read through the Kubernetes API)',
    status: async (release) => {
      const found = await latest(release);
      return found ? statusOf(found) : undefined;
    },
    history: async (release) =>
      (await releases(release)).slice(-20).map(
        (r): HelmRevision => ({
          revision: r.version ?? 0,
          updated: r.info?.last_deployed ?? '',
          status: r.info?.status ?? 'unknown',
          chart: `${r.chart?.metadata?.name ?? ''}-${r.chart?.metadata?.version ?? ''}`,
          appVersion: r.chart?.metadata?.appVersion ?? '',
          description: r.info?.description ?? '',
        }),
      ),
    getValues: async (release, all = false) => {
      const found = await latest(release);
      if (!found)
        throw new HelmError('not_found', `${release}: release not found`, 'deploy it first');
      const config = found.config ?? {};
      return all ? mergeValues(found.chart?.values ?? {}, config) : config;
    },
    upgrade: async () => refuse('helm upgrade'),
    rollback: async () => refuse('helm rollback'),
    uninstall: async () => refuse('helm uninstall'),
  };
}
