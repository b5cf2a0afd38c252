/**
 * Evaluation of the fast-path router on a case set: precision, recall, must-not-route refusals
 * and (on request) the router's own latency. Used by `router-eval.test.ts` (figures asserted,
 * latency not) and `bench/router/run.ts` (figures and latency printed as a table).
 *
 * Twenty-one sets: nineteen development sets, which the grammar may be tuned against
 * (`router-cases.ts`, and `router-dev2.json` to `router-dev19.json`, each written by someone who
 * had not read the router), and the held-out sets, `router-heldout.json` and
 * `router-heldout15.json`, written by people who have not read the router, never used while
 * tuning. The JSON sets' format: a JSON array of
 * `{ "text": string, "expect": null | { "tool": string, "input": object } }`, where `null`
 * means "must not route" and `input` lists the arguments that must match (a subset of the
 * routed call's input after the tool's own schema has applied its defaults; for a free-text
 * argument, the guide's topic, its words a subset of the routed topic's words).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parseToolArgs } from '../../src/agent/calls.js';
import { type RouteResult, routeRequest } from '../../src/agent/router.js';
import { TOOL_NAMES } from '../../tools/names.js';
import { findTool } from '../../tools/registry.js';
import { EVERYDAY, NOT_ROUTED } from './router-cases.js';

/** One case: the request and the call it must produce, or null when it must not route. */
export interface RouterCase {
  text: string;
  expect: null | { tool: string; input: Record<string, unknown> };
}

/** The second development set: phrasings by a writer who had not read the router. */
export const DEV2_PATH = fileURLToPath(new URL('./router-dev2.json', import.meta.url));

/** The third development set: phrasings by another writer who had not read the router. */
export const DEV3_PATH = fileURLToPath(new URL('./router-dev3.json', import.meta.url));

/**
 * The fourth development set: polite full sentences with SRE jargon, by another writer who had
 * not read the router. It was the second held-out set, measured once before any tuning on it.
 */
export const DEV4_PATH = fileURLToPath(new URL('./router-dev4.json', import.meta.url));

/**
 * The fifth development set: a mix of terse, polite and on-call styles, by another writer who
 * had not read the router. It was the third held-out set, measured once before any tuning on it.
 */
export const DEV5_PATH = fileURLToPath(new URL('./router-dev5.json', import.meta.url));

/**
 * The sixth development set: people new to Kubernetes, non-native speakers, fast typists with
 * typos, developers in an IDE chat and indirect questions, by a writer who read only the tool
 * list and the README. It was the fourth held-out set, measured once before any tuning on it.
 */
export const DEV6_PATH = fileURLToPath(new URL('./router-dev6.json', import.meta.url));

/**
 * The seventh development set: a sample of how the product's users ask over a few weeks (about
 * a third terse commands, then polite sentences, on-call messages, people new to Kubernetes,
 * non-native speakers, typos, IDE users), by a writer who read only the tool list and the
 * README. It was the fifth held-out set, measured once before any tuning on it.
 */
export const DEV7_PATH = fileURLToPath(new URL('./router-dev7.json', import.meta.url));

/**
 * The eighth development set: a realistic sample of the product's users (a developer new to
 * Kubernetes, a team lead between meetings, an on-call engineer, a student, an IDE user,
 * someone whose first language is not English), by a writer who read only the tool list and
 * the README. It was the sixth held-out set, measured once before any tuning on it.
 */
export const DEV8_PATH = fileURLToPath(new URL('./router-dev8.json', import.meta.url));

/**
 * The ninth development set: a realistic sample of the product's users in their sessions (a
 * first deployment, a developer iterating, an incident, cleaning up, an IDE aside, someone
 * learning English), by a writer who read only the tool list and the README. It was the seventh
 * held-out set, measured once before any tuning on it.
 */
export const DEV9_PATH = fileURLToPath(new URL('./router-dev9.json', import.meta.url));

/**
 * The tenth development set: about 300 requests by a writer who read only the tool list and the
 * README, measured once with the router as it was when the set arrived, before any tuning on it.
 */
export const DEV10_PATH = fileURLToPath(new URL('./router-dev10.json', import.meta.url));

/**
 * The eleventh development set: a realistic sample of the product's users in their sessions (a
 * first deployment, a developer iterating, an incident at night, cleaning up after a demo, an
 * IDE aside, someone learning English, a manager checking in, a person new to Kubernetes), 240
 * requests by a writer who read only the tool list and the README. It was the ninth held-out
 * set, measured twice (before and after round 9, aggregates only) before any tuning on it.
 */
export const DEV11_PATH = fileURLToPath(new URL('./router-dev11.json', import.meta.url));

