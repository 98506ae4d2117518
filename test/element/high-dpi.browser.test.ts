/// <reference types="mocha" />
// A screen with devicePixelRatio 2, emulated for this file's page: the backing store doubles, and
// input and grid stay exactly where they are at ratio 1.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/element/digit-canvas-define.ts';
import type { DigitCanvas } from '../../src/element/digit-canvas.ts';
import { cell, draw, inkedCells, nextFrame, surfaceOf, visibleAlpha } from './pointer-helpers.ts';

describe('<digit-canvas> at devicePixelRatio 2', () => {
  const own = Object.getOwnPropertyDescriptor(window, 'devicePixelRatio');
  before(() => Object.defineProperty(window, 'devicePixelRatio', { configurable: true, get: () => 2 }));
  after(() => {
    if (own) Object.defineProperty(window, 'devicePixelRatio', own);
    else delete (window as { devicePixelRatio?: number }).devicePixelRatio;
  });

  async function element(style = ''): Promise<DigitCanvas> {
    const el = await fixture<DigitCanvas>(html`<digit-canvas preprocess="grid" style=${style}></digit-canvas>`);
    await nextFrame();
    return el;
  }

  it('backs the 308px canvas with 616×616 pixels', async () => {
    const canvas = surfaceOf(await element());
    expect(canvas.getBoundingClientRect().width).to.equal(308);
    expect([canvas.width, canvas.height]).to.deep.equal([616, 616]);
  });

  it('lands a dot at (154, 154) in the centre cells and the centre pixels', async () => {
    const el = await element();
    draw(el, [[154, 154]]);
    expect(el.strokes[0]!.points[0]).to.include({ x: 154, y: 154 });
    expect(inkedCells(el.getGrid())).to.have.members([cell(13, 13), cell(13, 14), cell(14, 13), cell(14, 14)]);
    // On the visible canvas the 16px dot covers backing pixels 308 ± 16, not 154 ± 8.
    const context = surfaceOf(el).getContext('2d')!;
    expect(context.getImageData(308, 308, 1, 1).data[3]).to.equal(255);
    expect(context.getImageData(308 + 12, 308, 1, 1).data[3]).to.be.greaterThan(0);
    expect(context.getImageData(308 + 20, 308, 1, 1).data[3]).to.equal(0);
    expect(visibleAlpha(el, [154, 154])).to.equal(255);
  });

  it('gives the same grid as at ratio 1 for the same strokes', async () => {
    const el = await element();
    draw(el, [[80, 60], [220, 70], [150, 160], [90, 250]]);
    const atTwo = Array.from(el.getGrid());
    Object.defineProperty(window, 'devicePixelRatio', { configurable: true, get: () => 1 });
    try {
      const plain = await element();
      plain.strokes = el.strokes;
      expect(surfaceOf(plain).width).to.equal(308);
      expect(Array.from(plain.getGrid())).to.deep.equal(atTwo);
    } finally {
      Object.defineProperty(window, 'devicePixelRatio', { configurable: true, get: () => 2 });
    }
  });

  it('keeps a CSS-resized element aligned: 154px wide, 308 backing pixels', async () => {
    const el = await element('width: 154px');
    const canvas = surfaceOf(el);
    expect([canvas.width, canvas.height]).to.deep.equal([308, 308]);
    draw(el, [[154, 154]]);
    expect(inkedCells(el.getGrid())).to.have.members([cell(13, 13), cell(13, 14), cell(14, 13), cell(14, 14)]);
    expect(canvas.getContext('2d')!.getImageData(154, 154, 1, 1).data[3]).to.equal(255);
  });
});
