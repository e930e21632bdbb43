import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EpochRecord, RunSpec } from '../engine/protocol';
import { AND_FIELDS } from '../widgets/and/settings';
import { CIFAR10_FIELDS, cifar10Spec, type Cifar10Settings } from '../widgets/cifar10/settings';
import { CONVOLUCION_FIELDS } from '../widgets/convolucion/settings';
import { PUNTOS_FIELDS } from '../widgets/puntos/settings';
import { RECTA_FIELDS } from '../widgets/recta/settings';
import { SOFTMAX_FIELDS } from '../widgets/softmax/settings';
import { TRANSFER_FIELDS } from '../widgets/transfer/settings';
import type { Fields } from '../widgets/urlState';
import { cifar10Program } from './labs/cifar10';
import { buildNotebook } from './notebook';
import { kerasCode, pythonRepr, type Program } from './program';
import { programFor } from './programs';
import { runPython } from './test-support/python';

const defaults = (fields: Fields) => Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.default]));

/** The surface lab's settings on its lab page (its fields depend on the surface chosen). */
const SUPERFICIE = { superficie: 'recta', optimizadores: 'sgd', w0: 1.3552873, b0: 0.00364656, lr: 0.1, epochs: 51, backend: 'auto' };

/** Every lab at its defaults, and each with some values changed. */
const CASES: [string, Record<string, unknown>][] = [
  ['recta', defaults(RECTA_FIELDS)],
  ['recta', { ...defaults(RECTA_FIELDS), w0: 1, b0: -2.5, lr: 0.05, epochs: 20 }],
  ['superficie', { ...SUPERFICIE, optimizadores: 'sgd,momentum,rmsprop,adam' }],
  ['superficie', { ...SUPERFICIE, superficie: 'valle', optimizadores: 'sgd,adam', w0: -4, b0: 2.5, lr: 0.9, epochs: 100 }],
  ['and', defaults(AND_FIELDS)],
  ['and', { ...defaults(AND_FIELDS), w0: [0.5, -1], b0: 0.25, lr: 1, epochs: 10 }],
  ['puntos', defaults(PUNTOS_FIELDS)],
  ['puntos', { ...defaults(PUNTOS_FIELDS), datos: 'xor', capas: 2, neuronas: 3, activacion: 'relu' }],
  ['softmax', defaults(SOFTMAX_FIELDS)],
  ['softmax', { ...defaults(SOFTMAX_FIELDS), z: '1,-2.5,3,0', clase: 2, lr: 0.5 }],
  ['convolucion', defaults(CONVOLUCION_FIELDS)],
  ['convolucion', { ...defaults(CONVOLUCION_FIELDS), imagen: 'escalon', paso: '2', relleno: 'valid' }],
  ['cifar10', defaults(CIFAR10_FIELDS)],
  ['cifar10', { ...defaults(CIFAR10_FIELDS), optimizer: 'momentum', lr: 0.04, bn: true, programa: true, parada: false, hidden: 2 }],
  ['cifar10', { ...defaults(CIFAR10_FIELDS), model: 'cnn', l1: 0.0001, l2: 0.001, augment: 'flip,shift,rotate,zoom' }],
  ['transfer', defaults(TRANSFER_FIELDS)],
  ['transfer', { ...defaults(TRANSFER_FIELDS), base: 'b3', classes: 'propias', nombres: 'gato,perro,coche,taza', unfreeze: 3 }],
  ['transfer', { ...defaults(TRANSFER_FIELDS), base: 'mini', augment: '' }],
];

const RECORD: EpochRecord = {
  epoch: 51,
  logs: { loss: 0.0038771, accuracy: 0.5, val_loss: NaN, val_accuracy: 0.25 },
  params: [[2.05], [0.85]],
};

/** A CNN with augmentation and L2, for the spec kinds the CIFAR-10 settings may not offer yet. */
function cnnProgram(): Program {
  const base = cifar10Spec(defaults(CIFAR10_FIELDS) as Cifar10Settings);
  const spec: RunSpec = {
    ...base,
    model: {
      kind: 'cnn',
      inputShape: [32, 32, 3],
      conv: [
        { filters: 32, kernelSize: 3, activation: 'relu' },
        { filters: 64, kernelSize: 3, activation: 'relu' },
      ],
      hidden: [{ units: 128, activation: 'relu', dropout: 0.3 }],
      outputUnits: 10,
      outputActivation: 'softmax',
      kernelRegularizer: { name: 'l2', l2: 0.001 },
    },
    augment: { flip: true, translate: 0.1, rotate: 0.05, zoom: 0.1 },
  };
  return cifar10Program(spec);
}

