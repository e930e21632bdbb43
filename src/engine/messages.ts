/**
 * Every Spanish text the engine produces (errors, progress labels, notes), so wording and
 * number formatting live in one place. Modules build their messages from here and never
 * format numbers themselves.
 */
import { spanishFormat } from '../format/spanish';

/**
 * The engine's number formatter (decimal comma, dot grouping: src/format/spanish.ts): integers
 * whole (`50.000`, `6.305.802`), other numbers to six significant digits (`0,5`, `1,23457`), or
 * to at most `decimals` decimals when given (`2,7` MB).
 */
export function formatEs(value: number, decimals?: number): string {
  if (decimals !== undefined) return spanishFormat({ maximumFractionDigits: decimals }).format(value);
  return spanishFormat(Number.isInteger(value) ? { maximumFractionDigits: 0 } : { maximumSignificantDigits: 6 }).format(value);
}

/** A value as the student sent it: numbers in Spanish, anything else between «». */
export const received = (value: unknown) => (typeof value === 'number' ? formatEs(value) : `«${String(value)}»`);

const megabytes = (bytes: number, decimals: number) => formatEs(bytes / 1e6, decimals);
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
const unreachable = (file: string, error: unknown) => `No se pudo descargar ${file}: ${reason(error)}.`;

/** Checks of a run spec before anything is built (validate.ts). */
export const invalidSpec = {
  positiveNumber: (what: string, value: unknown) => `${what} debe ser un número mayor que 0 (recibido: ${received(value)}).`,
  integerBetween: (what: string, max: number, value: unknown) =>
    `${what} debe ser un número entero entre 1 y ${max} (recibido: ${received(value)}).`,
  fraction: (what: string, value: unknown) => `${what} debe estar entre 0 y 1, sin llegar a 1 (recibido: ${received(value)}).`,
  inputShape: 'La forma de la entrada del modelo no es válida.',
  initialWeightsShape: (sizes: number[]) =>
    `Los pesos iniciales no encajan con el modelo: se esperaban ${sizes.length} grupos de tamaños ${sizes.join(', ')}.`,
  initialWeightsFinite: 'Los pesos iniciales deben ser números finitos.',
  base: (bases: readonly string[], value: unknown) => `La base debe ser una de: ${bases.join(', ')} (recibido: ${received(value)}).`,
  baseWeights: (value: unknown) => `Los pesos de la base deben ser «pretrained» o «random» (recibido: ${received(value)}).`,
  twoClasses: 'Hacen falta al menos 2 clases.',
  transferLoss: 'La transferencia entrena con entropía cruzada categórica, como el cuaderno.',
  transferWatch: 'Un modelo de transferencia no envía sus parámetros en cada actualización.',
  userImagesVersion: 'La versión de las imágenes propias debe ser un número entero.',
  transferNeedsClasses: 'Un modelo de transferencia necesita imágenes por clases.',
  chooseClasses: (count: number) => `Hay que elegir ${count} clases de CIFAR-10.`,
  classRange: 'Las clases de CIFAR-10 van de 0 a 9.',
  distinctClasses: 'Las clases elegidas deben ser distintas.',
  seed: (value: unknown) => `La semilla debe ser un número entero (recibido: ${received(value)}).`,
  classesOnlyForTransfer: 'Las imágenes por clases son para modelos de transferencia.',
  noData: 'No hay datos de entrenamiento.',
  inputsVsLabels: (inputs: number, labels: number) => `Hay ${inputs} entradas pero ${labels} etiquetas.`,
  inputWidth: (width: number) => `Cada entrada debe tener ${width} números finitos.`,
  activationsNeedMlp: 'Solo una red densa envía la activación de cada neurona.',
  nothingToTrain: 'Con esa fracción de validación no queda ningún dato para entrenar.',
  cifar10Train: (max: number, value: unknown) =>
    `El número de imágenes de entrenamiento debe ser un entero entre 1 y ${formatEs(max)} (recibido: ${received(value)}).`,
  noImageToTrain: 'Con esa fracción de validación no queda ninguna imagen para entrenar.',
  cifar10Input: (bytes: number) => `Cada imagen de CIFAR-10 son ${bytes} números.`,
  cifar10Output: 'CIFAR-10 tiene 10 clases con etiquetas enteras: 10 salidas y entropía cruzada categórica dispersa.',
  regularizerName: (value: unknown) => `El regularizador debe ser «l1», «l2» o «l1_l2», como en Keras (recibido: ${received(value)}).`,
  nonNegative: (what: string, value: unknown) => `${what} debe ser un número mayor o igual que 0 (recibido: ${received(value)}).`,
  betweenZeroAndOne: (what: string, value: unknown) => `${what} debe estar entre 0 y 1 (recibido: ${received(value)}).`,
  flip: (value: unknown) => `El volteo horizontal se activa o no: debe ser verdadero o falso (recibido: ${received(value)}).`,
  augmentOnlyImages: 'El aumento de datos solo se aplica a imágenes (CIFAR-10).',
  cnnInput: 'La entrada de una red convolucional es una imagen: alto, ancho y canales.',
  cnnTooSmall: 'La imagen es demasiado pequeña para tantas capas convolucionales: algún mapa de activación quedaría vacío.',
};

