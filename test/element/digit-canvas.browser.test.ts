/// <reference types="mocha" />
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/element/digit-canvas-define.ts';
import { DigitCanvas } from '../../src/element/digit-canvas.ts';
import { StrokesFormatError } from '../../src/core/strokes.ts';
import { GRID_CELLS } from '../../src/core/preprocess.ts';
import { cell, draw, inkedCells, nextFrame, pointer, surfaceOf, visibleAlpha } from './pointer-helpers.ts';

const ZIGZAG = [
  [80, 60],
  [220, 70],
  [150, 160],
  [90, 250],
  [230, 240],
] as const;

async function element(template = html`<digit-canvas></digit-canvas>`): Promise<DigitCanvas> {
  const el = await fixture<DigitCanvas>(template);
  await nextFrame(); // ResizeObserver has sized the backing store
  return el;
}

const isBlank = (grid: Float32Array) => inkedCells(grid).length === 0;

describe('<digit-canvas> registration and defaults', () => {
  it('is registered under its tag and renders the parts of the contract', async () => {
    const el = await element();
    expect(el).to.be.instanceOf(DigitCanvas);
    expect(customElements.get('digit-canvas')).to.equal(DigitCanvas);
    for (const part of ['canvas', 'clear-button', 'predict-button', 'result']) {
      expect(el.shadowRoot!.querySelector(`[part="${part}"]`), part).to.exist;
    }
  });

  it('names the drawing surface from label, focusable, with a polite live region', async () => {
    const el = await element();
    const canvas = surfaceOf(el);
    expect(canvas.getAttribute('role')).to.equal('img');
    expect(canvas.getAttribute('aria-label')).to.equal('Draw a digit from 0 to 9');
    expect(canvas.tabIndex).to.equal(0);
    el.setAttribute('label', 'Write the digit 7');
    await el.updateComplete;
    expect(el.label).to.equal('Write the digit 7');
    expect(canvas.getAttribute('aria-label')).to.equal('Write the digit 7');
    const result = el.shadowRoot!.querySelector('[part="result"]')!;
    expect(result.getAttribute('aria-live')).to.equal('polite');
    expect(result.getAttribute('role')).to.equal('status');
  });

  it('stops touch scrolling on the canvas and keeps its paper out of the pixels', async () => {
    const el = await element();
    const canvas = surfaceOf(el);
    expect(getComputedStyle(canvas).touchAction).to.equal('none');
    expect(visibleAlpha(el, [154, 154])).to.equal(0);
  });

  it('mirrors stroke-width and preprocess attributes as properties', async () => {
    const el = await element(html`<digit-canvas stroke-width="8" preprocess="grid"></digit-canvas>`);
    expect(el.strokeWidth).to.equal(8);
    expect(el.preprocess).to.equal('grid');
    const fresh = await element();
    expect(fresh.strokeWidth).to.equal(16);
    expect(fresh.preprocess).to.equal('vector');
  });

  it('takes strokes set before the tag was defined', async () => {
    const el = document.createElement('late-digit-canvas') as DigitCanvas;
    el.strokes = [{ width: 16, points: [{ x: 154, y: 154, t: 0, pressure: 0.5 }] }];
    document.body.append(el);
    try {
      customElements.define('late-digit-canvas', class extends DigitCanvas {});
      await el.updateComplete;
      expect(el.strokes).to.have.length(1);
      expect(inkedCells(el.getGrid()).length).to.be.greaterThan(0);
      expect(visibleAlpha(el, [154, 154])).to.be.greaterThan(0);
    } finally {
      el.remove();
    }
  });

  it('falls back to width 16 with a warning for a stroke-width that is not a positive number', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      const el = await element(html`<digit-canvas stroke-width="thick"></digit-canvas>`);
      draw(el, [[60, 60], [90, 90]]);
      expect(el.strokes[0]!.width).to.equal(16);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('stroke-width must be a positive number, got "thick"');
    } finally {
      console.warn = warn;
    }
  });

  it('returns 784 zeros for an empty drawing', async () => {
    const grid = (await element()).getGrid();
    expect(grid).to.be.instanceOf(Float32Array);
    expect(grid.length).to.equal(GRID_CELLS);
    expect(isBlank(grid)).to.equal(true);
  });
});

