import { useEffect, useState } from 'react';
import type { TrainerView } from './useTrainer';

/**
 * A run's evaluation on images it never trained on: computed by itself when the run ends,
 * on demand (`evaluate`) after a pause, and dropped when the weights change (a new run, a
 * reset, more training) because it no longer describes them.
 */
export function useEvaluation<T>(status: TrainerView['status'], compute: () => Promise<T | null>) {
  const [result, setResult] = useState<T | null>(null);
  const [evaluating, setEvaluating] = useState(false);
  const evaluate = async () => {
    setEvaluating(true);
    try {
      const next = await compute();
      if (next) setResult(next);
    } finally {
      setEvaluating(false);
    }
  };
  useEffect(() => {
    if (status === 'done') void evaluate();
    if (status === 'loading' || status === 'training' || status === 'idle') setResult(null);
    // Only a change of status starts or drops an evaluation; `compute` is a fresh closure each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status]);
  return { result, evaluating, evaluate, clear: () => setResult(null) };
}
