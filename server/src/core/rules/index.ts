/**
 * Every rule, in code order. A unit test checks that each file of this folder is listed here.
 * Cross-week rules (WR006, WR025's history part, WR031, WR051) read `ctx.history` and stay silent
 * without it.
 */
import { wr001 } from './wr001-missing-week-title';
import { wr002 } from './wr002-week-date-mismatch';
import { wr003 } from './wr003-duplicate-week-title';
import { wr004 } from './wr004-created-far-from-week';
import { wr005 } from './wr005-non-canonical-title';
import { wr006 } from './wr006-duplicate-week-across-files';
import { wr010 } from './wr010-missing-section';
import { wr011 } from './wr011-section-level';
import { wr012 } from './wr012-okr-numbering';
import { wr013 } from './wr013-empty-section';
import { wr020 } from './wr020-missing-metric';
import { wr021 } from './wr021-malformed-metric';
import { wr022 } from './wr022-metric-out-of-range';
import { wr023 } from './wr023-metric-below-target';
import { wr024 } from './wr024-conflicting-metric';
import { wr025 } from './wr025-wow-mismatch';
import { wr026 } from './wr026-sum-mismatch';
import { wr030 } from './wr030-progress-out-of-range';
import { wr031 } from './wr031-progress-regressed';
import { wr032 } from './wr032-impossible-date';
import { wr040 } from './wr040-incident-without-timestamp';
import { wr041 } from './wr041-incident-time-order';
import { wr042 } from './wr042-incident-duration';
import { wr043 } from './wr043-incident-outside-week';
import { wr044 } from './wr044-pending-postmortem';
import { wr050 } from './wr050-missing-goals';
import { wr051 } from './wr051-goal-not-followed-up';
import { wr060 } from './wr060-placeholder';
import type { Rule } from './types';

export const allRules: readonly Rule[] = [
  wr001,
  wr002,
  wr003,
  wr004,
  wr005,
  wr006,
  wr010,
  wr011,
  wr012,
  wr013,
  wr020,
  wr021,
  wr022,
  wr023,
  wr024,
  wr025,
  wr026,
  wr030,
  wr031,
  wr032,
  wr040,
  wr041,
  wr042,
  wr043,
  wr044,
  wr050,
  wr051,
  wr060,
];

export function ruleByCode(code: string): Rule | undefined {
  return allRules.find((r) => r.code === code);
}
