/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import type { Stroke } from '../../src/core/strokes.ts';
import { element } from './element-test-helpers.ts';

/** What `promise` rejects with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

const LINE: Stroke[] = [{ width: 20, points: [{ x: 100, y: 150, t: 0, pressure: 0.5 }, { x: 200, y: 150, t: 10, pressure: 0.5 }] }];

async function decode(source: Blob | string): Promise<ImageData> {
  const bitmap = await createImageBitmap(typeof source === 'string' ? await (await fetch(source)).blob() : source);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, bitmap.width, bitmap.height);
}

const pixel = (image: ImageData, x: number, y: number) => [...image.data.slice((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)];

describe('<digit-canvas> export', () => {
  it('toBlob: a 308×308 PNG of ink on transparent; with paper, on the paper colour', async () => {
    const el = await element();
    el.style.setProperty('--digit-canvas-ink', 'rgb(200, 0, 0)');
    el.style.setProperty('--digit-canvas-paper', 'rgb(0, 0, 200)');
    el.strokes = LINE;
    const blob = await el.toBlob();
    expect(blob.type).to.equal('image/png');
    const image = await decode(blob);
    expect([image.width, image.height]).to.deep.equal([308, 308]);
    expect(pixel(image, 150, 150), 'ink').to.deep.equal([200, 0, 0, 255]);
    expect(pixel(image, 20, 20), 'transparent elsewhere').to.deep.equal([0, 0, 0, 0]);
    const onPaper = await decode(await el.toBlob('image/png', { paper: true }));
    expect(pixel(onPaper, 20, 20)).to.deep.equal([0, 0, 200, 255]);
    expect(pixel(onPaper, 150, 150)).to.deep.equal([200, 0, 0, 255]);
  });

  it('toDataURL with trim: cropped to the ink and its margin; scale multiplies the pixels', async () => {
    const el = await element();
    el.strokes = LINE;
    const url = await el.toDataURL('image/png', { trim: 10 });
    expect(url.startsWith('data:image/png;base64,')).to.equal(true);
    const trimmed = await decode(url);
    // The line from x 100 to 200 with a 20 px pen: 90..210 × 140..160, and 10 px around.
    expect([trimmed.width, trimmed.height]).to.deep.equal([140, 40]);
    expect(pixel(trimmed, 70, 20)[3]).to.equal(255);
    const scaled = await decode(await el.toDataURL(undefined, { trim: true, scale: 2 }));
    expect([scaled.width, scaled.height]).to.deep.equal([2 * (120 + 32), 2 * (20 + 32)]);
    expect(await rejection(el.toDataURL(undefined, { scale: 0 }))).to.be.instanceOf(RangeError).with.property('message').that.contains('scale');
    expect(await rejection(el.toDataURL(undefined, { trim: 'yes' as unknown as boolean }))).to.be.instanceOf(TypeError).with.property('message').that.contains('trim');
    expect(el.strokes, 'a bad option loses nothing').to.deep.equal(LINE);
  });

  it('toSVG: an SVG document of the strokes in the ink colour, with paper and trim as asked, that the browser renders', async () => {
    const el = await element();
    el.style.setProperty('--digit-canvas-ink', 'rgb(0, 128, 0)');
    el.strokes = LINE;
    const svg = await el.toSVG({ trim: 0 });
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).to.equal(null);
    expect(doc.documentElement.getAttribute('viewBox')).to.equal('90 140 120 20');
    expect(doc.querySelector('path')!.getAttribute('stroke')).to.equal('rgb(0, 128, 0)');
    expect(doc.querySelector('rect')).to.equal(null);
    expect(await el.toSVG({ paper: true })).to.contain('<rect x="0" y="0" width="308" height="308" fill="rgb(255, 255, 255)"/>');
    // createImageBitmap takes no SVG; an <img> does.
    const img = new Image();
    img.src = `data:image/svg+xml,${encodeURIComponent(svg)}`;
    await img.decode();
    const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
    const context = canvas.getContext('2d')!;
    context.drawImage(img, 0, 0);
    expect([canvas.width, canvas.height]).to.deep.equal([120, 20]);
    expect([...context.getImageData(60, 10, 1, 1).data]).to.deep.equal([0, 128, 0, 255]);
  });
});