/** Names of the quantities validate.ts checks, as they open a sentence. */
export const quantity = {
  units: 'El número de neuronas de una capa oculta',
  dropout: 'La tasa de Dropout',
  filters: 'El número de filtros de una capa convolucional',
  kernelSize: 'El tamaño del filtro de una capa convolucional',
  outputs: 'El número de salidas',
  classes: 'El número de clases',
  trainPerClass: 'El número de imágenes de entrenamiento por clase',
  validationPerClass: 'El número de imágenes de validación por clase',
  learningRate: 'La tasa de aprendizaje',
  momentum: 'El momento',
  epochs: 'El número de épocas',
  batchSize: 'El tamaño de lote',
  validationSplit: 'La fracción de validación',
  l1: 'La fuerza de la regularización L1',
  l2: 'La fuerza de la regularización L2',
  translate: 'El desplazamiento máximo del aumento de datos',
  rotate: 'El giro máximo del aumento de datos (en fracciones de vuelta)',
  zoom: 'El zoom máximo del aumento de datos',
};

/** Downloading and checking CIFAR-10 (cifar10/load.ts, cifar10/decode.ts). */
export const cifar10 = {
  unreachable,
  missing: (name: string, status: number) => `Falta el archivo ${name} en el sitio (HTTP ${status}).`,
  missingHtml: (name: string) => `Falta el archivo ${name} en el sitio (el servidor devolvió una página web en su lugar).`,
  damaged: (name: string) => `El archivo ${name} está dañado o incompleto`,
  tooLong: (name: string, expected: number) => `${cifar10.damaged(name)}: mide más de los ${expected} bytes que debería medir.`,
  wrongSize: (name: string, bytes: number, expected: number) =>
    `${cifar10.damaged(name)}: mide ${bytes} bytes y debería medir ${expected}.`,
  wrongHash: (name: string) => `${cifar10.damaged(name)}: su huella SHA-256 no coincide con la del paquete original.`,
  badManifest: 'El archivo manifest.json de CIFAR-10 no es válido.',
  notInManifest: (name: string) => `El manifiesto de CIFAR-10 no describe ${name}.`,
  downloading: (received: number, total: number) => `Descargando imágenes: ${megabytes(received, 0)} de ${megabytes(total, 0)} MB`,
  fromBrowser: (received: number, total: number) =>
    `Leyendo las imágenes guardadas en este navegador: ${megabytes(received, 0)} de ${megabytes(total, 0)} MB`,
  decoding: (name: string, index: number, count: number) => `Descodificando ${name} (${index} de ${count})`,
  ready: 'Datos listos',
  notLoaded: 'Los datos de CIFAR-10 no están cargados.',
  notPng: (name: string, error: unknown) => `El archivo ${name} no es un PNG válido (${reason(error)}).`,
  notJson: (name: string) => `El archivo ${name} no es JSON válido.`,
  notSprite: (name: string, got: { width: number; height: number; channels: number; depth: number }, rows: number) =>
    `El archivo ${name} no tiene la forma de CIFAR-10: mide ${got.width}×${got.height} con ${got.channels} canales de ${got.depth} bits; se esperaban 1024×${rows} en RGB de 8 bits.`,
  labelCount: (name: string, count: number) => `El archivo ${name} debe tener ${count} etiquetas enteras entre 0 y 9.`,
  tooFewRows: (name: string, rows: number) => `${cifar10.damaged(name)}: no llega a las ${rows} primeras imágenes.`,
};

/** Converted weights fetched from the site or this browser's cache (transfer/weights.ts). */
export const weights = {
  looking: (name: string) => `Buscando los pesos de ${name}`,
  fromBrowser: (name: string) => `Pesos de ${name} leídos de este navegador`,
  offline: (name: string) =>
    `No se pudo descargar los pesos de ${name}: no hay conexión con el sitio y este navegador no guarda una copia.`,
  absent: (name: string) => `Este sitio no tiene los pesos de ${name} y este navegador no guarda una copia.`,
  downloading: (name: string, received: number, total: number) =>
    `Descargando los pesos de ${name}: ${megabytes(received, 1)} de ${megabytes(total, 1)} MB`,
  unreachable,
  missingShard: (file: string, name: string) => `Falta el archivo ${file} de los pesos de ${name} en el sitio.`,
  incomplete: (name: string, bytes: number, total: number) => `Los pesos de ${name} están incompletos: ${bytes} bytes de ${total}.`,
};

