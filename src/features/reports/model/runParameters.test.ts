import { describe, expect, it } from 'vitest';
import { describeRunParameters, isTruthyFlag, rerunParameters } from './runParameters.ts';

describe('rerunParameters', () => {
  it("drops the keys Canvas adds and keeps the submitted values' types", () => {
    expect(
      rerunParameters({
        users: true,
        courses: '1',
        enrollment_term_id: '3',
        locale: 'en',
        extra_text: 'Aborted',
      }),
    ).toEqual({ users: true, courses: '1', enrollment_term_id: '3' });
    expect(rerunParameters({})).toEqual({});
  });
});

describe('describeRunParameters', () => {
  it('lists set flags by label and names the other values', () => {
    const shown = describeRunParameters(
      {
        users: true,
        courses: 'true',
        sections: false,
        include_deleted: '0',
        enrollment_term_id: '7,8',
        course_id: '42',
        order: 'users',
        locale: 'en',
        extra_text: 'Report has been aborted',
      },
      { termName: (id) => (id === '7' ? 'Fall 2026' : undefined), courseName: () => 'Biology 101' },
    );
    expect(shown).toEqual({
      flags: ['Users', 'Courses'],
      values: [
        { name: 'enrollment_term_id', label: 'Term', value: 'Fall 2026, Term 8' },
        { name: 'course_id', label: 'Course', value: 'Biology 101' },
        { name: 'order', label: 'Order', value: 'users' },
      ],
    });
  });

  it('names the active-terms choice', () => {
    expect(describeRunParameters({ enrollment_term_id: 'active_terms' }).values[0]?.value).toBe(
      'All active terms',
    );
  });

  it('reads flags as Canvas does', () => {
    expect(['true', '1', 'on', true, 1].map(isTruthyFlag)).toEqual([true, true, true, true, true]);
    expect(['false', '0', '', false, 0, null].map(isTruthyFlag)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
