import { afterEach, describe, expect, it, vi } from 'vitest';
import { themeFor } from '../../src/ui/hooks/useTheme.js';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai.js';
import { KEY, renderChat } from './render.js';

let fake: FakeOpenAI | undefined;
const unmounts: Array<() => void> = [];
afterEach(async () => {
  for (const unmount of unmounts.splice(0)) unmount();
  await fake?.close();
  fake = undefined;
});

function chat(options: Parameters<typeof renderChat>[0] = {}) {
  const instance = renderChat(options);
  unmounts.push(instance.unmount);
  return instance;
}

async function send(c: ReturnType<typeof renderChat>, text: string) {
  await c.type(text);
  await vi.waitFor(() => expect(c.frame()).toContain(`> ${text}`));
  c.stdin.write(KEY.enter);
}

describe('Ink chat', () => {
  it('shows the header and runs a fast-path request, with pods as a table', async () => {
    const c = chat();
    expect(c.frame()).toContain(
      'todo-ops 0.1.0 · context test · namespace todo · model test-model',
    );
    await send(c, 'show pods');
    await vi.waitFor(() => expect(c.frame()).toMatch(/✓ status .*3\/3 pods ready/));
    expect(c.frame()).toMatch(/POD\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
    expect(c.frame()).toMatch(/todo-app-backend-abc12-1\s+1\/1\s+Running\s+0\s+5m/);
  });

  it('asks before a change, showing exactly what will change, and applies it on y', async () => {
    const c = chat();
    await send(c, 'scale backend to 3');
    await vi.waitFor(() => expect(c.frame()).toContain('Apply this change? [y/N]'));
    expect(c.frame()).toContain(
      'Change: scale backend to 3 replicas (helm upgrade --reuse-values --set backend.replicas=3)',
    );
    expect(c.log.calls).toEqual([]);
    c.stdin.write('y');
    await vi.waitFor(() =>
      expect(c.frame()).toMatch(/✓ scale component=backend replicas=3 .*backend 2 -> 3 replicas/),
    );
    expect(c.log.changes).toEqual(['helm upgrade --set backend.replicas=3']);
    expect(c.log.replicas.backend).toBe(3);
    expect(c.frame()).toContain('todo-app-backend-abc12-2');
  });

  it('does nothing when the change is declined', async () => {
    const c = chat();
    await send(c, 'restart frontend');
    await vi.waitFor(() => expect(c.frame()).toContain('Apply this change? [y/N]'));
    c.stdin.write('n');
    await vi.waitFor(() =>
      expect(c.frame()).toContain('✗ restart component=frontend: not applied'),
    );
    expect(c.log.calls).toEqual([]);
  });

  it('streams the model answer after its tool calls', async () => {
    fake = await startFakeOpenAI({
      script: [
        { toolCalls: [{ name: 'diagnose', arguments: { component: 'backend' } }] },
        { content: 'The backend looks healthy: no problems found.' },
      ],
    });
    const c = chat({ baseURL: fake.baseURL });
    await send(c, 'anything odd with the api lately?');
    await vi.waitFor(() =>
      expect(c.frame()).toContain('The backend looks healthy: no problems found.'),
    );
    expect(c.frame()).toMatch(/✓ diagnose component=backend/);
  });

  it('without a model, says what works without one', async () => {
    const c = chat();
    await send(c, 'summarise everything');
    await vi.waitFor(() => expect(c.frame()).toContain('none is configured'));
  });

  it('has /help, /read-only, /model and /clear', async () => {
    const c = chat();
    await send(c, '/help');
    await vi.waitFor(() => expect(c.frame()).toContain('Commands: /help  /clear  /read-only'));
    await send(c, '/read-only');
    await vi.waitFor(() => expect(c.frame()).toContain('model test-model · read-only'));
    expect(c.agent()?.readOnly).toBe(true);
    await send(c, '/model other-model');
    await vi.waitFor(() => expect(c.frame()).toContain('model other-model · read-only'));
    expect(c.agent()?.model).toBe('other-model');
    await send(c, '/clear');
    await vi.waitFor(() => expect(c.frame()).not.toContain('Commands: /help'));
  });

  it('in read-only mode, refuses a change without asking', async () => {
    const c = chat({ readOnly: true });
    await send(c, 'scale frontend to 2');
    await vi.waitFor(() =>
      expect(c.frame()).toContain('✗ scale component=frontend replicas=2: not applied'),
    );
    expect(c.frame()).not.toContain('Apply this change?');
    expect(c.log.calls).toEqual([]);
  });

  it('recalls earlier input with the up arrow', async () => {
    const c = chat();
    await send(c, 'show pods');
    await vi.waitFor(() => expect(c.frame()).toContain('✓ status'));
    c.stdin.write(KEY.up);
    await vi.waitFor(() => expect(c.frame().split('\n').at(-1)?.trim()).toBe('> show pods'));
    c.stdin.write(KEY.down);
    await vi.waitFor(() => expect(c.frame().split('\n').at(-1)?.trim()).toBe('>'));
  });

  it('Ctrl+C cancels the running turn without leaving; twice exits', async () => {
    fake = await startFakeOpenAI({ script: [{ delayMs: 10_000, content: 'too late' }] });
    const c = chat({ baseURL: fake.baseURL });
    await send(c, 'take your time with this one');
    await vi.waitFor(() => expect(c.frame()).toContain('working · Ctrl+C cancels'));
    c.stdin.write(KEY.ctrlC);
    await vi.waitFor(() => expect(c.frame()).toContain('cancelled'));
    expect(c.exits).toEqual([]);
    c.stdin.write(KEY.ctrlC);
    await vi.waitFor(() => expect(c.frame()).toContain('Press Ctrl+C again to exit'));
    c.stdin.write(KEY.ctrlC);
    await vi.waitFor(() => expect(c.exits).toEqual([1]));
  });

  it('submits a line that arrives together with its Enter (typed ahead or pasted)', async () => {
    const c = chat();
    c.stdin.write('show pods\r');
    await vi.waitFor(() => expect(c.frame()).toMatch(/✓ status .*3\/3 pods ready/));
    expect(c.frame().split('\n').at(-1)?.trim()).not.toContain('show pods');
  });

  it('runs pasted lines one after another and keeps the unfinished rest as input', async () => {
    const c = chat();
    c.stdin.write('show pods\n/help\nscale back');
    await vi.waitFor(() => expect(c.frame()).toContain('Commands: /help  /clear  /read-only'));
    expect(c.frame()).toMatch(/✓ status .*3\/3 pods ready/);
    await vi.waitFor(() => expect(c.frame()).toMatch(/^> scale back\s*$/m));
    expect(c.log.calls.map((call) => call.tool)).toEqual(['status']);
  });

  it('honours NO_COLOR', () => {
    expect(themeFor({ NO_COLOR: '1' })).toEqual({ dim: false });
    expect(themeFor({}).accent).toBe('cyan');
  });
});
