#!/usr/bin/env node
/**
 * Benchmark: the engine against a plain tfjs loop on every backend of headless Chromium,
 * and the longest main-thread task while the real app trains. Prints a table to stdout
 * (progress goes to stderr). `npm run bench` builds the app first; this script builds its
 * own page (scripts/bench) into node_modules/.cache/bench and serves both.
 *
 * Workloads
 *   recta  exercise A: Dense(1), x=[1,2,3,4] y=[3,5,7,9], MSE, SGD lr 0.1, full batch, 2000 epochs;
 *          plain = a hand-written tfjs loop.
 *   mlp    exercise D: 3072-1024×4-10 MLP with Dropout(0.2), Adam lr 1e-4, sparse CE, batch 64,
 *          on the first real CIFAR-10 training images; plain = compile + model.fit on the same
 *          images (already floats on the device, fit's best case), both shuffling per epoch.
 *   mlp + augmentation  the same mlp through the engine with and without its augmentation
 *          (workloads.ts MLP_AUGMENT: flip, translate 0.1, rotate 0.05, zoom 0.1) on the training
 *          batches, alternating like engine/plain; goal augmented/engine >= 0.91 (issue 17: at most
 *          10 % more time per epoch).
 *   mlp vs cnn  the CIFAR-10 lab's small CNN against that mlp through the engine, same images and
 *          batches (samples/s; no goal: the table says what a convolution costs).
 *   transfer  exercise E on EfficientNet mini (the site's weights), 400 + 100 images of four
 *          classes: seconds per epoch in phase 1 (frozen) and phase 2 (top 2 blocks unfrozen),
 *          the engine on its cached activations against compile + model.fit of the whole network.
 * Each run: build the model, one untimed warm-up step, then the timed steps; the loss is
 * read back only at the end. Engine and plain runs alternate (E P, P E, …) on the same
 * backend in the same Worker; the table shows medians and engine/plain.
 * Also: the time to download, check and decode the whole dataset in the browser, the engine
 * worker's peak memory while the app trains on all 50,000 images, and the longest main-thread
 * task while recta, puntos and cifar10 train (mainthread.mjs).
 *
 * Settings (environment):
 *   BENCH_SECONDS=8        target seconds of timed work per mlp run (sets its step count)
 *   BENCH_RECTA_EPOCHS=2000
 *   BENCH_ROUNDS=5         most engine+plain rounds per cell (at least 2; fewer when a cell is slow)
 *   BENCH_BACKENDS=webgpu,webgl,wasm,cpu
 *   BENCH_APP_BACKENDS=auto   backends for the main-thread check (auto: what a student gets)
 *   BENCH_MAINTHREAD_SECONDS=6   seconds of training the main-thread check watches per lab
 *   BENCH_ONLY=mainthread   run only the main-thread check (no bench page, no engine comparison)
 *   BENCH_TRANSFER_BACKENDS=webgpu,webgl   backends for the transfer workload
 *   BENCH_AUGMENT_BACKENDS=webgl   backends for the mlp + augmentation comparison
 *   BENCH_CNN_BACKENDS=webgl       backends for the CNN against the mlp (samples/s)
 *   BENCH_HEAP_SECONDS=20  seconds the memory check samples the training worker
 *   BENCH_JSON=path        also write the raw results as JSON
 */
