/// <reference types="mocha" />
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { DigitCanvas } from '../../src/element/digit-canvas.ts';
import { SEVEN, element, part, testEndpoint } from './element-test-helpers.ts';
import { nextFrame, surfaceOf, visibleAlpha } from './pointer-helpers.ts';

/** A pad at `width: 100%` in a box `width` px wide. */
async function inBox(width: number, attributes = html``): Promise<DigitCanvas> {
  const box = await fixture<HTMLDivElement>(html`<div style="width: ${width}px"><digit-canvas style="width: 100%">${attributes}</digit-canvas></div>`);
  const el = box.querySelector('digit-canvas')!;
  await el.updateComplete;
  await nextFrame();
  return el;
}

/** Shadow elements whose box leaves the host's (the visually hidden description excepted). */
function escaping(el: DigitCanvas): string[] {
  const host = el.getBoundingClientRect();
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('*')]
    .filter((node) => !node.classList.contains('visually-hidden') && !(node instanceof HTMLStyleElement))
    .filter((node) => {
      const box = node.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) return false;
      return box.left < host.left - 0.5 || box.right > host.right + 0.5 || box.top < host.top - 0.5 || box.bottom > host.bottom + 0.5;
    })
    .map((node) => `${node.getAttribute('part') ?? node.className} ${Math.round(node.getBoundingClientRect().right - host.right)}px`);
}

describe('<digit-canvas> layout and look', () => {
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    document.documentElement.style.colorScheme = '';
  });

  for (const width of [308, 200, 160]) {
    it(`at ${width} px nothing leaves the host, and its height is the same idle, while predicting and done`, async () => {
      const el = await inBox(width);
      el.endpoint = testEndpoint('slow?ms=400');
      el.strokes = SEVEN;
      await el.updateComplete;
      const idle = el.getBoundingClientRect().height;
      expect(escaping(el), 'idle').to.deep.equal([]);
      const done = el.predict();
      await el.updateComplete;
      expect(part(el, 'predict-button')!.getAttribute('aria-busy')).to.equal('true');
      expect(el.getBoundingClientRect().height, 'predicting').to.equal(idle);
      await done;
      await el.updateComplete;
      expect(part(el, 'chart'), 'the answer is shown').to.exist;
      expect(el.getBoundingClientRect().height, 'done').to.equal(idle);
      expect(escaping(el), 'done').to.deep.equal([]);
    });
  }

  it('"Loading model…" keeps the button on one line: at 160 px the height is the same while the model loads', async () => {
    const el = await inBox(160);
    el.strokes = SEVEN;
    const button = part(el, 'predict-button')!;
    const idle = [el.getBoundingClientRect().height, button.getBoundingClientRect().height];
    const done = el.predict();
    await el.updateComplete;
    expect(button.textContent).to.contain('Loading model');
    expect([el.getBoundingClientRect().height, button.getBoundingClientRect().height]).to.deep.equal(idle);
    expect(escaping(el)).to.deep.equal([]);
    await done;
  });

  it('default colours follow the page color-scheme (light-dark()); the custom properties still win', async () => {
    const el = await element();
    const surface = surfaceOf(el);
    expect(getComputedStyle(surface).backgroundColor).to.equal('rgb(255, 255, 255)');
    document.documentElement.style.colorScheme = 'dark';
    expect(getComputedStyle(surface).backgroundColor).to.equal('rgb(30, 30, 30)');
    expect(getComputedStyle(surface).color).to.equal('rgb(238, 238, 238)');
    el.strokes = SEVEN;
    const inked = SEVEN[0]!.points[1]!;
    const context = surface.getContext('2d')!;
    const px = Math.floor((inked.x / 308) * surface.width);
    const py = Math.floor((inked.y / 308) * surface.height);
    expect(visibleAlpha(el, [inked.x, inked.y])).to.be.greaterThan(0);
    expect([...context.getImageData(px, py, 1, 1).data.slice(0, 3)], 'light ink on dark paper').to.deep.equal([238, 238, 238]);
    el.style.setProperty('--digit-canvas-paper', 'rgb(1, 2, 3)');
    expect(getComputedStyle(surface).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('prefers-reduced-motion stops the spinner', async () => {
    const el = await element(html`<digit-canvas endpoint=${testEndpoint('slow?ms=300')}></digit-canvas>`);
    el.strokes = SEVEN;
    const done = el.predict();
    await el.updateComplete;
    const spinner = el.shadowRoot!.querySelector('.spinner')!;
    expect(getComputedStyle(spinner).animationName).to.equal('spin');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(spinner).animationName).to.equal('none');
    await done;
  });
});
