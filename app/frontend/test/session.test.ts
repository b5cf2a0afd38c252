import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { authenticate } from '../src/lib/auth-handler';
import { resolveBackendUrl } from '../src/lib/backend-url';
import { forwardWithSession } from '../src/lib/bff-handler';
import { safeReturnPath } from '../src/lib/return-path';
import {
  isUsableToken,
  parseUserCookie,
  readCookie,
  sessionCookies,
} from '../src/lib/session-cookie';
import { startUpstream, type Upstream } from './support/upstream';

function jwt(payload: Record<string, unknown>): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.signature`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const liveToken = jwt({ sub: '7', exp: nowSeconds() + 3600 });

/** The cookie jar a browser would keep after these Set-Cookie headers. */
function cookieHeader(setCookies: string[]): string {
  return setCookies.map((c) => c.split(';')[0]).join('; ');
}

describe('resolveBackendUrl', () => {
  it('reads BACKEND_URL, then NEXT_PUBLIC_API_URL, at call time', () => {
    expect(resolveBackendUrl({ BACKEND_URL: 'http://backend:8000' })).toMatchObject({ ok: true });
    const alias = resolveBackendUrl({ NEXT_PUBLIC_API_URL: 'https://api.example/v' });
    expect(alias.ok && alias.url.href).toBe('https://api.example/v/');
    expect(
      resolveBackendUrl({ BACKEND_URL: 'http://a:1', NEXT_PUBLIC_API_URL: 'http://b:2' }),
    ).toMatchObject({ ok: true, url: new URL('http://a:1/') });
  });

  it('says what is wrong when it is missing or not an http(s) URL', () => {
    expect(resolveBackendUrl({})).toMatchObject({ ok: false, message: /BACKEND_URL is not set/ });
    expect(resolveBackendUrl({ BACKEND_URL: 'backend:8000' })).toMatchObject({
      ok: false,
      message: /BACKEND_URL must be an http\(s\) URL/,
    });
  });
});

describe('session cookies', () => {
  it('are httpOnly, SameSite=Lax, Secure only over HTTPS, and round-trip', () => {
    const plain = sessionCookies(liveToken, { id: 7, email: 'a@b.c' }, { secure: false });
    for (const cookie of plain) {
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).not.toMatch(/Secure/);
    }
    const secure = sessionCookies(liveToken, { id: 7, email: 'a@b.c' }, { secure: true });
    expect(secure.every((c) => c.endsWith('; Secure'))).toBe(true);
    const jar = cookieHeader(plain);
    expect(readCookie(jar, 'todo_token')).toBe(liveToken);
    expect(parseUserCookie(readCookie(jar, 'todo_user'))).toEqual({
      id: 7,
      email: 'a@b.c',
      name: null,
    });
  });

  it('treat an expired or missing token as no session', () => {
    expect(isUsableToken(jwt({ exp: nowSeconds() - 1 }))).toBe(false);
    expect(isUsableToken(undefined)).toBe(false);
    expect(isUsableToken(liveToken)).toBe(true);
  });

  it('ignore a user cookie of the wrong shape', () => {
    expect(parseUserCookie('{"id":{},"email":1}')).toBeUndefined();
    expect(parseUserCookie('not json')).toBeUndefined();
  });
});

describe('safeReturnPath', () => {
  it('allows only paths on this site', () => {
    expect(safeReturnPath('/chat?c=2')).toBe('/chat?c=2');
    expect(safeReturnPath(['/tasks?status=pending#top'])).toBe('/tasks?status=pending#top');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', undefined]) {
      expect(safeReturnPath(bad)).toBe('/tasks');
    }
  });

  it.each([
    // Browsers drop tab, CR and LF from URLs: these are `//evil.example`.
    ['a tab', '/\t/evil.example'],
    ['a newline', '/\n/evil.example'],
    ['a carriage return', '/\r/evil.example'],
    ['a NUL character', '/\u0000/evil.example'],
    ['a backslash as the second slash', '/\\/evil.example'],
    ['an encoded tab', '/%09/evil.example'],
    ['an encoded slash', '/%2F/evil.example'],
    ['an encoded backslash', '/%5Cevil.example'],
    ['a protocol-relative URL', '//evil.example/tasks'],
    ['three slashes', '///evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'evil.example'],
    ['a bad percent-encoding', '/%E0%A4%A'],
  ])('refuses %s and falls back to /tasks', (_name, value) => {
    expect(safeReturnPath(value)).toBe('/tasks');
  });
});

