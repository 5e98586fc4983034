import { useAdministeredAccounts } from '../../../lib/administeredAccounts.ts';
import { expiryPolicyFor } from '../model/expiryPolicy.ts';
import { type ExpiryPolicy, STUDENT_EXPIRY_POLICY } from '../model/tokenForm.ts';
import { useCourseAccounts } from './getCourseAccounts.ts';

/** When the caller's roles cannot be read, the strictest rule applies rather than none. */
const UNKNOWN_ROLES_POLICY: ExpiryPolicy = {
  ...STUDENT_EXPIRY_POLICY,
  reason: `Your roles could not be read, so the strictest Canvas rule applies: an expiry at most ${STUDENT_EXPIRY_POLICY.maxDays} days ahead.`,
};

/**
 * What the signed-in user may do with tokens: manage other users' tokens (root-account admins, the
 * account to search users in) and the expiry rules their new tokens must follow. `policy` is
 * undefined until known.
 */
export function useTokenPermissions() {
  const administered = useAdministeredAccounts();
  const administersAccounts = (administered.data?.length ?? 0) > 0;
  const courseAccounts = useCourseAccounts(administered.isSuccess && !administersAccounts);
  const rootAccount = administered.data?.find((account) => account.root_account_id === null);
  let policy: ExpiryPolicy | undefined;
  if (administered.isError || courseAccounts.isError) policy = UNKNOWN_ROLES_POLICY;
  else if (administered.isSuccess && administersAccounts) {
    policy = expiryPolicyFor({ administersAccounts, teachesCourses: false });
  } else if (courseAccounts.isSuccess) {
    policy = expiryPolicyFor({ administersAccounts, teachesCourses: courseAccounts.data.length > 0 });
  }
  return {
    /** Where other users are searched; undefined when the caller is not a root-account admin. */
    rootAccountId: rootAccount?.id,
    policy,
  };
}
