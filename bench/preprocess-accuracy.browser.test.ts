/// <reference types="mocha" />
/**
 * Which `preprocess` mode reads real handwriting best, and how well: every digit of the held-out
 * UNIPEN writers (data/unipen/, the validation fifth that training never sees) is placed on the
 * pad as written (35–85% of its height, seeded), set as the element's strokes and read by the
 * element's own `predict()` — its too-small rule, its reduction, the bundled model on wasm, its
 * verdict — counting right answers, `confident: true` ones and confident wrong ones.
 *
 * Then the synthetic drawings: every hand-authored digit of
 * test/fixtures/drawn-digits.ts (all ten, at 7 places and sizes × 3 pen widths × 3 slants × steady
 * or shaky-and-narrow = 126 drawings each) is set as the element's strokes, reduced by the element itself (its own
 * renderer for `grid` and `mnist`, the strokes for `vector`) and classified by the bundled model
 * on wasm. Prints and writes the accuracy per mode, per digit, per size, per pen width and per
 * hand, and the mean probability the model gave the right digit (finer than accuracy near 100%).
 *
 *   npm run measure:preprocess    (writes bench/preprocess-accuracy.md and .json)
 *
 * Not part of `npm test`: it measures, it asserts nothing.
 */
import { fixture, html } from '@open-wc/testing';
import { writeFile } from '@web/test-runner-commands';
import '../src/element/digit-canvas-define.ts';
import type { DigitCanvas } from '../src/element/digit-canvas.ts';
import type { PreprocessMode } from '../src/element/drawing-grid.ts';
import { LocalClassifier } from '../src/inference/local-classifier.ts';
import { DEFAULT_PRESSURE, DEFAULT_STROKE_WIDTH } from '../src/core/strokes.ts';
import { parsePenSamples, splitByWriter } from '../src/training/pen-data.ts';
import { AS_WRITTEN, placeOnCanvas } from '../src/training/pen-render.ts';
import { Random } from '../src/training/random.ts';
import { drawnDigit, MEASURE_PLACEMENTS, type Placement } from '../test/fixtures/drawn-digits.ts';

const MODES: PreprocessMode[] = ['grid', 'mnist', 'vector'];

interface Tally {
  correct: number;
  total: number;
  /** Sum of the probabilities given to the right digit. */
  probability: number;
}

const percent = ({ correct, total }: Tally) => `${((100 * correct) / total).toFixed(1)}%`;

function add(map: Map<string, Tally>, key: string, correct: boolean, probability: number): void {
  const tally = map.get(key) ?? { correct: 0, total: 0, probability: 0 };
  tally.total++;
  tally.probability += probability;
  if (correct) tally.correct++;
  map.set(key, tally);
}

