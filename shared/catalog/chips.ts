// Chip catalogue for filling a case item in one click. Values come from ../shared/rules/REFERENCE.md §11,
// which takes them from s-w-kelly/chip-export-controls `src/data/chipData.js` (citing NVIDIA/AMD
// datasheets) and SemiAnalysis. TPP = dense TOPS/TFLOPS × bit length at the precision giving the highest
// value. Die areas marked "estimate" are the source's own estimates; a missing die area stays missing.
import type { Item } from '../domain/case';

export interface SourcedValue {
  value: number;
  source: string;
  /** True where the source itself calls the value an estimate. */
  estimate?: boolean;
}

export interface Chip {
  id: string;
  vendor: 'NVIDIA' | 'AMD';
  name: string;
  tpp: SourcedValue;
  performanceDensity: SourcedValue;
  dieAreaMm2?: SourcedValue;
  /** The classification the reference derives from the thresholds; the engine classifies for itself. */
  referenceClass: string;
  note?: string;
}

const CHIPDATA = 's-w-kelly/chip-export-controls src/data/chipData.js (NVIDIA/AMD datasheets), REFERENCE.md §11';
const SEMI = 'SemiAnalysis: 1,978.9 dense FP8 TFLOPS × 8 = 15,831; chipData.js 15,832 (REFERENCE.md §11, §14)';

function v(value: number, source = CHIPDATA, estimate = false): SourcedValue {
  return estimate ? { value, source, estimate } : { value, source };
}

export const CHIPS: readonly Chip[] = [
  { id: 'nvidia-h100-sxm', vendor: 'NVIDIA', name: 'H100 SXM', tpp: v(15832, SEMI), performanceDensity: v(19.45), dieAreaMm2: v(814), referenceClass: '3A090.a' },
  { id: 'nvidia-h100-pcie', vendor: 'NVIDIA', name: 'H100 NVL / PCIe', tpp: v(13364), performanceDensity: v(16.42), dieAreaMm2: v(814), referenceClass: '3A090.a' },
  { id: 'nvidia-h200-sxm', vendor: 'NVIDIA', name: 'H200 SXM', tpp: v(15832), performanceDensity: v(19.45), dieAreaMm2: v(814), referenceClass: '3A090.a', note: '4.8 TB/s HBM: within the January 2026 China case-by-case policy' },
  { id: 'nvidia-h800-sxm', vendor: 'NVIDIA', name: 'H800 SXM', tpp: v(15832), performanceDensity: v(19.45), dieAreaMm2: v(814), referenceClass: '3A090.a' },
  { id: 'nvidia-h20', vendor: 'NVIDIA', name: 'H20', tpp: v(2368, 'chipData.js: 296 dense FP8 TFLOPS × 8 (REFERENCE.md §11)'), performanceDensity: v(2.91), dieAreaMm2: v(814), referenceClass: 'not 3A090', note: 'Below both 3A090.b thresholds by the arithmetic; chipData.js labels it 3A090.b.2' },
  { id: 'nvidia-a100', vendor: 'NVIDIA', name: 'A100 / A800', tpp: v(4992, 'chipData.js: 312 dense FP16 TFLOPS × 16 (REFERENCE.md §11)'), performanceDensity: v(6.04), dieAreaMm2: v(826), referenceClass: '3A090.a' },
  { id: 'nvidia-b100', vendor: 'NVIDIA', name: 'B100', tpp: v(28000), performanceDensity: v(17.2), dieAreaMm2: v(1628, CHIPDATA, true), referenceClass: '3A090.a' },
  { id: 'nvidia-b200', vendor: 'NVIDIA', name: 'B200', tpp: v(36000), performanceDensity: v(22.11), dieAreaMm2: v(1628, CHIPDATA, true), referenceClass: '3A090.a' },
  { id: 'nvidia-b300', vendor: 'NVIDIA', name: 'B300', tpp: v(56000, 'chipData.js: 14,000 dense FP4 × 4 (REFERENCE.md §11)'), performanceDensity: v(34.4), referenceClass: '3A090.a', note: 'Die area: an estimate in the source, not given as a number' },
  { id: 'amd-mi300x', vendor: 'AMD', name: 'MI300X', tpp: v(20919), performanceDensity: v(20.57), dieAreaMm2: v(1017, CHIPDATA, true), referenceClass: '3A090.a' },
  { id: 'amd-mi325x', vendor: 'AMD', name: 'MI325X', tpp: v(20919), performanceDensity: v(20.57), dieAreaMm2: v(1017, CHIPDATA, true), referenceClass: '3A090.a', note: '6 TB/s HBM: within the January 2026 China case-by-case policy' },
  { id: 'amd-mi300a', vendor: 'AMD', name: 'MI300A', tpp: v(15690), performanceDensity: v(15.43), referenceClass: '3A090.a' },
  { id: 'amd-mi350x', vendor: 'AMD', name: 'MI350X', tpp: v(36910), performanceDensity: v(36.29), referenceClass: '3A090.a' },
  { id: 'amd-mi355x', vendor: 'AMD', name: 'MI355X', tpp: v(40265), performanceDensity: v(39.59), referenceClass: '3A090.a' },
  { id: 'amd-mi250x', vendor: 'AMD', name: 'MI250X', tpp: v(6128), performanceDensity: v(3.88), dieAreaMm2: v(1580, CHIPDATA, true), referenceClass: '3A090.a', note: 'TPP ≥ 4800' },
  { id: 'amd-mi250', vendor: 'AMD', name: 'MI250', tpp: v(5794), performanceDensity: v(3.67), dieAreaMm2: v(1580, CHIPDATA, true), referenceClass: '3A090.a', note: 'TPP ≥ 4800' },
  { id: 'amd-mi210', vendor: 'AMD', name: 'MI210', tpp: v(2896), performanceDensity: v(3.67), dieAreaMm2: v(790, CHIPDATA, true), referenceClass: '3A090.b', note: '3A090.b.1' },
];

export function findChip(id: string): Chip | undefined {
  return CHIPS.find((c) => c.id === id);
}

/**
 * A case item for `quantity` units of the chip, as an IC or as a computer holding `perUnit` chips (the
 * format's TPP for a computer is that of all its ICs together; its density is that of its ICs).
 */
export function itemFromChip(chip: Chip, opts: { quantity: number; kind?: 'ic' | 'computer'; perUnit?: number }): Item {
  const kind = opts.kind ?? 'ic';
  const perUnit = kind === 'computer' ? Math.max(1, Math.floor(opts.perUnit ?? 8)) : 1;
  const item: Item = {
    description: kind === 'computer' ? `${perUnit}× ${chip.vendor} ${chip.name} server` : `${chip.vendor} ${chip.name}`,
    kind,
    quantity: opts.quantity,
    tppPerUnit: chip.tpp.value * perUnit,
    performanceDensity: chip.performanceDensity.value,
    datacenter: true,
  };
  if (chip.dieAreaMm2) item.dieAreaMm2 = chip.dieAreaMm2.value;
  return item;
}
