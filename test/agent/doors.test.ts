/**
 * The same write through the four doors (the chat, `run`, a subcommand, MCP) shows the
 * same plan and asks or refuses the same way, because every door runs it through the one
 * call pipeline and supplies only how it asks: where a person can answer, they are shown
 * the plan and asked; where nobody can, the call is refused with the plan of what it would
 * have done. Nothing runs in either case here (the person answers no).
 */
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cliCommand, type ToolArgs } from '../../src/agent/calls.js';
import { confirmationText, planCall } from '../../src/agent/pipeline.js';
import { runCli } from '../../src/cli/index.js';
import { registerRunCommand } from '../../src/cli/run.js';
import { buildServer } from '../../src/mcp/server.js';
import { findTool } from '../../tools/registry.js';
import { capture } from '../cli/capture.js';
import { linkClient } from '../mcp/helpers.js';
import { recordingIo } from '../support/command-io.js';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai.js';
import { newToolLog, type ToolLog, testDeps, testTools } from '../support/test-tools.js';
import { KEY, renderChat } from '../ui/render.js';

/** Text as read, whatever the door's layout: no box drawing, one space between words. */
const words = (text: string) =>
  text
    .replace(/[│╭╮╰╯─]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** What a door did with a write: what it showed, whether it asked, and whether it ran. */
interface DoorOutcome {
  shown: string;
  asked: boolean;
  changes: string[];
}

const WRITES: Array<[string, ToolArgs]> = [
  ['scale', { component: 'backend', replicas: 3 }],
  ['restart', { component: 'frontend' }],
  ['rollback', { revision: 1 }],
  ['teardown', { stopMinikube: true }],
  ['deploy', { set: { 'ingress.host': 'demo.local', 'secrets.jwtSecret': 'hunter2-in-args' } }],
];

let fake: FakeOpenAI | undefined;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await fake?.close();
  fake = undefined;
});

/** The release at revision 2, so a rollback to 1 has somewhere to go. */
function freshLog(): ToolLog {
  const log = newToolLog();
  const [first] = log.revisions;
  if (first) log.revisions.push({ ...first, revision: 2, description: 'Upgrade complete' });
  return log;
}

/** A scripted model that proposes exactly this call, then says so. */
async function modelProposing(tool: string, args: ToolArgs): Promise<FakeOpenAI> {
  fake = await startFakeOpenAI({
    script: [{ toolCalls: [{ name: tool, arguments: args }] }, { content: 'Proposed.' }],
  });
  return fake;
}

/** The chat: the scripted model proposes the call; the person sees the dialog and answers. */
async function chat(
  tool: string,
  args: ToolArgs,
  log: ToolLog,
  answer = 'n',
): Promise<DoorOutcome> {
  const model = await modelProposing(tool, args);
  const c = renderChat({ baseURL: model.baseURL, log });
  cleanups.push(c.unmount);
  await c.type('please do what is needed');
  c.stdin.write(KEY.enter);
  await vi.waitFor(() => expect(c.frame()).toContain('Apply this change? [y/N]'));
  const shown = c.frame();
  c.stdin.write(answer);
  await vi.waitFor(() => expect(c.frame()).toContain(answer === 'y' ? `✓ ${tool}` : 'not applied'));
  return { shown, asked: true, changes: [...log.changes] };
}

/** `todo-ops run`: the scripted model proposes the call; nobody can answer without --yes. */
async function run(tool: string, args: ToolArgs, log: ToolLog): Promise<DoorOutcome> {
  const model = await modelProposing(tool, args);
  const { io, captured } = recordingIo({ OPENAI_BASE_URL: model.baseURL, TODO_OPS_MODEL: 'm' });
  const program = new Command('todo-ops').exitOverride();
  registerRunCommand(program, async () => ({ tools: testTools(log), deps: testDeps(log) }), io);
  await program.parseAsync(['node', 'todo-ops', 'run', 'please do what is needed']);
  expect(captured.code).toBe(3);
  return { shown: captured.out + captured.err, asked: false, changes: [...log.changes] };
}

