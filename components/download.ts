/** Hands `file` to the browser's downloads, through a Blob URL freed once the download took it. */
export function downloadBlob(file: Blob, fileName: string, revokeAfter = 60_000): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), revokeAfter);
}
