// The `tierline.case/1` interchange document (docs/case-format.md). Unknown fields are an
// error so that a typo never silently changes a determination.
import { z } from 'zod';
import { isCountryCode } from './countries';
import { countryCodeMessage } from './suggest';
import { IsoDate } from './dates';
import { SchemaRef } from './schema-ref';

/** An ISO 3166-1 alpha-2 code as the format stores it (capitals). Anything else is refused with the code
 * meant when it can tell ("de" → DE, "UAE" → AE, "Germany" → DE): the document is hashed as written, so it
 * is never rewritten silently. */
export const CountryCodeSchema = z.string().check((ctx) => {
  if (!isCountryCode(ctx.value)) ctx.issues.push({ code: 'custom', message: countryCodeMessage(ctx.value), input: ctx.value });
});

const NonNegative = z.number().finite().nonnegative();

/** C0 and C1 control characters (NUL, line breaks, ESC, DEL…): never part of a name. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NUL = /\u0000/;

function controlMessage(v: string): string {
  const m = CONTROL.exec(v);
  const code = m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : '';
  return `control characters are not allowed in a name (found ${code} at character ${(m?.index ?? 0) + 1})`;
}

/** A party's or consignee's name: trimmed, 1..300 characters, no control characters. */
function nameField(empty: string) {
  return z
    .string()
    .trim()
    .min(1, empty)
    .max(300)
    .check((ctx) => {
      if (CONTROL.test(ctx.value)) ctx.issues.push({ code: 'custom', message: controlMessage(ctx.value), input: ctx.value });
    });
}

/** Free text (descriptions, addresses): line breaks allowed, NUL never. */
function freeText(max: number) {
  return z.string().max(max).refine((v) => !NUL.test(v), { message: 'the NUL character (U+0000) is not allowed in text' });
}

export const TransactionType = z.enum(['export', 'reexport', 'transfer', 'deemed_export']);
export type TransactionType = z.infer<typeof TransactionType>;

export const EndUse = z.enum(['development', 'production', 'storage', 'datacenter', 'research', 'other']);
export type EndUse = z.infer<typeof EndUse>;

export const EndUserType = z.enum([
  'data_center',
  'commercial',
  'university',
  'government',
  'ai_lab',
  'contract_manufacturer',
  'distributor',
  'employee',
  'individual',
]);
export type EndUserType = z.infer<typeof EndUserType>;

export const ItemKind = z.enum(['ic', 'computer', 'model_weights', 'software', 'technology', 'other']);
export type ItemKind = z.infer<typeof ItemKind>;

export const Authorization = z.enum([
  'NOT_CONTROLLED',
  'NLR',
  'AIA',
  'ACM',
  'LPP',
  'ACA',
  'NAC',
  'UVEU',
  'NVEU',
  'LICENSE',
  'PROHIBITED',
]);
export type Authorization = z.infer<typeof Authorization>;

export const EvaluationMode = z.enum(['as_written', 'enforced']);
export type EvaluationMode = z.infer<typeof EvaluationMode>;

export const Eccn = z
  .string()
  .regex(/^[0-9][A-E][0-9]{3}(\.[a-z0-9]+)*$/, 'expected an ECCN such as "3A090.a" or "5A002.z.1.a"');

export const Veu = z.strictObject({
  kind: z.enum(['UVEU', 'NVEU']),
  country: CountryCodeSchema.optional(),
  certifiedSupp10Paras14_15_18: z.boolean().optional(),
  computeByCountryTpp: z.record(CountryCodeSchema, NonNegative).optional(),
});
export type Veu = z.infer<typeof Veu>;

/** An owner of a party, as the case states it (BIS's 2025 affiliates rule and OFAC's 50 % rule read it). */
export const Owner = z.strictObject({
  name: nameField('an owner needs a name'),
  country: CountryCodeSchema.optional(),
  percent: z.number().finite().min(0).max(100),
});
export type Owner = z.infer<typeof Owner>;

export const EndUser = z.strictObject({
  name: nameField('the end user needs a name'),
  type: EndUserType.optional(),
  headquarters: CountryCodeSchema,
  ultimateParentHeadquarters: CountryCodeSchema.optional(),
  privateSector: z.boolean().optional(),
  nationality: CountryCodeSchema.optional(),
  permanentRegularEmployee: z.boolean().optional(),
  veu: Veu.optional(),
  owners: z.array(Owner).max(50).optional(),
});
export type EndUser = z.infer<typeof EndUser>;

