import os from 'node:os';
import { CHROMIUM_PATH } from '../chromium.mjs';
import { mainThreadReport } from './mainthread.mjs';

/** The bench's printed report: its tables and the lines that say what they measured. */

export function fmt(v) {
  if (!Number.isFinite(v)) return String(v);
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

export function table(headers, rows, align) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const cell = (v, i) => (align[i] === 'r' ? String(v).padStart(widths[i]) : String(v).padEnd(widths[i]));
  return [headers.map(cell).join('  '), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => r.map(cell).join('  '))].join('\n');
}

/** Date, browser, machine and load: what the figures depend on. */
export function machineLines(browserVersion, loadAtStart) {
  const cpus = os.cpus();
  return [
    `Date:     ${new Date().toISOString()}`,
    `Browser:  Chromium ${browserVersion} (${CHROMIUM_PATH})`,
    `Machine:  ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()} ${os.arch()}; Node ${process.version}`,
    `Load:     ${loadAtStart.map((l) => l.toFixed(2)).join(' ')} at start, ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at end (1/5/15-min load average; other work on the machine adds noise)`,
  ];
}

/** Every table of the bench, as lines; a part that was not measured says so. */
export function benchReport({
  settings,
  machine,
  adapter,
  backendInfo,
  results,
  augmentResults,
  cnnResults,
  transferResults,
  dataLoad,
  memory,
  appResults,
  seconds,
}) {
  const out = [];
  out.push('Engine vs plain tfjs, headless Chromium');
  out.push(...machine.slice(0, 2));
  out.push(`WebGPU:   ${adapter.detail}`);
  if (backendInfo.webgl)
    out.push(`WebGL:    ${backendInfo.webgl.available ? backendInfo.webgl.detail : `unavailable (${backendInfo.webgl.detail})`}`);
  out.push(...machine.slice(2));
  out.push('');
  out.push('Throughput (median of alternating runs, each after an untimed warm-up step; loss read back once per run).');
  out.push(`recta: Dense(1), 4 points, MSE, SGD 0.1, full batch, ${settings.rectaEpochs} epochs per run (epochs/s).`);
  out.push('mlp:   3072-1024x4-10 + Dropout 0.2, Adam 1e-4, sparse CE, batch 64, the first real CIFAR-10 images (samples/s);');
  out.push('       plain = compile + model.fit on the same images, held as floats on the device; the engine builds each batch from bytes.');
  out.push(`Goal: engine/plain >= ${settings.goalRatio}.`);
  out.push('');
  out.push(
    table(
      ['workload', 'backend', 'unit', 'engine', 'plain tfjs', 'engine/plain', 'goal', 'runs'],
      results.map((r) => {
        const unit = r.workload === 'recta' ? 'epochs/s' : 'samples/s';
        if (r.error) return [r.workload, r.backend, unit, '-', '-', '-', 'n/a', 'not measured (below)'];
        const goal = r.ratio >= settings.goalRatio ? 'ok' : 'NO';
        const runs = `${r.rounds}+${r.rounds} x ${r.plan.steps} steps` + (r.leaked ? ` (${r.leaked} tensors leaked)` : '');
        return [r.workload, r.backend, unit, fmt(r.engine), fmt(r.plain), r.ratio.toFixed(3), goal, runs];
      }),
      ['l', 'l', 'l', 'r', 'r', 'r', 'l', 'l'],
    ),
  );
  for (const r of results.filter((r) => r.error)) out.push(`  not measured: ${r.error}`);
  out.push('');
  if (augmentResults.length) {
    const factors = augmentResults.find((r) => r.augment)?.augment;
    const said = factors
      ? Object.entries(factors)
          .map(([k, v]) => (v === true ? k : `${k} ${v}`))
          .join(', ')
      : '?';
    out.push(`Augmentation: the mlp above through the engine with augment = {${said}} on every training batch`);
    out.push(
      `(Keras's RandomFlip/Translation/Rotation/Zoom, one resampling each) against the same engine run without it (samples/s, alternating).`,
    );
    out.push(`Goal: augmented/engine >= ${settings.goalAugmentRatio} (augmentation adds at most 10 % to an epoch).`);
    out.push('');
    out.push(
      table(
        ['workload', 'backend', 'unit', 'augmented', 'engine', 'augmented/engine', 'goal', 'runs'],
        augmentResults.map((r) => {
          if (r.error) return ['mlp', r.backend, 'samples/s', '-', '-', '-', 'n/a', 'not measured (below)'];
          const goal = r.ratio >= settings.goalAugmentRatio ? 'ok' : 'NO';
          const runs = `${r.rounds}+${r.rounds} x ${r.plan.steps} steps` + (r.leaked ? ` (${r.leaked} tensors leaked)` : '');
          return ['mlp', r.backend, 'samples/s', fmt(r.augmented), fmt(r.engine), r.ratio.toFixed(3), goal, runs];
        }),
        ['l', 'l', 'l', 'r', 'r', 'r', 'l', 'l'],
      ),
    );
    for (const r of augmentResults.filter((r) => r.error)) out.push(`  not measured: ${r.error}`);
    out.push('');
  }
  if (cnnResults.length) {
    out.push("CNN: the CIFAR-10 lab's small CNN (Conv 32 → MaxPool → Conv 64 → MaxPool → Dense 128 → Dense 10, 315.722 parameters)");
    out.push('against the MLP above (6.305.802 parameters), through the engine on the same images and batches (samples/s, alternating).');
    out.push('');
    out.push(
      table(
        ['backend', 'unit', 'cnn', 'mlp', 'cnn/mlp', 'runs'],
        cnnResults.map((r) =>
          r.error
            ? [r.backend, 'samples/s', '-', '-', '-', 'not measured (below)']
            : [r.backend, 'samples/s', fmt(r.cnn), fmt(r.engine), r.ratio.toFixed(3), `${r.rounds}+${r.rounds} x ${r.plan.steps} steps`],
        ),
        ['l', 'l', 'r', 'r', 'r', 'l'],
      ),
    );
    for (const r of cnnResults.filter((r) => r.error)) out.push(`  not measured: ${r.error}`);
    out.push('');
  }
  out.push(
    "Transfer (exercise E) on EfficientNet mini, the notebook's head, 400 training + 100 validation images (bird, cat, deer, dog), batch 32.",
  );
  out.push('Seconds per epoch (after an untimed one): the engine trains on activations cached at the cut (phase 1: the pooled features;');
  out.push(
    'phase 2: the input of the first of 2 unfrozen blocks); plain = compile + model.fit of the whole network, the base run every epoch.',
  );
  out.push(
    'Caching s: computing those activations once per phase, for all 500 images (plain runs first, so shaders are compiled by then).',
  );
  out.push('');
  out.push(
    table(
      ['backend', 'phase', 'trainable', 'engine s/epoch', 'plain s/epoch', 'plain/engine', 'caching s'],
      transferResults.flatMap((r) => {
        if (r.error) return [[r.backend, '-', '-', '-', '-', '-', 'not measured (below)']];
        const leak = r.leakedTensors ? ` (${r.leakedTensors} tensors leaked)` : '';
        return [0, 1].map((i) => [
          r.backend,
          i + 1,
          r.trainable[i].toLocaleString('en'),
          fmt(r.engine[i]),
          fmt(r.plain[i]),
          (r.plain[i] / r.engine[i]).toFixed(1),
          (i === 0 ? r.prepareSeconds : r.fineTuneSeconds).toFixed(1) + leak,
        ]);
      }),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  for (const r of transferResults.filter((r) => r.error)) out.push(`  not measured: ${r.error}`);
  out.push('');
  out.push("CIFAR-10 in the browser (the app's loader: download from the local server, SHA-256 check, PNG decoding in a worker).");
  if (dataLoad) {
    out.push(
      `  ${dataLoad.images.toLocaleString('en')} images: ${dataLoad.seconds.toFixed(2)} s in all, ${dataLoad.decodeSeconds.toFixed(2)} s of it decoding the six PNG files.`,
    );
  } else {
    out.push('  not measured (no backend opened).');
  }
  const BYTES = 60_000 * 3072;
  out.push('');
  out.push(
    `Engine worker memory while the app trains on all 50,000 training images (${memory?.query ?? '-'}), peak over ${settings.heapSeconds} s:`,
  );
  if (memory) {
    const mb = (v) => `${(v / 1e6).toFixed(1)} MB`;
    out.push(
      `  JS heap ${mb(memory.heap)}; typed-array storage ${mb(memory.backing)}; together ${mb(memory.total)} (${memory.samples} samples).`,
    );
    out.push(
      `  The 60,000 images are ${mb(BYTES)} as bytes, ${mb(BYTES * 4)} as float32. Goal: the images held as bytes, so together well under`,
    );
    out.push(
      `  their float32 size (under half: ${mb(BYTES * 2)}): ${memory.total <= BYTES * 2 ? 'ok' : 'NO'}. Above the bytes: the model, and decoding buffers V8 has not collected yet.`,
    );
  } else {
    out.push('  not measured (below).');
  }
  out.push('');
  out.push(...mainThreadReport(appResults, { seconds: settings.mainThreadSeconds, table }));
  out.push('');
  out.push(`Total bench time: ${seconds.toFixed(0)} s.`);
  return out;
}
