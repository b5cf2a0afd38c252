/** Earlier inputs, walked with the up and down arrows like a shell. */
import { useCallback, useRef } from 'react';

/** Remembers submitted inputs; `older`/`newer` return what to show, or undefined at the ends. */
export function useInputHistory() {
  const items = useRef<string[]>([]);
  const cursor = useRef(0);
  const draft = useRef('');

  const remember = useCallback((text: string) => {
    if (text && items.current.at(-1) !== text) items.current.push(text);
    cursor.current = items.current.length;
    draft.current = '';
  }, []);

  const older = useCallback((current: string): string | undefined => {
    if (cursor.current === 0) return undefined;
    if (cursor.current === items.current.length) draft.current = current;
    cursor.current -= 1;
    return items.current[cursor.current];
  }, []);

  const newer = useCallback((): string | undefined => {
    if (cursor.current >= items.current.length) return undefined;
    cursor.current += 1;
    return cursor.current === items.current.length ? draft.current : items.current[cursor.current];
  }, []);

  return { remember, older, newer };
}
