/** Test pages. Each records what reached the page's own paste listeners and its fields. */

const RECORDER = `<script>
  window.__pastes = [];
  document.addEventListener('paste', (e) => window.__pastes.push(e.target.id || e.target.tagName), true);
</script>`;

const FIELDS = `
  <textarea id="ta" rows="4" cols="60"></textarea>
  <input id="inp" size="60">
  <div id="ce" contenteditable="true" style="border:1px solid #999;min-height:40px;width:500px"></div>`;

export function fieldsPage(title: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${RECORDER}</head>
<body><h1>${title}</h1>${FIELDS}</body></html>`;
}

export function framesPage(): string {
  const srcdoc = `<!doctype html><meta charset=utf-8>${RECORDER.replace(/"/g, '&quot;')}<textarea id=ta></textarea>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Frames</title></head><body>
<iframe id="same" src="/child" width="600" height="300"></iframe>
<iframe id="srcdoc" srcdoc="${srcdoc}" width="600" height="300"></iframe>
</body></html>`;
}

/**
 * A page with a rich editor that handles pastes itself, as ProseMirror or a webmail composer
 * does: it reads the clipboard data and prevents the browser's insertion.
 */
export function editorPage(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Editor</title>${RECORDER}</head>
<body><div id="editor" contenteditable="true" style="border:1px solid #999;min-height:40px;width:500px"></div>
<script>
  window.__editor = [];
  document.getElementById('editor').addEventListener('paste', (e) => {
    e.preventDefault();
    const d = e.clipboardData;
    window.__editor.push({ plain: d.getData('text/plain').length, html: d.getData('text/html').length });
  });
</script></body></html>`;
}

/** A page embedding a small frame (a chat widget) from `frameUrl`. */
export function smallFramePage(frameUrl: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head><body>
<h1>Shop with a chat widget</h1>
<iframe id="widget" src="${frameUrl}" width="320" height="130" style="position:fixed;bottom:10px;right:10px"></iframe>
</body></html>`;
}

/** The widget: one small text field. */
export function widgetPage(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Widget</title>${RECORDER}</head>
<body style="margin:4px"><textarea id="ta" rows="2" cols="30"></textarea></body></html>`;
}
