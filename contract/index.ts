export * from './accounts';
export * from './common';
export * from './content';
export * from './identity';
export * from './incidents';
export * from './notify';
export * from './originality';
export * from './risk';
