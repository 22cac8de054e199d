import { useEffect, useState } from 'react';

/** The engine's validator module (zod, mathjs, yaml: most of the editor's weight), in a chunk of its own. */
export type Engine = typeof import('./engine');

let loaded: Engine | null = null;
let loading: Promise<Engine> | null = null;

export function loadEngine(): Promise<Engine> {
  loading ??= import('./engine').then((engine) => (loaded = engine));
  return loading;
}

/** The engine once its chunk has arrived; null until then. */
export function useEngine(): Engine | null {
  const [engine, setEngine] = useState<Engine | null>(loaded);
  useEffect(() => {
    if (engine) return;
    let live = true;
    void loadEngine().then((module) => live && setEngine(module));
    return () => {
      live = false;
    };
  }, [engine]);
  return engine;
}