/**
 * The twelfth development set: a realistic sample of the product's users in their sessions (the
 * eleventh's brief), 240 requests by another writer who read only the tool list and the README.
 * It was the tenth held-out set, measured twice (before and after round 10, aggregates only)
 * before any tuning on it.
 */
export const DEV12_PATH = fileURLToPath(new URL('./router-dev12.json', import.meta.url));

/**
 * The thirteenth development set: a realistic sample of the product's users in their sessions
 * (the same brief as the eleventh and twelfth), 240 requests by another writer who read only the
 * tool list and the README. It was the eleventh held-out set, measured twice (before and after
 * round 11, aggregates only) before any tuning on it.
 */
export const DEV13_PATH = fileURLToPath(new URL('./router-dev13.json', import.meta.url));

/**
 * The fourteenth development set: 300 requests (210 to route, 90 that must not) by a writer who
 * never read the router, measured once with the router as it was when the set arrived, before
 * any tuning on it.
 */
export const DEV14_PATH = fileURLToPath(new URL('./router-dev14.json', import.meta.url));

/**
 * The fifteenth development set: a realistic sample of the product's users in their sessions
 * (the same brief as the eleventh to thirteenth), 240 requests by another writer who read only
 * the tool list and the README. It was the twelfth held-out set, measured twice (before and
 * after rounds 12 and 12b, aggregates only) before any tuning on it.
 */
export const DEV15_PATH = fileURLToPath(new URL('./router-dev15.json', import.meta.url));

/**
 * The sixteenth development set: 300 requests (210 to route, 90 that must not) by a writer who
 * never read the router, measured once with the router as it was when the set arrived, before
 * any tuning on it.
 */
export const DEV16_PATH = fileURLToPath(new URL('./router-dev16.json', import.meta.url));

/**
 * The seventeenth development set: 300 requests (210 to route, 90 that must not) by another
 * writer who never read the router, measured once with the router as it was when the set
 * arrived, before any tuning on it.
 */
export const DEV17_PATH = fileURLToPath(new URL('./router-dev17.json', import.meta.url));

/**
 * The eighteenth and nineteenth development sets: a realistic sample of the product's users in
 * their sessions (the same brief as the eleventh to fifteenth), 240 requests each by two more
 * writers who read only the tool list and the README. They were the thirteenth and fourteenth
 * held-out sets, measured twice (before and after rounds 13 and 13b, aggregates only) before any
 * tuning on them.
 */
export const DEV18_PATH = fileURLToPath(new URL('./router-dev18.json', import.meta.url));
export const DEV19_PATH = fileURLToPath(new URL('./router-dev19.json', import.meta.url));

/**
 * The twentieth development set: a realistic sample of the product's users in their sessions
 * (the same brief as the eleventh to fifteenth), 240 requests by a writer who read only the tool
 * list and the README. It was the fifteenth held-out set, measured twice (before and after
 * rounds 13 and 13b, aggregates only) before any tuning on it.
 */
export const DEV20_PATH = fileURLToPath(new URL('./router-dev20.json', import.meta.url));

/**
 * The sixteenth to eighteenth held-out sets: a realistic sample of the product's users in their
 * sessions (the same brief as the ninth to fifteenth), 240 requests each by three more writers
 * who read only the tool list and the README. Measured with the router before rounds 14 and 14b
 * and after them, aggregates only, never tuned against.
 */
export const HELDOUT16_PATH = fileURLToPath(new URL('./router-heldout16.json', import.meta.url));
export const HELDOUT17_PATH = fileURLToPath(new URL('./router-heldout17.json', import.meta.url));
export const HELDOUT18_PATH = fileURLToPath(new URL('./router-heldout18.json', import.meta.url));

/** Where the held-out set lives (absent until it is written). */
export const HELDOUT_PATH = fileURLToPath(new URL('./router-heldout.json', import.meta.url));

/** The development set as cases: every everyday request, then every must-not-route one. */
export function devCases(): RouterCase[] {
  return [
    ...EVERYDAY.map(([text, call]) => ({ text, expect: { tool: call.tool, input: call.args } })),
    ...NOT_ROUTED.map((text) => ({ text, expect: null })),
  ];
}

/** The second development set as cases. */
export function dev2Cases(): RouterCase[] {
  return loadCases(DEV2_PATH);
}

/** The third development set as cases. */
export function dev3Cases(): RouterCase[] {
  return loadCases(DEV3_PATH);
}

/** The fourth development set as cases. */
export function dev4Cases(): RouterCase[] {
  return loadCases(DEV4_PATH);
}

/** The fifth development set as cases. */
export function dev5Cases(): RouterCase[] {
  return loadCases(DEV5_PATH);
}

/** The sixth development set as cases. */
export function dev6Cases(): RouterCase[] {
  return loadCases(DEV6_PATH);
}

