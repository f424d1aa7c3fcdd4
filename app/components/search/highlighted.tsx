import { highlightSegments } from "./highlight";

/** Server-marked text (escaped, with <mark> around matches) rendered as React nodes: no innerHTML. */
export function Highlighted({ html }: { html: string }) {
  return (
    <>
      {highlightSegments(html).map((segment, index) =>
        segment.marked ? (
          <mark
            key={index}
            className="rounded-sm bg-yellow-200 px-0.5 text-inherit dark:bg-yellow-900 dark:text-yellow-50"
          >
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}
