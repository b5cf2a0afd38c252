/**
 * `verify`: an end-to-end smoke test of the deployed app: health, sign-up, sign-in, task
 * CRUD, a chat turn that adds a task and its stored history (when chat is configured), and
 * the UI's first page. It goes through the ingress when its address answers, else through
 * a port-forward over the Kubernetes API (tools/reach.ts), or to TODO_OPS_VERIFY_URL.
 * Its throwaway user's tasks are deleted, and the user too where the API allows it.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { z } from 'zod';
import { formatDuration, guard } from './common.js';
import { fail, ok, onFirstUse, type ToolResult } from './contract.js';
import type { OpsContext, OpsTool } from './deps.js';
import { KubeError } from './platform/kube.js';
import { type AppEndpoint, forwardToComponent, reachApp } from './reach.js';

const stepSchema = onFirstUse(() =>
  z.object({
    step: z.string().describe('what was checked: health, sign up, create task, ...'),
    ok: z.boolean().describe('whether it passed'),
    detail: z.string().describe('what happened'),
    ms: z.number().describe('how long it took'),
  }),
);
/** One step of the smoke test. */
export type VerifyStep = z.infer<ReturnType<typeof stepSchema>>;

const output = onFirstUse(() =>
  z.object({
    steps: z.array(stepSchema()).describe('every step, in order, cleanup included'),
    url: z.string().describe('where the app was reached'),
  }),
);

interface HttpAnswer {
  status: number;
  body: unknown;
}

