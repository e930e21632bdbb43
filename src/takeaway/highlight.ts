import hljs from 'highlight.js/lib/core';
import javascript from 'highlight.js/lib/languages/javascript';
import python from 'highlight.js/lib/languages/python';

/** highlight.js with the two languages the panel shows, and no others (the full build is ~1 MB). */
hljs.registerLanguage('python', python);
hljs.registerLanguage('javascript', javascript);

export type CodeLanguage = 'python' | 'javascript';

/** The code as highlighted HTML; highlight.js escapes the text itself. */
export function highlight(code: string, language: CodeLanguage): string {
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}
