import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  forwardedFor,
  forwardToBackend,
  isCrossSiteWrite,
  upstreamRequestHeaders,
  upstreamUrl,
} from '../src/lib/forward';
import { PEER_ADDRESS_HEADER, stampPeerAddresses } from '../src/lib/peer-address';
import { startUpstream, type Upstream } from './support/upstream';

describe('upstreamUrl', () => {
  const backend = new URL('http://api.internal:8000/');

  it('maps segments under /api/ and keeps the query', () => {
    expect(upstreamUrl(backend, ['7', 'tasks'], '?status=pending')?.href).toBe(
      'http://api.internal:8000/api/7/tasks?status=pending',
    );
  });

  it('keeps a path prefix of the backend URL', () => {
    expect(upstreamUrl(new URL('http://gw/todo/'), ['auth', 'signin'], '')?.href).toBe(
      'http://gw/todo/api/auth/signin',
    );
  });

  it('refuses dot segments and encodes the rest, so a path cannot climb out of /api', () => {
    expect(upstreamUrl(backend, ['..', 'health'], '')).toBeUndefined();
    expect(upstreamUrl(backend, ['a/../../x'], '')?.pathname).toBe('/api/a%2F..%2F..%2Fx');
  });
});

describe('upstreamRequestHeaders', () => {
  it('drops cookies and hop-by-hop headers and sets the bearer token over any given', () => {
    const request = new Request('http://todo.local/bff/api/1/tasks', {
      headers: {
        cookie: 'todo_token=secret',
        authorization: 'Bearer forged',
        connection: 'keep-alive',
        'content-type': 'application/json',
        accept: 'application/json',
      },
    });
    const headers = upstreamRequestHeaders(request, 'real-token');
    expect(headers.get('cookie')).toBeNull();
    expect(headers.get('connection')).toBeNull();
    expect(headers.get('authorization')).toBe('Bearer real-token');
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('x-forwarded-host')).toBe('todo.local');
    expect(headers.get('x-forwarded-proto')).toBe('http');
  });

  it("passes the caller's own Authorization through when no token is added", () => {
    const request = new Request('http://localhost:3000/api/1/tasks', {
      headers: { authorization: 'Bearer from-cli' },
    });
    expect(upstreamRequestHeaders(request).get('authorization')).toBe('Bearer from-cli');
  });
});

describe('the client address sent to the API', () => {
  const through = (headers: Record<string, string>) =>
    new Request('http://todo.local/bff/auth/signin', { method: 'POST', headers });

  it('appends the peer this server heard from to the chain the peer sent', () => {
    // Behind the ingress: nginx set X-Forwarded-For to the client it saw.
    const behindIngress = through({
      [PEER_ADDRESS_HEADER]: '10.244.0.7',
      'x-forwarded-for': '192.168.49.1',
    });
    expect(forwardedFor(behindIngress)).toBe('192.168.49.1, 10.244.0.7');
    expect(upstreamRequestHeaders(behindIngress).get('x-forwarded-for')).toBe(
      '192.168.49.1, 10.244.0.7',
    );
    expect(upstreamRequestHeaders(behindIngress).get(PEER_ADDRESS_HEADER)).toBeNull();
  });

  it('sends the peer alone when Next.js filled X-Forwarded-For with it', () => {
    expect(
      forwardedFor(through({ [PEER_ADDRESS_HEADER]: '127.0.0.1', 'x-forwarded-for': '127.0.0.1' })),
    ).toBe('127.0.0.1');
  });

  it('keeps a forged header in front of the real peer, where the API stops reading', () => {
    expect(
      forwardedFor(
        through({ [PEER_ADDRESS_HEADER]: '203.0.113.7', 'x-forwarded-for': '10.0.0.1' }),
      ),
    ).toBe('10.0.0.1, 203.0.113.7');
  });

  it('vouches for nothing without a stamped peer', () => {
    const unstamped = through({ 'x-forwarded-for': '198.51.100.1' });
    expect(forwardedFor(unstamped)).toBeUndefined();
    expect(upstreamRequestHeaders(unstamped).get('x-forwarded-for')).toBeNull();
  });

  it('stamps the real TCP peer over any header of the same name the client sends', async () => {
    stampPeerAddresses();
    stampPeerAddresses();
    const server = createServer((req, res) =>
      res.end(JSON.stringify(req.headers[PEER_ADDRESS_HEADER])),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const seen = await new Promise<string>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            localAddress: '127.0.0.5',
            headers: { [PEER_ADDRESS_HEADER]: '1.2.3.4' },
          },
          (res) => {
            let body = '';
            res.on('data', (chunk) => {
              body += chunk;
            });
            res.on('end', () => resolve(body));
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(JSON.parse(seen)).toBe('127.0.0.5');
    } finally {
      server.close();
    }
  });
});

