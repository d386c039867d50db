// Plain-words explanations of each case field, following docs/case-format.md. Keys are the
// field's path with item indexes replaced by "*".
import { plainWords } from '../../../../shared/ipc/plain-words';

export interface FieldHelp {
  label: string;
  short: string;
  long?: string;
}

export const HELP: Record<string, FieldHelp> = {
  reference: { label: 'Your reference', short: 'Your own file or order number. Optional.', long: 'Free text that helps you find the case again. It does not affect the determination.' },
  date: { label: 'Date of the export', short: 'The rules are applied as of this date.', long: 'The date of the export, reexport, transfer or release. Tierline applies the regulations and BIS enforcement posture in force on this date, so the same shipment can get a different answer on another date.' },
  mode: { label: 'Evaluation mode', short: 'Leave on "both" to see as written and enforced side by side.', long: '"As written" applies the rule as codified in 15 CFR. "Enforced" applies what BIS actually enforces on that date (since 2025-05-13 BIS does not enforce the AI Diffusion rule). Both is the default.' },
  'transaction.type': { label: 'Transaction', short: 'Export, reexport, in-country transfer or deemed export.', long: 'A deemed export is a release of technology or software to a foreign national inside a country; the destination is then the person\'s country.' },
  'transaction.from': { label: 'Shipped from', short: 'Country the item leaves from (default US).' },
  destination: { label: 'Destination', short: 'Country the item goes to.', long: 'For a deemed export, the foreign national\'s country. The destination decides the Framework tier (Tier 1, 2 or 3).' },
  endUse: { label: 'End use', short: 'What the items will be used for. Optional.' },
  'endUser.name': { label: 'End user', short: 'Legal name of the end user. Prior shipments are matched on it.', long: 'Caps such as LPP per consignee per year add up earlier shipments to the same name, so write it the same way each time.' },
  'endUser.type': { label: 'End-user type', short: 'Data center, AI lab, university, government…' },
  'endUser.headquarters': { label: 'Headquarters', short: 'Country where the end user is headquartered.', long: 'The headquarters test: an end user headquartered in a Tier 3 country (D:5 or Macau) is treated as Tier 3 wherever the items go.' },
  'endUser.ultimateParentHeadquarters': { label: 'Ultimate parent HQ', short: 'Country of the ultimate parent\'s headquarters (default: same as HQ).', long: 'A subsidiary of a group headquartered in D:5 or Macau is treated like its parent (15 CFR 742.6(b)(10)(iii)(A)(1)).' },
  'endUser.privateSector': { label: 'Private sector', short: 'Off if owned or controlled by a government other than the U.S.' },
  'endUser.nationality': { label: 'Nationality', short: 'For individuals and deemed exports: the person\'s nationality.' },
  'endUser.permanentRegularEmployee': { label: 'Permanent regular employee', short: 'Deemed-export exclusion of 15 CFR 742.6(a)(13).' },
  'endUser.veu.kind': { label: 'Data Center VEU', short: 'Universal (UVEU) or National (NVEU) validated end user status, if any.' },
  'endUser.veu.country': { label: 'NVEU country', short: 'The country the NVEU authorization is for.' },
  'endUser.veu.certifiedSupp10Paras14_15_18': { label: 'Certified Supp. 10 ¶¶14, 15, 18', short: 'The VEU\'s security certifications (default yes).' },
  'endUser.veu.computeByCountryTpp': { label: 'UVEU installed compute by country', short: 'Installed AI compute (TPP) per country before this shipment.', long: 'For a Universal VEU: the TPP already installed in each country. The UVEU geographic shares (at least 75% in Tier 1, at most 7% in any one Tier 2 country) are checked against it.' },
  'items.*.description': { label: 'Description', short: 'What the item is, in your words.' },
  'items.*.kind': { label: 'Kind', short: 'Integrated circuit, computer, model weights, software, technology or other.' },
  'items.*.eccn': { label: 'ECCN', short: 'Optional where TPP classifies the item; a disagreement is reported.', long: 'If you give both an ECCN and the performance parameters and they disagree, the determination says so.' },
  'items.*.quantity': { label: 'Quantity', short: 'Number of units (whole number, at least 1).' },
  'items.*.tppPerUnit': { label: 'TPP per unit', short: 'Total processing performance of one unit; a computer: all its ICs together (leave it out when you list the ICs).', long: 'TPP = dense TOPS or TFLOPS × bit length, at the precision that gives the highest value. 3A090.a starts at 4800 (or 1600 with density ≥ 5.92).' },
  'items.*.performanceDensity': { label: 'Performance density', short: 'TPP ÷ applicable die area (or give the die area).' },
  'items.*.dieAreaMm2': { label: 'Die area (mm²)', short: 'Applicable die area, used to derive the density.' },
  'items.*.datacenter': { label: 'Datacenter item', short: 'Designed or marketed for datacenter use.' },
  'items.*.approvedDesigner': { label: 'Approved IC designer', short: 'Note 1 to 3A090.a: designed by an approved or authorized IC designer.' },
  'items.*.dramBandwidthGBs': { label: 'DRAM bandwidth (GB/s)', short: 'Total memory bandwidth; matters for the January 2026 China policy.' },
  'items.*.trainingOperations': {
    label: 'Training operations',
    short: 'All operations used to train the model: pre-training and every later training step, fine-tuning included.',
    long: 'ECCN 4E091 controls weights of models trained with 10^26 or more operations (exactly 10^26 counts). Count the operations of every training step (Technical Note 2), not the collection and curation of data. Note 3: if more than ten percent of the operations trained on unpublished data made by one data-generation model, add the operations that model used to generate the data, and, if its weights are not published, the operations used to train it; count each operation once. For derived weights give the total, the base model included.',
  },
  'items.*.derivedFrom': { label: 'Derived from', short: 'The model these weights were derived from: whether its weights are published, and its training operations.', long: 'Note 1 to 4E091: weights derived from a published model are not controlled unless the additional training exceeds the higher of 2.5 × 10^25 operations and 25 % of the total.' },
  'items.*.derivedFrom.weightsPublished': { label: 'Base model published', short: 'The base model\'s weights are "published" under § 734.7(a).' },
  'items.*.derivedFrom.trainingOperations': { label: 'Base model operations', short: 'Operations used to train the base model (part of this item\'s total).' },
  'items.*.ics': { label: 'ICs inside', short: 'For a computer: each kind of IC it contains, with count, TPP and density.', long: 'ECCN 4A090 covers computers containing ICs "any of which" meets 3A090.a or .b: each IC is judged on its own, never their sum. Without the ICs, the summed TPP is tested as one IC, which can only over-classify.' },
  'items.*.weightsPublished': { label: 'Weights published', short: 'Published under 15 CFR 734.7(a) (open weights): not 4E091.' },
  'items.*.mostCapablePublishedTrainingOperations': { label: 'Best published model (ops)', short: 'Note 2 to 4E091: training operations of the most capable published model.' },
  'items.*.storageCompliesSupp10Paras14_15_18': { label: 'Storage meets Supp. 10', short: 'Model weights storage meets Supp. 10 ¶¶14, 15, 18 (AIA (a)(3)).' },
  'items.*.trainedOnUsControlledChips': { label: 'Trained on U.S.-controlled chips', short: 'Foreign direct product rule 15 CFR 734.9(l).' },
  priorShipments: { label: 'Prior shipments', short: 'Earlier shipments you declare; they count toward caps for this evaluation only.', long: 'They are added to the ledger\'s shipments when this case is evaluated, and feed LPP per consignee per year, country allocations, the NVEU installed base and the AIA reporting threshold. They are not written into the ledger.' },
  attestations: { label: 'Attestations', short: 'Conditions you attest to; some authorizations depend on them.' },
};

export function helpFor(path: string): FieldHelp | undefined {
  // The nearest documented field: "endUser.veu.computeByCountryTpp.IN" falls back to the map's own help.
  let key = path.replace(/\.\d+\./g, '.*.');
  while (key) {
    if (HELP[key]) return HELP[key];
    key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '';
  }
  return undefined;
}

/** zod's default wording, turned into plain words for the form. */
export const plainMessage = plainWords;
