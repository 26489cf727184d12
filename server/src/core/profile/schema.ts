/**
 * The team profile: every name, alias, level, threshold and severity of the dialect.
 * One zod schema for the complete profile (`profileSchema`) and its partial form for overrides
 * (`profileOverrideSchema`): `.zhoubao.json` and the `zhoubao.*` settings are overrides, merged
 * over the defaults by `profile/load.ts`. No `.default()` here: defaults live in defaults.ts.
 */
import { z } from 'zod';

export const severitySchema = z.enum(['error', 'warning', 'information', 'hint', 'off']);
export type SeverityName = z.infer<typeof severitySchema>;

export const sectionRoleSchema = z.enum([
  'review',
  'keyWork',
  'okr',
  'metrics',
  'incidents',
  'other',
  'reflection',
  'goals',
  'daily',
]);

const name = z.string().min(1).max(100);

export const sectionSchema = z.strictObject({
  /** stable identifier, used by settings and in findings' data */
  id: z.string().regex(/^[A-Za-z][\w-]{0,39}$/),
  /** canonical title, written inside 【】 when `bracketed` (OKR: the prefix, e.g. `O`) */
  title: name,
  aliases: z.array(name).max(50),
  level: z.number().int().min(1).max(6),
  bracketed: z.boolean(),
  required: z.boolean(),
  role: sectionRoleSchema.optional(),
});
export type SectionSpec = z.infer<typeof sectionSchema>;

export const metricSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z][\w-]{0,39}$/),
  name,
  aliases: z.array(name).max(50),
  /** the group label it is listed under (`支付成功率`) */
  group: name.optional(),
  /** `percent`: `99.997%`; `count`: a number; `grades`: per-grade incident counts */
  unit: z.enum(['percent', 'count', 'grades']),
  /** valid range of the value (percent defaults to 0..100) */
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  /** the value should be at least `min` / at most `max` (WR023) */
  target: z.strictObject({ min: z.number().finite().optional(), max: z.number().finite().optional() }).optional(),
  required: z.boolean(),
  /** for `grades`: the grade labels expected (`AB`, `CD`) */
  grades: z.array(z.string().regex(/^[A-Z]{1,4}$/)).max(10).optional(),
  /** for `grades`: counts step (0.5: half counts for shared responsibility) */
  step: z.number().positive().finite().optional(),
  /** maximum decimals written (percent) */
  decimals: z.number().int().min(0).max(10).optional(),
});
export type MetricSpec = z.infer<typeof metricSchema>;

/**
 * A glob relative to the workspace folder: not absolute (`/etc/**`, `C:/…`, `~/…`) and without a
 * `..` segment, so the indexer never reads outside the folder (`../../**`).
 */
const globSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((g) => !/^(?:[\\/]|[A-Za-z]:|~)/.test(g) && !/(?:^|[\\/])\.\.(?:[\\/]|$)/.test(g), 'must be relative to the workspace folder, without ".." (no files outside the folder are read)');

export const profileSchema = z.strictObject({
  $schema: z.string().optional(),
  /** report file names, `{year}` and `{week}` (two digits) stand for the ISO week (WR001, carry-over) */
  filePattern: z.string().min(1).max(200).refine((s) => s.includes('{week}'), 'must contain {week}'),
  /** which Markdown files of the workspace are looked at (globs relative to a workspace folder) */
  include: z.array(globSchema).max(50),
  exclude: z.array(globSchema).max(50),
  /** preferred week-title style (WR005, completion, carry-over) */
  titleStyle: z.enum(['iso', 'cn']),
  /** sections in canonical order; the `okr` role entry marks where OKR sections go */
  sections: z.array(sectionSchema).min(1).max(100),
  /** OKR sections: `【O1 业务服务】` */
  okr: z.strictObject({ prefix: z.string().regex(/^[A-Za-z]{1,5}$/) }),
  metrics: z.array(metricSchema).max(100),
  incidents: z.strictObject({
    /** the tag that marks a pending postmortem */
    pendingTag: name,
    /** WR043: incidents may lie in the title week and this many weeks before it */
    weeksBefore: z.number().int().min(0).max(52),
  }),
  /** cross-week rules (WR025, WR031, WR051) compare with the latest earlier report only when it
   *  is at most this many weeks back (a skipped holiday week still counts; a report from months
   *  ago is not "last week") */
  history: z.strictObject({
    maxWeeksBack: z.number().int().min(1).max(52),
  }),
  created: z.strictObject({
    /** WR004: the Created date may be at most this many days after the title week's Sunday */
    maxDaysAfter: z.number().int().min(0).max(3650),
  }),
  /** WR060: text left from templates */
  placeholders: z.array(z.string().min(1).max(50)).max(50),
  /** severities by rule code (`WR005: "off"`) */
  rules: z.record(z.string().regex(/^WR\d{3}$/), severitySchema),
});
export type Profile = z.infer<typeof profileSchema>;

/** An override: every key optional; sections and metrics are merged by `id`. */
export const profileOverrideSchema = z.strictObject({
  $schema: z.string().optional(),
  filePattern: profileSchema.shape.filePattern.optional(),
  include: profileSchema.shape.include.optional(),
  exclude: profileSchema.shape.exclude.optional(),
  titleStyle: profileSchema.shape.titleStyle.optional(),
  sections: z.array(sectionSchema.partial().required({ id: true })).max(100).optional(),
  okr: profileSchema.shape.okr.partial().optional(),
  metrics: z.array(metricSchema.partial().required({ id: true })).max(100).optional(),
  incidents: profileSchema.shape.incidents.partial().optional(),
  history: profileSchema.shape.history.partial().optional(),
  created: profileSchema.shape.created.partial().optional(),
  placeholders: profileSchema.shape.placeholders.optional(),
  rules: profileSchema.shape.rules.optional(),
});
export type ProfileOverride = z.infer<typeof profileOverrideSchema>;