export const PartyRole = z.enum(['purchaser', 'intermediate_consignee', 'ultimate_consignee', 'freight_forwarder', 'other']);
export type PartyRole = z.infer<typeof PartyRole>;

/** Another party to the transaction, screened with the end user. */
export const Party = z.strictObject({
  role: PartyRole,
  name: nameField('a party needs a name'),
  country: CountryCodeSchema,
  address: freeText(500).optional(),
  owners: z.array(Owner).max(50).optional(),
});
export type Party = z.infer<typeof Party>;

/** One kind of IC inside a computer or electronic assembly (ECCN 4A090 turns on each IC, not their sum). */
export const ItemIc = z.strictObject({
  count: z.number().int('count must be a whole number').min(1).max(100_000),
  tppPerUnit: NonNegative,
  performanceDensity: NonNegative.optional(),
  dieAreaMm2: z.number().finite().positive().optional(),
  datacenter: z.boolean().optional(),
  approvedDesigner: z.boolean().optional(),
  dramBandwidthGBs: NonNegative.optional(),
});
export type ItemIc = z.infer<typeof ItemIc>;

/** The model that weights were derived from (Note 1 to ECCN 4E091). */
export const DerivedFrom = z.strictObject({
  weightsPublished: z.boolean(),
  trainingOperations: NonNegative,
});
export type DerivedFrom = z.infer<typeof DerivedFrom>;

/** TPP of one unit: as given, or the sum over the ICs it contains. */
export function unitTppOf(item: { tppPerUnit?: number; ics?: readonly ItemIc[] }): number | undefined {
  if (item.tppPerUnit !== undefined) return item.tppPerUnit;
  return item.ics ? item.ics.reduce((s, ic) => s + ic.count * ic.tppPerUnit, 0) : undefined;
}

export const Item = z.strictObject({
  description: freeText(500).optional(),
  /** A product of the catalogue; its values fill what the item leaves out before validation (main/core/catalogue). */
  partNumber: z
    .string()
    .trim()
    .min(1, 'a part number cannot be empty')
    .max(100)
    .refine((v) => !CONTROL.test(v), { message: 'control characters are not allowed in a part number' })
    .optional(),
  kind: ItemKind,
  eccn: Eccn.optional(),
  quantity: z.number().int('quantity must be a whole number').min(1).max(1_000_000_000),
  tppPerUnit: NonNegative.optional(),
  ics: z.array(ItemIc).min(1, 'list at least one IC, or leave ics out').max(100).optional(),
  performanceDensity: NonNegative.optional(),
  dieAreaMm2: z.number().finite().positive().optional(),
  datacenter: z.boolean().optional(),
  approvedDesigner: z.boolean().optional(),
  dramBandwidthGBs: NonNegative.optional(),
  trainingOperations: NonNegative.optional(),
  derivedFrom: DerivedFrom.optional(),
  weightsPublished: z.boolean().optional(),
  mostCapablePublishedTrainingOperations: NonNegative.optional(),
  storageCompliesSupp10Paras14_15_18: z.boolean().optional(),
  trainedOnUsControlledChips: z.boolean().optional(),
  /** Price per unit in U.S. dollars: a shipment under a license with a value limit draws it down. */
  unitValueUsd: NonNegative.optional(),
});
export type Item = z.infer<typeof Item>;

export const PriorShipment = z.strictObject({
  date: IsoDate,
  destination: CountryCodeSchema,
  consignee: nameField('a shipment needs its consignee'),
  tpp: NonNegative,
  // a prohibited transaction is never a shipment (the ledger's schema does not know PROHIBITED)
  authorization: Authorization.exclude(['PROHIBITED'], { message: 'a shipment cannot have gone under PROHIBITED' }),
});
export type PriorShipment = z.infer<typeof PriorShipment>;

export const Attestations = z.strictObject({
  usSupplySufficient: z.boolean().optional(),
  chinaShipmentsWithin50pctOfUs: z.boolean().optional(),
  kycRemoteAccessControls: z.boolean().optional(),
  thirdPartyUsLabTested: z.boolean().optional(),
  ultimateCustomersOutsideD5Macau: z.boolean().optional(),
});
export type Attestations = z.infer<typeof Attestations>;

export const CASE_FORMAT = 'tierline.case/1';

