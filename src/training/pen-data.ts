/**
 * The UNIPEN pen-drawn digits and letters committed under data/unipen/ (see its README for
 * provenance and licence): the sample format, the writer split, and which letters may stand for
 * "not a digit". Platform-free, so the browser measurement splits exactly as training does;
 * pen-files.ts reads the files in Node.
 */

/** One handwritten sample: its pen-down strokes as [x, y] points (device units, y down). */
export interface PenSample {
  readonly id: string;
  readonly writerId: string;
  /** '0'..'9' for digits, a letter for letters. */
  readonly label: string;
  readonly strokes: readonly (readonly (readonly [number, number])[])[];
}

/** Thrown when data is not of the expected shape; the message names the source. */
export class PenDataError extends Error {
  override name = 'PenDataError';
}

/** Checks and converts one file's parsed JSON (`source` names it in errors). */
export function parsePenSamples(raw: unknown, source: string, labelField: 'digit' | 'label'): PenSample[] {
  if (!Array.isArray(raw)) throw new PenDataError(`${source} is not a JSON array`);
  return raw.map((entry, index) => {
    const { id, writer_id: writerId, strokes } = entry as Record<string, unknown>;
    const label = String((entry as Record<string, unknown>)[labelField]);
    const pointsOk =
      Array.isArray(strokes) &&
      strokes.length > 0 &&
      strokes.every((s) => Array.isArray(s) && s.length > 0 && s.every((p) => Array.isArray(p) && p.length === 2 && p.every(Number.isFinite)));
    if (typeof id !== 'string' || typeof writerId !== 'string' || !pointsOk) {
      throw new PenDataError(`${source}: sample ${index} lacks an id, a writer_id or well-formed strokes`);
    }
    return { id, writerId, label, strokes: strokes as PenSample['strokes'] };
  });
}

/** Share of writers held out for validation: one in `VALIDATION_FOLDS`. */
export const VALIDATION_FOLDS = 5;

/**
 * Whether a writer belongs to the validation fifth. A hash of the writer id, so the split never
 * moves a person across it, is the same for digits and letters, and needs no list kept in step.
 */
export function isValidationWriter(writerId: string): boolean {
  return fnv1a(writerId) % VALIDATION_FOLDS === 0;
}

/** Splits samples by writer into training and validation. */
export function splitByWriter<T extends { readonly writerId: string }>(samples: readonly T[]): { train: T[]; validation: T[] } {
  const train: T[] = [];
  const validation: T[] = [];
  for (const sample of samples) (isValidationWriter(sample.writerId) ? validation : train).push(sample);
  return { train, validation };
}

/**
 * Letters whose handwritten shapes do not pass for a digit, so they can teach "not a digit".
 * Left out on purpose: O o D Q C c e (0, 6), I l i j J (1), Z z (2), S s (5), b G (6), B (8),
 * g q a d p P (9), T t Y y L (7, 4, 1), A H u h (open 4s), r (a 1 with a flag).
 */
export const NON_DIGIT_LETTERS: ReadonlySet<string> = new Set('EFKMNRVWXfkmnvwx'.split(''));

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