describe('<digit-canvas> drawing with pointers', () => {
  for (const pointerType of ['mouse', 'touch', 'pen'] as const) {
    it(`draws with a ${pointerType} and changes the grid`, async () => {
      const el = await element();
      const stroke = oneEvent(el, 'stroke');
      draw(el, ZIGZAG, { pointerType, pressure: 0.7 });
      const event = await stroke;
      expect(event.detail).to.deep.equal({ strokes: 1 });
      expect(isBlank(el.getGrid())).to.equal(false);
      expect(el.strokes).to.have.length(1);
      expect(el.strokes[0]!.points).to.have.length(ZIGZAG.length);
      expect(visibleAlpha(el, [150, 160])).to.be.greaterThan(0);
    });
  }

  it('records canvas coordinates, the pen width and the pen pressure', async () => {
    const el = await element(html`<digit-canvas stroke-width="10"></digit-canvas>`);
    pointer(el, 'pointerdown', [100, 50], { pointerType: 'pen', pressure: 0.25 });
    pointer(el, 'pointermove', [120, 80], { pointerType: 'pen', pressure: 0.9 });
    pointer(el, 'pointerup', [120, 80], { pointerType: 'pen', pressure: 0 });
    const [stroke] = el.strokes;
    expect(stroke!.width).to.equal(10);
    expect(stroke!.points).to.have.length(2);
    expect(stroke!.points[0]!.x).to.be.closeTo(100, 0.6);
    expect(stroke!.points[0]!.y).to.be.closeTo(50, 0.6);
    expect(stroke!.points[0]!.pressure).to.equal(0.25);
    expect(stroke!.points[1]!.pressure).to.equal(0.9);
    expect(stroke!.points[1]!.t).to.be.at.least(0);
  });

  it('puts a dot at the centre into the centre cells in grid mode', async () => {
    const el = await element(html`<digit-canvas preprocess="grid"></digit-canvas>`);
    draw(el, [[154, 154]]);
    const cells = inkedCells(el.getGrid());
    expect(cells).to.have.members([cell(13, 13), cell(13, 14), cell(14, 13), cell(14, 14)]);
  });

  it('fires stroke, bubbling and composed, for the page to hear', async () => {
    const el = await element();
    const heard = oneEvent(document, 'stroke');
    draw(el, [[50, 50], [60, 60]]);
    const event = await heard;
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
    expect(event.target).to.equal(el);
  });

  it('draws smooth curves with round caps, not a polyline', async () => {
    const el = await element();
    // A right-angle turn: a polyline would ink the corner; a curve through midpoints cuts it.
    draw(el, [[50, 50], [250, 50], [250, 250]]);
    expect(visibleAlpha(el, [250, 50])).to.equal(0);
    expect(visibleAlpha(el, [200, 75])).to.be.greaterThan(200);
    // A round cap reaches past the first sample by half the pen width.
    expect(visibleAlpha(el, [44, 50])).to.be.greaterThan(0);
  });

  it('continues a stroke dragged outside the canvas until release', async () => {
    const el = await element();
    pointer(el, 'pointerdown', [250, 154]);
    pointer(el, 'pointermove', [290, 154]);
    pointer(el, 'pointermove', [400, 154]); // beyond the right edge
    pointer(el, 'pointermove', [400, 40]);
    pointer(el, 'pointermove', [280, 40]); // back in
    pointer(el, 'pointerup', [280, 40]);
    const strokes = el.strokes;
    expect(strokes).to.have.length(1);
    expect(strokes[0]!.points.map((p) => Math.round(p.x))).to.deep.equal([250, 290, 400, 400, 280]);
    expect(visibleAlpha(el, [280, 40])).to.be.greaterThan(0);
  });

  it('keeps drawing with a real mouse dragged off the canvas (pointer capture)', async () => {
    const el = await element();
    const rect = surfaceOf(el).getBoundingClientRect();
    const at = (x: number, y: number): [number, number] => [Math.round(rect.left + x), Math.round(rect.top + y)];
    const outside = document.createElement('div');
    outside.style.cssText = `position: fixed; left: ${rect.right + 20}px; top: 0; width: 200px; height: 400px`;
    let outsideMoves = 0;
    outside.addEventListener('pointermove', () => outsideMoves++);
    document.body.append(outside);
    try {
      await sendMouse({ type: 'move', position: at(150, 150) });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'move', position: at(250, 150) });
      await sendMouse({ type: 'move', position: at(rect.width + 100, 150) }); // over the other element
      await sendMouse({ type: 'move', position: at(rect.width + 100, 60) });
      await sendMouse({ type: 'up' });
      // Captured: the canvas got the moves, the element under the pointer did not.
      expect(outsideMoves).to.equal(0);
      expect(el.strokes).to.have.length(1);
      const xs = el.strokes[0]!.points.map((p) => p.x);
      expect(Math.max(...xs)).to.be.greaterThan(308);
      // Drawing focused the canvas for the shortcuts, without a keyboard focus ring.
      expect(el.shadowRoot!.activeElement).to.equal(surfaceOf(el));
      expect(surfaceOf(el).matches(':focus-visible')).to.equal(false);
      // After release the pointer is free again: moves reach whatever is under it.
      await sendMouse({ type: 'move', position: at(rect.width + 110, 70) });
      expect(outsideMoves).to.be.greaterThan(0);
      expect(el.strokes).to.have.length(1);
    } finally {
      await resetMouse();
      outside.remove();
    }
  });

  it('ends the stroke cleanly on pointercancel, keeping what was drawn', async () => {
    const el = await element();
    let strokeEvents = 0;
    el.addEventListener('stroke', () => strokeEvents++);
    pointer(el, 'pointerdown', [60, 60], { pointerType: 'touch', pointerId: 7 });
    pointer(el, 'pointermove', [120, 120], { pointerType: 'touch', pointerId: 7 });
    pointer(el, 'pointercancel', [0, 0], { pointerType: 'touch', pointerId: 7 });
    expect(strokeEvents).to.equal(1);
    expect(el.strokes[0]!.points).to.have.length(2); // the cancel's position is not added
    // The cancelled pointer no longer draws; a new one starts a new stroke.
    pointer(el, 'pointermove', [200, 200], { pointerType: 'touch', pointerId: 7 });
    expect(el.strokes[0]!.points).to.have.length(2);
    draw(el, [[200, 200], [210, 220]], { pointerType: 'touch', pointerId: 8 });
    expect(el.strokes).to.have.length(2);
  });

  it('ignores a second pointer while one is drawing', async () => {
    const el = await element();
    const touch = { pointerType: 'touch' as const };
    pointer(el, 'pointerdown', [60, 60], { ...touch, pointerId: 1 });
    pointer(el, 'pointerdown', [250, 250], { ...touch, pointerId: 2, isPrimary: false });
    pointer(el, 'pointermove', [260, 200], { ...touch, pointerId: 2, isPrimary: false });
    pointer(el, 'pointermove', [80, 100], { ...touch, pointerId: 1 });
    pointer(el, 'pointerup', [260, 200], { ...touch, pointerId: 2, isPrimary: false });
    expect(el.strokes).to.have.length(0); // pointer 2's release did not end pointer 1's stroke
    pointer(el, 'pointerup', [80, 100], { ...touch, pointerId: 1 });
    expect(el.strokes).to.have.length(1);
    expect(el.strokes[0]!.points.map((p) => Math.round(p.x))).to.deep.equal([60, 80]);
    expect(visibleAlpha(el, [255, 225])).to.equal(0);
  });

  it('ignores buttons other than the main one', async () => {
    const el = await element();
    const down = new PointerEvent('pointerdown', { pointerId: 1, pointerType: 'mouse', button: 2, buttons: 2, bubbles: true });
    surfaceOf(el).dispatchEvent(down);
    pointer(el, 'pointerup', [10, 10]);
    expect(el.strokes).to.have.length(0);
  });

  it('maps input through the CSS size of a resized element', async () => {
    const el = await element(html`<digit-canvas preprocess="grid" style="width: 154px"></digit-canvas>`);
    const rect = surfaceOf(el).getBoundingClientRect();
    expect(rect.width).to.equal(154);
    expect(rect.height).to.equal(154);
    // The client point at the middle of the 154px canvas is canvas point (154, 154).
    const down = new PointerEvent('pointerdown', {
      clientX: rect.left + 77,
      clientY: rect.top + 77,
      pointerId: 1,
      pointerType: 'touch',
      button: 0,
      buttons: 1,
      bubbles: true,
    });
    surfaceOf(el).dispatchEvent(down);
    pointer(el, 'pointerup', [154, 154], { pointerType: 'touch' });
    expect(el.strokes[0]!.points[0]).to.include({ x: 154, y: 154 });
    expect(inkedCells(el.getGrid())).to.have.members([cell(13, 13), cell(13, 14), cell(14, 13), cell(14, 14)]);
    await nextFrame();
    expect(surfaceOf(el).width).to.equal(Math.round(154 * devicePixelRatio));
  });

  it('follows a later CSS resize: new backing store, drawing redrawn, input still aligned', async () => {
    const el = await element(html`<digit-canvas preprocess="grid"></digit-canvas>`);
    draw(el, [[154, 154]]);
    const grid = Array.from(el.getGrid());
    el.style.width = '200px';
    await nextFrame();
    await nextFrame();
    const canvas = surfaceOf(el);
    expect(canvas.getBoundingClientRect().width).to.equal(200);
    expect(canvas.width).to.equal(Math.round(200 * devicePixelRatio));
    expect(visibleAlpha(el, [154, 154])).to.equal(255); // resizing wiped the pixels; they were redrawn
    expect(Array.from(el.getGrid())).to.deep.equal(grid);
    draw(el, [[30, 280]]);
    expect(el.strokes[1]!.points[0]!.x).to.be.closeTo(30, 0.6);
    expect(el.strokes[1]!.points[0]!.y).to.be.closeTo(280, 0.6);
  });

  it('keeps each stroke at the width it was drawn with', async () => {
    const el = await element();
    draw(el, [[60, 60], [90, 90]]);
    el.strokeWidth = 30;
    draw(el, [[200, 200], [220, 220]]);
    expect(el.strokes.map((stroke) => stroke.width)).to.deep.equal([16, 30]);
  });

  it('hands out a fresh grid each call', async () => {
    const el = await element();
    draw(el, ZIGZAG);
    const grid = el.getGrid();
    const copy = Array.from(grid);
    grid.fill(0);
    expect(Array.from(el.getGrid())).to.deep.equal(copy);
  });

  it('gives the same grid whatever the ink colour', async () => {
    // mnist reads the rendered pixels (vector never looks at them).
    const plain = await element(html`<digit-canvas preprocess="mnist"></digit-canvas>`);
    const red = await element(html`<digit-canvas preprocess="mnist" style="--digit-canvas-ink: rgba(255, 0, 0, 0.3)"></digit-canvas>`);
    draw(plain, ZIGZAG);
    draw(red, ZIGZAG);
    expect(Array.from(red.getGrid())).to.deep.equal(Array.from(plain.getGrid()));
    const context = surfaceOf(red).getContext('2d')!;
    const canvas = surfaceOf(red);
    const [r, g, b] = context.getImageData(Math.floor((150 / 308) * canvas.width), Math.floor((160 / 308) * canvas.height), 1, 1).data;
    expect([r, g, b]).to.deep.equal([255, 0, 0]);
  });
});

