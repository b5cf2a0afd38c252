/**
 * The API's configuration, read once from the environment at start-up. A missing or
 * invalid variable is reported by name with how to fix it, never as a stack trace.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An IP address or a CIDR range (`10.0.0.0/8`, `fd00::/8`). */
function isAddressOrRange(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d+$/.test(bits) && prefix <= (family === 4 ? 32 : 128);
}

/**
 * `TRUSTED_PROXIES`: the addresses (or CIDR ranges) of the proxies in front of the API,
 * comma-separated. Only a request whose TCP peer is one of them has its X-Forwarded-For
 * read, and only back to the first address that is not a trusted proxy: that is the client.
 */
const trustedProxies = z
  .string()
  .transform((value, ctx) => {
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const bad = entries.find((entry) => !isAddressOrRange(entry));
    if (bad !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `must be IP addresses or CIDR ranges separated by commas ("${bad}" is neither), e.g. 10.0.0.0/8,127.0.0.1`,
      });
      return z.NEVER;
    }
    return entries;
  })
  .default([]);

const port = (fallback: number) => z.coerce.number().int().min(1).max(65_535).default(fallback);

const envSchema = z.object({
  PORT: port(8000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  TODO_DATA_DIR: z.string().min(1).default('./.data'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  JWT_SECRET: z
    .string({
      error: 'is required: set it to a random secret, e.g. JWT_SECRET="$(openssl rand -hex 32)"',
    })
    .min(32, 'must be at least 32 characters: generate one with `openssl rand -hex 32`'),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(1000).default(60_000),
  SIGNIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  SIGNIN_RATE_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  TRUSTED_PROXIES: trustedProxies,
});

/** Parsed configuration: every field has its final value. */
export type Config = z.infer<typeof envSchema>;

/** Either the configuration or a one-line message naming the variable at fault. */
export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

/** Parses the environment; an empty variable counts as unset. */
export function loadConfig(
  env: NodeJS.ProcessEnv | Record<string, string | undefined>,
): ConfigResult {
  const known = Object.keys(envSchema.shape);
  const present = Object.fromEntries(
    known.filter((key) => env[key] !== undefined && env[key] !== '').map((key) => [key, env[key]]),
  );
  const parsed = envSchema.safeParse(present);
  if (parsed.success) return { ok: true, config: parsed.data };
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? 'environment');
  const text = issue?.message ?? 'is invalid';
  return {
    ok: false,
    message: `configuration error: ${name} ${text[0]?.toLowerCase()}${text.slice(1)}`,
  };
}

/** The database URL without its password, safe to log. */
export function describeDatabase(config: Config): string {
  if (!config.DATABASE_URL) return `embedded PGlite in ${config.TODO_DATA_DIR}`;
  try {
    const url = new URL(config.DATABASE_URL);
    return `PostgreSQL ${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'PostgreSQL (unparsable URL)';
  }
}
