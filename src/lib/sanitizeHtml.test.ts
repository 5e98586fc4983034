// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { htmlToPlainText, sanitizeHtml } from './sanitizeHtml.ts';

describe('sanitizeHtml', () => {
  it('keeps the formatting an editor produces', () => {
    const html =
      '<h2>Outage</h2><p>Canvas is <strong>down</strong> <em>tonight</em>.</p><ul><li>one</li></ul>';
    expect(sanitizeHtml(html)).toBe(html);
  });

  it('removes scripts, event handlers, styles and frames', () => {
    expect(
      sanitizeHtml(
        '<p onclick="steal()" style="color:red">Hi<script>alert(1)</script></p><iframe src="https://x"></iframe><img src="/files/1/preview" onerror="alert(1)">',
      ),
    ).toBe('<p>Hi</p><img src="/files/1/preview">');
  });

  it('drops javascript: and data: links but keeps web and mail links, opened safely', () => {
    expect(sanitizeHtml('<a href="javascript:alert(1)">bad</a>')).toBe('<a>bad</a>');
    expect(sanitizeHtml('<a href="data:text/html,hi">bad</a>')).toBe('<a>bad</a>');
    expect(sanitizeHtml('<a href="https://status.example.edu">status</a>')).toBe(
      '<a href="https://status.example.edu" target="_blank" rel="noopener noreferrer">status</a>',
    );
    expect(sanitizeHtml('<a href="mailto:help@example.edu" target="_self">mail</a>')).toBe(
      '<a href="mailto:help@example.edu" target="_blank" rel="noopener noreferrer">mail</a>',
    );
  });
});

describe('htmlToPlainText', () => {
  it('gives the visible text with entities decoded and whitespace collapsed', () => {
    expect(htmlToPlainText('<p>Tom &amp; Jerry</p><p>&lt;3&nbsp; </p>')).toBe('Tom & Jerry <3');
    expect(htmlToPlainText('<p></p><p><br></p>')).toBe('');
  });
});
