/**
 * The plan of a Helm change: the release's manifests now against the manifests the change
 * would apply, diffed per object (kind, namespace, name) and field path
 * (tools/manifest-diff.ts, loaded with the first plan: it brings the YAML parser and the diff
 * library, which a command that plans nothing never loads). Pure: the caller fetches both
 * sides (tools/previews.ts). Secret values never appear, only which key
 * changed; fields Helm and Kubernetes fill in by themselves are left out; everything is
 * redacted, and the digest is the sha256 of the canonical JSON of the objects, so the same
 * change has the same digest through every door.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { onFirstUse } from './contract.js';
import { REDACTED } from './redact.js';

const fieldSchema = onFirstUse(() =>
  z.object({
    path: z.string().describe('field path, e.g. spec.replicas or metadata.labels["app"]'),
    before: z.unknown().optional().describe('value now (absent when the field is added)'),
    after: z.unknown().optional().describe('value after the change (absent when removed)'),
  }),
);

const objectSchema = onFirstUse(() =>
  z.object({
    kind: z.string().describe('Kubernetes kind, e.g. Deployment'),
    name: z.string().describe('metadata.name'),
    namespace: z.string().optional().describe('metadata.namespace when the manifest sets it'),
    action: z.enum(['create', 'update', 'delete']).describe('what happens to the object'),
    fields: z.array(fieldSchema()).describe('fields that change (updates only)'),
  }),
);

/** The schema of a plan, for MCP structured content and JSON reports. */
export const changePreviewSchema = onFirstUse(() =>
  z
    .object({
      digest: z.string().describe('sha256 of the canonical JSON of objects'),
      objects: z.array(objectSchema()).describe('objects that change; empty: nothing to change'),
    })
    .describe('what the change does to each object of the release, before it runs'),
);

/** One field that changes. */
export type PlanField = z.infer<ReturnType<typeof fieldSchema>>;
/** One object that changes. */
export type PlanObject = z.infer<ReturnType<typeof objectSchema>>;
/** The structured plan of a change: empty `objects` means nothing would change. */
export type ChangePreview = z.infer<ReturnType<typeof changePreviewSchema>>;

/** What a changed Secret value reads as (its old value reads as REDACTED). */
export const CHANGED_SECRET = `${REDACTED} (changed)`;

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
