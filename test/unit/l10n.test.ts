/**
 * Messages filled in both languages (`fmt`): placeholders in any order, repeated or missing, and
 * arguments taken as written (no replacement patterns), as a regular-expression replace does.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { fmt } from '../../server/src/core/l10n';

/** `fmt`'s definition, for one language */
const reference = (s: string, args: Array<string | number>): string => s.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));

describe('message templates (fmt)', function () {
  it('fills the placeholders of both languages', function () {
    const m = fmt({ en: '{0}: {1} is {2}, not {1}', 'zh-cn': '「{0}」：{2}，不是 {1}' }, '进度', 95, '$&');
    assert.deepEqual(m, { en: '进度: 95 is $&, not 95', 'zh-cn': '「进度」：$&，不是 95' });
    assert.deepEqual(fmt({ en: 'line {3} {01}', 'zh-cn': '{}' }, 'a', 'b'), { en: 'line {3} b', 'zh-cn': '{}' });
  });

  it('fills any template as the regular-expression definition does', function () {
    const piece = fc.constantFrom('{0}', '{1}', '{2}', '{10}', '{01}', '{', '}', '{x}', '$&', '$1', ' ', '进度', 'a');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), { maxLength: 4 }), (pieces, args) => {
        const s = pieces.join('');
        // twice: the second time from the template split before
        for (let k = 0; k < 2; k++) assert.deepEqual(fmt({ en: s, 'zh-cn': s }, ...args), { en: reference(s, args), 'zh-cn': reference(s, args) });
      }),
      { numRuns: 2000 },
    );
  });
});
