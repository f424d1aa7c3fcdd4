/** A cue of a WebVTT file: start and end in seconds, and its text (lines joined by spaces). */
export type VttCue = { start: number; end: number; text: string };

function seconds(timestamp: string): number {
  const parts = timestamp.trim().split(":").map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/** Cues of a WebVTT file (captions or chapters); header lines, notes and cue settings are skipped. */
export function parseWebVtt(source: string): VttCue[] {
  const cues: VttCue[] = [];
  for (const block of source.replace(/\r\n?/g, "\n").split(/\n{2,}/)) {
    const lines = block.split("\n").filter((line) => line.trim() !== "");
    const timing = lines.findIndex((line) => line.includes("-->"));
    if (timing < 0) continue;
    const [from, rest] = lines[timing].split("-->");
    const to = rest.trim().split(/\s+/)[0];
    cues.push({
      start: seconds(from),
      end: seconds(to),
      text: lines
        .slice(timing + 1)
        .join(" ")
        .trim(),
    });
  }
  return cues;
}

/** "0:00", "12:05", "1:02:03": how a transcript and a chapter list show a time. */
export function formatTimestamp(totalSeconds: number): string {
  const whole = Math.floor(totalSeconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = String(whole % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${secs}` : `${minutes}:${secs}`;
}
