/// <reference types="mocha" />
// The `loading` policy (src/element/model-preload-controller.ts): what the page fetches, and when,
// for each setting. Each test gives its element a model URL of its own, so resource timing tells
// whether (and after what) that element's model was downloaded.
import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import type { DigitCanvas } from '../../src/element/digit-canvas.ts';
import { element, part, testEndpoint } from './element-test-helpers.ts';
import { nextFrame, pointer, surfaceOf } from './pointer-helpers.ts';

let serial = 0;
/** A model URL no other element has used (the bundled model, under a query of its own). */
const freshModelUrl = (label: string) => new URL(`/model/model.json?loading-${label}-${++serial}`, location.href).href;
const fetched = (url: string) => performance.getEntriesByName(url).length > 0;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (20 s at most: the classifier's code comes first, from source) for `url` to be fetched; false if it never is. */
async function becomesFetched(url: string): Promise<boolean> {
  for (let i = 0; i < 800 && !fetched(url); i++) await pause(25);
  return fetched(url);
}

/** Time for any download the policy would start without use: several frames and an idle period. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await nextFrame();
  await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 }));
  await pause(300);
}

/** An element below two viewports of spacer, out of view until scrolled to. */
async function belowTheFold(loading: string, url: string): Promise<DigitCanvas> {
  const page = await fixture<HTMLDivElement>(html`<div><div style="height: 250vh"></div><digit-canvas loading=${loading} model-url=${url}></digit-canvas></div>`);
  const el = page.querySelector('digit-canvas') as DigitCanvas;
  await el.updateComplete;
  return el;
}

describe('<digit-canvas loading>', () => {
  before(async () => {
    performance.setResourceTimingBufferSize(100_000);
    // The classifier's module graph, transformed once here rather than inside the first test's wait.
    await import('../../src/inference/local-classifier.ts');
  });
  afterEach(async () => {
    await resetMouse();
    scrollTo(0, 0);
  });

  describe('lazy (the default without auto-predict)', () => {
    it('fetches nothing while the element is only shown, then the model once the pointer enters it', async () => {
      const url = freshModelUrl('lazy-enter');
      const el = await element(html`<digit-canvas model-url=${url}></digit-canvas>`);
      await settle();
      expect(fetched(url), 'nothing before use, though in view').to.equal(false);
      // The button shows the loading while it lasts, which may be over by the time the fetch is seen.
      const busy: (string | null)[] = [];
      const button = part(el, 'predict-button')!;
      // Each change's old value, and the value now: 'true' is among them if it was ever set.
      new MutationObserver((changes) => busy.push(...changes.map((change) => change.oldValue))).observe(button, { attributeFilter: ['aria-busy'], attributeOldValue: true });
      const rect = surfaceOf(el).getBoundingClientRect();
      await sendMouse({ type: 'move', position: [Math.round(rect.left + 40), Math.round(rect.top + 40)] });
      expect(await becomesFetched(url), 'fetched on pointerenter, before any press').to.equal(true);
      await nextFrame();
      busy.push(button.getAttribute('aria-busy'));
      expect(busy, 'the button was busy while the model loaded').to.include('true');
    });

    it('fetches the model on focus', async () => {
      const url = freshModelUrl('lazy-focus');
      const el = await element(html`<digit-canvas loading="lazy" model-url=${url}></digit-canvas>`);
      await settle();
      expect(fetched(url)).to.equal(false);
      surfaceOf(el).focus();
      expect(await becomesFetched(url)).to.equal(true);
    });

    it('fetches the model on the first touch (no hover before it)', async () => {
      const url = freshModelUrl('lazy-touch');
      const el = await element(html`<digit-canvas loading="lazy" model-url=${url}></digit-canvas>`);
      await settle();
      expect(fetched(url)).to.equal(false);
      pointer(el, 'pointerdown', [100, 100], { pointerType: 'touch' });
      pointer(el, 'pointerup', [100, 100], { pointerType: 'touch' });
      expect(await becomesFetched(url)).to.equal(true);
    });

    it('loading="lazy" holds back even an auto-predict element until it is used', async () => {
      const url = freshModelUrl('lazy-auto-predict');
      const el = await element(html`<digit-canvas loading="lazy" auto-predict model-url=${url}></digit-canvas>`);
      await settle();
      expect(fetched(url)).to.equal(false);
      surfaceOf(el).focus();
      expect(await becomesFetched(url)).to.equal(true);
    });
  });

  describe('visible', () => {
    it('fetches nothing while the element is out of view, then the model once it is scrolled into view', async () => {
      const url = freshModelUrl('visible');
      const el = await belowTheFold('visible', url);
      await settle();
      expect(fetched(url), 'nothing while out of view').to.equal(false);
      el.scrollIntoView();
      expect(await becomesFetched(url), 'fetched once in view and idle, without use').to.equal(true);
    });

    it('an element in view from the start fetches the model without being used', async () => {
      const url = freshModelUrl('visible-in-view');
      await element(html`<digit-canvas loading="visible" model-url=${url}></digit-canvas>`);
      expect(await becomesFetched(url)).to.equal(true);
    });
  });

  describe('eager (the default with auto-predict)', () => {
    it('fetches the model after first paint, though the element is out of view and unused', async () => {
      const url = freshModelUrl('eager');
      await belowTheFold('eager', url);
      expect(await becomesFetched(url)).to.equal(true);
    });

    it('auto-predict with no loading attribute fetches at once', async () => {
      const url = freshModelUrl('auto-eager');
      await element(html`<digit-canvas auto-predict model-url=${url}></digit-canvas>`);
      expect(await becomesFetched(url)).to.equal(true);
    });
  });

  it('switching to eager after first paint fetches at once; an unknown value warns and stays lazy', async () => {
    const url = freshModelUrl('switch');
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    let el: DigitCanvas;
    try {
      el = await element(html`<digit-canvas loading="soon" model-url=${url}></digit-canvas>`);
    } finally {
      console.warn = warn;
    }
    expect(warnings.join('\n')).to.match(/loading.*soon/);
    await settle();
    expect(fetched(url)).to.equal(false);
    el.setAttribute('loading', 'eager');
    expect(await becomesFetched(url)).to.equal(true);
  });

  for (const loading of ['lazy', 'visible', 'eager']) {
    it(`loading="${loading}" with an endpoint fetches no model, even when used`, async () => {
      const url = freshModelUrl(`endpoint-${loading}`);
      const el = await element(html`<digit-canvas endpoint=${testEndpoint('predict')} loading=${loading} model-url=${url}></digit-canvas>`);
      surfaceOf(el).focus();
      pointer(el, 'pointerdown', [100, 100]);
      pointer(el, 'pointerup', [100, 100]);
      await settle();
      expect(fetched(url)).to.equal(false);
    });
  }
});
