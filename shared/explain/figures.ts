/** The query API over the model moved to shared/disclosure/figures.ts (used below explanations too). */
export * from '../disclosure/figures.ts';
