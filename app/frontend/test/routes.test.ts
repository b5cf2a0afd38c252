import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as passThrough } from '../src/app/api/[...path]/route';
import { POST as signOut } from '../src/app/bff/auth/signout/route';
import { GET as health } from '../src/app/healthz/route';
import { startUpstream, type Upstream } from './support/upstream';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('/healthz', () => {
  it('is 200 with a valid BACKEND_URL and 500 naming the variable without one', async () => {
    vi.stubEnv('BACKEND_URL', 'http://backend:8000');
    expect(health().status).toBe(200);
    vi.stubEnv('BACKEND_URL', '');
    vi.stubEnv('NEXT_PUBLIC_API_URL', '');
    const broken = health();
    expect(broken.status).toBe(500);
    expect(await broken.json()).toMatchObject({ error: /BACKEND_URL is not set/ });
  });
});

describe('/bff/auth/signout', () => {
  it('clears both cookies and sends the browser to sign in', () => {
    const response = signOut(new Request('http://todo.local/bff/auth/signout', { method: 'POST' }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/signin');
    expect(response.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual([
      'todo_token',
      'todo_user',
    ]);
  });
});

describe('/api/* pass-through', () => {
  let api: Upstream;
  beforeAll(async () => {
    api = await startUpstream(() => ({ status: 200, body: '{"status":"ok"}' }));
  });
  afterAll(() => api.close());

  it('reads BACKEND_URL when the request comes, not when the module loads', async () => {
    vi.stubEnv('BACKEND_URL', api.url);
    const response = await passThrough(
      new Request('http://localhost:3000/api/7/tasks', {
        headers: { authorization: 'Bearer t', cookie: 'todo_token=x' },
      }),
      { params: Promise.resolve({ path: ['7', 'tasks'] }) },
    );
    expect(response.status).toBe(200);
    expect(api.seen.at(-1)?.url).toBe('/api/7/tasks');
    expect(api.seen.at(-1)?.headers.authorization).toBe('Bearer t');
    expect(api.seen.at(-1)?.headers.cookie).toBeUndefined();
  });
});
