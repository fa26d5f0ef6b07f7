/**
 * Files: model directories ({@link org.vae4j.io.ModelStore}), checkpoints ({@link
 * org.vae4j.io.Checkpoint}), run directories ({@link org.vae4j.io.RunDirectory}), provenance, and
 * atomic writes.
 */
package org.vae4j.io;
