/**
 * The diff behind a plan (tools/change-plan.ts): multi-document YAML manifests parsed and
 * compared per object and field with microdiff, noise fields left out, Secret values masked.
 * The YAML parser and the diff library load with the first plan (packages imported on first
 * use: a bundled command that plans nothing never loads them).
 */
import {
  CHANGED_SECRET,
  type ChangePreview,
  formatPath,
  type PlanField,
  type PlanObject,
  planOf,
} from './change-plan.js';
import { REDACTED, redact } from './redact.js';

type Manifest = Record<string, unknown>;

type Yaml = typeof import('yaml');
type Microdiff = typeof import('microdiff').default;

let libraries: Promise<{ yaml: Yaml; diff: Microdiff }> | undefined;

/** The YAML parser and microdiff, imported once, on first use. */
function loadLibraries(): Promise<{ yaml: Yaml; diff: Microdiff }> {
  libraries ??= Promise.all([import('yaml'), import('microdiff')]).then(([yaml, microdiff]) => ({
    // A CommonJS build seen through import() holds its exports under `default`.
    yaml: 'parseAllDocuments' in yaml ? yaml : (yaml as unknown as { default: Yaml }).default,
    diff:
      typeof microdiff.default === 'function'
        ? microdiff.default
        : (microdiff.default as unknown as { default: Microdiff }).default,
  }));
  return libraries;
}

/** Fields the API server or Helm fill in; a difference there is not a change anyone made. */
const NOISE_METADATA = [
  'managedFields',
  'resourceVersion',
  'uid',
  'creationTimestamp',
  'generation',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];
/** Annotations and labels that say who applied an object or which chart version, not what it is. */
const NOISE_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'meta.helm.sh/release-name',
  'meta.helm.sh/release-namespace',
];
/** The chart label's version churns with every chart release. */
const CHART_LABEL = 'helm.sh/chart';

/** Parses a multi-document YAML manifest (`helm get manifest`) into its objects. */
function parseManifests(yaml: Yaml, text: string): Manifest[] {
  const out: Manifest[] = [];
  for (const doc of yaml.parseAllDocuments(text)) {
    if (doc.errors.length) throw new Error(`manifest is not valid YAML: ${doc.errors[0]?.message}`);
    const value = doc.toJS() as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const obj = value as Manifest;
      // A List (rare in charts) holds its objects in items.
      if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items))
        out.push(...(obj.items as Manifest[]));
      else if (typeof obj.kind === 'string') out.push(obj);
    }
  }
  return out;
}

const metaOf = (obj: Manifest): Record<string, unknown> =>
  (obj.metadata as Record<string, unknown> | undefined) ?? {};

const keyOf = (obj: Manifest): string =>
  JSON.stringify([obj.kind, metaOf(obj).namespace ?? '', metaOf(obj).name ?? '']);

/** A copy without the noise fields, in every object metadata it holds (pod templates too). */
function withoutNoise(value: unknown, top = true): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutNoise(item, false));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (top && key === 'status') continue;
    if (key === 'metadata' && item && typeof item === 'object') {
      const meta: Record<string, unknown> = { ...(item as Record<string, unknown>) };
      for (const noise of NOISE_METADATA) delete meta[noise];
      for (const field of ['annotations', 'labels'] as const) {
        const map = meta[field];
        if (!map || typeof map !== 'object') continue;
        const kept = { ...(map as Record<string, unknown>) };
        for (const noise of NOISE_ANNOTATIONS) delete kept[noise];
        delete kept[CHART_LABEL];
        if (Object.keys(kept).length) meta[field] = kept;
        else delete meta[field];
      }
      out[key] = withoutNoise(meta, false);
    } else out[key] = withoutNoise(item, false);
  }
  return out;
}

const SECRET_MAPS = ['data', 'stringData'] as const;

/** The fields of a Secret's data that change, its values masked: only which key changed shows. */
function secretDataFields(before: Manifest, after: Manifest): PlanField[] {
  const fields: PlanField[] = [];
  for (const map of SECRET_MAPS) {
    const was = (before[map] as Record<string, unknown> | undefined) ?? {};
    const now = (after[map] as Record<string, unknown> | undefined) ?? {};
    for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) {
      const path = formatPath([map, key]);
      if (!(key in now)) fields.push({ path, before: REDACTED });
      else if (!(key in was)) fields.push({ path, after: REDACTED });
      else if (JSON.stringify(was[key]) !== JSON.stringify(now[key]))
        fields.push({ path, before: REDACTED, after: CHANGED_SECRET });
    }
  }
  return fields;
}

/** A Secret with its data maps taken out (they are compared by secretDataFields only). */
function withoutSecretData(obj: Manifest): Manifest {
  if (obj.kind !== 'Secret') return obj;
  const { data: _data, stringData: _stringData, ...rest } = obj;
  return rest;
}

/** The fields that differ between two versions of one object, sorted by path. */
function changedFields(diff: Microdiff, before: Manifest, after: Manifest): PlanField[] {
  const fields: PlanField[] =
    before.kind === 'Secret' || after.kind === 'Secret' ? secretDataFields(before, after) : [];
  for (const change of diff(withoutSecretData(before), withoutSecretData(after))) {
    const path = formatPath(change.path);
    if (change.type === 'CREATE') fields.push({ path, after: change.value });
    else if (change.type === 'REMOVE') fields.push({ path, before: change.oldValue });
    else fields.push({ path, before: change.oldValue, after: change.value });
  }
  return fields.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const ACTION_ORDER = { delete: 0, update: 1, create: 2 } as const;

/**
 * The plan of going from the `before` manifests to the `after` manifests (multi-document
 * YAML, as `helm get manifest` and a dry-run print them). Objects are matched by kind,
 * namespace and name; created and deleted objects list no fields.
 */
export async function diffManifests(before: string, after: string): Promise<ChangePreview> {
  const { yaml, diff } = await loadLibraries();
  const was = new Map(parseManifests(yaml, before).map((obj) => [keyOf(obj), obj]));
  const now = new Map(parseManifests(yaml, after).map((obj) => [keyOf(obj), obj]));
  const objects: PlanObject[] = [];
  const identity = (obj: Manifest) => {
    const meta = metaOf(obj);
    return {
      kind: String(obj.kind),
      name: String(meta.name ?? ''),
      ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}),
    };
  };
  for (const [key, obj] of was) {
    if (!now.has(key)) objects.push({ ...identity(obj), action: 'delete', fields: [] });
  }
  for (const [key, obj] of now) {
    const old = was.get(key);
    if (!old) {
      objects.push({ ...identity(obj), action: 'create', fields: [] });
      continue;
    }
    const fields = changedFields(
      diff,
      withoutNoise(old) as Manifest,
      withoutNoise(obj) as Manifest,
    );
    if (fields.length) objects.push({ ...identity(obj), action: 'update', fields });
  }
  objects.sort(
    (a, b) =>
      ACTION_ORDER[a.action] - ACTION_ORDER[b.action] ||
      a.kind.localeCompare(b.kind) ||
      (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
      a.name.localeCompare(b.name),
  );
  return planOf(redact(objects));
}
