/** Pictures of what a model does: image grids as PNG. */
package org.vae4j.viz;
