import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithEnv } from '../../../test/support/env.ts';
import type { Database } from '../src/db/database.ts';
import { dbTargets, type FreshDatabase, type RunningApi, signUp, startApi } from './support/api.ts';
import { type ScriptedOpenAI, startScriptedOpenAI } from './support/scripted-openai.ts';

for (const target of dbTargets()) {
  describeWithEnv(`chat API on ${target.name}`, target.missing, () => {
    let model: ScriptedOpenAI;
    let fresh: FreshDatabase;
    let database: Database;
    let api: RunningApi;
    const chatEnv = () => ({
      OPENAI_API_KEY: 'sk-test-key',
      OPENAI_BASE_URL: model.url,
      OPENAI_MODEL: 'scripted-model',
      OPENAI_MAX_RETRIES: '0',
    });

    beforeAll(async () => {
      model = await startScriptedOpenAI();
      fresh = await target.create();
      database = await fresh.open();
      api = await startApi(database, chatEnv());
    });
    afterAll(async () => {
      await api?.close();
      await database?.close();
      await fresh?.drop();
      await model?.close();
    });

    const chat = (user: { id: number; token: string }, body: unknown) =>
      api.request('POST', `/api/${user.id}/chat`, { token: user.token, body });

    it('adds and completes tasks through tool calls, and stores the conversation', async () => {
      const user = await signUp(api);
      const before = model.requests.length;
      model.enqueue(
        { toolCalls: [{ name: 'add_task', arguments: { title: 'Buy milk' } }] },
        { text: 'Added "Buy milk".' },
      );
      const first = await chat(user, { message: 'Remind me to buy milk' });
      expect(first.status).toBe(200);
      expect(first.body.response).toBe('Added "Buy milk".');
      expect(first.body.tool_calls).toEqual([
        {
          name: 'add_task',
          arguments: { title: 'Buy milk' },
          result: {
            ok: true,
            task: expect.objectContaining({ title: 'Buy milk', completed: false }),
          },
        },
      ]);
      const taskId = first.body.tool_calls[0].result.task.id as number;
      const conversationId = first.body.conversation_id as number;

      // The real SDK sent the key, the model, the tools and the user's message.
      const sent = model.requests[before];
      expect(sent?.authorization).toBe('Bearer sk-test-key');
      expect(sent?.body.model).toBe('scripted-model');
      expect(sent?.body.tools?.map((t) => t.function.name).sort()).toEqual([
        'add_task',
        'complete_task',
        'delete_task',
        'list_tasks',
        'update_task',
      ]);
      expect(sent?.body.messages.at(-1)).toEqual({
        role: 'user',
        content: 'Remind me to buy milk',
      });
      // The second round carried the tool result back.
      const toolMessage = model.requests[before + 1]?.body.messages.at(-1);
      expect(toolMessage?.role).toBe('tool');
      expect(JSON.parse(toolMessage?.content ?? '{}')).toMatchObject({ ok: true });

      model.enqueue(
        { toolCalls: [{ name: 'list_tasks', arguments: { status: 'pending' } }] },
        { toolCalls: [{ name: 'complete_task', arguments: { task_id: taskId } }] },
        { text: 'Done: "Buy milk" is completed.' },
      );
      const second = await chat(user, {
        conversation_id: conversationId,
        message: 'I bought the milk',
      });
      expect(second.status).toBe(200);
      expect(second.body.conversation_id).toBe(conversationId);
      expect(second.body.tool_calls.map((c: { name: string }) => c.name)).toEqual([
        'list_tasks',
        'complete_task',
      ]);
      // History was loaded from the database: the first exchange went to the model again.
      const history = model.requests.at(-3)?.body.messages.map((m) => `${m.role}:${m.content}`);
      expect(history).toEqual([
        expect.stringMatching(/^system:/),
        'user:Remind me to buy milk',
        'assistant:Added "Buy milk".',
        'user:I bought the milk',
      ]);

      const tasks = await api.request('GET', `/api/${user.id}/tasks`, { token: user.token });
      expect(tasks.body).toEqual([
        expect.objectContaining({ id: taskId, title: 'Buy milk', completed: true }),
      ]);

      const conversations = await api.request('GET', `/api/${user.id}/conversations`, {
        token: user.token,
      });
      expect(conversations.body).toEqual([
        expect.objectContaining({ id: conversationId, title: 'Remind me to buy milk' }),
      ]);
      const messages = await api.request(
        'GET',
        `/api/${user.id}/conversations/${conversationId}/messages`,
        {
          token: user.token,
        },
      );
      expect(
        messages.body.map((m: { role: string; content: string }) => [m.role, m.content]),
      ).toEqual([
        ['user', 'Remind me to buy milk'],
        ['assistant', 'Added "Buy milk".'],
        ['user', 'I bought the milk'],
        ['assistant', 'Done: "Buy milk" is completed.'],
      ]);
      expect(messages.body[3].tool_calls).toHaveLength(2);
    });

    it("tools act only on the caller's tasks; bad tool arguments go back to the model", async () => {
      const alice = await signUp(api, 'alice');
      const bob = await signUp(api, 'bob');
      const aliceTask = (
        await api.request('POST', `/api/${alice.id}/tasks`, {
          token: alice.token,
          body: { title: 'private' },
        })
      ).body;
      model.enqueue(
        {
          toolCalls: [
            { name: 'complete_task', arguments: { task_id: aliceTask.id } },
            { name: 'delete_task', arguments: { task_id: aliceTask.id } },
            { name: 'add_task', arguments: { title: '' } },
            { name: 'add_task', arguments: '{not json' },
            { name: 'drop_database', arguments: {} },
          ],
        },
        { text: 'I could not do that.' },
      );
      const response = await chat(bob, { message: `complete and delete task ${aliceTask.id}` });
      expect(response.status).toBe(200);
      const results = response.body.tool_calls.map(
        (c: { result: { ok: boolean; error?: string } }) => c.result,
      );
      expect(results.every((r: { ok: boolean }) => r.ok === false)).toBe(true);
      expect(results[0].error).toContain('not found');
      const still = await api.request('GET', `/api/${alice.id}/tasks/${aliceTask.id}`, {
        token: alice.token,
      });
      expect(still.body).toMatchObject({ title: 'private', completed: false });
      expect((await api.request('GET', `/api/${bob.id}/tasks`, { token: bob.token })).body).toEqual(
        [],
      );
    });

    it("another user can neither read nor continue someone's conversation", async () => {
      const alice = await signUp(api, 'alice');
      const bob = await signUp(api, 'bob');
      model.enqueue({ text: 'Hello Alice' });
      const started = await chat(alice, { message: 'secret plans' });
      const id = started.body.conversation_id as number;
      const asBob = (path: string) =>
        api.request('GET', `/api/${bob.id}${path}`, { token: bob.token });
      expect((await asBob('/conversations')).body).toEqual([]);
      expect((await asBob(`/conversations/${id}/messages`)).status).toBe(404);
      const requests = model.requests.length;
      const hijack = await chat(bob, { conversation_id: id, message: 'tell me the secret plans' });
      expect(hijack.status).toBe(404);
      expect(model.requests.length).toBe(requests);
      const messages = await api.request('GET', `/api/${alice.id}/conversations/${id}/messages`, {
        token: alice.token,
      });
      expect(messages.body).toHaveLength(2);
      const forbidden = await api.request('GET', `/api/${alice.id}/conversations`, {
        token: bob.token,
      });
      expect(forbidden.status).toBe(403);
    });

    it('keeps the user message and answers 502 when the model fails', async () => {
      const user = await signUp(api);
      model.enqueue({ status: 500, error: 'upstream exploded' });
      const failed = await chat(user, { message: 'add a task to water plants' });
      expect(failed.status).toBe(502);
      expect(failed.body.error).toBe('model_error');
      expect(failed.body.message).toMatch(/AI model failed.*HTTP 500/);
      expect(failed.body.message).not.toContain('sk-test-key');
      const id = failed.body.conversation_id as number;
      const messages = await api.request('GET', `/api/${user.id}/conversations/${id}/messages`, {
        token: user.token,
      });
      expect(
        messages.body.map((m: { role: string; content: string }) => [m.role, m.content]),
      ).toEqual([['user', 'add a task to water plants']]);

      // The next turn in the same conversation works and still sees the stored message.
      model.enqueue({ status: 401, error: 'bad key' });
      expect((await chat(user, { conversation_id: id, message: 'retry' })).status).toBe(502);
      model.enqueue({ text: 'Sorry, done now.' });
      const ok = await chat(user, { conversation_id: id, message: 'retry again' });
      expect(ok.status).toBe(200);
      expect(
        model.requests
          .at(-1)
          ?.body.messages.filter((m) => m.role === 'user')
          .map((m) => m.content),
      ).toEqual(['add a task to water plants', 'retry', 'retry again']);
    });

    it('rejects bad chat input naming the field', async () => {
      const user = await signUp(api);
      const cases: [unknown, string][] = [
        [{}, 'message'],
        [{ message: '' }, 'message'],
        [{ message: 'x'.repeat(4001) }, 'message'],
        [{ message: 'hi', conversation_id: 'one' }, 'conversation_id'],
        [{ message: 'hi', conversation_id: 0 }, 'conversation_id'],
      ];
      for (const [body, field] of cases) {
        const response = await chat(user, body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.field).toBe(field);
      }
      expect(
        (await api.request('GET', `/api/${user.id}/conversations`, { token: user.token })).body,
      ).toEqual([]);
    });

    it('continues a conversation after the server restarts on the same database', async () => {
      const user = await signUp(api);
      model.enqueue({ text: 'Noted: your favourite colour is green.' });
      const first = await chat(user, { message: 'My favourite colour is green' });
      const id = first.body.conversation_id as number;

      await api.close();
      await database.close();
      database = await fresh.open();
      api = await startApi(database, chatEnv());

      model.enqueue({ text: 'Green.' });
      const second = await chat(user, {
        conversation_id: id,
        message: 'What is my favourite colour?',
      });
      expect(second.status).toBe(200);
      expect(second.body.conversation_id).toBe(id);
      expect(model.requests.at(-1)?.body.messages.slice(1)).toEqual([
        { role: 'user', content: 'My favourite colour is green' },
        { role: 'assistant', content: 'Noted: your favourite colour is green.' },
        { role: 'user', content: 'What is my favourite colour?' },
      ]);
    });

    it('answers 503 saying chat is not configured when there is no key', async () => {
      const noKey = await startApi(database, {});
      try {
        const user = await signUp(noKey);
        const response = await noKey.request('POST', `/api/${user.id}/chat`, {
          token: user.token,
          body: { message: 'hello' },
        });
        expect(response.status).toBe(503);
        expect(response.body.error).toBe('chat_not_configured');
        expect(response.body.message).toContain('OPENAI_API_KEY');
      } finally {
        await noKey.close();
      }
    });
  });
}
