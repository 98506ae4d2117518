/**
 * The drawing's undo model: the kept strokes plus a redo stack. Pure data, no DOM, so the element
 * redraws from it and the grid is always computed from exactly what the history holds.
 */
import { copyStrokes, type Stroke } from '../core/strokes.ts';

export class StrokeHistory {
  #strokes: Stroke[] = [];
  #undone: Stroke[] = [];
  #version = 0;

  /** The kept strokes (read-only view; copy before handing out). */
  get strokes(): readonly Stroke[] {
    return this.#strokes;
  }

  get length(): number {
    return this.#strokes.length;
  }

  get canUndo(): boolean {
    return this.#strokes.length > 0;
  }

  get canRedo(): boolean {
    return this.#undone.length > 0;
  }

  /** Bumped on every change, so derived data (the grid) can be cached per version. */
  get version(): number {
    return this.#version;
  }

  /** Adds a finished stroke; a new stroke makes the undone ones unreachable, as in any editor. */
  push(stroke: Stroke): void {
    this.#strokes.push(copyStrokes([stroke])[0]!);
    this.#undone = [];
    this.#version++;
  }

  /** Removes the last stroke; false when there is none. */
  undo(): boolean {
    const stroke = this.#strokes.pop();
    if (!stroke) return false;
    this.#undone.push(stroke);
    this.#version++;
    return true;
  }

  /** Brings back the last undone stroke; false when there is none. */
  redo(): boolean {
    const stroke = this.#undone.pop();
    if (!stroke) return false;
    this.#strokes.push(stroke);
    this.#version++;
    return true;
  }

  /** Replaces the whole drawing (already validated) and forgets the redo stack. */
  replace(strokes: readonly Stroke[]): void {
    this.#strokes = copyStrokes(strokes);
    this.#undone = [];
    this.#version++;
  }

  /** Empties the drawing and the redo stack; false when there was nothing to clear. */
  clear(): boolean {
    if (this.#strokes.length === 0 && this.#undone.length === 0) return false;
    this.#strokes = [];
    this.#undone = [];
    this.#version++;
    return true;
  }
}
