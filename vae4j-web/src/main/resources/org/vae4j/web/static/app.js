/* vae4j latent explorer: vanilla JS talking to the vae4j-web JSON API. This entry module finds
 * the page's elements, wires the panels (one module each) and loads the model. */

import { els, pad, setStatus, showError, state } from './state.js';
import { xyToZ, zToXY, zeros } from './latent.js';
import { api } from './api.js';
import { drawPad, renderLayer, setupPad } from './pad.js';
import { bindPad, buildSliders, requestDecode, syncSliders } from './explorer.js';
import { drawSamples } from './sampling.js';
import { bindUpload } from './reconstruction.js';
import { runInterpolation } from './interpolation.js';
import { applyScatter } from './scatter.js';

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
