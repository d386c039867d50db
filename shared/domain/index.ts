export * from './case';
export * from './canonical';
export * from './countries';
export * from './dates';
export * from './determination';
export * from './issues';
export * from './rulepack';
export * from './screening';
