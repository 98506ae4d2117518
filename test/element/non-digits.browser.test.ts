/// <reference types="mocha" />
// Issue 12 with the bundled model: what is not a digit, drawn with real pointer input, never
// comes back as a confident digit, and every digit drawn clearly still does. These need a model
// with the not-a-digit class (11 outputs); a 10-output model reads scribbles as digits.
import { expect } from '@open-wc/testing';
import type { DigitCanvas } from '../../src/element/digit-canvas.ts';
import { drawDigit, element } from './element-test-helpers.ts';
import { MARKS, sampled, zigzag } from '../fixtures/non-digit-marks.ts';
import { draw } from './pointer-helpers.ts';

async function judged(drawOn: (el: DigitCanvas) => void) {
  const el = await element();
  drawOn(el);
  const prediction = await el.predict();
  return { el, prediction };
}

describe('<digit-canvas> refuses what is not a digit (needs the 11-output model)', () => {
  for (const seed of [1, 2, 3]) {
    it(`a scribble (zigzag ${seed}) is not a confident digit`, async () => {
      const { prediction } = await judged((el) => draw(el, zigzag(seed)));
      expect(prediction.confident, `read ${prediction.digit} at ${prediction.confidence.toFixed(3)}, notDigit ${prediction.notDigit.toFixed(3)}`).to.equal(false);
    });
  }

  for (const [name, strokes] of Object.entries(MARKS)) {
    it(`a "${name}" is not a confident digit`, async () => {
      const { el, prediction } = await judged((el) => {
        for (const stroke of strokes) draw(el, sampled(stroke));
      });
      expect(prediction.confident, `read ${prediction.digit} at ${prediction.confidence.toFixed(3)}, notDigit ${prediction.notDigit.toFixed(3)}`).to.equal(false);
      expect(el.value, 'fills no form field').to.equal('');
    });
  }

  for (let digit = 0; digit <= 9; digit++) {
    it(`a clearly drawn ${digit} still reads confidently`, async () => {
      const { el, prediction } = await judged((el) => drawDigit(el, digit, { cx: 154, cy: 154, size: 200, width: 16 }));
      expect([prediction.digit, prediction.verdict, prediction.confident]).to.deep.equal([digit, 'digit', true]);
      expect(el.value).to.equal(String(digit));
    });
  }
});
