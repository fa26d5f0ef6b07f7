/* The decoder panel and the pad's input: pointer and keys on the pad, one slider per latent
 * dimension, and the throttled decode of the current code. */

import { SLIDER_MAX, SLIDER_MIN, els, pad, setStatus, showError, state } from './state.js';
import { clamp, num, xyToZ, zToXY } from './latent.js';
import { api } from './api.js';
import { drawPad, fromPx, fromPy, plotH, plotW } from './pad.js';

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

export function bindPad() {
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

export function buildSliders(L) {
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

export function syncSliders() {
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

export function requestDecode(onDone) {
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

/** Makes z the current code (sliders, crosshair, decoded image). */
export function exploreCode(z) {
  if (!Array.isArray(z) || z.length !== state.latentDim) return;
  state.z = z.map(Number);
  state.xy = zToXY(state.z);
  syncSliders();
  drawPad();
  requestDecode();
}
