import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseWebVtt, type VttCue } from "./webvtt";

/** What a recording page plays: the video, its captions and its chapters (public/media/webinars/<slug>.*). */
export type RecordingMedia = { videoUrl: string; captionsUrl: string; chaptersUrl: string; chapters: VttCue[] };

/**
 * Media files live under /media, a path no page uses: a public/webinars folder would be a directory
 * at the same address as the /webinars page, and static serving answered it first.
 */
export const RECORDINGS_URL = "/media/webinars";
const PUBLIC_WEBINARS = path.resolve(`public${RECORDINGS_URL}`);
const SAFE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The recording's media, or null when the files are not there (a recording announced before its video). */
export async function recordingMedia(slug: string): Promise<RecordingMedia | null> {
  if (!SAFE_SLUG.test(slug)) return null;
  try {
    const chapters = parseWebVtt(await readFile(path.join(PUBLIC_WEBINARS, `${slug}.chapters.vtt`), "utf8"));
    return {
      videoUrl: `${RECORDINGS_URL}/${slug}.webm`,
      captionsUrl: `${RECORDINGS_URL}/${slug}.en.vtt`,
      chaptersUrl: `${RECORDINGS_URL}/${slug}.chapters.vtt`,
      chapters,
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
