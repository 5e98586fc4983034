import {
  publicCoursesReport,
  recentlyDeletedCoursesReport,
  unpublishedCoursesReport,
} from './definitions/courseReports.ts';
import { provisioningReport, sisExportReport } from './definitions/sisExport.ts';
import { userAccessTokensReport } from './definitions/tokens.ts';
import {
  lastEnrollmentActivityReport,
  lastUserAccessReport,
  zeroActivityReport,
} from './definitions/userActivity.ts';
import type { ReportDefinition } from './types.ts';

/**
 * The reports the sandbox offers: each one answers from sandbox data. Left out: reports over
 * objects the sandbox does not model (grades, outcomes, submissions, files, course content, LTI
 * tools, ePortfolios), including Unused Courses and Students with no submissions.
 */
export const REPORT_DEFINITIONS: readonly ReportDefinition[] = [
  provisioningReport,
  sisExportReport,
  lastUserAccessReport,
  lastEnrollmentActivityReport,
  zeroActivityReport,
  unpublishedCoursesReport,
  publicCoursesReport,
  recentlyDeletedCoursesReport,
  userAccessTokensReport,
];

const BY_REPORT = new Map(REPORT_DEFINITIONS.map((definition) => [definition.report, definition]));

export function findReportDefinition(report: string): ReportDefinition | undefined {
  return BY_REPORT.get(report);
}