/** The subcommand, at a terminal (the person answers n) or without one. */
async function subcommand(
  tool: string,
  args: ToolArgs,
  log: ToolLog,
  terminal: boolean,
  answer = 'n',
): Promise<DoorOutcome> {
  const argv = cliCommand(findTool(tool) ?? { name: tool }, args)
    .split(' ')
    .slice(1);
  const c = capture({}, terminal ? { interactive: true, answer } : { interactive: false });
  c.runtime.makeDeps = () => testDeps(log);
  const code = await runCli(['node', 'todo-ops', ...argv], c.runtime);
  expect(code).toBe(terminal ? (answer === 'y' ? 0 : 1) : 3);
  return { shown: c.err(), asked: terminal, changes: [...log.changes] };
}

/** MCP, with a client that can ask its user (elicitation; the user declines) or cannot. */
async function mcp(
  tool: string,
  args: ToolArgs,
  log: ToolLog,
  elicitation: boolean,
  accept = false,
): Promise<DoorOutcome> {
  const server = buildServer({
    tools: testTools(log),
    deps: testDeps(log),
    allowDestructive: true,
  });
  const link = await linkClient(
    server,
    elicitation
      ? {
          elicit: () =>
            accept ? { action: 'accept', content: { confirm: true } } : { action: 'decline' },
        }
      : {},
  );
  cleanups.push(link.close);
  const result = await link.client.callTool({ name: tool, arguments: args });
  expect(Boolean(result.isError)).toBe(!accept);
  const text = (result.content as Array<{ text: string }>).map((c) => c.text).join('\n');
  return {
    shown: elicitation ? link.elicited.join('\n') : text,
    asked: link.elicited.length > 0,
    changes: [...log.changes],
  };
}

describe.each(WRITES)('the same %s through every door', (name, args) => {
  const tool = findTool(name);
  if (!tool) throw new Error(`no tool ${name}`);
  const log0 = newToolLog();
  const call = planCall(tool, tool.input.parse(args), 'user', testDeps(log0));
  const { heading } = confirmationText(call);
  const refusal = `it would ${call.change}`;

  it('where a person can answer: chat, subcommand at a terminal, MCP with elicitation', async () => {
    const outcomes = {
      chat: await chat(name, args, freshLog()),
      subcommand: await subcommand(name, args, freshLog(), true),
      mcp: await mcp(name, args, freshLog(), true),
    };
    for (const [door, outcome] of Object.entries(outcomes)) {
      // The chat wraps its dialog to the terminal's width: compare the words.
      expect(words(outcome.shown), door).toContain(words(heading));
      expect(outcome.asked, door).toBe(true);
      expect(outcome.changes, door).toEqual([]);
      expect(outcome.shown, door).not.toContain('hunter2-in-args');
    }
  });

  it('a yes runs it, once and the same way, in each door that can ask', async () => {
    const outcomes = {
      chat: await chat(name, args, freshLog(), 'y'),
      subcommand: await subcommand(name, args, freshLog(), true, 'y'),
      mcp: await mcp(name, args, freshLog(), true, true),
    };
    expect(outcomes.chat.changes.length).toBeGreaterThan(0);
    expect(outcomes.subcommand.changes).toEqual(outcomes.chat.changes);
    expect(outcomes.mcp.changes).toEqual(outcomes.chat.changes);
  });

  it('where nobody can answer: run without --yes, subcommand without a terminal, MCP without elicitation', async () => {
    const outcomes = {
      run: await run(name, args, freshLog()),
      subcommand: await subcommand(name, args, freshLog(), false),
      mcp: await mcp(name, args, freshLog(), false),
    };
    for (const [door, outcome] of Object.entries(outcomes)) {
      expect(words(outcome.shown), door).toContain(words(refusal));
      expect(outcome.asked, door).toBe(false);
      expect(outcome.changes, door).toEqual([]);
      expect(outcome.shown, door).not.toContain('hunter2-in-args');
    }
  });
});