describe('isCrossSiteWrite', () => {
  const post = (headers: Record<string, string>) =>
    new Request('http://todo.local/bff/api/1/tasks', { method: 'POST', headers });

  it('refuses writes another site started', () => {
    expect(isCrossSiteWrite(post({ 'sec-fetch-site': 'cross-site' }))).toBe(true);
    expect(isCrossSiteWrite(post({ origin: 'https://evil.example', host: 'todo.local' }))).toBe(
      true,
    );
  });

  it('lets same-origin writes and all reads through', () => {
    expect(isCrossSiteWrite(post({ 'sec-fetch-site': 'same-origin' }))).toBe(false);
    expect(isCrossSiteWrite(post({ origin: 'http://todo.local', host: 'todo.local' }))).toBe(false);
    expect(
      isCrossSiteWrite(
        new Request('http://todo.local/bff/api/1/tasks', {
          headers: { 'sec-fetch-site': 'cross-site' },
        }),
      ),
    ).toBe(false);
  });
});

describe('forwardToBackend against a real HTTP server', () => {
  let upstream: Upstream;

  beforeAll(async () => {
    upstream = await startUpstream();
  });
  afterAll(() => upstream.close());

  it('sends method, path, query and body, and returns status, headers and body', async () => {
    upstream.answer = () => ({
      status: 201,
      headers: { 'x-request-id': 'r1', 'set-cookie': 'tracking=1' },
      body: '{"id":5,"title":"milk"}',
    });
    const response = await forwardToBackend(
      new Request('http://localhost:3000/bff/api/3/tasks?status=all', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: 'todo_token=abc' },
        body: JSON.stringify({ title: 'milk' }),
      }),
      { backend: new URL(`${upstream.url}/`), segments: ['3', 'tasks'], bearerToken: 'abc' },
    );
    const seen = upstream.seen.at(-1);
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/api/3/tasks?status=all');
    expect(seen?.body).toBe('{"title":"milk"}');
    expect(seen?.headers.authorization).toBe('Bearer abc');
    expect(seen?.headers.cookie).toBeUndefined();
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('r1');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.json()).toEqual({ id: 5, title: 'milk' });
  });

  it('passes 204 answers through without a body', async () => {
    upstream.answer = () => ({ status: 204 });
    const response = await forwardToBackend(
      new Request('http://localhost:3000/bff/api/3/tasks/5', { method: 'DELETE' }),
      { backend: new URL(`${upstream.url}/`), segments: ['3', 'tasks', '5'] },
    );
    expect(upstream.seen.at(-1)?.method).toBe('DELETE');
    expect(response.status).toBe(204);
  });

  it('answers 502 with a hint when the API is unreachable', async () => {
    const gone = await startUpstream();
    await gone.close();
    const response = await forwardToBackend(new Request('http://localhost:3000/api/x'), {
      backend: new URL(`${gone.url}/`),
      segments: ['x'],
    });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: 'the todo API is unreachable' });
  });
});
