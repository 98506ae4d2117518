import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortcutCommand } from '../../src/element/keyboard-shortcuts.ts';

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
