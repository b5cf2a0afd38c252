/**
 * The values file `deploy` hands helm, as a function of its input, the environment and the
 * release: secrets from the environment or a dotenv file (none when secrets.existingSecret
 * holds them), the external database switch, and secrets generated for a first install.
 * `deploy` applies exactly these, and its preview renders them.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ToolDeps } from './deps.js';
import { registerSecret } from './redact.js';

/** Secret inputs and the chart values they fill (see charts/todo-app values). */
export const SECRET_VALUES = {
  JWT_SECRET: 'secrets.jwtSecret',
  OPENAI_API_KEY: 'secrets.openaiApiKey',
  DATABASE_URL: 'secrets.databaseUrl',
  POSTGRES_PASSWORD: 'postgresql.auth.password',
} as const;
type SecretName = keyof typeof SECRET_VALUES;

/** Parses a dotenv file: KEY=value lines, optional quotes, # comments. */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = line.match(/^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/);
    if (!match?.[1]) continue;
    out[match[1]] = (match[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** The values of one deploy, or why they cannot be made. */
export type DeployValues =
  | {
      ok: true;
      values: Record<string, unknown>;
      /** Secret names taken from the environment (or the dotenv file). */
      passed: string[];
      /** Secret names generated for a first install. */
      generated: string[];
      /** The Secret that holds the secrets, when one does. */
      existingSecret?: string;
      /** Secret names in the environment that existingSecret makes deploy ignore. */
      ignored: string[];
    }
  | { ok: false; message: string };

/** Sets a dotted key in a nested values object. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1) as string] = value;
}

/** `secrets.existingSecret` of a release's user-supplied values, when set. */
function existingSecretOf(values: Record<string, unknown>): string | undefined {
  const secrets = values.secrets as { existingSecret?: unknown } | undefined;
  return typeof secrets?.existingSecret === 'string' && secrets.existingSecret
    ? secrets.existingSecret
    : undefined;
}

/** The values file of a deploy with this input (`existing`: the release is installed). */
export async function deployValues(
  args: { set?: Record<string, string> | undefined; secretsFile?: string | undefined },
  deps: ToolDeps,
  existing: boolean,
): Promise<DeployValues> {
  let source: Record<string, string | undefined> = deps.env;
  if (args.secretsFile) {
    try {
      source = { ...deps.env, ...parseDotenv(readFileSync(args.secretsFile, 'utf8')) };
    } catch (error) {
      return {
        ok: false,
        message: `cannot read secrets file ${args.secretsFile}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      };
    }
  }
  const values: Record<string, unknown> = {};
  const passed: string[] = [];
  const generated: string[] = [];
  const names = Object.keys(SECRET_VALUES) as SecretName[];
  const existingSecret =
    args.set?.['secrets.existingSecret'] ??
    (existing ? existingSecretOf(await deps.helm.getValues(deps.config.release)) : undefined);
  const ignored = existingSecret ? names.filter((name) => source[name]) : [];
  for (const name of existingSecret ? [] : names) {
    const value = source[name];
    if (!value) continue;
    registerSecret(value);
    setPath(values, SECRET_VALUES[name], value);
    passed.push(name);
  }
  if (source.DATABASE_URL && !existingSecret) setPath(values, 'postgresql.enabled', false);
  if (!existing && !existingSecret) {
    // A first local install needs these; a random value beats a shared default.
    const needed: SecretName[] = source.DATABASE_URL
      ? ['JWT_SECRET']
      : ['JWT_SECRET', 'POSTGRES_PASSWORD'];
    for (const name of needed) {
      if (source[name]) continue;
      const value = randomBytes(24).toString('base64url');
      registerSecret(value);
      setPath(values, SECRET_VALUES[name], value);
      generated.push(name);
    }
  }
  return {
    ok: true,
    values,
    passed,
    generated,
    ...(existingSecret ? { existingSecret } : {}),
    ignored,
  };
}
