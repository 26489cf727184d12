/** The pure core: text in, model and findings out. No editor, no connection. */
export * from './text';
export * from './l10n';
export type * from './model';
export * from './weeks';
export { parseReport, type ParseOptions, type ParsedReport } from './parse';
export { checkDocument, isReport, ENCODING_CODE, type CheckInput } from './check';
export { allRules, ruleByCode } from './rules';
export type { Finding, Fix, Rule, Severity, WeekHistory } from './rules/types';
export { WorkspaceIndex, weekEntries, type IndexedReport, type WeekEntry } from './workspace';
export { defaultProfile } from './profile/defaults';
export { profileSchema, profileOverrideSchema, type Profile, type ProfileOverride } from './profile/schema';
export { loadProfileText, applyOverride, mergeProfile, type LoadedProfile, type ProfileProblem } from './profile/load';
export { decodeReport } from './encoding';
