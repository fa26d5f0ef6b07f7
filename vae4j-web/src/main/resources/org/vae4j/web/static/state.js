/* The page's shared state: constants, the current latent code and the element handles. Every
 * panel module reads and writes these objects in place (they are never reassigned), so an
 * import sees the same values everywhere. */

// Tableau 10: distinct, colour-blind friendlier than the rainbow.
export var PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
  '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
export var SLIDER_MIN = -3;
export var SLIDER_MAX = 3;
export var INTERP_STEPS = 10;
export var SAMPLE_COUNT = 8;

export var state = {
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
  classNames: null,     // /api/scatter's "classes": the page knows no names of its own
  decodeInFlight: false,
  decodePending: false,
  decodeSeq: 0,
  uploadSeq: 0,
  interpSeq: 0,
  dragging: false
};

/** Element handles, filled by app.js at start-up. */
export var els = {};

/** The pad canvas: its context, CSS size, device pixel ratio, cached layer and margins. */
export var pad = { ctx: null, cssW: 420, cssH: 420, dpr: 1, layer: null,
  left: 40, right: 10, top: 10, bottom: 30 };

// ---------------------------------------------------------------- status

export function setStatus(text, isError) {
  if (!els.status) return;
  els.status.textContent = text;
  els.status.title = text;
  els.status.classList.toggle('error', !!isError);
}

export function showError(err) {
  var msg = err && err.message ? err.message : String(err);
  setStatus(msg, true);
}
