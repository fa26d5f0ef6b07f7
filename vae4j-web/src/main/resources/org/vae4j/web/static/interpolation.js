/* The interpolation panel: encodes images A and B and decodes INTERP_STEPS codes between their
 * latent means. */

import { INTERP_STEPS, els, setStatus, showError, state } from './state.js';
import { zToXY } from './latent.js';
import { api, imageForm } from './api.js';
import { drawPad } from './pad.js';
import { exploreCode } from './explorer.js';

export function runInterpolation() {
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
