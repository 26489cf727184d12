import * as assert from 'node:assert/strict';
import {
  addWeeks, daysBetween, defaultProfile, fileNameForWeek, formatTitle, formatWeekRange, isoWeekOf, isValidDate, isValidWeek,
  mondayOf, sundayOf, weekFromFileName,
} from '../../server/src/core';

describe('ISO weeks', () => {
  it('knows that 2023-11-13 is the Monday of ISO week 46', () => {
    assert.deepEqual(isoWeekOf({ year: 2023, month: 11, day: 13 }), { year: 2023, week: 46 });
    assert.deepEqual(mondayOf({ year: 2023, week: 46 }), { year: 2023, month: 11, day: 13 });
    assert.deepEqual(sundayOf({ year: 2024, week: 12 }), { year: 2024, month: 3, day: 24 });
  });

  it('handles week-year boundaries', () => {
    assert.deepEqual(isoWeekOf({ year: 2024, month: 12, day: 30 }), { year: 2025, week: 1 });
    assert.deepEqual(isoWeekOf({ year: 2021, month: 1, day: 3 }), { year: 2020, week: 53 });
    assert.ok(isValidWeek({ year: 2020, week: 53 }));
    assert.ok(!isValidWeek({ year: 2021, week: 53 }));
    assert.deepEqual(addWeeks({ year: 2020, week: 53 }, 1), { year: 2021, week: 1 });
    assert.deepEqual(addWeeks({ year: 2024, week: 1 }, -1), { year: 2023, week: 52 });
  });

  it('validates calendar dates', () => {
    assert.ok(isValidDate(2024, 2, 29));
    assert.ok(!isValidDate(2023, 2, 29));
    assert.ok(!isValidDate(2024, 2, 30));
    assert.ok(!isValidDate(2024, 13, 5));
    assert.equal(daysBetween({ year: 2023, month: 11, day: 19 }, { year: 2023, month: 11, day: 29 }), 10);
  });

  it('reads and writes file names under the profile pattern', () => {
    assert.deepEqual(weekFromFileName('/reports/2024-W12.md', defaultProfile), { year: 2024, week: 12 });
    assert.deepEqual(weekFromFileName('file:///r/2024-w05.md', defaultProfile), { year: 2024, week: 5 });
    assert.equal(weekFromFileName('README.md', defaultProfile), undefined);
    assert.equal(weekFromFileName('2024-W54.md', defaultProfile), undefined);
    assert.equal(weekFromFileName('my2024-W12.md', defaultProfile), undefined);
    assert.equal(fileNameForWeek({ year: 2024, week: 3 }, defaultProfile), '2024-W03.md');
  });

  it('formats titles in both styles', () => {
    assert.equal(formatTitle({ year: 2024, week: 3 }, 'iso'), '2024-W03');
    assert.equal(formatTitle({ year: 2023, week: 46 }, 'cn'), '第46周 2023-11-13');
    assert.equal(formatWeekRange({ year: 2024, week: 12 }), '2024-03-18 – 2024-03-24');
  });
});
