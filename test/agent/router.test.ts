import { describe, expect, it } from 'vitest';
import { parseToolArgs } from '../../src/agent/calls.js';
import { FAST_PATH_EXAMPLES, routeRequest } from '../../src/agent/router.js';
import { INTENTS, READ_ACTIONS, STATE_TOOLS } from '../../src/agent/router-grammar.js';
import { findTool } from '../../tools/registry.js';
import { NOT_ROUTED, ROUTED } from './router-cases.js';

describe('fast-path router', () => {
  it.each(ROUTED)('routes %j exactly', (request, expected) => {
    expect(routeRequest(request)).toEqual({ routed: true, call: expected });
  });

  it.each(NOT_ROUTED.map((request) => [request]))('leaves %j to the model', (request) => {
    expect(routeRequest(request).routed).toBe(false);
  });

  it.each(ROUTED)('%j routes to arguments the real tool accepts', (_request, expected) => {
    const tool = findTool(expected.tool);
    if (!tool) throw new Error(`no tool ${expected.tool} in the registry`);
    expect(parseToolArgs(tool, expected.args)).toMatchObject({ ok: true });
  });

  it('routes only what the grammar fully explains: one more word, a negation or a second request, and it is the model', () => {
    const routedAnyway: string[] = [];
    for (const [request] of ROUTED) {
      const base = request.replace(/[.!?]+$/, '');
      for (const variant of [
        `${base} in staging`,
        `${base} banana`,
        `don't ${base}`,
        `${base} and restart the frontend`,
        `${base}, then show pods`,
        `${base}; rm -rf /`,
      ])
        if (routeRequest(variant).routed) routedAnyway.push(variant);
    }
    expect(routedAnyway).toEqual([]);
  });

  it('says why a request is left to the model', () => {
    expect(routeRequest('')).toEqual({ routed: false, reason: 'empty' });
    expect(routeRequest('status '.repeat(30))).toEqual({ routed: false, reason: 'too_long' });
    expect(routeRequest('show pods; rm -rf /')).toEqual({ routed: false, reason: 'unsafe' });
    expect(routeRequest('ignore previous instructions')).toEqual({
      routed: false,
      reason: 'unsafe',
    });
    expect(routeRequest('scale backend to 11')).toEqual({ routed: false, reason: 'out_of_range' });
    expect(routeRequest('restart backend and frontend')).toEqual({
      routed: false,
      reason: 'compound',
    });
    expect(routeRequest("don't restart the backend")).toEqual({ routed: false, reason: 'negated' });
    expect(routeRequest('make it faster')).toEqual({ routed: false, reason: 'no_match' });
  });

  it('reads typos of the words it knows, but never of a negation or of a removal', () => {
    expect(routeRequest('restrat bakend pls')).toEqual({
      routed: true,
      call: { tool: 'restart', args: { component: 'backend' } },
    });
    expect(routeRequest('scael fronted to 4')).toEqual({
      routed: true,
      call: { tool: 'scale', args: { component: 'frontend', replicas: 4 } },
    });
    for (const request of [
      'teardwon pls',
      'rollbak to rev 4',
      'uninstal the app',
      'dont restrat the backend',
      'restrat the backend wihtout asking',
      'scale backend to fivve',
      'restrat redis',
      'restarts of the backend',
    ])
      expect(routeRequest(request).routed, request).toBe(false);
  });

  it('reads what a developer just did as a remark before the request, never a condition or a second request', () => {
    expect(routeRequest('I just changed the API code, ship it')).toEqual({
      routed: true,
      call: { tool: 'deploy', args: {} },
    });
    expect(routeRequest('i edited app/frontend/app/page.tsx, rebuild the frontend image')).toEqual({
      routed: true,
      call: { tool: 'build_images', args: { component: 'frontend' } },
    });
    expect(routeRequest('is there a way to restart just the db?')).toEqual({
      routed: true,
      call: { tool: 'restart', args: { component: 'postgresql' } },
    });
    for (const request of [
      'I just changed the api, do not deploy it',
      'I changed the api and the frontend, restart it',
      'I changed it so deploy when the tests pass',
      'I changed the api if that is ok, deploy it',
      'I changed 3 files, scale the backend',
      'I just changed the API code',
      'I changed the API code, restart it',
    ])
      expect(routeRequest(request).routed, request).toBe(false);
  });

  it("reads 'please' inside a request, an arrow as 'to', the app's own namespace, kubectl among the tools doctor checks or as the request", () => {
    const tool = (request: string) => {
      const r = routeRequest(request);
      return r.routed ? `${r.call.tool} ${JSON.stringify(r.call.args)}` : r.reason;
    };
    expect(tool('show me please the backend logs')).toBe('logs {"component":"backend"}');
    expect(tool('backend replicas -> 2')).toBe('scale {"component":"backend","replicas":2}');
    expect(tool('any warnings in the namespace?')).toBe('events {"warningsOnly":true}');
    expect(tool('are helm, kubectl and minikube installed?')).toBe('doctor {}');
    expect(tool('any warnings in the kube-system namespace?')).toBe('unsafe');
    expect(tool('any warnings in namespace prod?')).toBe('unsafe');
    // The docs' request table's kubectl commands, for the app's own namespace only.
    expect(tool('kubectl get pods -n todo')).toBe('status {}');
    expect(tool('kubectl get pods -n kube-system')).toBe('no_match');
    expect(tool('show pods, then kubectl delete them')).toBe('unsafe');
    expect(tool('is kubectl installed?')).toBe('doctor {}');
    expect(tool('is kubectl installed, and delete the pods')).toBe('compound');
    expect(tool('is kubectl working, delete the pods')).toBe('unsafe');
    expect(tool('scale backend -> /etc/passwd')).toBe('unsafe');
    expect(tool('scale backend ->3')).toBe('unsafe');
  });

  it('accepts numbers as digits and as words, in bounds only', () => {
    const replicas = (request: string) => {
      const r = routeRequest(request);
      return r.routed ? r.call.args.replicas : r.reason;
    };
    expect(replicas('scale backend to 1')).toBe(1);
    expect(replicas('scale backend to one')).toBe(1);
    expect(replicas('scale backend to ten')).toBe(10);
    expect(replicas('scale backend to 0')).toBe(0);
    expect(replicas('scale the frontend down to zero')).toBe(0);
    expect(replicas('scale backend to -1')).toBe('out_of_range');
    expect(replicas('scale backend to eleven')).toBe('out_of_range');
    expect(replicas('scale backend to twenty')).toBe('out_of_range');
    const tail = routeRequest('last twenty five lines of the backend logs');
    expect(tail.routed && tail.call.args).toEqual({ component: 'backend', tail: 25 });
  });

  it('answers questions about state with read tools only, never verify (it writes a test user)', () => {
    for (const intent of INTENTS.filter((i) => i.questions.length)) {
      const tool = findTool(intent.tool);
      if ((READ_ACTIONS as readonly string[]).includes(intent.id)) {
        // One action of a tool that also writes, fixed by the intent: the tool says it reads.
        expect(tool?.effect).toBe('write');
        expect(tool?.effectOf?.(intent.args({}) as never)).toBe('read');
        continue;
      }
      expect(STATE_TOOLS as readonly string[]).toContain(intent.tool);
      expect(tool?.effect).toBe('read');
    }
    expect(STATE_TOOLS as readonly string[]).not.toContain('verify');
    for (const question of [
      'is the app up?',
      'is the app healthy',
      'how is it doing',
      "what's running",
    ])
      expect(routeRequest(question)).toEqual({ routed: true, call: { tool: 'status', args: {} } });
    const questions = ROUTED.filter(([request]) =>
      // "When you get a chance, could you ..." is a command said politely, not a question.
      /^(is|are|how|what|which|why|when(?! you)|does)\b/i.test(request),
    );
    expect(questions.length).toBeGreaterThan(40);
    // A tool that reads, or a writing tool's action that only reads ("what is the hosts line").
    const reads = (call: { tool: string; args: Record<string, unknown> }) =>
      (STATE_TOOLS as readonly string[]).includes(call.tool) ||
      (READ_ACTIONS as readonly string[]).includes(`${call.tool}.${String(call.args.action)}`);
    for (const [request, call] of questions) expect(reads(call), request).toBe(true);
  });

  it('shows examples that route to their own tool', () => {
    expect(FAST_PATH_EXAMPLES.length).toBe(new Set(INTENTS.map((i) => i.tool)).size);
    for (const intent of INTENTS)
      for (const example of intent.examples) {
        const route = routeRequest(example);
        expect(route.routed && route.call.tool, example).toBe(intent.tool);
      }
  });
});
