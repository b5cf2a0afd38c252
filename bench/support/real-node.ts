/**
 * What the benchmarks on the test cluster's real node share: the cluster's kubeconfig, helm
 * and kubectl from the test environment, the built command, the suite's images and the values
 * that place the release on the real node, the secrets, and the median of a set of timings.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNodeImages, realNodeValues, writeValues } from '../../test/support/real-node.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** The last line a test-env script prints (the path it was asked for). */
const testEnv = (name: string, ...args: string[]) =>
  execFileSync('bash', [join(root, 'scripts/test-env', name), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n')
    .pop() ?? '';

/** The value after `--rounds`, or the default. */
export const roundsArg = (fallback: number) =>
  Number(process.argv[process.argv.indexOf('--rounds') + 1]) || fallback;

export const kubeconfig = testEnv('cluster.sh', 'kubeconfig');
const tools = testEnv('kube-tools.sh');
export const helm = join(tools, 'helm');
export const kubectl = join(tools, 'kubectl');
export const cli = join(root, 'bin/todo-ops.js');
export const chart = join(root, 'charts/todo-app');
export const secrets = {
  JWT_SECRET: 'bench-jwt-secret-0123456789abcdef',
  OPENAI_API_KEY: 'sk-bench-key-0123456789',
  POSTGRES_PASSWORD: 'bench-db-password-0123',
};

/**
 * A scratch folder with the values file that places the release on the real node, with the
 * images built, cached and loaded into the node, exactly as the real-node suite deploys it.
 */
export async function realNodeValuesFile(prefix: string): Promise<{ dir: string; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, file: writeValues(dir, 'values', realNodeValues(await loadNodeImages())) };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
