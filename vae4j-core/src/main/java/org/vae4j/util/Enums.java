package org.vae4j.util;

import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Parsing of enum constants from the ids users type, with messages that name the bad value and
 * list the valid ones. The valid ones come from the constants, so a new constant cannot be
 * missing from the message.
 *
 * <p>Two forms exist because vae4j's enums grew two: {@link #parse} (blanks trimmed, case
 * ignored, {@code got null} for null) for data settings, and {@link #parseLowerCase} (lower-cased,
 * nothing trimmed, {@code got 'null'}) for model and training settings. Both keep the messages
 * that tests and users already see. Enums with aliases or their own wording use {@link #find},
 * {@link #ids} and {@link #quoted}.
 */
public final class Enums {

    private Enums() {}

    /**
     * Parses an id ignoring case and surrounding blanks.
     *
     * @param type the enum
     * @param what what the value is, as the message names it, e.g. {@code binarization}
     * @param s the text, may be null
     * @param id each constant's id, e.g. {@code Binarization::id}
     * @param <E> the enum type
     * @return the constant whose id equals {@code s.trim()} ignoring case
     * @throws IllegalArgumentException {@code "<what> must be one of <ids>, got '<s>'"}, or
     *     {@code got null} when {@code s} is null
     */
    public static <E extends Enum<E>> E parse(
            Class<E> type, String what, String s, Function<E, String> id) {
        if (s != null) {
            String wanted = s.trim();
            Optional<E> e = find(type, id, i -> i.equalsIgnoreCase(wanted));
            if (e.isPresent()) {
                return e.get();
            }
        }
        throw new IllegalArgumentException(
                what + " must be one of " + ids(type, id) + ", got " + quoted(s));
    }

    /**
     * Parses an id after lower-casing it (in {@link Locale#ROOT}); blanks are not trimmed.
     *
     * @param type the enum
     * @param what what the value is, as the message names it, e.g. {@code model}
     * @param s the text, may be null (which matches no id)
     * @param id each constant's lower-case id, e.g. {@code Architecture::id}
     * @param <E> the enum type
     * @return the constant whose id equals {@code s} lower-cased
     * @throws IllegalArgumentException {@code "<what> must be one of <ids>, got '<s>'"}, also
     *     {@code got 'null'} when {@code s} is null
     */
    public static <E extends Enum<E>> E parseLowerCase(
            Class<E> type, String what, String s, Function<E, String> id) {
        String key = s == null ? "" : s.toLowerCase(Locale.ROOT);
        return find(type, id, key::equals)
                .orElseThrow(() -> new IllegalArgumentException(
                        what + " must be one of " + ids(type, id) + ", got '" + s + "'"));
    }

    /**
     * The first constant, in declaration order, whose id passes a test.
     *
     * @param type the enum
     * @param id each constant's id
     * @param matches the test on an id
     * @param <E> the enum type
     * @return the constant, or empty when no id passes
     */
    public static <E extends Enum<E>> Optional<E> find(
            Class<E> type, Function<E, String> id, Predicate<String> matches) {
        for (E e : type.getEnumConstants()) {
            if (matches.test(id.apply(e))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The ids of all constants in declaration order, for messages.
     *
     * @param type the enum
     * @param id each constant's id
     * @param <E> the enum type
     * @return e.g. {@code "none, static, dynamic"}
     */
    public static <E extends Enum<E>> String ids(Class<E> type, Function<E, String> id) {
        StringJoiner j = new StringJoiner(", ");
        for (E e : type.getEnumConstants()) {
            j.add(id.apply(e));
        }
        return j.toString();
    }

    /**
     * A value as messages show it.
     *
     * @param s the value, may be null
     * @return {@code 's'}, or {@code null} unquoted, so that a missing value and the text
     *     {@code "null"} read differently
     */
    public static String quoted(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
