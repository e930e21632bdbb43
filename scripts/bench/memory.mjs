/**
 * Samples the worker's V8 heap through the DevTools protocol (a dedicated worker has no
 * performance.memory). Typed arrays live outside the heap proper, in "backing storage":
 * that is where the images' bytes are, so both are reported.
 */
export async function workerMemory({ browser, context, origin, seconds }) {
  // Enough epochs that the run is still training when sampling ends, on a fast machine too.
  const query = 'train=50000&hidden=1&units=32&epochs=20&backend=webgl&autoplay=1';
  const p = await context.newPage();
  const cdp = await browser.newBrowserCDPSession();
  try {
    await p.goto(`${origin}/lab/#/lab/cifar10?${query}`);
    const status = p.locator('[data-testid="widget-cifar10"] [data-testid="status"]');
    await p.waitForFunction(
      () => document.querySelector('[data-testid="widget-cifar10"] [data-testid="status"]')?.getAttribute('data-value') === 'training',
      null,
      { timeout: 120_000 },
    );
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'worker');
    if (!target) throw new Error('no engine worker found among the browser targets');
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    let id = 0;
    const waiting = new Map();
    cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
      const m = JSON.parse(message);
      waiting.get(m.id)?.(m.result);
    });
    const ask = (method) =>
      new Promise((resolve) => {
        const i = ++id;
        waiting.set(i, resolve);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: i, method }) });
      });
    const peak = { heap: 0, backing: 0, total: 0, samples: 0 };
    const until = performance.now() + seconds * 1000;
    while (performance.now() < until) {
      const usage = await ask('Runtime.getHeapUsage');
      peak.heap = Math.max(peak.heap, usage.usedSize);
      peak.backing = Math.max(peak.backing, usage.backingStorageSize ?? 0);
      peak.total = Math.max(peak.total, usage.usedSize + (usage.backingStorageSize ?? 0));
      peak.samples += 1;
      await p.waitForTimeout(250);
    }
    const state = await status.getAttribute('data-value');
    if (state !== 'training') throw new Error(`the run was "${state}" when sampling ended, not training`);
    return { query, ...peak };
  } finally {
    await cdp.detach().catch(() => {});
    await p.close();
  }
}
