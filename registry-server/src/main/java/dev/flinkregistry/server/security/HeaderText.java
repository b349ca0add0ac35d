package dev.flinkregistry.server.security;

/**
 * The characters Spring Security's {@code StrictHttpFirewall} allows in header names and values
 * (every code point assigned in Unicode and not a control character; a value may also hold tabs),
 * checked in one pass instead of by its regular expression. The firewall checks a header each time
 * it is read, and a request with a bearer token reads {@code Authorization} several times: with an
 * OpenID Connect access token of about a kilobyte the expression cost more CPU than the whole resolve
 * it guarded. Printable ASCII, nearly every header's whole text, is decided by one comparison per
 * character; anything else by the same Unicode rules. {@code HeaderTextTest} checks the answers
 * against the firewall's own on every code point and on generated headers.
 */
final class HeaderText {

    private HeaderText() {}

    /** Whether the firewall may pass a header with this name. */
    static boolean allowedName(String name) {
        return allowed(name, false);
    }

    /** Whether the firewall may pass a header with this value. */
    static boolean allowedValue(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return text.substring(i).codePoints().allMatch(point -> allowed(point, tabAllowed));
            }
        }
        return true;
    }

    private static boolean allowed(int codePoint, boolean tabAllowed) {
        if (codePoint == '\t') {
            return tabAllowed;
        }
        return Character.getType(codePoint) != Character.UNASSIGNED && !Character.isISOControl(codePoint);
    }
}
