import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDockerClient } from '../../../tools/platform/docker.js';
import { createRecordingBin, type RecordingBin } from '../../support/recording-bin.js';

describe('docker adapter argv (recording executable on PATH)', () => {
  let bin: RecordingBin;
  beforeEach(() => {
    bin = createRecordingBin(['docker']);
    vi.stubEnv('PATH', bin.path);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    bin.cleanup();
  });

  it("builds with an argv array into the daemon given by minikube's environment", async () => {
    const docker = createDockerClient();
    const env = { DOCKER_HOST: 'tcp://192.168.49.2:2376', DOCKER_TLS_VERIFY: '1' };
    const result = await docker.build({
      context: '/src/todo ops',
      dockerfile: '/src/todo ops/docker/backend.Dockerfile',
      tag: 'todo-backend:0123456789ab',
      buildArgs: { NODE_IMAGE: 'node:24-slim' },
      env,
    });
    expect(result.ok).toBe(true);
    const [call] = bin.calls('docker');
    expect(call?.argv).toEqual([
      'build',
      '--file',
      '/src/todo ops/docker/backend.Dockerfile',
      '--tag',
      'todo-backend:0123456789ab',
      '--build-arg',
      'NODE_IMAGE=node:24-slim',
      '/src/todo ops',
    ]);
    expect(call?.env).toMatchObject(env);
  });

  it('reads the server version, and none when the daemon is down', async () => {
    bin.respond('docker', [{ prefix: ['version'], stdout: '28.3.2\n' }]);
    expect(await createDockerClient().version()).toBe('28.3.2');
    bin.respond('docker', [
      {
        prefix: ['version'],
        stderr:
          'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
        exitCode: 1,
      },
    ]);
    expect(await createDockerClient().version()).toBeUndefined();
  });

  it('reports build failures with the output tail, and a missing docker as not found', async () => {
    bin.respond('docker', [
      {
        prefix: ['build'],
        stderr:
          'ERROR: failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1',
        exitCode: 1,
      },
    ]);
    const failed = await createDockerClient().build({
      context: '.',
      dockerfile: 'Dockerfile',
      tag: 't:1',
    });
    expect(failed.ok ? '' : failed.message).toContain('failed to solve');
    const missing = await createDockerClient({ bin: 'docker-not-installed-here' }).build({
      context: '.',
      dockerfile: 'Dockerfile',
      tag: 't:1',
    });
    expect(missing).toMatchObject({ ok: false, notFound: true });
  });
});
