import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { raceSpec, SURFACES } from '../../widgets/superficie/surfaces';
import { watchBackend } from '../backends';
import { Race } from './race';
import { RACER_NAMES, type RaceSpec } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const ALL = RACER_NAMES;
const build = (spec: RaceSpec) => Race.create(spec, watchBackend('cpu'));

/** The notebook's recta race, every optimizer at the surface's rates. */
const recta = (racers = ALL, lr = SURFACES.recta.rates.sgd) => raceSpec({ surface: 'recta', racers, lr, ...SURFACES.recta.start });

/** ∇L of the MSE of ŷ = w·x + b in float64: (2/n)·Σ(ŷ − y)·(x, 1). */
function gradient(x: readonly number[], y: readonly number[], w: number, b: number): [number, number] {
  const e = x.map((xi, i) => w * xi + b - y[i]);
  return [(2 / x.length) * e.reduce((s, ei, i) => s + ei * x[i], 0), (2 / x.length) * e.reduce((s, ei) => s + ei, 0)];
}

describe('the optimizer race', () => {
  it('takes each first step as Keras does, by hand in float64, and reports the state behind it', async () => {
    const { x, y, start, rates } = SURFACES.recta;
    const g = gradient(x, y, start.w0, start.b0);
    const race = build(recta());
    expect(await race.startLoss()).toBeCloseTo(7.3219, 4);
    const { racers, epoch } = await race.advance(1);
    expect(epoch).toBe(1);
    const by = Object.fromEntries(racers.map((r) => [r.name, r]));
    // Adam's first step: m̂ = g and v̂ = g², so the step is η·g/(|g| + ε̂): η against the slope.
    const adamStep = g.map((gi) => {
      const alpha = (rates.adam * Math.sqrt(1 - 0.999)) / (1 - 0.9);
      return (-alpha * (0.1 * gi)) / (Math.sqrt(0.001 * gi * gi) + 1e-7);
    });
    const expected = {
      sgd: g.map((gi) => -rates.sgd * gi),
      momentum: g.map((gi) => -rates.momentum * gi),
      rmsprop: g.map((gi) => (-rates.rmsprop * gi) / Math.sqrt(0.1 * gi * gi + 1e-7)),
      adam: adamStep,
    };
    for (const name of ALL) {
      const r = by[name];
      expect(r.losses).toHaveLength(1);
      expect(r.losses[0]).toBeCloseTo(7.3219, 4);
      expect(r.last!.iteration).toBe(1);
      r.last!.gradient.forEach((v, i) => expect(v).toBeCloseTo(g[i], 4));
      r.last!.step.forEach((v, i) => expect(v).toBeCloseTo(expected[name][i], 5));
      expect(r.points[0][0]).toBeCloseTo(start.w0 + expected[name][0], 5);
      expect(r.points[0][1]).toBeCloseTo(start.b0 + expected[name][1], 5);
    }
    // The notebook's first update, 1,3552873 → 2,8205333.
    expect(by.sgd.points[0][0]).toBeCloseTo(2.8205333, 5);
    expect(by.sgd.last!.slots).toEqual({});
    by.momentum.last!.slots.momentum.forEach((v, i) => expect(v).toBeCloseTo(expected.momentum[i], 5));
    by.rmsprop.last!.slots.velocity.forEach((v, i) => expect(v).toBeCloseTo(0.1 * g[i] ** 2, 3));
    by.adam.last!.slots.mHat.forEach((v, i) => expect(v).toBeCloseTo(g[i], 4));
    by.adam.last!.slots.vHat.forEach((v, i) => expect(v / g[i] ** 2).toBeCloseTo(1, 5));
    race.dispose();
  });

  it('on the valley, momentum and Adam end far lower than SGD, which still crawls along w', async () => {
    const { start, epochs, rates } = SURFACES.valle;
    const race = build(raceSpec({ surface: 'valle', racers: ALL, lr: rates.sgd, ...start }));
    const losses: Record<string, number[]> = {};
    const points: Record<string, [number, number][]> = {};
    // In uneven advances, as the page asks for them: the path is the same.
    for (const steps of [1, 7, epochs - 8]) {
      for (const r of (await race.advance(steps)).racers) {
        losses[r.name] = [...(losses[r.name] ?? []), ...r.losses];
        points[r.name] = [...(points[r.name] ?? []), ...r.points];
      }
    }
    const final = (name: string) => losses[name][epochs - 1];
    expect(losses.sgd).toHaveLength(epochs);
    expect(final('adam')).toBeLessThan(final('sgd') / 10);
    expect(final('momentum')).toBeLessThan(final('sgd') / 10);
    expect(final('rmsprop')).toBeLessThan(final('sgd'));
    // SGD zigzags: b jumps across b = 1 on every one of its first steps…
    const sides = points.sgd.slice(0, 6).map(([, b]) => Math.sign(b - 1));
    sides.slice(1).forEach((side, i) => expect(side).toBe(-sides[i]));
    // …and after 100 epochs w is still short of 2.
    expect(points.sgd[epochs - 1][0]).toBeLessThan(1.6);
    expect(points.adam[epochs - 1][0]).toBeGreaterThan(1.8);
    race.dispose();
  });

  it('stops a racer whose loss overflows, names the epoch and the learning rate, and lets the others go on', async () => {
    // The lesson's "Diverge": η = 0,15 makes the loss infinite at epoch 106.
    const race = build(recta(['sgd', 'adam'], 0.15));
    let report = await race.advance(150);
    const sgd = report.racers[0];
    expect(sgd.diverged?.epoch).toBe(106);
    expect(sgd.diverged?.message).toContain('tasa de aprendizaje (η = 0,15)');
    expect(sgd.losses).toHaveLength(107);
    expect(sgd.points).toHaveLength(106);
    expect(report.racers[1].diverged).toBeNull();
    report = await race.advance(1);
    expect(report.racers[0].losses).toEqual([]);
    expect(report.racers[0].diverged?.epoch).toBe(106);
    expect(report.racers[1].losses).toHaveLength(1);
    race.dispose();
  });

  it('keeps its tensor count across advances and frees everything when disposed', async () => {
    const before = tf.memory().numTensors;
    const race = build(recta());
    await race.advance(1);
    const during = tf.memory().numTensors;
    await race.advance(5);
    expect(tf.memory().numTensors).toBe(during);
    race.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a race without racers, with a racer twice, or with a bad learning rate, in Spanish', () => {
    expect(() => build({ ...recta(), racers: [] })).toThrow(/al menos uno/);
    expect(() => build(recta(['sgd', 'sgd']))).toThrow(/sin repetir/);
    expect(() => build(recta(['sgd'], -1))).toThrow(/tasa de aprendizaje/);
    expect(() => build({ ...recta(), start: [Number.NaN, 0] })).toThrow(/punto de partida/);
  });
});
