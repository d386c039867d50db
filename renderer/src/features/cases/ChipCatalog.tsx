// The chip catalogue (REFERENCE.md §11): one click fills an item with the chip's TPP, density and die
// area. Every value shows its source on hover and in the source line below the table.
import { useState } from 'react';
import { Button, Dialog, DialogBody, FormGroup, HTMLSelect, HTMLTable, InputGroup, Tag } from '@blueprintjs/core';
import { CHIPS, itemFromChip, type Chip, type SourcedValue } from '../../../../shared/catalog/chips';
import type { Item } from '../../../../shared/domain/case';

function Val({ v, digits = 0 }: { v?: SourcedValue; digits?: number }) {
  if (!v) return <span className="tl-muted" title="Not given by the source">—</span>;
  return (
    <span title={`Source: ${v.source}${v.estimate ? ' (estimate)' : ''}`}>
      {v.estimate ? '~' : ''}
      {v.value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}
    </span>
  );
}

export function ChipCatalog({ isOpen, onClose, onPick }: { isOpen: boolean; onClose: () => void; onPick: (item: Item, chip: Chip) => void }) {
  const [quantity, setQuantity] = useState('1');
  const [kind, setKind] = useState<'ic' | 'computer'>('ic');
  const [perUnit, setPerUnit] = useState('8');
  const [focus, setFocus] = useState<Chip>(CHIPS[0]);
  const q = Math.max(1, Math.floor(Number(quantity) || 1));
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title="Chip catalogue" icon="th-list" style={{ width: 920 }}>
      <DialogBody>
        <div className="tl-toolbar">
          <FormGroup label="Quantity" labelFor="cat-qty" inline>
            <InputGroup id="cat-qty" size="small" value={quantity} onValueChange={setQuantity} inputMode="numeric" style={{ width: 90 }} />
          </FormGroup>
          <FormGroup label="Add as" labelFor="cat-kind" inline>
            <HTMLSelect id="cat-kind" value={kind} onChange={(e) => setKind(e.target.value as 'ic' | 'computer')} options={[{ value: 'ic', label: 'Integrated circuits' }, { value: 'computer', label: 'Servers (computers)' }]} />
          </FormGroup>
          {kind === 'computer' && (
            <FormGroup label="Chips per server" labelFor="cat-per" inline>
              <InputGroup id="cat-per" size="small" value={perUnit} onValueChange={setPerUnit} inputMode="numeric" style={{ width: 60 }} />
            </FormGroup>
          )}
        </div>
        <div style={{ maxHeight: 'calc(100vh - 440px)', overflow: 'auto' }} tabIndex={0} aria-label="Chip table (scrolls)" role="region">
        <HTMLTable compact striped interactive className="tl-table" aria-label="Chips">
          <thead>
            <tr>
              <th>Chip</th>
              <th className="tl-num">TPP</th>
              <th className="tl-num">Perf. density</th>
              <th className="tl-num">Die area mm²</th>
              <th>Reference class</th>
              <th>Note</th>
              <th><span className="bp6-text-muted">Fill item</span></th>
            </tr>
          </thead>
          <tbody>
            {CHIPS.map((c) => (
              <tr key={c.id} onMouseEnter={() => setFocus(c)} onFocus={() => setFocus(c)}>
                <td><strong>{c.vendor}</strong> {c.name}</td>
                <td className="tl-num tl-mono"><Val v={c.tpp} /></td>
                <td className="tl-num tl-mono"><Val v={c.performanceDensity} digits={2} /></td>
                <td className="tl-num tl-mono"><Val v={c.dieAreaMm2} /></td>
                <td><Tag minimal intent={c.referenceClass === '3A090.a' ? 'danger' : c.referenceClass === '3A090.b' ? 'warning' : 'none'}>{c.referenceClass}</Tag></td>
                <td className="tl-muted" style={{ maxWidth: 220, whiteSpace: 'normal', fontSize: 11.5 }}>{c.note}</td>
                <td>
                  <Button
                    size="small"
                    intent="primary"
                    text="Use"
                    aria-label={`Use ${c.vendor} ${c.name}`}
                    data-testid={`use-${c.id}`}
                    onClick={() => onPick(itemFromChip(c, { quantity: q, kind, perUnit: Number(perUnit) || 8 }), c)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
        </div>
        <div className="tl-help tl-mt" aria-live="polite">
          <strong>{focus.vendor} {focus.name}</strong> — TPP: {focus.tpp.source}. Density: {focus.performanceDensity.source}.
          {focus.dieAreaMm2 ? ` Die area: ${focus.dieAreaMm2.source}${focus.dieAreaMm2.estimate ? ' (an estimate in the source)' : ''}.` : ' Die area: not given.'}
          <div className="tl-muted">TPP = dense TOPS/TFLOPS × bit length at the precision giving the highest value. The engine classifies the item itself; the reference class is only a guide.</div>
        </div>
      </DialogBody>
    </Dialog>
  );
}
