/// <reference types="mocha" />
import { expect, fixture, html } from '@open-wc/testing';
import type { DigitCanvas } from '../../src/element/digit-canvas.ts';
import { nextFrame } from './pointer-helpers.ts';
import {
  ONE, SEVEN, faultKey, faultUrl, healthyUrl, part, record, unhandledRejections, type Recorded,
} from './reliability-helpers.ts';

/**
 * Several elements on one page, each with its own backend or endpoint, predicting at the same
 * time: every answer comes from its own element's classifier for its own drawing, events stay
 * with the element that fired them, and one element's failure, clear or removal touches no other.
 */

const rejections = unhandledRejections();
beforeEach(() => rejections.start());
afterEach(() => rejections.check());

describe('<digit-canvas> elements side by side', () => {
  let elements: Record<'cpu' | 'wasm' | 'remote' | 'broken', DigitCanvas>;
  let events: Record<keyof typeof elements, Recorded[]>;
  let pageEvents: EventTarget[];
  const brokenKey = faultKey();

  beforeEach(async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <digit-canvas id="cpu" backend="cpu"></digit-canvas>
      <digit-canvas id="wasm" backend="wasm"></digit-canvas>
      <digit-canvas id="remote" endpoint=${healthyUrl()}></digit-canvas>
      <digit-canvas id="broken" endpoint=${faultUrl('status-500', brokenKey)}></digit-canvas>
    </div>`);
    await nextFrame();
    const get = (id: string) => page.querySelector<DigitCanvas>(`#${id}`)!;
    elements = { cpu: get('cpu'), wasm: get('wasm'), remote: get('remote'), broken: get('broken') };
    events = { cpu: record(elements.cpu), wasm: record(elements.wasm), remote: record(elements.remote), broken: record(elements.broken) };
    pageEvents = [];
    page.addEventListener('prediction', (event) => pageEvents.push(event.target!));
    page.addEventListener('prediction-error', (event) => pageEvents.push(event.target!));
    elements.cpu.strokes = SEVEN;
    elements.wasm.strokes = ONE;
    elements.remote.strokes = ONE;
    elements.broken.strokes = SEVEN;
  });

  it('predict at once, ten rounds: each answers from its own classifier, for its own drawing', async () => {
    for (let round = 0; round < 10; round++) {
      // Swap the local drawings every round, so an answer meant for the other would show.
      const [cpuDigit, wasmDigit] = round % 2 ? [1, 7] : [7, 1];
      elements.cpu.strokes = cpuDigit === 7 ? SEVEN : ONE;
      elements.wasm.strokes = wasmDigit === 7 ? SEVEN : ONE;
      const [cpu, wasm, remote, broken] = await Promise.allSettled([
        elements.cpu.predict(), elements.wasm.predict(), elements.remote.predict(), elements.broken.predict(),
      ]);
      expect(cpu.status === 'fulfilled' && cpu.value).to.include({ digit: cpuDigit, source: 'local', backend: 'cpu' });
      expect(wasm.status === 'fulfilled' && wasm.value).to.include({ digit: wasmDigit, source: 'local', backend: 'wasm' });
      expect(remote.status === 'fulfilled' && remote.value).to.include({ digit: 1, source: 'remote' });
      expect(broken.status).to.equal('rejected');
    }
    for (const name of ['cpu', 'wasm', 'remote'] as const) {
      expect(events[name].map((event) => event.type), name).to.deep.equal(new Array(10).fill('prediction'));
    }
    expect(events.broken.map((event) => event.type)).to.deep.equal(new Array(10).fill('prediction-error'));
    expect(events.broken[0]!.detail).to.deep.include({ stage: 'response' });
    expect(pageEvents).to.have.length(40);
    await Promise.all(Object.values(elements).map((el) => el.updateComplete));
    expect(elements.cpu.value).to.equal('1');
    expect(elements.wasm.value).to.equal('7');
    expect(part(elements.broken, 'result')!.textContent!.trim()).to.equal("The recognizer couldn't answer — try again.");
    expect(part(elements.remote, 'result')!.textContent).to.match(/1\s+\d+% sure/);
  });

  it('clearing or removing one mid-flight cancels only that one', async () => {
    const cpu = elements.cpu.predict();
    const wasm = elements.wasm.predict();
    const remote = elements.remote.predict();
    elements.cpu.clear();
    elements.remote.remove();
    const [cpuResult, wasmResult, remoteResult] = await Promise.allSettled([cpu, wasm, remote]);
    expect(cpuResult.status).to.equal('rejected');
    expect(remoteResult.status).to.equal('rejected');
    expect(wasmResult.status === 'fulfilled' && wasmResult.value).to.include({ digit: 1, backend: 'wasm' });
    expect(elements.wasm.strokes).to.deep.equal(ONE);
    expect(elements.broken.strokes).to.deep.equal(SEVEN);
    expect(events.cpu).to.deep.equal([]);
    expect(events.remote).to.deep.equal([]);
    expect(events.wasm.map((event) => event.type)).to.deep.equal(['prediction']);
  });

  it('switching one element’s backend does not move the other’s', async () => {
    elements.cpu.backend = 'wasm';
    elements.wasm.backend = 'cpu';
    await Promise.all([elements.cpu.updateComplete, elements.wasm.updateComplete]);
    const [a, b] = await Promise.all([elements.cpu.predict(), elements.wasm.predict()]);
    expect(a).to.include({ digit: 7, backend: 'wasm' });
    expect(b).to.include({ digit: 1, backend: 'cpu' });
  });
});
