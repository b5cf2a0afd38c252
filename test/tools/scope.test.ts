import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfig, loadConfig } from '../../tools/config.js';
import { createDeps } from '../../tools/deps.js';
import { isLocalContext, scopeRefusal } from '../../tools/scope.js';

describe('scope and config', () => {
  it('knows local contexts and refuses to call others local', () => {
    for (const name of [
      'minikube',
      'docker-desktop',
      'kind-dev',
      'kwok-todo-ops',
      'k3d-x',
      'rancher-desktop',
    ])
      expect(isLocalContext(name), name).toBe(true);
    for (const name of [
      'prod',
      'arn:aws:eks:eu-west-1:1:cluster/prod',
      'gke_proj_zone_c',
      'minikube-prod-admin@corp',
      'kind',
    ])
      expect(isLocalContext(name), name).toBe(false);
  });

  it('reads defaults, environment and flags in that order of precedence', () => {
    const defaults = loadConfig({}, {});
    expect(defaults).toMatchObject({
      namespace: 'todo',
      release: 'todo-app',
      maxReplicas: 10,
      contextExplicit: false,
    });
    expect(defaults.chartPath).toMatch(/charts[/\\]todo-app$/);
    const env = loadConfig(
      {},
      { TODO_OPS_NAMESPACE: 'dev', TODO_OPS_MAX_REPLICAS: '4', TODO_OPS_CONTEXT: 'prod' },
    );
    expect(env).toMatchObject({
      namespace: 'dev',
      maxReplicas: 4,
      context: 'prod',
      contextExplicit: true,
    });
    expect(loadConfig({ namespace: 'flag' }, { TODO_OPS_NAMESPACE: 'dev' }).namespace).toBe('flag');
    expect(checkConfig(loadConfig({ namespace: 'Bad_NS' }, {}))).toMatch(
      /not a valid Kubernetes name/,
    );
    expect(checkConfig(defaults)).toBeUndefined();
  });

  it('refuses a remote context unless named, and allows the in-cluster one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'todo-ops-scope-'));
    const deps = (current: string, named?: string) => {
      const file = join(dir, `${current}.yaml`);
      writeFileSync(
        file,
        `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]\nusers: [{name: u, user: {token: abcdefabcdef}}]\ncontexts: [{name: ${current}, context: {cluster: c, user: u}}]\ncurrent-context: ${current}\n`,
      );
      return createDeps(
        loadConfig({ kubeconfig: file, ...(named ? { context: named } : {}) }, {}),
        { env: {} },
      );
    };
    expect(scopeRefusal(deps('gke_prod'))).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(scopeRefusal(deps('gke_prod', 'gke_prod'))).toBeUndefined();
    expect(scopeRefusal(deps('inClusterContext'))).toBeUndefined();
    expect(scopeRefusal(deps('minikube'))).toBeUndefined();
    rmSync(dir, { recursive: true, force: true });
  });
});
