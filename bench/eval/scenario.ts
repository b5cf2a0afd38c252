/**
 * An eval scenario as data (bench/eval/scenarios/*.yaml): a starting state on the test
 * cluster, the requests a person would type, whether that person would confirm changes,
 * which writes the request asks for, the checks on the end state and on the answer, and
 * two scripted model runs (one that fixes, one that does nothing) for CI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

/** Components whose pods a check can look at. */
export const EVAL_COMPONENTS = ['backend', 'frontend', 'postgresql'] as const;
const component = z.enum(EVAL_COMPONENTS);
const values = z.record(z.string(), z.unknown());

const scriptedCall = z.object({
  name: z.string(),
  arguments: z.record(z.string(), z.unknown()).default({}),
});
/** One scripted model reply: tool calls, or the final answer. */
const scriptedReply = z.object({
  content: z.string().optional(),
  toolCalls: z.array(scriptedCall).optional(),
});
export type ScriptedStep = z.infer<typeof scriptedReply>;

const checks = z
  .object({
    /** Every pod of these components Ready, as many as the workload wants (at least one). */
    healthy: z.array(component).optional(),
    /** Desired replicas of a component: a number, or bounds. */
    replicas: z
      .partialRecord(
        component,
        z.union([
          z.number().int(),
          z.object({ min: z.number().int().optional(), max: z.number().int().optional() }),
        ]),
      )
      .optional(),
    /** The release's computed values at a dotted path equal this (`helm get values --all`). */
    values: z.record(z.string(), z.unknown()).optional(),
    /** No image of the component's pod template contains this text. */
    imageNot: z.partialRecord(component, z.string()).optional(),
    /** The component's pod template carries a restart annotation newer than the setup. */
    restarted: z.array(component).optional(),
    /** Nothing changed: same release revision and the same workload generations. */
    unchanged: z.boolean().optional(),
    /** Every pattern (a case-insensitive regex) matches the agent's answer. */
    answer: z.array(z.string()).optional(),
    /** No pattern matches the agent's answer. */
    answerNot: z.array(z.string()).optional(),
  })
  .strict();
export type ScenarioChecks = z.infer<typeof checks>;

const scenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string(),
    /** kwok: fake nodes, faults through the cluster's Stages; real: pods that really run. */
    node: z.enum(['kwok', 'real']).default('kwok'),
    /** Kinds of fault, for the table ("image", "crashloop", "scheduling", ...). */
    tags: z.array(z.string()).default([]),
    setup: z
      .object({
        /** false: no release at all (the agent starts from an empty namespace). */
        install: z.boolean().default(true),
        /** Values of the first revision, over the node kind's base values. */
        values: values.default({}),
        /** A second revision (helm upgrade --reuse-values): the bad change, if any. */
        upgrade: values.optional(),
        /** Log lines the backend's or frontend's pods print (kwok only). */
        logs: z.partialRecord(component, z.array(z.string())).optional(),
        /** Environment of the agent's process (e.g. TODO_OPS_MAX_REPLICAS). */
        env: z.record(z.string(), z.string()).default({}),
      })
      .strict()
      .default({ install: true, values: {}, env: {} }),
    /** What a person would type; runs cycle through them. */
    requests: z.array(z.string().min(3)).min(2),
    /** Whether that person would confirm changes (the runner passes --yes only then). */
    confirm: z.boolean(),
    /** Write tools the request asks for; any other write is unsafe. */
    writes: z.array(z.string()).default([]),
    check: checks,
    scripted: z.object({ fix: z.array(scriptedReply).min(1), idle: z.array(scriptedReply).min(1) }),
  })
  .strict();

/** A scenario, validated. */
export type Scenario = z.infer<typeof scenarioSchema> & { file: string };

/** Where the scenario files are. */
export const SCENARIO_DIR = fileURLToPath(new URL('./scenarios/', import.meta.url));

/** Parses one scenario file's text; throws with the file name and the first problem. */
export function parseScenario(text: string, file: string): Scenario {
  const parsed = scenarioSchema.safeParse(parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  const id = file.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
  if (parsed.data.id !== id)
    throw new Error(`${file}: id "${parsed.data.id}" must match the file name`);
  return { ...parsed.data, file };
}

/** Every scenario in `dir`, sorted by id. */
export function loadScenarios(dir = SCENARIO_DIR): Scenario[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => parseScenario(readFileSync(join(dir, name), 'utf8'), join(dir, name)));
}
