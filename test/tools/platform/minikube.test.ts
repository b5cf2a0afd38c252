import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createMinikubeClient,
  parseAddons,
  parseDockerEnv,
  parseMinikubeStatus,
} from '../../../tools/platform/minikube.js';
import { createRecordingBin, type RecordingBin } from '../../support/recording-bin.js';

// Output samples as minikube v1.3x prints them.
const STATUS_RUNNING =
  '{"Name":"minikube","Host":"Running","Kubelet":"Running","APIServer":"Running","Kubeconfig":"Configured","Worker":false}\n';
const STATUS_STOPPED =
  '{"Name":"minikube","Host":"Stopped","Kubelet":"Stopped","APIServer":"Stopped","Kubeconfig":"Stopped","Worker":false}\n';
const STATUS_MISSING =
  '{"Name":"minikube","Host":"Nonexistent","Kubelet":"Nonexistent","APIServer":"Nonexistent","Kubeconfig":"Nonexistent","Worker":false}\n';
const DOCKER_ENV_NONE =
  'DOCKER_TLS_VERIFY=1\nDOCKER_HOST=tcp://192.168.49.2:2376\nDOCKER_CERT_PATH=/home/dev/.minikube/certs\nMINIKUBE_ACTIVE_DOCKERD=minikube\n';
const DOCKER_ENV_BASH = `export DOCKER_TLS_VERIFY="1"
export DOCKER_HOST="tcp://192.168.49.2:2376"
export DOCKER_CERT_PATH="/home/dev/.minikube/certs"
export MINIKUBE_ACTIVE_DOCKERD="minikube"

# To point your shell to minikube's docker-daemon, run:
# eval $(minikube -p minikube docker-env)
`;
const ADDONS =
  '{"dashboard":{"Profile":"minikube","Status":"disabled"},"default-storageclass":{"Profile":"minikube","Status":"enabled"},"ingress":{"Profile":"minikube","Status":"disabled"},"metrics-server":{"Profile":"minikube","Status":"enabled"},"storage-provisioner":{"Profile":"minikube","Status":"enabled"}}';

describe('minikube output parsing', () => {
  it('reads running, stopped and missing clusters from status JSON', () => {
    expect(parseMinikubeStatus(STATUS_RUNNING)).toMatchObject({ exists: true, running: true });
    expect(parseMinikubeStatus(STATUS_STOPPED)).toMatchObject({
      exists: true,
      running: false,
      host: 'Stopped',
    });
    expect(parseMinikubeStatus(STATUS_MISSING)).toMatchObject({ exists: false, running: false });
    expect(
      parseMinikubeStatus(
        '🤷  Profile "minikube" not found. Run "minikube profile list" to view all profiles.',
      ),
    ).toMatchObject({ exists: false });
  });

  it('reads docker-env in both the --shell none and the bash form, without a shell', () => {
    const expected = {
      DOCKER_TLS_VERIFY: '1',
      DOCKER_HOST: 'tcp://192.168.49.2:2376',
      DOCKER_CERT_PATH: '/home/dev/.minikube/certs',
      MINIKUBE_ACTIVE_DOCKERD: 'minikube',
    };
    expect(parseDockerEnv(DOCKER_ENV_NONE)).toEqual(expected);
    expect(parseDockerEnv(DOCKER_ENV_BASH)).toEqual(expected);
  });

  it('reads which addons are enabled', () => {
    expect(parseAddons(ADDONS)).toMatchObject({ ingress: false, 'metrics-server': true });
  });
});

describe('minikube adapter argv (recording executable on PATH)', () => {
  let bin: RecordingBin;
  beforeEach(() => {
    bin = createRecordingBin(['minikube']);
    vi.stubEnv('PATH', bin.path);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    bin.cleanup();
  });

  it('starts with 4 GB and 2 CPUs and enables addons on the profile', async () => {
    const mk = createMinikubeClient({ profile: 'dev' });
    expect((await mk.start({ memoryMb: 4096, cpus: 2 })).ok).toBe(true);
    expect((await mk.enableAddon('ingress')).ok).toBe(true);
    expect(bin.calls('minikube').map((c) => c.argv)).toEqual([
      ['start', '--profile', 'dev', '--memory=4096', '--cpus=2'],
      ['addons', 'enable', 'ingress', '--profile', 'dev'],
    ]);
  });

  it('parses status even when minikube exits non-zero for a stopped cluster', async () => {
    bin.respond('minikube', [{ prefix: ['status'], stdout: STATUS_STOPPED, exitCode: 7 }]);
    const status = await createMinikubeClient().status();
    expect(status).toMatchObject({ exists: true, running: false });
    expect(bin.calls()[0]?.argv).toEqual(['status', '--profile', 'minikube', '--output', 'json']);
  });

  it('returns the docker environment and the ip', async () => {
    bin.respond('minikube', [
      { prefix: ['docker-env'], stdout: DOCKER_ENV_NONE },
      { prefix: ['ip'], stdout: '192.168.49.2\n' },
    ]);
    const mk = createMinikubeClient();
    expect((await mk.dockerEnv())?.DOCKER_HOST).toBe('tcp://192.168.49.2:2376');
    expect(await mk.ip()).toBe('192.168.49.2');
    expect(bin.calls()[0]?.argv).toEqual([
      'docker-env',
      '--profile',
      'minikube',
      '--shell',
      'none',
    ]);
  });

  it('reports a failed start with minikube output and a missing binary as not found', async () => {
    bin.respond('minikube', [
      {
        prefix: ['start'],
        stderr: 'X Exiting due to PROVIDER_DOCKER_NOT_RUNNING: docker is not running',
        exitCode: 69,
      },
    ]);
    const failed = await createMinikubeClient().start({ memoryMb: 4096, cpus: 2 });
    expect(failed).toMatchObject({ ok: false, notFound: false });
    expect(failed.ok ? '' : failed.message).toContain('PROVIDER_DOCKER_NOT_RUNNING');
    const missing = await createMinikubeClient({ bin: 'minikube-not-installed-here' }).start({
      memoryMb: 4096,
      cpus: 2,
    });
    expect(missing).toMatchObject({ ok: false, notFound: true });
    expect(
      await createMinikubeClient({ bin: 'minikube-not-installed-here' }).status(),
    ).toBeUndefined();
  });
});
