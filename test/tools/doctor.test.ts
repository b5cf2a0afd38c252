import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../tools/config.js';
import { createDeps } from '../../tools/deps.js';
import { type DoctorCheck, doctorTool } from '../../tools/doctor.js';
import { helmPath } from '../support/kube-tools.js';
import { createRecordingBin, type RecordingBin } from '../support/recording-bin.js';

describe('doctor', () => {
  let bin: RecordingBin;
  let dir: string;
  beforeEach(() => {
    bin = createRecordingBin(['docker', 'minikube', 'kubectl']);
    vi.stubEnv('PATH', bin.path);
    dir = mkdtempSync(join(tmpdir(), 'todo-ops-doctor-'));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    bin.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (platform: NodeJS.Platform, kubeconfig: string, helm = helmPath()) => {
    const config = { ...loadConfig({ kubeconfig }, {}) };
    const deps = createDeps(config, { helmBin: helm, env: {}, platform });
    return doctorTool.run({}, { deps });
  };
  const check = (checks: DoctorCheck[] | undefined, name: string) =>
    checks?.find((c) => c.name === name);

  it('lists each missing piece with the fix for the OS', async () => {
    bin.respond('minikube', [
      { prefix: ['version'], stdout: 'v1.37.0' },
      {
        prefix: ['status'],
        stdout:
          '{"Name":"minikube","Host":"Stopped","Kubelet":"Stopped","APIServer":"Stopped","Kubeconfig":"Stopped","Worker":false}',
        exitCode: 7,
      },
    ]);
    bin.respond('docker', [
      { prefix: ['version'], stderr: 'Cannot connect to the Docker daemon', exitCode: 1 },
    ]);
    const result = await run('darwin', join(dir, 'missing'), 'helm-not-installed-here');
    expect(result.ok).toBe(false);
    const checks = (result as { data?: { checks: DoctorCheck[] } }).data?.checks;
    expect(check(checks, 'helm')).toMatchObject({
      ok: false,
      required: true,
      fix: 'brew install helm',
    });
    expect(check(checks, 'docker')).toMatchObject({
      ok: false,
      fix: 'brew install --cask docker (Docker Desktop), then start it',
    });
    expect(check(checks, 'minikube cluster')).toMatchObject({
      ok: false,
      fix: 'todo-ops setup-cluster',
    });
    expect(check(checks, 'kube context')).toMatchObject({ ok: false, required: true });
    expect(result.ok ? '' : result.error.hint).toContain('helm: brew install helm');
  });

  it('passes the required checks with helm, a local context and a reachable API (here: none)', async () => {
    const kubeconfig = join(dir, 'config');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]\nusers: [{name: u, user: {token: abcdefabcdef}}]\ncontexts: [{name: minikube, context: {cluster: c, user: u}}]\ncurrent-context: minikube\n',
    );
    const result = await run('win32', kubeconfig);
    const checks = (result as { data?: { checks: DoctorCheck[] } }).data?.checks;
    expect(check(checks, 'helm')?.ok).toBe(true);
    expect(check(checks, 'kube context')).toMatchObject({ ok: true, detail: 'minikube (local)' });
    // Nothing listens: the API check fails and says how to start a cluster.
    expect(check(checks, 'kubernetes API')).toMatchObject({
      ok: false,
      fix: 'todo-ops setup-cluster (or start your cluster)',
    });
    expect(check(checks, 'minikube')).toMatchObject({
      ok: false,
      fix: 'winget install Kubernetes.minikube',
    });
  });
});
