// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/test-utils.tsx';
import { RichTextEditor } from './RichTextEditor.tsx';

describe('RichTextEditor', () => {
  it('is a labelled multi-line textbox holding the starting HTML', () => {
    renderWithProviders(
      <RichTextEditor
        label="Message"
        initialValue="<p>Hello <strong>world</strong></p>"
        onChange={vi.fn()}
        required
      />,
    );
    const textbox = screen.getByRole('textbox', { name: 'Message' });
    expect(textbox.getAttribute('aria-multiline')).toBe('true');
    expect(textbox.getAttribute('aria-required')).toBe('true');
    expect(textbox.innerHTML).toContain('<strong>world</strong>');
  });

  it('names every toolbar button and reports which formats are on', () => {
    renderWithProviders(<RichTextEditor label="Message" initialValue="" onChange={vi.fn()} />);
    const toolbar = screen.getByRole('toolbar', { name: 'Formatting' });
    const names = within(toolbar)
      .getAllByRole('button')
      .map((button) => button.getAttribute('aria-label'));
    expect(names).toEqual([
      'Bold',
      'Italic',
      'Heading',
      'Subheading',
      'Bulleted list',
      'Numbered list',
      'Add link',
      'Remove link',
    ]);
    expect(within(toolbar).getByRole('button', { name: 'Bold' }).getAttribute('aria-pressed')).toBe('false');
    expect(within(toolbar).getByRole('button', { name: 'Remove link' })).toHaveProperty('disabled', true);
  });

  it('ties an error to the textbox', async () => {
    renderWithProviders(
      <RichTextEditor label="Message" initialValue="" onChange={vi.fn()} error="Write a message" />,
    );
    const textbox = screen.getByRole('textbox', { name: 'Message' });
    await waitFor(() => expect(textbox.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = textbox.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe('Write a message');
  });
});
