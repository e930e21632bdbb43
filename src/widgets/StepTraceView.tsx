import type { Activation, LayerTrace, StepTrace } from '../engine/protocol';
import { formatNumber } from '../ui/format';
import { Readout } from '../ui/Readout';
import './StepTraceView.css';
import { TableHead } from '../ui/TableHead';

/** Rows shown per table; bigger datasets show the first ones and say how many are left. */
const MAX_ROWS = 6;

const ACTIVATION_NAMES: Record<Activation, string> = {
  linear: 'identidad',
  relu: 'ReLU',
  sigmoid: 'sigmoide σ',
  tanh: 'tanh',
  gelu: 'GELU',
  softmax: 'softmax',
};

/** What f′(z) is, in words, for the backward step of each activation. */
const DERIVATIVES: Record<Activation, string> = {
  linear: 'f′(z) = 1',
  relu: 'f′(z) = 1 si z > 0, si no 0: una neurona inactiva no deja pasar gradiente',
  sigmoid: 'σ′(z) = σ(z)·(1 − σ(z))',
  tanh: 'tanh′(z) = 1 − tanh²(z)',
  gelu: 'GELU′(z) = Φ(z) + z·φ(z)',
  softmax: 'la jacobiana de softmax',
};

const n4 = (v: number) => formatNumber(v, 4);
const vec = (row: readonly number[]) => (row.length === 1 ? n4(row[0]) : `[${row.map(n4).join('; ')}]`);

