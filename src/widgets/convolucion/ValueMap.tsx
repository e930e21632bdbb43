import { useEffect, useRef } from 'react';
import { formatNumber } from '../../ui/format';

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
    values.forEach((v, i) => {
      const t = Math.abs(v) / peak;
      const rgb = !signed
        ? [255 * t, 255 * t, 255 * t]
        : v >= 0
          ? [255, 255 - 120 * t, 255 - 230 * t]
          : [255 - 230 * t, 255 - 140 * t, 255];
      image.data.set([...rgb.map(Math.round), 255], i * 4);
    });
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
