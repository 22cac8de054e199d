export * from './catalog';
export * from './render';
