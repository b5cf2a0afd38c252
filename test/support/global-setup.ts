/**
 * Global setup of the integration project (`npm run test:all`): starts the test cluster
 * unless one is already up, and stops it at the end if it started it. `down` itself fails
 * when any process or port of the cluster is left, so a leak fails the run.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const script = fileURLToPath(new URL('../../scripts/test-env/cluster.sh', import.meta.url));

function cluster(command: 'up' | 'down' | 'status'): string {
  return execFileSync('bash', [script, command], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

export default function setup(project: TestProject): (() => void) | undefined {
  const given = process.env.TODO_OPS_TEST_KUBECONFIG;
  if (given) {
    project.provide('kubeconfig', given);
    project.provide('clusterMissing', '');
    return undefined;
  }
  let alreadyUp = false;
  try {
    cluster('status');
    alreadyUp = true;
  } catch {
    alreadyUp = false;
  }
  let kubeconfig = '';
  try {
    kubeconfig = cluster('up').split('\n').pop() ?? '';
  } catch (error) {
    const reason = `test cluster could not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    project.provide('kubeconfig', '');
    project.provide('clusterMissing', reason);
    return undefined;
  }
  project.provide('kubeconfig', kubeconfig);
  project.provide('clusterMissing', '');
  if (alreadyUp) return undefined;
  return () => {
    cluster('down');
  };
}