/** Keras weight files and converted weights (efficientnet/h5.ts, convert.ts, transfer/baseFile.ts, transfer/model.ts). */
export const weightFiles = {
  notHdf5: 'El archivo no es un HDF5 válido.',
  damagedHdf5: 'El archivo HDF5 está dañado y no se puede leer.',
  notKeras: 'El archivo no tiene el formato de pesos de Keras (falta el atributo layer_names).',
  dtype: (name: string, dtype: string) => `El peso ${name} tiene un tipo de dato no admitido (${dtype}).`,
  missingIn: (name: string, where: string) => `Falta el peso ${name} ${where}.`,
  shape: (name: string, found: number[], expected: number[]) =>
    `El peso ${name} tiene forma [${found.join(',')}] y se esperaba [${expected.join(',')}].`,
  noData: 'Los pesos cargados no traen datos.',
  notEfficientNet: 'El archivo no contiene los pesos de una EfficientNet B0–B3 sin la capa de clasificación (los *_notop.h5 de Keras).',
  otherVariant: (variant: string) =>
    `Es un archivo de EfficientNet${variant.toUpperCase()}; el laboratorio usa B0 o B3 (efficientnetb0_notop.h5 o efficientnetb3_notop.h5).`,
  noTrainablePart: 'No se pudo separar la parte entrenable del modelo.',
};

/** Picking the images of a transfer task (transfer/images.ts, data.ts). */
export const imageTasks = {
  cifar10Train: 'El conjunto de entrenamiento de CIFAR-10',
  cifar10Test: 'El conjunto de prueba de CIFAR-10',
  tooFew: (where: string, found: number, label: number, wanted: number) =>
    `${where} solo tiene ${found} imágenes de la clase ${label}; se pidieron ${wanted}.`,
  twoPerClass: (classNumber: number, found: number) =>
    `Cada clase necesita al menos 2 imágenes (una para validar); la clase ${classNumber} tiene ${found}.`,
};

/** The tools that compute without a run (convolution.ts, softmax.ts). */
export const tools = {
  convolutionShape: 'La imagen o el filtro no tienen la forma esperada (una imagen cuadrada en grises y 9 números finitos).',
  // U+2212, the true minus sign, before the lower limit.
  logits: (limit: number) => `Los logits deben ser al menos dos números entre \u2212${limit} y ${limit}.`,
  target: (max: number) => `La clase correcta debe ser un número entero entre 0 y ${max}.`,
};

/** What each backend looks like here, and why one was chosen (backends.ts). */
export const backends = {
  noWebGpu: 'Este navegador no ofrece WebGPU (navigator.gpu no existe).',
  noAdapter: 'WebGPU existe, pero no hay ningún adaptador gráfico disponible.',
  adapterFailed: (error: unknown) => `WebGPU falló al pedir un adaptador: ${String(error)}`,
  unnamedAdapter: 'adaptador sin nombre',
  noWebGl: 'No hay WebGL en este entorno.',
  noWebGl2: 'El navegador no pudo crear un contexto WebGL 2.',
  nodeWebGl: 'Node no tiene WebGL.',
  wasm: 'WebAssembly en la CPU',
  noWasm: 'Este entorno no ejecuta WebAssembly.',
  cpu: 'JavaScript puro; siempre disponible',
  softwareNote: ' Ojo: es una GPU emulada por software, mucho más lenta que una real.',
  chosen: (label: string, detail: string, note: string) => `Elegido por ti: ${label} (${detail}).${note}`,
  wasmConvolution: 'WebAssembly no sabe calcular los gradientes de una convolución.',
  refused: (label: string, why: string, fallback: string) => `Pediste ${label}, pero no se puede usar: ${why} ${fallback}`,
  autoTiny: (params: number) =>
    `Automático: CPU. El modelo es diminuto (${params} parámetros) y en la GPU costaría más lanzar cada operación que calcularla.`,
  autoGpu: (label: string, detail: string) => `Automático: ${label} sobre la GPU (${detail}).`,
  autoWasm: 'Automático: WebAssembly. No hay GPU real disponible y en la CPU es lo más rápido.',
  autoSoftware: (label: string, detail: string) => `Automático: ${label} emulado por software (${detail}); no hay GPU real.`,
  autoCpu: 'Automático: CPU, la única opción disponible.',
  webGpuLost: (why: string | undefined) => `se perdió el dispositivo WebGPU (${why || 'sin motivo'})`,
  webGlLost: 'se perdió el contexto WebGL',
  cannotStart: (label: string) => `No se pudo iniciar el motor ${label}.`,
};

