/**
 * Small recording tools with the agreed names and inputs, for agent, MCP and UI tests that
 * run without a cluster. Each records what it was called with; outputs are scriptable so a
 * test can plant instructions or secrets in "cluster" text.
 */
import { z } from 'zod';
import { fail, ok, type Tool, type ToolResult } from '../../tools/contract.js';

/** What the test tools did. */
export interface ToolLog {
  calls: Array<{ tool: string; args: Record<string, unknown> }>;
  /** Lines the `logs` tool returns. */
  logLines: string[];
  /** Messages the `events` tool returns. */
  eventMessages: string[];
  /** Replicas per component, changed by `scale`. */
  replicas: Record<string, number>;
}

/** A fresh log with two backend and one frontend replica. */
export function newToolLog(): ToolLog {
  return {
    calls: [],
    logLines: ['server listening on :8000'],
    eventMessages: [],
    replicas: { backend: 2, frontend: 1 },
  };
}

const component = z.enum(['backend', 'frontend']).describe('which part of the app');

/** Keeps each tool's input typed while collecting them in one list. */
function define<I extends z.ZodObject>(tool: Tool<I>): Tool {
  return tool;
}

/** Builds the test tool set over a shared log. */
export function testTools(log: ToolLog): Tool[] {
  const record = (tool: string, args: Record<string, unknown>) => log.calls.push({ tool, args });
  const pods = () =>
    Object.entries(log.replicas).flatMap(([name, count]) =>
      Array.from({ length: count }, (_, i) => ({
        name: `todo-app-${name}-abc12-${i}`,
        component: name,
        ready: '1/1',
        status: 'Running',
        restarts: 0,
        age: '5m',
      })),
    );
  const tools: Tool[] = [
    define({
      name: 'status',
      title: 'Status',
      description: 'Shows the release and its pods.',
      input: z.object({}),
      effect: 'read',
      idempotent: true,
      run: async (args) => {
        record('status', args);
        return ok(
          `backend ${log.replicas.backend} ready, frontend ${log.replicas.frontend} ready`,
          { pods: pods() },
        );
      },
    }),
    define({
      name: 'scale',
      title: 'Scale',
      description: 'Sets the replica count of a component through helm.',
      input: z.object({
        component,
        replicas: z.number().int().min(0).max(20).describe('replica count'),
      }),
      effect: 'write',
      idempotent: true,
      run: async (args, ctx) => {
        record('scale', args);
        ctx.progress?.({ message: `waiting for ${args.component} rollout`, fraction: 0.5 });
        const from = log.replicas[args.component] ?? 0;
        log.replicas[args.component] = args.replicas;
        return ok(`${args.component} ${from} -> ${args.replicas} replicas`, {
          component: args.component,
          from,
          to: args.replicas,
          pods: pods(),
        });
      },
    }),
    define({
      name: 'logs',
      title: 'Logs',
      description: 'Shows recent log lines of a component.',
      input: z.object({
        component: z.enum(['backend', 'frontend', 'postgresql']).optional().describe('whose logs'),
        tail: z.number().int().min(1).max(5000).optional().describe('lines'),
        since: z.string().optional().describe('e.g. 10m'),
        previous: z.boolean().optional().describe('previous container'),
      }),
      effect: 'read',
      idempotent: true,
      run: async (args) => {
        record('logs', args);
        return ok(`${log.logLines.length} lines`, { lines: log.logLines });
      },
    }),
    define({
      name: 'events',
      title: 'Events',
      description: 'Shows recent Kubernetes events.',
      input: z.object({
        component: component.optional(),
        warningsOnly: z.boolean().optional().describe('only warnings'),
      }),
      effect: 'read',
      idempotent: true,
      run: async (args) => {
        record('events', args);
        return ok(`${log.eventMessages.length} events`, {
          events: log.eventMessages.map((message) => ({ type: 'Warning', message })),
        });
      },
    }),
    define({
      name: 'restart',
      title: 'Restart',
      description: 'Restarts the pods of a component.',
      input: z.object({ component }),
      effect: 'write',
      idempotent: false,
      run: async (args) => {
        record('restart', args);
        return ok(`${args.component} restarted`, {});
      },
    }),
    define({
      name: 'rollback',
      title: 'Rollback',
      description: 'Rolls the release back.',
      input: z.object({ revision: z.number().int().min(1).optional().describe('target revision') }),
      effect: 'write',
      idempotent: false,
      run: async (args) => {
        record('rollback', args);
        return ok('rolled back', {});
      },
    }),
    define({
      name: 'teardown',
      title: 'Teardown',
      description: 'Uninstalls the release.',
      input: z.object({
        stopMinikube: z.boolean().optional().describe('also stop minikube'),
        removeImages: z.boolean().optional().describe('also remove images'),
      }),
      effect: 'destructive',
      idempotent: true,
      run: async (args) => {
        record('teardown', args);
        return ok('release uninstalled', {});
      },
    }),
    define({
      name: 'diagnose',
      title: 'Diagnose',
      description: 'Finds why a component fails.',
      input: z.object({ component: component.optional() }),
      effect: 'read',
      idempotent: true,
      run: async (args): Promise<ToolResult> => {
        record('diagnose', args);
        return args.component === 'frontend'
          ? fail(
              'failed',
              'CrashLoopBackOff in todo-app-frontend',
              'check frontend.env.BACKEND_URL',
            )
          : ok('no problems found', { findings: [] });
      },
    }),
  ];
  return tools;
}
