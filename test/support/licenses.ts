// The license BIS might grant for the Brazil data-centre cases the ledger and license tests use
// (tierline.license/1): 2,500 accelerator ICs for Paulista Dados SA, up to 40,000,000 TPP and $75,000,000,
// valid 2026-06-01 to 2026-12-15. `over` replaces any top-level field.
export function brazilLicense(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'tierline.license/1',
    number: 'D2026-0001',
    issued: '2026-06-01',
    expires: '2026-12-15',
    applicant: { name: 'Tierline Exports Inc.', country: 'US' },
    consignee: { name: 'Paulista Dados SA', country: 'BR' },
    endUser: { name: 'Paulista Dados SA', country: 'BR' },
    destination: 'BR',
    items: [{ eccn: '3A090.a', description: 'accelerator ICs', quantity: 2500, tppLimit: 40_000_000, valueLimitUsd: 75_000_000 }],
    conditions: ['No reexport without prior BIS authorization.'],
    ...over,
  };
}
