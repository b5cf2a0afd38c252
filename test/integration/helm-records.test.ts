/**
 * A release read through its records (the Kubernetes API) says what helm says: status,
 * history, values (with and without the chart's defaults, a user's null included) and the
 * manifests of the live and of an earlier revision, for Helm's default storage (Secrets)
 * and for HELM_DRIVER=configmap, on the test cluster with the real helm.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ToolDeps } from '../../tools/deps.js';
import { clusterMissing, useTestNamespace } from '../support/cluster.js';
import { describeWithEnv } from '../support/env.js';
import { clusterDeps, FIXTURE_CHART } from './tools-harness.js';

describeWithEnv('a release read through its records', clusterMissing(), () => {
  const cluster = useTestNamespace('helm-records');
  const dir = mkdtempSync(join(tmpdir(), 'todo-ops-records-'));
  const nulls = join(dir, 'values.json');
  writeFileSync(nulls, JSON.stringify({ frontend: { podAnnotations: null } }));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Two revisions of a release: an install, then an upgrade that reuses its values. */
  const twoRevisions = async (helm: ToolDeps['helm'], release: string) => {
    const options = { release, chart: FIXTURE_CHART, timeoutSeconds: 60 };
    await helm.upgrade({
      ...options,
      install: true,
      set: { 'backend.replicas': 3, 'secrets.jwtSecret': 'records-test' },
    });
    await helm.upgrade({ ...options, reuseValues: true, valuesFiles: [nulls] });
  };

  /** Every read both ways, for one release. */
  const bothWays = async (records: ToolDeps, helm: ToolDeps, release: string) => {
    const reads = async (deps: ToolDeps) => ({
      status: await deps.helm.status(release),
      history: await deps.helm.history(release),
      values: await deps.helm.getValues(release),
      allValues: await deps.helm.getValues(release, true),
      manifest: await deps.helm.manifest?.(release),
      first: await deps.helm.manifest?.(release, 1),
      missingRevision: await deps.helm.manifest?.(release, 99),
      missingRelease: await deps.helm.status(`${release}-absent`),
      missingManifest: await deps.helm.manifest?.(`${release}-absent`),
    });
    const fromRecords = await reads(records);
    const fromHelm = await reads(helm);
    // The records name the chart, which helm 4's `status -o json` leaves out.
    expect(fromRecords.status).toMatchObject({ chart: 'todo-app-0.1.0', appVersion: '0.1.0' });
    const { chart: _chart, appVersion: _appVersion, ...status } = fromRecords.status ?? {};
    return { records: { ...fromRecords, status }, helm: fromHelm };
  };

  let records: ToolDeps;
  let helm: ToolDeps;
  beforeAll(() => {
    records = clusterDeps(cluster);
    helm = clusterDeps(cluster, {}, { TODO_OPS_HELM_READS: 'helm' });
  });

  it('in Secrets (the default): the same status, history, values and manifests', async () => {
    await twoRevisions(helm.helm, 'in-secrets');
    const seen = await bothWays(records, helm, 'in-secrets');
    expect(seen.records).toEqual(seen.helm);
    // what the comparison covers, so an empty answer both ways cannot pass
    expect(seen.records.status).toMatchObject({ revision: 2, status: 'deployed' });
    expect(seen.records.history.map((r) => r.status)).toEqual(['superseded', 'deployed']);
    expect(seen.records.values).toMatchObject({ backend: { replicas: 3 } });
    expect(seen.records.allValues).toMatchObject({ backend: { replicas: 3 } });
    expect(seen.records.allValues).not.toHaveProperty('frontend.podAnnotations');
    expect(seen.records.manifest).toContain('kind: Deployment');
    expect(seen.records.first).toContain('kind: Deployment');
    expect(seen.records.missingRevision).toBeUndefined();
    expect(seen.records.missingRelease).toBeUndefined();
  });

  it('in ConfigMaps (HELM_DRIVER=configmap): the same', async () => {
    const driver = process.env.HELM_DRIVER;
    process.env.HELM_DRIVER = 'configmap';
    try {
      const env = { HELM_DRIVER: 'configmap' };
      const fromMaps = clusterDeps(cluster, {}, env);
      const fromHelm = clusterDeps(cluster, {}, { ...env, TODO_OPS_HELM_READS: 'helm' });
      await twoRevisions(fromHelm.helm, 'in-configmaps');
      const seen = await bothWays(fromMaps, fromHelm, 'in-configmaps');
      expect(seen.records).toEqual(seen.helm);
      expect(seen.records.status).toMatchObject({ revision: 2, status: 'deployed' });
      // and the default storage does not see it
      expect(await records.helm.status('in-configmaps')).toBeUndefined();
    } finally {
      if (driver === undefined) delete process.env.HELM_DRIVER;
      else process.env.HELM_DRIVER = driver;
    }
  });
});
