/**
 * kagent's real CRDs, kept outside the repository (../shared/data/kagent-crds relative to
 * the repo root; see its README). Tests read them to check the chart's kagent objects.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../support/kube-tools.js';
import type { Manifest } from './helm-chart.js';

/**
 * Directory of the kagent CRD files: <repoRoot>/../shared/data/kagent-crds, else the
 * nearest ancestor holding shared/data/kagent-crds (a git worktree nested deeper).
 */
export const kagentCrdDir = ((): string => {
  const first = resolve(repoRoot, '..', 'shared', 'data', 'kagent-crds');
  for (let dir = resolve(repoRoot, '..'); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'data', 'kagent-crds');
    if (existsSync(candidate)) return candidate;
  }
  return first;
})();

/** Why the CRDs cannot be used, or undefined when they are there. */
export function kagentCrdsMissing(): string | undefined {
  if (!existsSync(kagentCrdDir))
    return `kagent CRDs not found at ${kagentCrdDir} (../shared/data/kagent-crds from the repo root)`;
  if (crdFiles().length === 0) return `no kagent.dev_*.yaml in ${kagentCrdDir}`;
  return undefined;
}

/** The CRD files (kagent.dev_agents.yaml, ...). */
export function crdFiles(): string[] {
  return readdirSync(kagentCrdDir)
    .filter((f) => /^kagent\.dev_.*\.ya?ml$/.test(f))
    .map((f) => join(kagentCrdDir, f));
}

let parsed: Manifest[] | undefined;

/** The openAPIV3Schema of kind at version, from the CRD files. */
export function crdSchema(kind: string, version: string): Manifest {
  parsed ??= crdFiles().map((file) => parse(readFileSync(file, 'utf8')) as Manifest);
  for (const crd of parsed) {
    if (crd?.spec?.names?.kind !== kind) continue;
    const v = (crd.spec.versions as Manifest[]).find((x) => x.name === version);
    if (!v) throw new Error(`${kind} has no version ${version}`);
    return v.schema.openAPIV3Schema;
  }
  throw new Error(`no CRD for ${kind}`);
}

/**
 * Structural check of a value against an OpenAPI v3 schema: unknown fields (the API
 * server prunes or rejects them), required fields, enums and basic types. CEL rules are
 * left to the API server (integration test).
 */
export function schemaProblems(value: unknown, schema: Manifest, path = ''): string[] {
  const at = path || '(root)';
  if (schema['x-kubernetes-preserve-unknown-fields'] || schema['x-kubernetes-int-or-string'])
    return [];
  const problems: string[] = [];
  const type = schema.type as string | undefined;
  if (type === 'object' || schema.properties) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return [`${at}: want an object`];
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? [])
      if (!(key in obj)) problems.push(`${at}: missing required ${key}`);
    for (const [key, child] of Object.entries(obj)) {
      const sub =
        schema.properties?.[key] ??
        (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (!sub) {
        if (schema.properties && path !== '' && key !== 'metadata')
          problems.push(`${at}: unknown field ${key}`);
        continue;
      }
      problems.push(...schemaProblems(child, sub, path ? `${path}.${key}` : key));
    }
  } else if (type === 'array') {
    if (!Array.isArray(value)) return [`${at}: want an array`];
    value.forEach((item, i) => {
      problems.push(...schemaProblems(item, schema.items ?? {}, `${path}[${i}]`));
    });
  } else if (type === 'string') {
    if (typeof value !== 'string') problems.push(`${at}: want a string`);
    else if (schema.enum && !schema.enum.includes(value))
      problems.push(`${at}: ${value} not in ${schema.enum}`);
  } else if (type === 'integer' && !Number.isInteger(value)) {
    problems.push(`${at}: want an integer`);
  } else if (type === 'boolean' && typeof value !== 'boolean') {
    problems.push(`${at}: want a boolean`);
  }
  return problems;
}
