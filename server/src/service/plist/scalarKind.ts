/** Element names of scalar values. `boolean` stands for `<true/>` and `<false/>`. Its own module so that the rows (table.ts) and the nodes (nodes.ts) can both name it without importing each other. */
export type ScalarKind = 'string' | 'integer' | 'real' | 'boolean' | 'date' | 'data';
