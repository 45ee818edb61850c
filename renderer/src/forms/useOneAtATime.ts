// A save that is already running swallows a second one: a double click, or Enter and a click
// together, must never store a record twice. (State updates are too late for this; a ref is not.)
import { useRef } from 'react';

export function useOneAtATime<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  const busy = useRef(false);
  return async (...args: A) => {
    if (busy.current) return;
    busy.current = true;
    try {
      await action(...args);
    } finally {
      busy.current = false;
    }
  };
}
