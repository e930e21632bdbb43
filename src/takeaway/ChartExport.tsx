import { useState, type RefObject } from 'react';
import { chartFileName, chartPng, chartSvg } from './chartExport';
import { downloadBlob } from './download';
import './chartExport.css';

/** Two small buttons on a chart figure: the chart as PNG and as SVG, one file each. */
export function ChartExport({ figure, title }: { figure: RefObject<HTMLElement | null>; title: string }) {
  const [error, setError] = useState<string | null>(null);
  const save = async (format: 'png' | 'svg') => {
    const picture = figure.current ? chartSvg(figure.current) : null;
    if (!picture) {
      setError('La gráfica todavía no se ha dibujado.');
      return;
    }
    try {
      const blob = format === 'svg' ? new Blob([picture.svg], { type: 'image/svg+xml' }) : await chartPng(picture);
      downloadBlob(`${chartFileName(title)}.${format}`, blob);
      setError(null);
    } catch {
      setError('No se pudo crear la imagen.');
    }
  };
  return (
    <span className="chart-export">
      <button type="button" data-testid="chart-png" aria-label={`Descargar «${title}» como PNG`} onClick={() => void save('png')}>
        PNG
      </button>
      <button type="button" data-testid="chart-svg" aria-label={`Descargar «${title}» como SVG`} onClick={() => void save('svg')}>
        SVG
      </button>
      {error ? <span role="alert">{error}</span> : null}
    </span>
  );
}
