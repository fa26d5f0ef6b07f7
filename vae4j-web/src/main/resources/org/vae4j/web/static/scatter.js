/* The latent scatter behind the pad: the means of the run's own images from /api/scatter, their
 * projection, bounds and class legend (the server's class names). */

import { PALETTE, els, state } from './state.js';

export function applyScatter(sc) {
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
    // The run's own class names (or label numbers) come from the server; none without labels.
    state.classNames = Array.isArray(sc.classes) && sc.classes.length ? sc.classes.map(String) : null;
    els.padMode.textContent = L === 2 ? pts.length + ' data means, z0 \u00d7 z1'
      : pts.length + ' data means, PCA';
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
  var names = state.classNames;
  if (!names) return;
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
