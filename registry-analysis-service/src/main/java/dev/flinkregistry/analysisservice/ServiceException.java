package dev.flinkregistry.analysisservice;

/** A request the service refuses, with the HTTP status and the stable code of its problem document. */
class ServiceException extends RuntimeException {

    private final int status;
    private final String code;

    ServiceException(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
