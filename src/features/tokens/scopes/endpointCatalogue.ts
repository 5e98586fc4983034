/**
 * The Canvas REST API routes a token can be scoped to, in the form Canvas's scopes name them:
 * `url:<METHOD>|<route pattern>`, where the pattern is the route as `config/routes.rb` declares it
 * (path parameters keep Canvas's names, e.g. `:account_id`, and the `(.:format)` suffix is dropped).
 * It covers every endpoint this dashboard and its sandbox serve, plus the areas of Canvas that
 * integrations most often call. A scope outside this list is still valid Canvas; the picker keeps
 * such scopes when it edits a token (see scopeCatalogue.ts).
 */

export const ENDPOINT_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
export type EndpointMethod = (typeof ENDPOINT_METHODS)[number];

/** The areas the picker groups endpoints by, in the order it lists them. */
export const ENDPOINT_AREAS = [
  { id: 'accounts', label: 'Accounts' },
  { id: 'account_admin', label: 'Account administration' },
  { id: 'account_calendars', label: 'Account calendars' },
  { id: 'account_notifications', label: 'Global announcements' },
  { id: 'account_reports', label: 'Account reports' },
  { id: 'tokens', label: 'Access tokens' },
  { id: 'users', label: 'Users' },
  { id: 'logins', label: 'Logins' },
  { id: 'courses', label: 'Courses' },
  { id: 'sections', label: 'Sections' },
  { id: 'enrollments', label: 'Enrollments' },
  { id: 'assignments', label: 'Assignments' },
  { id: 'submissions', label: 'Submissions' },
  { id: 'modules', label: 'Modules' },
  { id: 'pages', label: 'Pages' },
  { id: 'discussions', label: 'Discussions and announcements' },
  { id: 'files', label: 'Files and folders' },
  { id: 'groups', label: 'Groups' },
  { id: 'calendar_events', label: 'Calendar events' },
  { id: 'conversations', label: 'Conversations' },
  { id: 'quizzes', label: 'Quizzes' },
  { id: 'sis_imports', label: 'SIS imports' },
  { id: 'authentication_providers', label: 'Authentication providers' },
  { id: 'audit', label: 'Audit logs' },
] as const;
export type EndpointAreaId = (typeof ENDPOINT_AREAS)[number]['id'];

/** A Canvas route pattern; always absolute under the v1 API. */
export type RoutePattern = `/api/v1/${string}`;

export interface CanvasEndpoint {
  method: EndpointMethod;
  path: RoutePattern;
  area: EndpointAreaId;
  /** What the call does, in the words of Canvas's API documentation section names. */
  summary: string;
}

function endpoints(area: EndpointAreaId, list: [EndpointMethod, RoutePattern, string][]): CanvasEndpoint[] {
  return list.map(([method, path, summary]) => ({ method, path, area, summary }));
}

