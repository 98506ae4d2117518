import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GRID_CELLS, GRID_SIZE, centreByMass, BLANK_CELL, isBlankGrid } from '../../src/core/preprocess.ts';

test('centreByMass refuses a box larger than the grid', () => {
  assert.throws(() => centreByMass(new Float32Array(30 * 30), 30, 30), RangeError);
});

test('centreByMass keeps a box inside the grid even when its mass is at one edge', () => {
  const box = new Float32Array(20 * 20);
  box[0] = 1; // all the mass in the top-left cell
  const grid = centreByMass(box, 20, 20);
  assert.equal(grid.reduce((a, b) => a + b, 0), 1);
  assert.equal(grid[8 * GRID_SIZE + 8], 1); // shifted as far as the box allows
});

test('a grid is blank when no cell holds more than faint haze (BLANK_CELL, 0.05)', () => {
  const grid = new Float32Array(GRID_CELLS);
  assert.ok(isBlankGrid(grid));
  grid.fill(BLANK_CELL);
  assert.ok(isBlankGrid(grid), 'faint haze everywhere is still nothing to read');
  grid[400] = 0.06;
  assert.ok(!isBlankGrid(grid), 'one cell of real ink is not blank');
});
