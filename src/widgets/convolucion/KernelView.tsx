import { formatNumber } from '../../ui/format';
import { valueColour } from './ValueMap';

/** The 3×3 filter as a picture: each weight in its cell, coloured like the feature map (orange +, blue −). */
export function KernelView({ kernel }: { kernel: readonly number[] }) {
  const peak = kernel.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  return (
    <figure className="value-map kernel-view" data-testid="kernel-view">
      <div className="kernel-cells" role="img" aria-label={`Filtro 3×3: ${kernel.map((v) => formatNumber(v, 2)).join('; ')}`}>
        {kernel.map((v, i) => {
          const [r, g, b] = valueColour(v, peak, true);
          return (
            <span key={i} style={{ background: `rgb(${r} ${g} ${b})` }}>
              {formatNumber(v, 2)}
            </span>
          );
        })}
      </div>
      <figcaption>
        Filtro <span className="hint">(3×3)</span>
      </figcaption>
    </figure>
  );
}
