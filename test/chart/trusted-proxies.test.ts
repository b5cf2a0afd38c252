/**
 * The backend keys its sign-in limit on the client behind the ingress and the UI's server:
 * the chart tells it which proxies to believe (TRUSTED_PROXIES in the ConfigMap it reads).
 */
import { describe, expect, it } from 'vitest';
import { find, render, requiredSecrets, template } from './helm-chart.js';

describe('config.trustedProxies', () => {
  it("reaches the backend's environment, private ranges by default", () => {
    const objects = render(requiredSecrets);
    const configMap = find(objects, 'ConfigMap', 'todo-app');
    expect(configMap.data?.TRUSTED_PROXIES).toBe(
      '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7',
    );
    const backend = find(objects, 'Deployment', 'todo-app-backend');
    expect(backend.spec.template.spec.containers[0].envFrom).toContainEqual({
      configMapRef: { name: 'todo-app' },
    });
  });

  it('narrows to a pod CIDR, or empties to read no X-Forwarded-For at all', () => {
    const narrow = render(
      { ...requiredSecrets },
      { extra: ['--set-json', 'config.trustedProxies=["10.244.0.0/16"]'] },
    );
    expect(find(narrow, 'ConfigMap', 'todo-app').data?.TRUSTED_PROXIES).toBe('10.244.0.0/16');
    const none = render(
      { ...requiredSecrets },
      { extra: ['--set-json', 'config.trustedProxies=[]'] },
    );
    expect(find(none, 'ConfigMap', 'todo-app').data?.TRUSTED_PROXIES).toBe('');
  });

  it('rejects an entry that is not an address or range', () => {
    const run = template(requiredSecrets, {
      extra: ['--set-json', 'config.trustedProxies=["ingress-nginx"]'],
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('/config/trustedProxies/0');
  });
});