describe('<digit-canvas> undo, redo, clear', () => {
  it('undo removes the last stroke, redo brings it back, clear empties', async () => {
    const el = await element();
    draw(el, [[60, 60], [100, 200]]);
    const one = el.getGrid();
    draw(el, [[200, 60], [240, 200]]);
    const two = el.getGrid();
    expect(Array.from(two)).not.to.deep.equal(Array.from(one));

    el.undo();
    expect(el.strokes).to.have.length(1);
    expect(Array.from(el.getGrid())).to.deep.equal(Array.from(one));
    expect(visibleAlpha(el, [220, 130])).to.equal(0);

    el.redo();
    expect(el.strokes).to.have.length(2);
    expect(Array.from(el.getGrid())).to.deep.equal(Array.from(two));
    expect(visibleAlpha(el, [220, 130])).to.be.greaterThan(0);

    const cleared = oneEvent(el, 'clear');
    el.clear();
    const event = await cleared;
    expect(event.detail).to.deep.equal({});
    expect(event.bubbles && event.composed).to.equal(true);
    expect(el.strokes).to.deep.equal([]);
    expect(isBlank(el.getGrid())).to.equal(true);
    expect(visibleAlpha(el, [80, 130])).to.equal(0);
    el.redo(); // clear forgets the redo stack
    expect(el.strokes).to.have.length(0);
  });

  it('reports every change with strokes-change and its cause', async () => {
    const el = await element();
    const causes: string[] = [];
    el.addEventListener('strokes-change', (event) => causes.push(`${event.detail.cause}:${event.detail.strokes}`));
    draw(el, [[60, 60], [100, 200]]);
    draw(el, [[200, 60], [240, 200]]);
    el.undo();
    el.redo();
    el.strokes = [];
    el.clear();
    el.undo(); // nothing to undo: no event
    expect(causes).to.deep.equal(['stroke:1', 'stroke:2', 'undo:1', 'redo:2', 'set:0', 'clear:0']);
  });

  it('clearing mid-stroke drops the stroke in progress', async () => {
    const el = await element();
    pointer(el, 'pointerdown', [60, 60]);
    pointer(el, 'pointermove', [120, 120]);
    el.clear();
    pointer(el, 'pointermove', [200, 200]);
    pointer(el, 'pointerup', [200, 200]);
    expect(el.strokes).to.have.length(0);
    await nextFrame();
    expect(visibleAlpha(el, [90, 90])).to.equal(0);
  });
});

