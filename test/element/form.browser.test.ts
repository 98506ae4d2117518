/// <reference types="mocha" />
import { expect, html } from '@open-wc/testing';
import { bundledModelWithNotDigit } from '../inference/model-fixtures.ts';
import { SEVEN, drawStrokes, inForm, rejection } from './element-test-helpers.ts';
import { draw, surfaceOf } from './pointer-helpers.ts';

/** A form with a named `<digit-canvas>` (required, and on another model, when asked) and a submit button. */
const answerForm = (required = false, modelUrl?: string) =>
  inForm(html`<digit-canvas name="answer" ?required=${required} model-url=${modelUrl ?? ''}></digit-canvas><button>Send</button>`);

describe('<digit-canvas> in a form', () => {
  it('is form-associated: the submitted value is the predicted digit, emptied when the drawing changes or clears', async () => {
    const { form, el } = await answerForm();
    expect(el.form).to.equal(form);
    expect(new FormData(form).get('answer')).to.equal(null);
    drawStrokes(el, SEVEN);
    const prediction = await el.predict();
    expect(el.value).to.equal(String(prediction.digit));
    expect(new FormData(form).get('answer')).to.equal(String(prediction.digit));
    draw(el, [[20, 290], [40, 300]]);
    expect(new FormData(form).get('answer'), 'a new stroke makes the old answer stale').to.equal(null);
    await el.predict();
    expect(new FormData(form).get('answer')).to.not.equal(null);
    el.clear();
    expect(new FormData(form).get('answer')).to.equal(null);
    expect(el.value).to.equal('');
  });

  it('required: an empty or unread drawing is invalid (valueMissing, anchored to the canvas), a predicted one valid', async () => {
    const { form, el } = await answerForm(true);
    expect(el.validity.valueMissing).to.equal(true);
    expect(el.validationMessage).to.equal('Draw a digit.');
    expect(form.checkValidity()).to.equal(false);
    drawStrokes(el, SEVEN);
    expect(el.checkValidity()).to.equal(false);
    expect(el.validationMessage).to.contain('Predict');
    await el.predict();
    expect(el.validity.valid).to.equal(true);
    expect(form.checkValidity()).to.equal(true);
    el.required = false;
    el.clear();
    await el.updateComplete;
    expect(el.validity.valid, 'not required: empty is fine').to.equal(true);
    el.required = true;
    await el.updateComplete;
    expect(el.validity.valueMissing).to.equal(true);
    // reportValidity shows the message at the canvas, the anchor; the invalid event fires.
    let invalid = 0;
    el.addEventListener('invalid', () => invalid++);
    expect(el.reportValidity()).to.equal(false);
    expect(invalid).to.equal(1);
    expect(surfaceOf(el)).to.exist;
  });

  it('required: a tap fills nothing; the message asks for a bigger digit', async () => {
    const { form, el } = await answerForm(true);
    draw(el, [[150, 150]]);
    const error = await rejection(el.predict());
    expect(error.code).to.equal('too-small');
    expect(el.value).to.equal('');
    expect(new FormData(form).get('answer')).to.equal(null);
    expect(el.validity.valueMissing).to.equal(true);
    expect(el.validationMessage).to.equal('Draw the digit bigger.');
    expect(form.checkValidity()).to.equal(false);
  });

  it('required: a read that is not a digit fills nothing; the message asks for a digit', async () => {
    const { form, el } = await answerForm(true, await bundledModelWithNotDigit(30));
    drawStrokes(el, SEVEN);
    const prediction = await el.predict();
    expect(prediction.verdict).to.equal('not-a-digit');
    expect(el.value).to.equal('');
    expect(new FormData(form).get('answer')).to.equal(null);
    expect(el.validity.valueMissing).to.equal(true);
    expect(el.validationMessage).to.equal('Draw a digit.');
  });

  it('required: an unsure read fills nothing and asks for a clearer digit; a confident read of the same drawing does', async () => {
    const { form, el } = await answerForm(true, await bundledModelWithNotDigit(-30));
    el.minConfidence = 1;
    await el.updateComplete;
    draw(el, [[60, 150], [250, 160]]); // a dash: no digit is certain
    const unsure = await el.predict();
    expect([unsure.verdict, unsure.confident]).to.deep.equal(['unsure', false]);
    expect(el.value).to.equal('');
    expect(new FormData(form).get('answer')).to.equal(null);
    expect(el.validationMessage).to.equal('Draw the digit more clearly.');
    el.minConfidence = 0;
    await el.updateComplete;
    const sure = await el.predict();
    expect(sure.confident).to.equal(true);
    expect(el.value).to.equal(String(sure.digit));
    expect(form.checkValidity()).to.equal(true);
  });

  it('a prediction for a drawing changed while it was on the way does not become the value', async () => {
    const { form, el } = await answerForm();
    drawStrokes(el, SEVEN);
    const pending = el.predict();
    draw(el, [[20, 290], [40, 300]]);
    await pending;
    expect(new FormData(form).get('answer')).to.equal(null);
    await el.predict();
    expect(new FormData(form).get('answer')).to.not.equal(null);
  });

  it('a form reset clears the drawing and the value', async () => {
    const { form, el } = await answerForm();
    drawStrokes(el, SEVEN);
    await el.predict();
    form.reset();
    expect(el.strokes).to.have.length(0);
    expect(new FormData(form).get('answer')).to.equal(null);
  });
});