/** The seventh development set as cases. */
export function dev7Cases(): RouterCase[] {
  return loadCases(DEV7_PATH);
}

/** The eighth development set as cases. */
export function dev8Cases(): RouterCase[] {
  return loadCases(DEV8_PATH);
}

/** The ninth development set as cases. */
export function dev9Cases(): RouterCase[] {
  return loadCases(DEV9_PATH);
}

/** The tenth development set as cases. */
export function dev10Cases(): RouterCase[] {
  return loadCases(DEV10_PATH);
}

/** The eleventh development set as cases. */
export function dev11Cases(): RouterCase[] {
  return loadCases(DEV11_PATH);
}

/** The twelfth development set as cases. */
export function dev12Cases(): RouterCase[] {
  return loadCases(DEV12_PATH);
}

/** The thirteenth development set as cases. */
export function dev13Cases(): RouterCase[] {
  return loadCases(DEV13_PATH);
}

/** The fourteenth development set as cases. */
export function dev14Cases(): RouterCase[] {
  return loadCases(DEV14_PATH);
}

/** The fifteenth development set as cases. */
export function dev15Cases(): RouterCase[] {
  return loadCases(DEV15_PATH);
}

/** The sixteenth development set as cases. */
export function dev16Cases(): RouterCase[] {
  return loadCases(DEV16_PATH);
}

/** The seventeenth development set as cases. */
export function dev17Cases(): RouterCase[] {
  return loadCases(DEV17_PATH);
}

/** The eighteenth development set as cases. */
export function dev18Cases(): RouterCase[] {
  return loadCases(DEV18_PATH);
}

/** The nineteenth development set as cases. */
export function dev19Cases(): RouterCase[] {
  return loadCases(DEV19_PATH);
}

