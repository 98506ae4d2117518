/// <reference types="mocha" />
// First: the instrumented constructors must be in place before the element's modules load.
import { alive, created, watchShadowRoot } from './reliability-instrument.ts';
import { expect, html } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import type { DigitCanvas } from '../../src/element/digit-canvas.ts';
import { drawnDigit } from '../fixtures/drawn-digits.ts';
import { draw, nextFrame } from './pointer-helpers.ts';
import { element, eventListeners, heapUsed, unhandledRejections } from './reliability-helpers.ts';

/**
 * Soak: one page, thousands of operations. The tensor count, the JS heap (measured by Chromium
 * after a real garbage collection) and the listeners and canvases the element holds stay flat.
 * Bounds are generous against measurement noise and tight against a per-operation leak.
 */

const rejections = unhandledRejections();
beforeEach(() => rejections.start());
afterEach(() => rejections.check());

const DIGITS = Array.from({ length: 10 }, (_, digit) => drawnDigit(digit, { cx: 154, cy: 154, size: 210, width: 16 }));
const MiB = 1024 * 1024;

/** Listener counts on everything the element could leave listeners on. */
async function listenerSnapshot(): Promise<Record<string, number>[]> {
  return eventListeners(
    'window',
    'document',
    'window.__soak',
    'window.__soak.shadowRoot',
    'window.__soak.shadowRoot.querySelector("canvas[part=canvas]")',
    'window.__soak.shadowRoot.querySelector("[part=predict-button]")',
    'window.__soak.shadowRoot.querySelector("[part=clear-button]")',
  );
}

describe('<digit-canvas> soak', () => {
  it('2,000 local predictions: same answers throughout, tensors and heap flat', async function () {
    this.timeout(300_000);
    const el = await element(html`<digit-canvas backend="wasm"></digit-canvas>`);
    const answers: number[] = [];
    let seen = 0;
    el.addEventListener('prediction', () => seen++);
    const round = async (count: number, offset: number) => {
      for (let i = 0; i < count; i++) {
        const digit = (offset + i) % 10;
        el.strokes = DIGITS[digit]!;
        const { digit: answer } = await el.predict();
        answers[digit] ??= answer;
        expect(answer, `drawing of ${digit}`).to.equal(answers[digit]);
        await el.updateComplete;
      }
    };
    await round(200, 0); // warm up: model, kernels, caches, rendering
    const tensors = tf.memory().numTensors;
    const bytes = tf.memory().numBytes;
    const heap = await heapUsed();
    await round(2000, 200);
    const growth = (await heapUsed()) - heap;
    console.log(`soak: heap growth over 2,000 predictions ${(growth / 1024).toFixed(0)} KiB; answers ${answers.join(',')}`);
    expect(seen).to.equal(2200);
    expect(tf.memory().numTensors).to.equal(tensors);
    expect(tf.memory().numBytes).to.equal(bytes);
    // A leak of 1 KiB per prediction would add 2 MiB.
    expect(growth).to.be.below(2 * MiB);
    expect(answers.filter((answer, digit) => answer === digit).length, 'the fixtures read as drawn').to.be.at.least(8);
  });

  it('500 draw/draw/undo/clear cycles: no listener, canvas or heap left behind', async function () {
    this.timeout(300_000);
    const el = await element(html`<digit-canvas backend="wasm"></digit-canvas>`);
    (window as { __soak?: DigitCanvas }).__soak = el;
    const watcher = watchShadowRoot(el.shadowRoot!);
    const cycle = async (i: number) => {
      const shift = i % 40;
      draw(el, [[60 + shift, 60], [120, 100 + shift], [200 - shift, 160], [240, 250]]);
      draw(el, [[250, 60], [150, 150], [60, 250 - shift]], { pointerType: i % 2 ? 'pen' : 'touch', pointerId: 2 + (i % 3) });
      el.undo();
      expect(el.strokes).to.have.length(1);
      el.getGrid();
      if (i % 50 === 0) await el.predict();
      el.clear();
      expect(el.strokes).to.have.length(0);
      if (i % 10 === 0) await nextFrame();
    };
    for (let i = 0; i < 20; i++) await cycle(i);
    await el.updateComplete;
    const listeners = await listenerSnapshot();
    const heap = await heapUsed();
    const before = alive();
    for (let i = 20; i < 520; i++) await cycle(i);
    await el.updateComplete;
    await nextFrame();
    expect(await listenerSnapshot()).to.deep.equal(listeners);
    const growth = (await heapUsed()) - heap;
    const after = alive();
    console.log(`soak: heap growth over 500 cycles ${(growth / 1024).toFixed(0)} KiB; alive before ${JSON.stringify(before)}, after ${JSON.stringify(after)}, created ${JSON.stringify(created())}`);
    expect(el.shadowRoot!.querySelectorAll('canvas').length).to.be.at.most(2);
    // Every prediction renders a new preview canvas and every grid may rasterize offscreen: the
    // old ones must be gone, give or take the few a collection may not have reached yet.
    expect(after.canvas, 'canvases alive').to.be.at.most(before.canvas + 2);
    expect(after['offscreen-canvas'], 'offscreen canvases alive').to.be.at.most(before['offscreen-canvas'] + 2);
    expect(growth).to.be.below(1 * MiB);
    watcher.disconnect();
    delete (window as { __soak?: DigitCanvas }).__soak;
  });

  // Guards the fix of 5d146cc: a Lit update after removal re-attached BackingStoreController's
  // ResizeObserver and resolution MediaQueryList listener, which kept every used element alive
  // (MediaQueryList → #onResolutionChange → BackingStoreController → canvas → ShadowRoot → element).
  it('200 elements used and removed: no element, listener, media query, observer or canvas kept', async function () {
    this.timeout(120_000);
    const host = document.createElement('div');
    document.body.append(host);
    const elements: WeakRef<DigitCanvas>[] = [];
    const cycle = async () => {
      const el = document.createElement('digit-canvas');
      host.append(el);
      await el.updateComplete;
      el.strokes = DIGITS[7]!;
      el.getGrid();
      el.dispatchEvent(new FocusEvent('focusin')); // used: the model starts loading
      await new Promise((resolve) => setTimeout(resolve, 5));
      el.remove();
      elements.push(new WeakRef(el));
    };
    for (let i = 0; i < 5; i++) await cycle();
    await nextFrame();
    const listeners = await eventListeners('window', 'document');
    await heapUsed(); // collects garbage
    const before = alive();
    const made = created();
    for (let i = 0; i < 200; i++) await cycle();
    await nextFrame();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await eventListeners('window', 'document')).to.deep.equal(listeners);
    await heapUsed();
    const after = alive();
    const madeNow = created();
    console.log(`soak: 200 elements; alive before ${JSON.stringify(before)}, after ${JSON.stringify(after)}; created ${JSON.stringify(made)} → ${JSON.stringify(madeNow)}`);
    expect(madeNow['media-query-list'] - made['media-query-list'], 'the element does use media queries').to.be.at.least(200);
    expect(elements.filter((ref) => ref.deref() !== undefined).length, 'removed elements still alive').to.be.at.most(5);
    // A collection may miss the last few; 200 kept (one per element) would be a leak.
    for (const kind of Object.keys(after) as (keyof typeof after)[]) expect(after[kind], kind).to.be.at.most(before[kind] + 5);
    host.remove();
  });
});