import { accessSync, constants, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';
import { mainThreadReport, measureMainThread } from './mainthread.mjs';
import { workerMemory } from './memory.mjs';
import { benchReport, fmt, machineLines, table } from './report.mjs';
import { serve } from './server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const APP_DIST = path.resolve(ROOT, process.env.BENCH_APP_DIST ?? 'dist');
const BENCH_DIST = path.join(ROOT, 'node_modules/.cache/bench');

const env = process.env;
const list = (v, d) =>
  (v ?? d)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const SETTINGS = {
  seconds: Number(env.BENCH_SECONDS ?? 8),
  rectaEpochs: Number(env.BENCH_RECTA_EPOCHS ?? 2000),
  rounds: Math.max(2, Number(env.BENCH_ROUNDS ?? 5)),
  backends: list(env.BENCH_BACKENDS, 'webgpu,webgl,wasm,cpu'),
  appBackends: list(env.BENCH_APP_BACKENDS, 'auto'),
  mainThreadSeconds: Number(env.BENCH_MAINTHREAD_SECONDS ?? 6),
  only: env.BENCH_ONLY ?? '',
  transferBackends: list(env.BENCH_TRANSFER_BACKENDS, 'webgpu,webgl'),
  augmentBackends: list(env.BENCH_AUGMENT_BACKENDS, 'webgl'),
  cnnBackends: list(env.BENCH_CNN_BACKENDS, 'webgl'),
  /** Seconds of training the memory check samples while the app trains on all 50,000 images. */
  heapSeconds: Number(env.BENCH_HEAP_SECONDS ?? 20),
  /** Minimum and maximum timed mlp steps per run. */
  mlpMinSteps: 2,
  mlpMaxSteps: 400,
  /** A cell runs more rounds (up to `rounds`) only while it stays within this many seconds. */
  cellSeconds: 30,
  goalRatio: 0.95,
  /** Augmented/plain engine: augmentation adds at most 10 % to an epoch (1 / 1.1 ≈ 0.91). */
  goalAugmentRatio: 0.91,
};

const started = performance.now();
const loadAtStart = os.loadavg();
const log = (...args) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s]`, ...args);

function fail(message, code = 1) {
  console.error(`\nbench: ${message}`);
  process.exit(code);
}

// --- preconditions ------------------------------------------------------------------------
try {
  accessSync(CHROMIUM_PATH, constants.X_OK);
} catch {
  fail(`Chromium is missing at ${CHROMIUM_PATH}. Install it (sudo apt-get install chromium) or set CHROMIUM_PATH.`);
}
if (!existsSync(path.join(APP_DIST, 'index.html'))) {
  fail(
    `the app's production build is missing (${path.relative(ROOT, APP_DIST)}/index.html); run \`vite build\` first (npm run bench does).`,
  );
}

// --- bench page build ---------------------------------------------------------------------
if (SETTINGS.only !== 'mainthread') {
  log('building the bench page…');
  await build({
    configFile: false,
    root: HERE,
    base: './',
    logLevel: 'warn',
    build: { outDir: BENCH_DIST, emptyOutDir: true, chunkSizeWarningLimit: 10_000 },
    worker: { format: 'es' },
  });
}

// --- static server: /lab/ → the app's dist, /bench/ → the bench page ---------------------
const server = await serve([
  ['/lab/', APP_DIST],
  ['/bench/', BENCH_DIST],
]);
const ORIGIN = server.origin;

// --- browser ------------------------------------------------------------------------------
let browser;
try {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
} catch (error) {
  server.close();
  fail(`Chromium at ${CHROMIUM_PATH} did not start: ${error.message}`);
}
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'es-ES' });
const errors = [];

async function shutdown(code) {
  await browser.close().catch(() => {});
  server.close();
  process.exit(code);
}

/** BENCH_ONLY=mainthread: the main-thread table alone, a minute instead of the whole bench. */
if (SETTINGS.only === 'mainthread') {
  const rows = await measureMainThread({
    context,
    origin: ORIGIN,
    backends: SETTINGS.appBackends,
    seconds: SETTINGS.mainThreadSeconds,
    log,
  });
  console.log(
    [...machineLines(browser.version(), loadAtStart), '', ...mainThreadReport(rows, { seconds: SETTINGS.mainThreadSeconds, table })].join(
      '\n',
    ),
  );
  if (env.BENCH_JSON) writeFileSync(env.BENCH_JSON, JSON.stringify({ date: new Date().toISOString(), mainThread: rows }, null, 2));
  await shutdown(rows.some((r) => r.error) ? 1 : 0);
}

const page = await context.newPage();
page.on('console', (m) => {
  if (m.type() === 'error' || m.type() === 'warning') log(`page ${m.type()}: ${m.text()}`);
});
page.on('pageerror', (e) => log(`page error: ${e.message}`));
try {
  await page.goto(`${ORIGIN}/bench/`);
  await page.waitForFunction(() => 'bench' in window, null, { timeout: 30_000 });
} catch (error) {
  console.error(`\nbench: the bench page did not load (${error.message.split('\n')[0]}).`);
  await shutdown(1);
}

