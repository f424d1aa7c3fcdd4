/** A one-line progress bar on a terminal; occasional plain lines elsewhere (CI logs). */
export function progressReporter(label: string) {
  const interactive = Boolean(process.stderr.isTTY);
  let lastPrinted = 0;
  return (done: number, total: number) => {
    if (total < 50 && !interactive) return;
    const percent = Math.floor((done / total) * 100);
    if (interactive) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\r${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total}`);
      if (done === total) process.stderr.write("\n");
    } else if (percent >= lastPrinted + 10 || done === total) {
      lastPrinted = percent;
      process.stderr.write(`${label}: ${done}/${total} (${percent}%)\n`);
    }
  };
}