export const Case = z
  .strictObject({
    $schema: SchemaRef,
    format: z.literal(CASE_FORMAT),
    reference: z
      .string()
      .max(200)
      .refine((v) => !CONTROL.test(v), { message: 'control characters are not allowed in a reference' })
      .optional(),
    date: IsoDate,
    mode: EvaluationMode.optional(),
    transaction: z
      .strictObject({
        type: TransactionType.optional(),
        from: CountryCodeSchema.optional(),
      })
      .optional(),
    destination: CountryCodeSchema,
    endUse: EndUse.optional(),
    endUser: EndUser,
    items: z.array(Item).min(1, 'a case needs at least one item').max(1000),
    parties: z.array(Party).max(100).optional(),
    priorShipments: z.array(PriorShipment).max(100_000).optional(),
    attestations: Attestations.optional(),
  })
  .superRefine((c, ctx) => {
    c.items.forEach((item, i) => {
      if ((item.kind === 'ic' || item.kind === 'computer') && item.tppPerUnit === undefined && !item.ics && !item.eccn) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'tppPerUnit'],
          message: item.kind === 'computer' ? 'a computer needs ics (or tppPerUnit, or an eccn) to be classified' : 'an IC needs tppPerUnit (or an eccn) to be classified',
        });
      }
      if (item.ics && item.kind !== 'computer') {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'ics'], message: 'ics lists the ICs inside a computer or electronic assembly: give kind "computer"' });
      }
      if (item.ics && item.tppPerUnit !== undefined) {
        const sum = unitTppOf({ ics: item.ics })!;
        if (Math.abs(sum - item.tppPerUnit) > 1e-9 * Math.max(1, sum)) {
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'tppPerUnit'],
            message: `tppPerUnit (${item.tppPerUnit}) must equal the sum over ics of count × tppPerUnit (${sum}); leave tppPerUnit out to use the sum`,
          });
        }
      }
      if (item.derivedFrom) {
        if (item.kind !== 'model_weights') {
          ctx.addIssue({ code: 'custom', path: ['items', i, 'derivedFrom'], message: 'derivedFrom describes the model that model weights were derived from: give kind "model_weights"' });
        } else if (item.trainingOperations === undefined) {
          ctx.addIssue({ code: 'custom', path: ['items', i, 'trainingOperations'], message: 'derived weights need trainingOperations: the total, the base model\'s training included' });
        } else if (item.derivedFrom.trainingOperations > item.trainingOperations) {
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'derivedFrom', 'trainingOperations'],
            message: `the base model's operations (${item.derivedFrom.trainingOperations}) exceed the item's trainingOperations (${item.trainingOperations}), which includes them`,
          });
        }
      }
      if ((item.kind === 'software' || item.kind === 'technology') && !item.eccn) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'eccn'],
          message: 'software and technology need an eccn to be classified',
        });
      }
      if (item.kind === 'model_weights' && item.trainingOperations === undefined && !item.eccn && item.weightsPublished !== true) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'trainingOperations'],
          message: 'unpublished model weights need trainingOperations (or an eccn) to be classified',
        });
      }
    });
    if (c.endUser.veu?.kind === 'NVEU' && !c.endUser.veu.country) {
      ctx.addIssue({
        code: 'custom',
        path: ['endUser', 'veu', 'country'],
        message: 'an NVEU is granted per country: give the country it is for',
      });
    }
    if (c.transaction?.type === 'deemed_export' && !c.endUser.nationality) {
      ctx.addIssue({
        code: 'custom',
        path: ['endUser', 'nationality'],
        message: 'a deemed export needs the foreign national\'s nationality',
      });
    }
  });
export type Case = z.infer<typeof Case>;

/** The case with every documented default applied; what the engine reads. */
export interface NormalizedCase extends Omit<Case, 'transaction' | 'endUser'> {
  transaction: { type: TransactionType; from: string };
  endUser: EndUser & { ultimateParentHeadquarters: string; privateSector: boolean };
}

export function normalizeCase(c: Case): NormalizedCase {
  const u = c.endUser;
  const endUser: NormalizedCase['endUser'] = {
    name: u.name,
    type: u.type,
    headquarters: u.headquarters,
    ultimateParentHeadquarters: u.ultimateParentHeadquarters ?? u.headquarters,
    privateSector: u.privateSector ?? true,
    nationality: u.nationality,
    permanentRegularEmployee: u.permanentRegularEmployee,
    veu: u.veu,
    owners: u.owners,
  };
  return {
    format: c.format,
    reference: c.reference,
    date: c.date,
    mode: c.mode,
    transaction: { type: c.transaction?.type ?? 'export', from: c.transaction?.from ?? 'US' },
    destination: c.destination,
    endUse: c.endUse,
    endUser,
    items: c.items,
    parties: c.parties,
    priorShipments: c.priorShipments,
    attestations: c.attestations,
  };
}

/** How party names and consignees are matched: case-, width- and spacing-insensitive. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
