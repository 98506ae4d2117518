/**
 * In-page helpers shared by the bench pages: the MNIST test digits (as 28×28 grids and as the
 * 308×308 RGBA canvas images the element reduces) and a timing loop that reports progress to
 * the driver through the exposed `benchProgress` function.
 */

/** MNIST test digits from the test fixture: `{ label, grid: Float32Array(784), image: 308×308 RGBA }`. */
export async function loadDigits(count = 20) {
  const fixture = await (await fetch('/fixtures/mnist-test-digits.json')).json();
  return fixture.digits.slice(0, count).map(({ label, pixels }) => ({
    label,
    grid: Float32Array.from(pixels, (p) => p / 255),
    image: upscale(pixels),
  }));
}

/** Each MNIST pixel becomes an 11×11 block of black ink whose alpha is the pixel (308 = 28·11). */
function upscale(pixels) {
  const size = 308;
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      data[(y * size + x) * 4 + 3] = pixels[Math.floor(y / 11) * 28 + Math.floor(x / 11)];
    }
  }
  return { data, width: size, height: size };
}

/**
 * Runs `fn(i)` `warmup` times untimed, then `runs` timed samples; returns the timings in ms.
 * `fn` may be async; each run is awaited before the next starts. A sample of `repeat` calls,
 * divided by `repeat`, times work shorter than the page's timer resolution (0.1 ms without
 * cross-origin isolation, which the bench leaves off: it would switch tfjs to threaded wasm).
 */
export async function timeRuns(label, fn, { runs, warmup, repeat = 1 }) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    for (let r = 0; r < repeat; r++) await fn(i * repeat + r);
    times.push((performance.now() - started) / repeat);
    if (i % 10 === 9 || i === runs - 1) globalThis.benchProgress?.(`${label} ${i + 1}/${runs}`);
  }
  return times;
}

/** Script, wasm and model files this page fetched, as URL paths. */
export function fetchedPaths() {
  return performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
}
