import type { ToolCall } from '@/lib/api-client';

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([key, v]) => `${key}: ${typeof v === 'string' ? `“${v}”` : JSON.stringify(v)}`)
    .join(', ');
}

/** A one-line summary of a tool's result, in the API's `{ ok, task | tasks | deleted | error }` shape. */
export function describeOutcome(result: unknown): { failed: boolean; text: string } | undefined {
  if (result === undefined || result === null) return undefined;
  if (typeof result !== 'object') return { failed: false, text: String(result) };
  const record = result as Record<string, unknown>;
  if (record.ok === false || typeof record.error === 'string') {
    return { failed: true, text: typeof record.error === 'string' ? record.error : 'failed' };
  }
  const task = record.task as { id?: unknown; title?: unknown } | undefined;
  if (task && typeof task.title === 'string') {
    return {
      failed: false,
      text: `“${task.title}”${task.id !== undefined ? ` (#${task.id})` : ''}`,
    };
  }
  if (Array.isArray(record.tasks)) {
    const n = record.tasks.length;
    return { failed: false, text: `${n} task${n === 1 ? '' : 's'}` };
  }
  if (record.deleted !== undefined)
    return { failed: false, text: `deleted #${String(record.deleted)}` };
  return { failed: false, text: 'done' };
}

/** What the assistant did while answering, shown inline under its message. */
export function ToolCallList({ calls }: { calls: ToolCall[] }) {
  if (calls.length === 0) return null;
  return (
    <ul className="tool-calls" aria-label="Actions taken">
      {calls.map((call, index) => {
        const args = describeValue(call.arguments);
        const result = describeOutcome(call.result);
        return (
          // Calls have no id of their own; their order is fixed once stored.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={index} className={result?.failed ? 'tool-call tool-call--failed' : 'tool-call'}>
            <span aria-hidden="true">{result?.failed ? '✗' : '✓'}</span>{' '}
            <code className="tool-call__name">{call.name}</code>
            {args ? <span className="tool-call__args">({args})</span> : null}
            {result ? <span className="tool-call__result"> — {result.text}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
