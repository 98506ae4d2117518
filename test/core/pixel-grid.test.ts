import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maxPoolGrid, mnistGrid, reduceToGrid } from '../../src/core/pixel-grid.ts';
import { GRID_CELLS, GRID_SIZE, isBlankGrid } from '../../src/core/preprocess.ts';

const SIDE = 308;

/** A bare alpha plane with an opaque rectangle [x, x+w) × [y, y+h). */
function rectangle(x: number, y: number, w: number, h: number, alpha = 255) {
  const data = new Uint8ClampedArray(SIDE * SIDE);
  for (let row = y; row < y + h; row++) data.fill(alpha, row * SIDE + x, row * SIDE + x + w);
  return { data, width: SIDE, height: SIDE, channels: 1 as const };
}

/** Bounding box of the non-zero cells of a grid. */
function gridBounds(grid: Float32Array) {
  let left = GRID_SIZE, right = -1, top = GRID_SIZE, bottom = -1;
  grid.forEach((value, i) => {
    if (value <= 0) return;
    const x = i % GRID_SIZE, y = Math.floor(i / GRID_SIZE);
    left = Math.min(left, x); right = Math.max(right, x);
    top = Math.min(top, y); bottom = Math.max(bottom, y);
  });
  return { left, right, top, bottom, width: right - left + 1, height: bottom - top + 1 };
}

function centreOfMass(grid: Float32Array) {
  let mass = 0, x = 0, y = 0;
  grid.forEach((value, i) => {
    mass += value;
    x += value * ((i % GRID_SIZE) + 0.5);
    y += value * (Math.floor(i / GRID_SIZE) + 0.5);
  });
  return { x: x / mass, y: y / mass };
}

test('grid mode: each cell is the max alpha of its 11×11 block / 255 (hand-computed cells)', () => {
  const image = { data: new Uint8ClampedArray(SIDE * SIDE), width: SIDE, height: SIDE, channels: 1 as const };
  image.data[0] = 255; // cell (0,0)
  image.data[10 * SIDE + 10] = 51; // still cell (0,0), smaller: max stays 255
  image.data[11 * SIDE + 11] = 102; // first pixel of cell (1,1)
  image.data[307 * SIDE + 307] = 204; // last pixel of cell (27,27)
  image.data[5 * SIDE + 22] = 128; // cell (row 0, col 2)
  const grid = maxPoolGrid(image);
  assert.equal(grid.length, GRID_CELLS);
  assert.equal(grid[0], 1);
  assert.ok(Math.abs(grid[1 * GRID_SIZE + 1]! - 0.4) < 1e-6);
  assert.ok(Math.abs(grid[27 * GRID_SIZE + 27]! - 0.8) < 1e-6);
  assert.ok(Math.abs(grid[2]! - 128 / 255) < 1e-6);
  assert.equal(grid.filter((v) => v > 0).length, 4);
});

test('grid mode reads alpha only from RGBA ImageData', () => {
  const rgba = new Uint8ClampedArray(SIDE * SIDE * 4);
  // Opaque black ink at cell (3,4); bright colour with zero alpha elsewhere must not count.
  rgba.fill(255, 0, 4 * 100);
  for (let i = 0; i < 100; i++) rgba[i * 4 + 3] = 0;
  rgba[(33 * SIDE + 44) * 4 + 3] = 255;
  const grid = maxPoolGrid({ data: rgba, width: SIDE, height: SIDE });
  assert.equal(grid[3 * GRID_SIZE + 4], 1);
  assert.equal(grid.filter((v) => v > 0).length, 1);
});

test('mnist mode: a square drawn in a corner comes out centred in a 20×20 box', () => {
  const grid = mnistGrid(rectangle(0, 0, 60, 60));
  const bounds = gridBounds(grid);
  assert.equal(bounds.width, 20);
  assert.equal(bounds.height, 20);
  assert.equal(bounds.left, 4);
  assert.equal(bounds.top, 4);
  const centre = centreOfMass(grid);
  assert.ok(Math.abs(centre.x - 14) <= 0.5 && Math.abs(centre.y - 14) <= 0.5, JSON.stringify(centre));
});

test('mnist mode: the same shape drawn at two places gives the same grid', () => {
  const shape = (dx: number, dy: number) => {
    const image = rectangle(dx, dy, 30, 120);
    // An L: add a foot so the shape has an off-centre mass.
    for (let row = dy + 100; row < dy + 120; row++) image.data.fill(255, row * SIDE + dx, row * SIDE + dx + 80);
    return mnistGrid(image);
  };
  assert.deepEqual(shape(10, 20), shape(200, 170));
});

test('mnist mode: a tall thin bar stays tall and thin', () => {
  const bounds = gridBounds(mnistGrid(rectangle(150, 20, 16, 260)));
  assert.equal(bounds.height, 20);
  assert.ok(bounds.width <= 3, `width ${bounds.width}`);
});

test('mnist mode keeps values in 0..1 and thin strokes grey, not lost', () => {
  // Two 3 px bars 300 px apart: each output cell covers 15 px, so a bar becomes a 0.2 grey column.
  const image = rectangle(0, 0, 3, 300);
  for (let row = 0; row < 300; row++) image.data.fill(255, row * SIDE + 297, row * SIDE + 300);
  const grid = mnistGrid(image);
  assert.ok(grid.every((v) => v >= 0 && v <= 1));
  const greys = grid.filter((v) => v > 0);
  assert.equal(greys.length, 40);
  assert.ok(greys.every((v) => Math.abs(v - 0.2) < 1e-6), 'area averaging keeps thin strokes as grey');
});

test('mnist mode: a 1 px dot and a canvas-filling drawing give centred, bounded grids', () => {
  const dot = mnistGrid(rectangle(200, 7, 1, 1));
  assert.ok(!isBlankGrid(dot));
  assert.ok(dot.every((v) => v >= 0 && v <= 1));
  const dotCentre = centreOfMass(dot);
  assert.ok(Math.abs(dotCentre.x - 14) <= 0.5 && Math.abs(dotCentre.y - 14) <= 0.5);

  const full = mnistGrid(rectangle(0, 0, SIDE, SIDE));
  const bounds = gridBounds(full);
  assert.deepEqual([bounds.left, bounds.top, bounds.width, bounds.height], [4, 4, 20, 20]);
  assert.ok(full.every((v) => Math.abs(v - (v > 0 ? 1 : 0)) < 1e-6));
});

test('mnist mode ignores faint alpha below the ink threshold when cropping', () => {
  const image = rectangle(100, 100, 40, 40);
  image.data[0] = 10; // a faint speck in the corner must not stretch the bounding box
  const withSpeck = mnistGrid(image);
  assert.deepEqual(gridBounds(withSpeck), gridBounds(mnistGrid(rectangle(100, 100, 40, 40))));
});

test('an empty canvas gives an all-zero grid in both modes', () => {
  const empty = rectangle(0, 0, 0, 0);
  for (const mode of ['grid', 'mnist'] as const) {
    const grid = reduceToGrid(empty, mode);
    assert.equal(grid.length, GRID_CELLS);
    assert.ok(isBlankGrid(grid));
  }
});

test('bad images are refused with a clear message', () => {
  assert.throws(() => mnistGrid({ data: new Uint8Array(10), width: 10, height: 1, channels: 1 }), /at least 28×28/);
  assert.throws(() => maxPoolGrid({ data: new Uint8Array(100), width: SIDE, height: SIDE }), /holds 100 values/);
});
