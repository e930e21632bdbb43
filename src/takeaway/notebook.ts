import type { EpochRecord } from '../engine/protocol';
import { notebookEpoch } from '../widgets/notebookEpoch';
import { pythonRepr, type Program } from './program';

/**
 * A lab's program as a Jupyter notebook (nbformat 4.5, the JSON Colab opens): a markdown
 * cell explaining each step before its code cell, the TF.js version for reference, and a
 * last cell that sets the browser's numbers beside Colab's for the same epoch.
 */

interface Cell {
  cell_type: 'markdown' | 'code';
  id: string;
  metadata: Record<string, never>;
  source: string[];
  execution_count?: null;
  outputs?: [];
}

/** nbformat keeps a cell's text as lines, each but the last ending in a newline. */
function lines(text: string): string[] {
  return text.split('\n').map((line, i, all) => (i < all.length - 1 ? `${line}\n` : line));
}

function cells(parts: { markdown?: string; code?: string }[]): Cell[] {
  const out: Cell[] = [];
  for (const part of parts) {
    // nbformat 4.5 wants an id per cell, unique in the notebook.
    if (part.markdown !== undefined)
      out.push({ cell_type: 'markdown', id: `celda-${out.length + 1}`, metadata: {}, source: lines(part.markdown) });
    if (part.code !== undefined)
      out.push({
        cell_type: 'code',
        id: `celda-${out.length + 1}`,
        metadata: {},
        execution_count: null,
        outputs: [],
        source: lines(part.code),
      });
  }
  return out;
}

/** A float as Python code: repr() where it is a literal, float('nan') and the like where not. */
function pyFloat(n: number): string {
  const repr = pythonRepr(n);
  return Number.isFinite(n) ? repr : `float('${repr}')`;
}

function comparison(program: Program, last: EpochRecord | undefined): { markdown: string; code?: string } {
  if (!last) {
    return {
      markdown:
        '## Comparar con el navegador\n\nEste cuaderno se descargó antes de entrenar en el laboratorio. Entrena allí y vuelve a descargarlo: esta última celda traerá las cifras del navegador para compararlas con las de Colab.',
    };
  }
  const browser = program.compare.browser(last);
  const keys = Object.keys(browser);
  const epoch = notebookEpoch(last);
  if (keys.length === 0) return { markdown: '## Comparar con el navegador\n\nEste laboratorio no entrena: no hay épocas que comparar.' };
  return {
    markdown: `## Comparar con el navegador\n\nLas cifras del navegador en su última época completada, la ${epoch} (contadas desde 0, como las cuenta el cuaderno), junto a las de Colab en la misma época. Si el navegador no llegó al final, compara con la línea de esa época.`,
    code: [
      `browser = {${keys.map((k) => `'${k}': ${pyFloat(browser[k])}`).join(', ')}}`,
      ...program.compare.colab(epoch),
      '',
      'for key in browser:',
      '    print(f\'{key}: navegador {browser[key]:.6g}   Colab {colab.get(key, float("nan")):.6g}\')',
    ].join('\n'),
  };
}

export interface NotebookOptions {
  /** The link of the lab's exact configuration, quoted at the top. */
  link?: string;
  /** The main run's history; its last epoch feeds the comparison cell. */
  history: readonly EpochRecord[];
}

export function buildNotebook(program: Program, options: NotebookOptions): string {
  const intro = options.link ? `${program.intro}\n\nConfiguración del laboratorio: <${options.link}>` : program.intro;
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
    },
    cells: cells([
      { markdown: intro },
      ...program.steps.map((s) => ({ markdown: s.explain, code: s.code })),
      {
        markdown: `## El mismo programa en TensorFlow.js\n\nLo que hace el navegador, con la API de TensorFlow.js (JavaScript; no se ejecuta en Colab):\n\n\`\`\`javascript\n${program.tfjs.trimEnd()}\n\`\`\``,
      },
      comparison(program, options.history.at(-1)),
    ]),
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}
