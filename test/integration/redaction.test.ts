/**
 * Redaction in a fresh process: a `todo-ops` that never ran `deploy` (here a child process
 * of its own) still masks the values of the release's Secret in the cluster text it prints,
 * because it reads them from the cluster on its first use of it; and it strips terminal
 * escape sequences from logs and events.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import {
  clusterMissing,
  setPodLogs,
  useTestNamespace,
  waitForReadyPods,
} from '../support/cluster.js';
import { describeWithEnv } from '../support/env.js';

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const SECRET = 'fresh-process-secret-9f8e7d6c';
const ESCAPES = '\u001b]0;owned\u0007\u001b[2J\u001b[1;1H';
const LABELS = {
  'app.kubernetes.io/instance': 'todo-app',
  'app.kubernetes.io/component': 'backend',
};
const run = promisify(execFile);

describeWithEnv('redaction in a fresh process on the test cluster', clusterMissing(), () => {
  const cluster = useTestNamespace('redact');

  /** `todo-ops <args>` in a child process with no secret in its environment. */
  const todoOps = async (...args: string[]) => {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', main, '--namespace', cluster.namespace, ...args],
      {
        env: { KUBECONFIG: cluster.kubeconfigPath, PATH: process.env.PATH, NO_COLOR: '1' },
        encoding: 'utf8',
      },
    );
    return `${stdout}${stderr}`;
  };

  beforeAll(async () => {
    const namespace = cluster.namespace;
    await cluster.core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'todo-app' }, stringData: { JWT_SECRET: SECRET } },
    });
    await cluster.apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'todo-app-backend', labels: LABELS },
        spec: {
          replicas: 1,
          selector: { matchLabels: LABELS },
          template: {
            metadata: { labels: LABELS },
            spec: {
              containers: [
                {
                  name: 'backend',
                  image: 'todo-backend:test',
                  env: [
                    {
                      name: 'JWT_SECRET',
                      valueFrom: { secretKeyRef: { name: 'todo-app', key: 'JWT_SECRET' } },
                    },
                  ],
                },
              ],
            },
          },
        },
      },
    });
    const [pod] = await waitForReadyPods(
      cluster,
      'app.kubernetes.io/instance=todo-app,app.kubernetes.io/component=backend',
      1,
    );
    const name = pod?.metadata?.name ?? '';
    // The value on its own, with no key name next to it: only the Secret can tell it apart.
    await setPodLogs(cluster, name, [`signing sessions with ${SECRET}`, `${ESCAPES}screen wiped`]);
    await cluster.core.createNamespacedEvent({
      namespace,
      body: {
        metadata: { name: 'planted-event' },
        involvedObject: { kind: 'Pod', name, namespace },
        type: 'Warning',
        reason: 'Planted',
        message: `${ESCAPES}probe saw ${SECRET}`,
        lastTimestamp: new Date(),
      },
    });
  });

  it('logs: the Secret value is masked and escape sequences are gone', async () => {
    const out = await todoOps('logs', 'backend');
    expect(out).toContain('signing sessions with [REDACTED]');
    expect(out).toContain('screen wiped');
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\u0007');
  });

  it('events, as JSON too: the Secret value is masked and escape sequences are gone', async () => {
    for (const out of [await todoOps('events'), await todoOps('events', '--json')]) {
      expect(out).toContain('probe saw [REDACTED]');
      expect(out).not.toContain(SECRET);
      expect(out).not.toContain('\u001b');
    }
  });
});
