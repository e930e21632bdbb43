import { andSpec } from '../widgets/and/exercise';
import type { AND_FIELDS } from '../widgets/and/settings';
import { augmentSpec, parseAugment } from '../widgets/augment/augment';
import { cifar10Spec, type Cifar10Settings } from '../widgets/cifar10/settings';
import type { CONVOLUCION_FIELDS } from '../widgets/convolucion/settings';
import { convolution } from '../widgets/convolucion/settings';
import { puntosSpec, settingsPoints, type PuntosSettings } from '../widgets/puntos/settings';
import { rectaSpec } from '../widgets/recta/exercise';
import type { RECTA_FIELDS } from '../widgets/recta/settings';
import { inspection, type SOFTMAX_FIELDS } from '../widgets/softmax/settings';
import { parseRacers, type SuperficieFields } from '../widgets/superficie/settings';
import { raceSpec } from '../widgets/superficie/surfaces';
import { classNames, transferSettings, transferSpec, type TRANSFER_FIELDS } from '../widgets/transfer/settings';
import type { Values } from '../widgets/urlState';
import { cifar10Program } from './labs/cifar10';
import { raceProgram } from './labs/race';
import { convolutionProgram, softmaxProgram } from './labs/tools';
import { toyProgram } from './labs/toy';
import { transferProgram } from './labs/transfer';
import type { Program } from './program';

/**
 * Each lab's program, made from the values its widget runs with by the widget's own spec
 * builder (rectaSpec, cifar10Spec…): the code shows the run the engine is given, never a
 * second description of it. Values arrive untyped through the page's store; each entry
 * knows its widget's fields.
 */
type Generator = (values: Readonly<Record<string, unknown>>) => Program | null;

export const PROGRAMS: Record<string, Generator> = {
  recta: (v) =>
    toyProgram(rectaSpec(v as Values<typeof RECTA_FIELDS>), {
      title: 'Una neurona aprende la recta y = 2x + 1',
      data: 'Los cuatro puntos del ejercicio A: x = 1, 2, 3, 4 e y = 2x + 1.',
    }),
  superficie: (v) => {
    const values = v as Values<SuperficieFields>;
    const racers = parseRacers(values.optimizadores) ?? [];
    const spec = { surface: values.superficie, racers, lr: values.lr, w0: values.w0, b0: values.b0 };
    return racers.length > 0 ? raceProgram(raceSpec(spec), values.epochs) : null;
  },
  and: (v) =>
    toyProgram(andSpec(v as Values<typeof AND_FIELDS>), {
      title: 'Una neurona aprende la puerta lógica AND',
      data: 'Las cuatro entradas de la puerta AND y su salida: solo (1, 1) da 1.',
    }),
  puntos: (v) => {
    const values = v as PuntosSettings;
    const spec = puntosSpec(values, settingsPoints(values), []);
    return (
      spec &&
      toyProgram(spec, {
        title: 'Clasificar puntos en el plano',
        data: 'Los puntos del laboratorio: sus coordenadas (x, y) en `X` y su clase en `y`.',
      })
    );
  },
  softmax: (v) => {
    const values = v as Values<typeof SOFTMAX_FIELDS>;
    return softmaxProgram({ ...inspection(values), lr: values.lr });
  },
  convolucion: (v) => convolutionProgram(convolution(v as Values<typeof CONVOLUCION_FIELDS>)),
  cifar10: (v) => cifar10Program(cifar10Spec(v as Cifar10Settings)),
  transfer: (v) => {
    const values = v as Values<typeof TRANSFER_FIELDS>;
    const run = transferSettings(values, values.base, 0);
    return transferProgram(transferSpec(run), classNames(run.classes, values.nombres), {
      unfreeze: values.unfreeze,
      lr: values.lr2,
      epochs: values.epochs2,
      augment: augmentSpec(parseAugment(values.augment) ?? []),
    });
  },
};

/** The program of `widget` for `values`, or null where there is nothing to run (no points). */
export function programFor(widget: string, values: Readonly<Record<string, unknown>>): Program | null {
  return Object.hasOwn(PROGRAMS, widget) ? PROGRAMS[widget](values) : null;
}
