// The office signing identity (keys.ts: create, import, seal, unlock) and its place in the store
// (store.ts: the sealed record, the trust list, QR keys for offline checks).
export * from './keys';
export * from './store';
