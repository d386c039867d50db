import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DEFAULT_SIZE, fitBounds, loadWindowState, parseWindowState, saveWindowState, STATE_FILE } from '../../../main/shell/window-state';

const screenA = { x: 0, y: 0, width: 1920, height: 1040 };
const screenB = { x: 1920, y: 0, width: 2560, height: 1400 };

test('no saved state: default size centred on the primary display', () => {
  const b = fitBounds(null, [screenA]);
  assert.deepEqual(b, { x: (1920 - DEFAULT_SIZE.width) / 2, y: (1040 - DEFAULT_SIZE.height) / 2, ...DEFAULT_SIZE });
});

test('saved bounds on a present display are kept', () => {
  const saved = { x: 2000, y: 100, width: 1600, height: 1000 };
  assert.deepEqual(fitBounds(saved, [screenA, screenB]), saved);
});

test('a window left on a display that is gone comes back to the primary one', () => {
  const b = fitBounds({ x: 2000, y: 100, width: 1600, height: 1000 }, [screenA]);
  assert.equal(b.x >= 0 && b.x + b.width <= 1920, true);
});

test('an oversized window shrinks to the display', () => {
  const b = fitBounds({ x: -10, y: -10, width: 2000, height: 1100 }, [screenA]);
  assert.deepEqual(b, screenA);
});

test('state round-trips through the data folder; junk is ignored', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-ws-'));
  try {
    assert.equal(loadWindowState(dir), null);
    saveWindowState(dir, { bounds: { x: 1, y: 2, width: 1100, height: 700 }, maximized: true });
    assert.deepEqual(loadWindowState(dir), { bounds: { x: 1, y: 2, width: 1100, height: 700 }, maximized: true });
    writeFileSync(join(dir, STATE_FILE), '{"bounds":{"x":"1"}}');
    assert.equal(loadWindowState(dir), null);
    assert.equal(parseWindowState('not json'), null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
