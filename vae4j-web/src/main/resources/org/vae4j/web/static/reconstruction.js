/* The "your image" panel: encodes an uploaded or dropped image, shows its reconstruction, its
 * place on the pad and its score. */

import { els, setStatus, showError, state } from './state.js';
import { num, zToXY } from './latent.js';
import { api, imageForm } from './api.js';
import { drawPad } from './pad.js';
import { exploreCode } from './explorer.js';

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
      // Distance to the training codes: no likelihood involved, so simple images are not
      // favoured (README, "Anomaly scores: which one").
      var knn = s.data.latent_knn && s.data.latent_knn[0];
      if (typeof knn === 'number') addInfo('latent 5-NN dist.', num(knn, 2));
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

export function bindUpload() {
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
