import { useEffect, useRef, useState } from 'react';
import type { BackendChoice, SoftmaxInspection } from '../../engine/protocol';
import { Slider } from '../../ui/controls';
import { formatNumber } from '../../ui/format';
import { Readout } from '../../ui/Readout';
import { EngineLine } from '../EngineReadouts';
import { FieldControl, SettingsFields } from '../FieldControl';
import { useSettings } from '../urlState';
import { useEngineSession } from '../useEngineSession';
import { UrlNotices } from '../UrlNotices';
import { Hero, MoreOptions } from '../LabParts';
import { CLASS_NAMES, COUNT_FIELD, inspection, LIMIT, SOFTMAX_FIELDS as FIELDS } from './settings';
import './softmax.css';

type Result = SoftmaxInspection & { backend: BackendChoice };

const vectorText = (v: readonly number[], digits = 4) => v.map((x) => formatNumber(x, digits)).join('; ');

/**
 * Lesson 4: logits the student drags, softmax probabilities, the cross-entropy, and the
 * gradient at the logits twice — the formula ŷ − y and the engine's automatic
 * differentiation — to show they agree to float32 precision.
 */
export function Softmax() {
  const settings = useSettings(FIELDS);
  const { values, notices, set } = settings;
  const { logits, target } = inspection(values);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const session = useEngineSession(generation);
  const key = `${logits.join(',')}|${target}|${values.backend}`;

  useEffect(() => {
    const remote = session.current;
    if (!remote) return;
    const run = ++generation.current;
    remote
      .inspectSoftmax(logits, target, values.backend)
      .then((r) => {
        if (generation.current !== run) return;
        setResult(r);
        setError(null);
      })
      .catch((e: unknown) => {
        if (generation.current === run) setError(e instanceof Error ? e.message : String(e));
      });
    // key stands for logits, target and backend.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const setLogits = (next: number[]) => set({ z: next.map((v) => Math.round(Math.min(LIMIT, Math.max(-LIMIT, v)) * 1e6) / 1e6).join(',') });
  const setCount = (count: number) => {
    const next = Array.from({ length: count }, (_, i) => logits[i] ?? 0);
    set({ z: next.join(','), clase: Math.min(target, count - 1) });
  };
  const descend = () => {
    if (!result) return;
    setLogits(logits.map((z, i) => z - values.lr * result.autodiff[i]));
  };
  const fresh = result !== null && result.probabilities.length === logits.length;

  return (
    <section className="widget" data-testid="widget-softmax" aria-label="Softmax y entropía cruzada">
      <UrlNotices notices={notices} />
      <div className="widget-controls">
        <FieldControl field={COUNT_FIELD} value={String(logits.length)} onCommit={(v) => setCount(Number(v))} testId="input-clases" />
        <FieldControl
          field={{
            kind: 'choice',
            label: 'Clase correcta',
            default: '0',
            options: logits.map((_, i) => String(i)),
            optionLabels: Object.fromEntries(logits.map((_, i) => [String(i), `${i}: ${CLASS_NAMES[i]}`])),
          }}
          value={String(target)}
          onCommit={(v) => set({ clase: Number(v) })}
          testId="input-clase"
        />
        <SettingsFields settings={settings} fields={FIELDS} names={['lr']} />
        <button type="button" className="primary" data-testid="descend" disabled={!fresh} onClick={descend}>
          ↓ Un paso de descenso
        </button>
        <button type="button" data-testid="reset" onClick={() => set({ z: '', clase: 0 })}>
          ↺ Valores iniciales
        </button>
      </div>

      <Hero className="softmax-hero" label="Probabilidad de cada clase">
        <h3 className="chart-title">Probabilidad de cada clase: ŷ = softmax(z)</h3>
        <div className="softmax-scroll">
          <table className="softmax-table">
            <caption>Cada fila es una clase: arrastra su logit z y mira cómo se reparten las probabilidades.</caption>
            <thead>
              <tr>
                <th scope="col">Clase</th>
                <th scope="col">Logit z</th>
                <th scope="col">Probabilidad ŷ</th>
                <th scope="col">ŷ − y</th>
                <th scope="col">∂L/∂z (autodiff)</th>
              </tr>
            </thead>
            <tbody>
              {logits.map((z, i) => {
                const p = fresh ? result.probabilities[i] : null;
                return (
                  <tr key={i} className={i === target ? 'target' : undefined}>
                    <th scope="row">
                      {i}: {CLASS_NAMES[i]}
                      {i === target ? <span className="hint"> (y = 1)</span> : null}
                    </th>
                    <td>
                      <Slider
                        label={`z${i}`}
                        value={z}
                        min={-LIMIT}
                        max={LIMIT}
                        step={0.1}
                        valueText={formatNumber(z, 2)}
                        onChange={(v) => setLogits(logits.map((old, j) => (j === i ? v : old)))}
                        testId={`logit-${i}`}
                      />
                    </td>
                    <td>
                      <div className="prob-cell">
                        <div className="prob-bar" aria-hidden="true">
                          <span style={{ width: `${(p ?? 0) * 100}%` }} />
                        </div>
                        <span data-testid={`prob-${i}`} data-value={p ?? ''}>
                          {p === null ? '—' : formatNumber(p, 4)}
                        </span>
                      </div>
                    </td>
                    <td>{fresh ? formatNumber(result.analytic[i], 6) : '—'}</td>
                    <td>{fresh ? formatNumber(result.autodiff[i], 6) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="softmax-legend">
          <span className="swatch swatch-target" aria-hidden="true" /> la clase correcta (y = 1){' '}
          <span className="swatch swatch-other" aria-hidden="true" /> las demás (y = 0). Cada barra va de 0 a 1; todas suman 1.
        </p>
      </Hero>

      <div className="readout-row">
        <Readout
          testId="loss"
          label="Pérdida L = −log ŷ de la clase correcta"
          value={fresh ? result.loss : null}
          format="number"
          digits={6}
        />
        <Readout
          testId="prob-sum"
          label="Suma de ŷ"
          value={fresh ? result.probabilities.reduce((a, b) => a + b, 0) : null}
          format="number"
          digits={6}
        />
        <Readout
          testId="grad-diff"
          label="Mayor diferencia entre ŷ − y y autodiff"
          value={fresh ? result.maxDifference : null}
          format="number"
          digits={2}
        />
      </div>
      <div className="readout-row">
        <Readout
          testId="grad-analytic"
          label="ŷ − y"
          value={fresh ? result.analytic : null}
          text={fresh ? vectorText(result.analytic, 6) : '—'}
        />
        <Readout
          testId="grad-autodiff"
          label="∂L/∂z por diferenciación automática"
          value={fresh ? result.autodiff : null}
          text={fresh ? vectorText(result.autodiff, 6) : '—'}
        />
      </div>
      {error ? (
        <p className="message message-error" role="alert" data-testid="message">
          {error}
        </p>
      ) : null}
      <EngineLine view={{ backend: result?.backend }} />

      <MoreOptions>
        <SettingsFields settings={settings} fields={FIELDS} names={['backend']} />
      </MoreOptions>
    </section>
  );
}
