import { MAX_CLASSES, MAX_POINTS, validClass, type Point, type Task } from './datasets';

/**
 * The student's own points as a file: CSV (or pasted text) of `x,y,clase` lines, or JSON.
 * A regression takes `x,y` (a third column is ignored). Errors are Spanish and name the line.
 */

export type FileResult = { points: Point[] } | { error: string };

const FORMAT = {
  clasificacion: `«x,y,clase» con números y la clase entera de 0 a ${MAX_CLASSES - 1}`,
  regresion: '«x,y» con números',
} as const;

function tooMany(count: number): string {
  return `El archivo tiene ${count} puntos y un enlace admite hasta ${MAX_POINTS}.`;
}

/** A point from its fields, or null when they are not numbers of the task's shape. */
function toPoint(fields: unknown[], task: Task): Point | null {
  const numbers = fields.map((f) => (typeof f === 'number' ? f : typeof f === 'string' && f.trim() !== '' ? Number(f) : NaN));
  const [x, y, c] = numbers;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  if (task === 'regresion') return fields.length === 2 || fields.length === 3 ? { x, y, c: 0 } : null;
  return fields.length === 3 && validClass(c) ? { x, y, c } : null;
}

/** A header names its columns: some field that is not a number at all. */
const isHeader = (fields: string[]) => fields.some((f) => /[a-zñáéíóú]/i.test(f) && !Number.isFinite(Number(f)));

function parseCsv(text: string, task: Task): FileResult {
  const lines = text.split(/\r?\n/);
  // «;» separates when present, so decimal commas («1,5;2;0», as Spanish spreadsheets write) work.
  const semicolons = lines.some((l) => l.includes(';'));
  const separator = semicolons ? ';' : lines.some((l) => l.includes('\t')) ? '\t' : ',';
  const points: Point[] = [];
  let seenData = false;
  for (const [i, line] of lines.entries()) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const fields = trimmed.split(separator).map((f) => (semicolons ? f.replace(',', '.') : f).trim());
    if (!seenData && isHeader(fields)) {
      seenData = true;
      continue;
    }
    seenData = true;
    const p = toPoint(fields, task);
    if (!p) return { error: `Línea ${i + 1}: «${trimmed.slice(0, 40)}» no es ${FORMAT[task]}.` };
    points.push(p);
  }
  return points.length > MAX_POINTS ? { error: tooMany(points.length) } : { points };
}

function parseJson(text: string, task: Task): FileResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // Some engines say where JSON broke («line L column C», «position N»); a person looks for the line.
    const message = String(error);
    const at = /position (\d+)/.exec(message)?.[1];
    const line = /line (\d+) column/.exec(message)?.[1] ?? (at === undefined ? null : text.slice(0, Number(at)).split('\n').length);
    const problem = 'el JSON no es válido (revisa comas, comillas y corchetes).';
    return { error: line === null ? `E${problem.slice(1)}` : `Línea ${line}: ${problem}` };
  }
  if (!Array.isArray(data)) return { error: 'El JSON debe ser una lista de puntos: [{"x": 1, "y": 2, "clase": 0}, …].' };
  const points: Point[] = [];
  for (const [i, item] of data.entries()) {
    const fields = Array.isArray(item)
      ? (item as unknown[])
      : item && typeof item === 'object'
        ? (['x', 'y', 'clase'] as const).filter((k) => k in item).map((k) => (item as Record<string, unknown>)[k])
        : [];
    const p = toPoint(fields, task);
    if (!p) return { error: `Elemento ${i + 1} del JSON (línea ${lineOfElement(text, i)}): no es ${FORMAT[task]}.` };
    points.push(p);
  }
  return points.length > MAX_POINTS ? { error: tooMany(points.length) } : { points };
}

/** The line where the i-th element of a top-level JSON array starts (brackets and quotes counted). */
function lineOfElement(text: string, index: number): number {
  let depth = 0;
  let element = -1;
  let line = 1;
  let inString = false;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (ch === '\n') line += 1;
    if (inString) {
      if (ch === '\\') k += 1;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    if (/\s/.test(ch)) continue;
    if (depth === 1 && ch !== ',' && ch !== ']' && (element < 0 || text.slice(0, k).trimEnd().endsWith(','))) {
      element += 1;
      if (element === index) return line;
    }
    if (ch === '[' || ch === '{') depth += 1;
    else if (ch === ']' || ch === '}') depth -= 1;
  }
  return line;
}

/** Reads pasted or loaded text as points for `task`; the caller keeps its points on an error. */
export function parsePointsFile(text: string, task: Task): FileResult {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'El archivo está vacío.' };
  const result = trimmed.startsWith('[') || trimmed.startsWith('{') ? parseJson(text, task) : parseCsv(text, task);
  if ('points' in result && result.points.length === 0) return { error: 'El archivo no tiene ningún punto.' };
  return result;
}

/** The points as CSV with a header, decimal points and commas, as spreadsheets and NumPy read it. */
export function pointsCsv(points: readonly Point[], task: Task): string {
  const rows = points.map((p) => (task === 'regresion' ? `${p.x},${p.y}` : `${p.x},${p.y},${p.c}`));
  return [task === 'regresion' ? 'x,y' : 'x,y,clase', ...rows].join('\n') + '\n';
}
