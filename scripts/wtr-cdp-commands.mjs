// @web/test-runner server commands that ask Chromium itself, over the DevTools protocol, what a
// page cannot see from inside: the JS heap after a real garbage collection, and the event
// listeners registered on an object. Call them with executeServerCommand from
// @web/test-runner-commands:
//   'cdp-heap-usage'        → { usedSize, totalSize } in bytes, after HeapProfiler.collectGarbage
//   'cdp-event-listeners'   payload { expressions: string[] } (each evaluated in the page, e.g.
//                           "window" or "window.__target") → for each, { type: count } of the
//                           listeners on that object (DOMDebugger.getEventListeners)
const COMMANDS = new Set(['cdp-heap-usage', 'cdp-event-listeners']);

export function cdpCommands() {
  return {
    name: 'cdp-commands',
    async executeCommand({ command, payload, session }) {
      if (!COMMANDS.has(command)) return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error(`${command} needs Chromium through puppeteer`);
      const page = session.browser.getPage(session.id);
      const cdp = await page.createCDPSession();
      try {
        if (command === 'cdp-heap-usage') {
          await cdp.send('HeapProfiler.collectGarbage');
          const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
          return { usedSize, totalSize };
        }
        const counts = [];
        for (const expression of payload.expressions) {
          const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression });
          if (exceptionDetails || !result.objectId) throw new Error(`${expression} is not an object in the page`);
          const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId, depth: 0 });
          const byType = {};
          for (const listener of listeners) byType[listener.type] = (byType[listener.type] ?? 0) + 1;
          counts.push(byType);
          await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
        }
        return counts;
      } finally {
        await cdp.detach();
      }
    },
  };
}