const dir = mkdtempSync(join(tmpdir(), 'notebooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('notebooks', () => {
  it('every lab notebook is valid nbformat 4 and every code cell parses as Python', () => {
    const programs = CASES.map(([lab, values]) => ({ lab, program: programFor(lab, values)! }));
    programs.push({ lab: 'cnn', program: cnnProgram() });
    const paths = programs.flatMap(({ lab, program }, i) =>
      [[], [RECORD]].map((history, j) => {
        const path = join(dir, `${lab}-${i}-${j}.ipynb`);
        writeFileSync(path, buildNotebook(program, { history, link: 'https://example.org/lab/#/lab/recta?lr=0.1' }));
        return path;
      }),
    );
    const script = [
      'import ast, sys, nbformat',
      'for path in sys.argv[1:]:',
      '    nb = nbformat.read(path, as_version=4)',
      '    nbformat.validate(nb)',
      '    assert nb.nbformat == 4 and nb.nbformat_minor == 5, path',
      '    code = [c.source for c in nb.cells if c.cell_type == "code"]',
      '    assert code, path',
      '    for source in code:',
      '        ast.parse(source, filename=path)',
      'print(len(sys.argv) - 1)',
    ].join('\n');
    const out = runPython(script, paths, [{ module: 'nbformat', debian: 'python3-nbformat' }]);
    expect(Number(out.trim())).toBe(paths.length);
  });

  it('writes the recta code with the initial w and b, the loop of the notebook and the browser numbers', () => {
    const program = programFor('recta', { ...defaults(RECTA_FIELDS), w0: 0.75, b0: -1.25 })!;
    const code = kerasCode(program);
    expect(code).toContain('w = tf.Variable(0.75)');
    expect(code).toContain('b = tf.Variable(-1.25)');
    expect(code).toContain('with tf.GradientTape() as tape:');
    expect(code).toContain('w.assign_sub(lr * dw)');
    expect(code).toContain('if epoch % 10 == 0:');
    const notebook = JSON.parse(buildNotebook(program, { history: [RECORD] })) as { cells: { source: string[] }[] };
    const last = notebook.cells.at(-1)!.source.join('');
    expect(last).toContain("browser = {'loss': 0.0038771, 'w': 2.05, 'b': 0.85}");
  });

  it('writes the optimizer race with each racer’s Keras optimizer and rate', () => {
    const code = kerasCode(programFor('superficie', { ...SUPERFICIE, optimizadores: 'sgd,momentum,adam' })!);
    expect(code).toContain("'sgd': tf.keras.optimizers.SGD(learning_rate=0.1)");
    expect(code).toContain("'momentum': tf.keras.optimizers.SGD(learning_rate=0.02, momentum=0.9)");
    expect(code).toContain("'adam': tf.keras.optimizers.Adam(learning_rate=0.2)");
    expect(code).toContain('w = tf.Variable(1.3552873)');
    expect(programFor('superficie', { ...SUPERFICIE, optimizadores: '' })).toBeNull();
  });

  it("writes the CIFAR-10 fit with the lab's EarlyStopping, optimizer and layers", () => {
    const code = kerasCode(programFor('cifar10', defaults(CIFAR10_FIELDS))!);
    expect(code).toContain("keras.callbacks.EarlyStopping(monitor='val_loss', min_delta=0.01, patience=3, restore_best_weights=True)");
    expect(code).toContain('keras.optimizers.Adam(learning_rate=0.0001)');
    expect(code.match(/layers\.Dense\(1024, activation='relu'\)/g)).toHaveLength(4);
    expect(code).toContain('batch_size=64, epochs=100, validation_split=0.1');
    const cnn = kerasCode(cnnProgram());
    expect(cnn).toContain("layers.Conv2D(32, 3, activation='relu', kernel_regularizer=regularizers.L2(l2=0.001))");
    expect(cnn).toContain("layers.RandomFlip('horizontal')");
    // The lab's own CNN settings reach the code through cifar10Spec.
    const lab = kerasCode(programFor('cifar10', { ...defaults(CIFAR10_FIELDS), model: 'cnn', l2: 0.001, augment: 'flip' })!);
    expect(lab).toContain('layers.Conv2D(');
    expect(lab).toContain('kernel_regularizer=regularizers.L2(l2=0.001)');
    expect(lab).toContain("layers.RandomFlip('horizontal')");
  });

  it('writes the transfer phases: frozen base in inference mode, then unfrozen blocks without BatchNormalization', () => {
    const code = kerasCode(programFor('transfer', { ...defaults(TRANSFER_FIELDS), lr2: 0.00001, augment: 'flip' })!);
    expect(code).toContain("keras.applications.EfficientNetB0(include_top=False, weights='imagenet', input_shape=(224, 224, 3))");
    expect(code).toContain('base.trainable = False');
    expect(code).toContain('x = base(x, training=False)');
    expect(code).toContain('not isinstance(layer, layers.BatchNormalization)');
    expect(code).toContain('learning_rate=0.00001');
    // Phase 2 trains on augmented batches, as the lab does.
    expect(code).toContain("layers.RandomFlip('horizontal')");
    expect(code).toContain('history_2 = model.fit(train_augmented');
  });

  it('loads the browser’s transfer weights only where Keras has the base (B0, B3; not mini)', () => {
    const load = "model.load_weights('transferencia.weights.h5')";
    expect(kerasCode(programFor('transfer', { ...defaults(TRANSFER_FIELDS), base: 'b3' })!)).toContain(load);
    expect(kerasCode(programFor('transfer', { ...defaults(TRANSFER_FIELDS), base: 'mini' })!)).not.toContain(load);
  });

  it("writes floats as Python's repr does", () => {
    const numbers = [0.1, 1e-5, 0.0001, 123, 1e16, 1.5e-7, -2.5, 6305802, 0.3333333432674408, 1e22, 12345678901234568, -0.000123];
    const ours = numbers.map(pythonRepr).join(' ');
    const python = runPython('import sys; print(" ".join(repr(float(a)) for a in sys.argv[1:]))', numbers.map(String), []);
    expect(ours).toBe(python.trim());
  });
});
