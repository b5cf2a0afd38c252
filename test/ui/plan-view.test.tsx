/** The chat shows a change's plan in its question, and says when a change had nothing to do. */
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { PlannedCall } from '../../src/agent/calls.js';
import { ConfirmDialog } from '../../src/ui/components/ConfirmDialog.js';
import { ToolCallView } from '../../src/ui/components/ToolCallView.js';
import { planOf } from '../../tools/change-plan.js';

const call: PlannedCall = {
  tool: 'scale',
  title: 'Scale a component',
  args: { component: 'backend', replicas: 3 },
  effect: 'write',
  change: 'scale backend to 3 replicas (helm upgrade --reuse-values --set backend.replicas=3)',
  origin: 'user',
  preview: planOf([
    {
      kind: 'Deployment',
      name: 'todo-app-backend',
      action: 'update',
      fields: [{ path: 'spec.replicas', before: 2, after: 3 }],
    },
  ]),
};

const frame = (node: React.ReactElement) =>
  stripVTControlCharacters(render(node).lastFrame() ?? '');

describe('the plan in the chat', () => {
  it('the confirmation lists each object that changes', () => {
    const shown = frame(<ConfirmDialog call={call} />);
    expect(shown).toContain('~ Deployment todo-app-backend: spec.replicas 2 → 3');
    expect(shown).toContain('Apply this change? [y/N]');
  });

  it('says why there is no plan when it could not be computed', () => {
    const { preview: _none, ...rest } = call;
    const shown = frame(
      <ConfirmDialog call={{ ...rest, previewNote: 'plan unavailable: cluster unreachable' }} />,
    );
    expect(shown).toContain('plan unavailable: cluster unreachable');
  });

  it('a change with nothing to do reads as such', () => {
    const shown = frame(
      <ToolCallView
        entry={{
          kind: 'tool',
          id: 1,
          callId: 'fast_1',
          tool: 'scale',
          args: { component: 'backend', replicas: 2 },
          status: 'ok',
          unchanged: true,
          startedAt: 0,
          endedAt: 10,
        }}
      />,
    );
    expect(shown).toContain('nothing to change');
  });
});
