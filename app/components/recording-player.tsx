import { useRef, type MouseEvent } from "react";
import { formatTimestamp, type VttCue } from "~/webinars/webvtt";

/**
 * A recording's video with English captions and a chapter list. Each chapter is a link to the
 * video file with a media fragment (`#t=<seconds>`), which a browser opens at that time without
 * JavaScript; with JavaScript the click seeks the player on the page instead.
 */
export function RecordingPlayer({
  title,
  comingSoon,
  videoUrl,
  captionsUrl,
  chaptersUrl,
  chapters,
}: {
  title: string;
  /** The video is a placeholder (a title card per chapter) until the edited recording is published. */
  comingSoon: boolean;
  videoUrl: string;
  captionsUrl: string;
  chaptersUrl: string;
  chapters: VttCue[];
}) {
  const video = useRef<HTMLVideoElement>(null);
  const seek = (event: MouseEvent<HTMLAnchorElement>, start: number) => {
    const player = video.current;
    if (!player || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    player.currentTime = start;
    player.scrollIntoView({ block: "nearest" });
    player.focus({ preventScroll: true });
    // Browsers may refuse to start playback (autoplay rules); the seek has happened either way.
    player.play().catch(() => undefined);
  };
  return (
    <section aria-labelledby="recording-heading" className="mt-6">
      <h2 id="recording-heading" className="sr-only">
        Recording
      </h2>
      {comingSoon ? (
        <p
          className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
          data-testid="recording-coming-soon"
        >
          <strong>Recording coming soon.</strong> Until the edited video is published, the player shows a placeholder
          card for each chapter; the full transcript is below.
        </p>
      ) : null}
      <video
        ref={video}
        controls
        preload="metadata"
        aria-label={comingSoon ? `Placeholder until the recording is published: ${title}` : `Recording: ${title}`}
        className="aspect-video w-full rounded-lg bg-slate-900"
        data-testid="recording-video"
      >
        <source src={videoUrl} type="video/webm" />
        <track kind="captions" src={captionsUrl} srcLang="en" label="English" default />
        <track kind="chapters" src={chaptersUrl} srcLang="en" label="Chapters" />
        <p>
          Your browser can’t play this video. <a href={videoUrl}>Download the recording</a>, or read the transcript
          below.
        </p>
      </video>
      {chapters.length > 0 ? (
        <nav aria-labelledby="chapters-heading" className="mt-4">
          <h2 id="chapters-heading" className="text-lg font-semibold">
            Chapters
          </h2>
          <ol className="mt-2 grid gap-1 sm:grid-cols-2" data-testid="recording-chapters">
            {chapters.map((chapter) => (
              <li key={chapter.start}>
                <a
                  href={`${videoUrl}#t=${chapter.start}`}
                  onClick={(event) => seek(event, chapter.start)}
                  data-start={chapter.start}
                  className="flex gap-3 rounded-md px-2 py-1.5 hover:bg-slate-100 dark:hover:bg-slate-800"
                >
                  <span className="w-12 shrink-0 font-mono text-sm tabular-nums text-sky-800 dark:text-sky-300">
                    {formatTimestamp(chapter.start)}
                  </span>
                  <span>{chapter.text}</span>
                </a>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
    </section>
  );
}
