// The CLI reaches the engine by a relative path rather than the `@carescore/engine` alias, so
// `bin/carescore.js` works whatever tsconfig tsx finds from the caller's working directory.
export * from '../../../libs/engine/src';
