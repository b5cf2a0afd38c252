import { gzipSync } from 'node:zlib';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { executeCall } from '../../../src/agent/pipeline.js';
import type { ExecOutcome, Runner } from '../../../tools/platform/exec.js';
import { createHelmClient, HelmError, type ReleaseReads } from '../../../tools/platform/helm.js';
import {
  createHelmRecordsClient,
  decodeRelease,
  mergeValues,
  releaseReads,
} from '../../../tools/platform/helm-records.js';
import type { KubeClient } from '../../../tools/platform/kube.js';
import { findTool } from '../../../tools/registry.js';
import { newToolLog, testDeps } from '../../support/test-tools.js';

/** A release record as Helm 4 writes it with HELM_DRIVER=configmap. */
function record(version: number, status: string, config: Record<string, unknown>): V1ConfigMap {
  return {
    metadata: {
      name: `sh.helm.release.v1.todo-app.v${version}`,
      labels: { owner: 'helm', name: 'todo-app', status, version: String(version) },
    },
    data: { release: payload(version, status, config) },
  };
}

/** The `release` payload of a record: the release as JSON, gzipped, base64. */
function payload(version: number, status: string, config: Record<string, unknown>): string {
  const release = {
    name: 'todo-app',
    namespace: 'todo',
    version,
    info: {
      status,
      description: version === 1 ? 'Install complete' : 'Upgrade complete',
      last_deployed: `2026-01-0${version}T10:00:00Z`,
    },
    chart: {
      metadata: { name: 'todo-app', version: '0.1.0', appVersion: '0.1.0' },
      values: {
        backend: { replicas: 2, autoscaling: { enabled: false } },
        frontend: { replicas: 1 },
      },
    },
    config,
    manifest: `# revision ${version}\n`,
  };
  return gzipSync(JSON.stringify(release)).toString('base64');
}

const asked: string[] = [];
const kube: Pick<KubeClient, 'listConfigMaps'> = {
  listConfigMaps: async (_namespace: string, selector?: string) => {
    asked.push(selector ?? '');
    return [record(2, 'deployed', { backend: { replicas: 3 } }), record(1, 'superseded', {})];
  },
};

describe('Helm release records read through the Kubernetes API', () => {
  const helm = createHelmRecordsClient(() => kube, 'todo');

  it('gives status, history and values like helm does', async () => {
    expect(await helm.status('todo-app')).toMatchObject({
      name: 'todo-app',
      revision: 2,
      status: 'deployed',
      chart: 'todo-app-0.1.0',
      appVersion: '0.1.0',
    });
    expect(asked).toContain('owner=helm,name=todo-app');
    expect((await helm.history('todo-app')).map((r) => [r.revision, r.status])).toEqual([
      [1, 'superseded'],
      [2, 'deployed'],
    ]);
    expect(await helm.getValues('todo-app')).toEqual({ backend: { replicas: 3 } });
    expect(await helm.getValues('todo-app', true)).toEqual({
      backend: { replicas: 3, autoscaling: { enabled: false } },
      frontend: { replicas: 1 },
    });
  });

  it('refuses every change with the way to make it from the CLI', async () => {
    await expect(helm.rollback('todo-app', 1, 60)).rejects.toThrow(HelmError);
    await expect(helm.uninstall('todo-app', 60)).rejects.toThrow(/not available in the in-cluster/);
  });

  it('decodes records with or without gzip, and merges values deeply', () => {
    const plain = Buffer.from(JSON.stringify({ name: 'x', version: 4 })).toString('base64');
    expect(decodeRelease(plain)).toEqual({ name: 'x', version: 4 });
    expect(mergeValues({ a: { b: 1, c: 2 }, d: [1] }, { a: { b: 9 }, d: [2] })).toEqual({
      a: { b: 9, c: 2 },
      d: [2],
    });
    // a user's null removes the chart's default, as `helm get values --all` shows it
    expect(mergeValues({ a: { b: 1, c: 2 } }, { a: { c: null } })).toEqual({ a: { b: 1 } });
  });
});