describe('<digit-canvas> keyboard', () => {
  /** A real key press with modifiers held (the CDP keyboard has no "Control+z" shorthand). */
  async function chord(keys: string): Promise<void> {
    const parts = keys.split('+');
    const key = parts.pop()!;
    for (const modifier of parts) await sendKeys({ down: modifier });
    await sendKeys({ press: key });
    for (const modifier of parts.reverse()) await sendKeys({ up: modifier });
  }

  async function drawnTwice(): Promise<DigitCanvas> {
    const el = await element();
    draw(el, [[60, 60], [100, 200]]);
    draw(el, [[200, 60], [240, 200]]);
    return el;
  }

  it('Escape clears and Ctrl+Z / Cmd+Z undo, with the focus on the canvas', async () => {
    const el = await drawnTwice();
    surfaceOf(el).focus();
    await chord('Control+KeyZ');
    expect(el.strokes).to.have.length(1);
    await chord('Meta+KeyZ');
    expect(el.strokes).to.have.length(0);
    await chord('Control+Shift+KeyZ');
    expect(el.strokes).to.have.length(1);
    await chord('Control+KeyY');
    expect(el.strokes).to.have.length(2);
    const cleared = oneEvent(el, 'clear');
    await sendKeys({ press: 'Escape' });
    await cleared;
    expect(el.strokes).to.have.length(0);
  });

  it('drawing focuses the canvas so shortcuts work right after', async () => {
    const el = await drawnTwice();
    expect(el.shadowRoot!.activeElement).to.equal(surfaceOf(el));
    await chord('Control+KeyZ');
    expect(el.strokes).to.have.length(1);
  });

  it('Tab reaches the canvas, then Clear, then Predict; Enter and Space press Clear', async () => {
    const before = document.createElement('button');
    before.textContent = 'before';
    const el = await drawnTwice();
    el.before(before);
    before.focus();
    const active = () => el.shadowRoot!.activeElement?.getAttribute('part');
    await sendKeys({ press: 'Tab' });
    expect(active()).to.equal('canvas');
    expect(getComputedStyle(surfaceOf(el)).outlineWidth).to.equal('3px'); // a visible focus ring
    await sendKeys({ press: 'Tab' });
    expect(active()).to.equal('clear-button');
    await sendKeys({ press: 'Enter' });
    expect(el.strokes).to.have.length(0);
    draw(el, [[60, 60], [100, 200]]);
    (el.shadowRoot!.querySelector('[part="clear-button"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Space' });
    expect(el.strokes).to.have.length(0);
    await sendKeys({ press: 'Tab' });
    expect(active()).to.equal('predict-button');
    const predict = el.shadowRoot!.querySelector('[part="predict-button"]')!;
    expect(getComputedStyle(predict).outlineWidth).to.equal('3px');
    before.remove();
  });
});

