// The fixed corpus a candidate rule pack must evaluate before it is stored (admit.ts): one case of each
// shape the engine decides (Tier 1, 2 and 3 destinations, chips and computers with their ICs, model
// weights, an HBM stack, the China case-by-case policy with its attestations, a D:5-headquartered entity
// abroad, a VEU, a deemed export, an uncontrolled part, declared prior shipments). The cases carry no
// date and no mode: admission runs each on many dates of the pack's coverage, in the pack's own mode.
/** A case document without date and mode (parsed with the Case schema when it runs; a test checks each parses). */
export type CorpusCase = { name: string; format: 'tierline.case/1' } & Record<string, unknown>;

const H100 = { kind: 'ic', eccn: '3A090.a', tppPerUnit: 15832, performanceDensity: 19.45, dieAreaMm2: 814, datacenter: true, approvedDesigner: true } as const;

export const PACK_CORPUS: readonly CorpusCase[] = [
  {
    name: 'Tier 1 data center, H100 servers',
    format: 'tierline.case/1',
    destination: 'DE',
    endUser: { name: 'Corpus Cloud GmbH', type: 'data_center', headquarters: 'DE', ultimateParentHeadquarters: 'DE' },
    items: [{ kind: 'computer', eccn: '4A090.a', quantity: 8, ics: [{ count: 8, tppPerUnit: 15832, performanceDensity: 19.45, datacenter: true, approvedDesigner: true }] }],
  },
  {
    name: 'Tier 2 data center, 1,000 H100 with prior shipments',
    format: 'tierline.case/1',
    destination: 'BR',
    endUser: { name: 'Corpus Dados SA', type: 'data_center', headquarters: 'BR' },
    items: [{ ...H100, quantity: 1000 }],
    priorShipments: [{ date: '2022-10-07', destination: 'BR', consignee: 'Corpus Dados SA', tpp: 1_000_000, authorization: 'LICENSE' }],
  },
  {
    name: 'China commercial, H200 under the case-by-case policy',
    format: 'tierline.case/1',
    destination: 'CN',
    transaction: { type: 'export', from: 'US' },
    endUser: { name: 'Corpus Hangzhou Co', type: 'commercial', headquarters: 'CN', ultimateParentHeadquarters: 'CN' },
    items: [{ ...H100, quantity: 1000, dramBandwidthGBs: 4800 }],
    attestations: { usSupplySufficient: true, chinaShipmentsWithin50pctOfUs: true, kycRemoteAccessControls: true, thirdPartyUsLabTested: true },
  },
  {
    name: 'Macau-headquartered entity in a Tier 1 country (headquarters test)',
    format: 'tierline.case/1',
    destination: 'SG',
    endUser: { name: 'Corpus Pearl Ltd', type: 'ai_lab', headquarters: 'MO', ultimateParentHeadquarters: 'CN' },
    items: [{ ...H100, quantity: 64 }],
  },
  {
    name: 'Tier 2 small order under the low-processing-performance cap',
    format: 'tierline.case/1',
    destination: 'MY',
    endUser: { name: 'Corpus Selangor Sdn Bhd', type: 'commercial', headquarters: 'MY' },
    items: [{ ...H100, quantity: 10, datacenter: false, performanceDensity: 3 }],
  },
  {
    name: 'Model weights to a Tier 2 AI lab',
    format: 'tierline.case/1',
    destination: 'IN',
    endUser: { name: 'Corpus Weights Pvt Ltd', type: 'ai_lab', headquarters: 'IN' },
    items: [{ kind: 'model_weights', eccn: '4E091', quantity: 1, trainingOperations: 2e26, weightsPublished: false, storageCompliesSupp10Paras14_15_18: true }],
  },
  {
    name: 'Deemed export of weights to a foreign employee',
    format: 'tierline.case/1',
    destination: 'US',
    transaction: { type: 'deemed_export' },
    endUser: { name: 'Corpus Employee', type: 'employee', headquarters: 'US', nationality: 'AE', permanentRegularEmployee: true },
    items: [{ kind: 'model_weights', quantity: 1, trainingOperations: 5e26, derivedFrom: { weightsPublished: false, trainingOperations: 5e26 } }],
  },
  {
    name: 'Universal VEU in a Tier 2 country',
    format: 'tierline.case/1',
    destination: 'AE',
    endUser: {
      name: 'Corpus Gulf Compute',
      type: 'data_center',
      headquarters: 'US',
      veu: { kind: 'UVEU', certifiedSupp10Paras14_15_18: true, computeByCountryTpp: { US: 5e9, DE: 1e9, AE: 1e8 } },
    },
    items: [{ ...H100, quantity: 500 }],
  },
  {
    name: 'Tier 3 destination, reexport of an HBM stack and an uncontrolled part',
    format: 'tierline.case/1',
    destination: 'RU',
    transaction: { type: 'reexport', from: 'DE' },
    endUser: { name: 'Corpus Moskva', type: 'government', headquarters: 'RU' },
    items: [
      { kind: 'ic', eccn: '3A090.c', quantity: 10 },
      { kind: 'other', quantity: 1, description: 'a cable' },
      { kind: 'ic', quantity: 100, tppPerUnit: 100, datacenter: false },
    ],
  },
];
