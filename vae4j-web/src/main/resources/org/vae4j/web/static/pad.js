/* Drawing the latent pad: a cached layer (grid, axes, scatter) and the markers on top. */

import { PALETTE, els, pad, state } from './state.js';
import { fmtTick, ticks } from './latent.js';

export function plotW() { return pad.cssW - pad.left - pad.right; }
export function plotH() { return pad.cssH - pad.top - pad.bottom; }
function toPx(x) { var b = state.bounds; return pad.left + (x - b.xmin) / (b.xmax - b.xmin) * plotW(); }
function toPy(y) { var b = state.bounds; return pad.top + (b.ymax - y) / (b.ymax - b.ymin) * plotH(); }
export function fromPx(px) { var b = state.bounds; return b.xmin + (px - pad.left) / plotW() * (b.xmax - b.xmin); }
export function fromPy(py) { var b = state.bounds; return b.ymax - (py - pad.top) / plotH() * (b.ymax - b.ymin); }

export function setupPad() {
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
export function renderLayer() {
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

export function drawPad() {
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
