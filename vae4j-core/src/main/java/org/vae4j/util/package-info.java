/**
 * Helpers every other package may use: one-line messages, hashing, parsing of named values, a
 * symmetric eigensolver. The lowest layer: it imports no other vae4j package.
 */
package org.vae4j.util;
