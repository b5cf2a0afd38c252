import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../tools/config.js';
import { createDeps } from '../../tools/deps.js';
import { type DoctorCheck, doctorTool, installCommands } from '../../tools/doctor.js';
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
      fix: 'brew install --cask docker-desktop, then start Docker Desktop',
    });
    expect(check(checks, 'minikube cluster')).toMatchObject({
      ok: false,
      fix: 'todo-ops setup-cluster',
    });
    expect(check(checks, 'kube context')).toMatchObject({ ok: false, required: true });
    expect(result.ok ? '' : result.error.hint).toContain('helm: brew install helm');
  });

  it('refuses Helm 3 and prints the command that installs Helm 4', async () => {
    const helm3 = createRecordingBin(['helm']);
    try {
      helm3.respond('helm', [{ prefix: ['version', '--short'], stdout: 'v3.17.2+gcc0bbbd\n' }]);
      for (const [platform, fix] of [
        [
          'linux',
          'curl -fsSL https://raw.githubusercontent.com/helm/helm/main/scripts/get-helm-4 | bash',
        ],
        ['darwin', 'brew upgrade helm'],
        ['win32', 'winget upgrade --id Helm.Helm'],
      ] as const) {
        const result = await run(platform, join(dir, 'missing'), join(helm3.dir, 'helm'));
        const checks = (result as { data?: { checks: DoctorCheck[] } }).data?.checks;
        expect(check(checks, 'helm')).toMatchObject({ ok: false, required: true, fix });
        expect(check(checks, 'helm')?.detail).toMatch(
          /^v3\.17\.2\+gcc0bbbd: todo-ops needs Helm 4/,
        );
        expect(result.ok ? '' : result.error.hint).toContain(`helm: ${fix}`);
      }
      helm3.respond('helm', [{ prefix: ['version', '--short'], stdout: 'v4.0.1+g12500dd\n' }]);
      const result = await run('linux', join(dir, 'missing'), join(helm3.dir, 'helm'));
      const checks = (result as { data?: { checks: DoctorCheck[] } }).data?.checks;
      expect(check(checks, 'helm')).toMatchObject({ ok: true, detail: 'v4.0.1+g12500dd' });
    } finally {
      helm3.cleanup();
    }
  });

  it('installs Node 24 from Homebrew on PATH and Minikube for the CPU it runs on', () => {
    // node@24 is keg-only: `brew install` alone leaves `node` off PATH.
    expect(installCommands().node?.darwin).toBe('brew install node@24 && brew link node@24');
    expect(installCommands('arm64').minikube?.linux).toBe(
      'curl -LO https://github.com/kubernetes/minikube/releases/latest/download/minikube-linux-arm64 && sudo install minikube-linux-arm64 /usr/local/bin/minikube && rm minikube-linux-arm64',
    );
    expect(installCommands('x64').minikube?.linux).toContain(
      'https://github.com/kubernetes/minikube/releases/latest/download/minikube-linux-amd64',
    );
    expect(installCommands('mips').minikube?.linux).toContain('minikube.sigs.k8s.io/docs/start');
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