describe('<digit-canvas> strokes as JSON', () => {
  it('round-trips a drawing through JSON into another element', async () => {
    const source = await element();
    draw(source, ZIGZAG, { pointerType: 'pen', pressure: 0.6 });
    draw(source, [[40, 280], [270, 280]]);
    const json = JSON.stringify(source.strokes);
    const copy = await element();
    copy.strokes = JSON.parse(json);
    expect(copy.strokes).to.deep.equal(source.strokes);
    expect(Array.from(copy.getGrid())).to.deep.equal(Array.from(source.getGrid()));
    const fromText = await element();
    fromText.strokes = json;
    expect(fromText.strokes).to.deep.equal(source.strokes);
    expect(visibleAlpha(fromText, [150, 280])).to.be.greaterThan(0);
  });

  it('hands out copies, so editing them does not change the drawing', async () => {
    const el = await element();
    draw(el, ZIGZAG);
    const strokes = el.strokes;
    strokes[0]!.points[0]!.x = -500;
    strokes.pop();
    expect(el.strokes).to.have.length(1);
    expect(el.strokes[0]!.points[0]!.x).to.not.equal(-500);
  });

  it('rejects a badly shaped drawing with a clear error and keeps the drawing', async () => {
    const el = await element();
    draw(el, ZIGZAG);
    const strokes = el.strokes;
    const grid = Array.from(el.getGrid());
    const bad = [{ points: [{ x: 10, y: 10 }] }, { width: 16, points: [{ x: 'left', y: 3 }] }];
    expect(() => {
      el.strokes = bad as never;
    }).to.throw(StrokesFormatError, 'strokes[1].points[0].x must be a finite number, got the string "left"');
    expect(() => {
      el.strokes = '{"not": "an array"';
    }).to.throw(StrokesFormatError, /not valid JSON/);
    expect(el.strokes).to.deep.equal(strokes);
    expect(Array.from(el.getGrid())).to.deep.equal(grid);
    expect(visibleAlpha(el, [150, 160])).to.be.greaterThan(0);
  });
});

