import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StrokeHistory } from '../../src/element/stroke-history.ts';
import type { Stroke } from '../../src/core/strokes.ts';

const dot = (x: number): Stroke => ({ width: 16, points: [{ x, y: x, t: 0, pressure: 0.5 }] });
const xs = (history: StrokeHistory) => history.strokes.map((stroke) => stroke.points[0]!.x);

test('undo removes the last stroke and redo brings it back, in order', () => {
  const history = new StrokeHistory();
  history.push(dot(1));
  history.push(dot(2));
  history.push(dot(3));
  assert.ok(history.undo());
  assert.ok(history.undo());
  assert.deepEqual(xs(history), [1]);
  assert.ok(history.redo());
  assert.deepEqual(xs(history), [1, 2]);
  assert.ok(history.redo());
  assert.deepEqual(xs(history), [1, 2, 3]);
  assert.equal(history.redo(), false);
});

test('undo on an empty drawing does nothing and reports it', () => {
  const history = new StrokeHistory();
  const version = history.version;
  assert.equal(history.undo(), false);
  assert.equal(history.canUndo, false);
  assert.equal(history.version, version);
});

test('a new stroke after undo drops the redo stack', () => {
  const history = new StrokeHistory();
  history.push(dot(1));
  history.push(dot(2));
  history.undo();
  assert.ok(history.canRedo);
  history.push(dot(5));
  assert.equal(history.canRedo, false);
  assert.deepEqual(xs(history), [1, 5]);
});

test('clear and replace empty the redo stack; every change bumps the version', () => {
  const history = new StrokeHistory();
  const versions = [history.version];
  history.push(dot(1));
  versions.push(history.version);
  history.undo();
  versions.push(history.version);
  history.replace([dot(7), dot(8)]);
  versions.push(history.version);
  assert.equal(history.canRedo, false);
  assert.deepEqual(xs(history), [7, 8]);
  history.undo();
  assert.ok(history.clear());
  versions.push(history.version);
  assert.equal(history.length, 0);
  assert.equal(history.canRedo, false);
  assert.equal(history.clear(), false);
  assert.equal(new Set(versions).size, versions.length);
});

test('the history keeps its own copies of pushed and replaced strokes', () => {
  const history = new StrokeHistory();
  const stroke = dot(1);
  history.push(stroke);
  stroke.points[0]!.x = 100;
  const replaced = [dot(2)];
  history.replace(replaced);
  replaced[0]!.points[0]!.x = 200;
  assert.deepEqual(xs(history), [2]);
  history.undo();
  history.redo();
  assert.deepEqual(xs(history), [2]);
});
