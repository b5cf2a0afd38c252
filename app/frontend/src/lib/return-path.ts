/**
 * Where to go after signing in: only a path on this site, so a crafted link cannot send
 * the user elsewhere (`//evil.example`, `https://...`, `/\evil`).
 */
export function safeReturnPath(value: string | string[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  if (!path?.startsWith('/') || path.startsWith('//') || path.includes('\\')) {
    return '/tasks';
  }
  return path;
}