/** Saving and loading whole models (persistence.ts). */
export const persistence = {
  otherArchitecture: (saved: string, configured: string) =>
    `El modelo guardado tiene otra arquitectura (pesos ${saved}) que la configurada (${configured}).`,
  nothingSaved: 'No hay ningún modelo guardado en este navegador.',
  noModelJson: 'Falta el archivo model.json del modelo.',
  notTransferModel: 'Este modelo no es del laboratorio de transferencia: le faltan los nombres de sus clases.',
  noClassifier: 'Carga antes un modelo guardado.',
};

/** What the worker's session answers (src/engine/session). */
export const session = {
  noRun: 'No hay ningún entrenamiento preparado.',
  firstLayerOnlyCnn: 'Los filtros y mapas de activación son de una red convolucional: elige el modelo CNN.',
  userImagesSize: 'Las imágenes propias no tienen el tamaño que dicen tener.',
  benchNeedsOwnWorker: 'La comparación de motores necesita un proceso de cálculo propio.',
  backendBusy: 'Hay un entrenamiento en marcha en este proceso de cálculo: esta herramienta no puede cambiar de motor ahora.',
  /** The models the capabilities page asks `auto` about. */
  capabilityModels: {
    tiny: (params: number) => `Una neurona (${formatEs(params)} parámetros)`,
    mlp: (params: number) => `El MLP de CIFAR-10 (${formatEs(params)} parámetros)`,
    efficientnet: (params: number) => `EfficientNetB0 con convoluciones (${formatEs(params)} parámetros)`,
  },
};

/** Display names of the transfer bases, for progress labels. */
export const BASE_NAMES = { b0: 'EfficientNetB0', b3: 'EfficientNetB3', mini: 'EfficientNet mini' } as const;

/** The optimizer race on a loss surface (race/race.ts). */
export const race = {
  racers: 'La carrera necesita al menos uno de los optimizadores sgd, momentum, rmsprop y adam, sin repetir ninguno.',
  start: 'El punto de partida (w, b) debe ser dos números finitos.',
};

/** What a run says as it trains (trainer.ts, src/engine/fit). */
export const training = {
  stopped: 'Entrenamiento detenido.',
  augmentNeedsImages: 'El aumento de datos necesita imágenes: estos datos no lo son.',
  earlyStop: 'Parada temprana.',
  failed: (error: unknown) => `Error durante el entrenamiento: ${reason(error)}`,
  /** `noticed`: the epoch the run had reached when it read the bad loss back. */
  diverged: (epoch: number, loss: number, learningRate: number, noticed: number) =>
    `La pérdida se volvió ${Number.isNaN(loss) ? 'NaN (ya no es un número)' : 'infinita'} en la época ${epoch}` +
    (noticed > epoch ? ` (el motor lee los resultados por tandas y lo vio en la época ${noticed}). ` : '. ') +
    `La tasa de aprendizaje (η = ${formatEs(learningRate)}) es demasiado grande: cada paso salta más allá del mínimo, ` +
    'los parámetros crecen sin control y los números se desbordan. Baja la tasa de aprendizaje y reinicia.',
  /** A GPU backend died; the run goes on from the last backup (`epoch`), or from the start. */
  backendMoved: (from: string, why: string, to: string, epoch: number | null) =>
    `${from} dejó de funcionar: ${why}. El entrenamiento sigue en ${to} ` +
    (epoch === null ? 'desde el principio.' : `desde la época ${epoch}, el último punto guardado.`),
  /** How a dead backend shows in the list the next one is chosen from. */
  backendFailed: 'dejó de funcionar en esta sesión',
  pauseBeforeLoading: 'Pausa el entrenamiento antes de cargar un modelo.',
  weightsLoaded: 'Pesos cargados: el entrenamiento sigue desde ellos.',
};

/** Phase 2 of a transfer run (transfer/source.ts, trainer.ts). */
export const fineTune = {
  onlyTransfer: 'Solo un modelo de transferencia tiene bloques que descongelar.',
  pauseFirst: 'Pausa el entrenamiento antes de descongelar bloques.',
  resetFirst: 'El entrenamiento terminó con un error: reinícialo antes de afinar.',
  unfreeze: (blocks: number, value: unknown) =>
    `El número de bloques que descongelar debe ser un entero entre 1 y ${blocks} (recibido: ${received(value)}).`,
  learningRate: (value: unknown) => `La tasa de aprendizaje de la fase 2 debe ser un número mayor que 0 (recibido: ${received(value)}).`,
  epochs: (value: unknown) =>
    `Las épocas de la fase 2 deben ser un número entero entre 1 y ${formatEs(1_000_000)} (recibido: ${received(value)}).`,
  started: (unfreeze: number, learningRate: number) =>
    `Fase 2: ${unfreeze === 1 ? 'el último bloque' : `los ${unfreeze} últimos bloques`} de la base entrenan ahora ` +
    `con η = ${formatEs(learningRate)}; BatchNormalization sigue en modo inferencia.`,
};
