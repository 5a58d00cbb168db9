import type { FormInstance } from 'antd';
import { fieldErrors, localMessage } from '../api';

/** Show a validation error's per-field messages next to the fields they belong to. */
export function applyServerErrors(form: FormInstance, error: unknown, lang: string, names?: string[]) {
  const errs = fieldErrors(error);
  const fields = Object.entries(errs)
    .filter(([name]) => !names || names.includes(name))
    .map(([name, msg]) => ({ name, errors: [localMessage(msg, lang)] }));
  if (fields.length) form.setFields(fields);
}
