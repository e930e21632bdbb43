/**
 * The main thread while the app trains (issue 16, §5): a projected widget must not stall. Each
 * lab opens in the production build with autoplay, and once its status says "training" the
 * page's PerformanceObserver records, for a few seconds, every long task (over 50 ms) and every
 * long animation frame (Chromium's 'long-animation-frame', with the scripts it ran). Goal: no
 * task over 50 ms. The training itself runs in the engine's Worker; what is left on the main
 * thread is React rendering the updates, the charts and the plane.
 */

export const MAIN_THREAD_GOAL_MS = 50;

/**
 * The labs measured and their URLs: long runs so they are still training when the window ends
 * (recta's notebook run lasts half a second on the CPU), small data for cifar10.
 */
export const MAIN_THREAD_LABS = [
  { lab: 'recta', query: 'epochs=100000' },
  // The network view (issue 16 §2) draws every neuron's heat map: the lab's heaviest picture.
  { lab: 'puntos', query: 'datos=espiral&capas=2&neuronas=6&epochs=1000000' },
  { lab: 'cifar10', query: 'train=1000&hidden=1&units=32&batch=100&epochs=1000' },
];

/** Installed before any page script: long tasks, long frames and every status the widget shows. */
function observePage(lab) {
  const state = { longtasks: [], frames: [], statuses: [], observerError: null, framesSupported: false };
  window.__benchMainThread = state;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (error) {
    state.observerError = String(error);
  }
  if (PerformanceObserver.supportedEntryTypes?.includes('long-animation-frame')) {
    state.framesSupported = true;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        // The script that took longest inside the frame says where the time went.
        const top = [...(e.scripts ?? [])].sort((a, b) => b.duration - a.duration)[0];
        state.frames.push({
          start: e.startTime,
          duration: e.duration,
          blocking: e.blockingDuration,
          render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
          script: top ? `${top.invoker || top.invokerType} ${top.sourceFunctionName || ''} ${Math.round(top.duration)} ms`.trim() : '',
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  }
  const selector = `[data-testid="widget-${lab}"] [data-testid="status"]`;
  const look = () => {
    const value = document.querySelector(selector)?.getAttribute('data-value') ?? null;
    if (value !== null && value !== state.statuses[state.statuses.length - 1]?.value) state.statuses.push({ value, t: performance.now() });
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-value'] });
}

/** One lab on one backend: opens it, waits for "training", watches `seconds`, and sums up. */
async function measureLab(context, origin, { lab, query }, backend, seconds) {
  const url = `${origin}/lab/#/lab/${lab}?${query}&autoplay=1` + (backend === 'auto' ? '' : `&backend=${backend}`);
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    await page.addInitScript(observePage, lab);
    await page.goto(url);
    const widget = page.locator(`[data-testid="widget-${lab}"]`);
    const status = widget.locator('[data-testid="status"]').first();
    try {
      await page.waitForFunction(
        (sel) => document.querySelector(sel)?.getAttribute('data-value') === 'training',
        `[data-testid="widget-${lab}"] [data-testid="status"]`,
        { timeout: 180_000, polling: 100 },
      );
    } catch {
      const why = pageErrors[0] ?? `status "${await status.getAttribute('data-value').catch(() => null)}" after 180 s`;
      throw new Error(`${lab} never started training (${why})`);
    }
    const epochAtStart = Number(await widget.locator('[data-testid="epoch"]').first().getAttribute('data-value'));
    await page.waitForTimeout(seconds * 1000);
    // Long-task entries arrive asynchronously; give the last ones time to land.
    await page.waitForTimeout(300);
    const epochAtEnd = Number(await widget.locator('[data-testid="epoch"]').first().getAttribute('data-value'));
    const state = await page.evaluate(() => window.__benchMainThread);
    if (state.observerError) throw new Error(`PerformanceObserver('longtask') failed: ${state.observerError}`);
    const from = state.statuses.find((s) => s.value === 'training').t;
    const ended = state.statuses.find((s) => s.t > from && s.value !== 'training');
    const to = ended?.t ?? from + seconds * 1000;
    const inWindow = (e) => e.start + e.duration >= from && e.start <= to;
    const tasks = state.longtasks.filter(inWindow);
    const frames = state.frames.filter(inWindow);
    const longest = (es) => es.reduce((m, e) => (e.duration > m.duration ? e : m), { duration: 0 });
    const network = await page.locator('[data-testid="network"]').count();
    return {
      lab,
      backend,
      url: url.replace(origin, ''),
      usedBackend: await widget.locator('[data-testid="backend"]').first().getAttribute('data-value'),
      seconds: (to - from) / 1000,
      epochs: epochAtEnd - epochAtStart,
      endedAs: ended?.value ?? null,
      network: network > 0,
      longestTask: longest(tasks).duration,
      tasks: tasks.length,
      overGoal: tasks.filter((t) => t.duration > MAIN_THREAD_GOAL_MS).length,
      framesSupported: state.framesSupported,
      longestFrame: longest(frames),
      frames,
      longtasks: tasks,
    };
  } finally {
    await page.close();
  }
}

/** Every lab on every backend asked; a lab that fails is a row with its error. */
export async function measureMainThread({ context, origin, backends, seconds, log }) {
  const rows = [];
  for (const target of MAIN_THREAD_LABS) {
    for (const backend of backends) {
      log(`main thread: ${target.lab} on ${backend}, ${seconds} s of training`);
      try {
        const r = await measureLab(context, origin, target, backend, seconds);
        log(
          `  ${r.usedBackend}: ${r.epochs} epochs in ${r.seconds.toFixed(1)} s; longest task ${r.longestTask.toFixed(0)} ms, ` +
            `${r.overGoal} over ${MAIN_THREAD_GOAL_MS} ms; longest frame ${r.longestFrame.duration.toFixed(0)} ms ${r.longestFrame.script ?? ''}`,
        );
        rows.push(r);
      } catch (error) {
        const message = `${target.lab} on ${backend}: ${error.message.split('\n')[0]}`;
        log(`  failed: ${message}`);
        rows.push({ lab: target.lab, backend, error: message });
      }
    }
  }
  return rows;
}

/** The table and its legend, as lines for the bench report. */
export function mainThreadReport(rows, { seconds, table }) {
  const out = [];
  out.push(
    `Main thread while the app trains: each lab at #/lab/<lab>?<settings>&autoplay=1, watched for ${seconds} s from status "training".`,
  );
  for (const { lab, query } of MAIN_THREAD_LABS) out.push(`  ${lab.padEnd(8)} ${query}`);
  out.push(
    `Long tasks: PerformanceObserver('longtask') (over 50 ms); long frames: 'long-animation-frame', with the time its tasks blocked input.`,
    `Goal: no task over ${MAIN_THREAD_GOAL_MS} ms.`,
  );
  out.push('');
  out.push(
    table(
      [
        'lab',
        'backend asked',
        'used',
        'epochs',
        's',
        'longest task ms',
        `tasks > ${MAIN_THREAD_GOAL_MS} ms`,
        'longest frame ms',
        'its blocking ms',
        'goal',
        'note',
      ],
      rows.map((r) => {
        if (r.error) return [r.lab, r.backend, '-', '-', '-', '-', '-', '-', '-', 'n/a', 'not measured (below)'];
        const notes = [];
        if (r.lab === 'puntos') notes.push(r.network ? 'network view shown' : 'no network view');
        if (r.endedAs) notes.push(`ended ${r.endedAs}`);
        return [
          r.lab,
          r.backend,
          r.usedBackend ?? '?',
          r.epochs,
          r.seconds.toFixed(1),
          // The longtask API reports only tasks over 50 ms.
          r.tasks === 0 ? `< ${MAIN_THREAD_GOAL_MS}` : r.longestTask.toFixed(0),
          r.overGoal,
          r.framesSupported ? r.longestFrame.duration.toFixed(0) : 'n/a',
          r.framesSupported ? (r.longestFrame.blocking ?? 0).toFixed(0) : 'n/a',
          r.overGoal === 0 ? 'ok' : 'NO',
          notes.join('; '),
        ];
      }),
      ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'l'],
    ),
  );
  for (const r of rows.filter((r) => r.error)) out.push(`  not measured: ${r.error}`);
  return out;
}