/** Per-sample vectors as a table: one row per sample, one column per quantity. */
function SampleTable({ caption, columns }: { caption: string; columns: { label: string; rows: number[][] }[] }) {
  const count = columns[0].rows.length;
  const shown = Math.min(count, MAX_ROWS);
  return (
    <table className="print-table trace-table">
      <caption>{caption}</caption>
      <TableHead first="Ejemplo" labels={columns.map((c) => c.label)} />
      <tbody>
        {Array.from({ length: shown }, (_, i) => (
          <tr key={i}>
            <td>{i + 1}</td>
            {columns.map((c) => (
              <td key={c.label}>{vec(c.rows[i])}</td>
            ))}
          </tr>
        ))}
      </tbody>
      {count > shown ? (
        <tfoot>
          <tr>
            <td colSpan={columns.length + 1}>… y {count - shown} ejemplos más</td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

/** Old value, gradient and new value of every weight and bias of one layer. */
function UpdateTable({
  layer,
  index,
  learningRate,
  plainSgd,
}: {
  layer: LayerTrace;
  index: number;
  learningRate: number;
  plainSgd: boolean;
}) {
  const rows: { name: string; old: number; grad: number; next: number }[] = [];
  layer.kernel.forEach((row, i) =>
    row.forEach((old, j) =>
      rows.push({ name: `W${index}[${i + 1},${j + 1}]`, old, grad: layer.gradKernel[i][j], next: layer.newKernel[i][j] }),
    ),
  );
  layer.bias.forEach((old, j) => rows.push({ name: `b${index}[${j + 1}]`, old, grad: layer.gradBias[j], next: layer.newBias[j] }));
  return (
    <table className="print-table trace-table">
      <caption>
        Capa {index}:{' '}
        {plainSgd ? `nuevo = antes − η·gradiente, con η = ${formatNumber(learningRate, 6)}` : 'valores tras el paso del optimizador'}
      </caption>
      <thead>
        <tr>
          <th scope="col">Parámetro</th>
          <th scope="col">Antes</th>
          <th scope="col">∂L/∂θ</th>
          <th scope="col">Después</th>
        </tr>
      </thead>
      <tbody>
        {rows.slice(0, 3 * MAX_ROWS).map((r) => (
          <tr key={r.name}>
            <th scope="row">{r.name}</th>
            <td>{formatNumber(r.old, 7)}</td>
            <td>{formatNumber(r.grad, 7)}</td>
            <td>{formatNumber(r.next, 7)}</td>
          </tr>
        ))}
      </tbody>
      {rows.length > 3 * MAX_ROWS ? (
        <tfoot>
          <tr>
            <td colSpan={4}>… y {rows.length - 3 * MAX_ROWS} parámetros más</td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

/**
 * One update written out in the order the notebooks compute it: forward pass layer by
 * layer, the loss, the backward pass from the output to the first layer, the update.
 */
export function StepTraceView({ trace, lossName }: { trace: StepTrace; lossName: string }) {
  const { layers } = trace;
  const last = layers[layers.length - 1];
  const plainSgd = trace.optimizer === 'sgd';
  const flat = (m: number[][]) => m.flat();
  return (
    <section className="step-trace" data-testid="step-trace" data-step={trace.step} aria-label={`Paso ${trace.step} explicado`}>
      <h3>Paso {trace.step}, número a número</h3>
      <div className="readout-row">
        <Readout testId="trace-loss" label={`Pérdida (${lossName})`} value={trace.loss} format="number" digits={6} />
        <Readout testId="trace-grad-w" label="∂L/∂W (salida)" value={flat(last.gradKernel)} digits={6} />
        <Readout testId="trace-grad-b" label="∂L/∂b (salida)" value={last.gradBias} digits={6} />
        <Readout testId="trace-new-w" label="W nuevo (salida)" value={flat(last.newKernel)} digits={7} />
        <Readout testId="trace-new-b" label="b nuevo (salida)" value={last.newBias} digits={7} />
      </div>

      <h4>1. Hacia delante</h4>
      {layers.map((layer, i) => (
        <SampleTable
          key={`f${i}`}
          caption={`Capa ${i + 1}: z = entrada·W${i + 1} + b${i + 1}, a = ${ACTIVATION_NAMES[layer.activation]}(z)`}
          columns={[
            { label: i === 0 ? 'entrada x' : `entrada a${i}`, rows: layer.input },
            { label: `z${i + 1}`, rows: layer.z },
            { label: i === layers.length - 1 ? 'ŷ' : `a${i + 1}`, rows: layer.a },
            ...(i === layers.length - 1 ? [{ label: 'y', rows: trace.y }] : []),
          ]}
        />
      ))}

      <h4>2. La pérdida</h4>
      <p className="trace-formula">
        {lossName} sobre {trace.y.length} ejemplos: L = {formatNumber(trace.loss, 6)}
      </p>

      <h4>3. Hacia atrás (regla de la cadena)</h4>
      {[...layers].reverse().map((layer) => {
        const i = layers.indexOf(layer) + 1;
        return (
          <div key={`b${i}`}>
            <SampleTable
              caption={`Capa ${i}: ∂L/∂z${i} = ∂L/∂a${i} · f′(z${i}), con ${DERIVATIVES[layer.activation]}`}
              columns={[
                { label: i === layers.length ? '∂L/∂ŷ' : `∂L/∂a${i}`, rows: layer.gradA },
                { label: `∂L/∂z${i}`, rows: layer.gradZ },
              ]}
            />
            <p className="trace-formula">
              ∂L/∂W{i} = (entrada)ᵀ·∂L/∂z{i} = {vec(flat(layer.gradKernel))}; ∂L/∂b{i} = Σ ∂L/∂z{i} = {vec(layer.gradBias)}
              {i > 1 ? `; y ∂L/∂a${i - 1} = ∂L/∂z${i}·W${i}ᵀ pasa a la capa ${i - 1}` : ''}
            </p>
          </div>
        );
      })}

      <h4>4. La actualización</h4>
      {layers.map((layer, i) => (
        <UpdateTable key={`u${i}`} layer={layer} index={i + 1} learningRate={trace.learningRate} plainSgd={plainSgd} />
      ))}
    </section>
  );
}

/** Under a traced widget: the step «Un paso» took last, or until there is one, how to take it. */
export function StepTracePanel({ trace, lossName }: { trace: StepTrace | null; lossName: string }) {
  return trace ? (
    <StepTraceView trace={trace} lossName={lossName} />
  ) : (
    <p className="hint">Pulsa «Un paso» para ver una actualización completa, número a número.</p>
  );
}
