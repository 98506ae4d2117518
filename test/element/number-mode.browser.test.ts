/// <reference types="mocha" />
import { expect, fixture, html } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import type { DigitCanvas } from '../../src/element/digit-canvas.ts';
import type { PredictionEventDetail } from '../../src/element/events.ts';
import { drawnDigit, type Placement } from '../fixtures/drawn-digits.ts';
import { zigzag } from '../fixtures/non-digit-marks.ts';
import { drawStrokes, element, part, rejection, testEndpoint } from './element-test-helpers.ts';
import { draw, nextFrame, pointer, surfaceOf, visibleAlpha } from './pointer-helpers.ts';

/** Digits drawn with the pointer left to right, `size` tall, centred `step` apart from `left`. */
function writeNumber(el: DigitCanvas, digits: string, { left = 90, step = 150, size = 200 }: { left?: number; step?: number; size?: number } = {}): Placement[] {
  return [...digits].map((digit, i) => {
    const placement = { cx: left + i * step, cy: 154, size, width: 16 };
    drawStrokes(el, drawnDigit(Number(digit), placement));
    return placement;
  });
}

function predictions(el: DigitCanvas): PredictionEventDetail[] {
  const seen: PredictionEventDetail[] = [];
  el.addEventListener('prediction', (event) => seen.push((event as CustomEvent<PredictionEventDetail>).detail));
  return seen;
}

