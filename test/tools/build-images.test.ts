import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildImagesTool, contentTag } from '../../tools/build-images.js';
import { loadConfig } from '../../tools/config.js';
import { createDeps } from '../../tools/deps.js';
import { createRecordingBin, type RecordingBin } from '../support/recording-bin.js';

const MINIKUBE_RUNNING =
  '{"Name":"minikube","Host":"Running","Kubelet":"Running","APIServer":"Running","Kubeconfig":"Configured","Worker":false}';
const DOCKER_ENV =
  'DOCKER_TLS_VERIFY=1\nDOCKER_HOST=tcp://192.168.49.2:2376\nDOCKER_CERT_PATH=/home/dev/.minikube/certs\n';

describe('build_images', () => {
  let bin: RecordingBin;
  let root: string;
  beforeEach(() => {
    bin = createRecordingBin(['docker', 'minikube']);
    vi.stubEnv('PATH', bin.path);
    root = mkdtempSync(join(tmpdir(), 'todo-ops-root-'));
    mkdirSync(join(root, 'docker'));
    mkdirSync(join(root, 'app/backend/src'), { recursive: true });
    mkdirSync(join(root, 'app/frontend'), { recursive: true });
    writeFileSync(join(root, 'docker/backend.Dockerfile'), 'FROM node:24-slim\n');
    writeFileSync(join(root, 'docker/frontend.Dockerfile'), 'FROM node:24-slim\n');
    writeFileSync(join(root, 'app/backend/src/index.ts'), 'export {};\n');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    bin.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  const deps = () => createDeps({ ...loadConfig({}, {}), rootDir: root }, { env: {} });

  it("tags by content and builds into Minikube's daemon", async () => {
    bin.respond('minikube', [
      { prefix: ['status'], stdout: MINIKUBE_RUNNING },
      { prefix: ['docker-env'], stdout: DOCKER_ENV },
    ]);
    bin.respond('docker', [
      { prefix: ['version'], stdout: '28.3.2' },
      { prefix: ['image', 'inspect'], exitCode: 1, stderr: 'Error: No such image' },
    ]);
    const result = await buildImagesTool.run({ component: 'backend' }, { deps: deps() });
    expect(result.ok).toBe(true);
    const tag = contentTag(root, 'backend', join(root, 'docker/backend.Dockerfile'));
    expect(tag).toMatch(/^[0-9a-f]{12}$/);
    const build = bin.calls('docker').find((c) => c.argv[0] === 'build');
    expect(build?.argv).toEqual([
      'build',
      '--file',
      join(root, 'docker/backend.Dockerfile'),
      '--tag',
      `todo-backend:${tag}`,
      root,
    ]);
    expect(build?.env.DOCKER_HOST).toBe('tcp://192.168.49.2:2376');
    // A source change gives a new tag; an unchanged tree keeps it.
    expect(contentTag(root, 'backend', join(root, 'docker/backend.Dockerfile'))).toBe(tag);
    writeFileSync(join(root, 'app/backend/src/index.ts'), 'export const x = 1;\n');
    expect(contentTag(root, 'backend', join(root, 'docker/backend.Dockerfile'))).not.toBe(tag);
  });

  it('skips an image that already exists and uses minikube image build without docker', async () => {
    bin.respond('minikube', [
      { prefix: ['status'], stdout: MINIKUBE_RUNNING },
      { prefix: ['docker-env'], stdout: DOCKER_ENV },
    ]);
    bin.respond('docker', [
      { prefix: ['version'], stdout: '28.3.2' },
      { prefix: ['image', 'inspect'], stdout: 'sha256:abc' },
    ]);
    const skipped = await buildImagesTool.run({ component: 'all' }, { deps: deps() });
    expect(skipped.ok && skipped.data.images.every((i) => i.skipped)).toBe(true);
    expect(bin.calls('docker').some((c) => c.argv[0] === 'build')).toBe(false);

    bin.respond('docker', [
      { prefix: ['version'], exitCode: 1, stderr: 'Cannot connect to the Docker daemon' },
    ]);
    const viaMinikube = await buildImagesTool.run({ component: 'frontend' }, { deps: deps() });
    expect(viaMinikube.ok).toBe(true);
    const build = bin.calls('minikube').find((c) => c.argv[0] === 'image');
    expect(build?.argv.slice(0, 5)).toEqual(['image', 'build', '--profile', 'minikube', '--tag']);
    expect(build?.argv.slice(-3)).toEqual(['--file', 'docker/frontend.Dockerfile', root]);
  });

  it('says what to install when neither Docker nor Minikube is there', async () => {
    bin.respond('minikube', [
      { prefix: ['status'], stdout: '🤷  Profile "minikube" not found.', exitCode: 85 },
    ]);
    bin.respond('docker', [
      { prefix: ['version'], exitCode: 1, stderr: 'Cannot connect to the Docker daemon' },
    ]);
    const result = await buildImagesTool.run({ component: 'all' }, { deps: deps() });
    expect(result).toMatchObject({ ok: false, error: { kind: 'missing_dependency' } });
    expect(result.ok ? '' : result.error.hint).toContain('todo-ops setup-cluster');
  });
});