describe('route handlers against a real HTTP server as the API', () => {
  let api: Upstream;

  beforeAll(async () => {
    api = await startUpstream();
  });
  afterAll(() => api.close());
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('sign-in keeps the token in httpOnly cookies and out of the response body', async () => {
    vi.stubEnv('BACKEND_URL', api.url);
    api.answer = () => ({
      status: 200,
      body: JSON.stringify({ token: liveToken, user: { id: 7, email: 'a@b.c', name: 'Ann' } }),
    });
    const response = await authenticate(
      new Request('https://todo.local/bff/auth/signin', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify({ email: 'a@b.c', password: 'pw-123456' }),
      }),
      'signin',
    );
    expect(api.seen.at(-1)?.url).toBe('/api/auth/signin');
    expect(JSON.parse(api.seen.at(-1)?.body ?? '')).toEqual({
      email: 'a@b.c',
      password: 'pw-123456',
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(liveToken);
    expect(JSON.parse(text)).toEqual({ user: { id: 7, email: 'a@b.c', name: 'Ann' } });
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    expect(cookies.every((c) => /HttpOnly/.test(c) && /Secure/.test(c))).toBe(true);
    expect(readCookie(cookieHeader(cookies), 'todo_token')).toBe(liveToken);
  });

  it("passes the API's refusal through and sets no cookie", async () => {
    vi.stubEnv('BACKEND_URL', api.url);
    api.answer = () => ({
      status: 401,
      body: JSON.stringify({ error: 'unauthorized', message: 'Invalid email or password' }),
    });
    const response = await authenticate(
      new Request('http://todo.local/bff/auth/signin', { method: 'POST', body: '{}' }),
      'signin',
    );
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await response.json()).toMatchObject({ message: 'Invalid email or password' });
  });

  it('turns the session cookie into a bearer token for /bff/api', async () => {
    vi.stubEnv('BACKEND_URL', api.url);
    api.answer = () => ({ status: 200, body: '[]' });
    const jar = cookieHeader(
      sessionCookies(liveToken, { id: 7, email: 'a@b.c' }, { secure: false }),
    );
    const response = await forwardWithSession(
      new Request('http://todo.local/bff/api/7/tasks?status=pending', { headers: { cookie: jar } }),
      ['7', 'tasks'],
    );
    expect(response.status).toBe(200);
    const seen = api.seen.at(-1);
    expect(seen?.url).toBe('/api/7/tasks?status=pending');
    expect(seen?.headers.authorization).toBe(`Bearer ${liveToken}`);
    expect(seen?.headers.cookie).toBeUndefined();
  });

  it('answers 401 without calling the API when there is no session', async () => {
    vi.stubEnv('BACKEND_URL', api.url);
    const before = api.seen.length;
    const response = await forwardWithSession(new Request('http://todo.local/bff/api/7/tasks'), [
      '7',
      'tasks',
    ]);
    expect(response.status).toBe(401);
    expect(api.seen.length).toBe(before);
  });

  it('ends the session when the API refuses the token', async () => {
    vi.stubEnv('BACKEND_URL', api.url);
    api.answer = () => ({ status: 401, body: '{"error":"unauthorized","message":"bad token"}' });
    const response = await forwardWithSession(
      new Request('http://todo.local/bff/api/7/tasks', {
        headers: { cookie: `todo_token=${liveToken}` },
      }),
      ['7', 'tasks'],
    );
    expect(response.status).toBe(401);
    const cleared = response.headers.getSetCookie();
    expect(cleared.map((c) => c.split('=')[0])).toEqual(['todo_token', 'todo_user']);
    expect(cleared.every((c) => c.includes('Max-Age=0'))).toBe(true);
  });

  it('does not offer the API sign-in, whose answer carries the token, to page scripts', async () => {
    vi.stubEnv('BACKEND_URL', api.url);
    const before = api.seen.length;
    const response = await forwardWithSession(
      new Request('http://todo.local/bff/api/auth/signin', { method: 'POST', body: '{}' }),
      ['auth', 'signin'],
    );
    expect(response.status).toBe(404);
    expect(api.seen.length).toBe(before);
  });

  it('refuses a cross-site write before it reaches the API', async () => {
    vi.stubEnv('BACKEND_URL', api.url);
    const before = api.seen.length;
    const response = await forwardWithSession(
      new Request('http://todo.local/bff/api/7/tasks', {
        method: 'POST',
        headers: { cookie: `todo_token=${liveToken}`, 'sec-fetch-site': 'cross-site' },
        body: '{"title":"x"}',
      }),
      ['7', 'tasks'],
    );
    expect(response.status).toBe(403);
    expect(api.seen.length).toBe(before);
  });
});
