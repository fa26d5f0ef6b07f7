/* Talking to the vae4j-web JSON API: one fetch wrapper that turns every failure into an Error
 * whose message the status line can show as it is. */

/**
 * Calls the API and returns {data, ms}. Throws an Error carrying the server's {"error"} message
 * (or a readable fallback) when the request fails or the status is not 2xx.
 */
export function api(method, path, body) {
  var opts = { method: method, headers: { 'Accept': 'application/json' } };
  if (body instanceof FormData) {
    opts.body = body;
  } else if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  var t0 = performance.now();
  return fetch(path, opts).then(function (res) {
    return res.text().then(function (text) {
      var ms = Math.round(performance.now() - t0);
      var data = null;
      try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
      if (!res.ok) {
        var msg = data && typeof data.error === 'string' ? data.error
          : firstLine(text) || (res.status + ' ' + res.statusText);
        var where = path.split('?')[0].replace(/^\/api\//, '');
        throw new Error(data && typeof data.error === 'string' ? where + ': ' + msg
          : where + ': ' + msg + ' (HTTP ' + res.status + ')');
      }
      if (data === null) {
        throw new Error(path.split('?')[0] + ': the response is not JSON');
      }
      return { data: data, ms: ms };
    });
  }, function (e) {
    throw new Error(path.split('?')[0] + ': cannot reach the server (' +
      (e && e.message ? e.message : e) + ')');
  });
}

/** A non-JSON error body (e.g. a proxy's HTML page) shortened to one readable line. */
function firstLine(text) {
  if (!text) return '';
  var stripped = String(text).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return stripped.length > 160 ? stripped.slice(0, 157) + '\u2026' : stripped;
}

/** The multipart body of /api/encode and /api/score for one file. */
export function imageForm(file) {
  var fd = new FormData();
  fd.append('image', file, file.name || 'image.png');
  return fd;
}
