import { useEffect, useRef } from 'react';
import './PixelImage.css';

/** RGB bytes (row-major, 3 per pixel) drawn pixel-sharp at any display size. */
export function PixelImage({ rgb, side, size, label }: { rgb: Uint8Array; side: number; size: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(side, side);
    for (let i = 0; i < side * side; i++) {
      image.data.set(rgb.subarray(i * 3, i * 3 + 3), i * 4);
      image.data[i * 4 + 3] = 255;
    }
    context.putImageData(image, 0, 0);
  }, [rgb, side]);
  return (
    <canvas
      ref={canvas}
      className="pixel-image"
      width={side}
      height={side}
      style={{ width: size, height: size }}
      role="img"
      aria-label={label}
    />
  );
}
