import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../tools/config.js';
import { createDeps } from '../../tools/deps.js';
import { setupClusterTool } from '../../tools/setup-cluster.js';
import { createRecordingBin, type RecordingBin } from '../support/recording-bin.js';

const STOPPED =
  '{"Name":"minikube","Host":"Stopped","Kubelet":"Stopped","APIServer":"Stopped","Kubeconfig":"Stopped","Worker":false}';
const RUNNING =
  '{"Name":"minikube","Host":"Running","Kubelet":"Running","APIServer":"Running","Kubeconfig":"Configured","Worker":false}';

describe('setup_cluster', () => {
  let bin: RecordingBin;
  beforeEach(() => {
    bin = createRecordingBin(['minikube']);
    vi.stubEnv('PATH', bin.path);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    bin.cleanup();
  });
  const run = () => setupClusterTool.run({}, { deps: createDeps(loadConfig({}, {}), { env: {} }) });

  it('starts a stopped Minikube with 4 GB and 2 CPUs and enables the missing addons', async () => {
    bin.respond('minikube', [
      { prefix: ['version'], stdout: 'v1.37.0' },
      { prefix: ['status'], stdout: STOPPED, exitCode: 7 },
      {
        prefix: ['addons', 'list'],
        stdout: '{"ingress":{"Status":"disabled"},"metrics-server":{"Status":"enabled"}}',
      },
      { prefix: ['ip'], stdout: '192.168.49.2' },
    ]);
    const result = await run();
    expect(result).toMatchObject({
      ok: true,
      data: { started: true, addonsEnabled: ['ingress'], ip: '192.168.49.2' },
    });
    const argv = bin.calls('minikube').map((c) => c.argv.join(' '));
    expect(argv).toContain('start --profile minikube --memory=4096 --cpus=2');
    expect(argv).toContain('addons enable ingress --profile minikube');
    expect(argv.some((a) => a.startsWith('addons enable metrics-server'))).toBe(false);
  });

  it('leaves a running cluster alone and reports a failed start', async () => {
    bin.respond('minikube', [
      { prefix: ['version'], stdout: 'v1.37.0' },
      { prefix: ['status'], stdout: RUNNING },
      {
        prefix: ['addons', 'list'],
        stdout: '{"ingress":{"Status":"enabled"},"metrics-server":{"Status":"enabled"}}',
      },
    ]);
    expect(await run()).toMatchObject({ ok: true, data: { started: false, addonsEnabled: [] } });
    expect(bin.calls('minikube').some((c) => c.argv[0] === 'start')).toBe(false);
    bin.respond('minikube', [
      { prefix: ['version'], stdout: 'v1.37.0' },
      { prefix: ['status'], stdout: STOPPED, exitCode: 7 },
      {
        prefix: ['start'],
        stderr:
          'X Exiting due to RSRC_INSUFFICIENT_CORES: Requested cpu count 2 is greater than the available cpus of 1',
        exitCode: 29,
      },
    ]);
    const failed = await run();
    expect(failed).toMatchObject({ ok: false, error: { kind: 'failed' } });
    expect(failed.ok ? '' : failed.error.message).toContain('RSRC_INSUFFICIENT_CORES');
  });
});
