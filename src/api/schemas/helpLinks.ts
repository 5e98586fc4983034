import * as z from 'zod';

export const HelpLink = z.looseObject({
  /** `report_a_problem`, `instructor_question`, ... for built-in links; `link1`, ... for custom ones. */
  id: z.string(),
  text: z.string(),
  subtext: z.string().nullable(),
  url: z.string(),
  type: z.enum(['default', 'custom']),
  available_to: z.array(z.enum(['user', 'student', 'teacher', 'admin', 'observer', 'unenrolled'])),
  is_featured: z.boolean(),
  is_new: z.boolean(),
  feature_headline: z.string(),
});
export type HelpLink = z.output<typeof HelpLink>;

/** Only the domain root account has help links; Canvas answers `{}` for any other account. */
export const HelpLinks = z.looseObject({
  help_link_name: z.string().optional(),
  help_link_icon: z.string().optional(),
  custom_help_links: z.array(HelpLink).optional(),
  default_help_links: z.array(HelpLink).optional(),
});
export type HelpLinks = z.output<typeof HelpLinks>;
