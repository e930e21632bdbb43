/**
 * The hidden-layer activations the labs offer, with their derivatives, in plain JS for the
 * lesson's plot (nothing here trains: the engine computes activations with tfjs).
 */

export type ActivationName = 'sigmoid' | 'tanh' | 'relu' | 'gelu';

export interface ActivationInfo {
  name: ActivationName;
  /** Button label. */
  label: string;
  /** The function's symbol in formulas and the legend: σ, tanh, ReLU, GELU. */
  symbol: string;
  /** f(z) in plain text. */
  formula: string;
  /** f′(z) in plain text. */
  derivative: string;
  /** One or two sentences for the student: range, slope, where the labs use it. */
  note: string;
  f(z: number): number;
  df(z: number): number;
}

/** erf by Abramowitz and Stegun 7.1.26 (error below 1,5·10⁻⁷): plenty for a plot. */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-a * a));
}

/** Φ, the standard normal's cumulative distribution. */
export const normalCdf = (z: number) => 0.5 * (1 + erf(z / Math.SQRT2));
/** φ, the standard normal's density. */
export const normalPdf = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export const ACTIVATIONS: Record<ActivationName, ActivationInfo> = {
  sigmoid: {
    name: 'sigmoid',
    label: 'Sigmoide',
    symbol: 'σ',
    formula: 'σ(z) = 1 / (1 + e^(−z))',
    derivative: 'σ′(z) = σ(z) · (1 − σ(z))',
    note: 'Lleva cualquier número al intervalo (0; 1): la salida de un clasificador binario. Su derivada vale como mucho 0,25 (en z = 0) y casi 0 lejos del centro, así que en muchas capas seguidas el gradiente se apaga.',
    f: sigmoid,
    df: (z) => sigmoid(z) * (1 - sigmoid(z)),
  },
  tanh: {
    name: 'tanh',
    label: 'tanh',
    symbol: 'tanh',
    formula: 'tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z))',
    derivative: 'tanh′(z) = 1 − tanh²(z)',
    note: 'Como la sigmoide, pero centrada en 0 y con valores en (−1; 1). Su derivada llega a 1 en z = 0 y también se apaga en los extremos. Es la activación por defecto de los puntos del plano.',
    f: Math.tanh,
    df: (z) => 1 - Math.tanh(z) ** 2,
  },
  relu: {
    name: 'relu',
    label: 'ReLU',
    symbol: 'ReLU',
    formula: 'ReLU(z) = max(0, z)',
    derivative: 'ReLU′(z) = 1 si z > 0; 0 si z ≤ 0',
    note: 'Deja pasar los positivos y pone a cero los negativos. Su derivada es 1 o 0: no encoge el gradiente, pero una neurona con z ≤ 0 no deja pasar nada hacia atrás. Es la de la red de referencia de CIFAR-10.',
    f: (z) => Math.max(0, z),
    // Keras's convention at z = 0: derivative 0.
    df: (z) => (z > 0 ? 1 : 0),
  },
  gelu: {
    name: 'gelu',
    label: 'GELU',
    symbol: 'GELU',
    formula: 'GELU(z) = z · Φ(z)',
    derivative: 'GELU′(z) = Φ(z) + z · φ(z)',
    note: 'Una ReLU suave: Φ es la probabilidad acumulada de la normal estándar y φ su densidad. Para z muy negativo da casi 0, para z muy positivo casi z, y deja pasar un poco de gradiente con z negativo (su mínimo, −0,17, está en z ≈ −0,75). Es una opción del laboratorio de CIFAR-10.',
    f: (z) => z * normalCdf(z),
    df: (z) => normalCdf(z) + z * normalPdf(z),
  },
};

export const ACTIVATION_ORDER: ActivationName[] = ['sigmoid', 'tanh', 'relu', 'gelu'];
