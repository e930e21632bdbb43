import { formatNumber } from '../../ui/format';
import { valueColour } from './ValueMap';

/** WCAG relative luminance of an sRGB colour (0–255 channels). */
function luminance(rgb: readonly number[]): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The 3×3 filter as a picture: each weight in its cell, coloured like the feature map (orange +, blue −). */
export function KernelView({ kernel }: { kernel: readonly number[] }) {
  const peak = kernel.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  return (
    <figure className="value-map kernel-view" data-testid="kernel-view">
      <div className="kernel-cells" role="img" aria-label={`Filtro 3×3: ${kernel.map((v) => formatNumber(v, 2)).join('; ')}`}>
        {kernel.map((v, i) => {
          const [r, g, b] = valueColour(v, peak, true);
          // Black digits on light cells, white on dark ones: at 0,179 both read at 4,5:1 or better.
          const color = luminance([r, g, b]) > 0.179 ? '#000' : '#fff';
          return (
            <span key={i} style={{ background: `rgb(${r} ${g} ${b})`, color }}>
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
