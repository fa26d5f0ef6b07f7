/** Loading and configuring DJL's PyTorch engine: offline, cached, with a chosen thread count. */
package org.vae4j.engine;
