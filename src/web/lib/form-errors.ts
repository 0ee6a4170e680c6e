import type { ReactNode } from 'react';
import { z } from 'zod';
import { detailOf, detailValue, isApiError, type ApiError, type ClientErrorCode } from './api-error';

/** The parts of a Mantine form these helpers use. */
export type FormLike = {
  setFieldError: (path: string, error: ReactNode) => void;
  getInputNode: (path: string) => HTMLElement | null;
};

const issuesSchema = z.array(z.object({ path: z.string() }));
const fieldsSchema = z.record(z.string(), z.unknown());

/** The API's name for the field an error is about: `details.field`, an issue's path or a `details.fields` key. */
export function apiErrorField(error: ApiError): string | null {
  const field = detailOf(error, 'field');
  if (field !== null) {
    return field;
  }
  const issues = issuesSchema.safeParse(detailValue(error, 'issues'));
  const issuePath = issues.success ? issues.data.find((issue) => issue.path !== '')?.path : undefined;
  if (issuePath !== undefined) {
    return issuePath;
  }
  const fields = fieldsSchema.safeParse(detailValue(error, 'fields'));
  return fields.success ? (Object.keys(fields.data)[0] ?? null) : null;
}

export function focusField(form: FormLike, path: string): void {
  // After React has rendered the error, so that the screen reader reads it with the field.
  window.setTimeout(() => {
    form.getInputNode(path)?.focus();
  }, 0);
}

/** For `form.onSubmit(handler, onInvalid)`: focus the first field that failed validation. */
export function focusFirstError(form: FormLike): (errors: Record<string, ReactNode>) => void {
  return (errors) => {
    const first = Object.keys(errors)[0];
    if (first !== undefined) {
      focusField(form, first);
    }
  };
}

export type ApplyErrorOptions = {
  /** API field path → form field, where they differ (`owner.password` → `password`). */
  fieldMap?: Record<string, string>;
  /** Codes that belong to one field whatever the details say (password rules carry no field). */
  codeFields?: Partial<Record<ClientErrorCode, string>>;
  /** The form's own fields: an error about any other field is shown above the form instead. */
  fields: readonly string[];
};

/**
 * Puts an API error under the field it is about and focuses that field. Returns false when the
 * error belongs to no field of this form, so the caller shows it in the form's error summary.
 */
export function applyApiError(
  form: FormLike,
  error: unknown,
  describe: (error: unknown) => string,
  options: ApplyErrorOptions,
): boolean {
  if (!isApiError(error)) {
    return false;
  }
  const apiField = apiErrorField(error);
  const field =
    options.codeFields?.[error.code] ??
    (apiField === null ? undefined : (options.fieldMap?.[apiField] ?? apiField));
  if (field === undefined || !options.fields.includes(field)) {
    return false;
  }
  form.setFieldError(field, describe(error));
  focusField(form, field);
  return true;
}
