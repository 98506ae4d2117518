/// <reference types="mocha" />
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { DigitCanvas } from '../../src/element/digit-canvas.ts';
import { bundledModelWithNotDigit } from '../inference/model-fixtures.ts';
import { SEVEN, drawStrokes, element, inForm, part, record, rejection } from './element-test-helpers.ts';
import { draw, nextFrame, surfaceOf } from './pointer-helpers.ts';

/** Counts the element's input and change events, in order. */
function valueEvents(el: DigitCanvas): string[] {
  const events: string[] = [];
  for (const type of ['input', 'change']) {
    el.addEventListener(type, (event) => {
      expect(event.constructor, 'a plain Event, as <input> fires').to.equal(Event);
      expect([event.bubbles, event.composed]).to.deep.equal([true, true]);
      events.push(`${type}:${el.value}`);
    });
  }
  return events;
}

describe('<digit-canvas> as a form control', () => {
  it('with min-confidence 0.9 an unsure read leaves value empty and a required field invalid, saying why', async () => {
    const { form, el } = await inForm(html`<digit-canvas name="answer" required min-confidence="0.9"></digit-canvas>`);
    el.modelUrl = await bundledModelWithNotDigit(-30);
    draw(el, [[60, 150], [250, 160]]);
    const prediction = await el.predict();
    expect(prediction.confidence).to.be.below(0.9);
    expect(prediction.verdict).to.equal('unsure');
    expect(el.value).to.equal('');
    expect(el.checkValidity()).to.equal(false);
    expect(el.validationMessage).to.equal('Draw the digit more clearly.');
    expect(new FormData(form).get('answer')).to.equal(null);
  });

  it('fires one input and one change per value change (prediction, stroke, clear, reset, typed digit), none when it does not change', async () => {
    const { form, el } = await inForm();
    const events = valueEvents(el);
    drawStrokes(el, SEVEN);
    expect(events, 'a first stroke leaves the value empty: no change').to.deep.equal([]);
    await el.predict();
    expect(events).to.deep.equal(['input:7', 'change:7']);
    await el.predict();
    expect(events, 'the same answer again').to.have.length(2);
    draw(el, [[20, 290], [40, 300]]);
    expect(events.slice(2), 'a new stroke empties it').to.deep.equal(['input:', 'change:']);
    await el.predict();
    el.clear();
    expect(events.slice(4)).to.deep.equal(['input:7', 'change:7', 'input:', 'change:']);
    el.clear();
    expect(events, 'clearing an empty pad').to.have.length(8);
    surfaceOf(el).focus();
    await sendKeys({ press: '4' });
    form.reset();
    expect(events.slice(8)).to.deep.equal(['input:4', 'change:4', 'input:', 'change:']);
  });

  it('value can be written: a digit is recorded as typed, "" withdraws it and keeps the drawing, the same value does nothing, no events', async () => {
    const { form, el } = await inForm();
    const events = valueEvents(el);
    const predictions = record(el);
    drawStrokes(el, SEVEN);
    el.value = '3';
    expect(el.value).to.equal('3');
    expect(new FormData(form).get('answer')).to.equal('3');
    await el.updateComplete;
    expect(part(el, 'result')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('3 typed');
    el.value = '3';
    el.value = '';
    expect(el.value).to.equal('');
    expect(new FormData(form).get('answer')).to.equal(null);
    expect(el.strokes, 'the drawing stays').to.have.length(SEVEN.length);
    await el.updateComplete;
    expect(part(el, 'result')!.textContent!.trim()).to.equal('');
    expect(events).to.deep.equal([]);
    expect(predictions).to.deep.equal([]);
  });

  it('value: anything but "" or one digit throws a TypeError naming it, and nothing changes', async () => {
    const el = await element();
    el.value = '5';
    for (const [bad, named] of [['12', 'the string "12"'], ['x', 'the string "x"'], [7, '7'], [null, 'null'], [undefined, 'nothing'], [' 5', 'the string " 5"']] as const) {
      expect(() => {
        el.value = bad as unknown as string;
      }).to.throw(TypeError, `got ${named}`);
      expect(el.value).to.equal('5');
    }
  });

  it('a value set before the tag is defined is taken through the setter', async () => {
    const el = document.createElement('digit-canvas-late') as unknown as DigitCanvas;
    (el as unknown as { value: string }).value = '6';
    document.body.append(el);
    const { DigitCanvas } = await import('../../src/element/digit-canvas.ts');
    customElements.define('digit-canvas-late', class extends DigitCanvas {});
    await el.updateComplete;
    expect(el.value).to.equal('6');
    el.remove();
  });

  it('typing a digit on the surface answers with it: a prediction (source keyboard, confidence 1), the live region and the form value', async () => {
    const { form, el } = await inForm();
    const events = record(el);
    surfaceOf(el).focus();
    await sendKeys({ press: '8' });
    expect(events).to.have.length(1);
    expect(events[0]!.detail).to.deep.include({ digit: 8, confidence: 1, confident: true, verdict: 'digit', source: 'keyboard' });
    expect(new FormData(form).get('answer')).to.equal('8');
    await el.updateComplete;
    const result = part(el, 'result')!;
    expect(result.getAttribute('aria-live')).to.equal('polite');
    expect(result.textContent).to.contain('8');
    const description = el.shadowRoot!.getElementById(surfaceOf(el).getAttribute('aria-describedby')!)!;
    expect(description.textContent).to.contain('type the digit');
    expect(surfaceOf(el).getAttribute('aria-keyshortcuts')).to.contain('0 1 2 3 4 5 6 7 8 9');
    (part(el, 'clear-button') as HTMLButtonElement).focus();
    await sendKeys({ press: '2' });
    expect(el.value, 'digits count on the surface only, not on the buttons').to.equal('8');
  });

  it('a typed digit supersedes a prediction in flight', async () => {
    const el = await element();
    drawStrokes(el, SEVEN);
    const pending = el.predict();
    // Dispatched at once (sendKeys goes through the server and may come after the answer).
    surfaceOf(el).dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true, composed: true, cancelable: true }));
    expect((await rejection(pending)).code).to.equal('aborted');
    expect(el.value).to.equal('1');
  });

  it('disabled: no ink, keys, buttons or predictions; looks disabled; left out of the form', async () => {
    const { form, el } = await inForm(html`<digit-canvas name="answer" disabled></digit-canvas>`);
    el.value = '4';
    expect(new FormData(form).get('answer'), 'a disabled control is not submitted').to.equal(null);
    drawStrokes(el, SEVEN);
    expect(el.strokes).to.have.length(0);
    surfaceOf(el).focus();
    await sendKeys({ press: '9' });
    expect(el.value).to.equal('4');
    expect((part(el, 'clear-button') as HTMLButtonElement).disabled).to.equal(true);
    expect((part(el, 'predict-button') as HTMLButtonElement).disabled).to.equal(true);
    expect(surfaceOf(el).tabIndex).to.equal(-1);
    expect(surfaceOf(el).getAttribute('aria-disabled')).to.equal('true');
    expect(Number(getComputedStyle(surfaceOf(el)).opacity)).to.be.below(1);
    el.strokes = SEVEN;
    const error = await rejection(el.predict());
    expect([error.stage, error.code]).to.deep.equal(['input', 'disabled']);
    expect(el.strokes, 'the drawing stays').to.have.length(SEVEN.length);
    el.disabled = false;
    await el.updateComplete;
    el.value = '4';
    expect(new FormData(form).get('answer')).to.equal('4');
    drawStrokes(el, [{ width: 16, points: [{ x: 20, y: 20, t: 0, pressure: 0.5 }, { x: 60, y: 60, t: 0, pressure: 0.5 }] }]);
    expect(el.strokes).to.have.length(SEVEN.length + 1);
  });

  it('a disabled fieldset disables it (formDisabledCallback): no ink, no prediction, buttons disabled; enabled again with the fieldset', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><fieldset disabled><digit-canvas name="answer"></digit-canvas></fieldset></form>`);
    const el = form.querySelector('digit-canvas')!;
    await el.updateComplete;
    await nextFrame();
    expect(el.matches(':disabled')).to.equal(true);
    drawStrokes(el, SEVEN);
    expect(el.strokes, 'no ink').to.have.length(0);
    expect((part(el, 'predict-button') as HTMLButtonElement).disabled).to.equal(true);
    expect((await rejection(el.predict())).code).to.equal('disabled');
    form.querySelector('fieldset')!.disabled = false;
    await el.updateComplete;
    expect((part(el, 'predict-button') as HTMLButtonElement).disabled).to.equal(false);
    drawStrokes(el, SEVEN);
    expect(el.strokes).to.have.length(SEVEN.length);
    expect((await el.predict()).digit).to.equal(7);
    expect(new FormData(form).get('answer')).to.equal('7');
  });

  it('disabling cancels a prediction in flight', async () => {
    const el = await element();
    el.strokes = SEVEN;
    const pending = el.predict();
    el.disabled = true;
    await el.updateComplete;
    expect((await rejection(pending)).code).to.equal('aborted');
  });

  it('readonly: shows a drawing set through strokes and its result, but takes no ink, typed digit, undo or Clear', async () => {
    const { form, el } = await inForm(html`<digit-canvas name="answer" readonly></digit-canvas>`);
    el.strokes = SEVEN;
    expect((await el.predict()).digit).to.equal(7);
    expect(new FormData(form).get('answer'), 'a read-only value is submitted').to.equal('7');
    draw(el, [[20, 290], [40, 300]]);
    expect(el.strokes).to.have.length(SEVEN.length);
    surfaceOf(el).focus();
    await sendKeys({ press: '2' });
    await sendKeys({ press: 'Escape' });
    expect(el.value).to.equal('7');
    expect(el.strokes).to.have.length(SEVEN.length);
    expect((part(el, 'clear-button') as HTMLButtonElement).disabled).to.equal(true);
    expect((part(el, 'predict-button') as HTMLButtonElement).disabled).to.equal(false);
  });

  it('formStateRestoreCallback brings back the drawing and the value the element saved as its form state', async () => {
    const saved: unknown[] = [];
    const original = ElementInternals.prototype.setFormValue;
    ElementInternals.prototype.setFormValue = function (value, state) {
      saved.push(state);
      return original.call(this, value, state);
    };
    try {
      const { el } = await inForm();
      drawStrokes(el, SEVEN);
      await el.predict();
    } finally {
      ElementInternals.prototype.setFormValue = original;
    }
    const { form, el } = await inForm();
    const events = valueEvents(el);
    el.formStateRestoreCallback(saved.at(-1), 'restore');
    expect(el.strokes).to.have.length(SEVEN.length);
    expect(el.value).to.equal('7');
    expect(new FormData(form).get('answer')).to.equal('7');
    expect(events, 'restoring is not the person changing it').to.deep.equal([]);
    el.formStateRestoreCallback('not a saved state', 'autocomplete');
    expect(el.value, 'a foreign state changes nothing').to.equal('7');
  });
});
