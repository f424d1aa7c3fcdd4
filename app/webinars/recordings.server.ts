import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseWebVtt, type VttCue } from "./webvtt";

/** What a recording page plays: the video, its captions and its chapters (public/webinars/<slug>.*). */
export type RecordingMedia = { videoUrl: string; captionsUrl: string; chaptersUrl: string; chapters: VttCue[] };

const PUBLIC_WEBINARS = path.resolve("public/webinars");
const SAFE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The recording's media, or null when the files are not there (a recording announced before its video). */
export async function recordingMedia(slug: string): Promise<RecordingMedia | null> {
  if (!SAFE_SLUG.test(slug)) return null;
  try {
    const chapters = parseWebVtt(await readFile(path.join(PUBLIC_WEBINARS, `${slug}.chapters.vtt`), "utf8"));
    return {
      videoUrl: `/webinars/${slug}.webm`,
      captionsUrl: `/webinars/${slug}.en.vtt`,
      chaptersUrl: `/webinars/${slug}.chapters.vtt`,
      chapters,
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
