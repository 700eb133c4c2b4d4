/** Findings are part of the normalized model (shared/disclosure/finding.ts); re-exported here for the rules. */
export * from '../disclosure/finding.ts';
