export * from './accounts';
export * from './common';
export * from './content';
export * from './identity';
