#!/usr/bin/env node
// `npm run dev`: the todo API (embedded PGlite, no database to install) and the UI in
// development mode, together, with one command. Ctrl-C stops both; if either stops, so
// does the other.
//
//   npm run dev                      # API on :8000, UI on http://localhost:3000
//   API_PORT=8100 PORT=3100 npm run dev
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const apiPort = process.env.API_PORT ?? '8000';
const webPort = process.env.PORT ?? '3000';

for (const workspace of ['app/backend', 'app/frontend']) {
  if (!existsSync(join(root, workspace, 'package.json'))) {
    console.error(`npm run dev: ${workspace} is missing`);
    process.exit(1);
  }
}

const services = [
  {
    name: 'api',
    args: ['run', 'dev', '-w', 'app/backend'],
    env: { PORT: apiPort },
  },
  {
    name: 'web',
    args: ['run', 'dev', '-w', 'app/frontend', '--', '--port', webPort],
    env: { BACKEND_URL: process.env.BACKEND_URL ?? `http://127.0.0.1:${apiPort}` },
  },
];

const children = [];
let stopping = false;

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
  process.exitCode = code;
}

function prefixLines(name, stream, out) {
  let pending = '';
  stream.on('data', (chunk) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) out.write(`[${name}] ${line}\n`);
  });
  stream.on('end', () => {
    if (pending) out.write(`[${name}] ${pending}\n`);
  });
}

for (const service of services) {
  const { PORT: _ignored, ...inherited } = process.env;
  const child = spawn('npm', service.args, {
    cwd: root,
    env: { ...inherited, ...service.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(service.name, child.stdout, process.stdout);
  prefixLines(service.name, child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[${service.name}] stopped (${signal ?? `exit ${code}`}); stopping the rest`);
    }
    stopAll(code ?? 1);
  });
  children.push(child);
}

process.stdout.write(
  `todo app: UI http://localhost:${webPort}  API http://localhost:${apiPort}  (Ctrl-C stops both)\n`,
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(0));
