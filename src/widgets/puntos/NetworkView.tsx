import { memo, useEffect, useRef, useState } from 'react';
import type { Activation } from '../../engine/protocol';
import { formatNumber } from '../../ui/format';
import { neuronScale, paintDiverging, paintProbability, readPalette, type NeuronValues, type Palette } from './heat';

export interface NetworkViewProps {
  /** Input names: ['x₁', 'x₂'] on the plane, ['x'] in a regression. */
  inputs: string[];
  /** Units of each layer after the inputs: the hidden layers, then the output. */
  layers: number[];
  hiddenActivation: Activation;
  /** 2 or more classes (sigmoid or softmax output), 1 for a regression (linear output). */
  classes: number;
  /** Per layer, activations on the grid ([cells × units] row-major), as the engine sends them. */
  activations: Float32Array[] | null;
  /** Kernel and bias of each layer, in Keras order. */
  params: number[][] | null;
  /** The grid: `size`² cells over the plane, or `size` points along x (a regression). */
  gridSize: number;
  /** The inputs' own values on the grid, input after input in a row (as the first layer sees them). */
  inputValues: Float32Array;
}

/** Drawing units: a column per layer, a row per neuron. */
const COLUMN = 110;
const ROW = 52;
const NODE = 40;
const SUB = '₀₁₂₃₄₅₆₇₈₉';
const sub = (n: number) => String(n).replace(/\d/g, (d) => SUB[Number(d)]);

function neuronName(layer: number, unit: number, layers: number[], classes: number): string {
  if (layer < layers.length - 1) return `h${sub(layer + 1)},${sub(unit + 1)}`;
  if (classes === 1) return 'ŷ';
  return classes === 2 ? 'P(clase 1)' : `P(clase ${unit})`;
}

/** What fits on a small square: h₁,₂, ŷ, or ŷ₂ for the probability of class 2. */
function shortName(layer: number, unit: number, layers: number[], classes: number): string {
  if (layer < layers.length - 1) return neuronName(layer, unit, layers, classes);
  return classes > 2 ? `ŷ${sub(unit)}` : 'ŷ';
}

function layerName(layer: number, layers: number[]): string {
  return layer < layers.length - 1 ? `capa oculta ${layer + 1}` : 'salida';
}

/** Where neuron `row` of a column of `count` sits, centred on the tallest column. */
function centre(column: number, row: number, count: number, rows: number): [number, number] {
  return [column * COLUMN + NODE / 2 + 4, (rows - count) * (ROW / 2) + row * ROW + NODE / 2 + 4];
}

/** A neuron's value range as drawn: fixed for bounded activations, its own largest |value| otherwise. */
function paintNeuron(image: ImageData, neuron: NeuronValues, activation: Activation, palette: Palette): void {
  if (activation === 'tanh') paintDiverging(image, neuron, 0, 1, palette);
  else if (activation === 'sigmoid') paintDiverging(image, neuron, 0.5, 0.5, palette);
  else paintDiverging(image, neuron, 0, neuronScale(neuron), palette);
}

/** A regression's neuron: its activation along x as a curve, scaled to its own range. */
function drawCurve(canvas: HTMLCanvasElement, { values, stride, offset }: NeuronValues, palette: Palette): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const n = Math.floor((values.length - offset - 1) / stride) + 1;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) [lo, hi] = [Math.min(lo, values[offset + i * stride]), Math.max(hi, values[offset + i * stride])];
  const span = hi - lo || 1;
  ctx.fillStyle = `rgb(${palette.surface.join(',')})`;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.strokeStyle = `rgb(${palette.positive.join(',')})`;
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (let i = 0; i < n; i++) {
    const x = (i / (n - 1)) * canvas.width;
    const y = canvas.height - 3 - ((values[offset + i * stride] - lo) / span) * (canvas.height - 6);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.stroke();
}

