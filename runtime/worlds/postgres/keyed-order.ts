/**
 * Work on one key (a run, a stream) that this process must do one at a time, in call order:
 * Postgres row locks order processes, but not the calls of one process, which take different
 * pooled connections. A failed call does not stop the ones behind it.
 */
export interface KeyedOrder {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Resolves once every call made so far has settled. */
  idle(): Promise<void>;
}

export function createKeyedOrder(): KeyedOrder {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, work) {
      const next = (tails.get(key) ?? Promise.resolve()).then(work, work);
      const settled = next.catch(() => {});
      tails.set(key, settled);
      void settled.then(() => {
        if (tails.get(key) === settled) tails.delete(key);
      });
      return next;
    },
    async idle() {
      await Promise.allSettled([...tails.values()]);
    },
  };
}
