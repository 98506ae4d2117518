import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { renderChart, type Outcome } from '../../src/element/result-view.ts';

function outcomeWith(probabilities: number[]): Outcome {
  const digit = probabilities.indexOf(Math.max(...probabilities));
  return {
    kind: 'prediction',
    prediction: { digit, confidence: probabilities[digit]!, confident: true, verdict: 'digit', notDigit: 0, probabilities, source: 'remote', latencyMs: 1, value: String(digit), digits: [] },
    grids: [new Float32Array(784)],
  };
}

function barHeights(container: HTMLElement): string[] {
  return [...container.querySelectorAll<HTMLElement>('.fill')].map((fill) => fill.style.height);
}

describe('result view chart', () => {
  // A page with a strict CSP (no inline style attributes): the bars must still get their heights.
  before(() => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "style-src 'self'";
    document.head.append(meta);
  });

  it('the CSP is in force: an inline style attribute is refused', () => {
    const probe = document.createElement('span');
    probe.setAttribute('style', 'height: 5%');
    expect(probe.style.height).to.equal('');
  });

  it('draws each bar as tall as its probability, and follows a new prediction', () => {
    const container = document.createElement('div');
    render(renderChart(outcomeWith([0.5, 0.25, 0.125, 0.125, 0, 0, 0, 0, 0, 0])), container);
    expect(barHeights(container)).to.deep.equal(['50%', '25%', '12.5%', '12.5%', '0%', '0%', '0%', '0%', '0%', '0%']);
    render(renderChart(outcomeWith([0, 0, 0, 0, 0, 0, 0, 0.9, 0.1, 0])), container);
    expect(barHeights(container)).to.deep.equal(['0%', '0%', '0%', '0%', '0%', '0%', '0%', '90%', '10%', '0%']);
    expect(container.querySelector('.bar.top .bar-label')?.textContent).to.equal('7');
  });
});
