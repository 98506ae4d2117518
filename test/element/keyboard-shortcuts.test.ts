import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortcutCommand, typedDigit } from '../../src/element/keyboard-shortcuts.ts';

const press = (key: string, modifiers: { ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean; altKey?: boolean; defaultPrevented?: boolean } = {}) =>
  shortcutCommand({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, defaultPrevented: false, ...modifiers });

test('Escape clears; Ctrl or Cmd+Z undoes; Ctrl or Cmd+Shift+Z and Ctrl or Cmd+Y redo', () => {
  assert.equal(press('Escape'), 'clear');
  assert.equal(press('z', { ctrlKey: true }), 'undo');
  assert.equal(press('z', { metaKey: true }), 'undo');
  assert.equal(press('Z', { ctrlKey: true, shiftKey: true }), 'redo');
  assert.equal(press('Z', { metaKey: true, shiftKey: true }), 'redo');
  assert.equal(press('y', { ctrlKey: true }), 'redo');
});

test('no command for plain keys, Alt, a handled event, or modified Escape', () => {
  assert.equal(press('z'), undefined);
  assert.equal(press('y', { ctrlKey: true, shiftKey: true }), undefined);
  assert.equal(press('z', { ctrlKey: true, altKey: true }), undefined);
  assert.equal(press('Escape', { defaultPrevented: true }), undefined);
  assert.equal(press('Escape', { ctrlKey: true }), undefined);
  assert.equal(press('Escape', { shiftKey: true }), undefined);
});

test('a digit key types that digit (top row, keypad, with Shift as some layouts need); not with Ctrl, Cmd, Alt or when handled', () => {
  const typed = (key: string, modifiers: { ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean; altKey?: boolean; defaultPrevented?: boolean } = {}) =>
    typedDigit({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, defaultPrevented: false, ...modifiers });
  assert.equal(typed('0'), 0);
  assert.equal(typed('7'), 7);
  assert.equal(typed('3', { shiftKey: true }), 3);
  assert.equal(typed('7', { ctrlKey: true }), undefined);
  assert.equal(typed('7', { metaKey: true }), undefined);
  assert.equal(typed('7', { altKey: true }), undefined);
  assert.equal(typed('7', { defaultPrevented: true }), undefined);
  assert.equal(typed('a'), undefined);
  assert.equal(typed('10'), undefined);
  assert.equal(typed('F1'), undefined);
});
