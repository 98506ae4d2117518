import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inkExtent, isTooSmallToRead, MIN_INK_EXTENT } from '../../src/core/drawing-size.ts';
import { drawnDigit } from '../fixtures/drawn-digits.ts';

const stroke = (...points: [number, number][]) => ({ points: points.map(([x, y]) => ({ x, y })) });

describe('the too-small rule', () => {
  it('a tap is too small: one point, or a few points within a couple of pixels', () => {
    assert.equal(isTooSmallToRead([stroke([150, 150])]), true);
    assert.equal(isTooSmallToRead([stroke([150, 150], [151.5, 149], [152, 151], [150.5, 152])]), true);
    assert.equal(inkExtent([stroke([150, 150], [151.5, 149], [152, 151], [150.5, 152])]), 3);
  });

  it('measures the larger side of all strokes together, so a narrow 1 or a few dots spread out count', () => {
    assert.equal(inkExtent([stroke([150, 100], [152, 200])]), 100);
    assert.equal(isTooSmallToRead([stroke([150, 100], [152, 200])]), false);
    assert.equal(isTooSmallToRead([stroke([100, 100]), stroke([100 + MIN_INK_EXTENT, 100])]), false, 'two taps far apart are not one small mark');
    assert.equal(isTooSmallToRead([stroke([100, 100]), stroke([100 + MIN_INK_EXTENT - 0.5, 100])]), true);
  });

  it('the threshold is about 5% of the 308 px canvas, and is itself readable', () => {
    assert.ok(MIN_INK_EXTENT >= 0.04 * 308 && MIN_INK_EXTENT <= 0.06 * 308);
    assert.equal(isTooSmallToRead([stroke([10, 10], [10 + MIN_INK_EXTENT, 10])]), false);
    assert.equal(isTooSmallToRead([stroke([10, 10], [10 + MIN_INK_EXTENT - 0.01, 10])]), true);
  });

  it('reads what lies on the canvas: a long stroke mostly dragged off it is as small as what shows', () => {
    // From (300, 150) to (600, 150): only 8 px of it are on the 308 px canvas.
    assert.equal(inkExtent([stroke([300, 150], [600, 150])]), 8);
    assert.equal(isTooSmallToRead([stroke([300, 150], [600, 150])]), true);
  });

  it('an empty canvas, or ink only off it, is not "too small" (it has its own error)', () => {
    assert.equal(isTooSmallToRead([]), false);
    assert.equal(inkExtent([]), undefined);
    assert.equal(isTooSmallToRead([stroke([-50, -50], [-10, -40])]), false);
  });

  it('never refuses a drawn digit, even the smallest fixture size with any pen', () => {
    for (let digit = 0; digit <= 9; digit++) {
      for (const width of [8, 28]) {
        assert.equal(isTooSmallToRead(drawnDigit(digit, { cx: 154, cy: 154, size: 90, width })), false, `digit ${digit}`);
      }
    }
  });
});
