/**
 * Writes public/media/webinars/<slug>.webm: an honest placeholder for each recording (a title card
 * that says it is a placeholder, with the current chapter's title), as long as the session, so
 * the chapters and captions line up. Needs ffmpeg; run by hand when a recording or its chapters
 * change, and commit the output (CI and `npm start` never need ffmpeg).
 *
 *   npx tsx scripts/make-webinar-placeholders.ts
 */
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseWebVtt } from "../app/webinars/webvtt";

const CONTENT_DIR = "content/webinars";
const PUBLIC_DIR = "public/media/webinars";
const FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

function frontmatterValue(source: string, key: string): string {
  const match = source.match(new RegExp(`^${key}:\\s*"?(.*?)"?\\s*$`, "m"));
  if (!match) throw new Error(`no ${key} in frontmatter`);
  return match[1];
}

/** drawtext reads its text from a file, which spares every quoting rule of the filter syntax. */
function textFile(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const workDir = os.tmpdir();
for (const file of readdirSync(CONTENT_DIR).filter((name) => name.endsWith(".mdx"))) {
  const slug = file.replace(/\.mdx$/, "");
  const source = readFileSync(path.join(CONTENT_DIR, file), "utf8");
  const title = frontmatterValue(source, "title");
  const seconds = Number(frontmatterValue(source, "durationMinutes")) * 60;
  const chapters = parseWebVtt(readFileSync(path.join(PUBLIC_DIR, `${slug}.chapters.vtt`), "utf8"));
  const filters = [
    `drawtext=fontfile=${FONT_BOLD}:textfile=${textFile(workDir, `${slug}-title.txt`, title)}:fontcolor=white:fontsize=24:x=(w-text_w)/2:y=120`,
    `drawtext=fontfile=${FONT}:textfile=${textFile(workDir, `${slug}-note.txt`, "Placeholder recording: the video of this session is not published yet.")}:fontcolor=0xbae6fd:fontsize=16:x=(w-text_w)/2:y=170`,
    `drawtext=fontfile=${FONT}:textfile=${textFile(workDir, `${slug}-hint.txt`, "Captions and the transcript below follow the session.")}:fontcolor=0xbae6fd:fontsize=16:x=(w-text_w)/2:y=196`,
    ...chapters.map(
      (chapter, index) =>
        `drawtext=fontfile=${FONT}:textfile=${textFile(workDir, `${slug}-chapter-${index}.txt`, `Chapter ${index + 1}: ${chapter.text}`)}:fontcolor=white:fontsize=15:x=(w-text_w)/2:y=250:enable='between(t,${chapter.start},${chapter.end - 0.001})'`,
    ),
  ];
  const output = path.join(PUBLIC_DIR, `${slug}.webm`);
  execFileSync(
    "ffmpeg",
    [
      "-y",
      "-loglevel",
      "error",
      "-f",
      "lavfi",
      "-i",
      `color=c=0x0c4a6e:s=640x360:r=1:d=${seconds}`,
      "-vf",
      filters.join(","),
      "-c:v",
      "libvpx-vp9",
      "-b:v",
      "0",
      "-crf",
      "56",
      "-g",
      "600",
      "-row-mt",
      "1",
      "-deadline",
      "good",
      "-cpu-used",
      "8",
      "-an",
      output,
    ],
    { stdio: "inherit" },
  );
  console.log(`${output}: ${Math.round(statSync(output).size / 1024)} KB, ${seconds} s`);
}
