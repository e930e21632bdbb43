import { machineValue, Readout } from '../../ui/Readout';
import type { TrainerView } from '../useTrainer';

/** Validation accuracy where phase 1 ended (the epoch phase 2 began at, or the last one). */
export function phaseOneAccuracy(view: TrainerView): number | null {
  const end = view.phases[1]?.epoch ?? view.epoch;
  return view.history.find((r) => r.epoch === end)?.logs.val_accuracy ?? null;
}

/** Validation accuracy after at least one epoch of the latest fine-tuning phase, else null. */
export function fineTunedAccuracy(view: TrainerView): number | null {
  const started = view.phases.length > 1 ? view.phases.at(-1)!.epoch : null;
  return started !== null && view.epoch > started ? (view.history.at(-1)?.logs.val_accuracy ?? null) : null;
}

/**
 * The phase the run is in and the two validation figures the exercise compares: at the end
 * of phase 1 (`val-accuracy-phase1`; `val-accuracy-before` is the same readout under its older
 * name, kept for links and tests that use it) and after fine-tuning.
 */
export function PhaseReadouts({ view }: { view: TrainerView }) {
  const phase = Math.max(1, view.phases.length);
  const latest = view.phases.at(-1);
  const before = phaseOneAccuracy(view);
  return (
    <>
      <Readout
        testId="phase"
        label="Fase"
        value={view.phases.length ? phase : null}
        text={
          phase === 1 || !latest
            ? '1: base congelada'
            : `${phase}: ${latest.unfrozen} ${latest.unfrozen === 1 ? 'bloque' : 'bloques'} descongelados`
        }
      />
      <div className="readout-alias" data-testid="val-accuracy-before" data-value={machineValue(before)}>
        <Readout testId="val-accuracy-phase1" label="Validación al acabar la fase 1" value={before} format="percent" digits={1} />
      </div>
      <Readout testId="val-accuracy-after" label="Validación tras afinar" value={fineTunedAccuracy(view)} format="percent" digits={1} />
    </>
  );
}
