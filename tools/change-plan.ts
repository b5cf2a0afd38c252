/**
 * The plan of a Helm change: the release's manifests now against the manifests the change
 * would apply, diffed per object (kind, namespace, name) and field path. Pure: the caller
 * fetches both sides (tools/previews.ts). Secret values never appear, only which key
 * changed; fields Helm and Kubernetes fill in by themselves are left out; everything is
 * redacted, and the digest is the sha256 of the canonical JSON of the objects, so the same
 * change has the same digest through every door.
 */
import { createHash } from 'node:crypto';
import diff from 'microdiff';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { REDACTED, redact } from './redact.js';

const fieldSchema = z.object({
  path: z.string().describe('field path, e.g. spec.replicas or metadata.labels["app"]'),
  before: z.unknown().optional().describe('value now (absent when the field is added)'),
  after: z.unknown().optional().describe('value after the change (absent when removed)'),
});

const objectSchema = z.object({
  kind: z.string().describe('Kubernetes kind, e.g. Deployment'),
  name: z.string().describe('metadata.name'),
  namespace: z.string().optional().describe('metadata.namespace when the manifest sets it'),
  action: z.enum(['create', 'update', 'delete']).describe('what happens to the object'),
  fields: z.array(fieldSchema).describe('fields that change (updates only)'),
});

/** The schema of a plan, for MCP structured content and JSON reports. */
export const changePreviewSchema = z
  .object({
    digest: z.string().describe('sha256 of the canonical JSON of objects'),
    objects: z.array(objectSchema).describe('objects that change; empty: nothing to change'),
  })
  .describe('what the change does to each object of the release, before it runs');

/** One field that changes. */
export type PlanField = z.infer<typeof fieldSchema>;
/** One object that changes. */
export type PlanObject = z.infer<typeof objectSchema>;
/** The structured plan of a change: empty `objects` means nothing would change. */
export type ChangePreview = z.infer<typeof changePreviewSchema>;

/** What a changed Secret value reads as (its old value reads as REDACTED). */
export const CHANGED_SECRET = `${REDACTED} (changed)`;

type Manifest = Record<string, unknown>;

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
export function parseManifests(text: string): Manifest[] {
  const out: Manifest[] = [];
  for (const doc of parseAllDocuments(text)) {
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

/** `a.b[0]["helm.sh/chart"]`: a readable path whose keys may hold dots or slashes. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
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
function changedFields(before: Manifest, after: Manifest): PlanField[] {
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

/** Sorts object keys recursively: the canonical form the digest is taken of. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value as Record<string, unknown>)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}

/** The sha256 of the canonical JSON of a plan's objects. */
export function planDigest(objects: readonly PlanObject[]): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(objects)))
    .digest('hex');
}

/** A plan of these (already redacted) objects, with its digest. */
export function planOf(objects: PlanObject[]): ChangePreview {
  return { digest: planDigest(objects), objects };
}

const ACTION_ORDER = { delete: 0, update: 1, create: 2 } as const;

/**
 * The plan of going from the `before` manifests to the `after` manifests (multi-document
 * YAML, as `helm get manifest` and a dry-run print them). Objects are matched by kind,
 * namespace and name; created and deleted objects list no fields.
 */
export function diffManifests(before: string, after: string): ChangePreview {
  const was = new Map(parseManifests(before).map((obj) => [keyOf(obj), obj]));
  const now = new Map(parseManifests(after).map((obj) => [keyOf(obj), obj]));
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
    const fields = changedFields(withoutNoise(old) as Manifest, withoutNoise(obj) as Manifest);
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

/** Field lines shown per object before "… and N more". */
export const MAX_FIELD_LINES = 20;
const MAX_VALUE_CHARS = 80;

function showValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

function fieldLine(field: PlanField): string {
  if (!('before' in field)) return `${field.path} + ${showValue(field.after)}`;
  if (!('after' in field)) return `${field.path} - ${showValue(field.before)}`;
  return `${field.path} ${showValue(field.before)} → ${showValue(field.after)}`;
}

const SIGN = { create: '+', update: '~', delete: '-' } as const;

/**
 * The plan for a terminal: one line per object (`~ Deployment todo-app-backend:
 * spec.replicas 1 → 3`); an object with several fields lists them below it, at most
 * MAX_FIELD_LINES, then "… and N more".
 */
export function renderPlan(plan: ChangePreview): string[] {
  if (!plan.objects.length) return ['nothing to change: every object already matches'];
  const lines: string[] = [];
  for (const obj of plan.objects) {
    const head = `${SIGN[obj.action]} ${obj.kind} ${obj.namespace ? `${obj.namespace}/` : ''}${obj.name}`;
    const [only] = obj.fields;
    if (obj.fields.length === 1 && only) {
      lines.push(`${head}: ${fieldLine(only)}`);
      continue;
    }
    lines.push(head);
    for (const field of obj.fields.slice(0, MAX_FIELD_LINES)) lines.push(`    ${fieldLine(field)}`);
    if (obj.fields.length > MAX_FIELD_LINES)
      lines.push(`    … and ${obj.fields.length - MAX_FIELD_LINES} more`);
  }
  return lines;
}
