/** Saves a Blob under a name in the browser's downloads. */
export function saveBlob(name, blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** Saves an answer as a JSON file in the browser's downloads. */
export function download(name, answer) {
  saveBlob(name, new Blob([JSON.stringify(answer, null, 2)], { type: 'application/json' }));
}
