package dev.flinkregistry.server.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * What Tomcat does with a request before Spring sees it.
 *
 * <p>Tomcat reads a {@code POST} body sent as {@code application/x-www-form-urlencoded} (what
 * {@code curl --data-binary} sends by default) as form parameters the first time anyone asks for
 * a parameter, {@code ?name=} included: it consumes the JAR's bytes and, when they are not valid
 * form encoding, throws an exception that quotes them. The API has no form endpoints, so no body
 * is ever read as parameters; parameters come from the query string alone.
 *
 * <p>Tomcat answers some malformed requests itself, before any servlet runs; its report of them
 * is a problem document too ({@link ProblemReportValve}).
 */
@Component
class TomcatEdge implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setParseBodyMethods(""));
        factory.addContextCustomizers(context -> {
            // Tomcat adds its own HTML error report valve at start-up unless one of this class is there.
            StandardHost host = (StandardHost) context.getParent();
            host.setErrorReportValveClass(ProblemReportValve.class.getName());
            host.getPipeline().addValve(new ProblemReportValve());
        });
    }
}
