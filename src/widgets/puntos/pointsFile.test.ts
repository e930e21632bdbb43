import { describe, expect, it } from 'vitest';
import { MAX_POINTS } from './datasets';
import { parsePointsFile, pointsCsv } from './pointsFile';

describe("the student's own points as a file", () => {
  it('reads CSV with a header, blank lines and comments, and round-trips the export', () => {
    const text = 'x,y,clase\n1,2,0\n\n# un comentario\n-0.5,3.25,3\r\n4,5,1\n';
    const result = parsePointsFile(text, 'clasificacion');
    expect(result).toEqual({
      points: [
        { x: 1, y: 2, c: 0 },
        { x: -0.5, y: 3.25, c: 3 },
        { x: 4, y: 5, c: 1 },
      ],
    });
    if (!('points' in result)) throw new Error('points expected');
    expect(parsePointsFile(pointsCsv(result.points, 'clasificacion'), 'clasificacion')).toEqual(result);
    expect(pointsCsv(result.points, 'clasificacion').split('\n')[0]).toBe('x,y,clase');
  });

  it('reads a Spanish spreadsheet: semicolons and decimal commas', () => {
    expect(parsePointsFile('x;y;clase\n1,5;-2,25;2', 'clasificacion')).toEqual({ points: [{ x: 1.5, y: -2.25, c: 2 }] });
  });

  it('names the line that failed, in Spanish', () => {
    const bad = parsePointsFile('x,y,clase\n1,2,0\n3,4,7\n', 'clasificacion');
    expect(bad).toEqual({ error: expect.stringMatching(/^Línea 3: «3,4,7» no es «x,y,clase»/) });
    expect(parsePointsFile('1,2,0\n1,dos,1', 'clasificacion')).toEqual({ error: expect.stringContaining('Línea 2') });
    expect(parsePointsFile('1,2,0\n1,2', 'clasificacion')).toEqual({ error: expect.stringContaining('Línea 2') });
    expect(parsePointsFile('1,2,0.5', 'clasificacion')).toEqual({ error: expect.stringContaining('Línea 1') });
    expect(parsePointsFile('   ', 'clasificacion')).toEqual({ error: 'El archivo está vacío.' });
    expect(parsePointsFile('x,y,clase\n', 'clasificacion')).toEqual({ error: 'El archivo no tiene ningún punto.' });
  });

  it('reads JSON as objects or arrays, and names the element and its line', () => {
    expect(parsePointsFile('[{"x": 1, "y": 2, "clase": 1}, [3, 4, 0]]', 'clasificacion')).toEqual({
      points: [
        { x: 1, y: 2, c: 1 },
        { x: 3, y: 4, c: 0 },
      ],
    });
    const bad = parsePointsFile('[\n  {"x": 1, "y": 2, "clase": 1},\n  {"x": 1, "y": "a", "clase": 0}\n]', 'clasificacion');
    expect(bad).toEqual({ error: expect.stringMatching(/^Elemento 2 del JSON \(línea 3\)/) });
    // Where the engine says where JSON broke, the line is named (V8 in Node does not say).
    expect(parsePointsFile('[\n{"x": 1,\n "y": }]', 'clasificacion')).toEqual({
      error: expect.stringMatching(/^(Línea 3: el|El) JSON no es válido/),
    });
    expect(parsePointsFile('{"x": 1}', 'clasificacion')).toEqual({ error: expect.stringContaining('lista de puntos') });
  });

  it('takes x,y pairs for a regression and refuses more points than a link holds', () => {
    expect(parsePointsFile('x,y\n0,1\n2,3', 'regresion')).toEqual({
      points: [
        { x: 0, y: 1, c: 0 },
        { x: 2, y: 3, c: 0 },
      ],
    });
    expect(pointsCsv([{ x: 0, y: 1.5, c: 0 }], 'regresion')).toBe('x,y\n0,1.5\n');
    const many = Array.from({ length: MAX_POINTS + 1 }, (_, i) => `${i},0,0`).join('\n');
    expect(parsePointsFile(many, 'clasificacion')).toEqual({ error: expect.stringContaining(`hasta ${MAX_POINTS}`) });
  });
});
