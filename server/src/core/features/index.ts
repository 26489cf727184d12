/** Editor features over the report model: pure functions with plain results (no LSP types). */
export { documentSymbols, type OutlineKind, type OutlineSymbol } from './symbols';
export { foldingRanges, type FoldingRegion } from './folding';
export { hoverAt, type HoverInfo } from './hover';
