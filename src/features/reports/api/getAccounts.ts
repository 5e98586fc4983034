import { useQuery } from '@tanstack/react-query';
import * as z from 'zod';
import { canvasFetch } from '../../../api/http.ts';
import { Account } from '../../../api/schemas/account.ts';
import { reportKeys } from './keys.ts';

/** What the account picker and the page need of an account. */
export const ReportAccount = z.object({
  id: Account.shape.id,
  name: Account.shape.name,
  parent_account_id: Account.shape.parent_account_id,
  root_account_id: Account.shape.root_account_id,
});
export type ReportAccount = z.output<typeof ReportAccount>;

/** GET /api/v1/accounts/:id: the chosen account's name and root (whose terms the term picker lists). */
export function fetchReportAccount(accountId: number, signal?: AbortSignal): Promise<ReportAccount> {
  return canvasFetch(`/api/v1/accounts/${accountId}`, { schema: ReportAccount, signal });
}

export function useReportAccount(accountId: number | null) {
  return useQuery({
    queryKey: reportKeys.account(accountId ?? 0),
    queryFn: ({ signal }) => fetchReportAccount(accountId ?? 0, signal),
    enabled: accountId !== null,
    staleTime: 5 * 60_000,
  });
}
