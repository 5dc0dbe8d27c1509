// Saves bytes made on the server as a file in the browser (CSV exports): no round trip through a URL, nothing stored on the server.
export function saveFile(fileName, contentType, bytes) {
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later, not at once: some browsers start reading the blob only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// MudDataGrid draws its own <table> without a caption; this names the table for screen readers with a real <caption>
// (visually hidden: the grid's visible title says the same). Kept in place on re-renders: Blazor ignores nodes it did not create.
export function captionTable(container, text) {
  const table = container && container.querySelector('table');
  if (!table) return;
  let caption = table.querySelector(':scope > caption');
  if (!caption) {
    caption = document.createElement('caption');
    caption.className = 'visually-hidden-caption';
    caption.style.cssText = 'position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0;';
    table.insertBefore(caption, table.firstChild);
  }
  caption.textContent = text;
}
