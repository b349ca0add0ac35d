package dev.flinkregistry.server.upload;

import dev.flinkregistry.server.RegistryException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** The request body is neither a JAR, a multipart form with a {@code file}, nor a JSON URL reference. */
public class UnsupportedUploadException extends RegistryException {

    private static final int SHOWN_CHARACTERS = 100;

    public UnsupportedUploadException(String contentType) {
        super(sent(contentType) + " is not accepted: send the JAR with 'Content-Type: application/java-archive' "
                + "(or application/octet-stream), as multipart/form-data with a 'file' part, or "
                + "{\"url\": …} as application/json" + curlHint(contentType));
    }

    @Override
    public String code() {
        return "UNSUPPORTED_MEDIA_TYPE";
    }

    private static String sent(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "A request without a Content-Type";
        }
        String printable = contentType.replaceAll("[^\\x20-\\x7e]", "?");
        return "Content type '" + (printable.length() > SHOWN_CHARACTERS
                ? printable.substring(0, SHOWN_CHARACTERS) + "…" : printable) + "'";
    }

    /** What {@code curl --data-binary @file.jar} sends unless told otherwise, which surprises everyone once. */
    private static String curlHint(String contentType) {
        boolean form;
        try {
            form = contentType == null || contentType.isBlank()
                    || MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException notAMediaType) {
            form = false;
        }
        return form ? "; curl --data-binary sends " + MediaType.APPLICATION_FORM_URLENCODED_VALUE
                + " unless given -H 'Content-Type: application/java-archive'" : "";
    }
}
