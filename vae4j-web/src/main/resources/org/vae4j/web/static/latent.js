/* Number formatting and the maths between pad positions and latent codes. */

import { state } from './state.js';

export function num(v, digits) {
  return typeof v === 'number' && isFinite(v) ? v.toFixed(digits) : '\u2013';
}

export function clamp(v, lo, hi) { return v < lo ? lo : v > hi ? hi : v; }

export function zeros(n) { var a = new Array(n); for (var i = 0; i < n; i++) a[i] = 0; return a; }

/** Latent code of pad position (x, y). */
export function xyToZ(x, y) {
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
export function zToXY(z) {
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

export function ticks(lo, hi, target) {
  var step = niceStep(hi - lo, target);
  var out = [];
  for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return { values: out, step: step };
}

export function fmtTick(v, step) {
  var d = step >= 1 ? 0 : Math.min(4, Math.ceil(-Math.log10(step)));
  return v.toFixed(d);
}
