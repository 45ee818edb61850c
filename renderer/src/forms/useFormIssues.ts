// What every form does with refused input: zod's issues before sending, the main process's
// issues after, each shown under its field; anything else becomes a notification.
import type { FormInstance } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/result';
import { useNotifyError } from '../errors/useNotifyError';
import { translateMessage } from '../i18n/translateMessage';
import { applyIssues, type IssueLike, type IssueOptions } from './applyIssues';

export interface FormIssues {
  /** Show these issues (an empty list clears the form's errors). */
  showIssues(issues: readonly IssueLike[], options?: IssueOptions): void;
  /** After a failed call: field issues under their fields, anything else as a notification. */
  handleError(error: unknown, options?: IssueOptions): void;
}

export function useFormIssues(form: FormInstance): FormIssues {
  const { i18n } = useTranslation();
  const notifyError = useNotifyError();
  const translate = useCallback((message: string) => translateMessage(i18n, message), [i18n]);

  const showIssues = useCallback(
    (issues: readonly IssueLike[], options?: IssueOptions) => {
      const unplaced = applyIssues(form, issues, translate, options);
      if (unplaced.length > 0) {
        notifyError(new ApiError('INVALID_INPUT', unplaced.map((issue) => translate(issue.message)).join('; ')));
      }
    },
    [form, translate, notifyError],
  );

  const handleError = useCallback(
    (error: unknown, options?: IssueOptions) => {
      if (error instanceof ApiError && error.code === 'INVALID_INPUT' && error.issues?.length) showIssues(error.issues, options);
      else notifyError(error);
    },
    [showIssues, notifyError],
  );

  return useMemo(() => ({ showIssues, handleError }), [showIssues, handleError]);
}
