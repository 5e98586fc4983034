/** The demo admin's `/auth/session`, as the sandbox answers it. */
export const adminSession = {
  mode: 'sandbox',
  user: { id: 1, name: 'Jordan Whitfield' },
  demo_user: 'admin',
  demo_users: [],
};

/** A root account as GET /api/v1/accounts lists it. */
export const rootAccount = {
  id: 1,
  name: 'Northfield University',
  uuid: 'u1',
  parent_account_id: null,
  root_account_id: null,
  workflow_state: 'active',
  default_time_zone: 'America/Denver',
};
