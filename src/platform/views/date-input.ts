import type { FieldErrors } from '../http/errors.ts'
import { datePartNames } from '../http/date-input.ts'

/**
 * GOV.UK date input parameters (govukDateInput) for a field called `name`: three boxes posting `name-day`,
 * `name-month` and `name-year`. The day box carries the id `name`, so the error summary's `#name` link lands on it.
 */
export function dateInputParams(o: {
  name: string
  legend: string
  hint?: string
  values: Record<string, unknown>
  errors?: FieldErrors | undefined
}) {
  const parts = datePartNames(o.name)
  const value = (k: string) => {
    const v = o.values[k]
    return typeof v === 'string' ? v : ''
  }
  const error = o.errors?.[o.name]
  return {
    id: `${o.name}-date`,
    namePrefix: o.name,
    fieldset: { legend: { text: o.legend, classes: 'govuk-fieldset__legend--s' } },
    ...(o.hint ? { hint: { text: o.hint } } : {}),
    ...(error ? { errorMessage: { text: error } } : {}),
    items: [
      { id: o.name, name: 'day', label: 'Day', classes: 'govuk-input--width-2', value: value(parts.day) },
      { id: `${o.name}-month`, name: 'month', label: 'Month', classes: 'govuk-input--width-2', value: value(parts.month) },
      { id: `${o.name}-year`, name: 'year', label: 'Year', classes: 'govuk-input--width-4', value: value(parts.year) },
    ],
  }
}

/** The form values that show a stored date in its date input (a month-precision date leaves the day blank). */
export function datePartsValues(name: string, date: string | null | undefined, precision: 'day' | 'month' = 'day'): Record<string, string> {
  const parts = datePartNames(name)
  if (!date) return { [parts.day]: '', [parts.month]: '', [parts.year]: '' }
  return {
    [parts.day]: precision === 'day' ? String(Number(date.slice(8, 10))) : '',
    [parts.month]: String(Number(date.slice(5, 7))),
    [parts.year]: date.slice(0, 4),
  }
}
