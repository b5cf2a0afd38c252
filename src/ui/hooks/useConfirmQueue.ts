/** Confirmations as a promise queue: the agent awaits `request`, the dialog calls `settle`. */
import { useCallback, useRef, useState } from 'react';
import type { PlannedCall } from '../../agent/calls.js';

interface Pending {
  call: PlannedCall;
  resolve: (answer: boolean) => void;
}

/** The call awaiting an answer (first in line), and the functions to ask and to answer. */
export function useConfirmQueue() {
  const queue = useRef<Pending[]>([]);
  const [current, setCurrent] = useState<PlannedCall | undefined>(undefined);

  const request = useCallback(
    (call: PlannedCall, signal?: AbortSignal) =>
      new Promise<boolean>((resolve) => {
        const entry: Pending = { call, resolve };
        queue.current.push(entry);
        signal?.addEventListener('abort', () => {
          queue.current = queue.current.filter((p) => p !== entry);
          setCurrent(queue.current[0]?.call);
          resolve(false);
        });
        setCurrent(queue.current[0]?.call);
      }),
    [],
  );

  const settle = useCallback((answer: boolean) => {
    const head = queue.current.shift();
    head?.resolve(answer);
    setCurrent(queue.current[0]?.call);
  }, []);

  return { pending: current, request, settle };
}
