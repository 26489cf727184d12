/**
 * WR026: the parts of a total do not add up to it: `金额 322 。 其中 账户已沉淀金额：128.8
 * 待追回：193.2` needs 128.8 + 193.2 = 322. Only claims with at least two parts are checked (one
 * part after `其中` is a share, not a breakdown). Each number may be rounded to the decimals it
 * is written with: the sum may differ from the total by half a unit of the coarsest of them.
 * Parts that add up to less than the total are accepted when the list may be partial: counted
 * things (`笔`, `个`: highlights, not a breakdown) or a list ending in `等`.
 */
import { fmt } from '../l10n';
import type { SumClaim } from '../model';
import { decimalsOf, formatNumber, formatTrimmed, halfUnit, near, rangeKey, weekBlocks } from './numbers';
import type { Rule, RuleContext } from './types';

const messages = {
  mismatch: {
    en: '{0} {1} does not match its parts: {2} = {3}.',
    'zh-cn': '{0} {1} 与分项之和不符：{2} = {3}。',
  },
};

/** Units of counted things: `共处理工单50个，其中紧急10个，重要15个` lists highlights, not a breakdown. */
const COUNT_UNITS = new Set(['笔', '个', '次', '条', '件', '家']);

/** Parts that may leave some of the total out: counts, or a list that ends in `等` (etc.). */
function mayBePartial(ctx: RuleContext, claim: SumClaim): boolean {
  if (COUNT_UNITS.has(claim.total.unit) || claim.parts.some((p) => COUNT_UNITS.has(p.unit))) return true;
  const end = ctx.lines.offsetAt(claim.range.end);
  return /^[ \t]*(?:等|其他|其余|以及)/.test(ctx.text.slice(end, end + 4));
}

function check(ctx: RuleContext, claim: SumClaim): void {
  const { total, parts } = claim;
  if (parts.length < 2 || ![total, ...parts].every((n) => Number.isFinite(n.value) && Math.abs(n.value) < 1e15)) return;
  const sum = parts.reduce((s, p) => s + p.value, 0);
  const coarsest = Math.min(...[total, ...parts].map((n) => decimalsOf(n.raw)));
  if (near(sum, total.value, halfUnit(coarsest))) return;
  if (sum < total.value && mayBePartial(ctx, claim)) return;
  const shown = (n: { value: number; raw: string }) => formatNumber(n.value, decimalsOf(n.raw));
  const partsText = parts.map(shown).join(' + ');
  const sumText = formatTrimmed(sum, Math.max(...parts.map((p) => decimalsOf(p.raw))));
  ctx.emit({ range: claim.range, message: fmt(messages.mismatch, total.label.trim(), shown(total), partsText, sumText) });
}

export const wr026: Rule = {
  code: 'WR026',
  name: 'sum-mismatch',
  defaultSeverity: 'warning',
  description: { en: 'The parts of a total do not add up to it.', 'zh-cn': '分项之和与总数不符。' },
  messages,
  fixable: false,
  scope: 'week',
  check(ctx) {
    const seen = new Set<string>();
    for (const week of ctx.report.weeks) {
      for (const block of weekBlocks(week)) {
        for (const claim of block.sums) {
          const key = rangeKey(claim.range);
          if (seen.has(key)) continue;
          seen.add(key);
          check(ctx, claim);
        }
      }
    }
  },
};
