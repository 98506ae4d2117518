// Demo page: the element with its built-in result UI, a switch between local and endpoint
// classification (the local API from `npm run api`), auto-predict, number mode (digits), backend
// and preprocess pickers, a live preview of the grid, and the drawing as editable JSON.
import '../src/index.ts';
import { GRID_SIZE, PREPROCESS_MODES } from '../src/index.ts';

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;
const pad = $<HTMLElementTagNameMap['digit-canvas']>('digit-canvas');
const preview = $<HTMLCanvasElement>('#preview');
const summary = $<HTMLElement>('#summary');
const last = $<HTMLElement>('#last');
const endpointSettings = $<HTMLElement>('#endpoint-settings');
const endpointUrl = $<HTMLInputElement>('#endpoint-url');
const endpointStatus = $<HTMLElement>('#endpoint-status');
const fallback = $<HTMLInputElement>('#fallback');
const backend = $<HTMLSelectElement>('#backend');
const json = $<HTMLTextAreaElement>('#json');
const jsonError = $<HTMLElement>('#json-error');
const width = $<HTMLInputElement>('#width');
const widthValue = $<HTMLOutputElement>('#width-value');
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
  const count = pad.strokes.length;
  summary.textContent = `${count} ${count === 1 ? 'stroke' : 'strokes'}, ${inked} of 784 cells inked (preprocess="${pad.preprocess}")`;
  json.value = JSON.stringify(pad.strokes);
}

pad.addEventListener('strokes-change', showGrid);

pad.addEventListener('prediction', ({ detail }) => {
  const where = detail.source === 'local' ? `locally on ${detail.backend}` : 'by the endpoint';
  const fellBack = detail.fallback ? ` (the endpoint failed: ${detail.fallback.reason})` : '';
  const percent = (p: number) => `${(p * 100).toFixed(1)}%`;
  const read =
    detail.digits.length > 1
      ? `"${detail.value}" (${detail.digits.map((d) => `${d.digit} ${percent(d.confidence)}`).join(', ')}): ${detail.verdict}`
      : `${detail.digit} with ${percent(detail.confidence)}, not a digit ${percent(detail.notDigit)}: ${detail.verdict}`;
  last.textContent = `Read ${read} ${where} in ${detail.latencyMs.toFixed(1)} ms${fellBack}.`;
  if (detail.source === 'remote') showEndpointStatus(true);
});

pad.addEventListener('prediction-error', ({ detail }) => {
  last.textContent = `${detail.stage} error: ${detail.error.message}`;
  if (pad.endpoint && detail.stage === 'network' && detail.error.code !== 'aborted') {
    showEndpointStatus(false, detail.error.code === 'timeout' ? `no answer within ${pad.timeout} ms` : 'no connection');
  }
});

function showEndpointStatus(up: boolean, message = ''): void {
  endpointStatus.className = up ? 'ok' : 'problem';
  endpointStatus.textContent = up
    ? `The endpoint at ${endpointUrl.value} is answering.`
    : `The endpoint at ${endpointUrl.value} is not answering (${message}). Start the local API with "npm run api", or switch to local.`;
}

/** Asks the endpoint about an empty grid, so the page can say at once whether the API is up. */
async function probeEndpoint(): Promise<void> {
  endpointStatus.className = '';
  endpointStatus.textContent = `Checking ${endpointUrl.value} …`;
  try {
    const response = await fetch(endpointUrl.value, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: new Array(GRID_SIZE * GRID_SIZE).fill(0) }),
      signal: AbortSignal.timeout(5000),
    });
    if (response.ok) showEndpointStatus(true);
    else showEndpointStatus(false, `it answered ${response.status}`);
  } catch (error) {
    showEndpointStatus(false, (error as Error).message);
  }
}

function applyMode(): void {
  const remote = $<HTMLInputElement>('input[name="where"][value="endpoint"]').checked;
  endpointSettings.hidden = !remote;
  if (remote) {
    pad.endpoint = endpointUrl.value;
    pad.fallback = fallback.checked ? 'local' : 'none';
    void probeEndpoint();
  } else {
    pad.endpoint = undefined;
  }
  // The backend matters only where the model runs in the page.
  backend.disabled = remote && !fallback.checked;
}

for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="where"]')) radio.addEventListener('change', applyMode);
endpointUrl.addEventListener('change', applyMode);
fallback.addEventListener('change', applyMode);

$<HTMLInputElement>('#auto').addEventListener('change', (event) => {
  pad.autoPredict = (event.target as HTMLInputElement).checked;
  if (pad.autoPredict && pad.strokes.length > 0) pad.predict().catch(() => {});
});

// Number mode: the surface widens; what was drawn stays (strokes are kept in canvas pixels).
$<HTMLSelectElement>('#digits').addEventListener('change', (event) => {
  pad.digits = Number((event.target as HTMLSelectElement).value);
});

backend.addEventListener('change', () => {
  pad.backend = backend.value;
});

// One radio per preprocess mode the element knows, the element's default checked.
const modes = $<HTMLElement>('#modes');
for (const mode of PREPROCESS_MODES) {
  const label = document.createElement('label');
  const radio = Object.assign(document.createElement('input'), { type: 'radio', name: 'mode', value: mode, checked: mode === pad.preprocess });
  radio.addEventListener('change', () => {
    pad.preprocess = mode;
    showGrid();
    if (pad.autoPredict && pad.strokes.length > 0) pad.predict().catch(() => {});
  });
  label.append(radio, ` ${mode}`);
  modes.append(' ', label);
}

width.addEventListener('input', () => {
  pad.strokeWidth = Number(width.value);
  widthValue.value = width.value;
});

$('#load').addEventListener('click', () => {
  try {
    pad.strokes = json.value;
    jsonError.textContent = '';
  } catch (error) {
    jsonError.textContent = (error as Error).message;
  }
});

showGrid();