describe("the CLI's reads of a release through its records", () => {
  const secrets = [payload(1, 'superseded', {}), payload(2, 'deployed', { frontend: null })];
  const kube = {
    listConfigMaps: async () => [record(3, 'failed', {})],
    listHelmReleaseSecrets: async (_namespace: string, release: string) =>
      release === 'todo-app' ? [...secrets].reverse() : [],
  };

  it('reads Secrets by default and ConfigMaps with HELM_DRIVER=configmap; sql is left to helm', async () => {
    const fromSecrets = releaseReads(() => kube, 'todo', undefined);
    expect((await fromSecrets?.status('todo-app'))?.revision).toBe(2);
    expect(await fromSecrets?.manifest('todo-app')).toBe('# revision 2\n');
    expect(await fromSecrets?.manifest('todo-app', 1)).toBe('# revision 1\n');
    expect(await fromSecrets?.manifest('todo-app', 9)).toBeUndefined();
    expect(await fromSecrets?.getValues('todo-app', true)).toEqual({
      backend: { replicas: 2, autoscaling: { enabled: false } },
    });
    expect((await releaseReads(() => kube, 'todo', 'secrets')?.status('todo-app'))?.revision).toBe(
      2,
    );
    const fromMaps = releaseReads(() => kube, 'todo', 'ConfigMap');
    expect(await fromMaps?.status('todo-app')).toMatchObject({ revision: 3, status: 'failed' });
    expect(releaseReads(() => kube, 'todo', 'sql')).toBeUndefined();
  });

  /** A helm client whose program only answers `status`, and a log of what it ran. */
  const helmWith = (reads: ReleaseReads) => {
    const ran: string[] = [];
    const runner: Runner = async (file, args) => {
      ran.push(args.slice(0, 2).join(' '));
      const status = { name: 'todo-app', version: 7, info: { status: 'deployed' } };
      return {
        command: file,
        args,
        exitCode: 0,
        stdout: JSON.stringify(status),
        stderr: '',
        notFound: false,
        timedOut: false,
      } as ExecOutcome;
    };
    return { helm: createHelmClient({ namespace: 'todo', runner, reads }), ran };
  };

  it('runs no helm for a read the records answer, and helm for one they cannot', async () => {
    const answered = helmWith(releaseReads(() => kube, 'todo', undefined) as ReleaseReads);
    expect((await answered.helm.status('todo-app'))?.revision).toBe(2);
    expect(await answered.helm.status('other')).toBeUndefined();
    expect(answered.ran).toEqual([]);

    const forbidden = new HelmError('forbidden', 'secrets is forbidden', 'ask for rights');
    const refused = helmWith({
      status: async () => Promise.reject(forbidden),
      history: async () => Promise.reject(forbidden),
      getValues: async () => Promise.reject(forbidden),
      manifest: async () => Promise.reject(forbidden),
    });
    expect((await refused.helm.status('todo-app'))?.revision).toBe(7);
    expect(refused.ran).toEqual(['status todo-app']);
  });
});

describe('scale in the in-cluster server', () => {
  it("plans and makes the change through the Deployment's scale subresource, not helm", async () => {
    const log = newToolLog();
    const deps = testDeps(log, {}, { inCluster: true });
    const scale = findTool('scale');
    if (!scale) throw new Error('no scale tool');
    const outcome = await executeCall(
      scale,
      { component: 'backend', replicas: 4 },
      'user',
      { approval: { standing: true } },
      { deps },
    );
    expect(outcome.call.change).toBe(
      "scale backend to 4 replicas (the backend Deployment's scale subresource; the release keeps backend.replicas until the next helm upgrade)",
    );
    expect(outcome.status).toBe('ok');
    expect(log.changes).toEqual(['scale deployment/todo-app-backend --replicas=4']);
    expect(outcome.result).toMatchObject({
      ok: true,
      data: { from: 2, to: 4, ready: 4, revision: 1 },
    });
  });
});