/** A JSON request through node:http, so the Host header can name the ingress host. */
function call(
  base: URL,
  host: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port || 80,
        method,
        path: `${base.pathname.replace(/\/$/, '')}${path}`,
        timeout: 15_000,
        headers: {
          accept: 'application/json',
          ...(host ? { host } : {}),
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/**
 * How much of the app a run checks: `full` is `verify` (every task call, chat, the UI);
 * `proof` is what a change is proven with: health, a throwaway user signed up and in, a
 * task written and read back, then both deleted.
 */
export type SmokeScope = 'full' | 'proof';

/** The smoke test against a reachable app; the caller releases the endpoint. */
async function smokeTest(
  ctx: OpsContext,
  where: AppEndpoint,
  scope: SmokeScope = 'full',
): Promise<ToolResult<{ steps: VerifyStep[]; url: string }>> {
  const steps: VerifyStep[] = [];
  const started = Date.now();
  const step = async (name: string, fn: () => Promise<string>): Promise<boolean> => {
    const t0 = Date.now();
    try {
      const detail = await fn();
      steps.push({ step: name, ok: true, detail, ms: Date.now() - t0 });
      return true;
    } catch (error) {
      steps.push({
        step: name,
        ok: false,
        detail: (error as Error).message,
        ms: Date.now() - t0,
      });
      return false;
    }
  };
  const expect = (answer: HttpAnswer, status: number[], what: string) => {
    if (!status.includes(answer.status))
      throw new Error(
        `${what}: HTTP ${answer.status} ${typeof answer.body === 'string' ? answer.body.slice(0, 200) : JSON.stringify(answer.body)?.slice(0, 200)}`,
      );
    return answer.body as Record<string, unknown>;
  };
  const { base, host } = where;
  const http = (method: string, path: string, body?: unknown, token?: string) =>
    call(base, host, method, path, body, token);
  const email = `todo-ops-${scope === 'proof' ? 'proof' : 'verify'}-${randomBytes(4).toString('hex')}@example.com`;
  const password = randomBytes(12).toString('base64url');
  let token = '';
  let userId = '';
  let taskId = '';
  const run = async () => {
    if (
      !(await step('health', async () => {
        const body = expect(await http('GET', '/health'), [200], 'GET /health');
        return `status ${body.status}, database ${body.database}`;
      }))
    )
      return;
    if (
      !(await step('sign up', async () => {
        const body = expect(
          await http('POST', '/api/auth/signup', {
            email,
            password,
            name: 'todo-ops verify',
          }),
          [200, 201],
          'sign-up',
        );
        userId = String((body.user as { id?: unknown })?.id ?? '');
        return `user ${userId}`;
      }))
    )
      return;
    if (
      !(await step('sign in', async () => {
        const body = expect(
          await http('POST', '/api/auth/signin', { email, password }),
          [200],
          'sign-in',
        );
        token = String(body.token ?? '');
        if (!token) throw new Error('sign-in returned no token');
        return 'token received';
      }))
    )
      return;
    if (
      !(await step('create task', async () => {
        const body = expect(
          await http('POST', `/api/${userId}/tasks`, { title: 'todo-ops verify' }, token),
          [200, 201],
          'create task',
        );
        taskId = String(body.id ?? (body.task as { id?: unknown })?.id ?? '');
        return `task ${taskId}`;
      }))
    )
      return;
    await step('list tasks', async () => {
      const body = expect(
        await http('GET', `/api/${userId}/tasks?status=all`, undefined, token),
        [200],
        'list tasks',
      );
      const list = Array.isArray(body) ? body : ((body as { tasks?: unknown[] }).tasks ?? []);
      if (!list.some((t) => String((t as { id?: unknown }).id) === taskId))
        throw new Error('the new task is not listed');
      return `${list.length} task(s)`;
    });
    if (scope === 'proof') return;
    await step('update task', async () => {
      expect(
        await http(
          'PUT',
          `/api/${userId}/tasks/${taskId}`,
          { title: 'todo-ops verify (updated)' },
          token,
        ),
        [200],
        'update task',
      );
      return 'updated';
    });
    await step('complete task', async () => {
      expect(
        await http('PATCH', `/api/${userId}/tasks/${taskId}/complete`, undefined, token),
        [200],
        'complete task',
      );
      return 'completed';
    });
    let chatConfigured = true;
    let conversationId = '';
    await step('chat', async () => {
      const answer = await http(
        'POST',
        `/api/${userId}/chat`,
        { message: `Add a task titled "${VERIFY_CHAT_TASK}"` },
        token,
      );
      if (answer.status === 503) {
        chatConfigured = false;
        return 'skipped: chat is not configured (no OPENAI_API_KEY)';
      }
      const body = expect(answer, [200], 'chat');
      conversationId = String(body.conversation_id ?? '');
      const calls = ((body.tool_calls as Array<{ name?: unknown }> | undefined) ?? []).map((c) =>
        String(c.name),
      );
      return `answered in conversation ${conversationId}${calls.length ? `; tools: ${calls.join(', ')}` : ''}`;
    });
    if (chatConfigured && conversationId) {
      await step('chat history', async () => {
        const body = expect(
          await http(
            'GET',
            `/api/${userId}/conversations/${conversationId}/messages`,
            undefined,
            token,
          ),
          [200],
          'conversation history',
        );
        const messages = (Array.isArray(body) ? body : []) as Array<{ role?: string }>;
        const roles = messages.map((m) => m.role);
        if (!roles.includes('user') || !roles.includes('assistant'))
          throw new Error(`the stored conversation has ${roles.join(', ') || 'no messages'}`);
        return `${messages.length} messages stored`;
      });
    }
    // TODO_OPS_VERIFY_URL names the API only; otherwise the UI is checked too.
    if (where.via !== 'url')
      await step('ui', async () => {
        let ui = { base, host, close: async () => {} };
        if (where.via === 'port-forward') {
          const forward = await forwardToComponent(ctx, 'frontend');
          if (!forward) throw new Error('no frontend pod is ready');
          ui = {
            base: new URL(`http://127.0.0.1:${forward.handle.localPort}/`),
            host: undefined,
            close: () => forward.handle.close(),
          };
        }
        try {
          const answer = await call(ui.base, ui.host, 'GET', '/signin');
          if (answer.status !== 200) throw new Error(`GET /signin: HTTP ${answer.status}`);
          return 'sign-in page served';
        } finally {
          await ui.close();
        }
      });
  };
  try {
    await run();
  } catch (error) {
    steps.push({ step: 'connect', ok: false, detail: (error as Error).message, ms: 0 });
  } finally {
    if (taskId && token)
      await step('delete task', async () => {
        expect(
          await http('DELETE', `/api/${userId}/tasks/${taskId}`, undefined, token),
          [200, 204],
          'delete task',
        );
        return 'deleted';
      }).catch(() => false);
    if (token)
      await step('remove throwaway user', async () => {
        const answer = await http('DELETE', '/api/auth/me', undefined, token);
        if (answer.status === 404 || answer.status === 405)
          return `the API has no account deletion; ${email} remains (no tasks)`;
        expect(answer, [200, 204], 'delete user');
        return `removed ${email}`;
      }).catch(() => false);
  }
  const failed = steps.filter((s) => !s.ok);
  const url = where.describe;
  if (failed.length)
    return fail(
      'failed',
      `${scope === 'proof' ? 'the proof' : 'verify'} failed at ${failed.map((s) => s.step).join(', ')}: ${failed[0]?.detail}`,
      'run `todo-ops diagnose` and `todo-ops logs backend`',
      { steps, url },
    );
  return ok(
    `${steps.length} checks passed against ${url} in ${formatDuration(Date.now() - started)}`,
    { steps, url },
  );
}

/**
 * Proves the deployed app works as a user would use it (the `proof` scope of the smoke
 * test), through the ingress or a port-forward. The result's data has every step.
 */
export async function proveApp(
  ctx: OpsContext,
): Promise<ToolResult<{ steps: VerifyStep[]; url: string }>> {
  const unreachable = (message: string, hint: string) =>
    fail('unreachable', `the proof could not reach the app: ${message}`, hint, {
      steps: [{ step: 'connect', ok: false, detail: message, ms: 0 }],
      url: '-',
    });
  let where: Awaited<ReturnType<typeof reachApp>>;
  try {
    where = await reachApp(ctx);
  } catch (error) {
    // A port-forward the API server refuses is a failed proof, not a crash of the change.
    if (error instanceof KubeError) return unreachable(error.message, error.hint);
    throw error;
  }
  if (!('base' in where)) return unreachable(where.message, where.hint);
  try {
    return await smokeTest(ctx, where, 'proof');
  } finally {
    await where.close();
  }
}

/** One step of a smoke test or proof, as results carry it. */
export const verifyStepSchema = stepSchema;

const input = z
  .object({})
  .describe(
    'No input: the app is reached through the ingress, else a port-forward (or TODO_OPS_VERIFY_URL).',
  );

/** The title of the task verify asks the chat to add. */
export const VERIFY_CHAT_TASK = 'todo-ops verify chat task';

/** Runs the smoke test. */
export const verifyTool: OpsTool<typeof input, z.infer<ReturnType<typeof output>>> = {
  name: 'verify',
  title: 'Verify end to end',
  description:
    "Smoke-test the deployed app end to end (through the ingress, or a port-forward when the ingress has no reachable address): /health, sign-up, sign-in, create/list/update/complete/delete a task, a chat turn that adds a task and its stored history when chat is configured (which spends the app's model tokens), and the UI page. Writes to the app: it signs up a throwaway user and writes tasks, then deletes them and the user. For a question about state (is the app up?) use status instead.",
  input,
  get output() {
    return output();
  },
  // It signs up a user, writes tasks and may spend model tokens: a change, even if undone.
  effect: 'write',
  idempotent: false,
  openWorld: true,
  plan: () =>
    "sign up a throwaway user on the app, create, update, complete and delete a task as that user, ask the app's chat to add a task when chat is configured, then delete the user and its data",
  view: (data) => [
    {
      kind: 'text',
      text: data.steps.map((s) => `${s.ok ? '✓' : '✗'} ${s.step}: ${s.detail}`).join('\n'),
    },
  ],
  run: (_args, ctx) =>
    guard(
      ctx,
      async () => {
        const where = await reachApp(ctx);
        if (!('base' in where)) return fail('unreachable', where.message, where.hint);
        try {
          return await smokeTest(ctx, where);
        } finally {
          await where.close();
        }
      },
      { cluster: !ctx.deps.env.TODO_OPS_VERIFY_URL },
    ),
};
