import { Readout } from '../../ui/Readout';
import { MetricReadouts } from '../EngineReadouts';
import type { TrainerView } from '../useTrainer';

/** The neuron ŷ = w·x + b as Recta and Superficie both train it: its MSE and its two parameters. */
export function LineReadouts({ view }: { view: TrainerView }) {
  return (
    <>
      <MetricReadouts logs={view.history.at(-1)?.logs ?? view.initialLogs} lossLabel="Pérdida (MSE)" />
      <Readout testId="param-w" label="w" value={view.params?.[0][0] ?? null} format="number" digits={7} />
      <Readout testId="param-b" label="b" value={view.params?.[1][0] ?? null} format="number" digits={7} />
    </>
  );
}