/** The twentieth development set as cases. */
export function dev20Cases(): RouterCase[] {
  return loadCases(DEV20_PATH);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads and checks a case file; a malformed one is an error that says which entry. */
export function loadCases(path: string): RouterCase[] {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${path}: expected a JSON array of cases`);
  return parsed.map((entry: unknown, i): RouterCase => {
    const where = `${path}: case ${i}`;
    if (!isRecord(entry) || typeof entry.text !== 'string')
      throw new Error(`${where}: expected { "text": string, "expect": ... }`);
    if (entry.expect === null) return { text: entry.text, expect: null };
    const expect = entry.expect;
    if (!isRecord(expect) || typeof expect.tool !== 'string' || !isRecord(expect.input))
      throw new Error(
        `${where} (${JSON.stringify(entry.text)}): expect must be null or { tool, input }`,
      );
    if (!(TOOL_NAMES as readonly string[]).includes(expect.tool))
      throw new Error(`${where}: unknown tool ${JSON.stringify(expect.tool)}`);
    return { text: entry.text, expect: { tool: expect.tool, input: expect.input } };
  });
}

/** The held-out set, or undefined when it has not been written yet. */
export function loadHeldOut(path = HELDOUT_PATH): RouterCase[] | undefined {
  return existsSync(path) ? loadCases(path) : undefined;
}

/** What happened to one case. */
export type Verdict =
  | 'correct' // routed to the expected tool with the expected arguments
  | 'wrong' // routed, but to another tool or with other arguments
  | 'missed' // expected a route, went to the model
  | 'refused' // must not route, and did not
  | 'false_route'; // must not route, but did

/** One case's outcome. */
export interface CaseOutcome {
  text: string;
  expect: RouterCase['expect'];
  route: RouteResult;
  verdict: Verdict;
}

/** Router latency in microseconds over all cases (each case timed on its own). */
export interface Latency {
  p50: number;
  p99: number;
  max: number;
}

/** The figures for one case set. */
export interface Evaluation {
  name: string;
  cases: number;
  /** Cases that expect a route / that must not route. */
  expectRoute: number;
  mustNotRoute: number;
  routed: number;
  correct: number;
  /** correct / routed (1 when nothing was routed). */
  precision: number;
  /** correct / expectRoute. */
  recall: number;
  /** refused / mustNotRoute: the share of must-not-route cases left to the model. */
  refusal: number;
  outcomes: CaseOutcome[];
  latency?: Latency;
}

/**
 * Arguments that are free text the tool searches with, by tool: the guide's topic. Writers copy
 * more or less of a request into it ("kagent", "use kagent"; "kubectl-ai", "kubectl-ai example
 * prompts"), so for these the expected words are a subset of the routed words, as the expected
 * arguments are a subset of the routed call's.
 */
const FREE_TEXT: Record<string, readonly string[]> = { guide: ['topic'] };

/** Words that carry nothing in a topic: "prompts for the todo app" = "prompts todo app". */
const FUNCTION_WORDS = new Set([
  'a',
  'an',
  'the',
  'for',
  'to',
  'of',
  'on',
  'in',
  'with',
  'at',
  'and',
  'about',
  'into',
]);

/** A free-text argument's words, lower case, without function words. */
export function topicWords(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9-]+/)
      .filter((w) => w && !FUNCTION_WORDS.has(w)),
  );
}

/** Whether a routed argument has the expected value (for free text: the expected words). */
function argMatches(tool: string, key: string, routed: unknown, expected: unknown): boolean {
  if (
    FREE_TEXT[tool]?.includes(key) &&
    typeof routed === 'string' &&
    typeof expected === 'string'
  ) {
    const words = topicWords(routed);
    const wanted = topicWords(expected);
    return wanted.size > 0 && [...wanted].every((w) => words.has(w));
  }
  return isDeepStrictEqual(routed, expected);
}

/** Whether a routed call is the expected one: same tool, expected arguments a subset. */
function matches(route: RouteResult, expect: NonNullable<RouterCase['expect']>): boolean {
  if (!route.routed || route.call.tool !== expect.tool) return false;
  const tool = findTool(route.call.tool);
  if (!tool) return false;
  // Compare with what the tool really receives: its schema fills in defaults (tail: 100).
  const parsed = parseToolArgs(tool, route.call.args);
  if (!parsed.ok) return false;
  const args = parsed.args as Record<string, unknown>;
  return Object.entries(expect.input).every(([key, value]) =>
    argMatches(expect.tool, key, args[key], value),
  );
}

function verdict(route: RouteResult, expect: RouterCase['expect']): Verdict {
  if (expect === null) return route.routed ? 'false_route' : 'refused';
  if (!route.routed) return 'missed';
  return matches(route, expect) ? 'correct' : 'wrong';
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Each case routed `rounds` times in five batches after a warm-up pass; a case's figure is its
 * median batch mean in microseconds (robust to a busy machine), then p50/p99/max over cases.
 */
function measureLatency(cases: RouterCase[], rounds: number): Latency {
  for (const { text } of cases) routeRequest(text);
  const perBatch = Math.max(1, Math.ceil(rounds / 5));
  const perCase = cases.map(({ text }) => {
    const batches: number[] = [];
    for (let b = 0; b < 5; b += 1) {
      const start = performance.now();
      for (let i = 0; i < perBatch; i += 1) routeRequest(text);
      batches.push(((performance.now() - start) * 1000) / perBatch);
    }
    return batches.sort((x, y) => x - y)[2] as number;
  });
  const sorted = perCase.sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 };
}

/** Routes every case and computes the figures; with `latencyRounds`, times the router too. */
export function evaluate(
  name: string,
  cases: RouterCase[],
  options: { latencyRounds?: number } = {},
): Evaluation {
  const outcomes = cases.map(({ text, expect }) => {
    const route = routeRequest(text);
    return { text, expect, route, verdict: verdict(route, expect) };
  });
  const count = (v: Verdict) => outcomes.filter((o) => o.verdict === v).length;
  const correct = count('correct');
  const routed = correct + count('wrong') + count('false_route');
  const mustNotRoute = count('refused') + count('false_route');
  const expectRoute = cases.length - mustNotRoute;
  return {
    name,
    cases: cases.length,
    expectRoute,
    mustNotRoute,
    routed,
    correct,
    precision: routed ? correct / routed : 1,
    recall: expectRoute ? correct / expectRoute : 1,
    refusal: mustNotRoute ? count('refused') / mustNotRoute : 1,
    outcomes,
    ...(options.latencyRounds ? { latency: measureLatency(cases, options.latencyRounds) } : {}),
  };
}

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

/** One line of figures, for test output. */
export function summary(e: Evaluation): string {
  return `${e.name}: precision ${percent(e.precision)} (${e.correct}/${e.routed}), recall ${percent(e.recall)} (${e.correct}/${e.expectRoute}), must-not-route refused ${percent(e.refusal)} (${e.mustNotRoute - e.outcomes.filter((o) => o.verdict === 'false_route').length}/${e.mustNotRoute})`;
}

/** The cases that cost precision or refusal, and (optionally) recall, one per line. */
export function failures(e: Evaluation, withMissed = false): string[] {
  return e.outcomes
    .filter(
      (o) =>
        o.verdict === 'wrong' ||
        o.verdict === 'false_route' ||
        (withMissed && o.verdict === 'missed'),
    )
    .map(
      (o) =>
        `${o.verdict}: ${JSON.stringify(o.text)} -> ${o.route.routed ? JSON.stringify(o.route.call) : o.route.reason}; expected ${JSON.stringify(o.expect)}`,
    );
}
