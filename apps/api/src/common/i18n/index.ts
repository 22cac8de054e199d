export * from './messages';
export * from './request-language';
export * from './stored-message';