async function sha256(url: string): Promise<string> {
  const bytes = await (await fetch(url)).arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest.slice(0, 6), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The validation writers' digits, read from the committed gzip exactly as training splits them. */
async function validationDigits() {
  const response = await fetch(new URL('../data/unipen/digits.json.gz', import.meta.url));
  const json = await new Response(response.body!.pipeThrough(new DecompressionStream('gzip'))).json();
  return splitByWriter(parsePenSamples(json, 'digits.json.gz', 'digit')).validation;
}

interface RealTally {
  total: number;
  right: number;
  confident: number;
  confidentWrong: number;
}

describe('preprocess accuracy on drawn digits', () => {
  it('measures grid, mnist and vector', async function () {
    this.timeout(0);
    const el = await fixture<DigitCanvas>(html`<digit-canvas no-result></digit-canvas>`);
    const real = new Map<PreprocessMode, RealTally>();
    const samples = await validationDigits();
    for (const mode of MODES) {
      el.preprocess = mode;
      await el.updateComplete; // a pixel mode's code downloads on first use
      const tally: RealTally = { total: 0, right: 0, confident: 0, confidentWrong: 0 };
      const random = new Random(7);
      for (const sample of samples) {
        el.strokes = placeOnCanvas(sample.strokes, random, AS_WRITTEN).map(({ points }) => ({
          width: DEFAULT_STROKE_WIDTH,
          points: points.map(({ x, y }, i) => ({ x, y, t: i * 8, pressure: DEFAULT_PRESSURE })),
        }));
        const digit = Number(sample.label);
        tally.total++;
        try {
          const prediction = await el.predict();
          if (prediction.digit === digit) tally.right++;
          if (prediction.confident) {
            tally.confident++;
            if (prediction.digit !== digit) tally.confidentWrong++;
          }
        } catch {
          // Refused at the input stage (too small): neither right nor confident.
        }
      }
      real.set(mode, tally);
    }

    const classifier = new LocalClassifier({ backend: 'wasm' });
    const byMode = new Map<string, Map<string, Tally>>();
    const sizeName = (p: Placement) => (p.size <= 90 ? 'small (90 px)' : p.size <= 160 ? 'medium (160 px)' : 'large (230 px)');
    for (const mode of MODES) {
      el.preprocess = mode;
      await el.updateComplete; // a pixel mode's code downloads on first use
      const tallies = new Map<string, Tally>();
      byMode.set(mode, tallies);
      for (let digit = 0; digit < 10; digit++) {
        for (const placement of MEASURE_PLACEMENTS) {
          el.strokes = drawnDigit(digit, placement);
          const prediction = await classifier.classify(el.getGrid());
          const correct = prediction.digit === digit;
          const p = prediction.probabilities[digit]!;
          add(tallies, 'all', correct, p);
          add(tallies, `digit ${digit}`, correct, p);
          add(tallies, sizeName(placement), correct, p);
          add(tallies, `pen ${placement.width}`, correct, p);
          add(tallies, placement.wobble ? 'shaky, narrow hand' : 'steady hand', correct, p);
        }
      }
    }
    classifier.dispose();

    const model = new URL('../model/model.json', import.meta.url).href;
    const manifest = (await (await fetch(model)).json()) as { weightsManifest: { paths: string[] }[] };
    const weights = await sha256(new URL(manifest.weightsManifest[0]!.paths[0]!, model).href);
    const keys = [
      'all',
      ...Array.from({ length: 10 }, (_, d) => `digit ${d}`),
      ...['small (90 px)', 'medium (160 px)', 'large (230 px)', 'pen 8', 'pen 16', 'pen 28', 'steady hand', 'shaky, narrow hand'],
    ];
    const winner = MODES.reduce((best, mode) => {
      const score = (m: string) => byMode.get(m)!.get('all')!.correct;
      return score(mode) > score(best) ? mode : best;
    });
    const per = MEASURE_PLACEMENTS.length;
    const share = (n: number, t: RealTally) => `${((100 * n) / t.total).toFixed(2)}%`;
    const realLines = [
      `Real handwriting: the ${samples.length} digits of the held-out UNIPEN writers, read by the element's \`predict()\``,
      `(bundled model, weights sha256 ${weights}…, default min-confidence).`,
      '',
      `| real handwriting | ${MODES.map((m) => `\`${m}\``).join(' | ')} |`,
      `|---|${MODES.map(() => '---:').join('|')}|`,
      `| top-1 | ${MODES.map((m) => share(real.get(m)!.right, real.get(m)!)).join(' | ')} |`,
      `| coverage (confident) | ${MODES.map((m) => share(real.get(m)!.confident, real.get(m)!)).join(' | ')} |`,
      `| confident but wrong | ${MODES.map((m) => share(real.get(m)!.confidentWrong, real.get(m)!)).join(' | ')} |`,
      '',
    ];
    const lines = [
      ...realLines,
      `Drawn-digit accuracy by \`preprocess\` (bundled model, weights sha256 ${weights}…; ${10 * per} drawings per mode:`,
      `10 digits × ${per} placements — 7 places/sizes × pen 8/16/28 × slant −0.15/0/+0.2 × steady or shaky-and-narrow).`,
      `Winner (most correct): \`${winner}\`.`,
      '',
      `| accuracy | ${MODES.map((m) => `\`${m}\``).join(' | ')} |`,
      `|---|${MODES.map(() => '---:').join('|')}|`,
      ...keys.map((key) => `| ${key} | ${MODES.map((m) => percent(byMode.get(m)!.get(key)!)).join(' | ')} |`),
      `| mean p(right digit) | ${MODES.map((m) => {
        const all = byMode.get(m)!.get('all')!;
        return (all.probability / all.total).toFixed(3);
      }).join(' | ')} |`,
    ];
    const table = lines.join('\n');
    console.log(`\n${table}\n`);
    const json = Object.fromEntries(MODES.map((m) => [m, Object.fromEntries(byMode.get(m)!)]));
    const realJson = Object.fromEntries(real);
    await writeFile({ path: 'preprocess-accuracy.md', content: `${table}\n` });
    await writeFile({ path: 'preprocess-accuracy.json', content: `${JSON.stringify({ weights, winner, realHandwriting: realJson, results: json }, null, 2)}\n` });
  });
});
