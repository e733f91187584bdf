import { describe, expect, test } from 'vitest'
import {
	duePeriodCode,
	indicatorSeries,
	lastEndedPeriod,
	missingReport,
	parseIndicatorNumber,
	reportPeriodMonths,
} from '#app/features/roadmap/indicator-series.ts'

const report = (id: number, period: string, value: string, dated = '2026-01-15', source = '') => ({ id, period, value, dated, source })

describe('reported periods', () => {
	test('a year, a half, a quarter and a month each cover their months', () => {
		const y = 2026 * 12
		expect(reportPeriodMonths('2026')).toEqual({ first: y, last: y + 11 })
		expect(reportPeriodMonths('2026-H2')).toEqual({ first: y + 6, last: y + 11 })
		expect(reportPeriodMonths('2026-s1')).toEqual({ first: y, last: y + 5 })
		expect(reportPeriodMonths('2026-Q3')).toEqual({ first: y + 6, last: y + 8 })
		expect(reportPeriodMonths(' 2026-07 ')).toEqual({ first: y + 6, last: y + 6 })
		expect(reportPeriodMonths('July 2026')).toBeNull()
		expect(reportPeriodMonths('2026-13')).toBeNull()
	})

	test('numbers are read as people type them, in either language', () => {
		expect(parseIndicatorNumber('42')).toBe(42)
		expect(parseIndicatorNumber('42,5')).toBe(42.5)
		expect(parseIndicatorNumber('42.5')).toBe(42.5)
		expect(parseIndicatorNumber('1,200')).toBe(1200)
		expect(parseIndicatorNumber('1.200,5')).toBe(1200.5)
		expect(parseIndicatorNumber('30 %')).toBe(30)
		expect(parseIndicatorNumber('-3')).toBe(-3)
		expect(parseIndicatorNumber('about forty')).toBeNull()
		expect(parseIndicatorNumber('')).toBeNull()
		expect(parseIndicatorNumber(null)).toBeNull()
	})
})

describe('an indicator over time', () => {
	const percent = { measure: 'percent', unit: '%', baselineValue: '30', baselineYear: 2024, targetValue: '50', targetYear: 2030 }

	test('reports are ordered by the period they are about, not by when they were typed', () => {
		const series = indicatorSeries(percent, [
			report(1, '2025-Q2', '42', '2025-07-10'),
			report(2, '2024', '31', '2025-07-11'),
			report(3, '2025-Q1', '38,5', '2025-07-12', 'Personnel register'),
		])
		expect(series.points.map((p) => [p.period, p.number])).toEqual([
			['2024', 31],
			['2025-Q1', 38.5],
			['2025-Q2', 42],
		])
		expect(series.points[1]!.source).toBe('Personnel register')
		expect(series.baseline).toEqual({ value: '30', number: 30, year: 2024 })
		expect(series.target).toEqual({ value: '50', number: 50, year: 2030 })
		expect(series.chartable).toBe(true)
	})

	test('a second report for the same period corrects the first', () => {
		const series = indicatorSeries(percent, [
			report(1, '2025-Q2', '40', '2025-07-01'),
			report(2, '2025-q2', '44', '2025-07-20'),
			report(3, '2025-Q1', '35', '2025-04-02'),
		])
		expect(series.points.map((p) => p.value)).toEqual(['35', '44'])
	})

	test('a period written otherwise is placed at the date it is about', () => {
		const series = indicatorSeries(percent, [report(1, 'Cierre 2025', '45', '2025-12-31'), report(2, '2025-Q1', '35', '2025-04-02')])
		expect(series.points.map((p) => p.period)).toEqual(['2025-Q1', 'Cierre 2025'])
	})

	test('a measure in words is never drawn, and neither is a series with a value that is not a number', () => {
		const words = indicatorSeries({ measure: 'text', baselineValue: 'No protocol', targetValue: 'Protocol adopted' }, [
			report(1, '2025', 'Draft protocol'),
		])
		expect(words.chartable).toBe(false)
		expect(words.points[0]!.number).toBeNull()
		expect(words.baseline.number).toBeNull()
		expect(indicatorSeries({ measure: 'number' }, [report(1, '2025', '12'), report(2, '2026', 'n/a')]).chartable).toBe(false)
		expect(indicatorSeries({ measure: 'number' }, []).chartable).toBe(false)
		// No measure said: drawn when every value is a number.
		expect(indicatorSeries({}, [report(1, '2025', '12')]).chartable).toBe(true)
	})
})

