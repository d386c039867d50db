import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { plainWords } from '../../../shared/ipc/plain-words';

test("zod's default messages read as plain words; the schemas' own messages pass through", () => {
  const s = z.strictObject({ q: z.number().int().min(1).max(10), kind: z.enum(['ic', 'computer']), name: z.string().min(1), n: z.number(), items: z.array(z.number()).min(1) });
  const a = s.safeParse({ q: 0, kind: 'chip', name: '', n: 'ten', items: [] });
  assert.ok(!a.success);
  assert.deepEqual(a.error.issues.map((i) => plainWords(i.message)), ['must be at least 1', 'choose one of "ic", "computer"', 'must not be empty', 'enter a number (digits only, no text)', 'needs at least 1 entry']);
  const b = s.safeParse({ q: 1.5 });
  assert.ok(!b.success);
  assert.deepEqual(b.error.issues.map((i) => plainWords(i.message)).slice(0, 3), ['enter a whole number', 'choose one of "ic", "computer"', 'required: this field is missing']);
  assert.equal(plainWords('expected a calendar date written YYYY-MM-DD'), 'expected a calendar date written YYYY-MM-DD');
});
