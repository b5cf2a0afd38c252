/**
 * Plain-text rendering of a tool result for people (the CLI, the chat transcript): the
 * summary, then tables for pods, findings, revisions, events, checks, steps and logs.
 * Machines get the ToolResult itself (JSON, MCP structuredContent, OpenAI tool message).
 */
import type { ToolResult } from './contract.js';
import { redactText } from './redact.js';

/** Renders rows as an aligned table with a header (kubectl style). */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => String(c)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const indent = (text: string, by = '  '): string =>
  text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter(isRec) : []);

/** The detail blocks for whatever the data holds. */
function details(data: unknown): string[] {
  if (!isRec(data)) return [];
  const out: string[] = [];
  const findings = arr(data.findings);
  for (const f of findings) {
    const evidence = (Array.isArray(f.evidence) ? f.evidence : []).map((e) => `    ${String(e)}`);
    out.push(
      [
        `✗ ${f.class}  ${f.resource}  [${f.severity}]  ${f.title}`,
        ...evidence,
        `    fix: ${f.fix}`,
      ].join('\n'),
    );
  }
  const checks = arr(data.checks);
  if (checks.length)
    out.push(
      table(
        ['CHECK', 'OK', 'DETAIL'],
        checks.map((c) => [
          String(c.name),
          c.ok ? 'yes' : c.required ? 'NO' : 'no',
          `${c.detail}${!c.ok && c.fix ? `  -> ${c.fix}` : ''}`,
        ]),
      ),
    );
  const workloads = arr(data.workloads);
  if (workloads.length)
    out.push(
      table(
        ['WORKLOAD', 'COMPONENT', 'READY'],
        workloads.map((w) => [
          `${String(w.kind).toLowerCase()}/${w.name}`,
          String(w.component),
          `${w.ready}/${w.desired}`,
        ]),
      ),
    );
  const pods = arr(data.pods).filter((p) => 'ready' in p && 'status' in p);
  if (pods.length)
    out.push(
      table(
        ['POD', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
        pods.map((p) => [
          String(p.name),
          String(p.ready),
          String(p.status),
          Number(p.restarts),
          String(p.age),
        ]),
      ),
    );
  const services = arr(data.services);
  if (services.length)
    out.push(
      table(
        ['SERVICE', 'TYPE', 'PORTS', 'ENDPOINTS'],
        services.map((s) => [String(s.name), String(s.type), String(s.ports), Number(s.endpoints)]),
      ),
    );
  const ingresses = arr(data.ingresses);
  if (ingresses.length)
    out.push(
      table(
        ['INGRESS', 'HOSTS', 'ADDRESS'],
        ingresses.map((i) => [
          String(i.name),
          (Array.isArray(i.hosts) ? i.hosts : []).join(','),
          String(i.address ?? '<none>'),
        ]),
      ),
    );
  const revisions = arr(data.revisions);
  if (revisions.length)
    out.push(
      table(
        ['REVISION', 'UPDATED', 'STATUS', 'CHART', 'DESCRIPTION'],
        revisions.map((r) => [
          Number(r.revision),
          String(r.updated).slice(0, 19).replace('T', ' '),
          String(r.status),
          String(r.chart),
          String(r.description),
        ]),
      ),
    );
  const events = arr(data.events);
  if (events.length)
    out.push(
      table(
        ['TYPE', 'REASON', 'AGE', 'OBJECT', 'MESSAGE'],
        events.map((e) => [
          String(e.type),
          String(e.reason),
          String(e.age),
          String(e.object),
          String(e.message),
        ]),
      ),
    );
  const steps = arr(data.steps);
  if (steps.length)
    out.push(steps.map((s) => `${s.ok ? '✓' : '✗'} ${s.step}: ${s.detail}`).join('\n'));
  const images = arr(data.images);
  if (images.length)
    out.push(images.map((i) => `image ${i.image}${i.skipped ? ' (up to date)' : ''}`).join('\n'));
  const logBlocks = arr(data.pods).filter((p) => Array.isArray(p.lines));
  for (const block of logBlocks) {
    const lines = (block.lines as unknown[]).map(String);
    out.push(
      `==> ${block.pod}${block.previous ? ' (previous)' : ''} <==\n${block.error ? `(${block.error})` : lines.join('\n')}`,
    );
  }
  const sections = arr(data.sections);
  for (const s of sections) out.push(`## ${s.heading}\n${s.body}`);
  if (typeof data.hostsLine === 'string') out.push(`hosts line: ${data.hostsLine}`);
  if (isRec(data.instructions) && typeof data.line === 'string')
    out.push(`add:    ${data.instructions.add}\nremove: ${data.instructions.remove}`);
  return out;
}

/** Renders a result as text: `✓ summary` or `✗ message` + hint, then detail blocks. */
export function formatResult(toolName: string, result: ToolResult): string {
  const head = result.ok
    ? `✓ ${toolName}: ${result.summary}`
    : `✗ ${toolName} failed: ${result.error.message}\n  hint: ${result.error.hint}`;
  const blocks = details(result.data);
  return redactText([head, ...blocks.map((b) => indent(b))].join('\n'));
}
