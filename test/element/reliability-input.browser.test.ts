/// <reference types="mocha" />
import { expect, html } from '@open-wc/testing';
import { MAX_POINTS } from '../../src/core/strokes.ts';
import { inkedCells, pointer, surfaceOf, visibleAlpha, type Point } from './pointer-helpers.ts';
import { SEVEN, element, record, rejection, unhandledRejections } from './reliability-helpers.ts';

/**
 * Awkward input, beyond digit-canvas.browser.test.ts (a cancelled stroke keeps its points, a
 * second pointer is ignored while the first draws): what a person's hands, a pen without pressure
 * and a long scribble do to the element, and that it still predicts afterwards.
 */

const rejections = unhandledRejections();
beforeEach(() => rejections.start());
afterEach(() => rejections.check());

/** The 7 fixture's points, drawn with pointer events of the given kind. */
function drawSeven(el: HTMLElement & { strokeWidth: number }, options: Parameters<typeof pointer>[3] = {}): void {
  el.strokeWidth = SEVEN[0]!.width;
  for (const stroke of SEVEN) {
    const points = stroke.points.map((p) => [p.x, p.y] as Point);
    pointer(el as never, 'pointerdown', points[0]!, options);
    for (const point of points.slice(1)) pointer(el as never, 'pointermove', point, options);
    pointer(el as never, 'pointerup', points.at(-1)!, options);
  }
}

/** A pointer event built without the helpers' defaults (no pressure given at all). */
function rawPointer(el: HTMLElement, type: string, [x, y]: Point, init: PointerEventInit): void {
  const canvas = surfaceOf(el as never);
  const rect = canvas.getBoundingClientRect();
  canvas.dispatchEvent(new PointerEvent(type, {
    clientX: rect.left + (x / 308) * rect.width,
    clientY: rect.top + (y / 308) * rect.height,
    bubbles: true,
    cancelable: true,
    composed: true,
    button: type === 'pointermove' ? -1 : 0,
    buttons: type === 'pointerup' ? 0 : 1,
    ...init,
  }));
}