describe('<digit-canvas digits>: number mode', () => {
  it('digits="1" (the default) keeps the 308×308 surface; the prediction gains value and one digit with its box', async () => {
    const el = await element();
    expect([el.digits, el.canvasWidth, el.canvasHeight]).to.deep.equal([1, 308, 308]);
    expect([surfaceOf(el).getAttribute('width'), surfaceOf(el).getAttribute('height')]).to.deep.equal(['308', '308']);
    writeNumber(el, '7', { left: 154 });
    const prediction = await el.predict();
    expect(prediction.digit).to.equal(7);
    expect(prediction.value).to.equal('7');
    expect(prediction.digits).to.have.length(1);
    const [only] = prediction.digits;
    expect(only!.digit).to.equal(7);
    expect(only!.confidence).to.equal(prediction.confidence);
    expect(only!.box!.x).to.be.within(40, 154);
    expect(only!.box!.height).to.be.closeTo(200, 8);
    expect(part(el, 'result')!.textContent).to.match(/^\s*7\s+\d+% sure/);
  });

  it('a wider surface for more digits, crisp (canvas width and height) and CSS-sized with the same aspect', async () => {
    const el = await element(html`<digit-canvas digits="4"></digit-canvas>`);
    expect([el.canvasWidth, el.canvasHeight]).to.deep.equal([770, 308]);
    const rect = surfaceOf(el).getBoundingClientRect();
    expect(rect.width / rect.height).to.be.closeTo(770 / 308, 0.02);
    expect(surfaceOf(el).getAttribute('width')).to.equal('770');
    el.digits = 6;
    await el.updateComplete;
    await nextFrame();
    expect(el.canvasWidth).to.equal(1078);
    el.setAttribute('digits', '0');
    await el.updateComplete;
    expect(el.canvasWidth, 'a digit count outside 1..16 is 1, with a warning').to.equal(308);
  });

  it('on a 360 px phone the surface fits its 340 px container and keeps the aspect, nothing outside the host', async () => {
    const box = await fixture<HTMLDivElement>(html`<div style="width: 340px"><digit-canvas digits="4"></digit-canvas></div>`);
    const el = box.querySelector('digit-canvas')!;
    await el.updateComplete;
    await nextFrame();
    const host = el.getBoundingClientRect();
    const rect = surfaceOf(el).getBoundingClientRect();
    expect(host.width).to.be.at.most(340);
    expect(rect.width).to.be.closeTo(340, 1);
    expect(rect.height).to.be.closeTo((340 * 308) / 770, 1);
    for (const child of el.shadowRoot!.querySelectorAll('*')) {
      const r = child.getBoundingClientRect();
      if (r.width > 0) expect(r.right, child.className).to.be.at.most(host.right + 0.5);
    }
  });

  it('reads a well-spaced number drawn with the pointer (a 4 and a 5 of two strokes each): value, digits, boxes, the form value', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><digit-canvas name="n" digits="4" style="width: 770px"></digit-canvas></form>`);
    const el = form.querySelector('digit-canvas')!;
    await el.updateComplete;
    await nextFrame();
    const seen = predictions(el);
    const placements = writeNumber(el, '1457');
    expect(el.strokes).to.have.length(6);
    const prediction = await el.predict();
    expect(prediction.value).to.equal('1457');
    expect(prediction.confident).to.equal(true);
    expect(prediction.verdict).to.equal('digit');
    expect(prediction.digits.map((d) => d.digit)).to.deep.equal([1, 4, 5, 7]);
    prediction.digits.forEach((digit, i) => {
      const centre = digit.box!.x + digit.box!.width / 2;
      expect(centre, `digit ${i}'s box sits where it was drawn`).to.be.closeTo(placements[i]!.cx, 40);
      expect(digit.probabilities).to.have.length(10);
      expect(digit.confident).to.equal(true);
    });
    expect(prediction.confidence).to.equal(Math.min(...prediction.digits.map((d) => d.confidence)));
    expect(seen).to.have.length(1);
    expect(el.value).to.equal('1457');
    expect(new FormData(form).get('n')).to.equal('1457');
    expect(await el.getGrids()).to.have.length(4);
    expect(el.getGrid()).to.have.length(784);
    expect(part(el, 'result')!.textContent).to.match(/1457\s+\d+% sure/);
    expect(part(el, 'digits')!.querySelectorAll('li')).to.have.length(4);
    // Laid out by number mode's stylesheet, which came with its code.
    expect(getComputedStyle(part(el, 'digits')!).display).to.equal('flex');
    expect(getComputedStyle(part(el, 'digits')!).listStyleType).to.equal('none');
    expect(part(el, 'preview')!.getAttribute('width')).to.equal(String(28 * 4));
    const preview = part(el, 'preview')!.getBoundingClientRect();
    expect(preview.width, 'four tiles side by side at the preview height').to.be.closeTo(4 * preview.height, 1);
    // Undo takes the 7 away; the form value empties until the next reading, which leaves no tensor behind.
    el.undo();
    expect(el.value).to.equal('');
    const tensors = tf.memory().numTensors;
    expect((await el.predict()).value).to.equal('145');
    expect(tf.memory().numTensors).to.equal(tensors);
  });

  it('reads digits whose boxes overlap and whose ink touches', async () => {
    const el = await element(html`<digit-canvas digits="3"></digit-canvas>`);
    writeNumber(el, '203', { left: 90, step: 118, size: 200 });
    const prediction = await el.predict();
    expect(prediction.digits).to.have.length(3);
    expect(prediction.value).to.equal('203');
  });

  it('reads two digits written with the pointer without lifting it ("00" in one stroke), while digits allows two', async () => {
    const el = await element(html`<digit-canvas digits="2"></digit-canvas>`);
    const [first] = drawnDigit(0, { cx: 110, cy: 154, size: 200, width: 16 });
    const [second] = drawnDigit(0, { cx: 300, cy: 154, size: 200, width: 16 });
    // The pen's way from the first 0's end (its top) to the second's start, sampled every 4 px.
    const way = Array.from({ length: 47 }, (_, i) => [110 + ((i + 1) * 190) / 48, 54] as const);
    draw(el, [...first!.points.map((p) => [p.x, p.y] as const), ...way, ...second!.points.map((p) => [p.x, p.y] as const)]);
    expect(el.strokes).to.have.length(1);
    const prediction = await el.predict();
    expect(prediction.digits).to.have.length(2);
    expect(prediction.value).to.equal('00');
    const [left, right] = prediction.digits.map((digit) => digit.box!);
    expect(left!.x + left!.width, 'the cut lies between the two 0s').to.be.within(170, 240);
    expect(right!.x + right!.width).to.be.closeTo(360, 2);
    expect(await el.getGrids()).to.have.length(2);
    // "11" the same way: down, up to the next, down.
    el.clear();
    const line = (from: readonly [number, number], to: readonly [number, number]) => Array.from({ length: 50 }, (_, i) => [from[0] + ((to[0] - from[0]) * i) / 49, from[1] + ((to[1] - from[1]) * i) / 49] as const);
    draw(el, [...line([130, 54], [130, 254]), ...line([136, 244], [270, 54]), ...line([270, 60], [270, 254])]);
    expect((await el.predict()).value).to.equal('11');
    // One digit allowed: the stroke stays whole.
    el.digits = 1;
    await el.updateComplete;
    expect((await el.predict()).digits).to.have.length(1);
  });

  it('through the endpoint: one request to the real handler for the whole number', async () => {
    const el = await element(html`<digit-canvas digits="3" endpoint=${testEndpoint('predict')}></digit-canvas>`);
    writeNumber(el, '147');
    const bodies: string[] = [];
    const original = window.fetch;
    // Only requests to the endpoint: an earlier test's element may still be fetching its wasm binary (backend auto moves to wasm in the background).
    window.fetch = (input, init) => (String(input instanceof Request ? input.url : input).startsWith(testEndpoint('predict')) && bodies.push(String(init?.body)), original(input, init));
    let prediction: PredictionEventDetail;
    try {
      prediction = await el.predict();
    } finally {
      window.fetch = original;
    }
    expect(bodies).to.have.length(1);
    expect((JSON.parse(bodies[0]!) as { data: number[][] }).data).to.have.length(3);
    expect(prediction.source).to.equal('remote');
    expect(prediction.value).to.equal('147');
    expect(el.value).to.equal('147');
  });

  it('more digit groups than digits allows is a clear input error, and the drawing stays', async () => {
    const el = await element(html`<digit-canvas digits="2"></digit-canvas>`);
    writeNumber(el, '147', { left: 70, step: 150, size: 180 });
    const before = el.strokes;
    const error = await rejection(el.predict());
    expect([error.stage, error.code]).to.deep.equal(['input', 'too-many-digits']);
    expect(error.message).to.equal('That reads as 3 digits; write at most 2.');
    expect(el.strokes).to.deep.equal(before);
    expect(part(el, 'result')!.textContent).to.contain('Too many digits');
    expect(el.value).to.equal('');
  });

  it('a group that is no digit makes the reading not confident and says which one', async () => {
    const el = await element(html`<digit-canvas digits="2" min-confidence="0.5"></digit-canvas>`);
    writeNumber(el, '1', { left: 80 });
    // A scribble to the right of the 1.
    draw(el, zigzag(1).map(([x, y]) => [x * 0.7 + 190, y * 0.8 + 30] as const));
    const prediction = await el.predict();
    expect(prediction.digits).to.have.length(2);
    expect(prediction.confident).to.equal(false);
    expect(prediction.digits[0]!.digit).to.equal(1);
    expect(prediction.digits[1]!.confident).to.equal(false);
    expect(el.value).to.equal('');
    expect(part(el, 'result')!.textContent).to.match(/digit 2/i);
  });

  it('typed digits are entered in order, up to digits; value can be set to a number', async () => {
    const el = await element(html`<digit-canvas digits="3"></digit-canvas>`);
    const seen = predictions(el);
    surfaceOf(el).focus();
    for (const key of ['4', '2']) surfaceOf(el).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
    expect(el.value).to.equal('42');
    expect(seen.map((p) => p.value)).to.deep.equal(['4', '42']);
    expect(seen.at(-1)!.source).to.equal('keyboard');
    el.value = '907';
    expect(el.value).to.equal('907');
    expect(() => (el.value = '1234')).to.throw(TypeError, 'value must be "" or up to 3 digits, got the string "1234"');
    expect(el.value).to.equal('907');
  });

  it('min-digits: fewer digits read leave the value empty and the control invalid, "Write the whole number."', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><digit-canvas name="year" digits="4" min-digits="4" required style="width: 770px"></digit-canvas></form>`);
    const el = form.querySelector('digit-canvas')!;
    await el.updateComplete;
    await nextFrame();
    expect(el.minDigits).to.equal(4);
    writeNumber(el, '14');
    const short = await el.predict();
    expect([short.value, short.confident]).to.deep.equal(['14', true]);
    expect(el.value).to.equal('');
    expect(new FormData(form).get('year')).to.equal(null);
    expect([el.validity.valid, el.validity.tooShort, el.validity.valueMissing]).to.deep.equal([false, true, false]);
    expect(el.validationMessage).to.equal('Write the whole number.');
    expect(form.checkValidity()).to.equal(false);
    writeNumber(el, '57', { left: 390 });
    expect((await el.predict()).value).to.equal('1457');
    expect(el.value).to.equal('1457');
    expect(el.validity.valid).to.equal(true);
    expect(new FormData(form).get('year')).to.equal('1457');
    // Not required, the same: a number of too few digits is no answer. Typed digits count up to it.
    el.required = false;
    el.minDigits = 3;
    el.clear();
    await el.updateComplete;
    expect(el.validity.valid, 'nothing written and not required').to.equal(true);
    surfaceOf(el).focus();
    for (const key of ['4', '2']) surfaceOf(el).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
    expect([el.value, el.validity.tooShort]).to.deep.equal(['', true]);
    surfaceOf(el).dispatchEvent(new KeyboardEvent('keydown', { key: '7', bubbles: true, composed: true }));
    expect([el.value, el.validity.valid]).to.deep.equal(['427', true]);
    // Never more than digits: min-digits="9" on four digits asks for four.
    el.setAttribute('min-digits', '9');
    el.clear();
    writeNumber(el, '1457');
    expect((await el.predict()).value).to.equal('1457');
    expect(el.value).to.equal('1457');
  });

  describe('digit boxes', () => {
    const boxesOf = (el: DigitCanvas) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="digit-boxes"] .digit-box')];

    it('after a prediction, each digit is outlined faintly where it was written, in --digit-canvas-digit-box, over the untouched canvas', async () => {
      const el = await element(html`<digit-canvas digits="3" style="width: 616px; --digit-canvas-digit-box: rgb(255, 0, 0)"></digit-canvas>`);
      const placements = writeNumber(el, '147');
      expect(boxesOf(el), 'none before a prediction').to.have.length(0);
      const prediction = await el.predict();
      await el.updateComplete;
      const boxes = boxesOf(el);
      expect(boxes).to.have.length(3);
      const canvas = surfaceOf(el).getBoundingClientRect();
      const scale = canvas.width / el.canvasWidth;
      boxes.forEach((box, i) => {
        const rect = box.getBoundingClientRect();
        const digit = prediction.digits[i]!.box!;
        expect(rect.left, `box ${i}'s left`).to.be.closeTo(canvas.left + (digit.x - 10) * scale, 1);
        expect(rect.width, `box ${i}'s width`).to.be.closeTo((digit.width + 20) * scale, 1);
        expect(rect.top).to.be.closeTo(canvas.top + (digit.y - 10) * scale, 1);
        expect((rect.left + rect.right) / 2 - canvas.left).to.be.closeTo(placements[i]!.cx * scale, 40 * scale);
        const style = getComputedStyle(box);
        expect([style.borderTopColor, style.borderTopStyle]).to.deep.equal(['rgb(255, 0, 0)', 'dashed']);
      });
      expect(part(el, 'digit-boxes')!.getAttribute('aria-hidden')).to.equal('true');
      // An overlay the pointer goes through: the canvas still gets it, and its pixels carry no box.
      const first = boxes[0]!.getBoundingClientRect();
      expect(el.shadowRoot!.elementFromPoint(first.left + 1, first.top + 1)).to.equal(surfaceOf(el));
      expect(visibleAlpha(el, [prediction.digits[0]!.box!.x - 10, prediction.digits[0]!.box!.y - 10])).to.equal(0);
    });

    it('go with new ink, undo and clear, come back with the next prediction; none for one digit or typed digits', async () => {
      const el = await element(html`<digit-canvas digits="3"></digit-canvas>`);
      writeNumber(el, '14');
      await el.predict();
      await el.updateComplete;
      expect(boxesOf(el)).to.have.length(2);
      // New ink: gone as soon as the pen goes down.
      pointer(el, 'pointerdown', [390, 60]);
      await el.updateComplete;
      expect(boxesOf(el)).to.have.length(0);
      for (const at of [[390, 160], [390, 260]] as const) pointer(el, 'pointermove', at);
      pointer(el, 'pointerup', [390, 260]);
      await el.predict();
      await el.updateComplete;
      expect(boxesOf(el)).to.have.length(3);
      el.undo();
      await el.updateComplete;
      expect(boxesOf(el)).to.have.length(0);
      await el.predict();
      await el.updateComplete;
      expect(boxesOf(el)).to.have.length(2);
      el.clear();
      await el.updateComplete;
      expect(part(el, 'digit-boxes')).to.equal(null);
      // Typed digits have no boxes.
      surfaceOf(el).focus();
      surfaceOf(el).dispatchEvent(new KeyboardEvent('keydown', { key: '4', bubbles: true, composed: true }));
      await el.updateComplete;
      expect(boxesOf(el)).to.have.length(0);
      // One digit (not number mode): no boxes.
      const single = await element();
      writeNumber(single, '7', { left: 154 });
      await single.predict();
      await single.updateComplete;
      expect(boxesOf(single)).to.have.length(0);
    });
  });
});
