/**
 * The small Markdown subset policy versions are written in: `##`/`###` headings, paragraphs, `-` lists,
 * **bold** and [links](/path or https://…). Parsed to plain data and rendered by React (components/privacy/
 * markdown.tsx), never as HTML, so a policy text cannot inject markup or script.
 */

export type Inline = { kind: 'text' | 'strong'; text: string } | { kind: 'link'; text: string; href: string };
export type Block =
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'paragraph'; inline: Inline[] }
  | { kind: 'list'; items: Inline[][] };

/*
 * The only links that render as links. Everything else stays text. Checked on the whole target, which is used
 * exactly as written (React escapes it into the attribute; no entity or percent decoding happens here):
 * - a path on this site: `/` not followed by another `/` or `\` (`//host` and `/\host` are protocol-relative:
 *   a browser reads them as another site);
 * - `https://` followed by a host (the scheme in lower case, as today; `HTTPS:`, `http:`, `javascript:` … are refused);
 * - `mailto:` and an address.
 * No target may hold a backslash (browsers read it as `/` in web URLs), whitespace or a control character
 * (browsers drop tabs and newlines inside a URL, so `java\tscript:` would still run).
 */
const UNSAFE_CHARACTER = /[\s\\\u0000-\u001f\u007f-\u009f]/;
const SAFE_HREF = /^(\/(?![/\\])[^\s]*|https:\/\/[^/\\?#@\s][^\s]*|mailto:[^\s]+)$/;

/** The target as a link may carry it, or null when it must stay text. */
export function safeHref(href: string): string | null {
  return !UNSAFE_CHARACTER.test(href) && SAFE_HREF.test(href) ? href : null;
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const pattern = /\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) out.push({ kind: 'text', text: text.slice(last, match.index) });
    if (match[1] !== undefined) out.push({ kind: 'strong', text: match[1] });
    else if (safeHref(match[3]!) !== null) out.push({ kind: 'link', text: match[2]!, href: match[3]! });
    else out.push({ kind: 'text', text: match[2]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', inline: parseInline(paragraph.join(' ')) });
    if (list.length) blocks.push({ kind: 'list', items: list.map(parseInline) });
    paragraph = [];
    list = [];
  };
  for (const raw of source.replace(/\r\n/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    if (!line) {
      flush();
    } else if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1]!.length === 3 ? 3 : 2, text: heading[2]! });
    } else if (/^[-*]\s+/.test(line)) {
      if (paragraph.length) flush();
      list.push(line.replace(/^[-*]\s+/, ''));
    } else if (list.length) {
      list[list.length - 1] += ` ${line}`;
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}
