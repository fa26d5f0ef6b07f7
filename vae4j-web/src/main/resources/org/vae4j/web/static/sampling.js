/* The prior samples panel: draws SAMPLE_COUNT codes from the prior and decodes them. */

import { SAMPLE_COUNT, els, setStatus, showError, state } from './state.js';
import { api } from './api.js';
import { exploreCode } from './explorer.js';

export function drawSamples() {
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
