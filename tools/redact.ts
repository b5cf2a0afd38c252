/**
 * One redaction pass over everything that leaves a tool: results, log lines, events,
 * errors. Secrets never reach the model, an MCP client or the terminal transcript.
 */

/** What a masked value reads as. */
export const REDACTED = '[REDACTED]';

/** Values registered at run time (Secret data, env values) that must never be shown. */
const knownSecrets = new Set<string>();

/** Registers concrete secret values (e.g. read from a Secret) so they are masked anywhere. */
export function registerSecret(...values: Array<string | undefined | null>): void {
  for (const value of values) {
    // Short values would mask ordinary words; a real secret is longer than this.
    if (value && value.length >= 6) knownSecrets.add(value);
  }
}

/** Forgets registered values (tests). */
export function clearRegisteredSecrets(): void {
  knownSecrets.clear();
}

const patterns: Array<[RegExp, string | ((...m: string[]) => string)]> = [
  // user:password@ in any URL (DATABASE_URL and friends): keep the user, mask the password.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]*):([^@\s/]+)@/gi, (_m, head) => `${head}:${REDACTED}@`],
  // JWTs: three base64url parts, the first a JSON header.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\b/g, REDACTED],
  // OpenAI-style and similar API keys.
  [/\bsk-[A-Za-z0-9_-]{16,}\b/g, REDACTED],
  // Authorization headers.
  [
    /\b(authorization\s*[:=]\s*)(bearer|basic)\s+[^\s"',]+/gi,
    (_m, head, scheme) => `${head}${scheme} ${REDACTED}`,
  ],
  [/\b(bearer)\s+[A-Za-z0-9._~+/-]{16,}=*/gi, (_m, scheme) => `${scheme} ${REDACTED}`],
  // KEY=value / "key": "value" for names that say they are secret.
  [
    /\b([A-Z0-9_]*(?:PASSWORD|SECRET|TOKEN|API_KEY|APIKEY|PRIVATE_KEY|DATABASE_URL)[A-Z0-9_]*)(\s*[=:]\s*)("?)([^\s"',}]+)/g,
    (_m, key, sep, quote) => `${key}${sep}${quote}${REDACTED}`,
  ],
  [
    /("(?:[a-zA-Z0-9_]*(?:password|secret|token|apiKey|api_key|jwtSecret|databaseUrl)[a-zA-Z0-9_]*)"\s*:\s*)"[^"]*"/gi,
    (_m, head) => `${head}"${REDACTED}"`,
  ],
];

/** Masks secrets in a string. */
export function redactText(text: string): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    // Secret data often travels base64-encoded (Kubernetes Secret `data`).
    const b64 = Buffer.from(secret).toString('base64');
    if (out.includes(b64)) out = out.split(b64).join(REDACTED);
  }
  for (const [pattern, replacement] of patterns) {
    out = out.replace(pattern, replacement as (substring: string, ...args: string[]) => string);
  }
  return out;
}

const secretKey =
  /(password|secret|token|api[-_]?key|private[-_]?key|database[-_]?url|credentials)/i;

/** True for a key whose name says its value is secret (password, token, api key, ...). */
export function isSecretKey(key: string): boolean {
  return secretKey.test(key);
}

/**
 * Masks secrets anywhere in a JSON-like value: strings are scanned, values under
 * secret-sounding keys are replaced, a Kubernetes Secret's `data`/`stringData` is masked.
 */
export function redact<T>(value: T): T {
  return redactValue(value, undefined) as T;
}

function redactValue(value: unknown, key: string | undefined): unknown {
  if (typeof value === 'string') {
    return key && secretKey.test(key) && value.length > 0 ? REDACTED : redactText(value);
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, undefined));
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const isSecretObject = record.kind === 'Secret';
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) {
      if (isSecretObject && (k === 'data' || k === 'stringData') && v && typeof v === 'object') {
        out[k] = Object.fromEntries(Object.keys(v).map((name) => [name, REDACTED]));
      } else {
        out[k] = redactValue(v, k);
      }
    }
    return out;
  }
  return value;
}

// Terminal escapes: OSC ... BEL/ST (window titles, hyperlinks), CSI (cursor, colour, erase),
// other ESC pairs, then any remaining C0/C1 control but tab and newline.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const OSC = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const ESC = /\u001b[@-Z\\-_]?/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Removes terminal control sequences (ANSI CSI/OSC escapes, other C0 and C1 controls but
 * tab and newline), so text from the cluster cannot move the cursor, retitle the window or
 * hide what is printed after it.
 */
export function stripTerminalControls(text: string): string {
  return text.replace(OSC, '').replace(CSI, '').replace(ESC, '').replace(CONTROL, '');
}
