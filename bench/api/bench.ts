/**
 * API benchmark on real PostgreSQL: list tasks (100 per user) and create task, the todo API
 * (built, run with plain node) side by side with raw-server.ts in the same run. Prints
 * requests/s, p99 latency and the API/raw throughput ratio (goal: at least 70 %).
 *
 *   bash bench/api/run.sh            # or: npm run bench:api -w app/backend
 *
 * Environment: DATABASE_URL (a server where the role may CREATE DATABASE), BENCH_DURATION
 * (seconds per measurement, default 10; each side is measured twice, A-B-B-A), BENCH_CONNECTIONS (default 20).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error(
    'DATABASE_URL is required (bench/api/run.sh starts a PostgreSQL server and sets it)',
  );
  process.exit(2);
}
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const secret = randomBytes(32).toString('hex');
const apiEntry = fileURLToPath(new URL('../../app/backend/dist/server.js', import.meta.url));
const rawEntry = fileURLToPath(new URL('./raw-server.ts', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: server exited with ${child.exitCode}`);
    const ok = await fetch(url).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

async function start(entry: string, port: number, databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: secret,
      LOG_LEVEL: 'warn',
      NODE_NO_WARNINGS: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

interface Measured {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function measure(options: autocannon.Options): Promise<Measured> {
  // A short warm-up (JIT, prepared statements, pool) that is not counted.
  await autocannon({ ...options, duration: 2 });
  const result = await autocannon({ ...options, duration });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function mean(x: Measured, y: Measured): Measured {
  return {
    rps: (x.rps + y.rps) / 2,
    p99: (x.p99 + y.p99) / 2,
    non2xx: x.non2xx + y.non2xx,
    errors: x.errors + y.errors,
  };
}

const name = `todo_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
const children: ChildProcess[] = [];
try {
  const apiPort = await freePort();
  children.push(await start(apiEntry, apiPort, databaseUrl));
  const api = `http://127.0.0.1:${apiPort}`;
  await waitUntilUp(`${api}/health`, children[0] as ChildProcess);
  const rawPort = await freePort();
  children.push(await start(rawEntry, rawPort, databaseUrl));
  const raw = `http://127.0.0.1:${rawPort}`;
  await waitUntilUp(raw, children[1] as ChildProcess);

  const signUp = async (email: string) => {
    const response = await fetch(`${api}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'benchmark-password' }),
    });
    return (await response.json()) as { token: string; user: { id: number } };
  };
  const reader = await signUp('reader@bench.example');
  const writer = await signUp('writer@bench.example');
  for (let i = 0; i < 100; i++) {
    await fetch(`${api}/api/${reader.user.id}/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${reader.token}` },
      body: JSON.stringify({ title: `Task number ${i}`, description: 'seeded for the benchmark' }),
    });
  }

  const scenarios = [
    {
      label: 'list tasks (100)',
      options: (base: string): autocannon.Options => ({
        url: `${base}/api/${reader.user.id}/tasks`,
        connections,
        headers: { authorization: `Bearer ${reader.token}` },
      }),
    },
    {
      label: 'create task',
      options: (base: string): autocannon.Options => ({
        url: `${base}/api/${writer.user.id}/tasks`,
        connections,
        method: 'POST',
        headers: { authorization: `Bearer ${writer.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Benchmark task' }),
      }),
    },
  ];

  const rows: string[] = [];
  for (const scenario of scenarios) {
    // A-B-B-A order, averaged: the machine's load drifts during a run.
    const a1 = await measure(scenario.options(api));
    const r1 = await measure(scenario.options(raw));
    const r2 = await measure(scenario.options(raw));
    const a2 = await measure(scenario.options(api));
    const a = mean(a1, a2);
    const r = mean(r1, r2);
    const ratio = a.rps / r.rps;
    rows.push(
      [
        scenario.label.padEnd(18),
        `api ${a.rps.toFixed(0).padStart(6)} req/s p99 ${String(a.p99).padStart(4)} ms`,
        `raw ${r.rps.toFixed(0).padStart(6)} req/s p99 ${String(r.p99).padStart(4)} ms`,
        `ratio ${(ratio * 100).toFixed(0)} % ${ratio >= 0.7 ? '(goal >= 70 % met)' : '(below the 70 % goal)'}`,
        a.non2xx + a.errors + r.non2xx + r.errors > 0
          ? `errors: api ${a.non2xx}/${a.errors} raw ${r.non2xx}/${r.errors}`
          : '',
      ].join('  '),
    );
  }
  process.stdout.write(
    `API benchmark: ${connections} connections, ${duration} s each, PostgreSQL, Node ${process.version}\n${rows.join('\n')}\n`,
  );
} finally {
  for (const child of children) {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
