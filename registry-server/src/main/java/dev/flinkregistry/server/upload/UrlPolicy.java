package dev.flinkregistry.server.upload;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;

/**
 * Which URLs a JAR may be downloaded from, the first one and every redirect alike: absolute
 * http(s) URLs without credentials or dot segments, under an allowed prefix when prefixes are
 * configured, on a host the {@link AddressPolicy} lets through. Each URL is checked, and then
 * requested, in one canonical spelling.
 */
final class UrlPolicy {

    private final List<String> allowedPrefixes;
    private final AddressPolicy addresses;

    UrlPolicy(List<String> allowedPrefixes, AddressPolicy addresses) {
        this.allowedPrefixes = allowedPrefixes.stream().map(UrlPolicy::canonicalPrefix).toList();
        this.addresses = addresses;
    }

    /** The URL a user gave, checked; returned in the canonical form that will be fetched. */
    URI first(String url) {
        return checked(parse(url));
    }

    /** Where a 3xx answer points, resolved against the URL that gave it and checked like the first. */
    URI redirect(URI current, HttpResponse<?> response) {
        String location = response.headers().firstValue("Location").orElse("").trim();
        if (location.isEmpty()) {
            throw UrlFetchFailedException.failed(describe(current),
                    "it answered " + response.statusCode() + " without a Location to redirect to", null);
        }
        URI target;
        try {
            target = current.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw UrlFetchFailedException.failed(describe(current),
                    "it redirected to an invalid URL '" + location + "'", e);
        }
        return checked(target);
    }

    private URI checked(URI uri) {
        URI canonical = canonical(uri);
        String text = canonical.toString();
        if (!allowedPrefixes.isEmpty() && allowedPrefixes.stream().noneMatch(p -> matchesPrefix(text, p))) {
            throw new UrlNotAllowedException("The URL " + describe(canonical)
                    + " is not under any of the allowed URL prefixes " + allowedPrefixes);
        }
        try {
            addresses.check(canonical.getHost());
        } catch (UnknownHostException e) {
            throw UrlFetchFailedException.failed(describe(canonical),
                    "the host '" + canonical.getHost() + "' could not be resolved", e);
        }
        return canonical;
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new UrlNotAllowedException("No URL was given");
        }
        try {
            return new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new UrlNotAllowedException("'" + url + "' is not a valid URL: " + e.getReason());
        }
    }

    /**
     * Lower-cased scheme and host, no default port, no user info, no fragment, no dot segments:
     * the one spelling that prefixes are compared with and that is requested.
     */
    static URI canonical(URI uri) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || uri.isOpaque()) {
            throw new UrlNotAllowedException("'" + uri + "' is not an absolute http or https URL");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UrlNotAllowedException("Only http and https URLs can be downloaded, not " + scheme + " URLs");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UrlNotAllowedException("URLs with user credentials (user@host) are not allowed");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            // java.net.URI takes no host whose last label is a number unless it is a.b.c.d; say why when that is it.
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst(":[0-9]*$", "");
            String why = AddressPolicy.refusalOfName(authority).map(reason -> ": " + reason).orElse("");
            throw new UrlNotAllowedException("The URL '" + uri + "' has no valid host name" + why);
        }
        URI normalised = uri.normalize();
        for (String segment : normalised.getPath().split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new UrlNotAllowedException("URLs with '.' or '..' path segments are not allowed");
            }
        }
        String path = normalised.getRawPath().isEmpty() ? "/" : normalised.getRawPath();
        String query = normalised.getRawQuery() == null ? "" : "?" + normalised.getRawQuery();
        return URI.create(origin(scheme, uri.getHost(), uri.getPort()) + path + query);
    }

    /** A configured prefix with its scheme and host spelled as {@link #canonical} spells them. */
    static String canonicalPrefix(String prefix) {
        try {
            URI uri = new URI(prefix);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return prefix;
            }
            String rest = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return origin(uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost(), uri.getPort()) + rest;
        } catch (URISyntaxException e) {
            return prefix;
        }
    }

    /**
     * Whether the URL is under the prefix. The match must end at a boundary, so that
     * {@code https://bucket.example.com} does not admit {@code https://bucket.example.com.evil.org/}.
     */
    static boolean matchesPrefix(String url, String prefix) {
        if (!url.startsWith(prefix)) {
            return false;
        }
        if (url.length() == prefix.length() || prefix.endsWith("/")) {
            return true;
        }
        char next = url.charAt(prefix.length());
        return next == '/' || next == '?';
    }

    /** The URL without its query, which may hold a signature that has no place in messages and logs. */
    static String describe(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    }

    private static String origin(String scheme, String host, int port) {
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
