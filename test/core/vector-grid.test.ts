import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { vectorGrid, VECTOR_PEN_WIDTH, type VectorStroke } from '../../src/core/vector-grid.ts';
import { GRID_CELLS, GRID_SIZE, MNIST_BOX } from '../../src/core/preprocess.ts';
import { parseStrokes } from '../../src/core/strokes.ts';

/** A "7" as drawn on the 308×308 canvas: top bar, then the diagonal, then a short cross bar. */
const SEVEN = [
  { points: [{ x: 90, y: 70 }, { x: 150, y: 68 }, { x: 215, y: 72 }, { x: 190, y: 140 }, { x: 160, y: 210 }, { x: 140, y: 250 }] },
  { points: [{ x: 140, y: 160 }, { x: 200, y: 160 }] },
];

function transform(strokes: readonly VectorStroke[], scale: number, dx: number, dy: number): VectorStroke[] {
  return strokes.map((stroke) => ({ points: stroke.points.map(({ x, y }) => ({ x: x * scale + dx, y: y * scale + dy })) }));
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** Bounding box (inclusive cell indices) of the cells with any ink. */
function inkBox(grid: Float32Array) {
  let left = GRID_SIZE, right = -1, top = GRID_SIZE, bottom = -1;
  for (let y = 0; y < GRID_SIZE; y++) {
    for (let x = 0; x < GRID_SIZE; x++) {
      if (grid[y * GRID_SIZE + x]! > 0) {
        left = Math.min(left, x); right = Math.max(right, x);
        top = Math.min(top, y); bottom = Math.max(bottom, y);
      }
    }
  }
  return { width: right - left + 1, height: bottom - top + 1 };
}

function centreOfMass(grid: Float32Array) {
  let mass = 0, sx = 0, sy = 0;
  for (let y = 0; y < GRID_SIZE; y++) {
    for (let x = 0; x < GRID_SIZE; x++) {
      const v = grid[y * GRID_SIZE + x]!;
      mass += v; sx += v * (x + 0.5); sy += v * (y + 0.5);
    }
  }
  return { mass, x: sx / mass, y: sy / mass };
}

test('no strokes, or strokes without points, give an all-zero grid of 784 cells', () => {
  for (const strokes of [[], [{ points: [] }]]) {
    const grid = vectorGrid(strokes);
    assert.equal(grid.length, GRID_CELLS);
    assert.ok(grid.every((v) => v === 0));
  }
});

test('the same digit drawn at other sizes and places gives the same grid', () => {
  const reference = vectorGrid(SEVEN);
  for (const [scale, dx, dy] of [[0.3, 10, 200], [1.7, -100, -60], [0.5, 150, 0], [1, 37.5, -12.25]] as const) {
    assert.ok(maxDifference(vectorGrid(transform(SEVEN, scale, dx, dy)), reference) < 1e-4, `scale ${scale} at (${dx}, ${dy})`);
  }
});

test('the width the strokes were drawn with does not change the grid', () => {
  const thin = parseStrokes(SEVEN.map((stroke) => ({ width: 4, points: stroke.points })));
  const thick = parseStrokes(SEVEN.map((stroke) => ({ width: 40, points: stroke.points })));
  assert.deepEqual(vectorGrid(thin), vectorGrid(thick));
  assert.deepEqual(vectorGrid(thin), vectorGrid(SEVEN));
});

test('the ink fits the 20×20 box on its longest side, aspect kept, and its mass is centred', () => {
  const grid = vectorGrid(SEVEN);
  const box = inkBox(grid);
  assert.ok(Math.max(box.width, box.height) <= MNIST_BOX && Math.max(box.width, box.height) >= MNIST_BOX - 1, JSON.stringify(box));
  const bar = inkBox(vectorGrid([{ points: [{ x: 10, y: 50 }, { x: 300, y: 50 }] }]));
  assert.ok(bar.width >= MNIST_BOX - 1 && bar.height <= Math.ceil(VECTOR_PEN_WIDTH) + 1, JSON.stringify(bar));
  const { x, y } = centreOfMass(grid);
  assert.ok(Math.abs(x - GRID_SIZE / 2) <= 0.5 && Math.abs(y - GRID_SIZE / 2) <= 0.5, `centre of mass (${x}, ${y})`);
});

test('the pen lays down MNIST-like ink: about its width per cell of stroke length, full ink on the centre line', () => {
  const grid = vectorGrid([{ points: [{ x: 0, y: 0 }, { x: 0, y: 300 }] }]);
  const length = MNIST_BOX - VECTOR_PEN_WIDTH;
  const { mass } = centreOfMass(grid);
  // The two round caps add a disc's worth of ink to the straight part.
  const expected = length * VECTOR_PEN_WIDTH + Math.PI * (VECTOR_PEN_WIDTH / 2) ** 2;
  assert.ok(Math.abs(mass - expected) / expected < 0.1, `mass ${mass}, expected about ${expected}`);
  assert.equal(Math.max(...grid), 1);
});

test('a single-point stroke renders as a dot, alone or beside other strokes', () => {
  const dot = vectorGrid([{ points: [{ x: 120, y: 80 }] }]);
  const inked = dot.filter((v) => v > 0).length;
  assert.ok(inked >= 4 && inked <= 16, `a dot covers a few cells, got ${inked}`);
  const { x, y } = centreOfMass(dot);
  assert.ok(Math.abs(x - 14) <= 0.5 && Math.abs(y - 14) <= 0.5);

  const withDot = vectorGrid([{ points: [{ x: 100, y: 50 }, { x: 100, y: 250 }] }, { points: [{ x: 200, y: 250 }] }]);
  const withoutDot = vectorGrid([{ points: [{ x: 100, y: 50 }, { x: 100, y: 250 }] }]);
  const dotMass = centreOfMass(withDot).mass - centreOfMass(withoutDot).mass;
  assert.ok(dotMass > 2, `the dot adds ink (${dotMass})`);
});

test('rejects non-finite points and impossible pen widths with a clear error', () => {
  assert.throws(() => vectorGrid([{ points: [{ x: Number.NaN, y: 1 }] }]), /finite/);
  assert.throws(() => vectorGrid(SEVEN, { penWidth: 0 }), /penWidth/);
});

test('property: any drawing gives 784 values in 0..1, unchanged by moving and resizing it', () => {
  // Pointer coordinates: whole or fractional pixels (quarter pixels here), never float dust.
  const coordinate = fc.integer({ min: 0, max: 308 * 4 }).map((n) => n / 4);
  const point = fc.record({ x: coordinate, y: coordinate });
  const strokes = fc.array(fc.record({ points: fc.array(point, { minLength: 1, maxLength: 12 }) }), { minLength: 1, maxLength: 4 });
  fc.assert(
    fc.property(strokes, fc.double({ min: 0.25, max: 4, noNaN: true }), fc.double({ min: -500, max: 500, noNaN: true }), (drawing, scale, shift) => {
      const grid = vectorGrid(drawing);
      assert.equal(grid.length, GRID_CELLS);
      assert.ok(grid.every((v) => v >= 0 && v <= 1));
      assert.ok(grid.some((v) => v > 0));
      assert.ok(maxDifference(vectorGrid(transform(drawing, scale, shift, -shift)), grid) < 1e-3);
    }),
    { numRuns: 300 },
  );
});
