/** Where a signed-in user lands when the return path is missing or unsafe. */
export const DEFAULT_RETURN_PATH = '/tasks';

/** Placeholder origin: a path that resolves anywhere else would leave this site. */
const SITE = 'http://site.invalid';

/** A control character (browsers drop tab and newline from URLs), DEL or a backslash. */
const hasUnsafeCharacter = (text: string): boolean =>
  [...text].some((c) => {
    const code = c.charCodeAt(0);
    return c === '\\' || code < 0x20 || code === 0x7f;
  });

/**
 * Where to go after signing in: only a path on this site, so a crafted link cannot send
 * the user elsewhere. Browsers strip tab and newline from a URL and read `\` as `/`, so
 * `/\t/evil.example` and `/\evil.example` mean `//evil.example`, another host; the same
 * characters percent-encoded (`/%09/evil.example`, `/%5Cevil.example`) are refused too,
 * as are scheme-relative (`//host`) and absolute URLs. Anything refused gives `/tasks`.
 */
export function safeReturnPath(value: string | string[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  if (typeof path !== 'string' || path.length > 2048) return DEFAULT_RETURN_PATH;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return DEFAULT_RETURN_PATH;
  }
  for (const form of [path, decoded]) {
    if (!form.startsWith('/') || form.startsWith('//') || hasUnsafeCharacter(form)) {
      return DEFAULT_RETURN_PATH;
    }
  }
  // Last word to the URL parser the browser uses: the path must stay on this origin.
  const resolved = new URL(path, SITE);
  if (resolved.origin !== SITE) return DEFAULT_RETURN_PATH;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
