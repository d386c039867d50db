// The matcher on names that are words of JavaScript's Object.prototype: the index is stored as JSON and
// read back in a new process, so every token must survive that round trip as the text it is.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildIndex, memoryDeletes, ScreeningIndex, type SerializedIndex } from '../../../main/core/screening/matcher';
import { normalizeName } from '../../../main/core/screening/normalize';

describe('words that are Object.prototype keys', () => {
  test('"constructor", "toString", "__proto__" normalise to themselves', () => {
    assert.deepEqual(normalizeName('Separately Constructor Technologic Office Vektor').core, ['separately', 'constructor', 'technologic', 'office', 'vektor']);
    assert.deepEqual(normalizeName('ToString Valueof Trading').core, ['tostring', 'valueof', 'trade']);
    assert.deepEqual(normalizeName('__proto__ hasOwnProperty').core, ['proto', 'hasownproperty']);
  });

  test('an entry named with "constructor" is found from the stored (JSON) index, by that word', () => {
    const { index, deletes } = buildIndex([
      { name: 'JOINT STOCK COMPANY SEPARATELY CONSTRUCTOR TECHNOLOGIC OFFICE VEKTOR', altNames: ['AO OKTB VEKTOR'], countries: ['RU'], type: 'Entity' },
      { name: 'Acme Widgets Ltd.', altNames: [], countries: ['GB'], type: 'Entity' },
    ]);
    const stored = JSON.parse(JSON.stringify(index)) as SerializedIndex;
    assert.ok(stored.vocab.every((t) => typeof t === 'string'), 'every token is text after the JSON round trip');
    const s = new ScreeningIndex(stored, memoryDeletes(deletes));
    const hit = s.search({ name: 'Separately Constructor Technologic Office Vektor JSC' });
    assert.equal(hit[0]?.entry, 0);
    assert.equal(hit[0]?.decision, 'match');
    assert.deepEqual(s.search({ name: 'Acme Widgets' }).map((c) => c.entry), [1]);
  });
});
