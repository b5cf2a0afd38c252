/**
 * The test cluster's real node (scripts/test-env/real-node.sh): a kubelet with containerd
 * whose pods really run. It is tainted so the kwok-based suites never land on it; a suite
 * that wants it deploys with `realNodeValues()`, which selects the node, tolerates the
 * taint, uses the images loaded into the node and the node's pre-made volumes.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { stringify } from 'yaml';
import { clusterMissing } from './cluster.js';
import { buildImage } from './containers.js';
import { repoRoot } from './kube-tools.js';

const run = promisify(execFile);
const script = join(repoRoot, 'scripts/test-env/real-node.sh');

/** The node's name, label/taint key, address on its bridge and StorageClass. */
export const REAL_NODE = 'real-node-0';
export const REAL_NODE_KEY = 'todo-ops.test/real-node';
/** The host's address on the pods' bridge: pods reach servers the test starts here. */
export const REAL_NODE_HOST = '10.244.0.1';
export const REAL_NODE_STORAGE_CLASS = 'real-node-local';

/** Why the real node is not there (for `describeWithEnv`), or undefined. */
export function realNodeMissing(): string | undefined {
  const cluster = clusterMissing();
  if (cluster) return cluster;
  try {
    return inject('realNodeMissing') || undefined;
  } catch {
    return 'no real node: run `npm run test:all` (its global setup starts the cluster and the node)';
  }
}

/** An image as the chart takes it. */
export interface ChartImage {
  repository: string;
  tag: string;
}

const split = (name: string): ChartImage => {
  const at = name.lastIndexOf(':');
  return { repository: name.slice(0, at), tag: name.slice(at + 1) };
};

/** The app's images and the PostgreSQL stand-in, in the node's containerd. */
export interface NodeImages {
  backend: ChartImage;
  frontend: ChartImage;
  /**
   * A STAND-IN for the chart's postgres:17.6-alpine (no registry is reachable here): same
   * contract (POSTGRES_* variables, PGDATA, uid 70, port 5432, pg_isready), Debian's
   * PostgreSQL 15. See scripts/test-env/real-node/postgres-standin.Dockerfile.
   */
  postgresql: ChartImage;
}

let loaded: Promise<NodeImages> | undefined;

/** Builds (cached) the backend and frontend images and the PostgreSQL stand-in, and loads them into the node. */
export function loadNodeImages(): Promise<NodeImages> {
  loaded ??= (async () => {
    const backend = await buildImage('backend');
    const frontend = await buildImage('frontend');
    const { stdout } = await run('bash', [script, 'standin'], {
      timeout: 15 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const postgresql = stdout.trim().split('\n').pop() ?? '';
    await run('bash', [script, 'load', backend, frontend, postgresql], {
      timeout: 10 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { backend: split(backend), frontend: split(frontend), postgresql: split(postgresql) };
  })();
  return loaded;
}

/** Pod placement on the real node: its label and a toleration of its taint. */
export const onRealNode = {
  nodeSelector: { [REAL_NODE_KEY]: 'true' },
  tolerations: [{ key: REAL_NODE_KEY, operator: 'Exists', effect: 'NoSchedule' }],
};

/**
 * Chart values that run the release on the real node with the loaded images; `modelURL`
 * is the OpenAI-compatible endpoint the backend's chat calls (a scripted server the test
 * starts on REAL_NODE_HOST). `extra` is merged on top, one level deep per component.
 */
export function realNodeValues(
  images: NodeImages,
  modelURL?: string,
  extra: Record<string, Record<string, unknown>> = {},
): Record<string, unknown> {
  const base: Record<string, Record<string, unknown>> = {
    backend: {
      ...onRealNode,
      image: { ...images.backend, pullPolicy: 'IfNotPresent' },
      ...(modelURL
        ? {
            extraEnv: [
              { name: 'OPENAI_BASE_URL', value: modelURL },
              { name: 'OPENAI_MODEL', value: 'scripted-model' },
            ],
          }
        : {}),
    },
    frontend: { ...onRealNode, image: { ...images.frontend, pullPolicy: 'IfNotPresent' } },
    postgresql: {
      ...onRealNode,
      image: { ...images.postgresql, pullPolicy: 'IfNotPresent' },
      persistence: { size: '1Gi', storageClass: REAL_NODE_STORAGE_CLASS },
    },
  };
  for (const [key, value] of Object.entries(extra)) base[key] = { ...base[key], ...value };
  return base;
}

/** Writes values to a file in `dir` and returns its path (for TODO_OPS_VALUES or helm -f). */
export function writeValues(dir: string, name: string, values: Record<string, unknown>): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(values));
  return file;
}
