import { findReportDefinition, REPORT_DEFINITIONS } from '../reports/catalogue.ts';
import type { ReportDefinition } from '../reports/types.ts';

/** The module that exports a catalogue, and the name it is exported under. */
export interface CatalogueSource {
  moduleUrl: string;
  exportName: string;
}

/**
 * The report types a runner offers. Routes and jobs look reports up only through this, so a test
 * (or another deployment) can run the sandbox with its own definitions.
 *
 * Jobs run in worker threads, and definitions (functions) cannot be sent to a thread, so every
 * catalogue names the module it is exported from: the worker imports that module and finds the
 * same catalogue there. A test's own definitions therefore live in a module of their own and run
 * in a worker exactly as the sandbox's reports do; there is no second, in-thread way to run a job.
 */
export interface ReportCatalogue {
  readonly definitions: readonly ReportDefinition[];
  find(report: string): ReportDefinition | undefined;
  readonly source: CatalogueSource;
}

/** A catalogue of `definitions`, exported from `source.moduleUrl` as `source.exportName`. */
export function catalogueOf(
  definitions: readonly ReportDefinition[],
  source: CatalogueSource,
): ReportCatalogue {
  const byReport = new Map(definitions.map((definition) => [definition.report, definition]));
  return { definitions, find: (report) => byReport.get(report), source };
}

/** The reports the sandbox offers (`reports/catalogue.ts`), the runner's default. */
export const SANDBOX_REPORT_CATALOGUE: ReportCatalogue = {
  definitions: REPORT_DEFINITIONS,
  find: findReportDefinition,
  source: { moduleUrl: import.meta.url, exportName: 'SANDBOX_REPORT_CATALOGUE' },
};
