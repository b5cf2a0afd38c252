import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { helmPath, kubeToolsBin } from '../support/kube-tools.js';
import { capture } from './capture.js';

// A real client against a port nothing listens on: the errors a user meets when the
// cluster is down, or the context is wrong or not local.
const dir = mkdtempSync(join(tmpdir(), 'todo-ops-ctx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A port that was free a moment ago: connecting is refused, as with a stopped cluster.
const port = await new Promise<number>((resolve) => {
  const server = createServer();
  server.listen(0, '127.0.0.1', () => {
    const { port: free } = server.address() as AddressInfo;
    server.close(() => resolve(free));
  });
});
const kubeconfig = join(dir, 'config');
writeFileSync(
  kubeconfig,
  `apiVersion: v1
kind: Config
clusters:
  - name: dead
    cluster: { server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true }
users:
  - name: dev
    user: { token: not-a-real-token-abcdef }
contexts:
  - name: kwok-dead
    context: { cluster: dead, user: dev }
  - name: prod-eks
    context: { cluster: dead, user: dev }
current-context: kwok-dead
`,
);
const env = {
  KUBECONFIG: kubeconfig,
  PATH: `${kubeToolsBin()}:${process.env.PATH}`,
  TODO_OPS_HELM: helmPath(),
};
const argv = (...args: string[]) => ['node', 'todo-ops', ...args];
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('cluster errors through the CLI', () => {
  it('unreachable API server: a clear message and exit 1', async () => {
    const c = capture(env);
    expect(await runCli(argv('status'), c.runtime)).toBe(1);
    expect(c.err()).toContain(
      `cannot reach the Kubernetes API server at https://127.0.0.1:${port} (ECONNREFUSED)`,
    );
    expect(c.err()).toContain('hint: is the cluster running?');
    noStack(c.err());
  });

  it('wrong context: names the known ones', async () => {
    const c = capture(env);
    expect(await runCli(argv('diagnose', '--context', 'nope'), c.runtime)).toBe(1);
    expect(c.err()).toContain('kube context "nope" is not in the kubeconfig');
    expect(c.err()).toContain('use one of: kwok-dead, prod-eks');
    noStack(c.err());
  });

  it('refuses a non-local current context unless it is named explicitly', async () => {
    const prodConfig = join(dir, 'prod-config');
    writeFileSync(
      prodConfig,
      readFileSync(kubeconfig, 'utf8').replace(
        'current-context: kwok-dead',
        'current-context: prod-eks',
      ),
    );
    const c = capture({ ...env, KUBECONFIG: prodConfig });
    expect(await runCli(argv('logs', 'backend'), c.runtime)).toBe(1);
    expect(c.err()).toContain('kube context "prod-eks" does not look like a local cluster');
    expect(c.err()).toContain('--context prod-eks');
    const named = capture({ ...env, KUBECONFIG: prodConfig });
    expect(await runCli(argv('logs', 'backend', '--context', 'prod-eks'), named.runtime)).toBe(1);
    // Named explicitly it is allowed, and then fails only because nothing listens there.
    expect(named.err()).toContain('cannot reach the Kubernetes API server');
  });

  it('helm failing against the cluster: its message, a hint, exit 1', async () => {
    const c = capture(env);
    expect(await runCli(argv('history', '--json'), c.runtime)).toBe(1);
    const result = JSON.parse(c.out()) as { ok: boolean; error: { kind: string; message: string } };
    expect(result.ok).toBe(false);
    expect(result.error.kind).toBe('unreachable');
    expect(result.error.message).toMatch(/cluster unreachable|connection refused/i);
  });
});
