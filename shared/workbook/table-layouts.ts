/** The tables' coordinates belong to the model (shared/disclosure/table-layouts.ts); re-exported for the readers. */
export * from '../disclosure/table-layouts.ts';
