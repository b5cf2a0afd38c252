/**
 * Global setup of the integration project (`npm run test:all`): starts the test cluster
 * unless one is already up, and stops it at the end if it started it. `down` itself fails
 * when any process or port of the cluster is left, so a leak fails the run.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const script = fileURLToPath(new URL('../../scripts/test-env/cluster.sh', import.meta.url));
const realNodeScript = fileURLToPath(
  new URL('../../scripts/test-env/real-node.sh', import.meta.url),
);

/** Why the real node is not part of the cluster ('' when it is). */
function realNodeMissing(): string {
  try {
    execFileSync('bash', [realNodeScript, 'status'], { stdio: 'ignore' });
    return '';
  } catch {
    try {
      execFileSync('bash', [realNodeScript, 'check'], { encoding: 'utf8', stdio: 'pipe' });
      return 'the real node is not running (scripts/test-env/cluster.sh up starts it)';
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
      return `no real node: ${stderr.replace(/\s+/g, ' ') || 'real-node.sh check failed'}`;
    }
  }
}

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
    project.provide('realNodeMissing', realNodeMissing());
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
    project.provide('realNodeMissing', reason);
    return undefined;
  }
  project.provide('kubeconfig', kubeconfig);
  project.provide('clusterMissing', '');
  project.provide('realNodeMissing', realNodeMissing());
  if (alreadyUp) return undefined;
  return () => {
    cluster('down');
  };
}