describe('<digit-canvas> awkward input', () => {
  it('a stroke cancelled mid-way (palm rejection, a scroll gesture) leaves the element drawing and predicting', async () => {
    const el = await element(html`<digit-canvas backend="wasm"></digit-canvas>`);
    const touch = { pointerType: 'touch' as const, pointerId: 11 };
    pointer(el, 'pointerdown', [40, 40], touch);
    pointer(el, 'pointermove', [90, 60], touch);
    pointer(el, 'pointercancel', [90, 60], touch);
    // The second finger of the gesture lifts after the cancel: nothing more happens.
    pointer(el, 'pointerup', [200, 200], { pointerType: 'touch', pointerId: 12, isPrimary: false });
    el.undo();
    expect(el.strokes).to.have.length(0);
    drawSeven(el, { pointerType: 'touch', pointerId: 13 });
    expect(el.strokes).to.have.length(SEVEN.length);
    expect((await el.predict()).digit).to.equal(7);
  });

  it('a second finger that stays down after the first lifts draws nothing, and the next touch draws', async () => {
    const el = await element();
    const first = { pointerType: 'touch' as const, pointerId: 21 };
    const second = { pointerType: 'touch' as const, pointerId: 22, isPrimary: false };
    pointer(el, 'pointerdown', [60, 60], first);
    pointer(el, 'pointerdown', [250, 250], second);
    pointer(el, 'pointermove', [100, 100], first);
    pointer(el, 'pointerup', [100, 100], first);
    for (let i = 0; i < 20; i++) pointer(el, 'pointermove', [250 - i * 5, 250], second);
    pointer(el, 'pointercancel', [150, 250], second);
    pointer(el, 'pointerup', [150, 250], second);
    expect(el.strokes).to.have.length(1);
    expect(visibleAlpha(el, [200, 250]), 'no ink where the second finger went').to.equal(0);
    pointer(el, 'pointerdown', [200, 60], { pointerType: 'touch', pointerId: 23 });
    pointer(el, 'pointermove', [200, 200], { pointerType: 'touch', pointerId: 23 });
    pointer(el, 'pointerup', [200, 200], { pointerType: 'touch', pointerId: 23 });
    expect(el.strokes).to.have.length(2);
  });

  for (const [name, init] of [
    ['zero', { pressure: 0 }],
    ['absent', {}],
  ] as [string, PointerEventInit][]) {
    it(`a pen with ${name} pressure still inks at full width and is read`, async () => {
      const el = await element(html`<digit-canvas backend="wasm"></digit-canvas>`);
      el.strokeWidth = SEVEN[0]!.width;
      for (const stroke of SEVEN) {
        const points = stroke.points.map((p) => [p.x, p.y] as Point);
        rawPointer(el, 'pointerdown', points[0]!, { pointerType: 'pen', pointerId: 31, ...init });
        for (const point of points.slice(1)) rawPointer(el, 'pointermove', point, { pointerType: 'pen', pointerId: 31, ...init });
        rawPointer(el, 'pointerup', points.at(-1)!, { pointerType: 'pen', pointerId: 31, ...init });
      }
      expect(el.strokes.flatMap((stroke) => stroke.points.map((p) => p.pressure))).to.satisfy((values: number[]) => values.every((p) => p === 0));
      const inked = SEVEN[0]!.points[1]!;
      expect(visibleAlpha(el, [inked.x, inked.y])).to.be.greaterThan(200);
      expect((await el.predict()).digit).to.equal(7);
      const strokes = el.strokes;
      el.strokes = JSON.stringify(strokes);
      expect(el.strokes).to.deep.equal(strokes);
    });
  }

  it('a drawing entirely off the edges is an empty grid: a clear input error, the strokes kept, undo works', async () => {
    const el = await element();
    const events = record(el);
    pointer(el, 'pointerdown', [-40, -40]);
    for (let i = 1; i <= 50; i++) pointer(el, 'pointermove', [-40 - i * 20, -40 + i * 3]);
    pointer(el, 'pointerup', [-1040, 110]);
    pointer(el, 'pointerdown', [400, 100]);
    pointer(el, 'pointermove', [900, 350]);
    pointer(el, 'pointerup', [900, 350]);
    expect(el.strokes).to.have.length(2);
    for (const mode of ['mnist', 'grid']) {
      el.preprocess = mode;
      await el.updateComplete;
      expect(inkedCells(el.getGrid()), mode).to.deep.equal([]);
    }
    const error = await rejection(el.predict());
    expect(error.stage).to.equal('input');
    expect(error.message).to.match(/canvas is empty/);
    expect(events.map((event) => event.type)).to.deep.equal(['prediction-error']);
    const strokes = el.strokes;
    el.strokes = JSON.stringify(strokes);
    expect(el.strokes).to.deep.equal(strokes);
    el.undo();
    expect(el.strokes).to.have.length(1);
  });

  // preprocess="vector" reads the strokes, not the pixels: without clipping them to the canvas
  // (clipStrokes), ink drawn entirely off the canvas would still become a digit-sized grid.
  it('preprocess="vector": ink the user cannot see is not read', async () => {
    const el = await element(html`<digit-canvas preprocess="vector"></digit-canvas>`);
    pointer(el, 'pointerdown', [-40, -40]);
    pointer(el, 'pointermove', [-400, -10]);
    pointer(el, 'pointerup', [-400, -10]);
    expect(inkedCells(el.getGrid())).to.deep.equal([]);
  });

  it('a stroke half off the edge keeps the part on the canvas', async () => {
    const el = await element(html`<digit-canvas preprocess="grid"></digit-canvas>`);
    pointer(el, 'pointerdown', [154, 154]);
    pointer(el, 'pointermove', [154, 600]);
    pointer(el, 'pointerup', [154, 600]);
    expect(inkedCells(el.getGrid()).length).to.be.greaterThan(0);
  });

  it('5,000 pointer moves in one stroke: one stroke, every sample kept, drawn at most once a frame, predicts', async () => {
    const el = await element(html`<digit-canvas backend="wasm"></digit-canvas>`);
    let strokeEvents = 0;
    el.addEventListener('stroke', () => strokeEvents++);
    const center = 154;
    pointer(el, 'pointerdown', [center + 100, center]);
    const moves = 5000;
    for (let i = 1; i <= moves; i++) {
      const angle = (i / moves) * Math.PI * 2 * 8;
      const radius = 100 - (i / moves) * 60;
      pointer(el, 'pointermove', [center + radius * Math.cos(angle), center + radius * Math.sin(angle)]);
    }
    pointer(el, 'pointerup', [center + 40, center]);
    expect(strokeEvents).to.equal(1);
    expect(el.strokes).to.have.length(1);
    expect(el.strokes[0]!.points.length).to.be.within(moves - 50, moves + 2);
    const prediction = await el.predict();
    expect(prediction.probabilities).to.have.length(10);
    const strokes = el.strokes;
    el.strokes = strokes;
    expect(el.strokes).to.deep.equal(strokes);
  });

  // The strokes setter refuses more than MAX_POINTS, so the ink controller stops recording there
  // (pointBudget); otherwise a long scribble would give JSON the element will not take back.
  it(`a drawing the element recorded can always be set back, even past ${MAX_POINTS.toLocaleString('en')} points`, async function () {
    this.timeout(120_000);
    const el = await element();
    pointer(el, 'pointerdown', [10, 10]);
    // Distinct points (repeats are dropped): a zig-zag of 0.01 px steps inside the canvas.
    for (let i = 1; i <= MAX_POINTS + 10; i++) pointer(el, 'pointermove', [10 + (i % 28000) / 100, 10 + Math.floor(i / 28000)]);
    pointer(el, 'pointerup', [10, 20]);
    const strokes = el.strokes;
    const recorded = strokes.reduce((sum, stroke) => sum + stroke.points.length, 0);
    console.log(`input: one stroke recorded ${recorded} points`);
    expect(recorded).to.equal(MAX_POINTS);
    expect(() => {
      el.strokes = JSON.stringify(strokes);
    }).not.to.throw();
  });
});
