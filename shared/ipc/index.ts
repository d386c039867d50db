export * from './channels';
export * from './contract';
export * from './result';
export * from './plain-words';
export * from './contract-ledger';
