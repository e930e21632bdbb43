import { describe, expect, it } from 'vitest';
import { chooseBackend, probeBackends, type BackendInfo } from './backends';

const info = (overrides: Partial<Record<BackendInfo['name'], Partial<BackendInfo>>> = {}): BackendInfo[] =>
  (['webgpu', 'webgl', 'wasm', 'cpu'] as const).map((name) => ({
    name,
    available: true,
    software: false,
    detail: name,
    ...overrides[name],
  }));

const big = { params: 6_305_802, convolution: false };

describe('backend choice', () => {
  it('honours an explicit, available choice, and says when the GPU is emulated', () => {
    const choice = chooseBackend('webgpu', info({ webgpu: { software: true, detail: 'swiftshader' } }), big);
    expect(choice.name).toBe('webgpu');
    expect(choice.reason).toMatch(/Elegido por ti.*emulada por software/);
  });

  it('puts tiny models on the CPU in auto mode and says why', () => {
    const choice = chooseBackend('auto', info(), { params: 2, convolution: false });
    expect(choice).toMatchObject({ name: 'cpu' });
    expect(choice.reason).toMatch(/diminuto \(2 parámetros\)/);
  });

  it('prefers a hardware GPU, WebGPU first', () => {
    expect(chooseBackend('auto', info(), big).name).toBe('webgpu');
    expect(chooseBackend('auto', info({ webgpu: { available: false } }), big).name).toBe('webgl');
  });

  it('without a hardware GPU, uses WebAssembly for dense models and a software GPU for convolutions', () => {
    const soft = info({ webgpu: { software: true }, webgl: { software: true } });
    expect(chooseBackend('auto', soft, big).name).toBe('wasm');
    expect(chooseBackend('auto', soft, { params: 200_000, convolution: true }).name).toBe('webgl');
  });

  it('falls back with the reason when the asked backend cannot be used', () => {
    const choice = chooseBackend('wasm', info(), { params: 200_000, convolution: true });
    expect(choice.name).toBe('webgpu');
    expect(choice.reason).toMatch(/Pediste WebAssembly.*convolución/);
    const missing = chooseBackend('webgpu', info({ webgpu: { available: false, detail: 'sin navigator.gpu' } }), big);
    expect(missing.reason).toMatch(/Pediste WebGPU.*sin navigator.gpu/);
  });

  it('in Node, finds the CPU and WebAssembly but no GPU', async () => {
    const found = await probeBackends();
    const byName = Object.fromEntries(found.map((b) => [b.name, b.available]));
    expect(byName).toEqual({ webgpu: false, webgl: false, wasm: true, cpu: true });
  });
});
