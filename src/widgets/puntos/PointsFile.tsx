import { useState, type ChangeEvent } from 'react';
import type { Point, Task } from './datasets';
import { parsePointsFile, pointsCsv } from './pointsFile';

interface PointsFileProps {
  points: readonly Point[];
  task: Task;
  disabled: boolean;
  /** New points read from a file or pasted text (the caller puts them in the link). */
  onLoad(points: Point[]): void;
}

/** Offers `text` as a file download, without a server. */
function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The click has started the download; the object URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The student's own data: load or paste `x,y,clase` (CSV or JSON), export the current points
 * as CSV. A bad file leaves the points as they were and says which line failed.
 */
export function PointsFile({ points, task, disabled, onLoad }: PointsFileProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<string | null>(null);

  const apply = (content: string, source: string) => {
    const result = parsePointsFile(content, task);
    if ('error' in result) {
      setError(`${source}: ${result.error} Se mantienen los puntos anteriores.`);
      setLoaded(null);
      return;
    }
    setError(null);
    setLoaded(`${source}: ${result.points.length} puntos cargados.`);
    onLoad(result.points);
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) apply(await file.text(), `«${file.name}»`);
  };

  const format = task === 'regresion' ? 'x,y' : 'x,y,clase';
  return (
    <details className="points-file" data-testid="points-file">
      <summary>Tus propios puntos (CSV o JSON)</summary>
      <p className="hint">
        Una línea por punto, «{format}» (cabecera opcional; con «;» vale la coma decimal), o JSON: [{'{'}"x": 1, "y": 2
        {task === 'regresion' ? '' : ', "clase": 0'}
        {'}'}, …]. Caben en el enlace hasta 300 puntos.
      </p>
      <div className="widget-controls">
        <label>
          Cargar archivo{' '}
          <input
            type="file"
            accept=".csv,.json,.txt,text/csv,application/json"
            disabled={disabled}
            onChange={(e) => void onFile(e)}
            data-testid="points-upload"
          />
        </label>
        <button
          type="button"
          disabled={points.length === 0}
          onClick={() => download(pointsCsv(points, task), 'puntos.csv')}
          data-testid="points-export"
        >
          Exportar CSV
        </button>
      </div>
      <label className="points-paste">
        O pega aquí los puntos
        <textarea
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={`${format}\n1,2${task === 'regresion' ? '' : ',0'}`}
          data-testid="points-text"
        />
      </label>
      <button
        type="button"
        disabled={disabled || text.trim() === ''}
        onClick={() => apply(text, 'El texto pegado')}
        data-testid="points-apply"
      >
        Usar estos puntos
      </button>
      {error ? (
        <p className="message message-error" role="alert" data-testid="points-file-error">
          {error}
        </p>
      ) : null}
      {loaded ? (
        <p className="hint" role="status">
          {loaded}
        </p>
      ) : null}
    </details>
  );
}
