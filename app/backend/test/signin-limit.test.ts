/**
 * Sign-in rate limiting behind proxies. In the cluster every browser reaches the API
 * through the ingress controller or the UI's server, so the TCP peer is the same proxy
 * for everyone: keyed on it, anyone who knows an email could lock its owner out. The key
 * is the real client (X-Forwarded-For, believed only from TRUSTED_PROXIES) and the account.
 *
 * Real sockets from distinct loopback addresses stand in for the machines: 127.0.0.10 is
 * the ingress controller, 127.0.0.11 the UI's server, 127.0.0.20 a client that reaches the
 * API directly (Linux routes all of 127.0.0.0/8 to loopback).
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/database.ts';
import { dbTargets, type FreshDatabase, type RunningApi, signUp, startApi } from './support/api.ts';

const INGRESS = '127.0.0.10';
const UI_SERVER = '127.0.0.11';
const DIRECT_CLIENT = '127.0.0.20';

describe('TRUSTED_PROXIES', () => {
  it('takes addresses and CIDR ranges and names a bad entry', () => {
    const ok = loadConfig({
      JWT_SECRET: 'x'.repeat(32),
      TRUSTED_PROXIES: '10.0.0.0/8, fd00::/8,127.0.0.1',
    });
    expect(ok.ok && ok.config.TRUSTED_PROXIES).toEqual(['10.0.0.0/8', 'fd00::/8', '127.0.0.1']);
    // The chart's default (config.trustedProxies).
    const chart = loadConfig({
      JWT_SECRET: 'x'.repeat(32),
      TRUSTED_PROXIES: '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7',
    });
    expect(chart.ok && chart.config.TRUSTED_PROXIES).toHaveLength(4);
    const unset = loadConfig({ JWT_SECRET: 'x'.repeat(32) });
    expect(unset.ok && unset.config.TRUSTED_PROXIES).toEqual([]);
    for (const bad of ['10.0.0.0/33', 'ingress-nginx', '10.0.0.1/8/1']) {
      const result = loadConfig({ JWT_SECRET: 'x'.repeat(32), TRUSTED_PROXIES: bad });
      expect(result.ok ? '' : result.message).toContain(
        `TRUSTED_PROXIES must be IP addresses or CIDR ranges separated by commas ("${bad}"`,
      );
    }
  });
});

/** PGlite: the limit lives in the process, whichever database is behind it. */
const pglite = dbTargets().find((target) => target.name === 'pglite');

describe('sign-in limit per real client and account', () => {
  let fresh: FreshDatabase;
  let database: Database;
  let api: RunningApi;
  let port = 0;

  beforeAll(async () => {
    if (!pglite) throw new Error('the PGlite test target is always there');
    fresh = await pglite.create();
    database = await fresh.open();
    api = await startApi(database, {
      SIGNIN_RATE_LIMIT: '3',
      TRUSTED_PROXIES: `${INGRESS},${UI_SERVER}`,
    });
    port = Number(new URL(api.url).port);
  });
  afterAll(async () => {
    await api?.close();
    await database?.close();
    await fresh?.drop();
  });

  /** POST /api/auth/signin over a socket bound to `from`, with extra headers. */
  function signIn(
    from: string,
    credentials: { email: string; password: string },
    headers: Record<string, string> = {},
  ): Promise<number> {
    const body = JSON.stringify(credentials);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          localAddress: from,
          method: 'POST',
          path: '/api/auth/signin',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...headers,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  const wrong = (email: string) => ({ email, password: 'not-the-password' });

  it('locks out the client that failed, and a second client behind the same ingress still signs in', async () => {
    const alice = await signUp(api, 'alice');
    const attacker = { 'x-forwarded-for': '203.0.113.7' };
    for (let i = 0; i < 3; i++)
      expect(await signIn(INGRESS, wrong(alice.email), attacker)).toBe(401);
    expect(await signIn(INGRESS, wrong(alice.email), attacker)).toBe(429);
    expect(await signIn(INGRESS, alice, attacker)).toBe(429);

    // Alice herself, through the same ingress controller, from her own address.
    expect(await signIn(INGRESS, alice, { 'x-forwarded-for': '198.51.100.9' })).toBe(200);
    // And through the UI's server, which appends the ingress it heard from.
    expect(await signIn(UI_SERVER, alice, { 'x-forwarded-for': `198.51.100.9, ${INGRESS}` })).toBe(
      200,
    );
    // The attacker is held whichever proxy path it takes.
    expect(await signIn(UI_SERVER, alice, { 'x-forwarded-for': `203.0.113.7, ${INGRESS}` })).toBe(
      429,
    );
  });

  it('keys on the account too: a locked-out client still signs in to another account', async () => {
    const bob = await signUp(api, 'bob');
    const carol = await signUp(api, 'carol');
    const shared = { 'x-forwarded-for': '192.0.2.44' };
    for (let i = 0; i < 3; i++) expect(await signIn(INGRESS, wrong(bob.email), shared)).toBe(401);
    expect(await signIn(INGRESS, bob, shared)).toBe(429);
    expect(await signIn(INGRESS, carol, shared)).toBe(200);
  });

  it('ignores X-Forwarded-For from a client that is not a trusted proxy', async () => {
    const dave = await signUp(api, 'dave');
    // Each attempt claims another address; the API keys on the socket all the same.
    for (let i = 0; i < 3; i++) {
      expect(
        await signIn(DIRECT_CLIENT, wrong(dave.email), { 'x-forwarded-for': `198.51.100.${i}` }),
      ).toBe(401);
    }
    expect(
      await signIn(DIRECT_CLIENT, wrong(dave.email), { 'x-forwarded-for': '198.51.100.200' }),
    ).toBe(429);
    // A forged chain through a trusted proxy stops at the first untrusted address.
    expect(
      await signIn(INGRESS, wrong(dave.email), { 'x-forwarded-for': `1.2.3.4, ${DIRECT_CLIENT}` }),
    ).toBe(429);
  });
});
