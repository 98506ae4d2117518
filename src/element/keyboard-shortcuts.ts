/**
 * The element's keyboard shortcuts, as the surface's `aria-keyshortcuts` announces them: Escape
 * clears, Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z or Ctrl/Cmd+Y redoes. Which key means what is a pure
 * function; the controller listens on the host and runs the host's method of that name.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type ShortcutCommand = 'clear' | 'undo' | 'redo';

/** The command a key press asks for, or undefined (handled elsewhere, Alt held, or not a shortcut). */
export function shortcutCommand(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'defaultPrevented'>): ShortcutCommand | undefined {
  if (event.defaultPrevented || event.altKey) return undefined;
  const command = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (key === 'escape' && !command && !event.shiftKey) return 'clear';
  if (command && key === 'z' && !event.shiftKey) return 'undo';
  if (command && ((key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey))) return 'redo';
  return undefined;
}

/** Runs the shortcuts for keys pressed anywhere in the host (the surface or its buttons), and marks them handled. */
export class KeyboardShortcutsController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement & { readonly [C in ShortcutCommand]: () => void };

  constructor(host: ReactiveControllerHost & HTMLElement & { readonly [C in ShortcutCommand]: () => void }) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('keydown', this.#onKeyDown);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('keydown', this.#onKeyDown);
  }

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    const command = shortcutCommand(event);
    if (!command) return;
    this.#host[command]();
    event.preventDefault();
  };
}
