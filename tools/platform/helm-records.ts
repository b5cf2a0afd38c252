/**
 * Helm's view of a release without the helm program: the release records Helm keeps in
 * Secrets (its default storage) or ConfigMaps (HELM_DRIVER=configmap), read through the
 * Kubernetes API.
 *
 * - The CLI reads a release this way (status, history, values, manifests: one API request
 *   instead of a helm process each, several per change) and keeps helm for what renders or
 *   changes something (tools/platform/helm.ts falls back to helm when a read fails).
 * - The in-cluster ops server reads only this way: its image has no helm, and its Role may
 *   read ConfigMaps but may not apply the release's objects (doing so would need rights over
 *   Roles, its own included). It answers status, history and values; every change through
 *   Helm is refused with the way to make it from the todo-ops CLI.
 *
 * A record is `sh.helm.release.v1.<release>.v<revision>`, labelled owner=helm and
 * name=<release>, whose `release` key holds the release as JSON, gzipped and base64-encoded.
 */
import { gunzipSync } from 'node:zlib';
import {
  type HelmClient,
  HelmError,
  type HelmRevision,
  parseStatus,
  type ReleaseReads,
} from './helm.js';
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
  manifest?: string;
}

/** Decodes a record's `release` value: base64, then gzip when it starts with gzip's magic. */
export function decodeRelease(encoded: string): StoredRelease {
  const bytes = Buffer.from(encoded, 'base64');
  const json = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return JSON.parse(json.toString('utf8')) as StoredRelease;
}

type Values = Record<string, unknown>;
const isValues = (v: unknown): v is Values =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Chart defaults overlaid with the user's values, as `helm get values --all` gives them: a
 * user's null removes the default.
 */
export function mergeValues(defaults: Values, overrides: Values): Values {
  const out: Values = { ...defaults };
  for (const [key, value] of Object.entries(overrides)) {
    const base = out[key];
    if (value === null) delete out[key];
    else out[key] = isValues(base) && isValues(value) ? mergeValues(base, value) : value;
  }
  return out;
}

/** A release's records, oldest first. */
type RecordSource = (release: string) => Promise<StoredRelease[]>;

/** Decoded and sorted by revision. */
const releasesOf = (payloads: string[]): StoredRelease[] =>
  payloads.map(decodeRelease).sort((a, b) => (a.version ?? 0) - (b.version ?? 0));

/** The reads of status, history, values and manifests over a release's records. */
function readsOver(releases: RecordSource): ReleaseReads {
  const latest = async (release: string) => (await releases(release)).at(-1);
  return {
    status: async (release) => {
      const found = await latest(release);
      return found ? parseStatus(found) : undefined;
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
    manifest: async (release, revision) => {
      const all = await releases(release);
      const found = revision === undefined ? all.at(-1) : all.find((r) => r.version === revision);
      return found ? (found.manifest ?? '') : undefined;
    },
  };
}

/** The records in ConfigMaps. */
const configMapRecords =
  (kube: () => Pick<KubeClient, 'listConfigMaps'>, namespace: string): RecordSource =>
  async (release) =>
    releasesOf(
      (await kube().listConfigMaps(namespace, `owner=helm,name=${release}`))
        .map((map) => map.data?.release)
        .filter((data): data is string => Boolean(data)),
    );

/**
 * The reads over the records where Helm keeps them for this HELM_DRIVER (Secrets when unset),
 * or undefined for a storage the API cannot show (sql, memory).
 */
export function releaseReads(
  kube: () => Pick<KubeClient, 'listConfigMaps' | 'listHelmReleaseSecrets'>,
  namespace: string,
  driver: string | undefined,
): ReleaseReads | undefined {
  const storage = (driver ?? '').trim().toLowerCase();
  if (['', 'secret', 'secrets'].includes(storage))
    return readsOver(async (release) =>
      releasesOf(await kube().listHelmReleaseSecrets(namespace, release)),
    );
  if (['configmap', 'configmaps'].includes(storage))
    return readsOver(configMapRecords(kube, namespace));
  return undefined;
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
  return {
    version: async () => 'release records (HELM_DRIVER=configmap, read through the Kubernetes API)',
    ...readsOver(configMapRecords(kube, namespace)),
    upgrade: async () => refuse('helm upgrade'),
    rollback: async () => refuse('helm rollback'),
    uninstall: async () => refuse('helm uninstall'),
  };
}
