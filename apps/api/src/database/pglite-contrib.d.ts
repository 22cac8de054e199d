// PGlite's contrib extensions are exported through package.json "exports", which this project's node10 module
// resolution does not read (the runtime does): their types, for the one we load.
declare module '@electric-sql/pglite/contrib/pg_trgm' {
  import type { Extension } from '@electric-sql/pglite';
  export const pg_trgm: Extension;
}
