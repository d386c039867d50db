// A deterministic stream of varied, valid cases for benchmarks: chips from the catalogue, model
// weights, computers, every destination group, dates across 2023-2027, VEUs and declared shipments.
type Doc = Record<string, unknown>;

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DESTS = ['DE', 'FR', 'JP', 'GB', 'BR', 'IN', 'MY', 'TH', 'AE', 'SA', 'VN', 'MX', 'SG', 'PL', 'CN', 'MO', 'KH', 'EG', 'IL', 'US'];
const HQS = ['US', 'DE', 'JP', 'BR', 'IN', 'AE', 'CN', 'SG', 'FR', 'MY'];
const CHIPS = [
  { description: 'NVIDIA H100 SXM', tppPerUnit: 15832, performanceDensity: 19.45, dieAreaMm2: 814, dramBandwidthGBs: 3350 },
  { description: 'NVIDIA H200 SXM', tppPerUnit: 15832, performanceDensity: 19.45, dieAreaMm2: 814, dramBandwidthGBs: 4800 },
  { description: 'NVIDIA H20', tppPerUnit: 2368, performanceDensity: 2.91, dieAreaMm2: 814 },
  { description: 'NVIDIA A100', tppPerUnit: 4992, performanceDensity: 6.04, dieAreaMm2: 826 },
  { description: 'NVIDIA B200', tppPerUnit: 36000, performanceDensity: 22.11 },
  { description: 'AMD MI300X', tppPerUnit: 20919, performanceDensity: 20.57 },
  { description: 'AMD MI210', tppPerUnit: 2896, performanceDensity: 3.67, dieAreaMm2: 790 },
];
const USES = ['development', 'production', 'storage', 'datacenter', 'research', 'other'];

function pick<T>(r: () => number, a: readonly T[]): T {
  return a[Math.floor(r() * a.length)];
}

function date(r: () => number): string {
  const y = 2023 + Math.floor(r() * 5);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function generateCases(n: number, seed = 42): Doc[] {
  const r = rng(seed);
  const out: Doc[] = [];
  for (let k = 0; k < n; k++) {
    const destination = pick(r, DESTS);
    const hq = r() < 0.6 ? destination : pick(r, HQS);
    const items: Doc[] = [];
    // Most export cases carry one line item; some carry two or three (about 1.4 on average).
    const roll0 = r();
    const nItems = roll0 < 0.7 ? 1 : roll0 < 0.9 ? 2 : 3;
    for (let j = 0; j < nItems; j++) {
      const roll = r();
      if (roll < 0.12) {
        items.push({ description: 'closed model weights', kind: 'model_weights', quantity: 1, trainingOperations: pick(r, [5e25, 1e26, 2e26, 3e26, 8e26]), weightsPublished: r() < 0.2, storageCompliesSupp10Paras14_15_18: r() < 0.5 });
      } else if (roll < 0.3) {
        items.push({ description: '8-GPU server', kind: 'computer', eccn: '4A090.a', quantity: 1 + Math.floor(r() * 64), tppPerUnit: 126656, performanceDensity: 19.45, datacenter: true, approvedDesigner: true });
      } else {
        const chip = pick(r, CHIPS);
        items.push({ ...chip, kind: 'ic', quantity: 1 + Math.floor(r() * 3000), datacenter: r() < 0.9, approvedDesigner: r() < 0.95 });
      }
    }
    const doc: Doc = {
      format: 'tierline.case/1',
      reference: `BENCH-${k}`,
      date: date(r),
      destination,
      endUse: pick(r, USES),
      endUser: {
        name: `Consignee ${Math.floor(r() * 5000)}`,
        type: 'data_center',
        headquarters: hq,
        ultimateParentHeadquarters: r() < 0.85 ? hq : pick(r, HQS),
        ...(r() < 0.08 ? { veu: { kind: 'NVEU', country: destination } } : {}),
        ...(r() < 0.05 ? { veu: { kind: 'UVEU', computeByCountryTpp: { US: 2e9, GB: 4e8, [destination]: 1e8 } } } : {}),
      },
      items,
    };
    if (r() < 0.5) doc.mode = pick(r, ['as_written', 'enforced']);
    if (r() < 0.2) doc.priorShipments = [{ date: '2025-02-01', destination, consignee: (doc.endUser as Doc).name, tpp: Math.floor(r() * 3e7), authorization: pick(r, ['LPP', 'LICENSE', 'NVEU', 'AIA']) }];
    if (r() < 0.2) doc.attestations = { ultimateCustomersOutsideD5Macau: true, usSupplySufficient: true, chinaShipmentsWithin50pctOfUs: true, kycRemoteAccessControls: true, thirdPartyUsLabTested: r() < 0.5 };
    out.push(doc);
  }
  return out;
}
