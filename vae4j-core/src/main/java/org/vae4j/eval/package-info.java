/** Evaluation results: metric records computed by {@link org.vae4j.model.VaeModel#evaluate}. */
package org.vae4j.eval;
