/* vae4j latent explorer: vanilla JS talking to the vae4j-web JSON API. */
(function () {
  'use strict';

  var CLASS_NAMES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat',
    'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
  // Tableau 10: distinct, colour-blind friendlier than the rainbow.
  var PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
    '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
  var SLIDER_MIN = -3;
  var SLIDER_MAX = 3;
  var INTERP_STEPS = 10;
  var SAMPLE_COUNT = 8;

  var state = {
    model: null,          // GET /api/model
    latentDim: 0,
    image: null,          // {channels, height, width}
    points: [],           // [[x, y, label], ...]
    projection: null,     // {mean: [L], axes: [[L], [L]]}
    identityDims: false,  // true when the pad maps to z0/z1 directly (no scatter)
    bounds: { xmin: -3, xmax: 3, ymin: -3, ymax: 3 },
    z: [],                // current latent code
    xy: [0, 0],           // current pad position
    uploadXY: null,
    uploadMu: null,
    interpXY: null,       // [[xa, ya], [xb, yb]]
    sampleZ: [],
    sampleSeed: 1,
    classNames: null,     // from /api/scatter's "classes" when given
    decodeInFlight: false,
    decodePending: false,
    decodeSeq: 0,
    uploadSeq: 0,
    interpSeq: 0,
    dragging: false
  };

  var els = {};
  var pad = { ctx: null, cssW: 420, cssH: 420, dpr: 1, layer: null,
    left: 40, right: 10, top: 10, bottom: 30 };

  // ---------------------------------------------------------------- status

  function setStatus(text, isError) {
    if (!els.status) return;
    els.status.textContent = text;
    els.status.title = text;
    els.status.classList.toggle('error', !!isError);
  }

  function showError(err) {
    var msg = err && err.message ? err.message : String(err);
    setStatus(msg, true);
  }

  // ---------------------------------------------------------------- fetch

  /**
   * Calls the API and returns {data, ms}. Throws an Error carrying the server's {"error"} message
   * (or a readable fallback) when the request fails or the status is not 2xx.
   */
  function api(method, path, body) {
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

  function firstLine(text) {
    if (!text) return '';
    var stripped = String(text).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
    return stripped.length > 160 ? stripped.slice(0, 157) + '\u2026' : stripped;
  }

  // ---------------------------------------------------------------- maths

  function num(v, digits) {
    return typeof v === 'number' && isFinite(v) ? v.toFixed(digits) : '\u2013';
  }

  function clamp(v, lo, hi) { return v < lo ? lo : v > hi ? hi : v; }

  function zeros(n) { var a = new Array(n); for (var i = 0; i < n; i++) a[i] = 0; return a; }

  /** Latent code of pad position (x, y). */
  function xyToZ(x, y) {
    var L = state.latentDim;
    var z;
    if (state.projection && !state.identityDims) {
      var m = state.projection.mean, a0 = state.projection.axes[0], a1 = state.projection.axes[1];
      z = new Array(L);
      for (var i = 0; i < L; i++) z[i] = m[i] + x * a0[i] + y * a1[i];
      return z;
    }
    z = state.z.length === L ? state.z.slice() : zeros(L);
    if (L > 0) z[0] = x;
    if (L > 1) z[1] = y;
    return z;
  }

  /** Pad position of latent code z (orthogonal projection onto the axes). */
  function zToXY(z) {
    if (state.projection && !state.identityDims) {
      var m = state.projection.mean, a0 = state.projection.axes[0], a1 = state.projection.axes[1];
      var x = 0, y = 0, n0 = 0, n1 = 0;
      for (var i = 0; i < z.length; i++) {
        var d = z[i] - m[i];
        x += d * a0[i]; y += d * a1[i];
        n0 += a0[i] * a0[i]; n1 += a1[i] * a1[i];
      }
      return [n0 > 0 ? x / n0 : 0, n1 > 0 ? y / n1 : 0];
    }
    return [z.length > 0 ? z[0] : 0, z.length > 1 ? z[1] : 0];
  }

  function niceStep(range, target) {
    var raw = range / Math.max(1, target);
    var p = Math.pow(10, Math.floor(Math.log10(raw)));
    var f = raw / p;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
  }

  function ticks(lo, hi, target) {
    var step = niceStep(hi - lo, target);
    var out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
      out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    }
    return { values: out, step: step };
  }

  function fmtTick(v, step) {
    var d = step >= 1 ? 0 : Math.min(4, Math.ceil(-Math.log10(step)));
    return v.toFixed(d);
  }

  // ---------------------------------------------------------------- pad drawing

  function plotW() { return pad.cssW - pad.left - pad.right; }
  function plotH() { return pad.cssH - pad.top - pad.bottom; }
  function toPx(x) { var b = state.bounds; return pad.left + (x - b.xmin) / (b.xmax - b.xmin) * plotW(); }
  function toPy(y) { var b = state.bounds; return pad.top + (b.ymax - y) / (b.ymax - b.ymin) * plotH(); }
  function fromPx(px) { var b = state.bounds; return b.xmin + (px - pad.left) / plotW() * (b.xmax - b.xmin); }
  function fromPy(py) { var b = state.bounds; return b.ymax - (py - pad.top) / plotH() * (b.ymax - b.ymin); }

  function setupPad() {
    var c = els.pad;
    if (!c || !c.getContext) return;
    var rect = c.getBoundingClientRect();
    pad.cssW = Math.max(100, Math.round(rect.width) || 420);
    pad.cssH = Math.max(100, Math.round(rect.height) || 420);
    pad.dpr = window.devicePixelRatio || 1;
    c.width = Math.round(pad.cssW * pad.dpr);
    c.height = Math.round(pad.cssH * pad.dpr);
    pad.ctx = c.getContext('2d');
    renderLayer();
    drawPad();
  }

  /** Renders the static part (background, grid, axes, scatter) once into an offscreen canvas. */
  function renderLayer() {
    var layer = document.createElement('canvas');
    layer.width = Math.round(pad.cssW * pad.dpr);
    layer.height = Math.round(pad.cssH * pad.dpr);
    var g = layer.getContext('2d');
    g.setTransform(pad.dpr, 0, 0, pad.dpr, 0, 0);
    var b = state.bounds, pw = plotW(), ph = plotH();

    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, pad.cssW, pad.cssH);
    g.fillStyle = '#fbfcfe';
    g.fillRect(pad.left, pad.top, pw, ph);

    var tx = ticks(b.xmin, b.xmax, 6), ty = ticks(b.ymin, b.ymax, 6);
    g.lineWidth = 1;
    g.font = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
    // grid
    g.strokeStyle = '#edf0f5';
    g.beginPath();
    tx.values.forEach(function (v) { var x = Math.round(toPx(v)) + 0.5; g.moveTo(x, pad.top); g.lineTo(x, pad.top + ph); });
    ty.values.forEach(function (v) { var y = Math.round(toPy(v)) + 0.5; g.moveTo(pad.left, y); g.lineTo(pad.left + pw, y); });
    g.stroke();
    // zero lines
    g.strokeStyle = '#d9dee7';
    g.beginPath();
    if (b.xmin < 0 && b.xmax > 0) { var x0 = Math.round(toPx(0)) + 0.5; g.moveTo(x0, pad.top); g.lineTo(x0, pad.top + ph); }
    if (b.ymin < 0 && b.ymax > 0) { var y0 = Math.round(toPy(0)) + 0.5; g.moveTo(pad.left, y0); g.lineTo(pad.left + pw, y0); }
    g.stroke();

    // points
    var pts = state.points;
    var r = pts.length > 5000 ? 1.2 : 1.7;
    g.globalAlpha = 0.72;
    for (var i = 0; i < pts.length; i++) {
      var p = pts[i];
      if (!p || typeof p[0] !== 'number' || typeof p[1] !== 'number') continue;
      var lab = p.length > 2 ? p[2] : -1;
      g.fillStyle = lab >= 0 && lab < PALETTE.length ? PALETTE[lab] : '#8a94a6';
      g.beginPath();
      g.arc(toPx(p[0]), toPy(p[1]), r, 0, Math.PI * 2);
      g.fill();
    }
    g.globalAlpha = 1;

    // frame, ticks and labels
    g.strokeStyle = '#c3cad6';
    g.strokeRect(pad.left + 0.5, pad.top + 0.5, pw - 1, ph - 1);
    g.fillStyle = '#667085';
    g.strokeStyle = '#c3cad6';
    g.textAlign = 'center';
    g.textBaseline = 'top';
    g.beginPath();
    tx.values.forEach(function (v) {
      var x = Math.round(toPx(v)) + 0.5;
      g.moveTo(x, pad.top + ph); g.lineTo(x, pad.top + ph + 4);
      g.fillText(fmtTick(v, tx.step), x, pad.top + ph + 6);
    });
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    ty.values.forEach(function (v) {
      var y = Math.round(toPy(v)) + 0.5;
      g.moveTo(pad.left - 4, y); g.lineTo(pad.left, y);
      g.fillText(fmtTick(v, ty.step), pad.left - 6, y);
    });
    g.stroke();

    var labels = axisLabels();
    g.fillStyle = '#3b4556';
    g.font = '600 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
    g.textAlign = 'right';
    g.textBaseline = 'bottom';
    g.fillText(labels[0], pad.left + pw - 4, pad.top + ph - 4);
    g.save();
    g.translate(pad.left + 5, pad.top + 4);
    g.rotate(-Math.PI / 2);
    g.textAlign = 'right';
    g.textBaseline = 'top';
    g.fillText(labels[1], 0, 0);
    g.restore();

    pad.layer = layer;
  }

  function axisLabels() {
    if (state.projection && !state.identityDims && state.latentDim !== 2) return ['PC 1', 'PC 2'];
    return ['z0', state.latentDim === 1 ? '(unused)' : 'z1'];
  }

  function drawMarker(g, xy, color, label) {
    var x = toPx(xy[0]), y = toPy(xy[1]);
    if (!isFinite(x) || !isFinite(y)) return;
    g.save();
    g.lineWidth = 2.5;
    g.strokeStyle = '#ffffff';
    g.beginPath(); g.arc(x, y, 6, 0, Math.PI * 2); g.stroke();
    g.lineWidth = 1.8;
    g.strokeStyle = color;
    g.beginPath(); g.arc(x, y, 6, 0, Math.PI * 2); g.stroke();
    g.fillStyle = color;
    g.font = '700 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
    g.textBaseline = 'bottom';
    g.textAlign = 'left';
    g.lineWidth = 3;
    g.strokeStyle = 'rgba(255,255,255,0.9)';
    g.strokeText(label, x + 8, y - 4);
    g.fillText(label, x + 8, y - 4);
    g.restore();
  }

  function drawPad() {
    var g = pad.ctx;
    if (!g) return;
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, els.pad.width, els.pad.height);
    if (pad.layer) g.drawImage(pad.layer, 0, 0);
    g.setTransform(pad.dpr, 0, 0, pad.dpr, 0, 0);

    g.save();
    g.beginPath();
    g.rect(pad.left, pad.top, plotW(), plotH());
    g.clip();

    // interpolation path
    if (state.interpXY) {
      var a = state.interpXY[0], b = state.interpXY[1];
      g.save();
      g.strokeStyle = 'rgba(214, 51, 108, 0.8)';
      g.lineWidth = 1.5;
      g.setLineDash([4, 3]);
      g.beginPath();
      g.moveTo(toPx(a[0]), toPy(a[1]));
      g.lineTo(toPx(b[0]), toPy(b[1]));
      g.stroke();
      g.restore();
      drawMarker(g, a, '#111827', 'A');
      drawMarker(g, b, '#d6336c', 'B');
    }
    if (state.uploadXY) drawMarker(g, state.uploadXY, '#0b7a3e', 'upload');

    // crosshair
    var cx = toPx(state.xy[0]), cy = toPy(state.xy[1]);
    if (isFinite(cx) && isFinite(cy)) {
      g.strokeStyle = 'rgba(29, 36, 48, 0.55)';
      g.lineWidth = 1;
      g.setLineDash([3, 3]);
      g.beginPath();
      g.moveTo(pad.left, Math.round(cy) + 0.5); g.lineTo(pad.left + plotW(), Math.round(cy) + 0.5);
      g.moveTo(Math.round(cx) + 0.5, pad.top); g.lineTo(Math.round(cx) + 0.5, pad.top + plotH());
      g.stroke();
      g.setLineDash([]);
      g.lineWidth = 3;
      g.strokeStyle = '#ffffff';
      g.beginPath(); g.arc(cx, cy, 5, 0, Math.PI * 2); g.stroke();
      g.lineWidth = 2;
      g.strokeStyle = '#2f6fde';
      g.beginPath(); g.arc(cx, cy, 5, 0, Math.PI * 2); g.stroke();
    }
    g.restore();
  }

  // ---------------------------------------------------------------- pad input

  function padEventToXY(ev) {
    var rect = els.pad.getBoundingClientRect();
    var sx = rect.width ? pad.cssW / rect.width : 1;
    var sy = rect.height ? pad.cssH / rect.height : 1;
    var px = clamp((ev.clientX - rect.left) * sx, pad.left, pad.left + plotW());
    var py = clamp((ev.clientY - rect.top) * sy, pad.top, pad.top + plotH());
    return [fromPx(px), fromPy(py)];
  }

  function setPoint(xy) {
    if (!state.latentDim) return;
    state.xy = xy;
    state.z = xyToZ(xy[0], xy[1]);
    syncSliders();
    drawPad();
    requestDecode();
  }

  function bindPad() {
    var c = els.pad;
    c.addEventListener('pointerdown', function (ev) {
      if (ev.button !== undefined && ev.button !== 0) return;
      state.dragging = true;
      try { c.setPointerCapture(ev.pointerId); } catch (e) { /* synthetic events have no capture */ }
      ev.preventDefault();
      setPoint(padEventToXY(ev));
    });
    c.addEventListener('pointermove', function (ev) {
      if (!state.dragging) return;
      setPoint(padEventToXY(ev));
    });
    var stop = function () { state.dragging = false; };
    c.addEventListener('pointerup', stop);
    c.addEventListener('pointercancel', stop);
    c.addEventListener('lostpointercapture', stop);
    // A plain click (e.g. from automation that sends no pointer events) still sets the point.
    c.addEventListener('click', function (ev) {
      if (ev.detail === 0 || !ev.isTrusted) setPoint(padEventToXY(ev));
    });
    c.addEventListener('keydown', function (ev) {
      var b = state.bounds;
      var dx = (b.xmax - b.xmin) / 50, dy = (b.ymax - b.ymin) / 50;
      var k = ev.shiftKey ? 5 : 1;
      var xy = state.xy.slice();
      if (ev.key === 'ArrowLeft') xy[0] -= dx * k;
      else if (ev.key === 'ArrowRight') xy[0] += dx * k;
      else if (ev.key === 'ArrowUp') xy[1] += dy * k;
      else if (ev.key === 'ArrowDown') xy[1] -= dy * k;
      else return;
      ev.preventDefault();
      xy[0] = clamp(xy[0], b.xmin, b.xmax);
      xy[1] = clamp(xy[1], b.ymin, b.ymax);
      setPoint(xy);
    });
  }

  // ---------------------------------------------------------------- sliders

  function buildSliders(L) {
    var box = els.sliders;
    box.textContent = '';
    for (var i = 0; i < L; i++) {
      var row = document.createElement('div');
      row.className = 'slider-row';
      var id = 'z-slider-' + i;
      var label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = 'z' + i;
      var input = document.createElement('input');
      input.type = 'range';
      input.id = id;
      input.className = 'latent-slider';
      input.min = String(SLIDER_MIN);
      input.max = String(SLIDER_MAX);
      input.step = '0.01';
      input.value = '0';
      input.setAttribute('data-dim', String(i));
      var out = document.createElement('output');
      out.htmlFor = id;
      out.textContent = '0.00';
      input.addEventListener('input', onSlider);
      input.addEventListener('change', onSlider);
      row.appendChild(label);
      row.appendChild(input);
      row.appendChild(out);
      box.appendChild(row);
    }
  }

  function onSlider(ev) {
    var input = ev.target;
    var i = parseInt(input.getAttribute('data-dim'), 10);
    var v = parseFloat(input.value);
    if (!(i >= 0 && i < state.z.length) || !isFinite(v)) return;
    if (state.z[i] === v) return;
    state.z[i] = v;
    var out = input.parentNode.querySelector('output');
    if (out) out.textContent = v.toFixed(2);
    state.xy = zToXY(state.z);
    drawPad();
    updateReadout();
    requestDecode();
  }

  function syncSliders() {
    var inputs = els.sliders.querySelectorAll('input.latent-slider');
    for (var k = 0; k < inputs.length; k++) {
      var i = parseInt(inputs[k].getAttribute('data-dim'), 10);
      var v = state.z[i];
      if (typeof v !== 'number') continue;
      inputs[k].value = String(clamp(v, SLIDER_MIN, SLIDER_MAX));
      var out = inputs[k].parentNode.querySelector('output');
      if (out) out.textContent = v.toFixed(2);
    }
    updateReadout();
  }

  function updateReadout() {
    if (els.readout) {
      els.readout.textContent = 'pad (' + num(state.xy[0], 2) + ', ' + num(state.xy[1], 2) + ')';
    }
  }

  // ---------------------------------------------------------------- decode (throttled)

  function requestDecode(onDone) {
    if (!state.latentDim) return;
    if (state.decodeInFlight) { state.decodePending = true; return; }
    state.decodeInFlight = true;
    state.decodePending = false;
    var z = state.z.slice();
    api('POST', '/api/decode', { z: z }).then(function (r) {
      var png = r.data.png && r.data.png[0];
      if (typeof png === 'string') els.decoded.src = png;
      setStatus('decode ' + r.ms + ' ms', false);
    }).catch(showError).then(function () {
      state.decodeInFlight = false;
      if (typeof onDone === 'function') onDone();
      if (state.decodePending) requestDecode();
    });
  }

  // ---------------------------------------------------------------- samples

  function drawSamples() {
    var seed = state.sampleSeed++;
    els.sampleBtn.disabled = true;
    api('GET', '/api/sample?n=' + SAMPLE_COUNT + '&seed=' + seed).then(function (r) {
      var pngs = r.data.png || [];
      state.sampleZ = r.data.z || [];
      els.samples.textContent = '';
      pngs.forEach(function (src, i) {
        var img = document.createElement('img');
        img.src = src;
        img.alt = 'sample ' + (i + 1) + ' (seed ' + seed + ')';
        img.title = 'sample ' + (i + 1) + ', seed ' + seed + ': click to explore its code';
        img.addEventListener('click', function () { exploreCode(state.sampleZ[i]); });
        els.samples.appendChild(img);
      });
      setStatus('sample ' + pngs.length + ' (seed ' + seed + ') ' + r.ms + ' ms', false);
    }).catch(showError).then(function () { els.sampleBtn.disabled = false; });
  }

  /** Makes z the current code (sliders, crosshair, decoded image). */
  function exploreCode(z) {
    if (!Array.isArray(z) || z.length !== state.latentDim) return;
    state.z = z.map(Number);
    state.xy = zToXY(state.z);
    syncSliders();
    drawPad();
    requestDecode();
  }

  // ---------------------------------------------------------------- upload

  function imageForm(file) {
    var fd = new FormData();
    fd.append('image', file, file.name || 'image.png');
    return fd;
  }

  function handleUpload(file) {
    if (!file) return;
    var seq = ++state.uploadSeq;
    setStatus('encoding ' + (file.name || 'image') + '\u2026', false);
    els.uploadInfo.textContent = '';
    api('POST', '/api/encode', imageForm(file)).then(function (r) {
      if (seq !== state.uploadSeq) return;
      var d = r.data;
      if (d.input_png && d.input_png[0]) els.original.src = d.input_png[0];
      if (d.reconstruction_png && d.reconstruction_png[0]) els.reconstruction.src = d.reconstruction_png[0];
      state.uploadXY = d.xy && d.xy[0] ? d.xy[0] : (d.mu && d.mu[0] ? zToXY(d.mu[0]) : null);
      state.uploadMu = d.mu && d.mu[0] ? d.mu[0] : null;
      els.useUpload.disabled = !state.uploadMu;
      drawPad();
      addInfo('file', file.name || 'image');
      if (state.uploadXY) addInfo('pad', '(' + num(state.uploadXY[0], 2) + ', ' + num(state.uploadXY[1], 2) + ')');
      var encodeMs = r.ms;
      setStatus('encode ' + encodeMs + ' ms', false);
      // -ELBO is a bonus: shown when the score request succeeds.
      return api('POST', '/api/score', imageForm(file)).then(function (s) {
        if (seq !== state.uploadSeq) return;
        var v = s.data.neg_elbo && s.data.neg_elbo[0];
        addInfo('\u2212ELBO', num(v, 1) + ' nats');
        var ll = s.data.log_likelihood && s.data.log_likelihood[0];
        if (typeof ll === 'number') addInfo('log p(x) \u2248', num(ll, 1));
        setStatus('encode ' + encodeMs + ' ms \u00b7 score ' + s.ms + ' ms', false);
      });
    }).catch(function (e) {
      if (seq !== state.uploadSeq) return;
      // Do not leave the previous image's results next to a failed upload.
      if (!els.uploadInfo.firstChild) clearUpload();
      showError(e);
    });
  }

  function clearUpload() {
    els.original.removeAttribute('src');
    els.reconstruction.removeAttribute('src');
    state.uploadXY = null;
    state.uploadMu = null;
    els.useUpload.disabled = true;
    drawPad();
  }

  function addInfo(key, value) {
    var dt = document.createElement('dt');
    dt.textContent = key;
    var dd = document.createElement('dd');
    dd.textContent = value;
    els.uploadInfo.appendChild(dt);
    els.uploadInfo.appendChild(dd);
  }

  function bindUpload() {
    els.upload.addEventListener('change', function () {
      var f = els.upload.files && els.upload.files[0];
      if (f) handleUpload(f);
    });
    var drop = els.drop;
    ['dragenter', 'dragover'].forEach(function (t) {
      drop.addEventListener(t, function (ev) {
        ev.preventDefault();
        if (ev.dataTransfer) ev.dataTransfer.dropEffect = 'copy';
        drop.classList.add('over');
      });
    });
    ['dragleave', 'dragend'].forEach(function (t) {
      drop.addEventListener(t, function (ev) {
        if (ev.target === drop) drop.classList.remove('over');
      });
    });
    drop.addEventListener('drop', function (ev) {
      ev.preventDefault();
      drop.classList.remove('over');
      var files = ev.dataTransfer && ev.dataTransfer.files;
      if (files && files.length) handleUpload(files[0]);
    });
    // A file dropped next to the zone must not navigate away from the page.
    window.addEventListener('dragover', function (ev) { ev.preventDefault(); });
    window.addEventListener('drop', function (ev) { ev.preventDefault(); });
    els.useUpload.addEventListener('click', function () {
      if (state.uploadMu) exploreCode(state.uploadMu);
    });
  }

  // ---------------------------------------------------------------- interpolation

  function runInterpolation() {
    var fa = els.interpA.files && els.interpA.files[0];
    var fb = els.interpB.files && els.interpB.files[0];
    if (!fa || !fb) {
      if (fa || fb) setStatus('choose image ' + (fa ? 'B' : 'A') + ' to interpolate', false);
      return;
    }
    var seq = ++state.interpSeq;
    var t0 = performance.now();
    setStatus('interpolating\u2026', false);
    Promise.all([api('POST', '/api/encode', imageForm(fa)), api('POST', '/api/encode', imageForm(fb))])
      .then(function (rs) {
        if (seq !== state.interpSeq) return null;
        var ma = rs[0].data.mu && rs[0].data.mu[0];
        var mb = rs[1].data.mu && rs[1].data.mu[0];
        if (!ma || !mb || ma.length !== mb.length) throw new Error('interpolation: encode returned no mean');
        var xa = rs[0].data.xy && rs[0].data.xy[0] ? rs[0].data.xy[0] : zToXY(ma);
        var xb = rs[1].data.xy && rs[1].data.xy[0] ? rs[1].data.xy[0] : zToXY(mb);
        state.interpXY = [xa, xb];
        drawPad();
        var codes = [];
        for (var s = 0; s < INTERP_STEPS; s++) {
          var t = s / (INTERP_STEPS - 1);
          var z = new Array(ma.length);
          for (var i = 0; i < ma.length; i++) z[i] = (1 - t) * ma[i] + t * mb[i];
          codes.push(z);
        }
        return api('POST', '/api/decode', { z: codes }).then(function (r) {
          if (seq !== state.interpSeq) return;
          els.interpStrip.textContent = '';
          (r.data.png || []).forEach(function (src, k) {
            var img = document.createElement('img');
            img.src = src;
            img.alt = 'interpolation step ' + (k + 1) + ' of ' + INTERP_STEPS;
            img.title = 't = ' + (k / (INTERP_STEPS - 1)).toFixed(2);
            img.addEventListener('click', function () { exploreCode(codes[k]); });
            els.interpStrip.appendChild(img);
          });
          setStatus('interpolate ' + Math.round(performance.now() - t0) + ' ms (2 encodes + decode '
            + r.ms + ' ms)', false);
        });
      })
      .catch(function (e) { if (seq === state.interpSeq) showError(e); });
  }

  // ---------------------------------------------------------------- start-up

  function summary(m) {
    var c = m.config || {};
    var img = m.image || {};
    var p = m.provenance || {};
    var parts = [];
    var add = function (label, value) {
      if (value === undefined || value === null || value === '') return;
      parts.push([label, String(value)]);
    };
    add('', c.architecture ? String(c.architecture).toUpperCase() : '');
    if (Array.isArray(c.hidden)) add('hidden', c.hidden.join('-'));
    add('latent', m.latent_dim);
    add('', c.likelihood ? String(c.likelihood).toLowerCase() : '');
    if (img.channels) add('image', img.channels + '\u00d7' + img.height + '\u00d7' + img.width);
    if (typeof p.epochs === 'number') add('epochs', p.epochs);
    var fm = p.final_metrics;
    if (fm && typeof fm.val_neg_elbo === 'number' && isFinite(fm.val_neg_elbo)) {
      add('val \u2212ELBO', fm.val_neg_elbo.toFixed(2));
    }
    var box = els.summary;
    box.textContent = '';
    parts.forEach(function (kv, i) {
      if (i > 0) box.appendChild(document.createTextNode(' \u00b7 '));
      if (kv[0]) box.appendChild(document.createTextNode(kv[0] + ' '));
      var b = document.createElement('b');
      b.textContent = kv[1];
      box.appendChild(b);
    });
  }

  function applyScatter(sc) {
    var pts = Array.isArray(sc && sc.points) ? sc.points : [];
    var proj = sc && sc.projection;
    var L = state.latentDim;
    var okProj = proj && Array.isArray(proj.mean) && Array.isArray(proj.axes) && proj.axes.length >= 2 &&
      proj.mean.length === L && proj.axes[0].length === L && proj.axes[1].length === L;
    if (pts.length && okProj) {
      state.points = pts;
      state.projection = proj;
      state.identityDims = false;
      var b = sc.bounds || {};
      var xmin = b.xmin, xmax = b.xmax, ymin = b.ymin, ymax = b.ymax;
      // The server's bounds already include a margin; without them, take the points' range + 5%.
      var margin = 0.01;
      if (![xmin, xmax, ymin, ymax].every(function (v) { return typeof v === 'number' && isFinite(v); })) {
        xmin = ymin = Infinity; xmax = ymax = -Infinity;
        pts.forEach(function (p) {
          xmin = Math.min(xmin, p[0]); xmax = Math.max(xmax, p[0]);
          ymin = Math.min(ymin, p[1]); ymax = Math.max(ymax, p[1]);
        });
        margin = 0.05;
      }
      var padX = Math.max((xmax - xmin) * margin, xmax > xmin ? 0 : 1);
      var padY = Math.max((ymax - ymin) * margin, ymax > ymin ? 0 : 1);
      state.bounds = { xmin: xmin - padX, xmax: xmax + padX, ymin: ymin - padY, ymax: ymax + padY };
      if (Array.isArray(sc.classes) && sc.classes.length) {
        state.classNames = sc.classes.map(String);
      }
      els.padMode.textContent = L === 2 ? pts.length + ' test means, z0 \u00d7 z1'
        : pts.length + ' test means, PCA';
      buildLegend(pts);
    } else {
      state.points = [];
      state.projection = null;
      state.identityDims = true;
      state.bounds = { xmin: -3, xmax: 3, ymin: -3, ymax: 3 };
      els.padMode.textContent = L >= 2 ? 'dims z0 \u00d7 z1 (no scatter)' : 'dim z0 (no scatter)';
      buildLegend([]);
    }
  }

  function buildLegend(pts) {
    els.legend.textContent = '';
    var seen = {};
    pts.forEach(function (p) { if (p && p.length > 2) seen[p[2]] = true; });
    var names = state.classNames || CLASS_NAMES;
    for (var i = 0; i < Math.min(names.length, PALETTE.length); i++) {
      if (!seen[i]) continue;
      var li = document.createElement('li');
      var dot = document.createElement('span');
      dot.className = 'dot';
      dot.style.background = PALETTE[i];
      li.appendChild(dot);
      li.appendChild(document.createTextNode(names[i]));
      els.legend.appendChild(li);
    }
  }

  function start() {
    els.status = document.getElementById('status');
    els.summary = document.getElementById('model-summary');
    els.pad = document.getElementById('pad');
    els.padMode = document.getElementById('pad-mode');
    els.legend = document.getElementById('legend');
    els.decoded = document.getElementById('decoded');
    els.sliders = document.getElementById('sliders');
    els.readout = document.getElementById('point-readout');
    els.sampleBtn = document.getElementById('sample');
    els.samples = document.getElementById('samples');
    els.upload = document.getElementById('upload');
    els.drop = document.getElementById('drop');
    els.original = document.getElementById('original');
    els.reconstruction = document.getElementById('reconstruction');
    els.uploadInfo = document.getElementById('upload-info');
    els.useUpload = document.getElementById('use-upload');
    els.interpA = document.getElementById('interp-a');
    els.interpB = document.getElementById('interp-b');
    els.interpStrip = document.getElementById('interp-strip');

    setupPad();
    bindPad();
    bindUpload();
    els.sampleBtn.addEventListener('click', drawSamples);
    els.interpA.addEventListener('change', runInterpolation);
    els.interpB.addEventListener('change', runInterpolation);

    var lastDpr = window.devicePixelRatio || 1;
    var lastW = pad.cssW;
    window.addEventListener('resize', function () {
      var dpr = window.devicePixelRatio || 1;
      var w = Math.round(els.pad.getBoundingClientRect().width);
      if (dpr !== lastDpr || w !== lastW) { lastDpr = dpr; lastW = w; setupPad(); }
    });

    setStatus('loading\u2026', false);
    var scatterP = api('GET', '/api/scatter').then(function (r) { return r.data; },
      function (e) { return { error: e }; });
    api('GET', '/api/model').then(function (r) {
      var m = r.data;
      state.model = m;
      var L = parseInt(m.latent_dim != null ? m.latent_dim : (m.config && m.config.latent_dim), 10);
      if (!(L > 0)) throw new Error('GET /api/model: no latent_dim in the response');
      state.latentDim = L;
      state.image = m.image || null;
      summary(m);
      if (state.image && state.image.width) {
        els.shapeHint.textContent = '(' + state.image.width + '\u00d7' + state.image.height + ' px)';
      }
      buildSliders(L);
      state.z = zeros(L);
      return scatterP.then(function (sc) {
        applyScatter(sc && !sc.error ? sc : null);
        state.z = xyToZ(0, 0);
        state.xy = zToXY(state.z);
        renderLayer();
        syncSliders();
        drawPad();
        if (sc && sc.error) {
          els.padMode.textContent = 'scatter unavailable: dims z0 \u00d7 z1';
          // Shown after the first decode so its timing does not overwrite the error.
          requestDecode(function () { showError(sc.error); });
        } else {
          requestDecode();
        }
      });
    }).catch(function (e) {
      els.summary.textContent = 'model unavailable';
      showError(e);
    });
  }

  window.addEventListener('unhandledrejection', function (ev) {
    showError(ev.reason || 'unexpected error');
  });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { safeStart(); });
  } else {
    safeStart();
  }

  function safeStart() {
    els.shapeHint = document.getElementById('shape-hint');
    try { start(); } catch (e) {
      if (!els.status) els.status = document.getElementById('status');
      showError(e);
    }
  }
})();