describe('<digit-canvas> preprocess', () => {
  it('switches between mnist and grid reductions', async () => {
    const el = await element();
    draw(el, [[20, 20], [60, 60]]); // a small mark in a corner
    el.preprocess = 'mnist';
    await el.updateComplete;
    const mnist = el.getGrid();
    el.preprocess = 'grid';
    await el.updateComplete;
    const grid = el.getGrid();
    // grid keeps the mark in the corner; mnist scales it up and centres it.
    expect(Math.max(...inkedCells(grid))).to.be.lessThan(cell(7, 0));
    expect(mnist[cell(14, 14)]).to.be.greaterThan(0);
    expect(inkedCells(mnist).length).to.be.greaterThan(inkedCells(grid).length);
  });

  it('vector reads the strokes: the same digit at another size and pen width gives the same grid, unlike mnist', async () => {
    const small = await element(html`<digit-canvas stroke-width="6"></digit-canvas>`);
    const large = await element(html`<digit-canvas stroke-width="28"></digit-canvas>`);
    draw(small, ZIGZAG.map(([x, y]) => [x / 3 + 20, y / 3 + 150] as const));
    draw(large, ZIGZAG);
    expect(small.preprocess).to.equal('vector');
    const a = small.getGrid();
    const b = large.getGrid();
    a.forEach((value, i) => expect(value, `cell ${i}`).to.be.closeTo(b[i]!, 0.01)); // pointer positions are rounded
    small.preprocess = 'mnist';
    large.preprocess = 'mnist';
    await Promise.all([small.updateComplete, large.updateComplete]);
    expect(Array.from(small.getGrid())).to.not.deep.equal(Array.from(large.getGrid()));
  });

  it('falls back to vector with a warning for an unknown mode', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      const el = await element(html`<digit-canvas preprocess="sharpen"></digit-canvas>`);
      draw(el, ZIGZAG);
      const fallback = el.getGrid();
      el.preprocess = 'vector';
      await el.updateComplete;
      expect(Array.from(fallback)).to.deep.equal(Array.from(el.getGrid()));
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('unknown preprocess "sharpen"');
    } finally {
      console.warn = warn;
    }
  });
});
