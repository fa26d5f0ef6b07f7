package org.vae4j.web;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which {@code Host} headers the server answers. Through DNS rebinding a page on another site can
 * make the browser send its requests here, but they then carry that site's name in {@code Host};
 * refusing names other than the loopback ones and the {@code --host} the server was started with
 * keeps such a page from reading the model's description or driving the API. The port is not
 * checked: an ssh tunnel ({@code localhost:9000 -> 8080}) is a legitimate way in.
 */
final class HostCheck {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f]*:[0-9a-f:.]*(%.+)?");

    private final Set<String> names = new LinkedHashSet<>();
    private final boolean anyAddress;

    /**
     * Serves the loopback names and {@code boundHost}.
     *
     * @param boundHost the interface the server listens on, e.g. {@code 127.0.0.1}, {@code
     *     myhost.lan} or {@code 0.0.0.0}
     */
    HostCheck(String boundHost) {
        names.add("127.0.0.1");
        names.add("localhost");
        names.add("::1");
        String bound = unbracket(boundHost.trim().toLowerCase(Locale.ROOT));
        // A wildcard bind is reached by this machine's addresses, which cannot be known here;
        // an IP literal in Host cannot come from DNS rebinding, so any address is accepted.
        anyAddress = bound.isEmpty() || bound.equals("0.0.0.0") || bound.equals("::")
                || bound.equals("0:0:0:0:0:0:0:0");
        if (!anyAddress) {
            names.add(bound);
        }
    }

    /**
     * Checks one request's {@code Host} header.
     *
     * @param hostHeader the header, or null if the request has none (HTTP/1.0 clients; no
     *     browser omits it)
     * @throws ApiError 421 naming the header and the names served
     */
    void check(String hostHeader) {
        if (hostHeader == null || allows(hostHeader)) {
            return;
        }
        throw new ApiError(421, "host \"" + hostHeader + "\" is not served here: this server"
                + " answers to " + served() + " (other names are refused against DNS"
                + " rebinding; start it with --host NAME to add one)");
    }

    /** Whether {@code Host: hostHeader} names this server (any port). */
    boolean allows(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        String name;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0 || !(end == h.length() - 1 || h.charAt(end + 1) == ':')) {
                return false;
            }
            name = h.substring(1, end);
        } else {
            int colon = h.indexOf(':');
            if (colon >= 0 && h.indexOf(':', colon + 1) >= 0) {
                return false; // an unbracketed IPv6 address is not a valid Host
            }
            name = colon < 0 ? h : h.substring(0, colon);
        }
        if (names.contains(name)) {
            return true;
        }
        return anyAddress && (IPV4.matcher(name).matches() || IPV6.matcher(name).matches());
    }

    private String served() {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(sb.length() == 0 ? "" : ", ").append(n.contains(":") ? "[" + n + "]" : n);
        }
        return sb + (anyAddress ? " or any IP address" : "") + ", with any port";
    }

    private static String unbracket(String h) {
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