const adapter = await page.evaluate(() => window.bench.adapter());
if (!adapter.ok) {
  console.error(
    `\nbench: Chromium has no WebGPU adapter: ${adapter.detail}.\n` +
      `Chromium ${browser.version()} at ${CHROMIUM_PATH}, flags: ${CHROMIUM_ARGS.join(' ')}\n` +
      'Check the flags in scripts/chromium.mjs (SwiftShader Vulkan must be available).',
  );
  await shutdown(2);
}
log(`Chromium ${browser.version()}, WebGPU adapter: ${adapter.detail}`);

// --- engine vs plain ----------------------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Timed mlp steps per run from the seconds one step takes: steps + 1 fills whole epochs. */
function mlpPlan(secondsPerStep) {
  const want = Math.round(SETTINGS.seconds / secondsPerStep);
  const steps = Math.min(SETTINGS.mlpMaxSteps, Math.max(SETTINGS.mlpMinSteps, want));
  const batches = Math.min(4, steps + 1);
  return { steps: Math.ceil((steps + 1) / batches) * batches - 1, batches };
}

async function runOnce(args) {
  const r = await page.evaluate((a) => window.bench.run(a), args);
  const rate = r.samples / r.seconds;
  const perSecond = args.workload === 'recta' ? r.steps / r.seconds : rate;
  log(
    `  ${args.workload} ${args.impl.padEnd(9)} ${r.steps} steps in ${r.seconds.toFixed(2)} s → ` +
      `${fmt(perSecond)} ${args.workload === 'recta' ? 'epochs/s' : 'samples/s'} (loss ${r.loss.toPrecision(4)})` +
      (r.leakedTensors ? `, ${r.leakedTensors} tensors leaked!` : ''),
  );
  return { ...r, perSecond };
}

/**
 * Alternating runs of two implementations on one backend: [measured, reference], by default
 * the engine against plain tfjs; ['augmented', 'engine'] times the engine's augmentation.
 * The result has both medians under the implementations' names and ratio = measured/reference.
 * `plan` (steps and batches per run) skips the mlp calibration, e.g. to reuse the mlp row's.
 */
async function cell(backend, workload, [measured, reference] = ['engine', 'plain'], plan = null) {
  const runs = { [measured]: [], [reference]: [] };
  if (workload === 'recta') {
    plan = { steps: SETTINGS.rectaEpochs, batches: 1 };
  } else if (!plan) {
    // Calibration: one timed step of the reference says how many steps fill the time budget.
    const probe = await runOnce({ workload, impl: reference, steps: 1, batches: 2 });
    plan = mlpPlan(probe.seconds);
    log(`  plan: ${plan.steps} timed steps per run over ${plan.batches} batches`);
  }
  const cellStart = performance.now();
  for (let round = 0; round < SETTINGS.rounds; round++) {
    const order = round % 2 === 0 ? [measured, reference] : [reference, measured];
    for (const impl of order) runs[impl].push(await runOnce({ workload, impl, ...plan }));
    const spent = (performance.now() - cellStart) / 1000;
    // At least two rounds; a third (and more) only if it still fits in the cell's budget.
    if (round >= 1 && spent * ((round + 2) / (round + 1)) > SETTINGS.cellSeconds) break;
  }
  const a = median(runs[measured].map((r) => r.perSecond));
  const b = median(runs[reference].map((r) => r.perSecond));
  const leaked = [...runs[measured], ...runs[reference]].reduce((n, r) => n + r.leakedTensors, 0);
  const augment = runs[measured].find((r) => r.augment)?.augment;
  return { backend, workload, plan, rounds: runs[measured].length, [measured]: a, [reference]: b, ratio: a / b, runs, leaked, augment };
}

