/// <reference types="mocha" />
// Its own file, so its own page: the wasm backend is broken here for good (its binaries are looked
// for where there are none, as on a host that forgot to deploy them).
import { expect, html } from '@open-wc/testing';
import { setWasmDirectory } from '../../src/inference/wasm-directory.ts';
import { SEVEN, drawStrokes, element } from './element-test-helpers.ts';

describe('<digit-canvas backend="wasm"> where wasm cannot start', () => {
  before(() => setWasmDirectory('/test/fixtures/no-wasm-binaries-here/'));

  it('falls back to the next backend, still reads the digit, and reports the backend that ran', async () => {
    const el = await element(html`<digit-canvas backend="wasm"></digit-canvas>`);
    drawStrokes(el, SEVEN);
    const prediction = await el.predict();
    expect(prediction.digit).to.equal(7);
    expect(prediction.backend).to.equal('cpu');
  });
});
