/**
 * The element's keyboard: the shortcuts the surface's `aria-keyshortcuts` announces (Escape
 * clears, Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z or Ctrl/Cmd+Y redoes), and, while the drawing
 * surface has focus, a digit key enters that digit as the answer: the alternative to drawing
 * that WCAG 2.2's dragging-movements criterion (2.5.7) asks for. Which key means what is pure;
 * the controller listens on the host and asks the host to act.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type ShortcutCommand = 'clear' | 'undo' | 'redo';

type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'defaultPrevented'>;

/** The command a key press asks for, or undefined (handled elsewhere, Alt held, or not a shortcut). */
export function shortcutCommand(event: KeyPress): ShortcutCommand | undefined {
  if (event.defaultPrevented || event.altKey) return undefined;
  const command = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (key === 'escape' && !command && !event.shiftKey) return 'clear';
  if (command && key === 'z' && !event.shiftKey) return 'undo';
  if (command && ((key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey))) return 'redo';
  return undefined;
}

/** The digit a key press types (top row or keypad; Shift allowed, as some layouts need it for digits), or undefined. */
export function typedDigit(event: KeyPress): number | undefined {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return undefined;
  return /^[0-9]$/.test(event.key) ? Number(event.key) : undefined;
}

export interface KeyboardOptions {
  /** The drawing surface: digit keys count only while it has focus. */
  surface(): HTMLElement | undefined;
  /** False while disabled or read-only: then no key changes the drawing or the answer. */
  editable(): boolean;
  run(command: ShortcutCommand): void;
  /** A digit key was pressed on the surface. */
  enter(digit: number): void;
}

/** Runs the keys pressed anywhere in the host (digits: on the surface only), and marks them handled. */
export class KeyboardShortcutsController implements ReactiveController {
  readonly #host: HTMLElement;
  readonly #options: KeyboardOptions;

  constructor(host: ReactiveControllerHost & HTMLElement, options: KeyboardOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('keydown', this.#onKeyDown);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('keydown', this.#onKeyDown);
  }

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    if (!this.#options.editable()) return;
    const command = shortcutCommand(event);
    const digit = command ? undefined : typedDigit(event);
    if (command) this.#options.run(command);
    else if (digit !== undefined && event.composedPath()[0] === this.#options.surface()) this.#options.enter(digit);
    else return;
    event.preventDefault();
  };
}
