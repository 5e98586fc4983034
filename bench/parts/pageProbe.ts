// Runs inside the page (passed to Playwright's addInitScript, so it must not close over anything):
// records when each watched text first shows, every long task, and the time of the latest click, on
// the page's own clock (milliseconds since navigation started).

export interface TextWatch {
  name: string;
  /** Source of a RegExp tested against the page's text. */
  pattern: string;
  /** Source of a RegExp that must NOT match at the same time (e.g. a loading line). */
  unless?: string;
}

export interface ProbeState {
  marks: Record<string, number>;
  longTasks: { start: number; duration: number }[];
  lastClickAt: number | undefined;
  keyLatencies: number[];
}

declare global {
  interface Window {
    benchProbe: ProbeState;
  }
}

export function installProbe(watches: TextWatch[]): void {
  const state: ProbeState = { marks: {}, longTasks: [], lastClickAt: undefined, keyLatencies: [] };
  window.benchProbe = state;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      state.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('click', (event) => (state.lastClickAt = event.timeStamp), { capture: true });

  const compiled = watches.map((watch) => ({
    name: watch.name,
    pattern: new RegExp(watch.pattern),
    unless: watch.unless ? new RegExp(watch.unless) : undefined,
  }));
  // Checked once per frame after DOM changes, so a mark is the frame in which the text appeared.
  let scheduled = false;
  const check = () => {
    scheduled = false;
    const text = document.body?.textContent ?? '';
    for (const watch of compiled) {
      if (state.marks[watch.name] !== undefined) continue;
      if (watch.pattern.test(text) && !watch.unless?.test(text)) state.marks[watch.name] = performance.now();
    }
  };
  new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(check);
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

/** Input latency per keystroke: from the keydown's timestamp to just after the next frame is painted. */
export function installKeyLatencyProbe(): void {
  const state = window.benchProbe;
  state.keyLatencies = [];
  document.addEventListener(
    'keydown',
    (event) => {
      const pressedAt = event.timeStamp;
      requestAnimationFrame(() => {
        // A message posted from the frame callback is handled once that frame has been painted.
        const channel = new MessageChannel();
        channel.port1.onmessage = () => state.keyLatencies.push(performance.now() - pressedAt);
        channel.port2.postMessage(null);
      });
    },
    { capture: true },
  );
}
