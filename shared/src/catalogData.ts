/** The generated catalog, typed. esbuild bundles the JSON, so nothing reads a file at run time. */
import type { Catalog } from './catalog';
import data from '../data/catalog.json';

export const CATALOG: Catalog = data as Catalog;
