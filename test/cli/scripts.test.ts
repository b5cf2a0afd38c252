import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/kube-tools.js';
import { createRecordingBin } from '../support/recording-bin.js';

// The seed's scripts are thin wrappers: a recording `todo-ops` on PATH shows what they run.
const bin = createRecordingBin(['todo-ops']);
afterAll(() => bin.cleanup());
const run = (script: string, ...args: string[]) =>
  execFileSync('bash', [join(repoRoot, 'scripts', script), ...args], {
    env: { ...process.env, PATH: bin.path },
    encoding: 'utf8',
  });

describe('seed scripts', () => {
  it('map to todo-ops subcommands', () => {
    run('minikube-setup.sh');
    run('deploy-local.sh', '--secrets-file', '.env');
    run('teardown.sh', '--stop-minikube', '--remove-images');
    run('hosts.sh');
    run('hosts.sh', 'add', '--yes');
    expect(bin.calls('todo-ops').map((c) => c.argv)).toEqual([
      ['doctor'],
      ['setup-cluster', '--yes'],
      ['deploy', '--build', '--yes', '--secrets-file', '.env'],
      ['hosts-entry', 'show'],
      ['teardown', '--stop-minikube', '--remove-images'],
      ['hosts-entry', 'show'],
      ['hosts-entry', 'add', '--yes'],
    ]);
  });
});