export const CANVAS_ENDPOINTS: readonly CanvasEndpoint[] = [
  ...endpoints('accounts', [
    ['GET', '/api/v1/accounts', 'List accounts'],
    ['GET', '/api/v1/manageable_accounts', 'List accounts for course creation (manageable)'],
    ['GET', '/api/v1/course_creation_accounts', 'List accounts where courses may be created'],
    ['GET', '/api/v1/course_accounts', 'List accounts of courses you teach'],
    ['GET', '/api/v1/accounts/:id', 'Get a single account'],
    ['GET', '/api/v1/accounts/:account_id/settings', 'Get account settings'],
    ['GET', '/api/v1/settings/environment', 'List environment settings'],
    ['GET', '/api/v1/accounts/:account_id/permissions', 'Get permissions on an account'],
    ['GET', '/api/v1/accounts/:account_id/sub_accounts', 'Get the sub-accounts of an account'],
    ['GET', '/api/v1/accounts/:account_id/terms_of_service', 'Get the terms of service'],
    ['GET', '/api/v1/accounts/:account_id/help_links', 'Get help links'],
    ['GET', '/api/v1/manually_created_courses_account', 'Get the manually-created courses sub-account'],
    ['GET', '/api/v1/accounts/search', 'Search account domains'],
    ['GET', '/api/v1/accounts/:account_id/courses', 'List active courses in an account'],
  ]),
  ...endpoints('account_admin', [
    ['PUT', '/api/v1/accounts/:id', 'Update an account'],
    ['POST', '/api/v1/accounts/:account_id/sub_accounts', 'Create a new sub-account'],
    ['DELETE', '/api/v1/accounts/:account_id/sub_accounts/:id', 'Delete a sub-account'],
    ['POST', '/api/v1/accounts/:account_id/courses', 'Create a new course'],
    ['PUT', '/api/v1/accounts/:account_id/courses', 'Update courses in bulk'],
    ['GET', '/api/v1/accounts/:account_id/users', 'List users in an account'],
    ['POST', '/api/v1/accounts/:account_id/users', 'Create a user'],
    ['DELETE', '/api/v1/accounts/:account_id/users/:user_id', 'Delete a user from the root account'],
    ['GET', '/api/v1/accounts/:account_id/roles', 'List roles'],
    ['GET', '/api/v1/accounts/:account_id/roles/:id', 'Get a single role'],
    ['POST', '/api/v1/accounts/:account_id/roles', 'Create a new role'],
    ['GET', '/api/v1/accounts/:account_id/terms', 'List enrollment terms'],
    ['GET', '/api/v1/accounts/:account_id/terms/:id', 'Retrieve an enrollment term'],
    ['POST', '/api/v1/accounts/:account_id/terms', 'Create an enrollment term'],
    ['PUT', '/api/v1/accounts/:account_id/terms/:id', 'Update an enrollment term'],
    ['GET', '/api/v1/accounts/:account_id/admins', 'List account admins'],
    ['GET', '/api/v1/accounts/:account_id/admins/self', 'List my admin roles'],
    ['POST', '/api/v1/accounts/:account_id/admins', 'Make an account admin'],
    ['DELETE', '/api/v1/accounts/:account_id/admins/:user_id', 'Remove account admin'],
  ]),
  ...endpoints('account_calendars', [
    ['GET', '/api/v1/account_calendars', 'List available account calendars'],
    ['GET', '/api/v1/account_calendars/:account_id', 'Get a single account calendar'],
    ['PUT', '/api/v1/account_calendars/:account_id', 'Update a calendar'],
    ['PUT', '/api/v1/accounts/:account_id/account_calendars', 'Update many calendars'],
    ['GET', '/api/v1/accounts/:account_id/account_calendars', 'List all account calendars'],
    ['GET', '/api/v1/accounts/:account_id/visible_calendars_count', 'Count of all visible account calendars'],
  ]),
  ...endpoints('account_notifications', [
    ['GET', '/api/v1/accounts/:account_id/account_notifications', 'Index of active global notifications'],
    ['GET', '/api/v1/accounts/:account_id/account_notifications/:id', 'Show a global notification'],
    ['POST', '/api/v1/accounts/:account_id/account_notifications', 'Create a global notification'],
    ['PUT', '/api/v1/accounts/:account_id/account_notifications/:id', 'Update a global notification'],
    [
      'DELETE',
      '/api/v1/accounts/:account_id/account_notifications/:id',
      'Close or remove a global notification',
    ],
  ]),
  ...endpoints('account_reports', [
    ['GET', '/api/v1/accounts/:account_id/reports', 'List available reports'],
    ['POST', '/api/v1/accounts/:account_id/reports/:report', 'Start a report'],
    ['GET', '/api/v1/accounts/:account_id/reports/:report', 'Index of reports'],
    ['GET', '/api/v1/accounts/:account_id/reports/:report/:id', 'Status of a report'],
    ['DELETE', '/api/v1/accounts/:account_id/reports/:report/:id', 'Delete a report'],
    ['PUT', '/api/v1/accounts/:account_id/reports/:report/:id/abort', 'Abort a report'],
  ]),
  ...endpoints('tokens', [
    ['GET', '/api/v1/users/:user_id/user_generated_tokens', 'List access tokens for a user'],
    ['GET', '/api/v1/users/:user_id/tokens/:id', 'Show an access token'],
    ['POST', '/api/v1/users/:user_id/tokens', 'Create an access token'],
    ['PUT', '/api/v1/users/:user_id/tokens/:id', 'Update or regenerate an access token'],
    ['DELETE', '/api/v1/users/:user_id/tokens/:id', 'Delete an access token'],
  ]),
  ...endpoints('users', [
    ['GET', '/api/v1/users/:id', 'Show user details'],
    ['PUT', '/api/v1/users/:id', 'Edit a user'],
    ['GET', '/api/v1/users/:user_id/profile', 'Get user profile'],
    ['GET', '/api/v1/users/:id/settings', 'Show user settings'],
    ['GET', '/api/v1/users/:user_id/avatars', 'List avatar options'],
    ['GET', '/api/v1/users/:user_id/page_views', 'List user page views'],
    ['GET', '/api/v1/users/:user_id/communication_channels', 'List communication channels'],
    ['GET', '/api/v1/users/self/activity_stream', 'List the activity stream'],
    ['GET', '/api/v1/users/self/todo', 'List the TODO items'],
    ['GET', '/api/v1/users/self/upcoming_events', 'List upcoming assignments and calendar events'],
    ['GET', '/api/v1/users/:user_id/missing_submissions', 'List missing submissions'],
    ['GET', '/api/v1/users/:user_id/courses', 'List courses for a user'],
  ]),
  ...endpoints('logins', [
    ['GET', '/api/v1/accounts/:account_id/logins', 'List user logins of an account'],
    ['GET', '/api/v1/users/:user_id/logins', 'List user logins of a user'],
    ['POST', '/api/v1/accounts/:account_id/logins', 'Create a user login'],
    ['PUT', '/api/v1/accounts/:account_id/logins/:id', 'Edit a user login'],
    ['DELETE', '/api/v1/users/:user_id/logins/:id', 'Delete a user login'],
  ]),
  ...endpoints('courses', [
    ['GET', '/api/v1/courses', 'List your courses'],
    ['GET', '/api/v1/courses/:id', 'Get a single course'],
    ['PUT', '/api/v1/courses/:id', 'Update a course'],
    ['DELETE', '/api/v1/courses/:id', 'Delete or conclude a course'],
    ['GET', '/api/v1/courses/:course_id/settings', 'Get course settings'],
    ['PUT', '/api/v1/courses/:course_id/settings', 'Update course settings'],
    ['GET', '/api/v1/courses/:course_id/users', 'List users in a course'],
    ['GET', '/api/v1/courses/:course_id/users/:id', 'Get a single user in a course'],
    ['GET', '/api/v1/courses/:course_id/students', 'List students'],
    ['GET', '/api/v1/courses/:course_id/activity_stream', 'Course activity stream'],
    ['GET', '/api/v1/courses/:course_id/todo', 'Course TODO items'],
  ]),
  ...endpoints('sections', [
    ['GET', '/api/v1/courses/:course_id/sections', 'List course sections'],
    ['POST', '/api/v1/courses/:course_id/sections', 'Create a course section'],
    ['GET', '/api/v1/sections/:id', 'Get a section'],
    ['PUT', '/api/v1/sections/:id', 'Edit a section'],
    ['DELETE', '/api/v1/sections/:id', 'Delete a section'],
  ]),
  ...endpoints('enrollments', [
    ['GET', '/api/v1/courses/:course_id/enrollments', 'List enrollments of a course'],
    ['GET', '/api/v1/sections/:section_id/enrollments', 'List enrollments of a section'],
    ['GET', '/api/v1/users/:user_id/enrollments', 'List enrollments of a user'],
    ['GET', '/api/v1/accounts/:account_id/enrollments/:id', 'Enrollment by id'],
    ['POST', '/api/v1/courses/:course_id/enrollments', 'Enroll a user in a course'],
    ['POST', '/api/v1/sections/:section_id/enrollments', 'Enroll a user in a section'],
    ['DELETE', '/api/v1/courses/:course_id/enrollments/:id', 'Conclude, deactivate or delete an enrollment'],
  ]),
  ...endpoints('assignments', [
    ['GET', '/api/v1/courses/:course_id/assignments', 'List assignments'],
    ['GET', '/api/v1/courses/:course_id/assignments/:id', 'Get a single assignment'],
    ['POST', '/api/v1/courses/:course_id/assignments', 'Create an assignment'],
    ['PUT', '/api/v1/courses/:course_id/assignments/:id', 'Edit an assignment'],
    ['DELETE', '/api/v1/courses/:course_id/assignments/:id', 'Delete an assignment'],
    ['GET', '/api/v1/users/:user_id/courses/:course_id/assignments', 'List assignments for a user'],
    ['GET', '/api/v1/courses/:course_id/assignment_groups', 'List assignment groups'],
  ]),
  ...endpoints('submissions', [
    [
      'GET',
      '/api/v1/courses/:course_id/assignments/:assignment_id/submissions',
      'List assignment submissions',
    ],
    [
      'GET',
      '/api/v1/courses/:course_id/assignments/:assignment_id/submissions/:user_id',
      'Get a single submission',
    ],
    [
      'PUT',
      '/api/v1/courses/:course_id/assignments/:assignment_id/submissions/:user_id',
      'Grade or comment on a submission',
    ],
    ['POST', '/api/v1/courses/:course_id/assignments/:assignment_id/submissions', 'Submit an assignment'],
    ['GET', '/api/v1/courses/:course_id/students/submissions', 'List submissions for multiple assignments'],
  ]),
  ...endpoints('modules', [
    ['GET', '/api/v1/courses/:course_id/modules', 'List modules'],
    ['GET', '/api/v1/courses/:course_id/modules/:id', 'Show module'],
    ['POST', '/api/v1/courses/:course_id/modules', 'Create a module'],
    ['PUT', '/api/v1/courses/:course_id/modules/:id', 'Update a module'],
    ['DELETE', '/api/v1/courses/:course_id/modules/:id', 'Delete a module'],
    ['GET', '/api/v1/courses/:course_id/modules/:module_id/items', 'List module items'],
  ]),
  ...endpoints('pages', [
    ['GET', '/api/v1/courses/:course_id/pages', 'List pages'],
    ['GET', '/api/v1/courses/:course_id/pages/:url_or_id', 'Show page'],
    ['POST', '/api/v1/courses/:course_id/pages', 'Create page'],
    ['PUT', '/api/v1/courses/:course_id/pages/:url_or_id', 'Update or create page'],
    ['DELETE', '/api/v1/courses/:course_id/pages/:url_or_id', 'Delete page'],
  ]),
  ...endpoints('discussions', [
    ['GET', '/api/v1/courses/:course_id/discussion_topics', 'List discussion topics'],
    ['GET', '/api/v1/courses/:course_id/discussion_topics/:topic_id', 'Get a single topic'],
    ['POST', '/api/v1/courses/:course_id/discussion_topics', 'Create a new discussion topic'],
    ['PUT', '/api/v1/courses/:course_id/discussion_topics/:topic_id', 'Update a topic'],
    ['DELETE', '/api/v1/courses/:course_id/discussion_topics/:topic_id', 'Delete a topic'],
    ['GET', '/api/v1/announcements', 'List announcements'],
  ]),
  ...endpoints('files', [
    ['GET', '/api/v1/courses/:course_id/files', 'List files of a course'],
    ['GET', '/api/v1/users/:user_id/files', 'List files of a user'],
    ['GET', '/api/v1/files/:id', 'Get file'],
    ['PUT', '/api/v1/files/:id', 'Update file'],
    ['DELETE', '/api/v1/files/:id', 'Delete file'],
    ['GET', '/api/v1/folders/:id', 'Get folder'],
    ['GET', '/api/v1/courses/:course_id/folders', 'List all folders of a course'],
    ['POST', '/api/v1/courses/:course_id/files', 'Upload a file to a course'],
  ]),
  ...endpoints('groups', [
    ['GET', '/api/v1/users/self/groups', 'List your groups'],
    ['GET', '/api/v1/courses/:course_id/groups', 'List the groups of a course'],
    ['GET', '/api/v1/accounts/:account_id/groups', 'List the groups of an account'],
    ['GET', '/api/v1/groups/:group_id', 'Get a single group'],
    ['GET', '/api/v1/groups/:group_id/users', 'List group members'],
    ['PUT', '/api/v1/groups/:group_id', 'Edit a group'],
    ['DELETE', '/api/v1/groups/:group_id', 'Delete a group'],
  ]),
  ...endpoints('calendar_events', [
    ['GET', '/api/v1/calendar_events', 'List calendar events'],
    ['GET', '/api/v1/users/:user_id/calendar_events', 'List calendar events for a user'],
    ['GET', '/api/v1/calendar_events/:id', 'Get a single calendar event or assignment'],
    ['POST', '/api/v1/calendar_events', 'Create a calendar event'],
    ['PUT', '/api/v1/calendar_events/:id', 'Update a calendar event'],
    ['DELETE', '/api/v1/calendar_events/:id', 'Delete a calendar event'],
  ]),
  ...endpoints('conversations', [
    ['GET', '/api/v1/conversations', 'List conversations'],
    ['GET', '/api/v1/conversations/:id', 'Get a single conversation'],
    ['GET', '/api/v1/conversations/unread_count', 'Unread count'],
    ['POST', '/api/v1/conversations', 'Create a conversation'],
    ['DELETE', '/api/v1/conversations/:id', 'Delete a conversation'],
  ]),
  ...endpoints('quizzes', [
    ['GET', '/api/v1/courses/:course_id/quizzes', 'List quizzes in a course'],
    ['GET', '/api/v1/courses/:course_id/quizzes/:id', 'Get a single quiz'],
    ['POST', '/api/v1/courses/:course_id/quizzes', 'Create a quiz'],
    ['PUT', '/api/v1/courses/:course_id/quizzes/:id', 'Edit a quiz'],
    ['DELETE', '/api/v1/courses/:course_id/quizzes/:id', 'Delete a quiz'],
  ]),
  ...endpoints('sis_imports', [
    ['GET', '/api/v1/accounts/:account_id/sis_imports', 'Get SIS import list'],
    ['GET', '/api/v1/accounts/:account_id/sis_imports/:id', 'Get SIS import status'],
    ['POST', '/api/v1/accounts/:account_id/sis_imports', 'Import SIS data'],
    ['PUT', '/api/v1/accounts/:account_id/sis_imports/:id/abort', 'Abort SIS import'],
  ]),
  ...endpoints('authentication_providers', [
    ['GET', '/api/v1/accounts/:account_id/authentication_providers', 'List authentication providers'],
    ['GET', '/api/v1/accounts/:account_id/authentication_providers/:id', 'Get authentication provider'],
    ['POST', '/api/v1/accounts/:account_id/authentication_providers', 'Add authentication provider'],
    ['PUT', '/api/v1/accounts/:account_id/authentication_providers/:id', 'Update authentication provider'],
    ['DELETE', '/api/v1/accounts/:account_id/authentication_providers/:id', 'Delete authentication provider'],
  ]),
  ...endpoints('audit', [
    ['GET', '/api/v1/audit/authentication/accounts/:account_id', 'Authentication events of an account'],
    ['GET', '/api/v1/audit/authentication/users/:user_id', 'Authentication events of a user'],
    ['GET', '/api/v1/audit/course/courses/:course_id', 'Course change events'],
    ['GET', '/api/v1/audit/grade_change/courses/:course_id', 'Grade change events of a course'],
  ]),
];

/** The scope string Canvas stores for an endpoint, e.g. `url:GET|/api/v1/accounts/:account_id/courses`. */
export function scopeOf(endpoint: Pick<CanvasEndpoint, 'method' | 'path'>): string {
  return `url:${endpoint.method}|${endpoint.path}`;
}

const SCOPE_PATTERN = /^url:([A-Z]+)\|(\/\S*)$/;

/** The method and route of a `url:` scope, or null for anything else. */
export function parseScope(scope: string): { method: string; path: string } | null {
  const match = SCOPE_PATTERN.exec(scope);
  if (!match?.[1] || !match[2]) return null;
  return { method: match[1], path: match[2] };
}

/** GETs only change nothing, so they are what "read-only" selects. */
export function isReadOnly(endpoint: Pick<CanvasEndpoint, 'method'>): boolean {
  return endpoint.method === 'GET';
}

export function areaLabel(area: EndpointAreaId): string {
  return ENDPOINT_AREAS.find((candidate) => candidate.id === area)?.label ?? area;
}
