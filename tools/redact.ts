/**
 * Redaction: what the call pipeline runs, once, over everything that leaves todo-ops
 * (results, log lines, events, errors, progress, plans). Secrets never reach the model, an
 * MCP client or a terminal, and neither do terminal control sequences.
 *
 * Two layers: patterns that recognise secrets by their shape or the name they are given
 * (URL passwords, JWTs even when wrapped across lines, API keys, `password: x`, `"token": 1`),
 * and the concrete values this process knows are secret (the release's Secret and the
 * secret environment variables, registered by known-secrets.ts on first use of the cluster).
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

/** Words that make a key's value secret: password, token, api key, DATABASE_URL, ... */
const SECRET_WORD =
  'password|passwd|secret|token|api[-_]?key|apikey|private[-_]?key|access[-_]?key|database[-_]?url|credentials?';

const secretKey = new RegExp(SECRET_WORD, 'i');

/** True for a key whose name says its value is secret (password, token, api key, ...). */
export function isSecretKey(key: string): boolean {
  return secretKey.test(key);
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

/** A base64url run that may be wrapped: a line break (and indentation) between its parts. */
const B64 = '[A-Za-z0-9_-]';
const WRAP = '(?:\\r?\\n[ \\t]*)';
const SEGMENT = `${B64}+(?:${WRAP}${B64}+)*`;
const DOT = `${WRAP}?\\.${WRAP}?`;
/** JWTs: a JSON header (`eyJ`), a payload and the signature's first line, possibly wrapped. */
const JWT = new RegExp(`\\beyJ${SEGMENT}${DOT}${SEGMENT}${DOT}${B64}+`, 'g');

/** Signature lengths (base64url characters) by JWT algorithm; RSA depends on the key size. */
const SIGNATURE_LENGTHS: Record<string, number[]> = {
  HS256: [43],
  HS384: [64],
  HS512: [86],
  ES256: [86],
  ES384: [128],
  ES512: [176],
  EdDSA: [86],
  RS256: [342, 512, 683],
  RS384: [342, 512, 683],
  RS512: [342, 512, 683],
  PS256: [342, 512, 683],
  PS384: [342, 512, 683],
  PS512: [342, 512, 683],
};

/**
 * Masks JWTs, also when a log wrapped them across lines. Header and payload end at a dot,
 * so their wrapping is plain; the signature is followed onto the next lines only as far as
 * its algorithm's length, so the line after a token is never taken for part of it.
 */
function maskJwts(text: string): string {
  let out = '';
  let from = 0;
  for (const found of text.matchAll(JWT)) {
    const start = found.index;
    let end = start + found[0].length;
    const [header = '', , signature = ''] = found[0].replace(/\s+/g, '').split('.');
    let lengths: number[] = [];
    try {
      const alg = (
        JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }
      ).alg;
      lengths = SIGNATURE_LENGTHS[String(alg)] ?? [];
    } catch {
      // not a JSON header: mask what matched, follow nothing
    }
    let length = signature.length;
    for (;;) {
      if (lengths.length === 0 || lengths.includes(length)) break;
      const next = text.slice(end).match(/^\r?\n[ \t]*([A-Za-z0-9_-]+)[ \t]*(?=\r?\n|$)/);
      const piece = next?.[1];
      if (!next || !piece || !lengths.some((l) => l >= length + piece.length)) break;
      length += piece.length;
      end += next[0].length;
    }
    out += `${text.slice(from, start)}${REDACTED}`;
    from = end;
  }
  return out + text.slice(from);
}

/**
 * `scheme://user:password@host`: the password may hold `/` and `@` (unencoded), so the
 * userinfo runs to the last `@` of the URL. A `host:port/path?q=a@b` is not mistaken for
 * one: a port is digits followed by the path.
 */
function maskUrlPasswords(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s"'<>`]+)/gi, (match, scheme, rest) => {
    const at = rest.lastIndexOf('@');
    if (at < 0) return match;
    const userinfo = rest.slice(0, at);
    const colon = userinfo.indexOf(':');
    if (colon < 0) return match;
    const password = userinfo.slice(colon + 1);
    if (!password || password === REDACTED || /^\d+(?:\/|$)/.test(password)) return match;
    return `${scheme}${userinfo.slice(0, colon)}:${REDACTED}@${rest.slice(at + 1)}`;
  });
}

const patterns: Array<[RegExp, string | ((...m: string[]) => string)]> = [
  // OpenAI-style and similar API keys.
  [/\bsk-[A-Za-z0-9_-]{16,}\b/g, REDACTED],
  // Authorization headers.
  [
    /\b(authorization\s*[:=]\s*)(bearer|basic)\s+[^\s"',]+/gi,
    (_m, head, scheme) => `${head}${scheme} ${REDACTED}`,
  ],
  [/\b(bearer)\s+[A-Za-z0-9._~+/-]{16,}=*/gi, (_m, scheme) => `${scheme} ${REDACTED}`],
  // "password": "x", "apiToken": 12345 (JSON, any case, strings, numbers and booleans).
  [
    new RegExp(
      `("[^"\\n]*(?:${SECRET_WORD})[^"\\n]*"[ \\t]*:[ \\t]*)(?:"(?:[^"\\\\\\n]|\\\\.)*"|-?\\d[\\d.eE+-]*|true|false)`,
      'gi',
    ),
    (_m, head) => `${head}"${REDACTED}"`,
  ],
  // KEY=value, key: value, password=x in any case, quoted or not, numbers too.
  [
    new RegExp(
      `\\b([A-Za-z0-9_.-]*(?:${SECRET_WORD})[A-Za-z0-9_.-]*)([ \\t]*[=:][ \\t]*)(?:"[^"\\n]*"|'[^'\\n]*'|(?!\\[REDACTED\\])[^\\s"',;&}]+)`,
      'gi',
    ),
    (_m, key, sep) => `${key}${sep}${REDACTED}`,
  ],
];

/** Masks secrets in a string and strips terminal control sequences from it. */
export function redactText(text: string): string {
  let out = stripTerminalControls(text);
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    // Secret data often travels base64-encoded (Kubernetes Secret `data`).
    const b64 = Buffer.from(secret).toString('base64');
    if (out.includes(b64)) out = out.split(b64).join(REDACTED);
  }
  out = maskJwts(out);
  out = maskUrlPasswords(out);
  for (const [pattern, replacement] of patterns) {
    out = out.replace(pattern, replacement as (substring: string, ...args: string[]) => string);
  }
  return out;
}

/**
 * Masks secrets anywhere in a JSON-like value: strings are scanned, values under
 * secret-sounding keys are replaced (numbers too), a Kubernetes Secret's
 * `data`/`stringData` is masked, and a list of lines is scanned as one text so a secret
 * wrapped across lines is caught.
 */
export function redact<T>(value: T): T {
  return redactValue(value, undefined) as T;
}

function redactLines(lines: string[]): string[] {
  const joined = lines.join('\n');
  const masked = redactText(joined);
  return masked === joined ? lines : masked.split('\n');
}

function redactValue(value: unknown, key: string | undefined): unknown {
  const secretValue = key !== undefined && secretKey.test(key);
  if (typeof value === 'string')
    return secretValue && value.length > 0 ? REDACTED : redactText(value);
  if (typeof value === 'number' && secretValue) return REDACTED;
  if (Array.isArray(value)) {
    if (!secretValue && value.length > 1 && value.every((item) => typeof item === 'string'))
      return redactLines(value as string[]);
    return value.map((item) => redactValue(item, secretValue ? key : undefined));
  }
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