describe('the report an indicator lacks', () => {
	test('the last period that has ended, for each frequency', () => {
		expect(duePeriodCode(lastEndedPeriod('monthly', '2026-11-15'))).toBe('2026-10')
		expect(duePeriodCode(lastEndedPeriod('quarterly', '2026-11-15'))).toBe('2026-Q3')
		expect(duePeriodCode(lastEndedPeriod('biannual', '2026-11-15'))).toBe('2026-H1')
		expect(duePeriodCode(lastEndedPeriod('annual', '2026-11-15'))).toBe('2025')
		// On the first day of a period, the one before has just ended.
		expect(duePeriodCode(lastEndedPeriod('quarterly', '2026-10-01'))).toBe('2026-Q3')
		expect(duePeriodCode(lastEndedPeriod('quarterly', '2026-09-30'))).toBe('2026-Q2')
	})

	test('across the turn of the year, the period due belongs to the year before', () => {
		expect(duePeriodCode(lastEndedPeriod('monthly', '2027-01-03'))).toBe('2026-12')
		expect(duePeriodCode(lastEndedPeriod('quarterly', '2027-01-03'))).toBe('2026-Q4')
		expect(duePeriodCode(lastEndedPeriod('biannual', '2027-03-31'))).toBe('2026-H2')
		expect(duePeriodCode(lastEndedPeriod('biannual', '2027-07-01'))).toBe('2027-H1')
		expect(duePeriodCode(lastEndedPeriod('annual', '2027-01-01'))).toBe('2026')
		expect(lastEndedPeriod('quarterly', '2027-01-03')).toMatchObject({ year: 2026, part: 4 })
	})

	test('a report for the period, or for a longer one ending no earlier, covers it', () => {
		const today = '2026-11-15'
		expect(missingReport('quarterly', [], today)).toMatchObject({ year: 2026, part: 3 })
		expect(missingReport('quarterly', [{ period: '2026-Q3', dated: '2026-10-05' }], today)).toBeNull()
		expect(missingReport('quarterly', [{ period: '2026-09', dated: '2026-10-05' }], today)).toBeNull()
		expect(missingReport('quarterly', [{ period: '2026', dated: '2026-10-05' }], today)).toBeNull()
		expect(missingReport('quarterly', [{ period: '2026-Q2', dated: '2026-10-05' }], today)).toMatchObject({ year: 2026, part: 3 })
		expect(missingReport('monthly', [{ period: '2026-Q3', dated: '2026-10-05' }], today)).toMatchObject({ year: 2026, part: 10 })
		expect(missingReport('annual', [{ period: '2025', dated: '2026-02-01' }], today)).toBeNull()
		expect(missingReport('annual', [{ period: '2024', dated: '2025-02-01' }], today)).toMatchObject({ year: 2025, part: 1 })
		// A period written otherwise counts at the date it is about.
		expect(missingReport('annual', [{ period: 'Cierre 2025', dated: '2025-12-31' }], today)).toBeNull()
		expect(missingReport('annual', [{ period: 'Mid-year', dated: '2025-06-30' }], today)).toMatchObject({ year: 2025 })
	})

	test('in January, a December report is due for a monthly indicator and the whole year for an annual one', () => {
		const today = '2027-01-10'
		expect(missingReport('monthly', [{ period: '2026-11', dated: '2026-12-02' }], today)).toMatchObject({ year: 2026, part: 12 })
		expect(missingReport('monthly', [{ period: '2026-12', dated: '2027-01-02' }], today)).toBeNull()
		expect(missingReport('annual', [{ period: '2026-H1', dated: '2026-07-02' }], today)).toMatchObject({ year: 2026, part: 1 })
		expect(missingReport('biannual', [{ period: '2026-S2', dated: '2027-01-02' }], today)).toBeNull()
	})

	test('nothing is due without a frequency, nor for a period that ended before the convening did', () => {
		expect(missingReport(null, [], '2026-11-15')).toBeNull()
		expect(missingReport('weekly', [], '2026-11-15')).toBeNull()
		// The convening ended on 26 June 2025: 2025-Q2 was not due; 2025-Q3 is, from October.
		expect(missingReport('quarterly', [], '2025-08-01', '2025-06-26')).toBeNull()
		expect(missingReport('quarterly', [], '2025-10-01', '2025-06-26')).toMatchObject({ year: 2025, part: 3 })
		// The year of the convening is due once it has ended.
		expect(missingReport('annual', [], '2025-12-31', '2025-06-26')).toBeNull()
		expect(missingReport('annual', [], '2026-01-01', '2025-06-26')).toMatchObject({ year: 2025 })
	})
})
