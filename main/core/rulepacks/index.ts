export * from './signing';
export * from './verify';
export * from './builtin';
export * from './bounds';
export * from './admit';
export * from './corpus';
