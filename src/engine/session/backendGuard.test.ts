import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BackendGuard } from './backendGuard';

const tiny = { params: 3, convolution: false };

describe('the backend guard of a worker', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('never moves the backend of a run that lives in the worker', async () => {
    let runs = 1;
    const guard = new BackendGuard(() => runs > 0);
    // Node offers WebAssembly, so asking for it means leaving the run's CPU backend.
    await expect(guard.withBackend('wasm', tiny, async () => ({}))).rejects.toThrow(/entrenamiento en marcha/);
    expect(tf.getBackend()).toBe('cpu');
    // Staying on the run's backend is fine.
    await expect(guard.withBackend('cpu', tiny, async () => ({ value: 1 }))).resolves.toMatchObject({ value: 1, backend: { name: 'cpu' } });
    await expect(guard.exclusive(async () => 'moved', 'ocupado')).rejects.toThrow('ocupado');
    runs = 0;
    await expect(guard.exclusive(async () => 'moved')).resolves.toBe('moved');
  });

  it('lets one switch finish before the next starts, even after a failure', async () => {
    const guard = new BackendGuard(() => false);
    const order: string[] = [];
    const slow = guard.serialise(async () => {
      order.push('slow begins');
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('slow ends');
      throw new Error('falla');
    });
    const next = guard.serialise(async () => order.push('next'));
    await expect(slow).rejects.toThrow('falla');
    await next;
    expect(order).toEqual(['slow begins', 'slow ends', 'next']);
  });
});
