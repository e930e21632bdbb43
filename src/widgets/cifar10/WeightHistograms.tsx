import { memo } from 'react';
import type { EpochRecord, WeightHistogram } from '../../engine/protocol';
import { formatNumber } from '../../ui/format';
import { thin } from '../../ui/LossChart';

const WIDTH = 260;
const ROW = 14;
const PEAK = 34;
/** Most epochs drawn per layer; more would blur into one shape. */
const MAX_EPOCHS = 10;

function ridgePath(h: WeightHistogram, lo: number, hi: number, base: number): string {
  const peak = Math.max(...h.counts, 1);
  const bin = (h.max - h.min) / h.counts.length;
  const x = (v: number) => ((v - lo) / (hi - lo || 1)) * WIDTH;
  const points = h.counts.map((n, i) => `${x(h.min + (i + 0.5) * bin).toFixed(1)},${(base - (n / peak) * PEAK).toFixed(1)}`);
  return `M${x(h.min).toFixed(1)},${base} L${points.join(' L')} L${x(h.max).toFixed(1)},${base} Z`;
}

/**
 * TensorBoard's histograms tab: for each layer, the distribution of its kernel after each
 * epoch, older epochs behind and paler, the latest in front.
 */
export const WeightHistograms = memo(function WeightHistograms({ history }: { history: EpochRecord[] }) {
  const records = thin(
    history.filter((r) => r.histograms),
    MAX_EPOCHS,
  );
  if (records.length === 0) return <p className="hint">Los histogramas de pesos aparecen al terminar cada época.</p>;
  const layers = records[0].histograms!.map((h) => h.layer);
  const height = PEAK + ROW * (records.length - 1) + 4;
  return (
    <div className="histograms" data-testid="weight-histograms" data-value={records.at(-1)!.epoch}>
      <p className="hint" data-testid="histograms-hint">
        <strong>Pesos de cada capa, época a época</strong> (las primeras detrás y más claras, la última delante en naranja). Qué buscar: los
        pesos empiezan repartidos por igual en un intervalo estrecho (la inicialización de Glorot); en una capa que aprende ese reparto se
        ensancha y se redondea en campana; si no cambia, la capa apenas aprende, y si se ensancha sin freno, η es demasiado grande o falta
        regularización (L2).
      </p>
      {layers.map((layer, l) => {
        const shown = records.map((r) => r.histograms![l]);
        const lo = Math.min(...shown.map((h) => h.min));
        const hi = Math.max(...shown.map((h) => h.max));
        const last = shown.at(-1)!;
        return (
          <figure key={layer} className="histogram" data-testid={`histogram-${layer}`}>
            <figcaption>
              {layer}: pesos entre {formatNumber(last.min, 3)} y {formatNumber(last.max, 3)} tras la época {records.at(-1)!.epoch}
            </figcaption>
            <svg
              viewBox={`0 0 ${WIDTH} ${height}`}
              role="img"
              aria-label={`Distribución de los pesos de ${layer}, épocas ${records[0].epoch} a ${records.at(-1)!.epoch}`}
            >
              {shown.map((h, i) => (
                <path
                  key={records[i].epoch}
                  d={ridgePath(h, lo, hi, PEAK + ROW * i)}
                  className={i === shown.length - 1 ? 'ridge ridge-last' : 'ridge'}
                  style={{ opacity: 0.25 + (0.75 * (i + 1)) / shown.length }}
                />
              ))}
            </svg>
            <div className="histogram-axis">
              <span>{formatNumber(lo, 3)}</span>
              <span>{formatNumber(hi, 3)}</span>
            </div>
          </figure>
        );
      })}
    </div>
  );
});
