/** Reads the committed UNIPEN files (data/unipen/*.json.gz) in Node. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parsePenSamples, PenDataError, type PenSample } from './pen-data.ts';

const DATA_DIR = fileURLToPath(new URL('../../data/unipen/', import.meta.url));

/** The 7,444 UNIPEN digits (category 1a). */
export function loadPenDigits(dir = DATA_DIR): PenSample[] {
  return parsePenSamples(readGzipJson(`${dir}digits.json.gz`), `${dir}digits.json.gz`, 'digit');
}

/** The 9,204 UNIPEN letters (categories 1b and 1c). */
export function loadPenLetters(dir = DATA_DIR): PenSample[] {
  return parsePenSamples(readGzipJson(`${dir}letters.json.gz`), `${dir}letters.json.gz`, 'label');
}

function readGzipJson(file: string): unknown {
  try {
    return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
  } catch (error) {
    throw new PenDataError(`cannot read ${file}: ${(error as Error).message}`);
  }
}
