import { type ExpiryPolicy, STUDENT_EXPIRY_POLICY, UNRESTRICTED_EXPIRY } from './tokenForm.ts';

export interface CallerRoles {
  /** The caller administers at least one account. */
  administersAccounts: boolean;
  /** The caller teaches, assists or designs at least one course. */
  teachesCourses: boolean;
}

/**
 * Canvas holds callers whose only enrollments are student ones to an expiry at most 120 days ahead;
 * admins and anyone teaching are free. The API offers no direct "only student enrollments" test, so
 * a caller who neither administers nor teaches is held to the student rule: a stricter form than
 * Canvas for the rare observer-only user, never a laxer one.
 */
export function expiryPolicyFor({ administersAccounts, teachesCourses }: CallerRoles): ExpiryPolicy {
  return administersAccounts || teachesCourses ? UNRESTRICTED_EXPIRY : STUDENT_EXPIRY_POLICY;
}
