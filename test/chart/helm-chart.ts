/** Renders charts/todo-app with the real helm binary and parses the manifests. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { helmPath, repoRoot } from '../support/kube-tools.js';

/** The chart under test. */
export const chartDir = join(repoRoot, 'charts/todo-app');

/** Arbitrary parsed YAML below the typed top of an object; tests narrow it as they read. */
// biome-ignore lint/suspicious/noExplicitAny: manifests are arbitrary YAML.
export type Manifest = any;

/** A rendered Kubernetes object (only the fields the tests read are typed). */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Manifest;
  data?: Record<string, string>;
}

/** Values passed with --set / --set-string. Strings go through --set-string (no coercion). */
export type SetValues = Record<string, string | number | boolean>;

/** The secrets a default install needs (no working defaults exist on purpose). */
export const requiredSecrets: SetValues = {
  'secrets.jwtSecret': 'test-jwt-secret',
  'secrets.openaiApiKey': 'sk-test',
  'postgresql.auth.password': 'p@ss word/1',
};

/** Turns values into helm arguments. */
export function setArgs(values: SetValues): string[] {
  return Object.entries(values).flatMap(([key, value]) =>
    typeof value === 'string' ? ['--set-string', `${key}=${value}`] : ['--set', `${key}=${value}`],
  );
}

/** Outcome of one helm command. */
export interface HelmRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs helm with the given arguments. */
export function helm(args: string[]): HelmRun {
  const run = spawnSync(helmPath(), args, { encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Options of a rendering: the release name and extra helm flags (e.g. --namespace). */
export interface RenderOptions {
  release?: string;
  extra?: string[];
}

/** `helm template` of the chart. */
export function template(
  values: SetValues,
  { release = 'todo-app', extra = [] }: RenderOptions = {},
): HelmRun {
  return helm(['template', release, chartDir, ...extra, ...setArgs(values)]);
}

/** Parses multi-document YAML into objects, dropping empty documents. */
export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`invalid YAML: ${doc.errors[0]?.message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((obj): obj is K8sObject => obj !== null && typeof obj === 'object');
}

/** Renders and parses, failing with helm's message when rendering fails. */
export function render(values: SetValues, options: RenderOptions = {}): K8sObject[] {
  const run = template(values, options);
  if (run.status !== 0) throw new Error(`helm template failed:\n${run.stderr}`);
  return parseManifests(run.stdout);
}

/** Finds one object by kind and name, failing clearly when absent. */
export function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) {
    const have = objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ');
    throw new Error(`${kind}/${name} not rendered; have: ${have}`);
  }
  return found;
}

export interface PodTemplate {
  owner: K8sObject;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: Manifest;
}

/** Every pod template (Deployment, StatefulSet, Job) and bare Pod among the objects. */
export function podTemplates(objects: K8sObject[]): PodTemplate[] {
  return objects.flatMap((o) => {
    if (['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind)) {
      const t = o.spec.template;
      return [
        {
          owner: o,
          labels: t.metadata?.labels ?? {},
          annotations: t.metadata?.annotations ?? {},
          spec: t.spec,
        },
      ];
    }
    if (o.kind === 'Pod') {
      return [
        {
          owner: o,
          labels: o.metadata.labels ?? {},
          annotations: o.metadata.annotations ?? {},
          spec: o.spec,
        },
      ];
    }
    return [];
  });
}