/**
 * TensorFlow Playground's network view: the inputs, every hidden neuron and the output, each
 * as a small map of its activation over the plane (canvases, one pixel per grid cell), and
 * the links between them coloured by the weight's sign (blue +, orange −) with thickness by
 * |w|. Hovering or focusing a link names its weight; a click on a neuron lists its incoming
 * weights and its bias.
 */
export const NetworkView = memo(function NetworkView(props: NetworkViewProps) {
  const { inputs, layers, classes, activations, params, gridSize, inputValues, hiddenActivation } = props;
  const oneD = inputs.length === 1;
  const columns = [inputs.length, ...layers];
  const rows = Math.max(...columns);
  const width = (columns.length - 1) * COLUMN + NODE + 8;
  const height = rows * ROW - (ROW - NODE) + 8;
  const canvases = useRef(new Map<string, HTMLCanvasElement>());
  const [selected, setSelected] = useState<[number, number] | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const shape = columns.join(',');

  // A new architecture: forget the neuron picked in the old one.
  useEffect(() => setSelected(null), [shape]);

  useEffect(() => {
    const first = canvases.current.values().next().value;
    if (!first) return;
    const palette = readPalette(first);
    const side = oneD ? 0 : gridSize;
    const paint = (key: string, neuron: NeuronValues, draw: (image: ImageData) => void) => {
      const canvas = canvases.current.get(key);
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return;
      if (oneD) return drawCurve(canvas, neuron, palette);
      const image = ctx.createImageData(side, side);
      draw(image);
      ctx.putImageData(image, 0, 0);
    };
    inputs.forEach((_, j) => {
      const neuron = { values: inputValues, stride: inputs.length, offset: j };
      paint(`0-${j}`, neuron, (image) => paintDiverging(image, neuron, 0, neuronScale(neuron), palette));
    });
    activations?.forEach((values, l) => {
      const units = layers[l];
      const output = l === layers.length - 1;
      for (let j = 0; j < units; j++) {
        const neuron = { values, stride: units, offset: j };
        paint(`${l + 1}-${j}`, neuron, (image) => {
          if (!output) paintNeuron(image, neuron, hiddenActivation, palette);
          else if (classes === 2) paintDiverging(image, neuron, 0.5, 0.5, palette);
          else paintProbability(image, neuron, palette.classes[j], palette);
        });
      }
    });
  }, [activations, inputValues, inputs, layers, classes, gridSize, oneD, hiddenActivation]);

  const weight = (l: number, from: number, to: number): number | null => params?.[2 * l]?.[from * columns[l + 1] + to] ?? null;
  let maxWeight = 0;
  params?.forEach((p, i) => {
    if (i % 2 === 0) p.forEach((w) => (maxWeight = Math.max(maxWeight, Math.abs(w))));
  });
  const sourceName = (l: number, j: number) => (l === 0 ? inputs[j] : neuronName(l - 1, j, layers, classes));
  const canvasSide = oneD ? 48 : gridSize;

  const links = columns.slice(1).flatMap((units, l) =>
    Array.from({ length: columns[l] * units }, (_, k) => {
      const from = Math.floor(k / units);
      const to = k % units;
      const w = weight(l, from, to);
      const [x1, y1] = centre(l, from, columns[l], rows);
      const [x2, y2] = centre(l + 1, to, units, rows);
      const text = `Peso de ${sourceName(l, from)} a ${neuronName(l, to, layers, classes)}: ${w === null ? '—' : formatNumber(w, 3)}`;
      return (
        // An SVG link is not a control, yet its weight must be reachable from the keyboard too.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <g
          key={`${l}-${k}`}
          className="network-link"
          tabIndex={0}
          role="img"
          aria-label={text}
          data-testid="network-link"
          data-value={w ?? undefined}
          onMouseEnter={() => setLink(text)}
          onFocus={() => setLink(text)}
        >
          <title>{text}</title>
          <line x1={x1} y1={y1} x2={x2} y2={y2} className="network-link-hit" />
          <line
            x1={x1}
            y1={y1}
            x2={x2}
            y2={y2}
            className={w !== null && w < 0 ? 'network-link-line negative' : 'network-link-line'}
            strokeWidth={w === null ? 1 : 0.5 + (5 * Math.abs(w)) / (maxWeight || 1)}
          />
        </g>
      );
    }),
  );

  const box = (column: number, row: number, count: number) => {
    const [x, y] = centre(column, row, count, rows);
    return {
      left: `${((x - NODE / 2) / width) * 100}%`,
      top: `${((y - NODE / 2) / height) * 100}%`,
      width: `${(NODE / width) * 100}%`,
      height: `${(NODE / height) * 100}%`,
    };
  };
  const ref = (key: string) => (el: HTMLCanvasElement | null) => {
    if (el) canvases.current.set(key, el);
    else canvases.current.delete(key);
  };

  const detail =
    selected && params
      ? selectedDetail(selected, columns, params, sourceName, neuronName(selected[0] - 1, selected[1], layers, classes))
      : null;
  return (
    <figure className="network" data-testid="network" aria-label="La red: entradas, neuronas y pesos">
      <div
        className="network-box"
        style={{ aspectRatio: `${width} / ${height}`, maxWidth: `${width * 1.15}px` }}
        onMouseLeave={() => setLink(null)}
      >
        <svg viewBox={`0 0 ${width} ${height}`} className="network-links">
          {links}
        </svg>
        {inputs.map((name, j) => (
          <div key={`in-${j}`} className="network-node input" style={box(0, j, inputs.length)} title={`Entrada ${name}`}>
            <canvas ref={ref(`0-${j}`)} width={canvasSide} height={canvasSide} aria-hidden="true" />
            <span className="network-node-label">{name}</span>
          </div>
        ))}
        {layers.flatMap((units, l) =>
          Array.from({ length: units }, (_, j) => {
            const name = neuronName(l, j, layers, classes);
            const pressed = selected?.[0] === l + 1 && selected[1] === j;
            return (
              <button
                key={`${l}-${j}`}
                type="button"
                className="network-node"
                style={box(l + 1, j, units)}
                data-testid="neuron"
                aria-pressed={pressed}
                aria-label={`Neurona ${name} (${layerName(l, layers)}): ver sus pesos`}
                onClick={() => setSelected(pressed ? null : [l + 1, j])}
              >
                <canvas ref={ref(`${l + 1}-${j}`)} width={canvasSide} height={canvasSide} aria-hidden="true" />
                <span className="network-node-label">{shortName(l, j, layers, classes)}</span>
              </button>
            );
          }),
        )}
      </div>
      <figcaption>
        <span className="network-legend">
          Cada cuadro: la activación de la neurona {oneD ? 'a lo largo de x' : 'sobre el plano'}. Enlaces{' '}
          <span className="network-positive">azules, peso +</span>; <span className="network-negative">naranjas, −</span>; grosor, |w|.
        </span>{' '}
        <span data-testid="link-weight" aria-live="polite">
          {link ?? 'Ratón o Tab sobre un enlace: su peso. Clic en una neurona: sus pesos y su sesgo.'}
        </span>
      </figcaption>
      {detail}
    </figure>
  );
});

/** The picked neuron's incoming weights and bias: w·entrada + b before the activation. */
function selectedDetail(
  [column, unit]: [number, number],
  columns: number[],
  params: number[][],
  sourceName: (l: number, j: number) => string,
  name: string,
) {
  const l = column - 1;
  const kernel = params[2 * l];
  const bias = params[2 * l + 1]?.[unit];
  if (!kernel || bias === undefined) return null;
  const units = columns[column];
  return (
    <div className="network-detail" data-testid="neuron-detail">
      <strong>{name}</strong> = activación(Σ w·entrada + b)
      <table className="print-table">
        <tbody>
          {Array.from({ length: columns[l] }, (_, from) => (
            <tr key={from}>
              <th scope="row">w de {sourceName(l, from)}</th>
              <td>{formatNumber(kernel[from * units + unit], 4)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">b</th>
            <td data-testid="neuron-bias">{formatNumber(bias, 4)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
