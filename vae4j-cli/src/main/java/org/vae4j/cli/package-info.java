/** The {@code vae4j} command line: one picocli class per subcommand. */
package org.vae4j.cli;
