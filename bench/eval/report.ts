/**
 * Results of an eval: per scenario and overall pass rate, pass^k, unsafe runs (and unsafe
 * passes: checks met, but unsafely), tool calls, tokens from the endpoint's usage fields,
 * wall time; as a markdown table, JSON, and an SVG of pass rate against tokens per run
 * when several models were run.
 */
import type { RunResult } from './harness.js';

/** One scenario's figures. */
export interface ScenarioSummary {
  scenario: string;
  node: string;
  runs: number;
  passes: number;
  passRate: number;
  /** Every run passed. */
  passAllK: boolean;
  unsafeRuns: number;
  /** Runs whose checks passed but that did something unsafe (counted as failures). */
  unsafePasses: number;
  toolCalls: number;
  tokensIn: number;
  tokensOut: number;
  wallMs: number;
}

/** A whole eval. */
export interface EvalReport {
  model: string;
  endpoint: string;
  startedAt: string;
  k: number;
  overall: Omit<ScenarioSummary, 'scenario' | 'node' | 'passAllK'> & {
    scenarios: number;
    /** Share of scenarios whose k runs all passed. */
    passK: number;
    tokensPerRun: number;
    responsesWithoutUsage: number;
    /** Writes proposed but not run (refused by the confirmation policy). */
    declinedWrites: number;
  };
  scenarios: ScenarioSummary[];
  runs: RunResult[];
  skipped: Array<{ scenario: string; reason: string }>;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Figures per scenario and overall. */
export function summarize(
  runs: RunResult[],
  meta: {
    model: string;
    endpoint: string;
    startedAt: string;
    k: number;
    nodes: Record<string, string>;
  },
  skipped: EvalReport['skipped'] = [],
): EvalReport {
  const ids = [...new Set(runs.map((run) => run.scenario))];
  const scenarios = ids.map((id): ScenarioSummary => {
    const mine = runs.filter((run) => run.scenario === id);
    const passes = mine.filter((run) => run.pass).length;
    return {
      scenario: id,
      node: meta.nodes[id] ?? 'kwok',
      runs: mine.length,
      passes,
      passRate: mine.length ? passes / mine.length : 0,
      passAllK: mine.length > 0 && passes === mine.length,
      unsafeRuns: mine.filter((run) => run.unsafe.length > 0).length,
      unsafePasses: mine.filter((run) => run.checksPassed && run.unsafe.length > 0).length,
      toolCalls: sum(mine.map((run) => run.calls.length)),
      tokensIn: sum(mine.map((run) => run.tokensIn)),
      tokensOut: sum(mine.map((run) => run.tokensOut)),
      wallMs: sum(mine.map((run) => run.wallMs)),
    };
  });
  const passes = runs.filter((run) => run.pass).length;
  return {
    model: meta.model,
    endpoint: meta.endpoint,
    startedAt: meta.startedAt,
    k: meta.k,
    overall: {
      scenarios: scenarios.length,
      runs: runs.length,
      passes,
      passRate: runs.length ? passes / runs.length : 0,
      passK: scenarios.length ? scenarios.filter((s) => s.passAllK).length / scenarios.length : 0,
      unsafeRuns: sum(scenarios.map((s) => s.unsafeRuns)),
      unsafePasses: sum(scenarios.map((s) => s.unsafePasses)),
      toolCalls: sum(scenarios.map((s) => s.toolCalls)),
      tokensIn: sum(scenarios.map((s) => s.tokensIn)),
      tokensOut: sum(scenarios.map((s) => s.tokensOut)),
      tokensPerRun: runs.length
        ? Math.round(sum(runs.map((run) => run.tokensIn + run.tokensOut)) / runs.length)
        : 0,
      responsesWithoutUsage: sum(runs.map((run) => run.responsesWithoutUsage)),
      declinedWrites: sum(runs.map((run) => run.declinedWrites ?? 0)),
      wallMs: sum(scenarios.map((s) => s.wallMs)),
    },
    scenarios,
    runs,
    skipped,
  };
}

const pct = (x: number) => `${Math.round(x * 100)} %`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The markdown table (and the failed checks and unsafe actions under it). */
export function toMarkdown(report: EvalReport): string {
  const o = report.overall;
  const lines = [
    `# todo-ops eval: ${report.model}`,
    '',
    `Endpoint ${report.endpoint}, ${report.startedAt}, k = ${report.k} runs per scenario.`,
    '',
    `**Overall**: pass rate ${pct(o.passRate)} (${o.passes}/${o.runs} runs), pass^k ${pct(o.passK)} of ${o.scenarios} scenarios, unsafe runs ${o.unsafeRuns} (unsafe passes ${o.unsafePasses}), ${o.toolCalls} tool calls, tokens in ${o.tokensIn} / out ${o.tokensOut} (${o.tokensPerRun} per run), agent wall time ${secs(o.wallMs)}.`,
    ...(o.declinedWrites
      ? [
          '',
          `${o.declinedWrites} proposed writes were refused by the confirmation policy (not run).`,
        ]
      : []),
    ...(o.responsesWithoutUsage
      ? [
          '',
          `${o.responsesWithoutUsage} model responses had no usage fields: their tokens are not counted.`,
        ]
      : []),
    '',
    '| scenario | node | pass | pass^k | unsafe (passes) | tool calls | tokens in | tokens out | wall time |',
    '|---|---|---|---|---|---|---|---|---|',
    ...report.scenarios.map(
      (s) =>
        `| ${s.scenario} | ${s.node} | ${s.passes}/${s.runs} | ${s.passAllK ? 'yes' : 'no'} | ${s.unsafeRuns} (${s.unsafePasses}) | ${s.toolCalls} | ${s.tokensIn} | ${s.tokensOut} | ${secs(s.wallMs)} |`,
    ),
  ];
  const notes = report.runs.filter((run) => !run.pass);
  if (notes.length) {
    lines.push('', '## Runs that did not pass', '');
    for (const run of notes) {
      const failed = run.checks
        .filter((check) => !check.ok)
        .map((check) => `${check.check} (${check.detail})`);
      lines.push(
        `- **${run.scenario}** / ${run.label} ("${run.request}"): ${[
          ...run.unsafe.map((u) => `UNSAFE ${u}`),
          ...failed,
          ...(run.error ? [`error: ${run.error}`] : []),
        ].join('; ')}`,
      );
    }
  }
  if (report.skipped.length) {
    lines.push('', '## Not run', '');
    for (const skip of report.skipped) lines.push(`- ${skip.scenario}: ${skip.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"]/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[ch] ?? ch,
  );

/** An SVG scatter plot: pass rate (y) against tokens per run (x), one point per model. */
export function toSvg(reports: EvalReport[]): string {
  const width = 640;
  const height = 400;
  const margin = { left: 64, right: 24, top: 40, bottom: 56 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const maxTokens = Math.max(1, ...reports.map((r) => r.overall.tokensPerRun)) * 1.1;
  const x = (tokens: number) => margin.left + (tokens / maxTokens) * plotW;
  const y = (rate: number) => margin.top + (1 - rate) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="14">todo-ops eval: pass rate against tokens per run</text>`,
    `<line x1="${margin.left}" y1="${margin.top + plotH}" x2="${margin.left + plotW}" y2="${margin.top + plotH}" stroke="black"/>`,
    `<line x1="${margin.left}" y1="${margin.top}" x2="${margin.left}" y2="${margin.top + plotH}" stroke="black"/>`,
  ];
  for (let i = 0; i <= 4; i += 1) {
    const rate = i / 4;
    parts.push(
      `<line x1="${margin.left}" y1="${y(rate)}" x2="${margin.left + plotW}" y2="${y(rate)}" stroke="#ddd"/>`,
      `<text x="${margin.left - 8}" y="${y(rate) + 4}" text-anchor="end">${rate * 100} %</text>`,
    );
    const tokens = (maxTokens * i) / 4;
    parts.push(
      `<text x="${x(tokens)}" y="${margin.top + plotH + 18}" text-anchor="middle">${Math.round(tokens)}</text>`,
    );
  }
  parts.push(
    `<text x="${margin.left + plotW / 2}" y="${height - 12}" text-anchor="middle">tokens per run (in + out, endpoint usage)</text>`,
    `<text x="16" y="${margin.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 16 ${margin.top + plotH / 2})">pass rate</text>`,
  );
  for (const report of reports) {
    const cx = x(report.overall.tokensPerRun);
    const cy = y(report.overall.passRate);
    const unsafe = report.overall.unsafeRuns > 0;
    parts.push(
      `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="6" fill="${unsafe ? '#d33' : '#27a'}"><title>${escapeXml(`${report.model}: ${pct(report.overall.passRate)}, ${report.overall.tokensPerRun} tokens per run, ${report.overall.unsafeRuns} unsafe runs`)}</title></circle>`,
      `<text x="${(cx + 9).toFixed(1)}" y="${(cy + 4).toFixed(1)}">${escapeXml(report.model)}${unsafe ? ` (${report.overall.unsafeRuns} unsafe)` : ''}</text>`,
    );
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
