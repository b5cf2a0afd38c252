/**
 * Recording executables for programs that cannot run here (docker, minikube): a small
 * node script placed on PATH under the program's name that appends its argv (and a few
 * env variables) to a log and answers with canned output for matching argv prefixes.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** A canned answer for calls whose argv starts with `prefix`. */
export interface CannedResponse {
  prefix: string[];
  stdout?: string;
  stderr?: string;
  exitCode?: number;
}

/** One recorded call. */
export interface RecordedCall {
  program: string;
  argv: string[];
  env: Record<string, string>;
}

/** A directory of recording programs. */
export interface RecordingBin {
  dir: string;
  /** PATH with the recording directory first. */
  path: string;
  calls(program?: string): RecordedCall[];
  /** Replaces the canned answers of a program. */
  respond(program: string, responses: CannedResponse[]): void;
  cleanup(): void;
}

const SCRIPT = (logFile: string, responsesFile: string, program: string) => `#!${process.execPath}
const fs = require('node:fs');
const argv = process.argv.slice(2);
const env = {};
for (const k of ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'MINIKUBE_ACTIVE_DOCKERD']) if (process.env[k]) env[k] = process.env[k];
fs.appendFileSync(${JSON.stringify(logFile)}, JSON.stringify({ program: ${JSON.stringify(program)}, argv, env }) + '\\n');
let responses = [];
try { responses = JSON.parse(fs.readFileSync(${JSON.stringify(responsesFile)}, 'utf8'))[${JSON.stringify(program)}] || []; } catch {}
const hit = responses.find((r) => r.prefix.every((p, i) => argv[i] === p));
if (hit && hit.stdout) process.stdout.write(hit.stdout);
if (hit && hit.stderr) process.stderr.write(hit.stderr);
process.exitCode = hit ? (hit.exitCode ?? 0) : 0;
`;

/** Creates recording programs named `programs` in a fresh temp directory. */
export function createRecordingBin(programs: string[]): RecordingBin {
  const dir = mkdtempSync(join(tmpdir(), 'todo-ops-bin-'));
  const logFile = join(dir, 'calls.jsonl');
  const responsesFile = join(dir, 'responses.json');
  const responses: Record<string, CannedResponse[]> = {};
  writeFileSync(responsesFile, '{}');
  writeFileSync(logFile, '');
  for (const program of programs) {
    const file = join(dir, program);
    writeFileSync(file, SCRIPT(logFile, responsesFile, program));
    chmodSync(file, 0o755);
  }
  return {
    dir,
    path: `${dir}${delimiter}${process.env.PATH ?? ''}`,
    calls(program) {
      return readFileSync(logFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as RecordedCall)
        .filter((c) => !program || c.program === program);
    },
    respond(program, list) {
      responses[program] = list;
      writeFileSync(responsesFile, JSON.stringify(responses));
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