const DATA_BASE = `${ORIGIN}/lab/data/cifar10/`;
const MINI_URL = `${ORIGIN}/lab/models/efficientnet-mini/model.json`;
const results = [];
const transferResults = [];
const augmentResults = [];
const cnnResults = [];
const backendInfo = {};
let dataLoad = null;
for (const backend of SETTINGS.backends) {
  log(`backend ${backend}`);
  try {
    const init = await page.evaluate((b) => window.bench.open(b), backend);
    for (const b of init.backends) backendInfo[b.name] ??= b;
    if (!dataLoad) {
      dataLoad = await page.evaluate((base) => window.bench.load(base, 5), DATA_BASE);
      log(
        `  whole CIFAR-10 (${dataLoad.images} images): ${dataLoad.seconds.toFixed(2)} s to load, ${dataLoad.decodeSeconds.toFixed(2)} s of it decoding`,
      );
    }
    // The throughput runs need only the first training file.
    await page.evaluate((base) => window.bench.load(base, 1), DATA_BASE);
  } catch (error) {
    const message = `backend ${backend} could not start: ${error.message.split('\n')[0]}`;
    log(message);
    if (backend === 'webgpu') errors.push(message);
    for (const workload of ['recta', 'mlp']) results.push({ backend, workload, error: message });
    continue;
  }
  for (const workload of ['recta', 'mlp']) {
    try {
      results.push(await cell(backend, workload));
    } catch (error) {
      const message = `${workload} on ${backend} failed: ${error.message.split('\n')[0]}`;
      log(message);
      errors.push(message);
      results.push({ backend, workload, error: message });
    }
  }
  // Engine variants on the mlp row's plan (no second calibration): the same steps and batches.
  const rowPlan = results.find((r) => r.backend === backend && r.workload === 'mlp' && !r.error)?.plan;
  for (const [variant, backends, into] of [
    ['augmented', SETTINGS.augmentBackends, augmentResults],
    ['cnn', SETTINGS.cnnBackends, cnnResults],
  ]) {
    if (!backends.includes(backend)) continue;
    try {
      into.push(await cell(backend, 'mlp', [variant, 'engine'], rowPlan));
    } catch (error) {
      const message = `mlp as ${variant} on ${backend} failed: ${error.message.split('\n')[0]}`;
      log(message);
      errors.push(message);
      into.push({ backend, error: message });
    }
  }
  if (SETTINGS.transferBackends.includes(backend)) {
    try {
      const t = await page.evaluate((url) => window.bench.transfer(url), MINI_URL);
      log(
        `  transfer: s/epoch phase 1 engine ${fmt(t.engine[0])} plain ${fmt(t.plain[0])}; phase 2 engine ${fmt(t.engine[1])} plain ${fmt(t.plain[1])}`,
      );
      transferResults.push({ backend, ...t });
    } catch (error) {
      const message = `transfer on ${backend} failed: ${error.message.split('\n')[0]}`;
      log(message);
      errors.push(message);
      transferResults.push({ backend, error: message });
    }
  }
  await page.evaluate(() => window.bench.close());
}
await page.close();

// --- the app: the main thread while recta, puntos and cifar10 train ------------------------
const appResults = await measureMainThread({
  context,
  origin: ORIGIN,
  backends: SETTINGS.appBackends,
  seconds: SETTINGS.mainThreadSeconds,
  log,
});
for (const r of appResults.filter((r) => r.error)) errors.push(`main-thread check: ${r.error}`);

// --- the app: the engine worker's memory while it trains on all 50,000 images --------------
let memory = null;
log(`app memory while training on all 50,000 images (${SETTINGS.heapSeconds} s)`);
try {
  memory = await workerMemory({ browser, context, origin: ORIGIN, seconds: SETTINGS.heapSeconds });
  log(`  peak: heap ${(memory.heap / 1e6).toFixed(1)} MB, typed-array storage ${(memory.backing / 1e6).toFixed(1)} MB`);
} catch (error) {
  const message = `memory check failed: ${error.message.split('\n')[0]}`;
  log(message);
  errors.push(message);
}

// --- report -------------------------------------------------------------------------------
const cpus = os.cpus();
console.log(
  benchReport({
    settings: SETTINGS,
    machine: machineLines(browser.version(), loadAtStart),
    adapter,
    backendInfo,
    results,
    augmentResults,
    cnnResults,
    transferResults,
    dataLoad,
    memory,
    appResults,
    seconds: (performance.now() - started) / 1000,
  }).join('\n'),
);

if (env.BENCH_JSON) {
  const raw = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    adapter: adapter.detail,
    backendInfo,
    cpu: cpus[0]?.model,
    cores: cpus.length,
    settings: SETTINGS,
    results,
    cnn: cnnResults,
    augment: augmentResults,
    transfer: transferResults,
    app: appResults,
    dataLoad,
    memory,
  };
  writeFileSync(env.BENCH_JSON, JSON.stringify(raw, null, 2));
}

if (errors.length) {
  console.error(`\nbench: ${errors.length} part(s) could not be measured:\n  - ${errors.join('\n  - ')}`);
  await shutdown(1);
}
await shutdown(0);
