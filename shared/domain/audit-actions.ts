// Audit actions in plain words, for the audit screen and its exports. An action not listed (a newer
// module's) reads as its words with the dot made a space.
const NAMES: Record<string, string> = {
  'case.created': 'Case created',
  'case.changed': 'Case changed',
  'case.evaluated': 'Case evaluated',
  'letter.issued': 'Letter issued',
  'letter.voided': 'Letter voided',
  'letter.superseded': 'Letter superseded',
  'pack.imported': 'Rule pack installed',
  'pack.deactivated': 'Rule pack deactivated',
  'batch.evaluated': 'Order book evaluated',
  'shipment.recorded': 'Shipment recorded',
  'shipment.reversed': 'Shipment reversed',
  'shipments.imported': 'Shipment history imported',
  'shipments.reversed': 'Shipment import reversed',
  'key.created': 'Signing identity created',
  'trust.changed': 'Trust list changed',
  'audit.anchored': 'Audit log anchored',
  'store.sealed': 'Records sealed',
  'products.imported': 'Products imported',
  'product.added': 'Product added',
  'product.changed': 'Product changed',
  'list.imported': 'Screening list imported',
  'screening.decided': 'Screening match decided',
  'screening.settings': 'Screening settings changed',
  'license.added': 'License added',
};

export function actionName(action: string): string {
  const known = NAMES[action];
  if (known) return known;
  const words = action.replace(/[._-]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : action;
}

/** The groups the audit screen filters by: the part before the dot, named. */
export const ACTION_GROUPS: { prefix: string; label: string }[] = [
  { prefix: 'case', label: 'Cases' },
  { prefix: 'letter', label: 'Letters' },
  { prefix: 'pack', label: 'Rule packs' },
  { prefix: 'shipment', label: 'Shipments' },
  { prefix: 'key', label: 'Signing identity' },
  { prefix: 'trust', label: 'Trust list' },
  { prefix: 'audit', label: 'Anchors' },
  { prefix: 'product', label: 'Products' },
  { prefix: 'list', label: 'Screening lists' },
  { prefix: 'screening', label: 'Screening' },
  { prefix: 'license', label: 'Licenses' },
  { prefix: 'batch', label: 'Batches' },
  { prefix: 'store', label: 'Store' },
];
