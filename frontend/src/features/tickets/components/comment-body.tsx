import { Link, Text } from "@chakra-ui/react";
import type { ReactNode } from "react";

const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;
/** Punctuation that ends a sentence more often than it ends a link. */
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

/**
 * Splits plain text into strings and http(s) links. Everything stays text that React
 * escapes: nothing a person wrote is ever parsed as HTML.
 */
export function linkify(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const href = match[0].replace(TRAILING_PUNCTUATION, "");
    if (start > last) {
      parts.push(text.slice(last, start));
    }
    parts.push(
      <Link
        key={start}
        href={href}
        target="_blank"
        rel="noopener noreferrer nofollow"
        color="teal.fg"
        textDecoration="underline"
        wordBreak="break-all"
      >
        {href}
      </Link>,
    );
    last = start + href.length;
  }
  if (last < text.length) {
    parts.push(text.slice(last));
  }
  return parts;
}

/** A comment's or description's text: line breaks kept, links clickable. */
export function CommentBody({ text }: { text: string }) {
  return (
    <Text whiteSpace="pre-wrap" wordBreak="break-word" textStyle="sm">
      {linkify(text)}
    </Text>
  );
}
