import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choiceSetting, numberSetting, settingWarning } from '../../src/element/attribute-settings.ts';

const mode = choiceSetting('preprocess', ['vector', 'mnist', 'grid'], 'vector');
const width = numberSetting('stroke-width', 'a positive number', (value) => value > 0, 16);

test('a choice setting reads a known word and nothing else', () => {
  assert.equal(mode.read('mnist'), 'mnist');
  assert.equal(mode.read('sharpen'), undefined);
  assert.equal(mode.read(undefined), undefined);
});

test('a number setting reads numbers and numeric strings that pass its check', () => {
  assert.equal(width.read(3.5), 3.5);
  assert.equal(width.read('12'), 12);
  assert.equal(width.read(0), undefined);
  assert.equal(width.read(Number.NaN), undefined);
  assert.equal(width.read(Number.POSITIVE_INFINITY), undefined);
});

test('the warning for an unknown word names it, the value used and the known ones', () => {
  assert.equal(
    settingWarning(mode, 'sharpen', 'sharpen'),
    '<digit-canvas>: unknown preprocess "sharpen"; using "vector" (known: vector, mnist, grid)',
  );
});

test('the warning for a bad number names what the page wrote when the attribute did not parse', () => {
  assert.equal(
    settingWarning(width, Number.NaN, 'thick'),
    '<digit-canvas>: stroke-width must be a positive number, got "thick"; using 16',
  );
  // Set as a property, the value itself is what was given.
  assert.equal(settingWarning(width, -2, '5'), '<digit-canvas>: stroke-width must be a positive number, got "-2"; using 16');
});
