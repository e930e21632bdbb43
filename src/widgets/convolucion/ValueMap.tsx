import { useEffect, useRef } from 'react';
import { formatNumber } from '../../ui/format';

/** The colour of one value, as RGB bytes: grey from black (0) to white (peak), or blue/white/orange when signed. */
export function valueColour(v: number, peak: number, signed: boolean): number[] {
  const t = Math.min(1, Math.abs(v) / peak);
  const rgb = !signed ? [255 * t, 255 * t, 255 * t] : v >= 0 ? [255, 255 - 120 * t, 255 - 230 * t] : [255 - 230 * t, 255 - 140 * t, 255];
  return rgb.map(Math.round);
}

/**
 * A grid of numbers drawn pixel-sharp. Signed maps use two colours (blue below zero,
 * orange above), others grey; both scale by the largest magnitude so the picture always
 * uses the full range. The numbers themselves are in data-value for tests and tools.
 */
export function ValueMap({
  values,
  side,
  signed,
  size,
  label,
  testId,
}: {
  values: number[];
  side: number;
  signed: boolean;
  size: number;
  label: string;
  testId: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const peak = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(side, side);
    values.forEach((v, i) => image.data.set([...valueColour(v, peak, signed), 255], i * 4));
    context.putImageData(image, 0, 0);
  }, [values, side, signed, peak]);
  return (
    <figure className="value-map" data-testid={testId} data-value={values.join(',')} data-side={side}>
      <canvas
        ref={canvas}
        width={side}
        height={side}
        style={{ width: size, height: size }}
        role="img"
        aria-label={`${label}: ${side}×${side} valores, el mayor en valor absoluto ${formatNumber(peak, 3)}`}
      />
      <figcaption>
        {label}{' '}
        <span className="hint">
          ({side}×{side})
        </span>
      </figcaption>
    </figure>
  );
}
