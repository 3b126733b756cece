import Link from 'next/link';
import { parseMarkdown, safeHref, type Inline } from '@/lib/privacy/markdown';

function InlineText({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((part, i) => {
        if (part.kind === 'strong') return <strong key={i}>{part.text}</strong>;
        // The parser only makes links of safe targets; checked again here, where the attribute is written.
        if (part.kind === 'link' && safeHref(part.href) !== null) {
          return part.href.startsWith('/') ? (
            <Link key={i} href={part.href} className="text-accent underline">
              {part.text}
            </Link>
          ) : (
            <a key={i} href={part.href} className="text-accent underline" rel="noreferrer">
              {part.text}
            </a>
          );
        }
        return <span key={i}>{part.text}</span>;
      })}
    </>
  );
}

/** A policy text, rendered from parsed Markdown as React elements (no raw HTML). */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="space-y-3 text-sm leading-relaxed">
      {parseMarkdown(source).map((block, i) => {
        if (block.kind === 'heading') {
          return block.level === 2 ? (
            <h2 key={i} className="pt-3 text-lg font-semibold">
              {block.text}
            </h2>
          ) : (
            <h3 key={i} className="pt-2 font-semibold">
              {block.text}
            </h3>
          );
        }
        if (block.kind === 'list') {
          return (
            <ul key={i} className="list-disc space-y-1 pl-5">
              {block.items.map((item, j) => (
                <li key={j}>
                  <InlineText parts={item} />
                </li>
              ))}
            </ul>
          );
        }
        return (
          <p key={i}>
            <InlineText parts={block.inline} />
          </p>
        );
      })}
    </div>
  );
}
