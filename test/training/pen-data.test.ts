import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { isValidationWriter, NON_DIGIT_LETTERS, PenDataError, splitByWriter } from '../../src/training/pen-data.ts';
import { loadPenDigits, loadPenLetters } from '../../src/training/pen-files.ts';

const digits = loadPenDigits();
const letters = loadPenLetters();

test('the committed UNIPEN files hold every digit and letter sample with strokes', () => {
  assert.equal(digits.length, 7444);
  assert.equal(letters.length, 9204);
  assert.deepEqual([...new Set(digits.map((s) => s.label))].sort(), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  assert.equal(new Set(letters.map((s) => s.label)).size, 52);
});

test('the split holds out about a fifth of the writers and never splits a writer', () => {
  const { train, validation } = splitByWriter(digits);
  const trainWriters = new Set(train.map((s) => s.writerId));
  const validationWriters = new Set(validation.map((s) => s.writerId));
  assert.equal([...validationWriters].filter((w) => trainWriters.has(w)).length, 0);
  const share = validationWriters.size / (trainWriters.size + validationWriters.size);
  assert.ok(share > 0.12 && share < 0.28, `validation writers are ${(share * 100).toFixed(1)}%`);
  // Digits and letters share the rule, so a person who wrote both is held out of both or neither.
  const letterSplit = splitByWriter(letters);
  assert.ok(letterSplit.validation.length > 0);
  assert.ok(letterSplit.validation.every((s) => !trainWriters.has(s.writerId)));
  assert.ok(letterSplit.train.every((s) => !validationWriters.has(s.writerId)));
  assert.ok(validation.every((s) => isValidationWriter(s.writerId)));
});

test('no letter that can be drawn as a digit teaches "not a digit"', () => {
  for (const lookalike of 'OoDQIlijJZzSsbGBgqaTtYy') assert.ok(!NON_DIGIT_LETTERS.has(lookalike), lookalike);
  assert.ok(NON_DIGIT_LETTERS.size >= 10);
});

test('a missing or malformed data file fails with the file named', () => {
  const dir = `${mkdtempSync(join(tmpdir(), 'pen-data-'))}/`;
  assert.throws(() => loadPenDigits(dir), (e: unknown) => e instanceof PenDataError && e.message.includes('digits.json.gz'));
  writeFileSync(join(dir, 'digits.json.gz'), gzipSync('[{"id":"a","writer_id":"w","digit":1,"strokes":[[[0,"x"]]]}]'));
  assert.throws(() => loadPenDigits(dir), /sample 0 lacks/);
  writeFileSync(join(dir, 'letters.json.gz'), gzipSync('{"not":"an array"}'));
  assert.throws(() => loadPenLetters(dir), /not a JSON array/);
});
