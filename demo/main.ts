// Demo page: the element, a live 28×28 preview of getGrid(), a preprocess switch, and the
// drawing's strokes as editable JSON.
import '../src/index.ts';
import { GRID_SIZE } from '../src/index.ts';

const pad = document.querySelector('digit-canvas')!;
const preview = document.querySelector<HTMLCanvasElement>('#preview')!;
const summary = document.querySelector<HTMLElement>('#summary')!;
const json = document.querySelector<HTMLTextAreaElement>('#json')!;
const jsonError = document.querySelector<HTMLElement>('#json-error')!;
const width = document.querySelector<HTMLInputElement>('#width')!;
const widthValue = document.querySelector<HTMLOutputElement>('#width-value')!;
const context = preview.getContext('2d')!;

/** Paints the grid as MNIST shows it: white ink on black, one canvas pixel per cell. */
function showGrid(): void {
  const grid = pad.getGrid();
  const image = context.createImageData(GRID_SIZE, GRID_SIZE);
  let inked = 0;
  grid.forEach((value, i) => {
    const level = Math.round(value * 255);
    image.data.set([level, level, level, 255], i * 4);
    if (value > 0) inked++;
  });
  context.putImageData(image, 0, 0);
  summary.textContent = `${pad.strokes.length} strokes, ${inked} of 784 cells inked (${pad.preprocess})`;
  json.value = JSON.stringify(pad.strokes);
}

pad.addEventListener('strokes-change', showGrid);

for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="mode"]')) {
  radio.addEventListener('change', () => {
    pad.preprocess = radio.value;
    showGrid();
  });
}

width.addEventListener('input', () => {
  pad.strokeWidth = Number(width.value);
  widthValue.value = width.value;
});

document.querySelector('#load')!.addEventListener('click', () => {
  try {
    pad.strokes = json.value;
    jsonError.textContent = '';
  } catch (error) {
    jsonError.textContent = (error as Error).message;
  }
});

showGrid();
